// The printing of strings written as heredocs (print/heredocs.cpp).
#pragma once

#include <string>

#include "syntax/ast.h"

namespace infrac::print {

// Whether `e` is a string written as a heredoc that prints back as one: a string of a
// built tree, or one whose text a heredoc cannot hold, is printed quoted instead.
bool printable_heredoc(const ast::Expr& e);

// The heredoc, from `<<` to its closing marker, for a line indented `indent` levels.
std::string heredoc(const ast::Expr& e, int indent);

}  // namespace infrac::print
