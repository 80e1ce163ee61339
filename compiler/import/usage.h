// Which conditions and mappings of a template are used. infrac writes a condition or a
// mapping into the template only where the program uses it, so one that nothing uses
// cannot be imported: the build would leave it out.
#pragma once

#include <set>
#include <string>

#include "data/tree.h"

namespace infrac::importer {

struct Usage {
  std::set<std::string> conditions;  // by resources, outputs, Fn::If and used conditions
  std::set<std::string> mappings;    // by Fn::FindInMap in those places
};

Usage find_usage(const data::Node& root);

}  // namespace infrac::importer
