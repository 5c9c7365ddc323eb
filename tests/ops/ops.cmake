# Operations: the systemd unit, install and packaging, the status tool, soak.
fw_script_test(ops_systemd_unit unit sh ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_systemd_unit.sh)
fw_script_test(ops_service_ports unit bash ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_service_ports.sh)
fw_script_test(ops_install unit sh ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_install.sh
  ${CMAKE_INSTALL_PREFIX} ${CMAKE_INSTALL_FULL_SBINDIR} ${CMAKE_INSTALL_FULL_BINDIR}
  ${CMAKE_INSTALL_FULL_SYSCONFDIR}/feedwire ${CMAKE_INSTALL_PREFIX}/${FW_UNITDIR})
# Builds a side tree with the prefix /usr (about a minute on 2 cores).
fw_script_test(ops_deb integration sh ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_deb.sh)
set_tests_properties(ops_deb PROPERTIES TIMEOUT 900)
fw_script_test(ops_dashboard unit ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_dashboard.py)
# Soak: about 10 minutes against the fixture servers (scripts/bench.sh provides the services).
fw_script_test(ops_soak bench bash ${CMAKE_CURRENT_SOURCE_DIR}/bench/soak.sh)
set_tests_properties(ops_soak PROPERTIES TIMEOUT 1200 RESOURCE_LOCK services)
# The unit's SystemCallFilter against the syscalls feedwired really makes (strace, real services).
fw_script_test(ops_syscalls integration bash ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_syscalls.sh)
set_tests_properties(ops_syscalls PROPERTIES TIMEOUT 120 RESOURCE_LOCK services)
# What metrics cost the loop (figures only).
add_executable(bench_metrics ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_metrics.c)
target_compile_options(bench_metrics PRIVATE ${FW_WARN})
target_link_libraries(bench_metrics PRIVATE feedwire)
fw_script_test(ops_bench_metrics bench $<TARGET_FILE:bench_metrics>)
# Every thread blocks SIGHUP/SIGTERM (else a reload can kill the daemon); real services.
fw_script_test(ops_signals integration bash ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_signals.sh)
set_tests_properties(ops_signals PROPERTIES TIMEOUT 60 RESOURCE_LOCK services)
# Secrets from a credentials directory reach Redis (over TLS, ACL user; its own
# redis-server with a throwaway certificate) and Kafka (SASL/PLAIN listener).
fw_script_test(ops_secrets_tls integration bash ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_secrets_tls.sh)
set_tests_properties(ops_secrets_tls PROPERTIES TIMEOUT 180 RESOURCE_LOCK services)
# feedwire tail like kcat: envelope, format, offsets, exit codes.
fw_script_test(ops_tail integration bash ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_tail.sh)
set_tests_properties(ops_tail PROPERTIES TIMEOUT 120 RESOURCE_LOCK services)
# Schema compatibility policy: additive within a major version.
fw_script_test(ops_schemas unit ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_schemas.py)
# Metric conventions: series from the first scrape, per_feed switch, process_*, reload metrics.
fw_script_test(ops_metrics_conventions unit bash ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_metrics_conventions.sh)
set_tests_properties(ops_metrics_conventions PROPERTIES TIMEOUT 60)
# --version everywhere, usage errors exit 2, config show --json.
fw_script_test(ops_cli_conventions unit bash ${CMAKE_CURRENT_SOURCE_DIR}/ops/test_cli_conventions.sh)
