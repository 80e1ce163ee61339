// Deep copies of syntax trees, moved to another place: every span of the copy names
// `file` and is shifted by `shift` bytes. The parse cache (syntax/parse_cache.h) keeps a
// declaration parsed alone and hands out copies placed where the declaration now is.
#pragma once

#include <cstdint>

#include "syntax/ast.h"

namespace infrac::syntax {

ast::Decl clone_decl(const ast::Decl& d, FileId file, int64_t shift);

}  // namespace infrac::syntax
