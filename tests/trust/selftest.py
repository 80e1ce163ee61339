#!/usr/bin/env python3
"""The differential harness can fail: run.py with stand-in compilers must report what they
do wrong.

    selftest.py

- a compiler that accepts everything and writes a template cfn-lint rejects: escapes;
- one that rejects even the unmutated programs: a failure naming them;
- one that never answers: hangs, each a failure.
Each run must exit 1 and say so. Exits 77 when cfn-lint is missing (1 under CI).
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cfnlint_batch  # noqa: E402

BAD_TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/33
"""

FAKES = {
    # build writes a template with an error and exits 0; check-template accepts.
    "accepts": """
args = sys.argv[1:]
if args[0] == "build":
    open(args[args.index("-o") + 1], "w").write(BAD)
sys.exit(0)
""",
    "rejects": """
print('[{"code": "E0999", "severity": "error", "message": "no"}]')
sys.exit(1)
""",
    "hangs": """
time.sleep(60)
""",
}

EXPECT = {
    "accepts": re.compile(r"^total: [1-9]\d* escapes", re.M),
    "rejects": re.compile(r"^not ok - unmutated program ", re.M),
    "hangs": re.compile(r"^not ok - .*: hang: ", re.M),
}


def main():
    if not cfnlint_batch.available(os.environ.get("CFN_LINT", "cfn-lint")):
        ci = bool(os.environ.get("CI"))
        print("%s: cfn-lint not installed" % ("FAIL" if ci else "SKIP"))
        return 1 if ci else 77
    failed = 0
    with tempfile.TemporaryDirectory(prefix="trust-selftest.") as tmp:
        for name, body in FAKES.items():
            fake = os.path.join(tmp, "infrac-" + name)
            with open(fake, "w") as f:
                f.write("#!%s\nimport sys, time\nBAD = %r\n%s" % (sys.executable, BAD_TEMPLATE, body))
            os.chmod(fake, 0o755)
            r = subprocess.run([sys.executable, os.path.join(HERE, "run.py"), fake,
                                "--work", os.path.join(tmp, name), "--programs", "2",
                                "--only", "^tests/trust/seeds/iam_lambda",
                                "--templates", "2", "--timeout", "0.2", "--no-twins"],
                               capture_output=True, text=True, timeout=600)
            ok = r.returncode == 1 and EXPECT[name].search(r.stdout)
            print("%s - a compiler that %s: run.py exit %d" % ("ok" if ok else "not ok", name, r.returncode))
            if not ok:
                failed += 1
                print(r.stdout[-3000:] + r.stderr[-2000:])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
