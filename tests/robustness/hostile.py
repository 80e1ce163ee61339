#!/usr/bin/env python3
"""Hostile inputs end in a diagnostic: each input below once crashed, hung or exhausted
the machine. Every one must make the compiler exit with status 1 and print an error with
a code, within a generous 10 s guard (a hang, not a speed test) and under 1 GB of peak
memory (resident set, as the kernel reports it for the child).

    hostile.py INFRAC [--only NAME] [--keep DIR]

Prints one line per input with its status, code, seconds and peak memory.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

LIMIT_SECONDS = 10
LIMIT_BYTES = 1 << 30

TOPIC = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n"


def alias_bomb(levels, width, items):
    """YAML whose last anchor stands for width**levels * items scalars."""
    s = "a0: &a0 [" + ", ".join(["x"] * items) + "]\n"
    for i in range(1, levels):
        s += "a%d: &a%d [%s]\n" % (i, i, ", ".join(["*a%d" % (i - 1)] * width))
    return s


def cases():
    """(name, files {relative path: text}, argv after the binary, expected code or None).
    Each is made only when its turn comes (a generator), so that this process stays small:
    a child's peak memory as the kernel reports it includes its parent's at the fork."""
    # check-template on resources of the wrong shape (yaml-cpp's accessors used to throw).
    for name, body in [("no_type", "  R:\n    Properties: {}\n"), ("null", "  R:\n"),
                       ("list", "  R: [1, 2]\n"), ("scalar", "  R: 3\n"), ("tagged", "  R: !Ref Other\n"),
                       ("for_each_shape", "  R: [Name, [a, b], {}]\n")]:
        yield (("template_resource_" + name, {"t.yaml": "Resources:\n" + body},
                  ["check-template", "t.yaml"], None))
    # Alias bombs: a template, and a file read by file().
    bomb = alias_bomb(10, 10, 10)
    yield (("template_alias_bomb", {"t.yaml": bomb + TOPIC + "      Tags: *a9\n"},
              ["check-template", "t.yaml"], "E0109"))
    yield (("file_alias_bomb", {"tags.yaml": alias_bomb(9, 9, 9),
                                  "main.infra": 'resource t: AWS::SNS::Topic { Tags = file("tags.yaml") }\n'},
              ["check", "main.infra"], "E0109"))
    # Regular expressions: long subjects and a pattern that backtracks exponentially.
    yield (("template_long_line", {"t.yaml": TOPIC + "      TopicName: " + "a" * (2 << 20) + "\n"},
              ["check-template", "t.yaml"], None))
    yield (("template_long_number",
              {"t.yaml": "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n"
                         "      VisibilityTimeout: " + "7" * (3 << 20) + "\n"},
              ["check-template", "t.yaml"], None))
    yield (("param_long_default",
              {"main.infra": '@pattern("[a-z]+")\nparam p: string = "' + "a" * (3 << 20) + 'A"\n'
                             "resource t: AWS::SNS::Topic { TopicName = p }\n"},
              ["check", "main.infra"], "E0506"))
    yield (("param_backtracking",
              {"main.infra": '@pattern("(a|aa)*b")\nparam p: string = "' + "a" * 44 + '"\n'
                             "resource t: AWS::SNS::Topic { TopicName = p }\n"},
              ["check", "main.infra"], "E0506"))
    # Deep recursion through operator chains and reference chains.
    yield (("operator_chain", {"main.infra": "let a = " + " + ".join(["1"] * 500000) + "\n"
                                               "resource t: AWS::SNS::Topic { DisplayName = \"${a}\" }\n"},
              ["check", "main.infra"], None))
    # 420,000 lets, each naming the one before (short names keep it under the 8 MB limit).
    lets = "let x0=1\n" + "".join("let x%x=x%x\n" % (i, i - 1) for i in range(1, 420000))
    yield (("let_chain", {"main.infra": lets + 'resource t: AWS::SNS::Topic { DisplayName = "${x%x}" }\n' % 419999},
              ["check", "main.infra"], None))
    # Values and instances that multiply.
    doubling = 'let a0 = ["x"]\n' + "".join("let a%d = [a%d, a%d]\n" % (i, i - 1, i - 1) for i in range(1, 31))
    yield (("value_doubling", {"main.infra": doubling + 'resource t: AWS::SNS::Topic { DisplayName = "${length(a30)}" }\n'},
            ["check", "main.infra"], "E0430"))
    strings = 'let s0 = "0123456789abcdef"\n' + "".join('let s%d = "${s%d}${s%d}"\n' % (i, i - 1, i - 1) for i in range(1, 31))
    yield (("string_doubling", {"main.infra": strings + "resource t: AWS::SNS::Topic { DisplayName = s30 }\n"},
            ["check", "main.infra"], "E0430"))
    modules = {"main.infra": 'import "./m1.infra" as m1\nmodule a = m1 {}\nmodule b = m1 {}\n'}
    for i in range(1, 16):
        nxt = ('import "./m%d.infra" as m\nmodule a = m {}\nmodule b = m {}\n' % (i + 1)) if i < 15 else ""
        modules["m%d.infra" % i] = nxt + "resource t: AWS::SNS::Topic {}\n"
    yield (("module_doubling", modules, ["check", "main.infra"], "E0431"))
    # One mistake in a loop body is reached once per iteration; the did-you-mean that
    # weighs every resource type, or every name in scope, must not be redone each time.
    ten = 'let ten = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]\n'
    loops = "".join("%sfor %s in ten {\n" % (" " * i, v) for i, v in enumerate("abcde"))
    ends = "".join("%s}\n" % (" " * i) for i in reversed(range(5)))
    names = "".join('let name%d = "v%d"\n' % (i, i) for i in range(2000))
    body = ('     resource topic["${a}${b}${c}${d}${e}"]: AWS::SNS::Topicx { DisplayName = name1999x }\n')
    yield (("loop_repeated_mistakes", {"main.infra": names + ten + loops + body + ends}, ["check", "main.infra"], "E0501"))
    # JSON diagnostics quoting bytes that are not UTF-8.
    yield (("json_diagnostics_bad_path", {}, ["check", "--diagnostics-format", "json", b"\xff\xfe.infra"],
              "E0101"))
    # file() outside the project.
    for name, path in [("etc_passwd", "/etc/passwd"), ("dotdot", "../" * 30 + "etc/hostname"),
                       ("proc", "/proc/self/status")]:
        yield (("file_" + name, {"main.infra": 'resource t: AWS::SNS::Topic { Tags = file("%s") }\n' % path},
                  ["check", "main.infra"], "E0108"))


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("infrac")
    p.add_argument("--only")
    p.add_argument("--keep")
    a = p.parse_args()
    infrac = os.path.abspath(a.infrac)
    failed = 0
    for name, files, argv, code in cases():
        if a.only and name != a.only:
            continue
        work = tempfile.mkdtemp(prefix="hostile.")
        for rel, text in files.items():
            with open(os.path.join(work, rel), "wb") as f:
                f.write(text.encode() if isinstance(text, str) else text)
        status, seconds, peak, out, err = measure(infrac, argv, work)
        text = err.decode("utf-8", "replace")
        codes = re.findall(r"error\[(E\d{4})\]", text)
        if "--diagnostics-format" in argv:
            try:
                # JSON diagnostics are printed on stdout.
                codes = [d["code"] for d in json.loads(out.decode("utf-8")) if d.get("severity") == "error"]
            except (ValueError, KeyError, TypeError) as e:
                codes, text = [], "not JSON (%s): %s" % (e, text)
        problems = []
        if status is None:
            problems.append("no answer within %d s" % LIMIT_SECONDS)
        elif status != 1:
            problems.append("exit %d" % status)
        if status is not None and not codes:
            problems.append("no error with a code")
        if code and status is not None and code not in codes:
            problems.append("expected %s, found %s" % (code, ", ".join(sorted(set(codes))) or "none"))
        if peak > LIMIT_BYTES:
            problems.append("peak memory %d MB" % (peak >> 20))
        print("%-4s %-28s exit %-4s %-6s %6.2f s %6d MB%s" % (
            "FAIL" if problems else "ok", name, "-" if status is None else status,
            ",".join(sorted(set(codes)))[:6] or "-", seconds, peak >> 20,
            ("  " + "; ".join(problems) + "\n" + text[-600:]) if problems else ""))
        if problems:
            failed += 1
        if a.keep:
            shutil.copytree(work, os.path.join(a.keep, name), dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    print("hostile inputs: %d failed" % failed)
    return 1 if failed else 0


def measure(infrac, argv, cwd):
    """Runs the compiler; returns (status or None on a hang, seconds, peak bytes, stdout, stderr)."""
    start = time.monotonic()
    argv = [x if isinstance(x, bytes) else x.encode() for x in argv]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([infrac.encode()] + argv, cwd=cwd, stdout=out, stderr=err)
        status, peak = None, 0
        while True:
            pid, wstatus, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                status = os.waitstatus_to_exitcode(wstatus)
                peak = usage.ru_maxrss * 1024
                break
            if time.monotonic() - start > LIMIT_SECONDS:
                proc.kill()
                os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        # The child was reaped by wait4 above; telling Popen so keeps it from waiting
        # for the pid again (in its destructor), which might by then be another process's.
        proc.returncode = status if status is not None else -9
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        return status, seconds, peak, out.read(), err.read()


if __name__ == "__main__":
    sys.exit(main())
