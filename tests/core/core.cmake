# The record (fw_record): the sink and `feedwire events` send the same bytes for
# the same event, and both match conf/schemas. The sink side runs against
# librdkafka's mock cluster: no services needed.
add_executable(record_sink ${CMAKE_CURRENT_SOURCE_DIR}/core/record_sink.c)
target_compile_options(record_sink PRIVATE ${FW_WARN})
target_link_libraries(record_sink PRIVATE feedwire)
fw_script_test(unit_record_schema unit ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/core/record_schema.py)

# Issue 15: Redis behind Sentinel (a real master, replica and redis-sentinel);
# the master killed mid-run, the daemon follows the failover, nothing lost.
fw_script_test(integration_sentinel integration ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/core/sentinel.py)
set_tests_properties(integration_sentinel PROPERTIES RESOURCE_LOCK services TIMEOUT 150)
