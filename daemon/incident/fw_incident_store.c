#include "feedwire/fw_incident_store.h"

#include <hiredis/hiredis.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_keys.h"

#define SENTENCE_MAX 400   /* bytes of a mention's sentence kept */
#define MENTIONS_MAX 200   /* mentions kept per incident (the count goes on) */
#define CANDIDATES_MAX 4096 /* incidents compared per decision: a bucket bigger than this is cut */

struct fw_incident_store {
    redisContext *rc;
    struct fw_keys keys;
    int64_t horizon_ms;
    size_t pending; /* write replies not read yet */
    struct fw_buf enc;
};

struct fw_incident_store *fw_incident_store_new(struct redisContext *rc, const char *prefix, int64_t horizon_ms)
{
    struct fw_incident_store *s = fw_xcalloc(1, sizeof *s);
    s->rc = rc;
    fw_keys_init(&s->keys, prefix);
    s->horizon_ms = horizon_ms > 0 ? horizon_ms : 1;
    fw_buf_init(&s->enc, 0);
    return s;
}

static enum fw_err redis_fail(struct fw_incident_store *s, char *err, size_t errsz, const char *what)
{
    return fw_fail(err, errsz, FW_E_REDIS, "redis %s: %s", what, s->rc->err ? s->rc->errstr : "error reply");
}

/* Reads the replies of the writes in flight; an error reply is reported. */
static enum fw_err drain(struct fw_incident_store *s, char *err, size_t errsz)
{
    enum fw_err rc = FW_OK;
    while (s->pending) {
        redisReply *r = NULL;
        if (redisGetReply(s->rc, (void **)&r) != REDIS_OK) {
            s->pending = 0;
            return redis_fail(s, err, errsz, "write");
        }
        s->pending--;
        if (r->type == REDIS_REPLY_ERROR && rc == FW_OK)
            rc = fw_fail(err, errsz, FW_E_REDIS, "redis write: %.200s", r->str);
        freeReplyObject(r);
    }
    return rc;
}

enum fw_err fw_incident_store_flush(struct fw_incident_store *s, char *err, size_t errsz)
{
    return drain(s, err, errsz);
}

void fw_incident_store_free(struct fw_incident_store *s)
{
    if (!s) return;
    char err[128];
    (void)drain(s, err, sizeof err);
    fw_buf_fini(&s->enc);
    free(s);
}

/* hiredis formats: no %zu or PRId64 (its own parser), so %lld with casts */
static void append(struct fw_incident_store *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    redisvAppendCommand(s->rc, fmt, ap);
    va_end(ap);
    s->pending++;
}

/* Deterministic choice: most agreements, then the earliest incident, then the smallest id. */
static int better(const struct fw_incident *a, const struct fw_incident_verdict *va, const struct fw_incident *b,
                  const struct fw_incident_verdict *vb)
{
    if (va->agree != vb->agree) return va->agree > vb->agree;
    if (a->first_ms != b->first_ms) return a->first_ms < b->first_ms;
    return strcmp(a->id, b->id) < 0;
}

/* Looks for the incident id among the hash replies (a replayed event). */
static int find_by_id(redisReply **rep, size_t nb, const char *id, struct fw_incident *out)
{
    for (size_t b = 0; b < nb; b++) {
        redisReply *r = rep[b];
        if (!r || r->type != REDIS_REPLY_ARRAY) continue;
        for (size_t i = 0; i + 1 < r->elements; i += 2)
            if (r->element[i]->type == REDIS_REPLY_STRING && !strcmp(r->element[i]->str, id) &&
                fw_incident_decode(r->element[i + 1]->str, r->element[i + 1]->len, out) == FW_OK)
                return 1;
    }
    return 0;
}

static void write_incident(struct fw_incident_store *s, const struct fw_incident *inc, const char *old_bucket,
                           const struct fw_event *ev, const char *article_id, const char *sentence, int64_t now_ms)
{
    char key[FW_KEY_MAX], bucket[24], member[64];
    fw_incident_bucket(inc, bucket);
    if (old_bucket && strcmp(old_bucket, bucket)) {
        append(s, "HDEL %s %s", fw_keys_incident_bucket(&s->keys, old_bucket, key), inc->id);
        snprintf(member, sizeof member, "%s %s", old_bucket, inc->id);
        append(s, "ZREM %s %s", fw_keys_incident_recent(&s->keys, key), member);
    }
    fw_buf_reset(&s->enc);
    fw_incident_encode(inc, &s->enc);
    fw_keys_incident_bucket(&s->keys, bucket, key);
    append(s, "HSET %s %s %b", key, inc->id, s->enc.p, s->enc.len);
    append(s, "PEXPIRE %s %lld", key, (long long)s->horizon_ms);
    fw_buf_reset(&s->enc);
    fw_buf_printf(&s->enc, "%s\t%s\t%.*s", article_id ? article_id : "", ev->id, SENTENCE_MAX,
                  sentence ? sentence : "");
    for (size_t i = 0; i < s->enc.len; i++)
        if (s->enc.p[i] == '\n') s->enc.p[i] = ' ';
    fw_keys_incident_mentions(&s->keys, inc->id, key);
    if (inc->mentions <= MENTIONS_MAX) append(s, "RPUSH %s %b", key, s->enc.p, s->enc.len);
    append(s, "PEXPIRE %s %lld", key, (long long)s->horizon_ms);
    snprintf(member, sizeof member, "%s %s", bucket, inc->id);
    fw_keys_incident_recent(&s->keys, key);
    append(s, "ZADD %s %lld %s", key, (long long)inc->last_ms, member);
    append(s, "ZREMRANGEBYSCORE %s -inf %lld", key, (long long)(now_ms - s->horizon_ms));
    /* last: once this is written the event counts as joined */
    append(s, "SET %s %s PX %lld", fw_keys_incident_event(&s->keys, ev->id, key), inc->id, (long long)s->horizon_ms);
}

enum fw_err fw_incident_store_add(struct fw_incident_store *s, const struct fw_event *ev, const char *article_id,
                                  const char *sentence, int64_t now_ms, struct fw_incident_result *out, char *err,
                                  size_t errsz)
{
    char buckets[FW_INCIDENT_EVENT_BUCKETS][24], key[FW_KEY_MAX];
    size_t nb = fw_incident_buckets(ev, buckets);
    redisReply *rep[FW_INCIDENT_EVENT_BUCKETS + 1] = {0};
    enum fw_err rc = FW_OK;
    memset(out, 0, sizeof *out);

    /* one round trip: the event's past decision and every bucket, behind the last writes */
    redisAppendCommand(s->rc, "GET %s", fw_keys_incident_event(&s->keys, ev->id, key));
    for (size_t b = 0; b < nb; b++)
        redisAppendCommand(s->rc, "HGETALL %s", fw_keys_incident_bucket(&s->keys, buckets[b], key));
    enum fw_err wrc = drain(s, err, errsz);
    for (size_t i = 0; i <= nb; i++) {
        if (redisGetReply(s->rc, (void **)&rep[i]) != REDIS_OK) {
            rc = redis_fail(s, err, errsz, "read");
            goto out;
        }
        if (rep[i]->type == REDIS_REPLY_ERROR) {
            rc = fw_fail(err, errsz, FW_E_REDIS, "redis read: %.200s", rep[i]->str);
            goto out;
        }
    }
    if (wrc != FW_OK) {
        rc = wrc;
        goto out;
    }

    if (rep[0]->type == REDIS_REPLY_STRING) {
        /* the incident may have left these buckets since (its date refined): its id is enough */
        if (!find_by_id(rep + 1, nb, rep[0]->str, &out->inc))
            snprintf(out->inc.id, sizeof out->inc.id, "%.32s", rep[0]->str);
        out->replayed = 1;
        snprintf(out->why.why, sizeof out->why.why, "replayed: joined before");
        goto out;
    }

    struct fw_incident cand, best;
    struct fw_incident_verdict v, bestv = {0}, refused = {0};
    int have = 0;
    char best_bucket[24] = "";
    for (size_t b = 0; b < nb; b++) {
        redisReply *r = rep[b + 1];
        if (r->type != REDIS_REPLY_ARRAY) continue;
        for (size_t i = 0; i + 1 < r->elements && out->candidates < CANDIDATES_MAX; i += 2) {
            redisReply *val = r->element[i + 1];
            if (val->type != REDIS_REPLY_STRING || fw_incident_decode(val->str, val->len, &cand) != FW_OK) continue;
            out->candidates++;
            fw_incident_decide(&cand, ev, &v);
            if (!v.merge) {
                if (v.agree > refused.agree || !refused.why[0]) refused = v;
                continue;
            }
            if (!have || better(&cand, &v, &best, &bestv)) {
                best = cand, bestv = v, have = 1;
                snprintf(best_bucket, sizeof best_bucket, "%s", buckets[b]);
            }
        }
    }
    if (have) {
        out->inc = best;
        out->why = bestv;
        out->changed = fw_incident_refine(&out->inc, ev, now_ms);
        write_incident(s, &out->inc, best_bucket, ev, article_id, sentence, now_ms);
    } else {
        fw_incident_from_event(&out->inc, ev, now_ms);
        out->created = out->changed = 1;
        out->why = refused;
        if (!out->why.why[0]) snprintf(out->why.why, sizeof out->why.why, "no candidate");
        write_incident(s, &out->inc, NULL, ev, article_id, sentence, now_ms);
    }
out:
    for (size_t i = 0; i <= nb; i++)
        if (rep[i]) freeReplyObject(rep[i]);
    if (rc != FW_OK) s->pending = 0; /* the link is broken: hiredis will not deliver them */
    return rc;
}

enum fw_err fw_incident_store_recent(struct fw_incident_store *s, int64_t since_ms, size_t max,
                                     struct fw_incident **out, size_t *n, char *err, size_t errsz)
{
    char key[FW_KEY_MAX];
    *out = NULL, *n = 0;
    enum fw_err rc = drain(s, err, errsz);
    if (rc != FW_OK) return rc;
    redisReply *ids = redisCommand(s->rc, "ZREVRANGEBYSCORE %s +inf %lld LIMIT 0 %lld",
                                   fw_keys_incident_recent(&s->keys, key), (long long)since_ms, (long long)max);
    if (!ids) return redis_fail(s, err, errsz, "read");
    if (ids->type != REDIS_REPLY_ARRAY) {
        rc = fw_fail(err, errsz, FW_E_REDIS, "redis read: unexpected reply");
        goto out;
    }
    size_t k = 0;
    for (size_t i = 0; i < ids->elements; i++) {
        const char *m = ids->element[i]->str, *sp = m ? strchr(m, ' ') : NULL;
        if (!sp) continue;
        char bucket[24];
        snprintf(bucket, sizeof bucket, "%.*s", (int)(sp - m), m);
        redisAppendCommand(s->rc, "HGET %s %s", fw_keys_incident_bucket(&s->keys, bucket, key), sp + 1);
        k++;
    }
    *out = fw_xcalloc(k ? k : 1, sizeof **out);
    for (size_t i = 0; i < k; i++) {
        redisReply *r = NULL;
        if (redisGetReply(s->rc, (void **)&r) != REDIS_OK) {
            rc = redis_fail(s, err, errsz, "read");
            goto out;
        }
        if (r->type == REDIS_REPLY_STRING && fw_incident_decode(r->str, r->len, &(*out)[*n]) == FW_OK) (*n)++;
        freeReplyObject(r);
    }
out:
    freeReplyObject(ids);
    if (rc != FW_OK) free(*out), *out = NULL, *n = 0;
    return rc;
}

void fw_incident_mentions_free(struct fw_incident_mention *m, size_t n)
{
    if (!m) return;
    for (size_t i = 0; i < n; i++) free((char *)m[i].article_id); /* one allocation per mention */
    free(m);
}

enum fw_err fw_incident_store_mentions(struct fw_incident_store *s, const char *incident_id, size_t max,
                                       struct fw_incident_mention **out, size_t *n, char *err, size_t errsz)
{
    char key[FW_KEY_MAX];
    *out = NULL, *n = 0;
    enum fw_err rc = drain(s, err, errsz);
    if (rc != FW_OK) return rc;
    if (!max) return FW_OK;
    redisReply *r = redisCommand(s->rc, "LRANGE %s 0 %lld", fw_keys_incident_mentions(&s->keys, incident_id, key),
                                 (long long)max - 1);
    if (!r) return redis_fail(s, err, errsz, "read");
    if (r->type == REDIS_REPLY_ARRAY) {
        *out = fw_xcalloc(r->elements ? r->elements : 1, sizeof **out);
        for (size_t i = 0; i < r->elements; i++) {
            if (r->element[i]->type != REDIS_REPLY_STRING) continue;
            /* "article TAB event TAB sentence" split in one copy */
            char *c = fw_xstrndup(r->element[i]->str, r->element[i]->len);
            char *t1 = strchr(c, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
            if (!t2) {
                free(c);
                continue;
            }
            *t1 = *t2 = 0;
            (*out)[(*n)++] = (struct fw_incident_mention){c, t1 + 1, t2 + 1};
        }
    }
    freeReplyObject(r);
    return FW_OK;
}
