/* fw_code: the event coder. Turns the plain text of a whole article into dated,
 * geocoded, quantified CAMEO/PLOVER events, PETRARCH style but without a parser:
 * sentence splitting and tokenization (fw_code_text.c), the PETRARCH-2 dictionary
 * formats (actors with date-restricted codes, agents, discards, verb patterns with
 * synsets) and CAMEO->PLOVER (fw_code_dict.c), and a shallow pattern coder that
 * assigns source and target by position and voice, modality, quantities,
 * casualties, dates (fw_tdate) and places (fw_geo) (fw_code.c).
 *
 * Beyond PETRARCH's patterns it folds nested verbs (the dictionary's transformations,
 * infinitives, complement and relative clauses), turns negated offers into refusals and
 * stated intentions into CAMEO 03x, names appeals and demands by what they ask for, reads a
 * planned or conditional act as a promise (AGREE) or threat (THREATEN) in PLOVER while CAMEO
 * keeps the act, applies a CAMEO.2.0 pattern only to the verb its comment names when the
 * block has a meaning of its own, takes general news verbs from feedwire.supplement.verbs.txt,
 * resolves acronyms and "the group" within an article, skips non-English texts, and uses a
 * dateline and the countries a sentence names to pick among homonymous places.
 * $FW_CODE_TRACE=1 prints each actor phrase and verb, before and after folding.
 *
 * A coder (struct fw_coder) owns its dictionaries and the optional gazetteer;
 * it is immutable once built, so any number of threads may code with it at once.
 * An event list is the caller's; events copy what they need (no pointers into the
 * text or the coder). Offsets are bytes of the UTF-8 text. Thread: any. */
#ifndef FW_CODE_H
#define FW_CODE_H
#include <stddef.h>

#include <jansson.h>

#include "feedwire/fw_err.h"
#include "feedwire/fw_tdate.h"

struct fw_coder;

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
};

struct fw_event_actor {
    char text[96];        /* the words of the actor as written, "" if none */
    char code[32];        /* CAMEO actor code, "---" when unknown */
    char country[4];      /* ISO alpha-3 from the code, "" if none */
    char sector[4];       /* GOV, MIL, REB, ... from the code, "" if none */
};

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
    size_t verb_start, verb_end;  /* byte offsets of the event's verb */
    double confidence;    /* 0..1 */
};

struct fw_event_list {
    struct fw_event *ev;
    size_t n, cap;
};

/* Loads the dictionaries of dict_dir: every *.actors.txt(.gz), *.agents.txt(.gz),
 * *.discards.txt(.gz) and *.verbs.txt(.gz) / CAMEO*.txt(.gz) file there, plus
 * CAMEO2PLOVER*.txt and gazetteer.idx when present (without a gazetteer events
 * have no location). NULL on error, with the reason in err. */
struct fw_coder *fw_coder_new(const char *dict_dir, char *err, size_t errsz);

/* Where the coder finds what it loads: the dictionaries (text, shipped in conf/dict) and
 * the indexes a build makes (gazetteer.idx, ...): looked for in dict_dir first, then in
 * data_dir (NULL: dict_dir only), so a build tree codes with the index it built. */
struct fw_coder_opts {
    const char *dict_dir;
    const char *data_dir;
};
struct fw_coder *fw_coder_new_opts(const struct fw_coder_opts *opts, char *err, size_t errsz);

/* 1 when the coder has a gazetteer (events carry locations). */
int fw_coder_has_geo(const struct fw_coder *coder);
void fw_coder_free(struct fw_coder *coder);                 /* NULL ok */

/* Codes one article. text need not be NUL-terminated; article_id (may be NULL)
 * feeds the event ids. Events are appended to out (initialise it to zeros; free
 * it with fw_event_list_fini). Texts above 4 MiB are refused with FW_E_TOOBIG. */
enum fw_err fw_code_article(const struct fw_coder *coder, const char *article_id, const char *text, size_t len,
                            struct fw_ymd published, struct fw_event_list *out, char *err, size_t errsz);
void fw_event_list_fini(struct fw_event_list *list);

/* The JSON object of one event, as `feedwire events` prints it; text is the
 * article text the offsets refer to (for the evidence sentence). New reference. */
json_t *fw_event_to_json(const struct fw_event *ev, const char *text);

const char *fw_modality_str(enum fw_modality m);
const char *fw_date_source_str(enum fw_date_source s);   /* "text", "article", ... */
const char *fw_loc_source_str(enum fw_loc_source s);     /* "sentence", "paragraph", ... */

/* Sentence spans of a text (for the tool, the benchmark and tests): fills up to
 * max [start, end) byte ranges and returns how many sentences there are (spans may
 * be NULL when max is 0, to count). Splits at . ! ? unless they end an abbreviation,
 * a title, an initial or a number, keeps closing quotes and brackets, and always
 * splits at a blank line. */
size_t fw_code_sentences(const char *text, size_t len, size_t (*spans)[2], size_t max);

#endif
