// IAM policy documents: their statements, action patterns, and whether a role is
// granted an action by its inline policies, attached managed policies or separate
// policy resources.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checks/refs.h"
#include "checks/values.h"

namespace infrac::checks {

struct Statement {
  const ir::Value* node = nullptr;
  std::string path;  // "Policies[0].PolicyDocument.Statement[1]"
};
// The statements of a policy document at `path` (a list of them, or a single one).
std::vector<Statement> statements(const ir::Value* doc, const std::string& path);

// The action patterns of a statement's `Action` (or `NotAction`) as literals; `known`
// is false when some entry is not a literal.
struct Actions {
  bool known = true;
  std::vector<std::string> patterns;
};
Actions actions_of(const ir::Value* statement, std::string_view key);

// IAM's matching: `*` and `?` wildcards, case-insensitive.
bool action_matches(std::string_view pattern, std::string_view action);

// Whether a statement's `Effect` is `Allow`.
Tri allows(const Statement& s);
// Whether the statement allows `action` (through `Action` or `NotAction`).
Tri statement_grants(const Statement& s, std::string_view action);

// The policy documents that apply to a role, and whether there may be more the template
// does not show (a managed policy given by a parameter, say).
struct RolePolicies {
  std::vector<const ir::Value*> documents;
  std::vector<std::string> managed_names;  // names of AWS managed policies attached
  bool complete = true;
};
RolePolicies policies_of(const Refs& refs, const ir::Resource& role);

// The name of an AWS managed policy an ARN names: a literal `arn:aws:iam::aws:policy/X`
// (any partition) or an `Fn::Sub` with `${AWS::Partition}`; "" otherwise.
std::string aws_managed_policy_name(const ir::Value* arn);

}  // namespace infrac::checks
