#!/usr/bin/env python3
"""Feed parser conformance over ../shared/corpus (label corpus).

Runs `feedwire feed --json` on every feed of three datasets and scores it:

* feedparser-tests: each `Expect:` line is a Python expression over
  feedparser's result. It is split at top-level `and` into checks; a check is
  *mappable* when every name and key path it reads exists in feedwire's model
  (MAPPABLE below: title/link/links/summary/content/dates/authors/tags/
  enclosures/id/bozo/encoding/version...). Those are evaluated against a
  feedparser-shaped view built from our JSON. Unmappable ones (feedparser-only
  keys: *_detail base/language/type, contributors, source, itunes_*, geo,
  psc, raw date strings, HTTP etag/modified, bozo_exception classes) are
  counted and listed apart, not scored. `Header: Content-type` lines become
  --content-type; files with Header lines get the upstream runner's URL.
* gofeed-testdata/translator: the expected universal model, field by field
  where it maps onto ours.
* feed-rs-fixtures: entry count, and per entry title, link and dates.

Prints pass rates per dataset and field, and fails if one drops below its
floor in feed_floors.json (floors only go up).
"""
import ast
import calendar
import concurrent.futures as cf
import html
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse

TOOL = os.environ.get("FW_TOOL")
CORPUS = os.environ.get("FW_CORPUS_DIR")
HERE = os.path.dirname(os.path.abspath(__file__))
FLOORS = os.path.join(HERE, "feed_floors.json")


def run_tool(path, url=None, ctype=None):
    cmd = [TOOL, "feed", "--json"]
    if url:
        cmd += ["--url", url]
    if ctype:
        cmd += ["--content-type", ctype]
    cmd.append(path)
    p = subprocess.run(cmd, capture_output=True, timeout=30)
    if p.returncode > 1:
        return {"crash": p.returncode, "stderr": p.stderr.decode("utf-8", "replace")}
    try:
        return json.loads(p.stdout)
    except ValueError:
        return {"crash": "bad json"}


# ---- feedparser view of our model ----

class FPDict(dict):
    """feedparser's FeedParserDict: keys also as attributes."""

    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k)


def _gm(s):
    if not s:
        return None
    return time.gmtime(calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ")))


def _author_str(a):
    name, email = a.get("name"), a.get("email")
    if name and email:
        return "%s (%s)" % (name, email)
    return name or email


def _person(a):
    d = FPDict()
    for k, v in (("name", a.get("name")), ("email", a.get("email")), ("href", a.get("uri")), ("url", a.get("uri"))):
        if v is not None:
            d[k] = v
    return d


def _common(src, dst):
    if "title" in src:
        dst["title"] = src["title"]
        dst["title_detail"] = FPDict(value=src["title"])
    if "link" in src:
        dst["link"] = src["link"]
    dst["links"] = [FPDict({k: str(v) if k == "length" else v for k, v in l.items()}) for l in src.get("links", [])]
    if src.get("authors"):
        a = src["authors"][0]
        if _author_str(a):
            dst["author"] = _author_str(a)
        dst["author_detail"] = _person(a)
    if src.get("authors"):
        dst["authors"] = [_person(a) for a in src["authors"]]
    if src.get("categories"):
        dst["tags"] = [FPDict(term=t) for t in src["categories"]]
    for k in ("updated", "published"):
        if src.get(k):
            dst[k + "_parsed"] = _gm(src[k])


def fp_view(out):
    f = out.get("feed", {})
    feed = FPDict()
    _common(f, feed)
    if "updated_parsed" not in feed and "published_parsed" in feed:
        feed["updated_parsed"] = feed["published_parsed"]
    for k in ("subtitle", "tagline", "description", "info"):
        if "description" in f:
            feed[k] = f["description"]
            feed[k + "_detail"] = FPDict(value=f["description"])
    for k in ("copyright", "rights"):
        if "rights" in f:
            feed[k] = f["rights"]
            feed[k + "_detail"] = FPDict(value=f["rights"])
    for k in ("language", "generator", "id", "icon"):
        if k in f:
            feed[k] = f[k]
    if "image" in f:
        feed["image"] = FPDict(href=f["image"])
    if "ttl" in f:
        feed["ttl"] = str(f["ttl"])
    entries = []
    for e in out.get("entries", []):
        d = FPDict()
        _common(e, d)
        if "updated_parsed" not in d and "published_parsed" in d:
            d["updated_parsed"] = d["published_parsed"]
        if "id" in e and not e.get("id_derived"):
            d["id"] = e["id"]
        summary = e.get("summary", e.get("content"))
        if summary is not None:
            d["summary"] = d["description"] = summary
            d["summary_detail"] = FPDict(value=summary)
        if "content" in e:
            d["content"] = [FPDict(value=e["content"], type=e.get("content_type"))]
        d["enclosures"] = [FPDict(href=x.get("href"), type=x.get("type"), length=str(x["length"]) if "length" in x else None)
                           for x in e.get("enclosures", [])]
        if "comments" in e:
            d["comments"] = e["comments"]
        entries.append(d)
    return {"feed": feed, "entries": entries, "bozo": 1 if out.get("bozo") else 0,
            "encoding": out.get("encoding"), "version": out.get("version")}


COMMON = {"title", "title_detail.value", "link", "links.href", "links.rel", "links.type", "links.title",
          "links.length", "author", "author_detail.name", "author_detail.email", "author_detail.href",
          "tags.term", "updated_parsed", "published_parsed", "authors.name", "authors.email", "authors.href",
          "authors.url", "author_detail.url"}
MAPPABLE = {
    "feed": COMMON | {"subtitle", "tagline", "description", "info", "subtitle_detail.value",
                      "tagline_detail.value", "info_detail.value", "copyright", "rights",
                      "copyright_detail.value", "rights_detail.value", "language", "generator", "id",
                      "image.href", "icon", "ttl"},
    "entries": COMMON | {"id", "summary", "description", "summary_detail.value", "content.value",
                         "content.type", "enclosures.href", "enclosures.type", "enclosures.length",
                         "comments"},
}
NAMES = {"bozo", "encoding", "version", "feed", "entries", "len", "ord"}


def _path(node):
    """('feed'|'entries', 'a.b') for a subscript/attribute chain, else None."""
    keys = []
    while True:
        if isinstance(node, ast.Subscript):
            sl = node.slice
            if isinstance(sl, ast.Constant) and isinstance(sl.value, str):
                keys.append(sl.value)
            elif isinstance(sl, ast.Constant) and isinstance(sl.value, int):
                pass
            else:
                return ("?", "?")
            node = node.value
        elif isinstance(node, ast.Attribute):
            keys.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            return (node.id, ".".join(reversed(keys)))
        else:
            return ("?", "?")


def mappable(expr):
    for node in ast.walk(expr):
        if isinstance(node, ast.Name) and node.id not in NAMES:
            return False
        if isinstance(node, (ast.Subscript, ast.Attribute)):
            root, p = _path(node)
            if root == "?":
                return False
            if root in MAPPABLE and p and p not in MAPPABLE[root]:
                # prefixes of a mappable path (entries[0]['links']) are fine
                if not any(m == p or m.startswith(p + ".") for m in MAPPABLE[root]):
                    return False
            if root not in MAPPABLE and p:
                return False
    return True


def split_and(expr):
    if isinstance(expr, ast.BoolOp) and isinstance(expr.op, ast.And):
        out = []
        for v in expr.values:
            out += split_and(v)
        return out
    return [expr]


def fp_header(text):
    meta = {}
    for line in text.splitlines()[:12]:
        m = re.match(r"\s*(Description|Expect|Header|SkipUnless|Note):\s*(.*)", line)
        if m:
            meta.setdefault(m.group(1), []).append(m.group(2).strip())
    return meta


def decode_any(raw):
    for enc in ("utf-8", "utf-16", "utf-16-be", "utf-16-le", "utf-32", "utf-32-be", "utf-32-le"):
        try:
            t = raw.decode(enc)
            if "Expect" in t or "Description" in t:
                return t
        except UnicodeDecodeError:
            pass
    return raw.decode("latin-1")


def feedparser_jobs(root):
    jobs = []
    for dp, _, fs in os.walk(root):
        for fn in sorted(fs):
            if fn.endswith(".xml") or fn.endswith(".json") and dp.endswith("json"):
                jobs.append(os.path.join(dp, fn))
    return sorted(jobs)


def score_feedparser(root, pool, stats, details):
    files = feedparser_jobs(root)
    metas, futs = {}, {}
    for path in files:
        with open(path, "rb") as fh:
            meta = fp_header(decode_any(fh.read(4096)))
        if "Expect" not in meta:
            continue
        if any("chardet" in x for x in meta.get("SkipUnless", [])):
            continue  # upstream skips these without chardet; charset guessing is out of scope
        rel = os.path.relpath(path, root)
        ctype, url = None, None
        for h in meta.get("Header", []):
            name, _, val = h.partition(":")
            if name.strip().lower() == "content-type":
                ctype = val.strip()
        if "Header" in meta or "http" in rel:  # the upstream runner serves these over HTTP
            url = "http://127.0.0.1:8097/" + rel
            for h in meta.get("Header", []):
                name, _, val = h.partition(":")
                if name.strip().lower() == "content-location":  # what HTTP makes the base
                    url = urllib.parse.urljoin(url, val.strip())
        metas[path] = meta
        futs[path] = pool.submit(run_tool, path, url, ctype)
    for path in sorted(futs):
        out = futs[path].result()
        rel = os.path.relpath(path, root)
        area = rel.split("/")[0] if not rel.startswith("wellformed/") else "wellformed/" + rel.split("/")[1]
        expect = metas[path]["Expect"][0]
        try:
            tree = ast.parse(expect, mode="eval").body
        except SyntaxError:
            continue
        checks = split_and(tree)
        if "crash" in out:
            stats.add("feedparser", "crash-free", False, rel)
            continue
        stats.add("feedparser", "crash-free", True, rel)
        env = fp_view(out)
        for chk in checks:
            src = ast.unparse(chk)
            if not mappable(chk):
                details["unmappable"].append("%s: %s" % (rel, src))
                continue
            try:
                ok = bool(eval(compile(ast.Expression(chk), rel, "eval"), {"__builtins__": {"len": len, "ord": ord}}, dict(env)))
            except (KeyError, IndexError, AttributeError, TypeError):
                ok = False
            field = "bozo" if src in ("not bozo", "bozo") else area
            stats.add("feedparser", field, ok, "%s: %s" % (rel, src))
            stats.add("feedparser", "ALL", ok, None)


# ---- gofeed translator ----

def norm(s):
    if s is None:
        return None
    s = html.unescape(re.sub(r"<[^>]+>", "", str(s)))
    return re.sub(r"\s+", " ", s).strip()


def score_gofeed(root, pool, stats):
    cases = []
    for fmt in ("rss", "atom", "json"):
        d = os.path.join(root, "translator", fmt)
        if not os.path.isdir(d):
            continue
        for fn in sorted(os.listdir(d)):
            if fn.endswith(".json") and os.path.exists(os.path.join(d, fn[:-5] + ".xml")):
                cases.append((os.path.join(d, fn[:-5] + ".xml"), os.path.join(d, fn)))
            elif fmt == "json" and fn.endswith(".json") and not fn.endswith("expected.json"):
                pass
    futs = {c: pool.submit(run_tool, c[0]) for c in cases}
    for (inp, exp), fut in sorted(futs.items()):
        out = fut.result()
        rel = os.path.relpath(inp, root)
        with open(exp) as fh:
            want = json.load(fh)
        if "crash" in out:
            stats.add("gofeed", "crash-free", False, rel)
            continue
        stats.add("gofeed", "crash-free", True, rel)
        f = out.get("feed", {})
        got_items = out.get("entries", [])

        def cmp(field, w, g):
            ok = norm(w) == norm(g)
            stats.add("gofeed", field, ok, "%s: want %r got %r" % (rel, w, g))
            stats.add("gofeed", "ALL", ok, None)

        feedmap = {"title": f.get("title"), "description": f.get("description"), "link": f.get("link"),
                   "feedLink": f.get("self_link"), "language": f.get("language"), "generator": f.get("generator"),
                   "updatedParsed": f.get("updated"), "publishedParsed": f.get("published")}
        for k, g in feedmap.items():
            if k in want:
                cmp("feed." + k, want[k], g)
        if "image" in want and "url" in want["image"]:
            cmp("feed.image", want["image"]["url"], f.get("image"))
        if "authors" in want:
            cmp("feed.authors", [(a.get("name"), a.get("email")) for a in want["authors"]],
                [(a.get("name"), a.get("email")) for a in f.get("authors", [])])
        if "categories" in want:
            cmp("feed.categories", want["categories"], f.get("categories"))
        for i, w in enumerate(want.get("items", [])):
            g = got_items[i] if i < len(got_items) else {}
            imap = {"title": g.get("title"), "link": g.get("link"), "guid": g.get("id"),
                    "publishedParsed": g.get("published"), "updatedParsed": g.get("updated"),
                    "description": g.get("summary"), "content": g.get("content")}
            for k, gv in imap.items():
                if k in w:
                    cmp("item." + k, w[k], gv)
            if "authors" in w:
                cmp("item.authors", [(a.get("name"), a.get("email")) for a in w["authors"]],
                    [(a.get("name"), a.get("email")) for a in g.get("authors", [])])
            if "categories" in w:
                cmp("item.categories", w["categories"], g.get("categories"))
            if "enclosures" in w:
                cmp("item.enclosures", [(x.get("url"), x.get("type")) for x in w["enclosures"]],
                    [(x.get("href"), x.get("type")) for x in g.get("enclosures", [])])


# ---- feed-rs ----

def url_norm(u):
    """What a URL library makes of it (feed-rs stores parsed URLs): scheme and
    host lower case, an empty path is '/'."""
    if not u:
        return u
    p = urllib.parse.urlsplit(u)
    return urllib.parse.urlunsplit((p.scheme.lower(), p.netloc.lower(), p.path or "/", p.query, p.fragment))


def sec(t):
    """RFC 3339 to whole seconds: feedwire's model keeps seconds."""
    return re.sub(r"\.\d+(?=Z$)", "", t) if t else t


def score_feedrs(root, pool, stats):
    cases = []
    for dp, _, fs in os.walk(root):
        for fn in sorted(fs):
            if (fn.endswith(".xml") or fn.endswith(".json")) and not fn.endswith(".serde.json"):
                base = fn.rsplit(".", 1)[0]
                serde = os.path.join(dp, base + ".serde.json")
                cases.append((os.path.join(dp, fn), serde if os.path.exists(serde) else None))
    futs = {c: pool.submit(run_tool, c[0]) for c in cases}
    for (inp, exp), fut in sorted(futs.items()):
        out = fut.result()
        rel = os.path.relpath(inp, root)
        if "crash" in out or out.get("error"):
            stats.add("feed-rs", "parses", False, rel)
            continue
        stats.add("feed-rs", "parses", True, rel)
        if not exp:
            continue
        with open(exp) as fh:
            want = json.load(fh)
        we, ge = want.get("entries", []), out.get("entries", [])
        ok = len(we) == len(ge)
        stats.add("feed-rs", "entry count", ok, "%s: want %d got %d" % (rel, len(we), len(ge)))
        agree = ok
        for i, w in enumerate(we):
            g = ge[i] if i < len(ge) else {}
            wt = (w.get("title") or {}).get("content")
            t_ok = norm(wt) == norm(g.get("title"))
            stats.add("feed-rs", "title", t_ok, "%s[%d]: want %r got %r" % (rel, i, wt, g.get("title")))
            wl = [url_norm(l["href"]) for l in w.get("links", []) if l.get("rel") in (None, "alternate")]
            l_ok = (not wl and not g.get("link")) or (url_norm(g.get("link")) in wl)
            stats.add("feed-rs", "link", l_ok, "%s[%d]: want %r got %r" % (rel, i, wl, g.get("link")))
            wd = {sec(w.get("published")), sec(w.get("updated"))} - {None}
            gd = {g.get("published"), g.get("updated")} - {None}
            d_ok = (not wd and not gd) or bool(wd & gd)
            stats.add("feed-rs", "date", d_ok, "%s[%d]: want %r got %r" % (rel, i, sorted(wd), sorted(gd)))
            agree = agree and t_ok and l_ok and d_ok
        stats.add("feed-rs", "feed agrees", agree, rel)


class Stats:
    def __init__(self):
        self.d = {}

    def add(self, ds, field, ok, what):
        p = self.d.setdefault(ds, {}).setdefault(field, [0, 0, []])
        p[1] += 1
        if ok:
            p[0] += 1
        elif what:
            p[2].append(what)


def main():
    if not TOOL or not CORPUS or not os.path.isdir(CORPUS):
        print("FW_TOOL / FW_CORPUS_DIR not set or missing")
        return 77
    verbose = "-v" in sys.argv
    stats, details = Stats(), {"unmappable": []}
    with cf.ThreadPoolExecutor(max_workers=2) as pool:
        score_feedparser(os.path.join(CORPUS, "feedparser-tests"), pool, stats, details)
        score_gofeed(os.path.join(CORPUS, "gofeed-testdata"), pool, stats)
        score_feedrs(os.path.join(CORPUS, "feed-rs-fixtures"), pool, stats)
    with open(FLOORS) as fh:
        floors = json.load(fh)
    failed = []
    for ds in stats.d:
        print("== %s" % ds)
        for field in sorted(stats.d[ds]):
            ok, n, bad = stats.d[ds][field]
            rate = ok / n if n else 1.0
            floor = floors.get(ds, {}).get(field)
            mark = ""
            if floor is not None and rate < floor:
                mark = "  BELOW FLOOR %.4f" % floor
                failed.append("%s/%s" % (ds, field))
            print("  %-28s %5d/%-5d %6.2f%%%s" % (field, ok, n, 100 * rate, mark))
            if verbose or mark:
                for b in bad[:40]:
                    print("      - %s" % b[:300])
    print("feedparser Expect checks not mappable onto the model (not scored): %d" % len(details["unmappable"]))
    if verbose:
        for u in details["unmappable"]:
            print("      ~ %s" % u[:200])
    if failed:
        print("FAIL: below floor: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
