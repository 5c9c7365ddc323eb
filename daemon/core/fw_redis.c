#include "feedwire/fw_redis.h"

#include <errno.h>
#include <fcntl.h>
#include <hiredis/async.h>
#include <hiredis/hiredis.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_conf.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_loop.h"
#include "fw_redis_tls.h"

#define BACKOFF_MIN_MS 100u
#define BACKOFF_MAX_MS 5000u
#define SENTINELS_MAX 8
#define SENTINEL_TIMEOUT_MS 500u /* per sentinel asked */

enum link_state { LINK_IDLE, LINK_CONNECTING, LINK_HANDSHAKE, LINK_UP };

/* How to reach Redis: TCP, a unix socket or TLS (a relay, fw_redis_tls.h),
 * then AUTH [user] password and SELECT. One struct for both connect paths. */
struct connect_opts {
    char *host, *user, *password;
    int port, db;
    uint64_t timeout_ms;
    int tls;
    char *tls_ca, *tls_cert, *tls_key, *tls_name;
    struct fw_hostport sentinels[SENTINELS_MAX]; /* redis.sentinel: host and port come from them */
    int nsentinels, sentinel_next;               /* the one to ask first: the last that answered */
    char *master_name;
};

static void opts_init(struct connect_opts *o, const struct fw_conf *c)
{
    o->host = fw_xstrdup(c->redis_host);
    o->user = fw_xstrdup(c->redis_user ? c->redis_user : "");
    o->password = fw_xstrdup(c->redis_password ? c->redis_password : "");
    o->port = (int)c->redis_port;
    o->db = (int)c->redis_db;
    o->timeout_ms = (uint64_t)c->redis_timeout_ms;
    o->tls = c->redis_tls;
    o->tls_ca = fw_xstrdup(c->redis_tls_ca_file ? c->redis_tls_ca_file : "");
    o->tls_cert = fw_xstrdup(c->redis_tls_cert_file ? c->redis_tls_cert_file : "");
    o->tls_key = fw_xstrdup(c->redis_tls_key_file ? c->redis_tls_key_file : "");
    o->tls_name = fw_xstrdup(c->redis_tls_server_name ? c->redis_tls_server_name : "");
    int n = c->redis_sentinel ? fw_conf_sentinels(c->redis_sentinel, o->sentinels, SENTINELS_MAX) : 0;
    o->nsentinels = n < 0 ? 0 : n > SENTINELS_MAX ? SENTINELS_MAX : n;
    o->master_name = fw_xstrdup(c->redis_sentinel_master ? c->redis_sentinel_master : "");
}

static void opts_fini(struct connect_opts *o)
{
    free(o->host);
    free(o->user);
    free(o->password);
    free(o->tls_ca);
    free(o->tls_cert);
    free(o->tls_key);
    free(o->tls_name);
    free(o->master_name);
}

/* With redis.sentinel: asks the sentinels in turn, the last that answered
 * first, for the master's address and points o at it. Blocking, at most
 * SENTINEL_TIMEOUT_MS per sentinel, and only when a link is being made: the
 * link is down then, so nothing waits on Redis but the loop's other work
 * pauses for that long (an asynchronous resolve is TODO(#15)). 0, or -1 with
 * err filled when none knew. */
static int sentinel_resolve(struct connect_opts *o, char *err, size_t errsz)
{
    struct timeval tv = {0, SENTINEL_TIMEOUT_MS * 1000};
    for (int k = 0; k < o->nsentinels; k++) {
        int i = (o->sentinel_next + k) % o->nsentinels;
        const struct fw_hostport *s = &o->sentinels[i];
        redisContext *rc = redisConnectWithTimeout(s->host, s->port, tv);
        redisReply *rep = NULL;
        if (rc && !rc->err) {
            redisSetTimeout(rc, tv);
            rep = redisCommand(rc, "SENTINEL get-master-addr-by-name %s", o->master_name);
        }
        if (rep && rep->type == REDIS_REPLY_ARRAY && rep->elements == 2 && rep->element[0]->type == REDIS_REPLY_STRING &&
            rep->element[1]->type == REDIS_REPLY_STRING) {
            long port = strtol(rep->element[1]->str, NULL, 10);
            if (port > 0 && port <= 65535) {
                if (strcmp(o->host, rep->element[0]->str) || o->port != (int)port)
                    fw_log(LOG_NOTICE, "redis", "Sentinel %s:%d: the master of %s is %s:%ld", s->host, s->port,
                           o->master_name, rep->element[0]->str, port);
                free(o->host);
                o->host = fw_xstrdup(rep->element[0]->str);
                o->port = (int)port;
                o->sentinel_next = i;
                freeReplyObject(rep);
                redisFree(rc);
                return 0;
            }
        }
        fw_fail(err, errsz, FW_E_REDIS, "Sentinel %s:%d: %s", s->host, s->port,
                !rc || rc->err ? (rc ? rc->errstr : "out of memory")
                : rep && rep->type == REDIS_REPLY_ERROR ? rep->str : "master unknown");
        freeReplyObject(rep);
        redisFree(rc);
    }
    return -1;
}

/* The plaintext end of a TLS relay to the server, or -1 (err filled). */
static int tls_relay(const struct connect_opts *o, char *err, size_t errsz)
{
    struct fw_redis_tls_opts t = {o->host, o->port, o->tls_ca, o->tls_cert, o->tls_key, o->tls_name, o->timeout_ms};
    return fw_redis_tls_relay(&t, err, errsz);
}

struct fw_redis {
    struct fw_loop *loop;
    struct connect_opts o;

    redisAsyncContext *ac;
    int fd;
    unsigned events;           /* what hiredis asked the loop to watch */
    enum link_state state;
    int handshake_left;        /* replies still expected before LINK_UP */
    int down_logged;           /* "down" is logged once, then recovery */
    int refused_logged;        /* the same for a refused AUTH/SELECT */
    size_t pending;            /* user commands sent, not answered */
    uint64_t last_progress_ms; /* last reply, or when pending became non-zero */
    uint64_t backoff_ms;
    uint64_t connect_started_ms;
    struct fw_timer retry, watchdog;

    struct {
        fw_redis_status_cb cb;
        void *arg;
    } listeners[FW_REDIS_MAX_LISTENERS];
    int nlisteners;
};

/* one per user command: hiredis' privdata */
struct pending_cmd {
    struct fw_redis *r;
    fw_redis_cb cb;
    void *arg;
};

static void schedule_reconnect(struct fw_redis *r);

/* ---- adapter: hiredis asks, fw_loop watches ---- */

static void on_io(struct fw_loop *loop, int fd, unsigned events, void *arg)
{
    struct fw_redis *r = arg;
    if ((events & FW_READ) && r->ac) redisAsyncHandleRead(r->ac);
    /* the read may have freed the context (disconnect): check again */
    if ((events & FW_WRITE) && r->ac) redisAsyncHandleWrite(r->ac);
}

static void ev_update(struct fw_redis *r, unsigned set, unsigned clear)
{
    unsigned ev = (r->events | set) & ~clear;
    if (ev == r->events || r->fd < 0) return;
    r->events = ev;
    if (fw_loop_watch(r->loop, r->fd, ev, on_io, r) != 0)
        fw_log(LOG_ERR, "redis", "cannot watch the redis socket: %s", strerror(errno));
}

static void ev_add_read(void *p) { ev_update(p, FW_READ, 0); }
static void ev_del_read(void *p) { ev_update(p, 0, FW_READ); }
static void ev_add_write(void *p) { ev_update(p, FW_WRITE, 0); }
static void ev_del_write(void *p) { ev_update(p, 0, FW_WRITE); }

static void ev_cleanup(void *p)
{
    struct fw_redis *r = p;
    if (r->fd >= 0) fw_loop_unwatch(r->loop, r->fd);
    r->fd = -1;
    r->events = 0;
}

/* ---- link state ---- */

static void notify_status(struct fw_redis *r, int up)
{
    for (int i = 0; i < r->nlisteners; i++) r->listeners[i].cb(r, up, r->listeners[i].arg);
}

static void set_down(struct fw_redis *r, const char *why)
{
    int notify = r->state == LINK_UP;
    r->state = LINK_IDLE;
    if (!r->down_logged) {
        fw_log(LOG_WARNING, "redis", "Redis down (%s:%d%s): %s; dedup paused, nothing is published until it is back",
               r->o.host, r->o.port, r->o.tls ? " TLS" : "", why);
        r->down_logged = 1;
    } else {
        fw_log(LOG_DEBUG, "redis", "reconnect failed: %s", why);
    }
    if (notify) notify_status(r, 0);
}

static void set_up(struct fw_redis *r)
{
    r->state = LINK_UP;
    r->backoff_ms = 0;
    r->refused_logged = 0;
    if (r->down_logged)
        fw_log(LOG_NOTICE, "redis", "Redis is back (%s:%d)", r->o.host, r->o.port);
    else
        fw_log(LOG_INFO, "redis", "connected to Redis %s:%d db %d%s", r->o.host, r->o.port, r->o.db,
               r->o.tls ? " over TLS" : "");
    r->down_logged = 0;
    notify_status(r, 1);
}

static void on_disconnect(const redisAsyncContext *ac, int status)
{
    struct fw_redis *r = ac->data;
    if (!r) return;
    /* hiredis frees ac after this returns; it already called the cleanup hook */
    r->ac = NULL;
    set_down(r, ac->errstr[0] ? ac->errstr : "connection closed");
    schedule_reconnect(r);
}

static void on_handshake(redisAsyncContext *ac, void *reply, void *privdata)
{
    struct fw_redis *r = privdata;
    redisReply *rep = reply;
    if (!rep) return; /* link lost: on_disconnect handles it */
    if (rep->type == REDIS_REPLY_ERROR) {
        if (!r->refused_logged)
            fw_log(LOG_ERR, "redis", "Redis refused AUTH/SELECT (check redis.user, redis.password, redis.db): %.200s", rep->str);
        r->refused_logged = 1;
        r->handshake_left = -1;
        redisAsyncDisconnect(ac);
        return;
    }
    if (r->handshake_left > 0 && --r->handshake_left == 0) set_up(r);
}

/* Through Sentinel, the address asked may be stale (a failover since):
 * only a master is used; otherwise the link drops and Sentinel is asked again. */
static void on_role(redisAsyncContext *ac, void *reply, void *privdata)
{
    struct fw_redis *r = privdata;
    redisReply *rep = reply;
    if (!rep) return;
    if (rep->type == REDIS_REPLY_ARRAY && rep->elements > 0 && rep->element[0]->type == REDIS_REPLY_STRING &&
        !strcmp(rep->element[0]->str, "master")) {
        on_handshake(ac, reply, privdata);
        return;
    }
    fw_log(LOG_WARNING, "redis", "%s:%d is not the master of %s (yet): asking Sentinel again", r->o.host, r->o.port,
           r->o.master_name);
    r->handshake_left = -1;
    redisAsyncDisconnect(ac);
}

/* The handshake every link runs first, the loop's and a blocking one alike:
 * AUTH [user] password when either is set (an ACL user, Redis 6), SELECT when
 * db is not 0. */
struct handshake {
    int n;
    int argc[2];
    const char *argv[2][3];
    size_t len[2][3];
    char db[24];
};

static void handshake_make(const struct connect_opts *o, struct handshake *h)
{
    memset(h, 0, sizeof *h);
    if (o->password[0] || o->user[0]) {
        int k = 0;
        h->argv[h->n][k] = "AUTH", h->len[h->n][k++] = 4;
        if (o->user[0]) h->argv[h->n][k] = o->user, h->len[h->n][k++] = strlen(o->user);
        h->argv[h->n][k] = o->password, h->len[h->n][k++] = strlen(o->password);
        h->argc[h->n++] = k;
    }
    if (o->db) {
        snprintf(h->db, sizeof h->db, "%d", o->db);
        h->argc[h->n] = 2;
        h->argv[h->n][0] = "SELECT", h->len[h->n][0] = 6;
        h->argv[h->n][1] = h->db, h->len[h->n][1] = strlen(h->db);
        h->n++;
    }
}

static void on_connect(const redisAsyncContext *cac, int status)
{
    struct fw_redis *r = cac->data;
    if (status != REDIS_OK) {
        /* hiredis frees the context after this; on_disconnect is not called */
        r->ac = NULL;
        set_down(r, cac->errstr[0] ? cac->errstr : "connect failed");
        schedule_reconnect(r);
        return;
    }
    redisAsyncContext *ac = (redisAsyncContext *)cac;
    r->state = LINK_HANDSHAKE;
    r->handshake_left = 1;
    r->last_progress_ms = fw_now_ms();
    struct handshake h;
    handshake_make(&r->o, &h);
    for (int i = 0; i < h.n; i++) {
        r->handshake_left++;
        redisAsyncCommandArgv(ac, on_handshake, r, h.argc[i], h.argv[i], h.len[i]);
    }
    if (r->o.nsentinels) {
        r->handshake_left++;
        redisAsyncCommand(ac, on_role, r, "ROLE");
    }
    redisAsyncCommand(ac, on_handshake, r, "PING");
}

static void do_connect(struct fw_loop *loop, void *arg)
{
    struct fw_redis *r = arg;
    char err[256] = "";
    if (r->o.nsentinels && sentinel_resolve(&r->o, err, sizeof err) != 0) {
        set_down(r, err);
        schedule_reconnect(r);
        return;
    }
    int relay = r->o.tls ? tls_relay(&r->o, err, sizeof err) : -1;
    redisAsyncContext *ac = NULL;
    if (!r->o.tls || relay >= 0)
        ac = r->o.host[0] == '/' ? redisAsyncConnectUnix(r->o.host) : redisAsyncConnect(r->o.host, r->o.port);
    if (ac && !ac->err && relay >= 0) {
        /* hiredis 0.14 cannot adopt a socket: the relay's end takes the place
         * of the one it just started connecting */
        fcntl(relay, F_SETFL, fcntl(relay, F_GETFL) | O_NONBLOCK);
        if (dup3(relay, ac->c.fd, O_CLOEXEC) < 0) snprintf(err, sizeof err, "dup3: %s", strerror(errno));
    }
    if (relay >= 0) close(relay);
    if (!ac || ac->err || err[0]) {
        set_down(r, err[0] ? err : ac ? ac->errstr : "out of memory");
        if (ac) redisAsyncFree(ac);
        schedule_reconnect(r);
        return;
    }
    r->ac = ac;
    ac->data = r;
    r->fd = ac->c.fd;
    r->events = 0;
    r->state = LINK_CONNECTING;
    r->connect_started_ms = fw_now_ms();
    ac->ev.data = r;
    ac->ev.addRead = ev_add_read;
    ac->ev.delRead = ev_del_read;
    ac->ev.addWrite = ev_add_write;
    ac->ev.delWrite = ev_del_write;
    ac->ev.cleanup = ev_cleanup;
    redisAsyncSetConnectCallback(ac, on_connect);
    redisAsyncSetDisconnectCallback(ac, on_disconnect);
    /* the adapter attaches after connect() started: ask for writability now */
    ev_add_write(r);
    fw_loop_timer_start(r->loop, &r->watchdog, r->o.timeout_ms / 4 + 1);
}

static void schedule_reconnect(struct fw_redis *r)
{
    r->state = LINK_IDLE;
    r->backoff_ms = r->backoff_ms ? r->backoff_ms * 2 : BACKOFF_MIN_MS;
    if (r->backoff_ms > BACKOFF_MAX_MS) r->backoff_ms = BACKOFF_MAX_MS;
    /* +-25% jitter so two daemons do not reconnect in lockstep */
    uint64_t j = r->backoff_ms / 4;
    uint64_t d = r->backoff_ms - j + (j ? (uint64_t)rand() % (2 * j + 1) : 0);
    fw_loop_timer_start(r->loop, &r->retry, d);
}

/* Drops the link: hiredis fails every queued callback with a NULL reply. */
static void drop_link(struct fw_redis *r, const char *why)
{
    redisAsyncContext *ac = r->ac;
    if (!ac) return;
    r->ac = NULL;
    ac->data = NULL; /* no on_disconnect for a drop we decided */
    ac->onConnect = NULL;
    redisAsyncFree(ac);
    set_down(r, why);
    schedule_reconnect(r);
}

static void on_watchdog(struct fw_loop *loop, void *arg)
{
    struct fw_redis *r = arg;
    if (!r->ac) return;
    uint64_t now = fw_now_ms();
    if (r->state == LINK_CONNECTING && now - r->connect_started_ms >= r->o.timeout_ms) {
        drop_link(r, "connect timeout");
        return;
    }
    if ((r->state == LINK_HANDSHAKE || r->pending) && now - r->last_progress_ms >= r->o.timeout_ms) {
        drop_link(r, "reply timeout");
        return;
    }
    if (r->state == LINK_UP && !r->pending) return; /* idle: the next command re-arms */
    fw_loop_timer_start(loop, &r->watchdog, r->o.timeout_ms / 4 + 1);
}

/* ---- public ---- */

struct fw_redis *fw_redis_new(struct fw_loop *loop, const struct fw_conf *c)
{
    struct fw_redis *r = fw_xcalloc(1, sizeof *r);
    r->loop = loop;
    opts_init(&r->o, c);
    r->fd = -1;
    fw_timer_init(&r->retry, do_connect, r);
    fw_timer_init(&r->watchdog, on_watchdog, r);
    return r;
}

void fw_redis_free(struct fw_redis *r)
{
    if (!r) return;
    fw_loop_timer_stop(r->loop, &r->retry);
    fw_loop_timer_stop(r->loop, &r->watchdog);
    if (r->ac) {
        redisAsyncContext *ac = r->ac;
        r->ac = NULL;
        ac->data = NULL;
        ac->onConnect = NULL;
        r->nlisteners = 0;
        redisAsyncFree(ac);
    }
    /* the relays end once hiredis closed their pair: let them free their TLS state */
    if (r->o.tls) fw_redis_tls_wait(1000);
    opts_fini(&r->o);
    free(r);
}

/* A blocking link (TCP, unix socket or TLS relay) that passed the handshake,
 * or NULL with err filled. */
static redisContext *connect_blocking(const struct connect_opts *o, char *err, size_t errsz)
{
    struct timeval tv = {(time_t)(o->timeout_ms / 1000), (suseconds_t)((o->timeout_ms % 1000) * 1000)};
    redisContext *rc = NULL;
    if (o->tls) {
        int fd = tls_relay(o, err, errsz);
        if (fd < 0) return NULL;
        rc = redisConnectFd(fd);
    } else {
        rc = o->host[0] == '/' ? redisConnectUnixWithTimeout(o->host, tv)
                               : redisConnectWithTimeout(o->host, o->port, tv);
    }
    if (!rc || rc->err) {
        fw_fail(err, errsz, FW_E_REDIS, "%s", rc ? rc->errstr : "out of memory");
        redisFree(rc);
        return NULL;
    }
    redisSetTimeout(rc, tv);
    struct handshake h;
    handshake_make(o, &h);
    for (int i = 0; i < h.n; i++) {
        redisReply *rep = redisCommandArgv(rc, h.argc[i], h.argv[i], h.len[i]);
        int bad = !rep || rep->type == REDIS_REPLY_ERROR;
        if (bad) fw_fail(err, errsz, FW_E_REDIS, "Redis refused AUTH/SELECT: %.200s", rep ? rep->str : rc->errstr);
        freeReplyObject(rep);
        if (bad) {
            redisFree(rc);
            return NULL;
        }
    }
    return rc;
}

enum fw_err fw_redis_command_blocking(struct fw_redis *r, struct redisReply **out, char *err, size_t errsz,
                                     const char *fmt, ...)
{
    *out = NULL;
    if (r->o.nsentinels && sentinel_resolve(&r->o, err, errsz) != 0) return FW_E_REDIS;
    redisContext *rc = connect_blocking(&r->o, err, errsz);
    if (!rc) return FW_E_REDIS;
    enum fw_err e = FW_OK;
    va_list ap;
    va_start(ap, fmt);
    redisReply *rep = redisvCommand(rc, fmt, ap);
    va_end(ap);
    if (!rep || rep->type == REDIS_REPLY_ERROR) {
        e = fw_fail(err, errsz, FW_E_REDIS, "%.200s", rep ? rep->str : rc->errstr);
        freeReplyObject(rep);
    } else {
        *out = rep;
    }
    redisFree(rc);
    return e;
}

int fw_redis_add_status_cb(struct fw_redis *r, fw_redis_status_cb cb, void *arg)
{
    if (r->nlisteners >= FW_REDIS_MAX_LISTENERS) return -1;
    r->listeners[r->nlisteners].cb = cb;
    r->listeners[r->nlisteners++].arg = arg;
    return 0;
}

void fw_redis_start(struct fw_redis *r)
{
    if (r->state == LINK_IDLE && !fw_timer_active(&r->retry)) do_connect(r->loop, r);
}

int fw_redis_connected(const struct fw_redis *r)
{
    return r->state == LINK_UP;
}

size_t fw_redis_pending(const struct fw_redis *r)
{
    return r->pending;
}

static void on_reply(redisAsyncContext *ac, void *reply, void *privdata)
{
    struct pending_cmd *pc = privdata;
    struct fw_redis *r = pc->r;
    r->pending--;
    r->last_progress_ms = fw_now_ms();
    if (pc->cb) pc->cb(r, reply, pc->arg);
    free(pc);
}

static enum fw_err before_send(struct fw_redis *r)
{
    if (r->state != LINK_UP || !r->ac) return FW_E_REDIS;
    if (!r->pending) r->last_progress_ms = fw_now_ms();
    if (!fw_timer_active(&r->watchdog)) fw_loop_timer_start(r->loop, &r->watchdog, r->o.timeout_ms / 4 + 1);
    return FW_OK;
}

enum fw_err fw_redis_command(struct fw_redis *r, fw_redis_cb cb, void *arg, const char *fmt, ...)
{
    if (before_send(r) != FW_OK) return FW_E_REDIS;
    struct pending_cmd *pc = fw_xmalloc(sizeof *pc);
    *pc = (struct pending_cmd){r, cb, arg};
    va_list ap;
    va_start(ap, fmt);
    int rc = redisvAsyncCommand(r->ac, on_reply, pc, fmt, ap);
    va_end(ap);
    if (rc != REDIS_OK) {
        free(pc);
        return FW_E_REDIS;
    }
    r->pending++;
    return FW_OK;
}

enum fw_err fw_redis_command_argv(struct fw_redis *r, fw_redis_cb cb, void *arg, int argc, const char **argv,
                                  const size_t *argvlen)
{
    if (before_send(r) != FW_OK) return FW_E_REDIS;
    struct pending_cmd *pc = fw_xmalloc(sizeof *pc);
    *pc = (struct pending_cmd){r, cb, arg};
    if (redisAsyncCommandArgv(r->ac, on_reply, pc, argc, argv, argvlen) != REDIS_OK) {
        free(pc);
        return FW_E_REDIS;
    }
    r->pending++;
    return FW_OK;
}

