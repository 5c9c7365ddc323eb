# fw_extract: accuracy over the development corpus (label corpus), hostile
# pages and the fuzz target (fuzz), the benchmark (bench).
fw_script_test(extract_accuracy corpus ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/extract/extract_accuracy.py)
set_tests_properties(extract_accuracy PROPERTIES TIMEOUT 600)

# Fuzz target: libFuzzer with FW_FUZZ under clang, else a replay of the seeds.
set(FW_EXTRACT_SEEDS ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/extract_seeds)
if(FW_FUZZ AND CMAKE_C_COMPILER_ID STREQUAL "Clang")
  add_executable(fuzz_extract ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_extract.c)
  target_compile_options(fuzz_extract PRIVATE ${FW_WARN} -fsanitize=fuzzer)
  target_link_libraries(fuzz_extract PRIVATE feedwire -fsanitize=fuzzer)
  # libFuzzer writes new inputs into the first corpus dir: give it a scratch copy
  fw_script_test(fuzz_extract fuzz sh -c
    "rm -rf '${CMAKE_CURRENT_BINARY_DIR}/fuzz_extract_corpus' && cp -r '${FW_EXTRACT_SEEDS}' '${CMAKE_CURRENT_BINARY_DIR}/fuzz_extract_corpus' && '$<TARGET_FILE:fuzz_extract>' -max_total_time=20 -max_len=65536 -rss_limit_mb=1024 '${CMAKE_CURRENT_BINARY_DIR}/fuzz_extract_corpus'")
else()
  add_executable(fuzz_extract ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_extract.c ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay_extract.c)
  target_compile_options(fuzz_extract PRIVATE ${FW_WARN})
  target_link_libraries(fuzz_extract PRIVATE feedwire)
  fw_script_test(fuzz_extract fuzz $<TARGET_FILE:fuzz_extract> ${FW_EXTRACT_SEEDS})
endif()
set_tests_properties(fuzz_extract PROPERTIES TIMEOUT 120)

# Benchmark (label bench, run by scripts/bench.sh): figures and ratios only.
add_executable(bench_extract ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_extract.c)
target_compile_options(bench_extract PRIVATE ${FW_WARN})
target_link_libraries(bench_extract PRIVATE feedwire)
fw_script_test(bench_extract bench ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_extract.py $<TARGET_FILE:bench_extract>)
set_tests_properties(bench_extract PROPERTIES TIMEOUT 900)
