// The limits on how deep a source nests (docs/language.md, Limits): where each one starts,
// and that what stays within them is not refused. These run on the test's own thread,
// with its default stack, as a fuzzer calling compile() would.
#include <catch2/catch.hpp>

#include <string>

#include "compile_helpers.h"

using infrac::test::compile_text;

namespace {

const std::string kTopic = "resource topic: AWS::SNS::Topic {}\n";

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("depth: every binary operator chains up to 1000 times", "[depth]") {
  for (const char* op : {"*", "/", "%", "+", "-", "<", "<=", ">", ">=", "==", "!=", "&&", "||"}) {
    INFO(op);
    std::string chain = std::string(" ") + op + " 1";
    CHECK_FALSE(compile_text(kTopic + "let x = 1" + repeat(chain, 1000) + "\n").has_code("E0208"));
    CHECK(compile_text(kTopic + "let x = 1" + repeat(chain, 1001) + "\n").has_code("E0208"));
  }
}

TEST_CASE("depth: prefix, conditional and postfix operators count one each", "[depth]") {
  struct Shape { const char* before; const char* each; const char* after; const char* close; };
  for (Shape s : {Shape{"", "!", "true", ""}, Shape{"", "- ", "1", ""}, Shape{"", "true ? 1 : ", "0", ""},
                  Shape{"", "true ? ", "1", " : 2"}, Shape{"{}", ".a", "", ""}, Shape{"[1]", "[0]", "", ""}}) {
    INFO(s.each);
    auto source = [&](int n) { return kTopic + "let x = " + s.before + repeat(s.each, n) + s.after + repeat(s.close, n) + "\n"; };
    CHECK_FALSE(compile_text(source(1000)).has_code("E0208"));
    CHECK(compile_text(source(1001)).has_code("E0208"));
  }
}

TEST_CASE("depth: items of a list, an object, a call or a string count apart", "[depth]") {
  std::string item = "a.b.c";
  std::string items = item + repeat(", " + item, 1999);
  std::string entries;
  for (int i = 0; i < 2000; ++i) entries += "k" + std::to_string(i) + " = " + item + "\n";
  std::string parts = repeat("${a.b.c}", 2000);
  std::string prelude = kTopic + "let a = { b = { c = \"x\" } }\n";
  CHECK_FALSE(compile_text(prelude + "let l = [" + items + "]\n").has_code("E0208"));
  CHECK_FALSE(compile_text(prelude + "let o = {\n" + entries + "}\n").has_code("E0208"));
  CHECK_FALSE(compile_text(prelude + "let j = join(\",\", [" + items + "])\n").has_code("E0208"));
  CHECK_FALSE(compile_text(prelude + "let s = \"" + parts + "\"\n").has_code("E0208"));
  // ... but an operand in brackets brings its operators along.
  CHECK(compile_text(kTopic + "let x = (1" + repeat(" + 1", 600) + ")" + repeat(" + 1", 401) + "\n").has_code("E0208"));
  CHECK(compile_text(kTopic + "let x = [1" + repeat(" + 1", 600) + "][0]" + repeat(" + 1", 400) + "\n").has_code("E0208"));
}

TEST_CASE("depth: declarations each start a new count, names that are keywords do not", "[depth]") {
  std::string asserts = repeat("assert 1 + 1 == 2, \"sums\"\n", 600);
  std::string ifs = repeat("if 1 + 1 == 2 {}\n", 600);
  CHECK_FALSE(compile_text(kTopic + asserts).has_code("E0208"));
  CHECK_FALSE(compile_text(kTopic + ifs).has_code("E0208"));
  // `if`, `let` ... after an operator are names, and go on counting.
  CHECK(compile_text(kTopic + "let x = 1" + repeat(" + if", 1001) + "\n").has_code("E0208"));
  CHECK(compile_text(kTopic + "let x = 1" + repeat(" ? let : 1", 1001) + "\n").has_code("E0208"));
}

TEST_CASE("depth: types nest 200 deep, and `<` `>` in them are not operators", "[depth]") {
  std::string deep = "param p: " + repeat("{ a: ", 100) + repeat("list<", 100) + "string" + repeat(">", 100) +
                     repeat(" }", 100) + "\n";
  auto ok = compile_text(kTopic + deep);
  CHECK_FALSE(ok.has_code("E0205"));
  CHECK_FALSE(ok.has_code("E0208"));
  CHECK(compile_text(kTopic + "param p: " + repeat("list<", 201) + "string" + repeat(">", 201) + "\n").has_code("E0205"));
  // Fields without commas, optional ones, and several parameters.
  std::string fields = "param p: {" + repeat(" a?: list<string>", 1500) + " }\n";
  CHECK_FALSE(compile_text(kTopic + fields).has_code("E0208"));
  // The type ends where a name follows a complete type: what comes after is counted again.
  CHECK(compile_text(kTopic + "param p: string\nassert " + repeat("true ? true : ", 1001) + "true, \"m\"\n").has_code("E0208"));
}

TEST_CASE("depth: an if chains 200 branches", "[depth]") {
  std::string ok = "if false {}" + repeat(" else if false {}", 199) + " else { " + kTopic + " }\n";
  auto c = compile_text(ok);
  CHECK(c.ok());
  CHECK(compile_text(kTopic + "if false {}" + repeat(" else if false {}", 200) + "\n").has_code("E0205"));
  // Blocks around the chain count too.
  std::string nested = repeat("for x in [1] { ", 150) + "if false {}" + repeat(" else if false {}", 50) + repeat(" }", 150);
  CHECK(compile_text(kTopic + nested + "\n").has_code("E0205"));
}

TEST_CASE("depth: references chain 2000 levels deep, in either order", "[depth]") {
  auto chain = [](int n, bool backwards) {
    std::string lets;
    for (int i = 0; i < n; ++i) {
      lets += backwards ? "let a" + std::to_string(i) + " = a" + std::to_string(i + 1) + "\n"
                        : "let a" + std::to_string(i + 1) + " = a" + std::to_string(i) + "\n";
    }
    return kTopic + lets + "let a" + std::to_string(backwards ? n : 0) + " = \"end\"\n";
  };
  for (bool backwards : {true, false}) {
    INFO(backwards);
    // 1999 references, and the string at the end: 2000 levels.
    CHECK(compile_text(chain(1999, backwards)).ok());
    auto c = compile_text(chain(2000, backwards));
    CHECK(c.has_code("E0428"));
    CHECK(c.result->diags.error_count() == 1);
  }
}

TEST_CASE("depth: a value nested through 999 values is emitted", "[depth]") {
  std::string lets = "let a0 = \"x\"\n";
  for (int i = 0; i < 999; ++i) lets += "let a" + std::to_string(i + 1) + " = [a" + std::to_string(i) + "]\n";
  auto c = compile_text(lets + "@metadata({ deep = a999 })\nresource topic: AWS::SNS::Topic {}\n");
  REQUIRE(c.ok());
  CHECK(c.output().find("- x") != std::string::npos);
}

TEST_CASE("depth: the parser's own bound is on nesting, not on how much a file holds", "[depth]") {
  // Every operator, call and member access of a file passes through the parser's
  // left-recursive rule: the depth it counts must come back down after each of them.
  std::string lets;
  for (int i = 0; i < 6000; ++i) lets += "let a" + std::to_string(i) + " = f(1 == 1).x + [2][0] - -3\n";
  auto c = compile_text(kTopic + lets);
  CHECK_FALSE(c.has_code("E0205"));
  CHECK_FALSE(c.has_code("E0208"));
}

TEST_CASE("depth: errors that would let the parser nest stop it", "[depth]") {
  // Recovery from each error would go on nesting across what the token counts took apart.
  auto c = compile_text(kTopic + "let x = " + repeat("true ? 1 , : ", 20000) + "1\n");
  CHECK(c.has_code("E0205"));
  CHECK_FALSE(c.ok());
}
