// Turns a parse tree that parsed without error into the owned AST (syntax/ast.h).
// Escapes and number literals are checked here; their errors go to the engine.
#pragma once

#include "diag/diagnostic.h"
#include "syntax/ast.h"
#include "syntax/offsets.h"

#include <antlr4-runtime.h>

#include <memory>
#include <string_view>

#include "InfraParser.h"
#include "syntax/token_list.h"

namespace infrac::syntax {

class AstBuilder;

// Builds a program declaration by declaration, as the parser parses them, so that the
// tree of each can go before the next is parsed. `source` is the file's text, whose
// bytes the tokens index.
class ProgramBuilder {
 public:
  ProgramBuilder(TokenList& tokens, std::string_view source, FileId file, const OffsetMap& offsets,
                 diag::Engine& diags);
  ~ProgramBuilder();
  void reserve(size_t decls);
  void add(gen::InfraParser::DeclContext* decl);
  // The program, once every declaration is in; `eof` is the file's EOF token.
  ast::Program finish(antlr4::Token* eof);

 private:
  std::unique_ptr<AstBuilder> impl_;
};

// The whole tree at once.
ast::Program build_ast(gen::InfraParser::ProgramContext* program, TokenList& tokens,
                       std::string_view source, FileId file, const OffsetMap& offsets, diag::Engine& diags);

}  // namespace infrac::syntax
