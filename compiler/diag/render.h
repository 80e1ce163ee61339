// Renders diagnostics for people (clang/rustc style, colours only when asked) and
// for tools (JSON). Takes the engine's diagnostics and the sources they point into.
#pragma once

#include <string>
#include <vector>

#include "base/source.h"
#include "diag/diagnostic.h"

namespace infrac::diag {

std::string render_text(const Diagnostic& d, const SourceManager& sm, bool color);
std::string render_json(const std::vector<Diagnostic>& ds, const SourceManager& sm);

}  // namespace infrac::diag
