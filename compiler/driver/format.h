// `infrac fmt` on one source: parse it and print it back in the canonical layout
// (print/printer.h). Nothing is printed for a file with a lexical or syntax error, or
// with a comment the parser could not attach to a node (E0901): the file must stay as it is.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "driver/driver.h"

namespace infrac::driver {

// `output` holds the formatted text when ok(). `source`, when given, is the text, and
// `path` only names it (`-` for standard input).
std::unique_ptr<Result> format_source(const std::string& path, std::optional<std::string> source = std::nullopt);

}  // namespace infrac::driver
