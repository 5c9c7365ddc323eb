# Event coder (issue 8): accuracy over the event gold of ../shared/corpus (label corpus),
# speed (label bench), a bounded fuzz run (label fuzz). Floors: measured, rounded down a hair.
set(FW_CODE_PY "$ENV{HOME}/.cache/feedwire/venv/bin/python3")
if(DEFINED FW_VENV_PYTHON)
  set(FW_CODE_PY "${FW_VENV_PYTHON}")
endif()
fw_script_test(code_unittest_accuracy corpus
  ${FW_CODE_PY} ${CMAKE_CURRENT_SOURCE_DIR}/code_accuracy.py unittest --floor-exact 0.85)
fw_script_test(code_gsr_accuracy corpus
  ${FW_CODE_PY} ${CMAKE_CURRENT_SOURCE_DIR}/code_accuracy.py gsr --floor-exact 0.40 --floor-root 0.48)
fw_script_test(code_plover_accuracy corpus
  ${FW_CODE_PY} ${CMAKE_CURRENT_SOURCE_DIR}/code_accuracy.py plover --floor-plover 0.33 --floor-loc 0.25)

add_executable(bench_code ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_code.c)
target_compile_options(bench_code PRIVATE ${FW_WARN})
target_link_libraries(bench_code PRIVATE feedwire)
add_test(NAME bench_code COMMAND bench_code)
set_tests_properties(bench_code PROPERTIES LABELS bench ENVIRONMENT "${FW_TEST_ENV}")
