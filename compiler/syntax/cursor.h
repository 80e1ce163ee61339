// What surrounds a position in a source file, read from its tokens alone, so that it
// holds in a file that does not parse (the language server's completion reads it while
// the user types). No ANTLR type appears here: tokens are given as their texts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace infrac::syntax {

struct CursorContext {
  enum class Where { Code, Comment, String };
  Where where = Where::Code;  // String: in a string's literal text (not in an interpolation)
  // The brackets open at the position, outermost first: `{`, `[`, `(`, or `$` for an
  // interpolation `${`; with the texts of the tokens on the bracket's line before it
  // (`resource`, `web`, `:`, `AWS::EC2::Instance` for the body of that resource).
  struct Open {
    char bracket = '{';
    uint32_t offset = 0;
    std::vector<std::string> head;
  };
  std::vector<Open> open;
  // The tokens of the position's line before it (the partial word included), as texts.
  std::vector<std::string> line;
  // The name being typed: the letters, digits, `_` and `::` just before the position.
  std::string word;
  uint32_t word_begin = 0;
};

CursorContext cursor_context(std::string_view source, uint32_t offset);

}  // namespace infrac::syntax
