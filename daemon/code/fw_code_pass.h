/* The passes of the event coder and what they share (fw_code.c: analysis of the sentence, role
 * binding and CAMEO coding; fw_code_detect.c: event detection, does the sentence report a
 * happening; fw_code_context.c: the article as context, names and pronouns, places, dates,
 * repeat mentions; fw_code_score.c: scoring). Private to daemon/code/. Thread: any; the coder is
 * read-only, an article's state belongs to the call coding it. */
#ifndef FW_CODE_PASS_H
#define FW_CODE_PASS_H
#include <stdint.h>
#include <string.h>

#include "feedwire/fw_cal.h"
#include "feedwire/fw_code.h"
#include "feedwire/fw_geo.h"
#include "fw_code_int.h"
#include "fw_syn.h"

#define MAXPH 64
#define MAXACR 64
#define MAXPERSON 64

struct fw_coder {
    struct fw_dict d;
    struct fw_geo *geo;
    struct fw_syn_model *syn; /* tagger data for the syntactic pass (fw_syn.h), NULL without */
    int trace;              /* $FW_CODE_TRACE: each verb and its code on stderr, for dictionary work */
    struct fw_words clsw;   /* words of the closed classes below (C_*) */
    int has_words;          /* the lexical lists of feedwire.words.txt are loaded: event detection on */
    double min_confidence;  /* events below are not published */
    int plover_v08;         /* PLOVER categories of the 2021 draft (0.8), else of PLOVER 0.5 */
    uint64_t *cls;
    size_t ncls;
};

struct phrase {
    uint16_t s, e;          /* tokens [s, e) */
    uint16_t head;          /* first token of the first actor or agent mention */
    int16_t next;           /* next member of a compound ("X and Y"), -1 */
    int16_t first;          /* first member of its compound */
    uint8_t has_actor, nonstate;
    uint8_t agent_first;    /* "the government of Gondor" (vs "Gondor's government") */
    int16_t person;         /* the phrase is one named person or body (a->persons), -1 */
    uint8_t place;          /* its name is a place the gazetteer knows ("seized Avdiivka") */
    char code[32];
    char base[32];          /* the actor's own code, before agents */
};

struct verbcand {
    uint16_t s, e, v;       /* tokens of the (multi-word) verb form, v the verb word */
    int32_t form;           /* index in d->verbs */
};

/* A name the dictionaries do not know ("Kurt Volker", "Full Fact"), kept for the article: a
 * later surname ("Volker") or pronoun ("he") stands for it. */
struct person {
    char last[32];          /* its last word, upper case */
    char full[64];          /* as first written in full */
    char code[32];          /* "---" plus what its titles said ("---GOV", "USAGOV") */
    uint8_t human;          /* named with a first name or a personal title: "he"/"she" may refer to it */
};

struct acronym {
    char acr[16];
    char code[32];
};

struct article {
    const struct fw_coder *c;
    const char *text;
    const char *id;
    struct fw_ymd pub;
    int32_t pubnum;         /* yyyymmdd for date-restricted actor codes */
    struct fw_ymd anchor;
    enum fw_date_prec anchor_prec;
    size_t anchor_par;      /* paragraph of the anchor */
    int anchor_reported;    /* the anchor dates a clause a verb of saying reports ("said X struck on Sept. 1") */
    struct fw_ymd lead;     /* the story's own recent date, from the lead (prec NONE if none) */
    enum fw_date_prec lead_prec;
    size_t nsent;           /* sentences coded so far */
    size_t nsentences;      /* sentences in the article */
    struct acronym acr[MAXACR];
    int nacr;
    char last_nonstate[32];
    size_t last_nonstate_at;  /* sentence (a->nsent) that named it */
    int last_body;          /* the last group no dictionary knows ("WeWorkers Coalition", a->persons), -1 */
    size_t last_body_at;
    struct person persons[MAXPERSON];
    int npersons;
    int last_human;         /* the person "he"/"she" stands for now, -1 */
    /* the plural actor a sentence-initial "they" stands for: the last sentence's plural subject
     * (code "" none; person, a->persons of its first member, -1) */
    char they_code[32];
    int16_t they_person;
    size_t place_end;       /* in the sentence being read: the end of the last name read as a place */
    char pair[2][32];       /* the last two actors a sentence named together ("X and Y met"), "" none */
    struct evfeat { uint32_t f; int bare; } *feat;   /* per event (index - first_ev): scoring evidence */
    size_t capfeat;
    size_t ntok, ndomain;   /* tokens, and tokens of sport, shopping or leisure vocabulary */
    size_t naccident, nweapon;   /* so far: words of accidents and disasters, of weapons */
    size_t nstate;          /* mentions of state, armed or political actors */
    size_t npolitical;      /* ... and of oppositions, parties, international and rights bodies */
    struct { char cc3[4]; int n; } cc[32];
    int ncc;
    struct fw_event_list *out;
    size_t first_ev;
};

struct sent {
    size_t start, end, par;
    struct fw_tok tok[FW_CODE_MAXTOK];
    size_t nt;
    int16_t ment[FW_CODE_MAXTOK];       /* token -> phrase index, -1 */
    uint8_t isverb[FW_CODE_MAXTOK];
    uint64_t cls[FW_CODE_MAXTOK];       /* word classes (C_*) */
    struct phrase ph[MAXPH];
    size_t nph;
    struct verbcand vc[48];
    size_t nvc;
    struct fw_syn_out syn;              /* the syntactic pass (tags, clauses, roles) */
    int has_syn;
    struct mention {
        uint16_t s, e;
        uint8_t actor;
        int16_t person;     /* a named person or body of the article (a->persons), -1 */
        uint8_t place;      /* a name the gazetteer knows as a place too ("Avdiivka") */
        uint8_t pair;       /* "the two leaders", "both sides": the article's last pair (a->pair) */
        char code[32];
    } m[MAXPH];
    size_t nm;
};

/* Word classes of a token, computed once per sentence: the lists above are asked about
 * every token many times over. */
enum {
    C_DETERMINERS = 1u << 0,
    C_PREPOSITIONS = 1u << 1,
    C_BOUNDARIES = 1u << 2,
    C_BE_FORMS = 1u << 3,
    C_SKIPPABLE = 1u << 4,
    C_REPORTING = 1u << 5,
    C_REPORT_VERBS = 1u << 6,
    C_NEGATIONS = 1u << 7,
    C_FUTURE = 1u << 8,
    C_HYPOTHETICAL = 1u << 9,
    C_DENIALS = 1u << 10,
    C_GROUP_NOUNS = 1u << 11,
    C_PLACE_PREPS = 1u << 12,
    C_TIME_UNITS = 1u << 13,
    C_AUXILIARIES = 1u << 14,
    C_DEGREE_ADVERBS = 1u << 15,
    C_SUBORDINATORS = 1u << 16,
    C_INTENT_VERBS = 1u << 17,
    C_REFUSALS = 1u << 18,
    C_CLAUSE_STOPS = 1u << 19,
    C_GRAMMAR = (1u << 20) - 1,     /* the closed classes above; the lexical ones below come from
                                     * conf/dict/feedwire.words.txt */
    C_WEAPON = 1u << 20,
    C_CASUALTY = 1u << 21,
    C_ARMED_ANY = 1u << 22,
    C_TARGET = 1u << 23,
    C_SPORTS = 1u << 24,
    C_COMMERCE = 1u << 25,
    C_LEISURE = 1u << 26,
    C_HABITUAL = 1u << 27,
    C_COMMENTATOR = 1u << 28,
    C_OPINION = 1u << 29,
};
/* bits from 30 on do not fit an int enumeration constant */
#define C_POLICE (1u << 30)
#define C_MILITARY (1u << 31)
#define C_THING ((uint64_t)1 << 32)   /* documents, gatherings, periods: names of no actor */
#define C_HUMAN ((uint64_t)1 << 33)   /* people as such: man, girl, civilians, journalists */
#define C_MEDIA ((uint64_t)1 << 34)   /* what is published: video, report, statement, transcript */
#define C_PEJORATIVE ((uint64_t)1 << 35)   /* words that condemn what they name: sham, farce, illegal */
#define C_PROTESTER ((uint64_t)1 << 36)   /* people in a street protest: protesters, rioters */
#define C_BOMBING ((uint64_t)1 << 37)   /* a bombing's words: bomb, explosives, suicide */
#define C_LEADER ((uint64_t)1 << 38)   /* one who leads: chief, commander, governor, mayor */
#define C_ACCIDENT ((uint64_t)1 << 39)   /* accidents and disasters: crash, collision, earthquake */
#define C_ANIMAL ((uint64_t)1 << 40)   /* animals: rabbit, dog, cattle */
#define C_RECIPROCAL ((uint64_t)1 << 41)   /* verbs of mutual acts: clash, exchange, trade (fire) */
#define C_CORPORATE ((uint64_t)1 << 42)   /* a firm's offices and forms: ceo, founder, inc, sales */
#define C_AVIATION ((uint64_t)1 << 43)   /* air transport: airline, flights, jets, passengers */
#define C_ECONOMY ((uint64_t)1 << 44)   /* a market's aggregates: stocks, futures, goods, imports */
#define C_BODY ((uint64_t)1 << 45)   /* the nouns that end a body's name: committee, council, ministry */
#define C_AERIAL ((uint64_t)1 << 46)   /* what attacks from the air: aircraft, warplanes, drones */
#define C_PROTEST ((uint64_t)1 << 47)   /* a street protest as a happening: protests, rallies, riots */
#define C_COURSE ((uint64_t)1 << 48)   /* verbs of a happening's course: began, erupted, spread, continued */
#define C_ABSTRACT ((uint64_t)1 << 49)   /* what no one seizes or holds: effect, part, office, steps */
#define C_ARTILLERY ((uint64_t)1 << 50)   /* fire from guns on the ground: shelling, artillery, mortars */
#define C_STAGING ((uint64_t)1 << 51)   /* verbs that stage a happening: held, staged, organized (passive) */
#define C_ARMED (C_ARMED_ANY | C_POLICE | C_MILITARY)   /* armed, police, military: any of them */

struct pmatch {
    int ok;
    int src, tgt, comp, skip;     /* phrase indexes bound by $ + % ^, -1 */
    size_t lo, hi;                /* token span covered */
    int has_neg;
    int comp_lower;               /* % after the verb: the subject acts on each member */
};

struct pending {                 /* one coded verb before the events are written */
    struct verbcand vc;
    char fwd[8], rev[8];
    int src, tgt, comp;
    int src_inherited;
    int pattern;
    int tgt_text_s, tgt_text_e;  /* object noun phrase when the target is not an actor */
    int drop;                    /* folded into another verb of the sentence */
    int nested;                  /* rewritten by a transformation: leave it alone */
    int intent;                  /* recoded as a stated intention (03x): asserted, not planned */
    int conjunct;                /* coordinated with an earlier main-clause verb: "shelled X and withdrew" */
    int own_clause;              /* a main or adverbial clause with its own subject, the source */
    int agentless;               /* a passive with no agent: the subject is the target, no one the source */
    int own_happening;           /* a participle with an actor agent and its own date: its own event */
    int nominal;                 /* "the protests began": the subject names the act, the verb its course */
    int claimed;                 /* an act one side reports the other did: coded beside the accusation */
    int accuses;                 /* the saying verb of such a report, coded as the accusation (112) */
    int no_event;                /* a sense that is no event ("was taken by ambulance to hospital"): the
                                  * verb still governs and folds as coded, it writes nothing */
    struct pmatch m;
};

static inline int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0) return 1;
    return 0;
}

static inline int is(const struct sent *s, size_t i, uint64_t c) { return i < s->nt && (s->cls[i] & c) != 0; }

static inline const char *tw(const struct sent *s, size_t i) { return i < s->nt ? s->tok[i].up : ""; }
/* "On May 14", "in May": the month, written capitalized inside a sentence or before a day, is
 * no modal "may" */
static inline int month_may(const struct sent *s, size_t i)
{
    return i < s->nt && !strcmp(s->tok[i].up, "MAY") && (s->tok[i].flags & TOK_CAP) &&
           (i > 0 || (i + 1 < s->nt && (s->tok[i + 1].flags & TOK_NUM)));
}

static inline int is_punct(const struct sent *s, size_t i)
{
    return (s->tok[i].flags & TOK_PUNCT) && strcmp(s->tok[i].up, "-") != 0;
}

static inline int code_has(const char *code, const char *part)
{
    size_t n = strlen(code), k = strlen(part);
    for (size_t i = 0; i + k <= n; i += 3)
        if (memcmp(code + i, part, k) == 0) return 1;
    return 0;
}

static inline long ymd_days(struct fw_ymd d) { return (long)fw_cal_days_from_civil(d.y, d.m, d.d); }

extern const char *const fw_code_place_preps[];

/* analysis and coding (fw_code.c) */
size_t fw_code_match_phrase(const struct fw_phrases *ph, const struct sent *s, size_t i, const struct fw_entry **out);
void fw_code_actor_code_fields(struct fw_event_actor *ac, const char *code);
void fw_code_event_id(const struct article *a, struct fw_event *ev);

/* event detection (fw_code_detect.c) */
uint32_t fw_code_sentence_features(const struct article *a, const struct sent *s);
int fw_code_phrase_has(const struct sent *s, int ph, uint64_t cls);
/* Whether phrase ph names people: a person, a people or civilian sector, or a word of [human]. */
int fw_code_human_phrase(const struct sent *s, int ph);
int fw_code_head_is(const struct sent *s, int ph, uint64_t cls);
/* The physical sense of a code given who acts on whom (fills out, returns 1; 0: code stands). */
int fw_code_physical_sense(const struct sent *s, const char *code, int sp, int tp, char *out, size_t cap);
int fw_code_armed_sector(const char *code);
int fw_code_metaphorical_violence(const struct sent *s, const char *code, int sp, int tp, int tgt_s, int tgt_e);
int fw_code_nonpolitical_harm(const struct article *a, const struct sent *s, const struct pending *pd, const char *code);
uint32_t fw_code_event_features(const struct article *a, const struct sent *s, const struct pending *pd, const char *code, int sp, int tp);
int fw_code_governs(const struct sent *s, size_t outer, size_t v);
int fw_code_off_domain(const struct article *a);
/* fw_code_apolitical: FW_APOLITICAL (no event of the article is political), FW_SPARSE_POLITICAL
 * (only those with a political actor are), 0 */
enum { FW_APOLITICAL = 1, FW_SPARSE_POLITICAL = 2 };
int fw_code_apolitical(const struct article *a);
int fw_code_political_code(const char *code);
/* CAMEO's violent roots: 18 (assault), 19 (fight), 20 (mass violence). */
int fw_code_violent(const char *code);
/* The syntactic pass's predicate whose lexical verb is token v, NULL (fw_code.c). */
const struct fw_syn_pred *fw_code_syn_pred(const struct sent *s, size_t v);
int fw_code_reported_future(const struct sent *s, size_t verb);

/* the article as context (fw_code_context.c) */
int fw_code_unknown_name(const struct sent *s, int ph);
int fw_code_name_word(const struct sent *s, size_t i);
size_t fw_code_named_mention(struct article *a, const struct sent *s, size_t i, struct mention *m);
int fw_code_person_alias(struct article *a, const struct sent *s, size_t i, size_t n, const char *code);
int fw_code_past_tense(const struct sent *s, const struct verbcand *vc);
int fw_code_past_form(const char *w);
/* The points of the compass that make a region of a state's name ("North American"). */
extern const char *const fw_code_compass_words[];
void fw_code_score_article(struct article *a);
void fw_code_same_happening_dates(struct article *a);
void fw_code_merge_mentions(struct article *a);
/* A bare toll ("Three more soldiers were wounded, he said.") joins the attack before it. */
void fw_code_merge_tallies(struct article *a);
/* A relative clause of time or place: "in which", "where", "when" ("a referendum on Sunday in
 * which police fired", "the square where troops opened fire"). */
int fw_code_setting_relative(const struct sent *s, const struct fw_syn_pred *p);
int fw_code_sentence_place(const struct fw_coder *c, const char *text, size_t st, size_t en, size_t verb_end,
                           size_t clause_end, const char *hint, struct fw_place *pl);
void fw_code_set_location(const struct article *a, struct fw_event *ev, const struct fw_place *pp, enum fw_loc_source src);
void fw_code_locate(const struct fw_coder *c, const struct article *a, size_t first, const char *hints, const struct fw_place *dateline, const size_t (*spans)[2], const size_t *par, size_t ns);

#endif
