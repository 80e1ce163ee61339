// `infrac explain`: what a diagnostic code means. The explanations are the sections of
// docs/diagnostics.md, embedded in the binary when it is built (cli/explain_data.S.in),
// so the command reads no file at run time and always matches the binary.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace infrac::cli {

// One section of the diagnostics document: a `## E0401: unknown name` heading and
// everything below it up to the next heading, without trailing blank lines.
struct ExplainSection {
  std::string_view code;   // as written in the heading: "E0401"
  std::string_view title;  // "unknown name"
  std::string_view text;   // the heading line and the body
};

// docs/diagnostics.md as it was when this binary was built.
std::string_view diagnostics_doc();

// The sections of a diagnostics document, in document order. A section starts at a line
// `## X0000: title` (a letter, four digits, a colon) outside fenced code blocks and ends
// before the next line that starts with `# ` or `## ` outside fenced code blocks.
std::vector<ExplainSection> explain_sections(std::string_view doc);

// True for text shaped like a diagnostic code: one letter and four digits, in any case.
bool looks_like_code(std::string_view text);

// The section of `code` (in any case) in the embedded document, or nullptr.
const ExplainSection* find_explanation(std::string_view code);

// `infrac explain CODE` prints the section of CODE; `infrac explain --list` (or no code)
// prints every code with its title. Returns 0, or 2 for a code that does not exist.
int explain(const std::string& code, bool list);
int explain(const std::string& code, bool list, std::ostream& out, std::ostream& err);

}  // namespace infrac::cli
