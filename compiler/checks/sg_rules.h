// Security groups and their rules, gathered from the template: the rules written inline
// in an `AWS::EC2::SecurityGroup` and those of separate `AWS::EC2::SecurityGroupIngress`
// and `AWS::EC2::SecurityGroupEgress` resources, and whether a rule admits a port from
// (or to) a peer.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/cidr.h"
#include "checks/refs.h"
#include "checks/values.h"

namespace infrac::checks {

// The checks name CIDR blocks as their own; they are the base ones (base/cidr.h).
using infrac::Cidr;
using infrac::cidr_contains;

// A security group of the template: a resource, or the default group of a VPC of the
// template (`Fn::GetAtt vpc.DefaultSecurityGroup`, or what a VPC member without groups
// gets).
struct Group {
  const ir::Resource* sg = nullptr;
  const ir::Resource* default_of = nullptr;  // the VPC, for its default group

  bool operator==(const Group& o) const { return sg == o.sg && default_of == o.default_of; }
  bool operator!=(const Group& o) const { return !(*this == o); }
  // "`endpoint_security_group`", or "the default security group of `vpc`".
  std::string describe() const;
  // How a program names it, for a help line: `endpoint_security_group.id`.
  std::string expression() const;
  // Where a diagnostic about it points.
  const ir::Resource& anchor() const { return sg != nullptr ? *sg : *default_of; }
};

// The group `v` names, or nullopt when it names none of the template's.
std::optional<Group> resolve_group(const Refs& refs, const ir::Value* v);

// The security groups a list property names (`SecurityGroupIds`, `GroupSet`).
struct Groups {
  bool known = true;  // false when some entry names no group of the template
  std::vector<Group> groups;
};
Groups resolve_groups(const Refs& refs, const ir::Value* list);

struct Rule {
  const ir::Resource* holder = nullptr;  // the group (inline rule) or the rule resource
  std::string path;                      // "SecurityGroupIngress[0]"; "" for a rule resource
  std::optional<std::string> protocol;   // "tcp", "udp", "icmp", "icmpv6", "-1", or a number; nullopt: unknown
  std::optional<long> from, to;          // nullopt: unknown or absent
  enum class Peer { Cidr, Group, Unknown } peer = Peer::Unknown;
  std::optional<Cidr> cidr;
  std::string cidr_text;
  std::optional<Group> group;  // Peer::Group: nullopt when the group is not the template's

  // Whether the rule covers tcp `port` (protocol -1 covers everything).
  Tri covers_tcp(long port) const;
  // Whether the rule covers `port` of `protocol` ("tcp" or "udp").
  Tri covers(std::string_view protocol, long port) const;
};

std::vector<Rule> ingress_rules(const Refs& refs, const Group& g);

// The egress of a group: everything (no inline `SecurityGroupEgress`, so AWS keeps its
// allow-all rule), or only what the rules name.
struct Egress {
  bool all = true;
  std::vector<Rule> rules;
};
Egress egress_rules(const Refs& refs, const Group& g);

// Every ingress rule of the template, inline or separate, for the warnings.
std::vector<Rule> all_ingress_rules(const Refs& refs);

// The peers a rule must name to admit traffic: some groups, or addresses in one of
// some CIDR blocks.
struct Peers {
  std::vector<Group> groups;
  std::vector<Cidr> cidrs;     // any one of them will do
  bool cidrs_known = true;
};
Tri rule_names_peer(const Rule& r, const Peers& p);

// How diagnostics name rules and groups: "`SecurityGroupIngress[0]` of `sg`" (or the
// rule resource), the peer of a rule ("`10.0.0.0/8`", "`admin_sg`"), and a list of
// groups joined by `sep` (" or ", " and ").
std::string rule_name(const Rule& r);
std::string rule_peer_text(const Rule& r);
std::string groups_phrase(const std::vector<Group>& groups, const char* sep);

}  // namespace infrac::checks
