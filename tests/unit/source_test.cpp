// Source files: line and column lookup, UTF-8 validation.
#include <catch2/catch.hpp>

#include "base/source.h"

using infrac::SourceFile;

TEST_CASE("line and column of offsets, counting characters, not bytes", "[source]") {
  SourceFile f("x.infra", "ab\ncセd\n\nlast");
  CHECK(f.line_count() == 4);
  CHECK(f.line_col(0).line == 1);
  CHECK(f.line_col(0).col == 1);
  CHECK(f.line_col(3).line == 2);
  // "セ" is three bytes: the `d` after it is the third character of line 2.
  CHECK(f.line_col(7).line == 2);
  CHECK(f.line_col(7).col == 3);
  CHECK(f.line_text(2) == "cセd");
  CHECK(f.line_text(3).empty());
  CHECK(f.line_text(4) == "last");
  CHECK(f.line_text(5).empty());
  // Offsets past the end clamp to the end instead of failing.
  CHECK(f.line_col(1000).line == 4);
}

TEST_CASE("line text drops CR of CRLF line ends", "[source]") {
  SourceFile f("x.infra", "one\r\ntwo\r\n");
  CHECK(f.line_text(1) == "one");
  CHECK(f.line_text(2) == "two");
}

TEST_CASE("invalid UTF-8 is found at its first bad byte", "[source]") {
  using infrac::find_invalid_utf8;
  CHECK(find_invalid_utf8("plain ascii") == std::string_view::npos);
  CHECK(find_invalid_utf8("日本語") == std::string_view::npos);
  CHECK(find_invalid_utf8("caf\xe9!") == 3);           // Latin-1, not UTF-8
  CHECK(find_invalid_utf8("ab\xc0\xaf") == 2);         // overlong "/"
  CHECK(find_invalid_utf8("\xed\xa0\x80") == 0);       // a surrogate
  CHECK(find_invalid_utf8("ok\xe3\x81") == 2);         // truncated at the end
  CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == 0);   // past U+10FFFF
}
