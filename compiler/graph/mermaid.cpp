#include "graph/mermaid.h"

#include <map>

namespace infrac::graph {

std::string mermaid_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "#quot;"; break;
      case '#': out += "#35;"; break;
      case '<': out += "#lt;"; break;
      case '>': out += "#gt;"; break;
      case '\n': out += "<br>"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out + "\"";
}

namespace {

// Mermaid reads a bare `end` (any case but all lower) as the end of a subgraph.
std::string mermaid_id(const std::string& id) { return id == "end" ? "end_" : id; }

void write_cluster(const Graph& g, const std::string& id, int depth, std::string& out) {
  std::string pad(static_cast<size_t>(depth) * 2, ' ');
  for (const Node& n : g.nodes) {
    if (n.cluster == id && !n.is_box) out += pad + mermaid_id(n.id) + "[" + mermaid_quote(label_of(n)) + "]\n";
  }
  for (const Cluster& c : g.clusters) {
    if (c.parent != id) continue;
    out += pad + "subgraph " + c.id + "[" + mermaid_quote(label_of(c)) + "]\n";
    write_cluster(g, c.id, depth + 1, out);
    out += pad + "end\n";
  }
}

}  // namespace

std::string to_mermaid(const Graph& g) {
  std::string out = "flowchart LR\n";
  write_cluster(g, "", 1, out);
  // Mermaid links a subgraph itself: an edge to a VPC or subnet ends at its box.
  std::map<std::string, std::string> end_of;
  for (const Node& n : g.nodes) end_of[n.id] = n.is_box ? n.cluster : mermaid_id(n.id);
  for (const Edge& e : g.edges) {
    out += "  " + end_of[e.from] + (e.depends_on ? " -.-> " : " --> ") + end_of[e.to] + "\n";
  }
  // Colours: one class per module instance, and the network clusters' styles.
  std::map<int, std::string> members;
  for (const Node& n : g.nodes) {
    if (n.color < 0 || n.is_box) continue;
    std::string& m = members[n.color];
    m += (m.empty() ? "" : ",") + mermaid_id(n.id);
  }
  for (const auto& [color, ids] : members) {
    out += "  classDef instance" + std::to_string(color) + " fill:" + palette(color) + ",stroke:#888\n";
    out += "  class " + ids + " instance" + std::to_string(color) + "\n";
  }
  for (const Cluster& c : g.clusters) {
    if (c.kind == Cluster::Vpc) out += "  style " + c.id + " fill:#f7f9fd,stroke:#3b6fb6\n";
    if (c.kind == Cluster::Subnet) {
      out += "  style " + c.id + (c.is_public ? " fill:#eef7ec,stroke:#5b9a52\n" : " fill:#eaf0fa,stroke:#3b6fb6\n");
    }
    if (c.kind == Cluster::Module) out += "  style " + c.id + " fill:#fafafa,stroke:#888,stroke-dasharray:4\n";
  }
  return out;
}

}  // namespace infrac::graph
