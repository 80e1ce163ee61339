// IPv4 CIDR blocks: parsing, containment, overlap, and splitting into subnets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace infrac {

struct Cidr {
  uint32_t base = 0;  // the network address, host bits cleared
  int prefix = 0;     // 0..32

  static std::optional<Cidr> parse(const std::string& text);
  std::string str() const;
  uint64_t size() const { return uint64_t{1} << (32 - prefix); }
  uint32_t last() const { return base + static_cast<uint32_t>(size() - 1); }
  bool contains(const Cidr& other) const { return prefix <= other.prefix && other.base >= base && other.last() <= last(); }
  bool overlaps(const Cidr& other) const { return base <= other.last() && other.base <= last(); }
  // The first `count` subnets with `host_bits` bits for hosts, as Fn::Cidr gives them;
  // empty when they do not fit.
  std::vector<Cidr> subnets(int count, int host_bits) const;
};

}  // namespace infrac
