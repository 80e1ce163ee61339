#include "checks/net/coexist.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace infrac::checks::net {

namespace {

// An `Fn::Equals` of a parameter (or pseudo parameter) and a literal: `name` == `text`.
struct Atom {
  std::string name;
  std::string text;
};

// A condition as a formula over atoms.
struct Formula {
  enum Op { Leaf, Not, And, Or, True } op = True;
  size_t atom = 0;
  std::vector<Formula> args;
};

constexpr int kMaxDepth = 32;
constexpr size_t kMaxAtoms = 12;  // 4096 combinations at most

class Reader {
 public:
  explicit Reader(const ir::Template& t) : t_(t) {}

  std::vector<Atom> atoms;

  // nullopt: not a formula over parameters this can decide.
  std::optional<Formula> condition(const std::string& name, int depth) {
    if (name.empty()) return Formula{};
    for (const auto& [n, body] : t_.conditions) {
      if (n == name) return formula(body, depth + 1);
    }
    return std::nullopt;
  }

 private:
  std::optional<Formula> formula(const ir::Value& v, int depth) {
    if (depth > kMaxDepth) return std::nullopt;
    if (v.kind == ir::Value::Map && v.fields.size() == 1 && v.fields[0].first == "Condition" &&
        v.fields[0].second.kind == ir::Value::String) {
      return condition(v.fields[0].second.text, depth);
    }
    if (v.kind != ir::Value::Fn || v.arg().kind != ir::Value::List) return std::nullopt;
    const auto& args = v.arg().items;
    if (v.text == "Fn::Equals") return equals(args);
    Formula f;
    if (v.text == "Fn::Not" && args.size() == 1) f.op = Formula::Not;
    else if (v.text == "Fn::And" && !args.empty()) f.op = Formula::And;
    else if (v.text == "Fn::Or" && !args.empty()) f.op = Formula::Or;
    else return std::nullopt;
    for (const auto& a : args) {
      auto g = formula(a, depth + 1);
      if (!g) return std::nullopt;
      f.args.push_back(std::move(*g));
    }
    return f;
  }

  std::optional<Formula> equals(const std::vector<ir::Value>& args) {
    if (args.size() != 2) return std::nullopt;
    const ir::Value* ref = &args[0];
    const ir::Value* lit = &args[1];
    if (!is_fn(*ref, "Ref")) std::swap(ref, lit);
    if (!is_fn(*ref, "Ref") || ref->arg().kind != ir::Value::String) return std::nullopt;
    const std::string& name = ref->arg().text;
    if (t_.resource(name) != nullptr) return std::nullopt;  // a resource's ID: not a choice
    std::optional<std::string> text = lit->kind == ir::Value::Bool ? (lit->boolean ? "true" : "false") : text_of(lit);
    if (!text) return std::nullopt;
    size_t i = 0;
    while (i < atoms.size() && !(atoms[i].name == name && atoms[i].text == *text)) ++i;
    if (i == atoms.size()) atoms.push_back(Atom{name, *text});
    Formula f;
    f.op = Formula::Leaf;
    f.atom = i;
    return f;
  }

  const ir::Template& t_;
};

bool eval(const Formula& f, unsigned bits) {
  switch (f.op) {
    case Formula::True: return true;
    case Formula::Leaf: return (bits >> f.atom) & 1u;
    case Formula::Not: return !eval(f.args[0], bits);
    case Formula::And:
      for (const auto& a : f.args) if (!eval(a, bits)) return false;
      return true;
    case Formula::Or:
      for (const auto& a : f.args) if (eval(a, bits)) return true;
      return false;
  }
  return false;
}

// Whether the atoms true in `bits` can be true together: a parameter has one value, and
// it is one of its allowed values when it has some.
bool possible(const ir::Template& t, const std::vector<Atom>& atoms, unsigned bits) {
  std::map<std::string, std::vector<size_t>> by_name;
  for (size_t i = 0; i < atoms.size(); ++i) by_name[atoms[i].name].push_back(i);
  for (const auto& [name, indices] : by_name) {
    std::optional<std::string> value;  // what the true atoms say the parameter is
    for (size_t i : indices) {
      if (!((bits >> i) & 1u)) continue;
      if (value && *value != atoms[i].text) return false;
      value = atoms[i].text;
    }
    const ir::Parameter* param = nullptr;
    for (const auto& p : t.parameters) if (p.logical_id == name) param = &p;
    if (param == nullptr || param->allowed_values.empty()) continue;
    // Some allowed value must agree with every atom on this parameter.
    bool any = false;
    for (const ir::Value& allowed : param->allowed_values) {
      std::optional<std::string> a = allowed.kind == ir::Value::Bool ? (allowed.boolean ? "true" : "false") : text_of(&allowed);
      if (!a) return true;  // not a literal: assume it may agree
      bool agrees = true;
      for (size_t i : indices) agrees = agrees && (((bits >> i) & 1u) != 0) == (atoms[i].text == *a);
      any = any || agrees;
    }
    if (!any) return false;
  }
  return true;
}

}  // namespace

Tri coexist(const ir::Template& t, const ir::Resource& a, const ir::Resource& b) {
  if (a.condition.empty() && b.condition.empty()) return Tri::Yes;
  Reader reader(t);
  auto fa = reader.condition(a.condition, 0);
  auto fb = reader.condition(b.condition, 0);
  if (!fa || !fb || reader.atoms.size() > kMaxAtoms) return Tri::Unknown;
  for (unsigned bits = 0; bits < (1u << reader.atoms.size()); ++bits) {
    if (eval(*fa, bits) && eval(*fb, bits) && possible(t, reader.atoms, bits)) return Tri::Yes;
  }
  return Tri::No;
}

}  // namespace infrac::checks::net
