// The stdlib parsed at build time (syntax/preparsed.h, syntax/ast_serial.h): what the
// binary embeds is what parsing the stdlib gives, field for field; every .infra of the
// repository survives a write and a read; damaged bytes are refused without a crash; and
// the loader parses a stdlib module that is not byte for byte the one embedded.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

#include "ast_equal.h"
#include "diag/diagnostic.h"
#include "sema/embedded_stdlib.h"
#include "sema/loader.h"
#include "syntax/ast_dump.h"
#include "syntax/ast_serial.h"
#include "syntax/parser.h"
#include "syntax/preparsed.h"

namespace fs = std::filesystem;
using infrac::FileId;
using infrac::SourceManager;
using infrac::test::ast_difference;
namespace ast = infrac::ast;
namespace syntax = infrac::syntax;

namespace {

const fs::path kRoot = INFRAC_SOURCE_DIR;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The .infra files under `dir`, in path order; hidden directories are not entered.
std::vector<fs::path> infra_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && it->path().filename().string().rfind('.', 0) == 0) {
      it.disable_recursion_pending();
    } else if (it->is_regular_file() && it->path().extension() == ".infra") {
      out.push_back(it->path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Parsed {
  SourceManager sm;
  FileId file = infrac::kNoFile;
  ast::Program program;
  bool ok = false;
};

// `text` parsed as the second file of its SourceManager, so that its FileId is not 0.
std::unique_ptr<Parsed> parse(const std::string& name, const std::string& text) {
  auto p = std::make_unique<Parsed>();
  p->sm.add("first", "");
  p->file = p->sm.add(name, text);
  infrac::diag::Engine diags;
  syntax::ParseResult r = syntax::parse(p->sm, p->file, diags);
  p->program = std::move(r.program);
  p->ok = r.ok;
  return p;
}

std::string serialized(const ast::Program& p) {
  std::string out;
  REQUIRE(ast::write_program(p, out));
  return out;
}

// The smallest stdlib module's source: the cases that try every length or many damages.
std::string small_module() {
  fs::path smallest;
  for (const fs::path& f : infra_files(kRoot / "stdlib")) {
    if (smallest.empty() || fs::file_size(f) < fs::file_size(smallest)) smallest = f;
  }
  return read(smallest);
}

}  // namespace

TEST_CASE("the embedded stdlib is every stdlib module, as parsing it gives", "[preparsed]") {
  const syntax::Preparsed& set = infrac::sema::embedded_stdlib();
  REQUIRE(set.valid());
  std::vector<fs::path> files = infra_files(kRoot / "stdlib");
  REQUIRE(files.size() >= 7);
  CHECK(set.modules().size() == files.size());
  for (const fs::path& f : files) {
    std::string rel = f.lexically_relative(kRoot / "stdlib").generic_string();
    INFO(rel);
    const syntax::Preparsed::Module* m = set.find(rel);
    REQUIRE(m != nullptr);
    std::string text = read(f);
    // A difference here is a stale build: the blob is remade when a stdlib file changes.
    REQUIRE(m->source == text);
    auto fresh = parse(rel, text);
    REQUIRE(fresh->ok);
    ast::Program embedded;
    REQUIRE(set.take(rel, text, fresh->file, embedded));
    CHECK(ast_difference(embedded, fresh->program) == "");
    CHECK(ast::dump(embedded) == ast::dump(fresh->program));
    // Another module's path, or one byte more, and the module is not taken.
    ast::Program unused;
    CHECK_FALSE(set.take(rel + "x", text, fresh->file, unused));
    CHECK_FALSE(set.take(rel, text + " ", fresh->file, unused));
    CHECK_FALSE(set.take(rel, text.substr(0, text.size() - 1), fresh->file, unused));
  }
}

TEST_CASE("every .infra of the repository is the same program after a write and a read", "[preparsed]") {
  size_t files = 0, broken = 0;
  for (const char* dir : {"examples", "stdlib", "tests"}) {
    for (const fs::path& f : infra_files(kRoot / dir)) {
      INFO(f.string());
      std::string text = read(f);
      // The compiler reads no file that is not UTF-8 (E0104): the parser never sees one.
      if (infrac::find_invalid_utf8(text) != std::string::npos) continue;
      // Files that do not parse too: what the parser recovered (Error nodes, missing
      // values) is a tree like any other.
      auto p = parse(f.string(), text);
      if (!p->ok) ++broken;
      std::string bytes = serialized(p->program);
      ast::Program back;
      REQUIRE(ast::read_program(bytes, p->file, back));
      CHECK(ast_difference(back, p->program) == "");
      CHECK(serialized(back) == bytes);
      // Read for another file, its spans say so.
      ast::Program moved;
      REQUIRE(ast::read_program(bytes, 7, moved));
      CHECK(moved.file == 7);
      if (!moved.decls.empty()) CHECK(moved.decls[0].span.file == 7);
      ++files;
    }
  }
  CHECK(files > 200);
  CHECK(broken > 10);  // the golden cases of syntax errors were among them
}

TEST_CASE("a span of another file or nesting past the limit is not written", "[preparsed]") {
  auto p = parse("a.infra", "let a = 1\n");
  REQUIRE(p->ok);
  p->program.decls[0].name_span.file = p->file + 1;
  std::string out;
  CHECK_FALSE(ast::write_program(p->program, out));

  ast::Program deep;
  deep.file = 0;
  ast::Decl& d = deep.decls.emplace_back();
  ast::ExprPtr* at = &d.value;
  for (int i = 0; i <= ast::kMaxSerialDepth; ++i) {
    *at = std::make_unique<ast::Expr>();
    (*at)->kind = ast::ExprKind::Unary;
    at = &(*at)->lhs;
  }
  out.clear();
  CHECK_FALSE(ast::write_program(deep, out));
  // Unwound by hand: the default destructor would recurse as deep.
  while (d.value) d.value = std::move(d.value->lhs);
}

TEST_CASE("bytes nested past the limit are refused before the reader's stack runs out", "[preparsed]") {
  // `let x = - - - ... null`, written byte by byte: a Let whose value is a chain of
  // Unary expressions, each with only its lhs (ast_serial_format.h).
  auto chain = [](int depth) {
    std::string b = {0, 1, 1, 8, 0, 0, 0};  // no doc, one decl: Let, its value, empty spans and name
    for (int i = 0; i < depth; ++i) b += {static_cast<char>(static_cast<int>(ast::ExprKind::Unary) + 1), 32, 0};
    b += {0, 0, 0};  // the last lhs is null; no trailing or unplaced comments
    return b;
  };
  ast::Program out;
  REQUIRE(ast::read_program(chain(100), 0, out));
  CHECK(out.decls.at(0).value->lhs->kind == ast::ExprKind::Unary);
  CHECK(ast::read_program(chain(ast::kMaxSerialDepth - 1), 0, out));
  CHECK_FALSE(ast::read_program(chain(ast::kMaxSerialDepth + 1), 0, out));
  CHECK_FALSE(ast::read_program(chain(1'000'000), 0, out));
}

TEST_CASE("a truncated or damaged program is refused, never misread into a crash", "[preparsed]") {
  auto p = parse("small.infra", small_module());
  REQUIRE(p->ok);
  std::string bytes = serialized(p->program);
  for (size_t n = 0; n < bytes.size(); ++n) {
    ast::Program out;
    INFO("truncated to " << n << " of " << bytes.size());
    CHECK_FALSE(ast::read_program(std::string_view(bytes).substr(0, n), p->file, out));
  }
  ast::Program out;
  CHECK_FALSE(ast::read_program(bytes + '\0', p->file, out));

  // Damaged bytes may still read as some program (a flipped letter of a name); what
  // matters is that reading ends, and, under the sanitizers, that it stays in bounds.
  std::mt19937 rng(11);
  size_t refused = 0;
  const int rounds = 4000;
  for (int i = 0; i < rounds; ++i) {
    std::string damaged = bytes;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < flips; ++k) {
      damaged[rng() % damaged.size()] ^= static_cast<char>(1 + rng() % 255);
    }
    if (rng() % 4 == 0) damaged.resize(rng() % damaged.size());
    ast::Program any;
    if (!ast::read_program(damaged, p->file, any)) ++refused;
  }
  CHECK(refused > rounds / 4);
}

TEST_CASE("a damaged blob is refused, or gives the program it held", "[preparsed]") {
  std::string source = small_module();
  auto p = parse("small.infra", source);
  REQUIRE(p->ok);
  auto other = parse("other.infra", "let a = [1, \"two\", { three = 3 }]\n");
  REQUIRE(other->ok);
  std::string blob;
  REQUIRE(syntax::write_preparsed({{"std/small.infra", source, &p->program},
                                   {"std/other.infra", "let a = [1, \"two\", { three = 3 }]\n", &other->program}},
                                  blob));
  {
    syntax::Preparsed set(blob);
    REQUIRE(set.valid());
    REQUIRE(set.modules().size() == 2);
    CHECK(set.modules()[0].path == "std/other.infra");  // written in path order
    ast::Program out;
    REQUIRE(set.take("std/small.infra", source, p->file, out));
    CHECK(ast_difference(out, p->program) == "");
  }
  // Any one byte changed: the header, the index, a path, a source or a program. The
  // checksum finds every one-byte change of a program, so nothing else can come out.
  for (size_t i = 0; i < blob.size(); ++i) {
    std::string damaged = blob;
    damaged[i] ^= static_cast<char>(0x5a);
    syntax::Preparsed set(damaged);
    ast::Program out;
    INFO("byte " << i << " of " << blob.size());
    if (set.take("std/small.infra", source, p->file, out)) CHECK(ast_difference(out, p->program) == "");
  }
  for (size_t n = 0; n < blob.size(); ++n) {
    syntax::Preparsed set(std::string_view(blob).substr(0, n));
    CHECK_FALSE(set.valid());
  }
  CHECK_FALSE(syntax::Preparsed(blob + '\0').valid());
  std::string twice;
  CHECK_FALSE(syntax::write_preparsed({{"std/a.infra", source, &p->program}, {"std/a.infra", source, &p->program}},
                                      twice));
}

TEST_CASE("the loader parses a stdlib module that was edited, and takes one that was not", "[preparsed]") {
  char dir_template[] = "/tmp/infrac-preparsed-XXXXXX";
  REQUIRE(::mkdtemp(dir_template) != nullptr);
  fs::path dir = dir_template;
  fs::copy(kRoot / "stdlib", dir / "stdlib", fs::copy_options::recursive);
  fs::path module = dir / "stdlib" / "std" / "iam" / "ssm_instance_role.infra";
  std::string original = read(module);
  std::ofstream(dir / "main.infra") << "import std.iam.ssm_instance_role\n";

  // The module instance's declarations, as the loader has them.
  auto load = [&](std::vector<std::string>& names, bool& ok) {
    SourceManager sm;
    infrac::diag::Engine diags;
    std::string main_text = read(dir / "main.infra");
    FileId root = sm.add((dir / "main.infra").string(), main_text);
    syntax::ParseResult r = syntax::parse(sm, root, diags);
    infrac::sema::Loader loader(sm, diags, {}, (dir / "stdlib").string());
    const infrac::sema::Unit* unit = loader.load_root(root, std::move(r.program));
    ok = loader.ok();
    names.clear();
    auto it = unit->imports.find("ssm_instance_role");
    REQUIRE(it != unit->imports.end());
    for (const ast::Decl& d : it->second->program.decls) names.push_back(d.name);
    REQUIRE(it->second->program.file == it->second->file);
  };
  std::vector<std::string> names;
  bool ok = false;
  load(names, ok);
  CHECK(ok);
  CHECK(std::find(names.begin(), names.end(), "edited") == names.end());

  std::ofstream(module, std::ios::binary) << original << "\nlet edited = 1\n";
  load(names, ok);
  CHECK(ok);
  CHECK(std::find(names.begin(), names.end(), "edited") != names.end());

  // The same length, one byte different: still parsed.
  std::string same_length = original;
  same_length.replace(same_length.find("param name"), 10, "param nome");
  std::ofstream(module, std::ios::binary) << same_length;
  load(names, ok);
  CHECK(std::find(names.begin(), names.end(), "nome") != names.end());

  std::ofstream(module, std::ios::binary) << original.substr(0, original.find("resource role")) << "resource {\n";
  load(names, ok);
  CHECK_FALSE(ok);  // the syntax error is the parser's, reported as ever

  fs::remove_all(dir);
}
