#include "syntax/ast_dump.h"

#include <cstdio>

namespace infrac::ast {

namespace {

// An S-expression per node; strings in quotes with `"` and `\` escaped, so that no text
// can pass for structure.
std::string q(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void expr(const Expr& e, std::string& out);

void exprs(const std::vector<ExprPtr>& items, std::string& out) {
  for (const auto& i : items) {
    out += " ";
    expr(*i, out);
  }
}

void entries(const std::vector<Entry>& es, std::string& out) {
  for (const Entry& en : es) {
    out += " (" + q(en.key) + " ";
    expr(*en.value, out);
    out += ")";
  }
}

void expr(const Expr& e, std::string& out) {
  switch (e.kind) {
    case ExprKind::Null: out += "null"; return;
    case ExprKind::Bool: out += e.boolean ? "true" : "false"; return;
    case ExprKind::Number: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", e.number);
      out += std::string("(number ") + buf + " " + q(e.text) + ")";
      return;
    }
    case ExprKind::String:
      out += "(string";
      for (const StringPart& p : e.parts) {
        out += " ";
        if (p.expr) {
          out += "(interp ";
          expr(*p.expr, out);
          out += ")";
        } else {
          out += q(p.text);
        }
      }
      out += ")";
      return;
    case ExprKind::Name: out += "(name " + q(e.text) + ")"; return;
    case ExprKind::Member:
      out += "(member ";
      expr(*e.lhs, out);
      out += " " + q(e.text) + ")";
      return;
    case ExprKind::Index:
      out += "(index ";
      expr(*e.lhs, out);
      out += " ";
      expr(*e.rhs, out);
      out += ")";
      return;
    case ExprKind::Call:
      out += "(call " + q(e.text);
      exprs(e.items, out);
      out += ")";
      return;
    case ExprKind::List:
      out += "(list";
      exprs(e.items, out);
      out += ")";
      return;
    case ExprKind::Object:
      out += "(object";
      entries(e.entries, out);
      out += ")";
      return;
    case ExprKind::Unary:
      out += "(" + e.text + " ";
      expr(*e.lhs, out);
      out += ")";
      return;
    case ExprKind::Binary:
      out += "(" + e.text + " ";
      expr(*e.lhs, out);
      out += " ";
      expr(*e.rhs, out);
      out += ")";
      return;
    case ExprKind::Conditional:
      out += "(? ";
      expr(*e.lhs, out);
      out += " ";
      expr(*e.rhs, out);
      out += " ";
      expr(*e.rare().third, out);
      out += ")";
      return;
    case ExprKind::ListFor:
    case ExprKind::ObjectFor:
      out += e.kind == ExprKind::ListFor ? "(for-list " : "(for-object ";
      out += q(e.rare().index_name) + " " + q(e.text) + " ";
      expr(*e.lhs, out);
      if (e.rare().key) {
        out += " ";
        expr(*e.rare().key, out);
      }
      out += " ";
      expr(*e.rhs, out);
      if (e.rare().third) {
        out += " (if ";
        expr(*e.rare().third, out);
        out += ")";
      }
      out += ")";
      return;
    case ExprKind::Error: out += "(error)"; return;
  }
}

void type(const TypeRef& t, std::string& out) {
  out += "(type " + q(t.name);
  for (const TypeRef& a : t.args) {
    out += " ";
    type(a, out);
  }
  for (const FieldType& f : t.fields) {
    out += " (" + q(f.name) + (f.optional ? " optional " : " ");
    type(f.type, out);
    out += ")";
  }
  out += ")";
}

void decls(const std::vector<Decl>& ds, int indent, std::string& out);

void decl(const Decl& d, int indent, std::string& out) {
  out += std::string(static_cast<size_t>(indent) * 2, ' ') + "(" + decl_kind_name(d.kind) + " " + q(d.name);
  if (!d.index_name.empty()) out += " (index " + q(d.index_name) + ")";
  if (!d.doc.empty()) out += " (doc " + q(d.doc) + ")";
  for (const Annotation& a : d.annotations) {
    out += " (@" + a.name;
    exprs(a.args, out);
    out += ")";
  }
  if (d.kind == DeclKind::Param) {
    out += " ";
    type(d.type, out);
  }
  if (d.key) {
    out += " (key ";
    expr(*d.key, out);
    out += ")";
  }
  if (d.value) {
    out += " ";
    expr(*d.value, out);
  }
  if (d.message) {
    out += " ";
    expr(*d.message, out);
  }
  if (!d.resource_type.empty()) out += " " + q(d.resource_type);
  if (!d.module.empty()) out += " (module " + q(d.module) + ")";
  if (d.kind == DeclKind::Import) out += " (path " + q(d.import_path) + (d.import_is_file ? " file)" : ")");
  if (!d.properties.empty()) {
    out += " (body";
    entries(d.properties, out);
    out += ")";
  }
  out += "\n";
  if (!d.body.empty()) decls(d.body, indent + 1, out);
  if (d.has_else) {
    out += std::string(static_cast<size_t>(indent) * 2, ' ') + " else\n";
    decls(d.else_body, indent + 1, out);
  }
}

void decls(const std::vector<Decl>& ds, int indent, std::string& out) {
  for (const Decl& d : ds) decl(d, indent, out);
}

}  // namespace

std::string dump(const Program& p) {
  std::string out;
  if (!p.doc.empty()) out += "(doc " + q(p.doc) + ")\n";
  decls(p.decls, 0, out);
  return out;
}

std::string dump(const Expr& e) {
  std::string out;
  expr(e, out);
  return out;
}

}  // namespace infrac::ast
