/* The scheduler's per-feed metrics (fw_sched.h, fw_sched_metrics_new). */
#include "feedwire/fw_sched.h"

#include <stdlib.h>
#include <string.h>

#include "feedwire/fw_metrics.h"

struct fw_sched_metrics {
    struct fw_metrics *m;
    struct {
        uint64_t polls, errors, not_modified;
    } *prev; /* last values pushed, indexed by feed id (renumbered on reload) */
    size_t n;
};

struct fw_sched_metrics *fw_sched_metrics_new(struct fw_metrics *m, const struct fw_sched *s)
{
    struct fw_sched_metrics *sm = fw_xcalloc(1, sizeof *sm);
    sm->m = m;
    fw_sched_metrics_reset(sm, s);
    return sm;
}

void fw_sched_metrics_free(struct fw_sched_metrics *sm)
{
    if (!sm) return;
    free(sm->prev);
    free(sm);
}

void fw_sched_metrics_reset(struct fw_sched_metrics *sm, const struct fw_sched *s)
{
    free(sm->prev);
    sm->n = fw_sched_nfeeds(s);
    sm->prev = fw_xcalloc(sm->n ? sm->n : 1, sizeof *sm->prev);
    for (size_t i = 0; i < sm->n; i++) {
        /* counters continue from the feed's state: no jump in the per-feed series */
        const struct fw_feed_state *st = fw_sched_feed_state(s, i);
        sm->prev[i].polls = st->polls;
        sm->prev[i].not_modified = st->not_modified;
        sm->prev[i].errors = st->last_err != FW_OK ? (uint64_t)st->errors : 0;
    }
}

void fw_sched_metrics_drop_gone(struct fw_sched_metrics *sm, const struct fw_sched *s, const struct fw_feedlist *feeds)
{
    for (size_t i = 0; sm->m && i < fw_sched_nfeeds(s); i++) {
        const char *key = fw_sched_feed_state(s, i)->key;
        int kept = 0;
        for (size_t k = 0; k < feeds->n && !kept; k++) kept = !strcmp(fw_feedlist_key(&feeds->v[k]), key);
        if (!kept) fw_metrics_drop_label(sm->m, "feed", key);
    }
}

void fw_sched_metrics_update(struct fw_sched_metrics *sm, const struct fw_sched *s)
{
    struct fw_metrics *m = sm->m;
    if (!m) return;
    for (size_t i = 0; i < fw_sched_nfeeds(s) && i < sm->n; i++) {
        const struct fw_feed_state *st = fw_sched_feed_state(s, i);
        const char *k = st->key;
        uint64_t errs = st->last_err != FW_OK ? (uint64_t)st->errors : 0;
        /* every series exists from the first scrape on (at 0), so rate() and
         * increase() see a feed's first poll and first error */
        struct fw_series *polls = fw_metrics_series(m, FW_M_FEED_POLLS, k),
                         *nm = fw_metrics_series(m, FW_M_FEED_NOT_MODIFIED, k),
                         *fe = fw_metrics_series(m, FW_M_FEED_ERRORS, k);
        if (st->polls > sm->prev[i].polls) fw_series_add(polls, st->polls - sm->prev[i].polls);
        if (st->not_modified > sm->prev[i].not_modified) fw_series_add(nm, st->not_modified - sm->prev[i].not_modified);
        if (errs > sm->prev[i].errors) fw_series_add(fe, errs - sm->prev[i].errors);
        sm->prev[i].polls = st->polls;
        sm->prev[i].not_modified = st->not_modified;
        sm->prev[i].errors = errs;
        fw_series_set(fw_metrics_series(m, FW_M_FEED_LAST_SUCCESS, k), (double)st->last_success_ms / 1000.0);
        fw_series_set(fw_metrics_series(m, FW_M_FEED_FAILURES, k), (double)st->errors);
        fw_series_set(fw_metrics_series(m, FW_M_FEED_DEAD, k), st->dead);
        double backoff = st->errors && st->next_due_ms > fw_wall_ms() ? (double)(st->next_due_ms - fw_wall_ms()) / 1000.0 : 0;
        fw_series_set(fw_metrics_series(m, FW_M_FEED_BACKOFF, k), backoff);
    }
}
