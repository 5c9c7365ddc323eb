/* fw_extract: the main text and metadata of an article page. Parses the HTML
 * with libxml2 (no network, no entities), walks the DOM once to score blocks
 * by text and link density and by tag/class/id hints, and collects title,
 * author, dates, language, site name, canonical URL and description from
 * JSON-LD, meta tags, <time> elements, the URL and the text near the title.
 * Pure: no I/O, no globals besides libxml2's own. Thread: any; each call owns
 * its document. The returned article belongs to the caller. */
#ifndef FW_EXTRACT_H
#define FW_EXTRACT_H
#include <jansson.h>
#include <stddef.h>

#include "feedwire/fw_err.h"

/* Inputs larger than this fail with FW_E_TOOBIG before parsing. */
#define FW_EXTRACT_MAX_INPUT ((size_t)8 << 20)
/* The extracted text is cut at this size (at a paragraph end where possible). */
#define FW_EXTRACT_MAX_TEXT ((size_t)2 << 20)

/* Every string is UTF-8, NUL-terminated, or NULL when the page does not say.
 * Dates are "YYYY-MM-DD" or RFC 3339 ("YYYY-MM-DDTHH:MM:SS+hh:mm") in the
 * page's own time zone. text: paragraphs separated by one blank line. */
struct fw_article {
    char *url;           /* as given to fw_extract */
    char *canonical_url; /* <link rel=canonical> or og:url, made absolute */
    char *title;
    char *author;        /* the byline as the page gives it, "By" cut (may name an
                          * organisation; several joined by "; ") */
    char **authors;      /* the people in the best byline naming any (nauthors) */
    size_t nauthors;
    char *published;
    const char *published_source; /* static: where published came from ("json-ld", "meta",
                                   * "element", "byline", "url", "text", "feed"), NULL with it */
    char *modified;
    char *language;      /* primary subtag, lower case: "en", "de" */
    char *sitename;
    char *description;
    char *text;          /* never NULL on success, may be "" */
};

/* Extracts an article from html[0..len). url (NULL-able) resolves relative
 * links and is a date source; http_content_type (NULL-able) is the HTTP
 * Content-Type header, whose charset wins over the page's unless the bytes
 * prove it wrong. On success *out is the caller's (fw_article_free).
 * Errors: FW_E_TOOBIG (len over FW_EXTRACT_MAX_INPUT), FW_E_PARSE (not HTML:
 * binary, another media type, or no markup). */
enum fw_err fw_extract(const char *html, size_t len, const char *url, const char *http_content_type,
                       struct fw_article **out, char *err, size_t errsz);
void fw_article_free(struct fw_article *art);
/* Checks the page's published date against what the daemon knows without it:
 * the feed entry's date (epoch s, or INT64_MIN if none) and the fetch time
 * (epoch s). A date after the fetch day (a zone's day of slack) is dropped; a
 * date the page gives only weakly (its visible text, an element) more than
 * two days from the entry's is dropped. The page's strong sources (JSON-LD,
 * meta, URL) are kept whatever the feed says. Without a page date the entry's
 * is taken, published_source "feed". */
void fw_article_check_published(struct fw_article *art, int64_t entry_published, int64_t fetched_at);
/* A new JSON object with every field (null when absent; "authors" a list,
 * "site" the site name). */
json_t *fw_article_to_json(const struct fw_article *art);

#endif
