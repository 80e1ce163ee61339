// `@depends_on`: the resources an expression names. A resource (`queue`, `q["a"]`), a
// whole family of loop instances, a module instance or a family of them (all their
// resources), a resource of a module instance (`net.gateway`), or a value that holds
// resource references (a module output such as `net.gateway_id`, a list of them).
#include <algorithm>

#include "diag/spell.h"
#include "sema/checker.h"

namespace infrac::sema {

namespace {

std::string source_text(const SourceManager& sm, Span s) {
  if (!s.valid()) return "this";
  const std::string& text = sm.file(s.file).text();
  std::string t = text.substr(s.begin, s.end - s.begin);
  return t.size() > 60 ? t.substr(0, 57) + "..." : t;
}

}  // namespace

// Every resource of the module instance `scope`, at any depth, in the order they were made.
void Checker::instance_resources(int scope, std::vector<int>& out) const {
  for (size_t i = 0; i < out_.resources.size(); ++i) {
    for (int s = scopes_[out_.resources[i].scope].instance; s >= 0;
         s = scopes_[s].caller >= 0 ? scopes_[scopes_[s].caller].instance : -1) {
      if (s == scope) {
        out.push_back(static_cast<int>(i));
        break;
      }
    }
  }
}

bool Checker::symbol_resources(const Symbol& s, const ast::Expr& at, std::vector<int>& out) {
  switch (s.kind) {
    case Symbol::Resource: out.push_back(s.index); return true;
    case Symbol::Module: instance_resources(s.index, out); return true;
    case Symbol::Family: {
      if (s.for_each >= 0) {
        loop_family_reference(s, at.span);
        return false;
      }
      // Its instances in the order the loop made them.
      std::vector<int> members;
      for (const auto& [key, m] : s.members) members.push_back(m);
      std::sort(members.begin(), members.end());
      for (int m : members) {
        if (s.of_modules) instance_resources(m, out);
        else out.push_back(m);
      }
      return true;
    }
    default: {
      const char* what = s.kind == Symbol::Param ? "a parameter" : s.kind == Symbol::Let ? "a value"
                         : s.kind == Symbol::Output ? "an output" : "a loop variable";
      auto b = diags_.report(diag::Kind::NotAResource, at.span, {source_text(sm_, at.span), what});
      if (s.decl != nullptr) b.note(s.decl->name_span, "declared here");
      return false;
    }
  }
}

// The declaration a name or `instance.name` stands for, when it is a resource, a family
// or a module instance (`net.gateway`, not one of the instance's outputs); else null.
const Symbol* Checker::declared_symbol(const ast::Expr& e) {
  const Symbol* s = nullptr;
  if (e.kind == ast::ExprKind::Name) {
    s = lookup(e.text, scope_);
  } else if (e.kind == ast::ExprKind::Member) {
    int instance = named_instance(*e.lhs);
    if (instance < 0 || scopes_[instance].outputs.count(e.text) > 0) return nullptr;
    auto it = scopes_[instance].symbols.find(e.text);
    if (it != scopes_[instance].symbols.end()) s = &it->second;
  }
  if (s == nullptr) return nullptr;
  return s->kind == Symbol::Resource || s->kind == Symbol::Family || s->kind == Symbol::Module ? s : nullptr;
}

// The module instance an expression names (`net`, `nets["a"]`, `outer.inner`), or -1
// without a report when it names something else.
int Checker::named_instance(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::Index) {
    const Symbol* s = declared_symbol(*e.lhs);
    if (s == nullptr || s->kind != Symbol::Family || !s->of_modules) return -1;
    return family_member(*s, e);
  }
  const Symbol* s = declared_symbol(e);
  return s != nullptr && s->kind == Symbol::Module ? s->index : -1;
}

bool Checker::value_resources(const Val& v, const ast::Expr& at, std::vector<int>& out) {
  if (v.is_error()) return false;
  if (v.kind == ValKind::ResourceRef) {
    out.push_back(v.target);
    return true;
  }
  if (v.kind == ValKind::Module) {
    instance_resources(v.target, out);
    return true;
  }
  if (v.kind == ValKind::List) {
    bool ok = true;
    for (const Val& item : v.items) ok = value_resources(item, at, out) && ok;
    return ok;
  }
  auto b = diags_.report(diag::Kind::NotAResource, at.span, {source_text(sm_, at.span), describe(v)});
  if (v.kind == ValKind::Attr) b.help("name the resource itself, without the attribute");
  return false;
}

bool Checker::dependency_targets(const ast::Expr& e, std::vector<int>& out) {
  if (e.kind == ast::ExprKind::String) {
    diags_.report(diag::Kind::AnnotationArguments, e.span, {"depends_on", "resources, as in `@depends_on([gateway_attachment])`"})
        .help("name the resource without quotes");
    return false;
  }
  if (e.kind == ast::ExprKind::Name && e.text.find("::") == std::string::npos) {
    const Symbol* s = lookup(e.text, scope_);
    if (s == nullptr) {
      auto b = diags_.report(diag::Kind::UnknownName, e.span, {e.text});
      if (!b.hidden()) {
        if (auto m = diag::closest(e.text, visible_names(scope_))) b.help("did you mean `" + *m + "`?");
      }
      return false;
    }
    return symbol_resources(*s, e, out);
  }
  if (e.kind == ast::ExprKind::Index) {
    const Symbol* s = declared_symbol(*e.lhs);
    if (s != nullptr && s->kind == Symbol::Family) {
      int m = family_member(*s, e);
      if (m < 0) return false;
      if (s->of_modules) instance_resources(m, out);
      else out.push_back(m);
      return true;
    }
  }
  if (e.kind == ast::ExprKind::Member) {
    if (const Symbol* s = declared_symbol(e)) return symbol_resources(*s, e, out);
  }
  return value_resources(eval(e, Stage::Any), e, out);
}

}  // namespace infrac::sema
