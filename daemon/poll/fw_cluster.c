/* Feeds shared among daemons through Kafka's consumer-group protocol
 * (fw_cluster.h). */
#include "feedwire/fw_cluster.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <librdkafka/rdkafka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_metrics.h"

#define NBUCKETS 4096u
#define KEY_MAX 2048     /* a feed key is a name or a URL */
#define BATCH_MAX 5000   /* messages per loop callback: the loop stays responsive on a big list */
#define CLOSE_MAX_MS 5000 /* leaving the group at stop, at most */

struct entry {
    struct entry *next;  /* bucket chain */
    char *key;
    int32_t part;
    struct fw_feedlist_entry e;
};

struct fw_cluster {
    struct fw_loop *loop;
    struct fw_metrics *m;
    rd_kafka_t *rk;
    rd_kafka_queue_t *q;
    char *topic;
    int pipe_rd, pipe_wr;
    struct fw_timer tick;
    struct fw_cluster_hooks hooks;
    /* a cooperative revoke waiting for its handover (hooks.handover) */
    rd_kafka_topic_partition_list_t *handing;
    uint64_t handing_token, handing_since_ms;
    struct entry *buckets[NBUCKETS];
    size_t nfeeds;
    uint8_t *owned;      /* by partition number */
    size_t owned_cap, nowned;
    int dirty, closing;
    rd_kafka_resp_err_t last_err; /* logged once until it changes */
    uint64_t rebalances, lost;
    uint64_t rebalances_pushed; /* already added to the counter metric */
};

static uint32_t fnv1a(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)p[i];
        h *= 16777619u;
    }
    return h;
}

int fw_cluster_url_host(const char *url, char *out, size_t outsz)
{
    const char *p = strstr(url, "://");
    if (!p) return -1;
    p += 3;
    size_t auth = strcspn(p, "/?#");
    const char *at = memchr(p, '@', auth);
    if (at) {
        auth -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    size_t n;
    if (*p == '[') {
        const char *close = memchr(p, ']', auth);
        if (!close) return -1;
        n = (size_t)(close + 1 - p);
    } else {
        n = strcspn(p, ":/?#");
        if (n > auth) n = auth;
    }
    if (!n || n >= outsz) return -1;
    for (size_t i = 0; i < n; i++) out[i] = (char)tolower((unsigned char)p[i]);
    out[n] = 0;
    return 0;
}

int32_t fw_cluster_partition_of(const char *url, int32_t npartitions)
{
    char host[512];
    if (npartitions <= 1) return 0;
    if (fw_cluster_url_host(url, host, sizeof host) != 0) snprintf(host, sizeof host, "%.511s", url);
    return (int32_t)(fnv1a(host, strlen(host)) % (uint32_t)npartitions);
}

void fw_cluster_entry_line(const struct fw_feedlist_entry *e, char *out, size_t outsz)
{
    int n = snprintf(out, outsz, "%s", e->url);
    if (n < 0 || (size_t)n >= outsz) return;
    if (e->name) n += snprintf(out + n, outsz - (size_t)n, " name=%s", e->name);
    if (n < 0 || (size_t)n >= outsz) return;
    if (e->interval_s) n += snprintf(out + n, outsz - (size_t)n, " interval=%lds", e->interval_s);
    if (n < 0 || (size_t)n >= outsz) return;
    if (e->idkind != FW_FEED_ID_GUID) snprintf(out + n, outsz - (size_t)n, " id=%s", fw_feed_idkind_str(e->idkind));
}

/* ------------------------------------------------------------ the table */

static void entry_free(struct entry *en)
{
    free(en->key);
    free(en->e.url);
    free(en->e.name);
    free(en);
}

static struct entry **slot_of(struct fw_cluster *c, const char *key, size_t n)
{
    struct entry **pp = &c->buckets[fnv1a(key, n) % NBUCKETS];
    while (*pp && !(strlen((*pp)->key) == n && !memcmp((*pp)->key, key, n))) pp = &(*pp)->next;
    return pp;
}

static void table_remove(struct fw_cluster *c, const char *key, size_t n)
{
    struct entry **pp = slot_of(c, key, n), *en = *pp;
    if (!en) return;
    *pp = en->next;
    entry_free(en);
    c->nfeeds--;
    c->dirty = 1;
}

/* A feed-topic record: the value must be one feed whose key is the record's. */
static void table_put(struct fw_cluster *c, int32_t part, const char *key, size_t keylen, const char *val, size_t n)
{
    struct fw_feedlist *fl = NULL;
    char err[512], origin[96];
    snprintf(origin, sizeof origin, "%s[%d]", c->topic, (int)part);
    if (fw_feedlist_parse(val, n, origin, &fl, err, sizeof err) != FW_OK || fl->n != 1 ||
        strlen(fw_feedlist_key(&fl->v[0])) != keylen || memcmp(fw_feedlist_key(&fl->v[0]), key, keylen)) {
        /* a bad record never stops the others: it is skipped, the feed it replaces kept */
        if (fl) snprintf(err, sizeof err, "%s: %s", origin, fl->n != 1 ? "not one feed" : "key is not the feed's name or URL");
        fw_log(LOG_WARNING, "sched", "cluster: feed record %.*s skipped: %s", (int)(keylen > 200 ? 200 : keylen), key, err);
        fw_feedlist_free(fl);
        return;
    }
    struct entry **pp = slot_of(c, key, keylen), *en = *pp;
    if (!en) {
        en = fw_xcalloc(1, sizeof *en);
        en->key = fw_xstrndup(key, keylen);
        *pp = en;
        c->nfeeds++;
    } else {
        free(en->e.url);
        free(en->e.name);
    }
    en->part = part;
    en->e = fl->v[0];
    en->e.line = 0;
    fl->v[0].url = fl->v[0].name = NULL; /* moved into the entry */
    fw_feedlist_free(fl);
    c->dirty = 1;
}

static void drop_partition(struct fw_cluster *c, int32_t part)
{
    for (size_t b = 0; b < NBUCKETS; b++)
        for (struct entry **pp = &c->buckets[b]; *pp;) {
            struct entry *en = *pp;
            if (en->part != part) {
                pp = &en->next;
                continue;
            }
            *pp = en->next;
            entry_free(en);
            c->nfeeds--;
            c->dirty = 1;
        }
}

static int is_owned(const struct fw_cluster *c, int32_t part)
{
    return part >= 0 && (size_t)part < c->owned_cap && c->owned[part];
}

static void set_owned(struct fw_cluster *c, int32_t part, int on)
{
    if (part < 0) return;
    if ((size_t)part >= c->owned_cap) {
        if (!on) return;
        size_t cap = (size_t)part + 64;
        c->owned = fw_xrealloc(c->owned, cap);
        memset(c->owned + c->owned_cap, 0, cap - c->owned_cap);
        c->owned_cap = cap;
    }
    if (c->owned[part] != on) c->nowned += on ? 1 : (size_t)-1;
    c->owned[part] = (uint8_t)on;
}

/* The feeds of the partitions in parts, or all when parts is NULL (a copy:
 * the caller frees it). */
static struct fw_feedlist *feeds_of(const struct fw_cluster *c, const rd_kafka_topic_partition_list_t *parts)
{
    struct fw_feedlist *fl = fw_xcalloc(1, sizeof *fl);
    fl->v = fw_xcalloc(c->nfeeds ? c->nfeeds : 1, sizeof *fl->v);
    for (size_t b = 0; b < NBUCKETS; b++)
        for (const struct entry *en = c->buckets[b]; en; en = en->next) {
            int hit = !parts;
            for (int i = 0; parts && i < parts->cnt && !hit; i++) hit = parts->elems[i].partition == en->part;
            if (!hit) continue;
            struct fw_feedlist_entry *e = &fl->v[fl->n++];
            *e = en->e;
            e->url = fw_xstrdup(en->e.url);
            e->name = en->e.name ? fw_xstrdup(en->e.name) : NULL;
        }
    return fl;
}

struct fw_feedlist *fw_cluster_feedlist(const struct fw_cluster *c)
{
    return feeds_of(c, NULL);
}

/* with_lag asks librdkafka for the assignment and positions: never from
 * the rebalance callback, where that call waits on the group thread that
 * waits on the callback (a deadlock seen at close). */
static void set_metrics(struct fw_cluster *c, int with_lag)
{
    if (!c->m) return;
    fw_metrics_set(c->m, FW_M_CLUSTER_PARTITIONS, (double)c->nowned);
    fw_metrics_add(c->m, FW_M_CLUSTER_REBALANCES, c->rebalances - c->rebalances_pushed);
    c->rebalances_pushed = c->rebalances;
    if (!with_lag || c->closing) return;
    struct fw_cluster_stats st;
    fw_cluster_get_stats(c, &st);
    fw_metrics_set(c->m, FW_M_CLUSTER_LAG, (double)(st.lag < 0 ? 0 : st.lag));
}

static void publish(struct fw_cluster *c)
{
    c->dirty = 0;
    set_metrics(c, 0);
    if (c->closing || !c->hooks.feeds) return;
    struct fw_feedlist *fl = fw_cluster_feedlist(c);
    c->hooks.feeds(c->hooks.arg, fl);
    fw_feedlist_free(fl);
}

/* ------------------------------------------------------------- consumer */

static void parts_text(const rd_kafka_topic_partition_list_t *parts, char *out, size_t outsz)
{
    size_t n = 0;
    out[0] = 0;
    for (int i = 0; i < parts->cnt && n + 16 < outsz; i++)
        n += (size_t)snprintf(out + n, outsz - n, "%s%d", i ? "," : "", (int)parts->elems[i].partition);
}

/* An (un)assign call's failure is logged; kerr is destroyed. */
static void log_failed(rd_kafka_error_t *kerr, rd_kafka_resp_err_t rerr)
{
    if (kerr) {
        fw_log(LOG_ERR, "sched", "cluster: %s", rd_kafka_error_string(kerr));
        rd_kafka_error_destroy(kerr);
    } else if (rerr) {
        fw_log(LOG_ERR, "sched", "cluster: %s", rd_kafka_err2str(rerr));
    }
}

/* Revoked partitions leave: their feeds go from the list (the owner drops
 * them) before librdkafka lets the partitions go. */
static void let_go(struct fw_cluster *c, rd_kafka_topic_partition_list_t *parts)
{
    for (int i = 0; i < parts->cnt; i++) drop_partition(c, parts->elems[i].partition);
    publish(c);
    if (!strcmp(rd_kafka_rebalance_protocol(c->rk), "COOPERATIVE"))
        log_failed(rd_kafka_incremental_unassign(c->rk, parts), RD_KAFKA_RESP_ERR_NO_ERROR);
    else
        log_failed(NULL, rd_kafka_assign(c->rk, NULL));
    set_metrics(c, 0);
}

void fw_cluster_handover_done(struct fw_cluster *c, uint64_t token)
{
    if (!c->handing || token != c->handing_token) return;
    rd_kafka_topic_partition_list_t *parts = c->handing;
    c->handing = NULL;
    char list[512];
    parts_text(parts, list, sizeof list);
    if (!c->closing)
        fw_log(LOG_NOTICE, "sched", "cluster: partitions %s of %s handed over in %" PRIu64 " ms, let go", list,
               c->topic, fw_now_ms() - c->handing_since_ms);
    let_go(c, parts);
    rd_kafka_topic_partition_list_destroy(parts);
}

/* Served by rd_kafka_consumer_poll, so on the loop's thread. */
static void on_rebalance(rd_kafka_t *rk, rd_kafka_resp_err_t why, rd_kafka_topic_partition_list_t *parts,
                         void *opaque)
{
    struct fw_cluster *c = opaque;
    int coop = !strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE");
    char list[512];
    parts_text(parts, list, sizeof list);
    /* a handover still running ends first: librdkafka moved on (a close, a
     * lost session), so the revoked partitions go now */
    if (c->handing) fw_cluster_handover_done(c, c->handing_token);
    if (why == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        /* offsets are never committed: an assigned partition is read whole
         * (the topic is compacted: one record per feed) */
        for (int i = 0; i < parts->cnt; i++) {
            parts->elems[i].offset = RD_KAFKA_OFFSET_BEGINNING;
            set_owned(c, parts->elems[i].partition, 1);
        }
        if (coop) log_failed(rd_kafka_incremental_assign(rk, parts), RD_KAFKA_RESP_ERR_NO_ERROR);
        else log_failed(NULL, rd_kafka_assign(rk, parts));
        c->rebalances++;
        if (!c->closing)
            fw_log(LOG_NOTICE, "sched", "cluster: assigned partitions %s of %s (now %zu)", list[0] ? list : "none",
                   c->topic, c->nowned);
    } else {
        int lost = rd_kafka_assignment_lost(rk);
        for (int i = 0; i < parts->cnt; i++) set_owned(c, parts->elems[i].partition, 0);
        c->rebalances++;
        if (lost) c->lost++;
        if (!c->closing)
            fw_log(lost ? LOG_WARNING : LOG_NOTICE, "sched", "cluster: %s partitions %s of %s (now %zu)",
                   why == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS ? (lost ? "lost" : "revoked") : rd_kafka_err2str(why),
                   list[0] ? list : "none", c->topic, c->nowned);
        if (coop && !lost && !c->closing && c->hooks.handover) {
            /* the partitions stay ours (their records ignored: not owned)
             * until the owner has handed their feeds over */
            c->handing = rd_kafka_topic_partition_list_copy(parts);
            c->handing_token++;
            c->handing_since_ms = fw_now_ms();
            struct fw_feedlist *fl = feeds_of(c, parts);
            c->hooks.handover(c->hooks.arg, fl, c->handing_token);
            fw_feedlist_free(fl);
            set_metrics(c, 0);
            return;
        }
        if (lost && !c->closing && c->hooks.lost) {
            struct fw_feedlist *fl = feeds_of(c, parts);
            c->hooks.lost(c->hooks.arg, fl);
            fw_feedlist_free(fl);
        }
        let_go(c, parts);
    }
    set_metrics(c, 0);
}

static void on_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    fw_log(level <= LOG_WARNING ? LOG_WARNING : LOG_DEBUG, "sched", "cluster: kafka %s: %s", fac, buf);
}

static void on_error(rd_kafka_t *rk, int code, const char *reason, void *opaque)
{
    struct fw_cluster *c = opaque;
    if ((rd_kafka_resp_err_t)code == c->last_err) return;
    c->last_err = (rd_kafka_resp_err_t)code;
    fw_log(LOG_WARNING, "sched", "cluster: %s", reason);
}

static void serve(struct fw_cluster *c)
{
    rd_kafka_message_t *msg;
    int n = 0;
    while (n < BATCH_MAX && c->rk && (msg = rd_kafka_consumer_poll(c->rk, 0))) {
        n++;
        if (msg->err) {
            if (msg->err != RD_KAFKA_RESP_ERR__PARTITION_EOF && msg->err != c->last_err) {
                c->last_err = msg->err;
                fw_log(LOG_WARNING, "sched", "cluster: %s: %s", c->topic, rd_kafka_message_errstr(msg));
            }
        } else if (!is_owned(c, msg->partition)) {
            /* fetched before a revoke: no longer ours */
        } else if (!msg->key || !msg->key_len || msg->key_len > KEY_MAX || memchr(msg->key, 0, msg->key_len)) {
            fw_log(LOG_WARNING, "sched", "cluster: record at %s[%d]@%lld skipped: no usable key", c->topic,
                   (int)msg->partition, (long long)msg->offset);
        } else if (!msg->payload) {
            table_remove(c, msg->key, msg->key_len); /* a tombstone: the feed left the list */
        } else {
            table_put(c, msg->partition, msg->key, msg->key_len, msg->payload, msg->len);
        }
        if (!msg->err && c->last_err) c->last_err = RD_KAFKA_RESP_ERR_NO_ERROR;
        rd_kafka_message_destroy(msg);
    }
    if (c->dirty) publish(c);
    if (n == BATCH_MAX) fw_loop_timer_start(c->loop, &c->tick, 0);
}

static void on_io(struct fw_loop *loop, int fd, unsigned events, void *arg)
{
    struct fw_cluster *c = arg;
    char buf[256];
    while (read(fd, buf, sizeof buf) > 0) {
    }
    serve(c);
}

/* The queue fd wakes on a non-empty queue only; this also keeps
 * max.poll.interval.ms satisfied while nothing arrives. */
static void on_tick(struct fw_loop *loop, void *arg)
{
    struct fw_cluster *c = arg;
    fw_loop_timer_start(loop, &c->tick, 1000);
    serve(c);
    set_metrics(c, 1);
}

static enum fw_err make_consumer(struct fw_cluster *c, const struct fw_conf *conf, char *err, size_t errsz)
{
    char kerr[512], sess[32], hb[32], host[64] = "", client[128];
    rd_kafka_conf_t *kc = rd_kafka_conf_new();
    snprintf(sess, sizeof sess, "%ld", conf->cluster_session_timeout_ms);
    /* names the daemon in the group's description (feedwire feeds ls --owners) */
    gethostname(host, sizeof host - 1);
    snprintf(client, sizeof client, "feedwired@%s:%ld", host, (long)getpid());
    /* a member's death is seen after the session timeout, counted from its
     * last heartbeat, and the survivors hear of the rebalance at their next
     * one: a takeover takes the session timeout give or take one heartbeat
     * interval, so that is kept small (a heartbeat is one small request) */
    snprintf(hb, sizeof hb, "%ld", conf->cluster_session_timeout_ms / 10 > 100 ? conf->cluster_session_timeout_ms / 10 : 100);
    /* [kafka] first (brokers, security), then what the protocol needs */
    for (size_t i = 0; i < conf->nkafka; i++) {
        const char *k = conf->kafka[i].key;
        /* the producer's settings of the daemon's config do not apply to a consumer */
        if (!strcmp(k, "enable.idempotence") || !strcmp(k, "acks") || !strncmp(k, "compression", 11) ||
            !strncmp(k, "linger", 6) || !strncmp(k, "queue.buffering", 15))
            continue;
        if (rd_kafka_conf_set(kc, k, conf->kafka[i].val, kerr, sizeof kerr) != RD_KAFKA_CONF_OK) goto bad;
    }
    const char *set[][2] = {
        {"group.id", conf->cluster_group},
        {"partition.assignment.strategy", "cooperative-sticky"},
        {"session.timeout.ms", sess},
        {"heartbeat.interval.ms", hb},
        {"enable.auto.commit", "false"},
        {"enable.auto.offset.store", "false"},
        {"auto.offset.reset", "earliest"},
        {"enable.partition.eof", "false"},
        {"client.id", client},
        /* a topic created (feedwire feeds import) or grown after the start is seen within 10 s, not 5 min */
        {"topic.metadata.refresh.interval.ms", "10000"},
        {"log.queue", "true"},
        {"group.instance.id", conf->cluster_instance_id[0] ? conf->cluster_instance_id : NULL},
    };
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (set[i][1] && rd_kafka_conf_set(kc, set[i][0], set[i][1], kerr, sizeof kerr) != RD_KAFKA_CONF_OK) goto bad;
    rd_kafka_conf_set_opaque(kc, c);
    rd_kafka_conf_set_rebalance_cb(kc, on_rebalance);
    rd_kafka_conf_set_log_cb(kc, on_log);
    rd_kafka_conf_set_error_cb(kc, on_error);
    c->rk = rd_kafka_new(RD_KAFKA_CONSUMER, kc, kerr, sizeof kerr); /* takes kc on success */
    if (!c->rk) goto bad;
    rd_kafka_set_log_queue(c->rk, NULL);
    rd_kafka_poll_set_consumer(c->rk); /* logs, errors and rebalances come through the consumer queue */
    c->q = rd_kafka_queue_get_consumer(c->rk);
    rd_kafka_queue_io_event_enable(c->q, c->pipe_wr, "1", 1);
    rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, c->topic, RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t rerr = rd_kafka_subscribe(c->rk, topics);
    rd_kafka_topic_partition_list_destroy(topics);
    if (rerr) return fw_fail(err, errsz, FW_E_CONFIG, "cluster: subscribe to %s: %s", c->topic, rd_kafka_err2str(rerr));
    return FW_OK;
bad:
    rd_kafka_conf_destroy(kc);
    return fw_fail(err, errsz, FW_E_CONFIG, "cluster: %s", kerr);
}

enum fw_err fw_cluster_new(struct fw_loop *loop, const struct fw_conf *conf, struct fw_metrics *m,
                           const struct fw_cluster_hooks *hooks, struct fw_cluster **out, char *err, size_t errsz)
{
    struct fw_cluster *c = fw_xcalloc(1, sizeof *c);
    enum fw_err rc;
    int p[2];
    c->loop = loop;
    c->m = m;
    if (hooks) c->hooks = *hooks;
    c->topic = fw_xstrdup(conf->cluster_topic);
    c->pipe_rd = c->pipe_wr = -1;
    fw_timer_init(&c->tick, on_tick, c);
    if (pipe2(p, O_NONBLOCK | O_CLOEXEC) != 0) {
        rc = fw_fail(err, errsz, FW_E_IO, "cluster: pipe: %s", strerror(errno));
        goto fail;
    }
    c->pipe_rd = p[0];
    c->pipe_wr = p[1];
    if ((rc = make_consumer(c, conf, err, errsz)) != FW_OK) goto fail;
    if (fw_loop_watch(loop, c->pipe_rd, FW_READ, on_io, c) != 0) {
        rc = fw_fail(err, errsz, FW_E_IO, "cluster: cannot watch the queue fd: %s", strerror(errno));
        goto fail;
    }
    fw_loop_timer_start(loop, &c->tick, 0);
    fw_log(LOG_NOTICE, "sched", "cluster: joining group %s on %s%s%s", conf->cluster_group, c->topic,
           conf->cluster_instance_id[0] ? " as " : "", conf->cluster_instance_id);
    *out = c;
    return FW_OK;
fail:
    fw_cluster_free(c);
    return rc;
}

void fw_cluster_free(struct fw_cluster *c)
{
    if (!c) return;
    c->closing = 1;
    fw_loop_timer_stop(c->loop, &c->tick);
    if (c->pipe_rd >= 0) fw_loop_unwatch(c->loop, c->pipe_rd);
    if (c->rk) {
        rd_kafka_queue_io_event_enable(c->q, -1, NULL, 0);
        /* Leaves the group (the revoke runs here, cb not called), bounded:
         * librdkafka 2.0's close can hang when an assignment arrives while it
         * closes (librdkafka#4527); the session timeout then ends the membership. */
        rd_kafka_queue_t *cq = rd_kafka_queue_new(c->rk);
        rd_kafka_error_t *kerr = rd_kafka_consumer_close_queue(c->rk, cq);
        uint64_t until = fw_now_ms() + CLOSE_MAX_MS;
        while (!kerr && !rd_kafka_consumer_closed(c->rk) && fw_now_ms() < until) rd_kafka_queue_poll_callback(cq, 100);
        if (kerr || !rd_kafka_consumer_closed(c->rk))
            fw_log(LOG_WARNING, "sched", "cluster: leaving the group did not finish (%s): the session timeout ends it",
                   kerr ? rd_kafka_error_string(kerr) : "timed out");
        if (kerr) rd_kafka_error_destroy(kerr);
        rd_kafka_queue_destroy(cq);
        rd_kafka_queue_destroy(c->q);
        rd_kafka_destroy_flags(c->rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
    }
    for (size_t b = 0; b < NBUCKETS; b++)
        while (c->buckets[b]) {
            struct entry *en = c->buckets[b];
            c->buckets[b] = en->next;
            entry_free(en);
        }
    if (c->handing) rd_kafka_topic_partition_list_destroy(c->handing);
    if (c->pipe_rd >= 0) close(c->pipe_rd);
    if (c->pipe_wr >= 0) close(c->pipe_wr);
    free(c->owned);
    free(c->topic);
    free(c);
}

void fw_cluster_get_stats(const struct fw_cluster *c, struct fw_cluster_stats *out)
{
    memset(out, 0, sizeof *out);
    out->partitions = c->nowned;
    out->feeds = c->nfeeds;
    out->rebalances = c->rebalances;
    out->lost = c->lost;
    out->lag = -1;
    rd_kafka_topic_partition_list_t *parts = NULL;
    if (!c->rk || rd_kafka_assignment(c->rk, &parts) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
    rd_kafka_position(c->rk, parts);
    int64_t lag = 0;
    for (int i = 0; i < parts->cnt; i++) {
        int64_t lo, hi, pos = parts->elems[i].offset;
        /* cached by the fetcher: no request */
        if (rd_kafka_get_watermark_offsets(c->rk, parts->elems[i].topic, parts->elems[i].partition, &lo, &hi) ||
            hi < 0) {
            lag = -1;
            break;
        }
        lag += pos < 0 ? hi - lo : (hi > pos ? hi - pos : 0);
    }
    out->lag = lag;
    rd_kafka_topic_partition_list_destroy(parts);
}
