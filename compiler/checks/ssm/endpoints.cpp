#include "checks/ssm/endpoints.h"

#include "checks/values.h"

namespace infrac::checks {

const std::vector<std::string>& ssm_services() {
  static const std::vector<std::string> kServices = {"ssm", "ec2messages", "ssmmessages"};
  return kServices;
}

std::optional<std::string> endpoint_service(const ir::Resource& endpoint) {
  const ir::Value* v = prop(endpoint, "ServiceName");
  std::optional<std::string> text = text_of(v);
  if (!text) {
    // `Fn::Sub` with a variables map could redefine anything: only the plain form.
    if (v == nullptr || !is_fn(*v, "Fn::Sub") || v->arg().kind != ir::Value::String) return std::nullopt;
    text = sub_text(v);
  }
  const std::string prefix = "com.amazonaws.";
  if (text->rfind(prefix, 0) != 0) return *text;  // some other service
  std::string rest = text->substr(prefix.size());
  size_t dot = rest.find('.');
  if (dot == std::string::npos) return *text;
  std::string service = rest.substr(dot + 1);
  if (service.find("${") != std::string::npos) return std::nullopt;
  return service;
}

std::vector<VpcEndpoint> endpoints_in(const Refs& refs, const ir::Resource& vpc) {
  std::vector<VpcEndpoint> out;
  for (const ir::Resource* e : refs.pointing_at(vpc, "AWS::EC2::VPCEndpoint", "VpcId")) {
    out.push_back({e, endpoint_service(*e)});
  }
  return out;
}

}  // namespace infrac::checks
