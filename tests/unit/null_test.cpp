// Comparisons with `null` (docs/language.md, `null` and `AWS::NoValue`).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "compile_helpers.h"

using infrac::test::compile_text;

TEST_CASE("a deploy-time value is never null, and makes no condition", "[sema]") {
  auto c = compile_text(R"(
    param p: string = "x"
    resource q: AWS::SQS::Queue {}
    resource t: AWS::SNS::Topic {
      DisplayName = p == null ? "null" : "set"
      TopicName   = q.Arn != null ? "set" : "null"
    }
  )", infrac::driver::Format::Json);
  INFO(c.diagnostics);
  REQUIRE(c.ok());
  auto doc = nlohmann::json::parse(c.output());
  CHECK(!doc.contains("Conditions"));
  CHECK(doc["Resources"]["T"]["Properties"]["DisplayName"] == "set");
  CHECK(doc["Resources"]["T"]["Properties"]["TopicName"] == "set");
}

TEST_CASE("null equals only null at compile time", "[sema]") {
  auto c = compile_text(R"(
    let n = null
    resource t: AWS::SNS::Topic { DisplayName = "${n == null} ${1 == null} ${null != null} ${"" == null}" }
  )");
  INFO(c.diagnostics);
  REQUIRE(c.ok());
  CHECK(c.output().find("DisplayName: true false false false") != std::string::npos);
}

TEST_CASE("a deploy-time choice that may be AWS::NoValue cannot be compared with null", "[sema]") {
  auto c = compile_text(R"(
    param on: bool = true
    resource t: AWS::SNS::Topic { DisplayName = (on ? "x" : null) == null ? "a" : "b" }
  )");
  CHECK(c.has_code("E0510"));
}
