/* fw_sink: publishes articles and their events to Kafka with no loss. Owns an
 * idempotent librdkafka producer (enable.idempotence, acks=all, zstd; every
 * [kafka] option passed through and winning over these defaults), the spool
 * (fw_spool in <state_dir>/spool) and the units in flight.
 *
 * A unit is one article message plus its event messages and the incident
 * records its events changed (or one dead-letter message). fw_sink_publish() serializes it with fw_record's encoder (schemas
 * conf/schemas/feedwire.{article,event}.v1.json) and CloudEvents binary-mode
 * headers, appends it to the spool, then produces it; the done callback runs
 * once, when Kafka acknowledged every message of the unit; the unit is acked
 * in the spool only when the caller settles it, after writing its dedup
 * record (fw_sink_settle). A crash or kill -9 at any point leaves the
 * unit in the spool, and the next start produces it again (at least once:
 * duplicates are limited to units in flight, and keyed).
 *
 * Delivery errors: permanent ones (message too large, invalid, not
 * authorized) send a dead-letter message with the reason instead; the others
 * are retried with backoff (rd_kafka_message_status says whether the broker
 * may already hold the message: counted as a possible duplicate). A fatal
 * (idempotence) error recreates the producer and re-sends every message not
 * acknowledged. QUEUE_FULL keeps messages waiting, never drops them.
 * Backpressure: when the spool nears sink.spool_max or the units in memory
 * their cap, the pause callback asks the pipeline to stop fetching; a publish
 * that finds the spool full is refused (FW_E_TOOBIG), counted and logged.
 * librdkafka's events reach fw_loop through rd_kafka_queue_io_event_enable on
 * a pipe: no thread of ours. Thread: main (the loop's) only. */
#ifndef FW_SINK_H
#define FW_SINK_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_err.h"
#include "feedwire/fw_loop.h"
#include "feedwire/fw_record.h"

struct fw_conf;
struct fw_sink;

/* The article and event messages are fw_record's (schemas feedwire.article.v1,
 * feedwire.event.v1); the dead-letter message is the sink's own. */
#define FW_SINK_SCHEMA_DEADLETTER "feedwire.deadletter"
#define FW_SINK_SCHEMA_VERSION FW_RECORD_SCHEMA_VERSION

enum fw_sink_outcome {
    FW_SINK_DELIVERED,    /* every message acknowledged */
    FW_SINK_DEADLETTERED, /* at least one message failed for good and went to the dead-letter topic */
    FW_SINK_DLQ_DELIVERED, /* a unit of fw_sink_deadletter: its dead-letter message is done */
};

/* Callbacks run from the loop, possibly nested in another sink call (a
 * publish, a settle): they may publish and settle, never free the sink. */
struct fw_sink_callbacks {
    /* A unit is done (Kafka acknowledged all of it): record it in dedup
     * (fw_dedup_mark_done(mark, ...)) and, once that is written, call
     * fw_sink_settle(sink, unit); until then the unit stays in the spool.
     * id is the article id or the dead-letter key; mark may be NULL. Without
     * a done callback units settle at once. */
    void (*done)(void *arg, const char *id, const char *mark, enum fw_sink_outcome outcome, uint64_t unit);
    /* paused 1: stop fetching new articles; 0: resume. */
    void (*pause)(void *arg, int paused);
    /* A unit from the spool of an earlier run is being delivered again
     * (fw_dedup_adopt(mark): do not fetch it anew). */
    void (*replay)(void *arg, const char *id, const char *mark);
    void *arg;
    /* librdkafka's statistics JSON (statistics.interval.ms, 5 s unless set in
     * [kafka]); may be NULL. json is valid during the call. */
    void (*stats)(void *arg, const char *json, size_t len);
};

struct fw_sink_stats {
    uint64_t published, delivered, deadlettered, replayed;
    uint64_t msgs_acked, retries, possibly_persisted, queue_full, recreated;
    /* messages acknowledged by Kafka: [0] articles, [1] events, [2] dead letters, [3] incidents */
    uint64_t acked_by_kind[4];
    uint64_t delivery_errors; /* delivery reports with an error (retried or dead-lettered) */
    uint64_t refused;  /* publishes refused: spool full or unit too large */
    uint64_t dropped;  /* messages lost for good (dead-letter itself failed) */
    uint64_t units_in_flight, units_unsettled, mem_bytes;
    uint64_t spool_bytes; /* payload bytes of the units not acked in the spool (fw_spool_live_bytes) */
    int paused, kafka_up;
};

/* Opens the spool (<c->state_dir>/spool) and creates the producer; units
 * left in the spool are delivered after fw_sink_start(). c is read during
 * the call; cbs is copied. */
enum fw_err fw_sink_new(struct fw_loop *loop, const struct fw_conf *c, const struct fw_sink_callbacks *cbs,
                        struct fw_sink **out, char *err, size_t errsz);
/* Stops without flushing: what is not acknowledged stays in the spool. NULL ok. */
void fw_sink_free(struct fw_sink *s);
/* Starts delivering the spool of earlier runs (in the loop, memory permitting). */
void fw_sink_start(struct fw_sink *s);

/* Publishes article a and its events; mark (opaque, may be NULL: the fw_dedup
 * mark) is given back to done and replay. FW_OK: accepted (spooled); done is
 * called later. FW_E_TOOBIG: spool full or unit too large (not accepted:
 * counted, logged; leave the item for a later poll). FW_E_INVAL: id or url
 * missing. FW_E_REFUSED: draining. FW_E_IO: spool write failed. */
enum fw_err fw_sink_publish(struct fw_sink *s, const struct fw_record_article *a, const char *mark, char *err,
                            size_t errsz);
/* What failed, for a consumer of the dead-letter topic: every string may be
 * NULL (left out, or null in the JSON). */
struct fw_sink_failure {
    const char *key;      /* the article id (required) */
    const char *stage;    /* feed, fetch, extract */
    const char *reason;   /* short text, e.g. "HTTP 404 Not Found" */
    const char *error;    /* the error's class: fw_err_str() of the code */
    const char *url;      /* the article's URL (ce_subject) */
    const char *feed, *feed_url, *feed_title; /* the feed's name (feeds list), address, title */
    long http_status;     /* 0: none received */
    unsigned attempts;    /* fetches of the page that failed this way */
    const void *payload;  /* the start of the page (capped) */
    size_t n;
};

/* Sends one message to the dead-letter topic (an article that could not be
 * fetched or extracted). Its headers follow Kafka Connect's dead-letter
 * convention (__connect.errors.stage, .exception.class.name,
 * .exception.message) beside the CloudEvents ones. Durable and acknowledged
 * like a unit; done is called with FW_SINK_DEADLETTERED. */
enum fw_err fw_sink_deadletter(struct fw_sink *s, const struct fw_sink_failure *f, const char *mark, char *err,
                               size_t errsz);

/* The unit given to done is recorded: the spool forgets it. Exactly once
 * per unit (a second settle of the same unit would ack another one's record). */
void fw_sink_settle(struct fw_sink *s, uint64_t unit);

/* SIGTERM: refuse new units, wait for the ones in flight at most
 * c->drain_timeout_ms, then call cb; what is left stays in the spool. */
void fw_sink_drain(struct fw_sink *s, fw_cb cb, void *arg);
int fw_sink_paused(const struct fw_sink *s);
void fw_sink_get_stats(const struct fw_sink *s, struct fw_sink_stats *st);

#endif
