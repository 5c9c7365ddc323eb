/* Benchmark of the incident merge (fw_incident_store) on the real Redis of
 * scripts/services.sh, round trips included: 100,000 incidents in a 90-day
 * horizon (CAMEO roots and countries skewed as coded news is: statements,
 * consultations and fights, and a few countries, dominate), once with every
 * place named by the text and once with two in five only guessed from the
 * article, then decisions on new events, half of them new
 * reports of known incidents, one at a time and in batches of 16 (an
 * article's events). Prints decisions/s by the wall clock, the CPU seconds
 * per 1,000 decisions of this process and of the Redis server (INFO cpu:
 * what the rate would be on a core of its own, whatever else the machine
 * runs), candidates compared per decision, and, for a
 * ratio, bare Redis round trips/s (PING) on the same link. Figures only. */
#include <hiredis/hiredis.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "feedwire/fw_incident_store.h"
#include "feedwire/fw_loop.h"

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
           ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) / 1e6;
}

static uint64_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
}

static int guessed_fifths; /* places guessed from the article, in fifths */

/* Event k of happening h: the same h gives the same fields (a new report of it). */
static void gen(struct fw_event *ev, uint64_t h, uint64_t k)
{
    static const char *roots[] = {"010", "010", "010", "040", "040", "020", "036", "042", "043", "051",
                                  "061", "071", "090", "111", "112", "130", "173", "190", "190", "193"};
    static const char *cc[] = {"AFG", "IRQ", "SYR", "UKR", "RUS", "USA", "CHN", "IRN", "ISR", "PAK",
                               "IND", "TUR", "UZB", "KAZ", "GEO", "ARM", "AZE", "YEM", "LBY", "NGA"};
    static const char *sec[] = {"GOV", "MIL", "COP", "REB", "OPP", "CVL", "LEG", "JUD"};
    uint64_t r = mix(h + 1);
    fw_event_init(ev);
    snprintf(ev->id, sizeof ev->id, "%016llx%016llx", (unsigned long long)h, (unsigned long long)k);
    snprintf(ev->cameo, sizeof ev->cameo, "%s", roots[r % 20]);
    struct fw_ymd d = fw_cal_civil_from_days(fw_cal_days_from_civil(2024, 1, 1) + (int64_t)((r >> 8) % 90));
    ev->date = d;
    ev->prec = FW_PREC_DAY;
    ev->date_source = (r >> 16) & 1 ? FW_DSRC_TEXT : FW_DSRC_LEAD;
    snprintf(ev->src.code, sizeof ev->src.code, "%s%s", cc[(r >> 20) % 20], sec[(r >> 28) % 8]);
    snprintf(ev->tgt.code, sizeof ev->tgt.code, "%s%s", cc[(r >> 32) % 20], sec[(r >> 40) % 8]);
    /* the place's country: skewed as news is (rank r is 1/r as likely as the first) */
    static const char *cc2[] = {"US", "UA", "RU", "CN", "IL", "IR", "IQ", "SY", "AF", "PK", "IN", "TR", "GB", "FR",
                                "DE", "YE", "LY", "NG", "SD", "ET", "SO", "ML", "KP", "KR", "JP", "TW", "PH", "MM",
                                "VE", "CO", "MX", "BR", "EG", "SA", "LB", "GE", "AM", "AZ", "KZ", "UZ"};
    double u = (double)(mix(h * 7 + 3) % 1000000) / 1e6 * 4.2785; /* H(40) */
    size_t ci = 0;
    for (double acc = 1.0; acc < u && ci < 39; acc += 1.0 / (double)(++ci + 1)) {}
    ev->has_loc = 1;
    memcpy(ev->loc_cc2, cc2[ci], 3);
    /* places only guessed from the article's main country, as the coder gives them when the
     * text names none: those incidents share the placeless buckets */
    ev->loc_source = (int)((r >> 52) % 5) < guessed_fifths ? FW_LSRC_ARTICLE : FW_LSRC_SENTENCE;
    snprintf(ev->loc_name, sizeof ev->loc_name, "Town%u", (unsigned)((r >> 44) % 500));
    snprintf(ev->loc_admin1, sizeof ev->loc_admin1, "Province%u", (unsigned)((r >> 44) % 50));
    ev->loc_lat = (double)((r >> 44) % 500) * 0.5;
    ev->loc_lon = 10.0;
}

/* CPU seconds the Redis server has used (INFO cpu), -1 if it does not say */
static double redis_cpu_s(redisContext *rc)
{
    redisReply *r = redisCommand(rc, "INFO cpu");
    double sum = -1;
    if (r && r->type == REDIS_REPLY_STRING) {
        const char *u = strstr(r->str, "used_cpu_user:"), *sy = strstr(r->str, "used_cpu_sys:");
        if (u && sy) sum = atof(u + 14) + atof(sy + 13);
    }
    if (r) freeReplyObject(r);
    return sum;
}

static void cleanup(redisContext *rc, const char *prefix)
{
    char cur[32] = "0";
    do {
        redisReply *r = redisCommand(rc, "SCAN %s MATCH %s* COUNT 2000", cur, prefix);
        if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != 2) {
            if (r) freeReplyObject(r);
            return;
        }
        snprintf(cur, sizeof cur, "%s", r->element[0]->str);
        for (size_t i = 0; i < r->element[1]->elements; i++)
            freeReplyObject(redisCommand(rc, "UNLINK %s", r->element[1]->element[i]->str));
        freeReplyObject(r);
    } while (strcmp(cur, "0"));
}

/* One data set (its own keys): load n_inc incidents, then n_dec decisions one at a time and in
 * batches; prints its figures. 0 ok. */
static int run(redisContext *rc, long n_inc, long n_dec, double *rate1)
{
    char prefix[64], err[256] = "";
    snprintf(prefix, sizeof prefix, "fwbench:inc:%d:%d:", (int)getpid(), guessed_fifths);
    const int64_t horizon = 90LL * 86400000;
    struct fw_incident_store *s = fw_incident_store_new(rc, prefix, horizon);
    struct fw_incident_result res;
    struct fw_event ev;
    int64_t now = (int64_t)time(NULL) * 1000;
    int rcode = 0;

    /* the horizon's incidents: each a happening of its own (random actors and towns) */
    uint64_t t0 = fw_now_ms();
    long created = 0;
    for (long i = 0; i < n_inc; i++) {
        gen(&ev, (uint64_t)i, 0);
        if (fw_incident_store_add(s, &ev, "bench-art", NULL, now, &res, err, sizeof err) != FW_OK) goto fail;
        created += res.created;
    }
    if (fw_incident_store_flush(s, err, sizeof err) != FW_OK) goto fail;
    double load_s = (double)(fw_now_ms() - t0) / 1000;
    printf("%d/5 places guessed from the article: %ld incidents loaded in %.1f s (%.0f decisions/s, %ld created)\n",
           guessed_fifths, n_inc, load_s, (double)n_inc / load_s, created);

    /* decisions: even k a new report of a known happening, odd k a new happening; one at a time
     * (a round trip each), then in batches of an article's events (a round trip per batch) */
    static const size_t batch[] = {1, 16};
    for (int pass = 0; pass < 2; pass++) {
        struct fw_event evs[16];
        struct fw_incident_input in[16];
        struct fw_incident_result out[16];
        long cand = 0, merged = 0;
        double c0 = cpu_s(), r0 = redis_cpu_s(rc);
        t0 = fw_now_ms();
        for (long k0 = 0; k0 < n_dec; k0 += (long)batch[pass]) {
            size_t nb = 0;
            for (long k = k0; k < n_dec && nb < batch[pass]; k++, nb++) {
                uint64_t h = k % 2 ? (uint64_t)(n_inc + k) + (uint64_t)pass * 1000000
                                   : mix((uint64_t)k + (uint64_t)pass * 7919) % (uint64_t)n_inc;
                gen(&evs[nb], h, (uint64_t)k + 1 + (uint64_t)pass * 1000000);
                in[nb] = (struct fw_incident_input){&evs[nb], "bench-art", NULL};
            }
            if (fw_incident_store_add_batch(s, in, nb, now, out, err, sizeof err) != FW_OK) goto fail;
            for (size_t i = 0; i < nb; i++) merged += !out[i].created, cand += (long)out[i].candidates;
        }
        if (fw_incident_store_flush(s, err, sizeof err) != FW_OK) goto fail;
        double rate = (double)n_dec / ((double)(fw_now_ms() - t0) / 1000);
        double ours = (cpu_s() - c0) * 1000 / (double)n_dec, redis = (redis_cpu_s(rc) - r0) * 1000 / (double)n_dec;
        if (pass == 0) *rate1 = rate;
        printf("  decisions with %ld incidents in the horizon, batches of %zu: %.0f decisions/s (target >= 10,000), "
               "%.1f candidates compared per decision, %ld/%ld merged (%ld expected); CPU s per 1,000 decisions: "
               "%.3f ours, %.3f Redis's, so %.0f decisions per CPU second of both\n",
               created, batch[pass], rate, (double)cand / (double)n_dec, merged, n_dec, n_dec / 2, ours, redis,
               1000 / (ours + redis));
    }
    goto out;
fail:
    fprintf(stderr, "bench_incident: %s\n", err);
    rcode = 1;
out:
    fw_incident_store_free(s);
    cleanup(rc, prefix);
    return rcode;
}

int main(int argc, char **argv)
{
    const char *host = getenv("FW_REDIS_HOST"), *port = getenv("FW_REDIS_PORT");
    if (!host || !port) {
        fprintf(stderr, "skipped: no services (scripts/services.sh start, then its env file)\n");
        return getenv("FW_REQUIRE_SERVICES") ? 1 : 77;
    }
    long n_inc = argc > 1 ? atol(argv[1]) : 100000, n_dec = argc > 2 ? atol(argv[2]) : 20000;
    struct timeval tv = {10, 0};
    redisContext *rc = redisConnectWithTimeout(host, atoi(port), tv);
    if (!rc || rc->err) {
        fprintf(stderr, "redis: %s\n", rc ? rc->errstr : "no memory");
        return 1;
    }
    /* every place named by the text (incidents spread over the countries' buckets), then two in
     * five guessed from the article (those share the placeless buckets every event reads) */
    double rate1 = 0;
    int rcode = 0;
    for (guessed_fifths = 0; guessed_fifths <= 2 && !rcode; guessed_fifths += 2) rcode = run(rc, n_inc, n_dec, &rate1);
    /* the peer figure: bare round trips on the same link */
    uint64_t t0 = fw_now_ms();
    for (long k = 0; k < n_dec; k++) freeReplyObject(redisCommand(rc, "PING"));
    double pings = (double)n_dec / ((double)(fw_now_ms() - t0) / 1000);
    printf("peer: bare Redis round trips (PING) on the same link: %.0f/s; one decision at a time (2/5 guessed) runs "
           "at %.2f of that\n",
           pings, rate1 / pings);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS %.1f MB\n", (double)ru.ru_maxrss / 1024);
    redisFree(rc);
    return rcode;
}
