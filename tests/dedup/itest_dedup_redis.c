/* fw_redis + fw_dedup against the real Redis of scripts/services.sh: the
 * item life cycle (new, claimed, done, seen, updated, duplicate), two daemons
 * on one Redis, TTL refresh, and a Redis restart in the middle with marks
 * waiting in the backlog. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <hiredis/hiredis.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "feedwire/fw_conf.h"
#include "feedwire/fw_dedup.h"
#include "feedwire/fw_loop.h"
#include "feedwire/fw_redis.h"
#include "fw_test.h"

struct env {
    struct fw_conf conf;
    struct fw_loop *loop;
    struct fw_redis *r1, *r2;
    struct fw_dedup *d1, *d2; /* two "daemons" on the same Redis */
    redisContext *sync;
    char prefix[64];
};

struct got {
    int done;
    struct fw_dedup_result res;
};

static void on_result(const struct fw_dedup_result *res, void *arg)
{
    struct got *g = arg;
    g->res = *res;
    g->done++;
}

static int marked_cbs, ups, downs;

static void on_status(struct fw_redis *r, int up, void *arg)
{
    if (up) ups++;
    else downs++;
}

static void on_marked(void *arg)
{
    marked_cbs++;
}

static int run_until(struct fw_loop *loop, int *flag, int timeout_ms)
{
    uint64_t end = fw_now_ms() + (uint64_t)timeout_ms;
    while (!*flag && fw_now_ms() < end) fw_loop_once(loop, 50);
    return *flag;
}

static int both_up(struct env *e)
{
    uint64_t end = fw_now_ms() + 15000;
    while (!(fw_redis_connected(e->r1) && fw_redis_connected(e->r2)) && fw_now_ms() < end) fw_loop_once(e->loop, 50);
    return fw_redis_connected(e->r1) && fw_redis_connected(e->r2);
}

static int setup(void **state)
{
    struct env *e = calloc(1, sizeof *e);
    char err[256];
    fw_conf_init(&e->conf);
    snprintf(e->prefix, sizeof e->prefix, "fwtest:%ld:%d:", (long)time(NULL), (int)getpid());
    assert_int_equal(fw_conf_set(&e->conf, "redis.host", fw_test_env("FW_REDIS_HOST"), err, sizeof err), FW_OK);
    assert_int_equal(fw_conf_set(&e->conf, "redis.port", fw_test_env("FW_REDIS_PORT"), err, sizeof err), FW_OK);
    assert_int_equal(fw_conf_set(&e->conf, "redis.prefix", e->prefix, err, sizeof err), FW_OK);
    assert_int_equal(fw_conf_set(&e->conf, "redis.ttl", "3600", err, sizeof err), FW_OK);
    assert_int_equal(fw_conf_set(&e->conf, "redis.timeout", "1000", err, sizeof err), FW_OK);
    e->loop = fw_loop_new();
    e->r1 = fw_redis_new(e->loop, &e->conf);
    e->r2 = fw_redis_new(e->loop, &e->conf);
    /* a daemon is its state_dir: two daemons, two dirs */
    assert_int_equal(fw_conf_set(&e->conf, "daemon.state_dir", "/tmp/fwtest-daemon-1", err, sizeof err), FW_OK);
    e->d1 = fw_dedup_new(e->loop, e->r1, &e->conf);
    assert_int_equal(fw_conf_set(&e->conf, "daemon.state_dir", "/tmp/fwtest-daemon-2", err, sizeof err), FW_OK);
    e->d2 = fw_dedup_new(e->loop, e->r2, &e->conf);
    fw_redis_start(e->r1);
    fw_redis_start(e->r2);
    assert_true(both_up(e));
    e->sync = redisConnect(fw_test_env("FW_REDIS_HOST"), atoi(fw_test_env("FW_REDIS_PORT")));
    assert_true(e->sync && !e->sync->err);
    *state = e;
    return 0;
}

static int teardown(void **state)
{
    struct env *e = *state;
    fw_dedup_free(e->d1);
    fw_dedup_free(e->d2);
    fw_redis_free(e->r1);
    fw_redis_free(e->r2);
    fw_loop_free(e->loop);
    redisFree(e->sync);
    fw_conf_fini(&e->conf);
    free(e);
    return 0;
}

static struct fw_dedup_result item(struct env *e, struct fw_dedup *d, const struct fw_dedup_item *it)
{
    struct got g = {0};
    assert_int_equal(fw_dedup_check_item(d, it, on_result, &g), FW_OK);
    assert_int_equal(g.done, 0); /* never answered inside the call */
    assert_true(run_until(e->loop, &g.done, 5000));
    assert_int_equal(g.res.err, FW_OK);
    return g.res;
}

static struct fw_dedup_result content(struct env *e, struct fw_dedup *d, const char *id, const char *url,
                                      const char *text)
{
    struct got g = {0};
    assert_int_equal(fw_dedup_check_content(d, id, url, text, strlen(text), on_result, &g), FW_OK);
    assert_true(run_until(e->loop, &g.done, 5000));
    assert_int_equal(g.res.err, FW_OK);
    return g.res;
}

static void settle(struct env *e)
{
    uint64_t end = fw_now_ms() + 5000;
    while ((fw_dedup_backlog(e->d1) || fw_dedup_backlog(e->d2) || fw_redis_pending(e->r1) ||
            fw_redis_pending(e->r2)) &&
           fw_now_ms() < end)
        fw_loop_once(e->loop, 20);
}

static char *article(unsigned seed)
{
    char *t = malloc(8000), *p = t;
    uint32_t x = seed * 2654435761u + 7;
    for (int i = 0; i < 600; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        p += sprintf(p, "%sw%u", i ? " " : "", x % 5000);
    }
    return t;
}

static void test_lifecycle(void **state)
{
    struct env *e = *state;
    struct fw_dedup_item it = {.feed_url = "https://f.example/rss", .guid = "post-1",
                               .link = "https://f.example/a/1?utm_source=rss", .title = "One",
                               .modified = "2024-01-01T00:00:00Z"};
    struct fw_dedup_result r = item(e, e->d1, &it);
    assert_int_equal(r.state, FW_DEDUP_NEW);
    char id[FW_DEDUP_ID_LEN + 1];
    memcpy(id, r.id, sizeof id);
    /* claimed: this daemon and the other one both keep off it */
    assert_int_equal(item(e, e->d1, &it).state, FW_DEDUP_INFLIGHT);
    assert_int_equal(item(e, e->d2, &it).state, FW_DEDUP_INFLIGHT);

    char *text = article(1);
    r = content(e, e->d1, id, "https://f.example/a/1", text);
    assert_int_equal(r.state, FW_DEDUP_NEW);
    assert_true(r.mark[0] != 0);
    /* not yet acknowledged by Kafka: still in flight for everyone */
    assert_int_equal(item(e, e->d2, &it).state, FW_DEDUP_INFLIGHT);
    fw_dedup_mark_done(e->d1, r.mark, on_marked, NULL);
    settle(e);
    assert_int_equal(item(e, e->d1, &it).state, FW_DEDUP_SEEN);
    assert_int_equal(item(e, e->d2, &it).state, FW_DEDUP_SEEN);

    /* TTL refreshed when seen again */
    redisReply *rep = redisCommand(e->sync, "EXPIRE %sa:%s 100", e->prefix, id);
    freeReplyObject(rep);
    assert_int_equal(item(e, e->d2, &it).state, FW_DEDUP_SEEN);
    settle(e);
    rep = redisCommand(e->sync, "TTL %sa:%s", e->prefix, id);
    assert_true(rep->integer > 3000);
    freeReplyObject(rep);

    /* the same article URL under another guid (another feed): seen, not new */
    struct fw_dedup_item other = {.feed_url = "https://g.example/rss", .guid = "x9",
                                  .link = "https://F.example/a/1#comments"};
    r = item(e, e->d2, &other);
    assert_int_equal(r.state, FW_DEDUP_SEEN);
    assert_string_equal(r.dup_of, id);

    /* the same text under another URL: exact duplicate */
    struct fw_dedup_item copy = {.feed_url = "https://h.example/rss", .link = "https://h.example/copy"};
    r = item(e, e->d2, &copy);
    assert_int_equal(r.state, FW_DEDUP_NEW);
    r = content(e, e->d2, r.id, NULL, text);
    assert_int_equal(r.state, FW_DEDUP_DUPLICATE);
    assert_string_equal(r.dup_of, id);
    assert_int_equal(item(e, e->d2, &copy).state, FW_DEDUP_SEEN);

    /* a near copy (one word changed) elsewhere: near duplicate */
    char *near = strdup(text);
    near[10] = near[10] == '1' ? '2' : '1';
    struct fw_dedup_item nc = {.feed_url = "https://h.example/rss", .link = "https://h.example/near"};
    r = item(e, e->d1, &nc);
    assert_int_equal(r.state, FW_DEDUP_NEW);
    r = content(e, e->d1, r.id, NULL, near);
    print_message("near copy: %s (distance %d)\n", fw_dedup_state_name(r.state),
                  fw_dedup_hamming(r.simhash, fw_dedup_simhash(text, strlen(text))));
    if (fw_dedup_hamming(r.simhash, fw_dedup_simhash(text, strlen(text))) <= FW_DEDUP_NEAR_BITS)
        assert_int_equal(r.state, FW_DEDUP_DUPLICATE);

    /* the feed says modified: a small edit is not material, a rewrite is an update */
    it.modified = "2024-01-02T00:00:00Z";
    r = item(e, e->d1, &it);
    assert_int_equal(r.state, FW_DEDUP_CHANGED);
    r = content(e, e->d1, id, NULL, text);
    assert_int_equal(r.state, FW_DEDUP_SEEN);
    settle(e);
    assert_int_equal(item(e, e->d1, &it).state, FW_DEDUP_SEEN);
    it.modified = "2024-01-03T00:00:00Z";
    r = item(e, e->d2, &it);
    assert_int_equal(r.state, FW_DEDUP_CHANGED);
    char *rewrite = article(2);
    r = content(e, e->d2, id, NULL, rewrite);
    assert_int_equal(r.state, FW_DEDUP_UPDATED);
    assert_string_equal(r.id, id);
    fw_dedup_mark_done(e->d2, r.mark, on_marked, NULL);
    settle(e);
    assert_int_equal(item(e, e->d1, &it).state, FW_DEDUP_SEEN);

    /* a paywall notice shared by two articles does not make them duplicates */
    const char *notice = "Subscribe to read the full article.";
    struct fw_dedup_item p1 = {.feed_url = "https://p.example/rss", .guid = "p1"};
    struct fw_dedup_item p2 = {.feed_url = "https://p.example/rss", .guid = "p2"};
    r = item(e, e->d1, &p1);
    r = content(e, e->d1, r.id, NULL, notice);
    assert_int_equal(r.state, FW_DEDUP_NEW);
    fw_dedup_mark_done(e->d1, r.mark, on_marked, NULL);
    settle(e);
    r = item(e, e->d1, &p2);
    assert_int_equal(r.state, FW_DEDUP_NEW);
    assert_int_equal(content(e, e->d1, r.id, NULL, notice).state, FW_DEDUP_NEW);

    /* release: the item comes back as new */
    struct fw_dedup_item rel = {.feed_url = "https://f.example/rss", .guid = "post-2"};
    r = item(e, e->d1, &rel);
    assert_int_equal(r.state, FW_DEDUP_NEW);
    assert_int_equal(item(e, e->d2, &rel).state, FW_DEDUP_INFLIGHT);
    fw_dedup_release(e->d1, r.id);
    settle(e);
    assert_int_equal(item(e, e->d2, &rel).state, FW_DEDUP_NEW);

    struct fw_dedup_stats st;
    fw_dedup_get_stats(e->d1, &st);
    assert_int_equal(st.mark_dropped, 0);
    free(text);
    free(near);
    free(rewrite);
}

static void services(const char *what)
{
    assert_int_equal(fw_test_services(what, "redis"), 0);
}

/* Redis restarted while items are claimed and marks are due: the checks fail
 * (never guess), the marks wait, and after the restart everything is recorded. */
static void test_redis_restart(void **state)
{
    struct env *e = *state;
    enum { N = 50 };
    char marks[N][FW_DEDUP_MARK_MAX];
    struct fw_dedup_item it[N];
    char guid[N][16];
    for (int i = 0; i < N; i++) {
        snprintf(guid[i], sizeof guid[i], "r-%d", i);
        it[i] = (struct fw_dedup_item){.feed_url = "https://r.example/rss", .guid = guid[i]};
        struct fw_dedup_result r = item(e, e->d1, &it[i]);
        assert_int_equal(r.state, FW_DEDUP_NEW);
        char *t = article(100u + (unsigned)i);
        r = content(e, e->d1, r.id, NULL, t);
        free(t);
        assert_int_equal(r.state, FW_DEDUP_NEW);
        memcpy(marks[i], r.mark, sizeof marks[i]);
    }
    settle(e);
    assert_int_equal(fw_redis_add_status_cb(e->r1, on_status, NULL), 0);
    services("stop");
    uint64_t end = fw_now_ms() + 5000;
    while (fw_redis_connected(e->r1) && fw_now_ms() < end) fw_loop_once(e->loop, 50);
    assert_false(fw_redis_connected(e->r1));
    assert_int_equal(downs, 1);
    struct got g = {0};
    assert_int_equal(fw_dedup_check_item(e->d1, &it[0], on_result, &g), FW_E_REDIS);
    /* Kafka acknowledged these while Redis was down */
    for (int i = 0; i < N; i++) fw_dedup_mark_done(e->d1, marks[i], on_marked, NULL);
    assert_true(fw_dedup_backlog(e->d1) >= N);
    int before = marked_cbs;
    services("start");
    assert_true(both_up(e));
    assert_int_equal(ups, 1);
    assert_int_equal(downs, 1); /* failed reconnects are not news */
    settle(e);
    assert_int_equal(fw_dedup_backlog(e->d1), 0);
    assert_int_equal(marked_cbs - before, N); /* told once each, only after Redis has it */
    for (int i = 0; i < N; i++) assert_int_equal(item(e, e->d2, &it[i]).state, FW_DEDUP_SEEN);
    struct fw_dedup_stats st;
    fw_dedup_get_stats(e->d1, &st);
    print_message("marked %llu, retries %llu, dropped %llu\n", (unsigned long long)st.marked,
                  (unsigned long long)st.mark_retries, (unsigned long long)st.mark_dropped);
    assert_int_equal(st.mark_dropped, 0);
}

static void on_set(struct fw_redis *r, struct redisReply *rep, void *arg)
{
    *(int *)arg = rep && rep->type == REDIS_REPLY_STATUS ? 1 : -1;
}

/* AUTH and SELECT in the handshake; a wrong password never connects. */
static void test_auth_and_db(void **state)
{
    struct env *e = *state;
    char err[256];
    redisReply *rep = redisCommand(e->sync, "CONFIG SET requirepass fwtest-secret");
    assert_int_equal(rep->type, REDIS_REPLY_STATUS);
    freeReplyObject(rep);
    struct fw_conf c;
    fw_conf_init(&c);
    fw_conf_set(&c, "redis.host", fw_test_env("FW_REDIS_HOST"), err, sizeof err);
    fw_conf_set(&c, "redis.port", fw_test_env("FW_REDIS_PORT"), err, sizeof err);
    fw_conf_set(&c, "redis.db", "3", err, sizeof err);
    fw_conf_set(&c, "redis.password", "wrong", err, sizeof err);
    struct fw_redis *bad = fw_redis_new(e->loop, &c);
    fw_conf_set(&c, "redis.password", "fwtest-secret", err, sizeof err);
    struct fw_redis *good = fw_redis_new(e->loop, &c);
    fw_redis_start(bad);
    fw_redis_start(good);
    uint64_t end = fw_now_ms() + 3000;
    while (!fw_redis_connected(good) && fw_now_ms() < end) fw_loop_once(e->loop, 20);
    for (int i = 0; i < 20; i++) fw_loop_once(e->loop, 20);
    int ok_good = fw_redis_connected(good), ok_bad = fw_redis_connected(bad), set = 0;
    if (ok_good) {
        fw_redis_command(good, on_set, &set, "SET %sdbtest 1", e->prefix);
        end = fw_now_ms() + 3000;
        while (!set && fw_now_ms() < end) fw_loop_once(e->loop, 20);
    }
    fw_redis_free(bad);
    fw_redis_free(good);
    fw_conf_fini(&c);
    rep = redisCommand(e->sync, "CONFIG SET requirepass %s", ""); /* back to none */
    freeReplyObject(rep);
    assert_true(ok_good);
    assert_false(ok_bad);
    assert_int_equal(set, 1);
    /* written in db 3, not in db 0 */
    rep = redisCommand(e->sync, "EXISTS %sdbtest", e->prefix);
    assert_int_equal(rep->integer, 0);
    freeReplyObject(rep);
    rep = redisCommand(e->sync, "SELECT 3");
    freeReplyObject(rep);
    rep = redisCommand(e->sync, "DEL %sdbtest", e->prefix);
    assert_int_equal(rep->integer, 1);
    freeReplyObject(rep);
}

int main(void)
{
    fw_test_require_services();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_redis_restart, setup, teardown),
        cmocka_unit_test_setup_teardown(test_auth_and_db, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
