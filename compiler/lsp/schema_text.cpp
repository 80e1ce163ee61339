#include "lsp/schema_text.h"

#include <cstdio>

namespace infrac::lsp {

namespace {

std::string number_text(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

const catalog::Shape* property_shape(const std::string& type, const std::vector<std::string>& path) {
  const catalog::Shape* s = catalog::Catalog::builtin().find(type);
  for (const std::string& step : path) {
    if (s == nullptr) return nullptr;
    while (s->items != nullptr && s->properties.empty()) s = s->items;
    s = s->property(step);
  }
  return s;
}

std::string shape_type(const catalog::Shape* s) {
  if (s == nullptr) return "any";
  if (s->kinds == catalog::kArray) return "list<" + shape_type(s->items) + ">";
  return catalog::kind_names(s->kinds);
}

std::string shape_constraints(const catalog::Shape* s) {
  if (s == nullptr) return "";
  std::string out;
  if (!s->enum_values.empty()) {
    out += "- one of:";
    size_t shown = 0;
    for (const catalog::Scalar& v : s->enum_values) {
      if (++shown > 20) {
        out += " ...";
        break;
      }
      out += " `" + v.text + "`";
    }
    out += "\n";
  }
  if (s->min_length || s->max_length) {
    out += "- length " + (s->min_length ? std::to_string(*s->min_length) : std::string("0")) + " to " +
           (s->max_length ? std::to_string(*s->max_length) : std::string("any")) + "\n";
  }
  if (s->minimum || s->maximum) {
    out += "- from " + (s->minimum ? number_text(*s->minimum) : std::string("any")) + " to " +
           (s->maximum ? number_text(*s->maximum) : std::string("any")) + "\n";
  }
  if (s->min_items || s->max_items) {
    out += "- " + (s->min_items ? std::to_string(*s->min_items) : std::string("0")) + " to " +
           (s->max_items ? std::to_string(*s->max_items) : std::string("any")) + " items\n";
  }
  if (!s->pattern.empty()) {
    out += "- matches `" + s->pattern + "`";
    if (!s->pattern_description.empty()) out += " (" + s->pattern_description + ")";
    out += "\n";
  }
  if (!s->refs.empty()) {
    out += "- refers to";
    for (const catalog::Ref& r : s->refs) out += " `" + r.type_name + "`";
    out += "\n";
  }
  if (!s->required.empty()) {
    out += "- requires";
    for (const std::string& r : s->required) out += " `" + r + "`";
    out += "\n";
  }
  return out;
}

bool create_only(const catalog::ResourceType& t, const std::vector<std::string>& path) {
  std::string dotted;
  for (const std::string& p : path) dotted += (dotted.empty() ? "" : ".") + p;
  for (const std::string& c : t.create_only) {
    if (dotted == c || dotted.rfind(c + ".", 0) == 0) return true;
  }
  return false;
}

}  // namespace infrac::lsp
