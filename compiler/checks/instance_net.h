// Where an EC2 instance sits in the network the template builds: its subnet, VPC and
// security groups, whether it has a public address, and whether its subnet routes to
// the internet.
#pragma once

#include <optional>
#include <string>

#include "checks/refs.h"
#include "checks/sg_rules.h"
#include "checks/values.h"

namespace infrac::checks {

struct InstanceNet {
  const ir::Resource* subnet = nullptr;
  const ir::Resource* vpc = nullptr;
  Groups groups;                           // the VPC's default group when it names none
  std::optional<Cidr> subnet_cidr;         // nullopt: known only at deploy time
  Tri public_ip = Tri::Unknown;
};

// The placement of `instance`, or nullopt when its subnet or VPC is not one of the
// template's (a parameter, or the account's default VPC).
std::optional<InstanceNet> locate(const Refs& refs, const ir::Resource& instance);

// Whether the instance can reach the internet (and so the public Systems Manager
// endpoints). When it cannot, `why` says so in a sentence about the subnet.
Tri reaches_internet(const Refs& refs, const ir::Resource& instance, const InstanceNet& net, std::string& why);

// The CIDR block of a subnet, when it is a literal.
std::optional<Cidr> subnet_cidr(const ir::Resource& subnet);

}  // namespace infrac::checks
