/* fw_pipe: the stage order and the hand-offs (fw_pipe_int.h): each feed item
 * moves through the stages, every call into a stage goes through the seam
 * struct fw_pipe_stages. The real stages and the daemon's lifecycle are in
 * fw_pipe_stages.c. */
#include "fw_pipe_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_code.h"
#include "feedwire/fw_date.h"
#include "feedwire/fw_extract.h"
#include "feedwire/fw_feed.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_metrics.h"

/* Items of one poll handed to dedup at most; the rest wait for the next poll
 * (a feed that suddenly lists 5,000 entries must not flood the loop). */
#define MAX_ITEMS_PER_POLL 500
/* Articles with a failed fetch remembered at most (see struct retry): a power of 2. */
#define RETRY_SLOTS 4096u
/* Dead-letter payloads keep at most this much of the page. */
#define DLQ_PAYLOAD_MAX (64u << 10)

enum job_stage { JOB_ITEM, JOB_FETCH, JOB_CONTENT, JOB_INCIDENT, JOB_SINK };

/* One feed item on its way through the stages. Owns copies of everything it
 * needs, since the feed document is freed as soon as it is parsed. */
struct job {
    struct job *prev, *next;
    struct fw_pipe_flow *p;
    enum job_stage stage;
    char *feed_key; /* the configured name (else the URL): FW_FEED in its log lines */
    int settled;  /* counted out of its feed's pending items */
    char id[FW_DEDUP_ID_LEN + 1];
    int updated;
    char *feed_url, *feed_title /* the feed's own <title>: payload only */, *link, *title, *entry_html, *entry_author;
    uint32_t attempts; /* fetches of its page so far, the last one included (0: not fetched) */
    int64_t entry_published; /* epoch s or FW_FEED_NO_TIME */
    char *final_url, *content_type;
    struct fw_buf body;
    struct fw_article *art;
    int64_t fetched_at_ms;
    int text_truncated; /* the text was cut to FW_RECORD_TEXT_MAX */
    /* JOB_INCIDENT: the coded events and the content check, kept while the incidents are decided */
    struct fw_event_list evs;
    struct fw_dedup_result res;
    struct fw_incident_input *inc_in;
    size_t *inc_ev; /* inc_in[k] is evs.ev[inc_ev[k]] */
    char **inc_sent;
    size_t ninc;
};

struct fw_pipe_flow {
    struct fw_pipe_stages st;
    const struct fw_coder *coder;
    struct fw_metrics *m;
    int stopping;
    int incidents_failing; /* the last articles went out without incident ids (logged once) */
    /* Articles whose fetch failed and may work later (5xx, timeout): how often,
     * and not before when again. One count serves the backoff, the give-up
     * after ropts.tries and the dead letter's attempts. A fixed table keyed by
     * the item id: a collision forgets a count (attempts is then too low). */
    struct fw_pipe_retry_opts ropts;
    struct retry {
        char id[FW_DEDUP_ID_LEN + 1];
        uint32_t fails;
        uint64_t next_ms; /* fw_now_ms */
    } retries[RETRY_SLOTS];
    uint64_t queue_refused, queue_refused_logged; /* items the article queue refused; how many were logged */
    uint64_t queue_refused_log_ms;
    struct job *jobs; /* every live job */
    size_t njobs;
    /* Items of each feed's parsed bodies not yet settled. The scheduler runs
     * with deferred_commit: a body counts as seen (its validators and hash are
     * persisted) only once every item of it is settled, so a crash or kill -9
     * before that makes the next start fetch and parse the feed again. */
    struct track {
        char *key;
        long pending;
        int retry;    /* an item was released: the feed was refreshed, and is until a new pass from its start */
        int more;     /* entries past this poll's MAX_ITEMS_PER_POLL wait for the next poll */
        uint64_t gen; /* the last body handed out (fw_sched_body.gen) */
        size_t next;  /* a feed longer than MAX_ITEMS_PER_POLL: where the next poll goes on */
    } *tracks;
    size_t ntracks;
    struct settle *settles; /* marks being written to Redis */
};

/* ------------------------------------------------------------------ jobs */

static struct job *job_new(struct fw_pipe_flow *p)
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
    struct fw_pipe_flow *p = j->p;
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
    fw_event_list_fini(&j->evs);
    for (size_t i = 0; i < j->ninc; i++) free(j->inc_sent[i]);
    free(j->inc_sent);
    free(j->inc_in);
    free(j->inc_ev);
    free(j);
}

static struct job *job_find_sink(struct fw_pipe_flow *p, const char *id)
{
    for (struct job *j = p->jobs; j; j = j->next)
        if (j->stage == JOB_SINK && !strcmp(j->id, id)) return j;
    return NULL;
}

static void drop(struct fw_pipe_flow *p, const char *stage)
{
    if (p->m) fw_series_add(fw_metrics_series(p->m, FW_M_ARTICLES_DROPPED, stage), 1);
}

static struct track *track_of(struct fw_pipe_flow *p, const char *key)
{
    for (size_t i = 0; i < p->ntracks; i++)
        if (!strcmp(p->tracks[i].key, key)) return &p->tracks[i];
    p->tracks = fw_xrealloc(p->tracks, (p->ntracks + 1) * sizeof *p->tracks);
    p->tracks[p->ntracks] = (struct track){.key = fw_xstrdup(key)};
    return &p->tracks[p->ntracks++];
}


/* The item reached an end for this body: clean (published, known, given up
 * for good) or not (released: it must be seen again, so the feed's next body
 * is parsed even if unchanged). */
static void job_settle(struct job *j, int clean)
{
    struct fw_pipe_flow *p = j->p;
    if (j->settled || !j->feed_key) return;
    j->settled = 1;
    struct track *t = track_of(p, j->feed_key);
    t->pending--;
    if (!clean && !t->retry) {
        t->retry = 1;
        p->st.feed_refresh(p->st.ctx, j->feed_key);
    }
    if (t->pending <= 0 && !t->retry && !t->more) {
        t->pending = 0;
        p->st.feed_committed(p->st.ctx, t->key, t->gen); /* the last body counts as seen */
    }
}

/* Gives the item up for now: it comes back as new at a later poll. */
static void job_release(struct job *j)
{
    if (j->id[0]) j->p->st.release(j->p->st.ctx, j->id);
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
static void job_deadletter(struct job *j, const char *stage, enum fw_err code, long http_status, const char *reason)
{
    struct fw_pipe_flow *p = j->p;
    char err[256];
    fw_log_feed(LOG_WARNING, stage, j->feed_key, j->link, "article dead-lettered: %s", reason);
    drop(p, stage);
    size_t n = j->body.len < DLQ_PAYLOAD_MAX ? j->body.len : DLQ_PAYLOAD_MAX;
    struct fw_sink_failure f = {
        .key = j->id,
        .stage = stage,
        .reason = reason,
        .error = fw_err_str(code),
        .url = j->final_url ? j->final_url : j->link,
        .feed = j->feed_key,
        .feed_url = j->feed_url,
        .feed_title = j->feed_title,
        .http_status = http_status,
        .attempts = j->attempts ? j->attempts : 1, /* not fetched (no link): handled once */
        .payload = j->body.p,
        .n = n,
    };
    if (p->st.deadletter(p->st.ctx, &f, err, sizeof err) != FW_OK)
        fw_log(LOG_WARNING, "sink", "dead-letter refused: %s", err);
    p->st.mark_failed(p->st.ctx, j->id);
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

/* ------------------------------------------------------------- stage 5: sink */

static void publish(struct job *j, struct fw_event_list *evs, const struct fw_dedup_result *res,
                    const struct fw_record_incident *recs, size_t nrecs)
{
    struct fw_pipe_flow *p = j->p;
    struct fw_article *a = j->art;
    char err[256];
    struct fw_record_article art = {
        .id = j->id,
        .updated = res->state == FW_DEDUP_UPDATED,
        .feed_url = j->feed_url,
        .feed_title = j->feed_title,
        .url = j->final_url ? j->final_url : j->link,
        .canonical_url = a->canonical_url,
        .title = a->title ? a->title : j->title,
        .author = a->author ? a->author : j->entry_author,
        .authors = (const char *const *)a->authors,
        .nauthors = a->nauthors,
        .published = a->published, /* the feed entry's when the page gives none (fw_article_check_published) */
        .published_source = a->published_source,
        .modified = a->modified,
        .language = a->language,
        .sitename = a->sitename,
        .description = a->description,
        .text = a->text,
        .text_truncated = j->text_truncated,
        .fetched_at_ms = j->fetched_at_ms,
        .content_hash = res->text_hash,
        .simhash = res->simhash,
        .events = evs->ev,
        .nevents = evs->n,
        .incidents = recs,
        .nincidents = nrecs,
    };
    enum fw_err rc = p->st.publish(p->st.ctx, &art, res->mark, err, sizeof err);
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

/* ------------------------------------------------------ stage 4b: incidents */

/* Redis down or lost: as dedup does, the item is released and comes back at a
 * later poll (dedup pauses polling meanwhile); the store's replay keys make a
 * half-decided batch join the same incidents then. A batch Redis answers with
 * an error (a retry would fail the same) goes out without incident ids: bad
 * data never holds an article back. Logged once per outage, with its recovery. */
static void incidents_failed(struct job *j, enum fw_err rc, const char *err)
{
    struct fw_pipe_flow *p = j->p;
    if (p->m) fw_metrics_add(p->m, FW_M_INCIDENTS_UNDECIDED, 1);
    if (!p->incidents_failing)
        fw_log_feed(LOG_WARNING, "incident", j->feed_key, j->link, "%s: %s",
                    rc == FW_E_REDIS ? "articles wait for Redis to decide their incidents"
                                     : "events published without incident ids",
                    err ? err : fw_err_str(rc));
    p->incidents_failing = 1;
}

static void on_incidents(void *arg, enum fw_err rc, const char *err, const struct fw_incident_result *res, size_t n,
                         const struct fw_record_incident *recs, size_t nrecs)
{
    struct job *j = arg;
    struct fw_pipe_flow *p = j->p;
    if (rc == FW_OK) {
        for (size_t k = 0; k < n && k < j->ninc; k++)
            snprintf(j->evs.ev[j->inc_ev[k]].incident, sizeof j->evs.ev[0].incident, "%s", res[k].inc.id);
        if (p->incidents_failing)
            fw_log_feed(LOG_NOTICE, "incident", j->feed_key, j->link, "incident ids again");
        p->incidents_failing = 0;
    } else {
        incidents_failed(j, rc, err);
        if (rc == FW_E_REDIS) {
            job_release(j);
            return;
        }
        recs = NULL, nrecs = 0;
    }
    struct fw_event_list evs = j->evs;
    j->evs = (struct fw_event_list){0};
    publish(j, &evs, &j->res, recs, nrecs);
    fw_event_list_fini(&evs);
}

/* Hands the article's events (those with a code and a date, at most
 * FW_INCIDENT_BATCH_MAX) to the incident stage: 1 when it took them (or the
 * item was released: Redis down), 0 to publish them as they are. */
static int decide_incidents(struct job *j)
{
    struct fw_pipe_flow *p = j->p;
    size_t n = j->evs.n < FW_INCIDENT_BATCH_MAX ? j->evs.n : FW_INCIDENT_BATCH_MAX;
    j->inc_in = fw_xcalloc(n, sizeof *j->inc_in);
    j->inc_ev = fw_xcalloc(n, sizeof *j->inc_ev);
    j->inc_sent = fw_xcalloc(n, sizeof *j->inc_sent);
    const char *text = j->art->text;
    size_t tlen = text ? strlen(text) : 0;
    for (size_t i = 0; i < j->evs.n && j->ninc < n; i++) {
        const struct fw_event *ev = &j->evs.ev[i];
        if (!fw_incident_mergeable(ev)) continue;
        size_t s0 = ev->sent_start, s1 = ev->sent_end;
        j->inc_sent[j->ninc] = text && s1 >= s0 && s1 <= tlen ? fw_xstrndup(text + s0, s1 - s0) : NULL;
        j->inc_in[j->ninc] = (struct fw_incident_input){ev, j->id, j->inc_sent[j->ninc]};
        j->inc_ev[j->ninc++] = i;
    }
    if (!j->ninc) return 0;
    enum fw_err rc = p->st.incidents(p->st.ctx, j->inc_in, j->ninc, on_incidents, j);
    if (rc != FW_OK) {
        incidents_failed(j, rc, rc == FW_E_REDIS ? "redis not connected" : NULL);
        if (rc != FW_E_REDIS) return 0;
        job_release(j);
        return 1;
    }
    j->stage = JOB_INCIDENT;
    return 1;
}

/* ---------------------------------------------------- stage 4: content dedup */

static void on_content(const struct fw_dedup_result *res, void *arg)
{
    struct job *j = arg;
    struct fw_pipe_flow *p = j->p;
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
    if (p->st.incidents && evs.n) {
        j->evs = evs; /* the job's now, freed with it */
        j->res = *res;
        if (decide_incidents(j)) return;
        evs = j->evs;
        j->evs = (struct fw_event_list){0};
    }
    publish(j, &evs, res, NULL, 0);
    fw_event_list_fini(&evs);
}

/* ------------------------------------------------- stage 3: extract the page */

static void extract_and_check(struct job *j, const char *html, size_t len, const char *url, const char *ctype)
{
    struct fw_pipe_flow *p = j->p;
    char err[256];
    uint64_t t0 = fw_now_ms();
    enum fw_err rc = fw_extract(html, len, url, ctype, &j->art, err, sizeof err);
    if (rc == FW_OK) fw_article_check_published(j->art, j->entry_published, j->fetched_at_ms / 1000);
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
        job_deadletter(j, "extract", rc != FW_OK ? rc : FW_E_PARSE, 0, reason);
        return;
    }
    if (p->m) fw_metrics_add(p->m, FW_M_ARTICLES_EXTRACTED, 1);
    size_t tlen = strlen(j->art->text);
    if (tlen > FW_RECORD_TEXT_MAX) {
        /* a text too large for one Kafka message is cut (and flagged), not lost */
        size_t cut = FW_RECORD_TEXT_MAX;
        while (cut > 0 && ((unsigned char)j->art->text[cut] & 0xc0) == 0x80) cut--; /* not inside a UTF-8 sequence */
        j->art->text[cut] = 0;
        j->text_truncated = 1;
        fw_log_feed(LOG_NOTICE, "extract", j->feed_key, j->link, "article text of %zu bytes cut to %zu (text_truncated)",
                    tlen, cut);
    }
    j->stage = JOB_CONTENT;
    if (p->st.check_content(p->st.ctx, j->id, url, j->art->text, strlen(j->art->text), on_content, j) != FW_OK)
        job_done(j, 0); /* Redis down: the claim lapses, the next poll retries */
}

/* ------------------------------------------------- stage 2: fetch the article */

static struct retry *retry_slot(struct fw_pipe_flow *p, const char *id)
{
    return &p->retries[XXH3_64bits(id, strlen(id)) & (RETRY_SLOTS - 1)];
}

/* The item's earlier fetches failed and its backoff is not over: 1. */
static int retry_waiting(struct fw_pipe_flow *p, const char *id)
{
    struct retry *r = retry_slot(p, id);
    return !strcmp(r->id, id) && fw_now_ms() < r->next_ms;
}

/* The item's fetches that failed for now, remembered (0: none). */
static uint32_t retry_fails(struct fw_pipe_flow *p, const char *id)
{
    struct retry *r = retry_slot(p, id);
    return strcmp(r->id, id) ? 0 : r->fails;
}

static void retry_forget(struct fw_pipe_flow *p, const char *id)
{
    struct retry *r = retry_slot(p, id);
    if (!strcmp(r->id, id)) memset(r, 0, sizeof *r);
}

/* A fetch that may work later failed once more: counted, and the next fetch
 * backs off (ropts.backoff_base_ms doubling up to backoff_max_ms). Returns the
 * failures so far, this one included: the count the give-up and the dead
 * letter's attempts use. */
static uint32_t retry_count(struct fw_pipe_flow *p, const char *id)
{
    struct retry *r = retry_slot(p, id);
    if (strcmp(r->id, id)) *r = (struct retry){.fails = 0};
    snprintf(r->id, sizeof r->id, "%s", id);
    r->fails++;
    uint64_t d = p->ropts.backoff_base_ms;
    for (uint32_t i = 1; i < r->fails && d < p->ropts.backoff_max_ms; i++) d *= 2;
    r->next_ms = fw_now_ms() + (d < p->ropts.backoff_max_ms ? d : p->ropts.backoff_max_ms);
    return r->fails;
}

static void on_article(const struct fw_fetch_result *res, void *arg)
{
    struct job *j = arg;
    struct fw_pipe_flow *p = j->p;
    if (p->m && res->total_s > 0) fw_metrics_observe(p->m, FW_M_FETCH_SECONDS, res->total_s);
    if (p->stopping || (res->err == FW_E_IO && res->status == 0)) {
        job_release(j); /* scheduler stopped: try again at the next poll */
        return;
    }
    if (res->err != FW_OK || res->status != 200) {
        enum fw_err code = res->err != FW_OK ? res->err : FW_E_HTTP;
        const char *why = res->errmsg[0] ? res->errmsg : fw_err_str(code);
        char reason[300];
        if (fw_fetch_permanent(res)) {
            j->attempts = retry_fails(p, j->id) + 1;
            snprintf(reason, sizeof reason, "fetch: %s", why);
        } else {
            /* may work later: retried at later polls, backing off, and given up after ropts.tries */
            uint32_t n = retry_count(p, j->id);
            if (n < p->ropts.tries) {
                if (n == 1)
                    fw_log_feed(LOG_NOTICE, "fetch", j->feed_key, j->link, "article fetch failed, will retry: %s", why);
                else
                    fw_log_feed(LOG_DEBUG, "fetch", j->feed_key, j->link, "article fetch failed (%" PRIu32 " of %u): %s",
                                n, p->ropts.tries, why);
                drop(p, "fetch_retry");
                job_release(j);
                return;
            }
            j->attempts = n; /* the count the give-up used */
            snprintf(reason, sizeof reason, "fetch: failed %" PRIu32 " times, last: %s", n, why);
        }
        retry_forget(p, j->id);
        /* the error page says what the site meant: its start goes along */
        size_t keep = res->body.len < DLQ_PAYLOAD_MAX ? res->body.len : DLQ_PAYLOAD_MAX;
        fw_buf_add(&j->body, res->body.p ? res->body.p : "", keep);
        j->final_url = res->final_url ? fw_xstrdup(res->final_url) : NULL;
        job_deadletter(j, "fetch", code, res->status, reason);
        return;
    }
    j->attempts = retry_fails(p, j->id) + 1;
    retry_forget(p, j->id);
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
    struct fw_pipe_flow *p = j->p;
    if (res->err != FW_OK || res->state == FW_DEDUP_SEEN || res->state == FW_DEDUP_INFLIGHT) {
        /* in flight elsewhere is not settled: if that claimer dies, the item must be seen again */
        job_done(j, res->err == FW_OK && res->state == FW_DEDUP_SEEN);
        return;
    }
    memcpy(j->id, res->id, sizeof j->id);
    if (p->stopping) {
        job_release(j);
        return;
    }
    if (j->link && retry_waiting(p, j->id)) {
        job_release(j); /* its last fetch failed: not before its backoff is over */
        return;
    }
    j->stage = JOB_FETCH;
    if (!j->link) {
        /* no page to fetch: the feed's own content is the article */
        j->fetched_at_ms = fw_wall_ms();
        if (!j->entry_html) {
            job_deadletter(j, "feed", FW_E_INVAL, 0, "entry has neither a link nor content");
            return;
        }
        extract_and_check(j, j->entry_html, strlen(j->entry_html), j->feed_url, "text/html; charset=utf-8");
        return;
    }
    enum fw_err rc = p->st.fetch_article(p->st.ctx, j->link, on_article, j);
    if (rc == FW_E_INVAL) job_deadletter(j, "fetch", rc, 0, "article link is not an http(s) URL");
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

void fw_pipe_flow_feed_body(struct fw_pipe_flow *p, const struct fw_sched_body *b)
{
    struct fw_feed_doc *doc = NULL;
    char err[256];
    struct fw_sched_meta meta = {.err = FW_OK};
    enum fw_err rc = fw_feed_parse(b->body, b->len, b->final_url, b->content_type, &doc, err, sizeof err);
    if (rc != FW_OK) {
        meta.err = rc;
        meta.errmsg = err;
        p->st.feed_parsed(p->st.ctx, b->feed_id, &meta);
        return;
    }
    if (doc->bozo)
        fw_log_feed(LOG_DEBUG, "feed", b->key, b->final_url, "feed is ill-formed (recovered): %s",
                    doc->bozo_reason ? doc->bozo_reason : "?");
    meta.ttl_s = doc->ttl_min > 0 ? (long)doc->ttl_min * 60 : 0;
    meta.skip_hours = doc->skip_hours;
    meta.skip_days = doc->skip_days;
    p->st.feed_parsed(p->st.ctx, b->feed_id, &meta);

    const char *feed_title = b->name ? b->name : b->key;
    struct track *t = track_of(p, b->key);
    t->gen = b->gen;
    /* A long feed goes MAX_ITEMS_PER_POLL entries a poll, each poll on from
     * where the last stopped, and is refreshed until its end was reached, so
     * every entry is handed on (issue 17: the same first 500 were taken at
     * every poll, the rest never). */
    size_t from = t->next < doc->nentries ? t->next : 0;
    size_t to = doc->nentries - from > MAX_ITEMS_PER_POLL ? from + MAX_ITEMS_PER_POLL : doc->nentries;
    size_t n = to - from;
    t->next = to < doc->nentries ? to : 0;
    t->more = t->next != 0; /* the rest must come back at the next poll */
    if (!from) t->retry = 0; /* a pass from the start sees again what an earlier one released */
    if (t->more || from)
        fw_log_feed(LOG_NOTICE, "feed", b->key, b->final_url, "feed lists %zu entries: entries %zu to %zu this poll%s",
                    doc->nentries, from + 1, to, t->more ? ", the rest at the next" : "");
    if (t->more || t->retry) p->st.feed_refresh(p->st.ctx, b->key);
    else if (!n && t->pending <= 0) p->st.feed_committed(p->st.ctx, b->key, b->gen); /* nothing to wait for */
    for (size_t i = from; i < to; i++) {
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
        if (p->st.check_item(p->st.ctx, &it, on_item, j) != FW_OK) {
            t->next = i;    /* the next poll goes on from this entry */
            t->more = i != 0;
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
    struct fw_pipe_flow *p;
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
    st->p->st.settle(st->p->st.ctx, st->unit);
    settle_unlink(st);
    free(st);
}

void fw_pipe_flow_sink_done(struct fw_pipe_flow *p, const char *id, const char *mark, enum fw_sink_outcome outcome,
                            uint64_t unit)
{
    struct job *j = job_find_sink(p, id);
    /* published counts come from the sink's acknowledgements (the daemon's
     * gauges); a pipeline dead letter (FW_SINK_DLQ_DELIVERED) was counted as
     * dropped by its stage */
    if (outcome == FW_SINK_DEADLETTERED) drop(p, "kafka");
    if (mark) {
        struct settle *st = fw_xmalloc(sizeof *st);
        *st = (struct settle){NULL, p->settles, p, unit};
        if (p->settles) p->settles->prev = st;
        p->settles = st;
        p->st.mark_done(p->st.ctx, mark, on_marked, st);
    } else {
        p->st.settle(p->st.ctx, unit);
    }
    job_free(j);
}

void fw_pipe_flow_sink_replay(struct fw_pipe_flow *p, const char *id, const char *mark)
{
    if (mark) p->st.adopt(p->st.ctx, mark);
}

/* ------------------------------------------------------------------ life */

struct fw_pipe_flow *fw_pipe_flow_new(const struct fw_pipe_stages *stages, const struct fw_coder *coder,
                                      struct fw_metrics *metrics)
{
    struct fw_pipe_flow *p = fw_xcalloc(1, sizeof *p);
    p->st = *stages;
    p->coder = coder;
    p->m = metrics;
    p->ropts = (struct fw_pipe_retry_opts){FW_PIPE_ARTICLE_TRIES, 60000, 6 * 3600 * 1000ull};
    return p;
}

void fw_pipe_flow_set_retry(struct fw_pipe_flow *p, const struct fw_pipe_retry_opts *o)
{
    p->ropts = *o;
    if (p->ropts.tries < 1) p->ropts.tries = 1;
    if (p->ropts.backoff_max_ms < p->ropts.backoff_base_ms) p->ropts.backoff_max_ms = p->ropts.backoff_base_ms;
}

void fw_pipe_flow_free(struct fw_pipe_flow *p)
{
    if (!p) return;
    while (p->jobs) job_free(p->jobs);
    while (p->settles) {
        struct settle *st = p->settles;
        settle_unlink(st);
        free(st);
    }
    for (size_t i = 0; i < p->ntracks; i++) free(p->tracks[i].key);
    free(p->tracks);
    free(p);
}

void fw_pipe_flow_stop(struct fw_pipe_flow *p)
{
    p->stopping = 1;
}

size_t fw_pipe_flow_jobs(const struct fw_pipe_flow *p)
{
    return p->njobs;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t fw_pipe_flow_jobs_of(const struct fw_pipe_flow *p, const char *const *keys, size_t n)
{
    size_t jobs = 0;
    for (const struct job *j = p->jobs; j && n; j = j->next)
        jobs += j->feed_key && bsearch(&j->feed_key, keys, n, sizeof *keys, cmp_str);
    return jobs;
}
