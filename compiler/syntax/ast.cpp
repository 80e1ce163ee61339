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

}  // namespace infrac::ast
