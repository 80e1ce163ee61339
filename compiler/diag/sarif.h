// Renders diagnostics as SARIF 2.1.0 (the OASIS Static Analysis Results Interchange
// Format), which code-scanning services and editors read. One log, one run: the rules are
// the whole diagnostic catalog (so that a rule index means the same in every log this
// version writes), the results are the diagnostics given.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/render.h"

namespace infrac::diag {

// What the documentation says of a code: its title and its explanation (Markdown).
// Either may be empty for a code the document does not describe.
struct RuleDoc {
  std::string_view title;
  std::string_view explanation;
};

struct SarifOptions {
  std::string tool_version;
  std::string information_uri;  // an absolute URI: where the tool is described
  // The directory that relative artifact URIs are relative to (an absolute path; the
  // process's working directory when empty).
  std::string base_dir;
  std::function<RuleDoc(std::string_view code)> rule_doc;
};

std::string render_sarif(const std::vector<DiagnosticSet>& sets, const SarifOptions& options);

// A path as a URI reference: unreserved bytes as they are, every other byte
// percent-encoded, `/` kept. Exposed for the tests.
std::string uri_escape_path(std::string_view path);

}  // namespace infrac::diag
