#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <unistd.h>

#include "feedwire/fw_loop.h"

static int order[8], norder;

static void record(struct fw_loop *loop, void *arg)
{
    order[norder++] = (int)(intptr_t)arg;
}

static void test_timers_fire_in_due_order(void **state)
{
    struct fw_loop *loop = fw_loop_new();
    struct fw_timer t[4];
    norder = 0;
    for (int i = 0; i < 4; i++) fw_timer_init(&t[i], record, (void *)(intptr_t)i);
    /* due times far enough apart that a descheduled test process (a loaded CI machine, ASan)
     * cannot start one timer after the next one's due time */
    fw_loop_timer_start(loop, &t[0], 300);
    fw_loop_timer_start(loop, &t[1], 100);
    fw_loop_timer_start(loop, &t[2], 200);
    fw_loop_timer_start(loop, &t[3], 150);
    fw_loop_timer_stop(loop, &t[3]); /* cancelled: never fires */
    assert_false(fw_timer_active(&t[3]));
    uint64_t t0 = fw_now_ms();
    while (norder < 3 && fw_now_ms() - t0 < 5000) fw_loop_once(loop, 100);
    assert_int_equal(norder, 3);
    assert_int_equal(order[0], 1);
    assert_int_equal(order[1], 2);
    assert_int_equal(order[2], 0);
    assert_true(fw_now_ms() - t0 >= 290);
    fw_loop_free(loop);
}

static void on_readable(struct fw_loop *loop, int fd, unsigned ev, void *arg)
{
    char c;
    assert_true(ev & FW_READ);
    assert_int_equal(read(fd, &c, 1), 1);
    *(char *)arg = c;
    fw_loop_stop(loop);
}

static void test_fd_watch(void **state)
{
    struct fw_loop *loop = fw_loop_new();
    int p[2];
    assert_int_equal(pipe(p), 0);
    char got = 0;
    assert_int_equal(fw_loop_watch(loop, p[0], FW_READ, on_readable, &got), 0);
    assert_int_equal(write(p[1], "x", 1), 1);
    assert_int_equal(fw_loop_run(loop), 0);
    assert_int_equal(got, 'x');
    fw_loop_unwatch(loop, p[0]);
    /* unwatched: data pending but no callback */
    assert_int_equal(write(p[1], "y", 1), 1);
    got = 0;
    fw_loop_once(loop, 20);
    assert_int_equal(got, 0);
    close(p[0]);
    close(p[1]);
    fw_loop_free(loop);
}

static void on_sig(struct fw_loop *loop, void *arg)
{
    (*(int *)arg)++;
    fw_loop_stop(loop);
}

static int hooks_run;
static void hook(struct fw_loop *loop, void *arg)
{
    hooks_run++;
}

static void test_signal_and_hook(void **state)
{
    struct fw_loop *loop = fw_loop_new();
    int n = 0;
    assert_int_equal(fw_loop_signal(loop, SIGUSR1, on_sig, &n), 0);
    fw_loop_hook(loop, hook, NULL);
    raise(SIGUSR1); /* blocked: delivered through the signalfd */
    assert_int_equal(fw_loop_run(loop), 0);
    assert_int_equal(n, 1);
    assert_true(hooks_run >= 1);
    fw_loop_free(loop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timers_fire_in_due_order),
        cmocka_unit_test(test_fd_watch),
        cmocka_unit_test(test_signal_and_hook),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
