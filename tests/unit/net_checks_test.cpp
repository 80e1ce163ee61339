// The network facts (compiler/checks/net): service names compared as the strings they
// give, conditions that can or cannot hold together, literal networks, and the checks
// through the whole pipeline.
#include <catch2/catch.hpp>

#include <string>

#include "checks/net/coexist.h"
#include "checks/net/ranges.h"
#include "checks/net/service_name.h"
#include "compile_helpers.h"

using infrac::checks::Tri;
using infrac::checks::net::canonical_text;
using infrac::checks::net::coexist;
using infrac::checks::net::free_block;
using infrac::checks::net::literal_network;
using infrac::ir::Value;
using infrac::test::compile_text;

namespace {

Value str(const std::string& s) { return Value::string(s); }
Value ref(const std::string& id) { return Value::fn("Ref", str(id)); }
Value fn(const std::string& name, std::vector<Value> args) { return Value::fn(name, Value::list(std::move(args))); }
Value equals(const std::string& param, const std::string& text) { return fn("Fn::Equals", {ref(param), str(text)}); }

std::optional<std::string> canon(const Value& v) { return canonical_text(&v); }

}  // namespace

TEST_CASE("net: service names in any form compare as the strings they give", "[checks][net]") {
  const std::string want = "com.amazonaws.${AWS::Region}.ssm";
  CHECK(canon(Value::fn("Fn::Sub", str("com.amazonaws.${AWS::Region}.ssm"))) == want);
  CHECK(canon(fn("Fn::Join", {str(""), Value::list({str("com.amazonaws."), ref("AWS::Region"), str(".ssm")})})) == want);
  CHECK(canon(fn("Fn::Join", {str("."), Value::list({str("com"), str("amazonaws"), ref("AWS::Region"), str("ssm")})})) == want);
  Value vars = Value::map();
  vars.set("Svc", str("ssm"));
  CHECK(canon(fn("Fn::Sub", {str("com.amazonaws.${AWS::Region}.${Svc}"), vars})) == want);
  // A region written out is not the stack's region.
  CHECK(canon(str("com.amazonaws.us-east-1.ssm")) != want);
  // A parameter stands for the same string wherever it is used.
  CHECK(canon(Value::fn("Fn::Sub", str("com.amazonaws.${AWS::Region}.${Svc}"))) ==
        canon(fn("Fn::Join", {str(""), Value::list({str("com.amazonaws."), ref("AWS::Region"), str("."), ref("Svc")})})));
  // What cannot be read: a literal `${`, a computed list, another function.
  CHECK_FALSE(canon(Value::fn("Fn::Sub", str("com.amazonaws.${!Literal}.ssm"))));
  CHECK_FALSE(canon(fn("Fn::Join", {str("."), ref("Parts")})));
  CHECK_FALSE(canon(fn("Fn::Select", {Value::number("0"), ref("Names")})));
}

TEST_CASE("net: literal networks only", "[checks][net]") {
  auto net = [](const std::string& s) { Value v = str(s); return literal_network(&v); };
  REQUIRE(net("10.0.0.0/16"));
  CHECK(net("10.0.0.0/16")->prefix == 16);
  CHECK_FALSE(net("10.0.0.1/16"));   // host bits set: the schema check's to report
  CHECK_FALSE(net("10.0.0.0/16 "));
  CHECK_FALSE(net("10.0.0.0/33"));
  REQUIRE(net("10.0.0.7"));  // one address, as the `ipv4-network` format reads it
  CHECK(net("10.0.0.7")->str() == "10.0.0.7/32");
  CHECK_FALSE(net("10.0.0.256"));
  CHECK_FALSE(net("10.0.0.0/016"));
  CHECK_FALSE(net("2001:db8::/32"));
  Value r = ref("Cidr");
  CHECK_FALSE(literal_network(&r));
}

TEST_CASE("net: a free block inside the ranges", "[checks][net]") {
  auto c = [](const char* s) { return *infrac::Cidr::parse(s); };
  auto b = free_block({c("10.0.0.0/16")}, {c("10.0.0.0/24"), c("10.0.1.0/25")}, 24);
  REQUIRE(b);
  CHECK(b->str() == "10.0.2.0/24");
  CHECK(free_block({c("10.0.0.0/24")}, {c("10.0.0.0/24")}, 24) == std::nullopt);
  CHECK(free_block({c("10.0.0.0/24"), c("10.1.0.0/24")}, {c("10.0.0.0/24")}, 24)->str() == "10.1.0.0/24");
}

TEST_CASE("net: conditions that can hold together", "[checks][net]") {
  infrac::ir::Template t;
  infrac::ir::Parameter colour;
  colour.logical_id = "Colour";
  colour.allowed_values = {str("blue"), str("green")};
  t.parameters.push_back(colour);
  t.conditions = {
      {"Blue", equals("Colour", "blue")},
      {"NotBlue", fn("Fn::Not", {equals("Colour", "blue")})},
      {"Green", equals("Colour", "green")},
      {"NotGreen", fn("Fn::Not", {equals("Colour", "green")})},
      {"Big", equals("Size", "big")},
      {"Small", equals("Size", "small")},
      {"NotBig", fn("Fn::Not", {equals("Size", "big")})},
      {"BlueAndBig", fn("Fn::And", {Value::map(), equals("Size", "big")})},
      {"ByAttribute", fn("Fn::Equals", {fn("Fn::GetAtt", {str("Queue"), str("QueueName")}), str("jobs")})},
  };
  // `{"Condition": "Blue"}` inside another condition.
  t.conditions[7].second.items[0].items[0].set("Condition", str("Blue"));
  auto with = [](const std::string& cond) {
    infrac::ir::Resource r;
    r.condition = cond;
    return r;
  };
  auto co = [&](const std::string& a, const std::string& b) { return coexist(t, with(a), with(b)); };
  CHECK(co("", "") == Tri::Yes);
  CHECK(co("", "Blue") == Tri::Yes);
  CHECK(co("Blue", "Blue") == Tri::Yes);
  CHECK(co("Blue", "NotBlue") == Tri::No);
  CHECK(co("Blue", "Green") == Tri::No);      // one parameter, two values
  CHECK(co("Big", "Small") == Tri::No);
  CHECK(co("NotBig", "Small") == Tri::Yes);   // no allowed values: `Size` may be "small"
  CHECK(co("NotBlue", "NotGreen") == Tri::No);  // `Colour` is blue or green
  CHECK(co("Blue", "Big") == Tri::Yes);
  CHECK(co("BlueAndBig", "Green") == Tri::No);
  CHECK(co("BlueAndBig", "NotBig") == Tri::No);
  CHECK(co("BlueAndBig", "Blue") == Tri::Yes);
  CHECK(co("ByAttribute", "Blue") == Tri::Unknown);
  CHECK(co("Missing", "Blue") == Tri::Unknown);
}

namespace {

const char* kVpc = R"(
  resource vpc: AWS::EC2::VPC { CidrBlock = "10.0.0.0/16", EnableDnsSupport = true, EnableDnsHostnames = true }
)";

size_t count(const infrac::test::Compiled& c, std::string_view code) {
  size_t n = 0;
  for (const auto& d : c.result->diags.diagnostics()) n += d.code() == code;
  return n;
}

}  // namespace

TEST_CASE("pipeline: ranges known only at deploy time are not judged", "[checks][net]") {
  auto c = compile_text(std::string(kVpc) + R"(
    param cidr: string = "192.168.0.0/24"
    resource a: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = cidr }
    resource b: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = select(0, cidr(vpc.CidrBlock, 4, 8)) }
    resource c: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = select(1, cidr(vpc.CidrBlock, 4, 8)) }
  )");
  INFO(c.diagnostics);
  CHECK_FALSE(c.has_code("E0801"));
  CHECK_FALSE(c.has_code("E0802"));
}

TEST_CASE("pipeline: a VPC range known only at deploy time is not judged", "[checks][net]") {
  auto c = compile_text(std::string(kVpc) + R"(
    param more: string = "10.1.0.0/16"
    resource extra: AWS::EC2::VPCCidrBlock { VpcId = vpc.id, CidrBlock = more }
    resource a: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.1.0.0/24" }
  )");
  INFO(c.diagnostics);
  CHECK(c.ok());
  auto d = compile_text(std::string(kVpc) + R"(
    resource a: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.1.0.0/24" }
  )");
  CHECK(count(d, "E0801") == 1);
}

TEST_CASE("pipeline: a malformed range is not also a network error", "[checks][net]") {
  auto c = compile_text(std::string(kVpc) + R"(
    resource a: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.0.0/24" }
    resource b: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.0.1/24" }
    resource d: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.9.0.0/33" }
  )");
  INFO(c.diagnostics);
  CHECK_FALSE(c.has_code("E0801"));
  CHECK_FALSE(c.has_code("E0802"));
}

TEST_CASE("pipeline: subnets in complementary branches, and in branches that can meet", "[checks][net]") {
  std::string branches = std::string(kVpc) + R"(
    param enable: string = "yes"
    param other: string = "no"
    resource a: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.1.0/24" }
    if enable == "yes" {
      resource b: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.2.0/24" }
    } else {
      resource c: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.2.0/24" }
    }
  )";
  auto ok = compile_text(branches);
  INFO(ok.diagnostics);
  CHECK(ok.ok());
  auto clash = compile_text(branches + R"(
    if other == "yes" {
      resource d: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.2.0/25" }
    }
  )");
  INFO(clash.diagnostics);
  // `d` meets `b` (enable and other) and `c` (other alone): one error, at `d`.
  CHECK(count(clash, "E0802") == 1);
}

TEST_CASE("pipeline: a subnet overlapping several is one error", "[checks][net]") {
  auto c = compile_text(std::string(kVpc) + R"(
    resource a: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.0.0/24" }
    resource b: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.1.0/24" }
    resource wide: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.0.0/23" }
    resource outside: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.0.0/8" }
  )");
  INFO(c.diagnostics);
  CHECK(count(c, "E0802") == 1);  // `wide`; `outside` overlaps too, but is outside the VPC
  CHECK(count(c, "E0801") == 1);
}

TEST_CASE("pipeline: the stdlib's subnets given one range point at the caller's text", "[checks][net]") {
  auto c = compile_text(R"(
    import std.network.vpc
    import std.network.subnet
    module net = vpc { name = "lab" }
    module one = subnet { vpc = net, name = "one", cidr = "10.0.1.0/24" }
    module two = subnet { vpc = net, name = "two", cidr = "10.0.1.0/24" }
  )");
  INFO(c.diagnostics);
  REQUIRE(count(c, "E0802") == 1);
  // Line 6 of the program, at the second `cidr` value.
  CHECK(c.diagnostics.find(".infra:6:") != std::string::npos);
  CHECK(c.diagnostics.find("std/network") == std::string::npos);
}

TEST_CASE("pipeline: endpoints that differ in VPC, type, DNS or condition do not clash", "[checks][net]") {
  auto endpoint = [](const std::string& name, const std::string& vpc, const std::string& type, const std::string& dns) {
    return "resource " + name + ": AWS::EC2::VPCEndpoint { VpcId = " + vpc + ".id, ServiceName = \"com.amazonaws.${AWS::Region}.ssm\", "
           "VpcEndpointType = \"" + type + "\", PrivateDnsEnabled = " + dns + ", SubnetIds = [s.id] }\n";
  };
  std::string base = std::string(kVpc) + R"(
    resource other: AWS::EC2::VPC { CidrBlock = "10.0.0.0/16", EnableDnsSupport = true, EnableDnsHostnames = true }
    resource s: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.1.0/24" }
    param dns: bool = true
  )" + endpoint("a", "vpc", "Interface", "true");
  auto ok = compile_text(base + endpoint("b", "other", "Interface", "true") + endpoint("c", "vpc", "Interface", "false") +
                         endpoint("d", "vpc", "Interface", "dns"));
  INFO(ok.diagnostics);
  CHECK_FALSE(ok.has_code("E0803"));
  auto clash = compile_text(base + endpoint("b", "vpc", "Interface", "true"));
  INFO(clash.diagnostics);
  CHECK(count(clash, "E0803") == 1);
}

TEST_CASE("pipeline: a bare address is a subnet of one address; the fix suggests a size a subnet can have", "[checks][net]") {
  auto c = compile_text(std::string(kVpc) + R"(
    resource a: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.0.0.0/24" }
    resource b: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = "10.9.0.0" }
  )");
  INFO(c.diagnostics);
  CHECK(count(c, "E0801") == 1);
  CHECK(c.diagnostics.find("`10.9.0.0/32` is not inside `10.0.0.0/16`") != std::string::npos);
  CHECK(c.diagnostics.find("such as `10.0.1.0/28`") != std::string::npos);
}
