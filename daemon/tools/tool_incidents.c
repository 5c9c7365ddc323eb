/* feedwire incidents: the recent incidents in Redis with their mention
 * counts, or (--merge) the incidents that events (the JSON lines `feedwire
 * events` prints) make when merged in memory, the way the store merges them. */
#include <hiredis/hiredis.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_conf.h"
#include "feedwire/fw_incident.h"
#include "feedwire/fw_incident_store.h"
#include "feedwire/fw_loop.h"
#include "tool.h"

#define INPUT_MAX (64u << 20)

static void usage(FILE *f)
{
    fprintf(f, "usage: feedwire incidents [-c CONF] [--since HOURS] [-n N] [--json]\n"
               "       feedwire incidents --merge [--jsonl|--json] FILE...\n"
               "       feedwire incidents --merge --jsonl --redis PREFIX [-c CONF] FILE...\n"
               "Shows the incidents (events about the same happening, merged across articles and sites)\n"
               "that had a mention in the last HOURS (default 24), most recent first, with their mention\n"
               "counts, from the Redis of CONF (redis.host, redis.port, redis.db, redis.prefix; no TLS).\n"
               "  -n N        at most N incidents (default 20)\n"
               "  --json      one incident record per line (schema feedwire.incident.v1, with its mentions)\n"
               "  --merge     merge the events of FILEs (JSON lines of `feedwire events`, - for stdin) in\n"
               "              memory, in order, and show the incidents they make (nothing is written)\n"
               "  --jsonl     with --merge: one line per event, {article, event, incident, created, why}\n"
               "  --redis P   with --merge --jsonl: merge through the incident store in the Redis of CONF,\n"
               "              under the key prefix P (never the daemon's: a scratch prefix for trying events)\n"
               "Exit: 0 ok, 1 bad input or Redis out of reach, 2 usage.\n");
}

/* ---------- events back from their JSON ---------- */

static const char *jstr(json_t *o, const char *k)
{
    const char *s = json_string_value(json_object_get(o, k));
    return s ? s : "";
}

static long jcount(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_integer(v) && json_integer_value(v) >= 0 ? (long)json_integer_value(v) : -1;
}

static void copy(char *dst, size_t cap, const char *s)
{
    snprintf(dst, cap, "%s", s);
}

/* The fields the merge reads, from an event message (schema feedwire.event.v1). 0 when it is not one. */
static int event_of_json(json_t *o, struct fw_event *ev)
{
    fw_event_init(ev);
    const char *id = jstr(o, "id"), *date = jstr(o, "date"), *prec = jstr(o, "date_precision");
    if (!*id || !*date) return 0;
    copy(ev->id, sizeof ev->id, id);
    int n = sscanf(date, "%d-%d-%d", &ev->date.y, &ev->date.m, &ev->date.d);
    if (n < 1) return 0;
    ev->prec = !strcmp(prec, "day") && n == 3     ? FW_PREC_DAY
               : !strcmp(prec, "month") && n >= 2 ? FW_PREC_MONTH
               : !strcmp(prec, "year")            ? FW_PREC_YEAR
                                                  : FW_PREC_NONE;
    if (ev->prec < FW_PREC_DAY) ev->date.d = 0;
    if (ev->prec < FW_PREC_MONTH) ev->date.m = 0;
    const char *ds = jstr(o, "date_source");
    ev->date_source = FW_DSRC_PUBLICATION;
    for (int s = FW_DSRC_TEXT; s <= FW_DSRC_PUBLICATION; s++)
        if (!strcmp(ds, fw_date_source_str((enum fw_date_source)s))) ev->date_source = (enum fw_date_source)s;
    const char *mod = jstr(o, "modality");
    ev->modality = FW_MOD_HYPOTHETICAL;
    for (int m = FW_MOD_ASSERTED; m <= FW_MOD_HYPOTHETICAL; m++)
        if (!strcmp(mod, fw_modality_str((enum fw_modality)m))) ev->modality = (enum fw_modality)m;
    copy(ev->src.code, sizeof ev->src.code, jstr(json_object_get(o, "source"), "code"));
    copy(ev->tgt.code, sizeof ev->tgt.code, jstr(json_object_get(o, "target"), "code"));
    copy(ev->cameo, sizeof ev->cameo, jstr(o, "cameo"));
    copy(ev->plover, sizeof ev->plover, jstr(o, "plover"));
    json_t *loc = json_object_get(o, "location");
    if (json_is_object(loc) && strlen(jstr(loc, "country")) == 2) {
        ev->has_loc = 1;
        copy(ev->loc_name, sizeof ev->loc_name, jstr(loc, "name"));
        copy(ev->loc_admin1, sizeof ev->loc_admin1, jstr(loc, "admin1"));
        copy(ev->loc_cc2, sizeof ev->loc_cc2, jstr(loc, "country"));
        copy(ev->loc_cc3, sizeof ev->loc_cc3, jstr(loc, "country3"));
        ev->loc_lat = json_number_value(json_object_get(loc, "lat"));
        ev->loc_lon = json_number_value(json_object_get(loc, "lon"));
        const char *ls = jstr(loc, "source");
        ev->loc_source = FW_LSRC_ARTICLE;
        for (int s = FW_LSRC_SENTENCE; s <= FW_LSRC_ACTOR; s++)
            if (!strcmp(ls, fw_loc_source_str((enum fw_loc_source)s))) ev->loc_source = (enum fw_loc_source)s;
    }
    json_t *q = json_object_get(o, "quantity");
    if (json_is_object(q) && json_is_integer(json_object_get(q, "value"))) {
        ev->qty = (long)json_integer_value(json_object_get(q, "value"));
        copy(ev->qty_unit, sizeof ev->qty_unit, jstr(q, "unit"));
    }
    ev->killed = jcount(o, "killed");
    ev->wounded = jcount(o, "wounded");
    return 1;
}

/* ---------- --merge: in memory, as the store does ---------- */

struct mem {
    struct fw_incident *inc;
    char (*bucket)[24];
    size_t n, cap;
    struct mention {
        size_t inc;
        char *article, *event, *sentence;
    } *m;
    size_t nm, capm;
};

static size_t merge_one(struct mem *mm, const struct fw_event *ev, const char *sentence, int64_t now,
                        struct fw_incident_verdict *why, int *created)
{
    struct fw_incident_names names;
    fw_incident_names_of(sentence, ev->loc_name, &names);
    char buckets[FW_INCIDENT_EVENT_BUCKETS][24];
    size_t nb = fw_incident_buckets(ev, buckets);
    struct fw_incident_choice c = {0};
    for (size_t i = 0; i < mm->n; i++)
        for (size_t b = 0; b < nb; b++)
            if (!strcmp(mm->bucket[i], buckets[b])) fw_incident_choice_consider(&c, &mm->inc[i], i, ev, &names);
    size_t k;
    if (c.have) {
        k = c.tag;
        fw_incident_refine(&mm->inc[k], ev, &names, now);
        *why = c.bestv, *created = 0;
    } else {
        if (mm->n == mm->cap) {
            mm->cap = mm->cap ? 2 * mm->cap : 64;
            mm->inc = fw_xrealloc(mm->inc, mm->cap * sizeof *mm->inc);
            mm->bucket = fw_xrealloc(mm->bucket, mm->cap * sizeof *mm->bucket);
        }
        k = mm->n++;
        fw_incident_from_event(&mm->inc[k], ev, &names, now);
        *why = c.refused, *created = 1;
        if (!why->why[0]) snprintf(why->why, sizeof why->why, nb ? "no candidate" : "not mergeable");
    }
    fw_incident_bucket(&mm->inc[k], mm->bucket[k]);
    return k;
}

static void add_mention(struct mem *mm, size_t k, const char *article, const char *event, const char *sentence)
{
    if (mm->nm == mm->capm) {
        mm->capm = mm->capm ? 2 * mm->capm : 64;
        mm->m = fw_xrealloc(mm->m, mm->capm * sizeof *mm->m);
    }
    mm->m[mm->nm++] = (struct mention){k, fw_xstrdup(article), fw_xstrdup(event), fw_xstrdup(sentence)};
}

static void mem_fini(struct mem *mm)
{
    for (size_t i = 0; i < mm->nm; i++) free(mm->m[i].article), free(mm->m[i].event), free(mm->m[i].sentence);
    free(mm->m);
    free(mm->inc);
    free(mm->bucket);
}

static void print_incident(const struct fw_incident *inc)
{
    char date[16];
    if (inc->prec == FW_PREC_DAY) snprintf(date, sizeof date, "%04d-%02d-%02d", inc->date.y, inc->date.m, inc->date.d);
    else snprintf(date, sizeof date, "%04d-%02d", inc->date.y, inc->date.m);
    printf("INCIDENT %.12s  %-10s  CAMEO %-4s %-10s  %s -> %s", inc->id, date, inc->cameo,
           inc->plover[0] ? inc->plover : "-", inc->src[0] ? inc->src : "---", inc->tgt[0] ? inc->tgt : "---");
    if (inc->place) printf("  @ %s, %s", inc->loc_name, inc->loc_cc2);
    if (inc->killed >= 0) printf("  killed %ld", inc->killed);
    printf("  %ld mention%s\n", inc->mentions, inc->mentions == 1 ? "" : "s");
}

/* store: merge through the Redis store instead of memory (NULL: memory) */
static int run_merge(char **files, int nfiles, int jsonl, int json, struct fw_incident_store *store)
{
    struct mem mm = {0};
    int64_t t0 = (int64_t)time(NULL) * 1000;
    size_t seq = 0; /* events merged */
    struct fw_buf in;
    char err[256];
    int rc = TOOL_OK;
    fw_buf_init(&in, INPUT_MAX);
    for (int f = 0; f < nfiles; f++) {
        fw_buf_reset(&in);
        if (fw_buf_read_file(&in, files[f], err, sizeof err) != FW_OK) {
            fprintf(stderr, "feedwire incidents: %s\n", err);
            rc = TOOL_BADINPUT;
            goto out;
        }
        size_t pos = 0, lineno = 0;
        while (in.p && pos < in.len) {
            char *nl = memchr(in.p + pos, '\n', in.len - pos);
            size_t n = nl ? (size_t)(nl - (in.p + pos)) : in.len - pos;
            json_error_t je;
            json_t *o = n ? json_loadb(in.p + pos, n, 0, &je) : NULL;
            pos += n + 1, lineno++;
            if (!n) continue;
            struct fw_event ev;
            if (!o || !event_of_json(o, &ev)) {
                fprintf(stderr, "feedwire incidents: %s:%zu: not an event message\n", files[f], lineno);
                rc = TOOL_BADINPUT;
                json_decref(o);
                continue;
            }
            struct fw_incident_verdict why;
            int created;
            const char *article = jstr(o, "article_id");
            /* wall clock, one ms apart per event: first and last seen keep the input's order */
            const char *incident;
            struct fw_incident_result res;
            if (store) {
                if (fw_incident_store_add(store, &ev, article, jstr(o, "sentence"), t0 + (int64_t)seq, &res, err,
                                          sizeof err) != FW_OK) {
                    fprintf(stderr, "feedwire incidents: %s\n", err);
                    json_decref(o);
                    rc = TOOL_BADINPUT;
                    goto out;
                }
                incident = res.inc.id, why = res.why, created = res.created;
            } else {
                size_t k = merge_one(&mm, &ev, jstr(o, "sentence"), t0 + (int64_t)seq, &why, &created);
                add_mention(&mm, k, article, ev.id, jstr(o, "sentence"));
                incident = mm.inc[k].id;
            }
            seq++;
            if (jsonl) {
                json_t *line = json_pack("{s:s,s:s,s:s,s:b,s:s}", "article", article, "event", ev.id, "incident",
                                         incident, "created", created, "why", why.why);
                char *s = line ? json_dumps(line, JSON_COMPACT) : NULL;
                if (s) puts(s);
                free(s);
                json_decref(line);
            }
            json_decref(o);
        }
    }
    if (jsonl) goto out;
    for (size_t i = 0; i < mm.n; i++) {
        if (json) {
            struct fw_incident_mention *ms = fw_xcalloc(mm.inc[i].mentions, sizeof *ms);
            size_t nm = 0;
            for (size_t j = 0; j < mm.nm; j++)
                if (mm.m[j].inc == i && nm < (size_t)mm.inc[i].mentions)
                    ms[nm++] = (struct fw_incident_mention){mm.m[j].article, mm.m[j].event, mm.m[j].sentence};
            struct fw_buf b;
            fw_buf_init(&b, 0);
            fw_incident_json(&mm.inc[i], ms, nm, &b);
            if (b.p) puts(b.p);
            fw_buf_fini(&b);
            free(ms);
            continue;
        }
        print_incident(&mm.inc[i]);
        for (size_t j = 0; j < mm.nm; j++)
            if (mm.m[j].inc == i) printf("    %s: %.110s\n", mm.m[j].article, mm.m[j].sentence);
    }
out:
    fw_buf_fini(&in);
    mem_fini(&mm);
    return rc;
}

/* ---------- the recent incidents in Redis ---------- */

/* The Redis of conf (loaded from conf_path, NULL: the defaults), blocking, AUTH and SELECT done;
 * NULL (said on stderr) when out of reach. */
static redisContext *connect_redis(const char *conf_path, struct fw_conf *conf)
{
    if (conf_path && fw_conf_load(conf, conf_path, stderr) != 0) return NULL;
    if (fw_conf_finish(conf, conf_path, stderr) != 0) return NULL; /* the password from its file or credential */
    if (conf->redis_tls) {
        fprintf(stderr, "feedwire incidents: Redis over TLS is not supported by this command\n");
        return NULL;
    }
    struct timeval tv = {5, 0};
    redisContext *r = conf->redis_host[0] == '/' ? redisConnectUnixWithTimeout(conf->redis_host, tv)
                                                 : redisConnectWithTimeout(conf->redis_host, (int)conf->redis_port, tv);
    if (!r || r->err) {
        fprintf(stderr, "feedwire incidents: redis %s:%ld: %s\n", conf->redis_host, (long)conf->redis_port,
                r ? r->errstr : "no memory");
        if (r) redisFree(r);
        return NULL;
    }
    redisReply *rep = NULL;
    if (conf->redis_password && conf->redis_password[0])
        rep = conf->redis_user && conf->redis_user[0]
                  ? redisCommand(r, "AUTH %s %s", conf->redis_user, conf->redis_password)
                  : redisCommand(r, "AUTH %s", conf->redis_password);
    if (!rep && conf->redis_db) rep = redisCommand(r, "SELECT %lld", (long long)conf->redis_db);
    else if (rep && rep->type != REDIS_REPLY_ERROR && conf->redis_db) {
        freeReplyObject(rep);
        rep = redisCommand(r, "SELECT %lld", (long long)conf->redis_db);
    }
    if ((rep && rep->type == REDIS_REPLY_ERROR) || r->err) {
        fprintf(stderr, "feedwire incidents: redis: %.200s\n", r->err ? r->errstr : rep->str);
        if (rep) freeReplyObject(rep);
        redisFree(r);
        return NULL;
    }
    if (rep) freeReplyObject(rep);
    return r;
}

static int run_recent(const char *conf_path, long hours, long max, int json)
{
    struct fw_conf conf;
    fw_conf_init(&conf);
    int rc = TOOL_BADINPUT;
    struct fw_incident_store *s = NULL;
    struct fw_incident *inc = NULL;
    size_t n = 0;
    char err[256];
    redisContext *r = connect_redis(conf_path, &conf);
    if (!r) goto out;
    s = fw_incident_store_new(r, conf.redis_prefix, 1);
    int64_t now = (int64_t)time(NULL) * 1000;
    if (fw_incident_store_recent(s, now - hours * 3600000, (size_t)max, &inc, &n, err, sizeof err) != FW_OK) {
        fprintf(stderr, "feedwire incidents: %s\n", err);
        goto out;
    }
    for (size_t i = 0; i < n; i++) {
        if (!json) {
            print_incident(&inc[i]);
            continue;
        }
        struct fw_incident_mention *m = NULL;
        size_t nm = 0;
        if (fw_incident_store_mentions(s, inc[i].id, 200, &m, &nm, err, sizeof err) != FW_OK) {
            fprintf(stderr, "feedwire incidents: %s\n", err);
            goto out;
        }
        struct fw_buf b;
        fw_buf_init(&b, 0);
        fw_incident_json(&inc[i], m, nm, &b);
        if (b.p) puts(b.p);
        fw_buf_fini(&b);
        fw_incident_mentions_free(m, nm);
    }
    if (!json) printf("%zu incident%s with a mention in the last %ld h\n", n, n == 1 ? "" : "s", hours);
    rc = TOOL_OK;
out:
    free(inc);
    fw_incident_store_free(s);
    if (r) redisFree(r);
    fw_conf_fini(&conf);
    return rc;
}

static int parse_long(const char *s, long lo, long hi, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || end == s || v < lo || v > hi) return 0;
    *out = v;
    return 1;
}

int tool_incidents_main(int argc, char **argv)
{
    if (tool_wants_help(argc, argv)) {
        usage(stdout);
        return TOOL_OK;
    }
    const char *conf = NULL, *redis_prefix = NULL;
    int merge = 0, jsonl = 0, json = 0, nfiles = 0;
    long hours = 24, max = 20;
    char **files = fw_xcalloc((size_t)argc, sizeof *files);
    int rc = TOOL_USAGE;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--merge")) merge = 1;
        else if (!strcmp(a, "--jsonl")) jsonl = 1;
        else if (!strcmp(a, "--json")) json = 1;
        else if ((!strcmp(a, "-c") || !strcmp(a, "--config")) && i + 1 < argc) conf = argv[++i];
        else if (!strcmp(a, "--redis") && i + 1 < argc && argv[i + 1][0]) redis_prefix = argv[++i];
        else if (!strcmp(a, "--since") && i + 1 < argc && parse_long(argv[i + 1], 1, 24 * 3650, &hours)) i++;
        else if (!strcmp(a, "-n") && i + 1 < argc && parse_long(argv[i + 1], 1, 100000, &max)) i++;
        else if (a[0] != '-' || !strcmp(a, "-")) files[nfiles++] = argv[i];
        else goto bad;
    }
    if (merge != (nfiles > 0) || (jsonl && !merge) || (jsonl && json) || (redis_prefix && !jsonl)) goto bad;
    if (redis_prefix) {
        struct fw_conf c;
        fw_conf_init(&c);
        redisContext *r = connect_redis(conf, &c);
        struct fw_incident_store *s = r ? fw_incident_store_new(r, redis_prefix, 90LL * 86400000) : NULL;
        char err[256];
        rc = !s ? TOOL_BADINPUT : run_merge(files, nfiles, 1, 0, s);
        if (s && fw_incident_store_flush(s, err, sizeof err) != FW_OK) {
            fprintf(stderr, "feedwire incidents: %s\n", err);
            rc = TOOL_BADINPUT;
        }
        fw_incident_store_free(s);
        if (r) redisFree(r);
        fw_conf_fini(&c);
    } else {
        rc = merge ? run_merge(files, nfiles, jsonl, json, NULL) : run_recent(conf, hours, max, json);
    }
    free(files);
    return rc;
bad:
    usage(stderr);
    free(files);
    return rc;
}
