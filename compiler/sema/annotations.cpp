// Annotations: which ones each kind of declaration takes, with how many arguments,
// and the helpers that read their arguments.
#include <algorithm>

#include "diag/spell.h"
#include "sema/annotations.h"
#include "sema/checker.h"

namespace infrac::sema {

const std::vector<AnnotationSpec>& annotation_specs() {
  using K = ast::DeclKind;
  static const std::vector<AnnotationSpec> s = {
      {"description", K::Param, 1, "one string"},
      {"allowed", K::Param, 1, "one list of allowed values"},
      {"min", K::Param, 1, "one number"},
      {"max", K::Param, 1, "one number"},
      {"min_length", K::Param, 1, "one number"},
      {"max_length", K::Param, 1, "one number"},
      {"pattern", K::Param, 1, "one string, a regular expression"},
      {"constraint_description", K::Param, 1, "one string"},
      {"secret", K::Param, 0, "no arguments"},
      {"logical_id", K::Param, 1, "one string"},
      {"depends_on", K::Resource, 1, "one list of resources"},
      {"implicit_depends_on", K::Resource, 1, "`true` or `false`"},
      {"deletion_policy", K::Resource, 1, "one of `Delete`, `Retain`, `RetainExceptOnCreate` or `Snapshot`"},
      {"update_replace_policy", K::Resource, 1, "one of `Delete`, `Retain` or `Snapshot`"},
      {"metadata", K::Resource, 1, "one object"},
      {"creation_policy", K::Resource, 1, "one object, the resource's `CreationPolicy`"},
      {"update_policy", K::Resource, 1, "one object, the resource's `UpdatePolicy`"},
      {"logical_id", K::Resource, 1, "one string"},
      {"logical_id", K::Let, 1, "one string"},
      {"allow", K::Resource, 2, "a warning code and the reason, as in `@allow(W0101, \"why\")`"},
      {"allow", K::Module, 2, "a warning code and the reason, as in `@allow(W0101, \"why\")`"},
      {"condition", K::Resource, 1, "one condition known at deploy time"},
      {"condition", K::Output, 1, "one condition known at deploy time"},
      {"description", K::Output, 1, "one string"},
      {"export", K::Output, 1, "one string, the export name"},
      {"logical_id", K::Output, 1, "one string"},
  };
  return s;
}

namespace {

const std::vector<AnnotationSpec>& specs() { return annotation_specs(); }

}  // namespace

void Checker::check_annotations(const ast::Decl& d) {
  std::vector<std::string_view> seen;
  for (const ast::Annotation& a : d.annotations) {
    auto it = std::find_if(specs().begin(), specs().end(),
                           [&](const AnnotationSpec& s) { return s.name == a.name && s.kind == d.kind; });
    if (it == specs().end()) {
      std::vector<std::string_view> names;
      for (const auto& s : specs()) {
        if (s.kind == d.kind) names.push_back(s.name);
      }
      auto b = diags_.report(diag::Kind::UnknownAnnotation, a.name_span,
                             {a.name, std::string("a ") + ast::decl_kind_name(d.kind)});
      if (auto m = diag::closest(a.name, names)) b.did_you_mean(a.name_span, "@" + *m, "@" + *m);
      else if (names.empty()) b.note(std::string("a ") + ast::decl_kind_name(d.kind) + " takes no annotations");
      continue;
    }
    if (a.name != "allow" && std::find(seen.begin(), seen.end(), a.name) != seen.end()) {
      diags_.report(diag::Kind::DuplicateAnnotation, a.name_span, {a.name});
      continue;
    }
    seen.push_back(a.name);
    if (a.args.size() != it->args) {
      diags_.report(diag::Kind::AnnotationArguments, a.span, {a.name, std::string(it->usage)});
    }
  }
}

const ast::Annotation* Checker::annotation(const ast::Decl& d, std::string_view name) const {
  for (const ast::Annotation& a : d.annotations) {
    if (a.name == name) return a.args.size() == 1 || a.args.empty() ? &a : nullptr;
  }
  return nullptr;
}

// A bare word or a string among `allowed`: @deletion_policy(Retain).
std::optional<std::string> Checker::word_argument(const ast::Annotation& a, const std::vector<std::string_view>& allowed) {
  if (a.args.size() != 1) return std::nullopt;
  const ast::Expr& e = *a.args[0];
  std::string word;
  if (e.kind == ast::ExprKind::Name) word = e.text;
  else if (e.kind == ast::ExprKind::String && e.parts.size() == 1 && !e.parts[0].expr) word = e.parts[0].text;
  else if (e.kind == ast::ExprKind::String && e.parts.empty()) word = "";
  if (std::find(allowed.begin(), allowed.end(), word) == allowed.end()) {
    std::string list;
    for (size_t i = 0; i < allowed.size(); ++i) {
      list += (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") + ("`" + std::string(allowed[i]) + "`");
    }
    auto b = diags_.report(diag::Kind::AnnotationArguments, e.span, {a.name, "one of " + list});
    if (auto m = diag::closest(word, allowed)) b.help("did you mean `" + *m + "`?");
    return std::nullopt;
  }
  return word;
}

std::optional<std::string> Checker::string_argument(const ast::Annotation& a, Stage stage, Val* deploy) {
  if (a.args.size() != 1) return std::nullopt;
  Val v = eval(*a.args[0], stage);
  if (v.is_error()) return std::nullopt;
  if (v.kind == ValKind::String) return v.text;
  if (deploy != nullptr && v.kind == ValKind::Sub) {
    *deploy = std::move(v);
    return std::string();
  }
  diags_.report(diag::Kind::TypeMismatch, a.args[0]->span, {"a string", describe(v)});
  return std::nullopt;
}

}  // namespace infrac::sema
