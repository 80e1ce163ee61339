// Reading source files: why one cannot be read, in a form diagnostics can report.
#pragma once

#include <string>

namespace infrac {

enum class ReadStatus { Ok, NotFound, IsDirectory, NotRegular, TooLarge, Unreadable };

// Reads `path` into `text` unless it is missing, a directory, not a regular file (a pipe
// could block forever), larger than `limit` bytes, or unreadable. `size` is set for
// TooLarge, `why` for Unreadable.
ReadStatus read_file(const std::string& path, size_t limit, std::string& text, size_t& size, std::string& why);

}  // namespace infrac
