#include "base/pattern.h"

#include <re2/re2.h>

#include <map>
#include <mutex>
#include <utility>

#include "base/pattern_class.h"
#include "base/pattern_syntax.h"
#include "base/source.h"

namespace infrac {

namespace {

// The memory one pattern may use, its compiled program and its matching state together.
// A pattern that needs more is retried without upper bounds on its counts, then given up.
constexpr int64_t kMaxMem = 4 << 20;

// How every pattern is compiled: UTF-8, quiet, within the memory bound.
RE2::Options re2_options() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingUTF8);
  options.set_log_errors(false);
  options.set_max_mem(kMaxMem);
  return options;
}

// `bounded`: the translation with its counts bounded, when the caller has made it already.
std::unique_ptr<re2::RE2> compile(const std::string& source, PatternDialect dialect, bool& line_sensitive,
                                  std::optional<Re2Syntax> bounded = std::nullopt) {
  for (bool unbounded : {false, true}) {
    std::optional<Re2Syntax> syntax =
        !unbounded && bounded ? std::move(bounded) : to_re2_syntax(source, dialect, unbounded);
    if (!syntax) return nullptr;
    auto re = std::make_unique<re2::RE2>(syntax->text, re2_options());
    if (re->ok()) {
      line_sensitive = syntax->line_sensitive;
      return re;
    }
    if (re->error_code() != RE2::ErrorPatternTooLarge && re->error_code() != RE2::ErrorRepeatSize) return nullptr;
  }
  return nullptr;
}

// Whether `text` has a line terminator of any engine: \n, \r, U+0085, U+2028, U+2029.
bool has_line_break(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n' || c == '\r') return true;
    if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\x85') return true;
    if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' && (text[i + 2] == '\xA8' || text[i + 2] == '\xA9'))
      return true;
  }
  return false;
}

}  // namespace

Pattern::Pattern(std::unique_ptr<re2::RE2> re, bool line_sensitive) : re_(std::move(re)), line_sensitive_(line_sensitive) {}

Pattern::~Pattern() = default;  // ClassPattern and RE2 are complete here

std::shared_ptr<const Pattern> Pattern::get(const std::string& source, PatternDialect dialect) {
  constexpr size_t kMaxCached = 4096;  // more than the catalog's 2,346 distinct patterns
  static std::mutex mutex;
  static std::map<std::pair<PatternDialect, std::string>, std::shared_ptr<const Pattern>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto key = std::make_pair(dialect, source);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  bool line_sensitive = false;
  std::shared_ptr<const Pattern> pattern;
  std::optional<Re2Syntax> syntax = to_re2_syntax(source, dialect, false);
  std::optional<ClassPattern> simple = syntax ? read_class_pattern(syntax->text) : std::nullopt;
  if (simple && !simple->anchored && dialect != PatternDialect::AllowedPattern) simple.reset();
  // A pattern with Unicode classes: ASCII texts are decided by the pattern narrowed to
  // ASCII, and the whole pattern is compiled only for a text beyond ASCII.
  std::optional<std::string> narrowed = syntax && !simple ? ascii_narrowed(syntax->text) : std::nullopt;
  if (simple || narrowed) {  // compiled whole on first need (compiled())
    auto* p = new Pattern(nullptr, syntax->line_sensitive);
    if (simple) p->class_ = std::make_unique<const ClassPattern>(*simple);
    else p->ascii_text_ = std::move(*narrowed);
    p->source_ = source;
    p->dialect_ = dialect;
    pattern.reset(p);
  } else if (syntax) {  // no translation: the pattern is not checked
    if (auto re = compile(source, dialect, line_sensitive, std::move(syntax))) {
      pattern.reset(new Pattern(std::move(re), line_sensitive));
    }
  }
  if (cache.size() >= kMaxCached) cache.clear();  // those in use live on in their callers' hands
  cache.emplace(std::move(key), pattern);
  return pattern;
}

bool Pattern::undecidable(std::string_view text) const {
  return find_invalid_utf8(text) != std::string_view::npos || (line_sensitive_ && has_line_break(text));
}

const re2::RE2* Pattern::compiled() const {
  std::call_once(compile_once_, [this] {
    bool line_sensitive = false;  // already known: the same translation gave the class
    if (re_ == nullptr && (class_ != nullptr || !ascii_text_.empty())) re_ = compile(source_, dialect_, line_sensitive);
  });
  return re_.get();
}

const re2::RE2* Pattern::ascii_compiled() const {
  std::call_once(ascii_once_, [this] {
    if (ascii_text_.empty()) return;
    auto re = std::make_unique<re2::RE2>(ascii_text_, re2_options());
    if (re->ok()) ascii_re_ = std::move(re);
  });
  return ascii_re_.get();
}

bool Pattern::ascii_decides(std::string_view text, bool whole, bool& matched) const {
  if (ascii_text_.empty() || !is_ascii(text)) return false;
  const re2::RE2* re = ascii_compiled();
  if (re == nullptr) return false;  // the whole pattern decides
  matched = whole ? RE2::FullMatch(text, *re) : RE2::PartialMatch(text, *re);
  return true;
}

// A class pattern is anchored (or matched whole), so a search and a whole match agree.
// A pattern that RE2 then cannot compile is not checked, like one it refuses at once.
bool Pattern::full_match(std::string_view text) const {
  if (undecidable(text)) return true;
  if (class_ != nullptr && is_ascii(text)) return class_->matches(text);
  if (bool matched = false; ascii_decides(text, true, matched)) return matched;
  const re2::RE2* re = compiled();
  return re == nullptr || RE2::FullMatch(text, *re);
}

bool Pattern::search(std::string_view text) const {
  if (undecidable(text)) return true;
  if (class_ != nullptr && class_->anchored && is_ascii(text)) return class_->matches(text);
  if (bool matched = false; ascii_decides(text, false, matched)) return matched;
  const re2::RE2* re = compiled();
  return re == nullptr || RE2::PartialMatch(text, *re);
}

}  // namespace infrac
