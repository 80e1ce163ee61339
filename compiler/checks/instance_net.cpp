#include "checks/instance_net.h"

namespace infrac::checks {

namespace {

// The primary network interface of an instance: the entry of `NetworkInterfaces` with
// device index 0 (or the first), or the `AWS::EC2::NetworkInterface` it attaches.
const ir::Value* primary_interface(const ir::Resource& instance) {
  Items nics = items_of(prop(instance, "NetworkInterfaces"));
  for (const ir::Value* n : nics.items) {
    if (int_of(field(n, "DeviceIndex")) == 0L) return n;
  }
  return nics.items.empty() ? nullptr : nics.items.front();
}

// Private address space: a route there does not lead to Systems Manager's public endpoints.
bool is_private(const Cidr& c) {
  for (const char* block : {"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"}) {
    if (Cidr::parse(block)->contains(c)) return true;
  }
  return false;
}

Tri has_elastic_ip(const Refs& refs, const ir::Resource& instance, const ir::Resource* eni) {
  if (!refs.pointing_at(instance, "AWS::EC2::EIP", "InstanceId").empty()) return Tri::Yes;
  if (!refs.pointing_at(instance, "AWS::EC2::EIPAssociation", "InstanceId").empty()) return Tri::Yes;
  if (eni != nullptr && !refs.pointing_at(*eni, "AWS::EC2::EIPAssociation", "NetworkInterfaceId").empty()) return Tri::Yes;
  return Tri::No;
}

}  // namespace

std::optional<Cidr> subnet_cidr(const ir::Resource& subnet) {
  auto t = text_of(prop(subnet, "CidrBlock"));
  if (!t) return std::nullopt;
  return Cidr::parse(*t);
}

std::optional<InstanceNet> locate(const Refs& refs, const ir::Resource& instance) {
  InstanceNet net;
  const ir::Value* nic = primary_interface(instance);
  const ir::Resource* eni = nic != nullptr ? refs.resolve(field(nic, "NetworkInterfaceId"), "AWS::EC2::NetworkInterface") : nullptr;
  const ir::Value* subnet_value = nullptr;
  const ir::Value* public_value = nullptr;
  Groups groups;
  if (eni != nullptr) {
    subnet_value = prop(*eni, "SubnetId");
    groups = resolve_groups(refs, prop(*eni, "GroupSet"));
  } else if (nic != nullptr) {
    if (field(nic, "NetworkInterfaceId") != nullptr) return std::nullopt;  // an interface from elsewhere
    subnet_value = field(nic, "SubnetId");
    public_value = field(nic, "AssociatePublicIpAddress");
    groups = resolve_groups(refs, field(nic, "GroupSet"));
  } else {
    subnet_value = prop(instance, "SubnetId");
    groups = resolve_groups(refs, prop(instance, "SecurityGroupIds"));
    Groups by_name = resolve_groups(refs, prop(instance, "SecurityGroups"));
    groups.known = groups.known && by_name.known;
    groups.groups.insert(groups.groups.end(), by_name.groups.begin(), by_name.groups.end());
  }
  net.subnet = refs.resolve(subnet_value, "AWS::EC2::Subnet");
  if (net.subnet == nullptr) return std::nullopt;
  net.vpc = refs.resolve(prop(*net.subnet, "VpcId"), "AWS::EC2::VPC");
  if (net.vpc == nullptr) return std::nullopt;
  if (groups.known && groups.groups.empty()) groups.groups.push_back(Group{nullptr, net.vpc});
  net.groups = groups;
  net.subnet_cidr = subnet_cidr(*net.subnet);

  Tri ip = Tri::No;
  if (public_value != nullptr) {
    auto b = bool_of(public_value);
    ip = b ? (*b ? Tri::Yes : Tri::No) : Tri::Unknown;
  } else if (const ir::Value* map = prop(*net.subnet, "MapPublicIpOnLaunch")) {
    auto b = bool_of(map);
    ip = b ? (*b ? Tri::Yes : Tri::No) : Tri::Unknown;
  }
  net.public_ip = any_of(ip, has_elastic_ip(refs, instance, eni));
  return net;
}

Tri reaches_internet(const Refs& refs, const ir::Resource& instance, const InstanceNet& net, std::string& why) {
  std::string subnet = "`" + name_of(*net.subnet) + "`";
  auto associations = refs.pointing_at(*net.subnet, "AWS::EC2::SubnetRouteTableAssociation", "SubnetId");
  if (associations.empty()) {
    why = subnet + " keeps the main route table of `" + name_of(*net.vpc) + "`, which has no route out";
    return Tri::No;
  }
  const ir::Resource* table = refs.resolve(prop(*associations.front(), "RouteTableId"), "AWS::EC2::RouteTable");
  if (table == nullptr) return Tri::Unknown;
  Tri out = Tri::No;
  bool through_igw = false;
  for (const ir::Resource* route : refs.pointing_at(*table, "AWS::EC2::Route", "RouteTableId")) {
    Tri dest = Tri::Unknown;
    if (const ir::Value* d = prop(*route, "DestinationCidrBlock")) {
      auto c = text_of(d) ? Cidr::parse(*text_of(d)) : std::nullopt;
      if (c && is_private(*c)) continue;
      if (c) dest = Tri::Yes;
    }
    Tri target = Tri::Unknown;
    if (prop(*route, "NatGatewayId") != nullptr) {
      target = Tri::Yes;
    } else if (const ir::Value* g = prop(*route, "GatewayId")) {
      if (refs.resolve(g, "AWS::EC2::InternetGateway") != nullptr) {
        through_igw = true;
        target = net.public_ip;
      }
    }
    out = any_of(out, all_of(dest, target));
  }
  if (out == Tri::No) {
    why = through_igw ? subnet + " routes to an internet gateway, but `" + name_of(instance) + "` has no public IP address"
                      : "route table `" + name_of(*table) + "` of " + subnet + " has no route to the internet";
  }
  return out;
}

}  // namespace infrac::checks
