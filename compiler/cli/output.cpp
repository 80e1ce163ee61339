#include "cli/output.h"

namespace infrac::cli {}  // namespace infrac::cli
