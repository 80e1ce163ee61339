// The EC2 Instance Connect Endpoint proof: an endpoint carries SSH (tcp 22) from the
// internet, through IAM and CloudTrail, to private instances in its VPC. For each
// `AWS::EC2::InstanceConnectEndpoint`, with its security groups and the instances
// meant for it (an instance with a security group that admits tcp 22 from one of the
// endpoint's groups), the template must show that the endpoint reaches some instance
// (E0720), that its egress lets tcp 22 out to each of them (E0721) and nothing else
// (E0722), that each of them admits nothing but the endpoint (E0723), and that they
// are in the endpoint's VPC (E0724). What is known only at deploy time, or held by
// another stack, is never reported.
#pragma once

#include "checks/refs.h"
#include "diag/diagnostic.h"

namespace infrac::checks {

void check_instance_connect(const Refs& refs, diag::Engine& diags);

}  // namespace infrac::checks
