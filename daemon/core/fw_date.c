#include "feedwire/fw_date.h"

#include <stdio.h>
#include <string.h>

/* A broken-down date being assembled; -1 = not seen. zone is in minutes east. */
struct dt {
    int y, m, d, hh, mm, ss;
    int zone, have_zone;
    int pm;     /* -1, 0 am, 1 pm */
    int korean; /* Hangul markers seen: the date is KST unless a zone says otherwise */
};

enum { W_MONTH, W_WDAY, W_ZONE, W_AMPM };

static const struct word {
    const char *w;
    unsigned char kind;
    short val;
} words[] = {
    {"jan", W_MONTH, 1}, {"january", W_MONTH, 1}, {"feb", W_MONTH, 2}, {"february", W_MONTH, 2},
    {"mar", W_MONTH, 3}, {"march", W_MONTH, 3}, {"apr", W_MONTH, 4}, {"april", W_MONTH, 4},
    {"may", W_MONTH, 5}, {"jun", W_MONTH, 6}, {"june", W_MONTH, 6}, {"jul", W_MONTH, 7},
    {"july", W_MONTH, 7}, {"aug", W_MONTH, 8}, {"august", W_MONTH, 8}, {"sep", W_MONTH, 9},
    {"sept", W_MONTH, 9}, {"september", W_MONTH, 9}, {"oct", W_MONTH, 10}, {"october", W_MONTH, 10},
    {"nov", W_MONTH, 11}, {"november", W_MONTH, 11}, {"dec", W_MONTH, 12}, {"december", W_MONTH, 12},
    {"mon", W_WDAY, 0}, {"monday", W_WDAY, 0}, {"tue", W_WDAY, 0}, {"tues", W_WDAY, 0},
    {"tuesday", W_WDAY, 0}, {"wed", W_WDAY, 0}, {"wednesday", W_WDAY, 0}, {"thu", W_WDAY, 0},
    {"thur", W_WDAY, 0}, {"thurs", W_WDAY, 0}, {"thursday", W_WDAY, 0}, {"fri", W_WDAY, 0},
    {"friday", W_WDAY, 0}, {"sat", W_WDAY, 0}, {"saturday", W_WDAY, 0}, {"sun", W_WDAY, 0},
    {"sunday", W_WDAY, 0},
    /* RFC 822 zones, the North American ones without D/S that feeds use, the
     * military letters feedparser knows, and common abbreviations elsewhere. */
    {"ut", W_ZONE, 0}, {"utc", W_ZONE, 0}, {"gmt", W_ZONE, 0}, {"z", W_ZONE, 0},
    {"a", W_ZONE, -60}, {"n", W_ZONE, 60}, {"m", W_ZONE, -720}, {"y", W_ZONE, 720},
    {"adt", W_ZONE, -180}, {"ast", W_ZONE, -240}, {"at", W_ZONE, -240}, {"edt", W_ZONE, -240},
    {"est", W_ZONE, -300}, {"et", W_ZONE, -300}, {"cdt", W_ZONE, -300}, {"cst", W_ZONE, -360},
    {"ct", W_ZONE, -360}, {"mdt", W_ZONE, -360}, {"mst", W_ZONE, -420}, {"mt", W_ZONE, -420},
    {"pdt", W_ZONE, -420}, {"pst", W_ZONE, -480}, {"pt", W_ZONE, -480}, {"akdt", W_ZONE, -480},
    {"akst", W_ZONE, -540}, {"hst", W_ZONE, -600}, {"wet", W_ZONE, 0}, {"west", W_ZONE, 60},
    {"bst", W_ZONE, 60}, {"met", W_ZONE, 60}, {"mest", W_ZONE, 120}, {"cet", W_ZONE, 60},
    {"cest", W_ZONE, 120}, {"eet", W_ZONE, 120}, {"eest", W_ZONE, 180}, {"msk", W_ZONE, 180},
    {"ist", W_ZONE, 330}, {"sgt", W_ZONE, 480}, {"hkt", W_ZONE, 480}, {"awst", W_ZONE, 480},
    {"jst", W_ZONE, 540}, {"kst", W_ZONE, 540}, {"acst", W_ZONE, 570}, {"aest", W_ZONE, 600},
    {"aedt", W_ZONE, 660}, {"nzst", W_ZONE, 720}, {"nzdt", W_ZONE, 780},
    {"am", W_AMPM, 0}, {"pm", W_AMPM, 1}, {"\xec\x98\xa4\xec\xa0\x84", W_AMPM, 0} /* 오전 */,
    {"\xec\x98\xa4\xed\x9b\x84", W_AMPM, 1} /* 오후 */,
    /* Greek abbreviations (feedparser's table, accented and plain) */
    {"Ιαν", W_MONTH, 1}, {"Φεβ", W_MONTH, 2}, {"Μάώ", W_MONTH, 3}, {"Μαώ", W_MONTH, 3},
    {"Μάρ", W_MONTH, 3}, {"Μαρ", W_MONTH, 3}, {"Απρ", W_MONTH, 4}, {"Μάι", W_MONTH, 5},
    {"Μαϊ", W_MONTH, 5}, {"Μαι", W_MONTH, 5}, {"Ιούν", W_MONTH, 6}, {"Ιον", W_MONTH, 6},
    {"Ιούλ", W_MONTH, 7}, {"Ιολ", W_MONTH, 7}, {"Αύγ", W_MONTH, 8}, {"Αυγ", W_MONTH, 8},
    {"Σεπ", W_MONTH, 9}, {"Οκτ", W_MONTH, 10}, {"Νοέ", W_MONTH, 11}, {"Νοε", W_MONTH, 11},
    {"Δεκ", W_MONTH, 12}, {"Κυρ", W_WDAY, 0}, {"Δευ", W_WDAY, 0}, {"Τρι", W_WDAY, 0},
    {"Τετ", W_WDAY, 0}, {"Πεμ", W_WDAY, 0}, {"Παρ", W_WDAY, 0}, {"Σαβ", W_WDAY, 0},
    /* Hungarian (feedparser also accepts its misspelt "máujus") */
    {"január", W_MONTH, 1}, {"február", W_MONTH, 2}, {"március", W_MONTH, 3},
    {"április", W_MONTH, 4}, {"május", W_MONTH, 5}, {"máujus", W_MONTH, 5}, {"június", W_MONTH, 6},
    {"július", W_MONTH, 7}, {"augusztus", W_MONTH, 8}, {"szeptember", W_MONTH, 9},
    {"október", W_MONTH, 10}, {"november", W_MONTH, 11}, {"december", W_MONTH, 12},
};

#define HANGUL_YEAR "\xeb\x85\x84"  /* 년 */
#define HANGUL_MONTH "\xec\x9b\x94" /* 월 */
#define HANGUL_DAY "\xec\x9d\xbc"   /* 일 */

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_wordc(int c) { return is_alpha(c) || (unsigned char)c >= 0x80; }
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

static const struct word *lookup(const char *p, size_t n)
{
    char low[32];
    if (n == 0 || n >= sizeof low) return NULL;
    for (size_t i = 0; i < n; i++) low[i] = (char)(is_alpha(p[i]) ? (p[i] | 32) : p[i]);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i].w) == n && memcmp(words[i].w, low, n) == 0) return &words[i];
    /* Greek entries start with a capital: compare them as written too */
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i].w) == n && memcmp(words[i].w, p, n) == 0) return &words[i];
    return NULL;
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

int64_t fw_date_days_from_civil(int64_t y, int m, int d)
{
    /* H. Hinnant's algorithm: exact for the proleptic Gregorian calendar */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int mdays(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : dm[m - 1];
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

/* "+HH", "+HHMM", "+HH:MM" (p at the sign); 1 ok, 0 bad. */
static int parse_offset(const char **pp, const char *e, int *minutes)
{
    const char *p = *pp;
    int sign = *p++ == '-' ? -1 : 1, h, m = 0;
    int n = (int)run_digits(p, e);
    if (n == 4) {
        digits(&p, e, 2, &h);
        digits(&p, e, 2, &m);
    } else if (n == 1 || n == 2) {
        digits(&p, e, 2, &h);
        if (p < e && *p == ':') {
            p++;
            if (digits(&p, e, 2, &m) != 2) return 0;
        }
    } else {
        return 0;
    }
    if (h > 23 || m > 59) return 0;
    *minutes = sign * (h * 60 + m);
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
            const struct word *w = lookup(p, (size_t)(we - p));
            if (!w || w->kind != W_MONTH) return 0;
            t->m = w->val;
            p = we;
            if (p >= e || *p != '-') return 0;
            p++;
            if (digits(&p, e, 2, &t->d) < 1) return 0;
        } else {
            size_t n2 = run_digits(p, e);
            if (n2 == 3) { /* ordinal day */
                int od;
                digits(&p, e, 3, &od);
                if (od < 1 || od > (leap(t->y) ? 366 : 365)) return 0;
                for (t->m = 1; od > mdays(t->y, t->m); t->m++) od -= mdays(t->y, t->m);
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
        if (od < 1 || od > (leap(t->y) ? 366 : 365)) return 0;
        for (t->m = 1; od > mdays(t->y, t->m); t->m++) od -= mdays(t->y, t->m);
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
            const struct word *w = lookup(p, (size_t)(we - p));
            if (!w || w->kind != W_AMPM) return 0;
            t->pm = w->val;
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
        if (!parse_offset(&p, e, &t->zone)) return 0;
        t->have_zone = 1;
    } else if (is_alpha(*p)) {
        const char *we = word_end(p, e);
        const struct word *w = lookup(p, (size_t)(we - p));
        if (!w || w->kind != W_ZONE) return 0;
        t->zone = w->val;
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
            if (!parse_offset(&p, e, &off)) return 0;
            t->zone += off;
            t->have_zone = 1;
        } else if (c == '-') {
            p++;
        } else if (is_wordc(c)) {
            const char *we = word_end(p, e);
            const struct word *w = lookup(p, (size_t)(we - p));
            if (!w) return 0;
            if (w->kind == W_MONTH) {
                if (t->m >= 0) return 0;
                t->m = w->val;
            } else if (w->kind == W_ZONE) {
                if (have_zone_name) return 0;
                have_zone_name = t->have_zone = 1;
                t->zone += w->val;
            } else if (w->kind == W_AMPM) {
                t->pm = w->val;
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
    if (t.y < 0 || t.y > 9999 || t.m < 1 || t.m > 12 || t.d < 1 || t.d > mdays(t.y, t.m)) return -1;
    if (t.hh > 24 || t.mm > 59 || t.ss > 60 || (t.hh == 24 && (t.mm || t.ss))) return -1;
    *epoch_out = fw_date_days_from_civil(t.y, t.m, t.d) * 86400 + t.hh * 3600 + t.mm * 60 + t.ss -
                 (int64_t)t.zone * 60;
    return 0;
}

void fw_date_format_rfc3339(int64_t t, char out[32])
{
    const int64_t lo = fw_date_days_from_civil(0, 1, 1) * 86400;
    const int64_t hi = fw_date_days_from_civil(10000, 1, 1) * 86400 - 1;
    if (t < lo) t = lo;
    if (t > hi) t = hi;
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    /* inverse of days_from_civil (Hinnant) */
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    y += m <= 2;
    /* every field is in range here, so 20 bytes + NUL always fit */
    snprintf(out, 32, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u,
             (unsigned)(secs / 3600) % 100u, (unsigned)(secs / 60 % 60), (unsigned)(secs % 60));
}
