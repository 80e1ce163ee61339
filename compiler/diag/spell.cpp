#include "diag/spell.h"

#include <algorithm>
#include <cctype>

namespace infrac::diag {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

size_t edit_distance(std::string_view a, std::string_view b, size_t limit) {
  if (a.size() > b.size() + limit || b.size() > a.size() + limit) return limit + 1;
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      char x = static_cast<char>(std::tolower(static_cast<unsigned char>(a[i - 1])));
      char y = static_cast<char>(std::tolower(static_cast<unsigned char>(b[j - 1])));
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x == y ? 0 : 1)});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::optional<std::string> closest(std::string_view wrong, const std::vector<std::string_view>& candidates) {
  for (std::string_view c : candidates) {
    if (equal_ignoring_case(wrong, c) && wrong != c) return std::string(c);
  }
  size_t limit = wrong.size() * 34 / 100 + 1;
  std::optional<std::string> best;
  size_t best_d = limit + 1;
  for (std::string_view c : candidates) {
    if (c == wrong) continue;
    size_t d = edit_distance(wrong, c, limit);
    if (d < best_d || (d == best_d && best && c < *best)) {
      best_d = d;
      best = std::string(c);
    }
  }
  if (best_d > limit) return std::nullopt;
  return best;
}

}  // namespace infrac::diag
