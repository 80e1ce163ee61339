"""The architecture of examples/fleet.infra, asserted through the AWS APIs of a deployed
stack (deploy_check.py --expect fleet): private hosts in two availability zones sharing
exactly one endpoint per service in their VPC, an S3 gateway endpoint for the package
repositories and the session logs, and session logging to an encrypted S3 bucket and an
encrypted log group. Where moto does not model a fact (the instances' network interfaces,
managed policies attached to roles, bucket policies), it is read from the template and
the assertion says so, as in deploy_check.py.
"""

from __future__ import annotations

import ast
import json
from collections import Counter
from typing import Any, Dict, List

INTERFACE_SERVICES = ("ssm", "ec2messages", "ssmmessages", "kms", "logs")
HOSTS = 3
ZONES = 2


def _service(endpoint: Dict[str, Any]) -> str:
    return str(endpoint.get("ServiceName", "")).rsplit(".", 1)[-1]


def _admits_443_from(group: Dict[str, Any], source: str) -> bool:
    for rule in group.get("IpPermissions") or []:
        if str(rule.get("IpProtocol")) not in ("tcp", "6") or rule.get("FromPort") != 443 or rule.get("ToPort") != 443:
            continue
        if any(pair.get("GroupId") == source for pair in rule.get("UserIdGroupPairs") or []):
            return True
    return False


def _statements(document: Any) -> List[Dict[str, Any]]:
    if isinstance(document, str):
        try:
            document = json.loads(document)
        except ValueError:  # moto gives an endpoint's policy as a Python literal
            document = ast.literal_eval(document)
    statements = (document or {}).get("Statement") or []
    return statements if isinstance(statements, list) else [statements]


def _actions(statements: List[Dict[str, Any]]) -> set:
    out = set()
    for s in statements:
        if s.get("Effect") != "Allow":
            continue
        action = s.get("Action")
        out.update(action if isinstance(action, list) else [action])
    return out


def check_fleet(dep, aws, results) -> None:
    check = results.check
    vpcs = dep.physical_ids("AWS::EC2::VPC")
    if not check(len(vpcs) == 1, "the stack has exactly one VPC", "VPCs: %s" % vpcs):
        return
    vpc = vpcs[0]
    dep.load_ec2(vpc)

    # Endpoints: one per service in the VPC, however many hosts use them.
    counts = Counter(_service(e) for e in dep.endpoints)
    for service in INTERFACE_SERVICES + ("s3",):
        check(counts[service] == 1, "exactly one %s endpoint in the VPC (the API lists %d)" % (service, counts[service]))
    check(sum(counts.values()) == len(INTERFACE_SERVICES) + 1,
          "no other endpoints in the VPC (the API lists %s)" % dict(counts))
    private_tables = {t["RouteTableId"] for t in dep.route_tables.values()
                      if not any(a.get("Main") for a in t.get("Associations") or [])}
    endpoint_groups = set()
    for e in dep.endpoints:
        service = _service(e)
        if service == "s3":
            check(e.get("VpcEndpointType") == "Gateway", "the s3 endpoint is a gateway endpoint")
            tables = set(e.get("RouteTableIds") or [])
            check(tables == private_tables and len(tables) == ZONES,
                  "the s3 gateway endpoint serves both private route tables (%s; private: %s)"
                  % (sorted(tables), sorted(private_tables)))
            policy = _statements(e.get("PolicyDocument"))
            resources = [r for s in policy for r in (s.get("Resource") if isinstance(s.get("Resource"), list)
                                                     else [s.get("Resource")])]
            check(any("al2023-repos-" in str(r) for r in resources) and all(s.get("Effect") == "Allow" for s in policy),
                  "the s3 endpoint's policy allows the Amazon Linux repositories (resources: %s)" % resources)
            continue
        check(e.get("VpcEndpointType") == "Interface" and e.get("PrivateDnsEnabled") is True,
              "the %s endpoint is an interface endpoint with private DNS" % service)
        subnets = e.get("SubnetIds") or []
        zones = {dep.subnets.get(s, {}).get("AvailabilityZone") for s in subnets}
        check(len(subnets) == ZONES and len(zones) == ZONES,
              "the %s endpoint has a network interface in each of %d zones (%s)" % (service, ZONES, sorted(map(str, zones))))
        endpoint_groups.update(g.get("GroupId") for g in e.get("Groups") or [])
    check(len(endpoint_groups) == 1, "every interface endpoint has the one endpoint security group (%s)" % sorted(endpoint_groups))

    # No way out, no way in.
    check(not dep.igws, "the VPC has no internet gateway")
    for table in sorted(private_tables):
        check(not dep.default_routes(table), "route table %s has no default route" % table)

    # The hosts: private, in two zones, each admitted to the endpoints over HTTPS.
    instances = dep.physical_ids("AWS::EC2::Instance")
    check(len(instances) == HOSTS, "the stack has %d instances (%d)" % (HOSTS, len(instances)))
    zones_used = set()
    endpoint_group = dep.security_groups.get(next(iter(endpoint_groups), ""), {})
    for instance in instances:
        placed = dep.instance_placement(instance)
        zones_used.add(dep.subnets.get(placed.subnet or "", {}).get("AvailabilityZone"))
        check(not placed.public_ip, "instance %s has no public address" % instance, source=placed.source)
        for group in placed.groups:
            g = dep.security_groups.get(group, {})
            check(not g.get("IpPermissions"), "security group %s of %s admits nothing" % (group, instance))
            check(_admits_443_from(endpoint_group, group),
                  "the endpoint security group admits tcp 443 from %s of %s" % (group, instance), source=placed.source)
    check(len(zones_used) == ZONES, "the instances are in %d zones (%s)" % (ZONES, sorted(map(str, zones_used))))

    # Session logging: the key, the bucket, the log group, the document, the policy.
    keys = dep.physical_ids("AWS::KMS::Key")
    key_arn = None
    if check(len(keys) == 1, "the stack has one KMS key (%s)" % keys):
        # moto keeps a key policy from CloudFormation as an object, which its own
        # DescribeKey and GetKeyRotationStatus then fail to read: list-keys and
        # list-aliases still answer, and the rest comes from the template.
        listed = {k["KeyId"]: k["KeyArn"] for k in aws.json("kms", "list-keys")["Keys"]}
        check(keys[0] in listed, "the key exists (%s)" % sorted(listed))
        key_arn = listed.get(keys[0])
        aliases = {a["AliasName"]: a.get("TargetKeyId") for a in aws.json("kms", "list-aliases")["Aliases"]}
        check(aliases.get("alias/fleet-sessions") == keys[0],
              "alias/fleet-sessions names the key (it names %s)" % aliases.get("alias/fleet-sessions"))
        props = dep.template_properties(keys[0], "AWS::KMS::Key")
        check(props.get("EnableKeyRotation") == "true", "the key rotates",
              source="template: moto cannot read back a key policy given by CloudFormation")
    buckets = dep.physical_ids("AWS::S3::Bucket")
    if check(len(buckets) == 1, "the stack has one bucket (%s)" % buckets):
        bucket = buckets[0]
        rules = aws.json("s3api", "get-bucket-encryption", "--bucket", bucket)[
            "ServerSideEncryptionConfiguration"]["Rules"]
        default = rules[0].get("ApplyServerSideEncryptionByDefault") or {}
        check(default.get("SSEAlgorithm") == "aws:kms" and default.get("KMSMasterKeyID") == key_arn,
              "the bucket encrypts with the key (%s)" % default)
        source = None
        try:
            block = aws.json("s3api", "get-public-access-block", "--bucket", bucket)["PublicAccessBlockConfiguration"]
        except Exception:  # moto does not apply PublicAccessBlockConfiguration from CloudFormation
            block = dep.template_properties(bucket, "AWS::S3::Bucket").get("PublicAccessBlockConfiguration") or {}
            block = {k: v in (True, "true") for k, v in block.items()}
            source = "template: moto does not apply PublicAccessBlockConfiguration of AWS::S3::Bucket"
        check(all(block.get(k) is True for k in ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls",
                                                 "RestrictPublicBuckets")), "the bucket blocks public access (%s)" % block,
              source=source)
        policies = dep.template_resources("AWS::S3::BucketPolicy")
        denies_plain = any(s.get("Effect") == "Deny" and "aws:SecureTransport" in json.dumps(s.get("Condition"))
                           for p in policies.values() for s in _statements((p.get("Properties") or {}).get("PolicyDocument")))
        check(denies_plain, "the bucket refuses requests without TLS",
              source="template: moto does not create AWS::S3::BucketPolicy")
    groups = aws.json("logs", "describe-log-groups", "--log-group-name-prefix", "/fleet/")["logGroups"]
    if check(len(groups) == 1, "one log group for the sessions (%s)" % [g.get("logGroupName") for g in groups]):
        if groups[0].get("kmsKeyId") is not None:
            check(groups[0]["kmsKeyId"] == key_arn, "the log group encrypts with the key (%s)" % groups[0]["kmsKeyId"])
        else:  # moto leaves KmsKeyId of AWS::Logs::LogGroup out
            declared = [(r.get("Properties") or {}).get("KmsKeyId") for r in dep.template_resources("AWS::Logs::LogGroup").values()]
            key_logical = dep.logical_id(keys[0], "AWS::KMS::Key") if keys else None
            check(declared == [{"Fn::GetAtt": [key_logical, "Arn"]}], "the log group encrypts with the key (%s)" % declared,
                  source="template: moto does not keep KmsKeyId of AWS::Logs::LogGroup")
        check(groups[0].get("retentionInDays") == 365, "the log group keeps logs 365 days")
    documents = dep.physical_ids("AWS::SSM::Document")
    if check(len(documents) == 1, "one Session document (%s)" % documents):
        doc = aws.json("ssm", "get-document", "--name", documents[0])
        check(doc.get("DocumentType") == "Session", "the document is a Session document")
        content = doc.get("Content") or {}
        inputs = (json.loads(content) if isinstance(content, str) else content).get("inputs") or {}
        check(inputs.get("s3BucketName") == (buckets or [None])[0] and inputs.get("s3EncryptionEnabled") is True,
              "sessions log to the bucket, encrypted (%s)" % inputs.get("s3BucketName"))
        check(inputs.get("cloudWatchLogGroupName") == "/fleet/sessions" and inputs.get("cloudWatchEncryptionEnabled") is True,
              "sessions stream to the log group, encrypted (%s)" % inputs.get("cloudWatchLogGroupName"))
    policies = dep.physical_ids("AWS::IAM::ManagedPolicy")
    if check(len(policies) == 1, "one managed policy for the agent (%s)" % policies):
        policy_arn = policies[0]
        version = aws.json("iam", "get-policy", "--policy-arn", policy_arn)["Policy"]["DefaultVersionId"]
        document = aws.json("iam", "get-policy-version", "--policy-arn", policy_arn, "--version-id", version)[
            "PolicyVersion"]["Document"]
        actions = _actions(_statements(document))
        needed = {"kms:Decrypt", "kms:GenerateDataKey", "s3:PutObject", "s3:GetEncryptionConfiguration",
                  "logs:CreateLogStream", "logs:PutLogEvents"}
        check(needed <= actions, "the policy allows what the agent needs to log (missing: %s)" % sorted(needed - actions))
        for role in dep.physical_ids("AWS::IAM::Role"):
            attached = dep.attached_policy_arns(role)
            names = [a.rsplit("/", 1)[-1] for a in attached.value]
            check("AmazonSSMManagedInstanceCore" in names and policy_arn in attached.value,
                  "role %s has AmazonSSMManagedInstanceCore and the logging policy (%s)" % (role, attached.value),
                  source=attached.source)
