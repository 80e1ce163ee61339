#include "syntax/parse_cache.h"

#include <algorithm>

#include "syntax/ast_clone.h"
#include "syntax/recover.h"

namespace infrac::syntax {

namespace {

// Whether a piece holds only comments and blank lines (a `///` block with a blank line
// after it: the file's own doc, or a detached one). Such a piece is parsed with the
// declaration after it, as the whole file would be.
bool only_comments(std::string_view piece) {
  size_t i = 0;
  while (i < piece.size()) {
    size_t eol = std::min(piece.find('\n', i), piece.size());
    std::string_view line = piece.substr(i, eol - i);
    size_t b = line.find_first_not_of(" \t\r");
    if (b != std::string_view::npos && line.substr(b, 2) != "//" && line[b] != '#') return false;
    i = eol + 1;
  }
  return true;
}

std::vector<uint32_t> pieces_of(std::string_view text) {
  std::vector<uint32_t> starts = declaration_starts(text);
  std::vector<uint32_t> out;
  for (uint32_t start : starts) {
    if (out.empty() || !only_comments(text.substr(out.back(), start - out.back()))) out.push_back(start);
  }
  return out;
}

}  // namespace

ParseResult ParseCache::parse(SourceManager& sm, FileId file, diag::Engine& diags) {
  const std::string& text = sm.file(file).text();
  std::vector<uint32_t> starts = pieces_of(text);
  std::unordered_map<std::string, Piece> next;  // the pieces of this text, kept for the next parse
  ParseResult result;
  result.program.file = file;
  reused_ = parsed_ = 0;
  // Parsing a piece alone costs a parser's set-up, more than its share of a parse of the
  // whole file: when most pieces are new (the first parse), the whole file is parsed and
  // cut into pieces afterwards.
  size_t known = 0;
  for (size_t k = 0; k < starts.size() && !pieces_.empty(); ++k) {
    uint32_t end = k + 1 < starts.size() ? starts[k + 1] : static_cast<uint32_t>(text.size());
    known += pieces_.count(text.substr(starts[k], end - starts[k]));
  }
  if (known * 2 < starts.size()) return parse_whole(sm, file, diags, starts);
  for (size_t k = 0; k < starts.size(); ++k) {
    uint32_t begin = starts[k];
    uint32_t end = k + 1 < starts.size() ? starts[k + 1] : static_cast<uint32_t>(text.size());
    std::string piece_text = text.substr(begin, end - begin);
    const Piece* piece = nullptr;
    if (auto it = next.find(piece_text); it != next.end()) {
      piece = &it->second;  // the same text earlier in this file
      ++reused_;
    } else if (auto old = pieces_.find(piece_text); old != pieces_.end()) {
      piece = &next.emplace(piece_text, std::move(old->second)).first->second;
      pieces_.erase(old);
      ++reused_;
    } else {
      SourceManager alone_sm;
      FileId alone_file = alone_sm.add(sm.file(file).path(), piece_text);
      diag::Engine alone_diags;
      ParseResult alone = syntax::parse(alone_sm, alone_file, alone_diags);
      if (!alone.ok || alone_diags.has_errors()) {
        // Not a declaration that stands alone (or not a correct one): the whole file,
        // with its errors as `parse` reports them.
        pieces_.clear();
        return syntax::parse(sm, file, diags);
      }
      piece = &next.emplace(piece_text, Piece{std::move(alone.program.decls), std::move(alone.program.doc)}).first->second;
      ++parsed_;
    }
    for (const ast::Decl& d : piece->decls) result.program.decls.push_back(clone_decl(d, file, begin));
    if (k == 0) result.program.doc = piece->doc;
  }
  pieces_ = std::move(next);
  result.ok = true;
  return result;
}

ParseResult ParseCache::parse_whole(SourceManager& sm, FileId file, diag::Engine& diags,
                                    const std::vector<uint32_t>& starts) {
  pieces_.clear();
  ParseResult result = syntax::parse(sm, file, diags);
  if (!result.ok) return result;
  const std::string& text = sm.file(file).text();
  // Each declaration goes to the piece its span starts in, moved to count from the piece.
  size_t d = 0;
  const auto& decls = result.program.decls;
  for (size_t k = 0; k < starts.size(); ++k) {
    uint32_t begin = starts[k];
    uint32_t end = k + 1 < starts.size() ? starts[k + 1] : static_cast<uint32_t>(text.size());
    Piece piece;
    if (k == 0) piece.doc = result.program.doc;
    while (d < decls.size() && decls[d].span.begin < end) {
      uint32_t first = decls[d].annotations.empty() ? decls[d].span.begin : decls[d].annotations.front().span.begin;
      if (first < begin) return result;  // a declaration across pieces: cut no further
      piece.decls.push_back(clone_decl(decls[d], file, -static_cast<int64_t>(begin)));
      ++d;
    }
    pieces_.emplace(text.substr(begin, end - begin), std::move(piece));
  }
  parsed_ = starts.size();
  return result;
}

}  // namespace infrac::syntax
