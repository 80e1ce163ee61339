#include "lsp/index.h"

#include <algorithm>

namespace infrac::lsp {

namespace {

Symbol of_decl(const ast::Decl& d, const sema::Unit* unit, SymbolKind kind) {
  Symbol s;
  s.name = d.name;
  s.kind = kind;
  s.name_span = d.name_span;
  s.decl_span = d.span;
  s.decl = &d;
  s.unit = unit;
  return s;
}

bool contains(Span s, FileId file, uint32_t offset) { return s.valid() && s.file == file && s.begin <= offset && offset <= s.end; }

}  // namespace

const char* symbol_kind_word(SymbolKind k) {
  switch (k) {
    case SymbolKind::Param: return "param";
    case SymbolKind::Let: return "let";
    case SymbolKind::Resource: return "resource";
    case SymbolKind::Module: return "module";
    case SymbolKind::Output: return "output";
    case SymbolKind::Import: return "import";
    case SymbolKind::LoopVar: return "loop variable";
    case SymbolKind::Assert: return "assert";
  }
  return "name";
}

Index::Index(const sema::Unit* root) {
  if (root != nullptr) index_unit(root);
}

int Index::add(Symbol s) {
  symbols_.push_back(std::move(s));
  return static_cast<int>(symbols_.size() - 1);
}

void Index::declare_all(const sema::Unit* unit, const std::vector<ast::Decl>& decls, std::vector<int>& into, bool in_loop) {
  for (const ast::Decl& d : decls) {
    // In a loop body only the resources and module instances are the file's (families);
    // its `let`s are the body's own.
    if (in_loop && (d.kind == ast::DeclKind::Param || d.kind == ast::DeclKind::Let)) continue;
    Symbol s = of_decl(d, unit, SymbolKind::Let);
    switch (d.kind) {
      case ast::DeclKind::Param: s.kind = SymbolKind::Param; break;
      case ast::DeclKind::Let: s.kind = SymbolKind::Let; break;
      case ast::DeclKind::Resource: s.kind = SymbolKind::Resource; break;
      case ast::DeclKind::Module: {
        s.kind = SymbolKind::Module;
        auto it = unit->imports.find(d.module);
        if (it != unit->imports.end()) s.module = it->second;
        break;
      }
      case ast::DeclKind::If:
        declare_all(unit, d.body, into, in_loop);
        declare_all(unit, d.else_body, into, in_loop);
        continue;
      case ast::DeclKind::For:
        declare_all(unit, d.body, into, true);
        continue;
      default: continue;  // outputs and imports have namespaces of their own; loops, below
    }
    if (!s.name.empty()) into.push_back(add(std::move(s)));
  }
}

void Index::index_unit(const sema::Unit* unit) {
  if (std::find(units_.begin(), units_.end(), unit) != units_.end()) return;
  units_.push_back(unit);
  auto scope = std::make_unique<Scope>();
  scope->file = unit->file;
  scope->begin = 0;
  scope->end = UINT32_MAX;
  declare_all(unit, unit->program.decls, scope->symbols, false);
  for (const ast::Decl& d : unit->program.decls) {
    Symbol s = of_decl(d, unit, SymbolKind::Output);
    if (d.kind == ast::DeclKind::Output) {
      s.kind = SymbolKind::Output;
    } else if (d.kind == ast::DeclKind::Import) {
      s.kind = SymbolKind::Import;
      auto it = unit->imports.find(d.name);
      if (it != unit->imports.end()) s.module = it->second;
    } else {
      continue;
    }
    if (!s.name.empty()) add(std::move(s));
  }
  const Scope* file_scope = scope.get();
  file_scopes_.emplace_back(unit, file_scope);
  scopes_.push_back(std::move(scope));
  for (const auto& [name, imported] : unit->imports) {
    if (imported != nullptr) index_unit(imported);
  }
  walk_decls(unit, unit->program.decls, {file_scope});
}

int Index::find_in_unit(const sema::Unit* unit, const std::string& name, SymbolKind kind) const {
  for (size_t i = 0; i < symbols_.size(); ++i) {
    const Symbol& s = symbols_[i];
    if (s.unit == unit && s.kind == kind && s.name == name && s.parent == -1) return static_cast<int>(i);
  }
  return -1;
}

int Index::lookup(const std::vector<const Scope*>& scopes, const std::string& name) const {
  for (size_t k = scopes.size(); k-- > 0;) {
    for (int s : scopes[k]->symbols) {
      if (symbols_[s].name == name) return s;
    }
  }
  return -1;
}

void Index::walk_entries(const sema::Unit* unit, const std::vector<ast::Entry>& entries, std::vector<const Scope*>& scopes) {
  for (const ast::Entry& e : entries) walk_expr(unit, e.value.get(), scopes);
}

void Index::walk_properties(const sema::Unit* unit, const std::string& type, const std::vector<ast::Entry>& entries,
                            std::vector<std::string>& path, std::vector<const Scope*>& scopes) {
  for (const ast::Entry& e : entries) {
    path.push_back(e.key);
    keys_.push_back({e.key_span, type, path});
    if (e.value && e.value->kind == ast::ExprKind::Object) {
      walk_properties(unit, type, e.value->entries, path, scopes);
    } else {
      walk_expr(unit, e.value.get(), scopes);
    }
    path.pop_back();
  }
}

void Index::walk_decls(const sema::Unit* unit, const std::vector<ast::Decl>& decls, std::vector<const Scope*> scopes) {
  for (const ast::Decl& d : decls) {
    for (const ast::Annotation& a : d.annotations) {
      for (const auto& arg : a.args) walk_expr(unit, arg.get(), scopes);
    }
    walk_expr(unit, d.key.get(), scopes);
    switch (d.kind) {
      case ast::DeclKind::Param: case ast::DeclKind::Let: case ast::DeclKind::Output:
        walk_expr(unit, d.value.get(), scopes);
        break;
      case ast::DeclKind::Assert:
        walk_expr(unit, d.value.get(), scopes);
        walk_expr(unit, d.message.get(), scopes);
        break;
      case ast::DeclKind::Resource: {
        std::vector<std::string> path;
        walk_properties(unit, d.resource_type, d.properties, path, scopes);
        break;
      }
      case ast::DeclKind::Template: walk_entries(unit, d.properties, scopes); break;
      case ast::DeclKind::Module: {
        auto imp = unit->import_decls.find(d.module);
        if (imp != unit->import_decls.end()) {
          for (size_t i = 0; i < symbols_.size(); ++i) {
            if (symbols_[i].decl == imp->second) uses_.push_back({d.module_span, static_cast<int>(i)});
          }
        }
        auto mod = unit->imports.find(d.module);
        for (const ast::Entry& e : d.properties) {
          if (mod != unit->imports.end() && mod->second != nullptr) {
            int p = find_in_unit(mod->second, e.key, SymbolKind::Param);
            if (p >= 0) uses_.push_back({e.key_span, p});
          }
          walk_expr(unit, e.value.get(), scopes);
        }
        break;
      }
      case ast::DeclKind::If:
        walk_expr(unit, d.value.get(), scopes);
        walk_decls(unit, d.body, scopes);
        walk_decls(unit, d.else_body, scopes);
        break;
      case ast::DeclKind::For: {
        walk_expr(unit, d.value.get(), scopes);
        auto scope = std::make_unique<Scope>();
        scope->file = unit->file;
        scope->begin = d.span.begin;
        scope->end = d.span.end;
        Symbol var;
        var.kind = SymbolKind::LoopVar;
        var.decl = &d;
        var.unit = unit;
        var.decl_span = d.span;
        if (!d.index_name.empty()) {
          var.name = d.index_name;
          var.name_span = d.index_span;
          scope->symbols.push_back(add(var));
        }
        var.name = d.name;
        var.name_span = d.name_span;
        int loop = add(var);
        scope->symbols.push_back(loop);
        for (const ast::Decl& b : d.body) {
          if (b.kind != ast::DeclKind::Let) continue;
          Symbol s = of_decl(b, unit, SymbolKind::Let);
          s.parent = loop;
          scope->symbols.push_back(add(std::move(s)));
        }
        // The body's resources and modules are the file's (declare_all).
        const Scope* inner = scope.get();
        scopes_.push_back(std::move(scope));
        auto with = scopes;
        with.push_back(inner);
        walk_decls(unit, d.body, with);
        break;
      }
      case ast::DeclKind::Import: break;
    }
  }
}

void Index::walk_expr(const sema::Unit* unit, const ast::Expr* e, std::vector<const Scope*>& scopes) {
  if (e == nullptr) return;
  switch (e->kind) {
    case ast::ExprKind::Name: {
      int s = lookup(scopes, e->text);
      if (s >= 0) uses_.push_back({e->span, s});
      return;
    }
    case ast::ExprKind::Member: {
      walk_expr(unit, e->lhs.get(), scopes);
      const ast::Expr* base = e->lhs.get();
      if (base != nullptr && base->kind == ast::ExprKind::Index) base = base->lhs.get();
      if (base != nullptr && base->kind == ast::ExprKind::Name) {
        int s = lookup(scopes, base->text);
        if (s >= 0 && symbols_[s].kind == SymbolKind::Module && symbols_[s].module != nullptr) {
          int out = find_in_unit(symbols_[s].module, e->text, SymbolKind::Output);
          if (out >= 0) uses_.push_back({e->name_span, out});
        }
      }
      return;
    }
    case ast::ExprKind::ListFor: case ast::ExprKind::ObjectFor: {
      walk_expr(unit, e->lhs.get(), scopes);
      auto scope = std::make_unique<Scope>();
      scope->file = unit->file;
      scope->begin = e->span.begin;
      scope->end = e->span.end;
      Symbol var;
      var.kind = SymbolKind::LoopVar;
      var.unit = unit;
      var.decl_span = e->span;
      if (!e->rare().index_name.empty()) {
        var.name = e->rare().index_name;
        var.name_span = e->rare().index_span;
        scope->symbols.push_back(add(var));
      }
      var.name = e->text;
      var.name_span = e->name_span;
      scope->symbols.push_back(add(var));
      scopes.push_back(scope.get());
      scopes_.push_back(std::move(scope));
      walk_expr(unit, e->rare().key.get(), scopes);
      walk_expr(unit, e->rhs.get(), scopes);
      walk_expr(unit, e->rare().third.get(), scopes);
      scopes.pop_back();
      return;
    }
    default: break;
  }
  for (const ast::StringPart& p : e->parts) walk_expr(unit, p.expr.get(), scopes);
  for (const auto& item : e->items) walk_expr(unit, item.get(), scopes);
  walk_entries(unit, e->entries, scopes);
  walk_expr(unit, e->lhs.get(), scopes);
  walk_expr(unit, e->rhs.get(), scopes);
  walk_expr(unit, e->rare().third.get(), scopes);
}

int Index::symbol_at(FileId file, uint32_t offset) const {
  for (const Use& u : uses_) {
    if (contains(u.span, file, offset)) return u.symbol;
  }
  for (size_t i = 0; i < symbols_.size(); ++i) {
    if (contains(symbols_[i].name_span, file, offset)) return static_cast<int>(i);
  }
  return -1;
}

const PropertyKey* Index::property_key_at(FileId file, uint32_t offset) const {
  for (const PropertyKey& k : keys_) {
    if (contains(k.span, file, offset)) return &k;
  }
  return nullptr;
}

std::vector<Span> Index::uses_of(int s) const {
  std::vector<Span> out;
  for (const Use& u : uses_) {
    if (u.symbol == s) out.push_back(u.span);
  }
  return out;
}

std::vector<int> Index::visible(FileId file, uint32_t offset) const {
  std::vector<const Scope*> around;
  for (const auto& sc : scopes_) {
    if (sc->file == file && sc->begin <= offset && offset <= sc->end) around.push_back(sc.get());
  }
  std::sort(around.begin(), around.end(), [](const Scope* a, const Scope* b) { return a->end - a->begin < b->end - b->begin; });
  std::vector<int> out;
  for (const Scope* sc : around) out.insert(out.end(), sc->symbols.begin(), sc->symbols.end());
  return out;
}

std::vector<int> Index::of_unit(const sema::Unit* unit) const {
  std::vector<int> out;
  for (size_t i = 0; i < symbols_.size(); ++i) {
    if (symbols_[i].unit == unit && symbols_[i].parent == -1 && symbols_[i].kind != SymbolKind::LoopVar) {
      out.push_back(static_cast<int>(i));
    }
  }
  return out;
}

}  // namespace infrac::lsp
