// "Did you mean": the closest candidate to a misspelt name. A case-insensitive
// match wins; otherwise the smallest edit distance within floor(len * 0.34) + 1.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace infrac::diag {

std::optional<std::string> closest(std::string_view wrong, const std::vector<std::string_view>& candidates);

}  // namespace infrac::diag
