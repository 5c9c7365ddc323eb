/* fw_geo_int: what the gazetteer builder (fw_geo_build.c) and reader (fw_geo.c)
 * share: the on-disk layout and the name folding both sides must agree on.
 * Private to the library. */
#ifndef FW_GEO_INT_H
#define FW_GEO_INT_H
#include <stddef.h>
#include <stdint.h>

/* File layout, native endianness (built on the machine that reads it; `endian` detects
 * a foreign file): header, places[], names[] (sorted by key, then rank), cnames[] (country
 * names, adjectives, demonyms and codes, same order), nbuckets[] and cbuckets[] (where the
 * keys of each two-character prefix start in names[] / cnames[]), countries[] (place ids
 * sorted by cc2), then a NUL-terminated string pool. Offsets are from the start of the file. */
#define FW_GEO_MAGIC "FWGEO\0\0\1"
#define FW_GEO_VERSION 2u
#define FW_GEO_ENDIAN 0x01020304u

struct fw_geo_hdr {
    char magic[8];
    uint32_t version, endian;
    uint32_t nplaces, nnames, ncnames, ncountries;
    uint32_t off_places, off_names, off_cnames, off_countries, off_strings, strings_size;
    uint32_t off_nbuckets, off_cbuckets;
    uint64_t file_size;
};

/* Keys hold only NUL-terminated [ 0-9a-z]: a code per byte in the same order as strcmp's, and
 * a bucket per two-character prefix. buckets[b] is the first entry of bucket b; there are
 * FW_GEO_NBUCKETS + 1 of them, the last being the table's length. */
#define FW_GEO_NBUCKETS (38 * 38)
static inline unsigned fw_geo_code(unsigned char c)
{
    return c == 0 ? 0 : c == ' ' ? 1 : (c >= '0' && c <= '9') ? 2u + (c - '0') : (c >= 'a' && c <= 'z') ? 12u + (c - 'a') : 37;
}
static inline unsigned fw_geo_bucket(const char *key)
{
    unsigned a = fw_geo_code((unsigned char)key[0]);
    return a * 38 + (a ? fw_geo_code((unsigned char)key[1]) : 0);
}

struct fw_geo_rplace {
    uint32_t name, admin1;  /* string offsets (pool-relative) */
    float lat, lon;
    uint32_t population;
    char cc2[2], cc3[3];
    uint8_t kind;
    uint16_t country;       /* index in countries[] of its country */
};

enum {
    FW_GEO_N_COMMON = 1,    /* the key is a common English word: needs a large population */
    FW_GEO_N_CODE = 2,      /* an ISO code or acronym: must be written in capitals */
};

struct fw_geo_rname {
    uint32_t key;           /* folded key (pool offset) */
    uint32_t place;         /* index in places[] */
    uint32_t spelling;      /* the name as written in the source data */
    uint32_t flags;
};

/* Names that are ordinary words need at least this population (countries are exempt), or
 * this one in the article's main country. */
#define FW_GEO_COMMON_MIN_POP 1000000u
#define FW_GEO_COMMON_HINTED_POP 100000u
/* Longest folded key and most words (hyphen pieces count) a name may have. */
#define FW_GEO_KEY_MAX 128
#define FW_GEO_MAX_WORDS 8

/* Character classes of the folding, on one UTF-8 character. */
enum fw_geo_cc { FW_GEO_C_STOP = 0, FW_GEO_C_LETTER, FW_GEO_C_SEP, FW_GEO_C_QUOTE, FW_GEO_C_DOT };

/* Reads one UTF-8 character at s[0..len): returns its length (>= 1), its class, and for
 * letters up to 3 folded ASCII bytes in fold[] (*nfold, 0 for a letter outside Latin, which
 * is kept verbatim by the caller) and whether it is upper case. */
size_t fw_geo_char(const unsigned char *s, size_t len, enum fw_geo_cc *cls, char fold[3], int *nfold, int *upper);

/* Folds a whole name into a key: case, Latin diacritics, apostrophes dropped, separators and
 * hyphens to one space. Returns the key length, or 0 if the name holds a non-Latin letter,
 * punctuation, or does not fit. */
size_t fw_geo_fold_name(const char *s, size_t len, char *key, size_t keysz);

#endif
