// The layout of an imported program, as a person would write it: a blank line between
// declarations, but not inside a run of plain parameters, conditions or outputs (ones
// without annotations); objects and lists that hold other objects on several lines; texts of
// several lines as indented heredocs where they read back the same.
#pragma once

#include "syntax/ast.h"

namespace infrac::importer {

void lay_out(ast::Program& p);

}  // namespace infrac::importer
