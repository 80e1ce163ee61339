// A deploy-time `for`: a loop over a list parameter, which CloudFormation repeats with
// `Fn::ForEach` (the AWS::LanguageExtensions transform). Its body is declared once, with
// the loop variable standing for the identifier of the loop; its resources get logical
// IDs ending in `${Identifier}` (ir/lower.cpp).
#include "ir/lower.h"
#include "sema/checker.h"

namespace infrac::sema {

void Checker::declare_for_each(int scope, const ast::Decl& d, const Val& list) {
  ForEach loop;
  loop.var = d.name;
  loop.identifier = ir::pascal_case(d.name);
  loop.param = list.target;
  loop.span = d.name_span;
  if (loop.identifier.empty() || !std::isalpha(static_cast<unsigned char>(loop.identifier[0]))) {
    diags_.report(diag::Kind::InvalidLogicalId, d.name_span,
                  {loop.identifier, "the identifier of `Fn::ForEach` must start with a letter"})
        .help("rename the loop variable");
    return;
  }
  int index = static_cast<int>(out_.loops.size());
  out_.loops.push_back(std::move(loop));
  if (!room_for("module instances and loop iterations", scopes_.size(), kMaxScopes, d.name_span)) return;
  int child = new_scope(scopes_[scope].unit, scope, scopes_[scope].path, scopes_[scope].display);
  scopes_[child].for_each = index;
  Symbol var{Symbol::LoopVar, &d};
  // Each item is a string known at deploy time: `Ref Identifier`, `${Identifier}` in Fn::Sub.
  var.value.kind = ValKind::Pseudo;
  var.value.text = out_.loops[index].identifier;
  var.value.span = d.name_span;
  scopes_[child].symbols.emplace(d.name, std::move(var));
  declare(child, d.body, true);
}

std::optional<std::string> Checker::for_each_key(int scope, const ast::Decl& d) {
  const ForEach& loop = out_.loops[scopes_[scope].for_each];
  if (!d.key || d.key->kind != ast::ExprKind::Name || d.key->text != loop.var) {
    diags_.report(diag::Kind::ForEachKey, d.key ? d.key->span : d.name_span, {d.name, loop.var})
        .help("write `resource " + d.name + "[" + loop.var + "]: " + d.resource_type + " { ... }`");
    return std::nullopt;
  }
  return std::string();
}

void Checker::loop_family_reference(const Symbol& family, Span at) {
  const ForEach& loop = out_.loops[family.for_each];
  diags_.report(diag::Kind::ForEachReference, at, {family.decl->name, out_.params[loop.param].name})
      .note(loop.span, "CloudFormation repeats them with `Fn::ForEach`, for items known only at deploy time")
      .help("to refer to instances, loop at compile time over a list known then, such as a `let`");
}

}  // namespace infrac::sema
