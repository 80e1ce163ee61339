// Small constructors for the syntax tree that import builds: nodes without a place in
// any source (the printer gives them one).
#pragma once

#include <string>
#include <vector>

#include "syntax/ast.h"

namespace infrac::importer {

ast::ExprPtr make_name(std::string name);
ast::ExprPtr make_string(std::string text);
ast::ExprPtr make_number(std::string text, double value);
ast::ExprPtr make_bool(bool value);
ast::ExprPtr make_null();
ast::ExprPtr make_member(ast::ExprPtr lhs, std::string name);
ast::ExprPtr make_index(ast::ExprPtr lhs, ast::ExprPtr rhs);
ast::ExprPtr make_call(std::string name, std::vector<ast::ExprPtr> args);
ast::ExprPtr make_list(std::vector<ast::ExprPtr> items);
ast::ExprPtr make_object(std::vector<ast::Entry> entries);
ast::ExprPtr make_unary(std::string op, ast::ExprPtr operand);
ast::ExprPtr make_binary(std::string op, ast::ExprPtr lhs, ast::ExprPtr rhs);
ast::ExprPtr make_conditional(ast::ExprPtr cond, ast::ExprPtr then, ast::ExprPtr otherwise);
ast::Entry make_entry(std::string key, ast::ExprPtr value);
ast::Annotation make_annotation(std::string name, std::vector<ast::ExprPtr> args = {});
ast::Annotation make_annotation(std::string name, ast::ExprPtr arg);

// A string's parts, literal text merged: appends `text`, or the parts of an interpolated
// string `e`, or `e` itself as an interpolation.
void append_text(ast::Expr& string, const std::string& text);
void append_interpolation(ast::Expr& string, ast::ExprPtr e);

}  // namespace infrac::importer
