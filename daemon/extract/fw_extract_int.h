/* fw_extract internals shared by fw_extract.c (charset, parse, the DOM walk,
 * block scoring, text) and fw_extract_meta.c (meta tags, JSON-LD, titles,
 * dates). Not a public header. Thread: any; one struct fw_xmeta per call. */
#ifndef FW_EXTRACT_INT_H
#define FW_EXTRACT_INT_H
#include <libxml/tree.h>
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_buf.h"

/* A metadata value with its source's rank: a lower rank replaces a higher one. */
struct fw_xcand {
    char *val;
    int rank;
};

enum fw_xslot {
    FW_X_TITLE,
    FW_X_AUTHOR,
    FW_X_PUBLISHED,
    FW_X_MODIFIED,
    FW_X_DESCRIPTION,
    FW_X_SITENAME,
    FW_X_LANGUAGE,
    FW_X_CANONICAL,
    FW_X_BODY, /* JSON-LD articleBody: the text of pages that render it by script */
    FW_X__COUNT
};

/* Ranks shared by both files: the lower the more trusted. */
enum {
    FW_XR_URL = 5, /* a full date in the URL path is the original publication day */
    FW_XR_JSONLD = 10,
    FW_XR_META = 20,
    FW_XR_META_GENERIC = 24, /* <meta name="date">, "dc.date", "dcterms.created": any date of the page */
    FW_XR_META2 = 30, /* weaker meta names */
    FW_XR_ELEMENT = 40, /* <time pubdate>, itemprop on elements, rel=author */
    FW_XR_LABELLED = 42, /* visible text saying "published on" before its date */
    FW_XR_TEXT = 60, /* a date-looking element's visible text */
    FW_XR_LAST = 90,
};

struct fw_xdate {
    int y, mo, d;
    int has_time, h, mi, s;
    int has_tz, tz_min;
};

#define FW_XAUTHOR_CANDS 12 /* bylines kept per page */
#define FW_XAUTHORS_MAX 8   /* people named per article */

struct fw_xmeta {
    struct fw_xcand slot[FW_X__COUNT];
    /* published dates seen with a local (non-UTC) offset, and the first one in
     * a date-looking element's text: a UTC stamp is shown as the local day */
    struct fw_xdate local[4];
    int nlocal;
    struct fw_xdate text_date;
    int has_text_date;
    /* the first date shown in a date element or labelled as the
     * publication's just below the headline: see fw_xmeta_head_date */
    struct fw_xdate head_date;
    int has_head_date;
    struct fw_xcand author_c[FW_XAUTHOR_CANDS]; /* every byline seen, in order */
    int nauthor_c;
    char *doc_title; /* <title>, whitespace collapsed */
    char *h1;        /* the first <h1> of the body */
    char *h1s[4];    /* the first <h1>s (h1s[0] == h1) */
    char *kicker;    /* the first <h1>'s kicker: a few words in an element of their own before the headline */
    int nh1;
    const char *url; /* borrowed */
    char region[3];  /* the first country a language tag names ("pt-BR": "br"), lower case */
};

void fw_xmeta_fini(struct fw_xmeta *m);
/* Sets slot s to a copy of v[0..n) (whitespace collapsed) if rank beats the current one. */
void fw_xmeta_offer(struct fw_xmeta *m, enum fw_xslot s, const char *v, size_t n, int rank);
/* Collects what a <meta> element says. */
void fw_xmeta_on_meta(struct fw_xmeta *m, xmlNode *n);
/* Collects what a JSON-LD script says (bounded by the caller). */
void fw_xmeta_on_jsonld(struct fw_xmeta *m, const char *s, size_t n);
/* Offers a date found in text or an attribute to a date slot. */
void fw_xmeta_offer_date(struct fw_xmeta *m, enum fw_xslot s, const char *v, size_t n, int rank, int from_text);
/* The text of a date-looking element (class "date", "posted"...). */
void fw_xmeta_text_hint(struct fw_xmeta *m, const char *v, size_t n);
/* Is the published date so far a generic one: a <meta name="date"> (often
 * when the page was generated or printed) or a <meta> day without a time? */
int fw_xmeta_generic_published(const struct fw_xmeta *m);
/* A generic published date gives way to the date shown under the headline. */
void fw_xmeta_head_date(struct fw_xmeta *m);
/* The published date as the page's readers see it (see struct fw_xmeta). */
void fw_xmeta_local_published(struct fw_xmeta *m);
/* Keeps a byline candidate (any rank: the best one naming a person wins). */
void fw_xmeta_offer_author(struct fw_xmeta *m, const char *v, size_t n, int rank);
/* The people who wrote the article, from the best byline that names any:
 * labels ("By", "Von", "Posted on ... by"), dates, handles, affiliations cut;
 * organisations, the site itself, roles and commenters ("Anna sagt:")
 * refused. NULL (and *n 0) if none; else *n names, the caller's. */
char **fw_xmeta_authors(struct fw_xmeta *m, size_t *n);
/* Does text open with a byline's label ("By ", "Von ", "par ", "Text von ",
 * "Autor: ") followed by a capital letter? */
int fw_xbyline_opens(const char *text);
/* Is text only a byline's label ("By", "Autor:"), the name in another element? */
int fw_xbyline_label(const char *text);
/* The registrable label of url's host, squashed ("autozeitung"), or "". */
void fw_xhost_label(const char *url, char *out, size_t outsz);
/* The final title from the candidates, <title> and <h1> (caller frees). */
char *fw_xmeta_title(struct fw_xmeta *m);

/* Finds the first calendar date in s[0..n). from_text allows month names and
 * day-first forms anywhere; otherwise s must start with the date. 1 if found. */
int fw_xdate_parse(const char *s, size_t n, struct fw_xdate *d, int from_text);
/* Calls fn with every calendar date in s[0..n) (as fw_xdate_parse from text
 * finds them) until it returns non-zero; returns that, else 0. */
int fw_xdate_each(const char *s, size_t n, int (*fn)(const struct fw_xdate *d, void *arg), void *arg);
/* What the words before s[0..n)'s first digit say of the date there: -1 an
 * update ("Aktualisiert:"), 1 the publication ("Veröffentlicht am"), -2
 * not the page's (a clock, "Aktuelle Zeit:"; a member's "Registriert:"), else 0. */
int fw_xdate_label(const char *s, size_t n);
/* Calendar days between the two dates' days (times ignored), >= 0. */
long fw_xdate_days_apart(const struct fw_xdate *a, const struct fw_xdate *b);
/* Writes "YYYY-MM-DD" or RFC 3339 into out (at least 32 bytes). */
void fw_xdate_format(const struct fw_xdate *d, char *out, size_t outsz);

/* Appends the text of node's subtree to b with whitespace collapsed, skipping
 * script/style, up to cap bytes. */
void fw_xnode_text(xmlNode *node, struct fw_buf *b, size_t cap);
/* An attribute value without copying (NULL if absent). */
const char *fw_xattr(const xmlNode *n, const char *name);
/* Appends s[0..n) to b with runs of whitespace made one space; *sp carries
 * "the last byte was a space" across calls. */
void fw_xappend_collapsed(struct fw_buf *b, const char *s, size_t n, int *sp);
int fw_xcasestr(const char *hay, const char *needle);

#endif
