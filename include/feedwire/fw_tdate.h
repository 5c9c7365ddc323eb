/* fw_tdate: finds date expressions in one sentence of English text and resolves
 * them to calendar dates with a precision: absolute ("on 5 July", "April 18, 2022",
 * "in March 2019", "2022-04-18", "18/04/2022"), relative to the publication date
 * ("yesterday", "last week", "on Monday", "earlier this month") and relative to the
 * previous dated event ("the next day", "two days later"). A date without a year
 * resolves into the past of the publication date, unless a schedule or a future
 * tense points ahead ("set for June 26", "will resume on June 26"). One pass, no allocation,
 * no locale. Thread: any (pure functions). */
#ifndef FW_TDATE_H
#define FW_TDATE_H
#include <stddef.h>

#include "feedwire/fw_cal.h"                /* struct fw_ymd */

struct fw_tdate { struct fw_ymd date; enum fw_date_prec prec; size_t start, end; /* byte offsets in s */ };

/* Finds the date expressions of one sentence and resolves each against the publication date `pub` and the
 * previous dated event `anchor` (prec NONE if none): "On April 18", "on 5 July", "in March 2019", "last week",
 * "yesterday", "on Monday", "the next day", "two days later", "earlier this month", ISO dates, "18/04/2022"...
 * A bare "April 18" after pub's date means last year; "scheduled for April 18", "will ... on April 18" the next
 * one. Returns count (<= max).
 * Phrases relative to the anchor fall back to pub when anchor_prec is FW_PREC_NONE. */
int fw_tdate_find(const char *s, size_t len, struct fw_ymd pub, struct fw_ymd anchor, enum fw_date_prec anchor_prec,
                  struct fw_tdate *out, int max);

#endif
