/* Benchmark: 1,000 feeds on the local fixture server polled for a bounded
 * time (polls/s, CPU seconds per 1,000 polls, peak RSS), then 1,000 feeds with
 * nothing due (idle CPU and RSS). Prints figures; asserts only correctness. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "../fixtures/fixture_server.h"
#include "feedwire/fw_feedlist.h"
#include "feedwire/fw_fetch.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_loop.h"
#include "feedwire/fw_sched.h"

#define NFEEDS 1000

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "VmRSS: %ld", &kb) == 1) break;
    if (f) fclose(f);
    return kb;
}

static void run_for(struct fw_loop *loop, uint64_t ms)
{
    uint64_t end = fw_now_ms() + ms;
    for (uint64_t now; (now = fw_now_ms()) < end;) fw_loop_once(loop, (int)(end - now));
}

static struct fw_sched *cur;

static void on_body(void *arg, const struct fw_sched_body *b)
{
    struct fw_sched_meta m = {0};
    fw_sched_feed_parsed(cur, b->feed_id, &m);
}

/* An in-memory store (what a Redis binding looks like to the scheduler). */
struct memstore {
    char *blob[NFEEDS];
    size_t len[NFEEDS];
};

static size_t key_index(const char *key)
{
    return (size_t)strtoul(key + 1, NULL, 10) % NFEEDS; /* keys are "f<i>" */
}

static enum fw_err mem_load(void *ctx, const char *key, struct fw_buf *out)
{
    struct memstore *m = ctx;
    size_t i = key_index(key);
    if (!m->blob[i]) return FW_E_NOTFOUND;
    return fw_buf_add(out, m->blob[i], m->len[i]);
}

static void mem_save(void *ctx, const char *key, const char *blob, size_t n)
{
    struct memstore *m = ctx;
    size_t i = key_index(key);
    free(m->blob[i]);
    m->blob[i] = fw_xstrndup(blob, n);
    m->len[i] = n;
}

int main(void)
{
    fw_log_init(LOG_ERR, NULL, 0);
    struct fixture_server fx;
    if (fixture_start(&fx, 90) != 0) return 77;
    int rc = 1;
    char err[256];
    struct fw_buf text;
    fw_buf_init(&text, 0);
    for (int i = 0; i < NFEEDS; i++) fw_buf_printf(&text, "http://127.0.0.1:%d/bench/%d.xml name=f%d\n", fx.port, i, i);
    struct fw_feedlist *fl = NULL;
    if (fw_feedlist_parse(text.p, text.len, "bench", &fl, err, sizeof err) != FW_OK) goto out;

    struct fw_loop *loop = fw_loop_new();
    struct fw_fetch_opts fo = {.user_agent = "feedwire-bench", .connect_timeout_ms = 2000, .timeout_ms = 10000,
                               .max_body = 1 << 20, .max_redirects = 3, .allow_hosts = "127.0.0.1"};
    struct fw_fetch *fetch = NULL;
    if (fw_fetch_new(loop, &fo, &fetch, err, sizeof err) != FW_OK) goto out;
    /* one host here, so the per-host limit is the global one; no host delay */
    struct fw_sched_opts so = {.interval_ms = 100, .max_interval_ms = 1000, .jitter_pct = 15,
                               .backoff_base_ms = 1000, .backoff_max_ms = 4000, .dead_after_ms = 600000,
                               .retry_after_max_ms = 4000, .max_transfers = 32, .max_host_transfers = 32,
                               .robots = 0, .robots_agent = "feedwire", .max_queued_articles = 10,
                               .save_delay_ms = 5000};
    static struct memstore mem;
    struct fw_sched_store store = {mem_load, mem_save, &mem}, *files = NULL;
    /* busy phase: the file store, as the daemon runs it (a file written per poll) */
    char dir[] = "/tmp/fw-bench-state-XXXXXX";
    if (!mkdtemp(dir) || fw_sched_filestore_new(dir, &files, err, sizeof err) != FW_OK) goto out_loop;
    struct fw_sched_hooks hooks = {.feed_body = on_body};

    /* 1. busy: every feed due every 100 ms, so throughput, not the schedule, limits polls; validators make most polls 304s */
    long rss0 = rss_kb();
    double c0 = cpu_s();
    uint64_t t0 = fw_now_ms();
    struct fw_sched *s = cur = fw_sched_new(loop, fetch, &so, fl, files, &hooks);
    run_for(loop, 12000);
    double busy_cpu = cpu_s() - c0;
    double busy_s = (double)(fw_now_ms() - t0) / 1000;
    struct fw_sched_stats st;
    fw_sched_get_stats(s, &st);
    long busy_peak = peak_rss_kb();
    fw_sched_free(s);
    printf("bench_sched busy: %d feeds, one host, 32 transfers, file store, %.1f s\n", NFEEDS, busy_s);
    printf("  polls           %" PRIu64 " (%.0f polls/s)\n", st.polls, (double)st.polls / busy_s);
    printf("  304 share       %.1f%% (%" PRIu64 " not modified, %" PRIu64 " parsed, %zu failing)\n",
           st.polls ? 100.0 * (double)st.not_modified / (double)st.polls : 0.0, st.not_modified, st.parsed,
           st.failing);
    printf("  CPU             %.3f s total, %.3f s per 1,000 polls (this process; the Python server not counted)\n",
           busy_cpu, st.polls ? busy_cpu * 1000 / (double)st.polls : 0.0);
    printf("  RSS             %ld KiB at start, peak %ld KiB\n", rss0, busy_peak);
    if (st.polls < NFEEDS || st.failing) {
        fprintf(stderr, "bench_sched: expected every feed polled without errors\n");
        goto out_loop;
    }

    /* the peer: plain Python threads with keep-alive conditional GETs, same server, same time */
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' '%s/tests/bench/peer_poller.py' %d %d %.0f", fixture_python(),
             getenv("FW_SOURCE_DIR") ? getenv("FW_SOURCE_DIR") : ".", fx.port, NFEEDS, busy_s);
    FILE *peer = popen(cmd, "r");
    unsigned long long peer_polls = 0;
    double peer_s = 0, peer_cpu = 0;
    if (peer) {
        char line[256];
        while (fgets(line, sizeof line, peer))
            if (sscanf(line, "PEER polls=%llu seconds=%lf cpu=%lf", &peer_polls, &peer_s, &peer_cpu) == 3) break;
        pclose(peer);
    }
    if (peer_polls && peer_s > 0) {
        double ours = busy_cpu * 1000 / (double)st.polls, theirs = peer_cpu * 1000 / (double)peer_polls;
        printf("  peer (Python, 32 threads, http.client keep-alive, no scheduling): %llu polls (%.0f polls/s), "
               "%.3f CPU s per 1,000 polls\n",
               peer_polls, (double)peer_polls / peer_s, theirs);
        printf("  ratio           %.1fx less CPU per poll than the peer, %.2fx its polls/s\n", theirs / ours,
               ((double)st.polls / busy_s) / ((double)peer_polls / peer_s));
    } else {
        printf("  peer            did not run (%s)\n", cmd);
    }

    /* 2. idle: 1,000 feeds whose stored next poll is an hour away, moved
     * from the file store into an in-memory one (the shape of a Redis binding) */
    int64_t later = fw_wall_ms() + 3600 * 1000;
    struct fw_buf blob;
    fw_buf_init(&blob, 0);
    for (int i = 0; i < NFEEDS; i++) {
        struct fw_feed_state fs = {0};
        fw_buf_reset(&blob);
        char key[16];
        snprintf(key, sizeof key, "f%d", i);
        if (files->load(files->ctx, key, &blob) != FW_OK || fw_feed_state_restore(&fs, blob.p, blob.len) != FW_OK) {
            fw_buf_fini(&blob);
            goto out_loop;
        }
        fs.next_due_ms = later;
        struct fw_buf b;
        fw_buf_init(&b, 0);
        fw_feed_state_serialize(&fs, &b);
        mem_save(&mem, fs.key, b.p, b.len);
        fw_buf_fini(&b);
        fw_feed_state_fini(&fs);
    }
    fw_buf_fini(&blob);
    so.interval_ms = so.max_interval_ms = 3600 * 1000;
    s = cur = fw_sched_new(loop, fetch, &so, fl, &store, &hooks);
    fw_sched_get_stats(s, &st);
    uint64_t polls_before = st.polls;
    c0 = cpu_s();
    t0 = fw_now_ms();
    run_for(loop, 10000);
    double idle_cpu = cpu_s() - c0, idle_s = (double)(fw_now_ms() - t0) / 1000;
    fw_sched_get_stats(s, &st);
    printf("bench_sched idle: %d feeds, nothing due, %.1f s\n", NFEEDS, idle_s);
    printf("  CPU             %.4f s (%.3f%% of one core)\n", idle_cpu, 100 * idle_cpu / idle_s);
    printf("  RSS             %ld KiB (peak of the whole run %ld KiB)\n", rss_kb(), peak_rss_kb());
    printf("  polls           %" PRIu64 " (want 0)\n", st.polls - polls_before);
    fw_sched_free(s);
    rc = 0;
out_loop:
    fw_sched_filestore_free(files);
    if (files) {
        snprintf(text.p, text.cap, "rm -rf '%s'", dir);
        if (system(text.p) != 0) rc = 1;
    }
    fw_fetch_free(fetch);
    fw_loop_free(loop);
out:
    if (rc) fprintf(stderr, "bench_sched failed: %s\n", err);
    for (int i = 0; i < NFEEDS; i++) free(mem.blob[i]);
    fw_feedlist_free(fl);
    fw_buf_fini(&text);
    fixture_stop(&fx);
    return rc;
}
