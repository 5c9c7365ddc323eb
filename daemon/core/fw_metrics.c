#include "feedwire/fw_metrics.h"

#include <arpa/inet.h>
#include <assert.h>
#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#include <xxhash.h>

#include "feedwire/fw_loop.h"
#include "feedwire/fw_version.h"

/* Bucket upper bounds, seconds. Fetches: a fast site answers in tens of ms, a
 * stalled one hits the low-speed limit at tens of seconds. Extraction: well
 * under a millisecond for a small page, up to a second for a pathological one. */
static const double bk_FETCH[] = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
static const double bk_EXTRACT[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1};
static const double bk_NONE[] = {0};
#define FW_MAX_BUCKETS 16

struct mdesc {
    enum fw_metric_type type;
    const char *name, *label, *help;
    const double *buckets;
    size_t nbuckets;
};

static const struct mdesc mdesc[FW_M__COUNT] = {
#define FW__METRIC_DESC(id, t, n, l, b, h) \
    [FW_M_##id] = {t, n, l, h, bk_##b, t == FW_HISTOGRAM ? sizeof bk_##b / sizeof bk_##b[0] : 0},
    FW_METRICS(FW__METRIC_DESC)
#undef FW__METRIC_DESC
};

struct fw_series {
    enum fw_metric id;
    uint64_t hash; /* of the label */
    _Atomic uint64_t v; /* counter: the count; gauge: the double's bits */
    char label[FW_METRICS_LABEL_MAX + 1];
};

struct hist {
    _Atomic uint64_t n[FW_MAX_BUCKETS + 1]; /* per bucket, not cumulative; last = +Inf */
    _Atomic uint64_t sum;                   /* double bits */
};

/* The series of one labelled metric, in creation order (the render order),
 * with an open-addressing index by label so that a lookup by feed name stays
 * O(1) with thousands of feeds. */
struct labelled {
    struct fw_series **s;
    size_t n, cap;
    size_t *slot; /* index into s plus 1; 0 = empty; nslot is a power of two > 2n */
    size_t nslot;
};

struct fw_metrics {
    _Atomic uint64_t v[FW_M__COUNT]; /* unlabelled counters and gauges */
    struct hist *hist[FW_M__COUNT];
    pthread_mutex_t lock; /* guards lab[*] (the arrays, not the values) */
    struct labelled lab[FW_M__COUNT];
    _Atomic uint64_t tick_ms;
    uint64_t txerrs_base, txerrs_last; /* librdkafka txerrs of earlier producers, and the current one's */
    struct MHD_Daemon *http;
    int port;
    struct fw_loop *loop;
    struct fw_timer beat;
    struct {
        fw_metrics_collect_cb cb;
        void *arg;
    } collect[8];
    int ncollect;
};

static uint64_t dbits(double v)
{
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return b;
}

static double bitsd(uint64_t b)
{
    double v;
    memcpy(&v, &b, sizeof v);
    return v;
}

struct fw_metrics *fw_metrics_new(void)
{
    struct fw_metrics *m = fw_xcalloc(1, sizeof *m);
    pthread_mutex_init(&m->lock, NULL);
    for (int i = 0; i < FW_M__COUNT; i++) {
        assert(mdesc[i].nbuckets <= FW_MAX_BUCKETS);
        if (mdesc[i].type == FW_HISTOGRAM) m->hist[i] = fw_xcalloc(1, sizeof *m->hist[i]);
        if (mdesc[i].type == FW_GAUGE) atomic_store_explicit(&m->v[i], dbits(0), memory_order_relaxed);
    }
    fw_metrics_set(m, FW_M_START_TIME, (double)fw_wall_ms() / 1000.0);
    fw_metrics_set(m, FW_M_RELOAD_OK, 1);
    fw_metrics_set(m, FW_M_RELOAD_OK_TIME, fw_metrics_get(m, FW_M_START_TIME));
    fw_series_set(fw_metrics_series(m, FW_M_BUILD_INFO, FW_VERSION), 1);
    fw_metrics_heartbeat(m, fw_now_ms());
    return m;
}

void fw_metrics_free(struct fw_metrics *m)
{
    if (!m) return;
    fw_metrics_stop(m);
    for (int i = 0; i < FW_M__COUNT; i++) {
        for (size_t j = 0; j < m->lab[i].n; j++) free(m->lab[i].s[j]);
        free(m->lab[i].s);
        free(m->lab[i].slot);
        free(m->hist[i]);
    }
    pthread_mutex_destroy(&m->lock);
    free(m);
}

void fw_metrics_add(struct fw_metrics *m, enum fw_metric id, uint64_t n)
{
    assert(mdesc[id].type == FW_COUNTER && !mdesc[id].label);
    atomic_fetch_add_explicit(&m->v[id], n, memory_order_relaxed);
}

void fw_metrics_set(struct fw_metrics *m, enum fw_metric id, double v)
{
    assert(mdesc[id].type == FW_GAUGE && !mdesc[id].label);
    atomic_store_explicit(&m->v[id], dbits(v), memory_order_relaxed);
}

double fw_metrics_get(struct fw_metrics *m, enum fw_metric id)
{
    assert(mdesc[id].type != FW_HISTOGRAM && !mdesc[id].label);
    uint64_t b = atomic_load_explicit(&m->v[id], memory_order_relaxed);
    return mdesc[id].type == FW_COUNTER ? (double)b : bitsd(b);
}

void fw_metrics_store(struct fw_metrics *m, enum fw_metric id, uint64_t n)
{
    assert(mdesc[id].type == FW_COUNTER && !mdesc[id].label);
    atomic_store_explicit(&m->v[id], n, memory_order_relaxed);
}

void fw_metrics_observe(struct fw_metrics *m, enum fw_metric id, double v)
{
    assert(mdesc[id].type == FW_HISTOGRAM);
    const struct mdesc *d = &mdesc[id];
    struct hist *h = m->hist[id];
    size_t i = 0;
    while (i < d->nbuckets && v > d->buckets[i]) i++;
    atomic_fetch_add_explicit(&h->n[i], 1, memory_order_relaxed);
    uint64_t old = atomic_load_explicit(&h->sum, memory_order_relaxed);
    while (!atomic_compare_exchange_weak_explicit(&h->sum, &old, dbits(bitsd(old) + v), memory_order_relaxed,
                                                  memory_order_relaxed)) {
    }
}

/* Cuts a label value to FW_METRICS_LABEL_MAX bytes without splitting a UTF-8 sequence. */
static size_t label_len(const char *value)
{
    size_t n = strnlen(value, FW_METRICS_LABEL_MAX + 1);
    if (n <= FW_METRICS_LABEL_MAX) return n;
    n = FW_METRICS_LABEL_MAX;
    while (n > 0 && ((unsigned char)value[n] & 0xC0) == 0x80) n--;
    return n;
}

/* Index in l->s of the series labelled (value, n) with hash h, or SIZE_MAX
 * with *empty set to the free slot where it would go. */
static size_t find_series(const struct labelled *l, const char *value, size_t n, uint64_t h, size_t *empty)
{
    *empty = 0;
    if (!l->nslot) return SIZE_MAX;
    for (size_t i = h & (l->nslot - 1);; i = (i + 1) & (l->nslot - 1)) {
        size_t k = l->slot[i];
        if (!k) {
            *empty = i;
            return SIZE_MAX;
        }
        const struct fw_series *s = l->s[k - 1];
        if (s->hash == h && strncmp(s->label, value, n) == 0 && s->label[n] == 0) return k - 1;
    }
}

static void reindex(struct labelled *l)
{
    l->nslot = 16;
    while (l->nslot <= 2 * l->n) l->nslot *= 2;
    free(l->slot);
    l->slot = fw_xcalloc(l->nslot, sizeof *l->slot);
    for (size_t j = 0; j < l->n; j++) {
        size_t i = l->s[j]->hash & (l->nslot - 1);
        while (l->slot[i]) i = (i + 1) & (l->nslot - 1);
        l->slot[i] = j + 1;
    }
}

struct fw_series *fw_metrics_series(struct fw_metrics *m, enum fw_metric id, const char *value)
{
    assert(mdesc[id].label && mdesc[id].type != FW_HISTOGRAM);
    size_t n = label_len(value), empty;
    uint64_t h = XXH3_64bits(value, n);
    struct fw_series *s;
    pthread_mutex_lock(&m->lock);
    struct labelled *l = &m->lab[id];
    size_t at = find_series(l, value, n, h, &empty);
    if (at != SIZE_MAX) {
        s = l->s[at];
    } else {
        s = fw_xcalloc(1, sizeof *s);
        s->id = id;
        s->hash = h;
        memcpy(s->label, value, n);
        if (mdesc[id].type == FW_GAUGE) atomic_store_explicit(&s->v, dbits(0), memory_order_relaxed);
        if (l->n == l->cap) {
            l->cap = l->cap ? l->cap * 2 : 16;
            l->s = fw_xrealloc(l->s, l->cap * sizeof *l->s);
        }
        l->s[l->n++] = s;
        if (2 * l->n >= l->nslot) reindex(l);
        else l->slot[empty] = l->n;
    }
    pthread_mutex_unlock(&m->lock);
    return s;
}

void fw_series_add(struct fw_series *s, uint64_t n)
{
    assert(mdesc[s->id].type == FW_COUNTER);
    atomic_fetch_add_explicit(&s->v, n, memory_order_relaxed);
}

void fw_series_set(struct fw_series *s, double v)
{
    assert(mdesc[s->id].type == FW_GAUGE);
    atomic_store_explicit(&s->v, dbits(v), memory_order_relaxed);
}

void fw_series_store(struct fw_series *s, uint64_t n)
{
    assert(mdesc[s->id].type == FW_COUNTER);
    atomic_store_explicit(&s->v, n, memory_order_relaxed);
}

double fw_series_get(const struct fw_series *s)
{
    uint64_t b = atomic_load_explicit(&((struct fw_series *)s)->v, memory_order_relaxed);
    return mdesc[s->id].type == FW_COUNTER ? (double)b : bitsd(b);
}

double fw_metrics_sum(struct fw_metrics *m, enum fw_metric id, size_t *nonzero)
{
    assert(mdesc[id].label && mdesc[id].type != FW_HISTOGRAM);
    double sum = 0;
    size_t nz = 0;
    pthread_mutex_lock(&m->lock);
    for (size_t i = 0; i < m->lab[id].n; i++) {
        double v = fw_series_get(m->lab[id].s[i]);
        sum += v;
        nz += v != 0;
    }
    pthread_mutex_unlock(&m->lock);
    if (nonzero) *nonzero = nz;
    return sum;
}

void fw_metrics_drop_label(struct fw_metrics *m, const char *key, const char *value)
{
    size_t n = label_len(value), empty;
    uint64_t h = XXH3_64bits(value, n);
    pthread_mutex_lock(&m->lock);
    for (int id = 0; id < FW_M__COUNT; id++) {
        if (!mdesc[id].label || strcmp(mdesc[id].label, key) != 0) continue;
        struct labelled *l = &m->lab[id];
        size_t at = find_series(l, value, n, h, &empty);
        if (at == SIZE_MAX) continue;
        free(l->s[at]);
        memmove(&l->s[at], &l->s[at + 1], (l->n - at - 1) * sizeof *l->s);
        l->n--;
        reindex(l); /* indices moved; a reload removing feeds is rare */
    }
    pthread_mutex_unlock(&m->lock);
}

/* ---- librdkafka statistics ---- */

static json_int_t jint(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_integer(v) ? json_integer_value(v) : 0;
}

enum fw_err fw_metrics_kafka_stats(struct fw_metrics *m, const char *json, size_t len, char *err, size_t errsz)
{
    json_error_t jerr;
    json_t *root = json_loadb(json, len, 0, &jerr);
    if (!json_is_object(root)) {
        json_decref(root);
        return fw_fail(err, errsz, FW_E_PARSE, "kafka stats: %s", root ? "not an object" : jerr.text);
    }
    fw_metrics_set(m, FW_M_KAFKA_QUEUE_MSGS, (double)jint(root, "msg_cnt"));
    fw_metrics_set(m, FW_M_KAFKA_QUEUE_BYTES, (double)jint(root, "msg_size"));
    fw_metrics_set(m, FW_M_KAFKA_REPLYQ, (double)jint(root, "replyq"));
    json_int_t up = 0, txerrs = 0;
    const char *name;
    json_t *b;
    json_object_foreach(json_object_get(root, "brokers"), name, b) {
        const char *src = json_string_value(json_object_get(b, "source"));
        /* librdkafka lists internal pseudo-brokers too; only real ones count */
        if (src && (!strcmp(src, "internal") || !strcmp(src, "logical"))) continue;
        const char *state = json_string_value(json_object_get(b, "state"));
        if (state && !strcmp(state, "UP")) up++;
        txerrs += jint(b, "txerrs");
    }
    fw_metrics_set(m, FW_M_KAFKA_BROKERS_UP, (double)up);
    /* txerrs restarts at 0 with a recreated producer: the counter goes on */
    pthread_mutex_lock(&m->lock);
    if ((uint64_t)txerrs < m->txerrs_last) m->txerrs_base += m->txerrs_last;
    m->txerrs_last = (uint64_t)txerrs;
    fw_metrics_store(m, FW_M_KAFKA_TX_ERRORS, m->txerrs_base + m->txerrs_last);
    pthread_mutex_unlock(&m->lock);
    json_decref(root);
    return FW_OK;
}

/* ---- Prometheus text format 0.0.4 ---- */

static void put_double(struct fw_buf *out, double v)
{
    if (isnan(v)) fw_buf_adds(out, "NaN");
    else if (isinf(v)) fw_buf_adds(out, v > 0 ? "+Inf" : "-Inf");
    else fw_buf_printf(out, "%.15g", v);
}

static void put_label(struct fw_buf *out, const char *key, const char *val)
{
    fw_buf_printf(out, "{%s=\"", key);
    for (const char *p = val; *p; p++) {
        if (*p == '\\') fw_buf_adds(out, "\\\\");
        else if (*p == '"') fw_buf_adds(out, "\\\"");
        else if (*p == '\n') fw_buf_adds(out, "\\n");
        else fw_buf_addc(out, *p);
    }
    fw_buf_adds(out, "\"}");
}

static void put_value(struct fw_buf *out, enum fw_metric_type t, uint64_t v)
{
    if (t == FW_COUNTER) fw_buf_printf(out, " %llu\n", (unsigned long long)v);
    else {
        fw_buf_addc(out, ' ');
        put_double(out, bitsd(v));
        fw_buf_addc(out, '\n');
    }
}

static void render_hist(struct fw_buf *out, const struct mdesc *d, struct hist *h)
{
    /* the constant label "key=value" as `key="value",` before le */
    char lab[64] = "";
    const char *eq = d->label ? strchr(d->label, '=') : NULL;
    if (eq) snprintf(lab, sizeof lab, "%.*s=\"%s\"", (int)(eq - d->label), d->label, eq + 1);
    /* The count is the sum of the buckets read here, so +Inf and _count agree
     * even while the loop thread keeps observing. */
    uint64_t cum = 0;
    for (size_t i = 0; i <= d->nbuckets; i++) {
        cum += atomic_load_explicit(&h->n[i], memory_order_relaxed);
        fw_buf_printf(out, "%s_bucket{%s%sle=\"", d->name, lab, lab[0] ? "," : "");
        if (i < d->nbuckets) put_double(out, d->buckets[i]);
        else fw_buf_adds(out, "+Inf");
        fw_buf_printf(out, "\"} %llu\n", (unsigned long long)cum);
    }
    const char *o = lab[0] ? "{" : "", *c = lab[0] ? "}" : "";
    fw_buf_printf(out, "%s_sum%s%s%s ", d->name, o, lab, c);
    put_double(out, bitsd(atomic_load_explicit(&h->sum, memory_order_relaxed)));
    fw_buf_printf(out, "\n%s_count%s%s%s %llu\n", d->name, o, lab, c, (unsigned long long)cum);
}

/* The process_* metrics every Prometheus client library exports, from /proc. */
static void render_process(struct fw_buf *out, double start_time)
{
    static const char *const fam[][3] = {
        {"process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds."},
        {"process_resident_memory_bytes", "gauge", "Resident memory size in bytes."},
        {"process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes."},
        {"process_open_fds", "gauge", "Number of open file descriptors."},
        {"process_max_fds", "gauge", "Maximum number of open file descriptors."},
        {"process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds."},
    };
    double v[6] = {NAN, NAN, NAN, NAN, NAN, start_time};
    char buf[1024];
    FILE *f = fopen("/proc/self/stat", "r");
    if (f) {
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = 0;
        fclose(f);
        /* after the command's closing parenthesis: state is field 3, utime 14, stime 15 */
        const char *p = strrchr(buf, ')');
        unsigned long long ut, st;
        if (p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) == 2)
            v[0] = (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
    }
    f = fopen("/proc/self/statm", "r");
    if (f) {
        unsigned long long size, rss;
        if (fscanf(f, "%llu %llu", &size, &rss) == 2) {
            double page = (double)sysconf(_SC_PAGESIZE);
            v[1] = (double)rss * page;
            v[2] = (double)size * page;
        }
        fclose(f);
    }
    DIR *d = opendir("/proc/self/fd");
    if (d) {
        double n = 0;
        struct dirent *de;
        while ((de = readdir(d)))
            if (de->d_name[0] != '.') n++;
        closedir(d);
        v[3] = n - 1; /* less the directory stream itself */
    }
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) v[4] = rl.rlim_cur == RLIM_INFINITY ? INFINITY : (double)rl.rlim_cur;
    for (size_t i = 0; i < sizeof fam / sizeof fam[0]; i++) {
        if (isnan(v[i])) continue;
        fw_buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n%s ", fam[i][0], fam[i][2], fam[i][0], fam[i][1], fam[i][0]);
        put_double(out, v[i]);
        fw_buf_addc(out, '\n');
    }
}

enum fw_err fw_metrics_render(struct fw_metrics *m, struct fw_buf *dst)
{
    static const char *const tname[] = {"counter", "gauge", "histogram"};
    struct fw_buf b, *out = &b; /* uncapped, so only the final copy can fail */
    fw_buf_init(&b, 0);
    pthread_mutex_lock(&m->lock);
    for (int id = 0; id < FW_M__COUNT; id++) {
        const struct mdesc *d = &mdesc[id];
        /* rows of one name (a histogram by a constant label) are one family */
        if (!id || strcmp(mdesc[id - 1].name, d->name))
            fw_buf_printf(out, "# HELP %s %s\n# TYPE %s %s\n", d->name, d->help, d->name, tname[d->type]);
        if (d->type == FW_HISTOGRAM) render_hist(out, d, m->hist[id]);
        else if (!d->label) {
            fw_buf_adds(out, d->name);
            put_value(out, d->type, atomic_load_explicit(&m->v[id], memory_order_relaxed));
        } else {
            for (size_t i = 0; i < m->lab[id].n; i++) {
                struct fw_series *s = m->lab[id].s[i];
                fw_buf_adds(out, d->name);
                put_label(out, d->label, s->label);
                put_value(out, d->type, atomic_load_explicit(&s->v, memory_order_relaxed));
            }
        }
    }
    pthread_mutex_unlock(&m->lock);
    render_process(out, fw_metrics_get(m, FW_M_START_TIME));
    enum fw_err rc = fw_buf_add(dst, b.p, b.len);
    fw_buf_fini(&b);
    return rc;
}

/* ---- liveness ---- */

void fw_metrics_heartbeat(struct fw_metrics *m, uint64_t now_ms)
{
    atomic_store_explicit(&m->tick_ms, now_ms, memory_order_relaxed);
}

void fw_metrics_add_collector(struct fw_metrics *m, fw_metrics_collect_cb cb, void *arg)
{
    assert(m->ncollect < (int)(sizeof m->collect / sizeof m->collect[0]));
    m->collect[m->ncollect].cb = cb;
    m->collect[m->ncollect++].arg = arg;
}

void fw_metrics_remove_collector(struct fw_metrics *m, fw_metrics_collect_cb cb, void *arg)
{
    for (int i = 0; i < m->ncollect; i++) {
        if (m->collect[i].cb != cb || m->collect[i].arg != arg) continue;
        memmove(&m->collect[i], &m->collect[i + 1], (size_t)(m->ncollect - i - 1) * sizeof m->collect[0]);
        m->ncollect--;
        return;
    }
}

static void on_beat(struct fw_loop *loop, void *arg)
{
    struct fw_metrics *m = arg;
    uint64_t now = fw_now_ms();
    fw_metrics_set(m, FW_M_LOOP_LAG, now > m->beat.due_ms ? (double)(now - m->beat.due_ms) / 1000.0 : 0.0);
    fw_metrics_heartbeat(m, now);
    for (int i = 0; i < m->ncollect; i++) m->collect[i].cb(m, m->collect[i].arg);
    fw_loop_timer_start(loop, &m->beat, 1000);
}

/* ---- HTTP (runs on libmicrohttpd's thread) ---- */

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, const char *ctype, char *body, size_t n)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(n, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    enum MHD_Result rc = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return rc;
}

static enum MHD_Result reply_text(struct MHD_Connection *conn, unsigned status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum MHD_Result reply_text(struct MHD_Connection *conn, unsigned status, const char *fmt, ...)
{
    struct fw_buf b;
    fw_buf_init(&b, 4096);
    va_list ap;
    va_start(ap, fmt);
    fw_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    size_t n = b.len;
    return reply(conn, status, "text/plain; charset=utf-8", fw_buf_steal(&b), n);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
    struct fw_metrics *m = cls;
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
        return reply_text(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    if (!strcmp(url, "/metrics")) {
        struct fw_buf b;
        fw_buf_init(&b, 0);
        fw_metrics_render(m, &b); /* uncapped: cannot fail */
        size_t n = b.len;
        return reply(conn, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", fw_buf_steal(&b), n);
    }
    if (!strcmp(url, "/healthz")) {
        uint64_t now = fw_now_ms(), tick = atomic_load_explicit(&m->tick_ms, memory_order_relaxed);
        uint64_t age = now > tick ? now - tick : 0;
        if (age < FW_METRICS_STALL_MS) return reply_text(conn, MHD_HTTP_OK, "ok\n");
        return reply_text(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "loop stalled for %llu s\n",
                          (unsigned long long)(age / 1000));
    }
    if (!strcmp(url, "/readyz")) {
        int kafka = fw_metrics_get(m, FW_M_KAFKA_CONNECTED) > 0, redis = fw_metrics_get(m, FW_M_REDIS_CONNECTED) > 0;
        if (kafka && redis) return reply_text(conn, MHD_HTTP_OK, "ready\n");
        return reply_text(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "not ready:%s%s\n", kafka ? "" : " kafka down",
                          redis ? "" : " redis down");
    }
    return reply_text(conn, MHD_HTTP_NOT_FOUND, "not found; try /metrics, /healthz or /readyz\n");
}

enum fw_err fw_metrics_start(struct fw_metrics *m, struct fw_loop *loop, const char *listen, int port, char *err,
                             size_t errsz)
{
    struct sockaddr_storage ss = {0};
    struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO;
    if (m->http) return fw_fail(err, errsz, FW_E_INVAL, "metrics server already running");
    if (port < 0 || port > 65535) return fw_fail(err, errsz, FW_E_INVAL, "metrics port %d out of range", port);
    if (inet_pton(AF_INET, listen, &sin->sin_addr) == 1) {
        sin->sin_family = AF_INET;
        sin->sin_port = htons((uint16_t)port);
    } else if (inet_pton(AF_INET6, listen, &sin6->sin6_addr) == 1) {
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons((uint16_t)port);
        flags |= MHD_USE_IPv6;
    } else {
        return fw_fail(err, errsz, FW_E_CONFIG, "metrics.listen '%s' is not an IP address", listen);
    }
    /* The server thread inherits this mask: with every signal blocked there,
     * SIGTERM/SIGHUP always reach the loop's signalfd, whatever the order in
     * which the daemon starts the server and registers its signals. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    /* Idle connections must not lock out the health check (issue 17: 32 of
     * them did): room for FW_METRICS_MAX_CONNS (well within the unit's
     * LimitNOFILE and a shell's 1024), each dropped after
     * FW_METRICS_IDLE_S without a byte. */
    m->http = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, on_request, m, MHD_OPTION_SOCK_ADDR,
                               (struct sockaddr *)&ss, MHD_OPTION_CONNECTION_LIMIT, (unsigned)FW_METRICS_MAX_CONNS,
                               MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)FW_METRICS_IDLE_S, MHD_OPTION_LISTEN_BACKLOG_SIZE,
                               (unsigned)FW_METRICS_MAX_CONNS, MHD_OPTION_END);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!m->http) return fw_fail(err, errsz, FW_E_IO, "metrics: cannot listen on %s port %d", listen, port);
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(m->http, MHD_DAEMON_INFO_BIND_PORT);
    m->port = info ? info->port : port;
    if (loop) {
        m->loop = loop;
        fw_timer_init(&m->beat, on_beat, m);
        fw_loop_timer_start(loop, &m->beat, 1000);
    }
    return FW_OK;
}

int fw_metrics_port(const struct fw_metrics *m)
{
    return m->http ? m->port : 0;
}

void fw_metrics_stop(struct fw_metrics *m)
{
    if (m->http) MHD_stop_daemon(m->http);
    m->http = NULL;
    m->port = 0;
    if (m->loop) fw_loop_timer_stop(m->loop, &m->beat);
    m->loop = NULL;
}
