// The rewriting of tagged block scalars in sequences, which yaml-cpp cannot read.
#include <catch2/catch.hpp>

#include <string>

#include "data/tree.h"
#include "data/yaml_compat.h"

using infrac::data::yaml_compat;

TEST_CASE("a tagged block scalar as a sequence item is indented one more", "[yaml_compat]") {
  auto c = yaml_compat("x:\n  - !Sub |\n    echo\n  - y\n");
  CHECK(c.text == "x:\n  - !Sub |\n     echo\n  - y\n");
  REQUIRE(c.inserted.size() == 1);
  CHECK(c.original(c.text.find("echo")) == std::string("x:\n  - !Sub |\n    echo\n  - y\n").find("echo"));
}

TEST_CASE("block indicators, comments and CRLF are recognized", "[yaml_compat]") {
  CHECK(yaml_compat("- !Base64 >-2 # note\n  a\n").inserted.size() == 1);
  CHECK(yaml_compat("- !Sub |\r\n  a\r\n").inserted.size() == 1);
  CHECK(yaml_compat("- !Fn::Sub |#c\n  a\n").inserted.size() == 1);
}

TEST_CASE("other lines are left alone", "[yaml_compat]") {
  CHECK(yaml_compat("- !Sub 'a'\n  b\n").inserted.empty());  // not a block scalar
  CHECK(yaml_compat("- |\n  a\n").inserted.empty());          // no tag
  CHECK(yaml_compat("-!Sub |\n  a\n").inserted.empty());      // no space after the dash
  CHECK(yaml_compat("- !Sub | x\n  a\n").inserted.empty());   // text after the indicator
  CHECK(yaml_compat("- !Sub |\r# c\n  a\n").inserted.empty());
}

TEST_CASE("a megabytes-long comment on a tagged block line", "[yaml_compat]") {
  std::string text = "- !Sub | #" + std::string(2u << 20, 'c') + "\n  a\n";
  auto c = yaml_compat(text);
  CHECK(c.inserted.size() == 1);
  CHECK(c.text.size() == text.size() + 1);
}

TEST_CASE("a line of spaces inside a shifted block keeps the spaces of the content", "[yaml_compat]") {
  // The block's indentation is 2: the line of four spaces holds two spaces of text, and
  // the line of one space is an empty line.
  auto r = infrac::data::read_yaml("- !Sub |\n  a\n    \n \n  b\n");
  REQUIRE(r.root);
  REQUIRE(r.root->items.size() == 1);
  CHECK(r.root->items[0]->text == "a\n  \n\nb\n");
}
