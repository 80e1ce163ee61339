#include "cli/fmt_command.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <system_error>

#include "diag/render.h"
#include "driver/format.h"
#include "driver/output.h"

namespace infrac::cli {

namespace fs = std::filesystem;

namespace {

// The files PATH names: itself, or a directory's `.infra` files in sorted order.
// A directory that cannot be listed is reported and gives none.
std::vector<std::string> files_of(const std::string& path, bool& failed) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {path};
  std::vector<std::string> out;
  fs::recursive_directory_iterator it(path, fs::directory_options::none, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    std::string leaf = p.filename().string();
    if (it->is_directory(ec)) {
      if (leaf.size() > 1 && leaf[0] == '.') it.disable_recursion_pending();
      continue;
    }
    if (p.extension() == ".infra" && it->is_regular_file(ec)) out.push_back(p.string());
  }
  if (ec) {
    std::cerr << "infrac fmt: cannot list `" << path << "`: " << ec.message() << "\n";
    failed = true;
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct Job {
  const std::string* path;
  std::optional<std::string> text;
  std::unique_ptr<driver::Result> result;
};

std::unique_ptr<driver::Result> format(const std::string& path, std::optional<std::string> text) {
  Job job{&path, std::move(text), nullptr};
  driver::run_with_large_stack([](void* p) {
    auto* j = static_cast<Job*>(p);
    j->result = driver::format_source(*j->path, std::move(j->text));
  }, &job);
  return std::move(job.result);
}

void print_diagnostics(const driver::Result& r, bool color) {
  for (const auto& d : r.diags.sorted()) std::cerr << diag::render_text(d, r.sources, color) << "\n";
}

}  // namespace

int fmt(const FmtOptions& options) {
  bool color = options.color == "always" || (options.color == "auto" && ::isatty(STDERR_FILENO));
  if (options.paths.empty()) {
    // Standard input, read whole; format_source refuses a text past the size limit.
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    auto r = format("<stdin>", text);
    print_diagnostics(*r, color);
    if (!r->ok()) return 1;
    if (options.check) {
      if (r->output == text) return 0;
      std::cout << "<stdin>\n";
      return 1;
    }
    std::cout << r->output;
    std::cout.flush();
    return 0;
  }
  bool failed = false, changed = false;
  for (const std::string& arg : options.paths) {
    for (const std::string& path : files_of(arg, failed)) {
      auto r = format(path, std::nullopt);
      if (!r->ok()) {
        print_diagnostics(*r, color);
        std::cerr << "infrac fmt: `" << path << "` was left as it is\n";
        failed = true;
        continue;
      }
      if (r->output == r->sources.file(0).text()) continue;
      changed = true;
      if (options.check) {
        std::cout << path << "\n";
      } else if (!driver::write_output(path, r->output, r->diags)) {
        print_diagnostics(*r, color);
        failed = true;
      }
    }
  }
  std::cout.flush();
  return failed || (options.check && changed) ? 1 : 0;
}

}  // namespace infrac::cli
