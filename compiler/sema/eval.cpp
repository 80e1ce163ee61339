// Expression evaluation: folds what is known at compile time, keeps deploy-time parts
// symbolic, and reports type errors at the expression that causes them.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "catalog/catalog.h"
#include "diag/spell.h"
#include "sema/checker.h"

namespace infrac::sema {

namespace {

const std::vector<std::string_view>& pseudo_parameters() {
  static const std::vector<std::string_view> names = {
      "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
      "AWS::Region",    "AWS::StackId",          "AWS::StackName", "AWS::URLSuffix"};
  return names;
}

bool is_condition(const Val& v) {
  return v.kind == ValKind::Call &&
         (v.text == "Fn::Equals" || v.text == "Fn::And" || v.text == "Fn::Or" || v.text == "Fn::Not");
}

// A text that is equal for equal conditions: to match a reference against the
// conditions known to hold where it is made.
std::string key(const Val& v) {
  std::string k = std::to_string(static_cast<int>(v.kind)) + ":" + v.text + ":" + std::to_string(v.target) + "(";
  if (v.kind == ValKind::Bool) k += v.boolean ? "t" : "f";
  for (const Val& i : v.items) k += key(i) + ",";
  for (const auto& f : v.fields) k += f.first + "=" + key(f.second) + ",";
  return k + ")";
}

// The first value inside `v` (or `v` itself) that `is` holds for, or null.
const Val* find_inside(const Val& v, bool (*is)(const Val&)) {
  if (is(v)) return &v;
  for (const Val& i : v.items) {
    if (const Val* r = find_inside(i, is)) return r;
  }
  for (const auto& f : v.fields) {
    if (const Val* r = find_inside(f.second, is)) return r;
  }
  return nullptr;
}

// The first reference to a resource inside `v`, or null.
const Val* resource_reference(const Val& v) {
  return find_inside(v, [](const Val& x) { return x.kind == ValKind::ResourceRef || x.kind == ValKind::Attr; });
}

// The item of a deploy-time `for` that a value is built from, or null: it stands for the
// loop's identifier, a name without `::` (sema/for_each.cpp).
const Val* loop_item(const Val& v) {
  return find_inside(v, [](const Val& x) { return x.kind == ValKind::Pseudo && x.text.find("::") == std::string::npos; });
}

}  // namespace

const Symbol* Checker::lookup(std::string_view name, int scope) const {
  if (scope == scope_) {
    for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
  }
  for (int s = scope; s >= 0; s = scopes_[s].parent) {
    auto it = scopes_[s].symbols.find(name);
    if (it != scopes_[s].symbols.end()) return &it->second;
  }
  return nullptr;
}

std::vector<std::string_view> Checker::visible_names(int scope) const {
  std::vector<std::string_view> names;
  if (scope == scope_) {
    for (const auto& b : bindings_) names.push_back(b.first);
  }
  for (int s = scope; s >= 0; s = scopes_[s].parent) {
    for (const auto& [name, sym] : scopes_[s].symbols) {
      names.push_back(name);
    }
  }
  return names;
}

Val Checker::eval(const ast::Expr& e, Stage stage) {
  struct Nest {
    explicit Nest(int& depth) : depth_(++depth) {}
    ~Nest() { --depth_; }
    int& depth_;
  } nest(eval_depth_);
  if (too_deep(0, -1)) return Val::error();
  Val v = eval_kind(e, stage);
  // What can make a value larger than its parts: bound it here, where it is made.
  bool grows = e.kind == ast::ExprKind::List || e.kind == ast::ExprKind::Object || e.kind == ast::ExprKind::String ||
               e.kind == ast::ExprKind::Call || e.kind == ast::ExprKind::Binary ||
               e.kind == ast::ExprKind::ListFor || e.kind == ast::ExprKind::ObjectFor;
  if (grows && !v.is_error() && too_large(v)) {
    diags_.report(diag::Kind::ValueTooLarge, e.span, {std::to_string(kMaxValueNodes), std::to_string(kMaxValueBytes >> 20)})
        .note("a template can be at most 1 MB; a value that doubles with each `let` grows past any template")
        .help("build smaller values, or split the data across resources or stacks");
    return Val::error();
  }
  return v;
}

Val Checker::eval_kind(const ast::Expr& e, Stage stage) {
  switch (e.kind) {
    case ast::ExprKind::Null: return Val::null(e.span);
    case ast::ExprKind::Bool: return Val::boolean_of(e.boolean, e.span);
    case ast::ExprKind::Number: return Val::num(e.number, number_text(e.number), e.span);
    case ast::ExprKind::String: return eval_string(e, stage);
    case ast::ExprKind::Name: return eval_name(e, stage);
    case ast::ExprKind::Member: return eval_member(e, stage);
    case ast::ExprKind::Index: return eval_index(e, stage);
    case ast::ExprKind::Call: return eval_call(e, stage);
    case ast::ExprKind::List: {
      Val v;
      v.kind = ValKind::List;
      v.span = e.span;
      v.items.reserve(e.items.size());
      for (const auto& item : e.items) {
        Val x = eval(*item, stage);
        if (x.kind == ValKind::Null) {
          diags_.report(diag::Kind::TypeMismatch, item->span, {"a list item", "`null`"})
              .help("remove the item; `null` only leaves out a property");
          x = Val::error();
        }
        v.items.push_back(std::move(x));
      }
      return v;
    }
    case ast::ExprKind::Object: return eval_object(e, stage);
    case ast::ExprKind::Unary: return eval_unary(e, stage);
    case ast::ExprKind::Binary: return eval_binary(e, stage);
    case ast::ExprKind::Conditional: return eval_conditional(e, stage);
    case ast::ExprKind::ListFor: case ast::ExprKind::ObjectFor: return eval_comprehension(e, stage);
    case ast::ExprKind::Error: return Val::error();
  }
  return Val::error();
}

Val Checker::deploy_time_here(const ast::Expr& e, Stage stage, const Val& v) {
  if (stage != Stage::CompileTime || v.shape_known()) return v;
  diags_.report(diag::Kind::DeployTimeNotAllowed, e.span, {why_, describe(v) + " is known only at deploy time"});
  return Val::error();
}

bool Checker::condition_holds(int target_condition, int context, const std::vector<std::string>& guards) const {
  if (target_condition < 0) return true;
  std::string needed = key(out_.conditions[target_condition].value);
  if (std::find(guards.begin(), guards.end(), needed) != guards.end()) return true;
  for (int c = context; c >= 0; c = condition_parent_[c]) {
    if (c == target_condition || key(out_.conditions[c].value) == needed) return true;
  }
  return false;
}

void Checker::report_conditional(int target, Span at, const std::string& who, int condition) {
  const Condition& cond = out_.conditions[condition >= 0 ? condition : out_.resources[target].condition];
  std::string when = cond.hint.empty() ? "its condition holds" : "`" + cond.hint + "` holds";
  diags_.report(diag::Kind::ConditionalReference, at, {out_.resources[target].name, when, who})
      .help("declare it under the same condition, or refer to it as `c ? x : null` with its condition `c`");
}

// References are read off the evaluated values, not while evaluating: a `let` is
// evaluated once but may be used by several resources, each of which depends on what
// the value refers to.
void Checker::walk_references(const Val& v, int context, std::vector<std::string>& guards, const std::string& who,
                              std::vector<int>* refs) {
  switch (v.kind) {
    case ValKind::ResourceRef: case ValKind::Attr:
      if (refs != nullptr && std::find(refs->begin(), refs->end(), v.target) == refs->end()) refs->push_back(v.target);
      if (!condition_holds(out_.resources[v.target].condition, context, guards)) report_conditional(v.target, v.span, who);
      return;
    case ValKind::Call:
      if (v.text == "Fn::If" && v.items.size() == 3 && v.rare().exists_when != -2) {
        // A choice between complementary declarations: one of them exists wherever
        // their shared condition holds.
        std::vector<const Val*> leaves;
        for (const Val* x = &v;; x = &x->items[2]) {
          leaves.push_back(&x->items[1]);
          if (x->items[2].kind != ValKind::Call || x->items[2].rare().exists_when == -2) {
            leaves.push_back(&x->items[2]);
            break;
          }
        }
        bool holds = condition_holds(v.rare().exists_when, context, guards);
        if (!holds && leaves.front()->target >= 0) report_conditional(leaves.front()->target, v.span, who, v.rare().exists_when);
        for (const Val* leaf : leaves) {
          if (leaf->target < 0) continue;
          const Resource& r = out_.resources[leaf->target];
          if (refs != nullptr && std::find(refs->begin(), refs->end(), leaf->target) == refs->end())
            refs->push_back(leaf->target);
          if (holds && r.condition != r.declared_condition) report_conditional(leaf->target, leaf->span, who);
        }
        return;
      }
      if (v.text == "Fn::If" && v.items.size() == 3) {
        guards.push_back(key(v.items[0]));
        walk_references(v.items[1], context, guards, who, refs);
        guards.back() = key(Val::call("Fn::Not", {v.items[0]}, v.span));
        walk_references(v.items[2], context, guards, who, refs);
        guards.pop_back();
        return;
      }
      break;
    default:
      break;
  }
  for (const Val& i : v.items) walk_references(i, context, guards, who, refs);
  for (const auto& f : v.fields) walk_references(f.second, context, guards, who, refs);
}

void Checker::note_reference(int resource, const ast::Expr& at) {
  if (current_resource_ < 0) return;
  if (!condition_holds(out_.resources[resource].condition, context_condition_, {})) {
    report_conditional(resource, at.span, "`" + out_.resources[current_resource_].name + "`");
  }
  auto& refs = out_.resources[current_resource_].references;
  if (std::find(refs.begin(), refs.end(), resource) == refs.end()) refs.push_back(resource);
}

Val Checker::eval_name(const ast::Expr& e, Stage stage) {
  const std::string& name = e.text;
  if (name.find("::") != std::string::npos) {
    const auto& pseudo = pseudo_parameters();
    if (std::find(pseudo.begin(), pseudo.end(), name) != pseudo.end()) {
      Val v;
      v.kind = name == "AWS::NoValue" ? ValKind::NoValue : ValKind::Pseudo;
      v.text = name;
      v.span = e.span;
      return deploy_time_here(e, stage, v);
    }
    auto b = diags_.report(diag::Kind::UnknownName, e.span, {name});
    if (auto m = diag::closest(name, pseudo)) b.help("did you mean the pseudo parameter `" + *m + "`?");
    else b.note("the pseudo parameters are `AWS::AccountId`, `AWS::NoValue`, `AWS::Partition`, `AWS::Region`, "
                "`AWS::StackId`, `AWS::StackName` and `AWS::URLSuffix`");
    return Val::error();
  }
  const Symbol* s = lookup(name, scope_);
  if (s == nullptr) {
    auto b = diags_.report(diag::Kind::UnknownName, e.span, {name});
    if (b.hidden()) return Val::error();
    if (auto m = diag::closest(name, visible_names(scope_))) b.did_you_mean(e.span, *m, *m);
    return Val::error();
  }
  switch (s->kind) {
    case Symbol::LoopVar: return deploy_time_here(e, stage, s->value);
    case Symbol::Let: return deploy_time_here(e, stage, eval_lazy(s->lazy, e));
    case Symbol::Param: {
      if (s->lazy >= 0) {  // a module input
        Val v = eval_lazy(s->lazy, e);
        mark_absent_fields(v, s->decl->type);
        if (stage == Stage::CompileTime && !v.shape_known() && !v.is_error()) {
          diags_.report(diag::Kind::DeployTimeNotAllowed, e.span,
                        {why_, "the input `" + name + "` is known only at deploy time"})
              .note(v.span, "it is given this value");
          return Val::error();
        }
        return v;
      }
      Val v;
      v.kind = ValKind::ParamRef;
      v.target = s->index;
      v.span = e.span;
      if (stage == Stage::CompileTime) {
        diags_.report(diag::Kind::DeployTimeNotAllowed, e.span,
                      {why_, "the parameter `" + name + "` is known only at deploy time"})
            .note(s->decl->name_span, "declared here");
        return Val::error();
      }
      return v;
    }
    case Symbol::Module: {
      Val v;
      v.kind = ValKind::Module;
      v.target = s->index;
      v.span = e.span;
      return v;
    }
    case Symbol::Resource:
      diags_.report(diag::Kind::TypeMismatch, e.span, {"a value", "the resource `" + name + "`"})
          .help("use `" + name + ".id` for its `Ref`, or `" + name + ".<Attribute>` for `Fn::GetAtt`");
      return Val::error();
    case Symbol::Family:
      diags_.report(diag::Kind::TypeMismatch, e.span, {"a value", "the instances of `" + name + "`"})
          .help("pick one by its key, as in `" + name + "[\"" + (s->members.empty() ? "key" : s->members.begin()->first) +
                "\"]`");
      return Val::error();
    case Symbol::Output:
      diags_.report(diag::Kind::TypeMismatch, e.span, {"a value", "the output `" + name + "`"})
          .note(s->decl->name_span, "declared here")
          .help("outputs cannot be referenced; declare the value with `let` and use it in both places");
      return Val::error();
  }
  return Val::error();
}

Val Checker::attribute(int resource, const std::string& path, const ast::Expr& at) {
  Val v;
  v.span = at.span;
  v.target = resource;
  if (path == "id") {
    v.kind = ValKind::ResourceRef;
    return v;
  }
  v.kind = ValKind::Attr;
  v.text = path;
  const Resource& r = out_.resources[resource];
  // A custom resource returns whatever attributes its function gives.
  const catalog::ResourceType* schema = catalog::is_custom_type(r.type) ? nullptr : catalog::Catalog::builtin().find(r.type);
  if (schema != nullptr && !schema->has_attribute(path)) {
    std::vector<std::string_view> names;
    names.push_back("id");
    for (const auto& a : schema->attributes) names.push_back(a.name);
    auto b = diags_.report(diag::Kind::UnknownAttribute, at.name_span, {r.name, r.type, path});
    if (auto m = diag::closest(path, names)) b.help("did you mean `" + *m + "`?");
    std::string list;
    for (size_t i = 1; i < names.size() && i <= 12; ++i) list += (i > 1 ? ", `" : "`") + std::string(names[i]) + "`";
    if (names.size() > 13) list += ", ...";
    if (names.size() > 1) b.note("`" + r.type + "` has the attributes " + list + ", and `id` for its `Ref`");
    else b.note("`" + r.type + "` has no attributes; `id` gives its `Ref`");
    return Val::error();
  }
  return v;
}

int Checker::family_member(const Symbol& family, const ast::Expr& index) {
  if (family.for_each >= 0) {
    loop_family_reference(family, index.span);
    return -1;
  }
  Val k;
  {
    Why why(*this, "the key of `" + index.lhs->text + "`");
    k = eval(*index.rhs, Stage::CompileTime);
  }
  if (k.is_error()) return -1;
  std::string text;
  to_string_piece(k, text);
  auto it = family.members.find(text);
  if (it != family.members.end()) return it->second;
  std::vector<std::string_view> keys;
  for (const auto& m : family.members) keys.push_back(m.first);
  auto b = diags_.report(diag::Kind::NoSuchMember, index.rhs->span, {"`" + index.lhs->text + "`", text});
  if (auto m = diag::closest(text, keys)) b.help("did you mean `" + *m + "`?");
  return -1;
}

Val Checker::output_of(int scope, const std::string& name, const ast::Expr& at) {
  const Scope& s = scopes_[scope];
  auto it = s.outputs.find(name);
  if (it == s.outputs.end()) {
    std::vector<std::string_view> outputs;
    for (const auto& [n, sym] : s.outputs) outputs.push_back(n);
    std::string module = s.module_decl != nullptr ? s.module_decl->module : "this module";
    auto b = diags_.report(diag::Kind::UnknownOutput, at.name_span.valid() ? at.name_span : at.span, {module, name});
    if (auto m = diag::closest(name, outputs)) b.help("did you mean `" + *m + "`?");
    std::string list;
    for (size_t i = 0; i < outputs.size(); ++i) list += (i ? ", `" : "`") + std::string(outputs[i]) + "`";
    b.note(outputs.empty() ? "`" + module + "` has no outputs" : "the outputs of `" + module + "` are " + list);
    return Val::error();
  }
  return eval_lazy(it->second.lazy, at);
}

Val Checker::eval_member(const ast::Expr& e, Stage stage) {
  // A chain of members on a resource is one attribute path: db.Endpoint.Address.
  std::vector<const ast::Expr*> chain;  // outermost first
  const ast::Expr* root = &e;
  while (root->kind == ast::ExprKind::Member) {
    chain.push_back(root);
    root = root->lhs.get();
  }
  int resource = -1;
  if (root->kind == ast::ExprKind::Name) {
    const Symbol* s = lookup(root->text, scope_);
    if (s != nullptr && s->kind == Symbol::Resource && !s->alternatives.empty()) {
      std::string path;
      for (auto c = chain.rbegin(); c != chain.rend(); ++c) path += (path.empty() ? "" : ".") + (*c)->text;
      Val v = alternative_reference(*s, path, e);
      if (v.is_error()) return v;
      return deploy_time_here(e, stage, v);
    }
    if (s != nullptr && s->kind == Symbol::Resource) resource = s->index;
  } else if (root->kind == ast::ExprKind::Index && root->lhs->kind == ast::ExprKind::Name) {
    const Symbol* s = lookup(root->lhs->text, scope_);
    if (s != nullptr && s->kind == Symbol::Family && !s->of_modules) {
      resource = family_member(*s, *root);
      if (resource < 0) return Val::error();
    }
  }
  if (resource >= 0) {
    std::string path;
    for (auto c = chain.rbegin(); c != chain.rend(); ++c) path += (path.empty() ? "" : ".") + (*c)->text;
    Val v = attribute(resource, path, e);
    if (v.is_error()) return v;
    return deploy_time_here(e, stage, v);
  }
  Val base = eval(*root, stage);
  for (auto c = chain.rbegin(); c != chain.rend(); ++c) {
    if (base.is_error()) return base;
    const ast::Expr& m = **c;
    if (base.kind == ValKind::Module) {
      base = deploy_time_here(m, stage, output_of(base.target, m.text, m));
      continue;
    }
    if (base.kind == ValKind::Object) {
      auto it = std::find_if(base.fields.begin(), base.fields.end(), [&](const auto& f) { return f.first == m.text; });
      if (it != base.fields.end()) {
        Val next = it->second;
        base = std::move(next);
        continue;
      }
      if (is_absent(base, m.text)) {
        base = Val::null(m.span);
        continue;
      }
      std::vector<std::string_view> keys;
      for (auto& f : base.fields) keys.push_back(f.first);
      auto b = diags_.report(diag::Kind::NoSuchMember, m.name_span, {"this object", m.text});
      if (auto s = diag::closest(m.text, keys)) b.help("did you mean `" + *s + "`?");
      return Val::error();
    }
    if (base.kind == ValKind::Call && base.text == "Fn::FindInMap" && base.items.size() == 3 &&
        base.items[2].kind == ValKind::Null) {
      base.items[2] = Val::str(m.text, m.name_span);  // the field of each entry of the mapping
      continue;
    }
    diags_.report(diag::Kind::NoSuchMember, m.name_span, {describe(base), m.text});
    return Val::error();
  }
  return base;
}

Val Checker::eval_index(const ast::Expr& e, Stage stage) {
  if (e.lhs->kind == ast::ExprKind::Name) {
    const Symbol* s = lookup(e.lhs->text, scope_);
    if (s != nullptr && s->kind == Symbol::Family) {
      int member = family_member(*s, e);
      if (member < 0) return Val::error();
      if (!s->of_modules) {
        diags_.report(diag::Kind::TypeMismatch, e.span, {"a value", "a resource"})
            .help("add `.id` for its `Ref`, or `.<Attribute>` for `Fn::GetAtt`");
        return Val::error();
      }
      Val v;
      v.kind = ValKind::Module;
      v.target = member;
      v.span = e.span;
      return v;
    }
  }
  Val base = eval(*e.lhs, stage);
  Val idx = eval(*e.rhs, Stage::Any);
  if (base.is_error() || idx.is_error()) return Val::error();
  if (base.kind == ValKind::Call && base.text == "Fn::FindInMap" && base.items.size() == 3 &&
      base.items[2].kind == ValKind::Null && idx.kind == ValKind::String) {
    base.items[2] = idx;  // images[key]["arm"], as images[key].arm
    return base;
  }
  if (base.kind == ValKind::List && idx.kind == ValKind::Number) {
    double i = idx.number;
    if (i < 0 || std::floor(i) != i || i >= static_cast<double>(base.items.size())) {
      diags_.report(diag::Kind::IndexOutOfRange, e.rhs->span, {idx.text, std::to_string(base.items.size())});
      return Val::error();
    }
    return base.items[static_cast<size_t>(i)];
  }
  if (base.kind == ValKind::Object && idx.kind == ValKind::String) {
    for (auto& [k, v] : base.fields) {
      if (k == idx.text) return v;
    }
    if (is_absent(base, idx.text)) return Val::null(e.span);
    std::vector<std::string_view> keys;
    for (auto& f : base.fields) keys.push_back(f.first);
    auto b = diags_.report(diag::Kind::NoSuchMember, e.rhs->span, {"this object", idx.text});
    if (auto m = diag::closest(idx.text, keys)) b.help("did you mean `" + *m + "`?");
    return Val::error();
  }
  if (base.kind == ValKind::Object && base.known() && !idx.known()) {
    // A lookup by a deploy-time key: a CloudFormation mapping, read with Fn::FindInMap.
    bool scalars = std::all_of(base.fields.begin(), base.fields.end(), [](const auto& f) {
      return f.second.kind == ValKind::String || f.second.kind == ValKind::Number || f.second.kind == ValKind::Bool;
    });
    bool objects = std::all_of(base.fields.begin(), base.fields.end(), [](const auto& f) {
      return f.second.kind == ValKind::Object;
    });
    if (base.fields.empty() || (!scalars && !objects)) {
      diags_.report(diag::Kind::TypeMismatch, e.lhs->span,
                    {"an object whose values are all strings or all objects, to look up at deploy time", "a mixed object"});
      return Val::error();
    }
    for (size_t i = 0; i < base.fields.size(); ++i) {
      const std::string& k = base.fields[i].first;
      bool valid = !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.';
      });
      if (valid) continue;
      Span at = i < base.key_spans.size() ? base.key_spans[i] : e.lhs->span;
      diags_.report(diag::Kind::MappingKey, at, {k})
          .note(e.rhs->span, "looked up here by a key known only at deploy time")
          .help("mapping keys are letters, digits, `-` and `.`; rename the key, or look it up by a compile-time key");
      return Val::error();
    }
    if (idx.kind == ValKind::ParamRef) {
      MapLookup lookup{idx.target, {}, e.span, base.rare().hint, base.span};
      for (const auto& f : base.fields) lookup.keys.push_back(f.first);
      map_lookups_.push_back(std::move(lookup));
    }
    Val map = base;
    Val v = Val::call("Fn::FindInMap", {std::move(map), idx, scalars ? Val::str("Value", e.span) : Val::null(e.span)}, e.span);
    if (!base.rare().hint.empty()) v.rare_mut().hint = base.rare().hint;
    return deploy_time_here(e, stage, v);
  }
  if ((base.kind == ValKind::List || !base.known()) && !idx.known() && base.kind != ValKind::Object) {
    // An index known only at deploy time: Fn::Select picks the item then.
    return deploy_time_here(e, stage, Val::call("Fn::Select", {idx, std::move(base)}, e.span));
  }
  if (base.kind == ValKind::List || base.kind == ValKind::Object) {
    diags_.report(diag::Kind::TypeMismatch, e.rhs->span,
                  {base.kind == ValKind::List ? "a number as the index" : "a string as the key", describe(idx)});
    return Val::error();
  }
  if (!base.known() && idx.kind == ValKind::Number) {
    // A deploy-time list: Fn::Select picks the item when the stack is deployed.
    return deploy_time_here(e, stage, Val::call("Fn::Select", {idx, std::move(base)}, e.span));
  }
  diags_.report(diag::Kind::OperatorType, e.span, {"[]", describe(base)});
  return Val::error();
}

bool Checker::to_string_piece(const Val& v, std::string& out) {
  switch (v.kind) {
    case ValKind::String: out += v.text; return true;
    case ValKind::Number: out += v.text; return true;
    case ValKind::Bool: out += v.boolean ? "true" : "false"; return true;
    default: return false;
  }
}

Val Checker::eval_string(const ast::Expr& e, Stage stage) {
  Val sub;
  sub.kind = ValKind::Sub;
  sub.span = e.span;
  std::string pending;
  bool deploy = false;
  bool error = false;
  for (const ast::StringPart& part : e.parts) {
    if (!part.expr) { pending += part.text; continue; }
    Val v = eval(*part.expr, stage);
    if (v.is_error()) { error = true; continue; }
    if (to_string_piece(v, pending)) continue;
    if (v.kind == ValKind::Sub) {
      for (Val& piece : v.items) {
        if (piece.kind == ValKind::String) pending += piece.text;
        else {
          if (!pending.empty()) sub.items.push_back(Val::str(std::move(pending), part.span));
          pending.clear();
          sub.items.push_back(std::move(piece));
        }
      }
      deploy = true;
      continue;
    }
    bool list_param = v.kind == ValKind::ParamRef && out_.params[v.target].value_type == "list";
    // Fn::Sub takes strings only, and Fn::Length gives a number.
    bool count = v.kind == ValKind::Call && v.text == "Fn::Length";
    if (v.kind == ValKind::List || v.kind == ValKind::Object || v.kind == ValKind::Null ||
        v.kind == ValKind::NoValue || v.kind == ValKind::Module || list_param || count) {
      auto b = diags_.report(diag::Kind::NotInterpolable, part.expr->span, {describe(v)});
      if (count) b.note("`Fn::Sub` takes only strings, and `Fn::Length` gives a number known only at deploy time");
      if (v.kind == ValKind::List || list_param) b.help("join the items first: `${join(\",\", ...)}`");
      error = true;
      continue;
    }
    if (!pending.empty()) sub.items.push_back(Val::str(std::move(pending), part.span));
    pending.clear();
    sub.items.push_back(std::move(v));
    deploy = true;
  }
  if (error) return Val::error();
  if (!deploy) return Val::str(std::move(pending), e.span);
  if (!pending.empty()) sub.items.push_back(Val::str(std::move(pending), e.span));
  return sub;
}

Val Checker::eval_object(const ast::Expr& e, Stage stage) {
  Val v;
  v.kind = ValKind::Object;
  v.span = e.span;
  v.fields.reserve(e.entries.size());
  v.key_spans.reserve(e.entries.size());
  // A key written before: looked for among the entries before it while they are few, in a
  // map beyond that.
  constexpr size_t kFewEntries = 16;
  std::map<std::string_view, Span, std::less<>> seen;
  for (size_t i = 0; i < e.entries.size(); ++i) {
    const ast::Entry& en = e.entries[i];
    const ast::Entry* first = nullptr;
    if (e.entries.size() <= kFewEntries) {
      for (size_t k = 0; k < i && first == nullptr; ++k) {
        if (e.entries[k].key == en.key) first = &e.entries[k];
      }
    } else if (auto [it, fresh] = seen.emplace(en.key, en.key_span); !fresh) {
      diags_.report(diag::Kind::DuplicateKey, en.key_span, {en.key}).note(it->second, "first set here");
      continue;
    }
    if (first != nullptr) {
      diags_.report(diag::Kind::DuplicateKey, en.key_span, {en.key}).note(first->key_span, "first set here");
      continue;
    }
    Val x = eval(*en.value, stage);
    if (x.kind == ValKind::Null) continue;
    v.fields.emplace_back(en.key, std::move(x));
    v.key_spans.push_back(en.key_span);
  }
  return v;
}

Val Checker::as_condition(const Val& v, const ast::Expr& at) {
  if (is_condition(v)) return v;
  if (v.kind == ValKind::ParamRef && out_.params[v.target].value_type == "bool") {
    Val c = Val::call("Fn::Equals", {v, Val::str("true", v.span)}, v.span);
    c.rare_mut().hint = out_.params[v.target].name;
    return c;
  }
  if (!v.is_error()) diags_.report(diag::Kind::TypeMismatch, at.span, {"a bool", describe(v)});
  return Val::error();
}

Val Checker::eval_unary(const ast::Expr& e, Stage stage) {
  Val x = eval(*e.lhs, stage);
  if (x.is_error()) return x;
  if (e.text == "!" && x.kind == ValKind::Bool) return Val::boolean_of(!x.boolean, e.span);
  if (e.text == "-" && x.kind == ValKind::Number) return Val::num(-x.number, number_text(-x.number), e.span);
  if (!x.known() && stage == Stage::CompileTime) {
    diags_.report(diag::Kind::DeployTimeNotAllowed, e.lhs->span, {why_, describe(x) + " is known only at deploy time"});
    return Val::error();
  }
  if (e.text == "!" && !x.known()) {
    Val c = as_condition(x, *e.lhs);
    if (c.is_error()) return c;
    std::string hint = c.rare().hint.empty() ? "" : "not_" + c.rare().hint;
    Val n = Val::call("Fn::Not", {std::move(c)}, e.span);
    if (!hint.empty()) n.rare_mut().hint = std::move(hint);
    return n;
  }
  if (!x.known()) {
    diags_.report(diag::Kind::DeployTimeNotAllowed, e.lhs->span,
                  {"the operand of `" + e.text + "`", describe(x) + " is known only at deploy time"});
    return Val::error();
  }
  diags_.report(diag::Kind::OperatorType, e.span, {e.text, describe(x)});
  return Val::error();
}

Val Checker::eval_binary(const ast::Expr& e, Stage stage) {
  Val a = eval(*e.lhs, stage);
  const std::string& op = e.text;
  // A left side known at compile time that decides `&&` or `||` leaves the right side
  // unevaluated, so that `x != null && x.a` reads `x.a` only when there is an `x`.
  if ((op == "&&" || op == "||") && a.kind == ValKind::Bool && a.known() && a.boolean == (op == "||")) {
    return Val::boolean_of(a.boolean, e.span);
  }
  Val b = eval(*e.rhs, stage);
  if (a.is_error() || b.is_error()) return Val::error();
  if ((!a.known() || !b.known()) && stage == Stage::CompileTime) {
    const Val& d = a.known() ? b : a;
    diags_.report(diag::Kind::DeployTimeNotAllowed, (a.known() ? *e.rhs : *e.lhs).span,
                  {why_, describe(d) + " is known only at deploy time"});
    return Val::error();
  }
  if ((op == "==" || op == "!=") && (a.kind == ValKind::Null) != (b.kind == ValKind::Null) &&
      (!a.known() || !b.known())) {
    // A value known only at deploy time is not `null`, unless it may be AWS::NoValue.
    const Val& d = a.kind == ValKind::Null ? b : a;
    if (d.kind == ValKind::NoValue || (d.kind == ValKind::Call && d.text == "Fn::If")) {
      diags_.report(diag::Kind::DeployTimeNotAllowed, (a.kind == ValKind::Null ? *e.rhs : *e.lhs).span,
                    {"a comparison with `null`", describe(d) + " may be `AWS::NoValue`, known only at deploy time"});
      return Val::error();
    }
    return Val::boolean_of(op != "==", e.span);
  }
  if (!a.known() || !b.known()) {
    // Comparisons and logic at deploy time become CloudFormation conditions.
    if (op == "==" || op == "!=") {
      bool scalar_a = a.kind != ValKind::List && a.kind != ValKind::Object;
      bool scalar_b = b.kind != ValKind::List && b.kind != ValKind::Object;
      if (scalar_a && scalar_b) {
        if (!condition_operands(a, b, e)) return Val::error();
        Val eq = Val::call("Fn::Equals", {a, b}, e.span);
        return op == "==" ? eq : Val::call("Fn::Not", {std::move(eq)}, e.span);
      }
    }
    if (op == "&&" || op == "||") {
      if (a.kind == ValKind::Bool || b.kind == ValKind::Bool) {
        // true && c is c, false && c is false; and the other way round for ||.
        const Val& known = a.kind == ValKind::Bool ? a : b;
        const Val& other = a.kind == ValKind::Bool ? b : a;
        const ast::Expr& other_at = a.kind == ValKind::Bool ? *e.rhs : *e.lhs;
        if ((op == "&&") == known.boolean) return as_condition(other, other_at);
        return known;
      }
      Val ca = as_condition(a, *e.lhs), cb = as_condition(b, *e.rhs);
      if (ca.is_error() || cb.is_error()) return Val::error();
      return Val::call(op == "&&" ? "Fn::And" : "Fn::Or", {std::move(ca), std::move(cb)}, e.span);
    }
    const Val& d = a.known() ? b : a;
    const ast::Expr& at = a.known() ? *e.rhs : *e.lhs;
    diags_.report(diag::Kind::DeployTimeNotAllowed, at.span,
                  {"the operands of `" + op + "`", describe(d) + " is known only at deploy time"})
        .help(op == "+" ? "build strings with interpolation: \"${a}${b}\"" : "compute it from compile-time values");
    return Val::error();
  }
  auto mismatch = [&]() {
    diags_.report(diag::Kind::OperatorType, e.name_span, {op, describe(a) + " and " + describe(b)});
    return Val::error();
  };
  if (op == "==" || op == "!=") {
    bool eq = key(a) == key(b);
    if (a.kind == ValKind::Number && b.kind == ValKind::Number) eq = a.number == b.number;
    return Val::boolean_of(op == "==" ? eq : !eq, e.span);
  }
  if (op == "&&" || op == "||") {
    if (a.kind != ValKind::Bool || b.kind != ValKind::Bool) return mismatch();
    return Val::boolean_of(op == "&&" ? (a.boolean && b.boolean) : (a.boolean || b.boolean), e.span);
  }
  if (op == "+" && a.kind == ValKind::String && b.kind == ValKind::String) return Val::str(a.text + b.text, e.span);
  if (op == "<" || op == "<=" || op == ">" || op == ">=") {
    int c;
    if (a.kind == ValKind::Number && b.kind == ValKind::Number) c = a.number < b.number ? -1 : a.number > b.number;
    else if (a.kind == ValKind::String && b.kind == ValKind::String) c = a.text.compare(b.text);
    else return mismatch();
    bool r = op == "<" ? c < 0 : op == "<=" ? c <= 0 : op == ">" ? c > 0 : c >= 0;
    return Val::boolean_of(r, e.span);
  }
  if (a.kind != ValKind::Number || b.kind != ValKind::Number) return mismatch();
  double r;
  if (op == "+") r = a.number + b.number;
  else if (op == "-") r = a.number - b.number;
  else if (op == "*") r = a.number * b.number;
  else {
    if (b.number == 0) {
      diags_.report(diag::Kind::DivisionByZero, e.rhs->span);
      return Val::error();
    }
    r = op == "/" ? a.number / b.number : std::fmod(a.number, b.number);
  }
  return Val::num(r, number_text(r), e.span);
}

// A comparison at deploy time is a CloudFormation condition, which CloudFormation
// decides from parameters, pseudo parameters and mappings before it creates anything.
bool Checker::condition_operands(const Val& a, const Val& b, const ast::Expr& e) {
  const Val* item = loop_item(a);
  const ast::Expr* operand = e.lhs.get();
  if (item == nullptr) item = loop_item(b), operand = e.rhs.get();
  if (item != nullptr) {
    std::string var;
    for (const ForEach& l : out_.loops) if (l.identifier == item->text) var = l.var;
    diags_.report(diag::Kind::ForEachCondition, operand->span, {var})
        .note(e.span, "compared here, which makes a condition")
        .help("conditions are decided once for the whole template, before `Fn::ForEach` repeats anything");
    return false;
  }
  const Val* r = resource_reference(a);
  if (r == nullptr) r = resource_reference(b);
  if (r == nullptr) return true;
  // Named as written: a module instantiated twice, or a loop, makes one mistake of it.
  const Resource& res = out_.resources[r->target];
  const std::string& local = static_cast<const ast::Decl*>(res.decl)->name;
  const std::string& text = sm_.file(r->span.file).text();
  std::string written = r->span.end <= text.size() && r->span.end > r->span.begin
                            ? text.substr(r->span.begin, r->span.end - r->span.begin)
                            : local + (r->kind == ValKind::ResourceRef ? ".id" : "." + r->text);
  std::string what = r->kind == ValKind::ResourceRef ? "`" + written + "`, the `Ref` of `" + local + "`" : "`" + written + "`";
  auto d = diags_.report(diag::Kind::ConditionOnResource, r->span, {what});
  d.label("known only once `" + local + "` is created");
  bool inside = r->span.file == e.span.file && r->span.begin >= e.span.begin && r->span.end <= e.span.end;
  if (!inside) d.note(e.span, "compared here, which makes a condition");
  d.help("compare a parameter instead (conditions see parameters, pseudo parameters and mappings); to choose "
         "between attributes, write `c ? a : b` with a condition `c` on a parameter");
  return false;
}

Val Checker::eval_conditional(const ast::Expr& e, Stage stage) {
  Val c;
  {
    Why why(*this, "the condition of `? :`");
    c = eval(*e.lhs, stage);
  }
  if (c.is_error()) return c;
  if (c.kind == ValKind::Bool) return eval(c.boolean ? *e.rhs : *e.rare().third, stage);
  Val cond = as_condition(c, *e.lhs);
  if (cond.is_error()) return cond;
  Val yes = eval(*e.rhs, stage);
  Val no = eval(*e.rare().third, stage);
  if (yes.is_error() || no.is_error()) return Val::error();
  if (yes.kind == ValKind::Null) yes = Val{ValKind::NoValue, false, 0, "AWS::NoValue"};
  if (no.kind == ValKind::Null) no = Val{ValKind::NoValue, false, 0, "AWS::NoValue"};
  return Val::call("Fn::If", {std::move(cond), std::move(yes), std::move(no)}, e.span);
}

}  // namespace infrac::sema
