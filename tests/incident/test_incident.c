/* fw_incident: the merge decision on events written here (dates of either
 * precision, a country against a town in it, actor codes that contain each
 * other, two attacks the same day in one province), refinement, determinism,
 * the compact form the store keeps (round trip, and garbage refused) and the
 * incident JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_incident.h"

/* An event of a day: its code, its actors' codes. */
static struct fw_event event_of(const char *id, struct fw_ymd day, enum fw_date_source ds, const char *cameo,
                                const char *src, const char *tgt)
{
    struct fw_event ev;
    fw_event_init(&ev);
    snprintf(ev.id, sizeof ev.id, "%s", id);
    ev.date = day;
    ev.prec = FW_PREC_DAY;
    ev.date_source = ds;
    snprintf(ev.cameo, sizeof ev.cameo, "%s", cameo);
    snprintf(ev.src.code, sizeof ev.src.code, "%s", src);
    snprintf(ev.tgt.code, sizeof ev.tgt.code, "%s", tgt);
    return ev;
}

/* An ISKP rocket attack on a military base in Termez, 2022-04-18, as a sentence dates it. */
static struct fw_event termez(const char *id)
{
    struct fw_event ev = event_of(id, (struct fw_ymd){2022, 4, 18}, FW_DSRC_TEXT, "194", "AFGIMGMUSISI", "UZBMIL");
    snprintf(ev.plover, sizeof ev.plover, "ASSAULT");
    ev.modality = FW_MOD_ASSERTED;
    ev.has_loc = 1;
    ev.loc_source = FW_LSRC_SENTENCE;
    snprintf(ev.loc_name, sizeof ev.loc_name, "Termez");
    snprintf(ev.loc_admin1, sizeof ev.loc_admin1, "Surxondaryo");
    memcpy(ev.loc_cc2, "UZ", 3);
    memcpy(ev.loc_cc3, "UZB", 4);
    ev.loc_lat = 37.2242, ev.loc_lon = 67.2783;
    ev.qty = 10;
    snprintf(ev.qty_unit, sizeof ev.qty_unit, "rockets");
    return ev;
}

static void country_only(struct fw_event *ev, const char *name, const char *cc2)
{
    snprintf(ev->loc_name, sizeof ev->loc_name, "%s", name);
    ev->loc_admin1[0] = 0;
    memcpy(ev->loc_cc2, cc2, 3);
    ev->loc_lat = 41.0, ev->loc_lon = 64.0;
}

static struct fw_incident incident_of(const struct fw_event *ev)
{
    struct fw_incident inc;
    fw_incident_from_event(&inc, ev, NULL, 1000);
    return inc;
}

static int merges(const struct fw_incident *inc, const struct fw_event *ev)
{
    struct fw_incident_verdict v;
    fw_incident_decide(inc, ev, NULL, &v);
    print_message("  %s\n", v.why);
    return v.merge;
}

static void test_actor_codes(void **state)
{
    static const struct {
        const char *a, *b;
        int want;
    } cases[] = {
        {"AFGIMGMUSISI", "IMGMUSISI", 1}, {"IMGMUSISI", "AFGIMGMUSISI", 1}, {"CHNGOV", "CHN", 1},
        {"---COP", "HKGCOP", 1},          {"---", "USAGOV", 1},             {"", "USAGOV", 1},
        {"CHNGOV", "USAGOV", 0},
        {"UZBMIL", "AFGMIL", 0}, /* the same sector of another country */
        {"UZBMIL", "UZBCOP", 0},          {"GOVMIL", "OVM", 0}, /* not at a part boundary */
        /* one more role named anywhere: the parts of one occur in order in the other */
        {"---JUDGOVMIL", "---GOV", 1},    {"USAGOVMIL", "USAMIL", 1},       {"---JUDGOVMIL", "---MILGOV", 0},
        {"USAGOV", "---JUDGOVMIL", 0}, /* USA is no role of it */
        {"GOVMEDX", "GOV", 0},            {"USAGOVBUSMEDCVLREBMILCOPJUDSPYPTY", "USA", 0}, /* no code */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (fw_incident_actor_compat(cases[i].a, cases[i].b) != cases[i].want)
            fail_msg("%s ~ %s should be %d", cases[i].a, cases[i].b, cases[i].want);
}

static void test_same_attack_across_reports(void **state)
{
    struct fw_event a = termez("e1");
    struct fw_incident inc = incident_of(&a);
    /* another site: "the Islamic State" (IMGMUSISI), no figure, the same town */
    struct fw_event b = termez("e2");
    snprintf(b.src.code, sizeof b.src.code, "IMGMUSISI");
    b.qty = -1;
    assert_true(merges(&inc, &b));
    /* month precision ("in April") is compatible with any day of that month */
    struct fw_event c = termez("e3");
    c.date = (struct fw_ymd){2022, 4, 0};
    c.prec = FW_PREC_MONTH;
    assert_true(merges(&inc, &c));
    c.date.m = 5;
    assert_false(merges(&inc, &c));
    /* the country against a town in it */
    struct fw_event d = termez("e4");
    country_only(&d, "Uzbekistan", "UZ");
    assert_true(merges(&inc, &d));
    country_only(&d, "Afghanistan", "AF");
    assert_false(merges(&inc, &d));
    /* the next day by its own text: another happening */
    struct fw_event e = termez("e5");
    e.date.d = 19;
    assert_false(merges(&inc, &e));
    /* ... but a date only inferred from the publication may be a day late */
    e.date_source = FW_DSRC_PUBLICATION;
    assert_true(merges(&inc, &e));
    /* another kind of happening, or something only threatened, stays apart */
    struct fw_event f = termez("e6");
    snprintf(f.cameo, sizeof f.cameo, "138");
    assert_false(merges(&inc, &f));
    f = termez("e7");
    f.modality = FW_MOD_PLANNED;
    assert_false(merges(&inc, &f));
    /* a far different figure of the same unit is another attack */
    f = termez("e8");
    f.qty = 80;
    assert_false(merges(&inc, &f));
}

static void test_two_attacks_same_day_same_province(void **state)
{
    /* gunmen (unknown source) attack a checkpoint and, elsewhere in the province, a market */
    struct fw_event a = termez("a1"), b = termez("b1");
    a.src.code[0] = b.src.code[0] = 0;
    a.qty = b.qty = -1;
    snprintf(b.tgt.code, sizeof b.tgt.code, "UZBCVL");
    struct fw_incident inc = incident_of(&a);
    assert_false(merges(&inc, &b)); /* targets conflict */
    /* same kind of target, two towns of the province 60 km apart */
    b = termez("b2");
    b.src.code[0] = 0;
    b.qty = -1;
    snprintf(b.loc_name, sizeof b.loc_name, "Denov");
    b.loc_lat = 38.27, b.loc_lon = 67.89;
    assert_false(merges(&inc, &b));
    /* the province only, with nothing else agreeing but the day: apart (score 2) */
    b = termez("b3");
    b.src.code[0] = 0;
    b.tgt.code[0] = 0;
    b.qty = -1;
    snprintf(b.loc_name, sizeof b.loc_name, "Surxondaryo");
    b.loc_admin1[0] = 0;
    assert_false(merges(&inc, &b));
}

static void test_refine_and_determinism(void **state)
{
    /* first a vague mention: the country, April, the IS; then the precise one */
    struct fw_event vague = termez("v1"), precise = termez("p1");
    vague.date = (struct fw_ymd){2022, 4, 0};
    vague.prec = FW_PREC_MONTH;
    country_only(&vague, "Uzbekistan", "UZ");
    snprintf(vague.src.code, sizeof vague.src.code, "IMGMUSISI");
    vague.qty = -1;
    precise.killed = 3;
    struct fw_incident inc = incident_of(&vague), again = incident_of(&vague);
    assert_string_equal(inc.id, again.id); /* the same first mention makes the same incident */
    char b0[24], b1[24];
    fw_incident_bucket(&inc, b0);
    assert_string_equal(b0, "18:2022-04:UZ"); /* violence (18-20) shares buckets */
    assert_true(merges(&inc, &precise));
    assert_true(fw_incident_refine(&inc, &precise, NULL, 2000));
    assert_int_equal(inc.prec, FW_PREC_DAY);
    assert_int_equal(inc.date.d, 18);
    assert_string_equal(inc.loc_name, "Termez");
    assert_int_equal(inc.place, FW_IPLACE_TOWN);
    assert_string_equal(inc.src, "AFGIMGMUSISI");
    assert_int_equal(inc.killed, 3);
    assert_string_equal(inc.killed_by, "p1");
    assert_int_equal(inc.mentions, 2);
    assert_int_equal(inc.first_ms, 1000);
    assert_int_equal(inc.last_ms, 2000);
    fw_incident_bucket(&inc, b1);
    assert_string_equal(b1, "18:2022-04-18:UZ");
    /* a vaguer mention later changes no best-known field */
    assert_false(fw_incident_refine(&inc, &vague, NULL, 3000));
    assert_int_equal(inc.mentions, 3);
    assert_int_equal(inc.prec, FW_PREC_DAY);
}

/* Two outlets on one hearing, as the coder gives them: the actors only half coded, the place
 * of one guessed from the article; the names of the people in both sentences tip it. */
static void test_names_and_tolerances(void **state)
{
    struct fw_event a, b;
    fw_event_init(&a);
    fw_event_init(&b);
    snprintf(a.id, sizeof a.id, "a"), snprintf(b.id, sizeof b.id, "b");
    a.date = b.date = (struct fw_ymd){2019, 11, 19};
    a.prec = b.prec = FW_PREC_DAY;
    a.date_source = FW_DSRC_TEXT, b.date_source = FW_DSRC_LEAD;
    snprintf(a.cameo, sizeof a.cameo, "010"), snprintf(b.cameo, sizeof b.cameo, "010");
    snprintf(a.src.code, sizeof a.src.code, "---GOV"), snprintf(b.src.code, sizeof b.src.code, "---GOV");
    snprintf(a.tgt.code, sizeof a.tgt.code, "---SPY"), snprintf(b.tgt.code, sizeof b.tgt.code, "USA");
    a.has_loc = b.has_loc = 1;
    snprintf(a.loc_name, sizeof a.loc_name, "Ukraine"), memcpy(a.loc_cc2, "UA", 3);
    snprintf(b.loc_name, sizeof b.loc_name, "United States"), memcpy(b.loc_cc2, "US", 3);
    b.loc_source = FW_LSRC_ARTICLE;
    struct fw_incident_names na, nb, none = {0};
    fw_incident_names_of("Kurt Volker, the former special envoy to Ukraine, and Tim Morrison, a former National "
                         "Security Council official, testified side-by-side on Tuesday.",
                         a.loc_name, &na);
    fw_incident_names_of("Volker and Morrison said that the call with Zelensky was not in line with American goals.",
                         b.loc_name, &nb);
    struct fw_incident inc;
    fw_incident_from_event(&inc, &a, &na, 1);
    struct fw_incident_verdict v;
    fw_incident_decide(&inc, &b, &nb, &v);
    print_message("  %s\n", v.why);
    assert_true(v.merge);
    assert_non_null(strstr(v.why, "names=ok"));
    assert_non_null(strstr(v.why, "tgt=~"));   /* USA and ---SPY: compatible, not agreeing */
    assert_non_null(strstr(v.why, "place=~")); /* a guessed country does not conflict */
    fw_incident_decide(&inc, &b, &none, &v);
    assert_false(v.merge); /* without the names, a generic source (---GOV) is not enough */
    /* the place's own name, weekdays and sentence openers are no names */
    struct fw_incident_names nc;
    fw_incident_names_of("On Tuesday, The Ukraine officials met.", "Ukraine", &nc);
    assert_int_equal(nc.n, 0);
    /* a real place in another country does conflict */
    b.loc_source = FW_LSRC_SENTENCE;
    fw_incident_decide(&inc, &b, &nb, &v);
    assert_false(v.merge);
}

static void test_buckets(void **state)
{
    struct fw_event ev = termez("x");
    char b[FW_INCIDENT_EVENT_BUCKETS][24];
    ev.date = (struct fw_ymd){2022, 4, 30};
    /* the days around it and its month, without a place and in its country */
    size_t n = fw_incident_buckets(&ev, b);
    assert_int_equal(n, 8);
    assert_string_equal(b[0], "18:2022-04-29:--");
    assert_string_equal(b[3], "18:2022-04:--");
    assert_string_equal(b[4], "18:2022-04-29:UZ");
    assert_string_equal(b[6], "18:2022-05-01:UZ");
    assert_string_equal(b[7], "18:2022-04:UZ");
    ev.has_loc = 0;
    assert_int_equal(fw_incident_buckets(&ev, b), 4);
    ev.has_loc = 1;
    /* an incident whose place was guessed from the article lives with the placeless */
    struct fw_incident inc = incident_of(&ev);
    fw_incident_bucket(&inc, b[0]);
    assert_string_equal(b[0], "18:2022-04-30:UZ");
    ev.loc_source = FW_LSRC_ARTICLE;
    inc = incident_of(&ev);
    fw_incident_bucket(&inc, b[0]);
    assert_string_equal(b[0], "18:2022-04-30:--");
    ev.prec = FW_PREC_MONTH;
    ev.date.d = 0;
    ev.date.m = 2;
    assert_int_equal(fw_incident_buckets(&ev, b), 58);
    ev.date.m = 13; /* bad input: no date, no buckets */
    assert_int_equal(fw_incident_buckets(&ev, b), 0);
    ev.date.m = 2;
    ev.prec = FW_PREC_DAY;
    ev.date.d = 30;
    assert_int_equal(fw_incident_buckets(&ev, b), 0);
    ev.prec = FW_PREC_YEAR;
    assert_int_equal(fw_incident_buckets(&ev, b), 0);
    ev.prec = FW_PREC_DAY;
    ev.cameo[0] = 0;
    assert_int_equal(fw_incident_buckets(&ev, b), 0);
}

static void test_compact_form(void **state)
{
    struct fw_event ev = termez("e1");
    ev.killed = 4;
    struct fw_incident inc = incident_of(&ev), back;
    fw_incident_names_of("ISKP fired rockets at Termez from Afghanistan", "Termez", &inc.names);
    assert_int_equal(inc.names.n, 2);
    struct fw_buf b;
    fw_buf_init(&b, 0);
    fw_incident_encode(&inc, &b);
    assert_int_equal(fw_incident_decode(b.p, b.len, &back), FW_OK);
    /* the quick look at the actors agrees with the decision */
    struct fw_event other = termez("e2");
    assert_false(fw_incident_quick_reject(b.p, b.len, &other));
    snprintf(other.tgt.code, sizeof other.tgt.code, "UZBCOP");
    assert_true(fw_incident_quick_reject(b.p, b.len, &other));
    snprintf(other.tgt.code, sizeof other.tgt.code, "---");
    snprintf(other.src.code, sizeof other.src.code, "RUSMIL");
    assert_true(fw_incident_quick_reject(b.p, b.len, &other));
    assert_false(fw_incident_quick_reject(b.p, 10, &other));
    snprintf(other.src.code, sizeof other.src.code, "---SPY"); /* a sector of an unknown country: compatible */
    struct fw_incident country = incident_of(&ev);
    snprintf(country.src, sizeof country.src, "AFG");
    fw_buf_reset(&b);
    fw_incident_encode(&country, &b);
    assert_false(fw_incident_quick_reject(b.p, b.len, &other));
    fw_buf_reset(&b);
    fw_incident_encode(&inc, &b);
    assert_string_equal(back.id, inc.id);
    assert_string_equal(back.src, "AFGIMGMUSISI");
    assert_string_equal(back.loc_admin1, "Surxondaryo");
    assert_int_equal(back.killed, 4);
    assert_int_equal(back.qty, 10);
    assert_int_equal(back.mentions, 1);
    assert_int_equal(back.names.n, 2);
    assert_int_equal(back.names.h[1], inc.names.h[1]);
    assert_int_equal(back.prec, FW_PREC_DAY);
    assert_true(back.lat > 37.22 && back.lat < 37.23);
    /* what a store must refuse: cut anywhere, garbage, a field out of range */
    size_t last_tab = (size_t)(strrchr(b.p, '\t') - b.p);
    for (size_t cut = 0; cut < last_tab; cut += 7) assert_int_not_equal(fw_incident_decode(b.p, cut, &back), FW_OK);
    assert_int_not_equal(fw_incident_decode("1\tzz", 4, &back), FW_OK);
    /* an absurd figure (bad input) is capped so the store can read it back */
    struct fw_event huge = termez("h");
    huge.killed = LONG_MAX;
    struct fw_incident hinc = incident_of(&huge);
    struct fw_incident_verdict v;
    fw_incident_decide(&hinc, &huge, NULL, &v); /* no overflow comparing figures */
    fw_buf_reset(&b);
    fw_incident_encode(&hinc, &b);
    assert_int_equal(fw_incident_decode(b.p, b.len, &back), FW_OK);
    assert_int_equal(back.killed, 1000000000L);
    char *bad = fw_xstrdup(b.p);
    char *t = strstr(bad, "\t3\t"); /* place level 3 -> 9 */
    assert_non_null(t);
    t[1] = '9';
    assert_int_not_equal(fw_incident_decode(bad, strlen(bad), &back), FW_OK);
    free(bad);
    fw_buf_fini(&b);
}

static void test_json(void **state)
{
    struct fw_event ev = termez("e1");
    struct fw_incident inc = incident_of(&ev);
    struct fw_incident_mention m[2] = {{"art1", "e1", "On April 18, ISKP fired ten rockets at Termez."},
                                       {"art2", "e2", "bad \xff utf8"}};
    struct fw_buf b;
    fw_buf_init(&b, 0);
    fw_incident_json(&inc, m, 2, &b);
    json_error_t je;
    json_t *o = json_loads(b.p, 0, &je);
    assert_non_null(o);
    assert_string_equal(json_string_value(json_object_get(o, "schema")), "feedwire.incident");
    assert_string_equal(json_string_value(json_object_get(o, "id")), inc.id);
    assert_string_equal(json_string_value(json_object_get(o, "date")), "2022-04-18");
    assert_int_equal(json_array_size(json_object_get(o, "mentions")), 2);
    assert_string_equal(json_string_value(json_object_get(json_object_get(o, "location"), "level")), "town");
    json_decref(o);
    fw_buf_fini(&b);
}

/* An event of the hearing, as the coder gives it: a speech act on 2019-11-19. */
static struct fw_event hearing(const char *id, const char *cameo, const char *src, const char *tgt)
{
    return event_of(id, (struct fw_ymd){2019, 11, 19}, FW_DSRC_LEAD, cameo, src, tgt);
}

static struct fw_incident incident_named(const struct fw_event *ev, const char *sentence)
{
    struct fw_incident_names nm;
    struct fw_incident inc;
    fw_incident_names_of(sentence, ev->loc_name, &nm);
    fw_incident_from_event(&inc, ev, &nm, 1);
    return inc;
}

static int merges_named(const struct fw_incident *inc, const struct fw_event *ev, const char *sentence)
{
    struct fw_incident_names nm;
    struct fw_incident_verdict v;
    fw_incident_names_of(sentence, ev->loc_name, &nm);
    fw_incident_decide(inc, ev, &nm, &v);
    print_message("  %s\n", v.why);
    return v.merge;
}

/* The verbs two outlets pick for one happening: "testified"/"grilled"/"criticized" (what was
 * said: CAMEO 01-05, 10-13), "attacked"/"clashed"/"bombed" (violence, 18-20). Another root of the
 * family costs a point, so it takes more agreement than the same root; other kinds stay apart. */
static void test_root_families(void **state)
{
    /* a bombing (183) told elsewhere as fighting (194) */
    struct fw_event a = termez("r1"), b = termez("r2");
    snprintf(b.cameo, sizeof b.cameo, "183");
    struct fw_incident inc = incident_of(&a);
    assert_true(merges(&inc, &b)); /* source, target, town, day, rockets: far more than enough */
    struct fw_incident_verdict v;
    fw_incident_decide(&inc, &b, NULL, &v);
    assert_non_null(strstr(v.why, "root=18~19"));
    /* another root of the family needs one point more than the same root: the source (2) and
     * the town (1) merge one root, not two */
    struct fw_event c = termez("r3");
    c.tgt.code[0] = 0;
    c.qty = -1;
    c.date_source = FW_DSRC_LEAD;
    struct fw_incident first = incident_of(&c);
    first.date_exact = 0;
    first.qty = -1;
    first.tgt[0] = 0;
    struct fw_event same = termez("r4");
    same.tgt.code[0] = 0, same.qty = -1, same.date_source = FW_DSRC_LEAD;
    assert_true(merges(&first, &same));
    snprintf(same.cameo, sizeof same.cameo, "183");
    assert_false(merges(&first, &same));
    /* a threat (13) and an attack (19): another kind of happening, whatever agrees */
    struct fw_event t = termez("r5");
    snprintf(t.cameo, sizeof t.cameo, "138");
    assert_false(merges(&inc, &t));
    /* speech: a statement (010) and a consultation (040) with the same people named */
    struct fw_event s1 = hearing("s1", "010", "---GOV", "---LEG"), s2 = hearing("s2", "043", "---LEG", "---GOV");
    struct fw_incident hi = incident_named(&s1, "Kurt Volker and Tim Morrison testified before the committee.");
    assert_true(merges_named(&hi, &s2, "Lawmakers questioned Volker and Morrison for hours."));
    /* ... the same without the names: nothing but generic sectors agree */
    assert_false(merges_named(&hi, &s2, "Lawmakers questioned two witnesses for hours."));
    /* a material act (06: cooperation) is not a speech act */
    snprintf(s2.cameo, sizeof s2.cameo, "061");
    assert_false(merges_named(&hi, &s2, "Lawmakers questioned Volker and Morrison for hours."));
    /* buckets: a family shares them (so its roots meet), others keep their own */
    char b0[24], b1[24];
    inc = incident_of(&a);
    fw_incident_bucket(&inc, b0);
    fw_incident_bucket(&hi, b1);
    assert_string_equal(b0, "18:2022-04-18:UZ");
    assert_string_equal(b1, "01:2019-11-19:--");
    snprintf(s2.cameo, sizeof s2.cameo, "120");
    fw_incident_from_event(&hi, &s2, NULL, 1);
    fw_incident_bucket(&hi, b1);
    assert_string_equal(b1, "01:2019-11-19:--");
    snprintf(s2.cameo, sizeof s2.cameo, "090");
    fw_incident_from_event(&hi, &s2, NULL, 1);
    fw_incident_bucket(&hi, b1);
    assert_string_equal(b1, "09:2019-11-19:--");
    /* bad input: a root out of CAMEO is its own kind, never a crash */
    snprintf(s2.cameo, sizeof s2.cameo, "9Z");
    assert_false(merges_named(&inc, &s2, NULL));
}

/* Who did what to whom: the coder often reads a speech act both ways round ("lawmakers grilled
 * Vindman" / "Vindman told lawmakers"); crossed actors then agree. Not in force or violence (15-20), where the
 * direction tells an attack from the reprisal. */
static void test_roles_swapped(void **state)
{
    struct fw_event a = hearing("w1", "040", "---CRMMED", "---GOVMED"), b = hearing("w2", "040", "---GOVMED", "---CRMMED");
    struct fw_incident inc;
    fw_incident_from_event(&inc, &a, NULL, 1);
    struct fw_incident_verdict v;
    fw_incident_decide(&inc, &b, NULL, &v);
    print_message("  %s\n", v.why);
    assert_true(v.merge); /* two specific actors, crossed */
    assert_non_null(strstr(v.why, "roles=swapped"));
    /* straight roles are tried first: no swap when they fit */
    fw_incident_decide(&inc, &a, NULL, &v);
    assert_null(strstr(v.why, "roles=swapped"));
    /* violence: UZB's army attacking ISKP is not ISKP attacking UZB's army */
    struct fw_event x = termez("w3"), y = termez("w4");
    snprintf(y.src.code, sizeof y.src.code, "UZBMIL");
    snprintf(y.tgt.code, sizeof y.tgt.code, "AFGIMGMUSISI");
    inc = incident_of(&x);
    assert_false(merges(&inc, &y));
    /* the store's quick look at the actors agrees with the decision both ways */
    struct fw_incident sp;
    fw_incident_from_event(&sp, &a, NULL, 1);
    struct fw_buf enc;
    fw_buf_init(&enc, 0);
    fw_incident_encode(&sp, &enc);
    assert_false(fw_incident_quick_reject(enc.p, enc.len, &b));
    fw_buf_reset(&enc);
    fw_incident_encode(&inc, &enc);
    assert_true(fw_incident_quick_reject(enc.p, enc.len, &y));
    fw_buf_fini(&enc);
}

/* Names: a typographic apostrophe or quote ends a word ("Epstein’s" is Epstein), and many names in
 * common count more than two. */
static void test_names_typography_and_many(void **state)
{
    struct fw_incident_names a, b;
    fw_incident_names_of("Far from clearing his name of Epstein\xe2\x80\x99s crimes, Prince Andrew spoke.", NULL, &a);
    fw_incident_names_of("In an interview about Jeffrey Epstein, Emily Maitlis pressed Andrew.", NULL, &b);
    int shared = 0;
    for (int i = 0; i < b.n; i++)
        for (int j = 0; j < a.n; j++) shared += a.h[j] == b.h[i];
    assert_int_equal(shared, 2); /* Epstein, Andrew */
    fw_incident_names_of("\xe2\x80\x9c" "Neumann\xe2\x80\x9d \xc2\xab" "WeWork\xc2\xbb\xc2\xa0" "Adam \xe2", NULL, &a);
    assert_int_equal(a.n, 3); /* quotes, guillemets and a no-break space around; a cut byte at the end */
    /* two names and nothing else: apart; four: a point more, with the day as both texts state it */
    struct fw_event e1 = hearing("m1", "010", "", ""), e2 = hearing("m2", "010", "", "");
    e1.date_source = e2.date_source = FW_DSRC_LEAD;
    struct fw_incident inc = incident_named(&e1, "Volker, Morrison, Vindman and Williams testified.");
    assert_false(merges_named(&inc, &e2, "Volker and Morrison said so."));
    assert_false(merges_named(&inc, &e2, "Volker, Morrison and Vindman said so."));
    assert_true(merges_named(&inc, &e2, "Volker, Morrison, Vindman and Williams said so."));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_actor_codes),
        cmocka_unit_test(test_same_attack_across_reports),
        cmocka_unit_test(test_two_attacks_same_day_same_province),
        cmocka_unit_test(test_refine_and_determinism),
        cmocka_unit_test(test_names_and_tolerances),
        cmocka_unit_test(test_buckets),
        cmocka_unit_test(test_compact_form),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_root_families),
        cmocka_unit_test(test_roles_swapped),
        cmocka_unit_test(test_names_typography_and_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
