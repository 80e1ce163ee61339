// The pipeline on small programs: what compiles, what it gives, and which errors come out.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "compile_helpers.h"

using infrac::test::compile_text;

TEST_CASE("declaration order does not matter", "[sema]") {
  auto c = compile_text(R"(
    resource subnet: AWS::EC2::Subnet { VpcId = vpc.id, CidrBlock = cidr }
    let cidr = "10.0.1.0/24"
    resource vpc: AWS::EC2::VPC { CidrBlock = "10.0.0.0/16" }
  )");
  REQUIRE(c.ok());
  CHECK(c.output().find("VpcId: !Ref Vpc") != std::string::npos);
  CHECK(c.output().find("CidrBlock: 10.0.1.0/24") != std::string::npos);
}

TEST_CASE("an attribute lowers to Fn::GetAtt and id to Ref", "[lower]") {
  auto c = compile_text(R"(
    resource sg: AWS::EC2::SecurityGroup { GroupDescription = "x" }
    output group = sg.GroupId
    output ref = sg.id
  )", infrac::driver::Format::Json);
  REQUIRE(c.ok());
  auto outputs = nlohmann::json::parse(c.output())["Outputs"];
  CHECK(outputs["Group"]["Value"] == nlohmann::json::parse(R"({"Fn::GetAtt": ["Sg", "GroupId"]})"));
  CHECK(outputs["Ref"]["Value"] == nlohmann::json::parse(R"({"Ref": "Sg"})"));
}

TEST_CASE("interpolation folds when known and becomes Fn::Sub otherwise", "[lower]") {
  auto c = compile_text(R"(
    param env: string = "dev"
    let app = "shop"
    resource t: AWS::SNS::Topic { TopicName = "${app}-${env}", DisplayName = "${app}-x" }
  )");
  REQUIRE(c.ok());
  CHECK(c.output().find("TopicName: !Sub shop-${Env}") != std::string::npos);
  CHECK(c.output().find("DisplayName: shop-x") != std::string::npos);
}

TEST_CASE("literal ${ inside a deploy-time string is escaped for Fn::Sub", "[lower]") {
  auto c = compile_text(R"(
    param env: string = "dev"
    resource t: AWS::SNS::Topic { TopicName = "\${HOME}-${env}" }
  )");
  REQUIRE(c.ok());
  CHECK(c.output().find("!Sub ${!HOME}-${Env}") != std::string::npos);
}

TEST_CASE("null leaves a property out", "[sema]") {
  auto c = compile_text(R"(resource t: AWS::SNS::Topic { TopicName = null, DisplayName = "d" })");
  REQUIRE(c.ok());
  CHECK(c.output().find("TopicName") == std::string::npos);
}

TEST_CASE("independent errors are all reported, one each", "[diag]") {
  auto c = compile_text(R"(
    resource a: AWS::SNS::Topic { TopicName = nope1 }
    resource b: AWS::SNS::Topic { TopicName = nope2 }
    resource c: AWS::SNS::Topik {}
  )");
  CHECK_FALSE(c.ok());
  CHECK(c.result->diags.error_count() == 3);
  CHECK(c.output().empty());
}

TEST_CASE("a use of an erroneous value does not cascade", "[diag]") {
  auto c = compile_text(R"(
    let broken = nope
    resource a: AWS::SNS::Topic { TopicName = "${broken}-a" }
    resource b: AWS::SNS::Topic { TopicName = broken }
  )");
  CHECK(c.result->diags.error_count() == 1);
}

TEST_CASE("a syntax error gives one error, not a cascade", "[syntax]") {
  auto c = compile_text("resource vpc: AWS::EC2::VPC {\n  CidrBlock \"10.0.0.0/16\"\n  EnableDnsSupport = true\n}\n");
  CHECK(c.result->diags.error_count() == 1);
  CHECK(c.has_code("E0302"));
  CHECK(c.diagnostics.find("expected `=` after property name `CidrBlock`") != std::string::npos);
}

TEST_CASE("output is byte-identical across runs", "[emit]") {
  const char* src = R"(
    param p: string = "x"
    resource vpc: AWS::EC2::VPC { CidrBlock = "10.0.0.0/16", Tags = [{ Key = "k", Value = "${p}" }] }
    output o = vpc.CidrBlock
  )";
  auto a = compile_text(src), b = compile_text(src);
  REQUIRE(a.ok());
  CHECK(a.output() == b.output());
  auto ja = compile_text(src, infrac::driver::Format::Json), jb = compile_text(src, infrac::driver::Format::Json);
  CHECK(ja.output() == jb.output());
}

TEST_CASE("a route through an internet gateway depends on the attachment", "[passes]") {
  auto c = compile_text(R"(
    resource vpc: AWS::EC2::VPC { CidrBlock = "10.0.0.0/16" }
    resource igw: AWS::EC2::InternetGateway {}
    resource att: AWS::EC2::VPCGatewayAttachment { VpcId = vpc.id, InternetGatewayId = igw.id }
    resource rt: AWS::EC2::RouteTable { VpcId = vpc.id }
    resource r: AWS::EC2::Route { RouteTableId = rt.id, DestinationCidrBlock = "0.0.0.0/0", GatewayId = igw.id }
    resource other: AWS::EC2::Route { RouteTableId = rt.id, DestinationCidrBlock = "10.1.0.0/16", VpcPeeringConnectionId = "pcx-1" }
  )");
  REQUIRE(c.ok());
  auto r = c.output().find("  R:\n");
  REQUIRE(r != std::string::npos);
  CHECK(c.output().compare(r, 50, "  R:\n    Type: AWS::EC2::Route\n    DependsOn: Att\n") == 0);
  auto other = c.output().find("  Other:\n");
  CHECK(c.output().find("DependsOn", other) == std::string::npos);
}

TEST_CASE("parameter types map to CloudFormation's", "[params]") {
  auto c = compile_text(R"(
    param a: list<AWS::EC2::Subnet::Id>
    param b: ssm_parameter<list<string>>
    param c: bool = false
    resource t: AWS::SNS::Topic { TopicName = "${a[0]}-${c}" }
  )");
  REQUIRE(c.ok());
  CHECK(c.output().find("Type: List<AWS::EC2::Subnet::Id>") != std::string::npos);
  CHECK(c.output().find("Type: AWS::SSM::Parameter::Value<List<String>>") != std::string::npos);
  CHECK(c.output().find("Default: \"false\"") != std::string::npos);
}
