/* fw_pipe: the only module that knows the order of the stages. It owns one of
 * each (fetcher, scheduler with its store and metrics, Redis link, dedup,
 * coder, sink) and moves every feed item through them:
 *   scheduler -> fetch feed -> fw_feed_parse -> dedup (item) -> article fetch
 *   -> fw_extract -> dedup (content) -> fw_code_article -> incidents (when
 *   incident.enabled: one article at a time) -> fw_sink_publish
 *   -> Kafka ack -> dedup mark done.
 * The order and the hand-offs are daemon/pipe/fw_pipe.c, behind a seam of
 * stage calls (daemon/pipe/fw_pipe_int.h) that a unit test drives with fake
 * stages; the real stages and this lifecycle are daemon/pipe/fw_pipe_stages.c.
 * Backpressure and outages: a full spool or a lost Redis pauses the
 * scheduler; nothing is marked done before Kafka acknowledged it.
 * Thread: main (the loop's). */
#ifndef FW_PIPE_H
#define FW_PIPE_H
#include "feedwire/fw_conf.h"
#include "feedwire/fw_err.h"
#include "feedwire/fw_loop.h"

struct fw_pipe;
struct fw_metrics;
struct fw_notify;
struct fw_feedlist;

/* conf and feeds are copied/borrowed only during the call; metrics and notify
 * (both NULL-able) must outlive the pipe. Loads the coder's dictionaries and
 * opens the spool; connects nothing yet. */
enum fw_err fw_pipe_new(struct fw_loop *loop, const struct fw_conf *conf, const struct fw_feedlist *feeds,
                        struct fw_metrics *metrics, struct fw_notify *notify, struct fw_pipe **out, char *err,
                        size_t errsz);
void fw_pipe_free(struct fw_pipe *p);

/* Connects Redis and Kafka; polling starts (and systemd hears READY=1) once
 * both answered, or once Redis answered and Kafka has not for
 * FW_PIPE_KAFKA_GRACE_MS: then articles wait in the spool. */
#define FW_PIPE_KAFKA_GRACE_MS 10000
void fw_pipe_start(struct fw_pipe *p);
/* 1 while Redis is connected and a Kafka broker is up. */
int fw_pipe_ready(const struct fw_pipe *p);
/* SIGHUP: a new feed list (feeds kept keep their state and running polls; work
 * in flight goes on) and log settings; other changes wait for a restart.
 * In cluster mode (also the group's new lists), feeds that left go at once
 * and new ones are polled once their state was read from Redis. */
enum fw_err fw_pipe_reload(struct fw_pipe *p, const struct fw_conf *conf, const struct fw_feedlist *feeds, char *err,
                           size_t errsz);
/* Cluster mode (fw_cluster), a cooperative revoke: the feeds of `leaving`
 * start no new poll; the pipe waits, at most timeout_ms, for their running
 * polls and their items in flight (published and marked done in Redis, or
 * released), then writes their state to Redis and waits for Redis to confirm
 * it (at most the rest of timeout_ms, or 1 s when it ran out), then calls
 * done(arg) from the loop. Items still in flight at the deadline finish here
 * under their claims. A second handover replaces a pending one, whose done
 * is then never called (the owner has let it go). */
typedef void (*fw_pipe_handover_cb)(void *arg);
void fw_pipe_handover(struct fw_pipe *p, const struct fw_feedlist *leaving, uint64_t timeout_ms,
                      fw_pipe_handover_cb done, void *arg);
/* Cluster mode, a lost assignment: the feeds of `leaving` are another
 * daemon's now: no poll (running ones cancelled), their state never written
 * again. Their items in flight finish under their claims. */
void fw_pipe_forget(struct fw_pipe *p, const struct fw_feedlist *leaving);
/* SIGTERM: stop polling, wait for Kafka acknowledgements (at most
 * daemon.drain_timeout), then call cb. What is not acknowledged stays in the spool. */
void fw_pipe_drain(struct fw_pipe *p, fw_cb cb, void *arg);

#endif
