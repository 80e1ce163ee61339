// A value quoted in a message, shortened when it is long: a diagnostic about a
// megabyte-long string shows its start, not the whole of it. And where a byte of a text
// that is not a source file (a file read by `file`) stands, in words.
#pragma once

#include <string>
#include <string_view>

namespace infrac {

// `text` itself when it has at most `max_chars` code points; otherwise its first
// `max_chars` code points and "...".
std::string excerpt(std::string_view text, size_t max_chars = 80);

// "line 3, column 7" of byte `offset` in `text`: lines and columns from 1, columns
// counted in code points.
std::string line_and_column(std::string_view text, size_t offset);

}  // namespace infrac
