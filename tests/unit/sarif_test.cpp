// The SARIF renderer: the log's structure (one run, the catalog as rules, results pointing
// at rules and places), how files are named, and how columns count.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/sarif.h"

using infrac::SourceManager;
using infrac::Span;
using infrac::diag::DiagnosticSet;
using infrac::diag::Engine;
using infrac::diag::Kind;
using infrac::diag::RuleDoc;
using infrac::diag::SarifOptions;

namespace {

SarifOptions options() {
  SarifOptions o;
  o.tool_version = "9.8.7";
  o.information_uri = "file:///proj/docs/diagnostics.md";
  o.base_dir = "/proj";
  o.rule_doc = [](std::string_view code) {
    if (code == "E0401") return RuleDoc{"unknown name", "A name is used that is not declared.\n\nDeclare it."};
    return RuleDoc{};
  };
  return o;
}

nlohmann::json sarif(const Engine& e, const SourceManager& sm) {
  auto diags = e.sorted();
  std::vector<DiagnosticSet> sets{{&diags, &sm, e.dropped()}};
  return nlohmann::json::parse(infrac::diag::render_sarif(sets, options()));
}

const nlohmann::json& rule_of(const nlohmann::json& log, const nlohmann::json& result) {
  return log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"].get<size_t>()];
}

}  // namespace

TEST_CASE("a SARIF log has one run whose rules are the catalog", "[sarif]") {
  SourceManager sm;
  Engine e;
  nlohmann::json log = sarif(e, sm);
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const auto& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "infrac");
  CHECK(run["tool"]["driver"]["version"] == "9.8.7");
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///proj/");
  CHECK(run["results"].empty());
  const auto& rules = run["tool"]["driver"]["rules"];
  CHECK(rules.size() == infrac::diag::all_kinds().size());
  bool found = false;
  for (const auto& r : rules) {
    if (r["id"] != "E0401") continue;
    found = true;
    CHECK(r["name"] == "UnknownName");
    CHECK(r["shortDescription"]["text"] == "unknown name");
    CHECK(r["fullDescription"]["text"] == "A name is used that is not declared.");
    CHECK(r["help"]["markdown"] == "A name is used that is not declared.\n\nDeclare it.");
    CHECK(r["defaultConfiguration"]["level"] == "error");
  }
  CHECK(found);
}

TEST_CASE("a SARIF result points at its rule, its place, and its notes' places", "[sarif]") {
  SourceManager sm;
  auto file = sm.add("/proj/src/my app.infra", "let a = 1\nresource x: T { v = vcp }\n");
  Engine e;
  e.report(Kind::UnknownName, Span{file, 30, 33}, {"vcp"})
      .label("not declared")
      .note(Span{file, 4, 5}, "a name declared here")
      .note("names are looked up in the file")
      .help("did you mean `vpc`?");
  nlohmann::json log = sarif(e, sm);
  const auto& results = log["runs"][0]["results"];
  REQUIRE(results.size() == 1);
  const auto& r = results[0];
  CHECK(r["ruleId"] == "E0401");
  CHECK(rule_of(log, r)["id"] == "E0401");
  CHECK(r["level"] == "error");
  CHECK(r["message"]["text"] == "unknown name `vcp`");
  const auto& loc = r["locations"][0]["physicalLocation"];
  CHECK(loc["artifactLocation"]["uri"] == "src/my%20app.infra");
  CHECK(loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(loc["region"]["startLine"] == 2);
  CHECK(loc["region"]["startColumn"] == 21);
  CHECK(loc["region"]["endLine"] == 2);
  CHECK(loc["region"]["endColumn"] == 24);  // the column after the span: SARIF's end is exclusive
  CHECK(loc["region"]["message"]["text"] == "not declared");
  REQUIRE(r["relatedLocations"].size() == 1);
  CHECK(r["relatedLocations"][0]["message"]["text"] == "a name declared here");
  CHECK(r["relatedLocations"][0]["physicalLocation"]["region"]["startColumn"] == 5);
  CHECK(r["properties"]["notes"][0] == "names are looked up in the file");
  CHECK(r["properties"]["help"][0] == "did you mean `vpc`?");
}

TEST_CASE("a SARIF warning, a file outside the base, and a diagnostic without a place", "[sarif]") {
  SourceManager sm;
  auto file = sm.add("/usr/share/infrac/stdlib/ü.infra", "é = 1\n");
  Engine e;
  e.report(Kind::AdminPortOpen, Span{file, 0, 2}, {"a", "b", "22", "0.0.0.0/0"});
  e.report(Kind::FileNotFound, Span{}, {"missing.infra"});
  nlohmann::json log = sarif(e, sm);
  const auto& results = log["runs"][0]["results"];
  REQUIRE(results.size() == 2);
  for (const auto& r : results) {
    if (r["ruleId"] == "W0101") {
      CHECK(r["level"] == "warning");
      CHECK(rule_of(log, r)["defaultConfiguration"]["level"] == "warning");
      const auto& loc = r["locations"][0]["physicalLocation"];
      CHECK(loc["artifactLocation"]["uri"] == "file:///usr/share/infrac/stdlib/%C3%BC.infra");
      CHECK_FALSE(loc["artifactLocation"].contains("uriBaseId"));
      CHECK(loc["region"]["endColumn"] == 2);  // `é` is one code point of two bytes
    } else {
      CHECK(r["ruleId"] == "E0101");
      CHECK_FALSE(r.contains("locations"));
    }
  }
}

TEST_CASE("paths become URI references byte by byte", "[sarif]") {
  CHECK(infrac::diag::uri_escape_path("a/b-c_d.e~f") == "a/b-c_d.e~f");
  CHECK(infrac::diag::uri_escape_path("a b#?%") == "a%20b%23%3F%25");
  CHECK(infrac::diag::uri_escape_path("\xff") == "%FF");
}
