# Issue 17: the daemon attacked on loopback (fixture sites in the test, the
# real broker and Redis): robots/politeness per origin, log injection, metrics
# equal to the topics with the alert rules evaluated by promtool over the
# scraped series, a slow host beside healthy ones, big feeds and big articles,
# restarts while Redis is down. Several minutes; services required.
fw_script_test(integration_attack integration ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/integration/attack.py)
set_tests_properties(integration_attack PROPERTIES RESOURCE_LOCK services TIMEOUT 1200)
