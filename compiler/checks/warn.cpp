#include "checks/warnings.h"

namespace infrac::checks {

std::optional<diag::Builder> warn(diag::Engine& diags, const ir::Resource& r, diag::Kind kind,
                                  std::initializer_list<std::string_view> args) {
  std::string_view code = diag::info(kind).code;
  for (const ir::Allow& a : r.allows) {
    if (a.code == code) return std::nullopt;
  }
  return diags.report(kind, r.span, args);
}

}  // namespace infrac::checks
