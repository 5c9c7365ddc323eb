#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_dedup.h"

static void norm_is(const char *in, const char *want)
{
    struct fw_buf b;
    char err[128];
    fw_buf_init(&b, 0);
    enum fw_err rc = fw_dedup_normalize_url(in, &b, err, sizeof err);
    if (rc != FW_OK) fail_msg("%s: %s", in, err);
    if (strcmp(b.p, want) != 0) fail_msg("%s -> %s, want %s", in, b.p, want);
    fw_buf_fini(&b);
}

static void test_normalize_url(void **state)
{
    norm_is("HTTP://WWW.Example.COM:80/a/b?x=1#frag", "http://www.example.com/a/b?x=1");
    norm_is("https://example.com:443", "https://example.com/");
    norm_is("https://example.com:8443/", "https://example.com:8443/");
    norm_is("http://example.com:80/", "http://example.com/");
    norm_is("https://user:pw@Example.com./x", "https://example.com/x");
    norm_is("https://e.com/a/./b/../c/", "https://e.com/a/c/");
    norm_is("https://e.com/a/..", "https://e.com/");
    norm_is("https://e.com/%7euser/%2f%c3%a9", "https://e.com/~user/%2F%C3%A9");
    norm_is("https://e.com/a b", "https://e.com/a%20b");
    /* tracking parameters go, the rest is sorted */
    norm_is("https://e.com/p?utm_source=rss&b=2&utm_medium=feed&a=1&fbclid=XYZ&gclid=1",
            "https://e.com/p?a=1&b=2");
    norm_is("https://e.com/p?utm_source=rss&UTM_campaign=x", "https://e.com/p");
    norm_is("https://e.com/p?&&id=5&", "https://e.com/p?id=5");
    norm_is("  https://e.com/p?id=5#x?y  ", "https://e.com/p?id=5");
    norm_is("https://[2001:DB8::1]:443/x", "https://[2001:db8::1]/x");
    /* same article, different spellings: one canonical form */
    norm_is("https://www.csis.org/analysis/x?utm_source=feed#top", "https://www.csis.org/analysis/x");
}

static void test_normalize_url_rejects(void **state)
{
    struct fw_buf b;
    fw_buf_init(&b, 0);
    assert_int_equal(fw_dedup_normalize_url("ftp://e.com/x", &b, NULL, 0), FW_E_INVAL);
    assert_int_equal(fw_dedup_normalize_url("/relative/path", &b, NULL, 0), FW_E_INVAL);
    assert_int_equal(fw_dedup_normalize_url("https://:80/x", &b, NULL, 0), FW_E_INVAL);
    assert_int_equal(fw_dedup_normalize_url("https://e.com:99999/", &b, NULL, 0), FW_E_INVAL);
    assert_int_equal(fw_dedup_normalize_url("https://e.com:8a/", &b, NULL, 0), FW_E_INVAL);
    assert_int_equal(fw_dedup_normalize_url("https://[::1/", &b, NULL, 0), FW_E_INVAL);
    assert_int_equal(fw_dedup_normalize_url(NULL, &b, NULL, 0), FW_E_INVAL);
    char *big = malloc(9000);
    memcpy(big, "https://e.com/", 14);
    memset(big + 14, 'a', 9000 - 15);
    big[8999] = 0;
    assert_int_equal(fw_dedup_normalize_url(big, &b, NULL, 0), FW_E_TOOBIG);
    free(big);
    assert_true(b.len == 0);
    fw_buf_fini(&b);
}

static void test_item_id(void **state)
{
    char a[FW_DEDUP_ID_LEN + 1], b[FW_DEDUP_ID_LEN + 1];
    struct fw_dedup_item it = {.feed_url = "https://f.org/rss", .guid = "1234", .link = "https://f.org/a?utm_source=x"};
    fw_dedup_item_id(&it, a);
    assert_int_equal(strlen(a), FW_DEDUP_ID_LEN);
    /* a guid is scoped by its feed */
    it.feed_url = "https://g.org/rss";
    fw_dedup_item_id(&it, b);
    assert_string_not_equal(a, b);
    /* rule link: only the normalized link counts */
    struct fw_dedup_item l1 = {.feed_url = "x", .guid = "1", .link = "https://F.org/a?utm_source=x",
                               .rule = FW_DEDUP_RULE_LINK};
    struct fw_dedup_item l2 = {.feed_url = "y", .guid = "2", .link = "https://f.org/a#c", .rule = FW_DEDUP_RULE_LINK};
    fw_dedup_item_id(&l1, a);
    fw_dedup_item_id(&l2, b);
    assert_string_equal(a, b);
    /* a URL guid is the same identity as that link */
    struct fw_dedup_item g = {.feed_url = "z", .guid = "https://f.org/a"};
    fw_dedup_item_id(&g, b);
    assert_string_equal(a, b);
    /* no guid, no link: title + date */
    struct fw_dedup_item h1 = {.feed_url = "f", .title = "T", .date = "2024-01-01"};
    struct fw_dedup_item h2 = {.feed_url = "f", .title = "T", .date = "2024-01-02"};
    fw_dedup_item_id(&h1, a);
    fw_dedup_item_id(&h2, b);
    assert_string_not_equal(a, b);
    /* rule hash ignores guid and link */
    struct fw_dedup_item h3 = {.feed_url = "f", .guid = "9", .link = "https://q/", .title = "T", .date = "2024-01-01",
                               .rule = FW_DEDUP_RULE_HASH};
    fw_dedup_item_id(&h3, b);
    fw_dedup_item_id(&h1, a);
    assert_string_equal(a, b);
    /* rule guid without a guid falls back to the link */
    struct fw_dedup_item f1 = {.feed_url = "f", .link = "https://f.org/a", .rule = FW_DEDUP_RULE_GUID};
    fw_dedup_item_id(&f1, a);
    fw_dedup_item_id(&g, b);
    assert_string_equal(a, b);
    assert_int_equal(fw_dedup_parse_rule("link"), FW_DEDUP_RULE_LINK);
    assert_int_equal(fw_dedup_parse_rule("GUID"), FW_DEDUP_RULE_GUID);
    assert_int_equal(fw_dedup_parse_rule("bogus"), -1);
}

static const char *const STORY =
    "Russian forces launched a large-scale missile and drone attack on Kyiv overnight, officials said on Tuesday, "
    "killing at least five people and damaging energy infrastructure across the capital region. Air defence units "
    "intercepted most of the incoming missiles, according to the air force, but debris fell on residential "
    "buildings in three districts. The mayor said emergency crews were working at several sites and that power "
    "had been restored to most homes by morning. The attack came as negotiators prepared for a new round of talks "
    "in Geneva, where diplomats from both sides are expected to discuss prisoner exchanges and the safety of the "
    "Zaporizhzhia nuclear power plant. Analysts at the Institute for the Study of War said the strike was among "
    "the largest this year and appeared intended to degrade the country's grid before winter.";

static void test_text_hash(void **state)
{
    const char *a = "Hello,   World!\n\nThis is  a TEST.";
    const char *b = "hello world -- this is a test";
    assert_true(fw_dedup_text_hash(a, strlen(a)) == fw_dedup_text_hash(b, strlen(b)));
    const char *c = "hello world this is a test too";
    assert_true(fw_dedup_text_hash(a, strlen(a)) != fw_dedup_text_hash(c, strlen(c)));
}

/* Deterministic pseudo-text of n words over a 5000-word vocabulary. */
static char *gen_text(unsigned seed, int words)
{
    char *t = malloc((size_t)words * 9 + 1), *p = t;
    uint32_t x = seed * 2654435761u + 1;
    for (int i = 0; i < words; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        unsigned w = x % 5000;
        p += sprintf(p, "%sw%c%c%u", i ? " " : "", 'a' + w % 26, 'a' + (w / 26) % 26, w);
    }
    return t;
}

static void test_simhash_near_and_far(void **state)
{
    const char *a = STORY;
    uint64_t s0 = fw_dedup_simhash(a, strlen(a));
    /* formatting only: identical */
    char *fmt = strdup(STORY);
    for (char *p = fmt; *p; p++)
        if (*p == ',') *p = ' ';
    assert_int_equal(fw_dedup_hamming(s0, fw_dedup_simhash(fmt, strlen(fmt))), 0);
    free(fmt);
    /* a different story: far */
    const char *other =
        "The central bank kept interest rates unchanged on Thursday and signalled that it expects inflation to "
        "fall back to its target by the end of next year, as wage growth slows and energy prices ease. The "
        "governor told reporters that the committee was divided over the timing of the first cut.";
    int d2 = fw_dedup_hamming(s0, fw_dedup_simhash(other, strlen(other)));
    print_message("other story: hamming %d\n", d2);
    assert_true(d2 > 12);
    /* short texts still get a fingerprint; empty gives 0 */
    assert_true(fw_dedup_simhash("two words", 9) != 0);
    assert_true(fw_dedup_simhash("", 0) == 0);
    assert_int_equal(fw_dedup_hamming(0, ~(uint64_t)0), 64);
}

/* Article-sized texts (600 words): one-word edits stay within the near bound
 * in most cases, unrelated texts never come near: the property the banded
 * index relies on. */
static void test_simhash_distribution(void **state)
{
    int near = 0, trials = 100;
    for (int t = 0; t < trials; t++) {
        char *a = gen_text((unsigned)t, 600);
        uint64_t s0 = fw_dedup_simhash(a, strlen(a));
        size_t n = strlen(a), pos = (size_t)(t * 7919) % n;
        while (pos < n && a[pos] != ' ') pos++;
        if (pos + 2 < n) a[pos + 2] = a[pos + 2] == 'q' ? 'r' : 'q';
        if (fw_dedup_hamming(s0, fw_dedup_simhash(a, n)) <= FW_DEDUP_NEAR_BITS) near++;
        free(a);
    }
    print_message("one-word edits within %d bits: %d/%d\n", FW_DEDUP_NEAR_BITS, near, trials);
    assert_true(near >= trials * 8 / 10);
    uint64_t h[100];
    int far = 0, pairs = 0;
    for (int t = 0; t < 100; t++) {
        char *a = gen_text(1000u + (unsigned)t, 600);
        h[t] = fw_dedup_simhash(a, strlen(a));
        free(a);
        for (int u = 0; u < t; u++, pairs++) far += fw_dedup_hamming(h[t], h[u]) > FW_DEDUP_NEAR_BITS + 4;
    }
    print_message("unrelated pairs beyond %d bits: %d/%d\n", FW_DEDUP_NEAR_BITS + 4, far, pairs);
    assert_int_equal(far, pairs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalize_url),       cmocka_unit_test(test_normalize_url_rejects),
        cmocka_unit_test(test_item_id),             cmocka_unit_test(test_text_hash),
        cmocka_unit_test(test_simhash_near_and_far), cmocka_unit_test(test_simhash_distribution),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
