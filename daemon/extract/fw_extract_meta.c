/* fw_extract_meta: the metadata half of fw_extract. Candidates for each field
 * come from JSON-LD, <meta>, elements and the URL, each with a rank; the best
 * rank wins. Also the page-date parser (ISO 8601, RFC 822, numeric and
 * month-name forms in English, German, French, Spanish, Italian) and the
 * title cleanup of <title>. Thread: any. */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "feedwire/fw_cal.h"
#include "fw_extract_int.h"

#define META_VALUE_MAX 4096 /* longer meta values are cut: no title or date is that long */

int fw_xcasestr(const char *hay, const char *needle)
{
    return hay && strcasestr(hay, needle) != NULL;
}

const char *fw_xattr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next) {
        if (strcasecmp((const char *)a->name, name) != 0) continue;
        if (a->children && a->children->content) return (const char *)a->children->content;
        return "";
    }
    return NULL;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* U+00A0 (C2 A0) counts as a space too: pages put it between words. */
void fw_xappend_collapsed(struct fw_buf *b, const char *s, size_t n, int *sp)
{
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        int ws = is_space(c), w = 1;
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) ws = 1, w = 2;
        if (ws) {
            if (run) fw_buf_add(b, s + i - run, run);
            run = 0;
            if (!*sp && b->len) fw_buf_addc(b, ' ');
            *sp = 1;
            i += (size_t)w;
            continue;
        }
        *sp = 0;
        run++;
        i++;
    }
    if (run) fw_buf_add(b, s + n - run, run);
}

static int is_inline_tag(const char *t)
{
    static const char *const inl[] = {"a",    "span", "b",    "i",    "em", "strong", "small", "sup", "sub",
                                      "abbr", "time", "font", "u",    "mark", "q",    "cite",  "code", "s",
                                      "bdi",  "bdo",  "kbd",  "var",  "dfn", "wbr",   NULL};
    for (int i = 0; inl[i]; i++)
        if (!strcmp(t, inl[i])) return 1;
    return 0;
}

void fw_xnode_text(xmlNode *node, struct fw_buf *b, size_t cap)
{
    int sp = 1;
    size_t start = b->len;
    xmlNode *n = node->children;
    int depth = 0;
    while (n && depth >= 0) {
        int down = 0;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) fw_xappend_collapsed(b, (const char *)n->content, strlen((const char *)n->content), &sp);
        } else if (n->type == XML_ELEMENT_NODE) {
            const char *t = (const char *)n->name;
            if (strcmp(t, "script") && strcmp(t, "style") && strcmp(t, "noscript") && strcmp(t, "template")) {
                down = depth < 64;
                if (!is_inline_tag(t) && !sp) {
                    fw_buf_addc(b, ' ');
                    sp = 1;
                }
            }
        }
        if (b->len - start > cap) break;
        if (down && n->children) {
            n = n->children;
            depth++;
            continue;
        }
        while (n && !n->next && depth >= 0) {
            n = n->parent;
            depth--;
        }
        if (depth < 0 || !n) break;
        n = n->next;
    }
    while (b->len > start && b->p[b->len - 1] == ' ') b->p[--b->len] = 0;
}

void fw_xmeta_fini(struct fw_xmeta *m)
{
    for (int i = 0; i < FW_X__COUNT; i++) free(m->slot[i].val);
    for (int i = 0; i < m->nauthor_c; i++) free(m->author_c[i].val);
    free(m->doc_title);
    free(m->kicker);
    for (int i = 0; i < 4; i++) free(m->h1s[i]);
    memset(m, 0, sizeof *m);
}

static char *collapse_dup(const char *v, size_t n)
{
    struct fw_buf b;
    int sp = 1;
    fw_buf_init(&b, 0);
    if (n > META_VALUE_MAX) n = META_VALUE_MAX;
    fw_xappend_collapsed(&b, v, n, &sp);
    while (b.len && b.p[b.len - 1] == ' ') b.p[--b.len] = 0;
    if (!b.len) {
        fw_buf_fini(&b);
        return NULL;
    }
    return fw_buf_steal(&b);
}

void fw_xmeta_offer(struct fw_xmeta *m, enum fw_xslot s, const char *v, size_t n, int rank)
{
    struct fw_xcand *c = &m->slot[s];
    if (s == FW_X_AUTHOR) fw_xmeta_offer_author(m, v, n, rank);
    if (s == FW_X_LANGUAGE && v && !m->region[0] && rank < FW_XR_META2 && n >= 5 && n < 16 && (v[2] == '-' || v[2] == '_') &&
        isalpha((unsigned char)v[3]) && isalpha((unsigned char)v[4]) && (n == 5 || !isalnum((unsigned char)v[5])))
        m->region[0] = (char)tolower((unsigned char)v[3]), m->region[1] = (char)tolower((unsigned char)v[4]);
    if (!v || (c->val && c->rank <= rank)) return;
    char *d = collapse_dup(v, n);
    if (!d) return;
    free(c->val);
    c->val = d;
    c->rank = rank;
}

/* ---- dates ---- */

static int date_ok(const struct fw_xdate *d)
{
    if (d->y < 1995 || d->mo < 1 || d->mo > 12 || d->d < 1 || d->d > fw_cal_month_days(d->y, d->mo)) return 0;
    /* no page was published tomorrow: reject future dates (copyright years, events) */
    time_t now = time(NULL) + 86400;
    struct tm tm;
    gmtime_r(&now, &tm);
    long today = (tm.tm_year + 1900) * 10000L + (tm.tm_mon + 1) * 100L + tm.tm_mday;
    return d->y * 10000L + d->mo * 100L + d->d <= today;
}

/* Reads exactly `len` digits (or 1..len when minlen < len) at s[*i]. */
static int digits(const char *s, size_t n, size_t *i, int minlen, int maxlen, int *val)
{
    size_t j = *i;
    int v = 0, k = 0;
    while (j < n && k < maxlen && isdigit((unsigned char)s[j])) v = v * 10 + (s[j++] - '0'), k++;
    if (k < minlen) return 0;
    if (j < n && isdigit((unsigned char)s[j])) return 0; /* longer number: not ours */
    *i = j;
    *val = v;
    return 1;
}

static void parse_time(const char *s, size_t n, size_t i, struct fw_xdate *d)
{
    if (i < n && (s[i] == 'T' || s[i] == ' ' || s[i] == ',')) i++;
    while (i < n && s[i] == ' ') i++;
    int h, mi, sec = 0;
    if (!digits(s, n, &i, 2, 2, &h) || i >= n || s[i] != ':') return;
    i++;
    if (!digits(s, n, &i, 2, 2, &mi)) return;
    if (i < n && s[i] == ':') {
        i++;
        if (!digits(s, n, &i, 1, 2, &sec)) return; /* "23:15:0Z": sloppy stamps drop a zero */
        if (i < n && s[i] == '.') {
            i++;
            while (i < n && isdigit((unsigned char)s[i])) i++;
        }
    }
    if (h > 23 || mi > 59 || sec > 60) return;
    d->has_time = 1, d->h = h, d->mi = mi, d->s = sec;
    while (i < n && s[i] == ' ') i++;
    if (i < n && s[i] == 'Z') {
        d->has_tz = 1, d->tz_min = 0;
    } else if (i < n && (s[i] == '+' || s[i] == '-')) {
        const char *p = s + i;
        int off;
        if (!fw_cal_offset(&p, s + n, &off) || off > 14 * 60 + 59 || off < -(14 * 60 + 59)) return;
        d->has_tz = 1, d->tz_min = off;
    } else if (i + 3 <= n && (!strncmp(s + i, "GMT", 3) || !strncmp(s + i, "UTC", 3))) {
        d->has_tz = 1, d->tz_min = 0;
    }
}

/* The languages whose month names page dates are read in */
#define PAGE_LANGS (FW_CAL_ALL & ~FW_CAL_EL) /* Greek abbreviations: feeds only */

/* A month name at s[*i] (a word of letters, ASCII case-folded, optional '.'). */
static int month_word(const char *s, size_t n, size_t *i)
{
    size_t j = *i;
    while (j < n && (isalpha((unsigned char)s[j]) || (unsigned char)s[j] >= 0x80)) j++;
    struct fw_cal_name nm;
    if (j - *i < 3 || !fw_cal_name(s + *i, j - *i, PAGE_LANGS, &nm) || nm.kind != FW_CAL_MONTH) return 0;
    if (j < n && s[j] == '.') j++;
    *i = j;
    return nm.val;
}

static void skip_ordinal(const char *s, size_t n, size_t *i)
{
    size_t j = *i;
    if (j + 1 < n && (!strncasecmp(s + j, "st", 2) || !strncasecmp(s + j, "nd", 2) || !strncasecmp(s + j, "rd", 2) ||
                      !strncasecmp(s + j, "th", 2)))
        j += 2;
    if (j < n && s[j] == '.') j++;
    *i = j;
}

static void skip_sep(const char *s, size_t n, size_t *i)
{
    while (*i < n && (s[*i] == ' ' || s[*i] == ',' || s[*i] == '\t' || s[*i] == '\n')) (*i)++;
    /* "&nbsp;" decoded */
    while (*i + 1 < n && (unsigned char)s[*i] == 0xC2 && (unsigned char)s[*i + 1] == 0xA0) *i += 2;
    while (*i < n && (s[*i] == ' ' || s[*i] == ',')) (*i)++;
}

/* "4. 2. 2022": the space typesetters put after a day's or a month's dot
 * (a space, a no-break, thin or narrow no-break space), skipped from s[j]. */
static size_t space_after_dot(const char *s, size_t n, size_t j)
{
    if (j < n && s[j] == ' ') return j + 1;
    if (j + 1 < n && (unsigned char)s[j] == 0xC2 && (unsigned char)s[j + 1] == 0xA0) return j + 2;
    if (j + 2 < n && (unsigned char)s[j] == 0xE2 && (unsigned char)s[j + 1] == 0x80 &&
        ((unsigned char)s[j + 2] == 0x89 || (unsigned char)s[j + 2] == 0xAF))
        return j + 3;
    return j;
}

/* " | " or " / " at s[j]: a separator of a date's numbers set with spaces. */
static int spaced_sep(const char *s, size_t n, size_t j)
{
    return j + 3 < n && s[j] == ' ' && (s[j + 1] == '|' || s[j + 1] == '/') && s[j + 2] == ' ' &&
           isdigit((unsigned char)s[j + 3]);
}

/* One date starting exactly at s[i]; returns the index after it or 0. */
static size_t date_at(const char *s, size_t n, size_t i, struct fw_xdate *d)
{
    struct fw_xdate t = {0};
    size_t j = i;
    int a, b, c;
    if (isdigit((unsigned char)s[i])) {
        if (digits(s, n, &j, 4, 4, &a)) {
            /* YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD */
            if (j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
                char sep = s[j++];
                if (digits(s, n, &j, 1, 2, &b) && j < n && s[j] == sep) {
                    j++;
                    if (digits(s, n, &j, 1, 2, &c)) {
                        t.y = a, t.mo = b, t.d = c;
                        if (date_ok(&t)) {
                            parse_time(s, n, j, &t);
                            *d = t;
                            return j;
                        }
                    }
                }
            }
            return 0;
        }
        j = i;
        if (!digits(s, n, &j, 1, 2, &a)) return 0;
        size_t k = j + 1;
        int spaced = spaced_sep(s, n, j); /* "26 | 01 | 2022" */
        if (j < n && s[j] == '.') k = space_after_dot(s, n, k);
        if (spaced) k = j + 3;
        if (j < n && (spaced || s[j] == '.' || s[j] == '/' || s[j] == '-') && k < n && isdigit((unsigned char)s[k])) {
            char sep = spaced ? s[j + 1] : s[j];
            j = k;
            if (!digits(s, n, &j, 1, 2, &b)) return 0;
            if (spaced) {
                if (!spaced_sep(s, n, j) || s[j + 1] != sep) return 0;
                j += 3;
            } else {
                if (j >= n || s[j] != sep) return 0;
                j = sep == '.' ? space_after_dot(s, n, j + 1) : j + 1;
            }
            if (!digits(s, n, &j, 4, 4, &c)) return 0;
            /* day first, except US slashes when the first part can be a month */
            if (sep == '/' && a <= 12 && b > 12) t.mo = a, t.d = b;
            else if (sep == '/' && a <= 12 && b <= 12) t.mo = a, t.d = b;
            else t.d = a, t.mo = b;
            t.y = c;
            if (!date_ok(&t)) return 0;
            parse_time(s, n, j, &t);
            *d = t;
            return j;
        }
        /* D[.] Month YYYY */
        skip_ordinal(s, n, &j);
        skip_sep(s, n, &j);
        if (j + 3 < n && !strncmp(s + j, "de ", 3)) j += 3; /* "16 de octubre de 2019" */
        int mo = month_word(s, n, &j);
        if (!mo) return 0;
        skip_sep(s, n, &j);
        if (j + 3 < n && !strncmp(s + j, "de ", 3)) j += 3;
        if (!digits(s, n, &j, 4, 4, &c)) return 0;
        t.y = c, t.mo = mo, t.d = a;
        if (!date_ok(&t)) return 0;
        parse_time(s, n, j, &t);
        *d = t;
        return j;
    }
    /* Month D[th][,] YYYY */
    int mo = month_word(s, n, &j);
    if (!mo) return 0;
    skip_sep(s, n, &j);
    if (!digits(s, n, &j, 1, 2, &a)) return 0;
    skip_ordinal(s, n, &j);
    skip_sep(s, n, &j);
    if (!digits(s, n, &j, 4, 4, &c)) return 0;
    t.y = c, t.mo = mo, t.d = a;
    if (!date_ok(&t)) return 0;
    parse_time(s, n, j, &t);
    *d = t;
    return j;
}

int fw_xdate_parse(const char *s, size_t n, struct fw_xdate *d, int from_text)
{
    size_t lim = from_text ? n : (n < 80 ? n : 80);
    for (size_t i = 0; i < lim; i++) {
        unsigned char c = (unsigned char)s[i];
        /* a date starts at a word boundary */
        if (i > 0 && (isalnum((unsigned char)s[i - 1]))) continue;
        if (!isalnum(c)) continue;
        if (date_at(s, n, i, d)) return 1;
    }
    return 0;
}

int fw_xdate_each(const char *s, size_t n, int (*fn)(const struct fw_xdate *d, void *arg), void *arg)
{
    struct fw_xdate d;
    for (size_t i = 0; i < n; i++) {
        if ((i > 0 && isalnum((unsigned char)s[i - 1])) || !isalnum((unsigned char)s[i])) continue;
        size_t e = date_at(s, n, i, &d);
        if (!e) continue;
        if (fn(&d, arg)) return 1;
        i = e - 1;
    }
    return 0;
}

void fw_xdate_format(const struct fw_xdate *d, char *out, size_t outsz)
{
    if (d->has_time && d->has_tz) {
        if (d->tz_min == 0)
            snprintf(out, outsz, "%04d-%02d-%02dT%02d:%02d:%02dZ", d->y, d->mo, d->d, d->h, d->mi, d->s);
        else {
            int tz = d->tz_min < 0 ? -d->tz_min : d->tz_min;
            snprintf(out, outsz, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", d->y, d->mo, d->d, d->h, d->mi, d->s,
                     d->tz_min < 0 ? '-' : '+', tz / 60, tz % 60);
        }
    } else {
        snprintf(out, outsz, "%04d-%02d-%02d", d->y, d->mo, d->d);
    }
}

void fw_xmeta_offer_date(struct fw_xmeta *m, enum fw_xslot s, const char *v, size_t n, int rank, int from_text)
{
    struct fw_xdate d;
    char out[40];
    int wanted = !m->slot[s].val || m->slot[s].rank > rank;
    int local_kept = s == FW_X_PUBLISHED && m->nlocal < 4 && !from_text;
    if (!v || (!wanted && !local_kept)) return;
    if (!fw_xdate_parse(v, n, &d, from_text)) return;
    if (local_kept && d.has_time && d.has_tz && d.tz_min) m->local[m->nlocal++] = d;
    if (!wanted) return;
    fw_xdate_format(&d, out, sizeof out);
    fw_xmeta_offer(m, s, out, strlen(out), rank);
}

static const char *const modified_labels[] = {"nderung", "geändert", "aktualisiert", "updated", "modified",
                                              "mis à jour", "actualizado", "aggiornato", "last edit", NULL};

static const char *const published_labels[] = {"veröffentlicht", "erschienen", "published", "publié", "publicado",
                                               "pubblicato", "opublikowano", "posted on", "wurde am", NULL};

/* dates that are not the page's: a forum's or a portal's clock (today), a
 * member's registration */
static const char *const foreign_labels[] = {"aktuelle zeit", "it is currently", "current time", "heute ist",
                                             "nous sommes le", "fecha actual", "oggi è", "today is",
                                             "registriert:", "joined:", "mitglied seit", "member since",
                                             "dabei seit", "inscrit le", "registrado:", NULL};

int fw_xdate_label(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && (s[k] < '0' || s[k] > '9')) k++;
    if (k == n || k > 200) return 0;
    char head[208];
    memcpy(head, s, k);
    head[k] = 0;
    for (const char *const *w = foreign_labels; *w; w++)
        if (strcasestr(head, *w)) return -2;
    for (const char *const *w = modified_labels; *w; w++)
        if (strcasestr(head, *w)) return -1;
    for (const char *const *w = published_labels; *w; w++)
        if (strcasestr(head, *w)) return 1;
    return 0;
}

/* "30.10.23": day-first with a two-digit year, trusted only inside an element
 * named for a date. */
static int short_date(const char *s, size_t n, struct fw_xdate *d)
{
    for (size_t i = 0; i + 6 <= n; i++) {
        if (i > 0 && (isdigit((unsigned char)s[i - 1]) || s[i - 1] == '.')) continue;
        int v[3] = {0, 0, 0}, k = 0;
        size_t j = i;
        for (; k < 3; k++) {
            size_t st = j;
            while (j < n && j - st < 2 && isdigit((unsigned char)s[j])) v[k] = v[k] * 10 + (s[j++] - '0');
            if (j == st || (k == 2 && j - st != 2)) break;
            if (k < 2 && (j >= n || s[j] != '.')) break;
            if (k < 2) j++;
        }
        if (k < 3 || (j < n && (isdigit((unsigned char)s[j]) || (s[j] == '.' && j + 1 < n && isdigit((unsigned char)s[j + 1])))))
            continue;
        if (v[0] < 1 || v[0] > 31 || v[1] < 1 || v[1] > 12) continue;
        memset(d, 0, sizeof *d);
        d->y = 2000 + v[2], d->mo = v[1], d->d = v[0];
        return 1;
    }
    return 0;
}

void fw_xmeta_text_hint(struct fw_xmeta *m, const char *v, size_t n)
{
    struct fw_xdate d;
    char out[40];
    int two_digit = 0;
    if (!fw_xdate_parse(v, n, &d, 1) && !(two_digit = short_date(v, n, &d))) return;
    /* an update stamp serves only when nothing better follows; so does a
     * two-digit year ("19.1.23", an event's date in a side list) */
    int label = fw_xdate_label(v, n);
    if (label == -2) return;
    if (!m->has_text_date && label >= 0) m->text_date = d, m->has_text_date = 1;
    fw_xdate_format(&d, out, sizeof out);
    fw_xmeta_offer(m, FW_X_PUBLISHED, out, strlen(out),
                   label > 0 ? FW_XR_LABELLED : FW_XR_TEXT + (label < 0 ? 5 : 0) + (two_digit ? 3 : 0));
}

static long days_from_civil(int y, int m, int d) { return (long)fw_cal_days_from_civil(y, m, d); }

static long minutes_utc(const struct fw_xdate *d)
{
    return days_from_civil(d->y, d->mo, d->d) * 1440L + d->h * 60L + d->mi - d->tz_min;
}

long fw_xdate_days_apart(const struct fw_xdate *a, const struct fw_xdate *b)
{
    long d = days_from_civil(a->y, a->mo, a->d) - days_from_civil(b->y, b->mo, b->d);
    return d < 0 ? -d : d;
}

/* Daylight saving time in the United States and Canada: from the second
 * Sunday of March to the first Sunday of November, 2:00 local. t: minutes
 * since the epoch, std: the zone's standard offset. */
static int us_dst(long t, int std)
{
    long local = t + std;
    struct fw_ymd day = fw_cal_civil_from_days(local / 1440);
    long mar1 = days_from_civil(day.y, 3, 1), nov1 = days_from_civil(day.y, 11, 1);
    long start = mar1 + (7 - (mar1 + 4) % 7) % 7 + 7, end = nov1 + (7 - (nov1 + 4) % 7) % 7; /* 1970-01-01: Thursday */
    return local >= start * 1440 + 120 && local < end * 1440 + 60;
}

/* The civil time of the country a page is published in: its standard offset
 * (minutes east of UTC) and its daylight saving rule. The zone of the
 * capital or of most readers where a country has several; southern
 * summer time is left out. */
enum { DST_NONE, DST_EU, DST_US };
static const struct {
    char cc[3];
    short std;
    char dst;
} zones[] = {
    {"de", 60, DST_EU},   {"at", 60, DST_EU},   {"ch", 60, DST_EU},   {"fr", 60, DST_EU},   {"it", 60, DST_EU},
    {"es", 60, DST_EU},   {"nl", 60, DST_EU},   {"be", 60, DST_EU},   {"lu", 60, DST_EU},   {"pl", 60, DST_EU},
    {"cz", 60, DST_EU},   {"sk", 60, DST_EU},   {"hu", 60, DST_EU},   {"si", 60, DST_EU},   {"hr", 60, DST_EU},
    {"dk", 60, DST_EU},   {"se", 60, DST_EU},   {"no", 60, DST_EU},   {"ba", 60, DST_EU},   {"rs", 60, DST_EU},
    {"li", 60, DST_EU},   {"mt", 60, DST_EU},   {"gb", 0, DST_EU},    {"uk", 0, DST_EU},    {"ie", 0, DST_EU},
    {"pt", 0, DST_EU},    {"fi", 120, DST_EU},  {"ee", 120, DST_EU},  {"lv", 120, DST_EU},  {"lt", 120, DST_EU},
    {"gr", 120, DST_EU},  {"ro", 120, DST_EU},  {"bg", 120, DST_EU},  {"ua", 120, DST_EU},  {"cy", 120, DST_EU},
    {"ru", 180, DST_NONE}, {"by", 180, DST_NONE}, {"tr", 180, DST_NONE}, {"eg", 120, DST_NONE},
    {"za", 120, DST_NONE}, {"ke", 180, DST_NONE}, {"ng", 60, DST_NONE},  {"sa", 180, DST_NONE},
    {"ae", 240, DST_NONE}, {"ir", 210, DST_NONE}, {"pk", 300, DST_NONE}, {"in", 330, DST_NONE},
    {"bd", 360, DST_NONE}, {"th", 420, DST_NONE}, {"vn", 420, DST_NONE}, {"id", 420, DST_NONE},
    {"cn", 480, DST_NONE}, {"hk", 480, DST_NONE}, {"tw", 480, DST_NONE}, {"sg", 480, DST_NONE},
    {"my", 480, DST_NONE}, {"ph", 480, DST_NONE}, {"jp", 540, DST_NONE}, {"kr", 540, DST_NONE},
    {"au", 600, DST_NONE}, {"nz", 720, DST_NONE}, {"br", -180, DST_NONE}, {"ar", -180, DST_NONE},
    {"uy", -180, DST_NONE}, {"cl", -240, DST_NONE}, {"pe", -300, DST_NONE}, {"ec", -300, DST_NONE},
    {"ve", -240, DST_NONE}, {"bo", -240, DST_NONE}, {"mx", -360, DST_NONE}, {"us", -300, DST_US},
    {"ca", -300, DST_US},
};

/* The zone of the page's country: its host's country-code domain, else the
 * region of a language tag. -1 if unknown. */
static int page_zone(const struct fw_xmeta *m)
{
    char tld[3] = "";
    const char *h = m->url ? strstr(m->url, "://") : NULL;
    if (h) {
        h += 3;
        size_t n = strcspn(h, "/:?#");
        if (n >= 4 && h[n - 3] == '.' && isalpha((unsigned char)h[n - 2]) && isalpha((unsigned char)h[n - 1]))
            tld[0] = (char)tolower((unsigned char)h[n - 2]), tld[1] = (char)tolower((unsigned char)h[n - 1]);
    }
    for (int pass = 0; pass < 2; pass++) {
        const char *cc = pass ? m->region : tld;
        for (size_t i = 0; cc[0] && i < sizeof zones / sizeof zones[0]; i++)
            if (!strcmp(zones[i].cc, cc)) return (int)i;
    }
    return -1;
}

static int zone_offset(int z, long t)
{
    int std = zones[z].std;
    if (zones[z].dst == DST_EU) return std + fw_cal_cet_offset((int64_t)t * 60) - 60;
    if (zones[z].dst == DST_US) return std + (us_dst(t, std) ? 60 : 0);
    return std;
}

/* d re-expressed at offset off (minutes east of UTC). */
static void shift_to(struct fw_xdate *d, int off)
{
    long t = minutes_utc(d), local = t + off;
    struct fw_ymd day = fw_cal_civil_from_days(local / 1440);
    d->y = day.y, d->mo = day.m, d->d = day.d;
    d->h = (int)(local % 1440 / 60), d->mi = (int)(local % 60);
    d->tz_min = off;
}

int fw_xmeta_generic_published(const struct fw_xmeta *m)
{
    const struct fw_xcand *c = &m->slot[FW_X_PUBLISHED];
    /* a day without a time in a <meta> is a form's field (a scheduled day, an edit's), not a stamp */
    return c->val && (c->rank == FW_XR_META_GENERIC ||
                      (c->rank >= FW_XR_META && c->rank < FW_XR_ELEMENT && strlen(c->val) == 10));
}

void fw_xmeta_head_date(struct fw_xmeta *m)
{
    struct fw_xcand *c = &m->slot[FW_X_PUBLISHED];
    struct fw_xdate d;
    char out[40];
    if (!fw_xmeta_generic_published(m) || !m->has_head_date || !fw_xdate_parse(c->val, strlen(c->val), &d, 0) ||
        !fw_xdate_days_apart(&d, &m->head_date))
        return;
    fw_xdate_format(&m->head_date, out, sizeof out);
    free(c->val);
    c->val = fw_xstrdup(out);
    c->rank = FW_XR_TEXT;
}

void fw_xmeta_local_published(struct fw_xmeta *m)
{
    struct fw_xcand *c = &m->slot[FW_X_PUBLISHED];
    struct fw_xdate d;
    char out[40];
    if (!c->val || c->rank == FW_XR_URL || !fw_xdate_parse(c->val, strlen(c->val), &d, 0)) return;
    if (!d.has_time || !d.has_tz) return;
    int z = page_zone(m);
    if (d.tz_min) {
        /* an offset the page's country never uses is the server's, not the
         * readers': the same instant in the country's civil time */
        if (z < 0) return;
        int off = zone_offset(z, minutes_utc(&d)), std = zones[z].std;
        if (d.tz_min == off || d.tz_min == std || (zones[z].dst != DST_NONE && d.tz_min == std + 60)) return;
        shift_to(&d, off);
        goto set;
    }
    for (int i = 0; i < m->nlocal; i++) {
        if (minutes_utc(&m->local[i]) == minutes_utc(&d)) {
            d = m->local[i];
            goto set;
        }
    }
    /* a UTC stamp on a European page (its country, else a language of
     * central Europe), or on a page of the Americas, where a stamp after
     * midnight UTC is the evening before for its readers: the same instant
     * in their civil time. Pages of Asia and Oceania are dated by their UTC
     * day as often as by their local one. A stamp at midnight sharp is a day
     * written as an instant, not moved to the day before. */
    int day_only = !d.h && !d.mi && !d.s;
    if (z >= 0 && (zones[z].dst == DST_EU || (zones[z].std < 0 && !day_only))) {
        shift_to(&d, zone_offset(z, minutes_utc(&d)));
        goto set;
    }
    const char *lang = m->slot[FW_X_LANGUAGE].val;
    static const char *const cet[] = {"de", "fr", "it", "es", "nl", "pl", "cs", "da", "sv", "nb", "no", "hu",
                                      "hr", "sl", "sk", "sr", "bs", NULL};
    for (int i = 0; z < 0 && lang && cet[i]; i++) {
        if (strncasecmp(lang, cet[i], 2) || (lang[2] && lang[2] != '-' && lang[2] != '_')) continue;
        shift_to(&d, fw_cal_cet_offset((int64_t)minutes_utc(&d) * 60 + d.s));
        goto set;
    }
    /* a UTC stamp one day off the date printed by the headline: the print is local */
    if (m->has_text_date && fw_xdate_days_apart(&d, &m->text_date) == 1) {
        snprintf(out, sizeof out, "%04d-%02d-%02d", m->text_date.y, m->text_date.mo, m->text_date.d);
        free(c->val);
        c->val = fw_xstrdup(out);
    }
    return;
set:
    fw_xdate_format(&d, out, sizeof out);
    free(c->val);
    c->val = fw_xstrdup(out);
}

/* ---- <meta> ---- */

enum { K_DATE = 0x100 }; /* flag: the value is a date */

static const struct {
    const char *key;
    int slot; /* enum fw_xslot | K_DATE */
    int rank;
} meta_keys[] = {
    /* titles in the order Readability trusts them */
    {"dc:title", FW_X_TITLE, FW_XR_META + 1},
    {"dcterm:title", FW_X_TITLE, FW_XR_META + 2},
    {"og:title", FW_X_TITLE, FW_XR_META + 3},
    {"weibo:article:title", FW_X_TITLE, FW_XR_META + 4},
    {"weibo:webpage:title", FW_X_TITLE, FW_XR_META + 5},
    {"title", FW_X_TITLE, FW_XR_META + 6},
    {"twitter:title", FW_X_TITLE, FW_XR_META + 7},
    {"parsely-title", FW_X_TITLE, FW_XR_META + 8},
    {"dc:creator", FW_X_AUTHOR, FW_XR_META},
    {"dc.creator", FW_X_AUTHOR, FW_XR_META},
    {"dcterm:creator", FW_X_AUTHOR, FW_XR_META + 1},
    {"author", FW_X_AUTHOR, FW_XR_META + 2},
    {"article:author", FW_X_AUTHOR, FW_XR_META + 3},
    {"parsely-author", FW_X_AUTHOR, FW_XR_META + 3},
    {"sailthru.author", FW_X_AUTHOR, FW_XR_META + 4},
    {"byl", FW_X_AUTHOR, FW_XR_META2},
    {"article:published_time", FW_X_PUBLISHED | K_DATE, FW_XR_META},
    {"og:article:published_time", FW_X_PUBLISHED | K_DATE, FW_XR_META},
    {"article.published", FW_X_PUBLISHED | K_DATE, FW_XR_META},
    {"og:published_time", FW_X_PUBLISHED | K_DATE, FW_XR_META},
    {"datepublished", FW_X_PUBLISHED | K_DATE, FW_XR_META},
    {"publishdate", FW_X_PUBLISHED | K_DATE, FW_XR_META + 1},
    {"publish-date", FW_X_PUBLISHED | K_DATE, FW_XR_META + 1},
    {"publish_date", FW_X_PUBLISHED | K_DATE, FW_XR_META + 1},
    {"published_time", FW_X_PUBLISHED | K_DATE, FW_XR_META + 1},
    {"pubdate", FW_X_PUBLISHED | K_DATE, FW_XR_META + 1},
    {"publication_date", FW_X_PUBLISHED | K_DATE, FW_XR_META + 1},
    {"sailthru.date", FW_X_PUBLISHED | K_DATE, FW_XR_META + 2},
    {"parsely-pub-date", FW_X_PUBLISHED | K_DATE, FW_XR_META + 2},
    {"citation_publication_date", FW_X_PUBLISHED | K_DATE, FW_XR_META + 2},
    {"citation_date", FW_X_PUBLISHED | K_DATE, FW_XR_META + 3},
    {"dc.date.issued", FW_X_PUBLISHED | K_DATE, FW_XR_META + 2},
    {"dcterms.issued", FW_X_PUBLISHED | K_DATE, FW_XR_META + 2},
    {"originalpublicationdate", FW_X_PUBLISHED | K_DATE, FW_XR_META + 2},
    {"article_date_original", FW_X_PUBLISHED | K_DATE, FW_XR_META + 2},
    {"cxenseparse:recs:publishtime", FW_X_PUBLISHED | K_DATE, FW_XR_META + 3},
    {"date", FW_X_PUBLISHED | K_DATE, FW_XR_META_GENERIC},
    {"dc.date", FW_X_PUBLISHED | K_DATE, FW_XR_META_GENERIC},
    {"dc:date", FW_X_PUBLISHED | K_DATE, FW_XR_META_GENERIC},
    {"dcterms.date", FW_X_PUBLISHED | K_DATE, FW_XR_META_GENERIC},
    {"dc.date.created", FW_X_PUBLISHED | K_DATE, FW_XR_META_GENERIC},
    {"dcterms.created", FW_X_PUBLISHED | K_DATE, FW_XR_META_GENERIC},
    {"datecreated", FW_X_PUBLISHED | K_DATE, FW_XR_META + 5},
    {"uploaddate", FW_X_PUBLISHED | K_DATE, FW_XR_META + 5},
    {"created", FW_X_PUBLISHED | K_DATE, FW_XR_META2},
    {"release_date", FW_X_PUBLISHED | K_DATE, FW_XR_META2},
    {"article:modified_time", FW_X_MODIFIED | K_DATE, FW_XR_META},
    {"og:updated_time", FW_X_MODIFIED | K_DATE, FW_XR_META + 1},
    {"datemodified", FW_X_MODIFIED | K_DATE, FW_XR_META},
    {"dcterms.modified", FW_X_MODIFIED | K_DATE, FW_XR_META + 2},
    {"dc.date.modified", FW_X_MODIFIED | K_DATE, FW_XR_META + 2},
    {"last-modified", FW_X_MODIFIED | K_DATE, FW_XR_META + 3},
    {"lastmod", FW_X_MODIFIED | K_DATE, FW_XR_META + 3},
    {"description", FW_X_DESCRIPTION, FW_XR_META},
    {"og:description", FW_X_DESCRIPTION, FW_XR_META + 1},
    {"dc.description", FW_X_DESCRIPTION, FW_XR_META + 2},
    {"twitter:description", FW_X_DESCRIPTION, FW_XR_META + 3},
    {"og:site_name", FW_X_SITENAME, FW_XR_META},
    {"application-name", FW_X_SITENAME, FW_XR_META2},
    {"content-language", FW_X_LANGUAGE, FW_XR_META},
    {"dc.language", FW_X_LANGUAGE, FW_XR_META + 1},
    {"og:locale", FW_X_LANGUAGE, FW_XR_META2},
    {"og:url", FW_X_CANONICAL, FW_XR_META2},
};

static void meta_key(struct fw_xmeta *m, const char *key, const char *content)
{
    /* "property" may hold several space-separated keys */
    while (*key) {
        while (*key == ' ') key++;
        size_t kl = strcspn(key, " ");
        if (!kl) break;
        if (kl > 7 && !strncasecmp(key, "schema:", 7)) key += 7, kl -= 7; /* RDFa's schema.org prefix */
        for (size_t i = 0; i < sizeof meta_keys / sizeof meta_keys[0]; i++) {
            if (strlen(meta_keys[i].key) != kl || strncasecmp(meta_keys[i].key, key, kl)) continue;
            int slot = meta_keys[i].slot & 0xff;
            size_t cl = strlen(content);
            if (meta_keys[i].slot & K_DATE) {
                fw_xmeta_offer_date(m, slot, content, cl, meta_keys[i].rank, 0);
            } else if (slot == FW_X_AUTHOR && (!strncmp(content, "http", 4) || strchr(content, '@'))) {
                /* article:author is often a profile URL, twitter handles are not names */
            } else {
                fw_xmeta_offer(m, slot, content, cl, meta_keys[i].rank);
            }
        }
        key += kl;
    }
}

void fw_xmeta_on_meta(struct fw_xmeta *m, xmlNode *n)
{
    const char *content = fw_xattr(n, "content");
    if (!content) return;
    const char *k;
    if ((k = fw_xattr(n, "property"))) meta_key(m, k, content);
    if ((k = fw_xattr(n, "name"))) meta_key(m, k, content);
    if ((k = fw_xattr(n, "itemprop"))) meta_key(m, k, content);
    if ((k = fw_xattr(n, "http-equiv"))) meta_key(m, k, content);
}

/* ---- JSON-LD ---- */

static int is_article_type(json_t *t)
{
    if (json_is_array(t)) {
        size_t i;
        json_t *v;
        json_array_foreach(t, i, v) if (is_article_type(v)) return 1;
        return 0;
    }
    const char *s = json_string_value(t);
    if (!s) return 0;
    return strstr(s, "Article") || strstr(s, "Posting") || !strcmp(s, "Report") || strstr(s, "Blog");
}

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (json_is_array(v)) v = json_array_get(v, 0);
    if (json_is_object(v)) v = json_object_get(v, "name");
    return json_string_value(v);
}

/* The node of the document whose "@id" is id (Yoast's graphs name an
 * article's author by reference), or NULL. */
static json_t *jsonld_by_id(json_t *o, const char *id, int depth)
{
    if (depth > 5) return NULL;
    if (json_is_array(o)) {
        size_t i;
        json_t *v, *r;
        json_array_foreach(o, i, v) if ((r = jsonld_by_id(v, id, depth + 1))) return r;
        return NULL;
    }
    if (!json_is_object(o)) return NULL;
    const char *me = json_string_value(json_object_get(o, "@id"));
    if (me && !strcmp(me, id) && json_object_get(o, "name")) return o;
    return jsonld_by_id(json_object_get(o, "@graph"), id, depth + 1);
}

static void jsonld_authors(struct fw_xmeta *m, json_t *a, int rank, json_t *root)
{
    struct fw_buf b;
    fw_buf_init(&b, META_VALUE_MAX);
    json_t *one = a;
    size_t i = 0, cnt = json_is_array(a) ? json_array_size(a) : 1;
    for (i = 0; i < cnt && i < 8; i++) {
        if (json_is_array(a)) one = json_array_get(a, i);
        const char *ref = json_is_object(one) && !json_object_get(one, "name")
                              ? json_string_value(json_object_get(one, "@id"))
                              : NULL;
        json_t *node = ref ? jsonld_by_id(root, ref, 0) : NULL;
        if (node) one = node;
        const char *name = json_is_object(one) ? json_string_value(json_object_get(one, "name")) : json_string_value(one);
        if (!name || !*name || !strncmp(name, "http", 4)) continue;
        if (b.len) fw_buf_adds(&b, "; ");
        fw_buf_adds(&b, name);
    }
    if (b.len) fw_xmeta_offer(m, FW_X_AUTHOR, b.p, b.len, rank);
    fw_buf_fini(&b);
}

static void jsonld_item(struct fw_xmeta *m, json_t *o, int depth, json_t *root)
{
    if (depth > 4) return;
    if (json_is_array(o)) {
        size_t i;
        json_t *v;
        json_array_foreach(o, i, v) jsonld_item(m, v, depth + 1, root);
        return;
    }
    if (!json_is_object(o)) return;
    json_t *g = json_object_get(o, "@graph");
    if (g) jsonld_item(m, g, depth + 1, root);
    int art = is_article_type(json_object_get(o, "@type"));
    /* an Article beats a WebPage or anything else describing the page */
    int rank = art ? FW_XR_JSONLD : FW_XR_META2 + 1;
    const char *s;
    if (art) {
        /* headline, else name; name when only it is in <title> (a headline can be a type: "list article") */
        const char *hl = jstr(o, "headline"), *nm = jstr(o, "name");
        if (hl && nm && m->doc_title && !strstr(m->doc_title, hl) && strstr(m->doc_title, nm)) hl = nm;
        if ((s = hl) || (s = nm)) fw_xmeta_offer(m, FW_X_TITLE, s, strlen(s), rank);
        json_t *a = json_object_get(o, "author");
        if (!a) a = json_object_get(o, "creator");
        if (a) jsonld_authors(m, a, rank, root);
        if ((s = jstr(o, "description"))) fw_xmeta_offer(m, FW_X_DESCRIPTION, s, strlen(s), FW_XR_META + 5);
        if ((s = jstr(o, "articleBody"))) fw_xmeta_offer(m, FW_X_BODY, s, strlen(s), rank);
        json_t *p = json_object_get(o, "publisher");
        if (json_is_object(p) && (s = json_string_value(json_object_get(p, "name"))))
            fw_xmeta_offer(m, FW_X_SITENAME, s, strlen(s), FW_XR_META + 1);
    }
    if ((s = jstr(o, "datePublished")) || (art && (s = jstr(o, "dateCreated"))))
        fw_xmeta_offer_date(m, FW_X_PUBLISHED, s, strlen(s), rank, 0);
    if ((s = jstr(o, "dateModified"))) fw_xmeta_offer_date(m, FW_X_MODIFIED, s, strlen(s), rank, 0);
    if ((s = jstr(o, "inLanguage"))) fw_xmeta_offer(m, FW_X_LANGUAGE, s, strlen(s), FW_XR_META + 2);
    if (art && (g = json_object_get(o, "mainEntity"))) jsonld_item(m, g, depth + 1, root);
}

void fw_xmeta_on_jsonld(struct fw_xmeta *m, const char *s, size_t n)
{
    json_error_t jerr;
    json_t *root = json_loadb(s, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    if (!root) {
        /* raw line breaks and tabs inside strings (an articleBody pasted as
         * is) are invalid JSON but harmless: as spaces, the rest parses */
        char *c = fw_xstrndup(s, n);
        int fixed = 0;
        for (size_t i = 0; i < n; i++)
            if (c[i] == '\n' || c[i] == '\r' || c[i] == '\t') c[i] = ' ', fixed = 1;
        if (fixed) root = json_loadb(c, n, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
        free(c);
        if (!root) return;
    }
    jsonld_item(m, root, 0, root);
    json_decref(root);
}

/* ---- authors ---- */

/* s folded to lower-case ASCII letters and digits (other bytes kept): the
 * form in which a byline is compared with the site's name and host. */
static void squash(const char *s, size_t n, char *out, size_t outsz)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < outsz; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isalnum(c)) out[k++] = (char)tolower(c);
        else if (c >= 0x80) out[k++] = (char)c;
    }
    out[k] = 0;
}

void fw_xhost_label(const char *url, char *out, size_t outsz)
{
    out[0] = 0;
    const char *h = url ? strstr(url, "://") : NULL;
    if (!h) return;
    h += 3;
    /* an archived copy, "web.archive.org/web/20200808063632/https://www.x.pl/a": the page's own host */
    const char *inner;
    if (!strncmp(h, "web.archive.org/web/", 20) && (inner = strstr(h + 20, "://"))) h = inner + 3;
    size_t n = strcspn(h, "/:?#");
    /* the label before the public suffix: "autozeitung" of www.autozeitung.de */
    const char *e = h + n, *dot = NULL, *prev = NULL;
    for (const char *p = h; p < e; p++)
        if (*p == '.') prev = dot, dot = p;
    if (!dot) return;
    const char *s = prev ? prev + 1 : h;
    if (dot - s < 3 && prev) { /* "bbc.co.uk": one more to the left */
        const char *pp = NULL;
        for (const char *p = h; p < prev; p++)
            if (*p == '.') pp = p;
        s = pp ? pp + 1 : h;
        dot = prev;
    }
    squash(s, (size_t)(dot - s), out, outsz);
}

static void decode_entities(char *s);

void fw_xmeta_offer_author(struct fw_xmeta *m, const char *v, size_t n, int rank)
{
    if (!v || m->nauthor_c >= FW_XAUTHOR_CANDS) return;
    char *d = collapse_dup(v, n);
    if (!d) return;
    decode_entities(d); /* a byline escaped twice: "Redacci&amp;oacute;n" */
    m->author_c[m->nauthor_c].val = d;
    m->author_c[m->nauthor_c++].rank = rank;
}

static int word_at(const char *s, const char *w)
{
    size_t n = strlen(w);
    return !strncasecmp(s, w, n) && (!s[n] || s[n] == ' ' || w[n - 1] == ':');
}

int fw_xbyline_opens(const char *t)
{
    static const char *const labels[] = {"by ", "von ", "par ", "por ", "di ", "door ", "przez ", "text von ",
                                         "ein artikel von ", "ein beitrag von ",
                                         "text: ", "autor: ", "autorin: ", "author: ", "written by ", NULL};
    while (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r') t++;
    for (int i = 0; labels[i]; i++) {
        size_t n = strlen(labels[i]);
        if (strncasecmp(t, labels[i], n)) continue;
        const char *r = t + n;
        while (*r == ' ') r++;
        return isupper((unsigned char)*r) || (unsigned char)*r >= 0xC3 || !*r; /* the name may be a child element */
    }
    return 0;
}

int fw_xbyline_label(const char *t)
{
    static const char *const labels[] = {"by", "von", "par", "por", "door", "przez", "written by", "text von",
                                         "ein artikel von", "by:", "von:", "autor:", "autorin:", "author:", "authors:",
                                         "autoren:", "text:", "autor", "autorin", "author", NULL};
    while (*t == ' ' || *t == '\n' || *t == '\t' || *t == '\r') t++;
    size_t n = strlen(t);
    while (n && (t[n - 1] == ' ' || t[n - 1] == '\n' || t[n - 1] == '\t' || t[n - 1] == '\r')) n--;
    for (int i = 0; labels[i]; i++)
        if (strlen(labels[i]) == n && !strncasecmp(t, labels[i], n)) return 1;
    return 0;
}

/* "By", "Von", "Posted by", "Author:", roles and punctuation before a name */
static const char *skip_labels(const char *s)
{
    static const char *const labels[] = {"posted by", "written by", "post author", "view all posts by", "all posts by",
                                         "more by", "text von", "text und fotos von", "erstellt von", "verfasst von", "geschrieben von",
                                         "ein beitrag von", "ein artikel von", "eingestellt von", "zeige alle beiträge von",
                                         "alle beiträge von", "beitrag von", "beitragvon", "mehr von", "publié par",
                                         "publicado por", "pubblicato da", "vom", "author:", "authors:", "autor:",
                                         "autorin:", "autoren:", "text:", "interview:", "von:", "by:", "autorin", "autor", "author", "by", "von",
                                         "par", "por", "di", "door", "przez", "av", "af", "de", "from", NULL};
    for (int round = 0; round < 4; round++) {
        while (*s && (strchr(" |,;:·-/", *s) || !strncmp(s, "\xe2\x80\x93", 3) || !strncmp(s, "\xe2\x80\x94", 3)))
            s += (unsigned char)*s >= 0x80 ? 3 : 1;
        const char *was = s;
        for (int i = 0; labels[i]; i++)
            if (word_at(s, labels[i])) {
                s += strlen(labels[i]);
                break;
            }
        if (s == was) break;
    }
    return s;
}

static int is_org_or_role(const char *name)
{
    static const char *const generic[] = {"admin",  "administrator", "publisher", "name",  "unknown", "super user",
                                          "posted", "author",        "autor",     "guest", "webmaster", "editor",
                                          "user",   "anonymous",     "anonym",    "agencies", "agency", "collectif",
                                          "follow", "share", "teilen", NULL};
    for (int i = 0; generic[i]; i++)
        if (!strcasecmp(name, generic[i])) return 1;
    if (!strchr(name, ' ') && strcasestr(name, "admin")) return 1;
    /* legal forms: a company, not a person */
    static const char *const forms[] = {"GmbH", "AG", "eG", "e.V.", "e. V.", "Inc", "Inc.", "Ltd", "Ltd.", "LLC", "S.A.",
                                        "mbH", "KG", "SE", "plc", NULL};
    size_t n = strlen(name);
    for (int i = 0; forms[i]; i++) {
        size_t k = strlen(forms[i]);
        if (n > k && !strcmp(name + n - k, forms[i]) && name[n - k - 1] == ' ') return 1;
        const char *p = strstr(name, forms[i]);
        if (p && p > name && p[-1] == ' ' && (p[k] == ' ' || p[k] == ',')) return 1;
    }
    /* a web address: "example.de", "www.x.com", "facebook.com/page" */
    if (strstr(name, "http") || strstr(name, "www.") || strchr(name, '@')) return 1;
    if (!strchr(name, ' ') && strchr(name, '/') && strchr(name, '.')) return 1;
    /* a body or a department: "Bundesverband X", "Sekretariat Partei Y" (a desk's credit, "Redaktion",
     * "Staff Writer", stands for its journalists and is kept) */
    static const char *const bodies[] = {"verband", "sekretariat", "partei", "abteilung", "pressestelle", "stiftung",
                                         "institut", "ministerium", "verein", "gesellschaft", "association",
                                         "foundation", "department", NULL};
    for (const char *w = name; *w;) {
        while (*w == ' ' || *w == '-') w++;
        size_t wl = strcspn(w, " -");
        if (!wl) break;
        for (int i = 0; bodies[i]; i++) {
            size_t bl = strlen(bodies[i]);
            if (wl >= bl && !strncasecmp(w + wl - bl, bodies[i], bl) && (wl == bl || !strcmp(bodies[i], "verband")))
                return 1;
        }
        w += wl;
    }
    struct fw_cal_name nm;
    if (fw_cal_name(name, n, FW_CAL_ALL, &nm)) return 1; /* "Donnerstag": a date's word */
    if (!strchr(name, ' ') && n <= 4) { /* "EFE", "LN": an acronym, an agency */
        int caps = 1;
        for (size_t i = 0; i < n; i++) caps &= !islower((unsigned char)name[i]);
        if (caps) return 1;
    }
    static const char *const det[] = {"The ", "Die ", "Der ", "Das ", "La ", "Le ", "Les ", "El ", "Los ", "Il ",
                                      "De ", "Het ", NULL};
    for (int i = 0; det[i]; i++)
        if (!strncmp(name, det[i], strlen(det[i]))) return 1; /* "Die FURCHE": a title, not a name */
    const char *dot = strrchr(name, '.');
    if (dot && dot > name && isalnum((unsigned char)dot[-1]) && !strchr(dot, ' ')) {
        size_t tl = strlen(dot + 1);
        int lower = tl >= 2 && tl <= 4;
        for (size_t i = 1; i <= tl; i++) lower &= islower((unsigned char)dot[i]) != 0;
        if (lower) return 1;
    }
    return 0;
}

static int word_count_n(const char *s, size_t n)
{
    int w = 0, in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ';
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

/* The name at the head of s[0..n): cut at a date, a separator, a handle. */
static size_t name_end(const char *s, size_t n)
{
    static const char *const stops[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " @", " (", " \xc2\xb7 ",
                                        " Alle Artikel", " Alle Beitr\xc3\xa4ge", " All posts", " View all posts",
                                        " More articles", " Mehr Artikel",
                                        " \xc2\xbb", " \xc2\xab",
                                        " /", " \xe2\x80\xa2", NULL};
    size_t e = n;
    for (int i = 0; stops[i]; i++) {
        const char *p = strstr(s, stops[i]);
        if (p && (size_t)(p - s) < e) e = (size_t)(p - s);
    }
    /* a second credit: "Ann Lee Illustration von Bo Roe" (not "Ursula von der Leyen") */
    for (const char *v = strstr(s, " von "); v && (size_t)(v - s) < e; v = strstr(v + 1, " von ")) {
        size_t w = (size_t)(v - s);
        while (w > 0 && s[w - 1] != ' ') w--;
        if (w > 0 && word_count_n(s, w) >= 2 && isupper((unsigned char)s[w])) {
            e = w;
            break;
        }
    }
    for (size_t i = 1; i + 1 < e; i++) { /* "Ann Lee/dpa": the agency after the name */
        if (s[i] == '/' && isalpha((unsigned char)s[i - 1]) && word_count_n(s, i) >= 2) {
            e = i;
            break;
        }
    }
    for (size_t i = 0; i < e; i++) { /* a number starting a word: a date or time */
        if (isdigit((unsigned char)s[i]) && (i == 0 || !isalnum((unsigned char)s[i - 1]))) {
            e = i;
            break;
        }
        if (s[i] == ':' && i > 0 && isalpha((unsigned char)s[i - 1])) { /* "Stand:", "Updated:" */
            size_t w = i;
            while (w > 0 && s[w - 1] != ' ') w--;
            e = w;
            break;
        }
    }
    /* trailing: spaces, punctuation, "am"/"on"/"le", a weekday or month name, "Fr," */
    for (int round = 0; round < 4; round++) {
        while (e > 0 && strchr(" ,;|-:", s[e - 1])) e--;
        size_t w = e;
        while (w > 0 && s[w - 1] != ' ') w--;
        if (w == 0) break;
        size_t wl = e - w;
        static const char *const preps[] = {"am", "on", "le", "el", "at", "um", "il", "den", "der", "vom", NULL};
        int drop = 0;
        for (int i = 0; preps[i] && !drop; i++) drop = wl == strlen(preps[i]) && !strncasecmp(s + w, preps[i], wl);
        struct fw_cal_name nm;
        if (!drop && fw_cal_name(s + w, wl, FW_CAL_ALL, &nm)) drop = 1;
        if (!drop) break;
        e = w;
    }
    return e;
}

static int says(const char *s) /* a comment's head: "Anna sagt:", "Bob says:" */
{
    static const char *const w[] = {" sagt:", " says:", " said,", " said:", " schreibt:", " dice:", " a dit",
                                    " écrit:", " said on", " sagte am", NULL};
    for (int i = 0; w[i]; i++)
        if (strcasestr(s, w[i])) return 1;
    return 0;
}

/* Adds the people named in s[0..n) (one byline part) to names. */
static void add_names(const char *s, size_t n, const char *site, const char *host, char **names, size_t *nn, size_t max)
{
    char *part = fw_xstrndup(s, n);
    const char *p = skip_labels(part);
    size_t e = name_end(p, strlen(p));
    /* "Rob Picheta, CNN": an affiliation after the comma */
    const char *comma = memchr(p, ',', e), *rest = NULL;
    size_t restn = 0;
    if (comma) {
        const char *r = comma + 1;
        while (*r == ' ') r++;
        char sq[128], ss[128];
        squash(r, (size_t)(p + e - r), sq, sizeof sq);
        squash(site ? site : "", site ? strlen(site) : 0, ss, sizeof ss);
        int aff = word_count_n(r, (size_t)(p + e - r)) == 1 &&
                  ((host[0] && !strcmp(sq, host)) || (ss[0] && !strcmp(sq, ss)));
        int both = word_count_n(p, (size_t)(comma - p)) >= 2 && word_count_n(r, (size_t)(p + e - r)) >= 2;
        if (aff) {
            e = (size_t)(comma - p);
        } else if (both) { /* "Ann Lee, Bob Roe": two people */
            rest = r, restn = (size_t)(p + e - r);
            e = (size_t)(comma - p);
        }
    }
    while (e > 0 && (p[e - 1] == ' ' || p[e - 1] == '\'' || p[e - 1] == '"')) e--;
    while (e > 0 && (*p == '\'' || *p == '"')) p++, e--; /* "'Ann Lee'" */
    char *name = fw_xstrndup(p, e);
    int ok = e >= 2 && word_count_n(name, e) <= 6 && !is_org_or_role(name);
    int letters = 0;
    for (size_t i = 0; i < e; i++) letters += isalpha((unsigned char)name[i]) || (unsigned char)name[i] >= 0x80;
    if (ok && letters) {
        char sq[128], ss[128];
        squash(name, e, sq, sizeof sq);
        squash(site ? site : "", site ? strlen(site) : 0, ss, sizeof ss);
        if ((ss[0] && !strcmp(sq, ss)) || (host[0] && !strcmp(sq, host))) ok = 0; /* the site, not a person */
        for (size_t i = 0; ok && i < *nn; i++)
            if (!strcasecmp(names[i], name)) ok = 0;
    }
    if (ok && letters && *nn < max) names[(*nn)++] = name, name = NULL;
    if (rest) add_names(rest, restn, site, host, names, nn, max);
    free(name);
    free(part);
}

/* Names are capitalised words and particles: a byline with other lower-case
 * words ("Landesanstalt für Wald", "selbst ist der Mann") names no person,
 * unless it is all lower case (a user name). Labels and dates are cut first. */
static int name_like(const char *v)
{
    static const char *const ok[] = {"von", "van", "de", "da", "del", "della", "der", "den", "di", "du", "le", "la",
                                     "bin", "al", "ter", "zu", "dos", "das", "y", "e", "and", "und", "et", "og",
                                     "by", NULL};
    char *tmp = fw_xstrdup(skip_labels(v));
    tmp[name_end(tmp, strlen(tmp))] = 0;
    int upper = 0, bad = 0;
    for (char *w = tmp; *w;) {
        while (*w == ' ') w++;
        size_t n = strcspn(w, " ");
        if (!n) break;
        unsigned char c = (unsigned char)w[0];
        /* C2 and E2 lead bytes: Latin-1 signs and general punctuation ("»", "–"), not letters */
        if (isupper(c) || (c >= 0xC3 && c != 0xE2)) upper = 1;
        else if (islower(c)) {
            int part = 0;
            for (int i = 0; ok[i] && !part; i++) part = n == strlen(ok[i]) && !strncmp(w, ok[i], n);
            if (!part) bad = 1;
        }
        w += n;
    }
    free(tmp);
    return !(upper && bad);
}

/* The people of one byline: split at ";", " and " and their kin. */
static size_t byline_names(const char *v, const char *site, const char *host, char **names, size_t max)
{
    size_t nn = 0;
    if (says(v)) return 0;
    /* "Posted on 21 May by Ann Lee", "Datum: 19.11.2021 Autor: Ann Lee": the
     * name follows the last "by" or author's label */
    const char *by = NULL;
    static const char *const mid[] = {" by ", " autor: ", " autorin: ", " author: ", NULL};
    for (int i = 0; mid[i]; i++)
        for (const char *p = v; (p = strcasestr(p, mid[i])); p++)
            if (p + strlen(mid[i]) > by) by = p + strlen(mid[i]);
    if (by) v = by;
    if (!name_like(v)) return 0;
    static const char *const ands[] = {";", " and ", " und ", " & ", " et ", " y ", " e ", " og ", NULL};
    const char *s = v;
    while (*s && nn < max) {
        const char *cut = NULL;
        size_t cl = 0;
        for (int i = 0; ands[i]; i++) {
            const char *p = strstr(s, ands[i]);
            if (p && (!cut || p < cut)) cut = p, cl = strlen(ands[i]);
        }
        size_t n = cut ? (size_t)(cut - s) : strlen(s);
        add_names(s, n, site, host, names, &nn, max);
        if (!cut) break;
        s = cut + cl;
    }
    return nn;
}

char **fw_xmeta_authors(struct fw_xmeta *m, size_t *n)
{
    char host[64];
    fw_xhost_label(m->url, host, sizeof host);
    const char *site = m->slot[FW_X_SITENAME].val;
    char *names[FW_XAUTHORS_MAX];
    *n = 0;
    /* the best-ranked candidate that names a person; ties: the first seen */
    int used[FW_XAUTHOR_CANDS] = {0};
    for (int k = 0; k < m->nauthor_c && !*n; k++) {
        int best = -1;
        for (int i = 0; i < m->nauthor_c; i++)
            if (!used[i] && (best < 0 || m->author_c[i].rank < m->author_c[best].rank)) best = i;
        used[best] = 1;
        *n = byline_names(m->author_c[best].val, site, host, names, FW_XAUTHORS_MAX);
    }
    if (!*n) return NULL;
    char **out = fw_xmalloc(*n * sizeof *out);
    memcpy(out, names, *n * sizeof *out);
    return out;
}

/* ---- title ---- */

static int word_count(const char *s)
{
    int w = 0, in = 0;
    for (; *s; s++) {
        int sp = *s == ' ';
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}

static const char *const title_seps[] = {" | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » ", " · ", " :: ", NULL};

/* Readability's reading of <title>: drop the site name on one side of a
 * separator, unless what is left is too short to be a headline. */
static char *clean_doc_title(const char *orig, const char *h1, int nh1)
{
    char *cur = fw_xstrdup(orig);
    int hier = 0;
    const char *first = NULL, *last = NULL;
    size_t firstlen = 0, lastlen = 0;
    for (int k = 0; title_seps[k]; k++) {
        const char *p = orig;
        const char *f;
        while ((f = strstr(p, title_seps[k]))) {
            if (!first || f < first) first = f, firstlen = strlen(title_seps[k]);
            if (!last || f > last) last = f, lastlen = strlen(title_seps[k]);
            if (k >= 4 && k <= 7) hier = 1;
            p = f + 1;
        }
    }
    if (last) {
        free(cur);
        cur = fw_xstrndup(orig, (size_t)(last - orig));
        if (word_count(cur) < 3) {
            free(cur);
            cur = fw_xstrdup(first + firstlen);
        }
    } else if (strstr(orig, ": ")) {
        if (!(h1 && !strcmp(h1, orig))) {
            const char *lc = strrchr(orig, ':');
            free(cur);
            cur = fw_xstrdup(lc + 1);
            if (word_count(cur) < 3) {
                free(cur);
                cur = fw_xstrdup(strchr(orig, ':') + 1);
            } else {
                char *pre = fw_xstrndup(orig, (size_t)(strchr(orig, ':') - orig));
                if (word_count(pre) > 5) {
                    free(cur);
                    cur = fw_xstrdup(orig);
                }
                free(pre);
            }
        }
    } else if ((strlen(orig) > 150 || strlen(orig) < 15) && nh1 == 1 && h1) {
        free(cur);
        cur = fw_xstrdup(h1);
    }
    (void)lastlen;
    /* trim */
    char *s = cur;
    while (*s == ' ') s++;
    size_t l = strlen(s);
    while (l && s[l - 1] == ' ') l--;
    char *t = fw_xstrndup(s, l);
    free(cur);
    int wc = word_count(t);
    if (wc <= 4) {
        /* words of the original without its separators */
        int owc = word_count(orig);
        for (int k = 0; title_seps[k]; k++)
            for (const char *p = orig; (p = strstr(p, title_seps[k])); p++) owc--;
        if (!hier || wc != owc - 1) {
            free(t);
            t = fw_xstrdup(orig);
        }
    }
    return t;
}

/* Entities left in a value after the parser's own decoding (pages that
 * escape twice: "&#038;", "&amp;quot;"), decoded in place. */
static void decode_entities(char *s)
{
    static const struct {
        const char *e;
        char c;
    } named[] = {{"&amp;", '&'}, {"&quot;", '"'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&apos;", '\''}, {"&#039;", '\''}, {"&nbsp;", ' '}};
    char *w = s;
    for (const char *r = s; *r;) {
        if (*r == '&') {
            int done = 0;
            for (size_t i = 0; i < sizeof named / sizeof named[0] && !done; i++)
                if (!strncmp(r, named[i].e, strlen(named[i].e))) *w++ = named[i].c, r += strlen(named[i].e), done = 1;
            if (!done) { /* Latin-1 letters by name: "Redacci&oacute;n" */
                static const struct {
                    const char *n;
                    unsigned char cp;
                } latin[] = {{"aacute", 0xE1}, {"eacute", 0xE9}, {"iacute", 0xED}, {"oacute", 0xF3}, {"uacute", 0xFA},
                             {"Aacute", 0xC1}, {"Eacute", 0xC9}, {"Iacute", 0xCD}, {"Oacute", 0xD3}, {"Uacute", 0xDA},
                             {"agrave", 0xE0}, {"egrave", 0xE8}, {"igrave", 0xEC}, {"ograve", 0xF2}, {"ugrave", 0xF9},
                             {"acirc", 0xE2},  {"ecirc", 0xEA},  {"icirc", 0xEE},  {"ocirc", 0xF4},  {"ucirc", 0xFB},
                             {"auml", 0xE4},   {"euml", 0xEB},   {"iuml", 0xEF},   {"ouml", 0xF6},   {"uuml", 0xFC},
                             {"Auml", 0xC4},   {"Ouml", 0xD6},   {"Uuml", 0xDC},   {"szlig", 0xDF},  {"ntilde", 0xF1},
                             {"Ntilde", 0xD1}, {"ccedil", 0xE7}, {"Ccedil", 0xC7}, {"aring", 0xE5},  {"oslash", 0xF8},
                             {"Oslash", 0xD8}, {"atilde", 0xE3}, {"otilde", 0xF5}};
                for (size_t i = 0; i < sizeof latin / sizeof latin[0] && !done; i++) {
                    size_t k = strlen(latin[i].n);
                    if (strncmp(r + 1, latin[i].n, k) || r[1 + k] != ';') continue;
                    *w++ = (char)(0xC0 | latin[i].cp >> 6), *w++ = (char)(0x80 | (latin[i].cp & 0x3F));
                    r += k + 2;
                    done = 1;
                }
            }
            if (!done && r[1] == '#') {
                char *end;
                long cp = r[2] == 'x' || r[2] == 'X' ? strtol(r + 3, &end, 16) : strtol(r + 2, &end, 10);
                if (*end == ';' && cp > 0 && cp < 0x110000 && (cp < 0xD800 || cp > 0xDFFF)) {
                    /* UTF-8 is never longer than the entity it replaces */
                    if (cp < 0x80) *w++ = (char)cp;
                    else if (cp < 0x800) *w++ = (char)(0xC0 | cp >> 6), *w++ = (char)(0x80 | (cp & 0x3F));
                    else if (cp < 0x10000)
                        *w++ = (char)(0xE0 | cp >> 12), *w++ = (char)(0x80 | (cp >> 6 & 0x3F)),
                        *w++ = (char)(0x80 | (cp & 0x3F));
                    else
                        *w++ = (char)(0xF0 | cp >> 18), *w++ = (char)(0x80 | (cp >> 12 & 0x3F)),
                        *w++ = (char)(0x80 | (cp >> 6 & 0x3F)), *w++ = (char)(0x80 | (cp & 0x3F));
                    r = end + 1;
                    done = 1;
                }
            }
            if (done) continue;
        }
        *w++ = *r++;
    }
    *w = 0;
}

static const char *const seg_seps[] = {" | ", " - ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " \xc2\xbb ", " \xe2\x80\xba ",
                                       " :: ", " \xc2\xb7 ", " \xc7\x80 ", " : ", " / ", " \xe2\x80\xa2 ", NULL};

/* The length of the separator character at s ("|", "-", "–", "»", "›", "•", "│"...), or 0. */
static size_t sep_char(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (*u && strchr("|-:/\\>", *u)) return 1;
    if (u[0] == 0xC2 && (u[1] == 0xBB || u[1] == 0xAB || u[1] == 0xB7)) return 2; /* » « · */
    if (u[0] == 0xC7 && u[1] == 0x80) return 2;                                     /* ǀ */
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xBA || u[2] == 0xB9 || u[2] == 0xA2 || u[2] == 0x93 || u[2] == 0x94))
        return 3; /* › ‹ • – — */
    if (u[0] == 0xE2 && u[1] == 0x94 && u[2] == 0x82) return 3;                     /* │ */
    return 0;
}

/* s with the marks typography varies folded to ASCII (’ ' “ " – - … ...),
 * soft hyphens dropped, no-break spaces made spaces and ASCII letters lower
 * case: a headline and its metadata copy compare equal in this form. */
static char *typo_fold(const char *s)
{
    struct fw_buf b;
    int sp = 1;
    fw_buf_init(&b, 0);
    for (const unsigned char *u = (const unsigned char *)s; *u;) {
        const char *rep = NULL;
        size_t skip = 1;
        if (u[0] == 0xC2 && u[1] == 0xAD) rep = "", skip = 2;
        else if (u[0] == 0xC2 && u[1] == 0xA0) rep = " ", skip = 2;
        else if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x98 && u[2] <= 0x9B) rep = "'", skip = 3;
        else if (u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x9C && u[2] <= 0x9F) rep = "\"", skip = 3;
        else if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0x93 || u[2] == 0x94)) rep = "-", skip = 3;
        else if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0xA6) rep = "...", skip = 3;
        else if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x8B) rep = "", skip = 3; /* zero-width space */
        char c = (char)tolower(*u);
        if (!rep) rep = &c, skip = 1;
        fw_xappend_collapsed(&b, rep, rep == &c ? 1 : strlen(rep), &sp);
        u += skip;
    }
    while (b.len && b.p[b.len - 1] == ' ') b.p[--b.len] = 0;
    if (!b.p) fw_buf_adds(&b, "");
    return fw_buf_steal(&b);
}

/* Does a separator end just before p (spaces between), start of s excluded? */
static int sep_before(const char *s, const char *p)
{
    while (p > s && p[-1] == ' ') p--;
    for (size_t k = 1; k <= 3 && p - (ptrdiff_t)k >= s; k++)
        if (sep_char(p - k) == k) return 1;
    return 0;
}

/* The segment of t after the separator at p: its bounds in *n. */
static const char *next_segment(const char *p, size_t *n)
{
    while (*p == ' ') p++;
    p += sep_char(p);
    while (*p == ' ') p++;
    const char *e = p;
    while (*e && !(e[0] == ' ' && sep_char(e + 1))) e++;
    *n = (size_t)(e - p);
    return p;
}

static int names_site(const char *seg, size_t n, const char *site_sq, const char *host);

/* The visible headline inside a longer title: "Kicker: <h1>", "<h1> | Site",
 * the same words with other quotes or dashes, soft hyphens. */
static char *headline_in(const char *t, struct fw_xmeta *m)
{
    char host[64], site_sq[256];
    fw_xhost_label(m->url, host, sizeof host);
    const char *site = m->slot[FW_X_SITENAME].val;
    squash(site ? site : "", site ? strlen(site) : 0, site_sq, sizeof site_sq);
    char *ft = typo_fold(t), *res = NULL;
    size_t tl = strlen(ft);
    for (int i = 0; i < m->nh1 && i < 4 && !res; i++) {
        if (!m->h1s[i]) continue;
        char *fh = typo_fold(m->h1s[i]);
        size_t hl = strlen(fh);
        const char *p = hl >= 8 ? strstr(ft, fh) : NULL;
        /* the first of several <h1>s is the site's logo more often than the headline: at the title's start only */
        int logo = i == 0 && m->nh1 > 1 && p != ft;
        if (p == ft && hl == tl) { /* the title is the headline: keep the title's own marks */
            res = fw_xstrdup(t);
        } else if (p && !logo && !names_site(fh, hl, site_sq, host)) {
            const char *after = p + hl;
            size_t after_sp = strspn(after, " ");
            int pre_ok = p == ft || sep_before(ft, p);
            int post_ok = !*after || sep_char(after + after_sp) || after[after_sp] == ','; /* "<h1>, Place" */
            /* a headline is the most of its title, not a logo; or the rest names the site */
            size_t segn = 0;
            const char *seg = *after ? next_segment(after, &segn) : NULL;
            int big = hl * 3 >= tl || (p == ft && seg && names_site(seg, segn, site_sq, host));
            if (pre_ok && post_ok && big) {
                /* the visible form, soft hyphens dropped */
                struct fw_buf b;
                fw_buf_init(&b, 0);
                for (const char *s = m->h1s[i]; *s; s++)
                    if (!((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xAD)) fw_buf_add(&b, s, 1);
                    else s++;
                res = fw_buf_steal(&b);
            }
        }
        free(fh);
    }
    free(ft);
    return res;
}

/* Does the segment name the site (its name or its host)? */
static int names_site(const char *seg, size_t n, const char *site_sq, const char *host)
{
    char sq[256];
    squash(seg, n, sq, sizeof sq);
    if (!sq[0]) return 1;
    size_t n_sq = strlen(sq), n_site = strlen(site_sq), n_host = strlen(host);
    /* the name itself, a part of it, or it with a little more ("Popkultur.de", "Blog Archiv") */
    if (n_site && (!strcmp(sq, site_sq) || (n_sq >= 4 && strstr(site_sq, sq)) ||
                   (n_site >= 4 && n_sq <= n_site + 8 && strstr(sq, site_sq))))
        return 1;
    return n_host >= 4 && n_sq <= n_host + 12 && strstr(sq, host) != NULL;
}

/* Drops the site's name from either end of a title: "Headline | Site". */
static void strip_site(char *t, struct fw_xmeta *m)
{
    char host[64], site_sq[256];
    fw_xhost_label(m->url, host, sizeof host);
    const char *site = m->slot[FW_X_SITENAME].val;
    squash(site ? site : "", site ? strlen(site) : 0, site_sq, sizeof site_sq);
    if (!host[0] && !site_sq[0]) return;
    for (int round = 0; round < 3; round++) {
        const char *first = NULL, *last = NULL;
        size_t firstlen = 0, lastlen = 0;
        for (int k = 0; seg_seps[k]; k++) {
            const char *f = strstr(t, seg_seps[k]);
            if (f && (!first || f < first)) first = f, firstlen = strlen(seg_seps[k]);
            for (const char *p = t; (p = strstr(p, seg_seps[k])); p++)
                if (!last || p > last) last = p, lastlen = strlen(seg_seps[k]);
        }
        if (!first) return;
        const char *tail = last + lastlen;
        if (names_site(tail, strlen(tail), site_sq, host)) {
            t[last - t] = 0;
        } else if (names_site(t, (size_t)(first - t), site_sq, host)) {
            memmove(t, first + firstlen, strlen(first + firstlen) + 1);
        } else {
            /* "Headline : Site | motto | since 2005": from the site's segment on, the site's */
            for (const char *p = first; p && p < last;) {
                size_t n;
                const char *seg = next_segment(p, &n);
                if (seg[n] && names_site(seg, n, site_sq, host)) {
                    t[p - t] = 0;
                    break;
                }
                p = seg[n] ? seg + n : NULL;
            }
            return;
        }
    }
}

/* A breadcrumb title, "Site » Blog Archive » Headline": every separator
 * hierarchical (» › > /), at least two, the first segment the site's name:
 * the last segment is the page's (caller frees), else NULL. */
static char *breadcrumb_title(const char *t, struct fw_xmeta *m)
{
    static const char *const hier[] = {" \xc2\xbb ", " \xe2\x80\xba ", " > ", " / ", NULL};
    const char *last = NULL, *first = NULL;
    size_t lastlen = 0;
    int count = 0;
    for (const char *p = t; *p; p++) {
        if (*p != ' ' || !sep_char(p + 1)) continue;
        int k;
        for (k = 0; hier[k]; k++)
            if (!strncmp(p, hier[k], strlen(hier[k]))) break;
        if (!hier[k]) return NULL; /* another separator: not a breadcrumb */
        if (!first) first = p;
        last = p, lastlen = strlen(hier[k]), count++;
        p += lastlen - 1;
    }
    if (count < 2) return NULL;
    char host[64], site_sq[256];
    fw_xhost_label(m->url, host, sizeof host);
    const char *site = m->slot[FW_X_SITENAME].val;
    squash(site ? site : "", site ? strlen(site) : 0, site_sq, sizeof site_sq);
    int site_first = names_site(t, (size_t)(first - t), site_sq, host);
    for (int i = 0; !site_first && i < m->nh1 && i < 4; i++) /* the logo's <h1> */
        site_first = m->h1s[i] && strlen(m->h1s[i]) == (size_t)(first - t) && !strncmp(m->h1s[i], t, (size_t)(first - t));
    const char *tail = last + lastlen;
    if (!site_first || word_count(tail) < 2) return NULL;
    return fw_xstrdup(tail);
}

/* Is t, folded, one of the page's <h1>s? */
static int is_h1(const char *t, struct fw_xmeta *m)
{
    char *ft = typo_fold(t);
    int yes = 0;
    for (int i = 0; i < m->nh1 && i < 4 && !yes; i++) {
        if (!m->h1s[i]) continue;
        char *fh = typo_fold(m->h1s[i]);
        yes = !strcmp(ft, fh);
        free(fh);
    }
    free(ft);
    return yes;
}

/* "23.01.2022 - Headline": a date alone before a separator is the page's
 * dateline, not part of its headline; cut in place. */
static char *drop_date_segment(char *t)
{
    struct fw_xdate d;
    size_t e = isdigit((unsigned char)t[0]) || isalpha((unsigned char)t[0]) ? date_at(t, strlen(t), 0, &d) : 0;
    if (!e || t[e] != ' ' || !sep_char(t + e + 1)) return t;
    const char *r = t + e + 1;
    r += sep_char(r);
    while (*r == ' ') r++;
    if (word_count(r) >= 2) memmove(t, r, strlen(r) + 1);
    return t;
}

/* Does a share at least half of its words with b (folded)? */
static int shares_words(const char *a, const char *b)
{
    char *fa = typo_fold(a), *fb = typo_fold(b);
    int n = 0, in = 0;
    for (char *w = fa; *w;) {
        while (*w && !isalnum((unsigned char)*w) && (unsigned char)*w < 0x80) w++;
        size_t wl = 0;
        while (w[wl] && (isalnum((unsigned char)w[wl]) || (unsigned char)w[wl] >= 0x80)) wl++;
        if (!wl) break;
        n++;
        for (const char *p = fb; *p; p++) {
            if ((p == fb || !isalnum((unsigned char)p[-1])) && !strncmp(p, w, wl) && !isalnum((unsigned char)p[wl])) {
                in++;
                break;
            }
        }
        w += wl;
    }
    free(fa);
    free(fb);
    return n && in * 2 >= n;
}

/* "Klimaschutz: Bohren, bis es heiß wird" where the <h1> sets "Klimaschutz"
 * apart as its kicker: the headline is the rest; cut in place. */
static char *drop_kicker(char *t, const struct fw_xmeta *m)
{
    if (!m->kicker) return t;
    char *ft = typo_fold(t), *fk = typo_fold(m->kicker);
    size_t kl = strlen(fk);
    if (kl && !strncmp(ft, fk, kl)) {
        const char *r = ft + kl;
        size_t sp = 0;
        while (r[sp] == ' ' || r[sp] == ':' || r[sp] == '-' || r[sp] == '|' || r[sp] == ',') sp++;
        size_t q = strspn(r, " ");
        if (r[q] && strchr(":-|", r[q]) && word_count(r + sp) >= 2) { /* a separator: "Wurmkiste selber bauen" is one */
            /* the cut in t (folding changed its bytes): after the kicker's words and the separator */
            int words = word_count(fk);
            const char *p = t;
            for (int w = 0; w < words; w++) {
                while (*p == ' ') p++;
                while (*p && *p != ' ') p++;
            }
            for (;;) { /* the separator: spaces, ": ", " | ", " - ", " – ", " — " */
                if (*p && strchr(" :|,-", *p)) p++;
                else if (!strncmp(p, "\xe2\x80\x93", 3) || !strncmp(p, "\xe2\x80\x94", 3)) p += 3;
                else break;
            }
            if (*p && word_count(p) >= 2) memmove(t, p, strlen(p) + 1);
        }
    }
    free(ft);
    free(fk);
    return t;
}

char *fw_xmeta_title(struct fw_xmeta *m)
{
    char *t = NULL;
    if (m->slot[FW_X_TITLE].val) t = fw_xstrdup(m->slot[FW_X_TITLE].val);
    else if (m->doc_title && *m->doc_title &&
             ((t = headline_in(m->doc_title, m)) || (t = breadcrumb_title(m->doc_title, m)))) {
        decode_entities(t); /* the visible headline inside <title> */
        return drop_date_segment(t);
    }
    else if (m->doc_title && *m->doc_title) t = clean_doc_title(m->doc_title, m->h1, m->nh1);
    else if (m->h1) t = fw_xstrdup(m->h1);
    if (!t) return NULL;
    decode_entities(t);
    /* a metadata title that no <h1> shows (a section's name, a teaser),
     * and <title> holding an <h1>: the headline */
    if (m->slot[FW_X_TITLE].val && m->doc_title && m->h1 && !strcasestr(t, m->h1) && !is_h1(t, m)) {
        char *h = headline_in(m->doc_title, m), *d = fw_xstrdup(m->doc_title);
        strip_site(d, m);
        /* the same headline worded otherwise is the metadata's, unless <title> is the <h1> and the site */
        if (h && shares_words(t, h) && strcmp(d, m->h1)) {
            free(h);
            h = NULL;
        }
        free(d);
        if (h) {
            free(t);
            t = h;
        }
    }
    /* a metadata title cut short ("... Hong Kong leader..."): the <h1> it opens */
    size_t tl = strlen(t);
    size_t stem = tl > 3 && !strcmp(t + tl - 3, "...") ? tl - 3 : tl > 3 && !strcmp(t + tl - 3, "\xe2\x80\xa6") ? tl - 3 : 0;
    for (int i = 0; stem >= 20 && i < m->nh1 && i < 4; i++) {
        if (m->h1s[i] && strlen(m->h1s[i]) > stem && !strncmp(m->h1s[i], t, stem)) {
            free(t);
            return drop_date_segment(fw_xstrdup(m->h1s[i]));
        }
    }
    char *h = headline_in(t, m);
    if (h) {
        free(t);
        return drop_kicker(drop_date_segment(h), m);
    }
    strip_site(t, m);
    return drop_kicker(drop_date_segment(t), m);
}
