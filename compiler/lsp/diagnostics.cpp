// textDocument/publishDiagnostics: the checker's diagnostics in the protocol's terms.
#include <string>

#include <algorithm>

#include "cli/explain.h"
#include "diag/render.h"
#include "lsp/features.h"

namespace infrac::lsp {

namespace {

// The declaration of the document that leads to file `f`: the import of it, or of a
// module that imports it. Null when none does.
const ast::Decl* import_leading_to(const sema::Unit* root, FileId f) {
  if (root == nullptr) return nullptr;
  for (const auto& [name, unit] : root->imports) {
    if (unit == nullptr) continue;
    std::vector<const sema::Unit*> todo{unit}, seen;
    while (!todo.empty()) {
      const sema::Unit* u = todo.back();
      todo.pop_back();
      if (std::find(seen.begin(), seen.end(), u) != seen.end()) continue;
      seen.push_back(u);
      if (u->file == f) {
        auto d = root->import_decls.find(name);
        return d == root->import_decls.end() ? nullptr : d->second;
      }
      for (const auto& [n, next] : u->imports) {
        if (next != nullptr) todo.push_back(next);
      }
    }
  }
  return nullptr;
}

// The anchor a Markdown renderer gives the heading `## E0401: unknown name`:
// `e0401-unknown-name`.
std::string explain_anchor(std::string_view code) {
  const cli::ExplainSection* sec = cli::find_explanation(code);
  std::string heading = std::string(code) + (sec ? " " + std::string(sec->title) : "");
  std::string out;
  for (char c : heading) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') out += c;
    else if (c == ' ') out += '-';
  }
  return out;
}

}  // namespace

nlohmann::json diagnostics(const Analysis& a) {
  nlohmann::json out = nlohmann::json::array();
  if (!a.result) return out;
  const SourceManager& sm = a.result->sources;
  for (const diag::Diagnostic& d : a.result->diags.sorted()) {
    nlohmann::json j;
    j["severity"] = d.severity() == diag::Severity::Error ? 1 : 2;
    j["code"] = std::string(d.code());
    j["source"] = "infrac";
    std::string message = diag::visible(d.message);
    if (!d.label.empty()) message += " (" + diag::visible(d.label) + ")";
    for (const std::string& h : d.helps) message += "\nhelp: " + diag::visible(h);
    nlohmann::json related = nlohmann::json::array();
    Span at = d.span;
    if (at.valid() && at.file != a.file && at.file != a.index_file) {
      // In another file: shown at the import that leads there, with the place itself.
      related.push_back({{"location", a.location(at)}, {"message", "here, in " + sm.file(at.file).path()}});
      const ast::Decl* imp = import_leading_to(a.root(), at.file);
      message = "in " + sm.file(at.file).path() + ": " + message;
      at = imp != nullptr ? imp->span : Span{};
    }
    for (const diag::Note& n : d.notes) {
      if (n.span.valid()) {
        related.push_back({{"location", a.location(n.span)}, {"message", diag::visible(n.message)}});
      } else {
        message += "\nnote: " + diag::visible(n.message);
      }
    }
    j["message"] = message;
    j["range"] = a.range(at);
    if (!related.empty()) j["relatedInformation"] = related;
    // The code's section of the diagnostics document (what `infrac explain` prints).
    if (!a.docs_uri.empty()) j["codeDescription"] = {{"href", a.docs_uri + "#" + explain_anchor(d.code())}};
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace infrac::lsp
