// Reads an existing CloudFormation template (YAML with short-form tags, or JSON) into
// the checked-program structure, so that the schema checks run on it as on a compiled
// program: `infrac check-template` today, `infrac import` later.
#pragma once

#include "diag/diagnostic.h"
#include "sema/program.h"

namespace infrac::cfn {

// Reads the template of source `file`. Parameters become params, resources become
// resources with their properties as values: Ref and GetAtt resolve to their targets,
// other intrinsic functions are kept opaque. Reports malformed YAML and unknown resource
// types. Custom resources and types handled by a Transform are left unchecked.
sema::Program read_template(const SourceManager& sm, FileId file, diag::Engine& diags);

}  // namespace infrac::cfn
