// CIDR blocks, IPv4 and IPv6: parsing and containment, for the checks that ask whether
// a security group rule or a route covers a subnet.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace infrac::checks {

struct Cidr {
  bool v6 = false;
  std::array<uint8_t, 16> addr{};  // IPv4 uses the first 4 bytes
  int prefix = 0;                   // 0..32 for IPv4, 0..128 for IPv6

  // "10.0.0.0/16", "::/0", "2001:db8::/32"; nullopt for anything else, including an
  // address without a prefix length.
  static std::optional<Cidr> parse(std::string_view text);

  // Whether every address of `inner` is in this block (same family only).
  bool contains(const Cidr& inner) const;
  // Whether this is the whole address space of its family (/0).
  bool is_everything() const { return prefix == 0; }
};

// Whether `outer` covers `inner`, both given as text; nullopt when either does not parse.
std::optional<bool> cidr_contains(std::string_view outer, std::string_view inner);

}  // namespace infrac::checks
