#include "base/pattern_class.h"

#include <cctype>
#include <cstdio>
#include <cstring>
#include <string>

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
    auto set = ascii_category(name);
    if (!set) return false;
    p.ascii[0] |= (*set)[0];
    p.ascii[1] |= (*set)[1];
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

namespace {

using AsciiSet = std::array<uint64_t, 2>;

AsciiSet chars(std::string_view members) {
  AsciiSet out{};
  for (char c : members) out[static_cast<unsigned char>(c) >> 6] |= uint64_t{1} << (c & 63);
  return out;
}

AsciiSet span(int lo, int hi) {
  AsciiSet out{};
  for (int c = lo; c <= hi; ++c) out[c >> 6] |= uint64_t{1} << (c & 63);
  return out;
}

AsciiSet join(AsciiSet a, AsciiSet b) { return {a[0] | b[0], a[1] | b[1]}; }

}  // namespace

std::optional<AsciiSet> ascii_category(std::string_view name) {
  // Unicode's general categories, as they fall on U+0000 to U+007F.
  const AsciiSet upper = span('A', 'Z'), lower = span('a', 'z'), digits = span('0', '9');
  const AsciiSet pc = chars("_"), pd = chars("-"), ps = chars("([{"), pe = chars(")]}");
  const AsciiSet po = chars("!\"#%&'*,./:;?@\\");
  const AsciiSet sm = chars("+<=>|~"), sc = chars("$"), sk = chars("^`");
  const AsciiSet cc = join(span(0, 0x1F), span(0x7F, 0x7F));
  const AsciiSet none{};
  struct Entry {
    std::string_view name;
    AsciiSet set;
  };
  const Entry table[] = {
      {"L", join(upper, lower)}, {"Lu", upper}, {"Ll", lower}, {"Lt", none}, {"Lm", none}, {"Lo", none},
      {"M", none}, {"Mn", none}, {"Mc", none}, {"Me", none},
      {"N", digits}, {"Nd", digits}, {"Nl", none}, {"No", none},
      {"P", join(join(join(pc, pd), join(ps, pe)), po)}, {"Pc", pc}, {"Pd", pd}, {"Ps", ps}, {"Pe", pe},
      {"Pi", none}, {"Pf", none}, {"Po", po},
      {"S", join(join(sm, sc), sk)}, {"Sm", sm}, {"Sc", sc}, {"Sk", sk}, {"So", none},
      {"Z", chars(" ")}, {"Zs", chars(" ")}, {"Zl", none}, {"Zp", none},
      {"C", cc}, {"Cc", cc}, {"Cf", none}, {"Co", none}, {"Cs", none},
  };
  for (const Entry& e : table) {
    if (e.name == name) return e.set;
  }
  return std::nullopt;
}

namespace {

// The members of `set` in RE2's class syntax, each as `\x{..}` (or a range of them).
std::string class_members(const AsciiSet& set) {
  auto has = [&](int c) { return ((set[c >> 6] >> (c & 63)) & 1) != 0; };
  std::string out;
  char buf[32];
  for (int c = 0; c < 128;) {
    if (!has(c)) { ++c; continue; }
    int end = c;
    while (end + 1 < 128 && has(end + 1)) ++end;
    if (end == c) std::snprintf(buf, sizeof buf, "\\x{%X}", c);
    else std::snprintf(buf, sizeof buf, "\\x{%X}-\\x{%X}", c, end);
    out += buf;
    c = end + 1;
  }
  return out;
}

}  // namespace

std::optional<std::string> ascii_narrowed(std::string_view re) {
  std::string out;
  out.reserve(re.size());
  bool in_class = false;
  bool class_empty = false;   // no member written yet in the class being read
  size_t class_start = 0;     // where its members start in `re`
  bool changed = false;
  for (size_t i = 0; i < re.size();) {
    char c = re[i];
    if (c == '\\') {
      if (i + 1 >= re.size()) return std::nullopt;
      char e = re[i + 1];
      if (e == 'p' || e == 'P') {
        std::string_view name;
        size_t next;
        if (i + 2 < re.size() && re[i + 2] == '{') {
          size_t close = re.find('}', i + 3);
          if (close == std::string_view::npos) return std::nullopt;
          name = re.substr(i + 3, close - i - 3);
          next = close + 1;
        } else if (i + 2 < re.size()) {
          name = re.substr(i + 2, 1);
          next = i + 3;
        } else {
          return std::nullopt;
        }
        auto set = ascii_category(name);
        if (!set) return std::nullopt;
        AsciiSet members = e == 'p' ? *set : AsciiSet{~(*set)[0], ~(*set)[1]};
        std::string written = class_members(members);
        if (in_class) {
          out += written;
          if (!written.empty()) class_empty = false;
        } else {
          if (written.empty()) return std::nullopt;  // a category that no ASCII text holds
          out += "[" + written + "]";
        }
        changed = true;
        i = next;
        continue;
      }
      // Any other escape is one member (or one atom), copied as written: `\x{..}` whole.
      size_t end = i + 2;
      if (e == 'x' && i + 2 < re.size() && re[i + 2] == '{') {
        size_t close = re.find('}', i + 3);
        if (close == std::string_view::npos) return std::nullopt;
        end = close + 1;
      }
      out.append(re.substr(i, end - i));
      if (in_class) class_empty = false;
      i = end;
      continue;
    }
    if (!in_class && c == '[') {
      in_class = true;
      class_empty = true;
      out += c;
      ++i;
      if (i < re.size() && re[i] == '^') out += re[i++];
      class_start = i;
      continue;
    }
    if (in_class) {
      if (c == '[') return std::nullopt;  // `[:alpha:]` and the like
      if (c == ']' && i != class_start) {
        if (class_empty) return std::nullopt;
        in_class = false;
      } else {
        class_empty = false;
      }
    }
    out += c;
    ++i;
  }
  if (in_class || !changed) return std::nullopt;
  return out;
}

}  // namespace infrac
