#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "checks/net/coexist.h"
#include "checks/net/net_checks.h"
#include "checks/net/place.h"
#include "checks/net/service_name.h"
#include "checks/values.h"

namespace infrac::checks::net {

namespace {

// An interface endpoint with private DNS whose service and VPC are known.
struct Endpoint {
  const ir::Resource* res;
  const ir::Resource* vpc;
  std::string service;
};

std::vector<Endpoint> private_dns_endpoints(const Refs& refs) {
  std::vector<Endpoint> out;
  for (const ir::Resource* e : refs.of_type("AWS::EC2::VPCEndpoint")) {
    if (text_of(prop(*e, "VpcEndpointType")) != std::optional<std::string>("Interface")) continue;
    if (bool_of(prop(*e, "PrivateDnsEnabled")) != std::optional<bool>(true)) continue;
    auto service = canonical_text(prop(*e, "ServiceName"));
    const ir::Resource* vpc = refs.resolve(prop(*e, "VpcId"), "AWS::EC2::VPC");
    if (service && vpc != nullptr) out.push_back(Endpoint{e, vpc, *service});
  }
  return out;
}

// Endpoints that repeat earlier ones, merged when they are reported at the same place
// about the same place: a module instance repeating another's endpoints, or a loop
// repeating its first endpoint, is one mistake.
struct Clash {
  Place second_at, first_at;
  const ir::Resource* vpc;
  std::vector<const Endpoint*> seconds, firsts;
};

bool same_span(const Span& a, const Span& b) { return a.file == b.file && a.begin == b.begin && a.end == b.end; }

std::vector<std::string> names(const std::vector<const Endpoint*>& eps) {
  std::vector<std::string> out;
  for (const Endpoint* e : eps) out.push_back(name_of(*e->res));
  return out;
}

// The name of the root file's module instance that made `r`: the first segment of its
// path (`b` of `b.endpoints.endpoint["ssm"]`, `hosts["x"]` of `hosts["x"].endpoint`).
std::string outer_instance(const ir::Resource& r) {
  const std::string& p = r.path;
  bool quoted = false;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '"' && (i == 0 || p[i - 1] != '\\')) quoted = !quoted;
    if (p[i] == '.' && !quoted) return p.substr(0, i);
  }
  return p;
}

// Whether every service is one that Session Manager or its logging needs: then the
// stdlib's shared endpoints are the fix.
bool session_manager_only(const std::vector<std::string>& services) {
  for (const std::string& s : services) {
    size_t dot = s.rfind('.');
    std::string last = dot == std::string::npos ? s : s.substr(dot + 1);
    if (last != "ssm" && last != "ec2messages" && last != "ssmmessages" && last != "logs" && last != "kms") return false;
  }
  return true;
}

void report(diag::Engine& diags, const Clash& c) {
  std::vector<std::string> services;
  for (const Endpoint* e : c.seconds) {
    if (std::find(services.begin(), services.end(), e->service) == services.end()) services.push_back(e->service);
  }
  std::vector<std::string> seconds = names(c.seconds), firsts = names(c.firsts), all = firsts;
  all.insert(all.end(), seconds.begin(), seconds.end());
  std::string which = (services.size() > 1 ? "each of " : "") + quoted_list(services);
  std::string who = c.second_at.in_module ? "module instance `" + outer_instance(*c.seconds.front()->res) + "`"
                                           : quoted_list(seconds);
  bool plural = !c.second_at.in_module && seconds.size() > 1;
  std::string what = c.first_at.in_module
                         ? "the endpoint" + std::string(firsts.size() > 1 ? "s" : "") + " of `" + outer_instance(*c.firsts.front()->res) + "`"
                         : quoted_list(firsts);
  std::string repeats = who + (plural ? " repeat " : " repeats ") + what;
  std::string vpc = name_of(*c.vpc);
  auto b = diags.report(diag::Kind::DuplicatePrivateDns, c.second_at.span, {vpc, which, repeats});
  note_place(b, *c.seconds.front()->res, "ServiceName", c.second_at);
  std::string first = quoted_list(firsts) + (firsts.size() > 1 ? " are" : " is");
  if (same_span(c.first_at.span, c.second_at.span)) b.note(first + " made by the same declaration");
  else b.note(c.first_at.span, first + " made here");
  b.note("one endpoint per service in a VPC can have private DNS: CloudFormation fails to create a second one, "
         "whose DNS names the first already holds");
  if (c.second_at.in_module && session_manager_only(services)) {
    b.help("an endpoint with private DNS serves every subnet of its VPC, so the VPC needs it once: make one "
           "`std.access.ssm_endpoints` for the VPC and give it to each instance as `shared_endpoints`, "
           "or give `" + outer_instance(*c.seconds.front()->res) + "` a VPC of its own");
  } else if (c.second_at.in_module) {
    b.help("an endpoint with private DNS serves every subnet of its VPC, so the VPC needs it once: give `" +
           outer_instance(*c.seconds.front()->res) +
           "` a VPC of its own, or make the endpoints once per VPC instead of once per module instance");
  } else {
    b.help("keep one endpoint per service in `" + vpc + "`, with the subnets of " + quoted_list(all) +
           " in its `SubnetIds`, or set `PrivateDnsEnabled = false` on " + quoted_list(seconds));
  }
}

}  // namespace

void check_endpoints(const Refs& refs, diag::Engine& diags) {
  std::vector<Endpoint> eps = private_dns_endpoints(refs);
  std::vector<Clash> clashes;
  for (size_t i = 0; i < eps.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (eps[j].vpc != eps[i].vpc || eps[j].service != eps[i].service) continue;
      if (coexist(refs.tmpl(), *eps[j].res, *eps[i].res) != Tri::Yes) continue;
      Place second = place_of(refs.tmpl(), *eps[i].res, "ServiceName"), first = place_of(refs.tmpl(), *eps[j].res, "ServiceName");
      Clash* into = nullptr;
      for (Clash& c : clashes) {
        if (same_span(c.second_at.span, second.span) && same_span(c.first_at.span, first.span) && c.vpc == eps[i].vpc) {
          into = &c;
        }
      }
      if (into == nullptr) {
        clashes.push_back(Clash{second, first, eps[i].vpc, {}, {}});
        into = &clashes.back();
      }
      into->seconds.push_back(&eps[i]);
      if (std::find(into->firsts.begin(), into->firsts.end(), &eps[j]) == into->firsts.end()) into->firsts.push_back(&eps[j]);
      break;  // one error for the endpoint, however many it repeats
    }
  }
  for (const Clash& c : clashes) report(diags, c);
}

}  // namespace infrac::checks::net
