// The YAML writer: a template's document written straight into one string. The layout
// is yaml-cpp 0.7.0's (block collections indented by 2, empty ones as `[]` and `{}`, tags
// before their node, `? |` for a key written as a literal block), which wrote the
// templates before; yaml-cpp's emitter cost a small build a sixth of its instructions
// (bench/README.md), mostly in regular expressions deciding how to write each scalar.
// tests/unit/yaml_writer_differential_test.cpp compares the two byte for byte.
#include <cstring>

#include "emit/document.h"
#include "emit/emitters.h"
#include "emit/yaml_scalar.h"

namespace infrac::emit {

namespace {

// The short-form tag of an intrinsic: "Fn::Sub" -> "Sub", "Ref" -> "Ref".
std::string_view short_tag(std::string_view fn) { return fn.rfind("Fn::", 0) == 0 ? fn.substr(4) : fn; }

// Where a node goes, which decides what comes before it on the line: the top of the
// document, an entry of a sequence, or a key or value of a mapping (a `? ` key, and its
// `: ` value on a line of its own, when the key is a literal block or over 1024 bytes).
enum class Slot { Top, Item, Key, Value, LongKey, LongValue };

struct Place {
  Slot slot;
  size_t indent;  // the indentation of the collection the node is in (0 at the top)
  bool first;     // Item, Key, LongKey: the collection's first entry
};

// What is written at a place: a tag (then the node it is on), a scalar or an empty
// collection (on the same line), or a block collection (on the lines after).
enum class Shape { Tag, Inline, BlockSeq, BlockMap };

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  // The document: a mapping whose keys are the sections' names.
  void document(const ir::Value& doc) { map(doc.fields, Place{Slot::Top, 0, true}, false, true); }

 private:
  size_t column() const { return out_.size() - line_start_; }
  void newline() {
    out_ += '\n';
    line_start_ = out_.size();
  }
  void indent_to(size_t n) {
    if (column() < n) out_.append(n - column(), ' ');
  }
  void space_or_indent_to(bool space, size_t n) {
    if (space && column() > 0) out_ += ' ';
    indent_to(n);
  }

  // The indentation of a collection that starts at `at`.
  static size_t inner_indent(const Place& at) { return at.slot == Slot::Top ? 0 : at.indent + 2; }

  // The `-` of an entry or the `?` of a long key, at the start of a line of its own.
  void indicator(const Place& at, char c) {
    if (!at.first) newline();
    indent_to(at.indent);
    out_ += c;
  }

  // What comes before a node at `at`: the line break and `- ` of an entry, the `:` after
  // a key, the space after a tag (`tagged`: one was written just before).
  void prepare(const Place& at, Shape shape, bool tagged) {
    const bool inline_shape = shape == Shape::Tag || shape == Shape::Inline;
    switch (at.slot) {
      case Slot::Top:
        if (inline_shape) {
          space_or_indent_to(tagged, 0);
        } else if (tagged) {
          newline();
        }
        break;
      case Slot::Item:
        if (!tagged) indicator(at, '-');
        if (inline_shape) {
          space_or_indent_to(tagged, at.indent + 2);
        } else if (shape == Shape::BlockSeq || tagged) {
          newline();  // `- - x` is not written: the inner sequence starts on the next line
        }
        break;
      case Slot::Key:
        if (!tagged && !at.first) newline();
        if (inline_shape) space_or_indent_to(tagged, at.indent);
        break;
      case Slot::Value:
        if (!tagged) out_ += ':';
        if (inline_shape) {
          space_or_indent_to(true, at.indent + 2);
        } else {
          newline();
        }
        break;
      case Slot::LongKey:
        if (!tagged) indicator(at, '?');
        if (inline_shape) space_or_indent_to(true, at.indent + 1);
        break;
      case Slot::LongValue:
        if (!tagged) {
          newline();
          indent_to(at.indent);
          out_ += ':';
        }
        if (inline_shape) {
          space_or_indent_to(true, at.indent + 1);
        } else if (tagged) {
          newline();  // untagged, the collection starts on the line of the `:`
        }
        break;
    }
  }

  void scalar(std::string_view text, ScalarStyle style, const Place& at, bool tagged) {
    prepare(at, Shape::Inline, tagged);
    if (style == ScalarStyle::Literal) {
      append_literal(out_, text, at.indent + 2);
      line_start_ = out_.rfind('\n') + 1;
    } else if (style == ScalarStyle::DoubleQuoted || !plain_ok(text)) {
      append_double_quoted(out_, text);
    } else {
      out_.append(text);
    }
  }

  void empty(const char* brackets, const Place& at, bool tagged) {
    prepare(at, Shape::Inline, tagged);
    indent_to(inner_indent(at));
    out_ += brackets;
  }

  // One entry of a mapping at `indent`. The keys of the document and of an intrinsic's
  // long form are names, plain unless yaml-cpp's rule quotes them; other keys get the
  // style of strings.
  void entry(std::string_view key, bool name_key, const ir::Value& value, size_t indent, bool first) {
    ScalarStyle style = name_key ? ScalarStyle::Auto : string_style(key);
    // yaml-cpp writes a key as `? key` when it is a literal block or longer than 1024
    // bytes (a YAML reader need not take longer implicit keys).
    bool long_key = style == ScalarStyle::Literal || key.size() > 1024;
    scalar(key, style, Place{long_key ? Slot::LongKey : Slot::Key, indent, first}, false);
    node(value, Place{long_key ? Slot::LongValue : Slot::Value, indent, false}, false);
  }

  void map(const std::vector<std::pair<std::string, ir::Value>>& fields, const Place& at, bool tagged,
           bool name_keys) {
    if (fields.empty()) return empty("{}", at, tagged);
    prepare(at, Shape::BlockMap, tagged);
    const size_t indent = inner_indent(at);
    for (size_t i = 0; i < fields.size(); ++i) entry(fields[i].first, name_keys, fields[i].second, indent, i == 0);
  }

  void seq(const std::vector<ir::Value>& items, const Place& at, bool tagged) {
    if (items.empty()) return empty("[]", at, tagged);
    prepare(at, Shape::BlockSeq, tagged);
    const size_t indent = inner_indent(at);
    for (size_t i = 0; i < items.size(); ++i) node(items[i], Place{Slot::Item, indent, i == 0}, false);
  }

  void fn(const ir::Value& v, const Place& at) {
    const ir::Value& arg = v.arg();
    // YAML allows one tag per node: `!Base64 !Sub ...` cannot be written, so an intrinsic
    // whose argument is itself an intrinsic is written in the long form; so are the newer
    // functions, whose short forms not every reader of templates knows.
    if (arg.kind == ir::Value::Fn || v.text == "Fn::GetStackOutput" || v.text == "Fn::Length") {
      prepare(at, Shape::BlockMap, false);
      entry(v.text, true, arg, inner_indent(at), true);
      return;
    }
    prepare(at, Shape::Tag, false);
    out_ += '!';
    out_.append(short_tag(v.text));
    if (v.text == "Fn::GetAtt" && arg.kind == ir::Value::List && arg.items.size() == 2 &&
        arg.items[0].kind == ir::Value::String && arg.items[1].kind == ir::Value::String) {
      const std::string& id = arg.items[0].text;
      const std::string& attr = arg.items[1].text;
      std::string joined;
      joined.reserve(id.size() + 1 + attr.size());
      joined.append(id).append(1, '.').append(attr);
      scalar(joined, ScalarStyle::Auto, at, true);
      return;
    }
    node(arg, at, true);
  }

  void node(const ir::Value& v, const Place& at, bool tagged) {
    switch (v.kind) {
      case ir::Value::Null:  // yaml-cpp's null, not the string "~" (which it would quote)
        prepare(at, Shape::Inline, tagged);
        out_ += '~';
        break;
      case ir::Value::Bool: scalar(v.boolean ? "true" : "false", ScalarStyle::Auto, at, tagged); break;
      case ir::Value::Number: scalar(v.text, ScalarStyle::Auto, at, tagged); break;
      case ir::Value::String: scalar(v.text, string_style(v.text), at, tagged); break;
      case ir::Value::List: seq(v.items, at, tagged); break;
      case ir::Value::Map: map(v.fields, at, tagged, false); break;
      case ir::Value::Fn: fn(v, at); break;
    }
  }

  std::string& out_;
  size_t line_start_ = 0;
};

// A blank line before each section and before each entry of a section (a line indented
// by exactly two spaces, unless it follows the section's name directly). Lines are
// judged by their first characters only, those of literal blocks included.
std::string spaced(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16 + 16);
  const char* p = text.data();
  const char* end = p + text.size();
  bool first = true;
  bool after_section_key = false;
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (nl == nullptr) nl = end;
    const size_t n = static_cast<size_t>(nl - p);
    bool top_key = n > 0 && p[0] != ' ' && p[0] != '-';
    bool entry = n > 2 && p[0] == ' ' && p[1] == ' ' && p[2] != ' ' && p[2] != '-' && !after_section_key;
    if ((top_key || entry) && !first) out += '\n';
    after_section_key = top_key;
    first = false;
    out.append(p, n);
    out += '\n';
    p = nl + 1;
  }
  return out;
}

}  // namespace

std::string yaml_of_document(const ir::Value& doc) {
  std::string text;
  text.reserve(16 * 1024);
  Writer(text).document(doc);
  return spaced(text);
}

std::string to_yaml(const ir::Template& t) { return yaml_of_document(document(t)); }

}  // namespace infrac::emit
