/* bench_extract: fw_extract over a list of pages in one process, beside
 * libxml2's bare parse of the same bytes. Reading and gunzipping the files
 * is outside the timed parts; each page is held in memory only while it is
 * processed, so peak RSS is the extractor's, not the corpus'.
 * Usage: bench_extract LIST (one path a line, .gz read transparently).
 * Prints key=value lines for tests/bench/bench_extract.py. */
#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <zlib.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_extract.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine is shared */
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int load(const char *path, struct fw_buf *b)
{
    gzFile gz = gzopen(path, "rb");
    if (!gz) return -1;
    char chunk[65536];
    int n;
    fw_buf_reset(b);
    while ((n = gzread(gz, chunk, sizeof chunk)) > 0)
        if (fw_buf_add(b, chunk, (size_t)n) != FW_OK) break;
    gzclose(gz);
    return n < 0 ? -1 : 0;
}

static void noop(void *ctx, const char *fmt, ...)
{
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bench_extract LIST\n");
        return 2;
    }
    FILE *lf = fopen(argv[1], "r");
    if (!lf) {
        perror(argv[1]);
        return 1;
    }
    char **paths = NULL;
    size_t np = 0, cap = 0;
    char line[4096];
    while (fgets(line, sizeof line, lf)) {
        line[strcspn(line, "\t\r\n")] = 0;
        if (!line[0]) continue;
        if (np == cap) paths = fw_xrealloc(paths, (cap = cap ? cap * 2 : 256) * sizeof *paths);
        paths[np++] = fw_xstrdup(line);
    }
    fclose(lf);
    xmlSetGenericErrorFunc(NULL, noop);

    struct fw_buf b;
    fw_buf_init(&b, FW_EXTRACT_MAX_INPUT);
    double t_parse = 0, t_extract = 0, bytes = 0;
    size_t ok = 0, failed = 0, chars = 0;
    /* warm-up run over the first pages, so that neither pass pays for page faults of the other */
    for (size_t i = 0; i < np && i < 20; i++) {
        if (load(paths[i], &b)) continue;
        xmlFreeDoc(htmlReadMemory(b.p, (int)b.len, NULL, NULL, HTML_PARSE_NONET | HTML_PARSE_NOERROR));
    }
    for (size_t i = 0; i < np; i++) {
        if (load(paths[i], &b)) continue;
        bytes += (double)b.len;
        double t0 = now_s();
        htmlDocPtr doc = htmlReadMemory(b.p, (int)b.len, NULL, NULL,
                                        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                            HTML_PARSE_RECOVER | HTML_PARSE_COMPACT);
        xmlFreeDoc(doc);
        t_parse += now_s() - t0;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    long rss_parse = ru.ru_maxrss;
    for (size_t i = 0; i < np; i++) {
        if (load(paths[i], &b)) continue;
        struct fw_article *art = NULL;
        char err[256];
        double t0 = now_s();
        enum fw_err rc = fw_extract(b.p, b.len, NULL, NULL, &art, err, sizeof err);
        if (rc == FW_OK) chars += strlen(art->text);
        fw_article_free(art);
        t_extract += now_s() - t0;
        if (rc == FW_OK) ok++;
        else failed++;
    }
    getrusage(RUSAGE_SELF, &ru);
    printf("pages=%zu\nfailed=%zu\nmbytes=%.2f\n", ok + failed, failed, bytes / 1e6);
    printf("libxml2_parse_s=%.3f\nfw_extract_s=%.3f\n", t_parse, t_extract);
    printf("fw_extract_pages_s=%.1f\nfw_extract_mb_s=%.2f\n", (double)(ok + failed) / t_extract, bytes / 1e6 / t_extract);
    printf("libxml2_pages_s=%.1f\n", (double)(ok + failed) / t_parse);
    printf("peak_rss_mb=%.1f\nparse_only_peak_rss_mb=%.1f\ntext_chars=%zu\n", ru.ru_maxrss / 1024.0,
           rss_parse / 1024.0, chars);
    for (size_t i = 0; i < np; i++) free(paths[i]);
    free(paths);
    fw_buf_fini(&b);
    return 0;
}
