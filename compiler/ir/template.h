// The template IR: a CloudFormation template as data. Values are literals and intrinsic
// functions; every name is a logical ID. Lowering (ir/lower.h) builds it from the checked
// program, passes (ir/passes.h) refine it, and the emitters write it as YAML or JSON.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/source.h"

namespace infrac::ir {

struct Value {
  enum Kind { Null, Bool, Number, String, List, Map, Fn } kind = Null;
  bool boolean = false;
  std::string text;  // Number: canonical text; String: the text; Fn: "Ref", "Fn::GetAtt", "Fn::Sub" ...
  std::vector<Value> items;                          // List; Fn: exactly one, the argument
  std::vector<std::pair<std::string, Value>> fields;  // Map, in order

  static Value string(std::string s) { Value v; v.kind = String; v.text = std::move(s); return v; }
  static Value number(std::string s) { Value v; v.kind = Number; v.text = std::move(s); return v; }
  static Value boolean_of(bool b) { Value v; v.kind = Bool; v.boolean = b; return v; }
  static Value list(std::vector<Value> items) { Value v; v.kind = List; v.items = std::move(items); return v; }
  static Value map() { Value v; v.kind = Map; return v; }
  static Value fn(std::string name, Value arg) {
    Value v; v.kind = Fn; v.text = std::move(name); v.items.push_back(std::move(arg)); return v;
  }
  const Value& arg() const { return items.front(); }
  Value& set(std::string key, Value v) { fields.emplace_back(std::move(key), std::move(v)); return fields.back().second; }
  const Value* get(std::string_view key) const {
    for (const auto& f : fields) if (f.first == key) return &f.second;
    return nullptr;
  }
};

struct Parameter {
  std::string logical_id;
  std::string type;
  std::optional<Value> default_value;
  std::string description;
  std::vector<Value> allowed_values;
  std::string allowed_pattern;
  std::string constraint_description;
  std::optional<std::string> min_value, max_value, min_length, max_length;
  bool no_echo = false;
};

// An acknowledged warning: `@allow(W0101, "why")` on a resource or module instance.
struct Allow {
  std::string code;
  std::string reason;
};

struct Resource {
  std::string logical_id;
  std::string type;
  Span span;                  // where it was declared (for diagnostics of IR passes)
  std::string path;           // its name in the program, such as `pattern2.endpoint["ssm"]`
  std::string group;          // the root's module instance it comes from (`Pattern2`), or empty
  // The `module` declarations that made it, innermost first: a diagnostic about a
  // resource inside a module also points at the line the user can change.
  std::vector<Span> instantiated_at;
  std::vector<Allow> allows;  // warnings acknowledged on it or on an enclosing module instance
  Value properties = Value::map();
  // Where each property's value was written, by property name: the caller's text for a
  // value a module input carried in. Diagnostics about a value point at it.
  std::vector<std::pair<std::string, Span>> value_spans;
  std::vector<std::string> depends_on;
  // False with `@implicit_depends_on(false)`: add_implicit_dependencies leaves it alone.
  bool implicit_dependencies = true;
  std::string condition;  // the logical ID of its condition, or empty
  std::string deletion_policy;
  std::string update_replace_policy;
  std::optional<Value> metadata;
  std::optional<Value> creation_policy, update_policy;
  std::string for_each;  // the name of the Fn::ForEach loop that repeats it, or empty

  // Where property `key`'s value was written; an invalid span when it is not known.
  Span value_span(std::string_view key) const {
    for (const auto& [k, s] : value_spans) if (k == key) return s;
    return Span{};
  }
};

struct Output {
  std::string logical_id;
  std::string condition;
  Value value;
  std::string description;
  std::optional<Value> export_name;
};

// `Fn::ForEach::Name: [Identifier, collection, { resources }]`.
struct ForEachLoop {
  std::string name;
  std::string identifier;
  Value collection;
};

struct Template {
  std::string format_version = "2010-09-09";
  std::string description;
  std::optional<Value> transform, metadata, rules;
  std::vector<std::pair<std::string, Value>> mappings;    // name -> { top key -> { second key -> value } }
  std::vector<std::pair<std::string, Value>> conditions;  // name -> condition function
  std::vector<Parameter> parameters;
  std::vector<Resource> resources;
  std::vector<Output> outputs;
  std::vector<ForEachLoop> loops;  // their resources name them in `for_each`
  // The source files of the stdlib and of search directories: diagnostics about a value
  // written there point at the user's `module` line instead.
  std::vector<FileId> library_files;

  const ForEachLoop* loop(std::string_view name) const {
    for (const auto& l : loops) if (l.name == name) return &l;
    return nullptr;
  }
  const Resource* resource(std::string_view logical_id) const {
    for (const auto& r : resources) if (r.logical_id == logical_id) return &r;
    return nullptr;
  }
};

}  // namespace infrac::ir
