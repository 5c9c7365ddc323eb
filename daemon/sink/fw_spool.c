#include "feedwire/fw_spool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <zlib.h>

#include "feedwire/fw_log.h"

#define HDR 17u
#define T_UNIT 1
#define T_ACK 2

struct seg {
    uint64_t id;
    uint64_t bytes;
    uint64_t live;
    uint64_t first_seq, last_seq; /* units only; 0 = none */
};

struct live_unit {
    uint64_t seq, seg_id, off;
    uint32_t len;
    int acked;
};

struct fw_spool {
    char *dir;
    int dirfd;
    uint64_t max_bytes, seg_target;
    enum fw_spool_fsync policy;
    struct seg *segs; /* oldest first; the last one is written */
    size_t nsegs;
    int fd;           /* the last segment, O_APPEND */
    int readonly;     /* fw_spool_stat: look, change nothing */
    int dirty;
    /* policy batch: fdatasync runs on a helper thread (Redis' bio idea), so
     * the loop never waits for the disk; req_fd is a dup of the segment to sync */
    pthread_t syncer;
    int syncer_started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int req_fd, stop;
    atomic_uint_least64_t bg_syncs;
    uint64_t next_seq;
    uint64_t bytes;
    struct live_unit *units; /* live at open, by seq */
    size_t nunits, cursor;
    /* units appended by this run and not acked yet, by seq (acks come about
     * in order, so the acked head is trimmed and the array stays short) */
    struct live_unit *added;
    size_t nadded, added_head;
    uint64_t live_bytes; /* payload bytes of units without an ack */
    struct fw_spool_stats st;
};

int fw_spool_parse_fsync(const char *s)
{
    if (!s) return -1;
    if (!strcasecmp(s, "always")) return FW_SPOOL_FSYNC_ALWAYS;
    if (!strcasecmp(s, "batch")) return FW_SPOOL_FSYNC_BATCH;
    if (!strcasecmp(s, "never")) return FW_SPOOL_FSYNC_NEVER;
    return -1;
}

static void seg_path(const struct fw_spool *sp, uint64_t id, char *out, size_t n)
{
    snprintf(out, n, "%s/seg-%016" PRIu64 ".log", sp->dir, id);
}

static uint32_t rec_crc(uint8_t type, uint64_t seq, const void *p, size_t n)
{
    uLong c = crc32(0L, Z_NULL, 0);
    c = crc32(c, &type, 1);
    c = crc32(c, (const Bytef *)&seq, sizeof seq);
    if (n) c = crc32(c, p, (uInt)n);
    return (uint32_t)c;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static int read_full(int fd, void *p, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)p + got, n - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) return -1;
        got += (size_t)r;
    }
    return 0;
}

static struct live_unit *find_unit(struct fw_spool *sp, uint64_t seq)
{
    size_t lo = 0, hi = sp->nunits;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sp->units[mid].seq < seq) lo = mid + 1;
        else hi = mid;
    }
    return lo < sp->nunits && sp->units[lo].seq == seq ? &sp->units[lo] : NULL;
}

/* Reads one segment: counts its units, collects acks, cuts a torn tail. */
static enum fw_err scan_segment(struct fw_spool *sp, struct seg *sg, uint64_t **acks, size_t *nacks, size_t *capacks,
                                struct fw_buf *tmp, char *err, size_t errsz)
{
    char path[4096];
    seg_path(sp, sg->id, path, sizeof path);
    int fd = open(path, (sp->readonly ? O_RDONLY : O_RDWR) | O_CLOEXEC);
    if (fd < 0) return fw_fail(err, errsz, FW_E_IO, "%s: %s", path, strerror(errno));
    struct stat st;
    fstat(fd, &st);
    uint64_t off = 0, size = (uint64_t)st.st_size;
    enum fw_err rc = FW_OK;
    for (;;) {
        uint8_t h[HDR];
        if (off == size) break;
        if (off + HDR > size || read_full(fd, h, HDR) != 0) goto torn;
        uint32_t len, crc;
        uint64_t seq;
        memcpy(&len, h, 4);
        memcpy(&crc, h + 4, 4);
        memcpy(&seq, h + 9, 8);
        uint8_t type = h[8];
        if ((type != T_UNIT && type != T_ACK) || len > FW_SPOOL_RECORD_MAX || off + HDR + len > size) goto torn;
        fw_buf_reset(tmp);
        if (len) {
            if (tmp->cap < len + 1) {
                tmp->p = fw_xrealloc(tmp->p, len + 1);
                tmp->cap = len + 1;
            }
            if (read_full(fd, tmp->p, len) != 0) goto torn;
        }
        if (rec_crc(type, seq, tmp->p, len) != crc) goto torn;
        if (type == T_UNIT) {
            sp->units = fw_xrealloc(sp->units, (sp->nunits + 1) * sizeof *sp->units);
            sp->units[sp->nunits++] = (struct live_unit){seq, sg->id, off, len, 0};
            sg->live++;
            if (!sg->first_seq) sg->first_seq = seq;
            sg->last_seq = seq;
        } else {
            if (*nacks == *capacks) {
                *capacks = *capacks ? *capacks * 2 : 256;
                *acks = fw_xrealloc(*acks, *capacks * sizeof **acks);
            }
            (*acks)[(*nacks)++] = seq;
        }
        if (seq >= sp->next_seq) sp->next_seq = seq + 1;
        off += HDR + len;
        continue;
    torn:
        /* a write cut by kill -9 or a crash: everything after it is unusable */
        sp->st.torn_bytes += size - off;
        if (sp->readonly) break; /* possibly a write in progress: only count it */
        fw_log(LOG_WARNING, "sink", "spool %s: torn or corrupt record at offset %" PRIu64 ", %" PRIu64
               " bytes cut", path, off, size - off);
        if (ftruncate(fd, (off_t)off) != 0)
            rc = fw_fail(err, errsz, FW_E_IO, "%s: truncate: %s", path, strerror(errno));
        break;
    }
    sg->bytes = off;
    close(fd);
    return rc;
}

static void drop_old_segments(struct fw_spool *sp);
static void *syncer_main(void *arg);

static enum fw_err open_segment(struct fw_spool *sp, uint64_t id, char *err, size_t errsz)
{
    char path[4096];
    seg_path(sp, id, path, sizeof path);
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return fw_fail(err, errsz, FW_E_IO, "%s: %s", path, strerror(errno));
    if (sp->fd >= 0) {
        if (sp->policy != FW_SPOOL_FSYNC_NEVER) fdatasync(sp->fd);
        close(sp->fd);
    }
    sp->fd = fd;
    if (!sp->nsegs || sp->segs[sp->nsegs - 1].id != id) {
        sp->segs = fw_xrealloc(sp->segs, (sp->nsegs + 1) * sizeof *sp->segs);
        sp->segs[sp->nsegs++] = (struct seg){.id = id};
        sp->st.segments = sp->nsegs;
        /* the new name must survive a crash as much as its contents */
        if (sp->policy != FW_SPOOL_FSYNC_NEVER) fsync(sp->dirfd);
    }
    return FW_OK;
}

static enum fw_err spool_open(const char *dir, uint64_t max_bytes, enum fw_spool_fsync policy, int readonly,
                              struct fw_spool **out, char *err, size_t errsz)
{
    enum fw_err rc = FW_OK;
    uint64_t *acks = NULL, *ids = NULL;
    size_t nacks = 0, capacks = 0, nids = 0;
    struct fw_buf tmp;
    fw_buf_init(&tmp, 0);
    DIR *dh = NULL;
    struct fw_spool *sp = fw_xcalloc(1, sizeof *sp);
    sp->dir = fw_xstrdup(dir);
    sp->fd = -1;
    sp->dirfd = -1;
    sp->req_fd = -1;
    sp->readonly = readonly;
    sp->max_bytes = max_bytes;
    sp->policy = policy;
    sp->next_seq = 1;
    sp->seg_target = max_bytes / 16;
    if (sp->seg_target < (1u << 20)) sp->seg_target = 1u << 20;
    if (sp->seg_target > (64u << 20)) sp->seg_target = 64u << 20;

    if (!readonly && mkdir(dir, 0700) != 0 && errno != EEXIST) {
        rc = fw_fail(err, errsz, FW_E_IO, "%s: %s", dir, strerror(errno));
        goto out;
    }
    sp->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (sp->dirfd < 0 || !(dh = opendir(dir))) {
        rc = fw_fail(err, errsz, FW_E_IO, "%s: %s", dir, strerror(errno));
        goto out;
    }
    struct dirent *de;
    while ((de = readdir(dh))) {
        unsigned long long id;
        char tail[8];
        if (sscanf(de->d_name, "seg-%llu.%7s", &id, tail) == 2 && !strcmp(tail, "log")) {
            ids = fw_xrealloc(ids, (nids + 1) * sizeof *ids);
            ids[nids++] = id;
        }
    }
    if (nids) qsort(ids, nids, sizeof *ids, cmp_u64);
    sp->segs = fw_xcalloc(nids + 1, sizeof *sp->segs);
    for (size_t i = 0; i < nids; i++) {
        sp->segs[sp->nsegs] = (struct seg){.id = ids[i]};
        if ((rc = scan_segment(sp, &sp->segs[sp->nsegs], &acks, &nacks, &capacks, &tmp, err, errsz)) != FW_OK)
            goto out;
        sp->bytes += sp->segs[sp->nsegs].bytes;
        sp->nsegs++;
    }
    /* units are in seq order across segments (seqs only grow) */
    for (size_t i = 0; i < nacks; i++) {
        struct live_unit *u = find_unit(sp, acks[i]);
        if (!u || u->acked) continue;
        u->acked = 1;
        for (size_t s = 0; s < sp->nsegs; s++)
            if (sp->segs[s].id == u->seg_id && sp->segs[s].live) sp->segs[s].live--;
    }
    size_t k = 0;
    for (size_t i = 0; i < sp->nunits; i++)
        if (!sp->units[i].acked) sp->units[k++] = sp->units[i];
    sp->nunits = k;
    sp->st.live = k;
    for (size_t i = 0; i < k; i++) sp->live_bytes += sp->units[i].len;
    sp->st.replayable = k;
    sp->st.segments = sp->nsegs;
    if (readonly) goto done;
    /* write into a fresh segment: old ones are only read (replay) and deleted */
    if ((rc = open_segment(sp, sp->nsegs ? sp->segs[sp->nsegs - 1].id + 1 : 1, err, errsz)) != FW_OK) goto out;
    drop_old_segments(sp);
    if (policy == FW_SPOOL_FSYNC_BATCH) {
        pthread_mutex_init(&sp->mu, NULL);
        pthread_cond_init(&sp->cv, NULL);
        if (pthread_create(&sp->syncer, NULL, syncer_main, sp) == 0) {
            sp->syncer_started = 1;
        } else { /* syncs stay on this thread */
            pthread_mutex_destroy(&sp->mu);
            pthread_cond_destroy(&sp->cv);
        }
    }
    if (k) fw_log(LOG_NOTICE, "sink", "spool %s: %zu unacknowledged units to deliver again", dir, k);
done:
    *out = sp;
    sp = NULL;
out:
    if (dh) closedir(dh);
    free(acks);
    free(ids);
    fw_buf_fini(&tmp);
    fw_spool_close(sp);
    return rc;
}

enum fw_err fw_spool_open(const char *dir, uint64_t max_bytes, enum fw_spool_fsync policy, struct fw_spool **out,
                          char *err, size_t errsz)
{
    return spool_open(dir, max_bytes, policy, 0, out, err, errsz);
}

enum fw_err fw_spool_stat(const char *dir, struct fw_spool_stats *st, char *err, size_t errsz)
{
    struct fw_spool *sp = NULL;
    enum fw_err rc = spool_open(dir, UINT64_MAX, FW_SPOOL_FSYNC_NEVER, 1, &sp, err, errsz);
    if (rc != FW_OK) return rc;
    fw_spool_get_stats(sp, st);
    fw_spool_close(sp);
    return FW_OK;
}

void fw_spool_close(struct fw_spool *sp)
{
    if (!sp) return;
    if (sp->syncer_started) {
        pthread_mutex_lock(&sp->mu);
        sp->stop = 1;
        pthread_cond_signal(&sp->cv);
        pthread_mutex_unlock(&sp->mu);
        pthread_join(sp->syncer, NULL);
        pthread_mutex_destroy(&sp->mu);
        pthread_cond_destroy(&sp->cv);
    }
    if (sp->fd >= 0) {
        if (sp->policy != FW_SPOOL_FSYNC_NEVER) fdatasync(sp->fd);
        close(sp->fd);
    }
    if (sp->dirfd >= 0) close(sp->dirfd);
    free(sp->segs);
    free(sp->units);
    free(sp->added);
    free(sp->dir);
    free(sp);
}

static enum fw_err write_record(struct fw_spool *sp, uint8_t type, uint64_t seq, const void *p, size_t n, char *err,
                                size_t errsz)
{
    struct seg *cur = &sp->segs[sp->nsegs - 1];
    if (cur->bytes && cur->bytes + HDR + n > sp->seg_target) {
        enum fw_err rc = open_segment(sp, cur->id + 1, err, errsz);
        if (rc != FW_OK) return rc;
        cur = &sp->segs[sp->nsegs - 1];
    }
    uint8_t h[HDR];
    uint32_t len = (uint32_t)n, crc = rec_crc(type, seq, p, n);
    memcpy(h, &len, 4);
    memcpy(h + 4, &crc, 4);
    h[8] = type;
    memcpy(h + 9, &seq, 8);
    struct iovec iov[2] = {{h, HDR}, {(void *)p, n}};
    size_t want = HDR + n, done = 0;
    while (done < want) {
        /* advance the iovecs past what was written */
        struct iovec v[2];
        int nv = 0;
        size_t skip = done;
        for (int i = 0; i < 2; i++) {
            if (skip >= iov[i].iov_len) {
                skip -= iov[i].iov_len;
                continue;
            }
            v[nv].iov_base = (char *)iov[i].iov_base + skip;
            v[nv++].iov_len = iov[i].iov_len - skip;
            skip = 0;
        }
        ssize_t w = writev(sp->fd, v, nv);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            int e = errno;
            /* keep the segment parseable: drop the partial record */
            if (done) (void)!ftruncate(sp->fd, (off_t)cur->bytes); /* else the next open cuts it */
            return fw_fail(err, errsz, FW_E_IO, "spool write: %s", strerror(e));
        }
        done += (size_t)w;
    }
    cur->bytes += want;
    sp->bytes += want;
    if (type == T_UNIT) {
        cur->live++;
        if (!cur->first_seq) cur->first_seq = seq;
        cur->last_seq = seq;
    }
    if (sp->policy == FW_SPOOL_FSYNC_ALWAYS && type == T_UNIT) {
        fdatasync(sp->fd);
        sp->st.syncs++;
    } else if (sp->policy == FW_SPOOL_FSYNC_BATCH) {
        sp->dirty = 1;
    }
    return FW_OK;
}

enum fw_err fw_spool_append(struct fw_spool *sp, const void *p, size_t n, uint64_t *seq, char *err, size_t errsz)
{
    if (n > FW_SPOOL_RECORD_MAX)
        return fw_fail(err, errsz, FW_E_TOOBIG, "unit of %zu bytes exceeds the spool record limit", n);
    if (sp->bytes + HDR + n > sp->max_bytes)
        return fw_fail(err, errsz, FW_E_TOOBIG, "spool full (%" PRIu64 " bytes)", sp->bytes);
    uint64_t s = sp->next_seq;
    enum fw_err rc = write_record(sp, T_UNIT, s, p, n, err, errsz);
    if (rc != FW_OK) return rc;
    sp->next_seq++;
    sp->st.appended++;
    sp->st.live++;
    if (sp->added_head && sp->added_head * 2 >= sp->nadded) { /* compact the acked head */
        memmove(sp->added, sp->added + sp->added_head, (sp->nadded - sp->added_head) * sizeof *sp->added);
        sp->nadded -= sp->added_head;
        sp->added_head = 0;
    }
    sp->added = fw_xrealloc(sp->added, (sp->nadded + 1) * sizeof *sp->added);
    sp->added[sp->nadded++] = (struct live_unit){.seq = s, .len = (uint32_t)n};
    sp->live_bytes += n;
    *seq = s;
    return FW_OK;
}

static void drop_old_segments(struct fw_spool *sp)
{
    /* oldest first only: a newer segment may hold the acks of older units */
    while (sp->nsegs > 1 && sp->segs[0].live == 0) {
        char path[4096];
        seg_path(sp, sp->segs[0].id, path, sizeof path);
        if (unlink(path) != 0 && errno != ENOENT) {
            fw_log(LOG_ERR, "sink", "spool: cannot delete %s: %s", path, strerror(errno));
            return;
        }
        sp->bytes -= sp->segs[0].bytes;
        memmove(sp->segs, sp->segs + 1, (sp->nsegs - 1) * sizeof *sp->segs);
        sp->nsegs--;
        sp->st.segments = sp->nsegs;
    }
}

/* An acked unit's payload no longer counts in live_bytes. */
static void forget_live(struct fw_spool *sp, uint64_t seq)
{
    struct live_unit *u = find_unit(sp, seq);
    if (!u) {
        size_t lo = sp->added_head, hi = sp->nadded;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (sp->added[mid].seq < seq) lo = mid + 1;
            else hi = mid;
        }
        u = lo < sp->nadded && sp->added[lo].seq == seq ? &sp->added[lo] : NULL;
    }
    if (!u || u->acked) return;
    u->acked = 1;
    sp->live_bytes -= u->len;
    while (sp->added_head < sp->nadded && sp->added[sp->added_head].acked) sp->added_head++;
}

enum fw_err fw_spool_ack(struct fw_spool *sp, uint64_t seq, char *err, size_t errsz)
{
    struct seg *sg = NULL;
    for (size_t i = sp->nsegs; i-- > 0;)
        if (sp->segs[i].first_seq && sp->segs[i].first_seq <= seq && seq <= sp->segs[i].last_seq) {
            sg = &sp->segs[i];
            break;
        }
    if (!sg || !sg->live) return fw_fail(err, errsz, FW_E_INVAL, "spool: no live unit %" PRIu64, seq);
    enum fw_err rc = write_record(sp, T_ACK, seq, NULL, 0, err, errsz);
    if (rc != FW_OK) return rc;
    /* write_record may have rotated (realloc): look the segment up again */
    for (size_t i = 0; i < sp->nsegs; i++)
        if (sp->segs[i].first_seq && sp->segs[i].first_seq <= seq && seq <= sp->segs[i].last_seq) {
            sp->segs[i].live--;
            break;
        }
    sp->st.acked++;
    if (sp->st.live) sp->st.live--;
    forget_live(sp, seq);
    /* everything written so far is acked: start afresh rather than keep a
     * segment of dead records until it fills up */
    struct seg *cur = &sp->segs[sp->nsegs - 1];
    if (sp->nsegs == 1 && cur->live == 0 && cur->bytes >= sp->seg_target / 4 && !sp->readonly) {
        rc = open_segment(sp, cur->id + 1, err, errsz);
        if (rc != FW_OK) return rc;
    }
    drop_old_segments(sp);
    return FW_OK;
}

int fw_spool_replay_next(struct fw_spool *sp, struct fw_buf *out, uint64_t *seq)
{
    while (sp->cursor < sp->nunits) {
        struct live_unit *u = &sp->units[sp->cursor++];
        sp->st.replayable--;
        char path[4096];
        seg_path(sp, u->seg_id, path, sizeof path);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        uint8_t h[HDR];
        int ok = 0;
        fw_buf_reset(out);
        if (fd >= 0 && pread(fd, h, HDR, (off_t)u->off) == (ssize_t)HDR) {
            char *p = fw_xmalloc(u->len + 1);
            uint32_t crc;
            uint64_t s;
            memcpy(&crc, h + 4, 4);
            memcpy(&s, h + 9, 8);
            if (pread(fd, p, u->len, (off_t)(u->off + HDR)) == (ssize_t)u->len && s == u->seq &&
                rec_crc(T_UNIT, s, p, u->len) == crc && fw_buf_add(out, p, u->len) == FW_OK)
                ok = 1;
            free(p);
        }
        if (fd >= 0) close(fd);
        if (ok) {
            *seq = u->seq;
            return 1;
        }
        /* counted, logged, and acked so its segment can go */
        sp->st.lost++;
        fw_log(LOG_ERR, "sink", "spool: unit %" PRIu64 " in %s could not be read back: dropped", u->seq, path);
        fw_spool_ack(sp, u->seq, NULL, 0);
    }
    if (sp->units) {
        /* replayed units may be acked later (once their dedup record is
         * written): they join the runtime ones, older seqs first, so their
         * bytes still leave live_bytes when they are */
        size_t k = 0, nadd = sp->nadded - sp->added_head;
        struct live_unit *m = fw_xcalloc(sp->nunits + nadd + 1, sizeof *m);
        for (size_t i = 0; i < sp->nunits; i++)
            if (!sp->units[i].acked) m[k++] = sp->units[i];
        if (nadd) memcpy(m + k, sp->added + sp->added_head, nadd * sizeof *m); /* added is NULL when none */
        free(sp->added);
        sp->added = m;
        sp->nadded = k + nadd;
        sp->added_head = 0;
        free(sp->units);
        sp->units = NULL;
        sp->nunits = sp->cursor = 0;
    }
    return 0;
}

static void *syncer_main(void *arg)
{
    struct fw_spool *sp = arg;
    pthread_mutex_lock(&sp->mu);
    for (;;) {
        while (!sp->stop && sp->req_fd < 0) pthread_cond_wait(&sp->cv, &sp->mu);
        if (sp->req_fd < 0) break; /* stop, nothing left */
        int fd = sp->req_fd;
        sp->req_fd = -1;
        pthread_mutex_unlock(&sp->mu);
        fdatasync(fd);
        close(fd);
        atomic_fetch_add(&sp->bg_syncs, 1);
        pthread_mutex_lock(&sp->mu);
    }
    pthread_mutex_unlock(&sp->mu);
    return NULL;
}

void fw_spool_sync(struct fw_spool *sp)
{
    if (!sp->dirty) return;
    sp->dirty = 0;
    if (!sp->syncer_started) {
        fdatasync(sp->fd);
        sp->st.syncs++;
        return;
    }
    pthread_mutex_lock(&sp->mu);
    /* a request not yet started covers these writes too */
    if (sp->req_fd < 0) sp->req_fd = fcntl(sp->fd, F_DUPFD_CLOEXEC, 0);
    pthread_cond_signal(&sp->cv);
    pthread_mutex_unlock(&sp->mu);
}

uint64_t fw_spool_bytes(const struct fw_spool *sp)
{
    return sp->bytes;
}

uint64_t fw_spool_live_bytes(const struct fw_spool *sp)
{
    return sp->live_bytes;
}

void fw_spool_get_stats(const struct fw_spool *sp, struct fw_spool_stats *st)
{
    *st = sp->st;
    st->bytes = sp->bytes;
    st->live_bytes = sp->live_bytes;
    st->syncs += atomic_load(&sp->bg_syncs);
}
