// Nested stacks: what a child takes from outside becomes its parameters, wired by the parent.
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include "compile_helpers.h"
#include "driver/driver.h"

namespace {

const char* kNetModule = "param cidr: cidr\nresource vpc: AWS::EC2::VPC { CidrBlock = cidr }\noutput vpc_id = vpc.id\n";

std::map<std::string, YAML::Node> build_nested(const std::string& text, const char* module = kNetModule) {
  char dir[] = "/tmp/infrac-nested-XXXXXX";
  REQUIRE(::mkdtemp(dir) != nullptr);
  std::string mod = std::string(dir) + "/net.infra";
  std::string root = std::string(dir) + "/main.infra";
  {
    FILE* f = std::fopen(mod.c_str(), "w");
    std::fputs(module, f);
    std::fclose(f);
    f = std::fopen(root.c_str(), "w");
    std::fputs(text.c_str(), f);
    std::fclose(f);
  }
  infrac::driver::Options o;
  o.input = root;
  o.nested_stacks = true;
  auto r = infrac::driver::compile(o);
  INFO(r->diags.diagnostics().size());
  REQUIRE(r->ok());
  std::map<std::string, YAML::Node> files;
  for (const auto& [name, content] : r->files) files[name] = YAML::Load(content);
  std::remove(mod.c_str());
  std::remove(root.c_str());
  ::rmdir(dir);
  return files;
}

}  // namespace

TEST_CASE("a child stack gets parameters for what it uses from the parent and other children", "[nested]") {
  auto files = build_nested(R"(
    import "./net.infra"
    param env: string = "dev"
    module a = net { cidr = "10.0.0.0/16" }
    resource sg: AWS::EC2::SecurityGroup { GroupDescription = "${env}", VpcId = a.vpc_id }
    output vpc = a.vpc_id
  )");
  REQUIRE(files.count("main.yaml"));
  REQUIRE(files.count("A.yaml"));
  YAML::Node parent = files["main.yaml"];
  // The child is a stack resource named after the instance, with a relative TemplateURL.
  CHECK(parent["Resources"]["A"]["Type"].as<std::string>() == "AWS::CloudFormation::Stack");
  CHECK(parent["Resources"]["A"]["Properties"]["TemplateURL"].as<std::string>() == "A.yaml");
  // The parent's own resource reads the child's VPC through the child's outputs.
  CHECK(parent["Resources"]["Sg"]["Properties"]["VpcId"].Tag() == "!GetAtt");
  CHECK(parent["Resources"]["Sg"]["Properties"]["VpcId"].as<std::string>() == "A.Outputs.AVpc");
  CHECK(parent["Outputs"]["Vpc"]["Value"].as<std::string>() == "A.Outputs.AVpc");
  YAML::Node child = files["A.yaml"];
  CHECK(child["Resources"]["AVpc"]["Type"].as<std::string>() == "AWS::EC2::VPC");
  CHECK(child["Outputs"]["AVpc"]["Value"].as<std::string>() == "AVpc");
  CHECK_FALSE(child["Resources"]["Sg"]);
}

TEST_CASE("a child's output of a conditional resource has the resource's condition", "[nested]") {
  // The parent reads the queue only when it exists; the child's output must not exist
  // otherwise, or CloudFormation refuses the child for referring to nothing.
  auto files = build_nested(R"(
    import "./net.infra"
    param archive: bool = false
    module a = net { archive = archive }
    output queue = a.queue_url
  )", "param archive: bool\nif archive {\n  resource queue: AWS::SQS::Queue {}\n}\n"
      "resource topic: AWS::SNS::Topic {}\noutput queue_url = archive ? queue.id : \"none\"\n");
  REQUIRE(files.count("A.yaml"));
  YAML::Node child = files["A.yaml"];
  REQUIRE(child["Outputs"]["AQueue"]);
  CHECK(child["Outputs"]["AQueue"]["Condition"].as<std::string>() == child["Resources"]["AQueue"]["Condition"].as<std::string>());
  CHECK(child["Conditions"][child["Outputs"]["AQueue"]["Condition"].as<std::string>()]);
}

TEST_CASE("a conditional resource passed to a child is passed under its condition", "[nested]") {
  // Passed unconditionally, the parameter would name a resource that does not exist when
  // the condition is false; then the child's parameter keeps its default.
  auto files = build_nested(R"(
    import "./net.infra"
    param archive: bool = false
    if archive {
      resource queue: AWS::SQS::Queue {}
    }
    module a = net { url = archive ? queue.id : "none" }
  )", "param url: string\nresource topic: AWS::SNS::Topic { DisplayName = url }\n");
  REQUIRE(files.count("main.yaml"));
  REQUIRE(files.count("A.yaml"));
  YAML::Node passed = files["main.yaml"]["Resources"]["A"]["Properties"]["Parameters"]["Queue"];
  REQUIRE(passed);
  CHECK(passed.Tag() == "!If");
  CHECK(passed[0].as<std::string>() == files["main.yaml"]["Resources"]["Queue"]["Condition"].as<std::string>());
  CHECK(passed[2].Tag() == "!Ref");
  CHECK(passed[2].as<std::string>() == "AWS::NoValue");
  CHECK(files["A.yaml"]["Parameters"]["Queue"]["Default"].as<std::string>() == "");
}
