// The layout of the blob of syntax/preparsed.h (described there), shared by its writer
// (preparsed_writer.cpp, linked by the build's tool and the tests) and its reader
// (preparsed.cpp, linked by the compiler).
#pragma once

#include <cstddef>

namespace infrac::syntax {

inline constexpr char kPreparsedMagic[8] = {'I', 'N', 'F', 'R', 'A', 'P', 'R', 'E'};
inline constexpr size_t kPreparsedHeaderBytes = 32;
inline constexpr size_t kPreparsedIndexBytes = 32;

}  // namespace infrac::syntax
