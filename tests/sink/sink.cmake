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

# Fuzz: URL normalization and fingerprints. libFuzzer (bounded run) under
# clang with sanitizers, else a replay of the seeds.
set(FW_URL_SEEDS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/seeds/url)
if(CMAKE_C_COMPILER_ID MATCHES "Clang" AND FW_SANITIZE)
  add_executable(fuzz_url ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_url.c)
  target_compile_options(fuzz_url PRIVATE ${FW_WARN} -fsanitize=fuzzer)
  target_link_options(fuzz_url PRIVATE -fsanitize=fuzzer)
  target_link_libraries(fuzz_url PRIVATE feedwire)
  file(MAKE_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/fuzz_url_corpus)
  fw_script_test(fuzz_url fuzz $<TARGET_FILE:fuzz_url> -max_total_time=20 -max_len=4096
    ${CMAKE_CURRENT_BINARY_DIR}/fuzz_url_corpus ${FW_URL_SEEDS})
else()
  add_executable(fuzz_url ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_url.c ${CMAKE_CURRENT_SOURCE_DIR}/sink/fuzz_replay.c)
  target_compile_options(fuzz_url PRIVATE ${FW_WARN})
  target_link_libraries(fuzz_url PRIVATE feedwire)
  fw_script_test(fuzz_url fuzz $<TARGET_FILE:fuzz_url> ${FW_URL_SEEDS})
endif()
