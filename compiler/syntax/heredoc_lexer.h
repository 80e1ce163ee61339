// The generated lexer, with the one thing its grammar cannot say: where a heredoc ends.
// infrac lexes with syntax/lexer.h; this is the reference the unit tests hold that one to
// (syntax/lexer_reference.h), built into infrac_lexer_reference only.
// `<<EOT` names its own closing marker, so the lexer remembers the markers of the open
// heredocs and, at the start of each line of a heredoc's text, looks for a line holding
// only blanks and the innermost marker; it makes that line a HEREDOC_END token.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "InfraLexer.h"

namespace infrac::syntax {

class HeredocLexer : public gen::InfraLexer {
 public:
  using gen::InfraLexer::InfraLexer;
  std::unique_ptr<antlr4::Token> nextToken() override;

  // The marker of a HEREDOC_START token's text (`<<-EOT\n` gives `EOT`), and whether it is
  // the indented form.
  static std::string marker_of(const std::string& start_text);
  static bool indented(const std::string& start_text);

 private:
  // How many characters the closing line takes from here (blanks and the marker), or 0.
  size_t closing_line(const std::string& marker);

  std::vector<std::string> markers_;  // of the open heredocs, innermost last
  bool at_line_start_ = false;        // the next character starts a line of a heredoc's text
};

}  // namespace infrac::syntax
