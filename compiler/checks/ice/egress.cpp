#include "checks/ice/egress.h"

#include "checks/ice/ssh_rules.h"

namespace infrac::checks::ice {

namespace {

using diag::Kind;

const char* const kNeeds =
    "an Instance Connect endpoint needs tcp 22 to the security groups of its instances, and no port open to anything else";

// The egress rules the endpoint needs, one per group that admits it, for a help line.
std::string needed_rules(const std::vector<Target>& targets) {
  std::vector<Group> seen;
  std::string out;
  for (const Target& t : targets) {
    if (has_group(seen, t.group)) continue;
    seen.push_back(t.group);
    out += (out.empty() ? "" : ", ") + ssh_rule_literal("DestinationSecurityGroupId", t.group.expression());
  }
  return out;
}

// What must move out of the instances' groups first: an inline rule admitting the
// endpoint, with inline egress naming that group back, is a cycle CloudFormation refuses.
std::string cycle_caveat(const std::vector<Target>& targets) {
  for (const Target& t : targets) {
    if (t.admits.path.empty()) continue;
    return " (first move " + rule_name(t.admits) + " to an `AWS::EC2::SecurityGroupIngress` of its own: inline, the two "
           "groups would name each other)";
  }
  return "";
}

Finding all_egress(const Endpoint& ep, const Group& g, const std::string& needed, const std::string& caveat) {
  std::string endpoint = name_of(*ep.res);
  // The fix of a default group is on the endpoint: a group of its own.
  Finding f(Kind::IceEgressTooWide, g.sg != nullptr ? g.sg : ep.res);
  f.extra = {endpoint, g.describe() + " allows all egress"};
  if (g.sg != nullptr) {
    f.notes.push_back({nullptr, "a security group without `SecurityGroupEgress` keeps the rule that allows all egress"});
  }
  f.notes.push_back({nullptr, kNeeds});
  std::string egress = needed.empty() ? "`SecurityGroupEgress` rules for tcp 22 to the security groups of its instances only"
                                      : "`SecurityGroupEgress = [" + needed + "]`";
  if (g.sg == nullptr) {
    f.help = "set `SecurityGroupIds` on `" + endpoint + "` to a security group of its own with " + egress;
  } else if (needed.empty()) {
    f.help = "give `" + name_of(*g.sg) + "` " + egress;
  } else {
    f.help = "set " + egress + " on `" + name_of(*g.sg) + "`" + caveat;
  }
  return f;
}

Finding wide_rule(const Endpoint& ep, const Rule& r, const std::string& needed) {
  Finding f(Kind::IceEgressTooWide, r.holder);
  f.extra = {name_of(*ep.res), rule_name(r) + " allows " + traffic_text(r) + " to " + rule_peer_text(r)};
  f.notes.push_back({nullptr, kNeeds});
  if (r.peer == Rule::Peer::Group) {
    f.help = "narrow " + rule_name(r) + " to `IpProtocol = \"tcp\"`, `FromPort = 22`, `ToPort = 22`";
  } else if (!needed.empty()) {
    f.help = "replace " + rule_name(r) + " with `" + needed + "`";
  } else {
    f.help = "remove " + rule_name(r) + ", and allow tcp 22 to the security groups of the instances instead";
  }
  return f;
}

}  // namespace

std::optional<Finding> egress_missing(const Refs& refs, const Endpoint& ep, const Target& t) {
  if (!ep.groups.known) return std::nullopt;
  Peers to;
  to.groups = t.net.groups.groups;
  if (t.net.subnet_cidr) to.cidrs.push_back(*t.net.subnet_cidr);
  else to.cidrs_known = false;
  Tri out = Tri::No;
  std::vector<Group> limited;
  for (const Group& g : ep.groups.groups) {
    Egress e = egress_rules(refs, g);
    if (e.all) return std::nullopt;  // too much, but not too little: E0722's
    limited.push_back(g);
    for (const Rule& r : e.rules) out = any_of(out, all_of(r.covers_tcp(kSshPort), rule_names_peer(r, to)));
  }
  if (out != Tri::No || limited.empty()) return std::nullopt;

  const ir::Resource& fix = limited.front().anchor();
  Finding f(Kind::IceEgressMissing, &fix);
  std::string dest = groups_phrase(t.net.groups.groups, " or ");
  if (t.net.subnet_cidr) dest += " or `" + text_of(prop(*t.net.subnet, "CidrBlock")).value_or("") + "`";
  f.extra = {name_of(*ep.res), groups_phrase(limited, " and "), dest};
  f.notes.push_back({nullptr, "a security group with `SecurityGroupEgress` rules allows only the egress they name"});
  if (!t.admits.path.empty()) {
    // The instance's group names the endpoint's inline: an inline rule back is a cycle.
    f.help = "add " + ssh_rule_resource("SecurityGroupEgress", limited.front().expression(), "DestinationSecurityGroupId",
                                        t.group.expression());
  } else {
    f.help = "add `" + ssh_rule_literal("DestinationSecurityGroupId", t.group.expression()) +
             "` to `SecurityGroupEgress` of `" + name_of(fix) + "`";
  }
  f.instances = {t.instance};
  return f;
}

std::vector<Finding> egress_too_wide(const Refs& refs, const Endpoint& ep, const std::vector<Target>& targets) {
  std::string needed = needed_rules(targets);
  std::vector<Finding> out;
  for (const Group& g : ep.groups.groups) {
    Egress e = egress_rules(refs, g);
    if (e.all) {
      out.push_back(all_egress(ep, g, needed, cycle_caveat(targets)));
      continue;
    }
    for (const Rule& r : e.rules) {
      if (allows_beyond_ssh(r) == Tri::Yes) out.push_back(wide_rule(ep, r, needed));
    }
  }
  return out;
}

}  // namespace infrac::checks::ice
