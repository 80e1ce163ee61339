#include "driver/format.h"

#include "print/printer.h"
#include "syntax/parser.h"

namespace infrac::driver {

std::unique_ptr<Result> format_source(const std::string& path, std::optional<std::string> source) {
  auto r = std::make_unique<Result>();
  FileId file = load_source(path, std::move(source), *r);
  if (file == kNoFile) return r;
  syntax::ParseResult parsed = syntax::parse(r->sources, file, r->diags);
  if (!parsed.ok) return r;
  for (const ast::Comment& c : parsed.program.unplaced) {
    // The span covers the comment's first line: a block comment may run on for many.
    Span s = c.span;
    size_t nl = c.text.find('\n');
    if (nl != std::string::npos) s.end = s.begin + static_cast<uint32_t>(nl);
    r->diags.report(diag::Kind::CommentNotPlaced, s)
        .note("fmt keeps comments on lines of their own before a declaration, an annotation, an entry or a list "
              "item, at the end of such a line, or before a closing bracket")
        .help("move the comment to its own line, or to the end of the line");
  }
  if (!r->diags.has_errors()) r->output = print::print_program(parsed.program);
  return r;
}

}  // namespace infrac::driver
