/* fw_keys: the Redis keyspace, every key feedwire reads or writes, built here
 * and only here. All live under redis.prefix P, sanitised once (at most
 * FW_KEYS_PREFIX_MAX bytes, spaces become '_': fw_dedup sends commands as
 * space-separated words):
 *
 *   P a:<id>            hash    dedup record of an article id (32 hex): st = claimed state
 *                               ("done", "failed", "dup of <id>"), ch (text hash), sh (simhash),
 *                               mod (hash of the feed's modified date); TTL redis.ttl   (fw_dedup)
 *   P l:<id>            string  claim lease of an id being published: owner token (host:hash of
 *                               daemon.state_dir); PX FW_DEDUP_LEASE_MS, renewed while alive (fw_dedup)
 *   P u:<hash>          string  canonical URL hash (16 hex) -> article id; TTL           (fw_dedup)
 *   P c:<hash>          string  normalized text hash (16 hex) -> article id; TTL        (fw_dedup)
 *   P s:<band>:<v>      zset    simhash band <band> (0..3) with value <v> (4 hex):
 *                               members "<simhash>:<id>", scored by expiry (ms); TTL   (fw_dedup)
 *   P feeds             hash    feed key -> the scheduler's state of the feed (fw_feed_state
 *                               text), mirrored in <state_dir>/feeds (fw_sched_store)
 *   P il:<b>            list    incident bucket <b> = <family>:<date>:<cc> (fw_incident_bucket:
 *                               "il", not the "ib" of the first releases, whose buckets were
 *                               hashes: a store of those ages out by its TTL, never read as lists;
 *                               kind of happening, day or month, the place's country): its
 *                               incidents' best-known fields (fw_incident compact form, id
 *                               first); TTL the incident horizon               (fw_incident_store)
 *   P im:<incident id>  list    its mentions, "article id TAB event id TAB sentence"; TTL horizon
 *   P ie:<event id>     string  event id -> the incident it joined (a replayed event joins once)
 *   P ir                zset    incident ids scored by their last mention (ms): the recent ones
 *
 * docs/internals/keys-and-files.md has the same table for operators.
 * Thread: any (pure). */
#ifndef FW_KEYS_H
#define FW_KEYS_H
#include <stdint.h>

#define FW_KEYS_PREFIX_MAX 64
#define FW_KEY_MAX 160 /* any key: prefix + the longest suffix (a:<32 hex>...) */

struct fw_keys {
    char prefix[FW_KEYS_PREFIX_MAX + 1];
};

/* The sanitised prefix of redis.prefix (NULL = none). */
void fw_keys_init(struct fw_keys *k, const char *prefix);

/* Each writes the key into out and returns out. */
const char *fw_keys_article(const struct fw_keys *k, const char *id, char out[FW_KEY_MAX]);
const char *fw_keys_claim(const struct fw_keys *k, const char *id, char out[FW_KEY_MAX]);
const char *fw_keys_url(const struct fw_keys *k, uint64_t url_hash, char out[FW_KEY_MAX]);
const char *fw_keys_text(const struct fw_keys *k, uint64_t text_hash, char out[FW_KEY_MAX]);
const char *fw_keys_band(const struct fw_keys *k, int band, unsigned value, char out[FW_KEY_MAX]);
const char *fw_keys_feeds(const struct fw_keys *k, char out[FW_KEY_MAX]);
/* Incidents: bucket "19:2024-04-18" (fw_incident_bucket), incident id, event id. */
const char *fw_keys_incident_bucket(const struct fw_keys *k, const char *bucket, char out[FW_KEY_MAX]);
const char *fw_keys_incident_mentions(const struct fw_keys *k, const char *incident_id, char out[FW_KEY_MAX]);
const char *fw_keys_incident_event(const struct fw_keys *k, const char *event_id, char out[FW_KEY_MAX]);
const char *fw_keys_incident_recent(const struct fw_keys *k, char out[FW_KEY_MAX]);

#endif
