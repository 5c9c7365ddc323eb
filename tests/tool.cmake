# The operator's tool: every subcommand answers --help with exit 0, usage errors exit 2.
fw_script_test(tool_cli unit sh ${CMAKE_CURRENT_SOURCE_DIR}/tool_cli.sh)
