#include "feedwire/fw_notify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <systemd/sd-daemon.h>

#include "feedwire/fw_buf.h" /* fw_xcalloc */
#include "feedwire/fw_log.h"
#include "feedwire/fw_loop.h"
#include "feedwire/fw_metrics.h"

#define STATUS_EVERY_MS 10000u
/* articles/min over the last minute: one published-count sample per STATUS tick */
#define RATE_SAMPLES (60000u / STATUS_EVERY_MS + 1)

struct fw_notify {
    struct fw_loop *loop;
    struct fw_metrics *metrics;
    struct fw_timer watchdog, status;
    uint64_t watchdog_ms;
    double published[RATE_SAMPLES];
    uint64_t sampled_ms[RATE_SAMPLES];
    unsigned nsamples, next;
    char last_error[200];
    char line[512];
};

static void on_watchdog(struct fw_loop *loop, void *arg)
{
    struct fw_notify *n = arg;
    sd_notify(0, "WATCHDOG=1");
    fw_loop_timer_start(loop, &n->watchdog, n->watchdog_ms);
}

static void sample_rate(struct fw_notify *n)
{
    n->published[n->next] = fw_metrics_get(n->metrics, FW_M_ARTICLES_PUBLISHED);
    n->sampled_ms[n->next] = fw_now_ms();
    n->next = (n->next + 1) % RATE_SAMPLES;
    if (n->nsamples < RATE_SAMPLES) n->nsamples++;
}

static double per_minute(const struct fw_notify *n)
{
    if (n->nsamples < 2) return 0;
    unsigned newest = (n->next + RATE_SAMPLES - 1) % RATE_SAMPLES;
    unsigned oldest = n->nsamples < RATE_SAMPLES ? 0 : n->next;
    uint64_t dt = n->sampled_ms[newest] - n->sampled_ms[oldest];
    return dt ? (n->published[newest] - n->published[oldest]) * 60000.0 / (double)dt : 0;
}

static void on_status(struct fw_loop *loop, void *arg)
{
    struct fw_notify *n = arg;
    fw_notify_status(n);
    fw_loop_timer_start(loop, &n->status, STATUS_EVERY_MS);
}

struct fw_notify *fw_notify_new(struct fw_loop *loop, struct fw_metrics *metrics)
{
    struct fw_notify *n = fw_xcalloc(1, sizeof *n);
    n->loop = loop;
    n->metrics = metrics;
    fw_timer_init(&n->watchdog, on_watchdog, n);
    fw_timer_init(&n->status, on_status, n);
    return n;
}

void fw_notify_free(struct fw_notify *n)
{
    if (!n) return;
    fw_loop_timer_stop(n->loop, &n->watchdog);
    fw_loop_timer_stop(n->loop, &n->status);
    free(n);
}

uint64_t fw_notify_start(struct fw_notify *n, uint64_t ping_ms)
{
    uint64_t usec = 0;
    /* > 0 only when WATCHDOG_USEC is set for this very process */
    if (sd_watchdog_enabled(0, &usec) <= 0) usec = 0;
    /* systemd (>= 236) enforces a timeout the service sends; harmless without systemd */
    if (!usec && ping_ms && sd_notifyf(0, "WATCHDOG_USEC=%llu", (unsigned long long)ping_ms * 2000ull) > 0)
        usec = ping_ms * 2000;
    if (usec >= 2000) {
        n->watchdog_ms = usec / 2000;
        sd_notify(0, "WATCHDOG=1");
        fw_loop_timer_start(n->loop, &n->watchdog, n->watchdog_ms);
        fw_log(LOG_INFO, "main", "systemd watchdog: ping every %llu ms", (unsigned long long)n->watchdog_ms);
    }
    if (n->metrics) sample_rate(n);
    fw_loop_timer_start(n->loop, &n->status, STATUS_EVERY_MS);
    return n->watchdog_ms;
}

void fw_notify_error(struct fw_notify *n, const char *stage, const char *text)
{
    snprintf(n->last_error, sizeof n->last_error, "%s: %s", stage ? stage : "main", text);
    for (char *p = n->last_error; *p; p++)
        if ((unsigned char)*p < 0x20) *p = ' ';
}

static void build_status(struct fw_notify *n)
{
    char *p = n->line, *end = n->line + sizeof n->line;
    if (n->metrics) {
        sample_rate(n);
        size_t failing = 0, dead = 0;
        fw_metrics_sum(n->metrics, FW_M_FEED_FAILURES, &failing);
        fw_metrics_sum(n->metrics, FW_M_FEED_DEAD, &dead);
        p += snprintf(p, (size_t)(end - p), "%.0f feeds (%zu failing, %zu dead), %.1f articles/min, queue %.0f",
                      fw_metrics_get(n->metrics, FW_M_FEEDS), failing, dead, per_minute(n),
                      fw_metrics_get(n->metrics, FW_M_KAFKA_QUEUE_MSGS));
        double spool = fw_metrics_get(n->metrics, FW_M_SPOOL_BYTES);
        if (spool > 0 && p < end) p += snprintf(p, (size_t)(end - p), ", spool %.0f B", spool);
    } else {
        p += snprintf(p, (size_t)(end - p), "running");
    }
    /* the counts fit; a long error is cut by snprintf */
    if (n->last_error[0] && p < end) snprintf(p, (size_t)(end - p), "; last error %s", n->last_error);
}

const char *fw_notify_status(struct fw_notify *n)
{
    build_status(n);
    sd_notifyf(0, "STATUS=%s", n->line);
    return n->line;
}

void fw_notify_ready(struct fw_notify *n)
{
    build_status(n);
    sd_notifyf(0, "READY=1\nSTATUS=%s", n->line);
}

void fw_notify_reloading(struct fw_notify *n)
{
    /* MONOTONIC_USEC lets systemd >= 253 (Type=notify-reload) match the reload */
    sd_notifyf(0, "RELOADING=1\nSTATUS=reloading configuration\nMONOTONIC_USEC=%llu",
               (unsigned long long)fw_now_ms() * 1000ull);
}

void fw_notify_stopping(struct fw_notify *n)
{
    sd_notify(0, "STOPPING=1\nSTATUS=stopping: draining work in flight");
}

int fw_notify_rl_fail(struct fw_notify_rl *rl, enum fw_err e, uint64_t now_ms)
{
    int prio = LOG_DEBUG;
    if (rl->failures == 0) {
        rl->since_ms = now_ms;
        prio = LOG_WARNING;
    } else if (e != rl->last || now_ms - rl->warned_ms >= FW_NOTIFY_REMIND_MS) {
        prio = LOG_WARNING;
    }
    if (prio == LOG_WARNING) rl->warned_ms = now_ms;
    rl->failures++;
    rl->last = e;
    return prio;
}

int fw_notify_rl_ok(struct fw_notify_rl *rl, struct fw_notify_rl *before)
{
    int prio = rl->failures ? LOG_NOTICE : LOG_DEBUG;
    if (before) *before = *rl;
    *rl = (struct fw_notify_rl){0};
    return prio;
}
