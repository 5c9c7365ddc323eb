/* fw_feedlist: the list of feeds to poll, read from a text file (one feed per
 * line: `URL [name=NAME] [interval=DURATION] [id=guid|link|hash]`, `#`
 * comments) or an OPML file (every <outline> with an xmlUrl). Owns the parsed
 * entries; does no I/O beyond reading the file. Thread: any, one owner. */
#ifndef FW_FEEDLIST_H
#define FW_FEEDLIST_H
#include <stddef.h>

#include "feedwire/fw_err.h"

/* What identifies an entry of the feed for dedup: its guid/id (falling back as
 * the feed stage sees fit), its link, or a hash of its content. */
enum fw_feed_idkind { FW_FEED_ID_GUID, FW_FEED_ID_LINK, FW_FEED_ID_HASH };

struct fw_feedlist_entry {
    char *url;                /* http or https */
    char *name;               /* [A-Za-z0-9._-]+, unique; NULL when not given */
    long interval_s;          /* 0 = schedule.interval */
    enum fw_feed_idkind idkind;
    int line;                 /* line in the source file */
};

struct fw_feedlist {
    struct fw_feedlist_entry *v;
    size_t n;
};

/* Parses a text or OPML feed list held in (p, n); `origin` names it in errors
 * ("file:line: message"). Stops at the first error. On success *out is the
 * caller's (free with fw_feedlist_free). Duplicate URLs or names are errors. */
enum fw_err fw_feedlist_parse(const char *p, size_t n, const char *origin, struct fw_feedlist **out, char *err,
                              size_t errsz);
/* Reads and parses the file at path (at most 16 MiB). */
enum fw_err fw_feedlist_load(const char *path, struct fw_feedlist **out, char *err, size_t errsz);
void fw_feedlist_free(struct fw_feedlist *fl);
/* A deep copy, the caller's. */
struct fw_feedlist *fw_feedlist_copy(const struct fw_feedlist *fl);

/* The key that identifies the feed in stored state: its name, or its URL as
 * listed (not the URL after a permanent redirect). */
const char *fw_feedlist_key(const struct fw_feedlist_entry *e);

/* Parses "90", "90s", "15m", "2h", "1d" into seconds; -1 when malformed. */
long fw_parse_duration_s(const char *s);
const char *fw_feed_idkind_str(enum fw_feed_idkind k);

#endif
