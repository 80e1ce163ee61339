// The stdlib's modules as the build parsed them (syntax/preparsed.h), embedded in the
// binary by sema/stdlib_blob.S. The loader takes a module from here when the file it
// read is the source the module was parsed from.
#pragma once

#include <string_view>

#include "syntax/preparsed.h"

namespace infrac::sema {

// The blob's bytes (sema/embedded_stdlib.cpp, in a library of its own that depends on
// nothing, as the data it embeds is made by a tool that links the parser).
std::string_view embedded_stdlib_blob();

// The blob's modules, read once per process (sema/loader.cpp).
const syntax::Preparsed& embedded_stdlib();

}  // namespace infrac::sema
