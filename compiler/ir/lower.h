// Lowering: takes the checked program, gives the template IR. Assigns logical IDs
// (PascalCase of the declared names, or @logical_id), turns deploy-time values into
// intrinsic functions, and checks CloudFormation's template limits.
#pragma once

#include "diag/diagnostic.h"
#include "ir/template.h"
#include "sema/program.h"

namespace infrac::ir {

Template lower(const sema::Program& program, diag::Engine& diags);

// `public_subnet` -> `PublicSubnet`; characters that cannot be in a logical ID are dropped.
std::string pascal_case(std::string_view name);

}  // namespace infrac::ir
