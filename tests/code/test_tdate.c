/* fw_tdate: a table of (sentence, publication date, anchor, expected first date, precision). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "feedwire/fw_tdate.h"

struct tcase {
    const char *text;
    const char *pub;      /* YYYY-MM-DD */
    const char *anchor;   /* YYYY-MM-DD, YYYY-MM, YYYY or NULL */
    const char *want;     /* YYYY-MM-DD (day), YYYY-MM (month), YYYY (year), NULL: no date */
};

/* 2022-08-31 is a Wednesday; 2023-01-02 a Monday; 2023-01-04 a Wednesday. */
static const struct tcase cases[] = {
    /* absolute dates, the year from the publication date */
    {"On April 18, ISKP fired ten Katyusha rockets at a military base in Termez", "2022-08-31", NULL, "2022-04-18"},
    {"Gunmen attacked the convoy on 5 July near Gao.", "2022-08-31", NULL, "2022-07-05"},
    {"The group was founded in March 2019 in Kabul.", "2022-08-31", NULL, "2019-03"},
    {"In March, 2019, the army withdrew.", "2022-08-31", NULL, "2019-03"},
    {"On September 3 the town fell.", "2022-08-31", NULL, "2021-09-03"},
    {"On December 31 rockets hit the port.", "2023-01-02", NULL, "2022-12-31"},
    {"On 2 January the militants returned.", "2023-01-01", NULL, "2022-01-02"},
    {"On 1 January the militants returned.", "2023-01-01", NULL, "2023-01-01"},
    {"on 5th of July 2021 they struck", "2022-08-31", NULL, "2021-07-05"},
    {"July 4th, 2021 saw clashes", "2022-08-31", NULL, "2021-07-04"},
    {"Clashes erupted on Dec. 5 in the north.", "2022-08-31", NULL, "2021-12-05"},
    {"The attacks of Sept. 11, 2001 changed everything.", "2022-08-31", NULL, "2001-09-11"},
    {"Jan 6 rioters were sentenced", "2022-08-31", NULL, "2022-01-06"},
    {"On Monday, April 18, 2022, troops moved in.", "2022-08-31", NULL, "2022-04-18"},
    {"Fighting raged between April 18-19 around the base.", "2022-08-31", NULL, "2022-04-18"},
    {"Rebels killed 18 people in April.", "2022-08-31", NULL, "2022-04"},
    {"The ceasefire signed on 31 September collapsed.", "2022-08-31", NULL, NULL},
    {"The vote is set for 5 July 2030.", "2022-08-31", NULL, "2030-07-05"},
    /* a schedule's day without a year is the next one */
    {"Sentencing is scheduled for Feb. 14.", "2022-08-31", NULL, "2023-02-14"},
    {"The judge set sentencing for October 3.", "2022-08-31", NULL, "2022-10-03"},
    {"The trial was adjourned until 12 September.", "2022-08-31", NULL, "2022-09-12"},
    {"The talks will resume on September 20.", "2022-08-31", NULL, "2022-09-20"},
    {"Rebels set fire to a school on September 20.", "2022-08-31", NULL, "2021-09-20"},
    {"Voting was delayed on August 2 by floods.", "2022-08-31", NULL, "2022-08-02"},
    /* a day of the month alone: publication's month, or the one before */
    {"Police arrested the suspect on the 5th.", "2022-08-31", NULL, "2022-08-05"},
    {"Police arrested the suspect on the 25th, officials said.", "2022-08-10", NULL, "2022-07-25"},
    {"He lives on the 5th floor.", "2022-08-31", NULL, NULL},
    /* leap years */
    {"On February 29 a car bomb exploded.", "2024-03-10", NULL, "2024-02-29"},
    {"On February 29 a car bomb exploded.", "2023-03-10", NULL, "2020-02-29"},
    {"February 29, 2023 never happened.", "2023-06-01", NULL, NULL},
    {"February 29, 2020 was a Saturday.", "2023-06-01", NULL, "2020-02-29"},
    /* numeric dates */
    {"Report dated 2022-04-18 from the ministry", "2022-08-31", NULL, "2022-04-18"},
    {"Issued 18/04/2022 by the governor", "2022-08-31", NULL, "2022-04-18"},
    {"Issued 18.04.2022 by the governor", "2022-08-31", NULL, "2022-04-18"},
    {"Issued 4/18/22 by the governor", "2022-08-31", NULL, "2022-04-18"},
    {"The 3/4 majority passed version 1.2.3 of the law.", "2022-08-31", NULL, NULL},
    /* months and years without a day */
    {"Troops arrived in mid-March.", "2022-08-31", NULL, "2022-03"},
    {"The offensive began in late May.", "2022-08-31", NULL, "2022-05"},
    {"Elections took place in May.", "2022-03-01", NULL, "2021-05"},
    {"Talks resumed at the end of June.", "2022-08-31", NULL, "2022-06"},
    {"Fighting escalated last December.", "2023-01-10", NULL, "2022-12"},
    {"Fighting escalated last January.", "2023-01-10", NULL, "2022-01"},
    {"Fighting escalated in December.", "2023-01-10", NULL, "2022-12"},
    {"It may rain in march, officials said.", "2022-08-31", NULL, NULL},
    {"May God protect us, he said.", "2022-08-31", NULL, NULL},
    {"The militia has held the town since 2014.", "2022-08-31", NULL, "2014"},
    {"The group split in 2019.", "2022-08-31", NULL, "2019"},
    {"Violence peaked in early 2021.", "2022-08-31", NULL, "2021"},
    {"The 2019 election was disputed.", "2022-08-31", NULL, NULL},
    {"Some 2,000 fighters remain, up from 1500.", "2022-08-31", NULL, NULL},
    {"A withdrawal is planned in 2030.", "2022-08-31", NULL, NULL},
    /* relative to the publication date */
    {"Police said yesterday that five were killed.", "2022-08-31", NULL, "2022-08-30"},
    {"Police said yesterday that five were killed.", "2023-01-01", NULL, "2022-12-31"},
    {"The minister resigned today.", "2022-08-31", NULL, "2022-08-31"},
    {"Shelling resumed this morning.", "2022-08-31", NULL, "2022-08-31"},
    {"Shelling resumed last night.", "2022-08-31", NULL, "2022-08-30"},
    {"The day before yesterday a drone struck.", "2022-08-31", NULL, "2022-08-29"},
    {"Three days ago a drone struck.", "2022-08-31", NULL, "2022-08-28"},
    {"A week ago a drone struck.", "2022-08-31", NULL, "2022-08-24"},
    {"Two weeks ago a drone struck.", "2022-08-31", NULL, "2022-08"},
    {"Two months ago a drone struck.", "2022-01-15", NULL, "2021-11"},
    {"Five years ago a drone struck.", "2022-08-31", NULL, "2017"},
    /* weeks, months, years: a week has no day, so month precision (the week's Thursday) */
    {"Militants attacked a checkpoint last week.", "2022-08-31", NULL, "2022-08"},
    {"Militants attacked a checkpoint last week.", "2022-09-07", NULL, "2022-09"},
    {"Militants attacked a checkpoint last week.", "2023-01-04", NULL, "2022-12"},
    {"Militants attacked a checkpoint earlier this week.", "2022-08-31", NULL, "2022-08"},
    {"Protests spread earlier this month.", "2022-08-31", NULL, "2022-08"},
    {"Protests spread last month.", "2023-01-15", NULL, "2022-12"},
    {"Protests spread last month.", "2022-03-31", NULL, "2022-02"},
    {"Protests spread last year.", "2023-01-15", NULL, "2022"},
    {"Protests spread this year.", "2022-08-31", NULL, "2022"},
    {"Talks will resume next week.", "2022-08-31", NULL, NULL},
    {"Talks will resume next Monday.", "2022-08-31", NULL, NULL},
    /* weekdays: the latest such day on or before publication ("last": before it) */
    {"Gunmen struck on Monday.", "2022-08-31", NULL, "2022-08-29"},
    {"Gunmen struck on Sunday.", "2022-08-31", NULL, "2022-08-28"},
    {"Gunmen struck on Wednesday.", "2022-08-31", NULL, "2022-08-31"},
    {"Gunmen struck last Wednesday.", "2022-08-31", NULL, "2022-08-24"},
    {"Gunmen struck on Thursday.", "2022-08-31", NULL, "2022-08-25"},
    {"Gunmen struck on Friday.", "2023-01-02", NULL, "2022-12-30"},
    /* relative to the previous dated event */
    {"The next day, the army retook the town.", "2022-08-31", "2022-04-18", "2022-04-19"},
    {"Two days later, the army retook the town.", "2022-08-31", "2022-04-18", "2022-04-20"},
    {"A day later the army retook the town.", "2022-08-31", "2022-04-18", "2022-04-19"},
    {"The following day the army retook the town.", "2022-08-31", "2023-02-28", NULL},
    {"The following day the army retook the town.", "2023-08-31", "2023-02-28", "2023-03-01"},
    {"The next day the army retook the town.", "2024-08-31", "2024-02-28", "2024-02-29"},
    {"Three days later a second blast hit.", "2023-01-10", "2022-12-30", "2023-01-02"},
    {"Twenty-one days later a second blast hit.", "2022-08-31", "2022-01-01", "2022-01-22"},
    {"Four days later a second blast hit.", "2022-08-31", "2022-01-30", "2022-02-03"},
    {"10 days later a second blast hit.", "2022-08-31", "2021-12-25", "2022-01-04"},
    {"The previous day, a convoy was ambushed.", "2022-08-31", "2022-03-01", "2022-02-28"},
    {"The day before, a convoy was ambushed.", "2022-08-31", "2020-03-01", "2020-02-29"},
    {"That day, a convoy was ambushed.", "2022-08-31", "2022-04-18", "2022-04-18"},
    {"Later that day a convoy was ambushed.", "2022-08-31", "2022-04-18", "2022-04-18"},
    {"The following week talks began.", "2022-08-31", "2022-04-18", "2022-04"},
    {"A year later talks began.", "2022-08-31", "2019-06-01", "2020"},
    {"The following month talks began.", "2022-08-31", "2022-03", "2022-04"},
    {"The next day, the army retook the town.", "2022-08-31", NULL, NULL},
    {"Two days earlier the army had left.", "2022-08-31", NULL, "2022-08-29"},
    {"The following Monday talks began.", "2022-08-31", "2022-04-20", "2022-04-25"},
    {"The previous Friday talks began.", "2022-08-31", "2022-04-18", "2022-04-15"},
    /* "last year" after a day or a month: the year before publication's */
    {"On March 15 last year, gunmen attacked a mosque.", "2020-08-27", NULL, "2019-03-15"},
    {"In March last year, gunmen attacked a mosque.", "2020-08-27", NULL, "2019-03"},
    {"In October last year, gunmen attacked a mosque.", "2020-08-27", NULL, "2019-10"},
    /* "that Sunday": the weekday nearest the anchor (2022-04-17 was a Sunday, 04-18 a Monday) */
    {"In the early hours of that Sunday, gunmen blocked a bridge.", "2022-08-31", "2022-04-17", "2022-04-17"},
    {"On that Saturday, gunmen blocked a bridge.", "2022-08-31", "2022-04-18", "2022-04-16"},
    {"That Thursday, gunmen blocked a bridge.", "2022-08-31", "2022-04-18", "2022-04-21"},
    {"The following Monday talks began.", "2022-08-31", "2022-08-30", NULL},
    {"Hours later a second blast hit.", "2022-08-31", "2022-04-18", "2022-04-18"},
    {"Later in the day a second blast hit.", "2022-08-31", "2022-04-18", "2022-04-18"},
    /* more forms */
    {"Posted 2022-04-18T10:30:00Z by the army.", "2022-08-31", NULL, "2022-04-18"},
    {"Fighting on 5-6 July left ten dead.", "2022-08-31", NULL, "2022-07-05"},
    {"The siege ended in mid-2021.", "2022-08-31", NULL, "2021"},
    {"Militants struck late on Tuesday.", "2022-08-31", NULL, "2022-08-30"},
    {"Sunday's bombing killed five.", "2022-08-31", NULL, "2022-08-28"},
    {"Clashes erupted on 10 September 2021 and again on 2 February.", "2022-08-31", NULL, "2021-09-10"},
    {"In the last week of March the front moved.", "2022-08-31", NULL, "2022-03"},
    {"Between 2014 and 2016 the group grew.", "2022-08-31", NULL, "2014"},
    {"Over the past week the front moved.", "2022-08-31", NULL, "2022-08"},
    {"Drink it 20 minutes before your workout.", "2022-08-31", NULL, NULL},
    {"This years-long war goes on.", "2022-08-31", NULL, NULL},
    /* weekends: two days, so month precision (the latest Saturday's month) */
    {"Clashes erupted over the weekend.", "2022-08-31", NULL, "2022-08"},
    {"Clashes erupted last weekend.", "2022-09-01", NULL, "2022-08"},
    {"Clashes erupted at the weekend.", "2022-09-04", NULL, "2022-09"},
    /* ordinals in words */
    {"On the fifth of May the militia withdrew.", "2022-08-31", NULL, "2022-05-05"},
    {"On May twenty-first the militia withdrew.", "2022-08-31", NULL, "2022-05-21"},
    {"On May the first the militia withdrew.", "2022-08-31", NULL, "2022-05-01"},
    {"On the thirty-first of December 2021 it ended.", "2022-08-31", NULL, "2021-12-31"},
    {"The first of many convoys left.", "2022-08-31", NULL, NULL},
    {"It was the second attack in a week.", "2022-08-31", NULL, NULL},
    /* nothing */
    {"The army said it would respond.", "2022-08-31", NULL, NULL},
    {"Fighting resumed in the 1990s and by 5 p.m. it was over.", "2022-08-31", NULL, NULL},
};

static int parse_ymd(const char *s, struct fw_ymd *d, enum fw_date_prec *prec)
{
    *d = (struct fw_ymd){0, 0, 0};
    int n = sscanf(s, "%d-%d-%d", &d->y, &d->m, &d->d);
    *prec = n == 3 ? FW_PREC_DAY : n == 2 ? FW_PREC_MONTH : n == 1 ? FW_PREC_YEAR : FW_PREC_NONE;
    return n;
}

static void test_table(void **state)
{
    int failed = 0, n = (int)(sizeof cases / sizeof cases[0]);
    for (int i = 0; i < n; i++) {
        const struct tcase *tc = &cases[i];
        struct fw_ymd pub, anchor = {0, 0, 0}, want;
        enum fw_date_prec pp, aprec = FW_PREC_NONE, wprec = FW_PREC_NONE;
        parse_ymd(tc->pub, &pub, &pp);
        if (tc->anchor) parse_ymd(tc->anchor, &anchor, &aprec);
        if (tc->want) parse_ymd(tc->want, &want, &wprec);
        struct fw_tdate out[8];
        int k = fw_tdate_find(tc->text, strlen(tc->text), pub, anchor, aprec, out, 8);
        int ok = tc->want ? k >= 1 && out[0].prec == wprec && out[0].date.y == want.y && out[0].date.m == want.m &&
                                out[0].date.d == want.d
                          : k == 0;
        if (!ok) {
            failed++;
            fprintf(stderr, "FAIL %d: \"%s\" pub %s anchor %s: want %s, got", i, tc->text, tc->pub,
                    tc->anchor ? tc->anchor : "-", tc->want ? tc->want : "none");
            for (int j = 0; j < k; j++)
                fprintf(stderr, " %04d-%02d-%02d/p%d[%zu,%zu]", out[j].date.y, out[j].date.m, out[j].date.d,
                        out[j].prec, out[j].start, out[j].end);
            fprintf(stderr, "\n");
        }
    }
    printf("tdate table: %d/%d cases pass\n", n - failed, n);
    assert_true(n >= 60);
    assert_int_equal(failed, 0);
}

static void test_offsets_and_chain(void **state)
{
    const char *s = "On April 18, rebels took Termez; the next day they withdrew, and two days later they returned.";
    struct fw_tdate out[4];
    int k = fw_tdate_find(s, strlen(s), (struct fw_ymd){2022, 8, 31}, (struct fw_ymd){0, 0, 0}, FW_PREC_NONE, out, 4);
    assert_int_equal(k, 3);
    assert_int_equal(out[0].date.d, 18);
    assert_int_equal(out[1].date.d, 19);
    assert_int_equal(out[2].date.d, 21); /* counted from the day before it, not from April 18 */
    assert_memory_equal(s + out[0].start, "April 18", out[0].end - out[0].start);
    assert_int_equal(out[0].end - out[0].start, 8);
    assert_memory_equal(s + out[1].start, "the next day", out[1].end - out[1].start);
    assert_memory_equal(s + out[2].start, "two days later", out[2].end - out[2].start);
    /* max bounds the output */
    assert_int_equal(fw_tdate_find(s, strlen(s), (struct fw_ymd){2022, 8, 31}, (struct fw_ymd){0, 0, 0}, FW_PREC_NONE,
                                   out, 1),
                     1);
}

static void test_long_sentence_windows(void **state)
{
    /* a date past the first token window is still found, with offsets into the whole text */
    char s[8192];
    size_t n = 0;
    for (int i = 0; i < 600; i++) n += (size_t)snprintf(s + n, sizeof s - n, "word ");
    n += (size_t)snprintf(s + n, sizeof s - n, "on 5 July 2021.");
    struct fw_tdate out[2];
    int k = fw_tdate_find(s, n, (struct fw_ymd){2022, 8, 31}, (struct fw_ymd){0, 0, 0}, FW_PREC_NONE, out, 2);
    assert_int_equal(k, 1);
    assert_int_equal(out[0].date.y, 2021);
    assert_memory_equal(s + out[0].start, "5 July 2021", 11);
}

static void test_bad_input(void **state)
{
    struct fw_tdate out[2];
    assert_int_equal(fw_tdate_find("yesterday", 9, (struct fw_ymd){2022, 13, 1}, (struct fw_ymd){0, 0, 0},
                                   FW_PREC_NONE, out, 2),
                     0);
    assert_int_equal(fw_tdate_find("", 0, (struct fw_ymd){2022, 1, 1}, (struct fw_ymd){0, 0, 0}, FW_PREC_NONE, out, 2), 0);
    /* bytes that are not text: no crash, no date */
    const char junk[] = "\xff\xfe\xe2\x80 12/ /2022 -- 2022- 04 -18 \xe2\x80\x93";
    assert_int_equal(fw_tdate_find(junk, sizeof junk - 1, (struct fw_ymd){2022, 1, 1}, (struct fw_ymd){0, 0, 0},
                                   FW_PREC_NONE, out, 2),
                     0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_offsets_and_chain),
        cmocka_unit_test(test_long_sentence_windows),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
