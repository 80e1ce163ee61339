// libFuzzer harness: `infrac check-template` on a template held in memory (YAML or JSON:
// the reader takes both), with its diagnostics rendered as the CLI prints them.
#include <cstdint>
#include <string>

#include "fuzz_call.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto result = infrac::fuzz::on_large_stack([&] { return infrac::driver::check_template("fuzz.yaml", std::move(text)); });
  infrac::fuzz::render_all(*result);
  return 0;
}
