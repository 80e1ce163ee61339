// Semantic analysis: takes the AST of a root file and gives the checked program.
// Resolves names in any declaration order, evaluates values (folding what is known at
// compile time), checks types and annotations, and finds dependency cycles.
#pragma once

#include "diag/diagnostic.h"
#include "sema/loader.h"
#include "sema/program.h"
#include "syntax/ast.h"

namespace infrac::sema {

// Takes the root file with everything it imports (sema/loader.h).
Program check(const Unit& root, const SourceManager& sm, diag::Engine& diags);

}  // namespace infrac::sema
