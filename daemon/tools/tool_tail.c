/* feedwire tail: consume the articles and events topics and print them in a
 * form a person can read (or as raw JSON lines). */
#include <getopt.h>
#include <jansson.h>
#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "feedwire/fw_conf.h"
#include "feedwire/fw_version.h"
#include "tool.h"

static volatile sig_atomic_t stop;
static void on_sig(int s)
{
    stop = 1;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: feedwire tail [-c CONF] [-b BROKERS] [--from-beginning] [--json] [--max N] [--idle SECONDS]\n\n"
               "Prints the articles and events feedwired publishes, as they arrive.\n"
               "  -c, --config FILE     take brokers and topics from this config (default %s/feedwire.conf if readable)\n"
               "  -b, --brokers LIST    bootstrap servers (overrides the config)\n"
               "      --from-beginning  start at the oldest message instead of new ones\n"
               "      --json            print each message value as one JSON line\n"
               "      --max N           stop after N messages\n"
               "      --idle SECONDS    stop after this long without a message (0 = never)\n",
            FW_CONFDIR);
}

static const char *js(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static void print_actor(json_t *a)
{
    if (!json_is_object(a)) {
        fputs("-", stdout);
        return;
    }
    const char *text = js(a, "text"), *code = js(a, "code");
    printf("%s", text[0] ? text : "?");
    if (code[0]) printf(" [%s]", code);
}

static void print_event(json_t *v)
{
    printf("  EVENT   %s (%s, %s)  ", js(v, "date"), js(v, "date_precision"), js(v, "date_source"));
    print_actor(json_object_get(v, "source"));
    printf(" -> ");
    print_actor(json_object_get(v, "target"));
    printf("  CAMEO %s %s  %s", js(v, "cameo"), js(v, "plover"), js(v, "modality"));
    json_t *loc = json_object_get(v, "location");
    if (json_is_object(loc))
        printf("  @ %s, %s (%.4f, %.4f)", js(loc, "name"), js(loc, "country"),
               json_number_value(json_object_get(loc, "lat")), json_number_value(json_object_get(loc, "lon")));
    json_t *q = json_object_get(v, "quantity");
    if (json_is_object(q)) printf("  qty %g %s", json_number_value(json_object_get(q, "value")), js(q, "unit"));
    json_t *k = json_object_get(v, "killed"), *w = json_object_get(v, "wounded");
    if (json_is_integer(k)) printf("  killed %lld", (long long)json_integer_value(k));
    if (json_is_integer(w)) printf("  wounded %lld", (long long)json_integer_value(w));
    const char *sent = js(v, "sentence");
    printf("\n          \"%.*s%s\"\n", 150, sent, strlen(sent) > 150 ? "..." : "");
}

static void print_article(json_t *v)
{
    const char *text = js(v, "text");
    json_t *ev = json_object_get(v, "event_ids");
    printf("ARTICLE  %s  %s  [%s]\n         %s\n         %s | %s | %zu chars, %zu events | id %s\n",
           js(v, "published")[0] ? js(v, "published") : "(no date)", js(v, "title"), js(v, "status"),
           js(v, "url"), js(v, "sitename")[0] ? js(v, "sitename") : "-", js(v, "author")[0] ? js(v, "author") : "-",
           strlen(text), json_array_size(ev), js(v, "id"));
}

int tool_tail_main(int argc, char **argv)
{
    static const struct option lo[] = {{"config", required_argument, NULL, 'c'},
                                       {"brokers", required_argument, NULL, 'b'},
                                       {"from-beginning", no_argument, NULL, 'B'},
                                       {"json", no_argument, NULL, 'j'},
                                       {"max", required_argument, NULL, 'm'},
                                       {"idle", required_argument, NULL, 'i'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
    const char *conf_path = NULL, *brokers = NULL;
    int beginning = 0, json_out = 0, c;
    long max = 0, idle = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:b:h", lo, NULL)) != -1) {
        switch (c) {
        case 'c': conf_path = optarg; break;
        case 'b': brokers = optarg; break;
        case 'B': beginning = 1; break;
        case 'j': json_out = 1; break;
        case 'm': max = strtol(optarg, NULL, 10); break;
        case 'i': idle = strtol(optarg, NULL, 10); break;
        case 'h': usage(stdout); return TOOL_OK;
        default: usage(stderr); return TOOL_USAGE;
        }
    }
    if (optind < argc) {
        usage(stderr);
        return TOOL_USAGE;
    }
    struct fw_conf conf;
    fw_conf_init(&conf);
    if (!conf_path && access(FW_CONFDIR "/feedwire.conf", R_OK) == 0) conf_path = FW_CONFDIR "/feedwire.conf";
    if (conf_path && fw_conf_load(&conf, conf_path, stderr) != 0) {
        fw_conf_fini(&conf);
        return TOOL_BADINPUT;
    }
    char err[512], group[64];
    rd_kafka_conf_t *kc = rd_kafka_conf_new();
    for (size_t i = 0; i < conf.nkafka; i++) {
        /* producer-only settings of the daemon's config do not apply to a consumer */
        if (!strcmp(conf.kafka[i].key, "enable.idempotence") || !strcmp(conf.kafka[i].key, "acks") ||
            !strncmp(conf.kafka[i].key, "compression", 11) || !strncmp(conf.kafka[i].key, "linger", 6))
            continue;
        rd_kafka_conf_set(kc, conf.kafka[i].key, conf.kafka[i].val, err, sizeof err);
    }
    if (brokers) rd_kafka_conf_set(kc, "bootstrap.servers", brokers, err, sizeof err);
    snprintf(group, sizeof group, "feedwire-tail-%d-%ld", (int)getpid(), (long)time(NULL));
    rd_kafka_conf_set(kc, "group.id", group, err, sizeof err);
    rd_kafka_conf_set(kc, "auto.offset.reset", beginning ? "earliest" : "latest", err, sizeof err);
    rd_kafka_conf_set(kc, "enable.auto.commit", "false", err, sizeof err);
    rd_kafka_conf_set(kc, "topic.metadata.refresh.interval.ms", "2000", err, sizeof err);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, kc, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "feedwire tail: %s\n", err);
        fw_conf_fini(&conf);
        return TOOL_BADINPUT;
    }
    rd_kafka_poll_set_consumer(rk);
    rd_kafka_topic_partition_list_t *t = rd_kafka_topic_partition_list_new(2);
    rd_kafka_topic_partition_list_add(t, conf.topic_articles, RD_KAFKA_PARTITION_UA);
    rd_kafka_topic_partition_list_add(t, conf.topic_events, RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t e = rd_kafka_subscribe(rk, t);
    rd_kafka_topic_partition_list_destroy(t);
    int rc = TOOL_OK;
    if (e) {
        fprintf(stderr, "feedwire tail: subscribe: %s\n", rd_kafka_err2str(e));
        rc = TOOL_BADINPUT;
        goto out;
    }
    signal(SIGINT, on_sig);
    signal(SIGTERM, on_sig);
    long n = 0;
    time_t last = time(NULL);
    while (!stop && (!max || n < max)) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 500);
        if (!m) {
            if (idle && time(NULL) - last >= idle) break;
            continue;
        }
        if (m->err) {
            /* a topic that does not exist yet is normal before the first publish */
            if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF && m->err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
                fprintf(stderr, "feedwire tail: %s\n", rd_kafka_message_errstr(m));
            rd_kafka_message_destroy(m);
            continue;
        }
        last = time(NULL);
        n++;
        if (json_out) {
            printf("%.*s\n", (int)m->len, (const char *)m->payload);
        } else {
            json_error_t je;
            json_t *v = json_loadb(m->payload, m->len, 0, &je);
            const char *schema = json_string_value(json_object_get(v, "schema"));
            if (!v) printf("(not JSON: %s)\n", je.text);
            else if (schema && strstr(schema, "event")) print_event(v);
            else print_article(v);
            json_decref(v);
        }
        fflush(stdout);
        rd_kafka_message_destroy(m);
    }
out:
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    fw_conf_fini(&conf);
    return rc;
}
