// The checker's state, shared by the files that implement it:
//   check.cpp       the phases, cycles, outputs, the template block
//   instantiate.cpp declarations: scopes, module instances, loops, conditions
//   eval.cpp        expressions; calls.cpp built-in functions
//   params.cpp      root parameters and module inputs; annotations.cpp
//
// A Scope is one instance of a file (the root, or a module instance), or the body of a
// loop iteration inside one. Declarations are registered in a scope first and evaluated
// afterwards, on demand, so the order of declarations does not matter.
#pragma once

#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "sema/loader.h"
#include "sema/program.h"
#include "syntax/ast.h"

namespace infrac::sema {

enum class Stage { Any, CompileTime };

// A value computed on first use, remembering that it is being computed so that a
// definition in terms of itself is reported as a cycle.
struct Lazy {
  const ast::Expr* expr = nullptr;
  int scope = -1;  // where `expr` is evaluated
  std::string name;
  Span name_span;
  enum State { Unvisited, Visiting, Done } state = Unvisited;
  Val value;
  int cost = 0;          // Done: how deep its evaluation nests, through what it refers to
  int through = -1;      // the lazy its deepest reference goes to, or -1
  bool too_deep = false; // its evaluation nested deeper than kMaxEvalDepth: its value is an error
  int condition = -1;    // the deploy-time condition where it is declared
  const ast::Decl* decl = nullptr;  // its declaration
};

// How deep the evaluation of one value may nest, counting each expression node on the way
// down and going on through the values it refers to (E0428).
inline constexpr int kMaxEvalDepth = 2000;

// How many resources, and scopes (module instances and loop iterations), a program may
// make (E0431): far more than any template or set of nested stacks holds, and few
// enough that modules or loops that multiply cannot exhaust the machine.
inline constexpr size_t kMaxResources = 20'000;
inline constexpr size_t kMaxScopes = 20'000;
// How many items comprehensions may compute over the whole program (E0431): nested
// comprehensions multiply, and each item costs time even when the result is small.
inline constexpr size_t kMaxComprehensionSteps = 250'000;

struct Symbol {
  enum Kind { Param, Let, Resource, Output, Module, Family, LoopVar } kind = Let;
  const ast::Decl* decl = nullptr;
  int index = -1;  // Param (root): parameter; Resource: resource; Output (root): output; Module: scope
  int lazy = -1;   // Let, module Param, module Output
  std::map<std::string, int> members;  // Family: key -> resource or scope index
  bool of_modules = false;             // Family: of module instances
  int for_each = -1;                   // Family: made by this deploy-time `for`, without members
  // Resource: same-named declarations in complementary branches of deploy-time `if`s,
  // as resource indices in the order declared (the first is `index`); empty for one.
  std::vector<int> alternatives;
  Val value;                           // LoopVar
};

struct Scope {
  const Unit* unit = nullptr;
  int parent = -1;    // the enclosing scope of a loop body; -1 for a file instance
  int instance = -1;  // the file instance this scope belongs to (itself for one)
  bool root = false;
  std::vector<std::string> path;  // name segments, for logical IDs
  std::string display;            // `pattern2`, `pattern2.endpoint["ssm"]`: for messages
  std::map<std::string, Symbol, std::less<>> symbols;
  std::map<std::string, Symbol, std::less<>> outputs;  // a namespace of their own: they are not referenced by name
  const ast::Decl* module_decl = nullptr;  // the `module` declaration that made this instance
  int caller = -1;                         // the scope of that declaration
  int condition = -1;                      // deploy-time condition of what is declared here
  int for_each = -1;                       // the deploy-time `for` whose body this is (Program::loops)
  std::map<std::string, const ast::Entry*, std::less<>> inputs;  // given by the caller
};

// What a reference to a root parameter of type `t` yields: string, number, bool, list;
// empty for an unknown type (params.cpp).
std::string value_type_of(const ast::TypeRef& t);
// The CloudFormation parameter type of a root parameter's type, or empty when it has none.
std::string cfn_type_of(const ast::TypeRef& t);

// Marks the optional fields of `t` that `v` lacks, at every level (optional_fields.cpp);
// whether `field` is one of those of `object`.
void mark_absent_fields(Val& v, const ast::TypeRef& t);
bool is_absent(const Val& object, const std::string& field);

class Checker {
 public:
  Checker(const Unit& root, const SourceManager& sm, diag::Engine& diags) : root_(root), sm_(sm), diags_(diags) {}
  Program run();

  Val eval(const ast::Expr& e, Stage stage);
  Val eval_kind(const ast::Expr& e, Stage stage);  // eval without the bounds

 private:
  friend struct ScopeSwitch;

  // instantiate.cpp
  int new_scope(const Unit* unit, int parent, std::vector<std::string> path, std::string display);
  void declare(int scope, const std::vector<ast::Decl>& decls, bool in_loop);
  void declare_resource(int scope, const ast::Decl& d, bool in_loop);
  void declare_module(int scope, const ast::Decl& d, bool in_loop);
  void declare_for(int scope, const ast::Decl& d);
  void declare_for_each(int scope, const ast::Decl& d, const Val& list);  // for_each.cpp
  std::optional<std::string> for_each_key(int scope, const ast::Decl& d);  // for_each.cpp
  void loop_family_reference(const Symbol& family, Span at);              // for_each.cpp
  void declare_if(int scope, const ast::Decl& d, bool in_loop);
  std::optional<std::string> key_of(int scope, const ast::Decl& d, bool in_loop);
  int new_lazy(const ast::Expr* expr, int scope, const ast::Decl& d);  // null expr: a missing input
  bool register_name(int scope, const std::string& name, Symbol sym, Span at);
  int combine_conditions(int outer, Val inner, bool negate);
  // Complementary branches (instantiate.cpp): same-named resources under conditions that
  // exclude each other, and references to them.
  bool exclusive(int a, int b) const;
  bool covers(int outer, const std::vector<int>& conditions) const;
  int common_condition(const std::vector<int>& conditions) const;
  bool add_alternative(int scope, const ast::Decl& d, int index);
  void name_alternatives();
  Val alternative_reference(const Symbol& s, const std::string& path, const ast::Expr& at);

  // check.cpp
  void check_resource(Resource& r);
  void pin_hint(const ast::Decl& d, int scope, Val& v);
  void apply_resource_annotations(const ast::Decl& d, Resource& r);
  // depends_on.cpp: the resources a `@depends_on` item names, reporting what is not one.
  bool dependency_targets(const ast::Expr& e, std::vector<int>& out);
  bool symbol_resources(const Symbol& s, const ast::Expr& at, std::vector<int>& out);
  bool value_resources(const Val& v, const ast::Expr& at, std::vector<int>& out);
  int named_instance(const ast::Expr& e);
  const Symbol* declared_symbol(const ast::Expr& e);
  void instance_resources(int scope, std::vector<int>& out) const;
  void check_output(const ast::Decl& d, Output& o);
  bool plain_value(const Val& v);  // reports module instances and half-read mappings
  void check_assert(int scope, const ast::Decl& d);
  void check_template(const ast::Decl& d);
  void check_sam_types();
  void check_annotations(const ast::Decl& d);
  void find_resource_cycles();

  // params.cpp
  void check_param(const ast::Decl& d, Param& p);
  void check_inputs(int scope);
  void read_constraints(const ast::Decl& d, Param& p, bool numeric, const std::string& value_type);
  void check_input_constraints(int scope, const ast::Decl& d, const Val& v, Span at);

  // eval.cpp
  const Symbol* lookup(std::string_view name, int scope) const;
  Val eval_name(const ast::Expr& e, Stage stage);
  Val eval_member(const ast::Expr& e, Stage stage);
  Val eval_index(const ast::Expr& e, Stage stage);
  Val eval_string(const ast::Expr& e, Stage stage);
  Val eval_object(const ast::Expr& e, Stage stage);
  Val eval_unary(const ast::Expr& e, Stage stage);
  Val eval_binary(const ast::Expr& e, Stage stage);
  Val eval_conditional(const ast::Expr& e, Stage stage);
  Val eval_call(const ast::Expr& e, Stage stage);
  Val eval_comprehension(const ast::Expr& e, Stage stage);  // comprehension.cpp
  Val call_function(const ast::Expr& e, Stage stage);
  Val range(const ast::Expr& e, const std::vector<Val>& args);  // calls.cpp
  // string_functions.cpp: replace, substr, trim, jsonencode, templatefile
  Val string_function(const ast::Expr& e, std::string_view fn, std::vector<Val>& args);
  bool sub_piece(const Val& v, std::string& pending, Val& sub);
  bool json_piece(const Val& v, std::string& pending, Val& sub, const ast::Expr& at);
  Val read_value_file(const std::string& path, const ast::Expr& at);  // file_values.cpp
  // A file of the project for `fn()`, at most 1 MiB; false after reporting why not.
  bool read_project_file(const std::string& path, const ast::Expr& at, const char* fn, std::string& text);
  Val eval_lazy(int lazy, const ast::Expr& use);
  // Whether the evaluation, `extra` levels below the current one (through lazy `through`),
  // nests too deep; reports it once for the value the evaluation started from.
  bool too_deep(int extra, int through);
  Val output_of(int scope, const std::string& name, const ast::Expr& at);
  int family_member(const Symbol& family, const ast::Expr& index);  // resource or scope, -1 on error
  Val attribute(int resource, const std::string& path, const ast::Expr& at);
  Val deploy_time_here(const ast::Expr& e, Stage stage, const Val& v);
  Val as_condition(const Val& v, const ast::Expr& at);
  bool condition_operands(const Val& a, const Val& b, const ast::Expr& e);  // reports E0432
  bool to_string_piece(const Val& v, std::string& out);
  void note_reference(int resource, const ast::Expr& at);  // for @depends_on
  bool condition_holds(int target_condition, int context, const std::vector<std::string>& guards) const;
  void report_conditional(int target, Span at, const std::string& who, int condition = -2);
  int static_context() const;  // the condition of the declaration being evaluated
  void walk_references(const Val& v, int context, std::vector<std::string>& guards, const std::string& who,
                       std::vector<int>* refs);
  std::vector<std::string_view> visible_names(int scope) const;

  // annotations.cpp
  const ast::Annotation* annotation(const ast::Decl& d, std::string_view name) const;
  std::optional<std::string> word_argument(const ast::Annotation& a, const std::vector<std::string_view>& allowed);
  std::optional<std::string> string_argument(const ast::Annotation& a, Stage stage, Val* deploy = nullptr);

  const Unit& root_;
  const SourceManager& sm_;
  diag::Engine& diags_;
  Program out_;
  std::deque<Scope> scopes_;
  std::deque<Lazy> lazies_;
  // The lazies being evaluated, outermost first: for cycles and for E0428.
  struct LazyFrame {
    int lazy;
    int base;     // eval_depth_ when it started
    int reach;    // the deepest it went so far, below `base`
    int through;  // the lazy that deepest point was reached through, or -1
    bool cut;     // it went too deep: it and all it needs become errors
  };
  std::vector<LazyFrame> lazy_frames_;
  int eval_depth_ = 0;  // nesting of eval()
  bool reported_too_deep_ = false;
  bool reported_too_many_ = false;
  // False, after reporting E0431 once, when one more resource or scope would pass the limits.
  bool room_for(const char* what, size_t count, size_t limit, Span at);
  std::vector<std::pair<int, const ast::Decl*>> asserts_;
  // Lookups of a mapping by a root parameter: checked against the values the parameter
  // may take once all parameters are read (params.cpp).
  struct MapLookup {
    int param;
    std::vector<std::string> keys;
    Span at;
    std::string map_name;  // the `let` that holds it, or empty
    Span map_at;           // where the mapping's object is written: the same mapping, the same place
  };
  std::vector<MapLookup> map_lookups_;
  void check_mapping_keys();
  std::vector<std::pair<int, const ast::Decl*>> outputs_;  // root outputs, with their scope
  const ast::Decl* template_decl_ = nullptr;

  int scope_ = -1;             // where names are looked up now
  // The names comprehensions bind while their items are computed, innermost last: seen
  // before the scope's own names, and only in the scope they were bound in (`In` hides them).
  std::vector<std::pair<std::string, Symbol>> bindings_;
  size_t comprehension_steps_ = 0;  // items computed by comprehensions, over the program
  bool reported_too_many_steps_ = false;
  int current_resource_ = -1;  // whose properties are being evaluated
  int context_condition_ = -1; // the condition of what is being evaluated
  std::vector<int> condition_parent_;  // the condition each one refines, or -1
  // For each condition made by a deploy-time `if`: which `if` (a number of its own for
  // each one declared) and whether it is its `else`; {-1, false} for others.
  std::vector<std::pair<int, bool>> condition_branch_;
  std::vector<std::string> condition_step_;  // the hint of what each condition adds to its parent
  int ifs_declared_ = 0;
  std::string why_ = "this value";  // what needs a compile-time value, for messages

  // Names what needs a compile-time value while it is being evaluated.
  struct Why {
    Why(Checker& c, std::string what) : c_(c), saved_(std::move(c.why_)) { c.why_ = std::move(what); }
    ~Why() { c_.why_ = std::move(saved_); }
    Checker& c_;
    std::string saved_;
  };
  // Evaluates in another scope for a while, without the names comprehensions bound here.
  struct In {
    In(Checker& c, int scope) : c_(c), saved_(c.scope_), bindings_(std::move(c.bindings_)) {
      c.scope_ = scope;
      c.bindings_.clear();
    }
    ~In() {
      c_.scope_ = saved_;
      c_.bindings_ = std::move(bindings_);
    }
    Checker& c_;
    int saved_;
    std::vector<std::pair<std::string, Symbol>> bindings_;
  };
};

}  // namespace infrac::sema
