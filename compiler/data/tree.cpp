#include "data/tree.h"

namespace infrac::data {

const Node* Node::get(std::string_view key) const {
  for (const auto& [k, v] : entries) {
    if (k->kind == Kind::Scalar && k->text == key) return v.get();
  }
  return nullptr;
}

namespace {

bool digits(std::string_view s, size_t& i) {
  size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i > start;
}

// [-+]? ( [0-9]+ ( . [0-9]* )? | . [0-9]+ ) ( [eE] [-+]? [0-9]+ )?
bool is_number(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  if (digits(s, i)) {
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits(s, i);
    }
  } else {
    if (i >= s.size() || s[i] != '.') return false;
    ++i;
    if (!digits(s, i)) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (!digits(s, i)) return false;
  }
  return i == s.size();
}

}  // namespace

Plain classify_plain(std::string_view t) {
  if (t == "true" || t == "True" || t == "TRUE") return Plain::True;
  if (t == "false" || t == "False" || t == "FALSE") return Plain::False;
  if (t.empty() || t == "null" || t == "Null" || t == "NULL" || t == "~") return Plain::Null;
  if (is_number(t)) return Plain::Number;
  return Plain::String;
}

}  // namespace infrac::data
