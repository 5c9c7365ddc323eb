/* The stages behind the pipe's seam (fw_pipe_int.h), owned here, one of
 * each: fetcher, scheduler (with its Redis-backed store and its metrics),
 * Redis link, dedup, coder, incident store (incident.enabled), sink; and the daemon's side of the pipe:
 * readiness, pause (backpressure, outages, draining), gauges, reload, drain. */
#include "feedwire/fw_pipe.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_code.h"
#include "feedwire/fw_dedup.h"
#include "feedwire/fw_feedlist.h"
#include "feedwire/fw_fetch.h"
#include "feedwire/fw_incident_store.h"
#include "feedwire/fw_keys.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_metrics.h"
#include "feedwire/fw_notify.h"
#include "feedwire/fw_redis.h"
#include "feedwire/fw_sched.h"
#include "feedwire/fw_sink.h"
#include "feedwire/fw_statedir.h"
#include "fw_pipe_int.h"

struct fw_pipe {
    struct fw_loop *loop;
    char *prefix, *state_dir; /* as configured: a reload compares them */
    struct fw_keys keys;
    struct fw_metrics *m;
    struct fw_notify *notify;
    struct fw_fetch *fetch;
    struct fw_sched *sched;
    struct fw_sched_store *store;
    struct fw_sched_metrics *sched_metrics;
    struct fw_redis *redis;
    struct fw_dedup *dedup;
    struct fw_sink *sink;
    struct fw_coder *coder;
    struct fw_incident_store *incidents; /* NULL: incident.enabled off */
    struct fw_pipe_flow *flow;
    int redis_up, sink_paused, draining, started;
    int per_feed_metrics; /* metrics.per_feed */
    uint64_t start_ms; /* fw_pipe_start */
    struct fw_sink_stats sink_prev; /* sink counts already pushed to the metrics */
    struct fw_timer tick;
    fw_cb drain_cb;
    void *drain_arg;
    uint64_t drain_deadline_ms;
    /* Cluster mode: feeds that came from another daemon wait for their state
     * from Redis (as their previous owner wrote it) before they are polled. */
    int cluster;
    struct fw_feedlist *adopt; /* the newest list, applied once Redis answered */
    int adopt_asked;           /* refreshes sent and not answered */
    /* A revoke's handover (fw_pipe_handover): one at a time. */
    struct handover {
        int active, syncing;
        char **keys; /* sorted copies: the leaving feeds' keys */
        size_t n;
        uint64_t start_ms, deadline_ms;
        fw_pipe_handover_cb done;
        void *arg;
        struct fw_timer timer;
    } ho;
    int syncs_asked; /* state syncs sent and not answered */
};

static void on_handover_check(struct fw_loop *loop, void *arg);
static void adopt_ask(struct fw_pipe *p);
static void keys_free(struct handover *ho);

/* ------------------------------------------------------- the real stages */

/* Feed ids change at a reload: the flow names feeds by key. */
static long feed_id_of(struct fw_pipe *p, const char *key)
{
    for (size_t i = 0; p->sched && i < fw_sched_nfeeds(p->sched); i++)
        if (!strcmp(fw_sched_feed_state(p->sched, i)->key, key)) return (long)i;
    return -1;
}

static void st_feed_parsed(void *ctx, size_t feed_id, const struct fw_sched_meta *m)
{
    struct fw_pipe *p = ctx;
    if (p->sched) fw_sched_feed_parsed(p->sched, feed_id, m);
}

static void st_feed_refresh(void *ctx, const char *key)
{
    struct fw_pipe *p = ctx;
    long id = feed_id_of(p, key);
    if (id >= 0) fw_sched_feed_refresh(p->sched, (size_t)id);
}

static void st_feed_committed(void *ctx, const char *key, uint64_t gen)
{
    struct fw_pipe *p = ctx;
    long id = feed_id_of(p, key);
    if (id >= 0) fw_sched_feed_committed(p->sched, (size_t)id, gen);
}

static enum fw_err st_fetch_article(void *ctx, const char *url, fw_fetch_cb cb, void *arg)
{
    struct fw_pipe *p = ctx;
    return p->sched ? fw_sched_fetch_article(p->sched, url, cb, arg) : FW_E_IO;
}

static enum fw_err st_check_item(void *ctx, const struct fw_dedup_item *it, fw_dedup_cb cb, void *arg)
{
    return fw_dedup_check_item(((struct fw_pipe *)ctx)->dedup, it, cb, arg);
}

static enum fw_err st_check_content(void *ctx, const char *id, const char *url, const char *text, size_t n,
                                    fw_dedup_cb cb, void *arg)
{
    return fw_dedup_check_content(((struct fw_pipe *)ctx)->dedup, id, url, text, n, cb, arg);
}

static void st_release(void *ctx, const char *id)
{
    fw_dedup_release(((struct fw_pipe *)ctx)->dedup, id);
}

static void st_mark_failed(void *ctx, const char *id)
{
    fw_dedup_mark_failed(((struct fw_pipe *)ctx)->dedup, id);
}

static void st_mark_done(void *ctx, const char *mark, fw_dedup_marked_cb cb, void *arg)
{
    fw_dedup_mark_done(((struct fw_pipe *)ctx)->dedup, mark, cb, arg);
}

static void st_adopt(void *ctx, const char *mark)
{
    fw_dedup_adopt(((struct fw_pipe *)ctx)->dedup, mark);
}

static enum fw_err st_publish(void *ctx, const struct fw_record_article *a, const char *mark, char *err, size_t errsz)
{
    return fw_sink_publish(((struct fw_pipe *)ctx)->sink, a, mark, err, errsz);
}

static enum fw_err st_incidents(void *ctx, const struct fw_incident_input *in, size_t n, fw_incident_batch_cb cb,
                                void *arg)
{
    return fw_incident_store_submit(((struct fw_pipe *)ctx)->incidents, in, n, fw_wall_ms(), cb, arg);
}

static enum fw_err st_deadletter(void *ctx, const struct fw_sink_failure *f, char *err, size_t errsz)
{
    return fw_sink_deadletter(((struct fw_pipe *)ctx)->sink, f, NULL, err, errsz);
}

static void st_settle(void *ctx, uint64_t unit)
{
    struct fw_pipe *p = ctx;
    if (p->sink) fw_sink_settle(p->sink, unit); /* gone: the unit stays in the spool */
}

/* --------------------------------------------------- hooks and callbacks */

static void on_feed_body(void *arg, const struct fw_sched_body *b)
{
    fw_pipe_flow_feed_body(((struct fw_pipe *)arg)->flow, b);
}

static void on_sink_done(void *arg, const char *id, const char *mark, enum fw_sink_outcome outcome, uint64_t unit)
{
    fw_pipe_flow_sink_done(((struct fw_pipe *)arg)->flow, id, mark, outcome, unit);
}

static void on_sink_replay(void *arg, const char *id, const char *mark)
{
    fw_pipe_flow_sink_replay(((struct fw_pipe *)arg)->flow, id, mark);
}

/* ------------------------------------------------- the daemon's side */

static void set_gauges(struct fw_pipe *p)
{
    if (!p->m) return;
    struct fw_sink_stats ss;
    fw_sink_get_stats(p->sink, &ss);
    /* what Kafka acknowledged, message by message: the counters equal what
     * the topics hold (units replayed from the spool included) */
    fw_metrics_add(p->m, FW_M_ARTICLES_PUBLISHED, ss.acked_by_kind[0] - p->sink_prev.acked_by_kind[0]);
    fw_metrics_add(p->m, FW_M_EVENTS_PUBLISHED, ss.acked_by_kind[1] - p->sink_prev.acked_by_kind[1]);
    fw_metrics_add(p->m, FW_M_INCIDENTS_PUBLISHED, ss.acked_by_kind[3] - p->sink_prev.acked_by_kind[3]);
    fw_metrics_add(p->m, FW_M_KAFKA_DELIVERY_ERRORS, ss.delivery_errors - p->sink_prev.delivery_errors);
    p->sink_prev = ss;
    fw_metrics_set(p->m, FW_M_REDIS_CONNECTED, p->redis_up);
    fw_metrics_set(p->m, FW_M_KAFKA_CONNECTED, ss.kafka_up);
    fw_metrics_set(p->m, FW_M_SPOOL_BYTES, (double)ss.spool_bytes);
    fw_metrics_set(p->m, FW_M_FEEDS, (double)(p->sched ? fw_sched_nfeeds(p->sched) : 0));
    if (!p->sched) return;
    struct fw_sched_stats st;
    fw_sched_get_stats(p->sched, &st);
    fw_metrics_set(p->m, FW_M_FEEDS_FAILING, (double)st.failing);
    fw_metrics_set(p->m, FW_M_FEEDS_DEAD, (double)st.dead);
}

/* The per-feed series (7 a feed), unless metrics.per_feed = no. */
static void feed_metrics(struct fw_pipe *p)
{
    if (p->sched_metrics && p->per_feed_metrics) fw_sched_metrics_update(p->sched_metrics, p->sched);
}

static void update_pause(struct fw_pipe *p)
{
    int paused = p->draining || !p->redis_up || p->sink_paused || !p->started;
    if (p->sched) fw_sched_pause(p->sched, paused);
}

static void on_sink_stats(void *arg, const char *json, size_t len)
{
    struct fw_pipe *p = arg;
    char err[128];
    if (p->m && fw_metrics_kafka_stats(p->m, json, len, err, sizeof err) != FW_OK)
        fw_log(LOG_DEBUG, "sink", "kafka statistics ignored: %s", err);
}

static void on_sink_pause(void *arg, int paused)
{
    struct fw_pipe *p = arg;
    if (paused != p->sink_paused)
        fw_log(paused ? LOG_WARNING : LOG_NOTICE, "sink", "%s", paused ? "spool or memory near its cap: polling paused"
                                                                       : "sink caught up: polling resumed");
    p->sink_paused = paused;
    update_pause(p);
}

static void on_redis_status(struct fw_redis *r, int up, void *arg)
{
    struct fw_pipe *p = arg;
    p->redis_up = up;
    if (up && !p->adopt_asked) adopt_ask(p); /* feeds that came while Redis was down */
    if (!up && p->m) fw_metrics_add(p->m, FW_M_REDIS_ERRORS, 1);
    if (!up && p->notify) fw_notify_error(p->notify, "dedup", "Redis unreachable: publishing paused");
    update_pause(p);
    set_gauges(p);
}

static void on_tick(struct fw_loop *loop, void *arg)
{
    struct fw_pipe *p = arg;
    /* Polling needs Redis (dedup); Kafka only needs to come back: the spool
     * holds what it cannot take, as it does for a daemon already running when
     * Kafka goes away (issue 17: one started during an outage never polled). */
    int kafka_late = p->redis_up && !fw_pipe_ready(p) && fw_now_ms() - p->start_ms >= FW_PIPE_KAFKA_GRACE_MS;
    if (!p->started && (fw_pipe_ready(p) || kafka_late)) {
        p->started = 1;
        if (kafka_late)
            fw_log(LOG_WARNING, "pipe", "Kafka unreachable for %d s: polling %zu feeds anyway, articles are spooled "
                   "until it is back", FW_PIPE_KAFKA_GRACE_MS / 1000, fw_sched_nfeeds(p->sched));
        else
            fw_log(LOG_NOTICE, "pipe", "Redis and Kafka reachable: polling %zu feeds", fw_sched_nfeeds(p->sched));
        if (p->notify) fw_notify_ready(p->notify);
        update_pause(p);
    }
    set_gauges(p);
    feed_metrics(p);
    if (p->draining && p->drain_cb && fw_now_ms() >= p->drain_deadline_ms) {
        fw_cb cb = p->drain_cb;
        p->drain_cb = NULL;
        cb(loop, p->drain_arg);
        return;
    }
    fw_loop_timer_start(loop, &p->tick, p->started ? 1000 : 200);
}

/* ------------------------------------------------------------------ public */

static void on_feed_fetched(void *arg, double total_s)
{
    struct fw_pipe *p = arg;
    if (p->m && total_s > 0) fw_metrics_observe(p->m, FW_M_FETCH_FEED_SECONDS, total_s);
}

static enum fw_err sched_make(struct fw_pipe *p, const struct fw_conf *c, const struct fw_feedlist *feeds, char *err,
                              size_t errsz)
{
    struct fw_fetch_opts fo;
    fw_fetch_opts_from_conf(&fo, c);
    enum fw_err rc = fw_fetch_new(p->loop, &fo, &p->fetch, err, errsz);
    if (rc != FW_OK) return rc;
    struct fw_sched_opts so;
    fw_sched_opts_from_conf(&so, c);
    /* a body is seen once its items are settled (the flow's tracks): crash-safe without Redis */
    struct fw_sched_hooks hooks = {
        .feed_body = on_feed_body, .arg = p, .deferred_commit = 1, .feed_fetched = on_feed_fetched};
    p->sched = fw_sched_new(p->loop, p->fetch, &so, feeds, p->store, &hooks);
    p->sched_metrics = fw_sched_metrics_new(p->m, p->sched);
    feed_metrics(p); /* every per-feed series exists before the first scrape */
    set_gauges(p);
    update_pause(p);
    return FW_OK;
}

enum fw_err fw_pipe_new(struct fw_loop *loop, const struct fw_conf *c, const struct fw_feedlist *feeds,
                        struct fw_metrics *metrics, struct fw_notify *notify, struct fw_pipe **out, char *err,
                        size_t errsz)
{
    struct fw_pipe *p = fw_xcalloc(1, sizeof *p);
    enum fw_err rc = FW_OK;
    p->loop = loop;
    p->m = metrics;
    p->notify = notify;
    p->prefix = fw_xstrdup(c->redis_prefix);
    p->state_dir = fw_xstrdup(c->state_dir);
    p->per_feed_metrics = c->metrics_per_feed;
    fw_timer_init(&p->tick, on_tick, p);
    fw_timer_init(&p->ho.timer, on_handover_check, p);
    p->cluster = c->cluster_enabled;
    fw_keys_init(&p->keys, c->redis_prefix);
    p->redis = fw_redis_new(loop, c);
    fw_redis_add_status_cb(p->redis, on_redis_status, p);

    char dir[4096];
    /* systemd makes StateDirectory; a hand-run daemon makes its own (the parent must exist) */
    if ((rc = fw_statedir_make(c->state_dir, err, errsz)) != FW_OK) goto fail;
    if ((rc = fw_statedir_path(c->state_dir, FW_STATEDIR_FEEDS, dir, sizeof dir, err, errsz)) != FW_OK) goto fail;
    if ((rc = fw_sched_redisstore_new(p->redis, &p->keys, dir, &p->store, err, errsz)) != FW_OK) goto fail;

    char cerr[256];
    struct fw_coder_opts co = {c->dict_dir, NULL, c->min_confidence, c->plover};
    p->coder = fw_coder_new_opts(&co, cerr, sizeof cerr);
    if (!p->coder) {
        /* events are an addition to the articles, not a reason not to run */
        fw_log(LOG_ERR, "code", "event coder unavailable (%s): articles are published without events", cerr);
    }
    p->dedup = fw_dedup_new(loop, p->redis, c);
    if (c->incident_enabled)
        p->incidents = fw_incident_store_new_async(p->redis, c->redis_prefix, (int64_t)c->incident_horizon_s * 1000);
    struct fw_pipe_stages stages = {
        .ctx = p,
        .feed_parsed = st_feed_parsed,
        .feed_refresh = st_feed_refresh,
        .feed_committed = st_feed_committed,
        .fetch_article = st_fetch_article,
        .check_item = st_check_item,
        .check_content = st_check_content,
        .release = st_release,
        .mark_failed = st_mark_failed,
        .mark_done = st_mark_done,
        .adopt = st_adopt,
        .incidents = p->incidents ? st_incidents : NULL,
        .publish = st_publish,
        .deadletter = st_deadletter,
        .settle = st_settle,
    };
    p->flow = fw_pipe_flow_new(&stages, p->coder, p->m);
    struct fw_pipe_retry_opts ro = {(unsigned)c->article_tries, (uint64_t)c->backoff_base_s * 1000,
                                    (uint64_t)c->backoff_max_s * 1000};
    fw_pipe_flow_set_retry(p->flow, &ro);
    struct fw_sink_callbacks cbs = {.done = on_sink_done, .pause = on_sink_pause, .replay = on_sink_replay,
                                   .stats = on_sink_stats, .arg = p};
    if ((rc = fw_sink_new(loop, c, &cbs, &p->sink, err, errsz)) != FW_OK) goto fail;
    if ((rc = sched_make(p, c, feeds, err, errsz)) != FW_OK) goto fail;
    *out = p;
    return FW_OK;
fail:
    fw_pipe_free(p);
    return rc;
}

void fw_pipe_free(struct fw_pipe *p)
{
    if (!p) return;
    fw_loop_timer_stop(p->loop, &p->tick);
    fw_loop_timer_stop(p->loop, &p->ho.timer);
    p->draining = 1;
    if (p->flow) fw_pipe_flow_stop(p->flow);
    fw_sched_free(p->sched); /* article callbacks run and release their jobs; store callbacks see no sched */
    p->sched = NULL;
    fw_sched_metrics_free(p->sched_metrics);
    fw_fetch_free(p->fetch);
    fw_sink_free(p->sink); /* unacknowledged units stay in the spool */
    p->sink = NULL;
    fw_dedup_free(p->dedup);
    p->dedup = NULL;
    fw_incident_store_free(p->incidents); /* batches in flight are forgotten: their jobs go with the flow */
    p->incidents = NULL;
    fw_pipe_flow_free(p->flow); /* jobs, and marks dedup will never answer */
    fw_redis_free(p->redis);
    fw_coder_free(p->coder);
    fw_sched_redisstore_free(p->store);
    fw_feedlist_free(p->adopt);
    keys_free(&p->ho);
    free(p->prefix);
    free(p->state_dir);
    free(p);
}

void fw_pipe_start(struct fw_pipe *p)
{
    fw_redis_start(p->redis);
    fw_sink_start(p->sink);
    p->start_ms = fw_now_ms();
    fw_loop_timer_start(p->loop, &p->tick, 0);
}

int fw_pipe_ready(const struct fw_pipe *p)
{
    struct fw_sink_stats ss;
    fw_sink_get_stats(p->sink, &ss);
    return p->redis_up && ss.kafka_up;
}

/* The scheduler polls feeds now; series of feeds that left the list go (all
 * of them with metrics.per_feed = no), the others keep counting. */
static void apply_feeds(struct fw_pipe *p, const struct fw_feedlist *feeds)
{
    static const struct fw_feedlist none;
    fw_sched_metrics_drop_gone(p->sched_metrics, p->sched, p->per_feed_metrics ? feeds : &none);
    /* feeds kept keep their state and running polls; work in flight goes on */
    fw_sched_reload(p->sched, feeds);
    fw_sched_metrics_reset(p->sched_metrics, p->sched);
    feed_metrics(p);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of the feeds polled now, sorted (the caller frees the array). */
static const char **polled_keys(const struct fw_pipe *p, size_t *n)
{
    *n = fw_sched_nfeeds(p->sched);
    const char **keys = fw_xcalloc(*n ? *n : 1, sizeof *keys);
    for (size_t i = 0; i < *n; i++) keys[i] = fw_sched_feed_state(p->sched, i)->key;
    qsort(keys, *n, sizeof *keys, cmp_str);
    return keys;
}

static void on_adopt_state(void *arg, int ok)
{
    struct fw_pipe *p = arg;
    p->adopt_asked--;
    if (!p->sched || p->adopt_asked > 0 || !p->adopt) return; /* freeing, or a newer answer is coming */
    /* one link answers in order: the cache now holds the newest state of every key asked */
    struct fw_feedlist *fl = p->adopt;
    p->adopt = NULL;
    apply_feeds(p, fl);
    fw_log(LOG_INFO, "sched", "cluster: %zu feeds polled, the new ones from the state their last owner wrote%s",
           fl->n, ok ? "" : " (Redis did not answer: older copies)");
    fw_feedlist_free(fl);
}

/* Asks Redis for the state of the feeds of p->adopt not polled yet; while
 * Redis is down polling is paused anyway, and the ask waits for it. */
static void adopt_ask(struct fw_pipe *p)
{
    if (!p->adopt || !p->redis_up) return;
    size_t npolled, n = 0;
    const char **polled = polled_keys(p, &npolled);
    const char **added = fw_xcalloc(p->adopt->n ? p->adopt->n : 1, sizeof *added);
    for (size_t i = 0; i < p->adopt->n; i++) {
        const char *key = fw_feedlist_key(&p->adopt->v[i]);
        if (!npolled || !bsearch(&key, polled, npolled, sizeof *polled, cmp_str)) added[n++] = key;
    }
    p->adopt_asked++;
    fw_sched_redisstore_refresh(p->store, added, n, on_adopt_state, p); /* n = 0 answers at once */
    free(polled);
    free(added);
}

/* Cluster mode: feeds that left go at once; feeds that came from another
 * daemon are polled once their state was read from Redis, so their first
 * poll sends the validators their last owner got. */
static void set_cluster_feeds(struct fw_pipe *p, const struct fw_feedlist *feeds)
{
    size_t npolled;
    const char **polled = polled_keys(p, &npolled);
    struct fw_feedlist kept = {fw_xcalloc(feeds->n ? feeds->n : 1, sizeof *kept.v), 0};
    for (size_t i = 0; i < feeds->n; i++) {
        const char *key = fw_feedlist_key(&feeds->v[i]);
        if (npolled && bsearch(&key, polled, npolled, sizeof *polled, cmp_str)) kept.v[kept.n++] = feeds->v[i];
    }
    free(polled);
    apply_feeds(p, &kept); /* entries borrowed from feeds */
    free(kept.v);
    fw_feedlist_free(p->adopt);
    p->adopt = NULL;
    if (kept.n == feeds->n) return;
    p->adopt = fw_feedlist_copy(feeds);
    adopt_ask(p);
}

enum fw_err fw_pipe_reload(struct fw_pipe *p, const struct fw_conf *c, const struct fw_feedlist *feeds, char *err,
                           size_t errsz)
{
    if (strcmp(c->redis_prefix, p->prefix) || strcmp(c->state_dir, p->state_dir))
        fw_log(LOG_WARNING, "main", "redis.*, kafka.*, sink.*, fetch.* and daemon.state_dir changes take effect at restart");
    p->per_feed_metrics = c->metrics_per_feed;
    if (p->cluster) set_cluster_feeds(p, feeds);
    else apply_feeds(p, feeds);
    return FW_OK;
}

/* ------------------------------------------------- a revoke's handover */

static void keys_free(struct handover *ho)
{
    for (size_t i = 0; ho->keys && i < ho->n; i++) free(ho->keys[i]);
    free(ho->keys);
    ho->keys = NULL;
}

/* done says whether the owner still waits for this handover. */
static void handover_end(struct fw_pipe *p, const char *how, int done)
{
    struct handover *ho = &p->ho;
    fw_loop_timer_stop(p->loop, &ho->timer);
    ho->active = 0;
    keys_free(ho);
    fw_log(LOG_NOTICE, "sched", "cluster: %zu feeds handed over in %" PRIu64 " ms (%s)", ho->n,
           fw_now_ms() - ho->start_ms, how);
    if (done) ho->done(ho->arg);
}

static void on_state_synced(void *arg, int ok)
{
    struct fw_pipe *p = arg;
    p->syncs_asked--;
    /* one link answers in order: the last answer covers every sync asked */
    if (!p->sched || p->syncs_asked > 0 || !p->ho.active || !p->ho.syncing) return;
    handover_end(p, ok ? "their state in Redis" : "Redis did not confirm their state", 1);
}

static void on_handover_check(struct fw_loop *loop, void *arg)
{
    struct fw_pipe *p = arg;
    struct handover *ho = &p->ho;
    uint64_t now = fw_now_ms();
    if (ho->syncing) { /* Redis did not answer in time */
        handover_end(p, "timed out waiting for Redis", 1);
        return;
    }
    size_t busy = fw_sched_busy(p->sched, (const char *const *)ho->keys, ho->n);
    size_t jobs = fw_pipe_flow_jobs_of(p->flow, (const char *const *)ho->keys, ho->n);
    if ((busy || jobs) && now < ho->deadline_ms) {
        fw_loop_timer_start(loop, &ho->timer, 20);
        return;
    }
    if (busy || jobs)
        fw_log(LOG_WARNING, "sched", "cluster: handover of %zu feeds timed out with %zu polls and %zu items in "
               "flight: the items finish here under their claims", ho->n, busy, jobs);
    /* their next owner reads this (validators of what was settled, next due time) */
    fw_sched_save(p->sched, (const char *const *)ho->keys, ho->n);
    ho->syncing = 1;
    p->syncs_asked++;
    /* Redis gets a second to confirm when the deadline has passed */
    fw_loop_timer_start(loop, &ho->timer, now < ho->deadline_ms ? ho->deadline_ms - now : 1000);
    fw_sched_redisstore_sync(p->store, on_state_synced, p);
}

void fw_pipe_handover(struct fw_pipe *p, const struct fw_feedlist *leaving, uint64_t timeout_ms,
                      fw_pipe_handover_cb done, void *arg)
{
    struct handover *ho = &p->ho;
    /* the owner let the pending one go before it asked for this one */
    if (ho->active) handover_end(p, "cut short by the next rebalance", 0);
    ho->keys = fw_xcalloc(leaving->n ? leaving->n : 1, sizeof *ho->keys);
    ho->n = leaving->n;
    for (size_t i = 0; i < leaving->n; i++) ho->keys[i] = fw_xstrdup(fw_feedlist_key(&leaving->v[i]));
    qsort(ho->keys, ho->n, sizeof *ho->keys, cmp_str);
    ho->active = 1;
    ho->syncing = 0;
    ho->start_ms = fw_now_ms();
    ho->deadline_ms = ho->start_ms + timeout_ms;
    ho->done = done;
    ho->arg = arg;
    fw_sched_hold(p->sched, (const char *const *)ho->keys, ho->n);
    fw_loop_timer_start(p->loop, &ho->timer, 0);
}

void fw_pipe_forget(struct fw_pipe *p, const struct fw_feedlist *leaving)
{
    const char **keys = fw_xcalloc(leaving->n ? leaving->n : 1, sizeof *keys);
    for (size_t i = 0; i < leaving->n; i++) keys[i] = fw_feedlist_key(&leaving->v[i]);
    qsort(keys, leaving->n, sizeof *keys, cmp_str);
    fw_sched_forget(p->sched, keys, leaving->n);
    free(keys);
}

static void drain_done(struct fw_loop *loop, void *arg)
{
    struct fw_pipe *p = arg;
    /* the sink is drained; give Redis a moment for the last marks */
    p->drain_deadline_ms = fw_now_ms() + (fw_redis_pending(p->redis) ? 1000 : 0);
    if (!fw_timer_active(&p->tick)) fw_loop_timer_start(loop, &p->tick, 0);
}

void fw_pipe_drain(struct fw_pipe *p, fw_cb cb, void *arg)
{
    p->draining = 1;
    fw_pipe_flow_stop(p->flow);
    update_pause(p);
    p->drain_cb = cb;
    p->drain_arg = arg;
    p->drain_deadline_ms = UINT64_MAX;
    fw_sink_drain(p->sink, drain_done, p);
}
