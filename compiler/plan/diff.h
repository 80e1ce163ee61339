// `infrac plan`: what deploying a new template over an old one would do to each resource,
// decided offline. A property change replaces the resource when the catalog lists the
// property as create-only; "conditional" when the values involved are known only at deploy
// time (docs/plan.md gives the rules).
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "data/tree.h"

namespace infrac::plan {

enum class Action { Add, Remove, Modify, Replace, Rename };
enum class Replacement { Never, Conditional, Always };

struct PropertyChange {
  std::string path;  // from the resource: `Properties.CidrBlock`, `Properties.Tags[0].Value`, `DeletionPolicy`
  Replacement replacement = Replacement::Never;
  // When the text is the same but names something that changes: a replaced resource or a
  // parameter whose default changes (for the text; the JSON keeps to path and replacement).
  std::string via;
};

struct Change {
  std::string logical_id;
  std::string type;
  Action action = Action::Modify;
  std::vector<PropertyChange> properties;  // sorted by path
  std::string from;       // Rename: the old logical ID
  bool retained = false;  // Remove: `DeletionPolicy: Retain` keeps it in the account
  // Replace: every replacing property is conditional, so it may not be replaced.
  bool maybe() const;
};

// A parameter or an output that is added, removed or changed (in the text only).
struct OtherChange {
  std::string section;  // "parameter" or "output"
  std::string name;
  Action action = Action::Modify;  // Add, Remove or Modify
  std::string detail;              // Modify: what changes (`Default`, `Value`...)
};

struct Plan {
  std::vector<Change> changes;  // by logical ID; unchanged resources are left out
  std::vector<OtherChange> others;  // parameters, then outputs, each by name
  size_t count(Action a) const;
};

// Compares the Resources of two templates (mappings, as cfn::read_template_tree returns them).
Plan diff(const data::Node& old_template, const data::Node& new_template,
          const catalog::Catalog& catalog = catalog::Catalog::builtin());

std::string_view action_name(Action a);
std::string_view replacement_name(Replacement r);

}  // namespace infrac::plan
