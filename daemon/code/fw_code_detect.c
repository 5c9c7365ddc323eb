/* fw_code event detection pass: does a sentence report a specific happening by identifiable
 * actors? Evidence for the scoring pass as FW_CF_* bits: questions, headlines, habits,
 * counterfactuals, opinions, commentary, violence with nothing physical about it, an article
 * about sport or shopping, what a demand asks for. Word lists: conf/dict/feedwire.words.txt. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "fw_code_pass.h"

/* Whether the verb at token v is in the scope of the verb at token outer before it: no ", but"
 * or ";" between them starts another clause of the sentence. (The syntactic pass's governing
 * chains were tried for this and lost more embeddings than they found.) */
int fw_code_governs(const struct sent *s, size_t outer, size_t v)
{
    for (size_t t = outer; t < v; t++)
        if (!strcmp(tw(s, t), ";") || (!strcmp(tw(s, t), ",") && !strcmp(tw(s, t + 1), "BUT"))) return 0;
    return 1;
}

/* Sentence-level evidence (FW_CF_* bits): a question, a headline or caption, a habit, a
 * counterfactual. */
uint32_t fw_code_sentence_features(const struct article *a, const struct sent *s)
{
    uint32_t f = 0;
    if (!s->nt) return 0;
    /* the last character that is not a closing quote or bracket */
    size_t e = s->end;
    while (e > s->start) {
        unsigned char ch = (unsigned char)a->text[e - 1];
        if (isspace(ch) || ch == '"' || ch == '\'' || ch == ')' || ch == ']') e--;
        else if (e - s->start >= 3 && ch >= 0x80 && (unsigned char)a->text[e - 3] == 0xe2) e -= 3;  /* ” ’ */
        else break;
    }
    char last = e > s->start ? a->text[e - 1] : 0;
    if (last == '?') f |= FW_CF(FW_CF_QUESTION);
    size_t caps = 0, words = 0;
    for (size_t i = 1; i < s->nt; i++)
        if (!is_punct(s, i)) {
            words++;
            caps += (s->tok[i].flags & TOK_CAP) != 0 || (s->cls[i] & (C_DETERMINERS | C_PREPOSITIONS)) != 0;
        }
    /* in an article, a short line without a full stop is a headline, a subhead or a caption */
    if (a->nsentences > 1 && words <= 14 && last != '.' && last != '!' && last != '?' && last != ':' && last != ';')
        f |= FW_CF(FW_CF_HEADLINE);
    /* Title Case Throughout; a sentence with its full stop and a word in lower case is prose that
     * names many people ("Armenian Prime Minister Nikol Pashinyan met Azerbaijani President ...") */
    if (words >= 4 && caps * 10 >= words * 9 && (caps == words || last != '.')) f |= FW_CF(FW_CF_HEADLINE);
    /* "Listen to Newsbeat live at 12:45", "Follow us on Twitter": a sentence that opens on a
     * bare verb, with no subject and no quotation mark before it, tells the reader what to do
     * (the tagger may read the capital as a name: "Support/NNP the army" is a verb all the same
     * when a verb of the dictionary meets a determiner) */
    size_t v0 = s->nt > 1 && !strcmp(tw(s, 0), "PLEASE") ? 1 : 0;   /* "Please support our work" */
    if (s->has_syn && s->syn.n > v0 + 1 && (s->tok[0].flags & TOK_CAP) && !is(s, v0, C_AUXILIARIES) &&
        (s->syn.pos[v0] == FW_POS_VB ||
         ((s->syn.pos[v0] == FW_POS_NNP || s->syn.pos[v0] == FW_POS_NN) && s->isverb[v0] &&
          (s->syn.pos[v0 + 1] == FW_POS_DT || s->syn.pos[v0 + 1] == FW_POS_PRPS)))) {
        int subj = 0;   /* (or an order someone gives: "Hold the line, the commander said") */
        for (size_t q = 0; q < s->syn.npred; q++)
            if (((size_t)s->syn.pred[q].verb == v0 && s->syn.pred[q].subj >= 0) ||
                is(s, (size_t)s->syn.pred[q].verb, C_REPORT_VERBS))
                subj = 1;
        if (!subj) f |= FW_CF(FW_CF_IMPERATIVE);
    }
    for (size_t i = 0; i < s->nt; i++) {
        if (is(s, i, C_HABITUAL)) f |= FW_CF(FW_CF_HABITUAL);
        /* "would have objected", "could have been avoided" */
        if ((!strcmp(tw(s, i), "WOULD") || !strcmp(tw(s, i), "COULD") || !strcmp(tw(s, i), "MIGHT") ||
             !strcmp(tw(s, i), "SHOULD")) &&
            (!strcmp(tw(s, i + 1), "HAVE") || (!strcmp(tw(s, i + 2), "HAVE") && is(s, i + 1, C_NEGATIONS))))
            f |= FW_CF(FW_CF_COUNTERFACTUAL);
    }
    return f;
}

int fw_code_phrase_has(const struct sent *s, int ph, uint64_t cls)
{
    if (ph < 0) return 0;
    for (size_t t = s->ph[ph].s; t < s->ph[ph].e; t++)
        if (is(s, t, cls)) return 1;
    return 0;
}

/* Sectors whose attacks are physical. */
int fw_code_armed_sector(const char *code)
{
    static const char *const armed[] = {"MIL", "REB", "UAF", "INS", "COP", "SPY", "IMG", "SEP", "RAD", NULL};
    for (const char *const *x = armed; *x; x++)
        if (code_has(code, *x)) return 1;
    return 0;
}

/* "The government said it would provide jets": "would" in a clause a past report governs is the
 * reported "will", a plan, not a possibility ("would have" stays counterfactual). */
int fw_code_reported_future(const struct sent *s, size_t verb)
{
    const struct fw_syn_pred *p = fw_code_syn_pred(s, verb);
    if (!p || p->modal < 0 || p->type != FW_CL_CCOMP || p->gov < 0 || (size_t)p->gov >= s->syn.npred) return 0;
    if (strcmp(tw(s, (size_t)p->modal), "WOULD") || !strcmp(tw(s, (size_t)p->modal + 1), "HAVE")) return 0;
    size_t g = (size_t)s->syn.pred[p->gov].verb;
    return g < s->syn.n && s->syn.pos[g] == FW_POS_VBD && is(s, g, C_REPORT_VERBS);
}

/* The sentence names a weapon, a casualty, blowing something up ("blew up three power lines":
 * what is blown up is blown up by explosives) or a military operation. */
static int physical_means(const struct sent *s)
{
    static const char *const blow[] = {"BLEW", "BLOW", "BLOWN", "BLOWS", "BLOWING", NULL};
    int who = 0;
    for (size_t t = 0; t < s->nt; t++) {
        /* "urging leniency towards detainees who had not carried weapons": the arms a "who"
         * clause says people bore describe them, not the means of the sentence's act (its dead
         * and wounded still count: "men who stormed the clinic killed 12"; "the WHO" is no "who") */
        if ((!strcmp(tw(s, t), "WHO") || !strcmp(tw(s, t), "WHOSE")) && !(s->tok[t].flags & TOK_ALLCAP)) who = 1;
        else if (!strcmp(tw(s, t), ",") || !strcmp(tw(s, t), ";")) who = 0;
        if (is(s, t, C_CASUALTY) || (!who && is(s, t, C_WEAPON))) return 1;
        if (who) continue;
        if (t + 1 < s->nt && !strcmp(tw(s, t + 1), "UP") && in_list(tw(s, t), blow)) return 1;
        /* "set part of the building on fire", "set fire to", "torched", "ablaze": burning is bodily */
        if (t + 1 < s->nt && !strcmp(tw(s, t + 1), "FIRE") && (!strcmp(tw(s, t), "ON") || !strcmp(tw(s, t), "SET")))
            return 1;
        if (!strcmp(tw(s, t), "ABLAZE") || !strcmp(tw(s, t), "ARSON") || !strcmp(tw(s, t), "TORCHED")) return 1;
        /* "protesters stormed parliament": to storm a place is to break into it ("stormed out of
         * the talks", "stormed to victory", "stormed off" go somewhere) */
        static const char *const storm[] = {"STORM", "STORMS", "STORMED", "STORMING", NULL};
        static const char *const away[] = {"OUT", "OFF", "TO", "BACK", "AWAY", "HOME", "AHEAD", "INTO", "THROUGH", ".",
                                           ",", NULL};
        if (in_list(tw(s, t), storm) && s->isverb[t] && t + 1 < s->nt && !in_list(tw(s, t + 1), away)) return 1;
        /* "launched a military operation": an operation, offensive or campaign that is military */
        if (t + 1 < s->nt && is(s, t, C_MILITARY) && s->ment[t] < 0 &&
            (!strcmp(tw(s, t + 1), "OPERATION") || !strcmp(tw(s, t + 1), "OFFENSIVE") ||
             !strcmp(tw(s, t + 1), "CAMPAIGN") || !strcmp(tw(s, t + 1), "ACTION")))
            return 1;
    }
    return 0;
}

/* "filed a diplomatic protest", "lodged a formal complaint": a protest named diplomatic, formal or
 * official is a government's complaint (114), whoever files it. */
static int official_protest(const struct sent *s)
{
    static const char *const kinds[] = {"DIPLOMATIC", "FORMAL", "OFFICIAL", NULL};
    static const char *const what[] = {"PROTEST", "PROTESTS", "COMPLAINT", "COMPLAINTS", "NOTE", NULL};
    for (size_t t = 0; t + 1 < s->nt; t++)
        if (in_list(tw(s, t), kinds) && in_list(tw(s, t + 1), what)) return 1;
    return 0;
}

/* A phrase that names a state and nothing more: "Russia", "Ukraine" (no person, agency or sector). */
static int bare_state(const struct sent *s, int ph)
{
    if (ph < 0 || (size_t)ph >= s->nph || !s->ph[ph].has_actor || s->ph[ph].person >= 0) return 0;
    const char *c = s->ph[ph].code;
    return strlen(c) == 3 && isalpha((unsigned char)c[0]) && isalpha((unsigned char)c[1]) && isalpha((unsigned char)c[2]);
}

/* A violent code (CAMEO 18, 19, 20) with nothing physical about it: no weapon or casualty in the
 * sentence, no armed actor on either side, no physical target ("attacked the plan", "a trade war",
 * "fought back", "battle to win voters"). */
int fw_code_metaphorical_violence(const struct sent *s, const char *code, int sp, int tp, int tgt_s, int tgt_e)
{
    /* a seizure of property (171) too: "took his place at the keyboard", "taking courses" */
    if (strncmp(code, "18", 2) && strncmp(code, "19", 2) && strncmp(code, "20", 2) && strncmp(code, "171", 3)) return 0;
    if (physical_means(s)) return 0;
    if (fw_code_phrase_has(s, sp, C_ARMED) || fw_code_phrase_has(s, tp, C_ARMED)) return 0;
    /* "The Union of Islamic Courts seized Mogadishu": a town taken (192, the seizure of a place
     * the gazetteer knows) is ground occupied, whoever takes it */
    if (!strncmp(code, "192", 3) && tp >= 0 && (size_t)tp < s->nph && s->ph[tp].place) return 0;
    /* an abduction or an assault (18x) on people is bodily; only "attack" and "fight" (19x, 20x)
     * are said of rivals' words */
    if (!strncmp(code, "18", 2) && fw_code_human_phrase(s, tp)) return 0;
    if ((sp >= 0 && fw_code_armed_sector(s->ph[sp].code)) || (tp >= 0 && fw_code_armed_sector(s->ph[tp].code))) return 0;
    for (int t = tgt_s; t >= 0 && t < tgt_e; t++)
        if (is(s, (size_t)t, C_TARGET | C_ARMED)) return 0;
    /* "a strike against an Israeli convoy": the noun the target's adjective goes with */
    if (tp >= 0 && s->has_syn && s->ph[tp].s < s->syn.n) {
        int np = s->syn.np_of[s->ph[tp].s];
        if (np >= 0 && (size_t)np < s->syn.nnp && s->syn.np[np].head >= 0 &&
            is(s, (size_t)s->syn.np[np].head, C_TARGET | C_ARMED))
            return 0;
    }
    /* "Russia attacked Ukraine on Thursday", "Armenia and Azerbaijan exchanged fire": one state's
     * violence on another is war, unless the sentence gives a reason, as words are attacked for
     * ("attacked Ukraine over its grain exports", "for its stance") */
    if (strncmp(code, "171", 3) && bare_state(s, sp) && bare_state(s, tp) && strcmp(s->ph[sp].code, s->ph[tp].code)) {
        int reason = 0;
        for (size_t t = 0; t < s->nt; t++) reason |= !strcmp(tw(s, t), "OVER") || !strcmp(tw(s, t), "FOR");
        if (!reason) return 0;
    }
    return 1;
}

/* Whether the head noun of the syntactic noun phrase an actor phrase stands in is of class cls
 * ("a Ukrainian protestor": the actor is "Ukrainian", the head "protestor"). */
int fw_code_head_is(const struct sent *s, int ph, uint64_t cls)
{
    if (!s->has_syn || ph < 0 || (size_t)ph >= s->nph || s->ph[ph].s >= s->syn.n) return 0;
    int np = s->syn.np_of[s->ph[ph].s];
    if (np < 0 || (size_t)np >= s->syn.nnp) return 0;
    int h = s->syn.np[np].head;
    return h >= 0 && (size_t)h < s->nt && is(s, (size_t)h, cls);
}

int fw_code_human_phrase(const struct sent *s, int ph)
{
    if (ph < 0 || (size_t)ph >= s->nph) return 0;
    /* "an American and an Australian", "a Swede": a state's name after "a" is one of its people */
    size_t b = s->ph[ph].s;
    size_t e = s->ph[ph].e;
    int one_of = strlen(s->ph[ph].code) == 3 && b > 0 && (!strcmp(tw(s, b - 1), "A") || !strcmp(tw(s, b - 1), "AN")) &&
                 e == b + 1 && !(s->has_syn && e < s->syn.n && !(s->tok[e].flags & TOK_CAP) &&
                                 (s->syn.pos[e] == FW_POS_NN || s->syn.pos[e] == FW_POS_NNS || s->syn.pos[e] == FW_POS_JJ));
    /* (people in a street protest are people: "the marchers were beaten") */
    return one_of || s->ph[ph].person >= 0 || code_has(s->ph[ph].code, "PPL") || code_has(s->ph[ph].code, "CVL") ||
           fw_code_phrase_has(s, ph, C_HUMAN | C_PROTESTER);
}

/* A verb's sense follows who acts on what. "Seized the girl" (171, seize property) is an
 * abduction (181); "defended the party" with nothing armed or military about it (074, military
 * protection) is an endorsement (051); troops or police "taking to the streets" (14x) show force
 * (150). */
int fw_code_physical_sense(const struct sent *s, const char *code, int sp, int tp, char *out, size_t cap)
{
    /* "Russian forces captured Avdiivka": a town seized is territory occupied (192), whatever
     * else the name could be */
    /* (a name no dictionary knows that the gazetteer does, or a city the dictionary codes as its
     * state: "captured Gothenburg" is no seizure of Sweden's property) */
    if (!strcmp(code, "171") && tp >= 0 && (size_t)tp < s->nph &&
        s->ph[tp].place && strlen(s->ph[tp].code) == 3 &&
        !fw_code_phrase_has(s, tp, C_HUMAN)) {
        snprintf(out, cap, "192");
        return 1;
    }
    /* ... a person seized is abducted (181), or arrested (173) when the state's forces seize him
     * ("the army said it had captured a Gulf Clan leader") */
    if (!strncmp(code, "171", 3) && fw_code_human_phrase(s, tp)) {
        const char *sc = sp >= 0 && (size_t)sp < s->nph ? s->ph[sp].code : "";
        int state = (code_has(sc, "COP") || code_has(sc, "MIL") || code_has(sc, "GOV") || code_has(sc, "JUD")) &&
                    !code_has(sc, "REB") && !code_has(sc, "INS") && !code_has(sc, "UAF") && !code_has(sc, "CRM") &&
                    !code_has(sc, "IMG");
        snprintf(out, cap, "%s", state ? "173" : "181");
        return 1;
    }
    /* "U.S. and British aircraft struck 30 locations", "an Israeli drone hit a car": force that
     * aircraft or drones use is aerial (195) */
    int aerial = 0;
    for (int x = sp >= 0 && (size_t)sp < s->nph ? s->ph[sp].first : -1; x >= 0 && !aerial; x = s->ph[x].next)
        aerial = fw_code_head_is(s, x, C_AERIAL) || fw_code_phrase_has(s, x, C_AERIAL);
    if (!strcmp(code, "190") && aerial) {
        snprintf(out, cap, "195");
        return 1;
    }
    /* "two civilians were killed by Indian shelling": force that artillery is, on whomever it
     * falls, is a fight with artillery (194), no assault */
    int artillery = 0;
    for (int x = sp >= 0 && (size_t)sp < s->nph ? s->ph[sp].first : -1; x >= 0 && !artillery; x = s->ph[x].next)
        artillery = fw_code_head_is(s, x, C_ARTILLERY) || (s->ph[x].e < s->nt && is(s, s->ph[x].e, C_ARTILLERY));
    if ((!strcmp(code, "190") || !strcmp(code, "180") || !strcmp(code, "182") || !strcmp(code, "1823")) && artillery) {
        snprintf(out, cap, "194");
        return 1;
    }
    /* "released two hostages": a release (084) of people is CAMEO's release of persons (0841) */
    if (!strcmp(code, "084") && fw_code_human_phrase(s, tp)) {
        snprintf(out, cap, "0841");
        return 1;
    }
    /* "protesters torched cars", "was demolished by a protester", "supporters stormed the protest
     * camp in Beirut": property or a place (no one in it) that people in a protest attack is a
     * riot (145); violence on people stays an assault (18x) */
    if (sp >= 0 && (fw_code_phrase_has(s, sp, C_PROTESTER) || fw_code_head_is(s, sp, C_PROTESTER)) &&
        (!strncmp(code, "1712", 4) ||
         ((!strncmp(code, "18", 2) || !strncmp(code, "19", 2)) && tp >= 0 &&
          (fw_code_head_is(s, tp, C_TARGET) || (s->ph[tp].place && strlen(s->ph[tp].code) == 3)) &&
          !fw_code_human_phrase(s, tp)))) {
        snprintf(out, cap, "145");
        return 1;
    }
    /* "guerrillas wounded two soldiers in a bomb attack", "killed in a suicide car bombing": an
     * attack by a bomb that no state's forces drop is a bombing (183; 1831 by a suicide bomber),
     * unconventional violence, not a battle; specific codes (aerial 195, artillery 194) stay */
    if ((!strcmp(code, "190") || !strcmp(code, "180")) &&
        !(sp >= 0 && (code_has(s->ph[sp].code, "MIL") || code_has(s->ph[sp].code, "GOV")))) {
        int bomb = 0, suicide = 0;
        for (size_t t = 0; t < s->nt; t++) {
            if (!is(s, t, C_BOMBING) || s->isverb[t]) continue;
            if (!strcmp(tw(s, t), "SUICIDE")) suicide = 1;
            else bomb = 1;
        }
        if (bomb) {
            snprintf(out, cap, "%s", suicide ? "1831" : "183");
            return 1;
        }
    }
    /* "a camp for refugees was attacked by militiamen", "soldiers beat up detainees": force used
     * on people who bear no arms is unconventional violence (180), not a battle (190) */
    if (!strcmp(code, "190") && tp >= 0 && (fw_code_human_phrase(s, tp) || code_has(s->ph[tp].code, "REF")) &&
        !fw_code_armed_sector(s->ph[tp].code) && !fw_code_phrase_has(s, tp, C_ARMED) &&
        !code_has(s->ph[tp].code, "GOV") && !code_has(s->ph[tp].code, "LEG") &&
        !fw_code_metaphorical_violence(s, code, sp, tp, -1, -1)) {
        snprintf(out, cap, "180");
        return 1;
    }
    /* "the army took to the streets": soldiers or police in the streets show force (150), they do
     * not demonstrate (14x) */
    if (!strncmp(code, "14", 2) && sp >= 0 && (code_has(s->ph[sp].code, "MIL") || code_has(s->ph[sp].code, "COP")) &&
        !code_has(s->ph[sp].code, "OPP") && !code_has(s->ph[sp].code, "REB")) {
        snprintf(out, cap, "150");
        return 1;
    }
    /* "the Egyptian foreign ministry protested", "the UN protested to Israel": a government, a
     * legislature, a court or an international body that protests complains officially (114); a
     * street demonstration (14x) is people's */
    if (!strncmp(code, "14", 2) && sp >= 0 &&
        (code_has(s->ph[sp].code, "GOV") || code_has(s->ph[sp].code, "LEG") || code_has(s->ph[sp].code, "JUD") ||
         !strncmp(s->ph[sp].code, "IGO", 3) || official_protest(s)) &&
        !code_has(s->ph[sp].code, "OPP") && !code_has(s->ph[sp].code, "CVL")) {
        snprintf(out, cap, "114");
        return 1;
    }
    if (!strcmp(code, "074")) {
        for (size_t t = 0; t < s->nt; t++)
            if (is(s, t, C_WEAPON | C_ARMED)) return 0;
        if ((sp >= 0 && fw_code_armed_sector(s->ph[sp].code)) || (tp >= 0 && fw_code_armed_sector(s->ph[tp].code)))
            return 0;
        snprintf(out, cap, "051");
        return 1;
    }
    return 0;
}

/* A coercion (17x) or a battle (19x, with no weapon or casualty in its sentence) that only a
 * verb's default code says, done to a thing that is no one ("Apple is holding a surprise event in
 * New York", "holding back permission", "officers rammed the door"): the verb's object is a
 * common noun naming no people, no physical target and no weapon, and no actor is its target
 * but a place where it happens. */
static int coerces_nothing(const struct sent *s, const struct pending *pd, const char *code, int tp)
{
    if ((strncmp(code, "17", 2) && strncmp(code, "19", 2)) || pd->pattern || !s->has_syn) return 0;
    /* "heavily armed officers rammed the door": a battle (19x) with a thing no weapon touches */
    if ((!strncmp(code, "19", 2) || !strcmp(code, "1712")) && physical_means(s)) return 0;
    const struct fw_syn_pred *p = fw_code_syn_pred(s, pd->vc.v);
    if (!p || (p->flags & FW_SYN_PASSIVE) || p->obj < 0 || (size_t)p->obj >= s->syn.nnp) return 0;
    const struct fw_syn_np *o = &s->syn.np[p->obj];
    if (tp >= 0) {
        /* the target is where it happens ("in Gaza", "in an upcoming Netflix documentary"), not
         * one it is done to ("imposed a curfew on Gaza"; "banned opposition candidates": a name
         * that modifies the object's noun may name who that is) */
        size_t b = s->ph[tp].s;
        int np = b < s->syn.n ? s->syn.np_of[b] : -1;
        size_t from = np >= 0 && (size_t)np < s->syn.nnp && s->syn.np[np].start >= 0 ? (size_t)s->syn.np[np].start : b;
        if (!(from > 0 && (!strcmp(tw(s, from - 1), "IN") || !strcmp(tw(s, from - 1), "NEAR") || !strcmp(tw(s, from - 1), "AT"))))
            return 0;
    }
    if (o->pronoun || o->head < 0 || (size_t)o->head >= s->nt) return 0;
    size_t h = (size_t)o->head;
    if (s->ment[h] >= 0 || (s->tok[h].flags & TOK_CAP) || is(s, h, C_HUMAN | C_TARGET | C_WEAPON | C_ARMED)) return 0;
    /* "imposed a blockade on several towns": what the act noun falls on is physical */
    for (size_t k = 0; k < p->npp; k++) {
        const struct fw_syn_pp *pp = &p->pp[k];
        if (pp->prep < 0 || pp->np < 0 || (size_t)pp->np >= s->syn.nnp) continue;
        if (strcmp(tw(s, (size_t)pp->prep), "ON") && strcmp(tw(s, (size_t)pp->prep), "AGAINST")) continue;
        int ph = s->syn.np[pp->np].head;
        if (ph >= 0 && (size_t)ph < s->nt && is(s, (size_t)ph, C_HUMAN | C_TARGET | C_ARMED)) return 0;
    }
    return s->syn.pos[h] == FW_POS_NN || s->syn.pos[h] == FW_POS_NNS;
}

/* "two soldiers were killed in a helicopter crash", "a landslide killed 12 villagers", "died
 * when their bus overturned": a death or an injury the sentence puts down to an accident or a
 * disaster, with no one its agent, is done by no one (CAMEO has no code for it), and harm done
 * to an animal is no political violence: no event, and a report of it is a statement. */
int fw_code_nonpolitical_harm(const struct article *a, const struct sent *s, const struct pending *pd, const char *code)
{
    if (!s->has_syn || !(fw_code_violent(code) || !strncmp(code, "17", 2))) return 0;
    const struct fw_syn_pred *p = fw_code_syn_pred(s, pd->vc.v);
    if (!p) return 0;
    int doer0 = (p->flags & FW_SYN_PASSIVE) ? p->agent : p->subj;
    /* "the floods have damaged or destroyed 2 million homes": the second of two verbs joined by
     * "or" or "and" has the first one's doer */
    if (doer0 < 0 && pd->vc.s >= 2 && (!strcmp(tw(s, pd->vc.s - 1), "OR") || !strcmp(tw(s, pd->vc.s - 1), "AND"))) {
        const struct fw_syn_pred *q = fw_code_syn_pred(s, pd->vc.s - 2);
        int qd = q ? ((q->flags & FW_SYN_PASSIVE) ? q->agent : q->subj) : -1;
        if (qd >= 0 && (size_t)qd < s->syn.nnp) {
            int h = s->syn.np[qd].head;
            if (h >= 0 && is(s, (size_t)h, C_ACCIDENT) && s->ment[h] < 0) return 1;
        }
    }
    if (!fw_code_violent(code)) return 0;
    /* "a hunter who killed a wild rabbit", "a dog was shot": harm done to an animal */
    int patient = p ? ((p->flags & FW_SYN_PASSIVE) ? p->subj : p->obj) : -1;
    for (size_t q = 0; p && patient < 0 && q < s->syn.npred; q++)     /* "killed and ate a rabbit" */
        if (s->syn.pred[q].conj == (int)(p - s->syn.pred) && s->syn.pred[q].verb > p->verb) patient = s->syn.pred[q].obj;
    if (patient >= 0 && (size_t)patient < s->syn.nnp && s->syn.np[patient].head >= 0 &&
        is(s, (size_t)s->syn.np[patient].head, C_ANIMAL))
        return 1;
    if (!p) return 0;
    /* "a landslide killed 12 villagers", "was hit by the deadly bubonic plague": a disaster or a
     * disease acts */
    int doer = (p->flags & FW_SYN_PASSIVE) ? p->agent : p->subj;
    if (doer >= 0 && (size_t)doer < s->syn.nnp) {
        int h = s->syn.np[doer].head;
        if (h >= 0 && is(s, (size_t)h, C_ACCIDENT) && s->ment[h] < 0) return 1;
    }
    if (!is(s, pd->vc.v, C_CASUALTY) || p->agent >= 0) return 0;
    /* "Police said the teenage driver was killed": in a story of a crash, a wreck or a flood that
     * names no weapon, a death no one is said to have caused is the accident's */
    if (a->naccident > 0 && a->nweapon == 0 && ((p->flags & FW_SYN_PASSIVE) || p->obj < 0)) {
        int weapon = 0;
        for (size_t t = 0; t < s->nt; t++) weapon |= is(s, t, C_WEAPON | C_ARMED_ANY) != 0;
        if (!weapon) return 1;
    }
    for (size_t k = 0; k < p->npp; k++) {
        const struct fw_syn_pp *pp = &p->pp[k];
        if (pp->np < 0 || (size_t)pp->np >= s->syn.nnp || pp->prep < 0) continue;
        const char *w = tw(s, (size_t)pp->prep);
        int h = s->syn.np[pp->np].head;
        if ((!strcmp(w, "IN") || !strcmp(w, "FROM") || !strcmp(w, "DURING") || !strcmp(w, "AFTER")) && h >= 0 &&
            is(s, (size_t)h, C_ACCIDENT))
            return 1;
    }
    /* "... were killed when their helicopter crashed": an adverbial clause whose verb is one */
    for (size_t k = 0; k < s->syn.npred; k++) {
        const struct fw_syn_pred *q = &s->syn.pred[k];
        if (q == p || q->verb <= pd->vc.v || q->mark < 0 || q->agent >= 0) continue;
        if (q->gov < 0 || &s->syn.pred[q->gov] != p) continue;
        const char *m = tw(s, (size_t)q->mark);
        if ((!strcmp(m, "WHEN") || !strcmp(m, "AFTER") || !strcmp(m, "AS")) && is(s, (size_t)q->verb, C_ACCIDENT))
            return 1;
    }
    return 0;
}

/* "SpaceX launched a rocket from Florida", "the company launched a new drone in Texas": a weapon's
 * word in the hands of no state, armed group or other political actor, aimed at no one (no target,
 * or only where: "in", "from", "over") and hurting no one, is a launch or a product, no attack. */
static int unaimed_launch(const struct sent *s, const char *code, int sp, int tp)
{
    if (!fw_code_violent(code) || sp < 0) return 0;
    const char *c = s->ph[sp].code;
    if ((strlen(c) == 3 && strcmp(c, "---")) || fw_code_political_code(c) || fw_code_phrase_has(s, sp, C_ARMED) ||
        fw_code_head_is(s, sp, C_ARMED))
        return 0;   /* a country's ("Israeli tanks fired shells"), a state's or an armed group's */
    for (size_t t = 0; t < s->nt; t++)
        if (is(s, t, C_CASUALTY)) return 0;
    if (tp < 0) return 1;
    static const char *const where[] = {"IN", "FROM", "OVER", "NEAR", "ACROSS", "INSIDE", "AROUND", NULL};
    size_t b = s->ph[tp].s;
    while (b > 0 && s->has_syn && b - 1 < s->syn.n &&
           (s->syn.pos[b - 1] == FW_POS_DT || s->syn.pos[b - 1] == FW_POS_JJ))
        b--;
    return b > 0 && in_list(tw(s, b - 1), where);
}

static const char *const intent_words[] = {"INTENDS", "INTEND", "PLANS", "PLAN", "SEEKS", "SEEK", "WANTS", "WANT",
                                           "AIMS", "AIM", "HOPES", "HOPE", NULL};

/* "The Senate killed the bill", "shot down the proposal": a violent verb whose object is a
 * bill, a plan or a policy is rejection, whatever the verb's casualty word says (a summit or a
 * festival attacked stays an attack). */
static const char *const papers[] = {"BILL", "BILLS", "LAW", "LAWS", "LEGISLATION", "PROPOSAL", "PROPOSALS", "DEAL",
                                     "DEALS", "MEASURE", "MEASURES", "REFORM", "REFORMS", "NOMINATION", "IDEA", "BUDGET",
                                     "PLAN", "PLANS", "POLICY", "POLICIES", "AMENDMENT", "AMENDMENTS", "RESOLUTION",
                                     "TREATY", "AGREEMENT", "INITIATIVE", "STRATEGY", "PROGRAMME", "PROGRAM",
                                     "DOCTRINE", NULL};

static int killed_document(const struct sent *s, const struct pending *pd, const char *code)
{
    if (!fw_code_violent(code) || !s->has_syn) return 0;
    const struct fw_syn_pred *p = fw_code_syn_pred(s, pd->vc.v);
    if (!p || (p->flags & FW_SYN_PASSIVE) || p->obj < 0 || (size_t)p->obj >= s->syn.nnp) return 0;
    int h = s->syn.np[p->obj].head;
    return h >= 0 && (size_t)h < s->nt && !(s->tok[h].flags & TOK_CAP) && in_list(tw(s, (size_t)h), papers);
}

/* "Zelaya had clashed for months with Congress and the army over his plan to hold a poll",
 * "fought over the budget": a violent verb whose quarrel is "over" a bill, a plan or a policy,
 * in a sentence that names no weapon and no casualty, is a dispute, unless both sides bear
 * arms or are in the street. */
static int disputed_paper(const struct sent *s, const struct pending *pd, const char *code, int sp, int tp)
{
    if (!fw_code_violent(code) || !s->has_syn) return 0;
    /* ("police clashed with protesters over the pension reform": where each side is armed or in
     * the street, they clash bodily; a president and the army quarrel) */
    int street_s = sp >= 0 && (fw_code_phrase_has(s, sp, C_ARMED | C_PROTESTER) || fw_code_armed_sector(s->ph[sp].code));
    int street_t = tp < 0 || fw_code_phrase_has(s, tp, C_ARMED | C_PROTESTER) || fw_code_armed_sector(s->ph[tp].code);
    if (street_s && street_t) return 0;
    const struct fw_syn_pred *p = fw_code_syn_pred(s, pd->vc.v);
    if (!p) return 0;
    int over = 0;
    for (size_t k = 0; k < p->npp && !over; k++) {
        const struct fw_syn_pp *pp = &p->pp[k];
        if (pp->prep < 0 || pp->np < 0 || (size_t)pp->np >= s->syn.nnp || strcmp(tw(s, (size_t)pp->prep), "OVER")) continue;
        int h = s->syn.np[pp->np].head;
        over = h >= 0 && (size_t)h < s->nt && !(s->tok[h].flags & TOK_CAP) && in_list(tw(s, (size_t)h), papers);
    }
    if (!over) return 0;
    for (size_t t = 0; t < s->nt; t++)
        if (is(s, t, C_WEAPON | C_CASUALTY)) return 0;
    return 1;
}

/* A span of years the sentence gives its time as: "in recent years", "for decades", "over the
 * past two years". */
static int years_span(const struct sent *s)
{
    static const char *const years[] = {"YEARS", "DECADES", "YEAR", "DECADE", NULL};
    static const char *const plural[] = {"YEARS", "DECADES", NULL};
    for (size_t t = 0; t + 2 < s->nt; t++) {
        const char *w = tw(s, t), *n1 = tw(s, t + 1), *n2 = tw(s, t + 2);
        int prep = !strcmp(w, "OVER") || !strcmp(w, "IN") || !strcmp(w, "DURING") || !strcmp(w, "FOR");
        if (!prep) continue;
        /* "in recent years", "for years", "over the years" */
        if ((!strcmp(n1, "RECENT") && in_list(n2, plural)) || (strcmp(w, "IN") && in_list(n1, plural)) ||
            (!strcmp(w, "OVER") && !strcmp(n1, "THE") && in_list(n2, plural)))
            return 1;
        /* "have threatened in the past to restrict water releases": the past at large, no time */
        if (!strcmp(w, "IN") && !strcmp(n1, "THE") && !strcmp(n2, "PAST") &&
            (t + 3 >= s->nt || is_punct(s, t + 3) || !strcmp(tw(s, t + 3), "TO") || !strcmp(tw(s, t + 3), "AND") ||
             s->isverb[t + 3]))
            return 1;
        /* "over the past two years", "during the last decade", "over the past few years" */
        if (!strcmp(n1, "THE") && (!strcmp(n2, "PAST") || !strcmp(n2, "LAST"))) {
            for (size_t u = t + 3; u < s->nt && u < t + 6; u++) {
                if (in_list(tw(s, u), years)) return 1;
                if (!(s->tok[u].flags & TOK_NUM) && !s->has_syn) break;
                if (!(s->tok[u].flags & TOK_NUM) && s->has_syn && u < s->syn.n && s->syn.pos[u] != FW_POS_CD &&
                    s->syn.pos[u] != FW_POS_JJ)
                    break;
            }
        }
    }
    return 0;
}

int fw_code_setting_relative(const struct sent *s, const struct fw_syn_pred *p)
{
    if (!p || p->type != FW_CL_RELCL || p->mark < 0 || (size_t)p->mark >= s->nt) return 0;
    const char *m = tw(s, (size_t)p->mark);
    return !strcmp(m, "WHERE") || !strcmp(m, "WHEN") ||
           (!strcmp(m, "WHICH") && p->mark > 0 && is(s, (size_t)p->mark - 1, C_PREPOSITIONS));
}

/* Event-level evidence about what the verb reports. */
uint32_t fw_code_event_features(const struct article *a, const struct sent *s, const struct pending *pd, const char *code,
                               int sp, int tp)
{
    uint32_t f = 0;
    if (!a->c->has_words) return 0;
    int report = is(s, pd->vc.v, C_REPORT_VERBS);
    for (size_t t = 0; t < pd->vc.s && !report; t++)
        if (is(s, t, C_OPINION)) f |= FW_CF(FW_CF_OPINION);
    /* an analyst as the subject ("analysts said", "the expert criticized"), or the speaker of a
     * report anywhere in its sentence ("..., an analyst said") */
    if (fw_code_phrase_has(s, sp, C_COMMENTATOR)) f |= FW_CF(FW_CF_COMMENTARY);
    for (size_t t = 0; t < (report ? s->nt : pd->vc.s); t++)
        if (is(s, t, C_COMMENTATOR)) f |= FW_CF(FW_CF_COMMENTARY);
    /* '"The group will attack," said X, a political scientist': what an analyst's report after
     * it says is the analyst's view too */
    int said_after = 0;
    for (size_t t = pd->vc.e; t < s->nt && !report; t++) {
        said_after |= is(s, t, C_REPORT_VERBS) != 0;
        if (said_after && is(s, t, C_COMMENTATOR)) f |= FW_CF(FW_CF_COMMENTARY);
    }
    /* "... | Senators call for 5G security coordinator | Facebook gets ...": between two vertical
     * bars a page lists headlines or links, it tells nothing */
    int bar_before = 0, bar_after = 0;
    for (size_t t = 0; t < s->nt; t++)
        if (!strcmp(tw(s, t), "|")) {
            if (t < pd->vc.s) bar_before = 1;
            else if (t >= pd->vc.e) bar_after = 1;
        }
    if (bar_before && bar_after) f |= FW_CF(FW_CF_HEADLINE);
    /* "to establish whether Trump withheld aid": a question a clause embeds asks, it tells nothing */
    for (size_t t = pd->vc.s; t-- > 0 && strcmp(tw(s, t), ",");)
        if (!strcmp(tw(s, t), "WHETHER")) {
            f |= FW_CF(FW_CF_QUESTION);
            break;
        }
    /* "raided the offices of the electoral tribunal": the verb's own object is a physical target
     * even when the actor the target is read from is a body ("tribunal") */
    int obj_target = 0;
    {
        const struct fw_syn_pred *op = fw_code_syn_pred(s, pd->vc.v);
        if (op && !(op->flags & FW_SYN_PASSIVE) && op->obj >= 0 && (size_t)op->obj < s->syn.nnp) {
            int h = s->syn.np[op->obj].head;
            /* ("took home first prize": "home" right after the verb is where, no object) */
            obj_target = h >= 0 && (size_t)h < s->nt && is(s, (size_t)h, C_TARGET) &&
                         !((size_t)h == pd->vc.e && !strcmp(tw(s, (size_t)h), "HOME"));
        }
    }
    if ((!obj_target && fw_code_metaphorical_violence(s, code, sp, tp, pd->tgt_text_s, pd->tgt_text_e)) ||
        coerces_nothing(s, pd, code, tp) || unaimed_launch(s, code, sp, tp) || killed_document(s, pd, code) ||
        disputed_paper(s, pd, code, sp, tp))
        f |= FW_CF(FW_CF_METAPHOR);
    /* "we should be supporting", "could have been", "might attack": a modal other than the future's
     * will and shall says what ought to or may happen, not what did */
    for (size_t t = pd->vc.s, k = 0; t-- > 0 && k < 4; k++) {
        const char *w = tw(s, t);
        if (!strcmp(w, ",") || !strcmp(w, "WILL") || !strcmp(w, "SHALL") || !strcmp(w, "'LL")) break;
        /* "have been expected to sign a deal", "is likely to have more referrals": an expectation,
         * the way "may" is */
        int expected = !strcmp(w, "TO") && t > 0 &&
                       (!strcmp(tw(s, t - 1), "LIKELY") || !strcmp(tw(s, t - 1), "UNLIKELY") ||
                        !strcmp(tw(s, t - 1), "EXPECTED") || !strcmp(tw(s, t - 1), "SUPPOSED"));
        /* "they have to face the consequences", "Iran has to stop": a duty, the way "must" is
         * ("had to flee" is what happened) */
        int duty = !strcmp(w, "TO") && t > 0 && (!strcmp(tw(s, t - 1), "HAVE") || !strcmp(tw(s, t - 1), "HAS")) &&
                   t + 1 == (size_t)pd->vc.s;
        if (!strcmp(w, "WOULD") && fw_code_reported_future(s, pd->vc.v)) break;
        if (!strcmp(w, "SHOULD") || !strcmp(w, "COULD") || !strcmp(w, "WOULD") || !strcmp(w, "MIGHT") ||
            (!strcmp(w, "MAY") && !month_may(s, t)) || !strcmp(w, "MUST") || !strcmp(w, "CAN") || expected || duty) {
            f |= FW_CF(FW_CF_MODAL);
            /* "the tanks might want Obama to head back": the writer's own guess, in a sentence
             * that reports no one's words, is speculation */
            if (!strcmp(w, "MIGHT") || !strcmp(w, "MAY") || expected) {
                int reported = 0;
                for (size_t u = 0; u < s->nt; u++) reported |= is(s, u, C_REPORT_VERBS) != 0;
                if (!reported) f |= FW_CF(FW_CF_SPECULATION);
            }
            /* "China remains unlikely to provide Russia with aid": what is unlikely is expected
             * not to happen */
            if (expected && !strcmp(tw(s, t - 1), "UNLIKELY")) f |= FW_CF(FW_CF_DENIED);
            break;
        }
    }
    /* "the Kremlin is likely attempting to set conditions", "Putin probably intends to": an
     * analyst's guess about what goes on now (a past act the writer thinks likely, "Ukrainian
     * forces likely struck a radar on April 16", stays the happening it assesses) */
    if (s->has_syn && pd->vc.v < s->syn.n && s->syn.pos[pd->vc.v] != FW_POS_VBD && s->syn.pos[pd->vc.v] != FW_POS_VBN)
        for (size_t t = pd->vc.s, k = 0; t-- > 0 && k < 5; k++) {
            const char *w = tw(s, t);
            size_t wn = strlen(w);
            if (!strcmp(w, "LIKELY") || !strcmp(w, "PROBABLY") || !strcmp(w, "POSSIBLY") || !strcmp(w, "PRESUMABLY")) {
                int reported = 0;
                for (size_t u = 0; u < s->nt; u++) reported |= is(s, u, C_REPORT_VERBS) != 0;
                if (!reported) f |= FW_CF(FW_CF_SPECULATION);
                break;
            }
            /* ("is likely attempting to set", "likely intends to use") */
            if (!is(s, t, C_BE_FORMS | C_AUXILIARIES | C_NEGATIONS) && strcmp(w, "TO") &&
                !(wn > 4 && !strcmp(w + wn - 3, "ING")) && !in_list(w, intent_words))
                break;
        }
    /* "any efforts to urge Ukraine", "a plan to attack": a verb that completes a noun is the
     * noun's content, not a happening */
    const struct fw_syn_pred *vp = fw_code_syn_pred(s, pd->vc.v);
    /* (a participle no clause governs is the sentence's verb) */
    /* (a relative clause of time or place tells what happened at the noun's time or place: "a
     * banned referendum in which police fired rubber bullets", "the square where troops opened
     * fire") */
    int setting = fw_code_setting_relative(s, vp);
    if (vp && !pd->own_happening && !setting && vp->gov_tok >= 0 && (size_t)vp->gov_tok < s->syn.n &&
        !(vp->type == FW_CL_PARTCL && vp->gov < 0) &&
        (s->syn.pos[vp->gov_tok] == FW_POS_NN || s->syn.pos[vp->gov_tok] == FW_POS_NNS))
        f |= FW_CF(FW_CF_NOUN_CONTENT);
    /* "Hamas fires rockets", "the group targets the region": a simple present that reports no
     * speech is a habit or a generality in news prose */
    static const char *const same_past[] = {"BEAT", "HIT", "PUT", "SET", "CUT", "SHUT", "HURT", "CAST", "SPREAD",
                                            "QUIT", "BID", "LET", "BURST", "SPLIT", "UPSET", "THRUST", "SHED",
                                            "READ", "BROADCAST", "FORECAST", "COST", NULL};
    if (!report && s->has_syn && pd->vc.v < s->syn.n &&
        (s->syn.pos[pd->vc.v] == FW_POS_VBZ ||
         (s->syn.pos[pd->vc.v] == FW_POS_VBP && !in_list(tw(s, pd->vc.v), same_past))) &&  /* "beat": past too */
        !fw_code_past_form(tw(s, pd->vc.v)) &&     /* "air defenses shot down": the tagger's slip */
        !is(s, pd->vc.v, C_BE_FORMS) &&
        /* "demanded that the United States match ...": what a demand or an appeal asks for is a
         * bare form (a subjunctive), no present habit */
        !((!strncmp(code, "02", 2) || !strncmp(code, "10", 2)) && s->syn.pos[pd->vc.v] == FW_POS_VBP &&
          vp && vp->type == FW_CL_CCOMP) &&
        /* "the ministry said Beijing firmly opposes any contact": a stance a speaker states in the
         * present is the statement's, no habit (a violent present, "said Hamas fires rockets
         * daily", stays one) */
        !(vp && vp->type == FW_CL_CCOMP && vp->gov >= 0 && (size_t)vp->gov < s->syn.npred &&
          is(s, (size_t)s->syn.pred[vp->gov].verb, C_REPORT_VERBS) &&
          ((code[0] == '0' && code[1] <= '5') || (code[0] == '1' && code[1] <= '4'))))
        f |= FW_CF(FW_CF_HABITUAL);
    /* "has expanded its operations over the past two years", "in recent years", "for decades": a
     * span of years is a trend's, not a happening's time ("over the past two days" stays) */
    if (years_span(s)) f |= FW_CF(FW_CF_HABITUAL);
    /* "The Kremlin continues to set conditions", "Russia seeks to expand": what a present tense
     * of going on, trying or tending governs is as general as that verb */
    static const char *const ongoing[] = {"CONTINUE", "CONTINUES", "KEEP", "KEEPS", "TEND", "TENDS", "SEEK", "SEEKS",
                                          "AIM", "AIMS", "SEEM", "SEEMS", "APPEAR", "APPEARS", NULL};
    if (!report && vp && vp->type == FW_CL_XCOMP && vp->gov >= 0 && (size_t)vp->gov < s->syn.npred) {
        size_t g = (size_t)s->syn.pred[vp->gov].verb;
        if (g < s->syn.n && (s->syn.pos[g] == FW_POS_VBZ || s->syn.pos[g] == FW_POS_VBP) && in_list(tw(s, g), ongoing) &&
            s->syn.pred[vp->gov].modal < 0)
            f |= FW_CF(FW_CF_HABITUAL);
    }
    return f;
}

int fw_code_violent(const char *code)
{
    return !strncmp(code, "18", 2) || !strncmp(code, "19", 2) || !strncmp(code, "20", 2);
}

/* A state, armed, legislative, judicial, opposition, party, international or rights actor's
 * code: the actors whose interactions event data codes. */
int fw_code_political_code(const char *c)
{
    return code_has(c, "GOV") || fw_code_armed_sector(c) || code_has(c, "LEG") || code_has(c, "JUD") ||
           code_has(c, "OPP") || code_has(c, "PTY") || code_has(c, "IGO") || code_has(c, "NGO") || code_has(c, "HRI");
}

/* An article that names a political actor (above) less than once in 400 words, and fewer than
 * three times in all (a car review, a concert tour, a study of galaxies, a company's layoffs), is
 * outside what event data codes: political interactions (FW_APOLITICAL). One that names them
 * less than once in 250 words (a memoir that mentions the police, a health story with one health
 * authority) is political only where they act: its events between private people are not
 * (FW_SPARSE_POLITICAL). A short one needs only one such mention. */
int fw_code_apolitical(const struct article *a)
{
    if (a->ntok < 100) return 0;
    if (a->npolitical * 400 < a->ntok && a->npolitical < 3) return FW_APOLITICAL;
    if (a->npolitical * 250 < a->ntok) return FW_SPARSE_POLITICAL;
    return 0;
}

/* The article's domain: sport, shopping or leisure vocabulary dense enough, and state or armed
 * actors rare enough, that a "fight" or a "hit" is a game's. */
int fw_code_off_domain(const struct article *a)
{
    if (!a->c->has_words || a->ntok < 50) return 0;
    return a->ndomain * 1000 >= a->ntok * 15 && a->ndomain >= 2 * a->nstate;
}
