// Tests for `infrac explain` (compiler/cli/explain.h): docs/diagnostics.md, embedded in the
// binary, has exactly one section per code of the diagnostic catalog (diag/kinds.def), in
// code order and in the shape the command and readers rely on.
#include "cli/explain.h"

#include <algorithm>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "diag/diagnostic.h"

using infrac::cli::ExplainSection;

namespace {

std::vector<std::string> catalog_codes() {
  std::vector<std::string> codes;
  for (auto k : infrac::diag::all_kinds()) codes.emplace_back(infrac::diag::info(k).code);
  return codes;
}

std::vector<ExplainSection> doc_sections() { return infrac::cli::explain_sections(infrac::cli::diagnostics_doc()); }

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

}  // namespace

TEST_CASE("explain: every code of the catalog has a section", "[explain]") {
  std::set<std::string> documented;
  for (const auto& s : doc_sections()) documented.emplace(s.code);
  for (const std::string& code : catalog_codes()) {
    INFO("docs/diagnostics.md has no section `## " << code << ": ...`");
    CHECK(documented.count(code) == 1);
  }
}

TEST_CASE("explain: every section is a code of the catalog", "[explain]") {
  std::vector<std::string> codes = catalog_codes();
  for (const auto& s : doc_sections()) {
    INFO("docs/diagnostics.md explains `" << s.code << "`, which is not in compiler/diag/kinds.def");
    CHECK(std::find(codes.begin(), codes.end(), std::string(s.code)) != codes.end());
  }
}

TEST_CASE("explain: sections come once each, in code order", "[explain]") {
  auto sections = doc_sections();
  REQUIRE_FALSE(sections.empty());
  for (size_t i = 1; i < sections.size(); ++i) {
    INFO(sections[i - 1].code << " comes before " << sections[i].code);
    CHECK(sections[i - 1].code < sections[i].code);
  }
}

TEST_CASE("explain: every section has a title, an example, its diagnostic and a fix", "[explain]") {
  for (const auto& s : doc_sections()) {
    INFO("section " << s.code);
    CHECK_FALSE(s.title.empty());
    CHECK((contains(s.text, "\n```infra\n") || contains(s.text, "\n```sh\n")));
    CHECK(contains(s.text, "\n```text\n"));
    // The printed diagnostic is the one the section is about.
    CHECK(contains(s.text, "[" + std::string(s.code) + "]"));
    CHECK(contains(s.text, "\n**Fix:** "));
  }
}

TEST_CASE("explain: a code is found in any case", "[explain]") {
  const ExplainSection* upper = infrac::cli::find_explanation("E0401");
  REQUIRE(upper != nullptr);
  CHECK(upper->code == "E0401");
  CHECK(infrac::cli::find_explanation("e0401") == upper);
  CHECK(infrac::cli::find_explanation("E9999") == nullptr);
  CHECK(infrac::cli::find_explanation("E040") == nullptr);
  CHECK(infrac::cli::find_explanation("") == nullptr);
}

TEST_CASE("explain: prints the section of a code", "[explain]") {
  std::ostringstream out, err;
  CHECK(infrac::cli::explain("e0401", false, out, err) == 0);
  std::string text = out.str();
  CHECK(text.rfind("## E0401: ", 0) == 0);
  CHECK(contains(text, "**Fix:**"));
  CHECK_FALSE(contains(text, "\n## "));  // stops before the next section
  CHECK(text.back() == '\n');
  CHECK(err.str().empty());
}

TEST_CASE("explain: an unknown code is a usage error", "[explain]") {
  for (const char* code : {"E9999", "401", "unknown"}) {
    std::ostringstream out, err;
    CHECK(infrac::cli::explain(code, false, out, err) == 2);
    CHECK(out.str().empty());
    CHECK(contains(err.str(), code));
    CHECK(contains(err.str(), "E0401"));  // says what a code looks like or where to find them
  }
}

TEST_CASE("explain: --list and no code list every code with its title", "[explain]") {
  for (bool flag : {true, false}) {
    std::ostringstream out, err;
    CHECK(infrac::cli::explain("", flag, out, err) == 0);
    std::string text = out.str();
    for (const std::string& code : catalog_codes()) CHECK(contains(text, code + "  "));
    CHECK(std::count(text.begin(), text.end(), '\n') == static_cast<long>(doc_sections().size()));
  }
  std::ostringstream out, err;
  CHECK(infrac::cli::explain("E0401", true, out, err) == 2);
}

TEST_CASE("explain: sections end at the next heading outside code blocks", "[explain]") {
  std::string doc =
      "# Diagnostics\n\nIntro.\n\n"
      "## E0001: first\n\nText.\n\n```infra\n## not a heading, an infra comment\n```\n\n\n"
      "## About codes\n\nNot a section.\n\n"
      "## e0002:   second  \r\nBody\r\n";
  auto sections = infrac::cli::explain_sections(doc);
  REQUIRE(sections.size() == 2);
  CHECK(sections[0].code == "E0001");
  CHECK(sections[0].title == "first");
  CHECK(sections[0].text == "## E0001: first\n\nText.\n\n```infra\n## not a heading, an infra comment\n```");
  CHECK(sections[1].code == "e0002");
  CHECK(sections[1].title == "second");
  CHECK(sections[1].text == "## e0002:   second  \r\nBody");
}
