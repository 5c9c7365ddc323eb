/* Pure parts of the scheduler and fetcher: poll delays, backoff, skipHours/
 * skipDays, feed sniffing, state persistence, Retry-After, address policy. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feedwire/fw_fetch.h"
#include "feedwire/fw_sched.h"

static const struct fw_sched_opts opts = {
    .interval_ms = 900000,
    .max_interval_ms = 86400000,
    .jitter_pct = 15,
    .backoff_base_ms = 60000,
    .backoff_max_ms = 6 * 3600000ull,
    .dead_after_ms = 3 * 86400000ull,
    .retry_after_max_ms = 6 * 3600000ull,
};

static struct fw_fetch_result blank(void)
{
    return (struct fw_fetch_result){.status = 200, .max_age_s = -1, .retry_after_ms = -1};
}

static void test_success_delay(void **state)
{
    const int64_t now = 1800000000000;
    struct fw_fetch_result r = blank();
    assert_int_equal(fw_sched_success_delay_ms(&opts, 0, 0, &r, now), 900000);
    assert_int_equal(fw_sched_success_delay_ms(&opts, 1800000, 0, &r, now), 1800000); /* per-feed interval */
    assert_int_equal(fw_sched_success_delay_ms(&opts, 0, 60, &r, now), 3600000 / 4); /* ttl below interval */
    assert_int_equal(fw_sched_success_delay_ms(&opts, 0, 7200, &r, now), 7200000);
    r.max_age_s = 3600;
    assert_int_equal(fw_sched_success_delay_ms(&opts, 0, 0, &r, now), 3600000);
    r.max_age_s = 10 * 86400; /* clamped to max_interval */
    assert_int_equal(fw_sched_success_delay_ms(&opts, 0, 0, &r, now), 86400000);
    r.max_age_s = 0x7fffffffffffffffL; /* hostile values cannot wrap */
    assert_int_equal(fw_sched_success_delay_ms(&opts, 0, 0x7fffffffffffffffL, &r, now), 86400000);
    r = blank();
    r.date_ms = now - 5000; /* Expires is relative to the server's own Date */
    r.expires_ms = r.date_ms + 2 * 3600000;
    assert_int_equal(fw_sched_success_delay_ms(&opts, 0, 0, &r, now), 2 * 3600000);
    r.expires_ms = now - 1000; /* in the past: no effect */
    assert_int_equal(fw_sched_success_delay_ms(&opts, 0, 0, &r, now), 900000);
    r = blank();
    r.retry_after_ms = 30 * 86400000ll; /* clamped by retry_after_max, then max_interval */
    assert_int_equal(fw_sched_success_delay_ms(&opts, 0, 0, &r, now), 6 * 3600000);
}

static void test_backoff(void **state)
{
    assert_int_equal(fw_sched_backoff_ms(&opts, 1, 0), 60000);
    assert_int_equal(fw_sched_backoff_ms(&opts, 2, 0), 120000);
    assert_int_equal(fw_sched_backoff_ms(&opts, 5, 0), 960000);
    assert_int_equal(fw_sched_backoff_ms(&opts, 12, 0), 6 * 3600000);
    assert_int_equal(fw_sched_backoff_ms(&opts, 1000, 0), 6 * 3600000);
    assert_int_equal(fw_sched_backoff_ms(&opts, 1, 1), 6 * 3600000); /* dead: probed at the cap */
    struct fw_sched_opts big = opts; /* the largest settings: doubling must not wrap */
    big.backoff_base_ms = 86400000;
    big.backoff_max_ms = 7 * 86400000ull;
    assert_int_equal(fw_sched_backoff_ms(&big, 40, 0), 7 * 86400000ull);
    assert_int_equal(fw_sched_backoff_ms(&big, 66, 0), 7 * 86400000ull);
}

static int64_t utc(int y, int mon, int d, int h, int mi)
{
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mon - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
    return (int64_t)timegm(&tm) * 1000;
}

static void test_skip(void **state)
{
    int64_t t = utc(2026, 11, 25, 3, 20); /* a Wednesday */
    assert_int_equal(fw_sched_skip_adjust(t, 0, 0), t);
    assert_int_equal(fw_sched_skip_adjust(t, 1u << 3, 0), utc(2026, 11, 25, 4, 0));
    assert_int_equal(fw_sched_skip_adjust(t, (1u << 3) | (1u << 4) | (1u << 5), 0), utc(2026, 11, 25, 6, 0));
    assert_int_equal(fw_sched_skip_adjust(t, 0, 1u << 3), utc(2026, 11, 26, 0, 0)); /* skip Wednesday */
    assert_int_equal(fw_sched_skip_adjust(t, 1u << 0, 1u << 3), utc(2026, 11, 26, 1, 0));
    assert_int_equal(fw_sched_skip_adjust(t, 0xffffff, 0), t); /* every hour skipped: ignored */
    assert_int_equal(fw_sched_skip_adjust(t, 0, 0x7f), t);
}

static void test_looks_like_feed(void **state)
{
#define LL(s, ct) fw_sched_looks_like_feed(s, strlen(s), ct)
    assert_true(LL("<?xml version=\"1.0\"?>\n<rss/>", "text/html"));
    assert_true(LL("\xef\xbb\xbf  <!-- hi --><?xml-stylesheet x?><feed/>", NULL));
    assert_true(LL("{\"version\": \"https://jsonfeed.org/version/1\"}", "application/json"));
    assert_false(LL("<!DOCTYPE html><html></html>", "text/html"));
    assert_false(LL("<?xml version=\"1.0\"?><!-- x --><HTML>", "application/xml"));
    assert_false(LL("GIF89a", "image/gif"));
    assert_false(LL("<rss/>", "image/png"));
    assert_false(LL("", "application/rss+xml"));
    assert_false(LL("<!-- never closed", NULL));
#undef LL
}

static void test_state_roundtrip(void **state)
{
    struct fw_feed_state st = {
        .key = strdup("csis"),
        .list_url = strdup("https://csis.org/rss"),
        .url = strdup("https://www.csis.org/rss?x=1%20y"),
        .etag = strdup("W/\"a=b\nc\"%"),
        .last_modified = strdup("Tue, 10 Nov 2026 08:00:00 GMT"),
        .last_error = strdup("HTTP 500\ttab"),
        .body_hash = 0xfedcba9876543211ull,
        .last_status = 500,
        .last_err = FW_E_HTTP,
        .errors = 3,
        .last_attempt_ms = 1800000000123,
        .last_success_ms = 1799999000000,
        .err_since_ms = 1799999500000,
        .next_due_ms = 1800000600000,
        .dead = 1,
        .ttl_s = 3600,
        .skip_hours = 0x800001,
        .skip_days = 0x41,
        .polls = 10,
        .not_modified = 4,
        .unchanged = 2,
        .parsed = 3,
    };
    struct fw_buf b;
    fw_buf_init(&b, 0);
    fw_feed_state_serialize(&st, &b);
    assert_null(memchr(b.p, '\t', b.len));
    struct fw_feed_state back = {0};
    assert_int_equal(fw_feed_state_restore(&back, b.p, b.len), FW_OK);
    assert_string_equal(back.key, st.key);
    assert_string_equal(back.url, st.url);
    assert_string_equal(back.etag, st.etag);
    assert_string_equal(back.last_modified, st.last_modified);
    assert_string_equal(back.last_error, st.last_error);
    assert_true(back.body_hash == st.body_hash);
    assert_int_equal(back.last_status, 500);
    assert_int_equal(back.last_err, FW_E_HTTP);
    assert_int_equal(back.errors, 3);
    assert_true(back.last_attempt_ms == st.last_attempt_ms && back.next_due_ms == st.next_due_ms);
    assert_int_equal(back.dead, 1);
    assert_int_equal(back.skip_hours, 0x800001);
    assert_int_equal(back.skip_days, 0x41);
    assert_int_equal(back.polls, 10);
    assert_int_equal(back.parsed, 3);
    fw_feed_state_fini(&back);
    assert_int_equal(fw_feed_state_restore(&back, "garbage", 7), FW_E_PARSE);
    assert_int_equal(fw_feed_state_restore(&back, "v=1\nerrors=x\n", 13), FW_E_PARSE);
    assert_null(back.key);
    fw_buf_fini(&b);
    fw_feed_state_fini(&st);
}

static void test_retry_after(void **state)
{
    const int64_t now = 1800000000000; /* 2027-01-15T08:00:00Z */
    assert_int_equal(fw_fetch_parse_retry_after("120", now), 120000);
    assert_int_equal(fw_fetch_parse_retry_after(" 0 ", now), 0);
    assert_int_equal(fw_fetch_parse_retry_after("Fri, 15 Jan 2027 08:01:30 GMT", now), 90000);
    assert_int_equal(fw_fetch_parse_retry_after("Fri, 15 Jan 2027 07:00:00 GMT", now), 0);
    assert_int_equal(fw_fetch_parse_retry_after("soon", now), -1);
    assert_int_equal(fw_fetch_parse_retry_after("12abc", now), -1);
}

static struct sockaddr_storage addr(const char *ip)
{
    struct sockaddr_storage ss = {0};
    if (strchr(ip, ':')) {
        struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
        a->sin6_family = AF_INET6;
        assert_int_equal(inet_pton(AF_INET6, ip, &a->sin6_addr), 1);
    } else {
        struct sockaddr_in *a = (struct sockaddr_in *)&ss;
        a->sin_family = AF_INET;
        assert_int_equal(inet_pton(AF_INET, ip, &a->sin_addr), 1);
    }
    return ss;
}

static void test_private_addresses(void **state)
{
    const char *priv[] = {"127.0.0.1", "127.9.9.9", "10.1.2.3",  "172.16.0.1", "172.31.255.255", "192.168.1.1",
                          "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::",
                          "fe80::1", "fd00::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1", "ff02::1"};
    const char *pub[] = {"8.8.8.8", "172.32.0.1", "192.169.0.1", "100.128.0.1", "2001:4860:4860::8888",
                         "::ffff:8.8.8.8"};
    for (size_t i = 0; i < sizeof priv / sizeof *priv; i++) {
        struct sockaddr_storage ss = addr(priv[i]);
        if (!fw_fetch_addr_is_private(&ss)) fail_msg("%s should be private", priv[i]);
    }
    for (size_t i = 0; i < sizeof pub / sizeof *pub; i++) {
        struct sockaddr_storage ss = addr(pub[i]);
        if (fw_fetch_addr_is_private(&ss)) fail_msg("%s should be public", pub[i]);
    }
}

static void test_allow_list(void **state)
{
    struct fw_loop *loop = fw_loop_new();
    struct fw_fetch_opts o = {.max_body = 1024, .allow_hosts = "127.0.0.1, 10.0.0.0/8,fd00::/8"};
    struct fw_fetch *f = NULL;
    char err[256];
    assert_int_equal(fw_fetch_new(loop, &o, &f, err, sizeof err), FW_OK);
    struct sockaddr_storage a = addr("127.0.0.1"), b = addr("127.0.0.2"), c = addr("10.200.1.1"),
                            d = addr("fd12::1"), e = addr("192.168.0.1"), g = addr("8.8.8.8");
    assert_true(fw_fetch_addr_allowed(f, &a));
    assert_false(fw_fetch_addr_allowed(f, &b));
    assert_true(fw_fetch_addr_allowed(f, &c));
    assert_true(fw_fetch_addr_allowed(f, &d));
    assert_false(fw_fetch_addr_allowed(f, &e));
    assert_true(fw_fetch_addr_allowed(f, &g));
    fw_fetch_free(f);
    o.allow_hosts = "127.0.0.1,example.org";
    f = NULL;
    assert_int_equal(fw_fetch_new(loop, &o, &f, err, sizeof err), FW_E_CONFIG);
    assert_non_null(strstr(err, "example.org"));
    o.allow_hosts = "10.0.0.0/33";
    assert_int_equal(fw_fetch_new(loop, &o, &f, err, sizeof err), FW_E_CONFIG);
    assert_null(f);
    fw_loop_free(loop);
}

/* A queued article's callback runs from fw_sched_free and may look feeds up
 * (the pipe does, to refresh the feed of an item it releases): the feeds are
 * gone by then and must not be read (seen under ASan at a SIGTERM with
 * articles queued). */
static void on_stopped_article(const struct fw_fetch_result *res, void *arg)
{
    struct fw_sched *s = arg;
    assert_int_equal(res->err, FW_E_IO);
    for (size_t i = 0; i < fw_sched_nfeeds(s); i++) assert_non_null(fw_sched_feed_state(s, i)->key);
}

static void test_free_with_articles_queued(void **state)
{
    struct fw_loop *loop = fw_loop_new();
    struct fw_fetch_opts fo = {.max_body = 1024, .allow_hosts = "127.0.0.1"};
    struct fw_fetch *f = NULL;
    char err[256];
    assert_int_equal(fw_fetch_new(loop, &fo, &f, err, sizeof err), FW_OK);
    struct fw_feedlist_entry e[2] = {{.url = "http://127.0.0.1:9/a.rss", .name = "a"},
                                     {.url = "http://127.0.0.1:9/b.rss", .name = "b"}};
    struct fw_feedlist fl = {e, 2};
    struct fw_sched *s = fw_sched_new(loop, f, &opts, &fl, NULL, &(struct fw_sched_hooks){0});
    fw_sched_pause(s, 1); /* nothing starts: the article stays queued */
    assert_int_equal(fw_sched_fetch_article(s, "http://127.0.0.1:9/x.html", on_stopped_article, s), FW_OK);
    fw_sched_free(s);
    fw_fetch_free(f);
    fw_loop_free(loop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_success_delay), cmocka_unit_test(test_backoff),
        cmocka_unit_test(test_skip),          cmocka_unit_test(test_looks_like_feed),
        cmocka_unit_test(test_state_roundtrip), cmocka_unit_test(test_retry_after),
        cmocka_unit_test(test_private_addresses), cmocka_unit_test(test_allow_list),
        cmocka_unit_test(test_free_with_articles_queued),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
