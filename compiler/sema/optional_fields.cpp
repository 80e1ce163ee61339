// Optional fields of object inputs: `param cfg: { name: string, size?: number }` in a module
// reads `cfg.size` as `null` when the instance did not give it, so that `cfg.size == null`
// can test for it and `Prop = cfg.size` leaves the property out.
#include <algorithm>

#include "sema/checker.h"

namespace infrac::sema {

void mark_absent_fields(Val& v, const ast::TypeRef& t) {
  if (t.name == "{}" && v.kind == ValKind::Object) {
    for (const ast::FieldType& f : t.fields) {
      auto it = std::find_if(v.fields.begin(), v.fields.end(), [&](const auto& x) { return x.first == f.name; });
      if (it != v.fields.end()) mark_absent_fields(it->second, f.type);
      else if (f.optional) v.rare_mut().absent.push_back(f.name);
    }
    return;
  }
  if (t.args.size() != 1) return;
  if (t.name == "list" && v.kind == ValKind::List) {
    for (Val& item : v.items) mark_absent_fields(item, t.args[0]);
  } else if (t.name == "map" && v.kind == ValKind::Object) {
    for (auto& f : v.fields) mark_absent_fields(f.second, t.args[0]);
  }
}

bool is_absent(const Val& object, const std::string& field) {
  return std::find(object.rare().absent.begin(), object.rare().absent.end(), field) != object.rare().absent.end();
}

}  // namespace infrac::sema
