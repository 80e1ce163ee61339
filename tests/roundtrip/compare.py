#!/usr/bin/env python3
"""Compare CloudFormation templates as data, strictly: the round trip's judge.

    compare.py LIST

LIST holds one pair a line: ORIGINAL<TAB>BUILT. Both templates are read by cfn-lint's
decoder (YAML short forms become the long forms) and then normalised by the
equivalences listed in README.md, and only those; everything else must be equal:
the same sections, logical IDs, keys, values and types (a number is not a string, a
bool is not a number), lists in the same order. Prints one line per pair that differs,
with the first difference's path, and exits 1 if any does.
"""
import datetime
import math
import re
import sys

from cfnlint.decode import decode_str

PLACEHOLDER = re.compile(r"\$\{([^!}][^}]*)\}")


def fail(path, why):
    raise Difference(f"{'/'.join(str(p) for p in path) or '(top)'}: {why}")


class Difference(Exception):
    pass


def sub_parts(arg):
    """Fn::Sub as a list of parts: literal text (merged) and the values of placeholders.

    Equivalence 4 (README): variables of the list form are replaced by their values,
    placeholders `${X}`/`${X.Y}` are written as the Ref/GetAtt they stand for, `${!x}`
    is the literal text `${x}`, and a variable whose value is a string is literal text.
    """
    if isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str) and isinstance(arg[1], dict):
        text, variables = arg
    elif isinstance(arg, str):
        text, variables = arg, {}
    else:
        return None
    parts = []

    def add(p):
        if isinstance(p, str):
            if parts and isinstance(parts[-1], str):
                parts[-1] += p
            elif p:
                parts.append(p)
        else:
            parts.append(p)

    pos = 0
    while True:
        at = text.find("${", pos)
        if at < 0:
            break
        if text.startswith("${!", at):
            add(text[pos:at] + "${")
            pos = at + 3
            continue
        end = text.find("}", at + 2)
        if end < 0:
            break
        add(text[pos:at])
        name = text[at + 2:end]
        if name in variables:
            v = normalise(variables[name])
            if isinstance(v, dict) and list(v) == ["Fn::Sub"] and isinstance(v["Fn::Sub"], list) and v["Fn::Sub"][:1] == ["parts"]:
                for p in v["Fn::Sub"][1:]:
                    add(p)
            elif isinstance(v, str):
                add(v)
            else:
                add(v)
        elif "." in name and not name.startswith("AWS::"):
            r, a = name.split(".", 1)
            add({"Fn::GetAtt": [r, a]})
        else:
            add({"Ref": name})
        pos = end + 1
    add(text[pos:])
    return parts


def normalise(v):
    if isinstance(v, dict):
        if len(v) == 1:
            (k, a), = v.items()
            if k == "Fn::GetAtt" and isinstance(a, str) and "." in a:
                # Equivalence 2: `A.B` and [A, B].
                return {"Fn::GetAtt": a.split(".", 1)}
            if k == "Fn::Sub":
                parts = sub_parts(a)
                if parts is not None:
                    # Equivalence 3: a Sub without placeholders is its text.
                    if all(isinstance(p, str) for p in parts):
                        return "".join(parts)
                    return {"Fn::Sub": ["parts"] + parts}
            if k == "DependsOn":
                pass
        return {k: normalise(x) for k, x in v.items()}
    if isinstance(v, list):
        return [normalise(x) for x in v]
    if isinstance(v, (datetime.date, datetime.datetime)):
        # Equivalence 9: CloudFormation reads an unquoted date (`Version: 2012-10-17`)
        # as the string it is written as, and the language writes it as a string.
        return v.isoformat()
    return v


def kind(v):
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "list"
    if isinstance(v, dict):
        return "mapping"
    if v is None:
        return "null"
    return type(v).__name__


def equal(a, b, path):
    ka, kb = kind(a), kind(b)
    if ka != kb:
        fail(path, f"{ka} {short(a)} became {kb} {short(b)}")
    if ka == "mapping":
        if list(a) != list(b) and set(a) == set(b):
            pass  # Equivalence 1: the order of a mapping's keys is not data.
        missing = [k for k in a if k not in b]
        extra = [k for k in b if k not in a]
        if missing:
            fail(path, f"missing {missing}")
        if extra:
            fail(path, f"added {extra}")
        for k in a:
            equal(a[k], b[k], path + [k])
    elif ka == "list":
        if len(a) != len(b):
            fail(path, f"{len(a)} items became {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            equal(x, y, path + [i])
    elif ka == "number":
        if not (a == b or (math.isnan(a) and math.isnan(b))):
            fail(path, f"{a!r} became {b!r}")
    elif a != b:
        fail(path, f"{short(a)} became {short(b)}")


def short(v):
    s = repr(v)
    return s if len(s) <= 80 else s[:77] + "..."


def as_text(v):
    """A parameter's value as CloudFormation passes it: a string."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, list):
        return ",".join(as_text(x) for x in v)
    return str(v)


def canonical(t):
    t = normalise(t)
    if not isinstance(t, dict):
        return t
    # Equivalence 5: the format version is always 2010-09-09; absent means the same.
    if str(t.get("AWSTemplateFormatVersion", "2010-09-09")) == "2010-09-09":
        t.pop("AWSTemplateFormatVersion", None)
    for p in (t.get("Parameters") or {}).values():
        if not isinstance(p, dict):
            continue
        # Equivalence 6: parameter values and constraints are strings to CloudFormation.
        for key in ("Default", "MinLength", "MaxLength", "MinValue", "MaxValue", "NoEcho"):
            if key in p:
                p[key] = as_text(p[key])
        if isinstance(p.get("AllowedValues"), list):
            p["AllowedValues"] = [as_text(x) for x in p["AllowedValues"]]
        if p.get("NoEcho") == "false":
            del p["NoEcho"]
    for r in (t.get("Resources") or {}).values():
        # Equivalence 7: one dependency as a string or as a list of one.
        if isinstance(r, dict) and isinstance(r.get("DependsOn"), list) and len(r["DependsOn"]) == 1:
            r["DependsOn"] = r["DependsOn"][0]
    for o in (t.get("Outputs") or {}).values():
        # Equivalence 8: an output's value is a string; a number or bool is its text.
        if isinstance(o, dict) and isinstance(o.get("Value"), (int, float, bool)):
            o["Value"] = as_text(o["Value"])
    return t


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    t, matches = decode_str(text)
    if matches:
        raise Difference(f"cannot read: {matches[0].message}")
    return t


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    bad = 0
    with open(sys.argv[1], encoding="utf-8") as f:
        pairs = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for original, built in pairs:
        try:
            equal(canonical(load(original)), canonical(load(built)), [])
        except Difference as d:
            bad += 1
            print(f"differs - {original}: {d}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
