#include "driver/doc.h"

#include "sema/loader.h"
#include "syntax/parser.h"

namespace infrac::driver {

namespace {


void paragraph(std::string& out, const std::string& text, const std::string& indent) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    out += line.empty() ? "\n" : indent + line + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

std::string render(const std::string& name, const sema::Unit& unit, const SourceManager& sm) {
  const SourceFile& file = sm.file(unit.file);
  std::string out = name + " (" + file.path() + ")\n\n";
  if (!unit.program.doc.empty()) {
    paragraph(out, unit.program.doc, "");
    out += "\n";
  }
  std::string imports;
  for (const ast::Decl& d : unit.program.decls) {
    if (d.kind == ast::DeclKind::Import) imports += (imports.empty() ? "" : ", ") + d.import_path;
  }
  if (!imports.empty()) out += "Uses: " + imports + "\n\n";
  out += "Inputs:\n";
  bool any = false;
  for (const ast::Decl& d : unit.program.decls) {
    if (d.kind != ast::DeclKind::Param) continue;
    any = true;
    out += "  " + d.name + ": " + ast::type_text(d.type);
    if (d.value) {
      out += " = " + std::string(file.text().substr(d.value->span.begin, d.value->span.end - d.value->span.begin));
    } else {
      out += "  (required)";
    }
    out += "\n";
    if (!d.doc.empty()) paragraph(out, d.doc, "      ");
  }
  if (!any) out += "  (none)\n";
  out += "\nOutputs:\n";
  any = false;
  for (const ast::Decl& d : unit.program.decls) {
    if (d.kind != ast::DeclKind::Output) continue;
    any = true;
    out += "  " + d.name + "\n";
    if (!d.doc.empty()) paragraph(out, d.doc, "      ");
  }
  if (!any) out += "  (none)\n";
  std::string asserts;
  for (const ast::Decl& d : unit.program.decls) {
    if (d.kind != ast::DeclKind::Assert) continue;
    asserts += "  " + std::string(file.text().substr(d.value->span.begin, d.value->span.end - d.value->span.begin)) + "\n";
  }
  if (!asserts.empty()) out += "\nChecks on its inputs:\n" + asserts;
  return out;
}

}  // namespace

std::unique_ptr<Result> document(const std::string& name, const std::vector<std::string>& include_dirs) {
  auto r = std::make_unique<Result>();
  bool is_path = name.find('/') != std::string::npos || (name.size() > 6 && name.rfind(".infra") == name.size() - 6);
  // The module is found the way `import` finds it, from a one-line program.
  std::string quoted;
  for (char c : name) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  std::string source = is_path ? "import \"" + quoted + "\"\n" : "import " + name + "\n";
  FileId file = r->sources.add("infrac doc", source);
  syntax::ParseResult parsed = syntax::parse(r->sources, file, r->diags);
  if (!parsed.ok) return r;
  sema::Loader loader(r->sources, r->diags, include_dirs, sema::default_stdlib_dir());
  const sema::Unit* root = loader.load_root(file, std::move(parsed.program));
  if (!loader.ok()) return r;
  if (root->imports.size() != 1) return r;
  auto it = root->imports.begin();
  r->output = render(name, *it->second, r->sources);
  return r;
}

}  // namespace infrac::driver
