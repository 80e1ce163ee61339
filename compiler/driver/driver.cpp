#include "driver/driver.h"

#include "driver/project.h"

#include <pthread.h>

#include <cstdio>
#include <filesystem>

#include "base/files.h"
#include "cfn/template_reader.h"
#include "checks/checks.h"
#include "driver/project.h"
#include "emit/emitters.h"
#include "import/import.h"
#include "ir/lower.h"
#include "ir/nested.h"
#include "print/printer.h"
#include "sema/check.h"
#include "sema/cycles.h"
#include "sema/loader.h"
#include "sema/schema_check.h"
#include "syntax/parse_cache.h"
#include "syntax/parser.h"
#include "syntax/recover.h"

namespace infrac::driver {

namespace {

// Reads the source, reporting why it cannot be read. Returns false on error.
bool read_source(const std::string& path, Result& r, std::string& text) {
  size_t size = 0;
  std::string why;
  switch (read_file(path, kMaxSourceBytes, text, size, why)) {
    case ReadStatus::Ok: return true;
    case ReadStatus::NotFound: r.diags.report(diag::Kind::FileNotFound, Span{}, {path}); break;
    case ReadStatus::IsDirectory:
      r.diags.report(diag::Kind::FileIsDirectory, Span{}, {path}).help("name a `.infra` file inside it");
      break;
    case ReadStatus::NotRegular: r.diags.report(diag::Kind::FileUnreadable, Span{}, {path, "it is not a regular file"}); break;
    case ReadStatus::TooLarge:
      r.diags.report(diag::Kind::FileTooLarge, Span{}, {path, std::to_string(size), std::to_string(kMaxSourceBytes)})
          .note("a CloudFormation template can be at most 1 MB, so a source this large cannot become one")
          .help("split it into modules");
      break;
    case ReadStatus::Unreadable: r.diags.report(diag::Kind::FileUnreadable, Span{}, {path, why}); break;
  }
  return false;
}

// The root file's declarations that parse, for the language server: the text parsed
// again with the declarations that hold an error blanked, until what is left parses (a
// few rounds at most: each blanks at least one more declaration).
ast::Program recovered_program(SourceManager& sm, FileId file, const diag::Engine& diags) {
  std::vector<uint32_t> errors;
  const uint32_t size = static_cast<uint32_t>(sm.file(file).text().size());
  for (const diag::Diagnostic& d : diags.diagnostics()) {
    if (d.severity() == diag::Severity::Error) errors.push_back(d.span.valid() && d.span.file == file ? d.span.begin : size);
  }
  // Each round blanks what the last one left broken, in the text it left: an error at the
  // end then falls to the last declaration still there.
  std::string text = sm.file(file).text();
  for (int round = 0; round < 4 && !errors.empty(); ++round) {
    text = syntax::blank_declarations(text, errors);
    FileId blanked = sm.add(sm.file(file).path(), text);
    diag::Engine scratch;
    syntax::ParseResult again = syntax::parse(sm, blanked, scratch);
    if (again.ok) return std::move(again.program);
    errors.clear();
    for (const diag::Diagnostic& d : scratch.diagnostics()) {
      if (d.severity() == diag::Severity::Error) errors.push_back(d.span.valid() ? d.span.begin : size);
    }
  }
  ast::Program none;
  none.file = file;
  return none;
}

}  // namespace

FileId load_source(const std::string& path, std::optional<std::string> given, Result& r) {
  std::string text;
  if (given && given->size() > kMaxSourceBytes) {
    r.diags.report(diag::Kind::FileTooLarge, Span{}, {path, std::to_string(given->size()), std::to_string(kMaxSourceBytes)})
        .help("split it into modules");
    return kNoFile;
  }
  if (given) {
    text = std::move(*given);
  } else if (!read_source(path, r, text)) {
    return kNoFile;
  }
  size_t bad = find_invalid_utf8(text);
  FileId file = r.sources.add(path, std::move(text));
  if (bad != std::string::npos) {
    const std::string& t = r.sources.file(file).text();
    char hex[4];
    std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(t[bad]));
    r.diags.report(diag::Kind::InvalidUtf8, Span{file, static_cast<uint32_t>(bad), static_cast<uint32_t>(bad + 1)}, {hex})
        .help("save the file as UTF-8");
    return kNoFile;
  }
  return file;
}

std::unique_ptr<Result> check_template(const std::string& path, std::optional<std::string> source) {
  auto r = std::make_unique<Result>();
  FileId file = load_source(path, std::move(source), *r);
  if (file == kNoFile) return r;
  sema::Program program = cfn::read_template(r->sources, file, r->diags);
  sema::SchemaChecker schemas(program, r->diags);
  for (const sema::Resource& res : program.resources) {
    if (res.schema != nullptr) schemas.check(res);
  }
  sema::report_resource_cycle(program.resources, r->diags);
  return r;
}

std::unique_ptr<Result> import_template(const std::string& path) {
  auto r = std::make_unique<Result>();
  FileId file = load_source(path, std::nullopt, *r);
  if (file == kNoFile) return r;
  std::optional<ast::Program> program = importer::import_template(r->sources, file, r->diags);
  if (!program || r->diags.has_errors()) return r;
  r->output = print::print_program(*program);
  return r;
}

std::unique_ptr<Result> compile(const Options& given) {
  auto r = std::make_unique<Result>();
  Options options = given;
  if (options.use_project) {
    bool ok = true;
    std::optional<Project> project = find_project(options.input, r->sources, r->diags, ok);
    if (!ok) return r;
    if (project) {
      r->project_file = project->path;
      options.include_dirs.insert(options.include_dirs.end(), project->include.begin(), project->include.end());
      for (const auto& [kind, level] : project->rules) r->diags.set_rule(kind, level);
      if (options.project_root.empty()) options.project_root = project->root;
      if (!options.format_given && project->format) options.format = *project->format;
    }
  }
  r->warnings_as_errors = options.warnings_as_errors;
  FileId file = load_source(options.input, options.source, *r);
  if (file == kNoFile) return r;
  r->file = file;
  syntax::ParseResult parsed = options.parse_cache != nullptr ? options.parse_cache->parse(r->sources, file, r->diags)
                                                              : syntax::parse(r->sources, file, r->diags);
  if (!parsed.ok && !options.keep_units) return r;
  if (!parsed.ok) parsed.program = recovered_program(r->sources, file, r->diags);
  auto loader_ptr = std::make_shared<sema::Loader>(r->sources, r->diags, options.include_dirs, sema::default_stdlib_dir());
  sema::Loader& loader = *loader_ptr;
  if (options.keep_units) r->loader = loader_ptr;
  if (!options.project_root.empty()) {
    std::string dir = sema::canonical_path(options.project_root);
    if (!sema::path_inside(sema::canonical_path(options.input), dir)) {
      r->diags.report(diag::Kind::FileOutsideProject, Span{}, {options.input, options.project_root})
          .help("name a project directory that holds the program, or leave `--project-root` out");
      return r;
    }
  }
  const sema::Unit* root = loader.load_root(parsed.program.file, std::move(parsed.program), options.project_root);
  if (options.keep_units) r->root = root;
  if (!parsed.ok || !loader.ok()) return r;
  sema::Program program = sema::check(*root, r->sources, r->diags);
  if (r->diags.has_errors()) return r;
  // Nothing past the checker reads the syntax trees, and nothing past lowering reads the
  // checked program: each is freed as soon as the next form is built, so that a large
  // program holds two of its three forms at a time, never all three.
  std::vector<FileId> library_files = loader.library_files();
  if (!options.keep_units) loader_ptr.reset();
  ir::Template tmpl = ir::lower(program, r->diags);
  program = sema::Program{};
  if (r->diags.has_errors()) return r;
  tmpl.library_files = std::move(library_files);
  checks::run_checks(tmpl, r->diags);
  if (!r->ok()) return r;
  if (options.keep_template) r->tmpl = std::make_shared<const ir::Template>(tmpl);
  if (!options.emit) {
    if (!options.nested_stacks) ir::check_limits(tmpl, file, r->diags);
    return r;
  }
  auto emit = [&](const ir::Template& t) { return options.format == Format::Json ? emit::to_json(t) : emit::to_yaml(t); };
  if (!options.nested_stacks) {
    ir::check_limits(tmpl, file, r->diags);
    if (!r->ok()) return r;
    r->output = emit(tmpl);
    return r;
  }
  // A nested stack would need the loop's list passed in as a parameter of its own.
  for (const ir::Resource& res : tmpl.resources) {
    if (res.for_each.empty() || res.group.empty()) continue;
    r->diags.report(diag::Kind::MisplacedDeclaration, res.span, {"a resource of a deploy-time `for`", "in a module instance with `--nested-stacks`"})
        .help("loop in the root file, or build without `--nested-stacks`");
  }
  if (!r->ok()) return r;
  std::string ext = options.format == Format::Json ? ".json" : ".yaml";
  ir::NestedTemplates nested = ir::split_nested(tmpl, ext);
  // The limits hold for each template, not for the program as a whole.
  ir::check_limits(nested.parent, file, r->diags);
  for (const auto& [name, child] : nested.children) ir::check_limits(child, file, r->diags);
  if (!r->ok()) return r;
  std::string stem = std::filesystem::path(options.input).stem().string();
  r->files.emplace_back(stem + ext, emit(nested.parent));
  for (const auto& [name, child] : nested.children) r->files.emplace_back(name + ext, emit(child));
  return r;
}

void run_with_large_stack(void (*fn)(void*), void* arg) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, size_t{512} << 20);
  pthread_t thread;
  struct Call {
    void (*fn)(void*);
    void* arg;
  } call{fn, arg};
  auto trampoline = [](void* p) -> void* {
    auto* c = static_cast<Call*>(p);
    c->fn(c->arg);
    return nullptr;
  };
  if (pthread_create(&thread, &attr, trampoline, &call) != 0) {
    fn(arg);  // no thread could be made: run here
  } else {
    pthread_join(thread, nullptr);
  }
  pthread_attr_destroy(&attr);
}

}  // namespace infrac::driver
