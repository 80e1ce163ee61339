// The security warnings (W01xx). Each names the resource and the property at fault, and
// is not reported for a resource that acknowledges it with `@allow(CODE, "reason")`.
#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>

#include "checks/refs.h"
#include "diag/diagnostic.h"

namespace infrac::checks {

// Notes where the module instances that made `r` are declared, innermost first.
void note_instances(diag::Builder& b, const ir::Resource& r);

// Reports warning `kind` on `r`, or nothing (nullopt) when `r` allows it.
std::optional<diag::Builder> warn(diag::Engine& diags, const ir::Resource& r, diag::Kind kind,
                                  std::initializer_list<std::string_view> args);

void warn_admin_ports(const Refs& refs, diag::Engine& diags);    // W0101
void warn_imds_v1(const Refs& refs, diag::Engine& diags);        // W0102
void warn_unencrypted(const Refs& refs, diag::Engine& diags);    // W0103, W0104
void warn_iam_wildcards(const Refs& refs, diag::Engine& diags);  // W0105

}  // namespace infrac::checks
