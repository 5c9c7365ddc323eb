/* fw_incident_store: the incidents known within a horizon, kept in Redis so
 * merges survive restarts and are shared by every daemon on that Redis. An
 * event is decided against the incidents of the buckets it may belong to
 * (fw_incident_buckets: its CAMEO root, date window and country), fetched
 * together with the event's own past decision (a replayed event joins its
 * incident once): plain HGETALLs, pipelined, a batch of events in one round
 * trip. The writes of a decision (the incident's new fields, its bucket move
 * when its date got more precise, the mention, the event's incident, the
 * recent list; its score and the keys' lifetimes move once per minute of
 * mentions) are one atomic
 * script (EVAL), pipelined behind the next batch's reads.
 * Keys (fw_keys): P"ib:"bucket, P"im:"id, P"ie:"event, P"ir".
 * Works on a blocking hiredis context the caller owns (the tool, tests, the
 * benchmark). Thread: the caller's, one at a time. */
#ifndef FW_INCIDENT_STORE_H
#define FW_INCIDENT_STORE_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_err.h"
#include "feedwire/fw_incident.h"

struct redisContext;
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

#endif
