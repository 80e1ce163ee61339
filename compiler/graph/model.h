// The architecture a template builds, as a graph to draw: its resources as nodes, the
// references between them as edges, and clusters for the network (a VPC holding its
// subnets, a subnet holding what is placed in it) and for the root file's module
// instances. dot.h and mermaid.h write it; both take everything here in order, so the
// order (sorted by logical ID) makes the output deterministic.
#pragma once

#include <string>
#include <vector>

#include "ir/template.h"

namespace infrac::graph {

struct Cluster {
  enum Kind { Vpc, Subnet, Module } kind = Module;
  std::string id;      // unique, usable as a DOT and Mermaid identifier
  std::string label;   // the first line: the VPC's or subnet's logical ID, or the instance name
  std::string detail;  // a second line, such as the CIDR block; may be empty
  std::string parent;  // the enclosing cluster's id; empty at the top
  int color = -1;      // the palette entry of a module instance; -1 for the network
  bool is_public = false;  // a subnet with a route to an internet gateway
};

struct Node {
  std::string id;          // the logical ID
  std::string short_type;  // `EC2::Subnet` for AWS::EC2::Subnet
  std::string cluster;     // the innermost cluster that holds it; empty at the top
  std::string instance;    // the root's module instance it comes from, or empty
  int color = -1;          // the palette entry of `instance`; -1 for none
  // What was folded into it: "2 SecurityGroupIngress" (rules into their group, routes
  // and subnet associations into their route table).
  std::vector<std::string> merged;
  // Shown when the node sits in a network cluster, where its module cluster cannot be.
  bool show_instance = false;
  // A VPC or subnet is drawn as its cluster; its node is kept only as the end of edges
  // from outside, which the writers draw to and from the cluster's border instead.
  bool is_box = false;
};

struct Edge {
  std::string from, to;  // logical IDs of nodes: `from` refers to (or depends on) `to`
  bool depends_on = false;  // a DependsOn, with no reference between the two
};

struct Graph {
  std::vector<Cluster> clusters;  // parents before children
  std::vector<Node> nodes;
  std::vector<Edge> edges;
  size_t palette_size = 0;  // the number of module instances coloured
};

// The fill colour of module instance `i` (a cycle of light colours, so that black text
// stays readable on them).
std::string palette(int i);

// `AWS::EC2::Subnet` -> `EC2::Subnet`; other types are kept whole.
std::string short_type(const std::string& type);

// What a node's box and a cluster's title say, lines separated by '\n'; both writers
// use these, so that the two pictures agree.
std::string label_of(const Node& n);
std::string label_of(const Cluster& c);

Graph build(const ir::Template& t);

}  // namespace infrac::graph
