// A pattern that is one character class repeated, `^[a-z0-9-]{1,63}$`, read from its RE2
// syntax and decided without RE2 for texts that are ASCII. Most schema patterns that a
// small program meets are of this form, and compiling one with RE2 costs more than the
// rest of the program's checks (a class of `\p{L}` builds tables for all of Unicode).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace infrac {

struct ClassPattern {
  std::array<uint64_t, 2> ascii{};  // the ASCII characters of the class, as a bit set
  uint64_t min = 0;
  std::optional<uint64_t> max;  // nullopt: no upper bound
  bool anchored = false;        // `^...$`: a search is a whole match

  bool has(unsigned char c) const { return c < 128 && ((ascii[c >> 6] >> (c & 63)) & 1) != 0; }
  // Whether the whole of an ASCII `text` matches.
  bool matches(std::string_view text) const;
};

// The class pattern `re2` is, or nullopt when it is anything else (or uses syntax this
// reader does not know: then RE2 decides).
std::optional<ClassPattern> read_class_pattern(std::string_view re2);

// The ASCII members of a Unicode general category (`L`, `Nd`, `Po` ...), as a bit set
// like ClassPattern::ascii; nullopt for a name this table does not hold (a script).
std::optional<std::array<uint64_t, 2>> ascii_category(std::string_view name);

// `re2` (RE2 syntax) with each `\p{..}` and `\P{..}` written as the ASCII characters it
// holds: the same decision on every ASCII text, compiled without Unicode's tables (a
// `\p{Nd}` alone costs RE2 more than the rest of a small program's checks). nullopt when
// some part cannot be narrowed so: a script, a category with no ASCII member outside a
// class, a class left empty, syntax this reader does not know.
std::optional<std::string> ascii_narrowed(std::string_view re2);

// Whether every byte of `text` is ASCII.
bool is_ascii(std::string_view text);

}  // namespace infrac
