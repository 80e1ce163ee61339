// Declarations: each is registered in its scope before anything is evaluated. Module
// instances get a scope of their own, loop iterations a child scope, and a deploy-time
// `if` gives what it declares a CloudFormation condition.
#include <algorithm>

#include "diag/spell.h"
#include "sema/checker.h"
#include "syntax/parser.h"

namespace infrac::sema {

namespace {

std::string key_display(const std::string& key) { return "[\"" + key + "\"]"; }

}  // namespace

bool Checker::room_for(const char* what, size_t count, size_t limit, Span at) {
  if (count < limit) return true;
  if (!reported_too_many_) {
    reported_too_many_ = true;
    diags_.report(diag::Kind::TooManyInstances, at, {std::to_string(limit), what})
        .note("modules that instantiate modules, and loops inside loops, multiply what they make")
        .help("check the loops and module instances that lead here; a template holds at most 500 resources");
  }
  return false;
}

int Checker::new_scope(const Unit* unit, int parent, std::vector<std::string> path, std::string display) {
  scopes_.emplace_back();
  int id = static_cast<int>(scopes_.size() - 1);
  Scope& s = scopes_.back();
  s.unit = unit;
  s.parent = parent;
  s.path = std::move(path);
  s.display = std::move(display);
  s.instance = parent < 0 ? id : scopes_[parent].instance;
  if (parent >= 0) s.condition = scopes_[parent].condition;
  if (parent >= 0) s.for_each = scopes_[parent].for_each;
  return id;
}

int Checker::new_lazy(const ast::Expr* expr, int scope, const ast::Decl& d) {
  Lazy lz;
  lz.expr = expr;
  lz.scope = scope;
  lz.name = d.name;
  lz.name_span = d.name_span;
  lz.decl = &d;
  lz.condition = scopes_[scope].condition;
  lazies_.push_back(std::move(lz));
  return static_cast<int>(lazies_.size() - 1);
}

bool Checker::register_name(int scope, const std::string& name, Symbol sym, Span at) {
  auto& symbols = scopes_[scope].symbols;
  auto it = symbols.find(name);
  if (it != symbols.end()) {
    // Reported at the one written later, whichever was registered first.
    Span first = it->second.decl != nullptr ? it->second.decl->name_span : Span{};
    Span second = at;
    if (first.valid() && first.file == at.file && first.begin > at.begin) std::swap(first, second);
    auto b = diags_.report(diag::Kind::DuplicateName, second, {name});
    if (first.valid()) b.note(first, "first declared here");
    b.help("rename one of them; parameters, values, resources and module instances share one namespace");
    return false;
  }
  symbols.emplace(name, std::move(sym));
  return true;
}

void Checker::declare(int scope, const std::vector<ast::Decl>& decls, bool in_loop) {
  const bool top = scopes_[scope].instance == scope && !in_loop;
  // Names that need nothing evaluated come first, so that the `if`s, loops and module
  // instances declared next may use any of them, wherever they are declared; resources
  // stay in the order written, with what the instances and loops make.
  for (int pass = 0; pass < 2; ++pass)
  for (const ast::Decl& d : decls) {
    bool late = d.kind == ast::DeclKind::Resource || d.kind == ast::DeclKind::Module ||
                d.kind == ast::DeclKind::For || d.kind == ast::DeclKind::If;
    if (late != (pass == 1)) continue;
    check_annotations(d);
    auto misplaced = [&](const char* what, const char* where) {
      diags_.report(diag::Kind::MisplacedDeclaration, d.name_span.valid() ? d.name_span : d.span, {what, where});
    };
    switch (d.kind) {
      case ast::DeclKind::Import:
        if (!top) misplaced("an `import`", "inside a `for` or an `if`");
        break;  // imports were resolved by the loader
      case ast::DeclKind::Param: {
        if (!top) { misplaced("a `param`", "inside a `for` or an `if`"); break; }
        Symbol sym{Symbol::Param, &d};
        if (scopes_[scope].root) {
          sym.index = static_cast<int>(out_.params.size());
          out_.params.emplace_back();
          out_.params.back().name = d.name;
          out_.params.back().span = d.name_span;
          // Known before the defaults are checked: an `if` or a condition reads it.
          out_.params.back().value_type = value_type_of(d.type);
        } else {
          // The input the caller gives, evaluated where the caller is; or the default.
          const Scope& s = scopes_[scope];
          auto input = s.inputs.find(d.name);
          sym.lazy = input != s.inputs.end() ? new_lazy(input->second->value.get(), s.caller, d)
                                             : new_lazy(d.value.get(), scope, d);
        }
        register_name(scope, d.name, std::move(sym), d.name_span);
        break;
      }
      case ast::DeclKind::Let: {
        Symbol sym{Symbol::Let, &d};
        sym.lazy = new_lazy(d.value.get(), scope, d);
        register_name(scope, d.name, std::move(sym), d.name_span);
        break;
      }
      case ast::DeclKind::Resource: declare_resource(scope, d, in_loop); break;
      case ast::DeclKind::Module: declare_module(scope, d, in_loop); break;
      case ast::DeclKind::Output: {
        if (!top) { misplaced("an `output`", "inside a `for` or an `if`"); break; }
        Symbol sym{Symbol::Output, &d};
        if (scopes_[scope].root) {
          sym.index = static_cast<int>(out_.outputs.size());
          out_.outputs.emplace_back();
          out_.outputs.back().name = d.name;
          out_.outputs.back().span = d.name_span;
          outputs_.emplace_back(scope, &d);
        } else {
          sym.lazy = new_lazy(d.value.get(), scope, d);
        }
        auto [it, fresh] = scopes_[scope].outputs.emplace(d.name, std::move(sym));
        if (!fresh) {
          diags_.report(diag::Kind::DuplicateName, d.name_span, {d.name})
              .note(it->second.decl->name_span, "first declared here");
        }
        break;
      }
      case ast::DeclKind::Assert: asserts_.emplace_back(scope, &d); break;
      case ast::DeclKind::For: declare_for(scope, d); break;
      case ast::DeclKind::If: declare_if(scope, d, in_loop); break;
      case ast::DeclKind::Template:
        if (!scopes_[scope].root || !top) { misplaced("a `template` block", "in a module, a `for` or an `if`"); break; }
        if (template_decl_ != nullptr) {
          diags_.report(diag::Kind::DuplicateName, d.name_span, {"template"}).note(template_decl_->name_span, "first declared here");
          break;
        }
        template_decl_ = &d;
        break;
    }
  }
}

std::optional<std::string> Checker::key_of(int scope, const ast::Decl& d, bool in_loop) {
  if (!d.key) {
    if (in_loop) {
      bool res = d.kind == ast::DeclKind::Resource;
      std::string example = res ? "resource " + d.name + "[x]: " + d.resource_type + " { ... }"
                                : "module " + d.name + "[x] = " + d.module + " { ... }";
      diags_.report(diag::Kind::LoopNeedsKey, d.name_span, {res ? "resource" : "module instance", example})
          .help("the key names each instance, so that removing one item renames nothing else");
      return std::nullopt;
    }
    return std::string();
  }
  In in(*this, scope);
  Why why(*this, "the key of `" + d.name + "`");
  Val k = eval(*d.key, Stage::CompileTime);
  if (k.is_error()) return std::nullopt;
  std::string text;
  if (!to_string_piece(k, text) || k.kind == ValKind::Bool) {
    diags_.report(diag::Kind::TypeMismatch, d.key->span, {"a string or a number as the key", describe(k)});
    return std::nullopt;
  }
  return text;
}

void Checker::declare_resource(int scope, const ast::Decl& d, bool in_loop) {
  if (!room_for("resources", out_.resources.size(), kMaxResources, d.name_span)) return;
  // In a deploy-time `for`, its key is the loop variable, and it names no instance.
  const int for_each = scopes_[scope].for_each;
  std::optional<std::string> key = for_each >= 0 ? for_each_key(scope, d) : key_of(scope, d, in_loop);
  if (!key) return;
  const Scope& s = scopes_[scope];
  Resource r;
  r.type = d.resource_type;
  r.span = d.name_span;
  r.scope = scope;
  r.decl = &d;
  r.condition = s.condition;
  r.declared_condition = s.condition;
  r.path = s.path;
  r.path.push_back(d.name);
  if (!key->empty()) r.path.push_back(*key);
  r.name = (s.display.empty() ? "" : s.display + ".") + d.name + (key->empty() ? "" : key_display(*key));
  r.for_each = for_each;
  if (for_each >= 0) {
    // The logical ID is the path's followed by `${Identifier}` (ir/lower.cpp).
    r.name = (s.display.empty() ? "" : s.display + ".") + d.name + "[" + out_.loops[for_each].var + "]";
  }
  // The module instance of the root file it belongs to: one nested stack with --nested-stacks.
  for (int inst = s.instance; inst >= 0 && !scopes_[inst].root; inst = scopes_[scopes_[inst].caller].instance) {
    if (scopes_[scopes_[scopes_[inst].caller].instance].root) r.group = scopes_[inst].path;
    r.instantiated_at.push_back(scopes_[inst].module_decl->name_span);
  }
  int index = static_cast<int>(out_.resources.size());
  if (for_each >= 0) {
    Symbol fam{Symbol::Family, &d};
    fam.for_each = for_each;
    if (!register_name(s.instance, d.name, std::move(fam), d.name_span)) return;
  } else if (key->empty()) {
    if (!add_alternative(scope, d, index) &&
        !register_name(scope, d.name, Symbol{Symbol::Resource, &d, index}, d.name_span))
      return;
  } else {
    auto& symbols = scopes_[s.instance].symbols;
    auto it = symbols.find(d.name);
    if (it == symbols.end()) {
      it = symbols.emplace(d.name, Symbol{Symbol::Family, &d}).first;
    } else if (it->second.kind != Symbol::Family || it->second.of_modules) {
      register_name(s.instance, d.name, Symbol{}, d.name_span);  // reports the duplicate
      return;
    }
    if (!it->second.members.emplace(*key, index).second) {
      diags_.report(diag::Kind::DuplicateName, d.key->span, {d.name + key_display(*key)})
          .help("each key of a `for` must be different");
      return;
    }
  }
  out_.resources.push_back(std::move(r));
}

void Checker::declare_module(int scope, const ast::Decl& d, bool in_loop) {
  if (scopes_[scope].for_each >= 0) {
    diags_.report(diag::Kind::MisplacedDeclaration, d.name_span, {"a module instance", "inside a deploy-time `for`"})
        .help("a deploy-time `for` (`Fn::ForEach`) repeats resources only");
    return;
  }
  const Unit* caller_unit = scopes_[scope].unit;
  auto target = caller_unit->imports.find(d.module);
  if (target == caller_unit->imports.end()) {
    if (caller_unit->import_decls.count(d.module)) return;  // its import failed, and said so
    auto b = diags_.report(diag::Kind::UnknownModule, d.module_span, {d.module});
    std::vector<std::string_view> names;
    for (const auto& [n, u] : caller_unit->imports) names.push_back(n);
    if (auto m = diag::closest(d.module, names)) b.did_you_mean(d.module_span, *m, *m);
    else b.help("import it first, as in `import std.network." + d.module + "`");
    return;
  }
  std::optional<std::string> key = key_of(scope, d, in_loop);
  if (!key) return;
  const Scope& s = scopes_[scope];
  std::vector<std::string> path = s.path;
  path.push_back(d.name);
  if (!key->empty()) path.push_back(*key);
  std::string display = (s.display.empty() ? "" : s.display + ".") + d.name + (key->empty() ? "" : key_display(*key));
  int caller_condition = s.condition;
  int instance_scope = scopes_[scope].instance;
  if (!room_for("module instances and loop iterations", scopes_.size(), kMaxScopes, d.name_span)) return;
  int child = new_scope(target->second, -1, std::move(path), std::move(display));
  Scope& c = scopes_[child];
  c.module_decl = &d;
  c.caller = scope;
  c.condition = caller_condition;
  for (const ast::Entry& e : d.properties) {
    if (!c.inputs.emplace(e.key, &e).second) {
      diags_.report(diag::Kind::DuplicateKey, e.key_span, {e.key});
    }
  }
  if (key->empty()) {
    Symbol sym{Symbol::Module, &d, child};
    if (!register_name(scope, d.name, std::move(sym), d.name_span)) return;
  } else {
    auto& symbols = scopes_[instance_scope].symbols;
    auto it = symbols.find(d.name);
    if (it == symbols.end()) {
      Symbol fam{Symbol::Family, &d};
      fam.of_modules = true;
      it = symbols.emplace(d.name, std::move(fam)).first;
    } else if (it->second.kind != Symbol::Family || !it->second.of_modules) {
      register_name(instance_scope, d.name, Symbol{}, d.name_span);
      return;
    }
    if (!it->second.members.emplace(*key, child).second) {
      diags_.report(diag::Kind::DuplicateName, d.key->span, {d.name + key_display(*key)})
          .help("each key of a `for` must be different");
      return;
    }
  }
  declare(child, target->second->program.decls, false);
  // Inputs the module does not declare.
  std::vector<std::string_view> params;
  for (const ast::Decl& pd : target->second->program.decls) {
    if (pd.kind == ast::DeclKind::Param) params.push_back(pd.name);
  }
  for (const ast::Entry& e : d.properties) {
    if (std::find(params.begin(), params.end(), e.key) != params.end()) continue;
    auto b = diags_.report(diag::Kind::UnknownInput, e.key_span, {d.module, e.key});
    if (auto m = diag::closest(e.key, params)) b.did_you_mean(e.key_span, *m, *m);
    std::string list;
    for (size_t i = 0; i < params.size(); ++i) list += (i == 0 ? "`" : ", `") + std::string(params[i]) + "`";
    b.note(params.empty() ? "`" + d.module + "` takes no inputs" : "the inputs of `" + d.module + "` are " + list);
  }
  // Inputs it needs and was not given.
  std::vector<std::string> missing;
  const ast::Decl* first_missing = nullptr;
  for (const ast::Decl& pd : target->second->program.decls) {
    if (pd.kind != ast::DeclKind::Param || pd.value || scopes_[child].inputs.count(pd.name)) continue;
    missing.push_back("`" + pd.name + "`");
    if (first_missing == nullptr) first_missing = &pd;
  }
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i < missing.size(); ++i) list += (i == 0 ? "" : i + 1 == missing.size() ? " and " : ", ") + missing[i];
    diags_.report(diag::Kind::MissingInput, d.name_span, {d.module, (missing.size() > 1 ? "s " : " ") + list})
        .note(first_missing->name_span, "declared here without a default")
        .help("add " + list + " to the block of `module " + d.name + "`");
  }
}

void Checker::declare_for(int scope, const ast::Decl& d) {
  if (scopes_[scope].for_each >= 0) {
    diags_.report(diag::Kind::MisplacedDeclaration, d.name_span, {"a `for`", "inside a deploy-time `for`"})
        .help("loop at compile time outside, or make one deploy-time loop");
    return;
  }
  Val list;
  {
    In in(*this, scope);
    Why why(*this, "the list of a `for`");
    list = eval(*d.value, Stage::Any);
    // A list parameter: the loop is made at deploy time, with Fn::ForEach.
    if (list.kind == ValKind::ParamRef && out_.params[list.target].value_type == "list") {
      declare_for_each(scope, d, list);
      return;
    }
    if (!list.is_error() && !list.known()) list = eval(*d.value, Stage::CompileTime);
  }
  if (list.is_error()) return;
  if (!d.index_name.empty() && d.index_name == d.name) {
    diags_.report(diag::Kind::DuplicateName, d.name_span, {d.name}).note(d.index_span, "also the first name here");
    return;
  }
  // (index or key, item) for each item. One name over an object is its key.
  std::vector<std::pair<Val, Val>> items;
  if (list.kind == ValKind::List) {
    for (size_t i = 0; i < list.items.size(); ++i) {
      items.emplace_back(Val::num(static_cast<double>(i), std::to_string(i), list.items[i].span), list.items[i]);
    }
  } else if (list.kind == ValKind::Object) {
    for (const auto& f : list.fields) {
      Val key = Val::str(f.first, f.second.span);
      items.emplace_back(key, d.index_name.empty() ? key : f.second);
    }
  } else {
    diags_.report(diag::Kind::TypeMismatch, d.value->span, {"a list (or an object, for its keys) to loop over", describe(list)});
    return;
  }
  for (auto& [index, item] : items) {
    if (!room_for("module instances and loop iterations", scopes_.size(), kMaxScopes, d.name_span)) return;
    int child = new_scope(scopes_[scope].unit, scope, scopes_[scope].path, scopes_[scope].display);
    if (!d.index_name.empty()) {
      Symbol first{Symbol::LoopVar, &d};
      first.value = std::move(index);
      scopes_[child].symbols.emplace(d.index_name, std::move(first));
    }
    Symbol var{Symbol::LoopVar, &d};
    var.value = std::move(item);
    scopes_[child].symbols.emplace(d.name, std::move(var));
    declare(child, d.body, true);
  }
}

void Checker::declare_if(int scope, const ast::Decl& d, bool in_loop) {
  Val c;
  {
    In in(*this, scope);
    Why why(*this, "the condition of an `if`");
    c = eval(*d.value, Stage::Any);
  }
  if (c.is_error()) return;
  if (c.kind == ValKind::Bool) {
    declare(scope, c.boolean ? d.body : d.else_body, in_loop);
    return;
  }
  Val cond;
  {
    In in(*this, scope);
    cond = as_condition(c, *d.value);
  }
  if (cond.is_error()) return;
  int saved = scopes_[scope].condition;
  // Each condition holds a copy of the one it refines: nested without bound, through module
  // instances, they would grow with the square of their depth.
  int depth = 0;
  for (int c = saved; c >= 0; c = condition_parent_[c]) ++depth;
  if (depth >= syntax::kMaxNesting) {
    diags_.report(diag::Kind::NestingTooDeep, d.value->span, {std::to_string(syntax::kMaxNesting)})
        .label("this deploy-time condition is inside " + std::to_string(depth) + " others")
        .help("the conditions of the `if`s around a declaration count, and those around the module instances it is in");
    return;
  }
  const int which = ifs_declared_++;
  scopes_[scope].condition = combine_conditions(saved, cond, false);
  condition_branch_[scopes_[scope].condition] = {which, false};
  declare(scope, d.body, in_loop);
  if (d.has_else) {
    scopes_[scope].condition = combine_conditions(saved, cond, true);
    condition_branch_[scopes_[scope].condition] = {which, true};
    declare(scope, d.else_body, in_loop);
  }
  scopes_[scope].condition = saved;
}

int Checker::combine_conditions(int outer, Val inner, bool negate) {
  std::string hint = inner.rare().hint;
  if (negate) {
    Val n;
    n.kind = ValKind::Call;
    n.text = "Fn::Not";
    n.span = inner.span;
    n.items.push_back(std::move(inner));
    inner = std::move(n);
    hint = hint.empty() ? "" : "not_" + hint;
  }
  std::string step = hint;
  if (outer >= 0) {
    Val a;
    a.kind = ValKind::Call;
    a.text = "Fn::And";
    a.span = inner.span;
    a.items.push_back(out_.conditions[outer].value);
    a.items.push_back(std::move(inner));
    inner = std::move(a);
    hint = out_.conditions[outer].hint.empty() || hint.empty() ? "" : out_.conditions[outer].hint + "_and_" + hint;
  }
  out_.conditions.push_back(Condition{std::move(inner), hint});
  condition_parent_.push_back(outer);
  condition_branch_.emplace_back(-1, false);
  condition_step_.push_back(std::move(step));
  return static_cast<int>(out_.conditions.size() - 1);
}

}  // namespace infrac::sema
