#include "sema/loader.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <unordered_map>

#include "base/files.h"
#include "sema/chain.h"
#include "sema/embedded_stdlib.h"
#include "syntax/parser.h"

namespace infrac::sema {

namespace fs = std::filesystem;

namespace {

constexpr size_t kMaxModuleBytes = 8u << 20;

// fs::absolute without the exception it throws when the working directory is gone.
fs::path absolute_path(const fs::path& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec);
  return ec ? p : a;
}

// weakly_canonical reads every component of a path (a readlink each): a build asks for the
// same directories over and over (the stdlib's, the root's, each import's candidates), so
// each path is resolved once per process.
std::string canonical_path(const fs::path& p) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::string> resolved;
  std::lock_guard<std::mutex> lock(mutex);
  auto [it, fresh] = resolved.try_emplace(p.string());
  if (fresh) {
    std::error_code ec;
    fs::path c = fs::weakly_canonical(p, ec);
    it->second = (ec ? p.lexically_normal() : c).string();
  }
  return it->second;
}

bool inside(const std::string& path, const std::string& root) {
  std::string r = root;
  if (!r.empty() && r.back() != '/') r += '/';
  return path.rfind(r, 0) == 0;
}

// The program of stdlib module `path` (canonical, under the stdlib directory `lib`) from
// the blob the build parsed, when `text`, the file as read now, is byte for byte the
// source it was parsed from: an edited, added or replaced module is parsed.
bool take_preparsed(const std::string& path, const std::string& lib, const std::string& text, FileId file,
                    ast::Program& out) {
  std::string_view rel(path);
  rel.remove_prefix(lib.size());
  if (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
  return embedded_stdlib().take(rel, text, file, out);
}

}  // namespace

const syntax::Preparsed& embedded_stdlib() {
  static const syntax::Preparsed set(embedded_stdlib_blob());
  return set;
}

std::string canonical_path(const std::string& path) { return canonical_path(absolute_path(path)); }

bool path_inside(const std::string& path, const std::string& root) { return path == root || inside(path, root); }

// How diagnostics name a module file: relative to the stdlib for its modules, to the
// working directory for files under it, and in full otherwise.
std::string Loader::display_path(const std::string& path) const {
  if (!display_dirs_) {  // the stdlib's and the working directory, resolved once
    std::error_code ec;
    fs::path cwd = fs::current_path(ec);
    display_dirs_.emplace(stdlib_dir_.empty() ? "" : canonical_path(stdlib_dir_), ec ? "" : canonical_path(cwd));
  }
  const auto& [lib, cwd] = *display_dirs_;
  if (!lib.empty() && inside(path, lib)) return path.substr(lib.size() + (lib.back() == '/' ? 0 : 1));
  if (!cwd.empty() && inside(path, cwd)) return path.substr(cwd.size() + (cwd.back() == '/' ? 0 : 1));
  return path;
}

std::string default_stdlib_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "share" / "infrac" / "stdlib";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
#ifdef INFRAC_SOURCE_STDLIB
  return INFRAC_SOURCE_STDLIB;
#else
  return "";
#endif
}

Loader::Loader(SourceManager& sm, diag::Engine& diags, std::vector<std::string> search_dirs, std::string stdlib_dir)
    : sm_(sm), diags_(diags), search_dirs_(std::move(search_dirs)), stdlib_dir_(std::move(stdlib_dir)) {
  if (const char* env = std::getenv("INFRA_PATH")) {
    std::string all = env;
    size_t start = 0;
    while (start <= all.size()) {
      size_t colon = all.find(':', start);
      std::string dir = all.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
      if (!dir.empty()) search_dirs_.push_back(dir);
      if (colon == std::string::npos) break;
      start = colon + 1;
    }
  }
}

Loader::~Loader() = default;

std::vector<FileId> Loader::library_files() const {
  std::vector<FileId> out;
  for (const auto& [path, unit] : units_) {
    if (unit->root != project_root_) out.push_back(unit->file);
  }
  return out;
}

const Unit* Loader::load_root(FileId file, ast::Program program, const std::string& project_root) {
  auto unit = std::make_unique<Unit>();
  unit->file = file;
  unit->program = std::move(program);
  unit->path = canonical_path(absolute_path(sm_.file(file).path()));
  unit->root = project_root.empty() ? fs::path(unit->path).parent_path().string() : canonical_path(project_root);
  project_root_ = unit->root;
  Unit* u = unit.get();
  units_[u->path] = std::move(unit);
  loading_.push_back(u->path);
  resolve_imports(*u);
  loading_.pop_back();
  return u;
}

std::string Loader::find(const Unit& importer, const ast::Decl& d, std::string& root,
                         std::vector<std::pair<std::string, bool>>& tried) {
  fs::path here = fs::path(importer.path).parent_path();
  std::error_code ec;
  if (d.import_is_file) {
    fs::path p = fs::path(d.import_path).is_absolute() ? fs::path(d.import_path) : here / d.import_path;
    root = importer.root;
    std::string c = canonical_path(p);
    tried.emplace_back(c, false);
    return fs::is_regular_file(c, ec) ? c : "";
  }
  std::string rel;
  for (char ch : d.import_path) rel += ch == '.' ? '/' : ch;
  rel += ".infra";
  std::vector<std::pair<fs::path, std::string>> candidates;
  candidates.emplace_back(here / rel, importer.root);
  for (const auto& dir : search_dirs_) candidates.emplace_back(fs::path(dir) / rel, canonical_path(absolute_path(dir)));
  if (!stdlib_dir_.empty()) candidates.emplace_back(fs::path(stdlib_dir_) / rel, canonical_path(stdlib_dir_));
  for (size_t i = 0; i < candidates.size(); ++i) {
    const auto& [p, r] = candidates[i];
    std::string c = canonical_path(absolute_path(p));
    bool in_stdlib = !stdlib_dir_.empty() && i + 1 == candidates.size();
    tried.emplace_back(c, in_stdlib);
    if (fs::is_regular_file(c, ec)) {
      root = r;
      return c;
    }
  }
  return "";
}

void Loader::resolve_imports(Unit& unit) {
  for (const ast::Decl& d : unit.program.decls) {
    if (d.kind != ast::DeclKind::Import) continue;
    if (auto it = unit.import_decls.find(d.name); it != unit.import_decls.end()) {
      diags_.report(diag::Kind::DuplicateName, d.name_span, {d.name})
          .note(it->second->name_span, "first imported here")
          .help("import one of them `as` another name");
      ok_ = false;
      continue;
    }
    unit.import_decls[d.name] = &d;
    std::string root;
    std::vector<std::pair<std::string, bool>> tried;  // canonical paths, and whether in the stdlib
    std::string path = find(unit, d, root, tried);
    if (path.empty()) {
      auto b = diags_.report(diag::Kind::ImportNotFound, d.name_span, {d.import_path});
      std::string list;
      for (const auto& [at, in_stdlib] : tried) list += "\n      " + display_path(at) + (in_stdlib ? " (in the stdlib)" : "");
      b.note("looked for" + list);
      if (!d.import_is_file) b.help("add the directory that holds it with `-I DIR` or INFRA_PATH");
      ok_ = false;
      continue;
    }
    if (!inside(path, root)) {
      std::string shown = display_path(root + "/x");
      shown = shown.size() > 2 ? shown.substr(0, shown.size() - 2) : std::string(".");
      diags_.report(diag::Kind::ImportEscapes, d.name_span, {d.import_path, "`" + shown + "`"})
          .help("import it by name through a search directory (`-I`) instead of a path that leaves this one");
      ok_ = false;
      continue;
    }
    const Unit* target = load_file(path, root, d);
    if (target != nullptr) unit.imports[d.name] = target;
  }
}

const Unit* Loader::load_file(const std::string& path, const std::string& root, const ast::Decl& from) {
  if (auto it = std::find(loading_.begin(), loading_.end(), path); it != loading_.end()) {
    std::vector<std::string> names;
    for (auto i = it; i != loading_.end(); ++i) names.push_back(fs::path(*i).filename().string());
    names.push_back(fs::path(path).filename().string());
    diags_.report(diag::Kind::ImportCycle, from.name_span, {chain_text(names)})
        .help("move what both need into a third module that neither imports back");
    ok_ = false;
    return nullptr;
  }
  if (auto it = units_.find(path); it != units_.end()) {
    if (too_deep(path, longest_[path].second, from)) return nullptr;
    return it->second.get();
  }
  if (too_deep(path, 0, from)) return nullptr;
  std::string text, why;
  size_t size = 0;
  ReadStatus st = read_file(path, kMaxModuleBytes, text, size, why);
  if (st != ReadStatus::Ok || find_invalid_utf8(text) != std::string::npos) {
    std::string reason = st == ReadStatus::TooLarge ? "it is larger than 8 MiB"
                         : st == ReadStatus::Ok     ? "it is not valid UTF-8"
                                                    : (why.empty() ? "it is not a readable file" : why);
    diags_.report(diag::Kind::FileUnreadable, from.name_span, {path, reason});
    ok_ = false;
    return nullptr;
  }
  // The file is read even when its program is embedded: the comparison needs its bytes,
  // and diagnostics in it show its lines.
  FileId file = sm_.add(display_path(path), std::move(text));
  auto unit = std::make_unique<Unit>();
  unit->file = file;
  unit->path = path;
  unit->root = root;
  unit->library = !stdlib_dir_.empty() && root == canonical_path(stdlib_dir_);
  // An embedded module parsed without a diagnostic when the compiler was built, so it
  // has none to report now.
  if (!unit->library || !take_preparsed(path, root, sm_.file(file).text(), file, unit->program)) {
    syntax::ParseResult parsed = syntax::parse(sm_, file, diags_);
    unit->program = std::move(parsed.program);
    unit->ok = parsed.ok;
    if (!parsed.ok) ok_ = false;
  }
  Unit* u = unit.get();
  units_[path] = std::move(unit);
  loading_.push_back(path);
  resolve_imports(*u);
  loading_.pop_back();
  auto& longest = longest_[path];
  for (const auto& [name, imported] : u->imports) {
    int length = longest_[imported->path].second + 1;
    if (length > longest.second) longest = {imported->path, length};
  }
  return u;
}

bool Loader::too_deep(const std::string& path, int below, const ast::Decl& from) {
  if (static_cast<int>(loading_.size()) + below <= kMaxModuleDepth) return false;
  ok_ = false;
  if (reported_too_deep_) return true;  // the same chain, reached another way
  reported_too_deep_ = true;
  std::vector<std::string> names;
  for (const auto& p : loading_) names.push_back(fs::path(p).filename().string());
  for (std::string p = path; !p.empty(); p = longest_[p].first) names.push_back(fs::path(p).filename().string());
  diags_.report(diag::Kind::ModulesTooDeep, from.name_span, {std::to_string(kMaxModuleDepth), chain_text(names)})
      .help("flatten the chain: let fewer modules import modules of their own");
  return true;
}

}  // namespace infrac::sema
