/* fw_robots: robots.txt rules for one host (RFC 9309 subset): the group whose
 * user-agent token matches ours (else the `*` group), its Allow/Disallow
 * patterns with `*` and `$`, longest match wins, Allow wins a tie. Pure: the
 * scheduler fetches and caches the file per origin (scheme, host, port).
 * Thread: any, one owner. */
#ifndef FW_ROBOTS_H
#define FW_ROBOTS_H
#include <stddef.h>

struct fw_robots;

/* Parses robots.txt text for the agent token (e.g. "feedwire"); parses at most
 * the first 512 KiB. Never fails: unknown lines are ignored. */
struct fw_robots *fw_robots_parse(const char *p, size_t n, const char *agent);
/* Rules that allow everything (robots.txt missing: 4xx) or nothing
 * (unreachable: 5xx, per RFC 9309 2.3.1.4). */
struct fw_robots *fw_robots_new_all(int allow);
void fw_robots_free(struct fw_robots *r);

/* 1 when path (with query, starting with '/') may be fetched. */
int fw_robots_allowed(const struct fw_robots *r, const char *path);
size_t fw_robots_nrules(const struct fw_robots *r);

#endif
