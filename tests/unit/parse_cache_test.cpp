// The parse cache (syntax/parse_cache.h) gives the trees a whole parse gives: for every
// .infra file of the repository, parsed through the cache, then again after an edit of
// one declaration (which is parsed alone, the rest copied from the cache and moved).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ast_equal.h"
#include "syntax/ast_clone.h"
#include "syntax/ast_dump.h"
#include "syntax/parse_cache.h"
#include "syntax/recover.h"

namespace fs = std::filesystem;
using namespace infrac;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The spans of every declaration, its annotations and its properties' keys, in order.
void spans(const std::vector<ast::Decl>& decls, std::vector<uint32_t>& out) {
  for (const ast::Decl& d : decls) {
    out.insert(out.end(), {d.span.begin, d.span.end, d.name_span.begin, d.name_span.end});
    for (const ast::Annotation& a : d.annotations) out.insert(out.end(), {a.span.begin, a.span.end});
    for (const ast::Entry& e : d.properties) {
      out.insert(out.end(), {e.key_span.begin, e.key_span.end});
      if (e.value) out.insert(out.end(), {e.value->span.begin, e.value->span.end});
    }
    if (d.value) out.insert(out.end(), {d.value->span.begin, d.value->span.end});
    spans(d.body, out);
    spans(d.else_body, out);
  }
}

}  // namespace

TEST_CASE("a copy moved by nothing is the tree itself", "[parse_cache]") {
  std::string text = read(fs::path(INFRAC_SOURCE_DIR) / "examples/fleet.infra");
  SourceManager sm;
  FileId f = sm.add("fleet.infra", text);
  diag::Engine diags;
  syntax::ParseResult p = syntax::parse(sm, f, diags);
  REQUIRE(p.ok);
  ast::Program copy;
  copy.file = p.program.file;
  copy.doc = p.program.doc;
  copy.trailing = p.program.trailing;
  copy.unplaced = p.program.unplaced;
  for (const ast::Decl& d : p.program.decls) copy.decls.push_back(syntax::clone_decl(d, f, 0));
  CHECK(test::ast_difference(p.program, copy) == "");
}

TEST_CASE("the cache's trees are the whole parse's, before and after an edit", "[parse_cache]") {
  size_t files = 0, edited = 0;
  for (const auto& e : fs::recursive_directory_iterator(INFRAC_SOURCE_DIR)) {
    std::string path = e.path().string();
    if (e.path().extension() != ".infra" || path.find("/build") != std::string::npos || path.find("/.") != std::string::npos) continue;
    std::string text = read(e.path());
    SourceManager sm;
    FileId f = sm.add(path, text);
    diag::Engine whole_diags;
    syntax::ParseResult whole = syntax::parse(sm, f, whole_diags);
    if (!whole.ok) continue;  // the failing goldens: the cache gives the whole parse's errors
    ++files;
    syntax::ParseCache cache;
    diag::Engine d1;
    syntax::ParseResult first = cache.parse(sm, f, d1);
    REQUIRE(first.ok);
    CHECK(ast::dump(first.program) == ast::dump(whole.program));
    // An edit of the last declaration's first name-like character: `x` added after it.
    std::vector<uint32_t> starts = syntax::declaration_starts(text);
    size_t at = text.find(' ', starts.back());
    if (at == std::string::npos) continue;
    std::string changed = text.substr(0, at) + " " + text.substr(at);  // one blank more: the same program
    changed.insert(0, "\n");                                          // and every declaration moved by one
    FileId g = sm.add(path, changed);
    diag::Engine d2, d3;
    syntax::ParseResult again = cache.parse(sm, g, d2);
    syntax::ParseResult reference = syntax::parse(sm, g, d3);
    REQUIRE(reference.ok);
    REQUIRE(again.ok);
    INFO(path);
    CHECK(ast::dump(again.program) == ast::dump(reference.program));
    std::vector<uint32_t> a, b;
    spans(again.program.decls, a);
    spans(reference.program.decls, b);
    CHECK(a == b);
    // Only the first and the last piece changed: with five or more, the rest is reused.
    std::vector<uint32_t> now = syntax::declaration_starts(changed);
    if (now.size() >= 6) CHECK(cache.reused() >= now.size() - 4);
    ++edited;
  }
  CHECK(files > 200);
  CHECK(edited > 100);
}
