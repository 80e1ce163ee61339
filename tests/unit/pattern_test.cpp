// Patterns of schemas and parameters: matching in linear time, and the reading of each
// engine's syntax, which must never reject what CloudFormation or cfn-lint accepts.
#include <catch2/catch.hpp>

#include <string>

#include "base/pattern.h"

using infrac::Pattern;
using infrac::PatternDialect;

namespace {

const Pattern& schema(const std::string& source) {
  auto p = Pattern::get(source, PatternDialect::JsonSchema);
  REQUIRE(p != nullptr);
  return *p;
}

const Pattern& allowed(const std::string& source) {
  auto p = Pattern::get(source, PatternDialect::AllowedPattern);
  REQUIRE(p != nullptr);
  return *p;
}

}  // namespace

TEST_CASE("schema patterns are searched for, AllowedPattern matches the whole value", "[pattern]") {
  CHECK(schema("[0-9]+").search("ab12cd"));
  CHECK_FALSE(schema("[0-9]+").search("abcd"));
  CHECK_FALSE(allowed("[0-9]+").full_match("ab12cd"));
  CHECK(allowed("[0-9]+").full_match("1234"));
  // A full match tries every alternative, not only the first that matches a prefix.
  CHECK(allowed("a|ab").full_match("ab"));
}

TEST_CASE("patterns that backtracking engines take exponential time on are answered", "[pattern]") {
  std::string a44(44, 'a');
  CHECK_FALSE(allowed("(a|aa)*b").full_match(a44));
  CHECK(allowed("(a|aa)*b").full_match(a44 + "b"));
  std::string big(3u << 20, 'a');
  CHECK(allowed("[a-z]*").full_match(big));
  CHECK_FALSE(allowed("[a-z]*").full_match(big + "1"));
  CHECK_FALSE(schema("^(x+x+)+y$").search(std::string(100000, 'x')));
}

TEST_CASE("a pattern is compiled once", "[pattern]") {
  CHECK(Pattern::get("^a+$", PatternDialect::JsonSchema) == Pattern::get("^a+$", PatternDialect::JsonSchema));
}

TEST_CASE("patterns that cannot be checked soundly are left unchecked", "[pattern]") {
  CHECK(Pattern::get("(a)\\1", PatternDialect::JsonSchema) == nullptr);      // a backreference
  CHECK(Pattern::get("(?P<x>a)(?P=x)", PatternDialect::JsonSchema) == nullptr);
  CHECK(Pattern::get("[a-z&&[^b]]", PatternDialect::AllowedPattern) == nullptr);  // Java's intersection
  CHECK(Pattern::get("[a[bc]]", PatternDialect::AllowedPattern) == nullptr);      // Java's union
  CHECK(Pattern::get("(?x) a b", PatternDialect::AllowedPattern) == nullptr);     // verbose mode
  CHECK(Pattern::get("\\Ga", PatternDialect::AllowedPattern) == nullptr);
  CHECK(Pattern::get("(", PatternDialect::AllowedPattern) == nullptr);
  CHECK(Pattern::get("a{2,1}", PatternDialect::AllowedPattern) == nullptr);
  CHECK(Pattern::get("[]a]", PatternDialect::JsonSchema) == nullptr);  // empty class or `]`?
}

TEST_CASE("Unicode classes are read as Unicode", "[pattern]") {
  CHECK(schema("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$").search("名前 タグ-1"));
  CHECK_FALSE(schema("^[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*$").search("a;b"));
  CHECK(schema("^\\P{C}+$").search("ok"));
  CHECK_FALSE(schema("^\\P{C}+$").search("a\x01"));
  // Java's POSIX classes, which Python's regex reads as Unicode.
  CHECK(schema("^[\\p{Graph}\\x20]*$").search("a b~é"));
  CHECK_FALSE(schema("^[\\p{Graph}\\x20]*$").search("a\tb"));
  CHECK(allowed("\\p{Alnum}+").full_match("abc123"));
  CHECK_FALSE(allowed("\\p{Alnum}+").full_match("abc-123"));
  CHECK(allowed("\\p{ASCII}+").full_match("~"));
  CHECK_FALSE(allowed("\\p{ASCII}+").full_match("é"));
}

TEST_CASE("class escapes take the widest reading, and the narrowest when negated", "[pattern]") {
  // \w is ASCII in ECMAScript and Java, Unicode in Python: a letter with an accent passes.
  CHECK(schema("^\\w+$").search("café"));
  CHECK_FALSE(schema("^\\w+$").search("a b"));
  // \s includes the no-break space in ECMAScript and Python.
  CHECK(schema("^a\\sb$").search("a\xC2\xA0" "b"));
  CHECK(schema("^[^\\s]+$").search("a\xC2\xA0" "b"));
  CHECK_FALSE(schema("^[^\\s]+$").search("a b"));
  CHECK_FALSE(schema("^[^\\s]+$").search("a\x0B" "b"));
  CHECK(schema("^\\d{3}$").search("123"));
  CHECK_FALSE(schema("^\\d{3}$").search("12a"));
  CHECK_FALSE(schema("^[^\\d]+$").search("a1"));
  // `-` next to a class escape is a literal hyphen.
  CHECK(schema("^[\\w-.]+$").search("a-b.c"));
  CHECK_FALSE(schema("^[\\w-.]+$").search("a,b"));
}

TEST_CASE("assertions RE2 lacks are dropped, which only widens the pattern", "[pattern]") {
  const Pattern& p = schema("^(?!aws:)[a-z:]+$");
  CHECK(p.search("aws:tag"));  // the lookahead is not checked
  CHECK_FALSE(p.search("AWS"));
  CHECK(schema("^[0-9A-Za-z.]*(?<!\\.)$").search("a."));
  CHECK_FALSE(schema("^[0-9A-Za-z.]*(?<!\\.)$").search("a_"));
  CHECK(schema("^\\bTEST\\b$").search("TEST"));
  CHECK(allowed("a*+b").full_match("aab"));      // possessive
  CHECK(allowed("(?>a|ab)c").full_match("abc"));  // atomic
}

TEST_CASE("anchors, flags and escapes of the other dialects", "[pattern]") {
  CHECK(schema("\\A[0-9a-f]+\\Z").search("09af"));
  CHECK_FALSE(schema("\\A[0-9a-f]+\\Z").search("09ag"));
  CHECK_FALSE(schema("\\A[0-9a-f]+\\Z").search("x09af"));
  // Inline flags apply to the whole pattern, as Python reads them.
  CHECK(allowed("abc(?i)def").full_match("abcDEF"));
  CHECK(allowed("(?i)abc").full_match("ABC"));
  CHECK(schema("^(?s).+$").search("a\nb"));
  CHECK(schema("^\\u002F[\\u0021-\\u007E]+$").search("/abc"));
  CHECK_FALSE(schema("^\\u002F[\\u0021-\\u007E]+$").search("/a c"));
  CHECK(schema("^[a-z\\_\\#]+$").search("a_#"));
  CHECK(allowed("\\Qa.b\\E").full_match("a.b"));
  CHECK_FALSE(allowed("\\Qa.b\\E").full_match("axb"));
  CHECK(schema("^\\$\\{[a-z]+}$").search("${abc}"));
  // `{,2}` is a count in Python and literal text elsewhere.
  CHECK(Pattern::get("^a{,2}$", PatternDialect::JsonSchema) == nullptr);
}

TEST_CASE("counts above RE2's limit lose their upper bound", "[pattern]") {
  const Pattern& p = schema("^[a-zA-Z0-9_\\-]{1,2048}$");
  CHECK(p.search(std::string(3000, 'a')));
  CHECK_FALSE(p.search("a b"));
  const Pattern& wide = schema("^[\\p{L}\\p{M}\\p{Z}\\p{S}\\p{N}\\p{P}]{0,1000}$");
  CHECK(wide.search("any text, ünïcödé"));
  CHECK_FALSE(wide.search("tab\there"));
}

TEST_CASE("UTF-16 surrogate ranges admit characters beyond U+FFFF", "[pattern]") {
  const Pattern& p = schema("^[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDBFF-\\uDC00\\uDFFF]*$");
  CHECK(p.search("smile \xF0\x9F\x98\x80"));
  CHECK_FALSE(p.search("bell \x07"));
  CHECK(schema("^a[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]$").search("a\xF0\x9F\x98\x80"));
  CHECK(schema("^\\uD83D\\uDE00$").search("\xF0\x9F\x98\x80"));
}

TEST_CASE("texts the engines could disagree on are not rejected", "[pattern]") {
  // Python's and Java's `$` also match before a final line break; ECMAScript's does not.
  CHECK(schema("^[a-z]+$").search("abc\n"));
  CHECK(allowed("[a-z]+\\Z").full_match("abc\n"));
  CHECK_FALSE(schema("^[a-z]+").search("ABC\n"));  // no end anchor: decided
  CHECK(schema("^[a-z]+$").search("ab\xFF"));      // not UTF-8
}

TEST_CASE("pattern: the cache is bounded, and a pattern in use outlives it", "[pattern]") {
  auto first = Pattern::get("^first[0-9]+$", PatternDialect::JsonSchema);
  REQUIRE(first != nullptr);
  for (int i = 0; i < 5000; ++i) {
    REQUIRE(Pattern::get("^p" + std::to_string(i) + "$", PatternDialect::JsonSchema) != nullptr);
  }
  // The cache has started again since `first` was made; the caller's copy still works.
  CHECK(first->search("first42"));
  CHECK_FALSE(first->search("second"));
  CHECK(Pattern::get("^first[0-9]+$", PatternDialect::JsonSchema) != first);
}
