// The owned syntax tree of one .infra file. Built by the parser (syntax/parser.h) from
// ANTLR's parse tree; every node carries its source span. No ANTLR type appears here.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/source.h"

namespace infrac::ast {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  Null,
  Bool,
  Number,
  String,       // parts: literal text and interpolated expressions
  Name,         // a declared name, or a qualified name such as AWS::Region
  Member,       // lhs.name
  Index,        // lhs[rhs]
  Call,         // name(args)
  List,         // [items]
  Object,       // { key = value ... }
  Unary,        // op lhs
  Binary,       // lhs op rhs
  Conditional,  // lhs ? rhs : third
  ListFor,      // [for index_name, text in lhs : rhs if third]
  ObjectFor,    // { for index_name, text in lhs : key => rhs if third }
  Error,        // placeholder left by a syntax error
};

struct StringPart {
  std::string text;  // literal text, escapes resolved (when expr is null)
  ExprPtr expr;      // the interpolated expression, or null
  Span span;
};

struct Entry {
  std::string key;
  Span key_span;
  ExprPtr value;
};

struct Expr {
  ExprKind kind = ExprKind::Error;
  Span span;
  bool boolean = false;
  double number = 0;
  std::string text;  // Number: as written; Name/Call: the name; Member: the member; Unary/Binary: the operator
  Span name_span;    // Member: the member name; Call: the function name
  std::vector<StringPart> parts;
  std::vector<ExprPtr> items;  // List items, Call arguments
  std::vector<Entry> entries;  // Object
  ExprPtr lhs, rhs, third;
  // String: written as a heredoc, `<<EOT` (its marker; empty for a quoted string), and in
  // the indented form `<<-EOT`, whose lines lost their common leading blanks.
  std::string heredoc;
  bool heredoc_indented = false;
  // ListFor, ObjectFor: `text` is the loop variable (name_span its name); with two names,
  // index_name is the first, the index of a list or the key of an object. `third` is the
  // `if` filter or null; `key` is ObjectFor's key expression.
  std::string index_name;
  Span index_span;
  ExprPtr key;
};

struct FieldType;

struct TypeRef {
  std::string name;  // string, number, list, AWS::EC2::KeyPair::KeyName, ssm_parameter ...; "{}" for an object type
  std::vector<TypeRef> args;
  std::vector<FieldType> fields;  // an object type `{ a: string, b?: number }`
  Span span;
};

struct FieldType {
  std::string name;
  bool optional = false;
  TypeRef type;
};

struct Annotation {
  std::string name;
  Span span;       // the whole annotation
  Span name_span;  // `@name`
  std::vector<ExprPtr> args;
};

enum class DeclKind { Param, Let, Resource, Output, Import, Module, Assert, For, If, Template };

struct Decl {
  DeclKind kind = DeclKind::Let;
  Span span;       // from the keyword to the end
  Span name_span;
  std::string name;
  std::string doc;  // from `///` comments right above
  std::vector<Annotation> annotations;
  TypeRef type;           // Param
  ExprPtr value;          // Param default, Let value, Output value
  std::string resource_type;  // Resource
  Span resource_type_span;
  std::vector<Entry> properties;  // Resource, Module (its inputs), Template
  Span body_span;
  ExprPtr key;                    // Resource, Module declared as `name[key]`
  std::string import_path;        // Import: `std.network.vpc`, or the path of a string import
  bool import_is_file = false;    // Import: written as a string path
  std::string module;             // Module: the imported module's name
  Span module_span;
  ExprPtr message;                // Assert: the message; For: (unused)
  std::string index_name;         // For with two names, `for i, x in xs`: the first (`name` is the second)
  Span index_span;
  std::vector<Decl> body;         // For, If
  std::vector<Decl> else_body;    // If
  bool has_else = false;
};

struct Program {
  FileId file = kNoFile;
  std::string doc;  // the file's own `///` block: first in the file, a blank line before the next declaration
  std::vector<Decl> decls;
};

const char* decl_kind_name(DeclKind k);
// A type as written: `list<string>`, `{ a: string, b?: number }`.
std::string type_text(const TypeRef& t);

}  // namespace infrac::ast
