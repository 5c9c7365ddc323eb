/* fw_feed: the model on small feeds, and the security cases: billion laughs,
 * XXE to a local file (general and parameter entities), ill-formed input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_cal.h"
#include "feedwire/fw_date.h"
#include "feedwire/fw_feed.h"
#include "feedwire/fw_sanitize.h"

static struct fw_feed_doc *parse(const char *s, const char *url, const char *ct)
{
    struct fw_feed_doc *doc = NULL;
    char err[256] = "";
    enum fw_err rc = fw_feed_parse(s, strlen(s), url, ct, &doc, err, sizeof err);
    if (rc != FW_OK) print_error("parse: %s\n", err);
    assert_int_equal(rc, FW_OK);
    return doc;
}

static char *dump(const struct fw_feed_doc *doc)
{
    json_t *j = fw_feed_doc_to_json(doc);
    char *s = json_dumps(j, JSON_COMPACT);
    json_decref(j);
    return s;
}

static const char rss[] =
    "<?xml version=\"1.0\"?>\n"
    "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:atom=\"http://www.w3.org/2005/Atom\">"
    "<channel><title>Think &amp; Tank</title><link>/</link><ttl>90</ttl>"
    "<atom:link rel=\"self\" href=\"https://ex.org/feed\"/><atom:link rel=\"hub\" href=\"https://hub.ex.org/\"/>"
    "<skipHours><hour>0</hour><hour>23</hour></skipHours><skipDays><day>Sunday</day><day>Monday</day></skipDays>"
    "<item><title>One</title><link>a/1.html</link><guid isPermaLink=\"false\">id-1</guid>"
    "<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate><dc:creator>Jo Doe</dc:creator><category>Asia</category>"
    "<description>&lt;p onclick=\"x()\"&gt;Hi&lt;script&gt;alert(1)&lt;/script&gt; "
    "&lt;a href=\"javascript:alert(1)\"&gt;x&lt;/a&gt;&lt;img src=\"i.png\"&gt;&lt;/p&gt;</description>"
    "<content:encoded><![CDATA[<iframe src=\"//evil\"></iframe><b>Full</b>]]></content:encoded>"
    "<enclosure url=\"https://ex.org/a.mp3\" length=\"123\" type=\"audio/mpeg\"/></item>"
    "<item><title>Two</title><link>https://ex.org/2</link><dc:date>2004-01-02T00:00:00+01:00</dc:date></item>"
    "<item><title>No link</title><description>text</description></item>"
    "<item><title>Same link</title><link>https://ex.org/2</link></item>"
    "</channel></rss>";

static void test_rss_model(void **state)
{
    struct fw_feed_doc *doc = parse(rss, "https://ex.org/feed", "application/rss+xml");
    assert_false(doc->bozo);
    assert_string_equal(doc->version, "rss20");
    assert_string_equal(doc->title, "Think & Tank");
    assert_string_equal(doc->link, "https://ex.org/");
    assert_string_equal(doc->self_link, "https://ex.org/feed");
    assert_string_equal(doc->hub, "https://hub.ex.org/");
    assert_int_equal(doc->ttl_min, 90);
    assert_int_equal(doc->skip_hours, (1u << 0) | (1u << 23));
    assert_int_equal(doc->skip_days, (1u << FW_CAL_SUN) | (1u << FW_CAL_MON));
    assert_int_equal(doc->nentries, 4);
    struct fw_feed_entry *e = &doc->entries[0];
    assert_string_equal(e->id, "id-1");
    assert_false(e->id_derived);
    assert_string_equal(e->link, "https://ex.org/a/1.html");
    assert_int_equal(e->published, 1072986501);
    assert_int_equal(e->nauthors, 1);
    assert_string_equal(e->authors[0].name, "Jo Doe");
    assert_int_equal(e->ncategories, 1);
    assert_string_equal(e->categories[0], "Asia");
    assert_string_equal(e->summary, "<p>Hi <a href=\"\">x</a><img src=\"https://ex.org/i.png\" /></p>");
    assert_string_equal(e->content, "<b>Full</b>");
    assert_int_equal(e->nenclosures, 1);
    assert_int_equal(e->enclosures[0].length, 123);
    assert_int_equal(doc->entries[1].published, 1072998000);
    /* no guid: the link is the id; no link either: a hash, stable across parses */
    assert_true(doc->entries[1].id_derived);
    assert_string_equal(doc->entries[1].id, "https://ex.org/2");
    assert_true(doc->entries[2].id_derived);
    /* a link shared by two items does not make them one */
    assert_true(doc->entries[3].id_derived);
    assert_string_not_equal(doc->entries[3].id, doc->entries[1].id);
    char id[64];
    snprintf(id, sizeof id, "%s", doc->entries[2].id);
    fw_feed_doc_free(doc);
    doc = parse(rss, "https://ex.org/feed", NULL);
    assert_string_equal(doc->entries[2].id, id);
    char *j = dump(doc);
    assert_non_null(strstr(j, "\"published\":\"2004-01-01T19:48:21Z\""));
    assert_non_null(strstr(j, "\"bozo\":false"));
    free(j);
    fw_feed_doc_free(doc);
}

static void test_atom_base_and_xhtml(void **state)
{
    const char *atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"http://ex.org/dir/\">"
                       "<title type=\"html\">A &lt;em&gt;b&lt;/em&gt;</title><updated>2024-05-01T10:00:00Z</updated>"
                       "<entry xml:base=\"sub/\"><id>tag:ex.org,2024:1</id><title>E</title>"
                       "<link href=\"p.html\"/><link rel=\"enclosure\" href=\"/m.mp4\" type=\"video/mp4\"/>"
                       "<author><name>A</name><email>a@ex.org</email></author>"
                       "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p style=\"color: red; "
                       "position: absolute\">x<a href=\"q\">y</a></p></div></content>"
                       "<published>2024-05-01T09:00:00+02:00</published></entry></feed>";
    struct fw_feed_doc *doc = parse(atom, NULL, NULL);
    assert_string_equal(doc->version, "atom10");
    assert_string_equal(doc->title, "A <em>b</em>");
    assert_int_equal(doc->nentries, 1);
    struct fw_feed_entry *e = &doc->entries[0];
    assert_string_equal(e->link, "http://ex.org/dir/sub/p.html");
    assert_string_equal(e->enclosures[0].href, "http://ex.org/m.mp4");
    assert_string_equal(e->content, "<p style=\"color: red;\">x<a href=\"http://ex.org/dir/sub/q\">y</a></p>");
    assert_string_equal(e->authors[0].email, "a@ex.org");
    assert_int_equal(e->published, 1714546800);
    fw_feed_doc_free(doc);
}

static void test_json_feed(void **state)
{
    const char *jf = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"home_page_url\":\"https://j.org/\","
                     "\"items\":[{\"id\":\"1\",\"url\":\"https://j.org/1\",\"title\":\"T\",\"content_html\":\"<p>x<script>y</script></p>\","
                     "\"date_published\":\"2020-01-01T00:00:00Z\",\"tags\":[\"a\",\"b\"]}]}";
    struct fw_feed_doc *doc = parse(jf, NULL, "application/feed+json");
    assert_int_equal(doc->format, FW_FEED_JSON);
    assert_string_equal(doc->title, "J");
    assert_int_equal(doc->nentries, 1);
    assert_string_equal(doc->entries[0].content, "<p>x</p>");
    assert_int_equal(doc->entries[0].published, 1577836800);
    assert_int_equal(doc->entries[0].ncategories, 2);
    fw_feed_doc_free(doc);
}

static void test_encodings(void **state)
{
    /* UTF-16LE with BOM */
    const char *src = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss><channel><title>caf\xc3\xa9</title></channel></rss>";
    char u16[512];
    size_t n = 0;
    u16[n++] = (char)0xFF, u16[n++] = (char)0xFE;
    for (const unsigned char *p = (const unsigned char *)src; *p; p++) {
        unsigned cp = *p;
        if (*p == 0xc3) cp = 0xe9, p++;
        u16[n++] = (char)(cp & 0xFF), u16[n++] = (char)(cp >> 8);
    }
    struct fw_feed_doc *doc = NULL;
    char err[128];
    assert_int_equal(fw_feed_parse(u16, n, NULL, NULL, &doc, err, sizeof err), FW_OK);
    assert_string_equal(doc->title, "caf\xc3\xa9");
    assert_string_equal(doc->encoding, "utf-16le");
    fw_feed_doc_free(doc);
    /* the HTTP charset overrides the declaration; a wrong one falls back, bozo */
    const char *latin = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss><channel><title>caf\xe9 &nbsp;x</title></channel></rss>";
    doc = parse(latin, NULL, "application/xml");
    assert_string_equal(doc->title, "caf\xc3\xa9 \xc2\xa0x");
    assert_string_equal(doc->encoding, "iso-8859-1");
    assert_true(doc->bozo); /* &nbsp; is not XML */
    fw_feed_doc_free(doc);
    doc = parse(latin, NULL, "text/xml; charset=utf-8");
    assert_true(doc->bozo);
    assert_non_null(strstr(doc->bozo_reason, "declared as utf-8"));
    assert_string_equal(doc->title, "caf\xc3\xa9 \xc2\xa0x");
    fw_feed_doc_free(doc);
}

static void test_illformed(void **state)
{
    const char *bad = "<rss version=\"2.0\"><channel><title>T</title><item><title>A & B</title><link>http://x/?a=1&b=2</link>"
                      "</item><item><title>unclosed<description>d</item></channel>";
    struct fw_feed_doc *doc = parse(bad, NULL, NULL);
    assert_true(doc->bozo);
    assert_non_null(doc->bozo_reason);
    assert_true(doc->nentries >= 1);
    assert_string_equal(doc->entries[0].title, "A & B");
    assert_string_equal(doc->entries[0].link, "http://x/?a=1&b=2");
    fw_feed_doc_free(doc);
    /* not a feed at all */
    struct fw_feed_doc *none = NULL;
    char err[128];
    assert_int_equal(fw_feed_parse("<html><body>hi</body></html>", 28, NULL, NULL, &none, err, sizeof err), FW_E_PARSE);
    assert_null(none);
    assert_int_equal(fw_feed_parse("", 0, NULL, NULL, &none, err, sizeof err), FW_E_PARSE);
    char *big = calloc(1, FW_FEED_MAX_BYTES + 2);
    assert_int_equal(fw_feed_parse(big, FW_FEED_MAX_BYTES + 1, NULL, NULL, &none, err, sizeof err), FW_E_TOOBIG);
    free(big);
}

static void test_billion_laughs(void **state)
{
    struct fw_buf b;
    fw_buf_init(&b, 0);
    fw_buf_adds(&b, "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY lol \"lol\">");
    fw_buf_adds(&b, "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">");
    for (int i = 2; i <= 9; i++)
        fw_buf_printf(&b, "<!ENTITY lol%d \"&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;\">", i,
                      i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
    fw_buf_adds(&b, "]><rss><channel><title>&lol9;</title><item><title>x &lol9; y</title></item></channel></rss>");
    /* bounded in time and memory (peak RSS growth; no RLIMIT_AS: ASan maps terabytes) */
    struct rusage ru0, ru1;
    getrusage(RUSAGE_SELF, &ru0);
    clock_t t0 = clock();
    struct fw_feed_doc *doc = NULL;
    char err[256];
    enum fw_err rc = fw_feed_parse(b.p, b.len, NULL, NULL, &doc, err, sizeof err);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    getrusage(RUSAGE_SELF, &ru1);
    assert_true(secs < 2.0);
    assert_true(ru1.ru_maxrss - ru0.ru_maxrss < 100 * 1024);
    if (rc == FW_OK) { /* refused: flagged, and nothing expanded */
        assert_true(doc->bozo);
        char *j = dump(doc);
        assert_true(strlen(j) < 4096);
        assert_null(strstr(j, "lollollol"));
        free(j);
        fw_feed_doc_free(doc);
    } else {
        assert_int_equal(rc, FW_E_PARSE);
    }
    fw_buf_fini(&b);
}

static void test_element_bomb(void **state)
{
    /* 16 MiB of empty elements: libxml2 alone would build 4M nodes */
    struct fw_buf b;
    fw_buf_init(&b, 0);
    fw_buf_adds(&b, "<rss><channel><title>t</title><item><title>first</title></item>");
    while (b.len < FW_FEED_MAX_BYTES - 64) fw_buf_adds(&b, "<a/><a/><a/><a/><a/><a/><a/><a/>");
    fw_buf_adds(&b, "</channel></rss>");
    struct rusage ru0, ru1;
    getrusage(RUSAGE_SELF, &ru0);
    struct fw_feed_doc *doc = NULL;
    char err[256];
    assert_int_equal(fw_feed_parse(b.p, b.len, NULL, NULL, &doc, err, sizeof err), FW_OK);
    getrusage(RUSAGE_SELF, &ru1);
    assert_true(doc->bozo);
    assert_non_null(strstr(doc->bozo_reason, "too many elements"));
    assert_int_equal(doc->nentries, 1);
    assert_string_equal(doc->entries[0].title, "first");
    assert_true(ru1.ru_maxrss - ru0.ru_maxrss < 200 * 1024);
    fw_feed_doc_free(doc);
    /* 100k attributes on one element: libxml2's duplicate check is quadratic */
    fw_buf_reset(&b);
    fw_buf_adds(&b, "<rss><channel><title");
    for (int i = 0; i < 100000; i++) fw_buf_printf(&b, " a%d=\"\"", i);
    fw_buf_adds(&b, ">t</title></channel></rss>");
    clock_t t0 = clock();
    doc = NULL;
    assert_int_equal(fw_feed_parse(b.p, b.len, NULL, NULL, &doc, err, sizeof err), FW_E_PARSE);
    assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
    assert_null(doc);
    fw_buf_fini(&b);
}

/* Inputs that made a linear step quadratic (found by timing): each must parse
 * in well under a second at a few MiB. */
static void test_quadratic_inputs(void **state)
{
    static const char *const units[] = {"<!--", "<![CDATA[", "<?x"};
    struct fw_buf b;
    fw_buf_init(&b, 0);
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        fw_buf_reset(&b);
        fw_buf_adds(&b, "<rss><channel><title>kept</title>");
        while (b.len < (2u << 20)) fw_buf_adds(&b, units[u]);
        clock_t t0 = clock();
        struct fw_feed_doc *doc = NULL;
        char err[256];
        assert_int_equal(fw_feed_parse(b.p, b.len, NULL, NULL, &doc, err, sizeof err), FW_OK);
        assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
        assert_true(doc->bozo);
        assert_string_equal(doc->title, "kept");
        fw_feed_doc_free(doc);
    }
    /* the sanitizer: tags and declarations that never close, a huge style */
    static const char *const html[] = {"<a ", "<!a", "<p style=\"url(url("};
    struct fw_buf out;
    fw_buf_init(&out, 0);
    for (size_t u = 0; u < sizeof html / sizeof html[0]; u++) {
        fw_buf_reset(&b);
        while (b.len < (2u << 20)) fw_buf_adds(&b, u == 2 && b.len ? "url(" : html[u]);
        if (u == 2) fw_buf_adds(&b, "\">x</p>");
        fw_buf_reset(&out);
        clock_t t0 = clock();
        assert_int_equal(fw_sanitize_html(&out, b.p, b.len, NULL), FW_OK);
        assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
        if (u < 2) assert_null(strchr(out.p ? out.p : "", '<')); /* all of it was text */
    }
    fw_buf_fini(&out);
    fw_buf_fini(&b);
}

static void test_xxe(void **state)
{
    char path[] = "/tmp/fw_xxe_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char secret[] = "FW-SECRET-7a1f";
    assert_int_equal(write(fd, secret, sizeof secret - 1), (ssize_t)(sizeof secret - 1));
    close(fd);
    /* "@" stands for the file's path */
    const char *tmpl[] = {
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://@\">]>"
        "<rss><channel><title>t &xxe;</title><item><title>&xxe;</title><description>&xxe;</description></item></channel></rss>",
        "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % p SYSTEM \"file://@\"> %p;]>"
        "<rss><channel><title>t</title></channel></rss>",
        "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"file://@\"><rss><channel><title>t</title></channel></rss>",
        "<?xml version=\"1.0\"?><?xml-stylesheet href=\"file://@\"?><rss xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
        "<channel><title><xi:include href=\"file://@\" parse=\"text\"/></title></channel></rss>",
    };
    for (size_t i = 0; i < sizeof tmpl / sizeof tmpl[0]; i++) {
        char feed[1024];
        size_t n = 0;
        for (const char *t = tmpl[i]; *t && n + sizeof path < sizeof feed; t++) {
            if (*t == '@') n += (size_t)snprintf(feed + n, sizeof feed - n, "%s", path);
            else feed[n++] = *t;
        }
        feed[n] = 0;
        struct fw_feed_doc *doc = NULL;
        char err[256];
        enum fw_err rc = fw_feed_parse(feed, strlen(feed), NULL, NULL, &doc, err, sizeof err);
        if (rc == FW_OK) {
            char *j = dump(doc);
            if (strstr(j, secret)) print_error("case %zu leaked: %s\n", i, j);
            assert_null(strstr(j, secret));
            free(j);
            fw_feed_doc_free(doc);
        }
    }
    unlink(path);
}

static void test_sanitize(void **state)
{
    static const char *const cases[][2] = {
        {"<script>alert(1)</script>ok", "ok"},
        {"<STYLE>b{}</STYLE><b>ok</b>", "<b>ok</b>"},
        {"<a href=\" jav&#x09;ascript:alert(1)\" onmouseover=\"x\">l</a>", "<a href=\"\">l</a>"},
        {"<img src=\"data:image/png;base64,AAA\">", "<img src=\"\" />"},
        {"<object data=\"x\"><embed src=\"y\"></object><form action=\"z\"><input></form>", "<input />"},
        {"<p style=\"background: url(javascript:x); color: red\">a</p>", "<p style=\"color: red;\">a</p>"},
        {"a < b && c", "a &lt; b &amp;&amp; c"},
        {"<br/><hr>&eacute;&#233;&#X263A;&#150;&bogus;", "<br /><hr />&eacute;&#233;&#x263a;&#x2013;&amp;bogus;"},
        {"<abbr title=\"&#38; &amp; x&y\">t</abbr>", "<abbr title=\"&#38; &amp; x&y\">t</abbr>"},
        {"<iframe src=x>fallback</iframe>", "fallback"},
        {"<a href=\"rel\">r</a>", "<a href=\"http://b.org/d/rel\">r</a>"},
    };
    struct fw_buf b;
    fw_buf_init(&b, 0);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fw_buf_reset(&b);
        assert_int_equal(fw_sanitize_html(&b, cases[i][0], strlen(cases[i][0]), "http://b.org/d/"), FW_OK);
        assert_string_equal(b.p ? b.p : "", cases[i][1]);
    }
    fw_buf_fini(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rss_model),     cmocka_unit_test(test_atom_base_and_xhtml),
        cmocka_unit_test(test_json_feed),     cmocka_unit_test(test_encodings),
        cmocka_unit_test(test_illformed),     cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_element_bomb),  cmocka_unit_test(test_quadratic_inputs),
        cmocka_unit_test(test_xxe),
        cmocka_unit_test(test_sanitize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
