#include "checks/iam.h"

#include <cctype>

namespace infrac::checks {

std::vector<Statement> statements(const ir::Value* doc, const std::string& path) {
  std::vector<Statement> out;
  const ir::Value* st = field(doc, "Statement");
  if (st == nullptr) return out;
  std::string base = path + ".Statement";
  if (st->kind == ir::Value::List) {
    for (size_t i = 0; i < st->items.size(); ++i) out.push_back({&st->items[i], base + "[" + std::to_string(i) + "]"});
  } else {
    out.push_back({st, base});
  }
  return out;
}

Actions actions_of(const ir::Value* statement, std::string_view key) {
  Actions a;
  const ir::Value* v = field(statement, key);
  if (v == nullptr) return a;
  std::vector<const ir::Value*> entries;
  if (v->kind == ir::Value::List) {
    for (const auto& i : v->items) entries.push_back(&i);
  } else {
    entries.push_back(v);
  }
  for (const ir::Value* e : entries) {
    if (auto t = text_of(e)) a.patterns.push_back(*t);
    else a.known = false;
  }
  return a;
}

bool action_matches(std::string_view pattern, std::string_view action) {
  // Iterative glob match with backtracking to the last `*`.
  size_t p = 0, a = 0, star = std::string_view::npos, mark = 0;
  auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  while (a < action.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || same(pattern[p], action[a]))) {
      ++p;
      ++a;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = a;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      a = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Tri allows(const Statement& s) {
  if (s.node == nullptr || s.node->kind != ir::Value::Map) return Tri::Unknown;
  auto effect = text_of(s.node->get("Effect"));
  if (!effect) return Tri::Unknown;
  return *effect == "Allow" ? Tri::Yes : Tri::No;
}

Tri statement_grants(const Statement& s, std::string_view action) {
  Tri allow = allows(s);
  if (allow != Tri::Yes) return allow;
  bool negated = field(s.node, "Action") == nullptr && field(s.node, "NotAction") != nullptr;
  Actions a = actions_of(s.node, negated ? "NotAction" : "Action");
  bool hit = false;
  for (const auto& p : a.patterns) hit = hit || action_matches(p, action);
  if (negated) {
    if (hit) return Tri::No;
    return a.known ? Tri::Yes : Tri::Unknown;
  }
  if (hit) return Tri::Yes;
  return a.known ? Tri::No : Tri::Unknown;
}

std::string aws_managed_policy_name(const ir::Value* arn) {
  std::string text;
  if (auto t = text_of(arn)) {
    text = *t;
    // arn:aws:, arn:aws-cn:, arn:aws-us-gov: ...
    size_t colon = text.find(':', 4);
    if (text.rfind("arn:aws", 0) != 0 || colon == std::string::npos) return "";
    text = text.substr(colon + 1);
  } else if (auto s = sub_text(arn)) {
    const std::string prefix = "arn:${AWS::Partition}:";
    if (s->rfind(prefix, 0) != 0) return "";
    text = s->substr(prefix.size());
  } else {
    return "";
  }
  const std::string managed = "iam::aws:policy/";
  if (text.rfind(managed, 0) != 0) return "";
  std::string name = text.substr(managed.size());
  size_t slash = name.rfind('/');  // a path such as service-role/
  return slash == std::string::npos ? name : name.substr(slash + 1);
}

RolePolicies policies_of(const Refs& refs, const ir::Resource& role) {
  RolePolicies out;
  Items inline_policies = items_of(prop(role, "Policies"));
  if (!inline_policies.known) out.complete = false;
  for (const ir::Value* p : inline_policies.items) {
    if (const ir::Value* doc = field(p, "PolicyDocument")) out.documents.push_back(doc);
    else out.complete = false;
  }
  Items arns = items_of(prop(role, "ManagedPolicyArns"));
  if (!arns.known) out.complete = false;
  for (const ir::Value* arn : arns.items) {
    if (const ir::Resource* mp = refs.resolve(arn, "AWS::IAM::ManagedPolicy")) {
      out.documents.push_back(prop(*mp, "PolicyDocument"));
    } else if (std::string name = aws_managed_policy_name(arn); !name.empty()) {
      out.managed_names.push_back(name);
    } else {
      out.complete = false;  // a customer managed policy the template does not hold
    }
  }
  for (const char* type : {"AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"}) {
    for (const ir::Resource* p : refs.pointing_at(role, type, "Roles")) out.documents.push_back(prop(*p, "PolicyDocument"));
  }
  return out;
}

}  // namespace infrac::checks
