/* `feedwire status` against a real fw_metrics endpoint served in-process. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <time.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_metrics.h"

/* Runs the tool with args; returns its exit code, output in out. */
static int run_tool(const char *args, struct fw_buf *out)
{
    const char *tool = getenv("FW_TOOL");
    if (!tool) skip();
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' %s 2>&1", tool, args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    fw_buf_init(out, 1 << 20);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) assert_int_equal(fw_buf_add(out, chunk, n), FW_OK);
    fw_buf_adds(out, "");
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The table line of a feed, or NULL. */
static const char *feed_line(const char *out, const char *feed)
{
    size_t n = strlen(feed);
    for (const char *p = out; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (!strncmp(p, feed, n) && p[n] == ' ') return p;
    return NULL;
}

static void test_status_table(void **state)
{
    struct fw_metrics *m = fw_metrics_new();
    char err[256], args[256];
    assert_int_equal(fw_metrics_start(m, NULL, "127.0.0.1", 0, err, sizeof err), FW_OK);
    double now = (double)time(NULL);
    fw_metrics_set(m, FW_M_FEEDS, 4);
    const char *feeds[] = {"healthy", "flaky", "slowdown", "gone \"x\""};
    for (int i = 0; i < 4; i++) {
        fw_series_add(fw_metrics_series(m, FW_M_FEED_POLLS, feeds[i]), 100);
        fw_series_add(fw_metrics_series(m, FW_M_FEED_NOT_MODIFIED, feeds[i]), 50);
    }
    fw_series_set(fw_metrics_series(m, FW_M_FEED_LAST_SUCCESS, "healthy"), now - 30);
    fw_series_set(fw_metrics_series(m, FW_M_FEED_LAST_SUCCESS, "flaky"), now - 600);
    fw_series_add(fw_metrics_series(m, FW_M_FEED_ERRORS, "flaky"), 2);
    fw_series_set(fw_metrics_series(m, FW_M_FEED_FAILURES, "flaky"), 2);
    fw_series_add(fw_metrics_series(m, FW_M_FEED_ERRORS, "slowdown"), 7);
    fw_series_set(fw_metrics_series(m, FW_M_FEED_FAILURES, "slowdown"), 7);
    fw_series_set(fw_metrics_series(m, FW_M_FEED_BACKOFF, "slowdown"), 960);
    fw_series_add(fw_metrics_series(m, FW_M_FEED_ERRORS, "gone \"x\""), 100);
    fw_series_set(fw_metrics_series(m, FW_M_FEED_FAILURES, "gone \"x\""), 100);
    fw_series_set(fw_metrics_series(m, FW_M_FEED_DEAD, "gone \"x\""), 1);
    fw_metrics_add(m, FW_M_ARTICLES_FETCHED, 321);
    fw_metrics_add(m, FW_M_ARTICLES_PUBLISHED, 300);
    fw_series_add(fw_metrics_series(m, FW_M_ARTICLES_DROPPED, "extract"), 4);
    fw_series_add(fw_metrics_series(m, FW_M_ARTICLES_DROPPED, "fetch"), 5);
    fw_metrics_add(m, FW_M_EVENTS_PUBLISHED, 77);
    fw_metrics_set(m, FW_M_KAFKA_QUEUE_MSGS, 12);
    fw_metrics_set(m, FW_M_REDIS_CONNECTED, 1);

    struct fw_buf out;
    snprintf(args, sizeof args, "status --url http://127.0.0.1:%d/", fw_metrics_port(m));
    int rc = run_tool(args, &out);
    printf("%s", out.p);
    assert_int_equal(rc, 1); /* kafka not connected: not ready */
    assert_non_null(strstr(out.p, "NOT READY (not ready: kafka down)"));
    assert_non_null(strstr(out.p, "4 configured, 3 failing, 1 dead, 1 backing off; 400 polls, 50% not modified"));
    assert_non_null(strstr(out.p, "321 fetched"));
    assert_non_null(strstr(out.p, "300 published, 9 dropped"));
    assert_non_null(strstr(out.p, "77 published"));
    assert_non_null(strstr(out.p, "queue 12 msgs"));
    /* problem feeds only, dead first, then backoff, then failing */
    assert_null(feed_line(out.p, "healthy"));
    const char *dead = feed_line(out.p, "gone \"x\""), *slow = feed_line(out.p, "slowdown"),
               *flaky = feed_line(out.p, "flaky");
    assert_non_null(dead);
    assert_non_null(slow);
    assert_non_null(flaky);
    assert_true(dead < slow && slow < flaky);
    assert_true(strstr(dead, " dead ") < strchr(dead, '\n'));
    assert_true(strstr(slow, " backoff ") < strchr(slow, '\n'));
    assert_true(strstr(slow, " 960s ") < strchr(slow, '\n'));
    assert_true(strstr(flaky, "10m ago") < strchr(flaky, '\n'));
    assert_true(strstr(dead, "never") < strchr(dead, '\n'));
    fw_buf_fini(&out);

    fw_metrics_set(m, FW_M_KAFKA_CONNECTED, 1);
    snprintf(args, sizeof args, "status --all --url=http://127.0.0.1:%d", fw_metrics_port(m));
    assert_int_equal(run_tool(args, &out), 0);
    assert_non_null(strstr(out.p, ": up 0h00m, ready\n"));
    assert_non_null(feed_line(out.p, "healthy"));
    fw_buf_fini(&out);

    /* the endpoint taken from a config file */
    char conf[] = "/tmp/fw-status-test-XXXXXX";
    int fd = mkstemp(conf);
    assert_true(fd >= 0);
    dprintf(fd, "[metrics]\nlisten = 127.0.0.1\nport = %d\n", fw_metrics_port(m));
    close(fd);
    snprintf(args, sizeof args, "status -c %s", conf);
    assert_int_equal(run_tool(args, &out), 0);
    assert_non_null(strstr(out.p, ": up 0h00m, ready\n"));
    fw_buf_fini(&out);
    fd = open(conf, O_WRONLY | O_TRUNC);
    dprintf(fd, "[metrics]\nport = 0\n");
    close(fd);
    assert_int_equal(run_tool(args, &out), 1);
    assert_non_null(strstr(out.p, "no usable [metrics] endpoint"));
    fw_buf_fini(&out);
    unlink(conf);

    int port = fw_metrics_port(m);
    fw_metrics_free(m);
    snprintf(args, sizeof args, "status --url http://127.0.0.1:%d", port);
    assert_int_equal(run_tool(args, &out), 1);
    assert_non_null(strstr(out.p, "is feedwired running?"));
    fw_buf_fini(&out);
    assert_int_equal(run_tool("status --bogus", &out), 2);
    fw_buf_fini(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_status_table)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
