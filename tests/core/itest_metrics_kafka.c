/* fw_metrics_kafka_stats over the statistics JSON a real librdkafka producer
 * emits against the real broker: the field names the parser reads exist, a
 * connected producer counts one broker up, and queued messages show as queue
 * depth. Also a dead bootstrap address: zero brokers up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "feedwire/fw_loop.h"
#include "feedwire/fw_metrics.h"
#include "fw_test.h"

struct stats_seen {
    struct fw_metrics *m;
    int calls, parse_errors;
};

static int stats_cb(rd_kafka_t *rk, char *json, size_t len, void *opaque)
{
    struct stats_seen *s = opaque;
    char err[256];
    s->calls++;
    if (fw_metrics_kafka_stats(s->m, json, len, err, sizeof err) != FW_OK) s->parse_errors++;
    return 0; /* librdkafka frees json */
}

static rd_kafka_t *producer(const char *brokers, struct stats_seen *s)
{
    char err[512];
    rd_kafka_conf_t *c = rd_kafka_conf_new();
    assert_int_equal(rd_kafka_conf_set(c, "bootstrap.servers", brokers, err, sizeof err), RD_KAFKA_CONF_OK);
    assert_int_equal(rd_kafka_conf_set(c, "statistics.interval.ms", "100", err, sizeof err), RD_KAFKA_CONF_OK);
    /* hold messages in the queue long enough to be counted */
    assert_int_equal(rd_kafka_conf_set(c, "linger.ms", "2000", err, sizeof err), RD_KAFKA_CONF_OK);
    rd_kafka_conf_set_stats_cb(c, stats_cb);
    rd_kafka_conf_set_opaque(c, s);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, c, err, sizeof err);
    assert_non_null(rk);
    return rk;
}

/* Polls until cond holds or timeout_ms passes. */
#define POLL_UNTIL(rk, cond, timeout_ms)                                          \
    do {                                                                          \
        uint64_t end_ = fw_now_ms() + (timeout_ms);                               \
        while (!(cond) && fw_now_ms() < end_) rd_kafka_poll((rk), 50);            \
    } while (0)

static void test_real_stats(void **state)
{
    const char *brokers = fw_test_env("FW_KAFKA_BROKERS");
    struct stats_seen s = {.m = fw_metrics_new()};
    rd_kafka_t *rk = producer(brokers, &s);
    POLL_UNTIL(rk, fw_metrics_get(s.m, FW_M_KAFKA_BROKERS_UP) >= 1, 15000);
    assert_true(s.calls > 0);
    assert_int_equal(s.parse_errors, 0);
    assert_true(fw_metrics_get(s.m, FW_M_KAFKA_BROKERS_UP) == 1);

    char topic[64];
    snprintf(topic, sizeof topic, "fw.test.stats.%ld.%d", (long)time(NULL), (int)getpid());
    for (int i = 0; i < 50; i++)
        assert_int_equal(rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_VALUE("x", 1), RD_KAFKA_V_END),
                         RD_KAFKA_RESP_ERR_NO_ERROR);
    POLL_UNTIL(rk, fw_metrics_get(s.m, FW_M_KAFKA_QUEUE_MSGS) >= 50, 1500);
    printf("stats: %d calls, queue %.0f msgs / %.0f bytes, %.0f brokers up\n", s.calls,
           fw_metrics_get(s.m, FW_M_KAFKA_QUEUE_MSGS), fw_metrics_get(s.m, FW_M_KAFKA_QUEUE_BYTES),
           fw_metrics_get(s.m, FW_M_KAFKA_BROKERS_UP));
    assert_true(fw_metrics_get(s.m, FW_M_KAFKA_QUEUE_MSGS) >= 50);
    assert_true(fw_metrics_get(s.m, FW_M_KAFKA_QUEUE_BYTES) >= 50);
    rd_kafka_flush(rk, 15000);
    POLL_UNTIL(rk, fw_metrics_get(s.m, FW_M_KAFKA_QUEUE_MSGS) == 0, 2000);
    assert_true(fw_metrics_get(s.m, FW_M_KAFKA_QUEUE_MSGS) == 0);
    rd_kafka_destroy(rk);
    fw_metrics_free(s.m);
}

static void test_unreachable_broker(void **state)
{
    struct stats_seen s = {.m = fw_metrics_new()};
    fw_metrics_set(s.m, FW_M_KAFKA_BROKERS_UP, 7);
    rd_kafka_t *rk = producer("127.0.0.1:1", &s);
    POLL_UNTIL(rk, s.calls >= 3, 5000);
    assert_true(s.calls >= 3);
    assert_int_equal(s.parse_errors, 0);
    assert_true(fw_metrics_get(s.m, FW_M_KAFKA_BROKERS_UP) == 0);
    rd_kafka_destroy(rk);
    fw_metrics_free(s.m);
}

int main(void)
{
    fw_test_require_services();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_stats),
        cmocka_unit_test(test_unreachable_broker),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
