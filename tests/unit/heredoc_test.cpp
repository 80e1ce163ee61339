// Heredocs (docs/language.md, Heredocs): the text they give, where they end, and where
// diagnostics inside them point.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "compile_helpers.h"

using infrac::test::compile_text;

namespace {

// The DisplayName a program gives its topic `t`, built as JSON.
std::string display_name(const std::string& program) {
  auto c = compile_text(program, infrac::driver::Format::Json);
  INFO(c.diagnostics);
  REQUIRE(c.ok());
  return nlohmann::json::parse(c.output())["Resources"]["T"]["Properties"]["DisplayName"].get<std::string>();
}

}  // namespace

TEST_CASE("a heredoc keeps its lines as written", "[syntax]") {
  CHECK(display_name("resource t: AWS::SNS::Topic {\n  DisplayName = <<EOT\n  one\n\ttwo \\n\nEOT\n}\n") ==
        "  one\n\ttwo \\n\n");
  CHECK(display_name("resource t: AWS::SNS::Topic {\n  DisplayName = <<EOT\nEOT\n}\n") == "");
}

TEST_CASE("the indented form removes the blanks all lines with text share", "[syntax]") {
  // The blank line has fewer blanks than the others, and one line is indented deeper.
  CHECK(display_name("resource t: AWS::SNS::Topic {\n  DisplayName = <<-EOT\n    a\n  \n      b\n    c\n  EOT\n}\n") ==
        "a\n\n  b\nc\n");
  // A tab and spaces have nothing in common.
  CHECK(display_name("resource t: AWS::SNS::Topic {\n  DisplayName = <<-EOT\n\ta\n  b\nEOT\n}\n") == "\ta\n  b\n");
  // A line that starts with an interpolation has no blanks to share.
  CHECK(display_name("let x = \"v\"\nresource t: AWS::SNS::Topic {\n  DisplayName = <<-EOT\n    a\n${x}\n  EOT\n}\n") ==
        "    a\nv\n");
}

TEST_CASE("line ends written \\r\\n are line feeds in a heredoc", "[syntax]") {
  CHECK(display_name("resource t: AWS::SNS::Topic {\r\n  DisplayName = <<-EOT\r\n    a\r\n    b\r\n    EOT\r\n}\r\n") ==
        "a\nb\n");
}

TEST_CASE("only the marker as a whole word closes a heredoc", "[syntax]") {
  CHECK(display_name("resource t: AWS::SNS::Topic {\n  DisplayName = <<EOT\nEOTX\n  eot\nEOT }\n") == "EOTX\n  eot\n");
  auto c = compile_text("resource t: AWS::SNS::Topic {\n  DisplayName = <<EOT\nEOTX\n}\n");
  CHECK(c.has_code("E0210"));
}

TEST_CASE("a heredoc interpolates, and $${ is a literal ${", "[syntax]") {
  CHECK(display_name("let n = 2\nresource t: AWS::SNS::Topic {\n  DisplayName = <<EOT\n${n + 1} $${n} $5 $$\nEOT\n}\n") ==
        "3 ${n} $5 $$\n");
  // An interpolation may span lines, and may hold a heredoc of its own.
  CHECK(display_name("resource t: AWS::SNS::Topic {\n  DisplayName = <<A\n<${upper(<<B\nin\nB\n)}>\nA\n}\n") == "<IN\n>\n");
}

TEST_CASE("a diagnostic inside a heredoc points at its line and column", "[syntax]") {
  auto c = compile_text("resource t: AWS::SNS::Topic {\n  DisplayName = <<-EOT\n    first\n    second ${nosuch}\n  EOT\n}\n");
  REQUIRE(c.has_code("E0401"));
  CHECK(c.diagnostics.find(".infra:4:14: error[E0401]: unknown name `nosuch`") != std::string::npos);
}

TEST_CASE("a heredoc must start at the end of its line", "[syntax]") {
  for (const char* start : {"<<EOT x", "<<", "<<-", "<< EOT"}) {
    INFO(start);
    auto c = compile_text(std::string("resource t: AWS::SNS::Topic {\n  DisplayName = ") + start + "\nEOT\n}\n");
    CHECK(c.has_code("E0211"));
    CHECK(!c.ok());
  }
}
