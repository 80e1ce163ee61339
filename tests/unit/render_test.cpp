// Rendering diagnostics: bytes that are not UTF-8 are shown as \xHH, alike in text and
// JSON, and rendering never throws.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/render.h"

using infrac::SourceManager;
using infrac::Span;
using infrac::diag::Diagnostic;
using infrac::diag::Engine;
using infrac::diag::Kind;
using infrac::diag::render_json;
using infrac::diag::render_text;

namespace {

// The one diagnostic of `e`.
const Diagnostic& only(const Engine& e) {
  REQUIRE(e.diagnostics().size() == 1);
  return e.diagnostics()[0];
}

nlohmann::json parse_json(const Engine& e, const SourceManager& sm) {
  std::string out;
  REQUIRE_NOTHROW(out = render_json(e.diagnostics(), sm));
  return nlohmann::json::parse(out);  // throws on invalid UTF-8 or bad JSON
}

}  // namespace

TEST_CASE("bytes that are not UTF-8 in a message are shown as \\xHH in text and JSON", "[render]") {
  SourceManager sm;
  Engine e;
  e.report(Kind::FileNotFound, Span{}, {"\xff\xfe.infra"})
      .note("a note about caf\xe9")
      .help("a help with \xe3\x81 cut short");
  const std::string message = "cannot read `\\xFF\\xFE.infra`: no such file";
  CHECK(render_text(only(e), sm, false) ==
        "error[E0101]: " + message + "\n"
        "  = note: a note about caf\\xE9\n"
        "  = help: a help with \\xE3\\x81 cut short\n");
  nlohmann::json j = parse_json(e, sm);
  CHECK(j[0]["message"] == message);
  CHECK(j[0]["notes"][0]["message"] == "a note about caf\\xE9");
  CHECK(j[0]["help"][0] == "a help with \\xE3\\x81 cut short");
}

TEST_CASE("valid UTF-8 is shown as it is", "[render]") {
  SourceManager sm;
  Engine e;
  e.report(Kind::FileNotFound, Span{}, {"café-セ.infra"});
  CHECK(render_text(only(e), sm, false) == "error[E0101]: cannot read `café-セ.infra`: no such file\n");
  CHECK(parse_json(e, sm)[0]["message"] == "cannot read `café-セ.infra`: no such file");
}

TEST_CASE("a file name that is not UTF-8 is shown as \\xHH in locations", "[render]") {
  SourceManager sm;
  auto file = sm.add("dir/\xff.infra", "let x = 1\n");
  Engine e;
  e.report(Kind::FileNotFound, Span{file, 4, 5}, {"y"}).note(Span{file, 0, 3}, "here");
  std::string text = render_text(only(e), sm, false);
  CHECK(text.rfind("dir/\\xFF.infra:1:5: error[E0101]:", 0) == 0);
  CHECK(text.find("dir/\\xFF.infra:1:1: note: here") != std::string::npos);
  nlohmann::json j = parse_json(e, sm);
  CHECK(j[0]["location"]["file"] == "dir/\\xFF.infra");
  CHECK(j[0]["notes"][0]["location"]["file"] == "dir/\\xFF.infra");
}

TEST_CASE("a source line with a stray byte shows it as \\xHH, and carets line up", "[render]") {
  SourceManager sm;
  auto file = sm.add("x.infra", "ab\xe9" "cd\n");
  SECTION("the caret under the byte covers its four columns") {
    Engine e;
    e.report(Kind::InvalidUtf8, Span{file, 2, 3}, {"E9"});
    CHECK(render_text(only(e), sm, false) ==
          "x.infra:1:3: error[E0105]: source is not valid UTF-8: byte 0xE9 at this position is not part of a character\n"
          "  |\n"
          "1 | ab\\xE9cd\n"
          "  |   ^~~~\n");
  }
  SECTION("a caret after it is under the character it points at") {
    Engine e;
    e.report(Kind::FileNotFound, Span{file, 4, 5}, {"d"});
    std::string text = render_text(only(e), sm, false);
    CHECK(text.find("1 | ab\\xE9cd\n  |        ^\n") != std::string::npos);
  }
}

TEST_CASE("a long line with a stray byte is windowed around the caret", "[render]") {
  // 150 `a`, the byte, 49 `a`: 200 characters, more than are shown; the window starts 59
  // characters before the caret and runs to the end of the line.
  std::string line = std::string(150, 'a') + "\xff" + std::string(49, 'a');
  SourceManager sm;
  auto file = sm.add("x.infra", line + "\n");
  Engine e;
  e.report(Kind::InvalidUtf8, Span{file, 150, 151}, {"FF"});
  std::string text = render_text(only(e), sm, false);
  std::string shown = "..." + std::string(59, 'a') + "\\xFF" + std::string(49, 'a');
  CHECK(text.find("1 | " + shown + "\n  | " + std::string(62, ' ') + "^~~~\n") != std::string::npos);
}

TEST_CASE("rendering never throws, whatever the bytes", "[render]") {
  std::string all;
  for (int b = 1; b < 256; ++b) all += static_cast<char>(b);
  SourceManager sm;
  auto file = sm.add(all, all);
  Engine e;
  for (uint32_t at = 0; at < all.size(); at += 7) {
    e.report(Kind::FileNotFound, Span{file, at, at + 3}, {all.substr(at)}).note(all).help(all).label(all);
  }
  for (const Diagnostic& d : e.diagnostics()) CHECK_NOTHROW(render_text(d, sm, true));
  nlohmann::json j = parse_json(e, sm);
  CHECK(j.size() == e.diagnostics().size());
}
