#include "cli/graph_command.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "diag/render.h"
#include "driver/driver.h"
#include "driver/output.h"
#include "graph/dot.h"
#include "graph/mermaid.h"
#include "graph/model.h"

extern char** environ;

namespace infrac::cli {

namespace {

// `dot` on PATH, or empty.
std::string find_dot() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    std::string file = (dir.empty() ? "." : dir) + "/dot";
    struct stat st;
    if (::stat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(file.c_str(), X_OK) == 0) return file;
    start = end + 1;
  }
  return "";
}

// Runs `dot -Tsvg` on `text`. The DOT goes through a temporary file, so that writing it
// and reading the picture back cannot block each other on full pipes.
bool render_svg(const std::string& dot, const std::string& text, std::string& svg, std::string& error) {
  char in_path[] = "/tmp/infrac-graph-XXXXXX";
  int in = ::mkstemp(in_path);
  if (in < 0) { error = "cannot make a temporary file"; return false; }
  bool wrote = ::write(in, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(in);
  int pipefd[2];
  if (!wrote || ::pipe(pipefd) != 0) { ::unlink(in_path); error = "cannot pass the graph to dot"; return false; }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipefd[0]);
  std::string arg0 = "dot", arg1 = "-Tsvg";
  char* argv[] = {arg0.data(), arg1.data(), in_path, nullptr};
  pid_t pid;
  int rc = posix_spawn(&pid, dot.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipefd[1]);
  if (rc != 0) { ::close(pipefd[0]); ::unlink(in_path); error = "cannot run " + dot; return false; }
  char buf[65536];
  for (ssize_t n; (n = ::read(pipefd[0], buf, sizeof buf)) > 0;) svg.append(buf, static_cast<size_t>(n));
  ::close(pipefd[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::unlink(in_path);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) { error = dot + " -Tsvg failed"; return false; }
  return true;
}

}  // namespace

CLI::App* add_graph_command(CLI::App& app, GraphOptions& o) {
  CLI::App* cmd = app.add_subcommand("graph", "Draw the architecture a program builds: resources, references, network, modules");
  cmd->add_option("file", o.input, "The .infra source file")->required();
  cmd->add_option("--format", o.format,
                  "dot (Graphviz text, the default), mermaid (a flowchart for Markdown), or svg (drawn by Graphviz's "
                  "`dot`, which must be on PATH)")
      ->check(CLI::IsMember({"dot", "mermaid", "svg"}));
  cmd->add_option("-o,--output", o.output, "Write the picture to this file (replaced atomically); default: stdout");
  cmd->add_option("-I,--include", o.include_dirs, "A directory where `import a.b` looks for a/b.infra (repeatable)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--project-root", o.project_root, "The project's directory (as for build)")->check(CLI::ExistingDirectory);
  cmd->add_option("--color", o.color, "Colour diagnostics: auto (on a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->footer(
      "The program is compiled and checked as `infrac build` does; nothing is drawn when it has errors.\n"
      "Boxes are resources (logical ID and type); arrows are references (Ref, Fn::GetAtt, Fn::Sub), dashed\n"
      "ones DependsOn. A VPC holds its subnets and a subnet what is placed in it; what is placed in no network\n"
      "is grouped by the root file's module instance. Security group rules, routes and route table\n"
      "associations are drawn inside the group or table they belong to. Render DOT with `dot -Tpng`.\n"
      "Exit status: 0, or 1 when the program has errors, the output cannot be written, or svg is asked\n"
      "for without Graphviz. See docs/graph.md.\n");
  return cmd;
}

int graph(const GraphOptions& o) {
  driver::Options options;
  options.use_project = true;
  options.input = o.input;
  options.include_dirs = o.include_dirs;
  options.project_root = o.project_root;
  options.emit = false;
  options.keep_template = true;
  struct Job { driver::Options* options; std::unique_ptr<driver::Result> r; } job{&options, nullptr};
  driver::run_with_large_stack([](void* p) {
    auto* j = static_cast<Job*>(p);
    j->r = driver::compile(*j->options);
  }, &job);
  driver::Result& r = *job.r;

  bool ok = r.ok() && r.tmpl != nullptr;
  if (ok) {
    graph::Graph g = graph::build(*r.tmpl);
    std::string text;
    if (o.format == "mermaid") {
      text = graph::to_mermaid(g);
    } else if (o.format == "svg") {
      std::string dot = find_dot();
      if (dot.empty()) {
        std::cerr << "infrac graph: svg needs Graphviz's `dot` (Debian package graphviz) on PATH; use --format dot\n";
        return 1;
      }
      std::string error;
      if (!render_svg(dot, graph::to_dot(g), text, error)) {
        std::cerr << "infrac graph: " << error << "\n";
        return 1;
      }
    } else {
      text = graph::to_dot(g);
    }
    if (o.output.empty()) {
      std::cout << text;
      std::cout.flush();
    } else {
      ok = driver::write_output(o.output, text, r.diags);
    }
  }
  bool color = o.color == "always" || (o.color == "auto" && ::isatty(STDERR_FILENO));
  for (const auto& d : r.diags.sorted()) std::cerr << diag::render_text(d, r.sources, color) << "\n";
  if (size_t e = r.diags.error_count(); e > 0) {
    std::cerr << "infrac graph: " << e << (e == 1 ? " error" : " errors") << "; nothing was drawn\n";
  }
  return ok && r.ok() ? 0 : 1;
}

}  // namespace infrac::cli
