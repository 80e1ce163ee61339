#include "diag/render.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace infrac::diag {

namespace {

struct Style {
  bool on;
  const char* bold() const { return on ? "\x1b[1m" : ""; }
  const char* red() const { return on ? "\x1b[1;31m" : ""; }
  const char* yellow() const { return on ? "\x1b[1;33m" : ""; }
  const char* blue() const { return on ? "\x1b[1;34m" : ""; }
  const char* green() const { return on ? "\x1b[1;32m" : ""; }
  const char* reset() const { return on ? "\x1b[0m" : ""; }
};

std::string location(const Span& span, const SourceManager& sm) {
  const SourceFile& f = sm.file(span.file);
  LineCol lc = f.line_col(span.begin);
  return f.path() + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.col);
}

// Tabs are shown as one space so that the caret lines up with the text.
std::string printable(std::string_view line) {
  std::string s(line);
  for (char& c : s) {
    if (c == '\t') c = ' ';
  }
  return s;
}

// The source line of `span` with a caret or underline below it.
void snippet(std::string& out, const Span& span, const SourceManager& sm, const Style& st,
             const char* colour, const std::string& label) {
  const SourceFile& f = sm.file(span.file);
  LineCol start = f.line_col(span.begin);
  std::string_view line = f.line_text(start.line);
  std::string num = std::to_string(start.line);
  std::string pad(num.size(), ' ');
  // Underline to the end of the span or of the line, whichever comes first.
  LineCol end = f.line_col(span.end > span.begin ? span.end : span.begin);
  uint32_t width = 1;
  if (end.line == start.line && end.col > start.col) width = end.col - start.col;
  else if (end.line != start.line) {
    uint32_t line_chars = count_code_points(line);
    width = line_chars >= start.col ? line_chars - start.col + 1 : 1;
  }
  // A very long line is shown as a window around the caret.
  std::string shown = printable(line);
  uint32_t col = start.col;
  const uint32_t kWindow = 60;
  if (count_code_points(shown) > 2 * kWindow + 20) {
    size_t from = 0, cps = 0;
    uint32_t skip = col > kWindow ? col - kWindow : 0;
    while (from < shown.size() && cps < skip) {
      ++from;
      while (from < shown.size() && (static_cast<unsigned char>(shown[from]) & 0xC0) == 0x80) ++from;
      ++cps;
    }
    size_t to = from;
    for (uint32_t n = 0; to < shown.size() && n < 2 * kWindow; ++n) {
      ++to;
      while (to < shown.size() && (static_cast<unsigned char>(shown[to]) & 0xC0) == 0x80) ++to;
    }
    std::string window = (skip > 0 ? "..." : "") + shown.substr(from, to - from) + (to < shown.size() ? "..." : "");
    col = col - skip + (skip > 0 ? 3 : 0);
    width = std::min<uint32_t>(width, 2 * kWindow - (col - 1) + 3);
    shown = std::move(window);
  }
  out += st.blue(); out += pad; out += " |"; out += st.reset(); out += "\n";
  out += st.blue(); out += num; out += " |"; out += st.reset();
  if (!shown.empty()) { out += ' '; out += shown; }
  out += "\n";
  out += st.blue(); out += pad; out += " |"; out += st.reset(); out += ' ';
  out += std::string(col - 1, ' ');
  out += colour;
  out += '^';
  if (width > 1) out += std::string(width - 1, '~');
  if (!label.empty()) { out += ' '; out += label; }
  out += st.reset();
  out += "\n";
}

}  // namespace

std::string render_text(const Diagnostic& d, const SourceManager& sm, bool color) {
  Style st{color};
  std::string out;
  bool is_error = d.severity() == Severity::Error;
  const char* colour = is_error ? st.red() : st.yellow();
  out += st.bold();
  if (d.span.valid()) out += location(d.span, sm) + ": ";
  out += st.reset();
  out += colour;
  out += is_error ? "error" : "warning";
  out += "[";
  out += d.code();
  out += "]";
  out += st.reset();
  out += st.bold();
  out += ": ";
  out += d.message;
  out += st.reset();
  out += "\n";
  if (d.span.valid()) snippet(out, d.span, sm, st, colour, d.label);
  for (const Note& n : d.notes) {
    if (n.span.valid()) {
      out += st.bold(); out += location(n.span, sm); out += ": "; out += st.reset();
      out += st.green(); out += "note"; out += st.reset(); out += ": " + n.message + "\n";
      snippet(out, n.span, sm, st, st.green(), "");
    } else {
      out += "  = "; out += st.bold(); out += "note"; out += st.reset(); out += ": " + n.message + "\n";
    }
  }
  for (const std::string& h : d.helps) {
    out += "  = "; out += st.bold(); out += "help"; out += st.reset(); out += ": " + h + "\n";
  }
  return out;
}

std::string render_json(const std::vector<Diagnostic>& ds, const SourceManager& sm) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  auto where = [&](const Span& s) {
    nlohmann::ordered_json j;
    const SourceFile& f = sm.file(s.file);
    LineCol b = f.line_col(s.begin);
    LineCol e = f.line_col(s.end);
    j["file"] = f.path();
    j["line"] = b.line;
    j["column"] = b.col;
    j["end_line"] = e.line;
    j["end_column"] = e.col;
    return j;
  };
  for (const Diagnostic& d : ds) {
    nlohmann::ordered_json j;
    j["code"] = std::string(d.code());
    j["severity"] = d.severity() == Severity::Error ? "error" : "warning";
    j["message"] = d.message;
    if (d.span.valid()) j["location"] = where(d.span);
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const Note& n : d.notes) {
      nlohmann::ordered_json nj;
      nj["message"] = n.message;
      if (n.span.valid()) nj["location"] = where(n.span);
      notes.push_back(nj);
    }
    j["notes"] = notes;
    j["help"] = d.helps;
    arr.push_back(j);
  }
  return arr.dump(2) + "\n";
}

}  // namespace infrac::diag
