#include "sema/value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace infrac::sema {

bool Val::known() const {
  switch (kind) {
    case ValKind::Null: case ValKind::Bool: case ValKind::Number: case ValKind::String: case ValKind::Module:
      return true;
    case ValKind::List:
      for (const Val& i : items) if (!i.known()) return false;
      return true;
    case ValKind::Object:
      for (const auto& f : fields) if (!f.second.known()) return false;
      return true;
    default:
      return false;
  }
}

std::string describe(const Val& v) {
  switch (v.kind) {
    case ValKind::Null: return "`null`";
    case ValKind::Bool: return "a bool";
    case ValKind::Number: return "a number";
    case ValKind::String: return "a string";
    case ValKind::List: return "a list";
    case ValKind::Object: return "an object";
    case ValKind::ParamRef: return "a parameter reference";
    case ValKind::ResourceRef: return "a resource reference";
    case ValKind::Attr: return "the attribute `" + v.text + "`";
    case ValKind::Pseudo:
      // A deploy-time loop's item stands for the loop's identifier (sema/for_each.cpp).
      if (v.text.find("::") == std::string::npos) return "the item `" + v.text + "` of a deploy-time `for`";
      return "the pseudo parameter `" + v.text + "`";
    case ValKind::NoValue: return "`AWS::NoValue`";
    case ValKind::Sub: return "a string";
    case ValKind::Call: return "the result of `" + v.text + "`";
    case ValKind::Module: return "a module instance";
    case ValKind::Error: return "an invalid value";
  }
  return "a value";
}

std::string number_text(double d) {
  if (std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9007199254740992.0) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", d);
    return buf;
  }
  char buf[40];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  return buf;
}

bool add_size(ValueSize& size, const Val& v) {
  if (v.items.empty() && v.fields.empty()) {  // a scalar, the most common: no walk
    size.bytes += v.text.size();
    return ++size.nodes <= kMaxValueNodes && size.bytes <= kMaxValueBytes;
  }
  // One stack for every walk of the thread (a value is sized where it is made, so the
  // walks are many and most are small).
  thread_local std::vector<const Val*> todo;
  todo.clear();
  todo.push_back(&v);
  while (!todo.empty()) {
    const Val* x = todo.back();
    todo.pop_back();
    size.bytes += x->text.size();
    if (++size.nodes > kMaxValueNodes || size.bytes > kMaxValueBytes) return false;
    for (const Val& item : x->items) todo.push_back(&item);
    for (const auto& [key, field] : x->fields) {
      size.bytes += key.size();
      todo.push_back(&field);
    }
  }
  return true;
}

bool too_large(const Val& v) {
  ValueSize size;
  return !add_size(size, v);
}

}  // namespace infrac::sema
