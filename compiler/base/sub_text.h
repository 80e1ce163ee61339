// The pieces of an `Fn::Sub` text: literal text, and the placeholders `${Name}` and
// `${Name.Attribute}`. `${!x}` stands for the literal text `${x}` and is not a
// placeholder; a `${` without its `}` is literal text to the end.
#pragma once

#include <string_view>
#include <vector>

namespace infrac {

struct SubPiece {
  bool placeholder;       // `text` is the name inside `${ }`; otherwise literal text, as written
  std::string_view text;  // a view into the text split
};

inline std::vector<SubPiece> sub_pieces(std::string_view text) {
  std::vector<SubPiece> out;
  size_t start = 0;  // of the literal text not yet given out
  for (size_t at = text.find("${"); at != std::string_view::npos; at = text.find("${", at + 2)) {
    if (at + 2 < text.size() && text[at + 2] == '!') continue;
    size_t end = text.find('}', at + 2);
    if (end == std::string_view::npos) break;
    if (at > start) out.push_back({false, text.substr(start, at - start)});
    out.push_back({true, text.substr(at + 2, end - at - 2)});
    start = end + 1;
    at = end - 1;  // the next search starts after the `}`
  }
  if (start < text.size()) out.push_back({false, text.substr(start)});
  return out;
}

}  // namespace infrac
