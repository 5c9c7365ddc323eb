/* feedwire events: code an article (HTML or plain text) or a JSONL batch of
 * texts into events, one JSON object per line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_code.h"
#include "feedwire/fw_extract.h"
#include "feedwire/fw_record.h"
#include "feedwire/fw_version.h"
#include "tool.h"

#define INPUT_MAX (16u << 20)

static void usage(FILE *f)
{
    fprintf(f, "usage: feedwire events [--published YYYY-MM-DD] [--text] [--dict-dir DIR] FILE|-\n"
               "       feedwire events [--dict-dir DIR] --jsonl-in FILE|-\n"
               "Codes an article into events, one JSON object per line, as the daemon publishes them\n"
               "(schema feedwire.event.v1: {schema, schema_version, id, article_id, article_url, date,\n"
               "date_precision, date_source, source{text,code,country,sector}, target{...}, cameo, plover,\n"
               "modality, location|null, quantity|null, killed, wounded, sentence, offsets, confidence});\n"
               "article_id and article_url are FILE.\n"
               "  --published D   publication date the text's dates resolve against (default today)\n"
               "  --text          the input is plain text (default: an article page, whose main text the extractor takes)\n"
               "  --dict-dir DIR  dictionaries (and gazetteer.idx) to code with; the indexes a build\n"
               "                  makes (gazetteer.idx) are also looked for beside the binary\n"
               "                  (default %s/dict, else the source tree's conf/dict)\n"
               "  --min-confidence X  leave out events the coder is less sure of than X, 0..1\n"
               "                  (default %.2g, as code.min_confidence)\n"
               "  --plover V      PLOVER vocabulary: 0.5 (default, as code.plover) or 0.8 (the 2021 draft)\n"
               "  --jsonl-in F    lines {\"id\", \"published\", \"text\"[, \"url\"]}: article_id is id, article_url\n"
               "                  url (else id); each line opens with \"article\": id, the batch tag\n"
               "Exit: 0 ok, 1 bad input, 2 usage.\n",
            FW_DATADIR, FW_CODE_MIN_CONFIDENCE);
}

static int parse_ymd(const char *s, struct fw_ymd *d)
{
    char tail;
    if (!s || sscanf(s, "%4d-%2d-%2d%c", &d->y, &d->m, &d->d, &tail) != 3) return 0;
    return d->y >= 1900 && d->y <= 2200 && d->m >= 1 && d->m <= 12 && d->d >= 1 && d->d <= 31;
}

/* The article as the daemon sees it: fw_extract's main text (no menus, teasers
 * or footers) and, when the page states one, its publication date. */
static int html_to_text(const struct fw_buf *in, struct fw_buf *out, struct fw_ymd *page_pub, char *err,
                        size_t errsz)
{
    struct fw_article *art = NULL;
    if (fw_extract(in->p, in->len, NULL, NULL, &art, err, errsz) != FW_OK) return 0;
    fw_buf_adds(out, art->text);
    if (art->published && strlen(art->published) >= 10) {
        char day[11];
        memcpy(day, art->published, 10);
        day[10] = 0;
        if (!parse_ymd(day, page_pub)) *page_pub = (struct fw_ymd){0, 0, 0};
    }
    fw_article_free(art);
    return 1;
}

static const char *default_dict_dir(void)
{
    static char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/CAMEO2PLOVER-2021.txt", FW_DATADIR); /* the installed dictionaries */
    if (stat(path, &st) == 0) return FW_DATADIR;
    snprintf(path, sizeof path, "%s/dict", FW_DATADIR);
    if (stat(path, &st) == 0) return path;
    snprintf(path, sizeof path, "%s/conf/dict", FW_SOURCE_DIR);
    return path;
}

/* Each event as the daemon publishes it (fw_record: schema feedwire.event.v1); the
 * article is id at url. */
/* tag: a batch (--jsonl-in) line's event opens with "article": the input line's id, the tag
 * batch scorers read; the rest of the line is the published message byte for byte. */
static int emit(const struct fw_coder *c, const char *id, const char *url, const char *text, size_t len,
                struct fw_ymd pub, int tag)
{
    struct fw_event_list l = {0};
    char err[256];
    if (fw_code_article(c, id, text, len, pub, &l, err, sizeof err) != FW_OK) {
        fprintf(stderr, "feedwire events: %s%s%s\n", id ? id : "", id ? ": " : "", err);
        return 0;
    }
    struct fw_record_article art = {.id = id, .url = url, .text = text, .events = l.ev, .nevents = l.n};
    struct fw_buf out;
    fw_buf_init(&out, 0);
    int ok = 1;
    for (size_t i = 0; i < l.n && ok; i++) {
        fw_buf_reset(&out);
        if (fw_record_event_json(&l.ev[i], &art, &out, err, sizeof err) != FW_OK) {
            fprintf(stderr, "feedwire events: %s: %s\n", id, err);
            ok = 0;
        } else if (tag && out.len > 1) {
            json_t *j = json_string(id);
            char *js = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
            printf("{\"article\":%s,%s\n", js ? js : "null", out.p + 1);
            free(js);
            json_decref(j);
        } else {
            puts(out.p);
        }
    }
    fw_buf_fini(&out);
    fw_event_list_fini(&l);
    return ok;
}

static int run_jsonl(const struct fw_coder *c, struct fw_buf *in, struct fw_ymd today)
{
    int bad = 0;
    size_t pos = 0, lineno = 0;
    while (pos < in->len) {
        char *nl = memchr(in->p + pos, '\n', in->len - pos);
        size_t n = nl ? (size_t)(nl - (in->p + pos)) : in->len - pos;
        lineno++;
        json_error_t je;
        json_t *o = n ? json_loadb(in->p + pos, n, 0, &je) : NULL;
        pos += n + 1;
        if (!n) continue;
        const char *text = o ? json_string_value(json_object_get(o, "text")) : NULL;
        const char *id = o ? json_string_value(json_object_get(o, "id")) : NULL;
        const char *pubs = o ? json_string_value(json_object_get(o, "published")) : NULL;
        const char *url = o ? json_string_value(json_object_get(o, "url")) : NULL;
        struct fw_ymd pub = today;
        char idbuf[32];
        if (o && !id && json_is_integer(json_object_get(o, "id"))) {
            snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(json_object_get(o, "id")));
            id = idbuf;
        }
        if (!text || !id || (pubs && !parse_ymd(pubs, &pub))) {
            fprintf(stderr, "feedwire events: line %zu: need {\"id\", \"published\": \"YYYY-MM-DD\", \"text\"}\n", lineno);
            bad = 1;
        } else if (!emit(c, id, url && *url ? url : id, text, json_string_length(json_object_get(o, "text")), pub, 1)) {
            bad = 1;
        }
        json_decref(o);
    }
    return bad ? TOOL_BADINPUT : TOOL_OK;
}

int tool_events_main(int argc, char **argv)
{
    if (tool_wants_help(argc, argv)) {
        usage(stdout);
        return TOOL_OK;
    }
    const char *published = NULL, *dict = NULL, *jsonl = NULL, *file = NULL;
    int text = 0;
    double min_conf = FW_CODE_MIN_CONFIDENCE;
    const char *plover = "0.5";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--text")) text = 1;
        else if (!strcmp(a, "--published") && i + 1 < argc) published = argv[++i];
        else if (!strcmp(a, "--dict-dir") && i + 1 < argc) dict = argv[++i];
        else if (!strcmp(a, "--plover") && i + 1 < argc) {
            plover = argv[++i];
            if (strcmp(plover, "0.5") && strcmp(plover, "0.8")) {
                fprintf(stderr, "feedwire events: --plover wants 0.5 or 0.8, not '%s'\n", plover);
                return TOOL_USAGE;
            }
        } else if (!strcmp(a, "--min-confidence") && i + 1 < argc) {
            char *end;
            min_conf = strtod(argv[++i], &end);
            if (*end || end == argv[i] || min_conf < 0 || min_conf > 1) {
                fprintf(stderr, "feedwire events: --min-confidence wants a number from 0 to 1, not '%s'\n", argv[i]);
                return TOOL_USAGE;
            }
        }
        else if (!strcmp(a, "--jsonl-in") && i + 1 < argc) jsonl = argv[++i];
        else if ((a[0] != '-' || !strcmp(a, "-")) && !file) file = a;
        else {
            usage(stderr);
            return TOOL_USAGE;
        }
    }
    if ((!file && !jsonl) || (file && jsonl)) {
        usage(stderr);
        return TOOL_USAGE;
    }
    struct fw_ymd pub;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    struct fw_ymd today = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    pub = today;
    if (published && !parse_ymd(published, &pub)) {
        fprintf(stderr, "feedwire events: --published wants YYYY-MM-DD, not '%s'\n", published);
        return TOOL_USAGE;
    }
    char err[512];
    int rc = TOOL_OK;
    struct fw_buf in, txt;
    fw_buf_init(&in, INPUT_MAX);
    fw_buf_init(&txt, INPUT_MAX);
    /* the indexes a build makes (gazetteer.idx) sit beside the binary in a build tree */
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    char *slash = strrchr(exe, '/');
    if (slash) *slash = 0;
    struct fw_coder_opts co = {dict ? dict : default_dict_dir(), exe[0] ? exe : NULL, min_conf, plover};
    struct fw_coder *c = fw_coder_new_opts(&co, err, sizeof err);
    if (!c) {
        fprintf(stderr, "feedwire events: %s\n", err);
        rc = TOOL_BADINPUT;
        goto out;
    }
    if (!fw_coder_has_geo(c))
        fprintf(stderr, "feedwire events: no gazetteer.idx in %s%s%s: events carry no location "
                        "(build one with scripts/gazetteer.sh)\n", co.dict_dir, co.data_dir ? " or " : "",
                co.data_dir ? co.data_dir : "");
    if (fw_buf_read_file(&in, jsonl ? jsonl : file, err, sizeof err) != FW_OK) {
        fprintf(stderr, "feedwire events: %s\n", err);
        rc = TOOL_BADINPUT;
        goto out;
    }
    if (!in.p) fw_buf_adds(&in, "");
    if (jsonl) {
        rc = run_jsonl(c, &in, today);
        goto out;
    }
    if (!text) {
        struct fw_ymd page = {0, 0, 0};
        if (!html_to_text(&in, &txt, &page, err, sizeof err)) {
            fprintf(stderr, "feedwire events: %s: %s (use --text for plain text)\n", file, err);
            rc = TOOL_BADINPUT;
            goto out;
        }
        if (!published && page.y) pub = page; /* the page's own date anchors its relative dates */
        if (!txt.p) fw_buf_adds(&txt, "");
    }
    const struct fw_buf *src = text ? &in : &txt;
    if (!emit(c, file, file, src->p, src->len, pub, 0)) rc = TOOL_BADINPUT;
out:
    fw_coder_free(c);
    fw_buf_fini(&in);
    fw_buf_fini(&txt);
    return rc;
}
