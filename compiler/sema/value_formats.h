// The `format` of a schema value, checked on literal strings with cfn-lint's facts from
// the catalog: the pattern of each AWS format (`AWS::EC2::VPC.Id` is `vpc-` and 8 or
// 17 hex digits) and the meaning of the standard network formats (`ipv4-network`: a
// dotted address, a prefix of 0 to 32, host bits zero). A value passes when it matches
// one of its formats, or when one of them is unknown here.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.h"

namespace infrac::sema {

struct FormatFinding {
  bool network = false;  // an address format (E0531) rather than an AWS format (E0530)
  std::string want;      // "the ID of an `AWS::EC2::VPC` (`^vpc-...$`)"
  std::string help;      // the fix, or empty
};

std::optional<FormatFinding> check_formats(const std::string& text, const catalog::Shape& shape);

// The parameter types whose values name resources: {"AWS::EC2::VPC::Id", "AWS::EC2::VPC"}, ...
const std::vector<std::pair<std::string, std::string>>& resource_parameter_types();

// "the ARN of an `AWS::IAM::Role`" for "AWS::IAM::Role.Arn".
std::string describe_format(const std::string& format);

}  // namespace infrac::sema
