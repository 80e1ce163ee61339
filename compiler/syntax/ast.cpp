#include "syntax/ast.h"

namespace infrac::ast {

const char* decl_kind_name(DeclKind k) {
  switch (k) {
    case DeclKind::Param: return "parameter";
    case DeclKind::Let: return "value";
    case DeclKind::Resource: return "resource";
    case DeclKind::Output: return "output";
  }
  return "declaration";
}

}  // namespace infrac::ast
