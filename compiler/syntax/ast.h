// The owned syntax tree of one .infra file. Built by the parser (syntax/parser.h) from
// ANTLR's parse tree; every node carries its source span. No ANTLR type appears here.
//
// Besides what a program means, the tree keeps what the printer (print/printer.h) needs
// to write the program back as it was written, so that the printer never reads source text
// or offsets, and a tree built from scratch (by `infrac import`, with no source file) can
// set the same fields:
// - comments, as `Comment`s attached to the nodes around them: the `leading` comments on
//   the lines before a declaration, an entry, a list item, a call argument or an
//   annotation; the `trailing` comments on the same line after it; the `closing` comments
//   before the `}`, `]` or `)` that closes a body, an object, a list or a call; and the
//   comments at the end of the file (`Program::trailing`). A comment the parser cannot
//   attach to one of those places (inside an expression, a type or a string) is listed in
//   `Program::unplaced`: `infrac fmt` refuses such a file rather than drop it (E0901);
// - blank lines: `blank_before` on declarations, entries, list items, call arguments and
//   comments (at most one blank line is kept; none before the first element of a block);
// - the form of literals as written: a number's `text`, a string's `raw` text with its
//   escapes, a key written as a string (`key_quoted`), the user's parentheses (`parens`);
// - whether a list, object or call was written across lines (`multiline`) and whether a
//   declaration's body was written on one line (`body_one_line`).
// None of these change what a program means: every later phase ignores them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/out_of_line.h"
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

// A comment as written, with its markers: `// x`, `# x`, `/* x */` (possibly across
// lines) or `/// x` (a doc comment; the declaration's `doc` holds its text as well).
struct Comment {
  std::string text;
  Span span;
  bool blank_before = false;  // a blank line separates it from what comes before it
  // Of the last leading comment: a blank line separates it from the node it leads
  // (`// section`, blank line, `resource ...`).
  bool blank_after = false;
};
using Comments = std::vector<Comment>;

struct StringPart {
  std::string text;  // literal text, escapes resolved (when expr is null)
  // The literal text as written between the quotes, escapes unresolved (`a\tb`). Empty in
  // a tree built without source: the printer then escapes `text` (print/literals.h).
  std::string raw;
  ExprPtr expr;      // the interpolated expression, or null
  Span span;
};

struct EntryComments {
  Comments leading;   // on the lines before it
  Comments trailing;  // on its last line, after it (and after the `,` that may follow it)
};

struct Entry {
  std::string key;
  Span key_span;
  bool key_quoted = false;  // written as a string: `"Fn::Sub" = ...` (a key that is not a name is quoted anyway)
  bool blank_before = false;  // a blank line before it (before its leading comments, if any)
  ExprPtr value;

  // Its comments (most entries have none, and then no EntryComments).
  const EntryComments& comments() const { return comments_.get(); }
  EntryComments& comments_mut() { return comments_.make(); }
  bool has_comments() const { return comments_.has(); }

 private:
  OutOfLine<EntryComments> comments_;
};

// What few expressions have: the parts of comprehensions, conditionals and heredocs, and
// the comments around list items and call arguments. Kept out of line, so that the
// expressions most programs are made of (names, numbers, strings, lists, objects) stay
// small; an expression that has none of these has no ExprRare.
struct ExprRare {
  // String: written as a heredoc, `<<EOT` (its marker; empty for a quoted string), and in
  // the indented form `<<-EOT`, whose lines lost their common leading blanks.
  std::string heredoc;
  bool heredoc_indented = false;
  // Conditional: the expression after `:`. ListFor, ObjectFor: the `if` filter, or null.
  ExprPtr third;
  // ListFor, ObjectFor: with two names, index_name is the first, the index of a list or the
  // key of an object. `key` is ObjectFor's key expression.
  std::string index_name;
  Span index_span;
  ExprPtr key;
  // As a list item or a call argument: its comments.
  Comments leading, trailing;
  Comments closing;  // List, Object, Call: before the closing bracket
};

struct Expr {
  ExprKind kind = ExprKind::Error;
  Span span;
  bool boolean = false;
  bool parens = false;     // written inside `( )`: the printer keeps them (and adds those precedence needs)
  bool multiline = false;  // List, Object, Call: a line break after the opening bracket, kept by the printer
  bool blank_before = false;  // as a list item or a call argument: a blank line before it
  double number = 0;
  std::string text;  // Number: as written; Name/Call: the name; Member: the member; Unary/Binary: the operator
                     // ListFor, ObjectFor: the loop variable (name_span its name)
  Span name_span;    // Member: the member name; Call: the function name
  std::vector<StringPart> parts;
  std::vector<ExprPtr> items;  // List items, Call arguments
  std::vector<Entry> entries;  // Object
  ExprPtr lhs, rhs;

  // The fields few expressions have (above); empty ones when it has none.
  const ExprRare& rare() const { return rare_.get(); }
  // For writing them: made on first use.
  ExprRare& rare_mut() { return rare_.make(); }
  bool has_rare() const { return rare_.has(); }

 private:
  OutOfLine<ExprRare> rare_;
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
  Comments leading;   // on the lines before it (the first annotation's are the declaration's)
  Comments trailing;  // on its line, after it
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
  bool import_alias = false;      // Import: written with `as name`
  std::string module;             // Module: the imported module's name
  Span module_span;
  ExprPtr message;                // Assert: the message; For: (unused)
  std::string index_name;         // For with two names, `for i, x in xs`: the first (`name` is the second)
  Span index_span;
  std::vector<Decl> body;         // For, If
  std::vector<Decl> else_body;    // If
  bool has_else = false;
  // Layout (see the top of this file).
  bool blank_before = false;   // a blank line before it (before its leading comments, if any)
  bool body_one_line = false;  // Resource, Module, Template: the `{ }` body was written on one line
  Comments leading;            // on the lines before it, `///` doc comments included, before the annotations
  Comments keyword;            // between the last annotation and the keyword
  Comments trailing;           // on its last line, after it
  Comments closing;            // before the `}` of its body (For, If: of the block; If: of the `then` block)
  Comments else_closing;       // If: before the `}` of the `else` block
};

struct Program {
  FileId file = kNoFile;
  std::string doc;  // the file's own `///` block: first in the file, a blank line before the next declaration
  std::vector<Decl> decls;
  Comments trailing;  // after the last declaration, on lines of their own
  Comments unplaced;  // comments the parser could not attach to a node (inside an expression, a type, a string)
};

const char* decl_kind_name(DeclKind k);
// A type as written: `list<string>`, `{ a: string, b?: number }`, `{}`.
std::string type_text(const TypeRef& t);

}  // namespace infrac::ast
