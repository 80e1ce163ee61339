// `infrac import` (compiler/import/): names made from logical IDs, and what the importer
// makes of a template, printed.
#include <catch2/catch.hpp>

#include <string>

#include "diag/diagnostic.h"
#include "import/import.h"
#include "import/names.h"
#include "ir/lower.h"
#include "print/printer.h"

using infrac::importer::Namespace;
using infrac::importer::snake_name;

TEST_CASE("logical IDs become snake_case names", "[import]") {
  CHECK(snake_name("PublicSubnet1") == "public_subnet1");
  CHECK(snake_name("VPCGatewayAttachment") == "vpc_gateway_attachment");
  CHECK(snake_name("S3Bucket") == "s3_bucket");
  CHECK(snake_name("EC2Instance") == "ec2_instance");
  CHECK(snake_name("Subnet1A") == "subnet1_a");
  CHECK(snake_name("vpc") == "vpc");
  CHECK(snake_name("IGW") == "igw");
}

TEST_CASE("a name is pinned when its PascalCase is not the logical ID", "[import]") {
  Namespace ns;
  auto a = ns.claim("PublicSubnet1");
  CHECK(a.name == "public_subnet1");
  CHECK_FALSE(a.pinned);
  auto b = ns.claim("VPC");
  CHECK(b.name == "vpc");
  CHECK(b.pinned);
  CHECK(infrac::ir::pascal_case(b.name) == "Vpc");
}

TEST_CASE("names that are taken, literals or keywords are changed, and pinned when needed", "[import]") {
  Namespace ns;
  CHECK(ns.claim("Vpc").name == "vpc");
  auto second = ns.claim("VPC");
  CHECK(second.name == "vpc_2");
  CHECK(second.pinned);
  auto word = ns.claim("True");
  CHECK(word.name == "true_");
  CHECK_FALSE(word.pinned);  // `true_` is `True` again
  CHECK(ns.claim("If").name == "if_");
  auto suffixed = ns.claim("Vpc", "condition");
  CHECK(suffixed.name == "vpc_condition");
  CHECK(suffixed.pinned);
}

namespace {

std::string imported(const std::string& text, infrac::diag::Engine& diags) {
  infrac::SourceManager sm;
  auto file = sm.add("t.yaml", text);
  auto p = infrac::importer::import_template(sm, file, diags);
  return p ? infrac::print::print_program(*p) : "";
}

}  // namespace

TEST_CASE("references, attributes and interpolations", "[import]") {
  infrac::diag::Engine diags;
  std::string out = imported(
      "Parameters:\n  Env:\n    Type: String\nResources:\n  Topic:\n    Type: AWS::SNS::Topic\n"
      "    Properties:\n      TopicName: !Sub '${Env}-${AWS::Region}-${!x}'\n"
      "  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !GetAtt Topic.TopicName\n"
      "      RedrivePolicy: {deadLetterTargetArn: !Ref Topic}\n",
      diags);
  CHECK_FALSE(diags.has_errors());
  CHECK(out == "param env: string\n\n"
               "resource topic: AWS::SNS::Topic {\n  TopicName = \"${env}-${AWS::Region}-\\${x}\"\n}\n\n"
               "resource queue: AWS::SQS::Queue {\n  QueueName     = topic.TopicName\n"
               "  RedrivePolicy = { deadLetterTargetArn = topic.id }\n}\n");
}

TEST_CASE("nothing is made when a part cannot be imported", "[import]") {
  infrac::diag::Engine diags;
  std::string out = imported("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    UpdatePolicy: {}\n", diags);
  CHECK(out.empty());
  REQUIRE(diags.error_count() == 1);
  CHECK(diags.sorted()[0].code() == "E0910");
}
