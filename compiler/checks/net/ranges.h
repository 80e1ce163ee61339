// The IPv4 address ranges of the network a template builds, where they are known at
// compile time.
#pragma once

#include <optional>
#include <vector>

#include "base/cidr.h"
#include "checks/refs.h"

namespace infrac::checks::net {

// An IPv4 network written as a literal that is its own network address: "10.0.0.0/16",
// or "10.0.0.1" for the one address 10.0.0.1/32 (the `ipv4-network` format takes it),
// but not "10.0.0.1/16" nor "10.0.0.0/16 ". Anything else is nullopt: a value known only
// at deploy time, or a malformed one, which the schema check reports.
std::optional<Cidr> literal_network(const ir::Value* v);

// The IPv4 ranges of `vpc`: its `CidrBlock` and those of the `AWS::EC2::VPCCidrBlock`s
// that add to it. nullopt when any of them is not known at compile time.
std::optional<std::vector<Cidr>> vpc_ranges(const Refs& refs, const ir::Resource& vpc);

// The ranges as a phrase: "`10.0.0.0/16`", "`10.0.0.0/16` or `10.1.0.0/16`".
std::string ranges_phrase(const std::vector<Cidr>& ranges);

// The first block of `prefix` bits inside one of `ranges` that overlaps none of `taken`;
// nullopt when there is none among the first few thousand.
std::optional<Cidr> free_block(const std::vector<Cidr>& ranges, const std::vector<Cidr>& taken, int prefix);

}  // namespace infrac::checks::net
