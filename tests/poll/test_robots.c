#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "feedwire/fw_robots.h"

static struct fw_robots *parse(const char *t)
{
    return fw_robots_parse(t, strlen(t), "feedwire");
}

static void test_star_group_and_longest_match(void **state)
{
    struct fw_robots *r = parse("# comment\nUser-agent: otherbot\nDisallow: /\n\n"
                                "User-agent: *\nDisallow: /private/\nAllow: /private/ok\nDisallow: /*.pdf$\n"
                                "Crawl-delay: 10\nSitemap: https://x.org/sitemap.xml\n");
    assert_true(fw_robots_allowed(r, "/"));
    assert_true(fw_robots_allowed(r, "/articles/1.html"));
    assert_false(fw_robots_allowed(r, "/private/x"));
    assert_true(fw_robots_allowed(r, "/private/ok/x"));
    assert_false(fw_robots_allowed(r, "/docs/a.pdf"));
    assert_true(fw_robots_allowed(r, "/docs/a.pdf?x=1"));
    fw_robots_free(r);
}

static void test_own_group_wins(void **state)
{
    struct fw_robots *r = parse("User-agent: *\nDisallow: /\n\nUser-agent: FeedWire/0.1\nUser-agent: x\n"
                                "Disallow: /search\nAllow: /search/about\n");
    assert_true(fw_robots_allowed(r, "/news"));
    assert_false(fw_robots_allowed(r, "/search?q=1"));
    assert_true(fw_robots_allowed(r, "/search/about"));
    fw_robots_free(r);
    /* a group naming us with no rules allows everything, whatever `*` says */
    r = parse("User-agent: *\nDisallow: /\nUser-agent: feedwire\nDisallow:\n");
    assert_true(fw_robots_allowed(r, "/x"));
    fw_robots_free(r);
    /* a longer token is someone else */
    r = parse("User-agent: feedwirebot\nDisallow: /\n");
    assert_true(fw_robots_allowed(r, "/x"));
    fw_robots_free(r);
}

static void test_ties_and_wildcards(void **state)
{
    struct fw_robots *r = parse("User-agent: *\nDisallow: /a\nAllow: /a\nDisallow: /*/secret*\nDisallow: /x*y*z\n");
    assert_true(fw_robots_allowed(r, "/a/b")); /* equal length: Allow wins */
    assert_false(fw_robots_allowed(r, "/2024/secret/plan"));
    assert_false(fw_robots_allowed(r, "/x1y2z3"));
    assert_true(fw_robots_allowed(r, "/x1y2"));
    fw_robots_free(r);
    r = fw_robots_new_all(0);
    assert_false(fw_robots_allowed(r, "/"));
    fw_robots_free(r);
    r = parse("garbage\0more"); /* binary junk: no rules */
    assert_true(fw_robots_allowed(r, "/"));
    assert_int_equal(fw_robots_nrules(r), 0);
    fw_robots_free(r);
}

static void test_hostile_pattern(void **state)
{
    char pat[2000];
    size_t n = (size_t)snprintf(pat, sizeof pat, "User-agent: *\nDisallow: /");
    for (int i = 0; i < 300; i++) n += (size_t)snprintf(pat + n, sizeof pat - n, "*a");
    snprintf(pat + n, sizeof pat - n, "b\n");
    struct fw_robots *r = parse(pat);
    char path[4000] = "/";
    memset(path + 1, 'a', 3000);
    path[3001] = 0;
    assert_true(fw_robots_allowed(r, path));
    fw_robots_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_star_group_and_longest_match),
        cmocka_unit_test(test_own_group_wins),
        cmocka_unit_test(test_ties_and_wildcards),
        cmocka_unit_test(test_hostile_pattern),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
