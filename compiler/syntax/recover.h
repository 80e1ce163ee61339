// Recovery for tools that must answer from a file with syntax errors (the language
// server): the file's text with each broken top-level declaration blanked out, so that
// the rest parses. A declaration starts at a line whose first token, in the first column,
// is a declaration keyword, an annotation's `@` or a `///` comment; it runs to the next.
// Blanking keeps every offset and line break, so spans of the rest stay those of the file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace infrac::syntax {

// The offsets where the top-level declarations of `text` start (the first is 0).
std::vector<uint32_t> declaration_starts(std::string_view text);

// `text` with the declarations that hold any of `error_offsets` replaced by blanks.
std::string blank_declarations(std::string_view text, const std::vector<uint32_t>& error_offsets);

}  // namespace infrac::syntax
