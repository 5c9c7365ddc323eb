/* feedwire extract: run the article extractor on saved pages. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_extract.h"
#include "tool.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: feedwire extract [--json] [--url URL] [--content-type TYPE] FILE|-\n"
               "       feedwire extract --jsonl [--from LIST] [FILE...]\n"
               "Extracts the main text and metadata of saved HTML pages (.gz read transparently).\n"
               "  --json          print one JSON object {url, canonical_url, title, author, authors,\n"
               "                  published, published_source, modified, language, site, sitename,\n"
               "                  description, text}\n"
               "  --url URL       the page's URL (resolves links, a date source)\n"
               "  --content-type  the HTTP Content-Type the page came with (its charset wins)\n"
               "  --jsonl         many files in one process: one JSON line each, with a \"file\" key\n"
               "                  (or an \"error\" key); exit 1 if any failed\n"
               "  --from LIST     with --jsonl: also the files named in LIST, one a line, each\n"
               "                  optionally followed by a tab and its URL\n"
               "Exit codes: 0 ok, 1 bad input, 2 usage.\n");
}

/* Reads a file, gunzipping when it is gzip, up to the extractor's limit. */
static enum fw_err read_input(const char *path, struct fw_buf *b, char *err, size_t errsz)
{
    int stdin_ = !strcmp(path, "-");
    gzFile gz = stdin_ ? gzdopen(dup(STDIN_FILENO), "rb") : gzopen(path, "rb");
    if (!gz) return fw_fail(err, errsz, FW_E_IO, "%s: %s", path, strerror(errno ? errno : ENOMEM));
    enum fw_err rc = FW_OK;
    char chunk[65536];
    for (;;) {
        int n = gzread(gz, chunk, sizeof chunk);
        if (n < 0) {
            int e;
            const char *m = gzerror(gz, &e);
            rc = fw_fail(err, errsz, FW_E_IO, "%s: %s", path, e == Z_ERRNO ? strerror(errno) : m);
            break;
        }
        if (n == 0) break;
        if (fw_buf_add(b, chunk, (size_t)n) != FW_OK) {
            rc = fw_fail(err, errsz, FW_E_TOOBIG, "%s: larger than the %zu-byte page limit", path,
                         (size_t)FW_EXTRACT_MAX_INPUT);
            break;
        }
    }
    gzclose(gz);
    return rc;
}

static int extract_one(const char *path, const char *url, const char *ctype, int json, int jsonl)
{
    struct fw_buf b;
    struct fw_article *art = NULL;
    char err[256];
    int rc = TOOL_OK;
    fw_buf_init(&b, FW_EXTRACT_MAX_INPUT);
    enum fw_err e = read_input(path, &b, err, sizeof err);
    if (e == FW_OK) e = fw_extract(b.p ? b.p : "", b.len, url, ctype, &art, err, sizeof err);
    if (e != FW_OK) {
        rc = TOOL_BADINPUT;
        if (jsonl) {
            json_t *o = json_object();
            json_object_set_new(o, "file", json_string(path));
            json_object_set_new(o, "error", json_string(err));
            char *s = json_dumps(o, JSON_COMPACT);
            if (s) puts(s);
            free(s);
            json_decref(o);
        } else {
            fprintf(stderr, "feedwire extract: %s: %s (%s)\n", path, fw_err_str(e), err);
        }
        goto out;
    }
    if (json || jsonl) {
        json_t *o = fw_article_to_json(art);
        if (jsonl) json_object_set_new(o, "file", json_string(path));
        char *s = json_dumps(o, jsonl ? JSON_COMPACT : JSON_INDENT(2));
        if (s) puts(s);
        free(s);
        json_decref(o);
    } else {
        const char *names[] = {"url", "canonical_url", "title", "author", "published", "modified", "language",
                               "sitename", "description"};
        const char *vals[] = {art->url,      art->canonical_url, art->title,    art->author,     art->published,
                              art->modified, art->language,      art->sitename, art->description};
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
            if (vals[i]) printf("%s: %s\n", names[i], vals[i]);
        printf("\n%s\n", art->text);
    }
out:
    fw_article_free(art);
    fw_buf_fini(&b);
    return rc;
}

/* --from LIST: "FILE[<TAB>URL]" lines. */
static int extract_list(const char *list, const char *ctype)
{
    FILE *f = strcmp(list, "-") ? fopen(list, "r") : stdin;
    if (!f) {
        fprintf(stderr, "feedwire extract: %s: %s\n", list, strerror(errno));
        return TOOL_BADINPUT;
    }
    int rc = TOOL_OK;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
        if (!n) continue;
        char *tab = strchr(line, '\t');
        if (tab) *tab++ = 0;
        if (extract_one(line, tab && *tab ? tab : NULL, ctype, 0, 1) != TOOL_OK) rc = TOOL_BADINPUT;
    }
    free(line);
    if (f != stdin) fclose(f);
    return rc;
}

int tool_extract_main(int argc, char **argv)
{
    const char *url = NULL, *ctype = NULL, *from = NULL;
    int json = 0, jsonl = 0, i;
    if (tool_wants_help(argc, argv)) {
        usage(stdout);
        return TOOL_OK;
    }
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        if (!strcmp(a, "--json")) json = 1;
        else if (!strcmp(a, "--jsonl")) jsonl = 1;
        else if (!strcmp(a, "--url") && i + 1 < argc) url = argv[++i];
        else if (!strcmp(a, "--content-type") && i + 1 < argc) ctype = argv[++i];
        else if (!strcmp(a, "--from") && i + 1 < argc) from = argv[++i];
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "feedwire extract: unknown or incomplete option '%s'\n", a);
            usage(stderr);
            return TOOL_USAGE;
        } else break;
    }
    int nfiles = argc - i;
    if ((!jsonl && (nfiles != 1 || from)) || (jsonl && (json || url || (nfiles < 1 && !from)))) {
        usage(stderr);
        return TOOL_USAGE;
    }
    int rc = from ? extract_list(from, ctype) : TOOL_OK;
    for (; i < argc; i++)
        if (extract_one(argv[i], url, ctype, json, jsonl) != TOOL_OK) rc = TOOL_BADINPUT;
    return rc;
}
