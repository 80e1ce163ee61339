#include "cli/output_options.h"

#include <cctype>

namespace infrac::cli {

namespace {

bool ends_with_ci(const std::string& s, const std::string& suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  }
  return true;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string template_format_of(const std::string& path) {
  if (ends_with_ci(path, ".json")) return "json";
  if (ends_with_ci(path, ".yaml") || ends_with_ci(path, ".yml")) return "yaml";
  return "";
}

BuildOutputChoice choose_build_output(const BuildOutputRequest& r) {
  BuildOutputChoice c;
  std::string by_name = template_format_of(r.output);
  if (r.nested) {
    if (r.output.empty()) {
      c.error = "--nested-stacks writes several files: give the directory with -o DIR";
      return c;
    }
    // A name such as stack.yaml is almost surely meant as one template: without this
    // check it would become a directory of that name.
    if (!by_name.empty()) {
      c.error = "--nested-stacks writes several files into a directory, but -o `" + r.output +
                "` names a template file: name a directory, such as -o " +
                r.output.substr(0, r.output.rfind('.'));
      return c;
    }
  }
  if (r.output.empty() && r.diagnostics != "text") {
    c.error = "--diagnostics-format " + r.diagnostics +
              " prints the diagnostics on standard output, where the template goes without -o: "
              "write the template to a file with -o FILE";
    return c;
  }
  if (!r.format.empty() && !by_name.empty() && !r.nested && r.format != by_name) {
    c.error = "-o `" + r.output + "` names a " + upper(by_name) + " file, but --format " + r.format + " asks for " +
              upper(r.format) + ": drop --format, or make the two agree";
    return c;
  }
  c.format = !r.format.empty() ? r.format : !by_name.empty() && !r.nested ? by_name : "yaml";
  return c;
}

}  // namespace infrac::cli
