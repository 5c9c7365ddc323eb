/* fw_redis: one asynchronous hiredis connection driven by fw_loop (its own
 * adapter: hiredis' addRead/delRead/addWrite/delWrite/cleanup map onto
 * fw_loop_watch). Owns the connection, the AUTH/SELECT handshake, reconnects
 * with capped exponential backoff, and a watchdog that drops the connection
 * when a reply is overdue (command timeout), which fails every pending
 * command. "Redis down" is logged once as a WARNING, recovery as a NOTICE;
 * status listeners tell users (dedup, the state store, readiness) about
 * both. Any module may send commands through fw_redis_command().
 * Thread: main (the loop's) only. */
#ifndef FW_REDIS_H
#define FW_REDIS_H
#include <stddef.h>

#include "feedwire/fw_err.h"

struct fw_loop;
struct fw_conf;
struct redisReply;
struct fw_redis;

/* reply is NULL when the command failed without an answer (connection lost,
 * timeout, shutdown); a Redis error reply arrives as type REDIS_REPLY_ERROR.
 * The reply is freed when the callback returns. */
typedef void (*fw_redis_cb)(struct fw_redis *r, struct redisReply *reply, void *arg);
/* up: 1 after a (re)connect completed its handshake, 0 when the link is lost. */
typedef void (*fw_redis_status_cb)(struct fw_redis *r, int up, void *arg);

/* Uses c->redis_host (a path starting with / = unix socket), redis_port,
 * redis_user, redis_password (resolved by fw_conf_finish), redis_db,
 * redis_timeout_ms (connect and command timeout) and redis_tls* (TLS with
 * certificate verification). c is borrowed only during the call. */
struct fw_redis *fw_redis_new(struct fw_loop *loop, const struct fw_conf *c);
/* Fails every pending command (callbacks get NULL) and closes. NULL ok. */
void fw_redis_free(struct fw_redis *r);

#define FW_REDIS_MAX_LISTENERS 8
/* Adds a listener (dedup, the state store, readiness...); -1 when full. */
int fw_redis_add_status_cb(struct fw_redis *r, fw_redis_status_cb cb, void *arg);
/* Starts connecting; reconnects by itself from then on. */
void fw_redis_start(struct fw_redis *r);
/* 1 when connected and the handshake (AUTH, SELECT) succeeded. */
int fw_redis_connected(const struct fw_redis *r);
/* Commands sent and not yet answered. */
size_t fw_redis_pending(const struct fw_redis *r);

/* Queues a command (hiredis format: %s, %b with pointer+size_t, %d...).
 * FW_OK: cb is called exactly once, later, from the loop (cb may be NULL).
 * FW_E_REDIS when not connected: cb is never called; retry after the status
 * callback said up. */
enum fw_err fw_redis_command(struct fw_redis *r, fw_redis_cb cb, void *arg, const char *fmt, ...);
enum fw_err fw_redis_command_argv(struct fw_redis *r, fw_redis_cb cb, void *arg, int argc, const char **argv,
                                  const size_t *argvlen);

/* One command on a blocking link of its own, before the loop runs (start-up
 * reads): same address, timeout and AUTH/SELECT handshake as the loop's link.
 * FW_OK: *out is the reply (free it with freeReplyObject); otherwise *out is
 * NULL and err says why (unreachable, refused, an error reply). */
enum fw_err fw_redis_command_blocking(struct fw_redis *r, struct redisReply **out, char *err, size_t errsz,
                                     const char *fmt, ...);

#endif
