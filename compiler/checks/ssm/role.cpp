#include "checks/ssm/role.h"

#include <algorithm>

#include "checks/iam.h"

namespace infrac::checks {

namespace {

// What the agent calls, grouped as a reader would name them.
struct Need {
  const char* name;
  std::vector<const char*> actions;
};

const std::vector<Need>& needs() {
  static const std::vector<Need> kNeeds = {
      {"ssm:UpdateInstanceInformation", {"ssm:UpdateInstanceInformation"}},
      {"ssmmessages:*",
       {"ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel"}},
      {"ec2messages:*",
       {"ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:FailMessage",
        "ec2messages:GetEndpoint", "ec2messages:GetMessages", "ec2messages:SendReply"}},
  };
  return kNeeds;
}

// AWS managed policies that grant all the agent needs.
bool grants_everything_needed(const std::string& managed) {
  for (const char* name : {"AmazonSSMManagedInstanceCore", "AmazonEC2RoleforSSM", "AmazonSSMManagedEC2InstanceDefaultPolicy",
                           "AdministratorAccess", "PowerUserAccess"}) {
    if (managed == name) return true;
  }
  return false;
}

// Managed policies whose content is not known here but may grant the actions.
bool may_grant(const std::string& managed) { return managed.find("SSM") != std::string::npos; }

Tri documents_grant(const std::vector<const ir::Value*>& docs, const char* action) {
  Tri out = Tri::No;
  for (const ir::Value* doc : docs) {
    if (doc == nullptr || doc->kind != ir::Value::Map) {
      out = any_of(out, Tri::Unknown);
      continue;
    }
    for (const Statement& s : statements(doc, "")) out = any_of(out, statement_grants(s, action));
  }
  return out;
}

}  // namespace

RoleVerdict ssm_role_verdict(const Refs& refs, const ir::Resource& role) {
  RolePolicies p = policies_of(refs, role);
  RoleVerdict v;
  for (const auto& m : p.managed_names) {
    if (grants_everything_needed(m)) {
      v.grants = Tri::Yes;
      return v;
    }
  }
  bool maybe = !p.complete || std::any_of(p.managed_names.begin(), p.managed_names.end(), may_grant);
  v.grants = Tri::Yes;
  for (const Need& need : needs()) {
    Tri got = Tri::Yes;
    for (const char* action : need.actions) got = all_of(got, documents_grant(p.documents, action));
    if (got == Tri::No && maybe) got = Tri::Unknown;
    if (got == Tri::No) v.missing.push_back(need.name);
    v.grants = all_of(v.grants, got);
  }
  return v;
}

const ir::Resource* instance_role(const Refs& refs, const ir::Resource& instance, const ir::Resource** profile) {
  const ir::Value* v = prop(instance, "IamInstanceProfile");
  const ir::Resource* p = refs.resolve(v, "AWS::IAM::InstanceProfile");
  if (profile != nullptr) *profile = p;
  if (p == nullptr) return nullptr;
  Items roles = items_of(prop(*p, "Roles"));
  if (!roles.known || roles.items.size() != 1) return nullptr;
  return refs.resolve(roles.items.front(), "AWS::IAM::Role");
}

}  // namespace infrac::checks
