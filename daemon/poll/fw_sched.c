#include "feedwire/fw_sched.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <xxhash.h>

#include "feedwire/fw_log.h"
#include "feedwire/fw_robots.h"

#define HOST_BUCKETS 1024
#define ROBOTS_TTL_MS (24ull * 3600 * 1000)
#define ROBOTS_RETRY_MS (30ull * 60 * 1000)
#define FEED_ACCEPT \
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
#define PAGE_ACCEPT "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"

enum work_kind { W_FEED, W_ARTICLE, W_ROBOTS };
enum robots_state { ROBOTS_NONE, ROBOTS_FETCHING, ROBOTS_READY };

struct host;
struct feed;

/* One request waiting in a host's queue or running. Feeds embed theirs;
 * article and robots works are allocated and also linked in s->extra. */
struct work {
    enum work_kind kind;
    struct fw_sched *s;
    struct host *host;
    struct work *next;          /* host queue */
    struct work *xprev, *xnext; /* s->extra */
    struct feed *feed;
    char *url, *path;           /* article: URL and its path+query for robots */
    fw_fetch_cb cb;
    void *arg;
    struct fw_fetch_xfer *xfer;
};

struct host {
    struct fw_sched *s;
    char *name; /* the origin, "scheme://host:port" (see split_url) */
    struct host *hnext;
    int active;
    uint64_t next_ok_ms; /* monotonic: host_delay and Retry-After */
    struct work *qhead, *qtail;
    struct fw_timer timer;
    int waiting;
    struct host *wnext;
    size_t nfeeds; /* feeds polled here: such a host is never evicted */
    enum robots_state robots_state;
    struct fw_robots *robots;
    char robots_note[160];
    uint64_t robots_expiry_ms;
    char *robots_url;
    struct work *rhead, *rtail; /* articles waiting for robots.txt */
    size_t queued;              /* its articles queued, waiting for robots.txt or running */
};

struct feed {
    struct fw_sched *s;
    size_t id;
    char *name;
    enum fw_feed_idkind idkind;
    uint64_t interval_ms;
    struct fw_feed_state st;
    struct fw_timer timer;
    struct host *host;
    struct work work;
    int busy, in_cb, meta_set, dirty;
    int held;   /* being handed to another daemon: no new poll (fw_sched_hold) */
    int gone;   /* no longer this daemon's: its state is never written again (fw_sched_forget) */
    /* What is persisted as "already seen": the validators and hash of the
     * last body whose entries the pipeline made durable (deferred_commit), so
     * a crash before that refetches and re-parses instead of losing entries. */
    char *dur_etag, *dur_lm;
    uint64_t dur_hash;
    uint64_t pending_gen; /* body handed out, not yet committed; 0 = none */
    enum fw_err meta_err;
    char meta_msg[256];
};

struct fw_sched {
    struct fw_loop *loop;
    struct fw_fetch *fetch;
    struct fw_sched_opts opts;
    char *robots_agent;
    struct fw_sched_store store;
    int have_store;
    struct fw_sched_hooks hooks;
    struct feed **feeds;
    size_t nfeeds;
    struct host *buckets[HOST_BUCKETS];
    size_t nhosts;
    struct fw_timer sweep, kick, flush;
    uint64_t gen_seq;
    struct host *whead, *wtail;
    long active;
    int paused, closing;
    struct work *extra;
    size_t queued_articles;
    size_t hosts_queued; /* hosts with articles queued */
    uint64_t rng;
    uint64_t n_articles, n_robots_denied, n_queue_refused;
};

void fw_sched_opts_from_conf(struct fw_sched_opts *o, const struct fw_conf *c)
{
    *o = (struct fw_sched_opts){
        .interval_ms = (uint64_t)c->interval_s * 1000,
        .max_interval_ms = (uint64_t)c->max_interval_s * 1000,
        .jitter_pct = (int)c->jitter_pct,
        .backoff_base_ms = (uint64_t)c->backoff_base_s * 1000,
        .backoff_max_ms = (uint64_t)c->backoff_max_s * 1000,
        .dead_after_ms = (uint64_t)c->dead_after_s * 1000,
        .retry_after_max_ms = (uint64_t)c->retry_after_max_s * 1000,
        .max_transfers = c->max_transfers,
        .max_host_transfers = c->max_host_transfers,
        .host_delay_ms = (uint64_t)c->host_delay_ms,
        .robots = c->robots,
        .robots_agent = "feedwire",
        .max_queued_articles = (size_t)c->max_queued_articles,
        .save_delay_ms = (uint64_t)c->save_delay_ms,
    };
}

/* ---- pure policy ---- */

static uint64_t max64(uint64_t a, uint64_t b)
{
    return a > b ? a : b;
}

static uint64_t min64(uint64_t a, uint64_t b)
{
    return a < b ? a : b;
}

/* Seconds from a feed or a header, in ms, capped so the product cannot wrap. */
static uint64_t secs_ms(long s)
{
    return s <= 0 ? 0 : (uint64_t)(s > 100L * 365 * 86400 ? 100L * 365 * 86400 : s) * 1000;
}

uint64_t fw_sched_success_delay_ms(const struct fw_sched_opts *o, uint64_t feed_interval_ms, long ttl_s,
                                   const struct fw_fetch_result *res, int64_t now_wall_ms)
{
    uint64_t d = feed_interval_ms ? feed_interval_ms : o->interval_ms;
    d = max64(d, secs_ms(ttl_s));
    if (res) {
        d = max64(d, secs_ms(res->max_age_s));
        int64_t ref = res->date_ms ? res->date_ms : now_wall_ms;
        if (res->expires_ms > ref) d = max64(d, (uint64_t)(res->expires_ms - ref));
        if (res->retry_after_ms >= 0) d = max64(d, min64((uint64_t)res->retry_after_ms, o->retry_after_max_ms));
    }
    return min64(d, o->max_interval_ms);
}

uint64_t fw_sched_backoff_ms(const struct fw_sched_opts *o, long errors, int dead)
{
    if (dead) return o->backoff_max_ms;
    uint64_t d = o->backoff_base_ms;
    for (long i = 1; i < errors && d < o->backoff_max_ms; i++) d *= 2; /* no shift: it would overflow */
    return min64(d, o->backoff_max_ms);
}

int64_t fw_sched_skip_adjust(int64_t due, uint32_t skip_hours, uint8_t skip_days)
{
    skip_hours &= 0xffffffu;
    skip_days &= 0x7f;
    if (skip_hours == 0xffffffu || skip_days == 0x7f) return due; /* skipping always means nothing */
    for (int i = 0; i < 24 * 8; i++) {
        time_t t = (time_t)(due / 1000);
        struct tm tm;
        gmtime_r(&t, &tm);
        if (!(skip_days & (1u << tm.tm_wday)) && !(skip_hours & (1u << tm.tm_hour))) return due;
        due = ((int64_t)(t - t % 3600) + 3600) * 1000; /* start of the next hour */
    }
    return due;
}

int fw_sched_looks_like_feed(const char *p, size_t n, const char *ctype)
{
    if (ctype && (strncasecmp(ctype, "image/", 6) == 0 || strncasecmp(ctype, "audio/", 6) == 0 ||
                  strncasecmp(ctype, "video/", 6) == 0))
        return 0;
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) i = 3;
    for (;;) {
        while (i < n && isspace((unsigned char)p[i])) i++;
        if (i >= n) return 0;
        if (p[i] == '{') return 1; /* JSON Feed */
        if (p[i] != '<') return 0;
        const char *s = p + i;
        size_t left = n - i;
        const char *end = NULL;
        size_t endlen = 2;
        if (left >= 2 && s[1] == '?') end = memmem(s, left, "?>", 2);
        else if (left >= 4 && memcmp(s, "<!--", 4) == 0) end = memmem(s, left, "-->", endlen = 3);
        else {
            if (left >= 14 && strncasecmp(s, "<!DOCTYPE html", 14) == 0) return 0;
            if (left >= 5 && strncasecmp(s, "<html", 5) == 0) return 0;
            return 1;
        }
        if (!end) return 0;
        i = (size_t)(end - p) + endlen;
    }
}

/* ---- helpers ---- */

static uint64_t rnd(struct fw_sched *s)
{
    s->rng ^= s->rng >> 12;
    s->rng ^= s->rng << 25;
    s->rng ^= s->rng >> 27;
    return s->rng * 2685821657736338717ull;
}

static uint64_t jitter(struct fw_sched *s, uint64_t d)
{
    if (s->opts.jitter_pct <= 0 || d == 0) return d;
    uint64_t span = d * (uint64_t)s->opts.jitter_pct / 100; /* +-span */
    return d - span + rnd(s) % (2 * span + 1);
}

/* Splits url into its origin and path+query; 0 ok, -1 not http(s). The origin
 * (RFC 6454: scheme, lowercase host, port) is what robots.txt and politeness
 * apply to: two servers on one name but different ports are two hosts. key is
 * the origin with the default port spelled out, so http://a and http://a:80
 * are one host; origin keeps the URL's own spelling for robots.txt. */
static int split_url(const char *url, char **key, char **path, char **origin)
{
    CURLU *u = curl_url();
    char *scheme = NULL, *h = NULL, *p = NULL, *q = NULL, *port = NULL, *dport = NULL;
    int rc = -1;
    if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) goto out;
    if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) goto out;
    if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) goto out;
    if (curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK) goto out;
    for (char *c = h; *c; c++) *c = (char)tolower((unsigned char)*c);
    if (key) {
        curl_url_get(u, CURLUPART_PORT, &dport, CURLU_DEFAULT_PORT);
        struct fw_buf b;
        fw_buf_init(&b, 0);
        fw_buf_printf(&b, "%s://%s:%s", scheme, h, dport ? dport : "0");
        *key = fw_buf_steal(&b);
    }
    if (path) {
        curl_url_get(u, CURLUPART_PATH, &p, 0);
        curl_url_get(u, CURLUPART_QUERY, &q, 0);
        struct fw_buf b;
        fw_buf_init(&b, 0);
        fw_buf_printf(&b, "%s%s%s", p ? p : "/", q ? "?" : "", q ? q : "");
        *path = fw_buf_steal(&b);
    }
    if (origin) {
        curl_url_get(u, CURLUPART_PORT, &port, 0);
        struct fw_buf b;
        fw_buf_init(&b, 0);
        fw_buf_printf(&b, "%s://%s%s%s", scheme, h, port ? ":" : "", port ? port : "");
        *origin = fw_buf_steal(&b);
    }
    rc = 0;
out:
    curl_free(scheme);
    curl_free(h);
    curl_free(p);
    curl_free(q);
    curl_free(port);
    curl_free(dport);
    curl_url_cleanup(u);
    return rc;
}

static void host_kick(struct host *h);

static void on_host_timer(struct fw_loop *loop, void *arg)
{
    host_kick(arg);
}

static struct host *host_get(struct fw_sched *s, const char *url)
{
    char *name = NULL, *origin = NULL;
    if (split_url(url, &name, NULL, &origin) != 0) return NULL;
    size_t b = XXH3_64bits(name, strlen(name)) % HOST_BUCKETS;
    for (struct host *h = s->buckets[b]; h; h = h->hnext)
        if (strcmp(h->name, name) == 0) {
            free(name);
            free(origin);
            return h;
        }
    struct host *h = fw_xcalloc(1, sizeof *h);
    h->s = s;
    h->name = name;
    struct fw_buf rb;
    fw_buf_init(&rb, 0);
    fw_buf_printf(&rb, "%s/robots.txt", origin);
    h->robots_url = fw_buf_steal(&rb);
    free(origin);
    fw_timer_init(&h->timer, on_host_timer, h);
    h->hnext = s->buckets[b];
    s->buckets[b] = h;
    s->nhosts++;
    return h;
}

static void host_push(struct host *h, struct work *w, int front)
{
    w->host = h;
    w->next = NULL;
    if (front) {
        w->next = h->qhead;
        h->qhead = w;
        if (!h->qtail) h->qtail = w;
    } else {
        if (h->qtail) h->qtail->next = w;
        else h->qhead = w;
        h->qtail = w;
    }
}

static struct work *host_pop(struct host *h)
{
    struct work *w = h->qhead;
    h->qhead = w->next;
    if (!h->qhead) h->qtail = NULL;
    w->next = NULL;
    return w;
}

/* Kick on the next loop turn, never from inside an API call: callbacks run from the loop only. */
static void host_kick_soon(struct host *h)
{
    if (!fw_timer_active(&h->timer) || h->timer.due_ms > fw_now_ms()) fw_loop_timer_start(h->s->loop, &h->timer, 0);
}

static void extra_link(struct fw_sched *s, struct work *w)
{
    w->xnext = s->extra;
    if (s->extra) s->extra->xprev = w;
    s->extra = w;
}

static void extra_free(struct fw_sched *s, struct work *w)
{
    if (w->xprev) w->xprev->xnext = w->xnext;
    else s->extra = w->xnext;
    if (w->xnext) w->xnext->xprev = w->xprev;
    if (w->kind == W_ARTICLE) {
        s->queued_articles--;
        if (w->host && --w->host->queued == 0) s->hosts_queued--;
    }
    free(w->url);
    free(w->path);
    free(w);
}

static void write_state(struct feed *feed)
{
    struct fw_sched *s = feed->s;
    feed->dirty = 0;
    if (feed->gone) return;
    struct fw_buf b;
    fw_buf_init(&b, 0);
    struct fw_feed_state durable = feed->st; /* shallow: only the durable "seen" fields differ */
    durable.etag = feed->dur_etag;
    durable.last_modified = feed->dur_lm;
    durable.body_hash = feed->dur_hash;
    fw_feed_state_serialize(&durable, &b);
    s->store.save(s->store.ctx, feed->st.key, b.p, b.len);
    fw_buf_fini(&b);
}

/* Writes are batched: a feed polled often is written once per save_delay,
 * and a restart loses at most that much (an extra 200 at worst). */
static void save_state(struct feed *feed)
{
    struct fw_sched *s = feed->s;
    if (!s->have_store) return;
    if (!s->opts.save_delay_ms) {
        write_state(feed);
        return;
    }
    feed->dirty = 1;
    if (!fw_timer_active(&s->flush)) fw_loop_timer_start(s->loop, &s->flush, s->opts.save_delay_ms);
}

static void on_flush(struct fw_loop *loop, void *arg)
{
    struct fw_sched *s = arg;
    for (size_t i = 0; i < s->nfeeds; i++)
        if (s->feeds[i]->dirty) write_state(s->feeds[i]);
}

/* A held feed keeps its next due time (its next owner reads it) but no timer. */
static void feed_schedule(struct feed *feed, uint64_t delay_ms)
{
    feed->st.next_due_ms = fw_wall_ms() + (int64_t)delay_ms;
    if (!feed->held && !feed->gone) fw_loop_timer_start(feed->s->loop, &feed->timer, delay_ms);
}

static void host_retry_after(struct host *h, const struct fw_fetch_result *res)
{
    if ((res->status != 429 && res->status != 503) || res->retry_after_ms < 0) return;
    uint64_t ra = min64((uint64_t)res->retry_after_ms, h->s->opts.retry_after_max_ms);
    uint64_t until = fw_now_ms() + ra;
    if (until <= h->next_ok_ms) return;
    h->next_ok_ms = until;
    fw_log(LOG_NOTICE, "sched", "host %s answered HTTP %ld: no request to it for %" PRIu64 " ms", h->name,
           res->status, ra);
}

/* ---- feed results ---- */

static void feed_success(struct feed *feed, const struct fw_fetch_result *res)
{
    struct fw_sched *s = feed->s;
    struct fw_feed_state *st = &feed->st;
    int64_t now = fw_wall_ms();
    if (st->errors)
        fw_log_feed(LOG_NOTICE, "sched", st->key, st->url, "feed recovered after %ld failed polls%s", st->errors,
                    st->dead ? " (was dead)" : "");
    st->errors = 0;
    st->last_err = FW_OK;
    free(st->last_error);
    st->last_error = NULL;
    st->err_since_ms = 0;
    st->dead = 0;
    st->last_success_ms = now;
    if (res->perm_redirect && strcmp(res->perm_redirect, st->url) != 0) {
        struct host *h = host_get(s, res->perm_redirect);
        if (h) {
            fw_log_feed(LOG_NOTICE, "sched", st->key, st->url, "permanent redirect: feed URL is now %s",
                        res->perm_redirect);
            free(st->url);
            st->url = fw_xstrdup(res->perm_redirect);
            feed->host->nfeeds--;
            feed->host = h;
            h->nfeeds++;
        }
    }
    uint64_t d = jitter(s, fw_sched_success_delay_ms(&s->opts, feed->interval_ms, st->ttl_s, res, now));
    int64_t due = fw_sched_skip_adjust(now + (int64_t)d, st->skip_hours, st->skip_days);
    feed_schedule(feed, (uint64_t)(due - now));
}

static void feed_failure(struct feed *feed, enum fw_err err, const char *msg, const struct fw_fetch_result *res)
{
    struct fw_sched *s = feed->s;
    struct fw_feed_state *st = &feed->st;
    int64_t now = fw_wall_ms();
    st->errors++;
    st->last_err = err;
    free(st->last_error);
    st->last_error = fw_xstrdup(msg && *msg ? msg : fw_err_str(err));
    if (st->errors == 1) {
        st->err_since_ms = now;
        fw_log_feed(LOG_WARNING, "sched", st->key, st->url, "poll failed: %s", st->last_error);
    } else {
        fw_log_feed(LOG_DEBUG, "sched", st->key, st->url, "poll failed again (%ld): %s", st->errors, st->last_error);
    }
    if (!st->dead && (uint64_t)(now - st->err_since_ms) >= s->opts.dead_after_ms) {
        st->dead = 1;
        fw_log_feed(LOG_WARNING, "sched", st->key, st->url,
                    "feed marked dead after failing for %" PRId64 " s; still probed every %" PRIu64 " s",
                    (now - st->err_since_ms) / 1000, s->opts.backoff_max_ms / 1000);
    }
    uint64_t d = fw_sched_backoff_ms(&s->opts, st->errors, st->dead);
    if (res && res->retry_after_ms >= 0) d = max64(d, min64((uint64_t)res->retry_after_ms, s->opts.retry_after_max_ms));
    feed_schedule(feed, jitter(s, d));
}

static void set_validator(char **dst, const char *v)
{
    free(*dst);
    *dst = v ? fw_xstrdup(v) : NULL;
}

static void release(struct host *h);

/* The current validators and hash become the persisted ones. */
static void commit_seen(struct feed *feed)
{
    set_validator(&feed->dur_etag, feed->st.etag);
    set_validator(&feed->dur_lm, feed->st.last_modified);
    feed->dur_hash = feed->st.body_hash;
    feed->pending_gen = 0;
}

/* A body that did not parse must come back whole next time: no hash, and no
 * validators, which would only earn a 304. */
static void forget_body(struct feed *feed)
{
    struct fw_feed_state *st = &feed->st;
    st->body_hash = 0;
    set_validator(&st->etag, NULL);
    set_validator(&st->last_modified, NULL);
    commit_seen(feed);
}

static void on_feed_done(const struct fw_fetch_result *res, void *arg)
{
    struct feed *feed = arg;
    struct fw_sched *s = feed->s;
    struct fw_feed_state *st = &feed->st;
    struct host *h = feed->work.host;
    feed->work.xfer = NULL;
    feed->busy = 0;
    if (s->hooks.feed_fetched) s->hooks.feed_fetched(s->hooks.arg, res->total_s);
    st->polls++;
    st->last_status = res->status;
    host_retry_after(h, res);
    enum fw_err err = res->err;
    char msg[256];
    snprintf(msg, sizeof msg, "%s", res->errmsg);
    if (err == FW_OK && res->status != 304 &&
        !fw_sched_looks_like_feed(res->body.p ? res->body.p : "", res->body.len, res->content_type))
        err = fw_fail(msg, sizeof msg, FW_E_PARSE, "not a feed (HTTP %ld, Content-Type %s)", res->status,
                      res->content_type ? res->content_type : "none");
    if (err == FW_OK) {
        if (res->status == 304) {
            st->not_modified++;
            if (res->etag) set_validator(&st->etag, res->etag);
            if (res->last_modified) set_validator(&st->last_modified, res->last_modified);
            if (!feed->pending_gen) commit_seen(feed);
        } else {
            set_validator(&st->etag, res->etag);
            set_validator(&st->last_modified, res->last_modified);
            uint64_t hash = XXH3_64bits(res->body.p ? res->body.p : "", res->body.len) | 1; /* 0 = none */
            if (hash == st->body_hash) {
                st->unchanged++;
            } else {
                struct fw_sched_body b = {feed->id, st->key, feed->name, res->final_url ? res->final_url : st->url,
                                          feed->idkind, res->body.p ? res->body.p : "", res->body.len,
                                          res->content_type, ++s->gen_seq};
                st->body_hash = hash;
                feed->pending_gen = b.gen; /* the pipeline may commit from inside the callback */
                feed->in_cb = 1;
                feed->meta_set = 0;
                if (s->hooks.feed_body) s->hooks.feed_body(s->hooks.arg, &b);
                feed->in_cb = 0;
                st->parsed++;
                if (feed->meta_set && feed->meta_err != FW_OK) {
                    err = feed->meta_err;
                    snprintf(msg, sizeof msg, "%s", feed->meta_msg);
                    forget_body(feed);
                } else if (!s->hooks.deferred_commit) {
                    commit_seen(feed);
                }
            }
        }
    }
    if (err == FW_OK) feed_success(feed, res);
    else feed_failure(feed, err, msg, res);
    save_state(feed);
    release(h);
}

void fw_sched_feed_parsed(struct fw_sched *s, size_t feed_id, const struct fw_sched_meta *m)
{
    if (feed_id >= s->nfeeds) return;
    struct feed *feed = s->feeds[feed_id];
    if (m->err == FW_OK) {
        feed->st.ttl_s = m->ttl_s > 0 ? m->ttl_s : 0;
        feed->st.skip_hours = m->skip_hours & 0xffffffu;
        feed->st.skip_days = m->skip_days & 0x7f;
    }
    if (feed->in_cb) {
        feed->meta_set = 1;
        feed->meta_err = m->err;
        snprintf(feed->meta_msg, sizeof feed->meta_msg, "%s", m->errmsg ? m->errmsg : fw_err_str(m->err));
        return;
    }
    /* parsed after the callback returned: the poll already counted as a success */
    if (m->err != FW_OK) {
        forget_body(feed);
        if (!feed->busy) feed_failure(feed, m->err, m->errmsg, NULL);
    }
    save_state(feed);
}

void fw_sched_feed_refresh(struct fw_sched *s, size_t feed_id)
{
    if (feed_id >= s->nfeeds) return;
    forget_body(s->feeds[feed_id]);
    save_state(s->feeds[feed_id]);
}

void fw_sched_feed_committed(struct fw_sched *s, size_t feed_id, uint64_t gen)
{
    if (feed_id >= s->nfeeds) return;
    struct feed *feed = s->feeds[feed_id];
    if (!gen || feed->pending_gen != gen) return; /* a newer body is pending, or a reload renumbered */
    commit_seen(feed);
    save_state(feed);
}

/* ---- articles and robots ---- */

static void refuse_article(struct fw_sched *s, struct work *w, enum fw_err err, const char *msg)
{
    struct fw_fetch_result r = {.err = err, .max_age_s = -1, .retry_after_ms = -1, .final_url = w->url};
    snprintf(r.errmsg, sizeof r.errmsg, "%s", msg);
    fw_buf_init(&r.body, 1);
    w->cb(&r, w->arg);
    fw_buf_fini(&r.body);
    extra_free(s, w);
}

static void on_article_done(const struct fw_fetch_result *res, void *arg)
{
    struct work *w = arg;
    struct fw_sched *s = w->s;
    struct host *h = w->host;
    w->xfer = NULL;
    host_retry_after(h, res);
    s->n_articles++;
    w->cb(res, w->arg);
    extra_free(s, w);
    release(h);
}

static void on_robots_done(const struct fw_fetch_result *res, void *arg)
{
    struct work *w = arg;
    struct fw_sched *s = w->s;
    struct host *h = w->host;
    w->xfer = NULL;
    host_retry_after(h, res);
    fw_robots_free(h->robots);
    uint64_t ttl = ROBOTS_TTL_MS;
    h->robots_note[0] = 0;
    if (res->err == FW_OK && res->status == 200) {
        h->robots = fw_robots_parse(res->body.p ? res->body.p : "", res->body.len, s->robots_agent);
    } else if (res->err == FW_E_HTTP && res->status >= 400 && res->status < 500) {
        h->robots = fw_robots_new_all(1); /* no robots.txt: everything allowed */
    } else {
        /* unreachable robots.txt means "disallow all" (RFC 9309 2.3.1.4); ask again later */
        h->robots = fw_robots_new_all(0);
        ttl = ROBOTS_RETRY_MS;
        snprintf(h->robots_note, sizeof h->robots_note, "robots.txt unavailable (%.120s)",
                 res->err != FW_OK ? res->errmsg : "no usable answer");
        fw_log(LOG_NOTICE, "sched", "host %s: %s: article fetches held back", h->name, h->robots_note);
    }
    h->robots_state = ROBOTS_READY;
    h->robots_expiry_ms = fw_now_ms() + ttl;
    while (h->rhead) { /* waiting articles go back to the queue, checked when popped */
        struct work *a = h->rhead;
        h->rhead = a->next;
        host_push(h, a, 0);
    }
    h->rtail = NULL;
    extra_free(s, w);
    release(h);
}

enum fw_err fw_sched_fetch_article(struct fw_sched *s, const char *url, fw_fetch_cb cb, void *arg)
{
    if (s->closing) return FW_E_IO;
    char *path = NULL;
    if (split_url(url, NULL, &path, NULL) != 0) return FW_E_INVAL;
    struct host *h = host_get(s, url);
    if (!h) {
        free(path);
        return FW_E_INVAL;
    }
    /* Fair shares: a host holds at most max_queued_articles divided among the
     * hosts with articles queued (this one included), so one slow host cannot
     * keep the others out; a host under its share gets in even when the
     * queue is full, which bounds the whole queue at twice its size. */
    size_t max = s->opts.max_queued_articles ? s->opts.max_queued_articles : 1;
    size_t share = max / (s->hosts_queued + (h->queued == 0));
    if (h->queued >= (share ? share : 1) || s->queued_articles >= 2 * max) {
        free(path);
        s->n_queue_refused++;
        return FW_E_NOMEM;
    }
    struct work *w = fw_xcalloc(1, sizeof *w);
    *w = (struct work){.kind = W_ARTICLE, .s = s, .url = fw_xstrdup(url), .path = path, .cb = cb, .arg = arg};
    extra_link(s, w);
    s->queued_articles++;
    if (h->queued++ == 0) s->hosts_queued++;
    host_push(h, w, 0);
    host_kick_soon(h);
    return FW_OK;
}

static int robots_stale(const struct host *h)
{
    return h->robots_state == ROBOTS_FETCHING || h->robots_state == ROBOTS_NONE || fw_now_ms() >= h->robots_expiry_ms;
}

/* ---- dispatch ---- */

static void start_work(struct fw_sched *s, struct host *h, struct work *w)
{
    h->active++;
    s->active++;
    struct fw_fetch_req req = {0};
    if (w->kind == W_FEED) {
        struct feed *feed = w->feed;
        feed->st.last_attempt_ms = fw_wall_ms();
        req = (struct fw_fetch_req){feed->st.url, feed->st.etag, feed->st.last_modified, FEED_ACCEPT};
        w->xfer = fw_fetch_start(s->fetch, &req, on_feed_done, feed);
    } else if (w->kind == W_ARTICLE) {
        req = (struct fw_fetch_req){.url = w->url, .accept = PAGE_ACCEPT};
        w->xfer = fw_fetch_start(s->fetch, &req, on_article_done, w);
    } else {
        req = (struct fw_fetch_req){.url = h->robots_url, .accept = "text/plain"};
        w->xfer = fw_fetch_start(s->fetch, &req, on_robots_done, w);
    }
}

static void host_kick(struct host *h)
{
    struct fw_sched *s = h->s;
    while (h->qhead && !s->paused && !s->closing) {
        struct work *w = h->qhead;
        if (w->kind == W_ARTICLE && s->opts.robots) {
            if (robots_stale(h)) {
                host_pop(h);
                w->next = NULL;
                if (h->rtail) h->rtail->next = w;
                else h->rhead = w;
                h->rtail = w;
                if (h->robots_state != ROBOTS_FETCHING) {
                    h->robots_state = ROBOTS_FETCHING;
                    struct work *r = fw_xcalloc(1, sizeof *r);
                    *r = (struct work){.kind = W_ROBOTS, .s = s};
                    extra_link(s, r);
                    host_push(h, r, 1);
                }
                continue;
            }
            if (!fw_robots_allowed(h->robots, w->path)) {
                host_pop(h);
                s->n_robots_denied++;
                refuse_article(s, w, FW_E_REFUSED, h->robots_note[0] ? h->robots_note : "disallowed by robots.txt");
                continue;
            }
        }
        if (s->active >= s->opts.max_transfers) {
            if (!h->waiting) {
                h->waiting = 1;
                h->wnext = NULL;
                if (s->wtail) s->wtail->wnext = h;
                else s->whead = h;
                s->wtail = h;
            }
            return;
        }
        if (h->active >= s->opts.max_host_transfers) return; /* release() kicks again */
        uint64_t now = fw_now_ms();
        if (now < h->next_ok_ms) {
            fw_loop_timer_start(s->loop, &h->timer, h->next_ok_ms - now);
            return;
        }
        host_pop(h);
        h->next_ok_ms = now + s->opts.host_delay_ms;
        start_work(s, h, w);
    }
}

static void kick_waiting(struct fw_sched *s)
{
    while (s->whead && s->active < s->opts.max_transfers && !s->paused) {
        struct host *h = s->whead;
        s->whead = h->wnext;
        if (!s->whead) s->wtail = NULL;
        h->waiting = 0;
        host_kick(h);
    }
}

static void release(struct host *h)
{
    struct fw_sched *s = h->s;
    h->active--;
    s->active--;
    host_kick(h);
    kick_waiting(s);
}

static void on_feed_due(struct fw_loop *loop, void *arg)
{
    struct feed *feed = arg;
    if (feed->busy || feed->held || feed->gone) return;
    feed->busy = 1;
    feed->work.feed = feed;
    host_push(feed->host, &feed->work, 0);
    host_kick(feed->host);
}

void fw_sched_pause(struct fw_sched *s, int paused)
{
    if (s->paused == !!paused) return;
    s->paused = !!paused;
    fw_log(LOG_NOTICE, "sched", "%s", paused ? "paused: no new transfers (backpressure)" : "resumed");
    if (paused) return;
    for (size_t b = 0; b < HOST_BUCKETS; b++)
        for (struct host *h = s->buckets[b]; h; h = h->hnext)
            if (h->qhead) host_kick_soon(h);
}

/* ---- life ---- */

static void feed_settings(struct feed *feed, size_t id, const struct fw_feedlist_entry *e)
{
    feed->id = id;
    free(feed->name);
    feed->name = e->name ? fw_xstrdup(e->name) : NULL;
    feed->idkind = e->idkind;
    feed->interval_ms = (uint64_t)e->interval_s * 1000;
}

static struct feed *feed_new(struct fw_sched *s, size_t id, const struct fw_feedlist_entry *e)
{
    struct feed *feed = fw_xcalloc(1, sizeof *feed);
    feed->s = s;
    feed_settings(feed, id, e);
    fw_timer_init(&feed->timer, on_feed_due, feed);
    feed->work = (struct work){.kind = W_FEED, .s = s, .feed = feed};
    const char *key = fw_feedlist_key(e);
    struct fw_feed_state *st = &feed->st;
    if (s->have_store) {
        struct fw_buf b;
        fw_buf_init(&b, 0);
        enum fw_err rc = s->store.load(s->store.ctx, key, &b);
        if (rc == FW_OK && fw_feed_state_restore(st, b.p ? b.p : "", b.len) != FW_OK) {
            fw_log_feed(LOG_WARNING, "sched", key, e->url, "stored state is unreadable: starting afresh");
        } else if (rc != FW_OK && rc != FW_E_NOTFOUND) {
            fw_log_feed(LOG_WARNING, "sched", key, e->url, "cannot load stored state (%s): starting afresh",
                        fw_err_str(rc));
        }
        fw_buf_fini(&b);
        /* a feed whose listed URL changed is a new feed */
        if (st->list_url && strcmp(st->list_url, e->url) != 0) fw_feed_state_fini(st);
    }
    set_validator(&st->key, key);
    set_validator(&st->list_url, e->url);
    if (!st->url) st->url = fw_xstrdup(e->url);
    feed->host = host_get(s, st->url);
    if (!feed->host) { /* a stored URL that no longer parses: go back to the listed one */
        set_validator(&st->url, e->url);
        feed->host = host_get(s, st->url);
    }
    feed->host->nfeeds++;
    commit_seen(feed); /* what was stored is durable by definition */
    int64_t now = fw_wall_ms();
    uint64_t delay = 0;
    if (st->next_due_ms > now) delay = min64((uint64_t)(st->next_due_ms - now), s->opts.max_interval_ms);
    feed_schedule(feed, delay);
    return feed;
}

/* Takes a feed out of everything: its timer, its host's queue or its
 * running transfer (whose host slot is given back). */
/* Takes a feed's poll out of its host's queue when it waits there, and
 * cancels it when it runs and `cancel` says so (its host slot is given back). */
static void feed_unqueue(struct fw_sched *s, struct feed *feed, int cancel)
{
    if (feed->work.xfer) {
        if (!cancel) return;
        struct host *h = feed->work.host;
        fw_fetch_cancel(s->fetch, feed->work.xfer);
        feed->work.xfer = NULL;
        feed->busy = 0;
        h->active--;
        s->active--;
        if (!s->closing) {
            host_kick_soon(h);
            fw_loop_timer_start(s->loop, &s->kick, 0); /* the freed slot may serve another host */
        }
    } else if (feed->busy) {
        struct host *q = feed->work.host;
        struct work *prev = NULL;
        for (struct work *w = q->qhead; w; prev = w, w = w->next) {
            if (w != &feed->work) continue;
            if (prev) prev->next = w->next;
            else q->qhead = w->next;
            if (q->qtail == w) q->qtail = prev;
            break;
        }
        feed->busy = 0;
    }
}

static void feed_drop(struct fw_sched *s, struct feed *feed)
{
    fw_loop_timer_stop(s->loop, &feed->timer);
    feed_unqueue(s, feed, 1);
    if (feed->dirty) write_state(feed);
    feed->host->nfeeds--;
    fw_feed_state_fini(&feed->st);
    free(feed->dur_etag);
    free(feed->dur_lm);
    free(feed->name);
    free(feed);
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp((*(struct feed *const *)a)->st.key, (*(struct feed *const *)b)->st.key);
}

void fw_sched_reload(struct fw_sched *s, const struct fw_feedlist *feeds)
{
    /* old feeds sorted by key, so each new entry finds its old self in log time */
    struct feed **old = s->feeds;
    size_t nold = s->nfeeds;
    qsort(old, nold, sizeof *old, cmp_key);
    s->nfeeds = feeds ? feeds->n : 0;
    s->feeds = fw_xcalloc(s->nfeeds ? s->nfeeds : 1, sizeof *s->feeds);
    size_t kept = 0, added = 0;
    char *taken = fw_xcalloc(nold ? nold : 1, 1);
    for (size_t i = 0; i < s->nfeeds; i++) {
        const struct fw_feedlist_entry *e = &feeds->v[i];
        struct feed probe_feed = {.st.key = (char *)fw_feedlist_key(e)}, *probe = &probe_feed;
        struct feed **hit = nold ? bsearch(&probe, old, nold, sizeof *old, cmp_key) : NULL;
        if (hit && strcmp((*hit)->st.list_url, e->url) == 0) {
            s->feeds[i] = *hit;
            taken[hit - old] = 1;
            feed_settings(s->feeds[i], i, e);
            kept++;
        } else {
            s->feeds[i] = feed_new(s, i, e);
            added++;
        }
    }
    size_t dropped = 0;
    for (size_t i = 0; i < nold; i++)
        if (!taken[i]) {
            feed_drop(s, old[i]);
            dropped++;
        }
    free(taken);
    free(old);
    fw_log(LOG_NOTICE, "sched", "feed list reloaded: %zu kept, %zu added, %zu removed", kept, added, dropped);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* 1 when the feed's key is one of keys[0..n) (sorted with strcmp). */
static int keyed(const struct feed *feed, const char *const *keys, size_t n)
{
    return n && bsearch(&feed->st.key, keys, n, sizeof *keys, cmp_str);
}

void fw_sched_hold(struct fw_sched *s, const char *const *keys, size_t n)
{
    for (size_t i = 0; i < s->nfeeds; i++) {
        struct feed *feed = s->feeds[i];
        if (!keyed(feed, keys, n)) continue;
        feed->held = 1;
        fw_loop_timer_stop(s->loop, &feed->timer);
        feed_unqueue(s, feed, 0);
    }
}

size_t fw_sched_busy(const struct fw_sched *s, const char *const *keys, size_t n)
{
    size_t busy = 0;
    for (size_t i = 0; i < s->nfeeds; i++) busy += s->feeds[i]->busy && keyed(s->feeds[i], keys, n);
    return busy;
}

void fw_sched_save(struct fw_sched *s, const char *const *keys, size_t n)
{
    if (!s->have_store) return;
    for (size_t i = 0; i < s->nfeeds; i++)
        if (keyed(s->feeds[i], keys, n)) write_state(s->feeds[i]);
}

void fw_sched_forget(struct fw_sched *s, const char *const *keys, size_t n)
{
    for (size_t i = 0; i < s->nfeeds; i++) {
        struct feed *feed = s->feeds[i];
        if (!keyed(feed, keys, n)) continue;
        feed->gone = 1;
        feed->dirty = 0;
        fw_loop_timer_stop(s->loop, &feed->timer);
        feed_unqueue(s, feed, 1);
    }
}

static void on_kick(struct fw_loop *loop, void *arg)
{
    kick_waiting(arg);
}

/* Hosts come and go with article links: free those with nothing to do, no
 * feed, and no robots.txt worth keeping, so months of links do not pile up. */
static void on_sweep(struct fw_loop *loop, void *arg)
{
    struct fw_sched *s = arg;
    uint64_t now = fw_now_ms();
    for (size_t b = 0; b < HOST_BUCKETS; b++) {
        for (struct host **pp = &s->buckets[b]; *pp;) {
            struct host *h = *pp;
            int idle = !h->active && !h->qhead && !h->rhead && !h->waiting && !h->nfeeds && now >= h->next_ok_ms &&
                       h->robots_state != ROBOTS_FETCHING && (!h->robots || now >= h->robots_expiry_ms);
            if (!idle) {
                pp = &h->hnext;
                continue;
            }
            *pp = h->hnext;
            fw_loop_timer_stop(loop, &h->timer);
            fw_robots_free(h->robots);
            free(h->robots_url);
            free(h->name);
            free(h);
            s->nhosts--;
        }
    }
    fw_loop_timer_start(loop, &s->sweep, s->opts.host_sweep_ms);
}

struct fw_sched *fw_sched_new(struct fw_loop *loop, struct fw_fetch *fetch, const struct fw_sched_opts *opts,
                              const struct fw_feedlist *feeds, const struct fw_sched_store *store,
                              const struct fw_sched_hooks *hooks)
{
    struct fw_sched *s = fw_xcalloc(1, sizeof *s);
    s->loop = loop;
    s->fetch = fetch;
    s->opts = *opts;
    if (s->opts.max_transfers < 1) s->opts.max_transfers = 1;
    if (s->opts.max_host_transfers < 1) s->opts.max_host_transfers = 1;
    if (!s->opts.host_sweep_ms) s->opts.host_sweep_ms = 10 * 60 * 1000;
    s->robots_agent = fw_xstrdup(opts->robots_agent ? opts->robots_agent : "feedwire");
    s->opts.robots_agent = s->robots_agent;
    if (store) {
        s->store = *store;
        s->have_store = 1;
    }
    if (hooks) s->hooks = *hooks;
    s->rng = ((uint64_t)fw_wall_ms() << 16) ^ (uint64_t)getpid() ^ 0x9e3779b97f4a7c15ull;
    s->nfeeds = feeds ? feeds->n : 0;
    s->feeds = fw_xcalloc(s->nfeeds ? s->nfeeds : 1, sizeof *s->feeds);
    for (size_t i = 0; i < s->nfeeds; i++) s->feeds[i] = feed_new(s, i, &feeds->v[i]);
    fw_timer_init(&s->sweep, on_sweep, s);
    fw_timer_init(&s->kick, on_kick, s);
    fw_timer_init(&s->flush, on_flush, s);
    fw_loop_timer_start(loop, &s->sweep, s->opts.host_sweep_ms);
    return s;
}

void fw_sched_free(struct fw_sched *s)
{
    if (!s) return;
    s->closing = 1;
    fw_loop_timer_stop(s->loop, &s->sweep);
    fw_loop_timer_stop(s->loop, &s->kick);
    fw_loop_timer_stop(s->loop, &s->flush);
    for (size_t i = 0; i < s->nfeeds; i++) feed_drop(s, s->feeds[i]);
    /* the article callbacks below may look feeds up (fw_sched_nfeeds, _feed_state): there are none now */
    s->nfeeds = 0;
    while (s->extra) {
        struct work *w = s->extra;
        if (w->xfer) fw_fetch_cancel(s->fetch, w->xfer);
        w->xfer = NULL;
        if (w->kind == W_ARTICLE) refuse_article(s, w, FW_E_IO, "scheduler stopped");
        else extra_free(s, w);
    }
    for (size_t b = 0; b < HOST_BUCKETS; b++) {
        while (s->buckets[b]) {
            struct host *h = s->buckets[b];
            s->buckets[b] = h->hnext;
            fw_loop_timer_stop(s->loop, &h->timer);
            fw_robots_free(h->robots);
            free(h->robots_url);
            free(h->name);
            free(h);
        }
    }
    free(s->feeds);
    free(s->robots_agent);
    free(s);
}

size_t fw_sched_nfeeds(const struct fw_sched *s)
{
    return s->nfeeds;
}

const struct fw_feed_state *fw_sched_feed_state(const struct fw_sched *s, size_t feed_id)
{
    return feed_id < s->nfeeds ? &s->feeds[feed_id]->st : NULL;
}

void fw_sched_get_stats(const struct fw_sched *s, struct fw_sched_stats *o)
{
    *o = (struct fw_sched_stats){.feeds = s->nfeeds, .hosts = s->nhosts, .active = (size_t)s->active,
                                 .queued_articles = s->queued_articles, .articles = s->n_articles,
                                 .robots_denied = s->n_robots_denied, .queue_refused = s->n_queue_refused};
    for (size_t i = 0; i < s->nfeeds; i++) {
        const struct fw_feed_state *st = &s->feeds[i]->st;
        o->polls += st->polls;
        o->not_modified += st->not_modified;
        o->unchanged += st->unchanged;
        o->parsed += st->parsed;
        if (st->errors) o->failing++;
        if (st->dead) o->dead++;
    }
}
