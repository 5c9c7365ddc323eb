#include "feedwire/fw_sink.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <jansson.h>
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_conf.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_spool.h"
#include "feedwire/fw_statedir.h"

#define DLQ_PAYLOAD_MAX (256u << 10)
#define RETRY_MIN_MS 250u
#define RETRY_MAX_MS 10000u
#define REPLAY_BATCH 256

enum kind { K_ARTICLE, K_EVENT, K_DLQ, K_INCIDENT, K__N }; /* spooled: only append */

enum mstate {
    M_PENDING,  /* waiting to be produced (new, QUEUE_FULL, retry) */
    M_PRODUCED, /* in librdkafka */
    M_ACKED,
};

struct unit;

struct msg {
    struct unit *u;
    uint8_t kind;
    enum mstate state;
    const char *key, *value; /* views into u->blob, or dlq_value */
    size_t klen, vlen;
    uint32_t nhdr;
    const char *hdr;         /* nhdr x (u32 len name, u32 len value, bytes) in u->blob */
    char *dlq_value;         /* the dead-letter replacement after a permanent failure */
    char *dlq_reason;        /* why, and the topic it was meant for (headers) */
    uint8_t dlq_from;
    unsigned gen;            /* producer generation it was produced with */
    struct msg *next_pending;
};

struct unit {
    uint64_t seq;
    char *blob; /* the serialized unit: spool payload */
    size_t blen;
    const char *id, *mark; /* views (NUL-terminated in blob) */
    struct msg *msgs;
    uint32_t nmsgs, acked;
    int deadlettered;
    int dlq_unit; /* made by fw_sink_deadletter: one dead-letter message, no article */
    int has_article;   /* msgs[0] is (or was, before a dead letter replaced it) the article */
    int events_queued; /* its events were handed to the producer queue */
    struct unit *prev, *next;
};

struct fw_sink {
    struct fw_loop *loop;
    rd_kafka_t *rk;
    rd_kafka_queue_t *q;
    int pipe_rd, pipe_wr;
    unsigned gen;
    char *topics[K__N];
    struct {
        char **kv; /* key, value pairs applied after the defaults */
        size_t n;
    } kconf;
    long queue_max;
    struct fw_spool *spool;
    uint64_t spool_max, mem_max, mem_bytes;
    struct fw_sink_callbacks cb;
    struct unit *units; /* live, newest first */
    uint64_t nunits;
    uint64_t unsettled; /* delivered, waiting for fw_sink_settle (spool not yet acked) */
    struct msg *pend_head, *pend_tail;
    struct fw_timer retry_timer, drain_timer, recreate_timer;
    struct fw_timer tick; /* next iteration: batched fsync, more replay */
    uint64_t retry_ms;
    int replaying, draining, paused, kafka_down_logged, kafka_up;
    fw_cb drain_cb;
    void *drain_arg;
    long drain_timeout_ms;
    int64_t refused_logged_ms;
    struct fw_sink_stats st;
};

/* ---------- unit serialization: the spool payload ----------
 * u32 version, str id, str mark, u32 nmsgs, then per message: u8 kind,
 * str key, str value, u32 nhdr, nhdr x (u32 nlen, u32 vlen, name, value).
 * A str is u32 length, bytes, NUL (so views are C strings). */

static void put_u32(struct fw_buf *b, uint32_t v)
{
    fw_buf_add(b, &v, 4);
}

static void put_str(struct fw_buf *b, const char *s, size_t n)
{
    put_u32(b, (uint32_t)n);
    if (n) fw_buf_add(b, s, n);
    fw_buf_addc(b, 0);
}

static void put_hdr(struct fw_buf *b, const char *name, const char *val)
{
    put_u32(b, (uint32_t)strlen(name));
    put_u32(b, (uint32_t)strlen(val));
    fw_buf_adds(b, name);
    fw_buf_adds(b, val);
}

struct rd {
    const char *p, *end;
    int bad;
};

static uint32_t get_u32(struct rd *r)
{
    uint32_t v = 0;
    if (r->end - r->p < 4) {
        r->bad = 1;
        return 0;
    }
    memcpy(&v, r->p, 4);
    r->p += 4;
    return v;
}

static const char *get_str(struct rd *r, size_t *n)
{
    uint32_t len = get_u32(r);
    if (r->bad || (size_t)(r->end - r->p) < (size_t)len + 1 || r->p[len] != 0) {
        r->bad = 1;
        return NULL;
    }
    const char *s = r->p;
    r->p += len + 1;
    if (n) *n = len;
    return s;
}

/* Takes blob (malloc'd) on every path. Returns NULL if it is malformed. */
static struct unit *unit_parse(char *blob, size_t n)
{
    struct unit *u = fw_xcalloc(1, sizeof *u);
    u->blob = blob;
    u->blen = n;
    struct rd r = {blob, blob + n, 0};
    if (get_u32(&r) != 1) goto bad;
    u->id = get_str(&r, NULL);
    size_t ml;
    u->mark = get_str(&r, &ml);
    if (r.bad) goto bad;
    if (!ml) u->mark = NULL;
    u->nmsgs = get_u32(&r);
    if (r.bad || u->nmsgs == 0 || u->nmsgs > n / 8) goto bad;
    u->msgs = fw_xcalloc(u->nmsgs, sizeof *u->msgs);
    for (uint32_t i = 0; i < u->nmsgs; i++) {
        struct msg *m = &u->msgs[i];
        m->u = u;
        if (r.p >= r.end) goto bad;
        m->kind = (uint8_t)*r.p++;
        if (m->kind >= K__N) goto bad;
        m->key = get_str(&r, &m->klen);
        m->value = get_str(&r, &m->vlen);
        m->nhdr = get_u32(&r);
        m->hdr = r.p;
        for (uint32_t h = 0; h < m->nhdr && !r.bad; h++) {
            uint32_t a = get_u32(&r), b = get_u32(&r);
            if ((size_t)(r.end - r.p) < (size_t)a + b) r.bad = 1;
            else r.p += a + b;
        }
        if (r.bad) goto bad;
    }
    u->dlq_unit = u->msgs[0].kind == K_DLQ;
    u->has_article = u->msgs[0].kind == K_ARTICLE;
    return u;
bad:
    free(u->msgs);
    free(u->blob);
    free(u);
    return NULL;
}

static void unit_free(struct unit *u)
{
    if (!u) return;
    for (uint32_t i = 0; u->msgs && i < u->nmsgs; i++) {
        free(u->msgs[i].dlq_value);
        free(u->msgs[i].dlq_reason);
    }
    free(u->msgs);
    free(u->blob);
    free(u);
}

/* ---------- JSON: the records are fw_record's; the dead-letter message is ours ---------- */

/* Strings that are not valid UTF-8 make jansson refuse them: the message
 * would be invalid JSON, so the unit is refused as input error. */
static enum fw_err dump_json(json_t *o, char **out, size_t *n, char *err, size_t errsz)
{
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(o);
    if (!s) return fw_fail(err, errsz, FW_E_INVAL, "cannot serialize the message (invalid UTF-8 in a field?)");
    *out = s;
    *n = strlen(s);
    return FW_OK;
}

/* The CloudEvents headers; `extra` more follow, written by the caller. */
static void ce_headers_n(struct fw_buf *b, uint32_t extra, const char *schema, const char *type, const char *ce_id,
                         const char *source, const char *subject, const char *time)
{
    char sch[64];
    snprintf(sch, sizeof sch, "%s.v%d", schema, FW_SINK_SCHEMA_VERSION);
    char dataschema[96];
    snprintf(dataschema, sizeof dataschema, "urn:feedwire:schema:%s", sch);
    uint32_t n = 8 + (subject != NULL) + extra;
    put_u32(b, n);
    put_hdr(b, "content-type", "application/json");
    put_hdr(b, "schema", sch);
    put_hdr(b, "ce_specversion", "1.0");
    put_hdr(b, "ce_id", ce_id);
    put_hdr(b, "ce_source", source && *source ? source : "feedwire");
    put_hdr(b, "ce_type", type);
    put_hdr(b, "ce_time", time);
    put_hdr(b, "ce_dataschema", dataschema); /* the $id of conf/schemas/<schema>.json */
    if (subject) put_hdr(b, "ce_subject", subject);
}

static void ce_headers(struct fw_buf *b, const char *schema, const char *type, const char *ce_id,
                       const char *source, const char *subject, const char *time)
{
    ce_headers_n(b, 0, schema, type, ce_id, source, subject, time);
}

/* ---------- producer ---------- */

static void serve_queue(struct fw_sink *s);
static void pump(struct fw_sink *s);
static void update_pause(struct fw_sink *s);
static void tick_soon(struct fw_sink *s);

static void on_kafka_io(struct fw_loop *loop, int fd, unsigned events, void *arg)
{
    struct fw_sink *s = arg;
    char buf[256];
    while (read(fd, buf, sizeof buf) > 0) {
    }
    serve_queue(s);
}

static enum fw_err create_producer(struct fw_sink *s, char *err, size_t errsz)
{
    char kerr[512], qmax[32];
    rd_kafka_conf_t *kc = rd_kafka_conf_new();
    snprintf(qmax, sizeof qmax, "%ld", s->queue_max);
    const char *defaults[][2] = {
        {"enable.idempotence", "true"}, {"acks", "all"},  {"compression.type", "zstd"},
        {"linger.ms", "20"},            {"log.queue", "true"}, {"queue.buffering.max.messages", qmax},
        {"client.id", "feedwired"},     {"statistics.interval.ms", "5000"},
    };
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++)
        if (rd_kafka_conf_set(kc, defaults[i][0], defaults[i][1], kerr, sizeof kerr) != RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(kc);
            return fw_fail(err, errsz, FW_E_CONFIG, "kafka.%s: %s", defaults[i][0], kerr);
        }
    for (size_t i = 0; i < s->kconf.n; i++)
        if (rd_kafka_conf_set(kc, s->kconf.kv[2 * i], s->kconf.kv[2 * i + 1], kerr, sizeof kerr) !=
            RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(kc);
            return fw_fail(err, errsz, FW_E_CONFIG, "kafka.%s: %s", s->kconf.kv[2 * i], kerr);
        }
    rd_kafka_conf_set_events(kc, RD_KAFKA_EVENT_DR | RD_KAFKA_EVENT_ERROR | RD_KAFKA_EVENT_LOG |
                                     RD_KAFKA_EVENT_STATS);
    s->rk = rd_kafka_new(RD_KAFKA_PRODUCER, kc, kerr, sizeof kerr);
    if (!s->rk) {
        rd_kafka_conf_destroy(kc);
        return fw_fail(err, errsz, FW_E_CONFIG, "kafka: %s", kerr);
    }
    rd_kafka_set_log_queue(s->rk, NULL);
    s->q = rd_kafka_queue_get_main(s->rk);
    rd_kafka_queue_io_event_enable(s->q, s->pipe_wr, "1", 1);
    if (fw_loop_watch(s->loop, s->pipe_rd, FW_READ, on_kafka_io, s) != 0)
        return fw_fail(err, errsz, FW_E_IO, "cannot watch the kafka queue fd: %s", strerror(errno));
    s->gen++;
    return FW_OK;
}

static void destroy_producer(struct fw_sink *s)
{
    if (!s->rk) return;
    fw_loop_unwatch(s->loop, s->pipe_rd);
    s->gen++; /* delivery reports of the old producer are ignored */
    rd_kafka_purge(s->rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT | RD_KAFKA_PURGE_F_NON_BLOCKING);
    rd_kafka_queue_io_event_enable(s->q, -1, NULL, 0);
    rd_kafka_event_t *ev;
    while ((ev = rd_kafka_queue_poll(s->q, 0))) rd_kafka_event_destroy(ev);
    rd_kafka_queue_destroy(s->q);
    rd_kafka_destroy(s->rk);
    s->rk = NULL;
    s->q = NULL;
}

static void pend_push(struct fw_sink *s, struct msg *m)
{
    m->state = M_PENDING;
    m->next_pending = NULL;
    if (s->pend_tail) s->pend_tail->next_pending = m;
    else s->pend_head = m;
    s->pend_tail = m;
}

static void kafka_up(struct fw_sink *s)
{
    if (s->kafka_down_logged) fw_log(LOG_NOTICE, "sink", "Kafka is back: deliveries acknowledged again");
    s->kafka_down_logged = 0;
    s->kafka_up = 1;
}

static void kafka_down(struct fw_sink *s, const char *why)
{
    s->kafka_up = 0;
    if (s->kafka_down_logged) return;
    s->kafka_down_logged = 1;
    fw_log(LOG_WARNING, "sink", "Kafka unavailable (%s): units stay in the spool until it is back", why);
}

static void unit_unlink(struct fw_sink *s, struct unit *u)
{
    if (u->prev) u->prev->next = u->next;
    else s->units = u->next;
    if (u->next) u->next->prev = u->prev;
    s->nunits--;
    s->mem_bytes -= u->blen;
}

static void check_drained(struct fw_sink *s)
{
    if (!s->draining || s->nunits || s->unsettled || !s->drain_cb) return;
    fw_cb cb = s->drain_cb;
    s->drain_cb = NULL;
    fw_loop_timer_stop(s->loop, &s->drain_timer);
    fw_log(LOG_NOTICE, "sink", "drained: every unit acknowledged");
    cb(s->loop, s->drain_arg);
}

static void unit_complete(struct fw_sink *s, struct unit *u)
{
    unit_unlink(s, u);
    enum fw_sink_outcome out = u->dlq_unit       ? FW_SINK_DLQ_DELIVERED
                               : u->deadlettered ? FW_SINK_DEADLETTERED
                                                 : FW_SINK_DELIVERED;
    if (out == FW_SINK_DELIVERED) s->st.delivered++;
    else s->st.deadlettered++;
    s->unsettled++;
    uint64_t seq = u->seq;
    /* the spool keeps the unit until the caller settles it: a crash before
     * the dedup record is written delivers it once more, never loses it */
    if (s->cb.done)
        s->cb.done(s->cb.arg, u->id, u->mark, out, seq);
    else
        fw_sink_settle(s, seq);
    unit_free(u);
    update_pause(s);
}

void fw_sink_settle(struct fw_sink *s, uint64_t unit)
{
    char err[256];
    if (fw_spool_ack(s->spool, unit, err, sizeof err) != FW_OK)
        fw_log(LOG_ERR, "sink", "spool ack failed (the unit may be delivered again): %s", err);
    if (s->unsettled) s->unsettled--;
    tick_soon(s);
    update_pause(s);
    check_drained(s);
}

static int permanent_error(rd_kafka_resp_err_t e)
{
    switch (e) {
    case RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_INVALID_MSG:
    case RD_KAFKA_RESP_ERR_INVALID_MSG_SIZE:
    case RD_KAFKA_RESP_ERR_INVALID_RECORD:
    case RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_TOPIC_EXCEPTION:
    case RD_KAFKA_RESP_ERR_INVALID_REQUIRED_ACKS:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_VERSION:
    case RD_KAFKA_RESP_ERR__INVALID_ARG:
        return 1;
    default:
        return 0;
    }
}

static const char *kind_name(int k)
{
    return k == K_ARTICLE ? "article" : k == K_EVENT ? "event" : k == K_INCIDENT ? "incident" : "deadletter";
}

/* Replaces a message that failed for good with its dead-letter record. */
static void to_deadletter(struct fw_sink *s, struct msg *m, const char *reason)
{
    struct unit *u = m->u;
    u->deadlettered = 1;
    if (m->kind == K_DLQ) {
        /* the dead-letter message itself failed for good: nowhere left to put it */
        s->st.dropped++;
        fw_log(LOG_ERR, "sink", "dead-letter message for %s lost: %s (%" PRIu64 " lost so far)", m->key, reason,
               s->st.dropped);
        m->state = M_ACKED;
        if (++u->acked == u->nmsgs) unit_complete(s, u);
        return;
    }
    if (m == &u->msgs[0] && u->has_article && !u->events_queued) {
        /* the article is refused: its events, never produced, are withheld with it */
        u->events_queued = 1;
        uint32_t withheld = 0;
        for (uint32_t i = 1; i < u->nmsgs; i++)
            if (u->msgs[i].state != M_ACKED) {
                u->msgs[i].state = M_ACKED;
                u->acked++;
                withheld++;
            }
        if (withheld)
            fw_log(LOG_WARNING, "sink", "article %s refused by Kafka: its %" PRIu32 " events are not published either",
                   m->key, withheld);
    }
    char t[32];
    fw_record_time(fw_wall_ms(), t);
    size_t n = m->vlen > DLQ_PAYLOAD_MAX ? DLQ_PAYLOAD_MAX : m->vlen;
    json_t *o = json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:s%,s:b,s:s}", "schema", FW_SINK_SCHEMA_DEADLETTER,
                          "schema_version", FW_SINK_SCHEMA_VERSION, "key", m->key, "reason", reason, "topic",
                          s->topics[m->kind], "kind", kind_name(m->kind), "payload", m->value, n,
                          "payload_truncated", n < m->vlen, "at", t);
    char *v = NULL;
    size_t vl = 0;
    if (!o || dump_json(o, &v, &vl, NULL, 0) != FW_OK) {
        /* a payload cut inside a UTF-8 sequence: keep the reason only */
        o = json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:n,s:b,s:s}", "schema", FW_SINK_SCHEMA_DEADLETTER,
                      "schema_version", FW_SINK_SCHEMA_VERSION, "key", m->key, "reason", reason, "topic",
                      s->topics[m->kind], "kind", kind_name(m->kind), "payload", "payload_truncated", 1, "at", t);
        dump_json(o, &v, &vl, NULL, 0);
    }
    fw_log(LOG_WARNING, "sink", "%s %s failed for good (%s): sent to %s", kind_name(m->kind), m->key, reason,
           s->topics[K_DLQ]);
    free(m->dlq_value);
    m->dlq_value = v;
    free(m->dlq_reason);
    m->dlq_reason = fw_xstrdup(reason);
    m->dlq_from = m->kind;
    m->kind = K_DLQ;
    m->value = v;
    m->vlen = vl;
    pend_push(s, m);
}

static void on_retry_timer(struct fw_loop *loop, void *arg)
{
    pump(arg);
}

static void schedule_retry(struct fw_sink *s)
{
    if (fw_timer_active(&s->retry_timer)) return;
    s->retry_ms = s->retry_ms ? s->retry_ms * 2 : RETRY_MIN_MS;
    if (s->retry_ms > RETRY_MAX_MS) s->retry_ms = RETRY_MAX_MS;
    fw_loop_timer_start(s->loop, &s->retry_timer, s->retry_ms);
}

static void on_recreate(struct fw_loop *loop, void *arg);

static void request_recreate(struct fw_sink *s, const char *why)
{
    if (fw_timer_active(&s->recreate_timer)) return;
    fw_log(LOG_ERR, "sink", "fatal producer error: %s; recreating the producer and re-sending what was not "
           "acknowledged", why);
    /* not from inside the queue we are serving */
    fw_loop_timer_start(s->loop, &s->recreate_timer, 0);
}

/* An article and its events reach Kafka together or not at all: the events
 * are produced once Kafka holds the article (issue 17: an article too large
 * was dead-lettered while its events went out, pointing to nothing). */
static void unit_queue_events(struct fw_sink *s, struct unit *u)
{
    if (u->events_queued) return;
    u->events_queued = 1;
    for (uint32_t i = 1; i < u->nmsgs; i++)
        if (u->msgs[i].kind != K_INCIDENT && u->msgs[i].state != M_ACKED) pend_push(s, &u->msgs[i]);
}

/* Queues what of a unit is not acknowledged: its article first, the events
 * after it. Its incident records go with the article, not after its ack: units
 * are queued in the order they were published, which is the order the
 * incidents were decided in, so the last record of an incident on its
 * compacted topic is its latest state (not one an earlier article's ack let
 * overtake). */
static void unit_queue(struct fw_sink *s, struct unit *u)
{
    u->events_queued = 0;
    if (u->msgs[0].state != M_ACKED) pend_push(s, &u->msgs[0]);
    for (uint32_t i = 1; i < u->nmsgs; i++)
        if (u->msgs[i].kind == K_INCIDENT && u->msgs[i].state != M_ACKED) pend_push(s, &u->msgs[i]);
    if (!u->has_article || u->msgs[0].state == M_ACKED) unit_queue_events(s, u);
}

static void on_delivery(struct fw_sink *s, const rd_kafka_message_t *km)
{
    struct msg *m = km->_private;
    if (!m || m->gen != s->gen || m->state != M_PRODUCED) return; /* an old producer's report */
    struct unit *u = m->u;
    if (!km->err) {
        kafka_up(s);
        s->retry_ms = 0;
        m->state = M_ACKED;
        s->st.msgs_acked++;
        s->st.acked_by_kind[m->kind]++;
        if (m == &u->msgs[0]) unit_queue_events(s, u);
        if (++u->acked == u->nmsgs) unit_complete(s, u);
        return;
    }
    const char *es = rd_kafka_err2str(km->err);
    s->st.delivery_errors++;
    if (km->err == RD_KAFKA_RESP_ERR__FATAL) {
        char fe[512];
        rd_kafka_fatal_error(s->rk, fe, sizeof fe);
        pend_push(s, m);
        request_recreate(s, fe);
        return;
    }
    if (permanent_error(km->err)) {
        to_deadletter(s, m, es);
        pump(s);
        return;
    }
    /* retriable: the broker may or may not hold it; either way it goes again */
    rd_kafka_msg_status_t st = rd_kafka_message_status(km);
    s->st.retries++;
    if (st == RD_KAFKA_MSG_STATUS_POSSIBLY_PERSISTED) s->st.possibly_persisted++;
    fw_log(LOG_DEBUG, "sink", "%s %s not delivered (%s, %s): retrying", kind_name(m->kind), m->key, es,
           st == RD_KAFKA_MSG_STATUS_NOT_PERSISTED ? "not persisted" : "possibly persisted");
    if (km->err == RD_KAFKA_RESP_ERR__MSG_TIMED_OUT || km->err == RD_KAFKA_RESP_ERR__TRANSPORT) kafka_down(s, es);
    pend_push(s, m);
    schedule_retry(s);
}

static void serve_queue(struct fw_sink *s)
{
    rd_kafka_event_t *ev;
    unsigned gen = s->gen;
    while (s->q && gen == s->gen && (ev = rd_kafka_queue_poll(s->q, 0))) {
        switch (rd_kafka_event_type(ev)) {
        case RD_KAFKA_EVENT_DR: {
            const rd_kafka_message_t *km;
            while ((km = rd_kafka_event_message_next(ev))) on_delivery(s, km);
            break;
        }
        case RD_KAFKA_EVENT_ERROR: {
            rd_kafka_resp_err_t e = rd_kafka_event_error(ev);
            if (rd_kafka_event_error_is_fatal(ev)) {
                char fe[512];
                rd_kafka_fatal_error(s->rk, fe, sizeof fe);
                request_recreate(s, fe);
            } else if (e == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
                kafka_down(s, "all brokers down");
            } else {
                fw_log(LOG_DEBUG, "sink", "kafka: %s", rd_kafka_event_error_string(ev));
            }
            break;
        }
        case RD_KAFKA_EVENT_LOG: {
            const char *fac, *str;
            int level;
            rd_kafka_event_log(ev, &fac, &str, &level);
            /* librdkafka repeats connection failures on every retry: our own
             * "Kafka unavailable" line says it once; its lines are debug */
            fw_log(level <= LOG_CRIT ? LOG_ERR : LOG_DEBUG, "sink", "librdkafka %s: %s", fac, str);
            break;
        }
        case RD_KAFKA_EVENT_STATS: {
            const char *js = rd_kafka_event_stats(ev);
            if (s->cb.stats && js) s->cb.stats(s->cb.arg, js, strlen(js));
            break;
        }
        default:
            break;
        }
        rd_kafka_event_destroy(ev);
    }
    pump(s);
}

static void on_recreate(struct fw_loop *loop, void *arg)
{
    struct fw_sink *s = arg;
    char err[512];
    destroy_producer(s);
    s->st.recreated++;
    /* everything not acknowledged goes again, in unit order (oldest first) */
    s->pend_head = s->pend_tail = NULL;
    struct unit *last = s->units;
    while (last && last->next) last = last->next;
    uint64_t n = 0;
    for (struct unit *u = last; u; u = u->prev) {
        for (uint32_t i = 0; i < u->nmsgs; i++) n += u->msgs[i].state != M_ACKED;
        unit_queue(s, u);
    }
    if (create_producer(s, err, sizeof err) != FW_OK) {
        fw_log(LOG_ERR, "sink", "cannot recreate the producer: %s; retrying", err);
        fw_loop_timer_start(loop, &s->recreate_timer, 5000);
        return;
    }
    fw_log(LOG_NOTICE, "sink", "producer recreated; re-sending %" PRIu64 " messages", n);
    pump(s);
}

static void pump(struct fw_sink *s)
{
    if (!s->rk || fw_timer_active(&s->recreate_timer)) return;
    struct msg *m;
    while ((m = s->pend_head)) {
        rd_kafka_headers_t *hs = NULL;
        if (m->nhdr && !m->dlq_value) {
            hs = rd_kafka_headers_new(m->nhdr);
            const char *p = m->hdr;
            for (uint32_t i = 0; i < m->nhdr; i++) {
                uint32_t a, b;
                memcpy(&a, p, 4);
                memcpy(&b, p + 4, 4);
                rd_kafka_header_add(hs, p + 8, a, p + 8 + a, b);
                p += 8 + a + b;
            }
        } else if (m->dlq_value) {
            hs = rd_kafka_headers_new(9);
            rd_kafka_header_add(hs, "content-type", -1, "application/json", -1);
            rd_kafka_header_add(hs, "schema", -1, FW_SINK_SCHEMA_DEADLETTER ".v1", -1);
            rd_kafka_header_add(hs, "ce_dataschema", -1, "urn:feedwire:schema:" FW_SINK_SCHEMA_DEADLETTER ".v1", -1);
            rd_kafka_header_add(hs, "__connect.errors.connector.name", -1, "feedwired", -1);
            rd_kafka_header_add(hs, "__connect.errors.stage", -1, "produce", -1);
            rd_kafka_header_add(hs, "__connect.errors.exception.class.name", -1, "kafka", -1);
            rd_kafka_header_add(hs, "__connect.errors.exception.message", -1, m->dlq_reason ? m->dlq_reason : "", -1);
            rd_kafka_header_add(hs, "__connect.errors.topic", -1, s->topics[m->dlq_from], -1);
        }
        m->gen = s->gen;
        m->state = M_PRODUCED;
        /* no copy: the unit keeps key and value alive until the delivery report */
        rd_kafka_resp_err_t e = rd_kafka_producev(
            s->rk, RD_KAFKA_V_TOPIC(s->topics[m->kind]), RD_KAFKA_V_KEY(m->key, m->klen),
            RD_KAFKA_V_VALUE((void *)m->value, m->vlen), RD_KAFKA_V_HEADERS(hs), RD_KAFKA_V_OPAQUE(m),
            RD_KAFKA_V_END);
        if (e == RD_KAFKA_RESP_ERR_NO_ERROR) {
            s->pend_head = m->next_pending;
            if (!s->pend_head) s->pend_tail = NULL;
            continue;
        }
        rd_kafka_headers_destroy(hs);
        m->state = M_PENDING;
        if (e == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            /* backpressure: it waits at the head; delivery reports make room */
            s->st.queue_full++;
            schedule_retry(s);
            return;
        }
        s->pend_head = m->next_pending;
        if (!s->pend_head) s->pend_tail = NULL;
        if (e == RD_KAFKA_RESP_ERR__FATAL) {
            pend_push(s, m);
            request_recreate(s, rd_kafka_err2str(e));
            return;
        }
        if (permanent_error(e)) {
            s->st.delivery_errors++; /* refused before it left: a delivery error all the same */
            to_deadletter(s, m, rd_kafka_err2str(e));
        } else {
            s->st.retries++;
            pend_push(s, m);
            schedule_retry(s);
            return;
        }
    }
}

/* ---------- backpressure, replay, hook ---------- */

static void update_pause(struct fw_sink *s)
{
    uint64_t sb = fw_spool_bytes(s->spool);
    int over = sb > s->spool_max / 10 * 9 || s->mem_bytes > s->mem_max;
    int under = sb < s->spool_max / 10 * 7 && s->mem_bytes < s->mem_max / 10 * 7;
    int p = s->paused ? !under : over;
    if (p == s->paused) return;
    s->paused = p;
    fw_log(p ? LOG_WARNING : LOG_NOTICE, "sink",
           p ? "backpressure: pausing fetches (spool %" PRIu64 " bytes, %" PRIu64 " bytes in memory)"
             : "backpressure over: resuming fetches (spool %" PRIu64 " bytes, %" PRIu64 " bytes in memory)",
           sb, s->mem_bytes);
    if (s->cb.pause) s->cb.pause(s->cb.arg, p);
}

static void unit_add(struct fw_sink *s, struct unit *u)
{
    u->next = s->units;
    if (s->units) s->units->prev = u;
    s->units = u;
    s->nunits++;
    s->mem_bytes += u->blen;
    unit_queue(s, u);
}

static void replay_some(struct fw_sink *s)
{
    struct fw_buf b;
    fw_buf_init(&b, 0);
    uint64_t seq;
    for (int i = 0; i < REPLAY_BATCH && s->mem_bytes < s->mem_max / 2; i++) {
        if (!fw_spool_replay_next(s->spool, &b, &seq)) {
            s->replaying = 0;
            fw_log(LOG_INFO, "sink", "spool replay finished: %" PRIu64 " units", s->st.replayed);
            break;
        }
        size_t n = b.len;
        struct unit *u = unit_parse(fw_buf_steal(&b), n);
        if (!u) {
            s->st.dropped++;
            fw_log(LOG_ERR, "sink", "spool unit %" PRIu64 " is malformed: dropped", seq);
            fw_spool_ack(s->spool, seq, NULL, 0);
            continue;
        }
        u->seq = seq;
        s->st.replayed++;
        if (s->cb.replay) s->cb.replay(s->cb.arg, u->id, u->mark);
        unit_add(s, u);
    }
    fw_buf_fini(&b);
    pump(s);
}

/* Runs at the next loop iteration, after this one's callbacks: every spool
 * write of an iteration shares one fsync (policy batch). */
static void on_tick(struct fw_loop *loop, void *arg)
{
    struct fw_sink *s = arg;
    if (s->replaying && !s->draining && s->mem_bytes < s->mem_max / 2) replay_some(s);
    fw_spool_sync(s->spool);
    if (s->replaying && !s->draining && s->mem_bytes < s->mem_max / 2) fw_loop_timer_start(loop, &s->tick, 0);
}

static void tick_soon(struct fw_sink *s)
{
    if (!fw_timer_active(&s->tick)) fw_loop_timer_start(s->loop, &s->tick, 0);
}

static void on_drain_timeout(struct fw_loop *loop, void *arg)
{
    struct fw_sink *s = arg;
    fw_cb cb = s->drain_cb;
    s->drain_cb = NULL;
    fw_log(LOG_WARNING, "sink", "drain timeout: %" PRIu64 " units not acknowledged stay in the spool", s->nunits);
    if (cb) cb(loop, s->drain_arg);
}

/* ---------- public ---------- */

enum fw_err fw_sink_new(struct fw_loop *loop, const struct fw_conf *c, const struct fw_sink_callbacks *cbs,
                        struct fw_sink **out, char *err, size_t errsz)
{
    enum fw_err rc = FW_OK;
    char path[4096];
    struct fw_sink *s = fw_xcalloc(1, sizeof *s);
    s->loop = loop;
    s->pipe_rd = s->pipe_wr = -1;
    if (cbs) s->cb = *cbs;
    s->topics[K_ARTICLE] = fw_xstrdup(c->topic_articles);
    s->topics[K_EVENT] = fw_xstrdup(c->topic_events);
    s->topics[K_DLQ] = fw_xstrdup(c->topic_dlq);
    s->topics[K_INCIDENT] = fw_xstrdup(c->incident_topic);
    s->queue_max = c->queue_max_msgs;
    s->spool_max = (uint64_t)c->spool_max_bytes;
    /* units in memory: a quarter of the spool cap, within [16 MiB, 256 MiB] */
    s->mem_max = s->spool_max / 4;
    if (s->mem_max < (16u << 20)) s->mem_max = 16u << 20;
    if (s->mem_max > (256u << 20)) s->mem_max = 256u << 20;
    s->drain_timeout_ms = c->drain_timeout_ms;
    s->kconf.kv = fw_xcalloc(2 * c->nkafka + 1, sizeof *s->kconf.kv);
    for (size_t i = 0; i < c->nkafka; i++) {
        s->kconf.kv[2 * i] = fw_xstrdup(c->kafka[i].key);
        s->kconf.kv[2 * i + 1] = fw_xstrdup(c->kafka[i].val);
    }
    s->kconf.n = c->nkafka;
    fw_timer_init(&s->retry_timer, on_retry_timer, s);
    fw_timer_init(&s->drain_timer, on_drain_timeout, s);
    fw_timer_init(&s->recreate_timer, on_recreate, s);
    fw_timer_init(&s->tick, on_tick, s);
    int pol = fw_spool_parse_fsync(c->spool_fsync);
    if (pol < 0) {
        rc = fw_fail(err, errsz, FW_E_CONFIG, "sink.spool_fsync: unknown policy %s", c->spool_fsync);
        goto out;
    }
    if ((rc = fw_statedir_path(c->state_dir, FW_STATEDIR_SPOOL, path, sizeof path, err, errsz)) != FW_OK) goto out;
    if ((rc = fw_spool_open(path, s->spool_max, (enum fw_spool_fsync)pol, &s->spool, err, errsz)) != FW_OK) goto out;
    int p[2];
    if (pipe2(p, O_NONBLOCK | O_CLOEXEC) != 0) {
        rc = fw_fail(err, errsz, FW_E_IO, "pipe: %s", strerror(errno));
        goto out;
    }
    s->pipe_rd = p[0];
    s->pipe_wr = p[1];
    if ((rc = create_producer(s, err, errsz)) != FW_OK) goto out;
    *out = s;
    s = NULL;
out:
    fw_sink_free(s);
    return rc;
}

void fw_sink_free(struct fw_sink *s)
{
    if (!s) return;
    fw_loop_timer_stop(s->loop, &s->retry_timer);
    fw_loop_timer_stop(s->loop, &s->drain_timer);
    fw_loop_timer_stop(s->loop, &s->recreate_timer);
    fw_loop_timer_stop(s->loop, &s->tick);
    destroy_producer(s);
    for (struct unit *u = s->units, *next; u; u = next) {
        next = u->next;
        unit_free(u);
    }
    fw_spool_close(s->spool);
    if (s->pipe_rd >= 0) close(s->pipe_rd);
    if (s->pipe_wr >= 0) close(s->pipe_wr);
    for (int k = 0; k < K__N; k++) free(s->topics[k]);
    for (size_t i = 0; i < 2 * s->kconf.n; i++) free(s->kconf.kv[i]);
    free(s->kconf.kv);
    free(s);
}

void fw_sink_start(struct fw_sink *s)
{
    struct fw_spool_stats st;
    fw_spool_get_stats(s->spool, &st);
    s->replaying = st.replayable > 0;
    if (s->replaying) tick_soon(s);
}

/* Spools and enqueues a serialized unit; takes blob on every path. */
static enum fw_err submit(struct fw_sink *s, char *blob, size_t n, char *err, size_t errsz)
{
    uint64_t seq;
    enum fw_err rc = fw_spool_append(s->spool, blob, n, &seq, err, errsz);
    if (rc != FW_OK) {
        free(blob);
        s->st.refused++;
        int64_t now = fw_wall_ms();
        if (now - s->refused_logged_ms > 10000) { /* a WARNING per 10 s, the count in it */
            s->refused_logged_ms = now;
            fw_log(LOG_WARNING, "sink", "unit refused (%" PRIu64 " so far): %s", s->st.refused, err ? err : "");
        }
        update_pause(s);
        return rc;
    }
    struct unit *u = unit_parse(blob, n);
    if (!u) { /* we serialized it ourselves: a bug, not input */
        fw_spool_ack(s->spool, seq, NULL, 0);
        return fw_fail(err, errsz, FW_E_INVAL, "internal error: unit does not parse");
    }
    u->seq = seq;
    unit_add(s, u);
    s->st.published++;
    tick_soon(s);
    update_pause(s);
    pump(s);
    return FW_OK;
}

enum fw_err fw_sink_publish(struct fw_sink *s, const struct fw_record_article *a, const char *mark, char *err,
                            size_t errsz)
{
    if (s->draining) return fw_fail(err, errsz, FW_E_REFUSED, "sink is draining");
    enum fw_err rc = FW_OK;
    char t[32], ce_id[128], h[17];
    fw_record_time(a->fetched_at_ms, t);
    snprintf(h, sizeof h, "%016" PRIx64, a->content_hash);
    struct fw_buf val, b;
    fw_buf_init(&val, 0);
    fw_buf_init(&b, 0); /* no cap while building (a failed add would leave a hole): checked once at the end */
    if ((rc = fw_record_article_json(a, &val, err, errsz)) != FW_OK) goto out;
    put_u32(&b, 1);
    put_str(&b, a->id, strlen(a->id));
    put_str(&b, mark ? mark : "", mark ? strlen(mark) : 0);
    put_u32(&b, (uint32_t)(1 + a->nevents + a->nincidents));
    fw_buf_addc(&b, K_ARTICLE);
    put_str(&b, a->id, strlen(a->id));
    put_str(&b, val.p, val.len);
    /* ce_id: the same for a retry of this message, new for an update */
    snprintf(ce_id, sizeof ce_id, "%s:%s", a->id, h);
    ce_headers(&b, FW_RECORD_SCHEMA_ARTICLE, a->updated ? "org.feedwire.article.updated" : "org.feedwire.article.new",
               ce_id, a->feed_url, a->url, t);
    for (size_t i = 0; i < a->nevents; i++) {
        const struct fw_event *ev = &a->events[i];
        fw_buf_reset(&val);
        if ((rc = fw_record_event_json(ev, a, &val, err, errsz)) != FW_OK) goto out;
        fw_buf_addc(&b, K_EVENT);
        /* keyed by the article: its events share one partition, in order, and
         * the partition number of the article's message (same key, same
         * partitioner) when both topics have as many partitions */
        put_str(&b, a->id, strlen(a->id));
        put_str(&b, val.p, val.len);
        ce_headers(&b, FW_RECORD_SCHEMA_EVENT, "org.feedwire.event", ev->id, a->feed_url, a->id, t);
    }
    /* produced with the article, in the order of the decisions (unit_queue) */
    for (size_t i = 0; i < a->nincidents; i++) {
        const struct fw_record_incident *inc = &a->incidents[i];
        if (!inc->id || !*inc->id || !inc->json) {
            rc = fw_fail(err, errsz, FW_E_INVAL, "incident without id or record");
            goto out;
        }
        fw_buf_addc(&b, K_INCIDENT);
        put_str(&b, inc->id, strlen(inc->id)); /* compacted topic: the last record of an incident is its state */
        put_str(&b, inc->json, strlen(inc->json));
        /* a new version per article that changed it; the same for a retry of this unit */
        snprintf(ce_id, sizeof ce_id, "%s:%s", inc->id, a->id);
        ce_headers(&b, FW_RECORD_SCHEMA_INCIDENT, "org.feedwire.incident", ce_id, a->feed_url, inc->id, t);
    }
    if (b.len > FW_SPOOL_RECORD_MAX) {
        s->st.refused++;
        rc = fw_fail(err, errsz, FW_E_TOOBIG, "article %s: unit larger than %u bytes", a->id, FW_SPOOL_RECORD_MAX);
        goto out;
    }
    fw_buf_fini(&val);
    size_t n = b.len;
    return submit(s, fw_buf_steal(&b), n, err, errsz);
out:
    fw_buf_fini(&val);
    fw_buf_fini(&b);
    return rc;
}

/* Kafka Connect's dead-letter headers, so consumers' tooling reads ours. */
#define DLQ_HDRS 4
static void dlq_headers(struct fw_buf *b, const char *stage, const char *cls, const char *msg, const char *topic)
{
    put_hdr(b, "__connect.errors.connector.name", "feedwired");
    put_hdr(b, "__connect.errors.stage", stage && *stage ? stage : "unknown");
    put_hdr(b, "__connect.errors.exception.class.name", cls && *cls ? cls : "unknown");
    put_hdr(b, "__connect.errors.exception.message", msg && *msg ? msg : "");
    if (topic) put_hdr(b, "__connect.errors.topic", topic);
}

static json_t *str_or_null(const char *v)
{
    return v ? json_string(v) : json_null();
}

enum fw_err fw_sink_deadletter(struct fw_sink *s, const struct fw_sink_failure *f, const char *mark, char *err,
                               size_t errsz)
{
    if (s->draining) return fw_fail(err, errsz, FW_E_REFUSED, "sink is draining");
    const char *key = f->key;
    if (!key || !*key) return fw_fail(err, errsz, FW_E_INVAL, "dead-letter without key");
    char t[32];
    fw_record_time(fw_wall_ms(), t);
    size_t pn = f->n > DLQ_PAYLOAD_MAX ? DLQ_PAYLOAD_MAX : f->n;
    /* a payload that is not UTF-8 (or cut inside a sequence) is left out, and said so */
    json_t *pj = f->payload ? json_stringn(f->payload, pn) : NULL;
    int cut = pn < f->n || (f->payload && !pj);
    json_t *o = json_pack("{s:s,s:i,s:s,s:s,s:n,s:s,s:o,s:b,s:s}", "schema", FW_SINK_SCHEMA_DEADLETTER,
                          "schema_version", FW_SINK_SCHEMA_VERSION, "key", key, "reason", f->reason ? f->reason : "",
                          "topic", "kind", "pipeline", "payload", pj ? pj : json_null(), "payload_truncated", cut,
                          "at", t);
    if (o) {
        json_object_set_new(o, "stage", str_or_null(f->stage));
        json_object_set_new(o, "error", str_or_null(f->error));
        json_object_set_new(o, "url", str_or_null(f->url));
        json_object_set_new(o, "feed", str_or_null(f->feed));
        json_object_set_new(o, "feed_url", str_or_null(f->feed_url));
        json_object_set_new(o, "feed_title", str_or_null(f->feed_title));
        json_object_set_new(o, "http_status", f->http_status ? json_integer(f->http_status) : json_null());
        json_object_set_new(o, "attempts", json_integer(f->attempts ? f->attempts : 1));
    }
    char *v = NULL;
    size_t vl = 0;
    enum fw_err rc = dump_json(o, &v, &vl, err, errsz);
    if (rc != FW_OK) return rc;
    struct fw_buf b;
    fw_buf_init(&b, 0); /* no cap while building (a failed add would leave a hole): checked once at the end */
    put_u32(&b, 1);
    put_str(&b, key, strlen(key));
    put_str(&b, mark ? mark : "", mark ? strlen(mark) : 0);
    put_u32(&b, 1);
    fw_buf_addc(&b, K_DLQ);
    put_str(&b, key, strlen(key));
    put_str(&b, v, vl);
    free(v);
    ce_headers_n(&b, DLQ_HDRS, FW_SINK_SCHEMA_DEADLETTER, "org.feedwire.deadletter", key,
                 f->feed_url ? f->feed_url : "feedwire", f->url, t);
    dlq_headers(&b, f->stage, f->error, f->reason, NULL);
    size_t bn = b.len;
    return submit(s, fw_buf_steal(&b), bn, err, errsz);
}

void fw_sink_drain(struct fw_sink *s, fw_cb cb, void *arg)
{
    s->draining = 1;
    s->drain_cb = cb;
    s->drain_arg = arg;
    fw_log(LOG_NOTICE, "sink", "draining %" PRIu64 " units (at most %ld ms)", s->nunits, s->drain_timeout_ms);
    fw_loop_timer_start(s->loop, &s->drain_timer, (uint64_t)s->drain_timeout_ms);
    pump(s);
    check_drained(s);
}

int fw_sink_paused(const struct fw_sink *s)
{
    return s->paused;
}

void fw_sink_get_stats(const struct fw_sink *s, struct fw_sink_stats *st)
{
    *st = s->st;
    st->units_in_flight = s->nunits;
    st->units_unsettled = s->unsettled;
    st->mem_bytes = s->mem_bytes;
    st->spool_bytes = fw_spool_live_bytes(s->spool);
    st->paused = s->paused;
    /* before the first delivery: up once the producer learnt the cluster's metadata */
    st->kafka_up = s->kafka_up || (!s->kafka_down_logged && s->rk && rd_kafka_controllerid(s->rk, 0) >= 0);
}
