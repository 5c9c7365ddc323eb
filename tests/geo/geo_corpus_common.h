/* Shared by the geo corpus test and benchmark: the real index and the plover-gsr sentences.
 * Header-only, tests only. */
#ifndef FW_GEO_CORPUS_COMMON_H
#define FW_GEO_CORPUS_COMMON_H
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "feedwire/fw_geo.h"

/* The real index ($FW_GEO_INDEX or $FW_BUILD_DIR/gazetteer.idx), or exit 77 if not built. */
static inline struct fw_geo *geo_corpus_open(void)
{
    char path[4096], err[512];
    const char *env = getenv("FW_GEO_INDEX"), *bd = getenv("FW_BUILD_DIR");
    if (env) snprintf(path, sizeof path, "%s", env);
    else snprintf(path, sizeof path, "%s/gazetteer.idx", bd ? bd : ".");
    if (access(path, R_OK) != 0) {
        fprintf(stderr, "%s: not built (scripts/gazetteer.sh): skipped\n", path);
        exit(77);
    }
    struct fw_geo *g = fw_geo_open(path, err, sizeof err);
    if (!g) {
        fprintf(stderr, "%s\n", err);
        exit(1);
    }
    return g;
}

/* The records of plover-gsr (development half), or exit 77 without the corpus. */
static inline json_t *geo_corpus_plover(char *path, size_t pathsz)
{
    const char *dir = getenv("FW_CORPUS_DIR");
    snprintf(path, pathsz, "%s/plover-gsr/PLOVER_GSR_CAMEO.json", dir ? dir : "../shared/corpus");
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (!j || !json_is_array(j)) {
        fprintf(stderr, "%s: %s: skipped\n", path, j ? "not a list" : je.text);
        exit(77);
    }
    return j;
}
#endif
