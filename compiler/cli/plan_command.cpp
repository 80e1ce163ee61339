#include "cli/plan_command.h"

#include <unistd.h>

#include <iostream>

#include "cfn/template_reader.h"
#include "data/tree.h"
#include "diag/render.h"
#include "driver/driver.h"
#include "plan/diff.h"
#include "plan/render.h"
#include "plan/stack.h"

namespace infrac::cli {

CLI::App* add_plan_command(CLI::App& app, PlanOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "plan", "Say what deploying a program over an old template or a stack would add, change, replace or remove");
  cmd->add_option("file", o.input, "The .infra source file")->required();
  CLI::Option* against = cmd->add_option(
      "--against", o.against, "The old template (YAML or JSON), such as the output of an earlier `infrac build`");
  CLI::Option* stack = cmd->add_option(
      "--stack", o.stack,
      "A deployed stack: its original template is fetched with `aws cloudformation get-template` (the AWS CLI's "
      "credentials, profile, region and AWS_ENDPOINT_URL apply)");
  against->excludes(stack);
  cmd->add_option("--endpoint-url", o.endpoint_url, "With --stack: the endpoint the AWS CLI talks to (--endpoint-url)")
      ->needs(stack);
  cmd->add_option("-f,--format", o.format, "How to print the plan: text (for people) or json (for tools)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--color", o.color, "Colour the plan and diagnostics: auto (on a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("-I,--include", o.include_dirs, "A directory where `import a.b` looks for a/b.infra (repeatable)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--project-root", o.project_root,
                  "The project's directory: relative imports and file() read only inside it (default: the "
                  "directory of the .infra file)")
      ->check(CLI::ExistingDirectory);
  cmd->footer(
      "Give the old template with --against FILE or --stack NAME. For each resource: add, remove (a resource\n"
      "with DeletionPolicy: Retain is kept in the account), modify with the property paths that change,\n"
      "replace when a create-only property changes (\"may replace\" when its value is known only at deploy\n"
      "time), or rename when a logical ID changed and nothing else did. Nothing is deployed and, with\n"
      "--against, nothing is asked of AWS. JSON: {\"changes\": [{\"logical_id\", \"type\", \"action\",\n"
      "\"properties\": [{\"path\", \"replacement\"}]}]}, with \"from\" for a rename. See docs/plan.md.\n"
      "Exit status: 0 with or without changes, 1 when the program or the old template has errors, 2 on a\n"
      "usage error.");
  return cmd;
}

namespace {

struct Job {
  const PlanOptions* options;
  std::unique_ptr<driver::Result> result;
  data::NodeRef old_tree, new_tree;
};

// Compiles the program, then reads the old template into the same result, so that the
// diagnostics of both are printed together, against their sources.
void prepare(void* p) {
  auto* j = static_cast<Job*>(p);
  const PlanOptions& o = *j->options;
  driver::Options d;
  d.use_project = true;
  d.input = o.input;
  d.include_dirs = o.include_dirs;
  d.project_root = o.project_root;
  d.format = driver::Format::Json;
  j->result = driver::compile(d);
  driver::Result& r = *j->result;
  if (!r.ok()) return;
  data::ReadResult compiled = data::read_json(r.output);
  j->new_tree = compiled.root;

  if (!o.against.empty()) {
    FileId file = driver::load_source(o.against, std::nullopt, r);
    if (file != kNoFile) j->old_tree = cfn::read_template_tree(r.sources, file, r.diags);
    return;
  }
  plan::Fetched f = plan::fetch_stack_template(o.stack, o.endpoint_url);
  if (!f.ok) {
    r.diags.report(diag::Kind::FileUnreadable, Span{}, {"the template of stack " + o.stack, f.error})
        .help("check the stack's name, and that `aws cloudformation get-template --stack-name " + o.stack +
              "` works here (credentials, region, endpoint)");
    return;
  }
  if (f.tree) {
    j->old_tree = f.tree;
    return;
  }
  FileId file = driver::load_source("stack " + o.stack, f.text, r);
  if (file != kNoFile) j->old_tree = cfn::read_template_tree(r.sources, file, r.diags);
}

}  // namespace

int plan(const PlanOptions& o) {
  if (o.against.empty() == o.stack.empty()) {
    std::cerr << "infrac plan: give the old template with --against FILE or --stack NAME\n"
                 "Run with --help for more information.\n";
    return 2;
  }
  Job job{&o, nullptr, nullptr, nullptr};
  driver::run_with_large_stack(prepare, &job);
  driver::Result& r = *job.result;

  bool err_color = o.color == "always" || (o.color == "auto" && ::isatty(STDERR_FILENO));
  for (const auto& d : r.diags.sorted()) std::cerr << diag::render_text(d, r.sources, err_color) << "\n";
  if (r.diags.has_errors() || !job.new_tree || !job.old_tree) {
    size_t e = r.diags.error_count();
    std::cerr << "infrac: " << e << (e == 1 ? " error" : " errors") << "; no plan\n";
    return 1;
  }
  plan::Plan p = plan::diff(*job.old_tree, *job.new_tree);
  if (o.format == "json") {
    std::cout << plan::render_json(p);
  } else {
    bool color = o.color == "always" || (o.color == "auto" && ::isatty(STDOUT_FILENO));
    std::cout << plan::render_text(p, color);
  }
  std::cout.flush();
  return 0;
}

}  // namespace infrac::cli
