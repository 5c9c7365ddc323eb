/* feedwire tail: read the articles, events or dead-letter topics and print
 * them for a person, as a kcat-style JSON envelope (--json) or through a
 * kcat-style format string (-f). Partitions are assigned, never joined as a
 * consumer group: a tail commits nothing and leaves no group behind. Exit 1
 * when the broker cannot be reached or a topic does not exist; 2 on usage. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
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
    fprintf(f, "usage: feedwire tail [-c CONF] [-b BROKERS] [-t TOPIC]... [-p N] [-o OFFSET] [--json | -f FMT]\n"
               "                     [-e] [--max N] [--idle SECONDS] [--timeout SECONDS] [-v]\n\n"
               "Prints the articles and events feedwired publishes, as they arrive.\n"
               "  -c, --config FILE     take brokers, topics and [kafka] settings from this config\n"
               "                        (default %s/feedwire.conf if readable)\n"
               "  -b, --brokers LIST    bootstrap servers (overrides the config)\n"
               "  -t, --topic TOPIC     articles, events, deadletter, incidents (the config's topics) or a\n"
               "                        topic name;"
               " repeatable (default: articles and events)\n"
               "  -p, --partition N     only this partition (default: all)\n"
               "  -o, --offset OFFSET   beginning, end (default), N (absolute) or -N (N before the end)\n"
               "      --from-beginning  the same as -o beginning\n"
               "      --json            one JSON envelope per message, as kcat -J: topic, partition, offset,\n"
               "                        tstype, ts, broker, headers, key, payload\n"
               "  -f, --format FMT      kcat's format: %%t topic, %%p partition, %%o offset, %%k key, %%s value,\n"
               "                        %%S value size, %%T timestamp (ms), %%h headers, %%%% a percent; \\n \\t\n"
               "  -e, --exit            stop at the end of every partition\n"
               "      --max N           stop after N messages\n"
               "      --idle SECONDS    stop after this long without a message (0 = never)\n"
               "      --timeout SECONDS how long to wait for the broker (default 10)\n"
               "  -v, --verbose         librdkafka's own log lines on stderr\n"
               "Exit: 0 ok, 1 broker unreachable or unknown topic, 2 usage.\n",
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

/* A whole non-negative number, or -1. */
static long parse_count(const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < 0) return -1;
    return v;
}

/* kcat's -o: beginning, end, N, -N. 1 if understood. */
static int parse_offset(const char *s, int64_t *out)
{
    if (!strcmp(s, "beginning")) return *out = RD_KAFKA_OFFSET_BEGINNING, 1;
    if (!strcmp(s, "end")) return *out = RD_KAFKA_OFFSET_END, 1;
    long v = parse_count(s[0] == '-' ? s + 1 : s);
    if (v < 0) return 0;
    *out = s[0] == '-' ? RD_KAFKA_OFFSET_TAIL(v) : v;
    return 1;
}

static void quiet_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
}

static void print_headers_text(const rd_kafka_message_t *m)
{
    rd_kafka_headers_t *hs = NULL;
    if (rd_kafka_message_headers(m, &hs) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
    const char *name;
    const void *val;
    size_t n;
    for (size_t i = 0; !rd_kafka_header_get_all(hs, i, &name, &val, &n); i++)
        printf("%s%s=%.*s", i ? "," : "", name, (int)n, val ? (const char *)val : "");
}

static void print_format(const char *fmt, const rd_kafka_message_t *m)
{
    for (const char *p = fmt; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
            putchar(*p == 'n' ? '\n' : *p == 't' ? '\t' : *p);
            continue;
        }
        if (*p != '%' || !p[1]) {
            putchar(*p);
            continue;
        }
        switch (*++p) {
        case 't': fputs(rd_kafka_topic_name(m->rkt), stdout); break;
        case 'p': printf("%" PRId32, m->partition); break;
        case 'o': printf("%" PRId64, m->offset); break;
        case 'k': fwrite(m->key ? m->key : "", 1, m->key_len, stdout); break;
        case 's': fwrite(m->payload ? m->payload : "", 1, m->len, stdout); break;
        case 'S': printf("%zu", m->len); break;
        case 'T': printf("%" PRId64, rd_kafka_message_timestamp(m, NULL)); break;
        case 'h': print_headers_text(m); break;
        case '%': putchar('%'); break;
        default: putchar('%'); putchar(*p); break;
        }
    }
}

static json_t *bytes_or_null(const void *p, size_t n)
{
    if (!p) return json_null();
    json_t *s = json_stringn(p, n);
    return s ? s : json_null(); /* not UTF-8 */
}

/* The envelope of kcat -J, so scripts written for kcat read it. */
static void print_envelope(const rd_kafka_message_t *m)
{
    rd_kafka_timestamp_type_t tst;
    int64_t ts = rd_kafka_message_timestamp(m, &tst);
    json_t *h = json_array();
    rd_kafka_headers_t *hs = NULL;
    if (rd_kafka_message_headers(m, &hs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        const char *name;
        const void *val;
        size_t n;
        for (size_t i = 0; !rd_kafka_header_get_all(hs, i, &name, &val, &n); i++) {
            json_array_append_new(h, json_string(name));
            json_array_append_new(h, bytes_or_null(val, n));
        }
    }
    json_t *o = json_pack("{s:s,s:i,s:I,s:s,s:I,s:i,s:o,s:o,s:o}", "topic", rd_kafka_topic_name(m->rkt), "partition",
                          (int)m->partition, "offset", (json_int_t)m->offset, "tstype",
                          tst == RD_KAFKA_TIMESTAMP_CREATE_TIME ? "create"
                          : tst == RD_KAFKA_TIMESTAMP_LOG_APPEND_TIME ? "logappend" : "none",
                          "ts", (json_int_t)ts, "broker", (int)rd_kafka_message_broker_id(m), "headers", h, "key",
                          bytes_or_null(m->key, m->key_len), "payload", bytes_or_null(m->payload, m->len));
    char *line = json_dumps(o, JSON_COMPACT);
    if (line) puts(line);
    free(line);
    json_decref(o);
}

static void print_readable(const rd_kafka_message_t *m)
{
    json_error_t je;
    json_t *v = json_loadb(m->payload, m->len, 0, &je);
    const char *schema = json_string_value(json_object_get(v, "schema"));
    if (!v) printf("(not JSON: %s)\n", je.text);
    else if (schema && strstr(schema, "deadletter"))
        printf("DEAD     %s  %s stage %s, HTTP %lld: %s\n         %s (feed %s)\n", js(v, "at"), js(v, "key"),
               js(v, "stage"), (long long)json_integer_value(json_object_get(v, "http_status")), js(v, "reason"),
               js(v, "url"), js(v, "feed"));
    else if (schema && strstr(schema, "incident"))
        printf("INCIDENT %s  %s (%s)  CAMEO %s  %lld mention%s  last %s\n", js(v, "id"), js(v, "date"),
               js(v, "date_precision"), js(v, "cameo"), (long long)json_integer_value(json_object_get(v, "mention_count")),
               json_integer_value(json_object_get(v, "mention_count")) == 1 ? "" : "s", js(v, "last_seen"));
    else if (schema && strstr(schema, "event")) print_event(v);
    else print_article(v);
    json_decref(v);
}

static const char *topic_of(const struct fw_conf *c, const char *t)
{
    if (!strcmp(t, "articles")) return c->topic_articles;
    if (!strcmp(t, "events")) return c->topic_events;
    if (!strcmp(t, "deadletter") || !strcmp(t, "dlq")) return c->topic_dlq;
    if (!strcmp(t, "incidents")) return c->incident_topic;
    return t;
}

#define MAX_TOPICS 8

/* Every partition of the topics (or the one asked for) from the offset;
 * NULL with a message on stderr when the broker or a topic is missing. */
static rd_kafka_topic_partition_list_t *partitions(rd_kafka_t *rk, const char **topics, int ntopics, long part,
                                                   int64_t offset, int timeout_ms)
{
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(16);
    for (int i = 0; i < ntopics; i++) {
        rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topics[i], NULL);
        const struct rd_kafka_metadata *md = NULL;
        rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 0, rkt, &md, timeout_ms);
        rd_kafka_topic_destroy(rkt);
        if (e) {
            char brokers[512] = "?";
            size_t n = sizeof brokers;
            rd_kafka_conf_get(rd_kafka_conf(rk), "bootstrap.servers", brokers, &n);
            fprintf(stderr, "feedwire tail: cannot reach Kafka at %s: %s\n", brokers, rd_kafka_err2str(e));
            goto fail;
        }
        const struct rd_kafka_metadata_topic *mt = md->topic_cnt ? &md->topics[0] : NULL;
        if (!mt || mt->err || !mt->partition_cnt) {
            fprintf(stderr, "feedwire tail: topic %s: %s\n", topics[i],
                    mt && mt->err ? rd_kafka_err2str(mt->err) : "no partitions");
            rd_kafka_metadata_destroy(md);
            goto fail;
        }
        for (int p = 0; p < mt->partition_cnt; p++) {
            if (part >= 0 && mt->partitions[p].id != part) continue;
            rd_kafka_topic_partition_list_add(l, topics[i], mt->partitions[p].id)->offset = offset;
        }
        rd_kafka_metadata_destroy(md);
    }
    if (!l->cnt) {
        fprintf(stderr, "feedwire tail: no partition %ld in the topics asked for\n", part);
        goto fail;
    }
    return l;
fail:
    rd_kafka_topic_partition_list_destroy(l);
    return NULL;
}

int tool_tail_main(int argc, char **argv)
{
    static const struct option lo[] = {{"config", required_argument, NULL, 'c'},
                                       {"brokers", required_argument, NULL, 'b'},
                                       {"topic", required_argument, NULL, 't'},
                                       {"partition", required_argument, NULL, 'p'},
                                       {"offset", required_argument, NULL, 'o'},
                                       {"from-beginning", no_argument, NULL, 'B'},
                                       {"json", no_argument, NULL, 'j'},
                                       {"format", required_argument, NULL, 'f'},
                                       {"exit", no_argument, NULL, 'e'},
                                       {"max", required_argument, NULL, 'm'},
                                       {"idle", required_argument, NULL, 'i'},
                                       {"timeout", required_argument, NULL, 'T'},
                                       {"verbose", no_argument, NULL, 'v'},
                                       {"version", no_argument, NULL, 'V'},
                                       {"help", no_argument, NULL, 'h'},
                                       {NULL, 0, NULL, 0}};
    const char *conf_path = NULL, *brokers = NULL, *fmt = NULL, *tnames[MAX_TOPICS];
    int ntopics = 0, json_out = 0, at_end = 0, verbose = 0, c;
    long max = 0, idle = 0, part = -1, timeout_s = 10;
    int64_t offset = RD_KAFKA_OFFSET_END;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:b:t:p:o:f:evh", lo, NULL)) != -1) {
        const char *bad = NULL;
        switch (c) {
        case 'c': conf_path = optarg; break;
        case 'b': brokers = optarg; break;
        case 't':
            if (ntopics == MAX_TOPICS) bad = "too many topics";
            else tnames[ntopics++] = optarg;
            break;
        case 'p': if ((part = parse_count(optarg)) < 0) bad = "--partition wants a number"; break;
        case 'o': if (!parse_offset(optarg, &offset)) bad = "--offset wants beginning, end, N or -N"; break;
        case 'B': offset = RD_KAFKA_OFFSET_BEGINNING; break;
        case 'j': json_out = 1; break;
        case 'f': fmt = optarg; break;
        case 'e': at_end = 1; break;
        case 'm': if ((max = parse_count(optarg)) < 0) bad = "--max wants a whole number"; break;
        case 'i': if ((idle = parse_count(optarg)) < 0) bad = "--idle wants seconds"; break;
        case 'T': if ((timeout_s = parse_count(optarg)) <= 0) bad = "--timeout wants seconds (> 0)"; break;
        case 'v': verbose = 1; break;
        case 'V': printf("feedwire %s (librdkafka %s)\n", FW_VERSION, rd_kafka_version_str()); return TOOL_OK;
        case 'h': usage(stdout); return TOOL_OK;
        default: usage(stderr); return TOOL_USAGE;
        }
        if (bad) {
            fprintf(stderr, "feedwire tail: %s: '%s'\n", bad, optarg);
            return TOOL_USAGE;
        }
    }
    if (optind < argc || (json_out && fmt)) {
        if (json_out && fmt) fprintf(stderr, "feedwire tail: --json and -f exclude each other\n");
        usage(stderr);
        return TOOL_USAGE;
    }
    struct fw_conf conf;
    fw_conf_init(&conf);
    if (!conf_path && access(FW_CONFDIR "/feedwire.conf", R_OK) == 0) conf_path = FW_CONFDIR "/feedwire.conf";
    if (conf_path && (fw_conf_load(&conf, conf_path, stderr) != 0 || fw_conf_finish(&conf, conf_path, stderr) != 0)) {
        fw_conf_fini(&conf);
        return TOOL_BADINPUT;
    }
    const char *topics[MAX_TOPICS];
    if (!ntopics) {
        tnames[ntopics++] = "articles";
        tnames[ntopics++] = "events";
    }
    for (int i = 0; i < ntopics; i++) topics[i] = topic_of(&conf, tnames[i]);
    char err[512];
    rd_kafka_conf_t *kc = rd_kafka_conf_new();
    for (size_t i = 0; i < conf.nkafka; i++) {
        /* producer-only settings of the daemon's config do not apply to a consumer */
        if (!strcmp(conf.kafka[i].key, "enable.idempotence") || !strcmp(conf.kafka[i].key, "acks") ||
            !strncmp(conf.kafka[i].key, "compression", 11) || !strncmp(conf.kafka[i].key, "linger", 6))
            continue;
        rd_kafka_conf_set(kc, conf.kafka[i].key, conf.kafka[i].val, err, sizeof err);
    }
    if (brokers) rd_kafka_conf_set(kc, "bootstrap.servers", brokers, err, sizeof err);
    /* librdkafka wants a group.id even for assign(); with assign() and no
     * commits it never joins it, so one fixed name leaves nothing behind */
    rd_kafka_conf_set(kc, "group.id", "feedwire-tail", err, sizeof err);
    rd_kafka_conf_set(kc, "enable.auto.commit", "false", err, sizeof err);
    rd_kafka_conf_set(kc, "enable.auto.offset.store", "false", err, sizeof err);
    rd_kafka_conf_set(kc, "enable.partition.eof", at_end ? "true" : "false", err, sizeof err);
    if (!verbose) rd_kafka_conf_set_log_cb(kc, quiet_log);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, kc, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "feedwire tail: %s\n", err);
        fw_conf_fini(&conf);
        return TOOL_BADINPUT;
    }
    rd_kafka_poll_set_consumer(rk);
    int rc = TOOL_OK;
    rd_kafka_topic_partition_list_t *l = partitions(rk, topics, ntopics, part, offset, (int)timeout_s * 1000);
    if (!l) {
        rc = TOOL_BADINPUT;
        goto out;
    }
    rd_kafka_resp_err_t e = rd_kafka_assign(rk, l);
    int nparts = l->cnt, neof = 0;
    rd_kafka_topic_partition_list_destroy(l);
    if (e) {
        fprintf(stderr, "feedwire tail: assign: %s\n", rd_kafka_err2str(e));
        rc = TOOL_BADINPUT;
        goto out;
    }
    signal(SIGINT, on_sig);
    signal(SIGTERM, on_sig);
    long n = 0;
    time_t last = time(NULL);
    while (!stop && (!max || n < max) && !(at_end && neof >= nparts)) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 500);
        if (!m) {
            if (idle && time(NULL) - last >= idle) break;
            continue;
        }
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            neof++;
        } else if (m->err) {
            fprintf(stderr, "feedwire tail: %s\n", rd_kafka_message_errstr(m));
            if (m->err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN || rd_kafka_fatal_error(rk, NULL, 0)) {
                rc = TOOL_BADINPUT;
                stop = 1;
            }
        } else {
            last = time(NULL);
            n++;
            if (json_out) print_envelope(m);
            else if (fmt) print_format(fmt, m);
            else print_readable(m);
            fflush(stdout);
        }
        rd_kafka_message_destroy(m);
    }
out:
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    fw_conf_fini(&conf);
    return rc;
}
