#include "feedwire/fw_incident_store.h"

#include <hiredis/hiredis.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "feedwire/fw_keys.h"
#include "feedwire/fw_record.h"
#include "feedwire/fw_redis.h"

#define SENTENCE_MAX 400   /* bytes of a mention's sentence kept */
#define MENTIONS_MAX 200   /* mentions kept per incident (the count goes on) */
#define CANDIDATES_MAX 4096 /* incidents compared per decision: a bucket bigger than this is cut */

/* The writes of a decision are one transaction (MULTI ... EXEC: atomic, and plain commands
 * cost Redis a third of what the same steps in a script did). A bucket is a list of compact
 * forms, not a hash: forms are longer than a hash keeps compact (hash-max-listpack-value, 64
 * bytes), and a list is listpacks at any length, read at a fraction of a hash table's cost. An
 * incident's new form replaces the one read (LREM of that form: if another writer replaced it
 * first, both stay until the bucket expires and a reader keeps the last). */

struct op;

struct fw_incident_store {
    redisContext *rc;        /* blocking (tool, tests), or */
    struct fw_redis *async;  /* the loop's link (the daemon) */
    struct op *head, *tail;  /* async batches, the head one in flight when busy */
    int busy;
    struct fw_keys keys;
    int64_t horizon_ms;
    size_t pending; /* write replies not read yet */
    uint64_t writes;
    struct fw_buf enc; /* the last compact form written (enc_len bytes), then its mention */
    size_t enc_len;
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
        /* a transaction's own errors are in EXEC's reply */
        const redisReply *e = r->type == REDIS_REPLY_ERROR ? r : NULL;
        for (size_t i = 0; !e && r->type == REDIS_REPLY_ARRAY && i < r->elements; i++)
            if (r->element[i]->type == REDIS_REPLY_ERROR) e = r->element[i];
        if (e && rc == FW_OK) rc = fw_fail(err, errsz, FW_E_REDIS, "redis write: %.200s", e->str);
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
    fw_incident_store_cancel(s);
    if (s->rc) (void)drain(s, err, sizeof err);
    fw_buf_fini(&s->enc);
    free(s);
}

/* The incident id a compact form starts with ("1", TAB, the id, TAB), NULL if none. */
static const char *form_id(const char *form, size_t len)
{
    if (len < FW_INCIDENT_ID_LEN + 3 || form[0] != '1' || form[1] != '\t' || form[FW_INCIDENT_ID_LEN + 2] != '\t')
        return NULL;
    return form + 2;
}

static int form_is(const redisReply *r, const char *id)
{
    const char *fid = r->type == REDIS_REPLY_STRING ? form_id(r->str, r->len) : NULL;
    return fid && strlen(id) == FW_INCIDENT_ID_LEN && !memcmp(fid, id, FW_INCIDENT_ID_LEN);
}

/* Looks for the incident id among the bucket replies (a replayed event); the last form of it wins. */
static int find_by_id(redisReply **rep, size_t nb, const char *id, struct fw_incident *out)
{
    for (size_t b = 0; b < nb; b++) {
        redisReply *r = rep[b];
        if (!r || r->type != REDIS_REPLY_ARRAY) continue;
        for (size_t i = r->elements; i-- > 0;)
            if (form_is(r->element[i], id) &&
                fw_incident_decode(r->element[i]->str, r->element[i]->len, out) == FW_OK)
                return 1;
    }
    return 0;
}

/* One command of a decision's writes; len NULL: argv are C strings. On the loop's link fire and
 * forget: a lost write leaves the event undecided (no replay key), decided again if it comes
 * back, and a transaction cut short by a lost link is dropped by Redis whole. */
static void send_cmd(struct fw_incident_store *s, int argc, const char **argv, const size_t *len)
{
    size_t l[8];
    for (int i = 0; i < argc; i++) l[i] = len ? len[i] : strlen(argv[i]);
    if (s->async) {
        (void)fw_redis_command_argv(s->async, NULL, NULL, argc, argv, l);
        return;
    }
    redisAppendCommandArgv(s->rc, argc, argv, l);
    s->pending++;
}

#define TRIM_EVERY 1024 /* writes between two trims of the recent list */
#define RECENT_SLACK_MS 60000 /* the recent list's scores and the keys' lifetimes may lag a mention by this much */

/* prev_last_ms: the incident's last mention before this one (0: new); old_form: its compact form
 * as it is in old_bucket (NULL: new). The form written stays in s->enc up to s->enc_len. */
static void write_incident(struct fw_incident_store *s, const struct fw_incident *inc, int64_t prev_last_ms,
                           const char *old_bucket, const char *old_form, size_t old_len, const struct fw_event *ev,
                           const char *article_id, const char *sentence, int64_t now_ms)
{
    char kb[FW_KEY_MAX], kold[FW_KEY_MAX], km[FW_KEY_MAX], kr[FW_KEY_MAX], ke[FW_KEY_MAX];
    char bucket[24], member[64], old_member[64] = "", horizon[24], last[24], trim[24] = "";
    fw_incident_bucket(inc, bucket);
    fw_keys_incident_bucket(&s->keys, bucket, kb);
    fw_keys_incident_bucket(&s->keys, old_bucket ? old_bucket : bucket, kold);
    if (old_bucket && strcmp(old_bucket, bucket)) snprintf(old_member, sizeof old_member, "%s %s", old_bucket, inc->id);
    /* the recent list's score and the lifetimes move once per minute of mentions: a story's many
     * mentions in a burst cost one ZADD and two PEXPIREs */
    if (!prev_last_ms || old_member[0] || inc->last_ms / RECENT_SLACK_MS != prev_last_ms / RECENT_SLACK_MS)
        snprintf(member, sizeof member, "%s %s", bucket, inc->id);
    else member[0] = 0;
    snprintf(horizon, sizeof horizon, "%lld", (long long)s->horizon_ms);
    snprintf(last, sizeof last, "%lld", (long long)inc->last_ms);
    if (s->writes++ % TRIM_EVERY == 0) snprintf(trim, sizeof trim, "%lld", (long long)(now_ms - s->horizon_ms));
    fw_buf_reset(&s->enc);
    fw_incident_encode(inc, &s->enc);
    size_t enc_len = s->enc.len;
    /* the mention after the compact form, in the same buffer */
    if (inc->mentions <= MENTIONS_MAX)
        fw_buf_printf(&s->enc, "%s\t%s\t%.*s", article_id ? article_id : "", ev->id, SENTENCE_MAX,
                      sentence ? sentence : "");
    for (size_t i = enc_len; i < s->enc.len; i++)
        if (s->enc.p[i] == '\n') s->enc.p[i] = ' ';
    s->enc_len = enc_len;
    const char *km_key = fw_keys_incident_mentions(&s->keys, inc->id, km);
    fw_keys_incident_recent(&s->keys, kr);
    fw_keys_incident_event(&s->keys, ev->id, ke);
    send_cmd(s, 1, (const char *[]){"MULTI"}, NULL);
    if (old_form) send_cmd(s, 4, (const char *[]){"LREM", kold, "1", old_form}, (size_t[]){4, strlen(kold), 1, old_len});
    if (old_member[0]) send_cmd(s, 3, (const char *[]){"ZREM", kr, old_member}, NULL);
    send_cmd(s, 3, (const char *[]){"RPUSH", kb, s->enc.p}, (size_t[]){5, strlen(kb), enc_len});
    /* always: a bucket that expired since it was read must not come back without a lifetime */
    send_cmd(s, 3, (const char *[]){"PEXPIRE", kb, horizon}, NULL);
    if (s->enc.len > enc_len)
        send_cmd(s, 3, (const char *[]){"RPUSH", km_key, s->enc.p + enc_len},
                 (size_t[]){5, strlen(km_key), s->enc.len - enc_len});
    if (member[0]) {
        send_cmd(s, 3, (const char *[]){"PEXPIRE", km_key, horizon}, NULL);
        send_cmd(s, 4, (const char *[]){"ZADD", kr, last, member}, NULL);
    }
    if (trim[0]) send_cmd(s, 4, (const char *[]){"ZREMRANGEBYSCORE", kr, "-inf", trim}, NULL);
    send_cmd(s, 5, (const char *[]){"SET", ke, inc->id, "PX", horizon}, NULL);
    send_cmd(s, 1, (const char *[]){"EXEC"}, NULL);
}

/* The incidents this batch wrote: their forms fetched with the batch are stale. */
struct overlay {
    struct fw_incident inc;
    char bucket[24];
    char *form; /* its compact form as written */
    size_t form_len;
};

static struct overlay *overlay_find(struct overlay *ov, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(ov[i].inc.id, id)) return &ov[i];
    return NULL;
}

static struct overlay *overlay_find_form(struct overlay *ov, size_t n, const char *fid)
{
    for (size_t i = 0; i < n; i++)
        if (!memcmp(ov[i].inc.id, fid, FW_INCIDENT_ID_LEN)) return &ov[i];
    return NULL;
}

static void overlay_free(struct overlay *ov, size_t n)
{
    for (size_t i = 0; i < n; i++) free(ov[i].form);
    free(ov);
}

/* a candidate's place in the replies: its bucket, and the element of the bucket's list or of the
 * overlay, so the form it was read as can be replaced */
#define TAG_OVERLAY ((size_t)1 << 19)
#define TAG(b, i, ov) (((size_t)(b) << 20) | ((ov) ? TAG_OVERLAY : 0) | (size_t)(i))

/* Decides one event of the batch from its reply (its past decision, then its buckets). */
static void decide_one(struct fw_incident_store *s, const struct fw_incident_input *in, const redisReply *all,
                       struct overlay *ov, size_t *nov, int64_t now_ms, struct fw_incident_result *out)
{
    const struct fw_event *ev = in->ev;
    struct fw_incident_names names;
    fw_incident_names_of(in->sentence, ev->loc_name, &names);
    char buckets[FW_INCIDENT_EVENT_BUCKETS][24];
    size_t nb = fw_incident_buckets(ev, buckets);
    redisReply **rep = all->element;
    struct overlay *o;
    memset(out, 0, sizeof *out);
    if (rep[0]->type == REDIS_REPLY_STRING && rep[0]->len) {
        /* the incident may have left these buckets since (its date refined): its id is enough */
        if ((o = overlay_find(ov, *nov, rep[0]->str))) out->inc = o->inc;
        else if (!find_by_id(rep + 1, nb, rep[0]->str, &out->inc))
            snprintf(out->inc.id, sizeof out->inc.id, "%.32s", rep[0]->str);
        out->replayed = 1;
        snprintf(out->why.why, sizeof out->why.why, "replayed: joined before");
        return;
    }
    struct fw_incident_choice c = {0};
    struct fw_incident cand;
    for (size_t b = 0; b < nb; b++) {
        redisReply *r = rep[b + 1];
        for (size_t i = 0; r->type == REDIS_REPLY_ARRAY && i < r->elements && i < TAG_OVERLAY &&
                           out->candidates < CANDIDATES_MAX;
             i++) {
            redisReply *val = r->element[i];
            const char *fid = val->type == REDIS_REPLY_STRING ? form_id(val->str, val->len) : NULL;
            if (!fid) continue;
            if (*nov && overlay_find_form(ov, *nov, fid)) continue; /* written since: the overlay has it */
            out->candidates++;
            if (fw_incident_quick_reject(val->str, val->len, ev) ||
                fw_incident_decode(val->str, val->len, &cand) != FW_OK)
                continue;
            fw_incident_choice_consider(&c, &cand, TAG(b, i, 0), ev, &names);
        }
        for (size_t i = 0; i < *nov; i++) {
            if (strcmp(ov[i].bucket, buckets[b])) continue;
            out->candidates++;
            fw_incident_choice_consider(&c, &ov[i].inc, TAG(b, i, 1), ev, &names);
        }
    }
    if (c.have) {
        size_t b = c.tag >> 20, i = c.tag & (TAG_OVERLAY - 1);
        const char *old_form;
        size_t old_len;
        if (c.tag & TAG_OVERLAY) old_form = ov[i].form, old_len = ov[i].form_len;
        else old_form = rep[b + 1]->element[i]->str, old_len = rep[b + 1]->element[i]->len;
        out->inc = c.best;
        out->why = c.bestv;
        out->changed = fw_incident_refine(&out->inc, ev, &names, now_ms);
        write_incident(s, &out->inc, c.best.last_ms, buckets[b], old_form, old_len, ev, in->article_id, in->sentence,
                       now_ms);
    } else {
        fw_incident_from_event(&out->inc, ev, &names, now_ms);
        out->created = out->changed = 1;
        out->why = c.refused;
        if (!out->why.why[0]) snprintf(out->why.why, sizeof out->why.why, "no candidate");
        write_incident(s, &out->inc, 0, NULL, NULL, 0, ev, in->article_id, in->sentence, now_ms);
    }
    if (!(o = overlay_find(ov, *nov, out->inc.id))) o = &ov[(*nov)++];
    o->inc = out->inc;
    fw_incident_bucket(&o->inc, o->bucket);
    free(o->form);
    o->form = fw_xstrndup(s->enc.p, s->enc_len);
    o->form_len = s->enc_len;
}

/* The buckets of a batch's events, each once: an article's events mostly share their day and
 * country, so a batch of 16 reads 8 buckets, not 128. name[u]: the u-th distinct bucket;
 * idx[k][b]: the distinct bucket of event k's b-th; nb[k]: event k's bucket count. */
#define BB_SLOTS 8192 /* a power of two above every bucket of a full batch (64 x 64) */
_Static_assert(BB_SLOTS > FW_INCIDENT_BATCH_MAX * FW_INCIDENT_EVENT_BUCKETS, "a full batch's buckets fit");
struct batch_buckets {
    char (*name)[24];
    size_t n;
    uint32_t idx[FW_INCIDENT_BATCH_MAX][FW_INCIDENT_EVENT_BUCKETS];
    size_t nb[FW_INCIDENT_BATCH_MAX];
    uint32_t slot[BB_SLOTS]; /* open addressing over the names, u + 1; 0 empty */
};

static void batch_buckets_of(struct batch_buckets *bb, const struct fw_incident_input *in, size_t n)
{
    memset(bb->slot, 0, sizeof bb->slot);
    bb->name = fw_xcalloc(n * FW_INCIDENT_EVENT_BUCKETS + 1, sizeof *bb->name);
    bb->n = 0;
    for (size_t k = 0; k < n; k++) {
        char buckets[FW_INCIDENT_EVENT_BUCKETS][24];
        bb->nb[k] = fw_incident_buckets(in[k].ev, buckets);
        for (size_t b = 0; b < bb->nb[k]; b++) {
            size_t h = (size_t)XXH3_64bits(buckets[b], strlen(buckets[b])) & (BB_SLOTS - 1);
            while (bb->slot[h] && strcmp(bb->name[bb->slot[h] - 1], buckets[b])) h = (h + 1) & (BB_SLOTS - 1);
            if (!bb->slot[h]) {
                memcpy(bb->name[bb->n], buckets[b], 24);
                bb->slot[h] = (uint32_t)++bb->n;
            }
            bb->idx[k][b] = bb->slot[h] - 1;
        }
    }
}

static enum fw_err add_batch(struct fw_incident_store *s, const struct fw_incident_input *in, size_t n,
                             int64_t now_ms, struct fw_incident_result *out, char *err, size_t errsz)
{
    enum fw_err rc = FW_OK;
    if (n > FW_INCIDENT_BATCH_MAX) return fw_fail(err, errsz, FW_E_INVAL, "batch of %zu events", n);
    struct batch_buckets *bb = fw_xcalloc(1, sizeof *bb);
    batch_buckets_of(bb, in, n);
    /* every reply of the batch: each event's past decision, then each distinct bucket */
    size_t total = n + bb->n;
    redisReply **rep = fw_xcalloc(total + 1, sizeof *rep);
    redisReply **view_el = fw_xcalloc(FW_INCIDENT_EVENT_BUCKETS + 1, sizeof *view_el);

    /* one round trip for the batch (plain commands: native replies, no script to convert them),
     * behind the writes of the previous decisions */
    for (size_t k = 0; k < n; k++) {
        char key[FW_KEY_MAX];
        redisAppendCommand(s->rc, "GET %s", fw_keys_incident_event(&s->keys, in[k].ev->id, key));
    }
    for (size_t u = 0; u < bb->n; u++) {
        char key[FW_KEY_MAX];
        redisAppendCommand(s->rc, "LRANGE %s 0 -1", fw_keys_incident_bucket(&s->keys, bb->name[u], key));
    }
    enum fw_err wrc = drain(s, err, errsz);
    for (size_t i = 0; i < total; i++)
        if (redisGetReply(s->rc, (void **)&rep[i]) != REDIS_OK) {
            rc = redis_fail(s, err, errsz, "read");
            goto out;
        }
    for (size_t i = 0; i < total; i++)
        if (rep[i]->type == REDIS_REPLY_ERROR) {
            rc = fw_fail(err, errsz, FW_E_REDIS, "redis read: %.200s", rep[i]->str);
            goto out;
        }
    if ((rc = wrc) != FW_OK) goto out;
    struct overlay *ov = fw_xcalloc(n ? n : 1, sizeof *ov);
    size_t nov = 0;
    for (size_t k = 0; k < n; k++) {
        view_el[0] = rep[k];
        for (size_t b = 0; b < bb->nb[k]; b++) view_el[b + 1] = rep[n + bb->idx[k][b]];
        redisReply view = {.type = REDIS_REPLY_ARRAY, .elements = bb->nb[k] + 1, .element = view_el};
        decide_one(s, &in[k], &view, ov, &nov, now_ms, &out[k]);
    }
    overlay_free(ov, nov);
out:
    for (size_t i = 0; i < total; i++)
        if (rep[i]) freeReplyObject(rep[i]);
    free(rep);
    free(view_el);
    free(bb->name);
    free(bb);
    if (rc != FW_OK) s->pending = 0; /* the link is broken: hiredis will not deliver them */
    return rc;
}

enum fw_err fw_incident_store_add_batch(struct fw_incident_store *s, const struct fw_incident_input *in, size_t n,
                                        int64_t now_ms, struct fw_incident_result *out, char *err, size_t errsz)
{
    return add_batch(s, in, n, now_ms, out, err, errsz);
}

enum fw_err fw_incident_store_add(struct fw_incident_store *s, const struct fw_event *ev, const char *article_id,
                                  const char *sentence, int64_t now_ms, struct fw_incident_result *out, char *err,
                                  size_t errsz)
{
    struct fw_incident_input in = {ev, article_id, sentence};
    return fw_incident_store_add_batch(s, &in, 1, now_ms, out, err, errsz);
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
    /* each member "bucket id": the incident's form in its bucket's list */
    size_t k = 0;
    const char **want = fw_xcalloc(ids->elements ? ids->elements : 1, sizeof *want);
    for (size_t i = 0; i < ids->elements; i++) {
        const char *m = ids->element[i]->str, *sp = m ? strchr(m, ' ') : NULL;
        if (!sp) continue;
        char bucket[24];
        snprintf(bucket, sizeof bucket, "%.*s", (int)(sp - m), m);
        redisAppendCommand(s->rc, "LRANGE %s 0 -1", fw_keys_incident_bucket(&s->keys, bucket, key));
        want[k++] = sp + 1;
    }
    *out = fw_xcalloc(k ? k : 1, sizeof **out);
    for (size_t i = 0; i < k; i++) {
        redisReply *r = NULL;
        if (redisGetReply(s->rc, (void **)&r) != REDIS_OK) {
            rc = redis_fail(s, err, errsz, "read");
            break;
        }
        if (find_by_id(&r, 1, want[i], &(*out)[*n])) (*n)++;
        freeReplyObject(r);
    }
    free(want);
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

/* ---------------------------------------------------------- asynchronous */

/* The reads of a batch in one command, as the blocking store's replies: per event its past
 * decision (KEYS[k], k <= ARGV[1] events) then its buckets, each distinct bucket read once
 * (KEYS[ARGV[1] + u]); ARGV after the first: per event its bucket count, then their u. */
static const char READ_LUA[] =
    "local n, a, lists, out = tonumber(ARGV[1]), 2, {}, {} "
    "for k = 1, n do "
    "local e = {redis.call('GET', KEYS[k])} "
    "local c = tonumber(ARGV[a]) a = a + 1 "
    "for b = 1, c do "
    "local u = tonumber(ARGV[a]) a = a + 1 "
    "local l = lists[u] if not l then l = redis.call('LRANGE', KEYS[n + u], 0, -1) lists[u] = l end "
    "e[b + 1] = l end "
    "out[k] = e end return out";
/* The mentions of the incidents a batch changed, read behind its writes. */
static const char MENTIONS_LUA[] =
    "local o = {} for i = 1, #KEYS do o[i] = redis.call('LRANGE', KEYS[i], 0, ARGV[1]) end return o";

struct op {
    struct op *next;
    struct fw_incident_store *s; /* NULL: cancelled, freed by its reply */
    const struct fw_incident_input *in;
    size_t n;
    int64_t now_ms;
    fw_incident_batch_cb cb;
    void *arg;
    struct fw_incident_result res[FW_INCIDENT_BATCH_MAX];
    struct fw_incident incs[FW_INCIDENT_BATCH_MAX]; /* the incidents given a mention, after the batch */
    size_t ninc;
};

struct fw_incident_store *fw_incident_store_new_async(struct fw_redis *r, const char *prefix, int64_t horizon_ms)
{
    struct fw_incident_store *s = fw_incident_store_new(NULL, prefix, horizon_ms);
    s->async = r;
    return s;
}

static void pump(struct fw_incident_store *s);

/* Ends the head batch: off the queue first, so cb may submit the next one. */
static void finish(struct op *op, enum fw_err rc, const char *err, const struct fw_record_incident *recs, size_t nrecs)
{
    struct fw_incident_store *s = op->s;
    s->head = op->next;
    if (!s->head) s->tail = NULL;
    s->busy = 0;
    if (rc == FW_OK) op->cb(op->arg, FW_OK, NULL, op->res, op->n, recs, nrecs);
    else op->cb(op->arg, rc, err, NULL, 0, NULL, 0);
    free(op);
    pump(s);
}

static void on_mentions(struct fw_redis *r, redisReply *reply, void *arg)
{
    (void)r;
    struct op *op = arg;
    if (!op->s) {
        free(op);
        return;
    }
    if (!reply) {
        finish(op, FW_E_REDIS, "redis: link lost", NULL, 0);
        return;
    }
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != op->ninc) {
        finish(op, FW_E_PARSE, reply->type == REDIS_REPLY_ERROR ? reply->str : "redis: unexpected mentions reply",
               NULL, 0);
        return;
    }
    struct fw_record_incident recs[FW_INCIDENT_BATCH_MAX] = {{0}};
    struct fw_buf js[FW_INCIDENT_BATCH_MAX];
    for (size_t i = 0; i < op->ninc; i++) {
        redisReply *l = reply->element[i];
        size_t nm = 0, cap = l->type == REDIS_REPLY_ARRAY ? l->elements : 0;
        struct fw_incident_mention *m = fw_xcalloc(cap ? cap : 1, sizeof *m);
        char **copies = fw_xcalloc(cap ? cap : 1, sizeof *copies);
        for (size_t k = 0; k < cap; k++) {
            if (l->element[k]->type != REDIS_REPLY_STRING) continue;
            /* "article TAB event TAB sentence" */
            char *c = copies[k] = fw_xstrndup(l->element[k]->str, l->element[k]->len);
            char *t1 = strchr(c, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
            if (!t2) continue;
            *t1 = *t2 = 0;
            m[nm++] = (struct fw_incident_mention){c, t1 + 1, t2 + 1};
        }
        fw_buf_init(&js[i], 0);
        fw_incident_json(&op->incs[i], m, nm, &js[i]);
        recs[i] = (struct fw_record_incident){op->incs[i].id, js[i].p};
        for (size_t k = 0; k < cap; k++) free(copies[k]);
        free(copies);
        free(m);
    }
    size_t ninc = op->ninc;
    finish(op, FW_OK, NULL, recs, ninc);
    for (size_t i = 0; i < ninc; i++) fw_buf_fini(&js[i]);
}

static void on_reads(struct fw_redis *r, redisReply *reply, void *arg)
{
    (void)r;
    struct op *op = arg;
    struct fw_incident_store *s = op->s;
    if (!s) {
        free(op);
        return;
    }
    if (!reply) {
        finish(op, FW_E_REDIS, "redis: link lost", NULL, 0);
        return;
    }
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements != op->n) {
        finish(op, FW_E_PARSE, reply->type == REDIS_REPLY_ERROR ? reply->str : "redis: unexpected read reply", NULL,
               0);
        return;
    }
    for (size_t k = 0; k < op->n; k++) {
        char buckets[FW_INCIDENT_EVENT_BUCKETS][24];
        size_t nb = fw_incident_buckets(op->in[k].ev, buckets);
        redisReply *e = reply->element[k];
        int ok = e->type == REDIS_REPLY_ARRAY && e->elements == nb + 1;
        for (size_t b = 0; ok && b < nb; b++) ok = e->element[b + 1]->type == REDIS_REPLY_ARRAY;
        if (!ok) {
            finish(op, FW_E_PARSE, "redis: unexpected read reply", NULL, 0);
            return;
        }
    }
    struct overlay *ov = fw_xcalloc(op->n ? op->n : 1, sizeof *ov);
    size_t nov = 0;
    for (size_t k = 0; k < op->n; k++) decide_one(s, &op->in[k], reply->element[k], ov, &nov, op->now_ms, &op->res[k]);
    /* an incident given a new mention is published once, in its state after the batch */
    for (size_t k = 0; k < op->n; k++) {
        if (op->res[k].replayed) continue;
        struct overlay *o = overlay_find(ov, nov, op->res[k].inc.id);
        size_t i;
        for (i = 0; i < op->ninc && strcmp(op->incs[i].id, op->res[k].inc.id); i++) {
        }
        if (i == op->ninc && o) op->incs[op->ninc++] = o->inc;
    }
    overlay_free(ov, nov);
    if (!op->ninc) {
        finish(op, FW_OK, NULL, NULL, 0);
        return;
    }
    char (*keys)[FW_KEY_MAX] = fw_xcalloc(op->ninc, sizeof *keys);
    const char *argv[4 + FW_INCIDENT_BATCH_MAX];
    size_t len[4 + FW_INCIDENT_BATCH_MAX];
    char nkeys[16], last[16];
    snprintf(nkeys, sizeof nkeys, "%zu", op->ninc);
    snprintf(last, sizeof last, "%d", MENTIONS_MAX - 1);
    int argc = 0;
    argv[argc++] = "EVAL", argv[argc++] = MENTIONS_LUA, argv[argc++] = nkeys;
    for (size_t i = 0; i < op->ninc; i++) argv[argc++] = fw_keys_incident_mentions(&s->keys, op->incs[i].id, keys[i]);
    argv[argc++] = last;
    for (int i = 0; i < argc; i++) len[i] = strlen(argv[i]);
    enum fw_err rc = fw_redis_command_argv(s->async, on_mentions, op, argc, argv, len);
    free(keys);
    if (rc != FW_OK) finish(op, rc, "redis: not connected", NULL, 0);
}

/* Sends the head batch's reads; a batch that cannot go out fails (its callback says so). */
static void pump(struct fw_incident_store *s)
{
    while (s->head && !s->busy) {
        struct op *op = s->head;
        struct batch_buckets *bb = fw_xcalloc(1, sizeof *bb);
        batch_buckets_of(bb, op->in, op->n);
        size_t nargs = 4 + op->n * (2 * FW_INCIDENT_EVENT_BUCKETS + 2), nk = 0, nn = 0;
        const char **argv = fw_xcalloc(nargs, sizeof *argv);
        size_t *len = fw_xcalloc(nargs, sizeof *len);
        char (*keys)[FW_KEY_MAX] = fw_xcalloc(op->n + bb->n + 1, sizeof *keys);
        char (*nums)[8] = fw_xcalloc(1 + op->n * (FW_INCIDENT_EVENT_BUCKETS + 1), sizeof *nums);
        char nkeys[16];
        int argc = 3;
        for (size_t k = 0; k < op->n; k++) argv[argc++] = fw_keys_incident_event(&s->keys, op->in[k].ev->id, keys[nk++]);
        for (size_t u = 0; u < bb->n; u++) argv[argc++] = fw_keys_incident_bucket(&s->keys, bb->name[u], keys[nk++]);
        snprintf(nums[nn], sizeof nums[nn], "%zu", op->n);
        argv[argc++] = nums[nn++];
        for (size_t k = 0; k < op->n; k++) {
            snprintf(nums[nn], sizeof nums[nn], "%zu", bb->nb[k]);
            argv[argc++] = nums[nn++];
            for (size_t b = 0; b < bb->nb[k]; b++) {
                snprintf(nums[nn], sizeof nums[nn], "%u", (unsigned)bb->idx[k][b] + 1);
                argv[argc++] = nums[nn++];
            }
        }
        snprintf(nkeys, sizeof nkeys, "%zu", nk);
        argv[0] = "EVAL", argv[1] = READ_LUA, argv[2] = nkeys;
        for (int i = 0; i < argc; i++) len[i] = strlen(argv[i]);
        free(bb->name);
        free(bb);
        s->busy = 1;
        enum fw_err rc = fw_redis_command_argv(s->async, on_reads, op, argc, argv, len);
        free(argv);
        free(len);
        free(keys);
        free(nums);
        if (rc != FW_OK) finish(op, rc, "redis: not connected", NULL, 0); /* pumps the next */
    }
}

enum fw_err fw_incident_store_submit(struct fw_incident_store *s, const struct fw_incident_input *in, size_t n,
                                     int64_t now_ms, fw_incident_batch_cb cb, void *arg)
{
    if (!s->async || n > FW_INCIDENT_BATCH_MAX) return FW_E_INVAL;
    if (!s->head && !fw_redis_connected(s->async)) return FW_E_REDIS;
    struct op *op = fw_xcalloc(1, sizeof *op);
    *op = (struct op){.s = s, .in = in, .n = n, .now_ms = now_ms, .cb = cb, .arg = arg};
    if (s->tail) s->tail->next = op;
    else s->head = op;
    s->tail = op;
    pump(s);
    return FW_OK;
}

void fw_incident_store_cancel(struct fw_incident_store *s)
{
    struct op *op = s->head;
    if (op && s->busy) {
        op->s = NULL; /* its reply frees it */
        op = op->next;
    }
    while (op) {
        struct op *next = op->next;
        free(op);
        op = next;
    }
    s->head = s->tail = NULL;
    s->busy = 0;
}
