/* fw_cal: the shared calendar (see fw_cal.h). */
#include "feedwire/fw_cal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ---- civil days ---- */

int64_t fw_cal_days_from_civil(int64_t y, int m, int d)
{
    /* H. Hinnant's algorithm: exact for the proleptic Gregorian calendar */
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct fw_ymd fw_cal_civil_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int d = (int)(doy - (153 * mp + 2) / 5 + 1);
    int m = (int)(mp < 10 ? mp + 3 : mp - 9);
    return (struct fw_ymd){(int)(yoe + era * 400 + (m <= 2)), m, d};
}

int fw_cal_weekday(int64_t days)
{
    return (int)(((days % 7) + 7 + FW_CAL_THU) % 7); /* 1970-01-01 was a Thursday */
}

int64_t fw_cal_days_of_epoch(int64_t t)
{
    return t >= 0 ? t / 86400 : (t - 86399) / 86400;
}

int fw_cal_is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int fw_cal_month_days(int64_t y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && fw_cal_is_leap(y) ? 29 : dm[m - 1];
}

int fw_cal_valid(int64_t y, int m, int d)
{
    return m >= 1 && m <= 12 && d >= 1 && d <= fw_cal_month_days(y, m);
}

/* ---- names ---- */

/* Lower case except Greek, which is matched as written; a name shared by
 * languages is one row (kept sorted by bytes for the reader). */
static const struct row {
    const char *w;
    unsigned char kind;
    unsigned char val;
    unsigned langs;
    unsigned char abbr;
} names[] = {
    {"abril", FW_CAL_MONTH, 4, FW_CAL_ES | FW_CAL_PT, 0},
    {"agosto", FW_CAL_MONTH, 8, FW_CAL_ES | FW_CAL_IT | FW_CAL_PT, 0},
    {"aout", FW_CAL_MONTH, 8, FW_CAL_FR, 0},
    {"août", FW_CAL_MONTH, 8, FW_CAL_FR, 0},
    {"apr", FW_CAL_MONTH, 4, FW_CAL_EN, 1},
    {"april", FW_CAL_MONTH, 4, FW_CAL_EN | FW_CAL_DE | FW_CAL_NL | FW_CAL_SV | FW_CAL_DA, 0},
    {"aprile", FW_CAL_MONTH, 4, FW_CAL_IT, 0},
    {"aprilie", FW_CAL_MONTH, 4, FW_CAL_RO, 0},
    {"aralık", FW_CAL_MONTH, 12, FW_CAL_TR, 0},
    {"aug", FW_CAL_MONTH, 8, FW_CAL_EN, 1},
    {"august", FW_CAL_MONTH, 8, FW_CAL_EN | FW_CAL_DE | FW_CAL_RO | FW_CAL_DA, 0},
    {"augusti", FW_CAL_MONTH, 8, FW_CAL_SV, 0},
    {"augustus", FW_CAL_MONTH, 8, FW_CAL_NL, 0},
    {"augusztus", FW_CAL_MONTH, 8, FW_CAL_HU, 0},
    {"avril", FW_CAL_MONTH, 4, FW_CAL_FR, 0},
    {"ağustos", FW_CAL_MONTH, 8, FW_CAL_TR, 0},
    {"března", FW_CAL_MONTH, 3, FW_CAL_CS, 0},
    {"csütörtök", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_HU, 0},
    {"cuma", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_TR, 0},
    {"cumartesi", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_TR, 0},
    {"czerwca", FW_CAL_MONTH, 6, FW_CAL_PL, 0},
    {"czwartek", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_PL, 0},
    {"dec", FW_CAL_MONTH, 12, FW_CAL_EN, 1},
    {"december", FW_CAL_MONTH, 12, FW_CAL_EN | FW_CAL_HU | FW_CAL_NL | FW_CAL_SV | FW_CAL_DA, 0},
    {"decembre", FW_CAL_MONTH, 12, FW_CAL_FR, 0},
    {"decembrie", FW_CAL_MONTH, 12, FW_CAL_RO, 0},
    {"dez", FW_CAL_MONTH, 12, FW_CAL_DE, 1},
    {"dezember", FW_CAL_MONTH, 12, FW_CAL_DE, 0},
    {"dezembro", FW_CAL_MONTH, 12, FW_CAL_PT, 0},
    {"di", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_DE, 1},
    {"dicembre", FW_CAL_MONTH, 12, FW_CAL_IT, 0},
    {"diciembre", FW_CAL_MONTH, 12, FW_CAL_ES, 0},
    {"dienstag", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_DE, 0},
    {"dimanche", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_FR, 0},
    {"dinsdag", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_NL, 0},
    {"do", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_DE, 1},
    {"domenica", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_IT, 0},
    {"domingo", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_ES | FW_CAL_PT, 0},
    {"donderdag", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_NL, 0},
    {"donnerstag", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_DE, 0},
    {"dubna", FW_CAL_MONTH, 4, FW_CAL_CS, 0},
    {"duminică", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_RO, 0},
    {"décembre", FW_CAL_MONTH, 12, FW_CAL_FR, 0},
    {"ekim", FW_CAL_MONTH, 10, FW_CAL_TR, 0},
    {"enero", FW_CAL_MONTH, 1, FW_CAL_ES, 0},
    {"eylül", FW_CAL_MONTH, 9, FW_CAL_TR, 0},
    {"feb", FW_CAL_MONTH, 2, FW_CAL_EN, 1},
    {"febbraio", FW_CAL_MONTH, 2, FW_CAL_IT, 0},
    {"febrero", FW_CAL_MONTH, 2, FW_CAL_ES, 0},
    {"februar", FW_CAL_MONTH, 2, FW_CAL_DE | FW_CAL_DA, 0},
    {"februari", FW_CAL_MONTH, 2, FW_CAL_NL | FW_CAL_SV, 0},
    {"februarie", FW_CAL_MONTH, 2, FW_CAL_RO, 0},
    {"february", FW_CAL_MONTH, 2, FW_CAL_EN, 0},
    {"február", FW_CAL_MONTH, 2, FW_CAL_HU, 0},
    {"fevereiro", FW_CAL_MONTH, 2, FW_CAL_PT, 0},
    {"fevrier", FW_CAL_MONTH, 2, FW_CAL_FR, 0},
    {"fr", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_DE, 1},
    {"fredag", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_SV | FW_CAL_DA, 0},
    {"freitag", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_DE, 0},
    {"fri", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_EN, 1},
    {"friday", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_EN, 0},
    {"février", FW_CAL_MONTH, 2, FW_CAL_FR, 0},
    {"gennaio", FW_CAL_MONTH, 1, FW_CAL_IT, 0},
    {"giovedi", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_IT, 0},
    {"giovedì", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_IT, 0},
    {"giugno", FW_CAL_MONTH, 6, FW_CAL_IT, 0},
    {"grudnia", FW_CAL_MONTH, 12, FW_CAL_PL, 0},
    {"haziran", FW_CAL_MONTH, 6, FW_CAL_TR, 0},
    {"hétfő", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_HU, 0},
    {"ianuarie", FW_CAL_MONTH, 1, FW_CAL_RO, 0},
    {"iulie", FW_CAL_MONTH, 7, FW_CAL_RO, 0},
    {"iunie", FW_CAL_MONTH, 6, FW_CAL_RO, 0},
    {"jan", FW_CAL_MONTH, 1, FW_CAL_EN, 1},
    {"janeiro", FW_CAL_MONTH, 1, FW_CAL_PT, 0},
    {"januar", FW_CAL_MONTH, 1, FW_CAL_DE | FW_CAL_DA, 0},
    {"januari", FW_CAL_MONTH, 1, FW_CAL_NL | FW_CAL_SV, 0},
    {"january", FW_CAL_MONTH, 1, FW_CAL_EN, 0},
    {"január", FW_CAL_MONTH, 1, FW_CAL_HU, 0},
    {"janvier", FW_CAL_MONTH, 1, FW_CAL_FR, 0},
    {"jeudi", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_FR, 0},
    {"joi", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_RO, 0},
    {"jueves", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_ES, 0},
    {"juillet", FW_CAL_MONTH, 7, FW_CAL_FR, 0},
    {"juin", FW_CAL_MONTH, 6, FW_CAL_FR, 0},
    {"jul", FW_CAL_MONTH, 7, FW_CAL_EN, 1},
    {"julho", FW_CAL_MONTH, 7, FW_CAL_PT, 0},
    {"juli", FW_CAL_MONTH, 7, FW_CAL_DE | FW_CAL_NL | FW_CAL_SV | FW_CAL_DA, 0},
    {"julio", FW_CAL_MONTH, 7, FW_CAL_ES, 0},
    {"july", FW_CAL_MONTH, 7, FW_CAL_EN, 0},
    {"jun", FW_CAL_MONTH, 6, FW_CAL_EN, 1},
    {"june", FW_CAL_MONTH, 6, FW_CAL_EN, 0},
    {"junho", FW_CAL_MONTH, 6, FW_CAL_PT, 0},
    {"juni", FW_CAL_MONTH, 6, FW_CAL_DE | FW_CAL_NL | FW_CAL_SV | FW_CAL_DA, 0},
    {"junio", FW_CAL_MONTH, 6, FW_CAL_ES, 0},
    {"jänner", FW_CAL_MONTH, 1, FW_CAL_DE, 0},
    {"július", FW_CAL_MONTH, 7, FW_CAL_HU, 0},
    {"június", FW_CAL_MONTH, 6, FW_CAL_HU, 0},
    {"kasım", FW_CAL_MONTH, 11, FW_CAL_TR, 0},
    {"kedd", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_HU, 0},
    {"května", FW_CAL_MONTH, 5, FW_CAL_CS, 0},
    {"kwietnia", FW_CAL_MONTH, 4, FW_CAL_PL, 0},
    {"ledna", FW_CAL_MONTH, 1, FW_CAL_CS, 0},
    {"lipca", FW_CAL_MONTH, 7, FW_CAL_PL, 0},
    {"listopada", FW_CAL_MONTH, 11, FW_CAL_PL, 0},
    {"listopadu", FW_CAL_MONTH, 11, FW_CAL_CS, 0},
    {"luglio", FW_CAL_MONTH, 7, FW_CAL_IT, 0},
    {"lundi", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_FR, 0},
    {"lunedi", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_IT, 0},
    {"lunedì", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_IT, 0},
    {"lunes", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_ES, 0},
    {"luni", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_RO, 0},
    {"lutego", FW_CAL_MONTH, 2, FW_CAL_PL, 0},
    {"lördag", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_SV, 0},
    {"lørdag", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_DA, 0},
    {"maandag", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_NL, 0},
    {"maart", FW_CAL_MONTH, 3, FW_CAL_NL, 0},
    {"maerz", FW_CAL_MONTH, 3, FW_CAL_DE, 0},
    {"maggio", FW_CAL_MONTH, 5, FW_CAL_IT, 0},
    {"mai", FW_CAL_MONTH, 5, FW_CAL_DE | FW_CAL_FR | FW_CAL_RO, 0},
    {"maio", FW_CAL_MONTH, 5, FW_CAL_PT, 0},
    {"maj", FW_CAL_MONTH, 5, FW_CAL_SV | FW_CAL_DA, 0},
    {"maja", FW_CAL_MONTH, 5, FW_CAL_PL, 0},
    {"mandag", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_DA, 0},
    {"mar", FW_CAL_MONTH, 3, FW_CAL_EN, 1},
    {"marca", FW_CAL_MONTH, 3, FW_CAL_PL, 0},
    {"march", FW_CAL_MONTH, 3, FW_CAL_EN, 0},
    {"marco", FW_CAL_MONTH, 3, FW_CAL_PT, 0},
    {"mardi", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_FR, 0},
    {"mars", FW_CAL_MONTH, 3, FW_CAL_FR | FW_CAL_SV, 0},
    {"mart", FW_CAL_MONTH, 3, FW_CAL_TR, 0},
    {"martedi", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_IT, 0},
    {"martedì", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_IT, 0},
    {"martes", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_ES, 0},
    {"martie", FW_CAL_MONTH, 3, FW_CAL_RO, 0},
    {"marts", FW_CAL_MONTH, 3, FW_CAL_DA, 0},
    {"marzo", FW_CAL_MONTH, 3, FW_CAL_ES | FW_CAL_IT, 0},
    {"março", FW_CAL_MONTH, 3, FW_CAL_PT, 0},
    {"marți", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_RO, 0},
    {"may", FW_CAL_MONTH, 5, FW_CAL_EN, 0},
    {"mayo", FW_CAL_MONTH, 5, FW_CAL_ES, 0},
    {"mayıs", FW_CAL_MONTH, 5, FW_CAL_TR, 0},
    {"mei", FW_CAL_MONTH, 5, FW_CAL_NL, 0},
    {"mercoledi", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_IT, 0},
    {"mercoledì", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_IT, 0},
    {"mercredi", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_FR, 0},
    {"mi", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_DE, 1},
    {"miercoles", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_ES, 0},
    {"miercuri", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_RO, 0},
    {"mittwoch", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_DE, 0},
    {"miércoles", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_ES, 0},
    {"mo", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_DE, 1},
    {"mon", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_EN, 1},
    {"monday", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_EN, 0},
    {"montag", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_DE, 0},
    {"május", FW_CAL_MONTH, 5, FW_CAL_HU, 0},
    {"március", FW_CAL_MONTH, 3, FW_CAL_HU, 0},
    {"máujus", FW_CAL_MONTH, 5, FW_CAL_HU, 0},
    {"mär", FW_CAL_MONTH, 3, FW_CAL_DE, 1},
    {"märz", FW_CAL_MONTH, 3, FW_CAL_DE, 0},
    {"måndag", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_SV, 0},
    {"neděle", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_CS, 0},
    {"niedziela", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_PL, 0},
    {"nisan", FW_CAL_MONTH, 4, FW_CAL_TR, 0},
    {"noiembrie", FW_CAL_MONTH, 11, FW_CAL_RO, 0},
    {"nov", FW_CAL_MONTH, 11, FW_CAL_EN, 1},
    {"november", FW_CAL_MONTH, 11, FW_CAL_EN | FW_CAL_DE | FW_CAL_HU | FW_CAL_NL | FW_CAL_SV | FW_CAL_DA, 0},
    {"novembre", FW_CAL_MONTH, 11, FW_CAL_FR | FW_CAL_IT, 0},
    {"novembro", FW_CAL_MONTH, 11, FW_CAL_PT, 0},
    {"noviembre", FW_CAL_MONTH, 11, FW_CAL_ES, 0},
    {"ocak", FW_CAL_MONTH, 1, FW_CAL_TR, 0},
    {"oct", FW_CAL_MONTH, 10, FW_CAL_EN, 1},
    {"october", FW_CAL_MONTH, 10, FW_CAL_EN, 0},
    {"octobre", FW_CAL_MONTH, 10, FW_CAL_FR, 0},
    {"octombrie", FW_CAL_MONTH, 10, FW_CAL_RO, 0},
    {"octubre", FW_CAL_MONTH, 10, FW_CAL_ES, 0},
    {"okt", FW_CAL_MONTH, 10, FW_CAL_DE, 1},
    {"oktober", FW_CAL_MONTH, 10, FW_CAL_DE | FW_CAL_NL | FW_CAL_SV | FW_CAL_DA, 0},
    {"október", FW_CAL_MONTH, 10, FW_CAL_HU, 0},
    {"onsdag", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_SV | FW_CAL_DA, 0},
    {"ottobre", FW_CAL_MONTH, 10, FW_CAL_IT, 0},
    {"outubro", FW_CAL_MONTH, 10, FW_CAL_PT, 0},
    {"pazar", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_TR, 0},
    {"pazartesi", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_TR, 0},
    {"października", FW_CAL_MONTH, 10, FW_CAL_PL, 0},
    {"perşembe", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_TR, 0},
    {"piątek", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_PL, 0},
    {"pondělí", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_CS, 0},
    {"poniedziałek", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_PL, 0},
    {"prosince", FW_CAL_MONTH, 12, FW_CAL_CS, 0},
    {"pátek", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_CS, 0},
    {"péntek", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_HU, 0},
    {"quarta-feira", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_PT, 0},
    {"quinta-feira", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_PT, 0},
    {"sa", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_DE, 1},
    {"sabado", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_ES, 0},
    {"sabato", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_IT, 0},
    {"salı", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_TR, 0},
    {"samedi", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_FR, 0},
    {"samstag", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_DE, 0},
    {"sat", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_EN, 1},
    {"saturday", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_EN, 0},
    {"segunda-feira", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_PT, 0},
    {"sep", FW_CAL_MONTH, 9, FW_CAL_EN, 1},
    {"sept", FW_CAL_MONTH, 9, FW_CAL_EN, 1},
    {"september", FW_CAL_MONTH, 9, FW_CAL_EN | FW_CAL_DE | FW_CAL_NL | FW_CAL_SV | FW_CAL_DA, 0},
    {"septembre", FW_CAL_MONTH, 9, FW_CAL_FR, 0},
    {"septembrie", FW_CAL_MONTH, 9, FW_CAL_RO, 0},
    {"septiembre", FW_CAL_MONTH, 9, FW_CAL_ES, 0},
    {"setembro", FW_CAL_MONTH, 9, FW_CAL_PT, 0},
    {"settembre", FW_CAL_MONTH, 9, FW_CAL_IT, 0},
    {"sexta-feira", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_PT, 0},
    {"sierpnia", FW_CAL_MONTH, 8, FW_CAL_PL, 0},
    {"so", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_DE, 1},
    {"sobota", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_PL | FW_CAL_CS, 0},
    {"sonnabend", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_DE, 0},
    {"sonntag", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_DE, 0},
    {"srpna", FW_CAL_MONTH, 8, FW_CAL_CS, 0},
    {"stycznia", FW_CAL_MONTH, 1, FW_CAL_PL, 0},
    {"středa", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_CS, 0},
    {"sun", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_EN, 1},
    {"sunday", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_EN, 0},
    {"szeptember", FW_CAL_MONTH, 9, FW_CAL_HU, 0},
    {"szerda", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_HU, 0},
    {"szombat", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_HU, 0},
    {"sábado", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_ES | FW_CAL_PT, 0},
    {"sâmbătă", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_RO, 0},
    {"söndag", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_SV, 0},
    {"søndag", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_DA, 0},
    {"temmuz", FW_CAL_MONTH, 7, FW_CAL_TR, 0},
    {"terça-feira", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_PT, 0},
    {"thu", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_EN, 1},
    {"thur", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_EN, 1},
    {"thurs", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_EN, 1},
    {"thursday", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_EN, 0},
    {"tirsdag", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_DA, 0},
    {"tisdag", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_SV, 0},
    {"torsdag", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_SV | FW_CAL_DA, 0},
    {"tue", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_EN, 1},
    {"tues", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_EN, 1},
    {"tuesday", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_EN, 0},
    {"vasárnap", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_HU, 0},
    {"vendredi", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_FR, 0},
    {"venerdi", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_IT, 0},
    {"venerdì", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_IT, 0},
    {"viernes", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_ES, 0},
    {"vineri", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_RO, 0},
    {"vrijdag", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_NL, 0},
    {"wed", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_EN, 1},
    {"wednesday", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_EN, 0},
    {"woensdag", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_NL, 0},
    {"września", FW_CAL_MONTH, 9, FW_CAL_PL, 0},
    {"wtorek", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_PL, 0},
    {"zaterdag", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_NL, 0},
    {"zondag", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_NL, 0},
    {"září", FW_CAL_MONTH, 9, FW_CAL_CS, 0},
    {"április", FW_CAL_MONTH, 4, FW_CAL_HU, 0},
    {"çarşamba", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_TR, 0},
    {"února", FW_CAL_MONTH, 2, FW_CAL_CS, 0},
    {"úterý", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_CS, 0},
    {"července", FW_CAL_MONTH, 7, FW_CAL_CS, 0},
    {"června", FW_CAL_MONTH, 6, FW_CAL_CS, 0},
    {"čtvrtek", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_CS, 0},
    {"října", FW_CAL_MONTH, 10, FW_CAL_CS, 0},
    {"środa", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_PL, 0},
    {"şubat", FW_CAL_MONTH, 2, FW_CAL_TR, 0},
    {"Απρ", FW_CAL_MONTH, 4, FW_CAL_EL, 1},
    {"Αυγ", FW_CAL_MONTH, 8, FW_CAL_EL, 1},
    {"Αύγ", FW_CAL_MONTH, 8, FW_CAL_EL, 1},
    {"Δεκ", FW_CAL_MONTH, 12, FW_CAL_EL, 1},
    {"Δευ", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_EL, 1},
    {"Ιαν", FW_CAL_MONTH, 1, FW_CAL_EL, 1},
    {"Ιολ", FW_CAL_MONTH, 7, FW_CAL_EL, 1},
    {"Ιον", FW_CAL_MONTH, 6, FW_CAL_EL, 1},
    {"Ιούλ", FW_CAL_MONTH, 7, FW_CAL_EL, 1},
    {"Ιούν", FW_CAL_MONTH, 6, FW_CAL_EL, 1},
    {"Κυρ", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_EL, 1},
    {"Μάι", FW_CAL_MONTH, 5, FW_CAL_EL, 1},
    {"Μάρ", FW_CAL_MONTH, 3, FW_CAL_EL, 1},
    {"Μάώ", FW_CAL_MONTH, 3, FW_CAL_EL, 1},
    {"Μαι", FW_CAL_MONTH, 5, FW_CAL_EL, 1},
    {"Μαρ", FW_CAL_MONTH, 3, FW_CAL_EL, 1},
    {"Μαϊ", FW_CAL_MONTH, 5, FW_CAL_EL, 1},
    {"Μαώ", FW_CAL_MONTH, 3, FW_CAL_EL, 1},
    {"Νοέ", FW_CAL_MONTH, 11, FW_CAL_EL, 1},
    {"Νοε", FW_CAL_MONTH, 11, FW_CAL_EL, 1},
    {"Οκτ", FW_CAL_MONTH, 10, FW_CAL_EL, 1},
    {"Παρ", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_EL, 1},
    {"Πεμ", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_EL, 1},
    {"Σαβ", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_EL, 1},
    {"Σεπ", FW_CAL_MONTH, 9, FW_CAL_EL, 1},
    {"Τετ", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_EL, 1},
    {"Τρι", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_EL, 1},
    {"Φεβ", FW_CAL_MONTH, 2, FW_CAL_EL, 1},
    {"августа", FW_CAL_MONTH, 8, FW_CAL_RU, 0},
    {"апреля", FW_CAL_MONTH, 4, FW_CAL_RU, 0},
    {"березня", FW_CAL_MONTH, 3, FW_CAL_UK, 0},
    {"вересня", FW_CAL_MONTH, 9, FW_CAL_UK, 0},
    {"воскресенье", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_RU, 0},
    {"вторник", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_RU, 0},
    {"вівторок", FW_CAL_WEEKDAY, FW_CAL_TUE, FW_CAL_UK, 0},
    {"грудня", FW_CAL_MONTH, 12, FW_CAL_UK, 0},
    {"декабря", FW_CAL_MONTH, 12, FW_CAL_RU, 0},
    {"жовтня", FW_CAL_MONTH, 10, FW_CAL_UK, 0},
    {"июля", FW_CAL_MONTH, 7, FW_CAL_RU, 0},
    {"июня", FW_CAL_MONTH, 6, FW_CAL_RU, 0},
    {"квітня", FW_CAL_MONTH, 4, FW_CAL_UK, 0},
    {"липня", FW_CAL_MONTH, 7, FW_CAL_UK, 0},
    {"листопада", FW_CAL_MONTH, 11, FW_CAL_UK, 0},
    {"лютого", FW_CAL_MONTH, 2, FW_CAL_UK, 0},
    {"марта", FW_CAL_MONTH, 3, FW_CAL_RU, 0},
    {"мая", FW_CAL_MONTH, 5, FW_CAL_RU, 0},
    {"неділя", FW_CAL_WEEKDAY, FW_CAL_SUN, FW_CAL_UK, 0},
    {"ноября", FW_CAL_MONTH, 11, FW_CAL_RU, 0},
    {"октября", FW_CAL_MONTH, 10, FW_CAL_RU, 0},
    {"п'ятниця", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_UK, 0},
    {"пʼятниця", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_UK, 0},
    {"понедельник", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_RU, 0},
    {"понеділок", FW_CAL_WEEKDAY, FW_CAL_MON, FW_CAL_UK, 0},
    {"пятница", FW_CAL_WEEKDAY, FW_CAL_FRI, FW_CAL_RU, 0},
    {"сентября", FW_CAL_MONTH, 9, FW_CAL_RU, 0},
    {"середа", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_UK, 0},
    {"серпня", FW_CAL_MONTH, 8, FW_CAL_UK, 0},
    {"среда", FW_CAL_WEEKDAY, FW_CAL_WED, FW_CAL_RU, 0},
    {"суббота", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_RU, 0},
    {"субота", FW_CAL_WEEKDAY, FW_CAL_SAT, FW_CAL_UK, 0},
    {"січня", FW_CAL_MONTH, 1, FW_CAL_UK, 0},
    {"травня", FW_CAL_MONTH, 5, FW_CAL_UK, 0},
    {"февраля", FW_CAL_MONTH, 2, FW_CAL_RU, 0},
    {"червня", FW_CAL_MONTH, 6, FW_CAL_UK, 0},
    {"четвер", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_UK, 0},
    {"четверг", FW_CAL_WEEKDAY, FW_CAL_THU, FW_CAL_RU, 0},
    {"января", FW_CAL_MONTH, 1, FW_CAL_RU, 0},
};

/* Every word of a text comes to fw_cal_name (fw_tdate), so the names are also
 * hashed: an open-addressed index of the table, built once. */
#define NAME_SLOTS 1024 /* a power of two, over four times the rows */
static short name_slot[NAME_SLOTS]; /* row + 1; 0 = empty */
static uint32_t name_first[32];     /* per language bit: the ASCII letters its names start with */
static pthread_once_t name_once = PTHREAD_ONCE_INIT;

static uint32_t name_hash(const char *w, size_t n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
    return h;
}

static void name_index(void)
{
    for (size_t r = 0; r < sizeof names / sizeof names[0]; r++) {
        uint32_t h = name_hash(names[r].w, strlen(names[r].w)) & (NAME_SLOTS - 1);
        while (name_slot[h]) h = (h + 1) & (NAME_SLOTS - 1);
        name_slot[h] = (short)(r + 1);
        unsigned char c = (unsigned char)names[r].w[0];
        for (int l = 0; l < 32; l++)
            if (names[r].langs & (1u << l)) name_first[l] |= c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 0;
    }
}

int fw_cal_name(const char *w, size_t n, unsigned langs, struct fw_cal_name *out)
{
    char low[32];
    if (n < 2 || n >= sizeof low) return 0; /* no name is shorter: "Fr", "mai" */
    pthread_once(&name_once, name_index);
    unsigned char c0 = (unsigned char)(w[0] >= 'A' && w[0] <= 'Z' ? w[0] | 0x20 : w[0]);
    if (c0 >= 'a' && c0 <= 'z') { /* most words of a text: no name of these languages starts so */
        uint32_t first = 0;
        for (unsigned b = langs; b; b &= b - 1) first |= name_first[__builtin_ctz(b)];
        if (!(first & (1u << (c0 - 'a')))) return 0;
    }
    uint32_t h = 2166136261u; /* name_hash, while folding */
    for (size_t i = 0; i < n; i++) {
        low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
        h = (h ^ (unsigned char)low[i]) * 16777619u;
    }
    low[n] = 0;
    for (h &= NAME_SLOTS - 1; name_slot[h]; h = (h + 1) & (NAME_SLOTS - 1)) {
        const struct row *r = &names[name_slot[h] - 1];
        if (r->w[0] != low[0] || strcmp(r->w, low)) continue;
        if (!(r->langs & langs)) return 0;
        *out = (struct fw_cal_name){(enum fw_cal_kind)r->kind, r->val, r->abbr};
        return 1;
    }
    return 0;
}

const char *fw_cal_wday_name(int wday)
{
    static const char *const en[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
    return wday >= 0 && wday < 7 ? en[wday] : NULL;
}

/* ---- time zones ---- */

/* RFC 822 zones, the North American ones without D/S that feeds use, the
 * military letters feedparser knows, and common abbreviations elsewhere. */
static const struct zone {
    const char *w;
    short min;
} zones[] = {
    {"a", -60},     {"acst", 570},  {"adt", -180},  {"aedt", 660},  {"aest", 600},  {"akdt", -480}, {"akst", -540},
    {"ast", -240},  {"at", -240},   {"awst", 480},  {"bst", 60},    {"cdt", -300},  {"cest", 120},  {"cet", 60},
    {"cst", -360},  {"ct", -360},   {"edt", -240},  {"eest", 180},  {"eet", 120},   {"est", -300},  {"et", -300},
    {"gmt", 0},     {"hkt", 480},   {"hst", -600},  {"ist", 330},   {"jst", 540},   {"kst", 540},   {"m", -720},
    {"mdt", -360},  {"mest", 120},  {"met", 60},    {"msk", 180},   {"mst", -420},  {"mt", -420},   {"n", 60},
    {"nzdt", 780},  {"nzst", 720},  {"pdt", -420},  {"pst", -480},  {"pt", -480},   {"sgt", 480},   {"ut", 0},
    {"utc", 0},     {"west", 60},   {"wet", 0},     {"y", 720},     {"z", 0},
};

static int zone_cmp(const void *k, const void *e)
{
    return strcmp(k, ((const struct zone *)e)->w);
}

int fw_cal_zone(const char *w, size_t n, int *minutes_east)
{
    char low[8];
    if (n == 0 || n >= sizeof low) return 0;
    for (size_t i = 0; i < n; i++) low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
    low[n] = 0;
    const struct zone *z = bsearch(low, zones, sizeof zones / sizeof zones[0], sizeof zones[0], zone_cmp);
    if (!z) return 0;
    *minutes_east = z->min;
    return 1;
}

static size_t run_digits(const char *p, const char *e)
{
    size_t n = 0;
    while (p + n < e && p[n] >= '0' && p[n] <= '9') n++;
    return n;
}

static int two(const char *p)
{
    return (p[0] - '0') * 10 + (p[1] - '0');
}

int fw_cal_offset(const char **pp, const char *e, int *minutes_east)
{
    const char *p = *pp;
    if (p >= e || (*p != '+' && *p != '-')) return 0;
    int sign = *p++ == '-' ? -1 : 1, h, m = 0;
    size_t n = run_digits(p, e);
    if (n == 4) {
        h = two(p), m = two(p + 2);
        p += 4;
    } else if (n == 1 || n == 2) {
        h = n == 1 ? p[0] - '0' : two(p);
        p += n;
        if (p < e && *p == ':') {
            if (run_digits(p + 1, e) < 2) return 0;
            m = two(p + 1);
            p += 3;
        }
    } else {
        return 0;
    }
    if (h > 23 || m > 59) return 0;
    *minutes_east = sign * (h * 60 + m);
    *pp = p;
    return 1;
}

int fw_cal_cet_offset(int64_t t)
{
    int64_t y = fw_cal_civil_from_days(fw_cal_days_of_epoch(t)).y;
    int64_t mar = fw_cal_days_from_civil(y, 3, 31), oct = fw_cal_days_from_civil(y, 10, 31);
    mar -= fw_cal_weekday(mar); /* the last Sundays */
    oct -= fw_cal_weekday(oct);
    return t >= mar * 86400 + 3600 && t < oct * 86400 + 3600 ? 120 : 60;
}
