// Class patterns (base/pattern_class.h) decide ASCII texts without RE2: for every pattern
// of the catalog that reads as one, they must decide as RE2 does on the same RE2 syntax.
#include <catch2/catch.hpp>
#include <re2/re2.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include "base/pattern.h"
#include "base/pattern_class.h"
#include "base/pattern_syntax.h"

using infrac::ClassPattern;
using infrac::read_class_pattern;

namespace {

// Every `"pt"` of the catalog, decoded.
std::set<std::string> catalog_patterns() {
  std::ifstream in(std::string(INFRAC_SOURCE_DIR) + "/compiler/catalog/data/cfn-catalog.jsonl");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::set<std::string> out;
  for (size_t at = text.find("\"pt\":\""); at != std::string::npos; at = text.find("\"pt\":\"", at + 1)) {
    size_t start = at + 5, end = start + 1;
    while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
    out.insert(nlohmann::json::parse(text.substr(start, end - start + 1)).get<std::string>());
  }
  return out;
}

// Texts that probe a class: its own members, every ASCII character once, lengths around
// the bounds.
std::vector<std::string> probes(const ClassPattern& p, std::mt19937& rng) {
  std::string members;
  for (int c = 0; c < 128; ++c) {
    if (p.has(static_cast<unsigned char>(c))) members += static_cast<char>(c);
  }
  std::vector<std::string> out = {""};
  std::uniform_int_distribution<int> ascii(0, 127);
  for (uint64_t n : {p.min, p.min + 1, p.max.value_or(p.min + 3), p.max.value_or(p.min + 3) + 1, uint64_t{2}}) {
    if (n > 2000) continue;
    std::string good;
    for (uint64_t i = 0; i < n && !members.empty(); ++i) good += members[rng() % members.size()];
    out.push_back(good);
    for (int k = 0; k < 4 && !good.empty(); ++k) {
      std::string bad = good;
      bad[rng() % bad.size()] = static_cast<char>(ascii(rng));
      out.push_back(bad);
    }
  }
  for (int c = 1; c < 128; ++c) out.emplace_back(1, static_cast<char>(c));
  return out;
}

}  // namespace

TEST_CASE("class patterns decide ASCII texts as RE2 does, for every catalog pattern that is one", "[pattern]") {
  std::mt19937 rng(7);
  size_t classes = 0, texts = 0;
  for (const std::string& source : catalog_patterns()) {
    auto syntax = infrac::to_re2_syntax(source, infrac::PatternDialect::JsonSchema, false);
    if (!syntax) continue;
    auto p = read_class_pattern(syntax->text);
    if (!p) continue;
    ++classes;
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingUTF8);
    options.set_log_errors(false);
    RE2 re(syntax->text, options);
    REQUIRE(re.ok());
    for (const std::string& t : probes(*p, rng)) {
      ++texts;
      bool want = p->anchored ? RE2::PartialMatch(t, re) : RE2::FullMatch(t, re);
      INFO("pattern " << source << " as " << syntax->text << ", text \"" << t << "\"");
      CHECK(p->matches(t) == want);
    }
  }
  INFO(classes << " class patterns, " << texts << " texts");
  CHECK(classes > 300);
}

TEST_CASE("what is not one class repeated is left to RE2", "[pattern]") {
  for (const char* re : {"^[a-z]+", "[a-z]+$", "^[^a-z]+$", "^(?i)[a-z]+$", "^[a-z]+?$", "^[a-z]|[0-9]$", "^[\\d]+$",
                         "^[[:alpha:]]+$", "^([a-z]+)$", "^[a-z]{2}[0-9]$", "^[\\p{Greek}]+$", "^[a-z]*+$"}) {
    INFO(re);
    CHECK_FALSE(read_class_pattern(re).has_value());
  }
  auto p = read_class_pattern("^[a-z\\x{2D}0-9]{1,3}$");
  REQUIRE(p.has_value());
  CHECK(p->matches("a-9"));
  CHECK_FALSE(p->matches("abcd"));
  CHECK_FALSE(p->matches(""));
  CHECK_FALSE(p->matches("A"));
}

TEST_CASE("a class pattern leaves texts beyond ASCII to RE2, compiled as the pattern would be", "[pattern]") {
  // `{1,256}` of a Unicode class is too large for RE2's memory bound until its count
  // loses the upper bound: the lazy compilation must take the same way.
  auto p = infrac::Pattern::get("^[\\w]{1,256}$", infrac::PatternDialect::JsonSchema);
  REQUIRE(p != nullptr);
  CHECK(p->search("日本語"));
  CHECK_FALSE(p->search("x語HsiO "));
  CHECK_FALSE(p->search("ab cd"));  // ASCII: decided by the class
  CHECK(p->search("ab_cd"));
}
