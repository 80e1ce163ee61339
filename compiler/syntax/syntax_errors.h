// Syntax errors in the project's words: an ANTLR error strategy that reports through the
// diagnostic engine ("expected `=` after property name `CidrBlock`").
#pragma once

#include <antlr4-runtime.h>

#include "diag/diagnostic.h"
#include "syntax/offsets.h"

namespace infrac::syntax {

class ErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  ErrorStrategy(diag::Engine& diags, FileId file, const OffsetMap& offsets)
      : diags_(diags), file_(file), offsets_(offsets) {}

  int errors() const { return errors_; }

 protected:
  void reportNoViableAlternative(antlr4::Parser* p, const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* p, const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* p, const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* p) override;
  void reportMissingToken(antlr4::Parser* p) override;

 private:
  void expected(antlr4::Parser* p, antlr4::Token* found, const antlr4::misc::IntervalSet& want);
  bool suppress(antlr4::Token* at);
  Span span_of(antlr4::Token* t) const;

  diag::Engine& diags_;
  FileId file_;
  const OffsetMap& offsets_;
  int errors_ = 0;
  size_t last_line_ = 0;
};

}  // namespace infrac::syntax
