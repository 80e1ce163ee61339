// The hand-written lexer (syntax/lexer.h) against the lexer ANTLR generates from
// grammar/InfraLexer.g4, which stays the definition of the tokens: every token's type,
// channel, text, byte range and line must be the same, and so must the stop at a `}` that
// closes nothing. The inputs: every .infra file of the repository (and the fmt inputs),
// the shapes of the hostile inputs of tests/robustness, and seeded random ones: token
// soup from the fuzz dictionary's words and the lexer's hard cases, and mutated files.
//
// INFRAC_LEXER_DIRS (directories, `:` between them) adds the files under them, as the
// inputs `tests/robustness/hostile.py --keep DIR` leaves; INFRAC_LEXER_SEED and
// INFRAC_LEXER_CASES change the random inputs.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "base/source.h"
#include "syntax/lexer_reference.h"

using infrac::syntax::TokenRecords;

namespace {

namespace fs = std::filesystem;

std::string escaped(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c == '\\') out += "\\\\";
    else if (c < 0x20 || c >= 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string listing(const TokenRecords& r) {
  std::ostringstream out;
  for (const auto& t : r.tokens) {
    out << "  " << infrac::syntax::token_type_name(t.type) << " ch" << t.channel << " [" << t.begin << "," << t.end
        << ") line " << t.line << " '" << escaped(t.text) << "'\n";
  }
  if (r.unmatched_brace) out << "  unmatched `}` at " << r.brace << "\n";
  return out.str();
}

bool same(const TokenRecords& a, const TokenRecords& b) {
  if (a.unmatched_brace != b.unmatched_brace || a.brace != b.brace || a.tokens.size() != b.tokens.size()) return false;
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const auto& x = a.tokens[i];
    const auto& y = b.tokens[i];
    if (x.type != y.type || x.channel != y.channel || x.text != y.text || x.begin != y.begin || x.end != y.end ||
        x.line != y.line) {
      return false;
    }
  }
  return true;
}

struct Tally {
  size_t compared = 0;
  size_t not_utf8 = 0;  // only the hand-written lexer reads them, and must not crash
  size_t mismatches = 0;
};

// Lexes `text` with both; on a difference, says so with the input and both token lists.
void compare(const std::string& what, const std::string& text, Tally& tally) {
  TokenRecords mine = infrac::syntax::hand_tokens(text);
  // infrac parses only UTF-8 (the driver and the loader reject the rest before); of other
  // bytes ANTLR's input stream throws or drops some, which is not a reference.
  bool utf8 = infrac::find_invalid_utf8(text) == std::string::npos;
  TokenRecords ref = utf8 ? infrac::syntax::reference_tokens(text) : TokenRecords{};
  if (!utf8 || ref.not_utf8) {
    ++tally.not_utf8;
    // Still a whole token list: ends at the EOF (or the brace), covering the text in order.
    if (!mine.unmatched_brace) REQUIRE((!mine.tokens.empty() && mine.tokens.back().end == text.size()));
    for (size_t i = 1; i < mine.tokens.size(); ++i) REQUIRE(mine.tokens[i].begin >= mine.tokens[i - 1].end);
    return;
  }
  ++tally.compared;
  if (same(ref, mine)) return;
  if (++tally.mismatches > 5) return;  // the first few are enough to read
  std::string shown = text.size() > 4000 ? text.substr(0, 4000) + "..." : text;
  FAIL_CHECK(what << ": the lexers differ on\n\"" << escaped(shown) << "\"\ngenerated:\n"
                  << listing(ref) << "hand-written:\n" << listing(mine));
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The repository's sources of the language: .infra files and the fmt inputs.
std::vector<fs::path> repository_files() {
  std::vector<fs::path> out;
  const fs::path root = INFRAC_SOURCE_DIR;
  for (const char* dir : {"examples", "stdlib", "tests", "docs", "bench"}) {
    if (!fs::exists(root / dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(root / dir)) {
      if (!e.is_regular_file()) continue;
      std::string ext = e.path().extension().string();
      if (ext == ".infra" || ext == ".input") out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<fs::path> extra_files() {
  std::vector<fs::path> out;
  const char* dirs = std::getenv("INFRAC_LEXER_DIRS");
  if (dirs == nullptr) return out;
  std::stringstream list(dirs);
  std::string dir;
  while (std::getline(list, dir, ':')) {
    if (dir.empty() || !fs::exists(dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.is_regular_file()) out.push_back(e.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Pieces of token soup: the words of the fuzz dictionary, and what the lexer's rules turn
// on: modes, heredoc markers, comments, escapes, numbers' parts, non-ASCII text, NUL.
std::vector<std::string> soup_pieces() {
  std::vector<std::string> out = {
      "{", "}", "[", "]", "(", ")", "${", "$", "$$", "$${", "\"", "'", "\\", "\\\"", "\\\\", "\\$", "\\n",
      "#", "/", "//", "///", "/*", "*/", "*", "**/", "/*/", "\n", "\r\n", "\r", "\t", " ", "  ", "\f",
      "<<EOT\n", "<<-EOT\n", "<<EOT \t\r\n", "<<EOT", "<<", "<<-", "<<-X\n", "EOT", "  EOT", "\tEOT", "EOTX",
      "X", "EOT\n", "<", "<=", "<<=", ">", ">=", "=", "==", "=>", "!", "!=", "&", "&&", "|", "||", "?", ":",
      "::", "a::", "a::b", "AWS::S3::Bucket", "::c", "a", "b_1", "_", "x9", "let", "lets", "in", "if", "else",
      "param", "true", "null", "0", "1", "12", "1.5", "1.", ".5", "1e5", "1E+3", "2e-", "e", "E", "+", "-",
      ".", ",", "@", "%", "é", "日本", "😀", std::string(1, '\0'), "\xC2\xA0", "\x7F",
  };
  std::ifstream dict(fs::path(INFRAC_SOURCE_DIR) / "tests/fuzz/infra.dict");
  std::string line;
  while (std::getline(dict, line)) {
    // "word" lines; the dictionary's escapes are \" and \\.
    if (line.size() < 2 || line.front() != '"' || line.back() != '"') continue;
    std::string word;
    for (size_t i = 1; i + 1 < line.size(); ++i) {
      if (line[i] == '\\' && i + 2 < line.size()) ++i;
      word += line[i];
    }
    out.push_back(word);
  }
  return out;
}

// Random numbers from mt19937's own output (its sequence is fixed by the standard; the
// distributions' are not).
struct Rng {
  std::mt19937 gen;
  explicit Rng(uint32_t seed) : gen(seed) {}
  size_t below(size_t n) { return static_cast<size_t>(gen() % n); }
};

// Bytes the mutations insert or write over others: the brief's alphabet, letters, invalid
// UTF-8 and NUL.
const std::string kMutationBytes = std::string("${}[]()#/*\n\r\t<<-EOT\"'\\ $:=.abcXYZ019") + '\0' + "\xFF\xC3\xE6\x80";

std::string mutate(std::string s, Rng& rng) {
  size_t edits = 1 + rng.below(8);
  for (size_t e = 0; e < edits; ++e) {
    size_t at = s.empty() ? 0 : rng.below(s.size() + 1);
    switch (rng.below(4)) {
      case 0:  // insert a byte
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(at), kMutationBytes[rng.below(kMutationBytes.size())]);
        break;
      case 1:  // delete a run
        if (at < s.size()) s.erase(at, 1 + rng.below(4));
        break;
      case 2:  // replace a byte
        if (at < s.size()) s[at] = kMutationBytes[rng.below(kMutationBytes.size())];
        break;
      default: {  // insert a few characters of the alphabet at once (`${`, `<<-EOT`, `*/`)
        size_t from = rng.below(kMutationBytes.size());
        s.insert(at, kMutationBytes.substr(from, 1 + rng.below(6)));
        break;
      }
    }
  }
  return s;
}

uint32_t env_number(const char* name, uint32_t fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? static_cast<uint32_t>(std::strtoul(v, nullptr, 10)) : fallback;
}

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

TEST_CASE("the hand-written lexer makes the generated lexer's tokens from the repository's files", "[lexer]") {
  Tally tally;
  std::vector<fs::path> files = repository_files();
  REQUIRE(files.size() > 50);  // examples, stdlib, goldens, fmt inputs
  for (const auto& f : files) compare(f.string(), read(f), tally);
  for (const auto& f : extra_files()) compare(f.string(), read(f), tally);
  CHECK(tally.mismatches == 0);
  CHECK(tally.compared + tally.not_utf8 >= files.size());
  WARN("compared " << tally.compared << " files; " << tally.not_utf8 << " more that are not UTF-8");
}

TEST_CASE("the hand-written lexer makes the generated lexer's tokens from hostile shapes", "[lexer]") {
  Tally tally;
  // The .infra inputs of tests/robustness/hostile.py, smaller, and deep nesting of every
  // kind of bracket and mode.
  compare("operator chain", "let a = " + repeat("1 + ", 50000) + "1\n", tally);
  compare("long string", "param p: string = \"" + std::string(1 << 20, 'a') + "A\"\n", tally);
  compare("long comment", "/*" + std::string(1 << 20, '*') + "\n", tally);
  compare("long line comment", "#" + std::string(1 << 20, 'x'), tally);
  std::string lets;
  for (int i = 1; i < 20000; ++i) lets += "let x" + std::to_string(i) + " = x" + std::to_string(i - 1) + "\n";
  compare("let chain", lets, tally);
  compare("braces", repeat("{", 5000) + repeat("}", 5001), tally);
  compare("brackets", repeat("[(", 5000) + repeat(")]", 5000), tally);
  compare("interpolations", repeat("\"${", 3000) + "x" + repeat("}\"", 3000), tally);
  compare("interpolations open", repeat("\"a${", 3000), tally);
  compare("heredocs", repeat("<<EOT\n${", 2000) + repeat("}\nEOT\n", 2000), tally);
  compare("heredocs open", repeat("x = <<-A\n  ${ <<B\n", 500), tally);
  compare("unmatched braces", repeat("}", 100), tally);
  compare("lone quote", "'", tally);
  compare("empty", "", tally);
  compare("bom", "\xEF\xBB\xBFlet a = 1\n", tally);
  CHECK(tally.mismatches == 0);
}

TEST_CASE("the hand-written lexer makes the generated lexer's tokens from random and mutated inputs", "[lexer]") {
  const uint32_t seed = env_number("INFRAC_LEXER_SEED", 20240611);
  const uint32_t cases = env_number("INFRAC_LEXER_CASES", 30000);
  Rng rng(seed);
  Tally tally;
  std::vector<std::string> pieces = soup_pieces();
  for (uint32_t i = 0; i < cases; ++i) {
    std::string s;
    size_t n = 1 + rng.below(rng.below(4) == 0 ? 200 : 30);
    for (size_t k = 0; k < n; ++k) s += pieces[rng.below(pieces.size())];
    compare("soup " + std::to_string(i) + " (seed " + std::to_string(seed) + ")", s, tally);
  }
  std::vector<std::string> sources;
  for (const auto& f : repository_files()) sources.push_back(read(f));
  for (uint32_t i = 0; i < cases; ++i) {
    const std::string& base = sources[rng.below(sources.size())];
    // Mutations of a stretch of a file, so that the edits are not lost in a long one.
    size_t from = base.size() > 3000 ? rng.below(base.size() - 2000) : 0;
    compare("mutation " + std::to_string(i) + " (seed " + std::to_string(seed) + ")",
            mutate(base.substr(from, 3000), rng), tally);
  }
  WARN("compared " << tally.compared << " random and mutated inputs; " << tally.not_utf8
                   << " more that are not UTF-8, where only the hand-written lexer runs");
  CHECK(tally.mismatches == 0);
  CHECK(tally.compared > cases);
}
