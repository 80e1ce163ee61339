// The way into the instances of an Instance Connect Endpoint: some security group must
// admit tcp 22 from the endpoint (E0720), and an instance reached through it must admit
// nothing else (E0723).
#pragma once

#include <optional>
#include <vector>

#include "checks/ice/endpoint.h"
#include "checks/ssm/findings.h"

namespace infrac::checks::ice {

// No ingress rule of the template admits tcp 22 from the endpoint's groups or its
// subnet. Not reported when the endpoint's egress could lead to instances the template
// does not show: all egress, an address range, a group of another stack; nor when the
// endpoint is in a default group, which admits its own members.
std::optional<Finding> reaches_nothing(const Refs& refs, const Endpoint& ep);

// Each ingress rule of the target's groups that admits anything but tcp 22 from the
// endpoint's groups.
std::vector<Finding> instance_open(const Refs& refs, const Endpoint& ep, const Target& t);

}  // namespace infrac::checks::ice
