// A value quoted in a message, shortened when it is long: a diagnostic about a
// megabyte-long string shows its start, not the whole of it.
#pragma once

#include <string>
#include <string_view>

namespace infrac {

// `text` itself when it has at most `max_chars` code points; otherwise its first
// `max_chars` code points and "...".
std::string excerpt(std::string_view text, size_t max_chars = 80);

}  // namespace infrac
