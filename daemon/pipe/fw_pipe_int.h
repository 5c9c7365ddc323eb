/* The pipe inside: the flow (fw_pipe.c) moves each feed item through the
 * stages in their order, and the stages behind it (fw_pipe_stages.c) are the
 * real ones, owned by struct fw_pipe. Between them is this seam: every call
 * the flow makes into a stage goes through struct fw_pipe_stages, so a test
 * drives the flow with fake stages (tests/pipe/test_pipe_flow.c). Feed
 * parsing, extraction and coding are pure functions the flow calls directly.
 *
 *   scheduler --feed body--> fw_feed_parse --items--> dedup (item)
 *     NEW/CHANGED --> article fetch (scheduler) --> fw_extract --> dedup (content)
 *     NEW/UPDATED --> fw_code_article --> incidents (when on) --> fw_record_article --> sink (publish)
 *     Kafka ack (sink done) --> dedup mark done --> sink settle
 *
 * An item is a job; it owns copies of what it needs. A feed's items are
 * counted until each is settled (published into the spool, known, given up
 * for good: clean; released for a retry: not clean, and the feed is
 * refreshed); when all are settled cleanly the feed's last body is committed
 * (the scheduler's deferred commit: crash-safe). Thread: main (the loop's). */
#ifndef FW_PIPE_INT_H
#define FW_PIPE_INT_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_dedup.h"
#include "feedwire/fw_fetch.h"
#include "feedwire/fw_incident_store.h"
#include "feedwire/fw_record.h"
#include "feedwire/fw_sched.h"
#include "feedwire/fw_sink.h"

struct fw_coder;
struct fw_metrics;

/* Every call the flow makes into a stage; ctx is given back to each. */
struct fw_pipe_stages {
    void *ctx;
    /* poll: the scheduler that handed out the body */
    void (*feed_parsed)(void *ctx, size_t feed_id, const struct fw_sched_meta *m);
    void (*feed_refresh)(void *ctx, const char *feed_key);
    void (*feed_committed)(void *ctx, const char *feed_key, uint64_t gen);
    enum fw_err (*fetch_article)(void *ctx, const char *url, fw_fetch_cb cb, void *arg);
    /* dedup */
    enum fw_err (*check_item)(void *ctx, const struct fw_dedup_item *it, fw_dedup_cb cb, void *arg);
    enum fw_err (*check_content)(void *ctx, const char *id, const char *url, const char *text, size_t n,
                                 fw_dedup_cb cb, void *arg);
    void (*release)(void *ctx, const char *id);
    void (*mark_failed)(void *ctx, const char *id);
    void (*mark_done)(void *ctx, const char *mark, fw_dedup_marked_cb cb, void *arg);
    void (*adopt)(void *ctx, const char *mark);
    /* incidents (NULL: incident.enabled off): decides a batch of an article's
     * events, FW_OK then cb later; otherwise cb is never called */
    enum fw_err (*incidents)(void *ctx, const struct fw_incident_input *in, size_t n, fw_incident_batch_cb cb,
                             void *arg);
    /* sink */
    enum fw_err (*publish)(void *ctx, const struct fw_record_article *a, const char *mark, char *err, size_t errsz);
    enum fw_err (*deadletter)(void *ctx, const struct fw_sink_failure *f, char *err, size_t errsz);
    void (*settle)(void *ctx, uint64_t unit);
};

struct fw_pipe_flow;

/* stages is copied; coder (NULL: articles go out without events) and metrics
 * (NULL ok) must outlive the flow. */
struct fw_pipe_flow *fw_pipe_flow_new(const struct fw_pipe_stages *stages, const struct fw_coder *coder,
                                      struct fw_metrics *metrics);
/* Frees every job (a job waiting for the sink is simply forgotten: its unit
 * is in the spool). Call it after the stages stopped calling back. NULL ok. */
void fw_pipe_flow_free(struct fw_pipe_flow *f);
/* An article page whose fetch fails with an error that may pass (5xx,
 * timeout, reset) is fetched again at later polls, not before a backoff
 * (backoff_base_ms doubling up to backoff_max_ms) and dead-lettered at the
 * tries-th failure. Counted in memory, per run. */
#define FW_PIPE_ARTICLE_TRIES 8
struct fw_pipe_retry_opts {
    unsigned tries;
    uint64_t backoff_base_ms, backoff_max_ms;
};
void fw_pipe_flow_set_retry(struct fw_pipe_flow *f, const struct fw_pipe_retry_opts *o);
/* From now on items that reach the fetch stage are released (draining). */
void fw_pipe_flow_stop(struct fw_pipe_flow *f);
size_t fw_pipe_flow_jobs(const struct fw_pipe_flow *f);
/* Jobs of the feeds whose keys are keys[0..n) (sorted with strcmp): items
 * not settled yet, those waiting for Kafka's acknowledgement included. */
size_t fw_pipe_flow_jobs_of(const struct fw_pipe_flow *f, const char *const *keys, size_t n);

/* The scheduler's feed_body hook. */
void fw_pipe_flow_feed_body(struct fw_pipe_flow *f, const struct fw_sched_body *b);
/* The sink's done and replay callbacks. */
void fw_pipe_flow_sink_done(struct fw_pipe_flow *f, const char *id, const char *mark, enum fw_sink_outcome outcome,
                            uint64_t unit);
void fw_pipe_flow_sink_replay(struct fw_pipe_flow *f, const char *id, const char *mark);

#endif
