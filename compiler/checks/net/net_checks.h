// The network facts no resource schema states, over values known at compile time (a
// value known only at deploy time is never guessed at): subnets inside their VPC's
// ranges and apart from each other (E0801, E0802), and at most one interface endpoint
// with private DNS per service in a VPC (E0803). Resources in complementary branches
// of a condition are not reported as clashing.
#pragma once

#include "checks/refs.h"
#include "diag/diagnostic.h"

namespace infrac::checks::net {

void check_subnets(const Refs& refs, diag::Engine& diags);    // E0801, E0802
void check_endpoints(const Refs& refs, diag::Engine& diags);  // E0803

}  // namespace infrac::checks::net
