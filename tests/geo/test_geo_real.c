/* fw_geo over the real index (scripts/gazetteer.sh): skipped (77) when it was not built.
 * Index: $FW_GEO_INDEX, else $FW_BUILD_DIR/gazetteer.idx. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedwire/fw_geo.h"

static struct fw_geo *geo;

static size_t m(const char *s, const char *hint, struct fw_place *p)
{
    return fw_geo_match(geo, s, strlen(s), hint, p);
}

static size_t c(const char *s, struct fw_place *p)
{
    return fw_geo_country(geo, s, strlen(s), p);
}

static void test_issue_example(void **state)
{
    struct fw_place p;
    assert_int_equal(m("Termez", NULL, &p), 6);
    assert_string_equal(p.cc2, "UZ");
    assert_string_equal(p.cc3, "UZB");
    assert_true(p.lat > 37.1 && p.lat < 37.4 && p.lon > 67.1 && p.lon < 67.4);
    assert_int_equal(c("Iraqi", &p), 5);
    assert_string_equal(p.cc3, "IRQ");
    assert_int_equal(c("Malian", &p), 6);
    assert_string_equal(p.cc3, "MLI");
    assert_int_equal(c("U.S.", &p), 4);
    assert_string_equal(p.cc3, "USA");
}

static void test_hint(void **state)
{
    struct fw_place p;
    assert_int_equal(m("Tripoli", "LB", &p), 7);
    assert_string_equal(p.cc2, "LB");
    assert_int_equal(m("Tripoli", "LY", &p), 7);
    assert_string_equal(p.cc2, "LY");
    assert_int_equal(m("Paris", "US", &p), 5);       /* Paris, Texas does not win over Paris */
    assert_string_equal(p.cc2, "FR");
}

static void test_common_words(void **state)
{
    static const char *const words[] = {"Of", "Police", "Mary", "Bar", "Many", "White House", "March", "Security",
                                        "President", "Sunday", "Islamic State", "The", "Ali", "Army", "Union",
                                        "Middle East", "Levant", "Red Sea"};
    struct fw_place p;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = m(words[i], NULL, &p);
        if (n) fprintf(stderr, "'%s' matched %s (%s)\n", words[i], p.name, p.cc2);
        assert_int_equal(n, 0);
    }
}

static void test_places(void **state)
{
    static const struct {
        const char *text, *cc2;
        int kind;
    } want[] = {
        {"Kabul", "AF", FW_PLACE_CITY},        {"Mosul", "IQ", FW_PLACE_CITY},
        {"Aleppo", "SY", FW_PLACE_CITY},       {"Mogadishu", "SO", FW_PLACE_CITY},
        {"Maiduguri", "NG", FW_PLACE_CITY},    {"Mazar-i-Sharif", "AF", FW_PLACE_CITY},
        {"Kyiv", "UA", FW_PLACE_CITY},         {"Kiev", "UA", FW_PLACE_CITY},
        {"Gao", "ML", FW_PLACE_CITY},          {"Iraq", "IQ", FW_PLACE_COUNTRY},
        {"Khyber Pakhtunkhwa", "PK", FW_PLACE_ADMIN1}, {"Georgia", "GE", FW_PLACE_COUNTRY},
        {"São Paulo", "BR", FW_PLACE_CITY},    {"Sao Paulo", "BR", FW_PLACE_CITY},
        /* a country GeoNames codes outside ISO 3166 (XK), and its towns */
        {"Kosovo", "XK", FW_PLACE_COUNTRY},    {"Pristina", "XK", FW_PLACE_CITY},
    };
    struct fw_place p;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        size_t n = m(want[i].text, NULL, &p);
        if (n != strlen(want[i].text) || strcmp(p.cc2, want[i].cc2) || p.kind != want[i].kind)
            fprintf(stderr, "'%s': %zu bytes, %s %s kind %d\n", want[i].text, n, n ? p.name : "-", n ? p.cc2 : "",
                    n ? p.kind : 0);
        assert_int_equal(n, strlen(want[i].text));
        assert_string_equal(p.cc2, want[i].cc2);
        assert_int_equal(p.kind, want[i].kind);
    }
    assert_int_equal(m("Zzyzxqville", NULL, &p), 0);
    assert_int_equal(m("Georgia", "US", &p), 7);
    assert_int_equal(p.kind, FW_PLACE_ADMIN1);
    assert_string_equal(p.cc2, "US");
    assert_int_equal(m("Albany", "US", &p), 6);
    assert_string_equal(p.admin1, "New York");
}

static void test_sentences(void **state)
{
    struct fw_geo_hit h[16];
    char hints[12];
    const char *s = "On April 18, ISKP fired ten Katyusha rockets at a military base in Termez.";
    int n = fw_geo_find(geo, s, strlen(s), NULL, h, 16);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].place.cc3, "UZB");
    assert_memory_equal(s + h[0].start, "Termez", 6);
    s = "Syrian officers today ended mediation efforts between rival militias in Tripoli as shells continued "
        "crashing into the north Lebanese port.";
    assert_true(fw_geo_article_countries(geo, s, strlen(s), hints, sizeof hints) >= 2);
    n = fw_geo_find(geo, s, strlen(s), hints, h, 16);
    assert_int_equal(n, 1);
    assert_string_equal(h[0].place.cc2, "LB");
    /* surnames, brands and words that name small towns somewhere stay unmatched */
    s = "Tim Taylor told Google that Leader Casino and Mary Police were at Ford.";
    n = fw_geo_find(geo, s, strlen(s), NULL, h, 16);
    for (int i = 0; i < n; i++)
        fprintf(stderr, "matched %.*s -> %s %s\n", (int)(h[i].end - h[i].start), s + h[i].start, h[i].place.name,
                h[i].place.cc2);
    assert_int_equal(n, 0);
    /* a first name is no place of the article's; a place before a designator is */
    s = "Kurt Volker and Tim Morrison testified on Tuesday.";
    assert_int_equal(fw_geo_article_countries(geo, s, strlen(s), hints, sizeof hints), 0);
    s = "Taliban fighters attacked a checkpoint in Kandahar Province on Tuesday.";
    assert_true(fw_geo_article_countries(geo, s, strlen(s), hints, sizeof hints) >= 1);
    assert_memory_equal(hints, "AF", 2);
    /* a sentence's first word is capitalized by grammar: a village that spells a common word
     * ("Going", in Tyrol) is no vote there, a city is ("Kabul is calm") */
    s = "\"Going home was hard,\" he said. Going back is harder.";
    assert_int_equal(fw_geo_article_countries(geo, s, strlen(s), hints, sizeof hints), 0);
    /* a town the text places in its region ("Monroe, La.", AP's abbreviation; "Mobile,
     * Alabama") is that town, though its name alone is a surname or a word the index holds
     * back; the region picks among homonyms */
    struct fw_place pl;
    s = "Monroe, La.";
    assert_true(fw_geo_match(geo, s, strlen(s), NULL, &pl) > 0);
    assert_string_equal(pl.cc2, "US");
    assert_string_equal(pl.admin1, "Louisiana");
    s = "Monroe, Mich., on Monday";
    assert_true(fw_geo_match(geo, s, strlen(s), NULL, &pl) > 0);
    assert_string_equal(pl.admin1, "Michigan");
    s = "Mobile, Alabama";
    assert_true(fw_geo_match(geo, s, strlen(s), NULL, &pl) > 0);
    assert_string_equal(pl.admin1, "Alabama");
    /* a hint gives way only to a city beside a village: Najaf, Iraq (480,000) over a Najaf of
     * 1,300 in a story that names Iran; Birmingham, Alabama in an American one */
    s = "Najaf";
    assert_true(fw_geo_match(geo, s, strlen(s), "IR", &pl) > 0);
    assert_string_equal(pl.cc2, "IQ");
    s = "Birmingham";
    assert_true(fw_geo_match(geo, s, strlen(s), "US", &pl) > 0);
    assert_string_equal(pl.cc2, "US");
    s = "Monroe said so.";
    assert_int_equal(fw_geo_match(geo, s, strlen(s), NULL, &pl), 0);
    s = "He said so. Kabul is calm.";
    assert_true(fw_geo_article_countries(geo, s, strlen(s), hints, sizeof hints) >= 1);
    assert_memory_equal(hints, "AF", 2);
}

int main(void)
{
    char err[512], path[4096];
    const char *env = getenv("FW_GEO_INDEX"), *bd = getenv("FW_BUILD_DIR");
    snprintf(path, sizeof path, "%s", env ? env : "");
    if (!env) snprintf(path, sizeof path, "%s/gazetteer.idx", bd ? bd : ".");
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "%s: not built (scripts/gazetteer.sh): skipped\n", path);
        return 77;
    }
    geo = fw_geo_open(path, err, sizeof err);
    if (!geo) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_issue_example),
        cmocka_unit_test(test_hint),
        cmocka_unit_test(test_common_words),
        cmocka_unit_test(test_places),
        cmocka_unit_test(test_sentences),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fw_geo_free(geo);
    return rc;
}
