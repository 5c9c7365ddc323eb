/* fw_syn: the tagger and the clause analysis on news-like sentences written for this test,
 * one construction each, asserting the roles the event coder binds. Needs the tagger data
 * ($FW_BUILD_DIR/postag-en.txt from scripts/postag.sh): skipped (77) without it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../daemon/code/fw_syn.h"

static struct fw_syn_model *model;
static char model_path[4096];
static struct fw_syn_out out;
static struct fw_tok tok[FW_SYN_MAXTOK];
static const char *cur;
static size_t ntok;

static void analyse(const char *s)
{
    cur = s;
    ntok = fw_tok_sentence(s, strlen(s), 0, NULL, tok, FW_SYN_MAXTOK);
    fw_syn_analyse(model, s, tok, ntok, &out);
}

static int word_is(int t, const char *w)
{
    return t >= 0 && strlen(w) == tok[t].end - tok[t].start && strncasecmp(cur + tok[t].start, w, strlen(w)) == 0;
}

static const struct fw_syn_pred *pred(const char *verb)
{
    for (size_t i = 0; i < out.npred; i++)
        if (word_is(out.pred[i].verb, verb)) return &out.pred[i];
    return NULL;
}

/* The NP's head is the word, or one of its conjuncts' is when the word is "A+B". */
static int np_is(int np, const char *want)
{
    if (!want) return 1;
    if (!*want) return np < 0;
    char w[128];
    snprintf(w, sizeof w, "%s", want);
    char *second = strchr(w, '+');
    if (second) *second++ = 0;
    if (np < 0 || !word_is(out.np[np].head, w)) return 0;
    if (second) return out.np[np].conj >= 0 && word_is(out.np[out.np[np].conj].head, second);
    return 1;
}

struct want {
    const char *sent;
    const char *verb;          /* the predicate, by its verb's word */
    int type;                  /* enum fw_syn_clause */
    const char *subj, *obj;    /* head words ("A+B": first conjunct and the next); "" none; NULL any */
    const char *agent, *iobj;
    const char *gov;           /* verb of the governing predicate; "" none; NULL any */
    unsigned set, clear;       /* FW_SYN_* flags that must be set / clear */
    const char *pp;            /* "prep:head" among the prepositional complements; NULL any */
};

#define N NULL
static const struct want cases[] = {
    /* simple clauses, tense, prepositional complements */
    {"Israeli troops killed three Palestinian militants in Gaza on Monday.", "killed", FW_CL_MAIN, "troops",
     "militants", "", "", "", 0, FW_SYN_PASSIVE | FW_SYN_NEG, "in:Gaza"},
    {"Protesters clashed with police in Hong Kong.", "clashed", FW_CL_MAIN, "Protesters", "", N, N, "", 0,
     FW_SYN_PASSIVE, "with:police"},
    {"Hezbollah fighters carried out an attack against Israeli troops on Sunday.", "carried", FW_CL_MAIN,
     "fighters", "attack", N, N, "", 0, 0, "against:troops"},
    {"The minister gave the rebels an ultimatum.", "gave", FW_CL_MAIN, "minister", "ultimatum", N, "rebels", "", 0,
     0, N},
    {"Pakistan may have supplied weapons to the Taliban.", "supplied", FW_CL_MAIN, "Pakistan", "weapons", N, N, "",
     FW_SYN_PERFECT, FW_SYN_PASSIVE, "to:Taliban"},
    /* passive voice and its agent */
    {"The man was arrested by police in Kabul.", "arrested", FW_CL_MAIN, "man", "", "police", N, "", FW_SYN_PASSIVE,
     0, "in:Kabul"},
    {"Hamas has been blamed for the rocket attacks on Sderot.", "blamed", FW_CL_MAIN, "Hamas", "", "", N, "",
     FW_SYN_PASSIVE | FW_SYN_PERFECT, 0, "for:attacks"},
    {"Two soldiers were killed and three were wounded in the blast.", "killed", FW_CL_MAIN, "soldiers", "", N, N, "",
     FW_SYN_PASSIVE, 0, N},
    /* negation, modality, conditions, questions */
    {"The government did not sign the agreement.", "sign", FW_CL_MAIN, "government", "agreement", N, N, "",
     FW_SYN_NEG, FW_SYN_PASSIVE, N},
    {"If Israel attacks Iran, Tehran will retaliate.", "attacks", FW_CL_ADVCL, "Israel", "Iran", N, N, "retaliate",
     FW_SYN_COND, 0, N},
    {"If Israel attacks Iran, Tehran will retaliate.", "retaliate", FW_CL_MAIN, "Tehran", "", N, N, "", 0,
     FW_SYN_COND, N},
    {"Unless the rebels withdraw, the army will launch an offensive.", "withdraw", FW_CL_ADVCL, "rebels", "", N, N,
     "launch", FW_SYN_COND, 0, N},
    {"Did Russia attack Ukraine?", "attack", FW_CL_MAIN, "Russia", "Ukraine", N, N, "", FW_SYN_QUESTION, 0, N},
    {"Reporters asked whether the army had bombed the hospital.", "bombed", FW_CL_CCOMP, "army", "hospital", N, N,
     "asked", FW_SYN_COND | FW_SYN_PERFECT, 0, N},
    /* clausal complements, with and without "that"; reporting clauses */
    {"Officials said that gunmen attacked a convoy near Mosul.", "attacked", FW_CL_CCOMP, "gunmen", "convoy", N, N,
     "said", 0, 0, "near:Mosul"},
    {"The ministry said police arrested five suspects.", "arrested", FW_CL_CCOMP, "police", "suspects", N, N, "said",
     0, 0, N},
    {"The ministry said police arrested five suspects.", "said", FW_CL_MAIN, "ministry", "", N, N, "", 0, 0, N},
    {"The minister denied that police had tortured the prisoners.", "tortured", FW_CL_CCOMP, "police", "prisoners",
     N, N, "denied", FW_SYN_PERFECT, 0, N},
    {"North Korea would never attack South Korea, a spokesman said.", "attack", FW_CL_CCOMP, "Korea", "Korea", N, N,
     "said", FW_SYN_NEG, 0, N},
    {"The army, officials said, shelled the town.", "shelled", FW_CL_CCOMP, "army", "town", N, N, "said", 0, 0, N},
    /* a verb of saying takes the clause after its adjuncts */
    {"Sweden said on Monday it would send troops to Norway.", "send", FW_CL_CCOMP, "it", "troops", N, N, "said", 0, 0,
     N},
    /* tagger repairs: a past form before "of" after the object is its participle; a present
     * tense inside a noun compound before the past-tense verb is a noun */
    {"Police detained nine men suspected of links to the attackers.", "suspected", FW_CL_PARTCL, "men", "", N, N,
     "detained", FW_SYN_PASSIVE, 0, N},
    {"Protesters angry over fuel price rises stormed government buildings.", "stormed", FW_CL_MAIN, "Protesters",
     "buildings", N, N, "", 0, 0, N},
    {"\"We will not negotiate with terrorists,\" said the foreign minister.", "said", FW_CL_MAIN, "minister", "", N,
     N, "", 0, 0, N},
    {"\"We will not negotiate with terrorists,\" said the foreign minister.", "negotiate", FW_CL_CCOMP, "We", "", N,
     N, "said", FW_SYN_NEG | FW_SYN_QUOTED, 0, "with:terrorists"},
    {"\"We will not negotiate with terrorists,\" said the foreign minister.", "said", FW_CL_MAIN, N, N, N, N, N, 0,
     FW_SYN_QUOTED, N},
    {"Police said the suspect, a 25-year-old man from Leeds, was arrested at the airport.", "arrested",
     FW_CL_CCOMP, "suspect", "", N, N, "said", FW_SYN_PASSIVE, 0, "at:airport"},
    /* infinitive and gerund complements, control */
    {"The rebels agreed to release the hostages.", "release", FW_CL_XCOMP, "rebels", "hostages", N, N, "agreed",
     FW_SYN_INF, 0, N},
    {"The United Nations urged Iran to release the sailors.", "release", FW_CL_XCOMP, "Iran", "sailors", N, N,
     "urged", FW_SYN_INF, 0, N},
    {"The government announced a plan to disarm the militias.", "disarm", FW_CL_XCOMP, "government", "militias", N,
     N, "announced", FW_SYN_INF, 0, N},
    {"Iran accused Israel of attacking its nuclear facilities.", "attacking", FW_CL_XCOMP, "Israel", "facilities", N,
     N, "accused", FW_SYN_GERUND, 0, N},
    {"Turkey has been accused of supporting the rebels.", "supporting", FW_CL_XCOMP, "Turkey", "rebels", N, N,
     "accused", 0, 0, N},
    {"China warned Japan against sending warships to the disputed islands.", "sending", FW_CL_XCOMP, "Japan",
     "warships", N, N, "warned", 0, 0, "to:islands"},
    {"Russian forces began shelling the city on Tuesday.", "shelling", FW_CL_XCOMP, "forces", "city", N, N, "began",
     0, 0, N},
    /* relative clauses */
    {"The group that attacked the embassy fled to Syria.", "attacked", FW_CL_RELCL, "group", "embassy", N, N, N, 0,
     0, N},
    {"The group that attacked the embassy fled to Syria.", "fled", FW_CL_MAIN, "group", "", N, N, "", 0, 0,
     "to:Syria"},
    {"The man who was arrested on Friday is a former soldier.", "arrested", FW_CL_RELCL, "man", "", N, N, "is",
     FW_SYN_PASSIVE, 0, N},
    {"Protesters threw stones at police, who responded with tear gas.", "responded", FW_CL_RELCL, "police", "", N, N,
     "threw", 0, 0, "with:gas"},
    {"The deal that Israel signed with Hamas angered settlers.", "signed", FW_CL_RELCL, "Israel", "deal", N, N,
     "angered", 0, 0, "with:Hamas"},
    {"The deal that Israel signed with Hamas angered settlers.", "angered", FW_CL_MAIN, "deal", "settlers", N, N, "",
     0, 0, N},
    /* reduced participial clauses */
    {"A car bomb planted by militants killed 12 people in Baghdad.", "planted", FW_CL_PARTCL, "bomb", "",
     "militants", N, "killed", FW_SYN_PASSIVE, 0, N},
    {"A car bomb planted by militants killed 12 people in Baghdad.", "killed", FW_CL_MAIN, "bomb", "people", N, N, "",
     0, FW_SYN_PASSIVE, "in:Baghdad"},
    {"Gunmen firing automatic rifles attacked a checkpoint in Kandahar.", "attacked", FW_CL_MAIN, "Gunmen",
     "checkpoint", N, N, "", 0, 0, N},
    {"Gunmen firing automatic rifles attacked a checkpoint in Kandahar.", "firing", FW_CL_PARTCL, "Gunmen", "rifles",
     N, N, "attacked", 0, 0, N},
    {"Speaking to reporters in Cairo, the minister denied the claims.", "Speaking", FW_CL_PARTCL, "minister", "", N,
     N, "denied", 0, 0, "to:reporters"},
    {"Israeli jets struck targets in Gaza, killing 12 people.", "killing", FW_CL_PARTCL, "jets", "people", N, N,
     "struck", 0, 0, N},
    {"The president met with rebel leaders after visiting the refugee camp.", "visiting", FW_CL_ADVCL, "president",
     "camp", N, N, "met", 0, 0, N},
    /* coordination of verbs and of noun phrases; NP structure */
    {"Police arrested the suspect and charged him with murder.", "charged", FW_CL_MAIN, "Police", "him", N, N, "",
     FW_SYN_SUBJ_SHARED, FW_SYN_PASSIVE, "with:murder"},
    {"Russia and China vetoed the resolution.", "vetoed", FW_CL_MAIN, "Russia+China", "resolution", N, N, "", 0, 0,
     N},
    {"The European Union imposed sanctions on Russia and Belarus.", "imposed", FW_CL_MAIN, "Union", "sanctions", N, N,
     "", 0, 0, "on:Russia"},
    {"Israel attacked Gaza and Hamas fired rockets at Ashkelon.", "fired", FW_CL_MAIN, "Hamas", "rockets", N, N, "",
     0, FW_SYN_SUBJ_SHARED, "at:Ashkelon"},
    {"Mahmoud Abbas, the Palestinian president, met Benjamin Netanyahu in Jerusalem.", "met", FW_CL_MAIN, "Abbas",
     "Netanyahu", N, N, "", 0, 0, "in:Jerusalem"},
    {"The leader of Hamas condemned the attack.", "condemned", FW_CL_MAIN, "leader", "attack", N, N, "", 0, 0, N},
    {"Saudi Arabia's foreign ministry condemned the attack on the embassy.", "condemned", FW_CL_MAIN, "ministry",
     "attack", N, N, "", 0, 0, N},
    {"The talks between Iran and the United States collapsed.", "collapsed", FW_CL_MAIN, "talks", "", N, N, "", 0,
     0, N},
    /* headlines, particles, agents of a noun's attack, reported arrests */
    {"Israel strikes Gaza after rocket fire.", "strikes", FW_CL_MAIN, "Israel", "Gaza", N, N, "", 0, 0,
     "after:fire"},
    {"The attack, which killed five people, was carried out by the Taliban.", "carried", FW_CL_MAIN, "attack", "",
     "Taliban", N, "", FW_SYN_PASSIVE, 0, N},
    {"The attack, which killed five people, was carried out by the Taliban.", "killed", FW_CL_RELCL, "attack",
     "people", N, N, "carried", 0, 0, N},
    {"Five civilians were killed in an attack by Islamic State militants near Raqqa.", "killed", FW_CL_MAIN,
     "civilians", "", "militants", N, "", FW_SYN_PASSIVE, 0, "near:Raqqa"},
    {"Police say they arrested two men suspected of planning the bombing.", "planning", FW_CL_XCOMP, "men",
     "bombing", N, N, "suspected", 0, 0, N},
    {"Iran will not allow inspectors to visit the site, the foreign minister said on Sunday.", "allow",
     FW_CL_CCOMP, "Iran", "inspectors", N, N, "said", FW_SYN_NEG, 0, N},
    {"Rebels shelled the city overnight, killing at least eight people, state media reported.", "killing",
     FW_CL_PARTCL, "Rebels", "people", N, N, "shelled", 0, 0, N},
    {"The minister started a regional trip aimed at ending the war.", "aimed", FW_CL_PARTCL, "trip", "", N, N,
     "started", FW_SYN_PASSIVE, 0, N},
    {"Egypt has pledged to expel exiled leaders of the Brotherhood.", "expel", FW_CL_XCOMP, "Egypt", "leaders", N,
     N, "pledged", FW_SYN_INF, 0, N},
    {"Militants are believed to have killed the hostages.", "killed", FW_CL_XCOMP, "Militants", "hostages", N, N,
     "believed", FW_SYN_INF | FW_SYN_PERFECT, 0, N},
    {"Who attacked the convoy?", "attacked", FW_CL_MAIN, "", "convoy", N, N, "", FW_SYN_QUESTION, 0, N},
    {"Why did Israel bomb the building?", "bomb", FW_CL_MAIN, "Israel", "building", N, N, "", FW_SYN_QUESTION, 0, N},
    {"Hamas, which controls Gaza, fired dozens of rockets into Israel overnight.", "fired", FW_CL_MAIN, "Hamas",
     "dozens", N, N, "", 0, FW_SYN_PASSIVE, "into:Israel"},
    {"Ukraine accused Russia of shelling civilian areas and called for new sanctions.", "called", FW_CL_MAIN,
     "Ukraine", "", N, N, "", FW_SYN_SUBJ_SHARED, FW_SYN_PASSIVE, "for:sanctions"},
    /* after a comma, a bare past joins the bare past above it, not a perfect inside its clause;
     * a bare past inside it stays the conjunct */
    {"The union said that the contract has confused workers, and demanded an extension.", "demanded", FW_CL_MAIN,
     "union", "extension", N, N, "", FW_SYN_SUBJ_SHARED, FW_SYN_PASSIVE, N},
    {"Officials said rebels attacked the town, and burned houses.", "burned", FW_CL_CCOMP, "rebels", "houses", N, N,
     "said", FW_SYN_SUBJ_SHARED, FW_SYN_PASSIVE, N},
    /* a participle phrase set off by commas between the subject and its verb */
    {"President Ola Berg, meeting union leaders in Oslo on Monday, called on strikers to return to work.", "called",
     FW_CL_MAIN, "Berg", "", N, N, "", 0, FW_SYN_PASSIVE, "on:strikers"},
    {"Neither Israel nor Hamas commented on the report.", "commented", FW_CL_MAIN, "Israel+Hamas", "", N, N, "", 0,
     0, "on:report"},
    {"Houthi rebels, backed by Iran, attacked a Saudi oil facility.", "attacked", FW_CL_MAIN, "rebels", "facility",
     N, N, "", 0, 0, N},
    {"The Taliban claimed responsibility for shooting down the helicopter, which it said crashed in Logar.",
     "shooting", FW_CL_XCOMP, "Taliban", "helicopter", N, N, "claimed", FW_SYN_GERUND, 0, N},
    {"The Taliban claimed responsibility for shooting down the helicopter, which it said crashed in Logar.",
     "crashed", FW_CL_CCOMP, "helicopter", "", N, N, "said", FW_SYN_SUBJ_SHARED, FW_SYN_PASSIVE, "in:Logar"},
    {"Two hostages — an American and an Australian — who had been held since 2016 were released on Tuesday.",
     "released", FW_CL_MAIN, "hostages", "", N, N, "", FW_SYN_PASSIVE, 0, N},
    {"Two hostages — an American and an Australian — who had been held since 2016 were released on Tuesday.",
     "held", FW_CL_RELCL, "hostages", "", N, N, "released", FW_SYN_PASSIVE | FW_SYN_PERFECT, 0, N},
    {"King and Weeks were abducted by gunmen wearing military uniforms.", "abducted", FW_CL_MAIN, "King+Weeks", "",
     "gunmen", N, "", FW_SYN_PASSIVE, 0, N},
    {"The Taliban have long refused to negotiate with Kabul.", "refused", FW_CL_MAIN, "Taliban", "", N, N, "",
     FW_SYN_PERFECT, 0, N},
    {"The army has destroyed the bridge and sealed off the town.", "sealed", FW_CL_MAIN, "army", "town", N, N, "",
     FW_SYN_PERFECT | FW_SYN_SUBJ_SHARED, FW_SYN_PASSIVE, N},
    {"Israeli courts, however, have declared most major settlements legal.", "declared", FW_CL_MAIN, "courts",
     "settlements", N, N, "", FW_SYN_PERFECT, 0, N},
    {"The administration has \"corrected an historic injustice\", Netanyahu said.", "corrected", FW_CL_CCOMP,
     "administration", "injustice", N, N, "said", FW_SYN_PERFECT | FW_SYN_QUOTED, 0, N},
    {"More than 2,500 civilians have been killed in the fighting this year.", "killed", FW_CL_MAIN, "civilians", "",
     N, N, "", FW_SYN_PASSIVE | FW_SYN_PERFECT, 0, "in:fighting"},
    {"Russia is expected to retaliate against the sanctions.", "retaliate", FW_CL_XCOMP, "Russia", "", N, N,
     "expected", FW_SYN_INF, 0, "against:sanctions"},
    /* a verb that takes no clause: a bare past form with a "by" agent describes its object */
    {"Egypt condemned the new policy announced on Monday by the Israeli government.", "announced", FW_CL_PARTCL,
     "policy", "", "government", N, "condemned", FW_SYN_PASSIVE, 0, "on:Monday"},
    {"Officials said police arrested the men.", "arrested", FW_CL_CCOMP, "police", "men", N, N, "said", 0,
     FW_SYN_PASSIVE, N},
    /* "since" opens a clause when a finite verb follows its noun phrase and that phrase's "of"
     * phrases; a past form with an object pronoun after it is finite */
    {"Solberg has been held since members of the Swedish army detained him on Wednesday.", "detained", FW_CL_ADVCL,
     "members", "him", N, N, "held", 0, FW_SYN_PASSIVE, "on:Wednesday"},
    {"Five people have died since rebels attacked the town.", "attacked", FW_CL_ADVCL, "rebels", "town", N, N,
     "died", 0, FW_SYN_PASSIVE, N},
    /* a gerund joined by "and" to a gerund clause shares its subject */
    {"Hundreds of farmers poured onto the streets, burning tyres and blocking roads.", "blocking", FW_CL_PARTCL,
     "Hundreds", "roads", N, N, "poured", FW_SYN_GERUND | FW_SYN_SUBJ_SHARED, 0, N},
};
#undef N

static void test_roles(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const struct want *w = &cases[c];
        analyse(w->sent);
        const struct fw_syn_pred *p = pred(w->verb);
        if (!p) {
            printf("no predicate '%s' in: %s\n", w->verb, w->sent);
            bad++;
            continue;
        }
        int ok = p->type == w->type && np_is(p->subj, w->subj) && np_is(p->obj, w->obj) &&
                 np_is(p->agent, w->agent) && np_is(p->iobj, w->iobj) && (p->flags & w->set) == w->set &&
                 (p->flags & w->clear) == 0;
        if (w->gov) {
            if (!*w->gov) ok &= p->gov < 0;
            else ok &= p->gov >= 0 && word_is(out.pred[p->gov].verb, w->gov);
        }
        if (w->pp) {
            char prep[32];
            const char *colon = strchr(w->pp, ':');
            snprintf(prep, sizeof prep, "%.*s", (int)(colon - w->pp), w->pp);
            int found = 0;
            for (int k = 0; k < p->npp; k++)
                if (word_is(p->pp[k].prep, prep) && np_is(p->pp[k].np, colon + 1)) found = 1;
            ok &= found;
        }
        if (!ok) {
            printf("wrong '%s' in: %s\n", w->verb, w->sent);
            fw_syn_print(stdout, cur, tok, &out);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* Modal, tense and the verb group's extent: what a factuality gate reads. */
static void test_verb_group(void **state)
{
    (void)state;
    analyse("The army will launch an offensive.");
    const struct fw_syn_pred *p = pred("launch");
    assert_non_null(p);
    assert_int_equal(p->tense, FW_TENSE_FUTURE);
    assert_true(word_is(p->modal, "will"));
    assert_true(word_is(p->vg_start, "will"));
    analyse("Rebels could have been planning attacks.");
    p = pred("planning");
    assert_non_null(p);
    assert_true(word_is(p->modal, "could"));
    assert_true((p->flags & (FW_SYN_PERFECT | FW_SYN_PROGRESSIVE)) == (FW_SYN_PERFECT | FW_SYN_PROGRESSIVE));
    assert_true(word_is(out.np[p->subj].head, "Rebels"));
    analyse("Iran has not yet responded.");
    p = pred("responded");
    assert_non_null(p);
    assert_true(word_is(p->neg, "not"));
    assert_int_equal(p->tense, FW_TENSE_PRESENT);
    analyse("The rebels never fired on civilians.");
    p = pred("fired");
    assert_non_null(p);
    assert_true(p->flags & FW_SYN_NEG);
    assert_int_equal(p->tense, FW_TENSE_PAST);
}

/* Tags of a few words whose tag decides the analysis. */
static void test_tags(void **state)
{
    (void)state;
    analyse("The US envoy said the talks are about to resume.");
    assert_string_equal(fw_pos_name(out.pos[1]), "NNP");  /* "US", not the pronoun */
    assert_string_equal(fw_pos_name(out.pos[3]), "VBD");
    assert_string_equal(fw_pos_name(out.pos[7]), "IN");   /* "about" stays a preposition */
    analyse("Troops killed five suspects.");
    assert_string_equal(fw_pos_name(out.pos[1]), "VBD");
    assert_string_equal(fw_pos_name(out.pos[3]), "NNS");
    analyse("Iran's army said it's ready.");
    assert_string_equal(fw_pos_name(out.pos[1]), "POS");
    assert_string_equal(fw_pos_name(out.pos[5]), "VBZ");
    /* a participle between a clause's opening subject and its object is its past tense; after
     * "by" it stays a participle; a base form after a possessive and a number is a noun */
    analyse("When thousands of residents launched “save the city” marches, police fired teargas.");
    assert_string_equal(fw_pos_name(out.pos[4]), "VBD");
    analyse("The report described the weapons launched by the rebels.");
    assert_string_equal(fw_pos_name(out.pos[5]), "VBN");
    analyse("He discussed Trump's July 25 call with Zelensky.");
    assert_string_equal(fw_pos_name(out.pos[6]), "NN");
    /* a present tense right after the nouns of a preposition's object is their compound's noun */
    analyse("He was indicted by the war crimes court for his part in the atrocities.");
    assert_string_equal(fw_pos_name(out.pos[7]), "NN");
    /* a plural of a numeral counts, it never acts: no third person verb after a comma */
    analyse("In Bergen, thousands of farmers marched on Friday.");
    assert_string_equal(fw_pos_name(out.pos[3]), "NNS");
    assert_string_equal(fw_pos_name(out.pos[6]), "VBD");
    analyse("In Bergen, hundreds of students rallied on Friday.");
    assert_string_equal(fw_pos_name(out.pos[3]), "NNS");
    /* no adverb follows a possessive: "Norway's military said" is a noun and a past tense */
    analyse("Norway's military said its jets shot down two aircraft.");
    assert_string_equal(fw_pos_name(out.pos[2]), "NN");
    assert_string_equal(fw_pos_name(out.pos[3]), "VBD");
    /* "were" and "was" are never participles, after a fronted phrase of place either */
    analyse("Among the wounded in the town were two children.");
    assert_string_equal(fw_pos_name(out.pos[6]), "VBD");
    analyse("In the second car was a Norwegian diplomat.");
    assert_string_equal(fw_pos_name(out.pos[4]), "VBD");
    /* joined verbs share their tense: a base form after a noun's "and", in a past-tense clause,
     * before a noun, modifies that noun; a future clause keeps its joined verb */
    analyse("Riot police fired rubber bullets and tear gas at the crowd.");
    assert_string_equal(fw_pos_name(out.pos[6]), "NN");
    analyse("The board will fire the manager and hire staff.");
    assert_string_equal(fw_pos_name(out.pos[7]), "VB");
    /* a gerund right after a verb that takes no gerund object, before a bare noun, describes the
     * noun; after one that does ("stopped selling arms") it is that verb's object */
    analyse("Norway imposed sweeping sanctions on Sweden.");
    assert_string_equal(fw_pos_name(out.pos[2]), "JJ");
    assert_true(np_is(pred("imposed")->obj, "sanctions"));
    analyse("Norway stopped selling arms to Sweden.");
    assert_string_equal(fw_pos_name(out.pos[2]), "VBG");
    analyse("Troops arrested protesting farmers in Oslo.");
    assert_string_equal(fw_pos_name(out.pos[2]), "JJ");
    analyse("Troops fired tear gas at the crowd.");
    assert_string_equal(fw_pos_name(out.pos[2]), "NN");
    /* "chief" ending its noun phrase is the noun ("the army chief, General X"); before one it is
     * the adjective ("the chief negotiator") */
    analyse("The president fired the army chief, General Berg, on Monday.");
    assert_string_equal(fw_pos_name(out.pos[5]), "NN");
    analyse("The chief negotiator left Oslo.");
    assert_string_equal(fw_pos_name(out.pos[1]), "JJ");
    /* a number's qualifier opens an object: the participle before it is the past tense */
    analyse("Swedish police detained more than 300 people on Saturday.");
    assert_string_equal(fw_pos_name(out.pos[2]), "VBD");
    analyse("Gunmen killed at least 12 villagers.");
    assert_string_equal(fw_pos_name(out.pos[1]), "VBD");
    /* a participle after the sentence's opening noun phrase, when every later finite verb is in a
     * clause a wh-word opens, is the sentence's verb; before a main verb it describes the noun */
    analyse("The Swedish government condemned on Wednesday what it called a provocation.");
    assert_string_equal(fw_pos_name(out.pos[3]), "VBD");
    analyse("The man arrested on Monday was charged with murder.");
    assert_string_equal(fw_pos_name(out.pos[2]), "VBN");
    analyse("A report released in February by the UN office described the killings.");
    assert_string_equal(fw_pos_name(out.pos[2]), "VBN");
    /* a name's parenthesised acronym stands between it and its past tense */
    analyse("The Swedish Liberation Front (SLF) attacked the town on Monday.");
    assert_string_equal(fw_pos_name(out.pos[7]), "VBD");
    assert_int_equal(fw_pos_parse("PRP$", 4), FW_POS_PRPS);
    assert_int_equal(fw_pos_parse("-LRB-", 5), FW_POS_LRB);
    assert_int_equal(fw_pos_parse("XX", 2), FW_POS_NONE);
}

/* Chunks and NP extents. */
static void test_chunks(void **state)
{
    (void)state;
    analyse("The leader of Hamas met the Palestinian president, Mahmoud Abbas, in Gaza.");
    const struct fw_syn_pred *p = pred("met");
    assert_non_null(p);
    const struct fw_syn_np *s = &out.np[p->subj], *o = &out.np[p->obj];
    assert_int_equal(s->start, 0);
    assert_true(word_is(s->end - 1, "Hamas"));                /* "of" stays inside */
    assert_true(o->appos >= 0 && word_is(out.np[o->appos].head, "Abbas"));
    assert_int_equal(out.chunk[0], FW_CHUNK_NP);
    assert_int_equal(out.chunk[6], FW_CHUNK_NP);              /* "Palestinian": an adjective inside the phrase */
    assert_int_equal(out.chunk[4], FW_CHUNK_VP);
    assert_int_equal(out.pred_of[4], (int)(p - out.pred));
    analyse("On Monday, police detained him.");
    assert_true(out.np[out.np_of[1]].temporal);
    p = pred("detained");
    assert_true(word_is(out.np[p->subj].head, "police"));
    assert_true(out.np[p->obj].pronoun);
    /* an -ly adverb and its participle before a noun stay inside the phrase: no clause of
     * "populated" takes the main verb's date */
    analyse("The army declared martial law in two densely populated districts of Oslo on Sunday.");
    p = pred("declared");
    assert_non_null(p);
    assert_null(pred("populated"));
    int on = 0;
    for (int k = 0; k < p->npp; k++) on |= word_is(out.np[p->pp[k].np].head, "Sunday");
    assert_true(on);
    /* past a gerund clause set off by commas, what a verb of saying took for its object is the
     * subject of the clause said */
    analyse("The ministry said Swedish forces, using tanks, mortars and drones, attacked Norwegian outposts.");
    p = pred("attacked");
    assert_non_null(p);
    assert_true(p->subj >= 0 && word_is(out.np[p->subj].head, "forces"));
    assert_int_equal(p->type, FW_CL_CCOMP);
    assert_int_equal(pred("said")->obj, -1);
}

/* Degenerate input: nothing, punctuation only, a sentence longer than the analysis takes. */
static void test_limits(void **state)
{
    (void)state;
    analyse("");
    assert_int_equal(out.npred, 0);
    analyse("... !! ?");
    assert_int_equal(out.npred, 0);
    static char longs[8192];
    size_t n = 0;
    while (n + 40 < sizeof longs) n += (size_t)snprintf(longs + n, sizeof longs - n, "the army and the police attacked, ");
    analyse(longs);
    assert_true(out.n <= FW_SYN_MAXTOK);
    assert_true(out.npred <= FW_SYN_MAXPRED && out.nnp <= FW_SYN_MAXNP);
    for (size_t i = 0; i < out.npred; i++) {
        const struct fw_syn_pred *p = &out.pred[i];
        assert_true(p->verb >= 0 && (size_t)p->verb < out.n);
        assert_true(p->subj < (int)out.nnp && p->obj < (int)out.nnp && p->gov < (int)out.npred);
    }
}

/* Word soup from every class the rules look at: whatever the order, every index the
 * analysis returns is in range and every role points at a phrase (run under ASan in CI). */
static void test_soup(void **state)
{
    (void)state;
    static const char *const vocab[] = {
        "the", "a", "Israel", "police", "said", "that", "who", "which", "was", "been", "has", "will", "not",
        "attacked", "arrested", "killing", "to", "release", "of", "by", "and", "or", ",", ".", "?", "\"", "(",
        ")", "if", "after", "whether", "Iran's", "his", "three", "Monday", "out", "carried", "urged", "accused",
        "attacks", "planted", "can't", "did", "Did", "it", "they", "on", "with", "against", ";", ":", "US",
        "never", "being", "officials", "the group", "in Gaza", "'s", "--"};
    uint32_t r = 12345;
    char s[1024];
    for (int round = 0; round < 3000; round++) {
        size_t n = 0;
        int words = 1 + (int)(r % 40);
        for (int w = 0; w < words; w++) {
            r = r * 1103515245u + 12345u;
            const char *v = vocab[(r >> 8) % (sizeof vocab / sizeof vocab[0])];
            n += (size_t)snprintf(s + n, sizeof s - n, "%s%s", w ? " " : "", v);
        }
        analyse(s);
        for (size_t i = 0; i < out.nnp; i++) {
            const struct fw_syn_np *np = &out.np[i];
            assert_true(np->start >= 0 && np->start < np->end && (size_t)np->end <= out.n);
            assert_true(np->head >= np->start && np->head < np->end);
            assert_true(np->conj < (int)out.nnp && np->appos < (int)out.nnp);
        }
        for (size_t i = 0; i < out.npred; i++) {
            const struct fw_syn_pred *p = &out.pred[i];
            assert_true(p->vg_start >= 0 && p->vg_start <= p->verb && (size_t)p->verb < out.n);
            assert_true(p->subj < (int)out.nnp && p->obj < (int)out.nnp && p->agent < (int)out.nnp &&
                        p->iobj < (int)out.nnp);
            assert_true(p->gov < (int)out.npred && p->gov != (int)i && p->conj < (int)out.npred);
            assert_true(p->npp <= FW_SYN_MAXPP);
            for (int k = 0; k < p->npp; k++) assert_true(p->pp[k].np >= 0 && p->pp[k].np < (int)out.nnp);
            /* governors form a forest: a walk up ends */
            int g = (int)i;
            size_t steps = 0;
            while (g >= 0 && steps <= out.npred) g = out.pred[g].gov, steps++;
            assert_true(g < 0);
        }
    }
}

static void test_model_files(void **state)
{
    (void)state;
    char err[512], path[256], exe[4096], beside[4200], used[4200];
    /* found beside the running binary when the folder lacks it (a build tree) */
    ssize_t en = readlink("/proc/self/exe", exe, sizeof exe - 1);
    assert_true(en > 0);
    exe[en] = 0;
    *strrchr(exe, '/') = 0;
    snprintf(beside, sizeof beside, "%s/%s", exe, FW_SYN_FILE);
    struct stat st;
    if (lstat(beside, &st) == 0 && S_ISLNK(st.st_mode)) unlink(beside);   /* left by an interrupted run */
    assert_null(fw_syn_model_open("/nonexistent", NULL, 0, err, sizeof err));
    assert_non_null(strstr(err, FW_SYN_FILE));
    char target[4096];
    assert_non_null(realpath(model_path, target));
    assert_int_equal(symlink(target, beside), 0);
    struct fw_syn_model *m = fw_syn_model_open("/nonexistent", used, sizeof used, err, sizeof err);
    unlink(beside);
    assert_non_null(m);
    assert_string_equal(used, beside);
    fw_syn_model_free(m);
    snprintf(path, sizeof path, "/tmp/fw_syn_bad_%d.txt", (int)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("the DT\n", f);
    fclose(f);
    assert_null(fw_syn_model_load(path, err, sizeof err));
    assert_non_null(strstr(err, "not part-of-speech data"));
    f = fopen(path, "w");
    fputs("%%feedwire-postag 1\n%%lexicon\nthe DT\n", f);
    fclose(f);
    assert_null(fw_syn_model_load(path, err, sizeof err));
    assert_non_null(strstr(err, "incomplete"));
    remove(path);
    fw_syn_model_free(NULL);
}

int main(void)
{
    const char *bd = getenv("FW_BUILD_DIR");
    char err[512];
    model = fw_syn_model_open(bd ? bd : ".", model_path, sizeof model_path, err, sizeof err);
    if (!model) {
        fprintf(stderr, "%s: skipped\n", err);
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles),  cmocka_unit_test(test_verb_group), cmocka_unit_test(test_tags),
        cmocka_unit_test(test_chunks), cmocka_unit_test(test_limits),     cmocka_unit_test(test_soup),
        cmocka_unit_test(test_model_files),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    fw_syn_model_free(model);
    return rc;
}
