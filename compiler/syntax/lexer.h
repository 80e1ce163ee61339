// The lexer of the .infra language, written by hand: a switch on the current byte of the
// UTF-8 source. It makes exactly the tokens that the lexer ANTLR generates from
// grammar/InfraLexer.g4 would (with the heredoc ends of syntax/heredoc_lexer.h), so the
// grammar stays the definition of the tokens; tests/unit/lexer_differential_test.cpp
// holds the two to each other. It is here because the generated lexer simulates an ATN
// for every character, from a DFA that starts cold in every process, over a UTF-32 copy
// of the source: a third of the time of `infrac check`.
//
// Unlike ANTLR's, the positions are byte offsets into the source, not code points.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace infrac::syntax {

// One token: its type and channel are those of the generated lexer (InfraLexer.h), its
// text the bytes [begin, end) of the source, except for HEREDOC_END (heredoc_end_text).
struct Lexeme {
  size_t type = 0;
  uint32_t channel = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t line = 1;  // of `begin`, from 1
};

class Lexer {
 public:
  // A byte order mark at the start is not a token (ANTLR's input stream drops it too, but
  // counts from after it; here positions stay those of the file).
  explicit Lexer(std::string_view source) : s_(source), pos_(source.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0) {}

  // The next token, the last one of type EOF (and again EOF after it). False instead at a
  // `}` that closes nothing, where the generated lexer throws EmptyStackException;
  // `unmatched_brace()` is then where it is, and there are no more tokens.
  bool next(Lexeme& out);
  uint32_t unmatched_brace() const { return brace_; }

 private:
  enum class Mode : uint8_t { Default, String, Heredoc };

  void lex_default(Lexeme& t);
  void lex_string(Lexeme& t);
  void lex_heredoc(Lexeme& t);
  size_t closing_line() const;
  int at(size_t i) const { return i < s_.size() ? static_cast<unsigned char>(s_[i]) : -1; }
  void push(Mode m) {
    stack_.push_back(mode_);
    mode_ = m;
  }
  void lines_in(uint32_t from, uint32_t to);

  std::string_view s_;
  uint32_t pos_ = 0;
  uint32_t line_ = 1;
  Mode mode_ = Mode::Default;
  std::vector<Mode> stack_;                // the modes to return to, innermost last
  std::vector<std::string_view> markers_;  // of the open heredocs, innermost last
  bool at_line_start_ = false;             // the next byte starts a line of a heredoc's text
  bool failed_ = false;
  uint32_t brace_ = 0;
};

// The marker of a HEREDOC_START token's text (`<<-EOT\n` gives `EOT`), and whether it is
// the indented form.
std::string_view heredoc_marker(std::string_view start_text);
bool heredoc_indented(std::string_view start_text);
// The text of a HEREDOC_END token, which is its marker: the token spans the blanks
// before it too.
inline std::string_view heredoc_end_text(std::string_view spanned) {
  size_t i = 0;
  while (i < spanned.size() && (spanned[i] == ' ' || spanned[i] == '\t')) ++i;
  return spanned.substr(i);
}

}  // namespace infrac::syntax
