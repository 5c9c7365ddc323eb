#!/usr/bin/env python3
"""Benchmark of dedup + sink (bench_sink, in-process on the daemon's loop)
against peers doing the raw work on the same services in the same run:
redis-benchmark (pipelined GET, 2 per dedup check) and kcat -P (the same
number and size of messages, idempotent, acks=all, zstd). Prints figures and
ratios; no timed assertions. Skips (77) without services."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

BUILD = os.environ.get("FW_BUILD_DIR", "build")
N = int(os.environ.get("FW_BENCH_N", "20000"))
BROKERS = os.environ.get("FW_KAFKA_BROKERS")
RHOST, RPORT = os.environ.get("FW_REDIS_HOST"), os.environ.get("FW_REDIS_PORT")


def main():
    if not (BROKERS and RPORT):
        print("skipped: no services")
        return 77
    out = subprocess.run([os.path.join(BUILD, "tests", "bench_sink"), str(N), "1000"], capture_output=True,
                         text=True, timeout=600)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        return 1
    ours = json.loads(out.stdout.strip().splitlines()[-1])

    rb = subprocess.run(["redis-benchmark", "-h", RHOST, "-p", RPORT, "-n", str(2 * N), "-P", "16", "-q",
                         "-t", "get"], capture_output=True, text=True, timeout=300)
    m = re.search(r"GET: ([0-9.]+) requests per second", rb.stdout.replace("\r", "\n"))
    peer_get = float(m.group(1)) if m else float("nan")

    # kcat: the same messages (3 per article, article ~2.7 KB) as one batch
    topic = "fwbench.kcat.%d.%d" % (os.getpid(), int(time.time()))
    with tempfile.NamedTemporaryFile("w", delete=False) as f:
        body = " ".join("w%d" % i for i in range(400))
        for i in range(N):
            f.write("a%08d\t%s\n" % (i, body))
            f.write("a%08d-e0\t{\"cameo\":\"190\"}\n" % i)
            f.write("a%08d-e1\t{\"cameo\":\"042\"}\n" % i)
        path = f.name
    # warm-up: PID and topic metadata, outside the timing
    subprocess.run(["kcat", "-P", "-b", BROKERS, "-t", topic, "-X", "enable.idempotence=true"],
                   input="warm\n", text=True, capture_output=True, timeout=60)
    t0 = time.monotonic()
    with open(path) as stdin:  # a file argument would be one message: lines come from stdin
        kc = subprocess.run(["kcat", "-P", "-b", BROKERS, "-t", topic, "-K", "\t", "-X", "enable.idempotence=true",
                             "-X", "acks=all", "-X", "compression.type=zstd", "-X", "linger.ms=20"],
                            stdin=stdin, capture_output=True, text=True, timeout=600)
    kcat_s = time.monotonic() - t0
    os.unlink(path)
    peer_msgs = 3 * N / kcat_s if kc.returncode == 0 else float("nan")

    fig = dict(ours)
    fig["peer_redis_benchmark_get_per_s"] = peer_get
    fig["peer_checks_per_s"] = peer_get / 2
    fig["ratio_seen_checks_to_peer"] = round(ours["dedup_seen_checks_per_s"] / (peer_get / 2), 3)
    fig["peer_kcat_msgs_per_s"] = round(peer_msgs) if peer_msgs == peer_msgs else None
    fig["ratio_produce_to_peer"] = round(ours["produce_to_ack_msgs_per_s"] / peer_msgs, 3) if kc.returncode == 0 else None
    if kc.returncode != 0:
        sys.stderr.write(kc.stderr[-2000:])
    print(json.dumps(fig, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
