#include "checks/ssm/traffic.h"

namespace infrac::checks {

namespace {

// The rules of `groups` that admit tcp 443 from someone other than `peers` go to `misses`.
Tri ingress_443(const std::vector<Rule>& rules, bool groups_known, const Peers& peers, std::vector<const Rule*>& misses) {
  Tri out = groups_known ? Tri::No : Tri::Unknown;
  for (const Rule& r : rules) {
    Tri port = r.covers_tcp(443);
    Tri peer = rule_names_peer(r, peers);
    out = any_of(out, all_of(port, peer));
    if (port == Tri::Yes && peer == Tri::No) misses.push_back(&r);
  }
  return out;
}

// The groups with explicit egress rules go to `limited`.
Tri egress_443(const Refs& refs, const Groups& groups, const Peers& peers, std::vector<Group>& limited) {
  Tri out = groups.known ? Tri::No : Tri::Unknown;
  for (const Group& g : groups.groups) {
    Egress e = egress_rules(refs, g);
    if (e.all) return Tri::Yes;
    limited.push_back(g);
    for (const Rule& r : e.rules) out = any_of(out, all_of(r.covers_tcp(443), rule_names_peer(r, peers)));
  }
  return out;
}

}  // namespace

Groups endpoint_groups(const Refs& refs, const ir::Resource& endpoint, const ir::Resource& vpc) {
  Groups g = resolve_groups(refs, prop(endpoint, "SecurityGroupIds"));
  if (g.known && g.groups.empty()) g.groups.push_back(Group{nullptr, &vpc});
  return g;
}

std::optional<Finding> endpoint_ingress(const Refs& refs, const InstanceNet& net, const ir::Resource& endpoint,
                                        const Groups& ep_groups) {
  if (!net.groups.known) return std::nullopt;  // a group of the instance the template does not hold
  Peers from;
  from.groups = net.groups.groups;
  if (net.subnet_cidr) from.cidrs.push_back(*net.subnet_cidr);
  else from.cidrs_known = false;
  std::vector<Rule> rules;
  for (const Group& g : ep_groups.groups) {
    for (Rule& r : ingress_rules(refs, g)) rules.push_back(std::move(r));
  }
  std::vector<const Rule*> misses;
  if (ingress_443(rules, ep_groups.known, from, misses) != Tri::No) return std::nullopt;

  const Group& first = ep_groups.groups.front();
  Finding f(diag::Kind::SsmEndpointIngress, &first.anchor());
  std::string sources = groups_phrase(net.groups.groups, " or ");
  std::string subnet_text = text_of(prop(*net.subnet, "CidrBlock")).value_or("");
  if (net.subnet_cidr) sources += " or `" + subnet_text + "`";
  f.extra = {groups_phrase(ep_groups.groups, " and "), sources};
  for (const Rule* r : misses) {
    std::string text = rule_name(*r) + " admits tcp 443 from " + rule_peer_text(*r);
    if (r->peer == Rule::Peer::Cidr && net.subnet_cidr) {
      text += ", which does not cover `" + name_of(*net.subnet) + "` (`" + subnet_text + "`)";
    } else if (r->peer == Rule::Peer::Group) {
      text += ", a group the instance is not in";
    }
    f.notes.push_back({r->path.empty() ? r->holder : nullptr, text});
  }
  const Group& mine = net.groups.groups.front();
  if (first.sg != nullptr) {
    f.help = "add `{ IpProtocol = \"tcp\", FromPort = 443, ToPort = 443, SourceSecurityGroupId = " + mine.expression() +
             " }` to `SecurityGroupIngress` of `" + name_of(*first.sg) + "`";
  } else {
    f.help = "set `SecurityGroupIds` on `" + name_of(endpoint) + "` to a group that admits tcp 443 from " + mine.describe();
  }
  return f;
}

std::optional<Finding> instance_egress(const Refs& refs, const InstanceNet& net, const Groups& ep_groups,
                                       const Items& ep_subnets) {
  if (!ep_groups.known) return std::nullopt;
  Peers to;
  to.groups = ep_groups.groups;
  to.cidrs_known = !ep_subnets.items.empty();
  std::vector<std::string> cidr_texts;
  for (const ir::Value* v : ep_subnets.items) {
    const ir::Resource* sn = refs.resolve(v, "AWS::EC2::Subnet");
    auto c = sn != nullptr ? subnet_cidr(*sn) : std::nullopt;
    if (!c) {
      to.cidrs_known = false;
      continue;
    }
    to.cidrs.push_back(*c);
    cidr_texts.push_back(*text_of(prop(*sn, "CidrBlock")));
  }
  std::vector<Group> limited;
  if (egress_443(refs, net.groups, to, limited) != Tri::No || limited.empty()) return std::nullopt;

  Finding f(diag::Kind::SsmInstanceEgress, &limited.front().anchor());
  std::string dest = groups_phrase(ep_groups.groups, " or ");
  for (const auto& c : cidr_texts) dest += " or `" + c + "`";
  f.extra = {groups_phrase(limited, " and "), dest};
  f.notes.push_back({nullptr, "a security group with `SecurityGroupEgress` rules allows only the egress they name"});
  f.help = "add `{ IpProtocol = \"tcp\", FromPort = 443, ToPort = 443, DestinationSecurityGroupId = " +
           ep_groups.groups.front().expression() + " }` to `SecurityGroupEgress` of `" +
           name_of(limited.front().anchor()) + "`";
  return f;
}

}  // namespace infrac::checks
