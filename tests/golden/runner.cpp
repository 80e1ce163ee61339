// The golden tests: each NAME.infra in tests/golden is compiled, and what it gives is
// compared with the files beside it: NAME.yaml and NAME.json for a program that builds,
// NAME.diag for the diagnostics of one that does not (a `fail_` prefix) or that warns.
// Inputs that cannot be committed (a 10 MB file, 10,000 levels of nesting, a missing
// file) are generated into a scratch directory first.
//
//   golden_runner SOURCE_DIR SCRATCH_DIR [--update]
//
// With --update, the expected files are rewritten from what the compiler gives; read
// the diff before committing it. Templates in templates/ (NAME.yaml or NAME.json) go
// through `check-template` instead, and their diagnostics are compared with
// templates/NAME.diag; a `fail_` template must give an error and any other none.
// Templates in import/ go through `import`: the program is compared with import/NAME.infra
// and must build, the diagnostics with import/NAME.diag.
// Sources in fmt/ go through `infrac fmt`: fmt/NAME.input (written unformatted on
// purpose, so not named .infra: every .infra of the repository is formatted), copied to
// SCRATCH/fmt/NAME.infra, gives fmt/NAME.fmt, which must format to itself, or fmt/NAME.diag for a
// `fail_` case, which fmt must refuse.
// Sources in graph/ go through `infrac graph`: graph/NAME.infra gives graph/NAME.dot and
// graph/NAME.mmd (the Mermaid flowchart), and must build (warnings are allowed).
// Finally every diagnostic code of the catalog must be produced by some case, or the
// run fails naming the codes that are not.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "diag/render.h"
#include "driver/doc.h"
#include "driver/driver.h"
#include "driver/format.h"
#include "driver/output.h"
#include "graph/dot.h"
#include "graph/mermaid.h"
#include "graph/model.h"
#include "sema/loader.h"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Each way a source can nest deeper than the compiler allows (docs/language.md, Limits),
// far beyond the limit, and one program at the limits that builds.
void generate_depth(const fs::path& scratch) {
  const std::string topic = "resource topic: AWS::SNS::Topic {}\n";
  write(scratch / "fail_operator_chain.infra", topic + "let total = 1" + repeat(" + 1", 500000) + "\n");
  write(scratch / "fail_unary_chain.infra", topic + "let yes = " + repeat("!", 100000) + "true\n");
  write(scratch / "fail_ternary_chain.infra", topic + "let pick = " + repeat("true ? 1 : ", 100000) + "0\n");
  write(scratch / "fail_member_chain.infra", topic + "let config = {}\nlet deep = config" + repeat(".inner", 100000) + "\n");
  write(scratch / "fail_index_chain.infra", topic + "let items = [1]\nlet deep = items" + repeat("[0]", 100000) + "\n");
  write(scratch / "fail_operators_in_brackets.infra",
        topic + "let total = 1" + repeat(" + 1", 500) + " + (1" + repeat(" + 1", 500) + ")\n");
  write(scratch / "fail_deep_type.infra", topic + "param names: " + repeat("list<", 10000) + "string" + repeat(">", 10000) + "\n");
  std::string chain = "param zone: string\n" + topic + "if zone == \"z0\" {}";
  for (int i = 1; i < 10000; ++i) chain += " else if zone == \"z" + std::to_string(i) + "\" {}";
  write(scratch / "fail_else_if_chain.infra", chain + "\n");

  std::string lets;  // each the next: evaluated from the first, the evaluation nests ever deeper
  for (int i = 0; i < 20000; ++i) lets += "let v" + std::to_string(i) + " = v" + std::to_string(i + 1) + "\n";
  write(scratch / "fail_reference_chain.infra", topic + lets + "let v20000 = \"end\"\n");
  lets = "let w0 = [\"start\"]\n";  // each wraps the one before: values nest ever deeper
  for (int i = 0; i < 5000; ++i) lets += "let w" + std::to_string(i + 1) + " = [w" + std::to_string(i) + "]\n";
  write(scratch / "fail_reference_chain_forward.infra", topic + lets);

  // 40 modules, each instantiating the next.
  fs::create_directories(scratch / "deep_imports");
  for (int i = 1; i <= 40; ++i) {
    std::string next = std::to_string(i + 1);
    write(scratch / "deep_imports" / ("m" + std::to_string(i) + ".infra"),
          i < 40 ? "import \"./m" + next + ".infra\"\nmodule inner = m" + next + " {}\n" : topic);
  }
  write(scratch / "fail_import_chain.infra", "import \"./deep_imports/m1.infra\"\nmodule top = m1 {}\n");
  std::string reversed;  // the deepest first: no chain is long while it is being loaded
  for (int i = 40; i >= 1; --i) reversed += "import \"./deep_imports/m" + std::to_string(i) + ".infra\"\n";
  write(scratch / "fail_import_chain_reverse.infra", reversed + "module top = m1 {}\n");

  // Deploy-time `if`s nested through a module instance: 60 around it, 150 inside.
  fs::create_directories(scratch / "deep_conditions");
  std::string inner = "param zone: string\n";
  for (int i = 0; i < 150; ++i) inner += "if zone != \"inner" + std::to_string(i) + "\" { ";
  write(scratch / "deep_conditions" / "zones.infra", inner + "resource topic: AWS::SNS::Topic {}" + repeat(" }", 150) + "\n");
  std::string outer = "param zone: string\nimport \"./deep_conditions/zones.infra\"\n";
  for (int i = 0; i < 60; ++i) outer += "if zone != \"outer" + std::to_string(i) + "\" { ";
  write(scratch / "fail_condition_nesting.infra", outer + "module z = zones { zone = zone }" + repeat(" }", 60) + "\n");

  // A cycle through 3000 resources of a loop.
  std::string keys = "let keys = [0";
  for (int i = 1; i < 3000; ++i) keys += ", " + std::to_string(i);
  write(scratch / "fail_long_cycle.infra",
        keys + "]\nfor i in keys {\n  resource queue[i]: AWS::SQS::Queue {\n"
               "    QueueName = i == 0 ? queue[\"2999\"].QueueName : queue[i - 1].QueueName\n  }\n}\n");

  // At every limit, and within it: this builds.
  fs::create_directories(scratch / "edge_imports");
  for (int i = 1; i <= 16; ++i) {
    std::string next = std::to_string(i + 1);
    std::string text = i < 16 ? "import \"./m" + next + ".infra\"\nmodule inner = m" + next + " {}\noutput name = inner.name\n"
                              : "param shape: " + repeat("{ a: ", 199) + "string" + repeat(" }", 199) + " = " +
                                    repeat("{ a = ", 199) + "\"deep\"" + repeat(" }", 199) + "\n" +
                                    "output name = shape" + repeat(".a", 199) + "\n";
    write(scratch / "edge_imports" / ("m" + std::to_string(i) + ".infra"), text);
  }
  std::string edge = "import \"./edge_imports/m1.infra\"\nmodule top = m1 {}\n";
  edge += "let sum = 1" + repeat(" + 1", 1000) + "\n";
  edge += "let wrapped = " + repeat("[", 199) + "sum" + repeat("]", 199) + "\n";
  edge += "let unwrapped = wrapped" + repeat("[0]", 199) + "\n";
  for (int i = 0; i < 1999; ++i) edge += "let c" + std::to_string(i) + " = c" + std::to_string(i + 1) + "\n";
  edge += "let c1999 = \"chained\"\n";
  edge += "if false {}" + repeat(" else if false {}", 199) + " else {\n";
  edge += "  resource topic: AWS::SNS::Topic { DisplayName = \"${unwrapped} ${c0} ${top.name}\" }\n}\n";
  write(scratch / "depth_within_limits.infra", edge);
}

// Inputs generated at test time; their expected diagnostics are committed as NAME.diag.
void generate(const fs::path& scratch) {
  fs::create_directories(scratch);
  {
    std::string deep = "resource r: AWS::SNS::Topic {\n  Tags = ";
    for (int i = 0; i < 10000; ++i) deep += '[';
    for (int i = 0; i < 10000; ++i) deep += ']';
    deep += "\n}\n";
    write(scratch / "fail_deep_nesting.infra", deep);
  }
  {
    std::string big;
    big.reserve(10u << 20);
    std::string line = "# padding to make a ten-megabyte source file ......................................\n";
    while (big.size() < (10u << 20)) big += line;
    write(scratch / "fail_too_large.infra", big);
  }
  {
    std::string many;
    for (int i = 0; i < 501; ++i) many += "resource topic" + std::to_string(i) + ": AWS::SNS::Topic {}\n";
    write(scratch / "fail_too_many_resources.infra", many);
  }
  {
    // A 3 MB default checked against its pattern to the last character, which is wrong.
    std::string value(3u << 20, 'a');
    write(scratch / "fail_pattern_long_default.infra",
          "@pattern(\"[a-z]+\")\nparam name: string = \"" + value + "1\"\n\nresource topic: AWS::SNS::Topic {}\n");
  }
  generate_depth(scratch);
  {
    // A list of 600,000 items: 1.2 million tokens, more than a file may hold.
    std::string big = "let items = [1";
    for (int i = 1; i < 600000; ++i) big += ",1";
    write(scratch / "fail_too_many_tokens.infra", big + "]\nresource topic: AWS::SNS::Topic {}\n");
  }
  write(scratch / "fail_output_not_writable.infra", "resource topic: AWS::SNS::Topic {}\n");
  fs::remove(scratch / "fail_missing_file.infra");
  fs::create_directories(scratch / "fail_directory.infra");
  fs::remove(scratch / "fail_not_a_file.infra");
  ::mkfifo((scratch / "fail_not_a_file.infra").c_str(), 0600);
  // file() of a link inside the project to a file outside it, and of a FIFO.
  fs::remove(scratch / "hostname_link.yaml");
  fs::create_symlink("/etc/hostname", scratch / "hostname_link.yaml");
  write(scratch / "fail_file_symlink_outside.infra",
        "resource topic: AWS::SNS::Topic { Tags = file(\"hostname_link.yaml\") }\n");
  fs::remove(scratch / "pipe.yaml");
  ::mkfifo((scratch / "pipe.yaml").c_str(), 0600);
  write(scratch / "fail_file_fifo.infra", "resource topic: AWS::SNS::Topic { Tags = file(\"pipe.yaml\") }\n");
}

const char* const kGenerated[] = {"fail_deep_nesting", "fail_too_large", "fail_too_many_resources",
                                  "fail_output_not_writable", "fail_missing_file", "fail_directory",
                                  "fail_not_a_file", "fail_file_symlink_outside", "fail_file_fifo",
                                  "fail_pattern_long_default", "fail_operator_chain", "fail_unary_chain",
                                  "fail_ternary_chain", "fail_member_chain", "fail_index_chain",
                                  "fail_operators_in_brackets", "fail_deep_type", "fail_else_if_chain",
                                  "fail_reference_chain", "fail_reference_chain_forward", "fail_import_chain",
                                  "fail_import_chain_reverse", "fail_condition_nesting", "fail_long_cycle",
                                  "depth_within_limits", "fail_too_many_tokens"};

// Templates generated at test time (too large or too odd to commit), into SCRATCH/templates.
void generate_templates(const fs::path& dir) {
  fs::create_directories(dir);
  const std::string topic = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n";
  // 100,000 sequences inside each other.
  write(dir / "fail_deep_template.yaml", topic + "      Tags: " + std::string(100000, '[') + std::string(100000, ']') + "\n");
  // 1.2 million values without a single alias: more than a template can hold.
  std::string many = topic + "      Tags: [";
  for (int i = 0; i < 1200000; ++i) many += i == 0 ? "1" : ",1";
  write(dir / "fail_too_many_nodes.yaml", many + "]\n");
  // A number of three million digits.
  write(dir / "long_number.yaml", topic + "      TopicName: " + std::string(3000000, '7') + "\n");
  // A 2 MB comment on the line of a tagged block scalar in a sequence, which the YAML
  // reader rewrites line by line; then a misspelt property below it.
  write(dir / "fail_long_comment_line.yaml",
        "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Metadata:\n      Notes:\n        - !Sub | # " +
            std::string(2u << 20, 'c') + "\n          ${AWS::Region}\n    Properties:\n      TopicNam: alerts\n");
  // Control characters YAML does not allow: a NUL inside a key, and a start that makes
  // yaml-cpp guess UTF-32 (both found by fuzzing; yaml-cpp turned them into bytes that
  // are not UTF-8).
  write(dir / "fail_nul_in_key.yaml", topic + std::string("      Topic\0Name: alerts\n", 26));
  write(dir / "fail_utf32_guess.yaml", std::string("\x1f\0\0\0", 4) + "AWSTemplateFormatVersion: 2010-09-09\n" + topic);
}

const char* const kGeneratedTemplates[] = {"fail_deep_template.yaml", "fail_too_many_nodes.yaml", "long_number.yaml",
                                           "fail_long_comment_line.yaml", "fail_nul_in_key.yaml",
                                           "fail_utf32_guess.yaml"};

struct Outcome {
  std::string diag, yaml, json;
  std::set<std::string> codes;
};

Outcome run_case(const std::string& file, bool project = false) {
  Outcome o;
  for (auto format : {infrac::driver::Format::Yaml, infrac::driver::Format::Json}) {
    infrac::driver::Options opt;
    opt.input = file;
    opt.format = format;
    opt.format_given = true;  // both formats of every case, whatever a project file says
    opt.use_project = project;
    struct Job { infrac::driver::Options* o; std::unique_ptr<infrac::driver::Result> r; } job{&opt, nullptr};
    infrac::driver::run_with_large_stack([](void* p) {
      auto* j = static_cast<Job*>(p);
      j->r = infrac::driver::compile(*j->o);
    }, &job);
    auto& r = *job.r;
    // This case builds, then the template cannot be written where it was asked to go.
    if (file == "fail_output_not_writable.infra" && r.ok()) {
      infrac::driver::write_output("no-such-directory/template.yaml", r.output, r.diags);
      r.output.clear();
    }
    if (format == infrac::driver::Format::Yaml) {
      for (const auto& d : r.diags.sorted()) {
        if (!o.diag.empty()) o.diag += "\n";
        o.diag += infrac::diag::render_text(d, r.sources, false);
        o.codes.insert(std::string(d.code()));
      }
      o.yaml = r.output;
    } else {
      o.json = r.output;
    }
  }
  return o;
}

// Compares `actual` with the file `expected` (absent means "must be empty"), or rewrites it.
bool compare(const fs::path& expected, const std::string& actual, bool update, const std::string& name) {
  bool exists = fs::exists(expected);
  std::string want = exists ? read(expected) : "";
  if (update) {
    if (actual.empty()) {
      if (exists) fs::remove(expected);
    } else if (!exists || want != actual) {
      write(expected, actual);
      std::cout << "updated " << expected.filename().string() << "\n";
    }
    return true;
  }
  if (want == actual) return true;
  std::cout << "FAIL " << name << ": " << expected.filename().string()
            << (exists ? " differs" : " is missing") << "\n";
  std::cout << "--- expected\n" << want << "\n--- actual\n" << actual << "\n---\n";
  return false;
}

// `check-template` of one template: its diagnostics, and their codes into `codes`.
std::string check_one_template(const std::string& file, std::set<std::string>& codes) {
  struct TJob { const std::string* path; std::unique_ptr<infrac::driver::Result> r; } job{&file, nullptr};
  infrac::driver::run_with_large_stack([](void* p) {
    auto* j = static_cast<TJob*>(p);
    j->r = infrac::driver::check_template(*j->path);
  }, &job);
  std::string text;
  for (const auto& d : job.r->diags.sorted()) {
    if (!text.empty()) text += "\n";
    text += infrac::diag::render_text(d, job.r->sources, false);
    codes.insert(std::string(d.code()));
  }
  return text;
}

// The template cases: templates/NAME.{yaml,json} and the generated ones. Returns the
// number that failed.
int run_templates(const fs::path& src, const fs::path& scratch, bool update, std::set<std::string>& produced,
                  size_t& count) {
  fs::path dir = src / "templates", gen = scratch / "templates";
  generate_templates(gen);
  struct Case { std::string file; fs::path dir; };
  std::vector<Case> cases;
  if (fs::is_directory(dir)) {
    for (const auto& e : fs::directory_iterator(dir)) {
      std::string ext = e.path().extension().string();
      if ((ext == ".yaml" || ext == ".json") && e.is_regular_file()) cases.push_back({e.path().filename().string(), dir});
    }
  }
  for (const char* g : kGeneratedTemplates) {
    if (*g != '\0') cases.push_back({g, gen});
  }
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.file < b.file; });
  int failed = 0;
  for (const Case& c : cases) {
    fs::current_path(c.dir);
    std::string name = fs::path(c.file).stem().string();
    std::string diag = check_one_template(c.file, produced);
    bool expect_fail = name.rfind("fail_", 0) == 0;
    bool has_error = diag.find("error[") != std::string::npos;
    bool ok = true;
    if (expect_fail != has_error) {
      std::cout << "FAIL template " << name << ": " << (expect_fail ? "a `fail_` template gave no error" : "gave an error")
                << "\n";
      ok = false;
    }
    ok = compare(dir / (name + ".diag"), diag, update, "template " + name) && ok;
    std::cout << (ok ? "ok   template " : "FAIL template ") << name << "\n";
    if (!ok) ++failed;
  }
  count = cases.size();
  return failed;
}

// The import cases: import/NAME.{yaml,json} is imported; the program is compared with
// import/NAME.infra and the diagnostics with import/NAME.diag. A `fail_` template must be
// refused; any other must give a program that builds. Returns the number that failed.
int run_imports(const fs::path& src, bool update, std::set<std::string>& produced, size_t& count) {
  fs::path dir = src / "import";
  std::vector<std::string> files;
  if (fs::is_directory(dir)) {
    for (const auto& e : fs::directory_iterator(dir)) {
      std::string ext = e.path().extension().string();
      if ((ext == ".yaml" || ext == ".json") && e.is_regular_file()) files.push_back(e.path().filename().string());
    }
  }
  std::sort(files.begin(), files.end());
  fs::current_path(dir);
  int failed = 0;
  for (const std::string& file : files) {
    std::string name = fs::path(file).stem().string();
    struct IJob { const std::string* path; std::unique_ptr<infrac::driver::Result> r; } job{&file, nullptr};
    infrac::driver::run_with_large_stack([](void* p) {
      auto* j = static_cast<IJob*>(p);
      j->r = infrac::driver::import_template(*j->path);
    }, &job);
    std::string diag;
    for (const auto& d : job.r->diags.sorted()) {
      if (!diag.empty()) diag += "\n";
      diag += infrac::diag::render_text(d, job.r->sources, false);
      produced.insert(std::string(d.code()));
    }
    bool expect_fail = name.rfind("fail_", 0) == 0;
    bool ok = true;
    if (expect_fail != !job.r->ok()) {
      std::cout << "FAIL import " << name << ": " << (expect_fail ? "a `fail_` template was imported" : "was refused") << "\n"
                << diag << "\n";
      ok = false;
    }
    if (!expect_fail && job.r->ok()) {
      // The program builds.
      infrac::driver::Options opt;
      opt.input = name + ".infra";
      opt.source = job.r->output;
      struct Job { infrac::driver::Options* o; std::unique_ptr<infrac::driver::Result> r; } build{&opt, nullptr};
      infrac::driver::run_with_large_stack([](void* p) {
        auto* j = static_cast<Job*>(p);
        j->r = infrac::driver::compile(*j->o);
      }, &build);
      if (!build.r->ok()) {
        std::cout << "FAIL import " << name << ": the imported program does not build\n";
        for (const auto& d : build.r->diags.sorted()) std::cout << infrac::diag::render_text(d, build.r->sources, false) << "\n";
        ok = false;
      }
    }
    ok = compare(dir / (name + ".infra"), job.r->output, update, "import " + name) && ok;
    ok = compare(dir / (name + ".diag"), diag, update, "import " + name) && ok;
    std::cout << (ok ? "ok   import " : "FAIL import ") << name << "\n";
    if (!ok) ++failed;
  }
  count = files.size();
  return failed;
}

// `infrac fmt` of one source: its output and its diagnostics (codes into `codes`).
std::pair<std::string, std::string> format_one(const std::string& file, std::optional<std::string> text,
                                               std::set<std::string>& codes) {
  struct FJob { const std::string* path; std::optional<std::string> text; std::unique_ptr<infrac::driver::Result> r; }
      job{&file, std::move(text), nullptr};
  infrac::driver::run_with_large_stack([](void* p) {
    auto* j = static_cast<FJob*>(p);
    j->r = infrac::driver::format_source(*j->path, std::move(j->text));
  }, &job);
  std::string diag;
  for (const auto& d : job.r->diags.sorted()) {
    if (!diag.empty()) diag += "\n";
    diag += infrac::diag::render_text(d, job.r->sources, false);
    codes.insert(std::string(d.code()));
  }
  return {job.r->output, diag};
}

// fmt inputs generated at test time, into SCRATCH/fmt (their .diag is in fmt/): a
// megabyte of lists nested 199 deep, which indentation would make 190 megabytes.
const char* const kGeneratedFmt[] = {"fail_formatted_too_large"};

void generate_fmt(const fs::path& dir) {
  fs::create_directories(dir);
  std::string one = std::string(199, '[') + "1" + std::string(199, ']');
  std::string text = "resource t: AWS::SNS::Topic {}\n";
  for (int i = 0; i < 2400; ++i) text += "let d" + std::to_string(i) + " = " + one + "\n";
  write(dir / "fail_formatted_too_large.infra", text);
}

// The fmt cases: fmt/NAME.input and the generated ones. Returns the number that failed.
int run_fmt_cases(const fs::path& src, const fs::path& scratch, bool update, std::set<std::string>& produced,
                  size_t& count) {
  fs::path dir = src / "fmt";
  fs::path inputs = scratch / "fmt";
  generate_fmt(inputs);
  std::vector<std::string> names;
  if (fs::is_directory(dir)) {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != ".input" || !e.is_regular_file()) continue;
      names.push_back(e.path().stem().string());
      fs::copy_file(e.path(), inputs / (names.back() + ".infra"), fs::copy_options::overwrite_existing);
    }
  }
  for (const char* g : kGeneratedFmt) names.push_back(g);
  std::sort(names.begin(), names.end());
  int failed = 0;
  fs::current_path(inputs);
  for (const auto& name : names) {
    auto [out, diag] = format_one(name + ".infra", std::nullopt, produced);
    bool expect_fail = name.rfind("fail_", 0) == 0;
    bool ok = true;
    if (expect_fail != out.empty()) {
      std::cout << "FAIL fmt " << name << ": " << (expect_fail ? "a `fail_` case was formatted" : "was not formatted")
                << "\n" << diag << "\n";
      ok = false;
    }
    if (!out.empty()) {
      std::set<std::string> ignored;
      auto again = format_one(name + ".fmt", out, ignored);
      if (again.first != out) {
        std::cout << "FAIL fmt " << name << ": formatting the output again changes it\n--- again\n" << again.first;
        ok = false;
      }
    }
    ok = compare(dir / (name + ".fmt"), out, update, "fmt " + name) && ok;
    ok = compare(dir / (name + ".diag"), diag, update, "fmt " + name) && ok;
    std::cout << (ok ? "ok   fmt " : "FAIL fmt ") << name << "\n";
    if (!ok) ++failed;
  }
  count = names.size();
  return failed;
}

// The graph cases: graph/NAME.infra, drawn as DOT and as Mermaid. Returns the number
// that failed.
int run_graphs(const fs::path& src, bool update, size_t& count) {
  fs::path dir = src / "graph";
  std::vector<std::string> names;
  if (fs::is_directory(dir)) {
    for (const auto& e : fs::directory_iterator(dir)) {
      if (e.path().extension() == ".infra" && e.is_regular_file()) names.push_back(e.path().stem().string());
    }
  }
  std::sort(names.begin(), names.end());
  fs::current_path(dir);
  int failed = 0;
  for (const std::string& name : names) {
    infrac::driver::Options o;
    o.input = name + ".infra";
    o.emit = false;
    o.keep_template = true;
    struct GJob { infrac::driver::Options* o; std::unique_ptr<infrac::driver::Result> r; } job{&o, nullptr};
    infrac::driver::run_with_large_stack([](void* p) {
      auto* j = static_cast<GJob*>(p);
      j->r = infrac::driver::compile(*j->o);
    }, &job);
    bool ok = true;
    if (!job.r->ok() || job.r->tmpl == nullptr) {  // warnings are drawn, as by the command
      std::cout << "FAIL graph " << name << ": did not build\n";
      for (const auto& d : job.r->diags.sorted()) std::cout << infrac::diag::render_text(d, job.r->sources, false) << "\n";
      ok = false;
    } else {
      infrac::graph::Graph g = infrac::graph::build(*job.r->tmpl);
      ok = compare(dir / (name + ".dot"), infrac::graph::to_dot(g), update, "graph " + name) && ok;
      ok = compare(dir / (name + ".mmd"), infrac::graph::to_mermaid(g), update, "graph " + name) && ok;
    }
    std::cout << (ok ? "ok   graph " : "FAIL graph ") << name << "\n";
    if (!ok) ++failed;
  }
  count = names.size();
  return failed;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: golden_runner SOURCE_DIR SCRATCH_DIR [--update]\n";
    return 2;
  }
  fs::path src = fs::absolute(argv[1]);
  fs::path scratch = fs::absolute(argv[2]);
  bool update = argc > 3 && std::string(argv[3]) == "--update";
  generate(scratch);

  struct Case { std::string name; fs::path dir; };
  std::vector<Case> cases;
  for (const auto& e : fs::directory_iterator(src)) {
    if (e.path().extension() == ".infra" && e.is_regular_file()) cases.push_back({e.path().stem().string(), src});
  }
  for (const char* gen : kGenerated) cases.push_back({gen, scratch});
  std::sort(cases.begin(), cases.end(), [](const Case& a, const Case& b) { return a.name < b.name; });

  int failed = 0;  // cases
  std::set<std::string> produced;
  for (const Case& c : cases) {
    fs::current_path(c.dir);
    Outcome o = run_case(c.name + ".infra");
    produced.insert(o.codes.begin(), o.codes.end());
    bool expect_fail = c.name.rfind("fail_", 0) == 0;
    bool ok = true;
    if (expect_fail && o.diag.find("error[") == std::string::npos) {
      std::cout << "FAIL " << c.name << ": a `fail_` case compiled without error\n";
      ok = false;
    }
    if (!expect_fail && o.yaml.empty()) {
      std::cout << "FAIL " << c.name << ": did not compile (rename it `fail_" << c.name << "` if that is meant)\n"
                << o.diag;
      ok = false;
    }
    ok = compare(src / (c.name + ".diag"), o.diag, update, c.name) && ok;
    ok = compare(src / (c.name + ".yaml"), o.yaml, update, c.name) && ok;
    ok = compare(src / (c.name + ".json"), o.json, update, c.name) && ok;
    std::cout << (ok ? "ok   " : "FAIL ") << c.name << "\n";
    if (!ok) ++failed;
  }

  // Programs under a project file: project/NAME/main.infra beside (or below) its
  // infrac.json, compiled as `build` compiles them, into project/NAME/main.{diag,yaml,json}.
  size_t project_count = 0;
  if (fs::is_directory(src / "project")) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(src / "project")) {
      if (e.is_directory()) names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      fs::path dir = src / "project" / name;
      fs::current_path(dir);
      Outcome o = run_case("main.infra", true);
      produced.insert(o.codes.begin(), o.codes.end());
      bool expect_fail = name.rfind("fail_", 0) == 0;
      bool ok = expect_fail == (o.diag.find("error[") != std::string::npos);
      if (!ok) std::cout << "FAIL project " << name << ": " << (expect_fail ? "compiled without error" : "did not compile") << "\n";
      ok = compare(dir / "main.diag", o.diag, update, "project " + name) && ok;
      ok = compare(dir / "main.yaml", o.yaml, update, "project " + name) && ok;
      ok = compare(dir / "main.json", o.json, update, "project " + name) && ok;
      std::cout << (ok ? "ok   project " : "FAIL project ") << name << "\n";
      if (!ok) ++failed;
    }
    project_count = names.size();
  }

  // `infrac doc` of every stdlib module: doc/NAME.txt.
  std::string stdlib = infrac::sema::default_stdlib_dir();
  std::vector<std::string> modules;
  if (!stdlib.empty() && fs::is_directory(stdlib)) {
    for (const auto& e : fs::recursive_directory_iterator(stdlib)) {
      if (e.path().extension() != ".infra") continue;
      std::string rel = fs::relative(e.path(), stdlib).replace_extension("").string();
      for (char& c : rel) c = c == '/' ? '.' : c;
      modules.push_back(rel);
    }
  }
  std::sort(modules.begin(), modules.end());
  fs::create_directories(src / "doc");
  fs::current_path(src);
  for (const std::string& m : modules) {
    struct DJob { const std::string* name; std::unique_ptr<infrac::driver::Result> r; } job{&m, nullptr};
    infrac::driver::run_with_large_stack([](void* p) {
      auto* j = static_cast<DJob*>(p);
      j->r = infrac::driver::document(*j->name, {});
    }, &job);
    std::string text = job.r->output;
    for (const auto& d : job.r->diags.sorted()) text += infrac::diag::render_text(d, job.r->sources, false);
    bool ok = !job.r->output.empty() && compare(src / "doc" / (m + ".txt"), text, update, "doc " + m);
    std::cout << (ok ? "ok   doc " : "FAIL doc ") << m << "\n";
    if (!ok) ++failed;
  }

  size_t template_count = 0;
  failed += run_templates(src, scratch, update, produced, template_count);
  size_t import_count = 0;
  failed += run_imports(src, update, produced, import_count);
  size_t fmt_count = 0;
  failed += run_fmt_cases(src, scratch, update, produced, fmt_count);
  size_t graph_count = 0;
  failed += run_graphs(src, update, graph_count);

  // Every code in the catalog needs a golden case that produces it.
  std::vector<std::string> uncovered;
  for (auto k : infrac::diag::all_kinds()) {
    std::string code(infrac::diag::info(k).code);
    if (!produced.count(code)) uncovered.push_back(code);
  }
  if (!uncovered.empty()) {
    std::cout << "FAIL coverage: no golden case produces";
    for (const auto& c : uncovered) std::cout << " " << c;
    std::cout << "\n";
  }
  int bad = failed + (uncovered.empty() ? 0 : 1);
  std::cout << "golden: " << cases.size() + project_count + modules.size() + template_count + import_count + fmt_count + graph_count - static_cast<size_t>(failed)
            << " passed, " << bad << " failed\n";
  return bad == 0 || update ? 0 : 1;
}
