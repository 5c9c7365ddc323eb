/* fw_statedir: daemon.state_dir, the daemon's own folder, and every path in
 * it, built here and only here:
 *
 *   <state_dir>/                  made by systemd (StateDirectory=) or, mode 0700, by the daemon
 *   <state_dir>/feeds/            the scheduler's per-feed state, one file <hash of key>.state
 *                                 per feed (fw_sched_filestore): a mirror of Redis P"feeds" so
 *                                 `feedwire feeds` works without Redis and a Redis that lost its
 *                                 data causes no refetch storm
 *   <state_dir>/spool/            the sink's spool (fw_spool): seg-<n>.log segments of units
 *                                 not yet acknowledged by Kafka and recorded in dedup
 *
 * The path of state_dir itself also names this daemon as the owner of its
 * dedup claims (fw_dedup): two daemons never share a state_dir.
 * docs/internals/keys-and-files.md has the same table for operators.
 * Thread: any. */
#ifndef FW_STATEDIR_H
#define FW_STATEDIR_H
#include <stddef.h>

#include "feedwire/fw_err.h"

enum fw_statedir_entry {
    FW_STATEDIR_FEEDS, /* feeds/ */
    FW_STATEDIR_SPOOL, /* spool/ */
};

/* Creates state_dir (0700) when missing; its parent must exist. */
enum fw_err fw_statedir_make(const char *state_dir, char *err, size_t errsz);
/* Writes the path of entry e under state_dir into out; FW_E_TOOBIG when it
 * does not fit in n bytes. */
enum fw_err fw_statedir_path(const char *state_dir, enum fw_statedir_entry e, char *out, size_t n, char *err,
                             size_t errsz);

#endif
