#!/usr/bin/env python3
"""Issue 18.6: the compatibility policy of conf/schemas. Within a major version (schema_version) fields are only
added, so every schema allows additional properties at every level: a message of the next minor version (the
current one with new fields, top level and nested) validates against the current schema, while a message of
another major version or one missing a required field does not. The examples in tests/data/schemas/ are real
messages (tests/integration/deadletter_404.py with FW_SCHEMA_EXAMPLES wrote them; long texts shortened; the incident one
`feedwire incidents --merge --json` over corpus articles)."""
import copy
import json
import os
import sys

import jsonschema

SRC = os.environ.get("FW_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
fails = 0
passed = 0


def check(cond, what):
    global fails, passed
    if cond:
        passed += 1
    else:
        fails += 1
        print("FAIL:", what)


def closed_objects(node, path="$"):
    """Paths of sub-schemas that forbid additional properties."""
    out = []
    if isinstance(node, dict):
        if node.get("additionalProperties") is False or node.get("unevaluatedProperties") is False:
            out.append(path)
        for k, v in node.items():
            out += closed_objects(v, path + "." + k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += closed_objects(v, "%s[%d]" % (path, i))
    return out


def next_minor(msg):
    """The message as a later 1.x producer would send it: new fields at the top and in every nested object."""
    m = copy.deepcopy(msg)

    def add(o):
        if isinstance(o, dict):
            for v in list(o.values()):
                add(v)
            o["added_in_a_later_minor"] = {"any": ["shape", 1, None]}
        elif isinstance(o, list):
            for v in o:
                add(v)
    add(m)
    return m


for name in ("article", "event", "deadletter", "incident"):
    schema = json.load(open(os.path.join(SRC, "conf", "schemas", "feedwire.%s.v1.json" % name)))
    jsonschema.Draft202012Validator.check_schema(schema)
    val = jsonschema.Draft202012Validator(schema)
    check(schema["$id"] == "urn:feedwire:schema:feedwire.%s.v1" % name, "%s: $id is what ce_dataschema sends" % name)
    check(closed_objects(schema) == [], "%s: closed objects %s" % (name, closed_objects(schema)))
    msg = json.load(open(os.path.join(SRC, "tests", "data", "schemas", "%s.v1.json" % name)))
    errs = [e.message for e in val.iter_errors(msg)]
    check(errs == [], "%s: the current message: %s" % (name, errs))
    nm = next_minor(msg)
    errs = [e.message for e in val.iter_errors(nm)]
    check(errs == [], "%s: a next-minor message: %s" % (name, errs))
    major = dict(msg, schema_version=2)
    check(not val.is_valid(major), "%s: a version 2 message must not validate" % name)
    required = schema["required"][-1]
    missing = {k: v for k, v in msg.items() if k != required}
    check(not val.is_valid(missing), "%s: a message without %s must not validate" % (name, required))
    print("%s: current, next minor ok; major 2 and missing '%s' refused" % (name, required))

print("schemas: %d passed, %d failed" % (passed, fails))
sys.exit(1 if fails else 0)
