// A chain of names as diagnostics print it: `a` -> `b` -> `c`, with only a few names from
// each end of a long one.
#pragma once

#include <string>
#include <vector>

namespace infrac::sema {

inline std::string chain_text(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names.size() > 7 && i == 3) {
      out += "... (" + std::to_string(names.size() - 6) + " more) -> ";
      i = names.size() - 3;
    }
    out += "`" + names[i] + "`" + (i + 1 < names.size() ? " -> " : "");
  }
  return out;
}

}  // namespace infrac::sema
