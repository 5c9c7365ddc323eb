/* fw_tag: the Brill part-of-speech tagger of fw_syn (see fw_syn.h). Known words take
 * their lexicon tag, unknown ones a default (NNP if capitalized, CD if numeric, else NN)
 * refined by the morphological rules, then the contextual rules run over the sentence,
 * token by token, each rule in file order (Pattern's order, which the rules were
 * tested with). Loading owns all memory of the model; tagging writes only the
 * caller's array. Thread: any. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "feedwire/fw_buf.h"
#include "fw_syn.h"

static const char *const pos_names[FW_POS__COUNT] = {
    "", "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP", "NNPS", "PDT",
    "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ",
    "WDT", "WP", "WP$", "WRB", ",", ".", ":", "``", "''", "\"", "(", ")", "$", "#",
};

const char *fw_pos_name(enum fw_pos pos)
{
    return (unsigned)pos < FW_POS__COUNT ? pos_names[pos] : "";
}

enum fw_pos fw_pos_parse(const char *s, size_t n)
{
    if (n == 5 && memcmp(s, "-LRB-", 5) == 0) return FW_POS_LRB;
    if (n == 5 && memcmp(s, "-RRB-", 5) == 0) return FW_POS_RRB;
    if (n == 2 && memcmp(s, "NP", 2) == 0) return FW_POS_NNP;     /* Brill's older name */
    for (int i = 1; i < FW_POS__COUNT; i++)
        if (strlen(pos_names[i]) == n && memcmp(pos_names[i], s, n) == 0) return (enum fw_pos)i;
    return FW_POS_NONE;
}

/* ---- the model ---- */

#define STAART 255        /* tag of the padding around a sentence */
#define ANYTAG 254        /* '*' as a rule's from-tag */

enum ctx_cmd {
    C_PREVTAG, C_NEXTTAG, C_PREV2TAG, C_NEXT2TAG, C_PREV1OR2TAG, C_NEXT1OR2TAG, C_PREV1OR2OR3TAG,
    C_NEXT1OR2OR3TAG, C_SURROUNDTAG, C_CURWD, C_PREVWD, C_NEXTWD, C_PREV1OR2WD, C_NEXT1OR2WD,
    C_NEXT1OR2OR3WD, C_PREV1OR2OR3WD, C_PREVWDTAG, C_NEXTWDTAG, C_WDPREVTAG, C_WDNEXTTAG, C_WDAND2AFT,
    C_WDAND2TAGBFR, C_WDAND2TAGAFT, C_LBIGRAM, C_RBIGRAM, C_PREVBIGRAM, C_NEXTBIGRAM, C__COUNT
};
static const char *const ctx_names[C__COUNT] = {
    "PREVTAG", "NEXTTAG", "PREV2TAG", "NEXT2TAG", "PREV1OR2TAG", "NEXT1OR2TAG", "PREV1OR2OR3TAG",
    "NEXT1OR2OR3TAG", "SURROUNDTAG", "CURWD", "PREVWD", "NEXTWD", "PREV1OR2WD", "NEXT1OR2WD",
    "NEXT1OR2OR3WD", "PREV1OR2OR3WD", "PREVWDTAG", "NEXTWDTAG", "WDPREVTAG", "WDNEXTTAG", "WDAND2AFT",
    "WDAND2TAGBFR", "WDAND2TAGAFT", "LBIGRAM", "RBIGRAM", "PREVBIGRAM", "NEXTBIGRAM",
};

struct ctx_rule {
    uint8_t from, to, cmd;
    uint8_t xt, yt;       /* x and y read as tags (STAART as itself), FW_POS_NONE if not tags */
    const char *x, *y;    /* x and y as words (in the model's pool) */
};

enum morph_cmd { M_CHAR, M_HASPREF, M_HASSUF, M_ADDPREF, M_ADDSUF, M_DELETEPREF, M_DELETESUF, M_GOODLEFT,
                 M_GOODRIGHT, M__COUNT };
static const char *const morph_names[M__COUNT] = {"char", "haspref", "hassuf", "addpref", "addsuf",
                                                  "deletepref", "deletesuf", "goodleft", "goodright"};

struct morph_rule {
    uint8_t cond;         /* f-rules: applies only to a word currently tagged cond; else FW_POS_NONE */
    uint8_t cmd, to;
    const char *x;
    size_t xn;
};

struct fw_syn_model {
    char *pool;           /* the file's bytes, words cut in place */
    uint32_t *tab;        /* open addressing: index into words[], UINT32_MAX empty */
    size_t tabsz;
    const char **words;
    uint8_t *tags;
    size_t nwords;
    struct ctx_rule *ctx;
    size_t nctx;
    struct morph_rule *morph;
    size_t nmorph;
};

static uint32_t hash_word(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Tag of the word s[0..n) in the lexicon, FW_POS_NONE if absent. */
static int lex_find(const struct fw_syn_model *m, const char *s, size_t n)
{
    if (!m->tabsz || n == 0) return FW_POS_NONE;
    size_t mask = m->tabsz - 1;
    for (size_t i = hash_word(s, n) & mask;; i = (i + 1) & mask) {
        uint32_t k = m->tab[i];
        if (k == UINT32_MAX) return FW_POS_NONE;
        const char *w = m->words[k];
        if (strncmp(w, s, n) == 0 && w[n] == 0) return m->tags[k];
    }
}

static void lex_add(struct fw_syn_model *m, const char *w, uint8_t tag)
{
    size_t n = strlen(w), mask = m->tabsz - 1;
    size_t i = hash_word(w, n) & mask;
    for (; m->tab[i] != UINT32_MAX; i = (i + 1) & mask)
        if (strcmp(m->words[m->tab[i]], w) == 0) return;     /* first entry wins */
    m->words[m->nwords] = w;
    m->tags[m->nwords] = tag;
    m->tab[i] = (uint32_t)m->nwords++;
}

static size_t ascii_form(const unsigned char *s, size_t len, char *out);

enum fw_pos fw_tag_lexicon(const struct fw_syn_model *m, const char *w, size_t n)
{
    if (!memchr(w, 0xe2, n)) return (enum fw_pos)lex_find(m, w, n);
    char f[FW_WORD_MAX];                           /* "I’m" is the lexicon's "I'm" */
    size_t fn = ascii_form((const unsigned char *)w, n, f);
    return (enum fw_pos)lex_find(m, f, fn);
}

void fw_syn_model_free(struct fw_syn_model *m)
{
    if (!m) return;
    free(m->pool);
    free(m->tab);
    free(m->words);
    free(m->tags);
    free(m->ctx);
    free(m->morph);
    free(m);
}

/* Splits line (NUL-terminated, modified) at blanks into at most max fields. */
static int fields(char *line, char **f, int max)
{
    int k = 0;
    char *p = line;
    while (*p && k < max) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        f[k++] = p;
        while (*p && *p != ' ' && *p != '\t') p++;
        if (*p) *p++ = 0;
    }
    return k;
}

/* A rule's tag field: Penn tag or STAART; FW_POS_NONE otherwise. */
static uint8_t rule_tag(const char *s)
{
    if (strcmp(s, "STAART") == 0) return STAART;
    return (uint8_t)fw_pos_parse(s, strlen(s));
}

static int parse_ctx(struct fw_syn_model *m, char **f, int k)
{
    if (k < 4) return 0;
    int cmd = -1;
    for (int c = 0; c < C__COUNT; c++)
        if (strcmp(f[2], ctx_names[c]) == 0) cmd = c;
    uint8_t from = strcmp(f[0], "*") == 0 ? ANYTAG : rule_tag(f[0]), to = rule_tag(f[1]);
    if (cmd < 0 || from == FW_POS_NONE || to == FW_POS_NONE || to == STAART) return 0;
    struct ctx_rule *r = &m->ctx[m->nctx++];
    r->from = from;
    r->to = to;
    r->cmd = (uint8_t)cmd;
    r->x = f[3];
    r->y = k > 4 ? f[4] : "";
    r->xt = rule_tag(r->x);
    r->yt = rule_tag(r->y);
    return 1;
}

static int parse_morph(struct fw_syn_model *m, char **f, int k)
{
    /* "ly hassuf 2 RB x" or, conditioned on the current tag, "NN s fhassuf 1 NNS x" */
    if (k < 4) return 0;
    struct morph_rule r = {0};
    const char *cmd = f[1];
    int ti = 3;
    if (f[2][0] == 'f' && k >= 5) {
        r.cond = rule_tag(f[0]);
        r.x = f[1];
        cmd = f[2] + 1;
        ti = 4;
        if (r.cond == FW_POS_NONE || r.cond == STAART) return 0;
    } else {
        r.x = f[0];
    }
    int c = -1;
    for (int i = 0; i < M__COUNT; i++)
        if (strcmp(cmd, morph_names[i]) == 0) c = i;
    if (c < 0) return 0;
    /* goodleft/goodright name a word and have no length field */
    if (c == M_GOODLEFT || c == M_GOODRIGHT) ti--;
    r.cmd = (uint8_t)c;
    r.to = rule_tag(f[ti]);
    r.xn = strlen(r.x);
    if (r.to == FW_POS_NONE || r.to == STAART) return 0;
    m->morph[m->nmorph++] = r;
    return 1;
}

struct fw_syn_model *fw_syn_model_load(const char *path, char *err, size_t errsz)
{
    struct fw_syn_model *m = fw_xcalloc(1, sizeof *m);
    struct fw_buf b;
    fw_buf_init(&b, 64u << 20);
    if (fw_buf_read_file(&b, path, err, errsz) != FW_OK) goto fail;
    if (!b.p || b.len < 18 || memcmp(b.p, "%%feedwire-postag ", 18) != 0) {
        fw_fail(err, errsz, FW_E_PARSE, "%s: not part-of-speech data (scripts/postag.sh writes it)", path);
        goto fail;
    }
    size_t len = b.len, nlines = 0;
    m->pool = fw_buf_steal(&b);            /* the bytes are the model's now */

    for (size_t i = 0; i < len; i++) nlines += m->pool[i] == '\n';
    m->tabsz = 1;
    while (m->tabsz < 2 * nlines + 2) m->tabsz <<= 1;
    m->tab = fw_xmalloc(m->tabsz * sizeof *m->tab);
    memset(m->tab, 0xff, m->tabsz * sizeof *m->tab);
    m->words = fw_xmalloc((nlines + 1) * sizeof *m->words);
    m->tags = fw_xmalloc(nlines + 1);
    m->ctx = fw_xmalloc((nlines + 1) * sizeof *m->ctx);
    m->morph = fw_xmalloc((nlines + 1) * sizeof *m->morph);
    enum { S_NONE, S_LEX, S_CTX, S_MORPH } sec = S_NONE;
    char *p = m->pool, *end = m->pool + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *line = p;
        if (nl) *nl = 0;
        p = nl ? nl + 1 : end;
        if (line[0] == '%' && line[1] == '%') {
            if (strcmp(line, "%%lexicon") == 0) sec = S_LEX;
            else if (strcmp(line, "%%context") == 0) sec = S_CTX;
            else if (strcmp(line, "%%morphology") == 0) sec = S_MORPH;
            continue;
        }
        char *f[6];
        int k = fields(line, f, 6);
        if (k < 2) continue;
        if (sec == S_LEX) {
            /* "word TAG"; ambiguous entries ("NN|JJ") take the first tag */
            size_t tn = strcspn(f[1], "|");
            enum fw_pos t = fw_pos_parse(f[1], tn);
            if (t != FW_POS_NONE) lex_add(m, f[0], (uint8_t)t);
        } else if (sec == S_CTX) {
            parse_ctx(m, f, k);
        } else if (sec == S_MORPH) {
            parse_morph(m, f, k);
        }
    }
    if (m->nwords < 1000 || m->nctx < 10 || m->nmorph < 10) {
        fw_fail(err, errsz, FW_E_PARSE, "%s: incomplete part-of-speech data (%zu words, %zu rules)", path,
                m->nwords, m->nctx + m->nmorph);
        goto fail;
    }
    fw_buf_fini(&b);
    return m;
fail:
    fw_buf_fini(&b);
    fw_syn_model_free(m);
    return NULL;
}

struct fw_syn_model *fw_syn_model_open(const char *dict_dir, char *path_out, size_t pathsz, char *err,
                                       size_t errsz)
{
    char path[PATH_MAX + 32], exe[PATH_MAX];
    path[0] = 0;
    if (dict_dir && *dict_dir) {
        snprintf(path, sizeof path, "%s/%s", dict_dir, FW_SYN_FILE);
        if (access(path, R_OK) != 0) path[0] = 0;
    }
    if (!path[0]) {
        /* a build tree: scripts/postag.sh writes the file beside the binaries */
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n > 0) {
            exe[n] = 0;
            char *slash = strrchr(exe, '/');
            if (slash) *slash = 0;
            snprintf(path, sizeof path, "%s/%s", exe, FW_SYN_FILE);
            if (access(path, R_OK) != 0) path[0] = 0;
        }
    }
    if (!path[0]) {
        fw_fail(err, errsz, FW_E_NOTFOUND, "no %s in %s nor beside the binary (scripts/postag.sh)", FW_SYN_FILE,
                dict_dir && *dict_dir ? dict_dir : "(no dictionary folder)");
        return NULL;
    }
    if (path_out && pathsz) snprintf(path_out, pathsz, "%s", path);
    return fw_syn_model_load(path, err, errsz);
}

/* ---- tagging ---- */

#define WMAX FW_WORD_MAX

struct tw {               /* a token as the rules see it */
    char w[WMAX];
    size_t n;
    uint8_t tag;
    uint8_t known;        /* the lexicon has the word (as written or, first in a sentence, lower-cased) */
    uint8_t lex;          /* its lexicon tag, FW_POS_NONE if unknown */
};

/* A word as written, with curly apostrophes and quotes as ASCII and dashes as "--" (the
 * lexicon's "'s", "n't", "I'm"). */
static size_t ascii_form(const unsigned char *s, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < WMAX - 2; i++) {
        if (s[i] == 0xe2 && i + 2 < len && s[i + 1] == 0x80) {
            unsigned char c = s[i + 2];
            if (c == 0x98 || c == 0x99) { out[n++] = '\''; i += 2; continue; }
            if (c == 0x9c || c == 0x9d) { out[n++] = '"'; i += 2; continue; }
            if (c == 0x93 || c == 0x94) { out[n++] = '-'; out[n++] = '-'; i += 2; continue; }
        }
        out[n++] = (char)s[i];
    }
    out[n] = 0;
    return n;
}

static size_t tok_form(const char *text, const struct fw_tok *t, char *out)
{
    return ascii_form((const unsigned char *)text + t->start, t->end - t->start, out);
}

static int is_numeric(const char *w, size_t n)
{
    int digit = 0;
    for (size_t i = 0; i < n; i++) {
        if (isdigit((unsigned char)w[i])) digit = 1;
        else if (!strchr("-,.:/%$", w[i])) return 0;
    }
    return digit;
}

static int has_suffix(const char *w, size_t n, const char *x, size_t xn)
{
    return n >= xn && memcmp(w + n - xn, x, xn) == 0;
}

/* Brill's lexical rules for a word the lexicon does not know. */
static uint8_t morph_apply(const struct fw_syn_model *m, const struct tw *t, const struct tw *prev,
                           const struct tw *next, uint8_t tag)
{
    char buf[2 * WMAX];
    for (size_t r = 0; r < m->nmorph; r++) {
        const struct morph_rule *mr = &m->morph[r];
        if (mr->cond != FW_POS_NONE && mr->cond != tag) continue;
        const char *x = mr->x;
        size_t xn = mr->xn, n = t->n;
        int hit = 0;
        switch (mr->cmd) {
        case M_CHAR: hit = memmem(t->w, n, x, xn) != NULL; break;
        case M_HASPREF: hit = n >= xn && memcmp(t->w, x, xn) == 0; break;
        case M_HASSUF: hit = has_suffix(t->w, n, x, xn); break;
        case M_ADDPREF:
            if (xn + n < sizeof buf) {
                memcpy(buf, x, xn);
                memcpy(buf + xn, t->w, n);
                hit = lex_find(m, buf, xn + n) != FW_POS_NONE;
            }
            break;
        case M_ADDSUF:
            if (xn + n < sizeof buf) {
                memcpy(buf, t->w, n);
                memcpy(buf + n, x, xn);
                hit = lex_find(m, buf, xn + n) != FW_POS_NONE;
            }
            break;
        case M_DELETEPREF:
            hit = n > xn && memcmp(t->w, x, xn) == 0 && lex_find(m, t->w + xn, n - xn) != FW_POS_NONE;
            break;
        case M_DELETESUF:
            hit = n > xn && has_suffix(t->w, n, x, xn) && lex_find(m, t->w, n - xn) != FW_POS_NONE;
            break;
        case M_GOODLEFT: hit = next && strcmp(next->w, x) == 0; break;
        case M_GOODRIGHT: hit = prev && strcmp(prev->w, x) == 0; break;
        default: break;
        }
        if (hit) tag = mr->to;
    }
    return tag;
}

static int wd(const struct tw *t, const char *x) { return strcmp(t->w, x) == 0; }

static int in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcasecmp(w, *list) == 0) return 1;
    return 0;
}

/* Brill's tagger lets a contextual rule move a known word only to a tag the lexicon lists
 * for it; Pattern's lexicon keeps one tag a word, so without this check "about" becomes
 * WDT and "almost" NNP. Here: closed classes only take their members, a proper noun
 * needs a capital, inflected tags the inflection, and the finite forms of "be" and the
 * negators never move. */
static int may_take(const struct fw_syn_model *m, const struct tw *t, uint8_t to)
{
    static const char *const wdt[] = {"that", "which", "whatever", "whichever", "what", NULL};
    static const char *const wp[] = {"who", "whom", "what", "whoever", "whomever", NULL};
    static const char *const dt[] = {"the", "a", "an", "that", "this", "these", "those", "all", "some", "any", "each",
                                     "every", "no", "another", "both", "either", "neither", "half", "such", NULL};
    static const char *const prp[] = {"it", "he", "she", "they", "we", "i", "you", "him", "her", "them", "us", "me",
                                      "itself", "himself", "herself", "themselves", NULL};
    static const char *const fixed[] = {"was", "were", "is", "are", "am", "be", "been", "being", "not", "n't",
                                        "never", "has", "had", "the", "a", "an", NULL};
    static const char *const inverb[] = {"like", "near", NULL};
    if (in_list(t->w, fixed)) return 0;
    /* inflections show: an -ing form ends in -ing, a third person form in -s */
    if (to == FW_POS_VBG && !(t->n > 3 && strcasecmp(t->w + t->n - 3, "ing") == 0)) return 0;
    if (to == FW_POS_VBZ && !(t->n > 1 && (t->w[t->n - 1] == 's' || t->w[t->n - 1] == 'S'))) return 0;
    /* a plural of a numeral counts, it does not act ("In La Paz, thousands of ...") */
    if (to == FW_POS_VBZ && t->lex == FW_POS_NNS && lex_find(m, t->w, t->n - 1) == FW_POS_CD) return 0;
    /* a plural from a context rule must look like one ("Israel" stays a singular name) */
    if ((to == FW_POS_NNS || to == FW_POS_NNPS) && !(t->n > 1 && (t->w[t->n - 1] == 's' || t->w[t->n - 1] == 'S')))
        return 0;
    /* a preposition or function word does not turn into a verb or noun ("about to", "on") */
    if ((t->lex == FW_POS_IN || t->lex == FW_POS_CC || t->lex == FW_POS_TO || t->lex == FW_POS_DT ||
         t->lex == FW_POS_WDT || t->lex == FW_POS_PRP || t->lex == FW_POS_MD) &&
        ((to >= FW_POS_VB && to <= FW_POS_VBZ) || (to >= FW_POS_NN && to <= FW_POS_NNPS)) && !in_list(t->w, inverb))
        return 0;
    /* "which" and "who" never become prepositions (the rules mean "that he ...") */
    if ((t->lex == FW_POS_WDT || t->lex == FW_POS_WP) && to == FW_POS_IN && strcasecmp(t->w, "that") != 0) return 0;
    if (!t->known) return to != FW_POS_WDT && to != FW_POS_WP && to != FW_POS_DT && to != FW_POS_PRP;
    switch (to) {
    case FW_POS_NNP: case FW_POS_NNPS: return isupper((unsigned char)t->w[0]);
    case FW_POS_WDT: return in_list(t->w, wdt);
    case FW_POS_WP: return in_list(t->w, wp);
    case FW_POS_DT: return in_list(t->w, dt);
    case FW_POS_PRP: return in_list(t->w, prp);
    default: return 1;
    }
}

/* Contextual rules, Pattern's way: token by token, every rule in order on each. */
static void ctx_apply(const struct fw_syn_model *m, struct tw *t, size_t n)
{
    /* t[-3..-1] and t[n..n+2] are STAART padding */
    for (size_t i = 0; i < n; i++) {
        struct tw *c = &t[i];
        for (size_t r = 0; r < m->nctx; r++) {
            const struct ctx_rule *cr = &m->ctx[r];
            if (cr->from != c->tag && cr->from != ANYTAG) continue;
            const struct tw *p1 = c - 1, *p2 = c - 2, *p3 = c - 3, *n1 = c + 1, *n2 = c + 2, *n3 = c + 3;
            uint8_t x = cr->xt, y = cr->yt;
            int hit = 0;
            switch (cr->cmd) {
            case C_PREVTAG: hit = p1->tag == x; break;
            case C_NEXTTAG: hit = n1->tag == x; break;
            case C_PREV2TAG: hit = p2->tag == x; break;
            case C_NEXT2TAG: hit = n2->tag == x; break;
            case C_PREV1OR2TAG: hit = p1->tag == x || p2->tag == x; break;
            case C_NEXT1OR2TAG: hit = n1->tag == x || n2->tag == x; break;
            case C_PREV1OR2OR3TAG: hit = p1->tag == x || p2->tag == x || p3->tag == x; break;
            case C_NEXT1OR2OR3TAG: hit = n1->tag == x || n2->tag == x || n3->tag == x; break;
            case C_SURROUNDTAG: hit = p1->tag == x && n1->tag == y; break;
            case C_CURWD: hit = wd(c, cr->x); break;
            case C_PREVWD: hit = wd(p1, cr->x); break;
            case C_NEXTWD: hit = wd(n1, cr->x); break;
            case C_PREV1OR2WD: hit = wd(p1, cr->x) || wd(p2, cr->x); break;
            case C_NEXT1OR2WD: hit = wd(n1, cr->x) || wd(n2, cr->x); break;
            /* Pattern implements neither of these two: kept inert, as the rules were tested */
            case C_NEXT1OR2OR3WD: case C_PREV1OR2OR3WD: break;
            case C_PREVWDTAG: hit = wd(p1, cr->x) && p1->tag == y; break;
            case C_NEXTWDTAG: hit = wd(n1, cr->x) && n1->tag == y; break;
            case C_WDPREVTAG: hit = p1->tag == x && wd(c, cr->y); break;
            case C_WDNEXTTAG: hit = wd(c, cr->x) && n1->tag == y; break;
            case C_WDAND2AFT: hit = wd(c, cr->x) && wd(n2, cr->y); break;
            case C_WDAND2TAGBFR: hit = p2->tag == x && wd(c, cr->y); break;
            case C_WDAND2TAGAFT: hit = wd(c, cr->x) && n2->tag == y; break;
            case C_LBIGRAM: hit = wd(p1, cr->x) && wd(c, cr->y); break;
            case C_RBIGRAM: hit = wd(c, cr->x) && wd(n1, cr->y); break;
            case C_PREVBIGRAM: hit = p2->tag == x && p1->tag == y; break;
            case C_NEXTBIGRAM: hit = n1->tag == x && n2->tag == y; break;
            default: break;
            }
            if (hit && may_take(m, c, cr->to)) c->tag = cr->to;
        }
    }
}

static int all_caps(const char *w, size_t n)
{
    int alpha = 0;
    for (size_t i = 0; i < n; i++) {
        if (islower((unsigned char)w[i])) return 0;
        if (isalpha((unsigned char)w[i])) alpha++;
    }
    return alpha >= 2;
}

static int closed_class(uint8_t t)
{
    return t == FW_POS_PRP || t == FW_POS_IN || t == FW_POS_DT || t == FW_POS_CC || t == FW_POS_TO ||
           t == FW_POS_MD || t == FW_POS_PRPS || t == FW_POS_WDT || t == FW_POS_WP || t == FW_POS_RB;
}

void fw_tag(const struct fw_syn_model *m, const char *text, const struct fw_tok *tok, size_t n, uint8_t *pos)
{
    if (n > FW_SYN_MAXTOK) n = FW_SYN_MAXTOK;
    struct tw buf[FW_SYN_MAXTOK + 6];
    struct tw *t = buf + 3;
    for (int k = 0; k < 3; k++) {
        buf[k].w[0] = 0, buf[k].n = 0, buf[k].tag = STAART, buf[k].known = 0, buf[k].lex = 0;
        t[n + (size_t)k].w[0] = 0, t[n + (size_t)k].n = 0, t[n + (size_t)k].tag = STAART, t[n + (size_t)k].known = 0,
        t[n + (size_t)k].lex = 0;
    }
    /* a headline or a shouted sentence: all capitals say nothing about names */
    size_t ncap = 0, nalpha = 0;
    for (size_t i = 0; i < n; i++) {
        t[i].n = tok_form(text, &tok[i], t[i].w);
        t[i].tag = FW_POS_NONE;
        if (isalpha((unsigned char)t[i].w[0])) {
            nalpha++;
            ncap += all_caps(t[i].w, t[i].n) || (t[i].n == 1 && isupper((unsigned char)t[i].w[0]));
        }
    }
    int shouting = nalpha >= 3 && ncap * 10 >= nalpha * 8;
    char low[WMAX];
    for (size_t i = 0; i < n; i++) {
        struct tw *c = &t[i];
        int tag = lex_find(m, c->w, c->n);
        int sent_start = i == 0 || t[i - 1].tag == FW_POS_LQUOTE || t[i - 1].tag == FW_POS_QUOTE ||
                         t[i - 1].tag == FW_POS_COLON || t[i - 1].tag == FW_POS_LRB;
        if (isupper((unsigned char)c->w[0]) && (sent_start || shouting)) {
            /* first word of a sentence ("The", "Police"), or any word of a headline */
            for (size_t k = 0; k <= c->n; k++) low[k] = (char)tolower((unsigned char)c->w[k]);
            int lt = lex_find(m, low, c->n);
            if (lt != FW_POS_NONE && (shouting || tag == FW_POS_NONE)) tag = lt;
        }
        /* an acronym that spells a function word ("US", "IT") is a name */
        if (tag != FW_POS_NONE && !shouting && closed_class((uint8_t)tag) && all_caps(c->w, c->n) && c->n >= 2)
            tag = FW_POS_NNP;
        c->tag = (uint8_t)tag;
        c->known = tag != FW_POS_NONE;
        c->lex = (uint8_t)tag;
    }
    for (size_t i = 0; i < n; i++) {
        struct tw *c = &t[i];
        if (c->tag != FW_POS_NONE) continue;
        if (isupper((unsigned char)c->w[0]) && !shouting) c->tag = FW_POS_NNP;
        else if (is_numeric(c->w, c->n)) c->tag = FW_POS_CD;
        else c->tag = morph_apply(m, c, i ? &t[i - 1] : NULL, i + 1 < n ? &t[i + 1] : NULL, FW_POS_NN);
    }
    ctx_apply(m, t, n);
    for (size_t i = 0; i < n; i++) pos[i] = t[i].tag;
}
