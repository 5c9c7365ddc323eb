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

#include "feedwire/fw_err.h"
#include "feedwire/fw_record.h" /* struct fw_event, fw_event_list: the record the coder fills */
#include "feedwire/fw_tdate.h"

struct fw_coder;

/* Loads the dictionaries of dict_dir: every *.actors.txt(.gz), *.agents.txt(.gz),
 * *.discards.txt(.gz) and *.verbs.txt(.gz) / CAMEO*.txt(.gz) file there, plus
 * CAMEO2PLOVER*.txt and gazetteer.idx when present (without a gazetteer events
 * have no location), and the tagger data postag-en.txt of the syntactic pass, from
 * dict_dir or else from beside the binary. NULL on error, with the reason in err. */
struct fw_coder *fw_coder_new(const char *dict_dir, char *err, size_t errsz);

/* Where the coder finds what it loads: the dictionaries (text, shipped in conf/dict) and
 * the indexes a build makes (gazetteer.idx, ...): looked for in dict_dir first, then in
 * data_dir (NULL: dict_dir only), so a build tree codes with the index it built. */
struct fw_coder_opts {
    const char *dict_dir;
    const char *data_dir;
    double min_confidence;   /* events under it are not returned (code.min_confidence) */
    const char *plover;      /* PLOVER vocabulary, code.plover: "0.5" (NULL: the default) or "0.8" */
};
#define FW_CODE_MIN_CONFIDENCE 0.2   /* the default of code.min_confidence and of the tool */
struct fw_coder *fw_coder_new_opts(const struct fw_coder_opts *opts, char *err, size_t errsz);

/* 1 when the coder has a gazetteer (events carry locations). */
int fw_coder_has_geo(const struct fw_coder *coder);
void fw_coder_free(struct fw_coder *coder);                 /* NULL ok */

/* Codes one article. text need not be NUL-terminated; article_id (may be NULL)
 * feeds the event ids. Events are appended to out (initialise it to zeros; free
 * it with fw_event_list_fini, fw_record.h). Texts above 4 MiB are refused with FW_E_TOOBIG. */
enum fw_err fw_code_article(const struct fw_coder *coder, const char *article_id, const char *text, size_t len,
                            struct fw_ymd published, struct fw_event_list *out, char *err, size_t errsz);
void fw_event_list_fini(struct fw_event_list *list);

/* Sentence spans of a text (for the tool, the benchmark and tests): fills up to
 * max [start, end) byte ranges and returns how many sentences there are (spans may
 * be NULL when max is 0, to count). Splits at . ! ? unless they end an abbreviation,
 * a title, an initial or a number, keeps closing quotes and brackets, and always
 * splits at a blank line. */
size_t fw_code_sentences(const char *text, size_t len, size_t (*spans)[2], size_t max);

#endif
