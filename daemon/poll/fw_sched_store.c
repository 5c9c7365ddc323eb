/* The daemon's store of per-feed state: Redis is the truth, a file per feed
 * the mirror (fw_sched.h, fw_sched_redisstore_new). */
#include "feedwire/fw_sched.h"

#include <hiredis/hiredis.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_keys.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_redis.h"

struct cached {
    char *key, *blob;
};

struct redisstore {
    struct fw_sched_store api;
    struct fw_redis *r;
    struct fw_sched_store *files;
    char hkey[FW_KEY_MAX];
    struct cached *v; /* what Redis held at start or at the last refresh, sorted by key */
    size_t n, cap;
    struct pending *pending; /* refreshes and syncs Redis has not answered */
};

/* A refresh or sync waiting for Redis: freed with the store if the link
 * never answers (fw_redis_free fails them first). */
struct pending {
    struct pending *prev, *next;
    struct redisstore *st;
    fw_sched_store_cb cb;
    void *arg;
    char **keys;
    size_t n;
};

static int cmp_cached(const void *a, const void *b)
{
    return strcmp(((const struct cached *)a)->key, ((const struct cached *)b)->key);
}

static struct cached *find(struct redisstore *st, const char *key, size_t *at)
{
    size_t lo = 0, hi = st->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(st->v[mid].key, key);
        if (!c) return &st->v[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    if (at) *at = lo;
    return NULL;
}

static void put(struct redisstore *st, const char *key, const char *blob, size_t n)
{
    size_t at;
    struct cached *c = find(st, key, &at);
    if (!c) {
        if (st->n == st->cap) {
            st->cap = st->cap ? st->cap * 2 : 64;
            st->v = fw_xrealloc(st->v, st->cap * sizeof *st->v);
        }
        memmove(&st->v[at + 1], &st->v[at], (st->n - at) * sizeof *st->v);
        c = &st->v[at];
        c->key = fw_xstrdup(key);
        c->blob = NULL;
        st->n++;
    }
    free(c->blob);
    c->blob = fw_xstrndup(blob, n);
}

static enum fw_err rs_load(void *ctx, const char *key, struct fw_buf *out)
{
    struct redisstore *st = ctx;
    const struct cached *c = find(st, key, NULL);
    if (c) return fw_buf_adds(out, c->blob);
    return st->files->load(st->files->ctx, key, out);
}

static void rs_save(void *ctx, const char *key, const char *blob, size_t n)
{
    struct redisstore *st = ctx;
    st->files->save(st->files->ctx, key, blob, n);
    /* a later load (the feed back after a reload) sees what was saved last */
    if (find(st, key, NULL)) put(st, key, blob, n);
    /* best effort: while Redis is down the file mirror holds it */
    if (fw_redis_connected(st->r)) fw_redis_command(st->r, NULL, NULL, "HSET %s %s %b", st->hkey, key, blob, n);
}

/* One synchronous read at start, before the loop runs: every feed's state. */
static void preload(struct redisstore *st)
{
    char err[256];
    redisReply *r = NULL;
    if (fw_redis_command_blocking(st->r, &r, err, sizeof err, "HGETALL %s", st->hkey) != FW_OK) {
        fw_log(LOG_WARNING, "sched", "feed state not loaded from Redis (%s): using the local copy", err);
        return;
    }
    if (r->type == REDIS_REPLY_ARRAY) {
        st->cap = r->elements / 2 + 1;
        st->v = fw_xcalloc(st->cap, sizeof *st->v);
        for (size_t i = 0; i + 1 < r->elements; i += 2)
            if (r->element[i]->type == REDIS_REPLY_STRING && r->element[i + 1]->type == REDIS_REPLY_STRING)
                st->v[st->n++] = (struct cached){fw_xstrndup(r->element[i]->str, r->element[i]->len),
                                                 fw_xstrndup(r->element[i + 1]->str, r->element[i + 1]->len)};
        qsort(st->v, st->n, sizeof *st->v, cmp_cached); /* a hash's fields are unique */
    }
    freeReplyObject(r);
}

static struct pending *pending_new(struct redisstore *st, fw_sched_store_cb cb, void *arg)
{
    struct pending *pd = fw_xcalloc(1, sizeof *pd);
    *pd = (struct pending){NULL, st->pending, st, cb, arg, NULL, 0};
    if (st->pending) st->pending->prev = pd;
    st->pending = pd;
    return pd;
}

static void pending_free(struct pending *pd)
{
    if (pd->prev) pd->prev->next = pd->next;
    else pd->st->pending = pd->next;
    if (pd->next) pd->next->prev = pd->prev;
    for (size_t i = 0; i < pd->n; i++) free(pd->keys[i]);
    free(pd->keys);
    free(pd);
}

static void on_refreshed(struct fw_redis *r, redisReply *reply, void *arg)
{
    struct pending *pd = arg;
    int ok = reply && reply->type == REDIS_REPLY_ARRAY && reply->elements == pd->n;
    /* a feed Redis has no state for keeps what a load found before (the
     * local copy when Redis lost its data) */
    for (size_t i = 0; ok && i < pd->n; i++)
        if (reply->element[i]->type == REDIS_REPLY_STRING)
            put(pd->st, pd->keys[i], reply->element[i]->str, reply->element[i]->len);
    if (!ok)
        fw_log(LOG_WARNING, "sched", "state of %zu feeds not read from Redis (%s): using the older copy", pd->n,
               reply && reply->type == REDIS_REPLY_ERROR ? reply->str : "no answer");
    fw_sched_store_cb cb = pd->cb;
    void *cbarg = pd->arg;
    pending_free(pd);
    if (cb) cb(cbarg, ok);
}

void fw_sched_redisstore_refresh(struct fw_sched_store *api, const char *const *keys, size_t n,
                                 fw_sched_store_cb cb, void *arg)
{
    struct redisstore *st = api->ctx;
    struct pending *pd = pending_new(st, cb, arg);
    pd->keys = fw_xcalloc(n ? n : 1, sizeof *pd->keys);
    for (size_t i = 0; i < n; i++) pd->keys[pd->n++] = fw_xstrdup(keys[i]);
    const char **argv = fw_xcalloc(n + 2, sizeof *argv);
    size_t *len = fw_xcalloc(n + 2, sizeof *len);
    argv[0] = "HMGET";
    argv[1] = st->hkey;
    for (size_t i = 0; i < n; i++) argv[i + 2] = pd->keys[i];
    for (size_t i = 0; i < n + 2; i++) len[i] = strlen(argv[i]);
    enum fw_err rc = n ? fw_redis_command_argv(st->r, on_refreshed, pd, (int)(n + 2), argv, len) : FW_OK;
    free(argv);
    free(len);
    if (!n) { /* nothing to read */
        pending_free(pd);
        if (cb) cb(arg, 1);
    } else if (rc != FW_OK) {
        on_refreshed(st->r, NULL, pd); /* Redis down: answer now */
    }
}

static void on_synced(struct fw_redis *r, redisReply *reply, void *arg)
{
    struct pending *pd = arg;
    fw_sched_store_cb cb = pd->cb;
    void *cbarg = pd->arg;
    pending_free(pd);
    if (cb) cb(cbarg, reply != NULL && reply->type != REDIS_REPLY_ERROR);
}

void fw_sched_redisstore_sync(struct fw_sched_store *api, fw_sched_store_cb cb, void *arg)
{
    struct redisstore *st = api->ctx;
    struct pending *pd = pending_new(st, cb, arg);
    /* one link answers in order: when PING is answered, every earlier save was */
    if (fw_redis_command(st->r, on_synced, pd, "PING") != FW_OK) on_synced(st->r, NULL, pd);
}

enum fw_err fw_sched_redisstore_new(struct fw_redis *r, const struct fw_keys *keys, const char *dir,
                                    struct fw_sched_store **out, char *err, size_t errsz)
{
    struct redisstore *st = fw_xcalloc(1, sizeof *st);
    enum fw_err rc = fw_sched_filestore_new(dir, &st->files, err, errsz);
    if (rc != FW_OK) {
        free(st);
        return rc;
    }
    st->r = r;
    fw_keys_feeds(keys, st->hkey);
    st->api = (struct fw_sched_store){rs_load, rs_save, st};
    preload(st);
    *out = &st->api;
    return FW_OK;
}

void fw_sched_redisstore_free(struct fw_sched_store *api)
{
    if (!api) return;
    struct redisstore *st = api->ctx;
    while (st->pending) pending_free(st->pending); /* their callbacks never run */
    for (size_t i = 0; i < st->n; i++) {
        free(st->v[i].key);
        free(st->v[i].blob);
    }
    free(st->v);
    fw_sched_filestore_free(st->files);
    free(st);
}
