#include "syntax/syntax_errors.h"

#include <algorithm>
#include <set>

#include "InfraLexer.h"
#include "InfraParser.h"
#include "syntax/token_kinds.h"

namespace infrac::syntax {

using gen::InfraLexer;
using gen::InfraParser;

namespace {

bool starts_expression(size_t t) {
  switch (t) {
    case InfraLexer::NUMBER: case InfraLexer::STR_START: case InfraLexer::QNAME: case InfraLexer::LBRACK:
    case InfraLexer::TRUE_LIT: case InfraLexer::FALSE_LIT: case InfraLexer::NULL_LIT:
    case InfraLexer::LBRACE: case InfraLexer::LPAREN: case InfraLexer::BANG: case InfraLexer::MINUS:
    case InfraLexer::HEREDOC_START:
      return true;
    default:
      return is_name_token(t);
  }
}

bool continues_expression(size_t t) {
  switch (t) {
    case InfraLexer::DOT: case InfraLexer::LBRACK: case InfraLexer::LPAREN: case InfraLexer::STAR:
    case InfraLexer::SLASH: case InfraLexer::PERCENT: case InfraLexer::PLUS: case InfraLexer::MINUS:
    case InfraLexer::LT: case InfraLexer::LE: case InfraLexer::GT: case InfraLexer::GE: case InfraLexer::EQ:
    case InfraLexer::NE: case InfraLexer::AND: case InfraLexer::OR: case InfraLexer::QUESTION:
      return true;
    default:
      return false;
  }
}

std::string literal(const antlr4::dfa::Vocabulary& vocab, size_t t) {
  std::string lit(vocab.getLiteralName(t));
  if (lit.size() >= 2 && lit.front() == '\'') return "`" + lit.substr(1, lit.size() - 2) + "`";
  return std::string(vocab.getSymbolicName(t));
}

std::string join_alternatives(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += (i + 1 == parts.size()) ? " or " : ", ";
    out += parts[i];
  }
  return out;
}

// What the parser wanted, in words: "an expression", "`=`", "a property name or `}`".
std::string describe_expected(const antlr4::dfa::Vocabulary& vocab, const antlr4::misc::IntervalSet& want,
                              bool in_body) {
  std::vector<ssize_t> list = want.toList();
  std::set<size_t> ts;
  for (ssize_t t : list) ts.insert(t < 0 ? antlr4::Token::EOF : static_cast<size_t>(t));
  std::vector<std::string> parts;
  bool declaration = ts.count(InfraLexer::RESOURCE) && ts.count(InfraLexer::PARAM) && ts.count(InfraLexer::AT);
  bool expression = ts.count(InfraLexer::NUMBER) > 0;
  bool name = !expression && ts.count(InfraLexer::IDENT) > 0;
  // An operator in the set means the expression so far could go on; that is not what
  // the user is missing, so operators are left out of the message.
  bool operators = ts.count(InfraLexer::STAR) > 0;
  if (declaration) {
    parts.push_back("a declaration (`param`, `let`, `resource`, `module`, `output`, `import`, `for`, `if` ...)");
  } else if (expression) {
    parts.push_back("an expression");
  } else if (name) {
    parts.push_back(in_body ? "a property name" : "a name");
  }
  for (size_t t : ts) {
    if (declaration && (t == InfraLexer::PARAM || t == InfraLexer::LET || t == InfraLexer::RESOURCE ||
                        t == InfraLexer::OUTPUT || t == InfraLexer::AT || t == InfraLexer::IMPORT ||
                        t == InfraLexer::MODULE || t == InfraLexer::ASSERT || t == InfraLexer::FOR ||
                        t == InfraLexer::IF || t == InfraLexer::TEMPLATE || t == antlr4::Token::EOF ||
                        (t == InfraLexer::RBRACE && ts.count(InfraLexer::RESOURCE)))) continue;
    if (expression && starts_expression(t)) continue;
    if (name && (is_name_token(t) || (in_body && t == InfraLexer::STR_START))) continue;
    if (operators && continues_expression(t)) continue;
    if (t == antlr4::Token::EOF) { parts.push_back("end of file"); continue; }
    if (t == InfraLexer::QNAME) { parts.push_back("a resource type such as `AWS::EC2::VPC`"); continue; }
    if (t == InfraLexer::STR_START) { parts.push_back("a string"); continue; }
    if (t == InfraLexer::NUMBER) { parts.push_back("a number"); continue; }
    if (t == InfraLexer::STR_TEXT) { parts.push_back("string text"); continue; }
    if (t == InfraLexer::HEREDOC_START) { parts.push_back("a heredoc"); continue; }
    if (t == InfraLexer::HD_TEXT || t == InfraLexer::HD_ESCAPED || t == InfraLexer::HD_NEWLINE) continue;
    if (t == InfraLexer::HEREDOC_END) { parts.push_back("the end of the heredoc"); continue; }
    if (t == InfraLexer::HD_INTERP_OPEN) { parts.push_back("`${`"); continue; }
    if (t == InfraLexer::INTERP_OPEN) { parts.push_back("`${`"); continue; }
    parts.push_back(literal(vocab, t));
  }
  if (parts.empty()) return "something else";
  return join_alternatives(parts);
}

std::string describe_found(antlr4::Token* t) {
  switch (t->getType()) {
    case antlr4::Token::EOF: return "end of file";
    case InfraLexer::STR_START: return "a string";
    case InfraLexer::HEREDOC_START: return "a heredoc";
    case InfraLexer::HEREDOC_END: return "the end of a heredoc";
    case InfraLexer::NUMBER: return "number `" + t->getText() + "`";
    default: return "`" + t->getText() + "`";
  }
}

// "after property name `CidrBlock`": what precedes the error, when the rule tells.
std::string context_phrase(antlr4::ParserRuleContext* ctx, antlr4::Token* prev) {
  if (prev == nullptr) return "";
  std::string prev_text = prev->getText();
  if (auto* entry = dynamic_cast<InfraParser::EntryContext*>(ctx)) {
    if (entry->key() != nullptr && entry->ASSIGN() == nullptr) return "after property name `" + entry->key()->getText() + "`";
  }
  if (dynamic_cast<InfraParser::KeyContext*>(ctx) != nullptr ||
      dynamic_cast<InfraParser::NameContext*>(ctx) != nullptr) {
    return context_phrase(dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent), prev);
  }
  if (auto* p = dynamic_cast<InfraParser::ParamDeclContext*>(ctx)) {
    if (p->name() != nullptr && p->COLON() == nullptr) return "after parameter name `" + p->name()->getText() + "`";
  }
  if (auto* r = dynamic_cast<InfraParser::ResourceDeclContext*>(ctx)) {
    if (r->name() != nullptr && r->COLON() == nullptr) return "after resource name `" + r->name()->getText() + "`";
    if (r->COLON() != nullptr && r->QNAME() == nullptr) return "after `:` in resource `" + r->name()->getText() + "`";
    if (r->QNAME() != nullptr) return "after resource type `" + r->QNAME()->getText() + "`";
  }
  if (auto* l = dynamic_cast<InfraParser::LetDeclContext*>(ctx)) {
    if (l->name() != nullptr && l->ASSIGN() == nullptr) return "after `let " + l->name()->getText() + "`";
  }
  if (auto* o = dynamic_cast<InfraParser::OutputDeclContext*>(ctx)) {
    if (o->name() != nullptr && o->ASSIGN() == nullptr) return "after output name `" + o->name()->getText() + "`";
  }
  if (prev->getType() == antlr4::Token::EOF) return "";
  return "after `" + prev_text + "`";
}

bool inside_body(antlr4::ParserRuleContext* ctx) {
  if (dynamic_cast<InfraParser::BodyContext*>(ctx) != nullptr) return true;
  auto* object = dynamic_cast<InfraParser::ObjectLitContext*>(ctx);  // an object, not a comprehension
  return object != nullptr && object->fc == nullptr;
}

}  // namespace

Span ErrorStrategy::span_of(antlr4::Token* t) const {
  if (t->getType() == antlr4::Token::EOF) {
    uint32_t at = offsets_.byte(t->getStartIndex());
    return Span{file_, at, at};
  }
  return Span{file_, offsets_.byte(t->getStartIndex()), offsets_.byte(t->getStopIndex() + 1)};
}

bool ErrorStrategy::suppress(antlr4::Token* at) {
  // One mistake, one error: a second report on the line of the last one is a cascade.
  size_t line = at->getLine();
  if (errors_ > 0 && line == last_line_) return true;
  last_line_ = line;
  ++errors_;
  return false;
}

void ErrorStrategy::expected(antlr4::Parser* p, antlr4::Token* found, const antlr4::misc::IntervalSet& want) {
  if (suppress(found)) return;
  antlr4::TokenStream* stream = p->getTokenStream();
  antlr4::Token* prev = nullptr;
  if (found->getTokenIndex() > 0) {
    for (size_t i = found->getTokenIndex(); i-- > 0;) {
      antlr4::Token* t = stream->get(i);
      if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) { prev = t; break; }
    }
  }
  antlr4::ParserRuleContext* ctx = p->getContext();
  std::string what = describe_expected(p->getVocabulary(), want, inside_body(ctx));
  std::string after = context_phrase(ctx, prev);
  if (!after.empty() && want.size() <= 2) {
    Span at = span_of(found);
    if (prev != nullptr && prev->getLine() != found->getLine()) {
      uint32_t end = offsets_.byte(prev->getStopIndex() + 1);
      at = Span{file_, end, end};
    }
    diags_.report(diag::Kind::MissingToken, at, {what, after}).label("found " + describe_found(found));
    return;
  }
  diags_.report(diag::Kind::UnexpectedToken, span_of(found), {what, describe_found(found)});
}

void ErrorStrategy::reportNoViableAlternative(antlr4::Parser* p, const antlr4::NoViableAltException& e) {
  expected(p, e.getOffendingToken(), e.getExpectedTokens());
}

void ErrorStrategy::reportInputMismatch(antlr4::Parser* p, const antlr4::InputMismatchException& e) {
  expected(p, e.getOffendingToken(), e.getExpectedTokens());
}

void ErrorStrategy::reportFailedPredicate(antlr4::Parser* p, const antlr4::FailedPredicateException& e) {
  expected(p, e.getOffendingToken(), p->getExpectedTokens());
}

void ErrorStrategy::reportUnwantedToken(antlr4::Parser* p) {
  if (inErrorRecoveryMode(p)) return;
  beginErrorCondition(p);
  antlr4::Token* t = p->getCurrentToken();
  if (suppress(t)) return;
  diags_.report(diag::Kind::ExtraToken, span_of(t), {describe_found(t)})
      .label("expected " + describe_expected(p->getVocabulary(), getExpectedTokens(p), inside_body(p->getContext())));
}

void ErrorStrategy::reportMissingToken(antlr4::Parser* p) {
  if (inErrorRecoveryMode(p)) return;
  beginErrorCondition(p);
  expected(p, p->getCurrentToken(), getExpectedTokens(p));
}

}  // namespace infrac::syntax
