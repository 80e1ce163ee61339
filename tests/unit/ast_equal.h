// Field-by-field equality of syntax trees, spans and layout included: what the AST dump
// (syntax/ast_dump.h) leaves out is compared too. Written apart from the serializer
// (syntax/ast_writer.cpp, ast_reader.cpp), so that a field it forgets shows here as a difference.
#pragma once

#include <string>

#include "syntax/ast.h"

namespace infrac::test {

// Where the first difference between `a` and `b` is, as a path from the program
// (`decls[2].value.lhs.span`, and the two values); empty when they are equal.
std::string ast_difference(const ast::Program& a, const ast::Program& b);

}  // namespace infrac::test
