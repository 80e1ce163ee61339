#include "graph/dot.h"

#include <map>
#include <vector>

namespace infrac::graph {

std::string dot_quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out + "\"";
}

namespace {

void write_cluster(const Graph& g, const std::string& id, int depth, std::string& out) {
  std::string pad(static_cast<size_t>(depth) * 2, ' ');
  for (const Node& n : g.nodes) {
    if (n.cluster != id) continue;
    if (n.is_box) {  // an invisible end for edges, which are clipped at the cluster's border
      out += pad + dot_quote(n.id) + " [shape=point, style=invis, width=0.01, label=\"\"];\n";
      continue;
    }
    out += pad + dot_quote(n.id) + " [label=" + dot_quote(label_of(n)) + ", fillcolor=\"" + palette(n.color) + "\"];\n";
  }
  for (const Cluster& c : g.clusters) {
    if (c.parent != id) continue;
    out += pad + "subgraph " + dot_quote(c.id) + " {\n";
    out += pad + "  label=" + dot_quote(label_of(c)) + ";\n";
    switch (c.kind) {
      case Cluster::Vpc: out += pad + "  style=\"rounded,bold\"; color=\"#3b6fb6\"; bgcolor=\"#f7f9fd\";\n"; break;
      case Cluster::Subnet: {
        out += pad + "  style=\"rounded,filled\"; color=\"" + std::string(c.is_public ? "#5b9a52" : "#3b6fb6") +
               "\"; fillcolor=\"" + (c.is_public ? "#eef7ec" : "#eaf0fa") + "\";\n";
        break;
      }
      case Cluster::Module:
        out += pad + "  style=\"rounded,dashed\"; color=\"#888888\"; bgcolor=\"" + palette(c.color) + "40\";\n";
        break;
    }
    write_cluster(g, c.id, depth + 1, out);
    out += pad + "}\n";
  }
}

}  // namespace

std::string to_dot(const Graph& g) {
  std::string out = "digraph infrac {\n";
  out += "  graph [rankdir=LR, compound=true, fontname=\"Helvetica\", fontsize=11, labeljust=l, nodesep=0.25, ranksep=0.5];\n";
  out += "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n";
  out += "  edge [color=\"#666666\", arrowsize=0.6];\n";
  write_cluster(g, "", 1, out);
  std::map<std::string, std::string> box_of;
  for (const Node& n : g.nodes) {
    if (n.is_box) box_of[n.id] = n.cluster;
  }
  for (const Edge& e : g.edges) {
    std::vector<std::string> attrs;
    if (e.depends_on) attrs.push_back("style=dashed");
    if (auto it = box_of.find(e.from); it != box_of.end()) attrs.push_back("ltail=" + dot_quote(it->second));
    if (auto it = box_of.find(e.to); it != box_of.end()) attrs.push_back("lhead=" + dot_quote(it->second));
    out += "  " + dot_quote(e.from) + " -> " + dot_quote(e.to);
    for (size_t i = 0; i < attrs.size(); ++i) out += (i == 0 ? " [" : ", ") + attrs[i];
    out += attrs.empty() ? ";\n" : "];\n";
  }
  return out + "}\n";
}

}  // namespace infrac::graph
