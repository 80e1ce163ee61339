#include "syntax/ast_builder.h"

#include <antlr4-runtime.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <set>

#include "InfraLexer.h"
#include "InfraParser.h"
#include "syntax/lexer.h"
#include "syntax/parser.h"
#include "syntax/token_list.h"

namespace infrac::syntax {

using gen::InfraLexer;
using gen::InfraParser;

class AstBuilder {
 public:
  AstBuilder(TokenList& tokens, std::string_view source, FileId file, const OffsetMap& offsets,
          diag::Engine& diags)
      : tokens_(tokens), source_(source), file_(file), offsets_(offsets), diags_(diags) {}

  // Declarations are added in order as they are parsed (their trees may be gone once
  // added); `finish` takes the end of the file.
  void add(InfraParser::DeclContext* d) {
    if (program_.decls.empty()) {
      first_start_ = d->getStart();
      first_is_import_ = d->db->id != nullptr;
    }
    program_.decls.push_back(decl(d));
  }

  ast::Program finish(antlr4::Token* eof) {
    ast::Program p = std::move(program_);
    // The declarations came one at a time: a program of 10,000 would keep 16,384 places
    // (a declaration is 640 bytes). Not reserved ahead from a count of keywords: a file
    // of nothing but `if`s would reserve a declaration for each.
    p.decls.shrink_to_fit();
    p.file = file_;
    p.trailing = leading(eof, nullptr);
    for (size_t i = 0; i < tokens_.size(); ++i) {
      antlr4::Token* t = tokens_.get(i);
      if (is_comment(t) && !claimed(t)) p.unplaced.push_back(comment(t));
    }
    // The first `///` block of the file documents the file (a module) rather than its
    // first declaration when a blank line follows it, or when that declaration is an
    // `import`, which has no documentation of its own.
    if (!p.decls.empty()) {
      Docs d = docs_before(first_start_);
      if (!d.blocks.empty() && (!d.last_is_attached || d.blocks.size() > 1 || first_is_import_)) {
        p.doc = d.blocks.front();
        if (d.blocks.size() == 1 && d.last_is_attached) p.decls.front().doc.clear();
      }
    }
    return p;
  }

  void reserve(size_t decls) { program_.decls.reserve(decls); }

 private:
  Span span(antlr4::Token* a, antlr4::Token* b) const {
    return Span{file_, offsets_.byte(a->getStartIndex()), offsets_.byte(b->getStopIndex() + 1)};
  }
  Span span(antlr4::Token* t) const { return span(t, t); }
  Span span(antlr4::ParserRuleContext* c) const { return span(c->getStart(), c->getStop()); }
  Span span(antlr4::tree::TerminalNode* n) const { return span(n->getSymbol()); }

  // A token's text, sliced from the source: Token::getText makes a new string, and
  // RuleContext::getText walks the tree.
  std::string_view text(antlr4::Token* t) const {
    Span s = span(t);
    return source_.substr(s.begin, s.end - s.begin);
  }
  std::string_view text(antlr4::tree::TerminalNode* n) const { return text(n->getSymbol()); }
  // Of a rule that matches one token (`name`).
  std::string_view text(InfraParser::NameContext* c) const { return text(c->getStart()); }

  // An expression: its operands grouped by the binary operators' precedence
  // (grammar/InfraParser.g4), then the conditional around them.
  ast::ExprPtr expr(InfraParser::ExprContext* c) {
    size_t k = 0;
    ast::ExprPtr e = chain(c, k, 1);
    if (c->yes == nullptr) return e;
    ast::Expr* cond = make(ast::ExprKind::Conditional, span(c));
    cond->lhs = std::move(e);
    cond->rhs = expr(c->yes);
    cond->rare_mut().third = expr(c->no);
    return ast::ExprPtr(cond);
  }

  // How tightly a binary operator binds: 6 for `*`, down to 1 for `||`.
  static int level(antlr4::Token* op) {
    switch (op->getType()) {
      case InfraLexer::STAR: case InfraLexer::SLASH: case InfraLexer::PERCENT: return 6;
      case InfraLexer::PLUS: case InfraLexer::MINUS: return 5;
      case InfraLexer::LT: case InfraLexer::LE: case InfraLexer::GT: case InfraLexer::GE: return 4;
      case InfraLexer::EQ: case InfraLexer::NE: return 3;
      case InfraLexer::AND: return 2;
      default: return 1;  // OR
    }
  }

  // The operands from `k` on joined by the operators of level `min` and above, left to
  // right; `k` is left at the last operand taken. Recursion is as deep as the levels.
  ast::ExprPtr chain(InfraParser::ExprContext* c, size_t& k, int min) {
    const auto& operands = c->operands;
    const auto& ops = c->ops;
    antlr4::Token* first = operands[k]->getStart();
    ast::ExprPtr lhs = unary(operands[k]);
    while (k < ops.size() && level(ops[k]) >= min) {
      antlr4::Token* op = ops[k];
      ++k;
      ast::ExprPtr rhs = chain(c, k, level(op) + 1);
      ast::Expr* e = make(ast::ExprKind::Binary, span(first, operands[k]->getStop()));
      e->text = std::string(text(op));
      e->name_span = span(op);
      e->lhs = std::move(lhs);
      e->rhs = std::move(rhs);
      lhs.reset(e);
    }
    return lhs;
  }

  // Each alternative of `primary` starts with a token of its own (grammar/InfraParser.g4):
  // that token tells which context class the parser made.
  ast::Expr* primary(InfraParser::PrimaryContext* p) {
    switch (p->getStart()->getType()) {
      case InfraLexer::NUMBER: return numberLit(static_cast<InfraParser::NumberLitContext*>(p));
      case InfraLexer::STR_START: return string(static_cast<InfraParser::StringLitContext*>(p)->s);
      case InfraLexer::TRUE_LIT: return trueLit(static_cast<InfraParser::TrueLitContext*>(p));
      case InfraLexer::FALSE_LIT: return falseLit(static_cast<InfraParser::FalseLitContext*>(p));
      case InfraLexer::NULL_LIT: return nullLit(static_cast<InfraParser::NullLitContext*>(p));
      case InfraLexer::QNAME: return qnameRef(static_cast<InfraParser::QnameRefContext*>(p));
      case InfraLexer::HEREDOC_START: return heredoc(static_cast<InfraParser::HeredocLitContext*>(p)->h);
      case InfraLexer::LBRACK: return listLit(static_cast<InfraParser::ListLitContext*>(p));
      case InfraLexer::LBRACE: return objectLit(static_cast<InfraParser::ObjectLitContext*>(p));
      case InfraLexer::LPAREN: return parenExpr(static_cast<InfraParser::ParenExprContext*>(p));
      default: return nameRef(static_cast<InfraParser::NameRefContext*>(p));  // IDENT or a keyword
    }
  }

  // An operand: a primary, its member accesses and indexes, then its prefix operators,
  // the nearest innermost.
  ast::ExprPtr unary(InfraParser::UnaryContext* u) {
    ast::ExprPtr e(primary(u->p));
    antlr4::Token* first = u->p->getStart();
    for (auto* s : u->suffixes) {
      if (s->n != nullptr) {
        ast::Expr* m = make(ast::ExprKind::Member, span(first, s->getStop()));
        m->lhs = std::move(e);
        m->text = std::string(text(s->n));
        m->name_span = span(s->n);
        e.reset(m);
      } else {
        ast::Expr* x = make(ast::ExprKind::Index, span(first, s->close));
        x->lhs = std::move(e);
        x->rhs = expr(s->idx);
        e.reset(x);
      }
    }
    antlr4::Token* last = u->getStop();
    for (size_t i = u->pre.size(); i-- > 0;) {
      ast::Expr* op = make(ast::ExprKind::Unary, span(u->pre[i], last));
      op->text = std::string(text(u->pre[i]));
      op->lhs = std::move(e);
      e.reset(op);
    }
    return e;
  }

  // The line a token ends on.
  size_t end_line(antlr4::Token* t) const {
    std::string_view s = text(t);
    return t->getLine() + static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
  }

  // Comments: every comment token is claimed by the node it is attached to (syntax/ast.h),
  // in the order the nodes are built; those left unclaimed become Program::unplaced.
  static bool is_comment(antlr4::Token* t) {
    return t->getChannel() != antlr4::Token::DEFAULT_CHANNEL && t->getType() != antlr4::Token::EOF;
  }
  bool claimed(antlr4::Token* t) const { return claimed_.count(t->getTokenIndex()) > 0; }

  // Whether a blank line separates token `t` from the token (of any channel) before it.
  bool blank_before_token(antlr4::Token* t) {
    size_t i = t->getTokenIndex();
    return i > 0 && t->getLine() >= end_line(tokens_.get(i - 1)) + 2;
  }

  ast::Comment comment(antlr4::Token* t) {
    ast::Comment c;
    c.text = std::string(text(t));
    c.span = span(t);
    c.blank_before = blank_before_token(t);
    return c;
  }

  // The unclaimed comments right before `start` (after the previous code token), which
  // lead what starts there; `blank` tells whether a blank line comes before all of it.
  // Inside an interpolation nothing is claimed: a comment there has no place in a string.
  ast::Comments leading(antlr4::Token* start, bool* blank) {
    ast::Comments out;
    size_t i = start->getTokenIndex();
    while (i > 0 && is_comment(tokens_.get(i - 1))) --i;
    if (interp_ == 0) {
      for (size_t k = i; k < start->getTokenIndex(); ++k) {
        antlr4::Token* t = tokens_.get(k);
        if (claimed(t)) continue;
        claimed_.insert(k);
        out.push_back(comment(t));
      }
      if (!out.empty()) out.back().blank_after = blank_before_token(start);
    }
    if (blank != nullptr) *blank = out.empty() ? blank_before_token(start) : out.front().blank_before;
    return out;
  }

  // The comments after `last` on the line it ends on (a comment may continue the line of
  // the one before it), and after the `,` that follows it when `comma`. Doc comments lead
  // the next declaration instead.
  ast::Comments trailing(antlr4::Token* last, bool comma) {
    ast::Comments out;
    if (interp_ > 0) return out;
    auto take = [&](antlr4::Token* after) {
      size_t line = end_line(after);
      size_t k = after->getTokenIndex() + 1;
      for (; k < tokens_.size() && is_comment(tokens_.get(k)); ++k) {
        antlr4::Token* t = tokens_.get(k);
        if (t->getLine() != line || t->getType() == InfraLexer::DOC_COMMENT || claimed(t)) break;
        claimed_.insert(k);
        out.push_back(comment(t));
        line = end_line(t);
      }
      return k;
    };
    size_t next = take(last);
    while (next < tokens_.size() && is_comment(tokens_.get(next))) ++next;
    if (comma && next < tokens_.size() && tokens_.get(next)->getType() == InfraLexer::COMMA) take(tokens_.get(next));
    return out;
  }

  // A list, object or call written with a line break after its opening bracket.
  bool broken_after(antlr4::Token* open, antlr4::ParserRuleContext* first) {
    return first != nullptr && first->getStart()->getLine() > end_line(open);
  }

  // The comments before a list's, object's or call's closing bracket, kept only when there
  // are some (an expression without them has no ExprRare).
  static void set_closing(ast::Expr& e, ast::Comments closing) {
    if (!closing.empty()) e.rare_mut().closing = std::move(closing);
  }

  // A list item or a call or annotation argument, with its comments.
  ast::ExprPtr item(InfraParser::ExprContext* c) {
    bool blank = false;
    ast::Comments lead = leading(c->getStart(), &blank);
    ast::ExprPtr e = expr(c);
    e->blank_before = blank;
    ast::Comments trail = trailing(c->getStop(), true);
    if (!lead.empty() || !trail.empty()) {
      ast::ExprRare& rare = e->rare_mut();
      rare.leading = std::move(lead);
      rare.trailing = std::move(trail);
    }
    return e;
  }

  static ast::Expr* make(ast::ExprKind kind, Span s) {
    auto* e = new ast::Expr;
    e->kind = kind;
    e->span = s;
    return e;
  }

  // The `///` comments before a declaration, in blocks separated by blank lines; the last
  // block is the declaration's own when no blank line separates it from the declaration.
  struct Docs {
    std::vector<std::string> blocks;
    bool last_is_attached = false;
  };
  Docs docs_before(antlr4::Token* start) {
    Docs d;
    auto blank_between = [&](size_t from, size_t to) {
      if (to <= from) return false;
      std::string_view between = source_.substr(from, to - from);
      return std::count(between.begin(), between.end(), '\n') >= 2;
    };
    antlr4::Token* prev = nullptr;
    for (antlr4::Token* t : tokens_.hidden_to_left(start->getTokenIndex(), 2)) {
      std::string line = std::string(text(t).substr(3));
      if (!line.empty() && line[0] == ' ') line.erase(0, 1);
      if (prev == nullptr || blank_between(prev->getStopIndex() + 1, t->getStartIndex())) d.blocks.emplace_back();
      else d.blocks.back() += "\n";
      d.blocks.back() += line;
      prev = t;
    }
    d.last_is_attached = prev != nullptr && !blank_between(prev->getStopIndex() + 1, start->getStartIndex());
    return d;
  }

  std::string doc_before(antlr4::Token* start) {
    Docs d = docs_before(start);
    return d.last_is_attached ? d.blocks.back() : "";
  }

  ast::Decl decl(InfraParser::DeclContext* c) {
    ast::Decl d;
    auto* b = c->db;
    d.doc = doc_before(c->getStart());
    d.leading = leading(c->getStart(), &d.blank_before);
    for (auto* a : c->annotations) {
      ast::Annotation an;
      an.name = std::string(text(a->n));
      an.span = span(a);
      an.name_span = span(a->getStart(), a->n->getStop());
      an.leading = leading(a->getStart(), nullptr);
      for (auto* e : a->args) an.args.push_back(item(e));
      an.trailing = trailing(a->getStop(), false);
      d.annotations.push_back(std::move(an));
    }
    d.keyword = leading(b->getStart(), nullptr);
    d.span = span(b);
    if (auto* im = b->id) {
      d.kind = ast::DeclKind::Import;
      if (im->d != nullptr) {
        const auto& names = im->d->parts;
        for (auto* n : names) {
          if (!d.import_path.empty()) d.import_path += '.';
          d.import_path += text(n);
        }
        d.name_span = span(im->d);
        d.name = std::string(text(names.back()));
      } else {
        d.import_path = plain_string(im->s);
        d.import_is_file = true;
        d.name_span = span(im->s);
        std::string stem = d.import_path.substr(d.import_path.find_last_of('/') + 1);
        d.name = stem.substr(0, stem.rfind(".infra") == std::string::npos ? stem.size() : stem.rfind(".infra"));
      }
      if (im->alias != nullptr) {
        d.name = std::string(text(im->alias));
        d.import_alias = true;
        d.name_span = span(im->alias);
      }
    } else if (auto* m = b->md) {
      d.kind = ast::DeclKind::Module;
      take_name(d, m->n);
      d.module = std::string(text(m->m));
      d.module_span = span(m->m);
      if (m->k != nullptr) d.key = expr(m->k);
      take_body(d, m->b);
    } else if (auto* a = b->ad) {
      d.kind = ast::DeclKind::Assert;
      d.name_span = span(a->kw);
      d.value = expr(a->cond);
      d.message = expr(a->msg);
    } else if (auto* f = b->fd) {
      d.kind = ast::DeclKind::For;
      const auto& names = f->names;
      d.name = std::string(text(names.back()));
      d.name_span = span(names.back());
      if (names.size() == 2) {
        d.index_name = std::string(text(names.front()));
        d.index_span = span(names.front());
      }
      d.value = expr(f->iter);
      d.closing = block(f->bl, depth_ + 1, d.body);
    } else if (auto* i = b->ifd) {
      if_decl(i, d);
    } else if (auto* t = b->td) {
      d.kind = ast::DeclKind::Template;
      d.name_span = span(t->kw);
      take_body(d, t->b);
    } else if (auto* p = b->pd) {
      d.kind = ast::DeclKind::Param;
      take_name(d, p->n);
      d.type = type(p->t);
      if (p->v != nullptr) d.value = expr(p->v);
    } else if (auto* l = b->ld) {
      d.kind = ast::DeclKind::Let;
      take_name(d, l->n);
      d.value = expr(l->v);
    } else if (auto* r = b->rd) {
      d.kind = ast::DeclKind::Resource;
      take_name(d, r->n);
      d.resource_type = std::string(text(r->q));
      d.resource_type_span = span(r->q);
      if (r->k != nullptr) d.key = expr(r->k);
      take_body(d, r->b);
    } else if (auto* o = b->od) {
      d.kind = ast::DeclKind::Output;
      take_name(d, o->n);
      d.value = expr(o->v);
    }
    d.trailing = trailing(c->getStop(), false);
    return d;
  }

  // The body of a `for` or an `if` branch, one level deeper.
  // Returns the comments before its closing `}`.
  ast::Comments block(InfraParser::BlockContext* b, int depth, std::vector<ast::Decl>& out) {
    int saved = depth_;
    depth_ = depth;
    for (auto* inner : b->decls) out.push_back(decl(inner));
    depth_ = saved;
    return leading(b->close, nullptr);
  }

  // `if a {} else if b {} else {}`: each `else if` is an `if` in the else branch of the
  // one before, and nests one level deeper.
  void if_decl(InfraParser::IfDeclContext* i, ast::Decl& d) {
    const auto& ifs = i->ifs;
    const auto& conditions = i->conds;
    const auto& blocks = i->blocks;
    ast::Decl* branch = &d;
    for (size_t n = 0; n < ifs.size(); ++n) {
      int depth = depth_ + static_cast<int>(n) + 1;
      if (depth > kMaxNesting) {
        diags_.report(diag::Kind::NestingTooDeep, span(ifs[n]), {std::to_string(kMaxNesting)})
            .help("each `else if` nests one level deeper; write some branches as separate `if`s");
        return;
      }
      if (n > 0) {
        branch->has_else = true;
        branch->else_body.emplace_back();
        branch = &branch->else_body.back();
        branch->span = span(ifs[n], i->getStop());
      }
      branch->kind = ast::DeclKind::If;
      branch->name_span = span(ifs[n]);
      branch->value = expr(conditions[n]);
      branch->closing = block(blocks[n], depth, branch->body);
    }
    if (blocks.size() > ifs.size()) {
      branch->has_else = true;
      branch->else_closing = block(blocks.back(), depth_ + static_cast<int>(ifs.size()), branch->else_body);
    }
  }

  ast::TypeRef type(InfraParser::TypeExprContext* c) {
    ast::TypeRef t;
    t.span = span(c);
    if (c->q != nullptr) {
      t.name = std::string(text(c->q));
    } else if (c->open != nullptr) {
      t.name = "{}";
      for (auto* f : c->fields) {
        ast::FieldType ft;
        ft.name = std::string(text(f->n));
        ft.optional = f->opt != nullptr;
        ft.type = type(f->t);
        t.fields.push_back(std::move(ft));
      }
    } else {
      t.name = std::string(text(c->n));
      for (auto* a : c->args) t.args.push_back(type(a));
    }
    return t;
  }

  // A declaration's name and where it is written.
  void take_name(ast::Decl& d, InfraParser::NameContext* n) {
    d.name = std::string(text(n));
    d.name_span = span(n);
  }

  // A declaration's `{ }` body: its entries and where it is.
  void take_body(ast::Decl& d, InfraParser::BodyContext* b) {
    d.body_span = span(b);
    d.body_one_line = one_line(b);
    d.properties = entries(b, d.closing);
  }

  bool one_line(InfraParser::BodyContext* c) { return c->getStart()->getLine() == end_line(c->getStop()); }

  // The entries of a `{ }` body, with their comments; `closing` gets those before its `}`.
  std::vector<ast::Entry> entries(InfraParser::BodyContext* c, ast::Comments& closing) {
    return entries(c->entries, c->close, closing);
  }

  // The entries of a body or an object, and `closing` the comments before its `}`.
  std::vector<ast::Entry> entries(const std::vector<InfraParser::EntryContext*>& list, antlr4::Token* close,
                                  ast::Comments& closing) {
    std::vector<ast::Entry> out;
    out.reserve(list.size());
    for (auto* e : list) {
      ast::Entry en;
      en.key_span = span(e->k);
      ast::Comments lead = leading(e->getStart(), &en.blank_before);
      if (e->k->n != nullptr) {
        en.key = std::string(text(e->k->n));
      } else {
        en.key = plain_string(e->k->s);
        en.key_quoted = true;
      }
      en.value = expr(e->v);
      ast::Comments trail = trailing(e->getStop(), true);
      if (!lead.empty() || !trail.empty()) {
        ast::EntryComments& cs = en.comments_mut();
        cs.leading = std::move(lead);
        cs.trailing = std::move(trail);
      }
      out.push_back(std::move(en));
    }
    closing = leading(close, nullptr);
    return out;
  }

  // A string used as a key: interpolation is not allowed there.
  std::string plain_string(InfraParser::StringContext* s) {
    std::string out;
    for (auto* part : s->parts) {
      if (auto* t = text_part(part)) {
        out += unescape(t->t);
      } else {
        diags_.report(diag::Kind::TypeMismatch, span(part), {"a plain string as a key", "an interpolation"})
            .help("write the key without `${...}`");
      }
    }
    return out;
  }

  // A string's part when it is text (a textPart, which starts with its STR_TEXT token),
  // else null (an interpPart).
  static InfraParser::TextPartContext* text_part(InfraParser::StringPartContext* part) {
    return part->getStart()->getType() == InfraLexer::STR_TEXT ? static_cast<InfraParser::TextPartContext*>(part) : nullptr;
  }

  std::string unescape(antlr4::Token* tok) {
    std::string_view raw = text(tok);
    std::string out;
    out.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '\\' || i + 1 >= raw.size()) { out += raw[i]; continue; }
      char c = raw[++i];
      switch (c) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '"': case '\\': case '$': out += c; break;
        default: {
          // Find the byte offset of this escape within the token for the span.
          uint32_t base = offsets_.byte(tok->getStartIndex());
          size_t len = 1;
          while (i + len < raw.size() && (static_cast<unsigned char>(raw[i + len]) & 0xC0) == 0x80) ++len;
          Span s{file_, base + static_cast<uint32_t>(i - 1), base + static_cast<uint32_t>(i + len)};
          diags_.report(diag::Kind::InvalidEscape, s, {"\\" + std::string(raw.substr(i, len))})
              .help("the escapes are `\\\"`, `\\\\`, `\\$`, `\\n`, `\\r` and `\\t`");
          out += raw.substr(i, len);
          i += len - 1;
        }
      }
    }
    return out;
  }

  ast::Expr* numberLit(InfraParser::NumberLitContext* c) {
    ast::Expr* e = make(ast::ExprKind::Number, span(c));
    e->text = std::string(text(c->getStart()));
    e->number = std::strtod(e->text.c_str(), nullptr);
    bool integral = e->text.find_first_of(".eE") == std::string::npos;
    // Integers beyond 2^53 cannot be represented exactly; neither can infinities.
    size_t significant = e->text.size() - std::min(e->text.find_first_not_of('0'), e->text.size() - 1);
    if (!std::isfinite(e->number) || (integral && (significant > 16 || e->number > 9007199254740992.0))) {
      diags_.report(diag::Kind::NumberTooLarge, e->span, {e->text})
          .note("numbers are exact up to 9007199254740992 (2^53)")
          .help("write it as a string if it is an identifier, such as an account number");
      e->kind = ast::ExprKind::Error;
    }
    return e;
  }


  ast::Expr* string(InfraParser::StringContext* c) {
    ast::Expr* e = make(ast::ExprKind::String, span(c));
    for (auto* part : c->parts) {
      ast::StringPart sp;
      sp.span = span(part);
      if (auto* t = text_part(part)) {
        sp.text = unescape(t->t);
        sp.raw = std::string(text(t->t));
        // Adjacent text tokens (text, `$`, text) form one literal part.
        if (!e->parts.empty() && !e->parts.back().expr) {
          e->parts.back().text += sp.text;
          e->parts.back().raw += sp.raw;
          e->parts.back().span = Span::cover(e->parts.back().span, sp.span);
          continue;
        }
      } else {
        auto* ip = static_cast<InfraParser::InterpPartContext*>(part);
        ++interp_;
        sp.expr = expr(ip->e);
        --interp_;
      }
      e->parts.push_back(std::move(sp));
    }
    return e;
  }


  // A heredoc's text, line by line; in the indented form `<<-` the blanks that all its
  // lines with text start with are removed (lines of blanks only lose what they have of
  // them). Line ends are `\n`, written `\r\n` or not; `$${` is the text `${`.
  ast::Expr* heredoc(InfraParser::HeredocContext* c) {
    ast::Expr* e = make(ast::ExprKind::String, span(c));
    std::string start = std::string(text(c->marker));
    e->rare_mut().heredoc = std::string(heredoc_marker(start));
    e->rare_mut().heredoc_indented = heredoc_indented(start);
    struct Piece {
      std::string text;
      ast::ExprPtr expr;
      Span span;
    };
    std::vector<std::vector<Piece>> lines(1);
    for (auto* part : c->parts) {
      Piece p;
      p.span = span(part);
      size_t type = part->getStart()->getType();
      if (type != InfraLexer::HD_INTERP_OPEN) {  // a heredocText
        p.text = type == InfraLexer::HD_NEWLINE ? "\n" : type == InfraLexer::HD_ESCAPED ? "${" : std::string(text(part->getStart()));
        lines.back().push_back(std::move(p));
        if (type == InfraLexer::HD_NEWLINE) lines.emplace_back();
      } else {
        p.expr = expr(static_cast<InfraParser::HeredocInterpContext*>(part)->e);
        lines.back().push_back(std::move(p));
      }
    }
    auto leading = [](const std::vector<Piece>& line) -> std::string {
      if (line.empty() || line.front().expr) return "";
      const std::string& t = line.front().text;
      return t.substr(0, std::min(t.find_first_not_of(" \t"), t.size()));
    };
    auto blank = [](const std::vector<Piece>& line) {
      return std::all_of(line.begin(), line.end(), [](const Piece& p) {
        return !p.expr && p.text.find_first_not_of(" \t\n") == std::string::npos;
      });
    };
    if (e->rare().heredoc_indented) {
      std::optional<std::string> common;
      for (const auto& line : lines) {
        if (blank(line)) continue;
        std::string lead = leading(line);
        if (!common) { common = lead; continue; }
        size_t n = 0;
        while (n < common->size() && n < lead.size() && (*common)[n] == lead[n]) ++n;
        common->resize(n);
      }
      for (auto& line : lines) {
        if (!common || line.empty() || line.front().expr) continue;
        std::string& t = line.front().text;
        size_t n = 0;
        while (n < common->size() && n < t.size() && t[n] == (*common)[n]) ++n;
        t.erase(0, n);
        line.front().span.begin += static_cast<uint32_t>(n);
      }
    }
    for (auto& line : lines) {
      for (Piece& p : line) {
        if (!p.expr && p.text.empty()) continue;
        if (!p.expr && !e->parts.empty() && !e->parts.back().expr) {
          e->parts.back().text += p.text;
          e->parts.back().span = Span::cover(e->parts.back().span, p.span);
          continue;
        }
        ast::StringPart sp;
        sp.text = std::move(p.text);
        sp.expr = std::move(p.expr);
        sp.span = p.span;
        e->parts.push_back(std::move(sp));
      }
    }
    return e;
  }

  // `for x in xs :` or `for i, x in xs :` of a comprehension.
  void for_clause(InfraParser::ForClauseContext* f, ast::Expr& e) {
    const auto& names = f->names;
    e.text = std::string(text(names.back()));
    e.name_span = span(names.back());
    if (names.size() == 2) {
      e.rare_mut().index_name = std::string(text(names.front()));
      e.rare_mut().index_span = span(names.front());
    }
    e.lhs = expr(f->iter);
  }

  ast::Expr* trueLit(InfraParser::TrueLitContext* c) {
    ast::Expr* e = make(ast::ExprKind::Bool, span(c));
    e->boolean = true;
    return e;
  }
  ast::Expr* falseLit(InfraParser::FalseLitContext* c) {
    return make(ast::ExprKind::Bool, span(c));
  }
  ast::Expr* nullLit(InfraParser::NullLitContext* c) { return make(ast::ExprKind::Null, span(c)); }

  ast::Expr* nameRef(InfraParser::NameRefContext* c) {
    if (c->open != nullptr) return call(c);
    ast::Expr* e = make(ast::ExprKind::Name, span(c));
    e->text = std::string(text(c->getStart()));
    return e;
  }

  ast::Expr* call(InfraParser::NameRefContext* c) {
    ast::Expr* e = make(ast::ExprKind::Call, span(c));
    e->text = std::string(text(c->n));
    e->name_span = span(c->n);
    for (auto* a : c->args) e->items.push_back(item(a));
    set_closing(*e, leading(c->close, nullptr));
    e->multiline = broken_after(c->open, c->args.empty() ? nullptr : c->args.front());
    return e;
  }

  ast::Expr* qnameRef(InfraParser::QnameRefContext* c) {
    ast::Expr* e = make(ast::ExprKind::Name, span(c));
    e->text = std::string(text(c->getStart()));
    return e;
  }

  ast::Expr* listLit(InfraParser::ListLitContext* c) {
    if (c->fc != nullptr) {
      ast::Expr* e = make(ast::ExprKind::ListFor, span(c));
      for_clause(c->fc, *e);
      e->rhs = expr(c->each);
      if (c->cond != nullptr) e->rare_mut().third = expr(c->cond);
      return e;
    }
    ast::Expr* e = make(ast::ExprKind::List, span(c));
    e->items.reserve(c->items.size());
    for (auto* a : c->items) e->items.push_back(item(a));
    set_closing(*e, leading(c->close, nullptr));
    e->multiline = broken_after(c->open, c->items.empty() ? nullptr : c->items.front());
    return e;
  }

  ast::Expr* objectLit(InfraParser::ObjectLitContext* c) {
    if (c->fc != nullptr) {
      ast::Expr* e = make(ast::ExprKind::ObjectFor, span(c));
      for_clause(c->fc, *e);
      e->rare_mut().key = expr(c->k);
      e->rhs = expr(c->v);
      if (c->cond != nullptr) e->rare_mut().third = expr(c->cond);
      return e;
    }
    ast::Expr* e = make(ast::ExprKind::Object, span(c));
    ast::Comments closing;
    e->entries = entries(c->entries, c->close, closing);
    set_closing(*e, std::move(closing));
    e->multiline = broken_after(c->open, c->entries.empty() ? nullptr : c->entries.front());
    return e;
  }

  ast::Expr* parenExpr(InfraParser::ParenExprContext* c) {
    ast::Expr* inner = expr(c->inner).release();
    inner->span = span(c);
    inner->parens = true;
    return inner;
  }

  ast::Program program_;                 // the declarations added so far
  antlr4::Token* first_start_ = nullptr;  // where the first declaration starts
  bool first_is_import_ = false;
  TokenList& tokens_;
  std::string_view source_;
  FileId file_;
  const OffsetMap& offsets_;
  diag::Engine& diags_;
  std::set<size_t> claimed_;  // the comment tokens attached to a node
  int interp_ = 0;            // the interpolations around the expression being built
  int depth_ = 0;  // the blocks of `for`s and `if`s around the declaration being built, and `else if`s
};

ast::Program build_ast(InfraParser::ProgramContext* program, TokenList& tokens,
                       std::string_view source, FileId file, const OffsetMap& offsets, diag::Engine& diags) {
  ProgramBuilder b(tokens, source, file, offsets, diags);
  // No reallocation, which would briefly hold two copies of the list.
  b.reserve(program->decls.size());
  for (auto* d : program->decls) b.add(d);
  return b.finish(program->eof);
}

ProgramBuilder::ProgramBuilder(TokenList& tokens, std::string_view source, FileId file, const OffsetMap& offsets,
                               diag::Engine& diags)
    : impl_(std::make_unique<AstBuilder>(tokens, source, file, offsets, diags)) {}

ProgramBuilder::~ProgramBuilder() = default;

void ProgramBuilder::add(gen::InfraParser::DeclContext* decl) { impl_->add(decl); }

void ProgramBuilder::reserve(size_t decls) { impl_->reserve(decls); }

ast::Program ProgramBuilder::finish(antlr4::Token* eof) { return impl_->finish(eof); }

}  // namespace infrac::syntax
