/* fw_spool: the sink's durable record of what was handed to Kafka and not yet
 * acknowledged. Append-only segment files in one directory
 * (seg-<n>.log); every record is [u32 payload length][u32 crc32][u8 type]
 * [u64 seq][payload]: a unit (payload = the caller's bytes) or an ack of a
 * unit's seq. Opening scans every segment, cuts a torn tail (kill -9 during a
 * write), and keeps the position of each unit without an ack so they can be
 * read back one by one (memory: 24 bytes per live unit, not its payload).
 * Segments are deleted oldest first once all their units are acked, so an
 * ack is never lost before its unit. fsync policy: always (every unit, on
 * the caller's thread), batch (fw_spool_sync, called once per loop
 * iteration, hands the fdatasync to a helper thread so the loop never waits
 * for the disk) or never. A kill -9 loses nothing under any policy (the page
 * cache survives the process); fsync is about power loss and kernel crashes.
 * Thread: one owner (the loop's), plus the helper thread under batch. */
#ifndef FW_SPOOL_H
#define FW_SPOOL_H
#include <stddef.h>
#include <stdint.h>

#include "feedwire/fw_buf.h"
#include "feedwire/fw_err.h"

#define FW_SPOOL_RECORD_MAX (64u << 20)

enum fw_spool_fsync { FW_SPOOL_FSYNC_ALWAYS, FW_SPOOL_FSYNC_BATCH, FW_SPOOL_FSYNC_NEVER };
/* "always|batch|never" -> policy; -1 if unknown. */
int fw_spool_parse_fsync(const char *s);

struct fw_spool;

struct fw_spool_stats {
    uint64_t bytes;        /* on disk, all segments */
    uint64_t live;         /* units without an ack */
    uint64_t live_bytes;   /* their payload bytes (acked records wait on disk until their segment goes) */
    uint64_t segments;
    uint64_t appended, acked, syncs;
    uint64_t torn_bytes;   /* cut from torn tails at open */
    uint64_t replayable;   /* live units found at open not yet read back */
    uint64_t lost;         /* live units that could not be read back (counted, logged) */
};

/* Opens (creating dir if needed) and scans. max_bytes: fw_spool_append
 * refuses units beyond it (acks are always written). */
enum fw_err fw_spool_open(const char *dir, uint64_t max_bytes, enum fw_spool_fsync policy, struct fw_spool **out,
                          char *err, size_t errsz);
/* Looks at a spool without changing anything (a daemon may be writing it):
 * segments, bytes, live units; a record being written counts as torn. */
enum fw_err fw_spool_stat(const char *dir, struct fw_spool_stats *st, char *err, size_t errsz);
/* Syncs (unless policy never) and closes. NULL ok. */
void fw_spool_close(struct fw_spool *sp);

/* Appends a unit; *seq identifies it for fw_spool_ack. FW_E_TOOBIG when it
 * would take the spool past max_bytes (or the unit is larger than
 * FW_SPOOL_RECORD_MAX), FW_E_IO on a write error. */
enum fw_err fw_spool_append(struct fw_spool *sp, const void *p, size_t n, uint64_t *seq, char *err, size_t errsz);
/* Records that a unit is done (acknowledged or given up for good). */
enum fw_err fw_spool_ack(struct fw_spool *sp, uint64_t seq, char *err, size_t errsz);

/* Reads the next unit that was live at open into out (replaced); returns 1,
 * or 0 when all were read. A record unreadable now is skipped and counted. */
int fw_spool_replay_next(struct fw_spool *sp, struct fw_buf *out, uint64_t *seq);

/* fsyncs pending writes (policy batch); cheap when nothing is pending. */
void fw_spool_sync(struct fw_spool *sp);
/* Bytes on disk, all segments (what spool_max bounds). */
uint64_t fw_spool_bytes(const struct fw_spool *sp);
/* Payload bytes of the units not acked yet: 0 once everything is acked,
 * though the segment holding them is reclaimed only later. */
uint64_t fw_spool_live_bytes(const struct fw_spool *sp);
void fw_spool_get_stats(const struct fw_spool *sp, struct fw_spool_stats *st);

#endif
