// CIDR blocks, IPv4 and IPv6: parsing, containment and overlap; for IPv4 also splitting
// into subnets as Fn::Cidr does. Used by the compile-time CIDR functions and by the
// checks that ask whether a rule or a route covers a subnet.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace infrac {

struct Cidr {
  bool v6 = false;
  std::array<uint8_t, 16> addr{};  // IPv4 uses the first 4 bytes
  int prefix = 0;                   // 0..32 for IPv4, 0..128 for IPv6

  // "10.0.0.0/16", "::/0", "2001:db8::/32"; nullopt for anything else, including an
  // address without a prefix length or an IPv4 part written with a leading zero.
  static std::optional<Cidr> parse(std::string_view text);

  // Whether every address of `inner` is in this block (same family only).
  bool contains(const Cidr& inner) const;
  // Whether the two blocks share an address (same family only).
  bool overlaps(const Cidr& other) const { return contains(other) || other.contains(*this); }
  // Whether this is the whole address space of its family (/0).
  bool is_everything() const { return prefix == 0; }
  // The IPv4 block as text, host bits cleared: "10.0.0.0/16".
  std::string str() const;
  // The first `count` IPv4 subnets with `host_bits` bits for hosts, as Fn::Cidr gives
  // them; empty when they do not fit or for IPv6.
  std::vector<Cidr> subnets(int count, int host_bits) const;
};

// Whether `outer` covers `inner`, both given as text; nullopt when either does not parse.
std::optional<bool> cidr_contains(std::string_view outer, std::string_view inner);

}  // namespace infrac
