#include "checks/ice/ssh_rules.h"

#include <algorithm>
#include <cctype>

namespace infrac::checks::ice {

Tri negate(Tri t) {
  if (t == Tri::Yes) return Tri::No;
  if (t == Tri::No) return Tri::Yes;
  return Tri::Unknown;
}

bool has_group(const std::vector<Group>& groups, const Group& g) {
  return std::find(groups.begin(), groups.end(), g) != groups.end();
}

Tri only_ssh(const Rule& r) {
  if (!r.protocol) return Tri::Unknown;
  if (*r.protocol != "tcp") return Tri::No;  // "-1" (everything), udp, icmp, ...
  if (!r.from || !r.to) return Tri::Unknown;
  return *r.from == kSshPort && *r.to == kSshPort ? Tri::Yes : Tri::No;
}

Tri ssh_from_groups(const Rule& r, const std::vector<Group>& groups) {
  Tri peer = Tri::No;
  if (r.peer == Rule::Peer::Unknown) peer = Tri::Unknown;
  if (r.peer == Rule::Peer::Group) peer = r.group ? (has_group(groups, *r.group) ? Tri::Yes : Tri::No) : Tri::Unknown;
  return all_of(r.covers_tcp(kSshPort), peer);
}

Tri admits_other(const Rule& r, const std::vector<Group>& endpoint_groups) {
  switch (r.peer) {
    // An address range known only at deploy time, a prefix list, a group the template
    // does not hold: nothing the template proves.
    case Rule::Peer::Cidr: return r.cidr ? Tri::Yes : Tri::Unknown;
    case Rule::Peer::Unknown: return Tri::Unknown;
    case Rule::Peer::Group:
      if (!r.group) return Tri::Unknown;
      if (!has_group(endpoint_groups, *r.group)) return Tri::Yes;
      return negate(only_ssh(r));
  }
  return Tri::Unknown;
}

Tri allows_beyond_ssh(const Rule& r) {
  Tri peer = Tri::Unknown;  // a prefix list: addresses the template does not show
  if (r.peer == Rule::Peer::Cidr) peer = r.cidr ? Tri::Yes : Tri::Unknown;
  if (r.peer == Rule::Peer::Group) peer = Tri::No;
  return any_of(negate(only_ssh(r)), peer);
}

std::string traffic_text(const Rule& r) {
  if (!r.protocol) return "traffic";
  if (*r.protocol == "-1") return "all traffic";
  if (*r.protocol != "tcp" && *r.protocol != "udp") {
    auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
    bool number = !r.protocol->empty() && std::all_of(r.protocol->begin(), r.protocol->end(), digit);
    return number ? "protocol " + *r.protocol : *r.protocol;
  }
  if (!r.from || !r.to) return *r.protocol;
  if (*r.from == -1 && *r.to == -1) return "all " + *r.protocol;
  if (*r.from == *r.to) return *r.protocol + " " + std::to_string(*r.from);
  return *r.protocol + " " + std::to_string(*r.from) + "-" + std::to_string(*r.to);
}

bool is_default_group_rule(const Rule& r) { return r.holder->type == "AWS::EC2::VPC"; }

std::string ingress_rule_name(const Rule& r, const Group& g) {
  return is_default_group_rule(r) ? g.describe() : rule_name(r);
}

std::string ingress_peer_text(const Rule& r) { return is_default_group_rule(r) ? "its own members" : rule_peer_text(r); }

std::string ssh_rule_literal(const char* peer_key, const std::string& peer) {
  return "{ IpProtocol = \"tcp\", FromPort = 22, ToPort = 22, " + std::string(peer_key) + " = " + peer + " }";
}

std::string ssh_rule_resource(const char* type, const std::string& group, const char* peer_key, const std::string& peer) {
  return "an `AWS::EC2::" + std::string(type) + "` with `GroupId = " + group +
         "`, `IpProtocol = \"tcp\"`, `FromPort = 22`, `ToPort = 22` and `" + peer_key + " = " + peer + "`";
}

}  // namespace infrac::checks::ice
