/* fw_date: dates as feeds and web pages write them, to UTC epoch seconds.
 * Accepts RFC 822/1123 and its real-world variants (missing or obsolete zones,
 * no seconds, no weekday, full month names, two-digit years), RFC 3339,
 * W3CDTF and ISO 8601 (basic and extended, ordinal dates), asctime, Y/M/D
 * (Perforce), and the Greek, Hungarian and Korean forms feedparser reads.
 * A date without a zone is taken as UTC (Korean forms: KST). Names, zones and
 * day arithmetic are fw_cal's.
 * Owns nothing; pure functions. Thread: any. */
#ifndef FW_DATE_H
#define FW_DATE_H
#include <stddef.h>
#include <stdint.h>

/* s need not be NUL-terminated. Returns 0 and sets *epoch_out, or -1 if s is
 * not a date (out-of-range fields included); *epoch_out is then untouched. */
int fw_date_parse(const char *s, size_t n, int64_t *epoch_out);

/* "YYYY-MM-DDTHH:MM:SSZ" (years 0..9999; others are clamped). */
void fw_date_format_rfc3339(int64_t t, char out[32]);

#endif
