// Where a diagnostic about a resource's property goes: at the value as the user wrote it.
// A value written in the user's files (the program and its own modules) is reported
// there. One written inside a library module (the stdlib's, say) is reported at the
// innermost `module` line in the user's files that made the resource: that is the line
// the user can change, the library's text is not.
#pragma once

#include <string_view>

#include "base/source.h"
#include "diag/diagnostic.h"
#include "ir/template.h"

namespace infrac::checks::net {

struct Place {
  Span span;               // where to point
  bool in_module = false;  // the value was written in a library: `span` is a `module` line
  Span inner;              // in_module: where the value itself was written, if known
  size_t instance = 0;     // in_module: the index in `instantiated_at` of that line
};

Place place_of(const ir::Template& t, const ir::Resource& r, std::string_view key);

// Notes that go with a diagnostic at `p` about `r`: the value inside the library and the
// module instances between it and `p`.
void note_place(diag::Builder& b, const ir::Resource& r, std::string_view key, const Place& p);

}  // namespace infrac::checks::net
