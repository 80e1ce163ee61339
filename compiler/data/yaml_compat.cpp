#include "data/yaml_compat.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

namespace infrac::data {

uint32_t CompatText::original(uint32_t pos) const {
  auto before = std::lower_bound(inserted.begin(), inserted.end(), pos) - inserted.begin();
  return pos - static_cast<uint32_t>(before);
}

namespace {

// The column of the `-` when `line` (without its `\n`) is a sequence item holding a
// tagged block scalar: `- !Tag |` or `- !Tag >-`, maybe with a comment after it.
std::optional<size_t> tagged_block_item(std::string_view line) {
  size_t i = line.find_first_not_of(' ');
  if (i == std::string_view::npos || line[i] != '-') return std::nullopt;
  size_t dash = i++;
  auto skip = [&](auto in_set) {
    size_t from = i;
    while (i < line.size() && in_set(line[i])) ++i;
    return i > from;
  };
  auto is_space = [](char c) { return c == ' '; };
  auto is_tag = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == ':'; };
  if (!skip(is_space) || i >= line.size() || line[i] != '!') return std::nullopt;
  ++i;
  if (!skip(is_tag) || !skip(is_space)) return std::nullopt;
  if (i >= line.size() || (line[i] != '|' && line[i] != '>')) return std::nullopt;
  ++i;
  skip([](char c) { return c == '-' || c == '+' || (c >= '0' && c <= '9'); });
  skip([](char c) { return c == ' ' || c == '\t'; });
  if (i < line.size() && line[i] == '#') i = std::min(line.find('\r', i), line.size());  // a comment
  if (i < line.size() && line[i] == '\r') ++i;
  return i == line.size() ? std::optional<size_t>(dash) : std::nullopt;
}

}  // namespace

CompatText yaml_compat(const std::string& text) {
  CompatText out;
  out.text.reserve(text.size() + 64);
  size_t pos = 0;
  int block_dash = -1;  // column of the `-` whose block content is being shifted, or -1
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string::npos ? text.size() : nl + 1;
    std::string line = text.substr(pos, end - pos);
    std::string bare = line;
    while (!bare.empty() && (bare.back() == '\n')) bare.pop_back();
    size_t indent = bare.find_first_not_of(' ');
    bool blank = indent == std::string::npos || bare[indent] == '\r';
    if (block_dash >= 0 && !blank && static_cast<int>(indent) <= block_dash) block_dash = -1;
    // A line of spaces only is shifted too: one that reaches the content's indentation
    // holds spaces of the content, which must stay.
    bool spaces_only = blank && !bare.empty() && bare[0] == ' ';
    if (block_dash >= 0 && (!blank || spaces_only)) {
      out.inserted.push_back(static_cast<uint32_t>(out.text.size()));
      out.text += ' ';
    }
    out.text += line;
    if (block_dash < 0) {
      if (auto dash = tagged_block_item(bare)) block_dash = static_cast<int>(*dash);
    }
    pos = end;
  }
  return out;
}

}  // namespace infrac::data
