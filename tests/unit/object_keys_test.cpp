// A key set twice in one object literal is E0404 with a note at its first setting, in a
// small object (looked for among the entries before it) and in a large one (in a map).
#include <catch2/catch.hpp>

#include <string>

#include "compile_helpers.h"

using infrac::test::compile_text;

namespace {

std::string object_of(int entries, int duplicate_of) {
  std::string o = "{";
  for (int i = 0; i < entries; ++i) o += " k" + std::to_string(i) + " = " + std::to_string(i) + ",";
  if (duplicate_of >= 0) o += " k" + std::to_string(duplicate_of) + " = 99,";
  return o + " }";
}

}  // namespace

TEST_CASE("object keys: a key set twice, in a small and in a large object", "[sema]") {
  for (int n : {3, 16, 40}) {
    INFO(n << " entries");
    auto fine = compile_text("resource t: AWS::SNS::Topic {}\nlet o = " + object_of(n, -1) + "\noutput x = o.k1\n");
    CHECK_FALSE(fine.has_code("E0404"));
    auto twice = compile_text("resource t: AWS::SNS::Topic {}\nlet o = " + object_of(n, 1) + "\noutput x = o.k1\n");
    CHECK(twice.has_code("E0404"));
    // The note points at the first `k1`: column 19 of `let o = { k0 = 0, k1 = 1, ...`.
    CHECK(twice.diagnostics.find(":2:19: note: first set here") != std::string::npos);
  }
}
