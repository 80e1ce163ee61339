// The layout of expressions: one line when they fit and were written so, else broken
// one item a line (print/layout.h).
#include <cstdint>

#include "print/heredocs.h"
#include "print/layout.h"
#include "print/literals.h"
#include "print/precedence.h"
#include "print/printer.h"

namespace infrac::print {

namespace {

// `flat` and `expr` without the parentheses the user wrote around `e`.
bool flat_bare(const ast::Expr& e, std::string& out, size_t limit, bool force = false);
std::string expr_bare(const ast::Expr& e, int indent, int col);

size_t room(int col) { return col >= kLineWidth ? 0 : static_cast<size_t>(kLineWidth - col); }

// The column after `text` when it starts at `col`.
int end_col(int col, const std::string& text) {
  size_t nl = text.rfind('\n');
  return nl == std::string::npos ? col + static_cast<int>(text.size()) : static_cast<int>(text.size() - nl - 1);
}

bool has_comments(const ast::Expr& item) { return !item.rare().leading.empty() || !item.rare().trailing.empty(); }

// Written across lines: an empty list, object or call has only one form.
bool kept_broken(const ast::Expr& e) {
  bool empty = e.items.empty() && e.entries.empty();
  return !e.rare().closing.empty() || (e.multiline && !empty);
}

// Parentheses precedence needs and the user did not write (flat and expr print those).
bool paren(const ast::Expr& child, Slot slot, int parent) { return !child.parens && needs_parens(child, slot, parent); }

bool flat_sub(const ast::Expr& c, Slot slot, int parent, std::string& out, size_t limit, bool force) {
  bool p = paren(c, slot, parent);
  if (p) out += "(";
  if (!flat(c, out, limit, force)) return false;
  if (p) out += ")";
  return force || out.size() <= limit;
}

std::string sub(const ast::Expr& c, Slot slot, int parent, int indent, int col) {
  if (!paren(c, slot, parent)) return expr(c, indent, col);
  return "(" + expr(c, indent, col + 1) + ")";
}

std::string key_text(const ast::Entry& e) { return e.key_quoted || !is_name(e.key) ? quote(e.key) : e.key; }

bool flat_entries(const std::vector<ast::Entry>& entries, std::string& out, size_t limit, bool force) {
  if (entries.empty()) {
    out += "{}";
    return true;
  }
  out += "{ ";
  for (size_t i = 0; i < entries.size(); ++i) {
    const ast::Entry& en = entries[i];
    if (!force && (!en.comments().leading.empty() || !en.comments().trailing.empty())) return false;
    if (i > 0) out += ", ";
    out += key_text(en) + " = ";
    if (!flat_sub(*en.value, Slot::Free, 9, out, limit, force)) return false;
  }
  out += " }";
  return force || out.size() <= limit;
}

bool flat_items(const std::vector<ast::ExprPtr>& items, std::string& out, size_t limit, bool force) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (!force && has_comments(*items[i])) return false;
    if (i > 0) out += ", ";
    if (!flat_sub(*items[i], Slot::Free, 9, out, limit, force)) return false;
  }
  return true;
}

// `for x in ` or `for i, x in ` of a comprehension.
std::string for_clause(const ast::Expr& e) {
  return "for " + (e.rare().index_name.empty() ? "" : e.rare().index_name + ", ") + e.text + " in ";
}

std::string string_literal(const ast::Expr& e) {
  std::string out = "\"";
  std::string pending;  // literal text of a built tree, escaped once whole
  for (const ast::StringPart& p : e.parts) {
    if (!p.expr && p.raw.empty()) {
      pending += p.text;
      continue;
    }
    out += escape_text(pending);
    pending.clear();
    if (p.expr) {
      out += "${";
      flat(*p.expr, out, SIZE_MAX, true);
      out += "}";
    } else {
      out += p.raw;
    }
  }
  return out + escape_text(pending) + "\"";
}

// Items one a line, each followed by a comma, with their comments.
std::string item_lines(const std::vector<ast::ExprPtr>& items, const ast::Comments& closing, int indent) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    const ast::Expr& it = *items[i];
    if (i > 0 && it.blank_before) out += "\n";
    out += comment_lines(it.rare().leading, indent, true);
    if (!it.rare().leading.empty() && it.rare().leading.back().blank_after) out += "\n";
    out += spaces(indent) + sub(it, Slot::Free, 9, indent, indent * 2) + "," + trailing(it.rare().trailing) + "\n";
    if (spent(out.size())) break;
  }
  if (!closing.empty()) {
    if (!items.empty() && closing.front().blank_before) out += "\n";
    out += comment_lines(closing, indent, true);
  }
  return out;
}

std::string broken_object(const ast::Expr& e, int indent) {
  return "{\n" + entry_lines(e.entries, e.rare().closing, indent + 1) + spaces(indent) + "}";
}

// A list or call argument that takes the brackets of its parent: `[{`, `({`, `([`.
bool hugs(const ast::Expr& parent, const ast::Expr& item, int indent) {
  if (!parent.rare().closing.empty() || item.parens || has_comments(item)) return false;
  bool container = false;
  if (item.kind == ast::ExprKind::Object) container = !item.entries.empty() || !item.rare().closing.empty();
  if (item.kind == ast::ExprKind::List && parent.kind == ast::ExprKind::Call) {
    container = !item.items.empty() || !item.rare().closing.empty();
  }
  if (!container) return false;
  std::string probe;
  return !flat(item, probe, room((indent + 1) * 2));
}

// A list of objects written without a line break after `[` hugs them all: `[{`, `}, {`,
// `}]`; written with one, its objects go one a line, but a single one that does not fit
// on its line hugs the brackets.
std::string list(const ast::Expr& e, int indent) {
  bool objects = e.rare().closing.empty() && !e.items.empty();
  for (const auto& it : e.items) {
    objects = objects && it->kind == ast::ExprKind::Object && !it->entries.empty() && !it->parens &&
              !has_comments(*it) && it->rare().closing.empty();
  }
  if (objects && !e.multiline) {
    std::string out = "[";
    for (size_t i = 0; i < e.items.size(); ++i) out += (i ? ", " : "") + broken_object(*e.items[i], indent);
    return out + "]";
  }
  if (e.items.size() == 1 && hugs(e, *e.items[0], indent)) return "[" + broken_object(*e.items[0], indent) + "]";
  return "[\n" + item_lines(e.items, e.rare().closing, indent + 1) + spaces(indent) + "]";
}

}  // namespace

std::string spaces(int indent) { return std::string(static_cast<size_t>(indent) * 2, ' '); }

bool flat(const ast::Expr& e, std::string& out, size_t limit, bool force) {
  if (!e.parens) return flat_bare(e, out, limit, force);
  out += "(";
  if (!flat_bare(e, out, limit, force)) return false;
  out += ")";
  return force || out.size() <= limit;
}

std::string expr(const ast::Expr& e, int indent, int col) {
  if (!e.parens) return expr_bare(e, indent, col);
  return "(" + expr_bare(e, indent, col + 1) + ")";
}

namespace {

bool flat_bare(const ast::Expr& e, std::string& out, size_t limit, bool force) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Null: out += "null"; break;
    case K::Bool: out += e.boolean ? "true" : "false"; break;
    case K::Number: out += e.text.empty() ? number_text(e.number) : e.text; break;
    case K::String:
      if (!force && printable_heredoc(e)) return false;  // it takes lines of its own
      out += string_literal(e);  // inside `${ }`, a heredoc is written as a quoted string
      break;
    case K::Name: out += e.text; break;
    case K::Member:
      if (!flat_sub(*e.lhs, Slot::Postfix, 9, out, limit, force)) return false;
      out += "." + e.text;
      break;
    case K::Index:
      if (!flat_sub(*e.lhs, Slot::Postfix, 9, out, limit, force)) return false;
      out += "[";
      if (!flat_sub(*e.rhs, Slot::Free, 9, out, limit, force)) return false;
      out += "]";
      break;
    case K::Call:
      if (!force && kept_broken(e)) return false;
      out += e.text + "(";
      if (!flat_items(e.items, out, limit, force)) return false;
      out += ")";
      break;
    case K::List:
      if (!force && kept_broken(e)) return false;
      out += "[";
      if (!flat_items(e.items, out, limit, force)) return false;
      out += "]";
      break;
    case K::Object:
      if (!force && kept_broken(e)) return false;
      if (!flat_entries(e.entries, out, limit, force)) return false;
      break;
    case K::Unary:
      out += e.text;
      if (!flat_sub(*e.lhs, Slot::Operand, 8, out, limit, force)) return false;
      break;
    case K::Binary: {
      int p = precedence(e);
      if (!flat_sub(*e.lhs, Slot::Left, p, out, limit, force)) return false;
      out += " " + e.text + " ";
      if (!flat_sub(*e.rhs, Slot::Right, p, out, limit, force)) return false;
      break;
    }
    case K::Conditional:
      if (!flat_sub(*e.lhs, Slot::Condition, 1, out, limit, force)) return false;
      out += " ? ";
      if (!flat_sub(*e.rhs, Slot::Free, 1, out, limit, force)) return false;
      out += " : ";
      if (!flat_sub(*e.rare().third, Slot::Free, 1, out, limit, force)) return false;
      break;
    case K::ListFor:
    case K::ObjectFor: {
      bool object = e.kind == K::ObjectFor;
      out += object ? "{ " : "[";
      out += for_clause(e);
      if (!flat_sub(*e.lhs, Slot::Condition, 1, out, limit, force)) return false;
      out += " : ";
      if (object) {
        if (!flat_sub(*e.rare().key, Slot::Free, 9, out, limit, force)) return false;
        out += " => ";
      }
      if (!flat_sub(*e.rhs, Slot::Free, 9, out, limit, force)) return false;
      if (e.rare().third) {
        out += " if ";
        if (!flat_sub(*e.rare().third, Slot::Free, 9, out, limit, force)) return false;
      }
      out += object ? " }" : "]";
      break;
    }
    case K::Error:
      // Only a tree with syntax errors holds these, and fmt prints no such tree: the
      // marker cannot be read back, so that nothing half-printed passes for a program.
      out += "<error>";
      break;
  }
  return force || out.size() <= limit;
}

std::string expr_bare(const ast::Expr& e, int indent, int col) {
  std::string one;
  if (flat_bare(e, one, room(col))) return one;
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::List: return list(e, indent);
    case K::Object: return broken_object(e, indent);
    case K::Call: return call(e.text, e.items, e.rare().closing, e.multiline, indent, col);
    case K::Member: return sub(*e.lhs, Slot::Postfix, 9, indent, col) + "." + e.text;
    case K::Index: {
      std::string s = sub(*e.lhs, Slot::Postfix, 9, indent, col) + "[";
      return s + sub(*e.rhs, Slot::Free, 9, indent, end_col(col, s)) + "]";
    }
    case K::Unary: return e.text + sub(*e.lhs, Slot::Operand, 8, indent, col + static_cast<int>(e.text.size()));
    case K::Binary: {
      int p = precedence(e);
      std::string s = sub(*e.lhs, Slot::Left, p, indent, col) + " " + e.text + " ";
      return s + sub(*e.rhs, Slot::Right, p, indent, end_col(col, s));
    }
    case K::Conditional: {
      std::string s = sub(*e.lhs, Slot::Condition, 1, indent, col) + " ? ";
      s += sub(*e.rhs, Slot::Free, 1, indent, end_col(col, s)) + " : ";
      return s + sub(*e.rare().third, Slot::Free, 1, indent, end_col(col, s));
    }
    case K::String:
      if (printable_heredoc(e)) return heredoc(e, indent);
      break;
    case K::ListFor:
    case K::ObjectFor: {
      // Inside the brackets, a line for the clause and the item (which breaks as it
      // needs), and one for the `if`.
      bool object = e.kind == K::ObjectFor;
      int in = indent + 1;
      std::string s = spaces(in) + for_clause(e);
      s += sub(*e.lhs, Slot::Condition, 1, in, end_col(0, s)) + " : ";
      if (object) s += sub(*e.rare().key, Slot::Free, 9, in, end_col(0, s)) + " => ";
      s += sub(*e.rhs, Slot::Free, 9, in, end_col(0, s));
      if (e.rare().third) {
        std::string cond = spaces(in) + "if ";
        s += "\n" + cond + sub(*e.rare().third, Slot::Free, 9, in, end_col(0, cond));
      }
      return std::string(object ? "{" : "[") + "\n" + s + "\n" + spaces(indent) + (object ? "}" : "]");
    }
    case K::Null:
    case K::Bool:
    case K::Number:
    case K::Name:
    case K::Error:
      break;
  }
  one.clear();
  flat_bare(e, one, SIZE_MAX, true);  // a literal too wide for the line: it has no other form
  return one;
}

}  // namespace

std::string call(const std::string& prefix, const std::vector<ast::ExprPtr>& args, const ast::Comments& closing,
                 bool multiline, int indent, int col) {
  if ((!multiline || args.empty()) && closing.empty()) {
    std::string one = prefix + "(";
    bool comments = false;
    for (const auto& a : args) comments = comments || has_comments(*a);
    if (!comments && flat_items(args, one, room(col), false) && one.size() + 1 <= room(col)) return one + ")";
  }
  if (args.size() == 1 && closing.empty() && !has_comments(*args[0]) && !args[0]->parens &&
      printable_heredoc(*args[0])) {
    return prefix + "(" + heredoc(*args[0], indent) + ")";  // `base64(<<-EOT` ... `EOT)`
  }
  if (args.size() == 1 && closing.empty()) {
    ast::Expr holder;  // stands for the call in `hugs`
    holder.kind = ast::ExprKind::Call;
    if (hugs(holder, *args[0], indent)) {
      return prefix + "(" + expr(*args[0], indent, col + static_cast<int>(prefix.size()) + 1) + ")";
    }
  }
  if (args.empty() && closing.empty()) return prefix + "()";
  return prefix + "(\n" + item_lines(args, closing, indent + 1) + spaces(indent) + ")";
}

std::string entry_lines(const std::vector<ast::Entry>& entries, const ast::Comments& closing, int indent) {
  struct Row {
    std::string key, value;
    bool multi;
  };
  std::vector<Row> rows;
  rows.reserve(entries.size());
  for (const ast::Entry& en : entries) {
    if (spent(0)) return "";
    std::string key = key_text(en);
    std::string value = sub(*en.value, Slot::Free, 9, indent, indent * 2 + static_cast<int>(key.size()) + 3);
    bool multi = value.find('\n') != std::string::npos;
    rows.push_back({std::move(key), std::move(value), multi});
  }
  // Groups: runs of one-line entries not separated by a blank line; `=` aligns within one.
  // A multi-line entry ends a group and stands alone, its `=` one space after its key.
  // A value that fits after its key but not once aligned is broken where it is aligned,
  // which makes it multi-line and so changes the groups: repeated until none changes
  // (each round breaks one more value at least, so it ends).
  std::vector<size_t> width(entries.size());
  for (bool changed = true; changed;) {
    for (size_t start = 0; start < entries.size();) {
      size_t end = start + 1;
      if (!rows[start].multi) {
        while (end < entries.size() && !rows[end].multi && !entries[end].blank_before) ++end;
      }
      size_t w = 0;
      for (size_t i = start; i < end; ++i) w = std::max(w, rows[i].key.size());
      for (size_t i = start; i < end; ++i) width[i] = w;
      start = end;
    }
    changed = false;
    for (size_t i = 0; i < entries.size(); ++i) {
      int col = indent * 2 + static_cast<int>(width[i]) + 3;
      if (rows[i].multi || col + rows[i].value.size() <= static_cast<size_t>(kLineWidth)) continue;
      std::string aligned = sub(*entries[i].value, Slot::Free, 9, indent, col);
      if (aligned.find('\n') == std::string::npos) continue;
      rows[i].value = std::move(aligned);
      rows[i].multi = true;
      changed = true;
    }
  }
  std::string out;
  for (size_t i = 0; i < entries.size(); ++i) {
    const ast::Entry& en = entries[i];
    if (i > 0 && en.blank_before) out += "\n";
    out += comment_lines(en.comments().leading, indent, true);
    if (!en.comments().leading.empty() && en.comments().leading.back().blank_after) out += "\n";
    std::string pad(width[i] - rows[i].key.size(), ' ');
    out += spaces(indent) + rows[i].key + pad + " = " + rows[i].value + trailing(en.comments().trailing) + "\n";
    if (spent(out.size())) break;
  }
  if (!closing.empty()) {
    if (!entries.empty() && closing.front().blank_before) out += "\n";
    out += comment_lines(closing, indent, true);
  }
  return out;
}

std::string body(const std::vector<ast::Entry>& entries, const ast::Comments& closing, bool one_line, int indent,
                 int col) {
  if (entries.empty() && closing.empty()) return "{}";
  if (one_line && closing.empty()) {
    std::string one;
    if (flat_entries(entries, one, room(col), false)) return one;
  }
  return "{\n" + entry_lines(entries, closing, indent + 1) + spaces(indent) + "}";
}

std::string print_expr(const ast::Expr& e) { return sub(e, Slot::Free, 9, 0, 0); }

}  // namespace infrac::print
