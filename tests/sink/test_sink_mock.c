/* fw_sink against librdkafka's mock cluster (no services needed): delivery,
 * injected retriable, permanent and fatal errors, a broker down with a full
 * producer queue, and the spool delivering a stopped sink's units after a
 * restart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedwire/fw_conf.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_loop.h"
#include "feedwire/fw_sink.h"

#define API_PRODUCE 0
#define API_INIT_PRODUCER_ID 22

struct env {
    rd_kafka_t *mock_rk;
    rd_kafka_mock_cluster_t *mc;
    struct fw_conf conf;
    struct fw_loop *loop;
    struct fw_sink *sink;
    char dir[128];
    int done, delivered, deadlettered, replayed, pauses;
};

static void on_done(void *arg, const char *id, const char *mark, enum fw_sink_outcome out, uint64_t unit)
{
    struct env *e = arg;
    e->done++;
    if (out == FW_SINK_DELIVERED) e->delivered++;
    else e->deadlettered++;
    assert_non_null(mark);
    assert_true(strstr(mark, id) != NULL);
    fw_sink_settle(e->sink, unit);
}

static void on_pause(void *arg, int paused)
{
    ((struct env *)arg)->pauses++;
}

static void on_replay(void *arg, const char *id, const char *mark)
{
    ((struct env *)arg)->replayed++;
}

static void on_drained(struct fw_loop *loop, void *arg)
{
    (*(int *)arg)++;
}

static void set(struct env *e, const char *k, const char *v)
{
    char err[256];
    if (fw_conf_set(&e->conf, k, v, err, sizeof err) != FW_OK) fail_msg("%s", err);
}

static void open_sink(struct env *e)
{
    struct fw_sink_callbacks cbs = {.done = on_done, .pause = on_pause, .replay = on_replay, .arg = e};
    char err[512];
    if (fw_sink_new(e->loop, &e->conf, &cbs, &e->sink, err, sizeof err) != FW_OK) fail_msg("%s", err);
    fw_sink_start(e->sink);
}

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof *e);
    char err[256];
    fw_log_init(LOG_WARNING, NULL, 0);
    rd_kafka_conf_t *kc = rd_kafka_conf_new();
    rd_kafka_conf_set(kc, "log_level", "0", err, sizeof err);
    e->mock_rk = rd_kafka_new(RD_KAFKA_PRODUCER, kc, err, sizeof err);
    assert_non_null(e->mock_rk);
    e->mc = rd_kafka_mock_cluster_new(e->mock_rk, 1);
    assert_non_null(e->mc);
    rd_kafka_mock_topic_create(e->mc, "t.articles", 2, 1);
    rd_kafka_mock_topic_create(e->mc, "t.events", 2, 1);
    rd_kafka_mock_topic_create(e->mc, "t.dlq", 1, 1);
    fw_conf_init(&e->conf);
    snprintf(e->dir, sizeof e->dir, "/tmp/fw-sink-mock-XXXXXX");
    assert_non_null(mkdtemp(e->dir));
    set(e, "daemon.state_dir", e->dir);
    set(e, "sink.topic_articles", "t.articles");
    set(e, "sink.topic_events", "t.events");
    set(e, "sink.topic_dlq", "t.dlq");
    set(e, "daemon.drain_timeout", "2000");
    set(e, "kafka.bootstrap.servers", rd_kafka_mock_cluster_bootstraps(e->mc));
    set(e, "kafka.retry.backoff.ms", "10");
    e->loop = fw_loop_new();
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    char cmd[200];
    fw_sink_free(e->sink);
    fw_loop_free(e->loop);
    fw_conf_fini(&e->conf);
    rd_kafka_mock_cluster_destroy(e->mc);
    rd_kafka_destroy(e->mock_rk);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", e->dir);
    int rc = system(cmd);
    free(e);
    return rc == 0 ? 0 : -1;
}

static enum fw_err publish(struct env *e, int i)
{
    char id[32], url[64], mark[64], err[256];
    snprintf(id, sizeof id, "art-%04d", i);
    snprintf(url, sizeof url, "https://mock.example/%d", i);
    snprintf(mark, sizeof mark, "mark-of-%s", id);
    struct fw_event evs[2];
    fw_event_init(&evs[0]);
    fw_event_init(&evs[1]);
    snprintf(evs[0].id, sizeof evs[0].id, "art-%04d-e0", i);
    snprintf(evs[1].id, sizeof evs[1].id, "art-%04d-e1", i);
    evs[1].killed = 2;
    struct fw_record_article a = {.id = id, .url = url, .title = "t", .text = "some text", .fetched_at_ms = fw_wall_ms(),
                                  .events = evs, .nevents = 2};
    return fw_sink_publish(e->sink, &a, mark, err, sizeof err);
}

static void run_until_done(struct env *e, int n, int timeout_ms)
{
    uint64_t end = fw_now_ms() + (uint64_t)timeout_ms;
    while (e->done < n && fw_now_ms() < end) fw_loop_once(e->loop, 50);
    if (e->done < n) fail_msg("only %d of %d units done", e->done, n);
}

static void test_delivery(void **state)
{
    struct env *e = *state;
    open_sink(e);
    for (int i = 0; i < 100; i++) assert_int_equal(publish(e, i), FW_OK);
    run_until_done(e, 100, 20000);
    struct fw_sink_stats st;
    fw_sink_get_stats(e->sink, &st);
    assert_int_equal(e->delivered, 100);
    assert_int_equal(st.msgs_acked, 300);
    assert_int_equal(st.units_in_flight, 0);
    assert_int_equal(st.units_unsettled, 0);
    assert_int_equal(st.dropped, 0);
}

/* Enough retriable Produce errors that librdkafka's own retries run out
 * (message.timeout.ms short): the sink retries by message status. */
static void test_retriable_errors(void **state)
{
    struct env *e = *state;
    set(e, "kafka.message.timeout.ms", "300");
    open_sink(e);
    rd_kafka_resp_err_t errs[400];
    for (int i = 0; i < 400; i++) errs[i] = RD_KAFKA_RESP_ERR_NOT_ENOUGH_REPLICAS;
    rd_kafka_mock_push_request_errors_array(e->mc, API_PRODUCE, 400, errs);
    for (int i = 0; i < 50; i++) assert_int_equal(publish(e, i), FW_OK);
    run_until_done(e, 50, 60000);
    struct fw_sink_stats st;
    fw_sink_get_stats(e->sink, &st);
    print_message("retries %llu (possibly persisted %llu), recreated %llu\n", (unsigned long long)st.retries,
                  (unsigned long long)st.possibly_persisted, (unsigned long long)st.recreated);
    assert_int_equal(e->delivered, 50);
    assert_true(st.retries > 0);
}

/* A permanent error: the messages go to the dead-letter topic, the units are
 * done (dead-lettered), nothing is dropped. */
static void test_permanent_error(void **state)
{
    struct env *e = *state;
    open_sink(e);
    rd_kafka_mock_push_request_errors(e->mc, API_PRODUCE, 1, RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE);
    for (int i = 0; i < 20; i++) assert_int_equal(publish(e, i), FW_OK);
    run_until_done(e, 20, 20000);
    struct fw_sink_stats st;
    fw_sink_get_stats(e->sink, &st);
    print_message("delivered %d, dead-lettered %d\n", e->delivered, e->deadlettered);
    assert_true(e->deadlettered >= 1);
    assert_int_equal(e->delivered + e->deadlettered, 20);
    assert_int_equal(st.dropped, 0);
    /* the pipeline's own dead letters */
    struct fw_sink_failure f = {.key = "art-x", .stage = "extract", .reason = "extraction failed",
                                .payload = "<html>", .n = 6};
    assert_int_equal(fw_sink_deadletter(e->sink, &f, "mark-of-art-x", NULL, 0), FW_OK);
    run_until_done(e, 21, 20000);
}

/* A fatal idempotence error (InitProducerId refused): the producer is
 * recreated and every message is delivered. */
static void test_fatal_recreates(void **state)
{
    struct env *e = *state;
    rd_kafka_mock_push_request_errors(e->mc, API_INIT_PRODUCER_ID, 1,
                                      RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED);
    open_sink(e);
    for (int i = 0; i < 30; i++) assert_int_equal(publish(e, i), FW_OK);
    run_until_done(e, 30, 30000);
    struct fw_sink_stats st;
    fw_sink_get_stats(e->sink, &st);
    print_message("recreated %llu\n", (unsigned long long)st.recreated);
    assert_true(st.recreated >= 1);
    assert_int_equal(e->delivered, 30);
}

/* Broker down, producer queue bounded at 100 messages: QUEUE_FULL holds the
 * rest, nothing is dropped; the sink is stopped (as on SIGTERM after the
 * drain timeout) and a new one delivers everything from the spool. */
static void test_outage_queue_full_and_spool_replay(void **state)
{
    struct env *e = *state;
    set(e, "sink.queue_max_msgs", "100");
    rd_kafka_mock_broker_set_down(e->mc, 1);
    open_sink(e);
    for (int i = 0; i < 200; i++) assert_int_equal(publish(e, i), FW_OK);
    for (int i = 0; i < 20; i++) fw_loop_once(e->loop, 50);
    struct fw_sink_stats st;
    fw_sink_get_stats(e->sink, &st);
    assert_true(st.queue_full > 0);
    assert_int_equal(e->done, 0);
    assert_int_equal(st.units_in_flight, 200);
    int drained = 0;
    fw_sink_drain(e->sink, on_drained, &drained);
    assert_int_equal(publish(e, 999), FW_E_REFUSED);
    uint64_t end = fw_now_ms() + 5000;
    while (!drained && fw_now_ms() < end) fw_loop_once(e->loop, 50);
    assert_int_equal(drained, 1); /* by the timeout: the broker is down */
    fw_sink_free(e->sink);
    e->sink = NULL;

    rd_kafka_mock_broker_set_up(e->mc, 1);
    open_sink(e);
    run_until_done(e, 200, 30000);
    assert_int_equal(e->replayed, 200);
    assert_int_equal(e->delivered, 200);
    fw_sink_free(e->sink);
    e->sink = NULL;
    /* all settled: a third start has nothing to replay */
    e->replayed = 0;
    open_sink(e);
    for (int i = 0; i < 5; i++) fw_loop_once(e->loop, 10);
    assert_int_equal(e->replayed, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_delivery, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retriable_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_permanent_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fatal_recreates, setup, teardown),
        cmocka_unit_test_setup_teardown(test_outage_queue_full_and_spool_replay, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
