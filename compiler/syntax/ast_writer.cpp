#include "syntax/ast_serial.h"

#include <cstring>

#include "syntax/ast_serial_format.h"

namespace infrac::ast {

using namespace serial;

namespace {

bool is_empty(Span s) { return s.file == kNoFile && s.begin == 0 && s.end == 0; }

bool is_empty(const TypeRef& t) { return t.name.empty() && t.args.empty() && t.fields.empty() && is_empty(t.span); }

uint64_t bits_of(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

class Writer {
 public:
  Writer(FileId file, std::string& out) : file_(file), out_(out) {}

  bool program(const Program& p) {
    str(p.doc);
    decls(p.decls);
    comments(p.trailing);
    comments(p.unplaced);
    return ok_;
  }

 private:
  void u(uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void str(const std::string& s) {
    u(s.size());
    out_ += s;
  }
  void span(Span s) {
    if (is_empty(s)) {
      u(0);
    } else if (s.file == file_ && s.end >= s.begin) {
      u(1);
      u(s.begin);
      u(s.end - s.begin);
    } else if (s.file == file_ || s.file == kNoFile) {
      u(2);
      u(s.file == file_ ? 1 : 0);
      u(s.begin);
      u(s.end);
    } else {
      ok_ = false;  // another file's span: a FileId cannot be stored
    }
  }
  bool enter() {
    if (++depth_ > kMaxSerialDepth) ok_ = false;
    return ok_;
  }

  void comments(const Comments& cs) {
    u(cs.size());
    for (const Comment& c : cs) {
      str(c.text);
      span(c.span);
      u((c.blank_before ? 1u : 0u) | (c.blank_after ? 2u : 0u));
    }
  }

  void exprs(const std::vector<ExprPtr>& es) {
    u(es.size());
    for (const ExprPtr& e : es) expr(e.get());
  }

  void entries(const std::vector<Entry>& es) {
    u(es.size());
    for (const Entry& en : es) {
      str(en.key);
      span(en.key_span);
      u((en.key_quoted ? 1u : 0u) | (en.blank_before ? 2u : 0u));
      expr(en.value.get());
      comments(en.comments().leading);
      comments(en.comments().trailing);
    }
  }

  void expr(const Expr* e) {
    if (e == nullptr) return u(0);
    if (!enter()) return;
    uint32_t f = 0;
    if (!e->text.empty()) f |= kExText;
    if (!is_empty(e->name_span)) f |= kExNameSpan;
    if (!e->parts.empty()) f |= kExParts;
    if (!e->items.empty()) f |= kExItems;
    if (!e->entries.empty()) f |= kExEntries;
    if (e->lhs) f |= kExLhs;
    if (e->rhs) f |= kExRhs;
    if (e->rare().third) f |= kExThird;
    if (e->rare().key) f |= kExKey;
    if (bits_of(e->number) != 0) f |= kExNumber;
    if (e->boolean) f |= kExBoolean;
    if (!e->rare().heredoc.empty()) f |= kExHeredoc;
    if (e->rare().heredoc_indented) f |= kExHeredocIndented;
    if (!e->rare().index_name.empty()) f |= kExIndexName;
    if (!is_empty(e->rare().index_span)) f |= kExIndexSpan;
    if (e->parens) f |= kExParens;
    if (e->multiline) f |= kExMultiline;
    if (e->blank_before) f |= kExBlankBefore;
    if (!e->rare().leading.empty()) f |= kExLeading;
    if (!e->rare().trailing.empty()) f |= kExTrailing;
    if (!e->rare().closing.empty()) f |= kExClosing;
    u(static_cast<uint64_t>(e->kind) + 1);
    u(f);
    span(e->span);
    if (f & kExText) str(e->text);
    if (f & kExNameSpan) span(e->name_span);
    if (f & kExParts) {
      u(e->parts.size());
      for (const StringPart& p : e->parts) {
        str(p.text);
        str(p.raw);
        expr(p.expr.get());
        span(p.span);
      }
    }
    if (f & kExItems) exprs(e->items);
    if (f & kExEntries) entries(e->entries);
    if (f & kExLhs) expr(e->lhs.get());
    if (f & kExRhs) expr(e->rhs.get());
    if (f & kExThird) expr(e->rare().third.get());
    if (f & kExKey) expr(e->rare().key.get());
    if (f & kExNumber) {
      uint64_t b = bits_of(e->number);
      for (int i = 0; i < 8; ++i) out_ += static_cast<char>((b >> (8 * i)) & 0xff);
    }
    if (f & kExHeredoc) str(e->rare().heredoc);
    if (f & kExIndexName) str(e->rare().index_name);
    if (f & kExIndexSpan) span(e->rare().index_span);
    if (f & kExLeading) comments(e->rare().leading);
    if (f & kExTrailing) comments(e->rare().trailing);
    if (f & kExClosing) comments(e->rare().closing);
    --depth_;
  }

  void type(const TypeRef& t) {
    if (!enter()) return;
    str(t.name);
    u(t.args.size());
    for (const TypeRef& a : t.args) type(a);
    u(t.fields.size());
    for (const FieldType& fl : t.fields) {
      str(fl.name);
      u(fl.optional ? 1 : 0);
      type(fl.type);
    }
    span(t.span);
    --depth_;
  }

  void annotations(const std::vector<Annotation>& as) {
    u(as.size());
    for (const Annotation& a : as) {
      str(a.name);
      span(a.span);
      span(a.name_span);
      exprs(a.args);
      comments(a.leading);
      comments(a.trailing);
    }
  }

  void decls(const std::vector<Decl>& ds) {
    u(ds.size());
    for (const Decl& d : ds) decl(d);
  }

  void decl(const Decl& d) {
    if (!enter()) return;
    uint32_t f = 0;
    if (!d.doc.empty()) f |= kDcDoc;
    if (!d.annotations.empty()) f |= kDcAnnotations;
    if (!is_empty(d.type)) f |= kDcType;
    if (d.value) f |= kDcValue;
    if (!d.resource_type.empty()) f |= kDcResourceType;
    if (!is_empty(d.resource_type_span)) f |= kDcResourceTypeSpan;
    if (!d.properties.empty()) f |= kDcProperties;
    if (!is_empty(d.body_span)) f |= kDcBodySpan;
    if (d.key) f |= kDcKey;
    if (!d.import_path.empty()) f |= kDcImportPath;
    if (d.import_is_file) f |= kDcImportIsFile;
    if (d.import_alias) f |= kDcImportAlias;
    if (!d.module.empty()) f |= kDcModule;
    if (!is_empty(d.module_span)) f |= kDcModuleSpan;
    if (d.message) f |= kDcMessage;
    if (!d.index_name.empty()) f |= kDcIndexName;
    if (!is_empty(d.index_span)) f |= kDcIndexSpan;
    if (!d.body.empty()) f |= kDcBody;
    if (!d.else_body.empty()) f |= kDcElseBody;
    if (d.has_else) f |= kDcHasElse;
    if (d.blank_before) f |= kDcBlankBefore;
    if (d.body_one_line) f |= kDcBodyOneLine;
    if (!d.leading.empty()) f |= kDcLeading;
    if (!d.keyword.empty()) f |= kDcKeyword;
    if (!d.trailing.empty()) f |= kDcTrailing;
    if (!d.closing.empty()) f |= kDcClosing;
    if (!d.else_closing.empty()) f |= kDcElseClosing;
    u(static_cast<uint64_t>(d.kind));
    u(f);
    span(d.span);
    span(d.name_span);
    str(d.name);
    if (f & kDcDoc) str(d.doc);
    if (f & kDcAnnotations) annotations(d.annotations);
    if (f & kDcType) type(d.type);
    if (f & kDcValue) expr(d.value.get());
    if (f & kDcResourceType) str(d.resource_type);
    if (f & kDcResourceTypeSpan) span(d.resource_type_span);
    if (f & kDcProperties) entries(d.properties);
    if (f & kDcBodySpan) span(d.body_span);
    if (f & kDcKey) expr(d.key.get());
    if (f & kDcImportPath) str(d.import_path);
    if (f & kDcModule) str(d.module);
    if (f & kDcModuleSpan) span(d.module_span);
    if (f & kDcMessage) expr(d.message.get());
    if (f & kDcIndexName) str(d.index_name);
    if (f & kDcIndexSpan) span(d.index_span);
    if (f & kDcBody) decls(d.body);
    if (f & kDcElseBody) decls(d.else_body);
    if (f & kDcLeading) comments(d.leading);
    if (f & kDcKeyword) comments(d.keyword);
    if (f & kDcTrailing) comments(d.trailing);
    if (f & kDcClosing) comments(d.closing);
    if (f & kDcElseClosing) comments(d.else_closing);
    --depth_;
  }

  FileId file_;
  std::string& out_;
  int depth_ = 0;
  bool ok_ = true;
};

}  // namespace

bool write_program(const Program& p, std::string& out) { return Writer(p.file, out).program(p); }

}  // namespace infrac::ast
