#include "cfn/yaml_compat.h"

#include <algorithm>
#include <regex>

namespace infrac::cfn {

uint32_t CompatText::original(uint32_t pos) const {
  auto before = std::lower_bound(inserted.begin(), inserted.end(), pos) - inserted.begin();
  return pos - static_cast<uint32_t>(before);
}

CompatText yaml_compat(const std::string& text) {
  static const std::regex tagged_block("^( *)- +![A-Za-z0-9:]+ +[|>][-+0-9]*[ \t]*(#.*)?\r?$");
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
    if (block_dash >= 0 && !blank) {
      out.inserted.push_back(static_cast<uint32_t>(out.text.size()));
      out.text += ' ';
    }
    out.text += line;
    std::smatch m;
    if (block_dash < 0 && std::regex_match(bare, m, tagged_block)) block_dash = static_cast<int>(m[1].length());
    pos = end;
  }
  return out;
}

}  // namespace infrac::cfn
