// Reads an existing CloudFormation template (YAML with short-form tags, or JSON) into
// the checked-program structure, so that the schema checks run on it as on a compiled
// program: `infrac check-template` today, `infrac import` later.
#pragma once

#include "data/tree.h"
#include "diag/diagnostic.h"
#include "sema/program.h"

namespace infrac::cfn {

// Reads the template of source `file`. Parameters become params, resources become
// resources with their properties as values: Ref and GetAtt resolve to their targets,
// other intrinsic functions are kept opaque. Reports malformed YAML and unknown resource
// types. Custom resources and types handled by a Transform are left unchecked.
sema::Program read_template(const SourceManager& sm, FileId file, diag::Engine& diags);

// The template of source `file` as a data tree, as written (`infrac plan` compares two).
// Null, with the reason reported as read_template reports it, when the text is not YAML
// or JSON, or not a mapping.
data::NodeRef read_template_tree(const SourceManager& sm, FileId file, diag::Engine& diags);

}  // namespace infrac::cfn
