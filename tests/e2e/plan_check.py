#!/usr/bin/env python3
"""`infrac plan` on the lab: a changed copy of examples/lab.infra against its old build.

    plan_check.py --infrac EXE --lab examples/lab.infra --against-file
    plan_check.py --infrac EXE --lab examples/lab.infra --against-stack

Builds the lab to old.yaml, then makes three changed copies of it in a temporary directory:
pattern 1's subnet CIDR 10.0.1.0/24 -> 10.0.5.0/24 (CidrBlock is create-only on
AWS::EC2::Subnet: a replacement), pattern 1's name `${prefix}-ssh` -> `${prefix}-bastion`
(Name tags: modifications; the security group's GroupName, create-only: a replacement), and
the VPC module's name `prefix` -> "lab" (three Name tags: modifications only). With --against-file the old template is old.yaml; with
--against-stack it is deployed to a private moto_server (deploy_check.py's helpers) and
infrac fetches it with `--stack NAME --endpoint-url URL`. The plans (--format json) are
checked with one `ok - ...` / `not ok - ...` line per assertion.

Exit status: 0 all hold, 1 any failed, 77 moto_server or aws is missing for
--against-stack (a failure instead when the environment variable CI is set).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from typing import Any, Dict, List, Optional

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_templates import load_template  # noqa: E402

SKIP = 77
CIDR_OLD, CIDR_NEW = '"10.0.1.0/24"', '"10.0.5.0/24"'
NAME_OLD, NAME_NEW = '"${prefix}-ssh"', '"${prefix}-bastion"'
TAG_OLD, TAG_NEW = "  name = prefix\n", '  name = "lab"\n'  # the VPC module's: Name tags only


class Results:
    def __init__(self) -> None:
        self.failed = 0

    def check(self, condition: bool, message: str, detail: str = "") -> bool:
        print(("ok - " if condition else "not ok - ") + message, flush=True)
        if not condition:
            self.failed += 1
            for line in detail.splitlines():
                print("#   " + line)
        return condition


def changed_copy(lab: str, workdir: str, name: str, old: str, new: str) -> str:
    with open(lab, encoding="utf-8") as handle:
        text = handle.read()
    if text.count(old) != 1:
        raise SystemExit("plan_check.py: %s does not hold %s exactly once" % (lab, old))
    path = os.path.join(workdir, name + ".infra")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(old, new))
    return path


def run_plan(infrac: str, source: str, where: List[str], env: Optional[Dict[str, str]],
             fmt: str = "json") -> subprocess.CompletedProcess:
    return subprocess.run([infrac, "plan", source, *where, "--format", fmt, "--color", "never"],
                          capture_output=True, text=True, env=env, timeout=180)


def by_id(plan: Dict[str, Any]) -> Dict[str, Dict[str, Any]]:
    return {c["logical_id"]: c for c in plan["changes"]}


def check_plans(infrac: str, lab: str, workdir: str, where: List[str], env: Optional[Dict[str, str]],
                old: Dict[str, Any], results: Results) -> None:
    resources = old["Resources"]
    subnet = next(i for i, r in resources.items()
                  if r["Type"] == "AWS::EC2::Subnet" and r["Properties"]["CidrBlock"] == "10.0.1.0/24")

    same = run_plan(infrac, lab, where, env)
    if results.check(same.returncode == 0, "plan of the unchanged lab exits 0", same.stderr):
        results.check(json.loads(same.stdout) == {"changes": []}, "the unchanged lab plans no change", same.stdout)

    cidr = run_plan(infrac, changed_copy(lab, workdir, "cidr", CIDR_OLD, CIDR_NEW), where, env)
    if results.check(cidr.returncode == 0, "plan of the CIDR change exits 0", cidr.stderr):
        changes = by_id(json.loads(cidr.stdout))
        sub = changes.get(subnet, {})
        results.check(sub.get("action") == "replace", "subnet %s is replaced" % subnet, cidr.stdout)
        results.check({"path": "Properties.CidrBlock", "replacement": "always"} in sub.get("properties", []),
                      "because its create-only Properties.CidrBlock changes", cidr.stdout)
        others = [c for i, c in changes.items() if i != subnet]
        results.check(all(c["action"] in ("modify", "replace") for c in others) and
                      all(p["replacement"] != "always" for c in others for p in c["properties"]),
                      "what names the subnet changes (or may be replaced) with it; nothing else for sure",
                      cidr.stdout)
        results.check(all(c["action"] not in ("add", "remove", "rename") for c in changes.values()),
                      "nothing is added, removed or renamed", cidr.stdout)

    name = changed_copy(lab, workdir, "name", NAME_OLD, NAME_NEW)
    tags = run_plan(infrac, name, where, env)
    if results.check(tags.returncode == 0, "plan of the name change exits 0", tags.stderr):
        changes = json.loads(tags.stdout)["changes"]
        ids = by_id(json.loads(tags.stdout))
        results.check(ids.get(subnet) == {
            "logical_id": subnet, "type": "AWS::EC2::Subnet", "action": "modify",
            "properties": [{"path": "Properties.Tags[0].Value", "replacement": "never"}]},
            "subnet %s is modified: its Name tag, which is not create-only" % subnet, tags.stdout)
        tag_paths = [p for c in changes for p in c["properties"] if p["path"].startswith("Properties.Tags")]
        results.check(len(tag_paths) >= 2 and all(p["replacement"] == "never" for p in tag_paths),
                      "no Name tag change replaces anything", tags.stdout)
        group = next(i for i, r in resources.items() if r["Type"] == "AWS::EC2::SecurityGroup"
                     and "-ssh-" in json.dumps(r["Properties"].get("GroupName")))
        results.check(ids.get(group, {}).get("action") == "replace" and
                      {"path": "Properties.GroupName", "replacement": "always"} in ids[group]["properties"],
                      "security group %s is replaced: its GroupName is create-only and surely changes" % group,
                      tags.stdout)
        results.check(changes == sorted(changes, key=lambda c: c["logical_id"]), "in order of logical ID",
                      tags.stdout)
        counts = {a: sum(1 for c in changes if c["action"] == a) for a in ("add", "modify", "replace", "remove")}
        text = run_plan(infrac, name, where, env, "text")
        results.check(text.returncode == 0 and text.stdout.rstrip().endswith(
            "%(add)d to add, %(modify)d to modify, %(replace)d to replace, %(remove)d to remove" % counts),
            "the text ends with the summary line", text.stdout)
        tag = run_plan(infrac, changed_copy(lab, workdir, "tag", TAG_OLD, TAG_NEW), where, env)
        if results.check(tag.returncode == 0, "plan of the VPC's name change exits 0", tag.stderr):
            changes = json.loads(tag.stdout)["changes"]
            results.check(len(changes) == 3 and all(
                c["action"] == "modify" and c["properties"] == [{"path": "Properties.Tags[0].Value",
                                                                  "replacement": "never"}] for c in changes),
                "the VPC's name changes three Name tags, each a modification", tag.stdout)
        print("# the plan of the name change:\n" + "".join("#   " + l + "\n" for l in text.stdout.splitlines()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--infrac", required=True)
    parser.add_argument("--lab", required=True)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--against-file", action="store_true")
    mode.add_argument("--against-stack", action="store_true")
    args = parser.parse_args()

    results = Results()
    workdir = tempfile.mkdtemp(prefix="plan_check.")
    try:
        # The copies sit beside nothing: the lab imports only the stdlib.
        lab = os.path.join(workdir, "lab.infra")
        shutil.copyfile(args.lab, lab)
        old_path = os.path.join(workdir, "old.yaml")
        built = subprocess.run([args.infrac, "build", lab, "-o", old_path], capture_output=True, text=True)
        if not results.check(built.returncode == 0, "infrac build of the lab", built.stderr):
            return 1
        old = load_template(old_path)

        if args.against_file:
            check_plans(args.infrac, lab, workdir, ["--against", old_path], None, old, results)
            missing = run_plan(args.infrac, lab, ["--against", os.path.join(workdir, "none.yaml")], None)
            results.check(missing.returncode == 1 and "E0101" in missing.stderr,
                          "a missing --against file is an error (E0101, exit 1)", missing.stderr)
            usage = run_plan(args.infrac, lab, [], None)
            results.check(usage.returncode == 2, "neither --against nor --stack is a usage error (exit 2)",
                          usage.stderr)
        else:
            from deploy_check import (  # noqa: E402
                Aws, CheckError, MotoServer, Results as DeployResults, clean_environment, deploy,
                missing_tool, prepare_parameters)
            moto, aws_exe = shutil.which("moto_server"), shutil.which("aws")
            if not moto or not aws_exe:
                return missing_tool("moto_server or aws is not installed")
            env = clean_environment(workdir)
            server = MotoServer(moto, workdir, env)
            try:
                server.start()
                aws = Aws(aws_exe, server.url, env, False)
                prepare_parameters(aws, old, {})
                if not deploy(aws, old_path, "lab", {}, DeployResults()):
                    results.check(False, "deploy of the lab to moto")
                    return 1
                where = ["--stack", "lab", "--endpoint-url", server.url]
                check_plans(args.infrac, lab, workdir, where, env, old, results)
                # A JSON template comes back decoded into the CLI's answer, not as a text.
                json_path = os.path.join(workdir, "old.json")
                built = subprocess.run([args.infrac, "build", lab, "-f", "json", "-o", json_path],
                                       capture_output=True, text=True)
                if results.check(built.returncode == 0 and deploy(aws, json_path, "labjson", {}, DeployResults()),
                                 "deploy of the lab's JSON build to moto", built.stderr):
                    as_json = run_plan(args.infrac, lab, ["--stack", "labjson", "--endpoint-url", server.url], env)
                    results.check(as_json.returncode == 0 and json.loads(as_json.stdout or "null") == {"changes": []},
                                  "the unchanged lab plans no change against its JSON stack", as_json.stderr)
                # The CLI finds the endpoint in AWS_ENDPOINT_URL by itself: no --endpoint-url.
                by_env = run_plan(args.infrac, lab, ["--stack", "lab"], dict(env, AWS_ENDPOINT_URL=server.url))
                results.check(by_env.returncode == 0 and json.loads(by_env.stdout or "null") == {"changes": []},
                              "AWS_ENDPOINT_URL alone reaches the stack", by_env.stderr)
                gone = run_plan(args.infrac, lab, ["--stack", "nosuchstack", "--endpoint-url", server.url], env)
                results.check(gone.returncode == 1 and "E0103" in gone.stderr,
                              "a stack that does not exist is an error (E0103, exit 1)", gone.stderr)
                # Without the CLI on PATH: a clear error, not a crash.
                bare = dict(env, PATH=workdir)
                no_cli = run_plan(args.infrac, lab, where, bare)
                results.check(no_cli.returncode == 1 and "AWS CLI (`aws`) is not installed" in no_cli.stderr,
                              "a missing aws CLI is an error that says so", no_cli.stderr)
            except CheckError as exc:
                results.check(False, "plan against moto could not go on", str(exc))
            finally:
                server.stop()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print("# %s" % ("all assertions hold" if results.failed == 0 else "%d failed" % results.failed))
    return 0 if results.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
