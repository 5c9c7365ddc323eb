#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <curl/curl.h>
#include <math.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "feedwire/fw_loop.h"
#include "feedwire/fw_metrics.h"
#include "feedwire/fw_version.h"

/* ---- a strict parser of the Prometheus text format 0.0.4, independent of
 * the renderer: every sample belongs to a family announced by # TYPE, names and
 * labels are well formed, values are numbers, histograms are cumulative and
 * end with +Inf == _count. ---- */

struct family {
    char name[128], type[16];
    int nsamples;
};

struct expo {
    struct family fam[64];
    int nfam;
    char err[256];
};

static int name_char(int c, int first)
{
    return isalpha(c) || c == '_' || c == ':' || (!first && isdigit(c));
}

/* Parses a metric or label name at *p; returns its length. */
static size_t parse_name(const char **p)
{
    const char *s = *p;
    if (!name_char((unsigned char)*s, 1)) return 0;
    while (name_char((unsigned char)*s, 0)) s++;
    size_t n = (size_t)(s - *p);
    *p = s;
    return n;
}

static int parse_value(const char *s, double *v)
{
    if (!strcmp(s, "+Inf")) return *v = INFINITY, 1;
    if (!strcmp(s, "-Inf")) return *v = -INFINITY, 1;
    if (!strcmp(s, "NaN")) return *v = NAN, 1;
    char *end;
    *v = strtod(s, &end);
    return end != s && *end == 0;
}

static struct family *find_family(struct expo *e, const char *name, size_t n)
{
    for (int i = 0; i < e->nfam; i++)
        if (strlen(e->fam[i].name) == n && !strncmp(e->fam[i].name, name, n)) return &e->fam[i];
    return NULL;
}

/* Returns 0 when text is a valid exposition, else -1 with e->err set. */
static int parse_exposition(const char *text, struct expo *e)
{
    memset(e, 0, sizeof *e);
    char line[4096];
    int lineno = 0;
    double last_le = -INFINITY, last_cum = 0, inf_count = -1;
    const char *p = text;
    if (!*text || text[strlen(text) - 1] != '\n') return snprintf(e->err, sizeof e->err, "no final newline"), -1;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = (size_t)(nl - p);
        if (n >= sizeof line) return snprintf(e->err, sizeof e->err, "line too long"), -1;
        memcpy(line, p, n);
        line[n] = 0;
        p = nl + 1;
        lineno++;
        if (!strncmp(line, "# HELP ", 7)) continue;
        if (!strncmp(line, "# TYPE ", 7)) {
            const char *s = line + 7, *name = s;
            size_t nn = parse_name(&s);
            if (!nn || *s != ' ') return snprintf(e->err, sizeof e->err, "%d: bad TYPE", lineno), -1;
            s++;
            if (strcmp(s, "counter") && strcmp(s, "gauge") && strcmp(s, "histogram") && strcmp(s, "summary") &&
                strcmp(s, "untyped"))
                return snprintf(e->err, sizeof e->err, "%d: bad type %s", lineno, s), -1;
            if (find_family(e, name, nn)) return snprintf(e->err, sizeof e->err, "%d: TYPE twice", lineno), -1;
            struct family *f = &e->fam[e->nfam++];
            snprintf(f->name, sizeof f->name, "%.*s", (int)nn, name);
            snprintf(f->type, sizeof f->type, "%s", s);
            last_le = -INFINITY, last_cum = 0, inf_count = -1;
            continue;
        }
        if (line[0] == '#') continue;
        if (!line[0]) return snprintf(e->err, sizeof e->err, "%d: empty line", lineno), -1;
        const char *s = line, *name = s;
        size_t nn = parse_name(&s);
        if (!nn) return snprintf(e->err, sizeof e->err, "%d: bad metric name", lineno), -1;
        struct family *f = e->nfam ? &e->fam[e->nfam - 1] : NULL;
        const char *suffix = "";
        if (!f || strncmp(name, f->name, strlen(f->name)) != 0)
            return snprintf(e->err, sizeof e->err, "%d: sample outside its family", lineno), -1;
        suffix = name + strlen(f->name);
        size_t slen = nn - strlen(f->name);
        int is_hist = !strcmp(f->type, "histogram");
        if (slen && !(is_hist && ((slen == 7 && !strncmp(suffix, "_bucket", 7)) || (slen == 4 && !strncmp(suffix, "_sum", 4)) ||
                                  (slen == 6 && !strncmp(suffix, "_count", 6)))))
            return snprintf(e->err, sizeof e->err, "%d: name not of family %s", lineno, f->name), -1;
        double le = NAN;
        if (*s == '{') {
            s++;
            while (*s != '}') {
                const char *lname = s;
                size_t ln = parse_name(&s);
                if (!ln || *s != '=' || s[1] != '"') return snprintf(e->err, sizeof e->err, "%d: bad label", lineno), -1;
                s += 2;
                char val[256];
                size_t vn = 0;
                while (*s != '"') {
                    if (!*s || vn + 1 >= sizeof val) return snprintf(e->err, sizeof e->err, "%d: open label", lineno), -1;
                    if (*s == '\\') {
                        s++;
                        if (*s != '\\' && *s != '"' && *s != 'n')
                            return snprintf(e->err, sizeof e->err, "%d: bad escape", lineno), -1;
                    }
                    val[vn++] = *s++;
                }
                val[vn] = 0;
                s++;
                if (ln == 2 && !strncmp(lname, "le", 2) && !parse_value(val, &le))
                    return snprintf(e->err, sizeof e->err, "%d: bad le", lineno), -1;
                if (*s == ',') s++;
                else if (*s != '}') return snprintf(e->err, sizeof e->err, "%d: bad label list", lineno), -1;
            }
            s++;
        }
        if (*s != ' ') return snprintf(e->err, sizeof e->err, "%d: no value", lineno), -1;
        double v;
        if (!parse_value(s + 1, &v)) return snprintf(e->err, sizeof e->err, "%d: bad value '%s'", lineno, s + 1), -1;
        if (!strcmp(f->type, "counter") && !(v >= 0)) return snprintf(e->err, sizeof e->err, "%d: negative counter", lineno), -1;
        if (is_hist && slen == 7) {
            if (isnan(le) || le <= last_le || v < last_cum)
                return snprintf(e->err, sizeof e->err, "%d: buckets not increasing", lineno), -1;
            last_le = le, last_cum = v;
            if (isinf(le)) inf_count = v;
        }
        if (is_hist && slen == 6 && v != inf_count)
            return snprintf(e->err, sizeof e->err, "%d: _count != +Inf bucket", lineno), -1;
        if (is_hist && slen == 6) last_le = -INFINITY, last_cum = 0, inf_count = -1; /* the next series (labels) */
        f->nsamples++;
    }
    return 0;
}

/* The value of the sample line starting with `prefix` (name and labels), or NAN. */
static double sample(const char *text, const char *prefix)
{
    size_t n = strlen(prefix);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (!strncmp(p, prefix, n) && p[n] == ' ') return strtod(p + n + 1, NULL);
    return NAN;
}

static char *render(struct fw_metrics *m)
{
    struct fw_buf b;
    fw_buf_init(&b, 0);
    assert_int_equal(fw_metrics_render(m, &b), FW_OK);
    return fw_buf_steal(&b);
}

static void test_render_parses(void **state)
{
    struct fw_metrics *m = fw_metrics_new();
    fw_metrics_add(m, FW_M_ARTICLES_PUBLISHED, 3);
    fw_metrics_set(m, FW_M_SPOOL_BYTES, 1.5e6);
    fw_series_add(fw_metrics_series(m, FW_M_FEED_POLLS, "csis"), 2);
    fw_series_add(fw_metrics_series(m, FW_M_FEED_POLLS, "rand \"org\"\\x\nnl"), 1);
    fw_series_set(fw_metrics_series(m, FW_M_FEED_DEAD, "csis"), 1);
    fw_metrics_observe(m, FW_M_FETCH_SECONDS, 0.01);
    fw_metrics_observe(m, FW_M_FETCH_SECONDS, 0.3);
    fw_metrics_observe(m, FW_M_FETCH_SECONDS, 100);
    fw_metrics_observe(m, FW_M_FETCH_FEED_SECONDS, 0.2);
    fw_metrics_store(m, FW_M_KAFKA_TX_ERRORS, 0);
    char *t = render(m);
    struct expo e;
    if (parse_exposition(t, &e) != 0) fail_msg("not Prometheus text: %s\n%s", e.err, t);
    /* the fetch histogram is one family of two kinds; six process_* families follow */
    assert_int_equal(e.nfam, FW_M__COUNT - 1 + 6);
    assert_true(sample(t, "feedwire_fetch_duration_seconds_bucket{kind=\"feed\",le=\"0.25\"}") == 1);
    assert_true(sample(t, "feedwire_fetch_duration_seconds_count{kind=\"feed\"}") == 1);
    assert_true(sample(t, "process_cpu_seconds_total") >= 0);
    assert_true(sample(t, "process_resident_memory_bytes") > 1e5);
    assert_true(sample(t, "process_open_fds") >= 3);
    assert_true(sample(t, "process_start_time_seconds") == sample(t, "feedwire_start_time_seconds"));
    assert_true(sample(t, "feedwire_config_last_reload_successful") == 1);
    assert_non_null(strstr(t, "# TYPE feedwire_kafka_broker_tx_errors_total counter\n"));
    assert_true(sample(t, "feedwire_articles_published_total") == 3);
    assert_true(sample(t, "feedwire_spool_bytes") == 1.5e6);
    assert_true(sample(t, "feedwire_feed_polls_total{feed=\"csis\"}") == 2);
    assert_true(sample(t, "feedwire_feed_polls_total{feed=\"rand \\\"org\\\"\\\\x\\nnl\"}") == 1);
    assert_true(sample(t, "feedwire_feed_dead{feed=\"csis\"}") == 1);
    assert_true(sample(t, "feedwire_fetch_duration_seconds_bucket{kind=\"article\",le=\"0.05\"}") == 1);
    assert_true(sample(t, "feedwire_fetch_duration_seconds_bucket{kind=\"article\",le=\"0.5\"}") == 2);
    assert_true(sample(t, "feedwire_fetch_duration_seconds_bucket{kind=\"article\",le=\"30\"}") == 2);
    assert_true(sample(t, "feedwire_fetch_duration_seconds_bucket{kind=\"article\",le=\"+Inf\"}") == 3);
    assert_true(fabs(sample(t, "feedwire_fetch_duration_seconds_sum{kind=\"article\"}") - 100.31) < 1e-9);
    assert_true(sample(t, "feedwire_build_info{version=\"" FW_VERSION "\"}") == 1);
    assert_true(sample(t, "feedwire_start_time_seconds") > 1.7e9);
    free(t);
    fw_metrics_free(m);
}

static void test_parser_rejects(void **state)
{
    /* the checker must be able to fail */
    struct expo e;
    assert_int_equal(parse_exposition("# TYPE a counter\na 1\n", &e), 0);
    assert_int_equal(parse_exposition("a 1\n", &e), -1);
    assert_int_equal(parse_exposition("# TYPE a counter\na{x=\"1} 1\n", &e), -1);
    assert_int_equal(parse_exposition("# TYPE a counter\na one\n", &e), -1);
    assert_int_equal(parse_exposition("# TYPE a gauge\nb 1\n", &e), -1);
    assert_int_equal(parse_exposition("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\n", &e), -1);
    assert_int_equal(parse_exposition("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 2\n", &e), -1);
}

static void test_series_lifecycle(void **state)
{
    struct fw_metrics *m = fw_metrics_new();
    struct fw_series *a = fw_metrics_series(m, FW_M_FEED_ERRORS, "a");
    assert_ptr_equal(a, fw_metrics_series(m, FW_M_FEED_ERRORS, "a"));
    fw_series_add(a, 5);
    assert_true(fw_series_get(a) == 5);
    /* long label values are cut at a UTF-8 boundary and still found again */
    char big[300];
    memset(big, 'x', sizeof big);
    memcpy(big + FW_METRICS_LABEL_MAX - 1, "\xc3\xa9", 2);
    big[sizeof big - 1] = 0;
    struct fw_series *b = fw_metrics_series(m, FW_M_FEED_ERRORS, big);
    assert_ptr_equal(b, fw_metrics_series(m, FW_M_FEED_ERRORS, big));
    fw_series_set(fw_metrics_series(m, FW_M_FEED_BACKOFF, "a"), 60);
    fw_series_add(fw_metrics_series(m, FW_M_ARTICLES_DROPPED, "a"), 1);
    fw_metrics_drop_label(m, "feed", "a");
    char *t = render(m);
    assert_null(strstr(t, "feed=\"a\""));
    assert_non_null(strstr(t, "feedwire_articles_dropped_total{stage=\"a\"} 1\n")); /* another label key */
    assert_non_null(strstr(t, "feedwire_feed_errors_total{feed=\"xxx"));
    assert_null(strstr(t, "\xc3}"));
    free(t);
    assert_true(fw_series_get(fw_metrics_series(m, FW_M_FEED_ERRORS, "a")) == 0);
    fw_metrics_free(m);
    fw_metrics_free(NULL);
}

/* The label index across growth and removals: every lookup finds its own series. */
static void test_many_series(void **state)
{
    enum { NF = 3000 };
    struct fw_metrics *m = fw_metrics_new();
    static struct fw_series *ptr[NF];
    char name[32];
    for (int i = 0; i < NF; i++) {
        snprintf(name, sizeof name, "feed-%d", i);
        ptr[i] = fw_metrics_series(m, FW_M_FEED_POLLS, name);
        fw_series_add(ptr[i], (uint64_t)i + 1);
    }
    for (int i = 0; i < NF; i += 3) {
        snprintf(name, sizeof name, "feed-%d", i);
        fw_metrics_drop_label(m, "feed", name);
    }
    for (int i = 0; i < NF; i++) {
        snprintf(name, sizeof name, "feed-%d", i);
        struct fw_series *s = fw_metrics_series(m, FW_M_FEED_POLLS, name);
        if (i % 3) {
            assert_ptr_equal(s, ptr[i]);
            assert_true(fw_series_get(s) == i + 1);
        } else {
            assert_true(fw_series_get(s) == 0); /* dropped: a new series */
        }
    }
    size_t nonzero;
    fw_metrics_sum(m, FW_M_FEED_POLLS, &nonzero);
    assert_int_equal(nonzero, NF - NF / 3);
    fw_metrics_free(m);
}

static void test_kafka_stats(void **state)
{
    static const char stats[] =
        "{\"name\":\"rdkafka#producer-1\",\"type\":\"producer\",\"ts\":1,\"replyq\":4,\"msg_cnt\":17,"
        "\"msg_size\":20480,\"brokers\":{"
        "\"127.0.0.1:9092/1\":{\"source\":\"learned\",\"state\":\"UP\",\"txerrs\":2},"
        "\"127.0.0.1:9093/2\":{\"source\":\"learned\",\"state\":\"DOWN\",\"txerrs\":3},"
        "\":0/internal\":{\"source\":\"internal\",\"state\":\"UP\",\"txerrs\":100}}}";
    struct fw_metrics *m = fw_metrics_new();
    char err[128];
    assert_int_equal(fw_metrics_kafka_stats(m, stats, strlen(stats), err, sizeof err), FW_OK);
    assert_true(fw_metrics_get(m, FW_M_KAFKA_QUEUE_MSGS) == 17);
    assert_true(fw_metrics_get(m, FW_M_KAFKA_QUEUE_BYTES) == 20480);
    assert_true(fw_metrics_get(m, FW_M_KAFKA_REPLYQ) == 4);
    assert_true(fw_metrics_get(m, FW_M_KAFKA_BROKERS_UP) == 1);
    assert_true(fw_metrics_get(m, FW_M_KAFKA_TX_ERRORS) == 5);
    assert_int_equal(fw_metrics_kafka_stats(m, "{\"msg_cnt\":", 11, err, sizeof err), FW_E_PARSE);
    assert_int_equal(fw_metrics_kafka_stats(m, "[1]", 3, err, sizeof err), FW_E_PARSE);
    assert_true(fw_metrics_get(m, FW_M_KAFKA_QUEUE_MSGS) == 17);
    /* a recreated producer counts txerrs from 0 again: the counter never goes back */
    static const char again[] = "{\"brokers\":{\"b/1\":{\"source\":\"learned\",\"state\":\"UP\",\"txerrs\":1}}}";
    assert_int_equal(fw_metrics_kafka_stats(m, again, strlen(again), err, sizeof err), FW_OK);
    assert_true(fw_metrics_get(m, FW_M_KAFKA_TX_ERRORS) == 6);
    fw_metrics_free(m);
}

/* ---- HTTP ---- */

struct resp {
    long status;
    char ctype[128];
    struct fw_buf body;
};

static size_t on_body(char *p, size_t sz, size_t n, void *arg)
{
    struct resp *r = arg;
    return fw_buf_add(&r->body, p, sz * n) == FW_OK ? sz * n : 0;
}

static void get(int port, const char *path, const char *method, struct resp *r)
{
    char url[128];
    snprintf(url, sizeof url, "http://127.0.0.1:%d%s", port, path);
    memset(r, 0, sizeof *r);
    fw_buf_init(&r->body, 1 << 20);
    CURL *c = curl_easy_init();
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, r);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    if (method) curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    assert_int_equal(curl_easy_perform(c), CURLE_OK);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
    char *ct = NULL;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
    snprintf(r->ctype, sizeof r->ctype, "%s", ct ? ct : "");
    curl_easy_cleanup(c);
    if (!r->body.p) fw_buf_adds(&r->body, "");
}

/* Many idle connections (opened, nothing sent) do not lock out /healthz
 * (issue 17: about 32 did). */
static void test_http_idle_connections(void **state)
{
    struct fw_metrics *m = fw_metrics_new();
    char err[256];
    assert_int_equal(fw_metrics_start(m, NULL, "127.0.0.1", 0, err, sizeof err), FW_OK);
    int port = fw_metrics_port(m);
    enum { IDLE = 200 };
    int fds[IDLE];
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int i = 0; i < IDLE; i++) {
        fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        assert_true(fds[i] >= 0);
        assert_int_equal(connect(fds[i], (struct sockaddr *)&sa, sizeof sa), 0);
    }
    usleep(200 * 1000); /* the server has accepted them */
    struct resp r;
    get(port, "/healthz", NULL, &r); /* fails (curl timeout) when the server stopped accepting */
    assert_int_equal(r.status, 200);
    fw_buf_fini(&r.body);
    for (int i = 0; i < IDLE; i++) close(fds[i]);
    fw_metrics_stop(m);
    fw_metrics_free(m);
}

static void test_http(void **state)
{
    struct fw_metrics *m = fw_metrics_new();
    char err[256];
    assert_int_equal(fw_metrics_start(m, NULL, "no-such-address", 0, err, sizeof err), FW_E_CONFIG);
    assert_int_equal(fw_metrics_start(m, NULL, "127.0.0.1", 0, err, sizeof err), FW_OK);
    int port = fw_metrics_port(m);
    assert_true(port > 0);
    assert_int_equal(fw_metrics_start(m, NULL, "127.0.0.1", 0, err, sizeof err), FW_E_INVAL); /* once */
    assert_int_equal(fw_metrics_port(m), port);
    fw_metrics_add(m, FW_M_EVENTS_PUBLISHED, 7);
    struct resp r;

    get(port, "/metrics", NULL, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.ctype, "text/plain; version=0.0.4"));
    struct expo e;
    if (parse_exposition(r.body.p, &e) != 0) fail_msg("/metrics: %s", e.err);
    assert_true(sample(r.body.p, "feedwire_events_published_total") == 7);
    fw_buf_fini(&r.body);

    get(port, "/healthz", NULL, &r);
    assert_int_equal(r.status, 200);
    fw_buf_fini(&r.body);
    fw_metrics_heartbeat(m, fw_now_ms() - FW_METRICS_STALL_MS - 1000);
    get(port, "/healthz", NULL, &r);
    assert_int_equal(r.status, 503);
    assert_non_null(strstr(r.body.p, "stalled"));
    fw_buf_fini(&r.body);

    get(port, "/readyz", NULL, &r);
    assert_int_equal(r.status, 503);
    assert_non_null(strstr(r.body.p, "kafka down"));
    assert_non_null(strstr(r.body.p, "redis down"));
    fw_buf_fini(&r.body);
    fw_metrics_set(m, FW_M_KAFKA_CONNECTED, 1);
    get(port, "/readyz", NULL, &r);
    assert_int_equal(r.status, 503);
    assert_null(strstr(r.body.p, "kafka down"));
    fw_buf_fini(&r.body);
    fw_metrics_set(m, FW_M_REDIS_CONNECTED, 1);
    get(port, "/readyz", NULL, &r);
    assert_int_equal(r.status, 200);
    fw_buf_fini(&r.body);

    get(port, "/nope", NULL, &r);
    assert_int_equal(r.status, 404);
    fw_buf_fini(&r.body);
    get(port, "/metrics", "DELETE", &r);
    assert_int_equal(r.status, 405);
    fw_buf_fini(&r.body);

    /* a second registry cannot take the same port */
    struct fw_metrics *m2 = fw_metrics_new();
    assert_int_equal(fw_metrics_start(m2, NULL, "127.0.0.1", port, err, sizeof err), FW_E_IO);
    fw_metrics_free(m2);

    fw_metrics_stop(m);
    assert_int_equal(fw_metrics_port(m), 0);
    fw_metrics_free(m);
}

struct fake_module {
    uint64_t polls;
    int calls;
};

static void collect(struct fw_metrics *m, void *arg)
{
    struct fake_module *mod = arg;
    mod->calls++;
    fw_metrics_store(m, FW_M_ARTICLES_FETCHED, mod->polls);
    fw_series_store(fw_metrics_series(m, FW_M_FEED_POLLS, "mirrored"), mod->polls * 2);
}

static void never(struct fw_metrics *m, void *arg)
{
    fail_msg("a removed collector ran");
}

/* The loop's heartbeat timer keeps /healthz green, sets the lag gauge and
 * runs the collectors. */
static void test_loop_heartbeat(void **state)
{
    struct fw_loop *loop = fw_loop_new();
    struct fw_metrics *m = fw_metrics_new();
    char err[256];
    assert_int_equal(fw_metrics_start(m, loop, "127.0.0.1", 0, err, sizeof err), FW_OK);
    fw_metrics_heartbeat(m, fw_now_ms() - FW_METRICS_STALL_MS - 1000);
    fw_metrics_set(m, FW_M_LOOP_LAG, -1);
    struct fake_module mod = {.polls = 41};
    fw_metrics_add_collector(m, never, NULL);
    fw_metrics_add_collector(m, collect, &mod);
    fw_metrics_remove_collector(m, never, NULL);
    /* the first beat is due after 1 s; a loaded CI machine may run it later */
    uint64_t end = fw_now_ms() + 10000;
    while (mod.calls == 0 && fw_now_ms() < end) fw_loop_once(loop, 100);
    assert_true(fw_metrics_get(m, FW_M_LOOP_LAG) >= 0);
    assert_int_equal(mod.calls, 1);
    assert_true(fw_metrics_get(m, FW_M_ARTICLES_FETCHED) == 41);
    assert_true(fw_series_get(fw_metrics_series(m, FW_M_FEED_POLLS, "mirrored")) == 82);
    struct resp r;
    get(fw_metrics_port(m), "/healthz", NULL, &r);
    assert_int_equal(r.status, 200);
    fw_buf_fini(&r.body);
    fw_metrics_free(m); /* stops the timer before the loop goes */
    fw_loop_once(loop, 0);
    fw_loop_free(loop);
}

/* A signal the main thread blocks (as fw_loop does for its signalfd) must
 * not be taken by the server thread, even when the server started first. */
static void test_server_thread_blocks_signals(void **state)
{
    struct fw_metrics *m = fw_metrics_new();
    char err[256];
    assert_int_equal(fw_metrics_start(m, NULL, "127.0.0.1", 0, err, sizeof err), FW_OK);
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    assert_int_equal(pthread_sigmask(SIG_BLOCK, &usr1, NULL), 0);
    kill(getpid(), SIGUSR1); /* default action: terminate, if any thread takes it */
    struct timespec ts = {2, 0};
    assert_int_equal(sigtimedwait(&usr1, NULL, &ts), SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
    fw_metrics_free(m);
}

/* Updates from one thread while another renders: every render stays valid. */
static void *hammer(void *arg)
{
    struct fw_metrics *m = arg;
    for (int i = 0; i < 200000; i++) {
        fw_metrics_add(m, FW_M_ARTICLES_FETCHED, 1);
        fw_metrics_observe(m, FW_M_EXTRACT_SECONDS, (i % 100) / 1000.0);
        if (i % 1000 == 0) {
            char name[32];
            snprintf(name, sizeof name, "feed%d", i / 1000);
            fw_series_add(fw_metrics_series(m, FW_M_FEED_POLLS, name), 1);
        }
    }
    return NULL;
}

static void test_concurrent_render(void **state)
{
    struct fw_metrics *m = fw_metrics_new();
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, hammer, m), 0);
    for (int i = 0; i < 50; i++) {
        char *t = render(m);
        struct expo e;
        if (parse_exposition(t, &e) != 0) fail_msg("render %d: %s", i, e.err);
        free(t);
    }
    pthread_join(th, NULL);
    assert_true(fw_metrics_get(m, FW_M_ARTICLES_FETCHED) == 200000);
    char *t = render(m);
    assert_true(sample(t, "feedwire_extract_duration_seconds_count") == 200000);
    free(t);
    fw_metrics_free(m);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_render_parses),   cmocka_unit_test(test_parser_rejects),
        cmocka_unit_test(test_series_lifecycle), cmocka_unit_test(test_many_series),
        cmocka_unit_test(test_kafka_stats),
        cmocka_unit_test(test_http),
        cmocka_unit_test(test_http_idle_connections),
        cmocka_unit_test(test_loop_heartbeat),
        cmocka_unit_test(test_concurrent_render), cmocka_unit_test(test_server_thread_blocks_signals),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    curl_global_cleanup();
    return rc;
}
