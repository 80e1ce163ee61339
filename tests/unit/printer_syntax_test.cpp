// The printer on heredocs, comprehensions and loops with two names: printed back in the
// form written, and read back as the same program.
#include <catch2/catch.hpp>

#include "compile_helpers.h"
#include "print/printer.h"
#include "syntax/parser.h"

using namespace infrac;

namespace {

std::string fmt(const std::string& text) {
  SourceManager sm;
  FileId f = sm.add("t.infra", text);
  diag::Engine diags;
  auto r = syntax::parse(sm, f, diags);
  REQUIRE(r.ok);
  return print::print_program(r.program);
}

// The printed form, which must print as itself again and build the same template.
std::string round_trip(const std::string& text) {
  std::string once = fmt(text);
  CHECK(fmt(once) == once);
  auto a = test::compile_text(text), b = test::compile_text(once);
  INFO(a.diagnostics << b.diagnostics);
  CHECK(a.ok() == b.ok());
  CHECK(a.output() == b.output());
  return once;
}

}  // namespace

TEST_CASE("printer: heredocs print as heredocs, in the form written", "[printer]") {
  std::string in =
      "resource t: AWS::SNS::Topic {\n"
      "  DisplayName = <<EOT\n"
      "  kept ${upper(\"x\")}\n"
      "EOT\n"
      "  TopicName = <<-EOT\n"
      "        a\n"
      "\n"
      "          b $${c}\n"
      "        EOT\n"
      "}\n";
  std::string want =
      "resource t: AWS::SNS::Topic {\n"
      "  DisplayName = <<EOT\n"
      "  kept ${upper(\"x\")}\n"
      "  EOT\n"
      "  TopicName = <<-EOT\n"
      "    a\n"
      "\n"
      "      b $${c}\n"
      "  EOT\n"
      "}\n";
  CHECK(round_trip(in) == want);
}

// A heredoc spans lines, so its entry is not aligned with the others (as any multi-line entry).
TEST_CASE("printer: a heredoc as the one argument of a call stays in its parentheses", "[printer]") {
  std::string in =
      "resource l: AWS::EC2::LaunchTemplate {\n"
      "  LaunchTemplateData = {\n"
      "    MetadataOptions = { HttpTokens = \"required\" }\n"
      "    UserData = base64(<<-SH\n"
      "      #!/bin/bash\n"
      "      echo ${AWS::Region}\n"
      "      SH)\n"
      "  }\n"
      "}\n";
  std::string want =
      "resource l: AWS::EC2::LaunchTemplate {\n"
      "  LaunchTemplateData = {\n"
      "    MetadataOptions = { HttpTokens = \"required\" }\n"
      "    UserData = base64(<<-SH\n"
      "      #!/bin/bash\n"
      "      echo ${AWS::Region}\n"
      "    SH)\n"
      "  }\n"
      "}\n";
  CHECK(round_trip(in) == want);
}

TEST_CASE("printer: dollars in heredoc text read back as the same text", "[printer]") {
  // `$` before an interpolation, and `$` runs before a literal `${`.
  std::string in =
      "let x = \"v\"\n"
      "resource t: AWS::SNS::Topic {\n"
      "  DisplayName = <<EOT\n"
      "cost ${\"$\"}${x} $$${x} $$$${y} $5\n"
      "EOT\n"
      "}\n";
  std::string out = round_trip(in);
  CHECK(out.find("cost ${\"$\"}${x}") != std::string::npos);
}

TEST_CASE("printer: a heredoc inside an interpolation is written as a quoted string", "[printer]") {
  std::string in =
      "resource t: AWS::SNS::Topic {\n"
      "  DisplayName = \"<${upper(<<EOT\n"
      "in\n"
      "EOT\n"
      ")}>\"\n"
      "}\n";
  CHECK(round_trip(in) == "resource t: AWS::SNS::Topic {\n  DisplayName = \"<${upper(\"in\\n\")}>\"\n}\n");
}

TEST_CASE("printer: comprehensions and loops with two names", "[printer]") {
  std::string in =
      "let tags = { a = \"1\" }\n"
      "let evens = [for i, x in [1, 2, 3] : x if i % 2 == 0]\n"
      "let m = {for k, v in tags : upper(k) => v}\n"
      "let c = [for x in true ? [1] : [2] : x]\n"
      "for i, z in [\"a\"] {\n"
      "  resource t[z]: AWS::SNS::Topic { Tags = [for k, v in tags : { Key = k, Value = \"${v}${i}\" }] }\n"
      "}\n";
  std::string want =
      "let tags = { a = \"1\" }\n"
      "let evens = [for i, x in [1, 2, 3] : x if i % 2 == 0]\n"
      "let m = { for k, v in tags : upper(k) => v }\n"
      "let c = [for x in (true ? [1] : [2]) : x]\n"
      "for i, z in [\"a\"] {\n"
      "  resource t[z]: AWS::SNS::Topic { Tags = [for k, v in tags : { Key = k, Value = \"${v}${i}\" }] }\n"
      "}\n";
  CHECK(round_trip(in) == want);
}

TEST_CASE("printer: a long comprehension takes lines of its own inside its brackets", "[printer]") {
  std::string in =
      "let ports = [80, 443]\n"
      "resource sg: AWS::EC2::SecurityGroup {\n"
      "  GroupDescription = \"web\"\n"
      "  SecurityGroupIngress = [for port in ports : { IpProtocol = \"tcp\", FromPort = port, ToPort = port, CidrIp = "
      "\"10.0.0.0/8\" } if port != 22]\n"
      "}\n";
  std::string want =
      "let ports = [80, 443]\n"
      "resource sg: AWS::EC2::SecurityGroup {\n"
      "  GroupDescription = \"web\"\n"
      "  SecurityGroupIngress = [\n"
      "    for port in ports : { IpProtocol = \"tcp\", FromPort = port, ToPort = port, CidrIp = \"10.0.0.0/8\" }\n"
      "    if port != 22\n"
      "  ]\n"
      "}\n";
  CHECK(round_trip(in) == want);
}
