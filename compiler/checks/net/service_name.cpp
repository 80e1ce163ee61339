#include "checks/net/service_name.h"

#include "checks/values.h"

namespace infrac::checks::net {

namespace {

constexpr int kMaxDepth = 16;

std::optional<std::string> text(const ir::Value& v, int depth);

// The `Fn::Sub` template `s` with the variables of `vars` put in; `${!x}` (a literal
// `${x}`) is not read.
std::optional<std::string> substitute(const std::string& s, const ir::Value* vars, int depth) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t open = s.find("${", i);
    if (open == std::string::npos) break;
    size_t close = s.find('}', open);
    if (close == std::string::npos) return std::nullopt;
    std::string name = s.substr(open + 2, close - open - 2);
    if (name.empty() || name[0] == '!') return std::nullopt;
    out += s.substr(i, open - i);
    const ir::Value* given = field(vars, name);
    if (given != nullptr) {
      auto t = text(*given, depth + 1);
      if (!t) return std::nullopt;
      out += *t;
    } else {
      out += "${" + name + "}";
    }
    i = close + 1;
  }
  return out + s.substr(i);
}

std::optional<std::string> text(const ir::Value& v, int depth) {
  if (depth > kMaxDepth) return std::nullopt;
  if (v.kind == ir::Value::String) {
    if (v.text.find("${") != std::string::npos) return std::nullopt;  // would read as a variable
    return v.text;
  }
  if (is_fn(v, "Ref") && v.arg().kind == ir::Value::String) return "${" + v.arg().text + "}";
  if (is_fn(v, "Fn::GetAtt")) {
    const ir::Value& a = v.arg();
    if (a.kind == ir::Value::List && a.items.size() == 2 && a.items[0].kind == ir::Value::String &&
        a.items[1].kind == ir::Value::String) {
      return "${" + a.items[0].text + "." + a.items[1].text + "}";
    }
    if (a.kind == ir::Value::String) return "${" + a.text + "}";
    return std::nullopt;
  }
  if (is_fn(v, "Fn::Sub")) {
    auto s = sub_text(&v);
    if (!s) return std::nullopt;
    const ir::Value& a = v.arg();
    const ir::Value* vars = a.kind == ir::Value::List && a.items.size() == 2 ? &a.items[1] : nullptr;
    if (a.kind == ir::Value::List && a.items.size() > 2) return std::nullopt;
    return substitute(*s, vars, depth);
  }
  if (is_fn(v, "Fn::Join")) {
    const ir::Value& a = v.arg();
    if (a.kind != ir::Value::List || a.items.size() != 2 || a.items[0].kind != ir::Value::String ||
        a.items[1].kind != ir::Value::List) {
      return std::nullopt;
    }
    std::string out;
    for (size_t i = 0; i < a.items[1].items.size(); ++i) {
      auto t = text(a.items[1].items[i], depth + 1);
      if (!t) return std::nullopt;
      out += (i > 0 ? a.items[0].text : "") + *t;
    }
    return out;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> canonical_text(const ir::Value* v) {
  if (v == nullptr) return std::nullopt;
  return text(*v, 0);
}

}  // namespace infrac::checks::net
