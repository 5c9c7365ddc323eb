# The pipe. Its flow driven by fake stages through the seam of
# daemon/pipe/fw_pipe_int.h (pipe/test_pipe_flow.c, registered as unit_test_pipe_flow
# with the other tests/<room>/test_*.c): no services.
target_include_directories(unit_test_pipe_flow PRIVATE ${CMAKE_SOURCE_DIR}/daemon/pipe)

# End to end over the real services (issue: every article on Kafka once, none lost).
fw_script_test(integration_e2e_pipeline integration ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/pipe/e2e_pipeline.py)
set_tests_properties(integration_e2e_pipeline PROPERTIES RESOURCE_LOCK services TIMEOUT 900)

# End-to-end throughput (fixture server -> extraction -> Kafka ack): figures only.
fw_script_test(bench_e2e bench ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_e2e.py)
set_tests_properties(bench_e2e PROPERTIES RESOURCE_LOCK services TIMEOUT 400)

# A 404 reaches the dead-letter topic saying what failed (URL, feed, status, stage,
# Kafka Connect headers); read back with `feedwire tail --json`.
fw_script_test(integration_deadletter_404 integration ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/pipe/deadletter_404.py)
set_tests_properties(integration_deadletter_404 PROPERTIES RESOURCE_LOCK services TIMEOUT 180)

# Issue 17: the daemon attacked on loopback (fixture sites in the test, the
# real broker and Redis): log injection, metrics equal to the topics with the
# alert rules evaluated by promtool over the scraped series, a slow host beside
# healthy ones, big feeds and big articles, restarts while Redis is down.
fw_script_test(integration_attack integration ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/pipe/attack.py)
set_tests_properties(integration_attack PROPERTIES RESOURCE_LOCK services TIMEOUT 1200)
