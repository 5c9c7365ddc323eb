#include "feedwire/fw_fetch.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <curl/curl.h>

#define HDR_VALUE_MAX 1024 /* longer validators and types are dropped, not truncated */

struct cidr {
    int family;
    unsigned char addr[16];
    int bits;
};

struct fw_fetch_xfer {
    struct fw_fetch *f;
    CURL *easy;
    struct curl_slist *hdrs;
    fw_fetch_cb cb;
    void *arg;
    struct fw_fetch_result res;
    long hop_status;      /* status of the response whose headers are being read */
    int all_perm;         /* every redirect hop so far was 301/308 */
    int toobig, refused;
    char refusal[128];
    char curlerr[CURL_ERROR_SIZE];
    struct fw_fetch_xfer *prev, *next;
};

struct fw_fetch {
    struct fw_loop *loop;
    CURLM *multi;
    struct fw_timer timer;
    struct fw_fetch_opts opts;
    char *user_agent;
    struct cidr *allow;
    size_t nallow;
    struct fw_fetch_xfer *xfers;
    size_t running;
};

void fw_fetch_opts_from_conf(struct fw_fetch_opts *o, const struct fw_conf *conf)
{
    *o = (struct fw_fetch_opts){
        .user_agent = conf->user_agent,
        .connect_timeout_ms = conf->connect_timeout_ms,
        .timeout_ms = conf->timeout_ms,
        .low_speed_bps = conf->low_speed_bps,
        .low_speed_time_s = conf->low_speed_time_s,
        .max_body = (size_t)conf->max_body_bytes,
        .max_redirects = conf->max_redirects,
        .allow_hosts = conf->allow_hosts,
    };
}

/* ---- address policy ---- */

static int in_prefix(const unsigned char *a, const unsigned char *net, int bits)
{
    int whole = bits / 8, rest = bits % 8;
    if (memcmp(a, net, (size_t)whole) != 0) return 0;
    if (!rest) return 1;
    unsigned char mask = (unsigned char)(0xff << (8 - rest));
    return (a[whole] & mask) == (net[whole] & mask);
}

static int v4_private(const unsigned char *a)
{
    static const struct {
        unsigned char net[4];
        int bits;
    } nets[] = {
        {{0, 0, 0, 0}, 8},        {{10, 0, 0, 0}, 8},    {{100, 64, 0, 0}, 10}, {{127, 0, 0, 0}, 8},
        {{169, 254, 0, 0}, 16},   {{172, 16, 0, 0}, 12}, {{192, 0, 0, 0}, 24},  {{192, 168, 0, 0}, 16},
        {{198, 18, 0, 0}, 15},    {{224, 0, 0, 0}, 4},   {{240, 0, 0, 0}, 4},
    };
    for (size_t i = 0; i < sizeof nets / sizeof nets[0]; i++)
        if (in_prefix(a, nets[i].net, nets[i].bits)) return 1;
    return 0;
}

int fw_fetch_addr_is_private(const void *sockaddr)
{
    const struct sockaddr *sa = sockaddr;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *in = sockaddr;
        return v4_private((const unsigned char *)&in->sin_addr);
    }
    if (sa->sa_family != AF_INET6) return 1;
    const struct sockaddr_in6 *in6 = sockaddr;
    const unsigned char *a = in6->sin6_addr.s6_addr;
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
    if (memcmp(a, mapped, 12) == 0 || memcmp(a, nat64, 12) == 0) return v4_private(a + 12);
    if (IN6_IS_ADDR_UNSPECIFIED(&in6->sin6_addr) || IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr)) return 1;
    if ((a[0] & 0xfe) == 0xfc) return 1;                  /* fc00::/7 unique local */
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) return 1;  /* fe80::/10 link-local */
    if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) return 1;  /* fec0::/10 site-local */
    if (a[0] == 0xff) return 1;                           /* multicast */
    if (IN6_IS_ADDR_V4COMPAT(&in6->sin6_addr)) return 1;  /* deprecated ::a.b.c.d */
    return 0;
}

static enum fw_err parse_allow(struct fw_fetch *f, const char *list, char *err, size_t errsz)
{
    char *copy = fw_xstrdup(list ? list : ""), *save = NULL;
    enum fw_err rc = FW_OK;
    for (char *tok = strtok_r(copy, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
        struct cidr c = {0};
        char *slash = strchr(tok, '/');
        if (slash) *slash = 0;
        if (inet_pton(AF_INET, tok, c.addr) == 1) c.family = AF_INET, c.bits = 32;
        else if (inet_pton(AF_INET6, tok, c.addr) == 1) c.family = AF_INET6, c.bits = 128;
        if (c.family && slash) {
            char *end;
            long b = strtol(slash + 1, &end, 10);
            if (*end || end == slash + 1 || b < 0 || b > c.bits) c.family = 0;
            else c.bits = (int)b;
        }
        if (!c.family) {
            rc = fw_fail(err, errsz, FW_E_CONFIG, "fetch.allow_hosts: '%.60s' is not an IP address or CIDR", tok);
            break;
        }
        f->allow = fw_xrealloc(f->allow, (f->nallow + 1) * sizeof *f->allow);
        f->allow[f->nallow++] = c;
    }
    free(copy);
    return rc;
}

int fw_fetch_addr_allowed(const struct fw_fetch *f, const void *sockaddr)
{
    if (!fw_fetch_addr_is_private(sockaddr)) return 1;
    const struct sockaddr *sa = sockaddr;
    const unsigned char *a = NULL;
    if (sa->sa_family == AF_INET) a = (const unsigned char *)&((const struct sockaddr_in *)sockaddr)->sin_addr;
    else if (sa->sa_family == AF_INET6) a = ((const struct sockaddr_in6 *)sockaddr)->sin6_addr.s6_addr;
    for (size_t i = 0; a && i < f->nallow; i++)
        if (f->allow[i].family == sa->sa_family && in_prefix(a, f->allow[i].addr, f->allow[i].bits)) return 1;
    return 0;
}

/* Every connection curl opens passes here, including each redirect hop's and
 * each address happy eyeballs tries: the check is on the address actually
 * connected to, so DNS answers cannot steer around it. */
static curl_socket_t open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *address)
{
    struct fw_fetch_xfer *x = clientp;
    if (!fw_fetch_addr_allowed(x->f, &address->addr)) {
        char ip[INET6_ADDRSTRLEN] = "?";
        const struct sockaddr *sa = &address->addr;
        if (sa->sa_family == AF_INET) inet_ntop(AF_INET, &((struct sockaddr_in *)sa)->sin_addr, ip, sizeof ip);
        else if (sa->sa_family == AF_INET6) inet_ntop(AF_INET6, &((struct sockaddr_in6 *)sa)->sin6_addr, ip, sizeof ip);
        x->refused = 1;
        snprintf(x->refusal, sizeof x->refusal, "address %s is private, loopback or link-local (not in fetch.allow_hosts)",
                 ip);
        return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

/* ---- headers ---- */

int64_t fw_fetch_parse_retry_after(const char *v, int64_t now_wall_ms)
{
    while (*v == ' ' || *v == '\t') v++;
    if (isdigit((unsigned char)*v)) {
        char *end;
        errno = 0;
        long long s = strtoll(v, &end, 10);
        while (*end == ' ' || *end == '\t') end++;
        if (errno || *end || s > 100LL * 365 * 86400) return -1;
        return (int64_t)s * 1000;
    }
    time_t t = curl_getdate(v, NULL);
    if (t == -1) return -1;
    int64_t d = (int64_t)t * 1000 - now_wall_ms;
    return d < 0 ? 0 : d;
}

static long parse_max_age(const char *v)
{
    for (const char *p = v; (p = strcasestr(p, "max-age")) != NULL; p += 7) {
        if (p != v && p[-1] != ',' && p[-1] != ' ' && p[-1] != '\t') continue;
        const char *q = p + 7;
        while (*q == ' ') q++;
        if (*q++ != '=') continue;
        while (*q == ' ' || *q == '"') q++;
        if (!isdigit((unsigned char)*q)) return -1;
        long s = strtol(q, NULL, 10);
        return s < 0 ? -1 : s;
    }
    return -1;
}

static void set_hdr(char **dst, const char *v, size_t n)
{
    free(*dst);
    *dst = NULL;
    if (n == 0 || n > HDR_VALUE_MAX) return;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 && v[i] != '\t') return; /* never echo control bytes back in a header */
    *dst = fw_xstrndup(v, n);
}

static void reset_hop(struct fw_fetch_result *r)
{
    set_hdr(&r->content_type, NULL, 0);
    set_hdr(&r->etag, NULL, 0);
    set_hdr(&r->last_modified, NULL, 0);
    r->max_age_s = -1;
    r->expires_ms = 0;
    r->date_ms = 0;
    r->retry_after_ms = -1;
    fw_buf_reset(&r->body);
}

static size_t on_header(char *p, size_t size, size_t nmemb, void *arg)
{
    struct fw_fetch_xfer *x = arg;
    size_t n = size * nmemb;
    while (n && (p[n - 1] == '\n' || p[n - 1] == '\r')) n--;
    if (n > 5 && memcmp(p, "HTTP/", 5) == 0) {
        const char *sp = memchr(p, ' ', n);
        long status = sp ? strtol(sp + 1, NULL, 10) : 0;
        if (x->hop_status >= 300 && x->hop_status < 400 && x->hop_status != 301 && x->hop_status != 308) x->all_perm = 0;
        x->hop_status = status;
        reset_hop(&x->res);
        return size * nmemb;
    }
    const char *colon = memchr(p, ':', n);
    if (!colon) return size * nmemb;
    size_t klen = (size_t)(colon - p);
    const char *v = colon + 1;
    while (v < p + n && (*v == ' ' || *v == '\t')) v++;
    size_t vlen = (size_t)(p + n - v);
    while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t')) vlen--;
    char tmp[HDR_VALUE_MAX + 1];
    size_t tl = vlen > HDR_VALUE_MAX ? HDR_VALUE_MAX : vlen;
    memcpy(tmp, v, tl);
    tmp[tl] = 0;
#define IS(name) (klen == sizeof name - 1 && strncasecmp(p, name, klen) == 0)
    struct fw_fetch_result *r = &x->res;
    if (IS("etag")) set_hdr(&r->etag, v, vlen);
    else if (IS("last-modified")) set_hdr(&r->last_modified, v, vlen);
    else if (IS("content-type")) set_hdr(&r->content_type, v, vlen);
    else if (IS("cache-control")) {
        long ma = parse_max_age(tmp);
        if (ma >= 0) r->max_age_s = ma;
    } else if (IS("expires")) {
        time_t t = curl_getdate(tmp, NULL);
        r->expires_ms = t == -1 ? 0 : (int64_t)t * 1000;
    } else if (IS("date")) {
        time_t t = curl_getdate(tmp, NULL);
        r->date_ms = t == -1 ? 0 : (int64_t)t * 1000;
    } else if (IS("retry-after")) {
        r->retry_after_ms = fw_fetch_parse_retry_after(tmp, fw_wall_ms());
    }
#undef IS
    return size * nmemb;
}

static size_t on_body(char *p, size_t size, size_t nmemb, void *arg)
{
    struct fw_fetch_xfer *x = arg;
    size_t n = size * nmemb;
    if (fw_buf_add(&x->res.body, p, n) != FW_OK) {
        x->toobig = 1;
        return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
    }
    return n;
}

/* ---- transfers ---- */

static void xfer_free(struct fw_fetch_xfer *x)
{
    struct fw_fetch_result *r = &x->res;
    fw_buf_fini(&r->body);
    free(r->content_type);
    free(r->etag);
    free(r->last_modified);
    free(r->final_url);
    free(r->perm_redirect);
    curl_slist_free_all(x->hdrs);
    curl_easy_cleanup(x->easy);
    free(x);
}

static void unlink_xfer(struct fw_fetch *f, struct fw_fetch_xfer *x)
{
    if (x->prev) x->prev->next = x->next;
    else f->xfers = x->next;
    if (x->next) x->next->prev = x->prev;
    curl_multi_remove_handle(f->multi, x->easy);
    f->running--;
}

static void classify(struct fw_fetch_xfer *x, CURLcode cc)
{
    struct fw_fetch_result *r = &x->res;
    const char *detail = x->curlerr[0] ? x->curlerr : curl_easy_strerror(cc);
    if (cc == CURLE_OK) {
        if (r->status >= 400) r->err = fw_fail(r->errmsg, sizeof r->errmsg, FW_E_HTTP, "HTTP %ld", r->status);
        return;
    }
    if (x->refused) {
        r->err = fw_fail(r->errmsg, sizeof r->errmsg, FW_E_REFUSED, "%s", x->refusal);
        return;
    }
    if (x->toobig || cc == CURLE_FILESIZE_EXCEEDED) {
        r->err = fw_fail(r->errmsg, sizeof r->errmsg, FW_E_TOOBIG,
                         "body exceeds fetch.max_body (%zu bytes, after decompression)", x->f->opts.max_body);
        return;
    }
    enum fw_err e;
    switch (cc) {
    case CURLE_OPERATION_TIMEDOUT: e = FW_E_TIMEOUT; break;
    case CURLE_UNSUPPORTED_PROTOCOL: e = FW_E_REFUSED; break;
    case CURLE_URL_MALFORMAT: e = FW_E_INVAL; break;
    case CURLE_TOO_MANY_REDIRECTS: e = FW_E_HTTP; break;
    case CURLE_BAD_CONTENT_ENCODING: e = FW_E_PARSE; break;
    default: e = FW_E_NET; break;
    }
    r->err = fw_fail(r->errmsg, sizeof r->errmsg, e, "%s", detail);
}

static void finish(struct fw_fetch *f, struct fw_fetch_xfer *x, CURLcode cc)
{
    struct fw_fetch_result *r = &x->res;
    char *url = NULL;
    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &r->status);
    curl_easy_getinfo(x->easy, CURLINFO_EFFECTIVE_URL, &url);
    curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_COUNT, &r->redirects);
    curl_easy_getinfo(x->easy, CURLINFO_TOTAL_TIME, &r->total_s);
    if (url) r->final_url = fw_xstrdup(url);
    if (cc == CURLE_OK && r->redirects > 0 && x->all_perm && r->final_url) r->perm_redirect = fw_xstrdup(r->final_url);
    classify(x, cc);
    if (r->err != FW_OK && r->err != FW_E_HTTP) fw_buf_reset(&r->body);
    unlink_xfer(f, x);
    x->cb(r, x->arg);
    xfer_free(x);
}

static void drain(struct fw_fetch *f)
{
    CURLMsg *m;
    int left;
    while ((m = curl_multi_info_read(f->multi, &left)) != NULL) {
        if (m->msg != CURLMSG_DONE) continue;
        struct fw_fetch_xfer *x = NULL;
        curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
        finish(f, x, m->data.result);
    }
}

static void on_io(struct fw_loop *loop, int fd, unsigned events, void *arg)
{
    struct fw_fetch *f = arg;
    int flags = 0, still;
    if (events & FW_READ) flags |= CURL_CSELECT_IN;
    if (events & FW_WRITE) flags |= CURL_CSELECT_OUT;
    curl_multi_socket_action(f->multi, fd, flags, &still);
    drain(f);
}

static void on_timer(struct fw_loop *loop, void *arg)
{
    struct fw_fetch *f = arg;
    int still;
    curl_multi_socket_action(f->multi, CURL_SOCKET_TIMEOUT, 0, &still);
    drain(f);
}

static int sock_cb(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp)
{
    struct fw_fetch *f = userp;
    if (what == CURL_POLL_REMOVE) {
        fw_loop_unwatch(f->loop, s);
        return 0;
    }
    unsigned ev = 0;
    if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) ev |= FW_READ;
    if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) ev |= FW_WRITE;
    return fw_loop_watch(f->loop, s, ev, on_io, f) == 0 ? 0 : -1;
}

static int timer_cb(CURLM *multi, long timeout_ms, void *userp)
{
    struct fw_fetch *f = userp;
    if (timeout_ms < 0) fw_loop_timer_stop(f->loop, &f->timer);
    else fw_loop_timer_start(f->loop, &f->timer, (uint64_t)timeout_ms);
    return 0;
}

int fw_fetch_permanent(const struct fw_fetch_result *res)
{
    if (res->err == FW_E_REFUSED || res->err == FW_E_TOOBIG || res->err == FW_E_INVAL) return 1;
    if (res->err == FW_E_HTTP) return res->status >= 400 && res->status < 500 && res->status != 408 && res->status != 429;
    return 0;
}

enum fw_err fw_fetch_new(struct fw_loop *loop, const struct fw_fetch_opts *opts, struct fw_fetch **out, char *err,
                         size_t errsz)
{
    enum fw_err rc = FW_OK;
    struct fw_fetch *f = NULL;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const curl_version_info_data *vi = curl_version_info(CURLVERSION_NOW);
    if (!(vi->features & CURL_VERSION_ASYNCHDNS)) {
        rc = fw_fail(err, errsz, FW_E_CONFIG, "libcurl %s lacks AsynchDNS: resolving would block the loop", vi->version);
        goto out;
    }
    f = fw_xcalloc(1, sizeof *f);
    f->loop = loop;
    f->opts = *opts;
    f->user_agent = fw_xstrdup(opts->user_agent ? opts->user_agent : "feedwire");
    f->opts.user_agent = f->user_agent;
    f->opts.allow_hosts = NULL;
    if ((rc = parse_allow(f, opts->allow_hosts, err, errsz)) != FW_OK) goto out;
    fw_timer_init(&f->timer, on_timer, f);
    f->multi = curl_multi_init();
    curl_multi_setopt(f->multi, CURLMOPT_SOCKETFUNCTION, sock_cb);
    curl_multi_setopt(f->multi, CURLMOPT_SOCKETDATA, f);
    curl_multi_setopt(f->multi, CURLMOPT_TIMERFUNCTION, timer_cb);
    curl_multi_setopt(f->multi, CURLMOPT_TIMERDATA, f);
    *out = f;
    f = NULL;
out:
    fw_fetch_free(f);
    return rc;
}

void fw_fetch_free(struct fw_fetch *f)
{
    if (!f) return;
    while (f->xfers) {
        struct fw_fetch_xfer *x = f->xfers;
        unlink_xfer(f, x);
        xfer_free(x);
    }
    if (f->loop) fw_loop_timer_stop(f->loop, &f->timer);
    if (f->multi) curl_multi_cleanup(f->multi);
    free(f->allow);
    free(f->user_agent);
    free(f);
}

static struct curl_slist *add_header(struct curl_slist *l, const char *name, const char *v)
{
    if (!v || !*v || strpbrk(v, "\r\n")) return l;
    struct fw_buf b;
    fw_buf_init(&b, 0);
    fw_buf_printf(&b, "%s: %s", name, v);
    l = curl_slist_append(l, b.p);
    fw_buf_fini(&b);
    return l;
}

struct fw_fetch_xfer *fw_fetch_start(struct fw_fetch *f, const struct fw_fetch_req *req, fw_fetch_cb cb, void *arg)
{
    struct fw_fetch_xfer *x = fw_xcalloc(1, sizeof *x);
    x->f = f;
    x->cb = cb;
    x->arg = arg;
    x->all_perm = 1;
    fw_buf_init(&x->res.body, f->opts.max_body);
    reset_hop(&x->res);
    x->easy = curl_easy_init();
    if (!x->easy) abort(); /* allocation failure: same policy as fw_xmalloc */
    x->hdrs = add_header(x->hdrs, "If-None-Match", req->etag);
    x->hdrs = add_header(x->hdrs, "If-Modified-Since", req->last_modified);
    x->hdrs = add_header(x->hdrs, "Accept", req->accept);
    CURL *e = x->easy;
    curl_easy_setopt(e, CURLOPT_URL, req->url);
    curl_easy_setopt(e, CURLOPT_PRIVATE, x);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->curlerr);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, f->opts.max_redirects);
    /* an environment proxy would make every connection go to the proxy's
     * address and defeat the address check */
    curl_easy_setopt(e, CURLOPT_PROXY, "");
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(e, CURLOPT_USERAGENT, f->opts.user_agent);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, f->opts.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, f->opts.timeout_ms);
    if (f->opts.low_speed_bps > 0) {
        curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, f->opts.low_speed_bps);
        curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, f->opts.low_speed_time_s);
    }
    curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->opts.max_body);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, open_socket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, x);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
    if (x->hdrs) curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->hdrs);
    x->next = f->xfers;
    if (f->xfers) f->xfers->prev = x;
    f->xfers = x;
    f->running++;
    curl_multi_add_handle(f->multi, e);
    return x;
}

void fw_fetch_cancel(struct fw_fetch *f, struct fw_fetch_xfer *x)
{
    if (!x) return;
    unlink_xfer(f, x);
    xfer_free(x);
}

size_t fw_fetch_running(const struct fw_fetch *f)
{
    return f->running;
}
