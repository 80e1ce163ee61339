// Long values quoted in messages.
#include <catch2/catch.hpp>

#include <string>

#include "base/excerpt.h"

TEST_CASE("an excerpt of a long value for a message", "[excerpt]") {
  CHECK(infrac::excerpt("short") == "short");
  CHECK(infrac::excerpt(std::string(100, 'a'), 10) == "aaaaaaaaaa...");
  // Cut between characters, never inside one.
  CHECK(infrac::excerpt("ééé", 2) == "éé...");
  CHECK(infrac::excerpt("éé", 2) == "éé");
}
