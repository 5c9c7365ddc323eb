# fw_extract: accuracy over the development corpus (label corpus), hostile
# pages and the fuzz target (fuzz), the benchmark (bench).
if(DEFINED FW_VENV_PYTHON)
  set(FW_EXTRACT_PY "${FW_VENV_PYTHON}")
else()
  set(FW_EXTRACT_PY "$ENV{HOME}/.cache/feedwire/venv/bin/python3")
endif()

fw_script_test(extract_accuracy corpus ${FW_EXTRACT_PY} ${CMAKE_CURRENT_SOURCE_DIR}/extract_accuracy.py)
set_tests_properties(extract_accuracy PROPERTIES TIMEOUT 600)
