#include "cli/explain.h"

#include <cctype>
#include <iostream>

// Defined by cli/explain_data.S: the bytes of docs/diagnostics.md.
extern "C" const char infrac_diagnostics_doc[];
extern "C" const char infrac_diagnostics_doc_end[];

namespace infrac::cli {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A fence opens or closes a code block: ``` or ~~~ after at most three spaces.
bool is_fence(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && i < 3 && line[i] == ' ') ++i;
  line.remove_prefix(i);
  return starts_with(line, "```") || starts_with(line, "~~~");
}

bool is_blank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

bool same_code(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

const std::vector<ExplainSection>& embedded_sections() {
  static const std::vector<ExplainSection> sections = explain_sections(diagnostics_doc());
  return sections;
}

}  // namespace

std::string_view diagnostics_doc() {
  return std::string_view(infrac_diagnostics_doc,
                          static_cast<size_t>(infrac_diagnostics_doc_end - infrac_diagnostics_doc));
}

bool looks_like_code(std::string_view text) {
  if (text.size() != 5 || !std::isalpha(static_cast<unsigned char>(text[0]))) return false;
  for (size_t i = 1; i < 5; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

std::vector<ExplainSection> explain_sections(std::string_view doc) {
  std::vector<ExplainSection> out;
  bool in_fence = false;
  bool open = false;       // a section is being collected
  size_t start = 0;        // where the open section starts
  size_t content_end = 0;  // the end of its last non-blank line
  auto close = [&]() {
    if (open) out.back().text = doc.substr(start, content_end - start);
    open = false;
  };
  size_t pos = 0;
  while (pos < doc.size()) {
    size_t nl = doc.find('\n', pos);
    size_t end = nl == std::string_view::npos ? doc.size() : nl;
    std::string_view line = doc.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (is_fence(line)) {
      in_fence = !in_fence;
    } else if (!in_fence && (starts_with(line, "# ") || starts_with(line, "## "))) {
      close();
      std::string_view rest = line.substr(line[1] == '#' ? 3 : 2);
      if (starts_with(line, "## ") && rest.size() > 6 && looks_like_code(rest.substr(0, 5)) && rest[5] == ':') {
        std::string_view title = rest.substr(6);
        while (!title.empty() && title.front() == ' ') title.remove_prefix(1);
        while (!title.empty() && title.back() == ' ') title.remove_suffix(1);
        out.push_back(ExplainSection{rest.substr(0, 5), title, {}});
        open = true;
        start = pos;
      }
    }
    if (open && !is_blank(line)) content_end = pos + line.size();
    pos = nl == std::string_view::npos ? doc.size() : nl + 1;
  }
  close();
  return out;
}

const ExplainSection* find_explanation(std::string_view code) {
  for (const ExplainSection& s : embedded_sections()) {
    if (same_code(s.code, code)) return &s;
  }
  return nullptr;
}

int explain(const std::string& code, bool list) { return explain(code, list, std::cout, std::cerr); }

int explain(const std::string& code, bool list, std::ostream& out, std::ostream& err) {
  if (list && !code.empty()) {
    err << "infrac: give either a diagnostic code or `--list`, not both\n";
    return 2;
  }
  if (code.empty()) {
    for (const ExplainSection& s : embedded_sections()) out << s.code << "  " << s.title << "\n";
    return 0;
  }
  if (const ExplainSection* s = find_explanation(code)) {
    out << s->text << "\n";
    return 0;
  }
  err << "infrac: `" << code << "` is " << (looks_like_code(code) ? "not a diagnostic code of infrac" : "not a diagnostic code")
      << "; codes are a letter and four digits, such as E0401 (E for errors, W for warnings), in any case; "
      << "`infrac explain --list` lists them all\n";
  return 2;
}

}  // namespace infrac::cli
