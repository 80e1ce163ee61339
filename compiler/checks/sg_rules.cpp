#include "checks/sg_rules.h"

#include <cctype>

namespace infrac::checks {

namespace {

constexpr std::string_view kSecurityGroup = "AWS::EC2::SecurityGroup";

std::optional<std::string> protocol_of(const ir::Value* v) {
  auto t = text_of(v);
  if (!t) return std::nullopt;
  std::string p;
  for (char c : *t) p += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (p == "6") return "tcp";
  if (p == "17") return "udp";
  if (p == "1") return "icmp";
  if (p == "58") return "icmpv6";
  return p;
}

// One rule from its map; `ingress` picks the Source*/Destination* peer properties.
Rule parse_rule(const Refs& refs, const ir::Resource& holder, std::string path, const ir::Value* m, bool ingress) {
  Rule r;
  r.holder = &holder;
  r.path = std::move(path);
  if (m == nullptr || m->kind != ir::Value::Map) return r;  // an Fn::If, say: unknown throughout
  r.protocol = protocol_of(m->get("IpProtocol"));
  r.from = int_of(m->get("FromPort"));
  r.to = int_of(m->get("ToPort"));
  const char* group_key = ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
  for (const char* key : {"CidrIp", "CidrIpv6"}) {
    if (const ir::Value* c = m->get(key)) {
      r.peer = Rule::Peer::Cidr;
      if (auto t = text_of(c)) {
        r.cidr_text = *t;
        r.cidr = Cidr::parse(*t);
      }
      return r;
    }
  }
  if (const ir::Value* g = m->get(group_key)) {
    r.peer = Rule::Peer::Group;
    r.group = resolve_group(refs, g);
  }
  // A prefix list or a group named by name: the addresses are not in the template.
  return r;
}

void inline_rules(const Refs& refs, const ir::Resource& sg, std::string_view key, bool ingress,
                  std::vector<Rule>& out) {
  const ir::Value* list = prop(sg, key);
  if (list == nullptr) return;
  Items items = items_of(list);
  if (!items.known) {
    out.push_back(parse_rule(refs, sg, std::string(key), nullptr, ingress));
    return;
  }
  for (size_t i = 0; i < items.items.size(); ++i) {
    out.push_back(parse_rule(refs, sg, std::string(key) + "[" + std::to_string(i) + "]", items.items[i], ingress));
  }
}

void separate_rules(const Refs& refs, const Group* g, std::string_view type, bool ingress, std::vector<Rule>& out) {
  for (const ir::Resource* r : refs.of_type(type)) {
    if (g != nullptr) {
      auto target = resolve_group(refs, prop(*r, "GroupId"));
      if (!target || *target != *g) continue;
    }
    out.push_back(parse_rule(refs, *r, "", &r->properties, ingress));
  }
}

}  // namespace

std::string Group::describe() const {
  if (sg != nullptr) return "`" + name_of(*sg) + "`";
  return "the default security group of `" + name_of(*default_of) + "`";
}

std::string Group::expression() const {
  if (sg != nullptr) return name_of(*sg) + ".id";
  return name_of(*default_of) + ".DefaultSecurityGroup";
}

std::optional<Group> resolve_group(const Refs& refs, const ir::Value* v) {
  if (const ir::Resource* sg = refs.resolve(v, kSecurityGroup)) return Group{sg, nullptr};
  const ir::Resource* t = refs.target(v);
  if (t != nullptr && t->type == "AWS::EC2::VPC" && Refs::attribute(v) == "DefaultSecurityGroup") {
    return Group{nullptr, t};
  }
  return std::nullopt;
}

Groups resolve_groups(const Refs& refs, const ir::Value* list) {
  Groups out;
  Items items = items_of(list);
  out.known = items.known;
  for (const ir::Value* v : items.items) {
    if (auto g = resolve_group(refs, v)) out.groups.push_back(*g);
    else out.known = false;
  }
  return out;
}

Tri Rule::covers_tcp(long port) const { return covers("tcp", port); }

Tri Rule::covers(std::string_view wanted, long port) const {
  if (!protocol) return Tri::Unknown;
  if (*protocol == "-1") return Tri::Yes;
  if (*protocol != wanted) return Tri::No;
  if (!from || !to) return Tri::Unknown;
  if (*from == -1 && *to == -1) return Tri::Yes;
  return *from <= port && port <= *to ? Tri::Yes : Tri::No;
}

std::vector<Rule> ingress_rules(const Refs& refs, const Group& g) {
  std::vector<Rule> out;
  if (g.sg != nullptr) inline_rules(refs, *g.sg, "SecurityGroupIngress", true, out);
  if (g.default_of != nullptr) {
    // A default group admits everything from its own members.
    Rule self;
    self.holder = g.default_of;
    self.protocol = "-1";
    self.peer = Rule::Peer::Group;
    self.group = g;
    out.push_back(self);
  }
  separate_rules(refs, &g, "AWS::EC2::SecurityGroupIngress", true, out);
  return out;
}

Egress egress_rules(const Refs& refs, const Group& g) {
  Egress e;
  // AWS removes the allow-all egress rule only when the group is created with rules of
  // its own; rules added later by separate resources come on top of it.
  if (g.sg == nullptr) return e;
  const ir::Value* list = prop(*g.sg, "SecurityGroupEgress");
  Items items = items_of(list);
  if (items.known && items.items.empty()) return e;
  e.all = false;
  inline_rules(refs, *g.sg, "SecurityGroupEgress", false, e.rules);
  separate_rules(refs, &g, "AWS::EC2::SecurityGroupEgress", false, e.rules);
  return e;
}

std::vector<Rule> all_ingress_rules(const Refs& refs) {
  std::vector<Rule> out;
  for (const ir::Resource* sg : refs.of_type(kSecurityGroup)) inline_rules(refs, *sg, "SecurityGroupIngress", true, out);
  separate_rules(refs, nullptr, "AWS::EC2::SecurityGroupIngress", true, out);
  return out;
}

Tri rule_names_peer(const Rule& r, const Peers& p) {
  switch (r.peer) {
    case Rule::Peer::Unknown: return Tri::Unknown;
    case Rule::Peer::Group:
      if (!r.group) return Tri::Unknown;
      for (const Group& g : p.groups) {
        if (g == *r.group) return Tri::Yes;
      }
      // A group of the template is never one that arrives as a parameter.
      return Tri::No;
    case Rule::Peer::Cidr:
      if (!r.cidr) return Tri::Unknown;
      if (r.cidr->v6) return Tri::No;  // the peers are IPv4 addresses
      if (r.cidr->is_everything()) return Tri::Yes;
      for (const Cidr& c : p.cidrs) {
        if (r.cidr->contains(c)) return Tri::Yes;
      }
      return p.cidrs_known ? Tri::No : Tri::Unknown;
  }
  return Tri::Unknown;
}

std::string rule_name(const Rule& r) {
  std::string holder = "`" + name_of(*r.holder) + "`";
  return r.path.empty() ? holder : "`" + r.path + "` of " + holder;
}

std::string rule_peer_text(const Rule& r) {
  if (r.peer == Rule::Peer::Cidr) return "`" + r.cidr_text + "`";
  return r.group ? r.group->describe() : "a group the template does not hold";
}

std::string groups_phrase(const std::vector<Group>& groups, const char* sep) {
  std::string out;
  for (size_t i = 0; i < groups.size(); ++i) out += (i > 0 ? sep : "") + groups[i].describe();
  return out;
}

}  // namespace infrac::checks
