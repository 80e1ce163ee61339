#include "diag/diagnostic.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace infrac::diag {

namespace {
const KindInfo kInfos[] = {
#define DIAG(code, name, sev, msg) {#code, #name, Severity::sev, msg},
#include "diag/kinds.def"
#include "diag/kinds_checks.def"
#undef DIAG
};
}  // namespace

const KindInfo& info(Kind kind) { return kInfos[static_cast<size_t>(kind)]; }

const std::vector<Kind>& all_kinds() {
  static const std::vector<Kind> kinds = [] {
    std::vector<Kind> v;
    for (size_t i = 0; i < sizeof(kInfos) / sizeof(kInfos[0]); ++i) v.push_back(static_cast<Kind>(i));
    return v;
  }();
  return kinds;
}

const KindInfo* find_code(std::string_view code) {
  for (const auto& k : kInfos) {
    if (k.code.size() == code.size() &&
        std::equal(k.code.begin(), k.code.end(), code.begin(),
                   [](char a, char b) { return std::toupper(a) == std::toupper(b); })) {
      return &k;
    }
  }
  return nullptr;
}

std::string format_message(std::string_view templ, std::initializer_list<std::string_view> args) {
  std::string out;
  out.reserve(templ.size() + 32);
  for (size_t i = 0; i < templ.size(); ++i) {
    if (templ[i] == '{' && i + 2 < templ.size() && templ[i + 2] == '}' && templ[i + 1] >= '0' &&
        templ[i + 1] <= '9') {
      size_t n = static_cast<size_t>(templ[i + 1] - '0');
      if (n < args.size()) out += *(args.begin() + n);
      i += 2;
      continue;
    }
    out += templ[i];
  }
  return out;
}

Diagnostic& Builder::diag() { return index_ < engine_.diags_.size() ? engine_.diags_[index_] : engine_.overflow_; }

bool Builder::hidden() const { return index_ >= engine_.diags_.size() || engine_.diags_[index_].repeated; }

Builder& Builder::note(Span span, std::string message) {
  diag().notes.push_back(Note{span, std::move(message)});
  return *this;
}

Builder& Builder::help(std::string message) {
  diag().helps.push_back(std::move(message));
  return *this;
}

Builder& Builder::fix(Span span, std::string replacement, std::string title) {
  diag().fixes.push_back({span, std::move(replacement), std::move(title)});
  return *this;
}

Builder& Builder::did_you_mean(Span span, const std::string& suggestion, const std::string& shown) {
  help("did you mean `" + shown + "`?");
  return fix(span, suggestion, "change to `" + shown + "`");
}

Builder& Builder::label(std::string text) {
  diag().label = std::move(text);
  return *this;
}

Builder Engine::report(Kind kind, Span span, std::initializer_list<std::string_view> args) {
  Diagnostic d;
  d.kind = kind;
  d.span = span;
  d.level = info(kind).severity;
  d.message = format_message(info(kind).message, args);
  return Builder(*this, keep(std::move(d)));
}

size_t Engine::keep(Diagnostic d) {
  if (auto rule = rules_.find(d.kind); rule != rules_.end() && d.level == Severity::Warning) {
    if (rule->second == RuleLevel::Off) {
      overflow_ = std::move(d);  // takes the notes, and is never shown
      return SIZE_MAX;
    }
    if (rule->second == RuleLevel::Error) d.level = Severity::Error;
  }
  // The same diagnostic at the same place twice is one mistake reached twice (a loop
  // body, a module instantiated twice): it is kept, to take notes, but not shown again.
  d.repeated = !seen_.emplace(static_cast<int>(d.kind), d.span.file, d.span.begin, d.span.end, d.message).second;
  bool repeated = d.repeated;
  if (!repeated) ++(d.level == Severity::Error ? errors_ : warnings_);
  if (diags_.size() >= kMaxDiagnostics) {
    if (!repeated) ++dropped_;
    overflow_ = std::move(d);
    return SIZE_MAX;
  }
  diags_.push_back(std::move(d));
  return diags_.size() - 1;
}

void Engine::rollback(const Mark& m) {
  for (size_t i = m.kept; i < diags_.size(); ++i) {
    const Diagnostic& d = diags_[i];
    if (!d.repeated) seen_.erase(std::make_tuple(static_cast<int>(d.kind), d.span.file, d.span.begin, d.span.end, d.message));
  }
  diags_.resize(m.kept);
  errors_ = m.errors;
  warnings_ = m.warnings;
  dropped_ = m.dropped;
}

std::vector<Diagnostic> Engine::sorted() const {
  std::vector<Diagnostic> v;
  for (const Diagnostic& d : diags_) {
    if (!d.repeated) v.push_back(d);
  }
  std::stable_sort(v.begin(), v.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.file != b.span.file) return a.span.file < b.span.file;
    return a.span.begin < b.span.begin;
  });
  return v;
}

}  // namespace infrac::diag
