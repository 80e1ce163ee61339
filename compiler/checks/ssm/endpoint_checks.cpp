#include "checks/ssm/endpoint_checks.h"

#include "checks/ssm/traffic.h"

namespace infrac::checks {

std::vector<Finding> endpoint_findings(const Refs& refs, const InstanceNet& net, const ir::Resource& ep,
                                       const std::string& service) {
  std::vector<Finding> out;
  auto add = [&](Finding f) {
    f.services = {service};
    out.push_back(std::move(f));
  };
  std::string name = name_of(ep);
  const ir::Value* type = prop(ep, "VpcEndpointType");
  std::optional<std::string> t = type != nullptr ? text_of(type) : std::string("Gateway");
  if (!t) return out;
  if (*t != "Interface") {
    Finding f(diag::Kind::SsmEndpointNotInterface, &ep);
    f.extra = {name};
    if (type == nullptr) f.notes.push_back({nullptr, "`VpcEndpointType` is not set, and it defaults to `Gateway`"});
    f.help = "set `VpcEndpointType = \"Interface\"` on `" + name + "`";
    add(std::move(f));
    return out;  // what else could be wrong depends on the type
  }
  const ir::Value* dns = prop(ep, "PrivateDnsEnabled");
  if (dns == nullptr || bool_of(dns) == false) {
    Finding f(diag::Kind::SsmPrivateDnsOff, &ep);
    f.extra = {name};
    if (dns == nullptr) f.notes.push_back({nullptr, "`PrivateDnsEnabled` is not set, and CloudFormation's default is false"});
    f.notes.push_back({nullptr, "without private DNS the agent resolves `" + service +
                                    ".REGION.amazonaws.com` to public addresses it has no route to"});
    f.help = "set `PrivateDnsEnabled = true` on `" + name + "`";
    add(std::move(f));
  }
  Items subnets = items_of(prop(ep, "SubnetIds"));
  if (subnets.known && subnets.items.empty()) {
    Finding f(diag::Kind::SsmEndpointNoSubnet, &ep);
    f.extra = {name};
    f.notes.push_back({nullptr, "an interface endpoint has network interfaces only in the subnets of its `SubnetIds`"});
    f.help = "set `SubnetIds = [" + name_of(*net.subnet) + ".id]` on `" + name + "`";
    add(std::move(f));
  }
  Groups groups = endpoint_groups(refs, ep, *net.vpc);
  if (auto f = endpoint_ingress(refs, net, ep, groups)) add(std::move(*f));
  if (auto f = instance_egress(refs, net, groups, subnets)) add(std::move(*f));
  return out;
}

}  // namespace infrac::checks
