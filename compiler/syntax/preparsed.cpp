#include "syntax/preparsed.h"

#include <algorithm>
#include <cstring>

#include "syntax/ast_serial.h"
#include "syntax/preparsed_format.h"

namespace infrac::syntax {

namespace {

// Callers have checked that the bytes are there.
uint64_t get(const char* p, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  return v;
}

}  // namespace

uint64_t checksum64(std::string_view bytes) {
  // Eight bytes a step: each step is a bijection of the running value for a given word,
  // and a changed word changes what that step is given, so any change confined to one
  // word (one byte, above all) changes the result.
  constexpr uint64_t kPrime = 0x100000001b3ull;
  uint64_t h = 0xcbf29ce484222325ull ^ bytes.size();
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    h = (h ^ w) * kPrime;
    h ^= h >> 29;
  }
  for (; i < bytes.size(); ++i) h = (h ^ static_cast<unsigned char>(bytes[i])) * kPrime;
  return h;
}

Preparsed::Preparsed(std::string_view blob) {
  if (blob.size() < kPreparsedHeaderBytes || std::memcmp(blob.data(), kPreparsedMagic, sizeof kPreparsedMagic) != 0) return;
  const char* h = blob.data();
  if (get(h + 8, 4) != kPreparsedVersion || get(h + 12, 4) != ast::kSerialVersion || get(h + 20, 4) != 0 ||
      get(h + 24, 8) != blob.size()) {
    return;
  }
  uint64_t count = get(h + 16, 4);
  if (count > (blob.size() - kPreparsedHeaderBytes) / kPreparsedIndexBytes) return;
  std::vector<Module> modules;
  modules.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    const char* e = h + kPreparsedHeaderBytes + kPreparsedIndexBytes * i;
    std::string_view parts[3];
    for (int k = 0; k < 3; ++k) {
      uint64_t offset = get(e + 8 * k, 4);
      uint64_t length = get(e + 8 * k + 4, 4);
      if (offset > blob.size() || length > blob.size() - offset) return;
      parts[k] = blob.substr(offset, length);
    }
    // Lookups search by path: the index must be sorted, each path once.
    if (!modules.empty() && !(modules.back().path < parts[0])) return;
    modules.push_back(Module{parts[0], parts[1], parts[2], get(e + 24, 8)});
  }
  modules_ = std::move(modules);
  valid_ = true;
}

const Preparsed::Module* Preparsed::find(std::string_view path) const {
  auto it = std::lower_bound(modules_.begin(), modules_.end(), path,
                             [](const Module& m, std::string_view p) { return m.path < p; });
  return it != modules_.end() && it->path == path ? &*it : nullptr;
}

bool Preparsed::take(std::string_view path, std::string_view source, FileId file, ast::Program& out) const {
  const Module* m = find(path);
  if (m == nullptr || m->source != source || checksum64(m->program) != m->checksum) return false;
  ast::Program program;
  if (!ast::read_program(m->program, file, program)) return false;
  out = std::move(program);
  return true;
}

}  // namespace infrac::syntax
