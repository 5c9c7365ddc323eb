#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_buf.h"

static void test_add_and_cap(void **state)
{
    struct fw_buf b;
    fw_buf_init(&b, 10);
    assert_int_equal(fw_buf_adds(&b, "hello"), FW_OK);
    assert_int_equal(fw_buf_printf(&b, "%d", 1234), FW_OK);
    assert_string_equal(b.p, "hello1234");
    /* a write that would exceed the cap fails and changes nothing */
    assert_int_equal(fw_buf_adds(&b, "xy"), FW_E_TOOBIG);
    assert_string_equal(b.p, "hello1234");
    assert_int_equal(b.len, 9);
    assert_int_equal(fw_buf_addc(&b, '!'), FW_OK);
    assert_int_equal(fw_buf_printf(&b, "x"), FW_E_TOOBIG);
    char *s = fw_buf_steal(&b);
    assert_string_equal(s, "hello1234!");
    assert_null(b.p);
    free(s);
    fw_buf_fini(&b);
}

static void test_growth(void **state)
{
    struct fw_buf b;
    fw_buf_init(&b, 0);
    for (int i = 0; i < 10000; i++) assert_int_equal(fw_buf_addc(&b, (char)('a' + i % 26)), FW_OK);
    assert_int_equal(b.len, 10000);
    assert_int_equal(b.p[10000], 0);
    assert_int_equal(b.p[26], 'a');
    fw_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.p, "");
    fw_buf_fini(&b);
}

static void test_fail_scrubs_control_chars(void **state)
{
    char err[64];
    assert_int_equal(fw_fail(err, sizeof err, FW_E_PARSE, "bad\nline\t%s", "x\ry"), FW_E_PARSE);
    assert_string_equal(err, "bad line x y");
    assert_int_equal(fw_err_class(FW_E_TIMEOUT), FW_ERRC_RETRY);
    assert_int_equal(fw_err_class(FW_E_PARSE), FW_ERRC_DROP);
    assert_int_equal(fw_err_class(FW_E_CONFIG), FW_ERRC_FATAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_and_cap),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_fail_scrubs_control_chars),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
