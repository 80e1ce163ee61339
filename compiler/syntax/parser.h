// Parses one source file into an owned ast::Program. Lexical and syntax errors are
// reported to the diagnostic engine in the project's words; the returned program then
// holds what could be recovered (declarations with Error nodes in the broken places).
#pragma once

#include "base/source.h"
#include "diag/diagnostic.h"
#include "syntax/ast.h"

namespace infrac::syntax {

// Deepest nesting of brackets, braces, parentheses and interpolations accepted.
inline constexpr int kMaxNesting = 200;

struct ParseResult {
  ast::Program program;
  bool ok = false;  // no lexical or syntax error
};

ParseResult parse(const SourceManager& sm, FileId file, diag::Engine& diags);

}  // namespace infrac::syntax
