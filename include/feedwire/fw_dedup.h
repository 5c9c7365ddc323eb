/* fw_dedup: decides whether a feed item is new, already published, being
 * published by someone else, or an update of something published, with its
 * state in Redis (through fw_redis) so a restart or a second daemon on the same
 * Redis never republishes. Pure parts (item identity, URL normalization, text
 * hash, simhash) need no Redis and are used by the tool and tests directly.
 *
 * Life of an item, as the pipeline drives it:
 *   1. fw_dedup_check_item() when the feed lists it: SEEN (done: its TTL is
 *      refreshed, nothing to do), INFLIGHT (claimed by this or another
 *      daemon: skip for now), NEW or CHANGED (the feed says it was modified):
 *      the item is now claimed (a key with a lease, renewed while this
 *      process lives; its owner is host + state_dir, so a restarted daemon
 *      takes its own claims back) and the pipeline fetches and extracts it.
 *   2. fw_dedup_check_content() with the extracted text: NEW, UPDATED (text
 *      changed materially: publish again with status "updated"), SEEN (a
 *      CHANGED item whose text did not change materially) or DUPLICATE (the
 *      same or nearly the same text is already published under another id).
 *      SEEN and DUPLICATE are recorded and the claim released here; for NEW
 *      and UPDATED the result carries a mark (a short string) to publish
 *      with the article (fw_sink carries it, through its spool too).
 *   3. fw_dedup_mark_done(mark) from the sink's completion callback, once
 *      Kafka acknowledged every message: records the item as published, and
 *      says when it is recorded (then the sink drops the unit from its spool).
 *      fw_dedup_release(id) instead when the item is given up (fetch or
 *      extraction failed): it comes back as NEW at the next poll.
 * Redis keys (built by fw_keys, which documents them): P"a:"id item record,
 * P"l:"id claim, P"u:"urlhash -> id, P"c:"texthash -> id, P"s:"band":"value
 * sorted sets of "simhash:id" (4 bands of 16 bits: Hamming distance <= 3
 * always shares a band, so a near-duplicate lookup is 4 small reads).
 * Thread: main (the loop's) only. */
#ifndef FW_DEDUP_H
#define FW_DEDUP_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_err.h"

struct fw_loop;
struct fw_conf;
struct fw_redis;
struct fw_dedup;

#define FW_DEDUP_ID_LEN 32      /* hex of a 128-bit hash */
#define FW_DEDUP_MARK_MAX 128
#define FW_DEDUP_NEAR_BITS 3    /* simhash Hamming distance that counts as the same text */
#define FW_DEDUP_LEASE_MS 600000 /* claim lifetime without renewal (a crashed daemon's claims expire) */
#define FW_DEDUP_MIN_WORDS 30   /* shorter texts (teasers, paywall notices) are not matched by content */

/* How an item's identity is made: auto = guid, else link, else hash of
 * title+date; a forced rule falls back down the same chain when its field is
 * missing. Per feed ("id=guid|link|hash" in the feeds file). */
enum fw_dedup_rule { FW_DEDUP_RULE_AUTO, FW_DEDUP_RULE_GUID, FW_DEDUP_RULE_LINK, FW_DEDUP_RULE_HASH };
/* "auto|guid|link|hash" -> rule; -1 if unknown. */
int fw_dedup_parse_rule(const char *s);

/* A feed item as the feed parser gives it; every field may be NULL. */
struct fw_dedup_item {
    const char *feed_url;
    const char *guid;
    const char *link;
    const char *title;
    const char *date;     /* published, as found in the feed */
    const char *modified; /* updated, as found in the feed (drives CHANGED) */
    enum fw_dedup_rule rule;
};

/* Writes the item's id (FW_DEDUP_ID_LEN hex chars + NUL). */
void fw_dedup_item_id(const struct fw_dedup_item *it, char id[FW_DEDUP_ID_LEN + 1]);

/* Canonical form of an http(s) URL: scheme and host lowercased, default
 * port, userinfo and fragment dropped, dot segments resolved, percent escapes
 * uppercased (unreserved ones decoded), tracking parameters (utm_*, fbclid,
 * gclid...) removed, remaining query parameters sorted. Appends to out.
 * FW_E_INVAL for anything that is not an absolute http(s) URL. */
enum fw_err fw_dedup_normalize_url(const char *url, struct fw_buf *out, char *err, size_t errsz);

/* Text fingerprints over normalized text (ASCII lowercased, runs of
 * punctuation and space collapsed): an exact 64-bit hash, and a 64-bit
 * simhash of word 3-shingles for near-duplicates. */
uint64_t fw_dedup_text_hash(const char *text, size_t n);
uint64_t fw_dedup_simhash(const char *text, size_t n);
int fw_dedup_hamming(uint64_t a, uint64_t b);

enum fw_dedup_state {
    FW_DEDUP_NEW,
    FW_DEDUP_SEEN,
    FW_DEDUP_INFLIGHT,
    FW_DEDUP_CHANGED,
    FW_DEDUP_UPDATED,
    FW_DEDUP_DUPLICATE,
};
const char *fw_dedup_state_name(enum fw_dedup_state s);

struct fw_dedup_result {
    enum fw_err err;             /* FW_E_REDIS: Redis failed, nothing decided (retry later; claim released if taken) */
    enum fw_dedup_state state;
    char id[FW_DEDUP_ID_LEN + 1];
    char dup_of[FW_DEDUP_ID_LEN + 1]; /* DUPLICATE / SEEN by URL: the id already published */
    uint64_t text_hash, simhash;      /* after check_content */
    char mark[FW_DEDUP_MARK_MAX];     /* NEW/UPDATED after check_content: pass to fw_dedup_mark_done */
};
/* res is valid during the call only. */
typedef void (*fw_dedup_cb)(const struct fw_dedup_result *res, void *arg);

struct fw_dedup_stats {
    uint64_t checks, seen, inflight, fresh, changed, updated, duplicates, near_duplicates, marked, mark_retries,
        mark_dropped, redis_errors;
};

/* r is borrowed and must outlive d; c is read during the call (prefix, ttl). */
struct fw_dedup *fw_dedup_new(struct fw_loop *loop, struct fw_redis *r, const struct fw_conf *c);
/* Pending callbacks are not called. NULL ok. */
void fw_dedup_free(struct fw_dedup *d);

/* Stage 1. FW_OK: cb is called once, later. FW_E_REDIS at once when Redis
 * is down (the status is logged by fw_redis): skip the item this round. */
enum fw_err fw_dedup_check_item(struct fw_dedup *d, const struct fw_dedup_item *it, fw_dedup_cb cb, void *arg);

/* Stage 2, for an id claimed by stage 1 (NEW or CHANGED). url: the
 * article's final URL (may be NULL); text: the extracted text. */
enum fw_err fw_dedup_check_content(struct fw_dedup *d, const char *id, const char *url, const char *text,
                                   size_t n, fw_dedup_cb cb, void *arg);

/* Stage 3. Never fails for the caller: while Redis is down marks wait in a
 * bounded queue and are written when it is back (an overflow is counted and
 * logged: those items may be published once more). cb (may be NULL) runs
 * once the record is in Redis (MULTI/EXEC answered), or when it was given up
 * (overflow, invalid mark): then fw_sink_settle() lets the sink forget the
 * unit. Not called if d is freed first. */
typedef void (*fw_dedup_marked_cb)(void *arg);
void fw_dedup_mark_done(struct fw_dedup *d, const char *mark, fw_dedup_marked_cb cb, void *arg);
/* Keeps the claim of a mark's id alive in this process (sink spool replay at
 * start: the item is on its way, do not fetch it again). */
void fw_dedup_adopt(struct fw_dedup *d, const char *mark);
/* Records an item that failed for good (dead-lettered: not extractable, 404):
 * later polls see it as SEEN until its TTL ends. Releases the claim. */
void fw_dedup_mark_failed(struct fw_dedup *d, const char *id);
/* Gives up a claim taken by stage 1. */
void fw_dedup_release(struct fw_dedup *d, const char *id);

/* Marks queued while Redis is down + commands in flight. */
size_t fw_dedup_backlog(const struct fw_dedup *d);
void fw_dedup_get_stats(const struct fw_dedup *d, struct fw_dedup_stats *st);

#endif
