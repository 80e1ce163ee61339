// Bounds on how deeply one source file nests, so that no input can exhaust the stack of
// the parser or of the passes that walk the tree after it.
//
// DepthCheck sees the tokens before the parser does: it counts the nesting of brackets,
// braces, parentheses, interpolations and the `< >` of parameter types (E0205), and the
// operators an expression chains (E0208). The AST builder bounds `else if` chains. For
// programs with syntax errors, whose recovery may join what the tokens kept apart,
// the parser itself (syntax/parser_base.h) stops when its tree gets deeper than any
// program within those limits could make it.
#pragma once

#include <antlr4-runtime.h>

#include <vector>

#include "diag/diagnostic.h"
#include "syntax/offsets.h"
#include "syntax/parser.h"

namespace infrac::syntax {

class DepthCheck {
 public:
  DepthCheck(FileId file, const OffsetMap& offsets, diag::Engine& diags)
      : file_(file), offsets_(offsets), diags_(diags) {}

  // Takes each token of the default channel, in order. False once a limit is passed; it
  // has then been reported.
  bool take(antlr4::Token* t);

 private:
  // What is open: a bracket, brace, parenthesis or interpolation, or a string (whose
  // interpolations are items, like those of a list). An expression's operators are
  // counted in the frame it is written in: `seg` since the last `,` or `=`, `peak` the
  // largest count of an earlier item. A closing bracket adds the count of the deepest
  // item inside to the frame around it.
  struct Frame {
    int seg = 0;
    int peak = 0;
    bool string = false;
  };
  // Where in a parameter's type the last token was: types nest in `< >` and `{ }`.
  enum class Type { None, ExpectType, AfterType, ExpectField, AfterField, AfterQuestion };

  bool in_type(antlr4::Token* t);
  void leave_type();
  bool open(antlr4::Token* t, bool string);
  bool close(antlr4::Token* t);
  bool count_operator(antlr4::Token* t);
  void reset();
  bool nesting_too_deep(antlr4::Token* t, const char* help);
  Span span_of(antlr4::Token* t) const;

  FileId file_;
  const OffsetMap& offsets_;
  diag::Engine& diags_;
  std::vector<Frame> frames_{Frame{}};
  int depth_ = 0;  // open brackets, braces, parentheses, interpolations and type `<`s
  size_t prev_ = 0, prev2_ = 0;  // the types of the two tokens before
  Type type_ = Type::None;
  std::vector<bool> type_nest_;  // inside a parameter's type: true for `<`, false for `{`
};

// The deepest parse tree accepted. Programs within the limits above give trees of at most
// about kMaxOperators + 5 * kMaxNesting levels.
inline constexpr int kMaxParseDepth = 5000;

}  // namespace infrac::syntax
