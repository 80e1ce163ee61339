// Parses one source file into an owned ast::Program. Lexical and syntax errors are
// reported to the diagnostic engine in the project's words; the returned program then
// holds what could be recovered (declarations with Error nodes in the broken places).
#pragma once

#include "base/source.h"
#include "diag/diagnostic.h"
#include "syntax/ast.h"

namespace infrac::syntax {

// Deepest nesting of brackets, braces, parentheses, interpolations, the `< >` of types
// and `else if`s accepted (E0205).
inline constexpr int kMaxNesting = 200;
// Most operators one expression may chain (E0208): `a + b + c` chains two. Of a list, an
// object, a call or a string with interpolations, the item with the most counts.
inline constexpr int kMaxOperators = 1000;
// Most tokens one file may hold (E0209). The parser keeps about a kilobyte for each token
// of a file; a million is five megabytes of declarations, ten thousand resources or more,
// twenty times what a template holds.
inline constexpr size_t kMaxTokens = 1'000'000;

struct ParseResult {
  ast::Program program;
  bool ok = false;  // no lexical or syntax error
};

ParseResult parse(const SourceManager& sm, FileId file, diag::Engine& diags);

}  // namespace infrac::syntax
