#include "checks/ssm_reachability.h"

#include <map>

#include "checks/instance_net.h"
#include "checks/sg_rules.h"
#include "checks/ssm_endpoints.h"
#include "checks/ssm_findings.h"
#include "checks/ssm_role.h"

namespace infrac::checks {

namespace {

using diag::Kind;

std::string quote(const ir::Resource& r) { return "`" + name_of(r) + "`"; }

std::string groups_phrase(const std::vector<Group>& groups, const char* sep) {
  std::string out;
  for (size_t i = 0; i < groups.size(); ++i) out += (i > 0 ? sep : "") + groups[i].describe();
  return out;
}

// The groups a VPC member names, or the VPC's default group when it names none.
Groups endpoint_groups(const Refs& refs, const ir::Resource& endpoint, const ir::Resource& vpc) {
  Groups g = resolve_groups(refs, prop(endpoint, "SecurityGroupIds"));
  if (g.known && g.groups.empty()) g.groups.push_back(Group{nullptr, &vpc});
  return g;
}

std::string rule_peer_text(const Rule& r) {
  if (r.peer == Rule::Peer::Cidr) return "`" + r.cidr_text + "`";
  return r.group ? r.group->describe() : "a group the template does not hold";
}

std::string rule_name(const Rule& r) {
  return r.path.empty() ? quote(*r.holder) : "`" + r.path + "` of " + quote(*r.holder);
}

// Tcp 443 admitted into `groups` from `peers`; rules on 443 from someone else go to `misses`.
Tri ingress_443(const Refs& refs, const Groups& groups, const Peers& peers, std::vector<const Rule*>* misses,
                std::vector<Rule>& storage) {
  Tri out = groups.known ? Tri::No : Tri::Unknown;
  for (const Group& g : groups.groups) {
    for (Rule& r : ingress_rules(refs, g)) storage.push_back(std::move(r));
  }
  for (const Rule& r : storage) {
    Tri port = r.covers_tcp(443);
    Tri peer = rule_names_peer(r, peers);
    out = any_of(out, all_of(port, peer));
    if (misses != nullptr && port == Tri::Yes && peer == Tri::No) misses->push_back(&r);
  }
  return out;
}

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

class SsmChecker {
 public:
  SsmChecker(const Refs& refs, diag::Engine& diags) : refs_(refs), diags_(diags) {}

  void run() {
    for (const ir::Resource* i : refs_.of_type("AWS::EC2::Instance")) instance(*i);
    report();
  }

 private:
  struct Subject {
    const ir::Resource& instance;
    const InstanceNet& net;
  };

  void instance(const ir::Resource& inst) {
    if (prop(inst, "IamInstanceProfile") == nullptr) return;
    auto net = locate(refs_, inst);
    if (!net) return;
    std::string why;
    if (reaches_internet(refs_, inst, *net, why) != Tri::No) return;

    const ir::Resource* profile = nullptr;
    const ir::Resource* role = instance_role(refs_, inst, &profile);
    RoleVerdict verdict = role != nullptr ? ssm_role_verdict(refs_, *role) : RoleVerdict{};
    std::vector<VpcEndpoint> endpoints = endpoints_in(refs_, *net->vpc);
    bool has_ssm_endpoint = false;
    for (const auto& e : endpoints) {
      for (const auto& s : ssm_services()) has_ssm_endpoint = has_ssm_endpoint || e.service == s;
    }
    if (verdict.grants != Tri::Yes && !has_ssm_endpoint) return;  // not meant for Session Manager
    why_[&inst] = why;
    if (profile != nullptr) profile_[&inst] = profile;

    Subject s{inst, *net};
    std::vector<Finding> found;
    if (role != nullptr && verdict.grants == Tri::No) found.push_back(role_finding(*role, verdict));
    vpc_dns(s, found);
    std::vector<std::string> missing;
    bool unknown_service = false;
    for (const auto& e : endpoints) unknown_service = unknown_service || !e.service;
    for (const std::string& service : ssm_services()) {
      std::vector<Finding> best;
      bool any = false;
      for (const auto& e : endpoints) {
        if (e.service != service) continue;
        std::vector<Finding> f = endpoint_findings(s, *e.res, service);
        if (!any || f.size() < best.size()) best = std::move(f);
        any = true;
      }
      if (!any && !unknown_service) missing.push_back(service);
      for (Finding& f : best) add_finding(found, std::move(f), true);
    }
    if (!missing.empty()) found.push_back(missing_finding(s, missing, endpoints));
    for (Finding& f : found) {
      f.instances = {&inst};
      add_finding(all_, std::move(f), false);
    }
  }

  Finding role_finding(const ir::Resource& role, const RoleVerdict& v) {
    Finding f{Kind::SsmRolePolicy, &role};
    f.extra = {name_of(role), quoted_list(v.missing)};
    f.about_network = false;
    f.notes.push_back({nullptr, "the SSM agent needs them to register the instance and open sessions; "
                                "`AmazonSSMManagedInstanceCore` grants them all"});
    f.help = "add \"arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore\" to `ManagedPolicyArns` of `" +
             name_of(role) + "`";
    return f;
  }

  void vpc_dns(const Subject& s, std::vector<Finding>& found) {
    const ir::Resource& vpc = *s.net.vpc;
    std::optional<bool> support = prop(vpc, "EnableDnsSupport") ? bool_of(prop(vpc, "EnableDnsSupport")) : true;
    std::optional<bool> hostnames = prop(vpc, "EnableDnsHostnames") ? bool_of(prop(vpc, "EnableDnsHostnames")) : false;
    std::vector<std::string> off;
    if (support == false) off.push_back("EnableDnsSupport");
    if (hostnames == false) off.push_back("EnableDnsHostnames");
    if (off.empty()) return;
    Finding f{Kind::SsmVpcDnsOff, &vpc};
    f.extra = {quoted_list(off) + (off.size() == 1 ? " is" : " are"), name_of(vpc)};
    f.notes.push_back({nullptr, "the private DNS names of interface endpoints resolve only in a VPC with both "
                                "`EnableDnsSupport` and `EnableDnsHostnames` on"});
    if (hostnames == false && prop(vpc, "EnableDnsHostnames") == nullptr) {
      f.notes.push_back({nullptr, "`EnableDnsHostnames` is not set, and it defaults to false"});
    }
    std::string set;
    for (const auto& a : off) set += (set.empty() ? "`" : " and `") + a + " = true`";
    f.help = "set " + set + " on `" + name_of(vpc) + "`";
    found.push_back(std::move(f));
  }

  Finding missing_finding(const Subject& s, const std::vector<std::string>& missing,
                          const std::vector<VpcEndpoint>& endpoints) {
    Finding f{Kind::SsmEndpointMissing, s.net.vpc};
    f.services = missing;
    f.extra = {name_of(*s.net.vpc)};
    // Reuse the security groups of an endpoint that is there, if any.
    std::string groups;
    for (const auto& e : endpoints) {
      if (!e.service) continue;
      Groups g = resolve_groups(refs_, prop(*e.res, "SecurityGroupIds"));
      if (g.groups.empty() || !g.known) continue;
      for (const Group& x : g.groups) groups += (groups.empty() ? "" : ", ") + x.expression();
      break;
    }
    bool many = missing.size() > 1;
    f.help = "add an `AWS::EC2::VPCEndpoint`" + (many ? " for each of " + quoted_list(missing) + "," : "") +
             " with `VpcId = " + name_of(*s.net.vpc) + ".id`, `ServiceName = \"com.amazonaws.${AWS::Region}." +
             missing.front() + "\"`" + (many ? " (and so on)" : "") + ", `VpcEndpointType = \"Interface\"`, `PrivateDnsEnabled = true`, `SubnetIds = [" +
             name_of(*s.net.subnet) + ".id]`" + (groups.empty() ? "" : " and `SecurityGroupIds = [" + groups + "]`");
    return f;
  }

  std::vector<Finding> endpoint_findings(const Subject& s, const ir::Resource& ep, const std::string& service) {
    std::vector<Finding> out;
    auto make = [&](Kind k, const ir::Resource& subject) -> Finding& {
      out.push_back(Finding{k, &subject});
      out.back().services = {service};
      return out.back();
    };
    const ir::Value* type = prop(ep, "VpcEndpointType");
    std::optional<std::string> t = type != nullptr ? text_of(type) : std::string("Gateway");
    if (!t) return out;
    if (*t != "Interface") {
      Finding& f = make(Kind::SsmEndpointNotInterface, ep);
      f.extra = {name_of(ep)};
      if (type == nullptr) f.notes.push_back({nullptr, "`VpcEndpointType` is not set, and it defaults to `Gateway`"});
      f.help = "set `VpcEndpointType = \"Interface\"` on `" + name_of(ep) + "`";
      return out;
    }
    const ir::Value* dns = prop(ep, "PrivateDnsEnabled");
    if (dns == nullptr || bool_of(dns) == false) {
      Finding& f = make(Kind::SsmPrivateDnsOff, ep);
      f.extra = {name_of(ep)};
      if (dns == nullptr) f.notes.push_back({nullptr, "`PrivateDnsEnabled` is not set, and CloudFormation's default is false"});
      f.notes.push_back({nullptr, "without private DNS the agent resolves `" + service +
                                      ".REGION.amazonaws.com` to public addresses it has no route to"});
      f.help = "set `PrivateDnsEnabled = true` on `" + name_of(ep) + "`";
    }
    Items subnets = items_of(prop(ep, "SubnetIds"));
    if (subnets.known && subnets.items.empty()) {
      Finding& f = make(Kind::SsmEndpointNoSubnet, ep);
      f.extra = {name_of(ep)};
      f.notes.push_back({nullptr, "an interface endpoint has network interfaces only in the subnets of its `SubnetIds`"});
      f.help = "set `SubnetIds = [" + name_of(*s.net.subnet) + ".id]` on `" + name_of(ep) + "`";
    }
    Groups ep_groups = endpoint_groups(refs_, ep, *s.net.vpc);
    ingress(s, ep, ep_groups, make);
    egress(s, ep_groups, subnets, make);
    return out;
  }

  template <typename Make>
  void ingress(const Subject& s, const ir::Resource& ep, const Groups& ep_groups, Make& make) {
    Peers from;
    from.groups = s.net.groups.groups;
    if (s.net.subnet_cidr) from.cidrs.push_back(*s.net.subnet_cidr);
    else from.cidrs_known = false;
    if (!s.net.groups.known) return;  // a group of the instance the template does not hold
    std::vector<const Rule*> misses;
    std::vector<Rule> storage;
    if (ingress_443(refs_, ep_groups, from, &misses, storage) != Tri::No) return;
    const Group& first = ep_groups.groups.front();
    Finding& f = make(Kind::SsmEndpointIngress, first.anchor());
    std::string sources = groups_phrase(s.net.groups.groups, " or ");
    std::string subnet_text = text_of(prop(*s.net.subnet, "CidrBlock")).value_or("");
    if (s.net.subnet_cidr) sources += " or `" + subnet_text + "`";
    f.extra = {groups_phrase(ep_groups.groups, " and "), sources};
    for (const Rule* r : misses) {
      std::string text = rule_name(*r) + " admits tcp 443 from " + rule_peer_text(*r);
      if (r->peer == Rule::Peer::Cidr && s.net.subnet_cidr) {
        text += ", which does not cover `" + name_of(*s.net.subnet) + "` (`" + subnet_text + "`)";
      } else if (r->peer == Rule::Peer::Group) {
        text += ", a group the instance is not in";
      }
      f.notes.push_back({r->path.empty() ? r->holder : nullptr, text});
    }
    const Group& mine = s.net.groups.groups.front();
    if (first.sg != nullptr) {
      f.help = "add `{ IpProtocol = \"tcp\", FromPort = 443, ToPort = 443, SourceSecurityGroupId = " + mine.expression() +
               " }` to `SecurityGroupIngress` of `" + name_of(*first.sg) + "`";
    } else {
      f.help = "set `SecurityGroupIds` on `" + name_of(ep) + "` to a group that admits tcp 443 from " + mine.describe();
    }
  }

  template <typename Make>
  void egress(const Subject& s, const Groups& ep_groups, const Items& ep_subnets, Make& make) {
    if (!ep_groups.known) return;
    Peers to;
    to.groups = ep_groups.groups;
    to.cidrs_known = !ep_subnets.items.empty();
    std::vector<std::string> cidr_texts;
    for (const ir::Value* v : ep_subnets.items) {
      const ir::Resource* sn = refs_.resolve(v, "AWS::EC2::Subnet");
      auto c = sn != nullptr ? subnet_cidr(*sn) : std::nullopt;
      if (!c) {
        to.cidrs_known = false;
        continue;
      }
      to.cidrs.push_back(*c);
      cidr_texts.push_back(*text_of(prop(*sn, "CidrBlock")));
    }
    std::vector<Group> limited;
    if (egress_443(refs_, s.net.groups, to, limited) != Tri::No || limited.empty()) return;
    Finding& f = make(Kind::SsmInstanceEgress, limited.front().anchor());
    std::string dest = groups_phrase(ep_groups.groups, " or ");
    for (const auto& c : cidr_texts) dest += " or `" + c + "`";
    f.extra = {groups_phrase(limited, " and "), dest};
    f.notes.push_back({nullptr, "a security group with `SecurityGroupEgress` rules allows only the egress they name"});
    const Group& target = ep_groups.groups.front();
    f.help = "add `{ IpProtocol = \"tcp\", FromPort = 443, ToPort = 443, DestinationSecurityGroupId = " +
             target.expression() + " }` to `SecurityGroupEgress` of `" + name_of(limited.front().anchor()) + "`";
  }

  void report() {
    for (const Finding& f : all_) {
      std::vector<std::string> args = {instances_phrase(f.instances)};
      if (!f.services.empty()) args.push_back(quoted_list(f.services));
      args.insert(args.end(), f.extra.begin(), f.extra.end());
      std::vector<std::string_view> views(args.begin(), args.end());
      diag::Builder b = report_args(f.kind, f.subject->span, views);
      for (const ir::Resource* i : f.instances) {
        std::string text = f.about_network ? "`" + name_of(*i) + "` has no route to the internet: " + why_[i]
                                           : "`" + name_of(*i) + "` takes the role through `" + name_of(*profile_[i]) + "`";
        if (i == f.subject) b.note(text);
        else b.note(i->span, text);
      }
      for (const NoteAt& n : f.notes) {
        if (n.at != nullptr) b.note(n.at->span, n.text);
        else b.note(n.text);
      }
      b.help(f.help);
    }
  }

  diag::Builder report_args(Kind k, Span span, const std::vector<std::string_view>& a) {
    switch (a.size()) {
      case 1: return diags_.report(k, span, {a[0]});
      case 2: return diags_.report(k, span, {a[0], a[1]});
      case 3: return diags_.report(k, span, {a[0], a[1], a[2]});
      default: return diags_.report(k, span, {a[0], a[1], a[2], a[3]});
    }
  }

  const Refs& refs_;
  diag::Engine& diags_;
  std::vector<Finding> all_;
  std::map<const ir::Resource*, std::string> why_;
  std::map<const ir::Resource*, const ir::Resource*> profile_;
};

}  // namespace

void check_ssm_reachability(const Refs& refs, diag::Engine& diags) { SsmChecker(refs, diags).run(); }

}  // namespace infrac::checks
