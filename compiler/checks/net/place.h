// Where a diagnostic about a resource's property goes: at the value as the user wrote it.
// A value written in the program's root file is reported there. One written inside a
// module (the stdlib's, say) is reported at the root file's `module` line that made the
// resource: that is the line the user can change, the module's text is not.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/source.h"
#include "diag/diagnostic.h"
#include "ir/template.h"

namespace infrac::checks::net {

struct Place {
  Span span;            // where to point
  bool in_module = false;  // the value was written inside a module: `span` is its `module` line
  Span inner;           // in_module: where the value itself was written, if known
};

Place place_of(const ir::Resource& r, std::string_view key);

// Notes that go with a diagnostic at `p` about `r`: the value inside the module and the
// module instances between it and the root file.
void note_place(diag::Builder& b, const ir::Resource& r, std::string_view key, const Place& p);

}  // namespace infrac::checks::net
