// The rules that tie `infrac build`'s options together: which template format -o's name
// asks for, and which combinations are usage errors. Kept out of main.cpp so that the unit
// tests can check each rule without running the command.
#pragma once

#include <string>

namespace infrac::cli {

struct BuildOutputRequest {
  std::string output;               // -o, empty for stdout
  std::string format;               // --format as given, empty when not given
  bool nested = false;              // --nested-stacks
  std::string diagnostics = "text"; // --diagnostics-format
};

struct BuildOutputChoice {
  std::string format;  // "yaml" or "json"; empty when `error` is set
  std::string error;   // a usage error (exit status 2), without the "infrac build: " prefix
};

// "json" for a name ending in .json, "yaml" for .yaml or .yml (in any case), else "".
std::string template_format_of(const std::string& path);

// The format follows --format when given, else -o's extension, else YAML. Usage errors:
// --format contradicting -o's extension (the file would hold what its name denies);
// --nested-stacks without -o, or with an -o that names a template file rather than a
// directory; machine-readable diagnostics without -o (the template owns standard output).
BuildOutputChoice choose_build_output(const BuildOutputRequest& request);

}  // namespace infrac::cli
