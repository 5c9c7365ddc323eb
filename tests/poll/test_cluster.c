/* The pure side of fw_cluster: a feed's host and partition (one host's feeds
 * on one partition, stable across runs: the tool writes and the daemons read
 * by it), and a feed's topic value, which must parse back to the same feed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "feedwire/fw_cluster.h"
#include "feedwire/fw_feedlist.h"

static void test_host(void **state)
{
    char h[64];
    assert_int_equal(fw_cluster_url_host("https://Example.ORG:8443/feed?x=1", h, sizeof h), 0);
    assert_string_equal(h, "example.org");
    assert_int_equal(fw_cluster_url_host("http://user:pw@www.csis.org/rss", h, sizeof h), 0);
    assert_string_equal(h, "www.csis.org");
    assert_int_equal(fw_cluster_url_host("http://[::1]:8080/a", h, sizeof h), 0);
    assert_string_equal(h, "[::1]");
    assert_int_equal(fw_cluster_url_host("http://a.b#frag", h, sizeof h), 0);
    assert_string_equal(h, "a.b");
    /* bad input: no crash, no host */
    assert_int_equal(fw_cluster_url_host("not a url", h, sizeof h), -1);
    assert_int_equal(fw_cluster_url_host("http://", h, sizeof h), -1);
    assert_int_equal(fw_cluster_url_host("http://[::1/x", h, sizeof h), -1);
    assert_int_equal(fw_cluster_url_host("http://averyveryveryverylonghostnamethatdoesnotfit.example/", h, 16), -1);
}

static void test_partition(void **state)
{
    /* same host, any port, path or case: same partition */
    int32_t p = fw_cluster_partition_of("https://www.jamestown.org/feed/", 12);
    assert_true(p >= 0 && p < 12);
    assert_int_equal(fw_cluster_partition_of("http://WWW.Jamestown.org:80/other.rss", 12), p);
    assert_int_equal(fw_cluster_partition_of("https://www.jamestown.org/feed/", 1), 0);
    assert_int_equal(fw_cluster_partition_of("garbage", 0), 0);
    int32_t g = fw_cluster_partition_of("garbage", 7);
    assert_true(g >= 0 && g < 7);
    /* the hash is FNV-1a of the host: fixed, so tools and daemons of any
     * version agree on where a feed's record is */
    assert_int_equal(fw_cluster_partition_of("http://a/", 1000), (int32_t)(0xe40c292cu % 1000));
    /* hosts spread: 200 hosts over 12 partitions leave none empty */
    int used[12] = {0};
    for (int i = 0; i < 200; i++) {
        char url[64];
        snprintf(url, sizeof url, "https://site%d.example/feed", i);
        used[fw_cluster_partition_of(url, 12)]++;
    }
    for (int i = 0; i < 12; i++) assert_true(used[i] > 0);
}

static void test_entry_line_roundtrip(void **state)
{
    const char *text = "https://a.example/rss name=a interval=90s id=link\n"
                       "https://b.example/atom\n"
                       "https://c.example/x?y=1 id=hash interval=2h\n";
    struct fw_feedlist *fl = NULL, *back = NULL;
    char err[256], line[1024];
    assert_int_equal(fw_feedlist_parse(text, strlen(text), "t", &fl, err, sizeof err), FW_OK);
    for (size_t i = 0; i < fl->n; i++) {
        fw_cluster_entry_line(&fl->v[i], line, sizeof line);
        assert_int_equal(fw_feedlist_parse(line, strlen(line), "v", &back, err, sizeof err), FW_OK);
        assert_int_equal(back->n, 1);
        assert_string_equal(back->v[0].url, fl->v[i].url);
        assert_true((!back->v[0].name && !fl->v[i].name) || !strcmp(back->v[0].name, fl->v[i].name));
        assert_int_equal(back->v[0].interval_s, fl->v[i].interval_s);
        assert_int_equal(back->v[0].idkind, fl->v[i].idkind);
        assert_string_equal(fw_feedlist_key(&back->v[0]), fw_feedlist_key(&fl->v[i]));
        fw_feedlist_free(back);
        back = NULL;
    }
    fw_cluster_entry_line(&fl->v[0], line, 8); /* cut short, still a C string */
    assert_int_equal(strlen(line), 7);
    fw_feedlist_free(fl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_host),
        cmocka_unit_test(test_partition),
        cmocka_unit_test(test_entry_line_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
