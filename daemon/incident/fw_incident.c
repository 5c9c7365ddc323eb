#include "feedwire/fw_incident.h"

#include <errno.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xxhash.h>

#include "feedwire/fw_cal.h"

/* ---------- fields ---------- */

void fw_incident_root(const char *cameo, char out[3])
{
    size_t n = strnlen(cameo, 2);
    memcpy(out, cameo, n);
    out[n] = 0;
}

/* The kind of happening a CAMEO root names, as the bucket and the decision group them: the
 * verbs two outlets pick for one happening fall in one family. What was said (statements,
 * appeals, intents, consultations, demands, disapproval, rejections, threats: 01-05 and 10-13)
 * is told with whichever speech verb an outlet picks ("testified", "told", "warned",
 * "criticized"); violence (assault, fighting, mass violence: 18-20, PLOVER's ASSAULT) as
 * "attacked", "clashed with" or "bombed". Other roots are a family each. 0: no root. */
static int root_family(const char *root)
{
    if (root[0] < '0' || root[0] > '2' || root[1] < '0' || root[1] > '9') return 0;
    int r = (root[0] - '0') * 10 + (root[1] - '0');
    if ((r >= 1 && r <= 5) || (r >= 10 && r <= 13)) return 1;
    if (r >= 18 && r <= 20) return 18;
    return r;
}

/* who did it to whom is the coder's weakest guess in what was said ("lawmakers grilled
 * Vindman", "Vindman told lawmakers"); in a use of force it tells two happenings apart
 * (an attack and the reprisal) */
static int roles_may_swap(const char *root)
{
    int f = root_family(root);
    return f && f < 15;
}

/* "" and "---" are unknown; a leading "---" (unknown country) is dropped so
 * "---COP" compares as "COP" */
static const char *actor_core(const char *c)
{
    if (!strncmp(c, "---", 3)) c += 3;
    return c;
}

/* a code's 3-letter parts after its unknown country, "---JUDGOVMIL" -> JUD GOV MIL; 0 when the
 * code is not made of whole parts */
static size_t actor_parts(const char *c, const char *part[11])
{
    size_t n = strlen(c), k = 0;
    if (n % 3 || n > 30) return 0;
    for (size_t i = 0; i < n; i += 3) part[k++] = c + i;
    return k;
}

int fw_incident_actor_compat(const char *a, const char *b)
{
    a = actor_core(a), b = actor_core(b);
    size_t na = strlen(a), nb = strlen(b);
    if (!na || !nb) return 1;
    const char *pa[11], *pb[11];
    size_t ka = actor_parts(a, pa), kb = actor_parts(b, pb);
    if (!ka || !kb) return !strcmp(a, b);
    /* CAMEO codes are built of 3-letter parts, a country then roles from the most general:
     * compatible when the parts of one all occur, in order, in the other ("CHN" in "CHNGOV",
     * "IMGMUSISI" in "AFGIMGMUSISI", "GOV" in "JUDGOVMIL": one more role named) */
    const char **s = ka <= kb ? pa : pb, **l = ka <= kb ? pb : pa;
    size_t ks = ka <= kb ? ka : kb, kl = ka <= kb ? kb : ka, i = 0;
    for (size_t j = 0; j < kl && i < ks; j++)
        if (!strncmp(s[i], l[j], 3)) i++;
    return i == ks;
}

static int actor_known(const char *c)
{
    return *actor_core(c) != 0;
}

/* "USA" against "---SPY": a country alone and a sector of an unknown country may name
 * the same actor ("the US" and "the intelligence committee"), without saying so */
static int country_vs_sector(const char *a, const char *b)
{
    int a_only = strlen(a) == 3 && strncmp(a, "---", 3), b_unknown = !strncmp(b, "---", 3) && b[3];
    return a_only && b_unknown;
}

static int happened(enum fw_modality m)
{
    return m == FW_MOD_ASSERTED || m == FW_MOD_REPORTED;
}

/* the date was inferred from around the sentence, not its own words */
static int date_exact(enum fw_date_source s)
{
    return s == FW_DSRC_TEXT || s == FW_DSRC_ARTICLE;
}

static enum fw_incident_place place_of(const struct fw_event *ev)
{
    if (!ev->has_loc || !ev->loc_cc2[0]) return FW_IPLACE_NONE;
    if (ev->loc_source == FW_LSRC_ARTICLE || ev->loc_source == FW_LSRC_ACTOR) return FW_IPLACE_COUNTRY;
    return ev->loc_admin1[0] ? FW_IPLACE_TOWN : FW_IPLACE_AREA;
}

static double dist_km(double la1, double lo1, double la2, double lo2)
{
    const double r = 6371.0, d = M_PI / 180.0;
    double dla = (la2 - la1) * d, dlo = (lo2 - lo1) * d;
    double h = sin(dla / 2) * sin(dla / 2) + cos(la1 * d) * cos(la2 * d) * sin(dlo / 2) * sin(dlo / 2);
    return 2 * r * asin(sqrt(h < 1 ? h : 1));
}

/* two figures of the same thing: far apart is a conflict (reports grow as the
 * count goes on, so only a big gap says "another happening") */
static int figures_conflict(long a, long b)
{
    long lo = a < b ? a : b, hi = a < b ? b : a;
    return hi - lo > 5 && hi / 3 > lo;
}

int fw_incident_mergeable(const struct fw_event *ev)
{
    /* a date out of the calendar (bad input) is no date */
    if (!ev->cameo[0] || ev->prec < FW_PREC_MONTH || ev->date.y < 1 || ev->date.y > 9999) return 0;
    if (ev->prec == FW_PREC_DAY) return fw_cal_valid(ev->date.y, ev->date.m, ev->date.d);
    return ev->date.m >= 1 && ev->date.m <= 12;
}

/* ---------- names ---------- */

/* Capitalized words that are no names: function words that open sentences, weekdays,
 * months, titles, and the common nouns and adjectives institutions are named with ("the House
 * Intelligence Committee" says as little as "a committee"). Compared case-folded. */
static const char *const not_names[] = {
    "the", "this", "that", "these", "those", "and", "but", "for", "with", "from", "after", "before", "when",
    "while", "during", "since", "until", "about", "also", "however", "meanwhile", "now", "then", "there",
    "here", "what", "who", "why", "how", "where", "which", "according", "earlier", "later", "last", "next",
    "both", "all", "some", "many", "most", "one", "two", "three", "four", "five", "his", "her", "its",
    "their", "our", "your", "they", "she", "him", "them", "you", "not", "yet", "still", "even", "such",
    "other", "another", "each", "every", "more", "less", "than", "into", "over", "under", "against", "among",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "mr", "mrs", "ms", "dr", "sir", "president", "minister", "prime", "former", "new", "said", "says",
    "house", "select", "committee", "council", "national", "security", "intelligence", "department",
    "ministry", "office", "state", "states", "general", "government", "party", "court", "supreme",
    "university", "army", "police", "agency", "commission", "senate", "congress", "parliament", "united",
    "republic", "union", "international", "foreign", "affairs", "defense", "defence", "secretary",
    "attorney", "democratic", "democrats", "republican", "republicans", "federal", "central", "military",
    "forces", "force", "ministers", "officials", "official", "spokesperson", "spokesman", "chief",
    "executive", "director", "chairman", "news", "times", "post", "press", "reuters", "associated",
    "breaking", "update", "live", "video", "photo", "read", "click", "subscribe", "advertisement",
};

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* bytes of a separator at s: typographic punctuation (U+2000-U+206F: the curly apostrophe of
 * "Epstein’s", quotes, dashes), a no-break space and guillemets are no part of a word; 0 if s
 * starts a word byte */
static size_t sep_len(const unsigned char *s)
{
    if (s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81) && s[2] >= 0x80 && s[2] <= 0xBF) return 3;
    if (s[0] == 0xC2 && (s[1] == 0xA0 || s[1] == 0xAB || s[1] == 0xBB)) return 2;
    return is_word_byte(s[0]) ? 0 : 1;
}

static uint32_t fold_hash(const char *p, size_t n)
{
    char tmp[64];
    if (n > sizeof tmp) n = sizeof tmp;
    for (size_t i = 0; i < n; i++) tmp[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
    return (uint32_t)XXH3_64bits(tmp, n);
}

static int has_name(const struct fw_incident_names *nm, uint32_t h)
{
    for (int i = 0; i < nm->n; i++)
        if (nm->h[i] == h) return 1;
    return 0;
}

static void add_name(struct fw_incident_names *nm, uint32_t h)
{
    if (nm->n < FW_INCIDENT_NAMES && !has_name(nm, h)) nm->h[nm->n++] = h;
}

void fw_incident_names_of(const char *sentence, const char *place, struct fw_incident_names *out)
{
    struct fw_incident_names skip = {0};
    memset(out, 0, sizeof *out);
    for (int pass = 0; pass < 2; pass++) {
        const char *s = pass ? sentence : place;
        for (size_t i = 0; s && s[i];) {
            size_t sl = sep_len((const unsigned char *)s + i);
            if (sl) {
                i += sl;
                continue;
            }
            size_t j = i;
            while (s[j] && !sep_len((const unsigned char *)s + j)) j++;
            size_t n = j - i;
            int cap = s[i] >= 'A' && s[i] <= 'Z';
            if (cap && n >= 3) {
                uint32_t h = fold_hash(s + i, n);
                int stop = 0;
                for (size_t k = 0; k < sizeof not_names / sizeof not_names[0] && !stop; k++)
                    stop = strlen(not_names[k]) == n && !strncasecmp(not_names[k], s + i, n);
                if (!pass) add_name(&skip, h);
                else if (!stop && !has_name(&skip, h)) add_name(out, h);
            }
            i = j;
        }
    }
}

static int shared_names(const struct fw_incident_names *a, const struct fw_incident_names *b)
{
    int n = 0;
    for (int i = 0; b && i < b->n; i++) n += has_name(a, b->h[i]);
    return n;
}

/* ---------- the decision ---------- */

/* F_WEAK: agrees on something generic (a sector or a country alone, a place) */
enum { F_UNKNOWN, F_AGREE, F_WEAK, F_NEUTRAL, F_CONFLICT };
static const char *fstr(int f)
{
    return f == F_AGREE ? "ok" : f == F_WEAK ? "ok-" : f == F_CONFLICT ? "NO" : f == F_NEUTRAL ? "~" : "?";
}

static int64_t day_of(struct fw_ymd d)
{
    return fw_cal_days_from_civil(d.y, d.m, d.d ? d.d : 1);
}

static int cmp_date(const struct fw_incident *inc, const struct fw_event *ev, int *f)
{
    if (inc->prec < FW_PREC_MONTH || ev->prec < FW_PREC_MONTH) return 0;
    if (inc->date.y != ev->date.y) {
        /* one day apart across a month or year end */
        if (!(inc->prec == FW_PREC_DAY && ev->prec == FW_PREC_DAY)) return 0;
    } else if (inc->date.m != ev->date.m && !(inc->prec == FW_PREC_DAY && ev->prec == FW_PREC_DAY)) {
        return 0;
    }
    if (inc->prec == FW_PREC_DAY && ev->prec == FW_PREC_DAY) {
        int64_t dd = day_of(inc->date) - day_of(ev->date);
        if (dd < 0) dd = -dd;
        int exact = inc->date_exact && date_exact(ev->date_source);
        if (dd == 0) *f = exact ? F_WEAK : F_NEUTRAL; /* a busy news day has many happenings */
        else if (dd == 1 && !exact) *f = F_NEUTRAL;
        else return 0;
        return 1;
    }
    *f = F_NEUTRAL; /* a month with a day of it, or the same month */
    return 1;
}

static int cmp_actor(const char *a, const char *b)
{
    if (!actor_known(a) || !actor_known(b)) return F_UNKNOWN;
    if (fw_incident_actor_compat(a, b)) {
        /* "GOV" (of some country) or "CHN" alone names many actors: a weak agreement */
        size_t na = strlen(actor_core(a)), nb = strlen(actor_core(b));
        return (na < nb ? na : nb) >= 6 ? F_AGREE : F_WEAK;
    }
    return country_vs_sector(a, b) || country_vs_sector(b, a) ? F_NEUTRAL : F_CONFLICT;
}

static int cmp_place(const struct fw_incident *inc, const struct fw_event *ev)
{
    enum fw_incident_place pe = place_of(ev), pi = inc->place;
    if (pe == FW_IPLACE_NONE || pi == FW_IPLACE_NONE) return F_UNKNOWN;
    if (strcmp(inc->loc_cc2, ev->loc_cc2))
        /* the article's main country is a guess (often the outlet's, not the happening's) */
        return pe == FW_IPLACE_COUNTRY || pi == FW_IPLACE_COUNTRY ? F_NEUTRAL : F_CONFLICT;
    if (pe == FW_IPLACE_COUNTRY || pi == FW_IPLACE_COUNTRY) return F_NEUTRAL;
    int same_name = !strcmp(inc->loc_name, ev->loc_name);
    if (pe == FW_IPLACE_TOWN && pi == FW_IPLACE_TOWN) {
        if (same_name || dist_km(inc->lat, inc->lon, ev->loc_lat, ev->loc_lon) <= FW_INCIDENT_NEAR_KM) return F_WEAK;
        return F_CONFLICT; /* two towns apart: two happenings */
    }
    if (pe == FW_IPLACE_AREA && pi == FW_IPLACE_AREA) return same_name ? F_WEAK : F_NEUTRAL;
    /* an area and a town: the town's province named, or a country: compatible */
    return F_NEUTRAL;
}

static int cmp_figure(long a, long b)
{
    if (a < 0 || b < 0) return F_UNKNOWN;
    if (a == b) return F_AGREE;
    return figures_conflict(a, b) ? F_CONFLICT : F_NEUTRAL;
}

void fw_incident_decide(const struct fw_incident *inc, const struct fw_event *ev, const struct fw_incident_names *names,
                        struct fw_incident_verdict *v)
{
    memset(v, 0, sizeof *v);
    char root[3];
    fw_incident_root(ev->cameo, root);
    if (!fw_incident_mergeable(ev)) {
        snprintf(v->why, sizeof v->why, "event not mergeable (no code or date)");
        return;
    }
    int related = strcmp(root, inc->root) != 0; /* another root of its family */
    if (related && root_family(root) != root_family(inc->root)) {
        snprintf(v->why, sizeof v->why, "cameo root %s vs %s", root, inc->root);
        return;
    }
    if (happened(ev->modality) != inc->happened) {
        snprintf(v->why, sizeof v->why, "modality %s vs %s", fw_modality_str(ev->modality),
                 inc->happened ? "happened" : "not happened");
        return;
    }
    int fd = F_UNKNOWN;
    if (!cmp_date(inc, ev, &fd)) {
        snprintf(v->why, sizeof v->why, "date %04d-%02d-%02d vs %04d-%02d-%02d", ev->date.y, ev->date.m, ev->date.d,
                 inc->date.y, inc->date.m, inc->date.d);
        return;
    }
    int fs = cmp_actor(inc->src, ev->src.code), ft = cmp_actor(inc->tgt, ev->tgt.code), swapped = 0;
    if ((fs == F_CONFLICT || ft == F_CONFLICT) && roles_may_swap(root)) {
        int xs = cmp_actor(inc->src, ev->tgt.code), xt = cmp_actor(inc->tgt, ev->src.code);
        if (xs != F_CONFLICT && xt != F_CONFLICT) fs = xs, ft = xt, swapped = 1;
    }
    int fp = cmp_place(inc, ev);
    int fk = cmp_figure(inc->killed, ev->killed), fw = cmp_figure(inc->wounded, ev->wounded);
    int fq = F_UNKNOWN;
    if (inc->qty >= 0 && ev->qty >= 0 && !strcmp(inc->qty_unit, ev->qty_unit)) fq = cmp_figure(inc->qty, ev->qty);
    int figs = fk == F_CONFLICT || fw == F_CONFLICT || fq == F_CONFLICT ? F_CONFLICT
               : fk == F_AGREE || fw == F_AGREE || fq == F_AGREE     ? F_AGREE
                                                                     : F_UNKNOWN;
    int nshared = shared_names(&inc->names, names);
    int fn = nshared >= FW_INCIDENT_NAMES_AGREE ? F_AGREE : F_UNKNOWN;
    int all[] = {fd, fs, ft, fp, figs, fn}, strong = 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        v->agree += all[i] == F_AGREE ? 2 : all[i] == F_WEAK ? 1 : 0;
        strong += all[i] == F_AGREE;
        if (all[i] == F_CONFLICT) v->conflict = 1;
    }
    /* many names in common (people, firms, places beyond its own) say more than two: a point */
    if (nshared >= FW_INCIDENT_NAMES_MANY) v->agree++;
    /* another verb of the family costs a point: the kind of happening only half agrees */
    if (related) v->agree--;
    /* generic agreements alone (a sector, a country, the day, the town) never merge */
    v->merge = !v->conflict && v->agree >= FW_INCIDENT_MIN_SCORE && strong > 0;
    char rs[8];
    snprintf(rs, sizeof rs, related ? "%s~%s" : "%s", root, inc->root);
    snprintf(v->why, sizeof v->why, "root=%s date=%s src=%s tgt=%s%s place=%s figures=%s names=%s score=%d -> %s",
             rs, fstr(fd), fstr(fs), fstr(ft), swapped ? " roles=swapped" : "", fstr(fp), fstr(figs), fstr(fn),
             v->agree, v->merge ? "merge" : "apart");
}

static int better(const struct fw_incident *a, const struct fw_incident_verdict *va, const struct fw_incident *b,
                  const struct fw_incident_verdict *vb)
{
    if (va->agree != vb->agree) return va->agree > vb->agree;
    if (a->first_ms != b->first_ms) return a->first_ms < b->first_ms;
    return strcmp(a->id, b->id) < 0;
}

void fw_incident_choice_consider(struct fw_incident_choice *c, const struct fw_incident *cand, size_t tag,
                                 const struct fw_event *ev, const struct fw_incident_names *names)
{
    struct fw_incident_verdict v;
    fw_incident_decide(cand, ev, names, &v);
    if (!v.merge) {
        if (v.agree > c->refused.agree || !c->refused.why[0]) c->refused = v;
        return;
    }
    if (!c->have || better(cand, &v, &c->best, &c->bestv)) c->best = *cand, c->bestv = v, c->tag = tag, c->have = 1;
}

/* ---------- building and refining ---------- */

static void set_place(struct fw_incident *inc, const struct fw_event *ev)
{
    inc->place = place_of(ev);
    snprintf(inc->loc_name, sizeof inc->loc_name, "%s", ev->loc_name);
    snprintf(inc->loc_admin1, sizeof inc->loc_admin1, "%s", ev->loc_admin1);
    memcpy(inc->loc_cc2, ev->loc_cc2, sizeof inc->loc_cc2);
    inc->loc_cc2[2] = 0;
    inc->lat = ev->loc_lat, inc->lon = ev->loc_lon;
}

static void set_code(struct fw_incident *inc, const struct fw_event *ev)
{
    snprintf(inc->cameo, sizeof inc->cameo, "%s", ev->cameo);
    snprintf(inc->plover, sizeof inc->plover, "%s", ev->plover);
}

static void copy_actor(char dst[32], const char *code)
{
    snprintf(dst, 32, "%s", actor_known(code) ? code : "");
}

/* figures as the compact form keeps them (a count beyond is bad input, not news) */
#define COUNT_MAX 1000000000L
static long clamp_count(long v, long max)
{
    return v < 0 ? -1 : v > max ? max : v;
}

void fw_incident_from_event(struct fw_incident *inc, const struct fw_event *ev, const struct fw_incident_names *names,
                            int64_t now_ms)
{
    memset(inc, 0, sizeof *inc);
    XXH128_hash_t h = XXH3_128bits_withSeed(ev->id, strlen(ev->id), 0x1c1d);
    snprintf(inc->id, sizeof inc->id, "%016" PRIx64 "%016" PRIx64, (uint64_t)h.high64, (uint64_t)h.low64);
    fw_incident_root(ev->cameo, inc->root);
    set_code(inc, ev);
    inc->happened = happened(ev->modality);
    inc->date = ev->date;
    inc->prec = ev->prec;
    inc->date_exact = date_exact(ev->date_source);
    copy_actor(inc->src, ev->src.code);
    copy_actor(inc->tgt, ev->tgt.code);
    set_place(inc, ev);
    inc->killed = clamp_count(ev->killed, COUNT_MAX), inc->wounded = clamp_count(ev->wounded, COUNT_MAX);
    inc->qty = clamp_count(ev->qty, COUNT_MAX);
    snprintf(inc->qty_unit, sizeof inc->qty_unit, "%s", ev->qty >= 0 ? ev->qty_unit : "");
    if (ev->killed >= 0) memcpy(inc->killed_by, ev->id, sizeof inc->killed_by);
    if (ev->wounded >= 0) memcpy(inc->wounded_by, ev->id, sizeof inc->wounded_by);
    if (names) inc->names = *names;
    inc->mentions = 1;
    inc->first_ms = inc->last_ms = now_ms;
}

static int more_specific(const char *have, const char *cand)
{
    return strlen(actor_core(cand)) > strlen(actor_core(have));
}

int fw_incident_refine(struct fw_incident *inc, const struct fw_event *ev, const struct fw_incident_names *names,
                       int64_t now_ms)
{
    int changed = 0;
    for (int i = 0; names && i < names->n; i++) add_name(&inc->names, names->h[i]);
    int ex = date_exact(ev->date_source);
    if (ev->prec > inc->prec || (ev->prec == inc->prec && ex && !inc->date_exact)) {
        inc->date = ev->date, inc->prec = ev->prec, inc->date_exact = ex;
        set_code(inc, ev);
        changed = 1;
    }
    if (more_specific(inc->src, ev->src.code)) copy_actor(inc->src, ev->src.code), changed = 1;
    if (more_specific(inc->tgt, ev->tgt.code)) copy_actor(inc->tgt, ev->tgt.code), changed = 1;
    if (place_of(ev) > inc->place) set_place(inc, ev), changed = 1;
    long killed = clamp_count(ev->killed, COUNT_MAX), wounded = clamp_count(ev->wounded, COUNT_MAX);
    long qty = clamp_count(ev->qty, COUNT_MAX);
    if (killed > inc->killed) inc->killed = killed, memcpy(inc->killed_by, ev->id, 33), changed = 1;
    if (wounded > inc->wounded) inc->wounded = wounded, memcpy(inc->wounded_by, ev->id, 33), changed = 1;
    if (qty > inc->qty && (inc->qty < 0 || !strcmp(inc->qty_unit, ev->qty_unit))) {
        inc->qty = qty;
        snprintf(inc->qty_unit, sizeof inc->qty_unit, "%s", ev->qty_unit);
        changed = 1;
    }
    inc->mentions++;
    if (now_ms > inc->last_ms) inc->last_ms = now_ms;
    return changed;
}

/* ---------- buckets ---------- */

/* cc: the place's country, "" none ("--" in the name) */
static char *put_digits(char *p, int v, int n)
{
    for (int i = n - 1; i >= 0; i--, v /= 10) p[i] = (char)('0' + v % 10);
    return p + n;
}

/* root: its family's first root names the bucket ("18" for 18-20). "%02d:%04d-%02d[-%02d]:%.2s",
 * written by hand: an event's buckets are named a few times per decision */
static void bucket_name(const char *root, struct fw_ymd d, int day, const char *cc, char out[24])
{
    char *p = put_digits(out, root_family(root) % 100, 2);
    *p++ = ':';
    p = put_digits(p, (d.y % 10000 + 10000) % 10000, 4);
    *p++ = '-';
    p = put_digits(p, (d.m % 100 + 100) % 100, 2);
    if (day) *p++ = '-', p = put_digits(p, (d.d % 100 + 100) % 100, 2);
    *p++ = ':';
    if (!*cc) cc = "--";
    for (int i = 0; i < 2 && cc[i]; i++) *p++ = cc[i];
    *p = 0;
}

/* a place guessed from the article is no place for the buckets: such incidents sit with
 * those without a place, where every located event looks too */
void fw_incident_bucket(const struct fw_incident *inc, char out[24])
{
    bucket_name(inc->root, inc->date, inc->prec == FW_PREC_DAY, inc->place > FW_IPLACE_COUNTRY ? inc->loc_cc2 : "",
                out);
}

size_t fw_incident_buckets(const struct fw_event *ev, char out[FW_INCIDENT_EVENT_BUCKETS][24])
{
    if (!fw_incident_mergeable(ev)) return 0;
    char root[3];
    fw_incident_root(ev->cameo, root);
    /* a located event looks in its country's buckets and in those without a place */
    const char *ccs[2] = {"", place_of(ev) != FW_IPLACE_NONE ? ev->loc_cc2 : NULL};
    size_t n = 0;
    for (int c = 0; c < 2 && ccs[c]; c++) {
        const char *cc = ccs[c];
        if (ev->prec == FW_PREC_DAY) {
            int64_t d0 = day_of(ev->date);
            for (int k = -1; k <= 1; k++) bucket_name(root, fw_cal_civil_from_days(d0 + k), 1, cc, out[n++]);
            /* month-precision incidents match only days of their own month */
            bucket_name(root, ev->date, 0, cc, out[n++]);
        } else {
            bucket_name(root, ev->date, 0, cc, out[n++]);
            int nd = fw_cal_month_days(ev->date.y, ev->date.m);
            for (int d = 1; d <= nd; d++)
                bucket_name(root, (struct fw_ymd){ev->date.y, ev->date.m, d}, 1, cc, out[n++]);
        }
    }
    return n;
}

/* ---------- compact text ---------- */

/* tabs and newlines never occur in what the coder writes; replaced anyway */
static void add_field(struct fw_buf *b, const char *s)
{
    for (; *s; s++) fw_buf_addc(b, *s == '\t' || *s == '\n' ? ' ' : *s);
    fw_buf_addc(b, '\t');
}

#define INC_FIELDS 25

void fw_incident_encode(const struct fw_incident *inc, struct fw_buf *out)
{
    add_field(out, "1");
    add_field(out, inc->id);
    add_field(out, inc->root);
    add_field(out, inc->cameo);
    add_field(out, inc->plover);
    fw_buf_printf(out, "%d\t%d-%d-%d\t%d\t%d\t", inc->happened, inc->date.y, inc->date.m, inc->date.d, (int)inc->prec,
                  inc->date_exact);
    add_field(out, inc->src);
    add_field(out, inc->tgt);
    fw_buf_printf(out, "%d\t", (int)inc->place);
    add_field(out, inc->loc_name);
    add_field(out, inc->loc_admin1);
    add_field(out, inc->loc_cc2);
    fw_buf_printf(out, "%.6f\t%.6f\t%ld\t%ld\t%ld\t", inc->lat, inc->lon, inc->killed, inc->wounded, inc->qty);
    add_field(out, inc->qty_unit);
    add_field(out, inc->killed_by);
    add_field(out, inc->wounded_by);
    for (int i = 0; i < inc->names.n; i++) fw_buf_printf(out, "%s%08" PRIx32, i ? "," : "", inc->names.h[i]);
    fw_buf_printf(out, "\t%ld\t%" PRId64 "\t%" PRId64, inc->mentions, inc->first_ms, inc->last_ms);
}

static int get_str(const char *p, size_t n, char *dst, size_t cap)
{
    if (n >= cap) return 0;
    memcpy(dst, p, n);
    dst[n] = 0;
    return 1;
}

static int get_long(const char *p, size_t n, long long lo, long long hi, long long *out)
{
    char tmp[32];
    if (!n || n >= sizeof tmp) return 0;
    memcpy(tmp, p, n);
    tmp[n] = 0;
    char *end;
    errno = 0;
    long long v = strtoll(tmp, &end, 10);
    if (errno || *end || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

static int get_real(const char *p, size_t n, double *out)
{
    char tmp[32];
    if (!n || n >= sizeof tmp) return 0;
    memcpy(tmp, p, n);
    tmp[n] = 0;
    char *end;
    double v = strtod(tmp, &end);
    if (*end || !isfinite(v) || fabs(v) > 1000) return 0;
    *out = v;
    return 1;
}

int fw_incident_quick_reject(const char *s, size_t n, const struct fw_event *ev)
{
    /* fields 9 and 10 of the compact form: the actor codes (one pass over the short fields before
     * them: the store calls this for every candidate it reads) */
    const char *f[3];
    size_t nf = 0, tabs = 0;
    for (size_t i = 0; i < n && nf < 3; i++)
        if (s[i] == '\t' && ++tabs >= 9) f[nf++] = s + i + 1;
    if (nf < 3) return 0; /* malformed: the decoder says so */
    char a[32], b[32], root[3];
    size_t la = (size_t)(f[1] - f[0] - 1), lb = (size_t)(f[2] - f[1] - 1);
    if (la >= sizeof a || lb >= sizeof b) return 0;
    memcpy(a, f[0], la), a[la] = 0;
    memcpy(b, f[1], lb), b[lb] = 0;
    /* the decision's own test: straight, then crossed where roles may swap */
    if (cmp_actor(a, ev->src.code) != F_CONFLICT && cmp_actor(b, ev->tgt.code) != F_CONFLICT) return 0;
    fw_incident_root(ev->cameo, root);
    if (!roles_may_swap(root)) return 1;
    return cmp_actor(a, ev->tgt.code) == F_CONFLICT || cmp_actor(b, ev->src.code) == F_CONFLICT;
}

enum fw_err fw_incident_decode(const char *s, size_t n, struct fw_incident *inc)
{
    const char *f[INC_FIELDS];
    size_t fl[INC_FIELDS], nf = 0;
    const char *p = s, *e = s + n;
    while (nf < INC_FIELDS) {
        /* the last field is the rest: "mentions<TAB>first<TAB>last" */
        const char *t = nf == INC_FIELDS - 1 ? NULL : memchr(p, '\t', (size_t)(e - p));
        f[nf] = p;
        fl[nf++] = (size_t)((t ? t : e) - p);
        if (!t) break;
        p = t + 1;
    }
    if (nf != INC_FIELDS || (fl[0] != 1 || f[0][0] != '1')) return FW_E_PARSE;
    memset(inc, 0, sizeof *inc);
    long long v[8];
    int y = 0, m = 0, d = 0;
    char date[24];
    if (!get_str(f[1], fl[1], inc->id, sizeof inc->id) || fl[1] != FW_INCIDENT_ID_LEN) return FW_E_PARSE;
    if (!get_str(f[2], fl[2], inc->root, sizeof inc->root) || !get_str(f[3], fl[3], inc->cameo, sizeof inc->cameo) ||
        !get_str(f[4], fl[4], inc->plover, sizeof inc->plover) || !get_long(f[5], fl[5], 0, 1, &v[0]) ||
        !get_str(f[6], fl[6], date, sizeof date) || sscanf(date, "%d-%d-%d", &y, &m, &d) != 3 ||
        !get_long(f[7], fl[7], 0, FW_PREC_DAY, &v[1]) || !get_long(f[8], fl[8], 0, 1, &v[2]) ||
        !get_str(f[9], fl[9], inc->src, sizeof inc->src) || !get_str(f[10], fl[10], inc->tgt, sizeof inc->tgt) ||
        !get_long(f[11], fl[11], 0, FW_IPLACE_TOWN, &v[3]) ||
        !get_str(f[12], fl[12], inc->loc_name, sizeof inc->loc_name) ||
        !get_str(f[13], fl[13], inc->loc_admin1, sizeof inc->loc_admin1) ||
        !get_str(f[14], fl[14], inc->loc_cc2, sizeof inc->loc_cc2) || !get_real(f[15], fl[15], &inc->lat) ||
        !get_real(f[16], fl[16], &inc->lon) || !get_long(f[17], fl[17], -1, 1000000000, &v[4]) ||
        !get_long(f[18], fl[18], -1, 1000000000, &v[5]) || !get_long(f[19], fl[19], -1, 1000000000000LL, &v[6]) ||
        !get_str(f[20], fl[20], inc->qty_unit, sizeof inc->qty_unit) ||
        !get_str(f[21], fl[21], inc->killed_by, sizeof inc->killed_by) ||
        !get_str(f[22], fl[22], inc->wounded_by, sizeof inc->wounded_by))
        return FW_E_PARSE;
    /* names: up to FW_INCIDENT_NAMES 8-hex-digit hashes, comma-separated */
    if (fl[23] > FW_INCIDENT_NAMES * 9) return FW_E_PARSE;
    for (size_t i = 0; i < fl[23]; i += 9) {
        char hex[9];
        if (i + 8 > fl[23] || (i + 8 < fl[23] && f[23][i + 8] != ',')) return FW_E_PARSE;
        memcpy(hex, f[23] + i, 8);
        hex[8] = 0;
        char *end;
        unsigned long h = strtoul(hex, &end, 16);
        if (*end || hex[0] == '-' || hex[0] == '+' || hex[0] == ' ') return FW_E_PARSE;
        inc->names.h[inc->names.n++] = (uint32_t)h;
    }
    /* the last field holds "mentions first last" with tabs: split again */
    char tail[80];
    long long mn;
    int64_t a, b;
    if (!get_str(f[24], fl[24], tail, sizeof tail) ||
        sscanf(tail, "%lld\t%" SCNd64 "\t%" SCNd64, &mn, &a, &b) != 3 || mn < 1)
        return FW_E_PARSE;
    if (y < 1 || y > 9999 || m < 0 || m > 12 || d < 0 || d > 31) return FW_E_PARSE;
    inc->happened = (int)v[0];
    inc->date = (struct fw_ymd){y, m, d};
    inc->prec = (enum fw_date_prec)v[1];
    inc->date_exact = (int)v[2];
    inc->place = (enum fw_incident_place)v[3];
    inc->killed = (long)v[4], inc->wounded = (long)v[5], inc->qty = (long)v[6];
    inc->mentions = (long)mn;
    inc->first_ms = a, inc->last_ms = b;
    return FW_OK;
}

/* ---------- JSON ---------- */

static json_t *jstr(const char *s)
{
    if (!s || !*s) return json_null();
    json_t *j = json_string(s);
    if (j) return j;
    /* not UTF-8 (a field cut at its byte limit): keep the ASCII */
    char tmp[512];
    size_t i = 0;
    for (; s[i] && i < sizeof tmp - 1; i++) tmp[i] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
    tmp[i] = 0;
    return json_string(tmp);
}

static json_t *jcount(long v)
{
    return v < 0 ? json_null() : json_integer(v);
}

static const char *prec_name(enum fw_date_prec p)
{
    return p == FW_PREC_DAY ? "day" : p == FW_PREC_MONTH ? "month" : p == FW_PREC_YEAR ? "year" : "none";
}

static const char *place_name(enum fw_incident_place p)
{
    return p == FW_IPLACE_TOWN ? "town" : p == FW_IPLACE_AREA ? "area" : p == FW_IPLACE_COUNTRY ? "country" : "none";
}

void fw_incident_json(const struct fw_incident *inc, const struct fw_incident_mention *m, size_t nm,
                      struct fw_buf *out)
{
    char date[16], first[32], last[32];
    if (inc->prec == FW_PREC_DAY) snprintf(date, sizeof date, "%04d-%02d-%02d", inc->date.y, inc->date.m, inc->date.d);
    else if (inc->prec == FW_PREC_MONTH) snprintf(date, sizeof date, "%04d-%02d", inc->date.y, inc->date.m);
    else snprintf(date, sizeof date, "%04d", inc->date.y);
    fw_record_time(inc->first_ms, first);
    fw_record_time(inc->last_ms, last);
    json_t *loc = inc->place == FW_IPLACE_NONE
                      ? json_null()
                      : json_pack("{s:o,s:o,s:o,s:s,s:f,s:f}", "name", jstr(inc->loc_name), "admin1",
                                  jstr(inc->loc_admin1), "country", jstr(inc->loc_cc2), "level",
                                  place_name(inc->place), "lat", inc->lat, "lon", inc->lon);
    json_t *ms = json_array();
    for (size_t i = 0; i < nm; i++)
        json_array_append_new(ms, json_pack("{s:o,s:o,s:o}", "article_id", jstr(m[i].article_id), "event_id",
                                            jstr(m[i].event_id), "sentence", jstr(m[i].sentence)));
    json_t *o = json_pack(
        "{s:s,s:i,s:s,s:o,s:o,s:o,s:s,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:I,s:s,s:s,s:o}", "schema",
        FW_INCIDENT_SCHEMA, "schema_version", 1, "id", inc->id, "cameo", jstr(inc->cameo), "cameo_root",
        jstr(inc->root), "plover", jstr(inc->plover), "date", date, "date_precision", prec_name(inc->prec),
        "happened", json_boolean(inc->happened), "source", jstr(inc->src), "target", jstr(inc->tgt), "location", loc,
        "killed", jcount(inc->killed), "killed_source", jstr(inc->killed_by), "wounded", jcount(inc->wounded),
        "wounded_source", jstr(inc->wounded_by), "quantity",
        inc->qty < 0 ? json_null() : json_pack("{s:I,s:o}", "value", (json_int_t)inc->qty, "unit", jstr(inc->qty_unit)),
        "mention_count", (json_int_t)inc->mentions, "first_seen", first, "last_seen", last, "mentions", ms);
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(o);
    if (s) fw_buf_adds(out, s);
    free(s);
}
