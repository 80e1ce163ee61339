#include "sema/embedded_stdlib.h"

// Defined by sema/stdlib_blob.S: the blob compiler/syntax/preparse_stdlib.cpp wrote.
extern "C" const char infrac_stdlib_blob[];
extern "C" const char infrac_stdlib_blob_end[];

namespace infrac::sema {

std::string_view embedded_stdlib_blob() {
  return std::string_view(infrac_stdlib_blob, static_cast<size_t>(infrac_stdlib_blob_end - infrac_stdlib_blob));
}

}  // namespace infrac::sema
