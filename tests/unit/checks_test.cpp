// The checks over the template IR (compiler/checks): CIDR math, IAM action matching,
// reference walking, and the SSM reachability proof and security warnings, both on
// hand-built IR and on programs compiled through the whole pipeline.
#include <catch2/catch.hpp>

#include <string>

#include "checks/checks.h"
#include "base/cidr.h"
#include "checks/iam.h"
#include "checks/refs.h"
#include "checks/sg_rules.h"
#include "checks/ssm/endpoints.h"
#include "compile_helpers.h"

using infrac::checks::Cidr;
using infrac::checks::Tri;
using infrac::ir::Value;
using infrac::test::compile_text;

namespace {

Value ref(const std::string& id) { return Value::fn("Ref", Value::string(id)); }
Value getatt(const std::string& id, const std::string& attr) {
  return Value::fn("Fn::GetAtt", Value::list({Value::string(id), Value::string(attr)}));
}
Value sub(const std::string& text) { return Value::fn("Fn::Sub", Value::string(text)); }

// Adds a resource; the returned reference stays valid while the template holds at most
// 64 of them.
infrac::ir::Resource& add(infrac::ir::Template& t, const std::string& id, const std::string& type) {
  t.resources.reserve(64);
  infrac::ir::Resource r;
  r.logical_id = id;
  r.type = type;
  r.path = id;
  t.resources.push_back(std::move(r));
  return t.resources.back();
}

bool has(const infrac::diag::Engine& e, std::string_view code) {
  for (const auto& d : e.diagnostics()) {
    if (d.code() == code) return true;
  }
  return false;
}

size_t count_errors(const infrac::test::Compiled& c) { return c.result->diags.error_count(); }

// A private instance behind the three endpoints, as in the article; the arguments break it.
std::string lab(const std::string& vpc_extra = "", const std::string& endpoint_sg_rule = "", const std::string& dns = "true",
                const std::string& policy = "ManagedPolicyArns = [\"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore\"]") {
  std::string rule = endpoint_sg_rule.empty()
                         ? "{ IpProtocol = \"tcp\", FromPort = 443, ToPort = 443, SourceSecurityGroupId = isg.id }"
                         : endpoint_sg_rule;
  std::string text = R"(
    param image: string = "ami-12345678"
    resource vpc: AWS::EC2::VPC { CidrBlock = "10.0.0.0/16", EnableDnsHostnames = true )" + vpc_extra + R"( }
    resource subnet: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.2.0/24" }
    resource isg: AWS::EC2::SecurityGroup { GroupDescription = "instance", VpcId = vpc.id }
    resource esg: AWS::EC2::SecurityGroup {
      GroupDescription = "endpoints", VpcId = vpc.id
      SecurityGroupIngress = [)" + rule + R"(]
    }
  )";
  for (const char* s : {"ssm", "ec2messages", "ssmmessages"}) {
    text += std::string("resource ep_") + s + R"(: AWS::EC2::VPCEndpoint {
      VpcId = vpc.id, ServiceName = "com.amazonaws.${AWS::Region}.)" + s + R"(", VpcEndpointType = "Interface"
      PrivateDnsEnabled = )" + dns + R"(, SubnetIds = [subnet.id], SecurityGroupIds = [esg.id]
    }
    )";
  }
  text += R"(
    resource instance: AWS::EC2::Instance {
      ImageId = image, SubnetId = subnet.id, SecurityGroupIds = [isg.id], IamInstanceProfile = profile.id
      MetadataOptions = { HttpTokens = "required" }
      BlockDeviceMappings = [{ DeviceName = "/dev/xvda", Ebs = { Encrypted = true } }]
    }
    resource profile: AWS::IAM::InstanceProfile { Roles = [role.id] }
    resource role: AWS::IAM::Role {
      AssumeRolePolicyDocument = { Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }] }
      )" + policy + R"(
    }
  )";
  return text;
}

}  // namespace

// ---------------------------------------------------------------- CIDR math

TEST_CASE("cidr: containment of IPv4 blocks", "[checks][cidr]") {
  auto vpc = Cidr::parse("10.0.0.0/16");
  auto subnet = Cidr::parse("10.0.2.0/24");
  auto other = Cidr::parse("10.1.2.0/24");
  REQUIRE(vpc);
  REQUIRE(subnet);
  REQUIRE(other);
  CHECK(vpc->contains(*subnet));
  CHECK_FALSE(subnet->contains(*vpc));
  CHECK_FALSE(vpc->contains(*other));
  CHECK(vpc->contains(*vpc));
  CHECK(infrac::checks::cidr_contains("10.0.1.0/24", "10.0.2.0/24") == false);
  CHECK(infrac::checks::cidr_contains("10.0.0.0/22", "10.0.3.128/25") == true);
  CHECK(infrac::checks::cidr_contains("172.16.0.0/12", "172.31.255.0/24") == true);
  CHECK(infrac::checks::cidr_contains("172.16.0.0/12", "172.32.0.0/24") == false);
}

TEST_CASE("cidr: /0 covers everything of its family, /32 only itself", "[checks][cidr]") {
  auto all = Cidr::parse("0.0.0.0/0");
  REQUIRE(all);
  CHECK(all->is_everything());
  CHECK(all->contains(*Cidr::parse("203.0.113.7/32")));
  CHECK(all->contains(*Cidr::parse("10.0.0.0/8")));
  auto host = Cidr::parse("10.0.2.15/32");
  REQUIRE(host);
  CHECK(host->contains(*Cidr::parse("10.0.2.15/32")));
  CHECK_FALSE(host->contains(*Cidr::parse("10.0.2.14/32")));
  CHECK_FALSE(host->contains(*Cidr::parse("10.0.2.0/24")));
  CHECK(Cidr::parse("10.0.2.0/24")->contains(*host));
  // The families do not mix.
  auto v6all = Cidr::parse("::/0");
  REQUIRE(v6all);
  CHECK(v6all->v6);
  CHECK(v6all->is_everything());
  CHECK_FALSE(v6all->contains(*host));
  CHECK_FALSE(all->contains(*v6all));
}

TEST_CASE("cidr: IPv6 blocks", "[checks][cidr]") {
  CHECK(infrac::checks::cidr_contains("2001:db8::/32", "2001:db8:1234::/48") == true);
  CHECK(infrac::checks::cidr_contains("2001:db8::/32", "2001:db9::/48") == false);
  CHECK(infrac::checks::cidr_contains("::/0", "fe80::1/128") == true);
  CHECK(infrac::checks::cidr_contains("2001:0db8:0000:0000:0000:0000:0000:0000/64", "2001:db8::ff/128") == true);
}

TEST_CASE("cidr: bad input does not parse", "[checks][cidr]") {
  for (const char* bad : {"", "10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0/8", "10.0.0.0.0/8", "256.0.0.0/8",
                          "10.0.0.-1/8", "10.0.0.0/-1", "10.0.0.0/8x", "abc", "a.b.c.d/8", "::/129", "1::2::3/64",
                          "12345::/16", "1:2:3:4:5:6:7:8:9/64", ":/0"}) {
    INFO(bad);
    CHECK_FALSE(Cidr::parse(bad).has_value());
  }
  CHECK_FALSE(infrac::checks::cidr_contains("10.0.0.0/8", "nonsense").has_value());
  CHECK_FALSE(infrac::checks::cidr_contains("nonsense", "10.0.0.0/8").has_value());
}

// ---------------------------------------------------------------- IAM

TEST_CASE("iam: action patterns match like IAM's", "[checks][iam]") {
  using infrac::checks::action_matches;
  CHECK(action_matches("*", "ssm:UpdateInstanceInformation"));
  CHECK(action_matches("ssm:*", "ssm:UpdateInstanceInformation"));
  CHECK(action_matches("SSM:updateinstance*", "ssm:UpdateInstanceInformation"));
  CHECK(action_matches("ssmmessages:Create*", "ssmmessages:CreateDataChannel"));
  CHECK(action_matches("ec2messages:Get?essages", "ec2messages:GetMessages"));
  CHECK_FALSE(action_matches("ssm:*", "ssmmessages:OpenDataChannel"));
  CHECK_FALSE(action_matches("ssmmessages:Create*", "ssmmessages:OpenDataChannel"));
  CHECK_FALSE(action_matches("ssm:UpdateInstanceInformation", "ssm:UpdateInstance"));
}

TEST_CASE("iam: AWS managed policy ARNs in any partition", "[checks][iam]") {
  using infrac::checks::aws_managed_policy_name;
  Value literal = Value::string("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore");
  Value china = Value::string("arn:aws-cn:iam::aws:policy/service-role/AmazonEC2RoleforSSM");
  Value partition = sub("arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore");
  Value customer = Value::string("arn:aws:iam::123456789012:policy/Mine");
  CHECK(aws_managed_policy_name(&literal) == "AmazonSSMManagedInstanceCore");
  CHECK(aws_managed_policy_name(&china) == "AmazonEC2RoleforSSM");
  CHECK(aws_managed_policy_name(&partition) == "AmazonSSMManagedInstanceCore");
  CHECK(aws_managed_policy_name(&customer).empty());
}

// ---------------------------------------------------------------- the IR directly

TEST_CASE("refs: Ref and Fn::GetAtt resolve, through attributes that echo a property", "[checks][refs]") {
  infrac::ir::Template t;
  add(t, "Vpc", "AWS::EC2::VPC");
  add(t, "Subnet", "AWS::EC2::Subnet").properties.set("VpcId", ref("Vpc"));
  add(t, "Sg", "AWS::EC2::SecurityGroup");
  infrac::checks::Refs refs(t);
  Value by_ref = ref("Vpc"), through_subnet = getatt("Subnet", "VpcId"), group_id = getatt("Sg", "GroupId");
  Value param = ref("SomeParameter"), literal = Value::string("vpc-123");
  CHECK(refs.resolve(&by_ref, "AWS::EC2::VPC") == t.resource("Vpc"));
  CHECK(refs.resolve(&through_subnet, "AWS::EC2::VPC") == t.resource("Vpc"));
  CHECK(refs.resolve(&group_id, "AWS::EC2::SecurityGroup") == t.resource("Sg"));
  CHECK(refs.resolve(&by_ref, "AWS::EC2::Subnet") == nullptr);
  CHECK(refs.resolve(&param, "AWS::EC2::VPC") == nullptr);
  CHECK(refs.resolve(&literal, "AWS::EC2::VPC") == nullptr);
  Value default_group = getatt("Vpc", "DefaultSecurityGroup");
  auto g = infrac::checks::resolve_group(refs, &default_group);
  REQUIRE(g);
  CHECK(g->default_of == t.resource("Vpc"));
}

TEST_CASE("sg rules: ports, protocols and peers", "[checks][sg]") {
  infrac::ir::Template t;
  auto& sg = add(t, "Sg", "AWS::EC2::SecurityGroup");
  Value rules = Value::list({});
  auto rule = [](const char* proto, const char* from, const char* to, const char* cidr) {
    Value r = Value::map();
    r.set("IpProtocol", Value::string(proto));
    if (from) r.set("FromPort", Value::number(from));
    if (to) r.set("ToPort", Value::number(to));
    r.set("CidrIp", Value::string(cidr));
    return r;
  };
  rules.items.push_back(rule("tcp", "400", "500", "10.0.0.0/16"));
  rules.items.push_back(rule("-1", nullptr, nullptr, "0.0.0.0/0"));
  rules.items.push_back(rule("udp", "443", "443", "10.0.0.0/16"));
  rules.items.push_back(rule("6", "22", "22", "192.168.0.0/16"));
  sg.properties.set("SecurityGroupIngress", rules);
  Value from_param = Value::map();
  from_param.set("IpProtocol", Value::string("tcp"));
  from_param.set("FromPort", ref("Port"));
  from_param.set("ToPort", ref("Port"));
  from_param.set("CidrIp", ref("Cidr"));
  auto& separate = add(t, "Rule", "AWS::EC2::SecurityGroupIngress");
  separate.properties = from_param;
  separate.properties.set("GroupId", getatt("Sg", "GroupId"));

  infrac::checks::Refs refs(t);
  auto found = infrac::checks::ingress_rules(refs, infrac::checks::Group{&sg, nullptr});
  REQUIRE(found.size() == 5);
  CHECK(found[0].covers_tcp(443) == Tri::Yes);
  CHECK(found[0].covers_tcp(22) == Tri::No);
  CHECK(found[1].covers_tcp(3389) == Tri::Yes);
  CHECK(found[2].covers_tcp(443) == Tri::No);
  CHECK(found[3].covers_tcp(22) == Tri::Yes);
  CHECK(found[4].covers_tcp(443) == Tri::Unknown);
  CHECK(found[4].path.empty());

  infrac::checks::Peers subnet;
  subnet.cidrs.push_back(*Cidr::parse("10.0.2.0/24"));
  CHECK(infrac::checks::rule_names_peer(found[0], subnet) == Tri::Yes);
  CHECK(infrac::checks::rule_names_peer(found[3], subnet) == Tri::No);
  CHECK(infrac::checks::rule_names_peer(found[4], subnet) == Tri::Unknown);
  infrac::checks::Peers unknown;
  unknown.cidrs_known = false;
  CHECK(infrac::checks::rule_names_peer(found[1], unknown) == Tri::Yes);  // 0.0.0.0/0 covers any
  CHECK(infrac::checks::rule_names_peer(found[0], unknown) == Tri::Unknown);
}

TEST_CASE("endpoints: the service of a ServiceName", "[checks][ssm]") {
  infrac::ir::Template t;
  add(t, "A", "AWS::EC2::VPCEndpoint").properties.set("ServiceName", sub("com.amazonaws.${AWS::Region}.ssmmessages"));
  add(t, "B", "AWS::EC2::VPCEndpoint").properties.set("ServiceName", Value::string("com.amazonaws.eu-west-1.ssm"));
  add(t, "C", "AWS::EC2::VPCEndpoint").properties.set("ServiceName", ref("ServiceParameter"));
  add(t, "D", "AWS::EC2::VPCEndpoint").properties.set("ServiceName", sub("com.amazonaws.${AWS::Region}.${Service}"));
  CHECK(infrac::checks::endpoint_service(*t.resource("A")) == std::string("ssmmessages"));
  CHECK(infrac::checks::endpoint_service(*t.resource("B")) == std::string("ssm"));
  CHECK_FALSE(infrac::checks::endpoint_service(*t.resource("C")).has_value());
  CHECK_FALSE(infrac::checks::endpoint_service(*t.resource("D")).has_value());
}

TEST_CASE("run_checks: a private instance with the SSM role and no endpoints", "[checks][ssm]") {
  infrac::ir::Template t;
  add(t, "Vpc", "AWS::EC2::VPC").properties.set("EnableDnsHostnames", Value::boolean_of(true));
  auto& subnet = add(t, "Subnet", "AWS::EC2::Subnet");
  subnet.properties.set("VpcId", ref("Vpc"));
  subnet.properties.set("CidrBlock", Value::string("10.0.2.0/24"));
  auto& role = add(t, "Role", "AWS::IAM::Role");
  role.properties.set("ManagedPolicyArns",
                      Value::list({sub("arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore")}));
  add(t, "Profile", "AWS::IAM::InstanceProfile").properties.set("Roles", Value::list({ref("Role")}));
  auto& instance = add(t, "Instance", "AWS::EC2::Instance");
  instance.properties.set("SubnetId", ref("Subnet"));
  instance.properties.set("IamInstanceProfile", ref("Profile"));
  Value options = Value::map();
  options.set("HttpTokens", Value::string("required"));
  instance.properties.set("MetadataOptions", options);
  instance.allows.push_back({"W0104", "the account encrypts by default"});

  infrac::diag::Engine diags;
  infrac::checks::run_checks(t, diags);
  REQUIRE(diags.error_count() == 1);
  CHECK(has(diags, "E0701"));
  CHECK(diags.diagnostics()[0].message.find("`ssm`, `ec2messages` and `ssmmessages`") != std::string::npos);
  CHECK(diags.warning_count() == 0);  // W0104 is acknowledged

  // A NAT gateway route gives the subnet a way out: nothing to prove.
  add(t, "Table", "AWS::EC2::RouteTable");
  auto& assoc = add(t, "Assoc", "AWS::EC2::SubnetRouteTableAssociation");
  assoc.properties.set("SubnetId", ref("Subnet"));
  assoc.properties.set("RouteTableId", ref("Table"));
  auto& route = add(t, "Route", "AWS::EC2::Route");
  route.properties.set("RouteTableId", ref("Table"));
  route.properties.set("DestinationCidrBlock", Value::string("0.0.0.0/0"));
  route.properties.set("NatGatewayId", ref("Nat"));
  infrac::diag::Engine again;
  infrac::checks::run_checks(t, again);
  CHECK(again.error_count() == 0);
}

TEST_CASE("run_checks: an instance without an instance profile is not checked", "[checks][ssm]") {
  infrac::ir::Template t;
  add(t, "Vpc", "AWS::EC2::VPC");
  add(t, "Subnet", "AWS::EC2::Subnet").properties.set("VpcId", ref("Vpc"));
  add(t, "Ep", "AWS::EC2::VPCEndpoint").properties.set("VpcId", ref("Vpc"));
  t.resources.back().properties.set("ServiceName", sub("com.amazonaws.${AWS::Region}.ssm"));
  add(t, "Instance", "AWS::EC2::Instance").properties.set("SubnetId", ref("Subnet"));
  infrac::diag::Engine diags;
  infrac::checks::run_checks(t, diags);
  CHECK(diags.error_count() == 0);
}

// ---------------------------------------------------------------- through the pipeline

TEST_CASE("pipeline: the lab builds without SSM errors", "[checks][ssm]") {
  auto c = compile_text(lab());
  INFO(c.diagnostics);
  CHECK(c.ok());
  CHECK(c.result->diags.diagnostics().empty());
}

TEST_CASE("pipeline: each broken piece is one error", "[checks][ssm]") {
  struct Case { const char* code; size_t errors; std::string text; };
  const Case cases[] = {
      // Private DNS off on all three endpoints: one error for each endpoint to fix.
      {"E0703", 3, lab("", "", "false")},
      {"E0705", 1, lab(", EnableDnsSupport = false")},
      // One security group in front of the three endpoints: one error for it.
      {"E0706", 1, lab("", "{ IpProtocol = \"tcp\", FromPort = 443, ToPort = 443, CidrIp = \"10.0.3.0/24\" }")},
      {"E0706", 1, lab("", "{ IpProtocol = \"tcp\", FromPort = 80, ToPort = 80, SourceSecurityGroupId = isg.id }")},
      {"E0708", 1, lab("", "", "true", "")},
  };
  for (const Case& k : cases) {
    auto c = compile_text(k.text);
    INFO(k.code << "\n" << c.diagnostics);
    CHECK(c.has_code(k.code));
    CHECK(count_errors(c) == k.errors);
  }
}

TEST_CASE("pipeline: rules that admit the instance in other ways", "[checks][ssm]") {
  for (const char* rule : {"{ IpProtocol = \"-1\", SourceSecurityGroupId = isg.GroupId }",
                           "{ IpProtocol = \"tcp\", FromPort = 0, ToPort = 65535, CidrIp = \"10.0.2.0/23\" }",
                           "{ IpProtocol = \"tcp\", FromPort = 443, ToPort = 443, CidrIp = \"0.0.0.0/0\" }"}) {
    auto c = compile_text(lab("", rule));
    INFO(rule << "\n" << c.diagnostics);
    CHECK(c.ok());
  }
}

TEST_CASE("pipeline: egress of the instance's group", "[checks][ssm]") {
  // A separate egress rule does not take away the allow-all rule AWS adds to a group
  // created without egress rules of its own.
  std::string separate = lab() + R"(
    resource only_http: AWS::EC2::SecurityGroupEgress {
      GroupId = isg.GroupId, IpProtocol = "tcp", FromPort = 80, ToPort = 80, CidrIp = "0.0.0.0/0"
    }
  )";
  auto c = compile_text(separate);
  INFO(c.diagnostics);
  CHECK(c.ok());

  auto with_rules = [](const std::string& rule) {
    std::string text = lab();
    std::string from = R"(resource isg: AWS::EC2::SecurityGroup { GroupDescription = "instance", VpcId = vpc.id })";
    std::string to = R"(resource isg: AWS::EC2::SecurityGroup { GroupDescription = "instance", VpcId = vpc.id, SecurityGroupEgress = [)" +
                     rule + "] }";
    text.replace(text.find(from), from.size(), to);
    return compile_text(text);
  };
  auto to_subnet = with_rules(R"({ IpProtocol = "tcp", FromPort = 443, ToPort = 443, CidrIp = "10.0.2.0/24" })");
  INFO(to_subnet.diagnostics);
  CHECK(to_subnet.ok());
  auto elsewhere = with_rules(R"({ IpProtocol = "tcp", FromPort = 443, ToPort = 443, CidrIp = "10.0.4.0/24" })");
  CHECK(elsewhere.has_code("E0707"));
  CHECK(count_errors(elsewhere) == 1);
}

TEST_CASE("pipeline: a CIDR known only at deploy time is not judged", "[checks][ssm]") {
  std::string text = lab("", "{ IpProtocol = \"tcp\", FromPort = 443, ToPort = 443, CidrIp = allowed }");
  text = "param allowed: string = \"10.9.0.0/16\"\n" + text;
  auto c = compile_text(text);
  INFO(c.diagnostics);
  CHECK(c.ok());
}

TEST_CASE("pipeline: inline policy actions stand for the managed policy", "[checks][ssm]") {
  auto c = compile_text(lab("", "", "true", R"(Policies = [{
    PolicyName = "ssm"
    PolicyDocument = { Version = "2012-10-17", Statement = [{ Effect = "Allow", Resource = "*",
      Action = ["ssm:UpdateInstanceInformation", "ssmmessages:*", "ec2messages:*"] }] }
  }])"));
  INFO(c.diagnostics);
  CHECK(c.ok());
  CHECK(c.has_code("W0105"));  // the wildcards are still worth a warning
}

TEST_CASE("pipeline: warnings and @allow", "[checks][warnings]") {
  auto open = compile_text(R"(
    resource sg: AWS::EC2::SecurityGroup {
      GroupDescription = "x"
      SecurityGroupIngress = [{ IpProtocol = "tcp", FromPort = 3389, ToPort = 3389, CidrIp = "0.0.0.0/0" }]
    }
  )");
  CHECK(open.ok());
  CHECK(open.has_code("W0101"));
  CHECK(open.diagnostics.find("RDP (port 3389)") != std::string::npos);

  auto allowed = compile_text(R"(
    @allow(W0101, "a jump host for the lab")
    resource sg: AWS::EC2::SecurityGroup {
      GroupDescription = "x"
      SecurityGroupIngress = [{ IpProtocol = "tcp", FromPort = 22, ToPort = 22, CidrIp = "0.0.0.0/0" }]
    }
  )");
  CHECK(allowed.ok());
  CHECK(allowed.result->diags.diagnostics().empty());

  // Another code's @allow does not hide this one.
  auto other = compile_text(R"(
    @allow(W0103, "not this one")
    resource sg: AWS::EC2::SecurityGroup {
      GroupDescription = "x"
      SecurityGroupIngress = [{ IpProtocol = "tcp", FromPort = 22, ToPort = 22, CidrIpv6 = "::/0" }]
    }
  )");
  CHECK(other.has_code("W0101"));

  auto volume = compile_text(R"(resource v: AWS::EC2::Volume { AvailabilityZone = "us-east-1a", Size = 1, Encrypted = true })");
  CHECK(volume.result->diags.diagnostics().empty());
}
