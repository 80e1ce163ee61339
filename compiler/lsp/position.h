// Positions as the protocol counts them: a 0-based line and a character offset in UTF-16
// code units (the protocol's default) or in bytes (UTF-8, when the client offers it), and
// their conversion to and from the byte offsets of spans.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace infrac::lsp {

enum class Encoding { Utf16, Utf8 };

struct Position {
  uint32_t line = 0;
  uint32_t character = 0;
};

// The line starts of one text, for conversions both ways.
class LineIndex {
 public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  Position position(uint32_t offset, Encoding enc) const;
  // The byte offset of `p`; a position past the end of its line is the end of the line,
  // a line past the last is the end of the text.
  uint32_t offset(Position p, Encoding enc) const;
  uint32_t line_count() const { return static_cast<uint32_t>(starts_.size()); }

 private:
  std::string_view text_;
  std::vector<uint32_t> starts_;
};

nlohmann::json to_json(Position p);
Position position_from_json(const nlohmann::json& j);  // {line, character}; missing fields are 0
nlohmann::json range_json(const LineIndex& idx, uint32_t begin, uint32_t end, Encoding enc);

}  // namespace infrac::lsp
