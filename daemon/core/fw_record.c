#include "feedwire/fw_record.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void fw_event_init(struct fw_event *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->qty = ev->killed = ev->wounded = -1;
}

void fw_event_list_fini(struct fw_event_list *list)
{
    if (!list) return;
    free(list->ev);
    memset(list, 0, sizeof *list);
}

const char *fw_date_source_str(enum fw_date_source src)
{
    static const char *const names[] = {"text", "article", "paragraph", "lead", "publication"};
    return (unsigned)src < sizeof names / sizeof names[0] ? names[src] : "publication";
}

const char *fw_loc_source_str(enum fw_loc_source src)
{
    static const char *const names[] = {"sentence", "paragraph", "dateline", "article", "actor"};
    return (unsigned)src < sizeof names / sizeof names[0] ? names[src] : "sentence";
}

const char *fw_modality_str(enum fw_modality m)
{
    static const char *const names[] = {"asserted", "reported", "denied", "planned", "hypothetical"};
    return (unsigned)m < sizeof names / sizeof names[0] ? names[m] : "asserted";
}

void fw_record_time(int64_t ms, char out[32])
{
    if (ms < 0) ms = 0;
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    char day[24];
    strftime(day, sizeof day, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, 32, "%.19s.%03dZ", day, (int)(ms % 1000));
}

/* ---------- strings ---------- */

/* Length of the valid UTF-8 sequence at p (1..4, within n bytes), or 0 if invalid. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    size_t k;
    unsigned min;
    if (c < 0x80) return 1;
    if (c >= 0xc2 && c <= 0xdf) k = 2, min = 0x80;
    else if (c >= 0xe0 && c <= 0xef) k = 3, min = 0x800;
    else if (c >= 0xf0 && c <= 0xf4) k = 4, min = 0x10000;
    else return 0;
    if (k > n) return 0;
    unsigned v = c & (0x3f >> (k - 1));
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xc0) != 0x80) return 0;
        v = (v << 6) | (p[i] & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return 0;
    return k;
}

/* Appends s as a JSON string. The article text is most of a message, and
 * jansson's per-character path costs several times this memcpy of safe runs. */
static void add_json_string(struct fw_buf *b, const char *s)
{
    static const char hx[] = "0123456789abcdef";
    fw_buf_addc(b, '"');
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        const unsigned char *q = p;
        while (*q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\') q++;
        if (q > p) fw_buf_add(b, p, (size_t)(q - p));
        p = q;
        if (!*p) break;
        if (*p == '"' || *p == '\\') {
            char e[2] = {'\\', (char)*p};
            fw_buf_add(b, e, 2);
            p++;
        } else if (*p < 0x20) {
            char e[6] = {'\\', 'u', '0', '0', hx[*p >> 4], hx[*p & 15]};
            if (*p == '\n') fw_buf_add(b, "\\n", 2);
            else if (*p == '\t') fw_buf_add(b, "\\t", 2);
            else fw_buf_add(b, e, 6);
            p++;
        } else {
            size_t n = utf8_seq(p, 4); /* a NUL stops a sequence: never reads past it */
            if (n) fw_buf_add(b, p, n);
            else fw_buf_adds(b, "\xef\xbf\xbd");
            p += n ? n : 1;
        }
    }
    fw_buf_addc(b, '"');
}

/* A JSON string of p[0..n); bytes that are not UTF-8 become U+FFFD instead of
 * losing the field. */
static json_t *jstrn(const char *p, size_t n)
{
    json_t *j = json_stringn(p, n);
    if (j) return j;
    struct fw_buf b;
    fw_buf_init(&b, 0);
    const unsigned char *u = (const unsigned char *)p;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_seq(u + i, n - i);
        if (k) fw_buf_add(&b, u + i, k);
        else fw_buf_adds(&b, "\xef\xbf\xbd");
        i += k ? k : 1;
    }
    j = json_stringn(b.p ? b.p : "", b.len);
    fw_buf_fini(&b);
    return j ? j : json_null();
}

/* A string of the article: NULL is null. */
static json_t *jstr(const char *s)
{
    return s ? jstrn(s, strlen(s)) : json_null();
}

/* A fixed field of an event: "" is null. */
static json_t *jfield(const char *s)
{
    return *s ? jstrn(s, strlen(s)) : json_null();
}

/* Strings are valid UTF-8 by now (jstrn): only memory could fail. */
static enum fw_err dump(json_t *o, struct fw_buf *out, size_t drop_tail, char *err, size_t errsz)
{
    char *s = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(o);
    if (!s) return fw_fail(err, errsz, FW_E_INVAL, "cannot serialize the record");
    size_t n = strlen(s);
    fw_buf_add(out, s, n - (drop_tail && n ? 1 : 0));
    free(s);
    return FW_OK;
}

/* ---------- records ---------- */

static json_t *actor_json(const struct fw_event_actor *ac)
{
    return json_pack("{s:o,s:o,s:o,s:o}", "text", jfield(ac->text), "code", jfield(ac->code), "country",
                     jfield(ac->country), "sector", jfield(ac->sector));
}

static json_t *count_json(long v)
{
    return v < 0 ? json_null() : json_integer(v);
}

static const char *prec_name(enum fw_date_prec p)
{
    return p == FW_PREC_DAY ? "day" : p == FW_PREC_MONTH ? "month" : p == FW_PREC_YEAR ? "year" : NULL;
}

enum fw_err fw_record_event_json(const struct fw_event *ev, const struct fw_record_article *a, struct fw_buf *out,
                                 char *err, size_t errsz)
{
    if (!ev->id[0] || !a->id || !*a->id || !a->url || !*a->url)
        return fw_fail(err, errsz, FW_E_INVAL, "event without id, article id or url");
    char date[16] = "";
    if (ev->prec == FW_PREC_DAY) snprintf(date, sizeof date, "%04d-%02d-%02d", ev->date.y, ev->date.m, ev->date.d);
    else if (ev->prec == FW_PREC_MONTH) snprintf(date, sizeof date, "%04d-%02d", ev->date.y, ev->date.m);
    else if (ev->prec == FW_PREC_YEAR) snprintf(date, sizeof date, "%04d", ev->date.y);
    const char *prec = prec_name(ev->prec);
    json_t *o = json_object();
    json_object_set_new(o, "schema", json_string(FW_RECORD_SCHEMA_EVENT));
    json_object_set_new(o, "schema_version", json_integer(FW_RECORD_SCHEMA_VERSION));
    json_object_set_new(o, "id", jfield(ev->id));
    json_object_set_new(o, "article_id", jstr(a->id));
    json_object_set_new(o, "article_url", jstr(a->url));
    json_object_set_new(o, "date", jfield(date));
    json_object_set_new(o, "date_precision", prec ? json_string(prec) : json_null());
    json_object_set_new(o, "date_source", json_string(fw_date_source_str(ev->date_source)));
    json_object_set_new(o, "source", actor_json(&ev->src));
    json_object_set_new(o, "target", actor_json(&ev->tgt));
    json_object_set_new(o, "cameo", jfield(ev->cameo));
    json_object_set_new(o, "plover", jfield(ev->plover));
    json_object_set_new(o, "modality", json_string(fw_modality_str(ev->modality)));
    json_object_set_new(o, "location",
                        ev->has_loc ? json_pack("{s:o,s:o,s:o,s:o,s:f,s:f,s:s}", "name", jfield(ev->loc_name), "admin1",
                                                jfield(ev->loc_admin1), "country", jfield(ev->loc_cc2), "country3",
                                                jfield(ev->loc_cc3), "lat", ev->loc_lat, "lon", ev->loc_lon,
                                                "source", fw_loc_source_str(ev->loc_source))
                                    : json_null());
    json_object_set_new(o, "quantity",
                        ev->qty >= 0 ? json_pack("{s:I,s:o}", "value", (json_int_t)ev->qty, "unit", jfield(ev->qty_unit))
                                     : json_null());
    json_object_set_new(o, "killed", count_json(ev->killed));
    json_object_set_new(o, "wounded", count_json(ev->wounded));
    size_t s0 = ev->sent_start, s1 = ev->sent_end;
    json_object_set_new(o, "sentence", a->text && s1 >= s0 ? jstrn(a->text + s0, s1 - s0) : json_null());
    json_object_set_new(o, "offsets", json_pack("[I,I]", (json_int_t)s0, (json_int_t)s1));
    /* every sentence that reports this happening, its own first */
    json_t *ms = json_array();
    for (int k = -1; k < ev->nmore && k < FW_EVENT_MAXMORE; k++) {
        size_t m0 = k < 0 ? s0 : ev->more[k].start, m1 = k < 0 ? s1 : ev->more[k].end;
        json_array_append_new(ms, json_pack("{s:o,s:[I,I]}", "sentence",
                                            a->text && m1 >= m0 ? jstrn(a->text + m0, m1 - m0) : json_null(), "offsets",
                                            (json_int_t)m0, (json_int_t)m1));
    }
    json_object_set_new(o, "mentions", ms);
    json_object_set_new(o, "confidence", json_real((double)(int)(ev->confidence * 100 + 0.5) / 100));
    /* optional (schema 1.x adds, never requires): absent when the incident stage is off or Redis was down */
    if (ev->incident[0]) json_object_set_new(o, "incident", jfield(ev->incident));
    return dump(o, out, 0, err, errsz);
}

enum fw_err fw_record_article_json(const struct fw_record_article *a, struct fw_buf *out, char *err, size_t errsz)
{
    if (!a->id || !*a->id || !a->url || !*a->url) return fw_fail(err, errsz, FW_E_INVAL, "article without id or url");
    for (size_t i = 0; i < a->nevents; i++)
        if (!a->events[i].id[0]) return fw_fail(err, errsz, FW_E_INVAL, "event without id");
    char t[32], h[17], sh[17];
    fw_record_time(a->fetched_at_ms, t);
    snprintf(h, sizeof h, "%016" PRIx64, a->content_hash);
    snprintf(sh, sizeof sh, "%016" PRIx64, a->simhash);
    json_t *o = json_object();
    json_object_set_new(o, "schema", json_string(FW_RECORD_SCHEMA_ARTICLE));
    json_object_set_new(o, "schema_version", json_integer(FW_RECORD_SCHEMA_VERSION));
    json_object_set_new(o, "id", jstr(a->id));
    json_object_set_new(o, "status", json_string(a->updated ? "updated" : "new"));
    json_object_set_new(o, "feed", json_pack("{s:o,s:o}", "url", jstr(a->feed_url), "title", jstr(a->feed_title)));
    json_object_set_new(o, "url", jstr(a->url));
    json_object_set_new(o, "canonical_url", jstr(a->canonical_url));
    json_object_set_new(o, "title", jstr(a->title));
    json_object_set_new(o, "author", jstr(a->author));
    json_t *people = json_array();
    for (size_t i = 0; i < a->nauthors; i++) json_array_append_new(people, jstr(a->authors[i]));
    json_object_set_new(o, "authors", people);
    json_object_set_new(o, "published", jstr(a->published));
    json_object_set_new(o, "published_source", jstr(a->published_source));
    json_object_set_new(o, "modified", jstr(a->modified));
    json_object_set_new(o, "language", jstr(a->language));
    json_object_set_new(o, "site", jstr(a->sitename));
    json_object_set_new(o, "sitename", jstr(a->sitename));
    json_object_set_new(o, "description", jstr(a->description));
    json_object_set_new(o, "fetched_at", json_string(t));
    json_object_set_new(o, "content_hash", json_string(h));
    json_object_set_new(o, "simhash", json_string(sh));
    json_t *ids = json_array();
    for (size_t i = 0; i < a->nevents; i++) json_array_append_new(ids, jfield(a->events[i].id));
    json_object_set_new(o, "event_ids", ids);
    json_object_set_new(o, "text_truncated", json_boolean(a->text_truncated));
    enum fw_err rc = dump(o, out, 1, err, errsz); /* without its closing brace: the text goes in last, by hand */
    if (rc != FW_OK) return rc;
    fw_buf_adds(out, ",\"text\":");
    if (a->text) add_json_string(out, a->text);
    else fw_buf_adds(out, "null");
    fw_buf_addc(out, '}');
    return FW_OK;
}
