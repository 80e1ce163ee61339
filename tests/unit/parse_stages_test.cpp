// The parser's two stages (syntax/parser.cpp): the fast one parses and builds the AST
// declaration by declaration, and what its AST builder reports stands only when the whole
// file parses; otherwise the file's syntax errors are reported alone.
#include <catch2/catch.hpp>

#include <string>

#include "compile_helpers.h"
#include "diag/diagnostic.h"

using infrac::test::compile_text;
namespace diag = infrac::diag;

TEST_CASE("stages: the builder's errors stand when the whole file parses", "[parse]") {
  auto c = compile_text("resource t: AWS::SNS::Topic {}\nlet a = \"bad \\q\"\nlet b = 99999999999999999999\n");
  CHECK(c.has_code("E0204"));
  CHECK(c.has_code("E0206"));
}

TEST_CASE("stages: a syntax error after them leaves the syntax error alone", "[parse]") {
  auto c = compile_text("resource t: AWS::SNS::Topic {}\nlet a = \"bad \\q\"\nlet b = 99999999999999999999\nlet c = = 1\n");
  CHECK(c.has_code("E0303"));
  CHECK_FALSE(c.has_code("E0204"));
  CHECK_FALSE(c.has_code("E0206"));
  CHECK(c.result->diags.error_count() == 1);
}

TEST_CASE("engine: a rollback forgets what was reported since the mark", "[diag]") {
  diag::Engine e;
  e.report(diag::Kind::InvalidEscape, infrac::Span{0, 1, 2}, {"\\q"});
  auto mark = e.mark();
  e.report(diag::Kind::NumberTooLarge, infrac::Span{0, 5, 9}, {"1e999"});
  e.report(diag::Kind::InvalidEscape, infrac::Span{0, 1, 2}, {"\\q"});  // a repeat of the first
  CHECK(e.error_count() == 2);
  e.rollback(mark);
  CHECK(e.error_count() == 1);
  REQUIRE(e.diagnostics().size() == 1);
  CHECK(e.diagnostics()[0].kind == diag::Kind::InvalidEscape);
  // What was reported after the mark is new again, and counts.
  e.report(diag::Kind::NumberTooLarge, infrac::Span{0, 5, 9}, {"1e999"});
  CHECK(e.error_count() == 2);
  CHECK_FALSE(e.diagnostics().back().repeated);
}
