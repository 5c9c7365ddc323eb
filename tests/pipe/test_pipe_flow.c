/* The pipe's flow driven through its seam (fw_pipe_int.h) by fake stages: no
 * Redis, Kafka or network. The fakes record each call and hold its callback;
 * the test answers them in the order it chooses, as the real stages would
 * later, from the loop. Feed parsing, extraction and coding are the real ones
 * (the coder with the dictionaries of the source tree). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_code.h"
#include "feedwire/fw_log.h"
#include "fw_pipe_int.h"

#define MAXC 16

struct fake {
    /* held callbacks, in call order */
    struct {
        char link[128];
        fw_dedup_cb cb;
        void *arg;
    } items[MAXC];
    struct {
        char id[FW_DEDUP_ID_LEN + 1], url[128];
        fw_dedup_cb cb;
        void *arg;
    } contents[MAXC];
    struct {
        char url[128];
        fw_fetch_cb cb;
        void *arg;
    } fetches[MAXC];
    struct {
        char mark[64];
        fw_dedup_marked_cb cb;
        void *arg;
    } marks[MAXC];
    int nitems, ncontents, nfetches, nmarks;
    /* what the flow did */
    int parsed;
    enum fw_err parsed_err;
    int refreshed, committed;
    uint64_t committed_gen;
    char released[MAXC][40], failed[MAXC][40], dlq[MAXC][40], dlq_reason[MAXC][300];
    int nreleased, nfailed, ndlq, nsettled, nadopted, npublished;
    struct fw_sink_failure dlq_f[MAXC]; /* its strings are the flow's: read them in the callback only */
    char dlq_url[MAXC][80], dlq_feed[MAXC][40], dlq_body[MAXC][40];
    uint64_t settled[MAXC];
    json_t *published[MAXC];   /* the article record as the sink would send it */
    size_t published_events[MAXC];
    char published_mark[MAXC][64];
    enum fw_err item_rc, publish_rc;
    /* the incident stage */
    struct {
        size_t n;
        fw_incident_batch_cb cb;
        void *arg;
    } incs[MAXC];
    int nincs;
    enum fw_err incidents_rc;
    char published_incident[MAXC][33]; /* of the first event */
    char published_rec[MAXC][40];      /* id of the first incident record */
    size_t published_nincidents[MAXC];
};

static struct fake F;
static struct fw_coder *coder;

static void f_parsed(void *ctx, size_t feed_id, const struct fw_sched_meta *m)
{
    F.parsed++;
    F.parsed_err = m->err;
}
static void f_refresh(void *ctx, const char *key)
{
    assert_string_equal(key, "gen1");
    F.refreshed++;
}
static void f_committed(void *ctx, const char *key, uint64_t gen)
{
    assert_string_equal(key, "gen1");
    F.committed++;
    F.committed_gen = gen;
}
static enum fw_err f_fetch(void *ctx, const char *url, fw_fetch_cb cb, void *arg)
{
    assert_true(F.nfetches < MAXC);
    snprintf(F.fetches[F.nfetches].url, sizeof F.fetches[0].url, "%s", url);
    F.fetches[F.nfetches].cb = cb;
    F.fetches[F.nfetches++].arg = arg;
    return FW_OK;
}
static enum fw_err f_check_item(void *ctx, const struct fw_dedup_item *it, fw_dedup_cb cb, void *arg)
{
    if (F.item_rc != FW_OK) return F.item_rc;
    assert_true(F.nitems < MAXC);
    assert_string_equal(it->feed_url, "gen1");
    snprintf(F.items[F.nitems].link, sizeof F.items[0].link, "%s", it->link ? it->link : "");
    F.items[F.nitems].cb = cb;
    F.items[F.nitems++].arg = arg;
    return FW_OK;
}
static enum fw_err f_check_content(void *ctx, const char *id, const char *url, const char *text, size_t n,
                                   fw_dedup_cb cb, void *arg)
{
    assert_true(F.ncontents < MAXC);
    assert_true(n > 0 && strlen(text) == n);
    snprintf(F.contents[F.ncontents].id, sizeof F.contents[0].id, "%s", id);
    snprintf(F.contents[F.ncontents].url, sizeof F.contents[0].url, "%s", url);
    F.contents[F.ncontents].cb = cb;
    F.contents[F.ncontents++].arg = arg;
    return FW_OK;
}
static void f_release(void *ctx, const char *id)
{
    snprintf(F.released[F.nreleased++], sizeof F.released[0], "%s", id);
}
static void f_failed(void *ctx, const char *id)
{
    snprintf(F.failed[F.nfailed++], sizeof F.failed[0], "%s", id);
}
static void f_mark_done(void *ctx, const char *mark, fw_dedup_marked_cb cb, void *arg)
{
    snprintf(F.marks[F.nmarks].mark, sizeof F.marks[0].mark, "%s", mark);
    F.marks[F.nmarks].cb = cb;
    F.marks[F.nmarks++].arg = arg;
}
static void f_adopt(void *ctx, const char *mark)
{
    F.nadopted++;
}
static enum fw_err f_publish(void *ctx, const struct fw_record_article *a, const char *mark, char *err, size_t errsz)
{
    if (F.publish_rc != FW_OK) return fw_fail(err, errsz, F.publish_rc, "spool full");
    struct fw_buf b;
    fw_buf_init(&b, 0);
    for (size_t i = 0; i < a->nevents; i++) { /* every event encodes: its sentence is in a->text */
        assert_int_equal(fw_record_event_json(&a->events[i], a, &b, err, errsz), FW_OK);
        fw_buf_reset(&b);
    }
    assert_int_equal(fw_record_article_json(a, &b, err, errsz), FW_OK);
    F.published[F.npublished] = json_loads(b.p, 0, NULL);
    F.published_events[F.npublished] = a->nevents;
    F.published_nincidents[F.npublished] = a->nincidents;
    if (a->nevents)
        snprintf(F.published_incident[F.npublished], sizeof F.published_incident[0], "%s", a->events[0].incident);
    if (a->nincidents)
        snprintf(F.published_rec[F.npublished], sizeof F.published_rec[0], "%s", a->incidents[0].id);
    snprintf(F.published_mark[F.npublished++], sizeof F.published_mark[0], "%s", mark ? mark : "");
    fw_buf_fini(&b);
    return FW_OK;
}
static enum fw_err f_deadletter(void *ctx, const struct fw_sink_failure *f, char *err, size_t errsz)
{
    F.dlq_f[F.ndlq] = *f;
    snprintf(F.dlq_url[F.ndlq], sizeof F.dlq_url[0], "%s", f->url ? f->url : "");
    snprintf(F.dlq_feed[F.ndlq], sizeof F.dlq_feed[0], "%s", f->feed ? f->feed : "");
    snprintf(F.dlq_body[F.ndlq], sizeof F.dlq_body[0], "%.*s", (int)f->n, f->payload ? (const char *)f->payload : "");
    snprintf(F.dlq[F.ndlq], sizeof F.dlq[0], "%s", f->key);
    snprintf(F.dlq_reason[F.ndlq++], sizeof F.dlq_reason[0], "%s", f->reason);
    return FW_OK;
}
static void f_settle(void *ctx, uint64_t unit)
{
    F.settled[F.nsettled++] = unit;
}

static enum fw_err f_incidents(void *ctx, const struct fw_incident_input *in, size_t n, fw_incident_batch_cb cb,
                               void *arg)
{
    if (F.incidents_rc != FW_OK) return F.incidents_rc;
    for (size_t i = 0; i < n; i++) { /* each input is an event of the article with its sentence */
        assert_non_null(in[i].ev);
        assert_string_equal(in[i].article_id, "id1");
        assert_non_null(in[i].sentence);
    }
    F.incs[F.nincs].n = n, F.incs[F.nincs].cb = cb, F.incs[F.nincs++].arg = arg;
    return FW_OK;
}

static const struct fw_pipe_stages fakes = {
    .feed_parsed = f_parsed, .feed_refresh = f_refresh, .feed_committed = f_committed,
    .fetch_article = f_fetch, .check_item = f_check_item, .check_content = f_check_content,
    .release = f_release, .mark_failed = f_failed, .mark_done = f_mark_done, .adopt = f_adopt,
    .publish = f_publish, .deadletter = f_deadletter, .settle = f_settle,
};

/* ---- answers ---- */

static void answer_item(int i, enum fw_dedup_state state, const char *id)
{
    struct fw_dedup_result r = {.err = FW_OK, .state = state};
    snprintf(r.id, sizeof r.id, "%s", id);
    F.items[i].cb(&r, F.items[i].arg);
}

static void answer_fetch(int i, long status, const char *body)
{
    struct fw_fetch_result r = {.err = status >= 400 ? FW_E_HTTP : FW_OK, .status = status, .max_age_s = -1,
                                .retry_after_ms = -1, .final_url = F.fetches[i].url, .total_s = 0.01};
    if (status >= 400) snprintf(r.errmsg, sizeof r.errmsg, "HTTP %ld", status);
    char ctype[] = "text/html; charset=utf-8";
    r.content_type = ctype;
    fw_buf_init(&r.body, 0);
    if (body) fw_buf_adds(&r.body, body);
    F.fetches[i].cb(&r, F.fetches[i].arg);
    fw_buf_fini(&r.body);
}

static void answer_content(int i, enum fw_dedup_state state, const char *mark)
{
    struct fw_dedup_result r = {.err = FW_OK, .state = state, .text_hash = 0x1234, .simhash = 0xabcd};
    snprintf(r.id, sizeof r.id, "%s", F.contents[i].id);
    snprintf(r.mark, sizeof r.mark, "%s", mark ? mark : "");
    F.contents[i].cb(&r, F.contents[i].arg);
}

/* ---- fixtures ---- */

static const char *rss(int n)
{
    static char b[4096];
    int k = snprintf(b, sizeof b, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Gen feed</title>"
                                  "<link>http://example.org/</link>");
    for (int i = 1; i <= n; i++)
        k += snprintf(b + k, sizeof b - (size_t)k,
                      "<item><title>Item %d</title><link>http://example.org/a%d</link>"
                      "<guid>urn:item:%d</guid><pubDate>Mon, 18 Apr 2022 10:00:00 GMT</pubDate></item>",
                      i, i, i);
    snprintf(b + k, sizeof b - (size_t)k, "</channel></rss>");
    return b;
}

static const char PAGE[] =
    "<html><head><title>Rockets on Termez</title></head><body><article><h1>Rockets on Termez</h1>"
    "<p>On April 18, ISKP fired ten Katyusha rockets at a military base in Termez. The attack was the first "
    "of its kind in the region and officials said they were studying the damage to the base and its "
    "surroundings, which they described as limited.</p>"
    "<p>Officials in Tashkent said the rockets were launched from across the border and that nobody was hurt "
    "in the attack, which came after weeks of rising tension along the river.</p></article></body></html>";

static void feed_body(struct fw_pipe_flow *f, const char *body, uint64_t gen)
{
    struct fw_sched_body b = {.feed_id = 0, .key = "gen1", .name = "gen1", .final_url = "http://example.org/feed.xml",
                              .body = body, .len = strlen(body), .content_type = "application/rss+xml", .gen = gen};
    fw_pipe_flow_feed_body(f, &b);
}

static int setup(void **state)
{
    for (int i = 0; i < F.npublished; i++) json_decref(F.published[i]);
    memset(&F, 0, sizeof F);
    *state = fw_pipe_flow_new(&fakes, coder, NULL);
    return 0;
}

static int teardown(void **state)
{
    fw_pipe_flow_free(*state);
    return 0;
}

/* Three items: one published, one already seen, one dead (404). Every item
 * settles cleanly, so the body is committed once, with its gen; the Kafka ack
 * becomes a dedup mark, and only its answer settles the sink's unit. */
static void test_items_to_sink(void **state)
{
    struct fw_pipe_flow *f = *state;
    feed_body(f, rss(3), 41);
    assert_int_equal(F.parsed, 1);
    assert_int_equal(F.parsed_err, FW_OK);
    assert_int_equal(F.nitems, 3);
    assert_int_equal(fw_pipe_flow_jobs(f), 3);
    answer_item(0, FW_DEDUP_NEW, "id1");
    answer_item(1, FW_DEDUP_SEEN, "id2");
    answer_item(2, FW_DEDUP_NEW, "id3");
    assert_int_equal(F.nfetches, 2); /* the seen one is not fetched */
    assert_string_equal(F.fetches[0].url, "http://example.org/a1");
    assert_int_equal(F.committed, 0);

    answer_fetch(0, 200, PAGE);
    assert_int_equal(F.ncontents, 1);
    assert_string_equal(F.contents[0].id, "id1");
    answer_content(0, FW_DEDUP_NEW, "mark-1");
    assert_int_equal(F.npublished, 1);
    json_t *a = F.published[0];
    assert_string_equal(json_string_value(json_object_get(a, "id")), "id1");
    assert_string_equal(json_string_value(json_object_get(a, "status")), "new");
    assert_string_equal(json_string_value(json_object_get(a, "url")), "http://example.org/a1");
    assert_string_equal(json_string_value(json_object_get(a, "title")), "Rockets on Termez");
    assert_string_equal(json_string_value(json_object_get(json_object_get(a, "feed"), "title")), "Gen feed");
    assert_string_equal(json_string_value(json_object_get(json_object_get(a, "feed"), "url")),
                        "http://example.org/feed.xml");
    assert_string_equal(json_string_value(json_object_get(a, "content_hash")), "0000000000001234");
    assert_non_null(strstr(json_string_value(json_object_get(a, "text")), "Katyusha rockets"));
    assert_string_equal(F.published_mark[0], "mark-1");
    if (coder) assert_true(F.published_events[0] >= 1); /* the coder's events travel with the article */
    assert_int_equal(F.committed, 0);                   /* id3 still out */

    answer_fetch(1, 404, "gone");
    assert_int_equal(F.ndlq, 1);
    assert_string_equal(F.dlq[0], "id3");
    assert_non_null(strstr(F.dlq_reason[0], "fetch: HTTP 404"));
    /* what failed, for the dead letter: stage, status, URL, feed, the error page */
    assert_string_equal(F.dlq_f[0].stage, "fetch");
    assert_int_equal(F.dlq_f[0].http_status, 404);
    assert_int_equal(F.dlq_f[0].attempts, 1);
    assert_string_equal(F.dlq_url[0], "http://example.org/a3");
    assert_string_equal(F.dlq_feed[0], "gen1");
    assert_string_equal(F.dlq_body[0], "gone");
    assert_int_equal(F.nfailed, 1);
    assert_string_equal(F.failed[0], "id3");
    assert_int_equal(F.committed, 1);
    assert_int_equal(F.committed_gen, 41);
    assert_int_equal(F.refreshed, 0);
    assert_int_equal(F.nreleased, 0);
    assert_int_equal(fw_pipe_flow_jobs(f), 1); /* the published one waits for Kafka */

    fw_pipe_flow_sink_done(f, "id1", "mark-1", FW_SINK_DELIVERED, 7);
    assert_int_equal(fw_pipe_flow_jobs(f), 0);
    assert_int_equal(F.nmarks, 1);
    assert_string_equal(F.marks[0].mark, "mark-1");
    assert_int_equal(F.nsettled, 0); /* not before dedup recorded it */
    F.marks[0].cb(F.marks[0].arg);
    assert_int_equal(F.nsettled, 1);
    assert_int_equal(F.settled[0], 7);
}

/* A fetch that may work later releases the item and refreshes the feed; the
 * body is never committed, so its items come back. */
static void test_retry_refreshes(void **state)
{
    struct fw_pipe_flow *f = *state;
    struct fw_pipe_retry_opts ro = {FW_PIPE_ARTICLE_TRIES, 0, 0}; /* no backoff: the next poll fetches it again */
    fw_pipe_flow_set_retry(f, &ro);
    feed_body(f, rss(2), 5);
    answer_item(0, FW_DEDUP_NEW, "id1");
    answer_item(1, FW_DEDUP_SEEN, "id2");
    answer_fetch(0, 503, "busy");
    assert_int_equal(F.nreleased, 1);
    assert_string_equal(F.released[0], "id1");
    assert_int_equal(F.refreshed, 1);
    assert_int_equal(F.committed, 0);
    assert_int_equal(F.ndlq, 0);
    assert_int_equal(fw_pipe_flow_jobs(f), 0);
    /* the next poll: the item again, 503 again, then gone for good: the third attempt */
    for (int round = 0; round < 2; round++) {
        feed_body(f, rss(1), 6 + (uint64_t)round);
        answer_item(2 + round, FW_DEDUP_NEW, "id1");
        answer_fetch(1 + round, round ? 404 : 503, "x");
    }
    assert_int_equal(F.ndlq, 1);
    assert_int_equal(F.dlq_f[0].attempts, 3);
}

/* An article page that keeps answering 5xx (issue 17: refetched at every
 * poll, a NOTICE each, for ever): fetched again only after its backoff, and
 * dead-lettered, given up for good, at the last try. */
static void test_article_retries_back_off_and_give_up(void **state)
{
    struct fw_pipe_flow *f = *state;
    struct fw_pipe_retry_opts ro = {3, 0, 0}; /* no backoff: every poll tries */
    fw_pipe_flow_set_retry(f, &ro);
    for (int k = 0; k < 3; k++) {
        feed_body(f, rss(1), 20 + (uint64_t)k);
        answer_item(k, FW_DEDUP_NEW, "id1");
        answer_fetch(k, 503, "busy");
    }
    assert_int_equal(F.nfetches, 3);
    assert_int_equal(F.nreleased, 2);
    assert_int_equal(F.ndlq, 1);
    assert_string_equal(F.dlq[0], "id1");
    assert_non_null(strstr(F.dlq_reason[0], "failed 3 times"));
    /* one count: the dead letter's attempts are the ones the give-up counted */
    assert_int_equal(F.dlq_f[0].attempts, 3);
    assert_int_equal(F.dlq_f[0].http_status, 503);
    assert_string_equal(F.dlq_f[0].stage, "fetch");
    assert_string_equal(F.dlq_body[0], "busy");
    assert_int_equal(F.nfailed, 1); /* recorded: later polls skip it */
    /* with a backoff, the next poll leaves the failed article alone */
    ro = (struct fw_pipe_retry_opts){3, 60000, 60000};
    fw_pipe_flow_set_retry(f, &ro);
    feed_body(f, rss(1), 30);
    answer_item(3, FW_DEDUP_NEW, "id2");
    answer_fetch(3, 500, "broken");
    feed_body(f, rss(1), 31);
    answer_item(4, FW_DEDUP_NEW, "id2");
    assert_int_equal(F.nfetches, 4); /* not fetched: backing off */
    assert_int_equal(F.nreleased, 4);
    assert_string_equal(F.released[3], "id2");
    assert_int_equal(fw_pipe_flow_jobs(f), 0);
}

/* In flight elsewhere is not settled either: if that claimer dies, the item must be seen again. */
static void test_inflight_is_not_settled(void **state)
{
    struct fw_pipe_flow *f = *state;
    feed_body(f, rss(1), 9);
    answer_item(0, FW_DEDUP_INFLIGHT, "id1");
    assert_int_equal(F.refreshed, 1);
    assert_int_equal(F.committed, 0);
}

/* Redis down at the item check: the rest of the body waits, the feed is refreshed. */
static void test_dedup_down(void **state)
{
    struct fw_pipe_flow *f = *state;
    F.item_rc = FW_E_REDIS;
    feed_body(f, rss(3), 3);
    assert_int_equal(F.parsed, 1);
    assert_int_equal(F.refreshed, 1);
    assert_int_equal(F.committed, 0);
    assert_int_equal(fw_pipe_flow_jobs(f), 0);
}

/* A body without items is committed at once; one that is not a feed is reported as such. */
static void test_empty_and_bad_bodies(void **state)
{
    struct fw_pipe_flow *f = *state;
    feed_body(f, rss(0), 12);
    assert_int_equal(F.committed, 1);
    assert_int_equal(F.committed_gen, 12);
    feed_body(f, "<html><body>not a feed</body></html>", 13);
    assert_int_equal(F.parsed, 2);
    assert_int_not_equal(F.parsed_err, FW_OK);
    assert_int_equal(F.nitems, 0);
    assert_int_equal(F.committed, 1);
}

/* Refused by the sink (spool full): the item comes back later, nothing settles. */
static void test_publish_refused(void **state)
{
    struct fw_pipe_flow *f = *state;
    F.publish_rc = FW_E_TOOBIG;
    feed_body(f, rss(1), 2);
    answer_item(0, FW_DEDUP_NEW, "id1");
    answer_fetch(0, 200, PAGE);
    answer_content(0, FW_DEDUP_NEW, "mark-1");
    assert_int_equal(F.npublished, 0);
    assert_int_equal(F.nreleased, 1);
    assert_int_equal(F.refreshed, 1);
    assert_int_equal(F.committed, 0);
}

/* Draining: an item that reaches the fetch stage is released, not fetched;
 * a unit replayed from the spool keeps its claim. */
static void test_stopping(void **state)
{
    struct fw_pipe_flow *f = *state;
    feed_body(f, rss(1), 2);
    fw_pipe_flow_stop(f);
    answer_item(0, FW_DEDUP_NEW, "id1");
    assert_int_equal(F.nfetches, 0);
    assert_int_equal(F.nreleased, 1);
    fw_pipe_flow_sink_replay(f, "id9", "mark-9");
    assert_int_equal(F.nadopted, 1);
    fw_pipe_flow_sink_done(f, "id9", NULL, FW_SINK_DEADLETTERED, 3); /* no mark: settled at once */
    assert_int_equal(F.nsettled, 1);
}

/* A known text (duplicate) is settled without publishing. */
/* incident.enabled: the coded events wait for their incidents, then go out
 * with their ids and the changed incidents' records; an error reply sends them
 * without ids; Redis down (refused now, or lost later) releases the item. */
static void test_incidents(void **state)
{
    if (!coder) skip();
    struct fw_pipe_stages st = fakes;
    st.incidents = f_incidents;
    struct fw_pipe_flow *f = fw_pipe_flow_new(&st, coder, NULL);
    feed_body(f, rss(1), 1);
    answer_item(0, FW_DEDUP_NEW, "id1");
    answer_fetch(0, 200, PAGE);
    answer_content(0, FW_DEDUP_NEW, "mark-1");
    assert_int_equal(F.nincs, 1);
    assert_true(F.incs[0].n >= 1);
    assert_int_equal(F.npublished, 0); /* waits for the decision */
    struct fw_incident_result res[FW_INCIDENT_BATCH_MAX];
    memset(res, 0, sizeof res);
    for (size_t i = 0; i < F.incs[0].n; i++) snprintf(res[i].inc.id, sizeof res[i].inc.id, "%032zx", i + 1);
    struct fw_record_incident rec = {res[0].inc.id, "{\"schema\":\"feedwire.incident\"}"};
    F.incs[0].cb(F.incs[0].arg, FW_OK, NULL, res, F.incs[0].n, &rec, 1);
    assert_int_equal(F.npublished, 1);
    assert_string_equal(F.published_incident[0], "00000000000000000000000000000001");
    assert_int_equal(F.published_nincidents[0], 1);
    assert_string_equal(F.published_rec[0], res[0].inc.id);
    fw_pipe_flow_sink_done(f, "id1", "mark-1", FW_SINK_DELIVERED, 1);
    F.marks[0].cb(F.marks[0].arg);

    /* Redis answered with an error: published without ids (a retry would fail the same) */
    feed_body(f, rss(2), 2);
    answer_item(1, FW_DEDUP_NEW, "id1");
    answer_fetch(1, 200, PAGE);
    answer_content(1, FW_DEDUP_UPDATED, "mark-2");
    assert_int_equal(F.nincs, 2);
    F.incs[1].cb(F.incs[1].arg, FW_E_PARSE, "ERR script", NULL, 0, NULL, 0);
    assert_int_equal(F.npublished, 2);
    assert_string_equal(F.published_incident[1], "");
    assert_int_equal(F.published_nincidents[1], 0);
    assert_true(F.published_events[1] >= 1);

    /* Redis lost during the decision: released for a later poll, as dedup does */
    int released = F.nreleased;
    feed_body(f, rss(3), 3);
    answer_item(F.nitems - 1, FW_DEDUP_NEW, "id1");
    answer_fetch(F.nfetches - 1, 200, PAGE);
    answer_content(F.ncontents - 1, FW_DEDUP_UPDATED, "mark-3");
    assert_int_equal(F.nincs, 3);
    F.incs[2].cb(F.incs[2].arg, FW_E_REDIS, "redis: link lost", NULL, 0, NULL, 0);
    assert_int_equal(F.npublished, 2);
    assert_int_equal(F.nreleased, released + 1);
    assert_true(F.refreshed >= 1); /* the feed is parsed again at its next poll */

    /* Redis not connected: the stage refuses, the item is released at once */
    F.incidents_rc = FW_E_REDIS;
    feed_body(f, rss(4), 4);
    answer_item(F.nitems - 1, FW_DEDUP_NEW, "id1");
    answer_fetch(F.nfetches - 1, 200, PAGE);
    answer_content(F.ncontents - 1, FW_DEDUP_UPDATED, "mark-4");
    assert_int_equal(F.nincs, 3);
    assert_int_equal(F.npublished, 2);
    assert_int_equal(F.nreleased, released + 2);
    fw_pipe_flow_free(f);
}

static void test_duplicate_content(void **state)
{
    struct fw_pipe_flow *f = *state;
    feed_body(f, rss(1), 8);
    answer_item(0, FW_DEDUP_NEW, "id1");
    answer_fetch(0, 200, PAGE);
    answer_content(0, FW_DEDUP_DUPLICATE, NULL);
    assert_int_equal(F.npublished, 0);
    assert_int_equal(F.committed, 1);
    assert_int_equal(F.committed_gen, 8);
}

int main(void)
{
    char dir[4096], err[256];
    const char *src = getenv("FW_SOURCE_DIR");
    fw_log_init(LOG_CRIT, NULL, 0);
    snprintf(dir, sizeof dir, "%s/conf/dict", src ? src : ".");
    coder = fw_coder_new(dir, err, sizeof err);
    if (!coder) fprintf(stderr, "no coder (%s): events not checked\n", err);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_items_to_sink, setup, teardown),
        cmocka_unit_test_setup_teardown(test_retry_refreshes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_article_retries_back_off_and_give_up, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inflight_is_not_settled, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dedup_down, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_and_bad_bodies, setup, teardown),
        cmocka_unit_test_setup_teardown(test_publish_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stopping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_content, setup, teardown),
        cmocka_unit_test_setup_teardown(test_incidents, setup, teardown),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    for (int i = 0; i < F.npublished; i++) json_decref(F.published[i]);
    fw_coder_free(coder);
    return rc;
}
