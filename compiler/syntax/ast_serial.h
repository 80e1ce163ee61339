// A compact binary form of an ast::Program, so that a program parsed once (the stdlib's
// modules, when the compiler is built: syntax/preparsed.h) can be loaded again without
// the lexer and the parser. Every field of every node is kept, layout and spans
// included: a program read back is indistinguishable from the one written, except for
// its FileId, which a file gets when it is loaded. Spans therefore store their offsets
// only, and say whether they were in the program's file; the reader gives them the
// FileId it is told.
//
// The reader trusts nothing: every read is bounded by the buffer, every count by the
// bytes left, every enumerator and flag word by the values this format knows, and
// nesting by kMaxSerialDepth. Bytes that are not a program written by this version end
// in `false`, never in a crash; a caller then parses the source instead.
#pragma once

#include <string>
#include <string_view>

#include "syntax/ast.h"

namespace infrac::ast {

// The version of the encoding. A change to what is written (a field added to ast.h, a
// flag moved) must change it, so that bytes written before are refused, not misread.
inline constexpr uint32_t kSerialVersion = 1;

// Deepest nesting of nodes (expressions, declarations, types) written or read. The
// parser's limits keep real programs far below it; it bounds the reader's recursion on
// bytes that are not a real program.
inline constexpr int kMaxSerialDepth = 2048;

// Appends `p` to `out`. False when `p` cannot be written: a span in a file other than
// p.file, or nesting deeper than kMaxSerialDepth (what was appended is then meaningless).
bool write_program(const Program& p, std::string& out);

// Reads a program that write_program wrote, all of `bytes`; spans that were in the
// program's file get `file`. False when `bytes` are not such a program (`out` is then
// unspecified).
bool read_program(std::string_view bytes, FileId file, Program& out);

}  // namespace infrac::ast
