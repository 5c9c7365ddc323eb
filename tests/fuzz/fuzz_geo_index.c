/* fw_geo_open and lookups on a damaged index: the input is a list of (offset, byte) patches
 * (3 bytes each: 16-bit little-endian offset, value) applied to the fixture-built index, so
 * every input is a near-valid file that must be refused or queried without a bad read. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_geo.h"

static struct fw_buf good;
static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *root = getenv("FW_SOURCE_DIR");
    char data[4096], iso[4096], err[256];
    snprintf(data, sizeof data, "%s/tests/data/geo", root ? root : ".");
    snprintf(iso, sizeof iso, "%s/tests/data/geo/iso", root ? root : ".");
    snprintf(path, sizeof path, "/tmp/fw-fuzz-geoidx-%ld.idx", (long)getpid());
    struct fw_geo_build_opts o = {.geonames = data, .iso_dir = iso};
    fw_buf_init(&good, 0);
    if (fw_geo_build(&o, path, NULL, err, sizeof err) != FW_OK || fw_buf_read_file(&good, path, err, sizeof err)) {
        fprintf(stderr, "fixture index: %s (set FW_SOURCE_DIR)\n", err);
        exit(1);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *img = malloc(good.len);
    memcpy(img, good.p, good.len);
    size_t len = good.len;
    for (size_t i = 0; i + 3 <= size; i += 3) {
        size_t off = (size_t)data[i] | (size_t)data[i + 1] << 8;
        if (off == 0xFFFF) len = len > 64 ? len - (data[i + 2] + 1u) : len; /* truncate */
        else img[off % good.len] = (char)data[i + 2];
    }
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    fwrite(img, 1, len, f);
    fclose(f);
    free(img);
    char err[256];
    struct fw_geo *g = fw_geo_open(path, err, sizeof err);
    if (g) {
        static const char *const probes[] = {"Termez", "Tripoli, Lebanon", "Iraqi", "U.S.", "Dera Ismail Khan",
                                             "Baghdad", "UZB", "Mazar-e Sharif"};
        struct fw_place p;
        char hints[12];
        for (size_t k = 0; k < sizeof probes / sizeof probes[0]; k++) {
            const char *s = probes[k];
            if (fw_geo_match(g, s, strlen(s), "LB,UZ", &p)) (void)strlen(p.name), (void)strlen(p.admin1);
            if (fw_geo_country(g, s, strlen(s), &p)) (void)strlen(p.name);
            fw_geo_article_countries(g, s, strlen(s), hints, sizeof hints);
        }
        fw_geo_country_by_code(g, "LBN", &p);
        fw_geo_country_by_code(g, "LB", &p);
        fw_geo_free(g);
    }
    return 0;
}
