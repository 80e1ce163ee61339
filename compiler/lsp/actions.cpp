// textDocument/codeAction: quick fixes for the diagnostics in the requested range. Three
// sources: the fixes diagnostics carry (diag::Fix: a did-you-mean, for instance); a
// missing required property of a resource, inserted with a placeholder of its type; and
// for a warning on a resource or module instance, an `@allow` of its code with a reason
// to fill in.
#include <string>

#include "lsp/features.h"
#include "lsp/schema_text.h"

namespace infrac::lsp {

namespace {

bool overlaps(Span s, uint32_t begin, uint32_t end) { return s.begin <= end && begin <= s.end; }

nlohmann::json edit_action(const Analysis& a, const std::string& title, const nlohmann::json& diag, Span span,
                           const std::string& text, bool preferred) {
  nlohmann::json edit = {{"range", a.range(span)}, {"newText", text}};
  nlohmann::json action = {{"title", title},
                           {"kind", "quickfix"},
                           {"diagnostics", nlohmann::json::array({diag})},
                           {"edit", {{"changes", {{a.uri_of(span.file), nlohmann::json::array({edit})}}}}}};
  if (preferred) action["isPreferred"] = true;
  return action;
}

// The indentation of the line holding `offset`.
std::string indent_at(const std::string& text, uint32_t offset) {
  uint32_t start = offset;
  while (start > 0 && text[start - 1] != '\n') --start;
  uint32_t i = start;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  return text.substr(start, i - start);
}

std::string placeholder(const catalog::Shape* s) {
  if (s == nullptr) return "\"\"";
  if (!s->enum_values.empty() && s->enum_values[0].kind == catalog::kString) return "\"" + s->enum_values[0].text + "\"";
  if (s->allows(catalog::kArray) && s->kinds != 0) return "[]";
  if (s->allows(catalog::kObject) && s->kinds != 0) return "{}";
  if (s->kinds == catalog::kBoolean) return "false";
  if (s->kinds == catalog::kInteger || s->kinds == catalog::kNumber) return "0";
  return "\"\"";
}

// The top-level declaration of the root file whose span holds `s`.
const ast::Decl* decl_around(const Analysis& a, Span s) {
  if (a.root() == nullptr) return nullptr;
  const ast::Decl* found = nullptr;
  std::vector<const std::vector<ast::Decl>*> todo{&a.root()->program.decls};
  while (!todo.empty()) {
    const auto* decls = todo.back();
    todo.pop_back();
    for (const ast::Decl& d : *decls) {
      if (!(d.span.begin <= s.begin && s.end <= d.span.end)) continue;
      if (d.kind == ast::DeclKind::Resource || d.kind == ast::DeclKind::Module) found = &d;
      todo.push_back(&d.body);
      todo.push_back(&d.else_body);
    }
  }
  return found;
}

}  // namespace

nlohmann::json code_actions(const Analysis& a, const nlohmann::json& params) {
  nlohmann::json out = nlohmann::json::array();
  if (!a.result || a.file == kNoFile) return out;
  const nlohmann::json range = params.value("range", nlohmann::json::object());
  uint32_t begin = a.offset(range.value("start", nlohmann::json::object()));
  uint32_t end = a.offset(range.value("end", nlohmann::json::object()));
  nlohmann::json published = diagnostics(a);
  size_t i = 0;
  for (const diag::Diagnostic& d : a.result->diags.sorted()) {
    const nlohmann::json& pd = published[i++];
    if (!d.span.valid() || (d.span.file != a.file && d.span.file != a.index_file) || !overlaps(d.span, begin, end)) continue;
    bool first = true;
    for (const diag::Fix& f : d.fixes) {
      if (f.span.file != a.file && f.span.file != a.index_file) continue;
      out.push_back(edit_action(a, f.title, pd, f.span, f.replacement, first));
      first = false;
    }
    const ast::Decl* decl = decl_around(a, d.span);
    if (d.kind == diag::Kind::MissingRequired && decl != nullptr && decl->kind == ast::DeclKind::Resource &&
        d.span.begin == decl->name_span.begin && decl->body_span.valid()) {
      const catalog::ResourceType* t = catalog::Catalog::builtin().find(decl->resource_type);
      if (t != nullptr) {
        std::string ind = indent_at(a.text, decl->span.begin);
        std::string text;
        std::vector<std::string> added;
        for (const std::string& req : t->required) {
          bool present = false;
          for (const ast::Entry& e : decl->properties) present = present || e.key == req;
          if (present) continue;
          text += "\n" + ind + "  " + req + " = " + placeholder(t->property(req));
          added.push_back(req);
        }
        if (!added.empty()) {
          if (decl->body_one_line) text += "\n" + ind;
          Span at{a.file, decl->body_span.begin + 1, decl->body_span.begin + 1};
          std::string title = "add the required " + std::string(added.size() == 1 ? "property" : "properties");
          for (const std::string& n : added) title += " `" + n + "`";
          out.push_back(edit_action(a, title, pd, at, text, true));
        }
      }
    }
    if (d.severity() == diag::Severity::Warning && decl != nullptr) {
      uint32_t start = decl->annotations.empty() ? decl->span.begin : decl->annotations.front().span.begin;
      start = std::min(start, decl->span.begin);
      std::string ind = indent_at(a.text, start);
      std::string text = "@allow(" + std::string(d.code()) + ", \"why this is intended\")\n" + ind;
      out.push_back(edit_action(a, "acknowledge " + std::string(d.code()) + " on `" + decl->name + "` with @allow",
                                pd, Span{a.file, start, start}, text, false));
    }
  }
  return out;
}

}  // namespace infrac::lsp
