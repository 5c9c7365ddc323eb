# The operator's tool: every subcommand answers --help with exit 0, usage errors exit 2.
fw_script_test(tool_cli unit sh ${CMAKE_CURRENT_SOURCE_DIR}/tool_cli.sh)

# End to end over the real services (issue: every article on Kafka once, none lost).
fw_script_test(integration_e2e_pipeline integration ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/e2e_pipeline.py)
set_tests_properties(integration_e2e_pipeline PROPERTIES RESOURCE_LOCK services TIMEOUT 900)

# End-to-end throughput (fixture server -> extraction -> Kafka ack): figures only.
fw_script_test(bench_e2e bench ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_e2e.py)
set_tests_properties(bench_e2e PROPERTIES RESOURCE_LOCK services TIMEOUT 400)
