// VPC endpoints for Systems Manager: which service an endpoint serves and which
// endpoints a VPC has.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checks/refs.h"

namespace infrac::checks {

// The services Session Manager needs, in the order diagnostics name them.
const std::vector<std::string>& ssm_services();

// The service of `com.amazonaws.REGION.SERVICE` (literal, or `Fn::Sub` with
// `${AWS::Region}`); nullopt when the name is known only at deploy time.
std::optional<std::string> endpoint_service(const ir::Resource& endpoint);

struct VpcEndpoint {
  const ir::Resource* res = nullptr;
  std::optional<std::string> service;
};

std::vector<VpcEndpoint> endpoints_in(const Refs& refs, const ir::Resource& vpc);

}  // namespace infrac::checks
