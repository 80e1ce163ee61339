// A string-valued property as text that compares equal exactly when two values give the
// same string in one stack: deploy-time parts (`Ref`, `Fn::GetAtt`) written as `Fn::Sub`
// writes them, so that "com.amazonaws.${AWS::Region}.ssm", its `Fn::Join` form and its
// `Fn::Sub` form with a variable map all read the same.
#pragma once

#include <optional>
#include <string>

#include "ir/template.h"

namespace infrac::checks::net {

// nullopt when the value is not a string built from literals, `Ref`, `Fn::GetAtt`,
// `Fn::Sub` and `Fn::Join` over a literal list.
std::optional<std::string> canonical_text(const ir::Value* v);

}  // namespace infrac::checks::net
