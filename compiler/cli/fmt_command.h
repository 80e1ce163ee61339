// `infrac fmt [--check] [PATH...]`: rewrites .infra files in the canonical layout.
//   - PATH is a file, or a directory whose `.infra` files are formatted, recursively
//     (hidden directories, such as .git, are not entered), in sorted order;
//   - without PATH, standard input is formatted to standard output;
//   - a file is rewritten (atomically, keeping its permissions) only when its text
//     changes; with `--check` nothing is written, the files that would change are listed
//     on standard output, and the status is 1 when there is any;
//   - a file that does not parse, or holds a comment fmt cannot keep (E0901), gets its
//     diagnostics on standard error and is left as it is; the status is then 1.
#pragma once

#include <string>
#include <vector>

namespace infrac::cli {

struct FmtOptions {
  std::vector<std::string> paths;
  bool check = false;
  std::string color = "auto";  // diagnostics: auto, always or never
};

// Returns the exit status: 0 when every file is formatted (or, with check, already was).
int fmt(const FmtOptions& options);

}  // namespace infrac::cli
