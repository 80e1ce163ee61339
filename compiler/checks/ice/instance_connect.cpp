#include "checks/ice/instance_connect.h"

#include <map>

#include "checks/ice/egress.h"
#include "checks/ice/endpoint.h"
#include "checks/ice/ingress.h"
#include "checks/ice/ssh_rules.h"
#include "checks/warnings.h"

namespace infrac::checks {

namespace {

using diag::Kind;
using ice::Endpoint;
using ice::Target;

// The endpoint opens tunnels only to addresses in its own VPC.
std::optional<Finding> other_vpc(const Endpoint& ep, const Target& t) {
  if (ep.vpc == nullptr || ep.vpc == t.net.vpc) return std::nullopt;
  Finding f(Kind::IceOtherVpc, ep.res);
  f.extra = {name_of(*ep.res), name_of(*ep.subnet), name_of(*ep.vpc), name_of(*t.net.vpc)};
  f.notes.push_back({nullptr, "an Instance Connect endpoint reaches the instances of its own VPC only"});
  f.help = "set `SubnetId` of `" + name_of(*ep.res) + "` to a subnet of `" + name_of(*t.net.vpc) +
           "`, or give that VPC an endpoint of its own";
  f.instances = {t.instance};
  return f;
}

// Why an instance counts as meant for the endpoint, for a note at the instance.
std::string meant_for(const Endpoint& ep, const Target& t) {
  return "`" + name_of(*t.instance) + "` is meant to be reached through `" + name_of(*ep.res) + "`: " +
         ice::ingress_rule_name(t.admits, t.group) + " admits " + ice::traffic_text(t.admits) + " from " +
         ice::ingress_peer_text(t.admits);
}

void report(diag::Engine& diags, const Finding& f, const std::map<const ir::Resource*, std::string>& why) {
  // The endpoint first, then the instances when there are any, then the rest; padded,
  // since a message uses only the arguments it names.
  std::vector<std::string> args = {f.extra.front()};
  if (!f.instances.empty()) args.push_back(instances_phrase(f.instances));
  args.insert(args.end(), f.extra.begin() + 1, f.extra.end());
  args.resize(5);
  diag::Builder b = diags.report(f.kind, f.subject->span, {args[0], args[1], args[2], args[3], args[4]});
  note_instances(b, *f.subject);
  for (const ir::Resource* i : f.instances) {
    if (i == f.subject) b.note(why.at(i));
    else b.note(i->span, why.at(i));
  }
  for (const NoteAt& n : f.notes) {
    if (n.at != nullptr) b.note(n.at->span, n.text);
    else b.note(n.text);
  }
  b.help(f.help);
}

void check_endpoint(const Refs& refs, const ir::Resource& res, diag::Engine& diags) {
  Endpoint ep = ice::describe_endpoint(refs, res);
  std::vector<Target> targets = ice::targets_of(refs, ep);
  std::vector<Finding> found;
  std::map<const ir::Resource*, std::string> why;
  if (targets.empty()) {
    if (auto f = ice::reaches_nothing(refs, ep)) found.push_back(std::move(*f));
  }
  for (const Target& t : targets) {
    why[t.instance] = meant_for(ep, t);
    if (auto f = other_vpc(ep, t)) {
      add_finding(found, std::move(*f), false);
      continue;  // its other faults are moot while it is out of reach
    }
    if (auto f = ice::egress_missing(refs, ep, t)) add_finding(found, std::move(*f), false);
    for (Finding& f : ice::instance_open(refs, ep, t)) add_finding(found, std::move(f), false);
  }
  for (Finding& f : ice::egress_too_wide(refs, ep, targets)) add_finding(found, std::move(f), false);
  for (const Finding& f : found) report(diags, f, why);
}

}  // namespace

void check_instance_connect(const Refs& refs, diag::Engine& diags) {
  for (const ir::Resource* r : refs.of_type("AWS::EC2::InstanceConnectEndpoint")) check_endpoint(refs, *r, diags);
}

}  // namespace infrac::checks
