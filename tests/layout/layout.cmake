# Includes follow the data (docs/internals/pipeline.md): no stage includes
# another folder's private header or a downstream stage's header; core
# includes no stage. The self-test proves each rule fires.
fw_script_test(layout_includes unit ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/layout/check_includes.py ${CMAKE_SOURCE_DIR})
fw_script_test(layout_includes_selftest unit ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/layout/check_includes.py --self-test)
