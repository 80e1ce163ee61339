#include "syntax/ast_serial.h"

#include <cstring>

#include "syntax/ast_serial_format.h"

namespace infrac::ast {

using namespace serial;

namespace {

// One pass over the bytes. The first bad read sets `ok_` and moves to the end, so that
// every read after it is empty and the recursion unwinds at once; what was built is then
// thrown away by the caller.
class Reader {
 public:
  Reader(std::string_view bytes, FileId file)
      : p_(reinterpret_cast<const unsigned char*>(bytes.data())), end_(p_ + bytes.size()), file_(file) {}

  bool program(Program& p) {
    p.file = file_;
    p.doc = str();
    decls(p.decls);
    comments(p.trailing);
    comments(p.unplaced);
    return ok_ && p_ == end_;
  }

 private:
  void fail() {
    ok_ = false;
    p_ = end_;
  }

  uint64_t u() {
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 64 && p_ != end_; shift += 7) {
      unsigned b = *p_++;
      if (shift == 63 && b > 1) break;  // more than 64 bits
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
    fail();
    return 0;
  }
  uint32_t u32() {
    uint64_t v = u();
    if (v > UINT32_MAX) fail();
    return ok_ ? static_cast<uint32_t>(v) : 0;
  }
  // A count of elements of at least `min_bytes` bytes each, which the bytes left must hold.
  size_t count(size_t min_bytes) {
    uint64_t n = u();
    if (n > static_cast<uint64_t>(end_ - p_) / min_bytes) fail();
    return ok_ ? static_cast<size_t>(n) : 0;
  }
  uint32_t flags(uint32_t known) {
    uint64_t f = u();
    if (f & ~static_cast<uint64_t>(known)) fail();
    return ok_ ? static_cast<uint32_t>(f) : 0;
  }
  bool enter() {
    if (++depth_ > kMaxSerialDepth) fail();
    return ok_;
  }

  std::string str() {
    size_t n = count(1);
    std::string s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }
  Span span() {
    switch (u()) {
      case 0: return Span{};
      case 1: {
        uint32_t begin = u32();
        uint32_t length = u32();
        if (length > UINT32_MAX - begin) fail();
        return ok_ ? Span{file_, begin, begin + length} : Span{};
      }
      case 2: {
        uint64_t in_file = u();
        uint32_t begin = u32();
        uint32_t end = u32();
        if (in_file > 1) fail();
        return ok_ ? Span{in_file ? file_ : kNoFile, begin, end} : Span{};
      }
      default: fail(); return Span{};
    }
  }

  void comments(Comments& cs) {
    size_t n = count(kMinComment);
    cs.reserve(n);
    for (size_t i = 0; i < n && ok_; ++i) {
      Comment& c = cs.emplace_back();
      c.text = str();
      c.span = span();
      uint32_t f = flags(3);
      c.blank_before = f & 1;
      c.blank_after = f & 2;
    }
  }

  void exprs(std::vector<ExprPtr>& es) {
    size_t n = count(1);
    es.reserve(n);
    for (size_t i = 0; i < n && ok_; ++i) es.push_back(expr());
  }

  void entries(std::vector<Entry>& es) {
    size_t n = count(kMinEntry);
    es.reserve(n);
    for (size_t i = 0; i < n && ok_; ++i) {
      Entry& en = es.emplace_back();
      en.key = str();
      en.key_span = span();
      uint32_t f = flags(3);
      en.key_quoted = f & 1;
      en.blank_before = f & 2;
      en.value = expr();
      Comments lead, trail;
      comments(lead);
      comments(trail);
      if (!lead.empty() || !trail.empty()) {
        EntryComments& cs = en.comments_mut();
        cs.leading = std::move(lead);
        cs.trailing = std::move(trail);
      }
    }
  }

  ExprPtr expr() {
    uint64_t kind = u();
    if (kind == 0) return nullptr;
    if (kind - 1 > kLastExprKind) fail();
    if (!ok_ || !enter()) return nullptr;
    auto e = std::make_unique<Expr>();
    e->kind = static_cast<ExprKind>(kind - 1);
    uint32_t f = flags(kExAll);
    e->span = span();
    if (f & kExText) e->text = str();
    if (f & kExNameSpan) e->name_span = span();
    if (f & kExParts) {
      size_t n = count(kMinPart);
      e->parts.reserve(n);
      for (size_t i = 0; i < n && ok_; ++i) {
        StringPart& p = e->parts.emplace_back();
        p.text = str();
        p.raw = str();
        p.expr = expr();
        p.span = span();
      }
    }
    if (f & kExItems) exprs(e->items);
    if (f & kExEntries) entries(e->entries);
    if (f & kExLhs) e->lhs = expr();
    if (f & kExRhs) e->rhs = expr();
    if (f & kExThird) e->rare_mut().third = expr();
    if (f & kExKey) e->rare_mut().key = expr();
    if (f & kExNumber) {
      if (end_ - p_ < 8) fail();
      if (ok_) {
        uint64_t b = 0;
        for (int i = 0; i < 8; ++i) b |= static_cast<uint64_t>(p_[i]) << (8 * i);
        p_ += 8;
        std::memcpy(&e->number, &b, sizeof b);
      }
    }
    e->boolean = f & kExBoolean;
    if (f & kExHeredoc) e->rare_mut().heredoc = str();
    if (f & kExHeredocIndented) e->rare_mut().heredoc_indented = true;
    if (f & kExIndexName) e->rare_mut().index_name = str();
    if (f & kExIndexSpan) e->rare_mut().index_span = span();
    e->parens = f & kExParens;
    e->multiline = f & kExMultiline;
    e->blank_before = f & kExBlankBefore;
    if (f & kExLeading) comments(e->rare_mut().leading);
    if (f & kExTrailing) comments(e->rare_mut().trailing);
    if (f & kExClosing) comments(e->rare_mut().closing);
    --depth_;
    return e;
  }

  void type(TypeRef& t) {
    if (!enter()) return;
    t.name = str();
    size_t n = count(kMinType);
    t.args.reserve(n);
    for (size_t i = 0; i < n && ok_; ++i) type(t.args.emplace_back());
    n = count(kMinField);
    t.fields.reserve(n);
    for (size_t i = 0; i < n && ok_; ++i) {
      FieldType& fl = t.fields.emplace_back();
      fl.name = str();
      fl.optional = flags(1) & 1;
      type(fl.type);
    }
    t.span = span();
    --depth_;
  }

  void annotations(std::vector<Annotation>& as) {
    size_t n = count(kMinAnnotation);
    as.reserve(n);
    for (size_t i = 0; i < n && ok_; ++i) {
      Annotation& a = as.emplace_back();
      a.name = str();
      a.span = span();
      a.name_span = span();
      exprs(a.args);
      comments(a.leading);
      comments(a.trailing);
    }
  }

  void decls(std::vector<Decl>& ds) {
    size_t n = count(kMinDecl);
    ds.reserve(n);
    for (size_t i = 0; i < n && ok_; ++i) decl(ds.emplace_back());
  }

  void decl(Decl& d) {
    uint64_t kind = u();
    if (kind > kLastDeclKind) fail();
    if (!ok_ || !enter()) return;
    d.kind = static_cast<DeclKind>(kind);
    uint32_t f = flags(kDcAll);
    d.span = span();
    d.name_span = span();
    d.name = str();
    if (f & kDcDoc) d.doc = str();
    if (f & kDcAnnotations) annotations(d.annotations);
    if (f & kDcType) type(d.type);
    if (f & kDcValue) d.value = expr();
    if (f & kDcResourceType) d.resource_type = str();
    if (f & kDcResourceTypeSpan) d.resource_type_span = span();
    if (f & kDcProperties) entries(d.properties);
    if (f & kDcBodySpan) d.body_span = span();
    if (f & kDcKey) d.key = expr();
    if (f & kDcImportPath) d.import_path = str();
    d.import_is_file = f & kDcImportIsFile;
    d.import_alias = f & kDcImportAlias;
    if (f & kDcModule) d.module = str();
    if (f & kDcModuleSpan) d.module_span = span();
    if (f & kDcMessage) d.message = expr();
    if (f & kDcIndexName) d.index_name = str();
    if (f & kDcIndexSpan) d.index_span = span();
    if (f & kDcBody) decls(d.body);
    if (f & kDcElseBody) decls(d.else_body);
    d.has_else = f & kDcHasElse;
    d.blank_before = f & kDcBlankBefore;
    d.body_one_line = f & kDcBodyOneLine;
    if (f & kDcLeading) comments(d.leading);
    if (f & kDcKeyword) comments(d.keyword);
    if (f & kDcTrailing) comments(d.trailing);
    if (f & kDcClosing) comments(d.closing);
    if (f & kDcElseClosing) comments(d.else_closing);
    --depth_;
  }

  const unsigned char* p_;
  const unsigned char* end_;
  FileId file_;
  int depth_ = 0;
  bool ok_ = true;
};

}  // namespace

bool read_program(std::string_view bytes, FileId file, Program& out) { return Reader(bytes, file).program(out); }

}  // namespace infrac::ast
