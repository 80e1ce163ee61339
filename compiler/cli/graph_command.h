// `infrac graph FILE`: a picture of the architecture a program builds (compiler/graph/),
// as DOT, Mermaid, or SVG drawn by Graphviz's `dot`.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace infrac::cli {

struct GraphOptions {
  std::string input;
  std::string format = "dot";  // dot, mermaid or svg
  std::string output;          // empty: stdout
  std::vector<std::string> include_dirs;
  std::string project_root;
  std::string color = "auto";
};

// Adds the `graph` subcommand to `app`, its options read into `options`.
CLI::App* add_graph_command(CLI::App& app, GraphOptions& options);

// Exit status: 0, 1 when the program has errors or the picture cannot be made (no `dot`
// for svg, an output that cannot be written).
int graph(const GraphOptions& options);

}  // namespace infrac::cli
