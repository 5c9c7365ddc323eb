/* fw_tdate: date expressions of one English sentence (see fw_tdate.h). The sentence
 * is cut into tokens once; each rule then looks at a few tokens from a position, the
 * longest forms first, so the whole is one pass with a bounded look-ahead. */
#include "feedwire/fw_tdate.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_TOKS 256          /* per window; longer sentences are read in windows */
#define LOOKAHEAD 12          /* no rule reads more tokens than this */

enum tk { T_WORD, T_NUM, T_PUNCT };

struct tok {
    size_t s, e;              /* byte offsets */
    enum tk kind;
    int sp;                   /* whitespace before it */
    int cap;                  /* word starts with a capital */
    int ndig;                 /* T_NUM: digits; T_PUNCT: the character */
    int ord;                  /* T_NUM with st/nd/rd/th */
    int glued;                /* T_NUM followed by other letters ("5km") */
    long num;                 /* T_NUM value; T_WORD number word value or -1 */
    int month;                /* T_WORD: 1..12, else 0 */
    int wday;                 /* T_WORD: enum fw_cal_wday, else -1 */
    int ordw;                 /* T_WORD: an ordinal in words, "fifth" = 5, else 0 */
    int starts;               /* an expression may start here (rules are tried only then) */
};

struct ctx {
    const char *s;
    struct tok t[MAX_TOKS + LOOKAHEAD];
    int n;
    struct fw_ymd pub;
    long pubday;
    struct fw_ymd anchor;     /* running anchor: the last day-precise date seen */
    enum fw_date_prec aprec;
};

struct res {
    struct fw_ymd date;
    enum fw_date_prec prec;
    int first, last;          /* token range of the expression */
    int drop;                 /* recognised but not a past date: consume, emit nothing */
};

/* ---- calendar ----------------------------------------------------------------------------- */

static long days_from_civil(int y, int m, int d) { return (long)fw_cal_days_from_civil(y, m, d); }

static struct fw_ymd day_of(long z) { return fw_cal_civil_from_days(z); }

/* ---- words --------------------------------------------------------------------------------- */

/* Every other word the rules classify (month and weekday names are fw_cal's), sorted for
 * bsearch: kind 'n' number, 'o' ordinal, 'k' another word an expression may start with. */
static const struct word {
    const char *w;
    char kind;
    int val;
} words[] = {
    {"a", 'k', 0},
    {"an", 'k', 0},
    {"at", 'k', 0},
    {"coming", 'k', 0},
    {"earlier", 'k', 0},
    {"eight", 'n', 8},
    {"eighteen", 'n', 18},
    {"eighteenth", 'o', 18},
    {"eighth", 'o', 8},
    {"eighty", 'n', 80},
    {"eleven", 'n', 11},
    {"eleventh", 'o', 11},
    {"fifteen", 'n', 15},
    {"fifteenth", 'o', 15},
    {"fifth", 'o', 5},
    {"fifty", 'n', 50},
    {"first", 'o', 1},
    {"five", 'n', 5},
    {"forty", 'n', 40},
    {"four", 'n', 4},
    {"fourteen", 'n', 14},
    {"fourteenth", 'o', 14},
    {"fourth", 'o', 4},
    {"hours", 'k', 0},
    {"last", 'k', 0},
    {"later", 'k', 0},
    {"minutes", 'k', 0},
    {"next", 'k', 0},
    {"nine", 'n', 9},
    {"nineteen", 'n', 19},
    {"nineteenth", 'o', 19},
    {"ninety", 'n', 90},
    {"ninth", 'o', 9},
    {"one", 'n', 1},
    {"over", 'k', 0},
    {"past", 'k', 0},
    {"previous", 'k', 0},
    {"second", 'o', 2},
    {"seven", 'n', 7},
    {"seventeen", 'n', 17},
    {"seventeenth", 'o', 17},
    {"seventh", 'o', 7},
    {"seventy", 'n', 70},
    {"six", 'n', 6},
    {"sixteen", 'n', 16},
    {"sixteenth", 'o', 16},
    {"sixth", 'o', 6},
    {"sixty", 'n', 60},
    {"ten", 'n', 10},
    {"tenth", 'o', 10},
    {"that", 'k', 0},
    {"the", 'k', 0},
    {"third", 'o', 3},
    {"thirteen", 'n', 13},
    {"thirteenth", 'o', 13},
    {"thirtieth", 'o', 30},
    {"thirty", 'n', 30},
    {"this", 'k', 0},
    {"three", 'n', 3},
    {"today", 'k', 0},
    {"tonight", 'k', 0},
    {"twelfth", 'o', 12},
    {"twelve", 'n', 12},
    {"twentieth", 'o', 20},
    {"twenty", 'n', 20},
    {"two", 'n', 2},
    {"yesterday", 'k', 0},
    {"zero", 'n', 0},
};

static int tok_is(const struct ctx *c, int i, const char *w)
{
    if (i < 0 || i >= c->n || c->t[i].kind != T_WORD || (c->s[c->t[i].s] | 0x20) != w[0]) return 0;
    size_t n = c->t[i].e - c->t[i].s;
    return strlen(w) == n && !strncasecmp(c->s + c->t[i].s, w, n);
}

static int tok_punct(const struct ctx *c, int i, char ch)
{
    return i >= 0 && i < c->n && c->t[i].kind == T_PUNCT && c->t[i].ndig == ch;
}

static void classify_word(const char *s, struct tok *t)
{
    size_t n = t->e - t->s;
    t->num = -1;
    char w[12];
    if (n > 9) return;
    struct fw_cal_name nm;
    if (fw_cal_name(s + t->s, n, FW_CAL_EN, &nm) && (nm.kind == FW_CAL_MONTH || !nm.abbr)) {
        t->starts = 1;
        if (nm.kind == FW_CAL_WEEKDAY) t->wday = nm.val;
        else if (t->cap) t->month = nm.val; /* only capitalized: "march", "may" are verbs */
        return;
    }
    for (size_t i = 0; i < n; i++) w[i] = (char)(s[t->s + i] | 0x20);
    w[n] = '\0';
    /* bisection by hand, first letters before strcmp: every word of the text comes here */
    const struct word *hit = NULL;
    size_t lo = 0, hi = sizeof words / sizeof words[0];
    while (lo < hi && !hit) {
        size_t mid = (lo + hi) / 2;
        int cmp = (unsigned char)w[0] - (unsigned char)words[mid].w[0];
        if (!cmp) cmp = strcmp(w, words[mid].w);
        if (cmp < 0) hi = mid;
        else if (cmp > 0) lo = mid + 1;
        else hit = &words[mid];
    }
    if (!hit) return;
    t->starts = 1;
    if (hit->kind == 'n') t->num = hit->val;
    else if (hit->kind == 'o') t->ordw = hit->val;
}

/* Tokens from byte `from`; returns the byte where the window stopped. */
static size_t tokenize(struct ctx *c, size_t from, size_t len)
{
    const char *s = c->s;
    size_t i = from;
    c->n = 0;
    while (i < len && c->n < MAX_TOKS + LOOKAHEAD) {
        int sp = 0;
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++, sp = 1;
        if (i >= len) break;
        struct tok *t = &c->t[c->n];
        memset(t, 0, sizeof *t);
        t->wday = -1;
        t->s = i;
        t->sp = sp || c->n == 0;
        unsigned char ch = (unsigned char)s[i];
        if (ch >= '0' && ch <= '9') {
            t->kind = T_NUM;
            t->starts = 1;
            long v = 0;
            while (i < len && s[i] >= '0' && s[i] <= '9') {
                if (v < 100000) v = v * 10 + (s[i] - '0');
                t->ndig++;
                i++;
            }
            t->num = v;
            size_t j = i;
            while (j < len && ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z')) j++;
            if (j == i + 1 && s[i] == 'T' && j < len && s[j] >= '0' && s[j] <= '9') {
                j = i; /* "2022-04-18T10:00": the time is not part of the day */
            } else if (j > i) {
                if (j - i == 2 && (!strncasecmp(s + i, "st", 2) || !strncasecmp(s + i, "nd", 2) ||
                                   !strncasecmp(s + i, "rd", 2) || !strncasecmp(s + i, "th", 2)))
                    t->ord = 1;
                else
                    t->glued = 1;
                i = j;
            }
        } else if (((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || ch >= 0x80) {
            t->kind = T_WORD;
            t->cap = ch >= 'A' && ch <= 'Z';
            while (i < len && (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') || (unsigned char)s[i] >= 0x80)) {
                /* a UTF-8 dash or quote ends the word: E2 80 90..9F */
                if ((unsigned char)s[i] == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 && i > t->s) break;
                i++;
            }
            if (i == t->s) i++; /* a lone E2 80 .. sequence: one byte at a time */
            t->e = i;
            classify_word(s, t);
        } else {
            t->kind = T_PUNCT;
            t->ndig = ch;
            i++;
        }
        t->e = i;
        c->n++;
    }
    return i;
}

/* ---- helpers over tokens ---------------------------------------------------------------------- */

static int is_num(const struct ctx *c, int i, int mindig, int maxdig)
{
    return i >= 0 && i < c->n && c->t[i].kind == T_NUM && c->t[i].ndig >= mindig && c->t[i].ndig <= maxdig &&
           !c->t[i].glued;
}

static int is_year(const struct ctx *c, int i)
{
    return is_num(c, i, 4, 4) && !c->t[i].ord && c->t[i].num >= 1900 && c->t[i].num <= 2199;
}

static int is_day(const struct ctx *c, int i)
{
    return is_num(c, i, 1, 2) && c->t[i].num >= 1 && c->t[i].num <= 31;
}

/* A day of the month at i: "5", "5th", "fifth", "twenty-first". Tokens used, the day in *d. */
static int day_at(const struct ctx *c, int i, int *d)
{
    if (is_day(c, i)) {
        *d = (int)c->t[i].num;
        return 1;
    }
    if (i >= c->n || c->t[i].kind != T_WORD) return 0;
    if (c->t[i].ordw) {
        *d = c->t[i].ordw;
        return 1;
    }
    if ((c->t[i].num == 20 || c->t[i].num == 30) && tok_punct(c, i + 1, '-') && !c->t[i + 1].sp && i + 2 < c->n &&
        c->t[i + 2].ordw >= 1 && c->t[i + 2].ordw <= 9 && c->t[i].num + c->t[i + 2].ordw <= 31) {
        *d = (int)c->t[i].num + c->t[i + 2].ordw;
        return 3;
    }
    return 0;
}

/* A count in words or digits at i ("two", "twenty-one", "3", "a"): tokens used, value in *v. */
static int count_at(const struct ctx *c, int i, long *v)
{
    if (i >= c->n) return 0;
    if (is_num(c, i, 1, 3) && !c->t[i].ord) {
        *v = c->t[i].num;
        return 1;
    }
    if (tok_is(c, i, "a") || tok_is(c, i, "an") || tok_is(c, i, "one")) {
        *v = 1;
        return 1;
    }
    if (tok_is(c, i, "a") && tok_is(c, i + 1, "couple") && tok_is(c, i + 2, "of")) {
        *v = 2;
        return 3;
    }
    if (c->t[i].kind != T_WORD || c->t[i].num < 0) return 0;
    *v = c->t[i].num;
    if (*v >= 20 && *v % 10 == 0 && tok_punct(c, i + 1, '-') && !c->t[i + 1].sp && i + 2 < c->n &&
        c->t[i + 2].kind == T_WORD && c->t[i + 2].num > 0 && c->t[i + 2].num < 10) {
        *v += c->t[i + 2].num;
        return 3;
    }
    return 1;
}

static int unit_at(const struct ctx *c, int i) /* 1 day, 7 week, 30 month, 365 year; 0 none */
{
    if (tok_is(c, i, "day") || tok_is(c, i, "days")) return 1;
    if (tok_is(c, i, "week") || tok_is(c, i, "weeks")) return 7;
    if (tok_is(c, i, "month") || tok_is(c, i, "months")) return 30;
    if (tok_is(c, i, "year") || tok_is(c, i, "years")) return 365;
    return 0;
}

static struct fw_ymd add_months(struct fw_ymd d, int k)
{
    int m = d.y * 12 + (d.m - 1) + k;
    return (struct fw_ymd){m / 12, m % 12 + 1, 0};
}

static int set_day(struct res *r, long z, int first, int last)
{
    r->date = day_of(z);
    r->prec = FW_PREC_DAY;
    r->first = first;
    r->last = last;
    return 1;
}

static int set_month(struct res *r, struct fw_ymd d, int first, int last)
{
    r->date = (struct fw_ymd){d.y, d.m, 0};
    r->prec = FW_PREC_MONTH;
    r->first = first;
    r->last = last;
    return 1;
}

static int set_year(struct res *r, int y, int first, int last)
{
    r->date = (struct fw_ymd){y, 0, 0};
    r->prec = FW_PREC_YEAR;
    r->first = first;
    r->last = last;
    return 1;
}

/* The latest year <= pub's in which (m, d) exists and is not after pub. */
static int past_year(const struct ctx *c, int m, int d)
{
    int y = c->pub.y;
    if (m > c->pub.m || (m == c->pub.m && d > c->pub.d)) y--;
    for (int k = 0; k < 8 && d > fw_cal_month_days(y, m); k++) y--;
    return y;
}

/* ---- rules: each returns 1 and fills r when an expression starts at token i --------------- */

/* 2022-04-18 */
static int r_iso(const struct ctx *c, int i, struct res *r)
{
    if (!is_year(c, i) || !tok_punct(c, i + 1, '-') || !is_num(c, i + 2, 1, 2) || !tok_punct(c, i + 3, '-') ||
        !is_num(c, i + 4, 1, 2))
        return 0;
    for (int k = 1; k <= 4; k++)
        if (c->t[i + k].sp) return 0;
    int y = (int)c->t[i].num, m = (int)c->t[i + 2].num, d = (int)c->t[i + 4].num;
    if (!fw_cal_valid(y, m, d)) return 0;
    return set_day(r, days_from_civil(y, m, d), i, i + 4);
}

/* 18/04/2022, 18.04.2022, 4/18/22: day first unless that cannot be */
static int r_numeric(const struct ctx *c, int i, struct res *r)
{
    if (!is_num(c, i, 1, 2) || i + 4 >= c->n || c->t[i + 1].kind != T_PUNCT) return 0;
    int sep = c->t[i + 1].ndig;
    if ((sep != '/' && sep != '.' && sep != '-') || !tok_punct(c, i + 3, (char)sep) || !is_num(c, i + 2, 1, 2) ||
        !(is_num(c, i + 4, 4, 4) || (is_num(c, i + 4, 2, 2) && sep == '/')))
        return 0;
    for (int k = 1; k <= 4; k++)
        if (c->t[i + k].sp) return 0;
    if (i + 5 < c->n && !c->t[i + 5].sp && (c->t[i + 5].kind == T_NUM || tok_punct(c, i + 5, (char)sep))) return 0;
    int a = (int)c->t[i].num, b = (int)c->t[i + 2].num, y = (int)c->t[i + 4].num;
    if (c->t[i + 4].ndig == 2) y += y <= c->pub.y % 100 ? c->pub.y / 100 * 100 : (c->pub.y / 100 - 1) * 100;
    int d = a, m = b;
    if (b > 12 && a <= 12) d = b, m = a;
    if (!fw_cal_valid(y, m, d)) return 0;
    return set_day(r, days_from_civil(y, m, d), i, i + 4);
}

static int skip_month_dot(const struct ctx *c, int i) /* "Dec." */
{
    return tok_punct(c, i + 1, '.') && !c->t[i + 1].sp && c->t[i].e - c->t[i].s <= 4 ? i + 1 : i;
}

/* An optional ", 2022" or " 2022" after j; returns the year token or -1. */
static int year_after(const struct ctx *c, int j)
{
    if (is_year(c, j + 1)) return j + 1;
    if (tok_punct(c, j + 1, ',') && is_year(c, j + 2)) return j + 2;
    return -1;
}

/* "April 18–19": the range's first day; its end is consumed */
static int skip_range(const struct ctx *c, int j)
{
    if ((tok_punct(c, j + 1, '-') || (j + 1 < c->n && c->t[j + 1].kind == T_WORD && c->s[c->t[j + 1].s] == '\xe2')) &&
        is_day(c, j + 2))
        return j + 2;
    return j;
}

/* The earliest year >= pub's in which (m, d) exists and is not before pub. */
static int next_year(const struct ctx *c, int m, int d)
{
    int y = c->pub.y;
    if (m < c->pub.m || (m == c->pub.m && d < c->pub.d)) y++;
    for (int k = 0; k < 8 && d > fw_cal_month_days(y, m); k++) y++;
    return y;
}

/* "Sentencing is scheduled for June 26", "the judge set sentencing for June 26", "the vote was
 * postponed until June 26", "the talks will resume on June 26": a day without a year that a
 * schedule or a future tense points to is the next one, not the last (the date's own
 * preposition, then a word of scheduling or "will" in the clause before it) */
static int future_cue(const struct ctx *c, int first)
{
    static const char *const sched[] = {"scheduled", "rescheduled", "slated", "due", "postponed", "adjourned",
                                        "deferred", "delayed", "will", "set", NULL};
    int p = first - 1;
    int for_ = tok_is(c, p, "for"), until = tok_is(c, p, "until") || tok_is(c, p, "till");
    if (!(for_ || until || tok_is(c, p, "on"))) return 0;
    for (int i = p - 1, k = 0; i >= 0 && k < 10; i--, k++) {
        if (c->t[i].kind == T_PUNCT && (c->t[i].ndig == '.' || c->t[i].ndig == ';' || c->t[i].ndig == ',')) return 0;
        for (size_t w = 0; sched[w]; w++)
            if (tok_is(c, i, sched[w])) {
                /* "was postponed on Monday", "set fire to a house on June 26": the day it was
                 * done; "postponed until", "set ... for" and "will ... on" point ahead */
                if (!strcmp(sched[w], "will")) return 1;
                return !strcmp(sched[w], "set") ? for_ : for_ || until;
            }
    }
    return 0;
}

static int day_result(const struct ctx *c, struct res *r, int first, int m, int d, int yi, int last)
{
    int y = yi >= 0 ? (int)c->t[yi].num : future_cue(c, first) ? next_year(c, m, d) : past_year(c, m, d);
    if (!fw_cal_valid(y, m, d)) return 0;
    if (yi >= 0) last = yi;
    return set_day(r, days_from_civil(y, m, d), first, last);
}

/* [Monday,] April 18[th][, 2022] */
static int r_month_day(const struct ctx *c, int i, struct res *r)
{
    int first = i;
    if (i < c->n && c->t[i].wday >= 0) {
        i += tok_punct(c, i + 1, ',') ? 2 : 1;
    }
    if (i >= c->n || !c->t[i].month) return 0;
    int j = skip_month_dot(c, i), d, k;
    if (tok_is(c, j + 1, "the") && j + 2 < c->n && c->t[j + 2].kind == T_WORD) j++; /* "May the fifth" */
    if (!(k = day_at(c, j + 1, &d))) return 0;
    if (j + 2 < c->n && !c->t[j + 2].sp && (tok_punct(c, j + 2, ':') || tok_punct(c, j + 2, '.'))) {
        if (j + 3 < c->n && c->t[j + 3].kind == T_NUM) return 0; /* a time or a decimal */
    }
    int last = skip_range(c, j + k);
    return day_result(c, r, first, c->t[i].month, d, year_after(c, last), last);
}

/* [Monday,] 5[th] [of] July[,] [2022] */
static int r_day_month(const struct ctx *c, int i, struct res *r)
{
    int first = i;
    if (i < c->n && c->t[i].wday >= 0) {
        i += tok_punct(c, i + 1, ',') ? 2 : 1;
    }
    if (tok_is(c, i, "the")) i++; /* "the fifth of May" */
    int d, k = day_at(c, i, &d);
    if (!k) return 0;
    int j = i + k;
    if (tok_punct(c, j, '-') && is_day(c, j + 1)) j += 2; /* "5-6 July": the first day */
    if (tok_is(c, j, "of")) j++;
    else if (!is_day(c, i)) return 0; /* "fifth July" is no date; "fifth of July" is */
    if (j >= c->n || !c->t[j].month) return 0;
    int last = skip_month_dot(c, j);
    return day_result(c, r, first, c->t[j].month, d, year_after(c, last), last);
}

static int month_qualifier(const struct ctx *c, int i, int *first)
{
    /* "early March", "mid-March", "the end of March", "the beginning of March" */
    int k = i - 1;
    if (tok_punct(c, k, '-') && tok_is(c, k - 1, "mid")) {
        *first = k - 1;
        return 1;
    }
    if (tok_is(c, k, "early") || tok_is(c, k, "late") || tok_is(c, k, "mid")) {
        *first = k;
        return 1;
    }
    if (tok_is(c, k, "of") && (tok_is(c, k - 1, "end") || tok_is(c, k - 1, "beginning") || tok_is(c, k - 1, "start") ||
                               tok_is(c, k - 1, "middle"))) {
        *first = tok_is(c, k - 2, "the") ? k - 2 : k - 1;
        return 1;
    }
    return 0;
}

/* March 2019, in March, last March */
static int r_month(const struct ctx *c, int i, struct res *r)
{
    if (i >= c->n || !c->t[i].month) return 0;
    int m = c->t[i].month, first = i;
    month_qualifier(c, i, &first);
    int j = skip_month_dot(c, i);
    int yi = year_after(c, j);
    if (yi >= 0) return set_month(r, (struct fw_ymd){(int)c->t[yi].num, m, 0}, first, yi);
    static const char *const preps[] = {"in", "since", "during", "until", "till", "by", "from", "through",
                                        "throughout", "of", "before", "after", "early", "late", "mid", NULL};
    int ok = first != i;
    for (const char *const *p = preps; *p && !ok; p++) ok = tok_is(c, i - 1, *p);
    if (tok_is(c, i - 1, "last") || tok_is(c, i - 1, "this")) {
        int last = tok_is(c, i - 1, "last");
        int y = c->pub.y - (m > c->pub.m || (last && m == c->pub.m));
        if (!last && m > c->pub.m) {
            r->drop = 1, r->first = i - 1, r->last = j; /* "this December", said in June: not yet */
            return 1;
        }
        return set_month(r, (struct fw_ymd){y, m, 0}, i - 1, j);
    }
    if (!ok) return 0;
    int y = c->pub.y - (m > c->pub.m);
    return set_month(r, (struct fw_ymd){y, m, 0}, first, j);
}

/* in 2019, since 2014, mid-2019 */
static int r_year(const struct ctx *c, int i, struct res *r)
{
    if (!is_year(c, i)) return 0;
    int first = i;
    static const char *const preps[] = {"in", "since", "during", "until", "by", "from", "throughout", "of",
                                        "early", "late", "mid", "before", "after", "between", "and", NULL};
    int ok = 0;
    if (tok_punct(c, i - 1, '-') && tok_is(c, i - 2, "mid")) ok = 1, first = i - 2;
    for (const char *const *p = preps; *p && !ok; p++) ok = tok_is(c, i - 1, *p);
    if (!ok) return 0;
    if (tok_is(c, i - 1, "and") && !tok_is(c, i - 3, "between")) return 0;
    if (c->t[i].num > c->pub.y) {
        r->drop = 1, r->first = first, r->last = i;
        return 1;
    }
    return set_year(r, (int)c->t[i].num, first, i);
}

static long monday_of(long z) { return z - (fw_cal_weekday(z) + 6) % 7; }

/* today, yesterday, last night, this morning, the day before yesterday */
static int r_deictic(const struct ctx *c, int i, struct res *r)
{
    if (tok_is(c, i, "the") && tok_is(c, i + 1, "day") && tok_is(c, i + 2, "before") && tok_is(c, i + 3, "yesterday"))
        return set_day(r, c->pubday - 2, i, i + 3);
    if (tok_is(c, i, "today") || tok_is(c, i, "tonight")) return set_day(r, c->pubday, i, i);
    if (tok_is(c, i, "yesterday")) return set_day(r, c->pubday - 1, i, i);
    if (tok_is(c, i, "last") && tok_is(c, i + 1, "night")) return set_day(r, c->pubday - 1, i, i + 1);
    if (tok_is(c, i, "this") && (tok_is(c, i + 1, "morning") || tok_is(c, i + 1, "afternoon") ||
                                 tok_is(c, i + 1, "evening")))
        return set_day(r, c->pubday, i, i + 1);
    return 0;
}

/* (last|this|past|previous) (week|month|year), earlier this month, (N) (days|weeks...) ago */
static int r_period(const struct ctx *c, int i, struct res *r)
{
    int first = i, j = i;
    if (tok_is(c, j, "earlier") || tok_is(c, j, "later")) j++;
    if (tok_is(c, j, "the") && (tok_is(c, j + 1, "past") || tok_is(c, j + 1, "previous")) && j == i) j++;
    int last = tok_is(c, j, "last") || tok_is(c, j, "past") || (tok_is(c, j, "previous") && tok_is(c, i, "the"));
    int this = tok_is(c, j, "this");
    if (tok_is(c, j, "next") && unit_at(c, j + 1) >= 7 && j == i) {
        r->drop = 1, r->first = i, r->last = j + 1;
        return 1;
    }
    if (last && j == i && tok_is(c, i - 1, "the")) return 0; /* "the last week of March" */
    /* "last weekend", "over the weekend": two days, so the month of the latest Saturday */
    if ((last || this) && tok_is(c, j + 1, "weekend"))
        return set_month(r, day_of(c->pubday - (fw_cal_weekday(c->pubday) + 1) % 7), first, j + 1);
    if ((tok_is(c, i, "over") || tok_is(c, i, "at")) && tok_is(c, i + 1, "the") && tok_is(c, i + 2, "weekend"))
        return set_month(r, day_of(c->pubday - (fw_cal_weekday(c->pubday) + 1) % 7), i, i + 2);
    if (last || this) {
        int u = unit_at(c, j + 1);
        if (!u || c->s[c->t[j + 1].e - 1] == 's') return 0; /* "last days of", "this years" */
        long z = c->pubday;
        if (u == 7) { /* a week is no day: its month, taken at the week's Thursday */
            long mon = monday_of(z) - (last ? 7 : 0);
            return set_month(r, day_of(mon + 3 > z ? z : mon + 3), first, j + 1);
        }
        if (u == 30) return set_month(r, add_months(c->pub, last ? -1 : 0), first, j + 1);
        if (u == 365) return set_year(r, c->pub.y - last, first, j + 1);
        return 0; /* "this day" */
    }
    long n;
    int k = count_at(c, i, &n);
    if (k && unit_at(c, i + k) && tok_is(c, i + k + 1, "ago")) {
        int u = unit_at(c, i + k);
        if (u == 1 || (u == 7 && n == 1)) return set_day(r, c->pubday - n * u, i, i + k + 1);
        if (u == 7 || u == 30) {
            struct fw_ymd d = u == 7 ? day_of(c->pubday - 7 * n) : add_months(c->pub, -(int)n);
            return set_month(r, d, i, i + k + 1);
        }
        return set_year(r, c->pub.y - (int)n, i, i + k + 1);
    }
    return 0;
}

/* on Monday, last Friday (the latest such day on or before publication; "last": before it) */
static int r_weekday(const struct ctx *c, int i, struct res *r)
{
    int first = i, j = i, strict = 0;
    if (tok_is(c, j, "last") || tok_is(c, j, "past") || tok_is(c, j, "this")) strict = tok_is(c, j, "last"), j++;
    else if (tok_is(c, j, "next") || tok_is(c, j, "coming")) {
        if (j + 1 < c->n && c->t[j + 1].wday >= 0) {
            r->drop = 1, r->first = i, r->last = j + 1;
            return 1;
        }
        return 0;
    }
    if (j >= c->n || c->t[j].wday < 0) return 0;
    long z = c->pubday - strict;
    int back = (fw_cal_weekday(z) - c->t[j].wday + 7) % 7;
    return set_day(r, z - back, first, j);
}

/* "on the 5th." with no month: that day of publication's month, or of the month before when the
 * day is still to come ("on the 5th floor" is no date: a word follows) */
static int r_month_day_only(const struct ctx *c, int i, struct res *r)
{
    if (!tok_is(c, i, "the") || !tok_is(c, i - 1, "on") || i + 1 >= c->n) return 0;
    int d = 0;
    if (c->t[i + 1].kind == T_NUM && c->t[i + 1].ord) d = (int)c->t[i + 1].num;
    else if (c->t[i + 1].kind == T_WORD && c->t[i + 1].ordw) d = c->t[i + 1].ordw;
    if (d < 1 || d > 31) return 0;
    if (i + 2 < c->n && c->t[i + 2].kind == T_WORD && !tok_is(c, i + 2, "of")) return 0;
    if (tok_is(c, i + 2, "of")) return 0;   /* "the 5th of July": the month rule's */
    struct fw_ymd m = {c->pub.y, c->pub.m, 1};
    if (d > c->pub.d) m = add_months(m, -1);
    if (!fw_cal_valid(m.y, m.m, d)) return 0;
    return set_day(r, days_from_civil(m.y, m.m, d), i, i + 1);
}

/* the next day, two days later, the previous day, that day, the following week: from the anchor */
static int r_anchor(const struct ctx *c, int i, struct res *r)
{
    long n = 0;
    int sign = 0, u = 0, j = i, k, named = 0;
    if (tok_is(c, j, "the") || tok_is(c, j, "that") || tok_is(c, j, "a")) {
        int dir = tok_is(c, j + 1, "next") || tok_is(c, j + 1, "following")       ? 1
                  : tok_is(c, j + 1, "previous") || tok_is(c, j + 1, "preceding") ? -1
                  : tok_is(c, j + 1, "same")                                       ? 0
                                                                                   : 2;
        int part = tok_is(c, j + 2, "morning") || tok_is(c, j + 2, "night") || tok_is(c, j + 2, "evening") ||
                   tok_is(c, j + 2, "afternoon");
        /* "on September 24 ... In the early hours of that Sunday": the weekday nearest the anchor
         * (the anchor itself when it is one) */
        if (tok_is(c, j, "that") && j + 1 < c->n && c->t[j + 1].wday >= 0 && c->aprec == FW_PREC_DAY) {
            long a = days_from_civil(c->anchor.y, c->anchor.m, c->anchor.d);
            int diff = (c->t[j + 1].wday - fw_cal_weekday(a) + 7) % 7;
            if (diff > 3) diff -= 7;
            r->first = i, r->last = j + 1;
            if (a + diff > c->pubday) return r->drop = 1;
            return set_day(r, a + diff, i, j + 1);
        }
        if (dir != 2 && dir != 0 && j + 2 < c->n && c->t[j + 2].wday >= 0 && c->aprec == FW_PREC_DAY) {
            /* "the following Monday": the first one after (or before) the anchor */
            long a = days_from_civil(c->anchor.y, c->anchor.m, c->anchor.d);
            int wa = fw_cal_weekday(a), wd = c->t[j + 2].wday;
            long z = dir > 0 ? a + ((wd - wa + 6) % 7 + 1) : a - ((wa - wd + 6) % 7 + 1);
            r->first = i, r->last = j + 2;
            if (z > c->pubday) return r->drop = 1;
            return set_day(r, z, i, j + 2);
        }
        if (dir != 2 && (u = unit_at(c, j + 2)) && c->s[c->t[j + 2].e - 1] != 's') {
            sign = dir, n = dir != 0, named = 1, j += 2;
        } else if (dir != 2 && part) {
            sign = dir, n = dir != 0, u = 1, j += 2;
        } else if (tok_is(c, j, "the") && tok_is(c, j + 1, "day") &&
                   (tok_is(c, j + 2, "after") || (tok_is(c, j + 2, "before") && !tok_is(c, j + 3, "yesterday")))) {
            sign = tok_is(c, j + 2, "after") ? 1 : -1, n = 1, u = 1, j += 2;
        } else if (tok_is(c, j, "that") && tok_is(c, j + 1, "day")) {
            u = 1, j += 1;
        } else if (tok_is(c, j, "that") && tok_is(c, j + 1, "same") && tok_is(c, j + 2, "day")) {
            u = 1, j += 2;
        }
    } else if (tok_is(c, j, "later") && tok_is(c, j + 1, "that") && tok_is(c, j + 2, "day")) {
        u = 1, j += 2;
    } else if ((tok_is(c, j, "hours") || tok_is(c, j, "minutes")) && c->aprec == FW_PREC_DAY &&
               (tok_is(c, j + 1, "later") || tok_is(c, j + 1, "earlier") || tok_is(c, j + 1, "after") ||
                tok_is(c, j + 1, "before"))) {
        /* the same day as the event before; with none, "minutes before your workout" is no date */
        u = 1, j += 1;
    } else if ((tok_is(c, j, "earlier") || tok_is(c, j, "later")) && tok_is(c, j + 1, "in") &&
               tok_is(c, j + 2, "the") && tok_is(c, j + 3, "day")) {
        u = 1, j += 3;
    }
    if (j == i && (k = count_at(c, i, &n)) && (u = unit_at(c, i + k))) {
        j = i + k + 1;
        /* "two days after the attack" counts from the anchor all the same */
        if (tok_is(c, j, "later") || tok_is(c, j, "after") || tok_is(c, j, "afterwards")) sign = 1;
        else if (tok_is(c, j, "earlier") || tok_is(c, j, "before") || tok_is(c, j, "prior")) sign = -1;
        else return 0;
    }
    if (j == i || !u) return 0;
    struct fw_ymd base = c->aprec != FW_PREC_NONE ? c->anchor : c->pub;
    enum fw_date_prec bprec = c->aprec != FW_PREC_NONE ? c->aprec : FW_PREC_DAY;
    r->first = i;
    r->last = j;
    if (u == 365) {
        int y = base.y + sign * (int)n;
        if (y > c->pub.y) return r->drop = 1;
        return set_year(r, y, i, j);
    }
    if (u == 30) {
        if (bprec == FW_PREC_YEAR) return 0;
        struct fw_ymd m = add_months(base, sign * (int)n);
        if (m.y * 12 + m.m > c->pub.y * 12 + c->pub.m) return r->drop = 1;
        return set_month(r, m, i, j);
    }
    if (bprec != FW_PREC_DAY) return 0; /* "the next day" after "in March": no day to count from */
    long z = days_from_civil(base.y, base.m, base.d) + sign * n * u;
    if (z > c->pubday) return r->drop = 1;
    /* a named week ("the following week") or several weeks is no day: its month */
    if (u == 7 && (named || n > 1)) return set_month(r, day_of(z), i, j);
    return set_day(r, z, i, j);
}

typedef int (*rule_fn)(const struct ctx *, int, struct res *);
static const rule_fn rules[] = {r_iso, r_numeric, r_month_day, r_day_month, r_month, r_year,
                                r_deictic, r_period, r_anchor, r_weekday, r_month_day_only};

int fw_tdate_find(const char *s, size_t len, struct fw_ymd pub, struct fw_ymd anchor, enum fw_date_prec anchor_prec,
                  struct fw_tdate *out, int max)
{
    if (!s || max <= 0 || !fw_cal_valid(pub.y, pub.m, pub.d)) return 0;
    struct ctx c;
    c.s = s;
    c.pub = pub;
    c.pubday = days_from_civil(pub.y, pub.m, pub.d);
    c.anchor = anchor;
    c.aprec = anchor_prec;
    if (c.aprec == FW_PREC_DAY && !fw_cal_valid(anchor.y, anchor.m, anchor.d)) c.aprec = FW_PREC_NONE;
    if (c.aprec == FW_PREC_MONTH && (anchor.m < 1 || anchor.m > 12)) c.aprec = FW_PREC_NONE;
    int count = 0;
    size_t from = 0;
    while (from < len && count < max) {
        size_t stop = tokenize(&c, from, len);
        int full = c.n < MAX_TOKS + LOOKAHEAD, limit = full ? c.n : MAX_TOKS;
        int i = 0;
        while (i < limit && count < max) {
            if (!c.t[i].starts) {
                i++;
                continue;
            }
            struct res r;
            int hit = 0;
            for (size_t k = 0; k < sizeof rules / sizeof rules[0] && !hit; k++) {
                memset(&r, 0, sizeof r);
                hit = rules[k](&c, i, &r);
            }
            if (!hit) {
                i++;
                continue;
            }
            /* "On March 15 last year", "in March last year": the year before publication's (a day
             * or month with no year of its own is otherwise the latest one) */
            if (!r.drop && (r.prec == FW_PREC_DAY || r.prec == FW_PREC_MONTH) && r.last + 2 < c.n &&
                tok_is(&c, r.last + 1, "last") && tok_is(&c, r.last + 2, "year") && r.date.y == c.pub.y) {
                r.date.y--;
                if (r.prec == FW_PREC_DAY && !fw_cal_valid(r.date.y, r.date.m, r.date.d)) r.date.d = 28;
                r.last += 2;
            }
            if (!r.drop) {
                out[count++] = (struct fw_tdate){r.date, r.prec, c.t[r.first].s, c.t[r.last].e};
                c.anchor = r.date; /* "On April 18 ..., and the next day ..." */
                c.aprec = r.prec;
            }
            i = r.last + 1 > i ? r.last + 1 : i + 1;
        }
        if (full) break;
        from = i < c.n ? c.t[i].s : stop;
    }
    return count;
}
