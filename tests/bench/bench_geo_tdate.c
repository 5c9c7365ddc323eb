/* Speed of fw_geo and fw_tdate as the coder uses them, over the plover-gsr sentences:
 * per sentence, fw_geo_article_countries then fw_geo_find (the hints and the places), and
 * fw_tdate_find.
 * Then the Python peers (geotext, dateparser) on the same sentences, and the ratios.
 * Figures only (label bench). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../geo/geo_corpus_common.h"
#include "feedwire/fw_tdate.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static volatile size_t sink; /* keeps the work from being optimized away */

static size_t geo_sentence(const struct fw_geo *g, const char *s, size_t len)
{
    char hints[12];
    struct fw_geo_hit h[32];
    int nh = fw_geo_article_countries(g, s, len, hints, sizeof hints);
    return (size_t)fw_geo_find(g, s, len, nh ? hints : NULL, h, 32);
}

int main(void)
{
    struct fw_geo *g = geo_corpus_open();
    char path[4096];
    json_t *recs = geo_corpus_plover(path, sizeof path);
    const char **sent = calloc(json_array_size(recs), sizeof *sent);
    size_t ns = 0, bytes = 0, i;
    json_t *r;
    json_array_foreach(recs, i, r) {
        const char *t = json_string_value(json_object_get(r, "text"));
        if (t && *t && !strchr(t, '\n')) sent[ns++] = t, bytes += strlen(t);
    }
    struct fw_geo_stats st;
    fw_geo_stats(g, &st);
    printf("index: %.1f MB, %zu places, %zu names\n", st.bytes / 1e6, st.places, st.names);

    size_t done = 0, hits = 0;
    double t0 = now(), t;
    do {
        for (size_t k = 0; k < ns; k++) hits += geo_sentence(g, sent[k], strlen(sent[k]));
        done += ns;
    } while ((t = now() - t0) < 1.0);
    sink += hits;
    double geo_sps = done / t;
    printf("fw_geo: %.0f sentences/s (article countries + fw_geo_find), %.2f places a sentence\n", geo_sps,
           (double)hits / done);

    done = 0;
    t0 = now();
    struct fw_tdate out[8];
    do {
        for (size_t k = 0; k < ns; k++)
            sink += (size_t)fw_tdate_find(sent[k], strlen(sent[k]), (struct fw_ymd){2022, 8, 31},
                                          (struct fw_ymd){0, 0, 0}, FW_PREC_NONE, out, 8);
        done += ns;
    } while ((t = now() - t0) < 1.0);
    double td_sps = done / t;
    printf("fw_tdate: %.0f sentences/s, %.1f MB/s\n", td_sps, td_sps * ((double)bytes / ns) / 1e6);

    /* the peers, on the same sentences */
    const char *py = getenv("FW_VENV_PYTHON"), *srcdir = getenv("FW_SOURCE_DIR");
    char tmp[] = "/tmp/fw-bench-geo-XXXXXX", cmd[8192];
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f && py && srcdir) {
        for (size_t k = 0; k < ns; k++) fprintf(f, "%s\n", sent[k]);
        fclose(f);
        snprintf(cmd, sizeof cmd, "'%s' '%s/tests/bench/peer_geo_tdate.py' '%s'", py, srcdir, tmp);
        FILE *p = popen(cmd, "r");
        char line[256], name[64];
        double v;
        while (p && fgets(line, sizeof line, p)) {
            if (sscanf(line, "%63s %lf", name, &v) == 2) {
                double mine = !strcmp(name, "geotext_sps") ? geo_sps : td_sps;
                printf("peer %s: %.1f sentences/s; feedwire/peer = %.2f\n", name, v, mine / v);
            } else {
                printf("peer: %s", line);
            }
        }
        if (p) pclose(p);
    } else {
        if (f) fclose(f);
        printf("peers: not run (FW_VENV_PYTHON or FW_SOURCE_DIR unset)\n");
    }
    unlink(tmp);
    printf("%zu sentences, %.0f bytes average\n", ns, (double)bytes / ns);
    free(sent);
    json_decref(recs);
    fw_geo_free(g);
    return 0;
}
