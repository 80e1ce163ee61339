#include "sema/schema_check.h"

#include <functional>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>

#include "base/excerpt.h"
#include "base/pattern.h"
#include "catalog/catalog.h"
#include "diag/spell.h"
#include "sema/value_formats.h"

namespace infrac::sema {

namespace {

using catalog::Kind;
using catalog::Shape;

std::string join_names(const std::vector<std::string>& names, const char* last = " and ") {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += (i + 1 == names.size()) ? last : ", ";
    out += "`" + names[i] + "`";
  }
  return out;
}

std::string child(const std::string& path, const std::string& name) { return path.empty() ? name : path + "." + name; }

// "a string", "a list", "an integer or a string": what a shape accepts, in words.
std::string expected_kinds(catalog::KindSet kinds) {
  std::vector<std::string> parts;
  if (kinds & catalog::kString) parts.push_back("a string");
  if (kinds & catalog::kInteger && !(kinds & catalog::kNumber)) parts.push_back("an integer");
  if (kinds & catalog::kNumber) parts.push_back("a number");
  if (kinds & catalog::kBoolean) parts.push_back("a bool");
  if (kinds & catalog::kArray) parts.push_back("a list");
  if (kinds & catalog::kObject) parts.push_back("an object");
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i == 0 ? "" : i + 1 == parts.size() ? " or " : ", ") + parts[i];
  return out.empty() ? "a value" : out;
}

bool parses_as_number(const std::string& s, bool integer) {
  if (s.empty()) return false;
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (*end != '\0' || !std::isfinite(d)) return false;
  return !integer || std::floor(d) == d;
}

bool is_bool_text(const std::string& s) {
  std::string l = s;
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return l == "true" || l == "false";
}

// A root parameter of a CloudFormation type refers to resources of this type.
std::string param_reference_type(const std::string& cfn_type) {
  std::string t = cfn_type;
  for (const char* wrap : {"AWS::SSM::Parameter::Value<", "List<"}) {
    if (t.rfind(wrap, 0) == 0 && t.back() == '>') t = t.substr(std::string(wrap).size(), t.size() - std::string(wrap).size() - 1);
  }
  if (t.rfind("List<", 0) == 0 && t.back() == '>') t = t.substr(5, t.size() - 6);
  for (const auto& [param, resource] : resource_parameter_types()) {
    if (t == param) return resource;
  }
  return "";
}

bool is_list_param(const Param& p) { return p.value_type == "list"; }

}  // namespace

void SchemaChecker::check(const Resource& r) {
  type_ = r.type;
  std::vector<Field> fields;
  fields.reserve(r.properties.size());
  for (const Property& p : r.properties) fields.push_back(Field{&p.name, p.key_span, &p.value});
  path_.clear();
  object(fields, *r.schema, "`" + r.name + "` (" + r.type + ")", r.span);
  tags(r);
  if (r.type == "AWS::EC2::SecurityGroupIngress" || r.type == "AWS::EC2::SecurityGroupEgress") {
    Val rule;
    rule.kind = ValKind::Object;
    for (const Property& p : r.properties) rule.fields.emplace_back(p.name, p.value);
    all_ports(rule, "", r.span);
  } else if (r.type == "AWS::EC2::SecurityGroup") {
    for (const Property& p : r.properties) {
      if ((p.name != "SecurityGroupIngress" && p.name != "SecurityGroupEgress") || p.value.kind != ValKind::List) continue;
      for (size_t i = 0; i < p.value.items.size(); ++i)
        all_ports(p.value.items[i], p.name + "[" + std::to_string(i) + "]", p.value.items[i].span);
    }
  }
}

// A security group rule's ports: -1 means all ports, so it is both ports or neither
// (cfn-lint's E3688). For ICMP, where the ports are the type and the code, a type of -1
// (all types) needs a code of -1; a code of -1 alone is every code of one type.
void SchemaChecker::all_ports(const Val& rule, const std::string& path, Span at) {
  if (rule.kind != ValKind::Object) return;
  const Val* from = nullptr;
  const Val* to = nullptr;
  const Val* protocol = nullptr;
  for (const auto& [k, v] : rule.fields) {
    if (k == "FromPort") from = &v;
    else if (k == "ToPort") to = &v;
    else if (k == "IpProtocol") protocol = &v;
  }
  auto all = [](const Val* v) {
    return v != nullptr && ((v->kind == ValKind::Number && v->number == -1) || (v->kind == ValKind::String && v->text == "-1"));
  };
  auto known = [](const Val* v) { return v == nullptr || v->kind == ValKind::Number || v->kind == ValKind::String; };
  bool icmp = protocol != nullptr && protocol->kind == ValKind::String && (protocol->text == "icmp" || protocol->text == "1");
  std::string owner = path.empty() ? "the rule" : "`" + path + "`";
  if (all(from) && !all(to) && known(to)) {
    diags_.report(diag::Kind::ConditionalRequired, from->span.valid() ? from->span : at,
                  {owner, "`ToPort` of -1", "`FromPort` is -1, all " + std::string(icmp ? "types" : "ports")});
  } else if (!icmp && all(to) && !all(from) && known(from)) {
    diags_.report(diag::Kind::ConditionalRequired, to->span.valid() ? to->span : at,
                  {owner, "`FromPort` of -1", "`ToPort` is -1, all ports"});
  }
}

// The limits AWS puts on every tag, which not every resource's schema states (cfn-lint
// checks them for every taggable type): a key of 1 to 128 characters that does not start
// with `aws:`, a value of at most 256. Where the schema states a limit, it was checked.
void SchemaChecker::tags(const Resource& r) {
  const Shape* list = r.schema->property("Tags");
  const Shape* item = list != nullptr ? list->items : nullptr;
  const Shape* key = item != nullptr ? item->property("Key") : nullptr;
  const Shape* value = item != nullptr ? item->property("Value") : nullptr;
  for (const Property& p : r.properties) {
    if (p.name != "Tags" || p.value.kind != ValKind::List) continue;
    for (size_t i = 0; i < p.value.items.size(); ++i) {
      const Val& tag = p.value.items[i];
      if (tag.kind != ValKind::Object) continue;
      for (const auto& [k, v] : tag.fields) {
        if (v.kind != ValKind::String || (k != "Key" && k != "Value")) continue;
        std::string path = "Tags[" + std::to_string(i) + "]." + k;
        size_t len = count_code_points(v.text);
        std::string found = std::to_string(len) + (len == 1 ? " character" : " characters");
        if (k == "Key") {
          bool stated = key != nullptr && (key->min_length || key->max_length);
          if (!stated && (len < 1 || len > 128)) {
            diags_.report(diag::Kind::LengthOutOfRange, v.span, {path, "1 to 128 characters long", found});
          } else if ((key == nullptr || key->pattern.empty()) && v.text.rfind("aws:", 0) == 0) {
            diags_.report(diag::Kind::PatternMismatch, v.span, {path, "^(?!aws:).+$", "\"" + excerpt(v.text) + "\""})
                .note("keys that start with `aws:` are AWS's own");
          }
        } else if (!(value != nullptr && value->max_length) && len > 256) {
          diags_.report(diag::Kind::LengthOutOfRange, v.span, {path, "at most 256 characters long", found});
        }
      }
    }
  }
}

void SchemaChecker::object(const std::vector<Field>& fields, const Shape& shape, const std::string& owner, Span at) {
  const std::string& path = path_;  // read here; extended below for each property
  bool unknown = false;
  for (const Field& f : fields) {
    const Shape* s = shape.property(*f.name);
    if (s == nullptr) {
      // A key matches a pattern that is not checked here, rather than being unknown.
      for (const auto& pp : shape.pattern_properties) {
        auto re = Pattern::get(pp.pattern, PatternDialect::JsonSchema);
        if (re == nullptr || re->search(*f.name)) { s = pp.shape; break; }
      }
    }
    if (s == nullptr && shape.additional_shape != nullptr) s = shape.additional_shape;
    if (s == nullptr) {
      if (shape.additional_properties || (shape.properties.empty() && shape.pattern_properties.empty())) continue;
      unknown = true;
      std::vector<std::string_view> names;
      for (const auto& p : shape.properties) names.push_back(p.name);
      auto b = diags_.report(diag::Kind::UnknownProperty, f.key_span.valid() ? f.key_span : f.value->span,
                             {child(path, *f.name), type_});
      if (auto m = diag::closest(*f.name, names)) {
        if (f.key_span.valid()) b.did_you_mean(f.key_span, *m, *m);
        else b.help("did you mean `" + *m + "`?");
      }
      else if (names.size() <= 12 && !names.empty() && shape.pattern_properties.empty()) {
        std::vector<std::string> all(names.begin(), names.end());
        b.note("the properties here are " + join_names(all));
      }
      continue;
    }
    // Extended for the property, then given back.
    size_t depth = path_.size();
    if (!path_.empty()) path_ += '.';
    path_ += *f.name;
    value(*f.value, *s);
    path_.resize(depth);
  }
  // A misspelt property is most likely the required one that seems missing: one
  // mistake, one error.
  if (unknown) return;
  std::vector<std::string> missing;
  for (const std::string& req : shape.required) {
    bool present = std::any_of(fields.begin(), fields.end(), [&](const Field& f) { return *f.name == req; });
    if (!present) missing.push_back(req);
  }
  if (!missing.empty()) {
    std::string what = path.empty() ? owner : "`" + path + "`";
    diags_.report(diag::Kind::MissingRequired, at,
                  {what, missing.size() == 1 ? "property" : "properties", join_names(missing)})
        .help("add " + join_names(missing) + (path.empty() ? " to the resource" : ""));
  }
  combinations(fields, shape, path, owner, at);
  conditionals(fields, shape, path, owner, at);
}

void SchemaChecker::combinations(const std::vector<Field>& fields, const Shape& shape, const std::string& path,
                                 const std::string& owner, Span at) {
  auto has = [&](const std::string& n) {
    return std::any_of(fields.begin(), fields.end(), [&](const Field& f) { return *f.name == n; });
  };
  auto span_of = [&](const std::string& n) {
    for (const Field& f : fields) if (*f.name == n) return f.key_span.valid() ? f.key_span : f.value->span;
    return at;
  };
  auto what = [&] { return path.empty() ? owner : "`" + path + "`"; };  // for messages
  // Conflicts are collected as pairs first: the same one can be stated by several schema
  // facts, and one property that excludes several others is one mistake, one error.
  std::vector<std::pair<std::string, std::string>> conflicts;
  auto exclusive = [&](const std::vector<std::string>& names) {
    for (size_t i = 0; i < names.size(); ++i) {
      for (size_t j = i + 1; j < names.size(); ++j) {
        auto pair = std::minmax(names[i], names[j]);
        std::pair<std::string, std::string> p{pair.first, pair.second};
        if (std::find(conflicts.begin(), conflicts.end(), p) == conflicts.end()) conflicts.push_back(p);
      }
    }
  };
  auto is_required_only = [](const Shape* s) {
    return s != nullptr && !s->required.empty() && s->properties.empty() && s->kinds == 0 && s->enum_values.empty() &&
           s->one_of.empty() && s->any_of.empty() && s->all_of.empty() && s->items == nullptr;
  };
  auto groups = [&](const std::vector<const Shape*>& alts, bool exactly_one) {
    if (alts.empty() || !std::all_of(alts.begin(), alts.end(), is_required_only)) return;
    std::vector<std::string> satisfied, options;
    for (const Shape* a : alts) {
      bool all = std::all_of(a->required.begin(), a->required.end(), has);
      std::string name = join_names(a->required, " with ");
      options.push_back(name);
      if (all) satisfied.push_back(name);
    }
    if (satisfied.empty()) {
      std::string list;
      for (size_t i = 0; i < options.size(); ++i) list += (i == 0 ? "" : i + 1 == options.size() ? " or " : ", ") + options[i];
      diags_.report(diag::Kind::OneOfRequired, at, {what(), list});
    } else if (exactly_one && satisfied.size() > 1) {
      std::vector<std::string> names;
      for (const Shape* a : alts) {
        if (std::all_of(a->required.begin(), a->required.end(), has)) names.push_back(a->required[0]);
      }
      exclusive(names);
    }
  };
  groups(shape.one_of, true);
  groups(shape.any_of, false);
  if (!shape.required_xor.empty()) {
    std::vector<std::string> present;
    for (const auto& n : shape.required_xor) if (has(n)) present.push_back(n);
    if (present.empty()) diags_.report(diag::Kind::OneOfRequired, at, {what(), join_names(shape.required_xor, " or ")});
    else if (present.size() > 1)
      exclusive(present);
  }
  if (!shape.required_or.empty() && std::none_of(shape.required_or.begin(), shape.required_or.end(), has)) {
    diags_.report(diag::Kind::OneOfRequired, at, {what(), join_names(shape.required_or, " or ")});
  }
  for (const auto& dep : shape.dependent_required) {
    if (!has(dep.name)) continue;
    std::vector<std::string> absent;
    for (const auto& n : dep.names) if (!has(n)) absent.push_back(n);
    if (!absent.empty())
      diags_.report(diag::Kind::DependentProperty, span_of(dep.name), {child(path, dep.name), join_names(absent)})
          .help("set " + join_names(absent) + " as well, or remove `" + dep.name + "`");
  }
  for (const auto& dep : shape.dependent_excluded) {
    if (!has(dep.name)) continue;
    for (const auto& n : dep.names) {
      if (has(n)) exclusive({n, dep.name});
    }
  }
  while (!conflicts.empty()) {
    // The property in the most conflicts is reported with all of its partners.
    std::map<std::string, std::vector<std::string>> partners;
    for (const auto& [a, b] : conflicts) {
      partners[a].push_back(b);
      partners[b].push_back(a);
    }
    auto best = std::max_element(partners.begin(), partners.end(), [&](const auto& x, const auto& y) {
      if (x.second.size() != y.second.size()) return x.second.size() < y.second.size();
      return span_of(x.first).begin < span_of(y.first).begin;  // the later one, on a tie
    });
    std::vector<std::string> others = best->second;
    std::sort(others.begin(), others.end(), [&](const std::string& x, const std::string& y) {
      return span_of(x).begin < span_of(y).begin;
    });
    diags_.report(diag::Kind::ExclusiveProperties, span_of(best->first), {child(path, best->first), join_names(others)})
        .help(others.size() == 1 ? "keep one of them" : "keep `" + best->first + "`, or the others");
    std::string gone = best->first;
    conflicts.erase(std::remove_if(conflicts.begin(), conflicts.end(),
                                   [&](const auto& p) { return p.first == gone || p.second == gone; }),
                    conflicts.end());
  }
}

bool SchemaChecker::kinds_match(const Val& v, const Shape& shape, const std::string& path) {
  if (shape.kinds == 0) return true;
  auto allows = [&](Kind k) { return (shape.kinds & k) != 0; };
  bool scalar_ok = allows(catalog::kString) || allows(catalog::kInteger) || allows(catalog::kNumber) ||
                   allows(catalog::kBoolean);
  bool ok = true;
  std::string found = describe(v);
  switch (v.kind) {
    case ValKind::String:
      // CloudFormation takes "443" for an integer and "true" for a bool.
      ok = allows(catalog::kString) ||
           (allows(catalog::kNumber) && parses_as_number(v.text, false)) ||
           (allows(catalog::kInteger) && parses_as_number(v.text, true)) ||
           (allows(catalog::kBoolean) && is_bool_text(v.text));
      found = "\"" + v.text + "\"";
      break;
    case ValKind::Number: {
      bool integral = std::floor(v.number) == v.number;
      ok = allows(catalog::kNumber) || (allows(catalog::kInteger) && integral) || allows(catalog::kString);
      found = integral || !allows(catalog::kInteger) ? "the number " + v.text : "the fraction " + v.text;
      break;
    }
    case ValKind::Bool:
      ok = allows(catalog::kBoolean) || allows(catalog::kString);
      found = v.boolean ? "`true`" : "`false`";
      break;
    case ValKind::List: ok = allows(catalog::kArray); break;
    case ValKind::Object: ok = allows(catalog::kObject); break;
    case ValKind::ParamRef: {
      const Param& p = program_.params[v.target];
      ok = is_list_param(p) ? allows(catalog::kArray) : scalar_ok;
      found = "the parameter `" + p.name + "` of type " + (p.cfn_type.empty() ? "String" : p.cfn_type);
      break;
    }
    case ValKind::ResourceRef: case ValKind::Sub: case ValKind::Pseudo:
      ok = scalar_ok || v.text == "AWS::NotificationARNs";
      if (v.kind == ValKind::ResourceRef) found = "the `Ref` of `" + program_.resources[v.target].name + "`, a string";
      if (v.kind == ValKind::Sub) found = "an interpolated string";
      break;
    case ValKind::Attr: {
      const Resource& r = program_.resources[v.target];
      const catalog::Attribute* a = r.schema != nullptr ? r.schema->attribute(v.text) : nullptr;
      if (a != nullptr && a->shape() != nullptr && a->shape()->kinds != 0) {
        bool is_list = a->shape()->kinds == catalog::kArray;
        ok = is_list ? allows(catalog::kArray) : (scalar_ok || (a->shape()->kinds & shape.kinds) != 0);
        found = "`" + r.name + "." + v.text + "`, " + expected_kinds(a->shape()->kinds);
      }
      break;
    }
    case ValKind::Call:
      if (v.text == "Fn::Split" || v.text == "Fn::GetAZs" || v.text == "Fn::Cidr") {
        ok = allows(catalog::kArray);
        found = "a list from `" + v.text + "`";
      } else if (v.text == "Fn::Join" || v.text == "Fn::Base64") {
        ok = scalar_ok;
        found = "a string from `" + v.text + "`";
      }
      break;
    default:
      break;
  }
  if (!ok) {
    diags_.report(diag::Kind::PropertyType, v.span, {path, expected_kinds(shape.kinds), found});
  }
  return ok;
}

void SchemaChecker::value(const Val& v, const Shape& shape) {
  const std::string& path = path_;  // read here; extended below for each item
  if (v.is_error() || v.kind == ValKind::NoValue) return;
  if (v.kind == ValKind::Call && v.text == "Fn::If" && v.items.size() == 3) {
    // A choice made at deploy time (`cond ? a : b`): either branch may be the value.
    for (size_t i = 1; i < 3; ++i) {
      if (v.items[i].kind != ValKind::Null) value(v.items[i], shape);
    }
    return;
  }
  if (!kinds_match(v, shape, path)) return;
  reference(v, shape, path);
  switch (v.kind) {
    case ValKind::String: case ValKind::Number: case ValKind::Bool:
      scalar_constraints(v, shape, path);
      break;
    case ValKind::List: {
      size_t n = v.items.size();
      if ((shape.min_items && n < *shape.min_items) || (shape.max_items && n > *shape.max_items)) {
        std::string want = shape.min_items && shape.max_items
                               ? (*shape.min_items == *shape.max_items ? "a list of " + std::to_string(*shape.min_items) + (*shape.min_items == 1 ? " item" : " items")
                                  : "a list of " + std::to_string(*shape.min_items) + " to " + std::to_string(*shape.max_items) + " items")
                           : shape.min_items ? "a list of at least " + std::to_string(*shape.min_items) + " items"
                                             : "a list of at most " + std::to_string(*shape.max_items) + " items";
        diags_.report(diag::Kind::LengthOutOfRange, v.span, {path, want, std::to_string(n) + (n == 1 ? " item" : " items")});
      }
      if (shape.items != nullptr) {
        size_t depth = path_.size();
        for (size_t i = 0; i < v.items.size(); ++i) {
          path_ += '[';
          path_ += std::to_string(i);
          path_ += ']';
          value(v.items[i], *shape.items);
          path_.resize(depth);
        }
      }
      break;
    }
    case ValKind::Object: {
      if (shape.properties.empty() && shape.pattern_properties.empty() && shape.additional_shape == nullptr &&
          shape.required.empty() && shape.one_of.empty() && shape.any_of.empty() && shape.required_xor.empty() &&
          shape.required_or.empty() && shape.dependent_required.empty() && shape.dependent_excluded.empty())
        break;  // free-form JSON
      std::vector<Field> fields;
      fields.reserve(v.fields.size());
      for (size_t i = 0; i < v.fields.size(); ++i) {
        Span ks = i < v.key_spans.size() ? v.key_spans[i] : Span{};
        fields.push_back(Field{&v.fields[i].first, ks, &v.fields[i].second});
      }
      // The owner names the object only where it has no path (a key written `""`).
      object(fields, shape, path.empty() ? "``" : std::string(), v.span);
      break;
    }
    default:
      break;
  }
  for (const Shape* s : shape.all_of) {
    if (s != nullptr) value(v, *s);
  }
}

// The schema's pattern, searched for in `text` (what CloudFormation reads the value as);
// `found` shows the value in the message.
void SchemaChecker::pattern_constraint(const Val& v, const std::string& text, const Shape& shape,
                                       const std::string& path, const std::function<std::string()>& found) {
  if (shape.pattern.empty()) return;
  auto re = Pattern::get(shape.pattern, PatternDialect::JsonSchema);
  if (re == nullptr || re->search(text)) return;
  if (shape.pattern_description.empty()) {
    diags_.report(diag::Kind::PatternMismatch, v.span, {path, shape.pattern, found()});
  } else {
    diags_.report(diag::Kind::DescribedPattern, v.span, {path, shape.pattern_description, found()})
        .note("the pattern is `" + shape.pattern + "`");
  }
}

// What `d` should have been when it is not a multiple of the schema's `multipleOf`, or
// not one of the values its size allows; nullopt when it is fine.
static std::optional<std::string> step_mismatch(double d, const Shape& shape) {
  auto multiple = [](double x, double step) {
    double q = x / step;
    return step > 0 && std::fabs(q - std::round(q)) < 1e-9;
  };
  if (shape.multiple_of && !multiple(d, *shape.multiple_of)) return "a multiple of " + number_text(*shape.multiple_of);
  if (!shape.small_up_to || !shape.large_step) return std::nullopt;
  bool ok = d <= *shape.small_up_to
                ? std::find(shape.small_values.begin(), shape.small_values.end(), d) != shape.small_values.end()
                : multiple(d, *shape.large_step);
  if (ok) return std::nullopt;
  std::string values;
  for (double x : shape.small_values) values += number_text(x) + ", ";
  return values.substr(0, values.size() - 2) + " or a multiple of " + number_text(*shape.large_step) + " above " +
         number_text(*shape.small_up_to);
}

void SchemaChecker::scalar_constraints(const Val& v, const Shape& shape, const std::string& path) {
  static const std::string kTrue = "true", kFalse = "false";
  const std::string& text = v.kind == ValKind::Bool ? (v.boolean ? kTrue : kFalse) : v.text;
  if (!shape.enum_values.empty()) {
    bool found = false;
    for (const auto& e : shape.enum_values) {
      bool same = shape.enum_case_insensitive
                      ? std::equal(e.text.begin(), e.text.end(), text.begin(), text.end(),
                                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                                               std::tolower(static_cast<unsigned char>(b)); })
                      : e.text == text;
      if (same) { found = true; break; }
    }
    if (!found) {
      std::vector<std::string> names;
      std::vector<std::string_view> views;
      for (const auto& e : shape.enum_values) names.push_back(e.text);
      for (const auto& n : names) views.push_back(n);
      std::string list;
      if (names.size() <= 12) list = join_names(names, " or ");
      else list = join_names(std::vector<std::string>(names.begin(), names.begin() + 10), ", ") + " and " +
                  std::to_string(names.size() - 10) + " more";
      auto b = diags_.report(diag::Kind::EnumValue, v.span, {path, list, "`" + text + "`"});
      if (auto m = diag::closest(text, views)) b.help("did you mean `" + *m + "`?");
    }
    return;
  }
  if (v.kind == ValKind::String) {
    size_t len = count_code_points(v.text);
    if ((shape.min_length && len < *shape.min_length) || (shape.max_length && len > *shape.max_length)) {
      std::string want = shape.min_length && shape.max_length
                             ? std::to_string(*shape.min_length) + " to " + std::to_string(*shape.max_length) + " characters long"
                         : shape.min_length ? "at least " + std::to_string(*shape.min_length) + " characters long"
                                            : "at most " + std::to_string(*shape.max_length) + " characters long";
      diags_.report(diag::Kind::LengthOutOfRange, v.span, {path, want, std::to_string(len) + (len == 1 ? " character" : " characters")});
    }
    // A format names what the value is (a VPC ID, a CIDR); a value that is not one is
    // reported so, and not again for the schema's pattern.
    if (auto f = check_formats(v.text, shape)) {
      auto b = diags_.report(f->network ? diag::Kind::AddressFormat : diag::Kind::FormatMismatch, v.span,
                             {path, f->want, "\"" + excerpt(v.text) + "\""});
      if (!f->help.empty()) b.help(f->help);
    } else {
      pattern_constraint(v, v.text, shape, path, [&] { return "\"" + excerpt(v.text) + "\""; });
    }
  } else if (v.kind == ValKind::Number || v.kind == ValKind::Bool) {
    // CloudFormation reads a number or a bool as its text where a string belongs:
    // `VpcId = 42` is no VPC ID either, and `Resource = true` is no ARN.
    auto found = [&] { return v.kind == ValKind::Number ? "the number " + text : "the bool " + text; };
    bool own_kind = v.kind == ValKind::Number ? (shape.kinds & (catalog::kNumber | catalog::kInteger)) != 0
                                              : (shape.kinds & catalog::kBoolean) != 0;
    if (auto f = check_formats(text, shape)) {
      auto b = diags_.report(f->network ? diag::Kind::AddressFormat : diag::Kind::FormatMismatch, v.span,
                             {path, f->want, found()});
      if (!f->help.empty()) b.help(f->help);
    } else if (!own_kind && (shape.kinds & catalog::kString)) {
      pattern_constraint(v, text, shape, path, found);
    }
  }
  bool numeric = v.kind == ValKind::Number || (v.kind == ValKind::String && !(shape.kinds & catalog::kString) &&
                                               parses_as_number(v.text, false));
  if (numeric) {
    double d = v.kind == ValKind::Number ? v.number : std::strtod(v.text.c_str(), nullptr);
    bool low = (shape.minimum && d < *shape.minimum) || (shape.exclusive_minimum && d <= *shape.exclusive_minimum);
    bool high = (shape.maximum && d > *shape.maximum) || (shape.exclusive_maximum && d >= *shape.exclusive_maximum);
    if (low || high) {
      std::string want;
      if (shape.minimum && shape.maximum) want = "between " + number_text(*shape.minimum) + " and " + number_text(*shape.maximum);
      else if (shape.minimum) want = "at least " + number_text(*shape.minimum);
      else if (shape.maximum) want = "at most " + number_text(*shape.maximum);
      else if (shape.exclusive_minimum) want = "more than " + number_text(*shape.exclusive_minimum);
      else want = "less than " + number_text(*shape.exclusive_maximum);
      diags_.report(diag::Kind::NumberOutOfRange, v.span, {path, want, number_text(d)});
    } else if (auto want = step_mismatch(d, shape)) {
      diags_.report(diag::Kind::NumberOutOfRange, v.span, {path, *want, number_text(d)});
    }
  }
}


void SchemaChecker::reference(const Val& v, const Shape& shape, const std::string& path) {
  if (returned_value(v, shape, path)) return;
  if (shape.refs.empty()) return;
  std::string found_type, found_what;
  if (v.kind == ValKind::ResourceRef || v.kind == ValKind::Attr) {
    const Resource& r = program_.resources[v.target];
    if (r.schema == nullptr) return;
    if (v.kind == ValKind::Attr) {
      // An attribute that is itself a reference (a subnet's `VpcId`) points at its own type.
      const catalog::Attribute* a = r.schema->attribute(v.text);
      if (a != nullptr && a->shape() != nullptr && !a->shape()->refs.empty()) {
        for (const auto& ar : a->shape()->refs) {
          for (const auto& want : shape.refs) if (want.type_name == ar.type_name) return;
        }
        found_type = a->shape()->refs.front().type_name;
        found_what = "`" + r.name + "." + v.text + "`, a reference to `" + found_type + "`";
      } else {
        std::string attr_path = "/properties/" + v.text;
        std::replace(attr_path.begin(), attr_path.end(), '.', '/');
        bool named = std::any_of(shape.refs.begin(), shape.refs.end(),
                                 [&](const catalog::Ref& x) { return x.property_path == attr_path; });
        bool primary = std::find(r.schema->primary_identifier.begin(), r.schema->primary_identifier.end(), v.text) !=
                       r.schema->primary_identifier.end();
        if (!named && !primary) return;  // what this attribute points at is not known
        found_type = r.type;
        found_what = "`" + r.name + "." + v.text + "` of `" + r.type + "`";
      }
    } else {
      found_type = r.type;
      found_what = "`" + r.name + ".id`, a reference to `" + r.type + "`";
    }
  } else if (v.kind == ValKind::ParamRef) {
    const Param& p = program_.params[v.target];
    found_type = param_reference_type(p.cfn_type);
    if (found_type.empty()) return;
    found_what = "the parameter `" + p.name + "` of type `" + p.cfn_type + "`";
  } else {
    return;
  }
  for (const auto& want : shape.refs) {
    if (want.type_name == found_type) return;
  }
  for (const auto& f : shape.formats) {
    if (f.rfind(found_type + ".", 0) == 0) return;
  }
  std::vector<std::string> types;
  for (const auto& want : shape.refs) {
    if (std::find(types.begin(), types.end(), want.type_name) == types.end()) types.push_back(want.type_name);
  }
  diags_.report(diag::Kind::WrongReference, v.span, {path, join_names(types, " or "), found_what});
}

}  // namespace infrac::sema

namespace infrac::sema {

// Requirements that hold in some shapes only: "when `Protocol` is `HTTPS`, set
// `Certificates`". A condition on a value not known at compile time, or on a property
// that is absent, is not taken to hold.
void SchemaChecker::conditionals(const std::vector<Field>& fields, const Shape& shape, const std::string& path,
                                 const std::string& owner, Span at) {
  auto find = [&](const std::string& n) -> const Field* {
    for (const Field& f : fields) if (*f.name == n) return &f;
    return nullptr;
  };
  std::vector<std::string> reported;
  for (const catalog::Conditional& c : shape.conditionals) {
    bool holds = true;
    std::vector<std::string> why;
    auto present = [&](const std::string& n) {
      auto dot = n.find('.');
      const Field* f = find(n.substr(0, dot));
      if (f == nullptr || dot == std::string::npos) return f != nullptr;
      // `Code.ZipFile`: the object holds that key
      const Val& obj = *f->value;
      std::string key = n.substr(dot + 1);
      return obj.kind == ValKind::Object &&
             std::any_of(obj.fields.begin(), obj.fields.end(), [&](const auto& kv) { return kv.first == key; });
    };
    for (const auto& n : c.present) {
      if (!present(n)) holds = false;
    }
    for (const auto& [name, values] : c.values) {
      const Field* f = find(name);
      const Val* v = f != nullptr ? f->value : nullptr;
      if (v == nullptr || (v->kind != ValKind::String && v->kind != ValKind::Number && v->kind != ValKind::Bool)) {
        holds = false;
        break;
      }
      std::string text = v->kind == ValKind::Bool ? (v->boolean ? "true" : "false") : v->text;
      bool listed = std::any_of(values.begin(), values.end(), [&](const catalog::Scalar& x) { return x.text == text; });
      if (!listed) { holds = false; break; }
      why.push_back("`" + name + "` is `" + text + "`");
    }
    if (!holds) continue;
    for (const auto& n : c.present) {
      bool named = std::any_of(c.values.begin(), c.values.end(), [&](const auto& x) { return x.first == n; }) ||
                   std::any_of(c.present.begin(), c.present.end(), [&](const std::string& m) { return m.rfind(n + ".", 0) == 0; });
      if (!named) why.push_back("`" + n + "` is set");
    }
    std::vector<std::string> missing;
    for (const auto& n : c.required) {
      if (find(n) == nullptr && std::find(reported.begin(), reported.end(), n) == reported.end()) missing.push_back(n);
    }
    if (missing.empty() || why.empty()) continue;
    reported.insert(reported.end(), missing.begin(), missing.end());
    std::string when;
    for (size_t i = 0; i < why.size(); ++i) when += (i == 0 ? "" : " and ") + why[i];
    diags_.report(diag::Kind::ConditionalRequired, at, {path.empty() ? owner : "`" + path + "`", join_names(missing), when})
        .help("add " + join_names(missing));
  }
}

namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// cfn-lint still reads the old name of the security group ID format.
std::string current_format(const std::string& f) {
  return f == "AWS::EC2::SecurityGroup.GroupId" ? "AWS::EC2::SecurityGroup.Id" : f;
}

}  // namespace

// What a `Ref` or `Fn::GetAtt` returns against what the property wants, as cfn-lint
// compares them (E1040, E1041): a property with its own format takes only a value of
// that format. True when the value is settled here (accepted or reported).
bool SchemaChecker::returned_value(const Val& v, const Shape& shape, const std::string& path) {
  if (v.kind != ValKind::ResourceRef && v.kind != ValKind::Attr) return false;
  const Resource& r = program_.resources[v.target];
  if (r.schema == nullptr) return false;
  const std::vector<std::string>* returned = nullptr;
  std::string found;
  if (v.kind == ValKind::ResourceRef) {
    if (r.schema->ref_unchecked) return true;
    returned = &r.schema->ref_formats;
    if (r.type == "AWS::EC2::SecurityGroup") {
      // The group's ID with a `VpcId`, its name without (EC2-Classic and the default
      // VPC), as cfn-lint reads it; a deploy-time `VpcId` may be either.
      static const std::vector<std::string> id{"AWS::EC2::SecurityGroup.Id"}, name{"AWS::EC2::SecurityGroup.Name"};
      auto vpc = std::find_if(r.properties.begin(), r.properties.end(), [](const Property& p) { return p.name == "VpcId"; });
      ValKind k = vpc == r.properties.end() ? ValKind::NoValue : vpc->value.kind;
      if (vpc == r.properties.end()) {
        returned = &name;
        found = "`" + r.name + ".id`, which is the group's name, as it has no `VpcId`";
      } else if (k == ValKind::String || k == ValKind::ResourceRef || k == ValKind::Attr || k == ValKind::ParamRef) {
        returned = &id;
      }
    }
    if (found.empty()) {
      std::string id;
      for (const auto& p : r.schema->primary_identifier) id += (id.empty() ? "" : ", ") + ("`" + p + "`");
      found = "`" + r.name + ".id`" + (id.empty() ? "" : ", which is its " + id);
    }
  } else {
    const catalog::Attribute* a = r.schema->attribute(v.text);
    if (a == nullptr) return false;
    if (a->unchecked) return true;
    returned = &a->formats;
    found = "`" + r.name + "." + v.text + "`";
  }
  // The fix: what of the same resource returns `want`.
  auto same_resource = [&](const std::string& want) -> std::string {
    if (contains(r.schema->ref_formats, want)) return "use `" + r.name + ".id`";
    for (const auto& a : r.schema->attributes) {
      if (contains(a.formats, want)) return "use `" + r.name + "." + a.name + "`";
    }
    return "";
  };
  if (shape.formats.empty()) {
    // An ARN pattern, and a `Ref` whose value can hold no `:` (an IAM role's name).
    if (v.kind == ValKind::ResourceRef && r.schema->ref_never_arn && shape.pattern.rfind("^arn:", 0) == 0) {
      auto b = diags_.report(diag::Kind::WrongReturnedValue, v.span, {path, "an ARN", found});
      for (const auto& a : r.schema->attributes) {
        if (a.name == "Arn") { b.help("use `" + r.name + ".Arn`"); break; }
      }
      return true;
    }
    return false;
  }
  for (const auto& f : shape.formats) {
    if (contains(*returned, current_format(f))) return true;
  }
  if (shape.formats_alternative) return false;  // not compared: the references decide
  std::string want = current_format(shape.formats.front());
  auto dot = want.rfind('.');
  std::string want_type = want.rfind("AWS::", 0) == 0 && dot != std::string::npos ? want.substr(0, dot) : "";
  bool same_type = r.type == want_type ||
                   std::any_of(shape.refs.begin(), shape.refs.end(), [&](const catalog::Ref& x) { return x.type_name == r.type; });
  if (!same_type) {
    std::vector<std::string> types;
    for (const auto& x : shape.refs) if (!contains(types, x.type_name)) types.push_back(x.type_name);
    if (types.empty() && !want_type.empty()) types.push_back(want_type);
    if (!types.empty()) {
      std::string what = v.kind == ValKind::ResourceRef ? "`" + r.name + ".id`, a reference to `" + r.type + "`"
                                                        : "`" + r.name + "." + v.text + "` of `" + r.type + "`";
      diags_.report(diag::Kind::WrongReference, v.span, {path, join_names(types, " or "), what});
      return true;
    }
  }
  auto b = diags_.report(diag::Kind::WrongReturnedValue, v.span, {path, describe_format(want), found});
  std::string fix = same_resource(want);
  if (r.type == "AWS::EC2::SecurityGroup" && v.kind == ValKind::ResourceRef) fix = "give `" + r.name + "` its `VpcId`";
  if (!fix.empty()) b.help(fix);
  return true;
}

}  // namespace infrac::sema

namespace infrac::sema {

void SchemaChecker::check_policies(const Resource& r) {
  if (r.creation_policy) {
    policy(r, *r.creation_policy, r.schema->creation_policy, "CreationPolicy", "creation_policy", r.creation_policy_at);
  }
  if (r.update_policy) {
    policy(r, *r.update_policy, r.schema->update_policy, "UpdatePolicy", "update_policy", r.update_policy_at);
  }
}

void SchemaChecker::policy(const Resource& r, const Val& v, const Shape* shape, const char* attribute,
                           const char* annotation, Span at) {
  if (v.is_error()) return;
  if (shape == nullptr) {
    const auto& types = catalog::Catalog::builtin().policy_types(attribute);
    auto b = diags_.report(diag::Kind::PolicyNotTaken, at, {r.name, r.type, attribute});
    if (!types.empty()) b.note(std::string("CloudFormation reads `") + attribute + "` on " + join_names(types, " and "));
    b.help(std::string("remove `@") + annotation + "`");
    return;
  }
  type_ = r.type;
  path_ = attribute;
  value(v, *shape);
  // CloudFormation resolves only some functions in a creation policy (cfn-lint's E3055).
  if (std::string_view(attribute) == "CreationPolicy") policy_functions(v, attribute);
}

void SchemaChecker::policy_functions(const Val& v, const std::string& path) {
  if (v.kind == ValKind::Sub) return;  // Fn::Sub resolves what it names itself
  std::string what;
  if (v.kind == ValKind::Attr) what = "an attribute (`Fn::GetAtt`)";
  bool allowed = v.text == "Fn::Select" || v.text == "Fn::FindInMap" || v.text == "Fn::If" || v.text == "Fn::Equals" ||
                 v.text == "Fn::And" || v.text == "Fn::Or" || v.text == "Fn::Not";
  if (v.kind == ValKind::Call && !allowed) what = "`" + v.text + "`";
  if (!what.empty()) {
    diags_.report(diag::Kind::PolicyFunction, v.span, {path, what})
        .note("a creation policy may use parameters, references, interpolations, `select`, mapping lookups and `? :`");
    return;
  }
  for (const Val& item : v.items) policy_functions(item, path);
  for (const auto& [k, f] : v.fields) policy_functions(f, path + "." + k);
}

}  // namespace infrac::sema
