// `infrac plan` (compiler/plan/): what deploying one template over another does to each
// resource, on small templates written for the case. Create-only properties come from the
// builtin catalog: CidrBlock and VpcId are create-only on AWS::EC2::Subnet, Tags are not.
#include <catch2/catch.hpp>

#include <string>

#include "data/tree.h"
#include "plan/diff.h"
#include "plan/render.h"

using infrac::plan::Action;
using infrac::plan::Plan;
using infrac::plan::Replacement;

namespace {

Plan plan_of(const std::string& old_yaml, const std::string& new_yaml) {
  auto a = infrac::data::read_yaml(old_yaml);
  auto b = infrac::data::read_yaml(new_yaml);
  REQUIRE(a.root);
  REQUIRE(b.root);
  return infrac::plan::diff(*a.root, *b.root);
}

const std::string kVpc =
    "  Vpc:\n"
    "    Type: AWS::EC2::VPC\n"
    "    Properties:\n"
    "      CidrBlock: 10.0.0.0/16\n";

std::string subnet(const std::string& id, const std::string& cidr, const std::string& name = "a") {
  return "  " + id +
         ":\n"
         "    Type: AWS::EC2::Subnet\n"
         "    Properties:\n"
         "      VpcId: !Ref Vpc\n"
         "      CidrBlock: " + cidr + "\n"
         "      Tags:\n"
         "        - Key: Name\n"
         "          Value: " + name + "\n";
}

std::string tmpl(const std::string& resources) { return "Resources:\n" + resources; }

}  // namespace

TEST_CASE("the same template, in YAML or JSON, plans no change", "[plan]") {
  std::string yaml = tmpl(kVpc + subnet("Subnet", "10.0.1.0/24"));
  std::string json =
      R"({"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
          "Subnet": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"},
            "CidrBlock": "10.0.1.0/24", "Tags": [{"Value": "a", "Key": "Name"}]}}}})";
  Plan p = plan_of(yaml, json);
  CHECK(p.changes.empty());
  CHECK(infrac::plan::summary(p) == "0 to add, 0 to modify, 0 to replace, 0 to remove");
}

TEST_CASE("a new resource is added, a missing one removed", "[plan]") {
  Plan p = plan_of(tmpl(kVpc + subnet("A", "10.0.1.0/24")), tmpl(kVpc + subnet("B", "10.0.2.0/24")));
  REQUIRE(p.changes.size() == 2);
  CHECK(p.changes[0].logical_id == "A");
  CHECK(p.changes[0].action == Action::Remove);
  CHECK_FALSE(p.changes[0].retained);
  CHECK(p.changes[1].logical_id == "B");
  CHECK(p.changes[1].action == Action::Add);
  CHECK(infrac::plan::summary(p) == "1 to add, 0 to modify, 0 to replace, 1 to remove");
}

TEST_CASE("a removed resource with DeletionPolicy Retain is kept in the account", "[plan]") {
  Plan p = plan_of(tmpl(kVpc + "  Bucket:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n"), tmpl(kVpc));
  REQUIRE(p.changes.size() == 1);
  CHECK(p.changes[0].action == Action::Remove);
  CHECK(p.changes[0].retained);
  CHECK(infrac::plan::render_text(p, false).find("removed from the stack, kept in the account") != std::string::npos);
}

TEST_CASE("a changed tag modifies the resource, with the property's path", "[plan]") {
  Plan p = plan_of(tmpl(kVpc + subnet("Subnet", "10.0.1.0/24", "a")), tmpl(kVpc + subnet("Subnet", "10.0.1.0/24", "b")));
  REQUIRE(p.changes.size() == 1);
  CHECK(p.changes[0].action == Action::Modify);
  REQUIRE(p.changes[0].properties.size() == 1);
  CHECK(p.changes[0].properties[0].path == "Properties.Tags[0].Value");
  CHECK(p.changes[0].properties[0].replacement == Replacement::Never);
}

TEST_CASE("a changed create-only property replaces the resource", "[plan]") {
  Plan p = plan_of(tmpl(kVpc + subnet("Subnet", "10.0.1.0/24")), tmpl(kVpc + subnet("Subnet", "10.0.5.0/24")));
  REQUIRE(p.changes.size() == 1);
  CHECK(p.changes[0].action == Action::Replace);
  CHECK_FALSE(p.changes[0].maybe());
  REQUIRE(p.changes[0].properties.size() == 1);
  CHECK(p.changes[0].properties[0].path == "Properties.CidrBlock");
  CHECK(p.changes[0].properties[0].replacement == Replacement::Always);
  CHECK(infrac::plan::render_json(p) ==
        "{\"changes\": [{\"logical_id\": \"Subnet\", \"type\": \"AWS::EC2::Subnet\", \"action\": \"replace\", "
        "\"properties\": [{\"path\": \"Properties.CidrBlock\", \"replacement\": \"always\"}]}]}\n");
}

TEST_CASE("a create-only property set to a parameter may replace", "[plan]") {
  std::string params = "Parameters:\n  Cidr:\n    Type: String\n";
  Plan p = plan_of(tmpl(kVpc + subnet("Subnet", "10.0.1.0/24")), params + tmpl(kVpc + subnet("Subnet", "!Ref Cidr")));
  REQUIRE(p.changes.size() == 1);
  CHECK(p.changes[0].action == Action::Replace);
  CHECK(p.changes[0].maybe());
  REQUIRE(p.changes[0].properties.size() == 1);
  CHECK(p.changes[0].properties[0].replacement == Replacement::Conditional);
  CHECK(infrac::plan::render_text(p, false).find("! may replace Subnet") != std::string::npos);
}

TEST_CASE("a resource whose create-only property names a replaced one may be replaced too", "[plan]") {
  std::string vpc2 = "  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.1.0.0/16\n";
  Plan p = plan_of(tmpl(kVpc + subnet("Subnet", "10.0.1.0/24")), tmpl(vpc2 + subnet("Subnet", "10.0.1.0/24")));
  REQUIRE(p.changes.size() == 2);
  CHECK(p.changes[0].logical_id == "Subnet");
  CHECK(p.changes[0].action == Action::Replace);
  CHECK(p.changes[0].maybe());
  REQUIRE(p.changes[0].properties.size() == 1);
  CHECK(p.changes[0].properties[0].path == "Properties.VpcId");
  CHECK(p.changes[0].properties[0].replacement == Replacement::Conditional);
  CHECK(p.changes[1].logical_id == "Vpc");
  CHECK(p.changes[1].action == Action::Replace);
  CHECK_FALSE(p.changes[1].maybe());
}

TEST_CASE("a logical ID that changed alone is a rename, with the fix", "[plan]") {
  Plan p = plan_of(tmpl(kVpc + subnet("OldName", "10.0.1.0/24")), tmpl(kVpc + subnet("NewName", "10.0.1.0/24")));
  REQUIRE(p.changes.size() == 1);
  CHECK(p.changes[0].action == Action::Rename);
  CHECK(p.changes[0].logical_id == "NewName");
  CHECK(p.changes[0].from == "OldName");
  CHECK(infrac::plan::render_text(p, false).find("@logical_id(\"OldName\")") != std::string::npos);
  CHECK(infrac::plan::render_json(p).find("\"action\": \"rename\", \"from\": \"OldName\"") != std::string::npos);
  CHECK(infrac::plan::summary(p) == "0 to add, 0 to modify, 0 to replace, 0 to remove, 1 to rename");
}

TEST_CASE("a different type under the same logical ID is a replacement", "[plan]") {
  Plan p = plan_of(tmpl("  Thing:\n    Type: AWS::SNS::Topic\n"), tmpl("  Thing:\n    Type: AWS::SQS::Queue\n"));
  REQUIRE(p.changes.size() == 1);
  CHECK(p.changes[0].action == Action::Replace);
  CHECK(p.changes[0].type == "AWS::SQS::Queue");
  REQUIRE(p.changes[0].properties.size() == 1);
  CHECK(p.changes[0].properties[0].path == "Type");
}

TEST_CASE("the text of a plan: one block per resource, then the summary", "[plan]") {
  Plan p = plan_of(tmpl(kVpc + subnet("Subnet", "10.0.1.0/24", "a")), tmpl(kVpc + subnet("Subnet", "10.0.5.0/24", "b")));
  CHECK(infrac::plan::render_text(p, false) ==
        "! replace Subnet (AWS::EC2::Subnet)\n"
        "    Properties.CidrBlock  (create-only: replaces the resource)\n"
        "    Properties.Tags[0].Value\n"
        "\n"
        "0 to add, 0 to modify, 1 to replace, 0 to remove\n");
  CHECK(infrac::plan::render_text(p, true).find("\033[35m! replace") != std::string::npos);
}

TEST_CASE("a changed Fn::Sub text of other length surely changes a create-only property", "[plan]") {
  auto sg = [](const std::string& name) {
    return tmpl("  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: d\n"
                "      GroupName: !Sub ${Prefix}-" + name + "\n");
  };
  std::string params = "Parameters:\n  Prefix:\n    Type: String\n";
  Plan longer = plan_of(params + sg("ssh"), params + sg("bastion"));
  REQUIRE(longer.changes.size() == 1);
  CHECK(longer.changes[0].properties[0].replacement == Replacement::Always);
  // Of the same length, the value could be the same for some Prefix: only may replace.
  Plan same_length = plan_of(params + sg("ssh"), params + sg("rdp"));
  REQUIRE(same_length.changes.size() == 1);
  CHECK(same_length.changes[0].properties[0].replacement == Replacement::Conditional);
}

TEST_CASE("a parameter whose default changes modifies what names it", "[plan]") {
  auto with_default = [](const std::string& d) {
    return "Parameters:\n  Name:\n    Type: String\n    Default: " + d + "\n" +
           tmpl(kVpc + subnet("Subnet", "10.0.1.0/24", "!Ref Name"));
  };
  Plan p = plan_of(with_default("a"), with_default("b"));
  REQUIRE(p.changes.size() == 1);
  CHECK(p.changes[0].action == Action::Modify);
  REQUIRE(p.changes[0].properties.size() == 1);
  CHECK(p.changes[0].properties[0].path == "Properties.Tags");
  CHECK(p.changes[0].properties[0].replacement == Replacement::Never);
  REQUIRE(p.others.size() == 1);
  CHECK(p.others[0].name == "Name");
  std::string text = infrac::plan::render_text(p, false);
  CHECK(text.find("(names parameter Name, whose default changes)") != std::string::npos);
  CHECK(text.find("~ parameter Name: Default changes") != std::string::npos);
}
