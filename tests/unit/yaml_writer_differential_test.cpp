// infrac's YAML writer against the yaml-cpp emitter it replaced (yaml_reference_emitter.cpp):
// the same document must give the same bytes. Over the real templates of the shared
// corpus, read into IR values, and over seeded random values made to break the rules
// for scalars (quoting, escapes, literal blocks), keys and nesting.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include "data/tree.h"
#include "emit/emitters.h"
#include "yaml_reference_emitter.h"

using infrac::ir::Value;

namespace {

// `s` with each byte outside printable ASCII as `format` gives it (and `\` before each
// of `quote`), for messages.
void append_escaped(std::string& out, const std::string& s, const char* format, const char* quote) {
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x7F) {
      char b[8];
      std::snprintf(b, sizeof b, format, c);
      out += b;
    } else {
      if (std::strchr(quote, c) != nullptr) out += '\\';
      out += static_cast<char>(c);
    }
  }
}

// Text with its line breaks and control characters made visible, one line a line.
std::string visible(const std::string& s) {
  std::string out;
  size_t start = 0;
  for (size_t nl = s.find('\n'); nl != std::string::npos; start = nl + 1, nl = s.find('\n', start)) {
    append_escaped(out, s.substr(start, nl - start), "<%02x>", "");
    out += "\\n\n";
  }
  append_escaped(out, s.substr(start), "<%02x>", "");
  return out;
}

// A value as one line: what a mismatch is about.
void dump(const Value& v, std::string& out) {
  auto quoted = [&](const std::string& s) {
    out += '"';
    append_escaped(out, s, "\\x%02x", "\"\\");
    out += '"';
  };
  switch (v.kind) {
    case Value::Null: out += "null"; break;
    case Value::Bool: out += v.boolean ? "true" : "false"; break;
    case Value::Number: out += "number:" + v.text; break;
    case Value::String: quoted(v.text); break;
    case Value::List:
      out += '[';
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out += ", ";
        dump(v.items[i], out);
      }
      out += ']';
      break;
    case Value::Map:
      out += '{';
      for (size_t i = 0; i < v.fields.size(); ++i) {
        if (i > 0) out += ", ";
        quoted(v.fields[i].first);
        out += ": ";
        dump(v.fields[i].second, out);
      }
      out += '}';
      break;
    case Value::Fn:
      out += v.text + "(";
      dump(v.arg(), out);
      out += ')';
      break;
  }
}

// Compares the two writers on `doc`; on a difference, says where and shows both texts.
// Whether a string is one yaml-cpp's rule puts in a literal block (several lines ending in
// a line break, no CR, tab, trailing blank or leading blank) while holding a C0 control or
// DEL, or a C1 control other than NEL.
bool unliteral(const std::string& s) {
  if (s.find('\n') == std::string::npos || s.find('\r') != std::string::npos || s.back() != '\n' ||
      s.find(" \n") != std::string::npos || s.find('\t') != std::string::npos || s.front() == ' ') {
    return false;
  }
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9F && static_cast<unsigned char>(s[i + 1]) != 0x85) {
      return true;
    }
  }
  return false;
}

bool holds_unliteral_string(const Value& v) {
  switch (v.kind) {
    case Value::String: return unliteral(v.text);
    case Value::List:
      for (const Value& i : v.items) {
        if (holds_unliteral_string(i)) return true;
      }
      return false;
    case Value::Map:
      for (const auto& [k, f] : v.fields) {
        if (unliteral(k) || holds_unliteral_string(f)) return true;
      }
      return false;
    case Value::Fn: return holds_unliteral_string(v.arg());
    default: return false;
  }
}

bool same_yaml(const Value& doc, const std::string& what) {
  std::string expected = infrac::test::reference_yaml_of_document(doc);
  std::string actual = infrac::emit::yaml_of_document(doc);
  if (expected == actual) return true;
  // A string yaml-cpp wrote as a literal block although it holds a control character (NUL
  // from a heredoc): YAML allows none in a literal block, yaml-cpp reads the NUL back
  // wrong, and the writer double-quotes such a string instead. Where the document holds
  // one, it departs from yaml-cpp on purpose: its own output must read back.
  if (holds_unliteral_string(doc)) {
    try {
      YAML::Load(actual);
      return true;
    } catch (const YAML::Exception&) {
      // yaml-cpp's own quirks elsewhere in the document: compare no further
      try {
        YAML::Load(expected);
      } catch (const YAML::Exception&) {
        return true;
      }
    }
  }
  size_t at = std::mismatch(expected.begin(), expected.end(), actual.begin(), actual.end()).first - expected.begin();
  std::string value;
  dump(doc, value);
  auto near = [&](const std::string& s) { return visible(s.substr(at < 40 ? 0 : at - 40, 80)); };
  FAIL_CHECK(what << ": the writers differ at byte " << at << "\nvalue: " << value << "\n--- yaml-cpp there:\n"
                  << near(expected) << "\n--- infrac there:\n"
                  << near(actual) << "\n--- yaml-cpp:\n"
                  << visible(expected) << "\n--- infrac:\n"
                  << visible(actual));
  return false;
}

// A node of a template as the IR value a compiled program would hold: tags and the long
// forms (`Fn::Sub:`, `Ref:`) become intrinsics, plain scalars numbers, bools or nulls
// when they read so. False when the node has a key that is not a scalar.
bool to_value(const infrac::data::Node& n, Value& out, bool skip_tag = false) {
  using infrac::data::Kind;
  if (n.is_tagged() && !skip_tag) {
    std::string name = n.tag.substr(1);
    Value arg;
    if (!to_value(n, arg, true)) return false;
    if (name == "GetAtt" && arg.kind == Value::String && arg.text.find('.') != std::string::npos) {
      size_t dot = arg.text.find('.');
      arg = Value::list({Value::string(arg.text.substr(0, dot)), Value::string(arg.text.substr(dot + 1))});
    }
    out = Value::fn(name == "Ref" || name == "Condition" ? name : "Fn::" + name, std::move(arg));
    return true;
  }
  switch (n.kind) {
    case Kind::Null: out = Value{}; return true;
    case Kind::Scalar:
      if (n.quoted) {
        out = Value::string(n.text);
        return true;
      }
      switch (infrac::data::classify_plain(n.text)) {
        case infrac::data::Plain::Null: out = Value{}; break;
        case infrac::data::Plain::True: out = Value::boolean_of(true); break;
        case infrac::data::Plain::False: out = Value::boolean_of(false); break;
        case infrac::data::Plain::Number: out = Value::number(n.text); break;
        case infrac::data::Plain::String: out = Value::string(n.text); break;
      }
      return true;
    case Kind::Seq: {
      std::vector<Value> items(n.items.size());
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (!to_value(*n.items[i], items[i])) return false;
      }
      out = Value::list(std::move(items));
      return true;
    }
    case Kind::Map: {
      if (n.entries.size() == 1 && n.entries[0].first->is_scalar()) {
        const std::string& key = n.entries[0].first->text;
        bool fn = key == "Ref" || (key.rfind("Fn::", 0) == 0 && key.find("::", 4) == std::string::npos);
        if (fn) {
          Value arg;
          if (!to_value(*n.entries[0].second, arg)) return false;
          out = Value::fn(key, std::move(arg));
          return true;
        }
      }
      out = Value::map();
      for (const auto& [k, v] : n.entries) {
        if (!k->is_scalar()) return false;
        Value x;
        if (!to_value(*v, x)) return false;
        out.set(k->text, std::move(x));
      }
      return true;
    }
  }
  return false;
}

std::string corpus_dir() {
  if (const char* dir = std::getenv("INFRAC_CORPUS")) return dir;
  return INFRAC_CORPUS_DIR;
}

// Seeded values that stress the writer's rules. mt19937's sequence is fixed by the
// standard; the distributions of <random> are not, so they are not used.
class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  size_t below(size_t n) { return static_cast<size_t>(rng_() % n); }
  bool one_in(size_t n) { return below(n) == 0; }

  std::string string() {
    // Characters that decide a scalar's style: indicators, blanks, breaks, quotes,
    // what makes a number or a date, control characters, UTF-8 (valid and not).
    static const char* const pieces[] = {
        ":", "#", "-", "?", "'", "\"", "\\", "\n", "\t", "\r", " ", "  ", "{", "}", "[", "]", ",", "&", "*", "!", "|",
        ">", "%", "@", "`", "0", "1", "7", "9", ".", "e", "E", "x", "o", "_", "+", "a", "b", "Z", "y", "n", "~",
        ": ", " #", "\r\n", "- ", "? ", "\xc3\xa9", "\xe6\x97\xa5\xe6\x9c\xac", "\xf0\x9f\x98\x80", "\xc2\x85",
        "\xc2\xa0", "\xc2\x80", "\xc2\x9f", "\xef\xbb\xbf", "\xef\xbf\xbe", "\xed\xa0\x80", "\x80", "\xc3", "\xff",
        "\xe6\x97", "\xf4\x90\x80\x80", "\x7f", "\x01", "\x02", "\x07", "\x08", "\x0b", "\x0c", "\x0e", "\x1b",
        "\x1f", "null", "Null", "true", "yes", "No", "off", "0x1F", "2012-10-17", "12:30", "1e3", ".inf", ".NaN",
        "${AWS::Region}", "Ref", "Fn::Sub", "arn:aws:s3:::bucket/*", "http://x.y/z?a=1#f", "word", "Key",
    };
    constexpr size_t count = sizeof pieces / sizeof pieces[0];
    std::string s;
    size_t n = one_in(50) ? 100 + below(300) : below(9);
    bool multi_line = one_in(4);  // most such strings become literal blocks
    for (size_t i = 0; i < n; ++i) {
      const char* p = pieces[below(count)];
      if (multi_line && (p[0] == '\t' || p[0] == '\r' || (p[0] == ' ' && i == 0))) continue;
      s += p;
      if (multi_line && one_in(3)) s += '\n';
    }
    if (multi_line && (s.empty() || s.back() != '\n')) s += one_in(4) ? "\n\n" : "\n";
    return s;
  }

  std::string key() {
    switch (below(8)) {
      case 0: return "";
      case 1: return std::string(1000 + below(200), 'k');  // past yaml-cpp's simple-key length, if it had one
      case 2: case 3: return string();
      default: {
        static const char* const names[] = {"Type", "Properties", "Value", "Fn::If", "Ref", "Name", "Tags", "K"};
        return names[below(8)];
      }
    }
  }

  Value value(int depth) {
    size_t kind = below(depth <= 0 ? 4 : 9);
    switch (kind) {
      case 0: return Value{};
      case 1: return Value::boolean_of(one_in(2));
      case 2: {
        static const char* const numbers[] = {"0", "1", "-3", "0.5", "1e10", "12", "3.14", "-0", "1.0e+3", "0x10",
                                              "1_000", ".5", "+7", "10:30"};
        return Value::number(numbers[below(sizeof numbers / sizeof numbers[0])]);
      }
      case 3: return Value::string(string());
      case 4: case 5: {
        std::vector<Value> items;
        size_t n = below(4);
        for (size_t i = 0; i < n; ++i) items.push_back(value(depth - 1));
        return Value::list(std::move(items));
      }
      case 6: case 7: {
        Value m = Value::map();
        size_t n = below(4);
        for (size_t i = 0; i < n; ++i) m.set(key(), value(depth - 1));
        return m;
      }
      default: return intrinsic(depth);
    }
  }

  Value intrinsic(int depth) {
    static const char* const names[] = {"Ref", "Fn::Sub", "Fn::Join", "Fn::If", "Fn::GetAtt", "Fn::Base64",
                                        "Fn::Select", "Fn::Equals", "Condition", "Fn::GetStackOutput", "Fn::Length",
                                        "Fn::FindInMap", "Fn::ToJsonString"};
    std::string name = names[below(sizeof names / sizeof names[0])];
    if (name == "Fn::GetAtt" && !one_in(4)) {
      return Value::fn(name, Value::list({Value::string(string()), Value::string(string())}));
    }
    if (one_in(5)) return Value::fn(name, intrinsic(depth - 1));  // the long form
    return Value::fn(name, value(depth - 1));
  }

  Value document() {
    static const char* const sections[] = {"AWSTemplateFormatVersion", "Description", "Parameters", "Resources",
                                           "Outputs", "Conditions", "Mappings", "Metadata"};
    Value doc = Value::map();
    size_t n = below(6);
    for (size_t i = 0; i < n; ++i) {
      std::string k = one_in(4) ? string() : sections[below(8)];
      doc.set(std::move(k), value(1 + static_cast<int>(below(4))));
    }
    return doc;
  }

 private:
  std::mt19937 rng_;
};

}  // namespace

TEST_CASE("the YAML writer writes the corpus templates as yaml-cpp did", "[emit][yaml-writer]") {
  namespace fs = std::filesystem;
  const fs::path dir = corpus_dir();
  if (!fs::is_directory(dir)) {
    if (std::getenv("CI") != nullptr) FAIL("the template corpus is not at " << dir << ", and CI must run this test");
    WARN("skipped: the template corpus is not at " << dir << " (set INFRAC_CORPUS)");
    return;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".yaml" || ext == ".yml" || ext == ".json")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  size_t compared = 0, unreadable = 0, differing = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    infrac::data::ReadResult read = infrac::data::read_yaml(text.str());
    Value doc;
    if (!read.root || !read.root->is_map() || !to_value(*read.root, doc) || doc.kind != Value::Map) {
      ++unreadable;
      continue;
    }
    ++compared;
    if (!same_yaml(doc, f.string()) && ++differing >= 5) break;
  }
  INFO(files.size() << " files, " << compared << " compared, " << unreadable << " not read");
  CHECK(differing == 0);
  CHECK(compared >= 800);
  WARN("corpus: " << compared << " templates compared, " << unreadable << " of " << files.size() << " not read");
}

TEST_CASE("the YAML writer writes hostile values as yaml-cpp did", "[emit][yaml-writer]") {
  // INFRAC_YAML_SEED and INFRAC_YAML_CASES run other and more cases, for a longer search.
  const char* seed = std::getenv("INFRAC_YAML_SEED");
  const char* cases = std::getenv("INFRAC_YAML_CASES");
  Generator gen(seed ? static_cast<uint32_t>(std::stoul(seed)) : 20240611u);
  const size_t kCases = cases ? std::stoul(cases) : 40000;
  size_t differing = 0, checked = 0;
  for (size_t i = 0; i < kCases && differing < 5; ++i, ++checked) {
    if (!same_yaml(gen.document(), "random case " + std::to_string(i))) ++differing;
  }
  CHECK(differing == 0);
  CHECK(checked == kCases);
}

TEST_CASE("the YAML writer's layout of nested and tagged nodes", "[emit][yaml-writer]") {
  // The cases the rules of the layout are about, each on its own, so that a failure
  // names the rule.
  auto doc_of = [](Value v) {
    Value doc = Value::map();
    doc.set("Resources", std::move(v));
    return doc;
  };
  auto s = [](const char* t) { return Value::string(t); };
  Value in_seq = Value::list({Value::list({s("x"), s("y")}), Value::list({}), Value::map()});
  CHECK(same_yaml(doc_of(in_seq), "sequences in a sequence"));
  Value m = Value::map();
  m.set("K", s("v"));
  m.set("L", Value::list({s("w")}));
  CHECK(same_yaml(doc_of(Value::list({m, m})), "mappings in a sequence"));
  CHECK(same_yaml(doc_of(Value::fn("Fn::Join", Value::list({s(""), Value::list({s("a")})}))), "a tag before a sequence"));
  CHECK(same_yaml(doc_of(Value::list({Value::fn("Fn::If", m), Value::fn("Ref", Value{})})), "tags in a sequence"));
  Value long_keys = Value::map();
  long_keys.set("a\nb\n", s("v"));
  long_keys.set("c\n", m);
  long_keys.set("d\n\n", Value::list({s("s")}));
  long_keys.set("e\n", Value::fn("Fn::Sub", s("x\ny\n")));
  CHECK(same_yaml(doc_of(long_keys), "keys written as literal blocks"));
  Value long_names = Value::map();
  long_names.set(std::string(1024, 'k'), s("v"));
  long_names.set(std::string(1025, 'k'), m);
  long_names.set("- " + std::string(1023, 'k'), Value::list({s("x")}));
  CHECK(same_yaml(doc_of(long_names), "keys of more than 1024 bytes"));
  CHECK(same_yaml(doc_of(s("line\n  indented\n\nafter blank\n")), "a literal block"));
  CHECK(same_yaml(doc_of(s("caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac\x01\"\\\t\xef\xbb\xbf")), "escapes in double quotes"));
}
