#include "print/precedence.h"

namespace infrac::print {

namespace {

int binary_precedence(const std::string& op) {
  if (op == "||") return 2;
  if (op == "&&") return 3;
  if (op == "==" || op == "!=") return 4;
  if (op == "<" || op == "<=" || op == ">" || op == ">=") return 5;
  if (op == "+" || op == "-") return 6;
  if (op == "*" || op == "/" || op == "%") return 7;
  return 1;  // an operator the grammar does not have: parenthesize it everywhere
}

}  // namespace

int precedence(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::Conditional: return 1;
    case ast::ExprKind::Binary: return binary_precedence(e.text);
    case ast::ExprKind::Unary: return 8;
    case ast::ExprKind::Number:
      // A negative number of a built tree is printed `-n`: a unary minus to the parser.
      return e.text.empty() && e.number < 0 ? 8 : 9;
    case ast::ExprKind::Null:
    case ast::ExprKind::Bool:
    case ast::ExprKind::String:
    case ast::ExprKind::Name:
    case ast::ExprKind::Member:
    case ast::ExprKind::Index:
    case ast::ExprKind::Call:
    case ast::ExprKind::List:
    case ast::ExprKind::Object:
    case ast::ExprKind::Error:
      return 9;
  }
  return 9;
}

bool needs_parens(const ast::Expr& child, Slot slot, int parent) {
  int p = precedence(child);
  switch (slot) {
    case Slot::Postfix: return p < 9;
    case Slot::Operand: return p < 8;
    case Slot::Left: return p < parent;  // operators associate to the left
    case Slot::Right: return p <= parent;
    case Slot::Condition: return p <= 1;  // `? :` associates to the right
    case Slot::Free: return false;
  }
  return false;
}

}  // namespace infrac::print
