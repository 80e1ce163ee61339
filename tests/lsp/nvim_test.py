#!/usr/bin/env python3
"""Runs nvim_test.lua in Neovim, headless, against `infrac lsp`.

Usage: nvim_test.py INFRAC
Exits 77 (skipped) when Neovim is not installed, except when CI is set.
"""
import os
import shutil
import subprocess
import sys
import tempfile

PROGRAM = '''import std.network.vpc

/// The prefix of every name.
param prefix: string = "demo"

module net = vpc {
  name = prefix
  cidr = "10.0.0.0/16"
}

let bucket_name = "${prefix}-logs"
resource logs: AWS::S3::Bucket {
  BucketName = bucket_nam
}

output vpc_id = net.vpc_id
'''


def main():
    infrac = os.path.abspath(sys.argv[1])
    nvim = shutil.which("nvim")
    if nvim is None:
        message = "Neovim is not installed (tools/install-deps.sh installs Debian's neovim)"
        if os.environ.get("CI"):
            print(f"nvim_test.py: FAIL: {message}", file=sys.stderr)
            sys.exit(1)
        print(f"nvim_test.py: skipped: {message}")
        sys.exit(77)
    work = tempfile.mkdtemp(prefix="infrac-nvim-")
    try:
        path = os.path.join(work, "main.infra")
        with open(path, "w") as f:
            f.write(PROGRAM)
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nvim_test.lua")
        env = dict(os.environ, INFRAC=infrac, FILE=path, XDG_CONFIG_HOME=work, XDG_DATA_HOME=work, XDG_STATE_HOME=work)
        try:
            r = subprocess.run([nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", "luafile " + script],
                               env=env, cwd=work, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            print("nvim_test.py: FAIL: Neovim did not finish within 120 s", file=sys.stderr)
            sys.exit(1)
        sys.stdout.write(r.stdout)
        if r.stderr.strip():
            sys.stderr.write(r.stderr)
        if r.returncode != 0 or "nvim: all passed" not in r.stdout:
            print(f"nvim_test.py: FAIL: Neovim exited with {r.returncode}", file=sys.stderr)
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
