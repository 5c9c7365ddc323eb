/* A stand-in pipeline for the sink and dedup tests and benchmark: N feed
 * items (guid item-<i>, a generated text each, K events each) go through
 * fw_dedup (check item, check content), fw_sink (publish), and the done
 * callback marks them in Redis, as fw_pipe will. It "polls" its feed until
 * every item is either published by this run, or found already published;
 * then drains and prints one JSON line of figures on stdout.
 *   sink_driver --items N --events K --topics PREFIX --state DIR --prefix REDISPREFIX
 *               [--window W] [--fsync always|batch|never] [--timeout S] [--spool-max BYTES]
 *               [--rate ITEMS_PER_S] [--kafka key=value]...
 * Services from FW_REDIS_HOST, FW_REDIS_PORT, FW_KAFKA_BROKERS. SIGTERM drains.
 * Progress lines "delivered <n>" go to stdout every 100 deliveries. */
#include <getopt.h>
#include <stdint.h>
#include <inttypes.h>
#include <signal.h>
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

enum phase { P_TODO, P_BUSY, P_WAIT, P_DONE };

struct item {
    int i;
    enum phase phase;
    int in_window; /* published by this run and not yet settled: counts in --window */
    uint64_t retry_at;
    char guid[32];
    char id[FW_DEDUP_ID_LEN + 1];
};

static struct {
    struct fw_conf conf;
    struct fw_loop *loop;
    struct fw_redis *redis;
    struct fw_dedup *dedup;
    struct fw_sink *sink;
    struct item *items;
    int n, events, window, busy, paused, draining, finished_count;
    double rate, credit; /* --rate: checks started per second (0 = as fast as possible) */
    long timeout_s;
    uint64_t t0, checks;
    uint64_t published, delivered, deadlettered, seen, duplicates, inflight, redis_retries, refused, replay_done;
    struct fw_timer poll, deadline;
    int exit_code;
} g;

/* What JSON must escape, and bytes that are not UTF-8 (0xff): the test
 * reads it back as TRICKY_DECODED. */
#define TRICKY " \"q\" b\\s\tt\nn\x01 caf\xc3\xa9 \xff."

static char *gen_text(unsigned seed)
{
    char *t = malloc(300 * 9 + sizeof TRICKY), *p = t;
    uint32_t x = seed * 2654435761u + 12345;
    for (int i = 0; i < 300; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        p += sprintf(p, "%sw%u", i ? " " : "", x % 20000);
    }
    if (seed % 5 == 0) strcpy(p, TRICKY);
    return t;
}

static int cmp_item(const void *a, const void *b)
{
    return strcmp(((const struct item *)a)->id, ((const struct item *)b)->id);
}

static struct item *find(const char *id)
{
    struct item key;
    snprintf(key.id, sizeof key.id, "%s", id);
    return bsearch(&key, g.items, (size_t)g.n, sizeof *g.items, cmp_item);
}

static void finish(struct item *it)
{
    if (it->phase == P_DONE) return;
    it->phase = P_DONE;
    g.finished_count++;
}

static void later(struct item *it, uint64_t ms)
{
    if (it->phase == P_DONE) return; /* a replayed unit finished it meanwhile */
    it->phase = P_WAIT;
    it->retry_at = fw_now_ms() + ms;
}

static void on_content(const struct fw_dedup_result *res, void *arg)
{
    struct item *it = arg;
    g.busy--;
    if (res->err != FW_OK) {
        g.redis_retries++;
        fw_dedup_release(g.dedup, it->id);
        later(it, 500);
        return;
    }
    if (res->state == FW_DEDUP_SEEN || res->state == FW_DEDUP_DUPLICATE) {
        g.duplicates += res->state == FW_DEDUP_DUPLICATE;
        g.seen += res->state == FW_DEDUP_SEEN;
        finish(it);
        return;
    }
    char *text = gen_text((unsigned)it->i);
    char url[128], title[64];
    /* every 7th title is Latin-1 in a feed that claims UTF-8: the sink must still send valid JSON */
    snprintf(title, sizeof title, it->i % 7 ? "%s: caf\xc3\xa9" : "%s: caf\xe9", it->guid);
    snprintf(url, sizeof url, "https://fixture.example/articles/%d", it->i);
    struct fw_event ev[16];
    int k = g.events > 16 ? 16 : g.events;
    for (int e = 0; e < k; e++) {
        struct fw_event *v = &ev[e];
        fw_event_init(v);
        snprintf(v->id, sizeof v->id, "%.28s-e%d", it->id, e);
        v->date = (struct fw_ymd){2024, 3, 1};
        v->prec = FW_PREC_DAY;
        v->date_source = FW_DSRC_TEXT;
        v->src = (struct fw_event_actor){"Russian forces", "RUSMIL", "RUS", "MIL"};
        v->tgt = (struct fw_event_actor){"Kyiv", "UKR", "UKR", ""};
        snprintf(v->cameo, sizeof v->cameo, "190");
        snprintf(v->plover, sizeof v->plover, "ASSAULT");
        v->modality = FW_MOD_ASSERTED;
        v->has_loc = e % 2 == 0;
        snprintf(v->loc_name, sizeof v->loc_name, "Kyiv");
        snprintf(v->loc_admin1, sizeof v->loc_admin1, "Kyiv City");
        snprintf(v->loc_cc2, sizeof v->loc_cc2, "UA");
        snprintf(v->loc_cc3, sizeof v->loc_cc3, "UKR");
        v->loc_lat = 50.45, v->loc_lon = 30.52;
        if (e % 2) {
            v->qty = 5;
            snprintf(v->qty_unit, sizeof v->qty_unit, "people");
            v->killed = 5;
        }
        v->sent_start = 10, v->sent_end = 70; /* the generated text is longer */
        v->confidence = 0.8;
    }
    struct fw_record_article a = {
        .id = it->id, .updated = res->state == FW_DEDUP_UPDATED, .feed_url = "https://fixture.example/feed.xml",
        .feed_title = "Fixture", .url = url, .canonical_url = url, .title = title, .author = "Staff",
        .published = "2024-03-01T08:00:00Z", .modified = NULL, .language = "en", .sitename = "Fixture",
        .description = "A generated article.", .text = text, .fetched_at_ms = fw_wall_ms(),
        .content_hash = res->text_hash, .simhash = res->simhash, .events = ev, .nevents = (size_t)k};
    char err[256];
    enum fw_err rc = fw_sink_publish(g.sink, &a, res->mark, err, sizeof err);
    free(text);
    if (rc != FW_OK) {
        g.refused++;
        fw_dedup_release(g.dedup, it->id);
        later(it, 1000);
        return;
    }
    g.published++;
    it->phase = P_BUSY; /* until the sink's done callback */
    it->in_window = 1;
    g.busy++;
}

static void on_item(const struct fw_dedup_result *res, void *arg)
{
    struct item *it = arg;
    g.busy--;
    if (res->err != FW_OK) {
        g.redis_retries++;
        later(it, 500);
        return;
    }
    if (it->phase == P_DONE) { /* finished by a replayed unit while this check ran */
        if (res->state == FW_DEDUP_NEW || res->state == FW_DEDUP_CHANGED) fw_dedup_release(g.dedup, it->id);
        return;
    }
    switch (res->state) {
    case FW_DEDUP_SEEN:
        g.seen++;
        finish(it);
        break;
    case FW_DEDUP_INFLIGHT: /* ours (spool replay) or another daemon's: ask again later */
        g.inflight++;
        later(it, 300);
        break;
    default: {
        char *text = gen_text((unsigned)it->i);
        char url[128];
        snprintf(url, sizeof url, "https://fixture.example/articles/%d", it->i);
        if (fw_dedup_check_content(g.dedup, it->id, url, text, strlen(text), on_content, it) == FW_OK) {
            g.busy++;
        } else {
            fw_dedup_release(g.dedup, it->id);
            later(it, 500);
        }
        free(text);
    }
    }
}

struct settle {
    uint64_t unit;
    struct item *it;
};

/* The dedup record is written: the unit leaves the spool and the window. */
static void on_marked(void *arg)
{
    struct settle *st = arg;
    fw_sink_settle(g.sink, st->unit);
    if (st->it && st->it->in_window) {
        st->it->in_window = 0;
        g.busy--;
    }
    free(st);
}

static void on_done(void *arg, const char *id, const char *mark, enum fw_sink_outcome out, uint64_t unit)
{
    struct settle *st = malloc(sizeof *st);
    *st = (struct settle){unit, find(id)};
    if (mark) fw_dedup_mark_done(g.dedup, mark, on_marked, st);
    else on_marked(st);
    g.delivered++;
    if (out == FW_SINK_DEADLETTERED) g.deadlettered++;
    if (g.delivered % 100 == 0) {
        printf("delivered %" PRIu64 "\n", g.delivered);
        fflush(stdout);
    }
    struct item *it = find(id);
    if (it) finish(it);
}

static void on_pause(void *arg, int paused)
{
    g.paused = paused;
}

static void on_replay(void *arg, const char *id, const char *mark)
{
    if (mark) fw_dedup_adopt(g.dedup, mark);
    g.replay_done++;
}

static long rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void report(void)
{
    struct fw_sink_stats ss;
    struct fw_dedup_stats ds;
    fw_sink_get_stats(g.sink, &ss);
    fw_dedup_get_stats(g.dedup, &ds);
    double el = (double)(fw_now_ms() - g.t0) / 1000.0;
    printf("{\"items\":%d,\"finished\":%d,\"published\":%" PRIu64 ",\"delivered\":%" PRIu64
           ",\"deadlettered\":%" PRIu64 ",\"seen\":%" PRIu64 ",\"duplicates\":%" PRIu64 ",\"inflight\":%" PRIu64
           ",\"redis_retries\":%" PRIu64 ",\"refused\":%" PRIu64 ",\"replayed\":%" PRIu64 ",\"msgs_acked\":%" PRIu64
           ",\"kafka_retries\":%" PRIu64 ",\"possibly_persisted\":%" PRIu64 ",\"queue_full\":%" PRIu64
           ",\"recreated\":%" PRIu64 ",\"dropped\":%" PRIu64 ",\"dedup_checks\":%" PRIu64
           ",\"marks\":%" PRIu64 ",\"mark_dropped\":%" PRIu64 ",\"in_flight_left\":%" PRIu64
           ",\"elapsed_s\":%.3f,\"max_rss_kb\":%ld}\n",
           g.n, g.finished_count, g.published, g.delivered, g.deadlettered, g.seen, g.duplicates, g.inflight,
           g.redis_retries, g.refused, ss.replayed, ss.msgs_acked, ss.retries, ss.possibly_persisted,
           ss.queue_full, ss.recreated, ss.dropped, ds.checks, ds.marked, ds.mark_dropped, ss.units_in_flight, el,
           rss_kb());
    fflush(stdout);
}

static void on_drained(struct fw_loop *loop, void *arg)
{
    /* marks of the last deliveries still going to Redis: give them a moment */
    uint64_t end = fw_now_ms() + 5000;
    while (fw_dedup_backlog(g.dedup) && fw_now_ms() < end) fw_loop_once(loop, 20);
    fw_loop_stop(loop);
}

static void start_drain(void)
{
    if (g.draining) return;
    g.draining = 1;
    fw_loop_timer_stop(g.loop, &g.poll);
    fw_sink_drain(g.sink, on_drained, NULL);
}

static void on_poll(struct fw_loop *loop, void *arg)
{
    uint64_t now = fw_now_ms();
    if (g.finished_count == g.n) {
        start_drain();
        return;
    }
    if (g.rate > 0) {
        g.credit += g.rate * 0.005;
        if (g.credit > g.rate) g.credit = g.rate;
    }
    for (int i = 0; i < g.n && !g.paused && g.busy < g.window && (g.rate <= 0 || g.credit >= 1); i++) {
        struct item *it = &g.items[i];
        if (it->phase == P_WAIT && it->retry_at <= now) it->phase = P_TODO;
        if (it->phase != P_TODO) continue;
        struct fw_dedup_item di = {.feed_url = "https://fixture.example/feed.xml", .guid = it->guid,
                                   .link = NULL, .title = it->guid, .date = "2024-03-01"};
        char url[128];
        snprintf(url, sizeof url, "https://fixture.example/articles/%d", it->i);
        di.link = url;
        if (fw_dedup_check_item(g.dedup, &di, on_item, it) != FW_OK) break; /* Redis down: next poll */
        g.checks++;
        g.busy++;
        g.credit -= 1;
        it->phase = P_BUSY;
    }
    fw_loop_timer_start(loop, &g.poll, 5);
}

static void on_deadline(struct fw_loop *loop, void *arg)
{
    fprintf(stderr, "sink_driver: timeout after %ld s with %d/%d items finished\n", g.timeout_s, g.finished_count,
            g.n);
    g.exit_code = 2;
    fw_loop_stop(loop);
}

static void on_term(struct fw_loop *loop, void *arg)
{
    start_drain();
}

static void set(const char *k, const char *v)
{
    char err[256];
    if (fw_conf_set(&g.conf, k, v, err, sizeof err) != FW_OK) {
        fprintf(stderr, "sink_driver: %s\n", err);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"items", 1, 0, 'n'},  {"events", 1, 0, 'e'}, {"topics", 1, 0, 't'}, {"state", 1, 0, 's'},
        {"prefix", 1, 0, 'p'}, {"window", 1, 0, 'w'}, {"fsync", 1, 0, 'f'}, {"timeout", 1, 0, 'T'},
        {"kafka", 1, 0, 'k'},  {"spool-max", 1, 0, 'm'}, {"rate", 1, 0, 'r'}, {0, 0, 0, 0}};
    fw_conf_init(&g.conf);
    fw_log_init(LOG_NOTICE, getenv("FW_DEBUG"), 0);
    g.n = 100;
    g.events = 2;
    g.window = 256;
    g.timeout_s = 120;
    const char *topics = "fwtest";
    char buf[512];
    const char *env_r = getenv("FW_REDIS_HOST"), *env_p = getenv("FW_REDIS_PORT"), *env_k = getenv("FW_KAFKA_BROKERS");
    if (env_r) set("redis.host", env_r);
    if (env_p) set("redis.port", env_p);
    if (env_k) set("kafka.bootstrap.servers", env_k);
    set("redis.timeout", "2000");
    set("daemon.drain_timeout", "30000");
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'n': g.n = atoi(optarg); break;
        case 'e': g.events = atoi(optarg); break;
        case 't': topics = optarg; break;
        case 's': set("daemon.state_dir", optarg); break;
        case 'p': set("redis.prefix", optarg); break;
        case 'w': g.window = atoi(optarg); break;
        case 'f': set("sink.spool_fsync", optarg); break;
        case 'T': g.timeout_s = atol(optarg); break;
        case 'm': set("sink.spool_max", optarg); break;
        case 'r': g.rate = atof(optarg); break;
        case 'k': {
            char *eq = strchr(optarg, '=');
            if (!eq) return 2;
            snprintf(buf, sizeof buf, "kafka.%.*s", (int)(eq - optarg), optarg);
            set(buf, eq + 1);
            break;
        }
        default: return 2;
        }
    }
    snprintf(buf, sizeof buf, "%s.articles", topics);
    set("sink.topic_articles", buf);
    snprintf(buf, sizeof buf, "%s.events", topics);
    set("sink.topic_events", buf);
    snprintf(buf, sizeof buf, "%s.deadletter", topics);
    set("sink.topic_dlq", buf);

    g.items = calloc((size_t)g.n, sizeof *g.items);
    for (int i = 0; i < g.n; i++) {
        struct item *it = &g.items[i];
        it->i = i;
        snprintf(it->guid, sizeof it->guid, "item-%d", i);
        char url[128];
        snprintf(url, sizeof url, "https://fixture.example/articles/%d", i);
        struct fw_dedup_item di = {.feed_url = "https://fixture.example/feed.xml", .guid = it->guid, .link = url};
        fw_dedup_item_id(&di, it->id);
    }
    qsort(g.items, (size_t)g.n, sizeof *g.items, cmp_item);

    g.loop = fw_loop_new();
    g.redis = fw_redis_new(g.loop, &g.conf);
    g.dedup = fw_dedup_new(g.loop, g.redis, &g.conf);
    struct fw_sink_callbacks cbs = {.done = on_done, .pause = on_pause, .replay = on_replay, .arg = NULL};
    char err[512];
    if (fw_sink_new(g.loop, &g.conf, &cbs, &g.sink, err, sizeof err) != FW_OK) {
        fprintf(stderr, "sink_driver: %s\n", err);
        return 1;
    }
    fw_loop_signal(g.loop, SIGTERM, on_term, NULL);
    fw_loop_signal(g.loop, SIGINT, on_term, NULL);
    g.t0 = fw_now_ms();
    fw_redis_start(g.redis);
    fw_sink_start(g.sink);
    fw_timer_init(&g.poll, on_poll, NULL);
    fw_timer_init(&g.deadline, on_deadline, NULL);
    fw_loop_timer_start(g.loop, &g.poll, 0);
    fw_loop_timer_start(g.loop, &g.deadline, (uint64_t)g.timeout_s * 1000);
    fw_loop_run(g.loop);
    report();
    fw_loop_timer_stop(g.loop, &g.poll);
    fw_loop_timer_stop(g.loop, &g.deadline);
    fw_sink_free(g.sink);
    fw_dedup_free(g.dedup);
    fw_redis_free(g.redis);
    fw_loop_free(g.loop);
    fw_conf_fini(&g.conf);
    free(g.items);
    return g.exit_code;
}
