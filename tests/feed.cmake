# Feed parser (issue 7): conformance over the corpus, fuzzing, benchmark.
if(DEFINED FW_VENV_PYTHON)
  set(FW_FEED_PY ${FW_VENV_PYTHON})
else()
  set(FW_FEED_PY $ENV{HOME}/.cache/feedwire/venv/bin/python3)
endif()

fw_script_test(corpus_feed_conformance corpus ${FW_FEED_PY} ${CMAKE_CURRENT_SOURCE_DIR}/feed/conformance.py)
