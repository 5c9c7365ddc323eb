/* fw_extract: article text and metadata from one HTML page (see the header).
 * Steps: refuse what is not HTML or too big; choose the charset (BOM, HTTP
 * header, <meta>, then what the bytes allow); prefilter the bytes (drop
 * scripts, styles, comments and unread attributes, repair UTF-8) so that
 * libxml2 parses half as much; one iterative walk over the DOM that drops
 * boilerplate subtrees, counts text, links and commas per element and
 * collects metadata; Readability-style scoring of paragraph blocks up their
 * ancestors; the best box, the lead above it and its qualifying siblings are
 * written out as paragraphs, unless the page's prose paragraphs are far more.
 * Thread: any. */
#include "feedwire/fw_extract.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/uri.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xxhash.h>

#include "feedwire/fw_cal.h"
#include "feedwire/fw_date.h"
#include "fw_extract_int.h"

#define MAX_DEPTH 400            /* deeper subtrees are not visited */
#define MAX_JSONLD ((size_t)512 << 10)
#define CLASS_MAX 200            /* class+id bytes looked at */
/* Tuned on the development corpus (tests/extract_accuracy.py), for pages in general: */
#define MIN_TEXT_RETRY 1000      /* shorter texts: walk again without the class filter, */
#define RETRY_GAIN 2             /* and take that text when this many times longer */
#define SIB_TEXT 400             /* a sibling box with this much prose joins the article */
#define ANC_LEVELS 3             /* an ancestor this close ... */
#define ANC_SCORE 0.5f           /* ... scoring at least this share of the best ... */
#define ANC_TEXT 3               /* ... with this many times its text replaces it */
#define PROSE_MIN 60             /* a prose paragraph: this many non-space characters ... */
#define PROSE_RATIO 5            /* ... all of them win when this many times the best box, */
#define SHORT_MAIN 2000          /* or twice a best box shorter than this */
#define BODY_FALLBACK 500        /* fewer characters: the JSON-LD articleBody if far longer */

/* ---- tags ---- */

enum {
    F_SKIP = 1,    /* never content: drop the subtree */
    F_BLOCK = 2,   /* breaks paragraphs */
    F_PARA = 4,    /* a unit that is scored */
    F_COND = 8,    /* container cleaned conditionally when written out */
    F_LIST = 16,
    F_HEAD = 32,   /* h1..h6 */
    F_SOFT = 64,   /* with F_SKIP: skipped only in the first, strict walk (broken pages nest articles in them) */
};

enum tagid {
    T_OTHER, T_A, T_ARTICLE, T_BODY, T_BR, T_DIV, T_FORM, T_H1, T_IMG, T_INPUT, T_LI, T_MAIN, T_META, T_LINK,
    T_P, T_SCRIPT, T_SECTION, T_TIME, T_TITLE, T_HTML, T_EMBED, T_TD, T_PRE, T_BLOCKQUOTE, T_HEADER, T_TABLE,
    T_ABBR, T_FIGURE
};

static const struct tagdef {
    const char *name;
    unsigned char id;
    unsigned char flags;
} tags[] = {
    /* sorted by name for bsearch */
    {"a", T_A, 0},
    {"abbr", T_ABBR, 0},
    {"address", T_OTHER, F_BLOCK},
    {"article", T_ARTICLE, F_BLOCK},
    {"aside", T_OTHER, F_SKIP | F_SOFT | F_BLOCK},
    {"audio", T_OTHER, F_SKIP},
    {"base", T_OTHER, F_SKIP},
    {"blockquote", T_BLOCKQUOTE, F_BLOCK | F_PARA},
    {"body", T_BODY, F_BLOCK},
    {"br", T_BR, 0},
    {"button", T_OTHER, F_SKIP},
    {"canvas", T_OTHER, F_SKIP},
    {"caption", T_OTHER, F_BLOCK},
    {"center", T_OTHER, F_BLOCK},
    {"dd", T_OTHER, F_BLOCK},
    {"details", T_OTHER, F_BLOCK},
    {"dialog", T_OTHER, F_SKIP | F_SOFT},
    {"div", T_DIV, F_BLOCK | F_COND},
    {"dl", T_OTHER, F_BLOCK | F_COND | F_LIST},
    {"dt", T_OTHER, F_BLOCK},
    {"embed", T_EMBED, F_SKIP},
    {"fieldset", T_OTHER, F_BLOCK | F_COND},
    {"figcaption", T_OTHER, F_BLOCK},
    {"figure", T_FIGURE, F_SKIP | F_SOFT | F_BLOCK},
    {"footer", T_OTHER, F_SKIP | F_SOFT | F_BLOCK},
    {"form", T_FORM, F_BLOCK | F_COND},
    {"h1", T_H1, F_BLOCK | F_HEAD},
    {"h2", T_OTHER, F_BLOCK | F_HEAD},
    {"h3", T_OTHER, F_BLOCK | F_HEAD},
    {"h4", T_OTHER, F_BLOCK | F_HEAD},
    {"h5", T_OTHER, F_BLOCK | F_HEAD},
    {"h6", T_OTHER, F_BLOCK | F_HEAD},
    {"head", T_OTHER, 0},
    {"header", T_HEADER, F_BLOCK | F_COND},
    {"hgroup", T_OTHER, F_BLOCK},
    {"hr", T_OTHER, F_BLOCK},
    {"html", T_HTML, F_BLOCK},
    {"iframe", T_OTHER, F_SKIP},
    {"img", T_IMG, 0},
    {"input", T_INPUT, F_SKIP},
    {"label", T_OTHER, F_SKIP | F_SOFT},
    {"li", T_LI, F_BLOCK},
    {"link", T_LINK, F_SKIP},
    {"main", T_MAIN, F_BLOCK},
    {"math", T_OTHER, F_SKIP},
    {"menu", T_OTHER, F_SKIP | F_SOFT},
    {"meta", T_META, F_SKIP},
    {"nav", T_OTHER, F_SKIP | F_SOFT | F_BLOCK},
    {"noscript", T_OTHER, F_SKIP | F_SOFT},
    {"object", T_EMBED, F_SKIP},
    {"ol", T_OTHER, F_BLOCK | F_COND | F_LIST},
    {"option", T_OTHER, F_SKIP},
    {"p", T_P, F_BLOCK | F_PARA},
    {"picture", T_OTHER, F_SKIP},
    {"pre", T_PRE, F_BLOCK | F_PARA},
    {"script", T_SCRIPT, F_SKIP},
    {"section", T_SECTION, F_BLOCK | F_COND},
    {"select", T_OTHER, F_SKIP},
    {"style", T_OTHER, F_SKIP},
    {"summary", T_OTHER, F_BLOCK},
    {"svg", T_OTHER, F_SKIP},
    {"table", T_TABLE, F_BLOCK | F_COND},
    {"tbody", T_OTHER, F_BLOCK},
    {"td", T_TD, F_BLOCK | F_PARA},
    {"template", T_OTHER, F_SKIP},
    {"textarea", T_OTHER, F_SKIP},
    {"tfoot", T_OTHER, F_BLOCK},
    {"th", T_OTHER, F_BLOCK},
    {"thead", T_OTHER, F_BLOCK},
    {"time", T_TIME, 0},
    {"title", T_TITLE, F_SKIP},
    {"tr", T_OTHER, F_BLOCK},
    {"ul", T_OTHER, F_BLOCK | F_COND | F_LIST},
    {"video", T_OTHER, F_SKIP},
};

static int tagcmp(const void *k, const void *e)
{
    return strcmp(k, ((const struct tagdef *)e)->name);
}

static const struct tagdef *tag_lookup(const xmlNode *n)
{
    static const struct tagdef other = {"", T_OTHER, 0};
    const struct tagdef *t = bsearch(n->name, tags, sizeof tags / sizeof tags[0], sizeof tags[0], tagcmp);
    return t ? t : &other;
}

/* ---- class/id hints (general words, as Readability uses) ---- */

static const char *const unlikely_words[] = {
    "-ad-",     "ai2html",   "banner",   "breadcrumb", "combx",      "comment",    "community", "cover-wrap",
    "disqus",   "extra",     "footer",   "gdpr",       "header",     "legends",    "menu",      "related",
    "remark",   "replies",   "rss",      "shoutbox",   "sidebar",    "skyscraper", "social",    "sponsor",
    "supplemental", "ad-break", "agegate", "pagination", "pager", "popup", "newsletter", "cookie", "share",
    "subscribe", "paywall",  "promo",      "outbrain",   "taboola",    "recommend", "navigation",
    "disclaimer", "disclosure", "infobox", "factbox", "caption",  "credit",    "copyright", "navbar",   "skip-link", "signup",   "modal",      "toolbar",    NULL};
static const char *const maybe_words[] = {"and", "article", "body", "column", "content", "main", "shadow", NULL};
static const char *const positive_words[] = {"article", "body", "content", "entry", "hentry", "h-entry", "main",
                                             "page", "post", "text", "blog", "story", "artikel", "inhalt", NULL};
static const char *const negative_words[] = {
    "-ad-",    "banner", "combx",  "comment",  "com-",    "contact", "foot",    "footnote",
    "gdpr",    "masthead", "media", "meta",  "outbrain", "promo",   "related", "scroll",  "share",
    "shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool", "widget", "teaser",
    "newsletter", "byline", "author", "caption", "credit", NULL};
static const char *const date_words[] = {"date", "time", "publish", "posted", "datum", "dateline", "meta",
                                         "submitted" /* Drupal's "Submitted by X on <date>" */, NULL};

static int any_word(const char *s, const char *const *w)
{
    for (; *w; w++)
        if (strstr(s, *w)) return 1;
    return 0;
}

enum { C_UNLIKELY = 1, C_MAYBE = 2, C_POS = 4, C_NEG = 8, C_DATE = 16, C_KNOWN = 128 };

/* Class+id strings repeat all over a page: their word tests are memoised
 * by hash (a collision costs a wrong hint, never memory safety). */
struct class_memo {
    uint64_t h;
    unsigned char flags;
};
#define CLASS_MEMO 512

static unsigned class_flags(struct class_memo *memo, const char *cls, size_t cl)
{
    uint64_t h = XXH3_64bits(cls, cl);
    struct class_memo *e = &memo[h % CLASS_MEMO];
    if ((e->flags & C_KNOWN) && e->h == h) return e->flags;
    unsigned f = C_KNOWN;
    if (any_word(cls, unlikely_words)) f |= C_UNLIKELY;
    if (any_word(cls, maybe_words)) f |= C_MAYBE;
    if (any_word(cls, positive_words)) f |= C_POS;
    if (any_word(cls, negative_words)) f |= C_NEG;
    if (any_word(cls, date_words) && !strstr(cls, "comment")) f |= C_DATE; /* a comment's date is not the article's */
    e->h = h;
    e->flags = (unsigned char)f;
    return f;
}

/* class and id lowered into buf; returns its length */
static size_t class_id(const xmlNode *n, char *buf, size_t bufsz)
{
    size_t k = 0;
    const char *v[2] = {fw_xattr(n, "class"), fw_xattr(n, "id")};
    for (int i = 0; i < 2; i++) {
        if (!v[i]) continue;
        for (const char *p = v[i]; *p && k + 2 < bufsz; p++) buf[k++] = (char)tolower((unsigned char)*p);
        if (k + 2 < bufsz) buf[k++] = ' ';
    }
    buf[k] = 0;
    return k;
}

/* ---- per-element counts ---- */

enum { N_SKIP = 1, N_HASBLOCK = 2, N_SCORED = 4, N_DATEHINT = 8, N_KEEP = 16 };

struct xn {
    xmlNode *node;
    int parent;
    uint32_t text, link, inl, commas;
    uint16_t np, nimg, ninput, nembed;
    unsigned char tagflags, tagid, flags;
    int16_t weight;
    float score;
};

struct xctx {
    struct xn *v;
    size_t n, cap;
    int strict;        /* apply the unlikely class/id filter */
    int collect_meta;  /* first walk only */
    int date_tries;
    uint32_t top_text; /* text of the chosen container */
    struct class_memo memo[CLASS_MEMO];
    struct {
        const xmlChar *name; /* libxml2 interns names: one pointer per tag */
        const struct tagdef *td;
    } tagmemo[128];
    xmlNode *h1;       /* the first <h1> */
    uint32_t seen;     /* visible characters so far (first walk) ... */
    uint32_t h1_at;    /* ... when the first <h1> began */
    char pre_date[40]; /* the last short date before the first <h1> ... */
    size_t since_pre;  /* ... and the visible bytes since */
    struct fw_xmeta *meta;
    struct fw_buf tmp;
};

static const struct tagdef *tag_of(struct xctx *cx, const xmlNode *n)
{
    size_t k = ((uintptr_t)n->name >> 4) % (sizeof cx->tagmemo / sizeof cx->tagmemo[0]);
    if (cx->tagmemo[k].name != n->name) {
        cx->tagmemo[k].name = n->name;
        cx->tagmemo[k].td = tag_lookup(n);
    }
    return cx->tagmemo[k].td;
}

static int info_of(const xmlNode *n)
{
    return (int)(intptr_t)n->_private - 1;
}

static int is_hidden(const xmlNode *n)
{
    const char *s;
    if (fw_xattr(n, "hidden")) return 1;
    if ((s = fw_xattr(n, "aria-hidden")) && !strcmp(s, "true")) return 1;
    if ((s = fw_xattr(n, "style"))) {
        if (strstr(s, "display:none") || strstr(s, "display: none") || strstr(s, "visibility:hidden") ||
            strstr(s, "visibility: hidden"))
            return 1;
    }
    return 0;
}

static int bad_role(const char *r)
{
    return r && (!strcmp(r, "navigation") || !strcmp(r, "complementary") || !strcmp(r, "banner") ||
                 !strcmp(r, "contentinfo") || !strcmp(r, "menu") || !strcmp(r, "menubar") || !strcmp(r, "dialog") ||
                 !strcmp(r, "alert") || !strcmp(r, "search"));
}

static void count_text(struct xn *x, const unsigned char *s)
{
    uint32_t t = 0, c = 0;
    for (; *s; s++) {
        unsigned char ch = *s;
        if (ch <= ' ') continue;
        if ((ch & 0xC0) == 0x80) continue;
        if (ch == ',') c++;
        else if (ch == 0xEF && s[1] == 0xBC && s[2] == 0x8C) c++; /* fullwidth comma */
        else if (ch == 0xE3 && s[1] == 0x80 && s[2] == 0x81) c++; /* ideographic comma */
        t++;
    }
    x->text += t;
    x->inl += t;
    x->commas += c;
}

/* The kicker of the <h1> h (its text in cx->tmp): a few words in an
 * element of their own before the rest of the headline. */
static void h1_kicker(struct xctx *cx, const xmlNode *h)
{
    const xmlNode *c = h->children;
    while (c && c->type == XML_TEXT_NODE && c->content && !c->content[strspn((const char *)c->content, " \t\r\n")])
        c = c->next;
    if (!c || c->type != XML_ELEMENT_NODE || !strcmp((const char *)c->name, "a") || !strcmp((const char *)c->name, "br"))
        return;
    struct fw_buf k;
    fw_buf_init(&k, 0);
    fw_xnode_text((xmlNode *)c, &k, 120);
    int words = 0, in = 0;
    for (size_t i = 0; i < k.len; i++) {
        int sp = k.p[i] == ' ';
        if (!sp && !in) words++;
        in = !sp;
    }
    if (k.len && k.len <= 80 && words <= 6 && cx->tmp.len > k.len + 10 && !strncmp(cx->tmp.p, k.p, k.len))
        cx->meta->kicker = fw_xstrdup(k.p);
    fw_buf_fini(&k);
}

static void meta_on_enter(struct xctx *cx, xmlNode *n, const struct tagdef *td, const char *cls, int in_skip)
{
    struct fw_xmeta *m = cx->meta;
    const char *v;
    switch (td->id) {
    case T_META:
        fw_xmeta_on_meta(m, n);
        break;
    case T_TITLE:
        if (!m->doc_title || !*m->doc_title) { /* an empty <title> (an icon's) is no title */
            fw_buf_reset(&cx->tmp);
            fw_xnode_text(n, &cx->tmp, 2048);
            free(m->doc_title);
            m->doc_title = fw_xstrdup(cx->tmp.p ? cx->tmp.p : "");
        }
        break;
    case T_LINK:
        if ((v = fw_xattr(n, "rel")) && !strcasecmp(v, "canonical") && (v = fw_xattr(n, "href")))
            fw_xmeta_offer(m, FW_X_CANONICAL, v, strlen(v), FW_XR_META);
        break;
    case T_HTML:
        if ((v = fw_xattr(n, "lang")) || (v = fw_xattr(n, "xml:lang")))
            fw_xmeta_offer(m, FW_X_LANGUAGE, v, strlen(v), FW_XR_JSONLD);
        break;
    case T_SCRIPT:
        if ((v = fw_xattr(n, "type")) && fw_xcasestr(v, "ld+json") && n->children && n->children->content) {
            const char *s = (const char *)n->children->content;
            size_t len = strlen(s);
            if (len <= MAX_JSONLD) fw_xmeta_on_jsonld(m, s, len);
        }
        break;
    case T_TIME:
    case T_ABBR:
        v = fw_xattr(n, td->id == T_TIME ? "datetime" : "title");
        if (v) {
            const char *ip = fw_xattr(n, "itemprop");
            int mod = (ip && !strcasecmp(ip, "dateModified")) || strstr(cls, "updated") || strstr(cls, "modified");
            int pub = (ip && !strcasecmp(ip, "datePublished")) || fw_xattr(n, "pubdate") || strstr(cls, "publish") ||
                      strstr(cls, "entry-date") || strstr(cls, "post-date");
            if (mod) fw_xmeta_offer_date(m, FW_X_MODIFIED, v, strlen(v), FW_XR_ELEMENT, 0);
            else if (pub) fw_xmeta_offer_date(m, FW_X_PUBLISHED, v, strlen(v), FW_XR_ELEMENT, 0);
            else if (td->id == T_TIME && !in_skip)
                fw_xmeta_offer_date(m, FW_X_PUBLISHED, v, strlen(v), FW_XR_ELEMENT + 5, 0);
        } else if (td->id == T_TIME && !in_skip && !m->slot[FW_X_PUBLISHED].val) {
            /* <time> without datetime: its text */
            fw_buf_reset(&cx->tmp);
            fw_xnode_text(n, &cx->tmp, 200);
            if (cx->tmp.len) fw_xmeta_offer_date(m, FW_X_PUBLISHED, cx->tmp.p, cx->tmp.len, FW_XR_ELEMENT + 6, 1);
        }
        break;
    case T_H1:
        /* a date just above the first headline ("06.12.2022" in its topline) is its dateline: better
         * than the dates of the text below it, which are the story's */
        if (!m->nh1 && cx->pre_date[0] && cx->since_pre < 40)
            fw_xmeta_offer_date(m, FW_X_PUBLISHED, cx->pre_date, strlen(cx->pre_date), FW_XR_LAST - 11, 0);
        if (!cx->h1) cx->h1 = n, cx->h1_at = cx->seen;
        if (m->nh1 < 4) {
            fw_buf_reset(&cx->tmp);
            fw_xnode_text(n, &cx->tmp, 1024);
            if (cx->tmp.len) m->h1s[m->nh1] = fw_xstrdup(cx->tmp.p);
            if (!m->h1) m->h1 = m->h1s[m->nh1];
            if (!m->nh1 && cx->tmp.len) h1_kicker(cx, n);
        }
        m->nh1++;
        break;
    default:
        break;
    }
    if (td->id != T_META && fw_xattr(n, "property") && fw_xattr(n, "content"))
        fw_xmeta_on_meta(m, n); /* RDFa: metadata on any element */
    if (td->id != T_META && (v = fw_xattr(n, "itemprop"))) {
        if (!strcasecmp(v, "datePublished") || !strcasecmp(v, "dateModified")) {
            enum fw_xslot s = v[4] == 'P' || v[4] == 'p' ? FW_X_PUBLISHED : FW_X_MODIFIED;
            const char *c = fw_xattr(n, "content");
            if (!c) c = fw_xattr(n, "datetime");
            if (c) fw_xmeta_offer_date(m, s, c, strlen(c), FW_XR_ELEMENT, 0);
        } else if (!strcasecmp(v, "author") || !strcasecmp(v, "creator")) {
            fw_buf_reset(&cx->tmp);
            fw_xnode_text(n, &cx->tmp, 200);
            if (cx->tmp.len && cx->tmp.len < 100) fw_xmeta_offer(m, FW_X_AUTHOR, cx->tmp.p, cx->tmp.len, FW_XR_ELEMENT);
        }
    }
    /* a visible byline: a short element whose text opens with "By", "Von", "Par" ... */
    if (td->id != T_SCRIPT && td->id != T_A && !in_skip && m->nauthor_c < FW_XAUTHOR_CANDS - 2 && n->children &&
        n->children->type == XML_TEXT_NODE && n->children->content && fw_xbyline_opens((const char *)n->children->content)) {
        fw_buf_reset(&cx->tmp);
        fw_xnode_text(n, &cx->tmp, 160);
        if (cx->tmp.len && cx->tmp.len < 120) fw_xmeta_offer_author(m, cx->tmp.p, cx->tmp.len, FW_XR_TEXT);
    }
    /* a label in an element of its own ("<span>By</span><a>Ann Lee</a>",
     * "<h5>Autor:</h5>Ann Lee"): the byline is its parent's text */
    if (td->id != T_SCRIPT && m->nauthor_c < FW_XAUTHOR_CANDS - 2 && n->children && !n->children->next &&
        n->children->type == XML_TEXT_NODE && n->children->content && n->parent &&
        n->parent->type == XML_ELEMENT_NODE && fw_xbyline_label((const char *)n->children->content) &&
        (!in_skip || strchr((const char *)n->children->content, ':'))) { /* "Author:" even in a footer */
        fw_buf_reset(&cx->tmp);
        fw_xnode_text(n, &cx->tmp, 40);
        for (xmlNode *sib = n->next; sib && cx->tmp.len < 160; sib = sib->next) {
            fw_buf_addc(&cx->tmp, ' ');
            if (sib->type == XML_TEXT_NODE && sib->content) fw_buf_adds(&cx->tmp, (const char *)sib->content);
            else if (sib->type == XML_ELEMENT_NODE) fw_xnode_text(sib, &cx->tmp, 160);
        }
        if (cx->tmp.len && cx->tmp.len < 120) fw_xmeta_offer_author(m, cx->tmp.p, cx->tmp.len, FW_XR_TEXT);
    }
    int rel_author = td->id == T_A && (v = fw_xattr(n, "rel")) && !strcmp(v, "author");
    /* a byline: short text in an element named for it (Readability's test) */
    int byline = cls[0] && !strstr(cls, "comment") && (strstr(cls, "byline") || strstr(cls, "auteur") ||
                                                       strstr(cls, "autor") || strstr(cls, "writtenby") || strstr(cls, "p-author") ||
                            (strstr(cls, "author") && !strstr(cls, "bio") && !strstr(cls, "about") &&
                             !strstr(cls, "authority")));
    if ((rel_author || byline) && (!m->slot[FW_X_AUTHOR].val || m->slot[FW_X_AUTHOR].rank > FW_XR_ELEMENT + 1)) {
        fw_buf_reset(&cx->tmp);
        fw_xnode_text(n, &cx->tmp, 200);
        if (cx->tmp.len && cx->tmp.len < 100)
            fw_xmeta_offer(m, FW_X_AUTHOR, cx->tmp.p, cx->tmp.len, rel_author ? FW_XR_ELEMENT + 1 : FW_XR_ELEMENT + 3);
    }
}

/* Is n in a list item that links to another page by its headline (a teaser
 * of a related article: its date is that article's)? */
static int link_words(xmlNode *a)
{
    struct fw_buf b;
    fw_buf_init(&b, 0);
    fw_xnode_text(a, &b, 400);
    int w = 0, in = 0;
    for (size_t i = 0; i < b.len; i++) {
        int sp = b.p[i] == ' ';
        if (!sp && !in) w++;
        in = !sp;
    }
    fw_buf_fini(&b);
    return w;
}

static int in_teaser(const xmlNode *n)
{
    const xmlNode *li = n;
    for (int up = 0; up < 5 && li && li->type == XML_ELEMENT_NODE; up++, li = li->parent)
        if (!strcmp((const char *)li->name, "li")) break;
    if (!li || li->type != XML_ELEMENT_NODE || strcmp((const char *)li->name, "li")) return 0;
    xmlNode *c = li->children;
    int depth = 0;
    while (c) { /* the item's links, four levels down: one of four words or more is a headline */
        if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "a")) {
            if (link_words(c) >= 4) return 1;
        } else if (c->type == XML_ELEMENT_NODE && c->children && depth < 4) {
            c = c->children;
            depth++;
            continue;
        }
        while (c && !c->next && depth > 0) {
            c = c->parent;
            depth--;
        }
        c = c ? c->next : NULL;
    }
    return 0;
}

#define HEAD_CHARS 400 /* "just below the headline" (characters, spaces aside): a standfirst, a byline */

/* Is a date just below the headline still wanted (a generic date leads)? */
static int head_open(const struct xctx *cx)
{
    return !cx->meta->has_head_date && cx->h1 && cx->seen - cx->h1_at <= HEAD_CHARS &&
           fw_xmeta_generic_published(cx->meta);
}

/* A date in s[0..n) shown just below the first <h1>, in a date element or
 * labelled as the publication's: the article's own (fw_xmeta_head_date). */
static void head_date(struct xctx *cx, const char *s, size_t n)
{
    if (head_open(cx) && fw_xdate_parse(s, n, &cx->meta->head_date, 1)) cx->meta->has_head_date = 1;
}

/* What a label in an element of its own just before the text node n says
 * of n's date ("<strong>Registriert:</strong> 18.09.2008", "<span>Erschienen
 * am:</span><h2>13.10.2021</h2>"): as fw_xdate_label, 0 if none. */
static int label_before(const xmlNode *n)
{
    const xmlNode *c = n;
    for (int up = 0; up < 3 && c; up++) {
        const xmlNode *p = c->prev;
        while (p && p->type == XML_TEXT_NODE && p->content && !p->content[strspn((const char *)p->content, " \t\r\n")])
            p = p->prev;
        if (p && p->type == XML_ELEMENT_NODE) {
            struct fw_buf b;
            fw_buf_init(&b, 0);
            fw_xnode_text((xmlNode *)p, &b, 80);
            int label = 0;
            if (b.len && b.len <= 60 && !strpbrk(b.p, "0123456789")) {
                fw_buf_adds(&b, " 0");
                label = fw_xdate_label(b.p, b.len);
            }
            fw_buf_fini(&b);
            return label;
        }
        if (p) return 0; /* words before the date in the same element: fw_xdate_label read them */
        c = c->parent;
        if (!c || c->type != XML_ELEMENT_NODE) return 0;
    }
    return 0;
}

/* The text of a date element, in cx->tmp: a hint, and the head's date. */
static void date_hint(struct xctx *cx, const xmlNode *n)
{
    int label = fw_xdate_label(cx->tmp.p, cx->tmp.len);
    if (!label && head_open(cx)) label = label_before(n);
    if (label >= 0) head_date(cx, cx->tmp.p, cx->tmp.len);
    fw_xmeta_text_hint(cx->meta, cx->tmp.p, cx->tmp.len);
}

/* The first date in the visible text, better after the <h1>: the last resort.
 * labelled_only: only a date its words call the publication's. */
static void text_date(struct xctx *cx, const xmlNode *n, int labelled_only)
{
    struct fw_xmeta *m = cx->meta;
    int rank = m->nh1 ? FW_XR_LAST - 10 : FW_XR_LAST;
    if (!n->content) return;
    if (!m->nh1 && !labelled_only) { /* a dateline right above the headline: see meta_on_enter */
        const char *c = (const char *)n->content;
        size_t l = strnlen(c, 64), vis = 0;
        struct fw_xdate d;
        for (size_t i = 0; i < l; i++) vis += !isspace((unsigned char)c[i]);
        if (l < 64 && vis && strpbrk(c, "0123456789") && fw_xdate_parse(c, l, &d, 1) && fw_xdate_label(c, l) != -2) {
            fw_xdate_format(&d, cx->pre_date, sizeof cx->pre_date);
            cx->since_pre = 0;
        } else {
            cx->since_pre += vis;
        }
    }
    if (m->slot[FW_X_PUBLISHED].val && m->slot[FW_X_PUBLISHED].rank <= rank && !head_open(cx)) return;
    /* a link's text dates the page it links to ("Rules (ended 28.02.2017)" in a menu) */
    const xmlNode *a = n->parent;
    for (int up = 0; up < 3 && a && a->type == XML_ELEMENT_NODE; up++, a = a->parent)
        if (a->name && !strcmp((const char *)a->name, "a")) return;
    const char *s = (const char *)n->content;
    size_t len = strnlen(s, 300);
    int lng = len >= 300;
    if (lng) {
        /* a long text: only a date that opens it (a teaser's dateline), the weakest hint */
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
        len = strnlen(s, 24);
        rank += 8;
    }
    size_t k = 0;
    while (k < len && (s[k] < '0' || s[k] > '9')) k++;
    if (k == len) return;
    if (labelled_only && lng) return;
    if (!lng) {
        int label = fw_xdate_label(s, len);
        if (!label && strspn(s, " \t\r\n") >= k) label = label_before(n); /* the date alone in its text */
        if (labelled_only && label <= 0) return;
        if (label == -2) return;
        if (label < 0) rank += 5; /* an update stamp serves only when no plain date follows */
        if (label > 0) rank = FW_XR_LABELLED;
    }
    if (m->slot[FW_X_PUBLISHED].val && m->slot[FW_X_PUBLISHED].rank <= rank && rank != FW_XR_LABELLED) return;
    if (n->parent && in_teaser(n->parent)) return; /* last: it reads the item's links */
    if (rank == FW_XR_LABELLED) head_date(cx, s, len);
    fw_xmeta_offer_date(m, FW_X_PUBLISHED, s, len, rank, 1);
}

/* Characters of s that are not spaces (as count_text counts them). */
static uint32_t visible_chars(const xmlChar *s)
{
    uint32_t t = 0;
    for (; *s; s++) t += *s > ' ' && (*s & 0xC0) != 0x80;
    return t;
}

/* Metadata only, under a subtree the text skips. */
static void meta_walk(struct xctx *cx, xmlNode *root, int depth)
{
    char cls[CLASS_MAX + 4];
    xmlNode *n = root->children;
    while (n && n != root) {
        int down = 0;
        /* a boilerplate element's own text: only "published on <date>" ("Dieser Artikel wurde am ...") */
        if (n->type == XML_TEXT_NODE) {
            if (n->content && head_open(cx)) cx->seen += visible_chars(n->content);
            text_date(cx, n, n->parent == root);
        }
        if (n->type == XML_ELEMENT_NODE) {
            const struct tagdef *td = tag_of(cx, n);
            size_t cl = class_id(n, cls, sizeof cls);
            meta_on_enter(cx, n, td, cls, 1);
            if (cl && cx->date_tries < 40 && (class_flags(cx->memo, cls, cl) & C_DATE) && td->id != T_SCRIPT) {
                struct fw_xmeta *m = cx->meta;
                if (!m->has_text_date || m->slot[FW_X_PUBLISHED].rank > FW_XR_TEXT || head_open(cx)) {
                    cx->date_tries++;
                    fw_buf_reset(&cx->tmp);
                    fw_xnode_text(n, &cx->tmp, 400);
                    if (cx->tmp.len && cx->tmp.len < 200 && !in_teaser(n)) date_hint(cx, n);
                }
            }
            down = depth < MAX_DEPTH && !(td->id == T_SCRIPT && !fw_xattr(n, "type"));
        }
        if (down && n->children) {
            n = n->children;
            depth++;
            continue;
        }
        while (n != root && !n->next) {
            n = n->parent;
            depth--;
        }
        if (n == root) break;
        n = n->next;
    }
}

/* A <table> within levels below n: a figure that is a data table, not a picture. */
static int holds_table(const xmlNode *n, int levels)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (!strcmp((const char *)c->name, "table")) return 1;
        if (levels > 1 && holds_table(c, levels - 1)) return 1;
    }
    return 0;
}

/* Pre-order visit: 1 to descend. */
static int enter(struct xctx *cx, xmlNode *n, int depth)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        xmlNode *p = n->parent;
        if (p && p->_private && n->content) {
            uint32_t was = cx->v[info_of(p)].text;
            count_text(&cx->v[info_of(p)], n->content);
            cx->seen += cx->v[info_of(p)].text - was;
        }
        if (cx->collect_meta) text_date(cx, n, 0);
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE) return 0;
    const struct tagdef *td = tag_of(cx, n);
    char cls[CLASS_MAX + 4];
    size_t cl = class_id(n, cls, sizeof cls);
    if (cx->collect_meta) meta_on_enter(cx, n, td, cls, 0);

    if (cx->n == cx->cap) {
        cx->cap = cx->cap ? cx->cap * 2 : 1024;
        cx->v = fw_xrealloc(cx->v, cx->cap * sizeof *cx->v);
    }
    struct xn *x = &cx->v[cx->n];
    memset(x, 0, sizeof *x);
    x->node = n;
    x->parent = n->parent && n->parent->type == XML_ELEMENT_NODE ? info_of(n->parent) : -1;
    x->tagflags = td->flags;
    x->tagid = td->id;
    n->_private = (void *)(intptr_t)(++cx->n);

    int skip = ((td->flags & F_SKIP) && (cx->strict || !(td->flags & F_SOFT)) &&
                !(td->id == T_FIGURE && holds_table(n, 3))) ||
               depth >= MAX_DEPTH ||
               (cx->strict && (is_hidden(n) || bad_role(fw_xattr(n, "role"))));
    const char *ip = fw_xattr(n, "itemprop");
    int body_prop = ip && !strcasecmp(ip, "articleBody");
    if (!skip && cl && cx->strict && td->id != T_BODY && td->id != T_HTML && td->id != T_ARTICLE &&
        td->id != T_MAIN && td->id != T_A && !body_prop &&
        (class_flags(cx->memo, cls, cl) & (C_UNLIKELY | C_MAYBE)) == C_UNLIKELY)
        skip = 1;
    if (skip) {
        x->flags |= N_SKIP;
        /* boilerplate for the text, but article headers hold dates, bylines, the <h1> */
        if (cx->collect_meta && n->children && depth < MAX_DEPTH && td->id != T_SCRIPT) meta_walk(cx, n, depth);
        return 0;
    }
    int w = 0;
    if (cl) {
        unsigned cf = class_flags(cx->memo, cls, cl);
        if (cf & C_POS) w += 25;
        if (cf & C_NEG) w -= 25;
        if (cx->collect_meta && (cf & C_DATE)) x->flags |= N_DATEHINT;
    }
    if (body_prop) w += 50;
    x->weight = (int16_t)w;
    return 1;
}

/* Post-order visit: fold the element's counts into its parent. */
static void leave(struct xctx *cx, xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE || !n->_private) return;
    struct xn *x = &cx->v[info_of(n)];
    if (x->flags & N_SKIP) return;
    if (x->tagid == T_A) x->link = x->text;
    if ((x->flags & N_DATEHINT) && x->text < 120 && cx->date_tries < 40) {
        struct fw_xmeta *m = cx->meta;
        if (!m->has_text_date || m->slot[FW_X_PUBLISHED].rank > FW_XR_TEXT || head_open(cx)) {
            cx->date_tries++;
            fw_buf_reset(&cx->tmp);
            fw_xnode_text(n, &cx->tmp, 400);
            if (cx->tmp.len && !in_teaser(n)) date_hint(cx, n);
        }
    }
    if (x->parent < 0) return;
    struct xn *p = &cx->v[x->parent];
    p->text += x->text;
    p->link += x->link;
    p->commas += x->commas;
    p->np += x->np + (x->tagid == T_P);
    p->nimg += x->nimg + (x->tagid == T_IMG);
    p->ninput += x->ninput + (x->tagid == T_INPUT);
    p->nembed += x->nembed + (x->tagid == T_EMBED);
    if (x->tagflags & F_BLOCK) p->flags |= N_HASBLOCK;
    else p->inl += x->inl;
}

static void walk(struct xctx *cx, xmlNode *root)
{
    xmlNode *n = root;
    int depth = 0;
    for (;;) {
        int down = enter(cx, n, depth);
        if (down && n->children) {
            n = n->children;
            depth++;
            continue;
        }
        for (;;) {
            leave(cx, n);
            if (n == root) return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
            depth--;
        }
    }
}

/* ---- the date the page shows ---- */

struct shown {
    struct fw_xdate pub, mod;
    int pub_seen, mod_seen;
};

static int shown_one(const struct fw_xdate *d, void *arg)
{
    struct shown *sh = arg;
    if (d->y == sh->pub.y && d->mo == sh->pub.mo && d->d == sh->pub.d) sh->pub_seen = 1;
    if (d->y == sh->mod.y && d->mo == sh->mod.mo && d->d == sh->mod.d) sh->mod_seen = 1;
    return sh->pub_seen; /* the published day in sight: nothing more to learn */
}

/* A published date from the page's metadata (or URL) that its text never
 * shows, while it shows the modified day: the page presents itself as of
 * the later day (a story republished or rewritten), and its readers date
 * it so. Then published is that day. Only pages whose two dates differ pay
 * for the walk over their text. */
static void shown_date(struct fw_xmeta *m, xmlNode *root)
{
    struct fw_xcand *p = &m->slot[FW_X_PUBLISHED], *u = &m->slot[FW_X_MODIFIED];
    struct shown sh = {0};
    if (!p->val || !u->val || p->rank >= FW_XR_ELEMENT || !fw_xdate_parse(p->val, strlen(p->val), &sh.pub, 0) ||
        !fw_xdate_parse(u->val, strlen(u->val), &sh.mod, 0) || fw_xdate_days_apart(&sh.pub, &sh.mod) == 0 ||
        strcmp(u->val, p->val) < 0)
        return;
    xmlNode *n = root;
    int depth = 0;
    while (n && !sh.pub_seen) {
        int down = 0;
        if (n->type == XML_TEXT_NODE && n->content) {
            fw_xdate_each((const char *)n->content, strlen((const char *)n->content), shown_one, &sh);
        } else if (n->type == XML_ELEMENT_NODE && depth < MAX_DEPTH) {
            const char *nm = (const char *)n->name;
            down = strcmp(nm, "script") && strcmp(nm, "style") && strcmp(nm, "noscript") && strcmp(nm, "template") &&
                   strcmp(nm, "head");
        }
        if (down && n->children) {
            n = n->children;
            depth++;
            continue;
        }
        while (n && n != root && !n->next) n = n->parent, depth--;
        if (!n || n == root) break;
        n = n->next;
    }
    if (sh.pub_seen || !sh.mod_seen) return;
    free(p->val);
    p->val = fw_xstrdup(u->val);
    p->rank = u->rank;
}

/* ---- scoring ---- */

static float link_density(const struct xn *x)
{
    return x->text ? (float)x->link / (float)x->text : 0.0f;
}

static void init_score(struct xn *x)
{
    if (x->flags & N_SCORED) return;
    x->flags |= N_SCORED;
    /* a promising class name on a small box is not an article */
    float s = x->text >= 300 ? x->weight : x->weight * (float)x->text / 300.0f;
    switch (x->tagid) {
    case T_DIV: s += 5; break;
    case T_ARTICLE: s += 10; break;
    case T_MAIN: s += 5; break;
    case T_PRE: case T_TD: case T_BLOCKQUOTE: s += 3; break;
    case T_FORM: case T_LI: s -= 3; break;
    case T_H1: s -= 5; break;
    default:
        if (x->tagflags & F_LIST) s -= 3;
        if (x->tagflags & F_HEAD) s -= 5;
        break;
    }
    x->score = s;
}

static void score_units(struct xctx *cx)
{
    for (size_t i = 0; i < cx->n; i++) {
        struct xn *x = &cx->v[i];
        if (x->flags & N_SKIP) continue;
        uint32_t len;
        if ((x->tagflags & F_PARA) || ((x->tagflags & F_BLOCK) && !(x->flags & N_HASBLOCK) && x->tagid != T_LI &&
                                       !(x->tagflags & F_HEAD)))
            len = x->text;
        else if ((x->flags & N_HASBLOCK) && x->tagid != T_BODY && x->tagid != T_HTML)
            len = x->inl; /* text straight in a container, between its blocks */
        else
            continue;
        if (len < 25) continue;
        float s = 1.0f + (float)x->commas + (float)(len / 100 < 3 ? len / 100 : 3);
        int a = (x->flags & N_HASBLOCK) ? (int)i : x->parent;
        for (int lvl = 0; a >= 0 && lvl < 5; lvl++, a = cx->v[a].parent) {
            struct xn *anc = &cx->v[a];
            if (anc->tagid == T_HTML) break;
            init_score(anc);
            anc->score += lvl == 0 ? s : lvl == 1 ? s / 2 : s / (float)(lvl * 3);
        }
    }
}

static int is_ancestor(struct xctx *cx, int anc, int i)
{
    for (; i >= 0; i = cx->v[i].parent)
        if (i == anc) return 1;
    return 0;
}

static int pick_top(struct xctx *cx)
{
    int top[5] = {-1, -1, -1, -1, -1};
    float ts[5] = {0};
    for (size_t i = 0; i < cx->n; i++) {
        struct xn *x = &cx->v[i];
        if (!(x->flags & N_SCORED)) continue;
        float s = x->score * (1.0f - link_density(x));
        x->score = s;
        for (int k = 0; k < 5; k++) {
            if (top[k] < 0 || s > ts[k]) {
                memmove(top + k + 1, top + k, (size_t)(4 - k) * sizeof top[0]);
                memmove(ts + k + 1, ts + k, (size_t)(4 - k) * sizeof ts[0]);
                top[k] = (int)i, ts[k] = s;
                break;
            }
        }
    }
    int best = top[0];
    if (best < 0) return -1;
    /* several near-equal candidates under one ancestor: the article is split
     * into sibling blocks, take the ancestor */
    int alts = 0;
    for (int k = 1; k < 5; k++)
        if (top[k] >= 0 && ts[k] >= ts[0] * 0.75f) alts++;
    if (alts >= 3) {
        for (int a = cx->v[best].parent; a >= 0 && cx->v[a].tagid != T_BODY; a = cx->v[a].parent) {
            int in = 0;
            for (int k = 1; k < 5; k++)
                if (top[k] >= 0 && ts[k] >= ts[0] * 0.75f && is_ancestor(cx, a, top[k])) in++;
            if (in >= 3) {
                best = a;
                break;
            }
        }
    }
    /* a small box with a good name under a close ancestor holding far more
     * prose: the ancestor is the article */
    {
        int a = cx->v[best].parent;
        for (int lvl = 0; lvl < ANC_LEVELS && a >= 0 && cx->v[a].tagid != T_BODY && cx->v[a].tagid != T_HTML;
             lvl++, a = cx->v[a].parent) {
            struct xn *an = &cx->v[a];
            if ((an->flags & N_SCORED) && an->score >= cx->v[best].score * ANC_SCORE && an->text >= cx->v[best].text * ANC_TEXT &&
                link_density(an) < 0.25f) {
                best = a;
                break;
            }
        }
    }
    /* the winner and its ancestors are the article: never cleaned away */
    for (int a = best; a >= 0; a = cx->v[a].parent) cx->v[a].flags |= N_KEEP;
    /* an only child says nothing more than its parent */
    for (;;) {
        struct xn *x = &cx->v[best];
        int p = x->parent;
        if (p < 0 || cx->v[p].tagid == T_BODY || cx->v[p].tagid == T_HTML) break;
        if (cx->v[p].text > x->text + 20) break;
        best = p;
    }
    return best;
}

/* ---- writing the text ---- */

struct out {
    struct fw_buf text;   /* whole result */
    struct fw_buf para;   /* paragraph being built */
    int sp;
    const char *title;
};

static void flush_para(struct out *o)
{
    while (o->para.len && (o->para.p[o->para.len - 1] == ' ' || o->para.p[o->para.len - 1] == '\n'))
        o->para.p[--o->para.len] = 0;
    if (o->para.len) {
        if (o->text.len) fw_buf_add(&o->text, "\n\n", 2);
        fw_buf_add(&o->text, o->para.p, o->para.len);
    }
    fw_buf_reset(&o->para);
    o->sp = 1;
}

static int same_text(xmlNode *n, const char *title, struct fw_buf *tmp)
{
    if (!title) return 0;
    fw_buf_reset(tmp);
    fw_xnode_text(n, tmp, 2048);
    return tmp->len && (strcasecmp(tmp->p, title) == 0 || (tmp->len > 20 && strstr(title, tmp->p)));
}

/* Openings of short blocks that are never article text: picture captions
 * and credits, "read also" teasers, advertising labels, update stamps (the
 * languages of the pages the extractor meets). Matched case-folded (ASCII)
 * at the start of a block's text. */
static const char *const caption_openings[] = {"foto:", "fotos:", "bild:", "titelbild", "beitragsbild", "abbildung",
                                               "photo:", "photos:", "image:", "credit:", "credits:", "crédits photo",
                                               "©", NULL};
static const char *const stock_openings[] = {
    "schon gelesen", "das könnte dich",
    "das thema könnte", "zum weiterlesen", "mehr zum thema", "lesen sie auch", "lesen sie mehr",
    "weiterlesen", "read more", "read also", "related:", "see also:", "czytaj też", "czytaj także",
    "zobacz też", "mira:", "mire:", "puedes ver:", "lee también", "lire aussi", "anzeige -",
    "anzeige:", "anzeige –", "- anzeige", "*werbung", "werbung:", "advertisement", "aktualisiert", "updated:", "zuletzt aktualisiert",
    "this entry was posted", "dieser eintrag wurde", "dieser beitrag wurde", "dieser artikel wurde",
    "dieser text wurde", "category:", "category :", "kategorie:", "tags:", "schlagwörter:", "release date:",
    "this post contains", "this article contains", "dieser beitrag enthält", "dieser artikel enthält",
    "kontakt:", "pressekontakt", "media contact", "weitere informationen:", NULL};

/* Words of a call to action (follow, subscribe, get the app, log in) or of
 * a consent placeholder: a short block holding one is not the article.
 * ("affiliate" alone is news: "blamed the Haqqani network, a Taliban
 * affiliate"; a disclosure names the links or the commission.) */
static const char *const promo_words[] = {
    "subscribe to our", "subscribe now", "subscribe to the", "subscribe for", "newsletter", "abonnier", "follow us",
    "canal de telegram", "telegram channel", "telegram-kanal", "canal de whatsapp", "whatsapp channel",
    "whatsapp-kanal", "canal de youtube", "apps for",
    "with the app", "unsere app ", "affiliate link", "affiliate commission", "affiliate program", "affiliate partner",
    "enjoyed reading", "do you want to be informed", "kennt ihr schon", "mit diesem button",
    "einloggen", "log in to", "sign in to", "respect your privacy", "respektieren deine privatsphäre", NULL};

/* A block of a few words that is only a control: print, back, permalink... */
static const char *const control_words[] = {"drucken", "print", "zurück", "permalink", "permalien", "kommentieren",
                                            "więcej", "teilen", "share", NULL};

#define STOCK_MAX 120   /* a block longer than this is text, whatever it opens with, */
#define CAPTION_MAX 300 /* unless it opens like a caption */

/* 1 if t opens with one of the (lower-case) words */
static int opens_with(const char *t, const char *const *w)
{
    for (; *w; w++)
        if (t[0] == (*w)[0] && !strncmp(t, *w, strlen(*w))) return 1;
    return 0;
}

static int stock_block(struct xctx *cx, xmlNode *n)
{
    fw_buf_reset(&cx->tmp);
    fw_xnode_text(n, &cx->tmp, CAPTION_MAX + 8);
    if (!cx->tmp.len || cx->tmp.len > CAPTION_MAX) return 0;
    for (size_t i = 0; i < cx->tmp.len; i++) cx->tmp.p[i] = (char)tolower((unsigned char)cx->tmp.p[i]);
    while (cx->tmp.len && cx->tmp.p[cx->tmp.len - 1] == ' ') cx->tmp.p[--cx->tmp.len] = 0;
    const char *t = cx->tmp.p;
    while (*t == ' ') t++;
    if (opens_with(t, caption_openings)) return 1;
    for (const char *const *w = promo_words; *w; w++)
        if (strstr(t, *w)) return 1;
    if (cx->tmp.len > STOCK_MAX) return 0;
    if (opens_with(t, stock_openings)) return 1;
    /* an advertising label alone ("Anzeige" is also a criminal complaint) */
    if (!strcmp(t, "anzeige") || !strcmp(t, "werbung")) return 1;
    /* a caption closing on its credit */
    if (strstr(t, "©")) return 1;
    size_t words = 1;
    for (const char *q = t; *q; q++) words += *q == ' ' && q[1] && q[1] != ' ';
    if (cx->tmp.len <= 30 && words <= 3)
        for (const char *const *w = control_words; *w; w++)
            if (strstr(t, *w)) return 1;
    /* a line that is only a date (and a time) */
    size_t dig = 0, len = strlen(t);
    for (const char *q = t; *q; q++) dig += *q >= '0' && *q <= '9';
    return len <= 24 && dig >= 6 && dig * 2 >= len;
}

/* Readability's conditional cleaning of a container inside the article. */
static int drop_container(const struct xn *x)
{
    if (x->weight < 0 && x->weight + x->score < 0) return 1;
    if (x->commas >= 10) return 0;
    int is_list = (x->tagflags & F_LIST) != 0;
    float ld = link_density(x);
    uint32_t p = x->np;
    if (x->nimg > 1 && (float)p / (float)x->nimg < 0.5f) return 1;
    if (x->ninput > p / 3) return 1;
    if (!is_list && x->text < 25 && (x->nimg == 0 || x->nimg > 2)) return 1;
    if (x->weight < 25 && ld > 0.3f && !(is_list && ld < 0.5f)) return 1;
    if (x->weight >= 25 && ld > 0.5f) return 1;
    if ((x->nembed == 1 && x->text < 75) || x->nembed > 1) return 1;
    return 0;
}

static void write_node(struct xctx *cx, struct out *o, xmlNode *root)
{
    xmlNode *n = root;
    for (;;) {
        int down = 0;
        if (o->text.len > FW_EXTRACT_MAX_TEXT) return;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) fw_xappend_collapsed(&o->para, (const char *)n->content, strlen((const char *)n->content), &o->sp);
        } else if (n->type == XML_ELEMENT_NODE && n->_private) {
            struct xn *x = &cx->v[info_of(n)];
            down = !(x->flags & N_SKIP);
            if (down && n != root) {
                if ((x->tagflags & F_COND) && !(x->flags & N_KEEP) && x->text * 3 <= cx->top_text * 2 &&
                    drop_container(x))
                    down = 0;
                else if ((x->tagflags & F_HEAD) && (x->weight < 0 || same_text(n, o->title, &cx->tmp)))
                    down = 0;
                else if ((x->tagid == T_P || x->tagid == T_LI) && x->text < 300 && link_density(x) > 0.8f)
                    down = 0;
                else if ((x->tagflags & F_BLOCK) && x->text <= CAPTION_MAX && stock_block(cx, n))
                    down = 0;
            } else if (down && (x->tagflags & F_BLOCK) && x->text <= CAPTION_MAX && stock_block(cx, n)) {
                down = 0; /* a paragraph written on its own */
            }
            if (x->tagid == T_BR) {
                if (o->para.len && o->para.p[o->para.len - 1] != '\n') {
                    while (o->para.len && o->para.p[o->para.len - 1] == ' ') o->para.p[--o->para.len] = 0;
                    fw_buf_addc(&o->para, '\n');
                }
                o->sp = 1;
            } else if (down && (x->tagflags & F_BLOCK)) {
                flush_para(o);
            }
        }
        if (down && n->children) {
            n = n->children;
            continue;
        }
        for (;;) {
            if (n->type == XML_ELEMENT_NODE && n->_private && (cx->v[info_of(n)].tagflags & F_BLOCK)) flush_para(o);
            if (n == root) return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}

static const char *const lead_words[] = {"lead", "intro", "teaser", "summary", "chapo", "abstract", "bajada",
                                         "standfirst", "subline", "excerpt", "deck", "subtitle", "description", NULL};

/* The lead paragraph often sits between the headline and the body's box:
 * when the headline's box is close above the body's, the paragraphs and
 * lead-named blocks between them are written first. */
static void write_lead(struct xctx *cx, struct out *o, int best)
{
    /* the region: a few levels above the body's box, never the whole page */
    int a = best;
    for (int lvl = 0; lvl < 3; lvl++) {
        int p = cx->v[a].parent;
        if (p < 0 || cx->v[p].tagid == T_BODY || cx->v[p].tagid == T_HTML) break;
        if (cx->v[p].text > cx->v[best].text * 2 + 1000) break;
        a = p;
    }
    if (a == best) return;
    xmlNode *root = cx->v[a].node, *stop = cx->v[best].node, *n = root->children;
    int h1_in = 0;
    for (const xmlNode *h = cx->h1; h; h = h->parent)
        if (h == root) h1_in = 1;
    int after_h1 = 0; /* plain paragraphs count only between the headline and the body */
    char cls[CLASS_MAX + 4];
    while (n && n != root && n != stop) {
        int down = 0;
        if (n == cx->h1) {
            after_h1 = 1;
        } else if (n->type == XML_ELEMENT_NODE && n->_private) {
            struct xn *x = &cx->v[info_of(n)];
            size_t cl = class_id(n, cls, sizeof cls);
            if (is_ancestor(cx, info_of(n), best)) {
                down = 1;
            } else if (!(x->flags & N_SKIP) && x->text >= 40 && link_density(x) < 0.3f &&
                       ((h1_in && after_h1 && x->tagid == T_P) || (cl && any_word(cls, lead_words)))) {
                write_node(cx, o, n);
                flush_para(o);
            } else {
                down = !(x->flags & N_SKIP);
            }
        }
        if (down && n->children) {
            n = n->children;
            continue;
        }
        while (n != root && !n->next) n = n->parent;
        if (n == root) break;
        n = n->next;
    }
}

#define LEAD_SCAN 600 /* elements looked at between the headline and the body */

/* When nothing above the body's box was taken: the headline's standfirst,
 * an element named for a lead somewhere between the <h1> and the body
 * (often inside a header the class filter dropped). Returns 1 if written. */
static int write_named_lead(struct xctx *cx, struct out *o, int best)
{
    xmlNode *n = cx->h1, *stop = cx->v[best].node;
    char cls[CLASS_MAX + 4];
    if (!n) return 0;
    /* a headline inside the body's box: only the dropped header holding it is looked at */
    xmlNode *end = NULL, *skipped = NULL;
    for (xmlNode *a = n; a; a = a->parent) {
        if (a == stop) {
            if (!skipped) return 0;
            end = skipped;
            break;
        }
        if (a->_private && (cx->v[info_of(a)].flags & N_SKIP)) skipped = a;
    }
    int seen = 0;
    while (n && seen++ < LEAD_SCAN) {
        int down = n->type == XML_ELEMENT_NODE && n != cx->h1;
        if (n == stop) return 0;
        if (down && class_id(n, cls, sizeof cls) && any_word(cls, lead_words)) {
            int i = n->_private ? info_of(n) : -1;
            int bad = i >= 0 && ((cx->v[i].flags & N_SKIP) || link_density(&cx->v[i]) >= 0.3f ||
                                 is_ancestor(cx, i, best));
            if (!bad) {
                fw_buf_reset(&cx->tmp);
                fw_xnode_text(n, &cx->tmp, 1200);
                if (cx->tmp.len >= 40 && cx->tmp.len <= 1000) {
                    fw_buf_add(&o->para, cx->tmp.p, cx->tmp.len);
                    flush_para(o);
                    return 1;
                }
            }
            down = 0;
        }
        if (down && n->children) {
            n = n->children;
            continue;
        }
        while (n && n != end && !n->next) n = n->parent;
        if (!n || n == end) return 0;
        n = n->next;
    }
    return 0;
}

static int prose_para(struct xctx *cx, const struct xn *x)
{
    int leaf = (x->tagflags & F_PARA) || x->tagid == T_LI ||
               ((x->tagflags & F_BLOCK) && !(x->flags & N_HASBLOCK) && !(x->tagflags & F_HEAD));
    if ((x->flags & N_SKIP) || !leaf || x->text < PROSE_MIN || link_density(x) > 0.25f) return 0;
    for (int a = x->parent; a >= 0; a = cx->v[a].parent)
        if (cx->v[a].weight < 0 || (cx->v[a].flags & N_SKIP) || (cx->v[a].tagflags & F_PARA) || cx->v[a].tagid == T_LI)
            return 0;
    return 1;
}

/* Non-space characters of every paragraph of the page that reads like prose. */
static size_t prose_chars(struct xctx *cx)
{
    size_t n = 0;
    for (size_t i = 0; i < cx->n; i++)
        if (prose_para(cx, &cx->v[i])) n += cx->v[i].text;
    return n;
}

/* Those paragraphs, in document order. */
static void write_paragraphs(struct xctx *cx, struct out *o)
{
    for (size_t i = 0; i < cx->n; i++) {
        if (!prose_para(cx, &cx->v[i])) continue;
        write_node(cx, o, cx->v[i].node);
        flush_para(o);
    }
}

static void write_article(struct xctx *cx, struct out *o, int best)
{
    struct xn *top = &cx->v[best];
    int par = top->parent;
    cx->top_text = top->text;
    if (par < 0) {
        write_node(cx, o, top->node);
        return;
    }
    float thr = top->score * 0.2f;
    if (thr < 10) thr = 10;
    const char *tcls = fw_xattr(top->node, "class");
    for (xmlNode *s = cx->v[par].node->children; s; s = s->next) {
        if (s->type != XML_ELEMENT_NODE || !s->_private) continue;
        struct xn *x = &cx->v[info_of(s)];
        int take = s == top->node;
        if (!take && !(x->flags & N_SKIP)) {
            float bonus = 0;
            const char *c = fw_xattr(s, "class");
            if (tcls && c && *c && !strcmp(c, tcls)) bonus = top->score * 0.2f;
            if ((x->flags & N_SCORED) && x->score + bonus >= thr) take = 1;
            else if (x->tagid != T_P && (x->tagflags & F_BLOCK) && x->weight >= 0 && x->np && x->text > SIB_TEXT &&
                     link_density(x) < 0.2f)
                take = 1; /* a paragraph box beside the body: the article goes on */
            else if (x->tagid == T_P) {
                float ld = link_density(x);
                if (x->text > 80 && ld < 0.25f) take = 1;
                else if (x->text > 0 && x->text <= 80 && ld == 0) {
                    fw_buf_reset(&cx->tmp);
                    fw_xnode_text(s, &cx->tmp, 400);
                    if (cx->tmp.len && (cx->tmp.p[cx->tmp.len - 1] == '.' || strstr(cx->tmp.p, ". "))) take = 1;
                }
            }
        }
        if (take) {
            write_node(cx, o, s);
            flush_para(o);
        }
    }
}

static void write_best(struct xctx *cx, struct out *o, xmlNode *root)
{
    score_units(cx);
    int best = pick_top(cx);
    if (best >= 0) {
        write_lead(cx, o, best);
        if (!o->text.len) write_named_lead(cx, o, best);
        write_article(cx, o, best);
    } else {
        write_node(cx, o, root); /* no paragraph worth scoring: a tiny page */
        flush_para(o);
    }
}

/* ---- charset ---- */

/* Length of the valid UTF-8 sequence at p (2..4), or 0 if it is not one. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t k = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xC2 && c <= 0xDF ? 1 : 0;
    if (!k || k >= n) return 0;
    for (size_t j = 1; j <= k; j++)
        if ((p[j] & 0xC0) != 0x80) return 0;
    return k + 1;
}

static void utf8_check(const unsigned char *p, size_t n, size_t *nmulti, size_t *nbad)
{
    size_t i = 0, multi = 0, bad = 0;
    while (i < n) {
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_seq(p + i, n - i);
        if (k) multi++, i += k;
        else bad++, i++;
    }
    *nmulti = multi, *nbad = bad;
}

/* Copies a charset name from s (up to a delimiter), lowered; 1 if any. */
static int charset_name(const char *s, const char *end, char *out, size_t outsz)
{
    while (s < end && (*s == ' ' || *s == '"' || *s == '\'' || *s == '=')) s++;
    size_t k = 0;
    while (s < end && k + 1 < outsz && (isalnum((unsigned char)*s) || *s == '-' || *s == '_' || *s == '.' || *s == ':'))
        out[k++] = (char)tolower((unsigned char)*s++);
    out[k] = 0;
    return k > 0;
}

static int charset_from_meta(const char *p, size_t n, char *out, size_t outsz)
{
    const char *end = p + (n < 16384 ? n : 16384);
    const char *s = p;
    while (s < end) {
        const char *m = memchr(s, '<', (size_t)(end - s));
        if (!m) break;
        s = m + 1;
        if (end - s < 5 || strncasecmp(s, "meta", 4)) continue;
        const char *gt = memchr(s, '>', (size_t)(end - s));
        if (!gt) break;
        for (const char *c = s; c + 7 < gt; c++) {
            if (strncasecmp(c, "charset", 7)) continue;
            const char *v = c + 7;
            while (v < gt && *v == ' ') v++;
            if (v < gt && *v == '=' && charset_name(v, gt, out, outsz)) return 1;
        }
        s = gt;
    }
    return 0;
}

static int western(const char *cs)
{
    return !strcmp(cs, "iso-8859-1") || !strcmp(cs, "latin1") || !strcmp(cs, "windows-1252") ||
           !strcmp(cs, "cp1252") || !strcmp(cs, "iso-8859-15") || !strcmp(cs, "us-ascii") || !strcmp(cs, "ascii");
}

static int is_utf8_name(const char *cs)
{
    return !strcmp(cs, "utf-8") || !strcmp(cs, "utf8");
}

/* The encoding libxml2 must use, by the priority of the HTML standard, but
 * let the bytes veto a label they contradict: valid multibyte UTF-8 under a
 * Latin-1 label is UTF-8, and invalid UTF-8 under a UTF-8 label is a
 * Windows-1252 page whose server lied. */
static const char *choose_charset(const char *html, size_t len, const char *ct, size_t *skip, char *buf, size_t bufsz)
{
    const unsigned char *u = (const unsigned char *)html;
    *skip = 0;
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        *skip = 3;
        return "UTF-8";
    }
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE) return "UTF-16LE";
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF) return "UTF-16BE";
    buf[0] = 0;
    const char *c;
    if (ct && (c = strcasestr(ct, "charset="))) charset_name(c + 8, c + strlen(c), buf, bufsz);
    if (!buf[0]) charset_from_meta(html, len, buf, bufsz);
    size_t multi, bad;
    utf8_check(u, len, &multi, &bad);
    /* Windows-1252 leaves five bytes undefined, where iconv would stop */
    const char *single = "windows-1252";
    for (size_t i = 0; i < len; i++)
        if (u[i] == 0x81 || u[i] == 0x8D || u[i] == 0x8F || u[i] == 0x90 || u[i] == 0x9D) {
            single = "ISO-8859-1";
            break;
        }
    if (!buf[0] || is_utf8_name(buf) || western(buf)) {
        if (bad == 0) return "UTF-8";
        if (!buf[0] || western(buf) || bad * 20 > multi) return single;
        return "UTF-8"; /* a few bad bytes in a UTF-8 page: they are replaced */
    }
    if (!strcmp(buf, "gb2312")) return "GBK";
    xmlCharEncodingHandler *h = xmlFindCharEncodingHandler(buf);
    if (!h) return bad == 0 ? "UTF-8" : single;
    xmlCharEncCloseFunc(h);
    return buf;
}

/* Appends s[0..n) with NULs made spaces and, when utf8, invalid sequences
 * made U+FFFD (libxml2 would switch the rest of the page to Latin-1). */
static void copy_clean(struct fw_buf *o, const char *s, size_t n, int utf8)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (i < n) {
        /* eight plain ASCII bytes at a time: no high bit, no NUL */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if ((w & 0x8080808080808080ULL) || ((w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL)) break;
            i += 8, run += 8;
        }
        if (i >= n) break;
        unsigned char c = u[i];
        if (c && (c < 0x80 || !utf8)) {
            i++, run++;
            continue;
        }
        size_t k = c ? utf8_seq(u + i, n - i) : 0;
        if (k) {
            i += k, run += k;
            continue;
        }
        if (run) fw_buf_add(o, s + i - run, run);
        run = 0;
        if (!c) fw_buf_addc(o, ' ');
        else fw_buf_add(o, "\xEF\xBF\xBD", 3);
        i++;
    }
    if (run) fw_buf_add(o, s + n - run, run);
}

/* After '<': is this the start tag `name`? */
static int start_tag(const char *q, const char *end, const char *name, size_t nl)
{
    if ((size_t)(end - q) <= nl || strncasecmp(q, name, nl)) return 0;
    char c = q[nl];
    return c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/';
}

static const char *find_end_tag(const char *p, const char *end, const char *name, size_t nl)
{
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt) return end;
        if ((size_t)(end - lt) > nl + 2 && lt[1] == '/' && !strncasecmp(lt + 2, name, nl)) return lt;
        p = lt + 1;
    }
    return end;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Attributes the extraction reads; the rest (href of links, data-*, srcset,
 * event handlers...) is dropped before parsing, saving libxml2 the nodes. */
static int attr_wanted(const char *tag, size_t tl, const char *a, size_t al)
{
    static const char *const keep[] = {"class", "id", "style", "hidden", "aria-hidden", "role", "itemprop",
                                       "content", "property", "name", "http-equiv", "charset", "rel", "datetime",
                                       "pubdate", "type", "lang", "xml:lang", NULL};
    for (int i = 0; keep[i]; i++)
        if (strlen(keep[i]) == al && !strncasecmp(keep[i], a, al)) return 1;
    if (al == 4 && !strncasecmp(a, "href", 4)) return tl == 4 && !strncasecmp(tag, "link", 4);
    if (al == 5 && !strncasecmp(a, "title", 5)) return tl == 4 && !strncasecmp(tag, "abbr", 4);
    return 0;
}

/* Copies the tag at lt ('<'), without unwanted attributes; returns what follows. */
static const char *copy_tag(struct fw_buf *o, const char *lt, const char *end, int utf8)
{
    const char *q = lt + 1, *name = q;
    if (q >= end || !isalpha((unsigned char)*q)) {
        fw_buf_addc(o, '<');
        return q;
    }
    while (q < end && !is_ws(*q) && *q != '>' && *q != '/') q++;
    size_t tl = (size_t)(q - name);
    copy_clean(o, lt, (size_t)(q - lt), utf8);
    for (;;) {
        while (q < end && (is_ws(*q) || *q == '/')) q++;
        if (q >= end) return end;
        if (*q == '>') {
            fw_buf_addc(o, '>');
            return q + 1;
        }
        const char *an = q;
        while (q < end && !is_ws(*q) && *q != '=' && *q != '>' && *q != '/') q++;
        size_t al = (size_t)(q - an);
        const char *ae = q;
        while (q < end && is_ws(*q)) q++;
        if (q < end && *q == '=') {
            q++;
            while (q < end && is_ws(*q)) q++;
            if (q < end && (*q == '"' || *q == '\'')) {
                const char *c = memchr(q + 1, *q, (size_t)(end - q - 1));
                q = c ? c + 1 : end;
            } else {
                while (q < end && !is_ws(*q) && *q != '>') q++;
            }
            ae = q;
        }
        if (!al) {
            if (q < end && *q != '>') q++; /* a stray byte: skip it */
            continue;
        }
        if (attr_wanted(name, tl, an, al)) {
            fw_buf_addc(o, ' ');
            copy_clean(o, an, (size_t)(ae - an), utf8);
        }
    }
}

/* The bytes libxml2 gets: comments and the content of script (but JSON-LD),
 * style, svg, template, iframe, select and textarea removed, as the text
 * never uses them and they are half of a modern page's bytes; NULs and
 * invalid UTF-8 replaced. */
/* A page's data in a script (a framework's state, a data layer) may name
 * its publication date under a common key ("datePublished":"2022-01-31...",
 * "createdAt"): the first such value, into date[0..datesz) if still empty. */
static void script_date(const char *s, size_t n, char *date, size_t datesz)
{
    /* two scans, for the stems of the published keys, then of the created ones */
    static const struct {
        const char *stem;
        const char *keys[3];
    } groups[] = {{"ublished", {"\"datePublished\":\"", "\"publishedAt\":\"", "\"published_at\":\""}},
                  {"reated", {"\"dateCreated\":\"", "\"createdAt\":\"", NULL}}};
    if (date[0]) return;
    const char *end = s + n;
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        size_t sl = strlen(groups[g].stem);
        for (const char *h = s; (h = memmem(h, (size_t)(end - h), groups[g].stem, sl)); h += sl) {
            for (int k = 0; k < 3 && groups[g].keys[k]; k++) {
                const char *key = groups[g].keys[k], *at = strstr(key, groups[g].stem);
                const char *p = h - (at - key);
                size_t kl = strlen(key);
                if (p < s || (size_t)(end - p) <= kl || memcmp(p, key, kl)) continue;
                p += kl;
                size_t vl = 0;
                while (p + vl < end && vl + 1 < datesz && p[vl] != '"') vl++;
                memcpy(date, p, vl);
                date[vl] = 0;
                return;
            }
        }
    }
}

static void prefilter(const char *in, size_t len, int utf8, struct fw_buf *o, char *date, size_t datesz)
{
    static const struct {
        const char *name;
        size_t nl;
    } raw[] = {{"script", 6}, {"style", 5}, {"svg", 3}, {"template", 8}, {"iframe", 6}, {"select", 6}, {"textarea", 8}};
    const char *p = in, *end = in + len;
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt) break;
        copy_clean(o, p, (size_t)(lt - p), utf8);
        const char *q = lt + 1;
        if (end - q >= 3 && q[0] == '!' && q[1] == '-' && q[2] == '-') {
            const char *c = memmem(q + 3, (size_t)(end - q - 3), "-->", 3);
            p = c ? c + 3 : end;
            continue;
        }
        size_t r = 0;
        while (r < sizeof raw / sizeof raw[0] && !start_tag(q, end, raw[r].name, raw[r].nl)) r++;
        if (r == sizeof raw / sizeof raw[0]) {
            p = copy_tag(o, lt, end, utf8);
            continue;
        }
        const char *gt = memchr(q, '>', (size_t)(end - q));
        if (!gt || gt[-1] == '/') {
            fw_buf_addc(o, '<');
            p = q;
            continue;
        }
        int keep = 0;
        for (const char *t = q; r == 0 && t + 7 <= gt; t++)
            if (!strncasecmp(t, "ld+json", 7)) keep = 1;
        copy_clean(o, lt, (size_t)(gt + 1 - lt), utf8);
        const char *close = find_end_tag(gt + 1, end, raw[r].name, raw[r].nl);
        if (keep) copy_clean(o, gt + 1, (size_t)(close - gt - 1), utf8);
        else if (r == 0) script_date(gt + 1, (size_t)(close - gt - 1), date, datesz);
        p = close;
    }
    if (p < end) copy_clean(o, p, (size_t)(end - p), utf8);
}

static void silent(void *ctx, const char *fmt, ...)
{
}

/* ---- not HTML ---- */

static const char *not_html(const char *html, size_t len, const char *ct)
{
    if (ct) {
        size_t l = strcspn(ct, ";");
        while (l && ct[l - 1] == ' ') l--;
        int ok = l == 0 || !strncasecmp(ct, "text/", 5) || memmem(ct, l, "xml", 3) || memmem(ct, l, "html", 4);
        if (!ok) return "media type is not HTML";
    }
    static const struct {
        const char *magic;
        size_t n;
    } mg[] = {{"%PDF-", 5}, {"\x89PNG", 4}, {"GIF8", 4}, {"\xFF\xD8\xFF", 3}, {"PK\x03\x04", 4},
              {"\x1F\x8B", 2}, {"\x7F" "ELF", 4}, {"RIFF", 4}, {"OggS", 4}, {"ID3", 3}, {"\x28\xB5\x2F\xFD", 4}};
    for (size_t i = 0; i < sizeof mg / sizeof mg[0]; i++)
        if (len >= mg[i].n && !memcmp(html, mg[i].magic, mg[i].n)) return "binary content (by its signature)";
    const unsigned char *u = (const unsigned char *)html;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) return NULL;
    size_t lim = len < 4096 ? len : 4096, ctl = 0;
    for (size_t i = 0; i < lim; i++)
        if (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n' && u[i] != '\r' && u[i] != '\f') ctl++;
    if (ctl * 10 > lim) return "binary content (control bytes)";
    lim = len < 65536 ? len : 65536;
    for (size_t i = 0; i + 1 < lim; i++)
        if (u[i] == '<' && (isalpha(u[i + 1]) || u[i + 1] == '!' || u[i + 1] == '/')) return NULL;
    return "no markup";
}

/* ---- result ---- */

/* Up to maxd digits at *p; the number, or -1. */
static int url_num(const char **p, int mind, int maxd)
{
    int v = 0, k = 0;
    while (k < maxd && isdigit((unsigned char)**p)) v = v * 10 + (*(*p)++ - '0'), k++;
    return k >= mind && !isdigit((unsigned char)**p) ? v : -1;
}

/* A full date in the URL path: /2019/10/16/, /2019/7/12/, -2019-10-16, /20191016/ */
static void url_date(struct fw_xmeta *m, const char *url)
{
    if (!url) return;
    const char *p = strstr(url, "://");
    p = p ? strchr(p + 3, '/') : url;
    for (; p && *p && *p != '?' && *p != '#'; p++) {
        if (*p != '/' && *p != '-' && *p != '_') continue;
        const char *s = p + 1;
        char tmp[32];
        if (strspn(s, "0123456789") == 8 && strchr("/-_.", s[8])) {
            snprintf(tmp, sizeof tmp, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
        } else {
            int y = url_num(&s, 4, 4);
            char sep = *s;
            if (y < 0 || (sep != '/' && sep != '-' && sep != '_')) continue;
            s++;
            int mo = url_num(&s, 1, 2);
            if (mo < 0 || *s != sep) continue;
            s++;
            int d = url_num(&s, 1, 2);
            if (d < 0 || (*s && !strchr("/-_.", *s))) continue;
            snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, mo, d);
        }
        /* a stamp in local time in the page's metadata a day off the URL's,
         * or any stamp up to a week after it: the URL was made while the
         * article was written; the stamp says when it went out (a UTC stamp
         * a day off is only the time zone) */
        const struct fw_xcand *c = &m->slot[FW_X_PUBLISHED];
        struct fw_xdate u, have;
        if (c->val && c->rank <= FW_XR_META2 + 9 && fw_xdate_parse(tmp, 10, &u, 0) &&
            fw_xdate_parse(c->val, strlen(c->val), &have, 0) && have.has_tz) {
            long apart = fw_xdate_days_apart(&u, &have);
            int later = strcmp(c->val, tmp) > 0;
            if ((apart == 1 && have.tz_min) || (apart >= 2 && apart <= 7 && later)) return;
        }
        fw_xmeta_offer_date(m, FW_X_PUBLISHED, tmp, 10, FW_XR_URL, 0);
        if (m->slot[FW_X_PUBLISHED].rank == FW_XR_URL) return;
    }
}

static char *absolute(const char *href, const char *base)
{
    if (!href) return NULL;
    if (!base) return fw_xstrdup(href);
    xmlChar *u = xmlBuildURI((const xmlChar *)href, (const xmlChar *)base);
    if (!u) return fw_xstrdup(href);
    char *r = fw_xstrdup((const char *)u);
    xmlFree(u);
    return r;
}

static char *language_tag(const char *v)
{
    if (!v) return NULL;
    size_t k = 0;
    char out[8];
    while (v[k] && k < 3 && isalpha((unsigned char)v[k])) out[k] = (char)tolower((unsigned char)v[k]), k++;
    if (k < 2 || (v[k] && v[k] != '-' && v[k] != '_')) return NULL;
    out[k] = 0;
    return fw_xstrdup(out);
}

static char *steal(struct fw_xmeta *m, enum fw_xslot s)
{
    char *v = m->slot[s].val;
    m->slot[s].val = NULL;
    return v;
}

static char *author_clean(char *a)
{
    if (!a) return NULL;
    const char *s = a;
    static const char *const by[] = {"by:", "by ", "von ", "par ", "por ", "di ", "written by ", NULL};
    for (int i = 0; by[i]; i++)
        if (!strncasecmp(s, by[i], strlen(by[i]))) {
            s += strlen(by[i]);
            break;
        }
    while (*s == ' ') s++;
    if (!*s) {
        free(a);
        return NULL;
    }
    char *r = fw_xstrdup(s);
    free(a);
    return r;
}

/* Where the published date came from, by its rank (fw_extract_int.h). */
static const char *date_source(int rank)
{
    if (rank <= FW_XR_URL) return "url";
    if (rank < FW_XR_META) return "json-ld";
    if (rank < FW_XR_ELEMENT) return "meta";
    if (rank == FW_XR_LABELLED) return "byline";
    if (rank < FW_XR_TEXT) return "element";
    return "text";
}

enum fw_err fw_extract(const char *html, size_t len, const char *url, const char *http_content_type,
                       struct fw_article **out, char *err, size_t errsz)
{
    enum fw_err rc = FW_OK;
    struct fw_article *art = NULL;
    htmlDocPtr doc = NULL;
    struct fw_buf clean = {0};
    struct xctx cx = {0};
    struct fw_xmeta meta = {0};
    struct out o = {0};
    char csbuf[48], sdate[48] = "";
    const char *why;

    *out = NULL;
    fw_buf_init(&cx.tmp, 0);
    fw_buf_init(&o.text, FW_EXTRACT_MAX_TEXT + 65536);
    fw_buf_init(&o.para, FW_EXTRACT_MAX_TEXT);
    if (len > FW_EXTRACT_MAX_INPUT) {
        rc = fw_fail(err, errsz, FW_E_TOOBIG, "page of %zu bytes is over the %zu-byte limit", len, FW_EXTRACT_MAX_INPUT);
        goto out;
    }
    if (!html || !len) {
        rc = fw_fail(err, errsz, FW_E_PARSE, "not HTML: empty");
        goto out;
    }
    if ((why = not_html(html, len, http_content_type))) {
        rc = fw_fail(err, errsz, FW_E_PARSE, "not HTML: %s", why);
        goto out;
    }
    size_t skip;
    const char *cs = choose_charset(html, len, http_content_type, &skip, csbuf, sizeof csbuf);
    int utf16 = !strncmp(cs, "UTF-16", 6);
    const char *in = html + skip;
    size_t inlen = len - skip;
    if (!utf16) {
        fw_buf_init(&clean, inlen * 3 + 16);
        prefilter(in, inlen, !strcmp(cs, "UTF-8"), &clean, sdate, sizeof sdate);
        fw_buf_add(&clean, "", 0);
        in = clean.p, inlen = clean.len;
    }
    /* encoding errors bypass HTML_PARSE_NOERROR: mute them for this call (thread-local in libxml2) */
    xmlGenericErrorFunc old_err = xmlGenericError;
    void *old_ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, silent);
    doc = htmlReadMemory(in, (int)inlen, url, cs,
                         HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                             HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOBLANKS | HTML_PARSE_NODEFDTD);
    xmlSetGenericErrorFunc(old_ctx, old_err);
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        rc = fw_fail(err, errsz, FW_E_PARSE, "not HTML: no document element");
        goto out;
    }
    cx.meta = &meta;
    meta.url = url;
    cx.strict = 1;
    cx.collect_meta = 1;
    walk(&cx, root);
    art = fw_xcalloc(1, sizeof *art);
    art->title = fw_xmeta_title(&meta);
    o.title = art->title;
    write_best(&cx, &o, root);
    if (o.text.len < MIN_TEXT_RETRY) {
        /* too little: the class filter may have dropped the article; walk again without it */
        for (size_t i = 0; i < cx.n; i++) cx.v[i].node->_private = NULL;
        cx.n = 0;
        cx.strict = 0;
        cx.collect_meta = 0;
        struct fw_buf keep = o.text;
        fw_buf_init(&o.text, FW_EXTRACT_MAX_TEXT + 65536);
        walk(&cx, root);
        write_best(&cx, &o, root);
        if (o.text.len < keep.len * RETRY_GAIN) {
            fw_buf_fini(&o.text);
            o.text = keep;
        } else {
            fw_buf_fini(&keep);
        }
    }
    /* the best box may hold only part of an article split over many: every
     * prose paragraph of the page instead, when they are far more */
    size_t main_chars = 0, prose = prose_chars(&cx);
    for (size_t i = 0; i < o.text.len; i++) {
        unsigned char c = (unsigned char)o.text.p[i];
        main_chars += c > ' ' && (c & 0xC0) != 0x80; /* counted as count_text() does */
    }
    if (prose > main_chars * PROSE_RATIO || (main_chars < SHORT_MAIN && prose > main_chars * 2)) {
        fw_buf_reset(&o.text);
        write_paragraphs(&cx, &o);
    }
    /* next to nothing on the page but the article in its JSON-LD: a page
     * its scripts render */
    const char *body = meta.slot[FW_X_BODY].val;
    if (main_chars < BODY_FALLBACK && body && strlen(body) > o.text.len * 3 && strlen(body) <= FW_EXTRACT_MAX_TEXT) {
        fw_buf_reset(&o.text);
        fw_buf_add(&o.text, body, strlen(body));
    }
    /* weaker than any element of the page */
    if (sdate[0]) fw_xmeta_offer_date(&meta, FW_X_PUBLISHED, sdate, strlen(sdate), FW_XR_ELEMENT + 8, 0);
    url_date(&meta, url);
    fw_xmeta_head_date(&meta);
    fw_xmeta_local_published(&meta);
    shown_date(&meta, root);
    art->url = url ? fw_xstrdup(url) : NULL;
    art->canonical_url = absolute(meta.slot[FW_X_CANONICAL].val, url);
    art->authors = fw_xmeta_authors(&meta, &art->nauthors);
    art->author = author_clean(steal(&meta, FW_X_AUTHOR));
    if (meta.slot[FW_X_PUBLISHED].val) art->published_source = date_source(meta.slot[FW_X_PUBLISHED].rank);
    art->published = steal(&meta, FW_X_PUBLISHED);
    art->modified = steal(&meta, FW_X_MODIFIED);
    art->language = language_tag(meta.slot[FW_X_LANGUAGE].val);
    art->sitename = steal(&meta, FW_X_SITENAME);
    art->description = steal(&meta, FW_X_DESCRIPTION);
    art->text = fw_buf_steal(&o.text);
    *out = art;
    art = NULL;
out:
    free(cx.v);
    fw_buf_fini(&cx.tmp);
    fw_buf_fini(&o.text);
    fw_buf_fini(&o.para);
    fw_xmeta_fini(&meta);
    xmlFreeDoc(doc);
    fw_buf_fini(&clean);
    fw_article_free(art);
    return rc;
}

void fw_article_free(struct fw_article *art)
{
    if (!art) return;
    free(art->url);
    free(art->canonical_url);
    free(art->title);
    free(art->author);
    for (size_t i = 0; i < art->nauthors; i++) free(art->authors[i]);
    free(art->authors);
    free(art->published);
    free(art->modified);
    free(art->language);
    free(art->sitename);
    free(art->description);
    free(art->text);
    free(art);
}

static json_t *jstr_or_null(const char *s)
{
    json_t *v = s ? json_string(s) : NULL;
    return v ? v : json_null(); /* json_string refuses invalid UTF-8: null beats a crash */
}

void fw_article_check_published(struct fw_article *art, int64_t entry_published, int64_t fetched_at)
{
    struct fw_xdate d;
    if (art->published && fw_xdate_parse(art->published, strlen(art->published), &d, 0)) {
        int64_t day = fw_cal_days_from_civil(d.y, d.mo, d.d);
        int weak = art->published_source &&
                   (!strcmp(art->published_source, "text") || !strcmp(art->published_source, "element"));
        int future = day > fw_cal_days_of_epoch(fetched_at) + 1;
        int64_t apart = entry_published == INT64_MIN ? 0 : day - fw_cal_days_of_epoch(entry_published);
        if (future || (weak && (apart > 2 || apart < -2))) {
            free(art->published);
            art->published = NULL;
            art->published_source = NULL;
        }
    }
    if (!art->published && entry_published != INT64_MIN) {
        char buf[32];
        fw_date_format_rfc3339(entry_published, buf);
        art->published = fw_xstrdup(buf);
        art->published_source = "feed";
    }
}

json_t *fw_article_to_json(const struct fw_article *art)
{
    json_t *o = json_object();
    json_object_set_new(o, "url", jstr_or_null(art->url));
    json_object_set_new(o, "canonical_url", jstr_or_null(art->canonical_url));
    json_object_set_new(o, "title", jstr_or_null(art->title));
    json_object_set_new(o, "author", jstr_or_null(art->author));
    json_t *authors = json_array();
    for (size_t i = 0; i < art->nauthors; i++) json_array_append_new(authors, jstr_or_null(art->authors[i]));
    json_object_set_new(o, "authors", authors);
    json_object_set_new(o, "published", jstr_or_null(art->published));
    json_object_set_new(o, "published_source", jstr_or_null(art->published_source));
    json_object_set_new(o, "modified", jstr_or_null(art->modified));
    json_object_set_new(o, "language", jstr_or_null(art->language));
    json_object_set_new(o, "site", jstr_or_null(art->sitename));
    json_object_set_new(o, "sitename", jstr_or_null(art->sitename));
    json_object_set_new(o, "description", jstr_or_null(art->description));
    json_object_set_new(o, "text", jstr_or_null(art->text));
    return o;
}
