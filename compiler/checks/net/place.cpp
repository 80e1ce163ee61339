#include "checks/net/place.h"

#include "checks/refs.h"

namespace infrac::checks::net {

Place place_of(const ir::Resource& r, std::string_view key) {
  Place p;
  Span value = r.value_span(key);
  if (!value.valid()) value = r.span;
  if (r.instantiated_at.empty()) {
    p.span = value;
    return p;
  }
  const Span& use = r.instantiated_at.back();  // the outermost: in the root file
  if (value.valid() && value.file == use.file) {
    p.span = value;
    return p;
  }
  p.span = use;
  p.in_module = true;
  p.inner = value;
  return p;
}

void note_place(diag::Builder& b, const ir::Resource& r, std::string_view key, const Place& p) {
  if (!p.in_module) return;
  if (p.inner.valid()) b.note(p.inner, "`" + std::string(key) + "` of `" + name_of(r) + "` is set here");
  // The module instances inside the outermost one, innermost first.
  for (size_t i = 0; i + 1 < r.instantiated_at.size(); ++i) b.note(r.instantiated_at[i], "in this module instance");
}

}  // namespace infrac::checks::net
