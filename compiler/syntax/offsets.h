// Token positions to span offsets. The tokens of syntax/lexer.h count bytes, as spans do,
// so a position is its own offset; only the positions past the end that ANTLR's error
// recovery gives the tokens it makes up (INVALID_INDEX) are mapped, to the end of the file.
#pragma once

#include <cstdint>
#include <string_view>

namespace infrac::syntax {

class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text) : size_(static_cast<uint32_t>(text.size())) {}
  uint32_t byte(size_t position) const { return position > size_ ? size_ : static_cast<uint32_t>(position); }

 private:
  uint32_t size_;
};

}  // namespace infrac::syntax
