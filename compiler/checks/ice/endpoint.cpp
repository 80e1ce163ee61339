#include "checks/ice/endpoint.h"

#include "checks/ice/ssh_rules.h"
#include "checks/ssm/traffic.h"

namespace infrac::checks::ice {

Endpoint describe_endpoint(const Refs& refs, const ir::Resource& endpoint) {
  Endpoint ep;
  ep.res = &endpoint;
  ep.subnet = refs.resolve(prop(endpoint, "SubnetId"), "AWS::EC2::Subnet");
  if (ep.subnet != nullptr) {
    ep.vpc = refs.resolve(prop(*ep.subnet, "VpcId"), "AWS::EC2::VPC");
    ep.subnet_cidr = subnet_cidr(*ep.subnet);
  }
  if (ep.vpc != nullptr) {
    ep.groups = endpoint_groups(refs, endpoint, *ep.vpc);
  } else {
    ep.groups = resolve_groups(refs, prop(endpoint, "SecurityGroupIds"));
    // The default group of a VPC the template does not hold: its rules are not here.
    if (ep.groups.groups.empty()) ep.groups.known = false;
  }
  return ep;
}

std::vector<Target> targets_of(const Refs& refs, const Endpoint& ep) {
  std::vector<Target> out;
  for (const ir::Resource* inst : refs.of_type("AWS::EC2::Instance")) {
    auto net = locate(refs, *inst);
    if (!net) continue;
    bool found = false;
    for (const Group& g : net->groups.groups) {
      for (const Rule& r : ingress_rules(refs, g)) {
        if (ssh_from_groups(r, ep.groups.groups) != Tri::Yes) continue;
        out.push_back(Target{inst, *net, g, r});
        found = true;
        break;
      }
      if (found) break;
    }
  }
  return out;
}

}  // namespace infrac::checks::ice
