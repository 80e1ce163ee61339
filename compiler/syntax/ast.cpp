#include "syntax/ast.h"

namespace infrac::ast {

const char* decl_kind_name(DeclKind k) {
  switch (k) {
    case DeclKind::Param: return "parameter";
    case DeclKind::Let: return "value";
    case DeclKind::Resource: return "resource";
    case DeclKind::Output: return "output";
    case DeclKind::Import: return "import";
    case DeclKind::Module: return "module instance";
    case DeclKind::Assert: return "assertion";
    case DeclKind::For: return "loop";
    case DeclKind::If: return "condition";
    case DeclKind::Template: return "template block";
  }
  return "declaration";
}

std::string type_text(const TypeRef& t) {
  if (t.name == "{}") {
    if (t.fields.empty()) return "{}";
    std::string s = "{ ";
    for (size_t i = 0; i < t.fields.size(); ++i) {
      s += (i ? ", " : "") + t.fields[i].name + (t.fields[i].optional ? "?: " : ": ") + type_text(t.fields[i].type);
    }
    return s + " }";
  }
  std::string s = t.name;
  if (!t.args.empty()) {
    s += "<";
    for (size_t i = 0; i < t.args.size(); ++i) s += (i ? ", " : "") + type_text(t.args[i]);
    s += ">";
  }
  return s;
}

}  // namespace infrac::ast
