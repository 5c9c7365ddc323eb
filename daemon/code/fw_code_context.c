/* fw_code article-context pass: names no dictionary knows and the surnames and pronouns that
 * stand for them, the story's date and the date of the same happening told elsewhere, repeat
 * mentions merged, places from the sentence, its paragraph, the dateline or the article, and the
 * cut at the coder's minimum confidence. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_cal.h"
#include "fw_code_pass.h"

static const char *const months[] = {"JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST",
                                     "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", NULL};
/* (the months above are no names either) */
static const char *const not_names[] = {"JAN", "FEB", "MAR", "APR",
                                        "JUN", "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC", "JAN.", "FEB.",
                                        "MAR.", "APR.", "AUG.", "SEP.", "SEPT.", "OCT.", "NOV.", "DEC.", "MONDAY",
                                        "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY", "I",
                                        "WE", "HE", "SHE", "IT", "THEY", "YOU", "MR", "MR.", "MRS", "MRS.", "MS",
                                        "MS.", "DR", "DR.", "HIS", "HER", "ITS", "THEIR", "OUR", "MY", "YOUR",
                                        "THERE", "HERE", "WHAT", "HOW", "WHY", "MEANWHILE", "HOWEVER", "YES",
                                        "GOD", "INTERNET", "A.M.", "P.M.", "AM", "PM", NULL};

static const char *const name_particles[] = {"BIN", "BINT", "AL", "AL-", "EL", "DE", "DEL", "DA", "DI", "VAN",
                                             "VON", "DER", "LA", "LE", "DU", "ABU", "IBN", NULL};

static const char *const personal_titles[] = {"MR", "MR.", "MRS", "MRS.", "MS", "MS.", "DR", "DR.", "SEN.", "REP.",
                                              "GEN.", "GOV.", "SEN", "REP", "GEN", "GOV", "LT.", "COL.", "SGT.",
                                              "CAPT.", NULL};

/* A name no dictionary knows ("Kurt Volker" before the article gave him a title). */
int fw_code_unknown_name(const struct sent *s, int ph)
{
    return ph >= 0 && (size_t)ph < s->nph && s->ph[ph].person >= 0 && !strcmp(s->ph[ph].code, "---");
}

int fw_code_name_word(const struct sent *s, size_t i)
{
    const struct fw_tok *t = &s->tok[i];
    if (!(t->flags & TOK_CAP) || (t->flags & (TOK_NUM | TOK_PUNCT)) || (s->cls[i] & (C_GRAMMAR | C_ARMED))) return 0;
    /* "I'm", "We’ll", "I've": a pronoun's contraction (a name's apostrophe opens a capital: O'Brien) */
    const char *ap = strchr(t->up, '\'');
    static const char *const clitics[] = {"M", "RE", "LL", "VE", "D", NULL};
    if (ap && ap > t->up && in_list(ap + 1, clitics)) return 0;
    return !in_list(t->up, not_names) && !in_list(t->up, months);
}

/* The lexicon's tag of the word at token i as written, FW_POS_NONE. */
static enum fw_pos written_tag(const struct article *a, const struct sent *s, size_t i)
{
    if (!a->c->syn) return FW_POS_NONE;
    return fw_tag_lexicon(a->c->syn, a->text + s->tok[i].start, s->tok[i].end - s->tok[i].start);
}

/* Words of position between a preposition and a place: "in northern Idlib", "into central
 * Ocheretyne", "in downtown Port-au-Prince", "rockets on southern and central Israel". */
static const char *const position[] = {"CENTRAL", "NORTHERN", "SOUTHERN", "EASTERN", "WESTERN", "NORTHEASTERN",
                                       "NORTHWESTERN", "SOUTHEASTERN", "SOUTHWESTERN", "DOWNTOWN", "RURAL",
                                       "COASTAL", "OCCUPIED", NULL};

/* The lexicon's tag of the word at token i, lower-cased ("Yet" -> "yet": RB), FW_POS_NONE. */
static enum fw_pos lower_tag(const struct article *a, const struct sent *s, size_t i)
{
    const char *wp = a->text + s->tok[i].start;
    size_t wn = s->tok[i].end - s->tok[i].start;
    char lower[FW_WORD_MAX];
    if (!a->c->syn || wn >= sizeof lower) return FW_POS_NONE;
    for (size_t k = 0; k < wn; k++) lower[k] = (char)tolower((unsigned char)wp[k]);
    return fw_tag_lexicon(a->c->syn, lower, wn);
}

/* "Albin Kurti ... Kurti accused Belgrade": a person the actor dictionary knows by first and last
 * name is meant by the last name alone later in the article (when English has no such word).
 * Returns that person (new or already known), or -1: a "he" or "she" after the name means
 * him or her ("Tajik President Emomali Rahmon refused ..., and in January he hosted ..."). */
int fw_code_person_alias(struct article *a, const struct sent *s, size_t i, size_t n, const char *code)
{
    if (n < 2 || n > 4 || !a->c->syn) return -1;
    for (size_t t = i; t < i + n; t++)
        if (!(s->tok[t].flags & TOK_CAP) || (s->tok[t].flags & TOK_ALLCAP) || !isalpha((unsigned char)s->tok[t].up[0]))
            return -1;
    size_t e = i + n;
    /* (a title the entry starts with, "President Vladimir Putin", is no part of the name) */
    while (i + 1 < e && lower_tag(a, s, i) != FW_POS_NONE && lower_tag(a, s, e - 1) == FW_POS_NONE) i++;
    /* ("Theresa May": a month's name is a surname the lexicon knows as a word, "may") */
    int month = e - i >= 2 && in_list(tw(s, e - 1), months);
    if ((lower_tag(a, s, e - 1) != FW_POS_NONE && !month) || lower_tag(a, s, i) != FW_POS_NONE) return -1;   /* "United States" */
    for (int k = 0; k < a->npersons; k++)
        if (!strcmp(a->persons[k].last, tw(s, e - 1))) return a->persons[k].human ? k : -1;
    if (a->npersons >= MAXPERSON) return -1;
    struct person *p = &a->persons[a->npersons];
    memset(p, 0, sizeof *p);
    snprintf(p->last, sizeof p->last, "%s", tw(s, e - 1));
    size_t st = s->tok[i].start, en = s->tok[e - 1].end;
    snprintf(p->full, sizeof p->full, "%.*s", (int)(en - st), a->text + st);
    snprintf(p->code, sizeof p->code, "%s", code);
    /* a person's code says a role ("TJKGOV"); a state's or a territory's alone ("HKG": "Hong Kong")
     * names a place */
    p->human = strlen(code) > 3;
    a->npersons++;
    return p->human ? a->npersons - 1 : -1;
}

/* A person or body the dictionaries do not know: a run of capitalized words ("Kurt Volker",
 * "Full Fact", "Osama bin Laden") that is not a date word, not a place, and not a lone
 * capitalized first word of a sentence (unless a verb of speech follows or the article named
 * it before). A later surname or "he"/"she" takes the person's code and full name. Fills *m
 * and returns the tokens it covers (0: none). */
size_t fw_code_named_mention(struct article *a, const struct sent *s, size_t i, struct mention *m)
{
    const char *w = tw(s, i);
    if ((!strcmp(w, "HE") || !strcmp(w, "SHE")) && a->last_human >= 0) {
        const struct person *p = &a->persons[a->last_human];
        m->s = (uint16_t)i, m->e = (uint16_t)(i + 1), m->actor = 1, m->person = (int16_t)a->last_human;
        snprintf(m->code, sizeof m->code, "%s", p->code);
        return 1;
    }
    if (!fw_code_name_word(s, i)) {
        /* "Theresa May ... May announced the expulsion": a month's name that is the last name of
         * someone the article named, right before a verb (no day's number), is that person */
        if (!(s->tok[i].flags & TOK_CAP) || !s->has_syn || i + 1 >= s->syn.n || (s->tok[i + 1].flags & TOK_NUM) ||
            !(s->syn.pos[i + 1] == FW_POS_VBD || s->syn.pos[i + 1] == FW_POS_VBZ || s->syn.pos[i + 1] == FW_POS_MD))
            return 0;
        for (int k = a->npersons; k-- > 0;)
            if (a->persons[k].human && !strcmp(a->persons[k].last, w) && strchr(a->persons[k].full, ' ')) {
                m->s = (uint16_t)i, m->e = (uint16_t)(i + 1), m->actor = 1, m->person = (int16_t)k;
                snprintf(m->code, sizeof m->code, "%s", a->persons[k].code);
                a->last_human = k;
                return 1;
            }
        return 0;
    }
    /* "(EU)" after a name spells its acronym (build_phrases reads it); "U.N. helicopters": a name
     * that modifies a common noun is no actor of its own, the noun phrase is */
    if (i > 0 && !strcmp(tw(s, i - 1), "(") && !strcmp(tw(s, i + 1), ")")) return 0;
    if (s->has_syn && i + 1 < s->syn.n && (s->syn.pos[i + 1] == FW_POS_NN || s->syn.pos[i + 1] == FW_POS_NNS) &&
        !(s->tok[i + 1].flags & TOK_CAP))
        return 0;
    /* the run stops where a name the dictionaries know begins ("Evil Mordor", "Deputy Prime
     * Minister Telemar"); a word right before a title is part of the title */
    const struct fw_dict *d = &a->c->d;
    const struct fw_entry *fe;
    size_t e = i + 1;
    while (e < s->nt && !fw_code_match_phrase(&d->actors, s, e, &fe) && !fw_code_match_phrase(&d->agents, s, e, &fe)) {
        if (fw_code_name_word(s, e)) e++;
        else if (e + 1 < s->nt && in_list(tw(s, e), name_particles) && fw_code_name_word(s, e + 1)) e += 2;
        else break;
    }
    if (e < s->nt && fw_code_match_phrase(&d->agents, s, e, &fe)) return 0;
    /* "the Democracy Act", "the Paris Agreement", "Human Rights Day": a name that ends in a
     * document, an event or a period names no one who acts */
    if (is(s, e - 1, C_THING)) return 0;
    /* "Rostov Oblast", "Kunar Province", "the Jordan Valley": a name that ends in a word of
     * geography names a place, no one */
    static const char *const designators[] = {"PROVINCE", "COUNTY", "DISTRICT", "REGION", "GOVERNORATE", "OBLAST",
                                              "KRAI", "PREFECTURE", "VALLEY", "STRIP", "MOUNTAINS", NULL};
    if (in_list(tw(s, e - 1), designators) && (e - i >= 2 || (i > 0 && (s->tok[i - 1].flags & TOK_CAP)))) return 0;
    /* "the Swedish region of Jamtland", "the town of Bambari": a name a noun of place introduces */
    static const char *const place_nouns[] = {"REGION", "TOWN", "CITY", "VILLAGE", "PROVINCE", "DISTRICT", "COUNTY",
                                              "PORT", "ISLAND", "AREA", "SUBURB", "OUTSKIRTS", "PREFECTURE", "STATE",
                                              "CAPITAL", "ENCLAVE", "SETTLEMENT", "CAMP", NULL};
    if (i >= 2 && !strcmp(tw(s, i - 1), "OF") && in_list(tw(s, i - 2), place_nouns) && !(s->tok[i - 2].flags & TOK_CAP))
        return 0;
    int initial = i == 0 || (s->tok[i - 1].flags & TOK_PUNCT);
    /* "Yet Schiff", "Once Trump released", "Now ESA has": a sentence's capitalized first word
     * that the lexicon knows as an adverb, a conjunction or a preposition opens no name; the
     * name starts after it */
    if (initial && e - i > 1 && written_tag(a, s, i) != FW_POS_NNP && written_tag(a, s, i) != FW_POS_NNPS) {
        enum fw_pos lt = lower_tag(a, s, i);
        if (lt == FW_POS_RB || lt == FW_POS_CC || lt == FW_POS_IN || lt == FW_POS_WRB || lt == FW_POS_DT) return 0;
    }
    int known = -1;
    for (int k = a->npersons; k-- > 0;)
        if (e - i == 1 ? !strcmp(a->persons[k].last, w) : !strcmp(a->persons[k].last, tw(s, e - 1))) {
            char full[64];
            size_t st = s->tok[i].start, en = s->tok[e - 1].end;
            snprintf(full, sizeof full, "%.*s", (int)(en - st), a->text + st);
            if (e - i == 1 || !strcmp(full, a->persons[k].full)) known = k;
            break;
        }
    /* a lone capitalized first word is a name when a verb of speech follows, or when the
     * tagger's lexicon knows it only as a proper noun or not at all ("Volker and Morrison
     * testified"; not "Officials", "Meanwhile") */
    /* "Tariffs have also been imposed": a plural common noun that opens a sentence is no name,
     * whatever verb follows ("Sanders said": the lexicon knows the capitalized one as a name) */
    if (initial && e - i == 1 && known < 0 && written_tag(a, s, i) != FW_POS_NNP && lower_tag(a, s, i) == FW_POS_NNS)
        return 0;
    /* "North American": a point of the compass before a name the dictionary knows is no name of
     * its own (the region is nobody) */
    if (e - i == 1 && e < s->nt && in_list(w, fw_code_compass_words) && fw_code_match_phrase(&d->actors, s, e, &fe)) return 0;
    if (initial && e - i == 1 && known < 0 && !(e < s->nt && is(s, e, C_REPORT_VERBS | C_AUXILIARIES))) {
        if (!a->c->syn) return 0;
        enum fw_pos lp = written_tag(a, s, i);
        if (lp != FW_POS_NONE && lp != FW_POS_NNP && lp != FW_POS_NNPS) return 0;
        if (lower_tag(a, s, i) != FW_POS_NONE) return 0;   /* "Old foes": a common word, capitalized */
    }
    const struct fw_coder *c = a->c;
    struct fw_place pl;
    size_t st = s->tok[i].start, en = s->tok[e - 1].end;
    /* a place is no actor: a large one anywhere, any one after a locative preposition
     * ("in Jericho"), and a region of a country ("South Lebanon") */
    if (c->geo && known < 0) {
        static const char *const compass[] = {"NORTH", "SOUTH", "EAST", "WEST", "NORTHERN", "SOUTHERN", "EASTERN",
                                              "WESTERN", "CENTRAL", "UPPER", "LOWER", NULL};
        size_t cs = st;
        if (e - i >= 2 && in_list(w, compass)) cs = s->tok[i + 1].start;
        size_t gm = fw_geo_match(c->geo, a->text + cs, s->end - cs, NULL, &pl);
        /* "in Jericho"; "into central Ocheretyne", "in northern Idlib": a word of position between */
        int locative = i > 0 && (is(s, i - 1, C_PLACE_PREPS) ||
                                 (i > 1 && !(s->tok[i - 1].flags & TOK_CAP) && in_list(tw(s, i - 1), position) &&
                                  is(s, i - 2, C_PLACE_PREPS)));
        if (gm >= en - cs && (locative || cs != st || pl.kind != FW_PLACE_CITY || pl.population >= 50000)) {
            a->place_end = e;      /* "near Chasiv Yar": no word of it is a name of its own */
            return 0;
        }
        m->place = gm >= en - cs;
    }
    m->s = (uint16_t)i, m->e = (uint16_t)e, m->actor = 1;
    if (known >= 0) {
        m->person = (int16_t)known;
        snprintf(m->code, sizeof m->code, "%s", a->persons[known].code);
        if (a->persons[known].human) a->last_human = known;
        return e - i;
    }
    snprintf(m->code, sizeof m->code, "---");
    /* "the Red Sea", "the Strait of Hormuz": a body of water is named, no one in it is */
    static const char *const waters[] = {"SEA", "GULF", "BAY", "OCEAN", "STRAIT", "STRAITS", "LAKE", "RIVER", "CHANNEL",
                                         "HORMUZ", NULL};
    if (in_list(tw(s, e - 1), waters) || (i > 0 && in_list(tw(s, i - 1), waters))) return e - i;
    if (a->npersons < MAXPERSON) {
        struct person *p = &a->persons[a->npersons];
        memset(p, 0, sizeof *p);
        snprintf(p->last, sizeof p->last, "%s", tw(s, e - 1));
        snprintf(p->full, sizeof p->full, "%.*s", (int)(en - st), a->text + st);
        snprintf(p->code, sizeof p->code, "---");
        /* a first and last name, or a personal title before it: a human; a name that ends in
         * a body's noun ("State Committee", "Supreme Council") names the body */
        p->human = ((e - i >= 2 && e - i <= 4) || (i > 0 && in_list(tw(s, i - 1), personal_titles))) && !is(s, e - 1, C_BODY);
        m->person = (int16_t)a->npersons;
        if (p->human) a->last_human = a->npersons;
        a->npersons++;
    }
    return e - i;
}

/* English's irregular past forms that no present tense shares ("shot", "told"; not "hit", "set",
 * "found", "saw", "fell", which are verbs of their own in the present too). */
static const char *const irregular_past[] = {"SAID", "TOLD", "MET", "HELD", "LEFT", "SENT", "GAVE", "TOOK", "MADE",
                                            "FOUGHT", "SHOT", "STRUCK", "BEGAN", "WROTE", "SPOKE", "BROKE", "SOUGHT",
                                            "BROUGHT", "LED", "FLED", "KEPT", "WON", "LOST", "HIT", "SET", "PUT",
                                            "CUT", "SAW", "WENT", "CAME", "THREW", "STOLE", "BLEW", "DREW", "FELT",
                                            "FOUND", "GOT", "KNEW", "PAID", "RAN", "ROSE", "SOLD", "STOOD", "TAUGHT",
                                            "THOUGHT", "UNDERSTOOD", "WORE", "FELL", "BOUGHT", "BUILT", "CAUGHT",
                                            "FORBADE", "FORGAVE", "FROZE", "SHOOK", "SPENT", "SWORE", "TORE", NULL};

int fw_code_past_form(const char *w)
{
    static const char *const shared[] = {"HIT", "SET", "PUT", "CUT", "FOUND", "SAW", "FELL", NULL};
    return in_list(w, irregular_past) && !in_list(w, shared);
}

/* A report in the past ("fired", "told", "has said"), not the present ("says") or a plan. */
int fw_code_past_tense(const struct sent *s, const struct verbcand *vc)
{
    const char *w = tw(s, vc->v);
    size_t n = strlen(w);
    for (size_t t = vc->s, k = 0; t-- > 0 && k < 3; k++) {
        const char *p = tw(s, t);
        if (!strcmp(p, "HAS") || !strcmp(p, "HAVE") || !strcmp(p, "HAD") || !strcmp(p, "WAS") || !strcmp(p, "WERE") ||
            !strcmp(p, "DID"))
            return 1;
        if (!strcmp(p, "WILL") || !strcmp(p, "IS") || !strcmp(p, "ARE") || !strcmp(p, "TO")) return 0;
    }
    return (n > 2 && !strcmp(w + n - 2, "ED")) || in_list(w, irregular_past);
}

/* Scoring with the article's evidence, then the cut: events under the coder's minimum
 * confidence are not published. */
void fw_code_score_article(struct article *a)
{
    struct fw_event_list *l = a->out;
    int od = fw_code_off_domain(a), ap = fw_code_apolitical(a);
    if (a->c->trace)
        fprintf(stderr, "fw_code: article tokens %zu domain %zu state %zu political %zu%s\n", a->ntok, a->ndomain, a->nstate,
                a->npolitical, od ? " off-domain" : ap == FW_APOLITICAL ? " apolitical" : ap ? " sparsely political" : "");
    size_t w = a->first_ev;
    for (size_t i = a->first_ev; i < l->n; i++) {
        struct evfeat *ef = &a->feat[i - a->first_ev];
        if (od) ef->f |= FW_CF(FW_CF_OFF_DOMAIN);
        if (ap == FW_APOLITICAL ||
            (ap == FW_SPARSE_POLITICAL && !fw_code_political_code(l->ev[i].src.code) && !fw_code_political_code(l->ev[i].tgt.code)))
            ef->f |= FW_CF(FW_CF_APOLITICAL);
        l->ev[i].confidence = fw_code_score(ef->f, ef->bare);
        if (a->c->trace) {
            fprintf(stderr, "fw_code: event %s %.2f:", l->ev[i].cameo, l->ev[i].confidence);
            for (int k = 0; k < FW_CF_N; k++)
                if (ef->f & FW_CF(k)) fprintf(stderr, " [%s]", fw_code_feature_name((enum fw_code_feature)k));
            fprintf(stderr, "\n");
        }
        if (l->ev[i].confidence < a->c->min_confidence) continue;
        a->feat[w - a->first_ev] = *ef;
        l->ev[w++] = l->ev[i];
    }
    l->n = w;
}

static const char *last_name(const char *text, size_t *n);

/* Whether two sources of no country ("---GOV") are one: the same last word ("president" and
 * "Donald Trump" are not, "Trump" and "Donald Trump" are). */
static int same_named(const struct fw_event_actor *x, const struct fw_event_actor *y)
{
    if (!x->text[0] || !y->text[0]) return 0;
    size_t nx, ny;
    const char *lx = last_name(x->text, &nx), *ly = last_name(y->text, &ny);
    return nx == ny && !strncasecmp(lx, ly, nx);
}

/* An event its own sentence does not date takes the date the article gives the same happening
 * elsewhere: another mention with the same CAMEO root and the same source actor (and target,
 * when both name one of a country) that its sentence dates. */
void fw_code_same_happening_dates(struct article *a)
{
    struct fw_event_list *l = a->out;
    for (size_t i = a->first_ev; i < l->n; i++) {
        struct fw_event *e = &l->ev[i];
        if (e->date_source == FW_DSRC_TEXT) continue;
        for (size_t j = a->first_ev; j < l->n; j++) {
            const struct fw_event *f = &l->ev[j];
            if (f->date_source != FW_DSRC_TEXT || strncmp(e->cameo, f->cameo, 2)) continue;
            if (!strcmp(e->src.code, "---") || strcmp(e->src.code, f->src.code)) continue;
            /* ("---GOV" is some official, not one: Pence's "the president" on Sept. 1 dates no
             * statement of Trump's) */
            if (!strncmp(e->src.code, "---", 3) && !same_named(&e->src, &f->src)) continue;
            /* targets differ only when both name a country: "the House" (---LEG) and "the House
             * committee" (---SPY) may be one body */
            if (e->tgt.country[0] && f->tgt.country[0] && strcmp(e->tgt.code, f->tgt.code)) continue;
            /* one side of a war makes many attacks: violence is the same happening only done to the
             * same target ("the RSF took the presidential palace" is not its battle with the army
             * the lead dates Sunday) */
            if ((e->cameo[0] == '1' && e->cameo[1] >= '8') || e->cameo[0] == '2') {
                int same_tgt = e->tgt.code[0] && !strcmp(e->tgt.code, f->tgt.code) &&
                               (strncmp(e->tgt.code, "---", 3) || same_named(&e->tgt, &f->tgt));
                if (!same_tgt) continue;
            }
            e->date = f->date, e->prec = f->prec, e->date_source = FW_DSRC_ARTICLE;
            break;
        }
    }
}

/* The last word of an actor's text, its surname when it names a person ("Christopher L. Tays"). */
static const char *last_name(const char *text, size_t *n)
{
    size_t e = strlen(text);
    while (e > 0 && !isalnum((unsigned char)text[e - 1])) e--;
    size_t b = e;
    while (b > 0 && !isspace((unsigned char)text[b - 1])) b--;
    *n = e - b;
    return text + b;
}

/* Whether two mentions name the same party: the same code, and for a party no dictionary knows
 * ("---": two people arrested in one raid), the same surname. */
static int same_party(const struct fw_event_actor *x, const struct fw_event_actor *y)
{
    if (strcmp(x->code, y->code)) return 0;
    if (strcmp(x->code, "---")) return 1;
    if (!x->text[0] || !y->text[0]) return !x->text[0] && !y->text[0];
    return same_named(x, y);
}

/* Repeat mentions of one happening are one event: the same code between the same actors, on a
 * compatible date, told in another sentence of the article. The mention its own sentence dates
 * (else the more confident one) stays the event; the others' sentences join its mentions. */
void fw_code_merge_mentions(struct article *a)
{
    struct fw_event_list *l = a->out;
    for (size_t i = a->first_ev; i < l->n; i++) {
        struct fw_event *e = &l->ev[i];
        for (size_t j = i + 1; j < l->n;) {
            struct fw_event *f = &l->ev[j];
            int same = f->sent_start != e->sent_start && !strcmp(e->cameo, f->cameo) &&
                       same_party(&e->src, &f->src) && same_party(&e->tgt, &f->tgt) &&
                       (strcmp(e->src.code, "---") || e->src.text[0]) &&
                       (e->date_source != FW_DSRC_TEXT || f->date_source != FW_DSRC_TEXT ||
                        (e->prec == f->prec && e->date.y == f->date.y && e->date.m == f->date.m &&
                         e->date.d == f->date.d));
            if (!same) {
                j++;
                continue;
            }
            int f_first = (f->date_source == FW_DSRC_TEXT && e->date_source != FW_DSRC_TEXT) ||
                          (f->date_source == e->date_source && f->confidence > e->confidence);
            struct fw_event keep = f_first ? *f : *e, other = f_first ? *e : *f;
            if (keep.nmore < FW_EVENT_MAXMORE) {
                keep.more[keep.nmore].start = (uint32_t)other.sent_start;
                keep.more[keep.nmore].end = (uint32_t)other.sent_end;
                keep.nmore++;
            }
            for (int k = 0; k < other.nmore && keep.nmore < FW_EVENT_MAXMORE; k++) keep.more[keep.nmore++] = other.more[k];
            if (other.confidence > keep.confidence) keep.confidence = other.confidence;
            *e = keep;
            memmove(&l->ev[j], &l->ev[j + 1], (l->n - j - 1) * sizeof *l->ev);
            l->n--;
        }
    }
}

/* Whether a place matched up to byte end is a whole name: no capitalized word of the same name
 * runs on after it ("Plaza Murillo" is a square, not Plaza), but for a designator, a day or a
 * month ("Kunar Province", "in Kabul Tuesday"), nor does a hyphenated name ("Bulak-Bashy"). */
static int whole_name(const struct fw_tok *tok, size_t nt, size_t end)
{
    static const char *const after_ok[] = {"PROVINCE", "CITY", "COUNTY", "DISTRICT", "REGION", "STATE", "GOVERNORATE",
                                           "OBLAST", "VALLEY", "RIVER", "ISLAND", "ISLANDS", "STRIP", "AIRPORT", "PORT",
                                           "BORDER", "SQUARE", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
                                           "SATURDAY", "SUNDAY", "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE",
                                           "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER", "JAN.",
                                           "FEB.", "AUG.", "SEPT.", "OCT.", "NOV.", "DEC.", NULL};
    for (size_t i = 0; i < nt; i++) {
        if (tok[i].start < end && tok[i].end > end) return 0;   /* "Bulak-Bashy" is no Bulak */
        if (tok[i].start < end) continue;
        if (tok[i].start == end && !strcmp(tok[i].up, "-")) return 0;
        if (tok[i].start != end + 1 || !(tok[i].flags & TOK_CAP)) return 1;
        return in_list(tok[i].up, after_ok);
    }
    return 1;
}

/* "Troops opened fire on crowds that had blocked two bridges ... More than 200 people were
 * wounded, the officials said": a violent event with no doer and no place of its own, that
 * counts its victims, is the toll of the last attack the article told before it, one more
 * mention of that happening, not an attack of its own; a date it has is that of the report
 * ("the health minister said on Sunday that 21 people had been killed", a day or a week after
 * the attack). (One with its own place, "a car bomb exploded in Kabul on Nov. 13", or a date
 * before the attack's or long after it, stays.) */
void fw_code_merge_tallies(struct article *a)
{
    struct fw_event_list *l = a->out;
    for (size_t i = a->first_ev + 1; i < l->n;) {
        struct fw_event *e = &l->ev[i];
        /* (a count of several: "another man died after he was hit by a brick" is a death of
         * its own) */
        int bare = fw_code_violent(e->cameo) && !e->src.text[0] && !strncmp(e->src.code, "---", 3) &&
                   !(e->has_loc && e->loc_source == FW_LSRC_SENTENCE) && (e->killed >= 2 || e->wounded >= 2);
        struct fw_event *f = NULL;
        for (size_t j = i; bare && j-- > a->first_ev;) {
            const struct fw_event *g = &l->ev[j];
            if (g->sent_start == e->sent_start) continue;
            if (!fw_code_violent(g->cameo)) continue;
            if (!g->src.text[0]) break;      /* the last attack told has no doer: nothing to join */
            if (e->date_source == FW_DSRC_TEXT) {
                long gap = fw_cal_days_from_civil(e->date.y, e->date.m, e->date.d) -
                           fw_cal_days_from_civil(g->date.y, g->date.m, g->date.d);
                if (g->date.y <= 0 || gap < 0 || gap > 7) break;
            }
            f = &l->ev[j];
            break;
        }
        if (!f) {
            i++;
            continue;
        }
        if (f->nmore < FW_EVENT_MAXMORE) {
            f->more[f->nmore].start = (uint32_t)e->sent_start;
            f->more[f->nmore].end = (uint32_t)e->sent_end;
            f->nmore++;
        }
        memmove(&l->ev[i], &l->ev[i + 1], (l->n - i - 1) * sizeof *l->ev);
        l->n--;
    }
}

/* The country a "<demonym> town of" frame names for the place after token p ("OF"): "the
 * northern Mozambican town of Palma" -> Mozambique. 1 with *cp filled. */
static int frame_country(const struct fw_coder *c, const char *text, size_t en, const struct fw_tok *tok, size_t p,
                         struct fw_place *cp)
{
    static const char *const settlements[] = {"TOWN", "CITY", "VILLAGE", "PORT", "DISTRICT", "PROVINCE", "REGION", NULL};
    if (p < 2 || strcmp(tok[p].up, "OF") || !in_list(tok[p - 1].up, settlements)) return 0;
    for (size_t q = p - 1; q-- > 0 && q + 4 > p;)
        if ((tok[q].flags & TOK_CAP) && fw_geo_country(c->geo, text + tok[q].start, en - tok[q].start, cp) &&
            cp->kind == FW_PLACE_COUNTRY)
            return 1;
    return 0;
}

/* Whether the name that ends at byte end is a facility's ("La Carlota air base", "Evin prison"):
 * a lower-case facility noun right after it, or after "air" or "military". */
static int names_facility(const struct fw_tok *tok, size_t nt, size_t end)
{
    static const char *const facility[] = {"BASE", "AIRBASE", "AIRFIELD", "PRISON", "JAIL", "CAMP", "BARRACKS",
                                           "COMPOUND", "REFINERY", "MOSQUE", "CHURCH", "HOSPITAL", NULL};
    size_t i = 0;
    while (i < nt && tok[i].start < end) i++;
    for (size_t k = 0; k < 2 && i < nt && !(tok[i].flags & TOK_CAP); k++, i++) {
        if (in_list(tok[i].up, facility)) return 1;
        if (strcmp(tok[i].up, "AIR") && strcmp(tok[i].up, "MILITARY") && strcmp(tok[i].up, "NAVAL")) return 0;
    }
    return 0;
}

/* A town whose name is a facility's is kept aside (the first one) for want of another place; 1
 * when it was. */
static int held_facility(const struct fw_tok *tok, size_t nt, size_t end, const struct fw_place *pl,
                         struct fw_place *facility, int *have)
{
    if (pl->kind != FW_PLACE_CITY || !names_facility(tok, nt, end)) return 0;
    if (!*have) *facility = *pl, *have = 1;
    return 1;
}

/* The place a sentence names for what happens in it: the first place after a locative
 * preposition, after the verb first (verb_end; 0: anywhere), before the next clause the verb
 * does not govern (clause_end; 0: to the end), a homonym in a country the sentence names winning. 1 with *pl filled. */
int fw_code_sentence_place(const struct fw_coder *c, const char *text, size_t st, size_t en, size_t verb_end,
                          size_t clause_end, const char *hint, struct fw_place *pl)
{
    struct fw_tok tok[FW_CODE_MAXTOK];
    size_t nt = fw_tok_sentence(text + st, en - st, st, NULL, tok, FW_CODE_MAXTOK);
    /* "outside La Carlota air base in Caracas": a facility's name is where only when the sentence
     * names no other place after it (a La Carlota is a town in the Philippines) */
    struct fw_place facility;
    int have_facility = 0;
    /* the countries the sentence names ("the north Lebanese port") come before the article's */
    char hints[8][3];
    int nh = 0;
    for (size_t i = 0; i < nt && nh < 7; i++) {
        struct fw_place cp;
        if (!(tok[i].flags & TOK_CAP) || !fw_geo_country(c->geo, text + tok[i].start, en - tok[i].start, &cp))
            continue;
        int dup = 0;
        for (int h = 0; h < nh; h++) dup |= !strcmp(hints[h], cp.cc2);
        if (!dup) memcpy(hints[nh++], cp.cc2, 3);
    }
    /* ... then the countries the article is mostly about ("HN,CR,US": its first two), so that
     * "landed in San Jose" in a story about Honduras and Costa Rica is Costa Rica's capital */
    for (const char *h = hint; h && strlen(h) >= 2 && nh < 8 && h - hint < 5; h += 3) {
        if (h[2] && h[2] != ',') break;
        char cc[3] = {h[0], h[1], 0};
        int dup = 0;
        for (int k = 0; k < nh; k++) dup |= !strcmp(hints[k], cc);
        if (!dup) memcpy(hints[nh++], cc, 3);
        if (!h[2]) break;
    }
    /* "of" places only after a noun of space ("the city of Homs", "north of Kabul", "the
     * outskirts of Aleppo"), not after one of topic or office ("discussion of Ukraine", "the
     * president of Ukraine", "occupation of Crimea") */
    static const char *const spatial[] = {"CITY", "TOWN", "VILLAGE", "PROVINCE", "REGION", "DISTRICT", "AREA", "AREAS",
                                          "OUTSKIRTS", "SUBURBS", "SUBURB", "HEART", "CENTRE", "CENTER", "CAPITAL", "NORTH",
                                          "SOUTH", "EAST", "WEST", "NORTHEAST", "NORTHWEST", "SOUTHEAST", "SOUTHWEST", "PART",
                                          "PARTS", "COAST", "STREETS", "COUNTY", "STATE", "ISLAND", "PORT", "KILOMETRES",
                                          "KILOMETERS", "MILES", "KM", "OUTSIDE", "EDGE", "REST", NULL};
    /* "captured Bakhmut", "entered Kherson": a verb that takes ground has its place for object */
    static const char *const taking[] = {"CAPTURED", "CAPTURE", "CAPTURES", "SEIZED", "SEIZE", "SEIZES", "OCCUPIED",
                                         "OCCUPY", "OCCUPIES", "RETOOK", "RECAPTURED", "LIBERATED", "ENTERED",
                                         "STORMED", NULL};
    /* "In Washington, the Treasury imposed sanctions on Iran's minister": a place that opens the
     * sentence as its frame is where all of it happens, whatever preposition follows the verb */
    if (nt > 3 && (!strcmp(tok[0].up, "IN") || !strcmp(tok[0].up, "AT")) && (tok[1].flags & TOK_CAP)) {
        size_t n = fw_geo_match(c->geo, text + tok[1].start, en - tok[1].start, hint, pl);
        size_t after = tok[1].start + n;
        while (after < en && text[after] == ' ') after++;
        if (n && after < en && text[after] == ',' && whole_name(tok, nt, tok[1].start + n)) return 1;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 1; i < nt; i++) {
            /* ("in the Gaza Strip", "across the West Bank": the article between) */
            size_t p = i - 1;
            /* ("rockets on southern and central Israel": parts of the compass between are the
             * ground's, no topic's) */
            /* ("in downtown Port-au-Prince", "in rural Yatenga": any word of position) */
            int compass = 0;
            while (p > 0 && !(tok[p].flags & TOK_CAP) &&
                   (in_list(tok[p].up, position) || (compass && !strcmp(tok[p].up, "AND"))))
                p--, compass = 1;
            if (!strcmp(tok[p].up, "THE") && p > 0 && !(tok[p].flags & TOK_CAP)) p--;
            /* "traveled to Havana, where they met ...": a journey's "to" is where it went */
            static const char *const journeys[] = {"TRAVELED", "TRAVELLED", "FLEW", "WENT", "CAME", "RETURNED", "HEADED",
                                                   "TRAVELS", "FLIES", "TRAVELING", "TRAVELLING", "FLYING", NULL};
            int journey = !strcmp(tok[p].up, "TO") && p > 0 && in_list(tok[p - 1].up, journeys);
            if (!(tok[i].flags & TOK_CAP) ||
                !(in_list(tok[p].up, fw_code_place_preps) || in_list(tok[p].up, taking) || journey))
                continue;
            if (!strcmp(tok[p].up, "OF") && !(p > 0 && in_list(tok[p - 1].up, spatial))) continue;
            if (pass == 0 && tok[i].start < verb_end) continue;
            if (clause_end && tok[i].start >= clause_end) break;
            /* "crossed from occupied Ukraine into Russia", "fled from Sudan to Chad": where a move
             * starts is not where it goes, the place it happens */
            if (!strcmp(tok[p].up, "FROM")) {
                int onward = 0;
                for (size_t j = i + 1; j + 1 < nt && j < i + 8 && strcmp(tok[j].up, ","); j++)
                    onward |= (!strcmp(tok[j].up, "INTO") || !strcmp(tok[j].up, "TO")) && (tok[j + 1].flags & TOK_CAP);
                if (onward) continue;
            }
            const char *at = text + tok[i].start;
            size_t rest = en - tok[i].start, n;
            /* "worked with Giuliani on Ukraine", "sanctions on Iran": "on" before a country names a
             * topic; before a town it places ("strikes on Kabul") */
            int topic = !strcmp(tok[p].up, "ON") && !compass;
            int hinted = 0;
            for (int h = 0; h < nh && !hinted; h++)
                if ((n = fw_geo_match(c->geo, at, rest, hints[h], pl)) && !strcmp(pl->cc2, hints[h]) &&
                    whole_name(tok, nt, tok[i].start + n) && !(topic && pl->kind == FW_PLACE_COUNTRY))
                    hinted = 1;
            if (hinted && held_facility(tok, nt, tok[i].start + n, pl, &facility, &have_facility)) continue;
            if (hinted) {
                struct fw_place cp;     /* ("the northern Mozambican town of Palma", below) */
                if (frame_country(c, text, en, tok, p, &cp) && strcmp(cp.cc2, pl->cc2)) *pl = cp;
                return 1;
            }
            if ((n = fw_geo_match(c->geo, at, rest, hint, pl)) && whole_name(tok, nt, tok[i].start + n) &&
                !(topic && pl->kind == FW_PLACE_COUNTRY)) {
                /* "the village of Banjska" in a story about Kosovo: a small town of a country neither
                 * the sentence names nor the article is mostly about (its first two, "RS,XK,...") is
                 * a namesake the gazetteer knows, not the one the story means (a Banjska in
                 * Bulgaria, a Karma in India) */
                int named = hint && strlen(hint) >= 2 &&
                            (!strncmp(hint, pl->cc2, 2) || (strlen(hint) >= 5 && !strncmp(hint + 3, pl->cc2, 2)));
                for (int h = 0; h < nh; h++) named |= !strcmp(pl->cc2, hints[h]);
                if (nh && !named && pl->kind == FW_PLACE_CITY && pl->population < 50000) continue;
                if (held_facility(tok, nt, tok[i].start + n, pl, &facility, &have_facility)) continue;
                /* "the northern Mozambican town of Palma": a town the sentence puts in a country
                 * is there, at that country's precision when the gazetteer knows none of its
                 * name there (not Palma, Majorca) */
                struct fw_place cp;
                if (frame_country(c, text, en, tok, p, &cp) && strcmp(cp.cc2, pl->cc2)) *pl = cp;
                return 1;
            }
        }
    if (have_facility) *pl = facility;
    return have_facility;
}

void fw_code_set_location(const struct article *a, struct fw_event *ev, const struct fw_place *pp,
                         enum fw_loc_source src)
{
    ev->has_loc = 1;
    ev->loc_source = src;
    snprintf(ev->loc_name, sizeof ev->loc_name, "%s", pp->name ? pp->name : "");
    snprintf(ev->loc_admin1, sizeof ev->loc_admin1, "%s", pp->admin1 ? pp->admin1 : "");
    memcpy(ev->loc_cc2, pp->cc2, sizeof ev->loc_cc2);
    memcpy(ev->loc_cc3, pp->cc3, sizeof ev->loc_cc3);
    ev->loc_lat = pp->lat, ev->loc_lon = pp->lon;
    /* a target without a country ("a military base", "civilians") belongs to the place's, when
     * the sentence itself names the place */
    /* (an official is his state's wherever he travels: "BVI Premier Andrew Fahie has been
     * detained in the United States"; legislatures and courts stay home) */
    if (src == FW_LSRC_SENTENCE && !ev->tgt.country[0] && strncmp(ev->tgt.code, "---", 3) == 0 && ev->tgt.text[0] &&
        !(strstr(ev->tgt.code + 3, "GOV") && !strstr(ev->tgt.code + 3, "LEG") && !strstr(ev->tgt.code + 3, "JUD"))) {
        char code[32];
        snprintf(code, sizeof code, "%.3s%.28s", pp->cc3, ev->tgt.code + 3);
        fw_code_actor_code_fields(&ev->tgt, code);
        fw_code_event_id(a, ev);
    }
}

/* The home country of a state body an event's source is (a government, legislature, court,
 * police or army acts at home when nothing says where). */
static int state_home(const struct fw_coder *c, const struct fw_event *ev, struct fw_place *pl)
{
    const char *sec = ev->src.code + (strlen(ev->src.code) >= 3 ? 3 : strlen(ev->src.code));
    if (!ev->src.country[0] || !(code_has(sec, "GOV") || code_has(sec, "LEG") || code_has(sec, "JUD") ||
                                 code_has(sec, "COP") || code_has(sec, "MIL") || code_has(sec, "SPY")))
        return 0;
    return fw_geo_country_by_code(c->geo, ev->src.country, pl);
}

/* Acts a state body does where it sits: words (01-13 but the show of force, 15), reduced
 * relations and sanctions (16), arrests and deportations (173, 174). */
static int home_act(const char *cameo)
{
    if (strlen(cameo) < 2 || cameo[0] < '0' || cameo[0] > '1') return 0;
    int root = (cameo[0] - '0') * 10 + (cameo[1] - '0');
    return (root >= 1 && root <= 13) || root == 16 || !strncmp(cameo, "173", 3) || !strncmp(cameo, "174", 3);
}

/* Places, with the article as context: the place the event's own sentence names; else the
 * nearest place named before it in its paragraph; else the dateline's; else, when no event of
 * the article places the article, the home of the state body that acts; else the country the
 * article is mostly about (CLIFF's focus: the most mentioned). Each event says which. */
void fw_code_locate(const struct fw_coder *c, const struct article *a, size_t first, const char *hints,
                   const struct fw_place *dateline, const size_t (*spans)[2], const size_t *par, size_t ns)
{
    char main_cc[3] = "";
    if (hints && strlen(hints) >= 2) memcpy(main_cc, hints, 2);
    /* the article's country: where its sentences place what happens (the commonest country of
     * its events' own places, two at least), else the one it mentions most (CLIFF's focus) */
    char (*own)[3] = fw_xcalloc(a->out->n - first + 1, sizeof *own);
    for (size_t k = first; k < a->out->n; k++) {
        const struct fw_event *ev = &a->out->ev[k];
        struct fw_place pl;
        if ((k == first || ev->sent_start != a->out->ev[k - 1].sent_start) &&
            fw_code_sentence_place(c, a->text, ev->sent_start, ev->sent_end, ev->verb_end, ev->clause_end, hints, &pl))
            memcpy(own[k - first], pl.cc2, 3);
    }
    /* a repeat mention merged into an event places what happens as much as its first one did */
    size_t nplaced = a->out->n - first, cap = nplaced;
    for (size_t k = first; k < a->out->n; k++) cap += (size_t)a->out->ev[k].nmore;
    char (*placed)[3] = fw_xcalloc(cap + 1, sizeof *placed);
    memcpy(placed, own, nplaced * sizeof *own);
    for (size_t k = first; k < a->out->n; k++)
        for (int x = 0; x < a->out->ev[k].nmore; x++) {
            struct fw_place pl;
            if (fw_code_sentence_place(c, a->text, a->out->ev[k].more[x].start, a->out->ev[k].more[x].end, 0, 0, hints, &pl))
                memcpy(placed[nplaced], pl.cc2, 3);
            nplaced++;
        }
    int best = 1;
    for (size_t k = 0; k < nplaced; k++) {
        if (!placed[k][0]) continue;
        int n = 0;
        for (size_t j = 0; j < nplaced; j++) n += !strcmp(placed[j], placed[k]);
        /* (a tie goes to the country the article mentions more: "MM,BD,..." puts it first) */
        int ahead = 0;
        if (n == best && best > 1 && hints && strcmp(placed[k], main_cc)) {
            const char *x = strstr(hints, placed[k]), *y = main_cc[0] ? strstr(hints, main_cc) : NULL;
            ahead = x && (!y || x < y);
        }
        if (n > best || ahead) best = n, memcpy(main_cc, placed[k], 3);
    }
    free(placed);
    /* else where its lead places what happens: a news story opens with its happening, so the
     * first own place of an event in its first three sentences is its country */
    if (best == 1 && ns > 0) {
        size_t lead_end = spans[ns < 3 ? ns - 1 : 2][1];
        for (size_t k = first; k < a->out->n && a->out->ev[k].sent_start < lead_end; k++)
            if (own[k - first][0]) {
                memcpy(main_cc, own[k - first], 3), best = 2;
                break;
            }
    }
    /* else where its state institutions act: a government, legislature, court or police acts at
     * home (the commonest country of such sources, two events at least) */
    int from_events = best > 1;
    if (best == 1) {
        struct fw_place sp;
        for (size_t k = first; k < a->out->n; k++) {
            const struct fw_event *ev = &a->out->ev[k];
            if (!ev->src.country[0] || !(code_has(ev->src.code + 3, "GOV") || code_has(ev->src.code + 3, "LEG") ||
                                         code_has(ev->src.code + 3, "JUD") || code_has(ev->src.code + 3, "COP")))
                continue;
            int n = 0;
            for (size_t j = first; j < a->out->n; j++) n += !strcmp(a->out->ev[j].src.country, ev->src.country) &&
                                                            !strcmp(a->out->ev[j].src.sector, ev->src.sector);
            if (n > best && fw_geo_country_by_code(c->geo, ev->src.country, &sp)) best = n, memcpy(main_cc, sp.cc2, 3);
        }
    }
    /* an article whose own events place nothing ("the country it mentions most" is a guess: a
     * roundup, an opinion piece, a story about tariffs on China told from Washington) leaves
     * each state body to act at home: "The New York state attorney general is investigating
     * WeWork" is in the United States, whatever else the article names */
    int guessed = !from_events;
    /* "DUBAI (Reuters) — At least 143 protesters have been killed by Iranian security forces":
     * a dateline whose country no event of the article acts in, targets or is placed in, while
     * its sentences place what happens elsewhere ("in Tehran"), is the bureau the story was
     * filed from, not where it happens (a story that places nothing stays at its dateline) */
    if (dateline) {
        int bureau = 1, elsewhere = 0;
        for (size_t k = first; k < a->out->n && bureau; k++) {
            const struct fw_event *ev = &a->out->ev[k];
            if (!strcmp(ev->src.country, dateline->cc3) || !strcmp(ev->tgt.country, dateline->cc3) ||
                !strcmp(own[k - first], dateline->cc2))
                bureau = 0;
            elsewhere |= own[k - first][0] != 0;
        }
        if (bureau && elsewhere) {
            /* (nor is it the article's country: the hints put the dateline's first) */
            if (!from_events && !strncmp(main_cc, dateline->cc2, 2))
                for (size_t k = first; k < a->out->n; k++)
                    if (own[k - first][0]) {
                        memcpy(main_cc, own[k - first], 3);
                        break;
                    }
            dateline = NULL;
        }
    }
    free(own);
    struct fw_place country;
    int have_country = main_cc[0] && fw_geo_country_by_code(c->geo, main_cc, &country);
    if (a->c->trace) fprintf(stderr, "fw_code: article country %s\n", have_country ? main_cc : "none");
    size_t si = 0;                   /* sentences located so far: [0, si) */
    struct fw_place par_place = {0};
    int have_par = 0;
    size_t cur_par = (size_t)-1;
    for (size_t k = first; k < a->out->n; k++) {
        struct fw_event *ev = &a->out->ev[k];
        /* walk the sentences before this event's, keeping the last place of the paragraph */
        while (si < ns && spans[si][1] <= ev->sent_start) {
            if (par[si] != cur_par) cur_par = par[si], have_par = 0;
            struct fw_place pl;
            if (fw_code_sentence_place(c, a->text, spans[si][0], spans[si][1], 0, 0, hints, &pl)) par_place = pl, have_par = 1;
            si++;
        }
        if (si < ns && par[si] != cur_par) cur_par = par[si], have_par = 0;
        struct fw_place pl;
        if (fw_code_sentence_place(c, a->text, ev->sent_start, ev->sent_end, ev->verb_end, ev->clause_end, hints, &pl))
            fw_code_set_location(a, ev, &pl, FW_LSRC_SENTENCE);
        else if (have_par)
            fw_code_set_location(a, ev, &par_place, FW_LSRC_PARAGRAPH);
        else if (dateline)
            fw_code_set_location(a, ev, dateline, FW_LSRC_DATELINE);
        else if (guessed && state_home(c, ev, &pl) && !(have_country && !strcmp(pl.cc2, country.cc2)))
            fw_code_set_location(a, ev, &pl, FW_LSRC_ACTOR);
        /* "May announced the expulsion of 23 Russian diplomats", "the Senate passed sanctions": a
         * state body's words, diplomacy or legal acts (01-13, 16, an arrest or a deportation)
         * with nothing in the text placing them are done at home, not in the country the
         * article mentions most */
        else if (have_country && home_act(ev->cameo) && state_home(c, ev, &pl) && strcmp(pl.cc2, country.cc2))
            fw_code_set_location(a, ev, &pl, FW_LSRC_ACTOR);
        else if (have_country)
            fw_code_set_location(a, ev, &country, FW_LSRC_ARTICLE);
    }
}
