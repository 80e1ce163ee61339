#include "checks/checks.h"

#include "checks/ice/instance_connect.h"
#include "checks/net/net_checks.h"
#include "checks/refs.h"
#include "checks/ssm/reachability.h"
#include "checks/warnings.h"

namespace infrac::checks {

void run_checks(const ir::Template& t, diag::Engine& diags) {
  Refs refs(t);
  check_ssm_reachability(refs, diags);
  check_instance_connect(refs, diags);
  net::check_subnets(refs, diags);
  net::check_endpoints(refs, diags);
  warn_admin_ports(refs, diags);
  warn_imds_v1(refs, diags);
  warn_unencrypted(refs, diags);
  warn_iam_wildcards(refs, diags);
}

}  // namespace infrac::checks
