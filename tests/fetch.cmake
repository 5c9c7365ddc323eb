# Scheduler/fetcher tests against the fixture HTTP server (tests/fixtures/httpd.py,
# 127.0.0.1 only, started and stopped by each test binary). No Redis/Kafka needed.
if(DEFINED FW_VENV_PYTHON)
  set(FW_FETCH_PYTHON "${FW_VENV_PYTHON}")
else()
  set(FW_FETCH_PYTHON "$ENV{HOME}/.cache/feedwire/venv/bin/python3")
endif()

fw_c_test(fetch_http ${CMAKE_CURRENT_SOURCE_DIR}/fetch/test_fetch_http.c integration fetch)
set_tests_properties(fetch_http PROPERTIES TIMEOUT 120
  ENVIRONMENT "${FW_TEST_ENV};FW_PYTHON=${FW_FETCH_PYTHON}")
