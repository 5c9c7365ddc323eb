/* fw_incident: one incident, one record. Coded events that report the same
 * happening (several sentences, articles or sites) are merged into one
 * incident with its best-known fields. This module is the pure part: the
 * compatibility decision between an incident and a new event, with its
 * explanation (which fields agreed, which conflicted), the merge that refines
 * an incident with a mention, the incident's compact text form (as the store
 * keeps it) and its JSON. fw_incident_store keeps incidents in Redis.
 *
 * The decision is conservative. Gates, all required: the same kind of
 * happening (the CAMEO root, or another root of its family, which costs a
 * point of the score: what was said, 01-05 and 10-13, or violence, 18-20;
 * other roots are a family each), the same modality class (happened: asserted or
 * reported; or not: planned, denied, hypothetical), compatible dates (each at
 * least month precision; a month-precision side is compatible with any day of
 * that month; two days must be equal, or one day apart when either was only
 * inferred from the lead, the paragraph or the publication). Then no field
 * may conflict: actors (CAMEO codes compatible when the 3-letter parts of
 * one occur in order in the other, "AFGIMGMUSISI" and "IMGMUSISI", "CHNGOV"
 * and "CHN", "---JUDGOVMIL" and "---GOV"; outside force (15-20), tried crossed
 * (source against target) when straight they conflict;
 * unknown parts "---" match anything; a country alone and a sector of an
 * unknown country, "USA" and "---SPY", are compatible), places (another
 * country, unless one was only guessed from the article's main country; two
 * towns more than FW_INCIDENT_NEAR_KM apart; an area, a country or a
 * province, is compatible with a town in its country), casualties and
 * quantities (far apart). And the agreement must score FW_INCIDENT_MIN_SCORE
 * with at least one strong agreement: 2 for each strong one, a specific
 * actor (six letters or more in common: "USAGOV", "IMGMUSISI") as source or
 * target, a casualty figure or quantity, two proper names shared by the
 * sentences (a point more for FW_INCIDENT_NAMES_MANY); 1 for each generic one, an actor ("GOV" of some country, "CHN"),
 * the same town or area, the same day as both texts date it. So two attacks the same day in the same province
 * stay two unless their actors, names or figures say they are one.
 * Thread: any (pure). */
#ifndef FW_INCIDENT_H
#define FW_INCIDENT_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_err.h"
#include "feedwire/fw_record.h"

#define FW_INCIDENT_SCHEMA "feedwire.incident"
#define FW_INCIDENT_ID_LEN 32
#define FW_INCIDENT_NEAR_KM 30.0 /* two towns closer than this can be one place */
#define FW_INCIDENT_MIN_SCORE 3  /* agreement a merge needs: 2 a field agreeing, 1 a generic one */
#define FW_INCIDENT_NAMES 16     /* names an incident keeps */
#define FW_INCIDENT_NAMES_AGREE 2 /* shared names that count as an agreement */
#define FW_INCIDENT_NAMES_MANY 4  /* shared names that count a point more */

/* The proper names of a mention's sentence (capitalized words that are not
 * function words, weekdays, months or its place's name), as case-folded
 * hashes: "Kurt Volker ... and Tim Morrison testified" and "Volker and
 * Morrison said" share two. */
struct fw_incident_names {
    uint32_t h[FW_INCIDENT_NAMES];
    int n;
};
/* sentence NULL-able; place: the event's place name, left out (NULL-able). */
void fw_incident_names_of(const char *sentence, const char *place, struct fw_incident_names *out);

/* Place levels, from the coder's fields: a place without an admin1 is an area
 * (a country or a province); with one, a town. A place the coder took from
 * the article's main country is FW_IPLACE_COUNTRY: a guess. */
enum fw_incident_place { FW_IPLACE_NONE = 0, FW_IPLACE_COUNTRY, FW_IPLACE_AREA, FW_IPLACE_TOWN };

/* An incident's best-known fields (what the decision compares and the store
 * keeps per incident; the mentions are kept apart). */
struct fw_incident {
    char id[FW_INCIDENT_ID_LEN + 1];
    char root[3];                 /* CAMEO root, "19" */
    char cameo[8], plover[16];    /* of its most precise mention */
    int happened;                 /* 1: asserted or reported; 0: planned, denied, hypothetical */
    struct fw_ymd date;
    enum fw_date_prec prec;
    int date_exact;               /* the date came from a mention's own text */
    char src[32], tgt[32];        /* CAMEO actor codes, the most specific seen; "" unknown */
    enum fw_incident_place place;
    char loc_name[96], loc_admin1[96], loc_cc2[3];
    double lat, lon;
    long killed, wounded, qty;    /* highest figures seen, -1 unknown */
    char qty_unit[32];
    char killed_by[33], wounded_by[33]; /* event id that gave the figure */
    struct fw_incident_names names; /* of its mentions, the first ones kept */
    long mentions;
    int64_t first_ms, last_ms;    /* wall clock of the first and last mention */
};

/* What the decision says about an event and an incident. */
struct fw_incident_verdict {
    int merge;    /* 1: the event reports this incident */
    int agree;    /* the agreement score: 2 per field agreeing, 1 per generic agreement */
    int conflict; /* a field conflicted (then merge = 0) */
    char why[160]; /* "root=19 date=ok- src=ok tgt=? place=~ figures=? names=? score=3 -> merge"
                    * (ok strong, ok- generic, ~ compatible, ? unknown, NO conflict), or the gate that
                    * failed */
};

/* Picking among candidates: the one that merges with the most agreements,
 * then the earliest incident, then the smallest id, whatever order they are
 * considered in (deterministic). Zero it, consider each candidate; tag is
 * the caller's (where the candidate came from). */
struct fw_incident_choice {
    int have;                                  /* a candidate merges: best */
    struct fw_incident best;
    size_t tag;
    struct fw_incident_verdict bestv, refused; /* refused: the refusal with the most agreements */
};
void fw_incident_choice_consider(struct fw_incident_choice *c, const struct fw_incident *cand, size_t tag,
                                 const struct fw_event *ev, const struct fw_incident_names *names);

/* The CAMEO root of a code ("190" -> "19"); "" if the code is empty. */
void fw_incident_root(const char *cameo, char out[3]);
/* 1 when two CAMEO actor codes can name the same actor (see above); "" and
 * "---" are unknown and compatible with anything. */
int fw_incident_actor_compat(const char *a, const char *b);
/* 1 when the event can be merged at all (it has a CAMEO code and a date of at
 * least month precision): others get an incident of their own. */
int fw_incident_mergeable(const struct fw_event *ev);
/* The decision (pure, deterministic); names: the event sentence's (NULL: none). */
void fw_incident_decide(const struct fw_incident *inc, const struct fw_event *ev, const struct fw_incident_names *names,
                        struct fw_incident_verdict *v);
/* Starts an incident from its first event; its id is derived from the event
 * id (stable: the same first mention makes the same incident). now_ms: wall
 * clock. */
void fw_incident_from_event(struct fw_incident *inc, const struct fw_event *ev, const struct fw_incident_names *names,
                            int64_t now_ms);
/* Refines inc with a new mention: the most precise date and place, the most
 * specific actors, the highest figures with the event that gave them.
 * Returns 1 when a best-known field changed (the record is republished
 * anyway: its mention count changed). */
int fw_incident_refine(struct fw_incident *inc, const struct fw_event *ev, const struct fw_incident_names *names,
                       int64_t now_ms);

/* The buckets an incident lives in and an event is compared in: the kind of
 * happening (the first CAMEO root of its family), the date and the place's
 * country, "18:2024-04-18:UZ" for a day, "18:2024-04:UZ" for a month, "--" for no place or one only guessed from
 * the article. fw_incident_bucket: the one bucket of an incident.
 * fw_incident_buckets: the buckets an event's candidates may live in (its day
 * and the days either side, its month; for a month: the month and each of
 * its days), placeless ones first, then its country's when it has a place;
 * returns how many, 0 for an event that is not mergeable. */
void fw_incident_bucket(const struct fw_incident *inc, char out[24]);
#define FW_INCIDENT_EVENT_BUCKETS 64
size_t fw_incident_buckets(const struct fw_event *ev, char out[FW_INCIDENT_EVENT_BUCKETS][24]);

/* The compact text form (tab-separated, one line) the store keeps, and its
 * reader: FW_E_PARSE on anything malformed (a store never trusts its data). */
void fw_incident_encode(const struct fw_incident *inc, struct fw_buf *out);
enum fw_err fw_incident_decode(const char *s, size_t n, struct fw_incident *inc);
/* 1 when the compact form s says at once that ev cannot merge with it (an
 * actor conflicts, as fw_incident_decide would find): the store skips
 * decoding it. 0 says nothing. */
int fw_incident_quick_reject(const char *s, size_t n, const struct fw_event *ev);

/* One mention of an incident. */
struct fw_incident_mention {
    const char *article_id, *event_id, *sentence;
};
/* Appends the incident message (schema feedwire.incident.v1) to out. */
void fw_incident_json(const struct fw_incident *inc, const struct fw_incident_mention *m, size_t nm,
                      struct fw_buf *out);

#endif
