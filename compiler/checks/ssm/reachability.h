// The SSM reachability proof: every EC2 instance meant to be managed through Session
// Manager (an instance profile, no route to the internet, and a role with the SSM
// policy or SSM endpoints in its VPC) must be able to reach Systems Manager through
// interface endpoints. Each missing piece is one error (E07xx).
#pragma once

#include "checks/refs.h"
#include "diag/diagnostic.h"

namespace infrac::checks {

void check_ssm_reachability(const Refs& refs, diag::Engine& diags);

}  // namespace infrac::checks
