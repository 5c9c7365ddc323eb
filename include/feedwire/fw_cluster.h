/* fw_cluster: feeds shared among many daemons through Kafka's consumer-group
 * protocol. The feed list lives in a compacted topic (cluster.topic, key =
 * feed key, value = the feed's line in the text feed-list format, a null
 * value removes it; written by `feedwire feeds import|add|rm`, partitioned by
 * the hash of the feed's host, fw_cluster_partition_of). Every daemon joins
 * one consumer group on that topic (cooperative-sticky, optional static
 * membership) and polls exactly the feeds of the partitions assigned to it:
 * an assigned partition is read from its beginning (offsets are never
 * committed); a revoked one is handed over (hooks.handover) and then dropped
 * from the list before it is let go, a lost one dropped at once. Owns one librdkafka consumer and the table of feeds of the assigned
 * partitions; tells the owner each new list through hooks.
 * Thread: main (the loop's); librdkafka's threads never call out. */
#ifndef FW_CLUSTER_H
#define FW_CLUSTER_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_conf.h"
#include "feedwire/fw_err.h"
#include "feedwire/fw_feedlist.h"
#include "feedwire/fw_loop.h"

struct fw_cluster;

/* What the cluster tells its owner, from the loop. Lists are borrowed for
 * the call (copy what is kept).
 * feeds: the feeds this daemon owns now; after a batch of feed-topic
 *   messages, after an assignment, and once a revoke's handover is done (or
 *   at once on a lost assignment), before the partitions are let go.
 * handover (NULL: revoked feeds are dropped at once): a cooperative revoke;
 *   `leaving` are the feeds of the revoked partitions. The owner stops
 *   polling them, settles what is in flight for them and writes their state,
 *   then calls fw_cluster_handover_done(c, token), inside the call or later;
 *   until then the partitions stay this daemon's and the group's rebalance
 *   waits (bounded by the owner: cluster.handover_timeout).
 * lost (NULL ok): the session timed out and `leaving` may already be polled
 *   by another daemon: stop at once and write nothing for them. */
struct fw_cluster_hooks {
    void (*feeds)(void *arg, const struct fw_feedlist *feeds);
    void (*handover)(void *arg, const struct fw_feedlist *leaving, uint64_t token);
    void (*lost)(void *arg, const struct fw_feedlist *leaving);
    void *arg;
};

struct fw_cluster_stats {
    size_t partitions;       /* assigned now */
    size_t feeds;            /* feeds of the assigned partitions */
    uint64_t rebalances;     /* assignments and revocations applied */
    uint64_t lost;           /* assignments lost (session timed out) */
    int64_t lag;             /* feed-topic messages not yet read, summed over assigned partitions (-1 unknown) */
};

struct fw_metrics;
/* Creates the consumer from conf ([kafka] properties, cluster.*) and joins
 * the group; nothing is owned until the first assignment. metrics (NULL ok)
 * must outlive the cluster: feedwire_cluster_* are kept there. */
enum fw_err fw_cluster_new(struct fw_loop *loop, const struct fw_conf *conf, struct fw_metrics *metrics,
                           const struct fw_cluster_hooks *hooks, struct fw_cluster **out, char *err, size_t errsz);
/* The handover `token` asked for is done: its partitions are dropped from the
 * list (hooks.feeds) and let go. A stale token (a handover already ended by a
 * later rebalance or the close) is ignored. */
void fw_cluster_handover_done(struct fw_cluster *c, uint64_t token);
/* Leaves the group (blocks for at most a few seconds; with static membership
 * the partitions stay until the session times out) without calling the
 * hooks (a pending handover is let go unfinished). NULL ok. */
void fw_cluster_free(struct fw_cluster *c);
/* A copy of the feeds owned now; the caller frees it. */
struct fw_feedlist *fw_cluster_feedlist(const struct fw_cluster *c);
/* Asks librdkafka for the assignment and positions (lag): not from inside
 * a librdkafka callback. */
void fw_cluster_get_stats(const struct fw_cluster *c, struct fw_cluster_stats *out);

/* The host of an http(s) URL, lower-cased, without port or userinfo, into
 * out; 0, or -1 when there is none or it does not fit. */
int fw_cluster_url_host(const char *url, char *out, size_t outsz);
/* The partition of a feed: FNV-1a of its host modulo npartitions, so one
 * host's feeds land on one daemon and its politeness limits hold. */
int32_t fw_cluster_partition_of(const char *url, int32_t npartitions);
/* The topic value of a feed-list entry: its line in the text format. */
void fw_cluster_entry_line(const struct fw_feedlist_entry *e, char *out, size_t outsz);

#endif
