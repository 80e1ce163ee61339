#include "checks/ssm/reachability.h"
#include "checks/warnings.h"

#include <map>

#include "checks/instance_net.h"
#include "checks/ssm/endpoint_checks.h"
#include "checks/ssm/endpoints.h"
#include "checks/ssm/findings.h"
#include "checks/ssm/logging.h"
#include "checks/ssm/role.h"

namespace infrac::checks {

namespace {

using diag::Kind;

class SsmChecker {
 public:
  SsmChecker(const Refs& refs, diag::Engine& diags) : refs_(refs), diags_(diags) {}

  void run() {
    logging_ = session_logging(refs_);
    for (const ir::Resource* i : refs_.of_type("AWS::EC2::Instance")) instance(*i);
    report();
  }

 private:
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

    std::vector<Finding> found;
    if (role != nullptr && verdict.grants == Tri::No) found.push_back(role_finding(*role, verdict));
    vpc_dns(*net, found);
    std::vector<std::string> missing = services(*net, endpoints, ssm_services(), found);
    if (!missing.empty()) found.push_back(missing_finding(*net, missing, endpoints));
    for (const SessionLogging& l : logging_) {
      std::vector<std::string> lacking = services(*net, endpoints, logging_services(l), found);
      if (!lacking.empty()) found.push_back(logging_endpoint_finding(*net, l, lacking));
      if (l.s3) {
        if (auto f = log_bucket_route(refs_, *net, l)) found.push_back(std::move(*f));
      }
      if (role != nullptr) {
        if (auto f = logging_role(refs_, *role, l)) found.push_back(std::move(*f));
      }
    }
    for (Finding& f : found) {
      f.instances = {&inst};
      add_finding(all_, std::move(f), false);
    }
  }

  // Adds to `found` what is wrong with the endpoints of `wanted`, and returns the
  // services that have none (none when an endpoint's service is known only at deploy
  // time: it may be any of them).
  std::vector<std::string> services(const InstanceNet& net, const std::vector<VpcEndpoint>& endpoints,
                                    const std::vector<std::string>& wanted, std::vector<Finding>& found) {
    std::vector<std::string> missing;
    bool unknown_service = false;
    for (const auto& e : endpoints) unknown_service = unknown_service || !e.service;
    for (const std::string& service : wanted) {
      std::vector<Finding> best;
      bool any = false;
      for (const auto& e : endpoints) {
        if (e.service != service) continue;
        std::vector<Finding> f = endpoint_findings(refs_, net, *e.res, service);
        if (!any || f.size() < best.size()) best = std::move(f);
        any = true;
      }
      if (!any && !unknown_service) missing.push_back(service);
      for (Finding& f : best) add_finding(found, std::move(f), true);
    }
    return missing;
  }

  Finding logging_endpoint_finding(const InstanceNet& net, const SessionLogging& l, const std::vector<std::string>& missing) {
    Finding f = missing_finding(net, missing, endpoints_in(refs_, *net.vpc));
    f.kind = Kind::SsmLoggingEndpointMissing;
    f.extra = {name_of(*l.document), name_of(*net.vpc)};
    std::string what = l.kms && l.cloudwatch ? "encrypts the sessions with a KMS key and streams their logs to CloudWatch Logs"
                       : l.kms               ? "encrypts the sessions with a KMS key"
                                             : "streams the session logs to CloudWatch Logs";
    f.notes.push_back({l.document, "`" + name_of(*l.document) + "` " + what});
    f.help += " (std.access.ssm_endpoints makes them when given `logging`)";
    return f;
  }

  Finding role_finding(const ir::Resource& role, const RoleVerdict& v) {
    Finding f(Kind::SsmRolePolicy, &role);
    f.extra = {name_of(role), quoted_list(v.missing)};
    f.about_network = false;
    f.notes.push_back({nullptr, "the SSM agent needs them to register the instance and open sessions; "
                                "`AmazonSSMManagedInstanceCore` grants them all"});
    f.help = "add \"arn:${AWS::Partition}:iam::aws:policy/AmazonSSMManagedInstanceCore\" to `ManagedPolicyArns` of `" +
             name_of(role) + "`";
    return f;
  }

  void vpc_dns(const InstanceNet& net, std::vector<Finding>& found) {
    const ir::Resource& vpc = *net.vpc;
    std::optional<bool> support = prop(vpc, "EnableDnsSupport") ? bool_of(prop(vpc, "EnableDnsSupport")) : true;
    std::optional<bool> hostnames = prop(vpc, "EnableDnsHostnames") ? bool_of(prop(vpc, "EnableDnsHostnames")) : false;
    std::vector<std::string> off;
    if (support == false) off.push_back("EnableDnsSupport");
    if (hostnames == false) off.push_back("EnableDnsHostnames");
    if (off.empty()) return;
    Finding f(Kind::SsmVpcDnsOff, &vpc);
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

  Finding missing_finding(const InstanceNet& net, const std::vector<std::string>& missing,
                          const std::vector<VpcEndpoint>& endpoints) {
    Finding f(Kind::SsmEndpointMissing, net.vpc);
    f.services = missing;
    f.extra = {name_of(*net.vpc)};
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
             " with `VpcId = " + name_of(*net.vpc) + ".id`, `ServiceName = \"com.amazonaws.${AWS::Region}." +
             missing.front() + "\"`" + (many ? " (and so on)" : "") + ", `VpcEndpointType = \"Interface\"`, `PrivateDnsEnabled = true`, `SubnetIds = [" +
             name_of(*net.subnet) + ".id]`" + (groups.empty() ? "" : " and `SecurityGroupIds = [" + groups + "]`");
    return f;
  }

  void report() {
    for (const Finding& f : all_) {
      std::vector<std::string> args = {instances_phrase(f.instances)};
      if (!f.services.empty()) args.push_back(quoted_list(f.services));
      args.insert(args.end(), f.extra.begin(), f.extra.end());
      std::vector<std::string_view> views(args.begin(), args.end());
      diag::Builder b = report_args(f.kind, f.subject->span, views);
      note_instances(b, *f.subject);
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
  std::vector<SessionLogging> logging_;
  std::map<const ir::Resource*, std::string> why_;
  std::map<const ir::Resource*, const ir::Resource*> profile_;
};

}  // namespace

void check_ssm_reachability(const Refs& refs, diag::Engine& diags) { SsmChecker(refs, diags).run(); }

}  // namespace infrac::checks
