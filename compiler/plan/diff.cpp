#include "plan/diff.h"

#include <algorithm>
#include <map>
#include <set>

#include "ir/template.h"
#include "plan/values.h"

namespace infrac::plan {

namespace {

struct Res {
  std::string type;
  ir::Value body;  // the resource's mapping without `Type`
};

std::map<std::string, Res> resources_of(const data::Node& tmpl) {
  std::map<std::string, Res> out;
  const data::Node* resources = tmpl.get("Resources");
  if (!resources || !resources->is_map()) return out;
  for (const auto& [key, value] : resources->entries) {
    // A Fn::ForEach loop makes its resources at deploy time: compared as one entry.
    Res r;
    ir::Value body = normalize(*value);
    if (const ir::Value* t = body.get("Type"); t && t->kind == ir::Value::String) r.type = t->text;
    r.body = ir::Value::map();
    for (auto& [k, v] : body.fields) {
      if (k != "Type") r.body.set(k, std::move(v));
    }
    out[key->text] = std::move(r);
  }
  return out;
}

// The paths under which `a` and `b` differ; a missing side is null. Intrinsic functions are
// compared whole: what a changed argument means is the function's business.
void differences(const ir::Value* a, const ir::Value* b, const std::string& path, std::vector<std::string>& out) {
  if (a && b && equal(*a, *b)) return;
  if (a && b && a->kind == ir::Value::Map && b->kind == ir::Value::Map) {
    std::set<std::string> keys;
    for (const auto& f : a->fields) keys.insert(f.first);
    for (const auto& f : b->fields) keys.insert(f.first);
    for (const std::string& k : keys) differences(a->get(k), b->get(k), path.empty() ? k : path + "." + k, out);
    return;
  }
  if (a && b && a->kind == ir::Value::List && b->kind == ir::Value::List) {
    for (size_t i = 0; i < std::max(a->items.size(), b->items.size()); ++i) {
      differences(i < a->items.size() ? &a->items[i] : nullptr, i < b->items.size() ? &b->items[i] : nullptr,
                  path + "[" + std::to_string(i) + "]", out);
    }
    return;
  }
  out.push_back(path);
}

// `Properties.Tags[0].Value` -> `Tags.Value`, as the catalog's create-only paths are written;
// empty for a path outside Properties.
std::string property_path(const std::string& path) {
  const std::string prefix = "Properties.";
  if (path.rfind(prefix, 0) != 0) return "";
  std::string out;
  for (size_t i = prefix.size(); i < path.size(); ++i) {
    if (path[i] == '[') {
      i = path.find(']', i);
      if (i == std::string::npos) break;
      continue;
    }
    out += path[i];
  }
  return out;
}

// A change at `dotted` touches create-only `c` when one is inside the other: `Tags.Value`
// is inside `Tags`; a whole `Placement` that appears sets its create-only `Placement.Zone`.
bool touches_create_only(const std::string& dotted, const catalog::ResourceType* type) {
  if (!type || dotted.empty()) return false;
  for (const std::string& c : type->create_only) {
    if (dotted == c) return true;
    if (dotted.rfind(c + ".", 0) == 0 || c.rfind(dotted + ".", 0) == 0) return true;
  }
  return false;
}

// The value at a path as `differences` writes them (`Properties.Tags[0].Value`), or null.
const ir::Value* at_path(const ir::Value& body, const std::string& path) {
  const ir::Value* v = &body;
  size_t i = 0;
  while (v && i < path.size()) {
    if (path[i] == '[') {
      size_t end = path.find(']', i);
      size_t index = std::stoul(path.substr(i + 1, end - i - 1));
      v = v->kind == ir::Value::List && index < v->items.size() ? &v->items[index] : nullptr;
      i = end + 1;
      continue;
    }
    if (path[i] == '.') ++i;
    size_t end = path.find_first_of(".[", i);
    if (end == std::string::npos) end = path.size();
    v = v->kind == ir::Value::Map ? v->get(path.substr(i, end - i)) : nullptr;
    i = end;
  }
  return v;
}

// Parameters and outputs by name, from a template's section.
std::map<std::string, ir::Value> section_of(const data::Node& tmpl, std::string_view name) {
  std::map<std::string, ir::Value> out;
  const data::Node* section = tmpl.get(name);
  if (!section || !section->is_map()) return out;
  for (const auto& [k, v] : section->entries) out[k->text] = normalize(*v);
  return out;
}

// What differs between two parameters or outputs: their changed keys, `Default, Type`.
std::string changed_keys(const ir::Value& a, const ir::Value& b) {
  std::vector<std::string> paths;
  differences(&a, &b, "", paths);
  std::set<std::string> keys;
  for (const std::string& p : paths) keys.insert(p.substr(0, p.find_first_of(".[")));
  std::string out;
  for (const std::string& k : keys) out += (out.empty() ? "" : ", ") + k;
  return out;
}

void compare_section(const data::Node& old_t, const data::Node& new_t, std::string_view name,
                     const std::string& label, Plan& plan) {
  std::map<std::string, ir::Value> before = section_of(old_t, name), after = section_of(new_t, name);
  std::set<std::string> names;
  for (const auto& [k, v] : before) names.insert(k);
  for (const auto& [k, v] : after) names.insert(k);
  for (const std::string& n : names) {
    auto a = before.find(n), b = after.find(n);
    if (a == before.end()) {
      plan.others.push_back({label, n, Action::Add, ""});
    } else if (b == after.end()) {
      plan.others.push_back({label, n, Action::Remove, ""});
    } else if (!equal(a->second, b->second)) {
      plan.others.push_back({label, n, Action::Modify, changed_keys(a->second, b->second)});
    }
  }
}

bool replaces(const Change& c) {
  return std::any_of(c.properties.begin(), c.properties.end(),
                     [](const PropertyChange& p) { return p.replacement != Replacement::Never; });
}

bool has_path(const Change& c, const std::string& path) {
  return std::any_of(c.properties.begin(), c.properties.end(), [&](const PropertyChange& p) {
    return p.path == path || p.path.rfind(path + ".", 0) == 0 || p.path.rfind(path + "[", 0) == 0;
  });
}

}  // namespace

bool Change::maybe() const {
  return action == Action::Replace && std::none_of(properties.begin(), properties.end(), [](const PropertyChange& p) {
           return p.replacement == Replacement::Always;
         });
}

size_t Plan::count(Action a) const {
  return std::count_if(changes.begin(), changes.end(), [&](const Change& c) { return c.action == a; });
}

Plan diff(const data::Node& old_template, const data::Node& new_template, const catalog::Catalog& catalog) {
  std::map<std::string, Res> before = resources_of(old_template), after = resources_of(new_template);
  std::map<std::string, Change> changes;
  std::vector<std::string> added, removed;

  for (const auto& [id, now] : after) {
    auto was = before.find(id);
    if (was == before.end()) {
      added.push_back(id);
      changes[id] = Change{id, now.type, Action::Add, {}, "", false};
      continue;
    }
    Change c{id, now.type, Action::Modify, {}, "", false};
    if (was->second.type != now.type) {
      // Another type under the same ID: CloudFormation makes the new resource and deletes the old.
      c.properties.push_back({"Type", Replacement::Always, ""});
    } else {
      std::vector<std::string> paths;
      differences(&was->second.body, &now.body, "", paths);
      const catalog::ResourceType* type = catalog.find(now.type);
      for (const std::string& p : paths) {
        PropertyChange pc{p, Replacement::Never, ""};
        if (touches_create_only(property_path(p), type)) {
          const ir::Value* a = at_path(was->second.body, p);
          const ir::Value* b = at_path(now.body, p);
          bool deploy_time = ((a && has_intrinsic(*a)) || (b && has_intrinsic(*b))) && !(a && b && always_differ(*a, *b));
          pc.replacement = deploy_time ? Replacement::Conditional : Replacement::Always;
        }
        c.properties.push_back(std::move(pc));
      }
    }
    if (c.properties.empty()) continue;
    if (replaces(c)) c.action = Action::Replace;
    changes[id] = std::move(c);
  }
  for (const auto& [id, was] : before) {
    if (after.count(id)) continue;
    removed.push_back(id);
    const ir::Value* policy = was.body.get("DeletionPolicy");
    bool retain = policy && policy->kind == ir::Value::String && policy->text == "Retain";
    changes[id] = Change{id, was.type, Action::Remove, {}, "", retain};
  }

  // A rename: an ID gone while another of the same type with the same properties appeared.
  // Paired in order of logical ID, each at most once.
  std::set<std::string> paired;
  for (const std::string& old_id : removed) {
    const Res& was = before[old_id];
    const ir::Value* old_props = was.body.get("Properties");
    for (const std::string& new_id : added) {
      if (paired.count(new_id)) continue;
      const Res& now = after[new_id];
      const ir::Value* new_props = now.body.get("Properties");
      bool same = (!old_props && !new_props) || (old_props && new_props && equal(*old_props, *new_props));
      if (now.type != was.type || !same) continue;
      paired.insert(new_id);
      changes.erase(old_id);
      Change& c = changes[new_id];
      c.action = Action::Rename;
      c.from = old_id;
      break;
    }
  }

  // A property that names a replaced resource (Ref, GetAtt, Sub) gets a new value at deploy
  // time although its text is the same: the ID or attribute of the new resource. So may one
  // that names a parameter whose default changes (when the stack's value is not given).
  // Repeated until nothing more is replaced, since a replacement can lead to another.
  std::map<std::string, std::string> defaults_changed;  // parameter -> why
  {
    std::map<std::string, ir::Value> was = section_of(old_template, "Parameters"), now = section_of(new_template, "Parameters");
    for (const auto& [name, p] : now) {
      auto w = was.find(name);
      const ir::Value* d = p.get("Default");
      const ir::Value* od = w == was.end() ? nullptr : w->second.get("Default");
      if (w != was.end() && !((!d && !od) || (d && od && equal(*d, *od)))) {
        defaults_changed[name] = "parameter " + name + ", whose default changes";
      }
    }
  }
  for (bool grew = true; grew;) {
    grew = false;
    std::map<std::string, std::string> replaced = defaults_changed;  // name -> why
    for (const auto& [id, c] : changes) {
      if (c.action == Action::Replace) replaced[id] = id + (c.maybe() ? ", which may be replaced" : ", which is replaced");
    }
    for (const auto& [id, now] : after) {
      auto it = changes.find(id);
      if (it != changes.end() && it->second.action != Action::Modify && it->second.action != Action::Replace) continue;
      if (!before.count(id) || before[id].type != now.type) continue;
      const ir::Value* props = now.body.get("Properties");
      if (!props || props->kind != ir::Value::Map) continue;
      const catalog::ResourceType* type = catalog.find(now.type);
      for (const auto& [name, value] : props->fields) {
        std::set<std::string> names;
        referenced_names(value, names);
        auto cause = std::find_if(names.begin(), names.end(), [&](const std::string& n) { return replaced.count(n) > 0; });
        if (cause == names.end()) continue;
        std::string path = "Properties." + name;
        if (it == changes.end()) it = changes.emplace(id, Change{id, now.type, Action::Modify, {}, "", false}).first;
        if (has_path(it->second, path)) continue;
        bool co = touches_create_only(name, type);
        it->second.properties.push_back({path, co ? Replacement::Conditional : Replacement::Never, replaced[*cause]});
        if (co && it->second.action != Action::Replace) {
          it->second.action = Action::Replace;
          grew = true;
        }
      }
    }
  }

  Plan plan;
  for (auto& [id, c] : changes) {
    std::sort(c.properties.begin(), c.properties.end(),
              [](const PropertyChange& a, const PropertyChange& b) { return a.path < b.path; });
    plan.changes.push_back(std::move(c));
  }
  compare_section(old_template, new_template, "Parameters", "parameter", plan);
  compare_section(old_template, new_template, "Outputs", "output", plan);
  return plan;
}

std::string_view action_name(Action a) {
  switch (a) {
    case Action::Add: return "add";
    case Action::Remove: return "remove";
    case Action::Modify: return "modify";
    case Action::Replace: return "replace";
    case Action::Rename: return "rename";
  }
  return "";
}

std::string_view replacement_name(Replacement r) {
  switch (r) {
    case Replacement::Never: return "never";
    case Replacement::Conditional: return "conditional";
    case Replacement::Always: return "always";
  }
  return "";
}

}  // namespace infrac::plan
