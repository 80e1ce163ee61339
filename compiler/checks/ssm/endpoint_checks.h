// What must hold of one Systems Manager endpoint for an instance to use it: an interface
// endpoint, with private DNS, in a subnet, and HTTPS open both ways.
#pragma once

#include <string>
#include <vector>

#include "checks/instance_net.h"
#include "checks/ssm/findings.h"

namespace infrac::checks {

std::vector<Finding> endpoint_findings(const Refs& refs, const InstanceNet& net, const ir::Resource& endpoint,
                                       const std::string& service);

}  // namespace infrac::checks
