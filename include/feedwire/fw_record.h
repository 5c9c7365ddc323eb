/* fw_record: the records feedwire publishes, the article and its events, and
 * their one JSON encoding. The coder fills struct fw_event, the pipe gathers an
 * article and its events in struct fw_record_article, the sink publishes what
 * fw_record_article_json / fw_record_event_json write, and the `feedwire events`
 * tool prints the same bytes: adding a field means editing this module and the
 * schemas conf/schemas/feedwire.{article,event}.v1.json (tests/core/record_schema.py
 * validates the output against them).
 *
 * Encoding rules, one place: a NULL string, and an empty fixed field of an
 * event (actor, code, place, unit), is JSON null; bytes that are not UTF-8 become U+FFFD (a feed lying about its charset,
 * an actor cut at its byte limit) so a message never fails to serialize; counts
 * are integers, -1 (unknown) is null; confidence is rounded to 0.01; reals keep
 * 10 significant digits; offsets are bytes of the UTF-8 article text.
 * Nothing is kept: every pointer is borrowed for the call. Thread: any. */
#ifndef FW_RECORD_H
#define FW_RECORD_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_err.h"
#include "feedwire/fw_cal.h" /* struct fw_ymd, enum fw_date_prec */

#define FW_RECORD_SCHEMA_ARTICLE "feedwire.article"
#define FW_RECORD_SCHEMA_EVENT "feedwire.event"
#define FW_RECORD_SCHEMA_INCIDENT "feedwire.incident"
#define FW_RECORD_SCHEMA_VERSION 1
/* An article text longer than this (bytes) is cut, at a character boundary,
 * before coding and publishing, and flagged text_truncated: the article
 * message stays under librdkafka's default message.max.bytes (1,000,000). */
#define FW_RECORD_TEXT_MAX 400000

#define FW_EVENT_MAXMORE 8    /* repeat mentions an event lists besides its own sentence */

enum fw_modality {
    FW_MOD_ASSERTED = 0,  /* the text states it happened */
    FW_MOD_REPORTED,      /* attributed: "officials said", "claimed" */
    FW_MOD_DENIED,        /* negated or denied: not an event that happened */
    FW_MOD_PLANNED,       /* future, intended or threatened */
    FW_MOD_HYPOTHETICAL,  /* conditional: "if", "could", "would" */
};

/* Where an event's date came from, most to least direct. */
enum fw_date_source {
    FW_DSRC_TEXT = 0,     /* its own sentence dates it */
    FW_DSRC_ARTICLE,      /* another mention of the same happening in the article dates it */
    FW_DSRC_PARAGRAPH,    /* the last dated happening of its paragraph */
    FW_DSRC_LEAD,         /* the story's own recent date, given in the lead (a past-tense report) */
    FW_DSRC_PUBLICATION,  /* nothing in the text: the publication date */
};

/* Where an event's place came from. */
enum fw_loc_source {
    FW_LSRC_SENTENCE = 0, /* a place its own sentence names */
    FW_LSRC_PARAGRAPH,    /* the nearest place named before it in its paragraph */
    FW_LSRC_DATELINE,     /* the article's dateline */
    FW_LSRC_ARTICLE,      /* the country the article is mostly about */
    FW_LSRC_ACTOR,        /* the home country of the state body that acts (an article placing nothing) */
};

struct fw_event_actor {
    char text[96];        /* the words of the actor as written, "" if none */
    char code[32];        /* CAMEO actor code, "---" when unknown */
    char country[4];      /* ISO alpha-3 from the code, "" if none */
    char sector[4];       /* GOV, MIL, REB, ... from the code, "" if none */
};

/* One coded event. Copies what it needs: no pointers into the text or the coder. */
struct fw_event {
    char id[33];          /* 32 hex digits, XXH3-128 of article id + offsets + codes */
    struct fw_ymd date;
    enum fw_date_prec prec;
    enum fw_date_source date_source;
    struct fw_event_actor src, tgt;
    char cameo[8];        /* CAMEO event code, e.g. "190" */
    char plover[16];      /* PLOVER category, e.g. "ASSAULT", "" if unmapped */
    enum fw_modality modality;
    int has_loc;
    enum fw_loc_source loc_source;
    char loc_name[96], loc_admin1[96], loc_cc2[3], loc_cc3[4];
    double loc_lat, loc_lon;
    long qty;             /* -1 if none */
    char qty_unit[32];
    long killed, wounded; /* -1 if not stated */
    size_t sent_start, sent_end;  /* byte offsets of the sentence in the article text */
    /* the other sentences of the article that report the same happening (repeat mentions merged
     * into this event), byte offsets as above */
    struct { uint32_t start, end; } more[FW_EVENT_MAXMORE];
    int nmore;
    size_t verb_start, verb_end;  /* byte offsets of the event's verb */
    size_t clause_end;    /* byte offset of the verb of the next clause the verb does not govern, 0 none */
    double confidence;    /* 0..1 */
    char incident[33];    /* the incident it joined (fw_incident, 32 hex), "" if undecided: no "incident" field */
};

struct fw_event_list {
    struct fw_event *ev;
    size_t n, cap;
};

/* An empty event: no date, no place, quantity and counts unknown (-1). */
void fw_event_init(struct fw_event *ev);
void fw_event_list_fini(struct fw_event_list *list); /* NULL ok */
const char *fw_modality_str(enum fw_modality m);
const char *fw_date_source_str(enum fw_date_source s);   /* "text", "article", ... */
const char *fw_loc_source_str(enum fw_loc_source s);     /* "sentence", "paragraph", ... */

/* An incident the article's events changed, as published (keyed by id, on
 * incident.topic): json is fw_incident_json's feedwire.incident.v1 record. */
struct fw_record_incident {
    const char *id;   /* 32 hex */
    const char *json;
};

/* One article as published, with its events. Every string may be NULL (JSON
 * null) but id and url. */
struct fw_record_article {
    const char *id;                 /* required: the Kafka key (fw_dedup id) */
    int updated;                    /* status "updated" (fw_dedup UPDATED) instead of "new" */
    const char *feed_url, *feed_title;
    const char *url;                /* required: final article URL */
    const char *canonical_url, *title, *author;
    const char *const *authors;     /* the people who wrote it (nauthors), NULL-able when 0 */
    size_t nauthors;
    const char *published, *modified; /* ISO 8601 */
    const char *published_source;   /* fw_article's: "json-ld", "meta", ..., "feed" */
    const char *language, *sitename, *description; /* sitename is also written as "site" */
    const char *text;               /* the article text; events' offsets are bytes of it */
    int text_truncated;             /* text was cut to FW_RECORD_TEXT_MAX */
    int64_t fetched_at_ms;          /* wall clock, ms since the epoch */
    uint64_t content_hash, simhash; /* fw_dedup_result.text_hash / .simhash */
    const struct fw_event *events;
    size_t nevents;
    const struct fw_record_incident *incidents; /* NULL-able when 0: the incident stage's */
    size_t nincidents;
};

/* Appends the article message (schema feedwire.article.v1) to out. FW_E_INVAL
 * without id or url, or if an event has no id. */
enum fw_err fw_record_article_json(const struct fw_record_article *a, struct fw_buf *out, char *err, size_t errsz);
/* Appends the message of ev (schema feedwire.event.v1), an event of article a
 * (a->id, a->url; a->text holds the sentence ev's offsets point to) to out. */
enum fw_err fw_record_event_json(const struct fw_event *ev, const struct fw_record_article *a, struct fw_buf *out,
                                 char *err, size_t errsz);
/* "2024-03-01T08:00:00.123Z" (fetched_at, the CloudEvents time). */
void fw_record_time(int64_t ms, char out[32]);

#endif
