/* fw_log off the journal: one line per call, whatever the network put into a
 * message or a key=value field (issue 17: a feed <title> with a newline and a
 * fake timestamp printed a forged CRIT line). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedwire/fw_log.h"

/* Runs one fw_log_kv with stderr sent to a file; returns what it wrote. */
static char *capture(const char *const *kv, const char *msg)
{
    char path[] = "/tmp/fw-test-log-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    unlink(path);
    int saved = dup(STDERR_FILENO);
    dup2(fd, STDERR_FILENO);
    fw_log_kv(LOG_WARNING, "fetch", kv, "%s", msg);
    dup2(saved, STDERR_FILENO);
    close(saved);
    off_t len = lseek(fd, 0, SEEK_END);
    char *out = calloc(1, (size_t)len + 1);
    assert_int_equal(pread(fd, out, (size_t)len, 0), len);
    close(fd);
    return out;
}

static size_t count(const char *s, char c)
{
    size_t n = 0;
    for (; *s; s++) n += *s == c;
    return n;
}

static void test_fields_cannot_forge_a_line(void **state)
{
    const char *evil = "Evil\n2026-12-06T03:00:00.000Z CRIT   main     forged FEED=csis";
    const char *const kv[] = {"FW_FEED", evil, "FW_URL", "http://a.example/x?y=1", NULL};
    char *out = capture(kv, "article fetch failed\r\nCRIT forged too");
    assert_int_equal(count(out, '\n'), 1);
    assert_null(strstr(out, "\nCRIT"));
    assert_non_null(strstr(out, " FEED=\"Evil\\n2026-12-06T03:00:00.000Z CRIT   main     forged FEED=csis\""));
    /* plain tokens stay plain, '=' in a query included */
    assert_non_null(strstr(out, " URL=http://a.example/x?y=1\n"));
    free(out);
}

static void test_quotes_controls_and_empty(void **state)
{
    const char *const kv[] = {"FW_FEED", "a \"b\" \\ c\td\x01", "FW_URL", "", "FW_ERR", NULL, NULL};
    char *out = capture(kv, "m");
    assert_non_null(strstr(out, " FEED=\"a \\\"b\\\" \\\\ c\\td\\x01\" URL=\"\"\n"));
    assert_null(strstr(out, "ERR="));
    free(out);
}

static void test_long_value_stays_one_line(void **state)
{
    char big[6000];
    for (size_t i = 0; i < sizeof big - 1; i++) big[i] = i % 50 == 0 ? '\n' : 'x';
    big[sizeof big - 1] = 0;
    const char *const kv[] = {"FW_FEED", big, NULL};
    char *out = capture(kv, "m");
    assert_int_equal(count(out, '\n'), 1);
    assert_int_equal(out[strlen(out) - 1], '\n');
    free(out);
}

int main(void)
{
    fw_log_init(LOG_DEBUG, NULL, 0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields_cannot_forge_a_line),
        cmocka_unit_test(test_quotes_controls_and_empty),
        cmocka_unit_test(test_long_value_stays_one_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
