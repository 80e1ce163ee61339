// ANTLR counts positions in code points; spans are in bytes. This maps one to the other
// (the identity for ASCII text, where no table is built).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace infrac::syntax {

class OffsetMap {
 public:
  explicit OffsetMap(std::string_view text) : size_(static_cast<uint32_t>(text.size())) {
    bool ascii = true;
    for (unsigned char c : text) {
      if (c >= 0x80) { ascii = false; break; }
    }
    if (ascii) return;
    for (uint32_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) byte_of_cp_.push_back(i);
    }
    byte_of_cp_.push_back(size_);
  }
  uint32_t byte(size_t code_point) const {
    if (byte_of_cp_.empty()) return code_point > size_ ? size_ : static_cast<uint32_t>(code_point);
    return code_point < byte_of_cp_.size() ? byte_of_cp_[code_point] : size_;
  }

 private:
  uint32_t size_;
  std::vector<uint32_t> byte_of_cp_;
};

}  // namespace infrac::syntax
