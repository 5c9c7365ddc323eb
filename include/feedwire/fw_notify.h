/* fw_notify: what the daemon tells systemd (sd_notify) and how it keeps a
 * failing feed from flooding the journal.
 * - READY=1 / RELOADING=1 / STOPPING=1 at the lifecycle points;
 * - STATUS= every 10 s from the metrics registry: feeds (failing, dead),
 *   articles/min over the last minute, Kafka queue depth, the last error;
 * - WATCHDOG=1 from a loop timer at half of WATCHDOG_USEC, so a stuck loop
 *   stops the pings and systemd restarts the service.
 * Without $NOTIFY_SOCKET every call is a no-op.
 * The rate limiter (struct fw_notify_rl) is a small state embedded per feed:
 * it says at which priority to log each outcome so that a failure is logged
 * once as WARNING, its repeats at DEBUG (and a WARNING reminder hourly), and
 * the recovery once at NOTICE.
 * Thread: main (the loop's). */
#ifndef FW_NOTIFY_H
#define FW_NOTIFY_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_err.h"

struct fw_loop;
struct fw_metrics;

struct fw_notify;

/* metrics may be NULL (STATUS then shows only the last error). Both are
 * borrowed and must outlive the notifier. */
struct fw_notify *fw_notify_new(struct fw_loop *loop, struct fw_metrics *metrics);
/* Stops the timers. */
void fw_notify_free(struct fw_notify *n);

/* Arms the watchdog and the STATUS timer. The watchdog is systemd's
 * (WatchdogSec, i.e. $WATCHDOG_USEC for this pid; pinged at half of it) or,
 * when it set none and ping_ms > 0 (daemon.watchdog), one the daemon asks for
 * by sending WATCHDOG_USEC= twice ping_ms. Returns the ping interval in ms,
 * 0 = no watchdog. */
uint64_t fw_notify_start(struct fw_notify *n, uint64_t ping_ms);

void fw_notify_ready(struct fw_notify *n);      /* READY=1 + a first STATUS */
void fw_notify_reloading(struct fw_notify *n);  /* RELOADING=1 + MONOTONIC_USEC; call ready() when done */
void fw_notify_stopping(struct fw_notify *n);   /* STOPPING=1 */

/* Remembers the last error for STATUS= (text is copied, capped, control
 * characters replaced). */
void fw_notify_error(struct fw_notify *n, const char *stage, const char *text);

/* Sends STATUS= now; also done every 10 s by the timer. Returns the line
 * (without "STATUS="), valid until the next call. */
const char *fw_notify_status(struct fw_notify *n);

/* ---- per-feed log rate limiting ---- */

struct fw_notify_rl {
    unsigned failures;      /* consecutive */
    enum fw_err last;       /* code of the last failure */
    uint64_t since_ms;      /* first failure of this run */
    uint64_t warned_ms;     /* last WARNING */
};

#define FW_NOTIFY_REMIND_MS (3600u * 1000u)

/* A failure with code e at now_ms: returns the priority to log it at —
 * LOG_WARNING for the first one, for a change of error code, and hourly while
 * it lasts; LOG_DEBUG for repeats. */
int fw_notify_rl_fail(struct fw_notify_rl *rl, enum fw_err e, uint64_t now_ms);
/* A success: LOG_NOTICE if it ends a run of failures, else LOG_DEBUG. Resets
 * rl; *before (may be NULL) gets the state it had, to say "after N failures
 * over M s" in the recovery message. */
int fw_notify_rl_ok(struct fw_notify_rl *rl, struct fw_notify_rl *before);

#endif
