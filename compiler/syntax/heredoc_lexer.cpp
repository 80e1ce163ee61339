#include "syntax/heredoc_lexer.h"

namespace infrac::syntax {

namespace {

bool name_char(size_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

std::string HeredocLexer::marker_of(const std::string& start_text) {
  size_t from = indented(start_text) ? 3 : 2;
  size_t to = from;
  while (to < start_text.size() && name_char(static_cast<unsigned char>(start_text[to]))) ++to;
  return start_text.substr(from, to - from);
}

bool HeredocLexer::indented(const std::string& start_text) {
  return start_text.size() > 2 && start_text[2] == '-';
}

size_t HeredocLexer::closing_line(const std::string& marker) {
  size_t i = 1;
  while (_input->LA(static_cast<ssize_t>(i)) == ' ' || _input->LA(static_cast<ssize_t>(i)) == '\t') ++i;
  for (char c : marker) {
    if (_input->LA(static_cast<ssize_t>(i)) != static_cast<size_t>(static_cast<unsigned char>(c))) return 0;
    ++i;
  }
  // The marker must be a whole word: `EOTX` does not close `EOT`. What follows it on the
  // line (`)`, `,`) is read as usual.
  if (name_char(_input->LA(static_cast<ssize_t>(i)))) return 0;
  return i - 1;
}

std::unique_ptr<antlr4::Token> HeredocLexer::nextToken() {
  if (mode == HEREDOC && at_line_start_ && !markers_.empty()) {
    if (size_t n = closing_line(markers_.back())) {
      size_t start = _input->index();
      size_t line = getLine(), column = getCharPositionInLine();
      auto* sim = getInterpreter<antlr4::atn::LexerATNSimulator>();
      for (size_t i = 0; i < n; ++i) sim->consume(_input);
      auto token = _factory->create({this, _input}, HEREDOC_END, markers_.back(), antlr4::Token::DEFAULT_CHANNEL,
                                    start, start + n - 1, line, column);
      markers_.pop_back();
      popMode();
      at_line_start_ = false;
      return token;
    }
  }
  std::unique_ptr<antlr4::Token> token = gen::InfraLexer::nextToken();
  size_t type = token->getType();
  if (type == HEREDOC_START) markers_.push_back(marker_of(token->getText()));
  at_line_start_ = type == HEREDOC_START || type == HD_NEWLINE;
  return token;
}

}  // namespace infrac::syntax
