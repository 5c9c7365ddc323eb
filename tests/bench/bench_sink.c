/* Benchmark of dedup and the sink against the real Redis and Kafka
 * (FW_REDIS_HOST/PORT, FW_KAFKA_BROKERS), in one process on the daemon's
 * loop: stage by stage, N items with W requests in flight.
 *   bench_sink [N] [W] [always|batch|never]
 * Prints one JSON line: checks/s per dedup stage, produce-to-ack messages/s,
 * marks/s, peak RSS. No timed assertions. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "feedwire/fw_conf.h"
#include "feedwire/fw_dedup.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_loop.h"
#include "feedwire/fw_redis.h"
#include "feedwire/fw_sink.h"

static struct fw_loop *loop;
static struct fw_dedup *dedup;
static struct fw_sink *sink;
static int n, w, issued, answered, errors;
static char (*ids)[FW_DEDUP_ID_LEN + 1];
static char (*marks)[FW_DEDUP_MARK_MAX];
static char **texts;
static uint64_t bytes_out;

static char *gen_text(unsigned seed, int words)
{
    char *t = malloc((size_t)words * 9 + 1), *p = t;
    uint32_t x = seed * 2654435761u + 99;
    for (int i = 0; i < words; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        p += sprintf(p, "%sw%u", i ? " " : "", x % 20000);
    }
    return t;
}

static void on_check(const struct fw_dedup_result *res, void *arg)
{
    int i = (int)(intptr_t)arg;
    answered++;
    if (res->err != FW_OK) errors++;
    if (res->mark[0]) memcpy(marks[i], res->mark, sizeof marks[i]);
}

static void on_marked(void *arg)
{
    answered++;
}

static void on_done(void *arg, const char *id, const char *mark, enum fw_sink_outcome out, uint64_t unit)
{
    answered++;
    fw_sink_settle(sink, unit);
}

typedef enum fw_err (*issue_fn)(int i);

static enum fw_err issue_item(int i)
{
    char guid[32];
    snprintf(guid, sizeof guid, "b-%d", i);
    struct fw_dedup_item it = {.feed_url = "https://bench.example/feed", .guid = guid};
    if (!ids[i][0]) fw_dedup_item_id(&it, ids[i]);
    return fw_dedup_check_item(dedup, &it, on_check, (void *)(intptr_t)i);
}

static enum fw_err issue_content(int i)
{
    return fw_dedup_check_content(dedup, ids[i], NULL, texts[i], strlen(texts[i]), on_check, (void *)(intptr_t)i);
}

static enum fw_err issue_publish(int i)
{
    char url[64];
    snprintf(url, sizeof url, "https://bench.example/a/%d", i);
    struct fw_event ev[2];
    for (int k = 0; k < 2; k++) {
        fw_event_init(&ev[k]);
        snprintf(ev[k].id, sizeof ev[k].id, "%.29s-e%d", ids[i], k);
        snprintf(ev[k].cameo, sizeof ev[k].cameo, "%s", k ? "042" : "190");
        ev[k].confidence = 0.5;
    }
    struct fw_record_article a = {.id = ids[i], .url = url, .title = "Bench", .text = texts[i],
                                  .fetched_at_ms = fw_wall_ms(), .events = ev, .nevents = 2};
    bytes_out += strlen(texts[i]) + 1200;
    return fw_sink_publish(sink, &a, marks[i], NULL, 0);
}

static enum fw_err issue_mark(int i)
{
    fw_dedup_mark_done(dedup, marks[i], on_marked, NULL);
    return FW_OK;
}

/* Runs one stage with at most w requests outstanding; returns seconds. */
static double stage(issue_fn fn)
{
    issued = answered = errors = 0;
    uint64_t t0 = fw_now_ms();
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    while (answered < n && fw_now_ms() - t0 < 300000) {
        while (issued < n && issued - answered < w) {
            if (fn(issued) != FW_OK) break;
            issued++;
        }
        fw_loop_once(loop, 10);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
    n = argc > 1 ? atoi(argv[1]) : 20000;
    w = argc > 2 ? atoi(argv[2]) : 1000;
    const char *rh = getenv("FW_REDIS_HOST"), *rp = getenv("FW_REDIS_PORT"), *kb = getenv("FW_KAFKA_BROKERS");
    if (!rh || !rp || !kb) {
        fprintf(stderr, "skipped: no services\n");
        return 77;
    }
    fw_log_init(LOG_WARNING, NULL, 0);
    struct fw_conf c;
    char err[512], prefix[64], topics[64], dir[] = "/tmp/fw-bench-sink-XXXXXX";
    fw_conf_init(&c);
    snprintf(prefix, sizeof prefix, "fwbench:%d:%ld:", (int)getpid(), (long)time(NULL));
    snprintf(topics, sizeof topics, "fwbench.%d.%ld", (int)getpid(), (long)time(NULL));
    if (!mkdtemp(dir)) return 1;
    char t_a[96], t_e[96], t_d[96];
    snprintf(t_a, sizeof t_a, "%s.articles", topics);
    snprintf(t_e, sizeof t_e, "%s.events", topics);
    snprintf(t_d, sizeof t_d, "%s.deadletter", topics);
    const char *kv[][2] = {{"redis.host", rh}, {"redis.port", rp}, {"redis.prefix", prefix},
                           {"kafka.bootstrap.servers", kb}, {"daemon.state_dir", dir}, {"sink.topic_articles", t_a},
                           {"sink.topic_events", t_e}, {"sink.topic_dlq", t_d},
                           {"sink.spool_fsync", argc > 3 ? argv[3] : "batch"}};
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
        if (fw_conf_set(&c, kv[i][0], kv[i][1], err, sizeof err) != FW_OK) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
    ids = calloc((size_t)n, sizeof *ids);
    marks = calloc((size_t)n, sizeof *marks);
    texts = calloc((size_t)n, sizeof *texts);
    for (int i = 0; i < n; i++) texts[i] = gen_text((unsigned)i, 400); /* ~2.7 KB, an article's text */

    loop = fw_loop_new();
    struct fw_redis *r = fw_redis_new(loop, &c);
    dedup = fw_dedup_new(loop, r, &c);
    struct fw_sink_callbacks cbs = {.done = on_done};
    if (fw_sink_new(loop, &c, &cbs, &sink, err, sizeof err) != FW_OK) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    fw_redis_start(r);
    uint64_t end = fw_now_ms() + 10000;
    while (!fw_redis_connected(r) && fw_now_ms() < end) fw_loop_once(loop, 50);
    /* warm the producer (PID, topic metadata) outside the timing */
    int warm = n;
    n = 1;
    memset(ids[0], 0, sizeof ids[0]);
    snprintf(ids[0], sizeof ids[0], "%032d", 0);
    snprintf(marks[0], sizeof marks[0], "warm");
    stage(issue_publish);
    n = warm;
    memset(ids[0], 0, sizeof ids[0]);
    bytes_out = 0;

    double s_new = stage(issue_item);
    int e1 = errors;
    double s_content = stage(issue_content);
    int e2 = errors;
    double s_pub = stage(issue_publish);
    int done = answered;
    double s_mark = stage(issue_mark);
    double s_seen = stage(issue_item);
    int e3 = errors;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("{\"n\":%d,\"window\":%d,\"fsync\":\"%s\",\"dedup_new_checks_per_s\":%.0f,\"dedup_content_checks_per_s\":%.0f,"
           "\"dedup_seen_checks_per_s\":%.0f,\"marks_per_s\":%.0f,\"articles_per_s\":%.0f,"
           "\"produce_to_ack_msgs_per_s\":%.0f,\"produce_mb_per_s\":%.1f,\"delivered\":%d,\"errors\":%d,"
           "\"peak_rss_mb\":%.1f}\n",
           n, w, argc > 3 ? argv[3] : "batch", n / s_new, n / s_content, n / s_seen, n / s_mark, n / s_pub, 3.0 * n / s_pub,
           (double)bytes_out / s_pub / 1e6, done, e1 + e2 + e3, (double)ru.ru_maxrss / 1024.0);
    fw_sink_free(sink);
    fw_dedup_free(dedup);
    fw_redis_free(r);
    fw_loop_free(loop);
    for (int i = 0; i < n; i++) free(texts[i]);
    free(texts);
    free(ids);
    free(marks);
    fw_conf_fini(&c);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
