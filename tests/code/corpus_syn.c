/* fw_syn over the PETRARCH corpora of ../shared/corpus (label corpus): part-of-speech
 * agreement with the tags of their reference parses (CoreNLP constituent trees in the
 * unit-test records, UD trees with Penn tags in the GSR), and the subject and object of
 * each sentence's main verb against the roles those trees give. The words of a parse are
 * joined with blanks (clitics such as 's and n't without one) and tokenized by the coder's own tokenizer; only tokens that line up
 * with a reference token are scored (the share is printed); both quote tags count as one
 * (the tokenizer sees only '"'), and "to" is TO in both of its uses, as Penn tags it. Floors are measured figures
 * rounded down; a floor only goes up. Skipped (77) without the tagger data
 * (scripts/postag.sh) or the corpus.
 * usage: test_syn_corpus [-v]   (-v: print every tagging and role error) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../../daemon/code/fw_syn.h"
#include "feedwire/fw_buf.h"

#define FLOOR_TAG 0.950
#define FLOOR_SUBJ 0.95
#define FLOOR_OBJ 0.94
#define FLOOR_ALL_SUBJ 0.90    /* every verb of the GSR's UD trees */
#define FLOOR_ALL_OBJ 0.90

#define MAXW 400

struct gold {
    size_t n;
    char *w[MAXW];
    uint8_t tag[MAXW];
    int verb;              /* main verb word, -1 */
    int subj0, subj1;      /* subject words [subj0, subj1), -1 */
    int obj0, obj1;
    int ud;                /* dependencies below are known (the GSR's UD trees) */
    int head[MAXW];        /* UD head word, -1 root */
    char rel[MAXW][16];
};

struct score {
    long tok, tok_aligned, tag_ok, word, word_ok;
    long sent, verb_found, subj_gold, subj_ok, obj_gold, obj_ok, subj_spur, obj_spur;
    long all_verbs, all_found, all_subj_gold, all_subj_ok, all_obj_gold, all_obj_ok;
    long confusion[FW_POS__COUNT][FW_POS__COUNT];
};

static int verbose;

static uint8_t norm(uint8_t t)
{
    if (t == FW_POS_LQUOTE || t == FW_POS_RQUOTE) return FW_POS_QUOTE;   /* one quote class: the tokenizer cannot tell */
    return t;
}

static const char *unescape(const char *w)
{
    if (strcmp(w, "-LRB-") == 0 || strcmp(w, "-LCB-") == 0 || strcmp(w, "-LSB-") == 0) return "(";
    if (strcmp(w, "-RRB-") == 0 || strcmp(w, "-RCB-") == 0 || strcmp(w, "-RSB-") == 0) return ")";
    if (strcmp(w, "``") == 0 || strcmp(w, "''") == 0) return "\"";
    return w;
}

static int np_holds(const struct fw_syn_out *out, int np, int t)
{
    for (int d = 0; np >= 0 && d < FW_SYN_MAXNP; d++, np = out->np[np].conj)
        if (t >= out->np[np].start && t < out->np[np].end) return 1;
    return 0;
}

/* Every verb of a UD tree with a subject or object: ours against it. A relative pronoun
 * stands for its antecedent (UD's relative clause head), which is what we give. */
static void score_all_verbs(const struct gold *g, const int *map, const struct fw_syn_out *out, struct score *s,
                            const char *text, const struct fw_tok *tok)
{
    for (size_t v = 0; v < g->n; v++) {
        if (!(g->tag[v] >= FW_POS_VB && g->tag[v] <= FW_POS_VBZ)) continue;
        int subj = -1, obj = -1;
        for (size_t d = 0; d < g->n; d++) {
            if (g->head[d] != (int)v) continue;
            int t = (int)d;
            if ((g->tag[d] == FW_POS_WDT || g->tag[d] == FW_POS_WP) && strncmp(g->rel[v], "acl", 3) == 0) t = g->head[v];
            if (strncmp(g->rel[d], "nsubj", 5) == 0 && subj < 0) subj = t;
            if ((strcmp(g->rel[d], "obj") == 0 || strcmp(g->rel[d], "dobj") == 0) && obj < 0) obj = t;
        }
        if (subj < 0 && obj < 0) continue;
        s->all_verbs++;
        const struct fw_syn_pred *p = NULL;
        for (size_t i = 0; i < out->npred && map[v] >= 0; i++)
            if (out->pred[i].verb == map[v]) p = &out->pred[i];
        if (!p) continue;
        s->all_found++;
        int sok = subj < 0 || (map[subj] >= 0 && np_holds(out, p->subj, map[subj]));
        int ook = obj < 0 || (map[obj] >= 0 && np_holds(out, p->obj, map[obj]));
        s->all_subj_gold += subj >= 0, s->all_subj_ok += subj >= 0 && sok;
        s->all_obj_gold += obj >= 0, s->all_obj_ok += obj >= 0 && ook;
        if (verbose && (!sok || !ook)) {
            printf("every-verb %s: gold subj %s obj %s\n", g->w[v], subj >= 0 ? g->w[subj] : "-", obj >= 0 ? g->w[obj] : "-");
            fw_syn_print(stdout, text, tok, out);
        }
    }
}

static void score_sentence(const struct fw_syn_model *m, struct gold *g, struct score *s, struct fw_syn_out *out)
{
    char text[8192];
    size_t off[MAXW], len = 0;
    for (size_t i = 0; i < g->n; i++) {
        const char *w = unescape(g->w[i]);
        size_t wn = strlen(w);
        if (len + wn + 2 >= sizeof text) { g->n = i; break; }
        /* clitics join their word again, as written: "Eriador's", "can't" */
        if (len > 0 && (w[0] == '\'' || strcmp(w, "n't") == 0) && wn <= 3) len--;
        off[i] = len;
        memcpy(text + len, w, wn);
        len += wn;
        text[len++] = ' ';
    }
    text[len] = 0;
    struct fw_tok tok[FW_SYN_MAXTOK];
    size_t nt = fw_tok_sentence(text, len, 0, NULL, tok, FW_SYN_MAXTOK);
    fw_syn_analyse(m, text, tok, nt, out);
    int map[MAXW];                          /* gold word -> our token, -1 */
    size_t k = 0;
    for (size_t i = 0; i < g->n; i++) {
        map[i] = -1;
        size_t wn = strlen(unescape(g->w[i]));
        while (k < nt && tok[k].start < off[i]) k++;
        if (k < nt && tok[k].start == off[i] && tok[k].end == off[i] + wn) map[i] = (int)k;
    }
    for (size_t i = 0; i < g->n; i++) {
        s->tok++;
        if (map[i] < 0 || g->tag[i] == FW_POS_NONE) continue;
        s->tok_aligned++;
        uint8_t gt = norm(g->tag[i]), ot = norm(out->pos[map[i]]);
        /* Penn tags every "to" TO; the GSR's UD conversion writes IN for the preposition */
        if (gt == FW_POS_IN && strcasecmp(g->w[i], "to") == 0) gt = FW_POS_TO;
        s->tag_ok += gt == ot;
        s->confusion[gt][ot]++;
        if (gt < FW_POS_COMMA) {
            s->word++;
            s->word_ok += gt == ot;
        }
        if (verbose && gt != ot) printf("tag  %-14s gold %-4s ours %s\n", g->w[i], fw_pos_name(gt), fw_pos_name(ot));
    }
    s->sent++;
    if (g->ud) score_all_verbs(g, map, out, s, text, tok);
    if (g->verb < 0 || map[g->verb] < 0) return;
    const struct fw_syn_pred *p = NULL;
    for (size_t i = 0; i < out->npred; i++)
        if (out->pred[i].verb == map[g->verb]) p = &out->pred[i];
    if (!p) {
        if (verbose) printf("verb %s: no predicate\n    %s\n", g->w[g->verb], text);
        return;
    }
    s->verb_found++;
    /* a role is right when the reference's head word lies inside our NP (with its conjuncts) */
    struct { int g0, g1, np; long *gold, *ok, *spur; const char *name; } r[2] = {
        {g->subj0, g->subj1, p->subj, &s->subj_gold, &s->subj_ok, &s->subj_spur, "subj"},
        {g->obj0, g->obj1, p->obj, &s->obj_gold, &s->obj_ok, &s->obj_spur, "obj"},
    };
    for (int j = 0; j < 2; j++) {
        if (r[j].g0 < 0) {
            if (r[j].np >= 0) (*r[j].spur)++;
            continue;
        }
        (*r[j].gold)++;
        int ok = 0;
        for (int np = r[j].np; np >= 0 && !ok; np = out->np[np].conj) {
            for (int w = r[j].g0; w < r[j].g1; w++)
                if (map[w] >= 0 && map[w] == out->np[np].head) ok = 1;
            /* a one-word reference (a UD head): inside our phrase */
            if (r[j].g1 == r[j].g0 + 1 && map[r[j].g0] >= out->np[np].start && map[r[j].g0] < out->np[np].end) ok = 1;
        }
        *r[j].ok += ok;
        if (verbose && !ok) {
            printf("%s of %s: gold", r[j].name, g->w[g->verb]);
            for (int w = r[j].g0; w < r[j].g1; w++) printf(" %s", g->w[w]);
            printf(" | ours");
            if (r[j].np >= 0)
                for (int t = out->np[r[j].np].start; t < out->np[r[j].np].end; t++)
                    printf(" %.*s", (int)(tok[t].end - tok[t].start), text + tok[t].start);
            printf("\n    %s\n", text);
        }
    }
}

/* ---- CoNLL-U (GSR): Penn tags in column 5; roles: nsubj/obj of the root ---- */

static void read_conllu(const char *p, const char *e, struct gold *g)
{
    memset(g, 0, sizeof *g);
    g->verb = g->subj0 = g->obj0 = -1;
    int *head = g->head;
    char(*rel)[16] = g->rel;
    g->ud = 1;
    while (p < e && g->n < MAXW) {
        const char *nl = memchr(p, '\n', (size_t)(e - p));
        if (!nl) nl = e;
        char line[1024];
        size_t ln = (size_t)(nl - p) < sizeof line - 1 ? (size_t)(nl - p) : sizeof line - 1;
        memcpy(line, p, ln);
        line[ln] = 0;
        p = nl + 1;
        char *f[10];
        int k = 0;
        for (char *q = line; k < 10 && q;) {
            f[k++] = q;
            q = strchr(q, '\t');
            if (q) *q++ = 0;
        }
        if (k < 8 || strchr(f[0], '-') || strchr(f[0], '.')) continue;
        size_t i = g->n++;
        g->w[i] = fw_xstrdup(f[1]);
        g->tag[i] = (uint8_t)fw_pos_parse(f[4], strlen(f[4]));
        head[i] = atoi(f[6]) - 1;
        snprintf(rel[i], sizeof rel[i], "%s", f[7]);
    }
    for (size_t i = 0; i < g->n; i++)
        if (strcmp(rel[i], "root") == 0 && g->tag[i] >= FW_POS_VB && g->tag[i] <= FW_POS_VBZ) g->verb = (int)i;
    if (g->verb < 0) return;
    for (size_t i = 0; i < g->n; i++) {
        if (head[i] != g->verb) continue;
        if (strncmp(rel[i], "nsubj", 5) == 0 && g->subj0 < 0) g->subj0 = (int)i, g->subj1 = (int)i + 1;
        if ((strcmp(rel[i], "obj") == 0 || strcmp(rel[i], "dobj") == 0) && g->obj0 < 0)
            g->obj0 = (int)i, g->obj1 = (int)i + 1;
    }
}

/* ---- Penn trees (unit-test records) ---- */

struct node {
    char label[16];
    int word;              /* leaf: its word index; else -1 */
    int w0, w1;            /* words covered */
    int kid[64], nkid;
};

struct tree {
    struct node *nd;
    int n, cap;
};

static int parse_tree(const char **pp, const char *e, struct tree *t, struct gold *g)
{
    const char *p = *pp;
    while (p < e && *p != '(') p++;
    if (p >= e) return -1;
    p++;
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->nd = fw_xrealloc(t->nd, (size_t)t->cap * sizeof *t->nd);
    }
    int id = t->n++;
    struct node *nd = &t->nd[id];
    memset(nd, 0, sizeof *nd);
    nd->word = -1;
    size_t ln = 0;
    while (p < e && *p != ' ' && *p != '\n' && *p != '(' && *p != ')') {
        if (ln < sizeof nd->label - 1) nd->label[ln++] = *p;
        p++;
    }
    nd->label[ln] = 0;
    nd->w0 = (int)g->n;
    for (;;) {
        while (p < e && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
        if (p >= e) break;
        if (*p == ')') { p++; break; }
        if (*p == '(') {
            int k = parse_tree(&p, e, t, g);
            nd = &t->nd[id];
            if (k >= 0 && nd->nkid < 64) nd->kid[nd->nkid++] = k;
            continue;
        }
        const char *w = p;
        while (p < e && *p != ')' && *p != ' ' && *p != '\n') p++;
        if (g->n < MAXW) {
            nd->word = (int)g->n;
            g->w[g->n] = fw_xstrndup(w, (size_t)(p - w));
            g->tag[g->n] = (uint8_t)fw_pos_parse(nd->label, strlen(nd->label));
            g->n++;
        }
    }
    nd = &t->nd[id];
    nd->w1 = (int)g->n;
    *pp = p;
    return id;
}

static int kid_with(const struct tree *t, int id, const char *label, int after)
{
    for (int k = 0; k < t->nd[id].nkid; k++) {
        int c = t->nd[id].kid[k];
        if (t->nd[c].w0 >= after && strcmp(t->nd[c].label, label) == 0) return c;
    }
    return -1;
}

static int is_verb_label(const char *l)
{
    return (l[0] == 'V' && l[1] == 'B') || strcmp(l, "MD") == 0;
}

/* An NP ending in a possessive: "(NP (NP Eriador 's) death toll)" has its head after it. */
static int possessor(const struct tree *t, int id)
{
    const struct node *nd = &t->nd[id];
    return nd->nkid > 0 && strcmp(t->nd[nd->kid[nd->nkid - 1]].label, "POS") == 0;
}

/* Main verb, subject and object of the top clause: S -> NP VP; inside the VP, an auxiliary
 * or modal with a VP below hands over to that VP. */
static void tree_roles(const struct tree *t, int root, struct gold *g)
{
    g->verb = g->subj0 = g->obj0 = -1;
    int s = root;
    while (s >= 0 && strcmp(t->nd[s].label, "S") != 0) s = t->nd[s].nkid ? t->nd[s].kid[0] : -1;
    if (s < 0) return;
    int inner = kid_with(t, s, "S", 0);
    if (inner >= 0 && kid_with(t, s, "VP", 0) < 0) s = inner;  /* S -> S , CC S: the first */
    int vp = kid_with(t, s, "VP", 0), np = kid_with(t, s, "NP", 0);
    if (vp < 0) return;
    if (np >= 0 && t->nd[np].w0 < t->nd[vp].w0) g->subj0 = t->nd[np].w0, g->subj1 = t->nd[np].w1;
    for (;;) {
        int verb = -1, sub = -1;
        for (int k = 0; k < t->nd[vp].nkid; k++) {
            int c = t->nd[vp].kid[k];
            if (verb < 0 && is_verb_label(t->nd[c].label) && t->nd[c].word >= 0) verb = c;
            if (verb >= 0 && sub < 0 && strcmp(t->nd[c].label, "VP") == 0) sub = c;
        }
        if (verb < 0) {                     /* coordinated VPs: the first */
            sub = kid_with(t, vp, "VP", 0);
            if (sub < 0) return;
            vp = sub;
            continue;
        }
        if (sub >= 0) { vp = sub; continue; }
        g->verb = t->nd[verb].word;
        int obj = kid_with(t, vp, "NP", t->nd[verb].w1);
        if (obj >= 0) g->obj0 = t->nd[obj].w0, g->obj1 = t->nd[obj].w1;
        /* the object's head region: a first NP inside it (an NP with a PP or SBAR after it) */
        if (obj >= 0) {
            int in = kid_with(t, obj, "NP", 0);
            if (in >= 0 && !possessor(t, in)) g->obj0 = t->nd[in].w0, g->obj1 = t->nd[in].w1;
        }
        if (np >= 0 && g->subj0 >= 0) {
            int in = kid_with(t, np, "NP", 0);
            if (in >= 0 && !possessor(t, in)) g->subj0 = t->nd[in].w0, g->subj1 = t->nd[in].w1;
        }
        return;
    }
}

static void gold_free(struct gold *g)
{
    for (size_t i = 0; i < g->n; i++) free(g->w[i]);
    g->n = 0;
}

static int run_file(const struct fw_syn_model *m, const char *path, int trees, struct score *s,
                    struct fw_syn_out *out)
{
    struct fw_buf b;
    char err[256];
    fw_buf_init(&b, 64u << 20);
    if (fw_buf_read_file(&b, path, err, sizeof err) != FW_OK || !b.p) {
        fprintf(stderr, "%s\n", err);
        fw_buf_fini(&b);
        return -1;
    }
    const char *p = b.p, *end = b.p + b.len;
    struct gold g;
    struct tree t = {0};
    while ((p = strstr(p, "<Parse>"))) {
        p += 7;
        const char *e = strstr(p, "</Parse>");
        if (!e) break;
        memset(&g, 0, sizeof g);
        if (trees) {
            const char *q = p;
            t.n = 0;
            int root = parse_tree(&q, e, &t, &g);
            if (root >= 0) tree_roles(&t, root, &g);
        } else {
            read_conllu(p, e, &g);
        }
        score_sentence(m, &g, s, out);
        gold_free(&g);
        p = e;
    }
    (void)end;
    free(t.nd);
    fw_buf_fini(&b);
    return 0;
}

int main(int argc, char **argv)
{
    verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    const char *corpus = getenv("FW_CORPUS_DIR"), *bd = getenv("FW_BUILD_DIR");
    char path[4096], err[256];
    snprintf(path, sizeof path, "%s", bd ? bd : ".");
    struct fw_syn_model *m = fw_syn_model_open(path, NULL, 0, err, sizeof err);
    if (!m) {
        fprintf(stderr, "%s: skipped\n", err);
        return 77;
    }
    static struct score s[2];
    static struct fw_syn_out out;
    const char *files[2] = {"petrarch2-unittest/PETR.UnitTest.records.xml", "petrarch2-gsr/PETR2_GSR_validation.xml"};
    const char *names[2] = {"petrarch2-unittest (CoreNLP trees)", "petrarch2-gsr (UD trees)"};
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", corpus ? corpus : "../shared/corpus", files[i]);
        if (run_file(m, path, i == 0, &s[i], &out) != 0) {
            fw_syn_model_free(m);
            fprintf(stderr, "corpus not found: skipped\n");
            return 77;
        }
    }
    struct score all = {0};
    for (int i = 0; i < 2; i++) {
        struct score *c = &s[i];
        printf("%-36s tokens %ld (aligned %.1f%%)  tags %.2f%%  words %.2f%%  sentences %ld  main verb found %ld"
               "  subject %ld/%ld  object %ld/%ld\n",
               names[i], c->tok, 100.0 * (double)c->tok_aligned / (double)(c->tok ? c->tok : 1),
               100.0 * (double)c->tag_ok / (double)(c->tok_aligned ? c->tok_aligned : 1),
               100.0 * (double)c->word_ok / (double)(c->word ? c->word : 1), c->sent, c->verb_found, c->subj_ok,
               c->subj_gold, c->obj_ok, c->obj_gold);
        all.tok += c->tok, all.tok_aligned += c->tok_aligned, all.tag_ok += c->tag_ok;
        all.word += c->word, all.word_ok += c->word_ok, all.sent += c->sent, all.verb_found += c->verb_found;
        all.subj_gold += c->subj_gold, all.subj_ok += c->subj_ok, all.obj_gold += c->obj_gold, all.obj_ok += c->obj_ok;
        for (int a = 0; a < FW_POS__COUNT; a++)
            for (int b2 = 0; b2 < FW_POS__COUNT; b2++) all.confusion[a][b2] += c->confusion[a][b2];
    }
    const struct score *u = &s[1];
    double all_subj = (double)u->all_subj_ok / (double)(u->all_subj_gold ? u->all_subj_gold : 1);
    double all_obj = (double)u->all_obj_ok / (double)(u->all_obj_gold ? u->all_obj_gold : 1);
    {
        printf("petrarch2-gsr, every verb with a subject or object in its UD tree: %ld verbs, %ld analysed as predicates;"
               " subject %ld/%ld (%.1f%%), object %ld/%ld (%.1f%%)\n",
               u->all_verbs, u->all_found, u->all_subj_ok, u->all_subj_gold,
               100.0 * (double)u->all_subj_ok / (double)(u->all_subj_gold ? u->all_subj_gold : 1), u->all_obj_ok,
               u->all_obj_gold, 100.0 * (double)u->all_obj_ok / (double)(u->all_obj_gold ? u->all_obj_gold : 1));
    }
    double tag = (double)all.tag_ok / (double)(all.tok_aligned ? all.tok_aligned : 1);
    double subj = (double)all.subj_ok / (double)(all.subj_gold ? all.subj_gold : 1);
    double obj = (double)all.obj_ok / (double)(all.obj_gold ? all.obj_gold : 1);
    printf("all: tag agreement %.2f%% (floor %.1f%%), words only %.2f%%; main-verb subject %.1f%% (floor %.1f%%),"
           " object %.1f%% (floor %.1f%%) of %ld sentences whose verb we found (of %ld)\n",
           100 * tag, 100 * FLOOR_TAG, 100.0 * (double)all.word_ok / (double)(all.word ? all.word : 1), 100 * subj,
           100 * FLOOR_SUBJ, 100 * obj, 100 * FLOOR_OBJ, all.verb_found, all.sent);
    printf("most frequent confusions (gold -> ours):");
    for (int k = 0; k < 8; k++) {
        long best = 0;
        int ba = 0, bb = 0;
        for (int a = 0; a < FW_POS__COUNT; a++)
            for (int b2 = 0; b2 < FW_POS__COUNT; b2++)
                if (a != b2 && all.confusion[a][b2] > best) best = all.confusion[a][b2], ba = a, bb = b2;
        if (!best) break;
        printf(" %s->%s %ld", fw_pos_name(ba), fw_pos_name(bb), best);
        all.confusion[ba][bb] = 0;
    }
    printf("\n");
    fw_syn_model_free(m);
    int rc = 0;
    if (tag < FLOOR_TAG) { printf("FAIL: tag agreement below the floor\n"); rc = 1; }
    if (subj < FLOOR_SUBJ) { printf("FAIL: subject accuracy below the floor\n"); rc = 1; }
    if (obj < FLOOR_OBJ) { printf("FAIL: object accuracy below the floor\n"); rc = 1; }
    if (all_subj < FLOOR_ALL_SUBJ || all_obj < FLOOR_ALL_OBJ) {
        printf("FAIL: every-verb roles below the floors (%.0f%%, %.0f%%)\n", 100 * FLOOR_ALL_SUBJ, 100 * FLOOR_ALL_OBJ);
        rc = 1;
    }
    return rc;
}
