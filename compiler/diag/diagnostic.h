// Diagnostics: the catalog of kinds (kinds.def), a diagnostic with its labels, and the
// engine that collects them. Phases report through the engine; the driver renders.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <tuple>
#include <string>
#include <string_view>
#include <vector>

#include "base/source.h"

namespace infrac::diag {

enum class Severity : uint8_t { Error, Warning };

enum class Kind : uint16_t {
#define DIAG(code, name, sev, msg) name,
#include "diag/kinds.def"
#include "diag/kinds_checks.def"
#undef DIAG
};

struct KindInfo {
  std::string_view code;
  std::string_view name;
  Severity severity;
  std::string_view message;
};

const KindInfo& info(Kind kind);
const std::vector<Kind>& all_kinds();
// The kind whose code is `code` (for `infrac explain`), or nullptr.
const KindInfo* find_code(std::string_view code);

struct Note {
  Span span;  // may be invalid: a note without a place
  std::string message;
};

// A change of the source that resolves a diagnostic: `replacement` in place of `span`
// (an insertion when the span is empty). What `help` says in words, for tools: the
// language server offers it as a quick fix.
struct Fix {
  Span span;
  std::string replacement;
  std::string title;
};

struct Diagnostic {
  Kind kind;
  Span span;
  std::string message;
  std::string label;  // short text printed beside the caret, may be empty
  std::vector<Note> notes;
  std::vector<std::string> helps;
  std::vector<Fix> fixes;
  bool repeated = false;  // the same as an earlier one (one mistake reached twice): not shown
  Severity level = Severity::Error;  // the kind's, or what the project file makes of a warning

  Severity severity() const { return level; }
  std::string_view code() const { return info(kind).code; }
};

std::string format_message(std::string_view templ, std::initializer_list<std::string_view> args);

class Engine;

// Returned by Engine::report; attaches notes, help lines and a caret label.
class Builder {
 public:
  Builder(Engine& engine, size_t index) : engine_(engine), index_(index) {}
  Builder& note(Span span, std::string message);
  Builder& note(std::string message) { return note(Span{}, std::move(message)); }
  Builder& help(std::string message);
  // A fix: `replacement` in place of `span`, with a title for the editor's menu.
  Builder& fix(Span span, std::string replacement, std::string title);
  // The usual one: help "did you mean `X`?" and the fix replacing `span` with X.
  Builder& did_you_mean(Span span, const std::string& suggestion, const std::string& shown);
  Builder& label(std::string text);
  // True when the diagnostic will not be shown: it repeats one reported before (a loop
  // body or a module reached again), or it is past kMaxDiagnostics. Extras that cost
  // something to compute, such as a did-you-mean over every resource type, can be skipped.
  bool hidden() const;

 private:
  Diagnostic& diag();
  Engine& engine_;
  size_t index_;
};

// Diagnostics kept and shown; beyond this many (a loop repeating one mistake with a new
// name each time can make tens of thousands), the rest are only counted, so that
// reporting stays cheap and the list stays readable.
inline constexpr size_t kMaxDiagnostics = 1000;

// What a project file (`"rules"` of infrac.json) makes of a warning.
enum class RuleLevel : uint8_t { Off, Warning, Error };

class Engine {
 public:
  Builder report(Kind kind, Span span, std::initializer_list<std::string_view> args = {});
  // What has been reported so far, and a return to it: for work that may be given up
  // (and done again another way) after it has reported. What a rollback leaves is as if
  // nothing had been reported since the mark, except beyond kMaxDiagnostics: one not kept
  // then still counts as seen.
  struct Mark {
    size_t kept, errors, warnings, dropped;
  };
  Mark mark() const { return Mark{diags_.size(), errors_, warnings_, dropped_}; }
  void rollback(const Mark& m);
  // A warning turned off (not kept, not counted) or into an error, for what is reported
  // from then on.
  void set_rule(Kind kind, RuleLevel level) { rules_[kind] = level; }
  // Errors and warnings counted but not kept, past kMaxDiagnostics.
  size_t dropped() const { return dropped_; }

  bool has_errors() const { return errors_ > 0; }
  size_t error_count() const { return errors_; }
  size_t warning_count() const { return warnings_; }
  const std::vector<Diagnostic>& diagnostics() const { return diags_; }
  // Diagnostics ordered by file and position (stable for equal positions), without the
  // repeated ones.
  std::vector<Diagnostic> sorted() const;

 private:
  friend class Builder;
  // Counts `d` (its message formatted, its level the kind's) and keeps it; the index it
  // has, or SIZE_MAX when it is not kept.
  size_t keep(Diagnostic d);
  std::vector<Diagnostic> diags_;
  size_t errors_ = 0;
  size_t warnings_ = 0;
  size_t dropped_ = 0;
  Diagnostic overflow_;  // where the notes of a dropped diagnostic go
  std::set<std::tuple<int, FileId, uint32_t, uint32_t, std::string>> seen_;
  std::map<Kind, RuleLevel> rules_;
};

}  // namespace infrac::diag
