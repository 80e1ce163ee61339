#include "lsp/position.h"

namespace infrac::lsp {

namespace {

// The length of the UTF-8 sequence a lead byte starts (1 for a stray byte).
uint32_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts_.push_back(i + 1);
  }
}

Position LineIndex::position(uint32_t offset, Encoding enc) const {
  if (offset > text_.size()) offset = static_cast<uint32_t>(text_.size());
  uint32_t line = 0, lo = 0, hi = static_cast<uint32_t>(starts_.size());
  while (hi - lo > 1) {  // the last start at or before offset
    uint32_t mid = (lo + hi) / 2;
    if (starts_[mid] <= offset) lo = mid; else hi = mid;
  }
  line = lo;
  uint32_t start = starts_[line];
  if (enc == Encoding::Utf8) return {line, offset - start};
  uint32_t units = 0;
  for (uint32_t i = start; i < offset;) {
    uint32_t n = sequence_length(static_cast<unsigned char>(text_[i]));
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return {line, units};
}

uint32_t LineIndex::offset(Position p, Encoding enc) const {
  if (p.line >= starts_.size()) return static_cast<uint32_t>(text_.size());
  uint32_t start = starts_[p.line];
  uint32_t end = p.line + 1 < starts_.size() ? starts_[p.line + 1] - 1 : static_cast<uint32_t>(text_.size());
  if (end > start && text_[end - 1] == '\r') --end;
  if (enc == Encoding::Utf8) return start + p.character < end ? start + p.character : end;
  uint32_t units = 0, i = start;
  while (i < end && units < p.character) {
    uint32_t n = sequence_length(static_cast<unsigned char>(text_[i]));
    units += n == 4 ? 2 : 1;
    i += n;
  }
  return i < end ? i : end;
}

nlohmann::json to_json(Position p) { return {{"line", p.line}, {"character", p.character}}; }

Position position_from_json(const nlohmann::json& j) {
  Position p;
  if (!j.is_object()) return p;
  auto num = [&](const char* key) -> uint32_t {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return 0;
    long long v = it->get<long long>();
    return v < 0 ? 0 : v > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(v);
  };
  p.line = num("line");
  p.character = num("character");
  return p;
}

nlohmann::json range_json(const LineIndex& idx, uint32_t begin, uint32_t end, Encoding enc) {
  return {{"start", to_json(idx.position(begin, enc))}, {"end", to_json(idx.position(end, enc))}};
}

}  // namespace infrac::lsp
