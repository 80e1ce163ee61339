// The emitters: the template IR as CloudFormation YAML (short-form tags such as `!Ref`)
// or JSON. Output is deterministic: the same IR gives the same bytes.
#pragma once

#include <string>

#include "ir/template.h"

namespace infrac::emit {

std::string to_yaml(const ir::Template& t);
std::string to_json(const ir::Template& t);

}  // namespace infrac::emit
