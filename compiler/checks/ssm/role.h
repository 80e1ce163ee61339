// Whether an instance's role lets the SSM agent register with Systems Manager: the
// managed policy `AmazonSSMManagedInstanceCore`, or policies granting the same actions.
#pragma once

#include <string>
#include <vector>

#include "checks/refs.h"
#include "checks/values.h"

namespace infrac::checks {

struct RoleVerdict {
  Tri grants = Tri::Unknown;
  std::vector<std::string> missing;  // `ssm:UpdateInstanceInformation`, `ssmmessages:*`, `ec2messages:*`
};

RoleVerdict ssm_role_verdict(const Refs& refs, const ir::Resource& role);

// The role of an instance, through `IamInstanceProfile` and the profile's `Roles`;
// nullptr when the template does not hold it.
const ir::Resource* instance_role(const Refs& refs, const ir::Resource& instance, const ir::Resource** profile);

}  // namespace infrac::checks
