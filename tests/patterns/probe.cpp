// The pattern matcher as a filter, for tests/patterns/differential.py. Reads records
// "D\x1fPATTERN\x1fTEXT\x1e" from stdin, D being J (a schema's pattern, searched for)
// or A (an AllowedPattern, matched whole), and prints one letter per record: M (the
// text matches), N (it does not), U (the pattern is not checked).
#include <iostream>
#include <iterator>
#include <string>

#include "base/pattern.h"

int main() {
  std::string in((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::string out;
  for (size_t pos = 0; pos < in.size();) {
    size_t end = in.find('\x1e', pos);
    if (end == std::string::npos) end = in.size();
    std::string record = in.substr(pos, end - pos);
    pos = end + 1;
    size_t a = record.find('\x1f'), b = record.find('\x1f', a + 1);
    if (a != 1 || b == std::string::npos) {
      std::cerr << "probe: a malformed record\n";
      return 2;
    }
    bool schema = record[0] == 'J';
    std::string pattern = record.substr(a + 1, b - a - 1), text = record.substr(b + 1);
    auto p = infrac::Pattern::get(
        pattern, schema ? infrac::PatternDialect::JsonSchema : infrac::PatternDialect::AllowedPattern);
    if (p == nullptr) out += 'U';
    else out += (schema ? p->search(text) : p->full_match(text)) ? 'M' : 'N';
  }
  std::cout << out << "\n";
  return 0;
}
