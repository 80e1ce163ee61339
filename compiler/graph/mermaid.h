// Writing a graph (model.h) as a Mermaid flowchart, with a subgraph per cluster: the
// form GitHub and most Markdown viewers draw without Graphviz.
#pragma once

#include <string>
#include <string_view>

#include "graph/model.h"

namespace infrac::graph {

// `text` inside a Mermaid `"..."` label: the characters Mermaid would read as syntax or
// markup (`"`, `#`, `<`, `>`) as its `#code;` entities, a line break as `<br>`.
std::string mermaid_quote(std::string_view text);

std::string to_mermaid(const Graph& g);

}  // namespace infrac::graph
