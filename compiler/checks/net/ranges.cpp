#include "checks/net/ranges.h"

#include <algorithm>

#include "checks/values.h"

namespace infrac::checks::net {

std::optional<Cidr> literal_network(const ir::Value* v) {
  if (v == nullptr || v->kind != ir::Value::String) return std::nullopt;
  // A bare address is a network of one address, as the `ipv4-network` format reads it.
  std::string text = v->text.find('/') == std::string::npos ? v->text + "/32" : v->text;
  auto c = Cidr::parse(text);
  if (!c || c->v6 || c->str() != text) return std::nullopt;
  return c;
}

namespace {

// Whether `v`, a `VpcId` that names no resource of the template, surely names a VPC
// made elsewhere: a parameter or an export of another stack.
bool names_outside(const Refs& refs, const ir::Value* v) {
  if (v == nullptr) return true;
  if (is_fn(*v, "Fn::ImportValue")) return true;
  return is_fn(*v, "Ref") && refs.target(v) == nullptr;
}

}  // namespace

std::optional<std::vector<Cidr>> vpc_ranges(const Refs& refs, const ir::Resource& vpc) {
  auto primary = literal_network(prop(vpc, "CidrBlock"));
  if (!primary) return std::nullopt;
  std::vector<Cidr> out = {*primary};
  for (const ir::Resource* block : refs.of_type("AWS::EC2::VPCCidrBlock")) {
    const ir::Value* id = prop(*block, "VpcId");
    const ir::Resource* owner = refs.resolve(id, "AWS::EC2::VPC");
    if (owner == nullptr && names_outside(refs, id)) continue;
    if (owner != nullptr && owner != &vpc) continue;
    // Ours, or perhaps ours (a `VpcId` chosen at deploy time).
    const ir::Value* cidr = prop(*block, "CidrBlock");
    if (cidr == nullptr && prop(*block, "Ipv4IpamPoolId") == nullptr) continue;  // an IPv6 block
    auto c = literal_network(cidr);
    if (!c || owner == nullptr) return std::nullopt;
    out.push_back(*c);
  }
  return out;
}

std::string ranges_phrase(const std::vector<Cidr>& ranges) {
  std::string out;
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (i > 0) out += i + 1 == ranges.size() ? " or " : ", ";
    out += "`" + ranges[i].str() + "`";
  }
  return out;
}

std::optional<Cidr> free_block(const std::vector<Cidr>& ranges, const std::vector<Cidr>& taken, int prefix) {
  constexpr int kMaxTries = 4096;
  for (const Cidr& range : ranges) {
    if (range.prefix > prefix) continue;
    int count = prefix - range.prefix >= 12 ? kMaxTries : 1 << (prefix - range.prefix);
    for (const Cidr& c : range.subnets(count, 32 - prefix)) {
      if (std::none_of(taken.begin(), taken.end(), [&](const Cidr& t) { return t.overlaps(c); })) return c;
    }
  }
  return std::nullopt;
}

}  // namespace infrac::checks::net
