#include "feedwire/fw_conf.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <librdkafka/rdkafka.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_version.h"

#define OFF(f) offsetof(struct fw_conf, f)
#define DAY (86400L)

/* The one table. Sections are the part of the name before the dot; the order
 * here is the order of `config docs` and of the README reference. */
const struct fw_opt fw_conf_opts[] = {
    {"log.level", FW_OPT_ENUM, OFF(log_level), "info", 0, 0, "debug|info|notice|warning|error",
     "Lowest priority that is logged."},
    {"log.debug", FW_OPT_STR, OFF(log_debug), "", 0, 0, NULL,
     "Stages whose debug lines are logged whatever the level: comma list (sched,fetch,feed,extract,code,dedup,sink) or all."},

    {"daemon.feeds_file", FW_OPT_STR, OFF(feeds_file), FW_CONFDIR "/feeds.txt", 0, 0, NULL,
     "Feed list: one URL per line with optional key=value settings, or an OPML file."},
    {"daemon.state_dir", FW_OPT_STR, OFF(state_dir), "/var/lib/feedwire", 0, 0, NULL,
     "Directory for the delivery spool and local state (systemd StateDirectory)."},
    {"daemon.dict_dir", FW_OPT_STR, OFF(dict_dir), FW_DATADIR, 0, 0, NULL,
     "Directory of the event coder's dictionaries and the gazetteer index."},
    {"daemon.watchdog", FW_OPT_SECONDS, OFF(watchdog_s), "0", 0, 3600, NULL,
     "Watchdog ping interval when not set by systemd's WatchdogSec (0 = off)."},
    {"daemon.drain_timeout", FW_OPT_MILLIS, OFF(drain_timeout_ms), "20000", 100, 600000, NULL,
     "On SIGTERM, how long to wait for Kafka acknowledgements before leaving the rest in the spool (ms)."},

    {"schedule.interval", FW_OPT_SECONDS, OFF(interval_s), "15m", 10, 7 * DAY, NULL,
     "Default time between polls of one feed; a feed may override it."},
    {"schedule.max_interval", FW_OPT_SECONDS, OFF(max_interval_s), "1d", 10, 30 * DAY, NULL,
     "Upper clamp for the poll interval after ttl, Cache-Control, Expires and Retry-After."},
    {"schedule.jitter_pct", FW_OPT_INT, OFF(jitter_pct), "15", 0, 50, NULL,
     "Random spread (+-percent) added to every schedule so feeds never poll in lockstep."},
    {"schedule.backoff_base", FW_OPT_SECONDS, OFF(backoff_base_s), "1m", 1, DAY, NULL,
     "First retry delay after an error; doubles on each consecutive error."},
    {"schedule.backoff_max", FW_OPT_SECONDS, OFF(backoff_max_s), "6h", 10, 7 * DAY, NULL,
     "Cap of the error backoff; a dead feed is still probed at this interval."},
    {"schedule.dead_after", FW_OPT_SECONDS, OFF(dead_after_s), "3d", 60, 365 * DAY, NULL,
     "A feed failing for this long is marked dead (still probed at backoff_max)."},
    {"schedule.retry_after_max", FW_OPT_SECONDS, OFF(retry_after_max_s), "6h", 1, 7 * DAY, NULL,
     "Clamp for a server's Retry-After."},
    {"schedule.save_delay", FW_OPT_MILLIS, OFF(save_delay_ms), "5000", 0, 600000, NULL,
     "Per-feed state writes are batched this long (ms; 0 = write after every poll)."},

    {"fetch.user_agent", FW_OPT_STR, OFF(user_agent), "feedwire/" FW_VERSION " (+https://github.com/feedwire)", 0, 0,
     NULL, "User-Agent header of every request."},
    {"fetch.connect_timeout", FW_OPT_MILLIS, OFF(connect_timeout_ms), "10000", 100, 120000, NULL,
     "Connect timeout (ms)."},
    {"fetch.timeout", FW_OPT_MILLIS, OFF(timeout_ms), "60000", 500, 600000, NULL, "Total timeout of one transfer (ms)."},
    {"fetch.low_speed_bps", FW_OPT_INT, OFF(low_speed_bps), "512", 0, 1 << 30, NULL,
     "A transfer slower than this many bytes/s for low_speed_time is cut off (0 = off)."},
    {"fetch.low_speed_time", FW_OPT_SECONDS, OFF(low_speed_time_s), "20", 1, 600, NULL,
     "Seconds below low_speed_bps before the transfer is cut off."},
    {"fetch.max_body", FW_OPT_BYTES, OFF(max_body_bytes), "8M", 1024, 1L << 30, NULL,
     "Largest response body accepted, after decompression."},
    {"fetch.max_redirects", FW_OPT_INT, OFF(max_redirects), "5", 0, 20, NULL, "Redirects followed per request."},
    {"fetch.max_transfers", FW_OPT_INT, OFF(max_transfers), "32", 1, 1024, NULL, "Concurrent transfers in total."},
    {"fetch.max_host_transfers", FW_OPT_INT, OFF(max_host_transfers), "2", 1, 64, NULL,
     "Concurrent transfers to one host."},
    {"fetch.host_delay", FW_OPT_MILLIS, OFF(host_delay_ms), "1000", 0, 600000, NULL,
     "Minimum time between the starts of two requests to one host (ms)."},
    {"fetch.max_queued_articles", FW_OPT_INT, OFF(max_queued_articles), "10000", 10, 10000000, NULL,
     "Article fetches queued at most, shared fairly among hosts (one slow site cannot starve the rest); refused items wait for a later poll."},
    {"fetch.article_tries", FW_OPT_INT, OFF(article_tries), "8", 1, 1000, NULL,
     "Fetches of an article page failing with 5xx or a timeout before it is dead-lettered; between them it backs off like a feed."},
    {"fetch.robots", FW_OPT_BOOL, OFF(robots), "yes", 0, 0, NULL, "Honour robots.txt for article fetches."},
    {"fetch.allow_hosts", FW_OPT_STR, OFF(allow_hosts), "", 0, 0, NULL,
     "Addresses allowed although loopback, link-local or private: comma list of IPs or CIDRs (e.g. 127.0.0.1)."},

    {"redis.host", FW_OPT_STR, OFF(redis_host), "127.0.0.1", 0, 0, NULL, "Redis host (or a unix socket path starting with /)."},
    {"redis.port", FW_OPT_INT, OFF(redis_port), "6379", 1, 65535, NULL, "Redis port."},
    {"redis.password", FW_OPT_STR, OFF(redis_password), "", 0, 0, NULL, "Redis AUTH password (empty = none)."},
    {"redis.db", FW_OPT_INT, OFF(redis_db), "0", 0, 1024, NULL, "Redis database number."},
    {"redis.prefix", FW_OPT_STR, OFF(redis_prefix), "fw:", 0, 0, NULL, "Prefix of every key feedwire writes."},
    {"redis.ttl", FW_OPT_SECONDS, OFF(redis_ttl_s), "90d", 60, 3650 * DAY, NULL,
     "Lifetime of a dedup key; refreshed whenever the item is seen again in its feed."},
    {"redis.timeout", FW_OPT_MILLIS, OFF(redis_timeout_ms), "5000", 100, 60000, NULL, "Redis connect and command timeout (ms): an overdue reply drops the connection and fails pending commands."},

    {"sink.topic_articles", FW_OPT_STR, OFF(topic_articles), "feedwire.articles", 0, 0, NULL, "Topic of article messages."},
    {"sink.topic_events", FW_OPT_STR, OFF(topic_events), "feedwire.events", 0, 0, NULL, "Topic of event messages."},
    {"sink.topic_dlq", FW_OPT_STR, OFF(topic_dlq), "feedwire.deadletter", 0, 0, NULL,
     "Dead-letter topic: articles that could not be extracted and messages that failed permanently."},
    {"sink.queue_max_msgs", FW_OPT_INT, OFF(queue_max_msgs), "100000", 100, 10000000, NULL,
     "Producer queue bound (queue.buffering.max.messages); a full queue pauses fetching."},
    {"sink.spool_max", FW_OPT_BYTES, OFF(spool_max_bytes), "512M", 1 << 20, 1L << 40, NULL,
     "Cap of the on-disk spool of unacknowledged messages; reaching it pauses fetching."},
    {"sink.spool_fsync", FW_OPT_ENUM, OFF(spool_fsync), "batch", 0, 0, "always|batch|never",
     "When the spool is fsynced: every record, once per loop iteration, or never (the OS decides)."},

    {"metrics.listen", FW_OPT_STR, OFF(metrics_listen), "127.0.0.1", 0, 0, NULL,
     "Address of the Prometheus /metrics, /healthz and /readyz endpoint."},
    {"metrics.port", FW_OPT_INT, OFF(metrics_port), "9464", 0, 65535, NULL, "Port of the metrics endpoint (0 = off)."},
};
const size_t fw_conf_nopts = sizeof fw_conf_opts / sizeof fw_conf_opts[0];

const struct fw_opt *fw_conf_find(const char *name)
{
    for (size_t i = 0; i < fw_conf_nopts; i++)
        if (strcmp(fw_conf_opts[i].name, name) == 0) return &fw_conf_opts[i];
    return NULL;
}

/* Numbers with a unit suffix: seconds (s m h d), millis (ms s m), bytes (K M G). */
static int parse_num(const struct fw_opt *o, const char *s, long *out, char *err, size_t errsz)
{
    errno = 0;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (end == s || errno) {
        fw_fail(err, errsz, FW_E_CONFIG, "%s: '%s' is not a number", o->name, s);
        return -1;
    }
    while (isspace((unsigned char)*end)) end++;
    long long mul = 1;
    if (*end) {
        const char *u = end;
        if (o->type == FW_OPT_SECONDS) {
            mul = !strcmp(u, "s") ? 1 : !strcmp(u, "m") ? 60 : !strcmp(u, "h") ? 3600 : !strcmp(u, "d") ? DAY : 0;
        } else if (o->type == FW_OPT_MILLIS) {
            mul = !strcmp(u, "ms") ? 1 : !strcmp(u, "s") ? 1000 : !strcmp(u, "m") ? 60000 : 0;
        } else if (o->type == FW_OPT_BYTES) {
            mul = !strcasecmp(u, "k") ? 1024 : !strcasecmp(u, "m") ? 1 << 20 : !strcasecmp(u, "g") ? 1 << 30 : 0;
        } else {
            mul = 0;
        }
        if (!mul) {
            fw_fail(err, errsz, FW_E_CONFIG, "%s: unknown unit '%s' in '%s'", o->name, u, s);
            return -1;
        }
    }
    if (v > LONG_MAX / mul || v < LONG_MIN / mul) {
        fw_fail(err, errsz, FW_E_CONFIG, "%s: '%s' is out of range", o->name, s);
        return -1;
    }
    v *= mul;
    if (v < o->min || v > o->max) {
        fw_fail(err, errsz, FW_E_CONFIG, "%s: %lld is out of range [%ld, %ld]", o->name, v, o->min, o->max);
        return -1;
    }
    *out = (long)v;
    return 0;
}

static int parse_bool(const char *s, int *out)
{
    static const char *const yes[] = {"yes", "true", "on", "1"}, *const no[] = {"no", "false", "off", "0"};
    for (int i = 0; i < 4; i++) {
        if (!strcasecmp(s, yes[i])) return *out = 1, 0;
        if (!strcasecmp(s, no[i])) return *out = 0, 0;
    }
    return -1;
}

static int enum_has(const char *choices, const char *v)
{
    size_t n = strlen(v);
    for (const char *p = choices; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && !strncmp(p, v, n)) return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

static enum fw_err kafka_set(struct fw_conf *c, const char *key, const char *val, int line, char *err, size_t errsz)
{
    /* librdkafka knows its properties: ask it, so a typo fails at `config check`. */
    char kerr[256];
    rd_kafka_conf_t *probe = rd_kafka_conf_new();
    rd_kafka_conf_res_t r = rd_kafka_conf_set(probe, key, val, kerr, sizeof kerr);
    rd_kafka_conf_destroy(probe);
    if (r != RD_KAFKA_CONF_OK) return fw_fail(err, errsz, FW_E_CONFIG, "kafka.%s: %s", key, kerr);
    for (size_t i = 0; i < c->nkafka; i++) {
        if (!strcmp(c->kafka[i].key, key)) {
            free(c->kafka[i].val);
            c->kafka[i].val = fw_xstrdup(val);
            c->kafka[i].line = line;
            return FW_OK;
        }
    }
    c->kafka = fw_xrealloc(c->kafka, (c->nkafka + 1) * sizeof *c->kafka);
    c->kafka[c->nkafka++] = (struct fw_kv){fw_xstrdup(key), fw_xstrdup(val), line};
    return FW_OK;
}

static enum fw_err set_opt(struct fw_conf *c, const struct fw_opt *o, const char *val, char *err, size_t errsz)
{
    char *base = (char *)c;
    switch (o->type) {
    case FW_OPT_STR:
    case FW_OPT_ENUM: {
        if (o->type == FW_OPT_ENUM && !enum_has(o->choices, val))
            return fw_fail(err, errsz, FW_E_CONFIG, "%s: '%s' is not one of %s", o->name, val, o->choices);
        char **slot = (char **)(base + o->off);
        free(*slot);
        *slot = fw_xstrdup(val);
        return FW_OK;
    }
    case FW_OPT_BOOL: {
        int b;
        if (parse_bool(val, &b)) return fw_fail(err, errsz, FW_E_CONFIG, "%s: '%s' is not yes or no", o->name, val);
        *(int *)(base + o->off) = b;
        return FW_OK;
    }
    default: {
        long v;
        if (parse_num(o, val, &v, err, errsz)) return FW_E_CONFIG;
        *(long *)(base + o->off) = v;
        return FW_OK;
    }
    }
}

enum fw_err fw_conf_set(struct fw_conf *c, const char *name, const char *val, char *err, size_t errsz)
{
    if (!strncmp(name, "kafka.", 6) && name[6]) return kafka_set(c, name + 6, val, 0, err, errsz);
    const struct fw_opt *o = fw_conf_find(name);
    if (!o) return fw_fail(err, errsz, FW_E_CONFIG, "unknown option '%s'", name);
    return set_opt(c, o, val, err, errsz);
}

void fw_conf_init(struct fw_conf *c)
{
    memset(c, 0, sizeof *c);
    char err[256];
    for (size_t i = 0; i < fw_conf_nopts; i++)
        if (set_opt(c, &fw_conf_opts[i], fw_conf_opts[i].def, err, sizeof err) != FW_OK) abort(); /* table bug */
}

void fw_conf_fini(struct fw_conf *c)
{
    if (!c) return;
    for (size_t i = 0; i < fw_conf_nopts; i++) {
        const struct fw_opt *o = &fw_conf_opts[i];
        if (o->type == FW_OPT_STR || o->type == FW_OPT_ENUM) free(*(char **)((char *)c + o->off));
    }
    for (size_t i = 0; i < c->nkafka; i++) {
        free(c->kafka[i].key);
        free(c->kafka[i].val);
    }
    free(c->kafka);
    memset(c, 0, sizeof *c);
}

struct load_ctx {
    struct fw_conf *c;
    const char *path;
    FILE *f, *errs;
    int line, nerr;
};

/* Our own reader, so the handler knows the line of every key (inih reports
 * only the first error's line). */
static char *reader(char *str, int num, void *stream)
{
    struct load_ctx *lc = stream;
    char *r = fgets(str, num, lc->f);
    if (r) lc->line++;
    return r;
}

static void report(struct load_ctx *lc, int line, const char *msg)
{
    lc->nerr++;
    if (lc->errs) fprintf(lc->errs, "%s:%d: %s\n", lc->path, line, msg);
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    struct load_ctx *lc = user;
    char full[256], err[512];
    if (!section[0]) {
        snprintf(err, sizeof err, "'%s' is outside any [section]", name);
        report(lc, lc->line, err);
        return 1;
    }
    if (!strcmp(section, "kafka")) {
        if (kafka_set(lc->c, name, value, lc->line, err, sizeof err) != FW_OK) report(lc, lc->line, err);
        return 1;
    }
    snprintf(full, sizeof full, "%s.%s", section, name);
    const struct fw_opt *o = fw_conf_find(full);
    if (!o) {
        snprintf(err, sizeof err, "unknown option '%s' (see `feedwire config docs`)", full);
        report(lc, lc->line, err);
        return 1;
    }
    if (set_opt(lc->c, o, value, err, sizeof err) != FW_OK) report(lc, lc->line, err);
    return 1;
}

int fw_conf_load(struct fw_conf *c, const char *path, FILE *errs)
{
    struct load_ctx lc = {.c = c, .path = path, .errs = errs};
    lc.f = fopen(path, "r");
    if (!lc.f) {
        if (errs) fprintf(errs, "%s: %s\n", path, strerror(errno));
        return 1;
    }
    int r = ini_parse_stream(reader, &lc, handler, &lc);
    fclose(lc.f);
    if (r > 0) report(&lc, r, "syntax error (expected [section] or key = value)");
    else if (r < 0) report(&lc, 0, "cannot read file");
    return lc.nerr;
}

int fw_conf_validate(const struct fw_conf *c, const char *path, FILE *errs)
{
    int n = 0;
#define CHECK(cond, ...)                                     \
    do {                                                     \
        if (!(cond)) {                                       \
            n++;                                             \
            if (errs) {                                      \
                fprintf(errs, "%s: ", path ? path : "config"); \
                fprintf(errs, __VA_ARGS__);                  \
                fputc('\n', errs);                           \
            }                                                \
        }                                                    \
    } while (0)
    CHECK(c->max_interval_s >= c->interval_s, "schedule.max_interval (%lds) is below schedule.interval (%lds)",
          c->max_interval_s, c->interval_s);
    CHECK(c->backoff_max_s >= c->backoff_base_s, "schedule.backoff_max is below schedule.backoff_base");
    CHECK(c->max_host_transfers <= c->max_transfers, "fetch.max_host_transfers exceeds fetch.max_transfers");
    CHECK(c->topic_articles[0] && c->topic_events[0], "sink topics must not be empty");
    CHECK(strcmp(c->topic_articles, c->topic_events) != 0, "sink.topic_articles and sink.topic_events are the same");
    CHECK(c->feeds_file[0], "daemon.feeds_file is empty");
    CHECK(c->state_dir[0], "daemon.state_dir is empty");
#undef CHECK
    return n;
}

static char *fmt_num(long v, enum fw_opt_type t)
{
    struct fw_buf b;
    fw_buf_init(&b, 64);
    if (t == FW_OPT_SECONDS && v && v % DAY == 0) fw_buf_printf(&b, "%ldd", v / DAY);
    else if (t == FW_OPT_SECONDS && v && v % 3600 == 0) fw_buf_printf(&b, "%ldh", v / 3600);
    else if (t == FW_OPT_SECONDS && v && v % 60 == 0) fw_buf_printf(&b, "%ldm", v / 60);
    else if (t == FW_OPT_SECONDS) fw_buf_printf(&b, "%lds", v);
    else if (t == FW_OPT_BYTES && v && v % (1 << 30) == 0) fw_buf_printf(&b, "%ldG", v >> 30);
    else if (t == FW_OPT_BYTES && v && v % (1 << 20) == 0) fw_buf_printf(&b, "%ldM", v >> 20);
    else if (t == FW_OPT_BYTES && v && v % 1024 == 0) fw_buf_printf(&b, "%ldK", v >> 10);
    else fw_buf_printf(&b, "%ld", v);
    return fw_buf_steal(&b);
}

char *fw_conf_get(const struct fw_conf *c, const struct fw_opt *o)
{
    const char *base = (const char *)c;
    switch (o->type) {
    case FW_OPT_STR:
    case FW_OPT_ENUM: return fw_xstrdup(*(char *const *)(base + o->off));
    case FW_OPT_BOOL: return fw_xstrdup(*(const int *)(base + o->off) ? "yes" : "no");
    default: return fmt_num(*(const long *)(base + o->off), o->type);
    }
}

static const char *type_name(const struct fw_opt *o)
{
    static const char *const n[] = {"string", "integer", "yes/no", "duration (s, m, h, d)", "milliseconds (ms, s, m)",
                                    "size (K, M, G)", "one of"};
    return n[o->type];
}

static void range_text(const struct fw_opt *o, char *buf, size_t n)
{
    buf[0] = 0;
    if (o->type == FW_OPT_ENUM) snprintf(buf, n, "%s", o->choices);
    else if (o->type != FW_OPT_STR && o->type != FW_OPT_BOOL) {
        char *lo = fmt_num(o->min, o->type), *hi = fmt_num(o->max, o->type);
        snprintf(buf, n, "%s .. %s", lo, hi);
        free(lo);
        free(hi);
    }
}

void fw_conf_write_docs(FILE *f)
{
    fprintf(f, "# feedwire configuration (INI). Generated by `feedwire config docs` from the option table;\n"
               "# every option is shown commented out with its default. Units: durations take s, m, h, d;\n"
               "# sizes K, M, G. Check a file with `feedwire config check FILE`.\n");
    const char *prev = "";
    size_t prevlen = 0;
    for (size_t i = 0; i < fw_conf_nopts; i++) {
        const struct fw_opt *o = &fw_conf_opts[i];
        const char *dot = strchr(o->name, '.');
        size_t slen = (size_t)(dot - o->name);
        if (slen != prevlen || strncmp(prev, o->name, slen)) {
            fprintf(f, "\n[%.*s]\n", (int)slen, o->name);
            prev = o->name;
            prevlen = slen;
        }
        char range[128];
        range_text(o, range, sizeof range);
        fprintf(f, "# %s (%s%s%s)\n#%s = %s\n", o->doc, type_name(o), range[0] ? ": " : "", range, dot + 1, o->def);
    }
    fprintf(f, "\n[kafka]\n# Any librdkafka property, passed through as is (SASL/SSL included). feedwire sets\n"
               "# enable.idempotence=true, acks=all and compression.type=zstd unless given here.\n"
               "#bootstrap.servers = 127.0.0.1:9092\n");
}

void fw_conf_write_markdown(FILE *f)
{
    fprintf(f, "| option | type | default | range | meaning |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < fw_conf_nopts; i++) {
        const struct fw_opt *o = &fw_conf_opts[i];
        char range[128];
        range_text(o, range, sizeof range);
        for (char *p = range; *p; p++)
            if (*p == '|') *p = '/';
        fprintf(f, "| `%s` | %s | `%s` | %s | %s |\n", o->name, type_name(o), o->def, range, o->doc);
    }
    fprintf(f, "| `kafka.*` | string | | any librdkafka property | Passed to librdkafka as is. |\n");
}

void fw_conf_write_effective(const struct fw_conf *c, FILE *f)
{
    struct fw_conf d;
    fw_conf_init(&d);
    for (size_t i = 0; i < fw_conf_nopts; i++) {
        const struct fw_opt *o = &fw_conf_opts[i];
        char *v = fw_conf_get(c, o), *dv = fw_conf_get(&d, o);
        int secret = strstr(o->name, "password") && v[0];
        fprintf(f, "%s = %s%s\n", o->name, secret ? "(hidden)" : v, strcmp(v, dv) ? "" : "    # default");
        free(v);
        free(dv);
    }
    for (size_t i = 0; i < c->nkafka; i++) {
        const char *k = c->kafka[i].key;
        int secret = strstr(k, "password") || strstr(k, "secret") || strstr(k, "key.pem");
        fprintf(f, "kafka.%s = %s\n", k, secret ? "(hidden)" : c->kafka[i].val);
    }
    fw_conf_fini(&d);
}
