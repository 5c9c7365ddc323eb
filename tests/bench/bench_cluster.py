#!/usr/bin/env python3
"""Cluster mode (issue 15) on this machine: 1, 2 and 3 feedwired sharing 3,000
feeds (50 loopback hosts, 10 s interval, so 300 polls/s are asked for) through
the consumer group of the feed topic, with the real broker and Redis. Prints,
for each size, the polls/s the site served over a 30 s window once the group
settled and the CPU seconds the daemons spent per 1,000 polls; then, with 3
daemons, the time from a SIGKILL of one to the last of its feeds being polled
by another. Figures only: the daemons share 2 cores with the site, the broker
and Redis. Bounded: about 4 minutes."""
import os
import signal
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "poll"))
import cluster_lib as cl  # noqa: E402

FEEDS, HOSTS, INTERVAL_S, WINDOW_S, SESSION_MS = 3000, 50, 10, 30, 6000


def settle(site, c, members, timeout=90):
    deadline = time.time() + timeout
    while time.time() < deadline:
        time.sleep(2)
        if site.stable(members, FEEDS, INTERVAL_S):
            return time.time()
        for n in members:
            if c.procs[n].poll() is not None:
                sys.exit("%s died: see %s" % (n, c.dir))
    sys.exit("no stable assignment among %s within %d s (logs in %s)" % (sorted(members), timeout, c.dir))


def run(n, kill):
    site = cl.Site(HOSTS, items=lambda elapsed: 0)  # empty feeds: the poll path only
    c = cl.Cluster("b%d-%d" % (n, int(time.time() * 1000) % 10**9), session_ms=SESSION_MS,
                   interval="%ds" % INTERVAL_S)
    try:
        c.import_feeds(site.feed_lines(FEEDS))
        names = ["d%d" % (i + 1) for i in range(n)]
        for name in names:
            c.start(name)
        t_start = time.time()
        settle(site, c, set(names))
        cpu0 = sum(c.cpu_seconds(x) for x in names)
        t0 = time.time()
        time.sleep(WINDOW_S)
        t1 = time.time()
        cpu1 = sum(c.cpu_seconds(x) for x in names)
        polls = sum(1 for p in site.polls_since(t0) if p[0] < t1)
        rate = polls / (t1 - t0)
        print("%d daemon%s: %.1f polls/s (asked: %.0f/s), %.2f CPU s per 1,000 polls (all daemons), "
              "settled %.1f s after start" % (n, "" if n == 1 else "s", rate, FEEDS / INTERVAL_S,
                                              (cpu1 - cpu0) / polls * 1000 if polls else 0, t0 - t_start),
              flush=True)
        if kill:
            w = site.window(t1 - INTERVAL_S * 1.4, t1)
            victim = names[-1]
            orphans = {f for f, d in w.items() if victim in d}
            c.procs[victim].send_signal(signal.SIGKILL)
            c.procs[victim].wait(10)
            t_kill = time.time()
            taken = {}
            while len(taken) < len(orphans) and time.time() < t_kill + 60:
                time.sleep(0.5)
                for t, f, d in site.polls_since(t_kill):
                    if f in orphans and d != victim and f not in taken:
                        taken[f] = t - t_kill
            if len(taken) < len(orphans):
                print("SIGKILL: %d of %d orphaned feeds never polled again within 60 s (logs in %s)" % (
                    len(orphans) - len(taken), len(orphans), c.dir))
                return 1
            # the survivors take the partitions, then poll each feed when the killed daemon had it due
            assigned = c.assigned_since([x for x in names if x != victim], t_kill)
            print("SIGKILL of 1 of 3 daemons: its partitions reassigned %s s after the kill; its %d feeds polled "
                  "by the others, the first %.1f s and the last %.1f s after the kill (session timeout %.0f s, "
                  "poll interval %d s)" % ("/".join("%.1f" % (w - t_kill) for w in assigned) or "?", len(orphans),
                                           min(taken.values()), max(taken.values()), SESSION_MS / 1000, INTERVAL_S),
                  flush=True)
        return 0
    finally:
        c.stop_all()
        site.stop()


if __name__ == "__main__":
    cl.services_or_skip()
    rc = 0
    for n in (1, 2, 3):
        rc |= run(n, kill=(n == 3))
    sys.exit(rc)
