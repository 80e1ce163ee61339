#include "import/ast_make.h"

namespace infrac::importer {

namespace {

ast::ExprPtr make(ast::ExprKind kind) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = kind;
  return e;
}

}  // namespace

ast::ExprPtr make_name(std::string name) {
  auto e = make(ast::ExprKind::Name);
  e->text = std::move(name);
  return e;
}

ast::ExprPtr make_string(std::string text) {
  auto e = make(ast::ExprKind::String);
  if (!text.empty()) append_text(*e, text);
  return e;
}

ast::ExprPtr make_number(std::string text, double value) {
  auto e = make(ast::ExprKind::Number);
  e->text = std::move(text);
  e->number = value;
  return e;
}

ast::ExprPtr make_bool(bool value) {
  auto e = make(ast::ExprKind::Bool);
  e->boolean = value;
  return e;
}

ast::ExprPtr make_null() { return make(ast::ExprKind::Null); }

ast::ExprPtr make_member(ast::ExprPtr lhs, std::string name) {
  auto e = make(ast::ExprKind::Member);
  e->lhs = std::move(lhs);
  e->text = std::move(name);
  return e;
}

ast::ExprPtr make_index(ast::ExprPtr lhs, ast::ExprPtr rhs) {
  auto e = make(ast::ExprKind::Index);
  e->lhs = std::move(lhs);
  e->rhs = std::move(rhs);
  return e;
}

ast::ExprPtr make_call(std::string name, std::vector<ast::ExprPtr> args) {
  auto e = make(ast::ExprKind::Call);
  e->text = std::move(name);
  e->items = std::move(args);
  return e;
}

ast::ExprPtr make_list(std::vector<ast::ExprPtr> items) {
  auto e = make(ast::ExprKind::List);
  e->items = std::move(items);
  return e;
}

ast::ExprPtr make_object(std::vector<ast::Entry> entries) {
  auto e = make(ast::ExprKind::Object);
  e->entries = std::move(entries);
  return e;
}

ast::ExprPtr make_unary(std::string op, ast::ExprPtr operand) {
  auto e = make(ast::ExprKind::Unary);
  e->text = std::move(op);
  e->lhs = std::move(operand);
  return e;
}

ast::ExprPtr make_binary(std::string op, ast::ExprPtr lhs, ast::ExprPtr rhs) {
  auto e = make(ast::ExprKind::Binary);
  e->text = std::move(op);
  e->lhs = std::move(lhs);
  e->rhs = std::move(rhs);
  return e;
}

ast::ExprPtr make_conditional(ast::ExprPtr cond, ast::ExprPtr then, ast::ExprPtr otherwise) {
  auto e = make(ast::ExprKind::Conditional);
  e->lhs = std::move(cond);
  e->rhs = std::move(then);
  e->rare_mut().third = std::move(otherwise);
  return e;
}

ast::Entry make_entry(std::string key, ast::ExprPtr value) {
  ast::Entry e;
  e.key = std::move(key);
  e.value = std::move(value);
  return e;
}

ast::Annotation make_annotation(std::string name, std::vector<ast::ExprPtr> args) {
  ast::Annotation a;
  a.name = std::move(name);
  a.args = std::move(args);
  return a;
}

ast::Annotation make_annotation(std::string name, ast::ExprPtr arg) {
  std::vector<ast::ExprPtr> args;
  args.push_back(std::move(arg));
  return make_annotation(std::move(name), std::move(args));
}

void append_text(ast::Expr& s, const std::string& text) {
  if (text.empty()) return;
  if (!s.parts.empty() && s.parts.back().expr == nullptr) {
    s.parts.back().text += text;
    return;
  }
  ast::StringPart p;
  p.text = text;
  s.parts.push_back(std::move(p));
}

void append_interpolation(ast::Expr& s, ast::ExprPtr e) {
  if (e->kind == ast::ExprKind::String) {
    for (auto& p : e->parts) {
      if (p.expr == nullptr) append_text(s, p.text);
      else s.parts.push_back(std::move(p));
    }
    return;
  }
  ast::StringPart p;
  p.expr = std::move(e);
  s.parts.push_back(std::move(p));
}

}  // namespace infrac::importer
