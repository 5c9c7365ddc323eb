#!/usr/bin/env python3
"""conf/grafana/feedwire.json: valid JSON for Grafana's importer, panels on the
grid with unique ids, every query over the Prometheus data source variable, every
metric it names declared in FW_METRICS (include/feedwire/fw_metrics.h), and
every declared metric shown somewhere, so dashboard and daemon cannot drift.
conf/grafana/feedwire-alerts.yml: every rule has alert, expr, severity and summary,
and names only declared metrics (no YAML library in the venv: a line check)."""
import json
import os
import re
import sys

src = os.environ["FW_SOURCE_DIR"]
header = open(os.path.join(src, "include/feedwire/fw_metrics.h"), encoding="utf-8").read()
declared = {}
for m in re.finditer(r'X\(\w+, FW_(COUNTER|GAUGE|HISTOGRAM), "(\w+)"', header):
    declared[m.group(2)] = m.group(1)
if len(declared) < 20:
    sys.exit(f"parsed only {len(declared)} metrics from fw_metrics.h")
exposed = set()
for name, kind in declared.items():
    exposed |= {name + s for s in ("_bucket", "_sum", "_count")} if kind == "HISTOGRAM" else {name}

dash = json.load(open(os.path.join(src, "conf/grafana/feedwire.json"), encoding="utf-8"))
errors = []
for key in ("title", "uid", "panels", "templating", "schemaVersion"):
    if key not in dash:
        errors.append(f"dashboard lacks {key}")
variables = {v["name"] for v in dash["templating"]["list"]}
if "datasource" not in variables:
    errors.append("no datasource variable")

ids, used, exprs = set(), set(), []
for p in dash["panels"]:
    if p["id"] in ids:
        errors.append(f"panel id {p['id']} twice")
    ids.add(p["id"])
    g = p["gridPos"]
    if g["x"] < 0 or g["x"] + g["w"] > 24 or g["w"] <= 0 or g["h"] <= 0:
        errors.append(f"panel {p['title']}: off the 24-column grid")
    if p["type"] == "row":
        continue
    if p.get("datasource", {}).get("uid") != "${datasource}":
        errors.append(f"panel {p['title']}: not on the datasource variable")
    if not p.get("targets"):
        errors.append(f"panel {p['title']}: no query")
    for t in p.get("targets", []):
        exprs.append((p["title"], t["expr"]))
for v in dash["templating"]["list"]:
    q = v.get("query")
    if isinstance(q, dict):
        exprs.append((f"variable {v['name']}", q["query"]))

for title, e in exprs:
    if e.count("(") != e.count(")") or e.count("{") != e.count("}"):
        errors.append(f"{title}: unbalanced brackets in {e}")
    for word in re.findall(r"\b(feedwire_\w+)", e):
        if word not in exposed:
            errors.append(f"{title}: {word} is not a metric feedwired exposes")
        used.add(re.sub(r"_(bucket|sum|count)$", "", word) if word not in declared else word)
unused = sorted(set(declared) - used)
if unused:
    errors.append(f"metrics on no panel: {', '.join(unused)}")
rules = []
for line in open(os.path.join(src, "conf/grafana/feedwire-alerts.yml"), encoding="utf-8"):
    if "\t" in line:
        errors.append("alerts: tab in YAML")
    m = re.match(r"\s*- alert: (\w+)$", line)
    if m:
        rules.append({"alert": m.group(1)})
    elif rules and (m := re.match(r"\s*(expr|for|severity|summary): (.+)$", line)):
        rules[-1][m.group(1)] = m.group(2)
for r in rules:
    for key in ("expr", "severity", "summary"):
        if key not in r:
            errors.append(f"alert {r['alert']}: no {key}")
    e = r.get("expr", "")
    if e.count("(") != e.count(")"):
        errors.append(f"alert {r['alert']}: unbalanced brackets")
    for word in re.findall(r"\b(feedwire_\w+)", e):
        if word not in exposed:
            errors.append(f"alert {r['alert']}: {word} is not a metric feedwired exposes")
if len(rules) < 5:
    errors.append(f"only {len(rules)} alert rules parsed")
print(f"alerts: {len(rules)} rules")
print(f"dashboard: {len(dash['panels'])} panels, {len(exprs)} queries, {len(used)}/{len(declared)} metrics shown")
if errors:
    print("\n".join(errors))
    sys.exit(1)
print("ok")
