/* The daemon's store of per-feed state: Redis is the truth, a file per feed
 * the mirror (fw_sched.h, fw_sched_redisstore_new). */
#include "feedwire/fw_sched.h"

#include <hiredis/hiredis.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_keys.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_redis.h"

struct redisstore {
    struct fw_sched_store api;
    struct fw_redis *r;
    struct fw_sched_store *files;
    char hkey[FW_KEY_MAX];
    char **keys, **blobs; /* what Redis held at start */
    size_t n;
};

static enum fw_err rs_load(void *ctx, const char *key, struct fw_buf *out)
{
    struct redisstore *st = ctx;
    for (size_t i = 0; i < st->n; i++)
        if (!strcmp(st->keys[i], key)) return fw_buf_adds(out, st->blobs[i]);
    return st->files->load(st->files->ctx, key, out);
}

static void rs_save(void *ctx, const char *key, const char *blob, size_t n)
{
    struct redisstore *st = ctx;
    st->files->save(st->files->ctx, key, blob, n);
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
        st->n = r->elements / 2;
        st->keys = fw_xcalloc(st->n ? st->n : 1, sizeof *st->keys);
        st->blobs = fw_xcalloc(st->n ? st->n : 1, sizeof *st->blobs);
        for (size_t i = 0; i < st->n; i++) {
            st->keys[i] = fw_xstrndup(r->element[2 * i]->str, r->element[2 * i]->len);
            st->blobs[i] = fw_xstrndup(r->element[2 * i + 1]->str, r->element[2 * i + 1]->len);
        }
    }
    freeReplyObject(r);
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
    for (size_t i = 0; i < st->n; i++) {
        free(st->keys[i]);
        free(st->blobs[i]);
    }
    free(st->keys);
    free(st->blobs);
    fw_sched_filestore_free(st->files);
    free(st);
}
