#include "syntax/parser.h"

#include <antlr4-runtime.h>

#include "InfraLexer.h"
#include "InfraParser.h"
#include "syntax/ast_builder.h"
#include "syntax/depth.h"
#include "syntax/heredoc_lexer.h"
#include "syntax/offsets.h"
#include "syntax/syntax_errors.h"

namespace infrac::syntax {

using gen::InfraLexer;
using gen::InfraParser;

namespace {

// Lexer and parser errors must never reach stderr through ANTLR's console listener.
class SilentListener : public antlr4::BaseErrorListener {};

struct LexResult {
  std::vector<std::unique_ptr<antlr4::Token>> tokens;
  bool ok = true;
};

// Pulls every token, reporting lexical errors (stray characters, unterminated strings and
// comments, unmatched `}`) in the project's words, and stops at the first token that nests
// too deep (syntax/depth.h).
LexResult lex(InfraLexer& lexer, FileId file, const OffsetMap& offsets, diag::Engine& diags) {
  LexResult r;
  auto span_of = [&](antlr4::Token* t) {
    return Span{file, offsets.byte(t->getStartIndex()), offsets.byte(t->getStopIndex() + 1)};
  };
  std::vector<antlr4::Token*> open_strings;
  std::vector<antlr4::Token*> open_heredocs;
  DepthCheck depth(file, offsets, diags);
  while (true) {
    std::unique_ptr<antlr4::Token> tok;
    try {
      tok = lexer.nextToken();
    } catch (const antlr4::EmptyStackException&) {
      uint32_t at = offsets.byte(lexer.tokenStartCharIndex);
      diags.report(diag::Kind::UnmatchedBrace, Span{file, at, at + 1})
          .help("remove it, or add the `{` it was meant to close");
      r.ok = false;
      return r;
    }
    antlr4::Token* t = tok.get();
    size_t type = t->getType();
    switch (type) {
      case InfraLexer::ERROR_CHAR: {
        std::string text = t->getText();
        diags.report(diag::Kind::UnexpectedCharacter, span_of(t), {text})
            .help(text == "'" ? "strings are written in double quotes: \"...\"" : "remove it");
        r.ok = false;
        break;
      }
      case InfraLexer::SINGLE_QUOTED: {
        std::string text = t->getText();
        std::string inner = text.substr(1, text.size() - 2);
        diags.report(diag::Kind::UnexpectedCharacter, span_of(t), {"'"})
            .label("strings are written in double quotes")
            .help("write \"" + inner + "\"");
        r.ok = false;
        break;
      }
      case InfraLexer::UNTERMINATED_COMMENT: {
        Span s = span_of(t);
        s.end = s.begin + 2;
        diags.report(diag::Kind::UnterminatedComment, s).help("close the comment with `*/`");
        r.ok = false;
        break;
      }
      case InfraLexer::STR_START:
        open_strings.push_back(t);
        break;
      case InfraLexer::HEREDOC_START:
        open_heredocs.push_back(t);
        break;
      case InfraLexer::HEREDOC_END:
        if (!open_heredocs.empty()) open_heredocs.pop_back();
        break;
      case InfraLexer::HEREDOC_BAD: {
        std::string text = t->getText();
        bool named = text.size() > (HeredocLexer::indented(text) ? 3u : 2u);
        auto b = diags.report(diag::Kind::HeredocStart, span_of(t), {text});
        if (named) b.label("the text of a heredoc starts on the next line").help("end the line after `" + text + "`");
        else b.help("name the marker that closes the text, as in `" + text + "EOT`");
        r.ok = false;
        break;
      }
      case InfraLexer::STR_END:
        if (!open_strings.empty()) open_strings.pop_back();
        break;
      case InfraLexer::STR_BAD_ESCAPE:
        // A backslash at the end of the line: the line end that follows reports the string.
        break;
      case InfraLexer::STR_NEWLINE: {
        Span s = open_strings.empty() ? span_of(t) : span_of(open_strings.back());
        if (!open_strings.empty()) open_strings.pop_back();
        diags.report(diag::Kind::UnterminatedString, s)
            .label("this string is not closed on its line")
            .help("add the closing `\"`; a string cannot span lines (use `\\n` for a line break)");
        r.ok = false;
        break;
      }
      default:
        break;
    }
    if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL && !depth.take(t)) {
      r.ok = false;
      return r;
    }
    if (r.tokens.size() >= kMaxTokens && type != antlr4::Token::EOF) {
      diags.report(diag::Kind::TooManyTokens, span_of(t), {std::to_string(kMaxTokens)})
          .note("a template holds at most 500 resources; nested stacks split larger programs")
          .help("split the file into modules");
      r.ok = false;
      return r;
    }
    r.tokens.push_back(std::move(tok));
    if (type == antlr4::Token::EOF) break;
  }
  if (!open_heredocs.empty()) {
    antlr4::Token* start = open_heredocs.back();
    std::string text = start->getText();
    std::string marker = HeredocLexer::marker_of(text);
    Span s = span_of(start);
    s.end = s.begin + static_cast<uint32_t>((HeredocLexer::indented(text) ? 3 : 2) + marker.size());
    diags.report(diag::Kind::UnterminatedHeredoc, s, {marker})
        .label("this heredoc is not closed before the end of the file")
        .help("end the text with a line holding only `" + marker + "`");
    r.ok = false;
  } else if (!open_strings.empty()) {
    diags.report(diag::Kind::UnterminatedString, span_of(open_strings.back()))
        .label("this string is not closed before the end of the file")
        .help("add the closing `\"`");
    r.ok = false;
  }
  return r;
}

// The generated parser, stopped by a ParseDepthGuard when its tree gets too deep.
class GuardedParser : public InfraParser {
 public:
  explicit GuardedParser(antlr4::TokenStream* input) : InfraParser(input) { addParseListener(&guard_); }
  ~GuardedParser() override { removeParseListener(&guard_); }
  void enterOuterAlt(antlr4::ParserRuleContext* ctx, size_t alt) override {
    guard_.check(ctx);
    InfraParser::enterOuterAlt(ctx, alt);
  }

 private:
  ParseDepthGuard guard_;
};

}  // namespace

ParseResult parse(const SourceManager& sm, FileId file, diag::Engine& diags) {
  ParseResult result;
  result.program.file = file;
  const SourceFile& src = sm.file(file);
  OffsetMap offsets(src.text());
  antlr4::ANTLRInputStream input(src.text());
  HeredocLexer lexer(&input);
  SilentListener silent;
  lexer.removeErrorListeners();
  lexer.addErrorListener(&silent);

  LexResult lexed = lex(lexer, file, offsets, diags);
  if (!lexed.ok) return result;

  antlr4::ListTokenSource source(std::move(lexed.tokens));
  antlr4::CommonTokenStream tokens(&source);
  tokens.fill();
  GuardedParser parser(&tokens);
  parser.removeErrorListeners();
  parser.addErrorListener(&silent);

  // Stage one: the fast SLL mode, giving up at the first error. Only when it fails,
  // stage two parses again with full LL and reports errors.
  InfraParser::ProgramContext* tree = nullptr;
  auto bail = std::make_shared<antlr4::BailErrorStrategy>();
  parser.setErrorHandler(bail);
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  auto too_deep = [&](const ParseDepthGuard::TooDeep& e) {
    Span at{file, offsets.byte(e.at->getStartIndex()), offsets.byte(e.at->getStopIndex() + 1)};
    diags.report(diag::Kind::NestingTooDeep, at, {std::to_string(kMaxNesting)})
        .help("split the value into `let` declarations");
  };
  try {
    tree = parser.program();
  } catch (const antlr4::ParseCancellationException&) {
    tree = nullptr;
  } catch (const ParseDepthGuard::TooDeep& e) {
    too_deep(e);
    return result;
  }
  if (tree == nullptr) {
    tokens.seek(0);
    parser.reset();
    auto strategy = std::make_shared<ErrorStrategy>(diags, file, offsets);
    parser.setErrorHandler(strategy);
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
    try {
      tree = parser.program();
    } catch (const ParseDepthGuard::TooDeep& e) {
      too_deep(e);
      return result;
    }
    if (strategy->errors() > 0) return result;
  }
  size_t before = diags.error_count();
  result.program = build_ast(tree, tokens, src.text(), file, offsets, diags);
  result.ok = diags.error_count() == before;
  return result;
}

}  // namespace infrac::syntax
