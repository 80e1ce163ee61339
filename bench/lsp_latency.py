#!/usr/bin/env python3
"""How long `infrac lsp` takes from an edit to the diagnostics of it, on generated
programs (gen_program.py) of N resources. Not a test: it prints figures.

Usage: lsp_latency.py INFRAC [--sizes 100,1000] [--edits 10] [--mixed]

For each size: open the document, then make `--edits` edits, each a one-character change
of a resource's name inside a string (a change that keeps the program valid) followed by
an edit that breaks a name (a diagnostic must appear), and measure the time from sending
the change to receiving its publishDiagnostics, with the server's debounce set to 0 so
that what is measured is the check. Prints the median and the worst, in milliseconds,
beside hover and completion round trips on the same document.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "tests", "lsp"))
from lsp_client import Client  # noqa: E402


def measure(infrac, n, edits, mixed):
    work = tempfile.mkdtemp(prefix="infrac-lsp-bench-")
    path = os.path.join(work, "main.infra")
    args = [sys.executable, os.path.join(here, "gen_program.py"), str(n), "-o", path] + (["--mixed"] if mixed else [])
    subprocess.run(args, check=True)
    text = open(path).read()
    uri = "file://" + path
    c = Client([infrac, "lsp", "--debounce-ms", "0"], cwd=work)
    c.initialize(work)
    t0 = time.monotonic()
    c.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "infra", "version": 1, "text": text}})
    c.diagnostics(uri, 1, timeout=120)
    open_ms = (time.monotonic() - t0) * 1000
    valid, broken = [], []
    version = 1
    # An edit in the middle of the file: a character of the last string before the middle.
    mid = text.rfind('"', 0, len(text) // 2) - 1
    line = text.count("\n", 0, mid)
    col = mid - (text.rfind("\n", 0, mid) + 1)
    for i in range(edits):
        for kind, new in (("valid", "xyz"[i % 3]), ("broken", None)):
            version += 1
            if new is None:
                change = {"text": text + "\noutput oops = no_such_name\n"}
            else:
                change = {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}},
                          "text": new}
                text = text[:mid] + new + text[mid + 1:]
            t = time.monotonic()
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]})
            diags = c.diagnostics(uri, version, timeout=120)
            ms = (c.last_time - t) * 1000
            (broken if new is None else valid).append(ms)
            if new is None and not diags:
                raise SystemExit("lsp_latency.py: the broken edit got no diagnostic")
        # Back to the valid text.
        version += 1
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})
        c.diagnostics(uri, version, timeout=120)
    pos = {"line": line, "character": 3}
    t = time.monotonic()
    c.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": pos})
    hover_ms = (time.monotonic() - t) * 1000
    t = time.monotonic()
    c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": pos})
    completion_ms = (time.monotonic() - t) * 1000
    c.close()
    return open_ms, valid, broken, hover_ms, completion_ms


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("infrac")
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--mixed", action="store_true")
    o = ap.parse_args()
    print("| resources | open (ms) | edit to diagnostics, median (ms) | worst (ms) | broken edit, median (ms) | hover (ms) | completion (ms) |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in [int(s) for s in o.sizes.split(",")]:
        open_ms, valid, broken, hover_ms, completion_ms = measure(os.path.abspath(o.infrac), n, o.edits, o.mixed)
        print(f"| {n} | {open_ms:.0f} | {statistics.median(valid):.0f} | {max(valid + broken):.0f} | "
              f"{statistics.median(broken):.0f} | {hover_ms:.0f} | {completion_ms:.0f} |")


if __name__ == "__main__":
    main()
