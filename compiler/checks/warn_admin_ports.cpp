#include "checks/sg_rules.h"
#include "checks/warnings.h"

namespace infrac::checks {

void warn_admin_ports(const Refs& refs, diag::Engine& diags) {
  struct Port { long port; const char* what; };
  for (const Rule& r : all_ingress_rules(refs)) {
    if (r.peer != Rule::Peer::Cidr || !r.cidr || !r.cidr->is_everything()) continue;
    std::string open;
    for (Port p : {Port{22, "SSH (port 22)"}, Port{3389, "RDP (port 3389)"}}) {
      if (r.covers_tcp(p.port) == Tri::Yes) open += (open.empty() ? "" : " and ") + std::string(p.what);
    }
    if (open.empty()) continue;
    std::string key = r.cidr->v6 ? "CidrIpv6" : "CidrIp";
    std::string where = r.path.empty() ? key : r.path;
    auto b = warn(diags, *r.holder, diag::Kind::AdminPortOpen, {where, name_of(*r.holder), open, r.cidr_text});
    if (!b) continue;
    b->note("anyone on the internet can try to log in; keys and passwords are all that stand in the way");
    b->help("narrow `" + key + "` to the addresses that need it, or close the port and reach the instance "
            "through Session Manager");
  }
}

}  // namespace infrac::checks
