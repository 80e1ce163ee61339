// Comprehensions and range (docs/language.md, Comprehensions): what they compute, what
// their names can see, and the bounds on them.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "compile_helpers.h"

using infrac::test::compile_text;

namespace {

// The value of output `v` of a program, as JSON.
nlohmann::json output_value(const std::string& program) {
  auto c = compile_text(program + "\nresource t: AWS::SNS::Topic {}\n", infrac::driver::Format::Json);
  INFO(c.diagnostics);
  REQUIRE(c.ok());
  return nlohmann::json::parse(c.output())["Outputs"]["V"]["Value"];
}

}  // namespace

TEST_CASE("list comprehensions map, filter and count", "[sema]") {
  CHECK(output_value(R"(output v = join(",", [for x in ["a", "b", "c"] : upper(x)]))") == "A,B,C");
  CHECK(output_value(R"(output v = join(",", [for i, x in ["a", "b", "c"] : "${i}${x}" if i != 1]))") == "0a,2c");
  CHECK(output_value(R"(output v = join(",", [for k in { p = 1, q = 2 } : k]))") == "p,q");
  CHECK(output_value(R"(output v = join(",", [for k, v in { p = 1, q = 2 } : v * 10]))") == "10,20");
  CHECK(output_value(R"(output v = "${length([for x in [] : x])}")") == "0");
}

TEST_CASE("object comprehensions keep the order of the items", "[sema]") {
  CHECK(output_value(R"(output v = join(",", keys({ for x in ["z", "a", "m"] : x => 1 })))") == "z,a,m");
  // A null value leaves the key out, as in an object literal.
  CHECK(output_value(R"(output v = join(",", keys({ for x in ["z", "a"] : x => x == "a" ? null : 1 })))") == "z");
}

TEST_CASE("range counts up or down, and is empty past its end", "[sema]") {
  CHECK(output_value(R"(output v = join(" ", range(4)))") == "0 1 2 3");
  CHECK(output_value(R"(output v = join(" ", range(2, 5)))") == "2 3 4");
  CHECK(output_value(R"(output v = join(" ", range(5, 0, -2)))") == "5 3 1");
  CHECK(output_value(R"(output v = "${length(range(5, 2))}")") == "0");
  CHECK(compile_text("output v = join(\",\", range(0, 3, 0))\nresource t: AWS::SNS::Topic {}").has_code("E0502"));
  CHECK(compile_text("output v = join(\",\", range(1.5))\nresource t: AWS::SNS::Topic {}").has_code("E0502"));
  CHECK(compile_text("output v = \"${length(range(-1e9, 1e9))}\"\nresource t: AWS::SNS::Topic {}").has_code("E0430"));
}

TEST_CASE("a comprehension's names are not seen by the values it uses", "[sema]") {
  // `a` is declared outside: the `x` in it is not the comprehension's.
  auto c = compile_text("let a = x\nlet x0 = [for x in [1] : a]\nresource t: AWS::SNS::Topic { DisplayName = \"${x0[0]}\" }");
  CHECK(c.has_code("E0401"));
  // Inner names hide outer ones, and are gone after the comprehension.
  CHECK(output_value(R"(let x = "out"
output v = join(",", concat([for x in ["in"] : x], [x])))") == "in,out");
  CHECK(output_value(R"(output v = join(",", [for x in [1, 2] : join("", [for y in [3, 4] : "${x}${y}"])]))") ==
        "1314,2324");
}

TEST_CASE("a comprehension's items may be deploy-time values", "[sema]") {
  auto c = compile_text(R"(
    resource q: AWS::SQS::Queue {}
    resource t: AWS::SNS::Topic { DisplayName = join(",", [for x in [q.Arn, "b"] : x]) }
  )", infrac::driver::Format::Json);
  INFO(c.diagnostics);
  REQUIRE(c.ok());
  auto name = nlohmann::json::parse(c.output())["Resources"]["T"]["Properties"]["DisplayName"];
  CHECK(name == nlohmann::json::parse(R"({"Fn::Join": [",", [{"Fn::GetAtt": ["Q", "Arn"]}, "b"]]})"));
}

TEST_CASE("comprehension errors", "[sema]") {
  auto has = [](const std::string& program, const char* code) {
    auto c = compile_text(program + "\nresource t: AWS::SNS::Topic {}\n");
    INFO(c.diagnostics);
    return c.has_code(code) && !c.ok();
  };
  CHECK(has(R"(output v = join(",", [for x in "abc" : x]))", "E0502"));
  CHECK(has(R"(output v = join(",", [for x in [1] : x if "yes"]))", "E0502"));
  CHECK(has(R"(output v = join(",", [for x in [1] : null]))", "E0502"));
  CHECK(has(R"(output v = join(",", keys({ for x in [[1]] : x => 1 })))", "E0502"));
  CHECK(has(R"(output v = join(",", keys({ for x in ["a", "A"] : lower(x) => 1 })))", "E0404"));
  CHECK(has(R"(output v = join(",", [for x, x in [1] : x]))", "E0402"));
  CHECK(has(R"(param p: list<string> = ["a"]
output v = join(",", [for x in p : x]))", "E0510"));
  CHECK(has(R"(param p: string = "a"
output v = join(",", [for x in ["a"] : x if x == p]))", "E0510"));
}

TEST_CASE("loops with two names give the index, or the key and the value", "[sema]") {
  auto c = compile_text(R"(
    for i, z in ["a", "b"] {
      resource topic[z]: AWS::SNS::Topic { DisplayName = "${i}" }
    }
    for k, v in { x = "one" } {
      resource queue[k]: AWS::SQS::Queue { QueueName = v }
    }
  )", infrac::driver::Format::Json);
  INFO(c.diagnostics);
  REQUIRE(c.ok());
  auto r = nlohmann::json::parse(c.output())["Resources"];
  CHECK(r["TopicA"]["Properties"]["DisplayName"] == "0");
  CHECK(r["TopicB"]["Properties"]["DisplayName"] == "1");
  CHECK(r["QueueX"]["Properties"]["QueueName"] == "one");
  CHECK(compile_text("for z, z in [\"a\"] {\n  resource t[z]: AWS::SNS::Topic {}\n}").has_code("E0402"));
}
