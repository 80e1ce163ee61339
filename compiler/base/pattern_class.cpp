#include "base/pattern_class.h"

#include <cctype>
#include <cstring>

namespace infrac {

namespace {

class Reader {
 public:
  explicit Reader(std::string_view s) : s_(s) {}

  std::optional<ClassPattern> read() {
    ClassPattern p;
    bool start = eat('^');
    bool group = false;
    if (eat('(')) {
      group = true;
      if (eat('?') && !eat(':')) return std::nullopt;  // flags such as (?i)
    }
    if (!eat('[') || !members(p)) return std::nullopt;
    if (group && !eat(')')) return std::nullopt;
    if (!quantifier(p)) return std::nullopt;
    bool end = eat('$');
    if (i_ != s_.size() || start != end) return std::nullopt;
    p.anchored = start;
    return p;
  }

 private:
  bool eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }

  // The members up to the closing `]`; false for a negated class or unknown syntax.
  bool members(ClassPattern& p) {
    if (eat('^')) return false;
    bool any = false;
    while (i_ < s_.size() && s_[i_] != ']') {
      long lo = 0;
      if (s_[i_] == '\\' && i_ + 1 < s_.size() && s_[i_ + 1] == 'p') {
        if (!property(p)) return false;
        any = true;
        continue;
      }
      if (!code_point(lo)) return false;
      long hi = lo;
      if (i_ + 1 < s_.size() && s_[i_] == '-' && s_[i_ + 1] != ']') {
        ++i_;
        if (!code_point(hi) || hi < lo) return false;
      }
      for (long c = lo; c <= hi && c < 128; ++c) add(p, static_cast<unsigned char>(c));
      any = true;
    }
    return eat(']') && any;
  }

  // One character of a class: a literal, or an escape RE2 reads as one character.
  bool code_point(long& out) {
    if (i_ >= s_.size()) return false;
    char c = s_[i_++];
    if (static_cast<unsigned char>(c) >= 128) {
      // A literal beyond ASCII: skip its UTF-8 bytes; it is not in the ASCII table.
      while (i_ < s_.size() && (static_cast<unsigned char>(s_[i_]) & 0xC0) == 0x80) ++i_;
      out = 0x80;
      return true;
    }
    if (c == '[') return false;  // `[:alpha:]` and the like
    if (c != '\\') {
      out = c;
      return true;
    }
    if (i_ >= s_.size()) return false;
    char e = s_[i_++];
    switch (e) {
      case 't': out = '\t'; return true;
      case 'n': out = '\n'; return true;
      case 'f': out = '\f'; return true;
      case 'r': out = '\r'; return true;
      case 'v': out = '\v'; return true;
      case 'x': return hex(out);
      default: break;
    }
    // An escaped punctuation character stands for itself; letters and digits are classes
    // or other escapes (`\d`, `\b`, `\1`) that this reader leaves to RE2.
    if (std::strchr("\\-]^[.$*+?(){}|/", e) == nullptr) return false;
    out = e;
    return true;
  }

  bool hex(long& out) {
    bool braced = eat('{');
    size_t digits = 0;
    out = 0;
    while (i_ < s_.size() && std::isxdigit(static_cast<unsigned char>(s_[i_])) && (braced || digits < 2)) {
      char h = s_[i_++];
      out = out * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
      if (++digits > 6) return false;
    }
    if (digits == 0 || (!braced && digits != 2)) return false;
    return !braced || eat('}');
  }

  // `\p{Name}`: the ASCII members of the Unicode categories that patterns use.
  bool property(ClassPattern& p) {
    i_ += 2;
    if (!eat('{')) return false;
    size_t close = s_.find('}', i_);
    if (close == std::string_view::npos) return false;
    std::string_view name = s_.substr(i_, close - i_);
    i_ = close + 1;
    auto range = [&](char lo, char hi) {
      for (int c = lo; c <= hi; ++c) add(p, static_cast<unsigned char>(c));
    };
    if (name == "L") range('A', 'Z'), range('a', 'z');
    else if (name == "Lu") range('A', 'Z');
    else if (name == "Ll") range('a', 'z');
    else if (name == "N" || name == "Nd") range('0', '9');
    else if (name == "Z" || name == "Zs") add(p, ' ');
    else if (name == "Pc") add(p, '_');
    else if (name != "M" && name != "Mn" && name != "Mc" && name != "Me") return false;  // marks: none in ASCII
    return true;
  }

  bool quantifier(ClassPattern& p) {
    if (eat('+')) p.min = 1;
    else if (eat('*')) p.min = 0;
    else if (eat('{')) {
      uint64_t lo = 0;
      if (!number(lo)) return false;
      p.min = lo;
      if (eat(',')) {
        uint64_t hi = 0;
        if (number(hi)) {
          if (hi < lo) return false;
          p.max = hi;
        }
      } else {
        p.max = lo;
      }
      if (!eat('}')) return false;
    } else {
      p.min = 1;
      p.max = 1;
      return true;
    }
    return !(i_ < s_.size() && (s_[i_] == '?' || s_[i_] == '+'));  // lazy or possessive: left to RE2
  }

  bool number(uint64_t& out) {
    size_t digits = 0;
    out = 0;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9' && digits < 9) {
      out = out * 10 + static_cast<uint64_t>(s_[i_++] - '0');
      ++digits;
    }
    return digits > 0;
  }

  static void add(ClassPattern& p, unsigned char c) { p.ascii[c >> 6] |= uint64_t{1} << (c & 63); }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace

bool ClassPattern::matches(std::string_view text) const {
  if (text.size() < min || (max && text.size() > *max)) return false;
  for (char c : text) {
    if (!has(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<ClassPattern> read_class_pattern(std::string_view re2) { return Reader(re2).read(); }

bool is_ascii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 128) return false;
  }
  return true;
}

}  // namespace infrac
