// The template a deployed stack was created from, fetched with the AWS CLI
// (`aws cloudformation get-template --template-stage Original`): the CLI brings the
// user's credentials, profiles, region and AWS_ENDPOINT_URL, which infrac then needs
// none of its own for.
#pragma once

#include <string>

#include "data/tree.h"

namespace infrac::plan {

struct Fetched {
  bool ok = false;
  // ok: the template's text (a YAML template, as the CLI gives it), or, for a JSON
  // template, which the CLI gives decoded into its answer, the tree.
  std::string text;
  data::NodeRef tree;
  std::string error;  // not ok: why, in words (the CLI's message when it gave one)
};

// `endpoint_url`, when not empty, is passed to the CLI as --endpoint-url.
Fetched fetch_stack_template(const std::string& stack, const std::string& endpoint_url);

}  // namespace infrac::plan
