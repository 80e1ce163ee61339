#include "ir/passes.h"

#include <algorithm>
#include <unordered_set>

namespace infrac::ir {

namespace {

// The logical ID a property refers to with `Ref`, or empty.
std::string ref_target(const Value& props, std::string_view key) {
  const Value* v = props.get(key);
  if (v == nullptr || v->kind != Value::Fn || v->text != "Ref" || v->arg().kind != Value::String) return "";
  return v->arg().text;
}

void depend(Resource& r, const std::string& on) {
  if (std::find(r.depends_on.begin(), r.depends_on.end(), on) == r.depends_on.end()) r.depends_on.push_back(on);
}

}  // namespace

void add_implicit_dependencies(Template& t) {
  // Which attachment attaches each internet gateway.
  std::vector<std::pair<std::string, std::string>> attachments;  // gateway -> attachment
  std::vector<std::string> loops;  // the Fn::ForEach of each attachment
  for (const Resource& r : t.resources) {
    if (r.type != "AWS::EC2::VPCGatewayAttachment") continue;
    std::string igw = ref_target(r.properties, "InternetGatewayId");
    if (!igw.empty()) attachments.emplace_back(igw, r.logical_id), loops.push_back(r.for_each);
  }
  if (attachments.empty()) return;
  for (Resource& r : t.resources) {
    if (!r.implicit_dependencies) continue;
    // An attachment repeated by Fn::ForEach can be named only from inside its loop.
    auto visible = [&](size_t i) { return loops[i].empty() || loops[i] == r.for_each; };
    if (r.type == "AWS::EC2::Route") {
      std::string igw = ref_target(r.properties, "GatewayId");
      for (size_t i = 0; i < attachments.size(); ++i) {
        if (attachments[i].first == igw && visible(i)) depend(r, attachments[i].second);
      }
    } else if (r.type == "AWS::EC2::EIP") {
      const Value* domain = r.properties.get("Domain");
      if (domain != nullptr && domain->kind == Value::String && domain->text == "vpc") {
        // It cannot tell which VPC it is for: it waits for every gateway attachment.
        std::unordered_set<std::string> have(r.depends_on.begin(), r.depends_on.end());
        for (size_t i = 0; i < attachments.size(); ++i) {
          if (visible(i) && have.insert(attachments[i].second).second) r.depends_on.push_back(attachments[i].second);
        }
      }
    }
  }
}

}  // namespace infrac::ir
