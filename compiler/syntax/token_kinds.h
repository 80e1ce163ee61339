// Kinds of tokens, for the passes over tokens that are not the parser (syntax/depth.h,
// syntax/syntax_errors.h).
#pragma once

#include <cstddef>

#include "InfraLexer.h"

namespace infrac::syntax {

// The keywords: reserved at the start of a declaration only, names anywhere else.
inline bool is_keyword(size_t t) {
  using L = gen::InfraLexer;
  switch (t) {
    case L::PARAM: case L::LET: case L::RESOURCE: case L::OUTPUT: case L::IMPORT: case L::MODULE:
    case L::ASSERT: case L::FOR: case L::IN: case L::IF: case L::ELSE: case L::AS: case L::TEMPLATE:
      return true;
    default:
      return false;
  }
}

// A token the grammar's `name` accepts.
inline bool is_name_token(size_t t) { return t == gen::InfraLexer::IDENT || is_keyword(t); }

}  // namespace infrac::syntax
