#include "feedwire/fw_feedlist.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "feedwire/fw_buf.h"

#define FEEDLIST_MAX_BYTES (16u << 20)
#define URL_MAX 4096
#define NAME_MAX_LEN 64
#define INTERVAL_MIN_S 10L
#define INTERVAL_MAX_S (30L * 86400)

long fw_parse_duration_s(const char *s)
{
    if (!s || !isdigit((unsigned char)*s)) return -1;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (errno || v < 0) return -1;
    long mul = 1;
    if (*end == 's') end++;
    else if (*end == 'm') mul = 60, end++;
    else if (*end == 'h') mul = 3600, end++;
    else if (*end == 'd') mul = 86400, end++;
    if (*end || v > LONG_MAX / mul) return -1;
    return v * mul;
}

const char *fw_feed_idkind_str(enum fw_feed_idkind k)
{
    switch (k) {
    case FW_FEED_ID_LINK: return "link";
    case FW_FEED_ID_HASH: return "hash";
    default: return "guid";
    }
}

const char *fw_feedlist_key(const struct fw_feedlist_entry *e)
{
    return e->name ? e->name : e->url;
}

void fw_feedlist_free(struct fw_feedlist *fl)
{
    if (!fl) return;
    for (size_t i = 0; i < fl->n; i++) {
        free(fl->v[i].url);
        free(fl->v[i].name);
    }
    free(fl->v);
    free(fl);
}

struct fw_feedlist *fw_feedlist_copy(const struct fw_feedlist *fl)
{
    struct fw_feedlist *out = fw_xcalloc(1, sizeof *out);
    out->v = fw_xcalloc(fl->n ? fl->n : 1, sizeof *out->v);
    for (size_t i = 0; i < fl->n; i++) {
        out->v[i] = fl->v[i];
        out->v[i].url = fw_xstrdup(fl->v[i].url);
        out->v[i].name = fl->v[i].name ? fw_xstrdup(fl->v[i].name) : NULL;
    }
    out->n = fl->n;
    return out;
}

static int valid_url(const char *u)
{
    size_t n = strlen(u);
    if (n > URL_MAX) return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)u[i] <= ' ' || u[i] == 0x7f) return 0;
    const char *rest;
    if (strncasecmp(u, "http://", 7) == 0) rest = u + 7;
    else if (strncasecmp(u, "https://", 8) == 0) rest = u + 8;
    else return 0;
    if (!*rest || *rest == '/') return 0; /* curl would take "http:///x" as host "x" */
    /* the same parser the scheduler uses to find the host, so no listed URL
     * can fail there */
    CURLU *cu = curl_url();
    char *host = NULL;
    int ok = curl_url_set(cu, CURLUPART_URL, u, 0) == CURLUE_OK &&
             curl_url_get(cu, CURLUPART_HOST, &host, 0) == CURLUE_OK && host && *host;
    curl_free(host);
    curl_url_cleanup(cu);
    return ok;
}

static int valid_name(const char *s)
{
    size_t n = strlen(s);
    if (!n || n > NAME_MAX_LEN) return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("._-", s[i])) return 0;
    return 1;
}

/* Appends an entry, checking URL and name for duplicates (lists are small:
 * hundreds of feeds, so a linear scan is fine and runs once at load). */
static enum fw_err add_entry(struct fw_feedlist *fl, const struct fw_feedlist_entry *e, const char *origin,
                             char *err, size_t errsz)
{
    for (size_t i = 0; i < fl->n; i++) {
        if (strcmp(fl->v[i].url, e->url) == 0)
            return fw_fail(err, errsz, FW_E_INVAL, "%s:%d: duplicate feed URL (first on line %d)", origin, e->line,
                           fl->v[i].line);
        if (e->name && fl->v[i].name && strcmp(fl->v[i].name, e->name) == 0)
            return fw_fail(err, errsz, FW_E_INVAL, "%s:%d: duplicate feed name '%s' (first on line %d)", origin,
                           e->line, e->name, fl->v[i].line);
    }
    fl->v = fw_xrealloc(fl->v, (fl->n + 1) * sizeof *fl->v);
    fl->v[fl->n] = *e;
    fl->v[fl->n].url = fw_xstrdup(e->url);
    fl->v[fl->n].name = e->name ? fw_xstrdup(e->name) : NULL;
    fl->n++;
    return FW_OK;
}

static enum fw_err parse_line(struct fw_feedlist *fl, char *line, int lineno, const char *origin, char *err,
                              size_t errsz)
{
    char *hash = strchr(line, '#');
    if (hash) *hash = 0;
    struct fw_feedlist_entry e = {.line = lineno};
    char *save = NULL;
    for (char *tok = strtok_r(line, " \t\r", &save); tok; tok = strtok_r(NULL, " \t\r", &save)) {
        if (!e.url) {
            if (!valid_url(tok))
                return fw_fail(err, errsz, FW_E_INVAL, "%s:%d: not an http(s) URL: %.200s", origin, lineno, tok);
            e.url = tok;
            continue;
        }
        char *eq = strchr(tok, '=');
        if (!eq) return fw_fail(err, errsz, FW_E_INVAL, "%s:%d: expected key=value, got '%.100s'", origin, lineno, tok);
        *eq = 0;
        const char *val = eq + 1;
        if (strcmp(tok, "name") == 0) {
            if (!valid_name(val))
                return fw_fail(err, errsz, FW_E_INVAL, "%s:%d: name must be 1-%d of [A-Za-z0-9._-]", origin, lineno,
                               NAME_MAX_LEN);
            e.name = (char *)val;
        } else if (strcmp(tok, "interval") == 0) {
            long s = fw_parse_duration_s(val);
            if (s < INTERVAL_MIN_S || s > INTERVAL_MAX_S)
                return fw_fail(err, errsz, FW_E_INVAL, "%s:%d: interval '%.40s' is not a duration from 10s to 30d",
                               origin, lineno, val);
            e.interval_s = s;
        } else if (strcmp(tok, "id") == 0) {
            if (strcmp(val, "guid") == 0) e.idkind = FW_FEED_ID_GUID;
            else if (strcmp(val, "link") == 0) e.idkind = FW_FEED_ID_LINK;
            else if (strcmp(val, "hash") == 0) e.idkind = FW_FEED_ID_HASH;
            else return fw_fail(err, errsz, FW_E_INVAL, "%s:%d: id must be guid, link or hash", origin, lineno);
        } else {
            return fw_fail(err, errsz, FW_E_INVAL, "%s:%d: unknown setting '%.40s'", origin, lineno, tok);
        }
    }
    if (!e.url) return FW_OK; /* blank or comment */
    return add_entry(fl, &e, origin, err, errsz);
}

static enum fw_err parse_text(struct fw_feedlist *fl, const char *p, size_t n, const char *origin, char *err,
                              size_t errsz)
{
    char *copy = fw_xstrndup(p, n);
    enum fw_err rc = FW_OK;
    int lineno = 0;
    char *s = copy;
    if ((unsigned char)s[0] == 0xef && (unsigned char)s[1] == 0xbb && (unsigned char)s[2] == 0xbf) s += 3;
    while (s && rc == FW_OK) {
        char *nl = strchr(s, '\n');
        if (nl) *nl = 0;
        lineno++;
        if (strlen(s) != (size_t)((nl ? nl : copy + n) - s))
            rc = fw_fail(err, errsz, FW_E_INVAL, "%s:%d: NUL byte in line", origin, lineno);
        else rc = parse_line(fl, s, lineno, origin, err, errsz);
        s = nl ? nl + 1 : NULL;
    }
    free(copy);
    return rc;
}

static char *xml_attr(xmlNode *node, const char *name)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    if (!v) return NULL;
    char *s = fw_xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

static enum fw_err walk_opml(struct fw_feedlist *fl, xmlNode *node, const char *origin, int depth, char *err,
                             size_t errsz)
{
    if (depth > 32) return fw_fail(err, errsz, FW_E_PARSE, "%s: outlines nested too deep", origin);
    for (xmlNode *c = node; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (xmlStrcasecmp(c->name, (const xmlChar *)"outline") == 0) {
            char *url = xml_attr(c, "xmlUrl");
            enum fw_err rc = FW_OK;
            if (url) {
                struct fw_feedlist_entry e = {.url = url, .line = (int)xmlGetLineNo(c)};
                char *name = xml_attr(c, "name");
                /* outline titles are prose: keep a name only where it is a valid key */
                if (name && valid_name(name)) e.name = name;
                if (!valid_url(url))
                    rc = fw_fail(err, errsz, FW_E_INVAL, "%s:%d: xmlUrl is not an http(s) URL: %.200s", origin, e.line,
                                 url);
                else rc = add_entry(fl, &e, origin, err, errsz);
                free(name);
                free(url);
            }
            if (rc == FW_OK) rc = walk_opml(fl, c->children, origin, depth + 1, err, errsz);
            if (rc != FW_OK) return rc;
        } else {
            enum fw_err rc = walk_opml(fl, c->children, origin, depth + 1, err, errsz);
            if (rc != FW_OK) return rc;
        }
    }
    return FW_OK;
}

static enum fw_err parse_opml(struct fw_feedlist *fl, const char *p, size_t n, const char *origin, char *err,
                              size_t errsz)
{
    if (n > INT_MAX) return fw_fail(err, errsz, FW_E_TOOBIG, "%s: too large", origin);
    xmlDoc *doc = xmlReadMemory(p, (int)n, origin, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    enum fw_err rc;
    if (!doc) {
        const xmlError *xe = xmlGetLastError();
        rc = fw_fail(err, errsz, FW_E_PARSE, "%s:%d: not well-formed XML: %s", origin, xe ? xe->line : 0,
                     xe && xe->message ? xe->message : "?");
        goto out;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || xmlStrcasecmp(root->name, (const xmlChar *)"opml") != 0) {
        rc = fw_fail(err, errsz, FW_E_PARSE, "%s:%d: root element is not <opml>", origin, root ? (int)xmlGetLineNo(root) : 1);
        goto out;
    }
    rc = walk_opml(fl, root->children, origin, 0, err, errsz);
out:
    xmlFreeDoc(doc);
    return rc;
}

enum fw_err fw_feedlist_parse(const char *p, size_t n, const char *origin, struct fw_feedlist **out, char *err,
                              size_t errsz)
{
    struct fw_feedlist *fl = fw_xcalloc(1, sizeof *fl);
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) i = 3;
    while (i < n && isspace((unsigned char)p[i])) i++;
    enum fw_err rc = (i < n && p[i] == '<') ? parse_opml(fl, p, n, origin, err, errsz)
                                            : parse_text(fl, p, n, origin, err, errsz);
    if (rc == FW_OK) {
        *out = fl;
        fl = NULL;
    }
    fw_feedlist_free(fl);
    return rc;
}

enum fw_err fw_feedlist_load(const char *path, struct fw_feedlist **out, char *err, size_t errsz)
{
    struct fw_buf b;
    fw_buf_init(&b, FEEDLIST_MAX_BYTES);
    enum fw_err rc = fw_buf_read_file(&b, path, err, errsz);
    if (rc == FW_OK) rc = fw_feedlist_parse(b.p ? b.p : "", b.len, path, out, err, errsz);
    fw_buf_fini(&b);
    return rc;
}
