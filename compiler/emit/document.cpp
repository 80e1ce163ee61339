#include "emit/document.h"

#include <algorithm>

namespace infrac::emit {

ir::Value document(const ir::Template& t) {
  using ir::Value;
  Value doc = Value::map();
  doc.set("AWSTemplateFormatVersion", Value::string(t.format_version));
  if (!t.description.empty()) doc.set("Description", Value::string(t.description));
  if (t.transform) doc.set("Transform", *t.transform);
  if (t.metadata) doc.set("Metadata", *t.metadata);
  if (!t.parameters.empty()) {
    Value& params = doc.set("Parameters", Value::map());
    for (const auto& p : t.parameters) {
      Value& v = params.set(p.logical_id, Value::map());
      v.set("Type", Value::string(p.type));
      if (!p.description.empty()) v.set("Description", Value::string(p.description));
      if (p.default_value) v.set("Default", *p.default_value);
      if (!p.allowed_values.empty()) v.set("AllowedValues", Value::list(p.allowed_values));
      if (!p.allowed_pattern.empty()) v.set("AllowedPattern", Value::string(p.allowed_pattern));
      if (!p.constraint_description.empty()) v.set("ConstraintDescription", Value::string(p.constraint_description));
      if (p.min_length) v.set("MinLength", Value::number(*p.min_length));
      if (p.max_length) v.set("MaxLength", Value::number(*p.max_length));
      if (p.min_value) v.set("MinValue", Value::number(*p.min_value));
      if (p.max_value) v.set("MaxValue", Value::number(*p.max_value));
      if (p.no_echo) v.set("NoEcho", Value::boolean_of(true));
    }
  }
  if (t.rules) doc.set("Rules", *t.rules);
  if (!t.mappings.empty()) {
    Value& m = doc.set("Mappings", Value::map());
    for (const auto& [name, v] : t.mappings) m.set(name, v);
  }
  if (!t.conditions.empty()) {
    Value& c = doc.set("Conditions", Value::map());
    for (const auto& [name, v] : t.conditions) c.set(name, v);
  }
  Value& resources = doc.set("Resources", Value::map());
  std::vector<std::pair<std::string, size_t>> loops_at;  // loop name -> its entry in `resources`
  for (const auto& r : t.resources) {
    Value* into = &resources;
    if (!r.for_each.empty()) {
      // The resources of one Fn::ForEach, where the first of them is.
      auto at = std::find_if(loops_at.begin(), loops_at.end(), [&](const auto& l) { return l.first == r.for_each; });
      if (at == loops_at.end()) {
        const ir::ForEachLoop* loop = t.loop(r.for_each);
        resources.set("Fn::ForEach::" + r.for_each,
                      Value::list({Value::string(loop->identifier), loop->collection, Value::map()}));
        loops_at.emplace_back(r.for_each, resources.fields.size() - 1);
        at = loops_at.end() - 1;
      }
      into = &resources.fields[at->second].second.items[2];
    }
    Value& v = into->set(r.logical_id, Value::map());
    v.set("Type", Value::string(r.type));
    if (!r.condition.empty()) v.set("Condition", Value::string(r.condition));
    if (r.depends_on.size() == 1) {
      v.set("DependsOn", Value::string(r.depends_on[0]));
    } else if (!r.depends_on.empty()) {
      std::vector<Value> ds;
      for (const auto& d : r.depends_on) ds.push_back(Value::string(d));
      v.set("DependsOn", Value::list(std::move(ds)));
    }
    if (r.creation_policy) v.set("CreationPolicy", *r.creation_policy);
    if (r.update_policy) v.set("UpdatePolicy", *r.update_policy);
    if (!r.deletion_policy.empty()) v.set("DeletionPolicy", Value::string(r.deletion_policy));
    if (!r.update_replace_policy.empty()) v.set("UpdateReplacePolicy", Value::string(r.update_replace_policy));
    if (r.metadata) v.set("Metadata", *r.metadata);
    if (!r.properties.fields.empty()) v.set("Properties", r.properties);
  }
  if (!t.outputs.empty()) {
    Value& outs = doc.set("Outputs", Value::map());
    for (const auto& o : t.outputs) {
      Value& v = outs.set(o.logical_id, Value::map());
      if (!o.condition.empty()) v.set("Condition", Value::string(o.condition));
      if (!o.description.empty()) v.set("Description", Value::string(o.description));
      v.set("Value", o.value);
      if (o.export_name) v.set("Export", Value::map()).set("Name", *o.export_name);
    }
  }
  return doc;
}

}  // namespace infrac::emit
