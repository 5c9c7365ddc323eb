/* fw_incident_store against the real Redis of scripts/services.sh: reports of
 * one attack from three articles make one incident; a late, more precise
 * mention refines it (same id, moved to its day's bucket); a different attack
 * the same day stays apart; Redis restarted (append-only file) and a new store
 * (a restarted daemon) keep merging into the same incident; a replayed event
 * joins once; Redis down is an error, never a crash. */
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

#include "feedwire/fw_incident_store.h"
#include "fw_test.h"

static char prefix[64];
static const int64_t DAY_MS = 86400000;

static redisContext *connect_redis(void)
{
    struct timeval tv = {5, 0};
    redisContext *rc = redisConnectWithTimeout(fw_test_env("FW_REDIS_HOST"), atoi(fw_test_env("FW_REDIS_PORT")), tv);
    assert_non_null(rc);
    if (rc->err) fail_msg("redis: %s", rc->errstr);
    return rc;
}

static void services(const char *what)
{
    assert_int_equal(fw_test_services(what, "redis"), 0);
}

/* The Termez rocket attack as article n tells it. */
static struct fw_event attack(const char *id, int day, enum fw_date_prec prec)
{
    struct fw_event ev;
    fw_event_init(&ev);
    snprintf(ev.id, sizeof ev.id, "%s", id);
    ev.date = (struct fw_ymd){2022, 4, prec == FW_PREC_DAY ? day : 0};
    ev.prec = prec;
    ev.date_source = FW_DSRC_TEXT;
    snprintf(ev.src.code, sizeof ev.src.code, "IMGMUSISI");
    snprintf(ev.tgt.code, sizeof ev.tgt.code, "UZBMIL");
    snprintf(ev.cameo, sizeof ev.cameo, "194");
    ev.has_loc = 1;
    snprintf(ev.loc_name, sizeof ev.loc_name, "Uzbekistan");
    memcpy(ev.loc_cc2, "UZ", 3);
    ev.loc_lat = 41, ev.loc_lon = 64;
    return ev;
}

static void add(struct fw_incident_store *s, const struct fw_event *ev, const char *art, int64_t now,
                struct fw_incident_result *r)
{
    char err[256];
    enum fw_err rc = fw_incident_store_add(s, ev, art, "a sentence", now, r, err, sizeof err);
    if (rc != FW_OK) fail_msg("add %s: %s", ev->id, err);
    print_message("  %s -> %.8s %s%s(%zu candidates) %s\n", ev->id, r->inc.id, r->created ? "new " : "",
                  r->replayed ? "replayed " : "", r->candidates, r->why.why);
}

static void test_merge_refine_restart(void **state)
{
    int64_t now = (int64_t)time(NULL) * 1000;
    char err[256];
    redisContext *rc = connect_redis();
    struct fw_incident_store *s = fw_incident_store_new(rc, prefix, 30 * DAY_MS);
    struct fw_incident_result r1, r2, r3, r4, r5;

    /* a month-precision background mention starts the incident */
    struct fw_event a = attack("ev-a", 0, FW_PREC_MONTH);
    add(s, &a, "art-1", now, &r1);
    assert_true(r1.created);
    /* a precise report refines it: same id, now dated to the day */
    struct fw_event b = attack("ev-b", 18, FW_PREC_DAY);
    snprintf(b.src.code, sizeof b.src.code, "AFGIMGMUSISI");
    snprintf(b.loc_name, sizeof b.loc_name, "Termez");
    snprintf(b.loc_admin1, sizeof b.loc_admin1, "Surxondaryo");
    b.loc_lat = 37.2242, b.loc_lon = 67.2783;
    b.killed = 2;
    add(s, &b, "art-2", now + 1, &r2);
    assert_false(r2.created);
    assert_true(r2.changed);
    assert_string_equal(r2.inc.id, r1.inc.id);
    assert_int_equal(r2.inc.prec, FW_PREC_DAY);
    assert_string_equal(r2.inc.loc_name, "Termez");
    /* another attack that day, on police in another town of the province: apart */
    struct fw_event c = attack("ev-c", 18, FW_PREC_DAY);
    snprintf(c.tgt.code, sizeof c.tgt.code, "UZBCOP");
    snprintf(c.loc_name, sizeof c.loc_name, "Denov");
    snprintf(c.loc_admin1, sizeof c.loc_admin1, "Surxondaryo");
    c.loc_lat = 38.27, c.loc_lon = 67.89;
    add(s, &c, "art-2", now + 2, &r3);
    assert_true(r3.created);
    assert_string_not_equal(r3.inc.id, r1.inc.id);
    assert_int_equal(fw_incident_store_flush(s, err, sizeof err), FW_OK);
    /* the incident left its month bucket for its day's */
    char key[200];
    snprintf(key, sizeof key, "%sil:18:2022-04:UZ", prefix);
    redisReply *rep = redisCommand(rc, "LLEN %s", key);
    assert_int_equal(rep->integer, 0);
    freeReplyObject(rep);
    fw_incident_store_free(s);
    redisFree(rc);

    /* Redis restarts (append-only persistence); a new store is a restarted daemon */
    services("stop");
    services("start");
    rc = connect_redis();
    s = fw_incident_store_new(rc, prefix, 30 * DAY_MS);
    struct fw_event d = attack("ev-d", 18, FW_PREC_DAY);
    d.date_source = FW_DSRC_PUBLICATION;
    add(s, &d, "art-3", now + 120000, &r4); /* two minutes later: the recent list moves */
    assert_false(r4.created);
    assert_string_equal(r4.inc.id, r1.inc.id);
    assert_int_equal(r4.inc.mentions, 3);
    assert_int_equal(r4.inc.killed, 2);
    /* the same event again (a replay after a crash): joins once */
    add(s, &b, "art-2", now + 120001, &r5);
    assert_true(r5.replayed);
    assert_string_equal(r5.inc.id, r1.inc.id);
    assert_int_equal(r5.inc.mentions, 3);
    /* a new mention replaces the incident's form in its bucket: the day holds two incidents, once each */
    assert_int_equal(fw_incident_store_flush(s, err, sizeof err), FW_OK);
    snprintf(key, sizeof key, "%sil:18:2022-04-18:UZ", prefix);
    rep = redisCommand(rc, "LRANGE %s 0 -1", key);
    assert_int_equal(rep->elements, 2);
    assert_true(strstr(rep->element[0]->str, r3.inc.id) || strstr(rep->element[1]->str, r3.inc.id));
    assert_true(strstr(rep->element[0]->str, r1.inc.id) || strstr(rep->element[1]->str, r1.inc.id));
    freeReplyObject(rep);

    /* every key it wrote lives for the horizon, refreshed or not within the minute */
    assert_int_equal(fw_incident_store_flush(s, err, sizeof err), FW_OK);
    const char *keys[] = {"il:18:2022-04-18:UZ", "im:", "ie:ev-d"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        snprintf(key, sizeof key, "%s%s%s", prefix, keys[i], i == 1 ? r1.inc.id : "");
        rep = redisCommand(rc, "PTTL %s", key);
        if (rep->integer <= 0 || rep->integer > 30 * DAY_MS) fail_msg("%s: PTTL %lld", key, rep->integer);
        freeReplyObject(rep);
    }
    struct fw_incident *rec;
    size_t n;
    if (fw_incident_store_recent(s, now - DAY_MS, 10, &rec, &n, err, sizeof err) != FW_OK) fail_msg("recent: %s", err);
    assert_int_equal(n, 2);
    assert_string_equal(rec[0].id, r1.inc.id); /* most recent first */
    assert_int_equal(rec[0].mentions, 3);
    free(rec);
    struct fw_incident_mention *m;
    assert_int_equal(fw_incident_store_mentions(s, r1.inc.id, 50, &m, &n, err, sizeof err), FW_OK);
    assert_int_equal(n, 3);
    assert_string_equal(m[0].article_id, "art-1");
    assert_string_equal(m[2].event_id, "ev-d");
    fw_incident_mentions_free(m, n);
    fw_incident_store_free(s);
    redisFree(rc);
}

/* Calls of a command Redis has served (INFO commandstats), 0 if it says none. */
static long long calls_of(redisContext *rc, const char *cmd)
{
    redisReply *r = redisCommand(rc, "INFO commandstats");
    char pat[64];
    snprintf(pat, sizeof pat, "cmdstat_%s:calls=", cmd);
    const char *p = r && r->type == REDIS_REPLY_STRING ? strstr(r->str, pat) : NULL;
    long long n = p ? atoll(p + strlen(pat)) : 0;
    freeReplyObject(r);
    return n;
}

/* An article's events in one batch: the second report joins the incident the
 * first created in the same batch, and the buckets they share are read once;
 * a SCRIPT FLUSH between two batches loses no write. */
static void test_batch_and_script_flush(void **state)
{
    char err[256];
    redisContext *rc = connect_redis();
    struct fw_incident_store *s = fw_incident_store_new(rc, prefix, DAY_MS);
    struct fw_event a = attack("batch-a", 9, FW_PREC_DAY), b = attack("batch-b", 9, FW_PREC_DAY),
                    c = attack("batch-c", 9, FW_PREC_DAY);
    snprintf(c.tgt.code, sizeof c.tgt.code, "UZBCOP");
    struct fw_incident_input in[3] = {{&a, "art", "s1"}, {&b, "art", "s2"}, {&c, "art", "s3"}};
    struct fw_incident_result r[3];
    long long lranges = calls_of(rc, "lrange");
    assert_int_equal(fw_incident_store_add_batch(s, in, 3, 10, r, err, sizeof err), FW_OK);
    /* one day, one place: 8 buckets (the days around it and its month, placeless and its country) */
    assert_int_equal(fw_incident_store_flush(s, err, sizeof err), FW_OK); /* the link is ours again */
    assert_int_equal(calls_of(rc, "lrange") - lranges, 8);
    assert_true(r[0].created);
    assert_false(r[1].created);
    assert_string_equal(r[1].inc.id, r[0].inc.id);
    assert_int_equal(r[1].inc.mentions, 2);
    assert_true(r[2].created);
    assert_int_equal(fw_incident_store_flush(s, err, sizeof err), FW_OK);
    freeReplyObject(redisCommand(rc, "SCRIPT FLUSH"));
    struct fw_event d = attack("batch-d", 9, FW_PREC_DAY);
    if (fw_incident_store_add(s, &d, "art2", NULL, 11, &r[0], err, sizeof err) != FW_OK)
        fail_msg("after SCRIPT FLUSH: %s", err);
    assert_string_equal(r[0].inc.id, r[1].inc.id);
    assert_int_equal(r[0].inc.mentions, 3);
    assert_int_equal(fw_incident_store_flush(s, err, sizeof err), FW_OK); /* the write went through */
    struct fw_incident_mention *m;
    size_t nm;
    assert_int_equal(fw_incident_store_mentions(s, r[0].inc.id, 10, &m, &nm, err, sizeof err), FW_OK);
    assert_int_equal(nm, 3);
    fw_incident_mentions_free(m, nm);
    fw_incident_store_free(s);
    redisFree(rc);
}

/* Redis gone: an error, no crash; back: it works again on a new link. */
static void test_redis_down(void **state)
{
    char err[256];
    redisContext *rc = connect_redis();
    struct fw_incident_store *s = fw_incident_store_new(rc, prefix, DAY_MS);
    struct fw_incident_result r;
    struct fw_event a = attack("down-a", 3, FW_PREC_DAY);
    services("stop");
    assert_int_equal(fw_incident_store_add(s, &a, "x", NULL, 1, &r, err, sizeof err), FW_E_REDIS);
    print_message("  down: %s\n", err);
    fw_incident_store_free(s);
    redisFree(rc);
    services("start");
    rc = connect_redis();
    s = fw_incident_store_new(rc, prefix, DAY_MS);
    assert_int_equal(fw_incident_store_add(s, &a, "x", NULL, 1, &r, err, sizeof err), FW_OK);
    assert_true(r.created);
    fw_incident_store_free(s);
    redisFree(rc);
}

int main(void)
{
    fw_test_require_services();
    snprintf(prefix, sizeof prefix, "fwtest:inc:%ld:%d:", (long)time(NULL), (int)getpid());
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_merge_refine_restart),
        cmocka_unit_test(test_batch_and_script_flush),
        cmocka_unit_test(test_redis_down),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
