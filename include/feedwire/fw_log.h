/* fw_log: leveled logging with syslog priorities. Under systemd (stderr is the
 * journal stream, $JOURNAL_STREAM) it sends structured entries with
 * sd_journal_send: MESSAGE, PRIORITY, FW_STAGE and any extra FIELD=value pairs,
 * so `journalctl FW_FEED=csis` works. Elsewhere one readable line on stderr.
 * Debug output is enabled per stage (`log.debug = fetch,extract`).
 * Thread: any (one write per line). */
#ifndef FW_LOG_H
#define FW_LOG_H
#include <syslog.h>

/* level: a syslog priority (LOG_ERR..LOG_DEBUG); debug_stages: comma list or
 * "all", may be NULL; journal: -1 auto-detect, 0 never, 1 always. */
void fw_log_init(int level, const char *debug_stages, int journal);
int fw_log_level(void);
int fw_log_enabled(int prio, const char *stage);
/* Parses "debug|info|notice|warning|error"; returns -1 if unknown. */
int fw_log_parse_level(const char *s);

/* kv: NULL or a NULL-terminated list of field name, value pairs
 * ("FW_FEED", name, "FW_URL", url, NULL); NULL values are skipped. */
void fw_log_kv(int prio, const char *stage, const char *const *kv, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#define fw_log(prio, stage, ...) \
    do { if (fw_log_enabled((prio), (stage))) fw_log_kv((prio), (stage), NULL, __VA_ARGS__); } while (0)
#define fw_log_feed(prio, stage, feed, url, ...)                                              \
    do {                                                                                    \
        if (fw_log_enabled((prio), (stage))) {                                             \
            const char *const fw__kv[] = {"FW_FEED", (feed), "FW_URL", (url), NULL};       \
            fw_log_kv((prio), (stage), fw__kv, __VA_ARGS__);                                \
        }                                                                                   \
    } while (0)

#endif
