// infrac resource catalog: lazy loader over the embedded JSON-lines data.
// Format: docs/catalog.md (written by tools/gen_catalog.py).
//
// Lookups binary-search the sorted lines of the raw data, so a program that
// asks for a handful of types touches only those lines; each line is parsed
// (by the small JSON reader below, straight into Shapes) the first time its
// type is asked for.  The full index of names is built only for type_names()
// and size().
#include "catalog/catalog.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

// Defined in catalog_data.S (the data file, embedded with .incbin).
extern "C" const char infrac_catalog_data[];
extern "C" const char infrac_catalog_data_end[];

namespace infrac::catalog {

std::string kind_names(KindSet kinds) {
  if (kinds == 0) return "any";
  static constexpr std::pair<Kind, const char*> kNames[] = {
      {kString, "string"}, {kInteger, "integer"}, {kNumber, "number"}, {kBoolean, "boolean"},
      {kObject, "object"}, {kArray, "array"},     {kNull, "null"},
  };
  std::string out;
  for (const auto& [k, n] : kNames) {
    if (kinds & k) {
      if (!out.empty()) out += '|';
      out += n;
    }
  }
  return out;
}

namespace {

template <class T, class Key>
const T* find_sorted(const std::vector<T>& v, std::string_view key, Key key_of) {
  auto it = std::lower_bound(v.begin(), v.end(), key,
                             [&](const T& e, std::string_view k) { return std::string_view(key_of(e)) < k; });
  if (it != v.end() && std::string_view(key_of(*it)) == key) return &*it;
  return nullptr;
}

const std::string& property_name(const Property& p) { return p.name; }
const std::string& attribute_name(const Attribute& a) { return a.name; }

}  // namespace

bool Shape::is_required(std::string_view prop) const {
  return std::find(required.begin(), required.end(), prop) != required.end();
}

const Shape* Shape::property(std::string_view prop) const {
  const Property* p = find_sorted(properties, prop, property_name);
  return p ? p->shape : nullptr;
}

const Attribute* ResourceType::attribute(std::string_view getatt_name) const {
  return find_sorted(attributes, getatt_name, attribute_name);
}

bool ResourceType::has_attribute(std::string_view getatt_name) const {
  if (attribute(getatt_name)) return true;
  for (const std::string& prefix : attribute_prefixes) {
    if (getatt_name.size() > prefix.size() && getatt_name.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

bool ResourceType::is_create_only(std::string_view dotted_path) const {
  return std::find(create_only.begin(), create_only.end(), dotted_path) != create_only.end();
}

// ---------------------------------------------------------------------------
// A minimal JSON reader for one catalog line.

namespace {

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

// ---------------------------------------------------------------------------
// Line -> ResourceType

class Builder {
 public:
  Builder(ResourceType& rt, Reader& in) : rt_(rt), in_(in) {}

  void record(std::string_view expected_name) {
    in_.expect('{');
    bool named = false;
    in_.object_members([&](std::string_view key) {
      if (key == "t") {
        rt_.name = in_.string();
        if (rt_.name != expected_name) throw Malformed("type name mismatch");
        named = true;
      } else if (key == "d") {
        in_.object([&](std::string_view def) { define(def); });
      } else if (key == "a") {
        for (std::string& n : in_.string_list()) rt_.attributes.push_back({std::move(n), nullptr, true});
      } else if (key == "ax") {
        for (std::string& n : in_.string_list()) rt_.attributes.push_back({std::move(n), nullptr, false});
      } else if (key == "ap") {
        rt_.attribute_prefixes = in_.string_list();
      } else if (key == "co") {
        rt_.create_only = in_.string_list();
      } else if (key == "pi") {
        rt_.primary_identifier = in_.string_list();
      } else if (key == "rr") {
        rt_.ref_formats = in_.string_list();
      } else if (key == "rn") {
        rt_.ref_unchecked = in_.boolean_like();
      } else if (key == "rrc") {
        rt_.ref_never_arn = in_.boolean_like();
      } else if (key == "ra") {
        in_.object([&](std::string_view attr) { returned_.emplace(std::string(attr), in_.string_list()); });
      } else if (key == "sam") {
        rt_.sam = in_.boolean_like();
      } else if (key == "cp") {
        rt_.creation_policy = shape(1);
      } else if (key == "up") {
        rt_.update_policy = shape(1);
      } else if (key == "ru") {
        for (std::string& n : in_.string_list()) unchecked_.insert(std::move(n));
      } else {
        shape_member(rt_, key, 0);
      }
    });
    if (!in_.at_end()) throw Malformed("trailing text");
    if (!named) throw Malformed("no type name");
    for (const auto& [name, shape] : named_) {
      if (!defined_.count(name)) throw Malformed("unknown definition " + name);
    }
    rt_.kinds = kObject;
    auto by_name = [](const Attribute& x, const Attribute& y) { return x.name < y.name; };
    std::stable_sort(rt_.attributes.begin(), rt_.attributes.end(), by_name);
    rt_.attributes.erase(std::unique(rt_.attributes.begin(), rt_.attributes.end(),
                                     [](const Attribute& x, const Attribute& y) { return x.name == y.name; }),
                         rt_.attributes.end());
    for (Attribute& a : rt_.attributes) {
      a.shape = shape_at(rt_, a.name);
      auto f = returned_.find(a.name);
      if (f != returned_.end()) a.formats = f->second;
      a.unchecked = unchecked_.count("*") > 0 || unchecked_.count(a.name) > 0;
    }
  }

 private:
  Shape* alloc() { return &rt_.arena.emplace_back(); }

  Shape* named(std::string_view name) {
    auto found = named_.find(std::string(name));
    if (found != named_.end()) return found->second;
    Shape* s = alloc();
    s->name = std::string(name);
    named_.emplace(s->name, s);
    return s;
  }

  void define(std::string_view name) {
    Shape* s = named(name);
    if (!defined_.insert(s->name).second) throw Malformed("definition repeated");
    in_.expect('{');
    in_.object_members([&](std::string_view key) {
      if (key == "$") throw Malformed("definition is a bare reference");
      shape_member(*s, key, 1);
    });
  }

  const Shape* shape(int depth) {
    if (depth > kMaxDepth) throw Malformed("shape nesting too deep");
    in_.expect('{');
    if (in_.eat('}')) return alloc();
    // {"$": "Name"} refers to a definition of this type.
    std::string scratch;
    std::string_view key = in_.string_view(scratch);
    in_.expect(':');
    if (key == "$") {
      std::string name = in_.string();
      while (in_.eat(',')) {  // tolerate (ignore) anything beside "$"
        in_.string_view(scratch);
        in_.expect(':');
        in_.skip(depth);
      }
      in_.expect('}');
      return named(name);
    }
    Shape* s = alloc();
    std::string first(key);
    shape_member(*s, first, depth);
    if (in_.eat(',')) {
      in_.object_members([&](std::string_view k) { shape_member(*s, k, depth); });
    } else {
      in_.expect('}');
    }
    return s;
  }

  // An alternative: a list of names is a shape with only `required`.
  const Shape* alternative(int depth) {
    if (in_.peek() == '[') {
      Shape* s = alloc();
      s->required = in_.string_list();
      return s;
    }
    return shape(depth);
  }

  std::vector<const Shape*> alternatives(int depth) {
    std::vector<const Shape*> out;
    in_.array([&] { out.push_back(alternative(depth + 1)); });
    return out;
  }

  // [{"p": {name: [values]}, "rq": [names]}, [required names]]
  Conditional conditional(int depth) {
    Conditional c;
    in_.expect('[');
    in_.object([&](std::string_view key) {
      if (key == "p") {
        in_.object([&](std::string_view name) {
          std::vector<Scalar> values;
          in_.array([&] { values.push_back(in_.scalar(depth)); });
          c.values.emplace_back(std::string(name), std::move(values));
        });
      } else if (key == "rq") {
        c.present = in_.string_list();
      } else {
        in_.skip(depth);
      }
    });
    in_.expect(',');
    c.required = in_.string_list();
    in_.expect(']');
    return c;
  }

  std::vector<Dependency> dependencies() {
    std::vector<Dependency> out;
    in_.object([&](std::string_view name) { out.push_back({std::string(name), in_.string_list()}); });
    return out;
  }

  void shape_member(Shape& s, std::string_view key, int depth) {
    switch (key_code(key)) {
      case key_code("k"): {
        std::string scratch;
        for (char c : in_.string_view(scratch)) {
          switch (c) {
            case 's': s.kinds |= kString; break;
            case 'i': s.kinds |= kInteger; break;
            case 'n': s.kinds |= kNumber; break;
            case 'b': s.kinds |= kBoolean; break;
            case 'o': s.kinds |= kObject; break;
            case 'a': s.kinds |= kArray; break;
            case 'z': s.kinds |= kNull; break;
            default: throw Malformed("unknown kind letter");
          }
        }
        return;
      }
      case key_code("e"): return in_.array([&] { s.enum_values.push_back(in_.scalar(depth)); });
      case key_code("emn"): return void(s.exclusive_minimum = in_.number());
      case key_code("emx"): return void(s.exclusive_maximum = in_.number());
      case key_code("ci"): return void(s.enum_case_insensitive = in_.boolean_like());
      case key_code("pt"): return void(s.pattern = in_.string());
      case key_code("pd"): return void(s.pattern_description = in_.string());
      case key_code("pp"): {
        in_.object([&](std::string_view name) { s.properties.push_back({std::string(name), shape(depth + 1)}); });
        auto by_name = [](const Property& a, const Property& b) { return a.name < b.name; };
        if (!std::is_sorted(s.properties.begin(), s.properties.end(), by_name))
          std::stable_sort(s.properties.begin(), s.properties.end(), by_name);
        return;
      }
      case key_code("nl"): return void(s.min_length = in_.count());
      case key_code("ni"): return void(s.min_items = in_.count());
      case key_code("np"): return void(s.min_properties = in_.count());
      case key_code("x"): return void(s.additional_properties = in_.boolean_like());
      case key_code("xl"): return void(s.max_length = in_.count());
      case key_code("xi"): return void(s.max_items = in_.count());
      case key_code("xp"): return void(s.max_properties = in_.count());
      case key_code("mn"): return void(s.minimum = in_.number());
      case key_code("mx"): return void(s.maximum = in_.number());
      case key_code("mo"): return void(s.multiple_of = in_.number());
      case key_code("sc"):
        in_.expect('[');
        s.small_up_to = in_.number();
        in_.expect(',');
        in_.array([&] { s.small_values.push_back(in_.number()); });
        in_.expect(',');
        s.large_step = in_.number();
        in_.expect(']');
        return;
      case key_code("mp"):
        return in_.array([&] {
          in_.expect('[');
          std::string pattern = in_.string();
          in_.expect(',');
          s.pattern_properties.push_back({std::move(pattern), shape(depth + 1)});
          in_.expect(']');
        });
      case key_code("f"): return void(s.formats = in_.string_list());
      case key_code("rf"):
        return in_.array([&] {
          in_.expect('[');
          Ref r;
          r.type_name = in_.string();
          in_.expect(',');
          r.property_path = in_.string();
          in_.expect(']');
          s.refs.push_back(std::move(r));
        });
      case key_code("rq"): return void(s.required = in_.string_list());
      case key_code("rx"): return void(s.required_xor = in_.string_list());
      case key_code("ror"): return void(s.required_or = in_.string_list());
      case key_code("it"): return void(s.items = shape(depth + 1));
      case key_code("u"): return void(s.unique_items = in_.boolean_like());
      case key_code("am"):
        s.additional_shape = shape(depth + 1);
        s.additional_properties = true;
        return;
      case key_code("a1"): return void(s.any_of = alternatives(depth));
      case key_code("all"): return void(s.all_of = alternatives(depth));
      case key_code("o1"): return void(s.one_of = alternatives(depth));
      case key_code("fa"): return void(s.formats_alternative = in_.boolean_like());
      case key_code("cr"): return in_.array([&] { s.conditionals.push_back(conditional(depth)); });
      case key_code("dr"): return void(s.dependent_required = dependencies());
      case key_code("dx"): return void(s.dependent_excluded = dependencies());
      default: return in_.skip(depth);  // unknown key: newer data, older reader
    }
  }

  // Follow a dotted path ("Endpoint.Address") through object properties.
  static const Shape* shape_at(const Shape& root, std::string_view dotted) {
    const Shape* cur = &root;
    while (cur) {
      auto dot = dotted.find('.');
      cur = cur->property(dotted.substr(0, dot));
      if (dot == std::string_view::npos) return cur;
      dotted.remove_prefix(dot + 1);
    }
    return nullptr;
  }

  ResourceType& rt_;
  Reader& in_;
  std::unordered_map<std::string, Shape*> named_;
  std::unordered_set<std::string> defined_;
  std::unordered_map<std::string, std::vector<std::string>> returned_;  // "ra"
  std::unordered_set<std::string> unchecked_;                           // "ru"
};

std::unique_ptr<ResourceType> parse_line(std::string_view line, std::string_view expected_name) {
  try {
    auto rt = std::make_unique<ResourceType>();
    Reader in(line);
    Builder(*rt, in).record(expected_name);
    return rt;
  } catch (const std::exception&) {
    return nullptr;  // Malformed (or out of memory): the caller reports
  }
}

constexpr char kEntryPrefix[] = "{\"t\":\"";
constexpr std::size_t kEntryPrefixLen = sizeof(kEntryPrefix) - 1;

// The type name of a catalog line, or empty if it is not an entry line.
std::string_view entry_name(std::string_view line) {
  if (line.size() <= kEntryPrefixLen || line.compare(0, kEntryPrefixLen, kEntryPrefix) != 0) return {};
  std::size_t quote = line.find('"', kEntryPrefixLen);
  if (quote == std::string_view::npos) return {};
  return line.substr(kEntryPrefixLen, quote - kEntryPrefixLen);
}

}  // namespace

// ---------------------------------------------------------------------------
// Catalog

struct Catalog::Impl {
  // How much of a line holds an entry's name, at most.
  static constexpr std::size_t kNamePeek = 512;

  struct Entry {
    std::string_view name;
    std::string_view line;
  };

  std::string_view data;

  std::once_flag header_once;
  std::string cfn_lint_version;
  std::string region;

  std::once_flag index_once;
  std::vector<Entry> entries;  // sorted by name; only for type_names()/size()

  std::mutex mu;
  std::unordered_map<std::string_view, std::unique_ptr<ResourceType>> parsed;  // null: malformed

  std::once_flag rules_once;
  std::map<std::string, FormatRule, std::less<>> format_rules;
  std::vector<std::string> standard_formats;
  std::map<std::string, std::vector<std::string>, std::less<>> policy_types;

  // The line of cfn-lint's rule facts: `{"formats":...}` before the first entry.
  void read_rules() {
    std::call_once(rules_once, [this] {
      std::size_t pos = 0;
      while (pos < data.size()) {
        std::string_view line = line_at(pos);
        if (!entry_name(line).empty()) return;
        if (line.rfind("{\"formats\"", 0) == 0) {
          try {
            parse_rules(line);
          } catch (const std::exception&) {
            format_rules.clear();  // unusable: no format facts
            standard_formats.clear();
            policy_types.clear();
          }
          return;
        }
        pos += line.size() + 1;
      }
    });
  }

  void parse_rules(std::string_view line) {
    Reader in(line);
    in.object([&](std::string_view key) {
      if (key == "formats") {
        in.object([&](std::string_view name) {
          FormatRule& rule = format_rules[std::string(name)];
          in.object([&](std::string_view k) {
            if (k == "pt") rule.patterns = in.string_list();
            else if (k == "ok") rule.accepted = in.string_list();
            else if (k == "okp") rule.accepted_prefixes = in.string_list();
            else in.skip(0);
          });
        });
      } else if (key == "standard_formats") {
        standard_formats = in.string_list();
      } else if (key == "policies") {
        in.object([&](std::string_view attribute) { policy_types[std::string(attribute)] = in.string_list(); });
      } else {
        in.skip(0);
      }
    });
  }

  std::string_view line_at(std::size_t start) const {
    const void* nl = std::memchr(data.data() + start, '\n', data.size() - start);
    std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data.data()) : data.size();
    return data.substr(start, end - start);
  }

  // Binary search over the raw lines (sorted by type name; lines that are not
  // entries, like the header, are skipped).  Touches O(log n) lines.
  Entry search(std::string_view name) const {
    if (name.empty()) return {};
    std::size_t lo = 0, hi = data.size();  // the wanted line starts in [lo, hi)
    while (lo < hi) {
      std::size_t mid = lo + (hi - lo) / 2;
      std::size_t start = mid;
      if (mid > 0) {  // first line starting at or after mid
        const void* nl = std::memchr(data.data() + mid - 1, '\n', data.size() - (mid - 1));
        start = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data.data()) + 1 : data.size();
      }
      // first entry line starting in [start, hi); its name is read from the line's start
      // alone (an entry's line can be a hundred kilobytes long)
      std::string_view got;
      while (start < hi) {
        got = entry_name(data.substr(start, kNamePeek));
        if (!got.empty()) break;
        start += line_at(start).size() + 1;
      }
      if (start >= hi || got.empty()) {
        hi = mid;
      } else if (got == name) {
        return {got, line_at(start)};
      } else if (got < name) {
        lo = start + 1;  // the wanted line starts after this one does
      } else {
        hi = mid;
      }
    }
    return {};
  }

  void build_index() {
    entries.reserve(2048);
    std::size_t pos = 0;
    while (pos < data.size()) {
      std::string_view line = line_at(pos);
      std::string_view name = entry_name(line);
      if (!name.empty()) entries.push_back({name, line});
      pos += line.size() + 1;
    }
    auto by_name = [](const Entry& a, const Entry& b) { return a.name < b.name; };
    if (!std::is_sorted(entries.begin(), entries.end(), by_name))
      std::stable_sort(entries.begin(), entries.end(), by_name);
    entries.erase(std::unique(entries.begin(), entries.end(),
                              [](const Entry& a, const Entry& b) { return a.name == b.name; }),
                  entries.end());
  }

  const std::vector<Entry>& index() {
    std::call_once(index_once, [this] { build_index(); });
    return entries;
  }

  void read_header() {
    std::call_once(header_once, [this] {
      std::string_view first = line_at(0);
      if (!entry_name(first).empty()) return;
      try {
        Reader in(first);
        in.object([&](std::string_view key) {
          if (key == "cfn_lint") cfn_lint_version = in.string();
          else if (key == "region") region = in.string();
          else in.skip(0);
        });
      } catch (const std::exception&) {
        // no usable header: leave the fields empty
      }
    });
  }
};

Catalog::Catalog(std::string_view data) : impl_(std::make_unique<Impl>()) { impl_->data = data; }

Catalog::~Catalog() = default;

const Catalog& Catalog::builtin() {
  static const Catalog instance(std::string_view(
      infrac_catalog_data, static_cast<std::size_t>(infrac_catalog_data_end - infrac_catalog_data)));
  return instance;
}

const ResourceType* Catalog::find(std::string_view type_name) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto cached = impl_->parsed.find(type_name);
  if (cached != impl_->parsed.end()) return cached->second.get();
  Impl::Entry e = impl_->search(type_name);
  if (e.name.empty()) return nullptr;  // unknown types are not cached
  auto& slot = impl_->parsed[e.name];  // keyed by the view into the data
  slot = parse_line(e.line, e.name);
  return slot.get();
}

bool Catalog::contains(std::string_view type_name) const { return !impl_->search(type_name).name.empty(); }

std::vector<std::string_view> Catalog::type_names() const {
  const auto& entries = impl_->index();
  std::vector<std::string_view> out;
  out.reserve(entries.size());
  for (const auto& e : entries) out.push_back(e.name);
  return out;
}

std::size_t Catalog::size() const { return impl_->index().size(); }

const FormatRule* Catalog::format_rule(std::string_view format) const {
  impl_->read_rules();
  auto it = impl_->format_rules.find(format);
  return it == impl_->format_rules.end() ? nullptr : &it->second;
}

const std::vector<std::string>& Catalog::policy_types(std::string_view attribute) const {
  static const std::vector<std::string> none;
  impl_->read_rules();
  auto it = impl_->policy_types.find(attribute);
  return it == impl_->policy_types.end() ? none : it->second;
}

bool Catalog::checks_standard_format(std::string_view format) const {
  impl_->read_rules();
  const auto& names = impl_->standard_formats;
  return std::find(names.begin(), names.end(), format) != names.end();
}

std::string_view Catalog::cfn_lint_version() const {
  impl_->read_header();
  return impl_->cfn_lint_version;
}

std::string_view Catalog::region() const {
  impl_->read_header();
  return impl_->region;
}

bool is_custom_type(std::string_view type) {
  if (type == "AWS::CloudFormation::CustomResource") return true;
  constexpr std::string_view prefix = "Custom::";
  if (type.substr(0, prefix.size()) != prefix) return false;
  std::string_view name = type.substr(prefix.size());
  if (name.empty() || name.size() > 60) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

}  // namespace infrac::catalog
