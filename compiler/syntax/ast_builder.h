// Turns a parse tree that parsed without error into the owned AST (syntax/ast.h).
// Escapes and number literals are checked here; their errors go to the engine.
#pragma once

#include "diag/diagnostic.h"
#include "syntax/ast.h"
#include "syntax/offsets.h"

#include <antlr4-runtime.h>

#include <string_view>

#include "InfraParser.h"
#include "syntax/token_list.h"

namespace infrac::syntax {

// `source` is the file's text, whose bytes the tokens index.
ast::Program build_ast(gen::InfraParser::ProgramContext* program, TokenList& tokens,
                       std::string_view source, FileId file, const OffsetMap& offsets, diag::Engine& diags);

}  // namespace infrac::syntax
