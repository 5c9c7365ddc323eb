/* The shared fixture of the coder's unit tests (test_code.c: analysis, roles and coding;
 * test_code_detect.c: event detection; test_code_context.c: the article as context): coders on
 * the shipped dictionaries (conf/dict) and on the PETRARCH-2 unit-test dictionaries, the build's
 * gazetteer and tagger data beside them, and small helpers. */
#ifndef CODE_TEST_H
#define CODE_TEST_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feedwire/fw_code.h"

static struct fw_coder *phoenix, *validate;
static char geo_dir[256];
static struct fw_coder *phoenix_geo;

static inline struct fw_coder *open_coder_min(const char *dir, double min_confidence)
{
    char err[256];
    /* the build's tagger data (and gazetteer) as the tool finds them beside itself */
    struct fw_coder_opts o = {dir, getenv("FW_BUILD_DIR"), min_confidence, NULL};
    struct fw_coder *c = fw_coder_new_opts(&o, err, sizeof err);
    if (!c) fprintf(stderr, "%s: %s\n", dir, err);
    return c;
}

static inline struct fw_coder *open_coder(const char *dir) { return open_coder_min(dir, FW_CODE_MIN_CONFIDENCE); }

static inline int setup(void **state)
{
    const char *src = getenv("FW_SOURCE_DIR"), *corpus = getenv("FW_CORPUS_DIR"), *bd = getenv("FW_BUILD_DIR");
    char path[512];
    snprintf(path, sizeof path, "%s/conf/dict", src ? src : ".");
    phoenix = open_coder(path);
    snprintf(path, sizeof path, "%s/petrarch2-unittest", corpus ? corpus : "../shared/corpus");
    validate = open_coder_min(path, 0);   /* the mechanisms, whatever their confidence */
    /* conf/dict plus the build's gazetteer, when there is one */
    char idx[512];
    snprintf(idx, sizeof idx, "%s/gazetteer.idx", bd ? bd : "build");
    if (access(idx, R_OK) == 0) {
        snprintf(geo_dir, sizeof geo_dir, "/tmp/fw-test-code-%ld", (long)getpid());
        char cmd[1400];
        snprintf(cmd, sizeof cmd, "mkdir -p %s && ln -sf %s/conf/dict/* %s/ && ln -sf %s %s/gazetteer.idx", geo_dir,
                 src ? src : ".", geo_dir, idx, geo_dir);
        if (system(cmd) == 0) phoenix_geo = open_coder(geo_dir);
    }
    return phoenix && validate ? 0 : -1;
}

static inline int teardown(void **state)
{
    fw_coder_free(phoenix);
    fw_coder_free(validate);
    fw_coder_free(phoenix_geo);
    if (geo_dir[0]) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf %s", geo_dir);
        if (system(cmd) != 0) return -1;
    }
    return 0;
}

static inline struct fw_event_list code(const struct fw_coder *c, const char *text, const char *pub)
{
    struct fw_event_list l = {0};
    struct fw_ymd d = {2022, 8, 31};
    if (pub) sscanf(pub, "%d-%d-%d", &d.y, &d.m, &d.d);
    char err[256];
    assert_int_equal(fw_code_article(c, "test", text, strlen(text), d, &l, err, sizeof err), FW_OK);
    return l;
}

static inline const struct fw_event *find(const struct fw_event_list *l, const char *src, const char *tgt)
{
    for (size_t i = 0; i < l->n; i++)
        if ((!src || strcmp(l->ev[i].src.code, src) == 0) && (!tgt || strcmp(l->ev[i].tgt.code, tgt) == 0))
            return &l->ev[i];
    return NULL;
}

static inline int has_root(const struct fw_event_list *l, const char *root)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strncmp(l->ev[i].cameo, root, strlen(root))) return 1;
    return 0;
}

static inline int has_violence(const struct fw_event_list *l)
{
    return has_root(l, "18") || has_root(l, "19") || has_root(l, "20");
}

/* What a statement does, in PLOVER: a planned cooperative act is a promise (AGREE), a planned
 * coercive one a threat (THREATEN); CAMEO keeps the act as PETRARCH codes it. A statement that
 * its target must act is a demand; two country adjectives of places are no dyad. */
static inline const struct fw_event *top(const struct fw_event_list *l)
{
    const struct fw_event *best = NULL;
    for (size_t i = 0; i < l->n; i++)
        if (!best || l->ev[i].confidence > best->confidence) best = &l->ev[i];
    return best;
}

/* Codes text alone: no event published ("no_event"), or one of CAMEO root root ("has_code"). */
static inline void expect_no_event(const struct fw_coder *c, const char *text, const char *pub)
{
    struct fw_event_list l = code(c, text, pub);
    if (l.n) fprintf(stderr, "\"%s\": %zu events, want none (first %s)\n", text, l.n, l.ev[0].cameo);
    assert_int_equal(l.n, 0);
    fw_event_list_fini(&l);
}

static inline void expect_root(const struct fw_coder *c, const char *text, const char *pub, const char *root)
{
    struct fw_event_list l = code(c, text, pub);
    if (!has_root(&l, root)) fprintf(stderr, "\"%s\": no %s (%zu events)\n", text, root, l.n);
    assert_true(has_root(&l, root));
    fw_event_list_fini(&l);
}

#endif
