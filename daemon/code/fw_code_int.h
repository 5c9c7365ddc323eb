/* fw_code internals shared by fw_code_text.c (sentences, tokens), fw_code_dict.c
 * (dictionary loading and word interning) and fw_code.c (the coder); the syntactic
 * pass (fw_syn.h: fw_tag.c, fw_syn.c) takes its tokens. Not a public API: only the
 * coder's files include it. Thread: a built struct
 * fw_dict is read-only; tokenizing writes only into the caller's arrays. */
#ifndef FW_CODE_INT_H
#define FW_CODE_INT_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_code.h"

#define FW_CODE_MAXTOK 160     /* tokens per sentence; the rest of a longer one is ignored */
#define FW_CODE_MAXSENT 4096   /* bytes per sentence, same */
#define FW_WORD_MAX 64         /* bytes of a token kept for lookup */

enum { TOK_CAP = 1, TOK_NUM = 2, TOK_PUNCT = 4, TOK_ALLCAP = 8, TOK_VERBFORM = 16 /* a form of a dictionary verb */ };

struct fw_tok {
    uint32_t start, end;   /* byte offsets in the text given to fw_tok_sentence */
    int32_t id;            /* interned upper-case form, -1 if not in any dictionary */
    int32_t stem;          /* interned stem (plural/-ed/-ing stripped), -1 if none */
    uint8_t flags;
    char up[FW_WORD_MAX];  /* upper-case form, NUL-terminated, possibly cut */
};

/* Word interning: every dictionary word gets a dense id. */
struct fw_words {
    char **s;
    size_t n, cap;
    int32_t *tab;          /* open addressing over ids, -1 empty */
    size_t tabsz;
};
int32_t fw_words_find(const struct fw_words *w, const char *s, size_t n);
int32_t fw_words_add(struct fw_words *w, const char *s, size_t n);
void fw_words_fini(struct fw_words *w);
/* Stem used for loose matching: drops 'S, S, ES, ED, D, ING; writes at most cap bytes. */
size_t fw_word_stem(const char *s, size_t n, char *out, size_t cap);

/* Tokenizes s[0..len) (one sentence) into at most max tokens, ids looked up in w (may be NULL). */
size_t fw_tok_sentence(const char *s, size_t len, size_t base, const struct fw_words *w, struct fw_tok *tok,
                       size_t max);

/* Pattern element of a verb pattern or synset member. */
enum { PE_WORD, PE_SYN, PE_SRC, PE_TGT, PE_COMP, PE_SKIP, PE_VERB };
struct fw_pel {
    uint8_t type, adj;     /* adj: must directly follow the previous element ('_') */
    int32_t id, stem;      /* PE_WORD: word and stem ids; PE_SYN: synset index */
};

/* A phrase entry of the actor, agent and discard dictionaries. */
struct fw_entry {
    int32_t *w;            /* word ids */
    uint16_t n;
    int32_t val;           /* actor: first code index; agent: code index; discard: 1 = story */
};

struct fw_phrases {        /* entries indexed by first word */
    struct fw_entry *e;
    size_t n, cap;
    uint32_t *off;         /* off[id]..off[id+1]: entries starting with word id, longest first */
    size_t noff;
};

struct fw_acode {          /* one actor code with its validity (yyyymmdd, 0 = open) */
    char code[24];
    int32_t from, to;
    int32_t next;          /* next code of the same actor, -1 */
};

struct fw_verb {           /* a verb form, possibly multi-word: pre words, verb, post words */
    int32_t *w;
    uint16_t n, vpos;
    int32_t block;
    int32_t lemma;         /* word id of the verb as its block lists it (base form) */
    uint32_t ord;          /* load order: a later verb file's form of a verb comes first */
    uint16_t file;
    char code[8];          /* own code, "" for the block's, "-" for none ("HOLD ... [---]") */
};

struct fw_pattern {
    int32_t block;
    struct fw_pel *el;
    uint16_t n, vpos;      /* elements before vpos are the upper (pre-verb) part */
    uint16_t weight;       /* number of word and synset elements */
    uint32_t ord;          /* file order, breaks ties */
    int32_t owner;         /* lemma of the block's verb the pattern was written for, -1 any */
    char fwd[8], rev[8];   /* [fwd:rev] codes, "" if none */
};

struct fw_block {
    int32_t name;          /* word id of the block's name ("---  REFUSE   [---]  ---") */
    char code[8], rev[8];  /* default code of the block */
    size_t pat0, npat;     /* its patterns */
};

struct fw_syn {
    int32_t name;          /* word id of "&NAME" */
    size_t mem0, nmem;     /* member element lists in syn_el/syn_off */
};

/* A PETRARCH-2 transformation of a verb nested under another:
 * "~ a (b . ATTACK) SAY = a b 112": a says b attacked -> a accuses b. Roles: 'a' the outer
 * subject, 'b' another actor, '_' none (an infinitive), '.' anything. */
struct fw_transform {
    char osrc, isrc, itgt, rsrc, rtgt;
    uint8_t ifuture;       /* WILL_<class>: the nested verb is future */
    int32_t oclass, iclass;/* word ids of the class verbs; iclass -1 = any ("Q") */
    int32_t oblock, iblock;/* their verb blocks, resolved after loading */
    char rcode[8];         /* "" = the nested verb's code */
};

struct fw_dict {
    struct fw_words words;
    struct fw_transform *tr;
    size_t ntr, captr;
    struct fw_phrases actors, agents, discards;
    struct fw_acode *acodes;
    size_t nacodes, capacodes;
    char (*agcodes)[24];
    size_t nagcodes, capagcodes;
    struct fw_verb *verbs;
    size_t nverbs, capverbs;
    uint16_t nverbfiles;   /* verb files loaded so far */
    uint32_t *voff;        /* verb forms by verb word id */
    size_t nvoff;
    struct fw_pattern *pats;
    size_t npats, cappats;
    struct fw_block *blocks;
    size_t nblocks, capblocks;
    struct fw_syn *syns;
    size_t nsyns, capsyns;
    struct fw_pel *syn_el;
    size_t nsyn_el, capsyn_el;
    size_t *syn_mem;       /* member k: syn_el[syn_mem[2k]] .. count syn_mem[2k+1] */
    size_t nsyn_mem, capsyn_mem;
    int32_t *syn_by_word;  /* word id -> synset index, -1 */
    size_t nsyn_by_word;
    struct { char cameo[8]; char plover[16]; } *plover;
    size_t nplover, capplover;
};

enum fw_err fw_dict_load_dir(struct fw_dict *d, const char *dir, char *err, size_t errsz);
void fw_dict_fini(struct fw_dict *d);
const char *fw_dict_plover(const struct fw_dict *d, const char *cameo);
/* Block of the single-word verb with this word id (its base form), -1. */
int32_t fw_dict_verb_block(const struct fw_dict *d, int32_t id);
/* Index of the synset named by word id, -1. */
int32_t fw_dict_syn(const struct fw_dict *d, int32_t id);

/* Scoring pass (fw_code_score.c): the evidence about one event, as bits of a mask. */
enum fw_code_feature {
    FW_CF_PATTERN, FW_CF_SRC_KNOWN, FW_CF_TGT_KNOWN, FW_CF_SRC_NAMED, FW_CF_SRC_INHERITED, FW_CF_NO_SRC,
    FW_CF_NO_TGT, FW_CF_SUBORDINATE, FW_CF_NOT_ASSERTED, FW_CF_DENIED, FW_CF_BARE_PLACE, FW_CF_NO_PLOVER,
    FW_CF_QUESTION, FW_CF_HEADLINE, FW_CF_HABITUAL, FW_CF_OPINION, FW_CF_COUNTERFACTUAL, FW_CF_COMMENTARY,
    FW_CF_METAPHOR, FW_CF_OFF_DOMAIN, FW_CF_HISTORICAL, FW_CF_DEMANDED, FW_CF_NOUN_CONTENT, FW_CF_MODAL,
    FW_CF_APOLITICAL, FW_CF_SPECULATION, FW_CF_IMPERATIVE, FW_CF_N
};
#define FW_CF(f) (1u << (f))
/* Confidence in 0..1 from the features (bare_places: how many actors are bare place adjectives). */
double fw_code_score(uint32_t features, int bare_places);
const char *fw_code_feature_name(enum fw_code_feature f);

#endif
