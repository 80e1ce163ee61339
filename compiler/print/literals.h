// How the printer writes literals that a tree may hold without their written form: the
// text of a string part (escaped), a number, a key or a name.
#pragma once

#include <string>

namespace infrac::print {

// The text of a literal string part between its quotes: `\` `"` line breaks, tabs and
// carriage returns escaped, and `$` escaped where `{` follows it (a `$` that ends the part
// needs none: an interpolation after it is `${`, and `$${` reads as `$` then `${`).
std::string escape_text(const std::string& text);

// A string literal holding `text`, quotes included.
std::string quote(const std::string& text);

// A number as written: an integer up to 2^53 in digits (`1209600`), any other value in the
// shortest form that reads back as it (`0.5`, `1e+21`); a negative one with a leading `-`.
std::string number_text(double value);

// Whether `word` can be written bare as a key or a name: an identifier other than `true`,
// `false` and `null`.
bool is_name(const std::string& word);

}  // namespace infrac::print
