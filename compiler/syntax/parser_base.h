// What the generated parser stands on (grammar/InfraParser.g4 names these classes in its
// `superClass` and `contextSuperClass` options): the ANTLR runtime's Parser, driven
// without the costs a general-purpose runtime pays on every rule and token.
//
// - The runtime moves between a context and its parent with `dynamic_cast` on every rule's
//   entry and exit; in a parser every parent is a ParserRuleContext, so ParserBase uses
//   `static_cast`. The runtime's `exitRule` is not virtual: ParserBase's hides it, and the
//   generated code, which calls it unqualified, calls ParserBase's.
// - The depth of the rule being parsed is counted here, where the runtime would need a
//   parse listener (and a terminal node and a listener call for every token) to count it.
//   Beyond kMaxParseDepth (syntax/depth.h) the parser throws TooDeep.
// - Every context and terminal node of one parse is allocated from a ParseArena and is
//   never freed one by one: the tree goes, all at once, with the arena.
//
// The tree and the parse are the runtime's own otherwise: the same contexts, children,
// start and stop tokens, error recovery and prediction.
#pragma once

#include <antlr4-runtime.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace infrac::syntax {

// Bump allocation for the parse tree of one parse. Constructed, it becomes the current
// arena of its thread until it is destroyed (arenas nest). Contexts made while no arena is
// current come from one that lives as long as the process.
class ParseArena {
 public:
  ParseArena();
  ~ParseArena();
  ParseArena(const ParseArena&) = delete;
  ParseArena& operator=(const ParseArena&) = delete;

  void* allocate(size_t bytes);
  // Gives every node allocated so far back, all at once, keeping the largest block for
  // what comes next. The nodes must be gone (ParserBase::release_tree).
  void rewind();
  static ParseArena& current();
  // The bytes taken from the system so far.
  size_t reserved() const { return reserved_; }

 private:
  std::vector<std::unique_ptr<std::max_align_t[]>> blocks_;
  char* next_ = nullptr;
  size_t left_ = 0;
  size_t reserved_ = 0;
  size_t last_size_ = 0;  // of the last block
  ParseArena* previous_;
};

// The base of every context class the parser generates.
class ArenaContext : public antlr4::ParserRuleContext {
 public:
  using antlr4::ParserRuleContext::ParserRuleContext;
  ArenaContext() = default;

  static void* operator new(size_t bytes) { return ParseArena::current().allocate(bytes); }
  static void operator delete(void*) noexcept {}
};

// A terminal node of the tree, from the arena too.
class ArenaTerminalNode : public antlr4::tree::TerminalNodeImpl {
 public:
  using antlr4::tree::TerminalNodeImpl::TerminalNodeImpl;

  static void* operator new(size_t bytes) { return ParseArena::current().allocate(bytes); }
  static void operator delete(void*) noexcept {}
};

class ParserBase : public antlr4::Parser {
 public:
  // Thrown when the tree gets deeper than kMaxParseDepth; `at` starts the alternative.
  struct TooDeep {
    antlr4::Token* at;
  };

  explicit ParserBase(antlr4::TokenStream* input) : antlr4::Parser(input) {}

  void reset() override;
  // Frees the tree of what has been parsed so far, for a parse that goes on from where it
  // is, rule by rule (the parser must be between rules).
  void release_tree();
  antlr4::Token* consume() override;
  void enterRule(antlr4::ParserRuleContext* ctx, size_t state, size_t rule) override;
  void exitRule();
  void enterOuterAlt(antlr4::ParserRuleContext* ctx, size_t alt) override;
  using antlr4::Parser::enterRecursionRule;
  void enterRecursionRule(antlr4::ParserRuleContext* ctx, size_t state, size_t rule, int precedence) override;
  void pushNewRecursionContext(antlr4::ParserRuleContext* ctx, size_t state, size_t rule) override;
  void unrollRecursionContexts(antlr4::ParserRuleContext* parent) override;

 private:
  antlr4::ParserRuleContext* parent_of(antlr4::ParserRuleContext* ctx) const {
    return static_cast<antlr4::ParserRuleContext*>(ctx->parent);
  }

  int depth_ = 0;  // the rules entered and not yet left
};

}  // namespace infrac::syntax
