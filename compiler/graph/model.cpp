#include "graph/model.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/sub_text.h"
#include "checks/refs.h"
#include "checks/values.h"

namespace infrac::graph {

namespace {

constexpr std::string_view kVpc = "AWS::EC2::VPC";
constexpr std::string_view kSubnet = "AWS::EC2::Subnet";

// Resources that only qualify another one are drawn as part of it: a picture with every
// ingress rule and route as a box of its own buries the architecture under them.
struct Fold {
  std::string_view type, key, into;
};
constexpr Fold kFolds[] = {
    {"AWS::EC2::SecurityGroupIngress", "GroupId", "AWS::EC2::SecurityGroup"},
    {"AWS::EC2::SecurityGroupEgress", "GroupId", "AWS::EC2::SecurityGroup"},
    {"AWS::EC2::Route", "RouteTableId", "AWS::EC2::RouteTable"},
    {"AWS::EC2::SubnetRouteTableAssociation", "RouteTableId", "AWS::EC2::RouteTable"},
};

// The resources `v` refers to, by logical ID: `Ref`, `Fn::GetAtt` and the placeholders
// of `Fn::Sub`, anywhere inside it.
void collect_targets(const checks::Refs& refs, const ir::Value& v, std::set<std::string>& out) {
  if (v.kind == ir::Value::Fn) {
    if (const ir::Resource* r = refs.target(&v)) out.insert(r->logical_id);
    if (v.text == "Fn::Sub") {
      const ir::Value& a = v.arg();
      const ir::Value* text = a.kind == ir::Value::List && !a.items.empty() ? &a.items[0] : &a;
      if (text->kind == ir::Value::String) {
        for (const SubPiece& p : sub_pieces(text->text)) {
          if (!p.placeholder) continue;
          std::string name(p.text.substr(0, p.text.find('.')));
          if (refs.resource(name) != nullptr) out.insert(name);
        }
      }
    }
  }
  for (const auto& item : v.items) collect_targets(refs, item, out);
  for (const auto& [key, field] : v.fields) collect_targets(refs, field, out);
}

// The instance name of a resource of a root module instance: the first part of its path.
std::string instance_of(const ir::Resource& r) {
  if (r.group.empty()) return "";
  size_t end = r.path.find_first_of(".[");
  return end == std::string::npos || end == 0 ? r.group : r.path.substr(0, end);
}

}  // namespace

std::string palette(int i) {
  static const char* const kColors[] = {"#fde2c8", "#d6ecd2", "#dbe4f7", "#f3d9ef", "#fff2b3", "#d9f2f2"};
  constexpr int n = sizeof kColors / sizeof kColors[0];
  return i < 0 ? "#ffffff" : kColors[i % n];
}

std::string label_of(const Node& n) {
  std::string label = n.id + "\n" + n.short_type;
  for (const auto& m : n.merged) label += "\n+ " + m;
  if (n.show_instance) label += "\n(" + n.instance + ")";
  return label;
}

std::string label_of(const Cluster& c) {
  switch (c.kind) {
    case Cluster::Vpc: return "VPC " + c.label + (c.detail.empty() ? "" : "\n" + c.detail);
    case Cluster::Subnet: return "subnet " + c.label + (c.detail.empty() ? "" : "\n" + c.detail);
    case Cluster::Module: break;
  }
  return "module " + c.label;
}

std::string short_type(const std::string& type) {
  if (type.rfind("AWS::", 0) == 0) return type.substr(5);
  return type;
}

Graph build(const ir::Template& t) {
  checks::Refs refs(t);
  Graph g;

  std::vector<const ir::Resource*> sorted;
  for (const auto& r : t.resources) sorted.push_back(&r);
  std::sort(sorted.begin(), sorted.end(),
            [](const ir::Resource* a, const ir::Resource* b) { return a->logical_id < b->logical_id; });

  // What is folded into what, and what each kept node holds.
  std::map<std::string, std::string> folded_into;
  std::map<std::string, std::map<std::string, int>> folded_counts;
  for (const ir::Resource* r : sorted) {
    for (const Fold& f : kFolds) {
      if (r->type != f.type) continue;
      if (const ir::Resource* owner = refs.resolve(checks::prop(*r, f.key), f.into)) {
        folded_into[r->logical_id] = owner->logical_id;
        ++folded_counts[owner->logical_id][short_type(r->type).substr(short_type(r->type).find("::") + 2)];
      }
    }
  }
  auto drawn_as = [&](const std::string& id) {
    auto it = folded_into.find(id);
    return it == folded_into.end() ? id : it->second;
  };

  // Module instances, coloured in name order.
  std::map<std::string, int> colors;
  for (const ir::Resource* r : sorted) {
    if (!folded_into.count(r->logical_id) && !r->group.empty()) colors[instance_of(*r)] = 0;
  }
  int next = 0;
  for (auto& [name, c] : colors) c = next++;
  g.palette_size = colors.size();

  // The network clusters: each VPC, and each subnet inside its VPC.
  std::map<std::string, std::string> cluster_of_owner;  // VPC or subnet logical ID -> cluster id
  std::map<std::string, std::string> owner_of_cluster;
  std::map<std::string, std::string> parent_of;
  // A subnet is public when its route table has a route to an internet gateway (or it
  // gives its instances public addresses), as the article's diagram marks it.
  std::set<std::string> public_subnets;
  for (const ir::Resource* assoc : refs.of_type("AWS::EC2::SubnetRouteTableAssociation")) {
    const ir::Resource* subnet = refs.resolve(checks::prop(*assoc, "SubnetId"), kSubnet);
    const ir::Resource* table = refs.resolve(checks::prop(*assoc, "RouteTableId"), "AWS::EC2::RouteTable");
    if (subnet == nullptr || table == nullptr) continue;
    for (const ir::Resource* route : refs.pointing_at(*table, "AWS::EC2::Route", "RouteTableId")) {
      if (refs.resolve(checks::prop(*route, "GatewayId"), "AWS::EC2::InternetGateway")) {
        public_subnets.insert(subnet->logical_id);
      }
    }
  }
  auto detail = [&](const ir::Resource& r) { return checks::text_of(checks::prop(r, "CidrBlock")).value_or(""); };
  for (const ir::Resource* r : refs.of_type(kVpc)) {
    Cluster c{Cluster::Vpc, "cluster_" + r->logical_id, r->logical_id, detail(*r), "", -1};
    cluster_of_owner[r->logical_id] = c.id;
    owner_of_cluster[c.id] = r->logical_id;
    g.clusters.push_back(c);
  }
  for (const ir::Resource* r : refs.of_type(kSubnet)) {
    const ir::Resource* vpc = refs.resolve(checks::prop(*r, "VpcId"), kVpc);
    Cluster c{Cluster::Subnet, "cluster_" + r->logical_id, r->logical_id, detail(*r),
              vpc ? cluster_of_owner[vpc->logical_id] : "", -1};
    c.is_public = public_subnets.count(r->logical_id) ||
                  checks::bool_of(checks::prop(*r, "MapPublicIpOnLaunch")).value_or(false);
    if (!c.detail.empty()) c.detail += ", ";
    c.detail += c.is_public ? "public" : "private";
    cluster_of_owner[r->logical_id] = c.id;
    owner_of_cluster[c.id] = r->logical_id;
    parent_of[c.id] = c.parent;
    g.clusters.push_back(c);
  }

  // Where each kept resource goes: the network where it is placed in one, else its
  // module instance's cluster. Network containment wins, since it is what a reader of an
  // architecture diagram looks for first; the instance is then shown by colour and name.
  std::set<std::string> module_clusters;
  for (const ir::Resource* r : sorted) {
    if (folded_into.count(r->logical_id)) continue;
    Node n;
    n.id = r->logical_id;
    n.short_type = short_type(r->type);
    n.instance = instance_of(*r);
    n.color = n.instance.empty() ? -1 : colors[n.instance];
    if (auto it = folded_counts.find(r->logical_id); it != folded_counts.end()) {
      for (const auto& [kind, count] : it->second) n.merged.push_back(std::to_string(count) + " " + kind);
    }
    if (r->type == kVpc || r->type == kSubnet) {
      n.cluster = cluster_of_owner[r->logical_id];
    } else {
      std::set<std::string> subnets;
      auto add_subnet = [&](const ir::Value* v) {
        if (const ir::Resource* s = refs.resolve(v, kSubnet)) subnets.insert(s->logical_id);
      };
      add_subnet(checks::prop(*r, "SubnetId"));
      if (const ir::Value* nics = checks::prop(*r, "NetworkInterfaces"); nics && nics->kind == ir::Value::List) {
        for (const auto& nic : nics->items) add_subnet(checks::field(&nic, "SubnetId"));
      }
      if (const ir::Value* ids = checks::prop(*r, "SubnetIds"); ids && ids->kind == ir::Value::List) {
        for (const auto& id : ids->items) add_subnet(&id);
      }
      std::set<std::string> vpcs;
      for (const auto& s : subnets) vpcs.insert(parent_of[cluster_of_owner[s]]);
      if (subnets.size() == 1) {
        n.cluster = cluster_of_owner[*subnets.begin()];
      } else if (vpcs.size() == 1 && !vpcs.begin()->empty()) {
        n.cluster = *vpcs.begin();  // in several subnets of one VPC: drawn in the VPC
      } else if (const ir::Resource* vpc = refs.resolve(checks::prop(*r, "VpcId"), kVpc)) {
        n.cluster = cluster_of_owner[vpc->logical_id];
      } else if (!n.instance.empty()) {
        n.cluster = "cluster_module_" + n.instance;
        module_clusters.insert(n.instance);
      }
    }
    n.is_box = r->type == kVpc || r->type == kSubnet;
    n.show_instance = !n.instance.empty() && owner_of_cluster.count(n.cluster) && !n.is_box;
    g.nodes.push_back(std::move(n));
  }
  for (const auto& name : module_clusters) {
    g.clusters.push_back({Cluster::Module, "cluster_module_" + name, name, "", "", colors[name]});
  }

  // Edges. One from a resource to the VPC or subnet it is drawn inside says nothing the
  // nesting does not, and there is one from nearly everything to its VPC: left out.
  std::map<std::string, std::string> cluster_of_node;
  for (const auto& n : g.nodes) cluster_of_node[n.id] = n.cluster;
  auto inside = [&](const std::string& from, const std::string& to) {
    for (std::string c = cluster_of_node[from]; !c.empty(); c = parent_of[c]) {
      auto it = owner_of_cluster.find(c);
      if (it != owner_of_cluster.end() && it->second == to) return true;
    }
    return false;
  };
  std::set<std::pair<std::string, std::string>> references, depends;
  for (const ir::Resource* r : sorted) {
    std::string from = drawn_as(r->logical_id);
    std::set<std::string> targets;
    collect_targets(refs, r->properties, targets);
    for (const auto& target : targets) {
      std::string to = drawn_as(target);
      if (to != from && !inside(from, to)) references.insert({from, to});
    }
    for (const auto& d : r->depends_on) {
      if (t.resource(d) == nullptr) continue;
      std::string to = drawn_as(d);
      if (to != from && !inside(from, to)) depends.insert({from, to});
    }
  }
  // The box of a VPC or subnet stands for it: its own node is kept only when an edge from
  // outside the box needs an end (a route table's association with a subnet).
  std::set<std::string> touched;
  for (const auto& [from, to] : references) touched.insert(to), touched.insert(from);
  for (const auto& [from, to] : depends) touched.insert(to), touched.insert(from);
  g.nodes.erase(std::remove_if(g.nodes.begin(), g.nodes.end(),
                               [&](const Node& n) { return cluster_of_owner.count(n.id) && !touched.count(n.id); }),
                g.nodes.end());
  for (const auto& [from, to] : references) g.edges.push_back({from, to, false});
  // A DependsOn beside a reference between the same two adds nothing to the picture.
  for (const auto& [from, to] : depends) {
    if (!references.count({from, to})) g.edges.push_back({from, to, true});
  }
  std::sort(g.edges.begin(), g.edges.end(), [](const Edge& a, const Edge& b) {
    return std::tie(a.from, a.to, a.depends_on) < std::tie(b.from, b.to, b.depends_on);
  });
  return g;
}

}  // namespace infrac::graph
