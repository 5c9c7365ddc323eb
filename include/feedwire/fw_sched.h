/* fw_sched: when to poll which feed, and politeness to every host. Owns the
 * per-feed state (URL, validators, body hash, status, errors, next due), one
 * loop timer per feed (fw_loop's min-heap is the priority queue), the hosts
 * (one per origin: scheme, host, port; concurrency, minimum delay, Retry-After
 * applied host-wide, robots.txt cache) and the queue of article fetches.
 * Transfers go through fw_fetch.
 * Hands feed bodies to the pipeline via hooks and takes back the feed's
 * ttl/skipHours/skipDays; persists state through a small store interface.
 * Thread: main (the loop's). */
#ifndef FW_SCHED_H
#define FW_SCHED_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_conf.h"
#include "feedwire/fw_err.h"
#include "feedwire/fw_feedlist.h"
#include "feedwire/fw_fetch.h"
#include "feedwire/fw_loop.h"

struct fw_sched_opts {
    uint64_t interval_ms;        /* default poll interval */
    uint64_t max_interval_ms;
    int jitter_pct;
    uint64_t backoff_base_ms, backoff_max_ms;
    uint64_t dead_after_ms;
    uint64_t retry_after_max_ms;
    long max_transfers, max_host_transfers;
    uint64_t host_delay_ms;
    int robots;                  /* honour robots.txt for article fetches */
    const char *robots_agent;    /* product token matched in robots.txt, e.g. "feedwire" */
    size_t max_queued_articles;  /* article queue: a host's fair share of it, the whole at most twice it */
    uint64_t save_delay_ms;      /* state writes batched this long (0 = at once); all flushed on free */
    uint64_t host_sweep_ms;      /* how often idle hosts are freed (0 = 10 min) */
};

/* Copies [schedule] and [fetch] options from conf (seconds become ms). */
void fw_sched_opts_from_conf(struct fw_sched_opts *o, const struct fw_conf *conf);

/* Per-feed state, as persisted and as shown by `feedwire feeds`. Times are
 * wall-clock ms (0 = never). Strings are owned by the state. */
struct fw_feed_state {
    char *key;               /* name or listed URL */
    char *list_url;          /* URL as in the feed list when the state was written */
    char *url;               /* URL polled: list_url or an adopted permanent redirect */
    char *etag, *last_modified;
    uint64_t body_hash;      /* XXH3 of the last parsed body; 0 = none */
    long last_status;        /* 0 = no HTTP response */
    enum fw_err last_err;
    char *last_error;        /* NULL when the last poll succeeded */
    long errors;             /* consecutive */
    int64_t last_attempt_ms, last_success_ms, err_since_ms, next_due_ms;
    int dead;
    long ttl_s;              /* from the feed (<ttl>, sy:updatePeriod...), 0 none */
    uint32_t skip_hours;     /* bit h: skip UTC hour h */
    uint8_t skip_days;       /* bit d: skip weekday d (enum fw_cal_wday), UTC */
    uint64_t polls, not_modified, unchanged, parsed; /* counters over the feed's life */
};

void fw_feed_state_fini(struct fw_feed_state *st);
/* A compact line-based text ("k=value\n", values %-escaped). */
void fw_feed_state_serialize(const struct fw_feed_state *st, struct fw_buf *out);
/* Fills st (fini'ed first) from a serialized blob; FW_E_PARSE when it is not one. */
enum fw_err fw_feed_state_restore(struct fw_feed_state *st, const char *p, size_t n);

/* Where per-feed state lives across restarts. load: FW_OK and the blob in
 * out, FW_E_NOTFOUND, or another error (logged, state starts empty). save may
 * be asynchronous and must copy what it keeps. */
struct fw_sched_store {
    enum fw_err (*load)(void *ctx, const char *feed_key, struct fw_buf *out);
    void (*save)(void *ctx, const char *feed_key, const char *blob, size_t n);
    void *ctx;
};

/* A store of one file per feed in dir (created if missing), named by a hash
 * of the key; writes are atomic (rename), not fsynced. */
enum fw_err fw_sched_filestore_new(const char *dir, struct fw_sched_store **out, char *err, size_t errsz);
void fw_sched_filestore_free(struct fw_sched_store *st);

struct fw_redis;
struct fw_keys;
/* The daemon's store: Redis (the hash fw_keys_feeds) is the truth, read once
 * here with one blocking command (call it before the loop runs); a file
 * store in dir mirrors every save, so `feedwire feeds` works without Redis
 * and a Redis that lost its data does not cause a refetch storm. A load takes
 * what Redis held at start, else the file. A save reaches Redis only while it
 * is connected (best effort: the file holds it). r must outlive the store. */
enum fw_err fw_sched_redisstore_new(struct fw_redis *r, const struct fw_keys *keys, const char *dir,
                                    struct fw_sched_store **out, char *err, size_t errsz);
void fw_sched_redisstore_free(struct fw_sched_store *st);
/* cb of a refresh or sync: ok 1 when Redis answered. */
typedef void (*fw_sched_store_cb)(void *arg, int ok);
/* Cluster mode: a feed that came from another daemon must start from the
 * state its previous owner last wrote, not from what Redis held at start.
 * Reads keys[0..n) with one asynchronous HMGET; once answered, a load of
 * those keys returns what Redis held (a key Redis has nothing for keeps the
 * older copy). cb runs exactly once from the loop, or inside this call when
 * Redis is not connected (ok 0), and with ok 0 when fw_redis_free fails it. */
void fw_sched_redisstore_refresh(struct fw_sched_store *st, const char *const *keys, size_t n,
                                 fw_sched_store_cb cb, void *arg);
/* cb runs once every save made before this call was answered by Redis (ok 1),
 * or the link failed (ok 0); same rules as a refresh. */
void fw_sched_redisstore_sync(struct fw_sched_store *st, fw_sched_store_cb cb, void *arg);

/* What the pipeline gets when a feed body must be parsed. Everything is
 * borrowed for the duration of the callback. */
struct fw_sched_body {
    size_t feed_id;          /* for fw_sched_feed_parsed */
    const char *key;         /* name or listed URL: stable */
    const char *name;        /* NULL if the list gives none */
    const char *final_url;   /* after redirects: base for relative links */
    enum fw_feed_idkind idkind;
    const char *body;
    size_t len;
    const char *content_type; /* may be NULL */
    uint64_t gen;            /* for fw_sched_feed_committed */
};

/* What the pipeline tells back after parsing. */
struct fw_sched_meta {
    enum fw_err err;         /* FW_OK, or why the body is not a usable feed */
    const char *errmsg;      /* may be NULL */
    long ttl_s;
    uint32_t skip_hours;
    uint8_t skip_days;
};

struct fw_sched_hooks {
    /* A new body (not 304, not identical to the last parsed one). The
     * pipeline parses it, preferably inline, and calls fw_sched_feed_parsed
     * (inside the callback or later). */
    void (*feed_body)(void *arg, const struct fw_sched_body *b);
    void *arg;
    /* 0: a body counts as seen (validators and hash persisted) once
     * feed_body returns. 1: only once the pipeline calls
     * fw_sched_feed_committed, i.e. when every entry of it is durable (in the
     * spool or published), so a crash in between means a refetch, not a loss. */
    int deferred_commit;
    /* May be NULL: every feed poll that got an answer or failed, with its
     * transfer time (seconds; 0 when none was made). */
    void (*feed_fetched)(void *arg, double total_s);
};

struct fw_sched_stats {
    uint64_t polls, not_modified, unchanged, parsed; /* summed over the feeds' lives (persisted counters) */
    uint64_t articles, robots_denied, queue_refused; /* since fw_sched_new */
    size_t feeds, hosts, dead, failing, active, queued_articles;
};

struct fw_sched;

/* Borrows loop, fetch, feeds (copied) and store (kept: it must outlive the
 * scheduler; may be NULL). Loads each feed's state and arms its timer: due
 * feeds poll at once. */
struct fw_sched *fw_sched_new(struct fw_loop *loop, struct fw_fetch *fetch, const struct fw_sched_opts *opts,
                              const struct fw_feedlist *feeds, const struct fw_sched_store *store,
                              const struct fw_sched_hooks *hooks);
/* Cancels transfers; pending article callbacks run with FW_E_IO "scheduler
 * stopped" so their owners can free them. Call it from the loop (e.g. a
 * signal callback), not from inside one of the scheduler's callbacks, and
 * before fw_fetch_free. */
void fw_sched_free(struct fw_sched *s);

/* Replaces the feed list (SIGHUP): a feed whose key and URL are unchanged
 * keeps its state, schedule and running poll; new ones load their state and
 * are scheduled; removed ones are cancelled. Feed ids are renumbered: an id
 * given to feed_body is valid until the next reload. */
void fw_sched_reload(struct fw_sched *s, const struct fw_feedlist *feeds);

/* A feed moving to another daemon (cluster mode). keys[0..n) are feed keys
 * sorted with strcmp; keys not polled here are ignored.
 * hold: those feeds start no new poll (a queued one is withdrawn, a running
 * one goes on to its end and its body to the pipeline); they keep their next
 * due time for their next owner. busy: how many of them have a poll running.
 * save: writes their state to the store now (the durable validators and hash,
 * fw_sched_hooks.deferred_commit). forget: they are no longer this daemon's:
 * no poll (a running one is cancelled) and their state is never written
 * again. A reload that leaves them out drops them as usual. */
void fw_sched_hold(struct fw_sched *s, const char *const *keys, size_t n);
size_t fw_sched_busy(const struct fw_sched *s, const char *const *keys, size_t n);
void fw_sched_save(struct fw_sched *s, const char *const *keys, size_t n);
void fw_sched_forget(struct fw_sched *s, const char *const *keys, size_t n);

/* Results of a body handed out by feed_body. err != FW_OK counts as a failed
 * poll (backoff) and the body hash is forgotten so it is parsed again. Called
 * inside feed_body, ttl/skipHours/skipDays shape this very schedule; called
 * later, from the next poll on. */
void fw_sched_feed_parsed(struct fw_sched *s, size_t feed_id, const struct fw_sched_meta *m);

/* Some items of the feed's last body were not finished (released for a retry,
 * or a crash left them): forget its hash and validators so the next poll
 * fetches and parses the body even if it did not change. */
void fw_sched_feed_refresh(struct fw_sched *s, size_t feed_id);
/* With deferred_commit: the entries of body `gen` are durable; its
 * validators and hash may now be persisted. Stale gens are ignored. */
void fw_sched_feed_committed(struct fw_sched *s, size_t feed_id, uint64_t gen);

/* Queue an article GET on the same hosts' politeness, after robots.txt.
 * cb runs exactly once from the loop unless this returns an error: FW_E_INVAL
 * (not an http(s) URL), FW_E_NOMEM (the host has its fair share of the queue,
 * max_queued_articles divided among the hosts with articles queued, or the
 * queue is at twice that size: back off), FW_E_IO (stopping). */
enum fw_err fw_sched_fetch_article(struct fw_sched *s, const char *url, fw_fetch_cb cb, void *arg);

/* Backpressure: while paused no transfer starts; due work waits. */
void fw_sched_pause(struct fw_sched *s, int paused);

size_t fw_sched_nfeeds(const struct fw_sched *s);
const struct fw_feed_state *fw_sched_feed_state(const struct fw_sched *s, size_t feed_id);
void fw_sched_get_stats(const struct fw_sched *s, struct fw_sched_stats *out);

/* The scheduler's per-feed metrics (feedwire_feed_*{feed="key"}): polls, not
 * modified and errors as counters continuing from the feed's state; last
 * success, failures, dead and backoff as gauges. m may be NULL (no-op). */
struct fw_metrics;
struct fw_sched_metrics;
struct fw_sched_metrics *fw_sched_metrics_new(struct fw_metrics *m, const struct fw_sched *s);
void fw_sched_metrics_free(struct fw_sched_metrics *sm); /* NULL ok */
/* Pushes what changed since the last call (the pipe calls it once a second). */
void fw_sched_metrics_update(struct fw_sched_metrics *sm, const struct fw_sched *s);
/* Before fw_sched_reload(s, feeds): the series of feeds that leave the list go. */
void fw_sched_metrics_drop_gone(struct fw_sched_metrics *sm, const struct fw_sched *s, const struct fw_feedlist *feeds);
/* After a reload (feed ids renumbered): counters continue from each feed's state. */
void fw_sched_metrics_reset(struct fw_sched_metrics *sm, const struct fw_sched *s);

/* Pure helpers, exposed for tests. */
/* Next poll delay after a successful response. */
uint64_t fw_sched_success_delay_ms(const struct fw_sched_opts *o, uint64_t feed_interval_ms, long ttl_s,
                                   const struct fw_fetch_result *res, int64_t now_wall_ms);
/* Backoff before retry number `errors` (1 = first), without jitter. */
uint64_t fw_sched_backoff_ms(const struct fw_sched_opts *o, long errors, int dead);
/* Moves a wall-clock time out of skipped hours/days (UTC). */
int64_t fw_sched_skip_adjust(int64_t due_wall_ms, uint32_t skip_hours, uint8_t skip_days);
/* 1 when the body looks like a feed (XML other than HTML, or JSON). */
int fw_sched_looks_like_feed(const char *body, size_t n, const char *content_type);

#endif
