// Built-in functions. Each folds at compile time when its arguments are known and
// otherwise becomes the CloudFormation intrinsic that computes it at deploy time.
#include <algorithm>
#include <cctype>
#include <cmath>

#include "base/cidr.h"
#include "diag/spell.h"
#include "sema/checker.h"

namespace infrac::sema {

namespace {

struct FnSpec {
  std::string_view name;
  size_t min_args, max_args;
  std::string_view usage;
};

const std::vector<FnSpec>& functions() {
  static const std::vector<FnSpec> fns = {
      {"azs", 0, 1, "`azs()` or `azs(region)`"},
      {"base64", 1, 1, "one string"},
      {"cidr", 3, 3, "a CIDR block, a count and the number of host bits"},
      {"cidr_contains", 2, 2, "two CIDR blocks, the outer one first"},
      {"cidr_overlaps", 2, 2, "two CIDR blocks"},
      {"cidr_subnets", 3, 3, "a CIDR block, a count and the number of host bits"},
      {"concat", 1, 64, "one or more lists"},
      {"file", 1, 1, "the path of a JSON or YAML file, relative to the source"},
      {"format", 1, 64, "a format string with `{}` for each further argument"},
      {"import_value", 1, 1, "the name of an exported output"},
      {"join", 2, 2, "a separator and a list"},
      {"jsonencode", 1, 1, "one value"},
      {"keys", 1, 1, "one object"},
      {"length", 1, 1, "a list, an object or a string"},
      {"lower", 1, 1, "one string"},
      {"merge", 1, 64, "one or more objects"},
      {"range", 1, 3, "an end, or a start and an end, and maybe a step"},
      {"replace", 3, 3, "a string, the text to replace and its replacement"},
      {"select", 2, 2, "an index and a list"},
      {"split", 2, 2, "a separator and a string"},
      {"stack_output", 2, 4, "a stack name, an output name, and optionally a region and a role ARN"},
      {"substr", 3, 3, "a string, an offset and a length"},
      {"templatefile", 2, 2, "the path of a text file, relative to the source, and an object of variables"},
      {"trim", 1, 1, "one string"},
      {"upper", 1, 1, "one string"},
  };
  return fns;
}

}  // namespace

// `range(n)`, `range(start, end)`, `range(start, end, step)`: the whole numbers from start
// (0) up to end, not including it, by step (1); counting down with a negative step.
Val Checker::range(const ast::Expr& e, const std::vector<Val>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (!args[i].known()) {
      diags_.report(diag::Kind::DeployTimeNotAllowed, e.items[i]->span,
                    {"the arguments of `range`", describe(args[i]) + " is known only at deploy time"});
      return Val::error();
    }
    if (args[i].kind != ValKind::Number || std::floor(args[i].number) != args[i].number) {
      diags_.report(diag::Kind::TypeMismatch, e.items[i]->span, {"a whole number", describe(args[i])});
      return Val::error();
    }
  }
  double start = args.size() == 1 ? 0 : args[0].number;
  double end = args.size() == 1 ? args[0].number : args[1].number;
  double step = args.size() == 3 ? args[2].number : 1;
  if (step == 0) {
    diags_.report(diag::Kind::TypeMismatch, e.items[2]->span, {"a step other than 0", "0"});
    return Val::error();
  }
  double count = std::max(0.0, std::ceil((end - start) / step));
  if (count > static_cast<double>(kMaxValueNodes)) {
    diags_.report(diag::Kind::ValueTooLarge, e.span, {std::to_string(kMaxValueNodes), std::to_string(kMaxValueBytes >> 20)})
        .note("`range` would make " + number_text(count) + " numbers")
        .help("loop over fewer numbers");
    return Val::error();
  }
  Val list;
  list.kind = ValKind::List;
  list.span = e.span;
  for (size_t i = 0; i < static_cast<size_t>(count); ++i) {
    double x = start + static_cast<double>(i) * step;
    list.items.push_back(Val::num(x, number_text(x), e.span));
  }
  return list;
}

Val Checker::eval_call(const ast::Expr& e, Stage stage) {
  Val v = call_function(e, stage);
  if (v.kind == ValKind::Call) return deploy_time_here(e, stage, v);
  return v;
}

Val Checker::call_function(const ast::Expr& e, Stage stage) {
  const auto& fns = functions();
  auto spec = std::find_if(fns.begin(), fns.end(), [&](const FnSpec& f) { return f.name == e.text; });
  if (spec == fns.end()) {
    std::vector<std::string_view> names;
    for (const auto& f : fns) names.push_back(f.name);
    auto b = diags_.report(diag::Kind::UnknownFunction, e.name_span, {e.text});
    if (auto m = diag::closest(e.text, names)) b.did_you_mean(e.name_span, *m, *m);
    return Val::error();
  }
  if (e.items.size() < spec->min_args || e.items.size() > spec->max_args) {
    diags_.report(diag::Kind::FunctionArity, e.span,
                  {spec->name, std::string(spec->usage), std::to_string(e.items.size()) + (e.items.size() == 1 ? " argument" : " arguments")});
    return Val::error();
  }
  std::vector<Val> args;
  for (const auto& a : e.items) {
    args.push_back(eval(*a, stage));
    if (args.back().is_error()) return Val::error();
  }
  auto want = [&](size_t i, ValKind kind, const char* what) {
    if (args[i].known() && args[i].kind != kind) {
      diags_.report(diag::Kind::TypeMismatch, e.items[i]->span, {what, describe(args[i])});
      return false;
    }
    return true;
  };
  const std::string_view fn = spec->name;
  bool all_known = std::all_of(args.begin(), args.end(), [](const Val& v) { return v.known(); });

  if (fn == "join") {
    if (!want(0, ValKind::String, "a string separator") || !want(1, ValKind::List, "a list")) return Val::error();
    if (all_known) {
      std::string s;
      for (size_t i = 0; i < args[1].items.size(); ++i) {
        if (i) s += args[0].text;
        if (!to_string_piece(args[1].items[i], s)) {
          diags_.report(diag::Kind::TypeMismatch, e.items[1]->span, {"a list of strings", "a list with " + describe(args[1].items[i])});
          return Val::error();
        }
      }
      return Val::str(std::move(s), e.span);
    }
    return Val::call("Fn::Join", std::move(args), e.span);
  }
  if (fn == "split") {
    if (!want(0, ValKind::String, "a string separator") || !want(1, ValKind::String, "a string")) return Val::error();
    if (all_known) {
      Val list;
      list.kind = ValKind::List;
      list.span = e.span;
      const std::string& sep = args[0].text;
      const std::string& s = args[1].text;
      size_t start = 0;
      while (true) {
        size_t at = sep.empty() ? std::string::npos : s.find(sep, start);
        list.items.push_back(Val::str(s.substr(start, at == std::string::npos ? std::string::npos : at - start), e.span));
        if (at == std::string::npos) break;
        start = at + sep.size();
      }
      return list;
    }
    return Val::call("Fn::Split", std::move(args), e.span);
  }
  if (fn == "select") {
    // CloudFormation also takes the index as a string of digits (`Fn::Select: ["0", ...]`);
    // it is written as it is.
    const std::string& t = args[0].text;
    bool digits = args[0].kind == ValKind::String && !t.empty() && t.size() <= 15 &&
                  std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
    if ((!digits && !want(0, ValKind::Number, "a number as the index")) || !want(1, ValKind::List, "a list")) return Val::error();
    if (all_known) {
      double i = digits ? std::stod(t) : args[0].number;
      if (i < 0 || i >= static_cast<double>(args[1].items.size()) || static_cast<double>(static_cast<size_t>(i)) != i) {
        diags_.report(diag::Kind::IndexOutOfRange, e.items[0]->span, {args[0].text, std::to_string(args[1].items.size())});
        return Val::error();
      }
      return args[1].items[static_cast<size_t>(i)];
    }
    return Val::call("Fn::Select", std::move(args), e.span);
  }
  if (fn == "length") {
    if (!args[0].shape_known()) {
      // A list known only at deploy time: Fn::Length (AWS::LanguageExtensions) takes a
      // list parameter, Fn::Split and Fn::GetAZs.
      const Val& a = args[0];
      if ((a.kind == ValKind::ParamRef && out_.params[a.target].value_type == "list") ||
          (a.kind == ValKind::Call && (a.text == "Fn::Split" || a.text == "Fn::GetAZs"))) {
        return Val::call("Fn::Length", std::move(args), e.span);
      }
      diags_.report(diag::Kind::DeployTimeNotAllowed, e.items[0]->span,
                    {"the argument of `length`", describe(args[0]) + " is known only at deploy time"})
          .note("at deploy time, `length` counts the items of a list parameter, `split` or `azs` (`Fn::Length`)");
      return Val::error();
    }
    size_t n;
    if (args[0].kind == ValKind::List) n = args[0].items.size();
    else if (args[0].kind == ValKind::Object) n = args[0].fields.size();
    else if (args[0].kind == ValKind::String) n = count_code_points(args[0].text);
    else {
      diags_.report(diag::Kind::TypeMismatch, e.items[0]->span, {"a list, an object or a string", describe(args[0])});
      return Val::error();
    }
    return Val::num(static_cast<double>(n), std::to_string(n), e.span);
  }
  if (fn == "lower" || fn == "upper") {
    if (!want(0, ValKind::String, "a string")) return Val::error();
    if (!args[0].known()) {
      diags_.report(diag::Kind::DeployTimeNotAllowed, e.items[0]->span,
                    {"the argument of `" + std::string(fn) + "`", describe(args[0]) + " is known only at deploy time"})
          .note("CloudFormation has no function that changes case");
      return Val::error();
    }
    std::string s = args[0].text;
    for (char& c : s) c = static_cast<char>(fn == "lower" ? std::tolower(static_cast<unsigned char>(c)) : std::toupper(static_cast<unsigned char>(c)));
    return Val::str(std::move(s), e.span);
  }
  if (fn == "base64") {
    if (!want(0, ValKind::String, "a string")) return Val::error();
    return Val::call("Fn::Base64", std::move(args), e.span);
  }
  if (fn == "azs") {
    if (args.empty()) args.push_back(Val::str("", e.span));
    if (!want(0, ValKind::String, "a region name")) return Val::error();
    return Val::call("Fn::GetAZs", std::move(args), e.span);
  }
  if (fn == "stack_output") {
    const char* what[] = {"a stack name", "an output name", "a region name", "a role ARN"};
    for (size_t i = 0; i < args.size(); ++i) {
      if (!want(i, ValKind::String, what[i])) return Val::error();
    }
    return Val::call("Fn::GetStackOutput", std::move(args), e.span);
  }
  if (fn == "import_value") {
    if (!want(0, ValKind::String, "a string")) return Val::error();
    return Val::call("Fn::ImportValue", std::move(args), e.span);
  }
  if (fn == "cidr_contains" || fn == "cidr_overlaps") {
    std::optional<Cidr> c[2];
    for (size_t i = 0; i < 2; ++i) {
      if (!args[i].known()) {
        diags_.report(diag::Kind::DeployTimeNotAllowed, e.items[i]->span,
                      {"the arguments of `" + std::string(fn) + "`", describe(args[i]) + " is known only at deploy time"});
        return Val::error();
      }
      if (args[i].kind == ValKind::String) c[i] = Cidr::parse(args[i].text);
      if (!c[i]) {
        diags_.report(diag::Kind::TypeMismatch, e.items[i]->span, {"a CIDR block such as `10.0.0.0/16`", describe(args[i])});
        return Val::error();
      }
    }
    return Val::boolean_of(fn == "cidr_contains" ? c[0]->contains(*c[1]) : c[0]->overlaps(*c[1]), e.span);
  }
  if (fn == "cidr_subnets" || (fn == "cidr" && all_known)) {
    if (!want(0, ValKind::String, "a CIDR block") || !want(1, ValKind::Number, "a number") ||
        !want(2, ValKind::Number, "a number")) return Val::error();
    if (!all_known) return Val::call("Fn::Cidr", std::move(args), e.span);
    std::optional<Cidr> block = Cidr::parse(args[0].text);
    if (!block) {
      diags_.report(diag::Kind::TypeMismatch, e.items[0]->span, {"a CIDR block such as `10.0.0.0/16`", describe(args[0])});
      return Val::error();
    }
    std::vector<Cidr> subnets = block->subnets(static_cast<int>(args[1].number), static_cast<int>(args[2].number));
    if (subnets.empty()) {
      diags_.report(diag::Kind::TypeMismatch, e.span,
                    {"a block that holds " + args[1].text + " subnets of " + args[2].text + " host bits",
                     "`" + args[0].text + "`"})
          .help("use a larger block, fewer subnets, or fewer host bits (more than the block's own is too many)");
      return Val::error();
    }
    Val list;
    list.kind = ValKind::List;
    list.span = e.span;
    for (const Cidr& c : subnets) list.items.push_back(Val::str(c.str(), e.span));
    return list;
  }
  if (fn == "concat" || fn == "merge") {
    bool lists = fn == "concat";
    Val out;
    out.kind = lists ? ValKind::List : ValKind::Object;
    out.span = e.span;
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i].kind != (lists ? ValKind::List : ValKind::Object)) {
        auto b = diags_.report(diag::Kind::TypeMismatch, e.items[i]->span, {lists ? "a list" : "an object", describe(args[i])});
        if (lists && !args[i].known()) {
          b.note("CloudFormation has no function that joins lists known only at deploy time");
        }
        return Val::error();
      }
      if (lists) {
        for (Val& item : args[i].items) out.items.push_back(std::move(item));
        continue;
      }
      for (size_t f = 0; f < args[i].fields.size(); ++f) {  // later objects win
        // Named references, not a structured binding: a lambda may capture those only from C++20.
        const std::string& k = args[i].fields[f].first;
        Val& v = args[i].fields[f].second;
        auto it = std::find_if(out.fields.begin(), out.fields.end(), [&](const auto& x) { return x.first == k; });
        if (it != out.fields.end()) it->second = std::move(v);
        else {
          out.fields.emplace_back(k, std::move(v));
          out.key_spans.push_back(f < args[i].key_spans.size() ? args[i].key_spans[f] : e.span);
        }
      }
    }
    return out;
  }
  if (fn == "range") return range(e, args);
  if (fn == "replace" || fn == "substr" || fn == "trim" || fn == "jsonencode" || fn == "templatefile") {
    return string_function(e, fn, args);
  }
  if (fn == "keys") {
    if (args[0].kind != ValKind::Object) {
      diags_.report(diag::Kind::TypeMismatch, e.items[0]->span, {"an object", describe(args[0])});
      return Val::error();
    }
    Val list;
    list.kind = ValKind::List;
    list.span = e.span;
    for (const auto& f : args[0].fields) list.items.push_back(Val::str(f.first, e.span));
    return list;
  }
  if (fn == "format") {
    if (!args[0].known() || args[0].kind != ValKind::String) {
      diags_.report(diag::Kind::TypeMismatch, e.items[0]->span, {"a format string known at compile time", describe(args[0])});
      return Val::error();
    }
    std::string out;
    size_t next = 1;
    const std::string& f = args[0].text;
    for (size_t i = 0; i < f.size(); ++i) {
      if (f.compare(i, 2, "{}") != 0) { out += f[i]; continue; }
      ++i;
      if (next >= args.size()) {
        diags_.report(diag::Kind::FunctionArity, e.span, {"format", "one argument for each `{}`", std::to_string(args.size() - 1) + " for more `{}`"});
        return Val::error();
      }
      if (!to_string_piece(args[next], out)) {
        diags_.report(diag::Kind::DeployTimeNotAllowed, e.items[next]->span,
                      {"the arguments of `format`", describe(args[next]) + " is not a compile-time string, number or bool"})
            .help("use interpolation, \"...${x}...\", for values known only at deploy time");
        return Val::error();
      }
      ++next;
    }
    if (next != args.size()) {
      diags_.report(diag::Kind::FunctionArity, e.span, {"format", "one argument for each `{}`", std::to_string(args.size() - 1)});
      return Val::error();
    }
    return Val::str(std::move(out), e.span);
  }
  if (fn == "file") {
    if (args[0].kind != ValKind::String) {
      diags_.report(diag::Kind::TypeMismatch, e.items[0]->span, {"a path known at compile time", describe(args[0])});
      return Val::error();
    }
    return read_value_file(args[0].text, *e.items[0]);
  }
  if (fn == "cidr") {
    if (!want(0, ValKind::String, "a CIDR block") || !want(1, ValKind::Number, "a number") ||
        !want(2, ValKind::Number, "a number")) return Val::error();
    return Val::call("Fn::Cidr", std::move(args), e.span);
  }
  return Val::error();
}

}  // namespace infrac::sema
