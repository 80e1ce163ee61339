// Reading IR values in the checks: literals, lists, and the three-valued answer a check
// gives when a value is known only at deploy time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ir/template.h"

namespace infrac::checks {

// A fact about the template: proved, disproved, or not decidable before deploy.
enum class Tri { No, Yes, Unknown };

// Yes if either is Yes; otherwise Unknown if either is Unknown.
inline Tri any_of(Tri a, Tri b) {
  if (a == Tri::Yes || b == Tri::Yes) return Tri::Yes;
  if (a == Tri::Unknown || b == Tri::Unknown) return Tri::Unknown;
  return Tri::No;
}
// No if either is No; otherwise Unknown if either is Unknown.
inline Tri all_of(Tri a, Tri b) {
  if (a == Tri::No || b == Tri::No) return Tri::No;
  if (a == Tri::Unknown || b == Tri::Unknown) return Tri::Unknown;
  return Tri::Yes;
}

const ir::Value* prop(const ir::Resource& r, std::string_view key);
// A field of a map; nullptr when `v` is null, not a map, or has no such field.
const ir::Value* field(const ir::Value* v, std::string_view key);

bool is_fn(const ir::Value& v, std::string_view name);
// A literal string, or the text of a literal number.
std::optional<std::string> text_of(const ir::Value* v);
// A literal boolean, or the string "true"/"false" (any case).
std::optional<bool> bool_of(const ir::Value* v);
// A literal integer, or a string holding one.
std::optional<long> int_of(const ir::Value* v);
// The template text of an `Fn::Sub`, or nullopt.
std::optional<std::string> sub_text(const ir::Value* v);

// The items of a list value. `known` is false when the value is not a literal list (a
// reference to a list parameter, say); an absent value is a known empty list.
struct Items {
  bool known = true;
  std::vector<const ir::Value*> items;
};
Items items_of(const ir::Value* v);

// "`a`", "`a` and `b`", "`a`, `b` and `c`".
std::string quoted_list(const std::vector<std::string>& names);

}  // namespace infrac::checks
