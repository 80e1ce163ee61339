// libFuzzer harness: the whole `.infra` pipeline on a program held in memory (parse,
// imports from the stdlib, checks, lowering, emission), as `infrac build` runs it.
//
// The input's length picks the output, so that every mutation of a seed reaches each
// emitter: length % 3 == 0 YAML, 1 JSON, 2 YAML as nested stacks. Beyond "no crash, no
// leak, no undefined behaviour", the harness checks the pipeline's promise: nothing is
// emitted on error, and what is emitted on success parses back as YAML or JSON.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdlib.h>
#include <unistd.h>
#include <string>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "fuzz_call.h"

namespace {

// The program is named as a file in an empty scratch directory: its relative imports
// and file() calls find nothing, and `import std...` resolves to the stdlib.
const std::string& input_path() {
  static const std::string path = [] {
    std::string dir = (std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") + std::string("/infrac-fuzz-XXXXXX");
    if (mkdtemp(dir.data()) == nullptr) {
      std::perror("fuzz_infra: mkdtemp");
      std::abort();
    }
    static std::string made = dir;
    std::atexit([] { rmdir(made.c_str()); });
    return dir + "/fuzz.infra";
  }();
  return path;
}

void fail(const char* what, const std::string& text) {
  std::fprintf(stderr, "fuzz_infra: %s\n%s\n", what, text.c_str());
  std::abort();
}

bool parses_as(infrac::driver::Format format, const std::string& text) {
  if (format == infrac::driver::Format::Json) return nlohmann::json::accept(text);
  try {
    YAML::Load(text);
    return true;
  } catch (const YAML::Exception&) {
    return false;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  infrac::driver::Options options;
  options.input = input_path();
  options.source = std::string(reinterpret_cast<const char*>(data), size);
  options.format = size % 3 == 1 ? infrac::driver::Format::Json : infrac::driver::Format::Yaml;
  options.nested_stacks = size % 3 == 2;
  auto result = infrac::fuzz::on_large_stack([&] { return infrac::driver::compile(options); });
  infrac::fuzz::render_all(*result);

  if (!result->ok()) {
    if (!result->output.empty() || !result->files.empty()) fail("output despite errors", result->output);
    return 0;
  }
  if (options.nested_stacks) {
    if (result->files.empty()) fail("no files from a successful nested build", "");
    for (const auto& [name, text] : result->files) {
      if (!parses_as(options.format, text)) fail(("nested file does not parse back: " + name).c_str(), text);
    }
  } else if (!parses_as(options.format, result->output)) {
    fail("the template does not parse back", result->output);
  }
  return 0;
}
