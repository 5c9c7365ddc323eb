/* Geocoding accuracy on plover-gsr records that carry an eventLoc: does fw_geo_find, as the
 * coder calls it, find the place named in the sentence (its name, or a place inside "town of Rafah"), and is its country the gold
 * country where one is given. The hints are fw_geo_article_countries of the sentence, as the
 * coder would pass them. Prints the figures; fails below the recorded floors. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "geo_corpus_common.h"

/* Floors: measured on the development half, rounded down (raise only). */
#define FLOOR_FOUND_PCT 91.0
#define FLOOR_COUNTRY_PCT 74.0

static int contains_ci(const char *hay, size_t haylen, const char *needle, size_t n)
{
    for (size_t i = 0; i + n <= haylen; i++)
        if (!strncasecmp(hay + i, needle, n)) return 1;
    return 0;
}

int main(void)
{
    struct fw_geo *g = geo_corpus_open();
    char path[4096];
    json_t *recs = geo_corpus_plover(path, sizeof path);
    int n = 0, found = 0, ncc = 0, ccok = 0;
    size_t i;
    json_t *r;
    json_array_foreach(recs, i, r) {
        json_t *loc = json_object_get(r, "eventLoc");
        const char *text = json_string_value(json_object_get(r, "text"));
        const char *name = json_string_value(json_object_get(loc, "name"));
        const char *gold_cc = json_string_value(json_object_get(loc, "country code"));
        if (!text || !name || !*name) continue;
        n++;
        if (gold_cc) ncc++;
        char hint[12];
        int has_hint = fw_geo_article_countries(g, text, strlen(text), hint, sizeof hint);
        size_t len = strlen(text);
        int hit = 0, cc_hit = 0;
        struct fw_geo_hit h[32];
        int nh = fw_geo_find(g, text, len, has_hint ? hint : NULL, h, 32);
        for (int k = 0; k < nh && !hit; k++) {
            const char *at = text + h[k].start;
            size_t m = h[k].end - h[k].start;
            /* the gold name, or the gold name inside the match ("Jaffna peninsula" / "Jaffna") */
            if (contains_ci(name, strlen(name), at, m) || contains_ci(at, m, name, strlen(name))) {
                hit = 1;
                cc_hit = gold_cc && !strcmp(h[k].place.cc2, gold_cc);
                if (!cc_hit && gold_cc) fprintf(stderr, "country: '%s' -> %s, gold %s\n", name, h[k].place.cc2, gold_cc);
            }
        }
        if (!hit) fprintf(stderr, "not found: '%s' in: %.100s\n", name, text);
        found += hit;
        ccok += cc_hit;
    }
    double fpct = n ? 100.0 * found / n : 0, cpct = ncc ? 100.0 * ccok / ncc : 0;
    printf("geo plover-gsr: %d records with eventLoc: place found %d (%.1f%%), country right %d/%d (%.1f%%)\n", n,
           found, fpct, ccok, ncc, cpct);
    printf("floors: found %.1f%%, country %.1f%%\n", FLOOR_FOUND_PCT, FLOOR_COUNTRY_PCT);
    json_decref(recs);
    fw_geo_free(g);
    return fpct < FLOOR_FOUND_PCT || cpct < FLOOR_COUNTRY_PCT;
}
