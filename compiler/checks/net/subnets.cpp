#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "checks/net/coexist.h"
#include "checks/net/net_checks.h"
#include "checks/net/place.h"
#include "checks/net/ranges.h"
#include "checks/values.h"

namespace infrac::checks::net {

namespace {

struct Subnet {
  const ir::Resource* res;
  const ir::Resource* vpc;
  Cidr cidr;
  bool outside = false;  // reported as outside its VPC: not compared with the others
};

std::vector<Subnet> known_subnets(const Refs& refs) {
  std::vector<Subnet> out;
  for (const ir::Resource* s : refs.of_type("AWS::EC2::Subnet")) {
    auto cidr = literal_network(prop(*s, "CidrBlock"));
    const ir::Resource* vpc = refs.resolve(prop(*s, "VpcId"), "AWS::EC2::VPC");
    if (cidr && vpc != nullptr) out.push_back(Subnet{s, vpc, *cidr});
  }
  return out;
}

// The ranges the subnets of `vpc` take inside it.
std::vector<Cidr> taken_in(const std::vector<Subnet>& subnets, const ir::Resource* vpc) {
  std::vector<Cidr> out;
  for (const Subnet& s : subnets) {
    if (s.vpc == vpc && !s.outside) out.push_back(s.cidr);
  }
  return out;
}

// ", such as `10.0.3.0/24`": a free block of the subnet's size, kept to the sizes a subnet
// can have (/16 to /28); "" when there is none.
std::string such_as(const std::vector<Cidr>& ranges, const std::vector<Cidr>& taken, int prefix) {
  auto c = free_block(ranges, taken, std::clamp(prefix, 16, 28));
  return c ? ", such as `" + c->str() + "`" : "";
}

// `same` are the subnets after `s` whose range the same text gives: one mistake.
void report_outside(diag::Engine& diags, const Refs& refs, const Subnet& s, const std::vector<const Subnet*>& same,
                    const std::vector<Cidr>& ranges, const std::vector<Subnet>& all) {
  std::string name = name_of(*s.res), vpc = name_of(*s.vpc), within = ranges_phrase(ranges);
  Place p = place_of(refs.tmpl(), *s.res, "CidrBlock");
  auto b = diags.report(diag::Kind::SubnetOutsideVpc, p.span, {name, vpc, s.cidr.str(), within});
  note_place(b, *s.res, "CidrBlock", p);
  std::vector<std::string> others;
  for (const Subnet* o : same) others.push_back(name_of(*o->res));
  if (!others.empty()) b.note(quoted_list(others) + (others.size() > 1 ? " take" : " takes") + " the same range from the same text");
  b.note("a subnet's addresses are taken from one of its VPC's ranges; CloudFormation fails to create it otherwise");
  b.help("give `" + name + "` a range inside " + within + such_as(ranges, taken_in(all, s.vpc), s.cidr.prefix) +
         ", or add its range to `" + vpc + "` with an `AWS::EC2::VPCCidrBlock`");
}

bool same_place(const Place& a, const Place& b) {
  return a.span.file == b.span.file && a.span.begin == b.span.begin && a.span.end == b.span.end;
}

void report_overlap(diag::Engine& diags, const Refs& refs, const Subnet& s, const Subnet& first,
                    const std::vector<Subnet>& all) {
  std::string name = name_of(*s.res), vpc = name_of(*s.vpc);
  Place p = place_of(refs.tmpl(), *s.res, "CidrBlock");
  auto b = diags.report(diag::Kind::SubnetsOverlap, p.span,
                        {name, name_of(*first.res), vpc, s.cidr.str(), first.cidr.str()});
  note_place(b, *s.res, "CidrBlock", p);
  Place at = place_of(refs.tmpl(), *first.res, "CidrBlock");
  if (same_place(at, p)) b.note("`" + name_of(*first.res) + "` takes its range from the same text");
  else b.note(at.span, "the range of `" + name_of(*first.res) + "` is set here");
  b.note("the subnets of a VPC cannot share an address; CloudFormation fails to create the second one");
  std::string suggestion;
  if (auto ranges = vpc_ranges(refs, *s.vpc)) suggestion = such_as(*ranges, taken_in(all, s.vpc), s.cidr.prefix);
  b.help("give `" + name + "` a range that no other subnet of `" + vpc + "` uses" + suggestion);
}

}  // namespace

void check_subnets(const Refs& refs, diag::Engine& diags) {
  std::vector<Subnet> subnets = known_subnets(refs);
  std::map<const ir::Resource*, std::optional<std::vector<Cidr>>> ranges;
  for (Subnet& s : subnets) {
    auto it = ranges.find(s.vpc);
    if (it == ranges.end()) it = ranges.emplace(s.vpc, vpc_ranges(refs, *s.vpc)).first;
    const auto& r = it->second;
    s.outside = r && std::none_of(r->begin(), r->end(), [&](const Cidr& c) { return c.contains(s.cidr); });
  }
  // Subnets outside their VPC, one error for those whose range one text gives (a loop, a
  // library module's literal).
  std::vector<bool> told(subnets.size(), false);
  for (size_t i = 0; i < subnets.size(); ++i) {
    const Subnet& s = subnets[i];
    if (!s.outside || told[i]) continue;
    Place p = place_of(refs.tmpl(), *s.res, "CidrBlock");
    std::vector<const Subnet*> same;
    for (size_t j = i + 1; j < subnets.size(); ++j) {
      const Subnet& o = subnets[j];
      if (o.outside && !told[j] && o.vpc == s.vpc && o.cidr.str() == s.cidr.str() &&
          same_place(place_of(refs.tmpl(), *o.res, "CidrBlock"), p)) {
        told[j] = true;
        same.push_back(&o);
      }
    }
    report_outside(diags, refs, s, same, *ranges[s.vpc], subnets);
  }
  // Overlaps are looked for among the subnets of the same VPC, in template order.
  std::map<const ir::Resource*, std::vector<size_t>> by_vpc;
  for (size_t i = 0; i < subnets.size(); ++i) by_vpc[subnets[i].vpc].push_back(i);
  for (size_t i = 0; i < subnets.size(); ++i) {
    const Subnet& s = subnets[i];
    if (s.outside) continue;
    for (size_t j : by_vpc[s.vpc]) {
      if (j >= i) break;
      const Subnet& first = subnets[j];
      if (first.outside || !first.cidr.overlaps(s.cidr)) continue;
      if (coexist(refs.tmpl(), *first.res, *s.res) != Tri::Yes) continue;
      report_overlap(diags, refs, s, first, subnets);
      break;  // one error for the subnet, however many it overlaps
    }
  }
}

}  // namespace infrac::checks::net
