#include "checks/ice/ingress.h"

#include "checks/ice/ssh_rules.h"

namespace infrac::checks::ice {

namespace {

using diag::Kind;

Finding open_rule(const Endpoint& ep, const Group& g, const Rule& r) {
  Finding f(Kind::IceInstanceOpen, r.holder);
  f.extra = {name_of(*ep.res), ingress_rule_name(r, g), traffic_text(r), ingress_peer_text(r)};
  f.notes.push_back({nullptr, "an instance reached through an Instance Connect endpoint needs no other way in: IAM "
                              "decides who may open a tunnel through the endpoint, and CloudTrail logs each one"});
  if (is_default_group_rule(r)) {
    f.help = "give the instance a security group of its own, which admits tcp 22 from the endpoint's security group only";
  } else if (r.peer == Rule::Peer::Group && r.group && has_group(ep.groups.groups, *r.group)) {
    f.help = "narrow " + rule_name(r) + " to `IpProtocol = \"tcp\"`, `FromPort = 22`, `ToPort = 22`";
  } else if (r.path.empty()) {
    f.help = "remove `" + name_of(*r.holder) + "`: the endpoint is the way in";
  } else {
    f.help = "remove `" + r.path + "` from `" + name_of(*r.holder) + "`: the endpoint is the way in";
  }
  return f;
}

}  // namespace

std::optional<Finding> reaches_nothing(const Refs& refs, const Endpoint& ep) {
  if (!ep.groups.known) return std::nullopt;
  std::vector<Rule> ssh_out;  // the endpoint's egress rules that may carry tcp 22
  for (const Group& g : ep.groups.groups) {
    if (g.sg == nullptr) return std::nullopt;
    Egress e = egress_rules(refs, g);
    if (e.all) return std::nullopt;
    for (const Rule& r : e.rules) {
      if (r.covers_tcp(kSshPort) == Tri::No) continue;
      if (r.peer != Rule::Peer::Group || !r.group) return std::nullopt;
      ssh_out.push_back(r);
    }
  }
  Peers from;
  from.groups = ep.groups.groups;
  if (ep.subnet_cidr) from.cidrs.push_back(*ep.subnet_cidr);
  else from.cidrs_known = false;
  Tri admitted = Tri::No;
  for (const Rule& r : all_ingress_rules(refs)) {
    admitted = any_of(admitted, all_of(r.covers_tcp(kSshPort), rule_names_peer(r, from)));
  }
  if (admitted != Tri::No) return std::nullopt;

  const Group& mine = ep.groups.groups.front();
  Finding f(Kind::IceReachesNothing, ep.res);
  f.extra = {name_of(*ep.res), groups_phrase(ep.groups.groups, " or ")};
  for (const Rule& r : ssh_out) {
    f.notes.push_back({&r.group->anchor(), rule_name(r) + " allows " + traffic_text(r) + " to " + r.group->describe() +
                                               ", whose ingress rules do not admit it"});
  }
  if (ssh_out.empty()) {
    f.notes.push_back({nullptr, groups_phrase(ep.groups.groups, " and ") + " allows no tcp 22 out either"});
  }
  if (!ssh_out.empty()) {
    // A rule of its own: inline, the instance's group would name the endpoint's, whose
    // egress names it.
    f.help = "add " + ssh_rule_resource("SecurityGroupIngress", ssh_out.front().group->expression(),
                                        "SourceSecurityGroupId", mine.expression());
  } else {
    f.help = "admit tcp 22 from `" + mine.expression() + "` in the security group of each instance the endpoint is for, "
             "and allow tcp 22 to that group in `SecurityGroupEgress` of `" + name_of(mine.anchor()) + "`";
  }
  return f;
}

std::vector<Finding> instance_open(const Refs& refs, const Endpoint& ep, const Target& t) {
  std::vector<Finding> out;
  for (const Group& g : t.net.groups.groups) {
    for (const Rule& r : ingress_rules(refs, g)) {
      // Another way in by SSH defeats the endpoint; other ports (a web server's 443 from
      // its load balancer) are the instance's business, not the access pattern's.
      if (r.covers_tcp(kSshPort) != Tri::Yes) continue;
      if (admits_other(r, ep.groups.groups) != Tri::Yes) continue;
      Finding f = open_rule(ep, g, r);
      f.instances = {t.instance};
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace infrac::checks::ice
