/* fw_code_context.c, the article as context: places, dates, names and pronouns, repeat
 * mentions, on articles written for it. */
#include "code_test.h"

/* The place tests need the build's gazetteer (scripts/gazetteer.sh); without one they say so. */
static int have_geo(void)
{
    if (!phoenix_geo) fprintf(stderr, "no gazetteer index in the build: places not tested\n");
    return phoenix_geo != NULL;
}

/* The article as context for places: the sentence's own place, else the nearest one named
 * before it in its paragraph, else the country the article is mostly about; each event says
 * which. */
static void test_article_places(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo,
                                  "Taliban fighters attacked Afghan soldiers in Kandahar on Monday. "
                                  "The Taliban also attacked Afghan police.\n\n"
                                  "Afghan police arrested Taliban fighters.\n\n"
                                  "Afghanistan has suffered for years. Afghanistan is poor.",
                                  "2022-08-31");
    const struct fw_event *first = NULL, *second = NULL, *third = NULL;
    const char *t = "Taliban fighters attacked Afghan soldiers in Kandahar on Monday. The Taliban";
    for (size_t i = 0; i < l.n; i++) {
        const struct fw_event *e = &l.ev[i];
        if (e->sent_start == 0 && !first) first = e;
        else if (e->sent_start > 0 && e->sent_start < strlen(t) && !second) second = e;
        else if (e->sent_start > strlen(t) && !third) third = e;
    }
    assert_non_null(first);
    assert_non_null(second);
    assert_non_null(third);
    assert_true(first->has_loc && second->has_loc && third->has_loc);
    assert_int_equal(first->loc_source, FW_LSRC_SENTENCE);
    assert_string_equal(first->loc_name, "Kandahar");
    assert_int_equal(second->loc_source, FW_LSRC_PARAGRAPH);        /* same paragraph: Kandahar again */
    assert_string_equal(second->loc_name, "Kandahar");
    assert_int_equal(third->loc_source, FW_LSRC_ARTICLE);           /* a new paragraph: the article's country */
    assert_string_equal(third->loc_cc2, "AF");
    fw_event_list_fini(&l);
}

/* An article whose own events place nothing leaves a state body to act at home: the country it
 * mentions most is only a guess, and the Norwegian ministry's inquiry is in Norway; an event
 * with no state source still takes the guess. */
static void test_state_body_acts_at_home(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo,
                                  "Swedish exports rose and Swedish prices fell. Sweden is cold.\n\n"
                                  "The Norwegian justice ministry is investigating the shipping company.\n\n"
                                  "Swedish bankers and Swedish traders criticized the bankers' union.",
                                  "2022-08-31");
    const struct fw_event *inquiry = NULL, *critics = NULL;
    for (size_t i = 0; i < l.n; i++) {
        if (!strcmp(l.ev[i].cameo, "090") && !inquiry) inquiry = &l.ev[i];
        if (!strncmp(l.ev[i].cameo, "11", 2) && !critics) critics = &l.ev[i];
    }
    assert_non_null(inquiry);
    assert_true(inquiry->has_loc);
    assert_int_equal(inquiry->loc_source, FW_LSRC_ACTOR);
    assert_string_equal(inquiry->loc_cc2, "NO");
    if (critics && critics->has_loc) assert_int_not_equal(critics->loc_source, FW_LSRC_ACTOR);
    fw_event_list_fini(&l);
}

/* A date the analysis attaches to a later clause with a subject of its own dates that clause
 * ("demanded how he could be sure what he was doing on the night of March 10": not the
 * demand), unless that clause reports the verb ("troops attacked the town, officials said on
 * Monday": the attack keeps Monday). */
static void test_date_of_embedded_clause(void **state)
{
    struct fw_event_list l = code(phoenix,
                                  "The Swedish minister repeatedly demanded how the Norwegian minister could be so sure "
                                  "what he was doing on the night of March 10.",
                                  "2019-11-18");
    int demand = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "10", 2)) {
            assert_int_not_equal(l.ev[i].date.m, 3);
            assert_int_not_equal(l.ev[i].date_source, FW_DSRC_TEXT);
            demand = 1;
        }
    assert_true(demand);
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish troops attacked the town, Norwegian officials said on Monday.", "2019-11-20");
    int attack = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "19", 2)) {
            assert_int_equal(l.ev[i].date_source, FW_DSRC_TEXT);
            assert_int_equal(l.ev[i].date.d, 18);
            attack = 1;
        }
    assert_true(attack);
    fw_event_list_fini(&l);
    /* a "when" right after a date puts its clause at that time */
    l = code(phoenix, "At least eight people were killed and dozens wounded on Friday when Swedish police opened fire "
                      "on protesters near Oslo.", "2019-11-16");
    int fire = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!strcmp(l.ev[i].src.code, "SWECOP")) {
            assert_int_equal(l.ev[i].date_source, FW_DSRC_TEXT);
            assert_int_equal(l.ev[i].date.d, 15);
            fire = 1;
        }
    assert_true(fire);
    fw_event_list_fini(&l);
    /* a clause of time with its own date tells a dated happening of its own, and a weapon no
     * one is said to have set did what it did by no one named */
    l = code(phoenix, "The fighting came a week after a car bomb exploded in Oslo on Nov. 13, killing 12 people.",
             "2019-11-21");
    int bomb = 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.ev[i].cameo[0] == '1' && l.ev[i].cameo[1] == '8') {
            assert_string_equal(l.ev[i].src.code, "---");
            assert_int_equal(l.ev[i].date.m, 11);
            assert_int_equal(l.ev[i].date.d, 13);
            bomb = 1;
        }
    assert_true(bomb);
    fw_event_list_fini(&l);
}

/* Where a sentence places what happens: a place after a preposition and "the" ("across the
 * West Bank"); a place that opens the sentence as its frame ("In Oslo, ...") over a preposition
 * after the verb ("sanctions on Norway's minister"); a whole name, not its first word ("near
 * Plaza Murillo" is no town called Plaza). A dateline whose country no event acts in or is
 * placed in is a bureau ("DUBAI (Reuters) — Iranian police ..."), not the story's place. */
static void test_sentence_place_frames(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo, "Swedish jets struck targets across the West Bank on Monday.", "2019-11-20");
    assert_true(l.n >= 1 && l.ev[0].has_loc);
    assert_int_equal(l.ev[0].loc_source, FW_LSRC_SENTENCE);
    assert_string_equal(l.ev[0].loc_cc2, "PS");
    fw_event_list_fini(&l);
    l = code(phoenix_geo, "In Oslo, the Swedish foreign ministry on Friday imposed sanctions on Finland's fishing minister.",
             "2019-11-20");
    assert_true(l.n >= 1 && l.ev[0].has_loc);
    assert_string_equal(l.ev[0].loc_cc2, "NO");
    fw_event_list_fini(&l);
    l = code(phoenix_geo, "Swedish police fired tear gas at protesters near Plaza Murillo on Monday.", "2019-11-20");
    assert_true(l.n > 0);
    for (size_t i = 0; i < l.n; i++)
        if (l.ev[i].has_loc) assert_string_not_equal(l.ev[i].loc_name, "Plaza");
    fw_event_list_fini(&l);
    l = code(phoenix_geo, "DUBAI (Reuters) \xe2\x80\x94 Iranian police killed 14 protesters in Shiraz on Monday.\n\n"
                          "Iranian police also arrested 20 students, officials said.", "2019-11-20");
    int seen = 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.ev[i].has_loc) {
            assert_string_not_equal(l.ev[i].loc_cc2, "AE");
            seen++;
        }
    assert_true(seen >= 2);
    fw_event_list_fini(&l);
    /* "on" before a country names a topic, before a town a place */
    l = code(phoenix_geo, "The Swedish envoy met Norwegian officials on Ukraine on Monday.", "2019-11-20");
    assert_true(l.n > 0);
    for (size_t i = 0; i < l.n; i++)
        if (l.ev[i].has_loc) assert_string_not_equal(l.ev[i].loc_cc2, "UA");
    fw_event_list_fini(&l);
    l = code(phoenix_geo, "Swedish jets carried out strikes on Kabul on Monday.", "2019-11-20");
    assert_true(l.n >= 1 && l.ev[0].has_loc);
    assert_string_equal(l.ev[0].loc_cc2, "AF");
    fw_event_list_fini(&l);
    /* a target of no country takes the sentence's place, an official (his state's wherever he
     * travels) does not */
    l = code(phoenix_geo, "Premier Ola Nordmann was detained in Sweden on Monday.", "2019-11-20");
    assert_true(l.n >= 1);
    assert_string_equal(l.ev[0].tgt.code, "---GOV");
    fw_event_list_fini(&l);
}

/* The article as context for dates: an undated mention takes the date the article gives the same
 * happening; a past-tense report takes the story's recent date from its lead; a present-tense
 * one the publication date. */
static void test_article_dates(void **state)
{
    struct fw_event_list l = code(phoenix,
                                  "Egyptian police arrested Hamas militants on Tuesday.\n\n"
                                  "Israel welcomed the news.\n\n"
                                  "Egyptian police arrested them, officials said.\n\n"
                                  "Israeli troops attacked Hamas militants.\n\n"
                                  "Israel says it supports Egypt.",
                                  "2019-11-20");
    int got_text = 0, got_article = 0, got_lead = 0, got_pub = 0;
    for (size_t i = 0; i < l.n; i++) {
        const struct fw_event *e = &l.ev[i];
        char d[16];
        snprintf(d, sizeof d, "%04d-%02d-%02d", e->date.y, e->date.m, e->date.d);
        if (!strncmp(e->cameo, "17", 2) && e->sent_start == 0) {
            assert_int_equal(e->date_source, FW_DSRC_TEXT);
            assert_string_equal(d, "2019-11-19");
            got_text = 1;
        } else if (!strncmp(e->cameo, "17", 2)) {
            assert_int_equal(e->date_source, FW_DSRC_ARTICLE);
            assert_string_equal(d, "2019-11-19");
            got_article = 1;
        } else if (!strncmp(e->cameo, "19", 2)) {
            assert_int_equal(e->date_source, FW_DSRC_LEAD);
            assert_string_equal(d, "2019-11-19");
            got_lead = 1;
        } else if (strstr(l.ev[i].src.code, "ISR") && e->sent_start > 100) {
            assert_int_equal(e->date_source, FW_DSRC_PUBLICATION);
            assert_string_equal(d, "2019-11-20");
            got_pub = 1;
        }
    }
    assert_true(got_text && got_article && got_lead && got_pub);
    fw_event_list_fini(&l);
    /* a date before a noun dates the noun ("the July 25 meeting"), not what the sentence reports:
     * the event takes the story's date from the lead instead */
    l = code(phoenix,
             "Egyptian police arrested Hamas militants on Tuesday.\n\n"
             "Israeli troops attacked Hamas militants after the July 25 meeting.",
             "2019-11-20");
    int seen = 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.ev[i].sent_start > 0) {
            assert_int_equal(l.ev[i].date_source, FW_DSRC_LEAD);
            assert_int_equal(l.ev[i].date.m, 11);
            assert_int_equal(l.ev[i].date.d, 19);
            seen = 1;
        }
    assert_true(seen);
    fw_event_list_fini(&l);
}

/* Names no dictionary knows are actors; a later surname or "he" stands for the person with the
 * full name, and the title the article gave them. */
static void test_named_actors(void **state)
{
    const char *art = "U.S. envoy Kurt Volker criticized the Russian government on Tuesday. "
                      "Volker also accused Russia of lying. "
                      "He praised Ukraine.";
    struct fw_event_list l = code(phoenix, art, "2019-11-20");
    int seen = 0;
    for (size_t i = 0; i < l.n; i++) {
        const struct fw_event *e = &l.ev[i];
        if (strcmp(e->src.text, "Kurt Volker") && !strstr(e->src.text, "Kurt Volker")) continue;
        assert_string_equal(e->src.country, "USA");   /* the title's country, carried to "Volker" and "He" */
        size_t he = (size_t)(strstr(art, "He praised") - art);
        seen |= e->sent_start == 0 ? 1 : e->sent_start < he ? 2 : 4;
    }
    if (seen != 7) fprintf(stderr, "named actors: seen %d\n", seen);
    assert_int_equal(seen, 7);
    fw_event_list_fini(&l);
}

/* A group's own fighters are the group the article is about ("its fighters stormed"); a state's
 * troops are not named so. A name's apposition codes it for the article ("X, a spokesman for the
 * Norwegian defence ministry, said ... He said"). */
static void test_group_members_and_appositions(void **state)
{
    const char *art = "The Pakistani Taliban claimed the attack on Monday.\n\n"
                      "Last month, its fighters stormed a police compound in Bannu, killing six officers.";
    struct fw_event_list l = code(phoenix, art, "2024-03-21");
    int found = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "19", 2) || !strncmp(l.ev[i].cameo, "18", 2)) {
            assert_string_equal(l.ev[i].src.code, "PAKREB");
            found = 1;
        }
    assert_true(found);
    fw_event_list_fini(&l);
    /* in one sentence: a state's "its jets" are its military, a group's "its fighters" the group */
    l = code(phoenix, "The Norwegian defence ministry said its jets had destroyed 20 Swedish rebel targets.", "2024-03-21");
    assert_true(has_violence(&l));
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "19", 2)) assert_string_equal(l.ev[i].src.code, "NORMIL");
    fw_event_list_fini(&l);
    l = code(phoenix, "Hamas said its fighters attacked Norwegian troops on Monday.", "2024-03-21");
    assert_true(has_violence(&l));
    assert_false(has_root(&l, "11"));
    fw_event_list_fini(&l);
    art = "Arne Dahl, a spokesman for the Norwegian defence ministry, said the border was calm on Monday. "
          "He said Sweden had withdrawn its troops.";
    l = code(phoenix, art, "2024-03-21");
    found = 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.ev[i].sent_start > 0) {
            assert_true(!strncmp(l.ev[i].src.code, "NORGOV", 6));
            found = 1;
        }
    assert_true(found);
    fw_event_list_fini(&l);
}

/* Repeat mentions of one happening are one event, dated by the mention that dates it, listing
 * every sentence; different happenings stay apart. */
static void test_repeat_mentions(void **state)
{
    const char *art = "Egyptian police arrested Hamas militants.\n\n"
                      "Israel welcomed the news.\n\n"
                      "Egyptian police arrested Hamas militants on Tuesday, officials said.\n\n"
                      "Egyptian police arrested Israeli activists.";
    struct fw_event_list l = code(phoenix, art, "2019-11-20");
    int hamas = 0, activists = 0;
    for (size_t i = 0; i < l.n; i++) {
        const struct fw_event *e = &l.ev[i];
        if (strncmp(e->cameo, "17", 2)) continue;
        if (strstr(e->tgt.code, "ISR")) {
            activists++;
            continue;
        }
        hamas++;
        assert_int_equal(e->date_source, FW_DSRC_TEXT);     /* the mention that dates it leads */
        assert_int_equal(e->date.d, 19);
        assert_int_equal(e->nmore, 1);
        assert_int_equal(e->more[0].start, 0);              /* the undated lead sentence is a mention */
    }
    assert_int_equal(hamas, 1);
    assert_int_equal(activists, 1);
    fw_event_list_fini(&l);
    /* two people no dictionary knows, arrested by the same police, are two arrests */
    l = code(phoenix, "Officers arrested Christopher Tays on Monday.\n\nOfficers also arrested John Battin on Monday.",
             "2019-11-20");
    int arrests = 0;
    for (size_t i = 0; i < l.n; i++) arrests += !strncmp(l.ev[i].cameo, "17", 2);
    assert_int_equal(arrests, 2);
    fw_event_list_fini(&l);
}

/* A plural armed, police or military word the agent dictionary lacks acts as that agent; a name no
 * dictionary knows is its target. */
static void test_armed_agents(void **state)
{
    struct fw_event_list l = code(phoenix, "Officers arrested Christopher Tays on Monday.", "2019-11-20");
    const struct fw_event *e = top(&l);
    assert_non_null(e);
    assert_string_equal(e->src.sector, "COP");
    assert_string_equal(e->tgt.text, "Christopher Tays");
    assert_int_equal(strncmp(e->cameo, "17", 2), 0);
    fw_event_list_fini(&l);
}

/* Every event whose source is of country src3, two at least, is placed in the article's country cc2. */
static void assert_article_country(const struct fw_event_list *l, const char *src3, const char *cc2)
{
    int seen = 0;
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->ev[i].src.country, src3)) {
            assert_true(l->ev[i].has_loc);
            assert_string_equal(l->ev[i].loc_cc2, cc2);
            assert_int_equal(l->ev[i].loc_source, FW_LSRC_ARTICLE);
            seen++;
        }
    assert_true(seen >= 2);
}

/* An article that names no place for what happens, about a foreign country its state institutions
 * discuss at home, happens where those institutions act. */
static void test_article_country_from_institutions(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo,
                                  "The U.S. government criticized Ukraine on Tuesday. Ukraine denied it.\n\n"
                                  "The U.S. government also accused Ukraine of corruption.\n\n"
                                  "Ukraine and Ukrainian officials said Ukraine was innocent.",
                                  "2019-11-20");
    assert_article_country(&l, "USA", "US");
    fw_event_list_fini(&l);
}

/* An article whose lead places its happening abroad is about that country, however often the
 * forces of another act in it later (what a government says at home is placed at home: see
 * test_state_acts_at_home). */
static void test_article_country_from_lead(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo,
                                  "Taliban fighters attacked Afghan soldiers in Kandahar on Monday.\n\n"
                                  "U.S. troops attacked Taliban fighters on Tuesday.\n\n"
                                  "U.S. troops also killed five Taliban fighters on Wednesday.",
                                  "2019-11-20");
    assert_article_country(&l, "USA", "AF");
    fw_event_list_fini(&l);
}

/* The date of the same happening told elsewhere: a speaker's claim in the lead takes the day his
 * words are dated later, though the two sentences name the body he addresses differently
 * ("the parliament", "the intelligence committee": neither of a country the coder knows). */
static void test_same_happening_date(void **state)
{
    struct fw_event_list l = code(phoenix, "The Egyptian president has claimed victory over the parliament.\n\n"
                                           "\"We will win,\" the Egyptian president told the intelligence committee on "
                                           "Tuesday.", "2019-11-20");
    const struct fw_event *e = find(&l, "EGYGOV", "---LEG");
    assert_non_null(e);
    assert_int_equal(e->date.d, 19);
    assert_int_equal(e->date_source, FW_DSRC_ARTICLE);
    fw_event_list_fini(&l);
}

/* A pronoun that opens a sentence stands for the subject of the one before, not for the last
 * person that one names; a date before a noun ("the president's July 25 call") dates the noun,
 * not the paragraph's happening. */
static void test_pronoun_subject_and_attributive_date(void **state)
{
    struct fw_event_list l = code(phoenix, "Tim Halvorsen was the third witness testifying Tuesday who listened in on the "
                                           "president's July 25 call with Mr. Dov Ashkenazi. He criticized "
                                           "the Jordanian government.", "2019-11-20");
    const struct fw_event *e = find(&l, NULL, "JORGOV");
    assert_non_null(e);
    assert_string_equal(e->src.text, "Tim Halvorsen");
    assert_int_equal(e->date.m, 11);
    assert_int_equal(e->date.d, 19);
    fw_event_list_fini(&l);
}

/* A "they" that opens a sentence stands for the plural subject of the sentence before, else for
 * the last plural actor it names; not for a singular one. */
static void test_they_opens_sentence(void **state)
{
    struct fw_event_list l = code(phoenix, "Norwegian ministers met Swedish officials on Monday. "
                                           "They criticised the Danish government.", "2019-11-20");
    const struct fw_event *e = find(&l, NULL, "DNKGOV");
    assert_non_null(e);
    assert_string_equal(e->src.code, "NORGOV");
    fw_event_list_fini(&l);
    l = code(phoenix, "Her letter got the attention of two politicians: Senator Tor Halvorsen and "
                      "Senator Dag Ashkenazi. They criticised the Danish government.", "2019-11-20");
    e = find(&l, NULL, "DNKGOV");
    assert_non_null(e);
    assert_string_equal(e->src.text, "Tor Halvorsen");
    fw_event_list_fini(&l);
    l = code(phoenix, "The Norwegian minister arrived on Monday. They criticised the Danish government.", "2019-11-20");
    e = find(&l, NULL, "DNKGOV");
    if (e) assert_true(strcmp(e->src.code, "NORGOV") != 0);
    fw_event_list_fini(&l);
}

/* "the group" stands for the last group the article named that no dictionary knows (a name
 * ending in a collective noun: Alliance, Front, Coalition), as it does for a known one; a
 * verb the syntactic pass coordinates with it shares that source. */
static void test_group_no_dictionary_knows(void **state)
{
    struct fw_event_list l = code(phoenix, "Members of the Varanger Alliance marched in Oslo on Monday.\n\n"
                                           "The group criticized the Swedish government on Tuesday, and demanded talks.",
                                  "2019-11-20");
    const struct fw_event *e = find(&l, NULL, "SWEGOV");
    assert_non_null(e);
    assert_string_equal(e->src.text, "Varanger Alliance");
    int demand = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "10", 2)) {
            assert_string_equal(l.ev[i].src.text, "Varanger Alliance");
            demand = 1;
        }
    assert_true(demand);
    fw_event_list_fini(&l);
    /* the more recent of a known non-state actor and a group no dictionary knows */
    l = code(phoenix, "Members of the Varanger Alliance marched in Oslo on Monday.\n\n"
                      "Taliban fighters attacked a Swedish convoy on Tuesday.\n\n"
                      "The group criticized the Swedish government on Wednesday.", "2019-11-20");
    e = find(&l, NULL, "SWEGOV");
    assert_non_null(e);
    assert_string_not_equal(e->src.text, "Varanger Alliance");
    assert_non_null(strstr(e->src.code, "AFG"));
    fw_event_list_fini(&l);
}

/* The same happening elsewhere dates an undated mention only when it is the same source: "the
 * president" in a sentence dated Sept. 1 is some official, and dates no statement of Trump's. */
static void test_same_happening_needs_same_source(void **state)
{
    struct fw_event_list l = code(phoenix, "The Norwegian envoy said the president criticized Sweden on Sept. 1.\n\n"
                                           "Prime Minister Ola Berg also criticized the plan, reporters said.",
                                  "2019-11-20");
    int seen = 0;
    for (size_t i = 0; i < l.n; i++)
        if (strstr(l.ev[i].src.text, "Berg")) {
            assert_int_not_equal(l.ev[i].date_source, FW_DSRC_ARTICLE);
            assert_int_not_equal(l.ev[i].date.m, 9);
            seen = 1;
        }
    assert_true(seen);
    fw_event_list_fini(&l);
}

/* A bare toll in the paragraph of an attack ("More than 200 people were wounded, officials
 * said") is one more mention of that attack; a toll with its own date, or in another paragraph,
 * stays its own event. */
static int violent_code(const char *c)
{
    return c[0] == '1' && (c[1] == '8' || c[1] == '9');
}

/* The violent events of an article coded from text, and the repeat mentions merged into them. */
static size_t violent_events(const char *text, const char *published, size_t *more)
{
    struct fw_event_list l = code(phoenix, text, published);
    size_t violent = 0;
    *more = 0;
    for (size_t i = 0; i < l.n; i++)
        if (violent_code(l.ev[i].cameo)) violent++, *more += (size_t)l.ev[i].nmore;
    fw_event_list_fini(&l);
    return violent;
}

static void test_toll_joins_attack(void **state)
{
    size_t more;
    assert_int_equal(violent_events("Swedish troops opened fire on Norwegian protesters near the bridge on Monday. "
                                    "More than 200 people were wounded, officials said.", "2019-11-20", &more), 1);
    assert_int_equal(more, 1);
    assert_int_equal(violent_events("Swedish troops opened fire on Norwegian protesters near the bridge on Monday.\n\n"
                                    "More than 200 people were wounded on Sunday, officials said.", "2019-11-20", &more), 2);
    /* a later paragraph's toll, dated by its report a day after, is the same attack's */
    assert_int_equal(violent_events("Swedish troops opened fire on Norwegian protesters near the bridge on Monday.\n\n"
                                    "The crowd fled toward the river.\n\n"
                                    "The health minister said on Tuesday that 21 people had been killed.", "2019-11-20", &more), 1);
    assert_int_equal(more, 1);
    /* ... but not one dated weeks after it: another happening's count */
    assert_int_equal(violent_events("Swedish troops opened fire on Norwegian protesters near the bridge on Nov. 4.\n\n"
                                    "The health minister said on Nov. 19 that 21 people had been killed.", "2019-11-20", &more), 2);
}

/* A street protest named as the subject of a verb of its course is the protesters acting: dissent
 * (14), a riot 145; one that is done to ("the march was banned"), or one said to have become
 * something, is no protest happening. */
static void test_protest_noun_subject(void **state)
{
    struct fw_event_list l = code(phoenix, "The protests began on Monday in Bergen.", "2019-11-20");
    assert_int_equal(l.n, 1);
    assert_string_equal(l.ev[0].cameo, "140");
    assert_string_equal(l.ev[0].src.sector, "OPP");
    assert_string_equal(l.ev[0].loc_cc2, "NO");
    assert_int_equal(l.ev[0].date.d, 18);
    fw_event_list_fini(&l);
    l = code(phoenix, "Riots broke out in Oslo on Tuesday.", "2019-11-20");
    assert_int_equal(l.n, 1);
    assert_string_equal(l.ev[0].cameo, "145");
    assert_true(l.ev[0].tgt.code[0] == 0 || strcmp(l.ev[0].tgt.code, "NOR") != 0);   /* Oslo is where, not whom */
    fw_event_list_fini(&l);
    l = code(phoenix, "Demonstrations spread to more than 100 Norwegian cities over the weekend.", "2019-11-20");
    assert_true(has_root(&l, "14"));
    fw_event_list_fini(&l);
    l = code(phoenix, "The march in Oslo was banned on Tuesday.", "2019-11-20");
    assert_false(has_root(&l, "14"));
    fw_event_list_fini(&l);
    l = code(phoenix, "By then the protests in Bergen had broadened into a movement.", "2019-11-20");
    assert_false(has_root(&l, "14"));
    fw_event_list_fini(&l);    /* a market's rally, a record "broken", is no protest */
    l = code(phoenix, "The Norwegian krone broke above its high as the rally continued on Monday.", "2019-11-20");
    assert_false(has_root(&l, "14"));
    fw_event_list_fini(&l);
}

/* A verb the dictionary gives no code of its own ("HOLD ... [---]" in CONFINE, 170) confines
 * people, not conversations or majorities; a part of the day belongs to its date. */
static void test_hold_confines_people_only(void **state)
{
    struct fw_event_list l = code(phoenix, "On Monday, the Norwegian prime minister held telephone conversations with the "
                                           "Swedish president.", "2019-11-20");
    assert_false(has_root(&l, "17"));
    fw_event_list_fini(&l);
    /* a seizure of what no one seizes is none: "had taken effect", "took office"; a town or
     * people taken stay seized */
    l = code(phoenix, "The Norwegian ceasefire had taken effect at 8 p.m. on Monday.", "2019-11-20");
    assert_false(has_root(&l, "17"));
    fw_event_list_fini(&l);
    l = code(phoenix, "The new Norwegian prime minister took office on Tuesday.", "2019-11-20");
    assert_false(has_root(&l, "17"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian police took two Swedish suspects into custody on Tuesday.", "2019-11-20");
    assert_true(has_root(&l, "17"));
    fw_event_list_fini(&l);
    /* ... nor ground ("about 10 square kilometers of it", "of Swedish land": the land is no one) */
    l = code(phoenix, "Norwegian troops now held about 10 square kilometers of it.", "2019-11-20");
    assert_false(has_root(&l, "17"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian troops held 10 square kilometers of Swedish land.", "2019-11-20");
    assert_false(has_root(&l, "17"));
    fw_event_list_fini(&l);
    l = code(phoenix, "The Norwegian army has been holding thousands of Swedish refugees as human shields near Narvik.",
             "2019-11-20");
    assert_true(has_root(&l, "17"));
    fw_event_list_fini(&l);
    /* ... a verb of words keeps its meaning over a thing ("REPORT [---]" in a 010 block) */
    l = code(phoenix, "Norway also reported 26 new cases of plague on Sunday.", "2019-11-20");
    assert_true(has_root(&l, "01"));
    fw_event_list_fini(&l);
    /* the subject before a relative clause with no coded verb in it acts */
    l = code(phoenix, "Norwegian lawmakers, who hold a majority in parliament, boycotted the Swedish session on Monday.",
             "2019-11-20");
    assert_true(l.n >= 1);
    assert_string_equal(l.ev[0].src.code, "NORLEG");
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish militants detonated two car bombs in Oslo on Friday evening.", "2019-11-20");
    assert_true(l.n >= 1);
    assert_int_equal(l.ev[0].date.d, 15);
    assert_int_equal(l.ev[0].date_source, FW_DSRC_TEXT);
    fw_event_list_fini(&l);
}

/* An attack its sentence names no doer of, set off with "an attack claimed by X", is X's, as
 * claimed; "also" between the noun and its participle keeps the participle. */
static void test_attack_claimed_by(void **state)
{
    struct fw_event_list l = code(phoenix, "On Monday, a roadside bomb near Kandahar killed three Afghan soldiers, "
                                           "an attack also claimed by the Taliban.", "2019-11-20");
    const struct fw_event *e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (violent_code(l.ev[i].cameo)) e = &l.ev[i];
    assert_non_null(e);
    assert_string_equal(e->src.code, "AFGREB");
    assert_int_equal(e->date.d, 18);
    fw_event_list_fini(&l);
    /* ... in an active relative clause of the attack noun too */
    l = code(phoenix, "On Monday, several rockets struck the outskirts of Oslo, in an attack that the Swedish rebel "
                      "leader later acknowledged.", "2019-11-20");
    e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (violent_code(l.ev[i].cameo)) e = &l.ev[i];
    assert_non_null(e);
    assert_string_equal(e->src.code, "SWEREB");
    fw_event_list_fini(&l);
    /* a town's name in lower case that the tagger reads as a common noun is that noun */
    struct fw_event_list t = code(phoenix, "Protesters set fire to tyres outside the Norwegian parliament on Monday.",
                                  "2019-11-20");
    assert_true(t.n >= 1);
    for (size_t i = 0; i < t.n; i++) {
        assert_true(strncmp(t.ev[i].src.code, "LBN", 3) != 0);
        assert_true(strncmp(t.ev[i].tgt.code, "LBN", 3) != 0);
    }
    fw_event_list_fini(&t);
    /* a state's missile is its military's, as its warplanes are */
    struct fw_event_list m = code(phoenix, "On Monday, a Swedish missile slammed into a house in Narvik, killing two "
                                           "Norwegian soldiers.", "2019-11-20");
    int swedish = 0;
    for (size_t i = 0; i < m.n; i++) swedish |= violent_code(m.ev[i].cameo) && !strcmp(m.ev[i].src.code, "SWEMIL");
    assert_true(swedish);
    fw_event_list_fini(&m);
    /* "on southern Israel" is ground, "sanctions on Iran" a topic */
    struct fw_event_list g = code(phoenix, "Hamas fired rockets on southern and central Israel on Wednesday.", "2019-11-20");
    assert_true(g.n >= 1);
    assert_string_equal(g.ev[0].loc_cc2, "IL");
    assert_int_equal(g.ev[0].loc_source, FW_LSRC_SENTENCE);
    fw_event_list_fini(&g);
    /* a journey's "to" is where it went */
    struct fw_event_list j = code(phoenix, "Last week, the Norwegian foreign minister traveled to Havana, where he met "
                                           "Cuban officials.", "2019-11-20");
    assert_true(j.n >= 1);
    assert_string_equal(j.ev[0].loc_cc2, "CU");
    assert_int_equal(j.ev[0].loc_source, FW_LSRC_SENTENCE);
    fw_event_list_fini(&j);
    /* no claim: no one named did it */
    l = code(phoenix, "On Monday, a roadside bomb near Kandahar killed three Afghan soldiers.", "2019-11-20");
    e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (violent_code(l.ev[i].cameo)) e = &l.ev[i];
    assert_non_null(e);
    assert_true(strncmp(e->src.code, "AFGREB", 6) != 0);
    fw_event_list_fini(&l);
}

/* "X and Y fired on each other": each member of the compound acts on the other (the verb of a
 * "when" clause after its subject is finite); "Bulak-Bashy" is no town called Bulak. */
static void test_each_other(void **state)
{
    struct fw_event_list l = code(phoenix, "The first shots were exchanged on Monday, when Norwegian and Swedish border "
                                           "guards fired on each other near the village of Bulak-Bashy in Norway.",
                                  "2019-11-20");
    assert_non_null(find(&l, "NORMIL", "SWEMIL"));
    assert_non_null(find(&l, "SWEMIL", "NORMIL"));
    /* "the northern Norwegian town of Palma": in Norway, though the gazetteer's Palma is Majorca's */
    struct fw_event_list t = code(phoenix, "Swedish militants attacked the northern Norwegian town of Palma on Monday.",
                                  "2019-11-20");
    assert_true(t.n >= 1);
    assert_string_equal(t.ev[0].loc_cc2, "NO");
    fw_event_list_fini(&t);
    for (size_t i = 0; i < l.n; i++) {
        assert_true(violent_code(l.ev[i].cameo));
        assert_string_equal(l.ev[i].loc_cc2, "NO");
        assert_int_equal(l.ev[i].date.d, 18);
    }
    fw_event_list_fini(&l);
}

/* Force an actor commits itself to ("vowed to attack", "pledged to keep fighting") is a threat it
 * makes now: 138 (or the pledge, 030), asserted, never violence. */
static void test_vowed_force_is_threat(void **state)
{
    const char *vows[] = {"The Swedish militants vowed to attack Norway.", "The Swedish militants pledged to keep fighting.",
                          "The Swedish militants threatened to attack Norway."};
    for (size_t i = 0; i < sizeof vows / sizeof vows[0]; i++) {
        struct fw_event_list l = code(phoenix, vows[i], "2019-11-20");
        int threat = 0;
        for (size_t k = 0; k < l.n; k++) {
            assert_false(violent_code(l.ev[k].cameo));
            if (!strncmp(l.ev[k].cameo, "13", 2) || !strncmp(l.ev[k].cameo, "03", 2)) {   /* the threat, or the pledge */
                threat = 1;
                assert_int_equal(l.ev[k].modality, FW_MOD_ASSERTED);
            }
        }
        assert_true(threat);
        fw_event_list_fini(&l);
    }
    struct fw_event_list l = code(phoenix, "Swedish militants attacked Norwegian troops on Monday.", "2019-11-20");
    assert_true(has_root(&l, "19") || has_root(&l, "18"));
    fw_event_list_fini(&l);
}

/* A source citation closing a sentence, as analyses write them ("(NRK, November 13)"), dates what
 * was said, not a date inside what was said; an act keeps its own date. */
static void test_citation_dates_statement(void **state)
{
    struct fw_event_list l = code(phoenix, "The Norwegian defence ministry accused Sweden of provocations on the night of "
                                           "November 11, saying its units had responded (NRK, November 13).",
                                  "2019-11-20");
    const struct fw_event *e = find(&l, NULL, "SWE");
    assert_non_null(e);
    assert_int_equal(e->date.d, 13);
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish troops shelled Norwegian positions near Narvik on November 11 (NRK, November 13).",
             "2019-11-20");
    assert_true(l.n >= 1);
    assert_int_equal(l.ev[0].date.d, 11);
    fw_event_list_fini(&l);
}

/* The first of two coordinated main verbs is its subject's act as much as the second: "condemned
 * the attack and ordered police to ..." is a condemnation and an order. */
static void test_first_conjunct_speaks(void **state)
{
    struct fw_event_list l = code(phoenix, "Erik Solberg, the Norwegian prime minister, condemned the attack on Wednesday "
                                           "and ordered police to bring those responsible to justice.", "2019-11-20");
    assert_true(has_root(&l, "11"));
    assert_true(has_root(&l, "15"));
    fw_event_list_fini(&l);
}

/* Force after a main verb of no force is a happening of its own ("launched a search operation,
 * killing two suspected militants in a shootout"), not how the main verb's act was done. */
static void test_force_after_search(void **state)
{
    struct fw_event_list l = code(phoenix, "On Wednesday, Norwegian police launched a search operation in the hills "
                                           "around the station, killing two suspected militants in a shootout.",
                                  "2019-11-20");
    int force = 0;
    for (size_t i = 0; i < l.n; i++) force |= violent_code(l.ev[i].cameo) && !strncmp(l.ev[i].src.code, "NORCOP", 6);
    assert_true(force);
    fw_event_list_fini(&l);
}

/* People with no arms or office who rally demonstrate (141); an army's rally shows force (15x). */
static void test_civilians_rally(void **state)
{
    struct fw_event_list l = code(phoenix, "Last month, thousands of Norwegian residents rallied in Bergen to protest the "
                                           "return of armed militants.", "2019-11-20");
    assert_true(has_root(&l, "14"));
    assert_false(has_root(&l, "15"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish troops rallied near the Norwegian border on Monday.", "2019-11-20");
    assert_true(has_root(&l, "15"));
    fw_event_list_fini(&l);
}

/* What a flood destroys no one destroyed: the second of "damaged or destroyed" has the flood for doer. */
static void test_flood_destroys(void **state)
{
    struct fw_event_list l = code(phoenix, "The floods in Norway have killed nearly 1,600 people and damaged or destroyed "
                                           "more than 2 million homes, the disaster agency said.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_true(l.ev[i].cameo[0] == '0');   /* the agency's statement at most */
    fw_event_list_fini(&l);
}

/* A verb of belief without a pattern of its own is an opinion held, no consultation (040). */
static void test_belief_is_no_consultation(void **state)
{
    struct fw_event_list l = code(phoenix, "The Norwegian minister said he thought the Swedish campaign was meant to "
                                           "raise eyebrows.", "2019-11-20");
    assert_false(has_root(&l, "04"));
    fw_event_list_fini(&l);
    l = code(phoenix, "The Norwegian minister met the Swedish envoy in Oslo on Monday.", "2019-11-20");
    assert_true(has_root(&l, "04"));
    fw_event_list_fini(&l);
}

/* The story's date comes from a sentence of its lead, not from the page's timestamp line
 * ("Updated 3:27 am PST, Wednesday, November 20, 2019"). */
static void test_lead_date_not_timestamp(void **state)
{
    struct fw_event_list l = code(phoenix, "Updated 3:27 am PST, Wednesday, November 20, 2019\n\n"
                                           "Norwegian police arrested six Swedish activists on Monday.\n\n"
                                           "Norwegian police also raided the offices of a Swedish group.",
                                  "2019-11-20");
    int lead = 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.ev[i].date_source == FW_DSRC_LEAD) {
            assert_int_equal(l.ev[i].date.d, 18);
            lead = 1;
        }
    assert_true(lead);
    fw_event_list_fini(&l);
}

/* The date of the act a verdict is for ("for killing a civilian in 2019") is not the verdict's. */
static void test_verdict_date(void **state)
{
    struct fw_event_list l = code(phoenix, "A Norwegian court on Wednesday sentenced a Swedish soldier to life in prison for "
                                           "killing a civilian in Finnmark in 2019.", "2022-08-31");
    assert_true(l.n >= 1);
    assert_true(!strncmp(l.ev[0].cameo, "17", 2));
    assert_int_equal(l.ev[0].date.y, 2022);
    assert_int_equal(l.ev[0].date.m, 8);
    assert_int_equal(l.ev[0].date.d, 31);
    fw_event_list_fini(&l);
}

/* A date inside a relative clause set off by commas dates the clause, not the main verb; a
 * vague count ("dozens of") is no quantity. */
static void test_relative_date_and_vague_count(void **state)
{
    struct fw_event_list l = code(phoenix, "The Swedish junta, which seized power in a coup in September 2019, has expelled "
                                           "dozens of Norwegian diplomats.", "2022-08-31");
    assert_true(l.n >= 1);
    assert_int_not_equal(l.ev[0].date.y, 2019);
    assert_int_equal((int)l.ev[0].qty, -1);
    fw_event_list_fini(&l);
}

/* A person the actor dictionary knows by full name is meant by the last name alone later on. */
static void test_dictionary_person_alias(void **state)
{
    struct fw_event_list l = code(phoenix, "Swedish Prime Minister Fredrik Reinfeldt visited Oslo on Monday.\n\n"
                                           "Reinfeldt accused Norway of spying.", "2010-06-26");
    const struct fw_event *e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "11", 2)) e = &l.ev[i];
    assert_non_null(e);
    assert_string_equal(e->src.code, "SWEGOV");
    assert_string_equal(e->tgt.code, "NOR");
    fw_event_list_fini(&l);
}

/* A day a schedule points to ("sentencing is set for December 14") is ahead, and dates no later
 * sentence; nor does a relative clause's background day ("who was extradited in 2019"). */
static void test_scheduled_and_background_dates(void **state)
{
    struct fw_event_list l = code(phoenix, "A court in Oslo convicted Swedish businessman Lars Berg of fraud on Thursday. "
                                           "Berg, who was extradited to Norway in 2019, faces ten years in prison. The "
                                           "judge set sentencing for December 14. Norway's prime minister said the "
                                           "verdict was fair.", "2022-08-31");
    const struct fw_event *e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "01", 2)) e = &l.ev[i];
    assert_non_null(e);
    assert_int_equal(e->date_source, FW_DSRC_PARAGRAPH);
    assert_int_equal(e->date.y, 2022);
    assert_int_equal(e->date.m, 8);
    assert_int_equal(e->date.d, 25);
    fw_event_list_fini(&l);
}

/* "of" places only after a noun of space ("the outskirts of Aleppo"); after one of topic or office
 * ("the discussion of Ukraine", "the president of Ukraine") the country is no place where
 * anything happens, and the article stays where its institutions act. */
static void test_of_places(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo,
                                  "The U.S. government criticized the discussion of Ukraine on Tuesday.\n\n"
                                  "The U.S. government also accused the president of Ukraine of corruption.\n\n"
                                  "The U.S. government condemned the occupation of Crimea on Wednesday.",
                                  "2019-11-20");
    assert_article_country(&l, "USA", "US");
    fw_event_list_fini(&l);
    l = code(phoenix_geo, "Syrian troops shelled the outskirts of Aleppo on Monday.", "2019-11-20");
    assert_true(l.n >= 1);
    assert_int_equal(l.ev[0].loc_source, FW_LSRC_SENTENCE);
    assert_string_equal(l.ev[0].loc_cc2, "SY");
    fw_event_list_fini(&l);
}

/* A wire dateline under a headline ("HANOI, Vietnam (AP) — ") places the story: its events
 * without a place of their own are there, and it is no part of the first sentence's actors. */
static void test_dateline_under_headline(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo,
                                  "Esper accuses China of intimidating smaller nations\n\n"
                                  "HANOI, Vietnam (AP) \xe2\x80\x94 The U.S. defense secretary criticized China on "
                                  "Wednesday. The U.S. defense secretary also praised the Philippines.",
                                  "2019-11-20");
    int seen = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!strcmp(l.ev[i].src.country, "USA")) {
            assert_true(l.ev[i].has_loc);
            assert_string_equal(l.ev[i].loc_cc2, "VN");
            assert_int_equal(l.ev[i].loc_source, FW_LSRC_DATELINE);
            seen++;
        }
    assert_true(seen >= 2);
    assert_null(find(&l, "VNM", NULL));
    fw_event_list_fini(&l);
}

/* A name that ends in a document, a gathering or a period names no one who acts. */
static void test_names_of_things(void **state)
{
    struct fw_event_list l = code(phoenix, "The Freedom Act threatened sanctions against Russian officials.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_null(strstr(l.ev[i].src.text, "Freedom Act"));
    fw_event_list_fini(&l);
    /* a common noun in the plural is the class, whatever one-word name a dictionary gives it */
    l = code(phoenix, "Organizations that fight misinformation criticized the Russian government.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_null(strstr(l.ev[i].src.code, "REB"));
    fw_event_list_fini(&l);
    /* an agent word modifying the noun that heads a subject is no agent; one naming people is */
    l = code(phoenix, "Police brutality has fueled the protests in Hong Kong.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_null(strstr(l.ev[i].src.code, "COP"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Police officers arrested two men on Monday.", "2019-11-20");
    assert_non_null(top(&l));
    assert_non_null(strstr(top(&l)->src.code, "COP"));
    fw_event_list_fini(&l);
    /* a verb the dictionaries do not code still ends an actor's noun phrase */
    l = code(phoenix, "The impeachment hearings are an effort by Democrats to establish whether Trump withheld US "
                      "military aid to Ukraine.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) {
        assert_null(strstr(l.ev[i].src.text, "withheld"));
        assert_null(strstr(l.ev[i].tgt.text, "withheld"));
    }
    fw_event_list_fini(&l);
    /* a jury is the judiciary acting (feedwire.supplement.agents.txt) */
    l = code(phoenix, "A federal jury convicted two men of fraud in Texas on Monday.", "2019-11-20");
    assert_non_null(top(&l));
    assert_string_equal(top(&l)->src.sector, "JUD");
    fw_event_list_fini(&l);
    /* a name ending in a street's kind is an address, no actor */
    l = code(phoenix, "Police officers conducted a traffic stop near Seventh Street and Central Avenue on Monday.",
             "2019-11-20");
    for (size_t i = 0; i < l.n; i++) {
        assert_null(strstr(l.ev[i].tgt.text, "Street"));
        assert_null(strstr(l.ev[i].tgt.text, "Avenue"));
    }
    fw_event_list_fini(&l);
    l = code(phoenix, "Halvorsen Drive is closed between Fjord Drive and Apple Valley Road due to a gas leak.", "2019-11-20");
    assert_int_equal(l.n, 0);   /* (the street was what closed) */
    fw_event_list_fini(&l);
    l = code(phoenix, "Kurt Volker threatened sanctions against Russian officials.", "2019-11-20");
    const struct fw_event *e = top(&l);
    assert_non_null(e);
    assert_string_equal(e->src.text, "Kurt Volker");
    fw_event_list_fini(&l);
}


/* A clause a subordinator opens ("since", "after", "before") has its own subject right after it:
 * "since rebels launched an attack" is the rebels' attack, not the dead's, and no relative clause
 * of the noun before it; a verb's object ends where such a clause begins; storming a place is
 * bodily; a present tense in a clause of time is still to come. */
static void test_subordinate_clause_subject(void **state)
{
    struct fw_event_list l = code(phoenix, "Dozens of people have been killed since rebels launched an attack on the "
                                           "Norwegian town of Narvik on Wednesday.", "2019-11-20");
    const struct fw_event *e = find(&l, "---REB", NULL);
    assert_non_null(e);
    assert_int_equal(e->cameo[0], '1');
    assert_int_equal(e->cameo[1], '9');
    assert_int_equal(e->date.d, 20);
    fw_event_list_fini(&l);
    l = code(phoenix, "Three Norwegian soldiers were wounded after Swedish rebels attacked a checkpoint near Narvik on "
                      "Monday.", "2019-11-20");
    e = find(&l, "SWEREB", NULL);
    assert_non_null(e);
    assert_int_equal(e->date.d, 18);
    fw_event_list_fini(&l);
    l = code(phoenix, "The Norwegian minister resigned after protesters stormed parliament on Tuesday.", "2019-11-20");
    e = find(&l, "NORGOV", NULL);
    assert_non_null(e);
    assert_string_not_equal(e->tgt.code, "---OPP");   /* the protesters are no one he resigned against */
    e = find(&l, "---OPP", NULL);
    assert_non_null(e);
    assert_int_equal(e->cameo[0], '1');
    assert_true(e->cameo[1] == '9' || e->cameo[1] == '4');
    fw_event_list_fini(&l);
    expect_no_event(phoenix, "The Norwegian delegation stormed out of the talks on Tuesday.", "2019-11-20");
    expect_no_event(phoenix, "The statement by the Norwegian government comes a day before Erik Solberg heads to "
                             "Stockholm for talks.", "2019-11-20");
}


/* What a violent passive with its doer named was done to is its subject, when no dictionary names
 * it ("a convoy ..., where residents had taken refuge, was ambushed by the rebels"); what a clause
 * as subject is necessary for is no one's act. */
static void test_passive_doer_thing_target(void **state)
{
    struct fw_event_list l = code(phoenix, "Seven people were killed on Friday when a convoy trying to leave the hotel, "
                                           "where residents had taken refuge, was ambushed by Swedish rebels.",
                                  "2019-11-20");
    const struct fw_event *e = find(&l, "SWEREB", NULL);
    assert_non_null(e);
    assert_int_equal(e->cameo[0], '1');
    assert_non_null(strstr(e->tgt.text, "convoy"));
    fw_event_list_fini(&l);
    l = code(phoenix, "In May, Norway's Space Agency director Erik Solberg said returning to the moon was necessary to "
                      "build the infrastructure and knowledge base to send astronauts to Mars.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_true(l.ev[i].cameo[0] == '0' && l.ev[i].cameo[1] == '1');
    fw_event_list_fini(&l);
}


/* A small town of a country the sentence does not name and the article is not about is a namesake
 * ("the village of Banjska" in a story about Kosovo is no Bulgarian Banjska). */
static void test_namesake_town(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo, "Kosovo police said gunmen attacked a patrol near the village of Banjska "
                                               "on Sunday. Kosovo's prime minister blamed Serbia for the attack.\n\n"
                                               "Serbia denied any role. Kosovo closed two border crossings with Serbia "
                                               "on Monday.", "2023-10-05");
    assert_true(l.n >= 2);
    size_t placed = 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.ev[i].has_loc) assert_string_not_equal(l.ev[i].loc_cc2, "BG"), placed++;
    assert_true(placed >= 1);   /* (placed somewhere, not nowhere) */
    fw_event_list_fini(&l);
}

/* A place that names a facility ("La Carlota air base") is where only when the sentence names no
 * other place after it ("... in Caracas"). */
static void test_facility_name(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo, "On Tuesday, Erik Solberg appeared in a video recorded outside La Carlota "
                                               "air base in Bergen and urged the Norwegian armed forces to rise up.",
                                  "2019-11-20");
    assert_true(l.n >= 1);
    assert_true(l.ev[0].has_loc);
    assert_string_equal(l.ev[0].loc_cc2, "NO");
    fw_event_list_fini(&l);
}

/* A word of position between the preposition and the place is the place's ("in downtown
 * Bergen", "in rural Telemark"): the sentence is placed there, not at the dateline. */
static void test_position_word_before_place(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo, "STOCKHOLM (AP) — Norway's prime minister met Swedish officials on Monday.\n\n"
                                               "On Saturday, gunmen stormed a prison in downtown Bergen.", "2019-11-20");
    const struct fw_event *e = find(&l, "---UAF", NULL);
    assert_non_null(e);
    assert_true(e->has_loc);
    assert_int_equal(e->loc_source, FW_LSRC_SENTENCE);
    assert_string_equal(e->loc_cc2, "NO");
    fw_event_list_fini(&l);
}


/* An irregular participle after "been" is a passive too ("has been held"): its subject is what
 * is done to; the clause "since" opens is the detention, its doer the subject past its "of". */
static void test_irregular_passive(void **state)
{
    struct fw_event_list l = code(phoenix, "The Norwegian president has been held at his residence since Wednesday.",
                                  "2019-11-20");
    assert_null(find(&l, "NORGOV", NULL));
    assert_non_null(find(&l, NULL, "NORGOV"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Erik Solberg has been held since members of the Swedish army detained him on Wednesday.",
             "2019-11-20");
    const struct fw_event *e = find(&l, "SWEMIL", NULL);
    assert_non_null(e);
    assert_int_equal(e->cameo[0], '1');
    assert_int_equal(e->cameo[1], '7');
    fw_event_list_fini(&l);
    l = code(phoenix, "The story of the Norwegian talks is told not by the diplomats but by their children.",
             "2019-11-20");
    assert_null(find(&l, "---GOV", NULL));   /* "not by" names who did not */
    fw_event_list_fini(&l);
}


/* Where a move starts is not where it goes: "crossed from occupied Norway into Finland" is done to
 * Finland and placed there; a participle after "from" ("occupied Norway") is an adjective, no
 * seizure. */
static void test_move_from_into(void **state)
{
    struct fw_event_list l = code(phoenix_geo ? phoenix_geo : phoenix,
                                  "Swedish troops crossed from occupied Norway into Finland on Monday.", "2019-11-20");
    assert_null(find(&l, NULL, "NOR"));
    const struct fw_event *e = find(&l, "SWEMIL", "FIN");
    assert_non_null(e);
    if (phoenix_geo) assert_string_equal(e->loc_cc2, "FI");
    fw_event_list_fini(&l);
}



/* A body named in full is then written by its initials ("the Karen National Union" ... "KNU
 * fighters"); one side's attacks are one happening only on one target (the lead's battle dates
 * no seizure of an airport); a sentence opening "Within hours" goes on from the last happening
 * told. */
static void test_initials_and_narrative_dates(void **state)
{
    struct fw_event_list l = code(phoenix, "The Norwegian army attacked the Karen National Union on Saturday.\n\n"
                                           "KNU fighters attacked a Swedish base on Sunday.", "2019-11-20");
    const struct fw_event *e = find(&l, NULL, "SWE");
    assert_non_null(e);
    assert_non_null(strstr(e->src.text, "KNU"));
    assert_string_not_equal(e->src.code, "---UAF");
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish troops attacked Norwegian forces near Narvik on Sunday.\n\n"
                      "The fighting began on Saturday morning near Bodo. Within hours the Swedish army said it had "
                      "taken control of the Bodo airport.", "2019-11-20");
    e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "19", 2) && l.ev[i].tgt.code[0] == '-') e = &l.ev[i];
    assert_non_null(e);
    assert_int_equal(e->date.d, 16);
    fw_event_list_fini(&l);
    /* a weekday a "will" verb happens on is the next one (published Thursday 2019-02-28) */
    l = code(phoenix, "Norway will hand back a captured Swedish pilot on Friday as a gesture of peace.", "2019-02-28");
    e = find(&l, "NOR", NULL);
    assert_non_null(e);
    assert_int_equal(e->date.m, 3);
    assert_int_equal(e->date.d, 1);
    fw_event_list_fini(&l);
    /* a date before the noun of the happening's own frame dates the happening */
    l = code(phoenix, "Two Norwegian soldiers were killed in a March 2019 attack on the base near Narvik.", "2019-11-20");
    assert_true(l.n >= 1);
    assert_int_equal(l.ev[0].date.y, 2019);
    assert_int_equal(l.ev[0].date.m, 3);
    fw_event_list_fini(&l);
    /* (a new paragraph that opens "Within hours" goes on from Saturday's raid, not the lead's Sunday) */
    l = code(phoenix, "Swedish troops attacked Norwegian forces near Narvik on Sunday.\n\n"
                      "On Saturday, Swedish jets bombed a Norwegian radar station near Bodo.\n\n"
                      "Within hours the Swedish army said it had taken control of the Bodo airport.", "2019-11-20");
    e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "192", 3)) e = &l.ev[i];
    assert_non_null(e);
    assert_int_equal(e->date.d, 16);
    fw_event_list_fini(&l);
}


/* What an order or a demand asks for has not happened: no violence is published for "ordering
 * the armed forces to neutralize gangs". */
static void test_demanded_is_not_done(void **state)
{
    struct fw_event_list l = code(phoenix, "Hours later, President Erik Solberg signed a decree declaring that Norway "
                                           "was in a state of \"internal armed conflict\" and ordering the armed forces "
                                           "to \"neutralize\" 22 criminal gangs.", "2019-11-20");
    assert_true(has_root(&l, "10"));
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
}


/* Supporters in the street are people protesting: their gerunds joined by "and" are theirs
 * ("burning tyres and blocking roads"), and a place they storm is a riot (145), no battle. */
static void test_supporters_in_the_street(void **state)
{
    struct fw_event_list l = code(phoenix, "Hours after the verdict on Monday, hundreds of Solberg supporters poured onto "
                                           "the streets of Bergen, burning tyres and blocking roads.", "2019-11-20");
    int by_supporters = 0;
    for (size_t i = 0; i < l.n; i++) by_supporters |= strstr(l.ev[i].src.text, "supporters") != NULL;
    assert_true(by_supporters);
    const struct fw_event *e = find(&l, "---CVL", NULL);
    assert_non_null(e);
    assert_int_equal(e->cameo[0], '1');
    assert_int_equal(e->cameo[1], '4');
    assert_int_equal(e->date.d, 18);
    fw_event_list_fini(&l);
    /* ... whatever governs the first gerund ("tried to topple ..., sending tanks ... and bombing") */
    l = code(phoenix, "Norwegian authorities detained 2,839 soldiers on Saturday after a faction within the armed forces "
                      "tried to topple the government on Friday night, sending tanks into the streets of Bergen and "
                      "bombing the parliament building in Oslo.", "2019-11-20");
    assert_null(find(&l, "NORGOV", "NORLEG"));
    assert_non_null(find(&l, "---MIL", NULL));
    fw_event_list_fini(&l);
    /* a source cited in parentheses is no one the gerund acts on */
    l = code(phoenix, "Gunmen opened fire on a Norwegian police patrol sent to clear the road, killing a sergeant and "
                      "wounding another officer (NRK, September 24).", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_null(strstr(l.ev[i].tgt.text, "NRK"));
    fw_event_list_fini(&l);
    l = code(phoenix, "The same day, Solberg supporters stormed the main protest camp in downtown Oslo.", "2019-11-20");
    assert_true(has_root(&l, "145"));
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
}


/* Two participles joined after one "been" are both passive, and the date after the second dates
 * the first too: "had been stabbed or hacked to death ... on the night of 9 November" (reported
 * on 12 November) is done to the civilians, on the 9th. */
static void test_joined_participles(void **state)
{
    struct fw_event_list l = code(phoenix, "Amnesty International reported on 12 November that dozens of Norwegian "
                                           "civilians had been stabbed or hacked to death in the town of Narvik on the "
                                           "night of 9 November.", "2019-11-20");
    const struct fw_event *e = find(&l, NULL, "NORCVL");
    assert_non_null(e);
    assert_int_equal(e->date.d, 9);
    assert_null(find(&l, "NORCVL", NULL));
    fw_event_list_fini(&l);
}

/* A later main clause that a comma or "and" opens has its own places: the palace stormed is not
 * in the town the president was flown to; "officials said in Oslo" places the saying, not the
 * fighting before it. */
static void test_clause_places(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo, "Norwegian soldiers stormed the presidential palace on Sunday, disarmed "
                                               "the guards and flew the president into exile in Stockholm.",
                                  "2019-11-20");
    const struct fw_event *storm = NULL, *flight = NULL;
    for (size_t i = 0; i < l.n; i++) {
        if (!storm && l.ev[i].cameo[0] == '1' && l.ev[i].cameo[1] == '9') storm = &l.ev[i];
        if (!flight && l.ev[i].cameo[0] == '1' && l.ev[i].cameo[1] == '5') flight = &l.ev[i];
    }
    assert_non_null(storm);
    assert_non_null(flight);
    assert_true(flight->has_loc);
    assert_int_equal(flight->loc_cc2[0], 'S');
    assert_int_equal(flight->loc_cc2[1], 'E');
    assert_false(storm->has_loc && storm->loc_source == FW_LSRC_SENTENCE);
    fw_event_list_fini(&l);
    /* a clause the verb governs keeps the places after it ("said ... that troops attacked ...") */
    l = code(phoenix_geo, "Officials said on Monday that Swedish troops had attacked a village near Tromso.",
             "2019-11-20");
    assert_true(l.n > 0);
    for (size_t i = 0; i < l.n; i++) {
        assert_true(l.ev[i].has_loc);
        assert_int_equal(l.ev[i].loc_cc2[0], 'N');
    }
    fw_event_list_fini(&l);
}

/* A town's namesake in a country neither the sentence nor the article is about is not the
 * place: the article's countries count, two of them too ("Burkina Faso accused Mali ..."), and
 * a small Karma in India is no village of a story about Burkina Faso. */
static void test_article_country_namesakes(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo,
                                  "Burkina Faso accused Mali on Monday of sheltering jihadists who attack Burkina Faso. "
                                  "Mali denied the charge. Burkina Faso's army killed ten jihadists near the Malian "
                                  "border on Sunday.\n\nGunmen killed 20 villagers in Karma on Sunday.",
                                  "2019-11-20");
    const struct fw_event *last = l.n ? &l.ev[l.n - 1] : NULL;
    assert_non_null(last);
    assert_true(last->has_loc);
    assert_int_equal(last->loc_cc2[0], 'B');
    assert_int_equal(last->loc_cc2[1], 'F');
    fw_event_list_fini(&l);
}

/* A dateline with no country after its city ("GENEVA (AP)") names the city the world knows,
 * not a namesake in a country the story mentions (Geneva, Illinois); one with a country after a
 * comma is that country's ("KINGSTON, Jamaica"). */
static void test_dateline_cities(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo, "GENEVA (AP) \xe2\x80\x94 The United States and Iran reached an agreement "
                                               "early Sunday, U.S. officials said. The United States will ease some "
                                               "sanctions, the U.S. State Department said.", "2019-11-20");
    assert_true(l.n > 0);
    for (size_t i = 0; i < l.n; i++) {
        assert_int_equal(l.ev[i].loc_source, FW_LSRC_DATELINE);
        assert_int_equal(l.ev[i].loc_cc2[0], 'C');
        assert_int_equal(l.ev[i].loc_cc2[1], 'H');
    }
    fw_event_list_fini(&l);
    l = code(phoenix_geo, "KINGSTON, Jamaica (AP) \xe2\x80\x94 The United States and Canada reached an agreement early "
                          "Sunday, U.S. officials said.", "2019-11-20");
    assert_true(l.n > 0);
    assert_int_equal(l.ev[0].loc_cc2[0], 'J');
    assert_int_equal(l.ev[0].loc_cc2[1], 'M');
    fw_event_list_fini(&l);
    /* the wires' dateline for the UN's headquarters */
    l = code(phoenix_geo, "UNITED NATIONS (AP) \xe2\x80\x94 The Security Council imposed sanctions on North Korea on "
                          "Saturday.", "2019-11-20");
    assert_true(l.n > 0);
    assert_int_equal(l.ev[0].loc_source, FW_LSRC_DATELINE);
    assert_int_equal(l.ev[0].loc_cc2[0], 'U');
    assert_int_equal(l.ev[0].loc_cc2[1], 'S');
    fw_event_list_fini(&l);
}

/* A state body's words, diplomacy or legal acts that nothing in the text places are done at
 * home, not in the country the article is mostly about (its own events are in Russia here). */
static void test_state_acts_at_home(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo,
                                  "Russian police arrested two activists in Moscow on Monday. Russian police detained "
                                  "three protesters in St Petersburg on Tuesday.\n\nBritish Prime Minister Jane Smith "
                                  "announced the expulsion of 23 Russian diplomats on Wednesday.", "2018-03-15");
    const struct fw_event *last = l.n ? &l.ev[l.n - 1] : NULL;
    assert_non_null(last);
    assert_int_equal(last->cameo[0], '1');
    assert_int_equal(last->cameo[1], '7');
    assert_true(last->has_loc);
    assert_int_equal(last->loc_source, FW_LSRC_ACTOR);
    assert_int_equal(last->loc_cc2[0], 'G');
    assert_int_equal(last->loc_cc2[1], 'B');
    assert_int_equal(last->qty, 23);
    assert_int_equal(l.ev[0].loc_cc2[0], 'R');
    fw_event_list_fini(&l);
}

/* A past tense in a sentence with no date at all goes on with the day the paragraph before it
 * told last, not the lead's day; a syntax-free fragment of the lead still takes the lead's. */
static void test_previous_paragraph_day(void **state)
{
    struct fw_event_list l = code(phoenix, "Swedish police said on Wednesday that the unrest had ended.\n\n"
                                           "On Tuesday night, rioters attacked a police station in Bergen.\n\n"
                                           "Police arrested fifteen people.", "2019-11-20");
    const struct fw_event *e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (!strcmp(l.ev[i].cameo, "173")) e = &l.ev[i];
    assert_non_null(e);
    assert_int_equal(e->date.d, 19);
    assert_int_equal(e->date_source, FW_DSRC_PARAGRAPH);
    fw_event_list_fini(&l);
}

/* The article's country is voted by the places it names: a small town votes only where the text
 * puts something in, at or near it ("Garda Sergeant", Garda being a town in Veneto), and a name
 * after a title is a person ("Mr Kearney", Kearney a town in Nebraska). */
static void test_small_towns_vote_only_as_places(void **state)
{
    if (!have_geo()) return;
    struct fw_event_list l = code(phoenix_geo,
                                  "Two men were remanded in custody on Saturday after appearing before Dublin District "
                                  "Court. Garda Sergeant Niamh Walsh told the court that Mr Kearney threw a bottle at "
                                  "gardai. Garda Inspector Tom Ryan said Mr Kearney was arrested on Friday.\n\n"
                                  "Gardai arrested 34 people on Thursday night, Garda Commissioner Drew Harris said.",
                                  "2023-11-25");
    assert_true(l.n > 0);
    for (size_t i = 0; i < l.n; i++) {
        assert_true(l.ev[i].has_loc);
        assert_int_equal(l.ev[i].loc_cc2[0], 'I');
        assert_int_equal(l.ev[i].loc_cc2[1], 'E');
    }
    fw_event_list_fini(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_article_places),
        cmocka_unit_test(test_article_dates),
        cmocka_unit_test(test_named_actors),
        cmocka_unit_test(test_group_members_and_appositions),
        cmocka_unit_test(test_repeat_mentions),
        cmocka_unit_test(test_armed_agents),
        cmocka_unit_test(test_names_of_things),
        cmocka_unit_test(test_article_country_from_institutions),
        cmocka_unit_test(test_article_country_from_lead),
        cmocka_unit_test(test_of_places),
        cmocka_unit_test(test_same_happening_date),
        cmocka_unit_test(test_pronoun_subject_and_attributive_date),
        cmocka_unit_test(test_scheduled_and_background_dates),
        cmocka_unit_test(test_dictionary_person_alias),
        cmocka_unit_test(test_verdict_date),
        cmocka_unit_test(test_relative_date_and_vague_count),
        cmocka_unit_test(test_dateline_under_headline),
        cmocka_unit_test(test_state_body_acts_at_home),
        cmocka_unit_test(test_date_of_embedded_clause),
        cmocka_unit_test(test_they_opens_sentence),
        cmocka_unit_test(test_group_no_dictionary_knows),
        cmocka_unit_test(test_sentence_place_frames),
        cmocka_unit_test(test_same_happening_needs_same_source),
        cmocka_unit_test(test_toll_joins_attack),
        cmocka_unit_test(test_protest_noun_subject),
        cmocka_unit_test(test_belief_is_no_consultation),
        cmocka_unit_test(test_hold_confines_people_only),
        cmocka_unit_test(test_attack_claimed_by),
        cmocka_unit_test(test_each_other),
        cmocka_unit_test(test_vowed_force_is_threat),
        cmocka_unit_test(test_citation_dates_statement),
        cmocka_unit_test(test_first_conjunct_speaks),
        cmocka_unit_test(test_force_after_search),
        cmocka_unit_test(test_civilians_rally),
        cmocka_unit_test(test_flood_destroys),
        cmocka_unit_test(test_lead_date_not_timestamp),
        cmocka_unit_test(test_subordinate_clause_subject),
        cmocka_unit_test(test_passive_doer_thing_target),
        cmocka_unit_test(test_position_word_before_place),
        cmocka_unit_test(test_namesake_town),
        cmocka_unit_test(test_facility_name),
        cmocka_unit_test(test_irregular_passive),
        cmocka_unit_test(test_move_from_into),
        cmocka_unit_test(test_initials_and_narrative_dates),
        cmocka_unit_test(test_demanded_is_not_done),
        cmocka_unit_test(test_supporters_in_the_street),
        cmocka_unit_test(test_joined_participles),
        cmocka_unit_test(test_clause_places),
        cmocka_unit_test(test_article_country_namesakes),
        cmocka_unit_test(test_dateline_cities),
        cmocka_unit_test(test_state_acts_at_home),
        cmocka_unit_test(test_previous_paragraph_day),
        cmocka_unit_test(test_small_towns_vote_only_as_places),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
