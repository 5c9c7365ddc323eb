/* fw_loop: the daemon's one event loop (epoll). Owns: fd watchers, timers in a
 * min-heap, signals via signalfd, and hooks run once per iteration before it
 * sleeps (batched fsync, queue draining). Everything that does I/O in the
 * daemon — curl multi, async hiredis, librdkafka's queue fd, the metrics
 * server — registers here. Nothing in a callback may block.
 * Thread: main only. */
#ifndef FW_LOOP_H
#define FW_LOOP_H
#include <stddef.h>
#include <stdint.h>

#define FW_READ 1u
#define FW_WRITE 2u

struct fw_loop;
typedef void (*fw_io_cb)(struct fw_loop *loop, int fd, unsigned events, void *arg);
typedef void (*fw_cb)(struct fw_loop *loop, void *arg);

/* A timer lives in the caller's struct; the loop only keeps a pointer while
 * it is armed. Stop it before freeing the memory. */
struct fw_timer {
    uint64_t due_ms;
    size_t heap_idx; /* 0 = not armed */
    fw_cb cb;
    void *arg;
};

uint64_t fw_now_ms(void);        /* CLOCK_MONOTONIC */
int64_t fw_wall_ms(void);        /* CLOCK_REALTIME */

struct fw_loop *fw_loop_new(void);
void fw_loop_free(struct fw_loop *loop);

/* Watch fd for events (FW_READ|FW_WRITE); calling again changes the events or
 * callback; events 0 = unwatch. Returns 0 or -1 (errno set). */
int fw_loop_watch(struct fw_loop *loop, int fd, unsigned events, fw_io_cb cb, void *arg);
void fw_loop_unwatch(struct fw_loop *loop, int fd);

void fw_timer_init(struct fw_timer *t, fw_cb cb, void *arg);
/* (Re)arms t to fire once after delay_ms. */
void fw_loop_timer_start(struct fw_loop *loop, struct fw_timer *t, uint64_t delay_ms);
void fw_loop_timer_stop(struct fw_loop *loop, struct fw_timer *t);
static inline int fw_timer_active(const struct fw_timer *t) { return t->heap_idx != 0; }

/* Blocks signo for the process and delivers it through the loop. */
int fw_loop_signal(struct fw_loop *loop, int signo, fw_cb cb, void *arg);

/* A hook runs once per iteration, after callbacks, before the loop sleeps. */
void fw_loop_hook(struct fw_loop *loop, fw_cb cb, void *arg);
/* Make the next iteration not sleep (a hook has more work). */
void fw_loop_wake(struct fw_loop *loop);

/* Runs until fw_loop_stop(). Returns 0, or -1 when epoll fails. */
int fw_loop_run(struct fw_loop *loop);
/* Runs at most one iteration, waiting up to max_wait_ms. */
int fw_loop_once(struct fw_loop *loop, int max_wait_ms);
void fw_loop_stop(struct fw_loop *loop);
/* Time the last iteration spent in callbacks (loop lag), ms. */
uint64_t fw_loop_last_busy_ms(const struct fw_loop *loop);

#endif
