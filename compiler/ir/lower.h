// Lowering: takes the checked program, gives the template IR. Assigns logical IDs
// (PascalCase of the declared names, or @logical_id) and turns deploy-time values into
// intrinsic functions.
#pragma once

#include "diag/diagnostic.h"
#include "ir/template.h"
#include "sema/program.h"

namespace infrac::ir {

Template lower(const sema::Program& program, diag::Engine& diags);

// CloudFormation's limits on one template: 500 resources, 200 parameters, outputs, mappings.
void check_limits(const Template& t, FileId file, diag::Engine& diags);

// `public_subnet` -> `PublicSubnet`; characters that cannot be in a logical ID are dropped.
std::string pascal_case(std::string_view name);

}  // namespace infrac::ir
