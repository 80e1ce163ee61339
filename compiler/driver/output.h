// Writing templates where `-o` says: one file, or several into a directory
// (`--nested-stacks`). What `-o PATH` does depends on what PATH is:
//   - missing: a new file is made, with the usual permissions (0666 less the umask);
//   - a regular file: it is replaced atomically (a temporary file beside it, renamed over
//     it), keeping its permissions and, where allowed, its owner; a reader never sees a
//     half-written file and a failure leaves the old one as it was;
//   - a symbolic link: the file at the end of its chain of links is written as above (a
//     dangling link makes its target); the links stay;
//   - a FIFO or a device (`/dev/stdout`, `/dev/null`): it is opened and written, nothing
//     else is made or replaced;
//   - a directory or a socket: an error.
// Failures are reported as E0107 with the reason.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "diag/diagnostic.h"

namespace infrac::driver {

// Writes `text` to `path`; reports E0107 and returns false when it cannot.
bool write_output(const std::string& path, const std::string& text, diag::Engine& diags);

// Writes several files into directory `dir` (made if missing), each as write_output
// would: all, or none when one fails before anything is replaced.
bool write_outputs(const std::string& dir, const std::vector<std::pair<std::string, std::string>>& files,
                   diag::Engine& diags);

// write_output with the reason in `error` instead of a diagnostic.
bool write_file(const std::string& path, const std::string& text, std::string& error);

}  // namespace infrac::driver
