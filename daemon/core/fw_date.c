#include "feedwire/fw_date.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "feedwire/fw_cal.h"

/* A broken-down date being assembled; -1 = not seen. zone is in minutes east. */
struct dt {
    int y, m, d, hh, mm, ss;
    int zone, have_zone;
    int pm;     /* -1, 0 am, 1 pm */
    int korean; /* Hangul markers seen: the date is KST unless a zone says otherwise */
};

enum { W_MONTH, W_WDAY, W_ZONE, W_AMPM };

struct word {
    int kind, val;
};

/* Month and weekday names in English, Hungarian and Greek: feedparser's */
#define DATE_LANGS (FW_CAL_EN | FW_CAL_HU | FW_CAL_EL)

static const struct {
    const char *w;
    int pm;
} ampm[] = {{"am", 0}, {"pm", 1}, {"\xec\x98\xa4\xec\xa0\x84", 0} /* 오전 */, {"\xec\x98\xa4\xed\x9b\x84", 1} /* 오후 */};

#define HANGUL_YEAR "\xeb\x85\x84"  /* 년 */
#define HANGUL_MONTH "\xec\x9b\x94" /* 월 */
#define HANGUL_DAY "\xec\x9d\xbc"   /* 일 */

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_wordc(int c) { return is_alpha(c) || (unsigned char)c >= 0x80; }
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* A month or weekday name, a zone or am/pm: 1 and *w, or 0. */
static int lookup(const char *p, size_t n, struct word *w)
{
    struct fw_cal_name nm;
    if (fw_cal_name(p, n, DATE_LANGS, &nm)) {
        *w = (struct word){nm.kind == FW_CAL_MONTH ? W_MONTH : W_WDAY, nm.val};
        return 1;
    }
    if (fw_cal_zone(p, n, &w->val)) {
        w->kind = W_ZONE;
        return 1;
    }
    for (size_t i = 0; i < sizeof ampm / sizeof ampm[0]; i++) {
        if (strlen(ampm[i].w) != n || strncasecmp(ampm[i].w, p, n)) continue;
        *w = (struct word){W_AMPM, ampm[i].pm};
        return 1;
    }
    return 0;
}

/* Reads at most max digits; returns how many (0 = none), value in *v. */
static int digits(const char **pp, const char *e, int max, int *v)
{
    const char *p = *pp;
    int n = 0, x = 0;
    while (p < e && n < max && is_digit(*p)) x = x * 10 + (*p++ - '0'), n++;
    *pp = p;
    *v = x;
    return n;
}

static size_t run_digits(const char *p, const char *e)
{
    size_t n = 0;
    while (p + n < e && is_digit(p[n])) n++;
    return n;
}

static int starts(const char *p, const char *e, const char *lit)
{
    size_t n = strlen(lit);
    return (size_t)(e - p) >= n && memcmp(p, lit, n) == 0;
}

/* "HH[:MM[:SS[.frac]]]" or basic "HHMM[SS]"; 1 ok, 0 bad. */
static int parse_clock(const char **pp, const char *e, struct dt *t)
{
    const char *p = *pp;
    int nh = (int)run_digits(p, e);
    if (nh == 4 || nh == 6) { /* ISO basic */
        digits(&p, e, 2, &t->hh);
        digits(&p, e, 2, &t->mm);
        if (nh == 6) digits(&p, e, 2, &t->ss);
    } else {
        if (nh < 1 || nh > 2) return 0;
        digits(&p, e, 2, &t->hh);
        if (p < e && *p == ':') {
            p++;
            if (digits(&p, e, 2, &t->mm) < 1) return 0;
            if (p < e && *p == ':') {
                p++;
                if (digits(&p, e, 2, &t->ss) < 1) return 0;
            }
        }
    }
    if (p < e && (*p == '.' || *p == ',') && p + 1 < e && is_digit(p[1])) {
        p++;
        while (p < e && is_digit(*p)) p++;
    }
    if (p < e && *p == ':') return 0; /* a fourth field */
    if (t->mm < 0) t->mm = 0;
    if (t->ss < 0) t->ss = 0;
    *pp = p;
    return 1;
}

static const char *word_end(const char *p, const char *e)
{
    while (p < e && is_wordc(*p)) p++;
    return p;
}

/* ISO 8601 / W3CDTF / RFC 3339 and the Hungarian and Korean variants built on
 * them. Returns 1 parsed, 0 rejected, -1 not this form (try the tokenizer). */
static int parse_iso(const char *p, const char *e, struct dt *t)
{
    size_t nd = run_digits(p, e);
    if (p < e && *p == '-') { /* -YY-MM, -YYMM: the first of that month */
        p++;
        if (digits(&p, e, 2, &t->y) != 2) return 0;
        if (p < e && *p == '-') p++;
        if (digits(&p, e, 2, &t->m) != 2 || p != e) return 0;
        t->y += 2000;
        t->d = 1;
        return 1;
    }
    if (nd == 4 && (p + 4 == e || p[4] == '-')) {
        digits(&p, e, 4, &t->y);
        t->m = t->d = 1;
        if (p == e) return 1;
        p++;
        if (p < e && is_wordc(*p)) { /* 2004-július-13 */
            const char *we = word_end(p, e);
            struct word w;
            if (!lookup(p, (size_t)(we - p), &w) || w.kind != W_MONTH) return 0;
            t->m = w.val;
            p = we;
            if (p >= e || *p != '-') return 0;
            p++;
            if (digits(&p, e, 2, &t->d) < 1) return 0;
        } else {
            size_t n2 = run_digits(p, e);
            if (n2 == 3) { /* ordinal day */
                int od;
                digits(&p, e, 3, &od);
                if (od < 1 || od > (fw_cal_is_leap(t->y) ? 366 : 365)) return 0;
                for (t->m = 1; od > fw_cal_month_days(t->y, t->m); t->m++) od -= fw_cal_month_days(t->y, t->m);
                t->d = od;
            } else if (n2 == 2) {
                digits(&p, e, 2, &t->m);
                if (p < e && *p == '-') {
                    p++;
                    if (digits(&p, e, 2, &t->d) != 2) return 0;
                }
            } else {
                return 0;
            }
        }
    } else if (nd == 8) {
        digits(&p, e, 4, &t->y);
        digits(&p, e, 2, &t->m);
        digits(&p, e, 2, &t->d);
    } else if (nd == 7) {
        int od;
        digits(&p, e, 4, &t->y);
        digits(&p, e, 3, &od);
        if (od < 1 || od > (fw_cal_is_leap(t->y) ? 366 : 365)) return 0;
        for (t->m = 1; od > fw_cal_month_days(t->y, t->m); t->m++) od -= fw_cal_month_days(t->y, t->m);
        t->d = od;
    } else if (nd == 6) { /* YYMMDD */
        digits(&p, e, 2, &t->y);
        digits(&p, e, 2, &t->m);
        digits(&p, e, 2, &t->d);
        t->y += 2000;
    } else if (nd == 2 && e - p >= 8 && p[2] == '-' && run_digits(p + 3, e) == 2 && p[5] == '-' &&
               run_digits(p + 6, e) == 2) { /* YY-MM-DD */
        digits(&p, e, 2, &t->y);
        p++;
        digits(&p, e, 2, &t->m);
        p++;
        digits(&p, e, 2, &t->d);
        t->y += 2000;
    } else {
        return nd <= 4 ? -1 : 0; /* "2004 Jan 01", "2006/09/15"; "22013" is no date */
    }
    if (p == e) return 1;
    /* time: after T or blanks; Korean am/pm may sit between */
    if (*p == 'T' || *p == 't') {
        p++;
    } else if (is_space(*p)) {
        while (p < e && is_space(*p)) p++;
        if (p < e && is_wordc(*p)) {
            const char *we = word_end(p, e);
            struct word w;
            if (!lookup(p, (size_t)(we - p), &w) || w.kind != W_AMPM) return 0;
            t->pm = w.val;
            t->korean = (unsigned char)*p >= 0x80;
            p = we;
            while (p < e && is_space(*p)) p++;
        }
    } else {
        return 0;
    }
    if (!parse_clock(&p, e, t)) return 0;
    while (p < e && is_space(*p)) p++;
    if (p == e) return 1;
    if (*p == 'Z' || *p == 'z') {
        p++;
        t->have_zone = 1;
    } else if (*p == '+' || *p == '-') {
        if (!fw_cal_offset(&p, e, &t->zone)) return 0;
        t->have_zone = 1;
    } else if (is_alpha(*p)) {
        const char *we = word_end(p, e);
        struct word w;
        if (!lookup(p, (size_t)(we - p), &w) || w.kind != W_ZONE) return 0;
        t->zone = w.val;
        t->have_zone = 1;
        p = we;
    }
    while (p < e && is_space(*p)) p++;
    return p == e;
}

/* RFC 822 and everything shaped like it (asctime, "Thu Aug 30 2012 ...",
 * Y/M/D, Korean year/month/day markers): a bag of tokens, each of which must
 * be understood. 1 parsed, 0 rejected. */
static int parse_tokens(const char *p, const char *e, struct dt *t)
{
    int nums[3], lens[3], nn = 0, have_time = 0, have_zone_name = 0;
    while (p < e) {
        char c = *p;
        if (is_space(c) || c == ',' || c == '.') {
            p++;
        } else if (c == '(') { /* "-0400 (EDT)": a comment */
            while (p < e && *p != ')') p++;
            if (p < e) p++;
        } else if (is_digit(c)) {
            size_t n = run_digits(p, e);
            if (n > 4) return 0;
            if (p + n < e && p[n] == ':') {
                if (have_time || !parse_clock(&p, e, t)) return 0;
                have_time = 1;
                continue;
            }
            int v;
            digits(&p, e, 4, &v);
            if (p < e && *p == '/') { /* Perforce: 2006/09/15 */
                if (n != 4 || t->y >= 0) return 0;
                t->y = v;
                p++;
                if (digits(&p, e, 2, &t->m) < 1 || p >= e || *p != '/') return 0;
                p++;
                if (digits(&p, e, 2, &t->d) < 1) return 0;
            } else if (starts(p, e, HANGUL_YEAR) || starts(p, e, HANGUL_MONTH) || starts(p, e, HANGUL_DAY)) {
                int *f = starts(p, e, HANGUL_YEAR) ? &t->y : starts(p, e, HANGUL_MONTH) ? &t->m : &t->d;
                if (*f >= 0) return 0;
                *f = v;
                t->korean = 1;
                p += 3;
            } else {
                if (nn == 3) return 0;
                if (e - p >= 2 && n <= 2 && (!memcmp(p, "st", 2) || !memcmp(p, "nd", 2) || !memcmp(p, "rd", 2) ||
                                             !memcmp(p, "th", 2)))
                    p += 2; /* 1st, 26th */
                nums[nn] = v;
                lens[nn++] = (int)n;
            }
        } else if ((c == '+' || c == '-') && have_time && p + 1 < e && is_digit(p[1])) {
            int off;
            if (!fw_cal_offset(&p, e, &off)) return 0;
            t->zone += off;
            t->have_zone = 1;
        } else if (c == '-') {
            p++;
        } else if (is_wordc(c)) {
            const char *we = word_end(p, e);
            struct word w;
            if (!lookup(p, (size_t)(we - p), &w)) return 0;
            if (w.kind == W_MONTH) {
                if (t->m >= 0) return 0;
                t->m = w.val;
            } else if (w.kind == W_ZONE) {
                if (have_zone_name) return 0;
                have_zone_name = t->have_zone = 1;
                t->zone += w.val;
            } else if (w.kind == W_AMPM) {
                t->pm = w.val;
                if ((unsigned char)c >= 0x80) t->korean = 1;
            }
            p = we;
        } else {
            return 0;
        }
    }
    for (int i = 0; i < nn; i++) {
        if (lens[i] >= 3) {
            if (t->y >= 0) return 0;
            t->y = nums[i];
        } else if (t->d < 0) {
            t->d = nums[i];
        } else if (t->y < 0) {
            t->y = nums[i] + (nums[i] < 90 ? 2000 : 1900);
        } else {
            return 0;
        }
    }
    if (t->y < 0 || t->m < 0 || t->d < 0) return 0;
    return 1;
}

int fw_date_parse(const char *s, size_t n, int64_t *epoch_out)
{
    if (!s) return -1;
    const char *p = s, *e = s + n;
    while (p < e && is_space(*p)) p++;
    while (e > p && (is_space(e[-1]) || e[-1] == 0)) e--;
    if (p == e || e - p > 128) return -1;
    const struct dt unset = {.y = -1, .m = -1, .d = -1, .hh = -1, .mm = -1, .ss = -1, .pm = -1};
    struct dt t = unset;
    int r = parse_iso(p, e, &t);
    if (r < 0) {
        t = unset;
        r = parse_tokens(p, e, &t);
    }
    if (r != 1) return -1;
    if (t.hh < 0) t.hh = 0;
    if (t.mm < 0) t.mm = 0;
    if (t.ss < 0) t.ss = 0;
    if (t.pm >= 0) {
        if (t.hh < 1 || t.hh > 12) return -1;
        t.hh = t.hh % 12 + (t.pm ? 12 : 0);
    }
    if (t.korean && !t.have_zone) t.zone = 9 * 60;
    if (t.y < 0 || t.y > 9999 || t.m < 1 || t.m > 12 || t.d < 1 || t.d > fw_cal_month_days(t.y, t.m)) return -1;
    if (t.hh > 24 || t.mm > 59 || t.ss > 60 || (t.hh == 24 && (t.mm || t.ss))) return -1;
    *epoch_out = fw_cal_days_from_civil(t.y, t.m, t.d) * 86400 + t.hh * 3600 + t.mm * 60 + t.ss -
                 (int64_t)t.zone * 60;
    return 0;
}

void fw_date_format_rfc3339(int64_t t, char out[32])
{
    const int64_t lo = fw_cal_days_from_civil(0, 1, 1) * 86400;
    const int64_t hi = fw_cal_days_from_civil(10000, 1, 1) * 86400 - 1;
    if (t < lo) t = lo;
    if (t > hi) t = hi;
    int64_t days = fw_cal_days_of_epoch(t);
    int64_t secs = t - days * 86400;
    struct fw_ymd c = fw_cal_civil_from_days(days);
    /* every field is in range here, so 20 bytes + NUL always fit */
    snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)c.y % 10000u, (unsigned)c.m % 100u, (unsigned)c.d % 100u,
             (unsigned)(secs / 3600) % 100u, (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
}
