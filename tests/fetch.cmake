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

# 1,000 feeds on the fixture server: polls/s, CPU per 1,000 polls, RSS; idle cost.
add_executable(bench_sched ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_sched.c)
target_compile_options(bench_sched PRIVATE ${FW_WARN})
target_link_libraries(bench_sched PRIVATE feedwire)
add_test(NAME bench_sched COMMAND bench_sched)
set_tests_properties(bench_sched PROPERTIES LABELS "bench;fetch" TIMEOUT 120 SKIP_RETURN_CODE 77
  ENVIRONMENT "${FW_TEST_ENV};FW_PYTHON=${FW_FETCH_PYTHON}")
