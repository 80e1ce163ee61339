// The string functions: `replace`, `substr`, `trim`, `jsonencode` and `templatefile`.
// CloudFormation has no counterpart of the first three, so they need compile-time
// strings; `jsonencode` and `templatefile` keep deploy-time parts as `Fn::Sub` does.
#include <algorithm>
#include <cmath>

#include "base/excerpt.h"
#include "base/source.h"
#include "diag/spell.h"
#include "sema/checker.h"

namespace infrac::sema {

namespace {

// `s` as the inside of a JSON string, without the quotes.
void json_escape(const std::string& s, std::string& out) {
  static const char* hex = "0123456789abcdef";
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (u < 0x20) {
          out += "\\u00";
          out += hex[u >> 4];
          out += hex[u & 15];
        } else {
          out += c;
        }
    }
  }
}

bool is_blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// The byte offset of code point `n` of `s` (its size when `n` is past the end).
size_t byte_of(const std::string& s, size_t n) {
  size_t i = 0;
  while (i < s.size() && n > 0) {
    ++i;
    while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
    --n;
  }
  return i;
}

bool name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }

}  // namespace

// Adds `v` to an Fn::Sub being built: text into `pending`, deploy-time parts as pieces.
// False when `v` cannot go into a string; the caller reports it.
bool Checker::sub_piece(const Val& v, std::string& pending, Val& sub) {
  if (to_string_piece(v, pending)) return true;
  bool list_param = v.kind == ValKind::ParamRef && out_.params[v.target].value_type == "list";
  if (v.kind == ValKind::List || v.kind == ValKind::Object || v.kind == ValKind::Null || v.kind == ValKind::NoValue ||
      v.kind == ValKind::Module || v.kind == ValKind::Error || list_param) {
    return false;
  }
  if (v.kind == ValKind::Sub) {
    for (const Val& piece : v.items) {
      if (piece.kind == ValKind::String) {
        pending += piece.text;
        continue;
      }
      if (!pending.empty()) sub.items.push_back(Val::str(std::move(pending), v.span));
      pending.clear();
      sub.items.push_back(piece);
    }
    return true;
  }
  if (!pending.empty()) sub.items.push_back(Val::str(std::move(pending), v.span));
  pending.clear();
  sub.items.push_back(v);
  return true;
}

// JSON text of `v` into `pending` and `sub`. A deploy-time part becomes a JSON string whose
// text CloudFormation fills in. False after reporting what cannot be encoded.
bool Checker::json_piece(const Val& v, std::string& pending, Val& sub, const ast::Expr& at) {
  switch (v.kind) {
    case ValKind::Null: pending += "null"; return true;
    case ValKind::Bool: pending += v.boolean ? "true" : "false"; return true;
    case ValKind::Number: pending += number_text(v.number); return true;
    case ValKind::String:
      pending += '"';
      json_escape(v.text, pending);
      pending += '"';
      return true;
    case ValKind::List:
      pending += '[';
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) pending += ',';
        if (!json_piece(v.items[i], pending, sub, at)) return false;
      }
      pending += ']';
      return true;
    case ValKind::Object:
      pending += '{';
      for (size_t i = 0; i < v.fields.size(); ++i) {
        if (i > 0) pending += ',';
        pending += '"';
        json_escape(v.fields[i].first, pending);
        pending += "\":";
        if (!json_piece(v.fields[i].second, pending, sub, at)) return false;
      }
      pending += '}';
      return true;
    case ValKind::Sub:
      pending += '"';
      for (const Val& piece : v.items) {
        if (piece.kind == ValKind::String) {
          json_escape(piece.text, pending);
          continue;
        }
        if (!pending.empty()) sub.items.push_back(Val::str(std::move(pending), v.span));
        pending.clear();
        sub.items.push_back(piece);
      }
      pending += '"';
      return true;
    default:
      break;
  }
  bool list = (v.kind == ValKind::ParamRef && out_.params[v.target].value_type == "list") ||
              (v.kind == ValKind::Call && (v.text == "Fn::GetAZs" || v.text == "Fn::Split" || v.text == "Fn::Cidr"));
  bool choice = v.kind == ValKind::Call && (v.text == "Fn::If" || v.text == "Fn::Equals" || v.text == "Fn::And" ||
                                            v.text == "Fn::Or" || v.text == "Fn::Not");
  if (list || choice || v.kind == ValKind::NoValue || v.kind == ValKind::Module) {
    std::string name = v.kind == ValKind::ParamRef ? "the parameter `" + out_.params[v.target].name + "`" : describe(v);
    std::string what = list ? name + " is a list known only at deploy time"
                       : choice ? describe(v) + " is decided only at deploy time"
                                : describe(v) + " has no JSON form";
    diags_.report(diag::Kind::DeployTimeNotAllowed, at.span, {"this part of `jsonencode`'s value", what})
        .note(v.span, "this part")
        .help("only single deploy-time values (references, attributes, strings) can be encoded; they become "
              "JSON strings");
    return false;
  }
  pending += '"';
  if (!pending.empty()) sub.items.push_back(Val::str(std::move(pending), v.span));
  pending.clear();
  sub.items.push_back(v);
  pending += '"';
  return true;
}

Val Checker::string_function(const ast::Expr& e, std::string_view fn, std::vector<Val>& args) {
  auto named = [&](const Val& v) {
    return v.kind == ValKind::ParamRef ? "the parameter `" + out_.params[v.target].name + "`" : describe(v);
  };
  auto known_string = [&](size_t i) {
    if (!args[i].known() && args[i].kind != ValKind::Error) {
      diags_.report(diag::Kind::DeployTimeNotAllowed, e.items[i]->span,
                    {"the arguments of `" + std::string(fn) + "`", named(args[i]) + " is known only at deploy time"})
          .note("CloudFormation has no function that does this");
      return false;
    }
    if (args[i].kind != ValKind::String) {
      diags_.report(diag::Kind::TypeMismatch, e.items[i]->span, {"a string", describe(args[i])});
      return false;
    }
    return true;
  };
  auto whole = [&](size_t i) {
    if (!args[i].known()) {
      diags_.report(diag::Kind::DeployTimeNotAllowed, e.items[i]->span,
                    {"the arguments of `" + std::string(fn) + "`", named(args[i]) + " is known only at deploy time"});
      return false;
    }
    if (args[i].kind != ValKind::Number || std::floor(args[i].number) != args[i].number || args[i].number < 0) {
      diags_.report(diag::Kind::TypeMismatch, e.items[i]->span, {"a whole number from 0", describe(args[i])});
      return false;
    }
    return true;
  };

  if (fn == "replace") {
    if (!known_string(0) || !known_string(1) || !known_string(2)) return Val::error();
    const std::string& from = args[1].text;
    if (from.empty()) {
      diags_.report(diag::Kind::TypeMismatch, e.items[1]->span, {"a text to replace", "the empty string"});
      return Val::error();
    }
    std::string out;
    const std::string& s = args[0].text;
    size_t at = 0;
    while (true) {
      size_t next = s.find(from, at);
      out.append(s, at, next == std::string::npos ? std::string::npos : next - at);
      if (next == std::string::npos) break;
      out += args[2].text;
      if (out.size() > kMaxValueBytes) break;  // reported as E0430 where the call is
      at = next + from.size();
    }
    return Val::str(std::move(out), e.span);
  }
  if (fn == "substr") {
    if (!known_string(0) || !whole(1) || !whole(2)) return Val::error();
    const std::string& s = args[0].text;
    double length = count_code_points(s);
    double from = args[1].number, count = args[2].number;
    if (from + count > length) {
      diags_.report(diag::Kind::SubstringOutOfRange, e.span, {args[1].text, args[2].text, number_text(length)})
          .help("`length(s)` gives the number of code points");
      return Val::error();
    }
    size_t begin = byte_of(s, static_cast<size_t>(from));
    size_t end = byte_of(s, static_cast<size_t>(from + count));
    return Val::str(s.substr(begin, end - begin), e.span);
  }
  if (fn == "trim") {
    if (!known_string(0)) return Val::error();
    const std::string& s = args[0].text;
    size_t b = 0, n = s.size();
    while (b < n && is_blank(static_cast<unsigned char>(s[b]))) ++b;
    while (n > b && is_blank(static_cast<unsigned char>(s[n - 1]))) --n;
    return Val::str(s.substr(b, n - b), e.span);
  }
  if (fn == "jsonencode") {
    Val sub;
    sub.kind = ValKind::Sub;
    sub.span = e.span;
    std::string pending;
    if (!json_piece(args[0], pending, sub, *e.items[0])) return Val::error();
    if (sub.items.empty()) return Val::str(std::move(pending), e.span);
    if (!pending.empty()) sub.items.push_back(Val::str(std::move(pending), e.span));
    return sub;
  }
  if (fn == "templatefile") {
    if (args[0].kind != ValKind::String) {
      diags_.report(diag::Kind::TypeMismatch, e.items[0]->span, {"a path known at compile time", describe(args[0])});
      return Val::error();
    }
    if (args[1].kind != ValKind::Object) {
      diags_.report(diag::Kind::TypeMismatch, e.items[1]->span, {"an object of variables", describe(args[1])});
      return Val::error();
    }
    std::string text;
    if (!read_project_file(args[0].text, *e.items[0], "templatefile", text)) return Val::error();
    const std::string& path = args[0].text;
    if (size_t bad = find_invalid_utf8(text); bad != std::string::npos) {
      diags_.report(diag::Kind::FileUnreadable, e.items[0]->span, {path, "it is not UTF-8 text (at " + line_and_column(text, bad) + ")"});
      return Val::error();
    }
    Val sub;
    sub.kind = ValKind::Sub;
    sub.span = e.span;
    std::string pending;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '$' || i + 1 >= text.size() || (text[i + 1] != '{' && text[i + 1] != '$')) {
        pending += text[i];
        continue;
      }
      if (text[i + 1] == '$') {  // `$${` is a literal `${`; `$$` otherwise is text
        if (i + 2 < text.size() && text[i + 2] == '{') {
          pending += "${";
          i += 2;
        } else {
          pending += "$$";
          ++i;
        }
        continue;
      }
      size_t n = i + 2;
      while (n < text.size() && (n == i + 2 ? name_start(text[n]) : name_char(text[n]))) ++n;
      if (n == i + 2 || n >= text.size() || text[n] != '}') {
        size_t stop = std::min({text.find('}', i), text.find('\n', i), i + 40});
        std::string shown = text.substr(i, stop == std::string::npos ? 40 : stop - i + (stop < text.size() && text[stop] == '}'));
        diags_.report(diag::Kind::TemplatePlaceholder, e.items[0]->span, {path, shown, line_and_column(text, i)})
            .help(shown.find("::") != std::string::npos
                      ? "pass the value as a variable, as in `{ region = AWS::Region }` for `${region}`"
                      : "a placeholder is `${name}` with a name from the variables; write `$${` for a literal `${`");
        return Val::error();
      }
      std::string name = text.substr(i + 2, n - i - 2);
      auto it = std::find_if(args[1].fields.begin(), args[1].fields.end(), [&](const auto& f) { return f.first == name; });
      if (it == args[1].fields.end()) {
        std::vector<std::string_view> given;
        for (const auto& f : args[1].fields) given.push_back(f.first);
        auto b = diags_.report(diag::Kind::TemplateVariableMissing, e.items[1]->span, {path, name, line_and_column(text, i)});
        if (auto m = diag::closest(name, given)) b.help("add `" + name + " = ...` to the variables, or did you mean `" + *m + "`?");
        else b.help("add `" + name + " = ...` to the variables");
        return Val::error();
      }
      if (!sub_piece(it->second, pending, sub)) {
        diags_.report(diag::Kind::NotInterpolable, e.items[1]->span, {describe(it->second)})
            .note(it->second.span, "the variable `" + name + "`, used at " + line_and_column(text, i) + " of `" + path + "`");
        return Val::error();
      }
      i = n;
    }
    if (sub.items.empty()) return Val::str(std::move(pending), e.span);
    if (!pending.empty()) sub.items.push_back(Val::str(std::move(pending), e.span));
    return sub;
  }
  return Val::error();
}

}  // namespace infrac::sema
