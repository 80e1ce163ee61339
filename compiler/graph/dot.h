// Writing a graph (model.h) as Graphviz DOT text, which `dot -Tsvg` or `-Tpng` renders.
#pragma once

#include <string>
#include <string_view>

#include "graph/model.h"

namespace infrac::graph {

// `text` inside a DOT double-quoted string: `"` and `\` escaped (a backslash would start
// one of DOT's label escapes), a line break as `\n`.
std::string dot_quote(std::string_view text);

std::string to_dot(const Graph& g);

}  // namespace infrac::graph
