#include "syntax/preparsed.h"

#include <algorithm>

#include "syntax/ast_serial.h"
#include "syntax/preparsed_format.h"

namespace infrac::syntax {

namespace {

void put32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

void put64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

}  // namespace

bool write_preparsed(std::vector<PreparsedSource> modules, std::string& blob) {
  std::sort(modules.begin(), modules.end(),
            [](const PreparsedSource& a, const PreparsedSource& b) { return a.path < b.path; });
  // The reader refuses an index with a path twice (lookups would be ambiguous).
  for (size_t i = 1; i < modules.size(); ++i) {
    if (modules[i - 1].path == modules[i].path) return false;
  }
  std::vector<std::string> programs(modules.size());
  for (size_t i = 0; i < modules.size(); ++i) {
    if (modules[i].program == nullptr || !ast::write_program(*modules[i].program, programs[i])) return false;
  }
  // The data after the index: each module's path, source and program, in order.
  uint64_t at = kPreparsedHeaderBytes + kPreparsedIndexBytes * modules.size();
  std::string index, data;
  for (size_t i = 0; i < modules.size(); ++i) {
    for (std::string_view part : {std::string_view(modules[i].path), std::string_view(modules[i].source),
                                  std::string_view(programs[i])}) {
      if (at + data.size() + part.size() > UINT32_MAX) return false;
      put32(index, static_cast<uint32_t>(at + data.size()));
      put32(index, static_cast<uint32_t>(part.size()));
      data += part;
    }
    put64(index, checksum64(programs[i]));
  }
  blob.assign(kPreparsedMagic, sizeof kPreparsedMagic);
  put32(blob, kPreparsedVersion);
  put32(blob, ast::kSerialVersion);
  put32(blob, static_cast<uint32_t>(modules.size()));
  put32(blob, 0);
  put64(blob, at + data.size());
  blob += index;
  blob += data;
  return true;
}

}  // namespace infrac::syntax
