// textDocument/formatting: `infrac fmt` of the document's text, as one edit.
#include "driver/format.h"
#include "lsp/features.h"

namespace infrac::lsp {

nlohmann::json formatting(const Analysis& a) {
  struct Job {
    const Analysis* a;
    std::unique_ptr<driver::Result> r;
  } job{&a, nullptr};
  driver::run_with_large_stack([](void* p) {
    auto* j = static_cast<Job*>(p);
    j->r = driver::format_source(j->a->path, j->a->text);
  }, &job);
  if (!job.r->ok()) return nullptr;
  if (job.r->output == a.text) return nlohmann::json::array();
  uint32_t end = static_cast<uint32_t>(a.text.size());
  return nlohmann::json::array({{{"range", range_json(a.lines, 0, end, a.encoding)}, {"newText", job.r->output}}});
}

}  // namespace infrac::lsp
