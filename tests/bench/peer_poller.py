#!/usr/bin/env python3
"""Peer for bench_sched: the same job done the plain Python way — a pool of
32 threads, each with its own keep-alive http.client connection, polling the
fixture server's /bench/<i>.xml feeds round-robin with conditional GETs
(If-None-Match from the previous answer). Prints one line of figures:
  PEER polls=<n> seconds=<s> cpu=<cpu seconds of this process>
Usage: peer_poller.py PORT NFEEDS SECONDS
"""
import http.client
import resource
import sys
import threading
import time


def main():
    port, nfeeds, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    etags = {}
    lock = threading.Lock()
    counter = [0, 0]  # next feed, polls done
    deadline = time.monotonic() + seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline:
            with lock:
                i = counter[0] % nfeeds
                counter[0] += 1
            path = "/bench/%d.xml" % i
            headers = {"User-Agent": "peer-poller", "Accept-Encoding": "identity"}
            if path in etags:
                headers["If-None-Match"] = etags[path]
            conn.request("GET", path, headers=headers)
            resp = resp_body = None
            resp = conn.getresponse()
            resp_body = resp.read()
            if resp.status == 200 and resp.getheader("ETag"):
                etags[path] = resp.getheader("ETag")
            with lock:
                counter[1] += 1
            del resp_body
        conn.close()

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print("PEER polls=%d seconds=%.2f cpu=%.3f" % (counter[1], time.monotonic() - t0, ru.ru_utime + ru.ru_stime),
          flush=True)


if __name__ == "__main__":
    main()
