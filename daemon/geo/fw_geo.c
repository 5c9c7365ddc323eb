/* fw_geo: the reader side of the gazetteer (see fw_geo.h). The index is mapped
 * read-only; every lookup is a few binary searches over folded keys. */
#include "feedwire/fw_geo.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feedwire/fw_buf.h"
#include "fw_geo_int.h"

struct fw_geo {
    void *map;
    size_t size;
    const struct fw_geo_hdr *hdr;
    const struct fw_geo_rplace *places;
    const struct fw_geo_rname *names, *cnames;
    const uint32_t *nbuckets, *cbuckets;
    const uint16_t *countries;
    const char *str;
};

/* ---- folding ---------------------------------------------------------------------------- */

/* Base letters of U+00C0..U+00FF, U+0100..U+017F and U+1E00..U+1EFF; '*' = two letters
 * (handled below), '!' = not a letter. */
static const char latin1[] = "aaaaaa*ceeeeiiiidnooooo!ouuuuy**"
                             "aaaaaa*ceeeeiiiidnooooo!ouuuuy*y";
static const char latin_a[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkk"
                              "llllllllllnnnnnnnnnoooooo**rrrrrrsssssssstttttt"
                              "uuuuuuuuuuuuwwyyyzzzzzzs";
static const char latin_add[] = "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllll"
                                "mmmmmmnnnnnnnnoooooooopppprrrrrrrrsssssssssstttttttt"
                                "uuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyassss!"
                                "aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiii"
                                "oooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy!!!!!!";
_Static_assert(sizeof latin1 == 65, "latin1 table");
_Static_assert(sizeof latin_a == 129, "latin_a table");
_Static_assert(sizeof latin_add == 257, "latin_add table");

static int fold_latin(uint32_t cp, char fold[3], int *upper)
{
    char c = '!';
    *upper = 0;
    if (cp >= 0xC0 && cp <= 0xFF) {
        c = latin1[cp - 0xC0];
        *upper = cp < 0xDF;
        if (c == '*') {
            uint32_t l = cp | 0x20;
            if (l == 0xE6) return memcpy(fold, "ae", 2), 2;
            if (l == 0xFE) return memcpy(fold, "th", 2), 2;
            *upper = 0;
            return memcpy(fold, "ss", 2), 2;
        }
    } else if (cp >= 0x100 && cp <= 0x17F) {
        c = latin_a[cp - 0x100];
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) *upper = cp & 1;
        else *upper = !(cp & 1) && cp != 0x138;
        if (cp == 0x130) *upper = 1;
        if (c == '*') {
            if (cp <= 0x133) return memcpy(fold, "ij", 2), 2;
            return memcpy(fold, "oe", 2), 2;
        }
    } else if (cp >= 0x1E00 && cp <= 0x1EFF) {
        c = latin_add[cp - 0x1E00];
        *upper = !(cp & 1) && !(cp >= 0x1E96 && cp <= 0x1E9D);
    } else if (cp >= 0x1CD && cp <= 0x1DC) {
        c = "aaiioouuuuuuuuuu"[cp - 0x1CD];
        *upper = cp & 1;
    } else if (cp >= 0x218 && cp <= 0x21B) {
        c = cp < 0x21A ? 's' : 't';
        *upper = !(cp & 1);
    } else if (cp == 0x1E6 || cp == 0x1E7) {
        c = 'g';
        *upper = cp == 0x1E6;
    }
    if (c == '!') return -1;
    fold[0] = c;
    return 1;
}

size_t fw_geo_char(const unsigned char *s, size_t len, enum fw_geo_cc *cls, char fold[3], int *nfold, int *upper)
{
    unsigned char c = s[0];
    *nfold = 0;
    *upper = 0;
    if (c < 0x80) {
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            *cls = FW_GEO_C_LETTER;
            *upper = c <= 'Z';
            fold[0] = (char)(c | 0x20);
            *nfold = 1;
        } else if (c >= '0' && c <= '9') {
            *cls = FW_GEO_C_LETTER;
            fold[0] = (char)c;
            *nfold = 1;
        } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-') {
            *cls = FW_GEO_C_SEP;
        } else if (c == '\'' || c == '`') {
            *cls = FW_GEO_C_QUOTE;
        } else if (c == '.') {
            *cls = FW_GEO_C_DOT;
        } else {
            *cls = FW_GEO_C_STOP;
        }
        return 1;
    }
    uint32_t cp;
    size_t n;
    if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07;
    else {
        *cls = FW_GEO_C_STOP;
        return 1;
    }
    if (n > len) {
        *cls = FW_GEO_C_STOP;
        return len;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cls = FW_GEO_C_STOP;
            return i;
        }
        cp = cp << 6 | (s[i] & 0x3F);
    }
    if (cp == 0xA0 || (cp >= 0x2010 && cp <= 0x2015)) {
        *cls = FW_GEO_C_SEP;
    } else if (cp == 0x2018 || cp == 0x2019 || cp == 0x2BB || cp == 0x2BC || cp == 0x2BE || cp == 0x2BF) {
        *cls = FW_GEO_C_QUOTE;
    } else if (cp < 0x250 || (cp >= 0x1E00 && cp <= 0x1EFF)) {
        int k = fold_latin(cp, fold, upper);
        if (k < 0) {
            *cls = cp >= 0x180 ? FW_GEO_C_LETTER : FW_GEO_C_STOP;
        } else {
            *cls = FW_GEO_C_LETTER;
            *nfold = k;
        }
    } else if ((cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFFEF)) {
        *cls = FW_GEO_C_STOP;   /* punctuation, symbols, fullwidth forms */
    } else {
        *cls = FW_GEO_C_LETTER; /* another script: kept verbatim, never folded */
    }
    return n;
}

size_t fw_geo_fold_name(const char *s, size_t len, char *key, size_t keysz)
{
    size_t k = 0, i = 0;
    int space = 0;
    while (i < len) {
        enum fw_geo_cc cls;
        char f[3];
        int nf, up;
        i += fw_geo_char((const unsigned char *)s + i, len - i, &cls, f, &nf, &up);
        if (cls == FW_GEO_C_LETTER) {
            if (!nf) return 0;
            if (k + (space && k) + (size_t)nf + 1 > keysz) return 0;
            if (space && k) key[k++] = ' ';
            space = 0;
            memcpy(key + k, f, (size_t)nf);
            k += (size_t)nf;
        } else if (cls == FW_GEO_C_SEP || cls == FW_GEO_C_DOT) {
            space = 1;
        } else if (cls == FW_GEO_C_STOP) {
            return 0;
        }
    }
    if (k) key[k] = '\0';
    return k;
}

/* ---- open --------------------------------------------------------------------------------- */

void fw_geo_free(struct fw_geo *g)
{
    if (!g) return;
    if (g->map) munmap(g->map, g->size);
    free(g);
}

static int range_ok(uint64_t off, uint64_t n, uint64_t sz, uint64_t total)
{
    return off <= total && n <= (total - off) / (sz ? sz : 1);
}

struct fw_geo *fw_geo_open(const char *path, char *err, size_t errsz)
{
    struct fw_geo *g = fw_xcalloc(1, sizeof *g);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        fw_fail(err, errsz, FW_E_IO, "%s: %s", path, strerror(e));
        goto fail;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || (size_t)st.st_size < sizeof(struct fw_geo_hdr)) {
        fw_fail(err, errsz, FW_E_PARSE, "%s: not a gazetteer index (too small)", path);
        goto fail;
    }
    g->size = (size_t)st.st_size;
    g->map = mmap(NULL, g->size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (g->map == MAP_FAILED) {
        int e = errno;
        g->map = NULL;
        fw_fail(err, errsz, FW_E_IO, "%s: mmap: %s", path, strerror(e));
        goto fail;
    }
    close(fd);
    fd = -1;
    const struct fw_geo_hdr *h = g->map;
    if (memcmp(h->magic, FW_GEO_MAGIC, 8) || h->version != FW_GEO_VERSION || h->endian != FW_GEO_ENDIAN ||
        h->file_size != g->size) {
        fw_fail(err, errsz, FW_E_PARSE, "%s: not a gazetteer index of this version (rebuild it)", path);
        goto fail;
    }
    if (!range_ok(h->off_places, h->nplaces, sizeof *g->places, g->size) ||
        !range_ok(h->off_names, h->nnames, sizeof *g->names, g->size) ||
        !range_ok(h->off_cnames, h->ncnames, sizeof *g->cnames, g->size) ||
        !range_ok(h->off_countries, h->ncountries, sizeof *g->countries, g->size) ||
        !range_ok(h->off_nbuckets, FW_GEO_NBUCKETS + 1, sizeof(uint32_t), g->size) ||
        !range_ok(h->off_cbuckets, FW_GEO_NBUCKETS + 1, sizeof(uint32_t), g->size) || h->off_nbuckets % 4 ||
        h->off_cbuckets % 4 ||
        !range_ok(h->off_strings, h->strings_size, 1, g->size) || h->strings_size == 0 ||
        ((const char *)g->map)[h->off_strings + h->strings_size - 1] != '\0' ||
        h->ncountries > 26 * 26 || h->off_places % 4 || h->off_names % 4 || h->off_cnames % 4 || h->off_countries % 2) {
        fw_fail(err, errsz, FW_E_PARSE, "%s: corrupt gazetteer index", path);
        goto fail;
    }
    g->hdr = h;
    g->places = (const void *)((const char *)g->map + h->off_places);
    g->names = (const void *)((const char *)g->map + h->off_names);
    g->cnames = (const void *)((const char *)g->map + h->off_cnames);
    g->countries = (const void *)((const char *)g->map + h->off_countries);
    g->nbuckets = (const void *)((const char *)g->map + h->off_nbuckets);
    g->cbuckets = (const void *)((const char *)g->map + h->off_cbuckets);
    for (int t = 0; t < 2; t++) { /* buckets rise to the table's length */
        const uint32_t *bk = t ? g->cbuckets : g->nbuckets;
        uint32_t n = t ? h->ncnames : h->nnames;
        if (bk[FW_GEO_NBUCKETS] != n) goto corrupt;
        for (unsigned k = 0; k < FW_GEO_NBUCKETS; k++)
            if (bk[k] > bk[k + 1]) goto corrupt;
    }
    g->str = (const char *)g->map + h->off_strings;
    /* Offsets are trusted after this check, so a bad file cannot make lookups read outside it. */
    for (uint32_t i = 0; i < h->nplaces; i++) {
        const struct fw_geo_rplace *p = &g->places[i];
        if (p->name >= h->strings_size || p->admin1 >= h->strings_size || p->country >= h->ncountries) goto corrupt;
    }
    for (int t = 0; t < 2; t++) {
        const struct fw_geo_rname *nm = t ? g->cnames : g->names;
        uint32_t n = t ? h->ncnames : h->nnames;
        for (uint32_t i = 0; i < n; i++)
            if (nm[i].key >= h->strings_size || nm[i].spelling >= h->strings_size || nm[i].place >= h->nplaces)
                goto corrupt;
    }
    for (uint32_t i = 0; i < h->ncountries; i++)
        if (g->countries[i] >= h->nplaces) goto corrupt;
    return g;
corrupt:
    fw_fail(err, errsz, FW_E_PARSE, "%s: corrupt gazetteer index", path);
fail:
    if (fd >= 0) close(fd);
    fw_geo_free(g);
    return NULL;
}

void fw_geo_stats(const struct fw_geo *g, struct fw_geo_stats *st)
{
    st->bytes = g->size;
    st->places = g->hdr->nplaces;
    st->names = g->hdr->nnames;
    st->countries = g->hdr->ncountries;
}

/* ---- lookup ------------------------------------------------------------------------------- */

static void fill(const struct fw_geo *g, uint32_t idx, const char *name, struct fw_place *out)
{
    const struct fw_geo_rplace *p = &g->places[idx];
    out->name = name ? name : g->str + p->name;
    out->admin1 = g->str + p->admin1;
    memcpy(out->cc2, p->cc2, 2);
    out->cc2[2] = '\0';
    memcpy(out->cc3, p->cc3, 3);
    out->cc3[3] = '\0';
    out->lat = p->lat;
    out->lon = p->lon;
    out->population = (long)p->population;
    out->kind = p->kind;
}

/* First entry whose key is >= key, searched within the key's two-character bucket. */
static uint32_t lower_bound(const struct fw_geo *g, const struct fw_geo_rname *tab, const uint32_t *bk, const char *key)
{
    unsigned b = fw_geo_bucket(key);
    uint32_t lo = bk[b], hi = bk[b + 1];
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (strcmp(g->str + tab[mid].key, key) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

enum mode { MODE_PLACE, MODE_COUNTRY };

/* Words that may precede a name in lower case: "al-Qaim", "el-Arish". */
static int lower_article(const char *w, size_t n)
{
    return (n == 2 && (!memcmp(w, "al", 2) || !memcmp(w, "el", 2) || !memcmp(w, "ad", 2) || !memcmp(w, "ar", 2) ||
                       !memcmp(w, "as", 2) || !memcmp(w, "az", 2) || !memcmp(w, "an", 2) || !memcmp(w, "at", 2))) ||
           (n == 3 && !memcmp(w, "ash", 3));
}

#define MAX_HINTS 8

/* "LB" or "SY,LB": alpha-2 codes in order of preference. */
static int parse_hints(const char *h, const char *out[MAX_HINTS])
{
    int n = 0;
    while (h && n < MAX_HINTS) {
        while (*h == ',' || *h == ' ') h++;
        if (!((h[0] >= 'A' && h[0] <= 'Z') && (h[1] >= 'A' && h[1] <= 'Z'))) break;
        out[n++] = h;
        h += 2;
    }
    return n;
}

/* Among the entries [i, n) with this key, the one to return, or UINT32_MAX. `strong` is the
 * country the text itself attaches to the name ("Bam, Iran"); then the hints in order. */
static uint32_t choose(const struct fw_geo *g, const struct fw_geo_rname *tab, uint32_t i, uint32_t n,
                       const char *key, enum mode mode, const char *hints, const char *strong, const char *strong_a1,
                       int caps, const char **spelling) /* caps: 1 all capitals, 2 and at most 4 letters */
{
    const char *hv[MAX_HINTS];
    int nh = mode == MODE_PLACE ? parse_hints(hints, hv) : 0;
    uint32_t best = UINT32_MAX, hinted[MAX_HINTS], strong_i = UINT32_MAX;
    for (int h = 0; h < nh; h++) hinted[h] = UINT32_MAX;
    for (; i < n && !strcmp(g->str + tab[i].key, key); i++) {
        const struct fw_geo_rname *nm = &tab[i];
        const struct fw_geo_rplace *p = &g->places[nm->place];
        /* A word like "Van" or "Mary" names a place if the place is large, or is a city of
         * the article's own country ("Van" in a story about Turkey). */
        /* "Monroe, La.", "Mobile, Alabama": a town the text places in its own region or country
         * is that town, whatever word or surname it also spells */
        int placed = strong && !memcmp(p->cc2, strong, 2) && p->kind == FW_PLACE_CITY &&
                     (!strong_a1 || !strcasecmp(g->str + p->admin1, strong_a1));
        if ((nm->flags & FW_GEO_N_COMMON) && p->kind != FW_PLACE_COUNTRY && !placed) {
            int in_hinted = nh && !memcmp(p->cc2, hv[0], 2);
            /* "Eastern", "Central": a province named by a plain word needs the article's country */
            if (p->kind == FW_PLACE_ADMIN1 ? !in_hinted
                                           : p->population < FW_GEO_COMMON_MIN_POP &&
                                                 !(in_hinted && p->population >= FW_GEO_COMMON_HINTED_POP))
                continue;
        }
        if ((nm->flags & FW_GEO_N_CODE) && !(caps & 1)) continue;
        /* "SUV", "BED": a short word in capitals is an acronym, unless it is a country */
        if ((caps & 2) && p->kind != FW_PLACE_COUNTRY) continue;
        if (best == UINT32_MAX) best = i;
        if (mode == MODE_COUNTRY) break;
        /* (the entry in the region named, else the first in the country) */
        if (placed && strong_a1 && (strong_i == UINT32_MAX || strcasecmp(g->str + g->places[tab[strong_i].place].admin1, strong_a1)))
            strong_i = i;
        else if (strong && strong_i == UINT32_MAX && !memcmp(p->cc2, strong, 2)) strong_i = i;
        for (int h = 0; h < nh; h++)
            if (hinted[h] == UINT32_MAX && !memcmp(p->cc2, hv[h], 2)) hinted[h] = i;
    }
    if (strong_i != UINT32_MAX) {
        best = strong_i;
    } else if (best != UINT32_MAX) {
        for (int h = 0; h < nh; h++) {
            if (hinted[h] == UINT32_MAX) continue;
            /* The article's country wins unless the other place is a city next to a village
             * ("Najaf", 480,000 in Iraq, 1,300 in Iran: a story that names Iran means Iraq's;
             * Birmingham, Alabama, in an American story, stays). */
            uint32_t bp = g->places[tab[best].place].population, hp = g->places[tab[hinted[h]].place].population;
            if (!(bp >= 100000 && bp / 10 > hp)) best = hinted[h];
            break;
        }
    }
    if (best != UINT32_MAX) *spelling = g->str + tab[best].spelling;
    return best == UINT32_MAX ? best : tab[best].place;
}

static size_t walk(const struct fw_geo *g, enum mode mode, const char *s, size_t len, const char *hint, int depth,
                   struct fw_place *out);

/* The Associated Press's abbreviations of US states, as US news writes a town's state after it
 * ("Monroe, La.", "Orange County, Calif."); the eight short names AP spells out are found as
 * admin1 names. */
static const char *const ap_states[][2] = {
    {"Ala.", "Alabama"}, {"Ariz.", "Arizona"}, {"Ark.", "Arkansas"}, {"Calif.", "California"},
    {"Colo.", "Colorado"}, {"Conn.", "Connecticut"}, {"Del.", "Delaware"}, {"Fla.", "Florida"},
    {"Ga.", "Georgia"}, {"Ill.", "Illinois"}, {"Ind.", "Indiana"}, {"Kan.", "Kansas"},
    {"Ky.", "Kentucky"}, {"La.", "Louisiana"}, {"Md.", "Maryland"}, {"Mass.", "Massachusetts"},
    {"Mich.", "Michigan"}, {"Minn.", "Minnesota"}, {"Miss.", "Mississippi"}, {"Mo.", "Missouri"},
    {"Mont.", "Montana"}, {"Neb.", "Nebraska"}, {"Nev.", "Nevada"}, {"N.H.", "New Hampshire"},
    {"N.J.", "New Jersey"}, {"N.M.", "New Mexico"}, {"N.Y.", "New York"}, {"N.C.", "North Carolina"},
    {"N.D.", "North Dakota"}, {"Okla.", "Oklahoma"}, {"Ore.", "Oregon"}, {"Pa.", "Pennsylvania"},
    {"R.I.", "Rhode Island"}, {"S.C.", "South Carolina"}, {"S.D.", "South Dakota"}, {"Tenn.", "Tennessee"},
    {"Vt.", "Vermont"}, {"Va.", "Virginia"}, {"Wash.", "Washington"}, {"W.Va.", "West Virginia"},
    {"Wis.", "Wisconsin"}, {"Wyo.", "Wyoming"}, {NULL, NULL}};

/* ", Iran", ", Texas" or ", La." right after a name: the country it names, and the region
 * when it names one (admin1: a pointer into the index or ap_states, else NULL), for choose(). */
static int trailing_region(const struct fw_geo *g, const char *s, size_t len, size_t i, int depth, char cc[3],
                           const char **admin1)
{
    *admin1 = NULL;
    if (depth > 0) return 0;
    while (i < len && s[i] == ' ') i++;
    if (i >= len || s[i] != ',') return 0;
    for (i++; i < len && s[i] == ' '; i++) {}
    for (int k = 0; ap_states[k][0]; k++) {
        size_t n = strlen(ap_states[k][0]);
        if (len - i >= n && !memcmp(s + i, ap_states[k][0], n) &&
            (i + n == len || !isalnum((unsigned char)s[i + n]))) {
            memcpy(cc, "US", 3);
            *admin1 = ap_states[k][1];
            return 1;
        }
    }
    struct fw_place q;
    if (walk(g, MODE_COUNTRY, s + i, len - i, NULL, depth + 1, &q)) {
        memcpy(cc, q.cc2, 3);
        return 1;
    }
    if (!(walk(g, MODE_PLACE, s + i, len - i, NULL, depth + 1, &q) && q.kind == FW_PLACE_ADMIN1)) return 0;
    memcpy(cc, q.cc2, 3);
    *admin1 = q.name;
    return 1;
}

static int trailing_country(const struct fw_geo *g, const char *s, size_t len, size_t i, int depth, char cc[3])
{
    const char *a1;
    return trailing_region(g, s, len, i, depth, cc, &a1);
}

/* After an apostrophe: 's, 't, 'd, 'm, 've, 'll, 're ending the word. */
static int clitic(const unsigned char *s, size_t len)
{
    static const char *const tails[] = {"s", "t", "d", "m", "ve", "ll", "re", NULL};
    for (const char *const *t = tails; *t; t++) {
        size_t n = strlen(*t), k = 0;
        while (k < n && k < len && (s[k] | 0x20) == (unsigned char)(*t)[k]) k++;
        if (k == n && (n == len || !(isalnum(s[n]) || s[n] >= 0x80))) return 1;
    }
    return 0;
}

static size_t walk(const struct fw_geo *g, enum mode mode, const char *s, size_t len, const char *hint, int depth,
                   struct fw_place *out)
{
    const struct fw_geo_rname *tab = mode == MODE_PLACE ? g->names : g->cnames;
    uint32_t n = mode == MODE_PLACE ? g->hdr->nnames : g->hdr->ncnames;
    const unsigned char *u = (const unsigned char *)s;
    char key[FW_GEO_KEY_MAX + 2];
    size_t k = 0, i = 0, best = 0;
    int words = 0, first_upper = 0, all_caps = 1;
    size_t w0_start = 0, w0_len = 0;
    /* a lower-case start is no name, but for "al-", "el-", "as-", "ad-"... */
    if (len && u[0] >= 'a' && u[0] <= 'z' && (mode == MODE_COUNTRY || (u[0] != 'a' && u[0] != 'e'))) return 0;
    while (i < len && words < FW_GEO_MAX_WORDS) {
        /* one word */
        size_t wstart = k, chars = 0;
        int upper = -1, possessive = 0;
        while (i < len) {
            enum fw_geo_cc cls;
            char f[3];
            int nf, up;
            size_t cl = fw_geo_char(u + i, len - i, &cls, f, &nf, &up);
            if (cls == FW_GEO_C_QUOTE) {
                /* "Iraq's", "I've": a possessive or contraction ends the name; "Ma'rib": the
                 * apostrophe is dropped */
                size_t j = i + cl;
                if (clitic(u + j, len - j)) {
                    possessive = 1;
                    break;
                }
                if (chars == 0) return best;
                i = j;
                continue;
            }
            if (cls != FW_GEO_C_LETTER) break;
            if (!nf) return best; /* another script: never in the index */
            if (k + (size_t)nf >= FW_GEO_KEY_MAX) return best;
            if (upper < 0) upper = up;
            if (!up && ((unsigned char)f[0] >= 'a')) all_caps = 0;
            memcpy(key + k, f, (size_t)nf);
            k += (size_t)nf;
            chars++;
            i += cl;
        }
        if (!chars) return best;
        key[k] = '\0';
        words++;
        if (words == 1) {
            first_upper = upper == 1 || (key[0] >= '0' && key[0] <= '9');
            w0_start = wstart;
            w0_len = k - wstart;
            /* most words of prose start in lower case: no search for them */
            if (!first_upper && (mode == MODE_COUNTRY || !lower_article(key, k))) return 0;
        }
        int cap_ok;
        if (mode == MODE_COUNTRY) {
            cap_ok = first_upper;
        } else {
            int last_ok = upper == 1 || (key[wstart] >= '0' && key[wstart] <= '9');
            int lead_ok = first_upper || (words >= 2 && lower_article(key + w0_start, w0_len));
            cap_ok = lead_ok && (words == 1 || last_ok);
        }
        uint32_t lb = lower_bound(g, tab, mode == MODE_PLACE ? g->nbuckets : g->cbuckets, key);
        if (cap_ok && lb < n && !strcmp(g->str + tab[lb].key, key)) {
            const char *spelling = NULL;
            char strong[3];
            const char *strong_a1 = NULL;
            int homonyms = mode == MODE_PLACE && lb + 1 < n && !strcmp(g->str + tab[lb + 1].key, key);
            int has_strong = (homonyms || (mode == MODE_PLACE && (tab[lb].flags & FW_GEO_N_COMMON))) &&
                             trailing_region(g, s, len, i, depth, strong, &strong_a1);
            int caps = all_caps | (all_caps && words == 1 && chars <= 4) << 1;
            uint32_t pl = choose(g, tab, lb, n, key, mode, hint, has_strong ? strong : NULL, strong_a1, caps, &spelling);
            if (pl != UINT32_MAX) {
                best = i;
                /* "U.S.": a one-letter last word keeps its dot */
                if (chars == 1 && i < len && s[i] == '.') best++;
                const struct fw_geo_rplace *p = &g->places[pl];
                fill(g, pl, p->kind == FW_PLACE_CITY ? spelling : NULL, out);
            }
        }
        if (possessive) return best; /* nothing after "'s" belongs to the name */
        /* separators; a dot continues only after an abbreviation ("U.S.", "St. Louis") */
        int seen = 0;
        while (i < len) {
            enum fw_geo_cc cls;
            char f[3];
            int nf, up;
            size_t cl = fw_geo_char(u + i, len - i, &cls, f, &nf, &up);
            if (cls == FW_GEO_C_SEP) {
                if (s[i] == '\n' && seen && s[i - 1] == '\n') return best;
            } else if (cls == FW_GEO_C_DOT) {
                if (chars > 2 || seen) return best;
            } else {
                break;
            }
            seen = 1;
            i += cl;
        }
        if (!seen || i >= len) return best;
        if (k + 1 >= FW_GEO_KEY_MAX) return best;
        key[k++] = ' ';
        key[k] = '\0';
        /* Stop as soon as no key continues this prefix. Keys hold only [a-z0-9 ], so the
         * keys that start with "key " come right after those equal to "key": no new search. */
        uint32_t nb = lb;
        while (nb < n && !strncmp(g->str + tab[nb].key, key, k - 1) && g->str[tab[nb].key + k - 1] == '\0') nb++;
        if (nb >= n || strncmp(g->str + tab[nb].key, key, k)) return best;
    }
    return best;
}

size_t fw_geo_match(const struct fw_geo *g, const char *s, size_t len, const char *country_hint, struct fw_place *out)
{
    if (!g || !s || !len) return 0;
    return walk(g, MODE_PLACE, s, len, country_hint, 0, out);
}

size_t fw_geo_country(const struct fw_geo *g, const char *s, size_t len, struct fw_place *out)
{
    if (!g || !s || !len) return 0;
    return walk(g, MODE_COUNTRY, s, len, NULL, 0, out);
}

int fw_geo_country_by_code(const struct fw_geo *g, const char *code, struct fw_place *out)
{
    if (!g || !code) return 0;
    size_t n = strlen(code);
    if (n == 2) {
        uint32_t lo = 0, hi = g->hdr->ncountries;
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            int c = memcmp(g->places[g->countries[mid]].cc2, code, 2);
            if (!c) {
                fill(g, g->countries[mid], NULL, out);
                return 1;
            }
            if (c < 0) lo = mid + 1;
            else hi = mid;
        }
    } else if (n == 3) {
        /* 249 countries: a scan is as cheap as a second sorted table */
        for (uint32_t i = 0; i < g->hdr->ncountries; i++)
            if (!memcmp(g->places[g->countries[i]].cc3, code, 3)) {
                fill(g, g->countries[i], NULL, out);
                return 1;
            }
    }
    return 0;
}

/* Whether a place name ending at byte e is a person's first name: another capitalized word
 * follows it that is no geographic designator ("Kurt Volker", not "Kandahar Province"). */
static int first_name(const char *s, size_t len, size_t e)
{
    static const char *const designators[] = {"Province", "City", "County", "District", "Region", "State",
                                              "Governorate", "Oblast", "Valley", "River", "Island", "Islands",
                                              "Strip", "Mountains", "Airport", "Port", "Border", "Square", NULL};
    if (e + 1 >= len || s[e] != ' ' || !isupper((unsigned char)s[e + 1])) return 0;
    size_t b = e + 1, k = b;
    while (k < len && (isalpha((unsigned char)s[k]) || s[k] == '-')) k++;
    if (k - b < 2) return 0;
    for (const char *const *d = designators; *d; d++)
        if (strlen(*d) == k - b && !memcmp(*d, s + b, k - b)) return 0;
    return 1;
}

/* Whether the word at byte i follows a personal title or rank: "Mr Kearney", "Judge Ryan", "Sgt.
 * Corcoran" name people, whatever towns share their names. */
static int after_title(const char *s, size_t i)
{
    static const char *const titles[] = {"Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Judge", "Justice",
                                         "Sgt", "Sgt.", "Sergeant", "Gen.", "General", "Col.", "Colonel", "Capt.",
                                         "Captain", "Lt.", "Sen.", "Senator", "Rep.", "Gov.", "Governor", "President",
                                         "Minister", "Inspector", "Detective", "Commissioner", "Superintendent",
                                         "Officer", "Constable", "Deputy", "Prosecutor", "Mayor", "Sheikh", NULL};
    if (i < 3 || s[i - 1] != ' ') return 0;
    size_t e = i - 1, b = e;
    while (b > 0 && (isalpha((unsigned char)s[b - 1]) || s[b - 1] == '.')) b--;
    for (const char *const *t = titles; *t; t++)
        if (strlen(*t) == e - b && !memcmp(*t, s + b, e - b)) return 1;
    return 0;
}

/* Whether byte i starts a sentence: the text's start, or after an end mark or a line break,
 * with spaces and opening quotes between. */
static int sentence_start(const char *s, size_t i)
{
    size_t k = i;
    while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '"' || s[k - 1] == '\'' || s[k - 1] == '(')) k--;
    /* a UTF-8 opening quote, U+201C or U+2018 */
    while (k >= 3 && (unsigned char)s[k - 3] == 0xE2 && (unsigned char)s[k - 2] == 0x80 &&
           ((unsigned char)s[k - 1] == 0x9C || (unsigned char)s[k - 1] == 0x98)) {
        k -= 3;
        while (k > 0 && s[k - 1] == ' ') k--;
    }
    return k == 0 || s[k - 1] == '.' || s[k - 1] == '!' || s[k - 1] == '?' || s[k - 1] == '\n';
}

#define FW_GEO_VOTE_MIN_POP 5000
#define FW_GEO_VOTE_SMALL 20000

/* Whether the word before byte i is a preposition of place ("in Nukus", "near Kandahar") or a verb
 * that takes or strikes ground ("captured Kiruna"). */
static int locative_before(const char *s, size_t i)
{
    /* (and the verbs that take ground: "captured Kiruna", "entered Kherson") */
    static const char *const preps[] = {"in", "at", "near", "outside", "inside", "from", "to", "into", "across",
                                        "around", "toward", "towards", "of", "on", "between", "captured", "seized",
                                        "took", "entered", "stormed", "overran", "recaptured", "retook", "liberated",
                                        "occupied", "shelled", "bombed", "struck", "hit", NULL};
    if (i < 3 || s[i - 1] != ' ') return 0;
    size_t e = i - 1, b = e;
    while (b > 0 && isalpha((unsigned char)s[b - 1])) b--;
    for (const char *const *p = preps; *p; p++)
        if (strlen(*p) == e - b && !strncasecmp(*p, s + b, e - b)) return 1;
    return 0;
}

int fw_geo_article_countries(const struct fw_geo *g, const char *s, size_t len, char *out, size_t outsz)
{
    if (outsz) out[0] = '\0';
    if (!g || !s || outsz < 3) return 0;
    uint16_t nc = (uint16_t)g->hdr->ncountries;
    unsigned votes[26 * 26] = {0}; /* by index in countries[] */
    int first[26 * 26];
    int order = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        /* a word starts at a letter after a non-letter */
        int starts = (i == 0 || !(isalnum(u[i - 1]) || u[i - 1] >= 0x80)) && (isalpha(u[i]) || u[i] >= 0xC0);
        struct fw_place p;
        size_t n = 0;
        unsigned w = 2;
        if (starts && !(n = fw_geo_country(g, s + i, len - i, &p))) {
            n = fw_geo_match(g, s + i, len - i, NULL, &p);
            w = 1;
        }
        if (!n) {
            i++;
            continue;
        }
        if (w == 1 && (first_name(s, len, i + n) || after_title(s, i))) {   /* "Kurt Volker", "Mr Kearney": a person */
            i += n;
            continue;
        }
        /* '"Going to Pizza Express ..."': a sentence's first word is capitalized by grammar, not
         * as a name, so a place of under 5,000 people there is no vote (it may be a common word,
         * as "Going", Tyrol, pop. 358, is; a town of 5,000 and more still votes: "Kabul is calm") */
        if (w == 1 && p.kind == FW_PLACE_CITY && p.population < FW_GEO_VOTE_MIN_POP && sentence_start(s, i)) {
            i += n;
            continue;
        }
        /* "Garda Sergeant Niamh Corcoran", "Mr Kearney": a small town (Garda, Veneto, 3,611 people)
         * votes only where the text puts something in, at or near it; its name alone is as often
         * a word or a person of another country */
        if (w == 1 && p.kind == FW_PLACE_CITY && p.population < FW_GEO_VOTE_SMALL && !locative_before(s, i)) {
            i += n;
            continue;
        }
        uint32_t lo = 0, hi = nc; /* countries[] is sorted by cc2 */
        while (lo < hi) {
            uint32_t mid = lo + (hi - lo) / 2;
            int c = memcmp(g->places[g->countries[mid]].cc2, p.cc2, 2);
            if (!c) {
                if (!votes[mid]) first[mid] = order++;
                votes[mid] += w;
                break;
            }
            if (c < 0) lo = mid + 1;
            else hi = mid;
        }
        i += n;
    }
    /* the top few by votes, then by first mention */
    int count = 0;
    size_t o = 0;
    for (; count < 4 && o + 3 <= outsz; count++) {
        int best = -1;
        for (uint16_t k = 0; k < nc; k++)
            if (votes[k] && (best < 0 || votes[k] > votes[best] || (votes[k] == votes[best] && first[k] < first[best])))
                best = k;
        if (best < 0) break;
        if (count) {
            if (o + 4 > outsz) break;
            out[o++] = ',';
        }
        memcpy(out + o, g->places[g->countries[best]].cc2, 2);
        o += 2;
        out[o] = '\0';
        votes[best] = 0;
    }
    return count;
}

int fw_geo_main_country(const struct fw_geo *g, const char *s, size_t len, char cc2[3])
{
    char list[3];
    if (!fw_geo_article_countries(g, s, len, list, sizeof list)) return 0;
    memcpy(cc2, list, 3);
    return 1;
}

/* ---- place mentions in running text ------------------------------------------------------ */

#define FIND_MIN_POP 100000

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && !strncasecmp(w, *list, n)) return 1;
    return 0;
}

static const char *const place_preps[] = {"in", "near", "at", "outside", "from", "to", "into", "toward", "towards",
                                          "around", "across", "through", "inside", "via", "between", "nearby", NULL};
static const char *const place_nouns[] = {"town", "city", "village", "district", "province", "region", "state",
                                          "county", "governorate", "capital", "port", "area", "suburb", "camp",
                                          "border", "outskirts", "neighbourhood", "neighborhood", NULL};

/* The word that ends right before `end` (skipping spaces and one comma), as (p, n). */
static size_t word_before(const char *s, size_t end, const char **w)
{
    size_t e = end;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n')) e--;
    size_t b = e;
    while (b > 0 && (isalpha((unsigned char)s[b - 1]))) b--;
    *w = s + b;
    return e - b;
}

static size_t word_after(const char *s, size_t len, size_t start, const char **w)
{
    size_t b = start;
    while (b < len && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n')) b++;
    size_t e = b;
    while (e < len && isalpha((unsigned char)s[e])) e++;
    *w = s + b;
    return e - b;
}

int fw_geo_find(const struct fw_geo *g, const char *s, size_t len, const char *country_hint, struct fw_geo_hit *out,
                int max)
{
    if (!g || !s || max <= 0) return 0;
    const unsigned char *u = (const unsigned char *)s;
    int count = 0;
    size_t last_kept_end = SIZE_MAX;
    for (size_t i = 0; i < len && count < max;) {
        int starts = (i == 0 || !(isalnum(u[i - 1]) || u[i - 1] >= 0x80)) && (isalnum(u[i]) || u[i] >= 0xC0);
        struct fw_place p;
        size_t n = starts ? walk(g, MODE_PLACE, s + i, len - i, country_hint, 0, &p) : 0;
        if (!n) {
            i++;
            continue;
        }
        int keep = p.kind != FW_PLACE_CITY || p.population >= FIND_MIN_POP;
        const char *w;
        size_t wn;
        if (!keep) { /* "in Termez", "near Termez", "the town of Termez" */
            wn = word_before(s, i, &w);
            keep = word_in(w, wn, place_preps) || word_in(w, wn, place_nouns);
            if (!keep && wn == 2 && !strncasecmp(w, "of", 2)) {
                const char *w2;
                size_t n2 = word_before(s, (size_t)(w - s), &w2);
                keep = word_in(w2, n2, place_nouns);
            }
        }
        if (!keep) { /* "Termez province", "Termez, Uzbekistan" */
            wn = word_after(s, len, i + n, &w);
            keep = word_in(w, wn, place_nouns);
            size_t j = i + n;
            while (j < len && s[j] == ' ') j++;
            if (!keep && j < len && s[j] == ',') {
                char cc[3];
                keep = trailing_country(g, s, len, i + n, 0, cc);
            }
        }
        if (!keep && last_kept_end != SIZE_MAX) { /* "in Gao and Kidal", "Gao, Kidal and Timbuktu" */
            size_t k = last_kept_end;
            while (k < i && (s[k] == ' ' || s[k] == ',')) k++;
            const char *rest = s + k;
            size_t rn = i - k;
            keep = rn == 0 || (rn >= 3 && (!strncmp(rest, "and ", 4) || !strncmp(rest, "or ", 3)) &&
                               (rn == 4 || rn == 3));
        }
        if (keep) {
            out[count].start = i;
            out[count].end = i + n;
            out[count].place = p;
            count++;
            last_kept_end = i + n;
        }
        i += n;
    }
    return count;
}
