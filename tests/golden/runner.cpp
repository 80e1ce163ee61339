// The golden tests: each NAME.infra in tests/golden is compiled, and what it gives is
// compared with the files beside it: NAME.yaml and NAME.json for a program that builds,
// NAME.diag for the diagnostics of one that does not (a `fail_` prefix) or that warns.
// Inputs that cannot be committed (a 10 MB file, 10,000 levels of nesting, a missing
// file) are generated into a scratch directory first.
//
//   golden_runner SOURCE_DIR SCRATCH_DIR [--update]
//
// With --update, the expected files are rewritten from what the compiler gives; read
// the diff before committing it. Finally every diagnostic code of the catalog must be
// produced by some case, or the run fails naming the codes that are not.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "diag/render.h"
#include "driver/doc.h"
#include "driver/driver.h"
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
  write(scratch / "fail_output_not_writable.infra", "resource topic: AWS::SNS::Topic {}\n");
  fs::remove(scratch / "fail_missing_file.infra");
  fs::create_directories(scratch / "fail_directory.infra");
  fs::remove(scratch / "fail_not_a_file.infra");
  ::mkfifo((scratch / "fail_not_a_file.infra").c_str(), 0600);
}

const char* const kGenerated[] = {"fail_deep_nesting", "fail_too_large", "fail_too_many_resources",
                                  "fail_output_not_writable", "fail_missing_file", "fail_directory",
                                  "fail_not_a_file"};

struct Outcome {
  std::string diag, yaml, json;
  std::set<std::string> codes;
};

Outcome run_case(const std::string& file) {
  Outcome o;
  for (auto format : {infrac::driver::Format::Yaml, infrac::driver::Format::Json}) {
    infrac::driver::Options opt;
    opt.input = file;
    opt.format = format;
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
  std::cout << "golden: " << cases.size() + modules.size() - static_cast<size_t>(failed) << " passed, " << bad << " failed\n";
  return bad == 0 || update ? 0 : 1;
}
