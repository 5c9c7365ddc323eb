# Sink and dedup: a stand-in pipeline driver used by the service scenarios and
# the benchmark; the scenarios themselves run in Python (kcat to consume,
# jsonschema to validate).
add_executable(sink_driver ${CMAKE_CURRENT_SOURCE_DIR}/sink/sink_driver.c)
target_compile_options(sink_driver PRIVATE ${FW_WARN})
target_link_libraries(sink_driver PRIVATE feedwire)
