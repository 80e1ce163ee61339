// The pipeline as a library call: read, parse, check, lower, emit. Nothing is emitted
// when any phase reported an error. The CLI and the tests both call this.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/source.h"
#include "diag/diagnostic.h"

namespace infrac::ir {
struct Template;
}
namespace infrac::sema {
class Loader;
struct Unit;
}
namespace infrac::syntax {
class ParseCache;
}

namespace infrac::driver {

enum class Format { Yaml, Json };

// Source files larger than this are refused: the template they would produce could not
// be deployed (CloudFormation takes at most 1 MB from S3).
inline constexpr size_t kMaxSourceBytes = 8u << 20;

struct Options {
  std::string input;
  Format format = Format::Yaml;
  bool emit = true;  // false for `check`
  bool warnings_as_errors = false;
  std::vector<std::string> include_dirs;  // -I: where `import a.b.c` looks, after the importing file's folder
  bool nested_stacks = false;  // a parent template and one per module instance of the root file
  // The project's directory: relative imports and `file()` read only inside it. Empty:
  // the directory of `input`.
  std::string project_root;
  // The text of `input`, when the caller has it in memory (the fuzzers, an editor); the
  // file is then not read, but `input` still names it and places its relative imports.
  std::optional<std::string> source;
  // Keep the checked template in `Result::tmpl` (for `infrac graph`, which draws it).
  bool keep_template = false;
  // Read the project file (driver/project.h) that governs `input`; the command line's
  // settings above win over its own. `format_given`: `format` was asked for, and the
  // project file's does not replace it.
  bool use_project = false;
  bool format_given = false;
  // Keep the parsed files in `Result::loader` and `Result::root`, also when the root
  // file has syntax errors (its tree is then what the parser recovered, and its imports
  // are loaded from it): the language server answers from them.
  bool keep_units = false;
  // Parse the root file through this cache (syntax/parse_cache.h): the declarations
  // unchanged since the last compile with it are not parsed again. The language server's.
  syntax::ParseCache* parse_cache = nullptr;
};

struct Result {
  SourceManager sources;
  diag::Engine diags;
  std::string output;  // the template, when ok
  // With nested stacks: the files to write, by name (the parent first); `output` is empty.
  std::vector<std::pair<std::string, std::string>> files;
  bool warnings_as_errors = false;
  std::shared_ptr<const ir::Template> tmpl;  // with Options::keep_template, when the checks pass
  std::string project_file;                  // the project file used, as shown; empty: none
  // With Options::keep_units: the files loaded (the root file and what it imports) and
  // the root file's unit; null when the root file could not be read.
  // When the root file has syntax errors, `root` is the parse of its text with the broken
  // declarations blanked out (syntax/recover.h): another file of `sources`, with the
  // same offsets. `file` is the root file's own text.
  std::shared_ptr<sema::Loader> loader;
  const sema::Unit* root = nullptr;
  FileId file = kNoFile;
  bool ok() const { return !diags.has_errors() && !(warnings_as_errors && diags.warning_count() > 0); }
};

std::unique_ptr<Result> compile(const Options& options);

// Runs the resource-schema checks on an existing CloudFormation template (YAML or JSON).
// `source`, when given, is the template's text, and `path` only names it.
std::unique_ptr<Result> check_template(const std::string& path, std::optional<std::string> source = std::nullopt);

// Imports an existing CloudFormation template (YAML or JSON) as a `.infra` program
// (compiler/import/), printed in the canonical layout into `output`; nothing on error.
std::unique_ptr<Result> import_template(const std::string& path);

// Reads `path` (unless `given` holds its text) and registers it in `r.sources`; kNoFile,
// with the reason reported, when it cannot be read, is too large or is not UTF-8.
FileId load_source(const std::string& path, std::optional<std::string> given, Result& r);

// Runs `fn` on a thread with a large stack, so that deep but legal input cannot overflow.
void run_with_large_stack(void (*fn)(void*), void* arg);

}  // namespace infrac::driver
