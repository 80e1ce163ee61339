// The build step that parses the stdlib once, for every later run of the compiler: it
// parses each .infra under a directory with the compiler's own parser and writes the
// blob of syntax/preparsed.h, which the infrac binary embeds (sema/embedded_stdlib.h).
// A module that does not parse cleanly (any diagnostic, warnings included) is left out,
// so that the compiler parses it at run time and reports what the parser says.
//
//   infrac_preparse STDLIB_DIR OUTPUT
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "base/source.h"
#include "diag/diagnostic.h"
#include "syntax/parser.h"
#include "syntax/preparsed.h"

namespace fs = std::filesystem;

namespace {

bool read(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return static_cast<bool>(in);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: infrac_preparse STDLIB_DIR OUTPUT\n";
    return 2;
  }
  fs::path dir = argv[1];
  fs::path output = argv[2];
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".infra") files.push_back(it->path());
  }
  if (ec) {
    std::cerr << "infrac_preparse: cannot list " << dir << ": " << ec.message() << "\n";
    return 1;
  }
  std::sort(files.begin(), files.end());

  infrac::SourceManager sm;
  std::vector<infrac::ast::Program> programs;
  programs.reserve(files.size());  // the sources below point into it
  std::vector<infrac::syntax::PreparsedSource> modules;
  for (const fs::path& f : files) {
    std::string text;
    if (!read(f, text)) {
      std::cerr << "infrac_preparse: cannot read " << f << "\n";
      return 1;
    }
    infrac::FileId file = sm.add(f.string(), text);
    infrac::diag::Engine diags;
    infrac::syntax::ParseResult parsed = infrac::syntax::parse(sm, file, diags);
    if (!parsed.ok || !diags.diagnostics().empty()) {
      std::cerr << "infrac_preparse: " << f.string() << " left out: " << diags.diagnostics().size()
                << " diagnostic(s) when parsing it; infrac will parse it at run time\n";
      continue;
    }
    programs.push_back(std::move(parsed.program));
    modules.push_back({f.lexically_relative(dir).generic_string(), std::move(text), &programs.back()});
  }

  std::string blob;
  if (!infrac::syntax::write_preparsed(std::move(modules), blob)) {
    std::cerr << "infrac_preparse: a program cannot be serialized\n";
    return 1;
  }
  // Written beside the output and renamed over it, so that an interrupted build leaves
  // no half blob behind.
  fs::path tmp = output;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(blob.data(), static_cast<std::streamsize>(blob.size()));
    if (!out) {
      std::cerr << "infrac_preparse: cannot write " << tmp << "\n";
      return 1;
    }
  }
  fs::rename(tmp, output, ec);
  if (ec) {
    std::cerr << "infrac_preparse: cannot write " << output << ": " << ec.message() << "\n";
    return 1;
  }
  return 0;
}
