/* fw_code_text: sentence splitting, tokenization and word interning for the
 * event coder. Pure functions over the caller's buffers. Thread: any. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feedwire/fw_buf.h"
#include "fw_code_int.h"

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;              /* FNV-1a: short keys, good enough */
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

int32_t fw_words_find(const struct fw_words *w, const char *s, size_t n)
{
    if (!w->tabsz) return -1;
    size_t mask = w->tabsz - 1;
    for (size_t i = hash_bytes(s, n) & mask;; i = (i + 1) & mask) {
        int32_t id = w->tab[i];
        if (id < 0) return -1;
        if (strncmp(w->s[id], s, n) == 0 && w->s[id][n] == 0) return id;
    }
}

static void words_rehash(struct fw_words *w, size_t sz)
{
    free(w->tab);
    w->tab = fw_xmalloc(sz * sizeof *w->tab);
    memset(w->tab, 0xff, sz * sizeof *w->tab);
    w->tabsz = sz;
    for (size_t id = 0; id < w->n; id++) {
        size_t i = hash_bytes(w->s[id], strlen(w->s[id])) & (sz - 1);
        while (w->tab[i] >= 0) i = (i + 1) & (sz - 1);
        w->tab[i] = (int32_t)id;
    }
}

int32_t fw_words_add(struct fw_words *w, const char *s, size_t n)
{
    int32_t id = fw_words_find(w, s, n);
    if (id >= 0) return id;
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 1024;
        w->s = fw_xrealloc(w->s, w->cap * sizeof *w->s);
    }
    w->s[w->n++] = fw_xstrndup(s, n);
    if (w->n * 2 > w->tabsz) words_rehash(w, w->tabsz ? w->tabsz * 2 : 4096);
    else {
        size_t i = hash_bytes(s, n) & (w->tabsz - 1);
        while (w->tab[i] >= 0) i = (i + 1) & (w->tabsz - 1);
        w->tab[i] = (int32_t)(w->n - 1);
    }
    return (int32_t)(w->n - 1);
}

void fw_words_fini(struct fw_words *w)
{
    for (size_t i = 0; i < w->n; i++) free(w->s[i]);
    free(w->s);
    free(w->tab);
    memset(w, 0, sizeof *w);
}

static int ends(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n > k + 2 && memcmp(s + n - k, suf, k) == 0;
}

size_t fw_word_stem(const char *s, size_t n, char *out, size_t cap)
{
    if (n >= cap - 1) n = cap - 2;
    /* a Y that turned into I keeps its Y (CARRIES, CARRIED, CARRY: CARRY), so a -Y word never
     * meets an -E word that shares its consonants (POLICY is not POLICE) */
    int y = 0;
    if (ends(s, n, "IES") || ends(s, n, "IED")) n -= 3, y = 1;
    else if (ends(s, n, "ING")) n -= 3;
    else if (ends(s, n, "ED")) n -= 2;
    else if (ends(s, n, "ES") && strchr("SXZH", s[n - 3])) n -= 2;
    else if (ends(s, n, "'S")) n -= 2;
    else if (ends(s, n, "S") && s[n - 2] != 'S') n -= 1;
    else if (ends(s, n, "E")) n -= 1;      /* SEIZE and SEIZED meet at SEIZ */
    if (!y && n > 3 && s[n - 1] == s[n - 2] && !strchr("AEIOUSL", s[n - 1])) n -= 1; /* BANNED -> BAN */
    memcpy(out, s, n);
    if (y) out[n++] = 'Y';
    out[n] = 0;
    return n;
}

/* '_' joins words in the dictionaries and in some test texts ("Dol_Amroth"): a blank here */
static int is_space(unsigned char c) { return c == ' ' || c == '_' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* Bytes of a UTF-8 punctuation mark we map to ASCII: curly quotes and dashes. */
static int utf8_punct(const unsigned char *p, size_t n, char *ascii)
{
    if (n >= 3 && p[0] == 0xe2 && p[1] == 0x80) {
        switch (p[2]) {
        case 0x98: case 0x99: *ascii = '\''; return 3;
        case 0x9c: case 0x9d: *ascii = '"'; return 3;
        case 0x93: case 0x94: *ascii = '-'; return 3;
        default: break;
        }
    }
    if (n >= 2 && p[0] == 0xc2 && (p[1] == 0xa0)) { *ascii = ' '; return 2; }
    return 0;
}

static const char *const abbrevs[] = {
    "MR", "MRS", "MS", "DR", "GEN", "COL", "LT", "SGT", "CAPT", "CPT", "MAJ", "ADM", "GOV", "SEN", "REP", "ST",
    "PROF", "PRES", "JR", "SR", "NO", "VOL", "JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT",
    "NOV", "DEC", "CO", "CORP", "INC", "LTD", "VS", "ETC", "FIG", "APPROX", "EST", "REV", "GOVT", "DEPT", "MT", "FT",
    "AL", "BRIG", "CMDR", "CDR", "GENS", "REPS", "SENS", "AMB", "HON", "MESSRS", "PP", "P", NULL,
};

static int is_abbrev(const char *w, size_t n)
{
    char up[16];
    if (n == 0 || n >= sizeof up) return 0;
    for (size_t i = 0; i < n; i++) up[i] = (char)toupper((unsigned char)w[i]);
    up[n] = 0;
    if (n == 1 && isupper((unsigned char)w[0])) return 1;            /* an initial: "George W. Bush" */
    if (memchr(w, '.', n)) return 1;                                  /* U.S., e.g., a.m. */
    for (int i = 0; abbrevs[i]; i++)
        if (strcmp(up, abbrevs[i]) == 0) return 1;
    return 0;
}

/* Words that start a sentence after a dotted abbreviation ("... in the U.S. The next day"). */
static int is_starter(const char *w, size_t n)
{
    static const char *const st[] = {"The", "A", "An", "In", "On", "He", "She", "It", "They", "We", "But", "This",
                                     "That", "There", "His", "Her", "Their", "Its", "At", "After", "When", "I", NULL};
    for (int i = 0; st[i]; i++)
        if (strlen(st[i]) == n && memcmp(st[i], w, n) == 0) return 1;
    return 0;
}

size_t fw_code_sentences(const char *text, size_t len, size_t (*spans)[2], size_t max)
{
    size_t count = 0, start = 0, i = 0;
#define EMIT(e)                                                                \
    do {                                                                       \
        size_t s_ = start, e_ = (e);                                           \
        while (s_ < e_ && is_space((unsigned char)text[s_])) s_++;             \
        while (e_ > s_ && is_space((unsigned char)text[e_ - 1])) e_--;         \
        if (e_ > s_) {                                                         \
            if (count < max) { spans[count][0] = s_; spans[count][1] = e_; }   \
            count++;                                                           \
        }                                                                      \
        start = (e);                                                           \
    } while (0)
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        if (c == '\n') {                   /* a blank line (paragraph) always ends a sentence */
            size_t j = i + 1;
            while (j < len && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) j++;
            if (j < len && text[j] == '\n') { EMIT(i); i = j + 1; continue; }
            i++;
            continue;
        }
        if (c != '.' && c != '!' && c != '?') { i++; continue; }
        size_t j = i + 1;
        while (j < len && (text[j] == '.' || text[j] == '!' || text[j] == '?')) j++;
        /* closing quotes and brackets belong to the sentence */
        for (;;) {
            char a;
            int k;
            if (j < len && (text[j] == '"' || text[j] == '\'' || text[j] == ')' || text[j] == ']')) j++;
            else if ((k = utf8_punct((const unsigned char *)text + j, len - j, &a)) && (a == '"' || a == '\'')) j += (size_t)k;
            else break;
        }
        if (j < len && !is_space((unsigned char)text[j])) { i = j; continue; }   /* 3.5, U.S.-led, example.com */
        size_t k = j;
        while (k < len && is_space((unsigned char)text[k])) k++;
        if (k >= len) { i = k; break; }
        /* next word: must look like a sentence start */
        size_t nw = k;
        char a;
        int q = 0;
        while (nw < len && (text[nw] == '"' || text[nw] == '\'' || text[nw] == '(' ||
                            ((q = utf8_punct((const unsigned char *)text + nw, len - nw, &a)) && a != ' ')))
            nw += (text[nw] == '"' || text[nw] == '\'' || text[nw] == '(') ? 1 : (size_t)q;
        unsigned char nc = nw < len ? (unsigned char)text[nw] : 0;
        if (!(isupper(nc) || isdigit(nc) || nc >= 0x80)) { i = j; continue; }
        if (c == '.') {
            /* the word before the period */
            size_t we = i, ws = i;
            while (ws > start && !is_space((unsigned char)text[ws - 1]) && text[ws - 1] != '(' && text[ws - 1] != '"')
                ws--;
            size_t nwe = nw;
            while (nwe < len && isalpha((unsigned char)text[nwe])) nwe++;
            if (we > ws && is_abbrev(text + ws, we - ws)) {
                int dotted = memchr(text + ws, '.', we - ws) != NULL && we - ws > 2;
                if (!(dotted && is_starter(text + nw, nwe - nw))) { i = j; continue; }
            }
        }
        EMIT(j);
        i = k;
    }
    EMIT(len);
#undef EMIT
    return count;
}

static int is_word_byte(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '&' || c == '@' || c >= 0x80;
}

static void tok_finish(struct fw_tok *t, const char *s, const struct fw_words *w)
{
    size_t n = 0;
    int alpha = 0, lower = 0;
    for (uint32_t i = 0; i < t->end - t->start && n < FW_WORD_MAX - 1; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xe2 && i + 2 < t->end - t->start && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
            t->up[n++] = '\'';
            i += 2;
            continue;
        }
        if (isalpha(c)) alpha = 1;
        if (islower(c)) lower = 1;
        t->up[n++] = (char)toupper(c);
    }
    t->up[n] = 0;
    unsigned char c0 = (unsigned char)s[0];
    t->flags = 0;
    if (isupper(c0)) t->flags |= TOK_CAP;
    if (isdigit(c0)) t->flags |= TOK_NUM;
    if (!is_word_byte(c0) && c0 != '\'') t->flags |= TOK_PUNCT;
    if (alpha && !lower && n > 1) t->flags |= TOK_ALLCAP;
    t->id = w ? fw_words_find(w, t->up, n) : -1;
    /* "Saudi-led coalition", "US-led forces": who leads is the actor the dictionaries look up
     * ("Iranian-backed militias" are not Iranian: only leading names the actor) */
    if (w && t->id < 0 && n > 4 && !strcmp(t->up + n - 4, "-LED")) t->id = fw_words_find(w, t->up, n - 4);
    t->stem = -1;
    if (w && alpha) {
        char st[FW_WORD_MAX];
        size_t sn = fw_word_stem(t->up, n, st, sizeof st);
        t->stem = fw_words_find(w, st, sn);
    }
}

/* An ASCII apostrophe that opens a clitic of the word before it ("Iran's", "they're"):
 * one token "'s" as with a curly apostrophe, not "'" and "s". */
static int clitic(const char *s, size_t i, size_t len)
{
    static const char *const cl[] = {"s", "re", "ve", "ll", "d", "m", NULL};
    if (i == 0 || !isalnum((unsigned char)s[i - 1])) return 0;
    for (int k = 0; cl[k]; k++) {
        size_t n = strlen(cl[k]);
        if (i + 1 + n <= len && strncasecmp(s + i + 1, cl[k], n) == 0 &&
            (i + 1 + n == len || !isalnum((unsigned char)s[i + 1 + n])))
            return 1;
    }
    return 0;
}

size_t fw_tok_sentence(const char *s, size_t len, size_t base, const struct fw_words *w, struct fw_tok *tok,
                       size_t max)
{
    size_t nt = 0, i = 0;
    while (i < len && nt < max) {
        unsigned char c = (unsigned char)s[i];
        char a;
        int k = utf8_punct((const unsigned char *)s + i, len - i, &a);
        if (is_space(c) || (k && a == ' ')) { i += k ? (size_t)k : 1; continue; }
        struct fw_tok *t = &tok[nt];
        t->start = (uint32_t)(base + i);
        if (k && a != '\'') {              /* curly double quote or dash: one token */
            t->end = (uint32_t)(base + i + (size_t)k);
            t->up[0] = a;
            t->up[1] = 0;
            t->flags = TOK_PUNCT;
            t->id = w ? fw_words_find(w, t->up, 1) : -1;
            t->stem = -1;
            nt++;
            i += (size_t)k;
            continue;
        }
        size_t j = i;
        if (is_word_byte(c) || (k && a == '\'') || (c == '\'' && clitic(s, i, len))) {
            while (j < len) {
                unsigned char d = (unsigned char)s[j];
                char b;
                int kk = utf8_punct((const unsigned char *)s + j, len - j, &b);
                if (kk && b == '\'') {
                    /* 's and n't start their own token; a name like O'Brien stays whole */
                    if (j > i && j + kk < len && (s[j + kk] == 's' || s[j + kk] == 'S') &&
                        (j + kk + 1 >= len || !isalnum((unsigned char)s[j + kk + 1])))
                        break;
                    if (j > i + 1 && (s[j - 1] == 'n' || s[j - 1] == 'N') && j + kk < len &&
                        (s[j + kk] == 't' || s[j + kk] == 'T') &&
                        (j + kk + 1 >= len || !isalnum((unsigned char)s[j + kk + 1]))) {
                        j--;                  /* don|’t, as with an ASCII apostrophe */
                        break;
                    }
                    if (j == i) { j += (size_t)kk; continue; }
                    if (j + kk < len && isalpha((unsigned char)s[j + kk])) { j += (size_t)kk; continue; }
                    break;
                }
                if (kk) break;
                if (d == '\'') {
                    if (j > i && j + 1 < len && (s[j + 1] == 's' || s[j + 1] == 'S') &&
                        (j + 2 >= len || !isalnum((unsigned char)s[j + 2])))
                        break;
                    if (j > i + 1 && (s[j - 1] == 'n' || s[j - 1] == 'N') && j + 1 < len && (s[j + 1] == 't' || s[j + 1] == 'T')) {
                        j--;                  /* did|n't */
                        break;
                    }
                    if (j == i || (j + 1 < len && isalpha((unsigned char)s[j + 1]))) { j++; continue; }
                    break;
                }
                if (d == '.' || d == ',') {
                    /* inside numbers (3.5, 1,000) and dotted abbreviations (U.S.) */
                    if (j + 1 < len && isdigit((unsigned char)s[j + 1]) && j > i && isdigit((unsigned char)s[j - 1])) {
                        j++;
                        continue;
                    }
                    if (d == '.' && j > i) {
                        size_t wl = j - i;
                        if ((j + 1 < len && isalpha((unsigned char)s[j + 1]) && j + 2 < len && s[j + 2] == '.') ||
                            memchr(s + i, '.', wl) || (wl == 1 && isupper((unsigned char)s[i])) ||
                            is_abbrev(s + i, wl)) {
                            if (j + 1 >= len || is_space((unsigned char)s[j + 1]) || isalpha((unsigned char)s[j + 1]) ||
                                s[j + 1] == '-') {
                                /* keep the period of an abbreviation unless it ends the sentence */
                                size_t r = j + 1;
                                while (r < len && is_space((unsigned char)s[r])) r++;
                                if (r < len || memchr(s + i, '.', wl) == NULL || wl > 3) { j++; continue; }
                                if (r >= len && memchr(s + i, '.', wl)) { j++; continue; }
                            }
                        }
                    }
                    break;
                }
                if (!is_word_byte(d)) break;
                j++;
            }
            if (j == i) j = i + 1;
        } else {
            j = i + 1;
        }
        t->end = (uint32_t)(base + j);
        tok_finish(t, s + i, w);
        nt++;
        i = j;
    }
    return nt;
}
