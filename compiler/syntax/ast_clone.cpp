#include "syntax/ast_clone.h"

namespace infrac::syntax {

namespace {

struct Mover {
  FileId file;
  int64_t shift;

  Span span(Span s) const {
    if (!s.valid()) return s;
    return Span{file, static_cast<uint32_t>(s.begin + shift), static_cast<uint32_t>(s.end + shift)};
  }
  ast::Comments comments(const ast::Comments& cs) const {
    ast::Comments out = cs;
    for (ast::Comment& c : out) c.span = span(c.span);
    return out;
  }
  ast::TypeRef type(const ast::TypeRef& t) const {
    ast::TypeRef out;
    out.name = t.name;
    out.span = span(t.span);
    for (const ast::TypeRef& a : t.args) out.args.push_back(type(a));
    for (const ast::FieldType& f : t.fields) out.fields.push_back({f.name, f.optional, type(f.type)});
    return out;
  }
  ast::ExprPtr expr(const ast::ExprPtr& e) const {
    if (!e) return nullptr;
    auto out = std::make_unique<ast::Expr>();
    out->kind = e->kind;
    out->span = span(e->span);
    out->boolean = e->boolean;
    out->number = e->number;
    out->text = e->text;
    out->name_span = span(e->name_span);
    for (const ast::StringPart& p : e->parts) out->parts.push_back({p.text, p.raw, expr(p.expr), span(p.span)});
    for (const ast::ExprPtr& i : e->items) out->items.push_back(expr(i));
    out->entries = entries(e->entries);
    out->lhs = expr(e->lhs);
    out->rhs = expr(e->rhs);
    out->parens = e->parens;
    out->multiline = e->multiline;
    out->blank_before = e->blank_before;
    if (e->has_rare()) {
      const ast::ExprRare& in = e->rare();
      ast::ExprRare& rare = out->rare_mut();
      rare.third = expr(in.third);
      rare.heredoc = in.heredoc;
      rare.heredoc_indented = in.heredoc_indented;
      rare.index_name = in.index_name;
      rare.index_span = span(in.index_span);
      rare.key = expr(in.key);
      rare.leading = comments(in.leading);
      rare.trailing = comments(in.trailing);
      rare.closing = comments(in.closing);
    }
    return out;
  }
  std::vector<ast::Entry> entries(const std::vector<ast::Entry>& es) const {
    std::vector<ast::Entry> out;
    out.reserve(es.size());
    for (const ast::Entry& e : es) {
      ast::Entry c;
      c.key = e.key;
      c.key_span = span(e.key_span);
      c.key_quoted = e.key_quoted;
      c.value = expr(e.value);
      c.blank_before = e.blank_before;
      if (e.has_comments()) {
        c.comments_mut().leading = comments(e.comments().leading);
        c.comments_mut().trailing = comments(e.comments().trailing);
      }
      out.push_back(std::move(c));
    }
    return out;
  }
  ast::Decl decl(const ast::Decl& d) const {
    ast::Decl out;
    out.kind = d.kind;
    out.span = span(d.span);
    out.name_span = span(d.name_span);
    out.name = d.name;
    out.doc = d.doc;
    for (const ast::Annotation& a : d.annotations) {
      ast::Annotation c;
      c.name = a.name;
      c.span = span(a.span);
      c.name_span = span(a.name_span);
      for (const ast::ExprPtr& arg : a.args) c.args.push_back(expr(arg));
      c.leading = comments(a.leading);
      c.trailing = comments(a.trailing);
      out.annotations.push_back(std::move(c));
    }
    out.type = type(d.type);
    out.value = expr(d.value);
    out.resource_type = d.resource_type;
    out.resource_type_span = span(d.resource_type_span);
    out.properties = entries(d.properties);
    out.body_span = span(d.body_span);
    out.key = expr(d.key);
    out.import_path = d.import_path;
    out.import_is_file = d.import_is_file;
    out.import_alias = d.import_alias;
    out.module = d.module;
    out.module_span = span(d.module_span);
    out.message = expr(d.message);
    out.index_name = d.index_name;
    out.index_span = span(d.index_span);
    for (const ast::Decl& b : d.body) out.body.push_back(decl(b));
    for (const ast::Decl& b : d.else_body) out.else_body.push_back(decl(b));
    out.has_else = d.has_else;
    out.blank_before = d.blank_before;
    out.body_one_line = d.body_one_line;
    out.leading = comments(d.leading);
    out.keyword = comments(d.keyword);
    out.trailing = comments(d.trailing);
    out.closing = comments(d.closing);
    out.else_closing = comments(d.else_closing);
    return out;
  }
};

}  // namespace

ast::Decl clone_decl(const ast::Decl& d, FileId file, int64_t shift) { return Mover{file, shift}.decl(d); }

}  // namespace infrac::syntax
