"""The three access patterns of examples/access.infra, asserted through the EC2 and IAM
APIs of a deployed stack (deploy_check.py --expect access): the SSH host open on port 22
to `ssh_from` only and routed to the internet, the Session Manager host open to nothing
and admitted to its endpoints over HTTPS, and the Instance Connect host open on port 22
to the endpoint's security group only, whose egress is port 22 to that host's group only.
moto does not model `AWS::EC2::InstanceConnectEndpoint`: where the endpoint itself is
asserted, it is read from the template and the assertion says so.
"""

from __future__ import annotations

from typing import Any, Dict, List

from compare_templates import canon  # the values Deployment.resolve reads

SSH_FROM = "203.0.113.0/24"
ALL_EGRESS = {"IpProtocol": "-1", "UserIdGroupPairs": [], "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
              "Ipv6Ranges": [], "PrefixListIds": []}


def _rules(group: Dict[str, Any], key: str) -> List[Dict[str, Any]]:
    return group.get(key) or []


def _is_ssh_from_group(rule: Dict[str, Any], group_id: str, pairs_key: str = "UserIdGroupPairs") -> bool:
    return (str(rule.get("IpProtocol")) in ("tcp", "6") and rule.get("FromPort") == 22 and rule.get("ToPort") == 22
            and [p.get("GroupId") for p in rule.get(pairs_key) or []] == [group_id]
            and not rule.get("IpRanges") and not rule.get("Ipv6Ranges"))


def check_access(dep, aws, results) -> None:
    check = results.check
    vpcs = dep.physical_ids("AWS::EC2::VPC")
    if not check(len(vpcs) == 1, "the stack has exactly one VPC", "VPCs: %s" % vpcs):
        return
    dep.load_ec2(vpcs[0])
    by_logical = {logical: res["physical"] for logical, res in dep.resources.items()}

    def group(logical: str) -> Dict[str, Any]:
        return dep.security_groups.get(by_logical.get(logical, ""), {})

    # 1. SSH over the internet.
    ssh_sg = group("PublicSshInstanceSg")
    ingress = _rules(ssh_sg, "IpPermissions")
    check(len(ingress) == 1 and ingress[0].get("FromPort") == 22
          and [r.get("CidrIp") for r in ingress[0].get("IpRanges") or []] == [SSH_FROM],
          "the SSH host admits tcp 22 from %s only (%s)" % (SSH_FROM, ingress))
    placed = dep.instance_placement(by_logical["PublicSshInstance"])
    table = dep.route_table_of(placed.subnet or "")
    check(dep.has_igw_route(table.value), "the SSH host's subnet routes to the internet gateway",
          source=placed.source or table.source)

    # 2. Session Manager through endpoints.
    ssm_sg_id = by_logical["SessionManagerInstanceSg"]
    check(not _rules(group("SessionManagerInstanceSg"), "IpPermissions"), "the Session Manager host admits nothing")
    services = sorted(str(e.get("ServiceName", "")).rsplit(".", 1)[-1] for e in dep.endpoints)
    check(services == ["ec2messages", "ssm", "ssmmessages"],
          "one endpoint each for ssm, ec2messages and ssmmessages (%s)" % services)
    endpoint_sg = group("SessionManagerEndpointsSecurityGroup")
    check(any(r.get("FromPort") == 443 and [p.get("GroupId") for p in r.get("UserIdGroupPairs") or []] == [ssm_sg_id]
              for r in _rules(endpoint_sg, "IpPermissions")),
          "the endpoints admit tcp 443 from the Session Manager host's group")
    ssm_placed = dep.instance_placement(by_logical["SessionManagerInstance"])
    ssm_table = dep.route_table_of(ssm_placed.subnet or "")
    check(not dep.default_routes(ssm_table.value), "the Session Manager host's subnet has no route out",
          source=ssm_placed.source or ssm_table.source)

    # 3. SSH through the Instance Connect endpoint.
    eice_sg_id = by_logical["InstanceConnectEndpointSecurityGroup"]
    host_sg_id = by_logical["EiceHostSg"]
    host_ingress = _rules(group("EiceHostSg"), "IpPermissions")
    check(len(host_ingress) == 1 and _is_ssh_from_group(host_ingress[0], eice_sg_id),
          "the Instance Connect host admits tcp 22 from the endpoint's group only (%s)" % host_ingress)
    eice_sg = group("InstanceConnectEndpointSecurityGroup")
    check(not _rules(eice_sg, "IpPermissions"), "the endpoint's group admits nothing")
    egress = _rules(eice_sg, "IpPermissionsEgress")
    declared = (dep.template_resources("AWS::EC2::SecurityGroup").get("InstanceConnectEndpointSecurityGroup") or {})
    declared = dep.resolve(canon((declared.get("Properties") or {}).get("SecurityGroupEgress")))
    if declared and egress == [ALL_EGRESS]:
        # moto ignores inline SecurityGroupEgress and keeps the default rule.
        rules = [{"IpProtocol": r.get("IpProtocol"), "FromPort": int(r.get("FromPort", -1)), "ToPort": int(r.get("ToPort", -1)),
                  "UserIdGroupPairs": [{"GroupId": r.get("DestinationSecurityGroupId")}]} for r in declared]
        check(len(rules) == 1 and _is_ssh_from_group(rules[0], host_sg_id),
              "the endpoint's group lets out tcp 22 to the host's group only (%s)" % declared,
              source="template: moto ignores SecurityGroupEgress of AWS::EC2::SecurityGroup")
    else:
        check(len(egress) == 1 and _is_ssh_from_group(egress[0], host_sg_id),
              "the endpoint's group lets out tcp 22 to the host's group only (%s)" % egress)
    host_placed = dep.instance_placement(by_logical["EiceHost"])
    check(not host_placed.public_ip, "the Instance Connect host has no public address", source=host_placed.source)
    endpoints = dep.template_resources("AWS::EC2::InstanceConnectEndpoint")
    props = [dep.resolve(canon(r.get("Properties") or {})) for r in endpoints.values()]
    check(len(props) == 1 and props[0].get("SubnetId") == host_placed.subnet
          and props[0].get("SecurityGroupIds") == [eice_sg_id] and props[0].get("PreserveClientIp") == "false",
          "one Instance Connect endpoint, in the host's subnet, with the endpoint's group (%s)" % props,
          source="template: moto does not model AWS::EC2::InstanceConnectEndpoint")
