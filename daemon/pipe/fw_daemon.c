#include "feedwire/fw_daemon.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_cluster.h"
#include "feedwire/fw_conf.h"
#include "feedwire/fw_feedlist.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_loop.h"
#include "feedwire/fw_metrics.h"
#include "feedwire/fw_notify.h"
#include "feedwire/fw_pipe.h"
#include "feedwire/fw_version.h"

struct daemon {
    const struct fw_daemon_opts *opts;
    struct fw_conf conf;
    struct fw_loop *loop;
    struct fw_metrics *metrics;
    struct fw_notify *notify;
    struct fw_pipe *pipe;
    struct fw_cluster *cluster; /* cluster.enabled: the feeds come from the group */
    uint64_t handover_token;    /* of the revoke being handed over */
    int stopping;
};

/* Loads the config file, the -o overrides and the feed list; errors go to errs. */
static int load_all(const struct fw_daemon_opts *o, struct fw_conf *c, struct fw_feedlist **feeds, FILE *errs)
{
    fw_conf_init(c);
    int nerr = fw_conf_load(c, o->config_path, errs);
    for (int i = 0; o->overrides && o->overrides[i]; i++) {
        char name[256], err[512];
        const char *eq = strchr(o->overrides[i], '=');
        if (!eq || eq == o->overrides[i] || (size_t)(eq - o->overrides[i]) >= sizeof name) {
            fprintf(errs, "-o %s: expected option=value\n", o->overrides[i]);
            nerr++;
            continue;
        }
        snprintf(name, sizeof name, "%.*s", (int)(eq - o->overrides[i]), o->overrides[i]);
        if (fw_conf_set(c, name, eq + 1, err, sizeof err) != FW_OK) {
            fprintf(errs, "-o %s: %s\n", o->overrides[i], err);
            nerr++;
        }
    }
    if (!nerr) nerr = fw_conf_finish(c, o->config_path, errs);
    if (!nerr && feeds && c->cluster_enabled) {
        *feeds = fw_xcalloc(1, sizeof **feeds); /* the group assigns them once the daemon runs */
    } else if (!nerr && feeds) {
        char err[512];
        if (fw_feedlist_load(c->feeds_file, feeds, err, sizeof err) != FW_OK) {
            fprintf(errs, "%s\n", err);
            nerr++;
        }
    }
    return nerr;
}

static void on_drained(struct fw_loop *loop, void *arg)
{
    fw_loop_stop(loop);
}

static void on_term(struct fw_loop *loop, void *arg)
{
    struct daemon *d = arg;
    if (d->stopping) {
        fw_log(LOG_WARNING, "main", "second stop signal: leaving now, the spool keeps what is unacknowledged");
        fw_loop_stop(loop);
        return;
    }
    d->stopping = 1;
    fw_log(LOG_NOTICE, "main", "stopping: draining Kafka deliveries (at most %ld ms)", d->conf.drain_timeout_ms);
    fw_notify_stopping(d->notify);
    fw_pipe_drain(d->pipe, on_drained, d);
}

static void on_hup(struct fw_loop *loop, void *arg)
{
    struct daemon *d = arg;
    struct fw_conf nc;
    struct fw_feedlist *feeds = NULL;
    char *msg = NULL;
    size_t msglen = 0;
    FILE *errs = open_memstream(&msg, &msglen);
    fw_notify_reloading(d->notify);
    int nerr = load_all(d->opts, &nc, &feeds, errs);
    fclose(errs);
    if (nerr) {
        fw_log(LOG_ERR, "main", "reload refused, keeping the running configuration: %s", msg);
        fw_notify_error(d->notify, "main", "reload refused: invalid configuration");
        fw_metrics_set(d->metrics, FW_M_RELOAD_OK, 0);
    } else {
        char err[512];
        fw_log_init(fw_log_parse_level(nc.log_level), nc.log_debug, -1);
        if (d->cluster) {
            /* cluster.* changes wait for a restart; the feeds stay the group's */
            fw_feedlist_free(feeds);
            feeds = fw_cluster_feedlist(d->cluster);
        }
        if (fw_pipe_reload(d->pipe, &nc, feeds, err, sizeof err) != FW_OK) {
            fw_log(LOG_ERR, "main", "reload failed, keeping the running feeds: %s", err);
            fw_metrics_set(d->metrics, FW_M_RELOAD_OK, 0);
        } else {
            fw_metrics_set(d->metrics, FW_M_RELOAD_OK, 1);
            fw_metrics_set(d->metrics, FW_M_RELOAD_OK_TIME, (double)fw_wall_ms() / 1000.0);
            fw_log(LOG_NOTICE, "main", "reloaded %s: %zu feeds", d->opts->config_path, feeds->n);
            fw_conf_fini(&d->conf);
            d->conf = nc;
            memset(&nc, 0, sizeof nc);
        }
    }
    fw_notify_ready(d->notify);
    free(msg);
    fw_feedlist_free(feeds);
    fw_conf_fini(&nc);
}

static void on_handed_over(void *arg)
{
    struct daemon *d = arg;
    fw_cluster_handover_done(d->cluster, d->handover_token);
}

/* A cooperative revoke: the pipe settles those feeds, then the group may move them. */
static void on_cluster_handover(void *arg, const struct fw_feedlist *leaving, uint64_t token)
{
    struct daemon *d = arg;
    d->handover_token = token;
    if (d->stopping) fw_cluster_handover_done(d->cluster, token); /* draining settles everything anyway */
    else fw_pipe_handover(d->pipe, leaving, (uint64_t)d->conf.cluster_handover_timeout_ms, on_handed_over, d);
}

/* A lost assignment: another daemon may poll those feeds already. */
static void on_cluster_lost(void *arg, const struct fw_feedlist *leaving)
{
    struct daemon *d = arg;
    fw_pipe_forget(d->pipe, leaving);
}

/* The group moved feeds to or from this daemon. */
static void on_cluster_feeds(void *arg, const struct fw_feedlist *feeds)
{
    struct daemon *d = arg;
    char err[512];
    if (d->stopping) return;
    if (fw_pipe_reload(d->pipe, &d->conf, feeds, err, sizeof err) != FW_OK)
        fw_log(LOG_ERR, "main", "cluster: feeds not applied: %s", err);
    else
        fw_log(LOG_INFO, "main", "cluster: polling %zu feeds", feeds->n);
}

int fw_daemon_run(const struct fw_daemon_opts *o)
{
    struct daemon d = {.opts = o};
    struct fw_feedlist *feeds = NULL;
    char err[512];
    int rc = 0;
    if (load_all(o, &d.conf, &feeds, stderr) != 0) {
        fprintf(stderr, "feedwired: invalid configuration, not starting\n");
        rc = 2;
        goto out;
    }
    if (o->check_only && d.conf.cluster_enabled) {
        printf("%s: ok (cluster mode: feeds from topic %s)\n", o->config_path, d.conf.cluster_topic);
        goto out;
    }
    if (o->check_only) {
        printf("%s: ok (%zu feeds)\n", o->config_path, feeds->n);
        goto out;
    }
    fw_log_init(fw_log_parse_level(d.conf.log_level), d.conf.log_debug, -1);
    /* Block the signals we read through the loop's signalfd before any thread
     * exists (librdkafka, libmicrohttpd, the spool's fsync helper): threads
     * inherit the mask, and a thread with SIGTERM unblocked would take the
     * default action and kill the process instead of draining it. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (d.conf.cluster_enabled)
        fw_log(LOG_NOTICE, "main", "feedwired %s starting in cluster mode: feeds from topic %s, group %s", FW_VERSION,
               d.conf.cluster_topic, d.conf.cluster_group);
    else
        fw_log(LOG_NOTICE, "main", "feedwired %s starting: %zu feeds from %s", FW_VERSION, feeds->n,
               d.conf.feeds_file);
    d.loop = fw_loop_new();
    d.metrics = fw_metrics_new();
    d.notify = fw_notify_new(d.loop, d.metrics);
    if (fw_pipe_new(d.loop, &d.conf, feeds, d.metrics, d.notify, &d.pipe, err, sizeof err) != FW_OK) {
        fw_log(LOG_ERR, "main", "cannot start: %s", err);
        rc = 1;
        goto out;
    }
    /* after the pipe made every per-feed series: the first scrape has them all */
    if (d.conf.metrics_port > 0 &&
        fw_metrics_start(d.metrics, d.loop, d.conf.metrics_listen, (int)d.conf.metrics_port, err, sizeof err) != FW_OK) {
        fw_log(LOG_ERR, "main", "metrics endpoint: %s", err);
        rc = 1;
        goto out;
    }
    fw_loop_signal(d.loop, SIGTERM, on_term, &d);
    fw_loop_signal(d.loop, SIGINT, on_term, &d);
    fw_loop_signal(d.loop, SIGHUP, on_hup, &d);
    fw_notify_start(d.notify, (uint64_t)d.conf.watchdog_s * 1000);
    /* READY=1 is sent by the pipe once Redis and Kafka answered */
    fw_pipe_start(d.pipe);
    struct fw_cluster_hooks hooks = {on_cluster_feeds, on_cluster_handover, on_cluster_lost, &d};
    if (d.conf.cluster_enabled &&
        fw_cluster_new(d.loop, &d.conf, d.metrics, &hooks, &d.cluster, err, sizeof err) != FW_OK) {
        fw_log(LOG_ERR, "main", "cannot start: %s", err);
        rc = 1;
        goto out;
    }
    if (fw_loop_run(d.loop) != 0) rc = 1;
    fw_log(LOG_NOTICE, "main", "stopped");
out:
    fw_cluster_free(d.cluster); /* leaves the group before the pipe goes */
    fw_pipe_free(d.pipe);
    fw_notify_free(d.notify);
    fw_metrics_free(d.metrics);
    fw_loop_free(d.loop);
    fw_feedlist_free(feeds);
    fw_conf_fini(&d.conf);
    return rc;
}
