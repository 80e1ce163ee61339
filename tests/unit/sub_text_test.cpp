// The pieces of an Fn::Sub text, which the template reader and nested stacks read.
#include <catch2/catch.hpp>

#include <string>

#include "base/sub_text.h"

using infrac::sub_pieces;

namespace {

// The pieces written back as `[literal]` and `<placeholder>`.
std::string shown(const std::string& text) {
  std::string out;
  for (const auto& p : sub_pieces(text)) out += (p.placeholder ? "<" : "[") + std::string(p.text) + (p.placeholder ? ">" : "]");
  return out;
}

}  // namespace

TEST_CASE("an Fn::Sub text splits into literal text and placeholders", "[sub_text]") {
  CHECK(shown("arn:${AWS::Partition}:s3:::${Bucket}/*") == "[arn:]<AWS::Partition>[:s3:::]<Bucket>[/*]");
  CHECK(shown("${Queue.Arn}") == "<Queue.Arn>");
  CHECK(shown("${A}${B}") == "<A><B>");
  CHECK(shown("no placeholders") == "[no placeholders]");
  CHECK(shown("").empty());
}

TEST_CASE("${!x} and an unclosed ${ are literal text", "[sub_text]") {
  CHECK(shown("${!Literal}-${Name}") == "[${!Literal}-]<Name>");
  CHECK(shown("a ${Name") == "[a ${Name]");
  CHECK(shown("${}x") == "<>[x]");
}
