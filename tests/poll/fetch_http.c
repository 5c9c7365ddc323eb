/* The scheduler and fetcher against the real fixture server
 * (tests/fixtures/httpd.py): each scripted misbehaviour ends in the expected
 * per-feed state while the healthy feeds keep being polled; host-wide
 * Retry-After; restart from persisted validators; articles under robots.txt. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../fixtures/fixture_server.h"
#include "feedwire/fw_feedlist.h"
#include "feedwire/fw_fetch.h"
#include "feedwire/fw_log.h"
#include "feedwire/fw_loop.h"
#include "feedwire/fw_sched.h"

#define MAXFEEDS 64

static struct fixture_server fx;
static char base[64];

struct env {
    struct fw_loop *loop;
    struct fw_fetch *fetch;
    struct fw_sched *sched;
    struct fw_feedlist *fl;
    size_t bodies[MAXFEEDS];
    size_t body_len[MAXFEEDS];
    char body_head[MAXFEEDS][8];
};

static struct env *cur;
static int deferred_commit; /* the next env_start's hooks.deferred_commit */

static const struct fw_fetch_opts fetch_opts = {
    .user_agent = "feedwire-test/1",
    .connect_timeout_ms = 1000,
    .timeout_ms = 4000,
    .low_speed_bps = 100,
    .low_speed_time_s = 1,
    .max_body = 256 << 10,
    .max_redirects = 3,
    .allow_hosts = "127.0.0.1,::1",
};

static struct fw_sched_opts sched_opts(void)
{
    return (struct fw_sched_opts){
        .interval_ms = 600,
        .max_interval_ms = 5000,
        .jitter_pct = 10,
        .backoff_base_ms = 300,
        .backoff_max_ms = 1200,
        .dead_after_ms = 2500,
        .retry_after_max_ms = 5000,
        .max_transfers = 8,
        .max_host_transfers = 8,
        .host_delay_ms = 0,
        .robots = 1,
        .robots_agent = "feedwire",
        .max_queued_articles = 100,
    };
}

/* The pipeline's part, as fw_pipe.c will play it: count bodies, report a
 * ttl for "ttl", a parse failure for "badparse". */
static void on_body(void *arg, const struct fw_sched_body *b)
{
    struct env *e = arg;
    if (b->feed_id < MAXFEEDS) {
        e->bodies[b->feed_id]++;
        e->body_len[b->feed_id] = b->len;
        snprintf(e->body_head[b->feed_id], sizeof e->body_head[0], "%.5s", b->body);
    }
    if (b->name && strcmp(b->name, "ttl") == 0) {
        struct fw_sched_meta m = {.ttl_s = 3600};
        fw_sched_feed_parsed(e->sched, b->feed_id, &m);
    } else if (b->name && strcmp(b->name, "badparse") == 0) {
        struct fw_sched_meta m = {.err = FW_E_PARSE, .errmsg = "no channel element"};
        fw_sched_feed_parsed(e->sched, b->feed_id, &m);
    } else {
        struct fw_sched_meta m = {0};
        fw_sched_feed_parsed(e->sched, b->feed_id, &m);
    }
    /* deferred commit: the pipeline confirms when the entries are durable; "lost" never does (a crash) */
    if (!(b->name && strcmp(b->name, "lost") == 0)) fw_sched_feed_committed(e->sched, b->feed_id, b->gen);
}

static void run_for(struct fw_loop *loop, uint64_t ms)
{
    uint64_t end = fw_now_ms() + ms;
    for (uint64_t now; (now = fw_now_ms()) < end;) fw_loop_once(loop, (int)(end - now));
}

static void env_start(struct env *e, const char *feeds_text, const struct fw_sched_opts *so,
                      const struct fw_sched_store *store)
{
    char err[512];
    memset(e, 0, sizeof *e);
    cur = e;
    e->loop = fw_loop_new();
    assert_int_equal(fw_fetch_new(e->loop, &fetch_opts, &e->fetch, err, sizeof err), FW_OK);
    if (fw_feedlist_parse(feeds_text, strlen(feeds_text), "test", &e->fl, err, sizeof err) != FW_OK)
        fail_msg("feed list: %s", err);
    struct fw_sched_hooks hooks = {.feed_body = on_body, .arg = e, .deferred_commit = deferred_commit};
    e->sched = fw_sched_new(e->loop, e->fetch, so, e->fl, store, &hooks);
}

static void env_stop(struct env *e)
{
    fw_sched_free(e->sched);
    fw_fetch_free(e->fetch);
    fw_feedlist_free(e->fl);
    fw_loop_free(e->loop);
}

static size_t feed_id(struct env *e, const char *name)
{
    for (size_t i = 0; i < e->fl->n; i++)
        if (e->fl->v[i].name && strcmp(e->fl->v[i].name, name) == 0) return i;
    fail_msg("no feed %s", name);
    return 0;
}

static const struct fw_feed_state *st(struct env *e, const char *name)
{
    return fw_sched_feed_state(e->sched, feed_id(e, name));
}

static void expect_error(struct env *e, const char *name, enum fw_err err, const char *msg_part)
{
    const struct fw_feed_state *s = st(e, name);
    if (s->last_err != err || s->errors < 1 || !s->last_error || !strstr(s->last_error, msg_part))
        fail_msg("%s: want %s containing '%s', got %s '%s' (errors %ld, status %ld)", name, fw_err_str(err), msg_part,
                 fw_err_str(s->last_err), s->last_error ? s->last_error : "", s->errors, s->last_status);
}

static void expect_ok(struct env *e, const char *name)
{
    const struct fw_feed_state *s = st(e, name);
    if (s->errors || s->last_error || !s->last_success_ms)
        fail_msg("%s: want success, got %s (status %ld)", name, s->last_error ? s->last_error : "?", s->last_status);
}

/* Runs `feedwire feeds ARGS` over the state in dir (the feed list written
 * there first); 0 when FW_TOOL is not set, else 1 with its stdout in out. */
static int tool_feeds(const char *dir, const char *feeds_text, const char *args, char *out, size_t outsz)
{
    const char *tool = getenv("FW_TOOL");
    if (!tool) return 0;
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s/feeds.txt", dir);
    FILE *f = fopen(cmd, "w");
    assert_non_null(f);
    fputs(feeds_text, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "'%s' feeds %s --state-dir '%s' '%s/feeds.txt'", tool, args, dir, dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, outsz - 1, p);
    out[n] = 0;
    assert_int_equal(pclose(p), 0);
    return 1;
}

static int setup(void **state)
{
    fw_log_init(LOG_WARNING, NULL, 0);
    if (fixture_start(&fx, 120) != 0) return -1;
    snprintf(base, sizeof base, "http://127.0.0.1:%d", fx.port);
    return 0;
}

static int teardown(void **state)
{
    fixture_stop(&fx);
    return 0;
}

static void test_misbehaviour(void **state)
{
    char text[8192];
    const char *corpus = getenv("FW_CORPUS_DIR");
    const char *corpus_feed = "feed-rs-fixtures/rss2/rss_2.0_ch9.xml";
    char corpus_path[1024];
    snprintf(corpus_path, sizeof corpus_path, "%s/%s", corpus ? corpus : "", corpus_feed);
    int have_corpus = corpus && access(corpus_path, R_OK) == 0;
    snprintf(text, sizeof text,
             "%1$s/feed/ok.xml name=ok\n"
             "%1$s/etag.xml name=etag\n"
             "%1$s/lm.xml name=lm\n"
             "%1$s/same.xml name=same\n"
             "%1$s/gzip.xml name=gzip\n"
             "%1$s/deflate.xml name=deflate\n"
             "%1$s/br.xml name=brotli\n"
             "%1$s/redirect/file name=tofile\n"
             "%1$s/maxage.xml name=maxage\n"
             "%1$s/feed/ttl.xml name=ttl\n"
             "%1$s/feed/badparse.xml name=badparse\n"
             "%1$s/redirect/perm name=perm\n"
             "%1$s/redirect/perm-broken name=permbroken\n"
             "%1$s/redirect/temp name=temp\n"
             "%1$s/redirect/loop name=loop\n"
             "%1$s/status/404 name=e404\n"
             "%1$s/status/500 name=e500\n"
             "%1$s/drip name=drip\n"
             "%1$s/big name=big\n"
             "%1$s/bomb name=bomb\n"
             "%1$s/html name=html\n"
             "%1$s/rss-as-html name=mislabelled\n"
             "%1$s/image name=image\n"
             "%1$s/reset name=reset\n"
             "http://feeds.nowhere.invalid/rss name=invalid\n"
             "http://127.0.0.2:%2$d/feed/p.xml name=private\n"
             "%1$s/redirect/private name=privredirect\n"
             "%1$s/corpus/%3$s name=corpus\n",
             base, fx.port, corpus_feed);
    struct env e;
    struct fw_sched_opts so = sched_opts();
    so.max_interval_ms = 20000;
    char dir[] = "/tmp/fw-test-misbehaviour-XXXXXX", err[256];
    assert_non_null(mkdtemp(dir));
    struct fw_sched_store *store = NULL;
    assert_int_equal(fw_sched_filestore_new(dir, &store, err, sizeof err), FW_OK);
    env_start(&e, text, &so, store);
    run_for(e.loop, 5000);

    /* healthy feeds kept being polled all along, conditional GETs answered 304 */
    const struct fw_feed_state *ok = st(&e, "ok");
    expect_ok(&e, "ok");
    assert_true(ok->polls >= 4);
    assert_true(ok->not_modified >= 3);
    assert_int_equal(ok->last_status, 304);
    assert_string_equal(ok->etag, "\"v1-ok\"");
    assert_string_equal(ok->last_modified, "Tue, 10 Nov 2026 08:00:00 GMT");
    assert_int_equal(e.bodies[feed_id(&e, "ok")], 1);

    const struct fw_feed_state *s = st(&e, "etag");
    expect_ok(&e, "etag");
    assert_string_equal(s->etag, "W/\"weak;tag=1\""); /* echoed verbatim */
    assert_true(s->not_modified >= 2);
    s = st(&e, "lm");
    expect_ok(&e, "lm");
    assert_null(s->etag);
    assert_true(s->not_modified >= 2);

    /* no validators, same bytes: parsed once, then recognised by hash */
    s = st(&e, "same");
    expect_ok(&e, "same");
    assert_true(s->unchanged >= 2);
    assert_int_equal(s->parsed, 1);
    assert_int_equal(e.bodies[feed_id(&e, "same")], 1);

    expect_ok(&e, "gzip");
    assert_true(e.body_len[feed_id(&e, "gzip")] > 4000);
    assert_string_equal(e.body_head[feed_id(&e, "gzip")], "<?xml");
    expect_ok(&e, "deflate");
    assert_string_equal(e.body_head[feed_id(&e, "deflate")], "<?xml");
    expect_ok(&e, "brotli");
    assert_string_equal(e.body_head[feed_id(&e, "brotli")], "<?xml");
    expect_error(&e, "tofile", FW_E_REFUSED, ""); /* redirects stay on http/https */

    /* ttl from the feed and max-age from the server both stretch the interval, clamped to max_interval */
    s = st(&e, "maxage");
    assert_int_equal(s->polls, 1);
    assert_true(s->next_due_ms - s->last_attempt_ms >= 17500);
    s = st(&e, "ttl");
    assert_int_equal(s->polls, 1);
    assert_int_equal(s->ttl_s, 3600);
    assert_true(s->next_due_ms - s->last_attempt_ms >= 17500);

    /* a body the pipeline could not parse is an error and is parsed again next time */
    expect_error(&e, "badparse", FW_E_PARSE, "no channel element");
    assert_true(e.bodies[feed_id(&e, "badparse")] >= 2);

    /* 301 to a working URL: adopted; 308 to a failing one: not adopted */
    s = st(&e, "perm");
    expect_ok(&e, "perm");
    assert_non_null(strstr(s->url, "/feed/moved.xml"));
    s = st(&e, "permbroken");
    expect_error(&e, "permbroken", FW_E_HTTP, "HTTP 500");
    assert_non_null(strstr(s->url, "/redirect/perm-broken"));
    s = st(&e, "temp");
    expect_ok(&e, "temp");
    assert_non_null(strstr(s->url, "/redirect/temp"));
    expect_error(&e, "loop", FW_E_HTTP, "redirect");

    expect_error(&e, "e404", FW_E_HTTP, "HTTP 404");
    assert_int_equal(st(&e, "e404")->last_status, 404);
    s = st(&e, "e500");
    expect_error(&e, "e500", FW_E_HTTP, "HTTP 500");
    assert_true(s->errors >= 3); /* backoff 300, 600, 1200 ms... */
    assert_true(s->polls <= 7);  /* ...not one retry per loop turn */
    assert_true(s->dead);        /* failing for longer than dead_after... */
    assert_true(s->next_due_ms > s->last_attempt_ms); /* ...and still probed: a next poll is scheduled (not "later
                                                       * than now": the loop may be due this very turn) */

    expect_error(&e, "drip", FW_E_TIMEOUT, "");
    expect_error(&e, "big", FW_E_TOOBIG, "fetch.max_body");
    expect_error(&e, "bomb", FW_E_TOOBIG, "after decompression");
    expect_error(&e, "html", FW_E_PARSE, "not a feed");
    expect_error(&e, "image", FW_E_PARSE, "image/png");
    expect_ok(&e, "mislabelled");
    expect_error(&e, "reset", FW_E_NET, "");
    expect_error(&e, "invalid", FW_E_NET, "resolve");
    expect_error(&e, "private", FW_E_REFUSED, "127.0.0.2");
    expect_error(&e, "privredirect", FW_E_REFUSED, "127.0.0.2");
    if (have_corpus) {
        expect_ok(&e, "corpus");
        assert_true(e.body_len[feed_id(&e, "corpus")] > 100);
    } else {
        expect_error(&e, "corpus", FW_E_HTTP, "404");
    }

    struct fw_sched_stats ss;
    fw_sched_get_stats(e.sched, &ss);
    printf("misbehaviour: %llu polls, %llu not modified, %llu unchanged, %zu failing, %zu dead\n",
           (unsigned long long)ss.polls, (unsigned long long)ss.not_modified, (unsigned long long)ss.unchanged,
           ss.failing, ss.dead);
    assert_int_equal(ss.active, fw_fetch_running(e.fetch));
    env_stop(&e);
    fw_sched_filestore_free(store);
    /* what the operator sees */
    char cmd[1024], out[16384];
    if (tool_feeds(dir, text, "--failing", out, sizeof out)) {
        printf("%s", out);
        assert_non_null(strstr(out, "e500 "));
        assert_non_null(strstr(out, "DEAD"));
        assert_null(strstr(out, "mislabelled"));
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_retry_after_whole_host(void **state)
{
    char text[2048];
    /* 127.0.0.1 and localhost are two hosts to the scheduler, one server here */
    snprintf(text, sizeof text,
             "%1$s/429/secs name=slowdown\n"
             "%1$s/feed/same-host.xml name=samehost\n"
             "http://localhost:%2$d/feed/other-host.xml name=otherhost\n",
             base, fx.port);
    struct env e;
    struct fw_sched_opts so = sched_opts();
    so.interval_ms = 300;
    so.jitter_pct = 0;
    so.max_host_transfers = 1; /* so the 429 comes before the same-host feed's first poll */
    env_start(&e, text, &so, NULL);
    run_for(e.loop, 1600);
    const struct fw_feed_state *slow = st(&e, "slowdown"), *same = st(&e, "samehost"), *other = st(&e, "otherhost");
    printf("after 1.6 s: slowdown %llu polls, samehost %llu, otherhost %llu\n", (unsigned long long)slow->polls,
           (unsigned long long)same->polls, (unsigned long long)other->polls);
    assert_int_equal(slow->polls, 1);
    assert_int_equal(slow->last_status, 429);
    assert_true(slow->next_due_ms - slow->last_attempt_ms >= 1900); /* Retry-After: 2 beats the 300 ms backoff */
    assert_true(same->polls <= 1);                                  /* the whole host waits */
    assert_true(other->polls >= 2);                                 /* other hosts do not */
    run_for(e.loop, 1500);
    assert_true(same->polls >= 1); /* the host is open again */
    assert_true(slow->polls >= 2);
    env_stop(&e);

    /* the HTTP-date form: 2-3 s ahead (the date has whole seconds); 503 too */
    snprintf(text, sizeof text, "%1$s/429/date name=datehdr\nhttp://localhost:%2$d/503/secs name=maint\n", base,
             fx.port);
    env_start(&e, text, &so, NULL);
    run_for(e.loop, 300);
    const struct fw_feed_state *date = st(&e, "datehdr"), *maint = st(&e, "maint");
    assert_int_equal(date->polls, 1);
    assert_int_equal(date->last_status, 429);
    assert_true(date->next_due_ms - date->last_attempt_ms >= 1500);
    assert_int_equal(maint->polls, 1);
    assert_int_equal(maint->last_status, 503);
    assert_true(maint->next_due_ms - maint->last_attempt_ms >= 1900);
    env_stop(&e);
}

static void test_restart_resumes_validators(void **state)
{
    char dir[] = "/tmp/fw-test-store-XXXXXX", err[256], text[1024];
    assert_non_null(mkdtemp(dir));
    struct fw_sched_store *store = NULL;
    assert_int_equal(fw_sched_filestore_new(dir, &store, err, sizeof err), FW_OK);
    snprintf(text, sizeof text, "%1$s/feed/restart.xml name=restart\n%1$s/lm.xml name=lmonly\n%1$s/feed/lost.xml name=lost\n",
             base);
    struct fw_sched_opts so = sched_opts();
    so.interval_ms = 400;
    so.jitter_pct = 0;
    so.save_delay_ms = 60000; /* nothing written while running: fw_sched_free must flush */
    struct env e;
    deferred_commit = 1;
    env_start(&e, text, &so, store);
    run_for(e.loop, 250);
    assert_int_equal(st(&e, "restart")->polls, 1);
    assert_int_equal(st(&e, "restart")->last_status, 200);
    assert_int_equal(st(&e, "lmonly")->last_status, 200);
    assert_int_equal(st(&e, "lost")->last_status, 200);
    env_stop(&e);

    /* a new process: validators and counters come back from the store, but
     * only for bodies the pipeline committed: "lost" is fetched and parsed again */
    env_start(&e, text, &so, store);
    assert_null(st(&e, "lost")->etag);
    assert_int_equal(st(&e, "lost")->body_hash, 0);
    assert_string_equal(st(&e, "restart")->etag, "\"v1-restart\"");
    assert_int_equal(st(&e, "restart")->polls, 1);
    run_for(e.loop, 700);
    const struct fw_feed_state *r = st(&e, "restart"), *l = st(&e, "lmonly");
    assert_true(r->polls >= 2);
    assert_int_equal(r->last_status, 304);
    assert_int_equal(l->last_status, 304);
    assert_int_equal(e.bodies[feed_id(&e, "restart")], 0); /* nothing re-parsed after the restart */
    assert_int_equal(r->parsed, 1);
    assert_int_equal(e.bodies[feed_id(&e, "lost")], 1); /* parsed again after the restart */
    assert_int_equal(st(&e, "lost")->parsed, 2);
    env_stop(&e);
    deferred_commit = 0;
    fw_sched_filestore_free(store);

    /* the operator's view of the same state */
    char cmd[1024], out[16384] = "";
    if (tool_feeds(dir, text, "--json", out, sizeof out)) {
        if (!strstr(out, "\"key\": \"restart\"") || !strstr(out, "\"last_status\": 304") ||
            !strstr(out, "\"consecutive_errors\": 0") || !strstr(out, "\"dead\": false"))
            fail_msg("feedwire feeds --json: %s", out);
        tool_feeds(dir, text, "", out, sizeof out);
        printf("%s", out);
        assert_non_null(strstr(out, "restart"));
        assert_non_null(strstr(out, "304"));
        tool_feeds(dir, text, "--failing", out, sizeof out);
        assert_null(strstr(out, "restart")); /* healthy: filtered out */
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

struct art {
    int done;
    enum fw_err err;
    long status;
    char body[8192];
    uint64_t at_ms;
};

static void on_article(const struct fw_fetch_result *res, void *arg)
{
    struct art *a = arg;
    a->done++;
    a->err = res->err;
    a->status = res->status;
    a->at_ms = fw_now_ms();
    snprintf(a->body, sizeof a->body, "%s", res->body.p ? res->body.p : "");
}

static void test_articles_robots_politeness(void **state)
{
    struct env e;
    struct fw_sched_opts so = sched_opts();
    so.host_delay_ms = 250;
    so.max_host_transfers = 1;
    env_start(&e, "", &so, NULL);
    char url[256];
    struct art a[5] = {0};
    const char *paths[] = {"/articles/1.html", "/private/secret.html", "/private/ok.html", "/articles/2.html"};
    uint64_t t0 = fw_now_ms();
    for (int i = 0; i < 4; i++) {
        snprintf(url, sizeof url, "%s%s", base, paths[i]);
        assert_int_equal(fw_sched_fetch_article(e.sched, url, on_article, &a[i]), FW_OK);
    }
    assert_int_equal(a[0].done, 0); /* never called back from inside the call */
    assert_int_equal(fw_sched_fetch_article(e.sched, "ftp://x.org/a", on_article, &a[4]), FW_E_INVAL);
    run_for(e.loop, 1500);
    for (int i = 0; i < 4; i++) assert_int_equal(a[i].done, 1);
    assert_int_equal(a[0].err, FW_OK);
    assert_non_null(strstr(a[0].body, "article /articles/1.html"));
    assert_int_equal(a[1].err, FW_E_REFUSED);
    assert_int_equal(a[2].err, FW_OK); /* Allow: /private/ok is the longer match */
    assert_int_equal(a[3].err, FW_OK);
    /* robots.txt, then three pages, each at least host_delay after the one before */
    assert_true(a[3].at_ms - t0 >= 3 * 250);

    /* backpressure: paused, nothing starts; resumed, it does */
    fw_sched_pause(e.sched, 1);
    snprintf(url, sizeof url, "%s/_hits", base);
    assert_int_equal(fw_sched_fetch_article(e.sched, url, on_article, &a[4]), FW_OK);
    run_for(e.loop, 400);
    assert_int_equal(a[4].done, 0);
    fw_sched_pause(e.sched, 0);
    run_for(e.loop, 600);
    assert_int_equal(a[4].done, 1);
    if (!strstr(a[4].body, "/robots.txt 1\n")) fail_msg("robots.txt not fetched exactly once: %s", a[4].body);
    struct fw_sched_stats ss;
    fw_sched_get_stats(e.sched, &ss);
    assert_int_equal(ss.robots_denied, 1);
    env_stop(&e);
}

/* robots.txt and politeness belong to an origin (scheme, host, port): a second
 * server on the same name but another port has its own robots.txt (here
 * "Disallow: /"), asked for and obeyed, and its own host_delay. */
static void test_robots_per_origin(void **state)
{
    struct fixture_server deny = {0};
    assert_int_equal(fixture_start_with(&deny, 60, "--robots-deny-all"), 0);
    struct env e;
    struct fw_sched_opts so = sched_opts();
    so.host_delay_ms = 5000;
    so.max_host_transfers = 1;
    env_start(&e, "", &so, NULL);
    char url[256];
    struct art a[4] = {0};
    snprintf(url, sizeof url, "%s/articles/open.html", base);
    assert_int_equal(fw_sched_fetch_article(e.sched, url, on_article, &a[0]), FW_OK);
    run_for(e.loop, 800); /* robots.txt of the first origin is cached by now */
    assert_int_equal(a[0].err, FW_OK);
    uint64_t t0 = fw_now_ms();
    snprintf(url, sizeof url, "http://127.0.0.1:%d/articles/closed.html", deny.port);
    assert_int_equal(fw_sched_fetch_article(e.sched, url, on_article, &a[1]), FW_OK);
    for (int i = 0; i < 30 && !a[1].done; i++) run_for(e.loop, 100);
    assert_int_equal(a[1].done, 1);
    assert_int_equal(a[1].err, FW_E_REFUSED);
    /* the other origin's host_delay (5 s, still running) did not hold it back */
    assert_true(fw_now_ms() - t0 < 4000);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/_hits", deny.port);
    so.robots = 0;
    struct env e2;
    env_start(&e2, "", &so, NULL);
    assert_int_equal(fw_sched_fetch_article(e2.sched, url, on_article, &a[2]), FW_OK);
    for (int i = 0; i < 30 && !a[2].done; i++) run_for(e2.loop, 100);
    if (!strstr(a[2].body, "/robots.txt 1\n")) fail_msg("second origin's robots.txt not fetched once: %s", a[2].body);
    if (strstr(a[2].body, "/articles/closed.html")) fail_msg("page fetched despite Disallow: /: %s", a[2].body);
    env_stop(&e2);
    struct fw_sched_stats ss;
    fw_sched_get_stats(e.sched, &ss);
    assert_int_equal(ss.hosts, 2);
    env_stop(&e);
    fixture_stop(&deny);
}

/* The article queue is shared fairly: a host that filled it (a slow site)
 * cannot keep another host out; each gets max_queued_articles divided among
 * the hosts with articles queued, and refusals are counted. */
static void test_article_queue_fair_share(void **state)
{
    struct env e;
    struct fw_sched_opts so = sched_opts();
    so.robots = 0;
    so.max_queued_articles = 10;
    env_start(&e, "", &so, NULL);
    static struct art a[40];
    memset(a, 0, sizeof a);
    char url[256];
    int k = 0;
    for (int i = 0; i < 10; i++, k++) {
        snprintf(url, sizeof url, "%s/articles/slow-%d.html", base, i);
        assert_int_equal(fw_sched_fetch_article(e.sched, url, on_article, &a[k]), FW_OK);
    }
    snprintf(url, sizeof url, "%s/articles/slow-more.html", base);
    assert_int_equal(fw_sched_fetch_article(e.sched, url, on_article, &a[k]), FW_E_NOMEM);
    /* another origin (same server, another name) still gets its half */
    for (int i = 0; i < 5; i++, k++) {
        snprintf(url, sizeof url, "http://localhost:%d/articles/other-%d.html", fx.port, i);
        assert_int_equal(fw_sched_fetch_article(e.sched, url, on_article, &a[k]), FW_OK);
    }
    snprintf(url, sizeof url, "http://localhost:%d/articles/other-more.html", fx.port);
    assert_int_equal(fw_sched_fetch_article(e.sched, url, on_article, &a[k]), FW_E_NOMEM);
    snprintf(url, sizeof url, "%s/articles/slow-more.html", base);
    assert_int_equal(fw_sched_fetch_article(e.sched, url, on_article, &a[k]), FW_E_NOMEM);
    struct fw_sched_stats ss;
    fw_sched_get_stats(e.sched, &ss);
    assert_int_equal(ss.queued_articles, 15);
    assert_int_equal(ss.queue_refused, 3);
    /* once the articles are done the queue is free again for anyone */
    for (int i = 0; i < 50; i++) {
        run_for(e.loop, 100);
        fw_sched_get_stats(e.sched, &ss);
        if (!ss.queued_articles) break;
    }
    assert_int_equal(ss.queued_articles, 0);
    for (int i = 0; i < 15; i++) assert_int_equal(a[i].done, 1);
    for (int i = 0; i < 10; i++) {
        snprintf(url, sizeof url, "http://localhost:%d/articles/again-%d.html", fx.port, i);
        assert_int_equal(fw_sched_fetch_article(e.sched, url, on_article, &a[20 + i]), FW_OK);
    }
    env_stop(&e);
}

static void test_idle_hosts_freed(void **state)
{
    struct env e;
    struct fw_sched_opts so = sched_opts();
    so.robots = 0;
    so.host_sweep_ms = 200;
    char text[256], url[256];
    snprintf(text, sizeof text, "%s/feed/stays.xml name=stays\n", base);
    env_start(&e, text, &so, NULL);
    struct art a = {0};
    snprintf(url, sizeof url, "http://localhost:%d/articles/once.html", fx.port);
    assert_int_equal(fw_sched_fetch_article(e.sched, url, on_article, &a), FW_OK);
    struct fw_sched_stats ss;
    fw_sched_get_stats(e.sched, &ss);
    assert_int_equal(ss.hosts, 2);
    run_for(e.loop, 600);
    assert_int_equal(a.done, 1);
    assert_int_equal(a.err, FW_OK);
    fw_sched_get_stats(e.sched, &ss);
    assert_int_equal(ss.hosts, 1); /* the article's host went, the feed's stays */
    env_stop(&e);
}

static void test_pending_articles_on_free(void **state)
{
    struct env e;
    struct fw_sched_opts so = sched_opts();
    env_start(&e, "", &so, NULL);
    struct art a = {0};
    char url[256];
    snprintf(url, sizeof url, "%s/articles/late.html", base);
    assert_int_equal(fw_sched_fetch_article(e.sched, url, on_article, &a), FW_OK);
    env_stop(&e); /* the owner hears about it once */
    assert_int_equal(a.done, 1);
    assert_int_equal(a.err, FW_E_IO);
}

static void test_reload(void **state)
{
    char text[2048];
    snprintf(text, sizeof text,
             "%1$s/feed/keep.xml name=keep\n"
             "%1$s/status/500 name=gone\n"
             "%1$s/drip name=dripping\n"
             "%1$s/feed/moving-a.xml name=moving\n",
             base);
    struct env e;
    struct fw_sched_opts so = sched_opts();
    env_start(&e, text, &so, NULL);
    run_for(e.loop, 700);
    uint64_t keep_polls = st(&e, "keep")->polls;
    assert_true(keep_polls >= 1);
    assert_true(st(&e, "moving")->polls >= 1);
    size_t running = fw_fetch_running(e.fetch);
    assert_true(running >= 1); /* the drip is still running */

    /* keep stays, gone and dripping (mid-transfer) go, moving changes URL, fresh is new */
    char err[256];
    struct fw_feedlist *fl2 = NULL;
    snprintf(text, sizeof text,
             "%1$s/feed/fresh.xml name=fresh\n"
             "%1$s/feed/keep.xml name=keep interval=20s\n"
             "%1$s/feed/moving-b.xml name=moving\n",
             base);
    assert_int_equal(fw_feedlist_parse(text, strlen(text), "test", &fl2, err, sizeof err), FW_OK);
    fw_sched_reload(e.sched, fl2);
    fw_feedlist_free(e.fl);
    e.fl = fl2;
    assert_int_equal(fw_sched_nfeeds(e.sched), 3);
    assert_true(fw_fetch_running(e.fetch) < running); /* the drip was cancelled */
    assert_int_equal(st(&e, "keep")->polls, keep_polls);
    assert_int_equal(st(&e, "moving")->polls, 0);
    assert_non_null(strstr(st(&e, "moving")->url, "moving-b"));
    memset(e.bodies, 0, sizeof e.bodies);
    run_for(e.loop, 500);
    assert_true(st(&e, "fresh")->polls >= 1);
    assert_true(st(&e, "moving")->polls >= 1);
    assert_int_equal(e.bodies[feed_id(&e, "fresh")], 1); /* ids follow the new list */
    struct fw_sched_stats ss;
    fw_sched_get_stats(e.sched, &ss);
    assert_int_equal(ss.feeds, 3);
    assert_int_equal(ss.active, fw_fetch_running(e.fetch));
    env_stop(&e);
}

/* A feed moving to another daemon (cluster mode). Held: a running poll goes
 * on to its end (counted, not cancelled), no new poll starts, and its state
 * with its next due time is written when asked. Forgotten: a running poll is
 * cancelled, and its state is never written again, not even at the stop. */
static void test_hold_and_forget(void **state)
{
    char dir[] = "/tmp/fw-test-hold-XXXXXX", err[256], text[1024];
    assert_non_null(mkdtemp(dir));
    struct fw_sched_store *store = NULL;
    assert_int_equal(fw_sched_filestore_new(dir, &store, err, sizeof err), FW_OK);
    snprintf(text, sizeof text,
             "%1$s/feed/held.xml name=held\n%1$s/drip name=heldrip\n%1$s/feed/other.xml name=other\n"
             "%1$s/feed/gone.xml name=gone\n%1$s/drip?gone name=gonedrip\n",
             base);
    struct fw_sched_opts so = sched_opts();
    so.interval_ms = 300;
    so.jitter_pct = 0;
    so.save_delay_ms = 60000; /* nothing is written unless asked, or at the stop */
    struct env e;
    env_start(&e, text, &so, store);
    run_for(e.loop, 250);
    assert_int_equal(st(&e, "held")->polls, 1);
    assert_int_equal(st(&e, "gone")->polls, 1);
    const char *held[] = {"held", "heldrip"}, *gone[] = {"gone", "gonedrip"}; /* sorted */
    size_t running = fw_fetch_running(e.fetch);
    assert_int_equal(fw_sched_busy(e.sched, held, 2), 1); /* the drip */
    assert_int_equal(fw_sched_busy(e.sched, gone, 2), 1);
    fw_sched_hold(e.sched, held, 2);
    fw_sched_forget(e.sched, gone, 2);
    assert_int_equal(fw_sched_busy(e.sched, gone, 2), 0);
    assert_int_equal(fw_fetch_running(e.fetch), running - 1); /* the forgotten drip was cancelled, not the held one */
    assert_int_equal(fw_sched_busy(e.sched, held, 2), 1);
    /* the held drip ends by itself (the low-speed limit), at most a few seconds */
    for (int i = 0; i < 100 && fw_sched_busy(e.sched, held, 2); i++) run_for(e.loop, 100);
    assert_int_equal(fw_sched_busy(e.sched, held, 2), 0);
    assert_int_equal(st(&e, "heldrip")->polls, 1); /* finished and counted */
    assert_int_not_equal(st(&e, "heldrip")->last_err, FW_OK);
    run_for(e.loop, 700);
    assert_int_equal(st(&e, "held")->polls, 1); /* no poll since the hold */
    assert_int_equal(st(&e, "gone")->polls, 1);
    assert_true(st(&e, "other")->polls >= 3); /* the others go on */
    int64_t due = st(&e, "held")->next_due_ms;
    assert_true(due > 0);

    fw_sched_save(e.sched, held, 2);
    struct fw_buf b;
    struct fw_feed_state fs = {0};
    fw_buf_init(&b, 0);
    assert_int_equal(store->load(store->ctx, "held", &b), FW_OK);
    assert_int_equal(fw_feed_state_restore(&fs, b.p, b.len), FW_OK);
    assert_string_equal(fs.etag, "\"v1-held\""); /* the next owner's first poll is conditional */
    assert_int_equal(fs.next_due_ms, due);
    fw_feed_state_fini(&fs);
    env_stop(&e);
    for (size_t i = 0; i < 2; i++) {
        b.len = 0;
        assert_int_equal(store->load(store->ctx, gone[i], &b), FW_E_NOTFOUND);
    }
    b.len = 0;
    assert_int_equal(store->load(store->ctx, "other", &b), FW_OK); /* written at the stop, as usual */
    fw_buf_fini(&b);
    fw_sched_filestore_free(store);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_misbehaviour),
        cmocka_unit_test(test_retry_after_whole_host),
        cmocka_unit_test(test_restart_resumes_validators),
        cmocka_unit_test(test_articles_robots_politeness),
        cmocka_unit_test(test_robots_per_origin),
        cmocka_unit_test(test_article_queue_fair_share),
        cmocka_unit_test(test_idle_hosts_freed),
        cmocka_unit_test(test_pending_articles_on_free),
        cmocka_unit_test(test_reload),
        cmocka_unit_test(test_hold_and_forget),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
