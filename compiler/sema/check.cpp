#include "sema/check.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "catalog/catalog.h"
#include "diag/spell.h"
#include "sema/chain.h"
#include "sema/checker.h"
#include "sema/cycles.h"
#include "sema/schema_check.h"

namespace infrac::sema {

namespace {

// The warning an `@allow` names, written as a word (`W0101`) or a string; else nullptr.
const diag::KindInfo* warning_code(const ast::Expr& code) {
  std::string c = code.kind == ast::ExprKind::Name ? code.text
                  : code.kind == ast::ExprKind::String && code.parts.size() == 1 && !code.parts[0].expr ? code.parts[0].text
                  : "";
  const diag::KindInfo* k = diag::find_code(c);
  return k != nullptr && k->severity == diag::Severity::Warning ? k : nullptr;
}

}  // namespace

Program check(const Unit& root, const SourceManager& sm, diag::Engine& diags) {
  Checker c(root, sm, diags);
  return c.run();
}

Program Checker::run() {
  out_.file = root_.file;
  int root = new_scope(&root_, -1, {}, "");
  scopes_[root].root = true;
  // The root file's own resources, at least: a list grown by doubling to hold 10,000 of
  // them (448 bytes each) leaves room for 6,000 more.
  out_.resources.reserve(static_cast<size_t>(std::count_if(
      root_.program.decls.begin(), root_.program.decls.end(),
      [](const ast::Decl& d) { return d.kind == ast::DeclKind::Resource && !d.key; })));
  declare(root, root_.program.decls, false);
  name_alternatives();

  // Root parameters: their defaults are compile-time values.
  for (const ast::Decl& d : root_.program.decls) {
    if (d.kind != ast::DeclKind::Param) continue;
    const Symbol* s = lookup(d.name, root);
    if (s != nullptr && s->decl == &d) {
      In in(*this, root);
      check_param(d, out_.params[s->index]);
    }
  }
  for (size_t i = 0; i < scopes_.size(); ++i) {
    if (scopes_[i].module_decl != nullptr) check_inputs(static_cast<int>(i));
  }
  for (size_t i = 0; i < out_.resources.size(); ++i) {
    current_resource_ = static_cast<int>(i);
    check_resource(out_.resources[i]);
  }
  current_resource_ = -1;
  // Values nothing used are still checked.
  for (size_t i = 0; i < lazies_.size(); ++i) {
    if (lazies_[i].state == Lazy::Unvisited && lazies_[i].expr != nullptr) eval_lazy(static_cast<int>(i), *lazies_[i].expr);
  }
  for (const auto& [scope, d] : outputs_) {
    In in(*this, scope);
    auto it = scopes_[scope].outputs.find(d->name);
    if (it != scopes_[scope].outputs.end() && it->second.decl == d) check_output(*d, out_.outputs[it->second.index]);
  }
  for (const auto& [scope, d] : asserts_) check_assert(scope, *d);
  if (template_decl_ != nullptr) {
    In in(*this, root);
    check_template(*template_decl_);
  }
  check_sam_types();
  for (Resource& r : out_.resources) {
    for (Property& p : r.properties) {
      if (!plain_value(p.value)) p.value = Val::error();
    }
    std::vector<std::string> guards;
    std::string who = "`" + r.name + "`";
    for (const Property& p : r.properties) walk_references(p.value, r.condition, guards, who, &r.references);
    for (auto* policy : {&r.metadata, &r.creation_policy, &r.update_policy}) {
      if (*policy && !plain_value(**policy)) **policy = Val::error();
      if (*policy) walk_references(**policy, r.condition, guards, who, &r.references);
    }
  }
  for (const Output& o : out_.outputs) {
    std::vector<std::string> guards;
    walk_references(o.value, o.condition, guards, "the output `" + o.name + "`", nullptr);
  }
  check_mapping_keys();
  find_resource_cycles();
  // Schemas last: a property's check may need the schema of the resource it refers to.
  SchemaChecker schemas(out_, diags_);
  for (const Resource& r : out_.resources) {
    if (r.schema != nullptr) schemas.check(r);
    if (r.schema != nullptr) schemas.check_policies(r);
  }
  if (out_.resources.empty() && !diags_.has_errors()) {
    Span at{root_.file, 0, 0};
    diags_.report(diag::Kind::EmptyProgram, at, {sm_.file(root_.file).path()})
        .help("declare a resource, for example `resource vpc: AWS::EC2::VPC { CidrBlock = \"10.0.0.0/16\" }`");
  }
  return std::move(out_);
}

bool Checker::too_deep(int extra, int through) {
  if (lazy_frames_.empty()) return false;  // one expression: the parser bounds its depth
  if (lazy_frames_.front().cut) return true;
  LazyFrame& top = lazy_frames_.back();
  int reach = eval_depth_ - top.base + extra;
  if (reach > top.reach) {
    top.reach = reach;
    top.through = through;
  }
  bool poisoned = through >= 0 && lazies_[through].too_deep;
  if (!poisoned && eval_depth_ - lazy_frames_.front().base + extra <= kMaxEvalDepth) return false;
  // Once: a chain cut short may go on from where it was cut, and another report of the
  // same chain would only repeat this one.
  if (!poisoned && !reported_too_deep_) {
    reported_too_deep_ = true;
    std::vector<std::string> names;
    for (const LazyFrame& f : lazy_frames_) names.push_back(lazies_[f.lazy].name);
    for (int l = through; l >= 0; l = lazies_[l].through) names.push_back(lazies_[l].name);
    const Lazy& start = lazies_[lazy_frames_.front().lazy];
    diags_.report(diag::Kind::ReferencesTooDeep, start.name_span, {start.name, std::to_string(kMaxEvalDepth)})
        .note("through " + std::to_string(names.size() - 1) + " references: " + chain_text(names))
        .help("compute some of these values from the start of the chain instead of each from the one before");
  }
  for (LazyFrame& f : lazy_frames_) f.cut = true;
  return true;
}

Val Checker::eval_lazy(int index, const ast::Expr& use) {
  Lazy& lz = lazies_[index];
  if (lz.state == Lazy::Done) {
    too_deep(lz.cost, index);
    return lz.value;
  }
  if (lz.state == Lazy::Visiting) {
    std::vector<std::string> names;
    auto start = std::find_if(lazy_frames_.begin(), lazy_frames_.end(), [&](const LazyFrame& f) { return f.lazy == index; });
    for (auto it = start; it != lazy_frames_.end(); ++it) names.push_back(lazies_[it->lazy].name);
    names.push_back(lz.name);
    diags_.report(diag::Kind::DependencyCycle, lz.name_span, {lz.name, chain_text(names)})
        .note(use.span, "the cycle closes here")
        .help("a value cannot be defined in terms of itself");
    lz.value = Val::error();
    lz.state = Lazy::Done;
    return lz.value;
  }
  if (lz.expr == nullptr) {  // a module input that was not given: reported at the instance
    lz.state = Lazy::Done;
    lz.value = Val::error();
    return lz.value;
  }
  lz.state = Lazy::Visiting;
  lazy_frames_.push_back(LazyFrame{index, eval_depth_, 0, -1, false});
  int saved_resource = current_resource_;
  int saved_condition = context_condition_;
  Val v;
  {
    In in(*this, lz.scope);
    Why why(*this, "this value");
    v = eval(*lz.expr, Stage::Any);
  }
  current_resource_ = saved_resource;
  context_condition_ = saved_condition;
  LazyFrame frame = lazy_frames_.back();
  lazy_frames_.pop_back();
  Lazy& done = lazies_[index];
  if (done.state == Lazy::Visiting) {
    // A value computed here is named after this `let`; one that only names another value
    // (`let a = b`) keeps that one's name.
    bool is_let = done.decl != nullptr && done.decl->kind == ast::DeclKind::Let;
    if (v.rare().hint.empty()) {
      v.rare_mut().hint = done.name;
    } else if (is_let && done.expr->kind != ast::ExprKind::Name && !v.rare().hint_from_let) {
      v.rare_mut().hint = done.name;
      v.rare_mut().hint_pinned = false;
    }
    if (is_let && v.rare().hint == done.name) v.rare_mut().hint_from_let = true;
    if (done.decl != nullptr && done.decl->kind == ast::DeclKind::Let) pin_hint(*done.decl, done.scope, v);
    done.value = frame.cut ? Val::error() : std::move(v);
    done.state = Lazy::Done;
    done.cost = frame.reach;
    done.through = frame.through;
    done.too_deep = frame.cut;
  }
  too_deep(done.cost, index);
  return done.value;
}

// `@logical_id` on a `let`: the ID of the condition or mapping its value becomes.
void Checker::pin_hint(const ast::Decl& d, int scope, Val& v) {
  const ast::Annotation* a = annotation(d, "logical_id");
  if (a == nullptr) return;
  In in(*this, scope);
  auto s = string_argument(*a, Stage::CompileTime);
  if (!s) return;
  bool letters = !s->empty() && std::all_of(s->begin(), s->end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
  if (!letters || s->size() > 255 || !std::isalpha(static_cast<unsigned char>((*s)[0]))) {
    diags_.report(diag::Kind::InvalidLogicalId, a->args[0]->span,
                  {*s, s->size() > 255 ? "it is longer than 255 characters" : "it must be letters and digits, starting with a letter"});
    return;
  }
  v.rare_mut().hint = *s;
  v.rare_mut().hint_pinned = true;
}

void Checker::check_resource(Resource& r) {
  const ast::Decl& d = *static_cast<const ast::Decl*>(r.decl);
  In in(*this, r.scope);
  context_condition_ = r.condition;
  const catalog::Catalog& cat = catalog::Catalog::builtin();
  // A custom resource's properties belong to the function that serves it: they are not
  // checked, but `ServiceToken` must be set (after the properties are read, below).
  bool custom = catalog::is_custom_type(d.resource_type);
  r.schema = custom ? nullptr : cat.find(d.resource_type);
  // The instances of a loop or a module share the declaration; the engine shows the
  // error once.
  if (r.schema == nullptr && !custom) {
    auto b = diags_.report(diag::Kind::UnknownResourceType, d.resource_type_span, {d.resource_type});
    if (b.hidden()) {
      // once per declaration: a suggestion weighs every type name
    } else if (auto m = diag::closest(d.resource_type, cat.type_names())) b.did_you_mean(d.resource_type_span, *m, *m);
    else b.help("resource types are written `AWS::Service::Type`, as in the CloudFormation reference");
  }
  std::map<std::string, Span, std::less<>> seen;
  r.properties.reserve(d.properties.size());  // a list grown by doubling is a quarter empty
  for (const ast::Entry& e : d.properties) {
    auto [it, fresh] = seen.emplace(e.key, e.key_span);
    if (!fresh) {
      diags_.report(diag::Kind::DuplicateKey, e.key_span, {e.key}).note(it->second, "first set here");
      continue;
    }
    Val v = eval(*e.value, Stage::Any);
    if (v.kind == ValKind::Null) continue;  // `null` leaves the property out
    r.properties.push_back(Property{e.key, e.key_span, std::move(v)});
  }
  if (custom && std::none_of(r.properties.begin(), r.properties.end(),
                             [](const Property& p) { return p.name == "ServiceToken"; })) {
    diags_.report(diag::Kind::MissingRequired, d.name_span, {"`" + r.name + "` (" + r.type + ")", "property", "`ServiceToken`"})
        .help("add `ServiceToken`: the ARN of the Lambda function or SNS topic that serves the custom resource");
  }
  apply_resource_annotations(d, r);
  // Warnings acknowledged on the module instances that contain it apply to it too.
  for (int s = scopes_[r.scope].instance; s >= 0 && scopes_[s].module_decl != nullptr;
       s = scopes_[scopes_[s].caller].instance) {
    for (const ast::Annotation& a : scopes_[s].module_decl->annotations) {
      if (a.name != "allow" || a.args.size() != 2) continue;
      if (const diag::KindInfo* k = warning_code(*a.args[0])) {
        r.allows.emplace_back(std::string(k->code), "acknowledged on module `" + scopes_[s].display + "`");
      }
    }
  }
  context_condition_ = -1;
}

void Checker::apply_resource_annotations(const ast::Decl& d, Resource& r) {
  if (auto* a = annotation(d, "depends_on"); a != nullptr && a->args.size() == 1) {
    const ast::Expr& list = *a->args[0];
    std::vector<const ast::Expr*> names;
    if (list.kind == ast::ExprKind::List) {
      for (const auto& item : list.items) names.push_back(item.get());
    } else {
      names.push_back(&list);
    }
    for (const ast::Expr* n : names) {
      std::vector<int> targets;
      dependency_targets(*n, targets);
      for (int t : targets) {
        note_reference(t, *n);
        if (std::find(r.depends_on.begin(), r.depends_on.end(), t) == r.depends_on.end()) r.depends_on.push_back(t);
      }
    }
  }
  if (auto* a = annotation(d, "implicit_depends_on"); a != nullptr && a->args.size() == 1) {
    Why why(*this, "the argument of `@implicit_depends_on`");
    Val b = eval(*a->args[0], Stage::CompileTime);
    if (!b.is_error() && b.kind != ValKind::Bool) diags_.report(diag::Kind::TypeMismatch, a->args[0]->span, {"`true` or `false`", describe(b)});
    else if (!b.is_error()) r.implicit_dependencies = b.boolean;
  }
  if (auto* a = annotation(d, "deletion_policy")) {
    if (auto w = word_argument(*a, {"Delete", "Retain", "RetainExceptOnCreate", "Snapshot"})) r.deletion_policy = *w;
  }
  if (auto* a = annotation(d, "update_replace_policy")) {
    if (auto w = word_argument(*a, {"Delete", "Retain", "Snapshot"})) r.update_replace_policy = *w;
  }
  if (auto* a = annotation(d, "metadata"); a != nullptr && a->args.size() == 1) {
    Val v = eval(*a->args[0], Stage::Any);
    if (!v.is_error() && v.kind != ValKind::Object) {
      diags_.report(diag::Kind::TypeMismatch, a->args[0]->span, {"an object", describe(v)});
    } else if (!v.is_error()) {
      r.metadata = std::make_unique<Val>(std::move(v));
    }
  }
  for (const char* name : {"creation_policy", "update_policy"}) {
    auto* a = annotation(d, name);
    if (a == nullptr || a->args.size() != 1) continue;
    Val v = eval(*a->args[0], Stage::Any);
    if (v.is_error()) continue;
    if (v.kind != ValKind::Object) {
      diags_.report(diag::Kind::TypeMismatch, a->args[0]->span, {"an object", describe(v)});
      continue;
    }
    bool creation = std::string_view(name) == "creation_policy";
    (creation ? r.creation_policy : r.update_policy) = std::make_unique<Val>(std::move(v));
    (creation ? r.creation_policy_at : r.update_policy_at) = a->name_span;
  }
  if (auto* a = annotation(d, "condition"); a != nullptr && a->args.size() == 1) {
    Val c = eval(*a->args[0], Stage::Any);
    if (c.kind == ValKind::Bool) {
      diags_.report(diag::Kind::TypeMismatch, a->args[0]->span, {"a condition known only at deploy time", "a bool known at compile time"})
          .help("use `if " + std::string(c.boolean ? "true" : "false") + " { ... }` to keep or drop it at compile time");
    } else if (!c.is_error()) {
      Val cond = as_condition(c, *a->args[0]);
      if (!cond.is_error()) r.condition = combine_conditions(r.condition, cond, false);
    }
  }
  for (const ast::Annotation& a : d.annotations) {
    if (a.name != "allow" || a.args.size() != 2) continue;
    const diag::KindInfo* k = warning_code(*a.args[0]);
    if (k == nullptr) {
      diags_.report(diag::Kind::AnnotationArguments, a.args[0]->span, {"allow", "the code of a warning, such as `W0101`"})
          .help("only warnings can be acknowledged; errors must be fixed");
      continue;
    }
    Why why(*this, "the reason of `@allow`");
    Val reason = eval(*a.args[1], Stage::CompileTime);
    if (reason.is_error()) continue;
    if (reason.kind != ValKind::String || reason.text.find_first_not_of(" \t") == std::string::npos) {
      diags_.report(diag::Kind::AnnotationArguments, a.args[1]->span, {"allow", "a reason: a string that says why the warning is accepted"});
      continue;
    }
    r.allows.emplace_back(std::string(k->code), reason.text);
  }
  if (auto* a = annotation(d, "logical_id"); a != nullptr && r.for_each >= 0) {
    // Each instance needs an ID of its own: `Name${Identifier}`.
    diags_.report(diag::Kind::UnknownAnnotation, a->name_span, {"logical_id", "a resource of a deploy-time `for`"})
        .note("CloudFormation makes one logical ID per item, from the resource's name and the item");
  } else if (auto* a = annotation(d, "logical_id")) {
    if (auto s = string_argument(*a, Stage::CompileTime)) {
      r.logical_id = *s;
      r.logical_id_span = a->args[0]->span;
    }
  }
}

// Module instances and half-read mappings are values of the program, not of the template.
bool Checker::plain_value(const Val& v) {
  if (v.kind == ValKind::Module) {
    diags_.report(diag::Kind::TypeMismatch, v.span, {"a value", "a module instance"})
        .help("use one of its outputs, as in `net.vpc_id`");
    return false;
  }
  if (v.kind == ValKind::Call && v.text == "Fn::FindInMap" && v.items.size() == 3 && v.items[2].kind == ValKind::Null) {
    diags_.report(diag::Kind::TypeMismatch, v.span, {"a value", "a whole entry of a mapping read at deploy time"})
        .help("pick one of its fields, as in `images[AWS::Region].arm`");
    return false;
  }
  bool ok = true;
  for (const Val& i : v.items) ok = plain_value(i) && ok;
  for (const auto& f : v.fields) ok = plain_value(f.second) && ok;
  return ok;
}

void Checker::check_output(const ast::Decl& d, Output& o) {
  if (auto* a = annotation(d, "logical_id")) {
    if (auto s = string_argument(*a, Stage::CompileTime)) {
      o.logical_id = *s;
      o.logical_id_span = a->args[0]->span;
    }
  }
  if (auto* a = annotation(d, "description")) {
    if (auto s = string_argument(*a, Stage::CompileTime)) o.description = *s;
  }
  if (auto* a = annotation(d, "export"); a != nullptr && a->args.size() == 1) {
    // A string, or one known only at deploy time: an interpolation, a parameter, `join`.
    Val name = eval(*a->args[0], Stage::Any);
    bool stringy = name.kind == ValKind::String || name.kind == ValKind::Sub || name.kind == ValKind::Pseudo ||
                   (name.kind == ValKind::ParamRef && out_.params[name.target].value_type != "list") ||
                   (name.kind == ValKind::Call && (name.text == "Fn::Join" || name.text == "Fn::Select"));
    if (stringy) o.export_name = std::move(name);
    else if (!name.is_error()) diags_.report(diag::Kind::TypeMismatch, a->args[0]->span, {"a string", describe(name)});
  }
  if (auto* a = annotation(d, "condition"); a != nullptr && a->args.size() == 1) {
    Val c = eval(*a->args[0], Stage::Any);
    if (!c.is_error() && c.kind != ValKind::Bool) {
      Val cond = as_condition(c, *a->args[0]);
      if (!cond.is_error()) o.condition = combine_conditions(-1, cond, false);
    }
  }
  context_condition_ = o.condition;
  o.value = eval(*d.value, Stage::Any);
  context_condition_ = -1;
  if (!plain_value(o.value)) {
    o.value = Val::error();
    return;
  }
  bool deploy_list = (o.value.kind == ValKind::ParamRef && out_.params[o.value.target].value_type == "list") ||
                     (o.value.kind == ValKind::Call &&
                      (o.value.text == "Fn::Split" || o.value.text == "Fn::GetAZs" || o.value.text == "Fn::Cidr"));
  if (deploy_list) {
    diags_.report(diag::Kind::OutputNotString, d.value->span, {d.name, "a list"})
        .help("join the items into one string: `join(\",\", ...)`");
    o.value = Val::error();
    return;
  }
  switch (o.value.kind) {
    case ValKind::List: case ValKind::Object: case ValKind::Null: case ValKind::Module:
      diags_.report(diag::Kind::OutputNotString, d.value->span, {d.name, describe(o.value)})
          .help(o.value.kind == ValKind::List ? "join the items into one string: `join(\",\", ...)`"
                                              : "output a string, a number or a reference");
      o.value = Val::error();
      break;
    case ValKind::Number: o.value = Val::str(o.value.text, o.value.span); break;
    case ValKind::Bool: o.value = Val::str(o.value.boolean ? "true" : "false", o.value.span); break;
    default: break;
  }
}

void Checker::check_assert(int scope, const ast::Decl& d) {
  In in(*this, scope);
  Val c, msg;
  {
    Why why(*this, "an assertion");
    // A deploy-time input may still fold away (`!public || true` is true): evaluate it
    // as far as it goes, and ask for compile-time values only when it does not fold.
    c = eval(*d.value, Stage::Any);
    if (!c.is_error() && !c.known()) c = eval(*d.value, Stage::CompileTime);
    msg = eval(*d.message, Stage::CompileTime);
  }
  if (c.is_error() || msg.is_error()) return;
  if (c.kind != ValKind::Bool) {
    diags_.report(diag::Kind::TypeMismatch, d.value->span, {"a bool to assert", describe(c)});
    return;
  }
  if (msg.kind != ValKind::String) {
    diags_.report(diag::Kind::TypeMismatch, d.message->span, {"a string as the message", describe(msg)});
    return;
  }
  if (c.boolean) return;
  const Scope& s = scopes_[scopes_[scope].instance];
  if (s.module_decl == nullptr) {
    diags_.report(diag::Kind::AssertionFailed, d.value->span, {msg.text}).label("this is false");
    return;
  }
  // A module of the standard library that makes another one is not where the user can
  // fix the inputs: the error goes up to the first instance declared in the user's files,
  // with a note at each instance on the way.
  int at = scopes_[scope].instance;
  while (scopes_[at].caller >= 0) {
    const Scope& caller = scopes_[scopes_[scopes_[at].caller].instance];
    if (caller.module_decl == nullptr || !caller.unit->library) break;
    at = caller.instance;
  }
  const Scope& top = scopes_[at];
  auto b = diags_.report(diag::Kind::AssertionFailed, top.module_decl->name_span, {msg.text});
  b.label("in this instance of `" + top.module_decl->module + "`");
  for (int i = scopes_[scope].instance; i != at; i = scopes_[scopes_[i].caller].instance) {
    const Scope& inner = scopes_[i];
    b.note(inner.module_decl->name_span, "which makes this instance of `" + inner.module_decl->module + "`");
  }
  b.note(d.value->span, "the assertion of `" + s.module_decl->module + "` that fails");
}

void Checker::check_template(const ast::Decl& d) {
  static const std::vector<std::string_view> allowed = {"Description", "Metadata", "Rules", "Transform"};
  for (const ast::Entry& e : d.properties) {
    if (std::find(allowed.begin(), allowed.end(), e.key) == allowed.end()) {
      auto b = diags_.report(diag::Kind::UnknownProperty, e.key_span, {e.key, "template"});
      if (auto m = diag::closest(e.key, allowed)) b.help("did you mean `" + *m + "`?");
      else b.note("a `template` block sets `Description`, `Metadata`, `Rules` and `Transform`");
      continue;
    }
    Val v = eval(*e.value, Stage::CompileTime);
    if (v.is_error()) continue;
    if (e.key == "Description" && v.kind != ValKind::String) {
      diags_.report(diag::Kind::TypeMismatch, e.value->span, {"a string", describe(v)});
      continue;
    }
    out_.template_fields.emplace_back(e.key, std::move(v));
  }
}

// SAM types exist only for the SAM transform, which turns them into CloudFormation types.
void Checker::check_sam_types() {
  static const std::string kSam = "AWS::Serverless-2016-10-31";
  bool has = false;
  for (const auto& [key, v] : out_.template_fields) {
    if (key != "Transform") continue;
    has = (v.kind == ValKind::String && v.text == kSam) ||
          std::any_of(v.items.begin(), v.items.end(), [](const Val& i) { return i.kind == ValKind::String && i.text == kSam; });
  }
  if (has) return;
  for (const Resource& r : out_.resources) {
    if (r.schema == nullptr || !r.schema->sam) continue;
    const ast::Decl& d = *static_cast<const ast::Decl*>(r.decl);
    diags_.report(diag::Kind::SamWithoutTransform, d.resource_type_span, {r.type})
        .help(template_decl_ != nullptr ? "add `Transform = \"" + kSam + "\"` to the `template` block"
                                        : "add `template { Transform = \"" + kSam + "\" }`");
  }
}

void Checker::find_resource_cycles() { report_resource_cycle(out_.resources, diags_); }

}  // namespace infrac::sema
