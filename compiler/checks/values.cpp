#include "checks/values.h"

#include <cctype>

namespace infrac::checks {

const ir::Value* prop(const ir::Resource& r, std::string_view key) { return r.properties.get(key); }

const ir::Value* field(const ir::Value* v, std::string_view key) {
  if (v == nullptr || v->kind != ir::Value::Map) return nullptr;
  return v->get(key);
}

bool is_fn(const ir::Value& v, std::string_view name) { return v.kind == ir::Value::Fn && v.text == name; }

std::optional<std::string> text_of(const ir::Value* v) {
  if (v == nullptr) return std::nullopt;
  if (v->kind == ir::Value::String || v->kind == ir::Value::Number) return v->text;
  return std::nullopt;
}

std::optional<bool> bool_of(const ir::Value* v) {
  if (v == nullptr) return std::nullopt;
  if (v->kind == ir::Value::Bool) return v->boolean;
  if (v->kind != ir::Value::String) return std::nullopt;
  std::string s;
  for (char c : v->text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "true") return true;
  if (s == "false") return false;
  return std::nullopt;
}

std::optional<long> int_of(const ir::Value* v) {
  auto t = text_of(v);
  if (!t || t->empty() || t->size() > 12) return std::nullopt;
  size_t i = (*t)[0] == '-' ? 1 : 0;
  if (i == t->size()) return std::nullopt;
  long n = 0;
  for (; i < t->size(); ++i) {
    char c = (*t)[i];
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return (*t)[0] == '-' ? -n : n;
}

std::optional<std::string> sub_text(const ir::Value* v) {
  if (v == nullptr || !is_fn(*v, "Fn::Sub")) return std::nullopt;
  const ir::Value& a = v->arg();
  if (a.kind == ir::Value::String) return a.text;
  if (a.kind == ir::Value::List && !a.items.empty() && a.items[0].kind == ir::Value::String) return a.items[0].text;
  return std::nullopt;
}

Items items_of(const ir::Value* v) {
  Items out;
  if (v == nullptr || v->kind == ir::Value::Null) return out;
  if (v->kind != ir::Value::List) {
    out.known = false;
    return out;
  }
  for (const auto& i : v->items) out.items.push_back(&i);
  return out;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += "`" + names[i] + "`";
  }
  return out;
}

}  // namespace infrac::checks
