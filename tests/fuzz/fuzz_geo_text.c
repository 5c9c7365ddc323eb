/* fw_geo lookups on arbitrary text, over the index built from tests/data/geo. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedwire/fw_geo.h"

static struct fw_geo *geo;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *root = getenv("FW_SOURCE_DIR");
    char data[4096], iso[4096], dem[4096], common[4096], out[64], err[256];
    snprintf(data, sizeof data, "%s/tests/data/geo", root ? root : ".");
    snprintf(iso, sizeof iso, "%s/tests/data/geo/iso", root ? root : ".");
    snprintf(dem, sizeof dem, "%s/conf/demonyms.tsv", root ? root : ".");
    snprintf(common, sizeof common, "%s/conf/geo-common-words.txt", root ? root : ".");
    snprintf(out, sizeof out, "/tmp/fw-fuzz-geo-%ld.idx", (long)getpid());
    struct fw_geo_build_opts o = {.geonames = data, .iso_dir = iso, .demonyms = dem, .common_words = common};
    if (fw_geo_build(&o, out, NULL, err, sizeof err) != FW_OK || !(geo = fw_geo_open(out, err, sizeof err))) {
        fprintf(stderr, "fixture index: %s (set FW_SOURCE_DIR)\n", err);
        exit(1);
    }
    unlink(out); /* the mapping stays valid */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct fw_place p;
    char hints[12], cc[3];
    for (size_t i = 0; i < size; i++) {
        size_t n = fw_geo_match(geo, s + i, size - i, i & 1 ? "LB,LY" : NULL, &p);
        if (n > size - i || (n && (!p.name || !p.admin1 || strlen(p.cc2) != 2))) abort();
        n = fw_geo_country(geo, s + i, size - i, &p);
        if (n > size - i || (n && p.kind != FW_PLACE_COUNTRY)) abort();
    }
    if (fw_geo_article_countries(geo, s, size, hints, sizeof hints) > 4) abort();
    fw_geo_main_country(geo, s, size, cc);
    struct fw_geo_hit h[16];
    int n = fw_geo_find(geo, s, size, hints[0] ? hints : NULL, h, 16);
    if (n < 0 || n > 16) abort();
    for (int i = 0; i < n; i++)
        if (h[i].start >= h[i].end || h[i].end > size || (i && h[i].start < h[i - 1].end)) abort();
    return 0;
}
