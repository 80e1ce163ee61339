// Where an expression needs parentheses to be read back as the same tree: the precedence
// of the grammar's operators (grammar/InfraParser.g4), tightest last.
#pragma once

#include "syntax/ast.h"

namespace infrac::print {

// Where a child stands in its parent.
enum class Slot {
  Postfix,    // the left side of `.name` or `[index]`
  Operand,    // the operand of a unary `!` or `-`
  Left,       // the left side of a binary operator
  Right,      // the right side of a binary operator
  Condition,  // the condition of `? :`
  Free,       // anywhere else: an item, an argument, a value, a branch of `? :`
};

// 1 for `? :`, 2 `||`, 3 `&&`, 4 `== !=`, 5 `< <= > >=`, 6 `+ -`, 7 `* / %`, 8 unary,
// 9 everything that binds tighter (names, literals, calls, member access, indexing).
int precedence(const ast::Expr& e);

// Whether `child` needs parentheses at `slot` of a parent of precedence `parent`, beyond
// those the user wrote.
bool needs_parens(const ast::Expr& child, Slot slot, int parent);

}  // namespace infrac::print
