// The formatter on every .infra of the repository (examples/, stdlib/, tests/; hidden
// directories are not entered), but those tests/fmt/skip.txt lists:
//   - fmt succeeds, and is idempotent: format(format(x)) == format(x);
//   - it preserves meaning: the structural dump (syntax/ast_dump.h, no spans, no layout)
//     of the formatted text equals the original's, and so does the number of comments;
//   - where the original builds, the formatted text builds to byte-identical YAML and JSON.
// Every file skip.txt lists must exist and must fail to parse (else it need not be skipped).
//
//   fmt_repo REPOSITORY_ROOT
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "driver/driver.h"
#include "driver/format.h"
#include "syntax/ast_dump.h"
#include "syntax/parser.h"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// skip.txt: one repository-relative path a line; `#` starts a comment.
std::set<std::string> read_skips(const fs::path& file) {
  std::set<std::string> out;
  std::istringstream in(read(file));
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
    if (!line.empty()) out.insert(line);
  }
  return out;
}

size_t comment_count(const infrac::ast::Program& p);

struct Parsed {
  bool ok = false;
  std::string dump;
  size_t comments = 0;
};

// Counts every comment the tree holds, wherever it is attached.
struct Counter {
  size_t n = 0;
  void expr(const infrac::ast::Expr& e) {
    n += e.rare().leading.size() + e.rare().trailing.size() + e.rare().closing.size();
    for (const auto& p : e.parts) {
      if (p.expr) expr(*p.expr);
    }
    for (const auto& i : e.items) expr(*i);
    for (const auto& en : e.entries) entry(en);
    for (const infrac::ast::Expr* c : {e.lhs.get(), e.rhs.get(), e.rare().third.get()}) {
      if (c) expr(*c);
    }
  }
  void entry(const infrac::ast::Entry& en) {
    n += en.comments().leading.size() + en.comments().trailing.size();
    expr(*en.value);
  }
  void decl(const infrac::ast::Decl& d) {
    n += d.leading.size() + d.keyword.size() + d.trailing.size() + d.closing.size() + d.else_closing.size();
    for (const auto& a : d.annotations) {
      n += a.leading.size() + a.trailing.size();
      for (const auto& x : a.args) expr(*x);
    }
    for (const auto* x : {d.value.get(), d.key.get(), d.message.get()}) {
      if (x) expr(*x);
    }
    for (const auto& en : d.properties) entry(en);
    for (const auto& b : d.body) decl(b);
    for (const auto& b : d.else_body) decl(b);
  }
};

size_t comment_count(const infrac::ast::Program& p) {
  Counter c;
  for (const auto& d : p.decls) c.decl(d);
  return c.n + p.trailing.size() + p.unplaced.size();
}

Parsed parse(const std::string& path, const std::string& text) {
  infrac::SourceManager sm;
  infrac::FileId f = sm.add(path, text);
  infrac::diag::Engine diags;
  auto r = infrac::syntax::parse(sm, f, diags);
  return {r.ok, infrac::ast::dump(r.program), comment_count(r.program)};
}

// Builds as the README builds the examples: `import a.b` also looks in examples/shared.
std::string build(const std::string& path, std::optional<std::string> text, infrac::driver::Format format,
                  const fs::path& root) {
  infrac::driver::Options o;
  o.input = path;
  o.include_dirs = {(root / "examples/shared").string()};
  o.format = format;
  o.source = std::move(text);
  auto r = infrac::driver::compile(o);
  return r->ok() ? r->output : "";
}

struct Totals {
  int files = 0, built = 0, skipped = 0, failed = 0;
};

// Checks one file; returns an empty string or why it fails.
std::string check(const std::string& path) {
  std::string text = read(path);
  auto first = infrac::driver::format_source(path, text);
  if (!first->ok()) return "fmt refused it (list it in tests/fmt/skip.txt if its syntax must stay broken)";
  const std::string& once = first->output;
  auto second = infrac::driver::format_source(path, once);
  if (!second->ok()) return "its formatted text does not parse";
  if (second->output != once) return "not idempotent: formatting the formatted text changes it";
  Parsed a = parse(path, text), b = parse(path, once);
  if (a.dump != b.dump) return "the formatted text is another program:\n--- before\n" + a.dump + "--- after\n" + b.dump;
  if (a.comments != b.comments) {
    return "comments were lost: " + std::to_string(a.comments) + " before, " + std::to_string(b.comments) + " after";
  }
  return "";
}

struct Job {
  fs::path root;
  int status = 0;
};

void run(Job& job) {
  fs::path root = job.root;
  std::set<std::string> skips = read_skips(root / "tests/fmt/skip.txt");
  std::vector<std::string> files;
  for (const char* top : {"examples", "stdlib", "tests"}) {
    for (auto it = fs::recursive_directory_iterator(root / top); it != fs::recursive_directory_iterator(); ++it) {
      std::string leaf = it->path().filename().string();
      if (it->is_directory() && leaf[0] == '.') it.disable_recursion_pending();
      if (it->is_regular_file() && it->path().extension() == ".infra") {
        files.push_back(fs::relative(it->path(), root).string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  Totals t;
  for (const std::string& s : skips) {
    bool dir = !s.empty() && s.back() == '/';
    bool listed = dir ? fs::is_directory(root / s) : std::find(files.begin(), files.end(), s) != files.end();
    if (!listed) {
      std::cout << "FAIL skip.txt lists " << s << ", which is not a .infra file or folder of the repository\n";
      ++t.failed;
    }
  }
  for (const std::string& rel : files) {
    fs::current_path(root / fs::path(rel).parent_path());
    std::string leaf = fs::path(rel).filename().string();
    bool skipped = skips.count(rel) > 0;
    for (const std::string& s : skips) skipped = skipped || (s.back() == '/' && rel.rfind(s, 0) == 0);
    if (skipped) {
      ++t.skipped;
      // A folder entry holds formatter inputs kept unformatted on purpose; a file entry a
      // broken syntax, which must still be broken.
      if (skips.count(rel) > 0 && infrac::driver::format_source(leaf)->ok()) {
        std::cout << "FAIL " << rel << ": listed in skip.txt, but it parses: format it and drop it from the list\n";
        ++t.failed;
      }
      continue;
    }
    ++t.files;
    std::string why = check(leaf);
    if (why.empty()) {
      std::string text = read(leaf);
      std::string once = infrac::driver::format_source(leaf, text)->output;
      for (auto f : {infrac::driver::Format::Yaml, infrac::driver::Format::Json}) {
        std::string before = build(leaf, text, f, root);
        if (before.empty()) break;
        if (build(leaf, once, f, root) != before) {
          why = "the formatted text builds another template";
          break;
        }
        if (f == infrac::driver::Format::Json) ++t.built;
      }
    }
    if (!why.empty()) {
      std::cout << "FAIL " << rel << ": " << why << "\n";
      ++t.failed;
    }
  }
  std::cout << "fmt_repo: " << t.files << " files formatted, idempotent and the same program; " << t.built
            << " of them build to identical templates; " << t.skipped << " skipped (tests/fmt/skip.txt); "
            << t.failed << " failed\n";
  job.status = t.failed == 0 && t.files > 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fmt_repo REPOSITORY_ROOT\n";
    return 2;
  }
  Job job{fs::absolute(argv[1])};
  infrac::driver::run_with_large_stack([](void* p) { run(*static_cast<Job*>(p)); }, &job);
  return job.status;
}
