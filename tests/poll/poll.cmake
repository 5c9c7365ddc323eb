# Scheduler/fetcher tests against the fixture HTTP server (tests/fixtures/httpd.py,
# 127.0.0.1 only, started and stopped by each test binary). No Redis/Kafka needed.
if(DEFINED FW_VENV_PYTHON)
  set(FW_FETCH_PYTHON "${FW_VENV_PYTHON}")
else()
  set(FW_FETCH_PYTHON "$ENV{HOME}/.cache/feedwire/venv/bin/python3")
endif()

fw_c_test(fetch_http ${CMAKE_CURRENT_SOURCE_DIR}/poll/fetch_http.c integration fetch)
set_tests_properties(fetch_http PROPERTIES TIMEOUT 120
  ENVIRONMENT "${FW_TEST_ENV};FW_PYTHON=${FW_FETCH_PYTHON}")

# 1,000 feeds on the fixture server: polls/s, CPU per 1,000 polls, RSS; idle cost.
add_executable(bench_sched ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_sched.c)
target_compile_options(bench_sched PRIVATE ${FW_WARN})
target_link_libraries(bench_sched PRIVATE feedwire)
add_test(NAME bench_sched COMMAND bench_sched)
set_tests_properties(bench_sched PROPERTIES LABELS "bench;fetch" TIMEOUT 120 SKIP_RETURN_CODE 77
  ENVIRONMENT "${FW_TEST_ENV};FW_PYTHON=${FW_FETCH_PYTHON}")

# Fuzz targets over what the network or a store feeds in: robots.txt, the feed
# list (text/OPML), per-feed state blobs. libFuzzer under clang+sanitizers
# (bounded run; new inputs go to the build tree), else a replay of the seeds.
set(fuzz_src_robots poll/fw_robots.c)
set(fuzz_src_feedlist poll/fw_feedlist.c)
set(fuzz_src_sched_state poll/fw_sched_state.c)
foreach(t robots feedlist sched_state)
  set(seeds ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/seeds/${t})
  add_executable(fuzz_${t} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${t}.c)
  target_compile_options(fuzz_${t} PRIVATE ${FW_WARN})
  target_link_libraries(fuzz_${t} PRIVATE feedwire)
  if(CMAKE_C_COMPILER_ID STREQUAL "Clang" AND FW_SANITIZE)
    # the module under test is compiled in again with coverage (its objects
    # then win over the library's), the rest comes from libfeedwire
    target_sources(fuzz_${t} PRIVATE ${CMAKE_SOURCE_DIR}/daemon/${fuzz_src_${t}})
    target_compile_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
    set(work ${CMAKE_CURRENT_BINARY_DIR}/fuzz-corpus/${t})
    file(MAKE_DIRECTORY ${work})
    add_test(NAME fuzz_${t} COMMAND fuzz_${t} -max_total_time=15 -rss_limit_mb=1024 -max_len=65536 ${work} ${seeds})
  else()
    target_sources(fuzz_${t} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fetch_replay_main.c)
    add_test(NAME fuzz_${t} COMMAND fuzz_${t} ${seeds})
  endif()
  set_tests_properties(fuzz_${t} PROPERTIES LABELS "fuzz;fetch" TIMEOUT 120 ENVIRONMENT "${FW_TEST_ENV}")
endforeach()

# Issue 15: 3 feedwired share 300 feeds through the consumer group of the feed
# topic (real broker, Redis, a fixture site on 20 loopback hosts): exclusive
# owners, a SIGKILL taken over, a late daemon takes a share, no article lost.
fw_script_test(integration_cluster integration ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/poll/cluster.py)
set_tests_properties(integration_cluster PROPERTIES RESOURCE_LOCK services TIMEOUT 180)

# Cluster mode on this machine: 1, 2, 3 daemons over 3,000 feeds: polls/s, CPU
# per 1,000 polls, time from a SIGKILL to the last orphaned feed polled again.
fw_script_test(bench_cluster bench ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_cluster.py)
set_tests_properties(bench_cluster PROPERTIES RESOURCE_LOCK services TIMEOUT 480)
