#include "syntax/depth.h"

#include <algorithm>
#include <string>

#include "InfraLexer.h"
#include "syntax/token_kinds.h"

namespace infrac::syntax {

using gen::InfraLexer;

namespace {

// The keywords a declaration starts with.
bool starts_declaration(size_t t) {
  return is_keyword(t) && t != InfraLexer::IN && t != InfraLexer::ELSE && t != InfraLexer::AS;
}

// Operators, each one more node of the expression it is in. `[` is one too, as an index.
bool is_operator(size_t t) {
  switch (t) {
    case InfraLexer::STAR: case InfraLexer::SLASH: case InfraLexer::PERCENT: case InfraLexer::PLUS:
    case InfraLexer::MINUS: case InfraLexer::LT: case InfraLexer::LE: case InfraLexer::GT: case InfraLexer::GE:
    case InfraLexer::EQ: case InfraLexer::NE: case InfraLexer::AND: case InfraLexer::OR: case InfraLexer::BANG:
    case InfraLexer::QUESTION: case InfraLexer::DOT:
      return true;
    default:
      return false;
  }
}

// A token an operand can end with: what follows it is an operator or the next item.
bool ends_operand(size_t t) {
  switch (t) {
    case InfraLexer::QNAME: case InfraLexer::NUMBER: case InfraLexer::STR_END: case InfraLexer::HEREDOC_END:
    case InfraLexer::TRUE_LIT:
    case InfraLexer::FALSE_LIT: case InfraLexer::NULL_LIT: case InfraLexer::RPAREN: case InfraLexer::RBRACK:
    case InfraLexer::RBRACE:
      return true;
    default:
      return is_name_token(t);
  }
}

}  // namespace

Span DepthCheck::span_of(antlr4::Token* t) const {
  return Span{file_, offsets_.byte(t->getStartIndex()), offsets_.byte(t->getStopIndex() + 1)};
}

bool DepthCheck::nesting_too_deep(antlr4::Token* t, const char* help) {
  diags_.report(diag::Kind::NestingTooDeep, span_of(t), {std::to_string(kMaxNesting)}).help(help);
  return false;
}

bool DepthCheck::open(antlr4::Token* t, bool string) {
  frames_.push_back(Frame{0, 0, string});
  if (string) return true;
  if (++depth_ > kMaxNesting) return nesting_too_deep(t, "split the value into `let` declarations");
  return true;
}

bool DepthCheck::close(antlr4::Token* t) {
  if (frames_.size() == 1) return true;  // closes nothing: the parser reports it
  Frame inner = frames_.back();
  frames_.pop_back();
  if (!inner.string) --depth_;
  int count = std::max(inner.seg, inner.peak);
  Frame& outer = frames_.back();
  if (outer.string) {
    outer.peak = std::max(outer.peak, count);
    return true;
  }
  outer.seg += count;
  if (outer.seg <= kMaxOperators) return true;
  diags_.report(diag::Kind::TooManyOperators, span_of(t), {std::to_string(kMaxOperators)})
      .label("counting the operators inside the brackets that close here")
      .help("split it into `let` declarations");
  return false;
}

bool DepthCheck::count_operator(antlr4::Token* t) {
  if (++frames_.back().seg <= kMaxOperators) return true;
  diags_.report(diag::Kind::TooManyOperators, span_of(t), {std::to_string(kMaxOperators)})
      .help("split it into `let` declarations");
  return false;
}

void DepthCheck::reset() {
  Frame& f = frames_.back();
  f.peak = std::max(f.peak, f.seg);
  f.seg = 0;
}

void DepthCheck::leave_type() {
  depth_ -= static_cast<int>(std::count(type_nest_.begin(), type_nest_.end(), true));
  type_nest_.clear();
  type_ = Type::None;
}

// The tokens of a parameter's type, from the `:` after its name: names, `< >`, `{ }`, `,`,
// and `name?:` in object types. Its operators are not operators. False at the first token
// that cannot continue the type.
bool DepthCheck::in_type(antlr4::Token* t) {
  size_t k = t->getType();
  bool in_angle = !type_nest_.empty() && type_nest_.back();
  bool in_brace = !type_nest_.empty() && !type_nest_.back();
  switch (type_) {
    case Type::ExpectType:
      if (is_name_token(k) || k == InfraLexer::QNAME) { type_ = Type::AfterType; return true; }
      if (k == InfraLexer::LBRACE) { type_nest_.push_back(false); type_ = Type::ExpectField; return true; }
      return false;
    case Type::AfterType:
      if (k == InfraLexer::LT) { type_nest_.push_back(true); type_ = Type::ExpectType; return true; }
      if (k == InfraLexer::GT && in_angle) { type_nest_.pop_back(); return true; }
      if (k == InfraLexer::COMMA && in_angle) { type_ = Type::ExpectType; return true; }
      if (k == InfraLexer::COMMA && in_brace) { type_ = Type::ExpectField; return true; }
      if (k == InfraLexer::RBRACE && in_brace) { type_nest_.pop_back(); return true; }
      if (is_name_token(k) && in_brace) { type_ = Type::AfterField; return true; }  // the next field, without a comma
      return false;
    case Type::ExpectField:
      if (is_name_token(k)) { type_ = Type::AfterField; return true; }
      if (k == InfraLexer::RBRACE && in_brace) { type_nest_.pop_back(); type_ = Type::AfterType; return true; }
      return false;
    case Type::AfterField:
      if (k == InfraLexer::QUESTION) { type_ = Type::AfterQuestion; return true; }
      if (k == InfraLexer::COLON) { type_ = Type::ExpectType; return true; }
      return false;
    case Type::AfterQuestion:
      if (k == InfraLexer::COLON) { type_ = Type::ExpectType; return true; }
      return false;
    case Type::None:
      return false;
  }
  return false;
}

bool DepthCheck::take(antlr4::Token* t) {
  size_t k = t->getType();
  size_t prev = prev_, before_prev = prev2_;
  prev2_ = prev_;
  prev_ = k;
  if (type_ != Type::None) {
    if (in_type(t)) {
      if (k == InfraLexer::LT && ++depth_ > kMaxNesting) return nesting_too_deep(t, "use a type that nests less");
      if (k == InfraLexer::GT) --depth_;
      if (k == InfraLexer::LBRACE) return open(t, false);
      if (k == InfraLexer::RBRACE) return close(t);
      return true;
    }
    leave_type();
  }
  switch (k) {
    case InfraLexer::LBRACK:
      if (ends_operand(prev) && !count_operator(t)) return false;
      return open(t, false);
    case InfraLexer::LBRACE: case InfraLexer::LPAREN: case InfraLexer::INTERP_OPEN: case InfraLexer::HD_INTERP_OPEN:
      return open(t, false);
    case InfraLexer::STR_START: case InfraLexer::HEREDOC_START:
      return open(t, true);
    case InfraLexer::RBRACE: case InfraLexer::RBRACK: case InfraLexer::RPAREN:
    case InfraLexer::STR_END: case InfraLexer::STR_NEWLINE: case InfraLexer::HEREDOC_END:
      return close(t);
    case InfraLexer::COMMA: case InfraLexer::ASSIGN: case InfraLexer::AT:
      reset();
      return true;
    case InfraLexer::COLON:
      // `param name:` starts a type.
      if (before_prev == InfraLexer::PARAM && is_name_token(prev)) type_ = Type::ExpectType;
      return true;
    default:
      break;
  }
  if (is_operator(k)) return count_operator(t);
  // A declaration's keyword after an operand ends the expression before it; after an
  // operator it is a name in the expression.
  if (starts_declaration(k) && !is_operator(prev) && prev != InfraLexer::COLON) reset();
  return true;
}

}  // namespace infrac::syntax
