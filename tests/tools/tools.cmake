# The operator's tool: every subcommand answers --help with exit 0, usage errors exit 2.
# (Each subcommand's own checks sit with its stage: code/code_tool.sh, feed/tool_feed.sh,
# geo/geo_tool.sh, sink/tool_delivery.sh; `feedwire status`: tools/test_status.c.)
fw_script_test(tool_cli unit sh ${CMAKE_CURRENT_SOURCE_DIR}/tools/tool_cli.sh)
