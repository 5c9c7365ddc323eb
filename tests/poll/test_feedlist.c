#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_feedlist.h"

static struct fw_feedlist *parse_ok(const char *text)
{
    struct fw_feedlist *fl = NULL;
    char err[256] = "";
    enum fw_err rc = fw_feedlist_parse(text, strlen(text), "feeds.txt", &fl, err, sizeof err);
    if (rc != FW_OK) fail_msg("unexpected error: %s", err);
    return fl;
}

static void expect_err(const char *text, const char *want)
{
    struct fw_feedlist *fl = NULL;
    char err[256] = "";
    assert_int_not_equal(fw_feedlist_parse(text, strlen(text), "feeds.txt", &fl, err, sizeof err), FW_OK);
    assert_null(fl);
    if (!strstr(err, want)) fail_msg("error '%s' lacks '%s'", err, want);
}

static void test_text(void **state)
{
    struct fw_feedlist *fl = parse_ok("\xef\xbb\xbf# think tanks\n"
                                      "\n"
                                      "https://www.csis.org/rss.xml name=csis interval=30m id=link\n"
                                      "  http://example.org/feed   # trailing comment\n"
                                      "https://example.net/atom id=hash interval=3600\n");
    assert_int_equal(fl->n, 3);
    assert_string_equal(fl->v[0].url, "https://www.csis.org/rss.xml");
    assert_string_equal(fl->v[0].name, "csis");
    assert_int_equal(fl->v[0].interval_s, 1800);
    assert_int_equal(fl->v[0].idkind, FW_FEED_ID_LINK);
    assert_int_equal(fl->v[0].line, 3);
    assert_string_equal(fw_feedlist_key(&fl->v[0]), "csis");
    assert_null(fl->v[1].name);
    assert_int_equal(fl->v[1].interval_s, 0);
    assert_int_equal(fl->v[1].idkind, FW_FEED_ID_GUID);
    assert_string_equal(fw_feedlist_key(&fl->v[1]), "http://example.org/feed");
    assert_int_equal(fl->v[2].interval_s, 3600);
    assert_int_equal(fl->v[2].idkind, FW_FEED_ID_HASH);
    fw_feedlist_free(fl);
}

static void test_text_errors(void **state)
{
    expect_err("https://a.org/x\nftp://b.org/y\n", "feeds.txt:2: not an http(s) URL");
    expect_err("https://a.org/x interval=5s\n", "feeds.txt:1: interval");
    expect_err("https://a.org/x interval=soon\n", "feeds.txt:1: interval");
    expect_err("https://a.org/x color=red\n", "feeds.txt:1: unknown setting");
    expect_err("https://a.org/x name=a b\n", "feeds.txt:1: expected key=value");
    expect_err("https://a.org/x name=a/b\n", "feeds.txt:1: name must be");
    expect_err("https://a.org/x id=uuid\n", "feeds.txt:1: id must be");
    expect_err("https://a.org/x\n\nhttps://a.org/x\n", "feeds.txt:3: duplicate feed URL (first on line 1)");
    expect_err("https://a.org/x name=n\nhttps://a.org/y name=n\n", "feeds.txt:2: duplicate feed name");
    expect_err("http:///path\n", "feeds.txt:1: not an http(s) URL");
    expect_err("http://[::1/x\n", "feeds.txt:1: not an http(s) URL");
    expect_err("https://exa mple.org/\n", "feeds.txt:1: expected key=value");
    expect_err("https://a.org:99999/\n", "feeds.txt:1: not an http(s) URL");
}

static void test_opml(void **state)
{
    struct fw_feedlist *fl = parse_ok("<?xml version=\"1.0\"?>\n"
                                      "<opml version=\"2.0\"><head><title>t</title></head><body>\n"
                                      "<outline text=\"Think tanks\">\n"
                                      "  <outline text=\"CSIS analysis\" type=\"rss\" xmlUrl=\"https://csis.org/rss\"/>\n"
                                      "  <outline text=\"x\" name=\"rand\" xmlUrl=\"https://rand.org/feed?a=1&amp;b=2\"/>\n"
                                      "</outline>\n"
                                      "<outline text=\"no feed\" htmlUrl=\"https://x.org/\"/>\n"
                                      "</body></opml>\n");
    assert_int_equal(fl->n, 2);
    assert_string_equal(fl->v[0].url, "https://csis.org/rss");
    assert_null(fl->v[0].name);
    assert_int_equal(fl->v[0].line, 4);
    assert_string_equal(fl->v[1].url, "https://rand.org/feed?a=1&b=2");
    assert_string_equal(fl->v[1].name, "rand");
    fw_feedlist_free(fl);
}

static void test_opml_errors(void **state)
{
    expect_err("<opml><body><outline xmlUrl=\"https://a.org/\">\n</body></opml>", "feeds.txt:2: not well-formed");
    expect_err("<rss><channel/></rss>", "feeds.txt:1: root element is not <opml>");
    expect_err("<opml><body>\n<outline xmlUrl=\"file:///etc/passwd\"/></body></opml>", "feeds.txt:2: xmlUrl");
    /* no external entity is ever loaded */
    expect_err("<!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n"
               "<opml><body><outline xmlUrl=\"https://a.org/&x;\"/></body></opml>",
               "external entity");
}

static void test_duration(void **state)
{
    assert_int_equal(fw_parse_duration_s("90"), 90);
    assert_int_equal(fw_parse_duration_s("90s"), 90);
    assert_int_equal(fw_parse_duration_s("15m"), 900);
    assert_int_equal(fw_parse_duration_s("2h"), 7200);
    assert_int_equal(fw_parse_duration_s("1d"), 86400);
    assert_int_equal(fw_parse_duration_s("1w"), -1);
    assert_int_equal(fw_parse_duration_s("-5"), -1);
    assert_int_equal(fw_parse_duration_s(""), -1);
    assert_int_equal(fw_parse_duration_s("99999999999999999999d"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text),       cmocka_unit_test(test_text_errors), cmocka_unit_test(test_opml),
        cmocka_unit_test(test_opml_errors), cmocka_unit_test(test_duration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
