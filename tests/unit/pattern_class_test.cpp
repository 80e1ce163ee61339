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

TEST_CASE("the ASCII members of each general category are the ones RE2 knows", "[pattern]") {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  for (const char* name : {"L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc",
                           "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl", "Zp",
                           "C", "Cc", "Cf", "Co", "Cs"}) {
    auto set = infrac::ascii_category(name);
    REQUIRE(set.has_value());
    RE2 re(std::string("\\p{") + name + "}", options);
    REQUIRE(re.ok());
    for (int c = 0; c < 128; ++c) {
      INFO("\\p{" << name << "} and character " << c);
      bool member = (((*set)[c >> 6] >> (c & 63)) & 1) != 0;
      CHECK(RE2::FullMatch(std::string(1, static_cast<char>(c)), re) == member);
    }
  }
  CHECK_FALSE(infrac::ascii_category("Greek").has_value());
}

TEST_CASE("a pattern narrowed to ASCII decides ASCII texts as the whole pattern, for every catalog pattern", "[pattern]") {
  std::mt19937 rng(11);
  std::uniform_int_distribution<int> ascii(0, 127), length(0, 12);
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  size_t narrowed = 0;
  for (const std::string& source : catalog_patterns()) {
    auto syntax = infrac::to_re2_syntax(source, infrac::PatternDialect::JsonSchema, false);
    if (!syntax) continue;
    auto ascii_text = infrac::ascii_narrowed(syntax->text);
    if (!ascii_text) continue;
    RE2 whole(syntax->text, options), small(*ascii_text, options);
    if (!whole.ok()) continue;  // too large for RE2 as written: not checked either way
    REQUIRE(small.ok());
    ++narrowed;
    std::vector<std::string> texts = {""};
    for (int c = 0; c < 128; ++c) texts.emplace_back(1, static_cast<char>(c));
    for (int k = 0; k < 60; ++k) {
      std::string t;
      for (int n = length(rng); n > 0; --n) t += static_cast<char>(ascii(rng));
      texts.push_back(t);
    }
    for (const std::string& t : texts) {
      INFO("pattern " << source << " as " << syntax->text << ", narrowed " << *ascii_text << ", text \"" << t << "\"");
      CHECK(RE2::PartialMatch(t, small) == RE2::PartialMatch(t, whole));
      CHECK(RE2::FullMatch(t, small) == RE2::FullMatch(t, whole));
    }
  }
  INFO(narrowed << " patterns narrowed");
  CHECK(narrowed > 50);
}

TEST_CASE("a narrowed pattern: a managed policy's ARN, and what stays with the whole pattern", "[pattern]") {
  const char* arn = "arn:(aws[a-zA-Z-]*)?:iam::(\\d{12}|aws):policy/[a-zA-Z_0-9+=,.@\\-_/]+";
  auto p = infrac::Pattern::get(arn, infrac::PatternDialect::JsonSchema);
  REQUIRE(p != nullptr);
  CHECK(p->search("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"));
  CHECK(p->search("arn:aws:iam::123456789012:policy/team/x"));
  CHECK_FALSE(p->search("arn:aws:iam::12345678901x:policy/x"));
  CHECK_FALSE(p->search("AmazonSSMManagedInstanceCore"));
  // Beyond ASCII the whole pattern decides: `\d` holds every decimal digit there.
  CHECK(p->search("arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:policy/x"));
  // What cannot be narrowed: a script, a category with no ASCII member outside a class.
  CHECK_FALSE(infrac::ascii_narrowed("^[\\p{Greek}]+$").has_value());
  CHECK_FALSE(infrac::ascii_narrowed("^\\p{Mn}$").has_value());
  CHECK_FALSE(infrac::ascii_narrowed("^[\\p{Mn}]$").has_value());
  CHECK(infrac::ascii_narrowed("^[\\p{Mn}a]$").has_value());
  CHECK_FALSE(infrac::ascii_narrowed("^[a-z]+$").has_value());  // nothing to narrow
}
