// The YAML emitter's output read back with a YAML parser: tags and scalars survive.
#include <catch2/catch.hpp>
#include <yaml-cpp/yaml.h>

#include "emit/emitters.h"
#include "ir/lower.h"

using infrac::ir::Value;

namespace {

infrac::ir::Template one_resource(Value props) {
  infrac::ir::Template t;
  infrac::ir::Resource r;
  r.logical_id = "R";
  r.type = "AWS::SNS::Topic";
  r.properties = std::move(props);
  t.resources.push_back(std::move(r));
  return t;
}

}  // namespace

TEST_CASE("strings that look like other YAML types read back as strings", "[emit]") {
  Value props = Value::map();
  const char* tricky[] = {"yes", "No", "on", "0", "0.5", "1e3", "2012-10-17", "null", "~", "", "12:30", "0x10",
                          "- x", "a: b", "#c", "!Ref X", "*x", "&a", "'q'", "\"dq\"", "{a}", "[b]", "%p", "@x", "`y"};
  int i = 0;
  for (const char* s : tricky) props.set("K" + std::to_string(i++), Value::string(s));
  YAML::Node doc = YAML::Load(infrac::emit::to_yaml(one_resource(props)));
  i = 0;
  for (const char* s : tricky) {
    YAML::Node n = doc["Resources"]["R"]["Properties"]["K" + std::to_string(i++)];
    INFO("value: " << s);
    CHECK(n.Tag() != "?");  // quoted: not left for the reader to resolve
    CHECK(n.as<std::string>() == s);
  }
}

TEST_CASE("multi-line strings with characters a literal block cannot hold read back", "[emit]") {
  // A heredoc may carry any character: a literal block takes only printable ones.
  const std::string texts[] = {std::string("a\0b\nc\n", 6), "x\x01y\nz\n", "del\x7f\nend\n", "c1\xc2\x80\nend\n",
                               "nel\xc2\x85\nend\n", "plain\nlines\n"};
  Value props = Value::map();
  int i = 0;
  for (const std::string& t : texts) props.set("K" + std::to_string(i++), Value::string(t));
  std::string yaml = infrac::emit::to_yaml(one_resource(props));
  YAML::Node doc = YAML::Load(yaml);
  i = 0;
  for (const std::string& t : texts) {
    INFO("value #" << i);
    CHECK(doc["Resources"]["R"]["Properties"]["K" + std::to_string(i++)].as<std::string>() == t);
  }
  CHECK(yaml.find("K5: |") != std::string::npos);  // printable text stays a literal block
  CHECK(yaml.find(std::string(1, '\0')) == std::string::npos);
}

TEST_CASE("intrinsics use short-form tags, nested ones the long form", "[emit]") {
  Value props = Value::map();
  props.set("A", Value::fn("Ref", Value::string("X")));
  props.set("B", Value::fn("Fn::GetAtt", Value::list({Value::string("X"), Value::string("Arn")})));
  props.set("C", Value::fn("Fn::Base64", Value::fn("Fn::Sub", Value::string("${AWS::Region}"))));
  YAML::Node p = YAML::Load(infrac::emit::to_yaml(one_resource(props)))["Resources"]["R"]["Properties"];
  CHECK(p["A"].Tag() == "!Ref");
  CHECK(p["A"].as<std::string>() == "X");
  CHECK(p["B"].Tag() == "!GetAtt");
  CHECK(p["B"].as<std::string>() == "X.Arn");
  REQUIRE(p["C"].IsMap());
  CHECK(p["C"]["Fn::Base64"].Tag() == "!Sub");
}

TEST_CASE("PascalCase logical IDs", "[lower]") {
  using infrac::ir::pascal_case;
  CHECK(pascal_case("public_subnet") == "PublicSubnet");
  CHECK(pascal_case("vpc") == "Vpc");
  CHECK(pascal_case("instance_security_group1") == "InstanceSecurityGroup1");
  CHECK(pascal_case("alreadyCamel") == "AlreadyCamel");
  CHECK(pascal_case("__x__y") == "XY");
}
