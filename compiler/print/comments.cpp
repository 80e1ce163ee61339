// How comments are printed: as written, less the spaces that end their lines.
#include "print/layout.h"

namespace infrac::print {

std::string comment_text(const ast::Comment& c) {
  std::string out;
  size_t start = 0;
  while (start <= c.text.size()) {
    size_t nl = c.text.find('\n', start);
    std::string line = c.text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    size_t end = line.find_last_not_of(" \t\r\f");
    line.erase(end == std::string::npos ? 0 : end + 1);
    out += line;
    if (nl == std::string::npos) break;
    out += "\n";
    start = nl + 1;
  }
  return out;
}

std::string comment_lines(const ast::Comments& comments, int indent, bool first) {
  std::string out;
  for (size_t i = 0; i < comments.size(); ++i) {
    if (comments[i].blank_before && !(first && i == 0)) out += "\n";
    out += spaces(indent) + comment_text(comments[i]) + "\n";
  }
  return out;
}

std::string trailing(const ast::Comments& comments) {
  std::string out;
  for (const ast::Comment& c : comments) out += " " + comment_text(c);
  return out;
}

}  // namespace infrac::print
