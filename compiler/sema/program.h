// The checked program: what sema (sema/check.h) gives lowering. Names are resolved,
// values evaluated as far as compile time allows, annotations validated.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/source.h"
#include "sema/value.h"

namespace infrac::catalog { struct ResourceType; }

namespace infrac::sema {

struct Param {
  std::string name;
  Span span;
  std::string cfn_type;        // String, Number, List<Number>, AWS::EC2::KeyPair::KeyName ...
  std::string value_type;      // string, number, bool, list: what a reference to it yields
  std::optional<Val> default_value;
  std::string description;
  std::vector<Val> allowed;
  std::string pattern;
  std::string constraint_description;
  std::optional<double> min_value, max_value;
  std::optional<double> min_length, max_length;
  bool no_echo = false;
  std::string logical_id;  // from @logical_id, or empty
  Span logical_id_span;
};

struct Property {
  std::string name;
  Span key_span;
  Val value;
};

struct Resource {
  std::string name;  // as the program names it: `pattern2.endpoint["ssm"]`
  std::vector<std::string> path;  // its segments, for the logical ID: pattern2, endpoint, ssm
  int condition = -1;             // index into Program::conditions, or -1
  std::vector<std::string> group; // the path of the root file's module instance it belongs to; empty for its own
  std::vector<Span> instantiated_at;  // the `module` declarations that made it, innermost first
  int scope = -1;                 // where its properties are evaluated (sema's own use)
  int declared_condition = -1;    // the condition where it is declared, before `@condition` (sema's own use)
  const void* decl = nullptr;     // its declaration (sema's own use)
  Span span;
  std::string type;
  const catalog::ResourceType* schema = nullptr;
  std::vector<Property> properties;
  std::vector<int> depends_on;  // explicit @depends_on, resource indices
  bool implicit_dependencies = true;  // false with `@implicit_depends_on(false)`
  std::vector<int> references;  // resources its properties refer to, in order of first use
  std::string deletion_policy;
  std::string update_replace_policy;
  // @metadata, @creation_policy and @update_policy: objects (the policies checked against
  // the type's shapes), each with where its annotation is written; null when not given.
  // Out of line: few resources have them, and a value is 144 bytes.
  std::unique_ptr<Val> metadata;
  std::unique_ptr<Val> creation_policy, update_policy;
  Span creation_policy_at, update_policy_at;
  std::string logical_id;  // from @logical_id, or empty
  Span logical_id_span;
  int for_each = -1;  // the deploy-time `for` it is declared in (Program::loops), or -1
  std::vector<std::pair<std::string, std::string>> allows;  // @allow(code, reason)
};

// A deploy-time `for` over a list parameter: `Fn::ForEach` (AWS::LanguageExtensions).
struct ForEach {
  std::string var;  // the loop variable, as written
  std::string identifier;  // its CloudFormation identifier: the variable in PascalCase
  int param = -1;   // the list parameter it loops over
  Span span;        // the loop variable
};

struct Output {
  std::string name;
  int condition = -1;
  Span span;
  Val value;
  std::string description;
  std::optional<Val> export_name;
  std::string logical_id;  // from @logical_id, or empty
  Span logical_id_span;
};

// A deploy-time condition: a bool built from Fn::Equals, Fn::And, Fn::Or, Fn::Not.
struct Condition {
  Val value;
  std::string hint;  // a name to derive its logical ID from, when it has one
};

struct Program {
  FileId file = kNoFile;
  std::vector<Param> params;
  std::vector<Resource> resources;
  std::vector<Output> outputs;
  std::vector<Condition> conditions;
  std::vector<ForEach> loops;
  // The `template { ... }` block: Description, Transform, Metadata, Rules ...
  std::vector<std::pair<std::string, Val>> template_fields;
};

}  // namespace infrac::sema
