#include "checks/ssm/logging.h"

#include <algorithm>
#include <utility>

#include "checks/iam.h"
#include "checks/ssm/endpoints.h"

namespace infrac::checks {

namespace {

// Whether a document input names something: a non-empty literal or a reference. `""`
// names nothing; anything else (an `Fn::If`) is left alone.
bool names_something(const ir::Value* v) {
  if (v == nullptr) return false;
  if (auto t = text_of(v)) return !t->empty();
  return v->kind == ir::Value::Fn && !is_fn(*v, "Fn::If");
}

const ir::Resource* route_table_of(const Refs& refs, const ir::Resource& subnet) {
  auto associations = refs.pointing_at(subnet, "AWS::EC2::SubnetRouteTableAssociation", "SubnetId");
  if (associations.empty()) return nullptr;
  return refs.resolve(prop(*associations.front(), "RouteTableId"), "AWS::EC2::RouteTable");
}

// The actions the agent calls for each kind of logging, as the help names them.
struct Need {
  const char* action;
  bool SessionLogging::*when;
};

const std::vector<Need>& needs() {
  static const std::vector<Need> kNeeds = {
      {"kms:Decrypt", &SessionLogging::kms},          {"kms:GenerateDataKey", &SessionLogging::kms},
      {"s3:PutObject", &SessionLogging::s3},          {"s3:GetEncryptionConfiguration", &SessionLogging::s3},
      {"logs:CreateLogStream", &SessionLogging::cloudwatch}, {"logs:PutLogEvents", &SessionLogging::cloudwatch},
  };
  return kNeeds;
}

}  // namespace

std::vector<SessionLogging> session_logging(const Refs& refs) {
  std::vector<SessionLogging> out;
  for (const ir::Resource* d : refs.of_type("AWS::SSM::Document")) {
    if (text_of(prop(*d, "DocumentType")) != std::optional<std::string>("Session")) continue;
    const ir::Value* inputs = field(prop(*d, "Content"), "inputs");
    SessionLogging l;
    l.document = d;
    l.cloudwatch = names_something(field(inputs, "cloudWatchLogGroupName"));
    l.s3 = names_something(field(inputs, "s3BucketName"));
    l.kms = names_something(field(inputs, "kmsKeyId"));
    if (l.cloudwatch || l.s3 || l.kms) out.push_back(l);
  }
  return out;
}

std::vector<std::string> logging_services(const SessionLogging& l) {
  std::vector<std::string> out;
  if (l.kms) out.push_back("kms");
  if (l.cloudwatch) out.push_back("logs");
  return out;
}

std::optional<Finding> log_bucket_route(const Refs& refs, const InstanceNet& net, const SessionLogging& l) {
  const ir::Resource* table = route_table_of(refs, *net.subnet);
  for (const VpcEndpoint& e : endpoints_in(refs, *net.vpc)) {
    if (!e.service) return std::nullopt;  // a service known only at deploy time may be S3
    if (*e.service != "s3") continue;
    std::optional<std::string> type = text_of(prop(*e.res, "VpcEndpointType"));
    if (!type || *type == "Interface") return std::nullopt;
    Items tables = items_of(prop(*e.res, "RouteTableIds"));
    if (!tables.known) return std::nullopt;
    for (const ir::Value* t : tables.items) {
      const ir::Resource* r = refs.resolve(t, "AWS::EC2::RouteTable");
      if (r == nullptr || r == table) return std::nullopt;
    }
  }
  std::string doc = name_of(*l.document);
  Finding f(diag::Kind::SsmLogBucketUnreachable, table != nullptr ? table : net.subnet);
  f.extra = {doc, table != nullptr ? "route table `" + name_of(*table) + "`" : "the main route table of `" + name_of(*net.vpc) + "`"};
  f.notes.push_back({l.document, "`" + doc + "` sends the session logs to an S3 bucket"});
  std::string tables = table != nullptr ? "`RouteTableIds = [" + name_of(*table) + ".id]`" : "the subnet's route table in `RouteTableIds`";
  f.help = "add an `AWS::EC2::VPCEndpoint` with `VpcId = " + name_of(*net.vpc) +
           ".id`, `ServiceName = \"com.amazonaws.${AWS::Region}.s3\"`, `VpcEndpointType = \"Gateway\"` and " + tables +
           " (std.access.ssm_endpoints makes it when given `logging`)";
  return f;
}

std::optional<Finding> logging_role(const Refs& refs, const ir::Resource& role, const SessionLogging& l) {
  RolePolicies p = policies_of(refs, role);
  for (const auto& m : p.managed_names) {
    if (m == "AdministratorAccess" || m == "PowerUserAccess") return std::nullopt;
  }
  if (!p.complete) return std::nullopt;
  std::vector<std::string> missing;
  for (const Need& n : needs()) {
    if (!(l.*n.when)) continue;
    Tri got = Tri::No;
    for (const ir::Value* doc : p.documents) {
      if (doc == nullptr || doc->kind != ir::Value::Map) return std::nullopt;
      for (const Statement& s : statements(doc, "")) got = any_of(got, statement_grants(s, n.action));
    }
    if (got == Tri::Unknown) return std::nullopt;
    if (got == Tri::No) missing.push_back(n.action);
  }
  if (missing.empty()) return std::nullopt;
  std::string doc = name_of(*l.document);
  Finding f(diag::Kind::SsmLoggingRolePolicy, &role);
  f.extra = {doc, name_of(role), quoted_list(missing)};
  f.about_network = false;
  f.notes.push_back({l.document, "`" + doc + "` asks the agent to encrypt or log the sessions"});
  std::vector<std::string> on;
  for (const auto& target : {std::pair{"kms:", "the key"}, {"s3:", "the bucket"}, {"logs:", "the log group"}}) {
    const char* prefix = target.first;
    bool any = std::any_of(missing.begin(), missing.end(), [&](const std::string& a) { return a.rfind(prefix, 0) == 0; });
    if (any) on.push_back(target.second);
  }
  std::string targets;
  for (size_t i = 0; i < on.size(); ++i) targets += (i == 0 ? "" : i + 1 == on.size() ? " and " : ", ") + on[i];
  f.help = "attach a policy that allows " + quoted_list(missing) + " on " + targets + " to `" + name_of(role) +
           "` (std.access.session_logging's `policy_arn`, which ssm_private_access attaches when given `logging`)";
  return f;
}

}  // namespace infrac::checks
