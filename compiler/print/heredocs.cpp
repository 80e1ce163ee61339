// Heredocs printed back as heredocs (docs/language.md, Heredocs): `<<EOT` with its lines
// as they are, `<<-EOT` with its lines indented one level deeper than the line it starts
// on and the marker at that line's indentation.
#include "print/heredocs.h"

#include "print/layout.h"

namespace infrac::print {

namespace {

bool name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool printable_heredoc(const ast::Expr& e) {
  if (e.kind != ast::ExprKind::String || e.rare().heredoc.empty()) return false;
  for (char c : e.rare().heredoc) {
    if (!name_char(c)) return false;
  }
  // Its text must end with a line break (or be empty), hold no carriage return (`\r\n`
  // would read back as `\n`), and no line of it may read as the closing marker.
  bool at_line_start = true;
  std::string last;  // the text of the line so far, while it holds only literal text
  bool line_has_expr = false;
  for (const ast::StringPart& p : e.parts) {
    if (p.expr) {
      at_line_start = false;
      line_has_expr = true;
      continue;
    }
    for (char c : p.text) {
      if (c == '\r') return false;
      if (c == '\n') {
        at_line_start = true;
        last.clear();
        line_has_expr = false;
        continue;
      }
      at_line_start = false;
      if (line_has_expr) continue;
      last += c;
      size_t b = last.find_first_not_of(" \t");
      if (b != std::string::npos && last.size() - b == e.rare().heredoc.size() + 1 &&
          last.compare(b, e.rare().heredoc.size(), e.rare().heredoc) == 0 && !name_char(last.back())) {
        return false;
      }
    }
    (void)at_line_start;
  }
  // The last line: a marker alone on it, or text without a line break after it.
  size_t b = last.find_first_not_of(" \t");
  if (b != std::string::npos && last.compare(b, std::string::npos, e.rare().heredoc) == 0) return false;
  return at_line_start || e.parts.empty();
}

std::string heredoc(const ast::Expr& e, int indent) {
  std::string out = (e.rare().heredoc_indented ? "<<-" : "<<") + e.rare().heredoc + "\n";
  std::string prefix = e.rare().heredoc_indented ? spaces(indent + 1) : "";
  bool line_start = true;
  for (size_t n = 0; n < e.parts.size(); ++n) {
    const ast::StringPart& p = e.parts[n];
    if (p.expr) {
      if (line_start) out += prefix;
      line_start = false;
      out += "${";
      flat(*p.expr, out, SIZE_MAX, true);
      out += "}";
      continue;
    }
    // A `$` right before an interpolation would make `$${`, a literal: the `$`s that end
    // the text there are interpolated as a string instead.
    size_t end = p.text.size();
    if (n + 1 < e.parts.size() && e.parts[n + 1].expr) {
      while (end > 0 && p.text[end - 1] == '$') --end;
    }
    for (size_t i = 0; i < end; ++i) {
      char c = p.text[i];
      if (c == '\n') {
        out += '\n';
        line_start = true;
        continue;
      }
      if (line_start) out += prefix;
      line_start = false;
      if (c == '$' && i + 1 < p.text.size() && p.text[i + 1] == '{') {
        out += "$${";
        ++i;
        continue;
      }
      out += c;
    }
    if (end < p.text.size()) {
      if (line_start) out += prefix;
      line_start = false;
      out += "${\"" + p.text.substr(end) + "\"}";
    }
  }
  return out + spaces(indent) + e.rare().heredoc;
}

}  // namespace infrac::print
