/* feedwire status [--url URL | -c CONF] [--all]: reads the daemon's /metrics and
 * /readyz and prints what an operator scans for: feeds failing, dead or
 * backing off, and the pipeline's totals. */
#include <curl/curl.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_conf.h"
#include "feedwire/fw_metrics.h"
#include "feedwire/fw_version.h"
#include "tool.h"

#define DEFAULT_URL "http://127.0.0.1:9464"
#define MAX_BODY (16u << 20)

struct feed_row {
    char name[FW_METRICS_LABEL_MAX + 1];
    double polls, errors, not_modified, last_success, failures, backoff, dead;
};

struct status {
    struct feed_row *feeds;
    size_t nfeeds, cap;
    /* unlabelled samples, by metric id; NAN = absent */
    double v[FW_M__COUNT];
    double dropped;
    char version[64];
};

static const char *const metric_names[FW_M__COUNT] = {
#define FW__METRIC_NAME(id, type, name, label, buckets, help) [FW_M_##id] = name,
    FW_METRICS(FW__METRIC_NAME)
#undef FW__METRIC_NAME
};

static void usage(FILE *f)
{
    fprintf(f, "usage: feedwire status [--url URL | -c CONF] [--all] [--json]\n"
               "Reads feedwired's metrics endpoint and prints the feeds that are failing, dead\n"
               "or backing off (--all: every feed), then the pipeline's totals (--json: one object\n"
               "with ready, version, totals and every feed's state). The endpoint is\n"
               "URL, else metrics.listen/port of CONF (default %s/feedwire.conf when readable),\n"
               "else %s.\n"
               "Exit: 0 daemon ready, 1 unreachable or not ready, 2 usage.\n",
               FW_CONFDIR, DEFAULT_URL);
}

static size_t on_body(char *p, size_t sz, size_t n, void *arg)
{
    return fw_buf_add(arg, p, sz * n) == FW_OK ? sz * n : 0;
}

/* GETs base+path into body; returns the HTTP status, or -1 with err set. */
static long http_get(const char *base, const char *path, struct fw_buf *body, char *err, size_t errsz)
{
    char url[1024];
    snprintf(url, sizeof url, "%s%s", base, path);
    CURL *c = curl_easy_init();
    if (!c) return snprintf(err, errsz, "curl init failed"), -1;
    char cerr[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, body);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    long status = -1;
    CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    else snprintf(err, errsz, "%s: %s", url, cerr[0] ? cerr : curl_easy_strerror(rc));
    curl_easy_cleanup(c);
    return status;
}

static struct feed_row *feed_row(struct status *st, const char *name)
{
    for (size_t i = 0; i < st->nfeeds; i++)
        if (!strcmp(st->feeds[i].name, name)) return &st->feeds[i];
    if (st->nfeeds == st->cap) {
        st->cap = st->cap ? st->cap * 2 : 32;
        st->feeds = fw_xrealloc(st->feeds, st->cap * sizeof *st->feeds);
    }
    struct feed_row *f = &st->feeds[st->nfeeds++];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "%s", name);
    return f;
}

/* Reads `{key="value"}` at *p (escapes undone) into val; advances *p past it. */
static int parse_label(const char **p, char *key, size_t keysz, char *val, size_t valsz)
{
    const char *s = *p + 1;
    size_t k = 0, v = 0;
    while (*s && *s != '=' && k + 1 < keysz) key[k++] = *s++;
    key[k] = 0;
    if (s[0] != '=' || s[1] != '"') return -1;
    for (s += 2; *s && *s != '"'; s++) {
        char c = *s;
        if (c == '\\' && s[1]) c = *++s == 'n' ? '\n' : *s;
        if (v + 1 < valsz) val[v++] = c;
    }
    val[v] = 0;
    if (*s != '"') return -1;
    while (*s && *s != '}') s++; /* one label is all feedwire's series carry */
    if (*s != '}') return -1;
    *p = s + 1;
    return 0;
}

static void parse_metrics(struct status *st, char *text)
{
    for (int i = 0; i < FW_M__COUNT; i++) st->v[i] = NAN;
    for (char *line = text, *next; *line; line = next) {
        next = line + strcspn(line, "\n");
        if (*next) *next++ = 0;
        if (line[0] == '#') continue;
        const char *p = line;
        size_t n = strcspn(p, "{ ");
        char key[32] = "", val[FW_METRICS_LABEL_MAX + 1] = "";
        const char *rest = p + n;
        if (*rest == '{' && parse_label(&rest, key, sizeof key, val, sizeof val) != 0) continue;
        char *end;
        double x = strtod(rest, &end);
        if (end == rest) continue;
        int id = -1;
        for (int i = 0; i < FW_M__COUNT && id < 0; i++)
            if (strlen(metric_names[i]) == n && !strncmp(metric_names[i], p, n)) id = i;
        if (id < 0) continue;
        if (!strcmp(key, "feed")) {
            struct feed_row *f = feed_row(st, val);
            switch (id) {
            case FW_M_FEED_POLLS: f->polls = x; break;
            case FW_M_FEED_ERRORS: f->errors = x; break;
            case FW_M_FEED_NOT_MODIFIED: f->not_modified = x; break;
            case FW_M_FEED_LAST_SUCCESS: f->last_success = x; break;
            case FW_M_FEED_FAILURES: f->failures = x; break;
            case FW_M_FEED_BACKOFF: f->backoff = x; break;
            case FW_M_FEED_DEAD: f->dead = x; break;
            default: break;
            }
        } else if (id == FW_M_ARTICLES_DROPPED) {
            st->dropped += x;
        } else if (id == FW_M_BUILD_INFO) {
            snprintf(st->version, sizeof st->version, "%s", val);
        } else if (!key[0]) {
            st->v[id] = x;
        }
    }
}

static const char *feed_state(const struct feed_row *f)
{
    if (f->dead > 0) return "dead";
    if (f->backoff > 0) return "backoff";
    if (f->failures > 0) return "failing";
    return "ok";
}

static void fmt_ago(char *buf, size_t n, double when, double now)
{
    if (when <= 0) {
        snprintf(buf, n, "never");
        return;
    }
    double s = now - when;
    if (s < 0) s = 0;
    if (s < 120) snprintf(buf, n, "%.0fs ago", s);
    else if (s < 7200) snprintf(buf, n, "%.0fm ago", s / 60);
    else if (s < 172800) snprintf(buf, n, "%.0fh ago", s / 3600);
    else snprintf(buf, n, "%.0fd ago", s / 86400);
}

/* Dead first, then backing off, then failing; most failures first within. */
static int row_cmp(const void *a, const void *b)
{
    const struct feed_row *x = a, *y = b;
    int rx = x->dead > 0 ? 0 : x->backoff > 0 ? 1 : x->failures > 0 ? 2 : 3;
    int ry = y->dead > 0 ? 0 : y->backoff > 0 ? 1 : y->failures > 0 ? 2 : 3;
    if (rx != ry) return rx - ry;
    if (x->failures != y->failures) return x->failures > y->failures ? -1 : 1;
    return strcmp(x->name, y->name);
}

static double val(const struct status *st, enum fw_metric id)
{
    return isnan(st->v[id]) ? 0 : st->v[id];
}

static void print_status(const struct status *st, const char *url, long ready, const char *ready_text, int all)
{
    double now = (double)time(NULL);
    size_t failing = 0, dead = 0, backoff = 0;
    double polls = 0, not_modified = 0;
    for (size_t i = 0; i < st->nfeeds; i++) {
        const struct feed_row *f = &st->feeds[i];
        dead += f->dead > 0;
        backoff += f->dead <= 0 && f->backoff > 0;
        failing += f->failures > 0;
        polls += f->polls;
        not_modified += f->not_modified;
    }
    double start = val(st, FW_M_START_TIME);
    long up = start > 0 && now > start ? (long)(now - start) : 0;
    printf("feedwired %s at %s: up %ldh%02ldm, %s", st->version[0] ? st->version : "?", url, up / 3600,
           up / 60 % 60, ready == 200 ? "ready" : "NOT READY");
    if (ready != 200) printf(" (%s)", ready_text);
    printf("\n\n");

    printf("feeds      %.0f configured, %zu failing, %zu dead, %zu backing off; %.0f polls, %.0f%% not modified\n",
           val(st, FW_M_FEEDS) > 0 ? val(st, FW_M_FEEDS) : (double)st->nfeeds, failing, dead, backoff, polls,
           polls > 0 ? 100.0 * not_modified / polls : 0.0);
    printf("articles   %.0f fetched, %.0f extracted, %.0f duplicates, %.0f published, %.0f dropped\n",
           val(st, FW_M_ARTICLES_FETCHED), val(st, FW_M_ARTICLES_EXTRACTED), val(st, FW_M_ARTICLES_DEDUPLICATED),
           val(st, FW_M_ARTICLES_PUBLISHED), st->dropped);
    printf("events     %.0f published\n", val(st, FW_M_EVENTS_PUBLISHED));
    printf("kafka      %s, queue %.0f msgs, %.0f delivery errors, %.0f broker errors\n",
           val(st, FW_M_KAFKA_CONNECTED) > 0 ? "connected" : "DOWN", val(st, FW_M_KAFKA_QUEUE_MSGS),
           val(st, FW_M_KAFKA_DELIVERY_ERRORS), val(st, FW_M_KAFKA_TX_ERRORS));
    printf("redis      %s, %.0f errors\n", val(st, FW_M_REDIS_CONNECTED) > 0 ? "connected" : "DOWN",
           val(st, FW_M_REDIS_ERRORS));
    printf("spool      %.0f bytes; loop lag %.3f s\n", val(st, FW_M_SPOOL_BYTES), val(st, FW_M_LOOP_LAG));
    if (val(st, FW_M_CLUSTER_PARTITIONS) > 0 || val(st, FW_M_CLUSTER_REBALANCES) > 0)
        printf("cluster    %.0f partitions of the feed topic, %.0f rebalances, %.0f records not read yet\n",
               val(st, FW_M_CLUSTER_PARTITIONS), val(st, FW_M_CLUSTER_REBALANCES), val(st, FW_M_CLUSTER_LAG));

    size_t shown = 0;
    int width = 4; /* the name column fits the longest name shown (URLs of unnamed feeds), up to 64 */
    for (size_t i = 0; i < st->nfeeds; i++) {
        if (!all && !strcmp(feed_state(&st->feeds[i]), "ok")) continue;
        shown++;
        int len = (int)strlen(st->feeds[i].name);
        if (len > width) width = len < 64 ? len : 64;
    }
    if (!shown) {
        printf("\n%s\n", st->nfeeds ? "all feeds ok" : "no feeds reported yet");
        return;
    }
    printf("\n%-*s %-8s %8s %8s %6s %8s  %s\n", width, "FEED", "STATE", "POLLS", "ERRORS", "FAILS", "BACKOFF",
           "LAST SUCCESS");
    for (size_t i = 0; i < st->nfeeds; i++) {
        const struct feed_row *f = &st->feeds[i];
        if (!all && !strcmp(feed_state(f), "ok")) continue;
        char ago[32];
        fmt_ago(ago, sizeof ago, f->last_success, now);
        printf("%-*.*s %-8s %8.0f %8.0f %6.0f %7.0fs  %s\n", width, width, f->name, feed_state(f), f->polls,
               f->errors, f->failures, f->backoff, ago);
    }
}

/* The same as one JSON object: {"url", "ready", "ready_text", "version",
 * "uptime_s", "totals": {...}, "feeds": [{name, state, polls, ...}]}. */
static void print_json(const struct status *st, const char *url, long ready, const char *ready_text)
{
    double now = (double)time(NULL), start = val(st, FW_M_START_TIME);
    json_t *totals = json_pack(
        "{s:f,s:f,s:f,s:f,s:f,s:f,s:f,s:b,s:f,s:f,s:f,s:b,s:f,s:f,s:f}", "feeds", val(st, FW_M_FEEDS),
        "articles_fetched", val(st, FW_M_ARTICLES_FETCHED), "articles_extracted", val(st, FW_M_ARTICLES_EXTRACTED),
        "articles_deduplicated", val(st, FW_M_ARTICLES_DEDUPLICATED), "articles_published",
        val(st, FW_M_ARTICLES_PUBLISHED), "articles_dropped", st->dropped, "events_published",
        val(st, FW_M_EVENTS_PUBLISHED), "kafka_connected", val(st, FW_M_KAFKA_CONNECTED) > 0, "kafka_queue_messages",
        val(st, FW_M_KAFKA_QUEUE_MSGS), "kafka_delivery_errors", val(st, FW_M_KAFKA_DELIVERY_ERRORS),
        "kafka_broker_tx_errors", val(st, FW_M_KAFKA_TX_ERRORS), "redis_connected", val(st, FW_M_REDIS_CONNECTED) > 0,
        "redis_errors", val(st, FW_M_REDIS_ERRORS), "spool_bytes", val(st, FW_M_SPOOL_BYTES), "loop_lag_seconds",
        val(st, FW_M_LOOP_LAG));
    json_object_set_new(totals, "feeds_failing", json_real(val(st, FW_M_FEEDS_FAILING)));
    json_object_set_new(totals, "feeds_dead", json_real(val(st, FW_M_FEEDS_DEAD)));
    json_object_set_new(totals, "cluster_partitions", json_real(val(st, FW_M_CLUSTER_PARTITIONS)));
    json_object_set_new(totals, "cluster_rebalances", json_real(val(st, FW_M_CLUSTER_REBALANCES)));
    json_object_set_new(totals, "cluster_lag", json_real(val(st, FW_M_CLUSTER_LAG)));
    json_t *feeds = json_array();
    for (size_t i = 0; i < st->nfeeds; i++) {
        const struct feed_row *f = &st->feeds[i];
        json_array_append_new(
            feeds, json_pack("{s:s,s:s,s:f,s:f,s:f,s:f,s:f,s:f}", "name", f->name, "state", feed_state(f), "polls",
                             f->polls, "errors", f->errors, "not_modified", f->not_modified, "consecutive_failures",
                             f->failures, "backoff_seconds", f->backoff, "last_success", f->last_success));
    }
    json_t *o = json_pack("{s:s,s:b,s:s,s:s,s:I,s:o,s:o}", "url", url, "ready", ready == 200, "ready_text",
                          ready_text, "version", st->version, "uptime_s",
                          (json_int_t)(start > 0 && now > start ? now - start : 0), "totals", totals, "feeds", feeds);
    char *text = json_dumps(o, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
    if (text) puts(text);
    free(text);
    json_decref(o);
}

/* The endpoint named by a config file's [metrics]; 0 if unusable. Errors of a
 * config given with -c are printed, a missing default config is not an error. */
static int url_from_conf(const char *path, int explicit, char *url, size_t n)
{
    struct fw_conf c;
    fw_conf_init(&c);
    int ok = 0;
    FILE *probe = fopen(path, "r");
    if (probe || explicit) {
        if (probe) fclose(probe);
        ok = fw_conf_load(&c, path, explicit ? stderr : NULL) == 0 && c.metrics_port > 0;
        if (ok && strchr(c.metrics_listen, ':'))
            snprintf(url, n, "http://[%s]:%ld", c.metrics_listen, c.metrics_port);
        else if (ok)
            snprintf(url, n, "http://%s:%ld", c.metrics_listen, c.metrics_port);
        if (explicit && !ok) fprintf(stderr, "feedwire status: %s: no usable [metrics] endpoint\n", path);
    }
    fw_conf_fini(&c);
    return ok;
}

int tool_status_main(int argc, char **argv)
{
    const char *url = NULL, *conf = NULL;
    char conf_url[300];
    int all = 0, json = 0;
    if (tool_wants_help(argc, argv)) {
        usage(stdout);
        return TOOL_OK;
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--url") && i + 1 < argc) url = argv[++i];
        else if (!strncmp(argv[i], "--url=", 6)) url = argv[i] + 6;
        else if ((!strcmp(argv[i], "-c") || !strcmp(argv[i], "--config")) && i + 1 < argc) conf = argv[++i];
        else if (!strcmp(argv[i], "--all")) all = 1;
        else if (!strcmp(argv[i], "--json")) json = 1;
        else {
            usage(stderr);
            return TOOL_USAGE;
        }
    }
    if (!url && conf) {
        if (!url_from_conf(conf, 1, conf_url, sizeof conf_url)) return TOOL_BADINPUT;
        url = conf_url;
    }
    if (!url) url = url_from_conf(FW_CONFDIR "/feedwire.conf", 0, conf_url, sizeof conf_url) ? conf_url : DEFAULT_URL;
    char base[1024], err[CURL_ERROR_SIZE + 1100];
    snprintf(base, sizeof base, "%s", url);
    size_t bl = strlen(base);
    while (bl && base[bl - 1] == '/') base[--bl] = 0;

    int rc = TOOL_BADINPUT;
    struct status st = {0};
    struct fw_buf body, ready;
    fw_buf_init(&body, MAX_BODY);
    fw_buf_init(&ready, 4096);
    curl_global_init(CURL_GLOBAL_DEFAULT);
    long status = http_get(base, "/metrics", &body, err, sizeof err);
    if (status != 200) {
        if (status > 0) fprintf(stderr, "feedwire status: %s/metrics: HTTP %ld\n", base, status);
        else fprintf(stderr, "feedwire status: %s (is feedwired running? metrics.port?)\n", err);
        goto out;
    }
    long rstatus = http_get(base, "/readyz", &ready, err, sizeof err);
    char *nl = ready.p ? strchr(ready.p, '\n') : NULL;
    if (nl) *nl = 0;
    fw_buf_adds(&body, ""); /* an empty body still has a string */
    parse_metrics(&st, body.p);
    qsort(st.feeds, st.nfeeds, sizeof *st.feeds, row_cmp);
    if (json) print_json(&st, base, rstatus, ready.p ? ready.p : "no answer");
    else print_status(&st, base, rstatus, ready.p ? ready.p : "no answer", all);
    rc = rstatus == 200 ? TOOL_OK : TOOL_BADINPUT;
out:
    curl_global_cleanup();
    fw_buf_fini(&body);
    fw_buf_fini(&ready);
    free(st.feeds);
    return rc;
}
