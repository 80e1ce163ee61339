// Parsing an edited file again without parsing all of it: the language server's parse.
// The file is cut into its top-level declarations (syntax/recover.h says where one
// starts); a declaration whose text is what it was at the last parse is not parsed again,
// its tree is copied from the cache and moved to where it now is. The others are parsed
// alone. When any piece does not parse alone, or the file is not cut cleanly, the whole
// file is parsed as `parse` does, so errors are reported exactly as `infrac check`
// reports them.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "syntax/parser.h"

namespace infrac::syntax {

class ParseCache {
 public:
  ParseResult parse(SourceManager& sm, FileId file, diag::Engine& diags);
  // Pieces taken from the cache, and parsed, by the last parse (for tests and benchmarks).
  size_t reused() const { return reused_; }
  size_t parsed() const { return parsed_; }

 private:
  // A declaration's trees as parsed alone: spans count from the start of its text.
  struct Piece {
    std::vector<ast::Decl> decls;
    std::string doc;
  };
  ParseResult parse_whole(SourceManager& sm, FileId file, diag::Engine& diags, const std::vector<uint32_t>& starts);
  std::unordered_map<std::string, Piece> pieces_;  // by text
  size_t reused_ = 0, parsed_ = 0;
};

}  // namespace infrac::syntax
