#include "checks/iam.h"
#include "checks/warnings.h"

namespace infrac::checks {

namespace {

// "*" or "service:*".
bool is_wildcard(const std::string& action) {
  if (action == "*") return true;
  size_t colon = action.find(':');
  if (colon == std::string::npos || colon == 0 || action.substr(colon) != ":*") return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = action[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

void check_document(diag::Engine& diags, const ir::Resource& r, const ir::Value* doc, const std::string& path) {
  for (const Statement& s : statements(doc, path)) {
    if (allows(s) != Tri::Yes) continue;
    std::vector<std::string> wild;
    for (const auto& a : actions_of(s.node, "Action").patterns) {
      if (is_wildcard(a)) wild.push_back(a);
    }
    if (wild.empty()) continue;
    std::string list = quoted_list(wild);
    auto b = warn(diags, r, diag::Kind::WildcardAction, {name_of(r), list, s.path + ".Action"});
    if (b) b->help("list the actions `" + name_of(r) + "` needs in place of " + list);
  }
}

}  // namespace

void warn_iam_wildcards(const Refs& refs, diag::Engine& diags) {
  for (const auto& r : refs.tmpl().resources) {
    if (r.type == "AWS::IAM::Role" || r.type == "AWS::IAM::User" || r.type == "AWS::IAM::Group") {
      Items policies = items_of(prop(r, "Policies"));
      for (size_t i = 0; i < policies.items.size(); ++i) {
        std::string path = "Policies[" + std::to_string(i) + "].PolicyDocument";
        check_document(diags, r, field(policies.items[i], "PolicyDocument"), path);
      }
    } else if (r.type == "AWS::IAM::Policy" || r.type == "AWS::IAM::ManagedPolicy") {
      check_document(diags, r, prop(r, "PolicyDocument"), "PolicyDocument");
    }
  }
}

}  // namespace infrac::checks
