#include "checks/refs.h"

#include "checks/values.h"

namespace infrac::checks {

Refs::Refs(const ir::Template& t) : t_(t) {
  by_id_.reserve(t.resources.size());
  for (const auto& r : t.resources) {
    by_id_.emplace(r.logical_id, &r);  // keeps the first, as a search from the front finds it
    by_type_[r.type].push_back(&r);
  }
}

const std::vector<const ir::Resource*>& Refs::of_type(std::string_view type) const {
  static const std::vector<const ir::Resource*> none;
  auto it = by_type_.find(type);
  return it == by_type_.end() ? none : it->second;
}

const ir::Resource* Refs::resource(std::string_view logical_id) const {
  auto it = by_id_.find(logical_id);
  return it == by_id_.end() ? nullptr : it->second;
}

namespace {

// The logical ID and attribute an `Fn::GetAtt` names: [id, attr] or "id.attr".
bool getatt_parts(const ir::Value& v, std::string& id, std::string& attr) {
  if (!is_fn(v, "Fn::GetAtt")) return false;
  const ir::Value& a = v.arg();
  if (a.kind == ir::Value::List && a.items.size() == 2 && a.items[0].kind == ir::Value::String &&
      a.items[1].kind == ir::Value::String) {
    id = a.items[0].text;
    attr = a.items[1].text;
    return true;
  }
  if (a.kind == ir::Value::String) {
    size_t dot = a.text.find('.');
    if (dot == std::string::npos) return false;
    id = a.text.substr(0, dot);
    attr = a.text.substr(dot + 1);
    return true;
  }
  return false;
}

}  // namespace

const ir::Resource* Refs::target(const ir::Value* v) const {
  if (v == nullptr) return nullptr;
  if (is_fn(*v, "Ref") && v->arg().kind == ir::Value::String) return resource(v->arg().text);
  std::string id, attr;
  if (getatt_parts(*v, id, attr)) return resource(id);
  return nullptr;
}

std::string Refs::attribute(const ir::Value* v) {
  std::string id, attr;
  if (v != nullptr && getatt_parts(*v, id, attr)) return attr;
  return "";
}

const ir::Resource* Refs::resolve(const ir::Value* v, std::string_view type) const { return resolve(v, type, 0); }

const ir::Resource* Refs::resolve(const ir::Value* v, std::string_view type, int depth) const {
  const ir::Resource* r = target(v);
  if (r == nullptr || depth > 8) return nullptr;
  if (r->type == type) return r;
  // `subnet.VpcId`, `security_group.VpcId`: an attribute that repeats a property.
  std::string attr = attribute(v);
  if (attr.empty()) return nullptr;
  return resolve(prop(*r, attr), type, depth + 1);
}

std::vector<const ir::Resource*> Refs::pointing_at(const ir::Resource& r, std::string_view type,
                                                   std::string_view key) const {
  std::vector<const ir::Resource*> out;
  for (const ir::Resource* other : of_type(type)) {
    const ir::Value* v = prop(*other, key);
    if (v == nullptr) continue;
    bool hit = names(v, r);
    if (!hit && v->kind == ir::Value::List) {
      for (const auto& item : v->items) hit = hit || names(&item, r);
    }
    if (hit) out.push_back(other);
  }
  return out;
}

std::string name_of(const ir::Resource& r) { return r.path.empty() ? r.logical_id : r.path; }

}  // namespace infrac::checks
