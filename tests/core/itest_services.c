/* Proves the harness end to end: the real Redis and the real Kafka broker
 * started by scripts/services.sh answer librdkafka and hiredis. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <hiredis/hiredis.h>
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fw_test.h"

#define N 200

static int delivered, failed;

static void dr_cb(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    if (m->err) failed++;
    else delivered++;
}

static void test_kafka_roundtrip(void **state)
{
    const char *brokers = fw_test_env("FW_KAFKA_BROKERS");
    char topic[64], err[512];
    snprintf(topic, sizeof topic, "fw.test.roundtrip.%ld.%d", (long)time(NULL), (int)getpid());

    rd_kafka_conf_t *pc = rd_kafka_conf_new();
    assert_int_equal(rd_kafka_conf_set(pc, "bootstrap.servers", brokers, err, sizeof err), RD_KAFKA_CONF_OK);
    assert_int_equal(rd_kafka_conf_set(pc, "enable.idempotence", "true", err, sizeof err), RD_KAFKA_CONF_OK);
    rd_kafka_conf_set_dr_msg_cb(pc, dr_cb);
    rd_kafka_t *p = rd_kafka_new(RD_KAFKA_PRODUCER, pc, err, sizeof err);
    assert_non_null(p);
    for (int i = 0; i < N; i++) {
        char key[32], val[64];
        snprintf(key, sizeof key, "k%03d", i);
        snprintf(val, sizeof val, "{\"n\":%d}", i);
        rd_kafka_resp_err_t e = rd_kafka_producev(p, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_KEY(key, strlen(key)),
                                                  RD_KAFKA_V_VALUE(val, strlen(val)),
                                                  RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
        assert_int_equal(e, RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    assert_int_equal(rd_kafka_flush(p, 30000), RD_KAFKA_RESP_ERR_NO_ERROR);
    assert_int_equal(delivered, N);
    assert_int_equal(failed, 0);
    rd_kafka_destroy(p);

    rd_kafka_conf_t *cc = rd_kafka_conf_new();
    rd_kafka_conf_set(cc, "bootstrap.servers", brokers, err, sizeof err);
    rd_kafka_conf_set(cc, "group.id", topic, err, sizeof err);
    rd_kafka_conf_set(cc, "auto.offset.reset", "earliest", err, sizeof err);
    rd_kafka_t *c = rd_kafka_new(RD_KAFKA_CONSUMER, cc, err, sizeof err);
    assert_non_null(c);
    rd_kafka_poll_set_consumer(c);
    rd_kafka_topic_partition_list_t *subs = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(subs, topic, RD_KAFKA_PARTITION_UA);
    assert_int_equal(rd_kafka_subscribe(c, subs), RD_KAFKA_RESP_ERR_NO_ERROR);
    rd_kafka_topic_partition_list_destroy(subs);

    char seen[N] = {0};
    int got = 0;
    time_t deadline = time(NULL) + 60;
    while (got < N && time(NULL) < deadline) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(c, 500);
        if (!m) continue;
        if (!m->err) {
            int n = -1;
            assert_int_equal(sscanf((const char *)m->payload, "{\"n\":%d}", &n), 1);
            assert_true(n >= 0 && n < N);
            char key[32];
            snprintf(key, sizeof key, "k%03d", n);
            assert_int_equal(m->key_len, strlen(key));
            assert_memory_equal(m->key, key, m->key_len);
            if (!seen[n]) got++;
            seen[n] = 1;
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(c);
    rd_kafka_destroy(c);
    assert_int_equal(got, N);
}

static void test_redis_roundtrip(void **state)
{
    redisContext *r = redisConnect(fw_test_env("FW_REDIS_HOST"), atoi(fw_test_env("FW_REDIS_PORT")));
    assert_non_null(r);
    assert_int_equal(r->err, 0);
    char key[64];
    snprintf(key, sizeof key, "fw:test:%d", (int)getpid());
    redisReply *rep = redisCommand(r, "SET %s %s EX 60", key, "v1");
    assert_non_null(rep);
    assert_int_equal(rep->type, REDIS_REPLY_STATUS);
    freeReplyObject(rep);
    rep = redisCommand(r, "GET %s", key);
    assert_int_equal(rep->type, REDIS_REPLY_STRING);
    assert_string_equal(rep->str, "v1");
    freeReplyObject(rep);
    rep = redisCommand(r, "DEL %s", key);
    assert_int_equal(rep->integer, 1);
    freeReplyObject(rep);
    redisFree(r);
}

int main(void)
{
    fw_test_require_services();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_redis_roundtrip),
        cmocka_unit_test(test_kafka_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
