// The tokens of one file as the ANTLR parser reads them: syntax/lexer.h's lexemes behind
// antlr4::Token, in one flat vector, and a TokenStream over that vector that shows the
// parser the default channel only, as CommonTokenStream does, while the AST builder sees
// every token (comments too) by index.
//
// No token owns a copy of its text, and none is allocated on its own: a token is its
// lexeme and a pointer to the list, whose source text its getText() slices. Positions
// (getStartIndex, getStopIndex) are byte offsets into that text.
#pragma once

#include <antlr4-runtime.h>

#include <string_view>
#include <vector>

#include "syntax/lexer.h"

namespace infrac::syntax {

class TokenList;

class LexToken final : public antlr4::Token {
 public:
  LexToken(const TokenList* list, const Lexeme& l, size_t index) : list_(list), lex_(l), index_(index) {}

  std::string getText() const override;
  size_t getType() const override { return lex_.type; }
  size_t getLine() const override { return lex_.line; }
  // In code points, as ANTLR counts it; nothing here reads it but a token the parser's
  // error recovery makes up from this one, so it is counted only when asked for.
  size_t getCharPositionInLine() const override;
  size_t getChannel() const override { return lex_.channel; }
  size_t getTokenIndex() const override { return index_; }
  size_t getStartIndex() const override { return lex_.begin; }
  size_t getStopIndex() const override { return static_cast<size_t>(lex_.end) - 1; }  // -1 when empty, as ANTLR
  antlr4::TokenSource* getTokenSource() const override;
  antlr4::CharStream* getInputStream() const override { return nullptr; }
  std::string toString() const override;

  // The token's bytes in the source (for HEREDOC_END, the blanks before its marker too).
  std::string_view bytes() const;

 private:
  const TokenList* list_;
  Lexeme lex_;
  size_t index_;
};

class TokenList : public antlr4::TokenStream {
 public:
  explicit TokenList(std::string_view source) : source_(source), owner_(this) {}
  TokenList(const TokenList&) = delete;
  TokenList& operator=(const TokenList&) = delete;

  // Tokens are added before the parser reads any: the vector must not move under the
  // pointers the parse tree keeps. The last one added is the EOF.
  void reserve(size_t n) { tokens_.reserve(n); }
  void add(const Lexeme& l) { tokens_.emplace_back(this, l, tokens_.size()); }
  size_t count() const { return tokens_.size(); }
  LexToken& at(size_t i) { return tokens_[i]; }
  const LexToken& at(size_t i) const { return tokens_[i]; }
  std::string_view source() const { return source_; }

  // The tokens of `channel` among the comments right before token `i`, after the code
  // token before it, as BufferedTokenStream::getHiddenTokensToLeft.
  std::vector<antlr4::Token*> hidden_to_left(size_t i, size_t channel);

  // antlr4::TokenStream, over the default channel.
  antlr4::Token* LT(ssize_t k) override;
  antlr4::Token* get(size_t index) const override;
  antlr4::TokenSource* getTokenSource() const override;
  std::string getText(const antlr4::misc::Interval& interval) override;
  std::string getText() override;
  std::string getText(antlr4::RuleContext* ctx) override;
  std::string getText(antlr4::Token* start, antlr4::Token* stop) override;
  void consume() override;
  size_t LA(ssize_t i) override;
  ssize_t mark() override { return 0; }  // all of it is buffered
  void release(ssize_t) override {}
  size_t index() override { return p_; }
  void seek(size_t index) override { p_ = on_channel_from(index); }
  size_t size() override { return tokens_.size(); }
  std::string getSourceName() const override { return {}; }

 private:
  // What each token names as its source. The parser's error recovery asks it for the
  // input stream and token factory when it makes up a missing token.
  class Owner : public antlr4::TokenSource {
   public:
    explicit Owner(TokenList* list) : list_(list) {}
    std::unique_ptr<antlr4::Token> nextToken() override;
    size_t getLine() const override { return 0; }
    size_t getCharPositionInLine() override { return 0; }
    antlr4::CharStream* getInputStream() override { return nullptr; }
    std::string getSourceName() override { return {}; }
    antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override;

   private:
    TokenList* list_;
  };
  friend class LexToken;

  size_t on_channel_from(size_t i) const;  // the first default-channel token from i, or the EOF

  std::string_view source_;
  std::vector<LexToken> tokens_;
  size_t p_ = 0;  // the parser's current token
  mutable Owner owner_;
};

}  // namespace infrac::syntax
