// The emitter of compiler/emit/yaml_emitter.cpp before commit "Templates are written by our
// own YAML writer", unchanged but for taking the document rather than the template.
#include <algorithm>
#include <cctype>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "yaml_reference_emitter.h"

namespace infrac::test {

namespace {

// A string that a YAML 1.1 reader would take for something else (a number, a bool, a
// null, a date) must be quoted to stay a string. Quoting more than needed is harmless,
// so anything that looks numeric is quoted. (Written out rather than as a regular
// expression: compiling one costs more than a small build's whole emission.)
bool looks_like_non_string(const std::string& s) {
  static const char* const words[] = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True",
                                      "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
                                      "~", "null", "Null", "NULL"};
  if (s.empty()) return true;
  for (const char* w : words) {
    if (s == w) return true;
  }
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i >= s.size()) return false;
  std::string rest = s.substr(i);
  std::string lower = rest;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == ".inf" || lower == ".nan") return true;
  bool digit_start = std::isdigit(static_cast<unsigned char>(rest[0])) || (rest[0] == '.' && rest.size() > 1);
  if (!digit_start) return false;
  // A date such as 2012-10-17, with or without a time after it.
  if (rest.size() >= 5 && std::isdigit(static_cast<unsigned char>(rest[1])) && std::isdigit(static_cast<unsigned char>(rest[2])) &&
      std::isdigit(static_cast<unsigned char>(rest[3])) && rest[4] == '-') {
    return true;
  }
  // Decimal, hexadecimal, octal, exponent and sexagesimal (12:30) numbers.
  return std::all_of(rest.begin(), rest.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == ':' || c == '+' || c == '-' ||
           c == 'x' || c == 'X' || c == 'o' || c == 'O';
  });
}

// The short-form tag of an intrinsic: "Fn::Sub" -> "Sub", "Ref" -> "Ref".
std::string short_tag(const std::string& fn) {
  return fn.rfind("Fn::", 0) == 0 ? fn.substr(4) : fn;
}

void write(YAML::Emitter& out, const ir::Value& v);

void write_string(YAML::Emitter& out, const std::string& s) {
  if (s.find('\n') != std::string::npos && s.find('\r') == std::string::npos && s.back() == '\n' &&
      s.find(" \n") == std::string::npos && s.find('\t') == std::string::npos && s.front() != ' ') {
    out << YAML::Literal << s;
  } else if (looks_like_non_string(s)) {
    out << YAML::DoubleQuoted << s;
  } else {
    out << s;
  }
}

void write_fn(YAML::Emitter& out, const ir::Value& v) {
  const ir::Value& arg = v.arg();
  // YAML allows one tag per node: `!Base64 !Sub ...` cannot be written, so an intrinsic
  // whose argument is itself an intrinsic is written in the long form; so are the newer
  // functions, whose short forms not every reader of templates knows.
  if (arg.kind == ir::Value::Fn || v.text == "Fn::GetStackOutput" || v.text == "Fn::Length") {
    out << YAML::BeginMap << YAML::Key << v.text << YAML::Value;
    write(out, arg);
    out << YAML::EndMap;
    return;
  }
  out << YAML::LocalTag(short_tag(v.text));
  if (v.text == "Fn::GetAtt" && arg.kind == ir::Value::List && arg.items.size() == 2 &&
      arg.items[0].kind == ir::Value::String && arg.items[1].kind == ir::Value::String) {
    out << arg.items[0].text + "." + arg.items[1].text;
    return;
  }
  write(out, arg);
}

void write(YAML::Emitter& out, const ir::Value& v) {
  switch (v.kind) {
    case ir::Value::Null: out << YAML::Null; break;
    case ir::Value::Bool: out << (v.boolean ? "true" : "false"); break;
    case ir::Value::Number: out << v.text; break;
    case ir::Value::String: write_string(out, v.text); break;
    case ir::Value::List:
      if (v.items.empty()) { out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq; break; }
      out << YAML::BeginSeq;
      for (const auto& i : v.items) write(out, i);
      out << YAML::EndSeq;
      break;
    case ir::Value::Map:
      if (v.fields.empty()) { out << YAML::Flow << YAML::BeginMap << YAML::EndMap; break; }
      out << YAML::BeginMap;
      for (const auto& [k, x] : v.fields) {
        out << YAML::Key;
        write_string(out, k);
        out << YAML::Value;
        write(out, x);
      }
      out << YAML::EndMap;
      break;
    case ir::Value::Fn: write_fn(out, v); break;
  }
}

}  // namespace

std::string reference_yaml_of_document(const ir::Value& doc) {
  YAML::Emitter out;
  out.SetIndent(2);
  out.SetSeqFormat(YAML::Block);
  out.SetMapFormat(YAML::Block);
  std::string text;
  out << YAML::BeginMap;
  for (const auto& [k, x] : doc.fields) {
    out << YAML::Key << k << YAML::Value;
    write(out, x);
  }
  out << YAML::EndMap;
  text = out.c_str();
  std::string spaced;
  spaced.reserve(text.size() + 16);
  size_t line_start = 0;
  bool first = true;
  bool after_section_key = false;
  while (line_start < text.size()) {
    size_t nl = text.find('\n', line_start);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line(text.data() + line_start, nl - line_start);
    // A blank line before each section and before each entry of a section.
    bool top_key = !line.empty() && line[0] != ' ' && line[0] != '-';
    bool entry = line.size() > 2 && line[0] == ' ' && line[1] == ' ' && line[2] != ' ' && line[2] != '-' &&
                 !after_section_key;
    if ((top_key || entry) && !first) spaced += '\n';
    after_section_key = top_key;
    first = false;
    spaced.append(line);
    spaced += '\n';
    line_start = nl + 1;
  }
  return spaced;
}

}  // namespace infrac::test
