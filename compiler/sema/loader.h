// Module loading: takes the root file's AST and gives every file it imports, each parsed
// once per build, with its imports resolved. Resolution order: relative to the importing
// file, then each search directory (-I, then INFRA_PATH), then the stdlib that ships
// with the compiler. Import cycles, paths that escape their search root and chains of
// imports longer than kMaxModuleDepth are errors.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "syntax/ast.h"

namespace infrac::sema {

// The longest chain of imports from the root file (a file importing a file importing ...),
// counted in imports (E0429). A module instance is made only of a module its file imports,
// so module instances nest no deeper.
inline constexpr int kMaxModuleDepth = 16;

struct Unit {
  FileId file = kNoFile;
  ast::Program program;
  std::string path;  // canonical
  std::string root;  // the search root it was found under
  bool library = false;  // found in the standard library: not the user's to edit
  std::map<std::string, const Unit*, std::less<>> imports;         // name -> module
  std::map<std::string, const ast::Decl*, std::less<>> import_decls;  // name -> its import
  bool ok = true;  // parsed without error
};

class Loader {
 public:
  Loader(SourceManager& sm, diag::Engine& diags, std::vector<std::string> search_dirs, std::string stdlib_dir);
  ~Loader();

  // Registers the already parsed root file and loads what it imports, transitively.
  // `project_root`, when not empty, is the project's directory (it must hold the root
  // file); by default it is the root file's directory. Relative imports and `file()`
  // stay inside it.
  const Unit* load_root(FileId file, ast::Program program, const std::string& project_root = "");
  // True when every file parsed and every import resolved.
  bool ok() const { return ok_; }
  // The files found through a search directory or in the stdlib, outside the project:
  // not the user's to change.
  std::vector<FileId> library_files() const;

 private:
  const Unit* load_file(const std::string& canonical, const std::string& root, const ast::Decl& from);
  void resolve_imports(Unit& unit);
  // Whether importing `path`, whose own chain is `below` imports long, from the end of
  // loading_ nests too deep; reports it once.
  bool too_deep(const std::string& path, int below, const ast::Decl& from);
  std::string display_path(const std::string& path) const;
  // The file an import names; `tried` gets each place looked at (canonical), and whether
  // it is the stdlib's.
  std::string find(const Unit& importer, const ast::Decl& d, std::string& root,
                   std::vector<std::pair<std::string, bool>>& tried);

  SourceManager& sm_;
  diag::Engine& diags_;
  std::vector<std::string> search_dirs_;
  std::string stdlib_dir_;
  mutable std::optional<std::pair<std::string, std::string>> display_dirs_;  // display_path's
  std::string project_root_;  // the root file's search root
  std::map<std::string, std::unique_ptr<Unit>> units_;  // by canonical path
  std::vector<std::string> loading_;                    // the chain being loaded, for cycles
  // For each loaded file, by canonical path: its longest chain of imports, as the file it
  // imports first in that chain and the chain's length.
  std::map<std::string, std::pair<std::string, int>> longest_;
  bool reported_too_deep_ = false;
  bool ok_ = true;
};

// The canonical form of `path` (symbolic links resolved as far as the path exists).
std::string canonical_path(const std::string& path);
// True when canonical `path` is `root` or lies under it.
bool path_inside(const std::string& path, const std::string& root);

// The stdlib directory that ships with the compiler: beside the installed binary
// (<prefix>/share/infrac/stdlib) or, in a build tree, the source tree's stdlib/.
std::string default_stdlib_dir();

}  // namespace infrac::sema
