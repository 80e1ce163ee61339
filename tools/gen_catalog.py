#!/usr/bin/env python3
"""Generate the infrac CloudFormation resource catalog.

Reads the resource provider schemas that ship with cfn-lint (us-east-1) and
writes compiler/catalog/data/cfn-catalog.jsonl: one header line, then one
compact JSON line per resource type, sorted by type name.  Only facts are
kept (names, kinds, constraints, references, attributes); no descriptions or
documentation links.  The format is described in docs/catalog.md.

The output is byte-identical for a given cfn-lint version.

Usage: python3 tools/gen_catalog.py [-o OUT] [-v]
"""

from __future__ import annotations

import argparse
import copy
import importlib.metadata
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict

from catalog_iam import attach_policies

REGION = "us-east-1"
FORMAT_VERSION = 1

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_OUT = os.path.join(REPO_ROOT, "compiler", "catalog", "data", "cfn-catalog.jsonl")

# JSON kind name -> letter used in the "k" field, in canonical order.
KINDS = (
    ("string", "s"),
    ("integer", "i"),
    ("number", "n"),
    ("boolean", "b"),
    ("object", "o"),
    ("array", "a"),
    ("null", "z"),
)

# Keywords a sibling of "$ref" may carry that change the referenced shape.
CONSTRAINT_KEYS = frozenset(
    """type enum const enumCaseInsensitive pattern minLength maxLength minimum
    maximum exclusiveMinimum exclusiveMaximum multipleOf format relationshipRef
    items minItems maxItems uniqueItems properties patternProperties
    additionalProperties required minProperties maxProperties anyOf oneOf
    allOf dependentRequired dependencies dependentExcluded requiredXor
    requiredOr""".split()
) | {"x-infrac-conditional", "x-infrac-size-choice"}
# Keywords that never constrain a value (dropped from allOf members).
ANNOTATION_KEYS = frozenset({"default", "examples", "title", "$comment", "description"})

# Conditional requirements taken from cfn-lint's rules (see rule_data below).
CONDITIONAL_KEY = "x-infrac-conditional"
# A number's allowed values by its size, from cfn-lint's rules (see size_choices).
SIZE_CHOICE_KEY = "x-infrac-size-choice"

# Marks a format that the catalog adds to the items of a list format; cfn-lint
# does not compare references with it.
ADDED_FORMAT = "x-infrac-added-format"

# Scalar keywords copied as-is: schema keyword -> catalog key.
NUMBER_KEYS = (
    ("minLength", "nl"),
    ("maxLength", "xl"),
    ("minimum", "mn"),
    ("maximum", "mx"),
    ("exclusiveMinimum", "emn"),
    ("exclusiveMaximum", "emx"),
    ("multipleOf", "mo"),
    ("minItems", "ni"),
    ("maxItems", "xi"),
    ("minProperties", "np"),
    ("maxProperties", "xp"),
)


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def is_aws_format(f):
    return isinstance(f, str) and f.startswith("AWS::") and "." in f


def pointer_to_dotted(pointer):
    """'/properties/Endpoint/Address' -> 'Endpoint.Address'."""
    parts = pointer.split("/")
    if len(parts) < 3 or parts[0] != "" or parts[1] != "properties":
        return None
    return ".".join(parts[2:])


class Stats:
    def __init__(self):
        self.c = Counter()
        self.examples = defaultdict(list)

    def note(self, what, example):
        self.c[what] += 1
        if len(self.examples[what]) < 6:
            self.examples[what].append(example)


STATS = Stats()


def raw_resolve(schema, node, depth=0):
    """Follow a chain of local $refs in the raw schema; returns the target node."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str) and depth < 32:
        target = lookup_pointer(schema, node["$ref"])
        if target is None:
            return node
        node = target
        depth += 1
    return node


def lookup_pointer(schema, ref):
    if not ref.startswith("#/"):
        return None
    cur = schema
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def node_formats(schema, node):
    """Formats named on a node or on its format-only anyOf/oneOf members."""
    node = raw_resolve(schema, node)
    out = []
    if not isinstance(node, dict):
        return out
    if isinstance(node.get("format"), str):
        out.append(node["format"])
    for key in ("anyOf", "oneOf"):
        for alt in node.get(key) or []:
            if isinstance(alt, dict) and isinstance(alt.get("format"), str):
                out.append(alt["format"])
    return out


def build_producers(schemas):
    """format -> [(type, property path, is_ref)] of resources whose Ref or a
    GetAtt attribute yields a value of that format."""
    producers = defaultdict(list)
    for type_name in sorted(schemas):
        schema = schemas[type_name]
        pid = schema.get("primaryIdentifier") or []
        read_only = set(schema.get("readOnlyProperties") or [])
        for prop in sorted(schema.get("properties") or {}):
            path = "/properties/" + prop
            is_ref = pid == [path]
            if not (is_ref or path in read_only):
                continue
            for f in node_formats(schema, schema["properties"][prop]):
                if is_aws_format(f):
                    producers[f].append((type_name, path, is_ref))
    result = {}
    for f, lst in producers.items():
        named = f.split(".", 1)[0]
        own = [p for p in lst if p[0] == named]
        chosen = own or lst  # e.g. AWS::ACM::Certificate.Arn has no such type
        chosen.sort(key=lambda p: (not p[2], p[0], p[1]))  # Ref first
        result[f] = [[t, p] for t, p, _ in chosen]
    return result


class TypeConverter:
    """Converts one resource schema into the compact catalog record."""

    def __init__(self, type_name, schema, producers):
        self.type_name = type_name
        self.schema = schema
        self.producers = producers
        self.defs = {}  # name -> converted shape (may contain {"$": name} refs)
        self.pending = []
        self.inlining = []  # stack of definitions being inlined (recursion guard)

    # -- references ---------------------------------------------------------
    def def_name(self, ref):
        if ref.startswith("#/definitions/"):
            name = ref[len("#/definitions/"):]
            if isinstance((self.schema.get("definitions") or {}).get(name), dict):
                return name
        if ref.startswith("#/$defs/"):
            name = ref[len("#/$defs/"):]
            if isinstance((self.schema.get("$defs") or {}).get(name), dict):
                return name
        return None

    def use_def(self, name):
        if name not in self.defs:
            self.defs[name] = None
            self.pending.append(name)

    def raw_def(self, name):
        d = (self.schema.get("definitions") or {}).get(name)
        if d is None:
            d = (self.schema.get("$defs") or {}).get(name)
        return d

    # -- conversion ---------------------------------------------------------
    def conv(self, node):
        if not isinstance(node, dict):
            return {}
        ref = node.get("$ref")
        if isinstance(ref, str):
            return self.conv_ref(node, ref)
        out = {}
        kinds = set()
        t = node.get("type")
        if isinstance(t, str):
            kinds.add(t)
        elif isinstance(t, list):
            kinds.update(x for x in t if isinstance(x, str))
        if not kinds:
            if "properties" in node or "patternProperties" in node:
                kinds.add("object")
            elif "items" in node:
                kinds.add("array")
        letters = "".join(l for n, l in KINDS if n in kinds)
        if letters:
            out["k"] = letters

        if isinstance(node.get("enum"), list):
            out["e"] = list(node["enum"])
        if "const" in node:
            out["e"] = [node["const"]]
        # cfn-lint's extensions give a case-insensitive enum either as a flag beside `enum`
        # (or an anyOf of enums, below) or as the list of values itself.
        ci = node.get("enumCaseInsensitive")
        if isinstance(ci, list):
            out["e"] = list(ci)
            out["ci"] = 1
        elif ci:
            out["ci"] = 1
        if isinstance(node.get("pattern"), str):
            out["pt"] = node["pattern"]
            if isinstance(node.get("patternDescription"), str):
                out["pd"] = node["patternDescription"]
        for key, short in NUMBER_KEYS:
            if is_number(node.get(key)):
                out[short] = node[key]
        if node.get("uniqueItems") is True:
            out["u"] = 1

        formats = []
        refs = []
        if isinstance(node.get("format"), str):
            formats.append(node["format"])
        self.add_relationship(node.get("relationshipRef"), refs)

        # items
        items = node.get("items")
        if isinstance(items, dict):
            out["it"] = self.conv(items)
        elif isinstance(items, list):
            STATS.note("tuple items ignored", self.type_name)
        if "prefixItems" in node:
            STATS.note("prefixItems ignored", self.type_name)

        # object structure
        props = node.get("properties")
        if isinstance(props, dict) and props:
            out["pp"] = {name: self.conv(sub) for name, sub in props.items()}
        pprops = node.get("patternProperties")
        if isinstance(pprops, dict) and pprops:
            out["mp"] = [[pat, self.conv(pprops[pat])] for pat in sorted(pprops)]
        addl = node.get("additionalProperties", True)
        if isinstance(addl, dict):
            out["am"] = self.conv(addl)
        elif addl is not False and "o" in letters:
            out["x"] = 1
        req = node.get("required")
        if isinstance(req, list):
            names = sorted({r for r in req if isinstance(r, str)})
            if names:
                out["rq"] = names

        # dependencies
        dr = {}
        for key in ("dependentRequired", "dependencies"):
            val = node.get(key)
            if not isinstance(val, dict):
                continue
            for k in sorted(val):
                v = val[k]
                if isinstance(v, list):
                    dr.setdefault(k, [])
                    for x in v:
                        if isinstance(x, str) and x not in dr[k]:
                            dr[k].append(x)
                else:
                    STATS.note("schema-valued dependencies ignored", self.type_name)
        if dr:
            out["dr"] = dr
        dx = node.get("dependentExcluded")
        if isinstance(dx, dict) and dx:
            out["dx"] = {k: list(v) for k, v in dx.items() if isinstance(v, list)}
        for key, short in (("requiredXor", "rx"), ("requiredOr", "ror")):
            val = node.get(key)
            if isinstance(val, list) and val:
                out[short] = [x for x in val if isinstance(x, str)]

        # combinators
        for key, short in (("anyOf", "a1"), ("oneOf", "o1")):
            alts = node.get(key)
            if isinstance(alts, list) and alts:
                enc = self.conv_alternatives(node, alts, formats, refs, out)
                if enc:
                    out[short] = enc
        all_of = node.get("allOf")
        if isinstance(all_of, list) and all_of:
            members = [
                a for a in all_of
                if not (isinstance(a, dict) and set(a) <= ANNOTATION_KEYS)
            ]
            # Fold members into this shape where that loses nothing; keep the
            # rest as "all".
            rest = []
            for member in (self.conv_alternative(a) for a in members):
                if isinstance(member, list):
                    out["rq"] = sorted(set(out.get("rq", [])) | set(member))
                elif (not (set(member) & set(out)) and not ("$" in member and out)
                      and not ("$" in out)):
                    out.update(member)
                    if "f" in member:
                        formats = member["f"] + formats
                        del out["f"]
                    if "rf" in member:
                        refs = member["rf"] + refs
                        del out["rf"]
                else:
                    rest.append(member)
            if rest:
                out["all"] = rest
        if "if" in node:
            STATS.note("if/then ignored", self.type_name)
        if isinstance(node.get(CONDITIONAL_KEY), list):
            out["cr"] = node[CONDITIONAL_KEY]
        if isinstance(node.get(SIZE_CHOICE_KEY), list):
            out["sc"] = node[SIZE_CHOICE_KEY]

        # formats and references
        self.finish_annotations(out, formats, refs, node)
        return out

    def conv_ref(self, node, ref):
        name = self.def_name(ref)
        siblings = {k: v for k, v in node.items() if k != "$ref" and k in CONSTRAINT_KEYS}
        if name is not None:
            if not siblings or name in self.inlining:
                self.use_def(name)
                return {"$": name}
            # "$ref" with constraints beside it: inline a copy with them applied
            self.inlining.append(name)
            merged = dict(self.raw_def(name))
            merged.update(siblings)
            try:
                return self.conv(merged)
            finally:
                self.inlining.pop()
        target = lookup_pointer(self.schema, ref)
        if isinstance(target, dict) and ref not in self.inlining:
            self.inlining.append(ref)
            merged = dict(target)
            merged.update(siblings)
            try:
                return self.conv(merged)
            finally:
                self.inlining.pop()
        STATS.note("unresolved $ref", "%s %s" % (self.type_name, ref))
        return {}

    def add_relationship(self, rel, refs):
        if isinstance(rel, dict) and isinstance(rel.get("typeName"), str):
            entry = [rel["typeName"], rel.get("propertyPath") or ""]
            if entry not in refs:
                refs.append(entry)

    def conv_alternative(self, alt):
        if isinstance(alt, dict) and set(alt) == {"required"} and isinstance(alt["required"], list):
            return sorted({r for r in alt["required"] if isinstance(r, str)})
        return self.conv(alt)

    def conv_alternatives(self, node, alts, formats, refs, out):
        # Members that only name a format or relationship are annotations: the
        # value may be any of them.  They constrain nothing, so the whole
        # combinator reduces to the annotations.
        if any(isinstance(a, dict) and a and set(a) <= {"format", "relationshipRef"} for a in alts):
            for a in alts:
                if not isinstance(a, dict):
                    continue
                if isinstance(a.get("format"), str) and a["format"] not in formats:
                    formats.append(a["format"])
                self.add_relationship(a.get("relationshipRef"), refs)
                if set(a) - {"format", "relationshipRef"}:
                    STATS.note("annotation combinator with constraints", self.type_name)
            return None
        # cfn-lint spells case-insensitive enums as anyOf [enum, pattern...].
        if node.get("enumCaseInsensitive") and all(
            isinstance(a, dict) and set(a) <= {"enum", "type", "pattern"} for a in alts
        ):
            values = list(out.get("e", []))
            for a in alts:
                for v in a.get("enum", []):
                    if v not in values:
                        values.append(v)
            if values:
                out["e"] = values
                out["ci"] = 1
                return None
        return [self.conv_alternative(a) for a in alts]

    def finish_annotations(self, out, formats, refs, node):
        fmts = []
        for f in formats:
            if f not in fmts:
                fmts.append(f)
        for f in fmts:
            if not is_aws_format(f):
                continue
            base, _, kind = f.rpartition(".")
            if kind in ("Ids", "Names"):
                # A list of ids: make sure each item carries the single form.
                self.add_item_format(out, node, base + "." + kind[:-1])
                continue
            for entry in self.producers.get(f, []):
                if entry not in refs:
                    refs.append(list(entry))
        if fmts:
            out["f"] = fmts
            own = node.get("format")
            if not isinstance(own, str) or node.get(ADDED_FORMAT) or out["f"][0] != own:
                # cfn-lint compares what a Ref or GetAtt returns with a shape's
                # own format only, not with formats offered as alternatives.
                out["fa"] = 1
        if refs:
            out["rf"] = refs

    def add_item_format(self, out, node, single):
        item = out.get("it")
        if item is None:
            return
        if "$" in item:
            raw_item = node.get("items")
            if not isinstance(raw_item, dict):
                return
            if single in node_formats(self.schema, raw_item):
                return
            merged = dict(raw_item)
            merged["format"] = single
            merged[ADDED_FORMAT] = True
            out["it"] = self.conv(merged)
            return
        if single in item.get("f", []):
            return
        item.setdefault("f", []).append(single)
        item["fa"] = 1
        refs = item.setdefault("rf", [])
        for entry in self.producers.get(single, []):
            if entry not in refs:
                refs.append(list(entry))
        if not refs:
            del item["rf"]

    # -- whole type ---------------------------------------------------------
    def convert(self):
        s = self.schema
        root = self.conv({k: v for k, v in s.items() if k in CONSTRAINT_KEYS})
        root.pop("k", None)  # always an object
        while self.pending:
            name = self.pending.pop(0)
            self.inlining.append(name)
            self.defs[name] = self.conv(self.raw_def(name))
            self.inlining.pop()
        defs = optimize_definitions(root, self.defs)

        rec = {}
        rec.update(root)
        if defs:
            rec["d"] = defs
        ro, ro_skipped = self.read_only_attributes()
        if ro:
            rec["a"] = ro
        extra, prefixes = self.extra_attributes(set(ro))
        if extra:
            rec["ax"] = extra
        if prefixes:
            rec["ap"] = prefixes
        co = [pointer_to_dotted(p) for p in s.get("createOnlyProperties") or []]
        co = sorted({c for c in co if c})
        if co:
            rec["co"] = co
        pi = [pointer_to_dotted(p) for p in s.get("primaryIdentifier") or []]
        pi = [p for p in pi if p]
        if pi:
            rec["pi"] = pi
        return rec

    def raw_at(self, parts):
        """Raw schema node of a property path (list of names), or None."""
        node = self.schema
        for part in parts:
            node = raw_resolve(self.schema, node)
            props = node.get("properties") if isinstance(node, dict) else None
            if not isinstance(props, dict) or part not in props:
                return None
            node = props[part]
        return raw_resolve(self.schema, node)

    def leaves(self, parts, node, depth=0):
        """GetAtt names under an object attribute: CloudFormation exposes the
        scalar members of a read-only object as 'Parent.Member'."""
        props = node.get("properties") if isinstance(node, dict) else None
        if not isinstance(props, dict) or not props or depth > 8:
            return [".".join(parts)]
        out = []
        for name in props:
            sub = raw_resolve(self.schema, props[name])
            out.extend(self.leaves(parts + [name], sub, depth + 1))
        return out

    def read_only_attributes(self):
        names = set()
        skipped = []
        for p in self.schema.get("readOnlyProperties") or []:
            dotted = pointer_to_dotted(p)
            if not dotted:
                continue
            parts = dotted.split(".")
            if "*" in parts:
                # inside a list: not addressable with Fn::GetAtt
                skipped.append(dotted)
                STATS.note("read-only path inside a list (not a GetAtt)", "%s %s" % (self.type_name, dotted))
                continue
            node = self.raw_at(parts)
            if node is None:
                STATS.note("read-only path not in properties", "%s %s" % (self.type_name, dotted))
                names.add(dotted)
                continue
            names.update(self.leaves(parts, node))
        return sorted(names), skipped

    def extra_attributes(self, ro):
        """GetAtt names CloudFormation accepts beyond readOnlyProperties (per
        cfn-lint's attribute tables), and attribute name prefixes."""
        extra = set()
        prefixes = set()
        try:
            from cfnlint.schema.manager import PROVIDER_SCHEMA_MANAGER as m
            getatts = m.get_type_getatts(self.type_name, REGION)
            keys = list(getatts.keys())
        except Exception:  # pragma: no cover - depends on cfn-lint internals
            keys = []
        for key in keys:
            if key == ".*":
                prefixes.add("")
                continue
            if key.endswith("\\..*") and not re.search(r"[\\*\[\](){}+?|^$]", key[:-4]):
                prefixes.add(key[:-4] + ".")
                continue
            if re.search(r"[\\*\[\](){}+?|^$]", key):
                continue  # paths into lists etc.
            if key in ro:
                continue
            node = self.raw_at(key.split("."))
            if node is None:
                continue
            items = raw_resolve(self.schema, node.get("items")) if isinstance(node, dict) else None
            if isinstance(items, dict) and ("properties" in items or items.get("type") in ("object", "array")):
                continue  # list of objects: not a usable attribute
            extra.add(key)
        return sorted(extra), sorted(prefixes)


# -- definition inlining -----------------------------------------------------

def walk_shapes(shape, fn):
    """Call fn on every shape nested in shape (not following "$")."""
    if not isinstance(shape, dict):
        return
    fn(shape)
    if "it" in shape:
        walk_shapes(shape["it"], fn)
    if "am" in shape:
        walk_shapes(shape["am"], fn)
    for sub in (shape.get("pp") or {}).values():
        walk_shapes(sub, fn)
    for _, sub in shape.get("mp") or []:
        walk_shapes(sub, fn)
    for key in ("o1", "a1", "all"):
        for alt in shape.get(key) or []:
            walk_shapes(alt, fn)


def ref_counts(root, defs):
    counts = Counter()

    def fn(s):
        if "$" in s:
            counts[s["$"]] += 1

    walk_shapes(root, fn)
    for body in defs.values():
        walk_shapes(body, fn)
    return counts


def direct_refs(shape):
    out = set()
    walk_shapes(shape, lambda s: out.add(s["$"]) if "$" in s else None)
    return out


def recursive_defs(defs):
    graph = {n: direct_refs(b) for n, b in defs.items()}
    rec = set()
    for start in graph:
        seen = set()
        stack = list(graph[start])
        while stack:
            n = stack.pop()
            if n == start:
                rec.add(start)
                break
            if n in seen or n not in graph:
                continue
            seen.add(n)
            stack.extend(graph[n])
    return rec


def dumps(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def substitute(shape, chosen, defs):
    """Copy of shape with {"$": n} for n in chosen replaced by the body."""
    if not isinstance(shape, dict):
        return shape
    if "$" in shape and shape["$"] in chosen:
        return substitute(defs[shape["$"]], chosen, defs)
    out = dict(shape)
    if "it" in out:
        out["it"] = substitute(out["it"], chosen, defs)
    if "am" in out:
        out["am"] = substitute(out["am"], chosen, defs)
    if "pp" in out:
        out["pp"] = {k: substitute(v, chosen, defs) for k, v in out["pp"].items()}
    if "mp" in out:
        out["mp"] = [[p, substitute(v, chosen, defs)] for p, v in out["mp"]]
    for key in ("o1", "a1", "all"):
        if key in out:
            out[key] = [substitute(a, chosen, defs) for a in out[key]]
    return out


def optimize_definitions(root, defs):
    """Inline definitions where that makes the record smaller; keep recursive
    and widely shared ones named.  Mutates root in place; returns the kept
    definitions."""
    defs = dict(defs)
    rec = recursive_defs(defs)
    for _ in range(64):
        counts = ref_counts(root, defs)
        for name in [n for n in defs if counts[n] == 0]:
            del defs[name]
        chosen = set()
        for name in sorted(defs):
            if name in rec:
                continue
            size = len(dumps(defs[name]))
            c = counts[name]
            named = size + len(name) + 4 + c * (len(name) + 8)
            if c * size <= named:
                chosen.add(name)
        if not chosen:
            break
        new_root = substitute(root, chosen, defs)
        root.clear()
        root.update(new_root)
        defs = {n: substitute(b, chosen, defs) for n, b in defs.items() if n not in chosen}
    return defs


# -- cfn-lint's rule data ----------------------------------------------------
#
# Beyond the provider schemas, cfn-lint's rules carry facts of their own: the
# pattern of each AWS format (rules/formats), the standard formats it checks,
# what a Ref or GetAtt returns, and if/then requirements (data/schemas/extensions).
# They are read here from the installed package, never copied.

# Format rules whose check is more than their pattern: what the extra code lets
# through, as values ("ok") and prefixes ("okp").  A new such rule stops the
# generation until it is described here.
FORMAT_RULE_EXCEPTIONS = {
    "ImageId": {"okp": ["resolve:ssm"]},  # a launch template's SSM alias of an AMI
    "S3BucketName": {"ok": [""]},         # BucketName "" lets CloudFormation choose
}

# Requirements that cfn-lint states in code rather than in a schema: rule id ->
# (type, catalog key, names).  Checked against the installed rules.
RULE_FACTS = {
    # E3673: an instance needs an image, from ImageId or its launch template.
    "E3673": ("AWS::EC2::Instance", "ror", ["ImageId", "LaunchTemplate"]),
}


def cfnlint_rule_classes(package):
    """(module name, class) of the rule classes under a cfnlint.rules package, sorted."""
    import importlib
    import inspect
    import pkgutil

    pkg = importlib.import_module(package)
    out = []
    for info in sorted(pkgutil.walk_packages(pkg.__path__, package + "."), key=lambda m: m.name):
        mod = importlib.import_module(info.name)
        for name, cls in sorted(inspect.getmembers(mod, inspect.isclass)):
            if cls.__module__ == mod.__name__ and getattr(cls, "id", ""):
                out.append((name, cls))
    return out


def format_rules():
    """AWS format name -> {"pt": [patterns], "ok": [...], "okp": [...]}.  A value
    must match every pattern of its format (two rules may name one format)."""
    from cfnlint.rules.formats.FormatKeyword import FormatKeyword

    out = {}
    for name, cls in cfnlint_rule_classes("cfnlint.rules.formats"):
        if not issubclass(cls, FormatKeyword):
            continue
        rule = cls()
        if not rule.format_keyword or not rule.pattern:
            continue
        entry = out.setdefault(rule.format_keyword, {"pt": []})
        if rule.pattern not in entry["pt"]:
            entry["pt"].append(rule.pattern)
        if cls.format is not FormatKeyword.format:
            extra = FORMAT_RULE_EXCEPTIONS.get(name)
            if extra is None:
                raise SystemExit("gen_catalog: format rule %s checks more than its pattern; "
                                 "describe what it lets through in FORMAT_RULE_EXCEPTIONS" % name)
            for key, values in extra.items():
                entry.setdefault(key, []).extend(v for v in values if v not in entry.get(key, []))
    return {f: out[f] for f in sorted(out)}


def standard_formats():
    """The JSON Schema formats cfn-lint validates (by name; infrac knows their meaning)."""
    from cfnlint.jsonschema._format import cfn_format_checker

    return sorted(cfn_format_checker.checkers)


def schema_formats(node):
    """A returned schema's formats the way cfn-lint compares them: its own
    format, then those of its anyOf members."""
    out = []
    if not isinstance(node, dict):
        return out
    if isinstance(node.get("format"), str):
        out.append(node["format"])
    for alt in node.get("anyOf") or []:
        if isinstance(alt, dict) and isinstance(alt.get("format"), str) and alt["format"] not in out:
            out.append(alt["format"])
    return out


def never_has_colon(node):
    """True if the schema's pattern is one repeated character class without ':'
    (`^[\\w+=,.@-]+$`, an IAM role name): such a value is never an ARN."""
    try:  # Python's own regular expression parser
        from re import _constants as c, _parser as sre_parse
    except ImportError:  # before Python 3.11
        import sre_constants as c
        import sre_parse

    if not isinstance(node, dict) or not isinstance(node.get("pattern"), str):
        return False
    try:
        parsed = list(sre_parse.parse(node["pattern"]))
    except Exception:
        return False
    if len(parsed) != 3 or parsed[0] != (c.AT, c.AT_BEGINNING) or parsed[2][0] != c.AT:
        return False
    if parsed[2][1] not in (c.AT_END, c.AT_END_STRING) or parsed[1][0] not in (c.MAX_REPEAT, c.MIN_REPEAT):
        return False
    body = list(parsed[1][1][2])
    if len(body) != 1 or body[0][0] != c.IN:
        return False
    colon = ord(":")
    for op, arg in body[0][1]:
        if op == c.LITERAL and arg != colon:
            continue
        if op == c.RANGE and not (arg[0] <= colon <= arg[1]):
            continue
        if op == c.CATEGORY and arg in (c.CATEGORY_WORD, c.CATEGORY_DIGIT):
            continue
        return False  # ':' itself, a negation or a class that may hold it
    return True


def return_facts(type_name):
    """Type-level catalog keys for what the type's Ref and GetAtts return."""
    from cfnlint.helpers import is_custom_resource
    from cfnlint.rules.functions.GetAttFormat import GetAttFormat
    from cfnlint.schema.manager import PROVIDER_SCHEMA_MANAGER as m

    getatt_rule = GetAttFormat()
    out = {}
    if is_custom_resource(type_name):
        out["rn"] = 1  # cfn-lint does not compare the Ref of a custom resource
    else:
        try:
            ref = m.get_type_ref(type_name, REGION)
        except AttributeError:  # no primary identifier: cfn-lint knows no Ref schema
            ref = None
        fmts = schema_formats(ref)
        if fmts:
            out["rr"] = fmts
        if never_has_colon(ref):
            out["rrc"] = 1
    if type_name in getatt_rule._resource_type_exceptions:
        out["ru"] = ["*"]
        return out
    schema = m.get_resource_schema(REGION, type_name)
    formats = {}
    unchecked = [a for t, a in getatt_rule._resource_type_attribute_exceptions if t == type_name]
    for name, pointer in sorted(m.get_type_getatts(type_name, REGION).items()):
        if re.search(r"[\\*\[\](){}+?|^$]", name):
            continue
        try:
            node = schema.resolver.resolve_cfn_pointer(pointer)
        except Exception:  # pragma: no cover - a pointer cfn-lint cannot follow
            unchecked.append(name)
            continue
        fmts = schema_formats(node)
        if fmts:
            formats[name] = fmts
    if formats:
        out["ra"] = formats
    if unchecked:
        out["ru"] = sorted(set(unchecked))
    return out


def nested_presence(sub):
    """The keys an object must hold, for a sub-schema that asks only that
    (`{"type": "object", "properties": {"ZipFile": true}, "required": ["ZipFile"]}`)."""
    if set(sub) - {"type", "properties", "required", "additionalProperties"} or sub.get("type") != "object":
        return None
    if sub.get("additionalProperties", True) is not True:
        return None
    if any(v is not True for v in (sub.get("properties") or {}).values()):
        return None
    names = [r for r in sub.get("required") or [] if isinstance(r, str)]
    return sorted(names) or None


def simple_condition(cond):
    """An if-schema of literal values and presence, as {"p": {name: [values]},
    "rq": [names]}; None for any other form."""
    if not isinstance(cond, dict) or set(cond) - {"properties", "required", "type"}:
        return None
    if cond.get("type", "object") != "object":
        return None
    values = {}
    nested = []
    for name, sub in sorted((cond.get("properties") or {}).items()):
        if not isinstance(sub, dict):
            return None
        inner = nested_presence(sub)
        if inner is not None and name in (cond.get("required") or []):
            nested.extend(name + "." + n for n in inner)
            continue
        if set(sub) - {"const", "enum", "type"}:
            return None
        if "const" in sub:
            values[name] = [sub["const"]]
        elif isinstance(sub.get("enum"), list):
            values[name] = list(sub["enum"])
        else:
            return None
    required = sorted({r for r in cond.get("required") or [] if isinstance(r, str)} | set(nested))
    if not values and not required:
        return None
    out = {}
    if values:
        out["p"] = values
    if required:
        out["rq"] = required
    return out


def data_only_rules():
    """The E rules of cfn-lint whose check is their schema data alone, instantiated."""
    from cfnlint.rules.jsonschema.CfnLintJsonSchema import CfnLintJsonSchema

    out = []
    for _, cls in cfnlint_rule_classes("cfnlint.rules.resources"):
        if not issubclass(cls, CfnLintJsonSchema) or not cls.id.startswith("E"):
            continue
        if cls.validate is not CfnLintJsonSchema.validate or cls._iter_errors is not CfnLintJsonSchema._iter_errors:
            continue  # the rule's code filters or changes what the data says
        rule = cls()
        if not rule._use_schema_arg:
            out.append(rule)
    return out


def conditional_requirements():
    """[(type, [path parts], [condition, required names])] from the if/then data
    of cfn-lint's schema rules that check with the data alone (errors only)."""
    out = []
    for rule in data_only_rules():
        schema = rule._schema
        members = schema.get("allOf") if isinstance(schema.get("allOf"), list) else [schema]
        for member in members:
            if not isinstance(member, dict) or "if" not in member or "else" in member:
                continue
            then = member.get("then")
            cond = simple_condition(member["if"])
            if cond is None or not isinstance(then, dict) or not isinstance(then.get("required"), list):
                if isinstance(then, dict) and "required" in then:
                    STATS.note("conditional requirement of another form left out", rule.id)
                continue
            required = sorted({r for r in then["required"] if isinstance(r, str)})
            for keyword in rule.keywords:
                parts = keyword.split("/")
                if len(parts) < 3 or parts[0] != "Resources" or parts[2] != "Properties" or parts[1] == "*":
                    continue
                out.append((parts[1], parts[3:], [cond, required]))
    return out


def size_choices():
    """[(type, [path parts], [limit, values, step])]: a number of a property that must be
    one of `values` when at most `limit`, and a multiple of `step` above it, from rule
    data of the form {then: {properties: {P: {if: {maximum}, then: {enum}, else:
    {multipleOf}}}}} (cfn-lint's CloudWatch alarm periods, E3615)."""
    out = []
    for rule in data_only_rules():
        schema = rule._schema
        members = schema.get("allOf") if isinstance(schema.get("allOf"), list) else [schema]
        for member in members:
            then = member.get("then") if isinstance(member, dict) else None
            props = then.get("properties") if isinstance(then, dict) else None
            if not isinstance(props, dict):
                continue
            for name, node in sorted(props.items()):
                if not isinstance(node, dict) or set(node) != {"if", "then", "else"}:
                    continue
                cond, small, large = node["if"], node["then"], node["else"]
                shaped = (isinstance(cond, dict) and set(cond) == {"maximum"} and isinstance(small, dict)
                          and set(small) == {"enum"} and isinstance(large, dict) and set(large) == {"multipleOf"})
                values = small.get("enum") if isinstance(small, dict) else None
                if not shaped or not is_number(cond["maximum"]) or not is_number(large["multipleOf"]) \
                        or not isinstance(values, list) or not all(is_number(v) for v in values):
                    STATS.note("size choice of another form left out", rule.id)
                    continue
                for keyword in rule.keywords:
                    parts = keyword.split("/")
                    if len(parts) < 3 or parts[0] != "Resources" or parts[2] != "Properties" or parts[1] == "*":
                        continue
                    out.append((parts[1], parts[3:] + [name], [cond["maximum"], sorted(values), large["multipleOf"]]))
    return out


def attach_size_choices(schemas, choices):
    for type_name, parts, entry in choices:
        node = schemas.get(type_name, {})
        for part in parts:
            node = raw_resolve(schemas.get(type_name, {}), node)
            props = node.get("properties") if isinstance(node, dict) else None
            node = props.get(part) if isinstance(props, dict) else None
        if not isinstance(node, dict):
            STATS.note("size choice path not found", "%s %s" % (type_name, "/".join(parts)))
            continue
        node[SIZE_CHOICE_KEY] = entry


def attach_conditionals(schemas, conditionals):
    """Puts each conditional requirement beside the schema node at its path."""
    for type_name, parts, entry in conditionals:
        schema = schemas.get(type_name)
        if schema is None:
            continue
        node = schema
        for part in parts:
            node = raw_resolve(schema, node)
            if part == "*":
                node = node.get("items") if isinstance(node, dict) else None
            else:
                props = node.get("properties") if isinstance(node, dict) else None
                node = props.get(part) if isinstance(props, dict) else None
            if not isinstance(node, dict):
                break
        if not isinstance(node, dict):
            STATS.note("conditional requirement path not found", "%s %s" % (type_name, "/".join(parts)))
            continue
        lst = node.setdefault(CONDITIONAL_KEY, [])
        if entry not in lst:
            lst.append(entry)


def rule_facts(schemas):
    from cfnlint.rules.resources.ectwo.InstanceImageId import InstanceImageId

    known = {InstanceImageId.id}
    for rule_id, (type_name, key, names) in sorted(RULE_FACTS.items()):
        if rule_id not in known:
            raise SystemExit("gen_catalog: cfn-lint has no rule %s any more; review RULE_FACTS" % rule_id)
        schema = schemas.get(type_name)
        if schema is not None and key == "ror":
            schema["requiredOr"] = names


# Facts about values the registry schemas leave as plain strings, from the AWS
# documentation: an SQS queue's dead-letter target is an SQS queue ARN
# (arn:PARTITION:sqs:REGION:ACCOUNT:NAME, a name of at most 80 letters, digits, `-`
# and `_`, with `.fifo` for a FIFO queue).
VALUE_FACTS = {
    ("AWS::SQS::Queue", ("RedrivePolicy", "deadLetterTargetArn")): {
        "format": "AWS::SQS::Queue.Arn",
        "pattern": r"^arn:aws[a-zA-Z-]*:sqs:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$",
        "patternDescription": "the ARN of an SQS queue (`arn:aws:sqs:REGION:ACCOUNT:NAME`)",
    },
}


def value_facts(schemas):
    for (type_name, path), facts in sorted(VALUE_FACTS.items()):
        node = schemas.get(type_name, {}).get("properties", {})
        for i, name in enumerate(path):
            node = node.get(name) if isinstance(node, dict) else None
            if node is None:
                raise SystemExit("gen_catalog: %s has no %s any more; review VALUE_FACTS" % (type_name, ".".join(path)))
            if i + 1 < len(path):
                node = node.get("properties")
        node.update(facts)


# -- resource policies -------------------------------------------------------

# CreationPolicy shapes the AWS documentation gives for types cfn-lint's rule E3055
# has no schema for (it accepts anything there): an instance waits for signals.
CREATION_POLICY_FACTS = {
    "AWS::EC2::Instance": {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "ResourceSignal": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"Count": {"type": "integer"}, "Timeout": {"type": "string"}},
            }
        },
    },
}


def inline_refs(node, root, depth=0):
    """A copy of node with every local $ref of root replaced by its target."""
    if depth > 32:
        raise SystemExit("gen_catalog: policy schema nests too deep")
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            target = lookup_pointer(root, node["$ref"])
            if target is None:
                raise SystemExit("gen_catalog: policy schema has an unknown $ref %s" % node["$ref"])
            merged = dict(target)
            merged.update({k: v for k, v in node.items() if k != "$ref"})
            return inline_refs(merged, root, depth + 1)
        return {k: inline_refs(v, root, depth + 1) for k, v in node.items()}
    if isinstance(node, list):
        return [inline_refs(v, root, depth + 1) for v in node]
    return node


def policy_facts(schemas):
    """type -> {"CreationPolicy": schema, "UpdatePolicy": schema}: cfn-lint's shapes of
    the two resource attributes (rule E3055 for CreationPolicy, update_policy.json of
    rule E3016 for UpdatePolicy), for the types that take them."""
    from cfnlint.data.schemas.other import resources as other_resources
    from cfnlint.rules.resources.CreationPolicy import CreationPolicy

    out = defaultdict(dict)
    rule = CreationPolicy()
    for type_name in sorted(schemas):
        shape = rule._get_schema(type_name) or CREATION_POLICY_FACTS.get(type_name)
        if shape:
            out[type_name]["CreationPolicy"] = copy.deepcopy(shape)
    path = os.path.join(os.path.dirname(other_resources.__file__), "update_policy.json")
    with open(path, encoding="utf-8") as fh:
        update = json.load(fh)
    for branch in update.get("allOf", []):
        then = branch.get("then")
        cond = (branch.get("if") or {}).get("properties", {}).get("Type", {})
        if not isinstance(then, dict):
            continue
        types = [cond["const"]] if "const" in cond else cond.get("enum", [])
        shape = (then.get("properties") or {}).get("UpdatePolicy")
        if not isinstance(shape, dict):
            continue
        for type_name in types:
            if type_name not in schemas:
                raise SystemExit("gen_catalog: update_policy.json names %s, which has no schema" % type_name)
            out[type_name]["UpdatePolicy"] = inline_refs(shape, update)
    return dict(out)


def policies_line(policies):
    """Which types take each policy, for messages."""
    names = {}
    for kind in ("CreationPolicy", "UpdatePolicy"):
        names[kind] = sorted(t for t, p in policies.items() if kind in p)
    return names


# -- SAM ---------------------------------------------------------------------

# The SAM types (AWS::Serverless::*), checked when a template has this transform.
SAM_TRANSFORM = "AWS::Serverless-2016-10-31"

# The CloudFormation type each SAM type becomes under its own logical ID, so that its
# `Ref` and `Fn::GetAtt` are that type's (AWS SAM documentation, "Referencing resources
# generated by AWS SAM"); a SAM type not listed has no attributes.
SAM_GENERATED = {
    "AWS::Serverless::Api": "AWS::ApiGateway::RestApi",
    "AWS::Serverless::Application": "AWS::CloudFormation::Stack",
    "AWS::Serverless::CapacityProvider": "AWS::Lambda::CapacityProvider",
    "AWS::Serverless::Function": "AWS::Lambda::Function",
    "AWS::Serverless::GraphQLApi": "AWS::AppSync::GraphQLApi",
    "AWS::Serverless::HttpApi": "AWS::ApiGatewayV2::Api",
    "AWS::Serverless::LayerVersion": "AWS::Lambda::LayerVersion",
    "AWS::Serverless::SimpleTable": "AWS::DynamoDB::Table",
    "AWS::Serverless::StateMachine": "AWS::StepFunctions::StateMachine",
    "AWS::Serverless::WebSocketApi": "AWS::ApiGatewayV2::Api",
}

# Keys of a converted record that describe what Ref and GetAtt give.
RETURN_KEYS = ("a", "ax", "ap", "rr", "rn", "rrc", "ra", "ru")


def sam_schemas():
    """type -> a registry-like schema of its Properties, from the AWS SAM translator's
    own schema (its pydantic models). Properties SAM passes through to CloudFormation
    are left unconstrained."""
    from samtranslator.internal.schema_source.schema import Model, get_schema

    full = get_schema(Model)
    defs = full.get("definitions", {})
    out = {}
    for name in sorted(defs):
        res = defs[name]
        if not name.endswith("__Resource"):
            continue
        types = ((res.get("properties") or {}).get("Type") or {}).get("enum") or []
        if len(types) != 1 or not types[0].startswith("AWS::Serverless::"):
            continue
        ref = ((res.get("properties") or {}).get("Properties") or {}).get("$ref", "")
        body = lookup_pointer(full, ref) if ref else None
        if not isinstance(body, dict):
            raise SystemExit("gen_catalog: the SAM schema of %s has no Properties" % types[0])
        schema = {k: v for k, v in body.items() if k in CONSTRAINT_KEYS}
        schema["definitions"] = defs
        out[types[0]] = schema
    missing = sorted(set(SAM_GENERATED) - set(out))
    if missing:
        raise SystemExit("gen_catalog: the SAM schema has no %s any more; review SAM_GENERATED" % ", ".join(missing))
    return out


def sam_policy_templates():
    """The shape of a SAM policy template item (`{DynamoDBCrudPolicy: {TableName: ...}}`),
    from the translator's policy templates: each template takes its parameters, all
    required and strings (SAM puts them into Fn::Sub). Other keys are left free: an item
    may be an inline policy document instead."""
    from samtranslator.policy_templates_data import POLICY_TEMPLATES_FILE

    with open(POLICY_TEMPLATES_FILE, encoding="utf-8") as fh:
        templates = json.load(fh)["Templates"]
    props = {}
    for name in sorted(templates):
        params = sorted(templates[name].get("Parameters") or {})
        shape = {"type": "object", "additionalProperties": False,
                 "properties": {p: {"type": "string"} for p in params}}
        if params:
            shape["required"] = params
        props[name] = shape
    return props


def with_policy_templates(schema):
    """Policies of a SAM type: a string, a policy object, or a list of them; the objects
    are checked as policy templates. One shape of several kinds says it without
    alternatives: its properties apply to an object, its items to a list."""
    policies = (schema.get("properties") or {}).get("Policies")
    if not isinstance(policies, dict):
        return schema
    templates = sam_policy_templates()
    item = {"type": ["string", "object"], "properties": templates}
    schema = dict(schema)
    schema["properties"] = dict(schema["properties"])
    schema["properties"]["Policies"] = {"type": ["string", "object", "array"], "properties": templates, "items": item}
    return schema


def sam_records(records, producers):
    """type -> catalog record of each SAM type: its properties, `sam`, and the returns of
    the type it becomes."""
    out = {}
    for type_name, schema in sam_schemas().items():
        rec = TypeConverter(type_name, with_policy_templates(schema), producers).convert()
        rec["sam"] = 1
        generated = records.get(SAM_GENERATED.get(type_name, ""), {})
        for key in RETURN_KEYS:
            if key in generated:
                rec[key] = generated[key]
        out[type_name] = rec
    return out


def rules_line(formats, policies):
    return dumps({"formats": formats, "standard_formats": standard_formats(), "policies": policies_line(policies)})


# -- driver ------------------------------------------------------------------

def load_schemas():
    from cfnlint.schema.manager import PROVIDER_SCHEMA_MANAGER as m

    types = sorted(set(m.get_resource_types(REGION)))
    return {t: copy.deepcopy(m.get_resource_schema(REGION, t).schema) for t in types}


def generate():
    schemas = load_schemas()
    attach_policies(schemas)  # IAM policy documents (tools/catalog_iam.py)
    attach_conditionals(schemas, conditional_requirements())
    attach_size_choices(schemas, size_choices())
    rule_facts(schemas)
    value_facts(schemas)
    formats = format_rules()
    producers = build_producers(schemas)
    policies = policy_facts(schemas)
    lines = []
    header = {
        "cfn_lint": importlib.metadata.version("cfn-lint"),
        "format": FORMAT_VERSION,
        "region": REGION,
        "types": len(schemas),
    }
    lines.append(dumps(header))
    lines.append(rules_line(formats, policies))
    records = {}
    for type_name in sorted(schemas):
        conv = TypeConverter(type_name, schemas[type_name], producers)
        rec = conv.convert()
        for kind, key in (("CreationPolicy", "cp"), ("UpdatePolicy", "up")):
            if kind in policies.get(type_name, {}):
                rec[key] = conv.conv(policies[type_name][kind])
        rec.update(return_facts(type_name))
        records[type_name] = rec
    sam = sam_records(records, producers)
    clash = sorted(set(sam) & set(records))
    if clash:
        raise SystemExit("gen_catalog: the registry has SAM type names: %s" % ", ".join(clash))
    records.update(sam)
    header["sam_types"] = len(sam)
    lines[0] = dumps(header)
    for type_name in sorted(records):
        body = dumps(records[type_name])
        lines.append('{"t":%s%s%s' % (json.dumps(type_name), "," if body != "{}" else "", body[1:]))
    return "\n".join(lines) + "\n", len(records)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", default=DEFAULT_OUT, help="output file (default: %(default)s)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print what was left out")
    args = ap.parse_args(argv)

    start = time.monotonic()
    text, count = generate()
    data = text.encode("utf-8")
    out_dir = os.path.dirname(os.path.abspath(args.output))
    os.makedirs(out_dir, exist_ok=True)
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
    os.replace(tmp, args.output)
    elapsed = time.monotonic() - start
    if args.verbose:
        for what in sorted(STATS.c):
            print("note: %s: %d (e.g. %s)" % (what, STATS.c[what], ", ".join(STATS.examples[what])))
    print("wrote %s: %d types, %d bytes (%.2f MB) in %.1f s"
          % (os.path.relpath(args.output), count, len(data), len(data) / 1e6, elapsed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
