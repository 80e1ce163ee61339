// The printer: writes a syntax tree back as .infra source in the one canonical layout
// (docs/language.md, "Formatting"). It reads only the tree, never source text, so it
// prints a tree built from scratch (by `infrac import`) as well as one the parser made;
// what the tree keeps for it (comments, blank lines, literals as written, the user's
// parentheses) is described at the top of syntax/ast.h.
//
// Deterministic and idempotent: printing the parse of the output gives the output again.
// It never changes what a program means: the parse of the output is the same tree but for
// spans and layout. Comments listed in `Program::unplaced` are not printed; `infrac fmt`
// refuses such a file (E0901) before printing.
#pragma once

#include <string>

#include "syntax/ast.h"

namespace infrac::print {

// The widest line the printer aims for. A list, object, call or body whose one-line form
// would end past it is broken over several lines. A line holding one long item (a
// string) may still be wider.
inline constexpr int kLineWidth = 120;

// The whole file, ending with one line break (empty for an empty program).
std::string print_program(const ast::Program& program);

// One expression, as it would be printed at the start of a line at indentation 0. Lines
// after the first (of a broken list or object) are indented from there.
std::string print_expr(const ast::Expr& e);

// A type as written in a `param`: `list<string>`, `{ a: string, b?: number }`.
std::string print_type(const ast::TypeRef& t);

}  // namespace infrac::print
