#!/usr/bin/env python3
"""No false positives from schema patterns: for every distinct pattern of the resource
catalog, texts are generated that the pattern may match, Python's `regex` (the engine
of cfn-lint) decides which do match, and infrac's matcher must accept each of those.

    differential.py PROBE CATALOG [--per-pattern N] [--seed S]

PROBE is tests/patterns/probe.cpp built; CATALOG is compiler/catalog/data/cfn-catalog.jsonl.
Exits 77 (skipped) without the `regex` module, except when CI is set.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys

try:
    import re._constants as C
    import re._parser as parser
except ImportError:  # before Python 3.11
    import sre_constants as C
    import sre_parse as parser

# Characters texts are drawn from: ASCII, and the kinds on which engines disagree
# (accented and CJK letters, non-ASCII digits and spaces, line breaks, astral ones).
POOL = [chr(c) for c in range(0x20, 0x7F)] + list(
    "\t\n\r\x0b\x0c\x00\x1c\x1f\x7fé üßΩж日本語😀𝄞\u00a0\u3000\u2028\u2029\u0085\u200b\ufeff٣Ⅳⓐ\u0301\uff10ｆ")
# Stand-ins for Unicode properties, which Python's own parser (used to generate) lacks.
PROPERTY_SAMPLES = {
    "L": "aZéжΩ日ʰ", "Lu": "AZΩЖ", "Ll": "azéж", "N": "09٣Ⅳ²", "Nd": "09٣", "Z": " \u00a0\u3000\u2028",
    "Zs": " \u00a0\u3000", "P": "-_.!\"#%&'()*,/:;?@[]{}¿", "S": "$+<=>^`|~©€", "M": "\u0301\u0308",
    "C": "\x00\x1f\x7f\u200b", "Cc": "\x00\x1f\x7f", "Graph": "a~!0é日", "Print": " a~", "ASCII": "\x00a~\x7f",
}


def escaped(ch):
    c = ord(ch)
    return "\\x%02x" % c if c < 0x100 else "\\u%04x" % c if c < 0x10000 else "\\U%08x" % c


def for_generating(pattern):
    """The pattern with each \\p{X} replaced by a class of sample characters."""
    def sample(m):
        chars = "".join(escaped(c) for c in PROPERTY_SAMPLES.get(m.group(2) or m.group(3), "a"))
        inside = m.string[:m.start()].rfind("[") > m.string[:m.start()].rfind("]")
        if m.group(1) == "P":
            return "[^" + chars + "]"
        return chars if inside else "[" + chars + "]"
    return re.sub(r"\\([pP])(?:\{(\w+)\}|(\w))", sample, pattern)


def in_items(items, ch):
    for op, av in items:
        if op == C.LITERAL and av == ord(ch):
            return True
        if op == C.RANGE and av[0] <= ord(ch) <= av[1]:
            return True
        if op == C.CATEGORY:
            word = ch.isalnum() or ch == "_"
            if {C.CATEGORY_DIGIT: ch.isdecimal(), C.CATEGORY_NOT_DIGIT: not ch.isdecimal(),
                    C.CATEGORY_WORD: word, C.CATEGORY_NOT_WORD: not word,
                    C.CATEGORY_SPACE: ch.isspace(), C.CATEGORY_NOT_SPACE: not ch.isspace()}.get(av):
                return True
    return False


def pick(rnd, items):
    negated = bool(items) and items[0][0] == C.NEGATE
    body = items[1:] if negated else items
    if not negated and rnd.random() < 0.7:
        op, av = rnd.choice(body)
        if op == C.LITERAL:
            return chr(av)
        if op == C.RANGE:
            return chr(rnd.choice([av[0], av[1], rnd.randint(av[0], av[1])]))
    for _ in range(60):
        ch = rnd.choice(POOL)
        if in_items(body, ch) != negated:
            return ch
    return rnd.choice(POOL)


def generate(rnd, nodes):
    out = []
    for op, av in nodes:
        if op == C.LITERAL:
            out.append(chr(av))
        elif op == C.NOT_LITERAL:
            ch = rnd.choice(POOL)
            out.append(ch if ord(ch) != av else "x")
        elif op == C.ANY:
            out.append(rnd.choice([c for c in POOL if c != "\n"]))
        elif op == C.IN:
            out.append(pick(rnd, av))
        elif op == C.CATEGORY:
            out.append(pick(rnd, [(op, av)]))
        elif op == C.BRANCH:
            out.append(generate(rnd, rnd.choice(av[1])))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, hi, sub = av
            hi = lo + 4 if hi == C.MAXREPEAT else min(hi, lo + 4)
            out.append("".join(generate(rnd, sub) for _ in range(rnd.choice([lo, hi, rnd.randint(lo, hi)]))))
        elif op == C.SUBPATTERN:
            out.append(generate(rnd, av[-1]))
        elif op == getattr(C, "ATOMIC_GROUP", None):
            out.append(generate(rnd, av))
        elif op not in (C.AT, C.ASSERT, C.ASSERT_NOT):
            raise ValueError(op)  # backreferences and conditionals: no text generated
    return "".join(out)


def catalog_patterns(path):
    found = set()
    def walk(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if k == "pt" and isinstance(v, str):
                    found.add(v)
                elif k == "mp" and isinstance(v, list):
                    for pair in v:
                        found.add(pair[0])
                        walk(pair[1])
                else:
                    walk(v)
        elif isinstance(o, list):
            for x in o:
                walk(x)
    with open(path, encoding="utf-8") as f:
        next(f)  # the header
        for line in f:
            walk(json.loads(line))
    return sorted(found)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("probe")
    ap.add_argument("catalog")
    ap.add_argument("--per-pattern", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    try:
        import regex
    except ImportError:
        if os.environ.get("CI"):
            print("not ok - the Python module `regex` (cfn-lint's) is missing")
            return 1
        print("SKIP: the Python module `regex` is not installed")
        return 77
    rnd = random.Random(a.seed)
    records, truth = [], []
    for p in catalog_patterns(a.catalog):
        try:
            tree, oracle = parser.parse(for_generating(p)), regex.compile(p)
        except Exception:  # a syntax Python's parser or `regex` does not read
            continue
        for _ in range(a.per_pattern):
            try:
                text = generate(rnd, list(tree))
            except (ValueError, RecursionError):
                break
            # Unanchored patterns are searched for: some texts get more around them.
            text = rnd.choice(["", "", "", "x", " ", "\n"]) + text + rnd.choice(["", "", "", "x", " ", "\n", "é"])
            if any(c in "\x1e\x1f" or 0xD800 <= ord(c) <= 0xDFFF for c in text):
                continue
            try:
                truth.append(oracle.search(text, timeout=1) is not None)
            except TimeoutError:
                continue
            records.append("J\x1f" + p + "\x1f" + text + "\x1e")
    run = subprocess.run([a.probe], input="".join(records).encode("utf-8"), capture_output=True, check=True)
    answers = run.stdout.decode().strip()
    if len(answers) != len(truth):
        print("not ok - the probe gave %d answers for %d texts" % (len(answers), len(truth)))
        return 1
    false_positives = [r for r, t, ans in zip(records, truth, answers) if t and ans == "N"]
    caught = sum(1 for t, ans in zip(truth, answers) if not t and ans == "N")
    print("# %d texts: cfn-lint's engine accepts %d, rejects %d; infrac rejects %d of those, and %d it accepts"
          % (len(truth), sum(truth), len(truth) - sum(truth), caught, len(false_positives)))
    for r in false_positives[:20]:
        _, p, text = r[:-1].split("\x1f")
        print("not ok - %r rejects %r" % (p, text))
    if caught == 0:
        print("not ok - infrac rejected none of the texts that do not match: is the probe checking?")
        return 1
    return 1 if false_positives else 0


if __name__ == "__main__":
    sys.exit(main())
