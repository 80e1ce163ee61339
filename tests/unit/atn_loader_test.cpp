// The parser's ATN as syntax/atn_loader.h reads it, against the runtime's ATNDeserializer
// (which verifies what it reads): every state with its type, rule, decision and the
// states it is paired with, every transition with its kind, target, label and arguments,
// and the rule, decision and mode tables, must be the same.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "syntax/atn_reference.h"

using infrac::syntax::AtnDump;
using infrac::syntax::parser_atn_dump;

namespace {

// The first line where the two differ, for the message; empty when they do not.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream x(a), y(b);
  std::string l, r;
  for (size_t n = 1;; ++n) {
    bool more_l = static_cast<bool>(std::getline(x, l));
    bool more_r = static_cast<bool>(std::getline(y, r));
    if (!more_l && !more_r) return "";
    if (!more_l || !more_r || l != r)
      return "line " + std::to_string(n) + ": runtime `" + (more_l ? l : "(end)") +
             "`, loader `" + (more_r ? r : "(end)") + "`";
  }
}

}  // namespace

TEST_CASE("the generated parser's ATN was read by the loader", "[atn]") {
  // Only load_parser_atn records its input, and only the generated parser's static
  // initialiser (as syntax/atn_hook.cmake rewrites it) calls it before main.
  AtnDump runtime = parser_atn_dump(true);
  CHECK(infrac::syntax::parser_atn_fell_back_to_runtime() == "");
  REQUIRE(runtime.states > 100);
  REQUIRE(runtime.transitions > runtime.states);
}

TEST_CASE("the loader reads the parser's ATN as the runtime does", "[atn]") {
  AtnDump runtime = parser_atn_dump(true);
  AtnDump loaded = parser_atn_dump(false);
  CHECK(infrac::syntax::parser_atn_fell_back_to_runtime() == "");
  CHECK(loaded.states == runtime.states);
  CHECK(loaded.transitions == runtime.transitions);
  INFO(first_difference(runtime.text, loaded.text));
  CHECK(loaded.text == runtime.text);
}
