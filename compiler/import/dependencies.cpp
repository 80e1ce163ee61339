#include "import/dependencies.h"

#include <algorithm>

#include "import/values.h"
#include "ir/passes.h"

namespace infrac::importer {

namespace {

// Enough of a value for the pass: strings and `Ref`s, at the top of the properties.
ir::Value shallow(const data::Node& n) {
  Intrinsic in = intrinsic_of(n);
  if (in.fn == "Ref" && in.arg->is_scalar()) return ir::Value::fn("Ref", ir::Value::string(in.arg->text));
  if (in.fn.empty() && n.is_scalar()) return ir::Value::string(n.text);
  return ir::Value{};
}

}  // namespace

std::set<std::string> added_dependencies(const data::Node& resources) {
  ir::Template t;
  for (const auto& [k, v] : resources.entries) {
    if (!k->is_scalar() || !v->is_map()) continue;
    ir::Resource r;
    r.logical_id = k->text;
    if (const data::Node* type = v->get("Type"); type && type->is_scalar()) r.type = type->text;
    if (const data::Node* props = v->get("Properties"); props && props->is_map()) {
      for (const auto& [pk, pv] : props->entries) {
        if (pk->is_scalar()) r.properties.set(pk->text, shallow(*pv));
      }
    }
    if (const data::Node* deps = v->get("DependsOn")) {
      if (deps->is_scalar()) r.depends_on.push_back(deps->text);
      for (const auto& d : deps->items) {
        if (d->is_scalar()) r.depends_on.push_back(d->text);
      }
    }
    t.resources.push_back(std::move(r));
  }
  std::vector<size_t> before;
  for (const auto& r : t.resources) before.push_back(r.depends_on.size());
  ir::add_implicit_dependencies(t);
  std::set<std::string> out;
  for (size_t i = 0; i < t.resources.size(); ++i) {
    if (t.resources[i].depends_on.size() != before[i]) out.insert(t.resources[i].logical_id);
  }
  return out;
}

}  // namespace infrac::importer
