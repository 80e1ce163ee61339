#include "syntax/token_list.h"

#include "InfraLexer.h"

namespace infrac::syntax {

std::string_view LexToken::bytes() const { return list_->source_.substr(lex_.begin, lex_.end - lex_.begin); }

std::string LexToken::getText() const {
  if (lex_.type == EOF) return "<EOF>";
  if (lex_.type == gen::InfraLexer::HEREDOC_END) return std::string(heredoc_end_text(bytes()));
  return std::string(bytes());
}

size_t LexToken::getCharPositionInLine() const {
  std::string_view before = list_->source_.substr(0, lex_.begin);
  size_t line_start = before.rfind('\n');
  line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
  size_t column = 0;
  for (size_t i = line_start; i < before.size(); ++i) column += (static_cast<unsigned char>(before[i]) & 0xC0) != 0x80;
  return column;
}

antlr4::TokenSource* LexToken::getTokenSource() const { return &list_->owner_; }

std::string LexToken::toString() const {
  return "[@" + std::to_string(index_) + "," + std::to_string(lex_.begin) + ":" + std::to_string(getStopIndex()) +
         "='" + getText() + "',<" + std::to_string(lex_.type) + ">," + std::to_string(lex_.line) + "]";
}

std::unique_ptr<antlr4::Token> TokenList::Owner::nextToken() {
  // Nothing pulls tokens from here: the list is read through its TokenStream.
  const LexToken& eof = list_->tokens_.back();
  return std::make_unique<antlr4::CommonToken>(antlr4::Token::EOF, eof.getText());
}

antlr4::TokenFactory<antlr4::CommonToken>* TokenList::Owner::getTokenFactory() {
  return antlr4::CommonTokenFactory::DEFAULT.get();
}

size_t TokenList::on_channel_from(size_t i) const {
  if (i >= tokens_.size()) return tokens_.size() - 1;
  while (tokens_[i].getChannel() != antlr4::Token::DEFAULT_CHANNEL && tokens_[i].getType() != antlr4::Token::EOF) ++i;
  return i;
}

antlr4::Token* TokenList::LT(ssize_t k) {
  if (k == 0) return nullptr;
  if (k < 0) {
    // Back over code tokens; none before the first.
    size_t i = p_;
    for (ssize_t n = 0; n < -k; ++n) {
      do {
        if (i == 0) return nullptr;
        --i;
      } while (tokens_[i].getChannel() != antlr4::Token::DEFAULT_CHANNEL && tokens_[i].getType() != antlr4::Token::EOF);
    }
    return &tokens_[i];
  }
  size_t i = p_;
  for (ssize_t n = 1; n < k; ++n) i = on_channel_from(i + 1);
  return &tokens_[i];
}

size_t TokenList::LA(ssize_t i) {
  if (i == 1) return tokens_[p_].getType();  // the parser's question, nearly always
  antlr4::Token* t = LT(i);
  return t == nullptr ? 0 : t->getType();
}

antlr4::Token* TokenList::get(size_t index) const {
  if (index >= tokens_.size()) throw antlr4::IndexOutOfBoundsException("token index " + std::to_string(index));
  return const_cast<LexToken*>(&tokens_[index]);
}

antlr4::TokenSource* TokenList::getTokenSource() const { return &owner_; }

std::string TokenList::getText(const antlr4::misc::Interval& interval) {
  if (interval.a < 0 || interval.b < 0) return "";
  std::string out;
  for (size_t i = static_cast<size_t>(interval.a); i <= static_cast<size_t>(interval.b) && i < tokens_.size(); ++i) {
    if (tokens_[i].getType() == antlr4::Token::EOF) break;
    out += tokens_[i].getText();
  }
  return out;
}

std::string TokenList::getText() { return getText(antlr4::misc::Interval(size_t{0}, tokens_.size() - 1)); }

std::string TokenList::getText(antlr4::RuleContext* ctx) { return getText(ctx->getSourceInterval()); }

std::string TokenList::getText(antlr4::Token* start, antlr4::Token* stop) {
  if (start == nullptr || stop == nullptr) return "";
  return getText(antlr4::misc::Interval(start->getTokenIndex(), stop->getTokenIndex()));
}

void TokenList::consume() {
  if (tokens_[p_].getType() == antlr4::Token::EOF) throw antlr4::IllegalStateException("cannot consume EOF");
  p_ = on_channel_from(p_ + 1);
}

std::vector<antlr4::Token*> TokenList::hidden_to_left(size_t i, size_t channel) {
  std::vector<antlr4::Token*> out;
  size_t from = i;
  while (from > 0 && tokens_[from - 1].getChannel() != antlr4::Token::DEFAULT_CHANNEL) --from;
  for (size_t k = from; k < i; ++k) {
    if (tokens_[k].getChannel() == channel) out.push_back(&tokens_[k]);
  }
  return out;
}

}  // namespace infrac::syntax
