#include "feedwire/fw_conf.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <ini.h>
#include <jansson.h>
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

    {"code.min_confidence", FW_OPT_FRACTION, OFF(min_confidence), "0.2", 0, 100, NULL,
     "Events the coder is less confident of than this (0 to 1) are not published."},
    {"code.plover", FW_OPT_ENUM, OFF(plover), "0.5", 0, 0, "0.5|0.8",
     "PLOVER names in the plover field: 0.5 (as PLOVER's gold records: DEMAND, DISAPPROVE, FIGHT) or 0.8 (2021 draft)."},

    {"incident.enabled", FW_OPT_BOOL, OFF(incident_enabled), "no", 0, 0, NULL,
     "Merge events into incidents (issue 16): each event gets its incident id and changed incidents go to incident.topic. Off until the merge meets its targets."},
    {"incident.horizon", FW_OPT_SECONDS, OFF(incident_horizon_s), "30d", 60, 3650 * DAY, NULL,
     "How long an incident stays a candidate for new mentions after its last one (kept in Redis as long)."},
    {"incident.topic", FW_OPT_STR, OFF(incident_topic), "feedwire.incidents", 0, 0, NULL,
     "Topic of incident records, keyed by incident id (compacted: the last record of an incident is its state)."},

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
    {"redis.user", FW_OPT_STR, OFF(redis_user), "", 0, 0, NULL,
     "Redis ACL user name for AUTH (empty = the default user, AUTH with the password only)."},
    {"redis.password", FW_OPT_STR, OFF(redis_password), "", 0, 0, NULL,
     "Redis AUTH password (empty = none); better in redis.password_file, a credential or FEEDWIRE_REDIS_PASSWORD."},
    {"redis.password_file", FW_OPT_STR, OFF(redis_password_file), "", 0, 0, NULL,
     "File holding the Redis password (relative: in $CREDENTIALS_DIRECTORY, from the unit's LoadCredential=)."},
    {"redis.tls", FW_OPT_BOOL, OFF(redis_tls), "no", 0, 0, NULL,
     "Connect to Redis over TLS (the server's tls-port), verifying its certificate."},
    {"redis.tls_ca_file", FW_OPT_STR, OFF(redis_tls_ca_file), "", 0, 0, NULL,
     "CA certificates (PEM) that sign the Redis server's certificate (empty = the system's)."},
    {"redis.tls_cert_file", FW_OPT_STR, OFF(redis_tls_cert_file), "", 0, 0, NULL,
     "Client certificate (PEM) when Redis requires one (tls-auth-clients)."},
    {"redis.tls_key_file", FW_OPT_STR, OFF(redis_tls_key_file), "", 0, 0, NULL,
     "Private key (PEM) of redis.tls_cert_file."},
    {"redis.tls_server_name", FW_OPT_STR, OFF(redis_tls_server_name), "", 0, 0, NULL,
     "Name the Redis certificate must carry (empty = redis.host)."},
    {"redis.db", FW_OPT_INT, OFF(redis_db), "0", 0, 1024, NULL, "Redis database number."},
    {"redis.prefix", FW_OPT_STR, OFF(redis_prefix), "fw:", 0, 0, NULL, "Prefix of every key feedwire writes."},
    {"redis.ttl", FW_OPT_SECONDS, OFF(redis_ttl_s), "90d", 60, 3650 * DAY, NULL,
     "Lifetime of a dedup key; refreshed whenever the item is seen again in its feed."},
    {"redis.timeout", FW_OPT_MILLIS, OFF(redis_timeout_ms), "5000", 100, 60000, NULL, "Redis connect and command timeout (ms): an overdue reply drops the connection and fails pending commands."},

    {"redis.sentinel", FW_OPT_STR, OFF(redis_sentinel), "", 0, 0, NULL,
     "Redis Sentinels (comma list host:port) asked for the master at each (re)connect, so a failover is followed; empty: redis.host."},
    {"redis.sentinel_master", FW_OPT_STR, OFF(redis_sentinel_master), "mymaster", 0, 0, NULL,
     "Name of the master the sentinels monitor (redis.sentinel)."},

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
    {"metrics.per_feed", FW_OPT_BOOL, OFF(metrics_per_feed), "yes", 0, 0, NULL,
     "Export 7 series per feed (label feed); no for thousands of feeds: totals only (feedwire_feeds_failing, _dead)."},

    {"cluster.enabled", FW_OPT_BOOL, OFF(cluster_enabled), "no", 0, 0, NULL,
     "Share the feeds among daemons: read them from cluster.topic (not daemon.feeds_file), poll those of the partitions the group assigns."},
    {"cluster.topic", FW_OPT_STR, OFF(cluster_topic), "feedwire.feeds", 0, 0, NULL,
     "Compacted topic of the feed list (key = feed name or URL), written by `feedwire feeds import|add|rm`."},
    {"cluster.group", FW_OPT_STR, OFF(cluster_group), "feedwire", 0, 0, NULL,
     "Consumer group the daemons of one cluster join (cooperative-sticky assignment)."},
    {"cluster.instance_id", FW_OPT_STR, OFF(cluster_instance_id), "", 0, 0, NULL,
     "Static membership (group.instance.id), unique per daemon: a restart within the session timeout moves no feed."},
    {"cluster.session_timeout", FW_OPT_MILLIS, OFF(cluster_session_timeout_ms), "10000", 1000, 3600000, NULL,
     "How long a silent daemon keeps its feeds before the group gives them to the others (ms)."},
    {"cluster.claim_lease", FW_OPT_MILLIS, OFF(cluster_claim_lease_ms), "30000", 3000, 600000, NULL,
     "Cluster mode: lease of an item's claim in Redis (ms), renewed while its daemon lives; a killed daemon's items wait this long."},
    {"cluster.handover_timeout", FW_OPT_MILLIS, OFF(cluster_handover_timeout_ms), "5000", 0, 60000, NULL,
     "On a revoke, how long a daemon may take to finish its polls and items in flight for the feeds that move, before it writes their state and lets them go (ms)."},
    {"cluster.partitions", FW_OPT_INT, OFF(cluster_partitions), "12", 1, 10000, NULL,
     "Partitions of cluster.topic when `feedwire feeds` creates it (at most this many daemons share the work)."},
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

/* "sasl.password_file" names a file holding sasl.password: the length of the
 * property's name, or 0 when key is not such a name. */
static size_t file_key_base(const char *key)
{
    size_t n = strlen(key);
    return n > 5 && !strcmp(key + n - 5, "_file") ? n - 5 : 0;
}

static enum fw_err kafka_set(struct fw_conf *c, const char *key, const char *val, int line, char *err, size_t errsz)
{
    /* librdkafka knows its properties: ask it, so a typo fails at `config check`
     * (for `<property>_file`, about the property it fills). */
    char kerr[256], prop[256];
    size_t base = file_key_base(key);
    snprintf(prop, sizeof prop, "%.*s", (int)(base ? base : strlen(key)), key);
    rd_kafka_conf_t *probe = rd_kafka_conf_new();
    rd_kafka_conf_res_t r = rd_kafka_conf_set(probe, prop, base ? "x" : val, kerr, sizeof kerr);
    rd_kafka_conf_destroy(probe);
    if (r == RD_KAFKA_CONF_UNKNOWN || (!base && r != RD_KAFKA_CONF_OK))
        return fw_fail(err, errsz, FW_E_CONFIG, "kafka.%s: %s", key, kerr);
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
    case FW_OPT_FRACTION: {
        char *end;
        errno = 0;
        double d = strtod(val, &end);
        if (errno || end == val || *end || d * 100 < (double)o->min - 1e-9 || d * 100 > (double)o->max + 1e-9)
            return fw_fail(err, errsz, FW_E_CONFIG, "%s: '%s' is not a number from %g to %g", o->name, val,
                           o->min / 100.0, o->max / 100.0);
        *(double *)(base + o->off) = d;
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

static void handle_kv(struct load_ctx *lc, const char *section, const char *name, const char *value)
{
    char full[256], err[512];
    if (!section[0]) {
        snprintf(err, sizeof err, "'%s' is outside any [section]", name);
        report(lc, lc->line, err);
        return;
    }
    if (!strcmp(section, "kafka")) {
        if (kafka_set(lc->c, name, value, lc->line, err, sizeof err) != FW_OK) report(lc, lc->line, err);
        return;
    }
    snprintf(full, sizeof full, "%s.%s", section, name);
    const struct fw_opt *o = fw_conf_find(full);
    if (!o) {
        snprintf(err, sizeof err, "unknown option '%s' (see `feedwire config docs`)", full);
        report(lc, lc->line, err);
        return;
    }
    if (set_opt(lc->c, o, value, err, sizeof err) != FW_OK) report(lc, lc->line, err);
}

/* libinih strips inline ';' comments only (Debian builds it so); the
 * generated config comments with '#', so a '#' at the start of a value or
 * after whitespace ends it the same way: `prefix = fw: # hash` is "fw:". */
static char *strip_hash_comment(const char *value)
{
    char *v = fw_xstrdup(value);
    for (char *p = v; *p; p++) {
        if (*p == '#' && (p == v || isspace((unsigned char)p[-1]))) {
            *p = 0;
            break;
        }
    }
    size_t n = strlen(v);
    while (n && isspace((unsigned char)v[n - 1])) v[--n] = 0;
    return v;
}

static int handler(void *user, const char *section, const char *name, const char *raw)
{
    struct load_ctx *lc = user;
    char *value = strip_hash_comment(raw);
    handle_kv(lc, section, name, value);
    free(value);
    return 1;
}

/* FEEDWIRE_REDIS_PASSWORD -> redis.password; FEEDWIRE_KAFKA_SASL_PASSWORD ->
 * kafka.sasl.password (librdkafka's names use dots, so '_' becomes '.'). */
static int apply_env(struct fw_conf *c, FILE *errs)
{
    extern char **environ;
    int nerr = 0;
    char name[256], err[512];
    for (char **e = environ; e && *e; e++) {
        const char *eq = strchr(*e, '=');
        if (strncmp(*e, "FEEDWIRE_", 9) || !eq || (size_t)(eq - *e) >= sizeof name) continue;
        size_t n = (size_t)(eq - *e) - 9;
        int kafka = n > 6 && !strncmp(*e + 9, "KAFKA_", 6);
        for (size_t i = 0; i < n; i++) name[i] = (char)tolower((unsigned char)(*e)[9 + i]);
        name[n] = 0;
        const struct fw_opt *o = NULL;
        if (kafka) {
            /* ..._PASSWORD_FILE stays a `<property>_file` key */
            size_t base = file_key_base(name);
            name[5] = '.';
            for (char *p = name + 6; *p && (!base || p < name + base); p++)
                if (*p == '_') *p = '.';
        } else {
            /* the first '_' separates section and key (keys keep theirs) */
            char *us = strchr(name, '_');
            if (!us) continue;
            *us = '.';
            o = fw_conf_find(name);
            if (!o) continue; /* FEEDWIRE_* is not ours alone: ignore what is no option */
        }
        if (fw_conf_set(c, name, eq + 1, err, sizeof err) != FW_OK) {
            if (errs) fprintf(errs, "environment %.*s: %s\n", (int)(eq - *e), *e, err);
            nerr++;
        }
    }
    return nerr;
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
    return lc.nerr + apply_env(c, errs);
}

/* Reads a secret: the whole file less one trailing newline (CRLF too). */
static char *read_secret(const char *path, const char *what, FILE *errs)
{
    struct fw_buf b;
    char err[512];
    fw_buf_init(&b, 64 * 1024);
    if (fw_buf_read_file(&b, path, err, sizeof err) != FW_OK) {
        if (errs) fprintf(errs, "%s: %s\n", what, err);
        fw_buf_fini(&b);
        return NULL;
    }
    if (b.len && b.p[b.len - 1] == '\n') b.p[--b.len] = 0;
    if (b.len && b.p[b.len - 1] == '\r') b.p[--b.len] = 0;
    return fw_buf_steal(&b);
}

/* A *_file path; relative ones live in $CREDENTIALS_DIRECTORY under systemd. */
static char *secret_path(const char *p)
{
    const char *dir = getenv("CREDENTIALS_DIRECTORY");
    struct fw_buf b;
    fw_buf_init(&b, PATH_MAX);
    if (p[0] != '/' && dir && dir[0]) fw_buf_printf(&b, "%s/%s", dir, p);
    else fw_buf_printf(&b, "%s", p);
    return fw_buf_steal(&b);
}

/* Every credential named like an option sets it ("redis.password",
 * "kafka.sasl.password"); other names are left to *_file options. */
static int apply_credentials(struct fw_conf *c, FILE *errs)
{
    const char *dir = getenv("CREDENTIALS_DIRECTORY");
    if (!dir || !dir[0]) return 0;
    DIR *d = opendir(dir);
    if (!d) return 0;
    int nerr = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        const char *n = de->d_name;
        if (n[0] == '.' || (strncmp(n, "kafka.", 6) && !fw_conf_find(n))) continue;
        char *path = secret_path(n), *v = read_secret(path, n, errs), err[512];
        if (!v) nerr++;
        else if (fw_conf_set(c, n, v, err, sizeof err) != FW_OK) {
            if (errs) fprintf(errs, "credential %s: %s\n", n, err);
            nerr++;
        }
        free(v);
        free(path);
    }
    closedir(d);
    return nerr;
}

int fw_conf_finish(struct fw_conf *c, const char *path, FILE *errs)
{
    int nerr = apply_credentials(c, errs);
    if (c->redis_password_file[0]) {
        char *p = secret_path(c->redis_password_file), *v = read_secret(p, "redis.password_file", errs);
        if (v) {
            free(c->redis_password);
            c->redis_password = v;
        } else {
            nerr++;
        }
        free(p);
    }
    for (size_t i = 0; i < c->nkafka; i++) {
        struct fw_kv *kv = &c->kafka[i];
        size_t base = file_key_base(kv->key);
        if (!base) continue;
        char what[300], *p = secret_path(kv->val);
        snprintf(what, sizeof what, "kafka.%s", kv->key);
        char *v = read_secret(p, what, errs);
        free(p);
        if (!v) {
            nerr++;
            continue;
        }
        /* the file's content takes the property's place, keeping its line */
        kv->key[base] = 0;
        free(kv->val);
        kv->val = v;
    }
    /* a property given both inline and as a file: the later one wins */
    for (size_t i = 0; i < c->nkafka; i++) {
        for (size_t j = i + 1; j < c->nkafka; j++) {
            if (strcmp(c->kafka[i].key, c->kafka[j].key)) continue;
            free(c->kafka[i].key);
            free(c->kafka[i].val);
            memmove(&c->kafka[i], &c->kafka[i + 1], (c->nkafka - i - 1) * sizeof *c->kafka);
            c->nkafka--;
            i--;
            break;
        }
    }
    return nerr + fw_conf_validate(c, path, errs);
}

int fw_conf_sentinels(const char *list, struct fw_hostport *out, size_t max)
{
    int n = 0;
    for (const char *p = list; *p;) {
        size_t len = strcspn(p, ",");
        const char *colon = NULL;
        for (size_t i = 0; i < len; i++)
            if (p[i] == ':') colon = p + i;
        if (!colon || colon == p || (size_t)(colon - p) >= sizeof out->host || colon + 1 == p + len) return -1;
        long port = 0;
        for (const char *d = colon + 1; d < p + len; d++) {
            if (*d < '0' || *d > '9' || port > 65535) return -1;
            port = port * 10 + (*d - '0');
        }
        if (port < 1 || port > 65535) return -1;
        if (out && (size_t)n < max) {
            snprintf(out[n].host, sizeof out[n].host, "%.*s", (int)(colon - p), p);
            out[n].port = (int)port;
        }
        n++;
        p += len;
        if (*p == ',') p++;
    }
    return n;
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
    CHECK(fw_conf_sentinels(c->redis_sentinel, NULL, 0) >= 0,
          "redis.sentinel: '%s' is not a comma list of host:port", c->redis_sentinel);
    CHECK(!c->redis_sentinel[0] || c->redis_sentinel_master[0], "redis.sentinel_master is empty");
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
    case FW_OPT_FRACTION: {
        char buf[32];
        snprintf(buf, sizeof buf, "%g", *(const double *)(base + o->off));
        return fw_xstrdup(buf);
    }
    default: return fmt_num(*(const long *)(base + o->off), o->type);
    }
}

static const char *type_name(const struct fw_opt *o)
{
    static const char *const n[] = {"string", "integer", "yes/no", "duration (s, m, h, d)", "milliseconds (ms, s, m)",
                                    "size (K, M, G)", "one of", "number"};
    return n[o->type];
}

static void range_text(const struct fw_opt *o, char *buf, size_t n)
{
    buf[0] = 0;
    if (o->type == FW_OPT_ENUM) snprintf(buf, n, "%s", o->choices);
    else if (o->type == FW_OPT_FRACTION) snprintf(buf, n, "%g .. %g", o->min / 100.0, o->max / 100.0);
    else if (o->type != FW_OPT_STR && o->type != FW_OPT_BOOL) {
        char *lo = fmt_num(o->min, o->type), *hi = fmt_num(o->max, o->type);
        snprintf(buf, n, "%s .. %s", lo, hi);
        free(lo);
        free(hi);
    }
}

/* 1 when option i is the first of its section in the table. */
static int starts_section(size_t i)
{
    if (i == 0) return 1;
    const char *a = fw_conf_opts[i - 1].name, *b = fw_conf_opts[i].name;
    size_t la = (size_t)(strchr(a, '.') - a), lb = (size_t)(strchr(b, '.') - b);
    return la != lb || strncmp(a, b, la);
}

void fw_conf_write_docs(FILE *f)
{
    fprintf(f, "# feedwire configuration (INI). Generated by `feedwire config docs` from the option table;\n"
               "# every option is shown commented out with its default. Units: durations take s, m, h, d;\n"
               "# sizes K, M, G. Check a file with `feedwire config check FILE`.\n");
    for (size_t i = 0; i < fw_conf_nopts; i++) {
        const struct fw_opt *o = &fw_conf_opts[i];
        const char *dot = strchr(o->name, '.');
        if (starts_section(i)) fprintf(f, "\n[%.*s]\n", (int)(dot - o->name), o->name);
        char range[128];
        range_text(o, range, sizeof range);
        fprintf(f, "# %s (%s%s%s)\n#%s = %s\n", o->doc, type_name(o), range[0] ? ": " : "", range, dot + 1, o->def);
    }
    fprintf(f, "\n[kafka]\n# Any librdkafka property, passed through as is (SASL/SSL included). feedwire sets\n"
               "# enable.idempotence=true, acks=all and compression.type=zstd unless given here.\n"
               "#bootstrap.servers = 127.0.0.1:9092\n");
}

/* roff text: a leading '.' or '\'' would be a request, '\\' an escape, '-' a hyphen */
static void man_text(FILE *f, const char *s)
{
    if (*s == '.' || *s == '\'') fputs("\\&", f);
    for (; *s; s++) {
        if (*s == '\\') fputs("\\e", f);
        else if (*s == '-') fputs("\\-", f);
        else fputc(*s, f);
    }
}

void fw_conf_write_man(FILE *f)
{
    fprintf(f, ".\\\" Generated by `feedwire config docs --man` from the option table in fw_conf.c.\n"
               ".TH FEEDWIRE.CONF 5 \"\" \"feedwire %s\" \"File Formats\"\n"
               ".SH NAME\nfeedwire.conf \\- configuration of feedwired and feedwire\n"
               ".SH SYNOPSIS\n" FW_CONFDIR "/feedwire.conf\n"
               ".SH DESCRIPTION\n"
               "An INI file: \\fB[section]\\fR headers and \\fIkey\\fR = \\fIvalue\\fR lines. A value ends at a\n"
               "\\(oq;\\(cq or \\(oq#\\(cq that starts it or follows whitespace (an inline comment). Durations\n"
               "take s, m, h, d; milliseconds ms, s, m; sizes K, M, G. \\fBfeedwire config check\\fR reports\n"
               "every error as file:line; \\fBfeedwire config docs\\fR prints the commented defaults.\n"
               ".PP\nThe environment overrides the file: \\fBFEEDWIRE_\\fISECTION\\fB_\\fIKEY\\fR (e.g.\n"
               "\\fBFEEDWIRE_REDIS_PASSWORD\\fR), and \\fBFEEDWIRE_KAFKA_\\fIPROPERTY\\fR with \\(oq_\\(cq for\n"
               "\\(oq.\\(cq. A systemd credential (\\fBLoadCredential=\\fR) named like an option, e.g.\n"
               "\\fBredis.password\\fR or \\fBkafka.sasl.password\\fR, sets it; \\fBredis.password_file\\fR and\n"
               "\\fBkafka.\\fIproperty\\fB_file\\fR name files holding a secret (relative paths are taken in\n"
               "\\fB$CREDENTIALS_DIRECTORY\\fR).\n"
               ".SH OPTIONS\n",
            FW_VERSION);
    for (size_t i = 0; i < fw_conf_nopts; i++) {
        const struct fw_opt *o = &fw_conf_opts[i];
        const char *dot = strchr(o->name, '.');
        if (starts_section(i)) fprintf(f, ".SS [%.*s]\n", (int)(dot - o->name), o->name);
        char range[128];
        range_text(o, range, sizeof range);
        fprintf(f, ".TP\n.B %s\n", dot + 1);
        man_text(f, o->doc);
        fprintf(f, "\n.br\n");
        man_text(f, type_name(o));
        if (range[0]) {
            fputs(o->type == FW_OPT_ENUM ? " " : ", ", f);
            man_text(f, range);
        }
        fputs("; default \\(lq", f);
        man_text(f, o->def);
        fputs("\\(rq.\n", f);
    }
    fprintf(f, ".SS [kafka]\nAny librdkafka property, passed through as is (SASL and SSL included); feedwired sets\n"
               "enable.idempotence=true, acks=all and compression.type=zstd unless given here.\n"
               ".SH FILES\n.TP\n" FW_CONFDIR "/feedwire.conf\nthis file\n.TP\n" FW_CONFDIR "/feeds.txt\n"
               "the feed list (\\fBdaemon.feeds_file\\fR)\n"
               ".SH SEE ALSO\n.BR feedwired (8),\n.BR feedwire (1)\n");
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

static int secret_option(const char *name)
{
    return strstr(name, "password") && !strstr(name, "_file");
}

static int secret_kafka(const char *k)
{
    return strstr(k, "password") || strstr(k, "secret") || strstr(k, "key.pem");
}

void fw_conf_write_effective(const struct fw_conf *c, FILE *f)
{
    struct fw_conf d;
    fw_conf_init(&d);
    for (size_t i = 0; i < fw_conf_nopts; i++) {
        const struct fw_opt *o = &fw_conf_opts[i];
        char *v = fw_conf_get(c, o), *dv = fw_conf_get(&d, o);
        int secret = secret_option(o->name) && v[0];
        fprintf(f, "%s = %s%s\n", o->name, secret ? "(hidden)" : v, strcmp(v, dv) ? "" : "    # default");
        free(v);
        free(dv);
    }
    for (size_t i = 0; i < c->nkafka; i++) {
        const char *k = c->kafka[i].key;
        fprintf(f, "kafka.%s = %s\n", k, secret_kafka(k) ? "(hidden)" : c->kafka[i].val);
    }
    fw_conf_fini(&d);
}

void fw_conf_write_effective_json(const struct fw_conf *c, FILE *f)
{
    struct fw_conf d;
    fw_conf_init(&d);
    json_t *o = json_object();
    for (size_t i = 0; i < fw_conf_nopts; i++) {
        const struct fw_opt *opt = &fw_conf_opts[i];
        char *v = fw_conf_get(c, opt), *dv = fw_conf_get(&d, opt);
        int secret = secret_option(opt->name) && v[0];
        json_object_set_new(o, opt->name,
                            json_pack("{s:s,s:b}", "value", secret ? "(hidden)" : v, "default", !strcmp(v, dv)));
        free(v);
        free(dv);
    }
    for (size_t i = 0; i < c->nkafka; i++) {
        char name[300];
        snprintf(name, sizeof name, "kafka.%s", c->kafka[i].key);
        json_object_set_new(o, name, json_pack("{s:s,s:b}", "value",
                                               secret_kafka(c->kafka[i].key) ? "(hidden)" : c->kafka[i].val,
                                               "default", 0));
    }
    char *text = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (text) fprintf(f, "%s\n", text);
    free(text);
    json_decref(o);
    fw_conf_fini(&d);
}
