#include "checks/values.h"
#include "checks/warnings.h"

namespace infrac::checks {

namespace {

// Warns unless `options.HttpTokens` is "required"; `path` is where `options` sits.
void check(diag::Engine& diags, const ir::Resource& r, const ir::Value* options, const std::string& path) {
  const ir::Value* tokens = field(options, "HttpTokens");
  std::string state;
  if (tokens == nullptr) {
    state = "not set";
  } else if (auto t = text_of(tokens)) {
    if (*t == "required") return;
    state = "`" + *t + "`";
  } else {
    return;  // known only at deploy time
  }
  auto b = warn(diags, r, diag::Kind::ImdsV1Allowed, {name_of(r), path + ".HttpTokens", state});
  if (!b) return;
  b->note("IMDSv1 answers any request from the instance without a session token, so a server-side request "
          "forgery can read the role's credentials");
  if (options == nullptr && path == "MetadataOptions") {
    b->help("set `MetadataOptions = { HttpTokens = \"required\" }` on `" + name_of(r) + "`");
  } else {
    b->help("set `HttpTokens = \"required\"` in `" + path + "` of `" + name_of(r) + "`");
  }
}

}  // namespace

void warn_imds_v1(const Refs& refs, diag::Engine& diags) {
  for (const ir::Resource* i : refs.of_type("AWS::EC2::Instance")) {
    const ir::Value* options = prop(*i, "MetadataOptions");
    // Without options of its own, an instance from a launch template takes the template's.
    if (options == nullptr && prop(*i, "LaunchTemplate") != nullptr) continue;
    check(diags, *i, options, "MetadataOptions");
  }
  for (const ir::Resource* lt : refs.of_type("AWS::EC2::LaunchTemplate")) {
    const ir::Value* data = prop(*lt, "LaunchTemplateData");
    if (data == nullptr || data->kind != ir::Value::Map) continue;
    check(diags, *lt, field(data, "MetadataOptions"), "LaunchTemplateData.MetadataOptions");
  }
}

}  // namespace infrac::checks
