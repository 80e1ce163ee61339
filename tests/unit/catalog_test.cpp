// Tests for the embedded CloudFormation resource catalog (compiler/catalog).
#include "catalog/catalog.h"

#include <algorithm>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

using infrac::catalog::Catalog;
using infrac::catalog::kArray;
using infrac::catalog::kBoolean;
using infrac::catalog::kInteger;
using infrac::catalog::kObject;
using infrac::catalog::kString;
using infrac::catalog::Ref;
using infrac::catalog::ResourceType;
using infrac::catalog::Shape;

namespace {

const ResourceType& get(std::string_view name) {
  const ResourceType* rt = Catalog::builtin().find(name);
  REQUIRE(rt != nullptr);
  return *rt;
}

bool refers_to(const Shape& s, std::string_view type_name, std::string_view path = {}) {
  return std::any_of(s.refs.begin(), s.refs.end(), [&](const Ref& r) {
    return r.type_name == type_name && (path.empty() || r.property_path == path);
  });
}

}  // namespace

TEST_CASE("catalog: header and type names", "[catalog]") {
  const Catalog& c = Catalog::builtin();
  CHECK(c.cfn_lint_version() == "1.51.0");
  CHECK(c.region() == "us-east-1");
  auto names = c.type_names();
  CHECK(names.size() > 1500);
  CHECK(names.size() == c.size());
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(std::adjacent_find(names.begin(), names.end()) == names.end());
  CHECK(std::binary_search(names.begin(), names.end(), std::string_view("AWS::S3::Bucket")));
}

TEST_CASE("catalog: unknown types", "[catalog]") {
  const Catalog& c = Catalog::builtin();
  CHECK(c.find("AWS::EC2::NoSuchThing") == nullptr);
  CHECK(c.find("") == nullptr);
  CHECK(c.find("aws::ec2::vpc") == nullptr);  // names are case-sensitive
  CHECK_FALSE(c.contains("AWS::EC2::NoSuchThing"));
  CHECK(c.contains("AWS::EC2::VPC"));
}

TEST_CASE("catalog: find caches", "[catalog]") {
  const Catalog& c = Catalog::builtin();
  CHECK(c.find("AWS::EC2::VPC") == c.find("AWS::EC2::VPC"));
}

TEST_CASE("catalog: AWS::EC2::VPC", "[catalog]") {
  const ResourceType& vpc = get("AWS::EC2::VPC");
  CHECK(vpc.name == "AWS::EC2::VPC");
  CHECK(vpc.kinds == kObject);
  const Shape* cidr = vpc.property("CidrBlock");
  REQUIRE(cidr);
  CHECK(cidr->kinds == kString);
  const Shape* dns = vpc.property("EnableDnsSupport");
  REQUIRE(dns);
  CHECK(dns->kinds == kBoolean);
  CHECK(vpc.property("NoSuchProperty") == nullptr);
  CHECK(std::is_sorted(vpc.properties.begin(), vpc.properties.end(),
                       [](const auto& a, const auto& b) { return a.name < b.name; }));
  CHECK(vpc.primary_identifier == std::vector<std::string>{"VpcId"});
  CHECK(vpc.has_attribute("VpcId"));
  CHECK(vpc.has_attribute("DefaultSecurityGroup"));
  CHECK(vpc.is_create_only("CidrBlock"));
  CHECK_FALSE(vpc.additional_properties);
  // Tags: a list of {Key, Value} objects.
  const Shape* tags = vpc.property("Tags");
  REQUIRE(tags);
  CHECK(tags->kinds == kArray);
  REQUIRE(tags->items);
  CHECK(tags->items->is_required("Key"));
  CHECK(tags->items->is_required("Value"));
  // VPC: exactly one of CidrBlock / Ipv4IpamPoolId.
  CHECK(vpc.required_xor == std::vector<std::string>{"CidrBlock", "Ipv4IpamPoolId"});
}

TEST_CASE("catalog: AWS::EC2::Subnet", "[catalog]") {
  const ResourceType& subnet = get("AWS::EC2::Subnet");
  CHECK(subnet.is_required("VpcId"));
  const Shape* vpc_id = subnet.property("VpcId");
  REQUIRE(vpc_id);
  CHECK(vpc_id->kinds == kString);
  CHECK(refers_to(*vpc_id, "AWS::EC2::VPC", "/properties/VpcId"));
  CHECK(std::find(vpc_id->formats.begin(), vpc_id->formats.end(), "AWS::EC2::VPC.Id") != vpc_id->formats.end());
  // dependentRequired: Ipv4IpamPoolId needs Ipv4NetmaskLength.
  auto dep = std::find_if(subnet.dependent_required.begin(), subnet.dependent_required.end(),
                          [](const auto& d) { return d.name == "Ipv4IpamPoolId"; });
  REQUIRE(dep != subnet.dependent_required.end());
  CHECK(dep->names == std::vector<std::string>{"Ipv4NetmaskLength"});
}

TEST_CASE("catalog: list items refer to other resources", "[catalog]") {
  const ResourceType& ep = get("AWS::EC2::VPCEndpoint");
  const Shape* sgs = ep.property("SecurityGroupIds");
  REQUIRE(sgs);
  CHECK(sgs->kinds == kArray);
  REQUIRE(sgs->items);
  CHECK(sgs->items->kinds == kString);
  CHECK(refers_to(*sgs->items, "AWS::EC2::SecurityGroup"));
  // Both spellings are listed: GetAtt GroupId and Ref (the primary identifier).
  CHECK(refers_to(*sgs->items, "AWS::EC2::SecurityGroup", "/properties/GroupId"));
  CHECK(refers_to(*sgs->items, "AWS::EC2::SecurityGroup", "/properties/Id"));
  const Shape* subnets = ep.property("SubnetIds");
  REQUIRE(subnets);
  REQUIRE(subnets->items);
  CHECK(refers_to(*subnets->items, "AWS::EC2::Subnet"));
}

TEST_CASE("catalog: several alternative references are kept", "[catalog]") {
  const ResourceType& vif = get("AWS::DirectConnect::PrivateVirtualInterface");
  const Shape* conn = vif.property("ConnectionId");
  REQUIRE(conn);
  CHECK(refers_to(*conn, "AWS::DirectConnect::Connection", "/properties/ConnectionId"));
  CHECK(refers_to(*conn, "AWS::DirectConnect::Lag", "/properties/LagId"));
  CHECK(conn->refs.size() >= 4);
  // anyOf of formats: a KMS key id, key ARN or alias.
  const ResourceType& queue = get("AWS::SQS::Queue");
  const Shape* kms = queue.property("KmsMasterKeyId");
  REQUIRE(kms);
  CHECK(refers_to(*kms, "AWS::KMS::Key"));
  CHECK(refers_to(*kms, "AWS::KMS::Alias"));
}

TEST_CASE("catalog: GetAtt attributes", "[catalog]") {
  const ResourceType& sg = get("AWS::EC2::SecurityGroup");
  CHECK(sg.has_attribute("GroupId"));
  const auto* group_id = sg.attribute("GroupId");
  REQUIRE(group_id);
  CHECK(group_id->read_only);
  REQUIRE(group_id->shape());
  CHECK(group_id->shape()->kinds == kString);
  CHECK_FALSE(sg.has_attribute("NoSuchAttribute"));

  const ResourceType& db = get("AWS::RDS::DBInstance");
  CHECK(db.has_attribute("Endpoint.Address"));
  CHECK(db.has_attribute("Endpoint.Port"));
  CHECK_FALSE(db.has_attribute("Endpoint"));  // an object: only its members
  const auto* addr = db.attribute("Endpoint.Address");
  REQUIRE(addr);
  REQUIRE(addr->shape());
  CHECK(addr->shape()->kinds == kString);

  // Attributes the schema does not list as read-only but GetAtt accepts.
  const ResourceType& q = get("AWS::SQS::Queue");
  CHECK(q.has_attribute("Arn"));
  CHECK(q.has_attribute("QueueName"));
  CHECK(q.has_attribute("QueueUrl"));

  // Nested stack outputs.
  const ResourceType& stack = get("AWS::CloudFormation::Stack");
  CHECK(stack.has_attribute("Outputs.BucketName"));
  CHECK_FALSE(stack.has_attribute("Outputs."));
}

TEST_CASE("catalog: constraints", "[catalog]") {
  const ResourceType& bucket = get("AWS::S3::Bucket");
  const Shape* name = bucket.property("BucketName");
  REQUIRE(name);
  CHECK(name->max_length == 63u);
  CHECK_FALSE(name->pattern.empty());

  const ResourceType& fn = get("AWS::Lambda::Function");
  const Shape* mem = fn.property("MemorySize");
  REQUIRE(mem);
  CHECK(mem->kinds == kInteger);
  const Shape* arch = fn.property("Architectures");
  REQUIRE(arch);
  REQUIRE(arch->items);
  CHECK(arch->max_items == 1u);
  auto has = [&](const char* v) {
    return std::any_of(arch->items->enum_values.begin(), arch->items->enum_values.end(),
                       [&](const auto& s) { return s.text == v; });
  };
  CHECK(has("x86_64"));
  CHECK(has("arm64"));
  CHECK(fn.is_required("Code"));
  CHECK(fn.is_required("Role"));
  // Lambda's Role carries no reference in the schemas; ECS's role ARNs do.
  const ResourceType& td = get("AWS::ECS::TaskDefinition");
  REQUIRE(td.property("TaskRoleArn"));
  CHECK(refers_to(*td.property("TaskRoleArn"), "AWS::IAM::Role", "/properties/Arn"));
}

TEST_CASE("catalog: alternatives (oneOf of required groups)", "[catalog]") {
  // APS::AnomalyDetector MissingDataAction: exactly one of MarkAsAnomaly / Skip.
  const ResourceType& ad = get("AWS::APS::AnomalyDetector");
  const Shape* mda = ad.property("MissingDataAction");
  REQUIRE(mda);
  REQUIRE(mda->one_of.size() == 2);
  CHECK(mda->one_of[0]->required == std::vector<std::string>{"MarkAsAnomaly"});
  CHECK(mda->one_of[1]->required == std::vector<std::string>{"Skip"});
  CHECK(mda->one_of[0]->kinds == 0);  // a bare "required" alternative
  // The same shape reached through a named definition.
  const Shape* cfg = ad.property("Configuration");
  REQUIRE(cfg);
  const Shape* rcf = cfg->property("RandomCutForest");
  REQUIRE(rcf);
  const Shape* above = rcf->property("IgnoreNearExpectedFromAbove");
  const Shape* below = rcf->property("IgnoreNearExpectedFromBelow");
  REQUIRE(above);
  CHECK(above == below);  // shared definition
  CHECK(above->name == "IgnoreNearExpected");
  CHECK(above->one_of.size() == 2);

  // Type-level anyOf of required groups.
  const ResourceType& zs = get("AWS::ARCZonalShift::ZonalAutoshiftConfiguration");
  REQUIRE(zs.any_of.size() == 2);
  CHECK(zs.is_required("ResourceIdentifier"));

  // requiredXor / requiredOr / dependentExcluded.
  const ResourceType& subnet = get("AWS::EC2::Subnet");
  CHECK_FALSE(subnet.required_or.empty());
  CHECK_FALSE(subnet.dependent_excluded.empty());
  const ResourceType& rs = get("AWS::Route53::RecordSet");
  CHECK(rs.required_xor == std::vector<std::string>{"HostedZoneId", "HostedZoneName"});
}

TEST_CASE("catalog: recursive definitions are shared, not expanded", "[catalog]") {
  // WAFv2 statements nest (And/Or/Not contain statements).
  const ResourceType& acl = get("AWS::WAFv2::WebACL");
  const Shape* rules = acl.property("Rules");
  REQUIRE(rules);
  REQUIRE(rules->items);
  const Shape* st = rules->items->property("Statement");
  REQUIRE(st);
  CHECK(st->name == "Statement");
  const Shape* and_st = st->property("AndStatement");
  REQUIRE(and_st);
  const Shape* inner = and_st->property("Statements");
  REQUIRE(inner);
  REQUIRE(inner->items);
  CHECK(inner->items == st);  // the same shape: a cycle
}

TEST_CASE("catalog: malformed lines give nullptr", "[catalog]") {
  static const std::string data =
      "{\"cfn_lint\":\"0.0\",\"format\":1,\"region\":\"x\",\"types\":5}\n"
      "{\"t\":\"A::B::Bad\",\"pp\":{\"X\":{\"k\":\n"
      "{\"t\":\"A::B::BadRef\",\"pp\":{\"X\":{\"$\":\"Missing\"}}}\n"
      "{\"t\":\"A::B::Good\",\"pp\":{\"X\":{\"k\":\"s\"}},\"rq\":[\"X\"]}\n"
      "{\"t\":\"A::B::WrongKind\",\"pp\":{\"X\":{\"k\":7}}}\n"
      "{\"t\":\"A::B::Wrongtype\",\"pp\":[1,2]}\n";
  Catalog c(data);
  CHECK(c.size() == 5);
  CHECK(c.cfn_lint_version() == "0.0");
  CHECK(c.find("A::B::Bad") == nullptr);
  CHECK(c.contains("A::B::Bad"));
  // A property's shape is read when first asked for: a line whose JSON is sound but
  // whose shape is not is found, and the shape reads as accepting anything.
  for (const char* name : {"A::B::BadRef", "A::B::WrongKind"}) {
    const ResourceType* rt = c.find(name);
    REQUIRE(rt);
    REQUIRE(rt->property("X"));
    CHECK(rt->property("X")->kinds == 0);
    CHECK_FALSE(rt->complete());
  }
  CHECK(c.find("A::B::Wrongtype") == nullptr);
  const ResourceType* good = c.find("A::B::Good");
  REQUIRE(good);
  CHECK(good->is_required("X"));
  CHECK(good->property("X")->kinds == kString);
  CHECK(good->complete());

  Catalog empty("");
  CHECK(empty.size() == 0);
  CHECK(empty.find("A::B::Good") == nullptr);
  CHECK(empty.type_names().empty());
}

TEST_CASE("catalog: a shape read before the definitions can name one", "[catalog]") {
  // Keys are sorted, so a policy's shape ("cp") comes before the definitions ("d").
  static const std::string data =
      "{\"cfn_lint\":\"0.0\"}\n"
      "{\"t\":\"A::B::P\",\"cp\":{\"$\":\"Pol\"},\"d\":{\"Pol\":{\"k\":\"o\",\"pp\":{\"N\":{\"k\":\"i\"}}}},"
      "\"pp\":{\"X\":{\"$\":\"Pol\"}}}\n";
  Catalog c(data);
  const ResourceType* rt = c.find("A::B::P");
  REQUIRE(rt);
  REQUIRE(rt->creation_policy);
  CHECK(rt->creation_policy->kinds == kObject);
  REQUIRE(rt->creation_policy->property("N"));
  CHECK(rt->creation_policy->property("N")->kinds == kInteger);
  CHECK(rt->property("X") == rt->creation_policy);  // one definition, one shape
  CHECK(rt->complete());
}

TEST_CASE("catalog: every type parses", "[catalog][slow]") {
  const Catalog& c = Catalog::builtin();
  std::size_t ok = 0;
  for (std::string_view name : c.type_names()) {
    const ResourceType* rt = c.find(name);
    if (rt && rt->complete()) ++ok;
    else FAIL_CHECK("failed to parse " << name);
  }
  CHECK(ok == c.size());
}

TEST_CASE("catalog: damaged lines never crash", "[catalog]") {
  // Take a real line and feed every truncation and some byte changes of it.
  const std::string header = "{\"cfn_lint\":\"x\"}\n";
  std::string line =
      "{\"t\":\"A::B::C\",\"a\":[\"Arn\",\"X.Y\"],\"ap\":[\"Outputs.\"],\"co\":[\"Name\"],"
      "\"d\":{\"Rec\":{\"k\":\"o\",\"pp\":{\"Next\":{\"$\":\"Rec\"},\"V\":{\"e\":[1,2.5,\"a\\u00e9\\\"\",true,null],"
      "\"k\":\"sin\"}}}},\"dr\":{\"A\":[\"B\"]},\"o1\":[[\"A\"],{\"rq\":[\"B\"]}],\"pi\":[\"Arn\"],"
      "\"pp\":{\"A\":{\"k\":\"s\",\"nl\":1,\"pt\":\"^a\\\\d$\",\"xl\":5},\"B\":{\"it\":{\"$\":\"Rec\"},\"k\":\"a\","
      "\"xi\":3},\"X\":{\"k\":\"o\",\"pp\":{\"Y\":{\"k\":\"i\",\"mn\":-1,\"mx\":1e3,\"rf\":[[\"T\",\"/properties/P\"]]}}}},"
      "\"rq\":[\"A\"]}";
  {
    const std::string data = header + line + "\n";  // must outlive the Catalog
    Catalog whole(data);
    const ResourceType* rt = whole.find("A::B::C");
    REQUIRE(rt);
    CHECK(rt->has_attribute("X.Y"));
    REQUIRE(rt->attribute("X.Y")->shape());
    CHECK(rt->attribute("X.Y")->shape()->maximum == 1000.0);
    CHECK(rt->has_attribute("Outputs.Foo"));
    const Shape* v = rt->property("B")->items->property("V");
    REQUIRE(v);
    REQUIRE(v->enum_values.size() == 5);
    CHECK(v->enum_values[2].text == "a\xc3\xa9\"");
    CHECK(v->enum_values[1].kind == infrac::catalog::kNumber);
    CHECK(rt->property("A")->pattern == "^a\\d$");
    CHECK(rt->property("B")->items->property("Next") == rt->property("B")->items);
    CHECK(rt->complete());
  }
  std::size_t parsed = 0;
  for (std::size_t cut = 0; cut < line.size(); ++cut) {
    std::string data = header + line.substr(0, cut) + "\n";
    Catalog c(data);
    if (c.find("A::B::C")) ++parsed;
  }
  CHECK(parsed == 0);  // every strict prefix is malformed
  const char replacements[] = {'{', '}', '[', ']', '"', ',', ':', '\\', 'x', '0'};
  for (std::size_t pos = 6; pos < line.size(); pos += 3) {
    for (char r : replacements) {
      std::string bad = line;
      bad[pos] = r;
      const std::string data = header + bad + "\n";
      Catalog c(data);
      // must not crash; result may be either, and so may reading the rest of it
      if (const ResourceType* rt = c.find("A::B::C")) (void)rt->complete();
    }
  }
}

TEST_CASE("catalog: cfn-lint's format patterns and standard formats", "[catalog]") {
  const Catalog& c = Catalog::builtin();
  const auto* vpc = c.format_rule("AWS::EC2::VPC.Id");
  REQUIRE(vpc != nullptr);
  CHECK(vpc->patterns == std::vector<std::string>{"^vpc-(([0-9A-Fa-f]{8})|([0-9A-Fa-f]{17}))$"});
  const auto* image = c.format_rule("AWS::EC2::Image.Id");
  REQUIRE(image != nullptr);
  CHECK(image->accepted_prefixes == std::vector<std::string>{"resolve:ssm"});
  CHECK(c.format_rule("AWS::S3::Bucket.Name")->accepted == std::vector<std::string>{""});
  CHECK(c.format_rule("AWS::EC2::Subnet.Id")->patterns.size() == 2);  // two rules name it
  CHECK(c.format_rule("date-time") == nullptr);
  CHECK(c.checks_standard_format("ipv4-network"));
  CHECK(c.checks_standard_format("ipv6-network"));
  CHECK_FALSE(c.checks_standard_format("json"));
}

TEST_CASE("catalog: what Ref and GetAtt return", "[catalog]") {
  const ResourceType& role = get("AWS::IAM::Role");
  CHECK(role.ref_formats.empty());  // its name
  CHECK(role.ref_never_arn);
  REQUIRE(role.attribute("Arn") != nullptr);
  CHECK(role.attribute("Arn")->formats == std::vector<std::string>{"AWS::IAM::Role.Arn"});
  CHECK(role.attribute("RoleId")->formats.empty());
  CHECK(get("AWS::EC2::VPC").ref_formats == std::vector<std::string>{"AWS::EC2::VPC.Id"});
  CHECK(get("AWS::Lambda::Version").ref_formats == std::vector<std::string>{"AWS::Lambda::Function.Arn"});
  CHECK(get("AWS::Lambda::Alias").ref_formats == std::vector<std::string>{"AWS::Lambda::Function.Arn"});
  CHECK_FALSE(get("AWS::Lambda::Function").ref_never_arn);
  CHECK(get("AWS::CloudFormation::CustomResource").ref_unchecked);
  CHECK(get("AWS::SSM::Parameter").attribute("Value")->unchecked);
  CHECK_FALSE(get("AWS::SSM::Parameter").attribute("Type")->unchecked);
  // Formats offered as alternatives are marked so.
  const Shape* kms = get("AWS::SQS::Queue").property("KmsMasterKeyId");
  REQUIRE(kms != nullptr);
  CHECK(kms->formats.size() == 3);
  CHECK(kms->formats_alternative);
  CHECK_FALSE(get("AWS::EC2::Subnet").property("VpcId")->formats_alternative);
}

TEST_CASE("catalog: conditional requirements from cfn-lint's rule data", "[catalog]") {
  const ResourceType& listener = get("AWS::ElasticLoadBalancingV2::Listener");
  REQUIRE(listener.conditionals.size() == 1);
  const auto& c = listener.conditionals.front();
  REQUIRE(c.values.size() == 1);
  CHECK(c.values[0].first == "Protocol");
  CHECK(c.values[0].second.size() == 2);
  CHECK(c.present == std::vector<std::string>{"Protocol"});
  CHECK(c.required == std::vector<std::string>{"Certificates"});
  CHECK(get("AWS::EC2::Instance").required_or == std::vector<std::string>{"ImageId", "LaunchTemplate"});
  // A key inside an object property: inline code needs a runtime.
  const ResourceType& fn = get("AWS::Lambda::Function");
  REQUIRE(fn.conditionals.size() == 1);
  CHECK(fn.conditionals[0].present == std::vector<std::string>{"Code", "Code.ZipFile"});
  CHECK(fn.conditionals[0].required == std::vector<std::string>{"Runtime"});
}

TEST_CASE("catalog: a damaged rules line leaves no format facts", "[catalog]") {
  static const std::string data =
      "{\"cfn_lint\":\"0.0\",\"format\":1,\"region\":\"x\",\"types\":1}\n"
      "{\"formats\":{\"A.B\":{\"pt\":[\"^a$\"]},\"standard_formats\":[\n"
      "{\"t\":\"A::B::Good\",\"cr\":[[{\"p\":{\"X\":[\"y\",1]}},[\"Z\"]]],\"pp\":{\"X\":{\"k\":\"s\",\"fa\":1}}}\n";
  Catalog c(data);
  CHECK(c.format_rule("A.B") == nullptr);
  CHECK_FALSE(c.checks_standard_format("ipv4"));
  const ResourceType* good = c.find("A::B::Good");
  REQUIRE(good != nullptr);
  REQUIRE(good->conditionals.size() == 1);
  CHECK(good->conditionals[0].values[0].second[1].text == "1");
  CHECK(good->conditionals[0].required == std::vector<std::string>{"Z"});
  CHECK(good->property("X")->formats_alternative);
}

TEST_CASE("catalog: creation and update policies of the types that take them", "[catalog]") {
  const ResourceType& asg = get("AWS::AutoScaling::AutoScalingGroup");
  REQUIRE(asg.creation_policy != nullptr);
  const Shape* signal = asg.creation_policy->property("ResourceSignal");
  REQUIRE(signal != nullptr);
  REQUIRE(signal->property("Count") != nullptr);
  CHECK(signal->property("Count")->kinds == kInteger);
  CHECK(signal->property("Timeout")->kinds == kString);
  CHECK_FALSE(signal->additional_properties);
  REQUIRE(asg.update_policy != nullptr);
  const Shape* rolling = asg.update_policy->property("AutoScalingRollingUpdate");
  REQUIRE(rolling != nullptr);
  REQUIRE(rolling->property("SuspendProcesses") != nullptr);
  REQUIRE(rolling->property("SuspendProcesses")->items != nullptr);
  CHECK(rolling->property("SuspendProcesses")->items->enum_values.size() == 9);
  CHECK(get("AWS::EC2::Instance").creation_policy != nullptr);
  CHECK(get("AWS::EC2::Instance").update_policy == nullptr);
  CHECK(get("AWS::ElastiCache::ReplicationGroup").update_policy->property("UseOnlineResharding") != nullptr);
  CHECK(get("AWS::SQS::Queue").creation_policy == nullptr);
  CHECK(get("AWS::SQS::Queue").update_policy == nullptr);
  const auto& takes = Catalog::builtin().policy_types("UpdatePolicy");
  CHECK(std::find(takes.begin(), takes.end(), "AWS::Lambda::Alias") != takes.end());
  CHECK(std::find(takes.begin(), takes.end(), "AWS::SQS::Queue") == takes.end());
  CHECK(Catalog::builtin().policy_types("NoSuchPolicy").empty());
}

TEST_CASE("catalog: SAM types carry the SAM schema and the returns of what they become", "[catalog]") {
  const ResourceType& fn = get("AWS::Serverless::Function");
  CHECK(fn.sam);
  CHECK(fn.property("Events") != nullptr);
  CHECK(fn.property("InlineCode") != nullptr);
  CHECK(fn.property("Eventz") == nullptr);
  CHECK(fn.has_attribute("Arn"));  // an AWS::Lambda::Function's
  CHECK(get("AWS::Serverless::Api").is_required("StageName"));
  CHECK(get("AWS::Serverless::SimpleTable").sam);
  CHECK_FALSE(get("AWS::Lambda::Function").sam);
}
