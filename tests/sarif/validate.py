#!/usr/bin/env python3
"""Checks infrac's SARIF logs with Microsoft's SARIF validator (@microsoft/sarif-multitool,
installed into tests/sarif/node_modules by tools/install-deps.sh).

Usage: validate.py INFRAC PROJECT_DIR

Four logs: `check` of a failing program, `check` of a program with warnings, `build` of a
clean program, `check-template` of a bad template. Each must parse, have the shape this
script expects of it (results or none, exit status), and pass the validator with no error
and no warning (its notes are suggestions, such as embedding snippets, and are ignored).
Exits 77 (skipped) when the validator is not installed, except when CI is set.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile


def fail(message):
    print(f"validate.py: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    infrac, project = sys.argv[1], os.path.abspath(sys.argv[2])
    tool_dir = os.path.join(project, "tests", "sarif")
    if not os.path.exists(os.path.join(tool_dir, "node_modules", ".bin", "sarif-multitool")) or not shutil.which("npx"):
        message = "the SARIF validator is not installed (tools/install-deps.sh runs `npm ci` in tests/sarif)"
        if os.environ.get("CI"):
            fail(message)
        print(f"validate.py: skipped: {message}")
        sys.exit(77)

    scratch = tempfile.mkdtemp(prefix="infrac-sarif-")
    # (name, arguments, expected exit status, whether results are expected)
    cases = [
        ("fail", ["check", "tests/golden/fail_comprehension_deploy_time.infra"], 1, True),
        ("warnings", ["check", "tests/golden/warn_iam_wildcard.infra"], 0, True),
        ("clean", ["build", "tests/golden/annotations.infra", "-o", os.path.join(scratch, "t.yaml")], 0, False),
        ("template", ["check-template", "tests/golden/templates/fail_iam_policies.yaml"], 1, True),
    ]
    try:
        for name, args, status, has_results in cases:
            # From the project's root, so that the files are named relative to it.
            run = subprocess.run([infrac, *args, "--diagnostics-format", "sarif"], cwd=project,
                                 capture_output=True, text=True)
            if run.returncode != status:
                fail(f"{name}: exit status {run.returncode}, expected {status}; stderr: {run.stderr}")
            if run.stderr:
                fail(f"{name}: SARIF mode printed on stderr: {run.stderr}")
            log = json.loads(run.stdout)
            results = log["runs"][0]["results"]
            if bool(results) != has_results:
                fail(f"{name}: {len(results)} results")
            # The validator checks that an index is in range, not that it names the rule.
            rules = log["runs"][0]["tool"]["driver"]["rules"]
            for r in results:
                if rules[r["ruleIndex"]]["id"] != r["ruleId"]:
                    fail(f"{name}: result {r['ruleId']} has the index of {rules[r['ruleIndex']]['id']}")
            path = os.path.join(scratch, f"{name}.sarif")
            with open(path, "w", encoding="utf-8") as f:
                f.write(run.stdout)
            out = os.path.join(scratch, f"{name}.validation.sarif")
            # npx hands its arguments to a shell: the quotes keep the `;` list in one piece.
            check = subprocess.run(["npx", "--no-install", "sarif-multitool", "validate", path, "-o", out,
                                    "--log", "ForceOverwrite", "--level", '"Error;Warning"'],
                                   cwd=tool_dir, capture_output=True, text=True)
            print(check.stdout.strip())
            if check.returncode != 0 or not os.path.exists(out):
                fail(f"{name}: the validator did not run (status {check.returncode}): {check.stderr}")
            # The validator exits 0 even when it finds errors: its own log says what it found.
            with open(out, encoding="utf-8") as f:
                found = json.load(f)["runs"][0].get("results", [])
            bad = [r for r in found if r.get("level", "warning") in ("error", "warning")]
            if bad:
                for r in bad:
                    print(f"  {r.get('level', 'warning')} {r['ruleId']}: {r['message']}", file=sys.stderr)
                fail(f"{name}: the validator found {len(bad)} problems in {path}")
            print(f"validate.py: {name}: {len(results)} results, valid")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
