#!/usr/bin/env python3
"""End-to-end throughput: fixture server -> feedwired (fetch, parse, extract, code,
dedup) -> Kafka acknowledgement, over the real services of scripts/services.sh.

Prints articles/s and events/s from the first poll to the last acknowledged
article (read back from the topic), the daemon's CPU seconds per 1,000 articles
and its peak RSS. Figures only: no timed assertion. Bounded: at most 300 s.
  FW_BENCH_FEEDS (20) x FW_BENCH_PER_FEED (50) articles.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

SRC = os.environ.get("FW_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
DAEMON = os.environ.get("FW_DAEMON", os.path.join(SRC, "build", "feedwired"))
BROKERS, REDIS_PORT = os.environ.get("FW_KAFKA_BROKERS"), os.environ.get("FW_REDIS_PORT")
FEEDS = int(os.environ.get("FW_BENCH_FEEDS", "20"))
PER = int(os.environ.get("FW_BENCH_PER_FEED", "50"))
N = FEEDS * PER


def count(topic):
    out = subprocess.run(["kcat", "-C", "-b", BROKERS, "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%k\n",
                          "-m", "10"], capture_output=True, text=True, timeout=60)
    return len(set(out.stdout.split()))


def proc_stat(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    hwm = 0
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    return cpu, hwm


def main():
    if not (BROKERS and REDIS_PORT):
        print("skipped: no services (scripts/bench.sh starts them)")
        return 77
    tmp = tempfile.mkdtemp(prefix="fw-bench-e2e-")
    portfile = os.path.join(tmp, "port")
    server = subprocess.Popen([sys.executable, os.path.join(SRC, "tests", "fixtures", "snapshot_server.py"),
                               "--port-file", portfile, "--max-seconds", "600"], stdout=subprocess.DEVNULL)
    daemon = None
    try:
        while not os.path.exists(portfile):
            time.sleep(0.05)
        port = int(open(portfile).read())
        run = "b%d" % int(time.time())
        with open(os.path.join(tmp, "feeds.txt"), "w") as f:
            for i in range(FEEDS):
                f.write("http://127.0.0.1:%d/gen/feed-%d.rss?n=%d name=bench%d\n" % (port, 100 + i, PER, i))
        conf = os.path.join(tmp, "feedwire.conf")
        with open(conf, "w") as f:
            f.write("[log]\nlevel = warning\n[daemon]\nfeeds_file = %s/feeds.txt\nstate_dir = %s/state\n"
                    "dict_dir = %s/conf/dict\n[schedule]\ninterval = 1h\n[fetch]\nallow_hosts = 127.0.0.1\n"
                    "host_delay = 0\nmax_host_transfers = 16\nmax_transfers = 16\n[redis]\nport = %s\n"
                    "prefix = %s:\n[sink]\ntopic_articles = %s.articles\ntopic_events = %s.events\n"
                    "topic_dlq = %s.dlq\n[metrics]\nport = 0\n[kafka]\nbootstrap.servers = %s\n" % (
                        tmp, tmp, SRC, REDIS_PORT, run, run, run, run, BROKERS))
        t0 = time.time()
        daemon = subprocess.Popen([DAEMON, "-c", conf], stderr=open(os.path.join(tmp, "daemon.log"), "w"))
        got, deadline = 0, t0 + 300
        while got < N and time.time() < deadline and daemon.poll() is None:
            time.sleep(0.5)
            got = count(run + ".articles")
        elapsed = time.time() - t0
        cpu, hwm = proc_stat(daemon.pid) if daemon.poll() is None else (0.0, 0)
        events = count(run + ".events")
        print("bench_e2e: %d feeds x %d articles on 127.0.0.1, real Redis and Kafka" % (FEEDS, PER))
        print("bench_e2e: %d/%d articles acknowledged in %.1f s (start-up, broker metadata and the "
              "first poll included)" % (got, N, elapsed))
        print("bench_e2e: %.1f articles/s, %.1f events/s, %d events" % (got / elapsed, events / elapsed, events))
        print("bench_e2e: daemon CPU %.2f s = %.2f CPU s per 1,000 articles; peak RSS %.1f MB" % (
            cpu, 1000 * cpu / max(got, 1), hwm / 1024))
        return 0 if got == N else 1
    finally:
        if daemon and daemon.poll() is None:
            daemon.terminate()
            daemon.wait(30)
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    sys.exit(main())
