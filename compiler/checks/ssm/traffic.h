// Whether HTTPS can flow from an instance to a Systems Manager endpoint: the endpoint's
// security groups must admit tcp 443 from the instance, and the instance's groups must
// let it out. Each returns the finding when the template proves it cannot.
#pragma once

#include <optional>

#include "checks/instance_net.h"
#include "checks/ssm/findings.h"

namespace infrac::checks {

// The groups of an endpoint, or the VPC's default group when it names none.
Groups endpoint_groups(const Refs& refs, const ir::Resource& endpoint, const ir::Resource& vpc);

std::optional<Finding> endpoint_ingress(const Refs& refs, const InstanceNet& net, const ir::Resource& endpoint,
                                        const Groups& endpoint_groups);

std::optional<Finding> instance_egress(const Refs& refs, const InstanceNet& net, const Groups& endpoint_groups,
                                       const Items& endpoint_subnets);

}  // namespace infrac::checks
