/* fw_conf: the daemon's configuration. Every option is one row of the table in
 * fw_conf.c (name, type, offset, default, range, doc); that table drives the
 * INI parser (libinih), `feedwire config check|show|docs` and the README
 * reference. `[kafka]` keys pass through to librdkafka untouched.
 * Thread: main; a loaded struct fw_conf is read-only afterwards. */
#ifndef FW_CONF_H
#define FW_CONF_H
#include <stdio.h>

#include "feedwire/fw_err.h"

struct fw_kv {
    char *key, *val;
    int line;
};

struct fw_conf {
    /* [log] */
    char *log_level;
    char *log_debug;
    /* [daemon] */
    char *feeds_file;
    char *state_dir;
    char *dict_dir;
    double min_confidence;   /* code.min_confidence */
    char *plover;            /* code.plover: PLOVER vocabulary, 0.5 or 0.8 */
    long watchdog_s;
    long drain_timeout_ms;
    /* [incident] */
    int incident_enabled;
    long incident_horizon_s;
    char *incident_topic;
    /* [schedule] */
    long interval_s;
    long max_interval_s;
    long jitter_pct;
    long backoff_base_s;
    long backoff_max_s;
    long dead_after_s;
    long retry_after_max_s;
    long save_delay_ms;
    /* [fetch] */
    char *user_agent;
    long connect_timeout_ms;
    long timeout_ms;
    long low_speed_bps;
    long low_speed_time_s;
    long max_body_bytes;
    long max_redirects;
    long max_transfers;
    long max_host_transfers;
    long host_delay_ms;
    long max_queued_articles;
    long article_tries;
    int robots;
    char *allow_hosts;
    /* [redis] */
    char *redis_host;
    long redis_port;
    char *redis_user;
    char *redis_password;
    char *redis_password_file;
    int redis_tls;
    char *redis_tls_ca_file;
    char *redis_tls_cert_file;
    char *redis_tls_key_file;
    char *redis_tls_server_name;
    long redis_db;
    char *redis_prefix;
    long redis_ttl_s;
    long redis_timeout_ms;
    char *redis_sentinel;        /* "host:port,host:port": ask these for the master */
    char *redis_sentinel_master;
    /* [sink] */
    char *topic_articles;
    char *topic_events;
    char *topic_dlq;
    long queue_max_msgs;
    long spool_max_bytes;
    char *spool_fsync;
    /* [metrics] */
    char *metrics_listen;
    long metrics_port;
    int metrics_per_feed;
    /* [cluster] */
    int cluster_enabled;
    char *cluster_topic;
    char *cluster_group;
    char *cluster_instance_id;
    long cluster_session_timeout_ms;
    long cluster_partitions;
    long cluster_claim_lease_ms;
    long cluster_handover_timeout_ms;
    /* [kafka] passthrough, in file order */
    struct fw_kv *kafka;
    size_t nkafka;
};

enum fw_opt_type { FW_OPT_STR, FW_OPT_INT, FW_OPT_BOOL, FW_OPT_SECONDS, FW_OPT_MILLIS, FW_OPT_BYTES, FW_OPT_ENUM,
                   FW_OPT_FRACTION /* a double in min/100 .. max/100, written 0.4 */ };

struct fw_opt {
    const char *name;        /* "section.key" */
    enum fw_opt_type type;
    size_t off;              /* offset in struct fw_conf */
    const char *def;         /* default, written as in the file */
    long min, max;           /* for numeric types */
    const char *choices;     /* FW_OPT_ENUM: "a|b|c" */
    const char *doc;         /* one line */
};

extern const struct fw_opt fw_conf_opts[];
extern const size_t fw_conf_nopts;

/* Fills every option with its default. */
void fw_conf_init(struct fw_conf *c);
void fw_conf_fini(struct fw_conf *c);

/* Sets one option from its text form; `name` is "section.key" (or "kafka.X").
 * Errors are written to err. */
enum fw_err fw_conf_set(struct fw_conf *c, const char *name, const char *val, char *err, size_t errsz);

/* Parses an INI file over c. Each error is printed to `errs` (may be NULL) as
 * "file:line: message"; returns the number of errors (0 = ok). Unknown
 * [kafka] properties are checked against librdkafka. A value ends at a ';' or
 * '#' that starts it or follows whitespace (an inline comment). Then the
 * environment overrides the file: FEEDWIRE_<SECTION>_<KEY> (e.g.
 * FEEDWIRE_REDIS_PASSWORD) for a table option, FEEDWIRE_KAFKA_<PROP> with '_'
 * for '.' (FEEDWIRE_KAFKA_SASL_PASSWORD) for a librdkafka property. */
int fw_conf_load(struct fw_conf *c, const char *path, FILE *errs);

/* Resolves secrets once every source (file, environment, -o) is applied:
 * redis.password_file and any [kafka] `<property>_file` (e.g.
 * sasl.password_file) are read, one trailing newline dropped; a relative path
 * is taken in $CREDENTIALS_DIRECTORY when systemd set it (LoadCredential=).
 * A credential named like an option (`redis.password`, `kafka.sasl.password`)
 * sets it. Then runs fw_conf_validate(). Returns the number of errors. */
int fw_conf_finish(struct fw_conf *c, const char *path, FILE *errs);

/* Cross-option checks after loading (e.g. max_interval >= interval). */
int fw_conf_validate(const struct fw_conf *c, const char *path, FILE *errs);

/* The value of an option as text (numbers in their unit); caller frees. */
char *fw_conf_get(const struct fw_conf *c, const struct fw_opt *o);
const struct fw_opt *fw_conf_find(const char *name);

/* redis.sentinel: "host:port[,host:port...]" into out (at most max; out may be
 * NULL to only check). Returns how many, or -1 when malformed. */
struct fw_hostport {
    char host[256];
    int port;
};
int fw_conf_sentinels(const char *list, struct fw_hostport *out, size_t max);

/* Writes the commented default config file (what conf/feedwire.conf holds). */
void fw_conf_write_docs(FILE *f);
/* Writes feedwire.conf(5) in roff (man), from the same table. */
void fw_conf_write_man(FILE *f);
/* Writes the option reference as a Markdown table (README). */
void fw_conf_write_markdown(FILE *f);
/* Writes effective values: "name = value" (with "# default" when unchanged). */
void fw_conf_write_effective(const struct fw_conf *c, FILE *f);
/* The same as one JSON object: {"section.key": {"value": "...", "default": true}}. */
void fw_conf_write_effective_json(const struct fw_conf *c, FILE *f);

#endif
