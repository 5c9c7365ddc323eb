# fw_geo / fw_tdate: accuracy over the corpus (needs build/gazetteer.idx from
# scripts/gazetteer.sh, else skipped), the speed benchmark with its Python peers,
# and bounded fuzz runs.
fw_c_test(corpus_geo ${CMAKE_CURRENT_SOURCE_DIR}/corpus/test_geo_corpus.c corpus)
fw_c_test(bench_geo_tdate ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_geo_tdate.c bench)
