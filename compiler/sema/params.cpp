// Root parameters: the CloudFormation type of each `.infra` type, the constraints from
// annotations, and the default value checked against both at compile time.
#include <algorithm>

#include "base/cidr.h"
#include "base/excerpt.h"
#include "base/pattern.h"
#include "diag/spell.h"
#include "sema/checker.h"

namespace infrac::sema {

namespace {

// CloudFormation's AWS-specific parameter types, usable as `.infra` types as they are.
const std::vector<std::string_view>& aws_parameter_types() {
  static const std::vector<std::string_view> t = {
      "AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id",
      "AWS::EC2::Instance::Id",           "AWS::EC2::KeyPair::KeyName",
      "AWS::EC2::SecurityGroup::GroupName", "AWS::EC2::SecurityGroup::Id",
      "AWS::EC2::Subnet::Id",             "AWS::EC2::Volume::Id",
      "AWS::EC2::VPC::Id",                "AWS::Route53::HostedZone::Id",
      "AWS::SSM::Parameter::Name"};
  return t;
}

const char* kCidrPattern =
    "^(([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])\\.){3}([0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])"
    "/([0-9]|[1-2][0-9]|3[0-2])$";

// The `cidr` type is IPv4: a VPC's and a subnet's primary blocks are.
bool valid_cidr(const std::string& s) {
  auto c = Cidr::parse(s);
  return c && !c->v6;
}

struct Mapped {
  std::string cfn;    // CloudFormation type; empty when the type is unknown
  std::string value;  // string, number, bool, list
};

Mapped map_type(const ast::TypeRef& t) {
  const auto& aws = aws_parameter_types();
  if (t.args.empty()) {
    if (t.name == "string") return {"String", "string"};
    if (t.name == "number") return {"Number", "number"};
    if (t.name == "bool") return {"String", "bool"};
    if (t.name == "cidr") return {"String", "string"};
    if (std::find(aws.begin(), aws.end(), t.name) != aws.end()) return {t.name, "string"};
    return {};
  }
  if (t.args.size() != 1) return {};
  const ast::TypeRef& a = t.args[0];
  if (t.name == "list") {
    if (!a.args.empty()) return {};
    if (a.name == "string") return {"CommaDelimitedList", "list"};
    if (a.name == "number") return {"List<Number>", "list"};
    if (std::find(aws.begin(), aws.end(), a.name) != aws.end()) return {"List<" + a.name + ">", "list"};
    return {};
  }
  if (t.name == "ssm_parameter") {
    if (a.name == "string" && a.args.empty()) return {"AWS::SSM::Parameter::Value<String>", "string"};
    if (a.name == "list" && a.args.size() == 1 && a.args[0].name == "string")
      return {"AWS::SSM::Parameter::Value<List<String>>", "list"};
    if (a.args.empty() && std::find(aws.begin(), aws.end(), a.name) != aws.end())
      return {"AWS::SSM::Parameter::Value<" + a.name + ">", "string"};
    if (a.name == "list" && a.args.size() == 1 && a.args[0].args.empty() &&
        std::find(aws.begin(), aws.end(), a.args[0].name) != aws.end())
      return {"AWS::SSM::Parameter::Value<List<" + a.args[0].name + ">>", "list"};
  }
  return {};
}

}  // namespace

std::string value_type_of(const ast::TypeRef& t) { return map_type(t).value; }
std::string cfn_type_of(const ast::TypeRef& t) { return map_type(t).cfn; }

void Checker::check_param(const ast::Decl& d, Param& p) {
  Mapped m = map_type(d.type);
  if (m.cfn.empty()) {
    std::vector<std::string_view> names = {"string", "number", "bool", "cidr", "list", "ssm_parameter"};
    for (auto n : aws_parameter_types()) names.push_back(n);
    auto b = diags_.report(diag::Kind::UnknownType, d.type.span, {[&] {
                             std::string s = d.type.name;
                             if (!d.type.args.empty()) s += "<...>";
                             return s;
                           }()});
    if (auto c = diag::closest(d.type.name, names); c && d.type.args.empty()) b.help("did you mean `" + *c + "`?");
    b.note("parameter types are `string`, `number`, `bool`, `cidr`, `list<T>`, `ssm_parameter<T>` and "
           "CloudFormation's `AWS::...` parameter types such as `AWS::EC2::KeyPair::KeyName`");
    p.value_type = "string";
    return;
  }
  p.cfn_type = m.cfn;
  p.value_type = m.value;
  bool is_cidr = d.type.name == "cidr" && d.type.args.empty();
  if (m.value == "bool") p.allowed = {Val::str("true", d.type.span), Val::str("false", d.type.span)};
  if (is_cidr) {
    p.pattern = kCidrPattern;
    p.constraint_description = "a CIDR block such as 10.0.0.0/16";
  }

  read_constraints(d, p, m.value == "number" || m.cfn == "List<Number>", m.value);
  if (auto* a = annotation(d, "logical_id")) {
    if (auto s = string_argument(*a, Stage::CompileTime)) {
      p.logical_id = *s;
      p.logical_id_span = a->args[0]->span;
    }
  }

  if (!d.value) return;
  Why why(*this, "the default of parameter `" + d.name + "`");
  Val def = eval(*d.value, Stage::CompileTime);
  if (def.is_error()) return;
  std::string shown;  // the default as CloudFormation sees it
  bool type_ok = true;
  // The default of an SSM parameter type is the name of the SSM parameter: a string.
  if (d.type.name == "ssm_parameter") m.value = "string";
  if (m.value == "number") type_ok = def.kind == ValKind::Number, shown = def.text;
  else if (m.value == "bool") type_ok = def.kind == ValKind::Bool, shown = def.boolean ? "true" : "false";
  else if (m.value == "string") type_ok = def.kind == ValKind::String, shown = def.text;
  else {
    type_ok = def.kind == ValKind::List;
    for (size_t i = 0; type_ok && i < def.items.size(); ++i) {
      const Val& it = def.items[i];
      bool ok = m.cfn == "List<Number>" ? it.kind == ValKind::Number : it.kind == ValKind::String;
      if (ok && it.text.find(',') != std::string::npos) {
        // CloudFormation keeps a list default as one comma-separated string.
        diags_.report(diag::Kind::ConstraintViolated, it.span, {"item \"" + it.text + "\"", d.name, "contains a comma, which would split it in two"})
            .help("CloudFormation passes a list parameter as one comma-separated string; use items without commas");
        return;
      }
      if (!ok) {
        diags_.report(diag::Kind::TypeMismatch, it.span,
                      {m.cfn == "List<Number>" ? "a number" : "a string", describe(it)});
        return;
      }
      shown += (i ? "," : "") + it.text;
    }
  }
  if (!type_ok) {
    std::string want = m.value == "list" ? "a list" : "a " + m.value;
    diags_.report(diag::Kind::TypeMismatch, d.value->span, {want + " for the default of `" + d.name + "`", describe(def)})
        .note(d.type.span, "the parameter is declared as this type");
    return;
  }
  auto violated = [&](const std::string& what) {
    diags_.report(diag::Kind::ConstraintViolated, d.value->span, {"`" + excerpt(shown) + "`", d.name, what});
  };
  if (!p.allowed.empty() && m.value != "list") {
    bool found = std::any_of(p.allowed.begin(), p.allowed.end(), [&](const Val& a) {
      return a.kind == ValKind::Number ? (def.kind == ValKind::Number && a.number == def.number) : a.text == shown;
    });
    if (!found) violated("is not one of the allowed values");
  }
  if (m.value == "number") {
    if (p.min_value && def.number < *p.min_value) violated("is less than the minimum " + number_text(*p.min_value));
    if (p.max_value && def.number > *p.max_value) violated("is more than the maximum " + number_text(*p.max_value));
  } else if (m.value == "string") {
    double len = static_cast<double>(count_code_points(shown));
    if (p.min_length && len < *p.min_length) violated("is shorter than the minimum length " + number_text(*p.min_length));
    if (p.max_length && len > *p.max_length) violated("is longer than the maximum length " + number_text(*p.max_length));
    if (is_cidr) {
      if (!valid_cidr(shown)) violated("is not a CIDR block such as `10.0.0.0/16`");
    } else if (!p.pattern.empty()) {
      // A pattern that is not checked here is left to CloudFormation.
      auto re = Pattern::get(p.pattern, PatternDialect::AllowedPattern);
      if (re != nullptr && !re->full_match(shown)) violated("does not match the pattern `" + p.pattern + "`");
    }
  }
  Val stored = Val::str(shown, def.span);
  if (m.value == "number") stored = def;
  p.default_value = std::move(stored);
}

// The annotations of a parameter (of the root, or a module's input) that constrain its
// value: read into `p`, reporting arguments of the wrong kind.
void Checker::read_constraints(const ast::Decl& d, Param& p, bool numeric, const std::string& value_type) {
  if (auto* a = annotation(d, "description")) {
    if (auto s = string_argument(*a, Stage::CompileTime)) p.description = *s;
  }
  if (auto* a = annotation(d, "constraint_description")) {
    if (auto s = string_argument(*a, Stage::CompileTime)) p.constraint_description = *s;
  }
  if (auto* a = annotation(d, "pattern")) {
    if (auto s = string_argument(*a, Stage::CompileTime)) p.pattern = *s;
  }
  if (annotation(d, "secret") != nullptr) p.no_echo = true;
  auto number_arg = [&](const char* name, bool for_numbers) -> std::optional<double> {
    const ast::Annotation* a = annotation(d, name);
    if (a == nullptr || a->args.size() != 1) return std::nullopt;
    if (numeric != for_numbers) {
      diags_.report(diag::Kind::AnnotationArguments, a->name_span,
                    {name, for_numbers ? "a parameter of type `number`" : "a parameter of a string type"})
          .help(for_numbers ? "use `@min_length`/`@max_length` for strings" : "use `@min`/`@max` for numbers");
      return std::nullopt;
    }
    Val v = eval(*a->args[0], Stage::CompileTime);
    if (v.is_error()) return std::nullopt;
    if (v.kind != ValKind::Number) {
      diags_.report(diag::Kind::TypeMismatch, a->args[0]->span, {"a number", describe(v)});
      return std::nullopt;
    }
    return v.number;
  };
  p.min_value = number_arg("min", true);
  p.max_value = number_arg("max", true);
  p.min_length = number_arg("min_length", false);
  p.max_length = number_arg("max_length", false);
  if (auto* a = annotation(d, "allowed"); a != nullptr && a->args.size() == 1) {
    Val v = eval(*a->args[0], Stage::CompileTime);
    if (!v.is_error() && v.kind != ValKind::List) {
      diags_.report(diag::Kind::TypeMismatch, a->args[0]->span, {"a list of allowed values", describe(v)});
    } else if (!v.is_error()) {
      p.allowed.clear();
      for (Val& item : v.items) {
        if (item.kind == ValKind::Number && value_type == "number") p.allowed.push_back(std::move(item));
        else if (item.kind == ValKind::String && value_type != "number") p.allowed.push_back(std::move(item));
        else if (!item.is_error())
          diags_.report(diag::Kind::TypeMismatch, item.span,
                        {value_type == "number" ? "a number" : "a string", describe(item)});
      }
    }
  }

}

}  // namespace infrac::sema

namespace infrac::sema {

// The constraints of a module input's annotations (@allowed, @min, @max, @min_length,
// @max_length, @pattern) on the value the caller gives, when it is known at compile time.
void Checker::check_input_constraints(int scope, const ast::Decl& d, const Val& v, Span at) {
  if (d.annotations.empty() || !(v.kind == ValKind::String || v.kind == ValKind::Number)) return;
  Param c;
  {
    In in(*this, scope);
    read_constraints(d, c, d.type.name == "number", d.type.name == "number" ? "number" : "string");
  }
  const std::string& module = scopes_[scope].module_decl->module;
  std::string shown = v.kind == ValKind::Number ? v.text : v.text;
  auto violated = [&](const std::string& what) {
    diags_.report(diag::Kind::InputConstraint, at, {"`" + excerpt(shown) + "`", d.name, module, what})
        .note(d.name_span, "the input is declared here, with its constraints");
  };
  if (!c.allowed.empty()) {
    bool found = std::any_of(c.allowed.begin(), c.allowed.end(), [&](const Val& a) {
      return a.kind == ValKind::Number ? (v.kind == ValKind::Number && a.number == v.number) : a.text == v.text;
    });
    if (!found) {
      std::string list;
      for (size_t i = 0; i < c.allowed.size(); ++i)
        list += (i == 0 ? "" : i + 1 == c.allowed.size() ? " or " : ", ") + ("`" + c.allowed[i].text + "`");
      violated("is not one of " + list);
    }
  }
  if (v.kind == ValKind::Number) {
    if (c.min_value && v.number < *c.min_value) violated("is less than the minimum " + number_text(*c.min_value));
    if (c.max_value && v.number > *c.max_value) violated("is more than the maximum " + number_text(*c.max_value));
    return;
  }
  double len = static_cast<double>(count_code_points(v.text));
  if (c.min_length && len < *c.min_length) violated("is shorter than the minimum length " + number_text(*c.min_length));
  if (c.max_length && len > *c.max_length) violated("is longer than the maximum length " + number_text(*c.max_length));
  if (!c.pattern.empty()) {
    auto re = Pattern::get(c.pattern, PatternDialect::AllowedPattern);
    if (re != nullptr && !re->full_match(v.text)) violated("does not match the pattern `" + c.pattern + "`");
  }
}

// Whether `v` fits the declared type of a module input; `why` says what does not.
static bool fits(const Val& v, const ast::TypeRef& t, const Unit& unit, const Program& p,
                 const std::deque<Scope>& scopes, std::string& why) {
  if (v.is_error()) return true;
  const std::string& n = t.name;
  auto deploy_scalar = [&] {
    return v.kind == ValKind::Sub || v.kind == ValKind::ResourceRef || v.kind == ValKind::Attr ||
           v.kind == ValKind::Pseudo || v.kind == ValKind::Call ||
           (v.kind == ValKind::ParamRef && p.params[v.target].value_type != "list");
  };
  if (n == "any") return true;
  if (n == "string" || n == "cidr" || n.rfind("AWS::", 0) == 0 || n == "ssm_parameter") {
    if (v.kind == ValKind::String) {
      if (n == "cidr" && !valid_cidr(v.text)) {
        why = "\"" + v.text + "\", which is not a CIDR block such as `10.0.0.0/16`";
        return false;
      }
      return true;
    }
    if (deploy_scalar()) return true;
    why = describe(v);
    return false;
  }
  if (n == "number") {
    if (v.kind == ValKind::Number || deploy_scalar()) return true;
    why = describe(v);
    return false;
  }
  if (n == "bool") {
    if (v.kind == ValKind::Bool || v.kind == ValKind::Call || (v.kind == ValKind::ParamRef && p.params[v.target].value_type == "bool")) return true;
    why = describe(v);
    return false;
  }
  if (n == "list") {
    if (v.kind == ValKind::List) {
      for (const Val& item : v.items) {
        if (!t.args.empty() && !fits(item, t.args[0], unit, p, scopes, why)) {
          why = "a list with " + why;
          return false;
        }
      }
      return true;
    }
    if ((v.kind == ValKind::ParamRef && p.params[v.target].value_type == "list") || v.kind == ValKind::Call) return true;
    why = describe(v);
    return false;
  }
  if (n == "map") {
    if (v.kind == ValKind::Object) {
      for (const auto& f : v.fields) {
        if (!t.args.empty() && !fits(f.second, t.args[0], unit, p, scopes, why)) {
          why = "an object whose `" + f.first + "` is " + why;
          return false;
        }
      }
      return true;
    }
    why = describe(v);
    return false;
  }
  if (n == "{}") {
    if (v.kind != ValKind::Object) {
      why = describe(v);
      return false;
    }
    for (const ast::FieldType& f : t.fields) {
      auto it = std::find_if(v.fields.begin(), v.fields.end(), [&](const auto& x) { return x.first == f.name; });
      if (it == v.fields.end()) {
        if (f.optional) continue;
        why = "an object without `" + f.name + "`";
        return false;
      }
      if (!fits(it->second, f.type, unit, p, scopes, why)) {
        why = "an object whose `" + f.name + "` is " + why;
        return false;
      }
    }
    return true;
  }
  // The name of an imported module: an instance of it.
  auto mod = unit.imports.find(n);
  if (mod != unit.imports.end()) {
    if (v.kind == ValKind::Module && scopes[v.target].unit == mod->second) return true;
    why = v.kind == ValKind::Module ? "an instance of another module" : describe(v);
    return false;
  }
  return true;  // an unknown type name is reported at the module's declaration
}

// The types a module input may have: the root's parameter types, `any`, `map<T>`,
// object types and the names of imported modules.
static bool known_input_type(const ast::TypeRef& t, const Unit& unit) {
  static const std::vector<std::string_view> plain = {"string", "number", "bool", "cidr", "any"};
  if (t.name == "{}") {
    return std::all_of(t.fields.begin(), t.fields.end(), [&](const ast::FieldType& f) { return known_input_type(f.type, unit); });
  }
  if (t.name == "list" || t.name == "map" || t.name == "ssm_parameter") {
    return t.args.size() == 1 && known_input_type(t.args[0], unit);
  }
  if (!t.args.empty()) return false;
  return std::find(plain.begin(), plain.end(), t.name) != plain.end() || t.name.rfind("AWS::", 0) == 0 ||
         unit.imports.count(t.name) > 0;
}

void Checker::check_inputs(int scope) {
  const Scope& s = scopes_[scope];
  for (const ast::Decl& d : s.unit->program.decls) {
    if (d.kind != ast::DeclKind::Param) continue;
    if (!known_input_type(d.type, *s.unit)) {
      std::vector<std::string_view> names = {"string", "number", "bool", "cidr", "any", "list", "map"};
      for (const auto& [n, u] : s.unit->imports) names.push_back(n);
      auto b = diags_.report(diag::Kind::UnknownType, d.type.span, {ast::type_text(d.type)});
      if (auto m = diag::closest(d.type.name, names)) b.help("did you mean `" + *m + "`?");
      b.note("a module's inputs take the parameter types, `any`, `map<T>`, object types such as "
             "`{ a: string, b?: number }`, and the names of imported modules");
      continue;
    }
    auto it = s.symbols.find(d.name);
    if (it == s.symbols.end() || it->second.decl != &d || it->second.lazy < 0) continue;
    const Lazy& lz = lazies_[it->second.lazy];
    if (lz.expr == nullptr) continue;
    Val v = eval_lazy(it->second.lazy, *lz.expr);
    std::string why;
    auto given = s.inputs.find(d.name);
    // `= null` makes an input optional: it reads `null` when not given (or given as `null`).
    bool optional_null = v.kind == ValKind::Null && d.value && d.value->kind == ast::ExprKind::Null;
    if (optional_null || fits(v, d.type, *s.unit, out_, scopes_, why)) {
      if (given != s.inputs.end()) check_input_constraints(scope, d, v, given->second->value->span);
      continue;
    }
    auto input = s.inputs.find(d.name);
    Span at = input != s.inputs.end() ? input->second->value->span : d.value ? d.value->span : d.name_span;
    diags_.report(diag::Kind::InputType, at, {d.name, s.module_decl->module, "`" + ast::type_text(d.type) + "`", why})
        .note(d.type.span, "declared with this type");
    lazies_[it->second.lazy].value = Val::error();  // its uses inside the module are not errors of their own
  }
}

}  // namespace infrac::sema
