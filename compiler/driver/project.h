// The project file, `infrac.json`: per-project settings, found by walking up from the
// directory of the program to the root of the file system (the first one found counts).
//
//   {
//     "include": ["modules", "../shared"],     like -I, relative to the file
//     "rules": {"W0104": "off", "W0101": "error"},   a warning off, or made an error
//     "format": "json",                       build's template format when none is asked for
//     "files": ".."                           the project directory: relative imports and
//   }                                         file() read only inside it (default ".")
//
// The command line wins: -I directories come before the file's, --format and -o's
// extension before "format", --project-root before "files".
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/source.h"
#include "diag/diagnostic.h"

namespace infrac::driver {

enum class Format;

struct Project {
  std::string path;                  // the file, as found
  std::vector<std::string> include;  // absolute
  std::vector<std::pair<diag::Kind, diag::RuleLevel>> rules;
  std::optional<Format> format;
  std::string root;  // absolute: the project directory
};

// The project file that governs `input`, or nullopt when there is none. A malformed one is
// reported (E0110, at its text) and `ok` is set to false.
std::optional<Project> find_project(const std::string& input, SourceManager& sources, diag::Engine& diags, bool& ok);

// Where find_project would look first for `input`'s project file, for messages.
inline constexpr const char* kProjectFileName = "infrac.json";

}  // namespace infrac::driver
