// The annotations each kind of declaration takes (sema/annotations.cpp checks them; the
// language server completes them).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "syntax/ast.h"

namespace infrac::sema {

struct AnnotationSpec {
  std::string_view name;
  ast::DeclKind kind;
  size_t args;  // exact number of arguments
  std::string_view usage;
};

const std::vector<AnnotationSpec>& annotation_specs();

}  // namespace infrac::sema
