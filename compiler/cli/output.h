// What the CLI does besides compiling. (`infrac explain` is in cli/explain.h.)
#pragma once

namespace infrac::cli {}  // namespace infrac::cli
