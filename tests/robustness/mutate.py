#!/usr/bin/env python3
"""Bad input never crashes or hangs the compiler: the golden inputs and the stdlib,
mutated (tokens inserted, text cut or copied about) with a fixed seed, are each built,
and every build must end with status 0 (built) or 1 (diagnostics) within a time limit.

    mutate.py INFRAC SOURCE_ROOT [--cases N] [--seed S]

A failing input is kept in the working directory as mutant_N.infra to reproduce it.
"""
import argparse
import glob
import os
import random
import subprocess
import sys
import tempfile

TOKENS = [b"{", b"}", b"[", b"]", b"(", b")", b'"', b"${", b".", b",", b"=", b"==", b"?", b":", b"\\",
          b"\n", b"@", b"#", b"/*", b"for x in ", b"if ", b"module m = x {", b"null", b"-1e999",
          b"99999999999999999999", b"\xff", b"AWS::", b"resource r[", b'import "', b"let a = a\n"]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("infrac")
    p.add_argument("root")
    p.add_argument("--cases", type=int, default=200)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    rnd = random.Random(a.seed)
    files = sorted(glob.glob(os.path.join(a.root, "tests/golden/*.infra")) +
                   glob.glob(os.path.join(a.root, "stdlib/std/*/*.infra")))
    sources = [open(f, "rb").read() for f in files]
    work = tempfile.mkdtemp(prefix="mutate.")
    failed = 0
    for i in range(a.cases):
        s = bytearray(rnd.choice(sources))
        for _ in range(rnd.randint(1, 6)):
            op, pos = rnd.random(), rnd.randint(0, len(s))
            if op < 0.4:
                s[pos:pos] = rnd.choice(TOKENS)
            elif op < 0.7:
                del s[pos:pos + rnd.randint(1, 20)]
            else:
                q = rnd.randint(0, len(s))
                s[pos:pos] = s[q:q + rnd.randint(1, 40)]
        path = os.path.join(work, "case.infra")
        with open(path, "wb") as f:
            f.write(s)
        try:
            r = subprocess.run([a.infrac, "build", path, "-o", os.path.join(work, "out.yaml")],
                               capture_output=True, timeout=20)
            ok = r.returncode in (0, 1)
            why = "exit %d: %s" % (r.returncode, r.stderr[-400:].decode("utf-8", "replace"))
        except subprocess.TimeoutExpired:
            ok, why = False, "no answer in 20 s"
        if not ok:
            failed += 1
            kept = "mutant_%d.infra" % i
            with open(kept, "wb") as f:
                f.write(s)
            print("not ok - mutant %d (kept as %s): %s" % (i, kept, why))
    print("mutations: %d passed, %d failed" % (a.cases - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
