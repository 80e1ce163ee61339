#include "import/values.h"

#include <cmath>
#include <cstdlib>

#include "base/sub_text.h"
#include "import/ast_make.h"
#include "sema/value.h"

namespace infrac::importer {

using data::Kind;
using data::Node;

namespace {

// Deeper values than this are refused rather than recursed into: the readers allow 500
// levels, the language's nesting limit is 200.
constexpr int kMaxDepth = 180;

bool identifier(const std::string& s) {
  if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_')) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return s != "true" && s != "false" && s != "null";
}

std::string shown(const Node& n) {
  if (n.is_tagged()) return "`" + n.tag + "`";
  switch (n.kind) {
    case Kind::Null: return "nothing";
    case Kind::Scalar: return "`" + (n.text.size() > 40 ? n.text.substr(0, 40) + "..." : n.text) + "`";
    case Kind::Seq: return "a list";
    case Kind::Map: return "a mapping";
  }
  return "something else";
}

Node untagged(const Node& n) {
  Node copy = n;
  copy.tag.clear();
  return copy;
}

struct Depth {
  explicit Depth(int& d) : d_(d) { ++d_; }
  ~Depth() { --d_; }
  int& d_;
};

}  // namespace

bool is_pseudo_parameter(const std::string& name) {
  static const char* const names[] = {"AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition",
                                      "AWS::Region",    "AWS::StackId",          "AWS::StackName", "AWS::URLSuffix"};
  for (const char* p : names) {
    if (name == p) return true;
  }
  return false;
}

Intrinsic intrinsic_of(const Node& n) {
  if (n.is_tagged()) {
    std::string t = n.tag.substr(1);
    std::string fn = t == "Ref" || t == "Condition" ? t : "Fn::" + t;
    return Intrinsic{fn, std::make_shared<const Node>(untagged(n))};
  }
  if (n.is_map() && n.entries.size() == 1 && n.entries[0].first->is_scalar()) {
    const std::string& k = n.entries[0].first->text;
    if (k == "Ref" || k.rfind("Fn::", 0) == 0) return Intrinsic{k, n.entries[0].second};
  }
  return Intrinsic{};
}

Span Converter::span(const Node& n) const {
  if (n.is_tagged() && !n.is_scalar()) return Span{file_, n.offset, n.offset + static_cast<uint32_t>(n.tag.size())};
  uint32_t len = n.is_scalar() && !n.text.empty() && n.text.find('\n') == std::string::npos
                     ? static_cast<uint32_t>(n.text.size()) + (n.quoted ? 2 : 0)
                     : 1;
  return Span{file_, n.offset, n.offset + len};
}

void Converter::unsupported(const Node& n, const std::string& what, const std::string& why) {
  failed_ = true;
  diags_.report(diag::Kind::ImportUnsupported, span(n), {what, why});
}

void Converter::empty_value(const Node& key) {
  failed_ = true;
  diags_.report(diag::Kind::ImportUnsupported, span(key), {"the empty value of `" + key.text + "`",
                "it is null, which the language cannot write (`null` leaves a value out) and CloudFormation "
                "refuses in a template"})
      .help("give it a value, or remove the key, in the template");
}

void Converter::malformed(const Node& n, const std::string& what, const std::string& expected) {
  failed_ = true;
  diags_.report(diag::Kind::UnexpectedToken, span(n), {expected + " for " + what, shown(n)});
}

ast::ExprPtr Converter::scalar(const Node& n) {
  if (n.quoted) return make_string(n.text);
  switch (data::classify_plain(n.text)) {
    case data::Plain::String: return make_string(n.text);
    case data::Plain::True: return make_bool(true);
    case data::Plain::False: return make_bool(false);
    case data::Plain::Null:
      unsupported(n, "an empty value", "it is null, which the language cannot write (`null` leaves a value out)");
      return make_null();
    case data::Plain::Number: break;
  }
  const std::string& t = n.text;
  char* end = nullptr;
  double d = std::strtod(t.c_str(), &end);
  bool hex_or_octal = t.find_first_of("xXoO") != std::string::npos;
  if (hex_or_octal) d = static_cast<double>(std::strtoll(t.c_str() + (t[0] == '-' || t[0] == '+'), nullptr, 0)) * (t[0] == '-' ? -1 : 1);
  if (!std::isfinite(d)) {
    unsupported(n, "the number `" + t + "`", "it is not a finite number");
    return make_null();
  }
  bool integral = d == std::floor(d);
  if (integral && std::fabs(d) > 9007199254740992.0) {
    unsupported(n, "the number `" + t + "`", "integers are limited to 2^53; write it in quotes if it is a string");
    return make_null();
  }
  std::string text = sema::number_text(std::fabs(d));
  auto num = make_number(text, std::fabs(d));
  if (d < 0 || (d == 0 && std::signbit(d))) return make_unary("-", std::move(num));
  return num;
}

ast::ExprPtr Converter::key(const Node& n, const std::string& what) {
  if (!n.is_scalar() || n.is_tagged()) {
    malformed(n, what, "a plain key");
    return nullptr;
  }
  return make_string(n.text);
}

ast::ExprPtr Converter::object(const Node& n, bool literal) {
  std::vector<ast::Entry> entries;
  for (const auto& [k, v] : n.entries) {
    if (!k->is_scalar() || k->is_tagged()) {
      malformed(*k, "a mapping's key", "a plain key");
      continue;
    }
    if (k->text.find("${") != std::string::npos) {
      unsupported(*k, "the key `" + k->text + "`", "keys of objects cannot contain `${`");
      continue;
    }
    if (v->kind == Kind::Null) {
      empty_value(*k);
      continue;
    }
    entries.push_back(make_entry(k->text, literal ? this->literal(*v) : value(*v)));
  }
  return make_object(std::move(entries));
}

ast::ExprPtr Converter::literal(const Node& n) {
  Depth depth(depth_);
  if (depth_ > kMaxDepth) {
    unsupported(n, "this value", "it is nested deeper than " + std::to_string(kMaxDepth) + " levels");
    return make_null();
  }
  if (n.is_tagged()) {
    // The long form of the same function: the template block writes its values as they are.
    Intrinsic in = intrinsic_of(n);
    std::vector<ast::Entry> e;
    e.push_back(make_entry(in.fn, literal(*in.arg)));
    return make_object(std::move(e));
  }
  return untagged_value(n, true);
}

ast::ExprPtr Converter::untagged_value(const Node& n, bool literal) {
  switch (n.kind) {
    case Kind::Null: unsupported(n, "an empty value", "it is null, which the language cannot write (`null` leaves a value out)"); return make_null();
    case Kind::Scalar: return scalar(n);
    case Kind::Seq: {
      std::vector<ast::ExprPtr> items;
      for (const auto& i : n.items) items.push_back(literal ? this->literal(*i) : value(*i));
      return make_list(std::move(items));
    }
    case Kind::Map: return object(n, literal);
  }
  return make_null();
}

ast::ExprPtr Converter::value(const Node& n) {
  Depth depth(depth_);
  if (depth_ > kMaxDepth) {
    unsupported(n, "this value", "it is nested deeper than " + std::to_string(kMaxDepth) + " levels");
    return make_null();
  }
  Intrinsic in = intrinsic_of(n);
  if (!in.fn.empty()) return intrinsic(in.fn, *in.arg, n);
  return untagged_value(n, false);
}

const Node* Converter::args(const Node& arg, const std::string& fn, size_t count, const Node& at) {
  if (!arg.is_seq() || arg.items.size() != count) {
    malformed(at, "`" + fn + "`", "a list of " + std::to_string(count) + " arguments");
    return nullptr;
  }
  return &arg;
}

ast::ExprPtr Converter::intrinsic(const std::string& fn, const Node& arg, const Node& at) {
  auto values = [&](const Node& list) {
    std::vector<ast::ExprPtr> out;
    for (const auto& i : list.items) out.push_back(value(*i));
    return out;
  };
  if (fn == "Ref") return ref(arg);
  if (fn == "Fn::GetAtt") return get_att(arg);
  if (fn == "Fn::Sub") return sub(arg);
  if (fn == "Fn::FindInMap") return find_in_map(arg);
  // The functions that are a built-in function of the same arguments.
  struct Same { const char* fn; const char* name; size_t count; };
  static const Same same[] = {{"Fn::Join", "join", 2}, {"Fn::Select", "select", 2}, {"Fn::Split", "split", 2},
                              {"Fn::Cidr", "cidr", 3}};
  for (const Same& s : same) {
    if (fn != s.fn) continue;
    if (!args(arg, fn, s.count, at)) return make_null();
    return make_call(s.name, values(arg));
  }
  if (fn == "Fn::Base64" || fn == "Fn::ImportValue") {
    std::vector<ast::ExprPtr> a;
    a.push_back(value(arg));
    return make_call(fn == "Fn::Base64" ? "base64" : "import_value", std::move(a));
  }
  if (fn == "Fn::GetAZs") {
    std::vector<ast::ExprPtr> a;
    bool stack_region = arg.is_scalar() && !arg.is_tagged() && arg.text.empty();
    if (!stack_region) a.push_back(value(arg));
    return make_call("azs", std::move(a));
  }
  if (fn == "Fn::If") {
    if (!args(arg, fn, 3, at)) return make_null();
    auto cond = condition_name(*arg.items[0]);
    return make_conditional(std::move(cond), value(*arg.items[1]), value(*arg.items[2]));
  }
  if (fn == "Fn::Equals" || fn == "Fn::And" || fn == "Fn::Or" || fn == "Fn::Not" || fn == "Condition") {
    unsupported(at, "`" + fn + "` as a value", "a condition is written in `Conditions` and used with `Fn::If`");
    return make_null();
  }
  unsupported(at, "the intrinsic function `" + fn + "`", "the language has no counterpart for it");
  return make_null();
}

ast::ExprPtr Converter::ref(const Node& arg) {
  if (!arg.is_scalar() || arg.is_tagged()) {
    unsupported(arg, "a `Ref` to " + shown(arg), "the language refers to parameters and resources by name");
    return make_null();
  }
  const std::string& id = arg.text;
  if (is_pseudo_parameter(id)) return make_name(id);
  if (auto it = symbols_.params.find(id); it != symbols_.params.end()) return make_name(it->second);
  if (auto it = symbols_.resources.find(id); it != symbols_.resources.end()) return make_member(make_name(it->second), "id");
  failed_ = true;
  diags_.report(diag::Kind::ImportUnknownName, span(arg), {id, "parameter or resource"});
  return make_null();
}

ast::ExprPtr Converter::attribute(const std::string& resource, const std::string& attr, const Node& at) {
  auto it = symbols_.resources.find(resource);
  if (it == symbols_.resources.end()) {
    failed_ = true;
    diags_.report(diag::Kind::ImportUnknownName, span(at), {resource, "resource"});
    return make_null();
  }
  ast::ExprPtr e = make_name(it->second);
  size_t start = 0;
  while (true) {
    size_t dot = attr.find('.', start);
    std::string piece = attr.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!identifier(piece) || piece == "id") {
      unsupported(at, "the attribute `" + attr + "`", "attribute names are written as names after a dot");
      return make_null();
    }
    e = make_member(std::move(e), piece);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return e;
}

ast::ExprPtr Converter::get_att(const Node& arg) {
  if (arg.is_scalar() && !arg.is_tagged()) {
    size_t dot = arg.text.find('.');
    if (dot == std::string::npos) {
      malformed(arg, "`Fn::GetAtt`", "`Resource.Attribute`");
      return make_null();
    }
    return attribute(arg.text.substr(0, dot), arg.text.substr(dot + 1), arg);
  }
  if (arg.is_seq() && arg.items.size() == 2 && arg.items[0]->is_scalar() && !arg.items[0]->is_tagged()) {
    const Node& a = *arg.items[1];
    if (!a.is_scalar() || a.is_tagged()) {
      unsupported(a, "`Fn::GetAtt` with an attribute name computed at deploy time", "attributes are written as names");
      return make_null();
    }
    return attribute(arg.items[0]->text, a.text, arg);
  }
  malformed(arg, "`Fn::GetAtt`", "`Resource.Attribute` or a list of the resource and the attribute");
  return make_null();
}

ast::ExprPtr Converter::placeholder(const std::string& name, const Node& at) {
  if (is_pseudo_parameter(name)) return make_name(name);
  if (auto it = symbols_.params.find(name); it != symbols_.params.end()) return make_name(it->second);
  if (auto it = symbols_.resources.find(name); it != symbols_.resources.end()) return make_member(make_name(it->second), "id");
  size_t dot = name.find('.');
  if (dot != std::string::npos && symbols_.resources.count(name.substr(0, dot)) > 0)
    return attribute(name.substr(0, dot), name.substr(dot + 1), at);
  failed_ = true;
  diags_.report(diag::Kind::ImportUnknownName, span(at), {name, "parameter, resource or variable"});
  return make_null();
}

ast::ExprPtr Converter::sub(const Node& arg) {
  const Node* text = nullptr;
  const Node* vars = nullptr;
  if (arg.is_scalar() && !arg.is_tagged()) {
    text = &arg;
  } else if (arg.is_seq() && arg.items.size() == 2 && arg.items[0]->is_scalar() && !arg.items[0]->is_tagged() &&
             arg.items[1]->is_map() && !arg.items[1]->is_tagged()) {
    text = arg.items[0].get();
    vars = arg.items[1].get();
  } else {
    malformed(arg, "`Fn::Sub`", "a string, or a list of a string and a mapping of variables");
    return make_null();
  }
  auto s = make_string("");
  for (const SubPiece& p : sub_pieces(text->text)) {
    if (!p.placeholder) {
      // `${!x}` is the literal text `${x}`.
      std::string t(p.text);
      for (size_t at = t.find("${!"); at != std::string::npos; at = t.find("${!", at + 2)) t.erase(at + 2, 1);
      append_text(*s, t);
      continue;
    }
    std::string name(p.text);
    const Node* var = vars != nullptr ? vars->get(name) : nullptr;
    append_interpolation(*s, var != nullptr ? value(*var) : placeholder(name, *text));
  }
  return s;
}

ast::ExprPtr Converter::find_in_map(const Node& arg) {
  if (!arg.is_seq() || arg.items.size() != 3) {
    malformed(arg, "`Fn::FindInMap`", "a list of the mapping, the first key and the second key");
    return make_null();
  }
  const Node& m = *arg.items[0];
  if (!m.is_scalar() || m.is_tagged()) {
    unsupported(m, "`Fn::FindInMap` with a mapping chosen at deploy time", "the mapping is written by its name");
    return make_null();
  }
  auto it = symbols_.mappings.find(m.text);
  if (it == symbols_.mappings.end()) {
    failed_ = true;
    diags_.report(diag::Kind::ImportUnknownName, span(m), {m.text, "mapping"});
    return make_null();
  }
  // The language reads a mapping at deploy time by a deploy-time first key and a known
  // second one; with a known first key the lookup is computed at compile time.
  const Node& key1 = *arg.items[1];
  const Node& second = *arg.items[2];
  if (intrinsic_of(key1).fn.empty()) {
    unsupported(key1, "`Fn::FindInMap` with the first key `" + (key1.is_scalar() ? key1.text : std::string("...")) + "`",
                "a lookup by known keys is computed when the program is built, and the template would hold its value");
    return make_null();
  }
  if (!second.is_scalar() || second.is_tagged()) {
    unsupported(second, "`Fn::FindInMap` with a second key known only at deploy time",
                "the language reads a field of a mapping's entry by its name");
    return make_null();
  }
  auto first = make_index(make_name(it->second), value(key1));
  if (identifier(second.text)) return make_member(std::move(first), second.text);
  return make_index(std::move(first), make_string(second.text));
}

ast::ExprPtr Converter::condition_name(const Node& n) {
  if (!n.is_scalar() || n.is_tagged()) {
    malformed(n, "a condition", "the name of a condition");
    return make_null();
  }
  auto it = symbols_.conditions.find(n.text);
  if (it == symbols_.conditions.end()) {
    failed_ = true;
    diags_.report(diag::Kind::ImportUnknownName, span(n), {n.text, "condition"});
    return make_null();
  }
  return make_name(it->second);
}

ast::ExprPtr Converter::condition(const Node& n) {
  Depth depth(depth_);
  if (depth_ > kMaxDepth) {
    unsupported(n, "this condition", "it is nested deeper than " + std::to_string(kMaxDepth) + " levels");
    return make_null();
  }
  Intrinsic in = intrinsic_of(n);
  const Node& arg = in.arg ? *in.arg : n;
  if (in.fn == "Condition") return condition_name(arg);
  if (in.fn == "Fn::Equals") {
    if (!args(arg, in.fn, 2, n)) return make_null();
    return make_binary("==", value(*arg.items[0]), value(*arg.items[1]));
  }
  if (in.fn == "Fn::Not") {
    if (!args(arg, in.fn, 1, n)) return make_null();
    return make_unary("!", condition(*arg.items[0]));
  }
  if (in.fn == "Fn::And" || in.fn == "Fn::Or") {
    if (!arg.is_seq() || arg.items.size() < 2 || arg.items.size() > 10) {
      malformed(n, "`" + in.fn + "`", "a list of 2 to 10 conditions");
      return make_null();
    }
    std::string op = in.fn == "Fn::And" ? "&&" : "||";
    ast::ExprPtr e = condition(*arg.items[0]);
    for (size_t i = 1; i < arg.items.size(); ++i) e = make_binary(op, std::move(e), condition(*arg.items[i]));
    return e;
  }
  malformed(n, "a condition", "`Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` or `Condition`");
  return make_null();
}

}  // namespace infrac::importer
