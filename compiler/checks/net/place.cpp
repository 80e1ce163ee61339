#include "checks/net/place.h"

#include <algorithm>
#include <string>

#include "checks/refs.h"

namespace infrac::checks::net {

Place place_of(const ir::Template& t, const ir::Resource& r, std::string_view key) {
  auto users = [&](const Span& s) {
    return s.valid() && std::find(t.library_files.begin(), t.library_files.end(), s.file) == t.library_files.end();
  };
  Place p;
  Span value = r.value_span(key);
  if (!value.valid()) value = r.span;
  p.span = value;
  if (users(value)) return p;
  for (size_t i = 0; i < r.instantiated_at.size(); ++i) {  // innermost first
    if (!users(r.instantiated_at[i])) continue;
    p.span = r.instantiated_at[i];
    p.in_module = true;
    p.inner = value;
    p.instance = i;
    break;
  }
  return p;
}

void note_place(diag::Builder& b, const ir::Resource& r, std::string_view key, const Place& p) {
  if (!p.in_module) return;
  if (p.inner.valid()) b.note(p.inner, "`" + std::string(key) + "` of `" + name_of(r) + "` is set here");
  for (size_t i = 0; i < p.instance; ++i) b.note(r.instantiated_at[i], "in this module instance");
}

}  // namespace infrac::checks::net
