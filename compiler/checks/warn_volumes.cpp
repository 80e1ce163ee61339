#include "checks/values.h"
#include "checks/warnings.h"

namespace infrac::checks {

namespace {

// "not set", "false", or "" when `Encrypted` is true or known only at deploy time.
std::string unencrypted(const ir::Value* encrypted) {
  if (encrypted == nullptr) return "not set";
  auto b = bool_of(encrypted);
  if (!b || *b) return "";
  return "false";
}

void instance_volumes(diag::Engine& diags, const ir::Resource& i) {
  const ir::Value* mappings = prop(i, "BlockDeviceMappings");
  Items items = items_of(mappings);
  if (!items.known) return;
  if (items.items.empty()) {
    if (prop(i, "LaunchTemplate") != nullptr) return;  // the launch template may map the root volume
    auto b = warn(diags, i, diag::Kind::UnencryptedRootVolume, {name_of(i)});
    if (!b) return;
    b->note("it sets no `BlockDeviceMappings`, so its root volume is the image's, encrypted only when the account "
            "turns on EBS encryption by default");
    b->help("add `BlockDeviceMappings = [{ DeviceName = \"/dev/xvda\", Ebs = { Encrypted = true } }]` with the image's "
            "root device name, or acknowledge it with `@allow(W0104, \"...\")` when the account encrypts by default");
    return;
  }
  for (size_t n = 0; n < items.items.size(); ++n) {
    const ir::Value* ebs = field(items.items[n], "Ebs");
    if (ebs == nullptr || ebs->kind != ir::Value::Map) continue;  // instance store, or no device
    std::string state = unencrypted(field(ebs, "Encrypted"));
    if (state.empty()) continue;
    std::string path = "BlockDeviceMappings[" + std::to_string(n) + "].Ebs";
    auto b = warn(diags, i, diag::Kind::UnencryptedVolume, {name_of(i), path + ".Encrypted", state});
    if (b) b->help("set `Encrypted = true` in `" + path + "` of `" + name_of(i) + "`");
  }
}

}  // namespace

void warn_unencrypted(const Refs& refs, diag::Engine& diags) {
  for (const ir::Resource* v : refs.of_type("AWS::EC2::Volume")) {
    std::string state = unencrypted(prop(*v, "Encrypted"));
    if (state.empty()) continue;
    auto b = warn(diags, *v, diag::Kind::UnencryptedVolume, {name_of(*v), "Encrypted", state});
    if (b) b->help("set `Encrypted = true` on `" + name_of(*v) + "`");
  }
  for (const ir::Resource* i : refs.of_type("AWS::EC2::Instance")) instance_volumes(diags, *i);
}

}  // namespace infrac::checks
