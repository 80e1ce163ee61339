#include "syntax/recover.h"

#include <algorithm>

namespace infrac::syntax {

namespace {

bool starts_declaration(std::string_view line) {
  static constexpr std::string_view words[] = {"param", "let", "resource", "output", "import",
                                               "module", "assert", "for", "if", "template"};
  if (line.empty()) return false;
  if (line[0] == '@' || line.substr(0, 3) == "///") return true;
  for (std::string_view w : words) {
    if (line.substr(0, w.size()) == w && (line.size() == w.size() || line[w.size()] == ' ' || line[w.size()] == '\t')) return true;
  }
  return false;
}

}  // namespace

std::vector<uint32_t> declaration_starts(std::string_view text) {
  // Line starts that begin a declaration (a run of annotations and doc comments belongs
  // to the declaration after it).
  std::vector<uint32_t> starts{0};
  bool after_lead = false;  // an annotation or doc comment started the declaration, whose keyword is still to come
  for (uint32_t i = 0; i < text.size();) {
    uint32_t eol = static_cast<uint32_t>(std::min(text.find('\n', i), text.size()));
    std::string_view line = text.substr(i, eol - i);
    bool begins = starts_declaration(line);
    if (begins && !after_lead && i != 0) starts.push_back(i);
    // An annotation or doc comment opens the declaration; the keyword's line (after any
    // lines of the annotations' arguments) is still part of it.
    if (begins) after_lead = line[0] == '@' || line.substr(0, 3) == "///";
    i = eol + 1;
  }
  return starts;
}

std::string blank_declarations(std::string_view text, const std::vector<uint32_t>& error_offsets) {
  std::vector<uint32_t> starts = declaration_starts(text);
  // An error at the end of the file (or in the blanks before it) belongs to the last
  // declaration that has any text: it is the one left unfinished.
  size_t last = text.find_last_not_of(" \t\r\n");
  std::vector<uint32_t> at;
  for (uint32_t e : error_offsets) {
    if (last != std::string_view::npos && e > last) e = static_cast<uint32_t>(last);
    at.push_back(e);
  }
  std::string out(text);
  for (size_t k = 0; k < starts.size(); ++k) {
    uint32_t begin = starts[k];
    uint32_t end = k + 1 < starts.size() ? starts[k + 1] : static_cast<uint32_t>(text.size());
    bool broken = std::any_of(at.begin(), at.end(), [&](uint32_t e) { return e >= begin && e < end; });
    if (!broken) continue;
    for (uint32_t i = begin; i < end; ++i) {
      if (out[i] != '\n') out[i] = ' ';
    }
  }
  return out;
}

}  // namespace infrac::syntax
