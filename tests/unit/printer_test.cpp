// The printer (compiler/print/): the layout rules of docs/language.md "Formatting", on
// source parsed here and on trees built by hand (as `infrac import` builds them).
#include <catch2/catch.hpp>

#include "print/literals.h"
#include "print/printer.h"
#include "syntax/ast_dump.h"
#include "syntax/parser.h"

using namespace infrac;

namespace {

// Parses `text` and prints it; fails the test on a syntax error.
std::string fmt(const std::string& text) {
  SourceManager sm;
  FileId f = sm.add("t.infra", text);
  diag::Engine diags;
  auto r = syntax::parse(sm, f, diags);
  REQUIRE(r.ok);
  return print::print_program(r.program);
}

ast::ExprPtr name(const std::string& n) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = ast::ExprKind::Name;
  e->text = n;
  return e;
}

ast::ExprPtr binary(const std::string& op, ast::ExprPtr l, ast::ExprPtr r) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = ast::ExprKind::Binary;
  e->text = op;
  e->lhs = std::move(l);
  e->rhs = std::move(r);
  return e;
}

}  // namespace

TEST_CASE("printer: the = of consecutive entries aligns within a group", "[printer]") {
  std::string in =
      "resource v: AWS::EC2::VPC {\n"
      "  CidrBlock = \"10.0.0.0/16\"\n"
      "  EnableDnsSupport = true\n"
      "\n"
      "  A = 1\n"
      "}\n";
  std::string want =
      "resource v: AWS::EC2::VPC {\n"
      "  CidrBlock        = \"10.0.0.0/16\"\n"
      "  EnableDnsSupport = true\n"
      "\n"
      "  A = 1\n"
      "}\n";
  CHECK(fmt(in) == want);
}

TEST_CASE("printer: a multi-line entry stands alone, unaligned", "[printer]") {
  std::string in =
      "resource g: AWS::EC2::SecurityGroup {\n"
      "  GroupDescription = \"x\"\n"
      "  VpcId = v.id\n"
      "  SecurityGroupIngress = [{\n"
      "    IpProtocol = \"tcp\"\n"
      "    FromPort = 22\n"
      "  }]\n"
      "  Z = 1\n"
      "}\n";
  std::string want =
      "resource g: AWS::EC2::SecurityGroup {\n"
      "  GroupDescription = \"x\"\n"
      "  VpcId            = v.id\n"
      "  SecurityGroupIngress = [{\n"
      "    IpProtocol = \"tcp\"\n"
      "    FromPort   = 22\n"
      "  }]\n"
      "  Z = 1\n"
      "}\n";
  CHECK(fmt(in) == want);
}

TEST_CASE("printer: declarations, annotations and blank lines", "[printer]") {
  std::string in =
      "@description(\"d\")   @allowed([\"a\",\"b\"])\n"
      "param   p : string=\"a\"\n"
      "\n\n\n"
      "let x=1+2*3\n"
      "output o=x\n"
      "import std.network.vpc\n"
      "import std.network.subnet as sn\n"
      "import \"./lib/util.infra\"\n"
      "module m = vpc { name = \"n\" }\n"
      "assert x > 1, \"x is ${x}\"\n"
      "for n in [1, 2] { let y = n }\n"
      "if x > 1 { let a = 1 } else if x > 0 { let a = 2 } else { let a = 3 }\n"
      "template { Description = \"t\" }\n"
      "resource q[\"a\"]: AWS::SQS::Queue {}\n";
  std::string want =
      "@description(\"d\")\n"
      "@allowed([\"a\", \"b\"])\n"
      "param p: string = \"a\"\n"
      "\n"
      "let x = 1 + 2 * 3\n"
      "output o = x\n"
      "import std.network.vpc\n"
      "import std.network.subnet as sn\n"
      "import \"./lib/util.infra\"\n"
      "module m = vpc { name = \"n\" }\n"
      "assert x > 1, \"x is ${x}\"\n"
      "for n in [1, 2] {\n"
      "  let y = n\n"
      "}\n"
      "if x > 1 {\n"
      "  let a = 1\n"
      "} else if x > 0 {\n"
      "  let a = 2\n"
      "} else {\n"
      "  let a = 3\n"
      "}\n"
      "template { Description = \"t\" }\n"
      "resource q[\"a\"]: AWS::SQS::Queue {}\n";
  CHECK(fmt(in) == want);
  CHECK(fmt(want) == want);
}

TEST_CASE("printer: the user's parentheses are kept, and those precedence needs are added", "[printer]") {
  CHECK(fmt("let x = (a + b) * c\nlet y = (a)\nlet z = !(a && b)\n") ==
        "let x = (a + b) * c\nlet y = (a)\nlet z = !(a && b)\n");
  // A tree built without parentheses, as import builds it.
  ast::Program p;
  ast::Decl d;
  d.kind = ast::DeclKind::Let;
  d.name = "x";
  d.value = binary("*", binary("+", name("a"), name("b")), binary("-", name("c"), name("d")));
  p.decls.push_back(std::move(d));
  ast::Decl e;
  e.kind = ast::DeclKind::Let;
  e.name = "y";
  e.value = binary("-", name("a"), binary("-", name("b"), name("c")));
  p.decls.push_back(std::move(e));
  CHECK(print::print_program(p) == "let x = (a + b) * (c - d)\nlet y = a - (b - c)\n");
}

TEST_CASE("printer: strings keep their escapes as written; built strings are escaped", "[printer]") {
  CHECK(fmt("let s = \"tab\\there \\$ $x \\\" ${a}\"\n") == "let s = \"tab\\there \\$ $x \\\" ${a}\"\n");
  auto s = std::make_unique<ast::Expr>();
  s->kind = ast::ExprKind::String;
  ast::StringPart part;
  part.text = "a\"b\\c\n${d}$e";
  s->parts.push_back(std::move(part));
  CHECK(print::print_expr(*s) == "\"a\\\"b\\\\c\\n\\${d}$e\"");
  CHECK(print::number_text(0.5) == "0.5");
  CHECK(print::number_text(1209600) == "1209600");
}

TEST_CASE("printer: short lists and objects stay on one line; long ones break", "[printer]") {
  std::string long_list = "let l = [";
  for (int i = 0; i < 30; ++i) long_list += (i ? ", " : "") + std::string("\"item") + std::to_string(i) + "\"";
  long_list += "]\n";
  std::string out = fmt(long_list);
  CHECK(out.rfind("let l = [\n  \"item0\",\n  \"item1\",\n", 0) == 0);
  CHECK(out.size() > long_list.size());
  CHECK(fmt(out) == out);
  // Written across lines: kept so even though it fits.
  CHECK(fmt("let l = [\n  1, 2,\n]\n") == "let l = [\n  1,\n  2,\n]\n");
  CHECK(fmt("let o = {\n  a = 1, b = 2 }\n") == "let o = {\n  a = 1\n  b = 2\n}\n");
  CHECK(fmt("let o = {a=1,b=[1,2]}\n") == "let o = { a = 1, b = [1, 2] }\n");
}

namespace {

ast::Program parse_program(const std::string& text) {
  SourceManager sm;
  FileId f = sm.add("t.infra", text);
  diag::Engine diags;
  auto r = syntax::parse(sm, f, diags);
  REQUIRE(r.ok);
  return std::move(r.program);
}

}  // namespace

TEST_CASE("printer: comments survive in every place they are attached", "[printer]") {
  // One comment in each place: the file's head, before a declaration, after an
  // annotation, between annotations, after a list item, before the keyword, after a
  // declaration, after an opening brace, before and after an entry, before and after a
  // list item, before a list's `]`, in a call's list, after the last entry, in `if` and
  // `else` blocks before their `}`, after a call argument, before a call's `)`, a block
  // comment over lines, and at the end of the file.
  std::vector<std::string> comments = {
      "// c1 head", "/// c2 doc", "// c3", "// c4 between", "// c5 item", "# c6",
      "// c7 keyword", "// c8 decl", "// c9 brace", "// c10 entry", "// c11", "// c12 item",
      "// c13", "/* c14 closing */", "// c15", "// c16 last", "// c17 if", "// c18",
      "// c19 else", "// c20 arg", "// c21 closing", "/* c22\n   over lines */", "// c23 end"};
  std::string in =
      "// c1 head\n\n/// c2 doc\n@description(\"p\") // c3\n// c4 between\n@allowed([\"a\", // c5 item\n"
      "  \"b\"]) # c6\n// c7 keyword\nparam p: string = \"a\" // c8 decl\n\n"
      "resource t: AWS::SNS::Topic { // c9 brace\n  // c10 entry\n  TopicName = \"x\" // c11\n\n"
      "  Tags = [\n    // c12 item\n    { Key = \"k\", Value = \"v\" }, // c13\n    /* c14 closing */\n  ]\n"
      "  DisplayName = join(\"-\", [\n    \"a\", // c15\n  ])\n  // c16 last\n}\n\n"
      "if true {\n  let a = 1 // c17 if\n  // c18\n} else {\n  let a = 2\n  // c19 else\n}\n"
      "let c = f(\n  1, // c20 arg\n  // c21 closing\n)\n/* c22\n   over lines */\n\n// c23 end\n";
  std::string out = fmt(in);
  size_t at = 0;
  for (const std::string& c : comments) {
    INFO(c);
    size_t found = out.find(c, at);
    REQUIRE(found != std::string::npos);  // present, and in the order written
    at = found + c.size();
  }
  CHECK(fmt(out) == out);
  CHECK(ast::dump(parse_program(out)) == ast::dump(parse_program(in)));
  CHECK(parse_program(in).unplaced.empty());
}

TEST_CASE("printer: a comment inside an expression is listed as unplaced", "[printer]") {
  ast::Program p = parse_program("let x = 1 + /* a */ 2\nlet s = \"${[1 /* b */]}\"\n");
  REQUIRE(p.unplaced.size() == 2);
  CHECK(p.unplaced[0].text == "/* a */");
  CHECK(p.unplaced[1].text == "/* b */");
}

TEST_CASE("ast dump: the same program whatever its layout, another one when the tree differs", "[printer]") {
  std::string a = ast::dump(parse_program("let x = (a + b) * c\nresource t: AWS::SNS::Topic { TopicName = \"a\\tb\" }\n"));
  CHECK(a == ast::dump(parse_program("// c\nlet x = ((a + b)) * c\n\nresource t: AWS::SNS::Topic {\n"
                                     "  \"TopicName\" = \"a\tb\"\n}\n")));
  CHECK(a != ast::dump(parse_program("let x = a + b * c\nresource t: AWS::SNS::Topic { TopicName = \"a\\tb\" }\n")));
  CHECK(a != ast::dump(parse_program("let x = (a + b) * c\nresource t: AWS::SNS::Topic { TopicName = \"ab\" }\n")));
}
