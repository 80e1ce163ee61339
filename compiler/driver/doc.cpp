#include "driver/doc.h"

#include <algorithm>
#include <filesystem>

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

// The first sentence of a module's doc comment, on one line.
std::string summary(const std::string& doc) {
  std::string out;
  for (size_t i = 0; i < doc.size(); ++i) {
    char c = doc[i] == '\n' ? ' ' : doc[i];
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
    bool sentence_end = c == '.' && (i + 1 == doc.size() || doc[i + 1] == ' ' || doc[i + 1] == '\n');
    if (sentence_end) break;
  }
  return out;
}

}  // namespace

std::unique_ptr<Result> list_modules() {
  auto r = std::make_unique<Result>();
  namespace fs = std::filesystem;
  const std::string root = sema::default_stdlib_dir();
  std::vector<std::string> names;
  std::error_code ec;
  if (!root.empty()) {
    for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file(ec) || it->path().extension() != ".infra") continue;
      std::string rel = fs::relative(it->path(), root, ec).replace_extension().generic_string();
      std::replace(rel.begin(), rel.end(), '/', '.');
      names.push_back(rel);
    }
  }
  std::sort(names.begin(), names.end());
  // Loaded the way `import` loads them (the embedded programs when the files are the
  // stdlib's own), from a program that imports each under a name of its own.
  std::string source;
  for (size_t i = 0; i < names.size(); ++i) source += "import " + names[i] + " as m" + std::to_string(i) + "\n";
  FileId file = r->sources.add("infrac doc --list", source);
  syntax::ParseResult parsed = syntax::parse(r->sources, file, r->diags);
  if (!parsed.ok) return r;
  sema::Loader loader(r->sources, r->diags, {}, root);
  const sema::Unit* program = loader.load_root(file, std::move(parsed.program));
  if (!loader.ok()) return r;
  size_t width = 0;
  for (const auto& n : names) width = std::max(width, n.size());
  for (size_t i = 0; i < names.size(); ++i) {
    auto it = program->imports.find("m" + std::to_string(i));
    if (it == program->imports.end()) continue;
    r->output += names[i] + std::string(width - names[i].size() + 2, ' ') + summary(it->second->program.doc) + "\n";
  }
  if (names.empty()) r->output = "infrac: no stdlib found beside the binary or in the source tree\n";
  return r;
}

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
