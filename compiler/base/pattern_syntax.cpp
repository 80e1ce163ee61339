#include "base/pattern_syntax.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace infrac {

namespace {

constexpr uint32_t kNone = UINT32_MAX;
constexpr int kMaxCount = 1000;  // RE2's largest repetition count

// The members of a character class in RE2's syntax, or all characters but those.
struct Set {
  std::string members;
  bool complement = false;
};

// A class escape's widest meaning (what any engine accepts) and its narrowest (what
// every engine accepts), the one used inside a negated class.
struct Reading {
  Set wide, narrow;
};

// `\s`: ECMAScript's white space and line terminators, Java's \x0B, and what Python's
// str.isspace() adds (\x1C-\x1F, \x85). Every engine has at least kSpaceNarrow.
const char* const kSpaceWide =
    "\\t\\n\\x0B\\f\\r \\x1C-\\x1F\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}"
    "\\x{205F}\\x{3000}\\x{FEFF}";
const char* const kSpaceNarrow = "\\t\\n\\x0B\\f\\r ";
// `\w`: ASCII in ECMAScript and Java, Unicode word characters in Python.
const char* const kWordWide = "\\p{L}\\p{M}\\p{N}\\p{Pc}\\x{200C}\\x{200D}";
const char* const kWordNarrow = "0-9A-Za-z_";
// Graphic characters in Python's Unicode reading; Java's are ASCII `!` to `~`.
const char* const kGraphWide = "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Cf}\\p{Co}";

// The POSIX classes of Java (ASCII) and Python's regex (Unicode).
struct PosixClass {
  const char* name;
  const char* wide;
  const char* narrow;
};
const PosixClass kPosix[] = {
    {"ASCII", "\\x00-\\x7F", "\\x00-\\x7F"},
    {"Alpha", "\\p{L}\\p{M}\\p{Nl}", "A-Za-z"},
    {"Digit", "\\p{Nd}", "0-9"},
    {"Alnum", "\\p{L}\\p{M}\\p{N}", "0-9A-Za-z"},
    {"Upper", "\\p{Lu}\\p{Lt}\\p{Nl}\\p{So}", "A-Z"},
    {"Lower", "\\p{Ll}\\p{Lm}\\p{Lo}\\p{Mn}\\p{Nl}\\p{So}", "a-z"},
    {"Punct", "\\p{P}\\p{S}", "!-#%-*,-/:;?@\\x{5B}-\\x{5D}_\\x{7B}\\x{7D}"},
    {"Graph", kGraphWide, "!-~"},
    {"Print", "\\p{L}\\p{M}\\p{N}\\p{P}\\p{S}\\p{Cf}\\p{Co}\\p{Zs}", " -~"},
    {"Blank", "\\t\\p{Zs}", "\\t "},
    {"Space", kSpaceWide, kSpaceNarrow},
    {"Cntrl", "\\p{Cc}", "\\x00-\\x1F\\x7F"},
    {"XDigit", "0-9A-Fa-f\\x{FF10}-\\x{FF19}\\x{FF21}-\\x{FF26}\\x{FF41}-\\x{FF46}", "0-9A-Fa-f"},
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
bool is_surrogate(uint32_t cp) { return cp >= 0xD800 && cp <= 0xDFFF; }

// The code point of the UTF-8 sequence at `k` of `s`, advancing `k`; kNone if invalid.
uint32_t utf8_at(std::string_view s, size_t& k) {
  auto b = static_cast<unsigned char>(s[k]);
  size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
  if (len == 0 || k + len > s.size()) return kNone;
  uint32_t cp = len == 1 ? b : b & (0xFFu >> (len + 1));
  for (size_t n = 1; n < len; ++n) {
    auto cb = static_cast<unsigned char>(s[k + n]);
    if ((cb & 0xC0) != 0x80) return kNone;
    cp = (cp << 6) | (cb & 0x3F);
  }
  k += len;
  return cp;
}

std::string literal(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\x{%X}", cp);
  return buf;
}

class Translator {
 public:
  Translator(std::string_view src, PatternDialect dialect, bool unbounded)
      : s_(src), java_(dialect == PatternDialect::AllowedPattern), unbounded_(unbounded) {}

  std::optional<Re2Syntax> run() {
    while (i_ < s_.size()) {
      if (!(in_class_ ? class_item() : item())) return std::nullopt;
    }
    if (in_class_ || depth_ != 0) return std::nullopt;
    Re2Syntax r;
    if (!flags_.empty()) r.text = "(?" + flags_ + ")";
    r.text += out_;
    r.line_sensitive = line_sensitive_ || flags_.find('m') != std::string::npos;
    return r;
  }

 private:
  char at(size_t k) const { return k < s_.size() ? s_[k] : '\0'; }

  // One element outside a class.
  bool item() {
    char c = s_[i_];
    switch (c) {
      case '\\': return escape();
      case '[': return open_class();
      case '(': return group();
      case ')':
        if (--depth_ < 0) return false;
        out_ += ')';
        ++i_;
        return true;
      case '*': case '+': case '?':
        out_ += c;
        ++i_;
        return quantifier_suffix();
      case '{': return count();
      case '}': out_ += "\\}"; ++i_; return true;
      case ']': out_ += "\\]"; ++i_; return true;
      case '$': line_sensitive_ = true; out_ += '$'; ++i_; return true;
      default: out_ += c; ++i_; return true;
    }
  }

  // After a quantifier: `?` (lazy) stays, `+` (possessive) is dropped.
  bool quantifier_suffix() {
    if (at(i_) == '?') { out_ += '?'; ++i_; }
    else if (at(i_) == '+') ++i_;
    return true;
  }

  // `{n}`, `{n,}`, `{n,m}`; any other `{` is a literal brace, except Python's `{,m}`.
  bool count() {
    size_t k = i_ + 1;
    auto number = [&](long& v) {
      size_t from = k;
      for (v = 0; is_digit(at(k)); ++k) v = std::min(v * 10 + (s_[k] - '0'), 1000000L);
      return k > from;
    };
    if (at(k) == ',') return false;  // `{,m}`: a count in Python, literal text elsewhere
    long lo = 0, hi = -1;
    bool ok = number(lo);
    if (ok && at(k) == ',') {
      ++k;
      if (at(k) != '}') ok = number(hi);
    } else {
      hi = lo;
    }
    if (!ok || at(k) != '}') {
      out_ += "\\{";
      ++i_;
      return true;
    }
    if (lo > kMaxCount || (hi >= 0 && hi < lo)) return false;
    if (hi > kMaxCount || (unbounded_ && hi != lo)) hi = -1;
    out_ += "{" + std::to_string(lo) + (hi == lo ? "" : "," + (hi < 0 ? std::string() : std::to_string(hi))) + "}";
    i_ = k + 1;
    return quantifier_suffix();
  }

  bool group() {
    if (at(i_ + 1) != '?') {
      out_ += '(';
      ++depth_;
      ++i_;
      return true;
    }
    char k = at(i_ + 2);
    if (k == '=' || k == '!' || (k == '<' && (at(i_ + 3) == '=' || at(i_ + 3) == '!'))) {
      // A lookaround only restricts a match, so dropping it widens the pattern.
      size_t end = group_end(i_ + (k == '<' ? 4 : 3));
      if (end == std::string_view::npos) return false;
      out_ += "(?:)";
      i_ = end;
      return true;
    }
    if (k == ':' || k == '>') {  // a plain or an atomic group
      out_ += "(?:";
      ++depth_;
      i_ += 3;
      return true;
    }
    if (k == '<' || (k == 'P' && at(i_ + 3) == '<')) {  // a named group
      size_t name = i_ + (k == '<' ? 3 : 4), end = name;
      while (is_alnum(at(end)) || at(end) == '_') ++end;
      if (end == name || at(end) != '>') return false;
      out_ += '(';
      ++depth_;
      i_ = end + 1;
      return true;
    }
    // Flags: `(?i)` or `(?i-s:...)`. Those set apply to the whole pattern; those
    // cleared are ignored; unicode, ASCII and Unix-lines modes only narrow or change
    // nothing here, so they are dropped too.
    size_t j = i_ + 2;
    bool clearing = false;
    for (; at(j) != ')' && at(j) != ':'; ++j) {
      char f = at(j);
      if (f == '-' && !clearing) { clearing = true; continue; }
      if (f == 'i' || f == 'm' || f == 's') {
        if (!clearing && flags_.find(f) == std::string::npos) flags_ += f;
      } else if (f != 'u' && f != 'U' && f != 'a' && f != 'd') {
        return false;  // verbose mode, comments, backreferences, the end of the pattern
      }
    }
    if (at(j) == ':') ++depth_;
    out_ += at(j) == ':' ? "(?:" : "(?:)";
    i_ = j + 1;
    return true;
  }

  // The position after the `)` closing the group whose contents start at `k`.
  size_t group_end(size_t k) const {
    int depth = 1;
    while (k < s_.size()) {
      char c = s_[k];
      if (c == '\\') {
        if (at(k + 1) == 'Q') {
          size_t e = s_.find("\\E", k + 2);
          if (e == std::string_view::npos) return e;
          k = e + 2;
        } else {
          k += 2;
        }
      } else if (c == '[') {
        ++k;
        if (at(k) == '^') ++k;
        if (at(k) == ']') return std::string_view::npos;
        while (k < s_.size() && s_[k] != ']') {
          if (s_[k] == '[' && java_) return std::string_view::npos;
          k += s_[k] == '\\' ? 2 : 1;
        }
        if (k >= s_.size()) return std::string_view::npos;
        ++k;
      } else {
        if (c == '(') ++depth;
        if (c == ')' && --depth == 0) return k + 1;
        ++k;
      }
    }
    return std::string_view::npos;
  }

  // Hex digits at `k`: exactly `n`, or any number in braces when `n` is 0.
  uint32_t hex_at(size_t& k, int n) const {
    uint32_t v = 0;
    if (n == 0) {
      if (at(k) != '{') return kNone;
      size_t from = ++k;
      while (hex_value(at(k)) >= 0 && k - from < 8) v = v * 16 + static_cast<uint32_t>(hex_value(s_[k++]));
      if (k == from || at(k) != '}') return kNone;
      ++k;
    } else {
      for (int d = 0; d < n; ++d, ++k) {
        if (hex_value(at(k)) < 0) return kNone;
        v = v * 16 + static_cast<uint32_t>(hex_value(s_[k]));
      }
    }
    return v > 0x10FFFF ? kNone : v;
  }

  // The character an escape stands for (its letter at `k`), advancing `k`; kNone when
  // it is not a single character.
  uint32_t escaped_char(size_t& k, bool in_class) const {
    char e = s_[k];
    switch (e) {
      case 't': ++k; return '\t';
      case 'n': ++k; return '\n';
      case 'r': ++k; return '\r';
      case 'f': ++k; return '\f';
      case 'b': if (in_class) { ++k; return '\b'; } return kNone;
      case 'u': ++k; return at(k) == '{' ? hex_at(k, 0) : hex_at(k, 4);
      case 'x': ++k; return at(k) == '{' ? hex_at(k, 0) : hex_at(k, 2);
      case '0': {
        // NUL, or up to two octal digits more: ECMAScript and Java agree on these.
        uint32_t v = 0;
        size_t from = ++k;
        while (at(k) >= '0' && at(k) <= '7' && k - from < 2) v = v * 8 + static_cast<uint32_t>(s_[k++] - '0');
        return is_digit(at(k)) ? kNone : v;
      }
      default:
        if (is_alnum(e)) return kNone;  // letters with other meanings, backreferences
        return utf8_at(s_, k);                    // an escaped punctuation or other character
    }
  }

  // The set an escape at `k` (its letter) stands for: `\d`, `\p{L}`, ...; advances `k`.
  std::optional<Reading> escaped_set(size_t& k) const {
    char e = s_[k];
    auto same = [](std::string m) { return Reading{{m}, {m}}; };
    switch (e) {
      case 'd': ++k; return Reading{{"\\p{Nd}"}, {"0-9"}};
      case 'D': ++k; return Reading{{"\\D"}, {"\\P{Nd}"}};
      case 'w': ++k; return Reading{{kWordWide}, {kWordNarrow}};
      case 'W': ++k; return Reading{{"\\W"}, {kWordWide, true}};
      case 's': ++k; return Reading{{kSpaceWide}, {kSpaceNarrow}};
      case 'S': ++k; return Reading{{"\\S"}, {kSpaceWide, true}};
      case 'v': ++k; return Reading{{"\\n\\x0B\\f\\r\\x{85}\\x{2028}\\x{2029}"}, {"\\x0B"}};
      case 'p': case 'P': break;
      default: return std::nullopt;
    }
    bool negated = e == 'P';
    size_t from = k + 1, to = from + 1;
    std::string name;
    if (at(from) == '{') {
      to = s_.find('}', from);
      if (to == std::string_view::npos) return std::nullopt;
      name = std::string(s_.substr(from + 1, to - from - 1));
      ++to;
    } else if (is_alnum(at(from))) {
      name = std::string(1, s_[from]);
    } else {
      return std::nullopt;
    }
    for (char c : name) {
      if (!is_alnum(c) && c != '_') return std::nullopt;
    }
    k = to;
    if (name.rfind("Is", 0) == 0 && name.size() > 2) name = name.substr(2);  // \p{IsLatin}, \p{IsL}
    for (const PosixClass& p : kPosix) {
      if (name == p.name) {
        return negated ? Reading{{p.narrow, true}, {p.wide, true}} : Reading{{p.wide}, {p.narrow}};
      }
    }
    // A general category or a script, which RE2 knows by the same names (or rejects).
    return same(std::string(negated ? "\\P{" : "\\p{") + name + "}");
  }

  // `\...` outside a class.
  bool escape() {
    size_t k = i_ + 1;
    if (k >= s_.size()) return false;
    char e = s_[k];
    if (e == 'b' || e == 'B') {  // word boundaries differ between engines: dropped
      out_ += "(?:)";
      i_ = k + 1;
      return true;
    }
    if (e == 'A' || e == 'z' || e == 'Z') {
      if (e == 'Z') line_sensitive_ = true;
      out_ += e == 'A' ? "\\A" : "\\z";
      i_ = k + 1;
      return true;
    }
    if (e == 'Q') {  // literal text up to `\E`
      size_t end = s_.find("\\E", k + 1);
      std::string_view text = s_.substr(k + 1, end == std::string_view::npos ? std::string_view::npos : end - k - 1);
      for (size_t q = 0; q < text.size();) {
        uint32_t cp = utf8_at(text, q);
        if (cp == kNone) return false;
        out_ += literal(cp);
      }
      i_ = end == std::string_view::npos ? s_.size() : end + 2;
      return true;
    }
    if (auto set = escaped_set(k)) {
      out_ += set->wide.complement ? "[^" : "[";
      out_ += set->wide.members + "]";
      i_ = k;
      return true;
    }
    uint32_t cp = escaped_char(k, false);
    if (cp == kNone) return false;
    // Half of a UTF-16 pair stands for a character beyond U+FFFF, or for nothing.
    out_ += is_surrogate(cp) ? "(?:[\\x{10000}-\\x{10FFFF}]|)" : literal(cp);
    i_ = k;
    return true;
  }

  bool open_class() {
    cls_ = "[";
    ++i_;
    negated_ = at(i_) == '^';
    if (negated_) {
      cls_ += '^';
      ++i_;
    }
    if (at(i_) == ']') return false;  // `[]` and `[^]` mean different things to engines
    in_class_ = true;
    surrogates_ = false;
    prev_ = kNone;
    range_from_ = kNone;
    return true;
  }

  // Records a single character of the class, which may end a range.
  void class_char(uint32_t cp) {
    if (range_from_ != kNone) {
      if (range_from_ <= 0xDFFF && cp >= 0xD800) surrogates_ = true;
      range_from_ = kNone;
      prev_ = kNone;  // a range's end does not start another
    } else {
      if (is_surrogate(cp)) surrogates_ = true;
      prev_ = cp;
    }
  }

  // One element inside a class.
  bool class_item() {
    char c = s_[i_];
    if (c == ']') {
      if (range_from_ != kNone) return false;
      // With surrogates, the class also matches a character beyond U+FFFF (a pair), or
      // nothing (the pair's other half, in a class of its own).
      out_ += surrogates_ && !negated_ ? "(?:" + cls_ + "\\x{10000}-\\x{10FFFF}]|)" : cls_ + "]";
      in_class_ = false;
      ++i_;
      return true;
    }
    if (c == '[') {
      // Java nests classes; ECMAScript and Python read a literal bracket.
      if (java_ || at(i_ + 1) == ':' || at(i_ + 1) == '.' || at(i_ + 1) == '=') return false;
      cls_ += "\\x{5B}";
      class_char('[');
      ++i_;
      return true;
    }
    if (c == '&' && at(i_ + 1) == '&' && java_) return false;  // Java's intersection
    if (c == '-' && prev_ != kNone && range_from_ == kNone && at(i_ + 1) != ']' && !starts_set(i_ + 1)) {
      cls_ += '-';
      range_from_ = prev_;
      ++i_;
      return true;
    }
    if (c == '-') {  // a literal hyphen: first, last, or next to a set such as `\w`
      if (range_from_ != kNone) return false;
      cls_ += "\\x{2D}";
      prev_ = '-';
      ++i_;
      return true;
    }
    if (c == '\\') {
      size_t k = i_ + 1;
      if (k >= s_.size()) return false;
      if (auto set = escaped_set(k)) {
        const Set& use = negated_ ? set->narrow : set->wide;
        if (use.complement || range_from_ != kNone) return false;
        cls_ += use.members;
        prev_ = kNone;
        i_ = k;
        return true;
      }
      uint32_t cp = escaped_char(k, true);
      if (cp == kNone) return false;
      cls_ += literal(cp);
      class_char(cp);
      i_ = k;
      return true;
    }
    size_t k = i_;
    uint32_t cp = utf8_at(s_, k);
    if (cp == kNone) return false;
    cls_.append(s_.substr(i_, k - i_));
    class_char(cp);
    i_ = k;
    return true;
  }

  // Whether a set escape such as `\d` or `\p{L}` starts at `k`.
  bool starts_set(size_t k) const {
    if (at(k) != '\\') return false;
    char e = at(k + 1);
    return e == 'd' || e == 'D' || e == 'w' || e == 'W' || e == 's' || e == 'S' || e == 'v' || e == 'p' || e == 'P';
  }

  std::string_view s_;
  bool java_, unbounded_;
  size_t i_ = 0;
  std::string out_, flags_;
  int depth_ = 0;
  bool line_sensitive_ = false;
  // The class being read.
  bool in_class_ = false, negated_ = false, surrogates_ = false;
  std::string cls_;              // its translation so far
  uint32_t prev_ = kNone;        // the last single character, which may start a range
  uint32_t range_from_ = kNone;  // the start of the range being read
};

}  // namespace

std::optional<Re2Syntax> to_re2_syntax(std::string_view source, PatternDialect dialect, bool unbounded) {
  return Translator(source, dialect, unbounded).run();
}

}  // namespace infrac
