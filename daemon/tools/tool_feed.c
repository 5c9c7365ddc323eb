/* feedwire feed [--json] [--url URL] [--content-type CT] FILE|- */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_date.h"
#include "feedwire/fw_feed.h"
#include "tool.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: feedwire feed [--json] [--url URL] [--content-type TYPE] FILE|-\n"
               "Parses an RSS, Atom or JSON feed as the daemon does and prints a summary, or with\n"
               "--json the normalized model: {\"feed\": {...}, \"entries\": [...], \"bozo\": ..., \"bozo_reason\": ...}.\n"
               "  --url URL            the feed's URL: base for relative links\n"
               "  --content-type TYPE  the HTTP Content-Type it was served with (charset rules)\n"
               "Exit: 0 parsed (even if bozo), 1 unreadable or not a feed, 2 usage.\n");
}

static void print_time(const char *label, int64_t t)
{
    char s[32];
    if (t == FW_FEED_NO_TIME) return;
    fw_date_format_rfc3339(t, s);
    printf("%s%s", label, s);
}

static void summary(const struct fw_feed_doc *doc)
{
    printf("%s %s: %s\n", doc->version[0] ? doc->version : "feed", doc->encoding ? doc->encoding : "",
           doc->title ? doc->title : "(untitled)");
    if (doc->link) printf("  link: %s\n", doc->link);
    if (doc->ttl_min >= 0) printf("  ttl: %d min\n", doc->ttl_min);
    if (doc->bozo) printf("  bozo: %s\n", doc->bozo_reason);
    printf("  %zu entr%s\n", doc->nentries, doc->nentries == 1 ? "y" : "ies");
    for (size_t i = 0; i < doc->nentries; i++) {
        const struct fw_feed_entry *e = &doc->entries[i];
        int64_t t = e->published != FW_FEED_NO_TIME ? e->published : e->updated;
        printf("  - ");
        if (t != FW_FEED_NO_TIME) print_time("", t), printf("  ");
        printf("%s\n    %s\n", e->title ? e->title : "(untitled)", e->link ? e->link : e->id);
    }
}

int tool_feed_main(int argc, char **argv)
{
    const char *path = NULL, *url = NULL, *ct = NULL;
    int json = 0;
    if (tool_wants_help(argc, argv)) {
        usage(stdout);
        return TOOL_OK;
    }
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json")) json = 1;
        else if (!strcmp(argv[i], "--url") && i + 1 < argc) url = argv[++i];
        else if (!strcmp(argv[i], "--content-type") && i + 1 < argc) ct = argv[++i];
        else if (!path && (argv[i][0] != '-' || !strcmp(argv[i], "-"))) path = argv[i];
        else {
            usage(stderr);
            return TOOL_USAGE;
        }
    }
    if (!path) {
        usage(stderr);
        return TOOL_USAGE;
    }
    struct fw_buf body;
    fw_buf_init(&body, FW_FEED_MAX_BYTES + 1);
    char err[256];
    struct fw_feed_doc *doc = NULL;
    int rc = TOOL_OK;
    enum fw_err e = fw_buf_read_file(&body, path, err, sizeof err);
    if (e == FW_OK) e = fw_feed_parse(body.p ? body.p : "", body.len, url, ct, &doc, err, sizeof err);
    if (e != FW_OK) {
        fprintf(stderr, "feedwire feed: %s: %s: %s\n", path, fw_err_str(e), err);
        if (json) { /* still one JSON answer, so scripts need no special case */
            json_t *j = json_pack("{s:{}, s:[], s:b, s:s, s:s}", "feed", "entries", "bozo", 1, "bozo_reason", err, "error",
                                  fw_err_str(e));
            json_dumpf(j, stdout, JSON_INDENT(2) | JSON_ENSURE_ASCII);
            putchar('\n');
            json_decref(j);
        }
        rc = TOOL_BADINPUT;
    } else if (json) {
        json_t *j = fw_feed_doc_to_json(doc);
        json_dumpf(j, stdout, JSON_INDENT(2) | JSON_ENSURE_ASCII);
        putchar('\n');
        json_decref(j);
    } else {
        summary(doc);
    }
    fw_feed_doc_free(doc);
    fw_buf_fini(&body);
    return rc;
}
