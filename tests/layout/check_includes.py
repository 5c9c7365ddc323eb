#!/usr/bin/env python3
"""Includes follow the data: a check of daemon/ and include/feedwire/.

Rooms (docs/internals/pipeline.md): core is shared infrastructure; the stages
in data order are poll -> feed -> extract -> code (with geo, its helper) ->
dedup -> sink; pipe and tools may include everything.
  1. a file includes a private header (*_int.h) of its own folder only;
  2. a stage includes no public header of a stage downstream of it;
  3. core includes no stage header at all.
A public header include/feedwire/fw_x.h belongs to the room of daemon/*/fw_x.c
(or of the module whose name it starts with); it obeys the rules of its room.

Usage: check_includes.py [SOURCE_DIR]   (exit 1 and one line per violation)
       check_includes.py --self-test    (the rules fire on a tree built to break them)"""
import os
import re
import sys
import tempfile

RANK = {"poll": 0, "feed": 1, "extract": 2, "geo": 3, "code": 3, "dedup": 4, "sink": 5}
FREE = {"pipe", "tools"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)

# Known exceptions, each with its way out (none now: the calendar module owns the
# date types the record needed from the coder).
ALLOWED = set()


def module_rooms(src):
    """fw_x -> room, from daemon/<room>/fw_x*.c."""
    rooms = {}
    base = os.path.join(src, "daemon")
    for room in sorted(os.listdir(base)):
        d = os.path.join(base, room)
        if not os.path.isdir(d):
            continue
        for f in os.listdir(d):
            if f.endswith(".c") and f.startswith("fw_"):
                rooms[f[:-2]] = room
    return rooms


def header_room(name, rooms):
    """Room of include/feedwire/<name>: the module of the same name, else the
    longest module name it extends (fw_sched_x.h -> fw_sched), else core."""
    mod = name[:-2]
    if mod in rooms:
        return rooms[mod]
    best = None
    for m, r in rooms.items():
        if mod.startswith(m + "_") and (best is None or len(m) > len(best[0])):
            best = (m, r)
    return best[1] if best else "core"


def violations(src):
    src = os.path.abspath(src)
    rooms = module_rooms(src)
    files = []
    for room in sorted(os.listdir(os.path.join(src, "daemon"))):
        d = os.path.join(src, "daemon", room)
        if os.path.isdir(d):
            files += [(os.path.join(d, f), room) for f in sorted(os.listdir(d)) if f.endswith((".c", ".h"))]
    inc = os.path.join(src, "include", "feedwire")
    files += [(os.path.join(inc, f), header_room(f, rooms)) for f in sorted(os.listdir(inc)) if f.endswith(".h")]
    bad = []
    for path, room in files:
        rel = os.path.relpath(path, src)
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for m in INCLUDE.finditer(text):
            target = m.group(1)
            line = text.count("\n", 0, m.start()) + 1
            if target.endswith("_int.h"):
                here = os.path.normpath(os.path.join(os.path.dirname(path), target))
                if os.path.dirname(here) != os.path.normpath(os.path.dirname(path)) or not os.path.exists(here):
                    bad.append("%s:%d: includes %s, a private header of another folder" % (rel, line, target))
                continue
            if not target.startswith("feedwire/fw_") or room in FREE:
                continue
            if (rel, "include/" + target) in ALLOWED:
                continue
            troom = header_room(os.path.basename(target), rooms)
            if troom == "core" or troom == room:
                continue
            if room == "core":
                bad.append("%s:%d: core includes %s of stage %s" % (rel, line, target, troom))
            elif troom in FREE:
                bad.append("%s:%d: stage %s includes %s of %s" % (rel, line, room, target, troom))
            elif room in RANK and RANK[troom] > RANK[room]:
                bad.append("%s:%d: stage %s includes %s of %s, downstream of it" % (rel, line, room, target, troom))
    return bad


def self_test():
    """Builds a small tree that breaks each rule once, and one that does not."""
    with tempfile.TemporaryDirectory() as t:
        def put(rel, text=""):
            p = os.path.join(t, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w") as f:
                f.write(text)
        for room, mod in (("core", "fw_buf"), ("poll", "fw_sched"), ("feed", "fw_feed"), ("sink", "fw_sink"),
                          ("code", "fw_code"), ("pipe", "fw_pipe")):
            put("daemon/%s/%s.c" % (room, mod), '#include "feedwire/%s.h"\n' % mod)
            put("include/feedwire/%s.h" % mod)
        put("daemon/code/fw_code_int.h")
        put("daemon/pipe/fw_pipe.c", '#include "feedwire/fw_sink.h"\n#include "feedwire/fw_sched.h"\n')
        put("daemon/sink/fw_sink.c", '#include "feedwire/fw_feed.h"\n#include "feedwire/fw_buf.h"\n')
        if violations(t):
            sys.exit("self-test: a clean tree was flagged: %s" % violations(t))
        put("daemon/poll/fw_sched.c", '#include "feedwire/fw_sink.h"\n')          # rule 2
        put("daemon/core/fw_buf.c", '#include "feedwire/fw_feed.h"\n')            # rule 3
        put("daemon/feed/fw_feed.c", '#include "../code/fw_code_int.h"\n')        # rule 1
        put("include/feedwire/fw_sched_store.h", '#include "feedwire/fw_code.h"\n')  # rule 2, a header
        got = violations(t)
        want = ["fw_sched.c:1", "fw_buf.c:1", "fw_feed.c:1", "fw_sched_store.h:1"]
        missing = [w for w in want if not any(w in g for g in got)]
        if missing or len(got) != len(want):
            sys.exit("self-test: want %s flagged, got %s" % (want, got))
    print("self-test: every rule fires, a clean tree passes")


def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return
    src = sys.argv[1] if len(sys.argv) > 1 else os.environ.get(
        "FW_SOURCE_DIR", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    bad = violations(src)
    for b in bad:
        print(b)
    if bad:
        sys.exit("%d include(s) against the direction of the data (docs/internals/pipeline.md)" % len(bad))
    print("includes follow the data: daemon/ and include/feedwire/ checked")


if __name__ == "__main__":
    main()
