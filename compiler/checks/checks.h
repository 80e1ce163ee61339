// Checks over the template IR, after lowering and before emission: properties of the
// whole architecture that no single resource shows (is an SSM-managed instance
// reachable?), and security warnings. They apply to any template the IR holds,
// whether written with plain resources or with stdlib modules.
#pragma once

#include "diag/diagnostic.h"
#include "ir/template.h"

namespace infrac::checks {

void run_checks(const ir::Template& t, diag::Engine& diags);

}  // namespace infrac::checks
