// What the CLI does besides compiling: explaining a diagnostic code.
#pragma once

#include <string>

namespace infrac::cli {

// Prints what a diagnostic code means; 0 when known, 2 otherwise.
int explain(const std::string& code);

}  // namespace infrac::cli
