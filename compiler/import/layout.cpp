#include "import/layout.h"

namespace infrac::importer {

namespace {

bool nested(const ast::Expr& e) {
  return (e.kind == ast::ExprKind::Object && !e.entries.empty()) || (e.kind == ast::ExprKind::List && !e.items.empty());
}

// Whether a string of several lines reads back the same as an indented heredoc
// (`<<-EOT`): some line starts at its margin, so the common indentation removed is the
// printer's own, and no line holds blanks only, which the indented form would shorten.
// Whether its text can be a heredoc at all (it ends with a line break, no line reads as
// the marker) the printer decides, and prints a quoted string otherwise.
bool fits_indented_heredoc(const ast::Expr& e) {
  bool lines = false, flush = false, at_start = true, blank = true, empty = true;
  for (const auto& p : e.parts) {
    if (p.expr) {
      flush = flush || at_start;
      at_start = blank = empty = false;
      continue;
    }
    for (char c : p.text) {
      if (c == '\n') {
        if (!empty && blank) return false;
        lines = true;
        at_start = blank = empty = true;
      } else if (c == ' ' || c == '\t') {
        at_start = empty = false;
      } else {
        flush = flush || at_start;
        at_start = blank = empty = false;
      }
    }
  }
  return lines && flush;
}

void lay_out(ast::Expr& e) {
  if (e.kind == ast::ExprKind::String && fits_indented_heredoc(e)) {
    e.rare_mut().heredoc = "EOT";
    e.rare_mut().heredoc_indented = true;
  }
  for (auto& i : e.items) lay_out(*i);
  for (auto& en : e.entries) lay_out(*en.value);
  for (auto& p : e.parts) {
    if (p.expr) lay_out(*p.expr);
  }
  if (e.lhs) lay_out(*e.lhs);
  if (e.rhs) lay_out(*e.rhs);
  if (e.has_rare() && e.rare().third) lay_out(*e.rare_mut().third);
  if (e.kind == ast::ExprKind::Object) {
    bool deep = false;
    for (const auto& en : e.entries) deep = deep || nested(*en.value);
    e.multiline = e.entries.size() > 3 || (deep && e.entries.size() > 1);
  } else if (e.kind == ast::ExprKind::List) {
    bool objects = false;
    for (const auto& i : e.items) objects = objects || (i->kind == ast::ExprKind::Object && i->entries.size() > 1);
    e.multiline = objects && e.items.size() > 1;
  }
}

// A declaration that reads as one line in a run of its kind.
bool plain(const ast::Decl& d) {
  if (!d.annotations.empty()) return false;
  if (d.kind == ast::DeclKind::Param || d.kind == ast::DeclKind::Output) return true;
  return d.kind == ast::DeclKind::Let && d.value && d.value->kind != ast::ExprKind::Object;
}

}  // namespace

void lay_out(ast::Program& p) {
  for (size_t i = 0; i < p.decls.size(); ++i) {
    ast::Decl& d = p.decls[i];
    if (d.value) lay_out(*d.value);
    for (auto& e : d.properties) lay_out(*e.value);
    for (auto& a : d.annotations) {
      for (auto& x : a.args) lay_out(*x);
    }
    if (d.kind == ast::DeclKind::Let && d.value && d.value->kind == ast::ExprKind::Object) d.value->multiline = true;
    if (i == 0) continue;
    const ast::Decl& prev = p.decls[i - 1];
    d.blank_before = !(prev.kind == d.kind && plain(prev) && plain(d));
  }
}

}  // namespace infrac::importer
