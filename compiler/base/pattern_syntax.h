// The translation of a pattern written for ECMAScript, Java or Python into RE2's syntax.
//
// The result accepts at least every text that any of those engines accepts, so that a
// text it rejects is wrong whichever engine CloudFormation or cfn-lint uses:
// - `\d`, `\w`, `\s` and the POSIX classes (`\p{Alpha}`, `\p{Graph}`, …) are read as
//   the widest of their meanings (Unicode in Python, ASCII in Java), and inside a
//   negated class as the narrowest; `.` matches all but `\n`, as in Python.
// - Assertions RE2 lacks are dropped, which only widens: lookahead and lookbehind,
//   `\b`/`\B`; atomic groups and possessive quantifiers become plain ones.
// - Inline flags (`(?i)`, `(?s)`, `(?m)`) apply to the whole pattern, as in Python.
// - Counts above RE2's limit of 1000 lose their upper bound (`{1,2048}` is `{1,}`).
// - A class with UTF-16 surrogates (`[\uD800-\uDBFF]`, the ECMAScript idiom for
//   characters beyond U+FFFF) also matches any such character, or nothing.
// - Texts are matched as code points; the caller does not decide texts with line
//   breaks when `line_sensitive` (engines place `$` differently around them).
// Backreferences, nested or intersected classes (Java), `\G`, comments and other syntax
// that has no sound widening give nullopt: the pattern is not checked.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/pattern.h"

namespace infrac {

struct Re2Syntax {
  std::string text;             // the pattern in RE2's syntax
  bool line_sensitive = false;  // uses `$`, `\Z` or multi-line mode
};

// `source` in RE2's syntax, or nullopt when it cannot be checked. With `unbounded`,
// every counted repetition loses its upper bound, for patterns too large for RE2.
std::optional<Re2Syntax> to_re2_syntax(std::string_view source, PatternDialect dialect, bool unbounded);

}  // namespace infrac
