// The names of a checked program and where each is used: what go-to-definition, find
// references, rename, hover and document symbols answer from. Built from the syntax
// trees of the root file and of every file it imports (sema::Unit), so it holds for a
// file with syntax errors too (its tree is what the parser recovered).
//
// Scopes follow docs/language.md, "Names and order": a file's parameters, values,
// resources and module instances; a loop body's variables and `let`s; a comprehension's
// variables; a file's imports (module names); a file's outputs. `m.x` of a module
// instance `m` uses output `x` of its module's file; an input given in `module m = v {
// x = ... }` uses parameter `x` of that file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/source.h"
#include "sema/loader.h"
#include "syntax/ast.h"

namespace infrac::lsp {

enum class SymbolKind { Param, Let, Resource, Module, Output, Import, LoopVar, Assert };

struct Symbol {
  std::string name;
  SymbolKind kind = SymbolKind::Let;
  Span name_span;
  Span decl_span;                     // the whole declaration (or the loop or comprehension)
  const ast::Decl* decl = nullptr;    // null for a comprehension's variable
  const sema::Unit* unit = nullptr;   // the file declaring it
  const sema::Unit* module = nullptr; // Import and Module: the module's file (null when not found)
  int parent = -1;                    // the loop it belongs to, as an index into symbols
};

struct Use {
  Span span;   // the name as written
  int symbol;  // index into Index::symbols
};

// A resource property's key, with the type of the resource and the path to it.
struct PropertyKey {
  Span span;
  std::string resource_type;
  std::vector<std::string> path;  // `Tags`, or `LoggingConfiguration`, `DestinationBucketName`
};

class Index {
 public:
  // Indexes `root` and the files it imports, transitively.
  explicit Index(const sema::Unit* root);

  const std::vector<Symbol>& symbols() const { return symbols_; }
  const std::vector<Use>& uses() const { return uses_; }
  const std::vector<PropertyKey>& property_keys() const { return keys_; }

  // The symbol declared or used at `offset` of `file`, or -1.
  int symbol_at(FileId file, uint32_t offset) const;
  const PropertyKey* property_key_at(FileId file, uint32_t offset) const;
  // Every use of symbol `s` (not its declaration).
  std::vector<Span> uses_of(int s) const;
  // The symbols a name at `offset` of `file` could name (the scopes around it, innermost
  // first, file scope last).
  std::vector<int> visible(FileId file, uint32_t offset) const;
  // The file-scope symbols of a unit (params, lets, resources, modules), its outputs and
  // its imports.
  std::vector<int> of_unit(const sema::Unit* unit) const;

 private:
  struct Scope {
    FileId file;
    uint32_t begin, end;
    std::vector<int> symbols;
  };
  void index_unit(const sema::Unit* unit);
  void declare_all(const sema::Unit* unit, const std::vector<ast::Decl>& decls, std::vector<int>& into, bool in_loop);
  void walk_decls(const sema::Unit* unit, const std::vector<ast::Decl>& decls, std::vector<const Scope*> scopes);
  void walk_expr(const sema::Unit* unit, const ast::Expr* e, std::vector<const Scope*>& scopes);
  void walk_entries(const sema::Unit* unit, const std::vector<ast::Entry>& entries, std::vector<const Scope*>& scopes);
  void walk_properties(const sema::Unit* unit, const std::string& type, const std::vector<ast::Entry>& entries,
                       std::vector<std::string>& path, std::vector<const Scope*>& scopes);
  int lookup(const std::vector<const Scope*>& scopes, const std::string& name) const;
  int find_in_unit(const sema::Unit* unit, const std::string& name, SymbolKind kind) const;
  int add(Symbol s);

  std::vector<Symbol> symbols_;
  std::vector<Use> uses_;
  std::vector<PropertyKey> keys_;
  std::vector<std::unique_ptr<Scope>> scopes_;
  std::vector<const sema::Unit*> units_;
  std::vector<std::pair<const sema::Unit*, const Scope*>> file_scopes_;
};

const char* symbol_kind_word(SymbolKind k);

}  // namespace infrac::lsp
