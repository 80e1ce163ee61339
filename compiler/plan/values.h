// Template values in one form for comparison: a template read from YAML (short-form tags
// such as `!Ref`, unquoted scalars) and the same template in JSON compare equal. Built on
// the IR's Value: intrinsic functions become Fn values, every scalar is compared as the
// text CloudFormation receives (`10` and "10" are the same property value).
#pragma once

#include <set>
#include <string>

#include "data/tree.h"
#include "ir/template.h"

namespace infrac::plan {

// `!GetAtt A.B` becomes `Fn::GetAtt: [A, B]`; `{"Ref": x}` and `!Ref x` both become Fn "Ref".
ir::Value normalize(const data::Node& node);

// Equal as CloudFormation reads them: mapping keys in any order, lists in order.
bool equal(const ir::Value& a, const ir::Value& b);

// Whether the value holds an intrinsic function: its value is then known only at deploy time.
bool has_intrinsic(const ir::Value& v);

// The logical IDs a value names through Ref, Fn::GetAtt and the `${Name}` and `${Name.Attr}`
// of Fn::Sub (parameters and pseudo parameters included; the caller filters).
void referenced_names(const ir::Value& v, std::set<std::string>& out);

// Whether two values differ whatever the parameters and resources they name are at deploy
// time. Only one case is decided: two Fn::Sub texts with the same `${...}` in the same
// order and literal parts of different lengths (`${Prefix}-ssh` and `${Prefix}-bastion`).
bool always_differ(const ir::Value& a, const ir::Value& b);

}  // namespace infrac::plan
