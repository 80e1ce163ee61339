// The template IR laid out as one document value in CloudFormation's section and key
// order, shared by the YAML and JSON emitters.
#pragma once

#include "ir/template.h"

namespace infrac::emit {

ir::Value document(const ir::Template& t);

}  // namespace infrac::emit
