// Blanking broken declarations (syntax/recover.h) and the cursor context (syntax/cursor.h)
// that the language server reads a half-typed file with.
#include <catch2/catch.hpp>

#include "syntax/cursor.h"
#include "syntax/recover.h"

using infrac::syntax::blank_declarations;
using infrac::syntax::cursor_context;
using infrac::syntax::CursorContext;

TEST_CASE("the declaration holding an error is blanked, offsets and lines kept", "[recover]") {
  std::string text = "let a = 1\nlet b = = 2\n@description(\"x\")\nparam c: string\n";
  std::string out = blank_declarations(text, {static_cast<uint32_t>(text.find("= 2"))});
  CHECK(out == "let a = 1\n           \n@description(\"x\")\nparam c: string\n");
  CHECK(out.size() == text.size());
}

TEST_CASE("an annotation belongs to the declaration after it", "[recover]") {
  std::string text = "let a = 1\n@description(\"x\")\nparam c: strin g\nlet d = 2\n";
  std::string out = blank_declarations(text, {static_cast<uint32_t>(text.find(" g"))});
  CHECK(out == "let a = 1\n                 \n                \nlet d = 2\n");
}

TEST_CASE("an error at the end of the file blanks the last declaration with text", "[recover]") {
  std::string text = "let a = 1\noutput x = net.\n\n   \n";
  std::string out = blank_declarations(text, {static_cast<uint32_t>(text.size())});
  CHECK(out == "let a = 1\n               \n\n   \n");
  // Indented lines are inside a declaration, not the start of one.
  text = "resource r: AWS::S3::Bucket {\n  let = 1\n}\nlet b = 2\n";
  out = blank_declarations(text, {static_cast<uint32_t>(text.find("= 1"))});
  CHECK(out.substr(out.find("let b")) == "let b = 2\n");
  CHECK(out.find("resource") == std::string::npos);
}

TEST_CASE("the cursor context: open bodies with their heads, the line, the word", "[cursor]") {
  std::string text = "resource web: AWS::EC2::Instance {\n  MetadataOptions = {\n    Http";
  CursorContext cx = cursor_context(text, static_cast<uint32_t>(text.size()));
  REQUIRE(cx.open.size() == 2);
  CHECK(cx.open[0].head == std::vector<std::string>{"resource", "web", ":", "AWS::EC2::Instance"});
  CHECK(cx.open[1].head == std::vector<std::string>{"MetadataOptions", "="});
  CHECK(cx.line == std::vector<std::string>{"Http"});
  CHECK(cx.word == "Http");
  CHECK(cx.where == CursorContext::Where::Code);
}

TEST_CASE("the cursor context knows comments, strings and interpolations", "[cursor]") {
  std::string text = "let a = \"x-${pre";
  CursorContext cx = cursor_context(text, static_cast<uint32_t>(text.size()));
  CHECK(cx.where == CursorContext::Where::Code);
  REQUIRE(!cx.open.empty());
  CHECK(cx.open.back().bracket == '$');
  text = "let a = \"x-ab";
  CHECK(cursor_context(text, static_cast<uint32_t>(text.size())).where == CursorContext::Where::String);
  text = "let a = 1 // a comm";
  CHECK(cursor_context(text, static_cast<uint32_t>(text.size())).where == CursorContext::Where::Comment);
  text = "/* x */ let";
  CHECK(cursor_context(text, static_cast<uint32_t>(text.size())).where == CursorContext::Where::Code);
  text = "let a = [1, 2]\nlet b = {\n  c = (1 + 2)\n  ";
  cx = cursor_context(text, static_cast<uint32_t>(text.size()));
  REQUIRE(cx.open.size() == 1);
  CHECK(cx.open[0].bracket == '{');
  CHECK(cx.line.empty());
}
