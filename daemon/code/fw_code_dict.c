/* fw_code_dict: loads the PETRARCH-2 dictionary formats (actors with
 * date-restricted codes, agents with substitution sets and plurals, discards,
 * verb blocks with patterns and synsets) and the CAMEO->PLOVER table into one
 * struct fw_dict of interned words. Files may be gzip-compressed (zlib reads
 * both). Thread: loading is single-threaded; the result is read-only. */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "feedwire/fw_buf.h"
#include "fw_code_int.h"

#define DICT_FILE_MAX (64u << 20)

#define GROW(arr, n, cap)                                                      \
    do {                                                                       \
        if ((n) == (cap)) {                                                    \
            (cap) = (cap) ? (cap) * 2 : 64;                                    \
            (arr) = fw_xrealloc((arr), (cap) * sizeof *(arr));                 \
        }                                                                      \
    } while (0)

static enum fw_err read_gz(const char *path, struct fw_buf *b, char *err, size_t errsz)
{
    gzFile f = gzopen(path, "rb");
    if (!f) return fw_fail(err, errsz, FW_E_IO, "%s: cannot open", path);
    char chunk[65536];
    int n;
    enum fw_err rc = FW_OK;
    while ((n = gzread(f, chunk, sizeof chunk)) > 0)
        if ((rc = fw_buf_add(b, chunk, (size_t)n)) != FW_OK) {
            rc = fw_fail(err, errsz, FW_E_TOOBIG, "%s: larger than %u bytes", path, DICT_FILE_MAX);
            break;
        }
    if (n < 0 && rc == FW_OK) rc = fw_fail(err, errsz, FW_E_IO, "%s: read error", path);
    gzclose(f);
    if (rc == FW_OK && !b->p) rc = fw_buf_addc(b, 0), b->len = 0;
    return rc;
}

/* Splits a dictionary phrase ("UNITED_STATES_OF_AMERICA_", "U.S.") into interned words. */
static size_t phrase_words(struct fw_dict *d, const char *s, size_t n, int32_t *ids, size_t max)
{
    char tmp[512];
    if (n >= sizeof tmp) n = sizeof tmp - 1;
    for (size_t i = 0; i < n; i++) tmp[i] = s[i] == '_' ? ' ' : s[i];
    tmp[n] = 0;
    struct fw_tok tok[32];
    size_t nt = fw_tok_sentence(tmp, n, 0, NULL, tok, max < 32 ? max : 32);
    for (size_t i = 0; i < nt; i++) ids[i] = fw_words_add(&d->words, tok[i].up, strlen(tok[i].up));
    return nt;
}

static void add_entry(struct fw_phrases *ph, const int32_t *w, size_t n, int32_t val)
{
    if (!n) return;
    GROW(ph->e, ph->n, ph->cap);
    struct fw_entry *e = &ph->e[ph->n++];
    e->w = fw_xmalloc(n * sizeof *w);
    memcpy(e->w, w, n * sizeof *w);
    e->n = (uint16_t)n;
    e->val = val;
}

/* Adds s as an entry; loose (no trailing '_') names also match common inflections of the last word. */
static void add_name(struct fw_dict *d, struct fw_phrases *ph, const char *s, size_t n, int32_t val, int plurals)
{
    while (n && isspace((unsigned char)s[n - 1])) n--;
    int exact = n && s[n - 1] == '_';
    int32_t w[32];
    size_t nw = phrase_words(d, s, n, w, 32);
    if (!nw) return;
    add_entry(ph, w, nw, val);
    if (!plurals) return;
    if (exact) {
        /* "ALBANIAN_" still names "Albanians" */
        const char *lw = d->words.s[w[nw - 1]];
        size_t ln = strlen(lw);
        if (plurals == 1 && ln >= 4 && isalpha((unsigned char)lw[ln - 1]) && lw[ln - 1] != 'S') {
            char tmp[FW_WORD_MAX + 2];
            snprintf(tmp, sizeof tmp, "%sS", lw);
            w[nw - 1] = fw_words_add(&d->words, tmp, strlen(tmp));
            add_entry(ph, w, nw, val);
        }
        return;
    }
    static const char *const sufs[] = {"S", "ES", "N", "AN", "ANS", "IAN", "IANS", "I", "IS", "A", "ESE", "ISH", NULL};
    const char *last = d->words.s[w[nw - 1]];
    size_t ll = strlen(last);
    if (ll < 3 || !isalpha((unsigned char)last[ll - 1])) return;
    for (int i = 0; sufs[i]; i++) {
        if (plurals == 2 && i > 1) break;          /* agents: plurals only */
        char tmp[FW_WORD_MAX + 8];
        if (ll + strlen(sufs[i]) >= sizeof tmp) continue;
        if (plurals == 2 && last[ll - 1] == 'Y' && !strchr("AEIOU", last[ll - 2])) {
            if (i == 1) continue;
            snprintf(tmp, sizeof tmp, "%.*sIES", (int)(ll - 1), last);
        } else {
            snprintf(tmp, sizeof tmp, "%s%s", last, sufs[i]);
        }
        int32_t save = w[nw - 1];
        w[nw - 1] = fw_words_add(&d->words, tmp, strlen(tmp));
        add_entry(ph, w, nw, val);
        w[nw - 1] = save;
    }
}

static int32_t parse_date(const char *s, size_t n)
{
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (n == 6) return (int32_t)((v / 10000 <= 30 ? 20000000 : 19000000) + v);
    if (n == 8) return (int32_t)v;
    return -1;
}

/* "[CODE]" "[CODE >YYMMDD]" "[CODE <YYMMDD]" "[CODE YYMMDD-YYMMDD]": appends the code, returns its index. */
static int32_t add_acode(struct fw_dict *d, const char *s, size_t n, int32_t prev)
{
    while (n && isspace((unsigned char)*s)) s++, n--;
    size_t cl = 0;
    while (cl < n && !isspace((unsigned char)s[cl])) cl++;
    if (!cl || cl >= sizeof d->acodes->code) return prev;
    GROW(d->acodes, d->nacodes, d->capacodes);
    struct fw_acode *a = &d->acodes[d->nacodes];
    memset(a, 0, sizeof *a);
    for (size_t i = 0; i < cl; i++) a->code[i] = (char)toupper((unsigned char)s[i]);
    a->next = -1;
    /* the date part without blanks: "< 950601", "19950601 - 19990815" */
    char r[40];
    size_t rn = 0;
    for (size_t i = cl; i < n && rn + 1 < sizeof r; i++)
        if (!isspace((unsigned char)s[i])) r[rn++] = s[i];
    r[rn] = 0;
    if (rn) {
        const char *dash = memchr(r, '-', rn);
        if (r[0] == '>') a->from = parse_date(r + 1, rn - 1);
        else if (r[0] == '<') a->to = parse_date(r + 1, rn - 1);
        else if (dash) {
            a->from = parse_date(r, (size_t)(dash - r));
            a->to = parse_date(dash + 1, rn - (size_t)(dash - r) - 1);
        }
        if (a->from < 0 || a->to < 0) a->from = a->to = 0;   /* malformed: treat as undated */
    }
    int32_t idx = (int32_t)d->nacodes++;
    if (prev >= 0) {
        int32_t p = prev;
        while (d->acodes[p].next >= 0) p = d->acodes[p].next;
        d->acodes[p].next = idx;
        return prev;
    }
    return idx;
}

/* Cuts a '#' comment that is outside brackets. */
static size_t strip_comment(const char *s, size_t n)
{
    int br = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '[') br = 1;
        else if (s[i] == ']') br = 0;
        else if (s[i] == '#' && !br) return i;
    }
    return n;
}

struct line {
    const char *p;
    size_t n;
};

static int next_line(const struct fw_buf *b, size_t *pos, struct line *l)
{
    if (*pos >= b->len) return 0;
    const char *s = b->p + *pos;
    const char *e = memchr(s, '\n', b->len - *pos);
    size_t n = e ? (size_t)(e - s) : b->len - *pos;
    *pos += n + 1;
    if (n && s[n - 1] == '\r') n--;
    l->p = s;
    l->n = n;
    return 1;
}

static int is_xml_comment(const struct line *l)
{
    size_t i = 0;
    while (i < l->n && isspace((unsigned char)l->p[i])) i++;
    return (l->n - i >= 4 && memcmp(l->p + i, "<!--", 4) == 0) || (l->n >= 3 && memmem(l->p, l->n, "-->", 3));
}

/* The next non-blank line of a dictionary without its comment, trimmed on the left. */
static int next_entry(const struct fw_buf *b, size_t *pos, const char **s, size_t *sn)
{
    struct line l;
    while (next_line(b, pos, &l)) {
        if (is_xml_comment(&l)) continue;
        size_t n = strip_comment(l.p, l.n), i = 0;
        while (i < n && isspace((unsigned char)l.p[i])) i++;
        if (i == n) continue;
        *s = l.p + i;
        *sn = n - i;
        return 1;
    }
    return 0;
}

static void load_actors(struct fw_dict *d, const struct fw_buf *b)
{
    size_t pos = 0, pend0 = d->actors.n;
    int32_t codes = -1;
#define FLUSH()                                                                \
    do {                                                                       \
        for (size_t k_ = pend0; k_ < d->actors.n; k_++) d->actors.e[k_].val = codes; \
        pend0 = d->actors.n;                                                   \
        codes = -1;                                                            \
    } while (0)
    const char *s;
    size_t sn;
    while (next_entry(b, &pos, &s, &sn)) {
        const char *br = memchr(s, '[', sn);
        size_t namen = br ? (size_t)(br - s) : sn;
        if (s[0] != '[' && s[0] != '+') FLUSH();
        if (s[0] == '+') add_name(d, &d->actors, s + 1, namen - 1, -1, 1);
        else if (s[0] != '[') add_name(d, &d->actors, s, namen, -1, 1);
        while (br) {
            const char *e = memchr(br, ']', (size_t)(s + sn - br));
            if (!e) break;
            codes = add_acode(d, br + 1, (size_t)(e - br - 1), codes);
            br = memchr(e, '[', (size_t)(s + sn - e));
        }
    }
    FLUSH();
#undef FLUSH
}

static int32_t add_agcode(struct fw_dict *d, const char *s, size_t n)
{
    GROW(d->agcodes, d->nagcodes, d->capagcodes);
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof d->agcodes[0]; i++)
        if (!isspace((unsigned char)s[i])) d->agcodes[d->nagcodes][k++] = (char)toupper((unsigned char)s[i]);
    d->agcodes[d->nagcodes][k] = 0;
    return (int32_t)d->nagcodes++;
}

struct subst {
    char name[32];
    char alt[8][32];
    int n;
};

static void agent_line(struct fw_dict *d, const char *s, size_t n, const struct subst *subs, int nsubs)
{
    /* expand the first !SET! and recurse */
    const char *x = memchr(s, '!', n);
    if (x) {
        const char *y = memchr(x + 1, '!', (size_t)(s + n - x - 1));
        if (!y) return;
        for (int k = 0; k < nsubs; k++) {
            if (strlen(subs[k].name) != (size_t)(y - x + 1) || memcmp(subs[k].name, x, (size_t)(y - x + 1))) continue;
            for (int a = 0; a < subs[k].n; a++) {
                char tmp[512];
                int m = snprintf(tmp, sizeof tmp, "%.*s%s%.*s", (int)(x - s), s, subs[k].alt[a], (int)(s + n - y - 1), y + 1);
                if (m > 0 && (size_t)m < sizeof tmp) agent_line(d, tmp, (size_t)m, subs, nsubs);
            }
        }
        return;
    }
    const char *br = memchr(s, '[', n);
    if (!br) return;
    const char *be = memchr(br, ']', (size_t)(s + n - br));
    if (!be) return;
    int32_t code = add_agcode(d, br + 1, (size_t)(be - br - 1));
    const char *cb = memchr(s, '{', (size_t)(br - s));
    size_t namen = (size_t)((cb ? cb : br) - s);
    add_name(d, &d->agents, s, namen, code, cb ? 0 : 2);
    if (cb) {
        const char *ce = memchr(cb, '}', (size_t)(br - cb));
        const char *p = cb + 1;
        while (ce && p < ce) {
            while (p < ce && isspace((unsigned char)*p)) p++;
            const char *q = p;
            while (q < ce && !isspace((unsigned char)*q)) q++;
            if (q > p) add_name(d, &d->agents, p, (size_t)(q - p), code, 0);
            p = q;
        }
    }
}

static void load_agents(struct fw_dict *d, const struct fw_buf *b)
{
    struct subst subs[16];
    int nsubs = 0;
    size_t pos = 0;
    const char *s;
    size_t sn;
    while (next_entry(b, &pos, &s, &sn)) {
        const char *eq = memchr(s, '=', sn);
        if (s[0] == '!' && eq && nsubs < 16) {
            struct subst *su = &subs[nsubs];
            memset(su, 0, sizeof *su);
            size_t nl = (size_t)(eq - s);
            while (nl && isspace((unsigned char)s[nl - 1])) nl--;
            if (nl >= sizeof su->name) continue;
            memcpy(su->name, s, nl);
            const char *p = eq + 1, *e = s + sn;
            while (p < e && su->n < 8) {
                while (p < e && (isspace((unsigned char)*p) || *p == ',')) p++;
                const char *q = p;
                while (q < e && *q != ',' && !isspace((unsigned char)*q)) q++;
                if (q > p && (size_t)(q - p) < sizeof su->alt[0]) memcpy(su->alt[su->n++], p, (size_t)(q - p));
                p = q;
            }
            nsubs++;
            continue;
        }
        agent_line(d, s, sn, subs, nsubs);
    }
}

static void load_discards(struct fw_dict *d, const struct fw_buf *b)
{
    size_t pos = 0;
    const char *s;
    size_t sn;
    while (next_entry(b, &pos, &s, &sn)) {
        int story = s[0] == '+';
        add_name(d, &d->discards, s + story, sn - story, story, 0);
    }
}

/* "[042:043]" -> fwd, rev. "---" and "+++" mean no code. */
static void parse_code(const char *s, size_t n, char *fwd, char *rev)
{
    fwd[0] = rev[0] = 0;
    const char *colon = memchr(s, ':', n);
    size_t a = colon ? (size_t)(colon - s) : n;
    char tmp[16];
    for (int side = 0; side < 2; side++) {
        const char *p = side ? (colon ? colon + 1 : NULL) : s;
        size_t m = side ? (colon ? n - a - 1 : 0) : a;
        if (!p) break;
        while (m && isspace((unsigned char)*p)) p++, m--;
        while (m && isspace((unsigned char)p[m - 1])) m--;
        if (m == 0 || m >= 8) continue;
        memcpy(tmp, p, m);
        tmp[m] = 0;
        if (strcmp(tmp, "---") == 0 || strcmp(tmp, "+++") == 0) continue;
        memcpy(side ? rev : fwd, tmp, m + 1);
    }
}

/* Pattern elements of "IN_ * &TIETYPES (TO BORDER) $": '_' joins, brackets are grouping only. */
static size_t parse_elements(struct fw_dict *d, const char *s, size_t n, struct fw_pel *el, size_t max, size_t *vpos)
{
    size_t ne = 0, i = 0;
    int adj = 0;
    *vpos = (size_t)-1;
    while (i < n && ne < max) {
        char c = s[i];
        if (c == '_') { adj = 1; i++; continue; }
        if (isspace((unsigned char)c) || c == '(' || c == ')' || c == '{' || c == '}') {
            if (isspace((unsigned char)c)) adj = 0;
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && s[j] != '_' && !isspace((unsigned char)s[j]) && !strchr("(){}", s[j])) j++;
        struct fw_pel *e = &el[ne];
        memset(e, 0, sizeof *e);
        e->adj = (uint8_t)adj;
        e->id = e->stem = -1;
        if (j - i == 1 && strchr("*$+%^", c)) {
            e->type = c == '*' ? PE_VERB : c == '$' ? PE_SRC : c == '+' ? PE_TGT : c == '%' ? PE_COMP : PE_SKIP;
            if (c == '*') *vpos = ne;
        } else if (c == '&') {
            e->type = PE_SYN;
            char tmp[64];
            size_t m = 0;
            for (size_t k = i; k < j && m + 1 < sizeof tmp; k++) tmp[m++] = (char)toupper((unsigned char)s[k]);
            e->id = fw_words_add(&d->words, tmp, m);
        } else {
            e->type = PE_WORD;
            char tmp[FW_WORD_MAX], st[FW_WORD_MAX];
            size_t m = 0;
            for (size_t k = i; k < j && m + 1 < sizeof tmp; k++) tmp[m++] = (char)toupper((unsigned char)s[k]);
            tmp[m] = 0;
            e->id = fw_words_add(&d->words, tmp, m);
            size_t sn = fw_word_stem(tmp, m, st, sizeof st);
            e->stem = fw_words_add(&d->words, st, sn);
        }
        ne++;
        adj = 0;
        i = j;
    }
    return ne;
}

static void add_verb_form(struct fw_dict *d, const int32_t *w, size_t n, size_t vpos, int32_t block, int32_t lemma,
                          const char *code)
{
    GROW(d->verbs, d->nverbs, d->capverbs);
    struct fw_verb *v = &d->verbs[d->nverbs++];
    v->w = fw_xmalloc(n * sizeof *w);
    memcpy(v->w, w, n * sizeof *w);
    v->n = (uint16_t)n;
    v->vpos = (uint16_t)vpos;
    v->block = block;
    v->lemma = lemma;
    v->ord = (uint32_t)(d->nverbs - 1);
    v->file = d->nverbfiles;
    snprintf(v->code, sizeof v->code, "%s", code);
}

/* Regular forms of a verb: -S/-ES, -ED/-D/-IED, -ING, and a doubled final consonant. */
static size_t verb_forms(const char *v, char out[][FW_WORD_MAX], size_t max)
{
    size_t n = strlen(v), k = 0;
    if (n < 2 || n + 5 >= FW_WORD_MAX || max < 6) return 0;
    char last = v[n - 1], prev = v[n - 2];
    int cons_y = last == 'Y' && !strchr("AEIOU", prev);
    if (cons_y) snprintf(out[k++], FW_WORD_MAX, "%.*sIES", (int)(n - 1), v);
    else if (strchr("SXZ", last) || (last == 'H' && strchr("SC", prev)) || last == 'O')
        snprintf(out[k++], FW_WORD_MAX, "%sES", v);
    else snprintf(out[k++], FW_WORD_MAX, "%sS", v);
    if (cons_y) snprintf(out[k++], FW_WORD_MAX, "%.*sIED", (int)(n - 1), v);
    else if (last == 'E') snprintf(out[k++], FW_WORD_MAX, "%sD", v);
    else snprintf(out[k++], FW_WORD_MAX, "%sED", v);
    if (last == 'E' && prev != 'E') snprintf(out[k++], FW_WORD_MAX, "%.*sING", (int)(n - 1), v);
    else snprintf(out[k++], FW_WORD_MAX, "%sING", v);
    /* BAN -> BANNED: consonant-vowel-consonant endings of short verbs */
    if (n >= 3 && n <= 5 && !strchr("AEIOUWXY", last) && strchr("AEIOU", prev) && !strchr("AEIOU", v[n - 3])) {
        snprintf(out[k++], FW_WORD_MAX, "%s%cED", v, last);
        snprintf(out[k++], FW_WORD_MAX, "%s%cING", v, last);
    }
    return k;
}

/* lemma: the verb word of the line that lists this form, -1 when s is that line; inherited: the
 * code of that line, which its irregular forms carry ("+ASK_FOR {+ASKED_FOR ...} [020]") */
static void verb_line(struct fw_dict *d, const char *s, size_t n, int32_t block, int32_t lemma, const char *inherited)
{
    const char *cb = memchr(s, '{', n), *br = memchr(s, '[', n);
    char code[8] = "", rev[8];
    if (inherited) snprintf(code, sizeof code, "%s", inherited);
    if (br) {
        const char *be = memchr(br, ']', (size_t)(s + n - br));
        if (be) parse_code(br + 1, (size_t)(be - br - 1), code, rev);
        /* "HOLD {HOLDS HOLDING HELD } [---]" in CONFINE [170]: the verb has no code of its own,
         * only its patterns give it one ("held talks" 046, "held a rally" 141); "-" says so, the
         * block's code is not its default */
        if (be && !code[0] && be - br - 1 >= 3 && !memcmp(br + 1, "---", 3)) snprintf(code, sizeof code, "-");
    }
    size_t namen = (size_t)((cb ? cb : br ? br : s + n) - s);
    while (namen && isspace((unsigned char)s[namen - 1])) namen--;
    if (cb && br && br < cb) namen = (size_t)(br - s);
    /* words of the phrase; '+' marks the verb word, default the first */
    char words[8][FW_WORD_MAX];
    size_t nw = 0, vpos = 0, i = 0;
    while (i < namen && nw < 8) {
        while (i < namen && (s[i] == '_' || isspace((unsigned char)s[i]))) i++;
        if (i >= namen) break;
        int plus = s[i] == '+';
        if (plus) i++;
        size_t j = i, m = 0;
        while (j < namen && s[j] != '_' && !isspace((unsigned char)s[j])) {
            if (m + 1 < FW_WORD_MAX) words[nw][m++] = (char)toupper((unsigned char)s[j]);
            j++;
        }
        words[nw][m] = 0;
        if (m) {
            if (plus) vpos = nw;
            nw++;
        }
        i = j;
    }
    if (!nw || !isalnum((unsigned char)words[vpos][0])) return;
    int32_t ids[8];
    for (size_t k = 0; k < nw; k++) ids[k] = fw_words_add(&d->words, words[k], strlen(words[k]));
    if (lemma < 0) lemma = ids[vpos];
    add_verb_form(d, ids, nw, vpos, block, lemma, code);
    char forms[16][FW_WORD_MAX];
    size_t nf = 0;
    if (cb && memchr(cb, '+', (size_t)(s + n - cb))) {
        /* multi-word irregular forms: {+CORDONED_OFF +CORDONS_OFF} */
        const char *ce = memchr(cb, '}', (size_t)(s + n - cb));
        const char *p = cb + 1;
        while (ce && p < ce) {
            while (p < ce && (isspace((unsigned char)*p) || *p == ',')) p++;
            const char *q = p;
            while (q < ce && !isspace((unsigned char)*q) && *q != ',') q++;
            if (q > p) verb_line(d, p, (size_t)(q - p), block, lemma, code);
            p = q;
        }
        return;
    }
    if (cb) {
        const char *ce = memchr(cb, '}', (size_t)(s + n - cb));
        const char *p = cb + 1;
        while (ce && p < ce && nf < 16) {
            while (p < ce && (isspace((unsigned char)*p) || *p == ',')) p++;
            size_t m = 0;
            while (p < ce && !isspace((unsigned char)*p) && *p != ',') {
                if (m + 1 < FW_WORD_MAX) forms[nf][m++] = (char)toupper((unsigned char)*p);
                p++;
            }
            forms[nf][m] = 0;
            if (m) nf++;
        }
        if (nf == 0 && nw == 1) return;                        /* "{}": no other forms */
    }
    int regular = nf == 0;
    if (nf == 0) nf = verb_forms(words[vpos], forms, 16);
    for (size_t f = 0; f < nf; f++) {
        /* an irregular form may itself be multi-word ("SPED_UP"): keep only its first word */
        char *u = strchr(forms[f], '_');
        if (u) *u = 0;
        ids[vpos] = fw_words_add(&d->words, forms[f], strlen(forms[f]));
        add_verb_form(d, ids, nw, vpos, block, lemma, code);
    }
    /* "neutralised", "mobilised", "recognised": British English spells -IZE verbs -ISE (and a
     * dictionary line of either spelling means both); the other spelling and its regular forms
     * join the verb unless the dictionary lists that word itself */
    size_t vl = strlen(words[vpos]);
    if (regular && vl > 5 && (!strcmp(words[vpos] + vl - 3, "IZE") || !strcmp(words[vpos] + vl - 3, "ISE"))) {
        char alt[FW_WORD_MAX];
        snprintf(alt, sizeof alt, "%s", words[vpos]);
        alt[vl - 2] = alt[vl - 2] == 'Z' ? 'S' : 'Z';
        if (fw_words_find(&d->words, alt, vl) >= 0) return;
        ids[vpos] = fw_words_add(&d->words, alt, vl);
        add_verb_form(d, ids, nw, vpos, block, lemma, code);
        nf = verb_forms(alt, forms, 16);
        for (size_t f = 0; f < nf; f++) {
            ids[vpos] = fw_words_add(&d->words, forms[f], strlen(forms[f]));
            add_verb_form(d, ids, nw, vpos, block, lemma, code);
        }
    }
}

static void syn_member(struct fw_dict *d, const char *s, size_t n)
{
    struct fw_pel el[16];
    size_t vpos, ne = parse_elements(d, s, n, el, 16, &vpos);
    if (!ne) return;
    GROW(d->syn_mem, d->nsyn_mem, d->capsyn_mem);
    d->syn_mem[d->nsyn_mem] = d->nsyn_el;
    d->nsyn_mem++;
    GROW(d->syn_mem, d->nsyn_mem, d->capsyn_mem);
    d->syn_mem[d->nsyn_mem++] = ne;
    for (size_t i = 0; i < ne; i++) {
        GROW(d->syn_el, d->nsyn_el, d->capsyn_el);
        d->syn_el[d->nsyn_el++] = el[i];
    }
    d->syns[d->nsyns - 1].nmem++;
}

/* "a (b . ATTACK) SAY = a b 112" */
static void transform_line(struct fw_dict *d, const char *s, size_t n)
{
    char buf[256], w[12][32];
    if (n >= sizeof buf) return;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) buf[k++] = (s[i] == '(' || s[i] == ')' || s[i] == '=') ? ' ' : s[i];
    buf[k] = 0;
    int nw = 0;
    for (char *p = buf; *p && nw < 12;) {
        while (*p && isspace((unsigned char)*p)) p++;
        if (!*p) break;
        size_t m = 0;
        while (p[m] && !isspace((unsigned char)p[m])) m++;
        snprintf(w[nw++], sizeof w[0], "%.*s", (int)m, p);
        p += m;
    }
    if (nw != 8 || strlen(w[0]) != 1 || strlen(w[1]) != 1 || strlen(w[2]) != 1 || strlen(w[5]) != 1 ||
        strlen(w[6]) != 1)
        return;
    GROW(d->tr, d->ntr, d->captr);
    struct fw_transform *t = &d->tr[d->ntr++];
    memset(t, 0, sizeof *t);
    t->osrc = w[0][0], t->isrc = w[1][0], t->itgt = w[2][0], t->rsrc = w[5][0], t->rtgt = w[6][0];
    const char *ic = w[3];
    if (strncmp(ic, "WILL_", 5) == 0) t->ifuture = 1, ic += 5;
    t->iclass = strcmp(ic, "Q") == 0 ? -1 : fw_words_add(&d->words, ic, strlen(ic));
    t->oclass = fw_words_add(&d->words, w[4], strlen(w[4]));
    t->oblock = t->iblock = -1;
    if (strcmp(w[7], "Q") != 0) snprintf(t->rcode, sizeof t->rcode, "%.7s", w[7]);
}

/* CAMEO.2.0 notes in a pattern's comment the verb it was found with ("- * ON [190] # PRESS"): a
 * pattern written for PRESS does not code DEMAND of the same block ("demanded ... on press
 * freedom"). The owner is the comment's first word when it is a verb of the block, else -1. */
static int32_t pattern_owner(const struct fw_dict *d, const char *c, size_t n, size_t verb0, int32_t block)
{
    size_t i = 0;
    while (i < n && (c[i] == '#' || isspace((unsigned char)c[i]))) i++;
    char w[FW_WORD_MAX];
    size_t m = 0;
    while (i < n && m + 1 < sizeof w && (isalpha((unsigned char)c[i]) || c[i] == '_' || c[i] == '-'))
        w[m++] = (char)toupper((unsigned char)c[i++]);
    if (!m) return -1;
    int32_t id = fw_words_find(&d->words, w, m);
    if (id < 0) return -1;
    for (size_t v = verb0; v < d->nverbs; v++)
        if (d->verbs[v].lemma == id) return id;
    /* a block a supplement adds to: its verbs came with an earlier file */
    for (size_t v = 0; v < verb0; v++)
        if (d->verbs[v].block == block && d->verbs[v].lemma == id) return id;
    return -1;
}

static void load_verbs(struct fw_dict *d, const struct fw_buf *b)
{
    size_t pos = 0;
    struct line l;
    int32_t block = -1;
    size_t verb0 = 0;              /* the current block's first verb form */
    d->nverbfiles++;
    size_t pat_file0 = d->npats;   /* patterns of earlier files */
    int insyn = 0, intr = 0;
    while (next_line(b, &pos, &l)) {
        if (l.n >= 10 && memmem(l.p, l.n, "TRANSFORMATIONS", 15) && l.p[0] == '#') intr = 1;
        if (intr) {
            if (l.n > 2 && l.p[0] == '~') transform_line(d, l.p + 1, l.n - 1);
            continue;
        }
        if (is_xml_comment(&l)) continue;
        size_t n = strip_comment(l.p, l.n), i = 0;
        while (i < n && isspace((unsigned char)l.p[i])) i++;
        while (n > i && isspace((unsigned char)l.p[n - 1])) n--;
        if (i == n) { insyn = 0; continue; }
        const char *s = l.p + i;
        size_t sn = n - i;
        if (s[0] == '&') {
            GROW(d->syns, d->nsyns, d->capsyns);
            size_t m = 0;
            char tmp[64];
            while (m < sn && m + 1 < sizeof tmp && !isspace((unsigned char)s[m])) tmp[m] = (char)toupper((unsigned char)s[m]), m++;
            if (m > 1 && tmp[m - 1] == '_') m--;
            d->syns[d->nsyns].name = fw_words_add(&d->words, tmp, m);
            d->syns[d->nsyns].mem0 = d->nsyn_mem / 2;
            d->syns[d->nsyns].nmem = 0;
            d->nsyns++;
            /* a later file naming a synset again adds members to it (the last one named is
             * used): the new one starts with the old one's members */
            for (size_t k = d->nsyns - 1; k-- > 0;) {
                if (d->syns[k].name != d->syns[d->nsyns - 1].name) continue;
                for (size_t q = 0; q < d->syns[k].nmem; q++) {
                    size_t off = d->syn_mem[2 * (d->syns[k].mem0 + q)], cnt = d->syn_mem[2 * (d->syns[k].mem0 + q) + 1];
                    GROW(d->syn_mem, d->nsyn_mem, d->capsyn_mem);
                    d->syn_mem[d->nsyn_mem++] = off;
                    GROW(d->syn_mem, d->nsyn_mem, d->capsyn_mem);
                    d->syn_mem[d->nsyn_mem++] = cnt;
                    d->syns[d->nsyns - 1].nmem++;
                }
                break;
            }
            insyn = 1;
            block = -1;
            continue;
        }
        if (insyn && s[0] == '+') { syn_member(d, s + 1, sn - 1); continue; }
        insyn = 0;
        if (sn > 3 && memcmp(s, "---", 3) == 0) {
            /* a later file naming an existing block adds to it (feedwire.supplement.verbs.txt) */
            size_t a = 3, z;
            while (a < sn && isspace((unsigned char)s[a])) a++;
            for (z = a; z < sn && !isspace((unsigned char)s[z]) && s[z] != '['; z++) {}
            int32_t name = z > a ? fw_words_add(&d->words, s + a, z - a) : -1;
            block = -1;
            for (size_t k = 0; k < d->nblocks && name >= 0; k++)
                if (d->blocks[k].name == name) block = (int32_t)k;
            verb0 = d->nverbs;
            if (block >= 0) continue;
            GROW(d->blocks, d->nblocks, d->capblocks);
            struct fw_block *bl = &d->blocks[d->nblocks];
            memset(bl, 0, sizeof *bl);
            const char *br = memchr(s, '[', sn);
            const char *be = br ? memchr(br, ']', (size_t)(s + sn - br)) : NULL;
            if (be) parse_code(br + 1, (size_t)(be - br - 1), bl->code, bl->rev);
            bl->pat0 = d->npats;
            bl->name = name;
            block = (int32_t)d->nblocks++;
            continue;
        }
        if (block < 0) continue;
        if (s[0] == '-') {
            const char *br = NULL;
            for (size_t k = sn; k-- > 0;)
                if (s[k] == '[') { br = s + k; break; }
            if (!br) continue;
            const char *be = memchr(br, ']', (size_t)(s + sn - br));
            if (!be) continue;
            struct fw_pel el[32];
            size_t vpos, ne = parse_elements(d, s + 1, (size_t)(br - s - 1), el, 32, &vpos);
            if (vpos == (size_t)-1) continue;
            /* a later file writing a pattern again, element for element and for the same verb,
             * gives it a new code (the supplement's "* TEARGAS [175]" over CAMEO.2.0's [180]):
             * an equal pattern added beside it would lose every tie to the first */
            int32_t owner = pattern_owner(d, l.p + n, l.n - n, verb0, block);
            int again = 0;
            for (size_t k = 0; k < pat_file0; k++) {       /* CAMEO.2.0 writes some twice */
                struct fw_pattern *q = &d->pats[k];
                if (q->block != block || q->n != ne || q->vpos != vpos || q->owner != owner) continue;
                size_t e = 0;
                while (e < ne && q->el[e].type == el[e].type && q->el[e].adj == el[e].adj && q->el[e].id == el[e].id) e++;
                if (e < ne) continue;
                parse_code(br + 1, (size_t)(be - br - 1), q->fwd, q->rev);
                again = 1;
            }
            if (again) continue;
            GROW(d->pats, d->npats, d->cappats);
            struct fw_pattern *p = &d->pats[d->npats];
            memset(p, 0, sizeof *p);
            parse_code(br + 1, (size_t)(be - br - 1), p->fwd, p->rev);
            p->block = block;
            p->ord = (uint32_t)d->npats;
            p->owner = owner;
            p->el = fw_xmalloc(ne * sizeof *el);
            memcpy(p->el, el, ne * sizeof *el);
            p->n = (uint16_t)ne;
            p->vpos = (uint16_t)vpos;
            for (size_t k = 0; k < ne; k++)
                p->weight = (uint16_t)(p->weight + (el[k].type == PE_WORD || el[k].type == PE_SYN ? 2 : el[k].type != PE_VERB));
            d->npats++;
            d->blocks[block].npat++;
            continue;
        }
        verb_line(d, s, sn, block, -1, NULL);
    }
}

static void load_plover(struct fw_dict *d, const struct fw_buf *b)
{
    size_t pos = 0;
    struct line l;
    while (next_line(b, &pos, &l)) {
        const char *colon = memchr(l.p, ':', l.n);
        if (!l.n || !isdigit((unsigned char)l.p[0]) || !colon || colon - l.p >= 8) continue;
        const char *p = colon + 1, *e = l.p + l.n;
        while (p < e && isspace((unsigned char)*p)) p++;
        const char *q = p;
        while (q < e && isalpha((unsigned char)*q)) q++;
        if (q == p || q - p >= 16) continue;
        GROW(d->plover, d->nplover, d->capplover);
        snprintf(d->plover[d->nplover].cameo, sizeof d->plover->cameo, "%.*s", (int)(colon - l.p), l.p);
        snprintf(d->plover[d->nplover].plover, sizeof d->plover->plover, "%.*s", (int)(q - p), p);
        d->nplover++;
    }
}

const char *fw_dict_plover(const struct fw_dict *d, const char *cameo)
{
    char c[8];
    snprintf(c, sizeof c, "%s", cameo);
    for (size_t len = strlen(c); len >= 2; c[--len] = 0)
        for (size_t i = 0; i < d->nplover; i++)
            if (strcmp(d->plover[i].cameo, c) == 0) return d->plover[i].plover;
    return "";
}

int32_t fw_dict_syn(const struct fw_dict *d, int32_t id)
{
    return id >= 0 && (size_t)id < d->nsyn_by_word ? d->syn_by_word[id] : -1;
}

static int cmp_entry(const void *a, const void *b)
{
    const struct fw_entry *x = a, *y = b;
    if (x->w[0] != y->w[0]) return x->w[0] < y->w[0] ? -1 : 1;
    return (int)y->n - (int)x->n;
}

static void index_phrases(struct fw_phrases *ph, size_t nwords)
{
    qsort(ph->e, ph->n, sizeof *ph->e, cmp_entry);
    ph->noff = nwords + 1;
    ph->off = fw_xcalloc(ph->noff, sizeof *ph->off);
    for (size_t i = 0; i < ph->n; i++) ph->off[ph->e[i].w[0] + 1]++;
    for (size_t i = 1; i < ph->noff; i++) ph->off[i] += ph->off[i - 1];
}

static int cmp_verb(const void *a, const void *b)
{
    const struct fw_verb *x = a, *y = b;
    if (x->w[x->vpos] != y->w[y->vpos]) return x->w[x->vpos] < y->w[y->vpos] ? -1 : 1;
    if (x->n != y->n) return (int)y->n - (int)x->n;    /* multi-word forms first */
    if (x->file != y->file) return x->file > y->file ? -1 : 1;   /* a supplement overrides */
    return x->ord < y->ord ? -1 : x->ord > y->ord;
}

static int cmp_pat(const void *a, const void *b)
{
    const struct fw_pattern *x = a, *y = b;
    if (x->block != y->block) return x->block < y->block ? -1 : 1;
    if (x->weight != y->weight) return (int)y->weight - (int)x->weight;
    return x->ord < y->ord ? -1 : x->ord > y->ord;
}

static void build_index(struct fw_dict *d)
{
    size_t nw = d->words.n;
    index_phrases(&d->actors, nw);
    index_phrases(&d->agents, nw);
    index_phrases(&d->discards, nw);
    qsort(d->verbs, d->nverbs, sizeof *d->verbs, cmp_verb);
    d->nvoff = nw + 1;
    d->voff = fw_xcalloc(d->nvoff, sizeof *d->voff);
    for (size_t i = 0; i < d->nverbs; i++) d->voff[d->verbs[i].w[d->verbs[i].vpos] + 1]++;
    for (size_t i = 1; i < d->nvoff; i++) d->voff[i] += d->voff[i - 1];
    /* patterns were appended in file order per block; blocks are contiguous, sort inside by weight */
    qsort(d->pats, d->npats, sizeof *d->pats, cmp_pat);
    for (size_t i = 0; i < d->nblocks; i++) d->blocks[i].npat = 0;
    for (size_t i = 0; i < d->npats; i++) {
        struct fw_block *bl = &d->blocks[d->pats[i].block];
        if (bl->npat++ == 0) bl->pat0 = i;
    }
    d->nsyn_by_word = nw;
    d->syn_by_word = fw_xmalloc((nw ? nw : 1) * sizeof *d->syn_by_word);
    for (size_t i = 0; i < nw; i++) d->syn_by_word[i] = -1;
    for (size_t i = 0; i < d->nsyns; i++) d->syn_by_word[d->syns[i].name] = (int32_t)i;
    for (size_t i = 0; i < d->ntr; i++) {
        d->tr[i].oblock = fw_dict_verb_block(d, d->tr[i].oclass);
        d->tr[i].iblock = fw_dict_verb_block(d, d->tr[i].iclass);
    }
}

int32_t fw_dict_verb_block(const struct fw_dict *d, int32_t id)
{
    if (id < 0 || (size_t)id + 1 >= d->nvoff) return -1;
    for (uint32_t k = d->voff[id]; k < d->voff[id + 1]; k++)
        if (d->verbs[k].n == 1) return d->verbs[k].block;
    return -1;
}

static int has_suffix(const char *name, const char *suf)
{
    size_t n = strlen(name), k = strlen(suf);
    if (n >= k && strcmp(name + n - k, suf) == 0) return 1;
    char gz[64];
    snprintf(gz, sizeof gz, "%s.gz", suf);
    k = strlen(gz);
    return n >= k && strcmp(name + n - k, gz) == 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

enum fw_err fw_dict_load_dir(struct fw_dict *d, const char *dir, char *err, size_t errsz)
{
    enum fw_err rc = FW_OK;
    char **names = NULL;
    size_t nn = 0, cap = 0;
    int nverbfiles = 0, nactorfiles = 0;
    struct fw_buf b;
    fw_buf_init(&b, DICT_FILE_MAX);
    DIR *dh = opendir(dir);
    if (!dh) { rc = fw_fail(err, errsz, FW_E_IO, "%s: cannot open dictionary directory", dir); goto out; }
    struct dirent *de;
    while ((de = readdir(dh))) {
        if (de->d_name[0] == '.') continue;
        GROW(names, nn, cap);
        names[nn++] = fw_xstrdup(de->d_name);
    }
    closedir(dh);
    qsort(names, nn, sizeof *names, cmp_str);          /* a stable order: same dictionary, same ids */
    for (size_t i = 0; i < nn; i++) {
        const char *nm = names[i];
        int kind = has_suffix(nm, ".actors.txt") ? 1 : has_suffix(nm, ".agents.txt") ? 2
                 : has_suffix(nm, ".discards.txt") ? 3
                 : (has_suffix(nm, ".verbs.txt") || (strncmp(nm, "CAMEO.", 6) == 0 && has_suffix(nm, ".txt"))) ? 4
                 : strncmp(nm, "CAMEO2PLOVER", 12) == 0 ? 5 : 0;
        if (!kind) continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, nm);
        fw_buf_reset(&b);
        if ((rc = read_gz(path, &b, err, errsz)) != FW_OK) goto out;
        switch (kind) {
        case 1: load_actors(d, &b); nactorfiles++; break;
        case 2: load_agents(d, &b); break;
        case 3: load_discards(d, &b); break;
        case 4: load_verbs(d, &b); nverbfiles++; break;
        default: load_plover(d, &b); break;
        }
    }
    if (!nverbfiles || !nactorfiles) {
        rc = fw_fail(err, errsz, FW_E_CONFIG, "%s: no verb or actor dictionary (*.verbs.txt, CAMEO.*.txt, *.actors.txt)", dir);
        goto out;
    }
    build_index(d);
out:
    for (size_t i = 0; i < nn; i++) free(names[i]);
    free(names);
    fw_buf_fini(&b);
    return rc;
}

static void phrases_fini(struct fw_phrases *ph)
{
    for (size_t i = 0; i < ph->n; i++) free(ph->e[i].w);
    free(ph->e);
    free(ph->off);
}

void fw_dict_fini(struct fw_dict *d)
{
    if (!d) return;
    fw_words_fini(&d->words);
    phrases_fini(&d->actors);
    phrases_fini(&d->agents);
    phrases_fini(&d->discards);
    free(d->acodes);
    free(d->agcodes);
    for (size_t i = 0; i < d->nverbs; i++) free(d->verbs[i].w);
    free(d->verbs);
    free(d->voff);
    for (size_t i = 0; i < d->npats; i++) free(d->pats[i].el);
    free(d->pats);
    free(d->blocks);
    free(d->syns);
    free(d->syn_el);
    free(d->syn_mem);
    free(d->syn_by_word);
    free(d->plover);
    free(d->tr);
    memset(d, 0, sizeof *d);
}
