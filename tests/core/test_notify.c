#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <syslog.h>
#include <unistd.h>

#include "feedwire/fw_loop.h"
#include "feedwire/fw_metrics.h"
#include "feedwire/fw_notify.h"

/* A datagram socket standing in for systemd's $NOTIFY_SOCKET. */
struct fake_systemd {
    int fd;
    char path[108];
};

static void fake_start(struct fake_systemd *s)
{
    snprintf(s->path, sizeof s->path, "/tmp/fw-notify-test-%d.sock", (int)getpid());
    unlink(s->path);
    s->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    assert_true(s->fd >= 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", s->path);
    assert_int_equal(bind(s->fd, (struct sockaddr *)&sa, sizeof sa), 0);
    setenv("NOTIFY_SOCKET", s->path, 1);
}

static void fake_stop(struct fake_systemd *s)
{
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    close(s->fd);
    unlink(s->path);
}

/* Concatenates every pending message, one per line, into buf. Returns the count. */
static int drain(struct fake_systemd *s, char *buf, size_t size)
{
    int n = 0;
    size_t len = 0;
    buf[0] = 0;
    char msg[4096];
    ssize_t r;
    while ((r = recv(s->fd, msg, sizeof msg - 1, 0)) > 0) {
        msg[r] = 0;
        len += (size_t)snprintf(buf + len, len < size ? size - len : 0, "%s\n", msg);
        n++;
    }
    return n;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle)) n++;
    return n;
}

static void test_lifecycle_messages(void **state)
{
    struct fake_systemd sd;
    fake_start(&sd);
    struct fw_loop *loop = fw_loop_new();
    struct fw_metrics *m = fw_metrics_new();
    fw_metrics_set(m, FW_M_FEEDS, 12);
    fw_series_set(fw_metrics_series(m, FW_M_FEED_FAILURES, "a"), 3);
    fw_series_set(fw_metrics_series(m, FW_M_FEED_FAILURES, "b"), 0);
    fw_series_set(fw_metrics_series(m, FW_M_FEED_DEAD, "a"), 1);
    fw_metrics_set(m, FW_M_KAFKA_QUEUE_MSGS, 42);
    struct fw_notify *n = fw_notify_new(loop, m);
    assert_int_equal(fw_notify_start(n, 0), 0); /* no WATCHDOG_USEC, no fallback: no watchdog */
    fw_notify_ready(n);
    fw_notify_error(n, "fetch", "csis: HTTP 503\nbad");
    fw_metrics_add(m, FW_M_ARTICLES_PUBLISHED, 5);
    usleep(20000);
    const char *line = fw_notify_status(n);
    assert_non_null(strstr(line, "12 feeds (1 failing, 1 dead)"));
    assert_non_null(strstr(line, "queue 42"));
    assert_non_null(strstr(line, "last error fetch: csis: HTTP 503 bad"));
    assert_null(strstr(line, " 0.0 articles/min")); /* 5 in 20 ms is a rate > 0 */
    fw_notify_reloading(n);
    fw_notify_ready(n);
    fw_notify_stopping(n);
    char buf[8192];
    assert_int_equal(drain(&sd, buf, sizeof buf), 5);
    assert_int_equal(count(buf, "READY=1"), 2);
    assert_int_equal(count(buf, "RELOADING=1"), 1);
    assert_int_equal(count(buf, "MONOTONIC_USEC="), 1);
    assert_int_equal(count(buf, "STOPPING=1"), 1);
    assert_int_equal(count(buf, "STATUS=12 feeds"), 3);
    assert_int_equal(count(buf, "WATCHDOG=1"), 0);
    fw_notify_free(n);
    fw_metrics_free(m);
    fw_loop_free(loop);
    fake_stop(&sd);
}

static void test_watchdog_pings(void **state)
{
    struct fake_systemd sd;
    fake_start(&sd);
    char pid[32];
    snprintf(pid, sizeof pid, "%d", (int)getpid());
    setenv("WATCHDOG_USEC", "200000", 1);
    setenv("WATCHDOG_PID", pid, 1);
    struct fw_loop *loop = fw_loop_new();
    struct fw_notify *n = fw_notify_new(loop, NULL);
    assert_int_equal(fw_notify_start(n, 5000), 100); /* systemd's wins over the fallback */
    uint64_t end = fw_now_ms() + 550;
    while (fw_now_ms() < end) fw_loop_once(loop, 50);
    char buf[8192];
    drain(&sd, buf, sizeof buf);
    /* one at start, then every 100 ms: 6 in 550 ms; fewer on a loaded machine, never more */
    int pings = count(buf, "WATCHDOG=1");
    assert_true(pings >= 3 && pings <= 7);
    assert_non_null(strstr(fw_notify_status(n), "running"));
    fw_notify_free(n);
    fw_loop_once(loop, 0); /* the timers are gone: nothing fires on freed memory */
    fw_loop_free(loop);

    /* a WATCHDOG_PID of another process means the watchdog is not ours */
    setenv("WATCHDOG_PID", "1", 1);
    loop = fw_loop_new();
    n = fw_notify_new(loop, NULL);
    assert_int_equal(fw_notify_start(n, 0), 0);
    fw_notify_free(n);
    /* none from systemd: daemon.watchdog asks for one */
    drain(&sd, buf, sizeof buf);
    n = fw_notify_new(loop, NULL);
    assert_int_equal(fw_notify_start(n, 4000), 4000);
    drain(&sd, buf, sizeof buf);
    assert_non_null(strstr(buf, "WATCHDOG_USEC=8000000\n"));
    assert_non_null(strstr(buf, "WATCHDOG=1\n"));
    fw_notify_free(n);
    fw_loop_free(loop);
    /* ... but only where someone listens */
    unsetenv("NOTIFY_SOCKET");
    loop = fw_loop_new();
    n = fw_notify_new(loop, NULL);
    assert_int_equal(fw_notify_start(n, 4000), 0);
    fw_notify_free(n);
    fw_loop_free(loop);
    fake_stop(&sd);
}

static void test_no_socket_is_noop(void **state)
{
    unsetenv("NOTIFY_SOCKET");
    struct fw_loop *loop = fw_loop_new();
    struct fw_notify *n = fw_notify_new(loop, NULL);
    fw_notify_start(n, 0);
    fw_notify_ready(n);
    fw_notify_stopping(n);
    fw_notify_free(n);
    fw_notify_free(NULL);
    fw_loop_free(loop);
}

static void test_rate_limiter(void **state)
{
    struct fw_notify_rl rl = {0}, before;
    uint64_t t = 1000000;
    assert_int_equal(fw_notify_rl_ok(&rl, NULL), LOG_DEBUG);         /* healthy: quiet */
    assert_int_equal(fw_notify_rl_fail(&rl, FW_E_TIMEOUT, t), LOG_WARNING);
    for (int i = 1; i < 10; i++) assert_int_equal(fw_notify_rl_fail(&rl, FW_E_TIMEOUT, t + i * 60000u), LOG_DEBUG);
    assert_int_equal(fw_notify_rl_fail(&rl, FW_E_HTTP, t + 600000u), LOG_WARNING); /* a new kind of failure */
    assert_int_equal(fw_notify_rl_fail(&rl, FW_E_HTTP, t + 700000u), LOG_DEBUG);
    assert_int_equal(fw_notify_rl_fail(&rl, FW_E_HTTP, t + 600000u + FW_NOTIFY_REMIND_MS), LOG_WARNING); /* hourly */
    assert_int_equal(fw_notify_rl_fail(&rl, FW_E_HTTP, t + 700000u + FW_NOTIFY_REMIND_MS), LOG_DEBUG);
    assert_int_equal(fw_notify_rl_ok(&rl, &before), LOG_NOTICE);
    assert_int_equal(before.failures, 14);
    assert_int_equal(before.since_ms, t);
    assert_int_equal(rl.failures, 0);
    assert_int_equal(fw_notify_rl_ok(&rl, &before), LOG_DEBUG);
    assert_int_equal(fw_notify_rl_fail(&rl, FW_E_HTTP, t + 2 * FW_NOTIFY_REMIND_MS), LOG_WARNING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lifecycle_messages),
        cmocka_unit_test(test_watchdog_pings),
        cmocka_unit_test(test_no_socket_is_noop),
        cmocka_unit_test(test_rate_limiter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
