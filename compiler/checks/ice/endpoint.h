// An EC2 Instance Connect Endpoint of the template, where it sits, and the instances it
// is meant to reach: those with a security group that admits tcp 22 from one of the
// endpoint's groups. The template says which instances an endpoint is for only that way.
#pragma once

#include <optional>
#include <vector>

#include "checks/instance_net.h"
#include "checks/sg_rules.h"

namespace infrac::checks::ice {

struct Endpoint {
  const ir::Resource* res = nullptr;
  const ir::Resource* subnet = nullptr;  // nullptr: a subnet the template does not hold
  const ir::Resource* vpc = nullptr;     // the subnet's VPC, when the template holds both
  std::optional<Cidr> subnet_cidr;
  // `SecurityGroupIds`, or the VPC's default group when it names none; not known when
  // it names a group the template does not hold, or the VPC is not the template's.
  Groups groups;
};

Endpoint describe_endpoint(const Refs& refs, const ir::Resource& endpoint);

// An instance the endpoint is meant to reach, and the rule that says so.
struct Target {
  const ir::Resource* instance = nullptr;
  InstanceNet net;
  Group group;  // the instance's group that admits the endpoint
  Rule admits;  // the rule of `group` that admits tcp 22 from the endpoint's groups
};

// The instances of the template (in its order) whose groups admit tcp 22 from the
// endpoint's groups. Instances whose subnet the template does not hold are left out.
std::vector<Target> targets_of(const Refs& refs, const Endpoint& ep);

}  // namespace infrac::checks::ice
