#include "ast_equal.h"

#include <cstring>
#include <sstream>

namespace infrac::test {

namespace {

using namespace infrac::ast;

// Walks two trees together and records the path to the first field that differs.
class Compare {
 public:
  std::string difference;

  void program(const Program& a, const Program& b) {
    same("file", a.file, b.file);
    same("doc", a.doc, b.doc);
    vec("decls", a.decls, b.decls, &Compare::decl);
    vec("trailing", a.trailing, b.trailing, &Compare::comment);
    vec("unplaced", a.unplaced, b.unplaced, &Compare::comment);
  }

 private:
  std::string path_;

  template <class T>
  void same(const char* name, const T& a, const T& b) {
    if (!difference.empty() || a == b) return;
    std::ostringstream o;
    o << path_ << "." << name << ": " << a << " / " << b;
    difference = o.str();
  }
  void same(const char* name, double a, double b) {
    uint64_t x, y;
    std::memcpy(&x, &a, sizeof x);
    std::memcpy(&y, &b, sizeof y);
    same(name, x, y);  // bit for bit: -0 is not 0
  }
  void same(const char* name, Span a, Span b) {
    std::string n = name;
    same((n + ".file").c_str(), a.file, b.file);
    same((n + ".begin").c_str(), a.begin, b.begin);
    same((n + ".end").c_str(), a.end, b.end);
  }

  // Runs `f` on the two values with `name` added to the path.
  template <class T>
  void at(const std::string& name, const T& a, const T& b, void (Compare::*f)(const T&, const T&)) {
    if (!difference.empty()) return;
    std::string saved = path_;
    path_ += "." + name;
    (this->*f)(a, b);
    path_ = saved;
  }
  template <class T>
  void vec(const char* name, const std::vector<T>& a, const std::vector<T>& b,
           void (Compare::*f)(const T&, const T&)) {
    same((std::string(name) + ".size").c_str(), a.size(), b.size());
    for (size_t i = 0; i < a.size() && difference.empty(); ++i) {
      at(std::string(name) + "[" + std::to_string(i) + "]", a[i], b[i], f);
    }
  }
  void ptr(const char* name, const ExprPtr& a, const ExprPtr& b) {
    same((std::string(name) + ".null").c_str(), a == nullptr, b == nullptr);
    if (a && b) at(name, *a, *b, &Compare::expr);
  }
  void ptrs(const char* name, const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
    same((std::string(name) + ".size").c_str(), a.size(), b.size());
    for (size_t i = 0; i < a.size() && difference.empty(); ++i) {
      ptr((std::string(name) + "[" + std::to_string(i) + "]").c_str(), a[i], b[i]);
    }
  }

  void comment(const Comment& a, const Comment& b) {
    same("text", a.text, b.text);
    same("span", a.span, b.span);
    same("blank_before", a.blank_before, b.blank_before);
    same("blank_after", a.blank_after, b.blank_after);
  }
  void part(const StringPart& a, const StringPart& b) {
    same("text", a.text, b.text);
    same("raw", a.raw, b.raw);
    ptr("expr", a.expr, b.expr);
    same("span", a.span, b.span);
  }
  void entry(const Entry& a, const Entry& b) {
    same("key", a.key, b.key);
    same("key_span", a.key_span, b.key_span);
    same("key_quoted", a.key_quoted, b.key_quoted);
    ptr("value", a.value, b.value);
    same("blank_before", a.blank_before, b.blank_before);
    vec("leading", a.comments().leading, b.comments().leading, &Compare::comment);
    vec("trailing", a.comments().trailing, b.comments().trailing, &Compare::comment);
  }
  void expr(const Expr& a, const Expr& b) {
    same("kind", static_cast<int>(a.kind), static_cast<int>(b.kind));
    same("span", a.span, b.span);
    same("boolean", a.boolean, b.boolean);
    same("number", a.number, b.number);
    same("text", a.text, b.text);
    same("name_span", a.name_span, b.name_span);
    vec("parts", a.parts, b.parts, &Compare::part);
    ptrs("items", a.items, b.items);
    vec("entries", a.entries, b.entries, &Compare::entry);
    ptr("lhs", a.lhs, b.lhs);
    ptr("rhs", a.rhs, b.rhs);
    ptr("third", a.rare().third, b.rare().third);
    same("heredoc", a.rare().heredoc, b.rare().heredoc);
    same("heredoc_indented", a.rare().heredoc_indented, b.rare().heredoc_indented);
    same("index_name", a.rare().index_name, b.rare().index_name);
    same("index_span", a.rare().index_span, b.rare().index_span);
    ptr("key", a.rare().key, b.rare().key);
    same("parens", a.parens, b.parens);
    same("multiline", a.multiline, b.multiline);
    same("blank_before", a.blank_before, b.blank_before);
    vec("leading", a.rare().leading, b.rare().leading, &Compare::comment);
    vec("trailing", a.rare().trailing, b.rare().trailing, &Compare::comment);
    vec("closing", a.rare().closing, b.rare().closing, &Compare::comment);
  }
  void type(const TypeRef& a, const TypeRef& b) {
    same("name", a.name, b.name);
    vec("args", a.args, b.args, &Compare::type);
    vec("fields", a.fields, b.fields, &Compare::field);
    same("span", a.span, b.span);
  }
  void field(const FieldType& a, const FieldType& b) {
    same("name", a.name, b.name);
    same("optional", a.optional, b.optional);
    at("type", a.type, b.type, &Compare::type);
  }
  void annotation(const Annotation& a, const Annotation& b) {
    same("name", a.name, b.name);
    same("span", a.span, b.span);
    same("name_span", a.name_span, b.name_span);
    ptrs("args", a.args, b.args);
    vec("leading", a.leading, b.leading, &Compare::comment);
    vec("trailing", a.trailing, b.trailing, &Compare::comment);
  }
  void decl(const Decl& a, const Decl& b) {
    same("kind", static_cast<int>(a.kind), static_cast<int>(b.kind));
    same("span", a.span, b.span);
    same("name_span", a.name_span, b.name_span);
    same("name", a.name, b.name);
    same("doc", a.doc, b.doc);
    vec("annotations", a.annotations, b.annotations, &Compare::annotation);
    at("type", a.type, b.type, &Compare::type);
    ptr("value", a.value, b.value);
    same("resource_type", a.resource_type, b.resource_type);
    same("resource_type_span", a.resource_type_span, b.resource_type_span);
    vec("properties", a.properties, b.properties, &Compare::entry);
    same("body_span", a.body_span, b.body_span);
    ptr("key", a.key, b.key);
    same("import_path", a.import_path, b.import_path);
    same("import_is_file", a.import_is_file, b.import_is_file);
    same("import_alias", a.import_alias, b.import_alias);
    same("module", a.module, b.module);
    same("module_span", a.module_span, b.module_span);
    ptr("message", a.message, b.message);
    same("index_name", a.index_name, b.index_name);
    same("index_span", a.index_span, b.index_span);
    vec("body", a.body, b.body, &Compare::decl);
    vec("else_body", a.else_body, b.else_body, &Compare::decl);
    same("has_else", a.has_else, b.has_else);
    same("blank_before", a.blank_before, b.blank_before);
    same("body_one_line", a.body_one_line, b.body_one_line);
    vec("leading", a.leading, b.leading, &Compare::comment);
    vec("keyword", a.keyword, b.keyword, &Compare::comment);
    vec("trailing", a.trailing, b.trailing, &Compare::comment);
    vec("closing", a.closing, b.closing, &Compare::comment);
    vec("else_closing", a.else_closing, b.else_closing, &Compare::comment);
  }
};

}  // namespace

std::string ast_difference(const ast::Program& a, const ast::Program& b) {
  Compare c;
  c.program(a, b);
  return c.difference;
}

}  // namespace infrac::test
