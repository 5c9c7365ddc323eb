/* bench_feed LISTFILE: parses every feed named in LISTFILE (one path a line)
 * in this one process, in rounds until at least FW_BENCH_SECONDS (default 3)
 * have passed, and prints one JSON line: feeds/s, MB/s, p50/p99 per feed,
 * peak RSS. The files are read into memory first: parsing is timed, not I/O. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_feed.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bench_feed LISTFILE\n");
        return 2;
    }
    FILE *lf = fopen(argv[1], "r");
    if (!lf) {
        perror(argv[1]);
        return 1;
    }
    struct fw_buf *bodies = NULL;
    size_t n = 0, bytes = 0;
    char line[4096], err[256];
    while (fgets(line, sizeof line, lf)) {
        line[strcspn(line, "\n")] = 0;
        if (!*line) continue;
        bodies = fw_xrealloc(bodies, (n + 1) * sizeof *bodies);
        fw_buf_init(&bodies[n], FW_FEED_MAX_BYTES);
        if (fw_buf_read_file(&bodies[n], line, err, sizeof err) != FW_OK) {
            fprintf(stderr, "%s: %s\n", line, err);
            fw_buf_fini(&bodies[n]);
            continue;
        }
        bytes += bodies[n].len;
        n++;
    }
    fclose(lf);
    if (!n) return 1;
    const char *env = getenv("FW_BENCH_SECONDS");
    double want = env ? atof(env) : 3.0;
    size_t cap = n * 64, nlat = 0, ok = 0, entries = 0;
    double *lat = fw_xmalloc(cap * sizeof *lat);
    double t0 = now(), elapsed = 0;
    size_t rounds = 0;
    while (elapsed < want || rounds == 0) {
        for (size_t i = 0; i < n; i++) {
            double s = now();
            struct fw_feed_doc *doc = NULL;
            if (fw_feed_parse(bodies[i].p ? bodies[i].p : "", bodies[i].len, NULL, NULL, &doc, err, sizeof err) == FW_OK) {
                ok++;
                entries += doc->nentries;
            }
            fw_feed_doc_free(doc);
            if (nlat < cap) lat[nlat++] = now() - s;
        }
        rounds++;
        elapsed = now() - t0;
    }
    qsort(lat, nlat, sizeof *lat, cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double parsed = (double)(n * rounds);
    printf("{\"impl\": \"feedwire\", \"files\": %zu, \"bytes\": %zu, \"rounds\": %zu, \"seconds\": %.3f, "
           "\"feeds_per_s\": %.1f, \"mb_per_s\": %.2f, \"p50_us\": %.1f, \"p99_us\": %.1f, \"peak_rss_kb\": %ld, "
           "\"parsed_ok\": %zu, \"entries\": %zu}\n",
           n, bytes, rounds, elapsed, parsed / elapsed, (double)bytes * (double)rounds / elapsed / 1e6,
           lat[nlat / 2] * 1e6, lat[nlat * 99 / 100] * 1e6, ru.ru_maxrss, ok / rounds, entries / rounds);
    for (size_t i = 0; i < n; i++) fw_buf_fini(&bodies[i]);
    free(bodies);
    free(lat);
    return 0;
}
