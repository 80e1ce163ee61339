// Passes over the template IR.
#pragma once

#include "ir/template.h"

namespace infrac::ir {

// Adds the DependsOn entries that CloudFormation needs but cannot infer from references:
// a route through an internet gateway waits for the gateway's attachment to the VPC, and
// so does an Elastic IP in a VPC and a NAT gateway's route. Resources whose
// `implicit_dependencies` is false are left as they are.
void add_implicit_dependencies(Template& t);

}  // namespace infrac::ir
