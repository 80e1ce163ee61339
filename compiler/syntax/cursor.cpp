#include "syntax/cursor.h"

#include "syntax/lexer.h"
#include "syntax/token_kinds.h"

namespace infrac::syntax {

namespace {

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == ':';
}

}  // namespace

CursorContext cursor_context(std::string_view source, uint32_t offset) {
  using L = gen::InfraLexer;
  CursorContext cx;
  if (offset > source.size()) offset = static_cast<uint32_t>(source.size());
  // The line the position is on, 1-based, counted as the lexer counts.
  uint32_t cursor_line = 1;
  for (uint32_t i = 0; i < offset; ++i) cursor_line += source[i] == '\n';

  struct Tok {
    size_t type;
    uint32_t begin, end, line;
  };
  std::vector<Tok> toks;  // the default channel's, before the position
  Lexer lexer(source);
  Lexeme t;
  while (lexer.next(t) && t.type != L::EOF) {
    if (t.begin >= offset) break;
    if (t.channel != 0) {  // comments
      if (offset <= t.end && !(t.end == offset && (t.type == L::BLOCK_COMMENT))) {
        if (t.begin < offset) cx.where = CursorContext::Where::Comment;
      }
      continue;
    }
    toks.push_back({t.type, t.begin, t.end, t.line});
  }
  if (cx.where == CursorContext::Where::Comment) return cx;

  // Brackets still open, and whether the innermost open thing is a string.
  struct Frame {
    char bracket;
    size_t index;  // into toks
  };
  std::vector<Frame> frames;
  std::vector<bool> string_stack;  // a string (true) or an interpolation (false), innermost last
  for (size_t i = 0; i < toks.size(); ++i) {
    switch (toks[i].type) {
      case L::LBRACE: frames.push_back({'{', i}); string_stack.push_back(false); break;
      case L::LBRACK: frames.push_back({'[', i}); break;
      case L::LPAREN: frames.push_back({'(', i}); break;
      case L::INTERP_OPEN: case L::HD_INTERP_OPEN: frames.push_back({'$', i}); string_stack.push_back(false); break;
      case L::RBRACE:
        while (!frames.empty() && frames.back().bracket != '{' && frames.back().bracket != '$') frames.pop_back();
        if (!frames.empty()) frames.pop_back();
        if (!string_stack.empty()) string_stack.pop_back();
        break;
      case L::RBRACK: case L::RPAREN: {
        char want = toks[i].type == L::RBRACK ? '[' : '(';
        for (size_t k = frames.size(); k-- > 0;) {
          if (frames[k].bracket == '{' || frames[k].bracket == '$') break;
          if (frames[k].bracket == want) {
            frames.resize(k);
            break;
          }
        }
        break;
      }
      case L::STR_START: case L::HEREDOC_START: string_stack.push_back(true); break;
      case L::STR_END: case L::STR_NEWLINE: case L::HEREDOC_END:
        if (!string_stack.empty()) string_stack.pop_back();
        break;
      default: break;
    }
  }
  bool in_string = !string_stack.empty() && string_stack.back();
  // A string token that reaches the position from before it (its text is being typed).
  if (!toks.empty()) {
    size_t last = toks.back().type;
    if (in_string || ((last == L::STR_TEXT || last == L::HD_TEXT) && toks.back().end >= offset)) {
      cx.where = CursorContext::Where::String;
    }
  }

  auto text = [&](const Tok& k) { return std::string(source.substr(k.begin, k.end - k.begin)); };
  for (const Frame& f : frames) {
    CursorContext::Open open;
    open.bracket = f.bracket;
    open.offset = toks[f.index].begin;
    size_t first = f.index;
    while (first > 0 && toks[first - 1].line == toks[f.index].line) --first;
    for (size_t k = first; k < f.index; ++k) open.head.push_back(text(toks[k]));
    cx.open.push_back(std::move(open));
  }
  for (size_t k = toks.size(); k-- > 0;) {
    if (toks[k].line != cursor_line) break;
    cx.line.insert(cx.line.begin(), text(toks[k]));
  }
  uint32_t b = offset;
  while (b > 0 && name_char(source[b - 1])) --b;
  cx.word = std::string(source.substr(b, offset - b));
  cx.word_begin = b;
  return cx;
}

}  // namespace infrac::syntax
