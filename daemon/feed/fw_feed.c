#include "feedwire/fw_feed.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_cal.h"
#include "feedwire/fw_date.h"
#include "feedwire/fw_sanitize.h"

#define NS_ATOM10 "http://www.w3.org/2005/Atom"
#define NS_ATOM03 "http://purl.org/atom/ns#"
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define NS_MEDIA "http://search.yahoo.com/mrss/"
#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RSS10 "http://purl.org/rss/1.0/"
#define NS_RSS090 "http://my.netscape.com/rdf/simple/0.9/"
#define NS_XHTML "http://www.w3.org/1999/xhtml"
#define NS_ITUNES "http://www.itunes.com/dtds/podcast-1.0.dtd"
#define NS_WFW "http://wellformedweb.org/CommentAPI/"
#define NS_SLASH "http://purl.org/rss/1.0/modules/slash/"

#define MAX_ENTITY_EXPANSION (64u << 10) /* bytes of internal-entity text per doc */

/* ---- arena: every string of a doc, freed at once ---- */

struct fw_feed_arena {
    struct fw_feed_arena *next;
    size_t used, cap;
    char mem[];
};

static char *arena_alloc(struct fw_feed_doc *doc, size_t n)
{
    struct fw_feed_arena *a = doc->arena;
    if (!a || a->cap - a->used < n) {
        size_t cap = n > 8000 ? n : 8000;
        struct fw_feed_arena *b = fw_xmalloc(sizeof *b + cap);
        b->used = 0;
        b->cap = cap;
        if (a && n > 8000) { /* a big string gets its own chunk behind the current one */
            b->next = a->next;
            a->next = b;
            b->used = n;
            return b->mem;
        }
        b->next = a;
        doc->arena = a = b;
    }
    char *p = a->mem + a->used;
    a->used += n;
    return p;
}

static char *astrndup(struct fw_feed_doc *doc, const char *s, size_t n)
{
    char *p = arena_alloc(doc, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

static char *astrdup(struct fw_feed_doc *doc, const char *s) { return s ? astrndup(doc, s, strlen(s)) : NULL; }

/* Trimmed copy; NULL for NULL or blank. */
static char *atrim(struct fw_feed_doc *doc, const char *s, size_t n)
{
    if (!s) return NULL;
    while (n && isspace((unsigned char)*s)) s++, n--;
    while (n && isspace((unsigned char)s[n - 1])) n--;
    return n ? astrndup(doc, s, n) : NULL;
}

/* Appends a zeroed element to a list and returns it; capacity doubles at
 * powers of two. Past MAX_LIST the last element is reused: a hostile feed
 * cannot make lists (or the duplicate checks over them) grow without bound. */
#define MAX_LIST 128
#define PUSH(arr, n)                                                                                             \
    ((n) < MAX_LIST ? ((((n) & ((n) - 1)) == 0 ? (void)((arr) = fw_xrealloc((arr), ((n) ? 2 * (n) : 1) * sizeof *(arr))) \
                                                : (void)0),                                                      \
                       memset(&(arr)[(n)], 0, sizeof *(arr)), &(arr)[(n)++])                                    \
                    : (memset(&(arr)[(n) - 1], 0, sizeof *(arr)), &(arr)[(n) - 1]))

static void set_bozo(struct fw_feed_doc *doc, const char *reason)
{
    if (doc->bozo) return; /* the first reason is the one that matters */
    doc->bozo = 1;
    doc->bozo_reason = astrdup(doc, reason);
}

/* ---- encodings (XML 1.0 appendix F, RFC 3023 as feedparser applies it) ---- */

struct charset {
    char sniffed[16];  /* from BOM or the first bytes */
    size_t bom;        /* BOM length */
    char declared[40]; /* <?xml encoding=...?> */
    char http[40];     /* charset parameter */
    char media[80];    /* media type, lower case */
};

static void lower_copy(char *dst, size_t dsz, const char *s, size_t n)
{
    size_t i = 0;
    for (; i < n && i + 1 < dsz; i++) dst[i] = (char)tolower((unsigned char)s[i]);
    dst[i] = 0;
}

static void sniff(const unsigned char *p, size_t n, struct charset *cs)
{
    static const struct {
        const char *sig;
        size_t len, bom;
        const char *enc;
    } sigs[] = {
        {"\xEF\xBB\xBF", 3, 3, "utf-8"},         {"\xFF\xFE\x00\x00", 4, 4, "utf-32le"},
        {"\x00\x00\xFE\xFF", 4, 4, "utf-32be"}, {"\xFF\xFE", 2, 2, "utf-16le"},
        {"\xFE\xFF", 2, 2, "utf-16be"},         {"\x00\x00\x00\x3C", 4, 0, "utf-32be"},
        {"\x3C\x00\x00\x00", 4, 0, "utf-32le"}, {"\x00\x3C\x00\x3F", 4, 0, "utf-16be"},
        {"\x3C\x00\x3F\x00", 4, 0, "utf-16le"},
    };
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (n >= sigs[i].len && !memcmp(p, sigs[i].sig, sigs[i].len)) {
            snprintf(cs->sniffed, sizeof cs->sniffed, "%s", sigs[i].enc);
            cs->bom = sigs[i].bom;
            return;
        }
}

static void find_declared(const unsigned char *p, size_t n, struct charset *cs)
{
    /* read the declaration as ASCII whatever the code unit width */
    size_t step = !strncmp(cs->sniffed, "utf-32", 6) ? 4 : !strncmp(cs->sniffed, "utf-16", 6) ? 2 : 1;
    size_t off = cs->bom; /* the ASCII byte of each code unit: last for big endian */
    if (step > 1 && strchr(cs->sniffed, 'b')) off += step - 1;
    char head[512];
    size_t h = 0;
    for (size_t i = off; i < n && h + 1 < sizeof head; i += step) head[h++] = (char)p[i];
    head[h] = 0;
    if (strncmp(head, "<?xml", 5)) return;
    char *end = strstr(head, "?>");
    if (end) *end = 0;
    char *enc = strstr(head, "encoding");
    if (!enc) return;
    enc += 8;
    while (*enc == ' ' || *enc == '\t' || *enc == '\r' || *enc == '\n') enc++;
    if (*enc++ != '=') return;
    while (*enc == ' ' || *enc == '\t' || *enc == '\r' || *enc == '\n') enc++;
    char q = *enc;
    if (q != '"' && q != '\'') return;
    char *close = strchr(++enc, q);
    if (!close) return;
    lower_copy(cs->declared, sizeof cs->declared, enc, (size_t)(close - enc));
}

static void parse_content_type(const char *ct, struct charset *cs)
{
    if (!ct) return;
    const char *semi = strchr(ct, ';');
    size_t ml = semi ? (size_t)(semi - ct) : strlen(ct);
    while (ml && isspace((unsigned char)ct[ml - 1])) ml--;
    while (ml && isspace((unsigned char)*ct)) ct++, ml--;
    lower_copy(cs->media, sizeof cs->media, ct, ml);
    for (const char *p = semi; p && *p;) {
        p++;
        const char *next = strchr(p, ';');
        const char *e = next ? next : p + strlen(p);
        const char *eq = memchr(p, '=', (size_t)(e - p));
        if (eq) {
            const char *k = p, *ke = eq;
            while (k < ke && isspace((unsigned char)*k)) k++;
            while (ke > k && isspace((unsigned char)ke[-1])) ke--;
            if (ke - k == 7 && !strncasecmp(k, "charset", 7)) {
                const char *v = eq + 1, *ve = e;
                while (v < ve && (isspace((unsigned char)*v) || *v == '"' || *v == '\'')) v++;
                while (ve > v && (isspace((unsigned char)ve[-1]) || ve[-1] == '"' || ve[-1] == '\'')) ve--;
                lower_copy(cs->http, sizeof cs->http, v, (size_t)(ve - v));
            }
        }
        p = next;
    }
}

static int utf8_valid(const unsigned char *p, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* fast path over ASCII, 8 bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
        if (!len || (c >= 0xF5) || i + len > n) return 0;
        for (size_t k = 1; k < len; k++)
            if ((p[i + k] & 0xC0) != 0x80) return 0;
        if (len == 3 && ((c == 0xE0 && p[i + 1] < 0xA0) || (c == 0xED && p[i + 1] >= 0xA0))) return 0;
        if (len == 4 && ((c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] >= 0x90))) return 0;
        i += len;
    }
    return 1;
}

static const char *canon_charset(const char *enc)
{
    /* a superset decodes every document the subset does: feedparser reports it */
    if (!strcmp(enc, "gb2312") || !strcmp(enc, "gbk") || !strcmp(enc, "x-gbk")) return "gb18030";
    if (!strcmp(enc, "utf8")) return "utf-8";
    if (!strcmp(enc, "ascii") || !strcmp(enc, "ansi_x3.4-1968")) return "us-ascii";
    if (!strcmp(enc, "latin1") || !strcmp(enc, "latin-1")) return "iso-8859-1";
    if (!strcmp(enc, "utf-16") || !strcmp(enc, "utf-32")) return NULL; /* only the BOM can tell */
    return enc;
}

/* windows-1252 as browsers decode it (WHATWG): the five unassigned bytes
 * become the C1 controls, so it never fails: the last resort. */
static void decode_cp1252(const char *body, size_t len, struct fw_buf *out)
{
    fw_buf_reset(out);
    for (size_t i = 0; i < len; i++) {
        unsigned char b = (unsigned char)body[i];
        unsigned cp = fw_sanitize_cp1252(b);
        if (cp < 0x80) fw_buf_addc(out, (char)cp);
        else fw_sanitize_put_utf8(out, cp);
    }
    if (!out->p) fw_buf_add(out, "", 0);
}

/* Decodes body with enc into out (UTF-8, BOM dropped). 0 ok, -1 cannot. */
static int decode(const char *body, size_t len, const char *enc, size_t bom, struct fw_buf *out, int *copied)
{
    *copied = 0;
    if (!strcmp(enc, "utf-8") || !strcmp(enc, "us-ascii")) {
        const unsigned char *p = (const unsigned char *)body + (strcmp(enc, "utf-8") ? 0 : bom);
        size_t n = len - (size_t)(p - (const unsigned char *)body);
        if (!strcmp(enc, "us-ascii")) {
            for (size_t i = 0; i < n; i++)
                if (p[i] >= 0x80) return -1;
        } else if (!utf8_valid(p, n)) {
            return -1;
        }
        return 0;
    }
    if (!strcmp(enc, "windows-1252") || !strcmp(enc, "cp1252")) {
        decode_cp1252(body, len, out);
        *copied = 1;
        return out->len < out->max ? 0 : -1;
    }
    iconv_t cd = iconv_open("UTF-8", enc);
    if (cd == (iconv_t)-1) return -1;
    fw_buf_reset(out);
    char *in = (char *)body; /* iconv's prototype; it does not write */
    size_t inleft = len;
    char tmp[8192];
    int rc = 0;
    while (inleft) {
        char *o = tmp;
        size_t oleft = sizeof tmp;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        if (fw_buf_add(out, tmp, sizeof tmp - oleft) != FW_OK) {
            rc = -1;
            break;
        }
        if (r == (size_t)-1 && errno != E2BIG) {
            rc = -1;
            break;
        }
    }
    iconv_close(cd);
    if (rc == 0 && out->len >= 3 && !memcmp(out->p, "\xEF\xBB\xBF", 3)) {
        memmove(out->p, out->p + 3, out->len - 2);
        out->len -= 3;
    }
    if (rc == 0 && !out->p) fw_buf_add(out, "", 0);
    *copied = rc == 0;
    return rc;
}

static int starts_with(const char *s, const char *prefix) { return !strncmp(s, prefix, strlen(prefix)); }

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && !strcmp(s + n - m, suffix);
}

/* Picks the charset and decodes to UTF-8. p and n point at the UTF-8 text
 * (the body itself, or conv). */
static enum fw_err to_utf8(struct fw_feed_doc *doc, const char *body, size_t len, const char *ct, struct fw_buf *conv,
                           const char **p, size_t *n, char *err, size_t errsz)
{
    struct charset cs = {0};
    sniff((const unsigned char *)body, len, &cs);
    find_declared((const unsigned char *)body, len, &cs);
    parse_content_type(ct, &cs);
    const char *declared = cs.declared[0] ? canon_charset(cs.declared) : NULL;
    const char *http = cs.http[0] ? canon_charset(cs.http) : NULL;
    const char *m = cs.media;
    int xml_app = !strcmp(m, "application/xml") || !strcmp(m, "application/xml-dtd") ||
                  !strcmp(m, "application/xml-external-parsed-entity") ||
                  (starts_with(m, "application/") && ends_with(m, "+xml"));
    int xml_text = !strcmp(m, "text/xml") || !strcmp(m, "text/xml-external-parsed-entity") ||
                   (starts_with(m, "text/") && ends_with(m, "+xml"));
    const char *enc;
    if (!ct || !*m) {
        enc = declared ? declared : "utf-8";
    } else if (xml_app) {
        enc = http ? http : declared ? declared : "utf-8";
    } else if (xml_text || starts_with(m, "text/")) {
        enc = http ? http : "us-ascii";
        if (!xml_text) set_bozo(doc, "served as a non-XML media type");
    } else {
        enc = http ? http : declared ? declared : "utf-8";
        if (strcmp(m, "application/json") && strcmp(m, "application/feed+json") && !ends_with(m, "/octet-stream"))
            set_bozo(doc, "served as a non-XML media type");
    }
    /* UTF-16/32 are recognisable from the bytes: nothing else can be right */
    if (cs.sniffed[0] && strcmp(cs.sniffed, "utf-8")) enc = cs.sniffed;
    if (cs.bom == 3 && !http) enc = "utf-8";
    const char *tries[] = {enc, declared, cs.sniffed[0] ? cs.sniffed : NULL, "utf-8", "windows-1252"};
    for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
        if (!tries[i]) continue;
        int copied;
        if (decode(body, len, tries[i], cs.bom, conv, &copied) != 0) continue;
        if (i > 0) {
            char why[160];
            snprintf(why, sizeof why, "document declared as %s, but parsed as %s", enc, tries[i]);
            set_bozo(doc, why);
        }
        doc->encoding = astrdup(doc, tries[i]);
        if (copied) {
            *p = conv->p;
            *n = conv->len;
        } else {
            size_t skip = !strcmp(tries[i], "utf-8") ? cs.bom : 0;
            *p = body + skip;
            *n = len - skip;
        }
        return FW_OK;
    }
    return fw_fail(err, errsz, FW_E_PARSE, "cannot decode the body as %s", enc);
}

static void bare_amp(struct fw_feed_doc *doc, struct fw_buf *out, const char *p, size_t *run, size_t i, int *changed)
{
    if (!*changed) fw_buf_reset(out);
    *changed = 1;
    fw_buf_add(out, p + *run, i - *run);
    fw_buf_adds(out, "&amp;");
    *run = i + 1;
    set_bozo(doc, "unescaped &");
}

#define MAX_TAG_ATTRS 1024 /* libxml2's duplicate-attribute check is quadratic */

/* Rewrites what libxml2 would lose or choke on: HTML named entities XML does
 * not define become numeric references, C0 control characters go. Copies only
 * when something changes. Returns 1 if it rewrote into out, 0 if not, -1 for
 * a tag with more than MAX_TAG_ATTRS attributes (hostile: refused). */
static int clean_xml(struct fw_feed_doc *doc, const char *p, size_t n, struct fw_buf *out)
{
    /* names the internal subset declares: theirs to define, not ours */
    char declared[32][64];
    size_t ndeclared = 0;
    for (const char *d = p; ndeclared < 32 && (d = memmem(d, n - (size_t)(d - p), "<!ENTITY", 8)); d += 8) {
        const char *q = d + 8, *e = p + n;
        while (q < e && isspace((unsigned char)*q)) q++;
        const char *ns = q;
        while (q < e && q - ns < 63 && !isspace((unsigned char)*q)) q++;
        if (q > ns && *ns != '%') {
            memcpy(declared[ndeclared], ns, (size_t)(q - ns));
            declared[ndeclared++][q - ns] = 0;
        }
    }
    /* Netscape's RSS 0.91 DTD declares the HTML entities: using them is fine */
    static const char netscape[] = "-//Netscape Communications//DTD RSS 0.91//EN";
    int html_dtd = memmem(p, n < 1024 ? n : 1024, netscape, sizeof netscape - 1) != NULL;
    size_t run = 0, eqs = 0;
    int changed = 0, in_tag = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            if (c == '>') in_tag = 0;
            if (c == '=' && in_tag && ++eqs > MAX_TAG_ATTRS) return -1;
            if (c == '<') { /* '&' is literal in comments, CDATA and PIs */
                in_tag = 1;
                eqs = 0;
                static const char *const skips[][2] = {{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}};
                for (size_t k = 0; k < 3; k++) {
                    size_t sl = strlen(skips[k][0]);
                    if (n - i >= sl && !memcmp(p + i, skips[k][0], sl)) {
                        const char *end = memmem(p + i + sl, n - i - sl, skips[k][1], strlen(skips[k][1]));
                        if (end) {
                            i = (size_t)(end - p);
                        } else { /* all the rest is inside it: cut it (libxml2
                                  * would retry at every '<' after, quadratic) */
                            if (!changed) fw_buf_reset(out);
                            changed = 1;
                            set_bozo(doc, "unterminated comment, CDATA section or PI: cut there");
                            n = i;
                        }
                        break;
                    }
                }
                continue;
            }
            if (c != '&') continue;
            size_t k = i + 1;
            if (k < n && p[k] == '#') { /* &#128;..&#159; mean windows-1252, as in HTML */
                size_t d = k + 1;
                int hex = d < n && (p[d] | 32) == 'x';
                unsigned v = 0;
                d += hex;
                size_t ds = d;
                while (d < n && d - ds < 8 && isxdigit((unsigned char)p[d]) && (hex || isdigit((unsigned char)p[d])))
                    v = v * (hex ? 16 : 10) + (unsigned)(isdigit((unsigned char)p[d]) ? p[d] - '0' : (p[d] | 32) - 'a' + 10), d++;
                if (d == ds || d >= n || p[d] != ';') {
                    bare_amp(doc, out, p, &run, i, &changed);
                } else if (fw_sanitize_cp1252(v) != v) {
                    if (!changed) fw_buf_reset(out);
                    changed = 1;
                    fw_buf_add(out, p + run, i - run);
                    fw_buf_printf(out, "&#%u;", fw_sanitize_cp1252(v));
                    run = d + 1;
                }
                i = d;
                continue;
            }
            while (k < n && k - i < 64 && (isalnum((unsigned char)p[k]) || strchr("._:-", p[k]) || (unsigned char)p[k] >= 0x80))
                k++; /* an XML name */
            if (k >= n || p[k] != ';' || k == i + 1 || !(isalpha((unsigned char)p[i + 1]) || p[i + 1] == '_' || p[i + 1] == ':' ||
                                                        (unsigned char)p[i + 1] >= 0x80)) {
                bare_amp(doc, out, p, &run, i, &changed); /* "?a=1&b=2": recover it as text */
                continue;
            }
            size_t nl = k - i - 1;
            const char *name = p + i + 1;
            if ((nl == 2 && (!memcmp(name, "lt", 2) || !memcmp(name, "gt", 2))) || (nl == 3 && !memcmp(name, "amp", 3)) ||
                (nl == 4 && (!memcmp(name, "quot", 4) || !memcmp(name, "apos", 4))))
                continue;
            int is_declared = 0;
            for (size_t d = 0; d < ndeclared && !is_declared; d++)
                is_declared = strlen(declared[d]) == nl && !memcmp(declared[d], name, nl);
            if (is_declared) continue;
            int cp = fw_sanitize_entity(name, nl);
            if (cp < 0) { /* defined nowhere: keep it as the text it is (libxml2 would drop it) */
                bare_amp(doc, out, p, &run, i, &changed);
                continue;
            }
            if (!changed) fw_buf_reset(out);
            changed = 1;
            fw_buf_add(out, p + run, i - run);
            fw_buf_printf(out, "&#%d;", cp);
            run = k + 1;
            i = k;
            if (!html_dtd) {
                char why[64];
                snprintf(why, sizeof why, "undefined entity &%.*s;", (int)nl, name);
                set_bozo(doc, why);
            }
        } else {
            if (!changed) fw_buf_reset(out);
            changed = 1;
            fw_buf_add(out, p + run, i - run);
            run = i + 1;
            set_bozo(doc, "invalid control character");
        }
    }
    if (changed) fw_buf_add(out, p + run, n - run);
    return changed;
}

/* ---- the XML tree ---- */

struct ctx {
    struct fw_feed_doc *doc;
    xmlDocPtr xd;
    size_t entity_budget;
    int atom10; /* Atom 1.0 strips the xhtml wrapper div */
    struct fw_buf tmp, html;
};

/* The namespace of an element, mapping the usual prefixes when a broken feed
 * forgot to declare them (libxml2 then keeps "dc:creator" as the name). */
static const char *const extension_ns[] = {NS_DC,    NS_DCTERMS, NS_CONTENT, NS_MEDIA, NS_RDF,
                                          NS_XHTML, NS_ITUNES,  NS_WFW,     NS_SLASH};

/* The namespace of an element, canonical (case and trailing-slash variants
 * of the known ones seen in the wild), mapping the usual prefixes when a
 * broken feed forgot to declare them (libxml2 then keeps "dc:creator" as the
 * name). */
static const char *ns_of(xmlNodePtr x, const char **local)
{
    *local = (const char *)x->name;
    if (x->ns && x->ns->href) {
        const char *h = (const char *)x->ns->href;
        size_t hl = strlen(h);
        for (size_t i = 0; i < sizeof extension_ns / sizeof extension_ns[0]; i++) {
            size_t el = strlen(extension_ns[i]);
            if ((hl == el && !strcasecmp(h, extension_ns[i])) ||
                (hl + 1 == el && extension_ns[i][el - 1] == '/' && !strncasecmp(h, extension_ns[i], hl)))
                return extension_ns[i];
        }
        return h;
    }
    const char *colon = strchr(*local, ':');
    if (!colon) return NULL;
    static const char *const prefixes[][2] = {
        {"dc", NS_DC},         {"dcterms", NS_DCTERMS}, {"content", NS_CONTENT}, {"media", NS_MEDIA},
        {"atom", NS_ATOM10},   {"itunes", NS_ITUNES},   {"rdf", NS_RDF},         {"xhtml", NS_XHTML},
        {"wfw", NS_WFW},
    };
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strlen(prefixes[i][0]) == (size_t)(colon - *local) && !strncmp(*local, prefixes[i][0], (size_t)(colon - *local))) {
            *local = colon + 1;
            return prefixes[i][1];
        }
    return NULL;
}

/* RSS and Atom elements: no namespace, a core one, or an unknown default
 * namespace (feedparser reads those as core too); a prefixed unknown one is a
 * module whose <description> is not ours. */
static int is_core(xmlNodePtr x, const char *ns)
{
    if (!ns) return 1;
    for (size_t i = 0; i < sizeof extension_ns / sizeof extension_ns[0]; i++)
        if (ns == extension_ns[i]) return 0;
    if (!strcmp(ns, NS_ATOM10) || !strcmp(ns, NS_ATOM03) || !strcmp(ns, NS_RSS10) || !strcmp(ns, NS_RSS090) ||
        !strncmp(ns, "http://backend.userland.com/rss", 31) || !strcmp(ns, "http://blogs.law.harvard.edu/tech/rss"))
        return 1;
    return !x->ns || !x->ns->prefix;
}

/* Internal entities are expanded one level, within a budget: a reference or
 * markup inside an entity is an expansion bomb in the making, refused. */
static void add_entity(struct ctx *c, xmlNodePtr x, struct fw_buf *b)
{
    xmlEntityPtr ent = xmlGetDocEntity(c->xd, x->name);
    if (!ent || ent->etype != XML_INTERNAL_GENERAL_ENTITY || !ent->content) return;
    const char *v = (const char *)ent->content;
    size_t len = strlen(v);
    if (strchr(v, '&') || strchr(v, '<') || len > c->entity_budget) {
        set_bozo(c->doc, "entity expansion refused");
        return;
    }
    c->entity_budget -= len;
    fw_buf_add(b, v, len);
}

static void collect_text(struct ctx *c, xmlNodePtr n, struct fw_buf *b, int depth)
{
    for (xmlNodePtr x = n->children; x; x = x->next) {
        if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
            if (x->content) fw_buf_adds(b, (const char *)x->content);
        } else if (x->type == XML_ELEMENT_NODE && depth < 32) {
            collect_text(c, x, b, depth + 1);
        } else if (x->type == XML_ENTITY_REF_NODE) {
            add_entity(c, x, b);
        }
    }
}

/* The text of an element, trimmed, in the arena; NULL if blank. */
static char *node_text(struct ctx *c, xmlNodePtr n)
{
    fw_buf_reset(&c->tmp);
    collect_text(c, n, &c->tmp, 0);
    return atrim(c->doc, c->tmp.p, c->tmp.len);
}

static char *attr(struct ctx *c, xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v) return NULL;
    char *r = atrim(c->doc, (const char *)v, strlen((const char *)v));
    xmlFree(v);
    return r;
}

/* Absolute and safe form of href, against the element's xml:base chain and
 * the feed URL (the document URL). */
static char *resolve(struct ctx *c, xmlNodePtr n, const char *href)
{
    if (!href) return NULL;
    xmlChar *base = xmlNodeGetBase(c->xd, n);
    char *u = fw_sanitize_url(href, (const char *)base);
    xmlFree(base);
    char *r = astrdup(c->doc, u);
    free(u);
    return r;
}

static void serialize(struct ctx *c, xmlNodePtr n, struct fw_buf *b, int depth)
{
    for (xmlNodePtr x = n->children; x; x = x->next) {
        if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
            if (x->content) fw_sanitize_escape(b, (const char *)x->content, strlen((const char *)x->content), 0);
        } else if (x->type == XML_ENTITY_REF_NODE) {
            struct fw_buf t;
            fw_buf_init(&t, 0);
            add_entity(c, x, &t);
            if (t.len) fw_sanitize_escape(b, t.p, t.len, 0);
            fw_buf_fini(&t);
        } else if (x->type == XML_ELEMENT_NODE && depth < 64) {
            fw_buf_printf(b, "<%s", (const char *)x->name);
            for (xmlAttrPtr a = x->properties; a; a = a->next) {
                xmlChar *v = xmlNodeListGetString(c->xd, a->children, 1);
                fw_buf_printf(b, " %s%s%s=\"", a->ns && a->ns->prefix ? (const char *)a->ns->prefix : "",
                              a->ns && a->ns->prefix ? ":" : "", (const char *)a->name);
                if (v) fw_sanitize_escape(b, (const char *)v, strlen((const char *)v), 1);
                fw_buf_addc(b, '"');
                xmlFree(v);
            }
            fw_buf_addc(b, '>');
            serialize(c, x, b, depth + 1);
            fw_buf_printf(b, "</%s>", (const char *)x->name);
        }
    }
}

static int b64val(int ch)
{
    if (ch >= 'A' && ch <= 'Z') return ch - 'A';
    if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9') return ch - '0' + 52;
    if (ch == '+' || ch == '-') return 62;
    if (ch == '/' || ch == '_') return 63;
    return -1;
}

static void base64_decode(const char *s, size_t n, struct fw_buf *out)
{
    unsigned acc = 0;
    int bits = 0;
    fw_buf_reset(out);
    for (size_t i = 0; i < n; i++) {
        int v = b64val((unsigned char)s[i]);
        if (v < 0) continue;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            fw_buf_addc(out, (char)((acc >> bits) & 0xFF));
        }
    }
    if (!out->p) fw_buf_add(out, "", 0);
}

/* feedparser's test for plain text that is really HTML: an end tag or a
 * character reference. */
static int looks_like_html(const char *s)
{
    for (const char *p = s; (p = strchr(p, '<')); p++)
        if (p[1] == '/' && isalpha((unsigned char)p[2])) return 1;
    for (const char *p = s; (p = strchr(p, '&')); p++) {
        const char *q = p + 1 + (p[1] == '#');
        const char *st = q;
        while (isalnum((unsigned char)*q)) q++;
        if (q > st && *q == ';') return 1;
    }
    return 0;
}

enum kind { K_TEXT, K_HTML, K_XHTML };

/* An Atom text construct, an RSS element or an extension: returns the value
 * as plain text or sanitized HTML (*kind_out says which it was). kind applies
 * when no type attribute says otherwise. */
static char *content_value(struct ctx *c, xmlNodePtr n, enum kind kind, enum kind *kind_out)
{
    char *type = attr(c, n, "type");
    char *mode = attr(c, n, "mode");
    if (type) {
        for (char *t = type; *t; t++) *t = (char)tolower((unsigned char)*t);
        if (!strcmp(type, "xhtml") || !strcmp(type, "application/xhtml+xml")) kind = K_XHTML;
        else if (!strcmp(type, "html") || !strcmp(type, "text/html")) kind = K_HTML;
        else if (!strcmp(type, "text") || !strcmp(type, "text/plain")) kind = K_TEXT;
    }
    if (mode && !strcmp(mode, "escaped") && kind == K_XHTML) kind = K_HTML;
    int base64 = mode && !strcmp(mode, "base64");
    if (c->atom10 && type && strchr(type, '/') && strncmp(type, "text/", 5) && !strstr(type, "xml")) {
        base64 = 1; /* Atom 1.0: any other media type is base64 */
        kind = K_HTML;
    }
    if (kind != K_XHTML && !base64)
        for (xmlNodePtr x = n->children; x; x = x->next)
            if (x->type == XML_ELEMENT_NODE) kind = K_XHTML; /* naked markup */
    char *raw;
    if (kind == K_XHTML && !base64) {
        xmlNodePtr inner = n, only = NULL;
        int elems = 0, text = 0;
        for (xmlNodePtr x = n->children; x; x = x->next) {
            if (x->type == XML_ELEMENT_NODE) elems++, only = x;
            else if (x->type == XML_TEXT_NODE && x->content && strspn((const char *)x->content, " \t\r\n") != strlen((const char *)x->content))
                text = 1;
        }
        /* Atom 1.0: the xhtml div is a wrapper, not content */
        if (c->atom10 && elems == 1 && !text && !strcmp((const char *)only->name, "div")) inner = only;
        struct fw_buf s;
        fw_buf_init(&s, 0);
        serialize(c, inner, &s, 0);
        raw = atrim(c->doc, s.p, s.len);
        fw_buf_fini(&s);
    } else {
        raw = node_text(c, n);
        if (raw && base64) {
            base64_decode(raw, strlen(raw), &c->tmp);
            raw = atrim(c->doc, c->tmp.p, c->tmp.len);
        }
    }
    if (!raw) return NULL;
    if (kind == K_TEXT && !type && looks_like_html(raw)) kind = K_HTML;
    *kind_out = kind;
    if (kind == K_TEXT) return raw;
    xmlChar *base = xmlNodeGetBase(c->xd, n);
    fw_buf_reset(&c->html);
    fw_sanitize_html(&c->html, raw, strlen(raw), (const char *)base);
    xmlFree(base);
    return atrim(c->doc, c->html.p ? c->html.p : "", c->html.len);
}

static char *text_of(struct ctx *c, xmlNodePtr n, enum kind kind)
{
    enum kind got;
    return content_value(c, n, kind, &got);
}

static int64_t date_of(struct ctx *c, xmlNodePtr n)
{
    char *s = node_text(c, n);
    int64_t t;
    return s && fw_date_parse(s, strlen(s), &t) == 0 ? t : FW_FEED_NO_TIME;
}

/* "jo@example.com (Jo Doe)", "Jo Doe <jo@example.com>", or a name */
static void person_from_text(struct ctx *c, const char *s, struct fw_feed_person *p)
{
    const char *at = strchr(s, '@');
    if (!at) {
        p->name = astrdup(c->doc, s);
        return;
    }
    const char *es = at, *ee = at;
    while (es > s && !isspace((unsigned char)es[-1]) && es[-1] != '<' && es[-1] != '(') es--;
    while (*ee && !isspace((unsigned char)*ee) && *ee != '>' && *ee != ')') ee++;
    p->email = astrndup(c->doc, es, (size_t)(ee - es));
    if (!strncmp(p->email, "mailto:", 7)) p->email += 7;
    fw_buf_reset(&c->tmp);
    fw_buf_add(&c->tmp, s, (size_t)(es - s));
    fw_buf_adds(&c->tmp, ee);
    /* what is left, minus brackets, is the name */
    char *t = c->tmp.p;
    for (char *q = t; *q; q++)
        if (*q == '(' || *q == ')' || *q == '<' || *q == '>') *q = ' ';
    p->name = atrim(c->doc, t, strlen(t));
}

static void atom_person(struct ctx *c, xmlNodePtr n, struct fw_feed_person *p)
{
    for (xmlNodePtr x = n->children; x; x = x->next) {
        if (x->type != XML_ELEMENT_NODE) continue;
        const char *local;
        ns_of(x, &local);
        if (!strcasecmp(local, "name") && !p->name) p->name = node_text(c, x);
        else if (!strcasecmp(local, "email") && !p->email) p->email = node_text(c, x);
        else if ((!strcasecmp(local, "uri") || !strcasecmp(local, "url") || !strcasecmp(local, "homepage")) && !p->uri)
            p->uri = resolve(c, x, node_text(c, x));
    }
    if (!p->name && !p->email && !p->uri) {
        char *s = node_text(c, n); /* some feeds put a bare name there */
        if (s) person_from_text(c, s, p);
    }
}

static void atom_link(struct ctx *c, xmlNodePtr x, struct fw_feed_link **links, size_t *nlinks,
                      struct fw_feed_link **encl, size_t *nencl)
{
    char *href = attr(c, x, "href");
    if (!href) href = attr(c, x, "url");
    if (!href && xmlHasProp(x, (const xmlChar *)"href")) href = ""; /* the base itself */
    if (!href) {
        href = node_text(c, x); /* <atom:link>url</atom:link> in some RSS */
        if (!href) return;
    }
    struct fw_feed_link *l = PUSH(*links, *nlinks);
    l->href = resolve(c, x, href);
    l->rel = attr(c, x, "rel");
    if (!l->rel) l->rel = "alternate";
    l->type = attr(c, x, "type");
    l->title = attr(c, x, "title");
    char *len = attr(c, x, "length");
    l->length = len ? strtoll(len, NULL, 10) : -1;
    if (encl && !strcmp(l->rel, "enclosure")) {
        struct fw_feed_link *e = PUSH(*encl, *nencl);
        *e = *l;
    }
}

/* The link the reader follows: first rel=alternate of an HTML type, else the
 * first rel=alternate. */
static char *pick_link(struct fw_feed_link *links, size_t n)
{
    char *first = NULL;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(links[i].rel, "alternate")) continue;
        if (!links[i].type || strstr(links[i].type, "html")) return links[i].href;
        if (!first) first = links[i].href;
    }
    return first;
}

static void add_category(char ***cats, size_t *n, char *s)
{
    if (!s) return;
    for (size_t i = 0; i < *n; i++)
        if (!strcmp((*cats)[i], s)) return;
    *PUSH(*cats, *n) = s;
}

/* itunes:keywords: a comma-separated list */
static void add_keywords(struct ctx *c, char ***cats, size_t *n, const char *s)
{
    while (s && *s) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        add_category(cats, n, atrim(c->doc, s, len));
        s = comma ? comma + 1 : NULL;
    }
}

/* <enclosure url type length> or <media:content url type fileSize>; NULL
 * without a url. */
static struct fw_feed_link *add_enclosure(struct ctx *c, xmlNodePtr x, struct fw_feed_entry *e, const char *len_attr)
{
    char *url = attr(c, x, "url");
    if (!url) return NULL;
    struct fw_feed_link *l = PUSH(e->enclosures, e->nenclosures);
    l->href = resolve(c, x, url);
    l->rel = "enclosure";
    l->type = attr(c, x, "type");
    char *len = attr(c, x, len_attr);
    l->length = len ? strtoll(len, NULL, 10) : -1;
    return l;
}

static void media_element(struct ctx *c, xmlNodePtr x, const char *local, struct fw_feed_entry *e, char **media_title,
                          char **media_desc)
{
    if (!strcasecmp(local, "group")) {
        for (xmlNodePtr y = x->children; y; y = y->next) {
            const char *l2;
            const char *n2 = y->type == XML_ELEMENT_NODE ? ns_of(y, &l2) : NULL;
            if (n2 && !strcmp(n2, NS_MEDIA)) media_element(c, y, l2, e, media_title, media_desc);
        }
    } else if (!strcasecmp(local, "content")) {
        if (!add_enclosure(c, x, e, "fileSize")) return;
        for (xmlNodePtr y = x->children; y; y = y->next) {
            const char *l2;
            const char *n2 = y->type == XML_ELEMENT_NODE ? ns_of(y, &l2) : NULL;
            if (n2 && !strcmp(n2, NS_MEDIA)) media_element(c, y, l2, e, media_title, media_desc);
        }
    } else if (!strcasecmp(local, "title") && !*media_title) {
        *media_title = text_of(c, x, K_TEXT);
    } else if (!strcasecmp(local, "description") && !*media_desc) {
        *media_desc = text_of(c, x, K_TEXT);
    } else if (!strcasecmp(local, "category")) {
        add_category(&e->categories, &e->ncategories, node_text(c, x));
    } else if (!strcasecmp(local, "keywords")) {
        add_keywords(c, &e->categories, &e->ncategories, node_text(c, x));
    }
}

/* itunes elements a feed and an entry share: category, keywords, author */
static void itunes_common(struct ctx *c, xmlNodePtr x, const char *local, char ***cats, size_t *ncats,
                          struct fw_feed_person **authors, size_t *nauthors)
{
    if (!strcasecmp(local, "category")) {
        add_category(cats, ncats, attr(c, x, "text"));
    } else if (!strcasecmp(local, "keywords")) {
        add_keywords(c, cats, ncats, node_text(c, x));
    } else if (!strcasecmp(local, "author") && !*nauthors) {
        char *s = node_text(c, x);
        if (s) PUSH(*authors, *nauthors)->name = s;
    }
}

/* An id from the entry's content: link, title, summary, content and date. */
static char *hash_id(struct fw_feed_doc *doc, const struct fw_feed_entry *e)
{
    XXH3_state_t *st = XXH3_createState();
    if (!st) abort();
    XXH3_64bits_reset(st);
    const char *parts[] = {e->link, e->title, e->summary, e->content};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        XXH3_64bits_update(st, parts[i] ? parts[i] : "", parts[i] ? strlen(parts[i]) + 1 : 1);
    XXH3_64bits_update(st, &e->published, sizeof e->published);
    char id[40];
    snprintf(id, sizeof id, "urn:feedwire:%016llx", (unsigned long long)XXH3_64bits_digest(st));
    XXH3_freeState(st);
    return astrdup(doc, id);
}

/* Feeds that give every item the same link (a section page) would collapse
 * into one id: a derived id seen before is replaced by a content hash. */
static void unique_derived_ids(struct fw_feed_doc *doc)
{
    for (size_t i = 1; i < doc->nentries; i++) {
        struct fw_feed_entry *e = &doc->entries[i];
        if (!e->id_derived) continue;
        for (size_t k = 0; k < i; k++)
            if (!strcmp(doc->entries[k].id, e->id)) {
                e->id = hash_id(doc, e);
                break;
            }
    }
}

/* One RSS <item> or Atom <entry>: both vocabularies are read in both, since
 * feeds mix them. */
static void parse_entry(struct ctx *c, xmlNodePtr it, struct fw_feed_entry *e)
{
    char *guid = NULL, *media_title = NULL, *media_desc = NULL, *alt_summary = NULL, *rss_link = NULL;
    int guid_permalink = 1;
    int64_t dc_date = FW_FEED_NO_TIME;
    e->published = e->updated = FW_FEED_NO_TIME;
    for (xmlNodePtr x = it->children; x; x = x->next) {
        if (x->type != XML_ELEMENT_NODE) continue;
        const char *local, *ns = ns_of(x, &local);
        enum kind got;
        if (is_core(x, ns)) {
            if (!strcasecmp(local, "title")) {
                if (!e->title) e->title = text_of(c, x, K_TEXT);
            } else if (!strcasecmp(local, "link")) {
                if (ns && (!strcmp(ns, NS_ATOM10) || !strcmp(ns, NS_ATOM03)))
                    atom_link(c, x, &e->links, &e->nlinks, &e->enclosures, &e->nenclosures);
                else if (xmlHasProp(x, (const xmlChar *)"href"))
                    atom_link(c, x, &e->links, &e->nlinks, &e->enclosures, &e->nenclosures);
                else if (!rss_link)
                    rss_link = resolve(c, x, node_text(c, x));
            } else if (!strcasecmp(local, "description") || !strcasecmp(local, "summary") || !strcasecmp(local, "tagline")) {
                if (!e->summary) e->summary = content_value(c, x, !strcasecmp(local, "description") ? K_HTML : K_TEXT, &got);
            } else if (!strcasecmp(local, "content") || !strcasecmp(local, "fullitem") || !strcasecmp(local, "body")) {
                if (!e->content) {
                    char *src = !strcasecmp(local, "content") ? attr(c, x, "src") : NULL;
                    if (src) {
                        struct fw_feed_link *l = PUSH(e->links, e->nlinks);
                        l->href = resolve(c, x, src);
                        l->rel = "alternate";
                        l->type = attr(c, x, "type");
                        l->length = -1;
                    } else {
                        e->content = content_value(c, x, !strcasecmp(local, "content") && ns ? K_TEXT : K_HTML, &got);
                        e->content_type = got == K_TEXT ? "text/plain" : got == K_HTML ? "text/html" : "application/xhtml+xml";
                    }
                }
            } else if (!strcasecmp(local, "guid") || !strcasecmp(local, "id")) {
                if (!guid) {
                    guid = node_text(c, x);
                    char *pl = attr(c, x, "isPermaLink");
                    if (pl && !strcasecmp(pl, "false")) guid_permalink = 0;
                    if (!strcasecmp(local, "id")) guid_permalink = 0;
                }
            } else if (!strcasecmp(local, "pubDate") || !strcasecmp(local, "published") || !strcasecmp(local, "issued") ||
                       !strcasecmp(local, "created")) {
                if (e->published == FW_FEED_NO_TIME) e->published = date_of(c, x);
            } else if (!strcasecmp(local, "updated") || !strcasecmp(local, "modified")) {
                int64_t t = date_of(c, x); /* the last one counts, as in feedparser */
                if (t != FW_FEED_NO_TIME) e->updated = t;
            } else if (!strcasecmp(local, "author") || !strcasecmp(local, "contributor")) {
                if (!strcasecmp(local, "contributor") && e->nauthors) continue;
                struct fw_feed_person p = {0};
                atom_person(c, x, &p);
                if (p.name || p.email || p.uri) *PUSH(e->authors, e->nauthors) = p;
            } else if (!strcasecmp(local, "category")) {
                char *term = attr(c, x, "term");
                add_category(&e->categories, &e->ncategories, term ? term : node_text(c, x));
            } else if (!strcasecmp(local, "enclosure")) {
                struct fw_feed_link *l = add_enclosure(c, x, e, "length");
                if (l) *PUSH(e->links, e->nlinks) = *l; /* every link, as in Atom */
            } else if (!strcasecmp(local, "comments")) {
                if (!e->comments) e->comments = resolve(c, x, node_text(c, x));
            }
        } else if (!strcmp(ns, NS_CONTENT) && !strcasecmp(local, "encoded")) {
            if (!e->content) {
                e->content = content_value(c, x, K_HTML, &got);
                e->content_type = "text/html";
            }
        } else if (!strcmp(ns, NS_DC) || !strcmp(ns, NS_DCTERMS)) {
            if (!strcasecmp(local, "creator") || !strcasecmp(local, "author") || !strcasecmp(local, "contributor")) {
                char *s = node_text(c, x);
                if (s && (!strcasecmp(local, "creator") || !e->nauthors)) person_from_text(c, s, PUSH(e->authors, e->nauthors));
            } else if (!strcasecmp(local, "date")) {
                if (dc_date == FW_FEED_NO_TIME) dc_date = date_of(c, x);
            } else if (!strcasecmp(local, "issued") || !strcasecmp(local, "created")) {
                if (e->published == FW_FEED_NO_TIME) e->published = date_of(c, x);
            } else if (!strcasecmp(local, "modified")) {
                if (e->updated == FW_FEED_NO_TIME) e->updated = date_of(c, x);
            } else if (!strcasecmp(local, "subject")) {
                add_category(&e->categories, &e->ncategories, node_text(c, x));
            } else if (!strcasecmp(local, "title")) {
                if (!e->title) e->title = text_of(c, x, K_TEXT);
            } else if (!strcasecmp(local, "description")) {
                if (!alt_summary) alt_summary = text_of(c, x, K_HTML);
            } else if (!strcasecmp(local, "identifier")) {
                if (!guid) guid = node_text(c, x), guid_permalink = 0;
            }
        } else if (!strcmp(ns, NS_MEDIA)) {
            media_element(c, x, local, e, &media_title, &media_desc);
        } else if (!strcmp(ns, NS_XHTML) && !strcasecmp(local, "body")) {
            if (!e->content) {
                e->content = content_value(c, x, K_XHTML, &got);
                e->content_type = "application/xhtml+xml";
            }
        } else if (!strcmp(ns, NS_ITUNES)) {
            if (!strcasecmp(local, "summary") && !alt_summary) alt_summary = text_of(c, x, K_TEXT);
            else itunes_common(c, x, local, &e->categories, &e->ncategories, &e->authors, &e->nauthors);
        }
    }
    if (!e->title) e->title = media_title;
    if (!e->summary) e->summary = alt_summary ? alt_summary : media_desc;
    if (e->published == FW_FEED_NO_TIME) e->published = dc_date;
    if (e->content && !e->content_type) e->content_type = "text/html";
    /* RSS: <link> first, then the atom links, then a permalink guid */
    e->link = rss_link ? rss_link : pick_link(e->links, e->nlinks);
    if (rss_link) {
        struct fw_feed_link *l = PUSH(e->links, e->nlinks);
        memmove(e->links + 1, e->links, (e->nlinks - 1) * sizeof *l);
        e->links[0] = (struct fw_feed_link){.href = rss_link, .rel = "alternate", .type = "text/html", .length = -1};
    }
    if (!e->link && guid && guid_permalink && (starts_with(guid, "http://") || starts_with(guid, "https://")))
        e->link = resolve(c, it, guid);
    for (size_t i = 0; !e->link && i < e->nlinks; i++) /* any page, but not a media file */
        if (strcmp(e->links[i].rel, "enclosure")) e->link = e->links[i].href;
    if (!guid) {
        xmlChar *about = xmlGetNsProp(it, (const xmlChar *)"about", (const xmlChar *)NS_RDF);
        if (about) guid = atrim(c->doc, (const char *)about, strlen((const char *)about));
        xmlFree(about);
    }
    if (guid) {
        e->id = guid;
    } else {
        /* stable across polls: what identifies the item to a reader */
        e->id_derived = 1;
        e->id = e->link ? e->link : hash_id(c->doc, e);
    }
}

static struct fw_feed_entry *new_entry(struct fw_feed_doc *doc, size_t *cap)
{
    if (doc->nentries == FW_FEED_MAX_ENTRIES) {
        set_bozo(doc, "too many entries");
        return NULL;
    }
    if (doc->nentries == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        doc->entries = fw_xrealloc(doc->entries, *cap * sizeof *doc->entries);
    }
    struct fw_feed_entry *e = &doc->entries[doc->nentries++];
    memset(e, 0, sizeof *e);
    return e;
}


/* Channel/feed-level elements; items found on the way are parsed too. */
static void parse_channel(struct ctx *c, xmlNodePtr ch, size_t *cap)
{
    struct fw_feed_doc *doc = c->doc;
    char *rss_link = NULL, *alt_desc = NULL, *itunes_image = NULL;
    for (xmlNodePtr x = ch->children; x; x = x->next) {
        if (x->type != XML_ELEMENT_NODE) continue;
        const char *local, *ns = ns_of(x, &local);
        if (is_core(x, ns)) {
            if (!strcasecmp(local, "item") || !strcasecmp(local, "entry")) {
                struct fw_feed_entry *e = new_entry(doc, cap);
                if (e) parse_entry(c, x, e);
            } else if (!strcasecmp(local, "title")) {
                if (!doc->title) doc->title = text_of(c, x, K_TEXT);
            } else if (!strcasecmp(local, "link")) {
                if ((ns && (!strcmp(ns, NS_ATOM10) || !strcmp(ns, NS_ATOM03))) || xmlHasProp(x, (const xmlChar *)"href"))
                    atom_link(c, x, &doc->links, &doc->nlinks, NULL, NULL);
                else if (!rss_link)
                    rss_link = resolve(c, x, node_text(c, x));
            } else if (!strcasecmp(local, "description") || !strcasecmp(local, "subtitle") || !strcasecmp(local, "tagline") ||
                       !strcasecmp(local, "info")) {
                if (!doc->description) doc->description = text_of(c, x, !strcasecmp(local, "description") ? K_HTML : K_TEXT);
            } else if (!strcasecmp(local, "language")) {
                if (!doc->language) doc->language = node_text(c, x);
            } else if (!strcasecmp(local, "copyright") || !strcasecmp(local, "rights")) {
                if (!doc->rights) doc->rights = text_of(c, x, !strcasecmp(local, "copyright") && !ns ? K_HTML : K_TEXT);
            } else if (!strcasecmp(local, "pubDate") || !strcasecmp(local, "published")) {
                if (doc->published == FW_FEED_NO_TIME) doc->published = date_of(c, x);
            } else if (!strcasecmp(local, "lastBuildDate") || !strcasecmp(local, "updated") || !strcasecmp(local, "modified")) {
                if (doc->updated == FW_FEED_NO_TIME) doc->updated = date_of(c, x);
            } else if (!strcasecmp(local, "generator")) {
                if (!doc->generator) doc->generator = node_text(c, x);
            } else if (!strcasecmp(local, "id")) {
                if (!doc->id) doc->id = node_text(c, x);
            } else if (!strcasecmp(local, "ttl")) {
                char *s = node_text(c, x);
                long v = s ? strtol(s, NULL, 10) : -1;
                if (v >= 0 && v <= 525600) doc->ttl_min = (int)v;
            } else if (!strcasecmp(local, "skipHours")) {
                for (xmlNodePtr h = x->children; h; h = h->next) {
                    char *s = h->type == XML_ELEMENT_NODE ? node_text(c, h) : NULL;
                    long v = s ? strtol(s, NULL, 10) : -1;
                    if (v >= 0 && v <= 24) doc->skip_hours |= 1u << (v % 24); /* 24 is midnight */
                }
            } else if (!strcasecmp(local, "skipDays")) {
                for (xmlNodePtr d = x->children; d; d = d->next) {
                    char *s = d->type == XML_ELEMENT_NODE ? node_text(c, d) : NULL;
                    for (int i = 0; s && i < 7; i++)
                        if (!strcasecmp(s, fw_cal_wday_name(i))) doc->skip_days |= (uint8_t)(1u << i);
                }
            } else if (!strcasecmp(local, "image") || !strcasecmp(local, "logo") || !strcasecmp(local, "icon")) {
                char *url = NULL;
                if (!strcasecmp(local, "image")) {
                    for (xmlNodePtr u = x->children; u; u = u->next)
                        if (u->type == XML_ELEMENT_NODE && !strcasecmp((const char *)u->name, "url")) url = node_text(c, u);
                    if (!url) url = attr(c, x, "href");
                } else {
                    url = node_text(c, x);
                }
                url = resolve(c, x, url);
                if (!strcasecmp(local, "icon")) {
                    if (!doc->icon) doc->icon = url;
                } else if (!doc->image) {
                    doc->image = url;
                }
            } else if (!strcasecmp(local, "author") || !strcasecmp(local, "managingEditor") || !strcasecmp(local, "webMaster")) {
                struct fw_feed_person p = {0};
                atom_person(c, x, &p);
                if (p.name || p.email || p.uri) *PUSH(doc->authors, doc->nauthors) = p;
            } else if (!strcasecmp(local, "category")) {
                char *term = attr(c, x, "term");
                add_category(&doc->categories, &doc->ncategories, term ? term : node_text(c, x));
            }
        } else if (!strcmp(ns, NS_DC) || !strcmp(ns, NS_DCTERMS)) {
            if (!strcasecmp(local, "creator") || !strcasecmp(local, "author") || !strcasecmp(local, "publisher")) {
                char *s = node_text(c, x);
                if (s) person_from_text(c, s, PUSH(doc->authors, doc->nauthors));
            } else if (!strcasecmp(local, "date") || !strcasecmp(local, "modified")) {
                if (doc->updated == FW_FEED_NO_TIME) doc->updated = date_of(c, x);
            } else if (!strcasecmp(local, "issued") || !strcasecmp(local, "created")) {
                if (doc->published == FW_FEED_NO_TIME) doc->published = date_of(c, x);
            } else if (!strcasecmp(local, "language")) {
                if (!doc->language) doc->language = node_text(c, x);
            } else if (!strcasecmp(local, "rights")) {
                if (!doc->rights) doc->rights = text_of(c, x, K_TEXT);
            } else if (!strcasecmp(local, "title")) {
                if (!doc->title) doc->title = text_of(c, x, K_TEXT);
            } else if (!strcasecmp(local, "description")) {
                if (!alt_desc) alt_desc = text_of(c, x, K_HTML);
            } else if (!strcasecmp(local, "subject")) {
                add_category(&doc->categories, &doc->ncategories, node_text(c, x));
            }
        } else if (!strcmp(ns, NS_ITUNES)) {
            if (!strcasecmp(local, "image") && !itunes_image) {
                char *href = attr(c, x, "href");
                itunes_image = resolve(c, x, href ? href : attr(c, x, "url"));
            }
            else if ((!strcasecmp(local, "summary") || !strcasecmp(local, "subtitle")) && !alt_desc)
                alt_desc = text_of(c, x, K_TEXT);
            else itunes_common(c, x, local, &doc->categories, &doc->ncategories, &doc->authors, &doc->nauthors);
        }
    }
    if (!doc->description) doc->description = alt_desc;
    if (!doc->image) doc->image = itunes_image;
    if (!doc->language) {
        xmlChar *lang = xmlNodeGetLang(ch);
        if (lang) {
            doc->language = atrim(doc, (const char *)lang, strlen((const char *)lang));
            for (char *q = doc->language; q && *q; q++)
                if (*q == '_') *q = '-';
        }
        xmlFree(lang);
    }
    if (rss_link) {
        struct fw_feed_link *l = PUSH(doc->links, doc->nlinks);
        memmove(doc->links + 1, doc->links, (doc->nlinks - 1) * sizeof *l);
        doc->links[0] = (struct fw_feed_link){.href = rss_link, .rel = "alternate", .type = "text/html", .length = -1};
    }
    if (!doc->link) doc->link = rss_link ? rss_link : pick_link(doc->links, doc->nlinks);
    for (size_t i = 0; i < doc->nlinks; i++) {
        if (!doc->self_link && !strcmp(doc->links[i].rel, "self")) doc->self_link = doc->links[i].href;
        if (!doc->hub && !strcmp(doc->links[i].rel, "hub")) doc->hub = doc->links[i].href;
    }
}

/* Microsoft's Channel Definition Format (1997): upper-case elements, links
 * and dates as attributes. */
static void cdf_fields(struct ctx *c, xmlNodePtr n, char **title, char **link, char **abstract, int64_t *updated)
{
    *link = resolve(c, n, attr(c, n, "HREF"));
    char *lm = attr(c, n, "LASTMOD");
    int64_t t;
    if (lm && fw_date_parse(lm, strlen(lm), &t) == 0) *updated = t;
    for (xmlNodePtr x = n->children; x; x = x->next) {
        if (x->type != XML_ELEMENT_NODE) continue;
        if (!strcasecmp((const char *)x->name, "title") && !*title) *title = text_of(c, x, K_TEXT);
        else if (!strcasecmp((const char *)x->name, "abstract") && !*abstract) *abstract = text_of(c, x, K_HTML);
    }
}

static void parse_cdf(struct ctx *c, xmlNodePtr root, size_t *cap)
{
    struct fw_feed_doc *doc = c->doc;
    cdf_fields(c, root, &doc->title, &doc->link, &doc->description, &doc->updated);
    if (doc->link) *PUSH(doc->links, doc->nlinks) = (struct fw_feed_link){doc->link, "alternate", NULL, NULL, -1};
    for (xmlNodePtr x = root->children; x; x = x->next) {
        if (x->type != XML_ELEMENT_NODE || strcasecmp((const char *)x->name, "item")) continue;
        struct fw_feed_entry *e = new_entry(doc, cap);
        if (!e) break;
        e->published = e->updated = FW_FEED_NO_TIME;
        cdf_fields(c, x, &e->title, &e->link, &e->summary, &e->updated);
        if (e->link) {
            *PUSH(e->links, e->nlinks) = (struct fw_feed_link){e->link, "alternate", NULL, NULL, -1};
            e->id = e->link;
        } else {
            e->id = hash_id(doc, e);
        }
        e->id_derived = 1;
    }
}

/* libxml2 has no cap on the number of nodes: 16 MiB of "<a/>" would be 4M
 * of them (half a gigabyte). Elements are counted as the parser starts them
 * and the parse stops at the cap; what was read so far is kept (bozo). */
struct node_cap {
    startElementNsSAX2Func start;
    size_t n;
};

static void count_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri, int nb_ns,
                          const xmlChar **ns, int nb_attrs, int nb_defaulted, const xmlChar **attrs)
{
    xmlParserCtxtPtr pc = ctx;
    struct node_cap *cap = pc->_private;
    if (++cap->n > FW_FEED_MAX_ELEMENTS) {
        xmlStopParser(pc);
        return;
    }
    cap->start(ctx, localname, prefix, uri, nb_ns, ns, nb_attrs, nb_defaulted, attrs);
}

static enum fw_err parse_xml(struct fw_feed_doc *doc, const char *p, size_t n, const char *url, char *err, size_t errsz)
{
    enum fw_err rc = FW_OK;
    struct ctx c = {.doc = doc, .entity_budget = MAX_ENTITY_EXPANSION};
    fw_buf_init(&c.tmp, 0);
    fw_buf_init(&c.html, 0);
    xmlParserCtxtPtr pc = xmlNewParserCtxt();
    if (!pc) abort();
    struct node_cap ncap = {pc->sax->startElementNs, 0};
    pc->_private = &ncap;
    pc->sax->startElementNs = count_element;
    /* no NOENT (no substitution), no DTDLOAD/DTDATTR (nothing fetched or
     * read), NONET; RECOVER keeps what a broken feed still has */
    int opts = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
               XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT;
    c.xd = xmlCtxtReadMemory(pc, p, (int)n, url, "UTF-8", opts);
    if (ncap.n > FW_FEED_MAX_ELEMENTS) {
        set_bozo(doc, "too many elements: parsed up to the cap");
    } else if (!pc->wellFormed) {
        const xmlError *xe = xmlCtxtGetLastError(pc);
        char why[256];
        snprintf(why, sizeof why, "line %d: %s", xe ? xe->line : 0, xe && xe->message ? xe->message : "not well-formed");
        size_t wl = strlen(why);
        while (wl && why[wl - 1] == '\n') why[--wl] = 0;
        set_bozo(doc, why);
    }
    xmlNodePtr root = c.xd ? xmlDocGetRootElement(c.xd) : NULL;
    const char *local = NULL, *ns = root ? ns_of(root, &local) : NULL;
    size_t cap = 0;
    if (!root) {
        rc = fw_fail(err, errsz, FW_E_PARSE, "%s", doc->bozo_reason ? doc->bozo_reason : "empty document");
    } else if (!strcmp(local, "CHANNEL")) {
        doc->format = FW_FEED_RSS;
        doc->version = "cdf";
        parse_cdf(&c, root, &cap);
    } else if (!strcasecmp(local, "rss") || !strcasecmp(local, "channel")) {
        doc->format = FW_FEED_RSS;
        char *v = attr(&c, root, "version");
        int netscape = c.xd->intSubset && c.xd->intSubset->ExternalID &&
                       strstr((const char *)c.xd->intSubset->ExternalID, "Netscape");
        doc->version = !v                  ? "rss"
                     : !strncmp(v, "2.", 2) ? "rss20"
                     : !strcmp(v, "0.90")   ? "rss090"
                     : !strcmp(v, "0.91")   ? (netscape ? "rss091n" : "rss091u")
                     : !strcmp(v, "0.92")   ? "rss092"
                     : !strcmp(v, "0.93")   ? "rss093"
                     : !strcmp(v, "0.94")   ? "rss094"
                                            : "rss";
        if (!strcasecmp(local, "channel")) parse_channel(&c, root, &cap);
        for (xmlNodePtr x = root->children; x; x = x->next) {
            const char *l2;
            if (x->type != XML_ELEMENT_NODE || !is_core(x, ns_of(x, &l2))) continue;
            if (!strcasecmp(l2, "channel")) parse_channel(&c, x, &cap);
            else if (!strcasecmp(l2, "item")) { /* items outside the channel (seen in 0.9x) */
                struct fw_feed_entry *e = new_entry(doc, &cap);
                if (e) parse_entry(&c, x, e);
            }
        }
    } else if (!strcasecmp(local, "RDF")) {
        doc->format = FW_FEED_RDF;
        doc->version = "rss10";
        for (xmlNodePtr x = root->children; x; x = x->next) {
            const char *l2, *n2;
            if (x->type != XML_ELEMENT_NODE) continue;
            n2 = ns_of(x, &l2);
            if (n2 && !strcmp(n2, NS_RSS090)) doc->version = "rss090";
            if (!is_core(x, n2)) continue;
            if (!strcasecmp(l2, "channel")) parse_channel(&c, x, &cap);
            else if (!strcasecmp(l2, "item")) {
                struct fw_feed_entry *e = new_entry(doc, &cap);
                if (e) parse_entry(&c, x, e);
            } else if (!strcasecmp(l2, "image") && !doc->image) {
                for (xmlNodePtr u = x->children; u; u = u->next)
                    if (u->type == XML_ELEMENT_NODE && !strcasecmp((const char *)u->name, "url"))
                        doc->image = resolve(&c, u, node_text(&c, u));
            }
        }
    } else if (!strcasecmp(local, "feed")) {
        doc->format = FW_FEED_ATOM;
        c.atom10 = ns && !strcmp(ns, NS_ATOM10);
        char *v = attr(&c, root, "version"); /* pre-1.0 drafts said which */
        doc->version = c.atom10                          ? "atom10"
                     : v && !strcmp(v, "0.1")             ? "atom01"
                     : v && !strcmp(v, "0.2")             ? "atom02"
                     : v && !strcmp(v, "0.3")             ? "atom03"
                     : ns && !strcmp(ns, NS_ATOM03)       ? "atom03"
                                                          : "atom";
        parse_channel(&c, root, &cap);
    } else {
        rc = fw_fail(err, errsz, FW_E_PARSE, "not a feed: root element <%.40s>", local);
        set_bozo(doc, "not a feed");
    }
    unique_derived_ids(doc);
    xmlFreeDoc(c.xd);
    xmlFreeParserCtxt(pc);
    fw_buf_fini(&c.tmp);
    fw_buf_fini(&c.html);
    return rc;
}

/* ---- JSON Feed 1.0/1.1 ---- */

static char *jstr(struct fw_feed_doc *doc, json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? atrim(doc, s, strlen(s)) : NULL;
}

static char *jurl(struct fw_feed_doc *doc, json_t *o, const char *key, const char *base)
{
    char *s = jstr(doc, o, key);
    if (!s) return NULL;
    char *u = fw_sanitize_url(s, base);
    char *r = astrdup(doc, u);
    free(u);
    return r;
}

static char *jhtml(struct fw_feed_doc *doc, const char *html, const char *base, struct fw_buf *b)
{
    fw_buf_reset(b);
    fw_sanitize_html(b, html, strlen(html), base);
    return atrim(doc, b->p ? b->p : "", b->len);
}

static int64_t jdate(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    int64_t t;
    return s && fw_date_parse(s, strlen(s), &t) == 0 ? t : FW_FEED_NO_TIME;
}

static void jauthors(struct fw_feed_doc *doc, json_t *o, struct fw_feed_person **v, size_t *n, const char *base)
{
    json_t *one = json_object_get(o, "author"), *list = json_object_get(o, "authors"), *a;
    size_t i;
    json_t *tmp = NULL;
    if (!json_is_array(list) && json_is_object(one)) list = tmp = json_pack("[O]", one);
    json_array_foreach(list, i, a) {
        if (!json_is_object(a)) continue;
        struct fw_feed_person p = {jstr(doc, a, "name"), NULL, jurl(doc, a, "url", base)};
        if (p.name || p.uri) *PUSH(*v, *n) = p;
    }
    json_decref(tmp);
}

static enum fw_err parse_json(struct fw_feed_doc *doc, const char *p, size_t n, const char *url, char *err, size_t errsz)
{
    json_error_t je;
    json_t *root = json_loadb(p, n, JSON_DISABLE_EOF_CHECK, &je);
    if (!json_is_object(root)) {
        json_decref(root);
        return fw_fail(err, errsz, FW_E_PARSE, "JSON line %d: %s", je.line, je.text);
    }
    struct fw_buf b;
    fw_buf_init(&b, 0);
    doc->format = FW_FEED_JSON;
    const char *ver = json_string_value(json_object_get(root, "version"));
    doc->version = ver && strstr(ver, "jsonfeed.org/version/1.1") ? "json11" : ver && strstr(ver, "jsonfeed.org/version/1") ? "json1" : "json";
    if (!ver) set_bozo(doc, "not a JSON Feed: no version");
    doc->self_link = jurl(doc, root, "feed_url", url);
    const char *base = doc->self_link ? doc->self_link : url;
    doc->title = jstr(doc, root, "title");
    doc->link = jurl(doc, root, "home_page_url", base);
    doc->description = jstr(doc, root, "description");
    doc->language = jstr(doc, root, "language");
    doc->icon = jurl(doc, root, "favicon", base);
    doc->image = jurl(doc, root, "icon", base);
    jauthors(doc, root, &doc->authors, &doc->nauthors, base);
    if (doc->link) *PUSH(doc->links, doc->nlinks) = (struct fw_feed_link){doc->link, "alternate", "text/html", NULL, -1};
    if (doc->self_link) *PUSH(doc->links, doc->nlinks) = (struct fw_feed_link){doc->self_link, "self", NULL, NULL, -1};
    size_t i, cap = 0;
    json_t *hub, *it;
    json_array_foreach(json_object_get(root, "hubs"), i, hub) {
        if (!doc->hub) doc->hub = jurl(doc, hub, "url", base);
    }
    json_array_foreach(json_object_get(root, "items"), i, it) {
        if (!json_is_object(it)) continue;
        struct fw_feed_entry *e = new_entry(doc, &cap);
        if (!e) break;
        json_t *idv = json_object_get(it, "id");
        if (json_is_string(idv)) e->id = jstr(doc, it, "id");
        else if (json_is_integer(idv)) {
            char num[32];
            snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(idv));
            e->id = astrdup(doc, num);
        }
        e->link = jurl(doc, it, "url", base);
        e->title = jstr(doc, it, "title");
        const char *html = json_string_value(json_object_get(it, "content_html"));
        const char *text = json_string_value(json_object_get(it, "content_text"));
        if (html) {
            e->content = jhtml(doc, html, e->link ? e->link : base, &b);
            e->content_type = "text/html";
        } else if (text) {
            e->content = atrim(doc, text, strlen(text));
            e->content_type = "text/plain";
        }
        e->summary = jstr(doc, it, "summary");
        e->published = jdate(it, "date_published");
        e->updated = jdate(it, "date_modified");
        jauthors(doc, it, &e->authors, &e->nauthors, base);
        if (!e->nauthors) jauthors(doc, root, &e->authors, &e->nauthors, base);
        json_t *tag, *att;
        size_t k;
        json_array_foreach(json_object_get(it, "tags"), k, tag) {
            const char *s = json_string_value(tag);
            if (s) add_category(&e->categories, &e->ncategories, atrim(doc, s, strlen(s)));
        }
        if (e->link) *PUSH(e->links, e->nlinks) = (struct fw_feed_link){e->link, "alternate", "text/html", NULL, -1};
        char *ext = jurl(doc, it, "external_url", base);
        if (ext) *PUSH(e->links, e->nlinks) = (struct fw_feed_link){ext, "related", NULL, NULL, -1};
        json_array_foreach(json_object_get(it, "attachments"), k, att) {
            char *u = jurl(doc, att, "url", base);
            if (!u) continue;
            json_t *sz = json_object_get(att, "size_in_bytes");
            *PUSH(e->enclosures, e->nenclosures) = (struct fw_feed_link){
                u, "enclosure", jstr(doc, att, "mime_type"), jstr(doc, att, "title"), json_is_integer(sz) ? json_integer_value(sz) : -1};
        }
        if (!e->id) {
            e->id_derived = 1;
            e->id = e->link ? e->link : hash_id(doc, e);
        }
    }
    unique_derived_ids(doc);
    fw_buf_fini(&b);
    json_decref(root);
    return FW_OK;
}

/* ---- entry points ---- */

enum fw_err fw_feed_parse(const char *body, size_t len, const char *feed_url, const char *http_content_type,
                          struct fw_feed_doc **out, char *err, size_t errsz)
{
    enum fw_err rc = FW_OK;
    struct fw_buf conv, clean;
    fw_buf_init(&conv, FW_FEED_MAX_BYTES * 4); /* UTF-16 to UTF-8 may grow, bounded */
    fw_buf_init(&clean, FW_FEED_MAX_BYTES * 5);
    struct fw_feed_doc *doc = fw_xcalloc(1, sizeof *doc);
    doc->version = "";
    doc->ttl_min = -1;
    doc->updated = doc->published = FW_FEED_NO_TIME;
    *out = NULL;
    if (len > FW_FEED_MAX_BYTES) {
        rc = fw_fail(err, errsz, FW_E_TOOBIG, "feed of %zu bytes exceeds %u", len, FW_FEED_MAX_BYTES);
        goto out;
    }
    const char *p = body;
    size_t n = len;
    if ((rc = to_utf8(doc, body, len, http_content_type, &conv, &p, &n, err, errsz)) != FW_OK) goto out;
    size_t lead = 0;
    while (lead < n && isspace((unsigned char)p[lead])) lead++;
    if (lead < n && (p[lead] == '{' || p[lead] == '[')) {
        rc = parse_json(doc, p + lead, n - lead, feed_url, err, errsz);
        goto out;
    }
    int cleaned = clean_xml(doc, p, n, &clean);
    if (cleaned < 0) {
        rc = fw_fail(err, errsz, FW_E_PARSE, "an element with more than %d attributes", MAX_TAG_ATTRS);
        goto out;
    }
    if (cleaned) {
        p = clean.p;
        n = clean.len;
    }
    if (n > INT32_MAX) {
        rc = fw_fail(err, errsz, FW_E_TOOBIG, "feed too big");
        goto out;
    }
    rc = parse_xml(doc, p, n, feed_url, err, errsz);
out:
    fw_buf_fini(&conv);
    fw_buf_fini(&clean);
    if (rc == FW_OK) *out = doc;
    else fw_feed_doc_free(doc);
    return rc;
}

static void free_entry(struct fw_feed_entry *e)
{
    free(e->links);
    free(e->enclosures);
    free(e->authors);
    free(e->categories);
}

void fw_feed_doc_free(struct fw_feed_doc *doc)
{
    if (!doc) return;
    for (size_t i = 0; i < doc->nentries; i++) free_entry(&doc->entries[i]);
    free(doc->entries);
    free(doc->links);
    free(doc->authors);
    free(doc->categories);
    for (struct fw_feed_arena *a = doc->arena, *next; a; a = next) {
        next = a->next;
        free(a);
    }
    free(doc);
}

/* ---- JSON view ---- */

static void jset_str(json_t *o, const char *k, const char *v)
{
    if (v) json_object_set_new(o, k, json_string(v));
}

static void jset_time(json_t *o, const char *k, int64_t t)
{
    if (t == FW_FEED_NO_TIME) return;
    char s[32];
    fw_date_format_rfc3339(t, s);
    json_object_set_new(o, k, json_string(s));
}

static json_t *jlinks(const struct fw_feed_link *l, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        jset_str(o, "href", l[i].href);
        jset_str(o, "rel", l[i].rel);
        jset_str(o, "type", l[i].type);
        jset_str(o, "title", l[i].title);
        if (l[i].length >= 0) json_object_set_new(o, "length", json_integer(l[i].length));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *jpeople(const struct fw_feed_person *p, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        jset_str(o, "name", p[i].name);
        jset_str(o, "email", p[i].email);
        jset_str(o, "uri", p[i].uri);
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *jstrings(char *const *s, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(a, json_string(s[i]));
    return a;
}

json_t *fw_feed_doc_to_json(const struct fw_feed_doc *doc)
{
    json_t *f = json_object();
    jset_str(f, "title", doc->title);
    jset_str(f, "link", doc->link);
    jset_str(f, "self_link", doc->self_link);
    jset_str(f, "hub", doc->hub);
    jset_str(f, "id", doc->id);
    jset_str(f, "description", doc->description);
    jset_str(f, "language", doc->language);
    jset_str(f, "generator", doc->generator);
    jset_str(f, "rights", doc->rights);
    jset_str(f, "image", doc->image);
    jset_str(f, "icon", doc->icon);
    jset_time(f, "updated", doc->updated);
    jset_time(f, "published", doc->published);
    if (doc->ttl_min >= 0) json_object_set_new(f, "ttl", json_integer(doc->ttl_min));
    json_t *hours = json_array(), *days = json_array();
    for (int h = 0; h < 24; h++)
        if (doc->skip_hours & (1u << h)) json_array_append_new(hours, json_integer(h));
    for (int i = 1; i <= 7; i++) /* from Monday, as RSS lists them */
        if (doc->skip_days & (1u << i % 7)) json_array_append_new(days, json_string(fw_cal_wday_name(i % 7)));
    json_object_set_new(f, "skip_hours", hours);
    json_object_set_new(f, "skip_days", days);
    json_object_set_new(f, "links", jlinks(doc->links, doc->nlinks));
    json_object_set_new(f, "authors", jpeople(doc->authors, doc->nauthors));
    json_object_set_new(f, "categories", jstrings(doc->categories, doc->ncategories));
    json_t *es = json_array();
    for (size_t i = 0; i < doc->nentries; i++) {
        const struct fw_feed_entry *e = &doc->entries[i];
        json_t *o = json_object();
        jset_str(o, "id", e->id);
        if (e->id_derived) json_object_set_new(o, "id_derived", json_true());
        jset_str(o, "title", e->title);
        jset_str(o, "link", e->link);
        jset_time(o, "published", e->published);
        jset_time(o, "updated", e->updated);
        jset_str(o, "summary", e->summary);
        jset_str(o, "content", e->content);
        jset_str(o, "content_type", e->content_type);
        jset_str(o, "comments", e->comments);
        json_object_set_new(o, "links", jlinks(e->links, e->nlinks));
        json_object_set_new(o, "enclosures", jlinks(e->enclosures, e->nenclosures));
        json_object_set_new(o, "authors", jpeople(e->authors, e->nauthors));
        json_object_set_new(o, "categories", jstrings(e->categories, e->ncategories));
        json_array_append_new(es, o);
    }
    static const char *const formats[] = {"unknown", "rss", "rdf", "atom", "json"};
    return json_pack("{s:o, s:o, s:b, s:s?, s:s?, s:s, s:s}", "feed", f, "entries", es, "bozo", doc->bozo,
                     "bozo_reason", doc->bozo_reason, "encoding", doc->encoding, "format", formats[doc->format],
                     "version", doc->version);
}
