// Did-you-mean suggestions.
#include <catch2/catch.hpp>

#include "diag/spell.h"

using infrac::diag::closest;

TEST_CASE("a case-insensitive match wins over closer edits", "[spell]") {
  auto m = closest("enablednshostnames", {"EnableDnsHostnames", "EnableDnsSupport"});
  REQUIRE(m);
  CHECK(*m == "EnableDnsHostnames");
}

TEST_CASE("small typos are found, unrelated words are not", "[spell]") {
  CHECK(closest("vcp", {"vpc", "subnet"}).value_or("") == "vpc");
  CHECK(closest("CidrBlok", {"CidrBlock", "VpcId"}).value_or("") == "CidrBlock");
  CHECK_FALSE(closest("bucket", {"vpc", "igw"}));
  CHECK_FALSE(closest("x", {}));
}

TEST_CASE("the exact name is not suggested as its own fix", "[spell]") {
  CHECK_FALSE(closest("vpc", {"vpc"}));
}
