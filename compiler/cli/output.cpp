#include "cli/output.h"

#include <iostream>

#include "diag/diagnostic.h"

namespace infrac::cli {

int explain(const std::string& code) {
  const diag::KindInfo* k = diag::find_code(code);
  if (k == nullptr) {
    std::cerr << "infrac: `" << code << "` is not a diagnostic code; codes look like E0401 or W0101\n";
    return 2;
  }
  std::cout << k->code << " (" << k->name << "), " << (k->severity == diag::Severity::Error ? "error" : "warning")
            << "\n  " << k->message << "\n";
  return 0;
}

}  // namespace infrac::cli
