// What the CLI does besides compiling: writing a file atomically, explaining a code.
#pragma once

#include <string>

namespace infrac::cli {

// Writes `text` to a temporary file beside `path` and renames it over `path`, so that a
// reader never sees a half-written file and a failure leaves the old file untouched.
bool write_atomically(const std::string& path, const std::string& text, std::string& error);

// Prints what a diagnostic code means; 0 when known, 2 otherwise.
int explain(const std::string& code);

}  // namespace infrac::cli
