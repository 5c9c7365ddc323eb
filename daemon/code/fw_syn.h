/* fw_syn: the syntactic analysis pass of the event coder (issue 13, "Grammar").
 *
 * Two steps over the tokens of one sentence (struct fw_tok from fw_tok_sentence):
 *  1. fw_tag: a Brill tagger (Penn Treebank tags). Its lexicon, contextual and
 *     morphological rules are Brill's v1.14 as shipped in the textblob wheel; scripts/postag.sh
 *     turns them into postag-en.txt, loaded by fw_syn_model_open (fw_tag.c).
 *  2. fw_syn_analyse: a rule chunker and clause analysis on the tags (fw_syn.c): noun
 *     phrases (possessives, "of" attachments, appositions, coordination), verb groups
 *     (modal/auxiliary chain, voice, negation, tense), and for each predicate its clause
 *     type, governing predicate, subject, object, indirect object, passive agent and
 *     prepositional complements. Deterministic, no search: thousands of sentences a second.
 *
 * Token indices are those of the caller's fw_tok array; -1 means none. A model is
 * immutable once loaded: any number of threads may analyse with it at once; the
 * output is the caller's (no allocation per sentence; about 20 KB of stack). Thread: any.
 *
 * Use (text: the article; tokens of one sentence with offsets into it):
 *
 *     struct fw_syn_model *m = fw_syn_model_open(dict_dir, NULL, 0, err, sizeof err);  // once
 *     struct fw_tok tok[FW_CODE_MAXTOK];
 *     size_t nt = fw_tok_sentence(text + s0, s1 - s0, s0, &words, tok, FW_CODE_MAXTOK);
 *     struct fw_syn_out syn;                             // 3.3 KB, the caller's
 *     fw_syn_analyse(m, text, tok, nt, &syn);
 *     for (size_t i = 0; i < syn.npred; i++) {
 *         const struct fw_syn_pred *p = &syn.pred[i];
 *         // p->verb: token of the verb; p->subj/obj/agent: index into syn.np[] (-1 none),
 *         // syn.np[k].start..end the phrase, .head its head noun, .conj the next conjunct;
 *         // passive: subj is the patient, agent the doer ("was arrested by police").
 *         // Is it asserted? p->neg, p->modal, p->flags & (FW_SYN_COND | FW_SYN_QUESTION),
 *         // p->type and the chain p->gov / p->gov_tok up to a main clause ("said", "denied").
 *     }
 *     fw_syn_model_free(m); */
#ifndef FW_SYN_H
#define FW_SYN_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "feedwire/fw_err.h"
#include "fw_code_int.h"

#define FW_SYN_FILE "postag-en.txt"  /* the tagger's data in a dictionary folder */
#define FW_SYN_MAXTOK FW_CODE_MAXTOK /* tokens analysed; the rest of a longer sentence is 'O' */
#define FW_SYN_MAXNP 64              /* noun phrases per sentence */
#define FW_SYN_MAXPRED 32            /* predicates per sentence */
#define FW_SYN_MAXPP 4               /* prepositional complements per predicate */

/* Penn Treebank tags. */
enum fw_pos {
    FW_POS_NONE = 0,
    FW_POS_CC, FW_POS_CD, FW_POS_DT, FW_POS_EX, FW_POS_FW, FW_POS_IN, FW_POS_JJ, FW_POS_JJR, FW_POS_JJS,
    FW_POS_LS, FW_POS_MD, FW_POS_NN, FW_POS_NNS, FW_POS_NNP, FW_POS_NNPS, FW_POS_PDT, FW_POS_POS,
    FW_POS_PRP, FW_POS_PRPS /* PRP$ */, FW_POS_RB, FW_POS_RBR, FW_POS_RBS, FW_POS_RP, FW_POS_SYM,
    FW_POS_TO, FW_POS_UH, FW_POS_VB, FW_POS_VBD, FW_POS_VBG, FW_POS_VBN, FW_POS_VBP, FW_POS_VBZ,
    FW_POS_WDT, FW_POS_WP, FW_POS_WPS /* WP$ */, FW_POS_WRB,
    FW_POS_COMMA, FW_POS_PERIOD, FW_POS_COLON, FW_POS_LQUOTE, FW_POS_RQUOTE, FW_POS_QUOTE,
    FW_POS_LRB, FW_POS_RRB, FW_POS_DOLLAR, FW_POS_HASH,
    FW_POS__COUNT
};
const char *fw_pos_name(enum fw_pos pos);          /* "NNP", "PRP$", ",", ... */
enum fw_pos fw_pos_parse(const char *s, size_t n); /* FW_POS_NONE if not a tag */

struct fw_syn_model;

/* Loads postag-en.txt from dict_dir, else from the folder of the running binary (a
 * build tree: scripts/postag.sh writes build/postag-en.txt). NULL with the reason in
 * err when neither has it or the file is not tagger data. path_out (may be NULL, size
 * pathsz) receives the file used. */
struct fw_syn_model *fw_syn_model_open(const char *dict_dir, char *path_out, size_t pathsz, char *err,
                                       size_t errsz);
struct fw_syn_model *fw_syn_model_load(const char *path, char *err, size_t errsz);
void fw_syn_model_free(struct fw_syn_model *m);   /* NULL ok */

/* Tags tok[0..n) of a sentence; text is what the tokens' offsets index. pos[i] gets
 * an enum fw_pos. */
void fw_tag(const struct fw_syn_model *m, const char *text, const struct fw_tok *tok, size_t n, uint8_t *pos);

/* The lexicon's tag of a word as written (case matters), FW_POS_NONE if unknown. */
enum fw_pos fw_tag_lexicon(const struct fw_syn_model *m, const char *w, size_t n);

/* Chunks, per token. */
enum fw_chunk { FW_CHUNK_O = 0, FW_CHUNK_NP, FW_CHUNK_VP, FW_CHUNK_PP, FW_CHUNK_ADJP, FW_CHUNK_ADVP, FW_CHUNK_SBAR };

/* A noun phrase: a base NP with what stays inside a named actor, [start, end). */
struct fw_syn_np {
    int16_t start, end;    /* tokens; end exclusive; covers possessor, "of" attachments, apposition */
    int16_t head;          /* head noun of the first base NP ("leader" in "the leader of Hamas") */
    int16_t conj;          /* next NP coordinated with this one ("Israel and Egypt"), -1 */
    int16_t appos;         /* NP in apposition ("Abbas, the Palestinian president,"), -1 */
    int16_t prep;          /* preposition token this NP is the object of, -1 */
    uint8_t temporal;      /* "Monday", "last week": not an actor */
    uint8_t pronoun;       /* a personal or demonstrative pronoun ("he", "they", "it") */
};

enum fw_syn_clause {
    FW_CL_MAIN = 0,        /* main clause */
    FW_CL_CCOMP,           /* complement: "said (that) X attacked Y", "reports that ..." */
    FW_CL_XCOMP,           /* infinitive or gerund complement: "agreed to release", "accused Y of attacking" */
    FW_CL_RELCL,           /* relative: "the group that attacked", "the man who was arrested" */
    FW_CL_PARTCL,          /* reduced participial: "a bomb planted by militants", "Speaking in Cairo, ..." */
    FW_CL_ADVCL,           /* adverbial, with a marker: if, unless, when, because, after, ... */
};
const char *fw_syn_clause_name(enum fw_syn_clause c);

enum fw_syn_tense { FW_TENSE_NONE = 0, FW_TENSE_PAST, FW_TENSE_PRESENT, FW_TENSE_FUTURE };

enum {
    FW_SYN_PASSIVE = 1,    /* be/get + past participle, or a reduced "planted by" */
    FW_SYN_NEG = 2,        /* not, n't, never in the verb group */
    FW_SYN_PERFECT = 4,    /* have + participle */
    FW_SYN_PROGRESSIVE = 8,/* be + -ing */
    FW_SYN_COND = 16,      /* in an if/unless/whether clause (or under one) */
    FW_SYN_QUESTION = 32,  /* the sentence is a question */
    FW_SYN_INF = 64,       /* to-infinitive */
    FW_SYN_GERUND = 128,   /* -ing form heading a clause */
    FW_SYN_SUBJ_SHARED = 256, /* subject taken from a coordinated verb, controller or antecedent */
    FW_SYN_COPULA = 512,   /* the verb is "be" as main verb */
    FW_SYN_QUOTED = 1024,  /* the verb stands inside quotation marks */
};

struct fw_syn_pp {
    int16_t prep;          /* preposition token (to, against, with, on, in, from, ...) */
    int16_t np;            /* its NP (index into np[]) */
};

struct fw_syn_pred {
    int16_t verb;          /* lexical verb token */
    int16_t vg_start;      /* first token of the verb group (modal or auxiliary), <= verb */
    int16_t modal;         /* will/would/could/may/might/must/should/can/shall token, -1 */
    int16_t neg;           /* negation token, -1 */
    uint16_t flags;        /* FW_SYN_* */
    uint8_t type;          /* enum fw_syn_clause */
    uint8_t tense;         /* enum fw_syn_tense */
    int16_t mark;          /* complementizer or subordinator token: that, if, when, who, to, of, -1 */
    int16_t gov;           /* governing predicate (index into pred[]), -1 for a main clause */
    int16_t gov_tok;       /* governing word: the embedding verb, or the noun ("reports that", "a plan to"), -1 */
    int16_t conj;          /* predicate this one is coordinated with (shares its subject), -1 */
    int16_t subj, obj;     /* NP indices, -1; for a passive, subj is the patient */
    int16_t iobj;          /* first of two objects ("gave Israel weapons"), -1 */
    int16_t agent;         /* passive "by" agent NP, -1 */
    uint8_t npp;
    struct fw_syn_pp pp[FW_SYN_MAXPP];
};

struct fw_syn_out {
    size_t n;                         /* tokens analysed */
    uint8_t pos[FW_SYN_MAXTOK];       /* enum fw_pos */
    uint8_t chunk[FW_SYN_MAXTOK];     /* enum fw_chunk */
    int16_t np_of[FW_SYN_MAXTOK];     /* innermost NP index covering the token, -1 */
    int16_t pred_of[FW_SYN_MAXTOK];   /* predicate whose verb group holds the token, -1 */
    size_t nnp, npred;
    struct fw_syn_np np[FW_SYN_MAXNP];
    struct fw_syn_pred pred[FW_SYN_MAXPRED];
};

/* Tags and analyses tok[0..n) (n > FW_SYN_MAXTOK: the rest is left out) into out. */
void fw_syn_analyse(const struct fw_syn_model *m, const char *text, const struct fw_tok *tok, size_t n,
                    struct fw_syn_out *out);

/* One line of word/TAG, then a line per predicate (type, governor, voice and flags, roles
 * as [phrase|head]): for traces and failing tests. */
void fw_syn_print(FILE *f, const char *text, const struct fw_tok *tok, const struct fw_syn_out *out);

#endif
