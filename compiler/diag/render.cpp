#include "diag/render.h"

#include <algorithm>
#include <cstdio>

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

// A control character other than tab and line feed (which notes use to list things): shown
// as `\xHH`, since a terminal would act on it or show nothing.
bool is_control(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F; }

// The length of the UTF-8 character that starts at `i`, or 0 when the byte there does not
// start one or is a control character.
size_t char_length(std::string_view s, size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (is_control(c)) return 0;
  size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  return find_invalid_utf8(s.substr(i, len)) == std::string_view::npos ? len : 0;
}

void append_hex_byte(std::string& out, char byte) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned char>(byte));
  out += hex;
}

std::string location(const Span& span, const SourceManager& sm) {
  const SourceFile& f = sm.file(span.file);
  LineCol lc = f.line_col(span.begin);
  return visible(f.path()) + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.col);
}

// The source line of `span` with a caret or underline below it. The line is shown one
// character to a column: a tab as one space, a byte that is not UTF-8 as `\xHH` (four
// columns), so that the caret lines up with the text.
void snippet(std::string& out, const Span& span, const SourceManager& sm, const Style& st,
             const char* colour, const std::string& label) {
  const SourceFile& f = sm.file(span.file);
  LineCol start = f.line_col(span.begin);
  LineCol end = f.line_col(span.end > span.begin ? span.end : span.begin);
  std::string_view line = f.line_text(start.line);
  std::string num = std::to_string(start.line);
  std::string pad(num.size(), ' ');
  // The span's bytes within the line: to its end, or to the end of the line when it goes on.
  size_t line_begin = line.data() != nullptr ? static_cast<size_t>(line.data() - f.text().data()) : span.begin;
  size_t from = std::min<size_t>(span.begin - line_begin, line.size());
  size_t to = end.line == start.line ? std::min<size_t>(std::max(span.end, span.begin) - line_begin, line.size())
                                     : line.size();
  // Characters of the line: how many, and which the span covers.
  size_t cells = 0, first = 0, last = 0;  // the span covers characters [first, last)
  for (size_t i = 0; i < line.size(); ++cells) {
    size_t len = std::max<size_t>(char_length(line, i), 1);
    if (i + len <= from) first = cells + 1;
    if (i < to) last = cells + 1;
    i += len;
  }
  // A very long line is shown as a window around the caret.
  const size_t kWindow = 60;
  size_t shown_from = 0, shown_to = cells;
  if (cells > 2 * kWindow + 20) {
    shown_from = first + 1 > kWindow ? first + 1 - kWindow : 0;
    shown_to = std::min(cells, shown_from + 2 * kWindow);
  }
  std::string shown = shown_from > 0 ? "..." : "";
  size_t col = shown.size(), width = 0;  // the caret's column (0-based) and the underline's length
  size_t k = 0;
  for (size_t i = 0; i < line.size() && k < shown_to; ++k) {
    size_t len = char_length(line, i);
    if (k >= shown_from) {
      size_t cols = len == 0 ? 4 : 1;
      if (len == 0) append_hex_byte(shown, line[i]);
      else if (line[i] == '\t') shown += ' ';
      else shown.append(line, i, len);
      if (k < first) col += cols;
      else if (k < last) width += cols;
    }
    i += std::max<size_t>(len, 1);
  }
  if (shown_to < cells) shown += "...";
  if (width == 0) width = 1;
  out += st.blue(); out += pad; out += " |"; out += st.reset(); out += "\n";
  out += st.blue(); out += num; out += " |"; out += st.reset();
  if (!shown.empty()) { out += ' '; out += shown; }
  out += "\n";
  out += st.blue(); out += pad; out += " |"; out += st.reset(); out += ' ';
  out += std::string(col, ' ');
  out += colour;
  out += '^';
  if (width > 1) out += std::string(width - 1, '~');
  if (!label.empty()) { out += ' '; out += visible(label); }
  out += st.reset();
  out += "\n";
}

}  // namespace

std::string visible(std::string_view s) {
  bool plain = find_invalid_utf8(s) == std::string_view::npos &&
               std::none_of(s.begin(), s.end(), [](char c) { return is_control(static_cast<unsigned char>(c)); });
  if (plain) return std::string(s);
  std::string out;
  for (size_t i = 0; i < s.size();) {
    size_t len = char_length(s, i);
    if (len == 0) {
      append_hex_byte(out, s[i]);
      len = 1;
    } else {
      out.append(s, i, len);
    }
    i += len;
  }
  return out;
}

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
  out += visible(d.message);
  out += st.reset();
  out += "\n";
  if (d.span.valid()) snippet(out, d.span, sm, st, colour, d.label);
  for (const Note& n : d.notes) {
    if (n.span.valid()) {
      out += st.bold(); out += location(n.span, sm); out += ": "; out += st.reset();
      out += st.green(); out += "note"; out += st.reset(); out += ": " + visible(n.message) + "\n";
      snippet(out, n.span, sm, st, st.green(), "");
    } else {
      out += "  = "; out += st.bold(); out += "note"; out += st.reset(); out += ": " + visible(n.message) + "\n";
    }
  }
  for (const std::string& h : d.helps) {
    out += "  = "; out += st.bold(); out += "help"; out += st.reset(); out += ": " + visible(h) + "\n";
  }
  return out;
}

namespace {

void append_json(nlohmann::ordered_json& arr, const std::vector<Diagnostic>& ds, const SourceManager& sm) {
  auto where = [&](const Span& s) {
    nlohmann::ordered_json j;
    const SourceFile& f = sm.file(s.file);
    LineCol b = f.line_col(s.begin);
    LineCol e = f.line_col(s.end);
    j["file"] = visible(f.path());
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
    j["message"] = visible(d.message);
    if (d.span.valid()) j["location"] = where(d.span);
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const Note& n : d.notes) {
      nlohmann::ordered_json nj;
      nj["message"] = visible(n.message);
      if (n.span.valid()) nj["location"] = where(n.span);
      notes.push_back(nj);
    }
    j["notes"] = notes;
    nlohmann::ordered_json helps = nlohmann::ordered_json::array();
    for (const std::string& h : d.helps) helps.push_back(visible(h));
    j["help"] = helps;
    arr.push_back(j);
  }
}

std::string dump(const nlohmann::ordered_json& arr) {
  // Every string went through visible(), so none is invalid; `replace` only makes sure
  // that rendering cannot throw.
  return arr.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string render_json(const std::vector<Diagnostic>& ds, const SourceManager& sm) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  append_json(arr, ds, sm);
  return dump(arr);
}

std::string render_json(const std::vector<DiagnosticSet>& sets) {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const DiagnosticSet& set : sets) append_json(arr, *set.diags, *set.sources);
  return dump(arr);
}

}  // namespace infrac::diag
