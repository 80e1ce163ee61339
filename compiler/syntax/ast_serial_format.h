// The encoding of syntax/ast_serial.h, shared by its writer (ast_writer.cpp) and its
// reader (ast_reader.cpp), which are apart so that the compiler links the reader alone.
//
// In the order the writer goes:
// - an unsigned integer as LEB128 (seven bits a byte, the low ones first, the top bit
//   set on every byte but the last); a string as its length and its bytes; a vector as
//   its count and its elements; a number's double as its eight bytes, low first;
// - a span as a tag: 0 for the empty span of no file (Span{}), 1 for a span in the
//   program's file (its begin, then its length), 2 for any other (1 if in the file, 0 if
//   in none, then begin and end);
// - an expression pointer as 0 when null, else its kind + 1, a flag word naming the
//   fields that differ from their defaults (a bool field is its flag), its span, and the
//   named fields in the order of their flags; a declaration as its kind, a flag word, its
//   span, name span and name, and the named fields;
// - the small nodes (Comment, StringPart, Entry, TypeRef, FieldType, Annotation) field
//   by field, their bools in one flag byte.
// Most fields of a node are empty for most kinds: the flag words leave out what the
// node does not use.
#pragma once

#include <cstddef>
#include <cstdint>

#include "syntax/ast.h"

namespace infrac::ast::serial {

// Expr fields, by flag.
inline constexpr uint32_t kExText = 1u << 0;
inline constexpr uint32_t kExNameSpan = 1u << 1;
inline constexpr uint32_t kExParts = 1u << 2;
inline constexpr uint32_t kExItems = 1u << 3;
inline constexpr uint32_t kExEntries = 1u << 4;
inline constexpr uint32_t kExLhs = 1u << 5;
inline constexpr uint32_t kExRhs = 1u << 6;
inline constexpr uint32_t kExThird = 1u << 7;
inline constexpr uint32_t kExKey = 1u << 8;
inline constexpr uint32_t kExNumber = 1u << 9;
inline constexpr uint32_t kExBoolean = 1u << 10;
inline constexpr uint32_t kExHeredoc = 1u << 11;
inline constexpr uint32_t kExHeredocIndented = 1u << 12;
inline constexpr uint32_t kExIndexName = 1u << 13;
inline constexpr uint32_t kExIndexSpan = 1u << 14;
inline constexpr uint32_t kExParens = 1u << 15;
inline constexpr uint32_t kExMultiline = 1u << 16;
inline constexpr uint32_t kExBlankBefore = 1u << 17;
inline constexpr uint32_t kExLeading = 1u << 18;
inline constexpr uint32_t kExTrailing = 1u << 19;
inline constexpr uint32_t kExClosing = 1u << 20;
inline constexpr uint32_t kExAll = (1u << 21) - 1;

// Decl fields, by flag (kind, span, name_span and name are always written).
inline constexpr uint32_t kDcDoc = 1u << 0;
inline constexpr uint32_t kDcAnnotations = 1u << 1;
inline constexpr uint32_t kDcType = 1u << 2;
inline constexpr uint32_t kDcValue = 1u << 3;
inline constexpr uint32_t kDcResourceType = 1u << 4;
inline constexpr uint32_t kDcResourceTypeSpan = 1u << 5;
inline constexpr uint32_t kDcProperties = 1u << 6;
inline constexpr uint32_t kDcBodySpan = 1u << 7;
inline constexpr uint32_t kDcKey = 1u << 8;
inline constexpr uint32_t kDcImportPath = 1u << 9;
inline constexpr uint32_t kDcImportIsFile = 1u << 10;
inline constexpr uint32_t kDcImportAlias = 1u << 11;
inline constexpr uint32_t kDcModule = 1u << 12;
inline constexpr uint32_t kDcModuleSpan = 1u << 13;
inline constexpr uint32_t kDcMessage = 1u << 14;
inline constexpr uint32_t kDcIndexName = 1u << 15;
inline constexpr uint32_t kDcIndexSpan = 1u << 16;
inline constexpr uint32_t kDcBody = 1u << 17;
inline constexpr uint32_t kDcElseBody = 1u << 18;
inline constexpr uint32_t kDcHasElse = 1u << 19;
inline constexpr uint32_t kDcBlankBefore = 1u << 20;
inline constexpr uint32_t kDcBodyOneLine = 1u << 21;
inline constexpr uint32_t kDcLeading = 1u << 22;
inline constexpr uint32_t kDcKeyword = 1u << 23;
inline constexpr uint32_t kDcTrailing = 1u << 24;
inline constexpr uint32_t kDcClosing = 1u << 25;
inline constexpr uint32_t kDcElseClosing = 1u << 26;
inline constexpr uint32_t kDcAll = (1u << 27) - 1;

// The last enumerators: a kind beyond them is not one this reader knows.
inline constexpr uint64_t kLastExprKind = static_cast<uint64_t>(ExprKind::Error);
inline constexpr uint64_t kLastDeclKind = static_cast<uint64_t>(DeclKind::Template);

// The fewest bytes an element of each vector takes, which bounds a count read against the
// bytes left (and so what the reader reserves for it).
inline constexpr size_t kMinComment = 3;     // text, span, flags
inline constexpr size_t kMinPart = 4;        // text, raw, expr, span
inline constexpr size_t kMinEntry = 6;       // key, key span, flags, value, leading, trailing
inline constexpr size_t kMinType = 4;        // name, args, fields, span
inline constexpr size_t kMinField = 2 + kMinType;  // name, optional, type
inline constexpr size_t kMinAnnotation = 6;  // name, span, name span, args, leading, trailing
inline constexpr size_t kMinDecl = 5;        // kind, flags, span, name span, name

// Nodes grow when a field is added to ast.h, and such a field must be written and read
// (ast_writer.cpp, ast_reader.cpp) and compared by tests/unit/ast_equal.cpp, and
// kSerialVersion raised. The sizes below stop the build as a reminder: a field that fits
// in padding goes unnoticed, so the round-trip tests remain the proof. Checked on the
// ABI the project builds with.
#if defined(__x86_64__) && defined(__GLIBCXX__) && _GLIBCXX_USE_CXX11_ABI
static_assert(sizeof(Comment) == 48 && sizeof(StringPart) == 88 && sizeof(Entry) == 64 &&
                  sizeof(Expr) == 176 && sizeof(ExprRare) == 176 && sizeof(TypeRef) == 96 && sizeof(FieldType) == 136 &&
                  sizeof(Annotation) == 128 && sizeof(Decl) == 640 && sizeof(Program) == 112,
              "an AST node changed: write and read the new field (syntax/ast_writer.cpp, "
              "ast_reader.cpp), compare it (tests/unit/ast_equal.cpp), raise kSerialVersion, "
              "then update these sizes");
#endif

}  // namespace infrac::ast::serial
