// `infrac lsp`: runs the language server (compiler/lsp/) on standard input and output.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace infrac::cli {

struct LspOptions {
  std::vector<std::string> include_dirs;
  int debounce_ms = 150;
};

CLI::App* add_lsp_command(CLI::App& app, LspOptions& options);
int lsp(const LspOptions& options, const std::string& docs_uri);

}  // namespace infrac::cli
