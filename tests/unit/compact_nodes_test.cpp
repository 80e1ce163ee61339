// The fields few nodes have live out of line (ast::ExprRare, ast::EntryComments,
// sema::ValRare): a node that has none of them has no such part, whichever way the tree
// was made (parsed, read from the preparsed form, cloned), and a value's part is copied
// with it.
#include <catch2/catch.hpp>

#include <string>

#include "ast_equal.h"
#include "diag/diagnostic.h"
#include "sema/value.h"
#include "syntax/ast_clone.h"
#include "syntax/ast_serial.h"
#include "syntax/parser.h"

using infrac::FileId;
using infrac::SourceManager;
namespace ast = infrac::ast;
namespace syntax = infrac::syntax;
namespace sema = infrac::sema;

namespace {

const char* const kSource =
    "let plain = [1, \"two\", { k = 2 }, f(3)]\n"
    "let loop = [for i, x in plain : x if i > 0]\n"
    "let choice = true ? 1 : 2\n"
    "let commented = [\n"
    "  // before the item\n"
    "  1,\n"
    "]\n"
    "resource t: AWS::SNS::Topic {\n"
    "  TopicName = \"a\"\n"
    "  // before the entry\n"
    "  DisplayName = \"b\"  // after it\n"
    "}\n";

// Which of the program's nodes have their out-of-line parts, as one line per node.
std::string rare_parts(const ast::Program& p) {
  std::string out;
  auto expr = [&](const ast::Expr& e) { out += e.has_rare() ? 'R' : '-'; };
  for (const ast::Decl& d : p.decls) {
    out += d.name + ":";
    if (d.value) {
      expr(*d.value);
      for (const ast::ExprPtr& i : d.value->items) expr(*i);
    }
    for (const ast::Entry& en : d.properties) out += en.has_comments() ? 'C' : '-';
    out += "\n";
  }
  return out;
}

const char* const kExpected =
    "plain:-----\n"     // a list, its number, string, object and call
    "loop:R\n"          // a comprehension: its index name and filter
    "choice:R\n"        // a conditional: the branch after `:`
    "commented:-R\n"    // the list has no closing comments; its item has a leading one
    "t:-C\n";           // the second entry's comments

}  // namespace

TEST_CASE("compact nodes: only the nodes that have rare parts carry them", "[ast]") {
  SourceManager sm;
  FileId f = sm.add("compact.infra", kSource);
  infrac::diag::Engine diags;
  syntax::ParseResult parsed = syntax::parse(sm, f, diags);
  REQUIRE(parsed.ok);
  CHECK(rare_parts(parsed.program) == kExpected);

  const ast::Expr& loop = *parsed.program.decls[1].value;
  CHECK(loop.rare().index_name == "i");
  REQUIRE(loop.rare().third);
  CHECK(loop.rare().third->kind == ast::ExprKind::Binary);
  const ast::Entry& display = parsed.program.decls[4].properties[1];
  REQUIRE(display.comments().leading.size() == 1);
  CHECK(display.comments().leading[0].text == "// before the entry");
  REQUIRE(display.comments().trailing.size() == 1);
  CHECK(display.comments().trailing[0].text == "// after it");

  SECTION("read back from the preparsed form") {
    std::string bytes;
    REQUIRE(ast::write_program(parsed.program, bytes));
    ast::Program back;
    REQUIRE(ast::read_program(bytes, f, back));
    CHECK(infrac::test::ast_difference(parsed.program, back) == "");
    CHECK(rare_parts(back) == kExpected);
  }
  SECTION("cloned") {
    ast::Program copy;
    copy.file = f;
    for (const ast::Decl& d : parsed.program.decls) copy.decls.push_back(syntax::clone_decl(d, f, 0));
    CHECK(infrac::test::ast_difference(parsed.program, copy) == "");
    CHECK(rare_parts(copy) == kExpected);
  }
}

TEST_CASE("compact nodes: a node without rare parts reads empty ones", "[ast]") {
  ast::Expr e;
  CHECK_FALSE(e.has_rare());
  CHECK(e.rare().heredoc.empty());
  CHECK_FALSE(e.rare().third);
  CHECK(e.rare().closing.empty());
  CHECK_FALSE(e.has_rare());  // reading made none
  e.rare_mut().heredoc = "EOT";
  CHECK(e.has_rare());
  CHECK(e.rare().heredoc == "EOT");

  sema::Val v = sema::Val::str("x", {});
  CHECK(v.rare().hint.empty());
  CHECK(v.rare().exists_when == -2);
}

TEST_CASE("compact nodes: a value's rare part is copied with it, not shared", "[sema]") {
  sema::Val v = sema::Val::str("x", {});
  v.rare_mut().hint = "subnet";
  v.rare_mut().absent = {"Tags"};
  sema::Val copy = v;
  CHECK(copy.rare().hint == "subnet");
  CHECK(copy.rare().absent == std::vector<std::string>{"Tags"});
  copy.rare_mut().hint = "other";
  CHECK(v.rare().hint == "subnet");
  sema::Val assigned;
  assigned = v;
  v.rare_mut().exists_when = 3;
  CHECK(assigned.rare().exists_when == -2);
  CHECK(assigned.rare().hint == "subnet");
  sema::Val moved = std::move(copy);
  CHECK(moved.rare().hint == "other");
}
