"""Shared by the cluster test and benchmark: a fixture site on many loopback
hosts that logs every feed poll with the daemon that made it (its User-Agent),
and feedwired processes in cluster mode over the real broker and Redis."""
import datetime
import hashlib
import json
import os
import re
import select
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SRC = os.environ.get("FW_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
DAEMON = os.environ.get("FW_DAEMON", os.path.join(SRC, "build", "feedwired"))
TOOL = os.environ.get("FW_TOOL", os.path.join(SRC, "build", "feedwire"))
BROKERS = os.environ.get("FW_KAFKA_BROKERS")
REDIS_PORT = os.environ.get("FW_REDIS_PORT")
sys.path.insert(0, os.path.join(SRC, "tests", "fixtures"))
sys.path.insert(0, os.path.join(SRC, "tests", "pipe"))
from snapshot_server import generated  # noqa: E402  the generated articles of the e2e test
from e2e_pipeline import consume  # noqa: E402,F401  every message of a topic (kcat)


def services_or_skip():
    if BROKERS and REDIS_PORT:
        return
    if os.environ.get("FW_REQUIRE_SERVICES"):
        sys.exit("services required (FW_REQUIRE_SERVICES) but FW_KAFKA_BROKERS/FW_REDIS_PORT are unset")
    print("skipped: no services (run under scripts/test.sh)")
    sys.exit(77)


class Site:
    """Feeds /gen/feed-F.rss on hosts 127.0.0.1..127.0.0.H (one server per
    address, one port). A feed lists items(elapsed) articles. polls holds
    (time, feed, daemon) for every feed GET. With validators, a feed has an
    ETag (its body's hash; bump() changes every body without a new item) and
    answers 304 to a matching If-None-Match, after delay seconds; requests holds
    (time, feed, daemon, If-None-Match sent or None, ETag, status, answered)
    for every feed GET (answered False: the client hung up while it waited)."""

    def __init__(self, hosts, items=lambda elapsed: 1, validators=False):
        self.items = items
        self.validators = validators
        self.gen = 0
        self.delay = 0  # seconds before a feed is answered (validators only)
        self.t0 = time.time()
        self.polls = []
        self.requests = []
        self.lock = threading.Lock()
        self.servers = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, fmt, *args):
                pass

            def client_gone(self, seconds):
                """Waits seconds before answering; True when the client hung up meanwhile (its
                transfer cancelled: the answer would never reach it)."""
                r, _, _ = select.select([self.connection], [], [], seconds)
                try:
                    return bool(r) and self.connection.recv(1, socket.MSG_PEEK) == b""
                except OSError:
                    return True

            def do_GET(self):
                ua = self.headers.get("User-Agent", "")
                m = re.match(r"/gen/feed-(\d+)\.rss", self.path)
                path = self.path
                now = time.time()
                if m:
                    with site.lock:
                        site.polls.append((now, int(m.group(1)), ua.split()[-1] if ua else "?"))
                    path = "/gen/feed-%s.rss?n=%d" % (m.group(1), site.items(now - site.t0))
                body = generated(path, "http://%s" % self.headers.get("Host", "127.0.0.1"))
                if body is None:
                    self.send_error(404)
                    return
                etag, status = None, 200
                if m and site.validators:
                    body += b"<!-- generation %d -->" % site.gen
                    etag = '"%s"' % hashlib.sha1(body).hexdigest()[:16]
                    inm = self.headers.get("If-None-Match")
                    status = 304 if inm == etag else 200
                    gone = site.delay and self.client_gone(site.delay)
                    with site.lock:
                        site.requests.append((now, int(m.group(1)), ua.split()[-1] if ua else "?", inm, etag, status,
                                              not gone))
                    if gone:
                        self.close_connection = True
                        return
                self.send_response(status)
                self.send_header("Content-Type", "application/rss+xml" if m else "text/html; charset=utf-8")
                if etag:
                    self.send_header("ETag", etag)
                if status == 304:
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # a daemon killed mid-request resets its connection: expected here

        first = Server(("127.0.0.1", 0), Handler)
        self.port = first.server_address[1]
        self.servers.append(first)
        for h in range(2, hosts + 1):
            self.servers.append(Server(("127.0.0.%d" % h, self.port), Handler))
        for s in self.servers:
            s.daemon_threads = True
            threading.Thread(target=s.serve_forever, daemon=True).start()
        self.hosts = hosts

    def feed_lines(self, nfeeds):
        return ["http://127.0.0.%d:%d/gen/feed-%d.rss name=f%d" % (1 + f % self.hosts, self.port, f, f)
                for f in range(1, nfeeds + 1)]

    def host_of(self, feed):
        return 1 + feed % self.hosts

    def stop(self):
        for s in self.servers:
            s.shutdown()
            s.server_close()

    def window(self, t_from, t_to):
        """feed -> set of daemons that polled it in [t_from, t_to)."""
        owners = {}
        with self.lock:
            for t, f, d in self.polls:
                if t_from <= t < t_to:
                    owners.setdefault(f, set()).add(d)
        return owners

    def stable(self, members, nfeeds, interval_s):
        """1 when, over the last poll interval (plus jitter), every feed was
        polled by exactly one daemon, all feeds of a host by the same one, and
        every member polled some."""
        now = time.time()
        w = self.window(now - interval_s * 1.4, now)
        owners = set().union(*w.values()) if w else set()
        hosts = {}
        for f, d in w.items():
            hosts.setdefault(self.host_of(f), set()).update(d)
        # one daemon per host too: a new owner polls a feed when its last owner had it due, so
        # right after a move a window can hold each feed once, some by the old owner
        return (len(w) == nfeeds and owners == members and all(len(d) == 1 for d in w.values()) and
                all(len(d) == 1 for d in hosts.values()))

    def bump(self):
        """Every feed's body (and ETag) changes, with no new item."""
        self.gen += 1

    def requests_since(self, t_from):
        with self.lock:
            return [r for r in self.requests if r[0] >= t_from]

    def polls_since(self, t_from):
        with self.lock:
            return [p for p in self.polls if p[0] >= t_from]


class Cluster:
    """feedwired processes of one group, each with its own state dir and
    User-Agent ("... dN"), sharing Redis prefix, sink topics and feed topic."""

    def __init__(self, run_id, session_ms=6000, interval="10s", static=False):
        self.dir = tempfile.mkdtemp(prefix="fw-cluster-")
        self.run_id = run_id
        self.topic_feeds = "cl.%s.feeds" % run_id
        self.topic_a = "cl.%s.articles" % run_id
        self.session_ms = session_ms
        self.interval = interval
        self.procs = {}
        self.static = static  # cluster.instance_id = <run>-<name>: static membership
        self.conf = os.path.join(self.dir, "tool.conf")
        self.write_conf(self.conf, "tool")

    def write_conf(self, path, name):
        instance = "%s-%s" % (self.run_id, name) if self.static and name != "tool" else ""
        os.makedirs(os.path.join(self.dir, name, "state"), exist_ok=True)
        with open(path, "w") as f:
            f.write("""[log]
level = info
debug = %(debug)s
[daemon]
state_dir = %(dir)s/%(name)s/state
dict_dir = %(dict)s
drain_timeout = 3000
[schedule]
interval = %(interval)s
[fetch]
user_agent = feedwire-cluster-test %(name)s
allow_hosts = 127.0.0.0/8
host_delay = 50
max_host_transfers = 2
timeout = 10000
robots = no
[redis]
host = 127.0.0.1
port = %(redis)s
prefix = cl:%(run)s:
[sink]
topic_articles = %(ta)s
topic_events = cl.%(run)s.events
topic_dlq = cl.%(run)s.dlq
[metrics]
port = 0
per_feed = no
[cluster]
enabled = yes
topic = %(tf)s
group = cl.%(run)s
session_timeout = %(sess)d
claim_lease = 15000
instance_id = %(instance)s
partitions = 12
[kafka]
bootstrap.servers = %(brokers)s
""" % {"dir": self.dir, "name": name, "dict": os.path.join(SRC, "conf", "dict"), "interval": self.interval,
                "redis": REDIS_PORT, "run": self.run_id, "ta": self.topic_a, "tf": self.topic_feeds,
                "sess": self.session_ms, "brokers": BROKERS, "debug": os.environ.get("FW_CLUSTER_DEBUG", ""),
                "instance": instance})

    def import_feeds(self, lines):
        path = os.path.join(self.dir, "feeds.txt")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        out = subprocess.run([TOOL, "feeds", "import", "-c", self.conf, path], capture_output=True, text=True,
                             timeout=60)
        if out.returncode != 0:
            raise RuntimeError("feedwire feeds import failed: %s" % out.stderr)
        return out.stdout

    def owners(self):
        """feed number -> daemon name, as `feedwire feeds ls --owners` reads the group."""
        out = subprocess.run([TOOL, "feeds", "ls", "--owners", "-c", self.conf], capture_output=True, text=True,
                             timeout=60)
        if out.returncode != 0:
            raise RuntimeError("feedwire feeds ls --owners failed: %s" % out.stderr)
        by_pid = {str(p.pid): n for n, p in self.procs.items()}
        owners = {}
        for line in out.stdout.splitlines():
            key, _, owner, _ = line.split("\t", 3)
            if not re.fullmatch(r"f\d+", key):
                continue  # a record that is no feed of the site (the test writes bad ones)
            if owner.startswith(self.run_id + "-"):
                owners[int(key[1:])] = owner[len(self.run_id) + 1:]  # a static member: its instance id
            else:
                owners[int(key[1:])] = by_pid.get(owner.rsplit(":", 1)[-1], owner)
        return owners

    def start(self, name):
        conf = os.path.join(self.dir, name + ".conf")
        self.write_conf(conf, name)
        log = open(os.path.join(self.dir, name + ".log"), "a")  # a restart appends
        self.procs[name] = subprocess.Popen([DAEMON, "-c", conf], stdout=log, stderr=subprocess.STDOUT)
        log.close()
        return self.procs[name]

    def wait_or_dump(self, name, timeout):
        """Exit status of a stopping daemon; one still running after timeout has
        its threads' stacks written to NAME.stacks (gdb) and gets None."""
        try:
            return self.procs[name].wait(timeout)
        except subprocess.TimeoutExpired:
            with open(os.path.join(self.dir, name + ".stacks"), "w") as f:
                subprocess.run(["gdb", "-p", str(self.procs[name].pid), "-batch", "-ex", "thread apply all bt"],
                               stdout=f, stderr=subprocess.STDOUT, timeout=60)
            return None

    def log_lines(self, name, t_from, contains=""):
        """(time, line) of a daemon's log lines since t_from that contain a text."""
        out = []
        with open(os.path.join(self.dir, name + ".log"), errors="replace") as f:
            for line in f:
                m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+)Z ", line)
                if not m or contains not in line:
                    continue
                when = datetime.datetime.fromisoformat(m.group(1)).replace(tzinfo=datetime.timezone.utc).timestamp()
                if when >= t_from:
                    out.append((when, line))
        return out

    def assigned_since(self, names, t_from):
        """Times at which the named daemons were given partitions (not "none") since t_from."""
        return sorted(w for n in names for w, line in self.log_lines(n, t_from, "assigned partitions")
                      if re.search(r"assigned partitions \d", line))

    def alive(self):
        return {n: p for n, p in self.procs.items() if p.poll() is None}

    def cpu_seconds(self, name):
        """utime + stime of a running daemon, from /proc."""
        with open("/proc/%d/stat" % self.procs[name].pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop_all(self):
        for p in self.procs.values():
            if p.poll() is None:
                p.terminate()
        for n, p in self.procs.items():
            if self.wait_or_dump(n, 20) is None:
                p.kill()
                p.wait(10)


def partition_of(line, partitions):
    """The feed-topic partition of a feed line, as fw_cluster_partition_of: FNV-1a of its host."""
    host = re.match(r"https?://(?:[^/@]*@)?(\[[^\]]*\]|[^:/?#]*)", line).group(1).lower()
    h = 2166136261
    for b in host.encode():
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h % partitions


def article_of(value):
    """(feed, item) of an article message of the generated site."""
    m = re.search(r"/gen/art-(\d+)-(\d+)\.html", json.loads(value).get("url", ""))
    return (int(m.group(1)), int(m.group(2))) if m else None
