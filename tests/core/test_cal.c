/* fw_cal: civil days, weekdays, names in every language of the table, zones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "feedwire/fw_cal.h"

static void test_civil(void **state)
{
    (void)state;
    assert_int_equal(fw_cal_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(fw_cal_days_from_civil(1969, 12, 31), -1);
    assert_int_equal(fw_cal_days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(fw_cal_days_from_civil(0, 1, 1), -719528);
    for (int64_t z = -800000; z < 800000; z += 13) {
        struct fw_ymd d = fw_cal_civil_from_days(z);
        assert_true(fw_cal_valid(d.y, d.m, d.d));
        assert_int_equal(fw_cal_days_from_civil(d.y, d.m, d.d), z);
    }
    struct fw_ymd d = fw_cal_civil_from_days(11016);
    assert_int_equal(d.y, 2000);
    assert_int_equal(d.m, 2);
    assert_int_equal(d.d, 29);
    assert_int_equal(fw_cal_days_of_epoch(-1), -1);
    assert_int_equal(fw_cal_days_of_epoch(86399), 0);
    assert_int_equal(fw_cal_days_of_epoch(-86400), -1);
    assert_int_equal(fw_cal_days_of_epoch(-86401), -2);
}

static void test_valid(void **state)
{
    (void)state;
    assert_true(fw_cal_valid(2000, 2, 29));
    assert_false(fw_cal_valid(1900, 2, 29));
    assert_true(fw_cal_valid(2024, 2, 29));
    assert_false(fw_cal_valid(2023, 2, 29));
    assert_false(fw_cal_valid(2023, 4, 31));
    assert_false(fw_cal_valid(2023, 0, 1));
    assert_false(fw_cal_valid(2023, 13, 1));
    assert_false(fw_cal_valid(2023, 1, 0));
    assert_int_equal(fw_cal_month_days(2023, 12), 31);
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(fw_cal_weekday(0), FW_CAL_THU);
    assert_int_equal(fw_cal_weekday(-1), FW_CAL_WED);
    assert_int_equal(fw_cal_weekday(-7), FW_CAL_THU);
    assert_int_equal(fw_cal_weekday(fw_cal_days_from_civil(2000, 1, 1)), FW_CAL_SAT);
    assert_int_equal(fw_cal_weekday(fw_cal_days_from_civil(2024, 2, 29)), FW_CAL_THU);
    assert_int_equal(fw_cal_weekday(fw_cal_days_from_civil(2023, 3, 26)), FW_CAL_SUN);
    assert_string_equal(fw_cal_wday_name(FW_CAL_SUN), "sunday");
    assert_string_equal(fw_cal_wday_name(FW_CAL_SAT), "saturday");
    assert_null(fw_cal_wday_name(7));
    assert_null(fw_cal_wday_name(-1));
}

static int month_of(const char *w, unsigned langs)
{
    struct fw_cal_name nm;
    if (!fw_cal_name(w, strlen(w), langs, &nm) || nm.kind != FW_CAL_MONTH) return 0;
    return nm.val;
}

static int wday_of(const char *w, unsigned langs)
{
    struct fw_cal_name nm;
    if (!fw_cal_name(w, strlen(w), langs, &nm) || nm.kind != FW_CAL_WEEKDAY) return -1;
    return nm.val;
}

/* Every month and weekday of each language is found (the table is searched by
 * bisection: a row out of order would be lost) and only in its language. */
static void test_names(void **state)
{
    (void)state;
    static const struct {
        unsigned lang;
        const char *months[12], *days[7];
    } langs[] = {
        {FW_CAL_EN,
         {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"},
         {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}},
        {FW_CAL_DE,
         {"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
          "Dezember"},
         {"Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"}},
        {FW_CAL_FR,
         {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
          "décembre"},
         {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}},
        {FW_CAL_ES,
         {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
          "diciembre"},
         {"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}},
        {FW_CAL_IT,
         {"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
          "novembre", "dicembre"},
         {"domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"}},
        {FW_CAL_RU,
         {"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
          "декабря"},
         {"воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"}},
        {FW_CAL_UK,
         {"січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня",
          "листопада", "грудня"},
         {"неділя", "понеділок", "вівторок", "середа", "четвер", "пʼятниця", "субота"}},
        {FW_CAL_PL,
         {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października",
          "listopada", "grudnia"},
         {"niedziela", "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota"}},
        {FW_CAL_HU,
         {"január", "február", "március", "április", "május", "június", "július", "augusztus", "szeptember", "október",
          "november", "december"},
         {"vasárnap", "hétfő", "kedd", "szerda", "csütörtök", "péntek", "szombat"}},
        {FW_CAL_EL,
         {"Ιαν", "Φεβ", "Μάρ", "Απρ", "Μάι", "Ιούν", "Ιούλ", "Αύγ", "Σεπ", "Οκτ", "Νοέ", "Δεκ"},
         {"Κυρ", "Δευ", "Τρι", "Τετ", "Πεμ", "Παρ", "Σαβ"}},
        {FW_CAL_PT,
         {"janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
          "novembro", "dezembro"},
         {"domingo", "segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado"}},
        {FW_CAL_NL,
         {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"},
         {"zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"}},
        {FW_CAL_RO,
         {"ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie",
          "noiembrie", "decembrie"},
         {"duminică", "luni", "marți", "miercuri", "joi", "vineri", "sâmbătă"}},
        {FW_CAL_SV,
         {"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"},
         {"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"}},
        {FW_CAL_DA,
         {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november",
          "december"},
         {"søndag", "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag"}},
        {FW_CAL_CS,
         {"ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října", "listopadu",
          "prosince"},
         {"neděle", "pondělí", "úterý", "středa", "čtvrtek", "pátek", "sobota"}},
        {FW_CAL_TR,
         {"ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım",
          "aralık"},
         {"pazar", "pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi"}},
    };
    const unsigned all = FW_CAL_ALL;
    for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
        for (int m = 0; m < 12; m++) {
            assert_int_equal(month_of(langs[l].months[m], langs[l].lang), m + 1);
            assert_int_equal(month_of(langs[l].months[m], all), m + 1);
        }
        for (int d = 0; d < 7; d++) assert_int_equal(wday_of(langs[l].days[d], langs[l].lang), d);
    }
    /* abbreviations, case, and the language filter */
    struct fw_cal_name nm;
    assert_true(fw_cal_name("SEPT", 4, FW_CAL_EN, &nm));
    assert_int_equal(nm.val, 9);
    assert_true(nm.abbr);
    assert_true(fw_cal_name("Sat", 3, FW_CAL_EN, &nm));
    assert_int_equal(nm.kind, FW_CAL_WEEKDAY);
    assert_int_equal(nm.val, FW_CAL_SAT);
    assert_true(nm.abbr);
    assert_true(fw_cal_name("saturday", 8, FW_CAL_EN, &nm));
    assert_false(nm.abbr);
    assert_int_equal(month_of("Dez", FW_CAL_DE), 12);
    assert_int_equal(wday_of("Fr", FW_CAL_DE), FW_CAL_FRI);
    assert_int_equal(wday_of("Fr", FW_CAL_EN | FW_CAL_FR), -1);
    assert_int_equal(month_of("Mai", FW_CAL_EN), 0);
    assert_int_equal(month_of("Mai", FW_CAL_FR), 5);
    assert_int_equal(month_of("März", FW_CAL_EN | FW_CAL_FR), 0);
    assert_int_equal(month_of("Marchx", all), 0);
    assert_int_equal(month_of("Mar", all), 3);
    assert_false(fw_cal_name("", 0, all, &nm));
    assert_false(fw_cal_name("decemberdecemberdecemberdecember", 32, all, &nm));
    assert_int_equal(month_of("augusztusx", 4), 0);
}

static void test_zones(void **state)
{
    (void)state;
    static const struct {
        const char *w;
        int min;
    } z[] = {{"UTC", 0},    {"gmt", 0},    {"Z", 0},       {"EST", -300}, {"edt", -240}, {"PST", -480},
             {"CET", 60},   {"CEST", 120}, {"ist", 330},   {"JST", 540},  {"aedt", 660}, {"NZDT", 780},
             {"a", -60},    {"y", 720},    {"west", 60},   {"wet", 0},    {"msk", 180},  {"akst", -540}};
    for (size_t i = 0; i < sizeof z / sizeof z[0]; i++) {
        int m = 12345;
        assert_true(fw_cal_zone(z[i].w, strlen(z[i].w), &m));
        assert_int_equal(m, z[i].min);
    }
    int m;
    assert_false(fw_cal_zone("XYZ", 3, &m));
    assert_false(fw_cal_zone("europe/paris", 12, &m));
}

static int offset(const char *s, int *used)
{
    const char *p = s;
    int m = 99999;
    if (!fw_cal_offset(&p, s + strlen(s), &m)) {
        assert_ptr_equal(p, s);
        return 99999;
    }
    *used = (int)(p - s);
    return m;
}

static void test_offsets(void **state)
{
    (void)state;
    int used = 0;
    assert_int_equal(offset("+05:30", &used), 330);
    assert_int_equal(used, 6);
    assert_int_equal(offset("-0800", &used), -480);
    assert_int_equal(offset("+5", &used), 300);
    assert_int_equal(offset("-03 rest", &used), -180);
    assert_int_equal(used, 3);
    assert_int_equal(offset("+24", &used), 99999);
    assert_int_equal(offset("+053", &used), 99999);
    assert_int_equal(offset("+05:3", &used), 99999);
    assert_int_equal(offset("05:00", &used), 99999);
}

static void test_cet(void **state)
{
    (void)state;
    int64_t mar = fw_cal_days_from_civil(2023, 3, 26) * 86400, oct = fw_cal_days_from_civil(2023, 10, 29) * 86400;
    assert_int_equal(fw_cal_cet_offset(mar + 3599), 60);
    assert_int_equal(fw_cal_cet_offset(mar + 3600), 120);
    assert_int_equal(fw_cal_cet_offset(oct + 3599), 120);
    assert_int_equal(fw_cal_cet_offset(oct + 3600), 60);
    assert_int_equal(fw_cal_cet_offset(fw_cal_days_from_civil(2024, 1, 15) * 86400), 60);
    assert_int_equal(fw_cal_cet_offset(fw_cal_days_from_civil(2024, 7, 15) * 86400), 120);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_civil),   cmocka_unit_test(test_valid),   cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_names),   cmocka_unit_test(test_zones),   cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_cet),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
