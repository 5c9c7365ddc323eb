/* fw_fetch: HTTP(S) GETs over one libcurl multi handle driven by fw_loop
 * (socket-action API: curl's sockets are loop watchers, curl's timer is a loop
 * timer). Per request: conditional GET with validators echoed verbatim,
 * gzip/deflate/br, http/https only, redirect limit, connect/total timeouts, a
 * low-speed cut-off, a body cap that holds after decompression, and a refusal
 * of loopback/link-local/private addresses on every connection (so on every
 * redirect hop) unless allowed. Policy (when, how often, which host) is the
 * scheduler's, not this module's. Owns the multi handle and every transfer.
 * Thread: main (the loop's). */
#ifndef FW_FETCH_H
#define FW_FETCH_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_conf.h"
#include "feedwire/fw_err.h"
#include "feedwire/fw_loop.h"

struct fw_fetch_opts {
    const char *user_agent;
    long connect_timeout_ms;
    long timeout_ms;
    long low_speed_bps;     /* 0 = off */
    long low_speed_time_s;
    size_t max_body;        /* after decompression */
    long max_redirects;
    const char *allow_hosts; /* "127.0.0.1,10.0.0.0/8,::1": addresses exempt from the private-address refusal */
};

/* Copies the [fetch] options out of conf (the strings stay conf's). */
void fw_fetch_opts_from_conf(struct fw_fetch_opts *o, const struct fw_conf *conf);

struct fw_fetch_result {
    enum fw_err err;         /* FW_OK for status < 400 (304 included); FW_E_HTTP for >= 400 */
    char errmsg[256];        /* "" when err is FW_OK */
    long status;             /* last HTTP status, 0 when none was received */
    struct fw_buf body;      /* decompressed; empty on 304 and on errors */
    char *content_type;      /* NULL when absent; the rest likewise */
    char *etag;
    char *last_modified;
    char *final_url;         /* after redirects; NULL if no request was made */
    char *perm_redirect;     /* final URL when every redirect hop was 301/308, else NULL */
    long max_age_s;          /* Cache-Control max-age, -1 none */
    int64_t expires_ms;      /* Expires as wall-clock ms, 0 none */
    int64_t date_ms;         /* the server's Date, 0 none */
    int64_t retry_after_ms;  /* Retry-After as a delay from now (both forms), -1 none */
    long redirects;
    double total_s;
};

/* 1 when fetching again cannot help: refused (not http(s), a private address,
 * robots.txt), too big, or an HTTP 4xx other than 408 and 429; 0 for what a
 * later attempt may cure (timeouts, 5xx, 408, 429, connection errors). */
int fw_fetch_permanent(const struct fw_fetch_result *res);

struct fw_fetch_req {
    const char *url;
    const char *etag;           /* If-None-Match, verbatim; NULL/"" = none */
    const char *last_modified;  /* If-Modified-Since, verbatim */
    const char *accept;         /* Accept header; NULL = any */
};

struct fw_fetch;
struct fw_fetch_xfer;

/* The result is borrowed for the callback's duration; the transfer is gone
 * when the callback returns. The callback may start or cancel other transfers. */
typedef void (*fw_fetch_cb)(const struct fw_fetch_result *res, void *arg);

/* Fails (FW_E_CONFIG) when curl lacks AsynchDNS, http/https or the allow list
 * is malformed. */
enum fw_err fw_fetch_new(struct fw_loop *loop, const struct fw_fetch_opts *opts, struct fw_fetch **out, char *err,
                         size_t errsz);
/* Cancels every transfer without calling its callback. */
void fw_fetch_free(struct fw_fetch *f);

/* Starts a GET; cb runs exactly once, from the loop, never from inside this
 * call (a URL that is not http(s) fails there with FW_E_REFUSED). */
struct fw_fetch_xfer *fw_fetch_start(struct fw_fetch *f, const struct fw_fetch_req *req, fw_fetch_cb cb, void *arg);
/* Aborts a running transfer; its callback is not called. Not for the
 * transfer whose callback is running (it is freed when that returns). */
void fw_fetch_cancel(struct fw_fetch *f, struct fw_fetch_xfer *x);
size_t fw_fetch_running(const struct fw_fetch *f);

/* 1 when addr (a struct sockaddr_in or _in6) is loopback, link-local,
 * private, CGNAT, unspecified, multicast or reserved. */
int fw_fetch_addr_is_private(const void *sockaddr);
/* 1 when a connection to addr would be made: public, or in allow_hosts. */
int fw_fetch_addr_allowed(const struct fw_fetch *f, const void *sockaddr);

/* Parses a Retry-After value (delta-seconds or HTTP-date) into a delay in ms
 * from now_wall_ms; -1 when malformed. A date in the past gives 0. */
int64_t fw_fetch_parse_retry_after(const char *v, int64_t now_wall_ms);

#endif
