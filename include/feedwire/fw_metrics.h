/* fw_metrics: the daemon's metrics registry and its HTTP endpoint.
 * Every metric is one row of FW_METRICS below (id, type, name, label key,
 * buckets, help); the registry owns the values, renders them in the
 * Prometheus text format (0.0.4) and serves /metrics, /healthz and /readyz
 * with libmicrohttpd on its own thread.
 *
 * Why a thread: /healthz must answer "stalled" while the loop is stuck, and a
 * scrape must not add latency to the loop; so the server runs on one
 * MHD_USE_INTERNAL_POLLING_THREAD thread and reads the values concurrently.
 * Values are C11 atomics updated with relaxed operations (a plain add on
 * x86-64, no lock); a mutex guards only the list of labelled series, taken
 * when a series is created or dropped (rare: per feed, on start and reload)
 * and while rendering.
 *
 * Thread: updates from any thread (the loop in practice); rendering and the
 * server from any thread. Create, start, stop and free on the main thread. */
#ifndef FW_METRICS_H
#define FW_METRICS_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_err.h"

struct fw_loop;

enum fw_metric_type { FW_COUNTER, FW_GAUGE, FW_HISTOGRAM };

/* X(id, type, name, label key or NULL, buckets (histograms) or NONE, help).
 * A histogram's label is constant, "key=value": rows of one name with
 * different values are one family (adjacent, same help). The process_*
 * metrics of the Prometheus client libraries are rendered from /proc. */
#define FW_METRICS(X)                                                                                             \
    X(FEEDS, FW_GAUGE, "feedwire_feeds", NULL, NONE, "Feeds configured.")                                       \
    X(FEED_POLLS, FW_COUNTER, "feedwire_feed_polls_total", "feed", NONE, "Feed polls completed.")                 \
    X(FEED_ERRORS, FW_COUNTER, "feedwire_feed_errors_total", "feed", NONE, "Feed polls that failed.")            \
    X(FEED_NOT_MODIFIED, FW_COUNTER, "feedwire_feed_not_modified_total", "feed", NONE,                           \
      "Feed polls answered 304 Not Modified.")                                                                  \
    X(FEED_LAST_SUCCESS, FW_GAUGE, "feedwire_feed_last_success_timestamp_seconds", "feed", NONE,                 \
      "Unix time of the last successful poll (0 = never).")                                                     \
    X(FEED_FAILURES, FW_GAUGE, "feedwire_feed_consecutive_failures", "feed", NONE,                               \
      "Failed polls since the last success.")                                                                   \
    X(FEED_BACKOFF, FW_GAUGE, "feedwire_feed_backoff_seconds", "feed", NONE,                                     \
      "Current backoff delay after failures (0 = on schedule).")                                                \
    X(FEED_DEAD, FW_GAUGE, "feedwire_feed_dead", "feed", NONE, "1 if the feed failed for longer than dead_after.") \
    X(ARTICLES_FETCHED, FW_COUNTER, "feedwire_articles_fetched_total", NULL, NONE, "Article pages downloaded.")  \
    X(ARTICLES_EXTRACTED, FW_COUNTER, "feedwire_articles_extracted_total", NULL, NONE,                           \
      "Articles whose text was extracted.")                                                                     \
    X(ARTICLES_DEDUPLICATED, FW_COUNTER, "feedwire_articles_deduplicated_total", NULL, NONE,                     \
      "Articles skipped as already seen.")                                                                      \
    X(ARTICLES_PUBLISHED, FW_COUNTER, "feedwire_articles_published_total", NULL, NONE,                           \
      "Articles delivered to Kafka.")                                                                           \
    X(ARTICLES_DROPPED, FW_COUNTER, "feedwire_articles_dropped_total", "stage", NONE,                            \
      "Articles dropped (bad input, too big, refused), by stage.")                                              \
    X(EVENTS_PUBLISHED, FW_COUNTER, "feedwire_events_published_total", NULL, NONE, "Events delivered to Kafka.") \
    X(INCIDENTS_PUBLISHED, FW_COUNTER, "feedwire_incidents_published_total", NULL, NONE,                         \
      "Incident records delivered to Kafka (incident.enabled).")                                                \
    X(INCIDENTS_UNDECIDED, FW_COUNTER, "feedwire_incidents_undecided_total", NULL, NONE,                         \
      "Articles whose incidents were not decided: released for a later poll (Redis down) or published without ids.") \
    X(KAFKA_CONNECTED, FW_GAUGE, "feedwire_kafka_connected", NULL, NONE, "1 while a Kafka broker is reachable.")  \
    X(KAFKA_QUEUE_MSGS, FW_GAUGE, "feedwire_kafka_queue_messages", NULL, NONE,                                   \
      "Messages in the producer queue (librdkafka msg_cnt).")                                                   \
    X(KAFKA_QUEUE_BYTES, FW_GAUGE, "feedwire_kafka_queue_bytes", NULL, NONE,                                     \
      "Bytes in the producer queue (librdkafka msg_size).")                                                     \
    X(KAFKA_REPLYQ, FW_GAUGE, "feedwire_kafka_replyq", NULL, NONE,                                               \
      "librdkafka ops waiting for the loop to poll them.")                                                      \
    X(KAFKA_BROKERS_UP, FW_GAUGE, "feedwire_kafka_brokers_up", NULL, NONE, "Brokers in state UP.")              \
    X(KAFKA_TX_ERRORS, FW_COUNTER, "feedwire_kafka_broker_tx_errors_total", NULL, NONE,                        \
      "Broker transmission errors (librdkafka txerrs, summed over the producers of this process).")            \
    X(KAFKA_DELIVERY_ERRORS, FW_COUNTER, "feedwire_kafka_delivery_errors_total", NULL, NONE,                     \
      "Messages whose delivery report was an error.")                                                           \
    X(REDIS_CONNECTED, FW_GAUGE, "feedwire_redis_connected", NULL, NONE, "1 while Redis is connected.")          \
    X(REDIS_ERRORS, FW_COUNTER, "feedwire_redis_errors_total", NULL, NONE, "Redis command or connection errors.") \
    X(SPOOL_BYTES, FW_GAUGE, "feedwire_spool_bytes", NULL, NONE, "Bytes waiting in the on-disk spool.")         \
    X(FETCH_SECONDS, FW_HISTOGRAM, "feedwire_fetch_duration_seconds", "kind=article", FETCH,                   \
      "HTTP fetch time, by kind: feed polls and article pages.")                                                \
    X(FETCH_FEED_SECONDS, FW_HISTOGRAM, "feedwire_fetch_duration_seconds", "kind=feed", FETCH,                 \
      "HTTP fetch time, by kind: feed polls and article pages.")                                                \
    X(EXTRACT_SECONDS, FW_HISTOGRAM, "feedwire_extract_duration_seconds", NULL, EXTRACT,                        \
      "Text extraction time per article.")                                                                      \
    X(LOOP_LAG, FW_GAUGE, "feedwire_loop_lag_seconds", NULL, NONE,                                               \
      "How late the loop ran its last 1 s heartbeat timer.")                                                    \
    X(START_TIME, FW_GAUGE, "feedwire_start_time_seconds", NULL, NONE, "Unix time the daemon started.")         \
    X(FEEDS_FAILING, FW_GAUGE, "feedwire_feeds_failing", NULL, NONE,                                            \
      "Feeds whose last poll failed (with metrics.per_feed = no, the per-feed series are not exported).")       \
    X(FEEDS_DEAD, FW_GAUGE, "feedwire_feeds_dead", NULL, NONE, "Feeds failing for longer than dead_after.")     \
    X(RELOAD_OK, FW_GAUGE, "feedwire_config_last_reload_successful", NULL, NONE,                               \
      "1 if the last reload (SIGHUP) applied, 0 if it was refused.")                                            \
    X(RELOAD_OK_TIME, FW_GAUGE, "feedwire_config_last_reload_success_timestamp_seconds", NULL, NONE,           \
      "Unix time of the last configuration load that applied (start or reload).")                              \
    X(CLUSTER_PARTITIONS, FW_GAUGE, "feedwire_cluster_partitions", NULL, NONE,                              \
      "Partitions of the feed topic assigned to this daemon (cluster mode).")                                   \
    X(CLUSTER_REBALANCES, FW_COUNTER, "feedwire_cluster_rebalances_total", NULL, NONE,                        \
      "Assignments and revocations of feed-topic partitions applied (cluster mode).")                           \
    X(CLUSTER_LAG, FW_GAUGE, "feedwire_cluster_lag_messages", NULL, NONE,                                       \
      "Feed-topic records of the assigned partitions not read yet (cluster mode).")                             \
    X(BUILD_INFO, FW_GAUGE, "feedwire_build_info", "version", NONE, "Always 1; the label is the version.")

enum fw_metric {
#define FW__METRIC_ID(id, type, name, label, buckets, help) FW_M_##id,
    FW_METRICS(FW__METRIC_ID)
#undef FW__METRIC_ID
    FW_M__COUNT
};

/* Label values longer than this are cut (they come from feeds.txt: a feed's
 * name, or its URL when it has none). */
#define FW_METRICS_LABEL_MAX 256
/* /healthz fails when the loop has not ticked for this long. */
#define FW_METRICS_STALL_MS 30000
/* The HTTP server's connections at most, and how long one may stay idle (s):
 * a few hundred idle clients cannot lock /healthz out. */
#define FW_METRICS_MAX_CONNS 512
#define FW_METRICS_IDLE_S 5

struct fw_metrics;
struct fw_series; /* one labelled time series, owned by the registry */

struct fw_metrics *fw_metrics_new(void);
/* Stops the server if running. */
void fw_metrics_free(struct fw_metrics *m);

/* Unlabelled metrics. Wrong type or a labelled id is an assert. */
void fw_metrics_add(struct fw_metrics *m, enum fw_metric id, uint64_t n);   /* counter */
void fw_metrics_set(struct fw_metrics *m, enum fw_metric id, double v);     /* gauge */
void fw_metrics_observe(struct fw_metrics *m, enum fw_metric id, double v); /* histogram */
double fw_metrics_get(struct fw_metrics *m, enum fw_metric id);            /* counter or gauge */
/* Counters a module already keeps (fw_sink_stats...): the registry mirrors
 * the module's value instead of adding to it. It must not decrease. */
void fw_metrics_store(struct fw_metrics *m, enum fw_metric id, uint64_t n);

/* The series of a labelled metric for one label value (e.g. a feed name),
 * created at 0 on first use. The pointer stays valid until
 * fw_metrics_drop_label() or fw_metrics_free(): callers on a hot path keep
 * it (e.g. in their feed struct) instead of looking it up each time. */
struct fw_series *fw_metrics_series(struct fw_metrics *m, enum fw_metric id, const char *value);
void fw_series_add(struct fw_series *s, uint64_t n);
void fw_series_set(struct fw_series *s, double v);
void fw_series_store(struct fw_series *s, uint64_t n); /* counter mirror, as fw_metrics_store */
double fw_series_get(const struct fw_series *s);
/* Sum over every series of a labelled counter or gauge; *nonzero (may be
 * NULL) gets how many series are not 0 (e.g. feeds dead). */
double fw_metrics_sum(struct fw_metrics *m, enum fw_metric id, size_t *nonzero);
/* Forgets every series whose label `key` is `value`: fw_metrics_drop_label(m,
 * "feed", name) for a feed removed on reload. */
void fw_metrics_drop_label(struct fw_metrics *m, const char *key, const char *value);

/* A collector copies the counts a module keeps itself (fw_sched_get_stats,
 * per-feed state, fw_sink_get_stats) into the registry. It runs on the loop
 * thread with the 1 s heartbeat, so it may read loop-owned state. At most 8;
 * remove one (same cb and arg) before freeing what it reads. */
typedef void (*fw_metrics_collect_cb)(struct fw_metrics *m, void *arg);
void fw_metrics_add_collector(struct fw_metrics *m, fw_metrics_collect_cb cb, void *arg);
void fw_metrics_remove_collector(struct fw_metrics *m, fw_metrics_collect_cb cb, void *arg);

/* Updates the Kafka gauges from a librdkafka statistics JSON document (the
 * stats_cb payload; set statistics.interval.ms). FW_E_PARSE if it is not. */
enum fw_err fw_metrics_kafka_stats(struct fw_metrics *m, const char *json, size_t len, char *err, size_t errsz);

/* Appends the Prometheus text exposition of every metric to out, then
 * process_cpu_seconds_total, process_resident_memory_bytes,
 * process_virtual_memory_bytes, process_open_fds, process_max_fds and
 * process_start_time_seconds of this process. */
enum fw_err fw_metrics_render(struct fw_metrics *m, struct fw_buf *out);

/* Records that the loop is alive at now_ms (fw_now_ms()). fw_metrics_start
 * calls it from a 1 s loop timer; tests call it directly. */
void fw_metrics_heartbeat(struct fw_metrics *m, uint64_t now_ms);

/* Starts the HTTP server on listen:port (an IPv4 or IPv6 literal; port 0 =
 * any free port, see fw_metrics_port) and, if loop is non-NULL, registers the
 * 1 s heartbeat timer on it (loop alive, loop lag). FW_E_IO if it cannot bind. */
enum fw_err fw_metrics_start(struct fw_metrics *m, struct fw_loop *loop, const char *listen, int port, char *err,
                             size_t errsz);
/* The bound port, 0 if not started. */
int fw_metrics_port(const struct fw_metrics *m);
/* Stops the server and the heartbeat timer; safe if not started. */
void fw_metrics_stop(struct fw_metrics *m);

#endif
