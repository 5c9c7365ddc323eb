/* fw_code: the shallow, dictionary-driven event coder (see fw_code.h).
 * Per sentence: tokens -> actor and agent mentions -> actor phrases (noun chunks,
 * compounds) -> verb candidates -> best verb pattern -> source/target by position,
 * voice and pattern slots -> modality, quantities, casualties, date. Per article:
 * acronyms and short mentions, the date anchor, the country context that
 * disambiguates places. Thread: any; the coder is read-only. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_code.h"
#include "feedwire/fw_cal.h"
#include "feedwire/fw_geo.h"
#include "fw_code_pass.h"

#define ARTICLE_MAX (4u << 20)








/* ---- small word lists ---- */


static const char *const determiners[] = {"THE", "A", "AN", "THIS", "THESE", "THOSE", "ITS", "HIS", "HER", "THEIR",
                                          "OUR", "MY", "YOUR", "'S", "NO", "ANY", "EACH", "EVERY", "SUCH", NULL};
static const char *const prepositions[] = {"IN", "ON", "AT", "WITH", "TO", "FOR", "AGAINST", "BY", "NEAR", "INTO",
                                           "OVER", "UNDER", "AFTER", "BEFORE", "DURING", "SINCE", "BETWEEN", "AMONG",
                                           "ACROSS", "THROUGH", "TOWARD", "TOWARDS", "ABOUT", "WITHOUT", "WITHIN",
                                           "AMID", "OUTSIDE", "INSIDE", "ALONG", "VIA", "UPON", "DESPITE", "BEHIND",
                                           "ONTO", NULL};
static const char *const boundaries[] = {"AND", "OR", "BUT", "WHO", "WHOM", "WHICH", "THAT", "WHOSE", "WHILE", "WHEN",
                                         "WHERE", "IS", "ARE", "WAS", "WERE", "HAS", "HAVE", "HAD", "WILL", "WOULD",
                                         "SAID", "SAYS", "SAY", "AS", "IF", "BECAUSE", "THEN", "ALSO", "NOT", "N'T",
                                         "CAN", "COULD", "SHOULD", "MAY", "MIGHT", "MUST", "BEEN", "BE", "THAN", NULL};
static const char *const auxiliaries[] = {"HAS", "HAD", "HAVE", "HAVING", "IS", "ARE", "WAS", "WERE", "BE", "BEEN",
                                          "BEING", "WILL", "WOULD", "DO", "DID", "DOES", "SHALL", NULL};
static const char *const subordinators[] = {"WHERE", "WHICH", "WHO", "WHOM", "WHILE", "AFTER", "BEFORE", "SINCE",
                                            "WHEN", "BECAUSE", "ALTHOUGH", "THOUGH", "THAT", "IF", "UNLESS", "UNTIL",
                                            NULL};
static const char *const degree_adverbs[] = {"VERY", "TOO", "SO", "MORE", "MOST", "LESS", "LEAST", "QUITE",
                                             "RATHER", "FAIRLY", "EXTREMELY", "HIGHLY", NULL};
static const char *const be_forms[] = {"IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "GET", "GOT", "GETS",
                                       "GOTTEN", NULL};
static const char *const skippable[] = {"HAD", "HAS", "HAVE", "ALSO", "THEN", "LATER", "REPORTEDLY", "ALLEGEDLY",
                                        "JUST", "ALREADY", "SUBSEQUENTLY", "SWIFTLY", "QUICKLY", "RECENTLY",
                                        "REPEATEDLY", "THEREFORE", "SOON", NULL};
static const char *const reporting[] = {"SAID", "SAYS", "SAY", "REPORTED", "REPORTS", "TOLD", "ADDED", "STATED",
                                        "ANNOUNCED", "CLAIMED", "CLAIMS", "ACCORDING", "ALLEGEDLY", "REPORTEDLY",
                                        "QUOTED", "CITED", NULL};
static const char *const report_verbs[] = {"SAID", "SAYS", "SAY", "REPORTED", "REPORTS", "REPORT", "TOLD", "TELLS",
                                           "ADDED", "ADDS", "STATED", "STATES", "ANNOUNCED", "ANNOUNCES", "NOTED",
                                           "EXPLAINED", "WROTE", NULL};
static const char *const negations[] = {"NOT", "N'T", "NEVER", "NO", "NEITHER", "NOR", NULL};
static const char *const future[] = {"WILL", "'LL", "SHALL", "PLANS", "PLAN", "PLANNED", "PLANNING", "INTENDS",
                                     "INTEND", "INTENDED", "THREATENED", "THREATENS", "THREATEN", "VOWED", "VOWS",
                                     "PLEDGED", "PLEDGES", "PROMISED", "PROMISES", "GOING", "SCHEDULED", "EXPECTED",
                                     "PREPARING", "PREPARED", "READY", "WILLING", "COMMITTED", "DETERMINED", "AIMS", "AIMED",
                                     "WANTS", "WANTED", "SEEKS", "SOUGHT", NULL};
static const char *const hypothetical[] = {"IF", "UNLESS", "COULD", "MIGHT", "MAY", "WOULD", "SHOULD", "WHETHER",
                                           "POSSIBLE", "POSSIBLY", "PERHAPS", "LIKELY", NULL};
static const char *const denials[] = {"DENIED", "DENIES", "DENY", "REJECTED", "REFUTED", "DISMISSED", "FALSE",
                                      "BASELESS", "UNFOUNDED", "FABRICATED", "FAKE", NULL};
static const char *const group_nouns[] = {"GROUP", "ORGANIZATION", "ORGANISATION", "MOVEMENT", "MILITANTS",
                                          "MILITIA", "INSURGENTS", "JIHADISTS", "FACTION", "OUTFIT", "NETWORK",
                                          "REBELS", NULL};
static const char *const time_units[] = {"YEARS", "YEAR", "MONTHS", "MONTH", "WEEKS", "WEEK", "DAYS", "DAY",
                                        "HOURS", "HOUR", "MINUTES", "DECADES", "TIMES", "PERCENT", "%", "YEARS-OLD",
                                        "PER", NULL};
const char *const fw_code_place_preps[] = {"IN", "NEAR", "AT", "OUTSIDE", "INSIDE", "ACROSS", "AROUND", "OF", "FROM",
                                          "INTO", "ON", "TOWARD", "TOWARDS", NULL};
static const char *const non_countries[] = {"IGO", "NGO", "IMG", "MNC", "INT", "---", "UAF", "REB", "GOV", "MIL",
                                            "COP", "OPP", "CVL", "BUS", "MED", "EDU", "JUD", "LEG", "REL", "SPY",
                                            "HLH", "HRI", "LAB", "AGR", "ELI", "REF", "MOD", "RAD", "CRM", "PTY",
                                            "NGM", "SEP", "INS", "MUS", "CHR", "BUD", "HIN", "JEW", "ENV", "DEV", NULL};

static const char *const intent_verbs[] = {"WANT", "WANTS", "WANTED", "PLAN", "PLANS", "PLANNED", "PLEDGE",
                                           "PLEDGED", "PLEDGES", "VOW", "VOWED", "VOWS", "PROMISE", "PROMISED",
                                           "PROMISES", "INTEND", "INTENDS", "INTENDED", "DECIDE", "DECIDED", "DECIDES",
                                           "THREATEN", "THREATENED", "THREATENS", "HOPE", "HOPED", "HOPES", "SEEK",
                                           "SEEKS", "SOUGHT", "TRY", "TRIED", "TRIES", "PREPARE", "PREPARED",
                                           "PREPARES", "AIM", "AIMS", "AIMED", "SCHEDULED", "EXPECTED", "ABOUT",
                                           "READY", "SET", "GOING", "VOTED", "MOVED", "OFFERED", "OFFERS", "AGREE",
                                           "AGREED", "AGREES", "WILLING", "COMMITTED", NULL};
static const char *const refusals[] = {"REFUSED", "REFUSES", "REFUSE", "REFUSING", "DECLINED", "DECLINES",
                                        "DECLINE", "FAILED", "FAILS", "FAIL", NULL};
static const char *const clause_stops[] = {",", ";", "WHICH", "WHO", "WHILE", "BECAUSE", "ALTHOUGH", "WHERE", "WHETHER",
                                          "WHEN", "IF", "UNLESS", NULL};

static const struct {
    const char *name;
    uint64_t bit;
} word_sections[] = {
    {"weapon", C_WEAPON}, {"casualty", C_CASUALTY}, {"armed", C_ARMED_ANY}, {"police", C_POLICE}, {"military", C_MILITARY}, {"target", C_TARGET},
    {"sports", C_SPORTS}, {"commerce", C_COMMERCE}, {"leisure", C_LEISURE}, {"habitual", C_HABITUAL},
    {"commentator", C_COMMENTATOR}, {"opinion", C_OPINION}, {"thing", C_THING}, {"human", C_HUMAN},
    {"media", C_MEDIA}, {"pejorative", C_PEJORATIVE}, {"protester", C_PROTESTER}, {"bombing", C_BOMBING},
    {"leader", C_LEADER}, {"accident", C_ACCIDENT}, {"animal", C_ANIMAL},
    {"reciprocal", C_RECIPROCAL}, {"corporate", C_CORPORATE}, {"aviation", C_AVIATION},
    {"economy", C_ECONOMY}, {"body", C_BODY}, {"aerial", C_AERIAL}, {"protest", C_PROTEST}, {"course", C_COURSE}, {"abstract", C_ABSTRACT},
    {"artillery", C_ARTILLERY}, {"staging", C_STAGING},
};
static const struct {
    const char *const *list;
    uint64_t bit;
} word_classes[] = {
    {determiners, C_DETERMINERS},
    {prepositions, C_PREPOSITIONS},
    {boundaries, C_BOUNDARIES},
    {be_forms, C_BE_FORMS},
    {skippable, C_SKIPPABLE},
    {reporting, C_REPORTING},
    {report_verbs, C_REPORT_VERBS},
    {negations, C_NEGATIONS},
    {future, C_FUTURE},
    {hypothetical, C_HYPOTHETICAL},
    {denials, C_DENIALS},
    {group_nouns, C_GROUP_NOUNS},
    {fw_code_place_preps, C_PLACE_PREPS},
    {time_units, C_TIME_UNITS},
    {auxiliaries, C_AUXILIARIES},
    {degree_adverbs, C_DEGREE_ADVERBS},
    {subordinators, C_SUBORDINATORS},
    {intent_verbs, C_INTENT_VERBS},
    {refusals, C_REFUSALS},
    {clause_stops, C_CLAUSE_STOPS},
};

/* The class words in a hash (built once per coder): one lookup per token. */
static void class_add(struct fw_coder *c, const char *w, size_t n, uint64_t bit)
{
    int32_t id = fw_words_add(&c->clsw, w, n);
    if ((size_t)id >= c->ncls) {
        c->cls = fw_xrealloc(c->cls, ((size_t)id + 1) * sizeof *c->cls);
        memset(c->cls + c->ncls, 0, ((size_t)id + 1 - c->ncls) * sizeof *c->cls);
        c->ncls = (size_t)id + 1;
    }
    c->cls[id] |= bit;
}

/* The closed classes, then the lexical word lists of path (sections as in word_sections; a
 * missing file leaves event detection without them, as for the PETRARCH test dictionaries). */
static enum fw_err classes_init(struct fw_coder *c, const char *path, char *err, size_t errsz)
{
    for (size_t k = 0; k < sizeof word_classes / sizeof word_classes[0]; k++)
        for (const char *const *w = word_classes[k].list; *w; w++) class_add(c, *w, strlen(*w), word_classes[k].bit);
    if (!path) return FW_OK;
    FILE *f = fopen(path, "r");
    if (!f) return fw_fail(err, errsz, FW_E_IO, "%s: cannot open", path);
    char line[1024];
    uint64_t bit = 0;
    unsigned lineno = 0;
    enum fw_err rc = FW_OK;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash) *hash = 0;
        if (line[0] == '[') {
            char *close = strchr(line, ']');
            bit = 0;
            for (size_t k = 0; close && k < sizeof word_sections / sizeof word_sections[0]; k++)
                if ((size_t)(close - line - 1) == strlen(word_sections[k].name) &&
                    !strncmp(line + 1, word_sections[k].name, strlen(word_sections[k].name)))
                    bit = word_sections[k].bit;
            if (!bit) {
                rc = fw_fail(err, errsz, FW_E_PARSE, "%s:%u: unknown section", path, lineno);
                break;
            }
            continue;
        }
        for (char *p = line; *p;) {
            while (*p && isspace((unsigned char)*p)) p++;
            char *q = p;
            while (*q && !isspace((unsigned char)*q)) {
                *q = (char)toupper((unsigned char)*q);
                q++;
            }
            if (q == p) break;
            if (!bit) {
                rc = fw_fail(err, errsz, FW_E_PARSE, "%s:%u: a word before any [section]", path, lineno);
                break;
            }
            class_add(c, p, (size_t)(q - p), bit);
            p = q;
        }
        if (rc != FW_OK) break;
    }
    fclose(f);
    return rc;
}

static uint64_t classify(const struct fw_coder *c, const char *w)
{
    int32_t id = fw_words_find(&c->clsw, w, strlen(w));
    return id >= 0 ? c->cls[id] : 0;
}


/* ---- dictionary matching ---- */

/* Longest entry of ph starting at token i: returns its length and the entry. */
size_t fw_code_match_phrase(const struct fw_phrases *ph, const struct sent *s, size_t i, const struct fw_entry **out)
{
    int32_t id = s->tok[i].id;
    if (id < 0 || (size_t)id + 1 >= ph->noff) return 0;
    for (uint32_t k = ph->off[id]; k < ph->off[id + 1]; k++) {
        const struct fw_entry *e = &ph->e[k];
        if (i + e->n > s->nt) continue;
        size_t j = 1;
        while (j < e->n && s->tok[i + j].id == e->w[j]) j++;
        if (j == e->n) {
            *out = e;
            return e->n;
        }
    }
    return 0;
}

static const char *actor_code(const struct fw_dict *d, int32_t idx, int32_t date)
{
    /* of the dated codes that cover the date, the one begun last: two that overlap (Phoenix's
     * "[USRTKM >911016]" beside "[TKM >911221]", an inverted bound) resolve to the newer */
    const char *undated = NULL, *dated = NULL;
    int32_t dated_from = -1;
    for (int32_t k = idx; k >= 0; k = d->acodes[k].next) {
        const struct fw_acode *a = &d->acodes[k];
        if (!a->from && !a->to) {
            if (!undated) undated = a->code;
            continue;
        }
        if ((!a->from || date >= a->from) && (!a->to || date <= a->to) && a->from > dated_from)
            dated = a->code, dated_from = a->from;
    }
    return dated ? dated : undated;
}


static void add_agent(char *code, size_t cap, const char *ag)
{
    const char *tilde = strchr(ag, '~');
    char part[24];
    if (!tilde) return;
    if (tilde == ag) {                               /* [~GOV]: suffix */
        snprintf(part, sizeof part, "%s", ag + 1);
        if (!part[0] || code_has(code, part)) return;
        size_t n = strlen(code);
        snprintf(code + n, cap - n, "%s", part);
    } else {                                          /* [NGO~]: prefix */
        snprintf(part, sizeof part, "%.*s", (int)(tilde - ag), ag);
        if (code_has(code, part)) return;
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%s%s", part, code);
        snprintf(code, cap, "%s", tmp);
    }
}

static int nonstate_code(const char *code)
{
    return code_has(code, "REB") || code_has(code, "IMG") || code_has(code, "UAF") || code_has(code, "INS") ||
           strncmp(code, "IMG", 3) == 0;
}

/* ---- actors ---- */

static int chunk_boundary(const struct sent *s, size_t i)
{
    const char *w = tw(s, i);
    if (s->isverb[i]) return 1;
    /* "Trump withheld US military aid": a finite verb the dictionaries do not code still ends a
     * noun phrase (the tagger's past and present tenses) */
    if (s->has_syn && i < s->syn.n &&
        (s->syn.pos[i] == FW_POS_VBD || s->syn.pos[i] == FW_POS_VBZ || s->syn.pos[i] == FW_POS_VBP))
        return 1;
    if (is_punct(s, i)) return strcmp(w, "'S") != 0 && strcmp(w, "'") != 0;
    if (is(s, i, C_BOUNDARIES | C_PREPOSITIONS)) return 1;
    return 0;
}





/* Whether a token is a word the tagger's lexicon knows as a common noun ("Organization"). */
static int common_noun(const struct fw_coder *c, const char *text, const struct fw_tok *t)
{
    size_t n = t->end - t->start;
    if (!c->syn || n < 3 || n > 40) return 0;
    char w[48];
    for (size_t k = 0; k < n; k++) w[k] = (char)tolower((unsigned char)text[t->start + k]);
    w[n] = 0;
    return fw_tag_lexicon(c->syn, w, n) == FW_POS_NN;
}

/* Actor and agent mentions; marks their tokens in s->ment (as -2) so verbs are not looked for there. */
/* Whether a token is the plural of a word the tagger's lexicon knows as a common noun
 * ("Organizations": organization/NN). */
static int common_plural(const struct fw_coder *c, const char *text, const struct fw_tok *t)
{
    size_t n = t->end - t->start;
    if (!c->syn || n < 4 || n > 40 || (text[t->end - 1] != 's' && text[t->end - 1] != 'S')) return 0;
    char w[48];
    for (size_t k = 0; k < n; k++) w[k] = (char)tolower((unsigned char)text[t->start + k]);
    w[n] = 0;
    enum fw_pos p = fw_tag_lexicon(c->syn, w, n);
    if (p == FW_POS_NNS) return 1;
    p = fw_tag_lexicon(c->syn, w, n - 1);          /* the singular */
    return p == FW_POS_NN;
}

static int quote_mark(const struct sent *s, size_t t);
/* Quotation marks among tokens [from, to): an odd count opens or closes a quotation there. */
static int quote_marks(const struct sent *s, size_t from, size_t to)
{
    int n = 0;
    for (size_t t = from; t < to && t < s->nt; t++) n += quote_mark(s, t);
    return n;
}

/* Whether token t is an -ing form ("of organizing"). */
static int ing_at(const struct sent *s, size_t t)
{
    size_t n = strlen(tw(s, t));
    return n > 4 && !strcmp(tw(s, t) + n - 3, "ING");
}

const char *const fw_code_compass_words[] = {"NORTH", "SOUTH", "EAST", "WEST", "CENTRAL", "LATIN", NULL};

/* "Gwynne Shotwell, president and chief operating officer of SpaceX", "Senior Vice President of
 * Sales for Draeger, Inc.", "serving as President and CEO": an office the agent dictionary reads as
 * a state's (president, chairman, chief executive) held in a firm, which its own phrase says by a
 * firm's co-title, function or legal form. The phrase runs on over "of", "at", "for", "and", "the",
 * commas and names; a common word or a verb ends it ("President Trump met the CEO of Apple" keeps
 * his office). A rank below vice president ("Senior Vice President") is a firm's too. */
static int corporate_office(const struct sent *s, size_t i, size_t n)
{
    static const char *const ranks[] = {"SENIOR", "ASSISTANT", "ASSOCIATE", "REGIONAL", NULL};
    if (i > 0 && !strcmp(s->tok[i].up, "VICE") && in_list(s->tok[i - 1].up, ranks)) return 1;
    static const char *const links[] = {"OF", "AT", "FOR", "AND", "THE", "&", ",", ".", "CHIEF", "EXECUTIVE", NULL};
    for (size_t t = i + n, k = 0; t < s->nt && k < 8; t++, k++) {
        if (is(s, t, C_CORPORATE)) return 1;
        if (!(s->tok[t].flags & TOK_CAP) && !in_list(s->tok[t].up, links)) break;
    }
    return 0;
}

/* "Turkish-based carrier SunExpress", "the largest carrier flying to London": the dictionary's
 * CARRIER is a warship; one based somewhere, or in a sentence of flights and passengers, is an
 * airline, a business. */
static int airline_carrier(const struct sent *s, size_t i)
{
    if (strcmp(s->tok[i].up, "CARRIER") && strcmp(s->tok[i].up, "CARRIERS")) return 0;
    if (i > 0) {
        size_t pn = strlen(s->tok[i - 1].up);
        if (pn > 6 && !strcmp(s->tok[i - 1].up + pn - 6, "-BASED")) return 1;
        if (!strcmp(s->tok[i - 1].up, "AIRCRAFT")) return 0;
    }
    for (size_t t = 0; t < s->nt; t++)
        if (is(s, t, C_AVIATION)) return 1;
    return 0;
}

/* Whether the verb at token v is what its actor commits itself to: the infinitive under a verb of
 * commitment ("vowed to attack", "pledged to keep fighting": through one more infinitive). */
static int committed_to(const struct sent *s, size_t v)
{
    static const char *const committing[] = {"VOW", "VOWED", "VOWS", "PLEDGE", "PLEDGED", "PLEDGES", "PROMISE",
                                             "PROMISED", "PROMISES", "SWORE", "SWEAR", "SWEARS", "THREATEN",
                                             "THREATENED", "THREATENS", NULL};
    const struct fw_syn_pred *p = fw_code_syn_pred(s, v);
    for (int depth = 0; p && depth < 2; depth++) {
        /* ("vowed that the army would crush the rebels": a clause the vow reports, in its future) */
        int promised = p->type == FW_CL_CCOMP && p->modal >= 0 && (size_t)p->modal < s->nt &&
                     (!strcmp(tw(s, (size_t)p->modal), "WOULD") || !strcmp(tw(s, (size_t)p->modal), "WILL"));
        if ((p->type != FW_CL_XCOMP && !promised) || p->gov < 0 || (size_t)p->gov >= s->syn.npred) return 0;
        const struct fw_syn_pred *g = &s->syn.pred[p->gov];
        if (g->verb >= 0 && in_list(tw(s, (size_t)g->verb), committing)) return 1;
        p = g;
    }
    return 0;
}

/* The date of a source citation closing the sentence, as analyses write them ("(APA, September
 * 13)", "(Kabar, September 16; Asia-Plus, September 17)"): the index in dt of the first date inside
 * a parenthesis that opens on a capitalised name and a comma and closes the sentence, -1 if none. */
static int citation_date(const struct article *a, const struct sent *s, const struct fw_tdate *dt, int nd)
{
    const char *t = a->text + s->start;
    size_t len = s->end - s->start, close = len;
    while (close > 0 && (t[close - 1] == '.' || t[close - 1] == ' ' || t[close - 1] == '\n')) close--;
    if (close == 0 || t[close - 1] != ')') return -1;
    size_t open = close - 1;
    while (open > 0 && t[open] != '(') open--;
    if (t[open] != '(' || close - open < 6 || !isupper((unsigned char)t[open + 1])) return -1;
    const char *comma = memchr(t + open, ',', close - open);
    if (!comma) return -1;
    for (int k = 0; k < nd; k++)
        if (dt[k].start > (size_t)(comma - t) && dt[k].end < close) return k;
    return -1;
}

/* Whether predicate p is the first of a coordination of main verbs with one subject ("Khan
 * condemned the attack on Wednesday and ordered police to ..."): each conjunct says what the
 * subject did, the first as much as the next. */
static int heads_coordination(const struct sent *s, const struct fw_syn_pred *p)
{
    if (!p || !(p->type == FW_CL_MAIN || p->type == FW_CL_CCOMP)) return 0;
    int self = (int)(p - s->syn.pred);
    for (size_t q = 0; q < s->syn.npred; q++) {
        const struct fw_syn_pred *c = &s->syn.pred[q];
        if (c->conj == self && (c->flags & FW_SYN_SUBJ_SHARED) && (c->type == FW_CL_MAIN || c->type == FW_CL_CCOMP)) return 1;
    }
    return 0;
}

/* Whether the verb is one of rallying, marching or gathering in the street (RALLY, MARCH, GATHER). */
static int rallying(const struct fw_dict *d, const struct verbcand *vc)
{
    static const char *const rally[] = {"RALLY", "MARCH", "GATHER", "ASSEMBLE", "CONVERGE", NULL};
    int32_t lemma = d->verbs[vc->form].lemma;
    return lemma >= 0 && in_list(d->words.s[lemma], rally);
}

/* Whether the verb acts on "each other" or "one another" ("Kyrgyz and Tajik border guards fired on
 * each other"): its compound subject's members act on each other, whatever else follows. */
static int each_other(const struct sent *s, const struct verbcand *vc)
{
    for (size_t t = vc->e; t + 1 < s->nt && t < (size_t)vc->e + 3; t++) {
        if (is_punct(s, t)) break;
        if ((!strcmp(tw(s, t), "EACH") && !strcmp(tw(s, t + 1), "OTHER")) ||
            (!strcmp(tw(s, t), "ONE") && !strcmp(tw(s, t + 1), "ANOTHER")))
            return 1;
    }
    return 0;
}

/* Whether token v is a verb of a happening's course ([course]: "began", "erupted"; "broke" only
 * with "out": "the index broke above its high" tells no happening). */
static int course_verb(const struct sent *s, size_t v)
{
    if (!is(s, v, C_COURSE)) return 0;
    const char *w = tw(s, v);
    if (!strncmp(w, "BR", 2)) return v + 1 < s->nt && !strcmp(tw(s, v + 1), "OUT");
    return 1;
}

/* Whether token t heads the subject of a verb of a happening's course that has no object and is
 * no passive ("The protests began", "riots broke out"; not "police dispersed the rally", "the
 * march was banned", "protests are leading to demands for reform"). */
static int protest_subject(const struct sent *s, size_t t)
{
    if (!s->has_syn) return 0;
    for (size_t k = 0; k < s->syn.npred; k++) {
        const struct fw_syn_pred *p = &s->syn.pred[k];
        if (p->subj < 0 || (size_t)p->subj >= s->syn.nnp || s->syn.np[p->subj].head != (int)t) continue;
        if (p->obj >= 0 || (p->flags & (FW_SYN_PASSIVE | FW_SYN_COPULA | FW_SYN_SUBJ_SHARED)) || p->verb < 0) continue;
        if (course_verb(s, (size_t)p->verb)) return 1;
    }
    return 0;
}

static void find_mentions(struct article *a, struct sent *s)
{
    const struct fw_dict *d = &a->c->d;
    struct mention *m = s->m;
    size_t nm = 0;
    for (size_t k = 0; k < MAXPH; k++) m[k].person = -1, m[k].place = 0, m[k].pair = 0;
    a->place_end = 0;
    for (size_t i = 0; i < s->nt && nm < MAXPH;) {
        const struct fw_entry *e = NULL;
        size_t n = fw_code_match_phrase(&d->actors, s, i, &e);
        const char *code = n ? actor_code(d, e->val, a->pubnum) : NULL;
        if (n && code && !(s->tok[i].flags & (TOK_CAP | TOK_NUM | TOK_ALLCAP)) && n == 1 && strlen(s->tok[i].up) <= 4)
            code = NULL;                              /* "us", "mali"-like lower-case short words are words */
        /* a one-word name that is also a verb of the dictionary ("Plan", "Sind") needs capitals: "PLAN" */
        if (n == 1 && code && !(s->tok[i].flags & TOK_ALLCAP) && s->tok[i].id >= 0 &&
            (size_t)s->tok[i].id + 1 < d->nvoff && d->voff[s->tok[i].id] != d->voff[s->tok[i].id + 1])
            code = NULL;
        /* "burning tyres and blocking roads": a one-word name written in lower case that the
         * tagger reads as a common noun is that noun, not the town (Tyre) */
        if (n == 1 && code && !(s->tok[i].flags & (TOK_CAP | TOK_ALLCAP)) && s->has_syn && i < s->syn.n &&
            (s->syn.pos[i] == FW_POS_NN || s->syn.pos[i] == FW_POS_NNS))
            code = NULL;
        /* "Organizations that seek to ...": a one-word name that English also uses as a common
         * noun, in the plural, is the class, not the body (TANZIM's "organization") */
        if (n == 1 && code && !(s->tok[i].flags & TOK_ALLCAP) && common_plural(a->c, a->text, &s->tok[i])) code = NULL;
        /* "the Collective Security Treaty Organization": such a word that ends a longer name no
         * dictionary knows is that name's head, not the body the dictionary means by it alone */
        if (n == 1 && code && i > 1 && (s->tok[i - 1].flags & TOK_CAP) && !(s->tok[i - 1].flags & TOK_ALLCAP) &&
            !is(s, i - 1, C_DETERMINERS) && (nm == 0 || m[nm - 1].e != i) && common_noun(a->c, a->text, &s->tok[i]))
            code = NULL;
        /* "Chad Hull, 37, was arrested", "Virginia Giuffre": a place that is also a first name,
         * right before a capitalised word no dictionary knows, is a person's first name */
        static const char *const first_names[] = {"CHAD", "JORDAN", "GEORGIA", "VIRGINIA", "INDIA", "CAROLINA", "SAVANNAH",
                                                  "AUSTIN", "DALLAS", "ISRAEL", "ALEXANDRIA", "PARIS", "SYDNEY",
                                                  "FLORENCE", "MADISON", "BROOKLYN", "KENYA", NULL};
        if (n == 1 && code && i + 1 < s->nt && in_list(s->tok[i].up, first_names) && (s->tok[i + 1].flags & TOK_CAP) &&
            !(s->tok[i + 1].flags & TOK_ALLCAP)) {
            const struct fw_entry *e3 = NULL;
            if (!fw_code_match_phrase(&d->actors, s, i + 1, &e3) && !fw_code_match_phrase(&d->agents, s, i + 1, &e3) &&
                !(i + 2 < s->nt && (s->tok[i + 2].flags & TOK_CAP)))
                code = NULL;
        }
        /* "Dresden Drive is closed", "Jordan Street": a place's name before a street's word names
         * the street */
        static const char *const streets[] = {"STREET", "ROAD", "DRIVE", "AVENUE", "BOULEVARD", "LANE", "HIGHWAY",
                                              "SQUARE", "PARKWAY", "WAY", NULL};
        if (code && i + n < s->nt && (s->tok[i + n].flags & TOK_CAP) && in_list(s->tok[i + n].up, streets)) code = NULL;
        /* "Hong Kong stocks have been trying to claw back", "buy fewer Chinese goods": a state
         * before a market's aggregate heading its phrase names whose they are, no one who acts
         * ("the Chinese market regulator" stays a body of China's) */
        if (code && a->c->has_words && i + n < s->nt && !(s->tok[i + n].flags & TOK_CAP) && is(s, i + n, C_ECONOMY)) {
            size_t h = i + n;
            while (h + 1 < s->nt && !(s->tok[h + 1].flags & TOK_CAP) && is(s, h + 1, C_ECONOMY)) h++;
            if (!(s->has_syn && h + 1 < s->syn.n && !(s->tok[h + 1].flags & TOK_CAP) &&
                  (s->syn.pos[h + 1] == FW_POS_NN || s->syn.pos[h + 1] == FW_POS_NNS)))
                code = NULL;
        }
        /* "a new North American tour", "Central American migrants": a point of the compass before
         * a state's adjective that the dictionary does not know as one name ("North Korean" it
         * does) names a region of the world, not that state */
        if (code && i > 0 && (s->tok[i - 1].flags & TOK_CAP) && in_list(s->tok[i - 1].up, fw_code_compass_words)) code = NULL;
        if (code) {
            m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + n), m[nm].actor = 1;
            snprintf(m[nm].code, sizeof m[nm].code, "%s", code);
            /* "an Israeli drone hit a car", "Russian warplanes struck": a state's aircraft or drones
             * are its military */
            if (a->c->has_words && strlen(code) == 3 && i + n < s->nt && !(s->tok[i + n].flags & TOK_CAP) &&
                is(s, i + n, C_AERIAL) && !fw_code_match_phrase(&d->agents, s, i + n, &e)) {
                snprintf(m[nm].code, sizeof m[nm].code, "%sMIL", code);
                m[nm].e = (uint16_t)(i + n + 1);
                n++;
            }
            /* "Gothenburg": a city the dictionary codes as its state is a place too */
            struct fw_place pl;
            size_t st = s->tok[i].start, en = s->tok[i + n - 1].end;
            m[nm].place = a->c->geo && (s->tok[i].flags & TOK_CAP) &&
                          fw_geo_match(a->c->geo, a->text + st, s->end - st, NULL, &pl) >= en - st &&
                          pl.kind == FW_PLACE_CITY;
            int who = fw_code_person_alias(a, s, i, n, code);
            if (who >= 0) m[nm].person = (int16_t)who, a->last_human = who;
            nm++;
            i += n;
            continue;
        }
        if ((s->tok[i].flags & TOK_ALLCAP) && a->nacr) {
            int k;
            for (k = 0; k < a->nacr; k++)
                if (strcmp(a->acr[k].acr, s->tok[i].up) == 0) break;
            if (k < a->nacr) {
                m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + 1), m[nm].actor = 1;
                snprintf(m[nm].code, sizeof m[nm].code, "%s", a->acr[k].code);
                nm++;
                i++;
                continue;
            }
        }
        /* "the Turkish defence ministry said its jets had destroyed ...", "its forces shelled": a
         * state's own forces or warplanes, named by a possessive after the state in the sentence */
        static const char *const own_forces[] = {"JETS", "WARPLANES", "FORCES", "TROOPS", "SOLDIERS", "AIRCRAFT",
                                                 "DRONES", "WARSHIPS", "ARMY", "NAVY", NULL};
        static const char *const group_members[] = {"FIGHTERS", "MILITANTS", "MEMBERS", "COMMANDERS", "GUNMEN",
                                                    "OPERATIVES", NULL};
        int forces_word = in_list(s->tok[i].up, own_forces), members_word = in_list(s->tok[i].up, group_members);
        if (i > 0 && (!strcmp(tw(s, i - 1), "ITS") || !strcmp(tw(s, i - 1), "THEIR")) && (forces_word || members_word)) {
            const char *ante = NULL;
            for (size_t q = nm; q-- > 0;)
                if (m[q].actor && isalpha((unsigned char)m[q].code[0]) && strncmp(m[q].code, "IGO", 3)) {
                    ante = m[q].code;
                    break;
                }
            /* a non-state antecedent's fighters or forces are it; a state's forces are its military */
            if (ante && strlen(ante) >= 3 && (nonstate_code(ante) || forces_word)) {
                m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + 1), m[nm].actor = 1;
                if (nonstate_code(ante)) snprintf(m[nm].code, sizeof m[nm].code, "%s", ante);
                else snprintf(m[nm].code, sizeof m[nm].code, "%.3sMIL", ante);
                nm++;
                i++;
                continue;
            }
        }
        /* "its fighters stormed a police compound": a group's own fighters, members or commanders
         * are the non-state actor the article is about (a state's are its troops, soldiers, forces) */
        static const char *const members[] = {"FIGHTERS", "MILITANTS", "MEMBERS", "COMMANDERS", "GUNMEN", "OPERATIVES", NULL};
        if (a->last_nonstate[0] && i > 0 && (!strcmp(tw(s, i - 1), "ITS") || !strcmp(tw(s, i - 1), "THEIR")) &&
            in_list(s->tok[i].up, members)) {
            m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + 1), m[nm].actor = 1;
            snprintf(m[nm].code, sizeof m[nm].code, "%s", a->last_nonstate);
            nm++;
            i++;
            continue;
        }
        /* "the two leaders also agreed", "both sides said": the two actors the article last named
         * together */
        static const char *const pair_nouns[] = {"LEADERS", "SIDES", "COUNTRIES", "PRESIDENTS", "GOVERNMENTS",
                                                 "MINISTERS", "NATIONS", "STATES", "NEIGHBOURS", "NEIGHBORS",
                                                 "DELEGATIONS", "CAPITALS", "ALLIES", NULL};
        if (a->pair[0][0] && i + 1 < s->nt && in_list(s->tok[i + 1].up, pair_nouns) &&
            ((!strcmp(s->tok[i].up, "TWO") && i > 0 && !strcmp(tw(s, i - 1), "THE")) || !strcmp(s->tok[i].up, "BOTH"))) {
            m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + 2), m[nm].actor = 1, m[nm].pair = 1;
            snprintf(m[nm].code, sizeof m[nm].code, "%s", a->pair[0]);
            nm++;
            i += 2;
            continue;
        }
        n = fw_code_match_phrase(&d->agents, s, i, &e);
        /* "fight off political forces", "market forces": forces of politics, markets or society
         * are no armed agent */
        static const char *const abstract[] = {"POLITICAL", "MARKET", "ECONOMIC", "SOCIAL", "CONSERVATIVE", "LIBERAL",
                                               "PROGRESSIVE", "REFORMIST", "NATIONALIST", "POPULIST", NULL};
        int abstract_force = i > 0 && (!strcmp(s->tok[i].up, "FORCES") || !strcmp(s->tok[i].up, "FORCE")) &&
                             in_list(s->tok[i - 1].up, abstract);
        if (n == 1 && abstract_force) n = 0;
        /* "Steve Clarke, deputy associate administrator", "Deputy Minister Halvorsen": "deputy"
         * before a noun or another title is a rank, not a sheriff's deputy ("a deputy shot") */
        const struct fw_entry *e4 = NULL;
        if (n == 1 && !strcmp(s->tok[i].up, "DEPUTY") && i + 1 < s->nt &&
            ((s->has_syn && i + 1 < s->syn.n && !(s->tok[i + 1].flags & TOK_CAP) &&
              (s->syn.pos[i + 1] == FW_POS_NN || s->syn.pos[i + 1] == FW_POS_NNS || s->syn.pos[i + 1] == FW_POS_JJ)) ||
             fw_code_match_phrase(&d->agents, s, i + 1, &e4)))
            n = 0;
        const struct fw_entry *e2 = NULL;
        /* "police brutality has grown": an agent word that modifies the common noun heading a
         * subject is no agent; that noun is what acts ("police officers", "government activists"
         * stay agents: people are, [human] in the word lists says which nouns name them) */
        if (n && s->has_syn && a->c->has_words && i + n + 1 < s->nt && i + n + 1 < s->syn.n && !(s->tok[i + n].flags & TOK_CAP) &&
            (s->syn.pos[i + n] == FW_POS_NN || s->syn.pos[i + n] == FW_POS_NNS) && !is(s, i + n, C_ARMED | C_HUMAN) &&
            !fw_code_match_phrase(&d->agents, s, i + n, &e2) &&
            (s->syn.pos[i + n + 1] == FW_POS_MD || (s->syn.pos[i + n + 1] >= FW_POS_VBD && s->syn.pos[i + n + 1] <= FW_POS_VBZ &&
                                                    s->syn.pos[i + n + 1] != FW_POS_VBG && s->syn.pos[i + n + 1] != FW_POS_VBN)))
            n = 0;
        /* "launched a military operation", "a police crackdown", "military aid": an agent word before
         * the noun of an act modifies the act, it names no one ("police station", "army chief",
         * "military intelligence" keep theirs) */
        static const char *const act_nouns[] = {"OPERATION", "OPERATIONS", "OFFENSIVE", "CAMPAIGN", "CRACKDOWN", "ACTION",
                                                "SPENDING", "AID", "BUDGET", "INTERVENTION", "BUILDUP", "BUILD-UP",
                                                "FIRE", NULL};   /* "exchanged artillery fire" */
        if (n && i + n < s->nt && !(s->tok[i + n].flags & TOK_CAP) && in_list(s->tok[i + n].up, act_nouns) &&
            !fw_code_match_phrase(&d->agents, s, i + n, &e2))
            n = 0;
        if (n) {
            m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + n), m[nm].actor = 0;
            snprintf(m[nm].code, sizeof m[nm].code, "%s", d->agcodes[e->val]);
            if (a->c->has_words && ((!strcmp(m[nm].code, "~GOV") && corporate_office(s, i, n)) ||
                                    (!strcmp(m[nm].code, "~MIL") && n == 1 && airline_carrier(s, i))))
                snprintf(m[nm].code, sizeof m[nm].code, "~BUS");
            nm++;
            i += n;
            continue;
        }
        /* "the group", "the militant group": the non-state actor the article is about, or the
         * group no dictionary knows it named since ("the WeWorkers Coalition ... The group said") */
        if (a->last_body >= 0 && (!a->last_nonstate[0] || a->last_body_at > a->last_nonstate_at) &&
            !(s->tok[i].flags & TOK_CAP) && in_list(s->tok[i].up, group_nouns) && i > 0 &&
            (strcmp(tw(s, i - 1), "THE") == 0 || (i > 1 && strcmp(tw(s, i - 2), "THE") == 0))) {
            m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + 1), m[nm].actor = 1;
            m[nm].person = (int16_t)a->last_body;
            snprintf(m[nm].code, sizeof m[nm].code, "%s", a->persons[a->last_body].code);
            nm++;
            i++;
            continue;
        }
        if (a->last_nonstate[0] && in_list(s->tok[i].up, group_nouns) && i > 0 &&
            (strcmp(tw(s, i - 1), "THE") == 0 || (i > 1 && strcmp(tw(s, i - 2), "THE") == 0))) {
            m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + 1), m[nm].actor = 1;
            snprintf(m[nm].code, sizeof m[nm].code, "%s", a->last_nonstate);
            nm++;
            i++;          /* one mention a token: the checks below would write m[nm] unguarded */
            continue;
        }
        /* "the opposition boycotted the vote", "the Kenyan opposition": the opposition as a body
         * ("opposition to the plan" is a stance) */
        /* ("accused the opposition of organizing the unrest": "of" and a gerund is what the body
         * is accused of) */
        if (!strcmp(s->tok[i].up, "OPPOSITION") && i > 0 && !(s->tok[i].flags & TOK_CAP) &&
            (!strcmp(tw(s, i - 1), "THE") || (nm > 0 && m[nm - 1].e == i && m[nm - 1].actor)) &&
            !(i + 1 < s->nt && (!strcmp(tw(s, i + 1), "TO") || (!strcmp(tw(s, i + 1), "OF") && !ing_at(s, i + 2))))) {
            m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + 1), m[nm].actor = 0;
            snprintf(m[nm].code, sizeof m[nm].code, "~OPP");
            nm++;
            i++;
            continue;
        }
        /* "The protests began on Nov. 15", "Demonstrations spread to 100 cities": a street protest
         * heading the subject of a verb with no object is its protesters acting (Phoenix's
         * PROTESTER, ~OPP); "the protest was banned" (a passive) is done to it */
        if (a->c->has_words && is(s, i, C_PROTEST) && (i == 0 || !(s->tok[i].flags & TOK_CAP)) && protest_subject(s, i)) {
            m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + 1), m[nm].actor = 0;
            snprintf(m[nm].code, sizeof m[nm].code, "~OPP");
            nm++;
            i++;
            continue;
        }
        /* a name no dictionary knows, or a pronoun for the last person named */
        /* "Officers arrested ...": a plural armed, police or military word the agent dictionary
         * lacks is that kind of agent */
        if (is(s, i, C_ARMED) && !abstract_force && s->tok[i].up[0] && s->tok[i].up[strlen(s->tok[i].up) - 1] == 'S') {
            m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + 1), m[nm].actor = 0;
            snprintf(m[nm].code, sizeof m[nm].code, "%s", is(s, i, C_POLICE) ? "~COP" : is(s, i, C_MILITARY) ? "~MIL" : "~UAF");
            nm++;
            i++;
            continue;
        }
        /* "Warren and Ocasio-Cortez got involved. They criticised the company": a "they" that
         * opens a sentence stands for the plural subject of the one before, after an opening
         * phrase of time or place too ("On May 13, they seized ...": no actor before it) */
        if ((i == 0 || (nm == 0 && !strcmp(tw(s, i - 1), ",") && !quote_marks(s, 0, i))) && !strcmp(s->tok[i].up, "THEY") &&
            a->they_code[0]) {
            m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + 1), m[nm].actor = 1;
            m[nm].person = a->they_person;
            snprintf(m[nm].code, sizeof m[nm].code, "%s", a->they_code);
            nm++;
            i++;
            continue;
        }
        /* "when residents marched on the campus, they faced teargas": "they" after a comma stands
         * for the plural actor or agent earlier in its own sentence */
        if (!strcmp(s->tok[i].up, "THEY") && nm > 0 && i > 0 && !strcmp(tw(s, i - 1), ",") && s->has_syn) {
            int j = (int)nm - 1;
            for (; j >= 0; j--) {
                if (!(m[j].e > 0 && (size_t)m[j].e - 1 < s->syn.n &&
                      (s->syn.pos[m[j].e - 1] == FW_POS_NNS || s->syn.pos[m[j].e - 1] == FW_POS_NNPS) &&
                      strcmp(m[j].code, "---") && m[j].person < 0))
                    continue;
                /* (not one inside a quotation that closed before: "launched 'save the students'
                 * marches, they faced") */
                if (quote_marks(s, m[j].e, i) % 2 == 0) break;
            }
            if (j >= 0) {
                m[nm] = m[j];
                m[nm].s = (uint16_t)i, m[nm].e = (uint16_t)(i + 1);
                /* "Swedish protesters": the country the adjective before the agent gives */
                if (j > 0 && m[j - 1].e == m[j].s && !m[j].actor && m[j].code[0] == '~' && m[j - 1].actor &&
                    strlen(m[j - 1].code) == 3 && strcmp(m[j - 1].code, "---")) {
                    char joined[sizeof m[nm].code];
                    snprintf(joined, sizeof joined, "%s%s", m[j - 1].code, m[j].code + 1);
                    memcpy(m[nm].code, joined, sizeof joined);
                    m[nm].actor = 1;
                }
                nm++;
                i++;
                continue;
            }
        }
        n = i < a->place_end ? 0 : fw_code_named_mention(a, s, i, &m[nm]);
        if (n) {
            nm++;
            i += n;
            continue;
        }
        i++;
    }
    s->nm = nm;
    for (size_t i = 0; i < s->nt; i++) s->ment[i] = -1;
    for (size_t k = 0; k < nm; k++)
        for (size_t t = m[k].s; t < m[k].e; t++) s->ment[t] = -2;
}

/* Whether the tagger reads token t as a finite verb or a modal ("was", "has", "will"). */
static int finite_at(const struct sent *s, size_t t)
{
    if (!s->has_syn || t >= s->syn.n) return 0;
    uint8_t p = s->syn.pos[t];
    return p == FW_POS_VBD || p == FW_POS_VBZ || p == FW_POS_VBP || p == FW_POS_MD;
}

/* The first of the words before token t that modify what starts there ("a", "the local"), up to
 * two: the word before it is what governs the phrase ("on a school", "for the Interior Ministry"). */
static size_t modifiers_start(const struct sent *s, size_t t)
{
    size_t b = t;
    while (b > 0 && b + 3 > t &&
           (is(s, b - 1, C_DETERMINERS) ||
            (s->has_syn && b - 1 < s->syn.n && !(s->tok[b - 1].flags & TOK_CAP) &&
             (s->syn.pos[b - 1] == FW_POS_JJ || s->syn.pos[b - 1] == FW_POS_CD))))
        b--;
    return b;
}

/* Whether the syntactic pass reads the noun phrase at token b as an apposition of the one at
 * token a ("the president, Mahmoud Abbas,"). */
static int apposition(const struct sent *s, size_t a, size_t b)
{
    if (!s->has_syn || a >= s->syn.n || b >= s->syn.n) return 0;
    int y = s->syn.np_of[b];
    if (y < 0) return 0;
    for (size_t k = 0; k < s->syn.nnp; k++)
        if (s->syn.np[k].appos == y && s->syn.np[k].start <= (int)a && (int)a < s->syn.np[y].start) return 1;
    return 0;
}

/* An acronym of the article ("TTP", "RSF") and the code of the actor it stands for. */
static void add_acronym(struct article *a, const char *acr, const char *code)
{
    snprintf(a->acr[a->nacr].acr, sizeof a->acr->acr, "%s", acr);
    snprintf(a->acr[a->nacr].code, sizeof a->acr->code, "%s", code);
    a->nacr++;
}

static void build_phrases(struct article *a, struct sent *s)
{
    const struct mention *m = s->m;
    size_t nm = s->nm;
    /* mentions in one noun chunk make one phrase: actor code + agents */
    s->nph = 0;
    for (size_t k = 0; k < nm && s->nph < MAXPH;) {
        struct phrase *p = &s->ph[s->nph];
        memset(p, 0, sizeof *p);
        p->s = m[k].s;
        p->head = m[k].s;
        size_t j = k, last_e = m[k].e;
        /* extend while the next mention is in the same chunk; OF and FROM join ("leaders of Egypt") */
        while (j + 1 < nm) {
            size_t t;
            int ok = 1;
            int agents_only = 1;
            for (size_t u = k; u <= j; u++)
                if (m[u].actor) agents_only = 0;
            for (t = last_e; t < m[j + 1].s; t++) {
                const char *w = tw(s, t);
                /* "leaders of Egypt", "officials from Iraq", "activists in Arnor" */
                if (!chunk_boundary(s, t) || !strcmp(w, "OF") || !strcmp(w, "FROM")) continue;
                if (!strcmp(w, "IN") && agents_only && m[j + 1].actor) continue;
                ok = 0;
                break;
            }
            if (!ok || m[j + 1].s - last_e > 4) break;
            j++;
            last_e = m[j].e;
        }
        /* the phrase's actor: the first the dictionaries know, else a name they do not */
        const char *base = NULL;
        for (size_t t = k; t <= j; t++)
            if (m[t].actor && strcmp(m[t].code, "---")) { base = m[t].code; break; }
        for (size_t t = k; t <= j && !base; t++)
            if (m[t].actor) base = m[t].code;
        snprintf(p->code, sizeof p->code, "%s", base ? base : "---");
        snprintf(p->base, sizeof p->base, "%s", base ? base : "---");
        p->has_actor = base != NULL;
        p->agent_first = !m[k].actor;
        for (size_t t = k; t <= j; t++)
            if (!m[t].actor) add_agent(p->code, sizeof p->code, m[t].code);
        /* "chief executive of Ceres Robotics", "president of Chapter & Verse": a head's title before
         * "of" and a body no dictionary knows heads that body (a company, a school), no government */
        if (!m[k].actor && base && !strcmp(base, "---") && j > k && m[j].actor && m[k].e < s->nt &&
            !strcmp(tw(s, m[j].s - 1), "OF") && !strcmp(m[k].code, "~GOV"))
            snprintf(p->code, sizeof p->code, "---");
        p->e = (uint16_t)last_e;
        p->person = -1;
        p->place = 0;
        int possessor = 0;   /* "Hurst's lawyer": the person owns the title, holds none */
        for (size_t t = k; t <= j; t++) {
            if (m[t].person >= 0) p->person = m[t].person, possessor = m[t].e < s->nt && !strcmp(tw(s, m[t].e), "'S");
            p->place |= m[t].place;
        }
        /* a named person's titles ("Secretary of State Mike Pompeo", "U.S. Attorney James
         * Kennedy") become the person's code for the rest of the article */
        if (p->person >= 0 && !possessor && strcmp(p->code, "---") && !strcmp(a->persons[p->person].code, "---"))
            snprintf(a->persons[p->person].code, sizeof a->persons->code, "%s", p->code);
        p->next = -1;
        p->first = (int16_t)s->nph;
        p->nonstate = nonstate_code(p->code);
        for (size_t t = p->s; t < p->e; t++) s->ment[t] = (int16_t)s->nph;
        /* an acronym defined in the text: "Tehrik-i-Taliban Pakistan (TTP)" */
        if (p->has_actor && (size_t)p->e + 2 < s->nt && strcmp(tw(s, p->e), "(") == 0 && strcmp(tw(s, p->e + 2), ")") == 0 &&
            (s->tok[p->e + 1].flags & TOK_ALLCAP) && a->nacr < MAXACR && strlen(tw(s, p->e + 1)) < 16) {
            add_acronym(a, tw(s, p->e + 1), p->code);
        } else if (p->has_actor && a->nacr < MAXACR) {
            /* "the Rapid Support Forces" ... "RSF fighters": news abbreviates a body it has named by
             * the initials of its capitalized words without saying so */
            char ini[16];
            size_t ni = 0;
            for (size_t t = p->s; t < p->e && ni + 1 < sizeof ini; t++)
                if ((s->tok[t].flags & TOK_CAP) && !(s->tok[t].flags & TOK_ALLCAP) && isalpha((unsigned char)tw(s, t)[0]))
                    ini[ni++] = tw(s, t)[0];
                else if (ni && !strcmp(tw(s, t), "'S")) ni = 0;   /* ("Sudan's Rapid Support Forces") */
            ini[ni] = 0;
            int known = 0;
            for (int q = 0; q < a->nacr; q++) known |= !strcmp(a->acr[q].acr, ini);
            if (ni >= 3 && !known) add_acronym(a, ini, p->code);
        }
        if (p->has_actor && p->nonstate)
            snprintf(a->last_nonstate, sizeof a->last_nonstate, "%s", p->code), a->last_nonstate_at = a->nsent;
        /* "WeWorkers Coalition", "the Sahel Freedom Front": a group no dictionary knows, named by
         * a collective noun, is what a later "the group" stands for */
        static const char *const collective[] = {"GROUP", "COALITION", "ALLIANCE", "MOVEMENT", "FRONT", "NETWORK",
                                                 "ASSOCIATION", "ORGANIZATION", "ORGANISATION", "UNION", "LEAGUE",
                                                 "BRIGADE", "BRIGADES", "MILITIA", NULL};
        if (p->person >= 0 && !a->persons[p->person].human && !strcmp(p->code, "---") && p->e > p->s &&
            in_list(tw(s, p->e - 1), collective) && (s->tok[p->e - 1].flags & TOK_CAP))
            a->last_body = p->person, a->last_body_at = a->nsent;
        s->nph++;
        /* the pair's second member: the same words, the other actor, a compound with the first */
        if (m[k].pair && j == k && s->nph < MAXPH) {
            struct phrase *q = &s->ph[s->nph];
            *q = *p;
            snprintf(q->code, sizeof q->code, "%s", a->pair[1]);
            snprintf(q->base, sizeof q->base, "%s", a->pair[1]);
            q->nonstate = nonstate_code(q->code);
            q->first = p->first;
            p->next = (int16_t)s->nph;
            s->nph++;
        }
        k = j + 1;
    }
    /* compounds: phrases separated by "and", "or", commas, and adjectives ("Evil Mordor, the awful Fornost") */
    for (size_t k = 0; k + 1 < s->nph; k++) {
        size_t t = s->ph[k].e, u = s->ph[k + 1].s;
        if (u <= t || u - t > 4) continue;
        int ok = 1, conj = 0;
        for (size_t x = t; x < u; x++) {
            const char *w = tw(s, x);
            /* "12 Palestinians, including four children": a part of the phrase before, no member */
            if (!strcmp(w, "INCLUDING") || !strcmp(w, "AMONG")) ok = 0;
            if (strcmp(w, "AND") == 0 || strcmp(w, "OR") == 0) conj = 1;
            else if (strcmp(w, ",") == 0) conj |= 2;
            else if (is(s, x, C_DETERMINERS)) continue;
            else if (s->isverb[x] || is_punct(s, x) || is(s, x, C_BOUNDARIES | C_PREPOSITIONS)) ok = 0;
        }
        /* "Gondor, AFP reported": a comma alone joins a name no dictionary knows into a list
         * only when the list goes on to an "and" or "or" */
        if (ok && conj == 2 && (fw_code_unknown_name(s, (int)k) || fw_code_unknown_name(s, (int)k + 1))) {
            int more = 0;
            for (size_t x = s->ph[k + 1].e; x < s->nt && x < (size_t)s->ph[k + 1].e + 12 && !s->isverb[x]; x++)
                more |= !strcmp(tw(s, x), "AND") || !strcmp(tw(s, x), "OR");
            if (!more) ok = 0;
        }
        /* "marched on the embassy, they faced ...": a pronoun after a comma starts a clause */
        if (ok && conj == 2 && s->ph[k + 1].e == s->ph[k + 1].s + 1 &&
            (!strcmp(tw(s, s->ph[k + 1].s), "THEY") || !strcmp(tw(s, s->ph[k + 1].s), "HE") ||
             !strcmp(tw(s, s->ph[k + 1].s), "SHE")))
            ok = 0;
        /* "Mr. Trump's personal lawyer, Rudy Giuliani,": an apposition names the same actor again,
         * it is no second member of a list */
        if (ok && conj == 2 && apposition(s, (size_t)s->ph[k].e - 1, s->ph[k + 1].s)) ok = 0;
        /* "... killed in Afghanistan, the US military said": a comma between a preposition's
         * object and the subject of the verb right after it ends a clause, it lists no one */
        /* ("in the Lviv, Kharkiv and Odesa regions, Energy Minister Herman Halushchenko said": the
         * list the preposition heads ends there too) */
        size_t lead_s = s->ph[s->ph[k].first >= 0 ? s->ph[k].first : (int)k].s;
        for (int step = 0; step < 8 && lead_s > 0 &&
                           (is(s, lead_s - 1, C_DETERMINERS) || !strcmp(tw(s, lead_s - 1), ",") ||
                            !strcmp(tw(s, lead_s - 1), "AND") || (s->tok[lead_s - 1].flags & TOK_CAP));
             step++)
            lead_s--;
        /* ("arrested three men in Karimama, and Niger's government announced ...": a comma and an
         * "and" before a subject and its verb join two clauses) */
        int comma_and = conj & 1;
        if (comma_and) {
            comma_and = 0;
            for (size_t x = t > 0 ? t - 1 : t; x < u; x++) comma_and |= !strcmp(tw(s, x), ",");
        }
        if (ok && (conj == 2 || comma_and) && s->ph[k + 1].e < s->nt && (s->isverb[s->ph[k + 1].e] || finite_at(s, s->ph[k + 1].e)) &&
            lead_s > 0 && lead_s < s->ph[k].s && is(s, lead_s - 1, C_PREPOSITIONS))
            ok = 0;
        if (ok && comma_and && s->ph[k + 1].e < s->nt && (s->isverb[s->ph[k + 1].e] || finite_at(s, s->ph[k + 1].e)) &&
            s->ph[k].s > 0 && is(s, s->ph[k].s - 1, C_PREPOSITIONS))
            ok = 0;
        /* "when, according to the federal government, TPLF-aligned forces attacked": a
         * preposition's object (past its modifiers) and the subject after its comma are no list */
        if (ok && conj == 2 && s->ph[k + 1].e < s->nt && (s->isverb[s->ph[k + 1].e] || finite_at(s, s->ph[k + 1].e))) {
            size_t ms = modifiers_start(s, s->ph[k].s);
            if (ms > 0 && ms < s->ph[k].s && is(s, ms - 1, C_PREPOSITIONS)) ok = 0;
        }
        if (ok && conj == 2 && s->ph[k + 1].e < s->nt && (s->isverb[s->ph[k + 1].e] || finite_at(s, s->ph[k + 1].e)) &&
            (s->ph[k].s > 0 && (is(s, s->ph[k].s - 1, C_PREPOSITIONS) ||
                                /* "seized an oil tanker in the Gulf of Oman, the US Navy said": an
                                 * object, then the speaker */
                                (k > 0 && s->ph[k].s > 0 && s->isverb[s->ph[k].s - 1]) ||
                                is(s, s->ph[k].s - 1, C_DETERMINERS))))
            ok = 0;
        /* "In Kharkiv, a Russian missile hit ...": the comma after a sentence's opening adjunct
         * ends it; the phrase after it starts the clause ("In Kharkiv, Odesa and Dnipro, ..." goes
         * on to a list's "and") */
        if (ok && conj == 2 && k == 0) {
            size_t g = s->ph[k].s;
            while (g > 0 && is(s, g - 1, C_DETERMINERS)) g--;
            int more = 0;
            for (size_t x = s->ph[k + 1].e; x < s->nt && x <= (size_t)s->ph[k + 1].e + 1; x++)
                more |= !strcmp(tw(s, x), "AND") || !strcmp(tw(s, x), "OR") || !strcmp(tw(s, x), ",");
            if (g == 1 && is(s, 0, C_PREPOSITIONS) && !more) ok = 0;
        }
        if (ok && conj) {
            s->ph[k].next = (int16_t)(k + 1);
            s->ph[k + 1].first = s->ph[k].first;
        }
    }
    /* the last two actors named together, for a later "the two leaders" */
    for (size_t k = 0; k < s->nph; k++) {
        const struct phrase *f = &s->ph[k];
        if (f->first != (int16_t)k || f->next < 0 || s->ph[f->next].next >= 0) continue;
        const struct phrase *g = &s->ph[f->next];
        /* (states, bodies, groups and their people: "an American and an Australian", "American
         * Kevin King and Australian Timothy Weeks" are two people, no sides) */
        if (f->has_actor && g->has_actor && strcmp(f->code, "---") && strcmp(g->code, "---") && strcmp(f->code, g->code) &&
            !(fw_code_human_phrase(s, (int)k) && f->person < 0) && !(fw_code_human_phrase(s, f->next) && g->person < 0) &&
            (fw_code_political_code(f->code) || (strlen(f->code) == 3 && f->person < 0)) &&
            (fw_code_political_code(g->code) || (strlen(g->code) == 3 && g->person < 0))) {
            snprintf(a->pair[0], sizeof a->pair[0], "%s", f->code);
            snprintf(a->pair[1], sizeof a->pair[1], "%s", g->code);
        }
    }
    /* "the ambassadors of Arnor, Osgiliath and Gondor", "Hungarian and Romanian officials": the agents
     * of the first member, else of the last, apply to the members without their own */
    for (size_t k = 0; k < s->nph; k++) {
        const struct phrase *f = &s->ph[k];
        if (f->first != (int16_t)k || f->next < 0) continue;
        const struct phrase *from = NULL;
        for (int x = (int)k; x >= 0; x = s->ph[x].next) {
            const struct phrase *p = &s->ph[x];
            size_t bl = strlen(p->base);
            int agented = p->has_actor && !strncmp(p->code, p->base, bl) && p->code[bl];
            int after_and = p->s > 0 && (!strcmp(tw(s, p->s - 1), "AND") || !strcmp(tw(s, p->s - 1), "OR"));
            if (agented && (x == (int)k || (s->ph[x].next < 0 && !p->agent_first && after_and)) && !from) from = p;
        }
        if (!from) continue;
        const char *suffix = from->code + strlen(from->base);
        for (int x = (int)k; x >= 0; x = s->ph[x].next) {
            struct phrase *p = &s->ph[x];
            /* ("Colombia's government and the ELN": a group with a sector of its own, COLREB,
             * takes no other member's) */
            if (p != from && p->has_actor && strcmp(p->code, p->base) == 0 && strlen(p->base) <= 3)
                snprintf(p->code + strlen(p->code), sizeof p->code - strlen(p->code), "%s", suffix);
        }
    }
    /* "dismissed by Ukraine's Western backers", "Russia's allies": those a possessor has as backers,
     * allies, rivals or critics are others, not the possessor */
    static const char *const relational[] = {"BACKERS", "ALLIES", "PARTNERS", "RIVALS", "ENEMIES", "CRITICS", "OPPONENTS",
                                             "ADVERSARIES", "NEIGHBOURS", "NEIGHBORS", "FOES", "DETRACTORS", "SPONSORS",
                                             NULL};
    for (size_t k = 0; k < s->nph; k++) {
        struct phrase *p = &s->ph[k];
        if ((size_t)p->e + 1 >= s->nt || strcmp(tw(s, p->e), "'S") || p->person >= 0) continue;
        size_t t = p->e + 1;
        while (t < s->nt && t < (size_t)p->e + 4 && s->has_syn && t < s->syn.n && s->syn.pos[t] == FW_POS_JJ) t++;
        if (t < s->nt && in_list(tw(s, t), relational)) {
            snprintf(p->code, sizeof p->code, "---");
            p->has_actor = 0;
        }
    }
    /* "the Indian foreign minister met his Chinese counterpart": a counterpart holds, for its
     * country, the role of the actor it is the counterpart of (the sentence's first with a sector) */
    for (size_t k = 0; k < s->nph; k++) {
        struct phrase *p = &s->ph[k];
        if (p->e >= s->nt || strncmp(tw(s, p->e), "COUNTERPART", 11) || strlen(p->code) != 3 || !p->has_actor) continue;
        for (size_t x = 0; x < k; x++) {
            const char *c = s->ph[x].code;
            if (strlen(c) >= 6 && isalpha((unsigned char)c[0]) && strncmp(c, "---", 3)) {
                snprintf(p->code + 3, sizeof p->code - 3, "%.3s", c + 3);
                break;
            }
        }
    }
    /* "Abdul Mateen Qani, a spokesman for the Interior Ministry, said": a name no dictionary knows
     * takes the code its apposition gives, the body its role is "for" or "of" before the role */
    for (size_t k = 0; k + 1 < s->nph; k++) {
        struct phrase *p = &s->ph[k];
        if (p->person < 0 || strcmp(p->code, "---") || p->e >= s->nt || strcmp(tw(s, p->e), ",") ||
            !apposition(s, (size_t)p->e - 1, (size_t)p->e + 1))
            continue;
        int role = -1, body = -1;
        for (size_t x = k + 1; x < s->nph && s->ph[x].s < p->e + 12; x++) {
            const struct phrase *q = &s->ph[x];
            int closed = 0;
            for (size_t t = p->e + 1; t < q->s; t++) closed |= !strcmp(tw(s, t), ",") || s->isverb[t];
            if (closed || !strcmp(q->code, "---")) break;
            size_t g = modifiers_start(s, q->s);
            if (g > 0 && (!strcmp(tw(s, g - 1), "FOR") || !strcmp(tw(s, g - 1), "OF"))) {
                if (body < 0) body = (int)x;
            } else if (role < 0) {
                role = (int)x;
            }
        }
        int use = body >= 0 ? body : role;
        if (use < 0) continue;
        snprintf(p->code, sizeof p->code, "%s", s->ph[use].code);
        if (!strcmp(a->persons[p->person].code, "---"))
            snprintf(a->persons[p->person].code, sizeof a->persons->code, "%s", p->code);
    }
}

/* ---- verbs ---- */

/* Whether token i is a plural noun (by the tagger) heading a noun phrase that a predicate of the
 * syntactic pass takes as its object, or a member of that object's coordination. */
static int object_head(const struct sent *s, size_t i)
{
    if (!s->has_syn || i >= s->syn.n || s->syn.pos[i] != FW_POS_NNS) return 0;
    int k = s->syn.np_of[i];
    if (k < 0 || (size_t)k >= s->syn.nnp || s->syn.np[k].head != (int)i) return 0;
    for (size_t q = 0; q < s->syn.npred; q++)
        for (int x = s->syn.pred[q].obj, d = 0; x >= 0 && (size_t)x < s->syn.nnp && d < 8; x = s->syn.np[x].conj, d++)
            if (x == k) return 1;
    return 0;
}

static void find_verbs(const struct fw_dict *d, struct sent *s)
{
    s->nvc = 0;
    memset(s->isverb, 0, s->nt);
    for (size_t i = 0; i < s->nt && s->nvc < sizeof s->vc / sizeof s->vc[0]; i++) {
        int32_t id = s->tok[i].id;
        if (id < 0 || (size_t)id + 1 >= d->nvoff || d->voff[id] == d->voff[id + 1]) continue;
        if (s->ment[i] != -1) continue;

        if (i > 0 && (s->tok[i].flags & TOK_CAP) && !(s->tok[i].flags & TOK_ALLCAP)) continue;   /* a name */
        /* "according to a police source", "owing to": a complex preposition, no verb */
        if (i + 1 < s->nt && !strcmp(tw(s, i + 1), "TO") && (!strcmp(tw(s, i), "ACCORDING") || !strcmp(tw(s, i), "OWING")))
            continue;
        /* "if petrol bombs or weaponry were used": a plural the tagger reads as a noun, after a
         * noun or adjective that modifies it, and before a verb, a conjunction or a stop, heads a
         * noun phrase */
        if (s->has_syn && i > 0 && i < s->syn.n && s->syn.pos[i] == FW_POS_NNS &&
            (s->syn.pos[i - 1] == FW_POS_NN || s->syn.pos[i - 1] == FW_POS_JJ) &&
            /* "NATO allies pledged": a name before it modifies it too when a finite verb follows */
            (!(s->tok[i - 1].flags & TOK_CAP) ||
             (i + 1 < s->syn.n && (s->syn.pos[i + 1] == FW_POS_VBD || s->syn.pos[i + 1] == FW_POS_VBZ ||
                                   s->syn.pos[i + 1] == FW_POS_VBP || s->syn.pos[i + 1] == FW_POS_MD))) &&
            (i + 1 >= s->syn.n || s->syn.pos[i + 1] == FW_POS_CC || s->syn.pos[i + 1] == FW_POS_MD ||
             s->syn.pos[i + 1] == FW_POS_COMMA || s->syn.pos[i + 1] == FW_POS_PERIOD ||
             (s->syn.pos[i + 1] >= FW_POS_VB && s->syn.pos[i + 1] <= FW_POS_VBZ) ||
             /* "agricultural exports to China dropped": after an adjective, before a preposition;
              * "peace talks in Jeddah": after a common noun too */
             ((s->syn.pos[i - 1] == FW_POS_JJ || (s->syn.pos[i - 1] == FW_POS_NN && !(s->tok[i - 1].flags & TOK_CAP))) &&
              (s->syn.pos[i + 1] == FW_POS_IN || s->syn.pos[i + 1] == FW_POS_TO))))
            continue;
        /* "U.S. imports of steel", "Iranian attacks of the past week": a plural the tagger reads as
         * a noun, right before "of", heads a noun phrase (a verb takes no "of" after it) */
        if (s->has_syn && i + 1 < s->syn.n && s->syn.pos[i] == FW_POS_NNS && !strcmp(tw(s, i + 1), "OF")) continue;
        /* "Israel struck Hezbollah targets in Lebanon": a plural right after a name, in a clause
         * whose finite verb came before, is that verb's object, no verb */
        if (s->has_syn && i > 1 && i < s->syn.n && s->syn.pos[i] == FW_POS_NNS &&
            (s->syn.pos[i - 1] == FW_POS_NNP || s->syn.pos[i - 1] == FW_POS_NNPS)) {
            int finite_before = 0;
            for (size_t t = i - 1; t-- > 0;) {
                if (is_punct(s, t) || s->syn.pos[t] == FW_POS_CC || is(s, t, C_SUBORDINATORS)) break;
                if (s->syn.pos[t] == FW_POS_VBD || s->syn.pos[t] == FW_POS_VBZ || s->syn.pos[t] == FW_POS_VBP) {
                    finite_before = 1;
                    break;
                }
            }
            if (finite_before) continue;
        }
        /* "cleared him of all charges", "the talks": a plural the tagger reads as a noun right after
         * a determiner is no verb */
        if (s->has_syn && i > 0 && i < s->syn.n && s->syn.pos[i] == FW_POS_NNS && s->syn.pos[i - 1] == FW_POS_DT) continue;
        /* "launched 'save the students' marches": a plural right after a closing quotation mark
         * is the noun the quotation names */
        if (s->has_syn && i > 0 && i < s->syn.n && s->syn.pos[i] == FW_POS_NNS && quote_mark(s, i - 1) &&
            quote_marks(s, 0, i) % 2 == 0)
            continue;
        /* "dozens of attacks", "in raids across the West Bank": a plural right after a
         * preposition is its object, no verb */
        if (s->has_syn && i > 0 && i < s->syn.n && s->syn.pos[i] == FW_POS_NNS && s->syn.pos[i - 1] == FW_POS_IN &&
            !(s->tok[i - 1].flags & TOK_CAP))
            continue;
        /* "the two exiled dissidents", "the wounded soldiers": a participle between a determiner, a
         * number or an adjective and the noun after it describes that noun */
        if (s->has_syn && i > 0 && i + 1 < s->syn.n && s->syn.pos[i] == FW_POS_VBN &&
            (s->syn.pos[i + 1] == FW_POS_NN || s->syn.pos[i + 1] == FW_POS_NNS) && !(s->tok[i + 1].flags & TOK_CAP) &&
            (s->syn.pos[i - 1] == FW_POS_DT || s->syn.pos[i - 1] == FW_POS_CD || s->syn.pos[i - 1] == FW_POS_JJ ||
             s->syn.pos[i - 1] == FW_POS_PRPS || s->syn.pos[i - 1] == FW_POS_IN))
            continue;
        /* "dozens of suspected ISKP members", "the alleged Russian spies": a participle between a
         * determiner or a preposition and a name that modifies a common noun describes the noun */
        if (s->has_syn && i > 0 && i + 2 < s->syn.n && s->syn.pos[i] == FW_POS_VBN && (s->tok[i + 1].flags & TOK_CAP) &&
            (s->syn.pos[i - 1] == FW_POS_DT || s->syn.pos[i - 1] == FW_POS_CD || s->syn.pos[i - 1] == FW_POS_PRPS ||
             (s->syn.pos[i - 1] == FW_POS_IN && !(s->tok[i - 1].flags & TOK_CAP)))) {
            size_t h = i + 1;
            while (h < i + 3 && h < s->syn.n && (s->tok[h].flags & TOK_CAP) &&
                   (s->syn.pos[h] == FW_POS_NNP || s->syn.pos[h] == FW_POS_JJ))
                h++;
            if (h > i + 1 && h < s->syn.n && !(s->tok[h].flags & TOK_CAP) &&
                (s->syn.pos[h] == FW_POS_NN || s->syn.pos[h] == FW_POS_NNS))
                continue;
        }
        /* "Turkish troops and allied Syrian rebels": a participle after a noun's "and", before an
         * adjective and its noun, describes the second noun (a verb's conjunct follows a verb) */
        if (s->has_syn && i > 1 && i + 2 < s->syn.n && s->syn.pos[i] == FW_POS_VBN && s->syn.pos[i - 1] == FW_POS_CC &&
            (s->syn.pos[i - 2] == FW_POS_NNS || s->syn.pos[i - 2] == FW_POS_NN || s->syn.pos[i - 2] == FW_POS_NNP) &&
            s->syn.pos[i + 1] == FW_POS_JJ && (s->syn.pos[i + 2] == FW_POS_NNS || s->syn.pos[i + 2] == FW_POS_NN))
            continue;
        /* "soldiers and volunteer fighters", "protesters and strike leaders", "rubber bullets and
         * tear gas": a word the tagger reads as a noun, after a noun's "and" or "or", before a
         * common noun, modifies that noun */
        if (s->has_syn && i > 1 && i + 1 < s->syn.n && s->syn.pos[i] == FW_POS_NN && s->syn.pos[i - 1] == FW_POS_CC &&
            (s->syn.pos[i - 2] == FW_POS_NNS || s->syn.pos[i - 2] == FW_POS_NN || s->syn.pos[i - 2] == FW_POS_NNP ||
             s->syn.pos[i - 2] == FW_POS_NNPS) &&
            (s->syn.pos[i + 1] == FW_POS_NNS || s->syn.pos[i + 1] == FW_POS_NN) && !(s->tok[i + 1].flags & TOK_CAP))
            continue;
        /* "a $500 million loan to Egypt", "three attacks": a noun after a number is no verb */
        if (s->has_syn && i > 0 && i < s->syn.n && (s->syn.pos[i] == FW_POS_NN || s->syn.pos[i] == FW_POS_NNS) &&
            s->syn.pos[i - 1] == FW_POS_CD)
            continue;
        /* "shot dead by suspected militants", "arrested protesting farmers": a word the tagger
         * reads as an adjective, between a preposition, determiner or verb and a noun, modifies
         * the noun */
        if (s->has_syn && i > 0 && i + 1 < s->syn.n && s->syn.pos[i] == FW_POS_JJ &&
            (s->syn.pos[i + 1] == FW_POS_NNS || s->syn.pos[i + 1] == FW_POS_NN) &&
            (s->syn.pos[i - 1] == FW_POS_IN || s->syn.pos[i - 1] == FW_POS_DT || s->syn.pos[i - 1] == FW_POS_CD ||
             s->syn.pos[i - 1] == FW_POS_PRPS || s->syn.pos[i - 1] == FW_POS_VBD || s->syn.pos[i - 1] == FW_POS_VBZ ||
             s->syn.pos[i - 1] == FW_POS_VBP))
            continue;
        /* "for unofficial direct talks", "despite growing pressure": a word the tagger reads as an
         * adjective or a noun, after a modifier that follows a determiner or a preposition, is no
         * verb */
        if (s->has_syn && i > 1 && i + 1 < s->syn.n &&
            (s->syn.pos[i] == FW_POS_JJ || s->syn.pos[i] == FW_POS_NN) &&
            (s->syn.pos[i - 1] == FW_POS_JJ || s->syn.pos[i - 1] == FW_POS_VBG) && !(s->tok[i - 1].flags & TOK_CAP) &&
            (s->syn.pos[i - 2] == FW_POS_DT || s->syn.pos[i - 2] == FW_POS_IN || s->syn.pos[i - 2] == FW_POS_PRPS ||
             s->syn.pos[i - 2] == FW_POS_NNP || s->syn.pos[i - 2] == FW_POS_NNPS))   /* "the United Nations peacekeeping force" */
            continue;
        /* "is exploiting delays": a plural the tagger reads as a noun right after a gerund is its
         * object ("held talks" stays the light verb's) */
        if (s->has_syn && i > 0 && i < s->syn.n && s->syn.pos[i] == FW_POS_NNS && s->syn.pos[i - 1] == FW_POS_VBG)
            continue;
        /* "The Swedish command is": a singular noun after a determiner and an adjective, before a
         * finite verb, heads the subject */
        if (s->has_syn && i > 1 && i + 1 < s->syn.n && s->syn.pos[i] == FW_POS_NN && s->syn.pos[i - 1] == FW_POS_JJ &&
            s->syn.pos[i - 2] == FW_POS_DT &&
            (s->syn.pos[i + 1] == FW_POS_VBZ || s->syn.pos[i + 1] == FW_POS_VBD || s->syn.pos[i + 1] == FW_POS_MD))
            continue;
        /* "delays in Western aid deliveries": a singular noun between an adjective and a common noun
         * is the middle of a compound, no verb */
        if (s->has_syn && i > 0 && i + 1 < s->syn.n && s->syn.pos[i] == FW_POS_NN &&
            (s->syn.pos[i - 1] == FW_POS_JJ || s->syn.pos[i - 1] == FW_POS_NNP) &&   /* "EU aid package" */
            (s->syn.pos[i + 1] == FW_POS_NN || s->syn.pos[i + 1] == FW_POS_NNS) && !(s->tok[i + 1].flags & TOK_CAP) &&
            !(s->tok[i].flags & TOK_CAP) && s->ment[i + 1] < 0)
            continue;
        /* "emergency food aid to refugees": a word the tagger reads as a singular noun after a
         * common noun heads their compound, it is no verb */
        if (s->has_syn && i > 0 && i < s->syn.n && s->syn.pos[i] == FW_POS_NN && s->syn.pos[i - 1] == FW_POS_NN &&
            !(s->tok[i - 1].flags & TOK_CAP) && s->ment[i - 1] < 0)
            continue;
        /* "the ongoing Ukraine conflict", "its Iran policy": a singular noun after a name that
         * follows an adjective or a possessive heads their noun phrase (the name modifies it) */
        if (s->has_syn && i > 1 && i < s->syn.n && s->syn.pos[i] == FW_POS_NN && s->syn.pos[i - 1] == FW_POS_NNP &&
            (s->syn.pos[i - 2] == FW_POS_JJ || s->syn.pos[i - 2] == FW_POS_PRPS))
            continue;
        /* "he will extend the curfew": a modal is no verb of its own (a parser tags it MD); "the
         * will of the people" after a determiner stays a noun */
        if ((!strcmp(tw(s, i), "WILL") || !strcmp(tw(s, i), "WOULD") || !strcmp(tw(s, i), "SHALL")) &&
            !(i > 0 && is(s, i - 1, C_DETERMINERS)))
            continue;
        if (i > 0) {
            const char *p = tw(s, i - 1);
            if (s->tok[i - 1].flags & TOK_NUM) continue;                                 /* "3 attacks" */
            /* "after talks"; but a gerund with its object after a preposition heads a clause
             * ("before convicting Webb", "for attacking a convoy") */
            size_t wl = strlen(tw(s, i));
            int gerund_clause = wl > 4 && !strcmp(tw(s, i) + wl - 3, "ING") && i + 1 < s->nt &&
                                (is(s, i + 1, C_DETERMINERS) || s->ment[i + 1] >= 0 ||
                                 ((s->tok[i + 1].flags & TOK_CAP) && !is_punct(s, i + 1)));
            /* ("from occupied Ukraine", "of wounded soldiers": a participle there is an adjective) */
            int adj_participle = (!strcmp(p, "FROM") || !strcmp(p, "OF")) && s->has_syn && i < s->syn.n &&
                                 (s->syn.pos[i] == FW_POS_VBN || s->syn.pos[i] == FW_POS_VBD);
            if ((is(s, i - 1, C_PREPOSITIONS) || adj_participle) && strcmp(p, "TO") != 0 && strcmp(p, "BY") != 0 &&
                !gerund_clause)
                continue;
            /* "the attack", "a brief private visit": a determiner before plain words makes a noun */
            /* "very close"; "they too faced" is a verb the tagger reads as finite */
            if (is(s, i - 1, C_DEGREE_ADVERBS) &&
                !(s->has_syn && i < s->syn.n && (s->syn.pos[i] == FW_POS_VBD || s->syn.pos[i] == FW_POS_VBZ) &&
                  i > 1 && s->syn.pos[i - 2] == FW_POS_PRP))
                continue;
            size_t n = strlen(tw(s, i));
            int past = n > 3 && strcmp(tw(s, i) + n - 2, "ED") == 0;
            /* "reject proposed changes": a participle right after a verb modifies a noun */
            int third = n > 3 && tw(s, i)[n - 1] == 'S' && tw(s, i)[n - 2] != 'S';   /* "called reports" */
            int gerund = n > 4 && !strcmp(tw(s, i) + n - 3, "ING");
            if (!gerund && s->isverb[i - 1] && !is(s, i - 1, C_AUXILIARIES | C_BE_FORMS)) {
                /* "Syrian forces clash": a plural before a bare verb was the subject, not a verb */
                size_t pn = strlen(p);
                struct verbcand *prev = s->nvc ? &s->vc[s->nvc - 1] : NULL;
                if (past || third || pn < 4 || p[pn - 1] != 'S' || !prev || prev->e != i) continue;
                for (size_t t = prev->s; t < prev->e; t++) s->isverb[t] = 0;
                s->nvc--;
            }
            /* "The protests began": an irregular past the tagger reads as finite, after a
             * determiner's noun, is the verb too ("its commanders held by the government" is a
             * participle) */
            /* ("its jets shot down two aircraft": a past the tagger reads as a present the syntactic
             * pass still makes a clause's verb) */
            const struct fw_syn_pred *ip = s->has_syn && i < s->syn.n ? fw_code_syn_pred(s, i) : NULL;
            int irregular = fw_code_past_form(tw(s, i)) && s->has_syn && i < s->syn.n &&
                            (s->syn.pos[i] == FW_POS_VBD ||
                             (ip && s->syn.pos[i] == FW_POS_VBP && !(ip->flags & FW_SYN_PASSIVE) &&
                              (ip->type == FW_CL_MAIN || ip->type == FW_CL_CCOMP || ip->type == FW_CL_ADVCL)));
            int noun = 0, base = !past && !irregular && !third && !gerund, named = 0;
            for (size_t t = i, k = 0; t-- > 0 && k < 4; k++) {
                if (is(s, t, C_DETERMINERS)) {
                    /* "an Islamic State target", "a key U.S. ally": a bare form after a name with an
                     * indefinite or possessive determiner is a noun ("the Philippines agree" is not) */
                    const char *dw = tw(s, t);
                    /* ("A soldier shot a man", "An Israeli drone struck a car": an irregular
                     * past the tagger reads as the finite verb it is, is none) */
                    if (named) noun = (!strcmp(dw, "A") || !strcmp(dw, "AN") || !strcmp(dw, "ITS") ||
                                       !strcmp(dw, "THEIR") || !strcmp(dw, "HIS") || !strcmp(dw, "HER")) &&
                                      !irregular;
                    else noun = !((past || irregular) && k > 0);                      /* "the group attacked" */
                    break;
                }
                if (s->ment[t] != -1 && base && !named) {
                    while (t > 0 && s->ment[t - 1] == s->ment[t]) t--;
                    named = 1;
                    continue;
                }
                /* "offering further military support": a bare form a few words after a verb is its object */
                if (base && s->isverb[t] && !is(s, t, C_AUXILIARIES | C_BE_FORMS)) {
                    noun = 1;
                    break;
                }
                if (s->ment[t] != -1 || is_punct(s, t) || is(s, t, C_BOUNDARIES | C_PREPOSITIONS) ||
                    ((s->tok[t].flags & TOK_CAP) && !(base && t > 0)))   /* "the wealthy Gulf state" */
                    break;
            }
            if (noun) continue;
        }
        /* "the withdrawal of some invasion forces", "rejected recent calls": an -s form after a
         * modifier that follows a determiner, a preposition or a verb heads a noun phrase */
        if (i >= 2) {
            const char *w = tw(s, i), *m = tw(s, i - 1);
            size_t wl = strlen(w), ml = strlen(m);
            if (wl > 3 && w[wl - 1] == 'S' && w[wl - 2] != 'S' && s->ment[i - 1] < 0 && !s->isverb[i - 1] &&
                !(s->tok[i - 1].flags & (TOK_CAP | TOK_NUM)) && !is_punct(s, i - 1) && !(ml > 2 && !strcmp(m + ml - 2, "LY")) &&
                !is(s, i - 1, C_DETERMINERS | C_PREPOSITIONS | C_BOUNDARIES | C_AUXILIARIES | C_SKIPPABLE | C_CLAUSE_STOPS |
                                  C_NEGATIONS | C_SUBORDINATORS | C_GROUP_NOUNS) &&
                (s->isverb[i - 2] || is(s, i - 2, C_DETERMINERS | C_PREPOSITIONS)))
                continue;
        }
        /* "condemned the U.S. and British strikes on Friday": a plural the tagger reads as a noun,
         * heading a noun phrase that a verb takes as its object, is that noun */
        if (object_head(s, i)) continue;
        /* "conceded to demands from UNITA": after "to" only a base form or a gerund is a verb */
        size_t wn = strlen(tw(s, i));
        int after_to = i > 0 && !strcmp(tw(s, i - 1), "TO") && !(wn > 4 && !strcmp(tw(s, i) + wn - 3, "ING"));
        for (uint32_t k = d->voff[id]; k < d->voff[id + 1]; k++) {
            const struct fw_verb *v = &d->verbs[k];
            if (v->vpos > i || i - v->vpos + v->n > s->nt) continue;
            if (after_to && v->vpos == 0 && v->w[0] != v->lemma) continue;
            size_t st = i - v->vpos, j;
            for (j = 0; j < v->n; j++)
                if (s->tok[st + j].id != v->w[j]) break;
            if (j < v->n) continue;
            struct verbcand *c = &s->vc[s->nvc++];
            c->s = (uint16_t)st, c->e = (uint16_t)(st + v->n), c->v = (uint16_t)i;
            c->form = (int32_t)k;
            for (size_t t = st; t < st + v->n; t++) s->isverb[t] = 1;
            i = st + v->n - 1;
            break;
        }
    }
}

static int word_eq(const struct fw_dict *d, const struct fw_tok *t, const struct fw_pel *e)
{
    if (t->id == e->id) return 1;
    if (t->stem < 0 || t->stem != e->stem) return 0;
    /* "plan" is no "plane", "state" no "stat": a bare word meets a dictionary word in -E that
     * the stem cuts only as itself */
    const char *w = e->id >= 0 && (size_t)e->id < d->words.n ? d->words.s[e->id] : NULL;
    size_t wn = w ? strlen(w) : 0, tn = strlen(t->up);
    return !(w && wn == tn + 1 && w[wn - 1] == 'E' && !strncmp(w, t->up, tn));
}

/* Tokens matched by synset member or element list at i (forward), 0 if none. */
static size_t match_els(const struct fw_dict *d, const struct sent *s, size_t i, const struct fw_pel *el, size_t n,
                        int depth);

static size_t match_syn(const struct fw_dict *d, const struct sent *s, size_t i, int32_t name, int depth)
{
    int32_t k = fw_dict_syn(d, name);
    if (k < 0 || depth > 4) return 0;
    const struct fw_syn *sy = &d->syns[k];
    size_t best = 0;
    for (size_t m = 0; m < sy->nmem; m++) {
        size_t off = d->syn_mem[2 * (sy->mem0 + m)], cnt = d->syn_mem[2 * (sy->mem0 + m) + 1];
        size_t got = match_els(d, s, i, d->syn_el + off, cnt, depth + 1);
        if (got > best) best = got;
    }
    return best;
}

static size_t match_els(const struct fw_dict *d, const struct sent *s, size_t i, const struct fw_pel *el, size_t n,
                        int depth)
{
    size_t p = i;
    for (size_t k = 0; k < n; k++) {
        if (p >= s->nt) return 0;
        if (el[k].type == PE_WORD) {
            if (!word_eq(d, &s->tok[p], &el[k])) return 0;
            p++;
        } else if (el[k].type == PE_SYN) {
            size_t got = match_syn(d, s, p, el[k].id, depth);
            if (!got) return 0;
            p += got;
        } else {
            return 0;
        }
    }
    return p - i;
}

/* Synset match ending just before token end (for the upper, backward part). */
static size_t match_syn_back(const struct fw_dict *d, const struct sent *s, size_t end, int32_t name)
{
    for (size_t len = 1; len <= 4 && len <= end; len++)
        if (match_syn(d, s, end - len, name, 0) == len) return len;
    return 0;
}

/* A loose ("space") pattern element looks no further than a clause: not past a comma,
 * semicolon or subordinating word, nor more than 8 tokens away. */
static int gap_stop(const struct sent *s, size_t q, size_t from)
{
    size_t gap = q > from ? q - from : from - q;
    return gap >= 8 || is(s, q, C_CLAUSE_STOPS);
}


static int phrase_at(const struct sent *s, size_t i) { return i < s->nt ? s->ment[i] : -1; }

/* Whether a time starts at token t: a month's or a weekday's name, "night", a number (a year, a
 * day) or a noun phrase the syntactic pass found temporal ("last week"). */
static int time_at(const struct sent *s, size_t t)
{
    if (t >= s->nt) return 0;
    struct fw_cal_name cn;
    const char *w = tw(s, t);
    if ((fw_cal_name(w, strlen(w), FW_CAL_EN, &cn) && !cn.abbr) || !strcmp(w, "NIGHT") || (s->tok[t].flags & TOK_NUM))
        return 1;
    return s->has_syn && t < s->syn.n && s->syn.np_of[t] >= 0 && s->syn.np[s->syn.np_of[t]].temporal &&
           s->syn.np[s->syn.np_of[t]].start == (int)t;
}

/* The syntactic pass's predicate whose lexical verb is token v, NULL. */
const struct fw_syn_pred *fw_code_syn_pred(const struct sent *s, size_t v)
{
    if (!s->has_syn) return NULL;
    for (size_t k = 0; k < s->syn.npred; k++)
        if ((size_t)s->syn.pred[k].verb == v) return &s->syn.pred[k];
    return NULL;
}

/* Where the clause of the verb at v ends to the right: before the verb group of a predicate
 * coordinated with it ("arrested five protesters and fired tear gas": the tear gas is not the
 * arrest's), else at limit. */
static size_t coordinated_limit(const struct sent *s, size_t v, size_t limit)
{
    const struct fw_syn_pred *p = fw_code_syn_pred(s, v);
    if (!p) return limit;
    int pi = (int)(p - s->syn.pred);
    for (size_t k = 0; k < s->syn.npred; k++) {
        const struct fw_syn_pred *q = &s->syn.pred[k];
        if (q->conj != pi || q->vg_start <= (int)v) continue;
        size_t st = (size_t)q->vg_start;
        while (st > v + 1 && is(s, st - 1, C_SKIPPABLE | C_BOUNDARIES)) st--;   /* "and then" */
        if (st < limit) limit = st;
    }
    return limit;
}

static const char *const particles[] = {"OFF", "UP", "DOWN", "OUT", "AWAY", "BACK", NULL};

static void match_pattern(const struct fw_dict *d, const struct sent *s, const struct verbcand *vc,
                          const struct fw_pattern *pt, struct pmatch *m)
{
    memset(m, 0, sizeof *m);
    m->src = m->tgt = m->comp = m->skip = -1;
    m->lo = vc->s, m->hi = vc->e;
    size_t limit = s->nt;
    for (size_t t = vc->e; t < s->nt; t++)
        if (strcmp(tw(s, t), ";") == 0) { limit = t; break; }
    limit = coordinated_limit(s, vc->v, limit);
    /* lower part: after the verb */
    size_t p = vc->e;
    for (size_t k = (size_t)pt->vpos + 1; k < pt->n; k++) {
        const struct fw_pel *e = &pt->el[k];
        size_t q = p, got = 0;
        for (; q < limit; q++) {
            if (e->type == PE_WORD) got = word_eq(d, &s->tok[q], e);
            else if (e->type == PE_SYN) got = match_syn(d, s, q, e->id, 0);
            else {
                int ph = phrase_at(s, q);
                if (ph >= 0 && s->ph[ph].s == q) got = s->ph[ph].e - q;
            }
            /* "wants to help Israel": a noun pattern (WANT * HELP) does not match an infinitive
             * the pattern itself skipped over; that verb codes its own event */
            if (got && e->type != PE_SRC && e->type != PE_TGT && e->type != PE_COMP && e->type != PE_SKIP && q > p &&
                s->isverb[q] && !strcmp(tw(s, q - 1), "TO"))
                got = 0;
            /* "called the chancellor on Monday" is no call on anyone (CALL * (ON)): a pattern that
             * ends in a preposition wants what the preposition governs, and a time is not it */
            if (got && e->type == PE_WORD && k + 1 == pt->n && is(s, q, C_PREPOSITIONS) && time_at(s, q + 1)) got = 0;
            /* "fired missiles into the sea off its coast" is no firing off (FIRE * OFF): a verb's
             * particle comes right after it or after its object, never after another
             * preposition's phrase */
            /* "released a British aid worker" is no release of aid (RELEASE * AID): a word that
             * modifies a noun for people names what they do, not the verb's object */
            if (got && e->type == PE_WORD && k + 1 == pt->n && q + got < s->nt && is(s, q + got, C_HUMAN) &&
                !(s->tok[q + got].flags & TOK_CAP) && !is_punct(s, q + got) && s->has_syn && q + got - 1 < s->syn.n &&
                (s->syn.pos[q + got - 1] == FW_POS_NN || s->syn.pos[q + got - 1] == FW_POS_NNS))
                got = 0;
            /* "fired tear gas to keep them away" is no firing at anyone (FIRE * &WEAPON TO $): a
             * pattern's "to" before an actor is a preposition, no infinitive's marker ("urged X to
             * act", * TO ACT, keeps its infinitive) */
            if (got && e->type == PE_WORD && !strcmp(tw(s, q), "TO") && k + 1 < pt->n &&
                (pt->el[k + 1].type == PE_TGT || pt->el[k + 1].type == PE_SRC || pt->el[k + 1].type == PE_COMP) &&
                s->has_syn && q + 1 < s->syn.n && s->syn.pos[q + 1] == FW_POS_VB)
                got = 0;
            if (got && e->type == PE_WORD && q > p && in_list(tw(s, q), particles))
                for (size_t u = p; u < q; u++)
                    if (is(s, u, C_PREPOSITIONS)) got = 0;
            if (got || e->adj || gap_stop(s, q, p)) break;
        }
        if (!got) return;
        if (e->type == PE_SRC) m->src = s->ment[q];
        else if (e->type == PE_TGT) m->tgt = s->ment[q];
        else if (e->type == PE_COMP) m->comp = s->ment[q], m->comp_lower = 1;
        else if (e->type == PE_SKIP) m->skip = s->ment[q];
        else if (e->type == PE_WORD && in_list(s->tok[q].up, negations)) m->has_neg = 1;
        p = q + got;
    }
    m->hi = p;
    /* upper part: before the verb, matched backwards */
    size_t lower = 0;
    for (size_t t = vc->s; t-- > 0;)
        if (strcmp(tw(s, t), ";") == 0) { lower = t + 1; break; }
    size_t end = vc->s;                    /* tokens before `end` are free */
    for (size_t k = pt->vpos; k-- > 0;) {
        const struct fw_pel *e = &pt->el[k];
        int adj = pt->el[k + 1].adj;
        size_t got = 0, q = end;
        while (q > lower) {
            if (e->type == PE_WORD) got = word_eq(d, &s->tok[q - 1], e);
            else if (e->type == PE_SYN) got = match_syn_back(d, s, q, e->id);
            else {
                int ph = phrase_at(s, q - 1);
                if (ph >= 0 && s->ph[ph].e == q) got = q - s->ph[ph].s;
            }
            if (got || adj || gap_stop(s, q - 1, end - 1)) break;
            q--;
        }
        if (!got) return;
        size_t st = q - got;
        if (e->type == PE_SRC) m->src = s->ment[st];
        else if (e->type == PE_TGT) m->tgt = s->ment[st];
        else if (e->type == PE_COMP) m->comp = s->ment[st];
        else if (e->type == PE_SKIP) m->skip = s->ment[st];
        else if (e->type == PE_WORD && in_list(s->tok[st].up, negations)) m->has_neg = 1;
        end = st;
    }
    m->lo = end;
    m->ok = 1;
}

/* ---- numbers, quantities, casualties ---- */

static long word_number(const char *w)
{
    static const char *const units[] = {"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT",
                                        "NINE", "TEN", "ELEVEN", "TWELVE", "THIRTEEN", "FOURTEEN", "FIFTEEN",
                                        "SIXTEEN", "SEVENTEEN", "EIGHTEEN", "NINETEEN", NULL};
    static const char *const tens[] = {"TWENTY", "THIRTY", "FORTY", "FIFTY", "SIXTY", "SEVENTY", "EIGHTY", "NINETY",
                                       NULL};
    if (isdigit((unsigned char)w[0])) {
        long v = 0;
        int digits = 0;
        for (const char *p = w; *p; p++) {
            if (isdigit((unsigned char)*p)) {
                if (++digits > 9) return -1;
                v = v * 10 + (*p - '0');
            } else if (*p != ',') return -1;
        }
        return v;
    }
    for (int i = 0; units[i]; i++)
        if (strcmp(w, units[i]) == 0) return i;
    for (int i = 0; tens[i]; i++) {
        size_t n = strlen(tens[i]);
        if (strncmp(w, tens[i], n) == 0) {
            if (!w[n]) return 20 + 10 * i;
            if (w[n] == '-')
                for (int u = 1; u < 10; u++)
                    if (strcmp(w + n + 1, units[u]) == 0) return 20 + 10 * i + u;
        }
    }
    if (strcmp(w, "DOZEN") == 0) return 12;
    if (strcmp(w, "DOZENS") == 0) return 24;
    if (strcmp(w, "SCORES") == 0) return 40;
    if (strcmp(w, "HUNDREDS") == 0) return 200;
    if (strcmp(w, "THOUSANDS") == 0) return 2000;
    return -1;
}

/* Value of the number at token i (with "hundred", "thousand", "million" multipliers); *n = tokens used. */
static long number_at(const struct sent *s, size_t i, size_t *n)
{
    long v = word_number(tw(s, i));
    *n = 1;
    if (v < 0) return -1;
    const char *nx = tw(s, i + 1);
    if (strcmp(nx, "HUNDRED") == 0) v *= 100, (*n)++;
    else if (strcmp(nx, "THOUSAND") == 0) v *= 1000, (*n)++;
    else if (strcmp(nx, "MILLION") == 0) v *= 1000000, (*n)++;
    return v;
}

static int casualty_word(const char *w)
{
    if (!strcmp(w, "KILLED") || !strcmp(w, "DEAD") || !strcmp(w, "DIED") || !strcmp(w, "KILLING") ||
        !strcmp(w, "DEATHS") || !strcmp(w, "FATALITIES") || !strcmp(w, "LIVES"))
        return 1;
    if (!strcmp(w, "WOUNDED") || !strcmp(w, "INJURED") || !strcmp(w, "WOUNDING") || !strcmp(w, "INJURING") ||
        !strcmp(w, "HURT") || !strcmp(w, "INJURIES"))
        return 2;
    return 0;
}

static int in_spans(size_t off, const struct fw_tdate *dt, int nd)
{
    for (int k = 0; k < nd; k++)
        if (off >= dt[k].start && off < dt[k].end) return 1;
    return 0;
}

/* A count of people or things at token i ("12 rockets", "dozens of protesters"), not a date,
 * a casualty count (used) or a span of time: fills ev's quantity and unit, 1. */
static int quantity_at(const struct sent *s, size_t i, const uint8_t *used, const struct fw_tdate *dt, int nd,
                       size_t base, struct fw_event *ev)
{
    size_t n;
    if (used[i] || in_spans(s->tok[i].start - base, dt, nd)) return 0;
    /* "dozens of attackers", "thousands of protesters": no count a consumer may add up */
    static const char *const vague[] = {"DOZENS", "SCORES", "HUNDREDS", "THOUSANDS", NULL};
    if (in_list(tw(s, i), vague)) return 0;
    long v = number_at(s, i, &n);
    if (v < 0) return 0;
    size_t j = i + n, last = 0;
    if (strcmp(tw(s, j), "OF") == 0) j++;       /* "dozens of" */
    for (size_t k = j; k < s->nt && k < j + 4; k++) {
        if (is_punct(s, k) || !strcmp(tw(s, k), "-") || is(s, k, C_PREPOSITIONS) || is(s, k, C_BOUNDARIES) ||
            s->isverb[k])
            break;
        last = k + 1;
    }
    /* "deported 300 Haitian migrants last week": the count's noun is its phrase's head, not a
     * time after it */
    if (s->has_syn && i < s->syn.n && s->syn.np_of[i] >= 0 && (size_t)s->syn.np_of[i] < s->syn.nnp) {
        int h = s->syn.np[s->syn.np_of[i]].head;
        if (h > (int)i && (size_t)h < s->nt && (size_t)h < j + 4 && !is(s, (size_t)h, C_TIME_UNITS)) last = (size_t)h + 1;
    }
    if (!last || is(s, last - 1, C_TIME_UNITS)) return 0;
    ev->qty = v;
    size_t un = s->tok[last - 1].end - s->tok[last - 1].start;
    if (un >= sizeof ev->qty_unit) un = sizeof ev->qty_unit - 1;
    for (size_t c = 0; c < un; c++) ev->qty_unit[c] = (char)tolower((unsigned char)s->tok[last - 1].up[c]);
    ev->qty_unit[un] = 0;
    return 1;
}

static void quantities(const struct sent *s, const struct verbcand *vc, const struct fw_tdate *dt, int nd,
                       size_t base, struct fw_event *ev)
{
    uint8_t used[FW_CODE_MAXTOK] = {0};
    ev->killed = ev->wounded = ev->qty = -1;
    ev->qty_unit[0] = 0;
    for (size_t i = 0; i < s->nt; i++) {
        size_t n;
        if (in_spans(s->tok[i].start - base, dt, nd)) continue;
        long v = number_at(s, i, &n);
        if (v < 0) continue;
        /* "N [people|civilians] [were|have been] killed", else "killing [at least] N" */
        int cw = 0;
        for (size_t j = i + n; j < s->nt && j <= i + n + 4 && !cw; j++) {
            cw = casualty_word(tw(s, j));
            if (!cw && (is_punct(s, j) || s->isverb[j] || word_number(tw(s, j)) >= 0 ||
                        (is(s, j, C_BOUNDARIES) && !is(s, j, C_BE_FORMS) &&
                         !is(s, j, C_AUXILIARIES))))
                break;
        }
        for (size_t j = i; !cw && j-- > 0 && j + 4 >= i;) {
            cw = casualty_word(tw(s, j));
            if (!cw && (is_punct(s, j) || (s->tok[j].flags & TOK_NUM))) break;
        }
        if (cw == 1 && ev->killed < 0) ev->killed = v;
        if (cw == 2 && ev->wounded < 0) ev->wounded = v;
        used[i] = cw != 0;
        /* "killed 12 Palestinians, including four children": a count after "including" is a part
         * of another count, no quantity of its own */
        if (i > 0 && (!strcmp(tw(s, i - 1), "INCLUDING") || !strcmp(tw(s, i - 1), "AMONG"))) used[i] = 1;
    }
    /* quantity: what the verb acts on is its object, or a passive's subject ("two hostages ...
     * were released"): the first number there that is neither a date nor a casualty count */
    const struct fw_syn_pred *sp = fw_code_syn_pred(s, vc->v);
    if (sp && (sp->flags & FW_SYN_PASSIVE) && sp->subj >= 0 && (size_t)sp->subj < s->syn.nnp) {
        const struct fw_syn_np *np = &s->syn.np[sp->subj];
        for (size_t i = (size_t)np->start; i < (size_t)np->end && i < s->nt; i++)
            if (quantity_at(s, i, used, dt, nd, base, ev)) return;
    }
    for (size_t i = vc->e; i < s->nt && i <= (size_t)vc->e + 6; i++)
        if (quantity_at(s, i, used, dt, nd, base, ev)) return;
}

/* ---- modality ---- */


/* *negated: the verb is negated ("did not", "refused to") by words its pattern did not match. */
/* A "while" or "whereas" clause with a subject of its own ("..., while the Arab League condemned
 * the move") */
static int contrast_clause(const struct sent *s, const struct pending *pd)
{
    const struct fw_syn_pred *p = fw_code_syn_pred(s, pd->vc.v);
    return pd->own_clause && p && p->type == FW_CL_ADVCL && p->mark >= 0 &&
           (!strcmp(tw(s, (size_t)p->mark), "WHILE") || !strcmp(tw(s, (size_t)p->mark), "WHEREAS"));
}

static enum fw_modality modality(const struct sent *s, const struct verbcand *vc, const struct pmatch *m,
                                 int *negated)
{
    size_t from = 0;
    for (size_t t = vc->s; t-- > 0;) {
        if (s->isverb[t] && !is(s, t, C_FUTURE)) { from = t + 1; break; }
        if (strcmp(tw(s, t), ";") == 0) { from = t + 1; break; }
    }
    int neg = 0, fut = 0, hyp = 0, rep = 0, deny = 0, vowed = 0;
    for (size_t t = from; t < vc->s; t++) {
        /* a negation's scope ends at a comma or a subordinate clause's edge: "not long after the
         * vote, X attacked Y", "police, not the army, arrested Y" are no denials */
        if (!strcmp(tw(s, t), ",") || is(s, t, C_SUBORDINATORS)) neg = 0;
        if (is(s, t, C_NEGATIONS)) neg = 1;
        /* "vowed retaliation, and two days later fired a missile": a verb of intent that took its
         * own object, then "and", leaves the next verb its own clause ("vowed to attack and
         * destroy" plans both) */
        if (vowed && (!strcmp(tw(s, t), "AND") || !strcmp(tw(s, t), "BUT"))) fut = vowed = 0;
        if (is(s, t, C_FUTURE) && s->isverb[t] && strcmp(tw(s, t + 1), "TO")) vowed = 1;
        if (is(s, t, C_FUTURE)) fut = 1;
        if (is(s, t, C_HYPOTHETICAL)) {
            if (!strcmp(tw(s, t), "WOULD") && fw_code_reported_future(s, vc->v)) fut = 1;
            else hyp = 1;
        }
    }
    int after_comma = 0;   /* "accused Kabul of harbouring them, a charge Kabul denies": a denial in
                            * an apposition or a relative clause after the verb is another's */
    for (size_t t = 0; t < s->nt; t++) {
        if (t >= vc->e && t + 1 < s->nt && !strcmp(tw(s, t), ",") &&
            (!strcmp(tw(s, t + 1), "A") || !strcmp(tw(s, t + 1), "AN") || !strcmp(tw(s, t + 1), "WHICH") ||
             !strcmp(tw(s, t + 1), "SOMETHING")))
            after_comma = 1;
        if (t >= vc->s && t < vc->e) continue;
        if (is(s, t, C_REPORTING)) rep = 1;
        /* ("was welcomed by Russia but dismissed by ...": a later verb's denial is its own event) */
        /* ("accused Democrats of pursuing a baseless sham": after the verb, an adjective of denial
         * denies it said of the claim, "called reports that X attacked Y false", not before a
         * noun it describes) */
        int attributive = t >= vc->e && !s->isverb[t] && s->has_syn && t + 1 < s->syn.n &&
                          (s->syn.pos[t + 1] == FW_POS_NN || s->syn.pos[t + 1] == FW_POS_NNS ||
                           s->syn.pos[t + 1] == FW_POS_NNP || s->syn.pos[t + 1] == FW_POS_NNPS);
        if (is(s, t, C_DENIALS) && !(t >= m->lo && t < m->hi) && !(t >= vc->e && (after_comma || s->isverb[t])) &&
            !attributive)
            deny = 1;
    }
    size_t t = vc->s;
    while (t > 0 && is(s, t - 1, C_SKIPPABLE)) t--;
    if (t > 1 && strcmp(tw(s, t - 1), "TO") == 0 && is(s, t - 2, C_REFUSALS)) neg = 1;
    /* "Iran is believed to have supplied drones", "is said to have ordered": a claim on no one's
     * named word, reported */
    static const char *const hearsay[] = {"BELIEVED", "THOUGHT", "SAID", "REPORTED", "ALLEGED", "SUSPECTED",
                                          "RUMOURED", "RUMORED", "UNDERSTOOD", "ALLEGEDLY", NULL};
    for (size_t u = t, k = 0; u > 2 && k < 3; u--, k++)
        if (!strcmp(tw(s, u - 1), "TO") && in_list(tw(s, u - 2), hearsay) && is(s, u - 3, C_BE_FORMS)) {
            rep = 1;
            break;
        }
    /* "did not intend to cause harm", "will not seek to attack": the governing verb's negation
     * is the infinitive's */
    if (t > 1 && strcmp(tw(s, t - 1), "TO") == 0 && s->isverb[t - 2])
        for (size_t u = t - 2, k = 0; u-- > 0 && k < 3 && !is_punct(s, u); k++) {
            if (is(s, u, C_NEGATIONS)) neg = 1;
            if (s->isverb[u] && !is(s, u, C_AUXILIARIES | C_BE_FORMS)) break;
        }
    /* "a day before Sarkozy heads to Beijing", "until the army withdraws": a present tense in a
     * clause of time tells what is still to come */
    const struct fw_syn_pred *tp = fw_code_syn_pred(s, vc->v);
    if (tp && tp->type == FW_CL_ADVCL && tp->mark >= 0 && (size_t)tp->mark < s->nt && (size_t)tp->vg_start < s->syn.n &&
        (s->syn.pos[tp->vg_start] == FW_POS_VBZ || s->syn.pos[tp->vg_start] == FW_POS_VBP)) {
        static const char *const temporal[] = {"BEFORE", "UNTIL", "TILL", "ONCE", "WHEN", "AFTER", NULL};
        if (in_list(tw(s, (size_t)tp->mark), temporal)) fut = 1;
    }
    *negated = neg && !m->has_neg;
    if (*negated || deny) return FW_MOD_DENIED;
    if (hyp) return FW_MOD_HYPOTHETICAL;
    if (fut) return FW_MOD_PLANNED;
    if (rep) return FW_MOD_REPORTED;
    return FW_MOD_ASSERTED;
}

/* A negated offer of cooperation is a refusal: "would not give permission" (080) -> 124.
 * CAMEO's reject family mirrors the cooperative roots; other codes stay as they are. */
static int refusal_code(const char *code, char *out, size_t cap)
{
    static const char *const by_root[] = {
        ['4'] = "125", ['5'] = "120", ['6'] = "121", ['7'] = "122", ['8'] = "124",
    };
    static const char *const by_intent[] = {
        ['0'] = "120", ['1'] = "121", ['2'] = "120", ['3'] = "122", ['4'] = "123",
        ['5'] = "124", ['6'] = "125", ['7'] = "126", ['8'] = "127", ['9'] = "126",
    };
    if (code[0] != '0' || code[1] < '3' || code[1] > '8') return 0;
    const char *r = code[1] == '3' ? (code[2] >= '0' && code[2] <= '9' ? by_intent[(unsigned char)code[2]] : "120")
                                   : by_root[(unsigned char)code[1]];
    if (!r) return 0;
    snprintf(out, cap, "%s", r);
    return 1;
}

/* ---- events ---- */

/* A coercive or violent act announced for the future is a threat: CAMEO's 13x names the threat by
 * what is threatened ("will impose a curfew" 1323, "plans to attack" 138). "" in out for anything else. */
static void threat_code(const char *c, char *out, size_t cap)
{
    out[0] = 0;
    if (c[0] != '1' && c[0] != '2') return;
    if (c[0] == '2') snprintf(out, cap, "138");
    else if (c[1] == '4') snprintf(out, cap, "133");
    else if (c[1] == '6') {
        /* 161 relations -> 1311, 162 aid -> 1313, 163 embargo -> 1312, 164 talks -> 134,
         * 165 mediation -> 135, 166 expulsion -> 136 */
        static const char *const by_sub[] = {"131", "1311", "1313", "1312", "134", "135", "136"};
        snprintf(out, cap, "%s", c[2] >= '0' && c[2] <= '6' ? by_sub[c[2] - '0'] : "131");
    }
    else if (c[1] == '7' && c[2] == '2') snprintf(out, cap, "132%s", c[3] >= '1' && c[3] <= '4' ? c + 3 : "");
    else if (c[1] == '7') snprintf(out, cap, "137");
    else if (c[1] == '8') snprintf(out, cap, "138");
    else if (c[1] == '9') snprintf(out, cap, c[2] == '1' ? "1381" : c[2] == '2' ? "1382" : "138");
}


/* Country and sector from a CAMEO actor code: "IRQGOVMIL" -> IRQ, GOV; "---REB" -> "", REB. */
void fw_code_actor_code_fields(struct fw_event_actor *ac, const char *code)
{
    snprintf(ac->code, sizeof ac->code, "%s", code);
    ac->country[0] = ac->sector[0] = 0;
    if (strlen(code) >= 3 && isalpha((unsigned char)code[0])) {
        char c3[4];
        memcpy(c3, code, 3);
        c3[3] = 0;
        if (!in_list(c3, non_countries)) memcpy(ac->country, c3, 4);
    }
    /* sector: the first role code after the country (or the code itself for IGO, REB...) */
    const char *r = code + (ac->country[0] ? 3 : 0);
    if (strncmp(r, "---", 3) == 0) r += 3;
    if (strlen(r) >= 3) snprintf(ac->sector, sizeof ac->sector, "%.3s", r);
}

static void actor_fields(const struct article *a, const struct sent *s, int ph, struct fw_event_actor *ac)
{
    memset(ac, 0, sizeof *ac);
    if (ph < 0) {
        fw_code_actor_code_fields(ac, "---");
        return;
    }
    const struct phrase *p = &s->ph[ph];
    size_t st = s->tok[p->s].start, en = s->tok[p->e - 1].end;
    size_t n = en - st < sizeof ac->text - 1 ? en - st : sizeof ac->text - 1;
    memcpy(ac->text, a->text + st, n);
    ac->text[n] = 0;
    /* "he", "Volker": the person as the article first named them */
    if (p->person >= 0 && p->e - p->s == 1)
        snprintf(ac->text, sizeof ac->text, "%s", a->persons[p->person].full);
    fw_code_actor_code_fields(ac, p->code);
}

/* A dictionary code may name several actors: "FRO/BIL/SAM". Returns the parts (at most max). */
static int split_code(const char *code, char parts[][32], int max)
{
    int n = 0;
    const char *p = code;
    while (n < max) {
        const char *q = strchr(p, '/');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        if (len && len < 32) {
            memcpy(parts[n], p, len);
            parts[n++][len] = 0;
        }
        if (!q) break;
        p = q + 1;
    }
    return n;
}

static void count_country(struct article *a, const char *cc3)
{
    if (!cc3[0]) return;
    for (int i = 0; i < a->ncc; i++)
        if (strcmp(a->cc[i].cc3, cc3) == 0) { a->cc[i].n++; return; }
    if (a->ncc < 32) {
        snprintf(a->cc[a->ncc].cc3, sizeof a->cc->cc3, "%s", cc3);
        a->cc[a->ncc++].n = 1;
    }
}

void fw_code_event_id(const struct article *a, struct fw_event *ev)
{
    struct fw_buf b;
    fw_buf_init(&b, 0);
    fw_buf_printf(&b, "%s|%zu|%zu|%zu|%s|%s|%s", a->id ? a->id : "", ev->sent_start, ev->sent_end, ev->verb_start,
                  ev->src.code, ev->tgt.code, ev->cameo);
    /* two parties no dictionary knows ("Volker and Morrison testified") are told apart by name;
     * every other id is as it was */
    if (!strcmp(ev->src.code, "---") && ev->src.text[0]) fw_buf_printf(&b, "|s=%s", ev->src.text);
    if (!strcmp(ev->tgt.code, "---") && ev->tgt.text[0]) fw_buf_printf(&b, "|t=%s", ev->tgt.text);
    XXH128_hash_t h = XXH3_128bits(b.p, b.len);
    snprintf(ev->id, sizeof ev->id, "%016llx%016llx", (unsigned long long)h.high64, (unsigned long long)h.low64);
    fw_buf_fini(&b);
}

static struct fw_event *new_event(struct article *a)
{
    struct fw_event_list *l = a->out;
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->ev = fw_xrealloc(l->ev, l->cap * sizeof *l->ev);
    }
    struct fw_event *ev = &l->ev[l->n++];
    memset(ev, 0, sizeof *ev);
    return ev;
}

/* The subject of the verb: the nearest actor phrase before it that is not the object of a preposition. */
/* A comma that is not inside a compound ("Arnor, Osgiliath and Gondor") ends a clause. */
static int clause_comma(const struct sent *s, size_t t)
{
    if (strcmp(tw(s, t), ",") != 0) return 0;
    int pl = t > 0 ? s->ment[t - 1] : -1;
    return !(pl >= 0 && s->ph[pl].next >= 0 && s->ph[s->ph[pl].next].s > t);
}

/* A noun that names an attack: "attack", "strike", "assault", or a means of violence ("raid",
 * "airstrike", "bombing"). */
static int attack_noun(const struct sent *s, size_t t)
{
    static const char *const attacks[] = {"ATTACK", "ATTACKS", "STRIKE", "STRIKES", "ASSAULT", "ASSAULTS", NULL};
    if (s->isverb[t] || s->ment[t] >= 0) return 0;
    return in_list(tw(s, t), attacks) || is(s, t, C_WEAPON);
}

static int find_subject(const struct sent *s, const struct verbcand *vc, size_t lower)
{
    int fallback = -1;
    for (size_t t = vc->s; t-- > lower;) {
        if (clause_comma(s, t)) {
            /* "Pakistan, a key U.S. ally in the war, has refused": skip an apposition back to its actor */
            if (fallback >= 0 || t == 0) break;
            size_t u = t;
            int apposition = 0;
            /* an insertion without a verb, or a short one opening with a preposition
             * (", in remarks published on Monday,") */
            int verb = 0, inner = 0;
            while (u > lower && t - u < 12) {
                u--;
                if (!strcmp(tw(s, u), ",")) {
                    /* "The Nigerian Union of Teachers (NUT), the umbrella union ...,": the actor
                     * before its acronym */
                    size_t b = u;
                    if (b > 3 && !strcmp(tw(s, b - 1), ")") && !strcmp(tw(s, b - 3), "(")) b -= 3;
                    apposition = b > 0 && s->ment[b - 1] >= 0 &&
                                 (!verb || (t - u <= 8 && is(s, u + 1, C_PREPOSITIONS)));
                    /* "Kenzo Oshima, the UN relief coordinator, demanded": the apposition names the actor */
                    if (!apposition && inner && !verb && u > 0 && (s->tok[u - 1].flags & TOK_CAP)) apposition = 2;
                    break;
                }
                verb |= s->isverb[u];
                inner |= s->ment[u] >= 0;
            }
            if (!apposition) break;
            if (apposition == 2) continue;   /* look inside the apposition */
            t = u;                 /* the loop steps to the actor before the first comma */
            continue;
        }
        int ph = s->ment[t];
        if (ph < 0) continue;
        const struct phrase *p = &s->ph[ph];
        t = p->s;
        /* "an air strike on a school in Gaza killed": the words before the phrase that modify it
         * ("a", "the local") leave it a preposition's object */
        size_t b = modifiers_start(s, p->s);
        const char *before = b > 0 ? tw(s, b - 1) : "";
        /* "an attack on a police station killed": whom an attack is on is its target, never
         * the doer of what the attack did */
        if (b > 1 && (!strcmp(before, "ON") || !strcmp(before, "AGAINST")) && attack_noun(s, b - 2)) continue;
        int first = s->ph[p->first].s == p->s;
        if (first && (!(b > 0 && is(s, b - 1, C_PREPOSITIONS)) || strcmp(before, "BY") == 0)) {
            /* "a spokesperson for the British Foreign Office said": a bare role speaks for the body
             * its "for" or "of" names */
            if (fallback >= 0 && !strncmp(p->code, "---", 3) && s->ph[fallback].has_actor &&
                strncmp(s->ph[fallback].code, "---", 3) && p->e < s->nt &&
                (!strcmp(tw(s, p->e), "FOR") || !strcmp(tw(s, p->e), "OF")) && s->ph[fallback].s <= p->e + 3)
                return fallback;
            return p->first;
        }
        if (fallback < 0) fallback = p->first;
    }
    return fallback;
}

static int find_object(const struct sent *s, size_t from, size_t limit, int not1, int not2)
{
    /* an actor the dictionaries know comes before a name they do not; the name is the object
     * only when no known actor is */
    int named = -1;
    for (size_t t = from; t < limit; t++) {
        if (clause_comma(s, t)) break;
        /* "to establish whether Trump withheld aid": an embedded question holds no object */
        if (!strcmp(tw(s, t), "WHETHER")) break;
        /* "... wounding another officer (Koha, September 24)": a source cited in parentheses is no one
         * the verb acts on */
        if (!strcmp(tw(s, t), "(") && t + 2 < limit && s->ment[t + 1] >= 0 &&
            (!strcmp(tw(s, s->ph[s->ment[t + 1]].e), ",") || !strcmp(tw(s, s->ph[s->ment[t + 1]].e), ")")))
            break;
        /* "said missiles had hit the two sites ... and that there were no Iraqi casualties": a
         * second clause the saying joins ends the first one's object */
        if ((!strcmp(tw(s, t), "AND") || !strcmp(tw(s, t), "BUT")) && t + 1 < limit &&
            (!strcmp(tw(s, t + 1), "THAT") || !strcmp(tw(s, t + 1), "THERE")))
            break;
        /* "had blocked the deal until he resigned": a clause of its own the syntactic pass opens
         * with a subordinator ends the verb's reach */
        /* ("threatened to strike unless Israel rescinded": a condition names whom a threat is
         * for) */
        /* ("resigned after protesters stormed parliament": right after the verb too, a clause of
         * time or cause; "demanded how Andrew could be so sure" asks of Andrew) */
        static const char *const time_cause[] = {"AFTER", "BEFORE", "SINCE", "UNTIL", "WHEN", "WHILE", "BECAUSE",
                                                 "ONCE", NULL};
        if (s->has_syn && (t > from || in_list(tw(s, t), time_cause)) && strcmp(tw(s, t), "UNLESS") &&
            strcmp(tw(s, t), "IF")) {
            int opens = 0;
            for (size_t k = 0; k < s->syn.npred && !opens; k++)
                opens = s->syn.pred[k].type == FW_CL_ADVCL && s->syn.pred[k].mark == (int)t && s->syn.pred[k].subj >= 0 &&
                        !(s->syn.pred[k].flags & FW_SYN_SUBJ_SHARED);
            if (opens) break;
        }
        int ph = s->ment[t];
        if (ph < 0) continue;
        int f = s->ph[ph].first;
        /* the subject itself, a skipped actor, or the subject's own country again ("Iraqi Kurds ... in Kirkuk") */
        if (f == not1 || f == not2 || ph == not1 || ph == not2 || (not1 >= 0 && !strcmp(s->ph[f].code, s->ph[not1].code))) {
            t = s->ph[ph].e - 1;
            continue;
        }
        if (fw_code_unknown_name(s, f)) {
            if (named < 0) named = f;
            t = s->ph[ph].e - 1;
            continue;
        }
        /* "crossed from occupied Ukraine into Russia": where a move starts is no one it is done to
         * when the sentence says where it goes */
        size_t b = s->ph[ph].s;
        for (int k = 0; k < 2 && b > from && !is_punct(s, b - 1) && !(s->tok[b - 1].flags & TOK_CAP) &&
                        strcmp(tw(s, b - 1), "FROM");
             k++)
            b--;
        if (b > from && !strcmp(tw(s, b - 1), "FROM")) {
            int onward = 0;
            for (size_t u = s->ph[ph].e; u + 1 < limit && u < (size_t)s->ph[ph].e + 4 && !onward; u++)
                onward = (!strcmp(tw(s, u), "INTO") || !strcmp(tw(s, u), "TO")) && s->ment[u + 1] >= 0;
            if (onward) {
                t = s->ph[ph].e - 1;
                continue;
            }
        }
        return f;
    }
    return named;
}



/* The actor phrase (first of its compound) within the syntactic pass's noun phrase np, -1. */
static int syn_phrase(const struct sent *s, int np)
{
    if (np < 0 || (size_t)np >= s->syn.nnp) return -1;
    const struct fw_syn_np *n = &s->syn.np[np];
    for (int t = n->start; t < n->end && (size_t)t < s->nt; t++)
        if (s->ment[t] >= 0) return s->ph[s->ment[t]].first;
    /* "Two contractors, Paul Evans and Steven Marsh, pleaded guilty": a plural noun phrase that
     * names no actor stands for the people named in apposition with it or coordinated after it */
    if (n->head < 0 || (size_t)n->head >= s->syn.n || s->syn.pos[n->head] != FW_POS_NNS) return -1;
    for (int k = 0, x = n->appos >= 0 ? n->appos : n->conj; k < 3 && x >= 0 && (size_t)x < s->syn.nnp; k++) {
        const struct fw_syn_np *y = &s->syn.np[x];
        for (int t = y->start; t < y->end && (size_t)t < s->nt; t++)
            if (s->ment[t] >= 0 && s->ph[s->ment[t]].person >= 0) return s->ph[s->ment[t]].first;
        x = y->conj;
    }
    return -1;
}

static int is_passive(const struct sent *s, const struct verbcand *vc)
{
    const char *w = tw(s, vc->v);
    size_t n = strlen(w);
    int participle = (n > 2 && strcmp(w + n - 2, "ED") == 0) || (n > 2 && strcmp(w + n - 2, "EN") == 0) ||
                     (n > 1 && w[n - 1] == 'T');
    /* ("has been held", "was led": an irregular participle the tagger knows) */
    if (s->has_syn && vc->v < s->syn.n && s->syn.pos[vc->v] == FW_POS_VBN) participle = 1;
    if (!participle) return 0;
    /* "had been stabbed or hacked to death": the second of two participles joined after one "been" */
    if (vc->s > 1 && (!strcmp(tw(s, vc->s - 1), "OR") || !strcmp(tw(s, vc->s - 1), "AND"))) {
        const struct fw_syn_pred *p = fw_code_syn_pred(s, vc->v);
        /* ("had been murdered and demanded an investigation": an object makes it active) */
        if (p && p->conj >= 0 && (size_t)p->conj < s->syn.npred && (s->syn.pred[p->conj].flags & FW_SYN_PASSIVE) &&
            p->obj < 0 &&
            s->syn.pred[p->conj].verb == (int)vc->s - 2)
            return 1;
    }
    for (size_t t = vc->s, k = 0; t-- > 0 && k < 3; k++) {
        const char *p = tw(s, t);
        if (is(s, t, C_BE_FORMS)) return 1;
        if (!(is(s, t, C_NEGATIONS) || (strlen(p) > 2 && strcmp(p + strlen(p) - 2, "LY") == 0) ||
              !strcmp(p, "ALSO") || !strcmp(p, "REPORTEDLY") || !strcmp(p, "ALLEGEDLY")))
            return 0;
    }
    return 0;
}




/* The dictionary's transformations of a verb nested under another ("X said Y attacked": X accuses
 * Y; "X wants Y to attack": X appeals to Y). The outer verb is the nearest non-auxiliary verb
 * before the nested one in the same clause; roles as in struct fw_transform. */
/* The verb block of the dictionary's SAY class (the outer verb of its statement transformations). */
static int is_say_block(const struct fw_dict *d, int32_t block)
{
    for (size_t r = 0; r < d->ntr; r++)
        if (d->tr[r].oblock == block && d->tr[r].rcode[0] == 0) return 1;     /* "a (a b Q) SAY = a b Q" */
    return 0;
}

/* Whether the syntactic pass gives predicate p a subject of its own that is a common noun
 * phrase ("her client"): not a pronoun, a time, or a word the tagger took for a noun ("have"). */
static int own_subject(const struct sent *s, const struct fw_syn_pred *p)
{
    if (!p || p->subj < 0 || (size_t)p->subj >= s->syn.nnp) return 0;
    const struct fw_syn_np *np = &s->syn.np[p->subj];
    if (np->pronoun || np->temporal || np->head < 0 || (size_t)np->head >= s->nt || np->end > p->vg_start) return 0;
    uint8_t pos = s->syn.pos[np->head];
    return (pos == FW_POS_NN || pos == FW_POS_NNS) && !is(s, (size_t)np->head, C_GRAMMAR) &&
           !(s->tok[np->head].flags & TOK_CAP);
}

/* Two actor codes of one country ("RUSGOVMIL", "RUSMIL"). */
static int same_country(const char *x, const char *y)
{
    for (int i = 0; i < 3; i++)
        if (!isalpha((unsigned char)x[i]) || x[i] != y[i]) return 0;
    return 1;
}

static void apply_transforms(const struct article *a, const struct sent *s, struct pending *pend, size_t np)
{
    const struct fw_dict *d = &a->c->d;
    if (!d->ntr) return;
    for (size_t k = 0; k < np; k++) {
        struct pending *in = &pend[k];
        if (in->drop || (in->src < 0 && in->tgt < 0)) continue;
        const struct verbcand *o = NULL;
        for (size_t v = s->nvc; v-- > 0;) {
            if (s->vc[v].e > in->vc.s) continue;
            if (is(s, s->vc[v].v, C_AUXILIARIES)) continue;
            o = &s->vc[v];
            break;
        }
        if (!o) continue;
        int blocked = 0;
        for (size_t t = o->e; t < in->vc.s; t++)
            if (clause_comma(s, t) || strcmp(tw(s, t), ";") == 0) blocked = 1;
        if (blocked) continue;
        int32_t oblock = d->verbs[o->form].block, iblock = d->verbs[in->vc.form].block;
        size_t lower = 0;
        int asub = find_subject(s, o, lower);
        if (asub < 0) continue;
        size_t t = in->vc.s;
        while (t > 0 && is(s, t - 1, C_SKIPPABLE)) t--;
        int infinitive = t > 0 && strcmp(tw(s, t - 1), "TO") == 0;
        /* "said he had no knowledge of any efforts to urge Ukraine": a verb in a noun's content is
         * no part of what the speaker did or said he would do */
        const struct fw_syn_pred *ip = fw_code_syn_pred(s, in->vc.v);
        if (ip && ip->gov_tok >= 0 && (size_t)ip->gov_tok < s->syn.n &&
            (s->syn.pos[ip->gov_tok] == FW_POS_NN || s->syn.pos[ip->gov_tok] == FW_POS_NNS))
            continue;
        char kind = 'a';
        int bsub = -1;
        if (in->src >= 0 && s->ph[in->src].s >= o->e) {
            if (strcmp(s->ph[in->src].code, s->ph[asub].code) != 0) kind = 'b', bsub = in->src;
        } else if (infinitive) {
            kind = '_';
        } else if (in->src < 0 && own_subject(s, ip)) {
            /* "authorities announced that two infected individuals sought treatment": the clause
             * has a subject of its own that names no actor; the speaker is not its doer */
            continue;
        }
        const char *icode = in->fwd[0] ? in->fwd : in->rev;
        /* "X declared that China must drop barriers": a statement of what another must do is a demand */
        if (kind == 'b' && (in_list(tw(s, o->v), report_verbs) || is_say_block(d, oblock))) {
            int must = 0;
            for (size_t u = s->ph[bsub].e; u < in->vc.s; u++)
                if (!strcmp(tw(s, u), "MUST") || (!strcmp(tw(s, u), "TO") && u > 0 &&
                                                  (!strcmp(tw(s, u - 1), "HAS") || !strcmp(tw(s, u - 1), "HAVE"))))
                    must = 1;
            if (must) {
                in->src = asub, in->tgt = bsub, in->comp = -1, in->nested = 1;
                snprintf(in->fwd, sizeof in->fwd, "100");
                in->rev[0] = 0;
                for (size_t j = 0; j < np; j++)
                    if (pend[j].vc.v == o->v) pend[j].drop = 1;
                continue;
            }
        }
        int fut = 0;                        /* "X said it will attack Y" */
        for (size_t u = o->e; u < in->vc.s; u++)
            if (!strcmp(tw(s, u), "WILL") || !strcmp(tw(s, u), "WOULD") || !strcmp(tw(s, u), "'LL") ||
                !strcmp(tw(s, u), "SHALL") || !strcmp(tw(s, u), "GOING"))
                fut = 1;
        for (size_t r = 0; r < d->ntr; r++) {
            const struct fw_transform *tr = &d->tr[r];
            if (tr->oblock < 0 || tr->oblock != oblock) continue;
            if (tr->isrc != '.' && tr->isrc != kind) continue;
            if (tr->itgt == 'b' && in->tgt < 0) continue;
            if (tr->iclass >= 0) {
                const struct fw_block *ib = tr->iblock >= 0 ? &d->blocks[tr->iblock] : NULL;
                int cls = tr->iblock == iblock || (ib && ib->code[0] && strncmp(ib->code, icode, 2) == 0);
                if (!cls || tr->ifuture != fut) continue;
            }
            /* "the Russian defence ministry claimed that Russian forces seized the village": what one
             * side says its own side did is a claim of it, no accusation (PETRARCH's SAY/CLAIM
             * of another's attack, 112, is for an adversary's) */
            if (!strcmp(tr->rcode, "112") && kind == 'b' && same_country(s->ph[asub].code, s->ph[bsub].code)) {
                in->nested = 1;
                for (size_t j = 0; j < np; j++)
                    if (pend[j].vc.v == o->v) pend[j].drop = 1;
                break;
            }
            /* "the Ukrainian Air Force reported that Russian forces launched 21 drones": what one
             * side reports its adversary did is PETRARCH's accusation (112) by the saying verb, and
             * the act itself too, as reported: the strike is what a reader of a war report wants.
             * A verb of contested assertion ("claimed", "alleged") only accuses, as PETRARCH's
             * "The US claimed that ISIL had attacked Iraq" */
            static const char *const contested[] = {"CLAIM", "CLAIMS", "CLAIMED", "CLAIMING", "ALLEGE", "ALLEGES",
                                                    "ALLEGED", "ALLEGING", "CHARGED", "CHARGES", "INSISTED",
                                                    "INSISTS", "ACCUSED", "ACCUSES", NULL};
            if (!strcmp(tr->rcode, "112") && kind == 'b' && fw_code_violent(icode) && !in_list(tw(s, o->v), contested)) {
                for (size_t j = 0; j < np; j++)
                    if (pend[j].vc.v == o->v) {
                        pend[j].src = asub, pend[j].tgt = bsub, pend[j].comp = -1, pend[j].drop = 0;
                        snprintf(pend[j].fwd, sizeof pend[j].fwd, "112");
                        pend[j].rev[0] = 0;
                        pend[j].nested = pend[j].accuses = 1;
                    }
                in->claimed = 1;
                break;
            }
            int bph = tr->isrc == 'b' ? bsub : in->tgt;
            int src = tr->rsrc == 'a' ? asub : bph, tgt = tr->rtgt == 'a' ? asub : bph;
            if (src < 0 || tgt < 0) continue;
            in->src = src, in->tgt = tgt, in->comp = -1;
            /* "the army said it killed six militants", "militants said they attempted to
             * assassinate the prime minister": the act its doer reports is what happened, on its
             * word (PETRARCH's claim of responsibility, 015, codes the saying instead) */
            if (tr->rcode[0] && strcmp(tr->rcode, "015")) snprintf(in->fwd, sizeof in->fwd, "%s", tr->rcode), in->rev[0] = 0;
            in->nested = 1;
            for (size_t j = 0; j < np; j++)
                if (pend[j].vc.v == o->v) pend[j].drop = 1;
            break;
        }
    }
}

static const char *const volition_verbs[] = {"WANT", "WANTS", "WANTED", "PLAN", "PLANS", "PLANNED", "PLEDGE",
                                             "PLEDGED", "PLEDGES", "VOW", "VOWED", "VOWS", "PROMISE", "PROMISED",
                                             "PROMISES", "INTEND", "INTENDS", "INTENDED", "DECIDE", "DECIDED",
                                             "DECIDES", "HOPE", "HOPED", "HOPES", "SEEK", "SEEKS", "SOUGHT", "AIM",
                                             "AIMS", "AIMED", "OFFERED", "OFFERS", "VOTED", "AGREE", "AGREED",
                                             "AGREES", "WILLING", "COMMITTED", NULL};

/* Verbs whose act is a commitment to what follows ("agreed to re-open", "offered to hand over"). */
static const char *const commitment_verbs[] = {"AGREE", "AGREED", "AGREES", "OFFER", "OFFERED", "OFFERS", "PROMISE",
                                               "PROMISED", "PROMISES", "PLEDGE", "PLEDGED", "PLEDGES", "VOWED",
                                               "VOWS", "COMMITTED", "UNDERTOOK", NULL};

/* CAMEO's "express intent" codes mirror the cooperative roots: 07x aid -> 033x, 06x -> 031x,
 * 04x -> 036, 05x -> 032, 08x yield -> 035x. Anything else has no intent code ("" in out). */
static void intent_code(const char *c, char *out, size_t cap)
{
    out[0] = 0;
    if (c[0] != '0' || !c[1] || !c[2]) return;
    char sub = c[2];
    switch (c[1]) {
    case '4': snprintf(out, cap, "036"); break;
    case '5': snprintf(out, cap, "032"); break;
    case '6':
    case '7':
        if (sub >= '1' && sub <= '4') snprintf(out, cap, "03%c%c", c[1] == '6' ? '1' : '3', sub);
        else snprintf(out, cap, "03%c", c[1] == '6' ? '1' : '3');
        break;
    case '8':
        if (sub == '1' || sub == '2') snprintf(out, cap, "035%c", sub);
        else if (sub >= '4' && sub <= '7') snprintf(out, cap, "035%c", (char)(sub - 1));
        else snprintf(out, cap, "035");
        break;
    default: break;
    }
}

/* "X demanded that Y stop Z", "X urged Y to leave": what a demand, appeal, accusation, rejection or
 * threat asks for is its content, not an event; the nested verb's subject becomes the target. Verbs
 * coordinated with a nested verb ("had attacked Iraq and taken Mosul") go with it. */
static void fold_complements(const struct sent *s, struct pending *pend, size_t np)
{
    for (size_t k = 0; k < np; k++) {
        struct pending *in = &pend[k];
        if (k > 0 && in->src_inherited && (pend[k - 1].nested || pend[k - 1].drop == 2)) {
            in->drop = 2;
            continue;
        }
        if (in->drop || in->nested || in->claimed) continue;
        struct pending *out = NULL;
        for (size_t j = k; j-- > 0;) {
            if (is(s, pend[j].vc.v, C_AUXILIARIES)) continue;
            out = &pend[j];
            break;
        }
        if (!out || out->drop) continue;
        const char *oc = out->fwd[0] ? out->fwd : out->rev;
        int demand = strchr(oc, '?') ? 0 : oc[0] == '0' ? oc[1] == '2' : (oc[0] == '1' && oc[1] >= '0' && oc[1] <= '3');
        if (!demand) continue;
        int that = 0, blocked = 0, noun = 0;
        for (size_t t = out->vc.e; t < in->vc.s; t++) {
            /* "demanded that", "urged Iraq that": not "called reports that" (a noun's clause) */
            if (!strcmp(tw(s, t), "THAT") && !noun) that = 1;
            if (s->ment[t] < 0 && !is(s, t, C_SKIPPABLE) && strcmp(tw(s, t), "THAT")) noun = 1;
            if (clause_comma(s, t) || !strcmp(tw(s, t), ";")) blocked = 1;
        }
        size_t t = in->vc.s;
        while (t > 0 && is(s, t - 1, C_SKIPPABLE)) t--;
        int infinitive = t > 0 && !strcmp(tw(s, t - 1), "TO");
        if (blocked || !(that || infinitive)) continue;
        in->drop = 2;
        if (out->tgt < 0) out->tgt = in->src >= 0 && s->ph[in->src].s >= out->vc.e ? in->src : in->tgt;
        /* "threatened to impose sanctions / to attack": CAMEO names the threat by what is threatened */
        const char *ic = in->fwd[0] ? in->fwd : in->rev;
        /* "asking Obama to help Iran": an appeal (020) or demand (100) is named by what it asks for,
         * as CAMEO's 02x and 10x mirror the intentions 03x (help -> 033 -> 023 / 103) */
        if (!strcmp(oc, "020") || !strcmp(oc, "100")) {
            char intent[8];
            intent_code(ic, intent, sizeof intent);
            if (intent[0]) {
                char c[8];
                snprintf(c, sizeof c, "%s%s", oc[0] == '0' ? "02" : "10", intent + 2);
                snprintf(out->fwd, sizeof out->fwd, "%s", c);
                out->rev[0] = 0;
                oc = out->fwd;
            }
        }
        if (!strcmp(oc, "130") && infinitive) {
            const char *tc = ic[0] == '1' && ic[1] >= '8' ? "138" : ic[0] == '2' ? "138"
                           : !strncmp(ic, "17", 2) ? "137" : !strncmp(ic, "16", 2) ? "1312"
                           : !strncmp(ic, "14", 2) ? "133" : NULL;
            if (tc) snprintf(out->fwd, sizeof out->fwd, "%s", tc), out->rev[0] = 0;
        }
    }
}

/* "X declared that China must drop barriers": a statement (01x) that its target must or has to
 * act is a demand (100), whether or not the dictionary codes what is demanded. */
static void must_demands(const struct sent *s, struct pending *pend, size_t np)
{
    for (size_t k = 0; k < np; k++) {
        struct pending *pd = &pend[k];
        const char *c = pd->fwd[0] ? pd->fwd : pd->rev;
        if (pd->drop || pd->nested || pd->tgt < 0 || c[0] != '0' || c[1] != '1') continue;
        size_t t = (size_t)s->ph[pd->tgt].e;
        while (t < s->nt && s->ment[t] >= 0) t++;           /* the rest of a compound target */
        if (t >= s->nt) continue;
        const char *w = tw(s, t), *n = t + 1 < s->nt ? tw(s, t + 1) : "";
        if (!strcmp(w, "MUST") || ((!strcmp(w, "HAS") || !strcmp(w, "HAVE")) && !strcmp(n, "TO")))
            snprintf(pd->fwd, sizeof pd->fwd, "100"), pd->rev[0] = 0;
    }
    /* "issued a stern reminder to Iraq that it must cooperate": what a that-clause says someone
     * must do is demanded of them by the clause's governor, whatever the clause's verb */
    for (size_t k = 0; k < np; k++) {
        struct pending *pd = &pend[k];
        const struct fw_syn_pred *p = fw_code_syn_pred(s, pd->vc.v);
        if (pd->drop || pd->nested || pd->src < 0 || !p || p->type != FW_CL_CCOMP || p->gov < 0 ||
            (size_t)p->gov >= s->syn.npred || p->modal < 0 ||
            strcmp(tw(s, (size_t)p->modal), "MUST") || (p->flags & FW_SYN_NEG))
            continue;
        snprintf(pd->fwd, sizeof pd->fwd, "100"), pd->rev[0] = 0;
        /* of whom: the clause's subject when it names an actor, else ("it must") the one the
         * governor addresses, its object or its "to" */
        const struct fw_syn_pred *g = &s->syn.pred[p->gov];
        int by = syn_phrase(s, g->subj);                  /* the one who demands: the governor's subject */
        if (by >= 0) pd->src = by;
        int who = syn_phrase(s, p->subj);
        if (who < 0) who = syn_phrase(s, g->obj);
        for (int q = 0; who < 0 && q < g->npp; q++)
            if (!strcmp(tw(s, (size_t)g->pp[q].prep), "TO")) who = syn_phrase(s, g->pp[q].np);
        if (who >= 0 && who != pd->src) pd->tgt = who;
    }
}

/* Whether predicate p is a clause a subordinator opens with a subject of its own right after it
 * ("since insurgents launched", "after militants attacked"). */
static int opened_clause(const struct sent *s, const struct fw_syn_pred *p)
{
    return p && p->type == FW_CL_ADVCL && p->mark >= 0 && !(p->flags & FW_SYN_SUBJ_SHARED) && p->subj >= 0 &&
           (size_t)p->subj < s->syn.nnp && s->syn.np[p->subj].start == p->mark + 1;
}

/* The verb opens a relative clause: "N which/who/that [has] V", "N that" not after a verb, or a
 * reduced one: "an agreement forced on Qatar by ...", "the civilians imprisoned ... were released". */
static int relative_clause(const struct sent *s, const struct verbcand *vc)
{
    /* "the army shelled the town and withdrew": a verb coordinated with a main or reported
     * clause's verb is a clause of its kind, whatever word precedes it */
    const struct fw_syn_pred *sp = fw_code_syn_pred(s, vc->v);
    if (sp && sp->conj >= 0 && (sp->type == FW_CL_MAIN || sp->type == FW_CL_CCOMP)) return 0;
    /* "five soldiers were wounded after militants attacked a checkpoint": a clause a subordinator
     * opens with a subject of its own is no noun's description */
    if (opened_clause(s, sp)) return 0;
    /* "detained nine men suspected of links to the attackers": a passive participle right after
     * the object it describes */
    if (sp && sp->type == FW_CL_PARTCL && (sp->flags & FW_SYN_PASSIVE) && sp->subj >= 0 && sp->gov >= 0 &&
        (size_t)sp->gov < s->syn.npred && s->syn.pred[sp->gov].obj == sp->subj && vc->s > 0 && !is_punct(s, vc->s - 1))
        return 1;
    /* "Norwegian soldiers held in Swedish prisons went on hunger strike": ... or right after the
     * subject of the main clause that follows it */
    if (sp && sp->type == FW_CL_PARTCL && (sp->flags & FW_SYN_PASSIVE) && sp->subj >= 0 && sp->gov >= 0 &&
        (size_t)sp->gov < s->syn.npred && s->syn.pred[sp->gov].type == FW_CL_MAIN && s->syn.pred[sp->gov].subj == sp->subj &&
        (size_t)s->syn.pred[sp->gov].verb > vc->e && s->syn.np[sp->subj].end == (int)vc->s)
        return 1;
    const char *vw = tw(s, vc->v);
    size_t n = strlen(vw);
    int participle = n > 3 && (!strcmp(vw + n - 2, "ED") || !strcmp(vw + n - 3, "GHT") || !strcmp(vw + n - 2, "WN"));
    if (vc->s > 0 && participle && !s->isverb[vc->s - 1] &&
        !is_punct(s, vc->s - 1) && !is(s, vc->s - 1, C_AUXILIARIES | C_BE_FORMS | C_SKIPPABLE | C_NEGATIONS) &&
        !(s->tok[vc->s - 1].flags & TOK_NUM) && (s->ment[vc->s - 1] >= 0 || !(s->tok[vc->s - 1].flags & TOK_CAP))) {
        /* after an object ("... an agreement forced on X by Y") or before the main verb ("the
         * civilians imprisoned ... were released") */
        int prior = 0;
        for (size_t t = 0; t < vc->s; t++) prior |= s->isverb[t];
        for (size_t t = vc->e; t < s->nt && t < (size_t)vc->e + 12; t++) {
            /* "... where 28 people have been killed": another clause's verb is not the main one */
            if (clause_comma(s, t) || !strcmp(tw(s, t), ";") || is(s, t, C_SUBORDINATORS)) break;
            /* "accused Manila of intruding and said its coast guard had acted": a verb of another
             * clause comes first */
            if (s->isverb[t] && !is(s, t, C_BE_FORMS | C_AUXILIARIES)) break;
            if (prior && !strcmp(tw(s, t), "BY") && t < (size_t)vc->e + 6) return 1;
            if (!prior && is(s, t, C_BE_FORMS | C_AUXILIARIES) && strcmp(tw(s, t - 1), "TO") != 0 && t + 1 < s->nt &&
                s->isverb[t + 1])
                return 1;
        }
        /* "rejected an ultimatum to hand over a guard involved in a shooting": after a verb, a
         * participle right after a determined common noun describes that noun */
        if (prior && s->ment[vc->s - 1] < 0 && !(s->tok[vc->s - 1].flags & TOK_CAP))
            for (size_t t = vc->s - 1, k = 0; t-- > 0 && k < 3; k++) {
                if (s->isverb[t] || is_punct(s, t)) break;
                /* "detained nine men suspected of links": a number determines as "the" does */
                if (is(s, t, C_DETERMINERS) || (s->tok[t].flags & TOK_NUM)) return 1;
            }
        /* "warrants for two Brazilian men sought in the slaying": so does one after an actor that
         * is the object of a preposition (not "said rebels attacked") */
        if (prior && s->ment[vc->s - 1] >= 0) {
            size_t t = (size_t)s->ph[s->ment[vc->s - 1]].s;
            static const char *const quantifiers[] = {"MOST", "SOME", "MANY", "SEVERAL", "ALL", "FEW", "BOTH", NULL};
            while (t > 0 && ((s->tok[t - 1].flags & TOK_NUM) || word_number(tw(s, t - 1)) > 0 ||
                             is(s, t - 1, C_DETERMINERS) || in_list(tw(s, t - 1), quantifiers)))
                t--;
            if (t > 0 && is(s, t - 1, C_PREPOSITIONS)) return 1;
        }
    }
    if (participle && vc->s > 1 && (s->tok[vc->s - 1].flags & TOK_CAP) && s->ment[vc->s - 1] < 0) {
        /* "to most West Africans ordered out of Nigeria": a name that is a prepositional object */
        size_t u = vc->s - 1;
        int prior = 0;
        for (size_t k = 0; k < u; k++) prior |= s->isverb[k];
        while (u > 0 && (s->tok[u - 1].flags & TOK_CAP) && s->ment[u - 1] < 0 && !is_punct(s, u - 1)) u--;
        while (u > 0 && (is(s, u - 1, C_DETERMINERS | C_DEGREE_ADVERBS) || word_number(tw(s, u - 1)) > 0)) u--;
        if (prior && u > 0 && is(s, u - 1, C_PREPOSITIONS)) return 1;
    }
    size_t t = vc->s;
    while (t > 0 && (is(s, t - 1, C_AUXILIARIES | C_SKIPPABLE | C_BE_FORMS | C_NEGATIONS))) t--;
    if (t == 0) return 0;
    const char *w = tw(s, t - 1);
    if (!strcmp(w, "WHICH") || !strcmp(w, "WHO")) return 1;
    return !strcmp(w, "THAT") && t > 1 && !s->isverb[t - 2] && !is_punct(s, t - 2) && s->ment[t - 2] < 0 &&
           !is(s, t - 2, C_SKIPPABLE | C_AUXILIARIES);
}

/* ", who fired round after round of teargas at protesters": a relative clause set off by a comma
 * whose verb is in the past tense tells what else happened, it does not pick out its noun. */
static int narrative_relative(const struct sent *s, const struct verbcand *vc)
{
    const struct fw_syn_pred *p = fw_code_syn_pred(s, vc->v);
    if (!p || p->type != FW_CL_RELCL || p->mark < 1 || !s->has_syn) return 0;
    if (strcmp(tw(s, (size_t)p->mark - 1), ",") || (strcmp(tw(s, (size_t)p->mark), "WHO") && strcmp(tw(s, (size_t)p->mark), "WHICH")))
        return 0;
    return p->verb < (int)s->syn.n && s->syn.pos[p->verb] == FW_POS_VBD && !(p->flags & (FW_SYN_PASSIVE | FW_SYN_COPULA));
}

/* The object text of a violent verb with no actor as target names the sea or the sky. */
static int aimed_at_nothing(const struct sent *s, const struct pending *pd)
{
    static const char *const nothing[] = {"SEA", "SEAS", "AIR", "SKY", "OCEAN", "WATERS", NULL};
    for (int t = pd->tgt_text_s; t >= 0 && t < pd->tgt_text_e; t++)
        if (in_list(tw(s, (size_t)t), nothing)) return 1;
    return 0;
}

/* The first of two or more actors a "between" after a violent verb or its noun names ("clashes
 * broke out between police and protesters", "talks between X and Y"), -1 if none. */
static int between_chain(const struct sent *s, const struct pending *pd)
{
    const char *c = pd->fwd[0] ? pd->fwd : pd->rev;
    int violent = fw_code_violent(c);
    int meeting = c[0] == '0' && c[1] >= '4' && c[1] <= '6';
    if (!violent && !meeting) return -1;
    for (size_t t = 0; t + 1 < s->nt; t++) {
        if (strcmp(tw(s, t), "BETWEEN")) continue;
        size_t u = t + 1;
        while (u < s->nt && is(s, u, C_DETERMINERS)) u++;
        if (u >= s->nt || s->ment[u] < 0) continue;
        int f = s->ph[s->ment[u]].first;
        if (f >= 0 && s->ph[f].s >= t && s->ph[f].next >= 0) return f;
    }
    return -1;
}

/* "clashed in central Paris", "along the border": a phrase after a preposition of place names
 * where, not whom */
static int where_phrase(const struct sent *s, int ph)
{
    static const char *const where[] = {"IN", "NEAR", "AT", "ALONG", "ACROSS", "OUTSIDE", "INSIDE", "AROUND", NULL};
    /* "in the Tawang sector of Arunachal Pradesh": a place of a place is where, too */
    int of = 0;
    for (size_t t = s->ph[ph].s, k = 0; t-- > 0 && k < (of ? 8u : 3u); k++) {
        if (in_list(tw(s, t), where)) return 1;
        if (!of && !strcmp(tw(s, t), "OF")) {
            of = 1, k = 0;
            continue;
        }
        if (s->isverb[t] || is_punct(s, t) ||
            !(s->has_syn && t < s->syn.n &&
              (s->syn.pos[t] == FW_POS_JJ || s->syn.pos[t] == FW_POS_DT ||
               /* "in North Macedonia": a name's first word the dictionary left out */
               (s->syn.pos[t] == FW_POS_NNP && (s->tok[t].flags & TOK_CAP)) ||
               (of && (s->syn.pos[t] == FW_POS_NN || s->syn.pos[t] == FW_POS_NNS)))))
            return 0;
    }
    return 0;
}

/* "A suicide bomber blew himself up at a mosque, killing 12 worshippers": a present participle
 * after the main clause's comma says what the main clause's subject did by it; when the main
 * verb codes nothing, the participle is the happening and its doer is that subject */
static int trailing_participle(const struct sent *s, const struct fw_syn_pred *p, const struct verbcand *vc)
{
    if (!p || p->type != FW_CL_PARTCL || !(p->flags & FW_SYN_SUBJ_SHARED) || vc->s == 0) return 0;
    const char *vw = tw(s, vc->v);
    size_t n = strlen(vw);
    if (n < 5 || strcmp(vw + n - 3, "ING")) return 0;
    /* (", burning tyres and blocking roads", "sending tanks ... and bombing the parliament": the
     * conjunct of one, whose subject it has, whatever governs them) */
    if (p->conj >= 0 && (size_t)p->conj < s->syn.npred && s->syn.pred[p->conj].subj == p->subj &&
        (!strcmp(tw(s, vc->s - 1), "AND") || !strcmp(tw(s, vc->s - 1), "OR")))
        return 1;
    if (strcmp(tw(s, vc->s - 1), ",")) return 0;
    const struct fw_syn_pred *g = p->gov >= 0 && (size_t)p->gov < s->syn.npred ? &s->syn.pred[p->gov] : NULL;
    return g && g->type == FW_CL_MAIN && g->subj == p->subj;
}

/* Whether the token at byte offset off lies in a relative clause: a "who", "which" or "whose"
 * between it and the comma or the sentence start before it. */
static int in_relative_clause(const struct sent *s, size_t off)
{
    size_t t = 0;
    while (t < s->nt && s->tok[t].start < off) t++;
    while (t-- > 0 && strcmp(tw(s, t), ",") && strcmp(tw(s, t), ";"))
        if (!strcmp(tw(s, t), "WHO") || !strcmp(tw(s, t), "WHICH") || !strcmp(tw(s, t), "WHOSE")) return 1;
    return 0;
}

/* Folds verbs into one another the way a reader does: "X pledged to expel Y" is the expulsion
 * (planned); "X met Y to discuss Z" is the meeting; "X wants Y to attack Z" is the appeal to Y;
 * ", killing eight people" and ", seeking to mend ties" are circumstances of the main verb. */
static void fold_verbs(const struct sent *s, struct pending *pend, size_t np)
{
    for (size_t k = 0; k < np; k++) {
        struct pending *pd = &pend[k];
        if (pd->nested || pd->drop) continue;
        size_t t = pd->vc.s;
        while (t > 0 && is(s, t - 1, C_SKIPPABLE)) t--;
        if (t == 0) continue;
        const char *before = tw(s, t - 1);
        size_t n = strlen(tw(s, pd->vc.v));
        int ing = n > 4 && strcmp(tw(s, pd->vc.v) + n - 3, "ING") == 0;
        if (ing && strcmp(before, ",") == 0 && np > 1) {
            /* the circumstance of a verb before it that is coded; "a missile hit a building, killing
             * four people and wounding 12": with a main verb that codes nothing, the participles
             * are what happened */
            int main_before = 0;
            for (size_t j = 0; j < np; j++) {
                if (j == k || pend[j].vc.v >= pd->vc.s) continue;
                size_t wj = strlen(tw(s, pend[j].vc.v)), tj = pend[j].vc.s;
                int ing_j = wj > 4 && !strcmp(tw(s, pend[j].vc.v) + wj - 3, "ING");
                if (!ing_j || tj == 0 || strcmp(tw(s, tj - 1), ",")) main_before = 1;
            }
            if (main_before || !trailing_participle(s, fw_code_syn_pred(s, pd->vc.v), &pd->vc)) {
                /* "blew himself up at a church in Oslo, killing 12 worshippers": those the
                 * circumstance kills are whom a violent main verb with no one, or only a place,
                 * for target acted on */
                struct pending *mv = NULL;
                for (size_t j = 0; j < np; j++)
                    if (j != k && !pend[j].drop && pend[j].vc.v < pd->vc.s) mv = &pend[j];
                const char *mc = mv ? (mv->fwd[0] ? mv->fwd : mv->rev) : "", *pc = pd->fwd[0] ? pd->fwd : pd->rev;
                if (mv && fw_code_violent(mc) && fw_code_violent(pc) && pd->tgt >= 0 && !where_phrase(s, pd->tgt) &&
                    (mv->tgt < 0 || where_phrase(s, mv->tgt)))
                    mv->tgt = pd->tgt;
                /* "backed the price increase in a speech, accusing Iran's enemies of stirring up
                 * the unrest": an accusation, demand, rejection or threat after a main verb of
                 * another kind says more than how that was done; it is its own act */
                int pr = pc[0] ? (pc[0] - '0') * 10 + (pc[1] - '0') : 0, mr = mc[0] ? (mc[0] - '0') * 10 + (mc[1] - '0') : 0;
                if (mv && pd->src >= 0 && pd->tgt >= 0 && pr >= 10 && pr <= 13 && mr > 0 && mr < 10)
                    continue;
                /* "launched a search operation in the hills, killing two suspected militants and
                 * arresting a third man": force after a main verb of no force is a happening of
                 * its own, not how the search was done */
                if (mv && pd->src >= 0 && pd->tgt >= 0 && pr >= 17 && pr <= 20 && mr > 0 && mr < 17)
                    continue;
                pd->drop = 1;
                continue;
            }
        }
        if (strcmp(before, "TO") != 0 || t < 2) continue;
        /* the governing verb: the nearest verb candidate before "to" in the same clause */
        const struct verbcand *gov = NULL;
        for (size_t v = 0; v < s->nvc; v++)
            if (s->vc[v].e <= t - 1) gov = &s->vc[v];
        const char *gw = NULL;
        size_t ge = 0;
        if (gov) gw = tw(s, gov->v), ge = gov->e;
        else if (is(s, t - 2, C_INTENT_VERBS)) gw = tw(s, t - 2), ge = t - 1;   /* "is about to" */
        if (!gw) continue;
        int object = 0, comma = 0;
        for (size_t u = ge; u < t - 1; u++) {
            if (s->ment[u] >= 0) object = 1;
            if (clause_comma(s, u)) comma = 1;
        }
        if (comma) continue;
        struct pending *gp = NULL;
        for (size_t j = 0; j < np; j++)
            if (gov && pend[j].vc.v == gov->v) gp = &pend[j];
        if (in_list(gw, intent_verbs) && !object) {
            if (gp) gp->drop = 1;
            /* "wants to help Israel": a stated intention to cooperate is CAMEO's 03x */
            if (in_list(gw, volition_verbs)) {
                char *c = pd->fwd[0] ? pd->fwd : pd->rev;
                char ic[8] = "";
                intent_code(c, ic, sizeof ic);
                if (ic[0]) snprintf(pd->fwd, sizeof pd->fwd, "%s", ic), pd->rev[0] = 0, pd->intent = 1;
            }
        } else if (gp) {
            pd->drop = 1;
        }
    }
}

/* "the Uzbek city faces the Afghan town": the actor is a lone adjective of a common noun that is
 * neither actor nor agent, so what acts is the noun, not the country. */
static int bare_adjective(const struct sent *s, int ph)
{
    if (ph < 0) return 0;
    const struct phrase *p = &s->ph[ph];
    size_t e = p->e;
    if (e - p->s != 1 || e >= s->nt || !(s->tok[p->s].flags & TOK_CAP)) return 0;
    static const char *const not_nouns[] = {"TODAY", "YESTERDAY", "TOMORROW", "TONIGHT", "NOW", "AGAIN", "STILL",
                                            "LATE", "EARLY", "OVERNIGHT", "TWICE", "ONCE", "AGO", NULL};
    const char *w = tw(s, e);
    size_t n = strlen(w);
    if (in_list(w, not_nouns) || w[0] == '\'' || (n > 2 && !strcmp(w + n - 2, "LY"))) return 0;
    return s->ment[e] < 0 && !s->isverb[e] && !is_punct(s, e) && !(s->tok[e].flags & (TOK_CAP | TOK_NUM)) &&
           !is(s, e, C_PREPOSITIONS | C_DETERMINERS | C_BOUNDARIES | C_AUXILIARIES | C_SKIPPABLE | C_CLAUSE_STOPS);
}

/* An event without a source is worth keeping only when it acts on a state (a country code) and
 * is more than a statement or an appeal (01x, 02x): "helicopters evacuated the wounded from a
 * Bosnian town", not "a study found that ...". */
static int state_target(const struct sent *s, const struct pending *pd)
{
    const char *c = pd->fwd[0] ? pd->fwd : pd->rev, *t = s->ph[pd->tgt].code;
    char c3[4];
    if (c[0] == '0' && (c[1] == '1' || c[1] == '2')) return 0;
    if (strlen(t) < 3 || !isalpha((unsigned char)t[0])) return 0;
    memcpy(c3, t, 3);
    c3[3] = 0;
    return !in_list(c3, non_countries);
}

/* The verb is the sentence's first coded one outside a subordinate clause. */
static int main_verb(const struct sent *s, const struct pending *pend, size_t k)
{
    for (size_t j = 0; j < k; j++)
        if (!pend[j].drop) return 0;
    for (size_t t = 0; t < pend[k].vc.s; t++)
        if (is(s, t, C_SUBORDINATORS) || s->isverb[t]) return 0;
    return 1;
}

/* The PLOVER category of a CAMEO code, in the vocabulary the coder was asked for: the
 * CAMEO2PLOVER table speaks the 2021 draft (0.8); PLOVER 0.5, the vocabulary of PLOVER's own
 * gold-standard records, names CAMEO 10 and 02 (appeals) DEMAND, splits ACCUSE into INVESTIGATE (09) and
 * DISAPPROVE (11), and calls conventional military force (19) FIGHT, not ASSAULT. */
static void plover_name(const struct fw_coder *c, const char *cameo, char *out, size_t outsz)
{
    const char *cat = fw_dict_plover(&c->d, cameo);
    /* PLOVER 0.5's DEMAND is a demand or a request: an appeal (CAMEO 02), which the 2021 table
     * leaves without a category, is one */
    if (!c->plover_v08 && !cat[0] && !strncmp(cameo, "02", 2)) cat = "DEMAND";
    if (c->plover_v08 || !cat[0]) {
        snprintf(out, outsz, "%s", cat);
        return;
    }
    if (!strcmp(cat, "REQUEST")) cat = "DEMAND";
    else if (!strcmp(cat, "ACCUSE")) cat = !strncmp(cameo, "09", 2) ? "INVESTIGATE" : "DISAPPROVE";
    /* an invasion, an occupation of territory by force (192), is 0.5's FIGHT; the 2021 table
     * gives it to COERCE */
    else if (!strcmp(cat, "ASSAULT") && !strncmp(cameo, "19", 2)) cat = "FIGHT";
    else if (!strcmp(cat, "COERCE") && !strncmp(cameo, "192", 3)) cat = "FIGHT";
    /* easing a curfew or a state of emergency (0813, 0814) is 0.5's CONCEDE, with the rest of 081 */
    else if (!strcmp(cat, "RETREAT") && !strncmp(cameo, "081", 3)) cat = "CONCEDE";
    /* the 2021 table moved "impose embargo, boycott, or sanctions" (163) to COERCE; in 0.5 it is
     * the SANCTION its name says */
    else if (!strcmp(cat, "COERCE") && !strncmp(cameo, "16", 2)) cat = "SANCTION";
    snprintf(out, outsz, "%s", cat);
}

/* ---- event detection: does the sentence report a happening? ---- */






/* Whether the date at byte off of the sentence lies in a relative or participial clause of a
 * verb other than the one at token v ("condemned the move announced on Monday": Monday is the
 * announcement's). */
static int quote_mark(const struct sent *s, size_t t)
{
    const char *w = tw(s, t);
    return !strcmp(w, "\"") || !strcmp(w, "\u201C") || !strcmp(w, "\u201D") || !strcmp(w, "``") || !strcmp(w, "''");
}

/* The first token of the sentence that starts at or after byte `at` of the article. */
static size_t tok_from(const struct sent *s, size_t at)
{
    size_t t = 0;
    while (t < s->nt && s->tok[t].start < at) t++;
    return t;
}

/* The predicate whose verb is the last one before token t (the clause a date at t belongs to by
 * position), NULL. */
static const struct fw_syn_pred *pred_before(const struct sent *s, size_t t)
{
    const struct fw_syn_pred *owner = NULL;
    for (size_t q = 0; q < s->syn.npred; q++)
        if ((size_t)s->syn.pred[q].verb < t && (!owner || s->syn.pred[q].verb > owner->verb)) owner = &s->syn.pred[q];
    return owner;
}

/* Whether predicate g governs p, directly or through the clauses between them. */
static int pred_governs(const struct sent *s, const struct fw_syn_pred *g, const struct fw_syn_pred *p)
{
    for (int hops = 0; p && hops < FW_SYN_MAXPRED; hops++) {
        if (p->gov < 0 || (size_t)p->gov >= s->syn.npred) return 0;
        p = &s->syn.pred[p->gov];
        if (p == g) return 1;
    }
    return 0;
}

static int date_of_other_clause(const struct sent *s, size_t off, size_t off_end, size_t v)
{
    size_t td = tok_from(s, s->start + off);
    /* "eight people were killed on Friday when police opened fire": a "when" right after the
     * date puts its clause at that time too */
    size_t te = tok_from(s, s->start + off_end);
    if (te < s->nt && !strcmp(tw(s, te), ",")) te++;
    if (te < s->nt && !strcmp(tw(s, te), "WHEN") && v > te) return 0;
    /* 'Morrison told the committee, "I feared at the time of the call on July 25 ..."': a date
     * inside a quotation dates what the quotation says, not the saying around it */
    int dopen = 0, vopen = 0, between = 0;
    for (size_t t = 0; t < td && t < s->nt; t++) dopen ^= quote_mark(s, t);
    for (size_t t = 0; t < v && t < s->nt; t++) vopen ^= quote_mark(s, t);
    for (size_t t = v < td ? v : td; t < (v < td ? td : v) && t < s->nt; t++) between |= quote_mark(s, t);
    if (dopen && !(vopen && !between)) return 1;
    if (!s->has_syn) return 0;
    const struct fw_syn_pred *owner = pred_before(s, td);
    if (!owner || (size_t)owner->verb == v) return 0;
    /* "has stepped up attacks since it ended a ceasefire in November 2022": a "since" or "until"
     * clause's date is where a span begins or ends, not the date of the verb it depends on */
    if (owner->type == FW_CL_ADVCL && owner->mark >= 0 &&
        (!strcmp(tw(s, (size_t)owner->mark), "SINCE") || !strcmp(tw(s, (size_t)owner->mark), "UNTIL")))
        return 1;
    /* "sentenced a soldier on Wednesday for killing a civilian in 2022", "charged with attacking
     * a police post in May": a date in the act a gerund after "for", "of" or "with" names is
     * that act's, not the verdict's */
    if ((size_t)owner->verb > v && owner->type == FW_CL_XCOMP && owner->mark >= 0 && (size_t)owner->verb < s->nt) {
        const char *mk = tw(s, (size_t)owner->mark), *ow = tw(s, (size_t)owner->verb);
        size_t on = strlen(ow);
        if ((!strcmp(mk, "FOR") || !strcmp(mk, "OF") || !strcmp(mk, "WITH") || !strcmp(mk, "OVER")) && on > 4 &&
            !strcmp(ow + on - 3, "ING"))
            return 1;
    }
    /* "offered to hand over two men suspected of blowing up a plane in 1988": a date after the
     * verb, in a later clause the verb does not govern, is that clause's */
    if ((size_t)owner->verb > v) {
        int governed = 0, hops = 0;
        const struct fw_syn_pred *vp = fw_code_syn_pred(s, v);
        for (const struct fw_syn_pred *q = owner; q && hops < FW_SYN_MAXPRED; hops++) {
            if ((size_t)q->verb == v) { governed = 1; break; }
            /* ("had been stabbed or hacked to death ... on the night of 9 November": a conjunct of
             * the verb governs with it) */
            if (vp && q->conj >= 0 && (size_t)q->conj < s->syn.npred && &s->syn.pred[q->conj] == vp) { governed = 1; break; }
            q = q->gov >= 0 && (size_t)q->gov < s->syn.npred ? &s->syn.pred[q->gov] : NULL;
        }
        if (!governed && vp && owner->type != FW_CL_MAIN && owner->type != FW_CL_CCOMP && owner->conj < 0) return 1;
        /* "demanded how he could be so sure what he was doing on the night of March 10": a date
         * the analysis attaches to a later verb with a subject of its own, a clause the verb
         * neither governs nor reports ("Hamas attacked the town, officials said on Monday" keeps
         * its Monday), dates that clause */
        if (!governed && vp && owner->subj >= 0 && owner->conj < 0 && owner != vp && !pred_governs(s, owner, vp)) {
            for (int q = 0; q < owner->npp; q++) {
                const struct fw_syn_np *np =
                    owner->pp[q].np >= 0 && (size_t)owner->pp[q].np < s->syn.nnp ? &s->syn.np[owner->pp[q].np] : NULL;
                if (np && (size_t)np->start <= td && td < (size_t)np->end) return 1;
            }
        }
    }
    if (owner->type != FW_CL_RELCL && owner->type != FW_CL_PARTCL) return 0;
    if (v > (size_t)owner->verb && v < td) return 0;
    /* "The junta, which seized power in a coup in September 2022, has expelled French troops":
     * a date inside a relative clause set off by commas, before the main verb, is the clause's */
    if (owner->type == FW_CL_RELCL && v > td && owner->mark > 0 && !strcmp(tw(s, (size_t)owner->mark - 1), ",")) {
        for (size_t t = td; t < v && t < s->nt; t++)
            if (!strcmp(tw(s, t), ",")) return 1;
    }
    /* only a date right after the clause's verb is surely its: after the clause's object, a
     * phrase may as well attach to the main verb ("abducted by gunmen wearing uniforms in
     * Kabul in August 2016") */
    for (size_t t = (size_t)owner->verb + 1; t < td; t++)
        if (!is(s, t, C_PREPOSITIONS | C_DETERMINERS | C_SKIPPABLE) && !(s->tok[t].flags & TOK_NUM)) return 0;
    return 1;
}

/* "it is (not) possible to verify", "it was difficult to reach": an infinitive extraposed after
 * "it" + be + adjective. */
static int extraposed(const struct sent *s, const struct verbcand *vc)
{
    if (!s->has_syn || vc->s < 4) return 0;
    size_t to = vc->s - 1;
    while (to > 0 && to < s->syn.n && s->syn.pos[to] == FW_POS_RB) to--;   /* "to independently verify" */
    if (to < 3 || strcmp(tw(s, to), "TO")) return 0;
    size_t t = to - 1;
    while (t > 0 && s->syn.pos[t] == FW_POS_RB) t--;             /* "independently", "not" */
    /* the adjectives that judge an act, not a doer ("it is willing to withdraw" has one) */
    static const char *const judging[] = {"POSSIBLE", "IMPOSSIBLE", "DIFFICULT", "EASY", "HARD", "NECESSARY",
                                          "UNNECESSARY", "IMPORTANT", "ESSENTIAL", "CRUCIAL", "VITAL", "CLEAR",
                                          "UNCLEAR", "EARLY", "PREMATURE", "SAFE", "UNSAFE", "NORMAL", "RARE",
                                          "COMMON", "USEFUL", "WRONG", "RIGHT", NULL};
    if (t >= s->syn.n || !in_list(tw(s, t), judging)) return 0;
    while (t > 0 && (s->syn.pos[t - 1] == FW_POS_RB || is(s, t - 1, C_NEGATIONS | C_DEGREE_ADVERBS))) t--;
    if (t < 2 || !is(s, t - 1, C_BE_FORMS)) return 0;
    return !strcmp(tw(s, t - 2), "IT");
}

/* Whether the verb is in an "if", "unless" or "whether" clause (back to the nearest comma). */
static int conditional(const struct sent *s, const struct verbcand *vc)
{
    for (size_t t = vc->s; t-- > 0 && strcmp(tw(s, t), ",");)
        if (!strcmp(tw(s, t), "IF") || !strcmp(tw(s, t), "UNLESS") || !strcmp(tw(s, t), "WHETHER")) return 1;
    return 0;
}

/* Whether the verb of pd is what its sentence reports: a main clause, or a clause a verb of
 * saying reports ("CBS reports the man ... was sentenced"). */
static int reported_clause(const struct sent *s, const struct pending *pd)
{
    const struct fw_syn_pred *p = fw_code_syn_pred(s, pd->vc.v);
    if (!p) return 0;
    if (p->type == FW_CL_MAIN) return 1;
    /* "The violence came a week after a car bomb exploded in Kabul on Nov. 13": a clause of
     * time with a date of its own tells a dated happening of its own */
    if (p->type == FW_CL_ADVCL && p->mark >= 0 && (!strcmp(tw(s, (size_t)p->mark), "AFTER") ||
                                                   !strcmp(tw(s, (size_t)p->mark), "BEFORE")))
        for (size_t q = 0; q < p->npp; q++)
            if (p->pp[q].np >= 0 && (size_t)p->pp[q].np < s->syn.nnp && s->syn.np[p->pp[q].np].temporal &&
                s->syn.np[p->pp[q].np].head >= 0 && (s->tok[s->syn.np[p->pp[q].np].head].flags & TOK_CAP))
                return 1;
    return p->type == FW_CL_CCOMP && p->gov >= 0 && (size_t)p->gov < s->syn.npred &&
           is(s, (size_t)s->syn.pred[p->gov].verb, C_REPORT_VERBS);
}

/* Whether a coded verb other than pend[k], not one of saying, has both a source and a target. */
static int other_dyad(const struct sent *s, const struct pending *pend, size_t np, size_t k)
{
    for (size_t j = 0; j < np; j++) {
        /* ("The journalist, who was arrested by police in March, was released": a relative
         * clause's dyad describes, it is not the sentence's other happening) */
        const struct fw_syn_pred *q = fw_code_syn_pred(s, pend[j].vc.v);
        if (q && q->type == FW_CL_RELCL) continue;
        if (j != k && !pend[j].drop && pend[j].src >= 0 && pend[j].tgt >= 0 && !is(s, pend[j].vc.v, C_REPORT_VERBS))
            return 1;
    }
    return 0;
}

/* Whether the source of pend[k] is another coded verb's source with a target in the sentence. */
static int src_acts(const struct pending *pend, size_t np, size_t k)
{
    for (size_t j = 0; j < np; j++)
        if (j != k && !pend[j].drop && pend[j].src == pend[k].src && (pend[j].tgt >= 0 || pend[j].tgt_text_s >= 0))
            return 1;
    return 0;
}

/* Whether predicate p governs a clause of the given type (-1: any). */
static int governs_clause(const struct sent *s, const struct fw_syn_pred *p, int type)
{
    for (size_t q = 0; q < s->syn.npred; q++)
        if (s->syn.pred[q].gov == (int)(p - s->syn.pred) && (type < 0 || s->syn.pred[q].type == type)) return 1;
    return 0;
}

/* A verb with no meaning of its own takes its object's ("laid siege to", "staged a march",
 * "launched raids"): when the object's head noun is itself a verb of the dictionary, the event
 * is that verb's, with the light verb's subject and the noun's complements. */
static int has_verb(const struct fw_dict *d, int32_t id)
{
    return id >= 0 && (size_t)id + 1 < d->nvoff && d->voff[id] != d->voff[id + 1];
}

/* The verb a noun names the act of, by English derivation: investigation -> investigate,
 * consultation -> consult, invasion -> invade, suspension -> suspend, withdrawal -> withdraw,
 * approval -> approve, deployment -> deploy, seizure -> seize; the Latin stems that change their
 * vowel or consonant: expulsion -> expel, detention -> detain, intervention -> intervene (not
 * attention -> attain, convention -> convene),
 * extradition -> extradite, resumption -> resume; a plural names the acts of its singular
 * ("expulsions"). Its word id, -1. */
static int32_t nominal_verb(const struct fw_dict *d, const char *w)
{
    static const struct {
        const char *suffix, *repl;
    } rules[] = {{"PULSION", "PEL"}, {"ETENTION", "ETAIN"}, {"STENTION", "STAIN"}, {"RVENTION", "RVENE"}, {"SUMPTION", "SUME"},
                 {"ITION", "ITE"}, {"ATION", "ATE"}, {"ATION", ""}, {"ASION", "ADE"}, {"SION", "DE"},
                 {"SION", "D"}, {"SSION", "T"}, {"TION", "T"}, {"ION", ""}, {"AL", ""}, {"AL", "E"},
                 {"MENT", ""}, {"URE", "E"}};
    size_t n = strlen(w);
    for (int plural = 0; plural < 2; plural++) {
        if (plural) {
            if (n < 6 || w[n - 1] != 'S' || w[n - 2] == 'S') break;
            n--;                                    /* "expulsions", "interventions" */
        }
        for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
            size_t sl = strlen(rules[r].suffix), rl = strlen(rules[r].repl);
            /* a stem of three letters at least, two for the long Latin suffixes ("ex-pulsion",
             * "de-tention", "inte-rvention"; "attention" and "convention" name no act) */
            if (n < sl + (sl >= 7 ? 2 : 3) || strncmp(w + n - sl, rules[r].suffix, sl) || n - sl + rl >= FW_WORD_MAX) continue;
            char b[FW_WORD_MAX];
            memcpy(b, w, n - sl);
            memcpy(b + n - sl, rules[r].repl, rl + 1);
            int32_t id = fw_words_find(&d->words, b, n - sl + rl);
            if (has_verb(d, id)) return id;
        }
    }
    return -1;
}

/* A code of words, not deeds: a statement, appeal, intent, praise, criticism, rejection or threat
 * (01, 02, 03, 05, 11, 12, 13). "Germany and France condemned the attack": each member said it. */
static int verbal_act(const char *c)
{
    static const char *const roots[] = {"01", "02", "03", "05", "11", "12", "13", NULL};
    for (int i = 0; roots[i]; i++)
        if (!strncmp(c, roots[i], 2)) return 1;
    return 0;
}

/* Whether the object of the verb is a name the gazetteer knows as a place ("captured Bakhmut"). */
static int seized_place(const struct article *a, const struct sent *s, const struct pending *pd)
{
    const struct fw_syn_pred *sp = fw_code_syn_pred(s, pd->vc.v);
    if (!a->c->geo || !sp || sp->obj < 0 || (size_t)sp->obj >= s->syn.nnp) return 0;
    const struct fw_syn_np *o = &s->syn.np[sp->obj];
    size_t b = (size_t)o->start;
    while (b < (size_t)o->end && b < s->nt && !(s->tok[b].flags & TOK_CAP)) b++;   /* "the town of ..." */
    if (b >= (size_t)o->end || b >= s->nt || s->ment[b] >= 0) return 0;
    size_t e = b;
    while (e < (size_t)o->end && e < s->nt && (s->tok[e].flags & TOK_CAP)) e++;
    struct fw_place pl;
    size_t st = s->tok[b].start, en = s->tok[e - 1].end;
    return fw_geo_match(a->c->geo, a->text + st, s->end - st, NULL, &pl) >= en - st;
}

/* A verb of doing or of a stage of doing: it names its act by the act's noun ("launched an
 * invasion", "conducted the strike", "completed its investigation"). */
static int doing_verb(const struct fw_dict *d, const struct verbcand *vc)
{
    static const char *const doing[] = {"BEGIN", "START", "LAUNCH", "OPEN", "CONDUCT", "CARRY", "COMPLETE", "FINISH",
                                        "UNDERTAKE", "INITIATE", "STAGE", "RESUME", "CONTINUE", "ORDER", "ANNOUNCE", "DECLARE",
                                        "IMPOSE", "ENFORCE",
                                        NULL};
    int32_t lemma = d->verbs[vc->form].lemma;
    return lemma >= 0 && in_list(d->words.s[lemma], doing);
}

static void light_verb(const struct fw_dict *d, const struct sent *s, const struct verbcand *vc, struct pending *pd)
{
    const struct fw_syn_pred *sp = fw_code_syn_pred(s, vc->v);
    if (!sp) return;
    int obj = sp->obj;
    /* "responded with strikes on Houthi radar sites", "retaliated with air strikes": a verb of
     * response names its act by what it responds with */
    static const char *const responding[] = {"RESPOND", "REACT", "RETALIATE", "ANSWER", "REPLY", NULL};
    int32_t lemma = d->verbs[vc->form].lemma;
    if (obj < 0 && lemma >= 0 && in_list(d->words.s[lemma], responding))
        for (size_t k = 0; k < sp->npp && obj < 0; k++)
            if (sp->pp[k].prep >= 0 && !strcmp(tw(s, (size_t)sp->pp[k].prep), "WITH")) obj = sp->pp[k].np;
    if (obj < 0 || (size_t)obj >= s->syn.nnp) return;
    /* "declaring the mask ban unconstitutional": an object with its complement after it is
     * judged, not done */
    size_t oe = (size_t)s->syn.np[obj].end;
    if (oe < s->syn.n && (s->syn.pos[oe] == FW_POS_JJ || s->syn.pos[oe] == FW_POS_JJR)) return;
    int h = s->syn.np[obj].head;
    if (h < 0 || (size_t)h >= s->nt || s->ment[h] >= 0 || (s->tok[h].flags & TOK_CAP)) return;
    /* "conducted a series of missile and drone strikes", "launched a wave of attacks": a noun of
     * number or sequence names its act by the noun after "of" (the last noun of that chunk) */
    static const char *const partitives[] = {"SERIES", "WAVE", "WAVES", "BARRAGE", "STRING", "SPATE", "VOLLEY",
                                             "VOLLEYS", "SALVO", "SALVOS", "ROUND", "FLURRY", "SEQUENCE", "NUMBER",
                                             "DOZENS", "HUNDREDS", "SCORES", NULL};
    if (in_list(tw(s, (size_t)h), partitives) && (size_t)h + 2 < s->nt && !strcmp(tw(s, (size_t)h + 1), "OF")) {
        size_t t = (size_t)h + 2, last = 0;
        for (; t < s->nt && t < (size_t)h + 8 && s->has_syn && t < s->syn.n; t++) {
            uint8_t pt = s->syn.pos[t];
            if (pt == FW_POS_NN || pt == FW_POS_NNS) last = t;
            else if (!(pt == FW_POS_JJ || pt == FW_POS_CC || pt == FW_POS_CD || is(s, t, C_DETERMINERS))) break;
        }
        if (last && s->ment[last] < 0 && !(s->tok[last].flags & TOK_CAP)) h = (int)last;
    }
    /* "sent the suspects to a prison": people are no act's noun */
    if (is(s, (size_t)h, C_HUMAN)) return;
    int32_t id = s->tok[h].id;
    /* "completed its investigation into ...", "launched an invasion of ...": a verb of doing or of
     * a stage of doing names its act by the act's noun ("concluded the establishment ... was",
     * "pursuing an agreement" name no act done) */
    if (!has_verb(d, id) && doing_verb(d, vc)) id = nominal_verb(d, s->tok[h].up);
    if (!has_verb(d, id)) return;
    for (uint32_t k = d->voff[id]; k < d->voff[id + 1]; k++) {
        const struct fw_verb *nv = &d->verbs[k];
        if (nv->n != 1) continue;                 /* the noun alone, not a phrasal verb's first word */
        const struct fw_block *nb = &d->blocks[nv->block];
        const char *c = nv->code[0] ? nv->code : nb->code;
        /* "made his remarks": a speech noun after a light verb is a comment (the dictionary's
         * own patterns code the statements that are events) */
        if (!c[0] || strchr(c, '-') || !strncmp(c, "01", 2)) continue;
        snprintf(pd->fwd, sizeof pd->fwd, "%s", c);
        if (!nv->code[0]) memcpy(pd->rev, nb->rev, sizeof pd->rev);
        return;
    }
}

/* With no pattern of the dictionary for it, what a verb does follows its object: "released a
 * video" publishes it (010), it releases no one (084); "called the process a sham", "branded the
 * vote illegal" (a name or a judgement given to the object) condemns (111) or names (010), it is
 * no call on anyone (041). */
/* Whether predicate p goes somewhere: a "to", "for", "into" or "toward" phrase (for an arrival also
 * "in" or "at") that names a place or an actor ("went to Beijing", "left for Doha", "arrived in
 * Kabul"; not "were left stranded in Mongolia"). */
static int destination(const struct sent *s, const struct fw_syn_pred *p, int arriving)
{
    static const char *const to[] = {"TO", "FOR", "INTO", "TOWARD", "TOWARDS", NULL};
    for (size_t k = 0; k < p->npp; k++) {
        const struct fw_syn_pp *pp = &p->pp[k];
        if (pp->prep < 0 || pp->np < 0 || (size_t)pp->np >= s->syn.nnp) continue;
        const char *w = tw(s, (size_t)pp->prep);
        if (!in_list(w, to) && !(arriving && (!strcmp(w, "IN") || !strcmp(w, "AT")))) continue;
        const struct fw_syn_np *n = &s->syn.np[pp->np];
        for (int t = n->start; t < n->end && (size_t)t < s->nt; t++)
            if (s->ment[t] >= 0 || ((s->tok[t].flags & TOK_CAP) && !n->temporal)) return 1;
        if (n->head >= 0 && is(s, (size_t)n->head, C_TARGET)) return 1;       /* "went to the border" */
    }
    return 0;
}

/* What a refusal verb (12x) refuses follows its complement: "declined to say when", "refused to
 * comment" decline to comment (CAMEO 011); "declined 0.3%", "declined by 5 percent" is a figure
 * falling, no refusal (no code). 1 when it decided. */
static int refusal_sense(const struct sent *s, const struct fw_syn_pred *sp, struct pending *pd)
{
    static const char *const figure_units[] = {"%", "PERCENT", "PER", "POINTS", "MILLION", "BILLION", "TRILLION", NULL};
    static const char *const comment[] = {"COMMENT", "SAY", "ELABORATE", "DISCUSS", "DISCLOSE", "SPECIFY", "CONFIRM",
                                          "REVEAL", "SPECULATE", "ANSWER", "RESPOND", NULL};
    int self = (int)(sp - s->syn.pred);
    for (size_t k = 0; k < s->syn.npred; k++) {
        const struct fw_syn_pred *q = &s->syn.pred[k];
        if (q->gov != self || q->mark < 0 || strcmp(tw(s, (size_t)q->mark), "TO") || q->verb < 0) continue;
        char st[FW_WORD_MAX];
        const char *w = tw(s, (size_t)q->verb);
        fw_word_stem(w, strlen(w), st, sizeof st);
        if (in_list(w, comment) || in_list(st, comment)) {
            snprintf(pd->fwd, sizeof pd->fwd, "011");
            pd->rev[0] = 0;
            return 1;
        }
    }
    /* the object, or a "by"/"to" phrase, is a figure */
    int nps[2 + FW_SYN_MAXPP], nn = 0;
    if (sp->obj >= 0) nps[nn++] = sp->obj;
    if (sp->agent >= 0) nps[nn++] = sp->agent;      /* "declined by 12 percent" read as a passive's agent */
    for (size_t k = 0; k < sp->npp; k++)
        if (sp->pp[k].prep >= 0 && (!strcmp(tw(s, (size_t)sp->pp[k].prep), "BY") || !strcmp(tw(s, (size_t)sp->pp[k].prep), "TO")))
            nps[nn++] = sp->pp[k].np;
    for (int k = 0; k < nn; k++) {
        if (nps[k] < 0 || (size_t)nps[k] >= s->syn.nnp) continue;
        const struct fw_syn_np *o = &s->syn.np[nps[k]];
        for (int t = o->start; t < o->end && (size_t)t < s->nt; t++)
            if (s->syn.pos[t] == FW_POS_CD && (o->head == t || in_list(tw(s, (size_t)t + 1), figure_units))) {
                pd->fwd[0] = pd->rev[0] = 0;
                return 1;
            }
    }
    return 0;
}

/* A taking that goes "to" somewhere or someone, by no armed actor ("was taken by ambulance to
 * hospital", "take the message to the people"): carrying, no seizure. */
static int took_somewhere(const struct sent *s, const struct fw_syn_pred *sp)
{
    int passive = (sp->flags & FW_SYN_PASSIVE) != 0;
    int doer = passive ? (sp->agent >= 0 ? syn_phrase(s, sp->agent) : -1) : syn_phrase(s, sp->subj);
    if (doer >= 0 && (fw_code_armed_sector(s->ph[doer].code) || fw_code_phrase_has(s, doer, C_ARMED))) return 0;
    for (size_t k = 0; k < sp->npp; k++)
        if (sp->pp[k].prep >= 0 && !strcmp(tw(s, (size_t)sp->pp[k].prep), "TO")) return 1;
    return 0;
}

/* The predicate has a "with" phrase or a "with" gerund ("charged with murder", "with spying"). */
static int with_phrase(const struct sent *s, const struct fw_syn_pred *sp)
{
    for (size_t k = 0; k < sp->npp; k++)
        if (sp->pp[k].prep >= 0 && !strcmp(tw(s, (size_t)sp->pp[k].prep), "WITH")) return 1;
    /* (a gerund after "with", past the clauses that describe the object: "charged seven men
     * linked to a group known as X with providing support") */
    /* (not one inside a clause the verb reports: "charged that the army was tasked with
     * suppressing the protests" is an accusation) */
    for (size_t p = 0; p < s->syn.npred; p++) {
        const struct fw_syn_pred *q = &s->syn.pred[p];
        if (q == sp || !pred_governs(s, sp, q) || q->mark < 0 || strcmp(tw(s, (size_t)q->mark), "WITH")) continue;
        int reported = 0;
        for (const struct fw_syn_pred *u = q; u && u != sp;) {
            reported |= u->type == FW_CL_CCOMP;
            u = u->gov >= 0 && (size_t)u->gov < s->syn.npred ? &s->syn.pred[u->gov] : NULL;
        }
        if (!reported) return 1;
    }
    return 0;
}

/* "charged voters with batons": the "with" phrase names a weapon, so the charge is a physical one. */
static int with_weapon(const struct sent *s, const struct fw_syn_pred *sp)
{
    for (size_t k = 0; k < sp->npp; k++) {
        const struct fw_syn_pp *pp = &sp->pp[k];
        if (pp->prep < 0 || pp->np < 0 || (size_t)pp->np >= s->syn.nnp || strcmp(tw(s, (size_t)pp->prep), "WITH")) continue;
        int h = s->syn.np[pp->np].head;
        if (h >= 0 && (size_t)h < s->nt && is(s, (size_t)h, C_WEAPON)) return 1;
    }
    return 0;
}

/* "were charged with spying", "charged him with murder": a charge with a crime is legal action
 * (173), one with a weapon an assault ("charged voters with batons", 180); to charge that
 * something happened is to accuse (the dictionary's 112). 1 when it decided. */
static int charge_sense(const struct sent *s, const struct fw_syn_pred *sp, const char *lemma, struct pending *pd)
{
    if (strncmp(pd->fwd, "112", 3) || strcmp(lemma, "CHARGE") || !with_phrase(s, sp)) return 0;
    snprintf(pd->fwd, sizeof pd->fwd, "%s", with_weapon(s, sp) ? "180" : "173");
    pd->rev[0] = 0;
    return 1;
}

static void naming_sense(const struct sent *s, const struct fw_syn_pred *sp, const char *lemma, struct pending *pd);

static void object_sense(const struct fw_dict *d, const struct sent *s, const struct verbcand *vc, const struct fw_verb *v,
                         struct pending *pd)
{
    const struct fw_syn_pred *sp = fw_code_syn_pred(s, vc->v);
    if (!sp) return;
    const char *lemma = v->lemma >= 0 ? d->words.s[v->lemma] : "";   /* the verb's base form */
    if (!strncmp(pd->fwd, "12", 2) && refusal_sense(s, sp, pd)) return;
    /* "Tom Steyer has largely gone under the radar", "the expansion came in September", "a new game
     * is coming out": the dictionary's blocks of going somewhere and of arriving are a visit only
     * with a place or an actor they go to ("went to Beijing", "left for Doha", "arrived in Kabul") */
    const struct fw_block *bl = &d->blocks[v->block];
    int going = bl->name >= 0 && !strcmp(d->words.s[bl->name], "GO_SOMEWHERE");
    int arriving = bl->name >= 0 && !strcmp(d->words.s[bl->name], "ARRIVE");
    if (!strcmp(pd->fwd, "040") && (!v->code[0] || !strcmp(v->code, "-")) && (going || arriving) &&
        ((sp->flags & FW_SYN_PASSIVE) || !destination(s, sp, arriving))) {
        pd->fwd[0] = pd->rev[0] = 0;
        return;
    }
    /* "protested that Israeli troops had fired on its guards": to protest a clause is to complain
     * (114), not to demonstrate (14x) */
    if (!strncmp(pd->fwd, "14", 2) && !strcmp(lemma, "PROTEST") && governs_clause(s, sp, FW_CL_CCOMP)) {
        snprintf(pd->fwd, sizeof pd->fwd, "114");
        pd->rev[0] = 0;
        return;
    }
    /* "Stella Kim reported from Seoul, and Jennifer Jett from Hong Kong": a reporter's credit line
     * (reporting from a place, nothing reported) is no statement */
    if (!strcmp(lemma, "REPORT") && sp->obj < 0) {
        int from = 0;
        for (size_t k = 0; k < sp->npp; k++) from |= sp->pp[k].prep >= 0 && !strcmp(tw(s, (size_t)sp->pp[k].prep), "FROM");
        if (from && !governs_clause(s, sp, -1)) {
            pd->fwd[0] = pd->rev[0] = 0;
            return;
        }
    }
    /* "Clinton ordered a cruise missile strike against a factory", "ordered the arrest of": the one
     * who orders an act does it (a demand, 10x, is asked of someone who may refuse) */
    if (!strncmp(pd->fwd, "10", 2) && !strcmp(lemma, "ORDER") && sp->obj >= 0) {
        char keep[8], keeprev[8];
        memcpy(keep, pd->fwd, sizeof keep), memcpy(keeprev, pd->rev, sizeof keeprev);
        pd->fwd[0] = pd->rev[0] = 0;
        light_verb(d, s, vc, pd);
        if (!(pd->fwd[0] == '1' && pd->fwd[1] >= '7') && pd->fwd[0] != '2')   /* a coercion or a use of force */
            memcpy(pd->fwd, keep, sizeof keep), memcpy(pd->rev, keeprev, sizeof keeprev);
        return;
    }
    /* "argued that the United States needs ...": to argue a clause is to assert it (010); to argue
     * with someone is to disagree (the dictionary's 110) */
    if (!strncmp(pd->fwd, "11", 2) && sp->obj < 0 && !strcmp(lemma, "ARGUE") && governs_clause(s, sp, FW_CL_CCOMP)) {
        snprintf(pd->fwd, sizeof pd->fwd, "010");
        pd->rev[0] = 0;
        return;
    }
    if (charge_sense(s, sp, lemma, pd)) return;
    /* "have struggled to achieve their objectives", "struggling to cope": striving at an
     * infinitive is effort, no fight (what it strives at is coded on its own) */
    static const char *const striving[] = {"STRUGGLE", NULL};
    if (in_list(lemma, striving) && pd->fwd[0] == '1' && sp->obj < 0 && governs_clause(s, sp, FW_CL_XCOMP)) {
        pd->no_event = 1;
        return;
    }
    int passive = (sp->flags & FW_SYN_PASSIVE) != 0;
    /* (TAKE, below: what is taken somewhere by no armed actor is carried, whatever the object) */
    if (!strcmp(lemma, "TAKE") && !pd->pattern && !strncmp(pd->fwd, "171", 3) && took_somewhere(s, sp)) {
        pd->no_event = 1;
        return;
    }
    int patient = passive ? sp->subj : sp->obj;      /* "the transcript was released" */
    if (patient < 0 || (size_t)patient >= s->syn.nnp) return;
    const struct fw_syn_np *o = &s->syn.np[patient];
    if (!strncmp(pd->fwd, "084", 3) && o->head >= 0 && (size_t)o->head < s->nt && is(s, (size_t)o->head, C_MEDIA)) {
        snprintf(pd->fwd, sizeof pd->fwd, "010");
        pd->rev[0] = 0;
        return;
    }
    /* "Zelaya fired the armed forces chief", "the minister was fired on Monday": a gun is fired at
     * people; an official or a worker fired from a post is dismissed, no attack (no CAMEO event) */
    if (!strcmp(lemma, "FIRE") && o->head >= 0 && (size_t)o->head < s->nt && !(s->tok[o->head].flags & TOK_CAP) &&
        is(s, (size_t)o->head, C_LEADER | C_HUMAN)) {
        int aimed = 0;
        for (size_t k = 0; k < sp->npp; k++) {
            /* ("fired the chief on Sunday": a time is nothing aimed at) */
            if (sp->pp[k].np >= 0 && (size_t)sp->pp[k].np < s->syn.nnp && s->syn.np[sp->pp[k].np].temporal) continue;
            const char *pw = sp->pp[k].prep >= 0 ? tw(s, (size_t)sp->pp[k].prep) : "";
            aimed |= !strcmp(pw, "AT") || !strcmp(pw, "ON") || !strcmp(pw, "UPON") || !strcmp(pw, "INTO");
        }
        if (!aimed) {
            pd->fwd[0] = pd->rev[0] = 0;
            return;
        }
    }
    /* "killed the deputy chief of ...", "murdered the mayor": one leader killed is assassinated
     * (186), not a battle fought (190) */
    static const char *const killing[] = {"KILL", "MURDER", NULL};
    if (!strcmp(pd->fwd, "190") && !passive && in_list(lemma, killing) &&
        o->head >= 0 && (size_t)o->head < s->nt && s->syn.pos[o->head] == FW_POS_NN && is(s, (size_t)o->head, C_LEADER)) {
        snprintf(pd->fwd, sizeof pd->fwd, "186");
        pd->rev[0] = 0;
        return;
    }
    /* "conducted military drills around Taiwan": exercises held with no partner show force to
     * whoever they are held near (150); held with one ("would hold exercises with Russian
     * forces", "joint drills") they are military cooperation (062) */
    static const char *const drills[] = {"DRILL", "DRILLS", "EXERCISE", "EXERCISES", "MANEUVERS", "MANOEUVRES", "WARGAMES", NULL};
    static const char *const holding[] = {"HOLD", "CONDUCT", "STAGE", "LAUNCH", "CARRY", "BEGIN", "START", "HOST", NULL};
    if (!pd->pattern && !passive && in_list(lemma, holding) && o->head >= 0 && (size_t)o->head < s->nt &&
        in_list(tw(s, (size_t)o->head), drills)) {
        int joint = with_phrase(s, sp);
        for (int t = o->start; t < o->end && (size_t)t < s->nt; t++) joint |= !strcmp(tw(s, (size_t)t), "JOINT");
        snprintf(pd->fwd, sizeof pd->fwd, "%s", joint ? "062" : "150");
        pd->rev[0] = 0;
        return;
    }
    /* "the blast was claimed by the Islamic State group", "claimed the bombing": an attack claimed
     * is responsibility claimed (015), the dictionary's active patterns in either voice */
    if (!strcmp(lemma, "CLAIM") && !pd->pattern && o->head >= 0 && (size_t)o->head < s->nt &&
        (attack_noun(s, (size_t)o->head) || is(s, (size_t)o->head, C_BOMBING) || !strcmp(tw(s, (size_t)o->head), "BLAST") ||
         !strcmp(tw(s, (size_t)o->head), "EXPLOSION") || !strcmp(tw(s, (size_t)o->head), "KILLING"))) {
        snprintf(pd->fwd, sizeof pd->fwd, "015");
        pd->rev[0] = 0;
        return;
    }
    /* "blew up three power lines", "blew up a bridge": a thing blown up is property destroyed
     * (1712, as CAMEO's own BLOW_UP * PIPELINE), not a battle with it */
    if (!strcmp(lemma, "BLOW") && pd->fwd[0] == '1' && vc->e > 0 && !strcmp(tw(s, vc->e - 1), "UP") && !passive &&
        o->head >= 0 && (size_t)o->head < s->nt && s->ment[o->head] < 0 && !(s->tok[o->head].flags & TOK_CAP) &&
        !is(s, (size_t)o->head, C_HUMAN | C_ARMED | C_PROTESTER) && !o->pronoun) {
        snprintf(pd->fwd, sizeof pd->fwd, "1712");
        pd->rev[0] = 0;
        return;
    }
    /* "police held two suspects for questioning", "were holding 40 protesters": people held are
     * detained (173); CAMEO's HOLD is CONFINE, coercion at large (170) */
    if (!strcmp(lemma, "HOLD") && !pd->pattern && !strcmp(pd->fwd, "170") && o->head >= 0 && (size_t)o->head < s->nt &&
        (is(s, (size_t)o->head, C_HUMAN | C_PROTESTER) || (s->ment[o->head] >= 0 && fw_code_human_phrase(s, s->ment[o->head])))) {
        /* (hostages, and anyone a group holds, are abducted: 181) */
        const char *hw = tw(s, (size_t)o->head);
        int sub = sp->subj >= 0 ? syn_phrase(s, sp->subj) : -1;
        const char *sc = sub >= 0 ? s->ph[sub].code : "";
        int hostage = !strncmp(hw, "HOSTAGE", 7) || code_has(sc, "REB") || code_has(sc, "UAF") || code_has(sc, "INS") ||
                      code_has(sc, "IMG") || code_has(sc, "CRM");
        snprintf(pd->fwd, sizeof pd->fwd, "%s", hostage ? "181" : "173");
        pd->rev[0] = 0;
        return;
    }
    /* TAKE, CAMEO's seizure (171), is English's lightest verb: "took custody of three men" is an
     * arrest (173); what is taken somewhere by no armed actor is carried ("was taken by ambulance to
     * hospital", "take the message to the people"); what is neither a person, an actor, a place
     * nor a weapon is no seizure ("could take larger payloads", "took a popular policy") */
    if (!strcmp(lemma, "TAKE") && !pd->pattern && !strncmp(pd->fwd, "171", 3) && o->head >= 0 && (size_t)o->head < s->nt) {
        size_t h = (size_t)o->head;
        if (!strcmp(tw(s, h), "CUSTODY")) {
            snprintf(pd->fwd, sizeof pd->fwd, "173");
            pd->rev[0] = 0;
            return;
        }
        int person = is(s, h, C_HUMAN | C_PROTESTER) || s->ment[h] >= 0;
        if (!person && !is(s, h, C_TARGET | C_WEAPON | C_ARMED)) {
            pd->no_event = 1;
            return;
        }
    }
    /* "police dispersed opposition supporters", "scattered the crowd": people dispersed are
     * repressed (175), what is spread is circulated (the dictionary's 010) */
    static const char *const scattering[] = {"DISPERSE", "SCATTER", NULL};
    if (!strcmp(pd->fwd, "010") && in_list(lemma, scattering) && o->head >= 0 && (size_t)o->head < s->nt &&
        (is(s, (size_t)o->head, C_HUMAN | C_PROTESTER) || !strcmp(tw(s, (size_t)o->head), "CROWD") ||
         !strcmp(tw(s, (size_t)o->head), "CROWDS") || s->ment[o->head] >= 0)) {
        snprintf(pd->fwd, sizeof pd->fwd, "175");
        pd->rev[0] = 0;
        return;
    }
    naming_sense(s, sp, lemma, pd);
}

/* "called the process a sham", "branded the vote illegal", "declaring the ban unconstitutional":
 * a judgement or a name given to the object condemns (111) or names (010); no call on anyone
 * (041), no call of an election (0831), no declaration of a ban. */
static void naming_sense(const struct sent *s, const struct fw_syn_pred *sp, const char *lemma, struct pending *pd)
{
    static const char *const naming[] = {"CALL", "LABEL", "BRAND", "DUB", "TERM", "DECLARE", "RULE", "DESCRIBE", NULL};
    if ((sp->flags & FW_SYN_PASSIVE) || !in_list(lemma, naming) || sp->obj < 0 || (size_t)sp->obj >= s->syn.nnp) return;
    const struct fw_syn_np *o = &s->syn.np[sp->obj];
    size_t from = o->start, to = o->end;
    if (sp->iobj < 0) {
        /* "branded the vote illegal", called it an "adverse development": a bare noun phrase or
         * adjective right after the object (quoted or not) is what it is called; a time is not
         * ("called him on Monday", "called Putin yesterday") */
        size_t t = o->end, n = s->nt < s->syn.n ? s->nt : s->syn.n;
        int words = 0;
        from = t;
        for (; t < n && t < (size_t)o->end + 8; t++) {
            uint8_t ps = s->syn.pos[t];
            int q = !strcmp(tw(s, t), "\"") || !strcmp(tw(s, t), "'") || !strcmp(tw(s, t), "\u201C") ||
                    !strcmp(tw(s, t), "\u201D");
            if (s->syn.np_of[t] >= 0 && s->syn.np[s->syn.np_of[t]].temporal) return;
            /* "described Netanyahu as a war criminal", "branded them as terrorists" */
            if (t == (size_t)o->end && !strcmp(tw(s, t), "AS")) continue;
            if (ps == FW_POS_JJ || ps == FW_POS_NN || ps == FW_POS_NNS) words++;
            else if (!(q || ps == FW_POS_DT || ps == FW_POS_RB || ps == FW_POS_JJR || ps == FW_POS_JJS)) break;
        }
        if (!words) return;
        to = t;
    }
    int condemns = 0;
    for (size_t t = from; t < to && t < s->nt; t++) condemns |= is(s, t, C_PEJORATIVE) != 0;
    snprintf(pd->fwd, sizeof pd->fwd, "%s", condemns ? "111" : "010");
    pd->rev[0] = 0;
}

/* "The United States announced it would prohibit all aid": what a government announces it will
 * do is decided, the act itself (PLOVER's SANCTION), not a promise or a threat of it. */
static int announced_plan(const struct sent *s, size_t v)
{
    static const char *const deciding[] = {"ANNOUNCED", "ANNOUNCES", "DECLARED", "DECLARES", "DECIDED", "DECIDES", NULL};
    const struct fw_syn_pred *p = fw_code_syn_pred(s, v);
    if (!p || !fw_code_reported_future(s, v) || p->gov < 0 || (size_t)p->gov >= s->syn.npred) return 0;
    return in_list(tw(s, (size_t)s->syn.pred[p->gov].verb), deciding);
}

/* The verb heads (or is governed by) a "without" clause: "left without firing a shot". */
static int without_clause(const struct sent *s, size_t v)
{
    const struct fw_syn_pred *p = fw_code_syn_pred(s, v);
    for (int hops = 0; p && hops < FW_SYN_MAXPRED; hops++) {
        if (p->type == FW_CL_ADVCL && p->mark >= 0 && !strcmp(tw(s, (size_t)p->mark), "WITHOUT")) return 1;
        p = p->gov >= 0 && (size_t)p->gov < s->syn.npred ? &s->syn.pred[p->gov] : NULL;
    }
    return 0;
}

/* The verb is (or is governed by) the infinitive a copula with a subject naming no actor takes:
 * "the challenge is to sustain support", "the aim was to weaken the rebels". */
static int copula_purpose(const struct sent *s, size_t v)
{
    const struct fw_syn_pred *p = fw_code_syn_pred(s, v);
    for (int hops = 0; p && hops < FW_SYN_MAXPRED; hops++) {
        const struct fw_syn_pred *g = p->gov >= 0 && (size_t)p->gov < s->syn.npred ? &s->syn.pred[p->gov] : NULL;
        if (p->type == FW_CL_XCOMP && g && (g->flags & FW_SYN_COPULA) && g->subj >= 0 && syn_phrase(s, g->subj) < 0 &&
            (size_t)g->subj < s->syn.nnp && !s->syn.np[g->subj].pronoun)
            return 1;
        /* "returning to the moon was necessary to build ...": what a clause as subject is
         * necessary, important or hard for is no one's act */
        if (p->type == FW_CL_XCOMP && g && (g->flags & FW_SYN_COPULA) && g->subj < 0 && (size_t)g->verb + 1 < s->syn.n &&
            (s->syn.pos[g->verb + 1] == FW_POS_JJ || (s->syn.pos[g->verb + 1] == FW_POS_RB && (size_t)g->verb + 2 < s->syn.n &&
                                                      s->syn.pos[g->verb + 2] == FW_POS_JJ)))
            return 1;
        p = g;
    }
    return 0;
}

/* "the move announced on Monday by US Secretary of State Mike Pompeo": a participle with an
 * actor for its agent and a date of its own tells a happening of its own, not a description of
 * its noun. */
static int dated_agent_participle(const struct sent *s, const struct verbcand *vc)
{
    const struct fw_syn_pred *p = fw_code_syn_pred(s, vc->v);
    if (!p || !(p->flags & FW_SYN_PASSIVE) || p->agent < 0 || syn_phrase(s, p->agent) < 0) return 0;
    for (int k = 0; k < p->npp; k++)
        if (p->pp[k].np >= 0 && (size_t)p->pp[k].np < s->syn.nnp && s->syn.np[p->pp[k].np].temporal) return 1;
    for (size_t t = vc->e; t < (size_t)s->syn.np[p->agent].start && t < s->nt; t++)
        if (time_at(s, t)) return 1;
    return 0;
}

/* The date expression writes a number ("March 3", not "Monday"). */
static int has_digit(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isdigit((unsigned char)p[i])) return 1;
    return 0;
}

/* The date expression writes its year ("June 2023", "3/6/2024"), four digits. */
static int year_written(const char *p, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++)
        if (isdigit((unsigned char)p[i]) && isdigit((unsigned char)p[i + 1]) && isdigit((unsigned char)p[i + 2]) &&
            isdigit((unsigned char)p[i + 3]) && (i + 4 == n || !isdigit((unsigned char)p[i + 4])) &&
            (i == 0 || !isdigit((unsigned char)p[i - 1])))
            return 1;
    return 0;
}

/* Whether the object of verb token v is headed by a noun no one seizes or holds ([abstract]:
 * "taken effect", "took part", "take office"). */
static int abstract_object(const struct sent *s, size_t v)
{
    const struct fw_syn_pred *p = fw_code_syn_pred(s, v);
    if (p && p->obj >= 0 && (size_t)p->obj < s->syn.nnp) {
        int h = s->syn.np[p->obj].head;
        return h >= 0 && (size_t)h < s->nt && is(s, (size_t)h, C_ABSTRACT);
    }
    return v + 1 < s->nt && is(s, v + 1, C_ABSTRACT);
}

/* Whether verb token v has an object that names no people: a thing ("held telephone
 * conversations", "holds a majority"), not an actor, an agent or a noun of people ("holding
 * thousands of refugees", "held two Swedish suspects"). Without a parsed object, the words
 * right after the verb up to a preposition or a stop. */
static int thing_object(const struct sent *s, size_t v)
{
    const struct fw_syn_pred *p = fw_code_syn_pred(s, v);
    size_t a = v + 1, b = v + 1;
    if (p && p->obj >= 0 && (size_t)p->obj < s->syn.nnp) {
        const struct fw_syn_np *o = &s->syn.np[p->obj];
        /* the phrase up to its head ("two Swedish suspects"; "10 square kilometers of Armenian
         * land" is land), and the noun after a count's "of" ("thousands of Tamil refugees") */
        static const char *const counts[] = {"THOUSANDS", "HUNDREDS", "DOZENS", "SCORES", "MILLIONS", "TENS", "DOZEN",
                                             "GROUP", "GROUPS", "NUMBER", "MEMBERS", "SOME", "MANY", "MOST", NULL};
        a = (size_t)o->start, b = o->head >= o->start && o->head < o->end ? (size_t)o->head + 1 : (size_t)o->end;
        if (o->head >= 0 && (size_t)o->head + 1 < s->nt && !strcmp(tw(s, (size_t)o->head + 1), "OF") &&
            (in_list(tw(s, (size_t)o->head), counts) || (s->tok[o->head].flags & TOK_NUM)))
            for (b = (size_t)o->head + 2; b < s->nt && b < (size_t)o->head + 7 && !is_punct(s, b) &&
                                          !is(s, b, C_PREPOSITIONS);)
                b++;
    } else {
        /* ("held about 10 square kilometers": a count's "about" is no preposition) */
        static const char *const approx[] = {"ABOUT", "AROUND", "NEARLY", "ALMOST", "SOME", "OVER", NULL};
        if (a + 1 < s->nt && in_list(tw(s, a), approx) && (s->tok[a + 1].flags & TOK_NUM)) a++, b++;
        while (b < s->nt && b < v + 7 && !is_punct(s, b) && strcmp(tw(s, b), "OF") &&
               !is(s, b, C_PREPOSITIONS | C_CLAUSE_STOPS | C_SUBORDINATORS))
            b++;
        if (b == a || !s->has_syn || a >= s->syn.n ||
            !(s->syn.pos[b - 1] == FW_POS_NN || s->syn.pos[b - 1] == FW_POS_NNS || s->ment[b - 1] >= 0 ||
              is(s, b - 1, C_HUMAN | C_ARMED | C_PROTESTER)))
            return 0;   /* no noun object: "reported that ...", "the truce held" */
    }
    for (size_t t = a; t < b && t < s->nt; t++)
        if (s->ment[t] >= 0 || is(s, t, C_HUMAN | C_ARMED | C_PROTESTER)) return 0;
    return 1;
}

/* The token of the protest noun that heads the subject of verb token v, a verb of a happening's
 * course (find_mentions made the noun a protesters' mention), -1 if none ("the protests had
 * broadened into a movement" tells what they became, no happening). */
static int protest_head(const struct article *a, const struct sent *s, size_t v)
{
    const struct fw_syn_pred *p = a->c->has_words ? fw_code_syn_pred(s, v) : NULL;
    if (!p || p->subj < 0 || (size_t)p->subj >= s->syn.nnp || p->obj >= 0 ||
        (p->flags & (FW_SYN_PASSIVE | FW_SYN_COPULA | FW_SYN_SUBJ_SHARED)))
        return -1;
    int h = s->syn.np[p->subj].head;
    if (h < 0 || (size_t)h >= s->nt || !is(s, (size_t)h, C_PROTEST) || s->ment[h] < 0 || !course_verb(s, v)) return -1;
    return h;
}

/* "Soldiers stormed the residence on Sunday and flew Zelaya into exile in Costa Rica": where the
 * next main clause the verb at v does not govern begins (its verb's byte), whose places are its
 * own; one a comma or a conjunction opens ("..., officials said", "... and flew"), not a clause
 * inside the object ("bombed what New Delhi described as a camp"). 0: none. */
static size_t own_clause_end(const struct sent *s, size_t v)
{
    const struct fw_syn_pred *own = fw_code_syn_pred(s, v);
    for (size_t q = 0; own && q < s->syn.npred; q++) {
        const struct fw_syn_pred *p = &s->syn.pred[q];
        if (p == own || p->verb <= (int)v || (size_t)p->verb >= s->nt || p->type != FW_CL_MAIN || pred_governs(s, own, p))
            continue;
        int b = p->subj >= 0 && (size_t)p->subj < s->syn.nnp && s->syn.np[p->subj].start < p->verb ? s->syn.np[p->subj].start
                                                                                                    : p->verb;
        if (b > 0 && (s->syn.pos[b - 1] == FW_POS_COMMA || s->syn.pos[b - 1] == FW_POS_CC)) return s->tok[p->verb].start;
    }
    return 0;
}

/* Two codes of one state's security forces (army, police, intelligence), of the same country or
 * one of them of none: "soldiers and riot police", "Norwegian soldiers and riot police". */
static int same_forces(const char *x, const char *y)
{
    if (strlen(x) < 6 || strlen(y) < 6 || (strncmp(x, y, 3) && strncmp(x, "---", 3) && strncmp(y, "---", 3))) return 0;
    static const char *const forces[] = {"MIL", "COP", "SPY", NULL};
    int fx = 0, fy = 0;
    for (int k = 0; forces[k]; k++) fx |= !strncmp(x + 3, forces[k], 3), fy |= !strncmp(y + 3, forces[k], 3);
    return fx && fy;
}

/* "Demonstrations were held in three cities", "a sit-in was staged outside the embassy": a verb
 * that stages a happening, in the passive with a street protest for subject, tells the protest
 * took place; it holds or confines no one (CONFINE's 170 on the cities). The protest's head
 * token, -1. */
static int staged_protest(const struct article *a, const struct sent *s, size_t v)
{
    const struct fw_syn_pred *p = a->c->has_words ? fw_code_syn_pred(s, v) : NULL;
    if (!p || !(p->flags & FW_SYN_PASSIVE) || p->subj < 0 || (size_t)p->subj >= s->syn.nnp || !is(s, v, C_STAGING))
        return -1;
    int h = s->syn.np[p->subj].head;
    return h >= 0 && (size_t)h < s->nt && is(s, (size_t)h, C_PROTEST) ? h : -1;
}

/* FW_CODE_TRACE: where a verb's roles or its drop changed, pass by pass */
static void trace_pend(const struct article *a, const struct sent *s, const struct pending *pend, size_t np,
                       const char *stage)
{
    if (!a->c->trace) return;
    fprintf(stderr, "fw_code: after %s:", stage);
    for (size_t k = 0; k < np; k++)
        fprintf(stderr, " %s[d%d s%d:%s t%d:%s %s]", tw(s, pend[k].vc.v), pend[k].drop, pend[k].src,
                pend[k].src >= 0 ? tw(s, s->ph[pend[k].src].e - 1) : "", pend[k].tgt,
                pend[k].tgt >= 0 ? tw(s, s->ph[pend[k].tgt].e - 1) : "", pend[k].fwd[0] ? pend[k].fwd : pend[k].rev);
    fputc('\n', stderr);
}

/* "Within hours the RSF said ...", "Hours later, ...", "Later that day": a sentence that opens by
 * counting from the last happening told goes on with it, in a new paragraph too. */
static int goes_on_narrative(const struct sent *s)
{
    static const char *const spans[] = {"HOURS", "MINUTES", "MOMENTS", NULL};
    static const char *const parts[] = {"DAY", "EVENING", "NIGHT", "MORNING", "AFTERNOON", NULL};
    if (s->nt < 3) return 0;
    const char *w0 = tw(s, 0), *w1 = tw(s, 1);
    if (!strcmp(w0, "WITHIN") && (in_list(w1, spans) || (!strcmp(w1, "AN") && !strcmp(tw(s, 2), "HOUR")))) return 1;
    if (in_list(w0, spans) && !strcmp(w1, "LATER")) return 1;
    if ((!strcmp(w0, "SHORTLY") || !strcmp(w0, "SOON")) && (!strcmp(w1, "AFTER") || !strcmp(w1, "AFTERWARDS")))
        return 1;
    if (!strcmp(w0, "LATER") && !strcmp(w1, "THAT") && in_list(tw(s, 2), parts)) return 1;
    return !strcmp(w0, "THAT") && in_list(w1, parts);
}

static void code_sentence(struct article *a, struct sent *s)
{
    const struct fw_dict *d = &a->c->d;
    struct pending pend[48];
    size_t np = 0;
    s->has_syn = a->c->syn != NULL;
    if (s->has_syn) {
        /* the tagger's lexicon has one tag a word ("shot": NN); the verb dictionary says which
         * words are also verb forms */
        for (size_t t = 0; t < s->nt; t++) {
            int32_t id = s->tok[t].id;
            if (id >= 0 && (size_t)id + 1 < d->nvoff && d->voff[id] != d->voff[id + 1]) s->tok[t].flags |= TOK_VERBFORM;
        }
        fw_syn_analyse(a->c->syn, a->text, s->tok, s->nt, &s->syn);
        if (a->c->trace) fw_syn_print(stderr, a->text, s->tok, &s->syn);
    }
    find_mentions(a, s);
    find_verbs(d, s);
    build_phrases(a, s);
    /* "Morrison was the third witness who listened in on Trump's call with Zelensky. He said ...":
     * a pronoun that opens the next sentence stands for this one's subject, not for the last
     * person it names */
    a->they_code[0] = 0;
    if (s->has_syn)
        for (size_t q = 0; q < s->syn.npred; q++) {
            const struct fw_syn_pred *p = &s->syn.pred[q];
            if (p->type != FW_CL_MAIN) continue;
            int sp = syn_phrase(s, p->subj);
            if (sp >= 0 && s->ph[sp].person >= 0 && a->persons[s->ph[sp].person].human)
                a->last_human = s->ph[sp].person;
            /* a plural subject ("Swedish ministers", "Warren and Ocasio-Cortez") that names an
             * actor or a person: what the next sentence's "they" stands for */
            if (sp >= 0 && (size_t)p->subj < s->syn.nnp && !s->syn.np[p->subj].pronoun) {
                const struct fw_syn_np *sn = &s->syn.np[p->subj];
                int head_plural = sn->head >= 0 && (size_t)sn->head < s->syn.n &&
                                  (s->syn.pos[sn->head] == FW_POS_NNS || s->syn.pos[sn->head] == FW_POS_NNPS);
                const struct phrase *ph = &s->ph[s->ph[sp].first >= 0 ? s->ph[sp].first : sp];
                int named = strcmp(ph->code, "---") || ph->person >= 0;
                if ((head_plural || sn->conj >= 0 || ph->next >= 0) && named) {
                    snprintf(a->they_code, sizeof a->they_code, "%s", ph->code);
                    a->they_person = ph->person;
                }
            }
            break;
        }
    /* else the last plural actor it names ("Her post got the attention of two politicians:
     * Senator Warren and Ocasio-Cortez. They criticised ...") */
    for (size_t k = s->nph; s->has_syn && !a->they_code[0] && k-- > 0;) {
        const struct phrase *ph = &s->ph[s->ph[k].first >= 0 ? (size_t)s->ph[k].first : k];
        size_t last = s->ph[k].e - 1;
        int plural = s->ph[k].next >= 0 || ph != &s->ph[k] ||
                     (last < s->syn.n && (s->syn.pos[last] == FW_POS_NNS || s->syn.pos[last] == FW_POS_NNPS));
        if (plural && (strcmp(ph->code, "---") || ph->person >= 0) && strcmp(tw(s, s->ph[k].s), "THEY")) {
            snprintf(a->they_code, sizeof a->they_code, "%s", ph->code);
            a->they_person = ph->person;
        }
    }
    uint32_t sfeat = a->c->has_words ? fw_code_sentence_features(a, s) : 0;
    for (size_t t = 0; t < s->nt; t++) {
        a->ntok += !is_punct(s, t);
        a->ndomain += is(s, t, C_SPORTS | C_COMMERCE | C_LEISURE);
        a->naccident += is(s, t, C_ACCIDENT);
        a->nweapon += is(s, t, C_WEAPON);
    }
    for (size_t k = 0; k < s->nph; k++) {
        const char *c = s->ph[k].code;
        a->nstate += code_has(c, "GOV") || fw_code_armed_sector(c) || code_has(c, "LEG") || code_has(c, "JUD");
        a->npolitical += fw_code_political_code(c);       /* agents too: "police" */
    }
    if (a->c->trace)
        for (size_t k = 0; k < s->nph; k++)
            fprintf(stderr, "fw_code: actor %.*s = %s\n", (int)(s->tok[s->ph[k].e - 1].end - s->tok[s->ph[k].s].start),
                    a->text + s->tok[s->ph[k].s].start, s->ph[k].code);
    for (size_t k = 0; k < s->nvc && np < 48; k++) {
        const struct verbcand *vc = &s->vc[k];
        const struct fw_verb *v = &d->verbs[vc->form];
        const struct fw_block *bl = &d->blocks[v->block];
        struct pending *pd = &pend[np];
        memset(pd, 0, sizeof *pd);
        pd->vc = *vc;
        pd->src = pd->tgt = pd->comp = -1;
        pd->pattern = 0;
        unsigned best_weight = 0;
        int32_t best_owner = -1;
        for (size_t i = 0; i < bl->npat; i++) {
            const struct fw_pattern *pt = &d->pats[bl->pat0 + i];
            /* written for another verb; a block without a code of its own (START, PERPETUATE)
             * takes its meaning from the object, so its patterns hold for every member that has
             * no code of its own either (not DISMISS [110] among DESPATCH's) */
            if (pt->owner >= 0 && pt->owner != v->lemma && (isdigit((unsigned char)bl->code[0]) || isdigit((unsigned char)v->code[0])))
                continue;
            if (pd->pattern && pt->weight < best_weight) break;
            struct pmatch m;
            match_pattern(d, s, vc, pt, &m);
            if (!m.ok) continue;
            /* among equally specific patterns, the one whose words are nearest the verb
             * ("issued an ultimatum ... to halt attacks" is the ultimatum) */
            /* ... and among those, the one written for this verb ("DEPLOY * &MILITARY [154]" over
             * SEND's "* &MILITARY [062]" in the same block) */
            if (pd->pattern && m.hi > pd->m.hi) continue;
            if (pd->pattern && m.hi == pd->m.hi && !(pt->owner == v->lemma && best_owner != v->lemma)) continue;
            best_owner = pt->owner;
            pd->m = m;
            memcpy(pd->fwd, pt->fwd, sizeof pd->fwd);
            memcpy(pd->rev, pt->rev, sizeof pd->rev);
            /* CAMEO.2.0 merged URGE's appeal patterns (02x) into the DEMAND block: for a demand
             * verb the same request is its demand (CAMEO's 10x mirror the 02x) */
            if (!strncmp(bl->code, "10", 2) && !v->code[0] && !strncmp(pd->fwd, "02", 2) && strlen(pd->fwd) >= 3) {
                char c[8];
                snprintf(c, sizeof c, "10%s", pd->fwd + 2);
                memcpy(pd->fwd, c, sizeof pd->fwd);
            }
            pd->pattern = 1;
            best_weight = pt->weight;
            if (a->c->trace) {
                fprintf(stderr, "fw_code: pattern");
                for (size_t q = 0; q < pt->n; q++)
                    fprintf(stderr, " %s", q == pt->vpos ? "*" : pt->el[q].type == PE_WORD || pt->el[q].type == PE_SYN ?
                                        d->words.s[pt->el[q].id] : "$");
                fprintf(stderr, " [%s:%s] matched\n", pt->fwd, pt->rev);
            }
        }
        if (!pd->pattern) {
            memset(&pd->m, 0, sizeof pd->m);
            pd->m.src = pd->m.tgt = pd->m.comp = pd->m.skip = -1;
            pd->m.lo = vc->s, pd->m.hi = vc->e;
            /* a verb the dictionary gives no code of its own ("HOLD ... [---]" in CONFINE) has its
             * block's meaning over people ("holding thousands of refugees as human shields") or
             * with no object; a block of words says things ("REPORT [---]": "reported new
             * cases"); "held telephone conversations", "holds a majority" confine no one */
            if (v->code[0] && strcmp(v->code, "-")) snprintf(pd->fwd, sizeof pd->fwd, "%s", v->code), pd->rev[0] = 0;
            else memcpy(pd->fwd, bl->code, sizeof pd->fwd), memcpy(pd->rev, bl->rev, sizeof pd->rev);
            /* "the ceasefire had taken effect", "took part", "seized the initiative": a seizure
             * (17x) of what no one can seize is none; the noun may name the act ("took steps") */
            if (!strncmp(pd->fwd, "17", 2) && a->c->has_words && abstract_object(s, vc->v)) pd->fwd[0] = pd->rev[0] = 0;
            if (!strcmp(v->code, "-") && !verbal_act(bl->code) && thing_object(s, vc->v)) {
                /* ... what it does to a thing is what the thing says ("would hold exercises with
                 * Swedish forces", 062), or nothing */
                char keep[8];
                memcpy(keep, pd->fwd, sizeof keep);
                object_sense(d, s, vc, v, pd);
                if (!strcmp(pd->fwd, keep)) pd->fwd[0] = pd->rev[0] = 0;
            }
            /* "conducted the strike", "carried out a raid": a verb of doing names its act by the
             * act's noun before its own default ("conduct" is cooperation, 060) */
            if ((pd->fwd[0] || pd->rev[0]) && doing_verb(d, vc)) {
                char keep[8], keeprev[8];
                memcpy(keep, pd->fwd, sizeof keep), memcpy(keeprev, pd->rev, sizeof keeprev);
                pd->fwd[0] = pd->rev[0] = 0;
                light_verb(d, s, vc, pd);
                if (!pd->fwd[0] && !pd->rev[0]) memcpy(pd->fwd, keep, sizeof keep), memcpy(pd->rev, keeprev, sizeof keeprev);
            }
            if (!pd->fwd[0] && !pd->rev[0]) light_verb(d, s, vc, pd);
            else object_sense(d, s, vc, v, pd);
        } else if (fw_code_syn_pred(s, vc->v) && v->lemma >= 0) {
            /* "called the election a sham" is no call of an election (CALL * ELECTION) */
            naming_sense(s, fw_code_syn_pred(s, vc->v), d->words.s[v->lemma], pd);
            /* "were charged in federal court with conspiracy" (CHARGE * (IN COURT) [112], "* (WITH
             * MURDER)" [1121]) */
            charge_sense(s, fw_code_syn_pred(s, vc->v), d->words.s[v->lemma], pd);
        }
        /* "said he thought the campaign was meant to ...": a verb of belief with no pattern of
         * its own is an opinion held, no consultation (THINK is in CAMEO's CONSIDER, 040) */
        if (!pd->pattern && a->c->has_words && is(s, vc->v, C_OPINION)) pd->fwd[0] = pd->rev[0] = 0;
        /* "The protests began on Nov. 15", "riots broke out in Tehran": a verb of a happening's
         * course whose subject is a street protest tells the protest (a riot, 145, when the
         * dictionary's verb of the noun is one; dissent, 140, otherwise) */
        int ph_subj = protest_head(a, s, vc->v);
        if (ph_subj >= 0) {
            int32_t nid = s->tok[ph_subj].id, vid = has_verb(d, nid) ? nid : nominal_verb(d, s->tok[ph_subj].up);
            const char *nc = "";
            for (uint32_t q = vid >= 0 && has_verb(d, vid) ? d->voff[vid] : 0; vid >= 0 && q < d->voff[vid + 1]; q++)
                if (d->verbs[q].n == 1) {
                    nc = d->verbs[q].code[0] ? d->verbs[q].code : d->blocks[d->verbs[q].block].code;
                    break;
                }
            snprintf(pd->fwd, sizeof pd->fwd, "%s", !strncmp(nc, "145", 3) ? "145" : "140");
            pd->rev[0] = 0;
            pd->pattern = 0;
            pd->nominal = 1;
        }
        /* (who protested it does not say: nothing is coded, and the protest's noun is no verb of
         * its own: "Protests were held in Caracas") */
        int staged = ph_subj < 0 ? staged_protest(a, s, vc->v) : -1;
        if (staged >= 0) {
            size_t h = (size_t)staged;
            pd->fwd[0] = pd->rev[0] = 0;
            for (size_t q = 0; q < np; q++)
                if (pend[q].vc.v == h) pend[q].fwd[0] = pend[q].rev[0] = 0, pend[q].drop = 1;
        }
        if (a->c->trace)
            fprintf(stderr, "fw_code: verb %s block %d code %s:%s %s\n", tw(s, vc->v), (int)v->block, pd->fwd, pd->rev,
                    pd->pattern ? "pattern" : "default");
        if (!pd->fwd[0] && !pd->rev[0]) continue;
        np++;
    }
    /* "imposed sweeping sanctions on Niger", "announced crippling tariffs": a participle between a
     * verb and the noun its dictionary pattern matched ("IMPOSE * SANCTIONS") modifies that noun */
    for (size_t k = 0; k < np && s->has_syn;) {
        size_t v = pend[k].vc.v, j = 0;
        int modifier = 0;
        if (!pend[k].pattern && v < s->syn.n && (s->syn.pos[v] == FW_POS_VBG || s->syn.pos[v] == FW_POS_VBN))
            for (j = 0; j < np && !modifier; j++)
                modifier = j != k && pend[j].pattern && pend[j].vc.e == pend[k].vc.s && pend[k].vc.e < pend[j].m.hi &&
                           pend[k].vc.e < s->syn.n &&
                           (s->syn.pos[pend[k].vc.e] == FW_POS_NN || s->syn.pos[pend[k].vc.e] == FW_POS_NNS);
        if (!modifier) { k++; continue; }
        if (a->c->trace) fprintf(stderr, "fw_code: %s modifies the object of a pattern\n", tw(s, v));
        memmove(&pend[k], &pend[k + 1], (np - k - 1) * sizeof *pend);
        np--;
    }
    /* source and target of each coded verb */
    for (size_t k = 0; k < np; k++) {
        struct pending *pd = &pend[k];
        const struct verbcand *vc = &pd->vc;
        size_t lower = 0, limit = s->nt;
        for (size_t t = vc->s; t-- > 0;)
            if (strcmp(tw(s, t), ";") == 0) { lower = t + 1; break; }
        for (size_t t = vc->e; t < s->nt; t++) {
            if (strcmp(tw(s, t), ";") == 0) { limit = t; break; }
            int next_coded = 0;
            for (size_t j = k + 1; j < np; j++)
                if (pend[j].vc.s == t) next_coded = 1;
            if (next_coded) {
                /* "X attacked and seized Y": an adjacent coordinated verb shares the object */
                if (!(t > 0 && (strcmp(tw(s, t - 1), "AND") == 0) && t - 1 == vc->e)) { limit = t; break; }
            }
        }
        int src = pd->m.src >= 0 ? s->ph[pd->m.src].first : -1;
        int tgt = pd->m.tgt >= 0 ? s->ph[pd->m.tgt].first : -1;
        pd->comp = pd->m.comp >= 0 ? s->ph[pd->m.comp].first : -1;
        int skip = pd->m.skip >= 0 ? s->ph[pd->m.skip].first : -1;
        int flipped = 0;
        const struct fw_syn_pred *vp = fw_code_syn_pred(s, vc->v);   /* the syntactic pass's view of this verb */
        pd->conjunct = vp && vp->conj >= 0 && (vp->flags & FW_SYN_SUBJ_SHARED) &&
                       (vp->type == FW_CL_MAIN || vp->type == FW_CL_CCOMP);
        if (is_passive(s, vc) && src < 0 && pd->comp < 0) {
            /* "Y was attacked by X"; a passive without its agent is coded as written */
            for (size_t t = vc->e; t < limit; t++)
                if (strcmp(tw(s, t), "BY") == 0) {
                    if (t > 0 && !strcmp(tw(s, t - 1), "NOT")) break;   /* "is told not by the diplomats" */
                    int by = t + 1 < s->nt && s->ment[t + 1] >= 0 ? s->ment[t + 1]
                             : t + 2 < s->nt && s->ment[t + 2] >= 0 ? s->ment[t + 2] : -1;
                    if (by >= 0) {
                        if (tgt < 0) tgt = find_subject(s, vc, lower);
                        /* "Beijing's peace plan, released in February, was welcomed by Russia": the
                         * syntactic subject past the insertion */
                        if (tgt < 0 && vp && vp->subj >= 0) tgt = syn_phrase(s, vp->subj);
                        src = s->ph[by].first;
                        flipped = 1;
                    }
                    break;
                }
        }
        /* "a decision announced on Monday by US Secretary of State Mike Pompeo": a passive the
         * syntactic pass finds (a reduced participle too) whose "by" agent is an actor acts; its
         * subject (the noun it describes) is the target */
        if (!flipped && src < 0 && pd->comp < 0 && vp && (vp->flags & FW_SYN_PASSIVE) && vp->agent >= 0 &&
            !(s->syn.np[vp->agent].prep > 0 && !strcmp(tw(s, (size_t)s->syn.np[vp->agent].prep - 1), "NOT"))) {
            int ag = syn_phrase(s, vp->agent);
            if (ag >= 0) {
                int pt = syn_phrase(s, vp->subj);
                src = ag, flipped = 1;
                if (tgt < 0 && pt >= 0 && pt != ag) tgt = pt;
            }
        }
        /* "Five men were arrested in Kabul", "three soldiers were killed", "two hostages were
         * released": a coercive, violent or releasing passive with no agent names what was done to
         * its subject by no one the sentence names;
         * the subject is the target, never the doer (other passives stay coded as written, as
         * PETRARCH codes them: "X was criticized over its dispute with Y") */
        const char *pcode = pd->fwd[0] ? pd->fwd : pd->rev;
        if (!flipped && src < 0 && pd->comp < 0 && pd->m.src < 0 && is_passive(s, vc) && !pd->pattern &&
            pcode[0] && (pcode[0] == '2' || (pcode[0] == '1' && pcode[1] >= '7') || !strncmp(pcode, "084", 3)) &&
            !conditional(s, vc)) {
            int release = !strncmp(pcode, "084", 3);
            int pt = vp && vp->subj >= 0 ? syn_phrase(s, vp->subj) : -1;
            if (pt < 0 && !release) pt = find_subject(s, vc, lower);
            /* only people are released so ("the transcript was released" publishes it) */
            if (release && pt >= 0) {
                int h = s->syn.np[vp->subj].head;   /* the head, not a possessor ("Swift's albums") */
                if (h < 0 || (size_t)h >= s->nt || !(is(s, (size_t)h, C_HUMAN) || s->ment[h] == pt)) pt = -1;
                else if (!fw_code_human_phrase(s, pt) && !fw_code_armed_sector(s->ph[pt].code)) pt = -1;
            }
            if (pt >= 0) {
                if (tgt < 0 || tgt == pt) tgt = pt;
                flipped = 1, pd->agentless = 1;
            }
        }
        int placed_relative = 0;
        /* "..., killing a sergeant and wounding another officer": a gerund joined to a coded
         * gerund has the doer that one was given */
        if (!flipped && src < 0 && vp && vp->conj >= 0 && (size_t)vp->conj < s->syn.npred && (vp->flags & FW_SYN_GERUND) &&
            vc->s > 0 && (!strcmp(tw(s, vc->s - 1), "AND") || !strcmp(tw(s, vc->s - 1), "OR")))
            for (size_t j = 0; j < k; j++)
                if ((int)pend[j].vc.v == s->syn.pred[vp->conj].verb && pend[j].src >= 0) src = pend[j].src, pd->src_inherited = 1;
        if (!flipped) {
            /* "police laid siege to a university, pinning 800 students inside and threatened to
             * ...": the syntactic pass's coordination gives a conjunct its subject */
            if (src < 0 && (pd->comp < 0 || pd->m.comp_lower) && vp && (vp->flags & FW_SYN_SUBJ_SHARED) &&
                (pd->conjunct || narrative_relative(s, vc) || trailing_participle(s, vp, vc))) {
                int sub = syn_phrase(s, vp->subj);
                /* "the attack on a concert hall near Moscow, which killed 145 people": a relative
                 * clause's noun that is where something happened did not do it, nor did any
                 * subject before it */
                if (sub >= 0 && narrative_relative(s, vc) && where_phrase(s, sub)) placed_relative = 1;
                else if (sub >= 0 && s->ph[sub].e <= vc->s) src = sub, pd->src_inherited = 1;
            }
            if (src < 0 && (pd->comp < 0 || pd->m.comp_lower) && !placed_relative) {
                /* "X attacked Y and seized Z", "X opened its borders but was still refusing Y": a verb
                 * after "and" or "but" shares the previous subject */
                size_t t = vc->s;
                while (t > 0 && (is(s, t - 1, C_SKIPPABLE) ||
                                 (t > 1 && is(s, t - 1, C_AUXILIARIES | C_BE_FORMS | C_NEGATIONS | C_DEGREE_ADVERBS)) ||
                                 !strcmp(tw(s, t - 1), "STILL")))
                    t--;
                /* "Somali forces, backed by US air strikes, killed ...": a main clause's own subject,
                 * an actor the syntactic pass finds before the insertion, is the verb's */
                int main_subj = vp && vp->type == FW_CL_MAIN && !(vp->flags & FW_SYN_SUBJ_SHARED) && vp->subj >= 0 &&
                                (size_t)vp->subj < s->syn.nnp && s->syn.np[vp->subj].end <= vp->vg_start
                                    ? syn_phrase(s, vp->subj)
                                    : -1;
                /* ("Lawmakers from the party, which holds a majority, boycotted": a relative clause
                 * with no coded verb in it too; "X, whom Y appointed acting president, declared") */
                int relative = 0;   /* a "which" or "who" clause between the subject and the verb */
                for (size_t u = main_subj >= 0 ? s->ph[main_subj].e : t; u < t; u++)
                    relative |= !strcmp(tw(s, u), "WHICH") || !strcmp(tw(s, u), "WHO") || !strcmp(tw(s, u), "WHOM") ||
                                !strcmp(tw(s, u), "WHOSE");
                if (main_subj >= 0 && s->ph[main_subj].e <= vc->s && t > 0 && !strcmp(tw(s, t - 1), ",") &&
                    (k > 0 ? pend[k - 1].src != main_subj : relative && !is(s, vc->v, C_REPORT_VERBS))) {
                    src = main_subj;
                } else if (t > 0 && (strcmp(tw(s, t - 1), "AND") == 0 || strcmp(tw(s, t - 1), "BUT") == 0 ||
                              strcmp(tw(s, t - 1), ",") == 0) && k > 0 &&
                    pend[k - 1].src >= 0 && pend[k - 1].vc.e <= t - 1) {
                    src = pend[k - 1].src;
                    /* (a guess, unless the syntactic pass coordinates the two verbs of one main
                     * clause: "The group said ..., and demanded an extension") */
                    pd->src_inherited = !(vp && (vp->flags & FW_SYN_SUBJ_SHARED) && vp->type == FW_CL_MAIN &&
                                          vp->conj >= 0 && syn_phrase(s, vp->subj) == src);
                } else if (t > 0 && (!strcmp(tw(s, t - 1), "AND") || !strcmp(tw(s, t - 1), "OR")) && k > 0 &&
                           pend[k - 1].src < 0 && pend[k - 1].vc.e <= t - 1 && vp &&
                           (((vp->flags & FW_SYN_SUBJ_SHARED) == 0 && vp->subj < 0) ||
                            ((vp->flags & FW_SYN_SUBJ_SHARED) && syn_phrase(s, vp->subj) < 0))) {
                    /* "killing two soldiers and wounding 27 people": a conjunct of a verb no one
                     * did is done by no one either, not by the first verb's object */
                    src = -1;
                } else if (opened_clause(s, vp) && s->syn.np[vp->subj].end <= vp->vg_start) {
                    /* "people have been killed since insurgents launched an attack", "after police
                     * raided the camp": a clause its subordinator opens has its subject right after
                     * it ("since", "after" are no prepositions there); an actor or no one, never
                     * the main clause's */
                    src = syn_phrase(s, vp->subj);
                } else {
                    src = find_subject(s, vc, lower);
                    /* "Two contractors, Paul Evans and Steven Marsh, pleaded guilty": the main
                     * clause's subject the syntactic pass finds, through its apposition */
                    if (src < 0 && main_subj >= 0 && s->ph[main_subj].e <= vc->s &&
                        s->ph[main_subj].s >= (size_t)s->syn.np[vp->subj].end)   /* (through it, not in it) */
                        src = main_subj;
                    /* "President Zourabichvili, who has clashed with the party, has vowed to veto
                     * the bill": an infinitive's subject is its governing verb's, past a relative
                     * clause */
                    if (src < 0 && vp && vp->type == FW_CL_XCOMP && (vp->flags & FW_SYN_SUBJ_SHARED) && vp->subj >= 0 &&
                        vp->gov >= 0 && (size_t)vp->gov < s->syn.npred &&
                        is(s, (size_t)s->syn.pred[vp->gov].verb, C_INTENT_VERBS | C_REFUSALS) &&
                        strcmp(tw(s, (size_t)s->syn.pred[vp->gov].verb), "EXPECTED")) {
                        int xs = syn_phrase(s, vp->subj);
                        if (xs >= 0 && s->ph[xs].e <= vc->s && quote_marks(s, s->ph[xs].e, vc->s) == 0) src = xs;
                    }
                    /* "told The Hill that her client did not intend to ...": when the syntactic
                     * pass finds the verb's own subject and it names no actor, no actor further
                     * back is its subject */
                    if (src >= 0 && own_subject(s, vp) && syn_phrase(s, vp->subj) < 0) {
                        int other_clause = 0;   /* a verb or a clause's edge between them */
                        for (size_t u = s->ph[src].e; u < (size_t)s->syn.np[vp->subj].start; u++)
                            other_clause |= s->isverb[u] || is(s, u, C_SUBORDINATORS | C_BOUNDARIES);
                        if (other_clause) src = -1;
                    }
                    /* "The war in Ukraine has exposed the limits": a subject that names no actor
                     * acts itself, the place or thing its preposition adds does not */
                    if (src >= 0 && vp && own_subject(s, vp) && syn_phrase(s, vp->subj) < 0 && (size_t)vp->subj < s->syn.nnp &&
                        s->ph[src].s > (size_t)s->syn.np[vp->subj].head && s->ph[src].e <= vc->s) {
                        size_t g = modifiers_start(s, s->ph[src].s);
                        if (g > 0 && is(s, g - 1, C_PREPOSITIONS) && strcmp(tw(s, g - 1), "OF") && strcmp(tw(s, g - 1), "BY"))
                            src = -1;
                    }
                    /* "a video on social media containing an edit": a participle right after a noun
                     * (no comma) describes that noun, its subject, actor or none */
                    if (vp && vp->type == FW_CL_PARTCL && !(vp->flags & FW_SYN_SUBJ_SHARED) && vp->subj >= 0 &&
                        (size_t)vp->subj < s->syn.nnp && s->syn.np[vp->subj].end == vp->vg_start &&
                        syn_phrase(s, vp->subj) >= 0)
                        src = syn_phrase(s, vp->subj);
                    /* "Taylor Swift posted on Twitter accusing Big Machine": a gerund right after
                     * the object of a preposition its verb takes ("posted on", "spoke at") says
                     * more of that verb's subject, when the object names no actor of known kind
                     * ("fired on protesters carrying flags": the protesters carry them) */
                    if (vp && vp->type == FW_CL_PARTCL && (vp->flags & FW_SYN_GERUND) &&
                        !(vp->flags & FW_SYN_SUBJ_SHARED) && vp->subj >= 0 && (size_t)vp->subj < s->syn.nnp &&
                        s->syn.np[vp->subj].end == vp->vg_start && s->syn.np[vp->subj].prep >= 0 && vp->gov >= 0 &&
                        (size_t)vp->gov < s->syn.npred) {
                        const struct fw_syn_pred *g = &s->syn.pred[vp->gov];
                        int pp = s->syn.np[vp->subj].prep, on = syn_phrase(s, vp->subj), gs = syn_phrase(s, g->subj);
                        int after_verb = pp == g->verb + 1 ||
                                         (g->obj >= 0 && (size_t)g->obj < s->syn.nnp && pp == s->syn.np[g->obj].end);
                        if (after_verb && gs >= 0 && gs != on && (on < 0 || !strcmp(s->ph[on].code, "---")))
                            src = gs;
                    }
                }
            }
            if (tgt < 0) tgt = find_object(s, vc->e, limit, src, skip);
        }
        /* "a regional trip aimed at pushing for a ceasefire": a participle right after a common
         * noun describes that noun, which is its subject; no actor acts */
        if (src >= 0 && pd->m.src < 0 && !flipped && vc->s > 0 && s->ment[vc->s - 1] < 0 &&
            !(s->tok[vc->s - 1].flags & TOK_CAP) && !is_punct(s, vc->s - 1) &&
            !is(s, vc->s - 1, C_SUBORDINATORS | C_AUXILIARIES | C_BE_FORMS | C_SKIPPABLE | C_NEGATIONS | C_BOUNDARIES) &&
            relative_clause(s, vc))
            src = -1;
        if (tgt >= 0 && tgt == src) tgt = find_object(s, s->ph[tgt].e, limit, src, skip);
        /* "will send 200 troops to Estonia", "provide F-16 jets to Ukraine": what is sent (forces or
         * goods of no country) is no target; the one it goes to is */
        if (tgt >= 0 && !flipped && vp && vp->obj >= 0 && syn_phrase(s, vp->obj) == tgt && !strncmp(s->ph[tgt].code, "---", 3))
            for (size_t q = 0; q < vp->npp; q++) {
                int r = vp->pp[q].prep >= 0 && !strcmp(tw(s, (size_t)vp->pp[q].prep), "TO") ? syn_phrase(s, vp->pp[q].np) : -1;
                if (r >= 0 && r != src && s->ph[r].has_actor && strncmp(s->ph[r].code, "---", 3)) {
                    tgt = r;
                    break;
                }
            }
        /* "launched 21 drones and six cruise missiles": the weapons a verb fires (Phoenix's
         * CRUISE_MISSILE is the military that fires one, as a subject) are no one it acts on */
        if (tgt >= 0 && !flipped && tgt != src && s->ph[tgt].s >= vc->e && !strncmp(s->ph[tgt].code, "---", 3) &&
            fw_code_head_is(s, tgt, C_WEAPON))
            tgt = -1;
        /* "An attack on a police station killed five officers": an attack whose doer the sentence
         * does not name did what it did by no one named, as "five officers were killed" says */
        if (src < 0 && !flipped && tgt >= 0 && vp && own_subject(s, vp) && syn_phrase(s, vp->subj) < 0 &&
            (attack_noun(s, (size_t)s->syn.np[vp->subj].head) || is(s, (size_t)s->syn.np[vp->subj].head, C_WEAPON)) &&
            (pcode[0] == '2' || (pcode[0] == '1' && pcode[1] >= '8'))) {
            pd->agentless = 1;
            /* "a roadside bomb killed three policemen, an attack claimed by the TTP": the group
             * that claims an attack its sentence names no doer of is its doer, as claimed */
            /* ("... in an attack that TPLF leader Debretsion later acknowledged": the relative
             * clause of the attack noun, active) */
            for (size_t q = 0; q < s->syn.npred; q++) {
                const struct fw_syn_pred *cp = &s->syn.pred[q];
                const char *cw = cp->verb >= 0 && (size_t)cp->verb < s->nt ? tw(s, (size_t)cp->verb) : "";
                int claims = !strncmp(cw, "CLAIM", 5) || !strncmp(cw, "ACKNOWLEDG", 10) || !strncmp(cw, "ADMIT", 5);
                int by = cp->agent >= 0 && (cp->flags & FW_SYN_PASSIVE) ? cp->agent
                         : cp->type == FW_CL_RELCL && !(cp->flags & FW_SYN_PASSIVE) && cp->obj >= 0 &&
                                   (size_t)cp->obj < s->syn.nnp && s->syn.np[cp->obj].head >= 0 &&
                                   attack_noun(s, (size_t)s->syn.np[cp->obj].head)
                             ? cp->subj
                             : -1;
                if (by < 0 || !claims || cp->verb <= (int)vc->v) continue;
                int ag = syn_phrase(s, by);
                if (ag >= 0 && s->ph[ag].has_actor) src = ag, pd->agentless = 0;
                break;
            }
        }
        /* "It was not possible to verify the group's claim": an infinitive after "it is
         * <adjective> to" has no doer; nothing happened */
        if (extraposed(s, vc)) pd->drop = 1;
        /* "..., Schiff asked.": an appeal or a demand with nothing asked and no one asked is the
         * attribution of a question */
        const char *ac = pd->fwd[0] ? pd->fwd : pd->rev;
        if ((!strncmp(ac, "02", 2) || !strncmp(ac, "10", 2)) && tgt < 0 && pd->comp < 0 && pd->m.hi <= vc->e) {
            size_t t = vc->e;
            while (t < s->nt && is_punct(s, t)) t++;
            if (t >= s->nt) pd->drop = 1;
        }
        /* "Borrell said after talks in North Macedonia": where a statement is made is no one it is
         * made to */
        if (tgt >= 0 && is(s, vc->v, C_REPORT_VERBS) && !pd->pattern && where_phrase(s, tgt)) tgt = -1;
        /* "signed the deal in Beijing with Saudi adviser X": the one it is done with, not where */
        if (tgt >= 0 && where_phrase(s, tgt) && !is(s, vc->v, C_REPORT_VERBS))
            for (size_t q = (size_t)tgt + 1; q < s->nph && s->ph[q].s < limit; q++) {
                const char *pw = s->ph[q].s > 0 ? tw(s, s->ph[q].s - 1) : "";
                size_t b = s->ph[q].s;
                while (b > 0 && is(s, b - 1, C_DETERMINERS)) b--;
                if (b > 0) pw = tw(s, b - 1);
                if (s->ph[q].first == (int16_t)q && q != (size_t)src && s->ph[q].has_actor &&
                    (!strcmp(pw, "WITH") || !strcmp(pw, "AGAINST"))) {
                    tgt = (int)q;
                    break;
                }
            }
        if (pd->nominal) tgt = -1;         /* "spread to 100 cities": where it went, no one it is against */
        pd->src = src;
        pd->tgt = tgt;
        pd->tgt_text_s = pd->tgt_text_e = -1;
        /* "..., while the Arab League condemned the move": a clause with a subject of its own
         * reports a happening of its own; a temporal one ("after rebels kidnapped ...") is the
         * circumstance of the main verb */
        pd->own_clause = vp && !(vp->flags & FW_SYN_SUBJ_SHARED) && src >= 0 && syn_phrase(s, vp->subj) == src &&
                         (vp->type == FW_CL_MAIN || vp->type == FW_CL_CCOMP ||
                          (vp->type == FW_CL_ADVCL && vp->mark >= 0 &&
                           (!strcmp(tw(s, (size_t)vp->mark), "WHILE") || !strcmp(tw(s, (size_t)vp->mark), "WHEREAS"))));
        /* "a convoy ..., where residents had taken refuge, was ambushed by the insurgents": what a
         * violent passive with its doer named was done to is its subject, a thing or people no
         * dictionary names */
        const char *fc = pd->fwd[0] ? pd->fwd : pd->rev;
        if (flipped && tgt < 0 && src >= 0 && pd->comp < 0 && vp && vp->subj >= 0 && (size_t)vp->subj < s->syn.nnp &&
            fw_code_violent(fc) && syn_phrase(s, vp->subj) < 0 && !s->syn.np[vp->subj].pronoun &&
            s->syn.np[vp->subj].end <= vp->vg_start)
            pd->tgt_text_s = s->syn.np[vp->subj].start, pd->tgt_text_e = s->syn.np[vp->subj].end;
        if (tgt < 0 && src != -1 && pd->comp < 0 && pd->tgt_text_s < 0) {
            /* no actor as target: conflict events keep their object ("a military base in Termez") */
            const char *c = pd->fwd[0] ? pd->fwd : pd->rev;
            if (c[0] == '1' && c[1] >= '4') {
                for (size_t t = vc->e; t < limit; t++) {
                    const char *w = tw(s, t);
                    if (strcmp(w, "AT") && strcmp(w, "ON") && strcmp(w, "AGAINST") && strcmp(w, "TARGETING") &&
                        strcmp(w, "INTO"))
                        continue;
                    size_t e = t + 1;
                    while (e < limit && !is_punct(s, e) && !s->isverb[e] && e < t + 10) e++;
                    /* "fought back on Monday": a time is no target */
                    if (t + 1 < limit && time_at(s, t + 1)) continue;
                    if (e > t + 1) pd->tgt_text_s = (int)t + 1, pd->tgt_text_e = (int)e;
                    break;
                }
            }
        }
    }
    trace_pend(a, s, pend, np, "bound");
    apply_transforms(a, s, pend, np);
    trace_pend(a, s, pend, np, "transforms");
    must_demands(s, pend, np);
    fold_complements(s, pend, np);
    trace_pend(a, s, pend, np, "complements");
    fold_verbs(s, pend, np);
    trace_pend(a, s, pend, np, "folded verbs");
    /* "celebrated with the leaders of Gondor after leaving Eriador": a gerund after a preposition
     * is the circumstance of a main clause that codes a dyad; alone ("deliberated ... before
     * convicting Webb") it is what the sentence reports */
    for (size_t k = 0; k < np; k++) {
        const struct verbcand *gv = &pend[k].vc;
        size_t wl = strlen(tw(s, gv->v));
        if (pend[k].drop || gv->s == 0 || !is(s, gv->s - 1, C_PREPOSITIONS) || wl < 5 || strcmp(tw(s, gv->v) + wl - 3, "ING"))
            continue;
        for (size_t j = 0; j < np; j++)
            if (j != k && !pend[j].drop && pend[j].src >= 0 && pend[j].tgt >= 0 && pend[j].vc.v < gv->s) pend[k].drop = 1;
    }
    /* "signed a defence pact in July allowing their troops to train", "passed a law banning
     * protests": a participle with no comma before it, after a coded main verb's object, says
     * what that noun does; the main verb is the happening */
    for (size_t k = 0; k < np; k++) {
        const struct verbcand *gv = &pend[k].vc;
        const struct fw_syn_pred *gp = fw_code_syn_pred(s, gv->v);
        size_t wl = strlen(tw(s, gv->v));
        if (pend[k].drop || !gp || gp->type != FW_CL_PARTCL || (gp->flags & FW_SYN_SUBJ_SHARED) || gv->s == 0 ||
            wl < 5 || strcmp(tw(s, gv->v) + wl - 3, "ING") || is_punct(s, gv->s - 1) || is(s, gv->s - 1, C_PREPOSITIONS))
            continue;
        for (size_t j = 0; j < np; j++) {
            const struct fw_syn_pred *q = fw_code_syn_pred(s, pend[j].vc.v);
            /* (the main verb's subject is no doer of it; "denounced a court ruling declaring the
             * ban unconstitutional" names the ruling's own doer) */
            if (j != k && !pend[j].drop && pend[j].src >= 0 && pend[j].vc.v < gv->s && q && q->type == FW_CL_MAIN &&
                q->obj >= 0 && (pend[k].src < 0 || s->ph[pend[k].src].first == s->ph[pend[j].src].first))
                pend[k].drop = 1;
        }
    }
    trace_pend(a, s, pend, np, "gerunds and participles");
    /* "the militant group that has seized Mosul": a relative clause describes its noun; it is
     * background, not what the sentence reports, when the main clause codes an event */
    int main_event = 0;
    for (size_t k = 0; k < np; k++)
        if (!pend[k].drop && !relative_clause(s, &pend[k].vc) && (pend[k].src >= 0 || (pend[k].agentless && pend[k].tgt >= 0)))
            main_event = 1;   /* ("mediators who sought to talk to protesters were prevented from entering") */
    for (size_t k = 0; k < np; k++) pend[k].own_happening = dated_agent_participle(s, &pend[k].vc);
    for (size_t k = 0; k < np && main_event; k++)
        if (relative_clause(s, &pend[k].vc) && !narrative_relative(s, &pend[k].vc) && !pend[k].own_happening)
            pend[k].drop = 1;
    trace_pend(a, s, pend, np, "relative clauses");
    /* "Gunmen killed seven soldiers and wounded 12 in an ambush": a second violent verb of the
     * same doer with no one of its own is the same attack's toll, no attack of its own */
    for (size_t k = 1; k < np; k++) {
        const char *ck = pend[k].fwd[0] ? pend[k].fwd : pend[k].rev;
        if (pend[k].drop || pend[k].tgt >= 0 || pend[k].src < 0 || !fw_code_violent(ck)) continue;
        for (size_t j = 0; j < k; j++) {
            const char *cj = pend[j].fwd[0] ? pend[j].fwd : pend[j].rev;
            if (!pend[j].drop && pend[j].src == pend[k].src && pend[j].tgt >= 0 && fw_code_violent(cj))
                pend[k].drop = 1;
        }
    }
    /* "arrested a man suspected of spying for Russia", "accused of taking bribes": what someone is
     * suspected, accused or charged of is the charge, no happening the sentence asserts */
    static const char *const charges[] = {"SUSPECTED", "ACCUSED", "ALLEGED", "CHARGED", "INDICTED", "CONVICTED",
                                          "SUSPECT", "ACCUSE", "ACCUSES", NULL};
    for (size_t k = 0; k < np; k++) {
        const struct fw_syn_pred *p = fw_code_syn_pred(s, pend[k].vc.v);
        if (pend[k].drop || !p || p->type != FW_CL_XCOMP || p->gov < 0 || (size_t)p->gov >= s->syn.npred) continue;
        size_t g = (size_t)s->syn.pred[p->gov].verb;
        if (g < s->nt && in_list(tw(s, g), charges) && p->mark >= 0 && (size_t)p->mark < s->nt &&
            (!strcmp(tw(s, (size_t)p->mark), "OF") || !strcmp(tw(s, (size_t)p->mark), "WITH")))
            pend[k].drop = 1;
    }
    trace_pend(a, s, pend, np, "charges");
    /* "without provoking a confrontation": what is done without doing something did not do it;
     * "the challenge is to sustain support for Kyiv": what a goal or a task is, is no happening */
    for (size_t k = 0; k < np; k++)
        if (!pend[k].drop && (without_clause(s, pend[k].vc.v) || copula_purpose(s, pend[k].vc.v))) pend[k].drop = 1;
    /* "were killed in a helicopter crash, the military said": a harm no one did is no event, and
     * the report of it is a statement */
    for (size_t k = 0; k < np; k++)
        if (!pend[k].drop && fw_code_nonpolitical_harm(a, s, &pend[k], pend[k].fwd[0] ? pend[k].fwd : pend[k].rev))
            pend[k].drop = 1;
    trace_pend(a, s, pend, np, "harm");
    /* reporting verbs step back when the sentence codes something else */
    int other = 0, dyadic = 0, solo = 0;
    for (size_t k = 0; k < np; k++) {
        if (!pend[k].drop && pend[k].src >= 0 &&
            (pend[k].tgt >= 0 || pend[k].tgt_text_s >= 0 || pend[k].comp >= 0)) {
            dyadic = 1;
            if (!is(s, pend[k].vc.v, C_REPORT_VERBS)) other = 1;
        }
        /* "X reports the man was sentenced": what is reported happened, the report steps back */
        if (!pend[k].drop && pend[k].agentless && pend[k].tgt >= 0 && reported_clause(s, &pend[k])) other = 1;
    }
    struct fw_tdate dt[8];
    struct fw_ymd anchor = a->anchor;
    enum fw_date_prec aprec = a->anchor_prec;
    int nd = fw_tdate_find(a->text + s->start, s->end - s->start, a->pub, anchor, aprec, dt, 8);
    /* "Trump's July 25 phone call", "Tuesday's hearing": a date before a noun dates the noun, not
     * what the sentence reports ("Friday evening", "Sunday night": a part of the day is the
     * date's own) */
    static const char *const day_parts[] = {"MORNING", "AFTERNOON", "EVENING", "NIGHT", "DAWN", "MIDDAY", "NOON", NULL};
    int keep = 0;
    for (int k = 0; k < nd; k++) {
        size_t end = s->start + dt[k].end, t = 0;
        while (t < s->nt && s->tok[t].start < end) t++;
        int attributive = t < s->nt && (!strcmp(tw(s, t), "'S") ||
                                        (s->has_syn && t < s->syn.n && !(s->tok[t].flags & TOK_CAP) &&
                                         (s->syn.pos[t] == FW_POS_NN || s->syn.pos[t] == FW_POS_NNS) &&
                                         !in_list(tw(s, t), day_parts)));
        /* ... unless that noun is the happening's own frame: "seized power in an October 2021 coup",
         * "killed in a March 2019 attack" */
        if (attributive && t < s->nt && s->ment[t] < 0) {
            size_t b = 0;
            while (b < s->nt && s->tok[b].start < s->start + dt[k].start) b++;
            if (b > 1 && (!strcmp(tw(s, b - 1), "A") || !strcmp(tw(s, b - 1), "AN") || !strcmp(tw(s, b - 1), "THE")) &&
                (!strcmp(tw(s, b - 2), "IN") || !strcmp(tw(s, b - 2), "DURING")) &&
                (attack_noun(s, t) || is(s, t, C_BOMBING) || !strcmp(tw(s, t), "COUP")))
                attributive = 0;
        }
        if (!attributive) dt[keep++] = dt[k];
    }
    nd = keep;
    /* "Pakistan will hand back the pilot on Friday": a weekday a "will" or "shall" verb happens on
     * is the next one, not the last (the resolver's latest on or before publication) */
    for (int k = 0; k < nd && s->has_syn; k++) {
        if (dt[k].prec != FW_PREC_DAY || ymd_days(dt[k].date) >= ymd_days(a->pub) ||
            has_digit(a->text + s->start + dt[k].start, dt[k].end - dt[k].start))
            continue;
        const struct fw_syn_pred *owner = pred_before(s, tok_from(s, s->start + dt[k].start));
        if (!owner || owner->modal < 0 || (size_t)owner->modal >= s->nt) continue;
        const char *mw = tw(s, (size_t)owner->modal);
        if (strcmp(mw, "WILL") && strcmp(mw, "SHALL") && strcmp(mw, "'LL")) continue;
        dt[k].date = fw_cal_civil_from_days(ymd_days(dt[k].date) + 7);
    }
    /* pass 1, only when pass 0 coded nothing: "U.N. helicopters evacuated the wounded from a
     * Bosnian town" still says what happened to its target when its subject is no actor */
    size_t sent_first = a->out->n;
    for (int pass = 0; pass < 2 && a->out->n == sent_first; pass++)
    for (size_t k = 0; k < np && !(pass && a->out->n > sent_first); k++) {
        struct pending *pd = &pend[k];
        if (a->c->trace && !pass)
            fprintf(stderr, "fw_code: folded %s drop %d source %d target %d code %s\n", tw(s, pd->vc.v), pd->drop,
                    pd->src, pd->tgt, pd->fwd[0] ? pd->fwd : pd->rev);
        if (pd->drop || pd->no_event || (other && is(s, pd->vc.v, C_REPORT_VERBS) && !pd->own_happening && !pd->accuses))
            continue;
        int pairs[16][2];
        int npairs = 0;
        if (pd->comp >= 0 && pd->m.comp_lower && pd->src >= 0) {
            /* "X agrees with Y and Z" */
            for (int y = pd->comp; y >= 0 && npairs < 16; y = s->ph[y].next)
                pairs[npairs][0] = pd->src, pairs[npairs][1] = y, npairs++;
        } else if (pd->src < 0 && pd->comp < 0 && between_chain(s, pd) >= 0) {
            /* "clashes broke out between police and protesters", "fighting erupted between the army
             * and the RSF": the sides the noun's "between" names act on each other */
            int b = between_chain(s, pd);
            for (int x = b; x >= 0 && npairs < 16; x = s->ph[x].next)
                for (int y = b; y >= 0 && npairs < 16; y = s->ph[y].next)
                    if (x != y) pairs[npairs][0] = x, pairs[npairs][1] = y, npairs++;
        } else if (pd->comp >= 0) {
            /* "% AGREE": the members of the compound act on each other */
            for (int x = pd->comp; x >= 0 && npairs < 16; x = s->ph[x].next)
                for (int y = pd->comp; y >= 0 && npairs < 16; y = s->ph[y].next)
                    if (x != y) pairs[npairs][0] = x, pairs[npairs][1] = y, npairs++;
            if (!npairs && pd->src >= 0) pairs[npairs][0] = pd->src, pairs[npairs][1] = pd->comp, npairs++;
        } else {
            /* (what happened: "will mobilize behind Warren" has not) */
            const struct fw_syn_pred *mp = fw_code_syn_pred(s, pd->vc.v);
            int modal = mp && (mp->modal >= 0 || (mp->flags & (FW_SYN_COND | FW_SYN_QUESTION)));
            if (pd->src == -1 && !(pass && pd->tgt >= 0 && !is(s, pd->vc.v, C_REPORT_VERBS) && main_verb(s, pend, k) &&
                                   state_target(s, pd) && !modal) &&
                !(pd->agentless && pd->tgt >= 0 && reported_clause(s, pd) && !other_dyad(s, pend, np, k)))
                continue;
            const char *pc = pd->fwd[0] ? pd->fwd : pd->rev;
            int mutual = pd->src >= 0 && s->ph[pd->src].next >= 0 &&
                         ((is(s, pd->vc.v, C_RECIPROCAL) && (pd->tgt < 0 || where_phrase(s, pd->tgt))) ||
                          each_other(s, &pd->vc));
            /* "Serbia and Kosovo agreed to implement a plan": a thing as the object names no one else */
            /* ("Saudi Arabia and the US hosted talks" host others, 042/043) */
            int hosting = !strncmp(pc, "042", 3) || !strncmp(pc, "043", 3);
            int thing_object = pd->tgt_text_s >= 0;
            for (int t = pd->tgt_text_s; t >= 0 && t < pd->tgt_text_e; t++)
                if (is(s, (size_t)t, C_HUMAN | C_ARMED | C_PROTESTER) || s->ment[t] >= 0) thing_object = 0;
            /* ("Niger and Benin are also exposed": a passive's compound subject does nothing to
             * each other) */
            if (mutual ||
                (pd->tgt < 0 && (pd->tgt_text_s < 0 || thing_object) && !dyadic && pd->src >= 0 && s->ph[pd->src].next >= 0 &&
                 pc[0] == '0' && pc[1] >= '3' && pc[1] <= '6' && !hosting && !is_passive(s, &pd->vc))) {
                /* "X and Y agreed on a pact": the members of a compound subject meet, agree or
                 * cooperate with each other when the verb names no one else; "X and Y clashed in
                 * Paris", "exchanged fire": a verb of a mutual act has them act on each other */
                /* ("Soldiers and riot police fired tear gas and formed a human chain": one state's
                 * forces acting together are one side, no pair that cooperates) */
                for (int x = pd->src; x >= 0 && npairs < 16; x = s->ph[x].next)
                    for (int y = pd->src; y >= 0 && npairs < 16; y = s->ph[y].next)
                        if (x != y && !(!mutual && same_forces(s->ph[x].code, s->ph[y].code)))
                            pairs[npairs][0] = x, pairs[npairs][1] = y, npairs++;
                if (!npairs) continue;
            } else if (pd->tgt < 0 && pd->tgt_text_s < 0) {
                /* "Volker said he had no knowledge of ...": a named speaker's statement in a main
                 * clause is an event when nothing else in the sentence is */
                const struct fw_syn_pred *rp = fw_code_syn_pred(s, pd->vc.v);
                const char *pc0 = pd->fwd[0] ? pd->fwd : pd->rev;
                int statement = (is(s, pd->vc.v, C_REPORT_VERBS) || !strncmp(pc0, "01", 2)) && !dyadic && !solo && rp &&
                                rp->type == FW_CL_MAIN && !(rp->flags & FW_SYN_QUOTED);
                /* "the move announced on Monday by Pompeo": a happening of its own */
                int own_happening = pd->own_happening;
                /* an agent alone ("Islamic fundamentalists") is a subject too when its verb is coded by
                 * a pattern (continued their hunger strike) */
                /* "tens of thousands of residents launched marches": people protesting are a
                 * subject as an actor is */
                int protest = pd->src >= 0 && !strncmp(pc0, "14", 2) && strcmp(s->ph[pd->src].code, "---");
                /* "human rights groups condemned the arrests", "opposition lawmakers rejected the
                 * plan": a political body's words are an event whatever they are about, as
                 * "the government condemned the attacks" is by the dictionary's pattern */
                int body_speaks = pd->src >= 0 && pc0[0] == '1' && pc0[1] >= '0' && pc0[1] <= '3' && rp &&
                                  rp->type == FW_CL_MAIN && !(rp->flags & FW_SYN_QUOTED) && s->ph[pd->src].e <= pd->vc.s &&
                                  fw_code_political_code(s->ph[pd->src].code);
                /* ("Niger and Benin are also exposed": an agentless passive's subject is what is
                 * done to, with no one doing it: no event of its own) */
                int patient = pd->src >= 0 && is_passive(s, &pd->vc) && s->ph[pd->src].e <= pd->vc.s;
                for (size_t q = 0; patient && s->has_syn && q < s->syn.npred; q++)   /* (not another verb's "by" agent) */
                    if (s->syn.pred[q].agent >= 0 && syn_phrase(s, s->syn.pred[q].agent) == pd->src) patient = 0;
                if (pd->src >= 0 && !patient &&
                    (s->ph[pd->src].has_actor || (pd->pattern && strcmp(s->ph[pd->src].code, "---")) ||
                     fw_code_armed_sector(s->ph[pd->src].code) || (statement && s->ph[pd->src].person >= 0) || protest ||
                     body_speaks) &&
                    (s->ph[pd->src].next < 0 || statement || verbal_act(pc0) || hosting) &&
                    ((!dyadic && !solo) || pd->conjunct || (verbal_act(pc0) && heads_coordination(s, rp)) || (pd->own_clause && !src_acts(pend, np, k)) ||
                     own_happening) &&
                    (!is(s, pd->vc.v, C_REPORT_VERBS) || statement || own_happening)) {
                    /* a sentence without any dyad still says what its subject did; an armed or
                     * police agent ("riot police threatened to open fire") is a subject as an actor is;
                     * "Volker and Morrison testified": each member of a compound speaker made it */
                    for (int x = pd->src; x >= 0 && npairs < 16; x = s->ph[x].next)
                        pairs[npairs][0] = x, pairs[npairs][1] = -1, npairs++;
                    solo = 1;
                } else {
                    continue;
                }
            } else {
                /* every member of a compound source acts on every member of a compound target */
                for (int x = pd->src; npairs < 16; x = s->ph[x].next) {
                    for (int y = pd->tgt; npairs < 16; y = s->ph[y].next) {
                        pairs[npairs][0] = x, pairs[npairs][1] = y, npairs++;
                        if (y < 0 || s->ph[y].next < 0) break;
                    }
                    if (x < 0 || s->ph[x].next < 0) break;
                }
            }
        }
        int negated = 0;
        enum fw_modality mod = modality(s, &pd->vc, &pd->m, &negated);
        char refused[8] = "";
        if (negated && refusal_code(pd->fwd[0] ? pd->fwd : pd->rev, refused, sizeof refused))
            mod = FW_MOD_ASSERTED;                  /* the refusal is what happened */
        if (pd->intent && mod == FW_MOD_PLANNED) mod = FW_MOD_ASSERTED;   /* so did the stated intention */
        /* "X stressed ..., while the Arab League condemned the move": a contrast clause with its own
         * subject asserts its own happening; the report beside it is another clause's */
        int contrast = contrast_clause(s, pd);
        if (contrast && mod == FW_MOD_REPORTED) mod = FW_MOD_ASSERTED;
        char stated[8] = "";
        if (!refused[0] && !pd->intent && !announced_plan(s, pd->vc.v) &&
            (mod == FW_MOD_PLANNED || mod == FW_MOD_HYPOTHETICAL || in_list(tw(s, pd->vc.v), commitment_verbs))) {
            /* "X will give Y aid": CAMEO (as PETRARCH codes it) keeps the act, planned; PLOVER names
             * what the statement is, a promise (AGREE, CAMEO 03x) or a threat (THREATEN, 13x) */
            const char *c = pd->fwd[0] ? pd->fwd : pd->rev;
            intent_code(c, stated, sizeof stated);
            if (!stated[0]) threat_code(c, stated, sizeof stated);
        }
        /* "Hamas vowed to attack Israel", "pledged to keep fighting": force an actor commits itself to
         * is a threat it makes now (CAMEO 138, asserted), no attack; a spoken threat is never coded
         * as violence */
        int vowed_force = 0;
        {
            const char *c = pd->fwd[0] ? pd->fwd : pd->rev;
            if (!refused[0] && fw_code_violent(c) && committed_to(s, pd->vc.v)) {
                threat_code(c, stated, sizeof stated);
                vowed_force = stated[0] != 0;
                if (vowed_force) mod = FW_MOD_ASSERTED;
            }
        }
        size_t clause_end = own_clause_end(s, pd->vc.v);
        for (int pi = 0; pi < npairs; pi++) {
            for (int dir = 0; dir < 2; dir++) {
                const char *code = dir ? pd->rev : pd->fwd;
                if (!code[0]) continue;
                if (vowed_force) {
                    if (dir) continue;                  /* a threat has no reciprocal */
                    code = stated;
                }
                if (refused[0]) {
                    if (dir) continue;                  /* a refusal has no reciprocal */
                    code = refused;
                }
                /* a pattern may carry only the reverse code: [:173] */
                int sp = dir ? pairs[pi][1] : pairs[pi][0], tp = dir ? pairs[pi][0] : pairs[pi][1];
                if (dir && tp < 0 && sp < 0) continue;
                /* "protesters faced teargas in Oslo": where it happened did not do it */
                if (dir && !pd->fwd[0] && sp >= 0 && where_phrase(s, sp)) sp = -1;
                /* no actor to act in return; a pattern's reverse code alone ("they faced teargas")
                 * has its subject as the target of someone unnamed */
                if (dir && sp < 0 &&
                    (pd->fwd[0] || !pd->pattern || (strncmp(code, "17", 2) && strncmp(code, "18", 2) && strncmp(code, "19", 2))))
                    continue;
                if (strchr(code, '?')) continue;         /* the dictionary's own doubt */
                int as_denial = 0;
                /* "China denied sending weapons to Russia": a denial is a statement (016), as the
                 * README's coders code it; "Russia did not attack the grid" is no attack */
                if (mod == FW_MOD_DENIED && !refused[0]) {
                    int denial = 0;
                    for (size_t t = 0; t < pd->vc.s; t++) denial |= is(s, t, C_DENIALS) != 0;
                    int violent = fw_code_violent(code);
                    if (denial && strncmp(code, "01", 2)) {
                        if (dir) continue;
                        code = "016";
                        as_denial = 1;
                    } else if (violent) {
                        continue;
                    }
                }
                char sense[8];
                if (fw_code_physical_sense(s, code, sp, tp, sense, sizeof sense)) code = sense;
                /* "thousands of residents rallied in Matta to protest the return of militants":
                 * people with no arms or office who rally demonstrate (141); only an armed or
                 * state actor's rally shows force (15x) */
                if (!strncmp(code, "15", 2) && sp >= 0 && strcmp(s->ph[sp].code, "---") && rallying(d, &pd->vc) &&
                    !fw_code_armed_sector(s->ph[sp].code) &&
                    !code_has(s->ph[sp].code + (strlen(s->ph[sp].code) >= 3 ? 3 : 0), "GOV"))
                    code = "141";
                /* "Russian forces captured Bakhmut": a seizure whose object is a place the gazetteer
                 * knows (a town too large to be anyone's name) occupies territory (192) */
                if (!strcmp(code, "171") && tp < 0 && seized_place(a, s, pd)) code = "192";
                /* "fired two missiles into the sea", "fired shots into the air": force aimed at
                 * no one is shown, not used (150) */
                if (!strncmp(code, "19", 2) && tp < 0 && aimed_at_nothing(s, pd)) code = "150";
                /* "the Uzbek city faces the Afghan town": two places, no actors, when no pattern
                 * says otherwise */
                if (!pd->pattern && bare_adjective(s, sp) && bare_adjective(s, tp)) continue;
                struct fw_event ev;
                memset(&ev, 0, sizeof ev);
                ev.sent_start = s->start, ev.sent_end = s->end;
                ev.verb_start = s->tok[pd->vc.v].start, ev.verb_end = s->tok[pd->vc.v].end;
                ev.clause_end = clause_end;
                snprintf(ev.cameo, sizeof ev.cameo, "%s", code);
                plover_name(a->c, stated[0] && !dir ? stated : code, ev.plover, sizeof ev.plover);
                actor_fields(a, s, sp >= 0 ? sp : -1, &ev.src);
                actor_fields(a, s, tp >= 0 ? tp : -1, &ev.tgt);
                if (tp < 0 && pd->tgt_text_s >= 0) {
                    size_t st = s->tok[pd->tgt_text_s].start, en = s->tok[pd->tgt_text_e - 1].end;
                    size_t n = en - st < sizeof ev.tgt.text - 1 ? en - st : sizeof ev.tgt.text - 1;
                    memcpy(ev.tgt.text, a->text + st, n);
                    ev.tgt.text[n] = 0;
                }
                ev.modality = as_denial ? FW_MOD_ASSERTED : mod;   /* a denial is asserted */
                quantities(s, &pd->vc, dt, nd, s->start, &ev);
                /* the verb's own date: the first one after it in its clause ("held hostage since
                 * 2016 were released Tuesday"), else the nearest one; not one that dates another
                 * verb's relative or participial clause ("the move announced on Monday") */
                int best = -1;
                size_t vo = s->tok[pd->vc.v].start - s->start, bd = (size_t)-1;
                /* "Azerbaijan's Ministry of Defense accused Armenia of provocations on the night of
                 * September 12-13 ... (APA, September 13)": the source a think tank cites dates
                 * what was said, not the date inside what was said */
                if (verbal_act(code)) best = citation_date(a, s, dt, nd);
                /* "West African leaders on Sunday imposed sanctions on the officers who seized
                 * power last week": a date right before the verb, between it and its subject, is
                 * the verb's */
                for (int k2 = 0; k2 < nd && best < 0 && s->has_syn; k2++) {
                    if (dt[k2].end > vo || dt[k2].start == 0) continue;
                    size_t t = tok_from(s, s->start + dt[k2].end), t0 = t;
                    while (t < pd->vc.s && t < s->syn.n && s->syn.pos[t] == FW_POS_RB) t++;
                    if (t != pd->vc.s || pd->vc.s < 1 || date_of_other_clause(s, dt[k2].start, dt[k2].end, pd->vc.v)) continue;
                    /* ... after a subject, not a sentence's opening ("On Sunday, ...") nor a clause
                     * inside the subject ("the officers who seized power on Sunday imposed ...") */
                    size_t b = 0;
                    while (b < s->nt && s->tok[b].end <= s->start + dt[k2].start) b++;
                    const struct fw_syn_pred *vpred = fw_code_syn_pred(s, pd->vc.v);
                    if (b == 0 || t0 <= b || !vpred || vpred->subj < 0 || (size_t)vpred->subj >= s->syn.nnp ||
                        (size_t)s->syn.np[vpred->subj].end > b)
                        continue;
                    int inner = 0;
                    for (size_t u = (size_t)s->syn.np[vpred->subj].end; u < b && u < s->syn.n; u++)
                        inner |= s->syn.pred_of[u] >= 0;
                    if (inner) continue;
                    best = k2;
                }
                for (int k2 = 0; k2 < nd && best < 0; k2++) {
                    if (dt[k2].start < vo || date_of_other_clause(s, dt[k2].start, dt[k2].end, pd->vc.v)) continue;
                    int comma = 0;
                    for (size_t q = vo; q < dt[k2].start; q++) comma |= a->text[s->start + q] == ',';
                    if (!comma) best = k2;
                }
                /* "a banned referendum on Sunday in which police fired rubber bullets": a relative
                 * clause of time or place happens at its noun's date */
                {
                    const struct fw_syn_pred *rp = fw_code_syn_pred(s, pd->vc.v);
                    while (rp && rp->type != FW_CL_RELCL && rp->conj >= 0 && (size_t)rp->conj < s->syn.npred &&
                           &s->syn.pred[rp->conj] != rp)
                        rp = &s->syn.pred[rp->conj];     /* ("... in which police fired X and charged Y") */
                    if (best < 0 && rp && rp->mark > 1 && fw_code_setting_relative(s, rp)) {
                        /* (the date that ends the noun's phrase, right before "in which" or "where") */
                        size_t open = !strcmp(tw(s, (size_t)rp->mark), "WHICH") ? (size_t)rp->mark - 1 : (size_t)rp->mark;
                        size_t to = s->tok[open].start - s->start;
                        for (int k2 = 0; k2 < nd && best < 0; k2++) {
                            size_t t = tok_from(s, s->start + dt[k2].end);
                            if (dt[k2].end <= to && (t == open || (t + 1 == open && !strcmp(tw(s, t), ",")))) best = k2;
                        }
                    }
                }
                for (int k2 = 0; k2 < nd && best < 0; k2++) {
                    if (date_of_other_clause(s, dt[k2].start, dt[k2].end, pd->vc.v)) continue;
                    size_t dd = dt[k2].start > vo ? dt[k2].start - vo : vo - dt[k2].end;
                    if (dd < bd) bd = dd, best = k2;
                }
                if (best >= 0) {
                    ev.date = dt[best].date, ev.prec = dt[best].prec, ev.date_source = FW_DSRC_TEXT;
                    /* "would hold exercises in June", "will visit on March 3": a plan's month or
                     * day after its verb, with no year of its own, is the next one, not the last
                     * (the resolver gives the last; "said in March it would" dates the saying) */
                    /* ("later this month": the month of publication is no past one) */
                    if (mod == FW_MOD_PLANNED && ymd_days(ev.date) < ymd_days(a->pub) &&
                        !year_written(a->text + s->start + dt[best].start, dt[best].end - dt[best].start) &&
                        ((ev.prec == FW_PREC_MONTH && ev.date.y * 12 + ev.date.m < a->pub.y * 12 + a->pub.m) ||
                         (ev.prec == FW_PREC_DAY &&
                          has_digit(a->text + s->start + dt[best].start, dt[best].end - dt[best].start))) &&
                        dt[best].start > vo)
                        ev.date.y++;
                } else if (a->anchor_prec != FW_PREC_NONE &&
                           (a->anchor_par == s->par || goes_on_narrative(s) ||
                            /* "The night of 10 February ... Hale threw a firework at police.": a past
                             * tense in a sentence with no date at all goes on with the day the
                             * paragraph before it last told, rather than the lead's */
                            (nd == 0 && a->anchor_prec == FW_PREC_DAY && a->anchor_par + 1 == s->par && !a->anchor_reported &&
                             fw_code_past_tense(s, &pd->vc) &&
                             !(a->lead_prec == FW_PREC_DAY && ymd_days(a->lead) == ymd_days(a->anchor))))) {
                    ev.date = a->anchor, ev.prec = a->anchor_prec, ev.date_source = FW_DSRC_PARAGRAPH;
                } else if (a->lead_prec == FW_PREC_DAY && mod != FW_MOD_PLANNED && fw_code_past_tense(s, &pd->vc)) {
                    ev.date = a->lead, ev.prec = a->lead_prec, ev.date_source = FW_DSRC_LEAD;
                } else {
                    ev.date = a->pub, ev.prec = FW_PREC_DAY, ev.date_source = FW_DSRC_PUBLICATION;
                }
                uint32_t feat = sfeat | fw_code_event_features(a, s, pd, code, sp, tp);
                /* "elders demanded that control be taken away from X", "urged Y to support Z": what
                 * a demand or an appeal asks for has not happened */
                for (size_t k2 = 0; k2 < np; k2++) {
                    const char *oc = pend[k2].fwd[0] ? pend[k2].fwd : pend[k2].rev;
                    if (k2 != k && pend[k2].vc.v < pd->vc.v && (!strncmp(oc, "10", 2) || !strncmp(oc, "02", 2)) &&
                        strncmp(code, "10", 2) && strncmp(code, "02", 2) && fw_code_governs(s, pend[k2].vc.v, pd->vc.v))
                        feat |= FW_CF(FW_CF_DEMANDED);
                }
                if (pd->pattern) feat |= FW_CF(FW_CF_PATTERN);
                if (ev.src.country[0] || ev.src.sector[0]) feat |= FW_CF(FW_CF_SRC_KNOWN);
                if (ev.tgt.country[0] || ev.tgt.sector[0]) feat |= FW_CF(FW_CF_TGT_KNOWN);
                if (sp >= 0 && s->ph[sp].person >= 0 && !strcmp(ev.src.code, "---")) feat |= FW_CF(FW_CF_SRC_NAMED);
                if (sp < 0) feat |= FW_CF(FW_CF_NO_SRC);
                else if (pd->src_inherited) feat |= FW_CF(FW_CF_SRC_INHERITED);
                if (tp < 0) feat |= FW_CF(FW_CF_NO_TGT);
                /* a verb in a subordinate clause is less likely to be what the sentence reports;
                 * a subordinator's clause ends at a comma ("When police arrived, militants fled") */
                for (size_t t = pd->vc.s; t-- > 0 && strcmp(tw(s, t), ",") && !pd->own_happening && !contrast;)
                    if (is(s, t, C_SUBORDINATORS)) {
                        feat |= FW_CF(FW_CF_SUBORDINATE);
                        break;
                    }
                if (ev.modality != FW_MOD_ASSERTED) feat |= FW_CF(FW_CF_NOT_ASSERTED);
                if (ev.modality == FW_MOD_DENIED) feat |= FW_CF(FW_CF_DENIED);   /* not what the sentence says happened */
                int bare = bare_adjective(s, sp) + bare_adjective(s, tp);
                if (bare) feat |= FW_CF(FW_CF_BARE_PLACE);
                if (!ev.plover[0]) feat |= FW_CF(FW_CF_NO_PLOVER);  /* a bare statement or appeal */
                double conf = fw_code_score(feat, bare);
                ev.confidence = conf;
                char sparts[4][32], tparts[4][32];
                int ns = split_code(ev.src.code, sparts, 4), nt = split_code(ev.tgt.code, tparts, 4);
                for (int x = 0; x < ns; x++)
                    for (int y = 0; y < nt; y++) {
                        if (strcmp(sparts[x], tparts[y]) == 0 && strcmp(sparts[x], "---") != 0) continue; /* self */
                        struct fw_event *out = new_event(a);
                        *out = ev;
                        size_t fi = a->out->n - 1 - a->first_ev;
                        if (fi >= a->capfeat) {
                            a->capfeat = a->capfeat ? a->capfeat * 2 : 32;
                            a->feat = fw_xrealloc(a->feat, a->capfeat * sizeof *a->feat);
                        }
                        a->feat[fi].f = feat, a->feat[fi].bare = bare;
                        fw_code_actor_code_fields(&out->src, sparts[x]);
                        fw_code_actor_code_fields(&out->tgt, tparts[y]);
                        fw_code_event_id(a, out);
                        /* "the IAEA, or IAEA": the same event twice is one event */
                        int dup = 0;          /* only this sentence's events can be the same */
                        for (size_t e = a->out->n - 1; e-- > a->first_ev && a->out->ev[e].sent_start == out->sent_start && !dup;)
                            dup = !strcmp(a->out->ev[e].id, out->id);
                        if (dup) {
                            a->out->n--;
                            continue;
                        }
                        count_country(a, out->src.country);
                        count_country(a, out->tgt.country);
                    }
            }
        }
    }
    /* "Talks between Norway and Sweden resumed": two verbs of one sentence coding the same act
     * by the same sides report it once (the surer copy stays) */
    for (size_t i = sent_first; i < a->out->n; i++)
        for (size_t j = i + 1; j < a->out->n;) {
            const struct fw_event *x = &a->out->ev[i], *y = &a->out->ev[j];
            if (strcmp(x->cameo, y->cameo) || strcmp(x->src.code, y->src.code) || strcmp(x->tgt.code, y->tgt.code) ||
                strcmp(x->src.text, y->src.text) || strcmp(x->tgt.text, y->tgt.text)) {
                j++;
                continue;
            }
            size_t fi = i - a->first_ev, fj = j - a->first_ev;   /* the scoring evidence moves with them */
            if (y->confidence > x->confidence) a->out->ev[i] = *y, a->feat[fi] = a->feat[fj];
            memmove(&a->out->ev[j], &a->out->ev[j + 1], (a->out->n - j - 1) * sizeof *a->out->ev);
            memmove(&a->feat[fj], &a->feat[fj + 1], (a->out->n - j - 1) * sizeof *a->feat);
            a->out->n--;
        }
    /* a scheduled day ("sentencing is set for June 26") dates no later sentence's happening, nor
     * does the day of a relative clause's background ("Hernandez, who was extradited in 2022,
     * faces ...") */
    int last_past = nd - 1;
    while (last_past >= 0 && (ymd_days(dt[last_past].date) > ymd_days(a->pub) ||
                              in_relative_clause(s, s->start + dt[last_past].start)))
        last_past--;
    if (last_past >= 0) {
        a->anchor = dt[last_past].date;
        a->anchor_prec = dt[last_past].prec;
        a->anchor_par = s->par;
        a->anchor_reported = 0;
        if (s->has_syn) {
            const struct fw_syn_pred *owner = pred_before(s, tok_from(s, s->start + dt[last_past].start));
            a->anchor_reported = owner && owner->type == FW_CL_CCOMP;
        }
        /* the story's date: a day within the week before publication, given in the lead (its
         * first six sentences, the span ICEWS codes) */
        /* (a sentence with a subject and its verb: a page's timestamp line, "Updated 3:27 am PST,
         * Wednesday, November 20, 2019" or "2019-11-21", dates no happening) */
        int clause = !s->has_syn;
        for (size_t q = 0; s->has_syn && q < s->syn.npred && !clause; q++) clause = s->syn.pred[q].subj >= 0;
        if (a->nsent < 6 && a->lead_prec == FW_PREC_NONE && clause)
            for (int k = 0; k < nd; k++) {
                long age = ymd_days(a->pub) - ymd_days(dt[k].date);
                if (dt[k].prec == FW_PREC_DAY && age >= 0 && age <= 7) {
                    a->lead = dt[k].date, a->lead_prec = FW_PREC_DAY;
                    break;
                }
            }
    }
    a->nsent++;
}

/* Discard phrases (sports, history...). The Phoenix list names years ("1994") to drop historical
 * background; a year counts only when it is well before the publication year, so "in March 2019"
 * in a 2019 or 2020 article is a date, not history. Relative time phrases ("years ago") never do.
 * An old year in a description of a noun drops what it dates, not the sentence: "Dushanbe accused
 * the Taliban of harboring militants, a group Tajikistan banned in 2012" reports this February's
 * accusation; *old_year says the latest such year (0: none), and the caller drops the events
 * dated by it. */
static int discarded(const struct fw_dict *d, const struct sent *s, int pub_year, int *story, int *old_year)
{
    *old_year = 0;
    for (size_t i = 0; i < s->nt; i++) {
        const struct fw_entry *e;
        if (!fw_code_match_phrase(&d->discards, s, i, &e)) continue;
        const char *w = tw(s, i);
        if (e->n == 1 && strlen(w) == 4 && isdigit((unsigned char)w[0]) && isdigit((unsigned char)w[1]) &&
            isdigit((unsigned char)w[2]) && isdigit((unsigned char)w[3])) {
            int y = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
            if (y >= pub_year - 1) continue;
            /* the year in what a comma sets off to describe a noun (", a group X banned in 2012",
             * ", who was extradited in 2012,") dates that background alone; anywhere else it
             * makes the sentence history, as PETRARCH reads it */
            size_t b = i;
            while (b > 0 && strcmp(tw(s, b - 1), ",") && strcmp(tw(s, b - 1), ";")) b--;
            static const char *const describers[] = {"A", "AN", "THE", "WHO", "WHICH", "WHOSE", "WHERE", NULL};
            if (b == 0 || !in_list(tw(s, b), describers)) {
                *story = e->val == 1;
                return 1;
            }
            if (y > *old_year) *old_year = y;
            continue;
        }
        /* "three years ago", "months later": a time phrase dates its clause (fw_tdate); it does
         * not make the sentence's main event history */
        const char *last = i + e->n - 1 < s->nt ? tw(s, i + e->n - 1) : "";
        if (e->n > 1 && (!strcmp(last, "AGO") || !strcmp(last, "LATER"))) continue;
        *story = e->val == 1;
        return 1;
    }
    return *old_year != 0;
}








/* The dictionaries are English: a text whose commonest English words are rare is not coded
 * (a German page would otherwise match "sind" and "die" against actors and verbs). */
static int looks_english(const char *text, size_t len)
{
    static const char *const common[] = {"the", "of", "and", "to", "in", "a", "is", "for", "on", "that", "was",
                                         "with", "said", "by", "at", "as", "has", "from", NULL};
    size_t words = 0, hits = 0, i = 0;
    while (i < len && words < 400) {
        while (i < len && !isalpha((unsigned char)text[i])) i++;
        size_t st = i;
        while (i < len && isalpha((unsigned char)text[i])) i++;
        if (i == st) break;
        words++;
        char w[8];
        if (i - st >= sizeof w) continue;
        for (size_t k = 0; k < i - st; k++) w[k] = (char)tolower((unsigned char)text[st + k]);
        w[i - st] = 0;
        hits += (size_t)in_list(w, common);
    }
    return words < 30 || hits * 100 >= words * 8;
}

/* A wire dateline before an article's first sentence ("DUBAI, United Arab Emirates — ",
 * "WASHINGTON (AP) — ", "BERLIN -- "): a place in capitals, then names, commas and an agency in
 * parentheses, then a dash. Returns the offset after the dash and its space, or start. The
 * place is the location pass's; the sentence's actors are what follows it. */
static size_t after_dateline(const char *text, size_t start, size_t end)
{
    size_t i = start, caps = 0;
    while (i < end && i < start + 80 && (isupper((unsigned char)text[i]) || text[i] == '.' || text[i] == ' ')) {
        caps += isupper((unsigned char)text[i]) != 0;
        i++;
    }
    if (caps < 3) return start;
    for (; i < end && i < start + 100; i++) {
        unsigned char ch = (unsigned char)text[i];
        size_t dash = 0;
        if (ch == 0xe2 && i + 2 < end && (unsigned char)text[i + 1] == 0x80 &&
            ((unsigned char)text[i + 2] == 0x94 || (unsigned char)text[i + 2] == 0x93))
            dash = 3;
        else if (ch == '-' && i > start && text[i - 1] == ' ')
            dash = i + 1 < end && text[i + 1] == '-' ? 2 : 1;
        if (dash) {
            size_t j = i + dash;
            if (j >= end || text[j] != ' ') return start;
            while (j < end && text[j] == ' ') j++;
            return j;
        }
        if (!(isalpha(ch) || ch == ' ' || ch == ',' || ch == '.' || ch == '(' || ch == ')' || ch == '\'' || ch >= 0x80))
            return start;
    }
    return start;
}

enum fw_err fw_code_article(const struct fw_coder *c, const char *article_id, const char *text, size_t len,
                            struct fw_ymd published, struct fw_event_list *out, char *err, size_t errsz)
{
    if (len > ARTICLE_MAX) return fw_fail(err, errsz, FW_E_TOOBIG, "article text of %zu bytes (max %u)", len, ARTICLE_MAX);
    if (!looks_english(text, len)) return FW_OK;
    size_t maxs = fw_code_sentences(text, len, NULL, 0) + 1;   /* count first: allocate what is needed */
    size_t (*spans)[2] = fw_xmalloc(maxs * sizeof *spans);
    size_t ns = fw_code_sentences(text, len, spans, maxs);
    struct article *a = fw_xcalloc(1, sizeof *a);
    struct sent *s = fw_xmalloc(sizeof *s);
    a->c = c, a->text = text, a->id = article_id, a->pub = published, a->out = out;
    a->pubnum = published.y * 10000 + published.m * 100 + published.d;
    a->first_ev = out->n;
    a->last_human = -1;
    a->last_body = -1;
    if (ns > maxs) ns = maxs;
    a->nsentences = ns;
    /* paragraphs: a blank line between two sentences starts a new one */
    size_t *pars = fw_xcalloc(ns + 1, sizeof *pars);
    for (size_t i = 1, par = 0; i < ns; i++) {
        for (size_t p = spans[i - 1][1]; p < spans[i][0]; p++)
            if (text[p] == '\n') {
                size_t q = p + 1;
                while (q < spans[i][0] && (text[q] == ' ' || text[q] == '\t' || text[q] == '\r')) q++;
                if (q < spans[i][0] && text[q] == '\n') { par++; break; }
            }
        pars[i] = par;
    }
    /* the wire dateline opens the story's first sentence, after a headline if the text has one */
    size_t dl_sent = (size_t)-1;
    for (size_t i = 0; i < ns && i < 3 && dl_sent == (size_t)-1; i++)
        if (after_dateline(text, spans[i][0], spans[i][1]) != spans[i][0]) dl_sent = i;
    for (size_t i = 0; i < ns; i++) {
        s->start = i == dl_sent ? after_dateline(text, spans[i][0], spans[i][1]) : spans[i][0];
        s->end = spans[i][1];
        if (s->end - s->start > FW_CODE_MAXSENT) s->end = s->start + FW_CODE_MAXSENT;
        s->par = pars[i];
        s->nt = fw_tok_sentence(text + s->start, s->end - s->start, s->start, &c->d.words, s->tok, FW_CODE_MAXTOK);
        for (size_t t = 0; t < s->nt; t++) {
            s->cls[t] = classify(c, s->tok[t].up);
            if (month_may(s, t)) s->cls[t] &= ~(uint64_t)(C_HYPOTHETICAL | C_AUXILIARIES | C_SKIPPABLE);
        }
        int story = 0, old_year = 0;
        if (discarded(&c->d, s, published.y, &story, &old_year)) {
            if (story) {
                out->n = a->first_ev;                    /* a story-level discard drops the whole article */
                break;
            }
            if (!old_year) continue;
        }
        struct fw_ymd anchor = a->anchor;
        enum fw_date_prec anchor_prec = a->anchor_prec;
        size_t anchor_par = a->anchor_par, first = out->n, w = first;
        int anchor_reported = a->anchor_reported;
        code_sentence(a, s);
        if (!old_year) continue;
        /* history in the sentence: its events dated by the old year (or before) go, and its date
         * dates no later sentence */
        for (size_t k = first; k < out->n; k++) {
            if (out->ev[k].prec != FW_PREC_NONE && out->ev[k].date.y <= old_year) continue;
            a->feat[w - a->first_ev] = a->feat[k - a->first_ev];
            out->ev[w++] = out->ev[k];
        }
        out->n = w;
        if (a->anchor_prec != FW_PREC_NONE && a->anchor.y <= old_year)
            a->anchor = anchor, a->anchor_prec = anchor_prec, a->anchor_par = anchor_par,
            a->anchor_reported = anchor_reported;
    }
    fw_code_score_article(a);
    fw_code_same_happening_dates(a);
    fw_code_merge_mentions(a);
    if (c->geo && out->n > a->first_ev) {
        /* the article's countries, most mentioned first: the tie-breaker among homonyms and
         * the last resort for an event no sentence places */
        char hints[16] = "";
        fw_geo_article_countries(c->geo, text, len, hints, sizeof hints);
        struct fw_place dl;
        /* a dateline ("DUBAI, United Arab Emirates —", "KABUL (Reuters) -") says where the story is */
        size_t st = dl_sent != (size_t)-1 ? spans[dl_sent][0] : 0;
        while (st < len && (text[st] == ' ' || text[st] == '\n' || text[st] == '\t')) st++;
        /* a dateline names its country after a comma ("TEGUCIGALPA, Honduras"), or none when the
         * city is one the world knows ("GENEVA (AP)", "LONDON -"): then the world's, not a
         * namesake in a country the story mentions (Geneva, Illinois) */
        size_t m = st < len ? fw_geo_match(c->geo, text + st, len - st, NULL, &dl) : 0;
        /* ("UNITED NATIONS (AP) —": the wires' dateline for the UN's headquarters, in New York) */
        if (!m && len - st > 15 && !strncmp(text + st, "UNITED NATIONS", 14) && fw_geo_match(c->geo, "New York", 8, "US", &dl) == 8)
            m = 14;
        const struct fw_place *dateline = NULL;
        if (m) {
            size_t q = st + m;
            while (q < len && text[q] == ' ') q++;
            if (q < len && text[q] == ',') {
                size_t r = q + 1;
                while (r < len && text[r] == ' ') r++;
                struct fw_place cp;
                char cc[3] = "";
                if (r < len && fw_geo_country(c->geo, text + r, len - r, &cp)) memcpy(cc, cp.cc2, 3);
                else if (hints[0]) memcpy(cc, hints, 2), cc[2] = 0;   /* ("DOUALA, Cameroon" spelt oddly) */
                struct fw_place hp;
                if (cc[0] && fw_geo_match(c->geo, text + st, len - st, cc, &hp) == m && !strcmp(hp.cc2, cc)) dl = hp;
            }
            if (q < len && (text[q] == ',' || text[q] == '(' || text[q] == '-' || (unsigned char)text[q] == 0xe2)) {
                dateline = &dl;
                if (strncmp(hints, dl.cc2, 2)) {   /* the dateline's country leads the hints */
                    char h[16];
                    snprintf(h, sizeof h, "%s%s%s", dl.cc2, hints[0] ? "," : "", hints);
                    h[11] = 0;
                    memcpy(hints, h, sizeof h);
                }
            }
        }
        fw_code_locate(c, a, a->first_ev, hints[0] ? hints : NULL, dateline, (const size_t(*)[2])spans, pars, ns);
    }
    fw_code_merge_tallies(a);
    free(spans);
    free(pars);
    free(a->feat);
    free(a);
    free(s);
    return FW_OK;
}

/* A file of the coder's: in dict_dir, else in data_dir. 1 with its path in out. */
static int data_file(const struct fw_coder_opts *o, const char *name, char *out, size_t outsz)
{
    const char *dirs[2] = {o->dict_dir, o->data_dir};
    for (int i = 0; i < 2; i++) {
        if (!dirs[i] || !dirs[i][0]) continue;
        snprintf(out, outsz, "%s/%s", dirs[i], name);
        FILE *f = fopen(out, "rb");
        if (f) {
            fclose(f);
            return 1;
        }
    }
    return 0;
}

struct fw_coder *fw_coder_new_opts(const struct fw_coder_opts *o, char *err, size_t errsz)
{
    struct fw_coder *c = fw_xcalloc(1, sizeof *c);
    if (fw_dict_load_dir(&c->d, o->dict_dir, err, errsz) != FW_OK) {
        fw_coder_free(c);
        return NULL;
    }
    c->trace = getenv("FW_CODE_TRACE") != NULL;
    c->min_confidence = o->min_confidence;
    c->plover_v08 = o->plover && !strcmp(o->plover, "0.8");
    char path[4096], gerr[256];
    c->has_words = data_file(o, "feedwire.words.txt", path, sizeof path);
    if (classes_init(c, c->has_words ? path : NULL, err, errsz) != FW_OK) {
        fw_coder_free(c);
        return NULL;
    }
    if (data_file(o, "gazetteer.idx", path, sizeof path))
        c->geo = fw_geo_open(path, gerr, sizeof gerr);      /* without it, events carry no location */
    /* the tagger's data: in dict_dir or data_dir, else beside the binary (a build tree) */
    if (data_file(o, FW_SYN_FILE, path, sizeof path)) c->syn = fw_syn_model_load(path, gerr, sizeof gerr);
    else c->syn = fw_syn_model_open(o->dict_dir, NULL, 0, gerr, sizeof gerr);
    return c;
}

struct fw_coder *fw_coder_new(const char *dict_dir, char *err, size_t errsz)
{
    struct fw_coder_opts o = {dict_dir, NULL, FW_CODE_MIN_CONFIDENCE, NULL};
    return fw_coder_new_opts(&o, err, errsz);
}

int fw_coder_has_geo(const struct fw_coder *c) { return c && c->geo; }

void fw_coder_free(struct fw_coder *c)
{
    if (!c) return;
    fw_dict_fini(&c->d);
    fw_words_fini(&c->clsw);
    free(c->cls);
    fw_geo_free(c->geo);
    fw_syn_model_free(c->syn);
    free(c);
}
