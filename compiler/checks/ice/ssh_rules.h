// Security group rules as an EC2 Instance Connect Endpoint sees them: the endpoint
// carries SSH (tcp 22) to the instances and nothing else, so the questions are whether
// a rule is about tcp 22 only, and from or to whom.
#pragma once

#include <string>
#include <vector>

#include "checks/sg_rules.h"

namespace infrac::checks::ice {

inline constexpr long kSshPort = 22;

// Yes for No and No for Yes.
Tri negate(Tri t);

// Whether the rule covers tcp 22 and nothing else.
Tri only_ssh(const Rule& r);

// Whether the rule admits tcp 22 from one of `groups`, named as a group (an address
// range is not how an instance says it is meant for the endpoint).
Tri ssh_from_groups(const Rule& r, const std::vector<Group>& groups);

// Whether an ingress rule of an instance reached through the endpoint admits anything
// but tcp 22 from the endpoint's groups: an address range, another group, another port.
Tri admits_other(const Rule& r, const std::vector<Group>& endpoint_groups);

// Whether an egress rule of the endpoint's groups allows more than tcp 22 to a group:
// another port, or an address range.
Tri allows_beyond_ssh(const Rule& r);

// What a rule lets through: "tcp 22", "tcp 1024-65535", "all traffic", "icmp".
std::string traffic_text(const Rule& r);

// How a program writes a rule of tcp 22 with `peer_key` (`SourceSecurityGroupId`,
// `DestinationSecurityGroupId`) set to `peer`, for a help line.
std::string ssh_rule_literal(const char* peer_key, const std::string& peer);

// The same rule as a resource of its own (`AWS::EC2::SecurityGroupIngress` or
// `...Egress`, by `type`) on the group `group`: "an `AWS::EC2::SecurityGroupIngress` with
// `GroupId = a.id`, ...". Two groups whose inline rules name each other are a cycle
// CloudFormation refuses; a separate rule breaks it.
std::string ssh_rule_resource(const char* type, const std::string& group, const char* peer_key, const std::string& peer);

// The rule sg_rules.h gives every default group: all traffic from its own members,
// held by the VPC since no resource of the template holds it.
bool is_default_group_rule(const Rule& r);

// How a diagnostic names an ingress rule of `g`, and whom it admits: as sg_rules.h
// names rules, but for the default group's own: "the default security group of `vpc`" admitting "its own members".
std::string ingress_rule_name(const Rule& r, const Group& g);
std::string ingress_peer_text(const Rule& r);

bool has_group(const std::vector<Group>& groups, const Group& g);

}  // namespace infrac::checks::ice
