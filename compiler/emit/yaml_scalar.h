// How the YAML writer (emit/yaml_emitter.cpp) writes one scalar: which style a string
// gets, and the text of each style. The rules are yaml-cpp 0.7.0's, whose emitter wrote
// the templates before: the same values must give the same bytes (the differential test,
// tests/unit/yaml_writer_differential_test.cpp, compares the two).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace infrac::emit {

enum class ScalarStyle {
  Auto,          // plain when yaml-cpp would leave it plain, double-quoted otherwise
  DoubleQuoted,  // always in double quotes
  Literal,       // a `|` block
};

// The style of a string value or key of a template: a literal block for multi-line text
// that one can keep, double quotes for text a YAML 1.1 reader would take for a number, a
// bool, a null or a date, otherwise whatever yaml-cpp's rules choose.
ScalarStyle string_style(std::string_view s);

// Whether yaml-cpp writes `s` plain in a block collection (its rule for `Auto`): not a
// null word, no indicator or blank at the start, no blank at the end, and nothing inside
// that ends a plain scalar (`: `, ` #`), breaks a line, or is not printable.
bool plain_ok(std::string_view s);

// Appends `s` in double quotes with yaml-cpp's escapes. Invalid UTF-8 becomes U+FFFD.
void append_double_quoted(std::string& out, std::string_view s);

// Appends `|`, a line break and `s` as a literal block whose lines are indented by
// `indent` spaces (an empty line gets none). `s` ends with a line break, so the text ends
// at the start of a line. Invalid UTF-8 becomes U+FFFD.
void append_literal(std::string& out, std::string_view s, size_t indent);

}  // namespace infrac::emit
