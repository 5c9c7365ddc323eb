# fw_geo / fw_tdate: accuracy over the corpus (needs build/gazetteer.idx from
# scripts/gazetteer.sh, else skipped), the speed benchmark with its Python peers,
# and bounded fuzz runs.
fw_script_test(geo_tool unit sh ${CMAKE_CURRENT_SOURCE_DIR}/geo/geo_tool.sh)
fw_c_test(corpus_geo ${CMAKE_CURRENT_SOURCE_DIR}/geo/geo_corpus.c corpus)
fw_c_test(bench_geo_tdate ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_geo_tdate.c bench)

# Fuzz targets: libFuzzer under clang with FW_SANITIZE (the module sources are compiled
# into the target so libFuzzer sees their coverage), else a replay of the seeds.
set(geo_fuzz_srcs ${CMAKE_SOURCE_DIR}/daemon/code/fw_tdate.c ${CMAKE_SOURCE_DIR}/daemon/core/fw_cal.c ${CMAKE_SOURCE_DIR}/daemon/geo/fw_geo.c
  ${CMAKE_SOURCE_DIR}/daemon/geo/fw_geo_build.c)
foreach(t tdate geo_text geo_index)
  set(seeds ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/seeds_${t})
  if(CMAKE_C_COMPILER_ID STREQUAL "Clang" AND FW_SANITIZE)
    add_executable(fuzz_${t} fuzz/fuzz_${t}.c ${geo_fuzz_srcs})
    target_compile_options(fuzz_${t} PRIVATE ${FW_WARN} -fsanitize=fuzzer)
    target_link_options(fuzz_${t} PRIVATE -fsanitize=fuzzer)
    set(work ${CMAKE_CURRENT_BINARY_DIR}/fuzz_${t}_corpus)
    file(MAKE_DIRECTORY ${work})
    add_test(NAME fuzz_${t} COMMAND fuzz_${t} -max_total_time=20 -rss_limit_mb=1024 ${work} ${seeds})
  else()
    add_executable(fuzz_${t} fuzz/fuzz_${t}.c fuzz/geo_replay_main.c)
    target_compile_options(fuzz_${t} PRIVATE ${FW_WARN})
    add_test(NAME fuzz_${t} COMMAND fuzz_${t} ${seeds})
  endif()
  target_link_libraries(fuzz_${t} PRIVATE feedwire)
  set_tests_properties(fuzz_${t} PROPERTIES LABELS fuzz ENVIRONMENT "${FW_TEST_ENV}" SKIP_RETURN_CODE 77)
endforeach()
