// `infrac import`: an existing CloudFormation template (YAML, with short or long forms of
// the intrinsic functions, or JSON) as a `.infra` program that builds the same template.
// What the language cannot write is reported (E0910, E0911, E0301) and nothing is made.
#pragma once

#include <optional>

#include "base/source.h"
#include "diag/diagnostic.h"
#include "syntax/ast.h"

namespace infrac::importer {

std::optional<ast::Program> import_template(const SourceManager& sm, FileId file, diag::Engine& diags);

}  // namespace infrac::importer
