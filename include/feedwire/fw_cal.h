/* fw_cal: the calendar every date reader shares (feed dates fw_date, page
 * dates in fw_extract, text dates fw_tdate): month and weekday names in the
 * languages the extractor reads, the proleptic Gregorian civil-day arithmetic,
 * one weekday convention, and time zones (zone abbreviations, numeric offsets,
 * the EU summer-time rule). Owns nothing; pure functions over constant tables.
 * Thread: any. */
#ifndef FW_CAL_H
#define FW_CAL_H
#include <stddef.h>
#include <stdint.h>

/* A calendar day; m or d 0 = unknown (a month or a year). */
struct fw_ymd {
    int y, m, d;
};

/* How much of a date is known. */
enum fw_date_prec { FW_PREC_NONE = 0, FW_PREC_YEAR, FW_PREC_MONTH, FW_PREC_DAY };

/* The one weekday convention (that of struct tm's tm_wday): a weekday set is a
 * bit mask with bit FW_CAL_SUN.. FW_CAL_SAT. */
enum fw_cal_wday { FW_CAL_SUN, FW_CAL_MON, FW_CAL_TUE, FW_CAL_WED, FW_CAL_THU, FW_CAL_FRI, FW_CAL_SAT };

/* ---- civil days ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1..12, any day). */
int64_t fw_cal_days_from_civil(int64_t y, int m, int d);
/* The date of a day count (the inverse of fw_cal_days_from_civil). */
struct fw_ymd fw_cal_civil_from_days(int64_t days);
/* The weekday (enum fw_cal_wday) of a day count. */
int fw_cal_weekday(int64_t days);
/* Days since 1970-01-01 of a UTC instant (floor, also before 1970). */
int64_t fw_cal_days_of_epoch(int64_t t);
int fw_cal_is_leap(int64_t y);
/* Days in month m (1..12) of year y. */
int fw_cal_month_days(int64_t y, int m);
/* 1 if m is 1..12 and d a day of that month in y. */
int fw_cal_valid(int64_t y, int m, int d);

/* ---- names ---- */

/* Languages of the name table (a caller reads the ones it asks for). */
enum fw_cal_lang {
    FW_CAL_EN = 1u << 0,
    FW_CAL_DE = 1u << 1,
    FW_CAL_FR = 1u << 2,
    FW_CAL_ES = 1u << 3,
    FW_CAL_IT = 1u << 4,
    FW_CAL_RU = 1u << 5, /* genitive month names, as dates write them */
    FW_CAL_UK = 1u << 6,
    FW_CAL_PL = 1u << 7,
    FW_CAL_HU = 1u << 8,
    FW_CAL_EL = 1u << 9, /* abbreviations, accented and plain (feedparser's) */
    FW_CAL_PT = 1u << 10,
    FW_CAL_NL = 1u << 11,
    FW_CAL_RO = 1u << 12,
    FW_CAL_SV = 1u << 13,
    FW_CAL_DA = 1u << 14, /* and Norwegian where they agree */
    FW_CAL_CS = 1u << 15, /* genitive month names */
    FW_CAL_TR = 1u << 16,
};
#define FW_CAL_ALL 0x1ffffu

enum fw_cal_kind { FW_CAL_MONTH = 1, FW_CAL_WEEKDAY = 2 };

struct fw_cal_name {
    enum fw_cal_kind kind;
    int val;  /* month 1..12, or enum fw_cal_wday */
    int abbr; /* an abbreviation ("sat", "Dez"), not the full name */
};

/* Looks up the word w[0..n) (ASCII letters in any case; other bytes as
 * written) among the month and weekday names of the languages in langs.
 * 1 and *out, or 0. */
int fw_cal_name(const char *w, size_t n, unsigned langs, struct fw_cal_name *out);
/* The English name of a weekday, lower case ("sunday"); NULL if out of range. */
const char *fw_cal_wday_name(int wday);

/* ---- time zones ---- */

/* A zone abbreviation w[0..n) ("UTC", "EST", "CEST", RFC 822's military
 * letters), any case: 1 and its offset in minutes east of UTC, or 0. */
int fw_cal_zone(const char *w, size_t n, int *minutes_east);
/* A numeric offset at *pp ("+HH", "+HHMM", "+HH:MM", "-H"; *pp at the sign):
 * 1, its minutes east and *pp past it; 0 (nothing moved) if malformed. */
int fw_cal_offset(const char **pp, const char *e, int *minutes_east);
/* The offset in minutes of central European time at the UTC instant t
 * (seconds): 120 in EU summer time (from 01:00 UTC on the last Sunday of March
 * to 01:00 UTC on the last Sunday of October), else 60. */
int fw_cal_cet_offset(int64_t t);

#endif
