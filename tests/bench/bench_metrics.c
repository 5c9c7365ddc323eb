/* What metrics cost the loop: ns per counter add, per labelled series add
 * (cached pointer and looked up by name), per histogram observation, and the
 * time and size of one /metrics render with 1000 feeds. Figures only. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_metrics.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#define FEEDS 1000
#define N 10000000

int main(void)
{
    struct fw_metrics *m = fw_metrics_new();
    char names[FEEDS][32];
    struct fw_series *polls[FEEDS];
    for (int i = 0; i < FEEDS; i++) {
        snprintf(names[i], sizeof names[i], "feed-%04d", i);
        polls[i] = fw_metrics_series(m, FW_M_FEED_POLLS, names[i]);
        fw_series_add(fw_metrics_series(m, FW_M_FEED_ERRORS, names[i]), 1);
        fw_series_set(fw_metrics_series(m, FW_M_FEED_LAST_SUCCESS, names[i]), 1.7e9 + i);
        fw_series_set(fw_metrics_series(m, FW_M_FEED_FAILURES, names[i]), i % 3);
        fw_series_set(fw_metrics_series(m, FW_M_FEED_BACKOFF, names[i]), 0);
        fw_series_set(fw_metrics_series(m, FW_M_FEED_DEAD, names[i]), 0);
        fw_series_add(fw_metrics_series(m, FW_M_FEED_NOT_MODIFIED, names[i]), 1);
    }

    double t = now_s();
    for (int i = 0; i < N; i++) fw_metrics_add(m, FW_M_ARTICLES_FETCHED, 1);
    double add_ns = (now_s() - t) / N * 1e9;

    t = now_s();
    for (int i = 0; i < N; i++) fw_series_add(polls[i % FEEDS], 1);
    double series_ns = (now_s() - t) / N * 1e9;

    int lookups = 100000;
    t = now_s();
    for (int i = 0; i < lookups; i++) fw_series_add(fw_metrics_series(m, FW_M_FEED_POLLS, names[i % FEEDS]), 1);
    double lookup_ns = (now_s() - t) / lookups * 1e9;

    t = now_s();
    for (int i = 0; i < N; i++) fw_metrics_observe(m, FW_M_FETCH_SECONDS, (i % 1000) / 100.0);
    double observe_ns = (now_s() - t) / N * 1e9;

    int renders = 50;
    size_t bytes = 0;
    t = now_s();
    for (int i = 0; i < renders; i++) {
        struct fw_buf b;
        fw_buf_init(&b, 0);
        fw_metrics_render(m, &b);
        bytes = b.len;
        fw_buf_fini(&b);
    }
    double render_ms = (now_s() - t) / renders * 1e3;

    printf("metrics: counter add %.1f ns, series add (cached) %.1f ns, series by name (%d feeds) %.0f ns, "
           "histogram observe %.1f ns\n",
           add_ns, series_ns, FEEDS, lookup_ns, observe_ns);
    printf("metrics: render with %d feeds (%d series): %.2f ms, %zu bytes\n", FEEDS, FEEDS * 7, render_ms, bytes);
    fw_metrics_free(m);
    return 0;
}
