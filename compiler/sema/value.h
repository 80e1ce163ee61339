// Checked values: what an expression evaluates to. A value is known at compile time
// (literals and what folds from them) or carries deploy-time parts: references to
// parameters and resources, attributes, pseudo parameters, intrinsic calls. Lowering
// (ir/lower.h) turns these into CloudFormation's intrinsic functions.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/out_of_line.h"
#include "base/source.h"

namespace infrac::sema {

enum class ValKind {
  Null,
  Bool,
  Number,
  String,
  List,
  Object,
  ParamRef,     // Ref to a root parameter (target = parameter index)
  ResourceRef,  // Ref to a resource (target = resource index)
  Attr,         // Fn::GetAtt (target = resource index, text = attribute name)
  Pseudo,       // a pseudo parameter such as AWS::Region (text = its name)
  NoValue,      // AWS::NoValue
  Sub,          // an interpolation with deploy-time parts (items: String pieces and others)
  Call,         // an intrinsic function applied at deploy time (text = Fn::Join ..., items = args)
  Module,       // a module instance (target = its scope); its outputs are its members
  Error,        // an error was reported; absorbs further errors
};

// What few values carry: the optional fields an object lacks, the naming hint of a value
// that came from a `let` or a parameter, and the condition of a choice between
// alternatives. Kept out of line (most values are plain strings, numbers, lists and
// objects); copied with the value that holds it.
struct ValRare {
  // Object: the optional fields of its declared type (`{ b?: T }`, a module input's) that it
  // lacks; reading one gives `null` (sema/optional_fields.cpp).
  std::vector<std::string> absent;
  std::string hint;  // the name of the `let` it came from, for readable condition and mapping IDs
  bool hint_pinned = false;  // `hint` is the `let`'s `@logical_id`: the ID itself, not a name to derive it from
  bool hint_from_let = false;  // `hint` names the `let` whose value it is (not a name derived from others)
  // Fn::If choosing between same-named declarations of complementary branches: the
  // condition under which one of them exists (-1: always); -2 for any other value.
  int exists_when = -2;
};

struct Val {
  ValKind kind = ValKind::Error;
  bool boolean = false;
  double number = 0;
  std::string text;  // String: the text; Number: as written; Attr: attribute; Pseudo/Call: the name
  std::vector<Val> items;
  std::vector<std::pair<std::string, Val>> fields;
  std::vector<Span> key_spans;  // Object: where each key was written, when it was
  int target = -1;
  Span span;
  OutOfLine<ValRare> rare_part;  // copied deeply with the value

  // The fields few values have (ValRare); empty ones when it has none.
  const ValRare& rare() const { return rare_part.get(); }
  // For writing them: made on first use.
  ValRare& rare_mut() { return rare_part.make(); }

  static Val error() { return Val{}; }
  static Val null(Span s) { Val v; v.kind = ValKind::Null; v.span = s; return v; }
  static Val str(std::string s, Span sp) { Val v; v.kind = ValKind::String; v.text = std::move(s); v.span = sp; return v; }
  static Val boolean_of(bool b, Span sp) { Val v; v.kind = ValKind::Bool; v.boolean = b; v.span = sp; return v; }
  static Val num(double d, std::string text, Span sp) {
    Val v; v.kind = ValKind::Number; v.number = d; v.text = std::move(text); v.span = sp; return v;
  }

  // An intrinsic function applied at deploy time.
  static Val call(std::string fn, std::vector<Val> args, Span sp) {
    Val v; v.kind = ValKind::Call; v.text = std::move(fn); v.items = std::move(args); v.span = sp; return v;
  }

  bool is_error() const { return kind == ValKind::Error; }
  // Known at compile time, all the way down.
  bool known() const;
  // Its structure is known at compile time (a literal list or object, or a known
  // scalar), though items may be known only at deploy time: enough for `length`,
  // `keys` and `for`.
  bool shape_known() const {
    return kind == ValKind::List || kind == ValKind::Object || known();
  }
};

// How large a compile-time value may grow: items, fields and scalars counted at every
// level, and the bytes of its text. Values that double with each `let` would otherwise
// grow exponentially; a template can hold at most 1 MB.
inline constexpr size_t kMaxValueNodes = 250'000;
inline constexpr size_t kMaxValueBytes = 4u << 20;

// True when `v` holds more than kMaxValueNodes nodes or kMaxValueBytes of text. Stops
// counting at the limit, so it costs at most that much.
bool too_large(const Val& v);

// The size of a value being built piece by piece: add_size counts `v` into `size` and is
// false once the total passes either limit (counting `v` costs at most the limits).
struct ValueSize {
  size_t nodes = 0, bytes = 0;
};
bool add_size(ValueSize& size, const Val& v);

// "a string", "a list", "a reference to parameter `p`": for messages.
std::string describe(const Val& v);

// Canonical text of a number: integers without a fraction, others in shortest form.
std::string number_text(double d);

}  // namespace infrac::sema
