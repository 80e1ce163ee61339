#!/usr/bin/env python3
"""Deploy a CloudFormation template to a private moto server and check what it built.

    deploy_check.py --template FILE [--stack-name NAME] [--param K=V ...]
                    --expect {article,lab,none}

Starts `moto_server` on a free loopback port, deploys FILE with the real `aws`
CLI (`aws cloudformation deploy`), then asserts the architecture through the EC2
and IAM APIs (`aws ec2 describe-...`, `aws iam ...`), printing one line per
assertion, `ok - ...` or `not ok - ...`. Exit status: 0 all assertions hold,
1 any failed (or the deploy failed), 2 usage error, 77 moto_server or aws is
missing (a failure instead, exit 1, when the environment variable CI is set).

The moto server is always stopped at the end (also on Ctrl-C and SIGTERM, and,
on Linux, when this process dies: PR_SET_PDEATHSIG), and every subprocess runs
under a timeout. The AWS CLI gets dummy credentials and empty config files, so
no real AWS configuration or account is ever read or reached.

Before the deploy:
  * Parameters of type AWS::EC2::KeyPair::KeyName: the key pair named by the
    default (or --param) is created in moto with `aws ec2 create-key-pair`.
    moto runs with MOTO_ENABLE_KEYPAIR_VALIDATION, so a missing key pair fails
    the deploy as it would on AWS.
  * Parameters of type AWS::SSM::Parameter::Value<...>: moto 5.2 preloads the
    public parameters /aws/service/ami-amazon-linux-latest/* of every region
    from its bundled data (on first access); in us-east-1
    .../amzn2-ami-hvm-x86_64-gp2 resolves to an AMI that moto also knows. When
    the named parameter does not exist in moto, it is created with
    `aws ssm put-parameter`: for <AWS::EC2::Image::Id> with the ID of an Amazon
    Linux 2 AMI from moto's own image list, for other types with a placeholder.
    moto runs with MOTO_ENABLE_AMI_VALIDATION, so the resolved AMI must exist.

What moto 5.2.1 does not model (found by reading its CloudFormation models),
and how the checks cope. A fact moto drops is read from the deployed template
instead (with Ref/GetAtt resolved through the stack's physical IDs) and the
assertion says so in brackets, `[template: ...]`:
  * AWS::EC2::VPC EnableDnsSupport / EnableDnsHostnames are ignored (the API
    always reports support true, hostnames false);
  * AWS::EC2::SubnetRouteTableAssociation is not recorded on the route table
    (describe-route-tables shows no association);
  * AWS::EC2::Instance NetworkInterfaces (and SecurityGroupIds) are ignored:
    the instance lands in the default VPC's default subnet with the default
    security group and a public IP; IamInstanceProfile and KeyName are kept;
  * AWS::IAM::Role ManagedPolicyArns are not attached
    (list-attached-role-policies is empty).
Modelled and checked through the API only: VPC endpoints (type, service,
subnets, security groups, PrivateDnsEnabled), security groups and their rules,
routes, internet gateway attachments, subnets, instance profiles and roles,
an instance's instance profile and key pair.

--expect article (and lab, the same architecture built by `infrac` from the
lab's source) asserts the SSM Session Manager lab of the seed article: see
SSM_LAB and check_ssm_architecture(). --expect none only deploys.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Set

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_templates import (  # noqa: E402
    REF_ATTRIBUTES, TemplateError, canon, is_intrinsic, load_template)

REGION = "us-east-1"
ACCOUNT_PLACEHOLDER = "123456789012"
SKIP = 77
START_TIMEOUT = 20.0      # seconds for moto_server to answer
AWS_TIMEOUT = 120.0       # seconds for one aws CLI call
DEPLOY_TIMEOUT = 300.0    # seconds for `aws cloudformation deploy`
INLINE_TEMPLATE_LIMIT = 51200  # bytes; larger templates go through an S3 bucket


class CheckError(Exception):
    """The check cannot go on (server did not start, aws failed, ...)."""


def ci_is_set() -> bool:
    return bool(os.environ.get("CI"))


# --------------------------------------------------------------------------
# moto_server and the aws CLI
# --------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM when this script dies (Linux)."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    except Exception:  # noqa: BLE001 - best effort, not on every platform
        pass


def clean_environment(workdir: str) -> Dict[str, str]:
    """This environment without any AWS setting, plus dummy credentials."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        env.pop(proxy, None)
    config = os.path.join(workdir, "aws-config")
    credentials = os.path.join(workdir, "aws-credentials")
    for path in (config, credentials):
        with open(path, "w", encoding="utf-8"):
            pass
    env.update({
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_REGION": REGION,
        "AWS_CONFIG_FILE": config,
        "AWS_SHARED_CREDENTIALS_FILE": credentials,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_PAGER": "",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
        # Make moto as strict as AWS about what the template names.
        "MOTO_ENABLE_KEYPAIR_VALIDATION": "true",
        "MOTO_ENABLE_AMI_VALIDATION": "true",
        "MOTO_EC2_ENABLE_INSTANCE_TYPE_VALIDATION": "true",
    })
    return env


class MotoServer:
    def __init__(self, executable: str, workdir: str, env: Dict[str, str]) -> None:
        self.executable = executable
        self.workdir = workdir
        self.env = env
        self.proc: Optional[subprocess.Popen] = None
        self.port = 0
        self.log_path = os.path.join(workdir, "moto_server.log")

    @property
    def url(self) -> str:
        return "http://127.0.0.1:%d" % self.port

    def start(self) -> None:
        for _attempt in range(3):
            self.port = free_port()
            log = open(self.log_path, "ab")
            try:
                self.proc = subprocess.Popen(
                    [self.executable, "-H", "127.0.0.1", "-p", str(self.port)],
                    stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                    env=self.env, cwd=self.workdir, start_new_session=True,
                    preexec_fn=_die_with_parent)
            finally:
                log.close()
            if self._wait_ready():
                return
            if self.proc.poll() is None:
                break  # running but not answering: no point in another port
            # It exited (a lost race for the port, say): try another port.
        self.stop()
        raise CheckError("moto_server did not answer on %s within %.0f s; its log:\n%s"
                         % (self.url, START_TIMEOUT, self.log_tail()))

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(self.url + "/moto-api/data.json", timeout=2) as reply:
                    reply.read()
                return True
            except urllib.error.HTTPError:
                return True  # it answers
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        return False

    def log_tail(self, lines: int = 30) -> str:
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as handle:
                return "".join(handle.readlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                proc.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


class Aws:
    """The real aws CLI, pointed at moto."""

    def __init__(self, executable: str, url: str, env: Dict[str, str], verbose: bool) -> None:
        self.executable = executable
        self.url = url
        self.env = env
        self.verbose = verbose

    def run(self, *args: str, timeout: float = AWS_TIMEOUT) -> subprocess.CompletedProcess:
        command = [self.executable, "--endpoint-url", self.url, "--region", REGION, *args]
        if self.verbose:
            print("# $ aws " + " ".join(args), flush=True)
        try:
            return subprocess.run(command, env=self.env, stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise CheckError("aws %s: no answer within %.0f s" % (" ".join(args[:2]), timeout))

    def json(self, *args: str, timeout: float = AWS_TIMEOUT) -> Any:
        result = self.run(*args, "--output", "json", timeout=timeout)
        if result.returncode != 0:
            raise CheckError("aws %s failed (exit %d): %s"
                             % (" ".join(args), result.returncode, result.stderr.strip()))
        text = result.stdout.strip()
        return json.loads(text) if text else {}


def first_line(text: str) -> str:
    text = text.strip()
    return text.splitlines()[-1] if text else ""


# --------------------------------------------------------------------------
# Preparing moto for the template's parameters
# --------------------------------------------------------------------------

def parameter_values(template: Dict[str, Any], overrides: Dict[str, str]) -> Dict[str, Any]:
    values = {}
    for name, spec in (template.get("Parameters") or {}).items():
        values[name] = overrides.get(name, (spec or {}).get("Default"))
    return values


def prepare_parameters(aws: Aws, template: Dict[str, Any], overrides: Dict[str, str]) -> None:
    params = template.get("Parameters") or {}
    values = parameter_values(template, overrides)
    for name, spec in params.items():
        ptype = str((spec or {}).get("Type", "String"))
        value = values.get(name)
        if value is None or value == "":
            continue
        if ptype == "AWS::EC2::KeyPair::KeyName":
            result = aws.run("ec2", "create-key-pair", "--key-name", str(value), "--output", "json")
            if result.returncode != 0 and "Duplicate" not in result.stderr:
                raise CheckError("cannot create key pair %s: %s" % (value, result.stderr.strip()))
            print("# created key pair %s in moto for parameter %s" % (value, name))
        elif ptype.startswith("AWS::SSM::Parameter::Value<"):
            ensure_ssm_parameter(aws, name, str(value), ptype)


def ensure_ssm_parameter(aws: Aws, param: str, path: str, ptype: str) -> None:
    result = aws.run("ssm", "get-parameter", "--name", path, "--output", "json")
    if result.returncode == 0:
        value = json.loads(result.stdout)["Parameter"]["Value"]
        print("# SSM parameter %s (for %s) is known to moto: %s" % (path, param, value))
        return
    if "ParameterNotFound" not in result.stderr:
        raise CheckError("aws ssm get-parameter %s: %s" % (path, result.stderr.strip()))
    if "AWS::EC2::Image::Id" in ptype:
        images = aws.json("ec2", "describe-images", "--owners", "amazon", "--filters",
                          "Name=name,Values=amzn2-ami-hvm-*-x86_64-gp2")["Images"]
        if not images:
            raise CheckError("moto knows no Amazon Linux 2 image to put into %s" % path)
        value = sorted(images, key=lambda image: image.get("Name", ""))[-1]["ImageId"]
    else:
        value = "placeholder"
    aws.json("ssm", "put-parameter", "--name", path, "--type", "String", "--value", value)
    print("# created SSM parameter %s = %s in moto (for %s)" % (path, value, param))


# --------------------------------------------------------------------------
# The deployment as facts
# --------------------------------------------------------------------------

def norm_bool(value: Any) -> Optional[bool]:
    if value is None:
        return None
    return canon(value) == "true"


class Deployment:
    """What the API says about the deployed stack, plus its template to fall back on."""

    def __init__(self, aws: Aws, stack: str, template: Dict[str, Any]) -> None:
        self.aws = aws
        self.stack = stack
        self.template = template
        self.resources: Dict[str, Dict[str, str]] = {}  # logical -> {physical, type}
        for item in aws.json("cloudformation", "list-stack-resources",
                             "--stack-name", stack)["StackResourceSummaries"]:
            self.resources[item["LogicalResourceId"]] = {
                "physical": item.get("PhysicalResourceId", ""), "type": item["ResourceType"]}
        stacks = aws.json("cloudformation", "describe-stacks", "--stack-name", stack)["Stacks"]
        self.stack_status = stacks[0]["StackStatus"] if stacks else "MISSING"
        self.parameters = {p["ParameterKey"]: p.get("ParameterValue")
                           for p in (stacks[0].get("Parameters") or [])} if stacks else {}

    # -- stack and template -------------------------------------------------

    def physical_ids(self, rtype: str) -> List[str]:
        return [r["physical"] for r in self.resources.values() if r["type"] == rtype]

    def logical_id(self, physical: str, rtype: str) -> Optional[str]:
        for logical, res in self.resources.items():
            if res["physical"] == physical and res["type"] == rtype:
                return logical
        return None

    def template_resources(self, rtype: str) -> Dict[str, Dict[str, Any]]:
        return {name: res for name, res in (self.template.get("Resources") or {}).items()
                if isinstance(res, dict) and res.get("Type") == rtype}

    def template_properties(self, physical: str, rtype: str) -> Dict[str, Any]:
        logical = self.logical_id(physical, rtype)
        resource = (self.template.get("Resources") or {}).get(logical or "", {})
        return canon(resource.get("Properties") or {})

    def resolve(self, value: Any) -> Any:
        """A canonical template value with Ref/GetAtt/Sub resolved, or None if it can't be."""
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, list):
            return [self.resolve(v) for v in value]
        if not is_intrinsic(value):
            return {k: self.resolve(v) for k, v in value.items()}
        key, args = next(iter(value.items()))
        if key == "Ref":
            if args == "AWS::Region":
                return REGION
            if args == "AWS::StackName":
                return self.stack
            if args == "AWS::AccountId":
                return ACCOUNT_PLACEHOLDER
            if args == "AWS::Partition":
                return "aws"
            if args in self.resources:
                return self.resources[args]["physical"]
            if args in self.parameters:
                return self.parameters[args]
            return None
        if key == "Fn::GetAtt" and isinstance(args, list) and len(args) == 2:
            res = self.resources.get(args[0])
            if res and REF_ATTRIBUTES.get(res["type"]) == args[1]:
                return res["physical"]
            return None
        if key == "Fn::Join" and isinstance(args, list) and len(args) == 2:
            parts = self.resolve(args[1])
            if isinstance(parts, list) and all(isinstance(p, str) for p in parts):
                return str(args[0]).join(parts)
            return None
        return None

    # -- EC2 ------------------------------------------------------------------

    def load_ec2(self, vpc_id: str) -> None:
        vpc_filter = "Name=vpc-id,Values=" + vpc_id
        self.subnets = {s["SubnetId"]: s for s in self.aws.json(
            "ec2", "describe-subnets", "--filters", vpc_filter)["Subnets"]}
        self.route_tables = {t["RouteTableId"]: t for t in self.aws.json(
            "ec2", "describe-route-tables", "--filters", vpc_filter)["RouteTables"]}
        self.igws = [g["InternetGatewayId"] for g in self.aws.json(
            "ec2", "describe-internet-gateways", "--filters",
            "Name=attachment.vpc-id,Values=" + vpc_id)["InternetGateways"]]
        self.endpoints = self.aws.json(
            "ec2", "describe-vpc-endpoints", "--filters", vpc_filter)["VpcEndpoints"]
        self.security_groups = {g["GroupId"]: g for g in self.aws.json(
            "ec2", "describe-security-groups", "--filters", vpc_filter)["SecurityGroups"]}
        instance_ids = self.physical_ids("AWS::EC2::Instance")
        self.instances: Dict[str, Dict[str, Any]] = {}
        if instance_ids:
            for reservation in self.aws.json("ec2", "describe-instances", "--instance-ids",
                                             *instance_ids)["Reservations"]:
                for instance in reservation["Instances"]:
                    self.instances[instance["InstanceId"]] = instance

    def vpc_attribute(self, vpc_id: str, attribute: str) -> Optional[bool]:
        reply = self.aws.json("ec2", "describe-vpc-attribute", "--vpc-id", vpc_id,
                              "--attribute", attribute)
        key = attribute[0].upper() + attribute[1:]
        return (reply.get(key) or {}).get("Value")

    def route_table_of(self, subnet_id: str) -> "Placed":
        """The route table a subnet uses: explicit association, else the VPC's main one."""
        for table in self.route_tables.values():
            for assoc in table.get("Associations") or []:
                if assoc.get("SubnetId") == subnet_id:
                    return Placed(table["RouteTableId"])
        # moto: AWS::EC2::SubnetRouteTableAssociation is not on the route table.
        for name, res in self.template_resources("AWS::EC2::SubnetRouteTableAssociation").items():
            props = canon(res.get("Properties") or {})
            if self.resolve(props.get("SubnetId")) == subnet_id:
                table = self.resolve(props.get("RouteTableId"))
                if table in self.route_tables:
                    return Placed(table, "template: association %s, which moto does not put on "
                                  "the route table" % name)
        for table in self.route_tables.values():
            if any(a.get("Main") for a in table.get("Associations") or []):
                return Placed(table["RouteTableId"])
        return Placed(None)

    def default_routes(self, table_id: Optional[str]) -> List[Dict[str, Any]]:
        table = self.route_tables.get(table_id or "", {})
        return [r for r in table.get("Routes") or [] if r.get("DestinationCidrBlock") == "0.0.0.0/0"]

    def has_igw_route(self, table_id: Optional[str]) -> bool:
        return any(r.get("GatewayId", "").startswith("igw-") for r in self.default_routes(table_id))

    def instance_placement(self, instance_id: str) -> "InstancePlacement":
        api = self.instances.get(instance_id, {})
        subnet = api.get("SubnetId")
        if subnet in self.subnets:
            groups = [g["GroupId"] for g in api.get("SecurityGroups") or []]
            if not groups:
                for eni in api.get("NetworkInterfaces") or []:
                    groups.extend(g["GroupId"] for g in eni.get("Groups") or [])
            return InstancePlacement(subnet, groups, bool(api.get("PublicIpAddress")), None)
        # moto: NetworkInterfaces of AWS::EC2::Instance are ignored; read them.
        source = ("template: moto ignores NetworkInterfaces/SecurityGroupIds of "
                  "AWS::EC2::Instance (it put the instance in %s, outside the VPC)" % (subnet or "no subnet"))
        props = self.template_properties(instance_id, "AWS::EC2::Instance")
        nic = next((n for n in props.get("NetworkInterfaces") or []
                    if isinstance(n, dict) and n.get("DeviceIndex") == "0"), None)
        holder = nic if nic is not None else props
        subnet = self.resolve(holder.get("SubnetId"))
        group_refs = (nic or {}).get("GroupSet") if nic is not None else props.get("SecurityGroupIds")
        groups = [g for g in (self.resolve(group_refs) or []) if isinstance(g, str)]
        for name in ([] if nic is not None else self.resolve(props.get("SecurityGroups")) or []):
            groups.extend(g["GroupId"] for g in self.security_groups.values() if g["GroupName"] == name)
        explicit = norm_bool((nic or {}).get("AssociatePublicIpAddress"))
        if explicit is None:
            explicit = bool(self.subnets.get(subnet or "", {}).get("MapPublicIpOnLaunch"))
        return InstancePlacement(subnet, groups, explicit, source)

    # -- IAM ------------------------------------------------------------------

    def attached_policy_arns(self, role_name: str) -> "Placed":
        reply = self.aws.json("iam", "list-attached-role-policies", "--role-name", role_name)
        arns = [p["PolicyArn"] for p in reply.get("AttachedPolicies") or []]
        if arns:
            return Placed(arns)
        props = self.template_properties(role_name, "AWS::IAM::Role")
        declared = [a for a in self.resolve(props.get("ManagedPolicyArns")) or [] if isinstance(a, str)]
        if declared:
            return Placed(declared, "template: moto does not attach ManagedPolicyArns of AWS::IAM::Role")
        return Placed([])


@dataclass
class Placed:
    """A fact and, when it comes from the template rather than the API, why."""
    value: Any
    source: Optional[str] = None


@dataclass
class InstancePlacement:
    subnet: Optional[str]
    groups: List[str]
    public_ip: bool
    source: Optional[str]


# --------------------------------------------------------------------------
# Assertions
# --------------------------------------------------------------------------

@dataclass
class Results:
    passed: int = 0
    failed: int = 0
    from_template: int = 0

    def check(self, condition: bool, message: str, detail: str = "",
              source: Optional[str] = None) -> bool:
        suffix = " [%s]" % source if source else ""
        if condition:
            self.passed += 1
            if source:
                self.from_template += 1
            print("ok - %s%s" % (message, suffix), flush=True)
        else:
            self.failed += 1
            print("not ok - %s%s" % (message, suffix), flush=True)
            for line in detail.splitlines():
                print("#   " + line)
        return condition


@dataclass(frozen=True)
class SsmLab:
    """The SSM Session Manager architecture of the seed article."""
    endpoint_services: tuple = ("ssm", "ec2messages", "ssmmessages")
    exact_endpoints: bool = True        # no other interface endpoints in the VPC
    public_subnets: int = 1
    private_subnets: int = 1
    https_port: int = 443
    ssh_port: int = 22
    managed_policy: str = "AmazonSSMManagedInstanceCore"


SSM_LAB = SsmLab()
EXPECTATIONS: Dict[str, Optional[SsmLab]] = {
    "article": SSM_LAB,   # tests/reference/article.yaml
    "lab": SSM_LAB,       # infrac's build of the lab: the same architecture
    "none": None,         # deploy only
    "environments": None,  # examples/environments.infra: see check_environments
    "fleet": None,         # examples/fleet.infra: see deploy_fleet.py
    "access": None,        # examples/access.infra: see deploy_access.py
}


def check_environments(aws: "Aws", overrides: Dict[str, str], results: "Results") -> None:
    """examples/environments.infra: the queue's settings come from a Mapping by `Env`,
    and only `prod` has a dead-letter queue wired in by a Condition. Asserted through
    the SQS API for the environment that was deployed."""
    env = overrides.get("Env", "dev")
    want = {"dev": ("30", "86400"), "prod": ("120", "1209600")}[env]
    urls = aws.json("sqs", "list-queues").get("QueueUrls") or []
    names = {url.rsplit("/", 1)[-1]: url for url in urls}
    results.check("orders-%s" % env in names, "queue orders-%s exists (queues: %s)" % (env, sorted(names)))
    if "orders-%s" % env not in names:
        return
    attrs = aws.json("sqs", "get-queue-attributes", "--queue-url", names["orders-%s" % env],
                     "--attribute-names", "All").get("Attributes") or {}
    results.check(attrs.get("VisibilityTimeout") == want[0],
                  "orders-%s has VisibilityTimeout %s from the mapping (the API says %s)"
                  % (env, want[0], attrs.get("VisibilityTimeout")))
    results.check(attrs.get("MessageRetentionPeriod") == want[1],
                  "orders-%s has MessageRetentionPeriod %s from the mapping (the API says %s)"
                  % (env, want[1], attrs.get("MessageRetentionPeriod")))
    dlq = "orders-%s-dead-letters" % env
    if env == "prod":
        results.check(dlq in names, "the dead-letter queue %s exists in prod" % dlq)
        redrive = attrs.get("RedrivePolicy") or ""
        results.check(dlq in redrive, "orders-prod sends failed messages to %s (RedrivePolicy %s)" % (dlq, redrive))
    else:
        results.check(not any(n.endswith("-dead-letters") for n in names),
                      "no dead-letter queue in %s (queues: %s)" % (env, sorted(names)))
        results.check("RedrivePolicy" not in attrs, "orders-%s has no RedrivePolicy" % env)


def _ingress_from_group(group: Dict[str, Any], port: int, sources: Iterable[str]) -> bool:
    sources = set(sources)
    for rule in group.get("IpPermissions") or []:
        if str(rule.get("IpProtocol")) not in ("tcp", "6"):
            continue
        if rule.get("FromPort") != port or rule.get("ToPort") != port:
            continue
        if any(pair.get("GroupId") in sources for pair in rule.get("UserIdGroupPairs") or []):
            return True
    return False


def _ingress_from_cidr(group: Dict[str, Any], port: int, cidr: str) -> bool:
    for rule in group.get("IpPermissions") or []:
        if str(rule.get("IpProtocol")) not in ("tcp", "6", "-1"):
            continue
        low, high = rule.get("FromPort"), rule.get("ToPort")
        if str(rule.get("IpProtocol")) != "-1" and not (low is not None and low <= port <= (high or low)):
            continue
        if any(r.get("CidrIp") == cidr for r in rule.get("IpRanges") or []):
            return True
    return False


def check_ssm_architecture(dep: Deployment, lab: SsmLab, results: Results) -> None:
    check = results.check

    vpcs = dep.physical_ids("AWS::EC2::VPC")
    if not check(len(vpcs) == 1, "the stack has exactly one VPC",
                 "VPCs in the stack: %s" % (", ".join(vpcs) or "none")):
        return
    vpc = vpcs[0]
    dep.load_ec2(vpc)
    vpc_props = dep.template_properties(vpc, "AWS::EC2::VPC")

    # VPC DNS: both attributes must be true for private DNS on interface endpoints.
    for attribute, prop in (("enableDnsSupport", "EnableDnsSupport"),
                            ("enableDnsHostnames", "EnableDnsHostnames")):
        api_value = dep.vpc_attribute(vpc, attribute)
        declared = norm_bool(vpc_props.get(prop))
        value, source = api_value, None
        if declared is not None and declared != api_value:
            value = declared
            source = "template: moto ignores %s of AWS::EC2::VPC; the API says %s" % (
                prop, json.dumps(api_value))
        check(value is True, "VPC %s has %s true" % (vpc, attribute),
              "describe-vpc-attribute says %s, the template says %s"
              % (json.dumps(api_value), "nothing" if declared is None else json.dumps(declared)), source)

    # Internet gateway and the two kinds of subnet.
    check(bool(dep.igws), "an internet gateway is attached to the VPC (%s)" % ", ".join(dep.igws))
    public, private = [], []
    for subnet_id in sorted(dep.subnets):
        table = dep.route_table_of(subnet_id)
        (public if dep.has_igw_route(table.value) else private).append((subnet_id, table))

    def describe_subnet(subnet_id: str) -> str:
        s = dep.subnets[subnet_id]
        return "%s (%s, %s)" % (subnet_id, s.get("CidrBlock"), s.get("AvailabilityZone"))

    check(len(public) == lab.public_subnets,
          "%d public subnet(s) (default route to an internet gateway)" % lab.public_subnets,
          "public: %s" % (", ".join(s for s, _ in public) or "none"))
    for subnet_id, table in public:
        routes = dep.default_routes(table.value)
        gateways = [r.get("GatewayId") for r in routes]
        check(any(g in dep.igws for g in gateways),
              "public subnet %s uses route table %s with 0.0.0.0/0 -> %s"
              % (describe_subnet(subnet_id), table.value, ", ".join(map(str, gateways))),
              "default routes: %s; attached gateways: %s" % (routes, dep.igws), table.source)
    check(len(private) == lab.private_subnets,
          "%d private subnet(s) (no route to an internet gateway)" % lab.private_subnets,
          "private: %s" % (", ".join(s for s, _ in private) or "none"))
    private_ids = {s for s, _ in private}
    public_ids = {s for s, _ in public}
    for subnet_id, table in private:
        routes = dep.default_routes(table.value)
        check(not routes, "private subnet %s: its route table %s has no 0.0.0.0/0 route"
              % (describe_subnet(subnet_id), table.value), "default routes: %s" % routes,
              table.source)

    # Interface endpoints for Session Manager.
    interface = [e for e in dep.endpoints if e.get("VpcEndpointType") == "Interface"]
    wanted = ["." + s for s in lab.endpoint_services]
    if lab.exact_endpoints:
        check(len(interface) == len(wanted),
              "exactly %d interface endpoints in the VPC" % len(wanted),
              "found: %s" % ", ".join(e.get("ServiceName", "?") for e in interface))
    endpoint_groups: Dict[str, List[str]] = {}
    for suffix in wanted:
        matching = [e for e in interface if e.get("ServiceName", "").endswith(suffix)]
        if not check(len(matching) == 1, "one interface endpoint for com.amazonaws.%s%s"
                     % (REGION, suffix), "found %d" % len(matching)):
            continue
        endpoint = matching[0]
        name = "%s (%s)" % (endpoint["VpcEndpointId"], endpoint["ServiceName"])
        check(endpoint.get("PrivateDnsEnabled") is True, "endpoint %s has PrivateDnsEnabled true" % name,
              "PrivateDnsEnabled: %s" % json.dumps(endpoint.get("PrivateDnsEnabled")))
        subnets = endpoint.get("SubnetIds") or []
        check(bool(subnets) and set(subnets) <= private_ids,
              "endpoint %s is in the private subnet only (%s)" % (name, ", ".join(subnets)),
              "private subnets: %s; public subnets: %s" % (sorted(private_ids), sorted(public_ids)))
        endpoint_groups[name] = [g["GroupId"] for g in endpoint.get("Groups") or []]

    # Instances: one public (SSH), one private (Session Manager).
    placements = {iid: dep.instance_placement(iid) for iid in dep.physical_ids("AWS::EC2::Instance")}
    private_instances = {i: p for i, p in placements.items() if p.subnet in private_ids}
    public_instances = {i: p for i, p in placements.items() if p.subnet in public_ids}
    detail = "\n".join("%s: subnet %s, groups %s" % (i, p.subnet, p.groups) for i, p in placements.items())
    check(len(private_instances) == 1, "exactly one instance in the private subnet", detail)
    check(len(public_instances) == 1, "exactly one instance in the public subnet", detail)

    private_groups: Set[str] = set()
    for iid, place in private_instances.items():
        private_groups.update(place.groups)
        check(not place.public_ip, "private instance %s has no public IP address" % iid,
              "PublicIpAddress: %s" % dep.instances.get(iid, {}).get("PublicIpAddress"), place.source)
        check(bool(place.groups), "private instance %s has a security group (%s)"
              % (iid, ", ".join(place.groups)), "", place.source)
        for gid in place.groups:
            group = dep.security_groups.get(gid, {})
            check(bool(group) and not group.get("IpPermissions"),
                  "private instance's security group %s (%s) has no ingress rule"
                  % (gid, group.get("GroupName")),
                  "ingress: %s" % json.dumps(group.get("IpPermissions")))
    for iid, place in public_instances.items():
        api = dep.instances.get(iid, {})
        check(place.public_ip, "public instance %s has a public IP address (%s)"
              % (iid, api.get("PublicIpAddress")), "", place.source)
        check(bool(api.get("KeyName")), "public instance %s was launched with key pair %s"
              % (iid, api.get("KeyName")))
        check(any(_ingress_from_cidr(dep.security_groups.get(g, {}), lab.ssh_port, "0.0.0.0/0")
                  for g in place.groups),
              "public instance's security group admits tcp %d from 0.0.0.0/0" % lab.ssh_port,
              "groups: %s" % place.groups, place.source)

    for name, groups in endpoint_groups.items():
        admitted = [g for g in groups
                    if _ingress_from_group(dep.security_groups.get(g, {}), lab.https_port, private_groups)]
        check(bool(admitted) and bool(private_groups),
              "endpoint %s: security group %s admits tcp %d-%d from the private instance's "
              "security group %s" % (name, ", ".join(admitted or groups), lab.https_port,
                                     lab.https_port, ", ".join(sorted(private_groups))),
              "endpoint groups: %s" % json.dumps(
                  {g: dep.security_groups.get(g, {}).get("IpPermissions") for g in groups}))

    # IAM: the role, its managed policy, the instance profile, the private instance's profile.
    roles = dep.physical_ids("AWS::IAM::Role")
    ssm_roles: List[str] = []
    for role in roles:
        arns = dep.attached_policy_arns(role)
        if any(arn.endswith("/" + lab.managed_policy) for arn in arns.value):
            ssm_roles.append(role)
            check(True, "role %s has managed policy %s attached" % (role, lab.managed_policy),
                  source=arns.source)
    if not ssm_roles:
        check(False, "a role has managed policy %s attached" % lab.managed_policy,
              "roles in the stack: %s" % (", ".join(roles) or "none"))
    for role in ssm_roles:
        document = dep.aws.json("iam", "get-role", "--role-name", role)["Role"].get(
            "AssumeRolePolicyDocument") or {}
        if isinstance(document, str):
            document = json.loads(urllib.parse.unquote(document))
        principals = []
        for statement in document.get("Statement") or []:
            if statement.get("Effect") == "Allow":
                service = (statement.get("Principal") or {}).get("Service") or []
                principals.extend([service] if isinstance(service, str) else service)
        check("ec2.amazonaws.com" in principals,
              "role %s can be assumed by ec2.amazonaws.com" % role, "principals: %s" % principals)

    profiles = {}
    for name in dep.physical_ids("AWS::IAM::InstanceProfile"):
        profile = dep.aws.json("iam", "get-instance-profile", "--instance-profile-name", name)["InstanceProfile"]
        profiles[profile["Arn"]] = [r["RoleName"] for r in profile.get("Roles") or []]
    ssm_profiles = [arn for arn, members in profiles.items() if set(members) & set(ssm_roles)]
    check(bool(ssm_profiles), "an instance profile contains the role with %s (%s)"
          % (lab.managed_policy, ", ".join(ssm_profiles) or "none"),
          "instance profiles: %s" % json.dumps(profiles))
    for iid in private_instances:
        arn = (dep.instances.get(iid, {}).get("IamInstanceProfile") or {}).get("Arn")
        check(arn in ssm_profiles, "private instance %s uses that instance profile" % iid,
              "IamInstanceProfile: %s" % arn)


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def stack_failure_reasons(aws: Aws, stack: str) -> str:
    result = aws.run("cloudformation", "describe-stack-events", "--stack-name", stack, "--output", "json")
    if result.returncode != 0:
        return result.stderr.strip()
    events = json.loads(result.stdout).get("StackEvents") or []
    lines = ["%s %s: %s" % (e.get("LogicalResourceId"), e.get("ResourceStatus"),
                            e.get("ResourceStatusReason", ""))
             for e in events if "FAILED" in str(e.get("ResourceStatus"))]
    return "\n".join(lines)


def deploy(aws: Aws, template_path: str, stack: str, overrides: Dict[str, str],
           results: Results) -> bool:
    command = ["cloudformation", "deploy", "--template-file", template_path, "--stack-name", stack,
               "--capabilities", "CAPABILITY_IAM", "CAPABILITY_NAMED_IAM",
               "--no-fail-on-empty-changeset"]
    if overrides:
        command += ["--parameter-overrides"] + ["%s=%s" % kv for kv in overrides.items()]
    if os.path.getsize(template_path) > INLINE_TEMPLATE_LIMIT:
        bucket = "deploy-check-templates"
        aws.json("s3api", "create-bucket", "--bucket", bucket)
        command += ["--s3-bucket", bucket]
    started = time.monotonic()
    result = aws.run(*command, timeout=DEPLOY_TIMEOUT)
    took = time.monotonic() - started
    detail = ""
    if result.returncode != 0:
        detail = (result.stdout + result.stderr).strip() + "\n" + stack_failure_reasons(aws, stack)
    return results.check(result.returncode == 0,
                         "aws cloudformation deploy of %s as stack %s (%.1f s)"
                         % (os.path.basename(template_path), stack, took), detail)


def parse_params(items: List[str]) -> Dict[str, str]:
    params: Dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise SystemExit("deploy_check.py: --param wants KEY=VALUE, got %r" % item)
        key, value = item.split("=", 1)
        params[key] = value
    return params


def missing_tool(message: str) -> int:
    if ci_is_set():
        print("FAIL: %s (required when CI is set)" % message, file=sys.stderr)
        return 1
    print("SKIP: %s" % message)
    return SKIP


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Deploy a template to moto and check the result.")
    parser.add_argument("--template", required=True, help="the template file (YAML or JSON)")
    parser.add_argument("--stack-name", default="infrac-deploy-check")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                        help="a parameter override (repeatable)")
    parser.add_argument("--expect", required=True, choices=sorted(EXPECTATIONS),
                        help="which architecture to assert")
    parser.add_argument("--verbose", action="store_true", help="print each aws command")
    parser.add_argument("--keep-temp", action="store_true",
                        help="keep the temporary directory (moto log, AWS config)")
    args = parser.parse_args(argv)
    overrides = parse_params(args.param)

    moto = shutil.which("moto_server")
    aws_exe = shutil.which("aws")
    if not moto:
        return missing_tool("moto_server not installed")
    if not aws_exe:
        return missing_tool("aws CLI not installed")
    template_path = os.path.abspath(args.template)
    try:
        template = load_template(template_path)
    except TemplateError as exc:
        print("not ok - cannot read the template: %s" % exc)
        return 1

    started = time.monotonic()
    workdir = tempfile.mkdtemp(prefix="deploy_check.")
    env = clean_environment(workdir)
    server = MotoServer(moto, workdir, env)
    results = Results()

    def on_term(signum, _frame):
        raise KeyboardInterrupt("signal %d" % signum)

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        server.start()
        print("# moto_server on %s (started in %.1f s)" % (server.url, time.monotonic() - started))
        aws = Aws(aws_exe, server.url, env, args.verbose)
        prepare_parameters(aws, template, overrides)
        if deploy(aws, template_path, args.stack_name, overrides, results):
            dep = Deployment(aws, args.stack_name, template)
            results.check(dep.stack_status in ("CREATE_COMPLETE", "UPDATE_COMPLETE"),
                          "stack %s is %s" % (args.stack_name, dep.stack_status))
            lab = EXPECTATIONS[args.expect]
            if lab is not None:
                check_ssm_architecture(dep, lab, results)
            if args.expect == "environments":
                check_environments(aws, overrides, results)
            if args.expect == "fleet":
                from deploy_fleet import check_fleet
                check_fleet(dep, aws, results)
            if args.expect == "access":
                from deploy_access import check_access
                check_access(dep, aws, results)
    except CheckError as exc:
        results.check(False, "deploy check could not go on", str(exc))
    except KeyboardInterrupt:
        print("# interrupted; stopping moto_server", file=sys.stderr)
        server.stop()
        return 130
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
        if args.keep_temp:
            print("# kept %s" % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    total = results.passed + results.failed
    print("# %d/%d assertions ok%s; %.1f s in all" % (
        results.passed, total,
        " (%d read from the template where moto does not model the fact)" % results.from_template
        if results.from_template else "", time.monotonic() - started))
    return 0 if results.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
