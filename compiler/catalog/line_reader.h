// The small JSON reader the catalog reads its lines with (catalog/type_reader.h), over
// one line of the embedded data. It reads values straight into what the caller builds;
// a line that is not what the catalog's format says throws Malformed.
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.h"

namespace infrac::catalog::detail {

struct Malformed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr int kMaxDepth = 256;

// The catalog's keys are 1-3 characters: pack them into an int to switch on.
// Longer keys map to 0 (never a known key).
constexpr std::uint32_t key_code(std::string_view key) {
  if (key.empty() || key.size() > 3) return 0;
  std::uint32_t code = 0;
  for (std::size_t i = 0; i < key.size(); ++i)
    code |= static_cast<std::uint32_t>(static_cast<unsigned char>(key[i])) << (8 * i);
  return code;
}

class Reader {
 public:
  explicit Reader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  void ws() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\r' || *p_ == '\n')) ++p_;
  }
  bool at_end() {
    ws();
    return p_ == end_;
  }
  // Where the reader is, as a pointer into the text it reads.
  const char* here() const { return p_; }
  char peek() {
    ws();
    if (p_ == end_) throw Malformed("unexpected end of line");
    return *p_;
  }
  bool eat(char c) {
    if (peek() == c) {
      ++p_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!eat(c)) throw Malformed(std::string("expected '") + c + "'");
  }

  // A string; the view points into the line when there are no escapes, and
  // into `scratch` otherwise.
  std::string_view string_view(std::string& scratch) {
    expect('"');
    const char* start = p_;
    const void* quote = std::memchr(p_, '"', static_cast<std::size_t>(end_ - p_));
    if (!quote) throw Malformed("unterminated string");
    const char* q = static_cast<const char*>(quote);
    const void* backslash = std::memchr(p_, '\\', static_cast<std::size_t>(q - p_));
    p_ = backslash ? static_cast<const char*>(backslash) : q;
    if (*p_ == '"') {
      std::string_view v(start, static_cast<std::size_t>(p_ - start));
      ++p_;
      return v;
    }
    scratch.assign(start, p_);
    while (true) {
      if (p_ == end_) throw Malformed("unterminated string");
      char c = *p_++;
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) throw Malformed("control character in string");
      if (c != '\\') {
        scratch += c;
        continue;
      }
      if (p_ == end_) throw Malformed("unterminated escape");
      char e = *p_++;
      switch (e) {
        case '"': scratch += '"'; break;
        case '\\': scratch += '\\'; break;
        case '/': scratch += '/'; break;
        case 'b': scratch += '\b'; break;
        case 'f': scratch += '\f'; break;
        case 'n': scratch += '\n'; break;
        case 'r': scratch += '\r'; break;
        case 't': scratch += '\t'; break;
        case 'u': append_utf8(scratch, unicode_escape()); break;
        default: throw Malformed("bad escape");
      }
    }
    return scratch;
  }

  std::string string() {
    std::string scratch;
    std::string_view v = string_view(scratch);
    return v.data() == scratch.data() ? std::move(scratch) : std::string(v);
  }

  std::vector<std::string> string_list() {
    std::vector<std::string> out;
    array([&] { out.push_back(string()); });
    return out;
  }

  // The text of a number token.
  std::string_view number_token() {
    ws();
    const char* start = p_;
    while (p_ < end_ && (std::strchr("+-.eE", *p_) != nullptr || (*p_ >= '0' && *p_ <= '9'))) ++p_;
    if (p_ == start) throw Malformed("expected a number");
    return std::string_view(start, static_cast<std::size_t>(p_ - start));
  }

  double number() {
    std::string_view tok = number_token();
    double d = 0;
    auto res = std::from_chars(tok.data(), tok.data() + tok.size(), d);
    if (res.ec != std::errc() || res.ptr != tok.data() + tok.size()) throw Malformed("bad number");
    return d;
  }

  std::uint64_t count() {
    double d = number();
    if (!(d >= 0)) return 0;
    if (d >= 1.8e19) return UINT64_MAX;
    return static_cast<std::uint64_t>(d);
  }

  bool boolean_like() {  // true/false, or a number (1 = true)
    char c = peek();
    if (c == 't' || c == 'f') return literal();
    return number() != 0;
  }

  bool literal() {  // true / false
    if (match("true")) return true;
    if (match("false")) return false;
    throw Malformed("expected true or false");
  }

  Scalar scalar(int depth) {
    Scalar s;
    char c = peek();
    if (c == '"') {
      s.kind = kString;
      s.text = string();
    } else if (c == 't' || c == 'f') {
      s.kind = kBoolean;
      s.text = literal() ? "true" : "false";
    } else if (c == 'n') {
      if (!match("null")) throw Malformed("bad literal");
      s.kind = kNull;
      s.text = "null";
    } else if (c == '{' || c == '[') {
      const char* start = p_;
      skip(depth);
      s.kind = c == '{' ? kObject : kArray;
      s.text.assign(start, p_);
    } else {
      std::string_view tok = number_token();
      bool integral = tok.find_first_of(".eE") == std::string_view::npos;
      s.kind = integral ? kInteger : kNumber;
      s.text = std::string(tok);
    }
    return s;
  }

  template <class F>
  void array(F&& element) {
    expect('[');
    if (eat(']')) return;
    do {
      element();
    } while (eat(','));
    expect(']');
  }

  // Calls member(key) for each member; member must consume the value.
  template <class F>
  void object_members(F&& member) {
    if (eat('}')) return;
    std::string scratch;
    do {
      std::string_view key = string_view(scratch);
      std::string owned;
      if (key.data() == scratch.data()) {
        owned = std::string(key);
        key = owned;
      }
      expect(':');
      member(key);
    } while (eat(','));
    expect('}');
  }

  template <class F>
  void object(F&& member) {
    expect('{');
    object_members(std::forward<F>(member));
  }

  // Skips an object or array, checking only that its brackets nest and its strings end:
  // the cheap pass over text that is read properly later, if ever (catalog/type_reader.h).
  void skip_balanced() {
    char open = peek();
    if (open != '{' && open != '[') throw Malformed("expected an object or array");
    char stack[kMaxDepth];
    int depth = 0;
    while (p_ < end_) {
      char c = *p_++;
      switch (c) {
        case '"': {
          while (true) {
            const void* quote = std::memchr(p_, '"', static_cast<std::size_t>(end_ - p_));
            if (!quote) throw Malformed("unterminated string");
            const char* q = static_cast<const char*>(quote);
            std::size_t backslashes = 0;
            while (q - backslashes > p_ && q[-1 - static_cast<std::ptrdiff_t>(backslashes)] == '\\') ++backslashes;
            p_ = q + 1;
            if (backslashes % 2 == 0) break;  // not escaped
          }
          break;
        }
        case '{':
        case '[':
          if (depth == kMaxDepth) throw Malformed("nesting too deep");
          stack[depth++] = c == '{' ? '}' : ']';
          break;
        case '}':
        case ']':
          if (depth == 0 || stack[depth - 1] != c) throw Malformed("unbalanced brackets");
          if (--depth == 0) return;
          break;
        default:
          break;
      }
    }
    throw Malformed("unexpected end of line");
  }

  void skip(int depth) {
    if (depth > kMaxDepth) throw Malformed("nesting too deep");
    char c = peek();
    if (c == '{') {
      object([&](std::string_view) { skip(depth + 1); });
    } else if (c == '[') {
      array([&] { skip(depth + 1); });
    } else if (c == '"') {
      std::string scratch;
      string_view(scratch);
    } else if (c == 't' || c == 'f') {
      literal();
    } else if (c == 'n') {
      if (!match("null")) throw Malformed("bad literal");
    } else {
      number_token();
    }
  }

 private:
  bool match(std::string_view word) {
    ws();
    if (static_cast<std::size_t>(end_ - p_) >= word.size() && std::string_view(p_, word.size()) == word) {
      p_ += word.size();
      return true;
    }
    return false;
  }

  unsigned hex4() {
    if (end_ - p_ < 4) throw Malformed("bad \\u escape");
    unsigned v = 0;
    for (int i = 0; i < 4; ++i) {
      char c = *p_++;
      v <<= 4;
      if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
      else throw Malformed("bad \\u escape");
    }
    return v;
  }

  unsigned unicode_escape() {
    unsigned cp = hex4();
    if (cp >= 0xD800 && cp <= 0xDBFF && end_ - p_ >= 6 && p_[0] == '\\' && p_[1] == 'u') {
      p_ += 2;
      unsigned lo = hex4();
      if (lo >= 0xDC00 && lo <= 0xDFFF) return 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      throw Malformed("bad surrogate pair");
    }
    return cp;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  const char* p_;
  const char* end_;
};

}  // namespace infrac::catalog::detail
