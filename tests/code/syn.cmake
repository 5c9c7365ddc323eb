# fw_syn (issue 13, grammar): tagging and role accuracy over the PETRARCH trees of
# ../shared/corpus (label corpus; floors inside the test), speed (label bench).
# Both need the tagger data: scripts/postag.sh writes build/postag-en.txt.
add_executable(test_syn_corpus ${CMAKE_CURRENT_SOURCE_DIR}/code/corpus_syn.c)
target_compile_options(test_syn_corpus PRIVATE ${FW_WARN})
target_link_libraries(test_syn_corpus PRIVATE feedwire)
add_test(NAME syn_corpus COMMAND test_syn_corpus)
set_tests_properties(syn_corpus PROPERTIES LABELS corpus ENVIRONMENT "${FW_TEST_ENV}" SKIP_RETURN_CODE 77)
