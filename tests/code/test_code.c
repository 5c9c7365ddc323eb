/* fw_code: sentence splitting, and the coder's mechanisms on the shipped dictionaries
 * (conf/dict) and the PETRARCH-2 unit-test dictionaries (fictional actors). The issue's
 * ISKP/Termez sentence is coded end to end; its place is checked when the build has a
 * gazetteer index (scripts/gazetteer.sh). */
#include <jansson.h>

#include "code_test.h"
#include "feedwire/fw_record.h"

static void test_sentences(void **state)
{
    static const struct {
        const char *text;
        size_t n;
    } cases[] = {
        {"Mr. Smith met Gen. John A. Doe in Kabul on Monday. He left on Tuesday.", 2},
        {"He said \"we will attack.\" Then they left.", 2},
        {"Output rose 3.5 percent in the U.S. economy. Prices fell.", 2},
        {"Troops arrived in the U.S. The next day they left.", 2},
        {"Dr. Jones, of St. Mary's, spoke at 5 p.m. yesterday.", 1},
        {"What happened? Nobody knows! Police are investigating...", 3},
        {"First paragraph without a stop\n\nSecond paragraph.", 2},
        {"The U.N. envoy, Lt. Col. James R. Smith Jr., arrived.", 1},
        {"Fighting (which began Jan. 5) continued. Talks failed.", 2},
        {"", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t spans[8][2];
        size_t n = fw_code_sentences(cases[i].text, strlen(cases[i].text), spans, 8);
        if (n != cases[i].n) fprintf(stderr, "case %zu: %zu sentences in \"%s\"\n", i, n, cases[i].text);
        assert_int_equal(n, cases[i].n);
    }
}

/* The issue's example: one event, dated from the text, source ISKP, assault/fight family,
 * quantity 10 rockets; with a gazetteer also Termez, Uzbekistan, and the target in Uzbekistan. */
static void test_iskp_termez(void **state)
{
    const char *text = "On April 18, ISKP fired ten Katyusha rockets at a military base in Termez.";
    struct fw_event_list l = code(phoenix_geo ? phoenix_geo : phoenix, text, "2022-08-31");
    assert_int_equal(l.n, 1);
    const struct fw_event *ev = &l.ev[0];
    assert_int_equal(ev->date.y, 2022);
    assert_int_equal(ev->date.m, 4);
    assert_int_equal(ev->date.d, 18);
    assert_int_equal(ev->prec, FW_PREC_DAY);
    assert_int_equal(ev->date_source, FW_DSRC_TEXT);
    assert_string_equal(ev->src.text, "ISKP");
    assert_non_null(strstr(ev->src.code, "ISI"));
    assert_true(ev->cameo[0] == '1' && (ev->cameo[1] == '8' || ev->cameo[1] == '9'));
    assert_true(strcmp(ev->plover, "ASSAULT") == 0 || strcmp(ev->plover, "FIGHT") == 0);
    assert_int_equal(ev->qty, 10);
    assert_string_equal(ev->qty_unit, "rockets");
    assert_int_equal(ev->modality, FW_MOD_ASSERTED);
    assert_non_null(strstr(ev->tgt.text, "military base"));
    assert_int_equal(ev->sent_start, 0);
    assert_int_equal(ev->sent_end, strlen(text));
    if (phoenix_geo) {
        assert_true(ev->has_loc);
        assert_string_equal(ev->loc_name, "Termez");
        assert_string_equal(ev->loc_cc2, "UZ");
        assert_string_equal(ev->loc_cc3, "UZB");
        assert_true(ev->loc_lat > 37 && ev->loc_lat < 38 && ev->loc_lon > 67 && ev->loc_lon < 68);
        assert_string_equal(ev->tgt.country, "UZB");
    }
    struct fw_record_article art = {.id = "a1", .url = "https://example.org/a1", .text = text, .events = ev, .nevents = 1};
    struct fw_buf out;
    fw_buf_init(&out, 0);
    assert_int_equal(fw_record_event_json(ev, &art, &out, NULL, 0), FW_OK);
    json_t *j = json_loads(out.p, 0, NULL);
    fw_buf_fini(&out);
    assert_non_null(j);
    static const char *const fields[] = {"id", "date", "date_precision", "date_source", "source", "target", "cameo",
                                         "plover", "modality", "location", "quantity", "killed", "wounded",
                                         "sentence", "offsets", "confidence", NULL};
    for (int i = 0; fields[i]; i++) assert_non_null(json_object_get(j, fields[i]));
    assert_string_equal(json_string_value(json_object_get(j, "date")), "2022-04-18");
    assert_string_equal(json_string_value(json_object_get(j, "date_source")), "text");
    json_decref(j);
    fw_event_list_fini(&l);
}

/* A place name shared by several countries resolves to the one the sentence or article is about. */
static void test_place_context(void **state)
{
    if (!phoenix_geo) {
        fprintf(stderr, "no gazetteer index in the build: place context not tested\n");
        return;
    }
    struct fw_event_list l = code(phoenix_geo, "Syrian troops shelled rival militias in Tripoli, the north Lebanese port.",
                                  NULL);
    assert_true(l.n >= 1);
    assert_true(l.ev[0].has_loc);
    assert_string_equal(l.ev[0].loc_cc2, "LB");
    fw_event_list_fini(&l);
    l = code(phoenix_geo, "Libyan forces attacked rebels in Tripoli.", NULL);
    assert_true(l.n >= 1);
    assert_true(l.ev[0].has_loc);
    assert_string_equal(l.ev[0].loc_cc2, "LY");
    fw_event_list_fini(&l);
    /* a dateline places the lead sentence */
    l = code(phoenix_geo, "KANDAHAR, Afghanistan - Taliban fighters attacked Afghan soldiers on Monday, killing five.",
             NULL);
    assert_true(l.n >= 1);
    assert_true(l.ev[0].has_loc);
    assert_string_equal(l.ev[0].loc_cc2, "AF");
    assert_int_equal(l.ev[0].killed, 5);
    fw_event_list_fini(&l);
    /* a town seized is territory occupied (192), where it lies, whether a dictionary knows it as
     * its state (Gothenburg), only the gazetteer does (Kiruna), or it is too large to be a name */
    /* no word of a place's name after "near" is a name of its own ("Yar" was a person) */
    l = code(phoenix_geo, "Norwegian troops advanced near Chasiv Yar on Monday.", "2019-11-20");
    assert_true(l.n >= 1);
    for (size_t i = 0; i < l.n; i++) assert_null(strstr(l.ev[i].tgt.text, "Yar"));
    assert_true(has_root(&l, "19"));
    fw_event_list_fini(&l);
    static const char *const taken[] = {"Norwegian forces captured Kiruna on Monday.",
                                        "Norwegian forces captured Gothenburg on Monday.",
                                        "Norwegian forces seized Uppsala on Monday."};
    for (size_t i = 0; i < sizeof taken / sizeof taken[0]; i++) {
        l = code(phoenix_geo, taken[i], "2019-11-20");
        const struct fw_event *e = NULL;
        for (size_t k = 0; k < l.n; k++)
            if (!strcmp(l.ev[k].cameo, "192")) e = &l.ev[k];
        assert_non_null(e);
        assert_true(e->has_loc);
        assert_string_equal(e->loc_cc2, "SE");
        fw_event_list_fini(&l);
    }
}

/* Years in the Phoenix discard list drop history, not this year's dates. */
static void test_recent_year_kept(void **state)
{
    struct fw_event_list l = code(phoenix, "On 5 July 2022, Russian troops attacked Ukrainian soldiers.", "2022-08-31");
    assert_true(l.n >= 1);
    assert_int_equal(l.ev[0].date.y, 2022);
    assert_int_equal(l.ev[0].date.m, 7);
    assert_int_equal(l.ev[0].date.d, 5);
    fw_event_list_fini(&l);
    l = code(phoenix, "In 1994, Russian troops attacked Chechen rebels.", "2022-08-31");
    assert_int_equal(l.n, 0);
    fw_event_list_fini(&l);
    /* an old year in what a comma sets off to describe a noun dates that background alone: the
     * sentence's own news stays, the background goes */
    l = code(phoenix, "In February, Norway accused Sweden of harboring militants from the Fjord Front, a group Oslo "
                      "banned in 2012.", "2022-08-31");
    assert_non_null(find(&l, "NOR", "SWE"));
    for (size_t i = 0; i < l.n; i++) assert_true(l.ev[i].date.y == 2022);
    fw_event_list_fini(&l);
    l = code(phoenix, "Halvorsen, who was extradited to Norway in 2012, was charged with fraud by Swedish prosecutors "
                      "on Monday.", "2022-08-31");
    assert_true(has_root(&l, "17"));
    for (size_t i = 0; i < l.n; i++) assert_true(l.ev[i].date.y == 2022);
    fw_event_list_fini(&l);
}

/* A reduced passive participle ("militants attacked by troops fled"): its "by" agent acts on the
 * noun it describes, as the syntactic pass reads it. */
static void test_reduced_passive(void **state)
{
    struct fw_event_list l = code(phoenix, "Hamas militants attacked by Israeli troops on Monday fled the town.",
                                  "2019-11-20");
    const struct fw_event *e = top(&l);
    assert_non_null(e);
    assert_string_equal(e->src.code, "ISRMIL");
    assert_string_equal(e->tgt.code, "PSEREBHMSUAF");
    fw_event_list_fini(&l);
}

/* An event takes its own verb's date: the first date after the verb in its clause, not a date
 * of a phrase before it ("held hostage since 2016 were released Tuesday"). */
static void test_verb_date(void **state)
{
    struct fw_event_list l = code(phoenix,
                                  "An American and an Australian held hostage by the Taliban since 2016 were released "
                                  "Tuesday in a prisoner swap.",
                                  "2019-11-20");
    const struct fw_event *e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "08", 2)) e = &l.ev[i];   /* the release */
    assert_non_null(e);
    assert_int_equal(e->date.y, 2019);
    assert_int_equal(e->date.d, 19);
    fw_event_list_fini(&l);
}

/* The verb supplement's speech acts: testifying is a statement, urging an appeal, pleading guilty
 * an admission (and not guilty, as CAMEO.2.0 has it, a denial). */
static void test_speech_acts(void **state)
{
    static const struct {
        const char *text, *cameo;
    } cases[] = {
        {"The former minister pleaded guilty to corruption charges.", "015"},
        {"The former minister pleaded not guilty to corruption charges.", "016"},
        {"The French government urged Iran to release the prisoners.", "0253"},
        /* what a that-clause says someone must do is demanded of them by the clause's governor */
        {"The French president issued a reminder to the Iraqi government on Monday that it must cooperate with "
         "the inspectors.", "100"},
        /* an irregular multi-word form carries its line's code: "+ASK_FOR {+ASKED_FOR ...} [020]" */
        {"The Egyptian president asked for calm in Cairo on Monday.", "020"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fw_event_list l = code(phoenix, cases[i].text, NULL);
        int found = 0;
        for (size_t k = 0; k < l.n; k++) found |= !strcmp(l.ev[k].cameo, cases[i].cameo);
        if (!found) fprintf(stderr, "case %zu \"%s\": no %s\n", i, cases[i].text, cases[i].cameo);
        assert_true(found);
        fw_event_list_fini(&l);
    }
}

static void test_voice(void **state)
{
    struct fw_event_list l = code(validate, "Gondor was attacked by Mordor.", NULL);
    assert_non_null(find(&l, "MOR", "GON"));
    assert_null(find(&l, "GON", "MOR"));
    fw_event_list_fini(&l);
    l = code(validate, "Mordor attacked Gondor.", NULL);
    assert_non_null(find(&l, "MOR", "GON"));
    fw_event_list_fini(&l);
}

static void test_modality(void **state)
{
    {
        /* "On May 14", "In May": the month is no modal */
        struct fw_event_list m = code(phoenix, "On May 14, Norway and Sweden signed an agreement in Oslo.", "2019-11-20");
        assert_true(m.n > 0);
        for (size_t i = 0; i < m.n; i++) assert_int_equal(m.ev[i].modality, FW_MOD_ASSERTED);
        fw_event_list_fini(&m);
        m = code(phoenix, "In May, Swedish police arrested two Norwegian journalists.", "2019-11-20");
        assert_true(m.n > 0);
        assert_int_equal(m.ev[0].modality, FW_MOD_ASSERTED);
        fw_event_list_fini(&m);
    }
    static const struct {
        const char *text;
        enum fw_modality want;
    } cases[] = {
        {"Mordor attacked Gondor.", FW_MOD_ASSERTED},
        {"Mordor did not attack Gondor.", FW_MOD_DENIED},
        {"Mordor will attack Gondor.", FW_MOD_PLANNED},
        {"Mordor threatened to attack Gondor.", FW_MOD_PLANNED},
        /* a verb of intent with its own object, then "and": the next verb is its own clause */
        {"Mordor vowed retaliation, and two days later attacked Gondor.", FW_MOD_ASSERTED},
        {"Mordor vowed to attack and destroy Gondor.", FW_MOD_PLANNED},
        {"If Mordor attacks Gondor, Arnor will respond.", FW_MOD_HYPOTHETICAL},
        {"Mordor attacked Gondor, officials said.", FW_MOD_REPORTED},
        {"Officials called reports that Mordor attacked Gondor false.", FW_MOD_DENIED},
        /* a negation's scope ends at a comma */
        {"Not long after the war, Mordor attacked Gondor.", FW_MOD_ASSERTED},
        {"Mordor, not Arnor, attacked Gondor.", FW_MOD_ASSERTED},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fw_event_list l = code(validate, cases[i].text, NULL);
        const struct fw_event *ev = find(&l, "MOR", "GON");
        if (!ev || ev->modality != cases[i].want)
            fprintf(stderr, "case %zu \"%s\": %s\n", i, cases[i].text, ev ? fw_modality_str(ev->modality) : "no event");
        assert_non_null(ev);
        assert_int_equal(ev->modality, cases[i].want);
        fw_event_list_fini(&l);
    }
    /* a subordinate clause ends at its comma: the main clause after it is what is reported */
    struct fw_event_list l = code(validate, "Mordor attacked Gondor.", NULL);
    struct fw_event_list m = code(validate, "When the war began, Mordor attacked Gondor.", NULL);
    struct fw_event_list r = code(validate, "Arnor rejoiced when Mordor attacked Gondor.", NULL);
    assert_non_null(find(&l, "MOR", "GON"));
    assert_non_null(find(&m, "MOR", "GON"));
    assert_non_null(find(&r, "MOR", "GON"));
    assert_true(find(&m, "MOR", "GON")->confidence == find(&l, "MOR", "GON")->confidence);
    assert_true(find(&r, "MOR", "GON")->confidence < find(&l, "MOR", "GON")->confidence);
    fw_event_list_fini(&l);
    fw_event_list_fini(&m);
    fw_event_list_fini(&r);
}

static void test_statements(void **state)
{
    static const struct {
        const char *text, *plover, *cameo;
    } cases[] = {
        {"Finland will give Tanzania a grant of 580 million shillings.", "AGREE", "071"},
        {"President Gbagbo announced that he will extend the curfew in Abidjan.", "THREATEN", "1723"},
        {"The Bush administration declared Tuesday that China must drop barriers to U.S. exports.", "DEMAND", "100"},
        {"Ivory Coast rebels on Friday again rejected a Senegalese peace plan.", "REJECT", "120"},
        {"The United States and Jordan have agreed upon a new free-trade pact.", "AGREE", "050"},
        /* PRESS * ON [190] was written for PRESS, not for DEMAND of the same block */
        {"Amnesty International demanded that the Sudanese government end curbs on press freedom.", "DEMAND",
         "100"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fw_event_list l = code(phoenix, cases[i].text, NULL);
        const struct fw_event *ev = top(&l);
        if (!ev || strcmp(ev->plover, cases[i].plover) || strcmp(ev->cameo, cases[i].cameo))
            fprintf(stderr, "case %zu \"%s\": %s %s\n", i, cases[i].text, ev ? ev->plover : "no event",
                    ev ? ev->cameo : "");
        assert_non_null(ev);
        assert_string_equal(ev->plover, cases[i].plover);
        assert_string_equal(ev->cameo, cases[i].cameo);
        fw_event_list_fini(&l);
    }
    struct fw_event_list l = code(phoenix, "The Uzbek city faces the Afghan town across the river.", NULL);
    assert_int_equal(l.n, 0);
    fw_event_list_fini(&l);
}

/* code.plover: PLOVER 0.5's names by default (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT), the 2021
 * draft's (REQUEST, ACCUSE, ASSAULT) on request, for the same CAMEO codes. */
static void test_plover_vocabulary(void **state)
{
    static const struct {
        const char *text, *v05, *v08;
    } cases[] = {
        {"Amnesty International demanded that the Sudanese government end curbs on press freedom.", "DEMAND",
         "REQUEST"},
        {"French officials criticized the Russian government on Monday.", "DISAPPROVE", "ACCUSE"},
        {"Russian troops fired rockets at a Ukrainian checkpoint on Monday.", "FIGHT", "ASSAULT"},
        {"The French government imposed sanctions on Iran on Monday.", "SANCTION", "COERCE"},
        {"Serbia lifted a night curfew in Montenegro on Sunday.", "CONCEDE", "RETREAT"},
    };
    char path[512], err[256];
    const char *src = getenv("FW_SOURCE_DIR");
    snprintf(path, sizeof path, "%s/conf/dict", src ? src : ".");
    struct fw_coder_opts o = {path, NULL, FW_CODE_MIN_CONFIDENCE, "0.8"};
    struct fw_coder *v08 = fw_coder_new_opts(&o, err, sizeof err);
    assert_non_null(v08);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fw_event_list a = code(phoenix, cases[i].text, NULL), b = code(v08, cases[i].text, NULL);
        const struct fw_event *ea = top(&a), *eb = top(&b);
        assert_non_null(ea);
        assert_non_null(eb);
        assert_string_equal(ea->cameo, eb->cameo);
        assert_string_equal(ea->plover, cases[i].v05);
        assert_string_equal(eb->plover, cases[i].v08);
        fw_event_list_fini(&a);
        fw_event_list_fini(&b);
    }
    fw_coder_free(v08);
}

/* Coordinated verbs share their subject and each keeps its own clause: a pattern of the first
 * verb does not reach into the second's object, and a second verb with no target still says
 * what the subject did. */
static void test_coordination(void **state)
{
    struct fw_event_list l = code(phoenix, "Egyptian police arrested two men on Monday and later freed a journalist.",
                                  "2019-11-20");
    const struct fw_event *arrest = find(&l, "EGYCOP", "---PPL");
    assert_non_null(arrest);
    assert_string_equal(arrest->cameo, "173");       /* ARREST * JOURNALIST [175] is the freeing's object */
    assert_true(has_root(&l, "08"));
    fw_event_list_fini(&l);
    l = code(phoenix, "The army shelled the town and then withdrew its troops on Friday.", "2019-11-20");
    assert_true(has_root(&l, "19"));
    assert_true(has_root(&l, "087"));
    for (size_t i = 0; i < l.n; i++) assert_string_equal(l.ev[i].src.sector, "MIL");
    fw_event_list_fini(&l);
    /* the conjunct's subject is the coordination's, not the nearest noun before it */
    l = code(phoenix, "Egyptian police have laid siege to a university, pinning 800 students inside and threatened to "
                      "use live ammunition on them.", "2019-11-20");
    int threat = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "13", 2)) {
            assert_string_equal(l.ev[i].src.code, "EGYCOP");
            threat++;
        }
    assert_int_equal(threat, 1);
    fw_event_list_fini(&l);
}

/* A mutual act ("clashed", "exchanged fire") of a compound subject is each member's on the
 * others, also where the verb's only other phrase says where; a participle after the main
 * clause's comma ("..., killing 12") is its subject's act when the main verb codes nothing. */
static void test_reciprocal_and_trailing_participle(void **state)
{
    struct fw_event_list l = code(phoenix, "Police and protesters clashed in central Oslo on Monday.", "2019-11-20");
    /* (the place, Oslo, gives the target with no country of its own its country) */
    assert_non_null(find(&l, "---COP", "NOROPP"));
    assert_non_null(find(&l, "---OPP", "NORCOP"));
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].tgt.code, "NOR");   /* Oslo says where */
    fw_event_list_fini(&l);
    l = code(phoenix, "Norway and Sweden exchanged prisoners on Friday.", "2019-11-20");
    assert_non_null(find(&l, "NOR", "SWE"));
    assert_non_null(find(&l, "SWE", "NOR"));
    fw_event_list_fini(&l);
    /* armies that battle fight each other */
    l = code(phoenix, "The Norwegian army and the paramilitary Swedish Home Guard battled for control of Narvik on "
                      "Sunday.", "2019-11-20");
    assert_non_null(find(&l, "NORMIL", NULL));
    assert_true(has_violence(&l));
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].tgt.code, "");
    fw_event_list_fini(&l);
    /* not mutual: the one who acts and the one acted on */
    l = code(phoenix, "Norway and Sweden freed two Danish fishermen on Friday.", "2019-11-20");
    assert_null(find(&l, "NOR", "SWE"));
    fw_event_list_fini(&l);
    l = code(phoenix, "A suicide bomber blew himself up at a church in Oslo, killing at least 12 worshippers.", "2019-11-20");
    assert_true(has_violence(&l));
    assert_string_equal(top(&l)->tgt.sector, "REL");
    fw_event_list_fini(&l);
    /* "according to" is a preposition: no participle, no act of its own */
    l = code(phoenix, "The men were flown out of the region on Danish helicopters, according to a local police source.",
             "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_true(strncmp(l.ev[i].cameo, "06", 2) != 0);
    fw_event_list_fini(&l);
}

/* The subject of what an attack did: the doer its modifier names ("a Norwegian drone strike
 * on a village in Sweden"), never whom it was on; with no doer named, no one ("an attack on a
 * police station killed five officers"); a bare role speaks for the body its "for" names. */
static void test_attack_subjects(void **state)
{
    struct fw_event_list l = code(phoenix, "A Norwegian drone strike on a village in Sweden killed 12 people, officials said.",
                                  "2019-11-20");
    assert_true(has_violence(&l));
    for (size_t i = 0; i < l.n; i++) assert_int_equal(strncmp(l.ev[i].src.code, "NOR", 3), 0);   /* (NORMIL: its drone) */
    fw_event_list_fini(&l);
    l = code(phoenix, "An attack on a police station in Oslo killed five officers on Monday.", "2019-11-20");
    assert_true(has_violence(&l));
    for (size_t i = 0; i < l.n; i++) {
        assert_string_equal(l.ev[i].src.code, "---");
        assert_string_equal(l.ev[i].tgt.sector, "COP");
    }
    fw_event_list_fini(&l);
    l = code(phoenix, "A spokesman for the Norwegian foreign ministry condemned the attack.", "2019-11-20");
    assert_non_null(l.n ? &l.ev[0] : NULL);
    assert_string_equal(top(&l)->src.code, "NORGOV");
    fw_event_list_fini(&l);
    /* an insertion between the subject and its verb lends the verb none of its actors */
    l = code(phoenix, "Norwegian forces, backed by Danish air strikes, killed 30 rebels near Tromso.", "2019-11-20");
    assert_true(has_violence(&l));
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "19", 2) || !strncmp(l.ev[i].cameo, "18", 2)) assert_string_equal(l.ev[i].src.code, "NORMIL");
    fw_event_list_fini(&l);
    /* not a spokesman's body: people a lawyer acts for */
    l = code(phoenix, "Lawyers for the victims criticised the Norwegian government.", "2019-11-20");
    assert_non_null(find(&l, "---JUD", "NORGOV"));
    fw_event_list_fini(&l);
}

/* A pattern's words are the verb's own: a particle comes before any other preposition's phrase
 * ("fired missiles into the sea off its coast" fires nothing off), a noun that modifies a noun
 * for people is no object ("released an aid worker"); force aimed at the sea or the sky is shown,
 * not used. */
static void test_pattern_words(void **state)
{
    struct fw_event_list l = code(phoenix, "Norway fired two missiles into the sea off its west coast on Monday.", "2019-11-20");
    assert_non_null(l.n ? &l.ev[0] : NULL);
    assert_string_equal(top(&l)->cameo, "150");
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian troops fired missiles at a Swedish army base on Monday.", "2019-11-20");
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish rebels released a Norwegian aid worker on Monday.", "2019-11-20");
    assert_false(has_root(&l, "07"));
    assert_true(has_root(&l, "08"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Sweden sent aid to Norway on Monday.", "2019-11-20");
    assert_true(has_root(&l, "07"));
    fw_event_list_fini(&l);
}

/* Senses a careful coder reads off the words around a verb: a charge with a crime is legal
 * action (173), a charge that something happened an accusation; people dispersed are repressed
 * (175); the act a doer reports of itself is the act, on its word (not PETRARCH's 015). */
static void test_act_senses(void **state)
{
    expect_root(phoenix, "Two Swedish nationals were charged with spying for Moscow, prosecutors said.", "2019-11-20", "17");
    expect_root(phoenix, "Norwegian prosecutors charged the former minister with corruption on Monday.", "2019-11-20", "17");
    expect_root(phoenix, "Riot police dispersed opposition supporters in Oslo with tear gas.", "2019-11-20", "17");
    /* boarding a vessel takes hold of it; boarding a plane is travel */
    expect_root(phoenix, "Swedish coast guard personnel boarded two Norwegian navy boats on Monday.", "2019-11-20", "17");
    expect_no_event(phoenix, "The Swedish minister boarded a plane to Oslo on Monday.", "2019-11-20");
    /* British spelling: a verb the dictionary spells -IZE reads -ISE too ("terrorised",
     * "finalised"), and armies "neutralise" those they kill */
    expect_root(phoenix, "Norwegian militias terrorised Swedish villagers on Monday.", "2019-11-20", "18");
    expect_root(phoenix, "Norway and Sweden finalised a trade agreement on Monday.", "2019-11-20", "05");
    expect_root(phoenix, "Norwegian troops neutralised five Swedish militants on Monday.", "2019-11-20", "19");
    /* beating a rival out (for first place, a contract) wins a contest; beating people assaults */
    expect_no_event(phoenix, "Norway's Halvorsen was beaten out by a Swedish swimmer for first place on Monday.", "2019-11-20");
    expect_root(phoenix, "Norwegian soldiers beat two Swedish protesters on Monday.", "2019-11-20", "18");
    struct fw_event_list l = code(phoenix, "The Norwegian army said it killed six militants in a raid near the border.",
                                  "2019-11-20");
    const struct fw_event *e = top(&l);
    assert_non_null(e);
    assert_string_equal(e->cameo, "190");
    assert_string_equal(e->src.code, "NORMIL");
    fw_event_list_fini(&l);
}

/* Clauses and places: adjectives joined by "and" before a reciprocal verb act on each other, a
 * place of a place is where; a trailing participle is the happening when the main verb codes
 * nothing; a fronted place is no list member; a participle before a name and its noun describes
 * the noun; a relative clause's place did not act; a name ending in "Oblast" is a place. */
static void test_clauses_and_places(void **state)
{
    struct fw_event_list l =
        code(phoenix, "Norwegian and Swedish troops clashed in the Varanger sector of Finnmark on Friday.", "2019-11-20");
    assert_non_null(find(&l, "NORMIL", "SWEMIL"));
    assert_non_null(find(&l, "SWEMIL", "NORMIL"));
    fw_event_list_fini(&l);
    l = code(phoenix, "In Oslo, a Swedish missile hit a residential building, killing four people and wounding 12.",
             "2019-11-20");
    assert_true(has_violence(&l));
    for (size_t i = 0; i < l.n; i++) assert_string_equal(l.ev[i].src.code, "SWEMIL");   /* a state's missile: its military */
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian police arrested dozens of suspected Hamas members in raids across Oslo.", "2019-11-20");
    assert_int_equal((int)l.n, 1);
    assert_string_equal(l.ev[0].cameo, "173");
    assert_string_equal(l.ev[0].src.code, "NORCOP");
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish rebels claimed responsibility for the attack on a concert hall near Oslo, which killed 20 people.",
             "2019-11-20");
    assert_non_null(find(&l, "SWEREB", NULL));
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].src.code, "NOR");
    fw_event_list_fini(&l);
    /* a place after a word of position ("central Kirkenes") is where, no one; "Norwegian aid
     * deliveries" is a compound, no act of aid */
    l = code(phoenix, "Swedish forces advanced into central Kirkenes on Sunday.", "2019-11-20");
    assert_true(has_root(&l, "19"));
    assert_false(has_root(&l, "18"));
    fw_event_list_fini(&l);
    expect_no_event(phoenix, "The Swedish command is exploiting delays in Western aid deliveries.", "2019-11-20");
    /* facing teargas is having it used on one: the subject is the target of someone unnamed, and
     * "they" after a comma is the plural actor before it in its sentence */
    l = code(phoenix, "Swedish protesters faced teargas in Oslo on Monday.", "2019-11-20");
    assert_int_equal((int)l.n, 1);
    assert_string_equal(l.ev[0].cameo, "175");
    assert_string_equal(l.ev[0].tgt.code, "SWEOPP");
    assert_string_equal(l.ev[0].src.code, "---");
    fw_event_list_fini(&l);
    l = code(phoenix, "When Swedish protesters marched on the embassy, they too faced rubber bullets.", "2019-11-20");
    assert_non_null(find(&l, NULL, "SWEOPP"));
    assert_true(has_root(&l, "17"));
    fw_event_list_fini(&l);
    /* "were shot dead": a passive the tagger read as a noun; no one named did it to the people */
    l = code(phoenix, "At least two people were shot dead in Oslo on Tuesday, according to a Norwegian rights group.",
             "2019-11-20");
    assert_true(has_root(&l, "18"));
    assert_string_equal(l.ev[0].src.code, "---");
    fw_event_list_fini(&l);
    /* setting a building on fire is physical; "plan" is no "plane" (&AIRCRAFT), and a compound
     * subject agreeing to a thing acts with each other; where a statement is made is no target */
    l = code(phoenix, "Swedish protesters stormed the Norwegian parliament and set part of the building on fire.",
             "2019-11-20");
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norway and Sweden agreed on Monday to implement a plan to normalise relations.", "2019-11-20");
    assert_non_null(find(&l, "NOR", "SWE"));
    assert_non_null(find(&l, "SWE", "NOR"));
    assert_false(has_root(&l, "09"));
    fw_event_list_fini(&l);
    l = code(phoenix, "The Swedish foreign minister said after talks in North Macedonia that the dispute was over.",
             "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].tgt.code, "MKD");
    fw_event_list_fini(&l);
    /* a participle verb of another clause ends the look for a relative's main verb; a
     * participle after a main verb's object says what the noun does; a ruling is a statement */
    l = code(phoenix, "Oslo accused Stockholm of intruding into Norwegian waters and said its coast guard had acted "
                      "professionally.", "2019-11-20");
    assert_true(has_root(&l, "11"));
    assert_non_null(find(&l, "NOR", "SWE"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norway and Sweden signed a defence pact in July allowing their troops to train on each other's "
                      "territory.", "2019-11-20");
    assert_non_null(find(&l, "NOR", "SWE"));
    assert_false(has_root(&l, "08"));
    fw_event_list_fini(&l);
    expect_root(phoenix, "A Swedish court ruled that Norway's claims had no legal basis.", "2019-11-20", "01");
    /* prose naming many people is no Title Case headline; "the opposition" is a body; what a man
     * is suspected of is no happening; the artillery of "artillery fire" is no one */
    l = code(phoenix, "Norwegian Prime Minister Jonas Gahr Store met Swedish Prime Minister Ulf Kristersson in Brussels on "
                      "Tuesday.", "2019-11-20");
    assert_non_null(find(&l, "NORGOV", "SWEGOV"));
    fw_event_list_fini(&l);
    l = code(phoenix, "The Swedish opposition boycotted the vote.", "2019-11-20");
    assert_non_null(find(&l, "SWEOPP", NULL));
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish police arrested a man suspected of spying for Norway in Malmo.", "2019-11-20");
    assert_int_equal((int)l.n, 1);
    assert_string_equal(l.ev[0].cameo, "173");
    fw_event_list_fini(&l);
    l = code(phoenix, "Norway and Sweden exchanged artillery fire across the border overnight.", "2019-11-20");
    assert_int_equal((int)l.n, 2);
    assert_non_null(find(&l, "NOR", "SWE"));
    assert_non_null(find(&l, "SWE", "NOR"));
    fw_event_list_fini(&l);
    /* of a block's patterns that match alike, the one written for the verb: troops deployed are
     * a military posture (DEPLOY's 154), troops sent cooperation (SEND's 062) */
    expect_root(phoenix, "Sweden will deploy 10,000 troops to its border with Norway, the defence minister said.",
                "2019-11-20", "15");
    expect_root(phoenix, "The Swedish government intensified its crackdown on independent media on Monday.",
                "2019-11-20", "17");
    /* the list a preposition heads ends at the comma before the speaker */
    l = code(phoenix, "Swedish shelling damaged power plants in the Oslo, Bergen and Trondheim regions, Norwegian Energy "
                      "Minister Terje Aasland said.", "2019-11-20");
    assert_true(has_violence(&l));
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].tgt.code, "NORGOV");
    fw_event_list_fini(&l);
    /* a denial is a statement (016); denying bail or entry refuses it */
    expect_root(phoenix, "The Swedish government denied that its troops had shelled the Norwegian border post.", "2019-11-20",
                "01");
    expect_root(phoenix, "A Norwegian court denied the Swedish activist bail on Monday.", "2019-11-20", "12");
    /* executing people is killing them; executing a warrant is not */
    expect_root(phoenix, "Swedish rebels executed 15 prisoners in the town of Kiruna last month.", "2019-11-20", "18");
    l = code(phoenix, "Norwegian police executed a search warrant at the house.", "2019-11-20");
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    /* a name "the region of", "the town of" introduces is a place, and a region is physical */
    l = code(phoenix, "Norway annexed the Swedish region of Jamtland on Monday.", "2019-11-20");
    assert_true(has_root(&l, "17"));
    assert_false(has_root(&l, "18"));
    fw_event_list_fini(&l);
    /* claiming something is saying it, not disapproving */
    l = code(phoenix, "Swedish bloggers claimed that Swedish forces advanced near Narvik.", "2019-11-20");
    assert_false(has_root(&l, "11"));
    fw_event_list_fini(&l);
    /* a deal is an agreement; the one signed with, not where */
    l = code(phoenix, "The Norwegian foreign minister signed the deal in Beijing with the Swedish foreign minister.",
             "2019-11-20");
    assert_true(has_root(&l, "05"));
    assert_non_null(find(&l, "NORGOV", "SWEGOV"));
    fw_event_list_fini(&l);
    /* a count's noun is its phrase's head ("300 Swedish migrants last week"); a second violent verb
     * of the same doer with no target of its own is the same attack's toll */
    l = code(phoenix, "Norway deported 300 Swedish migrants last week.", "2019-11-20");
    assert_int_equal((int)l.n, 1);
    assert_int_equal((int)l.ev[0].qty, 300);
    assert_string_equal(l.ev[0].qty_unit, "migrants");
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish gunmen killed seven Norwegian soldiers and wounded 12 in an ambush on Sunday.", "2019-11-20");
    assert_int_equal((int)l.n, 1);
    assert_int_equal((int)l.ev[0].killed, 7);
    assert_int_equal((int)l.ev[0].wounded, 12);
    fw_event_list_fini(&l);
    /* the sides "between" names act on each other; one act two verbs code is one event */
    l = code(phoenix, "Clashes broke out between Norwegian police and Swedish protesters in Oslo on Tuesday.", "2019-11-20");
    assert_non_null(find(&l, "NORCOP", "SWEOPP"));
    assert_non_null(find(&l, "SWEOPP", "NORCOP"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Talks between Norway and Sweden resumed in Oslo on Monday.", "2019-11-20");
    assert_int_equal((int)l.n, 2);
    fw_event_list_fini(&l);
    /* people protesting are a subject; launching marches is protesting; a plural after a closing
     * quotation mark is the noun it names, and "they" skips a quotation's nouns */
    expect_root(phoenix, "Thousands of students marched through Oslo on Sunday.", "2019-11-20", "14");
    l = code(phoenix, "When thousands of residents launched \"peace for the workers\" marches in Oslo, they faced teargas.",
             "2019-11-20");
    assert_true(has_root(&l, "14"));
    assert_non_null(find(&l, NULL, "NORCVL"));
    fw_event_list_fini(&l);
    /* a clause a subordinator opens ends the verb's reach for its object ("had blocked the deal
     * until he resigned"), a condition does not ("unless Sweden ..."); "all charges" is no verb;
     * holding up a sale is no coercion */
    l = code(phoenix, "Norwegian Senator Lars Berg had blocked the deal until he resigned as chairman.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].cameo, "170");
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian farmers threatened to block the roads unless Sweden lifted its tariffs.", "2019-11-20");
    assert_non_null(find(&l, NULL, "SWE"));
    fw_event_list_fini(&l);
    expect_root(phoenix, "The Norwegian prime minister demanded new elections after a Swedish court cleared him of all charges.",
                "2019-11-20", "10");
    l = code(phoenix, "The Norwegian parliament had held up the sale of jets to Sweden for a year.", "2019-11-20");
    assert_false(has_root(&l, "17"));
    fw_event_list_fini(&l);
    /* "peace talks in Jeddah": a plural after a common noun, before a preposition, is no verb */
    l = code(phoenix, "Norway and Denmark hosted several rounds of peace talks in Bergen without success.", "2019-11-20");
    assert_false(has_root(&l, "01"));
    assert_null(find(&l, "NOR", "DNK"));
    assert_non_null(find(&l, "NOR", NULL));
    fw_event_list_fini(&l);
    /* held in high esteem is respected; a place's name before "Drive" names a street */
    expect_no_event(phoenix, "The Swedish ambassador is held in high esteem in Oslo.", "2019-11-20");
    l = code(phoenix, "Swedish protesters blocked Oslo Street on Monday.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].tgt.code, "NOR");
    fw_event_list_fini(&l);
    /* a place before "late", "early", "overnight" is no adjective of a noun */
    expect_root(phoenix, "Swedish drones attacked Oslo late on Sunday, officials said.", "2019-11-20", "19");
    /* boosting security cooperation is cooperating; protesting to a state is an official complaint */
    l = code(phoenix, "Norway and Sweden agreed to boost security cooperation.", "2019-11-20");
    assert_non_null(find(&l, "NOR", "SWE"));
    assert_false(has_root(&l, "15"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norway protested to Sweden over the detention of a Norwegian businessman.", "2019-11-20");
    assert_true(has_root(&l, "11"));
    fw_event_list_fini(&l);
    /* a plural after a name, after the clause's verb, is its object; no one is in a sea */
    l = code(phoenix, "Norway struck Hamas targets in southern Sweden in response.", "2019-11-20");
    assert_int_equal((int)l.n, 1);
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish rebels seized a cargo ship in the Barents Sea last November.", "2019-11-20");
    assert_true(has_root(&l, "171"));
    fw_event_list_fini(&l);
    /* describing someone as something pejorative condemns them */
    expect_root(phoenix, "The Swedish prime minister described the Norwegian king as a war criminal.", "2019-11-20", "11");
    /* blocking a decision rejects it; "EU aid package" is a compound */
    l = code(phoenix, "Sweden blocked a 50 billion euro EU aid package for Norway.", "2019-11-20");
    assert_true(has_root(&l, "12"));
    assert_false(has_root(&l, "17"));
    assert_false(has_root(&l, "06"));
    fw_event_list_fini(&l);
    /* people the police hold are detained, hostages a group holds are abducted */
    expect_root(phoenix, "Norwegian police held two Swedish suspects for questioning.", "2019-11-20", "17");
    l = code(phoenix, "Swedish rebels are holding three Norwegian aid workers in the forest.", "2019-11-20");
    assert_true(has_root(&l, "181"));
    fw_event_list_fini(&l);
    /* launching air or drone strikes is aerial force */
    l = code(phoenix, "The Swedish army launched air strikes on a Norwegian village, killing at least 50 people.", "2019-11-20");
    assert_true(has_root(&l, "195"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish forces struck an oil refinery in Troms Oblast on Friday.", "2019-11-20");
    assert_true(has_root(&l, "19"));
    assert_false(has_root(&l, "18"));
    fw_event_list_fini(&l);
}

/* What is sent or given (forces or goods of no country) is no target, the one it goes to is;
 * "would" under a past report is the reported "will", a plan; people are no act's noun. */
static void test_transfers(void **state)
{
    struct fw_event_list l = code(phoenix, "The Dutch government said it would provide fighter jets to Norway.", "2019-11-20");
    const struct fw_event *e = find(&l, "NLDGOV", "NOR");
    assert_non_null(e);
    assert_int_equal(e->modality, FW_MOD_PLANNED);
    fw_event_list_fini(&l);
    l = code(phoenix, "Sweden will send 200 troops to Norway next month.", "2019-11-20");
    assert_non_null(find(&l, "SWE", "NOR"));
    fw_event_list_fini(&l);
    /* a possibility stays one */
    l = code(phoenix, "Sweden would send troops to Norway if asked.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_int_not_equal(l.ev[i].modality, FW_MOD_PLANNED);
    fw_event_list_fini(&l);
    expect_no_event(phoenix, "Police sent the suspects to a prison in Oslo.", "2019-11-20");
    /* TAKE seizes people, places and weapons; what is carried somewhere or taken up is no seizure */
    expect_no_event(phoenix, "The Norwegian minister was taken by ambulance to a hospital in Oslo.", "2019-11-20");
    expect_no_event(phoenix, "The Swedish company could take larger payloads to Norway.", "2019-11-20");
    expect_no_event(phoenix, "All we can do as Norwegian activists is take the message to the people.", "2019-11-20");
    expect_root(phoenix, "Norwegian police took custody of three Swedish men on Monday.", "2019-11-20", "17");
    expect_root(phoenix, "Gunmen took two Norwegian engineers from their car on Monday.", "2019-11-20", "18");
    expect_root(phoenix, "The Swedish minister has taken responsibility for the failed raid.", "2019-11-20", "01");
    /* a subject that names no actor acts itself: the place its preposition adds does not */
    l = code(phoenix, "The war in Norway has exposed the limits of Swedish military power.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].src.code, "NOR");
    fw_event_list_fini(&l);
    /* a passive's subject past an insertion; a possessor's backers are others; a later verb's
     * denial is its own event */
    l = code(phoenix, "Oslo's peace plan, released in February, was welcomed by Sweden but dismissed by Norway's Western "
                      "backers.", "2019-11-20");
    e = find(&l, "SWE", "NOR");
    assert_non_null(e);
    assert_int_equal(e->modality, FW_MOD_ASSERTED);
    for (size_t i = 0; i < l.n; i++) assert_true(strcmp(l.ev[i].src.code, "NOR") != 0);
    fw_event_list_fini(&l);
    /* a place that is also a first name, before a surname */
    l = code(phoenix, "Chad Hull, 37, was arrested by Norwegian police on Monday.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].tgt.code, "TCD");
    assert_true(has_root(&l, "17"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Congresswoman Alexandria Halvorsen-Berg criticized Sweden on Monday.", "2019-11-20");
    assert_non_null(find(&l, "---LEG", "SWE"));
    fw_event_list_fini(&l);
    /* ... the place itself, before a title or an agent, stays one */
    l = code(phoenix, "Paris Mayor Halvorsen criticized Sweden on Monday.", "2019-11-20");
    assert_non_null(find(&l, "FRAGOV", "SWE"));
    fw_event_list_fini(&l);
    /* what a government announces it will do is the act, planned (PLOVER's SANCTION, no threat) */
    l = code(phoenix, "Norway announced Wednesday it would prohibit all aid to Swedish rebels.", "2019-11-20");
    e = top(&l);
    assert_non_null(e);
    assert_int_equal(e->modality, FW_MOD_PLANNED);
    assert_true(!strncmp(e->cameo, "16", 2));
    fw_event_list_fini(&l);
    /* "the United Nations peacekeeping force": a noun after an adjective after a name is no verb */
    l = code(phoenix, "The United Nations peacekeeping force in Norway urged both sides to exercise restraint.", "2019-11-20");
    assert_true(has_root(&l, "02"));
    assert_false(has_root(&l, "17"));
    fw_event_list_fini(&l);
    /* "EU leaders" names the EU (Phoenix has only "the EU"); going on strike is striking */
    l = code(phoenix, "EU leaders agreed to open accession talks with Norway on Thursday.", "2019-11-20");
    assert_non_null(find(&l, "IGOEUREEC", "NOR"));
    fw_event_list_fini(&l);
    expect_root(phoenix, "Thousands of Norwegian workers went on strike over pensions on Monday.", "2019-11-20", "14");
    /* ", including four children": a part of the phrase before, no second target and no quantity */
    l = code(phoenix, "Norwegian strikes killed 12 Swedes, including four children, near the border.", "2019-11-20");
    assert_true(has_violence(&l));
    for (size_t i = 0; i < l.n; i++) {
        assert_int_equal(l.ev[i].killed, 12);
        assert_true(l.ev[i].qty < 0);
    }
    assert_int_equal((int)l.n, 1);
    fw_event_list_fini(&l);
    /* an agent word before an act's noun modifies the act: "a military operation" names no target,
     * and makes the operation physical; "a police station" keeps its police */
    l = code(phoenix, "Norway launched a military operation in Lapland on Tuesday.", "2019-11-20");
    assert_true(has_violence(&l));
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].tgt.code, "NORMIL");
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish rebels attacked a police station in Oslo.", "2019-11-20");
    assert_non_null(top(&l));
    assert_string_equal(top(&l)->tgt.sector, "COP");
    fw_event_list_fini(&l);
    /* a diplomatic protest is an official complaint (114), people demonstrating stay 14x; a missile
     * test-fired shows force */
    expect_root(phoenix, "Norway filed a diplomatic protest against Sweden over the incident.", "2019-11-20", "11");
    l = code(phoenix, "Up to 100 ethnic Swedes demonstrated on Tuesday in Norway.", "2019-11-20");
    assert_false(has_root(&l, "11"));
    fw_event_list_fini(&l);
    expect_root(phoenix, "Norway test-fired a new ballistic missile on Monday.", "2019-11-20", "15");
    /* weapons of mass destruction used are 204 (chemical 2041), not force against people (175); a
     * claim on no one's named word ("is believed to") is reported */
    expect_root(phoenix, "Norwegian forces used chemical weapons against Swedish villagers on Monday.", "2019-11-20", "20");
    l = code(phoenix, "Norway is believed to have supplied drones to Sweden.", "2019-11-20");
    e = find(&l, "NOR", "SWE");
    assert_non_null(e);
    assert_int_equal(e->modality, FW_MOD_REPORTED);
    fw_event_list_fini(&l);
    /* a counterpart holds the role of the actor it is the counterpart of */
    l = code(phoenix, "The Norwegian foreign minister met his Swedish counterpart in Oslo on Monday.", "2019-11-20");
    assert_non_null(find(&l, "NORGOV", "SWEGOV"));
    fw_event_list_fini(&l);
    /* a member of a compound with a sector of its own keeps it ("Norway's government and the ELN") */
    l = code(phoenix, "Colombia's government and the ELN signed a ceasefire with Norway.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].src.code, "COLREBGOV");
    assert_non_null(find(&l, "COLREB", "NOR"));
    fw_event_list_fini(&l);
    /* scuttling or derailing talks calls them off; a ship scuttled or a train derailed codes nothing */
    expect_root(phoenix, "The Norwegian president scuttled the talks with Sweden in September.", "2019-11-20", "16");
    expect_no_event(phoenix, "The Norwegian navy scuttled the damaged ship near Oslo.", "2019-11-20");
    /* a warrant executed does what it authorizes */
    expect_root(phoenix, "Norwegian police executed a search warrant on a garage in Oslo on Monday.", "2019-11-20", "09");
    expect_root(phoenix, "Norwegian police executed an arrest warrant for a Swedish man on Monday.", "2019-11-20", "17");
    /* a noun after a number is no verb: the approval of the loan is the event, not a "loan" */
    l = code(phoenix, "The World Bank approved a $500 million loan to Norway on Monday.", "2019-11-20");
    assert_true(has_root(&l, "03"));
    assert_false(has_root(&l, "06"));
    fw_event_list_fini(&l);
    /* an object, a comma, then the speaker of the sentence: no list of targets */
    l = code(phoenix, "Sweden seized an oil tanker in the Gulf of Bothnia, the Norwegian navy said.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].tgt.code, "NORMIL");
    fw_event_list_fini(&l);
}

/* Exercises held with no partner show force (150), joint ones cooperate (062); two sides that
 * have been fighting fight each other; a passive participle after the object describes it. */
static void test_force_and_descriptions(void **state)
{
    expect_root(phoenix, "Sweden conducted large-scale military drills near Norway on Thursday.", "2019-11-20", "15");
    expect_root(phoenix, "Sweden held joint exercises with Norwegian forces on Thursday.", "2019-11-20", "06");
    /* what is blown up is blown up by explosives: property destroyed, physical with no weapon named */
    struct fw_event_list b = code(phoenix, "Swedish rebels blew up three power lines near Oslo last month.", "2019-11-20");
    assert_non_null(top(&b));
    assert_string_equal(top(&b)->cameo, "1712");
    fw_event_list_fini(&b);
    struct fw_event_list l = code(phoenix, "Norway and Sweden traded fire across the border on Monday.", "2019-11-20");
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
    /* each member of a compound speaker said it, with no one it was said to */
    l = code(phoenix, "Norway and Sweden jointly condemned the attack on the synagogue.", "2019-11-20");
    assert_non_null(find(&l, "NOR", "---"));
    assert_non_null(find(&l, "SWE", "---"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norway and Sweden have been fighting since April.", "2019-11-20");
    assert_non_null(find(&l, "NOR", "SWE"));
    assert_non_null(find(&l, "SWE", "NOR"));
    fw_event_list_fini(&l);
    /* a town captured is territory occupied; "allied" between a noun's "and" and an adjective is no
     * verb; who leads ("Swedish-led") is the actor */
    l = code(phoenix, "Norwegian troops and allied Swedish rebels captured the town of Kiruna from Danish forces on Monday.",
             "2019-11-20");
    assert_true(has_root(&l, "19"));
    assert_false(has_root(&l, "05"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish-led coalition air strikes killed 14 civilians near Oslo on Monday.", "2019-11-20");
    assert_non_null(top(&l));
    assert_string_equal(top(&l)->src.code, "SWE");
    fw_event_list_fini(&l);
    expect_root(phoenix, "Norwegian police arrested two men in the town of Kiruna on Monday.", "2019-11-20", "17");
    /* "NATO allies pledged": a plural after a name, before a finite verb, heads the subject (ALLY,
     * 050, is no verb there); "fuel price rises stormed": the compound's last noun, then the verb */
    l = code(phoenix, "NATO allies pledged to increase military aid to Norway at a summit in Oslo.", "2019-11-20");
    assert_false(has_root(&l, "05"));
    fw_event_list_fini(&l);
    expect_root(phoenix, "Protesters angry over fuel price rises stormed government buildings in Oslo on Monday.", "2019-11-20",
                "14");
    l = code(phoenix, "Norwegian police detained nine men suspected of links to the attackers.", "2019-11-20");
    assert_true(has_root(&l, "17"));
    assert_false(has_root(&l, "11"));
    fw_event_list_fini(&l);
    l = code(phoenix, "The International Criminal Court issued an arrest warrant for the Swedish president.", "2019-11-20");
    assert_non_null(top(&l));
    assert_string_equal(top(&l)->src.code, "IGOJUDICC");
    fw_event_list_fini(&l);
}

/* Claims and plans: what one side claims its own side did is that act on its word, what it says
 * an adversary did an accusation (PETRARCH's 112); a plan's bare month is the next one; a verb of
 * saying takes the clause after its adjuncts ("said on Monday it would"); a verb of doing names
 * its act by the act's noun before its own default ("conducted a raid"). */
static void test_claims_and_plans(void **state)
{
    struct fw_event_list l = code(phoenix, "The Norwegian defence ministry claimed that Norwegian forces shelled Swedish "
                                           "positions near the border.", "2019-11-20");
    const struct fw_event *e = top(&l);
    assert_non_null(e);
    assert_string_equal(e->src.code, "NORMIL");
    assert_true(has_violence(&l));
    assert_int_equal(e->modality, FW_MOD_REPORTED);
    fw_event_list_fini(&l);
    expect_root(phoenix, "Swedish officials said Norwegian forces shelled Swedish positions near the border.", "2019-11-20",
                "11");
    l = code(phoenix, "The Norwegian president said Norway would hold exercises with Swedish forces in June.", "2024-05-03");
    e = top(&l);
    assert_non_null(e);
    assert_string_equal(e->cameo, "062");
    assert_int_equal(e->date.y, 2024);
    assert_int_equal(e->date.m, 6);
    fw_event_list_fini(&l);
    /* ... "later this month" is the month of publication, no past one to move a year on */
    l = code(phoenix, "The Norwegian president said Norway would hold exercises with Swedish forces later this month.",
             "2024-05-03");
    e = top(&l);
    assert_non_null(e);
    assert_int_equal(e->date.y, 2024);
    assert_int_equal(e->date.m, 5);
    fw_event_list_fini(&l);
    /* a "since" clause's date is where a span begins, not the date of what depends on it */
    l = code(phoenix, "The Swedish group has stepped up attacks on Norwegian forces since it ended a ceasefire with "
                      "Norway in November 2022.", "2024-03-21");
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "13", 2)) assert_int_equal(l.ev[i].date.y, 2024);
    fw_event_list_fini(&l);
    /* a denial in an apposition after the verb is another's */
    l = code(phoenix, "Norway has accused Sweden of harbouring the militants, a charge Stockholm denies.", "2024-03-21");
    e = find(&l, "NOR", "SWE");
    assert_non_null(e);
    assert_int_equal(e->modality, FW_MOD_ASSERTED);
    fw_event_list_fini(&l);
    l = code(phoenix, "Sweden said on Monday it would send troops to Norway.", "2024-05-03");
    e = find(&l, "SWE", "NOR");
    assert_non_null(e);
    assert_int_equal(e->modality, FW_MOD_PLANNED);
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian troops conducted a raid on a Swedish army base on Monday.", "2019-11-20");
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
    /* what a present tense of going on governs is as general as that verb */
    l = code(phoenix, "The Norwegian government continues to set conditions for Sweden.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_true(l.ev[i].confidence < 0.5);
    fw_event_list_fini(&l);
}

/* Country adjectives name their country ("Swedish officials"), and of two dated codes that both
 * cover the date (an inverted bound in Phoenix), the one begun last is current. */
static void test_country_names(void **state)
{
    static const struct {
        const char *text, *code;
    } cases[] = {
        {"Swedish officials criticized Norway on Monday.", "SWE"},
        {"Icelandic officials criticized Norway on Monday.", "ISL"},
        {"Slovenian officials criticized Norway on Monday.", "SVN"},
        {"Turkmen officials criticized Norway on Monday.", "TKM"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fw_event_list l = code(phoenix, cases[i].text, "2024-05-03");
        const struct fw_event *e = top(&l);
        assert_non_null(e);
        if (strcmp(e->src.code, cases[i].code)) fprintf(stderr, "%s: %s\n", cases[i].text, e->src.code);
        assert_string_equal(e->src.code, cases[i].code);
        fw_event_list_fini(&l);
    }
}

/* A name no dictionary knows takes the code its apposition gives ("X, a spokesman for the Interior
 * Ministry, said"); a date inside a quotation dates what is quoted, not the saying; an attack
 * claimed is responsibility claimed, in either voice; a plural after a preposition is no verb. */
/* "he" and "she" stand for the last person named: one the actor dictionary knows too
 * ("President Vladimir Putin ... he met"), never a body whose name a dictionary lacks ("the
 * Fjord Security Committee"). */
/* ", and" before a subject and its verb joins two clauses, not two members of a list: the
 * place a preposition names before it takes none of the second subject's titles, and the second
 * clause keeps its own subject. */
static void test_clause_and(void **state)
{
    (void)state;
    struct fw_event_list l = code(phoenix, "In April, Swedish police arrested three Norwegian militants in Halvorsbyen, and "
                                           "Denmark's military government announced it would deploy additional troops "
                                           "to the border.", "2019-11-20");
    assert_non_null(find(&l, "SWECOP", NULL));
    const struct fw_event *e = find(&l, "DNKGOVMIL", NULL);
    assert_non_null(e);
    assert_true(!strncmp(e->cameo, "15", 2));
    for (size_t i = 0; i < l.n; i++) assert_null(strstr(l.ev[i].tgt.code, "GOVMIL"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Officials from Norway, Sweden, and Denmark condemned the attack.", "2019-11-20");
    assert_non_null(find(&l, "NOR", NULL));
    assert_non_null(find(&l, "DNK", NULL));
    fw_event_list_fini(&l);
}

/* "The two sides", "both countries": the two actors the article last named together (states,
 * bodies, groups or named people, not two people a demonym names). */
/* People named in apposition with a plural subject are its doers ("Two contractors, Tim
 * Halvorsen and Per Berg, pleaded guilty"); a person before "'s" owns the title that follows,
 * he does not hold it ("Halvorsen's lawyer" is no lawyer Halvorsen). */
static void test_named_people(void **state)
{
    (void)state;
    struct fw_event_list l = code(phoenix, "Two contractors, Tim Halvorsen and Per Berg, pleaded guilty last year.",
                                  "2019-11-20");
    assert_true(l.n > 0);
    for (size_t i = 0; i < l.n; i++) assert_true(strstr(l.ev[i].src.text, "Halvorsen") || strstr(l.ev[i].src.text, "Berg"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Halvorsen's lawyer, Per Berg, said his client would appeal. Swedish police arrested Halvorsen in "
                      "August.", "2019-11-20");
    const struct fw_event *e = find(&l, "SWECOP", NULL);
    assert_non_null(e);
    assert_string_equal(e->tgt.code, "---");
    fw_event_list_fini(&l);
}

/* An infinitive's subject is its governing intent verb's, past a relative clause; "accused the
 * opposition of organizing" names the opposition. */
static void test_clause_subjects(void **state)
{
    (void)state;
    struct fw_event_list l = code(phoenix, "The Norwegian prime minister, who has long opposed the plan, has vowed to "
                                           "expel the Swedish ambassador.", "2019-11-20");
    assert_non_null(find(&l, "NORGOV", NULL));
    fw_event_list_fini(&l);
    l = code(phoenix, "The Norwegian prime minister accused the opposition of organizing the unrest.", "2019-11-20");
    assert_non_null(find(&l, "NORGOV", "---OPP"));
    fw_event_list_fini(&l);
}

static void test_two_sides(void **state)
{
    (void)state;
    struct fw_event_list l = code(phoenix, "Norway and Sweden held talks in Oslo on Monday. The two sides agreed to reopen "
                                           "the border.", "2019-11-20");
    const struct fw_event *e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "05", 2) && !strcmp(l.ev[i].src.code, "SWE") && !strcmp(l.ev[i].tgt.code, "NOR"))
            e = &l.ev[i];
    assert_non_null(e);
    fw_event_list_fini(&l);
    /* no pair named before: no one */
    expect_no_event(phoenix, "The two sides agreed to reopen the border.", "2019-11-20");
}

/* A political body's words are an event whatever they are about: "human rights groups
 * condemned the arrests" (no target actor) as "the government condemned the attacks" (a
 * pattern of the dictionary); a thing that acts in a clause of no one's is no speaker. */
static void test_bodies_speak(void **state)
{
    (void)state;
    struct fw_event_list l = code(phoenix, "Human rights groups condemned the arrests on Monday.", "2019-11-20");
    assert_non_null(find(&l, "---HRI", NULL));
    assert_true(has_root(&l, "11"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Opposition lawmakers rejected the plan on Monday.", "2019-11-20");
    assert_true(has_root(&l, "12"));
    fw_event_list_fini(&l);
    expect_no_event(phoenix, "Align your views behind one political party, the column says.", "2019-11-20");
    /* an agentless passive's subject is done to, by no one named: no event with no one else in it
     * ("Norway and Sweden are also exposed"); one with its doer named by "by" stays */
    expect_no_event(phoenix, "Neighbouring Norway and Sweden are also exposed.", "2019-11-20");
    expect_no_event(phoenix, "The Norwegian minister was not made aware of the Swedish transcript until it was "
                             "released.", "2019-11-20");
    expect_root(phoenix, "The Norwegian embassy was praised by Sweden on Monday.", "2019-11-20", "05");
    /* "a Swede", "an American": a state's name after "a" is one of its people */
    expect_root(phoenix, "Gunmen seized a Swede in Oslo on Monday.", "2019-11-20", "181");
    /* a conjunct of a verb no one did is done by no one either, not by the first verb's object */
    struct fw_event_list cb = code(phoenix, "A car bomb exploded outside a military base in Tromso, killing two Norwegian "
                                            "soldiers and wounding 27 people.", "2019-11-20");
    assert_true(has_violence(&cb));
    assert_null(find(&cb, "NORMIL", NULL));
    fw_event_list_fini(&cb);
    /* ... the state's forces seizing a person arrest him */
    expect_root(phoenix, "The Norwegian army said it had captured a Swedish rebel leader on Friday.", "2019-11-20", "173");
    expect_root(phoenix, "Swedish police released an American on Monday.", "2019-11-20", "0841");
}

/* What one side reports its adversary did: PETRARCH's accusation by the saying verb, and the act
 * too, as reported; a verb of contested assertion ("claimed") only accuses. The weapons a verb
 * fires are no target; "shot down" is no present habit. */
static void test_war_reports(void **state)
{
    (void)state;
    struct fw_event_list l = code(phoenix, "The Swedish Air Force reported that Norwegian forces shelled Swedish positions "
                                           "near the border.", "2019-11-20");
    assert_true(has_root(&l, "11"));
    const struct fw_event *e = find(&l, "NORMIL", NULL);
    assert_non_null(e);
    assert_true(e->cameo[0] == '1' && e->cameo[1] >= '8');
    assert_int_equal(e->modality, FW_MOD_REPORTED);
    fw_event_list_fini(&l);
    l = code(phoenix, "Sweden claimed that Norwegian forces had attacked Swedish positions.", "2019-11-20");
    assert_true(has_root(&l, "11"));
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian forces launched 21 drones and six cruise missiles overnight.", "2019-11-20");
    assert_non_null(find(&l, "NORMIL", NULL));
    assert_null(find(&l, NULL, "---MIL"));
    fw_event_list_fini(&l);
    expect_root(phoenix, "Swedish air defense units shot down 17 of the Norwegian drones on Monday.", "2019-11-20", "19");
    /* force aircraft or drones use is aerial (195); a state's drones are its military */
    expect_root(phoenix, "On Monday, Norwegian and Swedish aircraft struck nearly 30 locations across Finland.", "2019-11-20",
                "195");
    l = code(phoenix, "A Norwegian drone struck a car in northern Sweden on Monday.", "2019-11-20");
    assert_non_null(find(&l, "NORMIL", NULL));
    assert_true(has_root(&l, "195"));
    fw_event_list_fini(&l);
    /* "responded with strikes": a verb of response names its act by what it responds with */
    expect_root(phoenix, "Norway and Denmark have responded with strikes on Swedish radar sites.", "2019-11-20", "19");
    /* "A soldier shot a man": an irregular past after a noun with "a" is the verb */
    expect_root(phoenix, "A Norwegian soldier shot a Swedish man on Monday.", "2019-11-20", "18");
}

static void test_pronoun_persons(void **state)
{
    (void)state;
    struct fw_event_list l = code(phoenix, "Russian President Vladimir Putin criticized Sweden, and on Monday he met Danish "
                                           "officials in Oslo.", "2019-11-20");
    assert_non_null(find(&l, "RUSGOV", "DNK"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Russian President Vladimir Putin criticized Sweden on Monday. The Fjord Security Committee said two "
                      "soldiers were wounded. He also met Danish officials in Oslo.", "2019-11-20");
    assert_non_null(find(&l, "RUSGOV", "DNK"));
    fw_event_list_fini(&l);
}

static void test_speakers_and_claims(void **state)
{
    struct fw_event_list l = code(phoenix, "Arne Dahl, a spokesman for the Norwegian defence ministry, said the border was "
                                           "calm.", "2019-11-20");
    const struct fw_event *e = top(&l);
    assert_non_null(e);
    assert_true(!strncmp(e->src.code, "NORGOV", 6));
    fw_event_list_fini(&l);
    l = code(phoenix, "Arne Dahl told the Norwegian parliament, \"I feared at the time of the vote on July 25 "
                      "that it would fail.\"", "2019-11-20");
    e = top(&l);
    assert_non_null(e);
    assert_int_equal(e->date.m, 11);
    fw_event_list_fini(&l);
    expect_root(phoenix, "The blast in Oslo was claimed by the Islamic State group.", "2019-11-20", "01");
    /* a date after the verb, in a later clause the verb does not govern, is that clause's */
    l = code(phoenix, "Sweden has offered to hand over to Norway two men suspected of attacking an embassy in March.",
             "2019-11-20");
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "03", 2)) assert_int_equal(l.ev[i].date.m, 11);
    assert_true(has_root(&l, "03"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian forces arrested 15 Swedes in raids across the border.", "2019-11-20");
    assert_true(has_root(&l, "17"));
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
}

/* Announcing or declaring an act does it ("announced new sanctions", "announced an
 * investigation"), declaring something a thing judges it ("a ruling declaring the ban
 * unconstitutional" condemns, 111; it imposes no ban). */
static void test_announced_acts(void **state)
{
    expect_root(phoenix, "Norway announced an investigation into the shooting on Monday.", "2019-11-20", "09");
    struct fw_event_list l = code(phoenix, "A Norwegian court ruling declared the government's mask ban unconstitutional.",
                                  "2019-11-20");
    assert_false(has_root(&l, "17"));
    fw_event_list_fini(&l);
    expect_root(phoenix, "The Swedish government called the Norwegian election a sham.", "2019-11-20", "11");
}

/* An apposition names the same actor again ("the envoy, Yossi Cohen,"): one event; a list
 * between commas names several ("Israel, Jordan and Syria"): one event each. */
static void test_apposition(void **state)
{
    /* an apposition after a name's acronym in parentheses names the same actor */
    struct fw_event_list u = code(phoenix, "The Egyptian Union of Journalists (EUJ), the largest union of reporters, "
                                           "criticized the Israeli government on Monday.", "2019-11-20");
    assert_non_null(find(&u, NULL, "ISRGOV"));
    assert_int_equal(strncmp(find(&u, NULL, "ISRGOV")->src.code, "EGY", 3), 0);
    fw_event_list_fini(&u);
    struct fw_event_list l = code(phoenix, "The Egyptian foreign minister met the Israeli prime minister's lawyer, "
                                           "Yossi Cohen, to try to convince him, and therefore the president, that "
                                           "the deal was fair.", "2019-11-20");
    size_t meets = 0;
    for (size_t i = 0; i < l.n; i++) meets += !strncmp(l.ev[i].cameo, "04", 2) && !strcmp(l.ev[i].src.code, "EGYGOV");
    assert_int_equal(meets, 1);
    fw_event_list_fini(&l);
    l = code(phoenix, "The Egyptian foreign minister met Israel, Jordan and Syria in Cairo on Monday.", "2019-11-20");
    assert_non_null(find(&l, "EGYGOV", "ISR"));
    assert_non_null(find(&l, "EGYGOV", "JOR"));
    assert_non_null(find(&l, "EGYGOV", "SYR"));
    fw_event_list_fini(&l);
}

/* A comma between a preposition's object and the subject of the verb right after it ends a
 * clause ("... in Cairo, the Egyptian army said"): the two are no list, and the verb's source is
 * its own subject. */
static void test_clause_comma_no_list(void **state)
{
    struct fw_event_list l = code(phoenix, "In talks with Jordan, the Egyptian foreign minister criticized Israel on Monday.",
                                  "2019-11-20");
    assert_non_null(find(&l, "EGYGOV", "ISR"));
    assert_null(find(&l, "JOR", "ISR"));
    fw_event_list_fini(&l);
    /* ... also when the verb after the subject is an auxiliary or a copula ("was busy distancing") */
    l = code(phoenix, "While tourists spent the weekend watching the third season of a show on Netflix, the Egyptian "
                      "president was busy distancing himself from the Israeli plan.", "2019-11-20");
    assert_non_null(find(&l, "EGYGOV", "ISR"));
    assert_null(find(&l, "---CVL", NULL));
    fw_event_list_fini(&l);
}

/* What a refusal or a disapproval verb does follows its complement: declining to say or to
 * comment is CAMEO's 011 (decline comment), a figure that declines is no refusal, a proposal
 * declined stays one; arguing that something is so asserts it; going somewhere needs a where. */
static void test_refusal_senses(void **state)
{
    /* going or arriving is a visit only with a place or an actor to go to */
    const char *nowhere[] = {"Egyptian tourists were left stranded in Israel on Monday.",
                             "The Egyptian president has left himself open to Israeli criticism.",
                             "The Egyptian foreign minister has largely gone under the radar.",
                             "The Egyptian expansion into Israeli markets came in September 2018."};
    for (size_t i = 0; i < sizeof nowhere / sizeof nowhere[0]; i++) {
        struct fw_event_list g = code(phoenix, nowhere[i], "2019-11-20");
        if (has_root(&g, "04")) fprintf(stderr, "\"%s\": a visit\n", nowhere[i]);
        assert_false(has_root(&g, "04"));
        fw_event_list_fini(&g);
    }
    expect_root(phoenix, "The Egyptian foreign minister went to Jerusalem on Monday.", "2019-11-20", "04");
    expect_root(phoenix, "The Egyptian foreign minister arrived in Jerusalem on Monday.", "2019-11-20", "04");
    expect_root(phoenix, "The Egyptian foreign minister left Cairo for Jerusalem on Monday.", "2019-11-20", "04");
    /* the one who orders a use of force does it; an order to someone stays a demand */
    expect_root(phoenix, "The Egyptian president ordered an air strike against an Israeli convoy on Monday.", "2019-11-20",
                "19");
    expect_root(phoenix, "The Egyptian president ordered Israel to withdraw its troops.", "2019-11-20", "10");
    /* a reporter's credit line is no statement; a report from a place of what happened is */
    struct fw_event_list c = code(phoenix, "Tim Halvorsen reported from Cairo, and Anna Berg from Amman.", "2019-11-20");
    assert_int_equal(c.n, 0);
    fw_event_list_fini(&c);
    expect_root(phoenix, "The Egyptian ministry reported from Cairo that Israeli troops had crossed the border.", "2019-11-20",
                "01");
    /* to argue a clause is to assert it; to argue with someone, to disagree */
    expect_root(phoenix, "The Egyptian foreign minister argued with the Israeli ambassador on Monday.", "2019-11-20", "11");
    struct fw_event_list a = code(phoenix, "The Egyptian foreign minister argued on Monday that Israel needs stronger "
                                           "border security.", "2019-11-20");
    assert_non_null(find(&a, "EGYGOV", NULL));
    assert_false(has_root(&a, "11"));
    fw_event_list_fini(&a);
    struct fw_event_list l = code(phoenix, "The Egyptian foreign ministry declined to comment on the Israeli report on "
                                           "Monday.", "2019-11-20");
    assert_false(has_root(&l, "12"));
    assert_true(has_root(&l, "011"));
    fw_event_list_fini(&l);
    expect_root(phoenix, "Iran rejected the American proposal on Monday.", "2019-11-20", "12");
    expect_root(phoenix, "The Egyptian government refused to release the Israeli prisoners on Monday.", "2019-11-20", "12");
    const char *figures[] = {"Egypt's exports declined by 12 percent in October.", "Iran's oil output declined 5% in October.",
                             "The Egyptian government's revenue declined to 3 billion dollars last year."};
    for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
        l = code(phoenix, figures[i], "2019-11-20");
        assert_false(has_root(&l, "12"));
        fw_event_list_fini(&l);
    }
}

/* A sentence's capitalized first word that is an adverb or a conjunction opens no name ("Yet
 * Schiff refused", "Once Trump released"): the name is the words after it. */
static void test_initial_adverb_not_name(void **state)
{
    struct fw_event_list l = code(phoenix, "Yet Halvorsen criticized the Egyptian government on Monday.", "2019-11-20");
    assert_int_equal(l.n, 1);
    assert_string_equal(l.ev[0].src.text, "Halvorsen");
    fw_event_list_fini(&l);
}

/* A wire dateline before the first sentence ("CAIRO, Egypt — ", "BEIRUT -- ") places the story;
 * it is no part of the first sentence's actors. */
static void test_dateline_not_actor(void **state)
{
    struct fw_event_list l = code(phoenix, "CAIRO, Egypt \xe2\x80\x94 Israeli officials criticized the Jordanian "
                                           "government on Monday.", "2019-11-20");
    assert_non_null(find(&l, "ISR", "JORGOV"));
    assert_null(find(&l, "EGY", NULL));
    fw_event_list_fini(&l);
    l = code(phoenix, "BEIRUT -- Syrian troops shelled rebel positions near Idlib on Monday.", "2019-11-20");
    assert_non_null(find(&l, "SYRMIL", NULL));
    assert_null(find(&l, "LBNMIL", NULL));
    fw_event_list_fini(&l);
}

/* Wire style's abbreviated titles name a legislator or a governor ("Sen.", "Rep.", "Gov."); a head's
 * title of a body no dictionary knows ("chief executive of Ceres Robotics") names no government. */
static void test_abbreviated_titles(void **state)
{
    struct fw_event_list h = code(phoenix, "The chief executive of Halvorsen Robotics criticized the Mexican government on "
                                           "Monday.", "2019-11-20");
    assert_non_null(find(&h, "---", "MEXGOV"));
    assert_null(find(&h, "---GOV", "MEXGOV"));
    fw_event_list_fini(&h);
    expect_root(phoenix, "The president of Egypt criticized the Mexican government on Monday.", "2019-11-20", "11");
    /* an airline is a "flagship carrier", a business; an aircraft carrier stays the navy's */
    h = code(phoenix, "Egypt's flagship carrier criticized the Mexican government on Monday.", "2019-11-20");
    assert_non_null(find(&h, "EGYBUS", "MEXGOV"));
    fw_event_list_fini(&h);
    struct fw_event_list l = code(phoenix, "Rep. Halvorsen criticized the Mexican government on Monday.", "2019-11-20");
    assert_non_null(find(&l, "---LEG", "MEXGOV"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Gov. Halvorsen praised the Mexican government on Monday.", "2019-11-20");
    assert_non_null(find(&l, "---GOV", "MEXGOV"));
    fw_event_list_fini(&l);
    /* a state's office held in a firm, as its own phrase says (a co-title, a function, a legal
     * form, a rank below vice president): a business; an office followed by another clause's
     * firm keeps the state's */
    static const char *const firm[] = {
        "Tim Halvorsen, president and chief operating officer of Fjord Robotics, criticized the Mexican government on Monday.",
        "Tim Halvorsen, Senior Vice President of Sales for Fjord, Inc., criticized the Mexican government on Monday.",
        "The company's president and CEO criticized the Mexican government on Monday.",
    };
    for (size_t i = 0; i < sizeof firm / sizeof firm[0]; i++) {
        l = code(phoenix, firm[i], "2019-11-20");
        assert_non_null(find(&l, "---BUS", "MEXGOV"));
        assert_null(find(&l, "---GOV", "MEXGOV"));
        fw_event_list_fini(&l);
    }
    l = code(phoenix, "President Halvorsen criticized the Mexican government after talks with the CEO of Fjord.",
             "2019-11-20");
    assert_non_null(find(&l, "---GOV", "MEXGOV"));
    fw_event_list_fini(&l);
    /* a carrier based somewhere, or among flights and passengers, is an airline; the navy's
     * otherwise */
    static const struct {
        const char *text, *src, *tgt;
    } carrier[] = {
        {"The Oslo-based carrier criticized the Mexican government on Monday.", "---BUS", "MEXGOV"},
        {"The carrier, which cancelled 40 flights, criticized the Mexican government on Monday.", "---BUS", "MEXGOV"},
        {"The carrier attacked Mexican positions on Monday.", "---MIL", "MEX"},
    };
    for (size_t i = 0; i < sizeof carrier / sizeof carrier[0]; i++) {
        l = code(phoenix, carrier[i].text, "2019-11-20");
        assert_non_null(find(&l, carrier[i].src, carrier[i].tgt));
        fw_event_list_fini(&l);
    }
}

/* Words that look like actors and name no one who acts: a state before a market's aggregate
 * ("Norwegian stocks"), a region of the world ("North American"), "deputy" as a rank, and a
 * plural common noun that opens a sentence ("Tariffs have been imposed"). */
static void test_not_actors(void **state)
{
    (void)state;
    static const struct {
        const char *text, *src, *tgt;
        int present;
    } cases[] = {
        {"Norwegian stocks fell sharply after the Swedish government criticized the central bank on Monday.", "SWEGOV",
         NULL, 1},
        {"Norwegian stocks fell sharply after the Swedish government criticized the central bank on Monday.", "NOR", NULL,
         0},
        /* a state's body named by the aggregate it oversees stays the state's */
        {"The Swedish market regulator fined Halvorsen Robotics on Monday.", "SWEGOV", NULL, 1},
        {"Halvorsen Robotics announced a North American partnership with Fjord on Monday.", NULL, "USA", 0},
        {"Central American migrants criticized Sweden on Monday.", "---CVL", "SWE", 1},
        {"North Korean troops attacked South Korean positions on Monday.", "PRKMIL", "KOR", 1},
        /* a deputy administrator is no sheriff's deputy; a deputy who arrests is */
        {"Halvorsen, deputy associate administrator of the Norwegian space agency, criticized Sweden on Monday.", "---COP",
         NULL, 0},
        {"A deputy arrested Halvorsen in Oslo on Monday.", "---COP", NULL, 1},
        /* a common noun a dictionary entry names alone ("Organization") that ends a longer name no
         * dictionary knows heads that name */
        {"The Nordic Fisheries Treaty Organization criticized Sweden on Monday.", "MEAREB", NULL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fw_event_list l = code(phoenix, cases[i].text, "2019-11-20");
        if (!find(&l, cases[i].src, cases[i].tgt) != !cases[i].present)
            fprintf(stderr, "case %zu \"%s\": %s -> %s %s\n", i, cases[i].text, cases[i].src ? cases[i].src : "*",
                    cases[i].tgt ? cases[i].tgt : "*", cases[i].present ? "missing" : "found");
        assert_true(!find(&l, cases[i].src, cases[i].tgt) == !cases[i].present);
        fw_event_list_fini(&l);
    }
    struct fw_event_list l = code(phoenix, "Tariffs have also been imposed on imports from Sweden.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_true(!l.ev[i].src.text[0] || strcmp(l.ev[i].src.text, "Tariffs"));
    fw_event_list_fini(&l);
}

/* A that-clause with a subject of its own that names no actor ("announced that two infected
 * individuals sought treatment") is not done by the one who reports it; nor is a verb in a
 * noun's content. */
static void test_reported_clause_own_subject(void **state)
{
    /* a verb in a noun's content ("knowledge of any efforts to urge") is no part of what the
     * speaker did: the statement stays his */
    struct fw_event_list k = code(phoenix, "Tim Halvorsen said he had no knowledge of any efforts to urge Israel to "
                                           "investigate the Jordanian king.", "2019-11-20");
    assert_true(k.n >= 1);
    assert_string_equal(k.ev[0].cameo, "010");
    assert_string_equal(k.ev[0].src.text, "Tim Halvorsen");
    assert_false(has_root(&k, "02"));
    fw_event_list_fini(&k);
    struct fw_event_list l = code(phoenix, "Egyptian authorities announced that two infected individuals sought treatment "
                                           "in an Israeli hospital.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_false(!strncmp(l.ev[i].cameo, "03", 2) && !strcmp(l.ev[i].src.code, "EGYGOV"));
    assert_non_null(find(&l, "EGYGOV", NULL));      /* the announcement */
    fw_event_list_fini(&l);
}

/* A "while" clause with its own subject after a comma ("..., while the Arab League condemned the
 * move") asserts its own happening, as confidently as a sentence of its own would. */
static void test_contrast_clause(void **state)
{
    struct fw_event_list l = code(phoenix, "Egypt and Jordan stressed that the decision was illegal, while the Arab League "
                                           "condemned the Israeli move on Monday.", "2019-11-20");
    struct fw_event_list m = code(phoenix, "The Arab League condemned the Israeli move on Monday.", "2019-11-20");
    const struct fw_event *e = find(&l, "IGOMEAARL", "ISR"), *f = find(&m, "IGOMEAARL", "ISR");
    assert_non_null(e);
    assert_non_null(f);
    assert_int_equal(e->modality, FW_MOD_ASSERTED);
    assert_true(e->confidence >= f->confidence - 1e-9);
    fw_event_list_fini(&l);
    fw_event_list_fini(&m);
}

/* Contractions with a typographic apostrophe are the words they spell ("I’m", "We’re"), no
 * names of actors, as with an ASCII apostrophe. */
static void test_curly_contractions(void **state)
{
    const char *texts[] = {"Our staff are great, I’m honored to serve them every day.",
                           "Our staff are great, I'm honored to serve them every day.",
                           "“We’re honoured to join this community of providers,” she wrote."};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        struct fw_event_list l = code(phoenix, texts[i], "2019-11-20");
        for (size_t k = 0; k < l.n; k++) {
            fprintf(stderr, "\"%s\": %s by \"%s\"\n", texts[i], l.ev[k].cameo, l.ev[k].src.text);
            assert_true(l.ev[k].src.text[0] != 'I' && l.ev[k].src.text[0] != 'W');
        }
        fw_event_list_fini(&l);
    }
}

/* A participle between a determiner or a number and its noun describes the noun ("the three
 * detained journalists"): it is no verb of its own, and the noun is the main verb's target. */
static void test_attributive_participles(void **state)
{
    struct fw_event_list l = code(phoenix, "The French government welcomed the three detained journalists in Paris on "
                                           "Monday.", "2019-11-20");
    const struct fw_event *e = find(&l, "FRAGOV", "FRAMED");
    assert_non_null(e);
    assert_int_equal(strncmp(e->cameo, "05", 2), 0);
    assert_false(has_root(&l, "17"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Egyptian police detained three journalists in Cairo on Monday.", "2019-11-20");
    assert_non_null(find(&l, "EGYCOP", "EGYMED"));
    assert_true(has_root(&l, "17"));
    fw_event_list_fini(&l);
    /* after a preposition too ("families of alleged abuse victims"): the meeting is the event */
    l = code(phoenix, "The Egyptian minister met families of alleged abuse victims in Cairo on Monday.", "2019-11-20");
    assert_true(has_root(&l, "04"));
    assert_false(has_root(&l, "11"));
    fw_event_list_fini(&l);
    /* a plural before "of" is a noun ("U.S. imports of steel"): no trade between the two */
    l = code(phoenix, "U.S. imports of steel from China fell in October.", "2019-11-20");
    assert_false(has_root(&l, "06"));
    fw_event_list_fini(&l);
    /* a noun after a name after an adjective heads the phrase ("the ongoing Gaza conflict"): no
     * verb, and the appeal's target is the one urged */
    l = code(phoenix, "Egypt urged Israel on Monday not to forget the ongoing Gaza conflict.", "2019-11-20");
    assert_non_null(find(&l, "EGY", "ISR"));
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
}

/* A verb with no meaning of its own takes its object's ("laid siege to"), but a light verb with
 * a speech noun ("made his remarks") is no statement event. */
/* Acts a coder names by the CAMEO codebook, not by the verb alone: tear gas, rubber bullets and
 * water cannon fired at people are violent repression (175), by police or soldiers, not a fight
 * (19x) or an assault (18x); an act announced by its noun is that act ("announced the expulsion of
 * diplomats", Latin stems that change: expulsion, detention, extradition); leading a march or
 * people through the streets is demonstrating (141); approving a state of emergency imposes it. */
static void test_codebook_acts(void **state)
{
    struct fw_event_list l = code(phoenix, "Norwegian riot police fired rubber bullets and tear gas at Swedish protesters "
                                           "on Monday.", "2019-11-20");
    assert_true(has_root(&l, "17"));
    assert_false(has_violence(&l));
    assert_non_null(top(&l));
    assert_string_equal(top(&l)->cameo, "175");
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish soldiers fired tear gas at crowds outside the parliament on Monday.", "2019-11-20");
    assert_true(has_root(&l, "17"));
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    /* a pattern written again in the supplement gives it a new code ("fired teargas" was 180) */
    expect_root(phoenix, "Norwegian police fired teargas at Swedish fans on Monday.", "2019-11-20", "17");
    /* rockets are still a fight */
    l = code(phoenix, "Swedish rebels fired rockets at a Norwegian army base on Monday.", "2019-11-20");
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
    expect_root(phoenix, "Norway announced the expulsion of 12 Swedish diplomats on Monday.", "2019-11-20", "17");
    expect_root(phoenix, "Sweden announced the expulsions of Norwegian diplomats on Monday.", "2019-11-20", "17");
    expect_root(phoenix, "The Swedish opposition leader led thousands of supporters through the streets of Oslo on "
                         "Monday.", "2019-11-20", "14");
    expect_root(phoenix, "The Norwegian opposition led a march through Oslo on Monday.", "2019-11-20", "14");
    l = code(phoenix, "She led the Norwegian company through a difficult year.", "2019-11-20");
    assert_false(has_root(&l, "14"));
    fw_event_list_fini(&l);
    expect_root(phoenix, "The Norwegian parliament approved a state of emergency in Finnmark on Monday.", "2019-11-20",
                "17");
}

/* A word between a verb and the noun its pattern matched modifies the noun ("imposed sweeping
 * sanctions" is no sweeping); a date between the subject and its verb is the verb's, not a later
 * clause's ("leaders on Sunday imposed sanctions on officers who seized power last week"). */
static void test_modifiers_and_preverbal_dates(void **state)
{
    struct fw_event_list l = code(phoenix, "Swedish leaders on Monday imposed sweeping sanctions on Norway and gave the "
                                           "officers who seized power last week seven days to leave.", "2019-11-20");
    const struct fw_event *e = find(&l, "SWE", "NOR");
    assert_non_null(e);
    assert_int_equal(e->cameo[0], '1');
    assert_int_equal(e->cameo[1], '6');
    assert_int_equal(e->date.y * 10000 + e->date.m * 100 + e->date.d, 20191118);
    assert_false(has_root(&l, "09"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian police on Monday arrested two Swedish men who had robbed a bank in Oslo last year.",
             "2019-11-20");
    e = top(&l);
    assert_non_null(e);
    assert_string_equal(e->cameo, "173");
    assert_int_equal(e->date.y * 10000 + e->date.m * 100 + e->date.d, 20191118);
    fw_event_list_fini(&l);
    /* a relative clause set off by commas before the verb keeps its own date */
    l = code(phoenix, "The Swedish cleric, who has lived in Norway since 1999, condemned the coup attempt on Monday.",
             "2019-11-20");
    e = top(&l);
    assert_non_null(e);
    assert_int_equal(e->date.y, 2019);
    fw_event_list_fini(&l);
}

/* Senses of a happening's verbs that hold no one: "demonstrations were held" tells a protest took
 * place (no confinement of the towns it was held in); an official "fired" is dismissed, a gun is
 * fired at people; violence a leader vows "would" come is a threat (138), not a happening. */
static void test_held_fired_vowed(void **state)
{
    struct fw_event_list l = code(phoenix, "Demonstrations were also held in Oslo, Bergen and several Swedish towns.",
                                  "2019-11-20");
    assert_false(has_root(&l, "17"));
    fw_event_list_fini(&l);
    expect_root(phoenix, "Norwegian police held three Swedish protesters in Oslo on Monday.", "2019-11-20", "17");
    l = code(phoenix, "The Norwegian president fired the armed forces chief, Gen. Olav Berg, on Wednesday.", "2019-11-20");
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian soldiers fired on Swedish protesters in Oslo on Monday.", "2019-11-20");
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
    l = code(phoenix, "The Norwegian president visited the scene on Monday and vowed that the army would defeat the "
                      "Swedish rebels.", "2019-11-20");
    assert_false(has_violence(&l));
    assert_true(has_root(&l, "13"));
    fw_event_list_fini(&l);
}

/* A "they" after an opening phrase of time ("On May 13, they seized ...") stands for the last
 * sentence's plural subject, as a sentence-opening "they" does; inside a quotation it does not. A
 * charge "with" a crime is legal action (173) past the clauses describing who is charged, and
 * where a dictionary pattern ("in court") coded the accusation. */
static void test_they_and_charges(void **state)
{
    struct fw_event_list l = code(phoenix, "Swedish rebels did not give up. On May 13, they seized the town hall in Tromso.",
                                  "2019-11-20");
    const struct fw_event *e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (l.ev[i].date.m == 5 && l.ev[i].date.d == 13) e = &l.ev[i];
    assert_non_null(e);
    assert_string_equal(e->src.code, "SWEREB");
    assert_int_equal(e->cameo[0], '1');
    fw_event_list_fini(&l);
    expect_root(phoenix, "Six Norwegian men were charged in federal court with conspiracy to kidnap the governor.",
                "2019-11-20", "17");
    expect_root(phoenix, "Swedish officials on Thursday charged seven men linked to a militia known as the Wolf Guard "
                         "with providing support for terrorist acts.", "2019-11-20", "17");
    expect_root(phoenix, "The Swedish opposition charged that the election was rigged.", "2019-11-20", "11");
}

/* A relative clause of time or place ("a referendum on Sunday in which police charged voters")
 * tells a happening at its noun's date, not a noun's content; charging people with batons is an
 * assault, with a crime legal action; "whom" opens a relative clause, so the name after it joins
 * no list with the subject before it ("X, whom Y appointed president, declared ..."). */
static void test_setting_relatives(void **state)
{
    struct fw_event_list l = code(phoenix, "The Norwegian leader said on Monday the region had won after a banned "
                                           "referendum on Sunday in which Swedish police charged voters with batons.",
                                  "2019-11-20");
    const struct fw_event *e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (l.ev[i].cameo[0] == '1' && l.ev[i].cameo[1] == '8') e = &l.ev[i];
    assert_non_null(e);
    assert_int_equal(e->date.m * 100 + e->date.d, 1117);
    assert_true(e->confidence >= 0.3);
    fw_event_list_fini(&l);
    l = code(phoenix, "Prime Minister Olav Berg, whom King Harald appointed acting president in his absence, declared a "
                      "state of emergency on Wednesday.", "2019-11-20");
    assert_true(has_root(&l, "17"));
    fw_event_list_fini(&l);
}

/* "Theresa May ... On March 14, May announced ...": a month's name that is the surname of a person
 * the article named, right before a verb, is that person ("In May, protests spread" stays a month). */
static void test_month_surnames(void **state)
{
    struct fw_event_list l = code(phoenix, "British Prime Minister Theresa May said on Monday that Russia was responsible. "
                                           "On March 14, May announced the expulsion of 23 Russian diplomats. In May, "
                                           "protests spread.", "2018-04-12");
    const struct fw_event *e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (l.ev[i].cameo[0] == '1' && l.ev[i].cameo[1] == '7') e = &l.ev[i];
    assert_non_null(e);
    assert_int_equal(e->src.code[0], 'G');
    assert_int_equal(e->date.m * 100 + e->date.d, 314);
    fw_event_list_fini(&l);
}

/* Cases a review of this session's mechanisms found, each the edge of one: a date inside the
 * subject's relative clause is that clause's; a "with" gerund inside a reported clause makes no
 * charge legal action; a time after "fired" aims at nothing; a staged protest's noun is no verb;
 * "convention" and "attention" name no act; people led through the streets must be a crowd to
 * march; gendarmes are police, marchers and crowds people in the street. */
static void test_review_edges(void **state)
{
    struct fw_event_list l = code(phoenix, "The Swedish officers who seized power on Sunday imposed a curfew on Tuesday.",
                                  "2020-01-01");
    const struct fw_event *e = NULL;
    for (size_t i = 0; i < l.n; i++)
        if (!strcmp(l.ev[i].cameo, "1723")) e = &l.ev[i];
    assert_non_null(e);
    assert_int_equal(e->date.d, 31);
    fw_event_list_fini(&l);
    expect_root(phoenix, "The Swedish opposition charged that the army was tasked with suppressing the protests.",
                "2020-01-01", "11");
    l = code(phoenix, "The Norwegian president fired the army chief on Sunday.", "2020-01-01");
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    expect_no_event(phoenix, "Protests were held in Oslo.", "2020-01-01");
    expect_no_event(phoenix, "Swedish party delegates opened the convention in Oslo.", "2020-01-01");
    l = code(phoenix, "Norwegian police led the handcuffed suspects through the streets of Oslo.", "2020-01-01");
    assert_false(has_root(&l, "14"));
    assert_false(has_root(&l, "15"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian gendarmes opened fire on the opposition leader's home on Thursday.", "2020-01-01");
    e = top(&l);
    assert_non_null(e);
    assert_string_equal(e->src.sector, "COP");
    fw_event_list_fini(&l);
    l = code(phoenix, "In Oslo, the marchers were beaten by groups of government supporters.", "2020-01-01");
    assert_true(has_root(&l, "18"));
    fw_event_list_fini(&l);
    l = code(phoenix, "In the town of Tromso, crowds set fire to the police station on Saturday.", "2020-01-01");
    assert_true(has_root(&l, "14"));
    fw_event_list_fini(&l);
    /* one state's forces acting together are one side */
    l = code(phoenix, "Norwegian soldiers and riot police fired tear gas to disperse the crowds and formed a human "
                      "chain.", "2020-01-01");
    assert_false(has_root(&l, "06"));
    fw_event_list_fini(&l);
}

/* A region's adjective names an actor of the region ("European leaders", "West African leaders",
 * CAMEO's EUR, WAF); the African Union is a body of its own. */
static void test_region_actors(void **state)
{
    struct fw_event_list l = code(phoenix, "European leaders condemned the Swedish government on Monday.", "2019-11-20");
    assert_non_null(find(&l, "EUR", "SWEGOV"));
    fw_event_list_fini(&l);
    l = code(phoenix, "West African leaders imposed sanctions on Niger on Sunday.", "2019-11-20");
    assert_non_null(find(&l, "WAF", "NER"));
    fw_event_list_fini(&l);
    l = code(phoenix, "The African Union condemned the Swedish government on Monday.", "2019-11-20");
    assert_non_null(find(&l, "IGOAFRAU", "SWEGOV"));
    fw_event_list_fini(&l);
}

static void test_light_verbs(void **state)
{
    struct fw_event_list l = code(phoenix, "Egyptian troops laid siege to the rebel town on Monday.", "2019-11-20");
    const struct fw_event *e = find(&l, "EGYMIL", NULL);
    assert_non_null(e);
    assert_int_equal(strncmp(e->cameo, "19", 2), 0);
    fw_event_list_fini(&l);
    l = code(phoenix, "The UN chief made his remarks in Doha on Monday.", "2019-11-20");
    assert_false(has_root(&l, "01"));
    fw_event_list_fini(&l);
    /* a verb of doing names its act by the act's noun: an invasion launched is an invasion */
    expect_root(phoenix, "The Egyptian army launched an invasion of Libya on Monday.", "2019-11-20", "19");
    expect_root(phoenix, "The Egyptian ministry completed its investigation into the Israeli embassy on Monday.",
                "2019-11-20", "09");
    /* a blockade imposed, or a place blockaded, restricts movement (191); on towns it is physical */
    expect_root(phoenix, "Swedish rebels have imposed a blockade on several Norwegian towns.", "2019-11-20", "191");
    expect_root(phoenix, "Norwegian forces blockaded the Swedish port on Monday.", "2019-11-20", "191");
    /* "soldiers and volunteer fighters": a noun before a plural noun after "and" modifies it */
    l = code(phoenix, "Swedish militants ambushed a convoy of Norwegian soldiers and volunteer fighters on Monday.",
             "2019-11-20");
    assert_false(has_root(&l, "03"));
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
    /* ... and a noun of number or sequence by the noun after "of" */
    expect_root(phoenix, "Norwegian forces conducted a series of missile and drone strikes against Swedish energy "
                         "infrastructure on Monday.", "2019-11-20", "19");
    expect_root(phoenix, "Norway launched a wave of attacks on Swedish positions on Monday.", "2019-11-20", "19");
    /* a verb of judging does not ("concluded the establishment of the camps was legal") */
    l = code(phoenix, "The Egyptian government concluded the establishment of Israeli camps was legal.", "2019-11-20");
    assert_false(has_root(&l, "06"));
    fw_event_list_fini(&l);
}

/* The subject of a reported clause: its own noun phrase when it has one, never an actor of the
 * reporting clause; and the negation of a governing verb holds for its infinitive. */
static void test_clause_roles(void **state)
{
    struct fw_event_list l = code(phoenix, "The Egyptian government told reporters that the crowd attacked the Israeli "
                                           "embassy.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "18", 2) || !strncmp(l.ev[i].cameo, "19", 2))
            assert_string_not_equal(l.ev[i].src.code, "EGYGOV");
    fw_event_list_fini(&l);
    l = code(phoenix, "The Egyptian minister did not intend to attack the rebels.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "19", 2)) assert_int_equal(l.ev[i].modality, FW_MOD_DENIED);
    fw_event_list_fini(&l);
}

/* A date right after the verb of a participial clause dates that clause, not the main verb;
 * a date after the clause's object may as well be the main verb's. */
static void test_clause_dates(void **state)
{
    struct fw_event_list l = code(phoenix, "Jordan rejected the unilateral decision taken on Monday by Israeli officials.",
                                  "2019-11-20");
    const struct fw_event *e = find(&l, "JOR", NULL);
    assert_non_null(e);
    assert_int_not_equal(e->date_source, FW_DSRC_TEXT);
    fw_event_list_fini(&l);
    l = code(phoenix, "Egyptian police arrested two men wearing uniforms in Cairo on Monday.", "2019-11-20");
    e = find(&l, "EGYCOP", NULL);
    assert_non_null(e);
    assert_int_equal(e->date_source, FW_DSRC_TEXT);
    assert_int_equal(e->date.d, 18);
    fw_event_list_fini(&l);
}

/* A "while" clause with its own subject reports a happening of its own even when the main clause
 * has a target; a temporal "after" clause is the main verb's circumstance. */
static void test_own_clauses(void **state)
{
    struct fw_event_list l = code(phoenix, "Egypt accused Israel of violating the truce, while Jordan condemned the "
                                           "decision on Monday.", "2019-11-20");
    assert_non_null(find(&l, "EGY", "ISR"));
    assert_non_null(find(&l, "JOR", NULL));
    fw_event_list_fini(&l);
    l = code(phoenix, "UN troops withdrew from the town on Monday, two weeks after rebels kidnapped dozens of "
                      "peacekeepers.", "2019-11-20");
    assert_true(has_root(&l, "087"));
    assert_false(has_root(&l, "18"));
    fw_event_list_fini(&l);
    /* a gerund with its object after a preposition is a verb: alone it is what is reported, beside
     * a main clause's dyad it is that clause's circumstance */
    l = code(phoenix, "Egyptian police waited for hours before arresting Ahmed Said.", "2019-11-20");
    assert_true(has_root(&l, "17"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Egypt met the leaders of Jordan after leaving Israel.", "2019-11-20");
    assert_non_null(find(&l, "EGY", "JOR"));
    assert_null(find(&l, "EGY", "ISR"));
    fw_event_list_fini(&l);
}

/* A named speaker's statement is an event when nothing else in its sentence is; a report by no
 * one, or a statement beside a coded event, is not. */
static void test_said_statements(void **state)
{
    struct fw_event_list l = code(phoenix, "Kurt Volker said he had no knowledge of the plan.", "2019-11-20");
    const struct fw_event *e = top(&l);
    assert_non_null(e);
    assert_string_equal(e->cameo, "010");
    assert_string_equal(e->src.text, "Kurt Volker");
    fw_event_list_fini(&l);
    /* a statement verb other than "say", by a compound of named speakers: each made it */
    l = code(phoenix, "Kurt Volker and Tim Morrison testified before the committee on Tuesday.", "2019-11-20");
    int volker = 0, morrison = 0;
    for (size_t i = 0; i < l.n; i++)
        if (!strncmp(l.ev[i].cameo, "01", 2)) {
            volker += !strcmp(l.ev[i].src.text, "Kurt Volker");
            morrison += !strcmp(l.ev[i].src.text, "Tim Morrison");
        }
    assert_int_equal(volker, 1);
    assert_int_equal(morrison, 1);
    fw_event_list_fini(&l);
    l = code(phoenix, "The report said the economy grew last year.", "2019-11-20");
    assert_false(has_root(&l, "01"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Kurt Volker said Russian troops attacked Ukrainian soldiers on Monday.", "2019-11-20");
    assert_true(l.n > 0);                 /* the attack, or PETRARCH's "says b attacked": an accusation */
    assert_false(has_root(&l, "01"));
    fw_event_list_fini(&l);
}

/* A relative clause after a comma in the past tense tells what else happened; a restrictive one
 * describes its noun. */
static void test_relative_clauses(void **state)
{
    struct fw_event_list l = code(phoenix, "The university was surrounded by Egyptian police, who fired rubber bullets "
                                           "at protesters on Monday.", "2019-11-20");
    assert_non_null(find(&l, "EGYCOP", "---OPP"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Egyptian police arrested the men who attacked the Israeli embassy.", "2019-11-20");
    assert_true(has_root(&l, "17"));
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    /* a participle with an actor for agent and a date of its own tells its own happening, dated
     * by it; without the date it only describes its noun */
    l = code(phoenix, "French officials criticized the decision announced on Monday by the Russian foreign minister.",
             "2019-11-20");
    const struct fw_event *e = find(&l, "RUSGOV", NULL);
    assert_non_null(e);
    assert_true(e->cameo[0] == '0' && e->cameo[1] == '1');
    assert_int_equal(e->date.d, 18);
    fw_event_list_fini(&l);
    l = code(phoenix, "French officials criticized the decision announced by the Russian foreign minister.", "2019-11-20");
    assert_null(find(&l, "RUSGOV", NULL));
    fw_event_list_fini(&l);
    /* a passive participle between the main clause's subject and its verb describes the subject:
     * the soldiers are held, they hold no one */
    l = code(phoenix, "Norwegian soldiers held in Swedish prisons went on hunger strike.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_false(!strcmp(l.ev[i].src.code, "NORMIL") && !strncmp(l.ev[i].cameo, "17", 2));
    assert_true(l.n > 0);
    fw_event_list_fini(&l);
    /* a gerund right after the object of a preposition its verb takes ("posted on Facebook")
     * says more of the verb's subject when that object names no actor; after an actor it
     * describes the actor ("fired on protesters carrying flags": no one accuses the protesters) */
    l = code(phoenix, "The Norwegian foreign minister posted on Facebook accusing Sweden of lying.", "2019-11-20");
    e = find(&l, "NORGOV", NULL);
    assert_non_null(e);
    assert_true(!strncmp(e->cameo, "11", 2));
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish police fired on Norwegian protesters carrying flags.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_string_equal(l.ev[i].src.code, "SWECOP");
    assert_true(l.n > 0);
    fw_event_list_fini(&l);
}

/* A coercive or violent passive with no agent: its subject is the target, no one the source;
 * the victims are never the attackers. Other passives stay coded as written (PETRARCH). */
static void test_agentless_passives(void **state)
{
    /* an agentless main clause is the sentence's happening: the relative clause describing its
     * subject is background */
    struct fw_event_list bg = code(phoenix, "Two Swedish journalists who had criticized the Norwegian government were "
                                            "arrested on Monday.", "2019-11-20");
    assert_true(has_root(&bg, "17"));
    assert_false(has_root(&bg, "11"));
    fw_event_list_fini(&bg);
    /* people released by no one named; a report released is published, no release of anyone */
    struct fw_event_list r = code(phoenix, "The journalist, who was arrested by Norwegian police in March, was released on "
                                           "bail on Tuesday.", "2019-11-20");
    assert_true(has_root(&r, "08"));
    fw_event_list_fini(&r);
    r = code(phoenix, "The Swedish report on Norway was released on Tuesday.", "2019-11-20");
    assert_false(has_root(&r, "08"));
    fw_event_list_fini(&r);
    /* "by suspected militants": an adjective before its noun is no verb (SUSPECT, 110) */
    r = code(phoenix, "Two Norwegian policemen were shot dead by suspected militants on Monday.", "2019-11-20");
    assert_true(has_violence(&r));
    assert_false(has_root(&r, "11"));
    fw_event_list_fini(&r);
    struct fw_event_list l = code(phoenix, "Five men were arrested in Kabul on Monday.", "2019-11-20");
    const struct fw_event *e = top(&l);
    assert_non_null(e);
    assert_int_equal(strncmp(e->cameo, "17", 2), 0);
    assert_string_equal(e->src.code, "---");
    assert_string_equal(e->tgt.text, "men");
    fw_event_list_fini(&l);
    l = code(phoenix, "Three Afghan soldiers were killed when their convoy was attacked near Kandahar on Tuesday.",
             "2019-11-20");
    assert_true(l.n > 0);
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].src.code, "AFGMIL");
    fw_event_list_fini(&l);
    l = code(phoenix, "Two journalists were detained by Egyptian police on Monday.", "2019-11-20");
    assert_non_null(find(&l, "EGYCOP", "---MED"));
    fw_event_list_fini(&l);
}

/* A plural that modifies nothing and is modified ("petrol bombs were thrown") is a noun, not a
 * verb of bombing. */
static void test_compound_plurals(void **state)
{
    struct fw_event_list l = code(phoenix, "Egyptian police threatened to use live fire if petrol bombs were thrown at "
                                           "them.", "2019-11-20");
    assert_true(has_root(&l, "13"));
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    /* nor a plural heading a verb's object: "condemned the Swedish and Danish strikes" is a
     * condemnation, not Sweden striking the next actor named */
    l = code(phoenix, "Norway condemned the Swedish and Danish strikes on Friday as a violation of Finland's "
                      "sovereignty.", "2019-11-20");
    assert_true(has_root(&l, "11"));
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    /* a past the tagger reads as a present is a clause's verb still ("its jets shot down") */
    l = code(phoenix, "Norway's military said its jets shot down two Swedish aircraft over Finnmark on Wednesday.",
             "2019-11-20");
    assert_true(has_violence(&l));
    assert_non_null(find(&l, "NORMIL", "SWEMIL"));
    fw_event_list_fini(&l);
    /* the object of "according to" is no member of a list with the subject after its comma */
    l = code(phoenix, "The fighting began in the early hours of 4 November, when, according to the federal government, "
                      "Swedish-aligned forces attacked the headquarters of the army's Northern Command in Narvik.",
             "2019-11-20");
    assert_true(has_violence(&l));
    assert_null(find(&l, "---GOV", NULL));
    fw_event_list_fini(&l);
    /* nor what a second clause the saying joins names ("and that there were no Norwegian casualties") */
    l = code(phoenix, "The Swedish military said 22 missiles had hit the two sites on Wednesday and that there were no "
                      "Norwegian casualties.", "2019-11-20");
    for (size_t i = 0; i < l.n; i++) assert_string_not_equal(l.ev[i].tgt.code, "NOR");
    fw_event_list_fini(&l);
    /* nor is a time the object of a fight */
    l = code(phoenix, "Taliban fighters attacked the convoy and Afghan forces fought back on Monday.", "2019-11-20");
    assert_true(has_violence(&l));
    for (size_t i = 0; i < l.n; i++) assert_null(strstr(l.ev[i].tgt.text, "Monday"));
    fw_event_list_fini(&l);
    /* a plural after an adjective and before a preposition is a noun; after a name it may be a verb */
    expect_no_event(phoenix, "Chinese agricultural exports to Russia dropped sharply last year.", "2019-11-20");
    /* an adjective after a modifier that follows a preposition is no verb ("for unofficial direct talks") */
    expect_root(phoenix, "Syria said it hoped for unofficial direct talks between its government and Israel.",
                "2019-11-20", "01");
    /* a singular noun after a common noun heads their compound ("food aid"): no verb */
    const char *aid = "The United Nations will provide 25,000 tons of emergency food aid to refugees in Liberia.";
    l = code(phoenix, aid, "2019-11-20");
    assert_non_null(top(&l));
    for (size_t i = 0; i < l.n; i++) assert_int_not_equal(strncmp(aid + l.ev[i].verb_start, "aid", 3), 0);
    fw_event_list_fini(&l);
    expect_root(phoenix, "China exports to Russia most of its steel.", "2019-11-20", "06");
}

static void test_casualties(void **state)
{
    struct fw_event_list l = code(phoenix, "Taliban fighters attacked Afghan soldiers in Kandahar, killing at least "
                                           "12 people and wounding 30 others.", NULL);
    assert_true(l.n >= 1);
    assert_int_equal(l.ev[0].killed, 12);
    assert_int_equal(l.ev[0].wounded, 30);
    fw_event_list_fini(&l);
    l = code(phoenix, "Israeli troops fired three missiles at Hamas positions; two people were killed.", NULL);
    assert_true(l.n >= 1);
    assert_int_equal(l.ev[0].qty, 3);
    assert_string_equal(l.ev[0].qty_unit, "missiles");
    assert_int_equal(l.ev[0].killed, 2);
    fw_event_list_fini(&l);
    /* a passive's count is its subject's, not a number after the verb */
    l = code(phoenix, "Two hostages - an American and a Briton - were released by Taliban militants on Tuesday in "
                      "exchange for three prisoners.", "2019-11-20");
    const struct fw_event *e = top(&l);
    assert_non_null(e);
    assert_int_equal(e->qty, 2);
    assert_string_equal(e->qty_unit, "hostages");
    fw_event_list_fini(&l);
}

/* An acronym defined in the text, and a later short mention ("the group"), resolve to the actor. */
static void test_acronym_and_short_mention(void **state)
{
    const char *text = "The Anarchist Faction (ANF) bombed a bank in Athens on Monday.\n\n"
                       "On Tuesday ANF attacked the Greek parliament.\n\n"
                       "Police said the group also threatened the Greek government.";
    struct fw_event_list l = code(phoenix, text, "2022-08-31");
    int acr = 0, group = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (strcmp(l.ev[i].src.code, "GRCREB") != 0) continue;
        if (strcmp(l.ev[i].src.text, "ANF") == 0) acr = 1;
        if (strstr(l.ev[i].src.text, "group")) group = 1;
    }
    assert_true(acr);
    assert_true(group);
    fw_event_list_fini(&l);
}

static void test_ids_stable(void **state)
{
    const char *text = "Mordor attacked Gondor. Arnor condemned Mordor.";
    struct fw_event_list a = code(validate, text, NULL), b = code(validate, text, NULL);
    assert_true(a.n >= 2);
    assert_int_equal(a.n, b.n);
    for (size_t i = 0; i < a.n; i++) {
        assert_string_equal(a.ev[i].id, b.ev[i].id);
        assert_int_equal(strlen(a.ev[i].id), 32);
        for (size_t j = 0; j < i; j++) assert_string_not_equal(a.ev[i].id, a.ev[j].id);
    }
    struct fw_event_list c = {0};
    char err[128];
    struct fw_ymd d = {2022, 8, 31};
    assert_int_equal(fw_code_article(validate, "other", text, strlen(text), d, &c, err, sizeof err), FW_OK);
    assert_string_not_equal(a.ev[0].id, c.ev[0].id);
    fw_event_list_fini(&a);
    fw_event_list_fini(&b);
    fw_event_list_fini(&c);
}

/* The dictionaries are English: another language is not coded into nonsense. */
static void test_not_english(void **state)
{
    const char *de = "Die Regierung in Berlin hat am Montag neue Sanktionen gegen Russland beschlossen. Die Minister "
                     "sind sich einig, dass die Lage an der Grenze ernst ist und dass weitere Schritte folgen werden, "
                     "wenn Moskau die Truppen nicht zurückzieht.";
    struct fw_event_list l = code(phoenix, de, NULL);
    assert_int_equal(l.n, 0);
    fw_event_list_fini(&l);
}

static void test_bad_dict_dir(void **state)
{
    char err[256] = "";
    assert_null(fw_coder_new("/nonexistent/dict", err, sizeof err));
    assert_true(strlen(err) > 0);
    fw_coder_free(NULL);
    fw_event_list_fini(NULL);
}

/* A participle after a comma is the circumstance of the verb before it ("fired on protesters,
 * killing two"), but an accusation, demand, rejection or threat after a main verb of another
 * kind is an act of its own ("backed the tax in a speech, accusing Sweden of ..."). */
static void test_trailing_speech_act(void **state)
{
    struct fw_event_list l = code(phoenix, "The Norwegian prime minister backed the new tax in a speech in Oslo on Monday, "
                                           "accusing Sweden of stirring up the unrest.", "2019-11-20");
    assert_true(has_root(&l, "11"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish police fired on Norwegian protesters on Monday, killing two.", "2019-11-20");
    size_t violent = 0;
    for (size_t i = 0; i < l.n; i++) violent += l.ev[i].cameo[0] == '1' && (l.ev[i].cameo[1] == '8' || l.ev[i].cameo[1] == '9');
    assert_int_equal(violent, 1);
    fw_event_list_fini(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_iskp_termez),
        cmocka_unit_test(test_place_context),
        cmocka_unit_test(test_plover_vocabulary),
        cmocka_unit_test(test_recent_year_kept),
        cmocka_unit_test(test_voice),
        cmocka_unit_test(test_speech_acts),
        cmocka_unit_test(test_verb_date),
        cmocka_unit_test(test_reduced_passive),
        cmocka_unit_test(test_modality),
        cmocka_unit_test(test_statements),
        cmocka_unit_test(test_casualties),
        cmocka_unit_test(test_coordination),
        cmocka_unit_test(test_reciprocal_and_trailing_participle),
        cmocka_unit_test(test_clauses_and_places),
        cmocka_unit_test(test_attack_subjects),
        cmocka_unit_test(test_pattern_words),
        cmocka_unit_test(test_act_senses),
        cmocka_unit_test(test_transfers),
        cmocka_unit_test(test_force_and_descriptions),
        cmocka_unit_test(test_claims_and_plans),
        cmocka_unit_test(test_country_names),
        cmocka_unit_test(test_speakers_and_claims),
        cmocka_unit_test(test_announced_acts),
        cmocka_unit_test(test_light_verbs),
        cmocka_unit_test(test_codebook_acts),
        cmocka_unit_test(test_held_fired_vowed),
        cmocka_unit_test(test_they_and_charges),
        cmocka_unit_test(test_setting_relatives),
        cmocka_unit_test(test_month_surnames),
        cmocka_unit_test(test_review_edges),
        cmocka_unit_test(test_region_actors),
        cmocka_unit_test(test_modifiers_and_preverbal_dates),
        cmocka_unit_test(test_apposition),
        cmocka_unit_test(test_attributive_participles),
        cmocka_unit_test(test_clause_roles),
        cmocka_unit_test(test_clause_dates),
        cmocka_unit_test(test_own_clauses),
        cmocka_unit_test(test_said_statements),
        cmocka_unit_test(test_relative_clauses),
        cmocka_unit_test(test_trailing_speech_act),
        cmocka_unit_test(test_agentless_passives),
        cmocka_unit_test(test_compound_plurals),
        cmocka_unit_test(test_acronym_and_short_mention),
        cmocka_unit_test(test_clause_comma_no_list),
        cmocka_unit_test(test_curly_contractions),
        cmocka_unit_test(test_contrast_clause),
        cmocka_unit_test(test_reported_clause_own_subject),
        cmocka_unit_test(test_abbreviated_titles),
        cmocka_unit_test(test_not_actors),
        cmocka_unit_test(test_pronoun_persons),
        cmocka_unit_test(test_bodies_speak),
        cmocka_unit_test(test_war_reports),
        cmocka_unit_test(test_clause_and),
        cmocka_unit_test(test_two_sides),
        cmocka_unit_test(test_clause_subjects),
        cmocka_unit_test(test_named_people),
        cmocka_unit_test(test_dateline_not_actor),
        cmocka_unit_test(test_refusal_senses),
        cmocka_unit_test(test_initial_adverb_not_name),
        cmocka_unit_test(test_ids_stable),
        cmocka_unit_test(test_not_english),
        cmocka_unit_test(test_bad_dict_dir),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
