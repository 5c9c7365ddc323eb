/* fw_feed: parses an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed document into
 * one normalized model (struct fw_feed_doc). libxml2 without network, DTD
 * loading or external entities; ill-formed XML is recovered and flagged bozo
 * with a reason; sizes, node counts and entity expansion are capped. The
 * charset follows the XML rules and the HTTP Content-Type (RFC 3023, as
 * feedparser): BOMs, UTF-16/32, conflicts, HTML entities XML lacks. Entry HTML
 * (summary, content) is sanitized (fw_sanitize); links are resolved against
 * xml:base and the feed URL. Every string is UTF-8, owned by the doc.
 * Thread: any (libxml2's rule: xmlInitParser() once in the main thread
 * before parsing in several); a doc has one owner. */
#ifndef FW_FEED_H
#define FW_FEED_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_err.h"

#define FW_FEED_MAX_BYTES (16u << 20) /* larger bodies are refused */
#define FW_FEED_MAX_ENTRIES 5000      /* entries beyond are dropped (bozo) */
#define FW_FEED_MAX_ELEMENTS 200000   /* XML elements; parsing stops there (bozo) */
#define FW_FEED_NO_TIME INT64_MIN     /* a date that is absent or unparsable */

enum fw_feed_format { FW_FEED_UNKNOWN, FW_FEED_RSS, FW_FEED_RDF, FW_FEED_ATOM, FW_FEED_JSON };

struct fw_feed_link {
    char *href, *rel, *type, *title; /* rel defaults to "alternate"; others may be NULL */
    int64_t length;                  /* -1 unknown */
};

struct fw_feed_person {
    char *name, *email, *uri; /* any may be NULL */
};

struct fw_feed_entry {
    char *id;        /* guid/id, or derived (id_derived = 1): never NULL */
    int id_derived;
    char *title;     /* text; sanitized HTML if the feed says it is HTML; NULL if none */
    char *link;      /* the alternate link, absolute when a base was known */
    char *summary;   /* sanitized HTML (or text); NULL when the feed has only content */
    char *content;   /* sanitized HTML: content:encoded, atom:content, ... */
    char *content_type; /* "text/html", "text/plain", "application/xhtml+xml" */
    char *comments;  /* comments URL */
    int64_t published, updated; /* epoch s UTC, FW_FEED_NO_TIME if absent */
    struct fw_feed_link *links;
    size_t nlinks;
    struct fw_feed_link *enclosures; /* href, type, length */
    size_t nenclosures;
    struct fw_feed_person *authors;
    size_t nauthors;
    char **categories;
    size_t ncategories;
};

struct fw_feed_arena; /* private: every string of a doc lives in it */

struct fw_feed_doc {
    struct fw_feed_arena *arena;
    enum fw_feed_format format;
    const char *version;   /* "rss20", "rss091u", "rss10", "atom10", "atom03", "json11", "" (static) */
    char *encoding;        /* charset the body was decoded with, lower case */
    int bozo;
    char *bozo_reason;     /* NULL unless bozo */
    /* feed */
    char *title, *link, *self_link, *hub, *description, *language, *generator, *rights, *id;
    char *image;           /* image URL */
    char *icon;
    int64_t updated, published;
    int ttl_min;           /* <ttl> minutes, -1 if absent */
    uint32_t skip_hours;   /* bit h set: skip hour h (0..23, UTC) */
    uint8_t skip_days;     /* bit d set: skip weekday d (enum fw_cal_wday) */
    struct fw_feed_link *links;
    size_t nlinks;
    struct fw_feed_person *authors;
    size_t nauthors;
    char **categories;
    size_t ncategories;
    struct fw_feed_entry *entries;
    size_t nentries;
};

/* Parses body[0..len) (need not be NUL-terminated). feed_url (NULL-able) is
 * the base for relative links; http_content_type (NULL-able) the response's
 * Content-Type header. On FW_OK *out is the caller's (even when bozo). Fails
 * with FW_E_TOOBIG over FW_FEED_MAX_BYTES, FW_E_PARSE if nothing feed-like
 * could be recovered; details in err. */
enum fw_err fw_feed_parse(const char *body, size_t len, const char *feed_url, const char *http_content_type,
                          struct fw_feed_doc **out, char *err, size_t errsz);

void fw_feed_doc_free(struct fw_feed_doc *doc);

/* {"feed": {...}, "entries": [...], "bozo": bool, "bozo_reason": str|null,
 *  "encoding": str, "version": str}; times RFC 3339 UTC. New reference. */
json_t *fw_feed_doc_to_json(const struct fw_feed_doc *doc);

#endif
