// Regular expressions from resource schemas and from parameters' AllowedPattern, matched
// with RE2: time linear in the text, no recursion on the text, bounded memory, whatever
// the pattern. No other file includes RE2.
//
// The patterns are written for other engines (schemas for JSON Schema's ECMAScript,
// AllowedPattern for CloudFormation's Java, and cfn-lint reads both with Python), which
// disagree on details. A pattern is translated so that it accepts everything any of them
// accepts: where the readings differ, the wider one is taken, and what cannot be widened
// soundly (backreferences, nested classes) makes the pattern unchecked. A text these
// functions reject is therefore rejected by every engine; see pattern_syntax.h.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace re2 {
class RE2;
}

namespace infrac {

struct ClassPattern;

enum class PatternDialect {
  JsonSchema,      // a `pattern` of a resource schema (ECMAScript)
  AllowedPattern,  // a template parameter's AllowedPattern (Java)
};

class Pattern {
 public:
  // The pattern compiled, once per program run while it stays in the cache (which
  // holds a few thousand, then starts again: a long-running process such as a fuzzer or
  // an editor's server meets any number of them); nullptr when it is not checked here
  // (a syntax RE2 lacks, a syntax error, or too large for the memory bound).
  static std::shared_ptr<const Pattern> get(const std::string& source, PatternDialect dialect);

  // Whether the whole of `text` matches (AllowedPattern), or some part of it (a
  // schema's `pattern`). Both are true when the engines could disagree on `text`: it
  // has a line break and the pattern an end anchor, or it is not UTF-8.
  bool full_match(std::string_view text) const;
  bool search(std::string_view text) const;

  ~Pattern();

 private:
  Pattern(std::unique_ptr<re2::RE2> re, bool line_sensitive);
  bool undecidable(std::string_view text) const;
  // The pattern compiled, on first need for one of the class form (pattern_class.h) or
  // one narrowed for ASCII texts.
  const re2::RE2* compiled() const;
  // The pattern narrowed to ASCII (pattern_class.h), compiled on first need; nullptr
  // when it has none or it does not compile.
  const re2::RE2* ascii_compiled() const;
  // Whether an ASCII `text` is decided by the narrowed pattern, and how.
  bool ascii_decides(std::string_view text, bool whole, bool& matched) const;

  mutable std::unique_ptr<re2::RE2> re_;
  std::string ascii_text_;  // the narrowed pattern, when there is one
  mutable std::unique_ptr<re2::RE2> ascii_re_;
  mutable std::once_flag ascii_once_;
  bool line_sensitive_;
  std::unique_ptr<const ClassPattern> class_;  // set: decided without RE2 for ASCII texts
  std::string source_;                         // what to compile when `re_` is needed
  PatternDialect dialect_ = PatternDialect::JsonSchema;
  mutable std::once_flag compile_once_;
};

}  // namespace infrac
