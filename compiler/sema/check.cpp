#include "sema/check.h"

#include <algorithm>
#include <functional>

#include "catalog/catalog.h"
#include "diag/spell.h"
#include "sema/checker.h"
#include "sema/schema_check.h"

namespace infrac::sema {

Program check(const ast::Program& ast, const SourceManager& sm, diag::Engine& diags) {
  Checker c(ast, sm, diags);
  return c.run();
}

Program Checker::run() {
  out_.file = ast_.file;
  declare();
  for (const ast::Decl& d : ast_.decls) check_annotations(d);
  // Parameters first: their defaults are compile-time values that nothing else changes.
  for (const ast::Decl& d : ast_.decls) {
    auto it = symbols_.find(d.name);
    if (it == symbols_.end() || it->second.decl != &d) continue;  // a duplicate
    switch (d.kind) {
      case ast::DeclKind::Param: check_param(d, out_.params[it->second.index]); break;
      case ast::DeclKind::Let: eval_let(it->second.index, *d.value); break;
      case ast::DeclKind::Resource:
        current_resource_ = it->second.index;
        check_resource(d, out_.resources[it->second.index]);
        current_resource_ = -1;
        break;
      case ast::DeclKind::Output: check_output(d, out_.outputs[it->second.index]); break;
    }
  }
  find_resource_cycles();
  // Schemas last: a property's check may need the schema of the resource it refers to.
  SchemaChecker schemas(out_, diags_);
  for (const Resource& r : out_.resources) {
    if (r.schema != nullptr) schemas.check(r);
  }
  if (out_.resources.empty() && !diags_.has_errors()) {
    Span at{ast_.file, 0, 0};
    diags_.report(diag::Kind::EmptyProgram, at, {sm_.file(ast_.file).path()})
        .help("declare a resource, for example `resource vpc: AWS::EC2::VPC { CidrBlock = \"10.0.0.0/16\" }`");
  }
  return std::move(out_);
}

void Checker::declare() {
  for (const ast::Decl& d : ast_.decls) {
    auto it = symbols_.find(d.name);
    if (it != symbols_.end()) {
      diags_.report(diag::Kind::DuplicateName, d.name_span, {d.name})
          .note(it->second.decl->name_span, "first declared here")
          .help("rename one of them; names are shared by parameters, values, resources and outputs");
      continue;
    }
    Symbol s{d.kind, &d, 0};
    switch (d.kind) {
      case ast::DeclKind::Param:
        s.index = static_cast<int>(out_.params.size());
        out_.params.push_back(Param{});
        out_.params.back().name = d.name;
        out_.params.back().span = d.name_span;
        break;
      case ast::DeclKind::Let:
        s.index = static_cast<int>(lets_.size());
        lets_.push_back(LetState{&d, LetState::Unvisited, Val::error()});
        break;
      case ast::DeclKind::Resource:
        s.index = static_cast<int>(out_.resources.size());
        out_.resources.push_back(Resource{});
        out_.resources.back().name = d.name;
        out_.resources.back().span = d.name_span;
        out_.resources.back().type = d.resource_type;
        break;
      case ast::DeclKind::Output:
        s.index = static_cast<int>(out_.outputs.size());
        out_.outputs.push_back(Output{});
        out_.outputs.back().name = d.name;
        out_.outputs.back().span = d.name_span;
        break;
    }
    symbols_.emplace(d.name, s);
  }
}

std::vector<std::string_view> Checker::all_names() const {
  std::vector<std::string_view> names;
  for (const auto& [name, sym] : symbols_) {
    if (sym.kind != ast::DeclKind::Output) names.push_back(name);
  }
  return names;
}

Val Checker::eval_let(int index, const ast::Expr& use) {
  LetState& let = lets_[index];
  if (let.state == LetState::Done) return let.value;
  if (let.state == LetState::Visiting) {
    std::string path;
    auto start = std::find(let_stack_.begin(), let_stack_.end(), let.decl->name);
    for (auto it = start; it != let_stack_.end(); ++it) path += "`" + *it + "` -> ";
    path += "`" + let.decl->name + "`";
    diags_.report(diag::Kind::DependencyCycle, let.decl->name_span, {let.decl->name, path})
        .note(use.span, "the cycle closes here")
        .help("a value cannot be defined in terms of itself");
    let.value = Val::error();
    let.state = LetState::Done;
    return let.value;
  }
  let.state = LetState::Visiting;
  let_stack_.push_back(let.decl->name);
  int saved = current_resource_;
  Val v = eval(*let.decl->value, Stage::Any);
  current_resource_ = saved;
  let_stack_.pop_back();
  if (let.state == LetState::Visiting) {
    let.value = std::move(v);
    let.state = LetState::Done;
  }
  return let.value;
}

void Checker::note_reference(int resource) {
  if (current_resource_ < 0) return;
  auto& refs = out_.resources[current_resource_].references;
  if (std::find(refs.begin(), refs.end(), resource) == refs.end()) refs.push_back(resource);
}

void Checker::check_resource(const ast::Decl& d, Resource& r) {
  const catalog::Catalog& cat = catalog::Catalog::builtin();
  r.schema = cat.find(d.resource_type);
  if (r.schema == nullptr) {
    auto b = diags_.report(diag::Kind::UnknownResourceType, d.resource_type_span, {d.resource_type});
    if (auto m = diag::closest(d.resource_type, cat.type_names())) b.help("did you mean `" + *m + "`?");
    else b.help("resource types are written `AWS::Service::Type`, as in the CloudFormation reference");
  }
  std::map<std::string, Span, std::less<>> seen;
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
  apply_resource_annotations(d, r);
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
      if (n->kind != ast::ExprKind::Name) {
        diags_.report(diag::Kind::AnnotationArguments, n->span, {"depends_on", "resource names, as in `@depends_on([gateway_attachment])`"});
        continue;
      }
      auto it = symbols_.find(n->text);
      if (it == symbols_.end()) {
        auto b = diags_.report(diag::Kind::UnknownName, n->span, {n->text});
        std::vector<std::string_view> resources;
        for (const auto& [k, sym] : symbols_) {
          if (sym.kind == ast::DeclKind::Resource) resources.push_back(k);
        }
        if (auto m = diag::closest(n->text, resources)) b.help("did you mean `" + *m + "`?");
        continue;
      }
      if (it->second.kind != ast::DeclKind::Resource) {
        diags_.report(diag::Kind::NotAResource, n->span, {n->text, std::string("a ") + ast::decl_kind_name(it->second.kind)})
            .note(it->second.decl->name_span, "declared here");
        continue;
      }
      if (std::find(r.depends_on.begin(), r.depends_on.end(), it->second.index) == r.depends_on.end())
        r.depends_on.push_back(it->second.index);
    }
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
      r.metadata = std::move(v);
    }
  }
  for (const ast::Annotation& a : d.annotations) {
    if (a.name != "allow" || a.args.size() != 2) continue;
    const ast::Expr& code = *a.args[0];
    std::string c = code.kind == ast::ExprKind::Name ? code.text
                    : code.kind == ast::ExprKind::String && code.parts.size() == 1 && !code.parts[0].expr ? code.parts[0].text
                    : "";
    const diag::KindInfo* k = diag::find_code(c);
    if (k == nullptr || k->severity != diag::Severity::Warning) {
      diags_.report(diag::Kind::AnnotationArguments, code.span, {"allow", "the code of a warning, such as `W0101`"})
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
  if (auto* a = annotation(d, "logical_id")) {
    if (auto s = string_argument(*a, Stage::CompileTime)) {
      r.logical_id = *s;
      r.logical_id_span = a->args[0]->span;
    }
  }
}

void Checker::check_output(const ast::Decl& d, Output& o) {
  if (auto* a = annotation(d, "description")) {
    if (auto s = string_argument(*a, Stage::CompileTime)) o.description = *s;
  }
  if (auto* a = annotation(d, "export")) {
    Val deploy;
    if (auto s = string_argument(*a, Stage::Any, &deploy)) {
      o.export_name = deploy.kind == ValKind::Sub ? deploy : Val::str(*s, a->args[0]->span);
    }
  }
  o.value = eval(*d.value, Stage::Any);
  switch (o.value.kind) {
    case ValKind::List: case ValKind::Object: case ValKind::Null:
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

void Checker::find_resource_cycles() {
  // Depth-first search over references and explicit dependencies; the first back edge
  // found closes a cycle, which is printed from where it starts.
  const size_t n = out_.resources.size();
  std::vector<int> state(n, 0);
  std::vector<int> stack;
  bool reported = false;
  std::function<void(int)> visit = [&](int u) {
    if (reported) return;
    state[u] = 1;
    stack.push_back(u);
    std::vector<int> next = out_.resources[u].references;
    for (int x : out_.resources[u].depends_on) next.push_back(x);
    for (int v : next) {
      if (reported) break;
      if (state[v] == 1) {
        std::string path;
        auto start = std::find(stack.begin(), stack.end(), v);
        for (auto it = start; it != stack.end(); ++it) path += "`" + out_.resources[*it].name + "` -> ";
        path += "`" + out_.resources[v].name + "`";
        const Resource& r = out_.resources[v];
        diags_.report(diag::Kind::DependencyCycle, r.span, {r.name, path})
            .help("CloudFormation creates resources in dependency order; break the cycle, for "
                  "example with a separate `AWS::EC2::SecurityGroupIngress` resource");
        reported = true;
        break;
      }
      if (state[v] == 0) visit(v);
    }
    stack.pop_back();
    state[u] = 2;
  };
  for (size_t i = 0; i < n && !reported; ++i) {
    if (state[i] == 0) visit(static_cast<int>(i));
  }
}

}  // namespace infrac::sema
