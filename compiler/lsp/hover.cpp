// textDocument/hover: what a name is (its declaration, its docs), a property's type and
// constraints from the catalog, a resource type's required properties and attributes, a
// module's docs, and the explanation of a diagnostic under the cursor.
#include <string>

#include "cli/explain.h"
#include "lsp/features.h"
#include "lsp/schema_text.h"
#include "print/printer.h"

namespace infrac::lsp {

namespace {

constexpr size_t kMaxShown = 400;  // of a printed value

std::string clipped(std::string s) {
  if (s.size() > kMaxShown) s = s.substr(0, kMaxShown) + " ...";
  return s;
}

std::string declaration_text(const Symbol& s) {
  const ast::Decl* d = s.decl;
  if (d == nullptr) return "loop variable " + s.name;
  std::string out;
  switch (s.kind) {
    case SymbolKind::Param:
      out = "param " + s.name + ": " + print::print_type(d->type);
      if (d->value) out += " = " + clipped(print::print_expr(*d->value));
      break;
    case SymbolKind::Let: out = "let " + s.name + (d->value ? " = " + clipped(print::print_expr(*d->value)) : ""); break;
    case SymbolKind::Output: out = "output " + s.name + (d->value ? " = " + clipped(print::print_expr(*d->value)) : ""); break;
    case SymbolKind::Resource: out = "resource " + s.name + ": " + d->resource_type; break;
    case SymbolKind::Module: out = "module " + s.name + " = " + d->module; break;
    case SymbolKind::Import: out = "import " + d->import_path + (d->import_alias ? " as " + s.name : ""); break;
    case SymbolKind::LoopVar:
      out = "for " + (d->index_name.empty() ? "" : d->index_name + ", ") + d->name + " in " +
            (d->value ? clipped(print::print_expr(*d->value)) : "...");
      break;
    case SymbolKind::Assert: out = "assert"; break;
  }
  return out;
}

std::string symbol_hover(const Symbol& s) {
  std::string md = "```infra\n" + declaration_text(s) + "\n```\n";
  if (s.decl != nullptr && !s.decl->doc.empty()) md += "\n" + s.decl->doc + "\n";
  if ((s.kind == SymbolKind::Module || s.kind == SymbolKind::Import) && s.module != nullptr) {
    if (!s.module->program.doc.empty()) md += "\n" + s.module->program.doc + "\n";
    md += "\n`infrac doc` prints its inputs and outputs.\n";
  }
  if (s.kind == SymbolKind::Resource && s.decl != nullptr) {
    md += "\nUse `" + s.name + ".id` for its `Ref` and `" + s.name + ".Attribute` for `Fn::GetAtt`.\n";
  }
  if (s.unit != nullptr && s.unit->library) md += "\n*(standard library)*\n";
  return md;
}

std::string type_hover(const std::string& type) {
  const catalog::ResourceType* t = catalog::Catalog::builtin().find(type);
  if (t == nullptr) return "";
  std::string md = "**" + type + "**\n";
  if (!t->required.empty()) {
    md += "\nRequired:";
    for (const std::string& r : t->required) md += " `" + r + "`";
    md += "\n";
  }
  if (!t->attributes.empty()) {
    md += "\nAttributes:";
    size_t n = 0;
    for (const catalog::Attribute& at : t->attributes) {
      if (++n > 30) {
        md += " ...";
        break;
      }
      md += " `" + at.name + "`";
    }
    md += "\n";
  }
  return md;
}

std::string key_hover(const PropertyKey& k) {
  const catalog::ResourceType* t = catalog::Catalog::builtin().find(k.resource_type);
  if (t == nullptr) return "";
  const catalog::Shape* s = property_shape(k.resource_type, k.path);
  if (s == nullptr) return "";
  std::string dotted;
  for (const std::string& p : k.path) dotted += (dotted.empty() ? "" : ".") + p;
  std::string md = "**" + dotted + "**: `" + shape_type(s) + "` of `" + k.resource_type + "`\n\n";
  if (k.path.size() == 1 && t->is_required(k.path[0])) md += "- required\n";
  if (create_only(*t, k.path)) md += "- changing it replaces the resource\n";
  md += shape_constraints(s);
  return md;
}

}  // namespace

nlohmann::json hover(const Analysis& a, const nlohmann::json& params) {
  if (!a.index || a.file == kNoFile) return nullptr;
  uint32_t at = a.offset(params.value("position", nlohmann::json::object()));
  std::string md;
  Span range;
  int s = a.index->symbol_at(a.index_file, at);
  if (s >= 0) {
    md = symbol_hover(a.index->symbols()[s]);
    for (const Use& u : a.index->uses()) {
      if (u.symbol == s && u.span.file == a.index_file && u.span.begin <= at && at <= u.span.end) range = u.span;
    }
    if (!range.valid()) range = a.index->symbols()[s].name_span;
  } else if (const PropertyKey* k = a.index->property_key_at(a.index_file, at)) {
    md = key_hover(*k);
    range = k->span;
  } else if (a.root() != nullptr) {
    for (const ast::Decl& d : a.root()->program.decls) {
      Span t = d.resource_type_span;
      if (d.kind == ast::DeclKind::Resource && t.valid() && t.begin <= at && at <= t.end) {
        md = type_hover(d.resource_type);
        range = t;
      }
    }
  }
  // The explanation of a diagnostic here.
  if (a.result) {
    for (const diag::Diagnostic& d : a.result->diags.sorted()) {
      if (!d.span.valid() || d.span.file != a.file || at < d.span.begin || at > d.span.end) continue;
      const cli::ExplainSection* sec = cli::find_explanation(d.code());
      if (sec == nullptr) continue;
      if (!md.empty()) md += "\n---\n";
      md += "**" + std::string(d.code()) + "**: " + std::string(sec->title) + "\n\n";
      std::string_view body = sec->text;
      size_t nl = body.find('\n');
      body = nl == std::string_view::npos ? std::string_view{} : body.substr(nl + 1);
      size_t para = body.find("\n\n", body.find_first_not_of('\n') == std::string_view::npos ? 0 : body.find_first_not_of('\n'));
      md += std::string(body.substr(0, para == std::string_view::npos ? body.size() : para)) + "\n\n(`infrac explain " +
            std::string(d.code()) + "` says more)\n";
      if (!range.valid()) range = d.span;
    }
  }
  if (md.empty()) return nullptr;
  nlohmann::json out = {{"contents", {{"kind", "markdown"}, {"value", md}}}};
  if (range.valid()) out["range"] = a.range(range);
  return out;
}

}  // namespace infrac::lsp
