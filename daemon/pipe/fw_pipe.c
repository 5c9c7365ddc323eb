#include "feedwire/fw_pipe.h"

#include <hiredis/hiredis.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_code.h"
#include "feedwire/fw_date.h"
#include "feedwire/fw_dedup.h"
#include "feedwire/fw_extract.h"
#include "feedwire/fw_feed.h"
#include "feedwire/fw_feedlist.h"
#include "feedwire/fw_fetch.h"
#include "feedwire/fw_keys.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_metrics.h"
#include "feedwire/fw_notify.h"
#include "feedwire/fw_redis.h"
#include "feedwire/fw_sched.h"
#include "feedwire/fw_sink.h"
#include "feedwire/fw_statedir.h"

/* Items of one poll handed to dedup at most; the rest wait for the next poll
 * (a feed that suddenly lists 5,000 entries must not flood the loop). */
#define MAX_ITEMS_PER_POLL 500
/* Dead-letter payloads keep at most this much of the page. */
#define DLQ_PAYLOAD_MAX (64u << 10)

enum job_stage { JOB_ITEM, JOB_FETCH, JOB_CONTENT, JOB_SINK };

/* One feed item on its way through the stages. Owns copies of everything it
 * needs, since the feed document is freed as soon as it is parsed. */
struct job {
    struct job *prev, *next;
    struct fw_pipe *p;
    enum job_stage stage;
    char *feed_key; /* the configured name (else the URL): FW_FEED in its log lines */
    int settled;  /* counted out of its feed's pending items */
    char id[FW_DEDUP_ID_LEN + 1];
    int updated;
    char *feed_url, *feed_title /* the feed's own <title>: payload only */, *link, *title, *entry_html, *entry_author;
    int64_t entry_published; /* epoch s or FW_FEED_NO_TIME */
    char *final_url, *content_type;
    struct fw_buf body;
    struct fw_article *art;
    int64_t fetched_at_ms;
};

/* The scheduler's store: Redis is the truth (a hash P"feeds"), loaded once at
 * start; a file per feed in state_dir mirrors it so `feedwire feeds` works
 * without Redis and a Redis that lost its data does not cause a refetch storm. */
struct store {
    struct fw_sched_store api;
    struct fw_pipe *p;
    struct fw_sched_store *files;
    char **keys, **blobs;
    size_t n;
};

struct fw_pipe {
    struct fw_loop *loop;
    struct fw_conf conf; /* our copy of what we need: strings duplicated */
    char *prefix, *state_dir; /* as configured: a reload compares them */
    struct fw_keys keys;
    struct fw_feedlist_copy {
        char **names;
        size_t n;
    } feeds_seen;
    struct fw_metrics *m;
    struct fw_notify *notify;
    struct fw_fetch *fetch;
    struct fw_sched *sched;
    struct store store;
    struct fw_redis *redis;
    struct fw_dedup *dedup;
    struct fw_sink *sink;
    struct fw_coder *coder;
    struct job *jobs; /* every live job */
    size_t njobs;
    int redis_up, sink_paused, draining, started;
    uint64_t queue_refused, queue_refused_logged; /* items the article queue refused; how many were logged */
    uint64_t queue_refused_log_ms;
    struct fw_timer tick;
    fw_cb drain_cb;
    void *drain_arg;
    uint64_t drain_deadline_ms;
    struct {
        uint64_t polls, errors, not_modified;
    } *feed_prev; /* last values pushed to per-feed metrics */
    struct fw_sink_stats sink_prev; /* sink counts already pushed to the metrics */
    size_t nfeed_prev;
    /* Items of each feed's parsed bodies not yet settled. The scheduler runs
     * with deferred_commit: a body counts as seen (its validators and hash are
     * persisted) only once every item of it is settled, so a crash or kill -9
     * before that makes the next start fetch and parse the feed again. */
    struct track {
        char *key;
        long pending;
        int retry;    /* an item was released or left for later: the feed was refreshed */
        uint64_t gen; /* the last body handed out (fw_sched_body.gen) */
    } *tracks;
    size_t ntracks;
    struct settle *settles; /* marks being written to Redis */
};

/* ------------------------------------------------------------------ jobs */

static struct job *job_new(struct fw_pipe *p)
{
    struct job *j = fw_xcalloc(1, sizeof *j);
    j->p = p;
    j->entry_published = FW_FEED_NO_TIME;
    fw_buf_init(&j->body, 0);
    j->next = p->jobs;
    if (p->jobs) p->jobs->prev = j;
    p->jobs = j;
    p->njobs++;
    return j;
}

static void job_free(struct job *j)
{
    if (!j) return;
    struct fw_pipe *p = j->p;
    if (j->prev) j->prev->next = j->next;
    else p->jobs = j->next;
    if (j->next) j->next->prev = j->prev;
    p->njobs--;
    free(j->feed_key);
    free(j->feed_url);
    free(j->feed_title);
    free(j->link);
    free(j->title);
    free(j->entry_html);
    free(j->entry_author);
    free(j->final_url);
    free(j->content_type);
    fw_buf_fini(&j->body);
    fw_article_free(j->art);
    free(j);
}

static struct job *job_find_sink(struct fw_pipe *p, const char *id)
{
    for (struct job *j = p->jobs; j; j = j->next)
        if (j->stage == JOB_SINK && !strcmp(j->id, id)) return j;
    return NULL;
}

static void drop(struct fw_pipe *p, const char *stage)
{
    if (p->m) fw_series_add(fw_metrics_series(p->m, FW_M_ARTICLES_DROPPED, stage), 1);
}

static struct track *track_of(struct fw_pipe *p, const char *key)
{
    for (size_t i = 0; i < p->ntracks; i++)
        if (!strcmp(p->tracks[i].key, key)) return &p->tracks[i];
    p->tracks = fw_xrealloc(p->tracks, (p->ntracks + 1) * sizeof *p->tracks);
    p->tracks[p->ntracks] = (struct track){fw_xstrdup(key), 0, 0, 0};
    return &p->tracks[p->ntracks++];
}

/* Feed ids change at a reload: the key is what a job keeps. */
static long feed_id_of(struct fw_pipe *p, const char *key)
{
    for (size_t i = 0; p->sched && i < fw_sched_nfeeds(p->sched); i++)
        if (!strcmp(fw_sched_feed_state(p->sched, i)->key, key)) return (long)i;
    return -1;
}

static void refresh_feed(struct fw_pipe *p, const char *key)
{
    long id = feed_id_of(p, key);
    if (id >= 0) fw_sched_feed_refresh(p->sched, (size_t)id);
}

/* Every item of the feed's bodies is settled: the last body counts as seen. */
static void commit_feed(struct fw_pipe *p, struct track *t)
{
    long id = feed_id_of(p, t->key);
    if (id >= 0) fw_sched_feed_committed(p->sched, (size_t)id, t->gen);
}

/* The item reached an end for this body: clean (published, known, given up
 * for good) or not (released: it must be seen again, so the feed's next body
 * is parsed even if unchanged). */
static void job_settle(struct job *j, int clean)
{
    struct fw_pipe *p = j->p;
    if (j->settled || !j->feed_key) return;
    j->settled = 1;
    struct track *t = track_of(p, j->feed_key);
    t->pending--;
    if (!clean && !t->retry) {
        t->retry = 1;
        refresh_feed(p, j->feed_key);
    }
    if (t->pending <= 0 && !t->retry) {
        t->pending = 0;
        commit_feed(p, t);
    }
}

/* Gives the item up for now: it comes back as new at a later poll. */
static void job_release(struct job *j)
{
    if (j->id[0]) fw_dedup_release(j->p->dedup, j->id);
    job_settle(j, 0);
    job_free(j);
}

static void job_done(struct job *j, int clean)
{
    job_settle(j, clean);
    job_free(j);
}

/* Gives the item up for good: the reason and the page go to the dead-letter
 * topic; the item is recorded so later polls skip it. */
static void job_deadletter(struct job *j, const char *stage, const char *reason)
{
    struct fw_pipe *p = j->p;
    char err[256];
    fw_log_feed(LOG_WARNING, stage, j->feed_key, j->link, "article dead-lettered: %s", reason);
    drop(p, stage);
    size_t n = j->body.len < DLQ_PAYLOAD_MAX ? j->body.len : DLQ_PAYLOAD_MAX;
    if (fw_sink_deadletter(p->sink, j->id, reason, j->body.p, n, NULL, err, sizeof err) != FW_OK)
        fw_log(LOG_WARNING, "sink", "dead-letter refused: %s", err);
    fw_dedup_mark_failed(p->dedup, j->id);
    job_done(j, 1);
}

/* --------------------------------------------------------------- helpers */

static int ymd_from_text(const char *s, struct fw_ymd *out)
{
    int y, m, d;
    if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1900 || m < 1 || m > 12 || d < 1 || d > 31) return -1;
    *out = (struct fw_ymd){y, m, d};
    return 0;
}

static struct fw_ymd ymd_from_epoch(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    return (struct fw_ymd){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

static void set_gauges(struct fw_pipe *p)
{
    if (!p->m) return;
    struct fw_sink_stats ss;
    fw_sink_get_stats(p->sink, &ss);
    /* what Kafka acknowledged, message by message: the counters equal what
     * the topics hold (units replayed from the spool included) */
    fw_metrics_add(p->m, FW_M_ARTICLES_PUBLISHED, ss.acked_by_kind[0] - p->sink_prev.acked_by_kind[0]);
    fw_metrics_add(p->m, FW_M_EVENTS_PUBLISHED, ss.acked_by_kind[1] - p->sink_prev.acked_by_kind[1]);
    fw_metrics_add(p->m, FW_M_KAFKA_DELIVERY_ERRORS, ss.delivery_errors - p->sink_prev.delivery_errors);
    p->sink_prev = ss;
    fw_metrics_set(p->m, FW_M_REDIS_CONNECTED, p->redis_up);
    fw_metrics_set(p->m, FW_M_KAFKA_CONNECTED, ss.kafka_up);
    fw_metrics_set(p->m, FW_M_SPOOL_BYTES, (double)ss.spool_bytes);
    fw_metrics_set(p->m, FW_M_FEEDS, (double)(p->sched ? fw_sched_nfeeds(p->sched) : 0));
}

static void update_pause(struct fw_pipe *p)
{
    int paused = p->draining || !p->redis_up || p->sink_paused || !p->started;
    if (p->sched) fw_sched_pause(p->sched, paused);
}

/* ------------------------------------------------------------- stage 5: sink */

static void publish(struct job *j, struct fw_event_list *evs, const struct fw_dedup_result *res)
{
    struct fw_pipe *p = j->p;
    struct fw_article *a = j->art;
    char err[256], pubbuf[32];
    const char *published = a->published;
    if (!published && j->entry_published != FW_FEED_NO_TIME) {
        fw_date_format_rfc3339(j->entry_published, pubbuf);
        published = pubbuf;
    }
    struct fw_record_article art = {
        .id = j->id,
        .updated = res->state == FW_DEDUP_UPDATED,
        .feed_url = j->feed_url,
        .feed_title = j->feed_title,
        .url = j->final_url ? j->final_url : j->link,
        .canonical_url = a->canonical_url,
        .title = a->title ? a->title : j->title,
        .author = a->author ? a->author : j->entry_author,
        .published = published,
        .modified = a->modified,
        .language = a->language,
        .sitename = a->sitename,
        .description = a->description,
        .text = a->text,
        .fetched_at_ms = j->fetched_at_ms,
        .content_hash = res->text_hash,
        .simhash = res->simhash,
        .events = evs->ev,
        .nevents = evs->n,
    };
    enum fw_err rc = fw_sink_publish(p->sink, &art, res->mark, err, sizeof err);
    if (rc != FW_OK) {
        /* not accepted (spool full, draining): nothing was published, the item comes back */
        fw_log_feed(LOG_WARNING, "sink", j->feed_key, j->link, "publish refused: %s", err);
        job_release(j);
        return;
    }
    fw_log_feed(LOG_INFO, "pipe", j->feed_key, art.url, "%s article \"%.120s\" with %zu event%s",
                art.updated ? "updated" : "new", art.title ? art.title : "", evs->n, evs->n == 1 ? "" : "s");
    job_settle(j, 1); /* spooled: durable from here on */
    j->stage = JOB_SINK;
    fw_article_free(j->art); /* the sink serialized it */
    j->art = NULL;
    fw_buf_fini(&j->body);
}

/* ---------------------------------------------------- stage 4: content dedup */

static void on_content(const struct fw_dedup_result *res, void *arg)
{
    struct job *j = arg;
    struct fw_pipe *p = j->p;
    if (res->err != FW_OK) {
        /* Redis failed mid-check: the claim is gone, the next poll retries */
        job_done(j, 0);
        return;
    }
    if (res->state != FW_DEDUP_NEW && res->state != FW_DEDUP_UPDATED) {
        if (p->m) fw_metrics_add(p->m, FW_M_ARTICLES_DEDUPLICATED, 1);
        fw_log_feed(LOG_DEBUG, "dedup", j->feed_key, j->link, "%s%s%s", fw_dedup_state_name(res->state),
                    res->dup_of[0] ? " of " : "", res->dup_of);
        job_done(j, 1);
        return;
    }
    struct fw_ymd pub = {0, 0, 0};
    if (ymd_from_text(j->art->published, &pub) != 0) {
        int64_t t = j->entry_published != FW_FEED_NO_TIME ? j->entry_published : j->fetched_at_ms / 1000;
        pub = ymd_from_epoch(t);
    }
    struct fw_event_list evs = {0};
    char err[256];
    if (p->coder && fw_code_article(p->coder, j->id, j->art->text, strlen(j->art->text), pub, &evs, err, sizeof err) !=
                        FW_OK) {
        fw_log_feed(LOG_NOTICE, "code", j->feed_key, j->link, "no events coded: %s", err);
        fw_event_list_fini(&evs);
        evs = (struct fw_event_list){0};
    }
    publish(j, &evs, res);
    fw_event_list_fini(&evs);
}

/* ------------------------------------------------- stage 3: extract the page */

static void extract_and_check(struct job *j, const char *html, size_t len, const char *url, const char *ctype)
{
    struct fw_pipe *p = j->p;
    char err[256];
    uint64_t t0 = fw_now_ms();
    enum fw_err rc = fw_extract(html, len, url, ctype, &j->art, err, sizeof err);
    if (p->m) fw_metrics_observe(p->m, FW_M_EXTRACT_SECONDS, (double)(fw_now_ms() - t0) / 1000.0);
    if (rc == FW_OK && !j->art->text[0] && j->entry_html && j->entry_html[0] && html != j->entry_html) {
        /* the page gave nothing (a script-only shell): the feed's own content is the article */
        fw_article_free(j->art);
        j->art = NULL;
        extract_and_check(j, j->entry_html, strlen(j->entry_html), url, "text/html; charset=utf-8");
        return;
    }
    if (rc != FW_OK || !j->art->text[0]) {
        char reason[300];
        snprintf(reason, sizeof reason, "extract: %s", rc != FW_OK ? err : "no article text found");
        job_deadletter(j, "extract", reason);
        return;
    }
    if (p->m) fw_metrics_add(p->m, FW_M_ARTICLES_EXTRACTED, 1);
    j->stage = JOB_CONTENT;
    if (fw_dedup_check_content(p->dedup, j->id, url, j->art->text, strlen(j->art->text), on_content, j) != FW_OK)
        job_done(j, 0); /* Redis down: the claim lapses, the next poll retries */
}

/* ------------------------------------------------- stage 2: fetch the article */

static int permanent_fetch_error(const struct fw_fetch_result *res)
{
    if (res->err == FW_E_REFUSED || res->err == FW_E_TOOBIG || res->err == FW_E_INVAL) return 1;
    if (res->err == FW_E_HTTP) return res->status >= 400 && res->status < 500 && res->status != 408 && res->status != 429;
    return 0;
}

static void on_article(const struct fw_fetch_result *res, void *arg)
{
    struct job *j = arg;
    struct fw_pipe *p = j->p;
    if (p->m && res->total_s > 0) fw_metrics_observe(p->m, FW_M_FETCH_SECONDS, res->total_s);
    if (p->draining || (res->err == FW_E_IO && res->status == 0)) {
        job_release(j); /* scheduler stopped: try again at the next poll */
        return;
    }
    if (res->err != FW_OK || res->status != 200) {
        if (permanent_fetch_error(res)) {
            char reason[300];
            snprintf(reason, sizeof reason, "fetch: %s", res->errmsg[0] ? res->errmsg : fw_err_str(res->err));
            job_deadletter(j, "fetch", reason);
        } else {
            fw_log_feed(LOG_NOTICE, "fetch", j->feed_key, j->link, "article fetch failed, will retry: %s",
                        res->errmsg[0] ? res->errmsg : fw_err_str(res->err));
            drop(p, "fetch_retry");
            job_release(j);
        }
        return;
    }
    if (p->m) fw_metrics_add(p->m, FW_M_ARTICLES_FETCHED, 1);
    j->fetched_at_ms = fw_wall_ms();
    j->final_url = fw_xstrdup(res->final_url ? res->final_url : j->link);
    j->content_type = res->content_type ? fw_xstrdup(res->content_type) : NULL;
    fw_buf_add(&j->body, res->body.p ? res->body.p : "", res->body.len);
    extract_and_check(j, j->body.p, j->body.len, j->final_url, j->content_type);
}

/* ----------------------------------------------------- stage 1: item dedup */

static void on_item(const struct fw_dedup_result *res, void *arg)
{
    struct job *j = arg;
    struct fw_pipe *p = j->p;
    if (res->err != FW_OK || res->state == FW_DEDUP_SEEN || res->state == FW_DEDUP_INFLIGHT) {
        /* in flight elsewhere is not settled: if that claimer dies, the item must be seen again */
        job_done(j, res->err == FW_OK && res->state == FW_DEDUP_SEEN);
        return;
    }
    memcpy(j->id, res->id, sizeof j->id);
    if (!p->sched || p->draining) {
        job_release(j);
        return;
    }
    j->stage = JOB_FETCH;
    if (!j->link) {
        /* no page to fetch: the feed's own content is the article */
        j->fetched_at_ms = fw_wall_ms();
        if (!j->entry_html) {
            job_deadletter(j, "feed", "entry has neither a link nor content");
            return;
        }
        extract_and_check(j, j->entry_html, strlen(j->entry_html), j->feed_url, "text/html; charset=utf-8");
        return;
    }
    enum fw_err rc = fw_sched_fetch_article(p->sched, j->link, on_article, j);
    if (rc == FW_E_INVAL) job_deadletter(j, "fetch", "article link is not an http(s) URL");
    else if (rc == FW_E_NOMEM) {
        /* the host has its share of the article queue: counted, logged once per 10 s, back at the next poll */
        drop(p, "queue_full");
        p->queue_refused++;
        if (fw_now_ms() - p->queue_refused_log_ms >= 10000) {
            uint64_t n = p->queue_refused - p->queue_refused_logged;
            fw_log_feed(LOG_NOTICE, "fetch", j->feed_key, j->link,
                        "article queue: this item's host has its share of fetch.max_queued_articles: it "
                        "waits for a later poll (%" PRIu64 " item%s refused since the last such line)",
                        n, n == 1 ? "" : "s");
            p->queue_refused_logged = p->queue_refused;
            p->queue_refused_log_ms = fw_now_ms();
        }
        job_release(j);
    } else if (rc != FW_OK) {
        job_release(j); /* stopping: next poll */
    }
}

static enum fw_dedup_rule rule_of(enum fw_feed_idkind k)
{
    switch (k) {
    case FW_FEED_ID_LINK: return FW_DEDUP_RULE_LINK;
    case FW_FEED_ID_HASH: return FW_DEDUP_RULE_HASH;
    default: return FW_DEDUP_RULE_AUTO;
    }
}

/* -------------------------------------------------- stage 0: a feed body */

static void on_feed_body(void *arg, const struct fw_sched_body *b)
{
    struct fw_pipe *p = arg;
    struct fw_feed_doc *doc = NULL;
    char err[256];
    struct fw_sched_meta meta = {.err = FW_OK};
    enum fw_err rc = fw_feed_parse(b->body, b->len, b->final_url, b->content_type, &doc, err, sizeof err);
    if (rc != FW_OK) {
        meta.err = rc;
        meta.errmsg = err;
        fw_sched_feed_parsed(p->sched, b->feed_id, &meta);
        return;
    }
    if (doc->bozo)
        fw_log_feed(LOG_DEBUG, "feed", b->key, b->final_url, "feed is ill-formed (recovered): %s",
                    doc->bozo_reason ? doc->bozo_reason : "?");
    meta.ttl_s = doc->ttl_min > 0 ? (long)doc->ttl_min * 60 : 0;
    meta.skip_hours = doc->skip_hours;
    /* the feed model counts days from Monday, the scheduler from Sunday */
    for (int d = 0; d < 7; d++)
        if (doc->skip_days & (1u << d)) meta.skip_days |= (uint8_t)(1u << ((d + 1) % 7));
    fw_sched_feed_parsed(p->sched, b->feed_id, &meta);

    const char *feed_title = b->name ? b->name : b->key;
    size_t n = doc->nentries < MAX_ITEMS_PER_POLL ? doc->nentries : MAX_ITEMS_PER_POLL;
    struct track *t = track_of(p, b->key);
    t->gen = b->gen;
    t->retry = doc->nentries > MAX_ITEMS_PER_POLL; /* the rest must come back at the next poll */
    if (t->retry) fw_sched_feed_refresh(p->sched, b->feed_id);
    else if (!n && t->pending <= 0) fw_sched_feed_committed(p->sched, b->feed_id, b->gen); /* nothing to wait for */
    for (size_t i = 0; i < n; i++) {
        const struct fw_feed_entry *e = &doc->entries[i];
        char pub[32] = "", upd[32] = "";
        if (e->published != FW_FEED_NO_TIME) fw_date_format_rfc3339(e->published, pub);
        if (e->updated != FW_FEED_NO_TIME) fw_date_format_rfc3339(e->updated, upd);
        struct fw_dedup_item it = {
            .feed_url = b->key,
            .guid = e->id_derived ? NULL : e->id,
            .link = e->link,
            .title = e->title,
            .date = pub[0] ? pub : NULL,
            .modified = upd[0] ? upd : NULL,
            .rule = rule_of(b->idkind),
        };
        struct job *j = job_new(p);
        j->feed_key = fw_xstrdup(b->key);
        track_of(p, b->key)->pending++;
        j->feed_url = fw_xstrdup(b->final_url);
        j->feed_title = fw_xstrdup(doc->title ? doc->title : feed_title);
        j->link = e->link ? fw_xstrdup(e->link) : NULL;
        j->title = e->title ? fw_xstrdup(e->title) : NULL;
        const char *html = e->content ? e->content : e->summary;
        j->entry_html = html ? fw_xstrdup(html) : NULL;
        j->entry_author = e->nauthors && e->authors[0].name ? fw_xstrdup(e->authors[0].name) : NULL;
        j->entry_published = e->published != FW_FEED_NO_TIME ? e->published : e->updated;
        if (fw_dedup_check_item(p->dedup, &it, on_item, j) != FW_OK) {
            job_done(j, 0); /* Redis down: this poll's items wait for the next one */
            break;
        }
    }
    fw_log_feed(LOG_DEBUG, "feed", feed_title, b->final_url, "%zu entries", doc->nentries);
    fw_feed_doc_free(doc);
}

/* ------------------------------------------------------------ sink callbacks */

struct settle {
    struct settle *prev, *next; /* in p->settles: freed with the pipe if dedup never answers */
    struct fw_pipe *p;
    uint64_t unit;
};

static void settle_unlink(struct settle *st)
{
    if (st->prev) st->prev->next = st->next;
    else st->p->settles = st->next;
    if (st->next) st->next->prev = st->prev;
}

/* The dedup record is in Redis: only now may the sink forget the unit, so a
 * crash between the Kafka ack and the record cannot publish it twice. */
static void on_marked(void *arg)
{
    struct settle *st = arg;
    if (st->p->sink) fw_sink_settle(st->p->sink, st->unit);
    settle_unlink(st);
    free(st);
}

static void on_sink_done(void *arg, const char *id, const char *mark, enum fw_sink_outcome outcome, uint64_t unit)
{
    struct fw_pipe *p = arg;
    struct job *j = job_find_sink(p, id);
    /* published counts come from the sink's acknowledgements (set_gauges); a
     * pipeline dead letter (FW_SINK_DLQ_DELIVERED) was counted as dropped by its stage */
    if (outcome == FW_SINK_DEADLETTERED) drop(p, "kafka");
    if (mark) {
        struct settle *st = fw_xmalloc(sizeof *st);
        *st = (struct settle){NULL, p->settles, p, unit};
        if (p->settles) p->settles->prev = st;
        p->settles = st;
        fw_dedup_mark_done(p->dedup, mark, on_marked, st);
    } else {
        fw_sink_settle(p->sink, unit);
    }
    job_free(j);
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

static void on_sink_replay(void *arg, const char *id, const char *mark)
{
    struct fw_pipe *p = arg;
    if (mark) fw_dedup_adopt(p->dedup, mark);
}

static void on_redis_status(struct fw_redis *r, int up, void *arg)
{
    struct fw_pipe *p = arg;
    p->redis_up = up;
    if (!up && p->m) fw_metrics_add(p->m, FW_M_REDIS_ERRORS, 1);
    if (!up && p->notify) fw_notify_error(p->notify, "dedup", "Redis unreachable: publishing paused");
    update_pause(p);
    set_gauges(p);
}

/* ------------------------------------------------------------------ store */

static enum fw_err store_load(void *ctx, const char *key, struct fw_buf *out)
{
    struct store *st = ctx;
    for (size_t i = 0; i < st->n; i++)
        if (!strcmp(st->keys[i], key)) return fw_buf_adds(out, st->blobs[i]);
    return st->files ? st->files->load(st->files->ctx, key, out) : FW_E_NOTFOUND;
}

static void store_save(void *ctx, const char *key, const char *blob, size_t n)
{
    struct store *st = ctx;
    struct fw_pipe *p = st->p;
    if (st->files) st->files->save(st->files->ctx, key, blob, n);
    char hkey[FW_KEY_MAX];
    /* best effort: while Redis is down the file mirror holds it */
    if (p->redis && fw_redis_connected(p->redis))
        fw_redis_command(p->redis, NULL, NULL, "HSET %s %s %b", fw_keys_feeds(&p->keys, hkey), key, blob, n);
}

/* One synchronous read at start, before the loop runs: every feed's state. */
static void store_preload(struct store *st)
{
    struct fw_pipe *p = st->p;
    char hkey[FW_KEY_MAX], err[256];
    redisReply *r = NULL;
    if (fw_redis_command_blocking(p->redis, &r, err, sizeof err, "HGETALL %s", fw_keys_feeds(&p->keys, hkey)) !=
        FW_OK) {
        fw_log(LOG_WARNING, "sched", "feed state not loaded from Redis (%s): using the local copy", err);
        return;
    }
    if (r->type == REDIS_REPLY_ARRAY) {
        st->n = r->elements / 2;
        st->keys = fw_xcalloc(st->n ? st->n : 1, sizeof *st->keys);
        st->blobs = fw_xcalloc(st->n ? st->n : 1, sizeof *st->blobs);
        for (size_t i = 0; i < st->n; i++) {
            st->keys[i] = fw_xstrndup(r->element[2 * i]->str, r->element[2 * i]->len);
            st->blobs[i] = fw_xstrndup(r->element[2 * i + 1]->str, r->element[2 * i + 1]->len);
        }
    }
    freeReplyObject(r);
}

static void store_fini(struct store *st)
{
    for (size_t i = 0; i < st->n; i++) {
        free(st->keys[i]);
        free(st->blobs[i]);
    }
    free(st->keys);
    free(st->blobs);
    fw_sched_filestore_free(st->files);
    memset(st, 0, sizeof *st);
}

/* ------------------------------------------------------------ the scheduler */

/* Per-feed bookkeeping indexed by the scheduler's feed ids (renumbered on reload). */
static void feed_arrays_reset(struct fw_pipe *p)
{
    free(p->feed_prev);
    p->nfeed_prev = fw_sched_nfeeds(p->sched);
    p->feed_prev = fw_xcalloc(p->nfeed_prev ? p->nfeed_prev : 1, sizeof *p->feed_prev);
    for (size_t i = 0; i < p->nfeed_prev; i++) {
        /* counters continue from the feed's state: no jump in the per-feed series */
        const struct fw_feed_state *st = fw_sched_feed_state(p->sched, i);
        p->feed_prev[i].polls = st->polls;
        p->feed_prev[i].not_modified = st->not_modified;
        p->feed_prev[i].errors = st->last_err != FW_OK ? (uint64_t)st->errors : 0;
    }
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
    /* a body is seen once its items are settled (struct track): crash-safe without Redis */
    struct fw_sched_hooks hooks = {.feed_body = on_feed_body, .arg = p, .deferred_commit = 1};
    p->sched = fw_sched_new(p->loop, p->fetch, &so, feeds, &p->store.api, &hooks);
    feed_arrays_reset(p);
    update_pause(p);
    return FW_OK;
}

/* Per-feed metrics follow the scheduler's state, once a second. */
static void feed_metrics(struct fw_pipe *p)
{
    if (!p->m || !p->sched) return;
    for (size_t i = 0; i < fw_sched_nfeeds(p->sched) && i < p->nfeed_prev; i++) {
        const struct fw_feed_state *st = fw_sched_feed_state(p->sched, i);
        const char *k = st->key;
        uint64_t errs = st->last_err != FW_OK ? (uint64_t)st->errors : 0;
        if (st->polls > p->feed_prev[i].polls)
            fw_series_add(fw_metrics_series(p->m, FW_M_FEED_POLLS, k), st->polls - p->feed_prev[i].polls);
        if (st->not_modified > p->feed_prev[i].not_modified)
            fw_series_add(fw_metrics_series(p->m, FW_M_FEED_NOT_MODIFIED, k),
                          st->not_modified - p->feed_prev[i].not_modified);
        if (errs > p->feed_prev[i].errors)
            fw_series_add(fw_metrics_series(p->m, FW_M_FEED_ERRORS, k), errs - p->feed_prev[i].errors);
        p->feed_prev[i].polls = st->polls;
        p->feed_prev[i].not_modified = st->not_modified;
        p->feed_prev[i].errors = errs;
        fw_series_set(fw_metrics_series(p->m, FW_M_FEED_LAST_SUCCESS, k), (double)st->last_success_ms / 1000.0);
        fw_series_set(fw_metrics_series(p->m, FW_M_FEED_FAILURES, k), (double)st->errors);
        fw_series_set(fw_metrics_series(p->m, FW_M_FEED_DEAD, k), st->dead);
        double backoff = st->errors && st->next_due_ms > fw_wall_ms() ? (double)(st->next_due_ms - fw_wall_ms()) / 1000.0 : 0;
        fw_series_set(fw_metrics_series(p->m, FW_M_FEED_BACKOFF, k), backoff);
    }
}

static void on_tick(struct fw_loop *loop, void *arg)
{
    struct fw_pipe *p = arg;
    if (!p->started && fw_pipe_ready(p)) {
        p->started = 1;
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
    fw_timer_init(&p->tick, on_tick, p);

    fw_keys_init(&p->keys, c->redis_prefix);
    p->redis = fw_redis_new(loop, c);
    fw_redis_add_status_cb(p->redis, on_redis_status, p);

    char dir[4096];
    /* systemd makes StateDirectory; a hand-run daemon makes its own (the parent must exist) */
    if ((rc = fw_statedir_make(c->state_dir, err, errsz)) != FW_OK) goto fail;
    if ((rc = fw_statedir_path(c->state_dir, FW_STATEDIR_FEEDS, dir, sizeof dir, err, errsz)) != FW_OK) goto fail;
    p->store.p = p;
    p->store.api = (struct fw_sched_store){store_load, store_save, &p->store};
    if ((rc = fw_sched_filestore_new(dir, &p->store.files, err, errsz)) != FW_OK) goto fail;
    store_preload(&p->store);

    char cerr[256];
    p->coder = fw_coder_new(c->dict_dir, cerr, sizeof cerr);
    if (!p->coder) {
        /* events are an addition to the articles, not a reason not to run */
        fw_log(LOG_ERR, "code", "event coder unavailable (%s): articles are published without events", cerr);
    }
    p->dedup = fw_dedup_new(loop, p->redis, c);
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
    p->draining = 1;
    fw_sched_free(p->sched); /* article callbacks run and release their jobs */
    p->sched = NULL;
    fw_fetch_free(p->fetch);
    fw_sink_free(p->sink); /* unacknowledged units stay in the spool */
    p->sink = NULL;
    while (p->jobs) job_free(p->jobs);
    fw_dedup_free(p->dedup);
    while (p->settles) {
        struct settle *st = p->settles;
        settle_unlink(st);
        free(st);
    }
    fw_redis_free(p->redis);
    fw_coder_free(p->coder);
    store_fini(&p->store);
    free(p->feed_prev);
    for (size_t i = 0; i < p->ntracks; i++) free(p->tracks[i].key);
    free(p->tracks);
    free(p->prefix);
    free(p->state_dir);
    free(p);
}

void fw_pipe_start(struct fw_pipe *p)
{
    fw_redis_start(p->redis);
    fw_sink_start(p->sink);
    fw_loop_timer_start(p->loop, &p->tick, 0);
}

int fw_pipe_ready(const struct fw_pipe *p)
{
    struct fw_sink_stats ss;
    fw_sink_get_stats(p->sink, &ss);
    return p->redis_up && ss.kafka_up;
}

enum fw_err fw_pipe_reload(struct fw_pipe *p, const struct fw_conf *c, const struct fw_feedlist *feeds, char *err,
                           size_t errsz)
{
    if (strcmp(c->redis_prefix, p->prefix) || strcmp(c->state_dir, p->state_dir))
        fw_log(LOG_WARNING, "main", "redis.*, kafka.*, sink.*, fetch.* and daemon.state_dir changes take effect at restart");
    /* series of feeds that left the list go; the others keep counting */
    for (size_t i = 0; p->m && i < fw_sched_nfeeds(p->sched); i++) {
        const char *key = fw_sched_feed_state(p->sched, i)->key;
        int kept = 0;
        for (size_t k = 0; k < feeds->n && !kept; k++) kept = !strcmp(fw_feedlist_key(&feeds->v[k]), key);
        if (!kept) fw_metrics_drop_label(p->m, "feed", key);
    }
    /* feeds kept keep their state and running polls; work in flight goes on */
    fw_sched_reload(p->sched, feeds);
    feed_arrays_reset(p);
    return FW_OK;
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
    update_pause(p);
    p->drain_cb = cb;
    p->drain_arg = arg;
    p->drain_deadline_ms = UINT64_MAX;
    fw_sink_drain(p->sink, drain_done, p);
}
