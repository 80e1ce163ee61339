#include "syntax/parser.h"

#include <antlr4-runtime.h>

#include <algorithm>

#include "InfraLexer.h"
#include "InfraParser.h"
#include "syntax/ast_builder.h"
#include "syntax/depth.h"
#include "syntax/lexer.h"
#include "syntax/offsets.h"
#include "syntax/parser_base.h"
#include "syntax/syntax_errors.h"
#include "syntax/token_list.h"

namespace infrac::syntax {

using gen::InfraLexer;
using gen::InfraParser;

namespace {

// Parser errors must never reach stderr through ANTLR's console listener.
class SilentListener : public antlr4::BaseErrorListener {};

// Reads every token into `tokens`, reporting lexical errors (stray characters, unterminated
// strings and comments, unmatched `}`) in the project's words, and stops at the first token
// that nests too deep (syntax/depth.h). False when anything was reported.
bool lex(std::string_view text, TokenList& tokens, FileId file, const OffsetMap& offsets, diag::Engine& diags) {
  bool ok = true;
  auto span_of = [&](antlr4::Token* t) {
    return Span{file, offsets.byte(t->getStartIndex()), offsets.byte(t->getStopIndex() + 1)};
  };
  // About a token for every five bytes of source: one reservation, seldom a second.
  tokens.reserve(std::min(text.size() / 5 + 16, kMaxTokens + 1));
  Lexer lexer(text);
  std::vector<size_t> open_strings;   // indices of tokens
  std::vector<size_t> open_heredocs;
  DepthCheck depth(file, offsets, diags);
  Lexeme lexeme;
  while (true) {
    if (!lexer.next(lexeme)) {
      uint32_t at = offsets.byte(lexer.unmatched_brace());
      diags.report(diag::Kind::UnmatchedBrace, Span{file, at, at + 1})
          .help("remove it, or add the `{` it was meant to close");
      return false;
    }
    size_t type = lexeme.type;
    tokens.add(lexeme);
    LexToken* t = &tokens.at(tokens.count() - 1);  // until the next add
    switch (type) {
      case InfraLexer::ERROR_CHAR: {
        std::string text = t->getText();
        diags.report(diag::Kind::UnexpectedCharacter, span_of(t), {text})
            .help(text == "'" ? "strings are written in double quotes: \"...\"" : "remove it");
        ok = false;
        break;
      }
      case InfraLexer::SINGLE_QUOTED: {
        std::string text = t->getText();
        std::string inner = text.substr(1, text.size() - 2);
        diags.report(diag::Kind::UnexpectedCharacter, span_of(t), {"'"})
            .label("strings are written in double quotes")
            .help("write \"" + inner + "\"");
        ok = false;
        break;
      }
      case InfraLexer::UNTERMINATED_COMMENT: {
        Span s = span_of(t);
        s.end = s.begin + 2;
        diags.report(diag::Kind::UnterminatedComment, s).help("close the comment with `*/`");
        ok = false;
        break;
      }
      case InfraLexer::STR_START:
        open_strings.push_back(t->getTokenIndex());
        break;
      case InfraLexer::HEREDOC_START:
        open_heredocs.push_back(t->getTokenIndex());
        break;
      case InfraLexer::HEREDOC_END:
        if (!open_heredocs.empty()) open_heredocs.pop_back();
        break;
      case InfraLexer::HEREDOC_BAD: {
        std::string text = t->getText();
        bool named = text.size() > (heredoc_indented(text) ? 3u : 2u);
        auto b = diags.report(diag::Kind::HeredocStart, span_of(t), {text});
        if (named) b.label("the text of a heredoc starts on the next line").help("end the line after `" + text + "`");
        else b.help("name the marker that closes the text, as in `" + text + "EOT`");
        ok = false;
        break;
      }
      case InfraLexer::STR_END:
        if (!open_strings.empty()) open_strings.pop_back();
        break;
      case InfraLexer::STR_BAD_ESCAPE:
        // A backslash at the end of the line: the line end that follows reports the string.
        break;
      case InfraLexer::STR_NEWLINE: {
        Span s = open_strings.empty() ? span_of(t) : span_of(&tokens.at(open_strings.back()));
        if (!open_strings.empty()) open_strings.pop_back();
        diags.report(diag::Kind::UnterminatedString, s)
            .label("this string is not closed on its line")
            .help("add the closing `\"`; a string cannot span lines (use `\\n` for a line break)");
        ok = false;
        break;
      }
      default:
        break;
    }
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL && !depth.take(t)) return false;
    if (tokens.count() > kMaxTokens && type != antlr4::Token::EOF) {
      diags.report(diag::Kind::TooManyTokens, span_of(t), {std::to_string(kMaxTokens)})
          .note("a template holds at most 500 resources; nested stacks split larger programs")
          .help("split the file into modules");
      return false;
    }
    if (type == antlr4::Token::EOF) break;
  }
  if (!open_heredocs.empty()) {
    LexToken* start = &tokens.at(open_heredocs.back());
    std::string_view text = start->bytes();
    std::string marker(heredoc_marker(text));
    Span s = span_of(start);
    s.end = s.begin + static_cast<uint32_t>((heredoc_indented(text) ? 3 : 2) + marker.size());
    diags.report(diag::Kind::UnterminatedHeredoc, s, {marker})
        .label("this heredoc is not closed before the end of the file")
        .help("end the text with a line holding only `" + marker + "`");
    ok = false;
  } else if (!open_strings.empty()) {
    diags.report(diag::Kind::UnterminatedString, span_of(&tokens.at(open_strings.back())))
        .label("this string is not closed before the end of the file")
        .help("add the closing `\"`");
    ok = false;
  }
  return ok;
}

}  // namespace

ParseResult parse(const SourceManager& sm, FileId file, diag::Engine& diags) {
  ParseResult result;
  result.program.file = file;
  const SourceFile& src = sm.file(file);
  OffsetMap offsets(src.text());
  TokenList tokens(src.text());
  if (!lex(src.text(), tokens, file, offsets, diags)) return result;
  tokens.seek(0);

  SilentListener silent;
  ParseArena arena;  // the tree of this parse: gone with it (syntax/parser_base.h)
  InfraParser parser(&tokens);
  parser.removeErrorListeners();
  parser.addErrorListener(&silent);

  // Stage one: the fast SLL mode, giving up at the first error. Only when it fails,
  // stage two parses again with full LL and reports errors (and when SLL alone cannot
  // parse a valid file, builds it).
  auto bail = std::make_shared<antlr4::BailErrorStrategy>();
  parser.setErrorHandler(bail);
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  // The AST builder reads the contexts' labels, start and stop tokens, never their
  // children: the fast stage builds no tree of children (no terminal nodes, no child
  // lists). The stage that reports errors does, for the error strategy, which looks at
  // what the rule in error has matched so far.
  parser.setBuildParseTree(false);
  auto too_deep = [&](const ParserBase::TooDeep& e) {
    Span at{file, offsets.byte(e.at->getStartIndex()), offsets.byte(e.at->getStopIndex() + 1)};
    diags.report(diag::Kind::NestingTooDeep, at, {std::to_string(kMaxNesting)})
        .help("split the value into `let` declarations");
  };
  // Declaration by declaration: each tree is built into the AST and freed before the
  // next declaration is parsed (`program` is `decl* EOF`, and the builder takes what
  // program would have held). What the builder reports stands only if all of the file
  // parses: otherwise stage two reports the syntax errors alone, as if this had not run.
  diag::Engine::Mark mark = diags.mark();
  bool parsed = false;
  try {
    ProgramBuilder builder(tokens, src.text(), file, offsets, diags);
    while (tokens.LA(1) != antlr4::Token::EOF) {
      parser.setState(antlr4::atn::ATNState::INVALID_STATE_NUMBER);  // a start rule
      builder.add(parser.decl());
      parser.release_tree();
    }
    result.program = builder.finish(tokens.LT(1));
    parsed = true;
  } catch (const antlr4::ParseCancellationException&) {
    diags.rollback(mark);
  } catch (const ParserBase::TooDeep& e) {
    diags.rollback(mark);
    too_deep(e);
    return result;
  }
  if (parsed) {
    result.ok = diags.error_count() == mark.errors;
    return result;
  }
  InfraParser::ProgramContext* tree = nullptr;
  // Stage two: the whole file with full LL, reporting errors.
  tokens.seek(0);
  parser.reset();
  parser.setBuildParseTree(true);
  auto strategy = std::make_shared<ErrorStrategy>(diags, file, offsets);
  parser.setErrorHandler(strategy);
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
  try {
    tree = parser.program();
  } catch (const ParserBase::TooDeep& e) {
    too_deep(e);
    return result;
  }
  if (strategy->errors() > 0) return result;
  size_t before = diags.error_count();
  result.program = build_ast(tree, tokens, src.text(), file, offsets, diags);
  result.ok = diags.error_count() == before;
  return result;
}

}  // namespace infrac::syntax
