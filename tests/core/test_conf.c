#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_conf.h"

static char *write_tmp(const char *text)
{
    char *path = strdup("/tmp/fwconfXXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void test_defaults_and_units(void **state)
{
    struct fw_conf c;
    fw_conf_init(&c);
    assert_int_equal(c.interval_s, 900);
    assert_int_equal(c.max_body_bytes, 8 << 20);
    assert_string_equal(c.topic_articles, "feedwire.articles");
    char *p = write_tmp("[schedule]\ninterval = 2h\n[fetch]\nmax_body = 2M\nrobots = no\n"
                        "[kafka]\nbootstrap.servers = 127.0.0.1:1\nlinger.ms = 5\n");
    char err[256];
    assert_int_equal(fw_conf_load(&c, p, stderr), 0);
    assert_int_equal(c.interval_s, 7200);
    assert_int_equal(c.max_body_bytes, 2 << 20);
    assert_int_equal(c.robots, 0);
    assert_int_equal(c.nkafka, 2);
    assert_string_equal(c.kafka[1].key, "linger.ms");
    assert_int_equal(c.kafka[1].line, 8);
    assert_int_equal(fw_conf_set(&c, "redis.port", "6380", err, sizeof err), FW_OK);
    assert_int_equal(c.redis_port, 6380);
    assert_int_equal(fw_conf_set(&c, "redis.port", "70000", err, sizeof err), FW_E_CONFIG);
    assert_non_null(strstr(err, "out of range"));
    unlink(p);
    free(p);
    fw_conf_fini(&c);
}

static void test_errors_have_lines(void **state)
{
    struct fw_conf c;
    fw_conf_init(&c);
    char *p = write_tmp("[log]\nlevel = loud\n\n[fetch]\ntimeout = 3 parsecs\nnope = 1\n[kafka]\nno.such.prop = 1\n");
    char *out = NULL;
    size_t outlen = 0;
    FILE *errs = open_memstream(&out, &outlen);
    assert_int_equal(fw_conf_load(&c, p, errs), 4);
    fclose(errs);
    char want[256];
    snprintf(want, sizeof want, "%s:2: log.level: 'loud' is not one of", p);
    assert_non_null(strstr(out, want));
    snprintf(want, sizeof want, "%s:5: fetch.timeout: unknown unit", p);
    assert_non_null(strstr(out, want));
    snprintf(want, sizeof want, "%s:6: unknown option 'fetch.nope'", p);
    assert_non_null(strstr(out, want));
    snprintf(want, sizeof want, "%s:8: kafka.no.such.prop", p);
    assert_non_null(strstr(out, want));
    free(out);
    unlink(p);
    free(p);
    fw_conf_fini(&c);
}

static void test_cross_checks(void **state)
{
    struct fw_conf c;
    fw_conf_init(&c);
    assert_int_equal(fw_conf_validate(&c, "x", NULL), 0);
    char err[256];
    assert_int_equal(fw_conf_set(&c, "schedule.max_interval", "1m", err, sizeof err), FW_OK);
    assert_int_equal(fw_conf_validate(&c, "x", NULL), 1);
    fw_conf_fini(&c);
}

/* redis.sentinel: a comma list of host:port, checked at load. */
static void test_sentinels(void **state)
{
    struct fw_hostport hp[2];
    assert_int_equal(fw_conf_sentinels("", hp, 2), 0);
    assert_int_equal(fw_conf_sentinels("10.0.0.1:26379,s2.example:26380,s3:1", hp, 2), 3);
    assert_string_equal(hp[0].host, "10.0.0.1");
    assert_int_equal(hp[0].port, 26379);
    assert_string_equal(hp[1].host, "s2.example");
    assert_int_equal(hp[1].port, 26380);
    const char *bad[] = {"host", "host:", ":26379", "h:0", "h:65536", "h:12x", "h:1,,", "h:99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) assert_int_equal(fw_conf_sentinels(bad[i], NULL, 0), -1);
    struct fw_conf c;
    char err[256];
    fw_conf_init(&c);
    assert_int_equal(fw_conf_set(&c, "redis.sentinel", "s1:26379,oops", err, sizeof err), FW_OK);
    assert_int_equal(fw_conf_validate(&c, "x", NULL), 1);
    fw_conf_fini(&c);
}

/* conf/feedwire.conf is generated from the table; a drift fails here. */
static void test_shipped_conf_matches_table(void **state)
{
    const char *src = getenv("FW_SOURCE_DIR");
    if (!src) skip();
    char path[1024];
    snprintf(path, sizeof path, "%s/conf/feedwire.conf", src);
    struct fw_buf file;
    fw_buf_init(&file, 1 << 20);
    assert_int_equal(fw_buf_read_file(&file, path, NULL, 0), FW_OK);
    char *gen = NULL;
    size_t genlen = 0;
    FILE *f = open_memstream(&gen, &genlen);
    fw_conf_write_docs(f);
    fclose(f);
    if (strcmp(file.p, gen) != 0) fail_msg("conf/feedwire.conf differs from `feedwire config docs`: regenerate it");
    /* and it loads cleanly */
    struct fw_conf c;
    fw_conf_init(&c);
    assert_int_equal(fw_conf_load(&c, path, stderr), 0);
    fw_conf_fini(&c);
    free(gen);
    fw_buf_fini(&file);
}

/* README's option reference is the table's markdown rendering. */
static void test_readme_reference_matches_table(void **state)
{
    const char *src = getenv("FW_SOURCE_DIR");
    if (!src) skip();
    char path[1024];
    snprintf(path, sizeof path, "%s/README.md", src);
    struct fw_buf file;
    fw_buf_init(&file, 4 << 20);
    assert_int_equal(fw_buf_read_file(&file, path, NULL, 0), FW_OK);
    char *gen = NULL;
    size_t genlen = 0;
    FILE *f = open_memstream(&gen, &genlen);
    fw_conf_write_markdown(f);
    fclose(f);
    if (!strstr(file.p, gen)) fail_msg("README.md option reference differs from `feedwire config docs --markdown`");
    free(gen);
    fw_buf_fini(&file);
}

/* Issue 18.2: '#' starts an inline comment as ';' does, after whitespace. */
static void test_inline_hash_comments(void **state)
{
    struct fw_conf c;
    fw_conf_init(&c);
    char *p = write_tmp("[redis]\nprefix = fw: # hash\nhost = h ; semicolon\n"
                        "password = a#b   # kept inside a word\n[fetch]\nuser_agent = # only a comment\n"
                        "timeout = 30s#notacomment\n");
    char *out = NULL;
    size_t outlen = 0;
    FILE *errs = open_memstream(&out, &outlen);
    /* "30s#notacomment" is one word: an error with its line, not a silent 30s */
    assert_int_equal(fw_conf_load(&c, p, errs), 1);
    fclose(errs);
    assert_string_equal(c.redis_prefix, "fw:");
    assert_string_equal(c.redis_host, "h");
    assert_string_equal(c.redis_password, "a#b");
    assert_string_equal(c.user_agent, "");
    char want[256];
    snprintf(want, sizeof want, "%s:7: fetch.timeout", p);
    assert_non_null(strstr(out, want));
    free(out);
    unlink(p);
    free(p);
    fw_conf_fini(&c);
}

static char *make_dir(void)
{
    char *d = strdup("/tmp/fwcredXXXXXX");
    assert_non_null(mkdtemp(d));
    return d;
}

static void put_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char *kafka_val(const struct fw_conf *c, const char *key)
{
    for (size_t i = 0; i < c->nkafka; i++)
        if (!strcmp(c->kafka[i].key, key)) return c->kafka[i].val;
    return NULL;
}

/* Issue 18.1: secrets from *_file options, systemd credentials and the
 * environment, never only inline. */
static void test_secrets_files_credentials_env(void **state)
{
    char *dir = make_dir();
    put_file(dir, "redis-pw", "from-file\n");
    put_file(dir, "kafka.sasl.password", "from-credential\n");
    put_file(dir, "sasl-user", "alice\r\n");
    char conf[512];
    snprintf(conf, sizeof conf,
             "[redis]\npassword = inline\npassword_file = redis-pw\n"
             "[kafka]\nsasl.username_file = %s/sasl-user\nsasl.password = inline\n",
             dir);
    char *p = write_tmp(conf);
    struct fw_conf c;
    fw_conf_init(&c);
    setenv("CREDENTIALS_DIRECTORY", dir, 1);
    setenv("FEEDWIRE_REDIS_USER", "feedwire", 1);
    setenv("FEEDWIRE_KAFKA_SASL_MECHANISM", "PLAIN", 1);
    setenv("FEEDWIRE_NOT_AN_OPTION", "ignored", 1);
    assert_int_equal(fw_conf_load(&c, p, stderr), 0);
    assert_string_equal(c.redis_user, "feedwire");
    assert_string_equal(kafka_val(&c, "sasl.mechanism"), "PLAIN");
    assert_string_equal(c.redis_password, "inline"); /* until finish reads the files */
    assert_int_equal(fw_conf_finish(&c, p, stderr), 0);
    assert_string_equal(c.redis_password, "from-file");
    assert_string_equal(kafka_val(&c, "sasl.password"), "from-credential");
    assert_string_equal(kafka_val(&c, "sasl.username"), "alice");
    assert_null(kafka_val(&c, "sasl.username_file"));
    /* `config show` never prints them */
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    fw_conf_write_effective(&c, f);
    fclose(f);
    assert_null(strstr(out, "from-"));
    free(out);
    fw_conf_fini(&c);

    /* a missing secret file is an error that names the option */
    fw_conf_init(&c);
    unsetenv("CREDENTIALS_DIRECTORY");
    char err[256];
    assert_int_equal(fw_conf_set(&c, "redis.password_file", "/nonexistent/pw", err, sizeof err), FW_OK);
    out = NULL;
    f = open_memstream(&out, &outlen);
    assert_int_equal(fw_conf_finish(&c, p, f), 1);
    fclose(f);
    assert_non_null(strstr(out, "redis.password_file"));
    free(out);
    /* a `_file` key must still name a librdkafka property */
    assert_int_equal(fw_conf_set(&c, "kafka.no.such_file", "x", err, sizeof err), FW_E_CONFIG);
    fw_conf_fini(&c);
    unsetenv("FEEDWIRE_REDIS_USER");
    unsetenv("FEEDWIRE_KAFKA_SASL_MECHANISM");
    unsetenv("FEEDWIRE_NOT_AN_OPTION");
    unlink(p);
    free(p);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults_and_units),
        cmocka_unit_test(test_errors_have_lines),
        cmocka_unit_test(test_cross_checks),
        cmocka_unit_test(test_sentinels),
        cmocka_unit_test(test_inline_hash_comments),
        cmocka_unit_test(test_secrets_files_credentials_env),
        cmocka_unit_test(test_shipped_conf_matches_table),
        cmocka_unit_test(test_readme_reference_matches_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
