// What the harnesses share: a driver call run as the CLI runs it, on a thread with a
// large stack, and its diagnostics rendered as the CLI prints them.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>

#include "diag/render.h"
#include "driver/driver.h"

namespace infrac::fuzz {

// Runs `call` (returning the driver's Result) through driver::run_with_large_stack.
template <class Call>
std::unique_ptr<driver::Result> on_large_stack(Call call) {
  struct Job {
    Call* call;
    std::unique_ptr<driver::Result> result;
  } job{&call, nullptr};
  driver::run_with_large_stack([](void* p) {
    auto* j = static_cast<Job*>(p);
    j->result = (*j->call)();
  }, &job);
  return std::move(job.result);
}

// Renders every diagnostic both ways the CLI can (text with colour, and JSON), so that a
// span or an argument the renderers cannot handle shows up here too.
inline size_t render_all(const driver::Result& r) {
  auto diags = r.diags.sorted();
  size_t n = diag::render_json(diags, r.sources).size();
  for (const auto& d : diags) n += diag::render_text(d, r.sources, true).size();
  return n;
}

}  // namespace infrac::fuzz
