/* Event coder speed on one core: sentences/s over the gold sentences of the corpus
 * (PLOVER GSR, PETRARCH-2 GSR and unit-test records) and over article texts
 * (article-extraction-benchmark ground truth), coded with conf/dict. Prints figures
 * only; no timed assertion. Peers for scale (from the issue): TABARI 1,000-2,000
 * sentences/s, PETRARCH-2 about 250/s plus its parser.
 * Also the syntactic pass alone (fw_syn: tagging, chunking, clause analysis of every
 * sentence) over the same texts, when the tagger data is built (scripts/postag.sh). */
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <zlib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_code.h"
#include "feedwire/fw_extract.h"
#include "../../daemon/code/fw_syn.h"

struct texts {
    char **s;
    size_t n, cap;
};

static void add(struct texts *t, const char *s, size_t n)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->s = fw_xrealloc(t->s, t->cap * sizeof *t->s);
    }
    t->s[t->n++] = fw_xstrndup(s, n);
}

/* Every <Text>...</Text> of an XML-ish file (the PETRARCH files are not all well-formed). */
static void xml_texts(const char *path, struct texts *t)
{
    struct fw_buf b;
    char err[256];
    fw_buf_init(&b, 64u << 20);
    if (fw_buf_read_file(&b, path, err, sizeof err) == FW_OK && b.p) {
        const char *p = b.p;
        while ((p = strstr(p, "<Text>"))) {
            p += 6;
            const char *e = strstr(p, "</Text>");
            if (!e) break;
            add(t, p, (size_t)(e - p));
            p = e;
        }
    }
    fw_buf_fini(&b);
}

static void json_texts(const char *path, const char *field, struct texts *t)
{
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) return;
    if (json_is_array(root)) {
        size_t i;
        json_t *v;
        json_array_foreach(root, i, v) {
            const char *s = json_string_value(json_object_get(v, field));
            if (s) add(t, s, strlen(s));
        }
    } else {
        const char *k;
        json_t *v;
        json_object_foreach(root, k, v) {
            const char *s = json_string_value(json_object_get(v, field));
            if (s) add(t, s, strlen(s));
        }
    }
    json_decref(root);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void run(const struct fw_coder *c, const char *name, const struct texts *t)
{
    if (!t->n) {
        printf("%s: no texts (corpus missing)\n", name);
        return;
    }
    size_t sentences = 0, events = 0, bytes = 0, rounds = 0;
    struct fw_ymd pub = {2022, 8, 31};
    double t0 = now(), el;
    do {
        for (size_t i = 0; i < t->n; i++) {
            size_t len = strlen(t->s[i]);
            struct fw_event_list l = {0};
            char err[128];
            fw_code_article(c, "bench", t->s[i], len, pub, &l, err, sizeof err);
            events += l.n;
            fw_event_list_fini(&l);
            if (!rounds) {
                size_t sp[1][2];
                sentences += fw_code_sentences(t->s[i], len, sp, 0);
                bytes += len;
            }
        }
        rounds++;
        el = now() - t0;
    } while (el < 2.0);
    printf("%s: %zu texts, %zu sentences, %.2f MB; %zu rounds in %.2f s: %.0f articles/s, %.0f sentences/s, "
           "%.1f MB/s, %.2f events/text (target 20 articles/s a core)\n",
           name, t->n, sentences, (double)bytes / 1e6, rounds, el, (double)(t->n * rounds) / el,
           (double)(sentences * rounds) / el, (double)(bytes * rounds) / 1e6 / el,
           (double)events / (double)(t->n * rounds));
}

/* The main texts of the hand-coded articles (events-articles/NN-slug/source.html.gz), through the
 * extractor as the daemon sees them. */
static void page_texts(const char *dir, struct texts *t)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        char path[1200];
        snprintf(path, sizeof path, "%s/%s/source.html.gz", dir, de->d_name);
        gzFile gz = gzopen(path, "rb");
        if (!gz) continue;
        struct fw_buf b;
        fw_buf_init(&b, 0);
        char chunk[65536];
        int n;
        while ((n = gzread(gz, chunk, sizeof chunk)) > 0) fw_buf_add(&b, chunk, (size_t)n);
        gzclose(gz);
        struct fw_article *art = NULL;
        char err[256];
        if (b.p && fw_extract(b.p, b.len, NULL, NULL, &art, err, sizeof err) == FW_OK && art->text)
            add(t, art->text, strlen(art->text));
        fw_article_free(art);
        fw_buf_fini(&b);
    }
    closedir(d);
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* fw_syn over every sentence of the texts: sentences and tokens per second of this thread's
 * CPU time (one core; a busy machine stretches wall time, not this). */
static void run_syn(const struct fw_syn_model *m, const char *name, const struct texts *t)
{
    if (!t->n) return;
    static struct fw_syn_out out;
    static struct fw_tok tok[FW_SYN_MAXTOK];
    size_t sentences = 0, words = 0, preds = 0, rounds = 0, cap = 0;
    size_t (*sp)[2] = NULL;
    double t0 = cpu_now(), el;
    do {
        for (size_t i = 0; i < t->n; i++) {
            size_t len = strlen(t->s[i]), ns = fw_code_sentences(t->s[i], len, NULL, 0);
            if (ns > cap) {
                cap = ns;
                sp = fw_xrealloc(sp, cap * sizeof *sp);
            }
            ns = fw_code_sentences(t->s[i], len, sp, cap);
            for (size_t k = 0; k < ns; k++) {
                size_t nt = fw_tok_sentence(t->s[i] + sp[k][0], sp[k][1] - sp[k][0], sp[k][0], NULL, tok, FW_SYN_MAXTOK);
                fw_syn_analyse(m, t->s[i], tok, nt, &out);
                if (!rounds) sentences++, words += nt, preds += out.npred;
            }
        }
        rounds++;
        el = cpu_now() - t0;
    } while (el < 2.0);
    printf("syntax, %s: %zu sentences, %zu tokens, %.1f predicates/sentence; %zu rounds in %.2f CPU s: %.0f sentences/s, "
           "%.0f tokens/s on one core (tokenizing included)\n",
           name, sentences, words, (double)preds / (double)(sentences ? sentences : 1), rounds, el,
           (double)(sentences * rounds) / el, (double)(words * rounds) / el);
    free(sp);
}

int main(void)
{
    const char *src = getenv("FW_SOURCE_DIR"), *corpus = getenv("FW_CORPUS_DIR");
    char path[1024], err[256];
    snprintf(path, sizeof path, "%s/conf/dict", src ? src : ".");
    double t0 = now();
    /* the coder as the daemon runs it: dictionaries, the build's gazetteer and tagger data */
    struct fw_coder_opts co = {path, getenv("FW_BUILD_DIR"), FW_CODE_MIN_CONFIDENCE, NULL};
    struct fw_coder *c = fw_coder_new_opts(&co, err, sizeof err);
    if (!c) {
        fprintf(stderr, "bench_code: %s\n", err);
        return 1;
    }
    printf("dictionaries loaded in %.3f s\n", now() - t0);
    const char *cd = corpus ? corpus : "../shared/corpus";
    struct texts gold = {0}, arts = {0}, coded = {0};
    snprintf(path, sizeof path, "%s/plover-gsr/PLOVER_GSR_CAMEO.json", cd);
    json_texts(path, "text", &gold);
    snprintf(path, sizeof path, "%s/petrarch2-gsr/PETR2_GSR_validation.xml", cd);
    xml_texts(path, &gold);
    snprintf(path, sizeof path, "%s/petrarch2-unittest/PETR.UnitTest.records.xml", cd);
    xml_texts(path, &gold);
    snprintf(path, sizeof path, "%s/article-extraction-benchmark/ground-truth.json", cd);
    json_texts(path, "articleBody", &arts);
    snprintf(path, sizeof path, "%s/events-articles", cd);
    page_texts(path, &coded);
    run(c, "gold sentences", &gold);
    run(c, "hand-coded articles", &coded);
    run(c, "article texts", &arts);
    const char *bd = getenv("FW_BUILD_DIR");
    t0 = now();
    struct fw_syn_model *m = fw_syn_model_open(bd ? bd : ".", NULL, 0, err, sizeof err);
    if (m) {
        printf("tagger data loaded in %.3f s\n", now() - t0);
        run_syn(m, "gold sentences", &gold);
        run_syn(m, "article texts", &arts);
        fw_syn_model_free(m);
    } else {
        printf("syntax: %s\n", err);
    }
    for (size_t i = 0; i < gold.n; i++) free(gold.s[i]);
    for (size_t i = 0; i < arts.n; i++) free(arts.s[i]);
    for (size_t i = 0; i < coded.n; i++) free(coded.s[i]);
    free(coded.s);
    free(gold.s);
    free(arts.s);
    fw_coder_free(c);
    return 0;
}
