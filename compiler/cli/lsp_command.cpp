#include "cli/lsp_command.h"

#include <unistd.h>

#include "lsp/server.h"

namespace infrac::cli {

CLI::App* add_lsp_command(CLI::App& app, LspOptions& options) {
  CLI::App* cmd = app.add_subcommand("lsp", "Run the language server (for editors): the Language Server Protocol on stdin/stdout");
  cmd->add_option("-I,--include", options.include_dirs,
                  "A directory where `import a.b` looks for a/b.infra (repeatable), as for `check`")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--debounce-ms", options.debounce_ms,
                  "How long edits must pause before a document is checked again (default 150)")
      ->check(CLI::Range(0, 10000));
  cmd->footer("An editor starts it; it is not meant to be typed. Each document is checked as `infrac check` checks\n"
              "it, with the project file (infrac.json) that governs it. editors/vscode holds the VS Code extension;\n"
              "the README shows the Neovim setup.");
  return cmd;
}

int lsp(const LspOptions& options, const std::string& docs_uri) {
  lsp::Transport transport(STDIN_FILENO, STDOUT_FILENO);
  lsp::ServerOptions o;
  o.debounce_ms = options.debounce_ms;
  o.analysis.include_dirs = options.include_dirs;
  o.analysis.docs_uri = docs_uri;
  lsp::Server server(transport, o);
  return server.run();
}

}  // namespace infrac::cli
