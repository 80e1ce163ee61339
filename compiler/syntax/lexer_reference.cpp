#include "syntax/lexer_reference.h"

#include <antlr4-runtime.h>

#include "InfraLexer.h"
#include "syntax/heredoc_lexer.h"
#include "syntax/lexer.h"
#include "syntax/token_list.h"

namespace infrac::syntax {

namespace {

class SilentListener : public antlr4::BaseErrorListener {};

TokenRecord record(const antlr4::Token& t, size_t begin, size_t end) {
  return TokenRecord{t.getType(), t.getChannel(), t.getText(), begin, end, t.getLine()};
}

}  // namespace

TokenRecords reference_tokens(std::string_view text) {
  TokenRecords out;
  // ANTLR counts code points, after a byte order mark, which its input stream drops; the
  // byte of the file each begins at, and the end.
  std::vector<size_t> byte_of;
  for (size_t i = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) byte_of.push_back(i);
  }
  byte_of.push_back(text.size());
  auto byte = [&](size_t cp) { return cp < byte_of.size() ? byte_of[cp] : text.size(); };
  std::unique_ptr<antlr4::ANTLRInputStream> input;
  try {
    input = std::make_unique<antlr4::ANTLRInputStream>(std::string(text));
  } catch (const std::exception&) {
    out.not_utf8 = true;
    return out;
  }
  HeredocLexer lexer(input.get());
  SilentListener silent;
  lexer.removeErrorListeners();
  lexer.addErrorListener(&silent);
  while (true) {
    std::unique_ptr<antlr4::Token> t;
    try {
      t = lexer.nextToken();
    } catch (const antlr4::EmptyStackException&) {
      out.unmatched_brace = true;
      out.brace = byte(lexer.tokenStartCharIndex);
      return out;
    }
    out.tokens.push_back(record(*t, byte(t->getStartIndex()), byte(t->getStopIndex() + 1)));
    if (t->getType() == antlr4::Token::EOF) return out;
  }
}

TokenRecords hand_tokens(std::string_view text) {
  TokenRecords out;
  TokenList list(text);
  Lexer lexer(text);
  Lexeme l;
  while (true) {
    if (!lexer.next(l)) {
      out.unmatched_brace = true;
      out.brace = lexer.unmatched_brace();
      break;
    }
    list.add(l);
    if (l.type == antlr4::Token::EOF) break;
  }
  // Read back through antlr4::Token, as the parser and the AST builder read them.
  for (size_t i = 0; i < list.count(); ++i) {
    const LexToken& t = list.at(i);
    out.tokens.push_back(record(t, t.getStartIndex(), t.getStopIndex() + 1));
  }
  return out;
}

std::string token_type_name(size_t type) {
  if (type == antlr4::Token::EOF) return "EOF";
  antlr4::ANTLRInputStream none("");
  gen::InfraLexer lexer(&none);
  return std::string(lexer.getVocabulary().getSymbolicName(type));
}

}  // namespace infrac::syntax
