// infrac graph's model and writers (compiler/graph/): which resources become nodes, which
// references edges, what the clusters hold, and that labels are escaped for each format.
#include <catch2/catch.hpp>

#include <algorithm>

#include "graph/dot.h"
#include "graph/mermaid.h"
#include "graph/model.h"

using namespace infrac;

namespace {

ir::Value ref(const std::string& id) { return ir::Value::fn("Ref", ir::Value::string(id)); }
ir::Value getatt(const std::string& id, const std::string& attr) {
  return ir::Value::fn("Fn::GetAtt", ir::Value::list({ir::Value::string(id), ir::Value::string(attr)}));
}

ir::Resource& add(ir::Template& t, const std::string& id, const std::string& type, const std::string& group = "") {
  ir::Resource r;
  r.logical_id = id;
  r.type = type;
  r.group = group;
  if (!group.empty()) r.path = group + ".x";
  t.resources.push_back(std::move(r));
  return t.resources.back();
}

const graph::Node* node(const graph::Graph& g, const std::string& id) {
  for (const auto& n : g.nodes) if (n.id == id) return &n;
  return nullptr;
}
bool has_edge(const graph::Graph& g, const std::string& from, const std::string& to, bool depends_on) {
  return std::any_of(g.edges.begin(), g.edges.end(),
                     [&](const graph::Edge& e) { return e.from == from && e.to == to && e.depends_on == depends_on; });
}

// A VPC with one subnet holding an instance, a security group with a rule, a role.
ir::Template small_network() {
  ir::Template t;
  t.resources.reserve(16);
  add(t, "Vpc", "AWS::EC2::VPC", "net").properties.set("CidrBlock", ir::Value::string("10.0.0.0/16"));
  auto& subnet = add(t, "Subnet", "AWS::EC2::Subnet", "net");
  subnet.properties.set("VpcId", ref("Vpc"));
  subnet.properties.set("CidrBlock", ir::Value::string("10.0.1.0/24"));
  subnet.properties.set("MapPublicIpOnLaunch", ir::Value::boolean_of(true));
  add(t, "Sg", "AWS::EC2::SecurityGroup", "app").properties.set("VpcId", ref("Vpc"));
  auto& rule = add(t, "SgIngress", "AWS::EC2::SecurityGroupIngress", "app");
  rule.properties.set("GroupId", getatt("Sg", "GroupId"));
  add(t, "Role", "AWS::IAM::Role", "app");
  auto& profile = add(t, "Profile", "AWS::IAM::InstanceProfile", "app");
  profile.properties.set("Roles", ir::Value::list({ref("Role")}));
  auto& host = add(t, "Host", "AWS::EC2::Instance", "app");
  auto nic = ir::Value::map();
  nic.set("SubnetId", ref("Subnet"));
  nic.set("GroupSet", ir::Value::list({getatt("Sg", "GroupId")}));
  host.properties.set("NetworkInterfaces", ir::Value::list({nic}));
  host.properties.set("IamInstanceProfile", ir::Value::fn("Fn::Sub", ir::Value::string("${Profile}-x ${!Literal}")));
  host.depends_on = {"Role", "Profile"};
  add(t, "Topic", "AWS::SNS::Topic");
  return t;
}

}  // namespace

TEST_CASE("graph: resources become nodes with a short type; rules fold into their group", "[graph]") {
  graph::Graph g = graph::build(small_network());
  REQUIRE(node(g, "Host") != nullptr);
  CHECK(node(g, "Host")->short_type == "EC2::Instance");
  CHECK(graph::short_type("Custom::Thing") == "Custom::Thing");
  CHECK(node(g, "SgIngress") == nullptr);
  REQUIRE(node(g, "Sg") != nullptr);
  CHECK(node(g, "Sg")->merged == std::vector<std::string>{"1 SecurityGroupIngress"});
  // The VPC and the subnet are their boxes; nothing outside them points at them.
  CHECK(node(g, "Vpc") == nullptr);
  CHECK(node(g, "Subnet") == nullptr);
  CHECK(g.nodes.size() == 5);
}

TEST_CASE("graph: edges from Ref, GetAtt, Sub and DependsOn", "[graph]") {
  graph::Graph g = graph::build(small_network());
  CHECK(has_edge(g, "Host", "Sg", false));        // Fn::GetAtt in a network interface
  CHECK(has_edge(g, "Host", "Profile", false));   // a Fn::Sub placeholder
  CHECK(has_edge(g, "Profile", "Role", false));   // Ref in a list
  CHECK(has_edge(g, "Host", "Role", true));       // DependsOn only: dashed
  CHECK(!has_edge(g, "Host", "Profile", true));   // DependsOn beside a reference: left out
  CHECK(!has_edge(g, "Host", "Literal", false));  // `${!Literal}` is text
  // Containment says it: no edge to the enclosing subnet or VPC.
  CHECK(!has_edge(g, "Host", "Subnet", false));
  CHECK(!has_edge(g, "Subnet", "Vpc", false));
  CHECK(!has_edge(g, "Sg", "Vpc", false));
}

TEST_CASE("graph: network clusters nest, module instances hold the rest", "[graph]") {
  graph::Graph g = graph::build(small_network());
  CHECK(node(g, "Host")->cluster == "cluster_Subnet");
  CHECK(node(g, "Host")->show_instance);
  CHECK(node(g, "Sg")->cluster == "cluster_Vpc");
  CHECK(node(g, "Role")->cluster == "cluster_module_app");
  CHECK(!node(g, "Role")->show_instance);
  CHECK(node(g, "Topic")->cluster.empty());
  auto cluster = [&](const std::string& id) {
    return *std::find_if(g.clusters.begin(), g.clusters.end(), [&](const graph::Cluster& c) { return c.id == id; });
  };
  CHECK(cluster("cluster_Subnet").parent == "cluster_Vpc");
  CHECK(cluster("cluster_Subnet").detail == "10.0.1.0/24, public");
  CHECK(cluster("cluster_module_app").label == "app");
  CHECK(node(g, "Host")->color == node(g, "Role")->color);
  CHECK(node(g, "Host")->color != node(g, "Topic")->color);
}

TEST_CASE("graph: a resource in several subnets of one VPC is drawn in the VPC", "[graph]") {
  ir::Template t = small_network();
  auto& other = add(t, "Subnet2", "AWS::EC2::Subnet");
  other.properties.set("VpcId", ref("Vpc"));
  add(t, "Endpoint", "AWS::EC2::VPCEndpoint").properties.set("SubnetIds", ir::Value::list({ref("Subnet"), ref("Subnet2")}));
  graph::Graph g = graph::build(t);
  CHECK(node(g, "Endpoint")->cluster == "cluster_Vpc");
  CHECK(has_edge(g, "Endpoint", "Subnet2", false));
  REQUIRE(node(g, "Subnet2") != nullptr);  // an edge needs it: drawn in its box
  CHECK(node(g, "Subnet2")->cluster == "cluster_Subnet2");
}

TEST_CASE("graph: a subnet routed to an internet gateway is public", "[graph]") {
  ir::Template t = small_network();
  add(t, "Private", "AWS::EC2::Subnet").properties.set("VpcId", ref("Vpc"));
  add(t, "Igw", "AWS::EC2::InternetGateway");
  add(t, "Table", "AWS::EC2::RouteTable").properties.set("VpcId", ref("Vpc"));
  auto& route = add(t, "Route", "AWS::EC2::Route");
  route.properties.set("RouteTableId", ref("Table"));
  route.properties.set("GatewayId", ref("Igw"));
  auto& assoc = add(t, "Assoc", "AWS::EC2::SubnetRouteTableAssociation");
  assoc.properties.set("RouteTableId", ref("Table"));
  assoc.properties.set("SubnetId", ref("Private"));
  graph::Graph g = graph::build(t);
  auto cluster = [&](const std::string& id) {
    return *std::find_if(g.clusters.begin(), g.clusters.end(), [&](const graph::Cluster& c) { return c.id == id; });
  };
  CHECK(cluster("cluster_Private").is_public);
  CHECK(cluster("cluster_Private").detail == "public");
  // The route and the association are drawn as the table's.
  CHECK(node(g, "Table")->merged == std::vector<std::string>{"1 Route", "1 SubnetRouteTableAssociation"});
  CHECK(has_edge(g, "Table", "Igw", false));
  CHECK(has_edge(g, "Table", "Private", false));
  CHECK(node(g, "Table")->cluster == "cluster_Vpc");
  CHECK(node(g, "Igw")->cluster.empty());
}

TEST_CASE("graph: labels are escaped for DOT and Mermaid", "[graph]") {
  CHECK(graph::dot_quote("a\"b\\c\nd") == "\"a\\\"b\\\\c\\nd\"");
  CHECK(graph::mermaid_quote("a\"b#<c>\nd") == "\"a#quot;b#35;#lt;c#gt;<br>d\"");
  ir::Template t;
  add(t, "Q", "Custom::A\"B");
  CHECK(graph::to_dot(graph::build(t)).find("label=\"Q\\nCustom::A\\\"B\"") != std::string::npos);
  CHECK(graph::to_mermaid(graph::build(t)).find("Q[\"Q<br>Custom::A#quot;B\"]") != std::string::npos);
}

TEST_CASE("graph: the output does not depend on the order of the resources", "[graph]") {
  ir::Template a = small_network();
  ir::Template b = a;
  std::reverse(b.resources.begin(), b.resources.end());
  CHECK(graph::to_dot(graph::build(a)) == graph::to_dot(graph::build(b)));
  CHECK(graph::to_mermaid(graph::build(a)) == graph::to_mermaid(graph::build(b)));
}
