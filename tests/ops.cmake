# Operations: the systemd unit, install and packaging, the status tool, soak.
fw_script_test(ops_systemd_unit unit sh ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_systemd_unit.sh)
