// The checker's state, shared by the files that implement it (check.cpp: declarations
// and cycles; eval.cpp: expressions; params.cpp: parameters; annotations.cpp).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "sema/program.h"
#include "syntax/ast.h"

namespace infrac::sema {

enum class Stage { Any, CompileTime };

struct Symbol {
  ast::DeclKind kind;
  const ast::Decl* decl;
  int index;  // into params, resources, outputs, or lets
};

struct LetState {
  const ast::Decl* decl;
  enum { Unvisited, Visiting, Done } state = Unvisited;
  Val value;
};

class Checker {
 public:
  Checker(const ast::Program& ast, const SourceManager& sm, diag::Engine& diags)
      : ast_(ast), sm_(sm), diags_(diags) {}
  Program run();

  // eval.cpp
  Val eval(const ast::Expr& e, Stage stage);

 private:
  void declare();
  void check_param(const ast::Decl& d, Param& p);
  void check_resource(const ast::Decl& d, Resource& r);
  void check_output(const ast::Decl& d, Output& o);
  void apply_resource_annotations(const ast::Decl& d, Resource& r);
  void check_annotations(const ast::Decl& d);
  const ast::Annotation* annotation(const ast::Decl& d, std::string_view name) const;
  std::optional<std::string> word_argument(const ast::Annotation& a, const std::vector<std::string_view>& allowed);
  std::optional<std::string> string_argument(const ast::Annotation& a, Stage stage, Val* deploy = nullptr);
  void find_resource_cycles();

  Val eval_name(const ast::Expr& e, Stage stage);
  Val eval_member(const ast::Expr& e, Stage stage);
  Val eval_index(const ast::Expr& e, Stage stage);
  Val eval_string(const ast::Expr& e, Stage stage);
  Val eval_object(const ast::Expr& e, Stage stage);
  Val eval_unary(const ast::Expr& e, Stage stage);
  Val eval_binary(const ast::Expr& e, Stage stage);
  Val eval_conditional(const ast::Expr& e, Stage stage);
  Val eval_call(const ast::Expr& e, Stage stage);
  Val call_function(const ast::Expr& e, Stage stage);
  Val eval_let(int index, const ast::Expr& use);
  Val attribute(int resource, const std::string& path, const ast::Expr& at);
  Val deploy_time_here(const ast::Expr& e, Stage stage, const Val& v);
  bool to_string_piece(const Val& v, std::string& out);
  void note_reference(int resource);

  std::vector<std::string_view> all_names() const;

  const ast::Program& ast_;
  const SourceManager& sm_;
  diag::Engine& diags_;
  Program out_;
  std::map<std::string, Symbol, std::less<>> symbols_;
  std::vector<LetState> lets_;
  std::vector<std::string> let_stack_;  // names being evaluated, for cycle messages
  int current_resource_ = -1;           // whose properties are being evaluated
  std::string why_ = "this value";      // what needs a compile-time value, for messages

  // Names what needs a compile-time value while it is being evaluated.
  struct Why {
    Why(Checker& c, std::string what) : c_(c), saved_(std::move(c.why_)) { c.why_ = std::move(what); }
    ~Why() { c_.why_ = std::move(saved_); }
    Checker& c_;
    std::string saved_;
  };
};

}  // namespace infrac::sema
