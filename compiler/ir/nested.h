// Nested stacks: takes the flattened template IR and gives a parent template and one
// child template per module instance of the root file. What a child uses from outside
// (a root parameter, a resource of the parent or of another child) becomes a parameter
// of the child, passed by the parent: a `Ref`, a `Fn::GetAtt`, or another child's
// output through `Fn::GetAtt Child.Outputs.Name`. The parent names each child by a
// relative TemplateURL, which `aws cloudformation package` uploads.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ir/template.h"

namespace infrac::ir {

struct NestedTemplates {
  Template parent;
  std::vector<std::pair<std::string, Template>> children;  // stack logical ID -> its template
};

// `extension` is the children's file extension (".yaml" or ".json"), for TemplateURL.
NestedTemplates split_nested(const Template& t, const std::string& extension);

}  // namespace infrac::ir
