/* fw_keys and fw_statedir: the one place keys and state paths are built. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feedwire/fw_keys.h"
#include "feedwire/fw_statedir.h"

static void test_keys(void **state)
{
    struct fw_keys k;
    char out[FW_KEY_MAX];
    fw_keys_init(&k, "fw:");
    assert_string_equal(fw_keys_article(&k, "0123456789abcdef0123456789abcdef", out),
                        "fw:a:0123456789abcdef0123456789abcdef");
    assert_string_equal(fw_keys_claim(&k, "ab", out), "fw:l:ab");
    assert_string_equal(fw_keys_url(&k, 0xabcULL, out), "fw:u:0000000000000abc");
    assert_string_equal(fw_keys_text(&k, 0xfedcba9876543210ULL, out), "fw:c:fedcba9876543210");
    assert_string_equal(fw_keys_band(&k, 3, 0x1f, out), "fw:s:3:001f");
    assert_string_equal(fw_keys_incident_bucket(&k, "19:2024-04-18", out), "fw:il:19:2024-04-18");
    assert_string_equal(fw_keys_incident_mentions(&k, "ab", out), "fw:im:ab");
    assert_string_equal(fw_keys_incident_event(&k, "cd", out), "fw:ie:cd");
    assert_string_equal(fw_keys_incident_recent(&k, out), "fw:ir");
    assert_string_equal(fw_keys_feeds(&k, out), "fw:feeds");
    fw_keys_init(&k, NULL);
    assert_string_equal(fw_keys_feeds(&k, out), "feeds");
}

/* Commands go out as space-separated words: a prefix never carries a space,
 * and a long one is capped so every key fits its buffer. */
static void test_prefix_sanitised(void **state)
{
    struct fw_keys k;
    char out[FW_KEY_MAX], big[300];
    fw_keys_init(&k, "my feeds: ");
    assert_string_equal(fw_keys_feeds(&k, out), "my_feeds:_feeds");
    memset(big, 'p', sizeof big - 1);
    big[sizeof big - 1] = 0;
    fw_keys_init(&k, big);
    assert_int_equal(strlen(k.prefix), FW_KEYS_PREFIX_MAX);
    fw_keys_article(&k, "0123456789abcdef0123456789abcdef", out);
    assert_int_equal(strlen(out), FW_KEYS_PREFIX_MAX + 2 + 32);
}

static void test_statedir(void **state)
{
    char dir[] = "/tmp/fw-statedir-XXXXXX", sub[256], path[64], err[256];
    assert_non_null(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/state", dir);
    assert_int_equal(fw_statedir_make(sub, err, sizeof err), FW_OK);
    assert_int_equal(fw_statedir_make(sub, err, sizeof err), FW_OK); /* exists: fine */
    struct stat st;
    assert_int_equal(stat(sub, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_int_equal(fw_statedir_path("/var/lib/feedwire", FW_STATEDIR_FEEDS, path, sizeof path, err, sizeof err),
                     FW_OK);
    assert_string_equal(path, "/var/lib/feedwire/feeds");
    assert_int_equal(fw_statedir_path("/var/lib/feedwire", FW_STATEDIR_SPOOL, path, sizeof path, err, sizeof err),
                     FW_OK);
    assert_string_equal(path, "/var/lib/feedwire/spool");
    assert_int_equal(fw_statedir_path(sub, FW_STATEDIR_SPOOL, path, 8, err, sizeof err), FW_E_TOOBIG);
    snprintf(sub, sizeof sub, "%s/no/such/parent", dir);
    assert_int_equal(fw_statedir_make(sub, err, sizeof err), FW_E_IO);
    snprintf(sub, sizeof sub, "%s/state", dir);
    assert_int_equal(rmdir(sub), 0);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_prefix_sanitised),
        cmocka_unit_test(test_statedir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
