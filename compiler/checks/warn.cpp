#include "checks/warnings.h"

namespace infrac::checks {

void note_instances(diag::Builder& b, const ir::Resource& r) {
  for (const Span& at : r.instantiated_at) b.note(at, "in this module instance");
}

std::optional<diag::Builder> warn(diag::Engine& diags, const ir::Resource& r, diag::Kind kind,
                                  std::initializer_list<std::string_view> args) {
  std::string_view code = diag::info(kind).code;
  for (const ir::Allow& a : r.allows) {
    if (a.code == code) return std::nullopt;
  }
  diag::Builder b = diags.report(kind, r.span, args);
  note_instances(b, r);
  return b;
}

}  // namespace infrac::checks
