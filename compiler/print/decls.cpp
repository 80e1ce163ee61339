// The layout of declarations and of the file: comments, doc comments and annotations
// above, one declaration a line or block, blank lines as the user left them (one at most).
#include "print/layout.h"
#include "print/literals.h"
#include "print/printer.h"

namespace infrac::print {

namespace {

bool has_doc_comment(const ast::Comments& comments) {
  for (const ast::Comment& c : comments) {
    if (c.text.rfind("///", 0) == 0) return true;
  }
  return false;
}

// A `doc` of a tree built without comments, as `///` lines.
std::string doc_lines(const std::string& doc, int indent) {
  std::string out;
  size_t start = 0;
  while (start <= doc.size()) {
    size_t nl = doc.find('\n', start);
    std::string line = doc.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    out += spaces(indent) + (line.empty() ? "///" : "/// " + line) + "\n";
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string leading_lines(const ast::Comments& comments, int indent) {
  std::string out = comment_lines(comments, indent, true);
  if (!comments.empty() && comments.back().blank_after) out += "\n";
  return out;
}

// The name an import gets without `as`: the last part of its path, or a file's stem.
std::string import_default_name(const ast::Decl& d) {
  if (!d.import_is_file) return d.import_path.substr(d.import_path.find_last_of('.') + 1);
  std::string stem = d.import_path.substr(d.import_path.find_last_of('/') + 1);
  size_t ext = stem.rfind(".infra");
  return ext == std::string::npos ? stem : stem.substr(0, ext);
}

class DeclPrinter {
 public:
  std::string out;

  void decls(const std::vector<ast::Decl>& ds, int indent) {
    for (size_t i = 0; i < ds.size(); ++i) {
      if (i > 0 && ds[i].blank_before) out += "\n";
      decl(ds[i], indent);
    }
  }

 private:
  void decl(const ast::Decl& d, int indent) {
    out += leading_lines(d.leading, indent);
    if (!d.doc.empty() && !has_doc_comment(d.leading)) out += doc_lines(d.doc, indent);
    for (const ast::Annotation& a : d.annotations) {
      out += leading_lines(a.leading, indent);
      std::string at = "@" + a.name;
      if (!a.args.empty()) at = call(at, a.args, {}, false, indent, indent * 2);
      out += spaces(indent) + at + trailing(a.trailing) + "\n";
    }
    out += leading_lines(d.keyword, indent);
    out += spaces(indent) + head(d, indent) + trailing(d.trailing) + "\n";
  }

  // The declaration from its keyword to its end (without the final line break).
  std::string head(const ast::Decl& d, int indent) {
    int col = indent * 2;
    auto value = [&](const std::string& before, const ast::Expr& e) {
      return before + expr(e, indent, col + static_cast<int>(before.size()));
    };
    auto key = [&](const ast::Decl& decl) { return decl.key ? "[" + print_expr_at(*decl.key, indent) + "]" : ""; };
    switch (d.kind) {
      case ast::DeclKind::Param: {
        std::string s = "param " + d.name + ": " + print_type(d.type);
        return d.value ? value(s + " = ", *d.value) : s;
      }
      case ast::DeclKind::Let: return value("let " + d.name + " = ", *d.value);
      case ast::DeclKind::Output: return value("output " + d.name + " = ", *d.value);
      case ast::DeclKind::Resource: {
        std::string s = "resource " + d.name + key(d) + ": " + d.resource_type + " ";
        return s + body(d.properties, d.closing, d.body_one_line, indent, col + static_cast<int>(s.size()));
      }
      case ast::DeclKind::Module: {
        std::string s = "module " + d.name + key(d) + " = " + d.module + " ";
        return s + body(d.properties, d.closing, d.body_one_line, indent, col + static_cast<int>(s.size()));
      }
      case ast::DeclKind::Template:
        return "template " + body(d.properties, d.closing, d.body_one_line, indent, col + 9);
      case ast::DeclKind::Import: {
        std::string s = "import " + (d.import_is_file ? quote(d.import_path) : d.import_path);
        return d.name == import_default_name(d) && !d.import_alias ? s : s + " as " + d.name;
      }
      case ast::DeclKind::Assert: return assertion(d, indent);
      case ast::DeclKind::For:
        return value("for " + d.name + " in ", *d.value) + " " + block(d.body, d.closing, indent);
      case ast::DeclKind::If: return if_chain(d, indent);
    }
    return "";
  }

  std::string print_expr_at(const ast::Expr& e, int indent) { return expr(e, indent, indent * 2); }

  // `assert cond, message`; the message goes on a line of its own, one level in, when the
  // one-line form is too wide.
  std::string assertion(const ast::Decl& d, int indent) {
    int col = indent * 2;
    std::string s = "assert " + expr(*d.value, indent, col + 7) + ",";
    std::string one;
    if (s.find('\n') == std::string::npos && flat(*d.message, one, SIZE_MAX) &&
        col + s.size() + 1 + one.size() <= static_cast<size_t>(kLineWidth)) {
      return s + " " + one;
    }
    if (s.find('\n') == std::string::npos) return s + "\n" + spaces(indent + 1) + expr(*d.message, indent + 1, col + 2);
    return s + " " + expr(*d.message, indent, static_cast<int>(s.size() - s.rfind('\n')));
  }

  std::string block(const std::vector<ast::Decl>& body, const ast::Comments& closing, int indent) {
    if (body.empty() && closing.empty()) return "{}";
    DeclPrinter inner;
    inner.decls(body, indent + 1);
    if (!closing.empty()) {
      if (!body.empty() && closing.front().blank_before) inner.out += "\n";
      inner.out += comment_lines(closing, indent + 1, true);
    }
    return "{\n" + inner.out + spaces(indent) + "}";
  }

  // `if a { } else if b { } else { }`: an `else` block holding only an `if`, with nothing
  // written around that `if`, is printed as `else if`.
  std::string if_chain(const ast::Decl& d, int indent) {
    std::string s = "if " + expr(*d.value, indent, indent * 2 + 3) + " " + block(d.body, d.closing, indent);
    if (!d.has_else) return s;
    if (d.else_body.size() == 1 && d.else_closing.empty()) {
      const ast::Decl& e = d.else_body.front();
      if (e.kind == ast::DeclKind::If && e.leading.empty() && e.keyword.empty() && e.annotations.empty() &&
          e.doc.empty() && e.trailing.empty()) {
        return s + " else " + if_chain(e, indent);
      }
    }
    return s + " else " + block(d.else_body, d.else_closing, indent);
  }
};

}  // namespace

std::string print_type(const ast::TypeRef& t) {
  if (t.name == "{}") {
    if (t.fields.empty()) return "{}";
    std::string s = "{ ";
    for (size_t i = 0; i < t.fields.size(); ++i) {
      const ast::FieldType& f = t.fields[i];
      s += (i ? ", " : "") + f.name + (f.optional ? "?: " : ": ") + print_type(f.type);
    }
    return s + " }";
  }
  std::string s = t.name;
  if (!t.args.empty()) {
    s += "<";
    for (size_t i = 0; i < t.args.size(); ++i) s += (i ? ", " : "") + print_type(t.args[i]);
    s += ">";
  }
  return s;
}

std::string print_program(const ast::Program& p) {
  std::string out;
  bool doc_in_comments = !p.decls.empty() && has_doc_comment(p.decls.front().leading);
  if (!p.doc.empty() && !doc_in_comments) out += doc_lines(p.doc, 0) + "\n";
  DeclPrinter dp;
  dp.decls(p.decls, 0);
  out += dp.out;
  if (!p.trailing.empty()) {
    if (!out.empty() && p.trailing.front().blank_before) out += "\n";
    out += comment_lines(p.trailing, 0, true);
  }
  return out;
}

}  // namespace infrac::print
