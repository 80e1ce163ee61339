// The tokens of the generated ANTLR lexer (with syntax/heredoc_lexer.h) and those of the
// hand-written one that infrac lexes with (syntax/lexer.h), as plain values, so that a
// test can hold the two to each other without ANTLR's types. Built into
// infrac_lexer_reference, which only the unit tests link.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace infrac::syntax {

struct TokenRecord {
  size_t type = 0;
  size_t channel = 0;
  std::string text;  // Token::getText()
  size_t begin = 0;  // bytes of the source, [begin, end)
  size_t end = 0;
  size_t line = 0;
};

struct TokenRecords {
  std::vector<TokenRecord> tokens;  // up to the EOF, or to the error
  bool unmatched_brace = false;     // stopped at a `}` that closes nothing, at `brace`
  size_t brace = 0;
  bool not_utf8 = false;  // the generated lexer's input stream refused the text
};

TokenRecords reference_tokens(std::string_view text);
TokenRecords hand_tokens(std::string_view text);

// The token type's name in the grammar (`LBRACE`), for messages.
std::string token_type_name(size_t type);

}  // namespace infrac::syntax
