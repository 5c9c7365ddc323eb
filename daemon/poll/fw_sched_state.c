/* Per-feed state: serialization and the file-backed store (see fw_sched.h). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#include "feedwire/fw_log.h"
#include "feedwire/fw_sched.h"

#define STATE_MAX_BYTES (64u << 10)

void fw_feed_state_fini(struct fw_feed_state *st)
{
    free(st->key);
    free(st->list_url);
    free(st->url);
    free(st->etag);
    free(st->last_modified);
    free(st->last_error);
    *st = (struct fw_feed_state){0};
}

static void put_str(struct fw_buf *b, const char *k, const char *v)
{
    if (!v) return;
    fw_buf_printf(b, "%s=", k);
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if (*p < 0x20 || *p == '%' || *p == 0x7f) fw_buf_printf(b, "%%%02X", *p);
        else fw_buf_addc(b, (char)*p);
    }
    fw_buf_addc(b, '\n');
}

void fw_feed_state_serialize(const struct fw_feed_state *st, struct fw_buf *b)
{
    fw_buf_adds(b, "v=1\n");
    put_str(b, "key", st->key);
    put_str(b, "list_url", st->list_url);
    put_str(b, "url", st->url);
    put_str(b, "etag", st->etag);
    put_str(b, "lm", st->last_modified);
    put_str(b, "error", st->last_error);
    fw_buf_printf(b,
                  "hash=%016" PRIx64 "\nstatus=%ld\nerr=%d\nerrors=%ld\nattempt=%" PRId64 "\nsuccess=%" PRId64
                  "\nerr_since=%" PRId64 "\ndue=%" PRId64 "\ndead=%d\nttl=%ld\nskip_hours=%" PRIu32
                  "\nskip_days=%u\npolls=%" PRIu64 "\nnot_modified=%" PRIu64 "\nunchanged=%" PRIu64
                  "\nparsed=%" PRIu64 "\n",
                  st->body_hash, st->last_status, (int)st->last_err, st->errors, st->last_attempt_ms,
                  st->last_success_ms, st->err_since_ms, st->next_due_ms, st->dead, st->ttl_s, st->skip_hours,
                  (unsigned)st->skip_days, st->polls, st->not_modified, st->unchanged, st->parsed);
}

static char *unescape(const char *v, size_t n)
{
    char *out = fw_xmalloc(n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (v[i] == '%' && i + 2 < n && isxdigit((unsigned char)v[i + 1]) && isxdigit((unsigned char)v[i + 2])) {
            char hex[3] = {v[i + 1], v[i + 2], 0};
            *o++ = (char)strtol(hex, NULL, 16);
            i += 2;
        } else {
            *o++ = v[i];
        }
    }
    *o = 0;
    return out;
}

static int num(const char *v, int64_t *out)
{
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (errno || end == v || *end) return -1;
    *out = x;
    return 0;
}

enum fw_err fw_feed_state_restore(struct fw_feed_state *st, const char *p, size_t n)
{
    fw_feed_state_fini(st);
    if (n < 4 || memcmp(p, "v=1\n", 4) != 0 || n > STATE_MAX_BYTES) return FW_E_PARSE;
    char *text = fw_xstrndup(p, n), *save = NULL;
    enum fw_err rc = FW_OK;
    for (char *line = strtok_r(text, "\n", &save); line && rc == FW_OK; line = strtok_r(NULL, "\n", &save)) {
        char *eq = strchr(line, '=');
        if (!eq) {
            rc = FW_E_PARSE;
            break;
        }
        *eq = 0;
        const char *k = line, *v = eq + 1;
        char **sp = NULL;
        if (strcmp(k, "key") == 0) sp = &st->key;
        else if (strcmp(k, "list_url") == 0) sp = &st->list_url;
        else if (strcmp(k, "url") == 0) sp = &st->url;
        else if (strcmp(k, "etag") == 0) sp = &st->etag;
        else if (strcmp(k, "lm") == 0) sp = &st->last_modified;
        else if (strcmp(k, "error") == 0) sp = &st->last_error;
        if (sp) {
            free(*sp);
            *sp = unescape(v, strlen(v));
            continue;
        }
        if (strcmp(k, "hash") == 0) {
            char *end;
            st->body_hash = strtoull(v, &end, 16);
            if (*end) rc = FW_E_PARSE;
            continue;
        }
        int64_t x;
        int counter = !strcmp(k, "polls") || !strcmp(k, "not_modified") || !strcmp(k, "unchanged") ||
                      !strcmp(k, "parsed");
        if (num(v, &x) != 0 || (counter && x < 0)) {
            rc = FW_E_PARSE;
            break;
        }
        if (strcmp(k, "status") == 0) st->last_status = (long)x;
        else if (strcmp(k, "err") == 0) st->last_err = (x >= 0 && x < FW_E__COUNT) ? (enum fw_err)x : FW_E_INVAL;
        else if (strcmp(k, "errors") == 0) st->errors = (long)x;
        else if (strcmp(k, "attempt") == 0) st->last_attempt_ms = x;
        else if (strcmp(k, "success") == 0) st->last_success_ms = x;
        else if (strcmp(k, "err_since") == 0) st->err_since_ms = x;
        else if (strcmp(k, "due") == 0) st->next_due_ms = x;
        else if (strcmp(k, "dead") == 0) st->dead = x != 0;
        else if (strcmp(k, "ttl") == 0) st->ttl_s = (long)x;
        else if (strcmp(k, "skip_hours") == 0) st->skip_hours = (uint32_t)x & 0xffffffu;
        else if (strcmp(k, "skip_days") == 0) st->skip_days = (uint8_t)(x & 0x7f);
        else if (strcmp(k, "polls") == 0) st->polls = (uint64_t)x;
        else if (strcmp(k, "not_modified") == 0) st->not_modified = (uint64_t)x;
        else if (strcmp(k, "unchanged") == 0) st->unchanged = (uint64_t)x;
        else if (strcmp(k, "parsed") == 0) st->parsed = (uint64_t)x;
        /* unknown numeric keys come from a newer version: ignored */
    }
    free(text);
    if (rc != FW_OK) fw_feed_state_fini(st);
    return rc;
}

/* ---- file store ---- */

struct filestore {
    struct fw_sched_store store;
    char *dir;
};

static void state_path(const char *dir, const char *key, struct fw_buf *out)
{
    fw_buf_printf(out, "%s/%016llx.state", dir, (unsigned long long)XXH64(key, strlen(key), 0));
}

static enum fw_err fs_load(void *ctx, const char *key, struct fw_buf *out)
{
    struct filestore *fs = ctx;
    struct fw_buf path;
    fw_buf_init(&path, 0);
    state_path(fs->dir, key, &path);
    char err[256];
    size_t old = out->max;
    out->max = STATE_MAX_BYTES;
    enum fw_err rc = access(path.p, F_OK) == 0 ? fw_buf_read_file(out, path.p, err, sizeof err) : FW_E_NOTFOUND;
    out->max = old;
    fw_buf_fini(&path);
    return rc;
}

static void fs_save(void *ctx, const char *key, const char *blob, size_t n)
{
    struct filestore *fs = ctx;
    struct fw_buf path, tmp;
    fw_buf_init(&path, 0);
    fw_buf_init(&tmp, 0);
    state_path(fs->dir, key, &path);
    fw_buf_printf(&tmp, "%s.tmp", path.p);
    int fd = open(tmp.p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int ok = fd >= 0;
    for (size_t off = 0; ok && off < n;) {
        ssize_t w = write(fd, blob + off, n - off);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) ok = 0;
        else off += (size_t)w;
    }
    if (fd >= 0 && close(fd) != 0) ok = 0;
    if (ok && rename(tmp.p, path.p) != 0) ok = 0;
    if (!ok) {
        int e = errno;
        unlink(tmp.p);
        fw_log(LOG_WARNING, "sched", "cannot save feed state to %s: %s", path.p, strerror(e));
    }
    fw_buf_fini(&path);
    fw_buf_fini(&tmp);
}

enum fw_err fw_sched_filestore_new(const char *dir, struct fw_sched_store **out, char *err, size_t errsz)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return fw_fail(err, errsz, FW_E_IO, "cannot create %s: %s", dir, strerror(errno));
    struct filestore *fs = fw_xcalloc(1, sizeof *fs);
    fs->dir = fw_xstrdup(dir);
    fs->store = (struct fw_sched_store){fs_load, fs_save, fs};
    *out = &fs->store;
    return FW_OK;
}

void fw_sched_filestore_free(struct fw_sched_store *st)
{
    if (!st) return;
    struct filestore *fs = st->ctx;
    free(fs->dir);
    free(fs);
}
