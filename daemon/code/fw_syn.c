/* fw_syn: chunking and clause analysis over tagged tokens (see fw_syn.h).
 *
 * Passes, each a left-to-right scan over one sentence:
 *  1. tags (fw_tag), then corrections that need the sentence around a word: a past
 *     participle after a noun and before its object is a past tense ("troops killed
 *     five"), a past tense after be/have a participle, no finite verb after a determiner,
 *     a plural between a name and an object a verb ("Israel strikes Gaza"), and so on;
 *  2. base noun phrases (determiner, adjectives, nouns, possessive chains) and verb
 *     groups (modal and auxiliary chain up to the lexical verb);
 *  3. noun-phrase structure: prepositional objects, "of" attachments and appositions
 *     widen the phrase, coordination links conjuncts;
 *  4. predicates in order: clause type from what precedes the verb group (relative
 *     pronoun, complementizer, subordinator, "to", a preposition before a gerund), the
 *     subject by a leftward scan that steps over phrases already used and over embedded
 *     clauses, objects and prepositional complements by a rightward scan; an object
 *     followed by a finite verb is instead the subject of a complement clause;
 *  5. fix-ups: subjects of sentence-initial participles, reporting clauses ("..., officials
 *     said"), relative clauses hung on their noun's predicate, quotation marks, conditional
 *     and question marks passed down to embedded clauses. Governors stay a forest.
 * No allocation; the caller's struct fw_syn_out holds everything. Thread: any. */
#include <string.h>

#include "fw_syn.h"

#define LW 24             /* bytes of a lower-cased word kept for the closed-class tests */

struct an {
    const struct fw_syn_model *m;
    const struct fw_tok *tok;
    size_t n;
    struct fw_syn_out *o;
    char lw[FW_SYN_MAXTOK][LW];
    uint8_t used[FW_SYN_MAXNP];      /* NP taken as an object or agent: not a later subject */
    int16_t vg_end[FW_SYN_MAXPRED];  /* last token of each predicate's verb group */
    int16_t cstart[FW_SYN_MAXPRED];  /* first token of the clause (its marker or subject) */
    int16_t comp_subj[FW_SYN_MAXPRED]; /* NP left as the subject of a complement clause, -1 */
    int16_t comp_mark[FW_SYN_MAXPRED]; /* "that"/"whether"/"if" seen after the verb, -1 */
    uint8_t finite[FW_SYN_MAXPRED];
};

static int in(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0) return 1;
    return 0;
}

static const char *const be_forms[] = {"be", "is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m", NULL};
static const char *const have_forms[] = {"have", "has", "had", "having", "'ve", "'d", NULL};
static const char *const do_forms[] = {"do", "does", "did", NULL};
static const char *const get_forms[] = {"get", "gets", "got", "gotten", "getting", NULL};
static const char *const particles[] = {"out", "off", "up", "down", "back", "away", NULL};
static const char *const neg_words[] = {"not", "n't", "never", NULL};
static const char *const future_modals[] = {"will", "shall", "'ll", "wo", NULL};
static const char *const temporal_words[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today",
    "tonight", "tomorrow", "week", "weekend", "month", "year", "morning", "afternoon", "evening", "night",
    "day", "days", "weeks", "months", "years", "hours", "decade", "decades", "overnight", NULL};
static const char *const subordinators[] = {
    "if", "unless", "when", "whenever", "because", "after", "before", "while", "although", "though", "since",
    "until", "once", "whereas", "as", "whether", "where", "so", NULL};
/* verbs whose object controls the subject of their infinitive: "urged Iran to release" */
static const char *const object_control[] = {
    "urge", "ask", "order", "force", "tell", "persuade", "allow", "invite", "encourage", "warn", "help",
    "want", "expect", "authorize", "authorise", "pressure", "compel", "instruct", "permit", "enable",
    "require", "convince", "push", "call", "press", "direct", "oblige", "prompt", "advise", "beg", "cause", NULL};
/* verbs whose object does what the gerund after their preposition says: "accused Israel of
 * attacking", "prevented them from leaving" */
static const char *const gerund_control[] = {
    "accuse", "blame", "charge", "suspect", "convict", "prevent", "stop", "ban", "bar", "deter", "praise",
    "thank", "condemn", "criticize", "criticise", "punish", "warn", "arrest", "detain", "sentence", "fine",
    "sanction", "keep", "forbid", "prohibit", "discourage", "dissuade", "exclude", "acquit", "clear",
    "commend", "congratulate", "fault", "indict", "investigate", "jail", "restrain", "save", "protect",
    "discourage", "block", "excuse", "exempt", "free", "release", "absolve", "credit", NULL};
/* verbs that take a gerund as their object: "stopped selling arms", "denied carrying out the attack" */
static const char *const gerund_objects[] = {
    "begin", "start", "stop", "keep", "continue", "resume", "finish", "quit", "avoid", "deny", "admit",
    "consider", "risk", "suggest", "recommend", "enjoy", "mind", "miss", "practise", "practice", "delay",
    "postpone", "regret", "recall", "remember", "like", "love", "hate", "prefer", "try", "cease", "end",
    "discuss", "mention", "propose", "support", "oppose", "favor", "favour", "include", "involve",
    "justify", "tolerate", "resist", "spend", "go", "come", "see", "hear", "feel", "watch", "find",
    "leave", "get", "need", NULL};
/* verbs of saying: a clause of one after a comma reports what precedes it */
static const char *const reporting[] = {
    "say", "add", "tell", "state", "report", "announce", "claim", "confirm", "explain", "note", "warn",
    "insist", "allege", "write", "declare", "argue", "deny", "acknowledge", "admit", "stress", "believe",
    "think", "suggest", "estimate", "reveal", NULL};

static int lw_is(const struct an *a, int i, const char *w)
{
    return i >= 0 && (size_t)i < a->n && strcmp(a->lw[i], w) == 0;
}

/* A "by" within a few words after token v, before any comma or verb: a passive's agent. */
static int by_follows(const struct an *a, int v)
{
    for (int t = v + 1; t < (int)a->n && t <= v + 4; t++) {
        uint8_t p = a->o->pos[t];
        if (p == FW_POS_COMMA || p == FW_POS_PERIOD || (p >= FW_POS_VB && p <= FW_POS_VBZ)) return 0;
        if (lw_is(a, t, "by")) return 1;
    }
    return 0;
}

static int is_noun(uint8_t p) { return p == FW_POS_NN || p == FW_POS_NNS || p == FW_POS_NNP || p == FW_POS_NNPS; }
static int is_verb(uint8_t p) { return p >= FW_POS_VB && p <= FW_POS_VBZ; }
static int is_adj(uint8_t p) { return p == FW_POS_JJ || p == FW_POS_JJR || p == FW_POS_JJS; }
static int is_quote(uint8_t p) { return p == FW_POS_QUOTE || p == FW_POS_LQUOTE || p == FW_POS_RQUOTE; }
static int is_finite_tag(uint8_t p) { return p == FW_POS_VBD || p == FW_POS_VBZ || p == FW_POS_VBP || p == FW_POS_MD; }

/* Base form of a verb, crudely, for the closed lists above: "urged" -> "urge", "says" -> "say". */
static int verb_in(const struct an *a, int i, const char *const *list)
{
    if (i < 0) return 0;
    const char *w = a->lw[i];
    if (in(w, list)) return 1;
    static const char *const irregular[][2] = {{"said", "say"}, {"says", "say"}, {"told", "tell"},
                                               {"wrote", "write"}, {"written", "write"}, {"thought", "think"},
                                               {"got", "get"}, {"forced", "force"}, {NULL, NULL}};
    for (int k = 0; irregular[k][0]; k++)
        if (strcmp(w, irregular[k][0]) == 0) return in(irregular[k][1], list);
    char b[LW];
    size_t n = strlen(w);
    if (n < 4 || n >= LW) return 0;
    memcpy(b, w, n + 1);
    static const char *const suf[] = {"ing", "ed", "es", "s", "d", NULL};
    for (int k = 0; suf[k]; k++) {
        size_t sn = strlen(suf[k]);
        if (n > sn + 2 && strcmp(w + n - sn, suf[k]) == 0) {
            b[n - sn] = 0;
            if (in(b, list)) return 1;
            if (strcmp(suf[k], "ing") == 0 || strcmp(suf[k], "ed") == 0) {
                b[n - sn] = 'e', b[n - sn + 1] = 0;         /* urging -> urge */
                if (in(b, list)) return 1;
                if (n - sn >= 2 && b[n - sn - 1] == b[n - sn - 2]) {   /* banned -> ban */
                    b[n - sn - 1] = 0;
                    if (in(b, list)) return 1;
                }
            }
            b[n - sn] = 0;
            if (strcmp(suf[k], "ies") == 0) return 0;
        }
    }
    if (n > 4 && strcmp(w + n - 3, "ied") == 0) {         /* denied -> deny */
        memcpy(b, w, n - 3);
        b[n - 3] = 'y', b[n - 2] = 0;
        return in(b, list);
    }
    if (n > 4 && strcmp(w + n - 3, "ies") == 0) {
        memcpy(b, w, n - 3);
        b[n - 3] = 'y', b[n - 2] = 0;
        return in(b, list);
    }
    return 0;
}

static int aux_word(const struct an *a, int i)
{
    const char *w = a->lw[i];
    return a->o->pos[i] == FW_POS_MD || in(w, be_forms) || in(w, have_forms) || in(w, do_forms) || in(w, get_forms);
}

/* ---- pass 1: tag corrections ---- */

static int temporal(const struct an *a, int i)
{
    static const char *const months[] = {"january", "february", "march", "april", "may", "june", "july",
                                         "august", "september", "october", "november", "december", "jan.",
                                         "feb.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", NULL};
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                       "sunday", NULL};
    int cap = (a->tok[i].flags & TOK_CAP) != 0;
    /* a month only with its capital ("the march on the capital" is an event); a capitalized
     * "Weeks" or "Day" inside a sentence is a name */
    if (cap && i > 0 && !in(a->lw[i], days) && !in(a->lw[i], months)) return 0;
    return in(a->lw[i], temporal_words) || (cap && in(a->lw[i], months));
}

static int object_start(uint8_t t)
{
    return t == FW_POS_DT || t == FW_POS_PRPS || t == FW_POS_CD || t == FW_POS_PRP || t == FW_POS_NNP ||
           t == FW_POS_NNPS || t == FW_POS_NNS || t == FW_POS_NN;
}

/* A finite verb tag (any verb tag if any_verb) in pos[i..n), before the next comma or colon
 * if stop_at_comma. */
static int finite_later(const struct an *a, int i, int stop_at_comma, int any_verb)
{
    for (; i < (int)a->n; i++) {
        uint8_t t = a->o->pos[i];
        if (stop_at_comma && (t == FW_POS_COMMA || t == FW_POS_COLON)) return 0;
        if (t == FW_POS_VBD || t == FW_POS_VBZ || t == FW_POS_VBP || t == FW_POS_MD) return 1;
        if (any_verb && (t == FW_POS_VBN || t == FW_POS_VB)) return 1;
    }
    return 0;
}

/* The word with an -s or -es cut is a verb in the lexicon ("attacks" -> "attack"). */
static int verb_stem_s(const struct an *a, int i)
{
    const char *w = a->lw[i];
    size_t n = strlen(w);
    if (n < 4 || w[n - 1] != 's' || w[n - 2] == 's') return 0;
    /* the stem is a verb, or has a past form: "attack" is a noun first, "attacked" a verb */
    char b[LW + 4];
    for (size_t cut = 1; cut <= 2; cut++) {
        if (cut == 2 && w[n - 2] != 'e') break;
        size_t sn = n - cut;
        int t = fw_tag_lexicon(a->m, w, sn);
        if (t == FW_POS_VB || t == FW_POS_VBP) return 1;
        memcpy(b, w, sn);
        const char *ed = b[sn - 1] == 'e' ? "d" : "ed";
        memcpy(b + sn, ed, strlen(ed) + 1);
        t = fw_tag_lexicon(a->m, b, strlen(b));
        if (t == FW_POS_VBD || t == FW_POS_VBN) return 1;
    }
    return 0;
}

/* Whether the comma at token k closes a gerund clause set off after a noun ("forces, using tanks,
 * armored vehicles and drones,"): the segment since the comma before opens with an -ing form. */
static int after_insertion(const struct an *a, int k)
{
    const uint8_t *pos = a->o->pos;
    int j = k - 1;
    while (j >= 0 && pos[j] != FW_POS_COMMA) {
        if (is_finite_tag(pos[j])) return 0;
        j--;
    }
    while (j >= 0 && j + 1 < k && pos[j] == FW_POS_COMMA) {
        /* the list inside the clause ("tanks, armored vehicles, mortars and drones") has commas too */
        if (pos[j + 1] == FW_POS_VBG) return j > 0 && is_noun(pos[j - 1]);
        int q = j - 1;
        while (q >= 0 && pos[q] != FW_POS_COMMA) {
            if (is_finite_tag(pos[q])) return 0;
            q--;
        }
        j = q;
    }
    return 0;
}

/* Whether the noun phrase that ends at token k opens a clause a subordinator ("when", "after",
 * "because") or "where" starts: the word before the phrase is one. */
static int opens_clause(const struct an *a, int k)
{
    const uint8_t *pos = a->o->pos;
    int j = k;
    while (j >= 0 && (is_noun(pos[j]) || is_adj(pos[j]) || pos[j] == FW_POS_DT || pos[j] == FW_POS_CD ||
                      pos[j] == FW_POS_CC || pos[j] == FW_POS_POS || pos[j] == FW_POS_PRPS))
        j--;
    return j >= 0 && j < k && (pos[j] == FW_POS_WRB || (pos[j] == FW_POS_IN && in(a->lw[j], subordinators))) &&
           !lw_is(a, j, "as") && !lw_is(a, j, "so") && !lw_is(a, j, "since");
}

/* "armed (mostly) with knives ... attacked": "with" at j (past adverbs) and a verb after it
 * before the next comma. */
static int with_then_verb(const struct an *a, int j)
{
    while (j < (int)a->n && a->o->pos[j] == FW_POS_RB) j++;
    return j < (int)a->n && lw_is(a, j, "with") && finite_later(a, j + 1, 1, 1);
}

static void fix_tags(struct an *a)
{
    uint8_t *pos = a->o->pos;
    int n = (int)a->n;
    for (int i = 0; i < n; i++) {
        /* after a determiner, number or possessive comes no finite verb: "five suspects" */
        if ((pos[i] == FW_POS_VBZ || pos[i] == FW_POS_VBP || pos[i] == FW_POS_VB) && i > 0 &&
            (pos[i - 1] == FW_POS_CD || pos[i - 1] == FW_POS_PRPS || pos[i - 1] == FW_POS_POS ||
             lw_is(a, i - 1, "the") || lw_is(a, i - 1, "a") || lw_is(a, i - 1, "an") ||
             (is_adj(pos[i - 1]) && i > 1 && (pos[i - 2] == FW_POS_DT || pos[i - 2] == FW_POS_PRPS))))
            pos[i] = a->lw[i][0] && a->lw[i][strlen(a->lw[i]) - 1] == 's' ? FW_POS_NNS : FW_POS_NN;
        /* "Did Russia attack ...", "Will Iran sign ...": the verb after the inverted subject */
        if (i + 2 < n && (i == 0 || pos[i - 1] == FW_POS_WRB || pos[i - 1] == FW_POS_WP) &&
            (in(a->lw[i], do_forms) || pos[i] == FW_POS_MD || lw_is(a, i, "will")) &&
            (pos[i + 1] == FW_POS_NNP || pos[i + 1] == FW_POS_PRP || pos[i + 1] == FW_POS_NNS) &&
            (pos[i + 2] == FW_POS_NN || pos[i + 2] == FW_POS_VBP)) {
            if (lw_is(a, i, "will")) pos[i] = FW_POS_MD;
            pos[i + 2] = FW_POS_VB;
        }
        /* "the armed forces chief, Gen. ...", "the police chief said": "chief" ending its noun phrase
         * (no noun after it, as in "chief executive") is the noun */
        if (pos[i] == FW_POS_JJ && lw_is(a, i, "chief") && i > 0 && is_noun(pos[i - 1]) &&
            (i + 1 >= n || !(is_noun(pos[i + 1]) || is_adj(pos[i + 1]))))
            pos[i] = FW_POS_NN;
        /* "imposed sweeping sanctions on Niger", "faced mounting pressure": a gerund right after a
         * finite verb that takes no gerund as its object, before a bare noun, describes the noun */
        /* (a past form the later pass makes finite too: "Troops arrested protesting farmers") */
        if (pos[i] == FW_POS_VBG && i > 0 && i + 1 < n &&
            (pos[i - 1] == FW_POS_VBD || pos[i - 1] == FW_POS_VBZ || pos[i - 1] == FW_POS_VBP ||
             (pos[i - 1] == FW_POS_VBN && i > 1 && (is_noun(pos[i - 2]) || pos[i - 2] == FW_POS_PRP))) &&
            !in(a->lw[i - 1], be_forms) && !in(a->lw[i - 1], have_forms) && !verb_in(a, i - 1, gerund_objects) &&
            (pos[i + 1] == FW_POS_NNS || pos[i + 1] == FW_POS_NN) &&
            (i + 2 >= n || !(pos[i + 2] == FW_POS_NN || pos[i + 2] == FW_POS_NNS || is_verb(pos[i + 2]))))
            pos[i] = FW_POS_JJ;
        /* "fired tear gas at the crowds": "tear gas" is one noun, whatever the lexicon says of "tear" */
        if (lw_is(a, i, "tear") && i + 1 < n && (lw_is(a, i + 1, "gas") || lw_is(a, i + 1, "gases"))) pos[i] = FW_POS_NN;
        /* "fired rubber bullets and tear gas at ...": a base form after a noun's "and", before a
         * noun, joins no past-tense verb (joined verbs share their tense): it modifies the noun */
        if (pos[i] == FW_POS_VB && i > 1 && i + 1 < n && pos[i - 1] == FW_POS_CC &&
            (pos[i - 2] == FW_POS_NN || pos[i - 2] == FW_POS_NNS) && (pos[i + 1] == FW_POS_NN || pos[i + 1] == FW_POS_NNS)) {
            for (int j = i - 2; j >= 0; j--) {
                if (!(is_verb(pos[j]) || pos[j] == FW_POS_MD || pos[j] == FW_POS_TO)) continue;
                if (pos[j] == FW_POS_VBD) pos[i] = FW_POS_NN;
                break;
            }
        }
        /* "... puts the US at odds and breaks with ...": a plural after "and" continues a
         * present-tense verb when its stem is a verb */
        if (pos[i] == FW_POS_NNS && i > 1 && pos[i - 1] == FW_POS_CC && verb_stem_s(a, i) && i + 1 < n &&
            (pos[i + 1] == FW_POS_IN || pos[i + 1] == FW_POS_DT || pos[i + 1] == FW_POS_PRP || pos[i + 1] == FW_POS_PRPS)) {
            for (int j = i - 2; j >= 0; j--) {
                if (!(pos[j] == FW_POS_VBD || pos[j] == FW_POS_VBZ || pos[j] == FW_POS_VBP || pos[j] == FW_POS_MD)) continue;
                if (pos[j] == FW_POS_VBZ && !aux_word(a, j)) pos[i] = FW_POS_VBZ;
                break;
            }
        }
        /* "Israel attacks Iran": a plural noun between a name and an object is a verb when the
         * lexicon knows its stem as one and no other verb follows in the clause */
        if (pos[i] == FW_POS_NNS && i > 0 && i + 1 < n &&
            (pos[i - 1] == FW_POS_NNP || pos[i - 1] == FW_POS_NNPS || pos[i - 1] == FW_POS_PRP) &&
            (i < 2 || pos[i - 2] != FW_POS_POS) && verb_stem_s(a, i) && !finite_later(a, i + 1, 1, 1)) {
            int k = i - 1;
            while (k >= 0 && (pos[k] == FW_POS_NNP || pos[k] == FW_POS_NNPS)) k--;
            /* ... or after a subordinator: "before Sarkozy heads to Beijing" */
            if ((object_start(pos[i + 1]) && pos[i + 1] != FW_POS_NNS && pos[i + 1] != FW_POS_NN) ||
                (k >= 0 && pos[k] == FW_POS_IN && in(a->lw[k], subordinators)))
                pos[i] = FW_POS_VBZ;
        }
        /* "two people were shot dead", "was hit by a brick": a singular noun that is also a verb
         * form, right after "was" or "were" and before "dead", "by" or a preposition of place or
         * time, is a passive participle */
        if (pos[i] == FW_POS_NN && (a->tok[i].flags & TOK_VERBFORM) && i > 0 && i + 1 < n &&
            (lw_is(a, i - 1, "was") || lw_is(a, i - 1, "were") || lw_is(a, i - 1, "been")) &&
            (lw_is(a, i + 1, "dead") || lw_is(a, i + 1, "by") || lw_is(a, i + 1, "in") || lw_is(a, i + 1, "at") ||
             lw_is(a, i + 1, "near") || lw_is(a, i + 1, "during")))
            pos[i] = FW_POS_VBN;
        /* "Egyptian police shot a protester": a singular noun that is also a verb form, right
         * after the noun phrase that opens a clause with no verb yet and right before another
         * noun phrase, is the clause's verb (the lexicon knows one tag a word) */
        if (pos[i] == FW_POS_NN && (a->tok[i].flags & TOK_VERBFORM) && i > 0 && i + 1 < n &&
            (pos[i - 1] == FW_POS_NN || pos[i - 1] == FW_POS_NNS || pos[i - 1] == FW_POS_NNP || pos[i - 1] == FW_POS_NNPS) &&
            (pos[i + 1] == FW_POS_DT || pos[i + 1] == FW_POS_PRPS || pos[i + 1] == FW_POS_CD)) {
            int k = i - 1;
            while (k >= 0 && (is_noun(pos[k]) || is_adj(pos[k]) || pos[k] == FW_POS_DT || pos[k] == FW_POS_CD ||
                              pos[k] == FW_POS_POS || pos[k] == FW_POS_PRPS))
                k--;
            if (k < 0 || pos[k] == FW_POS_COMMA || pos[k] == FW_POS_CC || lw_is(a, k, "that") ||
                (pos[k] == FW_POS_IN && in(a->lw[k], subordinators)))
                pos[i] = FW_POS_VBD;
        }
        /* "When thousands more residents launched marches": a participle right after the noun
         * phrase that opens a clause with no verb yet, and right before its object, is the
         * clause's past tense (a reduced relative takes "by" or a preposition, not an object) */
        if (pos[i] == FW_POS_VBN && i > 0 && i + 1 < n &&
            (pos[i - 1] == FW_POS_NNS || pos[i - 1] == FW_POS_NNP || pos[i - 1] == FW_POS_NNPS) &&
            (pos[i + 1] == FW_POS_DT || pos[i + 1] == FW_POS_PRPS || pos[i + 1] == FW_POS_CD ||
             pos[i + 1] == FW_POS_LQUOTE || pos[i + 1] == FW_POS_QUOTE)) {
            int k = i - 1;
            while (k >= 0 && (is_noun(pos[k]) || is_adj(pos[k]) || pos[k] == FW_POS_DT || pos[k] == FW_POS_CD ||
                              pos[k] == FW_POS_POS || pos[k] == FW_POS_PRPS || pos[k] == FW_POS_JJR ||
                              (pos[k] == FW_POS_IN && lw_is(a, k, "of"))))
                k--;
            if ((k < 0 || pos[k] == FW_POS_COMMA || pos[k] == FW_POS_WRB || lw_is(a, k, "that") ||
                 (pos[k] == FW_POS_IN && in(a->lw[k], subordinators))))
                pos[i] = FW_POS_VBD;
        }
        /* "protesters angry over fuel price rises stormed buildings": a present tense right after a
         * noun and right before a past form is the last noun of a compound, and the past form the
         * verb */
        if (pos[i] == FW_POS_VBZ && i > 0 && i + 2 < n && pos[i - 1] == FW_POS_NN && !(a->tok[i].flags & TOK_CAP) &&
            !aux_word(a, i) && (pos[i + 1] == FW_POS_VBD || pos[i + 1] == FW_POS_VBN) &&
            (pos[i + 2] == FW_POS_DT || is_noun(pos[i + 2]) || pos[i + 2] == FW_POS_PRPS || pos[i + 2] == FW_POS_CD)) {
            pos[i] = FW_POS_NNS;
            pos[i + 1] = FW_POS_VBD;
        }
        /* "detained nine men suspected of links", "five men arrested by police were": a past form
         * right after the noun phrase that a finite verb or a preposition governs, or that opens a
         * clause whose finite verb comes later, and right before "of" or "by", is a participle
         * describing the noun (a clause a verb of saying takes may have its own past tense) */
        /* ("..., an attack also claimed by the TTP": an adverb between them; a noun phrase set off by
         * a comma after another noun renames it, and its past form before "by" describes it) */
        int adv = i > 2 && pos[i - 1] == FW_POS_RB && !in(a->lw[i - 1], neg_words);
        if (pos[i] == FW_POS_VBD && i > 1 && i + 1 < n && (lw_is(a, i + 1, "of") || lw_is(a, i + 1, "by")) &&
            (pos[i - 1 - adv] == FW_POS_NNS || pos[i - 1 - adv] == FW_POS_NN)) {
            int k = i - 1 - adv;
            while (k >= 0 && (is_noun(pos[k]) || is_adj(pos[k]) || pos[k] == FW_POS_DT || pos[k] == FW_POS_CD ||
                              pos[k] == FW_POS_POS || pos[k] == FW_POS_PRPS))
                k--;
            int appos = k > 0 && pos[k] == FW_POS_COMMA && is_noun(pos[k - 1]) && lw_is(a, i + 1, "by") && k + 1 < i &&
                        pos[k + 1] == FW_POS_DT;
            if ((k >= 0 && ((is_finite_tag(pos[k]) && !aux_word(a, k) && !verb_in(a, k, reporting)) ||
                            (pos[k] == FW_POS_IN && !in(a->lw[k], subordinators) && !lw_is(a, k, "that")))) ||
                (k < 0 && finite_later(a, i + 1, 1, 0)) || appos)
                pos[i] = FW_POS_VBN;
        }
        /* "indicted by the U.N. war crimes court for ...": a present tense right after the nouns of a
         * preposition's object is their compound's last noun (a verb needs a subject, not an object) */
        if (pos[i] == FW_POS_VBP && i > 1 && (pos[i - 1] == FW_POS_NNS || pos[i - 1] == FW_POS_NN) &&
            !(a->tok[i].flags & TOK_CAP) && !aux_word(a, i)) {
            int k = i - 1;
            while (k >= 0 && (is_noun(pos[k]) || is_adj(pos[k]) || pos[k] == FW_POS_DT || pos[k] == FW_POS_CD ||
                              pos[k] == FW_POS_POS || pos[k] == FW_POS_PRPS))
                k--;
            if (k >= 0 && pos[k] == FW_POS_IN && !in(a->lw[k], subordinators) && !lw_is(a, k, "that") &&
                !lw_is(a, k, "than"))
                pos[i] = FW_POS_NN;
        }
        /* a modal, adverbs, then a word the tagger took for a noun: "can't ever clash" */
        if ((pos[i] == FW_POS_NN || pos[i] == FW_POS_VBP) && i > 0) {
            int k = i - 1;
            while (k >= 0 && (pos[k] == FW_POS_RB || in(a->lw[k], neg_words))) k--;
            if (k >= 0 && pos[k] == FW_POS_MD && k < i - 1) pos[i] = FW_POS_VB;
        }
        /* a base form right after its subject is a present tense: "The Philippines agree" */
        if (pos[i] == FW_POS_VB && i > 0 && (pos[i - 1] == FW_POS_NNS || pos[i - 1] == FW_POS_NNP ||
                                            pos[i - 1] == FW_POS_NNPS || pos[i - 1] == FW_POS_PRP)) {
            int k = i - 1;
            while (k >= 0 && (is_noun(pos[k]) || is_adj(pos[k]) || pos[k] == FW_POS_DT || pos[k] == FW_POS_CD ||
                              pos[k] == FW_POS_POS || pos[k] == FW_POS_PRPS || pos[k] == FW_POS_PRP ||
                              pos[k] == FW_POS_CC))
                k--;
            if (k < 0 || pos[k] == FW_POS_COMMA || pos[k] == FW_POS_WDT || pos[k] == FW_POS_WP || lw_is(a, k, "that") ||
                pos[k] == FW_POS_RRB ||
                (pos[k] == FW_POS_IN && in(a->lw[k], subordinators)))
                pos[i] = FW_POS_VBP;
        }
        /* "the fighting", "the killing of": an -ing form after a determiner, with no noun
         * after it, is a noun */
        if (pos[i] == FW_POS_VBG && i > 0 && (pos[i - 1] == FW_POS_DT || pos[i - 1] == FW_POS_PRPS) &&
            !(i + 1 < n && (is_noun(pos[i + 1]) || is_adj(pos[i + 1]))))
            pos[i] = FW_POS_NN;
        /* "for shooting down the helicopter", "of attacking the base": an -ing word after a
         * preposition and before a particle or a determined object is a gerund */
        if (pos[i] == FW_POS_NN && i > 0 && pos[i - 1] == FW_POS_IN && i + 1 < n && strlen(a->lw[i]) > 5 &&
            strcmp(a->lw[i] + strlen(a->lw[i]) - 3, "ing") == 0 &&
            (pos[i + 1] == FW_POS_RP || pos[i + 1] == FW_POS_DT || pos[i + 1] == FW_POS_PRPS || pos[i + 1] == FW_POS_PRP ||
             pos[i + 1] == FW_POS_NNP || pos[i + 1] == FW_POS_CD))
            pos[i] = FW_POS_VBG;
        /* "been planning": an -ing word after a form of "be" is the verb's participle */
        if (pos[i] == FW_POS_NN && i > 0 && in(a->lw[i - 1], be_forms) && strlen(a->lw[i]) > 5 &&
            strcmp(a->lw[i] + strlen(a->lw[i]) - 3, "ing") == 0 && i + 1 < n && pos[i + 1] != FW_POS_IN)
            pos[i] = FW_POS_VBG;
        /* "have long refused", "has long been": a word between an auxiliary and its participle is
         * an adverb */
        if ((pos[i] == FW_POS_NN || pos[i] == FW_POS_JJ) && i > 0 && i + 1 < n &&
            (in(a->lw[i - 1], have_forms) || in(a->lw[i - 1], be_forms)) &&
            (pos[i + 1] == FW_POS_VBN || pos[i + 1] == FW_POS_VBD) && !lw_is(a, i + 1, "by"))
            pos[i] = FW_POS_RB;
        /* "to have killed": after "to" a base form */
        if (pos[i] == FW_POS_VBP && i > 0 && pos[i - 1] == FW_POS_TO) pos[i] = FW_POS_VB;
        /* VBD after be/have (adverbs between): a participle */
        if (pos[i] == FW_POS_VBD) {
            int k = i - 1;
            while (k >= 0 && pos[k] == FW_POS_RB) k--;
            if (k >= 0 && (in(a->lw[k], be_forms) || in(a->lw[k], have_forms) || in(a->lw[k], get_forms)) &&
                !in(a->lw[i], be_forms) && !in(a->lw[i], have_forms))
                pos[i] = FW_POS_VBN;
        }
        /* "at least eight people": a quantifier, not a preposition */
        if (lw_is(a, i, "at") && i + 2 < n && (lw_is(a, i + 1, "least") || lw_is(a, i + 1, "most")) &&
            pos[i + 2] == FW_POS_CD)
            pos[i] = pos[i + 1] = FW_POS_RB;
        /* "that" or "which" before a verb right after a noun is a relative pronoun */
        if (lw_is(a, i, "that") && i > 0 && i + 1 < n && is_noun(pos[i - 1]) &&
            (is_verb(pos[i + 1]) || pos[i + 1] == FW_POS_MD ||
             (pos[i + 1] == FW_POS_RB && i + 2 < n && (is_verb(pos[i + 2]) || pos[i + 2] == FW_POS_MD))))
            pos[i] = FW_POS_WDT;
    }
    int any_finite = finite_later(a, 0, 0, 0);
    /* a headline without a verb: "Israel strikes Gaza after rocket fire" */
    if (!finite_later(a, 0, 0, 1))
        for (int i = 1; i + 1 < n; i++)
            if (pos[i] == FW_POS_NNS &&
                (pos[i - 1] == FW_POS_NNP || pos[i - 1] == FW_POS_NNPS || pos[i - 1] == FW_POS_PRP ||
                 ((a->tok[i - 1].flags & TOK_CAP) && (is_adj(pos[i - 1]) || pos[i - 1] == FW_POS_NN))) &&
                (pos[i + 1] == FW_POS_NNP || pos[i + 1] == FW_POS_DT || pos[i + 1] == FW_POS_PRPS || pos[i + 1] == FW_POS_CD)) {
                pos[i] = FW_POS_VBZ;
                any_finite = 1;
                break;
            }
    /* "Pakistan's military said": no adverb follows a possessive; the word is its noun (the
     * tagger's rules made it one before a participle they made of "said") */
    for (int i = 1; i + 1 < n; i++)
        if (pos[i - 1] == FW_POS_POS && (pos[i] == FW_POS_RB || pos[i] == FW_POS_JJ) &&
            (pos[i + 1] == FW_POS_VBN || pos[i + 1] == FW_POS_VBD || pos[i + 1] == FW_POS_VBZ))
            pos[i] = FW_POS_NN;
    for (int i = 1; i < n; i++) {
        /* a participle this loop made a past tense is the sentence's finite verb ("police
         * detained nine men suspected of links": "suspected" is not the main verb then) */
        if (is_finite_tag(pos[i - 1])) any_finite = 1;
        if (pos[i] != FW_POS_VBN) continue;
        uint8_t nx = i + 1 < n ? pos[i + 1] : FW_POS_PERIOD;
        int k = i - 1;
        while (k >= 0 && pos[k] == FW_POS_RB) k--;
        if (k < 0) continue;
        if (in(a->lw[k], be_forms) || in(a->lw[k], have_forms) || in(a->lw[k], get_forms)) continue;
        /* "The National Movement for the Liberation of Azawad (MNLA) attacked the town": a name's
         * parenthesised acronym stands between it and its verb */
        if (pos[k] == FW_POS_RRB && k >= 3) {
            int o = k - 1;
            while (o > 0 && o > k - 5 && pos[o] != FW_POS_LRB) o--;
            if (pos[o] == FW_POS_LRB && o > 0 && is_noun(pos[o - 1])) k = o - 1;
        }
        uint8_t pv = pos[k];                                       /* "rebels never fired on" */
        if (lw_is(a, i + 1, "by")) continue;                       /* "an attack also claimed by" */
        if (k < i - 1 && (is_noun(pv) || pv == FW_POS_PRP)) {
            pos[i] = FW_POS_VBD;
            continue;
        }
        /* before a that-clause, after a noun: "a report alleged that" */
        if ((is_noun(pv) || pv == FW_POS_PRP) && lw_is(a, i + 1, "that")) {
            pos[i] = FW_POS_VBD;
            continue;
        }
        /* right after a noun, a pronoun or a relative pronoun, before its object (or a particle
         * and its object: "crowds burned down the embassy"): a past tense ("report released
         * Tuesday" keeps its participle: a day is no object) */
        int obj_next = object_start(nx) && !(i + 1 < n && temporal(a, i + 1));
        /* ("detained more than 3,000 people", "killed at least 12", "arrested about 40 people": a
         * number's qualifier opens the object too) */
        if (!obj_next && i + 2 < n &&
            (((lw_is(a, i + 1, "more") || lw_is(a, i + 1, "fewer") || lw_is(a, i + 1, "less")) && lw_is(a, i + 2, "than")) ||
             (lw_is(a, i + 1, "at") && lw_is(a, i + 2, "least")) ||
             ((lw_is(a, i + 1, "about") || lw_is(a, i + 1, "nearly") || lw_is(a, i + 1, "around") ||
               lw_is(a, i + 1, "almost") || lw_is(a, i + 1, "roughly") || lw_is(a, i + 1, "some")) &&
              pos[i + 2] == FW_POS_CD)))
            obj_next = 1;
        if (!obj_next && i + 2 < n && (nx == FW_POS_RP || (nx == FW_POS_IN && in(a->lw[i + 1], particles))) &&
            object_start(pos[i + 2]))
            obj_next = 1;
        /* ("soldiers rounded up and killed scores of villagers": a particle, then a joined past
         * form that takes the object) */
        if (!obj_next && i + 4 < n && (nx == FW_POS_RP || (nx == FW_POS_IN && in(a->lw[i + 1], particles))) &&
            pos[i + 2] == FW_POS_CC && (pos[i + 3] == FW_POS_VBD || pos[i + 3] == FW_POS_VBN) && object_start(pos[i + 4]))
            obj_next = 1;
        if ((is_noun(pv) || pv == FW_POS_PRP || pv == FW_POS_WDT || pv == FW_POS_WP) && obj_next)
            pos[i] = FW_POS_VBD;
        /* "... arrested the suspect and charged him", "... and called for sanctions": a
         * conjunct of a lexical past tense ("were killed and wounded" keeps its participle) */
        else if (pv == FW_POS_CC && i > 1 && !lw_is(a, i + 1, "by")) {
            for (int j = i - 2; j >= 0; j--) {
                if (!(pos[j] == FW_POS_VBD || pos[j] == FW_POS_VBZ || pos[j] == FW_POS_VBP || pos[j] == FW_POS_MD))
                    continue;                                       /* past gerunds and infinitives */
                if (pos[j] == FW_POS_VBD && !aux_word(a, j)) pos[i] = FW_POS_VBD;
                break;
            }
        }
        /* "Tajik forces, using tanks and drones, attacked Kyrgyz outposts": a participle right after
         * a gerund clause set off by commas after a noun, before its object, is the finite verb */
        else if (pv == FW_POS_COMMA && k == i - 1 && (object_start(nx) || (is_adj(nx) && i + 2 < n && is_noun(pos[i + 2]))) &&
                 after_insertion(a, k))
            pos[i] = FW_POS_VBD;
        /* "when Kyrgyz and Tajik border guards fired on each other": a participle right after the
         * noun phrase that opens a subordinate clause is that clause's finite verb */
        /* ("when several hundred men armed mostly with knives attacked three posts": a participle
         * before "with" and a verb later in the clause describes the noun) */
        else if (is_noun(pv) && k == i - 1 && i + 1 < n && !lw_is(a, i + 1, "by") && opens_clause(a, k) &&
                 !with_then_verb(a, i + 1))
            pos[i] = FW_POS_VBD;
        /* a sentence with no finite verb: the participle after its subject is one */
        else if (!any_finite && (is_noun(pv) || pv == FW_POS_PRP || (pv == FW_POS_COMMA && i > 1 && is_noun(pos[i - 2])))) {
            pos[i] = FW_POS_VBD;
            any_finite = 1;
        }
        /* "The United States condemned on Wednesday what it called ...": a participle right after
         * the noun phrase that opens the sentence, when every finite verb after it is inside a
         * clause a wh-word, "that" or a subordinator opens, is the sentence's verb ("The man
         * arrested on Monday was charged" keeps its participle) */
        else if (is_noun(pv) && k == i - 1 && i + 1 < n && !by_follows(a, i) && !with_then_verb(a, i + 1)) {
            int q = k;
            while (q >= 0 && (is_noun(pos[q]) || is_adj(pos[q]) || pos[q] == FW_POS_DT || pos[q] == FW_POS_CD ||
                              pos[q] == FW_POS_POS || pos[q] == FW_POS_PRPS))
                q--;
            int opening = q < 0, main_later = 0, sub = 0;
            for (int j = i + 1; j < n && opening && !main_later; j++) {
                if (pos[j] == FW_POS_WDT || pos[j] == FW_POS_WP || lw_is(a, j, "that") ||
                    (pos[j] == FW_POS_IN && in(a->lw[j], subordinators)))
                    sub = 1;
                if (is_finite_tag(pos[j]) && !sub && pos[j - 1] != FW_POS_CC) main_later = 1;   /* (not a conjunct) */
                if (pos[j] == FW_POS_COMMA || pos[j] == FW_POS_CC) sub = 0;
            }
            if (opening && !main_later) pos[i] = FW_POS_VBD;
        }
    }
}

/* ---- pass 2: base noun phrases and verb groups ---- */


static int add_np(struct an *a, int s, int e, int head)
{
    struct fw_syn_out *o = a->o;
    if (o->nnp >= FW_SYN_MAXNP) return -1;
    struct fw_syn_np *np = &o->np[o->nnp];
    memset(np, 0, sizeof *np);
    np->start = (int16_t)s, np->end = (int16_t)e, np->head = (int16_t)head;
    np->conj = np->appos = np->prep = -1;
    np->pronoun = o->pos[head] == FW_POS_PRP || o->pos[head] == FW_POS_EX ||
                  (o->pos[head] == FW_POS_DT && s + 1 == e);
    /* a time expression: every noun of it is a time word ("last week", "Monday") */
    int t = 1, nouns = 0;
    for (int k = s; k < e; k++)
        if (is_noun(o->pos[k]) || o->pos[k] == FW_POS_CD) {
            nouns++;
            if (!temporal(a, k) && o->pos[k] != FW_POS_CD) t = 0;
        }
    np->temporal = (uint8_t)(t && nouns && temporal(a, head));
    for (int k = s; k < e; k++) {
        o->np_of[k] = (int16_t)o->nnp;
        o->chunk[k] = FW_CHUNK_NP;
    }
    return (int)o->nnp++;
}

static int np_start_ok(const struct an *a, int i)
{
    const uint8_t *pos = a->o->pos;
    int n = (int)a->n;
    uint8_t p = pos[i];
    if (p == FW_POS_DT || p == FW_POS_PDT || p == FW_POS_PRPS || p == FW_POS_WPS || p == FW_POS_CD ||
        is_noun(p) || is_adj(p) || p == FW_POS_DOLLAR)
        return 1;
    /* "armed men", "wounded soldiers": a participle before a noun where a phrase may start */
    if (p == FW_POS_VBN && i + 1 < n && (is_noun(pos[i + 1]) || is_adj(pos[i + 1])) &&
        (i == 0 || pos[i - 1] == FW_POS_IN || pos[i - 1] == FW_POS_DT || pos[i - 1] == FW_POS_LQUOTE ||
         pos[i - 1] == FW_POS_QUOTE || (pos[i - 1] == FW_POS_CC && i > 1 && is_adj(pos[i - 2])) ||
         (is_verb(pos[i - 1]) && !aux_word(a, i - 1))))          /* "to expel exiled leaders" */
        return 1;
    /* "nearly 200 people", "very large", "at least 200" */
    if (p == FW_POS_RB && i + 1 < n && (pos[i + 1] == FW_POS_CD || is_adj(pos[i + 1])) && !in(a->lw[i], neg_words))
        return 1;
    if (p == FW_POS_RB && i + 2 < n && pos[i + 1] == FW_POS_RB && pos[i + 2] == FW_POS_CD) return 1;
    if ((p == FW_POS_RBS || p == FW_POS_RBR) && i + 1 < n && is_adj(pos[i + 1])) return 1;   /* "most major settlements" */
    if ((p == FW_POS_RBR || p == FW_POS_JJR) && lw_is(a, i + 1, "than") && i + 2 < n && pos[i + 2] == FW_POS_CD) return 1;
    return 0;
}

static void chunk_np(struct an *a)
{
    struct fw_syn_out *o = a->o;
    const uint8_t *pos = o->pos;
    int n = (int)a->n, i = 0;
    while (i < n) {
        if (pos[i] == FW_POS_PRP || (pos[i] == FW_POS_DT && (i + 1 >= n || !(is_noun(pos[i + 1]) || is_adj(pos[i + 1]) ||
                                                                          pos[i + 1] == FW_POS_CD)) &&
                                     (lw_is(a, i, "this") || lw_is(a, i, "that") || lw_is(a, i, "these") ||
                                      lw_is(a, i, "those") || lw_is(a, i, "all") || lw_is(a, i, "both")))) {
            /* a pronoun, or a demonstrative standing alone ("this was", "those who") */
            add_np(a, i, i + 1, i);
            i++;
            continue;
        }
        if (!np_start_ok(a, i)) { i++; continue; }
        int j = i, head = -1, cd = -1, adj = -1, det = 0;
        /* "more than 2,500 civilians", "fewer than ten" */
        if ((lw_is(a, i, "more") || lw_is(a, i, "less") || lw_is(a, i, "fewer")) && lw_is(a, i + 1, "than") &&
            i + 2 < n && pos[i + 2] == FW_POS_CD)
            j = i + 2;
        while (j < n) {
            uint8_t p = pos[j];
            if (is_noun(p)) {
                /* "police Monday": a day after a noun starts a phrase of its own */
                if (head >= 0 && temporal(a, j) && !temporal(a, head) && pos[j] == FW_POS_NNP) break;
                head = j++;
            } else if (p == FW_POS_CD) {
                /* "Israel 3" is no phrase; "February 2018", "June 9" are */
                if (head >= 0 && pos[j - 1] != FW_POS_POS && !temporal(a, head)) break;
                cd = j++;
            } else if (is_adj(p)) {
                if (head >= 0) break;
                adj = j++;
            } else if (p == FW_POS_DT || p == FW_POS_PDT || p == FW_POS_PRPS || p == FW_POS_WPS) {
                if (j > i && !(pos[j - 1] == FW_POS_PDT || (pos[j - 1] == FW_POS_DT && p == FW_POS_DT && lw_is(a, j - 1, "all"))))
                    break;
                det = 1;
                j++;
            } else if (p == FW_POS_POS) {
                if (head < 0 && cd < 0) break;
                head = -1, cd = -1, adj = -1;                         /* the possessed noun follows */
                j++;
            } else if ((p == FW_POS_VBN || p == FW_POS_VBG) && j > i && j + 1 < n &&
                       (is_noun(pos[j + 1]) || is_adj(pos[j + 1])) && head < 0 &&
                       (pos[j - 1] == FW_POS_DT || pos[j - 1] == FW_POS_PRPS || is_adj(pos[j - 1]) ||
                        pos[j - 1] == FW_POS_CD || pos[j - 1] == FW_POS_POS || pos[j - 1] == FW_POS_RB)) {
                j++;                                                  /* "the ruling party" */
            } else if (p == FW_POS_VBN && j == i) {
                j++;
            } else if ((p == FW_POS_RBS || p == FW_POS_RBR) && head < 0 && j + 1 < n && is_adj(pos[j + 1])) {
                j++;
            } else if (p == FW_POS_RB && head < 0 && j + 1 < n &&
                       (is_adj(pos[j + 1]) || pos[j + 1] == FW_POS_CD || (pos[j + 1] == FW_POS_RB && j + 2 < n && pos[j + 2] == FW_POS_CD) ||
                        /* "two densely populated townships": an -ly adverb of a participle before a noun */
                        (j > i && pos[j + 1] == FW_POS_VBN && j + 2 < n && (is_noun(pos[j + 2]) || is_adj(pos[j + 2])) &&
                         strlen(a->lw[j]) > 4 && !strcmp(a->lw[j] + strlen(a->lw[j]) - 2, "ly"))) &&
                       !in(a->lw[j], neg_words)) {
                j++;
            } else if (p == FW_POS_DOLLAR || p == FW_POS_HASH) {
                j++;
            } else if (p == FW_POS_CC && adj == j - 1 && head < 0 && j + 1 < n && is_adj(pos[j + 1])) {
                j++;                                                  /* "Israeli and Palestinian officials" */
            } else {
                break;
            }
        }
        if (head < 0) head = cd >= 0 ? cd : -1;
        if (head < 0 && adj >= 0 && det) head = adj;                  /* "the wounded" */
        if (head < 0 && adj >= 0 && adj == j - 1 && (a->tok[adj].flags & TOK_CAP) && j < n && !is_adj(pos[j]))
            head = adj;                                               /* a name the tagger took for an adjective */
        if (head < 0 || j <= i) { i = j > i ? j : i + 1; continue; }
        /* a trailing possessive with no possessed noun ends at the noun before it */
        add_np(a, i, j, head);
        i = j;
    }
}

struct vg {
    int start, verb, modal, neg;
    unsigned flags;
    int tense, finite;
};

/* The verb group starting at token i (a modal or verb outside any NP); returns its end. */
static int read_vg(const struct an *a, int i, struct vg *g)
{
    const uint8_t *pos = a->o->pos;
    int n = (int)a->n, j = i, last = -1;
    memset(g, 0, sizeof *g);
    g->start = i, g->modal = -1, g->neg = -1;
    while (j < n) {
        uint8_t p = pos[j];
        if (p == FW_POS_MD || is_verb(p)) {
            if (last >= 0 && !aux_word(a, last)) break;               /* "helped build": two groups */
            if (last >= 0 && a->o->np_of[j] >= 0) break;
            if (p == FW_POS_MD) {
                if (last >= 0) break;
                g->modal = j;
            }
            last = j++;
            continue;
        }
        /* adverbs, a negation, a quotation mark between an auxiliary and its verb: 'has "corrected' */
        if ((p == FW_POS_RB || in(a->lw[j], neg_words) || is_quote(p)) && last >= 0 && aux_word(a, last)) {
            int k = j;
            while (k < n && (pos[k] == FW_POS_RB || in(a->lw[k], neg_words) || is_quote(pos[k]))) k++;
            if (k < n && (is_verb(pos[k]) || pos[k] == FW_POS_MD)) {
                for (int q = j; q < k; q++)
                    if (in(a->lw[q], neg_words)) g->neg = q;
                j = k;
                continue;
            }
            /* "is not", "was never": a copula with its negation */
            for (int q = j; q < k; q++)
                if (in(a->lw[q], neg_words)) g->neg = q;
            break;
        }
        break;
    }
    if (last < 0) return i + 1;
    g->verb = last;
    /* "never fired", "not only attacked": a negation right before a simple verb */
    for (int k = i - 1; k >= 0 && k >= i - 2 && pos[k] == FW_POS_RB; k--)
        if (in(a->lw[k], neg_words)) g->neg = k;
    uint8_t f = pos[g->start];
    g->finite = is_finite_tag(f) || (f == FW_POS_VB && g->modal >= 0);
    if (g->modal >= 0) g->tense = in(a->lw[g->modal], future_modals) ? FW_TENSE_FUTURE : FW_TENSE_PRESENT;
    else if (f == FW_POS_VBD) g->tense = FW_TENSE_PAST;
    else if (f == FW_POS_VBZ || f == FW_POS_VBP) g->tense = FW_TENSE_PRESENT;
    /* voice and aspect from the auxiliaries before the lexical verb */
    for (int k = g->start; k < g->verb; k++) {
        if (pos[k] == FW_POS_RB) continue;
        if ((in(a->lw[k], be_forms) || in(a->lw[k], get_forms)) && pos[g->verb] == FW_POS_VBN) g->flags |= FW_SYN_PASSIVE;
        if (in(a->lw[k], be_forms) && pos[g->verb] == FW_POS_VBG) g->flags |= FW_SYN_PROGRESSIVE;
        if (in(a->lw[k], have_forms)) {
            int v = k + 1;
            while (v < g->verb && (pos[v] == FW_POS_RB || in(a->lw[v], neg_words) || is_quote(pos[v]))) v++;
            if (pos[v] == FW_POS_VBN) g->flags |= FW_SYN_PERFECT;
        }
    }
    if (g->verb == g->start && in(a->lw[g->verb], be_forms)) g->flags |= FW_SYN_COPULA;
    if (g->neg >= 0) g->flags |= FW_SYN_NEG;
    return g->verb + 1;
}

/* ---- pass 3: noun-phrase structure ---- */

/* A dash token ("-", "--", an en or em dash): a comma's weight in a sentence. */
static int dash(const struct an *a, int i)
{
    return i >= 0 && (size_t)i < a->n && (strcmp(a->lw[i], "-") == 0 || strcmp(a->lw[i], "--") == 0);
}

static int np_at(const struct an *a, int i) { return i >= 0 && (size_t)i < a->n ? a->o->np_of[i] : -1; }

static int finite_after(const struct an *a, int i)
{
    const uint8_t *pos = a->o->pos;
    while (i < (int)a->n && pos[i] == FW_POS_RB) i++;
    return i < (int)a->n && a->o->chunk[i] != FW_CHUNK_NP && is_finite_tag(pos[i]);
}

/* A finite verb group before token i in the sentence: "Israel struck Gaza and Hamas fired"
 * (two clauses) against "Lawmakers in Fornost and Gondor welcomed" (one subject). */
static int finite_before(const struct an *a, int i)
{
    for (int k = 0; k < i; k++) {
        int q = a->o->pred_of[k];
        if (q >= 0 && a->finite[q]) return 1;
    }
    return 0;
}

static void np_structure(struct an *a)
{
    struct fw_syn_out *o = a->o;
    const uint8_t *pos = o->pos;
    int n = (int)a->n;
    /* prepositional objects */
    for (size_t k = 0; k < o->nnp; k++) {
        int s = o->np[k].start;
        /* ("since members of the presidential guard detained him": the subject's "of" phrases
         * between it and its verb) */
        int end = o->np[k].end;
        for (int d = 0; d < 3 && end + 1 < n && lw_is(a, end, "of") && np_at(a, end + 1) >= 0 &&
                           o->np[np_at(a, end + 1)].start == end + 1;
             d++)
            end = o->np[np_at(a, end + 1)].end;
        if (s > 0 && (pos[s - 1] == FW_POS_IN || pos[s - 1] == FW_POS_TO) && !lw_is(a, s - 1, "that") &&
            !(in(a->lw[s - 1], subordinators) && finite_after(a, end) && o->pos[o->np[k].head] != FW_POS_CD &&
              !o->np[k].temporal))
            o->np[k].prep = (int16_t)(s - 1);
    }
    /* coordination: "Israel and Egypt", lists "A, B and C"; not two clauses ("X hit Y and Z fled") */
    for (size_t k = 0; k + 1 < o->nnp; k++) {
        struct fw_syn_np *x = &o->np[k], *y = &o->np[k + 1];
        int c = x->end;
        if (c >= n) continue;
        /* "A, B, and C": the serial comma before the conjunction */
        if (pos[c] == FW_POS_COMMA && c + 1 < n && pos[c + 1] == FW_POS_CC && y->start == c + 2) c++;
        if (y->start != c + 1) continue;
        int cc = pos[c] == FW_POS_CC && (lw_is(a, c, "and") || lw_is(a, c, "or") || lw_is(a, c, "nor"));
        int comma = pos[c] == FW_POS_COMMA;
        if (!cc && !comma) continue;
        if (x->temporal != y->temporal) continue;
        if (comma) {
            /* a list only if an "and"/"or" closes it: "A, B and C" */
            int e = y->end, ok = 0;
            for (size_t m = k + 2; m < o->nnp && !ok; m++) {
                struct fw_syn_np *z = &o->np[m];
                if (z->start != e + 1 && z->start != e + 2) break;
                if (pos[e] == FW_POS_CC || (pos[e] == FW_POS_COMMA && e + 1 < n && pos[e + 1] == FW_POS_CC)) ok = 1;
                else if (pos[e] != FW_POS_COMMA) break;
                e = z->end;
            }
            if (!ok) continue;
        }
        if (finite_after(a, y->end) && finite_before(a, x->start))
            continue;                                                 /* a new clause's subject */
        y->prep = x->prep;
        x->conj = (int16_t)(k + 1);
    }
    /* apposition: "Mahmoud Abbas, the Palestinian president," ; "the president, Mahmoud Abbas," ;
     * "the European Union (EU)" */
    for (size_t k = 0; k + 1 < o->nnp; k++) {
        struct fw_syn_np *x = &o->np[k], *y = &o->np[k + 1];
        if (x->end < n && pos[x->end] == FW_POS_LRB && y->start == x->end + 1 && y->end < n && pos[y->end] == FW_POS_RRB &&
            !y->pronoun) {
            x->appos = (int16_t)(k + 1);
            y->prep = -1;
            continue;
        }
        if (x->conj >= 0 || x->temporal || y->temporal || x->pronoun || y->pronoun) continue;
        int c = x->end;
        if (c >= n || !(pos[c] == FW_POS_COMMA || dash(a, c)) || y->start != c + 1) continue;
        /* a coordinated apposition only between dashes: "Two hostages — an American and an
         * Australian —" (between commas it is a list) */
        if (y->conj >= 0 && !dash(a, c)) continue;
        int e = y->end;
        for (int m = y->conj, d = 0; m >= 0 && d < FW_SYN_MAXNP; d++, m = o->np[m].conj)
            if (o->np[m].end > e) e = o->np[m].end;
        /* the apposition may carry its own prepositional phrases: "a man from Leeds," */
        for (size_t m = k + 2; m < o->nnp && e + 1 < n && pos[e] == FW_POS_IN && o->np[m].start == e + 1; m++)
            e = o->np[m].end;
        if (!(e >= n || pos[e] == FW_POS_COMMA || pos[e] == FW_POS_PERIOD || pos[e] == FW_POS_COLON ||
              pos[e] == FW_POS_RRB))
            continue;
        /* "Two hostages — an American and an Australian — who": dashes pair like commas */
        y->end = (int16_t)e;
        /* either side named, or the second a determined description ("the suspect, a man from
         * Leeds,"): two bare nouns between commas are more often a list */
        if (!(pos[x->head] == FW_POS_NNP || pos[x->head] == FW_POS_NNPS || pos[y->head] == FW_POS_NNP ||
              pos[y->head] == FW_POS_NNPS || pos[y->head] == FW_POS_CD || pos[y->start] == FW_POS_DT))
            continue;
        x->appos = (int16_t)(k + 1);
        y->prep = -1;
    }
}

/* The widest extent of NP k: "of" attachments, its apposition, and their own. */
static int np_extent(const struct an *a, int k, int depth)
{
    const struct fw_syn_out *o = a->o;
    int e = o->np[k].end;
    if (depth > 8) return e;
    for (int m = o->np[k].appos, d = 0; m >= 0 && d < FW_SYN_MAXNP; d++, m = o->np[m].conj) {
        int ae = np_extent(a, m, depth + 1);                        /* the apposition and its conjuncts */
        if (ae > e) e = ae;
    }
    if (e + 1 < (int)a->n && lw_is(a, e, "of")) {
        int y = np_at(a, e + 1);
        if (y >= 0 && o->np[y].start == e + 1) {
            int ye = np_extent(a, y, depth + 1);
            if (ye > e) e = ye;
        }
    }
    return e;
}

static void widen_nps(struct an *a)
{
    struct fw_syn_out *o = a->o;
    int16_t ext[FW_SYN_MAXNP];
    for (size_t k = 0; k < o->nnp; k++) ext[k] = (int16_t)np_extent(a, (int)k, 0);
    for (size_t k = 0; k < o->nnp; k++) o->np[k].end = ext[k];
}

/* ---- pass 4: predicates ---- */

static int is_rel_pronoun(const struct an *a, int i)
{
    uint8_t p = a->o->pos[i];
    return (p == FW_POS_WDT || p == FW_POS_WP) && !lw_is(a, i, "what");
}

/* NP whose (widened) extent ends right before token i, one comma between allowed: an
 * antecedent. The outermost one: "the leader of Hamas who ..." names the leader. */
static int np_ending_before(const struct an *a, int i)
{
    if (i > 0 && (a->o->pos[i - 1] == FW_POS_COMMA || dash(a, i - 1))) i--;
    for (size_t k = 0; k < a->o->nnp; k++)
        if (a->o->np[k].end == i) return (int)k;
    return -1;
}

/* The first conjunct of a coordination NP k belongs to. */
static int conj_first(const struct an *a, int k)
{
    for (int d = 0; d < FW_SYN_MAXNP; d++) {
        int prev = -1;
        for (size_t j = 0; j < a->o->nnp; j++)
            if (a->o->np[j].conj == k) prev = (int)j;
        if (prev < 0) return k;
        k = prev;
    }
    return k;
}

/* The outermost NP whose extent holds token i, -1. */
static int np_outer(const struct an *a, int i)
{
    for (size_t k = 0; k < a->o->nnp; k++)
        if (a->o->np[k].start <= i && i < a->o->np[k].end) return (int)k;
    return -1;
}

static int pred_by_token(const struct an *a, int i)
{
    return i >= 0 && (size_t)i < a->n ? a->o->pred_of[i] : -1;
}

static void use_np(struct an *a, int k)
{
    for (int d = 0; k >= 0 && d < FW_SYN_MAXNP; d++, k = a->o->np[k].conj) a->used[k] = 1;
}

/* Objects and prepositional complements of predicate pi, right of its verb group. */
static void right_args(struct an *a, int pi)
{
    struct fw_syn_out *o = a->o;
    struct fw_syn_pred *p = &o->pred[pi];
    const uint8_t *pos = o->pos;
    int n = (int)a->n, j = a->vg_end[pi] + 1;
    int passive = (p->flags & FW_SYN_PASSIVE) != 0;
    while (j < n && ((pos[j] == FW_POS_RB || pos[j] == FW_POS_RP) && o->chunk[j] != FW_CHUNK_NP)) j++;
    /* a particle tagged as a preposition: "carried out an attack", "cordoned off the roads" */
    if (j + 1 < n && pos[j] == FW_POS_IN && in(a->lw[j], particles) && np_at(a, j + 1) >= 0 &&
        o->np[np_at(a, j + 1)].start == j + 1 && !o->np[np_at(a, j + 1)].temporal) {
        o->np[np_at(a, j + 1)].prep = -1;
        for (int c = o->np[np_at(a, j + 1)].conj, d = 0; c >= 0 && d < FW_SYN_MAXNP; d++, c = o->np[c].conj)
            o->np[c].prep = -1;
        j++;
    }
    /* direct (and indirect) object */
    for (int round = 0; round < 2 && j < n; round++) {
        int k = np_at(a, j);
        if (k < 0 || o->np[k].start != j || o->np[k].prep >= 0 || o->np[k].temporal) break;
        int e = o->np[k].end;
        for (int c = k, d = 0; c >= 0 && d < FW_SYN_MAXNP; d++, c = o->np[c].conj)
            if (o->np[c].end > e) e = o->np[c].end;
        /* "said police arrested him": the phrase is the subject of a complement clause; not in
         * a relative or participial clause, where the finite verb is the main clause's ("the
         * group that attacked the embassy fled") */
        int clausal = p->type == FW_CL_MAIN || p->type == FW_CL_CCOMP || verb_in(a, p->verb, reporting);
        int fe = e < n && pos[e] == FW_POS_COMMA && o->np[k].appos >= 0 ? e + 1 : e;
        if (clausal && finite_after(a, fe)) {
            if (!(p->flags & FW_SYN_COPULA)) a->comp_subj[pi] = (int16_t)k;
            break;
        }
        if (round == 1) {
            p->iobj = p->obj;
            p->obj = (int16_t)k;
        } else {
            p->obj = (int16_t)k;
        }
        use_np(a, k);
        j = e;
        while (j < n && (pos[j] == FW_POS_RP || (pos[j] == FW_POS_RB && o->chunk[j] != FW_CHUNK_NP))) j++;
    }
    /* prepositional complements, a complementizer */
    while (j < n) {
        uint8_t t = pos[j];
        if (t == FW_POS_RB || t == FW_POS_RP) { j++; continue; }
        /* a particle the tagger took for a preposition: "carried out by" */
        if (t == FW_POS_IN && in(a->lw[j], particles) && j + 1 < n && np_at(a, j + 1) < 0) { j++; continue; }
        if ((t == FW_POS_IN || t == FW_POS_TO) && !lw_is(a, j, "that")) {
            if (in(a->lw[j], subordinators) && !lw_is(a, j, "as") && finite_after(a, j + 1 < n && np_at(a, j + 1) >= 0 ? o->np[np_at(a, j + 1)].end : j + 1)) break;
            if (lw_is(a, j, "whether") || (lw_is(a, j, "if") && j == a->vg_end[pi] + 1)) {
                a->comp_mark[pi] = (int16_t)j;
                break;
            }
            int k = np_at(a, j + 1);
            if (k < 0 || o->np[k].start != j + 1) break;             /* "to" + verb, or a gerund */
            if (passive && lw_is(a, j, "by") && p->agent < 0) {
                p->agent = (int16_t)k;
            } else if (p->npp < FW_SYN_MAXPP) {
                p->pp[p->npp].prep = (int16_t)j;
                p->pp[p->npp].np = (int16_t)k;
                p->npp++;
            }
            use_np(a, k);
            int e = o->np[k].end;
            for (int c = k, d = 0; c >= 0 && d < FW_SYN_MAXNP; d++, c = o->np[c].conj)
                if (o->np[c].end > e) e = o->np[c].end;
            j = e;
            continue;
        }
        if (lw_is(a, j, "that") && (t == FW_POS_IN || t == FW_POS_WDT || t == FW_POS_DT)) {
            a->comp_mark[pi] = (int16_t)j;
            break;
        }
        if (np_at(a, j) >= 0 && o->np[np_at(a, j)].temporal) { j = o->np[np_at(a, j)].end; continue; }
        /* "said on Monday it would send troops": after a verb of saying and its adjuncts, a
         * noun phrase with a finite verb after it opens the clause said */
        int k = np_at(a, j);
        if (k >= 0 && o->np[k].start == j && o->np[k].prep < 0 && p->obj < 0 && a->comp_subj[pi] < 0 &&
            verb_in(a, p->verb, reporting) && !(p->flags & FW_SYN_COPULA) && j > a->vg_end[pi] + 1 &&
            finite_after(a, o->np[k].end))
            a->comp_subj[pi] = (int16_t)k;
        break;
    }
}

static void set_subj_from(struct fw_syn_pred *p, const struct fw_syn_pred *from, int use_obj)
{
    int16_t s = use_obj && from->obj >= 0 ? from->obj : from->subj;
    if (use_obj && from->obj < 0 && (from->flags & FW_SYN_PASSIVE)) s = from->subj;
    p->subj = s;
    p->flags |= FW_SYN_SUBJ_SHARED;
}

/* The nearest earlier predicate whose verb group ends before token i, -1. */
static int pred_before(const struct an *a, int pi, int i)
{
    for (int q = pi - 1; q >= 0; q--)
        if (a->vg_end[q] < i) return q;
    return -1;
}

/* Whether NP k is an argument (subject, object, agent, prepositional complement) of pred g. */
static int has_arg(const struct fw_syn_pred *g, int k)
{
    if (k < 0) return 0;
    int hit = g->subj == k || g->obj == k || g->agent == k || g->iobj == k;
    for (int m = 0; m < g->npp; m++) hit |= g->pp[m].np == k;
    return hit;
}

/* The nearest predicate before pi that has NP k as an argument, -1. */
static int pred_with_arg(const struct fw_syn_out *o, int pi, int k)
{
    for (int g = pi - 1; g >= 0; g--)
        if (has_arg(&o->pred[g], k)) return g;
    return -1;
}

/* Makes q govern p unless p already governs q, directly or not: governors stay a forest
 * (the factuality gate walks up them). */
static int set_gov(struct fw_syn_out *o, int p, int q)
{
    for (int g = q, steps = 0; g >= 0 && steps <= (int)o->npred; g = o->pred[g].gov, steps++)
        if (g == p) return 0;
    o->pred[p].gov = (int16_t)q;
    o->pred[p].gov_tok = o->pred[q].verb;
    return 1;
}

/* The nearest earlier finite predicate whose verb group ends before token i, -1. */
static int finite_pred_before(const struct an *a, int pi, int i)
{
    for (int c = pi - 1; c >= 0; c--)
        if (a->vg_end[c] < i && a->finite[c]) return c;
    return -1;
}

/* Predicate pi is coordinated with q (the conjunction at token cc): same clause, same subject. */
static void join_conj(struct an *a, int pi, int q, int cc)
{
    struct fw_syn_pred *p = &a->o->pred[pi];
    const struct fw_syn_pred *g = &a->o->pred[q];
    p->conj = (int16_t)q;
    p->type = g->type;
    p->gov = g->gov;
    p->gov_tok = g->gov_tok;
    p->mark = g->mark;
    p->subj = g->subj;
    p->flags |= FW_SYN_SUBJ_SHARED | (g->flags & FW_SYN_COND);
    a->cstart[pi] = (int16_t)cc;
}

static void analyse_pred(struct an *a, int pi)
{
    struct fw_syn_out *o = a->o;
    struct fw_syn_pred *p = &o->pred[pi];
    const uint8_t *pos = o->pos;
    int vs = p->vg_start;
    int before = vs - 1;
    while (before >= 0 && pos[before] == FW_POS_RB && o->chunk[before] != FW_CHUNK_NP) before--;
    a->cstart[pi] = (int16_t)vs;
    /* "Hamas, which controls Gaza, fired rockets": a participle form after the comma that
     * closes a subject's relative clause or apposition, with an object and no main verb
     * before it, is the main verb */
    /* ("President Aoun, meeting a delegation in Baabda on Monday, called on protesters to ...":
     * after a participle phrase set off by commas, a preposition may follow as well) */
    int set_off = 0;
    for (int q = 0; q < pi && !set_off; q++) {
        const struct fw_syn_pred *g = &o->pred[q];
        set_off = g->type == FW_CL_PARTCL && (g->flags & FW_SYN_GERUND) && g->vg_start > 0 &&
                  pos[g->vg_start - 1] == FW_POS_COMMA && g->subj >= 0 && o->np[g->subj].end == g->vg_start - 1;
    }
    if (!a->finite[pi] && pos[vs] == FW_POS_VBN && vs == p->verb && vs > 0 && pos[vs - 1] == FW_POS_COMMA &&
        vs + 1 < (int)a->n &&
        ((np_at(a, vs + 1) >= 0 && o->np[np_at(a, vs + 1)].start == vs + 1 && o->np[np_at(a, vs + 1)].prep < 0 &&
          !o->np[np_at(a, vs + 1)].temporal) ||
         (set_off && (pos[vs + 1] == FW_POS_IN || pos[vs + 1] == FW_POS_RP || pos[vs + 1] == FW_POS_TO)))) {
        int main_before = 0;
        for (int q = 0; q < pi; q++) main_before |= a->finite[q] && o->pred[q].type == FW_CL_MAIN;
        if (!main_before) {
            o->pos[vs] = FW_POS_VBD;
            a->finite[pi] = 1;
            p->flags &= (uint16_t)~FW_SYN_PASSIVE;
            p->tense = FW_TENSE_PAST;
        }
    }
    /* the verb right after "which it said": its subject is the relative's antecedent */
    if (pi > 0 && a->comp_subj[pi - 1] >= 0 && vs == a->vg_end[pi - 1] + 1 && o->pred[pi - 1].type == FW_CL_RELCL) {
        if (pos[vs] == FW_POS_VBN && vs == p->verb) {
            o->pos[vs] = FW_POS_VBD;
            p->flags &= (uint16_t)~FW_SYN_PASSIVE;
            p->tense = FW_TENSE_PAST;
        }
        a->finite[pi] = 1;
        p->type = FW_CL_CCOMP;
        p->subj = a->comp_subj[pi - 1];
        p->flags |= FW_SYN_SUBJ_SHARED;
        set_gov(o, pi, pi - 1);
        return;
    }
    /* 'has corrected an injustice and lined up with': a participle after "and" shares the
     * auxiliaries, subject and clause of the verb group before it */
    if (!a->finite[pi] && (pos[vs] == FW_POS_VBN || pos[vs] == FW_POS_VBG) && before >= 0 && pos[before] == FW_POS_CC &&
        !lw_is(a, before, "nor")) {
        int q = finite_pred_before(a, pi, before);
        if (q >= 0 && o->pred[q].vg_start < o->pred[q].verb && pos[o->pred[q].verb] == pos[vs]) {
            const struct fw_syn_pred *g = &o->pred[q];
            a->finite[pi] = 1;
            p->modal = g->modal;
            p->tense = g->tense;
            p->flags = (uint16_t)((p->flags & ~FW_SYN_PASSIVE) |
                                  (g->flags & (FW_SYN_PASSIVE | FW_SYN_PERFECT | FW_SYN_PROGRESSIVE | FW_SYN_NEG)));
            join_conj(a, pi, q, before);
            return;
        }
    }
    /* non-finite groups: infinitive, gerund after a preposition, participles */
    if (!a->finite[pi]) {
        uint8_t vt = pos[vs];
        if (before >= 0 && pos[before] == FW_POS_TO) {
            p->flags |= FW_SYN_INF;
            p->type = FW_CL_XCOMP;
            p->mark = (int16_t)before;
            a->cstart[pi] = (int16_t)before;
            int q = pred_before(a, pi, before);
            int nb = np_at(a, before - 1);
            if (q >= 0) {
                p->gov = (int16_t)q;
                p->gov_tok = o->pred[q].verb;
                const struct fw_syn_pred *g = &o->pred[q];
                int objc = g->obj >= 0 && nb >= 0 && (nb == g->obj || np_outer(a, before - 1) == g->obj);
                if (objc && verb_in(a, g->verb, object_control)) {
                    set_subj_from(p, g, 1);                          /* "urged Iran to release" */
                } else {
                    if (objc || (nb >= 0 && nb != g->subj && a->used[nb])) p->gov_tok = o->np[nb].head;  /* "a plan to" */
                    set_subj_from(p, g, 0);
                }
                if (lw_is(a, g->verb, "going") && (g->flags & FW_SYN_PROGRESSIVE)) p->tense = FW_TENSE_FUTURE;
            } else if (nb >= 0) {
                p->gov_tok = o->np[nb].head;
            }
            return;
        }
        if (before >= 0 && pos[before] == FW_POS_IN && vt == FW_POS_VBG) {
            p->flags |= FW_SYN_GERUND;
            p->mark = (int16_t)before;
            a->cstart[pi] = (int16_t)before;
            int q = pred_before(a, pi, before);
            int adverbial = in(a->lw[before], subordinators) || lw_is(a, before, "by") || lw_is(a, before, "without") ||
                            lw_is(a, before, "despite");
            p->type = adverbial ? FW_CL_ADVCL : FW_CL_XCOMP;
            if (q >= 0) {
                p->gov = (int16_t)q;
                p->gov_tok = o->pred[q].verb;
                /* "accused Y of attacking": the object acts, for verbs that take a person and
                 * a reason; otherwise the subject ("claimed responsibility for shooting") */
                set_subj_from(p, &o->pred[q], !adverbial && verb_in(a, o->pred[q].verb, gerund_control));
            }
            return;
        }
        /* "..., burning tyres and blocking roads": a gerund after "and" or "or" that follows
         * another gerund clause is its conjunct, of the same subject */
        if (vt == FW_POS_VBG && before >= 0 && pos[before] == FW_POS_CC && (lw_is(a, before, "and") || lw_is(a, before, "or"))) {
            int q = pred_before(a, pi, before);
            if (q >= 0 && pos[o->pred[q].verb] == FW_POS_VBG && (o->pred[q].flags & FW_SYN_GERUND) &&
                o->pred[q].type != FW_CL_MAIN) {
                p->type = o->pred[q].type;
                p->flags |= FW_SYN_GERUND;
                p->gov = o->pred[q].gov;
                p->gov_tok = o->pred[q].gov_tok;
                p->conj = (int16_t)q;
                p->mark = o->pred[q].mark;
                set_subj_from(p, &o->pred[q], 0);
                if (!(o->pred[q].flags & FW_SYN_SUBJ_SHARED)) p->flags &= ~FW_SYN_SUBJ_SHARED;
                return;
            }
        }
        /* a participle: after its noun ("a bomb planted by", "gunmen firing on"), or opening
         * the sentence ("Speaking in Cairo, ..."), or after a verb ("began shelling") */
        p->type = FW_CL_PARTCL;
        if (vt == FW_POS_VBN) p->flags |= FW_SYN_PASSIVE;
        if (vt == FW_POS_VBG) p->flags |= FW_SYN_GERUND;
        int k = np_ending_before(a, vs);
        if (before >= 0 && pos[before] == FW_POS_IN && in(a->lw[before], subordinators)) {
            p->type = FW_CL_ADVCL;                                  /* "after meeting", "while visiting" */
            p->mark = (int16_t)before;
            a->cstart[pi] = (int16_t)before;
            int q = pred_before(a, pi, before);
            if (q >= 0) {                                           /* else leading: pass 5 */
                p->gov = (int16_t)q;
                p->gov_tok = o->pred[q].verb;
                set_subj_from(p, &o->pred[q], 0);
            }
            return;
        }
        int after_comma = vs > 0 && pos[vs - 1] == FW_POS_COMMA;
        /* "the territories, seen as ...": a past participle after a comma still describes the
         * noun before it, unless that is a time ("in 2018, followed by ...") */
        int describes = vt == FW_POS_VBN && k >= 0 && !o->np[k].temporal;
        if (after_comma && !describes && (k < 0 || a->used[k] || o->np[k].prep >= 0)) {
            /* "Jets struck Gaza, killing 12": after a comma and an object, the participle
             * says more of the clause before, whose subject it shares */
            int q = pred_before(a, pi, vs);
            if (q >= 0) {
                p->gov = (int16_t)q;
                p->gov_tok = o->pred[q].verb;
                set_subj_from(p, &o->pred[q], 0);
                return;
            }
        }
        if (k >= 0 && (o->np[k].end == vs || (o->np[k].end == vs - 1 && after_comma))) {
            p->subj = (int16_t)k;
            p->gov_tok = o->np[k].head;
            int q = pred_by_token(a, o->np[k].start);
            p->gov = (int16_t)(q >= 0 ? q : pred_with_arg(o, pi, k));
            return;
        }
        int q = pred_before(a, pi, vs);
        if (q >= 0 && a->vg_end[q] == before && vt == FW_POS_VBG) {  /* "began shelling" */
            p->type = FW_CL_XCOMP;
            p->gov = (int16_t)q;
            p->gov_tok = o->pred[q].verb;
            set_subj_from(p, &o->pred[q], 0);
        }
        return;                                                     /* sentence-initial: pass 5 */
    }
    /* finite: the subject to the left */
    int i = before, conj_cc = -1, crossed = 0;
    while (i >= 0) {
        uint8_t t = pos[i];
        if ((t == FW_POS_COLON && !dash(a, i)) || t == FW_POS_PERIOD) break;
        int k = np_outer(a, i);
        if (k >= 0) {
            k = conj_first(a, k);
            /* ("men armed with knives and slingshots attacked": a noun joined by "and" to the object
             * of a participle's preposition is that object's conjunct, no subject; "troops clashed
             * with protesters and police arrested ..." opens a clause) */
            int pp_conjunct = 0;
            if (o->np[k].start >= 2 && pos[o->np[k].start - 1] == FW_POS_CC) {
                int b = np_outer(a, o->np[k].start - 2);
                if (b >= 0 && b != k && o->np[b].end == o->np[k].start - 1 && o->np[b].prep >= 0)
                    for (int q = 0; q < pi && !pp_conjunct; q++)
                        for (int r = 0; r < o->pred[q].npp; r++)
                            if (o->pred[q].pp[r].np == b && o->pred[q].type == FW_CL_PARTCL &&
                                pos[o->pred[q].verb] == FW_POS_VBN)
                                pp_conjunct = 1;
            }
            if (!a->used[k] && o->np[k].prep < 0 && !o->np[k].temporal && pred_by_token(a, i) < 0 && !pp_conjunct) {
                p->subj = (int16_t)k;
                break;
            }
            /* "said Tajik forces, using tanks and drones, attacked outposts": past a gerund
             * clause set off by commas, the phrase a verb of saying took as its object is this
             * verb's subject, the clause said */
            if (crossed && a->used[k] && o->np[k].end == i + 1 && i + 1 < vs && pos[i + 1] == FW_POS_COMMA) {
                int q2 = -1;
                for (int q = 0; q < pi; q++)
                    if (o->pred[q].obj == k && verb_in(a, o->pred[q].verb, reporting)) q2 = q;
                if (q2 >= 0) {
                    o->pred[q2].obj = -1;
                    a->comp_subj[q2] = (int16_t)k;
                    p->subj = (int16_t)k;
                    break;
                }
            }
            i = o->np[k].start - 1;
            continue;
        }
        int q = pred_by_token(a, i);
        if (q >= 0) {
            const struct fw_syn_pred *g = &o->pred[q];
            /* an embedded clause between subject and verb: its marker is where to go on */
            if (g->type == FW_CL_RELCL || g->type == FW_CL_PARTCL || g->type == FW_CL_XCOMP ||
                (g->type == FW_CL_ADVCL && g->mark >= 0)) {
                crossed = g->type == FW_CL_PARTCL && (g->flags & FW_SYN_GERUND) && a->cstart[q] > 0 &&
                          pos[a->cstart[q] - 1] == FW_POS_COMMA;
                i = a->cstart[q] - 1;
                continue;
            }
            /* a parenthetical ", officials said," between subject and verb */
            if (g->obj < 0 && a->comp_subj[q] < 0 && a->cstart[q] > 0 && pos[a->cstart[q] - 1] == FW_POS_COMMA &&
                a->vg_end[q] + 1 < vs && pos[a->vg_end[q] + 1] == FW_POS_COMMA && verb_in(a, g->verb, reporting)) {
                p->gov = (int16_t)q;
                p->gov_tok = g->verb;
                p->type = FW_CL_CCOMP;
                i = a->cstart[q] - 2;
                continue;
            }
            if (conj_cc >= 0 && a->vg_end[q] < conj_cc) break;
            break;
        }
        if (is_rel_pronoun(a, i) && np_ending_before(a, i) < 0) {
            p->mark = (int16_t)i;                                   /* "Who attacked the convoy?" */
            break;
        }
        if (is_rel_pronoun(a, i)) {
            int ante = np_ending_before(a, i);
            p->type = FW_CL_RELCL;
            p->mark = (int16_t)i;
            a->cstart[pi] = (int16_t)i;
            if (ante >= 0) {
                int ao = np_outer(a, o->np[ante].start);
                if (ao < 0) ao = ante;
                p->subj = (int16_t)ao;
                p->gov_tok = o->np[ao].head;
                p->flags |= FW_SYN_SUBJ_SHARED;
                p->gov = (int16_t)pred_with_arg(o, pi, ao);
            }
            return;
        }
        if (t == FW_POS_CC && (lw_is(a, i, "and") || lw_is(a, i, "but") || lw_is(a, i, "or"))) {
            /* the conjunct is the nearest finite predicate before: "accused Russia of shelling
             * areas and called for sanctions" joins "accused", not "shelling" */
            int q2 = finite_pred_before(a, pi, i);
            if (q2 < 0) q2 = pred_before(a, pi, i);
            if (q2 < 0) { i--; continue; }                         /* "King and Weeks were": not two verbs */
            /* "said that the contract has confused employees, and demanded an extension": after a
             * comma, a bare past joins the clause above that is a bare past too (coordination
             * pairs like forms), not a perfect or present inside it ("said rebels attacked the
             * town, and burned houses" keeps "attacked") */
            if (i > 0 && pos[i - 1] == FW_POS_COMMA && pos[p->verb] == FW_POS_VBD && p->vg_start == p->verb) {
                int hops = 0;
                for (int c = q2; c >= 0 && hops < FW_SYN_MAXPRED; hops++) {
                    const struct fw_syn_pred *cp = &o->pred[c];
                    if (pos[cp->verb] == FW_POS_VBD && cp->vg_start == cp->verb) { q2 = c; break; }
                    c = cp->gov;
                }
            }
            join_conj(a, pi, q2, i);
            return;
        }
        if (lw_is(a, i, "that") && t == FW_POS_IN) break;
        i--;
    }
    if (p->subj < 0 && p->vg_start == p->verb && pos[p->verb] == FW_POS_VBD && vs > 0 &&
        !in(a->lw[p->verb], be_forms)) {
        /* a bare past form right after a phrase that is already an object or in a PP, with no
         * subject of its own: a participle ("a trip aimed at", "a region controlled by"); "were"
         * never is one ("Among the dead were seven people": its subject follows it) */
        /* ("since members of the presidential guard detained him": a form with an object pronoun
         * after it is a past tense, its clause opened by "since", which is no preposition then) */
        static const char *const obj_pronouns[] = {"him", "them", "us", "me", NULL};
        int k = np_ending_before(a, vs);
        if (k >= 0 && o->np[k].end == vs && (a->used[k] || o->np[k].prep >= 0) &&
            !(p->verb + 1 < (int)a->n && in(a->lw[p->verb + 1], obj_pronouns))) {
            o->pos[p->verb] = FW_POS_VBN;
            a->finite[pi] = 0;
            p->type = FW_CL_PARTCL;
            p->flags |= FW_SYN_PASSIVE;
            p->tense = FW_TENSE_NONE;
            p->subj = (int16_t)k;
            p->gov_tok = o->np[k].head;
            p->gov = (int16_t)pred_with_arg(o, pi, k);
            return;
        }
    }
    if (p->subj >= 0) {
        int s = o->np[p->subj].start;
        a->cstart[pi] = (int16_t)s;
        int m = s - 1;
        while (m >= 0 && (pos[m] == FW_POS_RB || pos[m] == FW_POS_COMMA) && m > s - 3) m--;
        if (m >= 0 && is_rel_pronoun(a, m)) {
            /* "the man whom police arrested": the antecedent is the object; "the helicopter,
             * which it said crashed": a verb of saying hands it on as the next verb's subject */
            int ante = np_ending_before(a, m);
            p->type = FW_CL_RELCL;
            p->mark = (int16_t)m;
            a->cstart[pi] = (int16_t)m;
            int next = a->vg_end[pi] + 1;
            if (ante >= 0 && verb_in(a, p->verb, reporting) && next < (int)a->n && is_verb(pos[next]) &&
                pred_by_token(a, next) == pi + 1) {
                a->comp_subj[pi] = (int16_t)ante;
                p->gov = (int16_t)pred_with_arg(o, pi, ante);
                p->gov_tok = o->np[ante].head;
                return;
            }
            if (ante >= 0 && p->obj < 0) p->obj = (int16_t)ante, p->gov_tok = o->np[ante].head;
            return;
        }
        if (m >= 0 && lw_is(a, m, "that")) {
            p->type = FW_CL_CCOMP;
            p->mark = (int16_t)m;
            a->cstart[pi] = (int16_t)m;
            for (int q = pi - 1; q >= 0; q--)
                if (a->comp_mark[q] == m) { p->gov = (int16_t)q, p->gov_tok = o->pred[q].verb; return; }
            int k = np_at(a, m - 1);
            if (k >= 0) {
                p->gov_tok = o->np[k].head;                          /* "reports that ..." */
                for (int q = pi - 1; q >= 0 && p->gov < 0; q--)
                    if (o->pred[q].obj == np_outer(a, m - 1) || o->pred[q].subj == np_outer(a, m - 1)) p->gov = (int16_t)q;
                /* "the deal that Israel signed": a relative clause with its object gap */
                if (p->obj < 0 && a->vg_end[pi] + 1 < (int)a->n && np_at(a, a->vg_end[pi] + 1) < 0 &&
                    !(p->flags & FW_SYN_PASSIVE) && !(p->flags & FW_SYN_COPULA)) {
                    int after = a->vg_end[pi] + 1;
                    uint8_t t2 = pos[after];
                    if (t2 == FW_POS_COMMA || t2 == FW_POS_PERIOD || t2 == FW_POS_IN || t2 == FW_POS_TO || is_verb(t2)) {
                        p->type = FW_CL_RELCL;
                        p->obj = (int16_t)np_outer(a, m - 1);
                    }
                }
            }
            return;
        }
        if (m >= 0 && (pos[m] == FW_POS_IN || pos[m] == FW_POS_WRB) && (in(a->lw[m], subordinators) || pos[m] == FW_POS_WRB)) {
            p->type = FW_CL_ADVCL;
            p->mark = (int16_t)m;
            a->cstart[pi] = (int16_t)m;
            if (lw_is(a, m, "if") || lw_is(a, m, "unless") || lw_is(a, m, "whether")) p->flags |= FW_SYN_COND;
            int q = pred_before(a, pi, m);
            /* "X stressed that ..., while Y condemned Z": a contrast after a comma sets its clause
             * beside the sentence's main one, not inside the clause just before it */
            if ((lw_is(a, m, "while") || lw_is(a, m, "whereas")) && m > 0 && pos[m - 1] == FW_POS_COMMA)
                for (int hops = 0; q >= 0 && o->pred[q].gov >= 0 && hops < FW_SYN_MAXPRED; hops++) q = o->pred[q].gov;
            if (q >= 0) {
                if (a->comp_mark[q] == m || (lw_is(a, m, "whether") && a->vg_end[q] < m)) {
                    p->type = FW_CL_CCOMP;                            /* "asked whether" */
                }
                p->gov = (int16_t)q;
                p->gov_tok = o->pred[q].verb;
            }
            return;                                                  /* a leading one: pass 5 finds its governor */
        }
        for (int q = pi - 1; q >= 0; q--)
            if (a->comp_subj[q] == p->subj) {
                if (!verb_in(a, o->pred[q].verb, reporting) && p->vg_start == p->verb && pos[p->verb] == FW_POS_VBD &&
                    by_follows(a, p->verb)) {
                    /* "condemned the policy announced on Monday by X": after a verb that takes no
                     * clause, a bare past form with a "by" agent is a participle on the object */
                    int k = p->subj;
                    o->pos[p->verb] = FW_POS_VBN;
                    a->finite[pi] = 0;
                    p->type = FW_CL_PARTCL;
                    p->flags |= FW_SYN_PASSIVE;
                    p->tense = FW_TENSE_NONE;
                    p->gov_tok = o->np[k].head;
                    p->gov = (int16_t)q;
                    return;
                }
                p->type = FW_CL_CCOMP;                                /* "said police arrested him" */
                p->gov = (int16_t)q;
                p->gov_tok = o->pred[q].verb;
                return;
            }
    }
}

/* Yes/no questions and inverted auxiliaries: "Did Israel attack Gaza?" -> one group. */
static int merge_inverted(const struct an *a, int i, struct vg *g)
{
    const uint8_t *pos = a->o->pos;
    int n = (int)a->n;
    if (g->verb != g->start || !aux_word(a, g->verb)) return 0;
    int k = np_at(a, g->verb + 1);
    if (k < 0 || a->o->np[k].start != g->verb + 1) return 0;
    int e = a->o->np[k].end;
    while (e < n && pos[e] == FW_POS_RB) e++;
    if (e >= n || a->o->chunk[e] == FW_CHUNK_NP || !(pos[e] == FW_POS_VB || pos[e] == FW_POS_VBN || pos[e] == FW_POS_VBG))
        return 0;
    /* only at a question's start or after a wh-word */
    if (!(i == 0 || pos[i - 1] == FW_POS_WRB || pos[i - 1] == FW_POS_WP || pos[i - 1] == FW_POS_LQUOTE ||
          pos[i - 1] == FW_POS_QUOTE))
        return 0;
    return e;
}

void fw_syn_analyse(const struct fw_syn_model *m, const char *text, const struct fw_tok *tok, size_t n,
                    struct fw_syn_out *out)
{
    if (n > FW_SYN_MAXTOK) n = FW_SYN_MAXTOK;
    out->n = n;
    out->nnp = out->npred = 0;
    fw_tag(m, text, tok, n, out->pos);
    struct an an_, *a = &an_;
    a->m = m, a->tok = tok, a->n = n, a->o = out;
    memset(a->used, 0, sizeof a->used);
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        for (; k < LW - 1 && tok[i].up[k]; k++) {
            char c = tok[i].up[k];
            a->lw[i][k] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }
        a->lw[i][k] = 0;
        out->chunk[i] = FW_CHUNK_O;
        out->np_of[i] = -1;
        out->pred_of[i] = -1;
    }
    fix_tags(a);
    chunk_np(a);
    /* verb groups, in order */
    int qmark = n > 0 && (strcmp(a->lw[n - 1], "?") == 0 || (n > 1 && strcmp(a->lw[n - 2], "?") == 0));
    for (int i = 0; i < (int)n;) {
        uint8_t t = out->pos[i];
        if (out->chunk[i] == FW_CHUNK_NP) { i++; continue; }    /* a phrase's own adverbs stay in it */
        if (!(t == FW_POS_MD || is_verb(t))) {
            if (t == FW_POS_IN || t == FW_POS_TO) out->chunk[i] = FW_CHUNK_PP;
            else if (t == FW_POS_RB || t == FW_POS_WRB) out->chunk[i] = FW_CHUNK_ADVP;
            else if (is_adj(t)) out->chunk[i] = FW_CHUNK_ADJP;
            else if (t == FW_POS_WDT || t == FW_POS_WP) out->chunk[i] = FW_CHUNK_SBAR;
            i++;
            continue;
        }
        struct vg g;
        int e = read_vg(a, i, &g);
        if (out->npred >= FW_SYN_MAXPRED) break;
        int inv = merge_inverted(a, i, &g), inv_np = -1;
        if (inv) {
            struct vg g2;
            inv_np = np_at(a, g.verb + 1);
            e = read_vg(a, inv, &g2);
            g2.start = g.start;
            g2.modal = g.modal;
            if (g.neg >= 0) g2.neg = g.neg;
            g2.finite = 1;
            if (in(a->lw[g.start], be_forms) && out->pos[g2.verb] == FW_POS_VBN) g2.flags |= FW_SYN_PASSIVE;
            if (g2.neg >= 0) g2.flags |= FW_SYN_NEG;
            g2.tense = out->pos[g.start] == FW_POS_VBD ? FW_TENSE_PAST : g.modal >= 0 && in(a->lw[g.modal], future_modals) ? FW_TENSE_FUTURE : FW_TENSE_PRESENT;
            g = g2;
        }
        int pi = (int)out->npred++;
        struct fw_syn_pred *p = &out->pred[pi];
        memset(p, 0, sizeof *p);
        p->verb = (int16_t)g.verb, p->vg_start = (int16_t)g.start, p->modal = (int16_t)g.modal;
        p->neg = (int16_t)g.neg, p->flags = (uint16_t)g.flags, p->tense = (uint8_t)g.tense;
        p->mark = p->gov = p->gov_tok = p->conj = p->subj = p->obj = p->iobj = p->agent = -1;
        a->vg_end[pi] = (int16_t)(e - 1);
        a->finite[pi] = (uint8_t)g.finite;
        a->comp_subj[pi] = a->comp_mark[pi] = -1;
        for (int k = g.start; k < e; k++)
            if (out->np_of[k] < 0) {
                out->chunk[k] = FW_CHUNK_VP;
                out->pred_of[k] = (int16_t)pi;
            }
        if (inv_np >= 0) p->subj = (int16_t)inv_np;
        i = e;
    }
    np_structure(a);
    widen_nps(a);
    for (size_t pi = 0; pi < out->npred; pi++) {
        struct fw_syn_pred *p = &out->pred[pi];
        if (p->subj < 0) analyse_pred(a, (int)pi);
        else a->cstart[pi] = p->vg_start;
        right_args(a, (int)pi);
    }
    /* pass 5: a leading participle or adverbial clause belongs to the next main clause;
     * a trailing ", officials said" reports the clauses before it */
    for (size_t pi = 0; pi < out->npred; pi++) {
        struct fw_syn_pred *p = &out->pred[pi];
        int leading = (p->type == FW_CL_PARTCL && p->subj < 0) || (p->type == FW_CL_ADVCL && p->gov < 0);
        if (!leading) continue;
        for (size_t q = pi + 1; q < out->npred; q++) {
            const struct fw_syn_pred *g = &out->pred[q];
            if (g->type != FW_CL_MAIN || g->conj >= 0) continue;
            if (!set_gov(out, (int)pi, (int)q)) break;
            if (p->subj < 0 && !(p->type == FW_CL_ADVCL && a->finite[pi])) set_subj_from(p, g, 0);
            break;
        }
    }
    for (size_t pi = 0; pi < out->npred; pi++) {
        /* a relative or participial clause hangs on the predicate its noun is an argument of */
        struct fw_syn_pred *p = &out->pred[pi];
        if ((p->type != FW_CL_RELCL && p->type != FW_CL_PARTCL) || p->gov >= 0) continue;
        int ante = p->type == FW_CL_RELCL && !(p->flags & FW_SYN_SUBJ_SHARED) ? p->obj : p->subj;
        for (size_t q = 0; q < out->npred && ante >= 0 && p->gov < 0; q++) {
            if (q != pi && has_arg(&out->pred[q], ante) && set_gov(out, (int)pi, (int)q)) p->gov_tok = out->np[ante].head;
        }
    }
    for (size_t qi = 1; qi < out->npred; qi++) {
        struct fw_syn_pred *q = &out->pred[qi];
        if (q->type != FW_CL_MAIN || !verb_in(a, q->verb, reporting)) continue;
        int s = q->vg_start - 1;
        while (s >= 0 && (out->pos[s] == FW_POS_QUOTE || out->pos[s] == FW_POS_RQUOTE)) s--;
        if (q->subj < 0 && s >= 0 && out->pos[s] == FW_POS_COMMA && q->obj >= 0 && q->obj == np_at(a, a->vg_end[qi] + 1)) {
            q->subj = q->obj;                                       /* inverted: ', said the ministry.' */
            q->obj = -1;
        } else {
            if (q->obj >= 0 || a->comp_subj[qi] >= 0 || a->comp_mark[qi] >= 0) continue;
            s = a->cstart[qi] - 1;
            while (s >= 0 && (out->pos[s] == FW_POS_QUOTE || out->pos[s] == FW_POS_RQUOTE)) s--;
            if (s < 0 || out->pos[s] != FW_POS_COMMA) continue;
        }
        for (size_t pi = 0; pi < qi; pi++) {
            struct fw_syn_pred *p = &out->pred[pi];
            if (p->type == FW_CL_MAIN && p->gov < 0 && a->vg_end[pi] < s && set_gov(out, (int)pi, (int)qi))
                p->type = FW_CL_CCOMP;
        }
    }
    /* quotation marks: a verb inside an odd number of them is quoted speech */
    int open = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t t = out->pos[i];
        if (t == FW_POS_QUOTE || t == FW_POS_LQUOTE || t == FW_POS_RQUOTE) open = !open;
        else if (open && out->pred_of[i] >= 0 && out->pred[out->pred_of[i]].verb == (int16_t)i)
            out->pred[out->pred_of[i]].flags |= FW_SYN_QUOTED;
    }
    /* conditions and questions reach the clauses under them */
    for (size_t pi = 0; pi < out->npred; pi++) {
        struct fw_syn_pred *p = &out->pred[pi];
        if (qmark && (p->type == FW_CL_MAIN || (p->conj >= 0 && out->pred[p->conj].type == FW_CL_MAIN)))
            p->flags |= FW_SYN_QUESTION;
        if (p->gov >= 0 && (size_t)p->gov < pi && (p->type == FW_CL_CCOMP || p->type == FW_CL_XCOMP))
            p->flags |= out->pred[p->gov].flags & (FW_SYN_COND | FW_SYN_QUESTION);
    }
}

static void print_np(FILE *f, const char *text, const struct fw_tok *tok, const struct fw_syn_out *o, int k)
{
    if (k < 0) {
        fputs("-", f);
        return;
    }
    const struct fw_syn_np *np = &o->np[k];
    fprintf(f, "[%.*s|%.*s]", (int)(tok[np->end - 1].end - tok[np->start].start), text + tok[np->start].start,
            (int)(tok[np->head].end - tok[np->head].start), text + tok[np->head].start);
    if (np->conj >= 0) {
        fputs("+", f);
        print_np(f, text, tok, o, np->conj);
    }
}

void fw_syn_print(FILE *f, const char *text, const struct fw_tok *tok, const struct fw_syn_out *out)
{
    for (size_t i = 0; i < out->n; i++)
        fprintf(f, "%s%.*s/%s", i ? " " : "", (int)(tok[i].end - tok[i].start), text + tok[i].start,
                fw_pos_name(out->pos[i]));
    fputc('\n', f);
    static const char *const fl[] = {"passive", "neg", "perfect", "progressive", "cond", "question", "inf",
                                     "gerund", "shared-subj", "copula", "quoted"};
    for (size_t i = 0; i < out->npred; i++) {
        const struct fw_syn_pred *p = &out->pred[i];
        fprintf(f, "  %zu %.*s %s", i, (int)(tok[p->verb].end - tok[p->verb].start), text + tok[p->verb].start,
                fw_syn_clause_name(p->type));
        if (p->gov >= 0) fprintf(f, " <%d", p->gov);
        if (p->mark >= 0) fprintf(f, " mark=%.*s", (int)(tok[p->mark].end - tok[p->mark].start), text + tok[p->mark].start);
        if (p->modal >= 0) fprintf(f, " modal=%.*s", (int)(tok[p->modal].end - tok[p->modal].start), text + tok[p->modal].start);
        for (int k = 0; k < (int)(sizeof fl / sizeof fl[0]); k++)
            if (p->flags & (1u << k)) fprintf(f, " %s", fl[k]);
        fputs(" subj=", f);
        print_np(f, text, tok, out, p->subj);
        fputs(" obj=", f);
        print_np(f, text, tok, out, p->obj);
        if (p->iobj >= 0) { fputs(" iobj=", f); print_np(f, text, tok, out, p->iobj); }
        if (p->agent >= 0) { fputs(" agent=", f); print_np(f, text, tok, out, p->agent); }
        for (int k = 0; k < p->npp; k++) {
            fprintf(f, " %.*s:", (int)(tok[p->pp[k].prep].end - tok[p->pp[k].prep].start), text + tok[p->pp[k].prep].start);
            print_np(f, text, tok, out, p->pp[k].np);
        }
        fputc('\n', f);
    }
}

const char *fw_syn_clause_name(enum fw_syn_clause c)
{
    static const char *const names[] = {"main", "ccomp", "xcomp", "relcl", "partcl", "advcl"};
    return (unsigned)c < sizeof names / sizeof names[0] ? names[c] : "?";
}
