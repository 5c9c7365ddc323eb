#include "fw_redis_tls.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_log.h"

struct relay {
    char *host, *ca_file, *cert_file, *key_file, *server_name;
    int port;
    uint64_t timeout_ms;
    int pair; /* our end of the socketpair */
};

/* A failing TLS setup is retried by every reconnect: one WARNING, then debug. */
static atomic_int failure_logged;
/* Relays alive, so that shutdown can wait for them to free what they hold. */
static pthread_mutex_t live_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t live_cond = PTHREAD_COND_INITIALIZER;
static int live;

static void live_add(int d)
{
    pthread_mutex_lock(&live_lock);
    live += d;
    if (!live) pthread_cond_broadcast(&live_cond);
    pthread_mutex_unlock(&live_lock);
}

static char *dup_or_empty(const char *s)
{
    return fw_xstrdup(s ? s : "");
}

static void relay_free(struct relay *rl)
{
    if (!rl) return;
    if (rl->pair >= 0) close(rl->pair);
    free(rl->host);
    free(rl->ca_file);
    free(rl->cert_file);
    free(rl->key_file);
    free(rl->server_name);
    free(rl);
}

static void fail_log(const struct relay *rl, const char *what)
{
    char detail[256] = "";
    unsigned long e = ERR_get_error();
    if (e) ERR_error_string_n(e, detail, sizeof detail);
    ERR_clear_error();
    int prio = atomic_exchange(&failure_logged, 1) ? LOG_DEBUG : LOG_WARNING;
    fw_log(prio, "redis", "Redis TLS %s:%d: %s%s%s", rl->host, rl->port, what, detail[0] ? ": " : "", detail);
}

/* A connected TCP socket within the timeout, or -1. */
static int tcp_connect(const struct relay *rl, char *why, size_t whysz)
{
    char port[16];
    snprintf(port, sizeof port, "%d", rl->port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res = NULL;
    int gai = getaddrinfo(rl->host, port, &hints, &res);
    if (gai) {
        snprintf(why, whysz, "cannot resolve: %s", gai_strerror(gai));
        return -1;
    }
    int fd = -1;
    for (struct addrinfo *a = res; a && fd < 0; a = a->ai_next) {
        fd = socket(a->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0) continue;
        int rc = connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc && errno == EINPROGRESS) {
            struct pollfd p = {fd, POLLOUT, 0};
            int soerr = 0;
            socklen_t len = sizeof soerr;
            if (poll(&p, 1, (int)rl->timeout_ms) == 1 && !getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) && !soerr)
                rc = 0;
            else
                errno = soerr ? soerr : ETIMEDOUT;
        }
        if (rc) {
            snprintf(why, whysz, "connect: %s", strerror(errno));
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(res);
    if (fd < 0) return -1;
    /* blocking from here on; the handshake has the same timeout */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct timeval tv = {(time_t)(rl->timeout_ms / 1000), (suseconds_t)(rl->timeout_ms % 1000) * 1000};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    return fd;
}

static SSL_CTX *make_ctx(const struct relay *rl)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) return NULL;
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    int ok = rl->ca_file[0] ? SSL_CTX_load_verify_locations(ctx, rl->ca_file, NULL)
                            : SSL_CTX_set_default_verify_paths(ctx);
    if (ok && rl->cert_file[0]) ok = SSL_CTX_use_certificate_chain_file(ctx, rl->cert_file);
    if (ok && rl->key_file[0]) ok = SSL_CTX_use_PrivateKey_file(ctx, rl->key_file, SSL_FILETYPE_PEM);
    if (!ok) {
        SSL_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

/* The certificate must name server_name (or host): an IP as an IP SAN. */
static int set_peer_name(SSL *ssl, const char *name)
{
    unsigned char addr[16];
    if (inet_pton(AF_INET, name, addr) == 1 || inet_pton(AF_INET6, name, addr) == 1)
        return X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name);
    return SSL_set_tlsext_host_name(ssl, name) && SSL_set1_host(ssl, name);
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int ssl_write_all(SSL *ssl, const char *p, size_t n)
{
    while (n) {
        size_t w = 0;
        if (SSL_write_ex(ssl, p, n, &w) <= 0) {
            int e = SSL_get_error(ssl, 0);
            if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) continue;
            return -1;
        }
        p += w;
        n -= w;
    }
    return 0;
}

/* Copies both ways until one side closes or fails. */
static void pump(SSL *ssl, int tcp, int pair)
{
    char buf[16384];
    for (;;) {
        struct pollfd p[2] = {{pair, POLLIN, 0}, {tcp, POLLIN, 0}};
        if (SSL_pending(ssl)) p[1].revents = POLLIN;
        else if (poll(p, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if (p[1].revents) {
            size_t n = 0;
            if (SSL_read_ex(ssl, buf, sizeof buf, &n) > 0) {
                if (send_all(pair, buf, n)) return;
            } else {
                /* without AUTO_RETRY a session ticket returns WANT_READ */
                int e = SSL_get_error(ssl, 0);
                if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) return;
            }
        }
        if (p[0].revents) {
            ssize_t n = recv(pair, buf, sizeof buf, 0);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0 || ssl_write_all(ssl, buf, (size_t)n)) return;
        }
    }
}

static void *relay_main(void *arg)
{
    struct relay *rl = arg;
    char why[256] = "";
    SSL_CTX *ctx = NULL;
    SSL *ssl = NULL;
    int tcp = tcp_connect(rl, why, sizeof why);
    if (tcp < 0) {
        fail_log(rl, why);
        goto out;
    }
    if (!(ctx = make_ctx(rl))) {
        fail_log(rl, "cannot load redis.tls_ca_file, tls_cert_file or tls_key_file");
        goto out;
    }
    ssl = SSL_new(ctx);
    if (!ssl || !SSL_set_fd(ssl, tcp) || !set_peer_name(ssl, rl->server_name[0] ? rl->server_name : rl->host)) {
        fail_log(rl, "cannot set up TLS");
        goto out;
    }
    if (SSL_connect(ssl) != 1) {
        long v = SSL_get_verify_result(ssl);
        snprintf(why, sizeof why, "handshake failed%s%s", v != X509_V_OK ? ": " : "",
                 v != X509_V_OK ? X509_verify_cert_error_string(v) : "");
        fail_log(rl, why);
        goto out;
    }
    if (atomic_exchange(&failure_logged, 0))
        fw_log(LOG_NOTICE, "redis", "Redis TLS %s:%d: handshake succeeded (%s)", rl->host, rl->port,
               SSL_get_version(ssl));
    /* from now on replies may take any time: no read timeout */
    struct timeval none = {0, 0};
    setsockopt(tcp, SOL_SOCKET, SO_RCVTIMEO, &none, sizeof none);
    SSL_clear_mode(ssl, SSL_MODE_AUTO_RETRY);
    pump(ssl, tcp, rl->pair);
out:
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    if (tcp >= 0) close(tcp);
    relay_free(rl);
    ERR_clear_error();
    OPENSSL_thread_stop(); /* this thread's error queue and other OpenSSL thread state */
    live_add(-1);
    return NULL;
}

void fw_redis_tls_wait(uint64_t timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += (time_t)(timeout_ms / 1000);
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
    pthread_mutex_lock(&live_lock);
    while (live > 0 && pthread_cond_timedwait(&live_cond, &live_lock, &until) == 0) {
    }
    pthread_mutex_unlock(&live_lock);
}

int fw_redis_tls_relay(const struct fw_redis_tls_opts *o, char *err, size_t errsz)
{
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        snprintf(err, errsz, "socketpair: %s", strerror(errno));
        return -1;
    }
    struct relay *rl = fw_xcalloc(1, sizeof *rl);
    rl->host = dup_or_empty(o->host);
    rl->ca_file = dup_or_empty(o->ca_file);
    rl->cert_file = dup_or_empty(o->cert_file);
    rl->key_file = dup_or_empty(o->key_file);
    rl->server_name = dup_or_empty(o->server_name);
    rl->port = o->port;
    rl->timeout_ms = o->timeout_ms ? o->timeout_ms : 5000;
    rl->pair = sv[1];
    /* the relay takes no signal: the loop's signalfd gets them all */
    sigset_t all, old;
    sigfillset(&all);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    pthread_t t;
    live_add(1);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&t, &attr, relay_main, rl);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (rc) {
        live_add(-1);
        snprintf(err, errsz, "cannot start the TLS relay: %s", strerror(rc));
        relay_free(rl);
        close(sv[0]);
        return -1;
    }
    return sv[0];
}
