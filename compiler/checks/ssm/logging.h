// What session logging asks of the instances Session Manager reaches: a Session document
// of the template (`AWS::SSM::Document` with `DocumentType = "Session"`) that names a log
// group, a bucket or a KMS key makes the agent call CloudWatch Logs, S3 and KMS, which an
// instance without a route out reaches only through endpoints, with a role that allows it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "checks/instance_net.h"
#include "checks/ssm/findings.h"

namespace infrac::checks {

struct SessionLogging {
  const ir::Resource* document = nullptr;
  bool cloudwatch = false;  // a log group is named
  bool s3 = false;          // a bucket is named
  bool kms = false;         // sessions are encrypted with a key
};

// The Session documents that ask for any of the three; what is known only at deploy time
// (a choice between a name and "") asks for nothing.
std::vector<SessionLogging> session_logging(const Refs& refs);

// The interface endpoints `l` needs, in the order diagnostics name them: "kms", "logs".
std::vector<std::string> logging_services(const SessionLogging& l);

// A finding when `net`'s subnet provably has no way to S3: no route out (the caller's
// precondition), and neither an S3 gateway endpoint on its route table nor an S3
// interface endpoint in its VPC.
std::optional<Finding> log_bucket_route(const Refs& refs, const InstanceNet& net, const SessionLogging& l);

// A finding when `role` provably lacks an action the agent needs for `l`.
std::optional<Finding> logging_role(const Refs& refs, const ir::Resource& role, const SessionLogging& l);

}  // namespace infrac::checks
