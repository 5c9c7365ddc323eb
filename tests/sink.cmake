# Sink and dedup: a stand-in pipeline driver used by the service scenarios and
# the benchmark; the scenarios themselves run in Python (kcat to consume,
# jsonschema to validate).
add_executable(sink_driver ${CMAKE_CURRENT_SOURCE_DIR}/sink/sink_driver.c)
target_compile_options(sink_driver PRIVATE ${FW_WARN})
target_link_libraries(sink_driver PRIVATE feedwire)

# Scenarios (a)-(e) against the real broker and Redis of scripts/services.sh.
fw_script_test(integration_sink_services integration
  ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/sink/test_sink_services.py)
set_tests_properties(integration_sink_services PROPERTIES RESOURCE_LOCK services TIMEOUT 900)

# Benchmark (label bench, run by scripts/bench.sh): dedup checks/s and
# produce-to-ack messages/s on the real services, peak RSS, and the same
# work done by peers (redis-benchmark, kcat) for a ratio.
add_executable(bench_sink ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_sink.c)
target_compile_options(bench_sink PRIVATE ${FW_WARN})
target_link_libraries(bench_sink PRIVATE feedwire)
fw_script_test(bench_sink bench ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_sink.py)
set_tests_properties(bench_sink PROPERTIES RESOURCE_LOCK services TIMEOUT 900)

# The operator's view: feedwire delivery url|id|text|spool.
fw_script_test(tool_delivery unit sh ${CMAKE_CURRENT_SOURCE_DIR}/sink/tool_delivery.sh)
