// Dependency cycles among resources: CloudFormation creates resources in dependency
// order, so a resource that depends on itself, directly or through others, can never be
// created. One check for compiled programs and for templates read by check-template.
#pragma once

#include <vector>

#include "diag/diagnostic.h"
#include "sema/program.h"

namespace infrac::sema {

// Reports the first cycle through the resources' `references` and `depends_on` (E0403),
// printed from where it starts; returns whether there was one.
bool report_resource_cycle(const std::vector<Resource>& resources, diag::Engine& diags);

}  // namespace infrac::sema
