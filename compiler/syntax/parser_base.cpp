#include "syntax/parser_base.h"

#include "syntax/depth.h"

namespace infrac::syntax {

namespace {

thread_local ParseArena* current_arena = nullptr;

// The first block holds the tree of a small file; later ones grow with what was needed.
constexpr size_t kFirstBlock = 64 * 1024;
constexpr size_t kLargestBlock = 4 * 1024 * 1024;

}  // namespace

ParseArena::ParseArena() : previous_(current_arena) { current_arena = this; }

ParseArena::~ParseArena() { current_arena = previous_; }

ParseArena& ParseArena::current() {
  if (current_arena != nullptr) return *current_arena;
  static ParseArena* process = new ParseArena;  // never destroyed: see the header
  return *process;
}

void* ParseArena::allocate(size_t bytes) {
  constexpr size_t align = alignof(std::max_align_t);
  bytes = (bytes + align - 1) / align * align;
  if (bytes > left_) {
    size_t size = std::max(bytes, std::min(kLargestBlock, reserved_ == 0 ? kFirstBlock : reserved_));
    size_t units = (size + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t);
    blocks_.emplace_back(new std::max_align_t[units]);
    next_ = reinterpret_cast<char*>(blocks_.back().get());
    left_ = units * sizeof(std::max_align_t);
    last_size_ = left_;
    reserved_ += left_;
  }
  void* out = next_;
  next_ += bytes;
  left_ -= bytes;
  return out;
}

void ParseArena::rewind() {
  if (blocks_.empty()) return;
  // The last block is the largest: blocks grow.
  size_t kept = last_size_;
  std::unique_ptr<std::max_align_t[]> last = std::move(blocks_.back());
  blocks_.clear();
  blocks_.push_back(std::move(last));
  next_ = reinterpret_cast<char*>(blocks_.back().get());
  left_ = kept;
  reserved_ = kept;
}

void ParserBase::release_tree() {
  _tracker.reset();
  ParseArena::current().rewind();
}

void ParserBase::reset() {
  antlr4::Parser::reset();
  depth_ = 0;
}

antlr4::Token* ParserBase::consume() {
  antlr4::Token* o = getCurrentToken();
  if (o->getType() != antlr4::Token::EOF) _input->consume();
  if (_buildParseTrees) {
    if (_errHandler->inErrorRecoveryMode(this)) {
      _ctx->addChild(createErrorNode(o));
    } else {
      _ctx->addChild(_tracker.createInstance<ArenaTerminalNode>(o));
    }
  }
  return o;
}

void ParserBase::enterRule(antlr4::ParserRuleContext* ctx, size_t state, size_t) {
  setState(state);
  _ctx = ctx;
  _ctx->start = _input->LT(1);
  if (_buildParseTrees && _ctx->parent != nullptr) parent_of(_ctx)->addChild(_ctx);
  ++depth_;
}

void ParserBase::exitRule() {
  _ctx->stop = _matchedEOF ? _input->LT(1) : _input->LT(-1);
  setState(_ctx->invokingState);
  _ctx = parent_of(_ctx);
  --depth_;
}

void ParserBase::enterOuterAlt(antlr4::ParserRuleContext* ctx, size_t alt) {
  if (depth_ > kMaxParseDepth) throw TooDeep{ctx->getStart()};
  ctx->setAltNumber(alt);
  if (_buildParseTrees && _ctx != ctx && _ctx->parent != nullptr) {
    antlr4::ParserRuleContext* parent = parent_of(_ctx);
    parent->removeLastChild();
    parent->addChild(ctx);
  }
  _ctx = ctx;
}

void ParserBase::enterRecursionRule(antlr4::ParserRuleContext* ctx, size_t state, size_t, int precedence) {
  setState(state);
  _precedenceStack.push_back(precedence);
  _ctx = ctx;
  _ctx->start = _input->LT(1);
  ++depth_;
}

void ParserBase::pushNewRecursionContext(antlr4::ParserRuleContext* ctx, size_t state, size_t) {
  antlr4::ParserRuleContext* previous = _ctx;
  previous->parent = ctx;
  previous->invokingState = state;
  previous->stop = _input->LT(-1);
  _ctx = ctx;
  _ctx->start = previous->start;
  if (_buildParseTrees) _ctx->addChild(previous);
  // Not a level deeper: the new context takes the place of the one it now holds (the
  // generated code signals the old one's exit to listeners before it comes here).
}

void ParserBase::unrollRecursionContexts(antlr4::ParserRuleContext* parent) {
  _precedenceStack.pop_back();
  _ctx->stop = _input->LT(-1);
  antlr4::ParserRuleContext* ret = _ctx;
  --depth_;  // the one level enterRecursionRule entered
  _ctx = parent;
  ret->parent = parent;
  if (_buildParseTrees && parent != nullptr) parent->addChild(ret);
}

}  // namespace infrac::syntax
