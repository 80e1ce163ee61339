// A plan as text for people (one block per changed resource, then a summary line) and as
// JSON for tools (docs/plan.md gives its shape).
#pragma once

#include <string>

#include "plan/diff.h"

namespace infrac::plan {

// `color`: ANSI colours, green add, red remove, yellow modify, magenta replace, cyan rename.
std::string render_text(const Plan& plan, bool color);
// "2 to add, 1 to modify, 1 to replace, 0 to remove" (and renames, when there are any).
std::string summary(const Plan& plan);
std::string render_json(const Plan& plan);

}  // namespace infrac::plan
