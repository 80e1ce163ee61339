#include "syntax/lexer.h"

#include <cstring>

#include "InfraLexer.h"

namespace infrac::syntax {

using gen::InfraLexer;

namespace {

constexpr size_t kEof = static_cast<size_t>(-1);  // antlr4::Token::EOF
constexpr uint32_t kHidden = 1;                   // antlr4::Token::HIDDEN_CHANNEL
constexpr uint32_t kDocChannel = 2;               // `-> channel(2)` of DOC_COMMENT

bool ident_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool ident_char(int c) { return ident_start(c) || (c >= '0' && c <= '9'); }
bool digit(int c) { return c >= '0' && c <= '9'; }

// The keyword a name is, or IDENT: the grammar lists the keywords before IDENT, so of two
// matches of the same length the keyword wins.
size_t keyword_or_ident(std::string_view w) {
  struct Keyword {
    const char* text;
    size_t type;
  };
  static constexpr Keyword kKeywords[] = {
      {"param", InfraLexer::PARAM},   {"let", InfraLexer::LET},           {"resource", InfraLexer::RESOURCE},
      {"output", InfraLexer::OUTPUT}, {"import", InfraLexer::IMPORT},     {"module", InfraLexer::MODULE},
      {"assert", InfraLexer::ASSERT}, {"for", InfraLexer::FOR},           {"in", InfraLexer::IN},
      {"if", InfraLexer::IF},         {"else", InfraLexer::ELSE},         {"as", InfraLexer::AS},
      {"template", InfraLexer::TEMPLATE}, {"true", InfraLexer::TRUE_LIT}, {"false", InfraLexer::FALSE_LIT},
      {"null", InfraLexer::NULL_LIT},
  };
  if (w.size() < 2 || w.size() > 8) return InfraLexer::IDENT;
  for (const Keyword& k : kKeywords) {
    if (w.size() == std::strlen(k.text) && std::memcmp(w.data(), k.text, w.size()) == 0) return k.type;
  }
  return InfraLexer::IDENT;
}

// The bytes of the code point whose first byte is at `i`: ERROR_CHAR takes one code point.
// Bytes that are not UTF-8 (the driver rejects such files before they are parsed) count
// one each.
uint32_t code_point_length(std::string_view s, uint32_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  uint32_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  uint32_t len = 1;
  while (len < n && i + len < s.size() && (static_cast<unsigned char>(s[i + len]) & 0xC0) == 0x80) ++len;
  return len;
}

}  // namespace

std::string_view heredoc_marker(std::string_view start_text) {
  size_t from = heredoc_indented(start_text) ? 3 : 2;
  size_t to = from;
  while (to < start_text.size() && ident_char(static_cast<unsigned char>(start_text[to]))) ++to;
  return start_text.substr(from, to - from);
}

bool heredoc_indented(std::string_view start_text) { return start_text.size() > 2 && start_text[2] == '-'; }

void Lexer::lines_in(uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to; ++i) line_ += s_[i] == '\n';
}

bool Lexer::next(Lexeme& t) {
  if (failed_) return false;
  while (true) {
    t.channel = 0;
    t.begin = pos_;
    t.line = line_;
    if (pos_ >= s_.size()) {
      // As ANTLR's emitEOF: an empty token at the end, in whatever mode.
      t.type = kEof;
      t.end = pos_;
      return true;
    }
    t.type = 0;
    switch (mode_) {
      case Mode::Default: lex_default(t); break;
      case Mode::String: lex_string(t); break;
      case Mode::Heredoc: lex_heredoc(t); break;
    }
    if (failed_) return false;
    if (t.type == 0) continue;  // blanks, which the grammar skips
    // As syntax/heredoc_lexer.h: only right after these does a line of a heredoc start.
    at_line_start_ = t.type == InfraLexer::HEREDOC_START || t.type == InfraLexer::HD_NEWLINE;
    return true;
  }
}

void Lexer::lex_default(Lexeme& t) {
  uint32_t i = pos_;
  int c = at(i);
  auto one = [&](size_t type, uint32_t len) {
    t.type = type;
    pos_ = i + len;
  };
  switch (c) {
    case ' ': case '\t': case '\r': case '\n': case '\f': {
      uint32_t j = i;
      while (true) {
        int d = at(j);
        if (d == '\n') ++line_;
        else if (d != ' ' && d != '\t' && d != '\r' && d != '\f') break;
        ++j;
      }
      pos_ = j;
      break;  // no token
    }
    case '{':
      one(InfraLexer::LBRACE, 1);
      push(Mode::Default);
      break;
    case '}':
      if (stack_.empty()) {
        failed_ = true;
        brace_ = i;
        return;
      }
      one(InfraLexer::RBRACE, 1);
      mode_ = stack_.back();
      stack_.pop_back();
      break;
    case '[': one(InfraLexer::LBRACK, 1); break;
    case ']': one(InfraLexer::RBRACK, 1); break;
    case '(': one(InfraLexer::LPAREN, 1); break;
    case ')': one(InfraLexer::RPAREN, 1); break;
    case ',': one(InfraLexer::COMMA, 1); break;
    case '.': one(InfraLexer::DOT, 1); break;
    case ':': one(InfraLexer::COLON, 1); break;
    case '@': one(InfraLexer::AT, 1); break;
    case '?': one(InfraLexer::QUESTION, 1); break;
    case '+': one(InfraLexer::PLUS, 1); break;
    case '-': one(InfraLexer::MINUS, 1); break;
    case '*': one(InfraLexer::STAR, 1); break;
    case '%': one(InfraLexer::PERCENT, 1); break;
    case '=':
      if (at(i + 1) == '=') one(InfraLexer::EQ, 2);
      else if (at(i + 1) == '>') one(InfraLexer::ARROW, 2);
      else one(InfraLexer::ASSIGN, 1);
      break;
    case '!':
      if (at(i + 1) == '=') one(InfraLexer::NE, 2);
      else one(InfraLexer::BANG, 1);
      break;
    case '>':
      if (at(i + 1) == '=') one(InfraLexer::GE, 2);
      else one(InfraLexer::GT, 1);
      break;
    case '&':
      if (at(i + 1) == '&') one(InfraLexer::AND, 2);
      else one(InfraLexer::ERROR_CHAR, 1);
      break;
    case '|':
      if (at(i + 1) == '|') one(InfraLexer::OR, 2);
      else one(InfraLexer::ERROR_CHAR, 1);
      break;
    case '"':
      one(InfraLexer::STR_START, 1);
      push(Mode::String);
      break;
    case '<': {
      if (at(i + 1) == '=') { one(InfraLexer::LE, 2); break; }
      if (at(i + 1) != '<') { one(InfraLexer::LT, 1); break; }
      // `<<`, `<<-`, `<<EOT`: HEREDOC_BAD unless the line ends after the marker (and
      // blanks), which makes it HEREDOC_START, the whole line with its end.
      uint32_t j = i + 2;
      if (at(j) == '-') ++j;
      if (!ident_start(at(j))) { one(InfraLexer::HEREDOC_BAD, j - i); break; }
      uint32_t name = j;
      while (ident_char(at(j))) ++j;
      uint32_t k = j;
      while (at(k) == ' ' || at(k) == '\t') ++k;
      if (at(k) == '\r') ++k;
      if (at(k) != '\n') { one(InfraLexer::HEREDOC_BAD, j - i); break; }
      one(InfraLexer::HEREDOC_START, k + 1 - i);
      ++line_;
      markers_.push_back(s_.substr(name, j - name));
      push(Mode::Heredoc);
      break;
    }
    case '/': {
      int d = at(i + 1);
      if (d == '/') {
        uint32_t j = i + 2;
        bool doc = at(j) == '/';
        while (j < s_.size() && s_[j] != '\n' && s_[j] != '\r') ++j;
        one(doc ? InfraLexer::DOC_COMMENT : InfraLexer::LINE_COMMENT, j - i);
        t.channel = doc ? kDocChannel : kHidden;
      } else if (d == '*') {
        // The first `*/` after the opening closes it (`/*/` does not). Without one the
        // comment runs to the end: UNTERMINATED_COMMENT, on the default channel.
        size_t close = s_.find("*/", i + 2);
        if (close == std::string_view::npos) {
          one(InfraLexer::UNTERMINATED_COMMENT, static_cast<uint32_t>(s_.size()) - i);
        } else {
          one(InfraLexer::BLOCK_COMMENT, static_cast<uint32_t>(close) + 2 - i);
          t.channel = kHidden;
        }
        lines_in(i, pos_);
      } else {
        one(InfraLexer::SLASH, 1);
      }
      break;
    }
    case '#': {
      uint32_t j = i + 1;
      while (j < s_.size() && s_[j] != '\n' && s_[j] != '\r') ++j;
      one(InfraLexer::LINE_COMMENT, j - i);
      t.channel = kHidden;
      break;
    }
    case '\'': {
      uint32_t j = i + 1;
      while (j < s_.size() && s_[j] != '\'' && s_[j] != '\n' && s_[j] != '\r') ++j;
      if (at(j) == '\'') one(InfraLexer::SINGLE_QUOTED, j + 1 - i);
      else one(InfraLexer::ERROR_CHAR, 1);
      break;
    }
    default:
      if (ident_start(c)) {
        uint32_t j = i + 1;
        while (ident_char(at(j))) ++j;
        // QNAME: names joined by `::`; a `::` not followed by a name is left to COLON.
        bool qualified = false;
        while (at(j) == ':' && at(j + 1) == ':' && ident_start(at(j + 2))) {
          j += 3;
          while (ident_char(at(j))) ++j;
          qualified = true;
        }
        one(qualified ? size_t{InfraLexer::QNAME} : keyword_or_ident(s_.substr(i, j - i)), j - i);
      } else if (digit(c)) {
        // [0-9]+ ('.' [0-9]+)? ([eE] [+-]? [0-9]+)?, each optional part only when whole.
        uint32_t j = i + 1;
        while (digit(at(j))) ++j;
        if (at(j) == '.' && digit(at(j + 1))) {
          j += 2;
          while (digit(at(j))) ++j;
        }
        if (at(j) == 'e' || at(j) == 'E') {
          uint32_t k = j + 1;
          if (at(k) == '+' || at(k) == '-') ++k;
          if (digit(at(k))) {
            j = k + 1;
            while (digit(at(j))) ++j;
          }
        }
        one(InfraLexer::NUMBER, j - i);
      } else {
        one(InfraLexer::ERROR_CHAR, code_point_length(s_, i));
      }
      break;
  }
  t.end = pos_;
}

void Lexer::lex_string(Lexeme& t) {
  uint32_t i = pos_;
  int c = at(i);
  auto one = [&](size_t type, uint32_t len) {
    t.type = type;
    pos_ = i + len;
  };
  auto pop = [&] {
    mode_ = stack_.back();
    stack_.pop_back();
  };
  switch (c) {
    case '"':
      one(InfraLexer::STR_END, 1);
      pop();
      break;
    case '$':
      if (at(i + 1) == '{') {
        one(InfraLexer::INTERP_OPEN, 2);
        push(Mode::Default);
      } else {
        one(InfraLexer::STR_TEXT, 1);  // STR_DOLLAR, a token of its own
      }
      break;
    case '\n':
      ++line_;
      [[fallthrough]];
    case '\r':
      one(InfraLexer::STR_NEWLINE, 1);
      pop();
      break;
    default: {
      // Text up to a quote, `$` or line end; an escape takes the character after the
      // backslash, unless that ends the line (or the file): a lone STR_BAD_ESCAPE.
      uint32_t j = i;
      while (true) {
        int d = at(j);
        if (d == -1 || d == '"' || d == '$' || d == '\r' || d == '\n') break;
        if (d == '\\') {
          int e = at(j + 1);
          if (e == -1 || e == '\r' || e == '\n') break;
          j += 2;
        } else {
          ++j;
        }
      }
      if (j == i) one(InfraLexer::STR_BAD_ESCAPE, 1);
      else one(InfraLexer::STR_TEXT, j - i);
      break;
    }
  }
  t.end = pos_;
}

// How many bytes the line from here takes if it closes the innermost heredoc (blanks, then
// its marker as a whole word), or 0. What follows the marker on the line is read as usual.
size_t Lexer::closing_line() const {
  std::string_view marker = markers_.back();
  size_t i = pos_;
  while (at(i) == ' ' || at(i) == '\t') ++i;
  if (s_.substr(i, marker.size()) != marker) return 0;
  i += marker.size();
  if (ident_char(at(i))) return 0;
  return i - pos_;
}

void Lexer::lex_heredoc(Lexeme& t) {
  uint32_t i = pos_;
  auto one = [&](size_t type, uint32_t len) {
    t.type = type;
    pos_ = i + len;
  };
  if (at_line_start_ && !markers_.empty()) {
    if (size_t n = closing_line()) {
      one(InfraLexer::HEREDOC_END, static_cast<uint32_t>(n));
      markers_.pop_back();
      mode_ = stack_.back();
      stack_.pop_back();
      t.end = pos_;
      return;
    }
  }
  switch (at(i)) {
    case '$':
      if (at(i + 1) == '$' && at(i + 2) == '{') {
        one(InfraLexer::HD_ESCAPED, 3);
      } else if (at(i + 1) == '{') {
        one(InfraLexer::HD_INTERP_OPEN, 2);
        push(Mode::Default);
      } else {
        one(InfraLexer::HD_TEXT, 1);  // HD_DOLLAR
      }
      break;
    case '\r':
      if (at(i + 1) == '\n') {
        one(InfraLexer::HD_NEWLINE, 2);
        ++line_;
      } else {
        one(InfraLexer::HD_TEXT, 1);  // HD_CR
      }
      break;
    case '\n':
      one(InfraLexer::HD_NEWLINE, 1);
      ++line_;
      break;
    default: {
      uint32_t j = i + 1;
      while (j < s_.size() && s_[j] != '$' && s_[j] != '\r' && s_[j] != '\n') ++j;
      one(InfraLexer::HD_TEXT, j - i);
      break;
    }
  }
  t.end = pos_;
}

}  // namespace infrac::syntax
