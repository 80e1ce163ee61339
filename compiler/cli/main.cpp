// infrac: the command line. Thin: it parses arguments with CLI11, calls the driver, prints
// diagnostics and writes the template (driver/output.h says how). Exit codes: 0 success,
// 1 errors in the input, 2 usage errors.
#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/command_names.h"
#include "cli/explain.h"
#include "cli/fmt_command.h"
#include "cli/output_options.h"
#include "cli/plan_command.h"
#include "cli/graph_command.h"
#include "cli/lsp_command.h"
#include "diag/render.h"
#include "diag/sarif.h"
#include "driver/doc.h"
#include "driver/driver.h"
#include "driver/output.h"

namespace {

struct Common {
  std::string input;
  std::string project_root;
  std::vector<std::string> include_dirs;
  bool warnings_as_errors = false;
  std::string color = "auto";
  std::string diagnostics = "text";
};

void add_diagnostics_format(CLI::App* cmd, Common& c) {
  cmd->add_option("--diagnostics-format", c.diagnostics,
                  "How to print diagnostics: text (on stderr), or json or sarif (SARIF 2.1.0) on stdout")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
}

void add_common(CLI::App* cmd, Common& c) {
  cmd->add_option("file", c.input, "The .infra source file")->required();
  cmd->add_option("--color", c.color, "Colour diagnostics: auto (on a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  add_diagnostics_format(cmd, c);
  cmd->add_flag("--warnings-as-errors", c.warnings_as_errors, "Treat warnings as errors: fail, and write nothing");
  cmd->add_option("-I,--include", c.include_dirs,
                  "A directory where `import a.b` looks for a/b.infra (repeatable; after the importing file's "
                  "folder, before INFRA_PATH and the stdlib)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--project-root", c.project_root,
                  "The project's directory: relative imports and file() read only inside it (default: the "
                  "directory of the .infra file)")
      ->check(CLI::ExistingDirectory);
}

// What SARIF's rules say of a code: the title and explanation of its section in
// docs/diagnostics.md, without the heading line.
infrac::diag::RuleDoc rule_doc(std::string_view code) {
  const infrac::cli::ExplainSection* s = infrac::cli::find_explanation(code);
  if (s == nullptr) return {};
  std::string_view body = s->text.substr(std::min(s->text.size(), s->text.find('\n')));
  while (!body.empty() && (body.front() == '\n' || body.front() == '\r')) body.remove_prefix(1);
  return {s->title, body};
}

// Prints the diagnostics of one or more compilations. Text goes to stderr, one result at
// a time, with a count; JSON and SARIF go to stdout as one document (one array, one SARIF
// run), which a tool reads whole, so that it never mixes with what infrac says to people.
int report(const std::vector<const infrac::driver::Result*>& results, const Common& c) {
  bool ok = true;
  for (const auto* r : results) ok = ok && r->ok();
  if (c.diagnostics == "json" || c.diagnostics == "sarif") {
    std::vector<std::vector<infrac::diag::Diagnostic>> sorted;
    sorted.reserve(results.size());
    std::vector<infrac::diag::DiagnosticSet> sets;
    for (const auto* r : results) {
      sorted.push_back(r->diags.sorted());
      sets.push_back({&sorted.back(), &r->sources, r->diags.dropped()});
    }
    if (c.diagnostics == "json") {
      std::cout << infrac::diag::render_json(sets);
    } else {
      infrac::diag::SarifOptions o;
      o.tool_version = INFRAC_VERSION;
      o.information_uri = INFRAC_INFORMATION_URI;
      o.rule_doc = rule_doc;
      std::cout << infrac::diag::render_sarif(sets, o);
    }
    std::cout.flush();
    return ok ? 0 : 1;
  }
  for (const auto* rp : results) {
    const infrac::driver::Result& r = *rp;
    auto diags = r.diags.sorted();
    bool color = c.color == "always" || (c.color == "auto" && ::isatty(STDERR_FILENO));
    for (const auto& d : diags) std::cerr << infrac::diag::render_text(d, r.sources, color) << "\n";
    size_t e = r.diags.error_count(), w = r.diags.warning_count();
    if (size_t n = r.diags.dropped(); n > 0) {
      std::cerr << "infrac: " << n << " more " << (n == 1 ? "diagnostic is" : "diagnostics are")
                << " not shown; the first " << infrac::diag::kMaxDiagnostics << " are above\n";
    }
    if (e > 0 || (w > 0 && c.warnings_as_errors)) {
      std::cerr << "infrac: " << e << (e == 1 ? " error" : " errors");
      if (w > 0) std::cerr << ", " << w << (w == 1 ? " warning" : " warnings");
      std::cerr << (e == 0 ? " (warnings are errors)" : "") << "; nothing was written\n";
    } else if (w > 0) {
      std::cerr << "infrac: " << w << (w == 1 ? " warning" : " warnings") << "\n";
    }
  }
  return ok ? 0 : 1;
}

int report(const infrac::driver::Result& r, const Common& c) { return report({&r}, c); }

struct Job {
  infrac::driver::Options options;
  std::unique_ptr<infrac::driver::Result> result;
};

std::unique_ptr<infrac::driver::Result> run(const infrac::driver::Options& options) {
  Job job{options, nullptr};
  infrac::driver::run_with_large_stack([](void* p) {
    auto* j = static_cast<Job*>(p);
    j->result = infrac::driver::compile(j->options);
  }, &job);
  return std::move(job.result);
}

}  // namespace

static int run_cli(int argc, char** argv) {
  CLI::App app{"infrac: compiles .infra programs into AWS CloudFormation templates, checked before anything is deployed.",
               "infrac"};
  app.set_version_flag("--version", std::string("infrac ") + INFRAC_VERSION);
  app.require_subcommand(1);
  app.footer("Run `infrac COMMAND --help` for the options of a command.\n"
             "Exit status: 0 on success, 1 when the program has errors, 2 on a usage error.\n"
             "--diagnostics-format json|sarif prints the diagnostics on stdout for tools (README, \"Diagnostics for tools\").");

  // Only the command the first argument names is set up (CLI11 spends about 10,000
  // instructions on each option it is given, a fifth of a small build); with no command
  // named, as for `infrac --help` or a mistyped command, every one is.
  static const char* const kCommands[] = {"build", "check", "check-template", "doc", "import",
                                          "explain", "fmt", "plan", "graph", "lsp"};
  std::string first = argc > 1 ? argv[1] : "";
  bool named = std::any_of(std::begin(kCommands), std::end(kCommands), [&](const char* c) { return first == c; });
  auto wanted = [&](const char* command) { return !named || first == command; };

  Common build_opts;
  std::string output, format;
  bool nested = false;
  CLI::App* build = nullptr;
  if (wanted("build")) {
    build = app.add_subcommand("build", "Compile a program into a CloudFormation template (YAML on stdout by default)");
    add_common(build, build_opts);
    build->add_option("-o,--output", output, "Write the template to this file (replaced atomically, or written into a FIFO or device; nothing is written on error)");
    build->add_option("-f,--format", format,
                      "Template format: yaml or json (default: from -o's extension, .json or .yaml/.yml, else yaml; "
                      "a --format that contradicts the extension is an error)")
        ->check(CLI::IsMember({"yaml", "json"}));
    build->add_flag("--nested-stacks", nested,
                    "Write a parent template and one nested stack per module instance of the root file into the "
                    "directory given by -o (package them with `aws cloudformation package`)");
  }

  Common check_opts;
  CLI::App* check = nullptr;
  if (wanted("check")) {
    check = app.add_subcommand("check", "Check a program and print its diagnostics; write nothing");
    add_common(check, check_opts);
  }

  Common tmpl_opts;
  std::vector<std::string> templates;
  CLI::App* check_template = nullptr;
  if (wanted("check-template")) {
    check_template = app.add_subcommand(
        "check-template", "Check existing CloudFormation templates against the resource schemas infrac checks programs with");
    check_template->add_option("files", templates, "CloudFormation templates (YAML or JSON)")->required();
    check_template->add_option("--color", tmpl_opts.color, "Colour diagnostics: auto (on a terminal), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    add_diagnostics_format(check_template, tmpl_opts);
  }

  std::string doc_name;
  std::vector<std::string> doc_includes;
  bool doc_list = false;
  CLI::App* doc = nullptr;
  if (wanted("doc")) {
    doc = app.add_subcommand("doc", "Print a module's documentation: what it makes, its inputs and outputs");
    doc->add_option("module", doc_name, "A module name, such as std.access.ssm_private_access, or a .infra file");
    doc->add_flag("--list", doc_list, "List the stdlib's modules, each with the first sentence of its documentation");
    doc->add_option("-I,--include", doc_includes, "A directory where module names are looked up (repeatable)")
        ->check(CLI::ExistingDirectory);
  }

  std::string import_input, import_output, import_color = "auto";
  CLI::App* import_cmd = nullptr;
  if (wanted("import")) {
    import_cmd = app.add_subcommand(
        "import", "Turn an existing CloudFormation template (YAML or JSON) into a .infra program that builds it again");
    import_cmd->add_option("template", import_input, "The CloudFormation template to import")->required();
    import_cmd->add_option("-o,--output", import_output,
                       "Write the program to this file (replaced atomically; nothing is written on error); "
                       "default: stdout");
    import_cmd->add_option("--color", import_color, "Colour diagnostics: auto (on a terminal), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    import_cmd->footer(
        "The program is formatted as `infrac fmt` formats it, and `infrac build` makes the same template from it:\n"
        "the same logical IDs, values and structure. A template with a part the language cannot write (such as\n"
        "an intrinsic function it has no counterpart for) is refused with a diagnostic naming the part and its\n"
        "line; nothing is written then. See docs/import.md.");
  }

  std::string code;
  bool list_codes = false;
  CLI::App* explain = nullptr;
  if (wanted("explain")) {
    explain = app.add_subcommand("explain", "Explain a diagnostic code, such as E0401, or list them all");
    explain->add_option("code", code, "The diagnostic code, in any case (E0401 or e0401); none lists them all");
    explain->add_flag("--list", list_codes, "List every diagnostic code with its title");
  }

  infrac::cli::FmtOptions fmt_opts;
  CLI::App* fmt = nullptr;
  if (wanted("fmt")) {
    fmt = app.add_subcommand("fmt", "Format .infra files in the canonical layout (in place, or stdin to stdout)");
    fmt->add_option("paths", fmt_opts.paths,
                    "Files, or directories whose .infra files are formatted recursively (hidden directories are "
                    "skipped); none: format standard input to standard output");
    fmt->add_flag("--check", fmt_opts.check,
                  "Write nothing: list the files whose layout would change, and exit with status 1 if there is any");
    fmt->add_option("--color", fmt_opts.color, "Colour diagnostics: auto (on a terminal), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    fmt->footer("A file is rewritten (atomically) only when its layout changes. A file that does not parse, or holds a\n"
                "comment fmt cannot keep in place (E0901), gets its diagnostics and is left as it is (status 1).\n"
                "The layout is described in docs/language.md, \"Formatting\".");
  }

  // infrac plan (cli/plan_command.h)
  infrac::cli::PlanOptions plan_opts;
  CLI::App* plan = wanted("plan") ? infrac::cli::add_plan_command(app, plan_opts) : nullptr;

  // `infrac graph`: cli/graph_command.h.
  infrac::cli::GraphOptions graph_opts;
  CLI::App* graph_cmd = wanted("graph") ? infrac::cli::add_graph_command(app, graph_opts) : nullptr;
  infrac::cli::LspOptions lsp_opts;
  CLI::App* lsp_cmd = wanted("lsp") ? infrac::cli::add_lsp_command(app, lsp_opts) : nullptr;

  if (argc > 1) {
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
    if (auto message = infrac::cli::unknown_command(argv[1], commands)) {
      std::cerr << "infrac: " << *message << "\nRun `infrac --help` for the list of commands.\n";
      return 2;
    }
  }

  auto parsed = [](const CLI::App* command) { return command != nullptr && command->parsed(); };
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }

  if (parsed(build)) {
    infrac::driver::Options o;
    o.input = build_opts.input;
    o.include_dirs = build_opts.include_dirs;
    o.project_root = build_opts.project_root;
    o.warnings_as_errors = build_opts.warnings_as_errors;
    auto choice = infrac::cli::choose_build_output({output, format, nested, build_opts.diagnostics});
    if (!choice.error.empty()) {
      std::cerr << "infrac build: " << choice.error << "\n";
      return 2;
    }
    o.format = choice.format == "json" ? infrac::driver::Format::Json : infrac::driver::Format::Yaml;
    o.format_given = !format.empty() || !infrac::cli::template_format_of(output).empty();
    o.use_project = true;
    o.nested_stacks = nested;
    auto r = run(o);
    if (r->ok()) {
      if (nested) {
        infrac::driver::write_outputs(output, r->files, r->diags);
      } else if (output.empty()) {
        std::cout << r->output;
        std::cout.flush();
      } else {
        infrac::driver::write_output(output, r->output, r->diags);
      }
    }
    return report(*r, build_opts);
  }
  if (parsed(check)) {
    infrac::driver::Options o;
    o.input = check_opts.input;
    o.include_dirs = check_opts.include_dirs;
    o.project_root = check_opts.project_root;
    o.warnings_as_errors = check_opts.warnings_as_errors;
    o.emit = false;
    o.use_project = true;
    auto r = run(o);
    // Which settings applied is part of what `check` says (for people; tools get the log).
    if (!r->project_file.empty() && check_opts.diagnostics == "text") {
      std::cerr << "infrac: project file " << r->project_file << "\n";
    }
    return report(*r, check_opts);
  }
  if (parsed(doc) && doc_list != doc_name.empty()) {
    std::cerr << "infrac doc: give a module name, or --list (not both)\n";
    return 2;
  }
  if (parsed(doc) && doc_list) {
    struct LJob { std::unique_ptr<infrac::driver::Result> r; } job{nullptr};
    infrac::driver::run_with_large_stack([](void* p) { static_cast<LJob*>(p)->r = infrac::driver::list_modules(); }, &job);
    if (job.r->ok()) std::cout << job.r->output;
    Common plain;
    return report(*job.r, plain);
  }
  if (parsed(doc)) {
    struct DJob { const std::string* name; const std::vector<std::string>* inc; std::unique_ptr<infrac::driver::Result> r; }
        job{&doc_name, &doc_includes, nullptr};
    infrac::driver::run_with_large_stack([](void* p) {
      auto* j = static_cast<DJob*>(p);
      j->r = infrac::driver::document(*j->name, *j->inc);
    }, &job);
    if (job.r->ok()) std::cout << job.r->output;
    Common plain;
    return report(*job.r, plain);
  }
  if (parsed(check_template)) {
    std::vector<std::unique_ptr<infrac::driver::Result>> checked;
    for (const std::string& t : templates) {
      struct TJob { const std::string* path; std::unique_ptr<infrac::driver::Result> r; } job{&t, nullptr};
      infrac::driver::run_with_large_stack([](void* p) {
        auto* j = static_cast<TJob*>(p);
        j->r = infrac::driver::check_template(*j->path);
      }, &job);
      checked.push_back(std::move(job.r));
    }
    std::vector<const infrac::driver::Result*> all;
    for (const auto& r : checked) all.push_back(r.get());
    return report(all, tmpl_opts);
  }
  if (parsed(import_cmd)) {
    struct IJob { const std::string* path; std::unique_ptr<infrac::driver::Result> r; } job{&import_input, nullptr};
    infrac::driver::run_with_large_stack([](void* p) {
      auto* j = static_cast<IJob*>(p);
      j->r = infrac::driver::import_template(*j->path);
    }, &job);
    if (job.r->ok()) {
      if (import_output.empty()) {
        std::cout << job.r->output;
        std::cout.flush();
      } else {
        infrac::driver::write_output(import_output, job.r->output, job.r->diags);
      }
    }
    Common c;
    c.color = import_color;
    return report(*job.r, c);
  }
  if (parsed(explain)) return infrac::cli::explain(code, list_codes);
  if (parsed(fmt)) return infrac::cli::fmt(fmt_opts);
  if (parsed(plan)) return infrac::cli::plan(plan_opts);
  if (parsed(graph_cmd)) return infrac::cli::graph(graph_opts);
  if (parsed(lsp_cmd)) return infrac::cli::lsp(lsp_opts, INFRAC_INFORMATION_URI);
  return 2;
}

// The process ends without tearing down what static storage holds (the parser's caches
// of ANTLR states: a million instructions of a small build's exit handlers); every file
// has been written and closed, and both streams are flushed first. The sanitizer builds
// exit normally, so that LeakSanitizer still looks at the heap.
int main(int argc, char** argv) {
  // One thread allocates at a time (the compiling thread of run_with_large_stack): glibc
  // would give it an arena of its own, grown by an mprotect call every few pages (217
  // system calls on the lab). A process-wide choice, so it is made here, not in the driver.
  mallopt(M_ARENA_MAX, 1);
  int status = run_cli(argc, argv);
#ifdef INFRAC_EXIT_FAST
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::_Exit(status);
#else
  return status;
#endif
}
