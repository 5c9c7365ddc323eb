#include "feedwire/fw_loop.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "feedwire/fw_buf.h"

struct watch {
    fw_io_cb cb;
    void *arg;
    unsigned events;
};

struct sigwatch {
    int signo;
    fw_cb cb;
    void *arg;
};

struct hook {
    fw_cb cb;
    void *arg;
};

struct fw_loop {
    int ep;
    struct watch *w;
    size_t nw;
    struct fw_timer **heap; /* 1-based min-heap on due_ms */
    size_t nheap, capheap;
    int sigfd;
    sigset_t sigs;
    struct sigwatch sig[16];
    int nsig;
    struct hook hooks[16];
    int nhooks;
    int stop, woken;
    uint64_t busy_ms;
};

uint64_t fw_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int64_t fw_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct fw_loop *fw_loop_new(void)
{
    struct fw_loop *loop = fw_xcalloc(1, sizeof *loop);
    loop->ep = epoll_create1(EPOLL_CLOEXEC);
    loop->sigfd = -1;
    sigemptyset(&loop->sigs);
    if (loop->ep < 0) {
        free(loop);
        return NULL;
    }
    return loop;
}

void fw_loop_free(struct fw_loop *loop)
{
    if (!loop) return;
    if (loop->sigfd >= 0) close(loop->sigfd);
    if (loop->nsig) sigprocmask(SIG_UNBLOCK, &loop->sigs, NULL);
    close(loop->ep);
    for (size_t i = 1; i <= loop->nheap; i++) loop->heap[i]->heap_idx = 0;
    free(loop->heap);
    free(loop->w);
    free(loop);
}

int fw_loop_watch(struct fw_loop *loop, int fd, unsigned events, fw_io_cb cb, void *arg)
{
    if (fd < 0) return errno = EBADF, -1;
    if (!events) {
        fw_loop_unwatch(loop, fd);
        return 0;
    }
    if ((size_t)fd >= loop->nw) {
        size_t n = loop->nw ? loop->nw : 64;
        while (n <= (size_t)fd) n *= 2;
        loop->w = fw_xrealloc(loop->w, n * sizeof *loop->w);
        memset(loop->w + loop->nw, 0, (n - loop->nw) * sizeof *loop->w);
        loop->nw = n;
    }
    struct epoll_event ev = {.data.fd = fd};
    if (events & FW_READ) ev.events |= EPOLLIN;
    if (events & FW_WRITE) ev.events |= EPOLLOUT;
    int op = loop->w[fd].events ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    if (epoll_ctl(loop->ep, op, fd, &ev) != 0) {
        /* the fd may have been closed and reused behind our back */
        if (op == EPOLL_CTL_MOD && errno == ENOENT) op = EPOLL_CTL_ADD;
        else if (op == EPOLL_CTL_ADD && errno == EEXIST) op = EPOLL_CTL_MOD;
        else return -1;
        if (epoll_ctl(loop->ep, op, fd, &ev) != 0) return -1;
    }
    loop->w[fd] = (struct watch){cb, arg, events};
    return 0;
}

void fw_loop_unwatch(struct fw_loop *loop, int fd)
{
    if (fd < 0 || (size_t)fd >= loop->nw || !loop->w[fd].events) return;
    epoll_ctl(loop->ep, EPOLL_CTL_DEL, fd, NULL);
    loop->w[fd] = (struct watch){0};
}

void fw_timer_init(struct fw_timer *t, fw_cb cb, void *arg)
{
    *t = (struct fw_timer){.cb = cb, .arg = arg};
}

static void heap_swap(struct fw_loop *l, size_t a, size_t b)
{
    struct fw_timer *t = l->heap[a];
    l->heap[a] = l->heap[b];
    l->heap[b] = t;
    l->heap[a]->heap_idx = a;
    l->heap[b]->heap_idx = b;
}

static void heap_up(struct fw_loop *l, size_t i)
{
    while (i > 1 && l->heap[i / 2]->due_ms > l->heap[i]->due_ms) {
        heap_swap(l, i, i / 2);
        i /= 2;
    }
}

static void heap_down(struct fw_loop *l, size_t i)
{
    for (;;) {
        size_t m = i, a = 2 * i, b = 2 * i + 1;
        if (a <= l->nheap && l->heap[a]->due_ms < l->heap[m]->due_ms) m = a;
        if (b <= l->nheap && l->heap[b]->due_ms < l->heap[m]->due_ms) m = b;
        if (m == i) return;
        heap_swap(l, i, m);
        i = m;
    }
}

void fw_loop_timer_stop(struct fw_loop *loop, struct fw_timer *t)
{
    size_t i = t->heap_idx;
    if (!i) return;
    heap_swap(loop, i, loop->nheap);
    loop->nheap--;
    t->heap_idx = 0;
    if (i <= loop->nheap) {
        heap_up(loop, i);
        heap_down(loop, i);
    }
}

void fw_loop_timer_start(struct fw_loop *loop, struct fw_timer *t, uint64_t delay_ms)
{
    fw_loop_timer_stop(loop, t);
    t->due_ms = fw_now_ms() + delay_ms;
    if (loop->nheap + 2 > loop->capheap) {
        loop->capheap = loop->capheap ? loop->capheap * 2 : 64;
        loop->heap = fw_xrealloc(loop->heap, loop->capheap * sizeof *loop->heap);
    }
    loop->heap[++loop->nheap] = t;
    t->heap_idx = loop->nheap;
    heap_up(loop, loop->nheap);
}

static void on_signal(struct fw_loop *loop, int fd, unsigned events, void *arg)
{
    struct signalfd_siginfo si;
    while (read(fd, &si, sizeof si) == (ssize_t)sizeof si) {
        for (int i = 0; i < loop->nsig; i++)
            if (loop->sig[i].signo == (int)si.ssi_signo) loop->sig[i].cb(loop, loop->sig[i].arg);
    }
}

int fw_loop_signal(struct fw_loop *loop, int signo, fw_cb cb, void *arg)
{
    if (loop->nsig >= (int)(sizeof loop->sig / sizeof loop->sig[0])) return errno = ENOSPC, -1;
    sigaddset(&loop->sigs, signo);
    if (sigprocmask(SIG_BLOCK, &loop->sigs, NULL) != 0) return -1;
    int fd = signalfd(loop->sigfd, &loop->sigs, SFD_NONBLOCK | SFD_CLOEXEC);
    if (fd < 0) return -1;
    if (loop->sigfd < 0) {
        loop->sigfd = fd;
        if (fw_loop_watch(loop, fd, FW_READ, on_signal, NULL) != 0) return -1;
    }
    loop->sig[loop->nsig++] = (struct sigwatch){signo, cb, arg};
    return 0;
}

void fw_loop_hook(struct fw_loop *loop, fw_cb cb, void *arg)
{
    if (loop->nhooks < (int)(sizeof loop->hooks / sizeof loop->hooks[0]))
        loop->hooks[loop->nhooks++] = (struct hook){cb, arg};
}

void fw_loop_wake(struct fw_loop *loop)
{
    loop->woken = 1;
}

void fw_loop_stop(struct fw_loop *loop)
{
    loop->stop = 1;
}

uint64_t fw_loop_last_busy_ms(const struct fw_loop *loop)
{
    return loop->busy_ms;
}

int fw_loop_once(struct fw_loop *loop, int max_wait_ms)
{
    int timeout = max_wait_ms;
    if (loop->woken) timeout = 0;
    else if (loop->nheap) {
        uint64_t now = fw_now_ms(), due = loop->heap[1]->due_ms;
        int t = due <= now ? 0 : (due - now > 3600000u ? 3600000 : (int)(due - now));
        if (timeout < 0 || t < timeout) timeout = t;
    }
    loop->woken = 0;
    struct epoll_event evs[64];
    int n = epoll_wait(loop->ep, evs, 64, timeout);
    if (n < 0) {
        if (errno == EINTR) return 0;
        return -1;
    }
    uint64_t t0 = fw_now_ms();
    for (int i = 0; i < n; i++) {
        int fd = evs[i].data.fd;
        if ((size_t)fd >= loop->nw || !loop->w[fd].events) continue; /* unwatched by an earlier callback */
        unsigned e = 0;
        if (evs[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) e |= FW_READ;
        if (evs[i].events & (EPOLLOUT | EPOLLHUP | EPOLLERR)) e |= FW_WRITE;
        e &= loop->w[fd].events ? loop->w[fd].events | FW_READ : 0;
        struct watch w = loop->w[fd];
        if (e && w.cb) w.cb(loop, fd, e, w.arg);
    }
    /* Timers due now; a timer re-armed by its own callback waits for the next turn. */
    uint64_t now = fw_now_ms();
    size_t budget = loop->nheap;
    while (loop->nheap && loop->heap[1]->due_ms <= now && budget--) {
        struct fw_timer *t = loop->heap[1];
        fw_loop_timer_stop(loop, t);
        t->cb(loop, t->arg);
    }
    for (int i = 0; i < loop->nhooks; i++) loop->hooks[i].cb(loop, loop->hooks[i].arg);
    loop->busy_ms = fw_now_ms() - t0;
    return 0;
}

int fw_loop_run(struct fw_loop *loop)
{
    loop->stop = 0;
    while (!loop->stop)
        if (fw_loop_once(loop, -1) != 0) return -1;
    return 0;
}
