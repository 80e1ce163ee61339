// Modules parsed ahead of time: the stdlib's, parsed when the compiler is built
// (syntax/preparse_stdlib.cpp) into one blob that the binary embeds
// (sema/embedded_stdlib.h). The loader takes a module's program from the blob instead of
// lexing and parsing it, but only when the file it read is byte for byte the source the
// program was parsed from: an edited module is parsed again, never taken stale.
//
// The blob, its integers little-endian:
//   header, 32 bytes: the magic "INFRAPRE"; u32 kPreparsedVersion; u32 ast::kSerialVersion;
//     u32 the module count; u32 zero; u64 the blob's length;
//   index, 32 bytes a module, sorted by path: u32 offset and u32 length of its path
//     (relative to the stdlib directory, `/` between names), of its source, and of its
//     program (syntax/ast_serial.h); u64 the FNV-1a 64 of its program's bytes;
//   the bytes the index points to.
// A blob whose header, index or lengths do not hold is empty (every lookup misses); a
// module whose program fails its checksum or does not read is missed; either way the
// loader parses the file, as it would without the blob.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "syntax/ast.h"

namespace infrac::syntax {

inline constexpr uint32_t kPreparsedVersion = 2;

// A 64-bit checksum of bytes, read eight at a time: it finds any change to one byte.
uint64_t checksum64(std::string_view bytes);

struct PreparsedSource {
  std::string path;    // relative to the stdlib directory
  std::string source;  // the file's bytes
  const ast::Program* program = nullptr;  // parsed from `source`, without a diagnostic
};

// The blob of `modules`, written in path order so that the same modules always make the
// same bytes. False when two have the same path, a program cannot be written
// (ast_serial.h) or the blob would pass 4 GiB.
bool write_preparsed(std::vector<PreparsedSource> modules, std::string& blob);

class Preparsed {
 public:
  struct Module {
    std::string_view path;
    std::string_view source;
    std::string_view program;
    uint64_t checksum = 0;
  };

  Preparsed() = default;
  // Checks the header and the index; `blob` must outlive this.
  explicit Preparsed(std::string_view blob);

  bool valid() const { return valid_; }
  const std::vector<Module>& modules() const { return modules_; }
  const Module* find(std::string_view path) const;
  // The program of module `path` with its spans in `file`, when `source` is exactly the
  // source it was parsed from and its bytes are intact; false otherwise.
  bool take(std::string_view path, std::string_view source, FileId file, ast::Program& out) const;

 private:
  std::vector<Module> modules_;
  bool valid_ = false;
};

}  // namespace infrac::syntax
