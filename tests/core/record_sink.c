/* record_sink DICT_DIR JSONL: what the Kafka sink sends for articles, read back
 * from librdkafka's mock cluster (no services needed). Each JSONL line
 * {"id", "url", "published", "text"} is coded like `feedwire events --jsonl-in`
 * does and published through fw_sink; one more article, built by hand, carries
 * every field (place, quantity, counts, bytes that are not UTF-8, quotes and
 * control characters). Prints "<topic>\t<value>" per message, events in the
 * order they were coded; tests/core/record_schema.py compares them with the
 * tool's output and validates them against conf/schemas. Exit 0 ok, 1 failure. */
#include <jansson.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_code.h"
#include "feedwire/fw_conf.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_loop.h"
#include "feedwire/fw_record.h"
#include "feedwire/fw_sink.h"

static int done, published;
static struct fw_sink *sink;

static void on_done(void *arg, const char *id, const char *mark, enum fw_sink_outcome out, uint64_t unit)
{
    if (out != FW_SINK_DELIVERED) fprintf(stderr, "record_sink: %s not delivered\n", id);
    done++;
    fw_sink_settle(sink, unit);
}

static void set(struct fw_conf *c, const char *k, const char *v)
{
    char err[256];
    if (fw_conf_set(c, k, v, err, sizeof err) != FW_OK) {
        fprintf(stderr, "record_sink: %s\n", err);
        exit(1);
    }
}

static int publish(const struct fw_record_article *a)
{
    char err[256];
    if (fw_sink_publish(sink, a, "mark", err, sizeof err) != FW_OK) {
        fprintf(stderr, "record_sink: publish %s: %s\n", a->id, err);
        return 0;
    }
    published++;
    return 1;
}

/* Every field set, and the text a JSON encoder must escape. */
static int publish_rich(void)
{
    static const char text[] = "Caf\xc3\xa9 owners said \"troops\" fired 12 shells at Kyiv\\Kiev,\tkilling 3.\n"
                               "Ctrl \x01 and a stray \xff byte.";
    struct fw_event ev[2];
    fw_event_init(&ev[0]);
    struct fw_event *e = &ev[0];
    snprintf(e->id, sizeof e->id, "%s", "0123456789abcdef0123456789abcdef");
    e->date = (struct fw_ymd){2024, 3, 1};
    e->prec = FW_PREC_DAY;
    e->date_source = FW_DSRC_TEXT;
    e->src = (struct fw_event_actor){"troops \"of\" Caf\xc3\xa9", "RUSMIL", "RUS", "MIL"};
    memcpy(e->tgt.text, "Kyiv\xd0", 6); /* cut inside a UTF-8 sequence */
    snprintf(e->tgt.code, sizeof e->tgt.code, "UKR");
    snprintf(e->tgt.country, sizeof e->tgt.country, "UKR");
    snprintf(e->cameo, sizeof e->cameo, "195");
    snprintf(e->plover, sizeof e->plover, "ASSAULT");
    e->modality = FW_MOD_REPORTED;
    e->has_loc = 1;
    snprintf(e->loc_name, sizeof e->loc_name, "Kyiv");
    snprintf(e->loc_admin1, sizeof e->loc_admin1, "Kyiv City");
    snprintf(e->loc_cc2, sizeof e->loc_cc2, "UA");
    snprintf(e->loc_cc3, sizeof e->loc_cc3, "UKR");
    e->loc_lat = 50.4501, e->loc_lon = 30.5234;
    e->qty = 12;
    snprintf(e->qty_unit, sizeof e->qty_unit, "shells");
    e->killed = 3;
    e->wounded = 0;
    e->sent_start = 0;
    e->sent_end = (size_t)(strchr(text, '\n') - text);
    e->confidence = 0.8349;
    snprintf(e->incident, sizeof e->incident, "%s", "00112233445566778899aabbccddeeff");
    /* and one with nothing known: month precision, no place, no quantity */
    fw_event_init(&ev[1]);
    e = &ev[1];
    snprintf(e->id, sizeof e->id, "%s", "fedcba9876543210fedcba9876543210");
    e->date = (struct fw_ymd){2023, 11, 0};
    e->prec = FW_PREC_MONTH;
    snprintf(e->src.code, sizeof e->src.code, "---");
    snprintf(e->tgt.code, sizeof e->tgt.code, "---");
    snprintf(e->cameo, sizeof e->cameo, "010");
    e->modality = FW_MOD_HYPOTHETICAL;
    e->sent_start = e->sent_end = 0;
    struct fw_record_article a = {
        .id = "rich-article-0001", .updated = 1, .feed_url = "https://example.org/feed.xml",
        .feed_title = "Example \xe9 feed", .url = "https://example.org/a/1", .canonical_url = "https://example.org/a/1",
        .title = "Caf\xc3\xa9 \"title\"", .author = "Staff", .published = "2024-03-01T08:00:00Z",
        .modified = "2024-03-01", .language = "en", .sitename = "Example", .description = "A rich article.",
        .text = text, .fetched_at_ms = 1709280000123, .content_hash = 0x0123456789abcdefull,
        .simhash = 0xfedcba9876543210ull, .events = ev, .nevents = 2};
    return publish(&a);
}

/* Codes each line's text as the tool does and publishes the article. */
static int publish_jsonl(const struct fw_coder *coder, const char *path)
{
    struct fw_buf in;
    char err[256];
    fw_buf_init(&in, 16u << 20);
    if (fw_buf_read_file(&in, path, err, sizeof err) != FW_OK) {
        fprintf(stderr, "record_sink: %s\n", err);
        return 0;
    }
    int ok = 1;
    for (char *line = in.p, *nl; ok && line && *line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        json_t *o = json_loadb(line, nl ? (size_t)(nl - line) : strlen(line), 0, NULL);
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *url = json_string_value(json_object_get(o, "url"));
        const char *text = json_string_value(json_object_get(o, "text"));
        const char *pub = json_string_value(json_object_get(o, "published"));
        struct fw_ymd ymd = {0, 0, 0};
        struct fw_event_list l = {0};
        if (!id || !url || !text || !pub || sscanf(pub, "%4d-%2d-%2d", &ymd.y, &ymd.m, &ymd.d) != 3 ||
            fw_code_article(coder, id, text, json_string_length(json_object_get(o, "text")), ymd, &l, err,
                            sizeof err) != FW_OK) {
            fprintf(stderr, "record_sink: bad line or coder error: %s\n", o ? err : "not JSON");
            ok = 0;
        } else {
            struct fw_record_article a = {.id = id, .url = url, .text = text, .fetched_at_ms = 1709280000000,
                                          .events = l.ev, .nevents = l.n};
            ok = publish(&a);
        }
        fw_event_list_fini(&l);
        json_decref(o);
    }
    fw_buf_fini(&in);
    return ok;
}

/* Reads every message of topic back, in partition order, and prints it. */
static int dump_topic(const char *bootstraps, const char *topic, int partitions, int want)
{
    char err[256];
    rd_kafka_conf_t *kc = rd_kafka_conf_new();
    rd_kafka_conf_set(kc, "bootstrap.servers", bootstraps, err, sizeof err);
    rd_kafka_conf_set(kc, "group.id", "record-sink", err, sizeof err);
    rd_kafka_conf_set(kc, "log_level", "0", err, sizeof err);
    rd_kafka_t *c = rd_kafka_new(RD_KAFKA_CONSUMER, kc, err, sizeof err);
    if (!c) return -1;
    rd_kafka_topic_partition_list_t *tp = rd_kafka_topic_partition_list_new(partitions);
    for (int p = 0; p < partitions; p++)
        rd_kafka_topic_partition_list_add(tp, topic, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(c, tp);
    rd_kafka_topic_partition_list_destroy(tp);
    int got = 0;
    for (int idle = 0; got < want && idle < 100; idle++) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(c, 100);
        if (!m) continue;
        if (!m->err) {
            printf("%s\t%.*s\n", topic, (int)m->len, (const char *)m->payload);
            got++;
            idle = 0;
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(c);
    rd_kafka_destroy(c);
    return got;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: record_sink DICT_DIR JSONL\n");
        return 2;
    }
    char err[512], dir[64] = "/tmp/fw-record-XXXXXX";
    fw_log_init(LOG_WARNING, NULL, 0);
    /* the build's gazetteer, as `feedwire events` finds it beside itself in the build tree */
    struct fw_coder_opts co = {argv[1], getenv("FW_BUILD_DIR"), FW_CODE_MIN_CONFIDENCE, NULL};
    struct fw_coder *coder = fw_coder_new_opts(&co, err, sizeof err);
    if (!coder || !mkdtemp(dir)) {
        fprintf(stderr, "record_sink: %s\n", coder ? "mkdtemp" : err);
        return 1;
    }
    rd_kafka_conf_t *kc = rd_kafka_conf_new();
    rd_kafka_conf_set(kc, "log_level", "0", err, sizeof err);
    rd_kafka_t *mock_rk = rd_kafka_new(RD_KAFKA_PRODUCER, kc, err, sizeof err);
    rd_kafka_mock_cluster_t *mc = mock_rk ? rd_kafka_mock_cluster_new(mock_rk, 1) : NULL;
    if (!mc) {
        fprintf(stderr, "record_sink: no mock cluster: %s\n", err);
        return 1;
    }
    /* one partition each: messages come back in the order they were produced */
    rd_kafka_mock_topic_create(mc, "t.articles", 1, 1);
    rd_kafka_mock_topic_create(mc, "t.events", 1, 1);
    rd_kafka_mock_topic_create(mc, "t.dlq", 1, 1);
    const char *bootstraps = rd_kafka_mock_cluster_bootstraps(mc);
    struct fw_conf conf;
    fw_conf_init(&conf);
    set(&conf, "daemon.state_dir", dir);
    set(&conf, "sink.topic_articles", "t.articles");
    set(&conf, "sink.topic_events", "t.events");
    set(&conf, "sink.topic_dlq", "t.dlq");
    set(&conf, "kafka.bootstrap.servers", bootstraps);
    struct fw_loop *loop = fw_loop_new();
    struct fw_sink_callbacks cbs = {.done = on_done};
    int rc = 1;
    if (fw_sink_new(loop, &conf, &cbs, &sink, err, sizeof err) != FW_OK) {
        fprintf(stderr, "record_sink: %s\n", err);
        goto out;
    }
    fw_sink_start(sink);
    if (!publish_rich() || !publish_jsonl(coder, argv[2])) goto out;
    uint64_t end = fw_now_ms() + 20000;
    while (done < published && fw_now_ms() < end) fw_loop_once(loop, 50);
    if (done < published) {
        fprintf(stderr, "record_sink: %d of %d units delivered\n", done, published);
        goto out;
    }
    struct fw_sink_stats st;
    fw_sink_get_stats(sink, &st);
    int nart = published, nev = (int)st.msgs_acked - published;
    if (dump_topic(bootstraps, "t.articles", 1, nart) != nart || dump_topic(bootstraps, "t.events", 1, nev) != nev) {
        fprintf(stderr, "record_sink: messages missing from the mock cluster\n");
        goto out;
    }
    rc = 0;
out:
    fw_sink_free(sink);
    fw_loop_free(loop);
    fw_conf_fini(&conf);
    fw_coder_free(coder);
    rd_kafka_mock_cluster_destroy(mc);
    rd_kafka_destroy(mock_rk);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) rc = 1;
    return rc;
}
