// Renders diagnostics for people (clang/rustc style, colours only when asked) and
// for tools (JSON). Takes the engine's diagnostics and the sources they point into.
#pragma once

#include <string>
#include <vector>

#include "base/source.h"
#include "diag/diagnostic.h"

namespace infrac::diag {

// The diagnostics of one compilation, with the sources they point into. `check-template`
// checks several templates, each with sources of its own, and reports them as one list.
struct DiagnosticSet {
  const std::vector<Diagnostic>* diags;
  const SourceManager* sources;
  size_t dropped = 0;  // diagnostics counted past kMaxDiagnostics, not kept
};

std::string render_text(const Diagnostic& d, const SourceManager& sm, bool color);
std::string render_json(const std::vector<Diagnostic>& ds, const SourceManager& sm);
// One JSON array of the diagnostics of every set, in order.
std::string render_json(const std::vector<DiagnosticSet>& sets);

// `s` with every byte that is not part of a UTF-8 character, and every control character
// other than tab and line feed, written `\xHH`: what every renderer shows of a message or
// a path, so that JSON and SARIF stay valid UTF-8 and a terminal is never acted upon.
std::string visible(std::string_view s);

}  // namespace infrac::diag
