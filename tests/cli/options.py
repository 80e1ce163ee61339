#!/usr/bin/env python3
"""The command line's behaviour that a unit test of the option logic cannot see: exit
statuses, which stream gets what, and the files written.

Usage: options.py INFRAC PROJECT_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

failures = []


def run(infrac, project, *args):
    return subprocess.run([infrac, *args], cwd=project, capture_output=True, text=True)


def expect(what, condition, detail=""):
    print(f"{'ok  ' if condition else 'FAIL'} {what}")
    if not condition:
        failures.append(what)
        if detail:
            print(f"     {detail}")


def main():
    infrac, project = sys.argv[1], os.path.abspath(sys.argv[2])
    clean, failing = "tests/golden/annotations.infra", "tests/golden/fail_unknown_name.infra"
    scratch = tempfile.mkdtemp(prefix="infrac-cli-")
    try:
        r = run(infrac, project, "biuld", clean)
        expect("an unknown command is named, with the nearest one",
               r.returncode == 2 and "unknown command `biuld`; did you mean `build`?" in r.stderr, r.stderr)

        out = os.path.join(scratch, "t.json")
        r = run(infrac, project, "build", clean, "-o", out)
        with open(out, encoding="utf-8") as f:
            text = f.read()
        expect("build -o x.json writes JSON", r.returncode == 0 and text.lstrip().startswith("{"), text[:80])
        json.loads(text)

        r = run(infrac, project, "build", clean, "-o", os.path.join(scratch, "u.json"), "--format", "yaml")
        expect("--format contradicting -o's extension is a usage error",
               r.returncode == 2 and "names a JSON file, but --format yaml" in r.stderr
               and not os.path.exists(os.path.join(scratch, "u.json")), r.stderr)

        r = run(infrac, project, "build", clean, "--nested-stacks", "-o", os.path.join(scratch, "p.yaml"))
        expect("--nested-stacks -o p.yaml asks for a directory",
               r.returncode == 2 and "name a directory" in r.stderr, r.stderr)

        for fmt in ("json", "sarif"):
            r = run(infrac, project, "build", clean, "--diagnostics-format", fmt)
            expect(f"build --diagnostics-format {fmt} without -o is a usage error",
                   r.returncode == 2 and "with -o FILE" in r.stderr and r.stdout == "", r.stderr)

        r = run(infrac, project, "check", failing, "--diagnostics-format", "json")
        expect("JSON diagnostics go to stdout, nothing to stderr",
               r.returncode == 1 and r.stderr == "" and json.loads(r.stdout)[0]["code"] == "E0401", r.stderr)

        r = run(infrac, project, "build", clean, "-o", os.path.join(scratch, "v.yaml"), "--diagnostics-format", "json")
        expect("a clean build prints [] on stdout", r.returncode == 0 and json.loads(r.stdout) == [] and r.stderr == "",
               r.stdout + r.stderr)

        r = run(infrac, project, "check-template", "tests/golden/templates/fail_iam_policies.yaml",
                "--diagnostics-format", "json")
        expect("check-template takes --diagnostics-format",
               r.returncode == 1 and len(json.loads(r.stdout)) > 0, r.stderr)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if failures:
        print(f"options.py: {len(failures)} failed", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
