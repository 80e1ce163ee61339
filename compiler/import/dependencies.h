// The dependencies infrac adds by itself (ir/passes.h) that a template does not have:
// such a resource is imported with `@implicit_depends_on(false)`, so that the program
// builds the template's DependsOn and no other.
#pragma once

#include <set>
#include <string>

#include "data/tree.h"

namespace infrac::importer {

// The logical IDs of the resources of `resources` (the template's section) that the pass
// would give a dependency their DependsOn does not list.
std::set<std::string> added_dependencies(const data::Node& resources);

}  // namespace infrac::importer
