#!/usr/bin/env python3
"""Writes the same N resources twice: once through a module instantiated in a `for`
loop, once written out flat, so that bench/modules_vs_flat.sh can compare the cost of
modules and loops with that of plain resources.

    gen_modules_vs_flat.py N DIR

DIR gets group.infra (the module: 10 resources), modular.infra (N/10 instances of it,
made by a loop) and flat.infra (the same resources, logical IDs and properties,
written out). Deterministic: the same arguments give the same files.
"""
import os
import sys

GROUP = """\
param name: string
param cidr: cidr
param index: number

resource vpc: AWS::EC2::VPC {
  CidrBlock          = cidr
  EnableDnsSupport   = true
  EnableDnsHostnames = true
  Tags               = [{ Key = "Name", Value = "${name}-vpc" }]
}
resource igw: AWS::EC2::InternetGateway { Tags = [{ Key = "Name", Value = "${name}-igw" }] }
resource attach: AWS::EC2::VPCGatewayAttachment { VpcId = vpc.id, InternetGatewayId = igw.id }
resource subnet: AWS::EC2::Subnet {
  VpcId            = vpc.id
  CidrBlock        = select(0, cidr_subnets(cidr, 2, 8))
  AvailabilityZone = "${AWS::Region}a"
}
resource table: AWS::EC2::RouteTable { VpcId = vpc.id }
resource route: AWS::EC2::Route { RouteTableId = table.id, DestinationCidrBlock = "0.0.0.0/0", GatewayId = igw.id }
resource assoc: AWS::EC2::SubnetRouteTableAssociation { SubnetId = subnet.id, RouteTableId = table.id }
resource sg: AWS::EC2::SecurityGroup {
  GroupDescription = "web ${index}"
  VpcId            = vpc.id
  SecurityGroupIngress = [{ IpProtocol = "tcp", FromPort = 443, ToPort = 443, CidrIp = cidr }]
}
resource bucket: AWS::S3::Bucket { BucketName = "${name}-assets-${AWS::AccountId}" }
resource queue: AWS::SQS::Queue { QueueName = "${name}-work", VisibilityTimeout = 30 + index }

output vpc_id = vpc.id
"""


def cidr(i):
    return "10.%d.%d.0/22" % (i // 64, (i % 64) * 4)


def subnet(i):
    return "10.%d.%d.0/24" % (i // 64, (i % 64) * 4)


def flat_group(i):
    n = "g%d" % i
    p = "g_%d_" % i
    return f"""\
resource {p}vpc: AWS::EC2::VPC {{
  CidrBlock          = "{cidr(i)}"
  EnableDnsSupport   = true
  EnableDnsHostnames = true
  Tags               = [{{ Key = "Name", Value = "${{prefix}}-{n}-vpc" }}]
}}
resource {p}igw: AWS::EC2::InternetGateway {{ Tags = [{{ Key = "Name", Value = "${{prefix}}-{n}-igw" }}] }}
resource {p}attach: AWS::EC2::VPCGatewayAttachment {{ VpcId = {p}vpc.id, InternetGatewayId = {p}igw.id }}
resource {p}subnet: AWS::EC2::Subnet {{
  VpcId            = {p}vpc.id
  CidrBlock        = "{subnet(i)}"
  AvailabilityZone = "${{AWS::Region}}a"
}}
resource {p}table: AWS::EC2::RouteTable {{ VpcId = {p}vpc.id }}
resource {p}route: AWS::EC2::Route {{ RouteTableId = {p}table.id, DestinationCidrBlock = "0.0.0.0/0", GatewayId = {p}igw.id }}
resource {p}assoc: AWS::EC2::SubnetRouteTableAssociation {{ SubnetId = {p}subnet.id, RouteTableId = {p}table.id }}
resource {p}sg: AWS::EC2::SecurityGroup {{
  GroupDescription = "web {i}"
  VpcId            = {p}vpc.id
  SecurityGroupIngress = [{{ IpProtocol = "tcp", FromPort = 443, ToPort = 443, CidrIp = "{cidr(i)}" }}]
}}
resource {p}bucket: AWS::S3::Bucket {{ BucketName = "${{prefix}}-{n}-assets-${{AWS::AccountId}}" }}
resource {p}queue: AWS::SQS::Queue {{ QueueName = "${{prefix}}-{n}-work", VisibilityTimeout = {30 + i} }}
"""


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n, out = int(sys.argv[1]), sys.argv[2]
    groups = n // 10
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "group.infra"), "w") as f:
        f.write(GROUP)
    entries = "\n".join('  "%d" = { cidr = "%s", index = %d }' % (i, cidr(i), i) for i in range(groups))
    with open(os.path.join(out, "modular.infra"), "w") as f:
        f.write(f"""\
import "./group.infra"

param prefix: string = "bench"

let groups = {{
{entries}
}}

for i in keys(groups) {{
  module g[i] = group {{
    name  = "${{prefix}}-g${{i}}"
    cidr  = groups[i].cidr
    index = groups[i].index
  }}
}}
""")
    with open(os.path.join(out, "flat.infra"), "w") as f:
        f.write('param prefix: string = "bench"\n\n')
        for i in range(groups):
            f.write(flat_group(i))


if __name__ == "__main__":
    main()
