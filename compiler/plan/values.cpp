#include "plan/values.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace infrac::plan {

namespace {

// The long name of a short-form tag: `!Ref` and `!Condition` keep theirs, the rest are `Fn::`.
std::string function_name(std::string_view tag) {
  std::string name(tag.substr(1));
  if (name == "Ref" || name == "Condition") return name;
  return "Fn::" + name;
}

bool is_function_key(std::string_view key) { return key == "Ref" || key == "Condition" || key.rfind("Fn::", 0) == 0; }

ir::Value normalize_untagged(const data::Node& n) {
  switch (n.kind) {
    case data::Kind::Null: return ir::Value{};
    case data::Kind::Scalar:
      if (!n.quoted && data::classify_plain(n.text) == data::Plain::Null) return ir::Value{};
      return ir::Value::string(n.text);
    case data::Kind::Seq: {
      std::vector<ir::Value> items;
      for (const auto& i : n.items) items.push_back(normalize(*i));
      return ir::Value::list(std::move(items));
    }
    case data::Kind::Map: {
      // `{"Fn::Sub": ...}` is a function only alone in its mapping (`Condition` is also the
      // name of a resource attribute, which sits beside others).
      if (n.entries.size() == 1 && n.entries[0].first->is_scalar() && is_function_key(n.entries[0].first->text)) {
        return ir::Value::fn(n.entries[0].first->text, normalize(*n.entries[0].second));
      }
      ir::Value m = ir::Value::map();
      for (const auto& [k, v] : n.entries) m.set(k->text, normalize(*v));
      return m;
    }
  }
  return ir::Value{};
}

}  // namespace

ir::Value normalize(const data::Node& n) {
  if (!n.is_tagged()) return normalize_untagged(n);
  std::string name = function_name(n.tag);
  data::Node plain = n;
  plain.tag.clear();
  ir::Value arg = normalize_untagged(plain);
  // `!GetAtt Res.Attr.Sub`: the resource is before the first dot, the attribute after it.
  if (name == "Fn::GetAtt" && arg.kind == ir::Value::String) {
    size_t dot = arg.text.find('.');
    std::vector<ir::Value> parts{ir::Value::string(arg.text.substr(0, dot))};
    if (dot != std::string::npos) parts.push_back(ir::Value::string(arg.text.substr(dot + 1)));
    arg = ir::Value::list(std::move(parts));
  }
  return ir::Value::fn(std::move(name), std::move(arg));
}

bool equal(const ir::Value& a, const ir::Value& b) {
  // Booleans and numbers only come from the IR; as text they are what a YAML reader gives.
  auto text = [](const ir::Value& v) { return v.kind == ir::Value::Bool ? std::string(v.boolean ? "true" : "false") : v.text; };
  auto scalar = [](const ir::Value& v) {
    return v.kind == ir::Value::String || v.kind == ir::Value::Number || v.kind == ir::Value::Bool;
  };
  if (scalar(a) && scalar(b)) return text(a) == text(b);
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case ir::Value::Null: return true;
    case ir::Value::Fn:
      return a.text == b.text && equal(a.arg(), b.arg());
    case ir::Value::List:
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i) {
        if (!equal(a.items[i], b.items[i])) return false;
      }
      return true;
    case ir::Value::Map:
      if (a.fields.size() != b.fields.size()) return false;
      for (const auto& [k, v] : a.fields) {
        const ir::Value* o = b.get(k);
        if (!o || !equal(v, *o)) return false;
      }
      return true;
    default: return false;
  }
}

bool has_intrinsic(const ir::Value& v) {
  if (v.kind == ir::Value::Fn) return true;
  return std::any_of(v.items.begin(), v.items.end(), has_intrinsic) ||
         std::any_of(v.fields.begin(), v.fields.end(), [](const auto& f) { return has_intrinsic(f.second); });
}

namespace {

// `${Name}` and `${Name.Attr}` in an Fn::Sub text; `${!Literal}` names nothing.
void sub_names(const std::string& text, std::set<std::string>& out) {
  for (size_t at = text.find("${"); at != std::string::npos; at = text.find("${", at + 2)) {
    size_t end = text.find('}', at);
    if (end == std::string::npos) return;
    std::string name = text.substr(at + 2, end - at - 2);
    if (name.empty() || name[0] == '!') continue;
    out.insert(name.substr(0, name.find('.')));
  }
}

// The `${...}` of an Fn::Sub text in order, and the length of the rest.
std::pair<std::vector<std::string>, size_t> sub_shape(const std::string& text) {
  std::vector<std::string> vars;
  size_t literal = 0, at = 0;
  for (size_t open = text.find("${"); open != std::string::npos; open = text.find("${", at)) {
    size_t end = text.find('}', open);
    if (end == std::string::npos) break;
    literal += open - at;
    vars.push_back(text.substr(open, end + 1 - open));
    at = end + 1;
  }
  return {vars, literal + text.size() - std::min(at, text.size())};
}

}  // namespace

bool always_differ(const ir::Value& a, const ir::Value& b) {
  auto sub_text = [](const ir::Value& v) -> const std::string* {
    return v.kind == ir::Value::Fn && v.text == "Fn::Sub" && v.arg().kind == ir::Value::String ? &v.arg().text : nullptr;
  };
  const std::string* x = sub_text(a);
  const std::string* y = sub_text(b);
  if (!x || !y) return false;
  auto [xv, xl] = sub_shape(*x);
  auto [yv, yl] = sub_shape(*y);
  return xv == yv && xl != yl;
}

void referenced_names(const ir::Value& v, std::set<std::string>& out) {
  if (v.kind == ir::Value::Fn) {
    const ir::Value& arg = v.arg();
    if (v.text == "Ref" && arg.kind == ir::Value::String) out.insert(arg.text);
    if (v.text == "Fn::GetAtt" && arg.kind == ir::Value::List && !arg.items.empty()) out.insert(arg.items[0].text);
    if (v.text == "Fn::Sub") {
      if (arg.kind == ir::Value::String) sub_names(arg.text, out);
      if (arg.kind == ir::Value::List && !arg.items.empty()) sub_names(arg.items[0].text, out);
    }
  }
  for (const auto& i : v.items) referenced_names(i, out);
  for (const auto& f : v.fields) referenced_names(f.second, out);
}

}  // namespace infrac::plan
