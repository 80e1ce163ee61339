// One document as the checker sees it: the driver's `check` of its text (the same
// checker as `infrac check`, with the project file that governs it), the files it loaded
// and the index of their names. Made again after each edit; the server keeps the last.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "driver/driver.h"
#include "lsp/index.h"
#include "lsp/position.h"
#include "syntax/parse_cache.h"

namespace infrac::lsp {

struct AnalysisOptions {
  std::vector<std::string> include_dirs;
  std::string docs_uri;
};

struct Analysis {
  std::string uri;
  std::string path;
  int version = 0;
  std::string text;
  Encoding encoding = Encoding::Utf16;
  std::unique_ptr<driver::Result> result;
  std::unique_ptr<Index> index;
  FileId file = kNoFile;  // the document in result->sources (kNoFile when it could not be read)
  // The file of the root unit, which the index speaks of: `file`, or its text with broken
  // declarations blanked (same offsets) when it has syntax errors.
  FileId index_file = kNoFile;
  LineIndex lines;        // of `text`
  std::string docs_uri;   // the diagnostics document, for links to a code's explanation

  Analysis() = default;
  Analysis(const Analysis&) = delete;
  Analysis& operator=(const Analysis&) = delete;

  // The line index of a file the checker loaded (the document's own for `file`).
  const LineIndex& lines_of(FileId f) const;
  std::string uri_of(FileId f) const;
  // {uri, range} of a span; null for a span without a place.
  nlohmann::json location(Span s) const;
  nlohmann::json range(Span s) const;
  // The byte offset in the document of a protocol position.
  uint32_t offset(const nlohmann::json& position) const;
  const sema::Unit* root() const { return result ? result->root : nullptr; }

 private:
  friend std::shared_ptr<const Analysis> analyze(const std::string&, const std::string&, const std::string&, int, Encoding,
                                                 const AnalysisOptions&, syntax::ParseCache*);
  mutable std::map<FileId, LineIndex> other_lines_;
  std::map<FileId, std::string> unit_paths_;  // the canonical path of each loaded file
};

// `cache`, when given, keeps the document's parsed declarations from one analysis to the
// next (syntax/parse_cache.h).
std::shared_ptr<const Analysis> analyze(const std::string& uri, const std::string& path, const std::string& text,
                                        int version, Encoding encoding, const AnalysisOptions& options,
                                        syntax::ParseCache* cache = nullptr);

}  // namespace infrac::lsp
