// Expression evaluation: folds what is known at compile time, keeps deploy-time parts
// symbolic, and reports type errors at the expression that causes them.
#include <algorithm>
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

}  // namespace

Val Checker::eval(const ast::Expr& e, Stage stage) {
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
    case ast::ExprKind::Error: return Val::error();
  }
  return Val::error();
}

Val Checker::deploy_time_here(const ast::Expr& e, Stage stage, const Val& v) {
  if (stage != Stage::CompileTime) return v;
  diags_.report(diag::Kind::DeployTimeNotAllowed, e.span, {why_, describe(v) + " is known only at deploy time"});
  return Val::error();
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
  auto it = symbols_.find(name);
  if (it == symbols_.end()) {
    auto b = diags_.report(diag::Kind::UnknownName, e.span, {name});
    if (auto m = diag::closest(name, all_names())) b.help("did you mean `" + *m + "`?");
    return Val::error();
  }
  const Symbol& s = it->second;
  switch (s.kind) {
    case ast::DeclKind::Let: return eval_let(s.index, e);
    case ast::DeclKind::Param: {
      Val v;
      v.kind = ValKind::ParamRef;
      v.target = s.index;
      v.span = e.span;
      if (stage == Stage::CompileTime) {
        diags_.report(diag::Kind::DeployTimeNotAllowed, e.span,
                      {why_, "the parameter `" + name + "` is known only at deploy time"})
            .note(s.decl->name_span, "declared here");
        return Val::error();
      }
      return v;
    }
    case ast::DeclKind::Resource:
      diags_.report(diag::Kind::TypeMismatch, e.span, {"a value", "the resource `" + name + "`"})
          .help("use `" + name + ".id` for its `Ref`, or `" + name + ".<Attribute>` for `Fn::GetAtt`");
      return Val::error();
    case ast::DeclKind::Output:
      diags_.report(diag::Kind::TypeMismatch, e.span, {"a value", "the output `" + name + "`"})
          .note(s.decl->name_span, "declared here")
          .help("outputs cannot be referenced; declare the value with `let` and use it in both places");
      return Val::error();
  }
  return Val::error();
}

Val Checker::attribute(int resource, const std::string& path, const ast::Expr& at) {
  note_reference(resource);
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
  const catalog::ResourceType* schema = catalog::Catalog::builtin().find(r.type);
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

Val Checker::eval_member(const ast::Expr& e, Stage stage) {
  // A chain of members on a resource name is one attribute path: db.Endpoint.Address.
  std::vector<const ast::Expr*> chain;
  const ast::Expr* root = &e;
  while (root->kind == ast::ExprKind::Member) {
    chain.push_back(root);
    root = root->lhs.get();
  }
  if (root->kind == ast::ExprKind::Name) {
    auto it = symbols_.find(root->text);
    if (it != symbols_.end() && it->second.kind == ast::DeclKind::Resource) {
      std::string path;
      for (auto c = chain.rbegin(); c != chain.rend(); ++c) path += (path.empty() ? "" : ".") + (*c)->text;
      Val v = attribute(it->second.index, path, e);
      if (v.is_error()) return v;
      return deploy_time_here(e, stage, v);
    }
  }
  Val base = eval(*e.lhs, stage);
  if (base.is_error()) return base;
  if (base.kind == ValKind::Object) {
    for (auto& [k, v] : base.fields) {
      if (k == e.text) return v;
    }
    std::vector<std::string_view> keys;
    for (auto& f : base.fields) keys.push_back(f.first);
    auto b = diags_.report(diag::Kind::NoSuchMember, e.name_span, {"this object", e.text});
    if (auto m = diag::closest(e.text, keys)) b.help("did you mean `" + *m + "`?");
    return Val::error();
  }
  diags_.report(diag::Kind::NoSuchMember, e.name_span, {describe(base), e.text});
  return Val::error();
}

Val Checker::eval_index(const ast::Expr& e, Stage stage) {
  Val base = eval(*e.lhs, stage);
  Val idx = eval(*e.rhs, stage);
  if (base.is_error() || idx.is_error()) return Val::error();
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
    diags_.report(diag::Kind::NoSuchMember, e.rhs->span, {"this object", idx.text});
    return Val::error();
  }
  if (base.kind == ValKind::List || base.kind == ValKind::Object) {
    diags_.report(diag::Kind::TypeMismatch, e.rhs->span,
                  {base.kind == ValKind::List ? "a number as the index" : "a string as the key", describe(idx)});
    return Val::error();
  }
  if (!base.known() && idx.kind == ValKind::Number) {
    // A deploy-time list: Fn::Select picks the item when the stack is deployed.
    Val v;
    v.kind = ValKind::Call;
    v.text = "Fn::Select";
    v.span = e.span;
    v.items.push_back(idx);
    v.items.push_back(std::move(base));
    return v;
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
    if (v.kind == ValKind::List || v.kind == ValKind::Object || v.kind == ValKind::Null ||
        v.kind == ValKind::NoValue || list_param) {
      auto b = diags_.report(diag::Kind::NotInterpolable, part.expr->span, {describe(v)});
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
  std::map<std::string, Span, std::less<>> seen;
  for (const ast::Entry& en : e.entries) {
    auto [it, fresh] = seen.emplace(en.key, en.key_span);
    if (!fresh) {
      diags_.report(diag::Kind::DuplicateKey, en.key_span, {en.key}).note(it->second, "first set here");
      continue;
    }
    Val x = eval(*en.value, stage);
    if (x.kind == ValKind::Null) continue;
    v.fields.emplace_back(en.key, std::move(x));
    v.key_spans.push_back(en.key_span);
  }
  return v;
}

Val Checker::eval_unary(const ast::Expr& e, Stage stage) {
  Val x = eval(*e.lhs, stage);
  if (x.is_error()) return x;
  if (e.text == "!" && x.kind == ValKind::Bool) return Val::boolean_of(!x.boolean, e.span);
  if (e.text == "-" && x.kind == ValKind::Number) return Val::num(-x.number, number_text(-x.number), e.span);
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
  Val b = eval(*e.rhs, stage);
  if (a.is_error() || b.is_error()) return Val::error();
  const std::string& op = e.text;
  if (!a.known() || !b.known()) {
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
    bool eq = a.kind == b.kind && a.text == b.text && a.boolean == b.boolean && a.number == b.number &&
              a.items.size() == b.items.size() && a.fields.size() == b.fields.size();
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

Val Checker::eval_conditional(const ast::Expr& e, Stage stage) {
  Val c;
  {
    Why why(*this, "the condition of `? :`");
    c = eval(*e.lhs, Stage::CompileTime);
  }
  if (c.is_error()) return c;
  if (c.kind != ValKind::Bool) {
    diags_.report(diag::Kind::TypeMismatch, e.lhs->span, {"a bool as the condition", describe(c)});
    return Val::error();
  }
  return eval(c.boolean ? *e.rhs : *e.third, stage);
}

}  // namespace infrac::sema
