/* fw_incident_store: the incidents known within a horizon, kept in Redis so
 * merges survive restarts and are shared by every daemon on that Redis. An
 * event is decided against the incidents of the buckets it may belong to
 * (fw_incident_buckets: its kind of happening, date window and country),
 * fetched together with the event's own past decision (a replayed event joins
 * its incident once): plain LRANGEs of the buckets' lists of compact forms,
 * pipelined, a batch of events in one round trip, a bucket its events share
 * read once. The writes of a decision
 * (the incident's new form in place of the one read, its bucket move
 * when its date got more precise, the mention, the event's incident, the
 * recent list; its score and the mentions' lifetime move once per minute of
 * mentions) are one transaction (MULTI ... EXEC: atomic), pipelined behind
 * the next batch's reads.
 * Keys (fw_keys): P"il:"bucket, P"im:"id, P"ie:"event, P"ir".
 * Works on a blocking hiredis context the caller owns (the tool, tests, the
 * benchmark). Thread: the caller's, one at a time. */
#ifndef FW_INCIDENT_STORE_H
#define FW_INCIDENT_STORE_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_err.h"
#include "feedwire/fw_incident.h"

struct redisContext;
struct fw_redis;
struct fw_record_incident;
struct fw_incident_store;

/* rc is borrowed and must outlive the store; prefix: redis.prefix (NULL ok);
 * horizon_ms: how long an incident stays a candidate after its last mention. */
struct fw_incident_store *fw_incident_store_new(struct redisContext *rc, const char *prefix, int64_t horizon_ms);
/* Waits for the writes still in flight. NULL ok. */
void fw_incident_store_free(struct fw_incident_store *s);

/* What a decision did. */
struct fw_incident_result {
    struct fw_incident inc;         /* the incident after the decision */
    int created;                    /* 1: a new incident */
    int changed;                    /* 1: a best-known field changed (created counts) */
    int replayed;                   /* 1: the event had joined inc before: nothing written */
    size_t candidates;              /* incidents compared */
    struct fw_incident_verdict why; /* the verdict of the chosen incident (created: the best refused one) */
};

/* Decides ev (of article article_id; sentence NULL-able, kept capped) and
 * records it. now_ms: wall clock. FW_E_REDIS when Redis fails (nothing is
 * half-written that a retry would double: the event's own key comes last). */
enum fw_err fw_incident_store_add(struct fw_incident_store *s, const struct fw_event *ev, const char *article_id,
                                  const char *sentence, int64_t now_ms, struct fw_incident_result *out, char *err,
                                  size_t errsz);
/* A batch (an article's events, say): one round trip for all their reads;
 * decided in order, each seeing what the ones before it did. */
#define FW_INCIDENT_BATCH_MAX 64
struct fw_incident_input {
    const struct fw_event *ev;
    const char *article_id, *sentence; /* sentence NULL-able */
};
enum fw_err fw_incident_store_add_batch(struct fw_incident_store *s, const struct fw_incident_input *in, size_t n,
                                        int64_t now_ms, struct fw_incident_result *out, char *err, size_t errsz);
/* Waits for the writes in flight (call before reading what they wrote). */
enum fw_err fw_incident_store_flush(struct fw_incident_store *s, char *err, size_t errsz);

/* The incidents with a mention since since_ms, most recent first, at most max
 * (*n gets how many). The caller frees *out. */
enum fw_err fw_incident_store_recent(struct fw_incident_store *s, int64_t since_ms, size_t max,
                                     struct fw_incident **out, size_t *n, char *err, size_t errsz);
/* The mentions of an incident (at most max, oldest first); each string
 * is the caller's (free them with fw_incident_mentions_free). */
enum fw_err fw_incident_store_mentions(struct fw_incident_store *s, const char *incident_id, size_t max,
                                       struct fw_incident_mention **out, size_t *n, char *err, size_t errsz);
void fw_incident_mentions_free(struct fw_incident_mention *m, size_t n);

/* The daemon's store: the same decisions on the loop's link (fw_redis), nothing
 * blocks. A batch's reads are one EVAL (a script returning each event's past
 * decision and buckets, as the blocking store's replies), its writes the same
 * transactions, and the changed incidents' mentions one more EVAL behind them.
 * Batches are decided one at a time, in the order they were submitted: a
 * batch's reads go out after the writes of the one before, so it sees them.
 * r is borrowed and must outlive the store. Thread: the loop's. */
struct fw_incident_store *fw_incident_store_new_async(struct fw_redis *r, const char *prefix, int64_t horizon_ms);
/* rc FW_OK: res[i] is the decision of in[i] (n of them) and recs the incident
 * records to publish (feedwire.incident.v1 JSON), one per incident the batch
 * gave a new mention, in its state after the batch. Otherwise res and recs are
 * NULL and err says why: FW_E_REDIS the link was lost (retry later), FW_E_PARSE
 * an error or unexpected reply (a retry would fail the same). The batch may be
 * half-decided (the replay key makes a later decision of the same events join
 * the same incidents). Everything is the store's, valid during the call. */
typedef void (*fw_incident_batch_cb)(void *arg, enum fw_err rc, const char *err, const struct fw_incident_result *res,
                                     size_t n, const struct fw_record_incident *recs, size_t nrecs);
/* Queues a batch (n <= FW_INCIDENT_BATCH_MAX; in and what it points to must
 * stay valid until cb). FW_OK: cb is called once, later, from the loop.
 * FW_E_REDIS: Redis is not connected and nothing is queued; cb is never called. */
enum fw_err fw_incident_store_submit(struct fw_incident_store *s, const struct fw_incident_input *in, size_t n,
                                     int64_t now_ms, fw_incident_batch_cb cb, void *arg);
/* Forgets every batch queued or in flight: their callbacks are never called
 * (the caller is going away). fw_incident_store_free does it too. */
void fw_incident_store_cancel(struct fw_incident_store *s);

#endif
