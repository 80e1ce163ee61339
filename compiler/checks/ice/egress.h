// The way out of an Instance Connect Endpoint: its security groups must let tcp 22 out
// to each instance it is meant to reach (E0721), and nothing else (E0722). A security
// group created without `SecurityGroupEgress` keeps AWS's rule that allows all egress.
#pragma once

#include <optional>
#include <vector>

#include "checks/ice/endpoint.h"
#include "checks/ssm/findings.h"

namespace infrac::checks::ice {

// The instance admits tcp 22 from the endpoint, but no egress rule of the endpoint's
// groups lets it out to the instance's groups or its subnet.
std::optional<Finding> egress_missing(const Refs& refs, const Endpoint& ep, const Target& t);

// Each way the endpoint's groups let out more than tcp 22 to security groups: all
// egress, another port, an address range. `targets` give the groups the fix names.
std::vector<Finding> egress_too_wide(const Refs& refs, const Endpoint& ep, const std::vector<Target>& targets);

}  // namespace infrac::checks::ice
