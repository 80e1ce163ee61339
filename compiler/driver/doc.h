// `infrac doc`: a module's documentation, its inputs with their types, defaults and
// docs, and its outputs, from the `///` comments of its file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "driver/driver.h"

namespace infrac::driver {

// `name` is a module name (`std.access.ssm_private_access`) found as `import` finds it,
// or the path of a .infra file. The text is in Result::output.
std::unique_ptr<Result> document(const std::string& name, const std::vector<std::string>& include_dirs);

// `infrac doc --list`: every module of the stdlib, by name, with the first sentence of
// its doc comment.
std::unique_ptr<Result> list_modules();

}  // namespace infrac::driver
