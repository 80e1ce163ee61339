#include "emit/yaml_scalar.h"

#include <cstdint>

namespace infrac::emit {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_xdigit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A string that a YAML 1.1 reader would take for something else (a number, a bool, a
// null, a date) must be quoted to stay a string. Quoting more than needed is harmless,
// so anything that looks numeric is quoted. (Written out rather than as a regular
// expression: compiling one costs more than a small build's whole emission.)
bool looks_like_non_string(std::string_view s) {
  static constexpr std::string_view words[] = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True",
                                               "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
                                               "~", "null", "Null", "NULL"};
  if (s.empty()) return true;
  for (std::string_view w : words) {
    if (s == w) return true;
  }
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i >= s.size()) return false;
  std::string_view rest = s.substr(i);
  if (rest.size() == 4 && rest[0] == '.') {
    char a = lower(rest[1]), b = lower(rest[2]), c = lower(rest[3]);
    if ((a == 'i' && b == 'n' && c == 'f') || (a == 'n' && b == 'a' && c == 'n')) return true;
  }
  bool digit_start = is_digit(rest[0]) || (rest[0] == '.' && rest.size() > 1);
  if (!digit_start) return false;
  // A date such as 2012-10-17, with or without a time after it.
  if (rest.size() >= 5 && is_digit(rest[1]) && is_digit(rest[2]) && is_digit(rest[3]) && rest[4] == '-') return true;
  // Decimal, hexadecimal, octal, exponent and sexagesimal (12:30) numbers.
  for (char c : rest) {
    if (!(is_xdigit(c) || c == '_' || c == '.' || c == ':' || c == '+' || c == '-' || c == 'x' || c == 'X' || c == 'o' ||
          c == 'O')) {
      return false;
    }
  }
  return true;
}

// One code point of UTF-8 text, as yaml-cpp decodes it: a bad lead byte, a sequence cut
// short (the byte that cuts it is read next), and a code point YAML cannot carry
// (surrogates, noncharacters, beyond U+10FFFF) all read as U+FFFD. Overlong forms are
// taken at face value.
constexpr uint32_t kReplacement = 0xFFFD;

uint32_t next_code_point(const char*& p, const char* end) {
  unsigned char lead = static_cast<unsigned char>(*p++);
  int length;
  switch (lead >> 4) {
    case 12: case 13: length = 2; break;
    case 14: length = 3; break;
    case 15: length = 4; break;
    default:
      return lead < 0x80 ? lead : kReplacement;  // 0x80-0xBF cannot start a sequence
  }
  uint32_t cp = lead & (0xFFu >> (length + 1));
  for (int k = 1; k < length; ++k) {
    if (p == end || (static_cast<unsigned char>(*p) & 0xC0) != 0x80) return kReplacement;
    cp = (cp << 6) | (static_cast<unsigned char>(*p++) & 0x3F);
  }
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) || (cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) {
    return kReplacement;
  }
  return cp;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp <= 0x7F) {
    out += static_cast<char>(cp);
  } else if (cp <= 0x7FF) {
    char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 2);
  } else if (cp <= 0xFFFF) {
    char b[3] = {static_cast<char>(0xE0 | (cp >> 12)), static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                 static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 3);
  } else {
    char b[4] = {static_cast<char>(0xF0 | (cp >> 18)), static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                 static_cast<char>(0x80 | ((cp >> 6) & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 4);
  }
}

// A blank or a line break at `i` (yaml-cpp's BlankOrBreak: a lone carriage return is
// neither; only CR LF breaks a line).
bool blank_or_break_at(std::string_view s, size_t i) {
  if (i >= s.size()) return false;
  char c = s[i];
  return c == ' ' || c == '\t' || c == '\n' || (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n');
}

// Whether every character of `s` may stand in a literal block as it is: YAML's printable
// characters and line feeds. A control character (NUL from a heredoc, say), DEL or a C1
// control other than NEL cannot (yaml-cpp reads NUL wrong, PyYAML, which cfn-lint reads
// templates with, refuses them all); such a string is double-quoted, where they are
// escaped. (Bytes that are not UTF-8 are written as U+FFFD either way.)
bool literal_ok(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return false;
    if (c == 0xC2 && i + 1 < s.size()) {
      unsigned char d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x80 && d <= 0x9F && d != 0x85) return false;
    }
  }
  return true;
}

}  // namespace

ScalarStyle string_style(std::string_view s) {
  constexpr auto npos = std::string_view::npos;
  if (s.find('\n') != npos && s.find('\r') == npos && s.back() == '\n' && s.find(" \n") == npos &&
      s.find('\t') == npos && s.front() != ' ' && literal_ok(s)) {
    return ScalarStyle::Literal;
  }
  return looks_like_non_string(s) ? ScalarStyle::DoubleQuoted : ScalarStyle::Auto;
}

bool plain_ok(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return false;
  const size_t n = s.size();
  // The first character: no blank or break, no indicator that starts another kind of
  // node, and no `-`, `?` or `:` that a blank (or the end) makes an indicator.
  switch (s[0]) {
    case ' ': case '\t': case '\n':
    case ',': case '[': case ']': case '{': case '}': case '#': case '&': case '*': case '!': case '|': case '>':
    case '\'': case '"': case '%': case '@': case '`':
      return false;
    case '\r':
      if (n > 1 && s[1] == '\n') return false;
      break;
    case '-': case '?': case ':':
      if (n == 1 || blank_or_break_at(s, 1)) return false;
      break;
    default: break;
  }
  if (s[n - 1] == ' ') return false;  // a reader would drop it
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c > ' ' && c < 0x7F && c != ':') continue;  // the common case
    switch (c) {
      case ':':  // `: ` or a final `:` would make it a key
        if (i + 1 == n || blank_or_break_at(s, i + 1)) return false;
        break;
      case ' ':  // ` #` starts a comment
        if (i + 1 < n && s[i + 1] == '#') return false;
        break;
      case '\t': case '\n': return false;
      case '\r':  // CR LF breaks the line; a lone CR is kept as it is
        if (i + 1 < n && s[i + 1] == '\n') return false;
        break;
      case 0xC2:  // C1 control characters other than NEL (U+0085)
        if (i + 1 < n) {
          unsigned char d = static_cast<unsigned char>(s[i + 1]);
          if ((d >= 0x80 && d <= 0x84) || (d >= 0x86 && d <= 0x9F)) return false;
        }
        break;
      case 0xEF:  // a byte order mark
        if (i + 2 < n && static_cast<unsigned char>(s[i + 1]) == 0xBB && static_cast<unsigned char>(s[i + 2]) == 0xBF) {
          return false;
        }
        break;
      default:
        if (c < 0x20 || c == 0x7F) return false;  // other control characters
        break;
    }
  }
  return true;
}

void append_double_quoted(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  const char* p = s.data();
  const char* end = p + s.size();
  while (p != end) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c >= 0x20 && c <= 0x7F) {  // DEL is kept as it is
      if (c == '"' || c == '\\') out += '\\';
      out += static_cast<char>(c);
      ++p;
      continue;
    }
    uint32_t cp = next_code_point(p, end);
    switch (cp) {
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (cp < 0x20 || (cp >= 0x80 && cp <= 0xA0)) {  // control characters and the no-break space
          char e[4] = {'\\', 'x', hex[cp >> 4], hex[cp & 0xF]};
          out.append(e, 4);
        } else if (cp == 0xFEFF) {  // a byte order mark
          out += "\\ufeff";
        } else {
          append_utf8(out, cp);
        }
    }
  }
  out += '"';
}

void append_literal(std::string& out, std::string_view s, size_t indent) {
  out += "|\n";
  const char* p = s.data();
  const char* end = p + s.size();
  bool line_start = true;
  while (p != end) {
    if (*p == '\n') {
      out += '\n';
      ++p;
      line_start = true;
      continue;
    }
    if (line_start) {
      out.append(indent, ' ');
      line_start = false;
    }
    if (static_cast<unsigned char>(*p) < 0x80) {
      out += *p++;
    } else {
      append_utf8(out, next_code_point(p, end));
    }
  }
}

}  // namespace infrac::emit
