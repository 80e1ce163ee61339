// The printer's layout of expressions, bodies and comments, shared by the files of
// compiler/print/. Text is built as strings; a string may hold line breaks, after which
// its lines carry their own indentation. `indent` counts levels of two spaces; `col` is
// the column where the text being built starts (for the width, print/printer.h).
#pragma once

#include <string>
#include <vector>

#include "syntax/ast.h"

namespace infrac::print {

std::string spaces(int indent);

// The one-line form of `e` appended to `out`, or false when `e` must take several lines
// (it was written across lines, or holds a comment) or `out` would grow past `limit`.
// `force` makes it one line whatever the width and the way it was written (inside `${ }`).
bool flat(const ast::Expr& e, std::string& out, size_t limit, bool force = false);

// `e` starting at column `col` of a line indented `indent` levels.
std::string expr(const ast::Expr& e, int indent, int col);

// The entries of a body or object, one a line at `indent` (with their comments and blank
// lines, `=` aligned within groups), then the `closing` comments; each line ends in "\n".
std::string entry_lines(const std::vector<ast::Entry>& entries, const ast::Comments& closing, int indent);

// A `{ }` body: `{}`, on one line when `one_line` and it fits, or broken.
std::string body(const std::vector<ast::Entry>& entries, const ast::Comments& closing, bool one_line, int indent,
                 int col);

// A call or annotation: `prefix(args)`, on one line when it fits, or broken.
std::string call(const std::string& prefix, const std::vector<ast::ExprPtr>& args, const ast::Comments& closing,
                 bool multiline, int indent, int col);

// Comments on lines of their own at `indent`; `first` leaves out the blank line before the
// first one (at the top of a block). Each line ends in "\n".
std::string comment_lines(const ast::Comments& comments, int indent, bool first);
// Comments after code on its line: " // a /* b */".
std::string trailing(const ast::Comments& comments);
// A comment as printed: its text without the spaces that end its lines.
std::string comment_text(const ast::Comment& c);

}  // namespace infrac::print
