// Compiles source text through the whole pipeline for unit tests.
#pragma once

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include <unistd.h>

#include "diag/render.h"
#include "driver/driver.h"

namespace infrac::test {

struct Compiled {
  std::unique_ptr<driver::Result> result;
  std::string diagnostics;  // rendered, without colour
  bool ok() const { return result->ok(); }
  const std::string& output() const { return result->output; }
  bool has_code(std::string_view code) const {
    for (const auto& d : result->diags.diagnostics()) {
      if (d.code() == code) return true;
    }
    return false;
  }
};

inline Compiled compile_text(const std::string& text, driver::Format format = driver::Format::Yaml) {
  char path[] = "/tmp/infrac-unit-XXXXXX.infra";
  int fd = ::mkstemps(path, 6);
  ::write(fd, text.data(), text.size());
  ::close(fd);
  driver::Options o;
  o.input = path;
  o.format = format;
  Compiled c{driver::compile(o), ""};
  for (const auto& d : c.result->diags.sorted()) c.diagnostics += diag::render_text(d, c.result->sources, false);
  ::unlink(path);
  return c;
}

}  // namespace infrac::test
