// A structural dump of a syntax tree: what the program says, without spans and without
// layout (comments, blank lines, parentheses, the written form of strings and keys, which
// lists were broken). Two trees with equal dumps are the same program; the fmt tests
// compare the dumps of a file and of its formatted text.
#pragma once

#include <string>

#include "syntax/ast.h"

namespace infrac::ast {

std::string dump(const Program& p);
std::string dump(const Expr& e);

}  // namespace infrac::ast
