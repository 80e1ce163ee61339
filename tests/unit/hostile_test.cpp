// No exception escapes compile() or check_template(): every input that once made a
// library throw, a regex backtrack or the stack overflow is given to the library calls
// directly (on a large stack, as the command line runs them), and each must return
// errors rather than throw. tests/robustness/hostile.py runs the same inputs through the
// binary, with its exit status and peak memory.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "driver/driver.h"

namespace fs = std::filesystem;
using infrac::driver::Result;

namespace {

struct Call {
  bool template_check = false;
  std::string path;
  std::string text;
  std::unique_ptr<Result> result;
  bool threw = false;
  std::string what;
};

void run(void* p) {
  auto* c = static_cast<Call*>(p);
  try {
    if (c->template_check) {
      c->result = infrac::driver::check_template(c->path, c->text);
    } else {
      infrac::driver::Options o;
      o.input = c->path;
      o.source = c->text;
      c->result = infrac::driver::compile(o);
    }
  } catch (const std::exception& e) {
    c->threw = true;
    c->what = e.what();
  } catch (...) {
    c->threw = true;
    c->what = "an exception that is not a std::exception";
  }
}

// Runs one input; it must come back with at least one error and without throwing.
void expect_errors(bool template_check, const std::string& path, std::string text) {
  Call c{template_check, path, std::move(text), nullptr, false, ""};
  infrac::driver::run_with_large_stack(run, &c);
  INFO("the exception: " << c.what);
  REQUIRE_FALSE(c.threw);
  REQUIRE(c.result != nullptr);
  CHECK(c.result->diags.has_errors());
}

struct Scratch {
  fs::path dir;
  Scratch() {
    char tmpl[] = "/tmp/infrac-hostile-XXXXXX";
    dir = ::mkdtemp(tmpl);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  std::string put(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  }
};

std::string alias_bomb(int levels, int width) {
  std::string s = "a0: &a0 [x";
  for (int i = 1; i < width; ++i) s += ", x";
  s += "]\n";
  for (int l = 1; l < levels; ++l) {
    s += "a" + std::to_string(l) + ": &a" + std::to_string(l) + " [";
    for (int i = 0; i < width; ++i) s += (i ? ", *a" : "*a") + std::to_string(l - 1);
    s += "]\n";
  }
  return s;
}

const std::string kTopic = "Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n    Properties:\n";

}  // namespace

TEST_CASE("hostile: resources of the wrong shape in check-template", "[hostile]") {
  for (const char* body : {"  R:\n    Properties: {}\n", "  R:\n", "  R: [1, 2]\n", "  R: 3\n", "  R: !Ref Other\n",
                           "  R: [Name, [a, b], {}]\n", "  ? [a]\n  : {Type: AWS::SNS::Topic}\n",
                           "  R:\n    Type: {a: b}\n"}) {
    INFO(body);
    expect_errors(true, "t.yaml", std::string("Resources:\n") + body);
  }
}

TEST_CASE("hostile: parameters and sections of the wrong shape in check-template", "[hostile]") {
  for (const char* text : {"[1, 2]\n", "!Ref X\n", "Parameters: [a]\nResources: {R: 1}\n",
                           "Parameters:\n  P: [Type]\nResources: {R: 1}\n", "Resources: {R: {Type: x, Properties: [1]}}\n",
                           "Resources: {R: {Type: AWS::SNS::Topic, Properties: {[k]: v}}}\n-\n"}) {
    INFO(text);
    expect_errors(true, "t.yaml", text);
  }
}

TEST_CASE("hostile: YAML alias bombs", "[hostile]") {
  expect_errors(true, "t.yaml", alias_bomb(10, 10) + kTopic + "      Tags: *a9\n");
  expect_errors(true, "t.yaml", "a: &a [1, *a]\n");
  Scratch s;
  s.put("tags.yaml", alias_bomb(9, 9));
  expect_errors(false, s.put("main.infra", ""), "resource t: AWS::SNS::Topic { Tags = file(\"tags.yaml\") }\n");
}

TEST_CASE("hostile: long subjects and backtracking patterns", "[hostile]") {
  expect_errors(true, "t.yaml", kTopic + "      TopicName: " + std::string(2u << 20, 'a') + "\n");
  expect_errors(true, "t.yaml",
                "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: " +
                    std::string(3u << 20, '7') + "\n");
  expect_errors(false, "main.infra",
                "@pattern(\"[a-z]+\")\nparam p: string = \"" + std::string(3u << 20, 'a') +
                    "A\"\nresource t: AWS::SNS::Topic { TopicName = p }\n");
  expect_errors(false, "main.infra",
                "@pattern(\"(a|aa)*b\")\nparam p: string = \"" + std::string(44, 'a') +
                    "\"\nresource t: AWS::SNS::Topic { TopicName = p }\n");
}

TEST_CASE("hostile: operator chains and reference chains", "[hostile]") {
  std::string chain = "let a = 1";
  for (int i = 1; i < 500000; ++i) chain += " + 1";
  expect_errors(false, "main.infra", chain + "\nresource t: AWS::SNS::Topic { DisplayName = \"${a}\" }\n");
  // 420,000 lets, each naming the one before; hexadecimal names keep it under 8 MB.
  auto hex = [](int i) {
    char b[16];
    std::snprintf(b, sizeof b, "x%x", i);
    return std::string(b);
  };
  std::string lets = "let x0=1\n";
  for (int i = 1; i < 420000; ++i) lets += "let " + hex(i) + "=" + hex(i - 1) + "\n";
  expect_errors(false, "main.infra", lets + "resource t: AWS::SNS::Topic { DisplayName = \"${" + hex(419999) + "}\" }\n");
}

TEST_CASE("hostile: file() outside the project", "[hostile]") {
  Scratch s;
  std::string main = s.put("main.infra", "");
  for (const char* path : {"/etc/passwd", "../../../../../../../../../../../../etc/hostname", "/proc/self/status"}) {
    INFO(path);
    expect_errors(false, main, std::string("resource t: AWS::SNS::Topic { Tags = file(\"") + path + "\") }\n");
  }
}

TEST_CASE("hostile: past a thousand diagnostics, the rest are counted, not kept", "[hostile]") {
  // 1,500 names used and never declared: one error each.
  std::string program = "resource t: AWS::SNS::Topic {\n  Tags = [\n";
  for (int i = 0; i < 1500; ++i) program += "    { Key = \"k\", Value = missing" + std::to_string(i) + " },\n";
  program += "  ]\n}\n";
  infrac::driver::Options o;
  o.input = "main.infra";
  o.source = program;
  auto r = infrac::driver::compile(o);
  CHECK(r->diags.error_count() == 1500);
  CHECK(r->diags.diagnostics().size() == infrac::diag::kMaxDiagnostics);
  CHECK(r->diags.dropped() == 500);
}
