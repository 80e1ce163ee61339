// The EC2 Instance Connect Endpoint proof (compiler/checks/ice): the rule predicates on
// hand-built rules, and the proof on programs compiled through the whole pipeline, for
// the shapes the golden cases do not show (they hold one shape per code).
#include <catch2/catch.hpp>

#include <string>

#include "checks/ice/ssh_rules.h"
#include "compile_helpers.h"

using infrac::checks::Cidr;
using infrac::checks::Group;
using infrac::checks::Rule;
using infrac::checks::Tri;
using infrac::test::compile_text;

namespace {

Rule rule(const char* protocol, long from, long to) {
  Rule r;
  r.protocol = protocol;
  r.from = from;
  r.to = to;
  return r;
}

Rule from_cidr(Rule r, const char* cidr) {
  r.peer = Rule::Peer::Cidr;
  r.cidr_text = cidr;
  r.cidr = Cidr::parse(cidr);
  return r;
}

Rule from_group(Rule r, const Group& g) {
  r.peer = Rule::Peer::Group;
  r.group = g;
  return r;
}

size_t count(const infrac::test::Compiled& c, std::string_view code) {
  size_t n = 0;
  for (const auto& d : c.result->diags.diagnostics()) n += d.code() == code ? 1 : 0;
  return n;
}

// A private instance and an endpoint that reaches it; the arguments replace the
// endpoint group's egress, the rule admitting the endpoint, and add to the template.
const char* const kEgress = "[{ IpProtocol = \"tcp\", FromPort = 22, ToPort = 22, DestinationSecurityGroupId = isg.id }]";
const char* const kAdmit = "IpProtocol = \"tcp\", FromPort = 22, ToPort = 22, SourceSecurityGroupId = esg.id";

std::string lab(const std::string& egress = kEgress, const std::string& admit = kAdmit,
                const std::string& extra = "") {
  std::string esg = "resource esg: AWS::EC2::SecurityGroup { GroupDescription = \"e\", VpcId = vpc.id" +
                    (egress.empty() ? std::string() : ", SecurityGroupEgress = " + egress) + " }\n";
  return R"(
    param image: string = "ami-12345678"
    resource vpc: AWS::EC2::VPC { CidrBlock = "10.0.0.0/16" }
    resource subnet: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.2.0/24" }
    resource isg: AWS::EC2::SecurityGroup { GroupDescription = "i", VpcId = vpc.id }
    )" + esg + R"(
    resource admit: AWS::EC2::SecurityGroupIngress { GroupId = isg.id, )" + admit + R"( }
    resource ep: AWS::EC2::InstanceConnectEndpoint { SubnetId = subnet.id, SecurityGroupIds = [esg.id] }
    resource a: AWS::EC2::Instance {
      ImageId = image, SubnetId = subnet.id, SecurityGroupIds = [isg.id]
      MetadataOptions = { HttpTokens = "required" }
      BlockDeviceMappings = [{ DeviceName = "/dev/xvda", Ebs = { Encrypted = true } }]
    }
  )" + extra;
}

}  // namespace

TEST_CASE("ice rules: tcp 22 and nothing else", "[checks][ice]") {
  using namespace infrac::checks::ice;
  CHECK(only_ssh(rule("tcp", 22, 22)) == Tri::Yes);
  CHECK(only_ssh(rule("tcp", 0, 65535)) == Tri::No);
  CHECK(only_ssh(rule("-1", -1, -1)) == Tri::No);
  CHECK(only_ssh(rule("udp", 22, 22)) == Tri::No);
  Rule unknown_ports;
  unknown_ports.protocol = "tcp";
  CHECK(only_ssh(unknown_ports) == Tri::Unknown);
  CHECK(only_ssh(Rule{}) == Tri::Unknown);

  CHECK(traffic_text(rule("tcp", 22, 22)) == "tcp 22");
  CHECK(traffic_text(rule("tcp", 1024, 65535)) == "tcp 1024-65535");
  CHECK(traffic_text(rule("-1", -1, -1)) == "all traffic");
  CHECK(traffic_text(rule("icmp", -1, -1)) == "icmp");
  CHECK(traffic_text(rule("47", -1, -1)) == "protocol 47");
  CHECK(traffic_text(Rule{}) == "traffic");
}

TEST_CASE("ice rules: what counts as another way in, or out", "[checks][ice]") {
  using namespace infrac::checks::ice;
  infrac::ir::Resource endpoint_sg, other_sg;
  Group mine{&endpoint_sg, nullptr}, other{&other_sg, nullptr};
  std::vector<Group> endpoint_groups = {mine};

  CHECK(ssh_from_groups(from_group(rule("tcp", 22, 22), mine), endpoint_groups) == Tri::Yes);
  CHECK(ssh_from_groups(from_group(rule("tcp", 22, 22), other), endpoint_groups) == Tri::No);
  CHECK(ssh_from_groups(from_cidr(rule("tcp", 22, 22), "10.0.0.0/16"), endpoint_groups) == Tri::No);

  CHECK(admits_other(from_group(rule("tcp", 22, 22), mine), endpoint_groups) == Tri::No);
  CHECK(admits_other(from_group(rule("-1", -1, -1), mine), endpoint_groups) == Tri::Yes);
  CHECK(admits_other(from_group(rule("tcp", 22, 22), other), endpoint_groups) == Tri::Yes);
  CHECK(admits_other(from_cidr(rule("tcp", 22, 22), "10.0.0.0/16"), endpoint_groups) == Tri::Yes);
  // A group or an address range the template does not hold proves nothing.
  Rule elsewhere = rule("tcp", 22, 22);
  elsewhere.peer = Rule::Peer::Group;
  CHECK(admits_other(elsewhere, endpoint_groups) == Tri::Unknown);
  Rule deploy_time = rule("tcp", 22, 22);
  deploy_time.peer = Rule::Peer::Cidr;
  CHECK(admits_other(deploy_time, endpoint_groups) == Tri::Unknown);

  CHECK(allows_beyond_ssh(from_group(rule("tcp", 22, 22), other)) == Tri::No);
  CHECK(allows_beyond_ssh(from_group(rule("tcp", 0, 65535), other)) == Tri::Yes);
  CHECK(allows_beyond_ssh(from_cidr(rule("tcp", 22, 22), "10.0.2.0/24")) == Tri::Yes);
  CHECK(allows_beyond_ssh(deploy_time) == Tri::Unknown);
}

TEST_CASE("instance connect: the lab proves clean", "[checks][ice]") {
  auto c = compile_text(lab());
  INFO(c.diagnostics);
  CHECK(c.ok());
  CHECK(c.diagnostics.empty());
}

TEST_CASE("instance connect: each egress rule wider than tcp 22 is one error", "[checks][ice]") {
  auto c = compile_text(lab(R"([
    { IpProtocol = "tcp", FromPort = 0, ToPort = 65535, DestinationSecurityGroupId = isg.id },
    { IpProtocol = "tcp", FromPort = 22, ToPort = 22, CidrIp = "10.0.0.0/16" },
    { IpProtocol = "tcp", FromPort = 22, ToPort = 22, DestinationSecurityGroupId = isg.id },
  ])"));
  INFO(c.diagnostics);
  CHECK(count(c, "E0722") == 2);
  CHECK(c.result->diags.error_count() == 2);
  CHECK(c.diagnostics.find("narrow `SecurityGroupEgress[0]` of `esg`") != std::string::npos);
  CHECK(c.diagnostics.find("replace `SecurityGroupEgress[1]` of `esg` with") != std::string::npos);
}

TEST_CASE("instance connect: rules the endpoint's group names inline make a cycle to avoid", "[checks][ice]") {
  // The instance's group admits the endpoint inline: the fixes must not name it back inline.
  std::string text = lab("", "IpProtocol = \"tcp\", FromPort = 22, ToPort = 22, CidrIp = \"10.0.9.0/24\"");
  std::string from = R"(resource isg: AWS::EC2::SecurityGroup { GroupDescription = "i", VpcId = vpc.id })";
  text.replace(text.find(from), from.size(),
               R"(resource isg: AWS::EC2::SecurityGroup { GroupDescription = "i", VpcId = vpc.id, SecurityGroupIngress = [
                    { IpProtocol = "tcp", FromPort = 22, ToPort = 22, SourceSecurityGroupId = esg.id }] })");
  auto c = compile_text(text);
  INFO(c.diagnostics);
  CHECK(count(c, "E0722") == 1);
  CHECK(c.diagnostics.find("first move `SecurityGroupIngress[0]` of `isg`") != std::string::npos);
  CHECK(count(c, "E0723") == 1);  // SSH from an address range
  CHECK(c.diagnostics.find("admits tcp 22 from `10.0.9.0/24`") != std::string::npos);
}

TEST_CASE("instance connect: a rule for another port is not another way in", "[checks][ice]") {
  // A web server behind a load balancer, reached for SSH through the endpoint only.
  std::string web = R"(
    resource https_in: AWS::EC2::SecurityGroupIngress {
      GroupId = isg.id, IpProtocol = "tcp", FromPort = 443, ToPort = 443, CidrIp = "10.0.0.0/16"
    }
  )";
  auto c = compile_text(lab(kEgress, kAdmit, web));
  INFO(c.diagnostics);
  CHECK(count(c, "E0723") == 0);
  CHECK(c.ok());
  // The same rule on all ports lets SSH in too.
  std::string all = web;
  all.replace(all.find("FromPort = 443, ToPort = 443"), 28, "FromPort = 0, ToPort = 65535");
  auto d = compile_text(lab(kEgress, kAdmit, all));
  INFO(d.diagnostics);
  CHECK(count(d, "E0723") == 1);
}

TEST_CASE("instance connect: one open rule shared by two instances is one error", "[checks][ice]") {
  std::string second = R"(
    resource b: AWS::EC2::Instance {
      ImageId = image, SubnetId = subnet.id, SecurityGroupIds = [isg.id]
      MetadataOptions = { HttpTokens = "required" }
      BlockDeviceMappings = [{ DeviceName = "/dev/xvda", Ebs = { Encrypted = true } }]
    }
    resource office: AWS::EC2::SecurityGroupIngress {
      GroupId = isg.id, IpProtocol = "tcp", FromPort = 22, ToPort = 22, CidrIp = "203.0.113.0/24"
    }
  )";
  auto c = compile_text(lab(kEgress, kAdmit, second));
  INFO(c.diagnostics);
  CHECK(count(c, "E0723") == 1);
  CHECK(c.diagnostics.find("the only way into instances `a` and `b`: `office` admits tcp 22") != std::string::npos);
}

TEST_CASE("instance connect: an endpoint in the VPC's default group", "[checks][ice]") {
  std::string text = R"(
    param image: string = "ami-12345678"
    resource vpc: AWS::EC2::VPC { CidrBlock = "10.0.0.0/16" }
    resource subnet: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.2.0/24" }
    resource ep: AWS::EC2::InstanceConnectEndpoint { SubnetId = subnet.id }
    resource a: AWS::EC2::Instance {
      ImageId = image, SubnetId = subnet.id
      MetadataOptions = { HttpTokens = "required" }
      BlockDeviceMappings = [{ DeviceName = "/dev/xvda", Ebs = { Encrypted = true } }]
    }
  )";
  auto c = compile_text(text);
  INFO(c.diagnostics);
  // The default group allows all egress, and admits all traffic from its members.
  CHECK(count(c, "E0722") == 1);
  CHECK(count(c, "E0723") == 1);
  CHECK(c.diagnostics.find("the default security group of `vpc` admits all traffic from its own members") !=
        std::string::npos);
}

TEST_CASE("instance connect: what the template does not hold is not judged", "[checks][ice]") {
  // The endpoint's group arrives as a parameter: its rules are elsewhere.
  std::string param_group = lab();
  param_group.replace(param_group.find("SecurityGroupIds = [esg.id]"), 27, "SecurityGroupIds = [given]");
  param_group = "param given: AWS::EC2::SecurityGroup::Id\n" + param_group;
  // Egress to an address range: the endpoint may serve instances of other stacks.
  std::string to_range = lab("[{ IpProtocol = \"tcp\", FromPort = 22, ToPort = 22, CidrIp = range }]",
                             "IpProtocol = \"tcp\", FromPort = 443, ToPort = 443, CidrIp = \"10.0.0.0/16\"");
  to_range = "param range: string = \"10.0.0.0/16\"\n" + to_range;
  // The instance admits the endpoint's subnet by address: the endpoint reaches it.
  std::string by_address = lab(kEgress, "IpProtocol = \"tcp\", FromPort = 22, ToPort = 22, CidrIp = \"10.0.2.0/24\"");
  // The instance is meant for the endpoint, and the rest is known only at deploy time:
  // egress to a range given as a parameter, another way in from a group given as one.
  std::string deploy_time = lab("[{ IpProtocol = \"tcp\", FromPort = 22, ToPort = 22, CidrIp = range }]", kAdmit, R"(
    resource from_given: AWS::EC2::SecurityGroupIngress {
      GroupId = isg.id, IpProtocol = "tcp", FromPort = 80, ToPort = 80, SourceSecurityGroupId = given
    }
  )");
  deploy_time = "param range: string = \"10.0.2.0/24\"\nparam given: AWS::EC2::SecurityGroup::Id\n" + deploy_time;
  for (const std::string& text : {param_group, to_range, by_address, deploy_time}) {
    auto c = compile_text(text);
    INFO(c.diagnostics);
    CHECK(c.ok());
  }
}
