// How the AST builder groups an expression the parser reads flat (grammar/InfraParser.g4):
// precedence, associativity, prefix and postfix operators, and the spans of the nodes,
// against values and positions worked out by hand from the table in docs/language.md.
#include <catch2/catch.hpp>

#include <string>

#include "compile_helpers.h"

using infrac::test::compile_text;

namespace {

// The value CloudFormation gets for `output o = <expr>`, as the template writes it.
std::string value_of(const std::string& expr) {
  auto c = compile_text("resource t: AWS::SNS::Topic {}\noutput o = " + expr + "\n");
  INFO(c.diagnostics);
  REQUIRE(c.ok());
  const std::string& out = c.output();
  size_t at = out.find("Value: ", out.find("Outputs:"));
  REQUIRE(at != std::string::npos);
  at += 7;
  return out.substr(at, out.find('\n', at) - at);
}

}  // namespace

TEST_CASE("grouping: binary operators by precedence, each level left to right", "[grouping]") {
  CHECK(value_of("1 + 2 * 3") == "\"7\"");          // not (1 + 2) * 3 = 9
  CHECK(value_of("10 - 4 - 3") == "\"3\"");         // not 10 - (4 - 3) = 9
  CHECK(value_of("100 / 10 / 5") == "\"2\"");       // not 100 / (10 / 5) = 50
  CHECK(value_of("2 * 7 % 4") == "\"2\"");          // (2 * 7) % 4, not 2 * (7 % 4) = 6
  CHECK(value_of("1 + 2 < 4 == true") == "\"true\"");  // ((1 + 2) < 4) == true
  CHECK(value_of("!false && false || true") == "\"true\"");  // ((!false) && false) || true
  CHECK(value_of("true || false && false") == "\"true\"");   // true || (false && false)
  CHECK(value_of("false && false || true") == "\"true\"");   // not false && (false || true) = false
  CHECK(value_of("1 == 1 != false") == "\"true\"");          // (1 == 1) != false
}

TEST_CASE("grouping: the conditional binds least and nests to the right", "[grouping]") {
  CHECK(value_of("1 + 1 == 2 ? \"on\" : \"off\"") == "\"on\"");  // quoted: YAML 1.1 reads on as a bool
  CHECK(value_of("false ? 1 : false ? 2 : 3") == "\"3\"");  // false ? 1 : (false ? 2 : 3)
  CHECK(value_of("true ? false ? 1 : 2 : 3") == "\"2\"");   // true ? (false ? 1 : 2) : 3
  CHECK(value_of("true ? 1 : 2 + 10") == "\"1\"");          // true ? 1 : (2 + 10)
}

TEST_CASE("grouping: prefix operators bind tighter than binary ones, postfix tighter still", "[grouping]") {
  CHECK(value_of("-2 * 3 + 1") == "\"-5\"");
  CHECK(value_of("- -4") == "\"4\"");
  CHECK(value_of("!!true") == "\"true\"");
  CHECK(value_of("{x = {y = 5}}.x.y * -[2][0]") == "\"-10\"");  // 5 * -(([2])[0])
  CHECK(value_of("length([1, 2]) + [3, 4][1]") == "\"6\"");
  CHECK(value_of("(1 + 2) * 3") == "\"9\"");
}

TEST_CASE("grouping: a node's span runs from its first operand to its last", "[grouping]") {
  // The prefix `-` covers its operand and no more; the `*` covers both its operands.
  auto c = compile_text("resource t: AWS::SNS::Topic {}\noutput x = 1 + -true * 2\n");
  CHECK(c.has_code("E0509"));
  CHECK(c.diagnostics.find("2:16:") != std::string::npos);
  CHECK(c.diagnostics.find("output x = 1 + -true * 2\n  |                ^~~~~\n") != std::string::npos);
  // A prefix operator takes in the member access after its operand.
  auto d = compile_text("resource t: AWS::SNS::Topic {}\noutput x = 1 + -{a = true}.a * 2\n");
  CHECK(d.has_code("E0509"));
  CHECK(d.diagnostics.find("output x = 1 + -{a = true}.a * 2\n  |                ^~~~~~~~~~~~~\n") != std::string::npos);
}
