// Whether two conditional resources can exist in the same stack: a check that two
// resources clash must not report a pair that lives in complementary branches.
#pragma once

#include "checks/values.h"
#include "ir/template.h"

namespace infrac::checks::net {

// Yes when some choice of parameters creates both `a` and `b`; No when none does;
// Unknown when their conditions compare anything but parameters (and pseudo parameters)
// with literals, or too many of them to try every combination.
Tri coexist(const ir::Template& t, const ir::Resource& a, const ir::Resource& b);

}  // namespace infrac::checks::net
