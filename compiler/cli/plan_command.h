// `infrac plan FILE --against OLD` / `infrac plan FILE --stack NAME`: compiles FILE as
// `build` does and says, resource by resource, what deploying it over the old template
// would do: add, remove, modify, replace or rename (compiler/plan/, docs/plan.md).
// The old template is a file, or the template a stack was deployed with, fetched with
// the AWS CLI. Exit status: 0 with or without changes, 1 when the program (or the old
// template) has errors, 2 on a usage error.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace infrac::cli {

struct PlanOptions {
  std::string input;
  std::string against;       // a template file
  std::string stack;         // or a deployed stack's name
  std::string endpoint_url;  // passed to the AWS CLI
  std::vector<std::string> include_dirs;
  std::string project_root;
  std::string color = "auto";  // auto, always or never: the plan and the diagnostics
  std::string format = "text";  // text or json
};

// Declares the subcommand and its options on `app`.
CLI::App* add_plan_command(CLI::App& app, PlanOptions& options);

// Runs it; returns the exit status.
int plan(const PlanOptions& options);

}  // namespace infrac::cli
