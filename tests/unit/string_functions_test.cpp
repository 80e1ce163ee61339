// replace, substr, trim, jsonencode and templatefile (docs/language.md, Built-in functions).
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include <nlohmann/json.hpp>

#include "compile_helpers.h"

using infrac::test::compile_text;

namespace {

// The DisplayName of topic `t` in a program, as JSON.
nlohmann::json display_name(const std::string& value, const std::string& before = "") {
  auto c = compile_text(before + "\nresource t: AWS::SNS::Topic { DisplayName = " + value + " }\n",
                        infrac::driver::Format::Json);
  INFO(c.diagnostics);
  REQUIRE(c.ok());
  return nlohmann::json::parse(c.output())["Resources"]["T"]["Properties"]["DisplayName"];
}

bool fails_with(const std::string& value, const char* code, const std::string& before = "") {
  auto c = compile_text(before + "\nresource t: AWS::SNS::Topic { DisplayName = " + value + " }\n");
  INFO(c.diagnostics);
  return !c.ok() && c.has_code(code);
}

}  // namespace

TEST_CASE("replace replaces every occurrence, left to right", "[sema]") {
  CHECK(display_name(R"(replace("a-b--c", "-", "+"))") == "a+b++c");
  CHECK(display_name(R"(replace("aaa", "aa", "b"))") == "ba");
  CHECK(display_name(R"(replace("abc", "x", "y"))") == "abc");
  CHECK(fails_with(R"(replace("abc", "", "y"))", "E0502"));
  CHECK(fails_with(R"(replace(p, "a", "b"))", "E0510", "param p: string = \"a\""));
}

TEST_CASE("substr counts code points", "[sema]") {
  CHECK(display_name(R"(substr("héllo", 1, 3))") == "éll");
  CHECK(display_name(R"(substr("héllo", 5, 0))") == "");
  CHECK(display_name(R"(substr("日本語", 2, 1))") == "語");
  CHECK(fails_with(R"(substr("héllo", 3, 3))", "E0543"));
  CHECK(fails_with(R"(substr("abc", -1, 1))", "E0502"));
  CHECK(fails_with(R"(substr("abc", 0.5, 1))", "E0502"));
}

TEST_CASE("trim removes blanks at both ends only", "[sema]") {
  CHECK(display_name(R"(trim(" \t a  b \n"))") == "a  b");
  CHECK(display_name(R"(trim("   "))") == "");
}

TEST_CASE("jsonencode writes compact JSON in the order written", "[sema]") {
  std::string text = display_name(R"(jsonencode({ z = 1, a = [true, "q\"\\"], n = 1.5, e = "é\t" }))").get<std::string>();
  CHECK(text == R"({"z":1,"a":[true,"q\"\\"],"n":1.5,"e":"é\t"})");
  CHECK(nlohmann::json::parse(text)["a"][1] == "q\"\\");
  CHECK(display_name(R"(jsonencode("x"))") == R"("x")");
  CHECK(display_name(R"(jsonencode([]))") == "[]");
}

TEST_CASE("jsonencode with deploy-time parts becomes Fn::Sub", "[lower]") {
  auto name = display_name(R"(jsonencode({ arn = q.Arn, n = ["${AWS::Region}-x"] }))", "resource q: AWS::SQS::Queue {}");
  CHECK(name == nlohmann::json::parse(R"({"Fn::Sub": "{\"arn\":\"${Q.Arn}\",\"n\":[\"${AWS::Region}-x\"]}"})"));
  CHECK(fails_with(R"(jsonencode({ a = p }))", "E0510", "param p: list<string> = [\"a\"]"));
  CHECK(fails_with(R"(jsonencode({ a = on ? "x" : "y" }))", "E0510", "param on: bool = true"));
}

TEST_CASE("templatefile fills in the variables of a file", "[sema]") {
  // compile_text writes the program to /tmp, so the file is made there too.
  const char* path = "/tmp/infrac-unit-template.txt";
  {
    std::ofstream f(path);
    f << "a ${x} b ${y} $${z} $$ $5\n";
  }
  CHECK(display_name(R"(templatefile("infrac-unit-template.txt", { x = "1", y = 2, unused = true }))") ==
        "a 1 b 2 ${z} $$ $5\n");
  CHECK(display_name(R"(templatefile("infrac-unit-template.txt", { x = AWS::Region, y = 2 }))") ==
        nlohmann::json::parse(R"({"Fn::Sub": "a ${AWS::Region} b 2 ${!z} $$ $5\n"})"));
  CHECK(fails_with(R"(templatefile("infrac-unit-template.txt", { x = "1" }))", "E0541"));
  CHECK(fails_with(R"(templatefile("infrac-unit-template.txt", { x = "1", y = null }))", "E0541"));
  CHECK(fails_with(R"(templatefile("infrac-unit-template.txt", { x = "1", y = [2] }))", "E0505"));
  CHECK(fails_with(R"(templatefile("infrac-unit-no-such-file.txt", {}))", "E0101"));
  std::remove(path);
}
