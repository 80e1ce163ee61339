#include "import/names.h"

#include <cctype>

#include "ir/lower.h"

namespace infrac::importer {

namespace {

bool upper(char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; }
bool lower(char c) { return std::islower(static_cast<unsigned char>(c)) != 0; }
bool digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Words that begin declarations or are literals: a declaration named so would read
// badly or not at all.
bool reserved(std::string_view n) {
  static const std::set<std::string, std::less<>> words = {
      "true", "false", "null", "param", "let", "resource", "output", "import",
      "module", "assert", "for", "if", "template", "in", "else", "as"};
  return words.count(n) > 0;
}

}  // namespace

std::string snake_name(std::string_view id) {
  std::string out;
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != '_') out += '_';
      continue;
    }
    if (upper(c) && i > 0 && !out.empty() && out.back() != '_') {
      char prev = id[i - 1];
      bool next_lower = i + 1 < id.size() && lower(id[i + 1]);
      // A word starts at a capital after a small letter or digit (`subnetA`, `S3Bucket`),
      // or at the last capital of an acronym followed by a small letter (`VPCGateway`).
      if (lower(prev) || digit(prev) || (upper(prev) && next_lower)) out += '_';
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty() || digit(out[0])) out = "x_" + out;
  return out;
}

Name Namespace::claim(std::string_view logical_id, std::string_view suffix) {
  std::string base = snake_name(logical_id);
  if (!suffix.empty() && taken_.count(base) > 0) base += "_" + std::string(suffix);
  // A trailing `_` keeps the logical ID (`if_` is `If`) and avoids the word.
  if (reserved(base)) base += "_";
  std::string name = base;
  for (int n = 2; taken_.count(name) > 0; ++n) name = base + "_" + std::to_string(n);
  taken_.insert(name);
  return Name{name, ir::pascal_case(name) != logical_id};
}

}  // namespace infrac::importer
