#include "feedwire/fw_dedup.h"

#include <hiredis/hiredis.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xxhash.h>

#include "feedwire/fw_conf.h"
#include "feedwire/fw_keys.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_loop.h"
#include "feedwire/fw_redis.h"

#define URL_MAX 8192
#define BANDS 4
#define BACKLOG_MAX 100000
#define FLUSH_EVERY_MS 1000

/* ================= pure parts ================= */

int fw_dedup_parse_rule(const char *s)
{
    static const char *const names[] = {"auto", "guid", "link", "hash"};
    for (int i = 0; i < 4; i++)
        if (s && !strcasecmp(s, names[i])) return i;
    return -1;
}

static int has(const char *s)
{
    return s && *s;
}

static int is_unreserved(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Appends s[0..n) with percent escapes normalized: unreserved bytes decoded,
 * other escapes uppercased, raw bytes that must be escaped escaped. */
static enum fw_err add_escaped(struct fw_buf *b, const char *s, size_t n)
{
    static const char hx[] = "0123456789ABCDEF";
    enum fw_err rc = FW_OK;
    for (size_t i = 0; i < n && rc == FW_OK; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            int v = hexval(s[i + 1]) * 16 + hexval(s[i + 2]);
            i += 2;
            if (is_unreserved(v)) rc = fw_buf_addc(b, (char)v);
            else rc = fw_buf_printf(b, "%%%c%c", hx[v >> 4], hx[v & 15]);
        } else if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
                   c == '`' || c == '{' || c == '|' || c == '}') {
            rc = fw_buf_printf(b, "%%%c%c", hx[c >> 4], hx[c & 15]);
        } else {
            rc = fw_buf_addc(b, (char)c);
        }
    }
    return rc;
}

/* RFC 3986 5.2.4 on an already escaped path that starts with '/'. */
static void remove_dot_segments(struct fw_buf *path, struct fw_buf *out)
{
    size_t *starts = fw_xmalloc((path->len + 1) * sizeof *starts);
    size_t nseg = 0;
    const char *p = path->p, *end = path->p + path->len;
    int trailing = 0;
    fw_buf_reset(out);
    while (p < end) {
        p++; /* the '/' */
        const char *q = memchr(p, '/', (size_t)(end - p));
        if (!q) q = end;
        size_t n = (size_t)(q - p);
        trailing = q == end ? 0 : 1;
        if (n == 1 && p[0] == '.') {
            trailing = 1;
        } else if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (nseg) out->len = starts[--nseg];
            trailing = 1;
        } else {
            starts[nseg++] = out->len;
            fw_buf_addc(out, '/');
            fw_buf_add(out, p, n);
            trailing = 0;
        }
        p = q;
    }
    if (trailing || out->len == 0) fw_buf_addc(out, '/');
    else out->p[out->len] = 0;
    free(starts);
}

static int is_tracking_param(const char *name, size_t n)
{
    static const char *const exact[] = {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "oly_anon_id", "oly_enc_id", "wt.mc_id", "wt_mc", "s_kwcid",
        "cmpid", "ncid", "sr_share", "ref_src", "ref_url", "at_medium", "at_campaign", "spm", "__twitter_impression",
        "rss_id", "xtor"};
    if (n >= 4 && !strncasecmp(name, "utm_", 4)) return 1;
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
        if (strlen(exact[i]) == n && !strncasecmp(name, exact[i], n)) return 1;
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static enum fw_err add_query(struct fw_buf *out, const char *q, size_t n)
{
    char **params = NULL;
    size_t np = 0;
    enum fw_err rc = FW_OK;
    struct fw_buf one;
    fw_buf_init(&one, URL_MAX * 3);
    const char *p = q, *end = q + n;
    while (p < end) {
        const char *a = memchr(p, '&', (size_t)(end - p));
        if (!a) a = end;
        size_t len = (size_t)(a - p);
        const char *eq = memchr(p, '=', len);
        size_t nlen = eq ? (size_t)(eq - p) : len;
        if (len && !is_tracking_param(p, nlen)) {
            fw_buf_reset(&one);
            if ((rc = add_escaped(&one, p, len)) != FW_OK) goto out;
            params = fw_xrealloc(params, (np + 1) * sizeof *params);
            params[np++] = fw_xstrndup(one.p, one.len);
        }
        p = a + (a < end);
    }
    if (np) qsort(params, np, sizeof *params, cmp_str);
    for (size_t i = 0; i < np && rc == FW_OK; i++) {
        rc = fw_buf_addc(out, i ? '&' : '?');
        if (rc == FW_OK) rc = fw_buf_adds(out, params[i]);
    }
out:
    for (size_t i = 0; i < np; i++) free(params[i]);
    free(params);
    fw_buf_fini(&one);
    return rc;
}

enum fw_err fw_dedup_normalize_url(const char *url, struct fw_buf *out, char *err, size_t errsz)
{
    enum fw_err rc = FW_OK;
    struct fw_buf path, clean;
    fw_buf_init(&path, URL_MAX * 3);
    fw_buf_init(&clean, URL_MAX * 3);
    if (!url) return fw_fail(err, errsz, FW_E_INVAL, "no URL");
    while (*url == ' ' || *url == '\t' || *url == '\n' || *url == '\r') url++;
    size_t n = strlen(url);
    while (n && (url[n - 1] == ' ' || url[n - 1] == '\t' || url[n - 1] == '\n' || url[n - 1] == '\r')) n--;
    if (n > URL_MAX) return fw_fail(err, errsz, FW_E_TOOBIG, "URL longer than %d bytes", URL_MAX);
    const char *end = url + n;
    int https;
    if (n >= 7 && !strncasecmp(url, "http://", 7)) https = 0;
    else if (n >= 8 && !strncasecmp(url, "https://", 8)) https = 1;
    else return fw_fail(err, errsz, FW_E_INVAL, "not an absolute http(s) URL");
    const char *auth = url + (https ? 8 : 7);
    const char *aend = auth;
    while (aend < end && *aend != '/' && *aend != '?' && *aend != '#') aend++;
    const char *at = NULL;
    for (const char *p = auth; p < aend; p++)
        if (*p == '@') at = p;
    const char *host = at ? at + 1 : auth, *hend, *port = NULL;
    if (host < aend && *host == '[') {
        hend = memchr(host, ']', (size_t)(aend - host));
        if (!hend) { rc = fw_fail(err, errsz, FW_E_INVAL, "bad IPv6 host"); goto out; }
        hend++;
        if (hend < aend && *hend == ':') port = hend + 1;
    } else {
        hend = host;
        while (hend < aend && *hend != ':') hend++;
        if (hend < aend) port = hend + 1;
    }
    while (hend > host && hend[-1] == '.') hend--;
    if (hend == host) { rc = fw_fail(err, errsz, FW_E_INVAL, "empty host"); goto out; }
    long portnum = -1;
    if (port && port < aend) {
        portnum = 0;
        for (const char *p = port; p < aend; p++) {
            if (*p < '0' || *p > '9' || portnum > 65535) { rc = fw_fail(err, errsz, FW_E_INVAL, "bad port"); goto out; }
            portnum = portnum * 10 + (*p - '0');
        }
        if (portnum > 65535) { rc = fw_fail(err, errsz, FW_E_INVAL, "bad port"); goto out; }
        if (portnum == (https ? 443 : 80)) portnum = -1;
    }
    if ((rc = fw_buf_adds(out, https ? "https://" : "http://")) != FW_OK) goto out;
    for (const char *p = host; p < hend; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if ((rc = fw_buf_addc(out, c)) != FW_OK) goto out;
    }
    if (portnum >= 0 && (rc = fw_buf_printf(out, ":%ld", portnum)) != FW_OK) goto out;

    const char *pend = aend;
    while (pend < end && *pend != '?' && *pend != '#') pend++;
    if (aend == pend || *aend != '/') fw_buf_addc(&path, '/');
    if ((rc = add_escaped(&path, aend, (size_t)(pend - aend))) != FW_OK) goto out;
    remove_dot_segments(&path, &clean);
    if ((rc = fw_buf_add(out, clean.p, clean.len)) != FW_OK) goto out;
    if (pend < end && *pend == '?') {
        const char *q = pend + 1, *qend = memchr(q, '#', (size_t)(end - q));
        if (!qend) qend = end;
        rc = add_query(out, q, (size_t)(qend - q));
    }
out:
    fw_buf_fini(&path);
    fw_buf_fini(&clean);
    return rc;
}

static void hex128(XXH128_hash_t h, char id[FW_DEDUP_ID_LEN + 1])
{
    snprintf(id, FW_DEDUP_ID_LEN + 1, "%016" PRIx64 "%016" PRIx64, (uint64_t)h.high64, (uint64_t)h.low64);
}

void fw_dedup_item_id(const struct fw_dedup_item *it, char id[FW_DEDUP_ID_LEN + 1])
{
    struct fw_buf b, u;
    fw_buf_init(&b, 0);
    fw_buf_init(&u, 0);
    enum fw_dedup_rule rule = it->rule;
    const char *feed = it->feed_url ? it->feed_url : "";
    /* guid -> link -> hash; a forced rule starts lower in the chain */
    if (rule == FW_DEDUP_RULE_AUTO || rule == FW_DEDUP_RULE_GUID) {
        if (has(it->guid)) {
            /* a guid that is a URL names the article itself: same id as its link */
            if (fw_dedup_normalize_url(it->guid, &u, NULL, 0) == FW_OK) fw_buf_printf(&b, "u:%s", u.p);
            else fw_buf_printf(&b, "g:%s\n%s", feed, it->guid);
            goto hash;
        }
    }
    if (rule != FW_DEDUP_RULE_HASH && has(it->link)) {
        fw_buf_reset(&u);
        if (fw_dedup_normalize_url(it->link, &u, NULL, 0) == FW_OK) fw_buf_printf(&b, "u:%s", u.p);
        else fw_buf_printf(&b, "u:%s", it->link);
        goto hash;
    }
    fw_buf_printf(&b, "h:%s\n%s\n%s", feed, it->title ? it->title : "", it->date ? it->date : "");
hash:
    hex128(XXH3_128bits(b.p ? b.p : "", b.len), id);
    fw_buf_fini(&b);
    fw_buf_fini(&u);
}

/* Bytes >= 0x80 count as word bytes (UTF-8 letters). */
static int is_word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (is_word_byte((unsigned char)s[i]) && (i == 0 || !is_word_byte((unsigned char)s[i - 1]))) w++;
    return w;
}

/* ASCII lowercase, every run of non-word bytes -> one space, no edge spaces.
 * Returns a malloc'd string. */
static char *normalize_text(const char *s, size_t n, size_t *outn)
{
    char *o = fw_xmalloc(n + 1);
    size_t k = 0;
    int sep = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!is_word_byte(c)) {
            sep = 1;
            continue;
        }
        if (sep && k) o[k++] = ' ';
        sep = 0;
        o[k++] = (char)((c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c);
    }
    o[k] = 0;
    *outn = k;
    return o;
}

uint64_t fw_dedup_text_hash(const char *text, size_t n)
{
    size_t k;
    char *t = normalize_text(text, n, &k);
    uint64_t h = XXH3_64bits(t, k);
    free(t);
    return h;
}

uint64_t fw_dedup_simhash(const char *text, size_t n)
{
    size_t k;
    char *t = normalize_text(text, n, &k);
    int32_t v[64] = {0};
    /* starts of the last three words; a shingle is the span from w[0] to the current word's end */
    size_t w[3];
    int nw = 0, features = 0;
    size_t i = 0;
    while (i < k) {
        size_t j = i;
        while (j < k && t[j] != ' ') j++;
        if (nw == 3) {
            w[0] = w[1];
            w[1] = w[2];
            nw = 2;
        }
        w[nw++] = i;
        if (nw == 3) {
            uint64_t h = XXH3_64bits(t + w[0], j - w[0]);
            for (int b = 0; b < 64; b++) v[b] += (h >> b) & 1 ? 1 : -1;
            features++;
        }
        i = j + 1;
    }
    if (!features && k) { /* fewer than three words: the whole text is one feature */
        uint64_t h = XXH3_64bits(t, k);
        for (int b = 0; b < 64; b++) v[b] += (h >> b) & 1 ? 1 : -1;
    }
    uint64_t sh = 0;
    for (int b = 0; b < 64; b++)
        if (v[b] > 0) sh |= (uint64_t)1 << b;
    free(t);
    return sh;
}

int fw_dedup_hamming(uint64_t a, uint64_t b)
{
    return __builtin_popcountll(a ^ b);
}

const char *fw_dedup_state_name(enum fw_dedup_state s)
{
    static const char *const names[] = {"new", "seen", "inflight", "changed", "updated", "duplicate"};
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

/* ================= Redis-backed state ================= */

/* An item this process claimed, until it is marked done or released. */
struct claim {
    char id[FW_DEDUP_ID_LEN + 1];
    uint64_t urlh, modh;
    uint64_t old_ch, old_sh; /* CHANGED: the published text's fingerprints */
    int changed;
    int marking; /* a mark_done for it is queued or in flight */
    struct claim *next;
};

#define NBUCKET 4096

struct mark {
    char id[FW_DEDUP_ID_LEN + 1];
    uint64_t ch, sh, uh1, uh2, mh;
    int indexed; /* text long enough to be looked up by content */
    fw_dedup_marked_cb cb; /* not part of the text form */
    void *arg;
};

struct fw_dedup {
    struct fw_loop *loop;
    struct fw_redis *r;
    struct fw_keys keys;
    long ttl_s;
    long lease_ms;  /* claim lifetime without renewal; renewed every third of it */
    char token[64]; /* claim owner: host:hash of state_dir */
    struct claim *bucket[NBUCKET];
    size_t nclaims;
    struct mark *backlog;
    size_t nbacklog, capbacklog;
    size_t ops_in_flight;
    int backlog_warned;
    struct fw_timer tick;
    uint64_t last_renew_ms;
    struct fw_dedup_stats st;
    struct op *ops; /* every op in flight, so free can orphan them */
};

#define OP_MAXSUB 6

struct op;
struct sub {
    struct op *op;
    int idx;
};

struct op {
    struct fw_dedup *d;
    fw_dedup_cb cb;
    void *arg;
    struct fw_dedup_result res;
    int left, failed;
    struct sub sub[OP_MAXSUB];
    struct fw_timer defer;
    /* item check */
    uint64_t urlh, modh;
    int rec_found;
    char rec_st[8];
    uint64_t rec_ch, rec_sh, rec_mod;
    char url_id[FW_DEDUP_ID_LEN + 1];
    /* content check */
    struct mark m;
    char near_id[FW_DEDUP_ID_LEN + 1];
    int near;
    struct op *prev, *next;
};

static unsigned bucket_of(const char *id)
{
    return (unsigned)(XXH3_64bits(id, strlen(id)) % NBUCKET);
}

static struct claim *claim_find(struct fw_dedup *d, const char *id)
{
    for (struct claim *c = d->bucket[bucket_of(id)]; c; c = c->next)
        if (!strcmp(c->id, id)) return c;
    return NULL;
}

static struct claim *claim_add(struct fw_dedup *d, const char *id)
{
    struct claim *c = claim_find(d, id);
    if (c) return c;
    c = fw_xcalloc(1, sizeof *c);
    snprintf(c->id, sizeof c->id, "%s", id);
    unsigned b = bucket_of(id);
    c->next = d->bucket[b];
    d->bucket[b] = c;
    d->nclaims++;
    return c;
}

static void claim_del(struct fw_dedup *d, const char *id)
{
    for (struct claim **pc = &d->bucket[bucket_of(id)]; *pc; pc = &(*pc)->next) {
        if (!strcmp((*pc)->id, id)) {
            struct claim *c = *pc;
            *pc = c->next;
            free(c);
            d->nclaims--;
            return;
        }
    }
}

static struct op *op_new(struct fw_dedup *d, fw_dedup_cb cb, void *arg)
{
    struct op *op = fw_xcalloc(1, sizeof *op);
    op->d = d;
    op->cb = cb;
    op->arg = arg;
    for (int i = 0; i < OP_MAXSUB; i++) op->sub[i] = (struct sub){op, i};
    op->next = d->ops;
    if (d->ops) d->ops->prev = op;
    d->ops = op;
    d->ops_in_flight++;
    return op;
}

static void op_free(struct op *op)
{
    struct fw_dedup *d = op->d;
    if (d) {
        if (op->prev) op->prev->next = op->next;
        else d->ops = op->next;
        if (op->next) op->next->prev = op->prev;
        d->ops_in_flight--;
        fw_loop_timer_stop(d->loop, &op->defer);
    }
    free(op);
}

static void op_finish(struct op *op)
{
    if (op->d && op->cb) op->cb(&op->res, op->arg);
    op_free(op);
}

static void on_defer(struct fw_loop *loop, void *arg)
{
    op_finish(arg);
}

/* Decisions made without Redis still answer from the loop, never inside the call. */
static void op_defer(struct op *op)
{
    fw_timer_init(&op->defer, on_defer, op);
    fw_loop_timer_start(op->d->loop, &op->defer, 0);
}

static void hex64(uint64_t v, char out[17])
{
    snprintf(out, 17, "%016" PRIx64, v);
}

static uint64_t parse_hex64(const char *s)
{
    return s ? strtoull(s, NULL, 16) : 0;
}

static uint64_t url_hash(const char *url)
{
    if (!has(url)) return 0;
    struct fw_buf u;
    fw_buf_init(&u, 0);
    uint64_t h = fw_dedup_normalize_url(url, &u, NULL, 0) == FW_OK ? XXH3_64bits(u.p, u.len)
                                                                 : XXH3_64bits(url, strlen(url));
    fw_buf_fini(&u);
    return h ? h : 1; /* 0 means "no URL" */
}

/* Fire-and-forget write; a failure only costs a TTL refresh or a record the
 * next check recomputes. */
static void fire(struct fw_dedup *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fire(struct fw_dedup *d, const char *fmt, ...)
{
    char cmd[512];
    const char *argv[16];
    size_t len[16];
    int argc = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    /* words are ids, hex and the prefix (which has no spaces): split on spaces */
    for (char *p = cmd; *p && argc < 16;) {
        while (*p == ' ') p++;
        if (!*p) break;
        char *e = strchr(p, ' ');
        argv[argc] = p;
        len[argc++] = e ? (size_t)(e - p) : strlen(p);
        if (!e) break;
        *e = 0;
        p = e + 1;
    }
    if (fw_redis_command_argv(d->r, NULL, NULL, argc, argv, len) != FW_OK) d->st.redis_errors++;
}

static const char RELEASE_LUA[] =
    "if redis.call('get',KEYS[1])==ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end";
/* Claims an id, or re-claims one this daemon (same token) already holds. */
static const char CLAIM_LUA[] =
    "local v=redis.call('get',KEYS[1]) if v==false or v==ARGV[1] then "
    "redis.call('set',KEYS[1],ARGV[1],'PX',ARGV[2]) return 1 end return 0";

static void release_redis(struct fw_dedup *d, const char *id)
{
    char key[FW_KEY_MAX];
    fw_keys_claim(&d->keys, id, key);
    if (fw_redis_command(d->r, NULL, NULL, "EVAL %s 1 %s %s", RELEASE_LUA, key, d->token) != FW_OK)
        d->st.redis_errors++;
}

static void refresh_ttl(struct fw_dedup *d, const char *id, uint64_t urlh)
{
    char key[FW_KEY_MAX];
    fire(d, "EXPIRE %s %ld", fw_keys_article(&d->keys, id, key), d->ttl_s);
    if (urlh) fire(d, "EXPIRE %s %ld", fw_keys_url(&d->keys, urlh, key), d->ttl_s);
}

/* ---- stage 1 ---- */

static void on_claim(struct fw_redis *r, redisReply *rep, void *arg)
{
    struct sub *s = arg;
    struct op *op = s->op;
    struct fw_dedup *d = op->d;
    op->left--;
    if (!d) { op_free(op); return; }
    if (!rep || rep->type != REDIS_REPLY_INTEGER) {
        op->res.err = FW_E_REDIS;
        d->st.redis_errors++;
    } else if (rep->integer == 1) {
        struct claim *c = claim_add(d, op->res.id);
        c->urlh = op->urlh;
        c->modh = op->modh;
        c->changed = op->res.state == FW_DEDUP_CHANGED;
        c->old_ch = op->rec_ch;
        c->old_sh = op->rec_sh;
        if (c->changed) d->st.changed++;
        else d->st.fresh++;
    } else {
        op->res.state = FW_DEDUP_INFLIGHT;
        d->st.inflight++;
    }
    op_finish(op);
}

static void claim(struct op *op)
{
    struct fw_dedup *d = op->d;
    char key[FW_KEY_MAX], lease[24];
    fw_keys_claim(&d->keys, op->res.id, key);
    snprintf(lease, sizeof lease, "%ld", d->lease_ms);
    op->left = 1;
    if (fw_redis_command(d->r, on_claim, &op->sub[0], "EVAL %s 1 %s %s %s", CLAIM_LUA, key, d->token, lease) !=
        FW_OK) {
        op->left = 0;
        op->res.err = FW_E_REDIS;
        d->st.redis_errors++;
        op_defer(op);
    }
}

static void decide_item(struct op *op)
{
    struct fw_dedup *d = op->d;
    if (op->failed) {
        op->res.err = FW_E_REDIS;
        d->st.redis_errors++;
        op_finish(op);
        return;
    }
    if (op->rec_found && !strcmp(op->rec_st, "done")) {
        if (op->modh && op->rec_mod && op->modh != op->rec_mod) {
            op->res.state = FW_DEDUP_CHANGED;
            claim(op);
            return;
        }
        op->res.state = FW_DEDUP_SEEN;
        refresh_ttl(d, op->res.id, op->urlh);
    } else if (op->rec_found && (!strcmp(op->rec_st, "dup") || !strcmp(op->rec_st, "failed"))) {
        op->res.state = FW_DEDUP_SEEN;
        refresh_ttl(d, op->res.id, op->urlh);
    } else if (op->url_id[0] && strcmp(op->url_id, op->res.id) != 0) {
        /* the same article URL was published under another id (another feed, a changed guid) */
        op->res.state = FW_DEDUP_SEEN;
        snprintf(op->res.dup_of, sizeof op->res.dup_of, "%s", op->url_id);
        char key[FW_KEY_MAX];
        fire(d, "HSET %s st dup of %s", fw_keys_article(&d->keys, op->res.id, key), op->url_id);
        refresh_ttl(d, op->res.id, op->urlh);
    } else {
        op->res.state = FW_DEDUP_NEW;
        claim(op);
        return;
    }
    d->st.seen++;
    op_finish(op);
}

static void on_item_reply(struct fw_redis *r, redisReply *rep, void *arg)
{
    struct sub *s = arg;
    struct op *op = s->op;
    if (!rep || rep->type == REDIS_REPLY_ERROR) op->failed = 1;
    else if (s->idx == 0 && rep->type == REDIS_REPLY_ARRAY && rep->elements == 4) {
        redisReply **e = rep->element;
        if (e[0]->type == REDIS_REPLY_STRING) {
            op->rec_found = 1;
            snprintf(op->rec_st, sizeof op->rec_st, "%s", e[0]->str);
            op->rec_ch = e[1]->type == REDIS_REPLY_STRING ? parse_hex64(e[1]->str) : 0;
            op->rec_sh = e[2]->type == REDIS_REPLY_STRING ? parse_hex64(e[2]->str) : 0;
            op->rec_mod = e[3]->type == REDIS_REPLY_STRING ? parse_hex64(e[3]->str) : 0;
        }
    } else if (s->idx == 1 && rep->type == REDIS_REPLY_STRING) {
        snprintf(op->url_id, sizeof op->url_id, "%s", rep->str);
    }
    if (--op->left) return;
    if (!op->d) { op_free(op); return; }
    decide_item(op);
}

enum fw_err fw_dedup_check_item(struct fw_dedup *d, const struct fw_dedup_item *it, fw_dedup_cb cb, void *arg)
{
    if (!fw_redis_connected(d->r)) return FW_E_REDIS;
    struct op *op = op_new(d, cb, arg);
    d->st.checks++;
    fw_dedup_item_id(it, op->res.id);
    op->urlh = url_hash(it->link);
    op->modh = has(it->modified) ? XXH3_64bits(it->modified, strlen(it->modified)) | 1 : 0;
    if (claim_find(d, op->res.id)) {
        /* ours, on its way through the pipeline or the sink */
        op->res.state = FW_DEDUP_INFLIGHT;
        d->st.inflight++;
        op_defer(op);
        return FW_OK;
    }
    op->left = 1 + (op->urlh != 0);
    char key[FW_KEY_MAX];
    if (fw_redis_command(d->r, on_item_reply, &op->sub[0], "HMGET %s st ch sh mod",
                         fw_keys_article(&d->keys, op->res.id, key)) != FW_OK) {
        op->left = 0;
        op->res.err = FW_E_REDIS;
        op_defer(op);
    } else if (op->urlh &&
               fw_redis_command(d->r, on_item_reply, &op->sub[1], "GET %s", fw_keys_url(&d->keys, op->urlh, key)) !=
                   FW_OK) {
        op->failed = 1; /* the first reply finishes the op as failed */
        op->left = 1;
    }
    return FW_OK;
}

/* ---- stage 2 ---- */

static void format_mark(const struct mark *m, char out[FW_DEDUP_MARK_MAX])
{
    snprintf(out, FW_DEDUP_MARK_MAX,
             "1 %s %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %016" PRIx64 " %d", m->id, m->ch,
             m->sh, m->uh1, m->uh2, m->mh, m->indexed);
}

static int parse_mark(const char *s, struct mark *m)
{
    char id[FW_DEDUP_ID_LEN + 8];
    unsigned long long v[5];
    int indexed;
    if (!s || sscanf(s, "1 %39s %llx %llx %llx %llx %llx %d", id, &v[0], &v[1], &v[2], &v[3], &v[4], &indexed) != 7)
        return -1;
    if (strlen(id) != FW_DEDUP_ID_LEN) return -1;
    memcpy(m->id, id, FW_DEDUP_ID_LEN + 1);
    m->ch = v[0];
    m->sh = v[1];
    m->uh1 = v[2];
    m->uh2 = v[3];
    m->mh = v[4];
    m->indexed = indexed != 0;
    return 0;
}

static void record_dup(struct fw_dedup *d, struct op *op, const char *of)
{
    snprintf(op->res.dup_of, sizeof op->res.dup_of, "%s", of);
    op->res.state = FW_DEDUP_DUPLICATE;
    char key[FW_KEY_MAX];
    fire(d, "HSET %s st dup of %s", fw_keys_article(&d->keys, op->m.id, key), of);
    refresh_ttl(d, op->m.id, op->m.uh1);
    release_redis(d, op->m.id);
    claim_del(d, op->m.id);
}

static void decide_content(struct op *op)
{
    struct fw_dedup *d = op->d;
    if (op->failed) {
        op->res.err = FW_E_REDIS;
        d->st.redis_errors++;
    } else if (op->url_id[0] && strcmp(op->url_id, op->m.id) != 0) {
        record_dup(d, op, op->url_id);
        d->st.duplicates++;
    } else if (op->near) {
        record_dup(d, op, op->near_id);
        if (op->near == 1) d->st.duplicates++;
        else d->st.near_duplicates++;
    } else {
        op->res.state = FW_DEDUP_NEW;
        format_mark(&op->m, op->res.mark);
    }
    op_finish(op);
}

static void on_content_reply(struct fw_redis *r, redisReply *rep, void *arg)
{
    struct sub *s = arg;
    struct op *op = s->op;
    if (!rep || rep->type == REDIS_REPLY_ERROR) {
        op->failed = 1;
    } else if (s->idx == 0 && rep->type == REDIS_REPLY_STRING) {
        if (strcmp(rep->str, op->m.id) != 0) {
            op->near = 1; /* exact text match wins over near ones */
            snprintf(op->near_id, sizeof op->near_id, "%s", rep->str);
        }
    } else if (s->idx == 1 && rep->type == REDIS_REPLY_STRING) {
        snprintf(op->url_id, sizeof op->url_id, "%s", rep->str);
    } else if (s->idx >= 2 && rep->type == REDIS_REPLY_ARRAY) {
        for (size_t i = 0; i < rep->elements && op->near != 1; i++) {
            redisReply *e = rep->element[i];
            if (e->type != REDIS_REPLY_STRING || e->len != 17 + FW_DEDUP_ID_LEN) continue;
            const char *oid = e->str + 17;
            if (!strcmp(oid, op->m.id)) continue;
            if (fw_dedup_hamming(parse_hex64(e->str), op->m.sh) <= FW_DEDUP_NEAR_BITS) {
                op->near = 2;
                snprintf(op->near_id, sizeof op->near_id, "%s", oid);
            }
        }
    }
    if (--op->left) return;
    if (!op->d) { op_free(op); return; }
    decide_content(op);
}

enum fw_err fw_dedup_check_content(struct fw_dedup *d, const char *id, const char *url, const char *text,
                                   size_t n, fw_dedup_cb cb, void *arg)
{
    struct claim *c = id ? claim_find(d, id) : NULL;
    if (!c) return FW_E_INVAL;
    if (!fw_redis_connected(d->r)) return FW_E_REDIS;
    struct op *op = op_new(d, cb, arg);
    snprintf(op->res.id, sizeof op->res.id, "%s", id);
    op->m = (struct mark){.ch = fw_dedup_text_hash(text, n), .sh = fw_dedup_simhash(text, n), .uh1 = c->urlh,
                          .uh2 = url_hash(url), .mh = c->modh};
    memcpy(op->m.id, c->id, sizeof op->m.id);
    if (op->m.uh2 == op->m.uh1) op->m.uh2 = 0;
    /* a teaser or a paywall notice is shared by unrelated articles: too
     * short to say two articles are the same story */
    op->m.indexed = count_words(text, n) >= FW_DEDUP_MIN_WORDS;
    op->res.text_hash = op->m.ch;
    op->res.simhash = op->m.sh;
    if (c->changed) {
        /* a re-fetch because the feed says modified: material change = beyond near-duplicate distance */
        if (op->m.ch == c->old_ch ||
            (op->m.indexed && fw_dedup_hamming(op->m.sh, c->old_sh) <= FW_DEDUP_NEAR_BITS)) {
            op->res.state = FW_DEDUP_SEEN;
            char key[FW_KEY_MAX];
            fire(d, "HSET %s mod %016" PRIx64, fw_keys_article(&d->keys, id, key), c->modh);
            refresh_ttl(d, id, c->urlh);
            release_redis(d, id);
            claim_del(d, id);
            d->st.seen++;
        } else {
            op->res.state = FW_DEDUP_UPDATED;
            format_mark(&op->m, op->res.mark);
            d->st.updated++;
        }
        op_defer(op);
        return FW_OK;
    }
    if (!op->m.indexed) {
        op->res.state = FW_DEDUP_NEW;
        format_mark(&op->m, op->res.mark);
        op_defer(op);
        return FW_OK;
    }
    char key[FW_KEY_MAX];
    enum fw_err rc = FW_OK;
    op->left = 2 + BANDS;
    fw_keys_text(&d->keys, op->m.ch, key);
    rc = fw_redis_command(d->r, on_content_reply, &op->sub[0], "GET %s", key);
    int sent = rc == FW_OK;
    if (rc == FW_OK) {
        fw_keys_url(&d->keys, op->m.uh2, key);
        /* uh2 0: a GET on a key never written, to keep the reply count fixed */
        rc = fw_redis_command(d->r, on_content_reply, &op->sub[1], "GET %s", key);
        sent += rc == FW_OK;
    }
    long long now = (long long)fw_wall_ms();
    for (int b = 0; b < BANDS && rc == FW_OK; b++) {
        fw_keys_band(&d->keys, b, (unsigned)((op->m.sh >> (16 * b)) & 0xffff), key);
        rc = fw_redis_command(d->r, on_content_reply, &op->sub[2 + b], "ZRANGEBYSCORE %s %lld +inf LIMIT 0 256",
                              key, now);
        sent += rc == FW_OK;
    }
    if (rc != FW_OK) {
        op->failed = 1;
        op->left = sent;
        if (!sent) op_defer(op);
    }
    return FW_OK;
}

/* ---- stage 3 ---- */

static void send_mark(struct fw_dedup *d, const struct mark *m);

static void backlog_push(struct fw_dedup *d, const struct mark *m)
{
    if (d->nbacklog >= BACKLOG_MAX) {
        d->st.mark_dropped++;
        if (d->st.mark_dropped == 1 || d->st.mark_dropped % 1000 == 0)
            fw_log(LOG_ERR, "dedup",
                   "%" PRIu64 " published items could not be recorded (Redis down, backlog full): they may be "
                   "published again",
                   d->st.mark_dropped);
        claim_del(d, m->id);
        /* given up: the caller must not keep it forever either */
        if (m->cb) m->cb(m->arg);
        return;
    }
    if (d->nbacklog == d->capbacklog) {
        d->capbacklog = d->capbacklog ? d->capbacklog * 2 : 64;
        d->backlog = fw_xrealloc(d->backlog, d->capbacklog * sizeof *d->backlog);
    }
    d->backlog[d->nbacklog++] = *m;
    if (!d->backlog_warned) {
        fw_log(LOG_WARNING, "dedup", "Redis unavailable: recording published items is deferred");
        d->backlog_warned = 1;
    }
}

static void on_mark_reply(struct fw_redis *r, redisReply *rep, void *arg)
{
    struct op *op = ((struct sub *)arg)->op;
    struct fw_dedup *d = op->d;
    op->left--;
    if (!d) { op_free(op); return; }
    if (!rep || rep->type != REDIS_REPLY_ARRAY) {
        if (rep && rep->type == REDIS_REPLY_ERROR)
            fw_log(LOG_ERR, "dedup", "recording %s failed: %.200s", op->m.id, rep->str);
        d->st.mark_retries++;
        backlog_push(d, &op->m);
    } else {
        d->st.marked++;
        claim_del(d, op->m.id);
        if (op->m.cb) op->m.cb(op->m.arg);
    }
    op_free(op);
}

static void send_mark(struct fw_dedup *d, const struct mark *m)
{
    if (!fw_redis_connected(d->r)) {
        backlog_push(d, m);
        return;
    }
    const struct fw_keys *K = &d->keys;
    char key[FW_KEY_MAX];
    long ttl = d->ttl_s;
    char ch[17], sh[17], mh[17];
    hex64(m->ch, ch);
    hex64(m->sh, sh);
    hex64(m->mh, mh);
    long long expiry = (long long)fw_wall_ms() + (long long)ttl * 1000;
    long long now = (long long)fw_wall_ms();
    /* MULTI/EXEC: a record is complete or absent, whatever happens to the link */
    fire(d, "MULTI");
    fire(d, "HSET %s st done ch %s sh %s mod %s", fw_keys_article(K, m->id, key), ch, sh, mh);
    fire(d, "EXPIRE %s %ld", key, ttl);
    if (m->uh1) fire(d, "SET %s %s EX %ld", fw_keys_url(K, m->uh1, key), m->id, ttl);
    if (m->uh2) fire(d, "SET %s %s EX %ld", fw_keys_url(K, m->uh2, key), m->id, ttl);
    if (m->indexed) fire(d, "SET %s %s EX %ld", fw_keys_text(K, m->ch, key), m->id, ttl);
    for (int b = 0; b < BANDS && m->indexed; b++) {
        fw_keys_band(K, b, (unsigned)((m->sh >> (16 * b)) & 0xffff), key);
        fire(d, "ZADD %s %lld %s:%s", key, expiry, sh, m->id);
        fire(d, "ZREMRANGEBYSCORE %s -inf %lld", key, now);
        fire(d, "EXPIRE %s %ld", key, ttl);
    }
    fire(d, "DEL %s", fw_keys_claim(K, m->id, key));
    struct op *op = op_new(d, NULL, NULL);
    op->m = *m;
    op->left = 1;
    if (fw_redis_command(d->r, on_mark_reply, &op->sub[0], "EXEC") != FW_OK) {
        /* the link died between commands: MULTI is discarded by Redis with the connection */
        op_free(op);
        backlog_push(d, m);
    }
}

void fw_dedup_mark_done(struct fw_dedup *d, const char *mark, fw_dedup_marked_cb cb, void *arg)
{
    struct mark m;
    if (parse_mark(mark, &m) != 0) {
        fw_log(LOG_ERR, "dedup", "invalid dedup mark ignored: %.100s", mark ? mark : "(null)");
        if (cb) cb(arg);
        return;
    }
    m.cb = cb;
    m.arg = arg;
    struct claim *c = claim_add(d, m.id);
    c->marking = 1;
    send_mark(d, &m);
}

void fw_dedup_adopt(struct fw_dedup *d, const char *mark)
{
    struct mark m;
    if (parse_mark(mark, &m) != 0) return;
    struct claim *c = claim_add(d, m.id);
    c->urlh = m.uh1;
    c->modh = m.mh;
}

void fw_dedup_mark_failed(struct fw_dedup *d, const char *id)
{
    if (!id || !id[0]) return;
    claim_del(d, id);
    if (!fw_redis_connected(d->r)) return; /* the claim lapses; the item is tried again */
    char key[FW_KEY_MAX];
    fire(d, "HSET %s st failed", fw_keys_article(&d->keys, id, key));
    fire(d, "EXPIRE %s %ld", key, d->ttl_s);
    release_redis(d, id);
}

void fw_dedup_release(struct fw_dedup *d, const char *id)
{
    if (!id || !claim_find(d, id)) return;
    claim_del(d, id);
    if (fw_redis_connected(d->r)) release_redis(d, id);
}

size_t fw_dedup_backlog(const struct fw_dedup *d)
{
    return d->nbacklog + d->ops_in_flight;
}

void fw_dedup_get_stats(const struct fw_dedup *d, struct fw_dedup_stats *st)
{
    *st = d->st;
}

static void renew_claims(struct fw_dedup *d)
{
    char lease[24], key[FW_KEY_MAX];
    snprintf(lease, sizeof lease, "%ld", d->lease_ms);
    for (unsigned b = 0; b < NBUCKET; b++)
        for (struct claim *c = d->bucket[b]; c; c = c->next)
            if (!c->marking) fire(d, "PEXPIRE %s %s", fw_keys_claim(&d->keys, c->id, key), lease);
}

static void on_tick(struct fw_loop *loop, void *arg)
{
    struct fw_dedup *d = arg;
    if (fw_redis_connected(d->r)) {
        if (d->nbacklog) {
            size_t n = d->nbacklog;
            struct mark *ms = d->backlog;
            d->backlog = NULL;
            d->nbacklog = d->capbacklog = 0;
            fw_log(LOG_NOTICE, "dedup", "Redis available: recording %zu deferred items", n);
            d->backlog_warned = 0;
            for (size_t i = 0; i < n; i++) send_mark(d, &ms[i]);
            free(ms);
        }
        uint64_t now = fw_now_ms();
        if (now - d->last_renew_ms >= (uint64_t)d->lease_ms / 3) {
            d->last_renew_ms = now;
            renew_claims(d);
        }
    }
    fw_loop_timer_start(loop, &d->tick, FLUSH_EVERY_MS);
}

struct fw_dedup *fw_dedup_new(struct fw_loop *loop, struct fw_redis *r, const struct fw_conf *c)
{
    struct fw_dedup *d = fw_xcalloc(1, sizeof *d);
    d->loop = loop;
    d->r = r;
    fw_keys_init(&d->keys, c->redis_prefix); /* the keyspace: fw_keys.h */
    d->ttl_s = c->redis_ttl_s;
    /* in a cluster a dead daemon's claims must not hold its feeds' new owner back for long */
    d->lease_ms = c->cluster_enabled ? c->cluster_claim_lease_ms : FW_DEDUP_LEASE_MS;
    char host[32] = "";
    gethostname(host, sizeof host - 1);
    for (char *p = host; *p; p++)
        if (*p == ' ') *p = '_';
    /* The owner of claims is this daemon's state: a daemon restarted after a
     * crash takes its own claims back at once instead of waiting out their
     * lease (two daemons never share a state_dir: the spool lives there). */
    const char *sd = c->state_dir ? c->state_dir : "";
    snprintf(d->token, sizeof d->token, "%s:%016" PRIx64, host, XXH3_64bits(sd, strlen(sd)));
    d->last_renew_ms = fw_now_ms();
    fw_timer_init(&d->tick, on_tick, d);
    fw_loop_timer_start(loop, &d->tick, FLUSH_EVERY_MS);
    return d;
}

void fw_dedup_free(struct fw_dedup *d)
{
    if (!d) return;
    fw_loop_timer_stop(d->loop, &d->tick);
    /* ops still waiting for Redis replies are orphaned: their replies free them */
    for (struct op *op = d->ops, *next; op; op = next) {
        next = op->next;
        fw_loop_timer_stop(d->loop, &op->defer);
        if (op->left == 0) {
            free(op);
            continue;
        }
        op->d = NULL;
    }
    for (unsigned b = 0; b < NBUCKET; b++)
        for (struct claim *c = d->bucket[b], *next; c; c = next) {
            next = c->next;
            free(c);
        }
    free(d->backlog);
    free(d);
}
