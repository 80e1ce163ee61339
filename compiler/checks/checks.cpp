#include "checks/checks.h"

namespace infrac::checks {

void run_checks(const ir::Template& t, diag::Engine& diags) {
  (void)t;
  (void)diags;
}

}  // namespace infrac::checks
