/* fw_date: every vector of feedparser's date tests (corpus date-vectors.json,
 * read at run time from $FW_CORPUS_DIR), plus formatting and edge cases. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feedwire/fw_date.h"

static int64_t parse(const char *s)
{
    int64_t t = INT64_MIN;
    return fw_date_parse(s, strlen(s), &t) == 0 ? t : INT64_MIN;
}

static void test_vectors(void **state)
{
    const char *dir = getenv("FW_CORPUS_DIR");
    if (!dir) skip();
    char path[4096];
    snprintf(path, sizeof path, "%s/feedparser-tests/date-vectors.json", dir);
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root) {
        print_error("%s: %s\n", path, jerr.text);
        fail();
    }
    size_t i, nfail = 0, npass = 0;
    json_t *v;
    json_array_foreach(root, i, v) {
        const char *in = json_string_value(json_object_get(v, "input"));
        json_t *exp = json_object_get(v, "expected_utc");
        assert_non_null(in);
        int64_t got = INT64_MIN;
        int rc = fw_date_parse(in, strlen(in), &got);
        int ok;
        int64_t want = 0;
        if (json_is_null(exp)) {
            ok = rc == -1;
        } else {
            /* independent of fw_date's arithmetic: glibc timegm */
            struct tm tm = {0};
            tm.tm_year = (int)json_integer_value(json_array_get(exp, 0)) - 1900;
            tm.tm_mon = (int)json_integer_value(json_array_get(exp, 1)) - 1;
            tm.tm_mday = (int)json_integer_value(json_array_get(exp, 2));
            tm.tm_hour = (int)json_integer_value(json_array_get(exp, 3));
            tm.tm_min = (int)json_integer_value(json_array_get(exp, 4));
            tm.tm_sec = (int)json_integer_value(json_array_get(exp, 5));
            want = (int64_t)timegm(&tm);
            ok = rc == 0 && got == want;
        }
        if (ok) {
            npass++;
        } else {
            nfail++;
            print_error("FAIL %s %s: rc=%d got=%lld want=%s%lld\n",
                        json_string_value(json_object_get(v, "parser")), in, rc, (long long)got,
                        json_is_null(exp) ? "reject " : "", (long long)want);
        }
    }
    print_message("date vectors: %zu/%zu pass\n", npass, npass + nfail);
    assert_true(npass > 0);
    assert_int_equal(nfail, 0);
    json_decref(root);
}

static void test_forms(void **state)
{
    int64_t base = parse("2004-01-01T19:48:21Z");
    assert_int_equal(base, 1072986501);
    assert_int_equal(parse("Thu, 01 Jan 2004 19:48:21 GMT"), base);
    assert_int_equal(parse("01 Jan 2004 19:48:21 +0000"), base);
    assert_int_equal(parse("Thu, 01 Jan 2004 14:48:21 -0500 (EST)"), base);
    assert_int_equal(parse("Thu, 01 Jan 2004 19:48:21 ut"), base);
    assert_int_equal(parse("Thu, 01 Jan 2004 19:48:21 z"), base);
    assert_int_equal(parse("Thursday, January 1st, 2004 7:48:21 PM UTC"), base);
    assert_int_equal(parse("Thu Jan  1 19:48:21 2004"), base);
    assert_int_equal(parse("20040101T194821Z"), base);
    assert_int_equal(parse("2004-01-01T20:48:21.000+0100"), base);
    assert_int_equal(parse("2004-001T19:48:21Z"), base);
    assert_int_equal(parse("Fri, 2004/01/02 04:48:21 KST"), base);
    assert_int_equal(parse("Thu, 01 Jan 2004 19:48 GMT"), base - 21);
    /* Greek, Hungarian, Korean (feedparser's forms) */
    assert_int_equal(parse("Κυρ, 11 Ιούλ 2004 12:00:00 EST"), parse("2004-07-11T17:00:00Z"));
    assert_int_equal(parse("2004-július-13T9:15-05:00"), parse("2004-07-13T14:15:00Z"));
    assert_int_equal(parse("2004-05-25 오후 11:23:17"), parse("2004-05-25T14:23:17Z"));
    assert_int_equal(parse("2004년 05월 28일  01:31:15"), parse("2004-05-27T16:31:15Z"));
    /* rejects */
    const char *bad[] = {"", "   ", "yesterday", "2004-02-30", "2003-13-01", "Thu, 32 Jan 2004",
                         "2004-01-01T25:00Z", "12/31/2004", "1 2 3 4", "2004-01-01Tfoo", "Jan 2004"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int64_t t = 42;
        if (fw_date_parse(bad[i], strlen(bad[i]), &t) != -1) print_error("accepted '%s'\n", bad[i]);
        assert_int_equal(t, 42);
    }
    /* not NUL-terminated: n bounds the read */
    int64_t t;
    assert_int_equal(fw_date_parse("2004-01-01Z-garbage", 10, &t), 0);
    assert_int_equal(t, 1072915200);
}

static void test_format(void **state)
{
    char out[32];
    fw_date_format_rfc3339(0, out);
    assert_string_equal(out, "1970-01-01T00:00:00Z");
    fw_date_format_rfc3339(1072986501, out);
    assert_string_equal(out, "2004-01-01T19:48:21Z");
    fw_date_format_rfc3339(-1, out);
    assert_string_equal(out, "1969-12-31T23:59:59Z");
    fw_date_format_rfc3339(951782400, out);
    assert_string_equal(out, "2000-02-29T00:00:00Z");
    fw_date_format_rfc3339(INT64_MAX, out);
    assert_string_equal(out, "9999-12-31T23:59:59Z");
    /* round trip over a range of days */
    for (int64_t s = -5000000000LL; s < 5000000000LL; s += 86399 * 37) {
        fw_date_format_rfc3339(s, out);
        assert_int_equal(parse(out), s);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
