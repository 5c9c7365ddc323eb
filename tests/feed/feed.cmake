# Feed parser (issue 7): conformance over the corpus, fuzzing, benchmark.
if(DEFINED FW_VENV_PYTHON)
  set(FW_FEED_PY ${FW_VENV_PYTHON})
else()
  set(FW_FEED_PY $ENV{HOME}/.cache/feedwire/venv/bin/python3)
endif()

fw_script_test(corpus_feed_conformance corpus ${FW_FEED_PY} ${CMAKE_CURRENT_SOURCE_DIR}/feed/conformance.py)

# Fuzzing: libFuzzer under clang with sanitizers, else a replay of the seeds.
# The module's sources are compiled into the target so libFuzzer sees their
# coverage; new inputs go to the build tree, never into the shared corpus.
set(FW_FEED_FUZZ_SRC ${CMAKE_SOURCE_DIR}/daemon/feed/fw_feed.c ${CMAKE_SOURCE_DIR}/daemon/feed/fw_sanitize.c
    ${CMAKE_SOURCE_DIR}/daemon/core/fw_date.c ${CMAKE_SOURCE_DIR}/daemon/core/fw_cal.c ${CMAKE_SOURCE_DIR}/daemon/core/fw_buf.c ${CMAKE_SOURCE_DIR}/daemon/core/fw_err.c)
set(FW_FEED_SEEDS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/feed_seeds ${FW_CORPUS_DIR}/feedparser-tests ${FW_CORPUS_DIR}/gofeed-testdata ${FW_CORPUS_DIR}/feed-rs-fixtures)
if(CMAKE_C_COMPILER_ID STREQUAL "Clang" AND FW_SANITIZE)
  add_executable(fuzz_feed ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_feed.c ${FW_FEED_FUZZ_SRC})
  target_compile_options(fuzz_feed PRIVATE ${FW_WARN} -fsanitize=fuzzer)
  target_link_options(fuzz_feed PRIVATE -fsanitize=fuzzer)
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz_feed_corpus)
  set(FW_FEED_FUZZ_CMD fuzz_feed -max_total_time=20 -timeout=10 -rss_limit_mb=2048 -max_len=65536
      -artifact_prefix=${CMAKE_BINARY_DIR}/fuzz_feed_
      ${CMAKE_BINARY_DIR}/fuzz_feed_corpus ${FW_FEED_SEEDS})
else()
  add_executable(fuzz_feed ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_feed.c ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay_main.c
                 ${FW_FEED_FUZZ_SRC})
  target_compile_options(fuzz_feed PRIVATE ${FW_WARN})
  set(FW_FEED_FUZZ_CMD fuzz_feed ${FW_FEED_SEEDS})
endif()
target_include_directories(fuzz_feed PRIVATE ${CMAKE_SOURCE_DIR}/include ${CMAKE_BINARY_DIR}/gen)
target_compile_definitions(fuzz_feed PRIVATE _GNU_SOURCE)
target_link_libraries(fuzz_feed PRIVATE PkgConfig::FWDEPS m)
fw_script_test(fuzz_feed fuzz ${FW_FEED_FUZZ_CMD})

# Benchmark (label bench, figures only): feedwire in-process vs feedparser.
add_executable(bench_feed ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_feed.c)
target_compile_options(bench_feed PRIVATE ${FW_WARN})
target_link_libraries(bench_feed PRIVATE feedwire)
fw_script_test(bench_feed bench ${FW_FEED_PY} ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_feed.py $<TARGET_FILE:bench_feed>)

fw_script_test(feed_tool unit sh ${CMAKE_CURRENT_SOURCE_DIR}/feed/tool_feed.sh)
