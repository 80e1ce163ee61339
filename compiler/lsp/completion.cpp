// textDocument/completion. What is being typed is read from the tokens before the cursor
// (syntax/cursor.h), which hold in a half-typed file; what can go there comes from the
// catalog (types, properties, enum values, attributes), the index (names in scope, module
// inputs and outputs) and the stdlib (import paths, annotations).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "lsp/features.h"
#include "lsp/schema_text.h"
#include "sema/annotations.h"
#include "sema/loader.h"
#include "syntax/cursor.h"

namespace infrac::lsp {

namespace {

// LSP CompletionItemKind numbers.
enum ItemKind { kText = 1, kFunction = 3, kField = 5, kVariable = 6, kClass = 7, kModule = 9, kProperty = 10,
                kValue = 12, kEnum = 13, kKeyword = 14, kConstant = 21 };

constexpr size_t kMaxItems = 300;

struct Items {
  nlohmann::json list = nlohmann::json::array();
  bool incomplete = false;
  std::set<std::string> seen;
  void add(const std::string& label, int kind, const std::string& detail, const std::string& sort = "1",
           const std::string& insert = "") {
    if (!seen.insert(label).second) return;
    if (list.size() >= kMaxItems) {
      incomplete = true;
      return;
    }
    nlohmann::json item = {{"label", label}, {"kind", kind}, {"sortText", sort + label}};
    if (!detail.empty()) item["detail"] = detail;
    if (!insert.empty()) item["insertText"] = insert;
    list.push_back(std::move(item));
  }
};

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

void resource_types(Items& items, const std::string& prefix) {
  for (std::string_view t : catalog::Catalog::builtin().type_names()) {
    if (starts_with(std::string(t), prefix)) items.add(std::string(t), kClass, "resource type");
  }
}

void import_paths(const Analysis& a, Items& items, const std::vector<std::string>& include_dirs) {
  namespace fs = std::filesystem;
  std::vector<std::string> roots = include_dirs;
  roots.push_back(fs::path(a.path).parent_path().string());
  std::string stdlib = sema::default_stdlib_dir();
  if (!stdlib.empty()) roots.push_back(stdlib);
  for (size_t r = 0; r < roots.size(); ++r) {
    std::error_code ec;
    if (roots[r].empty()) continue;
    size_t listed = 0;
    for (auto it = fs::recursive_directory_iterator(roots[r], ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (++listed > 2000 || it.depth() > 4) break;  // a project's modules, not the whole disk
      if (!it->is_regular_file(ec) || it->path().extension() != ".infra") continue;
      if (fs::equivalent(it->path(), a.path, ec)) continue;
      std::string rel = fs::relative(it->path(), roots[r], ec).replace_extension().generic_string();
      if (rel.find('.') != std::string::npos) continue;  // not a dotted name
      std::replace(rel.begin(), rel.end(), '/', '.');
      items.add(rel, kModule, r + 1 == roots.size() && !stdlib.empty() ? "standard library" : roots[r]);
    }
  }
}

void annotations(Items& items) {
  for (const sema::AnnotationSpec& s : sema::annotation_specs()) {
    items.add(std::string(s.name), kFunction, std::string(s.usage), "1", std::string(s.name) + (s.args ? "(" : ""));
  }
}

void names_in_scope(const Analysis& a, uint32_t offset, Items& items) {
  if (!a.index) return;
  for (int s : a.index->visible(a.index_file, offset)) {
    const Symbol& sym = a.index->symbols()[s];
    int kind = sym.kind == SymbolKind::Resource ? kClass : sym.kind == SymbolKind::Module ? kModule
               : sym.kind == SymbolKind::Let ? kConstant : kVariable;
    std::string detail = symbol_kind_word(sym.kind);
    if (sym.decl && sym.kind == SymbolKind::Resource) detail += " " + sym.decl->resource_type;
    if (sym.decl && sym.kind == SymbolKind::Param) detail += ": " + ast::type_text(sym.decl->type);
    items.add(sym.name, kind, detail);
  }
}

// After `name.`: a resource's `id` and attributes, a module instance's outputs.
bool members(const Analysis& a, const syntax::CursorContext& cx, Items& items) {
  if (cx.word_begin == 0 || a.text[cx.word_begin - 1] != '.' || !a.index) return false;
  uint32_t end = cx.word_begin - 1;
  if (end > 0 && a.text[end - 1] == ']') {  // `web["a"].`: the family's name before the key
    int depth = 0;
    while (end > 0) {
      char c = a.text[--end];
      if (c == ']') ++depth;
      if (c == '[' && --depth == 0) break;
    }
  }
  uint32_t begin = end;
  while (begin > 0 && (std::isalnum(static_cast<unsigned char>(a.text[begin - 1])) || a.text[begin - 1] == '_')) --begin;
  std::string base = a.text.substr(begin, end - begin);
  for (int s : a.index->visible(a.index_file, begin)) {
    const Symbol& sym = a.index->symbols()[s];
    if (sym.name != base) continue;
    if (sym.kind == SymbolKind::Resource && sym.decl != nullptr) {
      items.add("id", kField, "the resource's Ref", "0");
      if (const catalog::ResourceType* t = catalog::Catalog::builtin().find(sym.decl->resource_type)) {
        for (const catalog::Attribute& at : t->attributes) items.add(at.name, kField, "Fn::GetAtt " + shape_type(at.shape()));
      }
    } else if (sym.kind == SymbolKind::Module && sym.module != nullptr) {
      for (int o : a.index->of_unit(sym.module)) {
        const Symbol& out = a.index->symbols()[o];
        if (out.kind == SymbolKind::Output) items.add(out.name, kField, "output of " + sym.decl->module);
      }
    }
    return true;
  }
  return true;  // after a `.`, names of the scope would be wrong
}

// The resource body (type and property path) or module body the cursor is in.
struct Body {
  enum { None, Resource, Module } kind = None;
  std::string type_or_module;
  std::vector<std::string> path;
};

Body body_at(const syntax::CursorContext& cx) {
  Body b;
  size_t start = cx.open.size();
  for (size_t i = cx.open.size(); i-- > 0;) {
    const auto& h = cx.open[i].head;
    if (cx.open[i].bracket != '{' || h.empty()) continue;
    if (h[0] == "resource" || h[0] == "module") {
      start = i;
      break;
    }
  }
  if (start == cx.open.size()) return b;
  const auto& h = cx.open[start].head;
  if (h[0] == "resource") {
    auto colon = std::find(h.begin(), h.end(), ":");
    if (colon == h.end() || colon + 1 == h.end()) return b;
    b.kind = Body::Resource;
    b.type_or_module = *(colon + 1);
  } else {
    auto eq = std::find(h.begin(), h.end(), "=");
    if (eq == h.end() || eq + 1 == h.end()) return b;
    b.kind = Body::Module;
    b.type_or_module = *(eq + 1);
  }
  for (size_t i = start + 1; i < cx.open.size(); ++i) {
    const auto& oh = cx.open[i].head;
    if (cx.open[i].bracket == '$' || cx.open[i].bracket == '(') return Body{};  // in an expression
    if (oh.size() >= 2 && oh.back() == "=") b.path.push_back(oh[oh.size() - 2]);
  }
  return b;
}

void property_names(const Body& b, Items& items) {
  const catalog::Shape* s = property_shape(b.type_or_module, b.path);
  while (s != nullptr && s->items != nullptr && s->properties.empty()) s = s->items;
  if (s == nullptr) return;
  for (const catalog::Property& p : s->properties) {
    bool required = s->is_required(p.name);
    items.add(p.name, kProperty, (required ? "required " : "") + shape_type(p.shape()), required ? "0" : "1", p.name + " = ");
  }
}

void enum_values(const Body& b, const std::string& key, Items& items) {
  std::vector<std::string> path = b.path;
  path.push_back(key);
  const catalog::Shape* s = property_shape(b.type_or_module, path);
  if (s == nullptr) return;
  for (const catalog::Scalar& v : s->enum_values) {
    std::string text = v.kind == catalog::kString ? "\"" + v.text + "\"" : v.text;
    items.add(text, kEnum, "allowed value", "0");
  }
}

void module_inputs(const Analysis& a, const Body& b, Items& items) {
  if (a.root() == nullptr || !a.index) return;
  auto it = a.root()->imports.find(b.type_or_module);
  if (it == a.root()->imports.end() || it->second == nullptr) return;
  for (int s : a.index->of_unit(it->second)) {
    const Symbol& p = a.index->symbols()[s];
    if (p.kind != SymbolKind::Param || p.decl == nullptr) continue;
    bool required = p.decl->value == nullptr;
    items.add(p.name, kProperty, (required ? "required " : "") + ast::type_text(p.decl->type), required ? "0" : "1",
              p.name + " = ");
  }
}

void keywords(Items& items) {
  for (const char* k : {"param", "let", "resource", "output", "import", "module", "assert", "for", "if", "template"}) {
    items.add(k, kKeyword, "declaration", "2");
  }
}

}  // namespace

nlohmann::json completion(const Analysis& a, const nlohmann::json& params) {
  Items items;
  uint32_t offset = a.offset(params.value("position", nlohmann::json::object()));
  syntax::CursorContext cx = syntax::cursor_context(a.text, offset);
  auto finish = [&] { return nlohmann::json{{"isIncomplete", items.incomplete}, {"items", items.list}}; };
  if (cx.where == syntax::CursorContext::Where::Comment) return finish();
  const std::vector<std::string>& line = cx.line;
  // `resource web: AWS::EC2::` : resource types.
  if (!line.empty() && line[0] == "resource" && std::find(line.begin(), line.end(), ":") != line.end() &&
      std::find(line.begin(), line.end(), "{") == line.end()) {
    resource_types(items, cx.word);
    return finish();
  }
  if (!line.empty() && line[0] == "import" && cx.where == syntax::CursorContext::Where::Code) {
    import_paths(a, items, {});
    return finish();
  }
  if (cx.where == syntax::CursorContext::Where::String) return finish();
  if (cx.word_begin > 0 && a.text[cx.word_begin - 1] == '@') {
    annotations(items);
    return finish();
  }
  if (members(a, cx, items)) return finish();
  Body b = body_at(cx);
  bool at_key = line.empty() || (line.size() == 1 && line[0] == cx.word);
  if (b.kind == Body::Resource && at_key) {
    property_names(b, items);
    return finish();
  }
  if (b.kind == Body::Module && at_key && b.path.empty()) {
    module_inputs(a, b, items);
    return finish();
  }
  if (b.kind == Body::Resource && line.size() >= 2 && line[1] == "=") enum_values(b, line[0], items);
  names_in_scope(a, offset, items);
  if (cx.open.empty() && at_key) keywords(items);
  return finish();
}

}  // namespace infrac::lsp
