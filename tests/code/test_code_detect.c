/* fw_code_detect.c, the event detection pass, on sentences written for it. */
#include "code_test.h"

static int has_coercion(const struct fw_event_list *l) { return has_root(l, "17"); }

/* Codes text alone and checks that has() says want of its events. */
static void expect(const char *text, int (*has)(const struct fw_event_list *), int want)
{
    struct fw_event_list l = code(phoenix, text, "2022-08-31");
    if (has(&l) != want) fprintf(stderr, "\"%s\": %d, want %d\n", text, has(&l), want);
    assert_int_equal(has(&l), want);
    fw_event_list_fini(&l);
}

/* Event detection: a sentence yields an event only when it reports a happening. Questions,
 * counterfactuals, habits, headlines, commentary and metaphorical violence fall under the
 * published confidence; the same sentences told as happenings do not. */
static void test_event_detection(void **state)
{
    static const struct {
        const char *text;
        int violence;     /* 1: an 18/19/20 event is wanted, 0: none */
    } cases[] = {
        {"Russian troops attacked Ukrainian soldiers near the river on Monday.", 1},
        {"Did Russian troops attack Ukrainian soldiers near the river on Monday?", 0},
        {"Russian troops would have attacked Ukrainian soldiers near the river.", 0},
        {"Russian troops usually attack Ukrainian soldiers near the river.", 0},
        {"Russian troops fired rockets at a Ukrainian checkpoint on Monday.", 1},
        /* a police station is no policy: dictionary words meet their own inflections only */
        {"Taliban militants attacked a police station in Kabul on Monday.", 1},
        {"Afghan senators attacked the government's new policy on Monday.", 0},
        /* an assault on a person is bodily with no weapon named */
        {"A man grabbed a young girl in the street on Monday.", 1},
        /* the same verbs with nothing physical about them */
        {"The French president attacked the German chancellor's budget plan on Monday.", 0},
        {"Spanish farmers fought the government's new tax on Monday.", 0},
        {"Opposition parties battle to win over voters in the north.", 0},
        /* one state's violence on another is war; a reason given is what words are attacked for */
        {"Norway attacked Sweden on Thursday.", 1},
        {"Norway attacked Sweden over its fishing quotas on Thursday.", 0},
        {"Norway and Sweden exchanged fire along their border overnight.", 1},
        /* done without doing it; a goal's content; effort, no fight */
        {"Norwegian troops left the town without firing a shot at Swedish soldiers.", 0},
        {"For Oslo, the challenge is to deter Sweden without provoking a war with the Swedish army.", 0},
        {"Norwegian forces have struggled to achieve their objectives near the Swedish border.", 0},
        /* forces of politics or markets bear no arms */
        {"The Norwegian prime minister had to fight off political forces within her party on Monday.", 0},
        {"Norwegian government forces fought Swedish rebels on Monday.", 1},
        /* drones are weapons; a rocket or a drone no state or armed group fires at anyone is a
         * launch or a product */
        {"Sweden launched 40 drones at Oslo on Monday.", 1},
        {"A Norwegian company launched a rocket from Andoya on Monday.", 0},
        {"The company launched a new drone in Bergen.", 0},
        {"Unknown assailants fired a rocket in Oslo, killing two people.", 1},
        /* a span of years is a trend's time, a span of days a happening's */
        {"Swedish rebels have attacked Norwegian border posts over the past two years.", 0},
        {"Swedish rebels have attacked Norwegian border posts in recent years.", 0},
        {"Over the past two days, Swedish rebels attacked Norwegian border posts.", 1},
        /* ... and "in the past" at large no time at all; "in the past week" is one */
        {"Swedish rebels have attacked Norwegian border posts in the past.", 0},
        {"In the past week, Swedish rebels attacked Norwegian border posts.", 1},
        /* a bill or a plan killed or shot down is rejected; a summit attacked with rockets is not */
        {"The Swedish parliament killed the Norwegian bill on Tuesday.", 0},
        {"Swedish rebels attacked the Nordic summit in Oslo with rockets.", 1},
        /* the verb's own object is what is raided, whoever the target is read from */
        {"The Swedish attorney general raided the offices of the Norwegian electoral tribunal.", 1},
        /* an analyst's guess about what goes on now is no happening; a past act assessed likely is */
        {"The Swedish army is likely attacking Norwegian border posts near Narvik.", 0},
        {"Swedish forces likely struck a Norwegian radar near Tromso on April 16.", 1},
        {"Sweden remains unlikely to attack Norway in the near term.", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) expect(cases[i].text, has_violence, cases[i].violence);
    /* a headline line of an article yields nothing; the body sentence under it does */
    const char *art = "Russian Troops Attack Ukrainian Soldiers\n\n"
                      "Russian troops attacked Ukrainian soldiers near the river on Monday. "
                      "The soldiers fled.";
    struct fw_event_list l = code(phoenix, art, "2022-08-31");
    assert_true(l.n >= 1);
    for (size_t i = 0; i < l.n; i++) assert_true(l.ev[i].sent_start > 0);
    fw_event_list_fini(&l);
    /* a seizure (171) or a coercion (17x) of nothing physical is none: a place taken on a stage,
     * freedoms taken back, an event held; armed men taking a town, an army holding people are */
    static const struct {
        const char *text;
        int coerced;
    } seize[] = {
        {"The French president took his place at the front of the stage on Monday.", 0},
        {"China is taking back the freedoms of Hong Kong.", 0},
        {"Apple is holding a surprise event in New York next month.", 0},
        {"Halvorsen is holding back permission to use the footage in an upcoming Netflix documentary.", 0},
        {"Israeli troops imposed a curfew on Hebron on Monday.", 1},
        {"The army is holding two journalists in Kabul.", 1},
    };
    for (size_t i = 0; i < sizeof seize / sizeof seize[0]; i++) expect(seize[i].text, has_coercion, seize[i].coerced);
    /* a town taken is territory occupied (192), as CAMEO's SEIZE * &TOWN */
    expect("Rebels took the town of Kidal on Monday.", has_violence, 1);
    /* ... and a battle with a thing no weapon touches; a building stormed is a target */
    expect("Egyptian police officers rammed the door, and the suspect came out.", has_violence, 0);
    expect("Egyptian troops stormed the building on Monday.", has_violence, 1);
    /* headlines a page lists between vertical bars tell nothing */
    expect("Top stories: Prices rise in Paris | Rebels attack an army base near Gao | Weather turns cold in Lyon",
           has_violence, 0);
    /* a question a clause embeds asks, it tells nothing, and holds no object of the verb before it */
    l = code(phoenix, "Investigators are trying to establish whether Russian troops attacked the Ukrainian convoy.",
             "2022-08-31");
    assert_false(has_violence(&l));
    for (size_t i = 0; i < l.n; i++) assert_null(strstr(l.ev[i].tgt.code, "RUS"));
    fw_event_list_fini(&l);
    /* what a demand asks for is a bare form, no present habit */
    l = code(phoenix, "Palestinian officials demanded Friday that the United States match the European Union's "
                      "support for Palestinian statehood.", "2022-08-31");
    assert_true(has_root(&l, "02") || has_root(&l, "10"));
    fw_event_list_fini(&l);
    /* an analyst's view is commentary */
    expect_no_event(phoenix, "Political analysts criticized the Russian government on Monday.", "2022-08-31");
    expect_root(phoenix, "French officials criticized the Russian government on Monday.", "2022-08-31", "11");
    /* ... and so is what a quotation says when an analyst said it */
    expect_no_event(phoenix, "\"Sweden will attack Norwegian posts,\" said Tim Halvorsen, a Norwegian political scientist.",
                    "2022-08-31");
    expect_root(phoenix, "\"Sweden will attack Norwegian posts,\" said Tim Halvorsen, a Norwegian minister.", "2022-08-31",
                "19");
}

/* An article that names no political actor (a car review) is outside what event data codes: its
 * companies' meetings and unveilings are no events; the same length of news with a government
 * and its police in it has them. */
static void test_apolitical(void **state)
{
    const char *cars =
        "Volkswagen unveiled its new electric station wagon in Frankfurt on Monday, and the company said the car "
        "will go on sale next spring. The wagon will travel about 300 miles per charge, and its battery can be "
        "charged to eighty percent in half an hour. Toyota answered with a plug-in version of its small SUV, which "
        "will be able to go 39 miles on battery power alone before the hybrid system takes over. Audi revealed the "
        "second model of its electric range, a coupe with virtual side mirrors and a larger battery. Ford met with "
        "dealers in Detroit on Tuesday to discuss the new Mustang, and the dealers praised the design.";
    struct fw_event_list l = code(phoenix, cars, "2019-11-20");
    assert_int_equal(l.n, 0);
    fw_event_list_fini(&l);
    const char *news =
        "The German government unveiled a new subsidy for electric cars in Berlin on Monday, and the economy "
        "minister said it will start next spring. The subsidy will pay about a third of the price of a small car, "
        "and the battery makers welcomed it. Opposition lawmakers criticized the government on Tuesday and "
        "demanded a vote in parliament. Police arrested two activists who blocked the entrance of the ministry "
        "with their cars. Ford met with the economy minister in Berlin on Tuesday to discuss the subsidy, which "
        "will cost the treasury about two billion euros a year until the end of the decade, when the government "
        "expects electric cars to cost as much as the others.";
    l = code(phoenix, news, "2019-11-20");
    assert_true(has_root(&l, "11"));
    assert_true(has_root(&l, "17"));
    fw_event_list_fini(&l);
    /* a long article that names political actors rarely (a memoir, a feature) is political only
     * where they act: the attack with its militants, police and soldiers stays; what private
     * people say to one another does not. The same private exchange in a short story does. */
    const char *private_talk = "Helen Marsh praised her editor Tom Wren in a letter on Monday. ";
    const char *attack = "Militants attacked a police checkpoint in Gao on Monday, killing three soldiers. ";
    char *longer = malloc(40000);
    assert_non_null(longer);
    size_t n = (size_t)snprintf(longer, 40000, "%s%s", attack, private_talk);
    for (int k = 0; k < 120 && n + 200 < 40000; k++)
        n += (size_t)snprintf(longer + n, 40000 - n, "The museum of the old town showed the paintings of its founder "
                                                     "in a hall that was long for the visitors. ");
    l = code(phoenix, longer, "2019-11-20");
    assert_true(has_violence(&l));
    assert_false(has_root(&l, "05"));
    fw_event_list_fini(&l);
    l = code(phoenix, private_talk, "2019-11-20");
    assert_true(has_root(&l, "05"));
    fw_event_list_fini(&l);
    free(longer);
}

/* An article about sport: its fights and hits are no political violence, however physical. */
static void test_off_domain(void **state)
{
    const char *sport =
        "The quarterback was suspended for the rest of the season after the fight in Thursday's game. "
        "The league fined both teams, and the coach said the players regret it. "
        "Fans in the stadium booed as the defensive end hit the quarterback with a helmet. "
        "The team's next game is on Sunday, and the playoffs start in January. "
        "The rookie linebacker scored his first touchdown of the season in the same game.";
    struct fw_event_list l = code(phoenix, sport, "2019-11-18");
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    /* the same hit in a news article about a protest is an assault */
    const char *news =
        "Police officers hit a protester with a baton outside the parliament on Thursday. "
        "The government said the officers would be investigated. "
        "Opposition lawmakers condemned the police and demanded the minister's resignation.";
    l = code(phoenix, news, "2019-11-18");
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
}

/* An appeal is an appeal (CAMEO 02), and what it asks for has not happened: the act asked for
 * ranks below it; a later clause after ", but" is out of its scope. */
static void test_appeals(void **state)
{
    struct fw_event_list l = code(phoenix, "The French government urged Iran to release the prisoners on Monday.", "2022-08-31");
    const struct fw_event *t = top(&l);
    assert_non_null(t);
    assert_string_equal(t->cameo, "0253");   /* URGE * RELEASE: appeal for the release of persons */
    for (size_t i = 0; i < l.n; i++)
        if (strncmp(l.ev[i].cameo, "02", 2)) assert_true(l.ev[i].confidence < t->confidence);
    fw_event_list_fini(&l);
}

/* A modal of possibility or duty lowers what a sentence says happened; the future's "will" does not
 * (a planned event is an event). */
/* A denial is a statement (016, asserted); an attack that did not happen is no attack. */
static void test_denials(void **state)
{
    struct fw_event_list l = code(phoenix, "Sweden denied sending weapons to Norwegian rebels.", "2022-08-31");
    assert_true(l.n >= 1);
    assert_string_equal(l.ev[0].cameo, "016");
    assert_int_equal(l.ev[0].modality, FW_MOD_ASSERTED);
    fw_event_list_fini(&l);
    l = code(phoenix, "Sweden did not attack Norway's power grid on Sunday, the Swedish defence ministry said.", "2022-08-31");
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
}

/* A stance a speaker states in the present is the statement's, no habit. */
static void test_reported_stance(void **state)
{
    struct fw_event_list l = code(phoenix, "The Swedish foreign ministry said Stockholm firmly opposes any official contact "
                                           "between Norway and Finland.", "2022-08-31");
    assert_true(has_root(&l, "11"));
    fw_event_list_fini(&l);
    /* a violent present stays a habit */
    l = code(phoenix, "The Swedish ministry said Norwegian rebels fire rockets at Stockholm every night.", "2022-08-31");
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
}

static void test_modals(void **state)
{
    struct fw_event_list a = code(phoenix, "Russian troops attacked Ukrainian soldiers near the river.", "2022-08-31");
    struct fw_event_list b = code(phoenix, "Russian troops could attack Ukrainian soldiers near the river.", "2022-08-31");
    struct fw_event_list c = code(phoenix, "Russian troops should attack Ukrainian soldiers near the river.", "2022-08-31");
    /* "have to" is a duty like "must"; "had to" is what happened */
    struct fw_event_list d = code(phoenix, "Russian troops have to attack Ukrainian soldiers near the river.", "2022-08-31");
    struct fw_event_list e = code(phoenix, "Russian troops had to attack Ukrainian soldiers near the river.", "2022-08-31");
    const struct fw_event *ea = top(&a), *eb = top(&b), *ec = top(&c), *ed = top(&d), *ee = top(&e);
    assert_non_null(ea);
    if (eb) assert_true(eb->confidence < ea->confidence - 0.2);
    if (ec) assert_true(ec->confidence < ea->confidence - 0.2);
    if (ed) assert_true(ed->confidence < ea->confidence - 0.2);
    assert_non_null(ee);
    assert_true(ee->confidence > ea->confidence - 0.2);
    fw_event_list_fini(&a);
    fw_event_list_fini(&b);
    fw_event_list_fini(&c);
    fw_event_list_fini(&d);
    fw_event_list_fini(&e);
    /* the writer's guess is no event; a guess someone is reported to make is */
    a = code(phoenix, "Russian troops might attack Ukrainian soldiers near the river next week.", "2022-08-31");
    assert_int_equal(a.n, 0);
    fw_event_list_fini(&a);
    a = code(phoenix, "Russian troops may attack Ukrainian soldiers near the river next week, Ukrainian officials said.",
             "2022-08-31");
    assert_true(has_root(&a, "19"));
    fw_event_list_fini(&a);
    /* an expectation ("is likely to", "have been expected to") is a guess like "may" */
    a = code(phoenix, "Russian troops are likely to attack Ukrainian soldiers near the river next week.", "2022-08-31");
    assert_int_equal(a.n, 0);
    fw_event_list_fini(&a);
    a = code(phoenix, "Russia and Ukraine have been expected to sign a partial deal for about a month.", "2022-08-31");
    assert_int_equal(a.n, 0);
    fw_event_list_fini(&a);
}

/* A verb's sense follows what it acts on: seizing people is an abduction, seizing a building is
 * not; defending with nothing armed about it is an endorsement, with troops it is not. */
static void test_physical_senses(void **state)
{
    static const struct {
        const char *text, *root;
    } cases[] = {
        {"Gunmen seized two aid workers in Kandahar on Monday.", "18"},
        {"French rebels seized a police station on Monday.", "17"},
        {"Foreign Secretary Dominic Raab defended the government on Monday.", "05"},
        {"French troops defended the border town against rebels on Monday.", "15"},
        {"Egyptian troops took to the streets of Cairo on Monday.", "15"},
        /* releasing people is CAMEO's release of persons; releasing what is published is a statement */
        {"Egyptian police released two journalists in Cairo on Monday.", "0841"},
        {"Egyptian police released a video of the raid on Monday.", "01"},
        {"The Iranian government released the transcript of the call on Tuesday.", "01"},
        /* property destroyed in a protest is a riot; troops destroying a base are not rioting */
        {"Iraqi protesters demolished a police station in Basra on Monday.", "145"},
        {"Iraqi protesters destroyed a government building in Basra on Monday.", "145"},
        {"Iraqi troops demolished a rebel base in Anbar on Monday.", "1712"},
        {"Iraqi protesters attacked policemen in Basra on Monday.", "19"},
        /* a bomb no state's forces drop is a bombing, unconventional violence (183, 1831 suicide) */
        {"Rebel guerrillas wounded two soldiers in a bomb attack in Kandahar on Thursday.", "183"},
        {"At least three civilians were killed in a suicide car bombing in Kabul on Monday.", "1831"},
        {"Russian troops killed two Ukrainian soldiers near the river on Monday.", "19"},
        /* force on people who bear no arms is unconventional violence */
        {"Militiamen armed with machetes attacked a camp for refugees in Burundi on Monday, killing 20 people.", "180"},
        {"Soldiers beat up two detainees in a prison near Kabul on Monday.", "18"},
        /* artillery is a fight with artillery, on whomever it falls */
        {"Two Norwegian civilians were killed by Swedish shelling near Narvik on Monday.", "194"},
        {"Swedish mortars killed three Norwegian villagers near Narvik on Monday.", "194"},
        /* one leader killed is assassinated */
        {"Unknown attackers killed the mayor of Kidal on Sunday.", "186"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fw_event_list l = code(phoenix, cases[i].text, "2019-11-20");
        if (!has_root(&l, cases[i].root))
            fprintf(stderr, "case %zu \"%s\": %s\n", i, cases[i].text, l.n ? l.ev[0].cameo : "no event");
        assert_true(has_root(&l, cases[i].root));
        fw_event_list_fini(&l);
    }
}

/* A verb of naming with a name or a judgement for its object ("called the referendum a sham")
 * says what the speaker thinks of it, condemning when the words do; it is no telephone call, and
 * a time after "called X on" is no one called on. */
static void test_naming(void **state)
{
    static const struct {
        const char *text, *root, *not_root;
    } cases[] = {
        {"The Russian government called the referendum a sham on Monday.", "111", "02"},
        {"The Chinese foreign ministry branded the American sanctions illegal on Friday.", "111", "04"},
        {"The Arab League called it an \"extremely adverse development\" on Tuesday.", "111", "04"},
        {"The French president called the German chancellor a friend on Monday.", "010", "04"},
        {"The French president called the German chancellor on Monday.", "041", "02"},
        {"The French president called on the German chancellor to resign on Monday.", "02", "04"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fw_event_list l = code(phoenix, cases[i].text, "2019-11-20");
        if (!has_root(&l, cases[i].root) || has_root(&l, cases[i].not_root))
            fprintf(stderr, "case %zu \"%s\": %s\n", i, cases[i].text, l.n ? l.ev[0].cameo : "no event");
        assert_true(has_root(&l, cases[i].root));
        assert_false(has_root(&l, cases[i].not_root));
        fw_event_list_fini(&l);
    }
}

/* What a noun says may happen ("made efforts to expel") is far less sure than a report that it
 * did; a main verb the tagger took for a participle is still the sentence's. */
static void test_noun_content(void **state)
{
    struct fw_event_list l = code(phoenix, "Egyptian officials made efforts to expel the Israeli ambassador.", "2019-11-20");
    struct fw_event_list m = code(phoenix, "Egyptian officials expelled the Israeli ambassador.", "2019-11-20");
    assert_non_null(top(&l));
    assert_non_null(top(&m));
    assert_true(top(&l)->confidence <= top(&m)->confidence - 0.25);
    fw_event_list_fini(&l);
    fw_event_list_fini(&m);
    l = code(phoenix, "Thousands of Egyptian workers demonstrated in Cairo on Sunday calling for higher wages, witnesses said.",
             "2019-11-20");
    assert_true(has_root(&l, "14"));
    fw_event_list_fini(&l);
}

/* To protest is to demonstrate for people in the street (14x), and to complain officially (114)
 * for a government, a legislature, a court or an international body, or with a that-clause. */
static void test_protest_senses(void **state)
{
    expect_root(phoenix, "Thousands of Egyptian students protested in Cairo on Monday.", "2019-11-20", "14");
    struct fw_event_list l = code(phoenix, "The Egyptian foreign ministry protested to Israel on Monday.", "2019-11-20");
    assert_true(has_root(&l, "114"));
    assert_false(has_root(&l, "14"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Egyptian students protested that Israeli troops had fired on Egyptian border guards.", "2019-11-20");
    assert_true(has_root(&l, "114"));
    fw_event_list_fini(&l);
}

/* An infinitive after "it is <judging adjective> to" has no doer; a question's attribution
 * ("..., the minister asked.") is no appeal. The same verbs with their doer and their object are. */
static void test_no_doer(void **state)
{
    struct fw_event_list l = code(phoenix, "It was not possible to independently verify the claim of the Taliban.",
                                  "2019-11-20");
    assert_int_equal(l.n, 0);
    fw_event_list_fini(&l);
    l = code(phoenix, "\"Where is the money?\" the Egyptian minister asked.", "2019-11-20");
    assert_false(has_root(&l, "02"));
    assert_false(has_root(&l, "10"));
    fw_event_list_fini(&l);
    l = code(phoenix, "The Egyptian minister asked Israel for help on Monday.", "2019-11-20");
    assert_true(has_root(&l, "02"));
    fw_event_list_fini(&l);
    l = code(phoenix, "Syria says it is willing to withdraw its troops from Lebanon.", "2019-11-20");
    assert_true(l.n > 0);
    fw_event_list_fini(&l);
}

/* A death or an injury put down to an accident, a disaster or a disease, with no one its agent,
 * or done to an animal, is no attack; the report of it is a statement by the one who reports it.
 * Harm with an agent, or in an attack, stays violence. */
static void test_accidents(void **state)
{
    const char *none[] = {
        "Three Egyptian soldiers died when their helicopter crashed near Cairo on Tuesday.",
        "A landslide killed twelve Nepalese villagers near Kathmandu on Monday.",
        "Four Indian pilgrims were injured in a bus collision near Delhi on Sunday.",
        /* a disease acts, and harm to an animal is no political violence */
        "An Egyptian farmer who killed and ate a wild rabbit near Cairo has been hit by the plague.",
        "Israeli soldiers shot a stray dog near Hebron on Monday.",
    };
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        struct fw_event_list l = code(phoenix, none[i], "2019-11-20");
        if (has_violence(&l)) fprintf(stderr, "\"%s\": violence\n", none[i]);
        assert_false(has_violence(&l));
        fw_event_list_fini(&l);
    }
    struct fw_event_list l = code(phoenix, "Two Egyptian soldiers were killed in a helicopter crash near Cairo, the Egyptian "
                                  "army said on Wednesday.", "2019-11-20");
    assert_false(has_violence(&l));
    const struct fw_event *e = find(&l, "EGYMIL", NULL);   /* the army's statement, not the soldiers' */
    assert_non_null(e);
    assert_string_equal(e->cameo, "010");
    fw_event_list_fini(&l);
    expect_root(phoenix, "Islamist militants killed three Egyptian soldiers in an ambush near Cairo on Tuesday.", "2019-11-20",
                "19");
    /* in the story of a crash that names no weapon, a death no one caused is the crash's; in the
     * story of an attack it is the attack's */
    l = code(phoenix, "An Egyptian teenager died after a single-vehicle wreck near Cairo on Saturday.\n\n"
                      "Egyptian police said the teenage driver was killed.", "2019-11-20");
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    l = code(phoenix, "Islamist militants fired rockets at a checkpoint near Cairo on Saturday.\n\n"
                      "Egyptian police said an Egyptian soldier was killed.", "2019-11-20");
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
    /* "shot" is a noun to the tagger's lexicon; after a clause's subject and before its object it
     * is the verb */
    expect_root(phoenix, "Egyptian police shot a protester in Cairo on Monday.", "2019-11-20", "18");
    expect_root(phoenix, "Two Egyptian soldiers were killed by Islamist militants near Cairo on Tuesday after a crash of "
                "their truck.", "2019-11-20", "19");
}

/* A sentence that opens on a bare verb with no subject tells the reader what to do: no event,
 * whether the tagger reads the verb as one or, for its capital, as a name; an order someone
 * is reported to give stays what it is. */
static void test_instructions_to_reader(void **state)
{
    static const char *const orders[] = {
        "Support the Norwegian army in its fight against Swedish rebels on our website.",
        "Listen to the Norwegian prime minister condemn Sweden on our podcast.",
        "Please help the Norwegian police find the Swedish attackers.",
        "Follow our live coverage of the Swedish attack on Norway.",
    };
    for (size_t i = 0; i < sizeof orders / sizeof orders[0]; i++) {
        struct fw_event_list l = code(phoenix, orders[i], "2022-08-31");
        if (l.n) fprintf(stderr, "\"%s\": %zu events, want none\n", orders[i], l.n);
        assert_int_equal(l.n, 0);
        fw_event_list_fini(&l);
    }
    struct fw_event_list l = code(phoenix, "The Norwegian prime minister condemned Sweden on Monday.", "2022-08-31");
    assert_true(has_root(&l, "11"));
    fw_event_list_fini(&l);
}

/* What a "who" clause says of people is not the means of the sentence's act ("struck a softer
 * tone, urging leniency towards detainees who had not carried weapons" is no strike); a
 * dictionary pattern's preposition "to" is no infinitive's marker ("fired tear gas to keep
 * protesters away" is tear gas used, 175, not fire at someone). */
static void test_means_and_markers(void **state)
{
    /* an adjective of denial said of a noun after the verb denies nothing ("accused Sweden of a
     * baseless campaign"); said of the claim, it does ("claims that ... are baseless") */
    struct fw_event_list d = code(phoenix, "The Norwegian foreign minister accused Sweden of waging a baseless campaign "
                                           "on Monday.", "2022-08-31");
    assert_true(has_root(&d, "11"));
    for (size_t i = 0; i < d.n; i++) assert_int_not_equal(d.ev[i].modality, FW_MOD_DENIED);
    fw_event_list_fini(&d);
    struct fw_event_list l = code(phoenix, "The Norwegian president struck a softer tone on Sunday, urging leniency "
                                           "towards Swedish detainees who had not carried weapons.", "2022-08-31");
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian police fired tear gas to keep protesters away from the palace.", "2022-08-31");
    assert_true(has_root(&l, "17"));
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian police fired rubber bullets at protesters who threw stones.", "2022-08-31");
    assert_true(l.n >= 1);
    fw_event_list_fini(&l);
    /* ... while a pattern's "to" before a verb stays an infinitive's ("called on X to resign") */
    l = code(phoenix, "The Norwegian government called on the Swedish minister to resign.", "2022-08-31");
    assert_true(has_root(&l, "02"));
    fw_event_list_fini(&l);
    /* "the WHO" is no relative clause: the airstrike it reports is one */
    l = code(phoenix, "The WHO said a Swedish airstrike killed 20 Norwegian civilians.", "2022-08-31");
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
}

/* A quarrel "over" a bill, a plan or a policy, with no weapon or casualty named, is a dispute,
 * not a fight; a clash over a town, or one that kills, stays one. */
static void test_disputes_over_papers(void **state)
{
    struct fw_event_list l = code(phoenix, "The Norwegian president had clashed for months with parliament and the army "
                                           "over his plan to hold a referendum.", "2019-11-20");
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    l = code(phoenix, "Norwegian police clashed with Swedish protesters over the new law, killing two.", "2019-11-20");
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish rebels and Norwegian troops clashed over control of the town on Monday.", "2019-11-20");
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
}

/* "frequently", "occasionally", "rarely" say how often, as "often" does: a habit, no happening. */
static void test_frequency_adverbs(void **state)
{
    struct fw_event_list l = code(phoenix, "Swedish rebels frequently attack Norwegian border posts.", "2019-11-20");
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
    l = code(phoenix, "Swedish rebels attacked Norwegian border posts on Monday.", "2019-11-20");
    assert_true(has_violence(&l));
    fw_event_list_fini(&l);
}

/* A town taken is ground occupied whoever takes it (192), no metaphor: "the Union of Islamic
 * Courts seized Mogadishu" names no weapon and no armed actor, but the gazetteer knows the town. */
static void test_towns_seized(void **state)
{
    if (!phoenix_geo) return;
    expect_root(phoenix_geo, "The Union of Islamic Courts seized Mogadishu on Monday.", "2019-11-20", "19");
    struct fw_event_list l = code(phoenix_geo, "The Swedish party seized control of parliament on Monday.", "2019-11-20");
    assert_false(has_violence(&l));
    fw_event_list_fini(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_physical_senses),
        cmocka_unit_test(test_naming),
        cmocka_unit_test(test_noun_content),
        cmocka_unit_test(test_no_doer),
        cmocka_unit_test(test_event_detection),
        cmocka_unit_test(test_off_domain),
        cmocka_unit_test(test_apolitical),
        cmocka_unit_test(test_appeals),
        cmocka_unit_test(test_modals),
        cmocka_unit_test(test_reported_stance),
        cmocka_unit_test(test_denials),
        cmocka_unit_test(test_accidents),
        cmocka_unit_test(test_instructions_to_reader),
        cmocka_unit_test(test_means_and_markers),
        cmocka_unit_test(test_protest_senses),
        cmocka_unit_test(test_disputes_over_papers),
        cmocka_unit_test(test_frequency_adverbs),
        cmocka_unit_test(test_towns_seized),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
