# Incidents (daemon/incident): unit_test_incident and integration_test_incident_redis
# come from test_*.c / itest_*.c; here the benchmark (label bench, run by
# scripts/bench.sh): merge decisions/s with 100,000 incidents in the horizon on
# the real Redis, round trips included, and bare round trips/s for a ratio.
add_executable(bench_incident ${CMAKE_CURRENT_SOURCE_DIR}/bench/bench_incident.c)
target_compile_options(bench_incident PRIVATE ${FW_WARN})
target_link_libraries(bench_incident PRIVATE feedwire)
add_test(NAME bench_incident COMMAND bench_incident)
set_tests_properties(bench_incident PROPERTIES LABELS bench ENVIRONMENT "${FW_TEST_ENV}" SKIP_RETURN_CODE 77
  RESOURCE_LOCK services TIMEOUT 900)

# The operator's view: feedwire incidents --merge (in memory, no services).
fw_script_test(tool_incidents unit sh ${CMAKE_CURRENT_SOURCE_DIR}/incident/tool_incidents.sh)

# Accuracy (label corpus): pairwise precision and recall of the merges over the hand-labelled
# gold of corpus articles telling the same happenings (tests/incident/gold). Floors: measured,
# they only go up (targets 0.90 and 0.75). The one exception: recall 0.36 -> 0.29 when the coder
# stopped coding "Prince Andrew has left himself open to prosecution" as a journey (CONSULT); the
# gold, labelled on the events the coder emitted, had counted that junk event as a mention of his
# BBC interview. Relabelled since on the events a careful coder codes (a disease diagnosed, people
# quarantined or hospitalised with no actor named, a commentator's remark are none; the gold's
# "about" says so): recall 0.417.
fw_script_test(incident_gold corpus
  ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/incident/incident_gold.py --min-precision 1.00 --min-recall 0.41)

# The same gold events through the Redis store (scripts/services.sh, a scratch key prefix): the
# same incidents, event by event, as the in-memory merge above.
fw_script_test(integration_incident_store_gold integration
  ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/incident/incident_gold.py --compare-store --min-precision 1.00 --min-recall 0.41)
set_tests_properties(integration_incident_store_gold PROPERTIES TIMEOUT 120)

# End to end (issue 16): two feeds of two sites report one happening (tests/fixtures/incident on
# the snapshot server); feedwired with incident.enabled gives their events one incident id and
# the incident topic one incident with two mentions.
fw_script_test(integration_e2e_incident integration ${FW_VENV_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/incident/e2e_incident.py)
set_tests_properties(integration_e2e_incident PROPERTIES RESOURCE_LOCK services TIMEOUT 240)
