#include "feedwire/fw_daemon.h"

#include <hiredis/hiredis.h>
#include <librdkafka/rdkafka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>

#include "feedwire/fw_conf.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_loop.h"
#include "feedwire/fw_version.h"

struct daemon {
    struct fw_conf conf;
    struct fw_loop *loop;
    int stopping;
};

static int load_conf(struct fw_conf *c, const struct fw_daemon_opts *o)
{
    fw_conf_init(c);
    int nerr = fw_conf_load(c, o->config_path, stderr);
    for (int i = 0; o->overrides && o->overrides[i]; i++) {
        char name[256], err[512];
        const char *eq = strchr(o->overrides[i], '=');
        if (!eq || eq == o->overrides[i] || (size_t)(eq - o->overrides[i]) >= sizeof name) {
            fprintf(stderr, "-o %s: expected option=value\n", o->overrides[i]);
            nerr++;
            continue;
        }
        snprintf(name, sizeof name, "%.*s", (int)(eq - o->overrides[i]), o->overrides[i]);
        if (fw_conf_set(c, name, eq + 1, err, sizeof err) != FW_OK) {
            fprintf(stderr, "-o %s: %s\n", o->overrides[i], err);
            nerr++;
        }
    }
    if (!nerr) nerr = fw_conf_validate(c, o->config_path, stderr);
    return nerr;
}

static void on_term(struct fw_loop *loop, void *arg)
{
    struct daemon *d = arg;
    fw_log(LOG_NOTICE, "main", "stopping on signal");
    sd_notify(0, "STOPPING=1");
    d->stopping = 1;
    fw_loop_stop(loop);
}

static void on_hup(struct fw_loop *loop, void *arg)
{
    fw_log(LOG_NOTICE, "main", "reload requested");
}

static int check_redis(const struct fw_conf *c)
{
    struct timeval tv = {c->redis_timeout_ms / 1000, (c->redis_timeout_ms % 1000) * 1000};
    redisContext *rc = c->redis_host[0] == '/' ? redisConnectUnixWithTimeout(c->redis_host, tv)
                                                : redisConnectWithTimeout(c->redis_host, (int)c->redis_port, tv);
    int ok = rc && !rc->err;
    if (ok) {
        redisReply *r = redisCommand(rc, "PING");
        ok = r && r->type != REDIS_REPLY_ERROR;
        freeReplyObject(r);
    }
    if (!ok) fw_log(LOG_ERR, "dedup", "redis %s:%ld unreachable: %s", c->redis_host, c->redis_port,
                    rc ? rc->errstr : "out of memory");
    redisFree(rc);
    return ok;
}

static int check_kafka(const struct fw_conf *c)
{
    char err[512];
    rd_kafka_conf_t *kc = rd_kafka_conf_new();
    for (size_t i = 0; i < c->nkafka; i++)
        if (rd_kafka_conf_set(kc, c->kafka[i].key, c->kafka[i].val, err, sizeof err) != RD_KAFKA_CONF_OK) {
            fw_log(LOG_ERR, "sink", "kafka.%s: %s", c->kafka[i].key, err);
            rd_kafka_conf_destroy(kc);
            return 0;
        }
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, kc, err, sizeof err);
    if (!rk) {
        fw_log(LOG_ERR, "sink", "kafka producer: %s", err);
        return 0;
    }
    const struct rd_kafka_metadata *md = NULL;
    rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 0, NULL, &md, 5000);
    if (e) fw_log(LOG_ERR, "sink", "kafka unreachable: %s", rd_kafka_err2str(e));
    else rd_kafka_metadata_destroy(md);
    rd_kafka_destroy(rk);
    return e == RD_KAFKA_RESP_ERR_NO_ERROR;
}

int fw_daemon_run(const struct fw_daemon_opts *o)
{
    struct daemon d = {0};
    int rc = 0;
    if (load_conf(&d.conf, o) != 0) {
        fprintf(stderr, "feedwired: invalid configuration, not starting\n");
        rc = 2;
        goto out;
    }
    if (o->check_only) {
        printf("%s: ok\n", o->config_path);
        goto out;
    }
    fw_log_init(fw_log_parse_level(d.conf.log_level), d.conf.log_debug, -1);
    fw_log(LOG_NOTICE, "main", "feedwired %s starting", FW_VERSION);
    if (!check_redis(&d.conf) || !check_kafka(&d.conf)) {
        rc = 1;
        goto out;
    }
    d.loop = fw_loop_new();
    fw_loop_signal(d.loop, SIGTERM, on_term, &d);
    fw_loop_signal(d.loop, SIGINT, on_term, &d);
    fw_loop_signal(d.loop, SIGHUP, on_hup, &d);
    sd_notify(0, "READY=1\nSTATUS=running");
    fw_log(LOG_NOTICE, "main", "ready: redis %s:%ld", d.conf.redis_host, d.conf.redis_port);
    if (fw_loop_run(d.loop) != 0) rc = 1;
    fw_log(LOG_NOTICE, "main", "stopped");
out:
    fw_loop_free(d.loop);
    fw_conf_fini(&d.conf);
    return rc;
}
