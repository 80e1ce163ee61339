#include "print/literals.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace infrac::print {

std::string escape_text(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '$': out += (i + 1 < text.size() && text[i + 1] == '{') ? "\\$" : "$"; break;
      default: out += c;
    }
  }
  return out;
}

std::string quote(const std::string& text) { return "\"" + escape_text(text) + "\""; }

std::string number_text(double value) {
  if (!std::isfinite(value)) return "0";  // the parser accepts finite numbers only; a built tree has no others
  char buf[40];
  if (value == std::floor(value) && std::fabs(value) <= 9007199254740992.0) {
    std::snprintf(buf, sizeof buf, "%.0f", value);
    return buf;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value) break;
  }
  return buf;
}

bool is_name(const std::string& word) {
  if (word.empty() || word == "true" || word == "false" || word == "null") return false;
  auto head = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!head(word[0])) return false;
  for (char c : word) {
    if (!head(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

}  // namespace infrac::print
