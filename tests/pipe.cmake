# The pipe: its flow driven by fake stages through the seam of
# daemon/pipe/fw_pipe_int.h (no services); the daemon end to end is
# tests/integration/e2e_pipeline.py.
fw_c_test(unit_test_pipe_flow ${CMAKE_CURRENT_SOURCE_DIR}/pipe/test_pipe_flow.c unit)
target_include_directories(unit_test_pipe_flow PRIVATE ${CMAKE_SOURCE_DIR}/daemon/pipe)
