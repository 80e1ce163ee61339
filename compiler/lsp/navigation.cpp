// Go to definition, find references, rename and the document's outline, from the index.
#include <algorithm>
#include <map>

#include "lsp/features.h"

namespace infrac::lsp {

namespace {

int symbol_under(const Analysis& a, const nlohmann::json& params) {
  if (!a.index || a.file == kNoFile) return -1;
  return a.index->symbol_at(a.index_file, a.offset(params.value("position", nlohmann::json::object())));
}

// Where a symbol is defined: its name, or for an import the module's file.
nlohmann::json definition_of(const Analysis& a, const Symbol& s) {
  if (s.kind == SymbolKind::Import && s.module != nullptr) {
    return {{"uri", a.uri_of(s.module->file)}, {"range", a.range(Span{s.module->file, 0, 0})}};
  }
  return a.location(s.name_span);
}

bool valid_name(const std::string& n) {
  if (n.empty() || !((n[0] >= 'a' && n[0] <= 'z') || (n[0] >= 'A' && n[0] <= 'Z') || n[0] == '_')) return false;
  for (char c : n) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  static const char* reserved[] = {"param", "let", "resource", "output", "import", "module", "assert", "for",
                                   "in", "if", "else", "as", "template", "true", "false", "null"};
  for (const char* r : reserved) {
    if (n == r) return false;
  }
  return true;
}

}  // namespace

nlohmann::json definition(const Analysis& a, const nlohmann::json& params) {
  int s = symbol_under(a, params);
  if (s < 0) return nullptr;
  return definition_of(a, a.index->symbols()[s]);
}

nlohmann::json references(const Analysis& a, const nlohmann::json& params) {
  int s = symbol_under(a, params);
  if (s < 0) return nullptr;
  nlohmann::json out = nlohmann::json::array();
  bool with_decl = params.value("context", nlohmann::json::object()).value("includeDeclaration", true);
  const Symbol& sym = a.index->symbols()[s];
  if (with_decl && sym.name_span.valid()) out.push_back(a.location(sym.name_span));
  for (Span u : a.index->uses_of(s)) out.push_back(a.location(u));
  return out;
}

nlohmann::json prepare_rename(const Analysis& a, const nlohmann::json& params) {
  if (!a.index || a.file == kNoFile) return nullptr;
  uint32_t at = a.offset(params.value("position", nlohmann::json::object()));
  int s = a.index->symbol_at(a.index_file, at);
  if (s < 0) return nullptr;
  const Symbol& sym = a.index->symbols()[s];
  if (sym.unit != nullptr && sym.unit->library) return nullptr;  // the stdlib is not the user's to edit
  // The name as written under the cursor: a use or the declaration.
  for (const Use& u : a.index->uses()) {
    if (u.symbol == s && u.span.file == a.index_file && u.span.begin <= at && at <= u.span.end) {
      return {{"range", a.range(u.span)}, {"placeholder", sym.name}};
    }
  }
  return {{"range", a.range(sym.name_span)}, {"placeholder", sym.name}};
}

nlohmann::json rename(const Analysis& a, const nlohmann::json& params, std::string& error) {
  int s = symbol_under(a, params);
  if (s < 0) {
    error = "there is no name here to rename";
    return nullptr;
  }
  const Symbol& sym = a.index->symbols()[s];
  std::string to = params.value("newName", "");
  if (!valid_name(to)) {
    error = "`" + to + "` is not a name: letters, digits and `_`, not starting with a digit, and not a keyword";
    return nullptr;
  }
  if (sym.unit != nullptr && sym.unit->library) {
    error = "`" + sym.name + "` is declared in the standard library, which is not yours to edit";
    return nullptr;
  }
  if (sym.kind == SymbolKind::Import && sym.decl != nullptr && !sym.decl->import_alias) {
    error = "an import's name is its module's file name: add `as " + to + "` to the import instead";
    return nullptr;
  }
  std::map<std::string, nlohmann::json> edits;
  auto edit = [&](Span sp) {
    if (!sp.valid()) return;
    edits[a.uri_of(sp.file)].push_back({{"range", a.range(sp)}, {"newText", to}});
  };
  edit(sym.name_span);
  for (Span u : a.index->uses_of(s)) edit(u);
  nlohmann::json changes = nlohmann::json::object();
  for (auto& [uri, list] : edits) changes[uri] = list;
  return {{"changes", changes}};
}

nlohmann::json document_symbols(const Analysis& a) {
  nlohmann::json out = nlohmann::json::array();
  if (!a.index || a.root() == nullptr) return out;
  // LSP SymbolKind numbers.
  auto kind_number = [](SymbolKind k) {
    switch (k) {
      case SymbolKind::Param: return 13;     // Variable
      case SymbolKind::Let: return 14;       // Constant
      case SymbolKind::Resource: return 5;   // Class
      case SymbolKind::Module: return 2;     // Module
      case SymbolKind::Output: return 8;     // Field
      case SymbolKind::Import: return 3;     // Namespace
      case SymbolKind::LoopVar: return 13;
      case SymbolKind::Assert: return 24;
    }
    return 13;
  };
  std::vector<int> list = a.index->of_unit(a.root());
  std::sort(list.begin(), list.end(), [&](int x, int y) {
    return a.index->symbols()[x].decl_span.begin < a.index->symbols()[y].decl_span.begin;
  });
  for (int i : list) {
    const Symbol& s = a.index->symbols()[i];
    if (!s.name_span.valid() || s.name_span.file != a.index_file) continue;
    nlohmann::json j = {{"name", s.name}, {"kind", kind_number(s.kind)}, {"range", a.range(Span::cover(s.decl_span, s.name_span))},
                        {"selectionRange", a.range(s.name_span)}};
    if (s.decl != nullptr && s.kind == SymbolKind::Resource) j["detail"] = s.decl->resource_type;
    if (s.decl != nullptr && s.kind == SymbolKind::Module) j["detail"] = s.decl->module;
    if (s.decl != nullptr && s.kind == SymbolKind::Param) j["detail"] = ast::type_text(s.decl->type);
    if (s.decl != nullptr && s.kind == SymbolKind::Import) j["detail"] = s.decl->import_path;
    if (s.kind == SymbolKind::Resource && s.decl != nullptr) {
      nlohmann::json children = nlohmann::json::array();
      for (const ast::Entry& e : s.decl->properties) {
        if (!e.key_span.valid()) continue;
        Span whole = e.value ? Span::cover(e.key_span, e.value->span) : e.key_span;
        children.push_back({{"name", e.key}, {"kind", 7}, {"range", a.range(whole)}, {"selectionRange", a.range(e.key_span)}});
      }
      if (!children.empty()) j["children"] = children;
    }
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace infrac::lsp
