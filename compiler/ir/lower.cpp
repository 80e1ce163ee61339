#include "ir/lower.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "ir/passes.h"

namespace infrac::ir {

std::string pascal_case(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '_' || c == '-') { upper = true; continue; }
    if (!std::isalnum(static_cast<unsigned char>(c))) continue;
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

namespace {

class Lowerer {
 public:
  Lowerer(const sema::Program& p, diag::Engine& diags) : p_(p), diags_(diags) {}

  Template run() {
    assign_ids();
    Template t;
    for (const auto& [key, v] : p_.template_fields) {
      if (key == "Description") t.description = v.text;
      else if (key == "Transform") t.transform = value(v);
      else if (key == "Metadata") t.metadata = value(v);
      else if (key == "Rules") t.rules = value(v);
    }
    for (size_t i = 0; i < p_.params.size(); ++i) t.parameters.push_back(parameter(p_.params[i], param_ids_[i]));
    t.resources.reserve(p_.resources.size());
    for (size_t i = 0; i < p_.resources.size(); ++i) t.resources.push_back(resource(p_.resources[i], resource_ids_[i]));
    for (size_t i = 0; i < p_.outputs.size(); ++i) t.outputs.push_back(output(p_.outputs[i], output_ids_[i]));
    t.conditions = std::move(conditions_);
    t.mappings = std::move(mappings_);
    for_each_loops(t);
    add_implicit_dependencies(t);
    return t;
  }

 private:
  struct Claim {
    std::string name;
    Span span;
  };

  std::string claim(std::map<std::string, Claim>& ns, std::string id, const std::string& name, Span span) {
    if (id.empty() || id.size() > 255 || !std::isalpha(static_cast<unsigned char>(id[0]))) {
      diags_.report(diag::Kind::InvalidLogicalId, span, {id, id.empty() ? "it has no letters or digits" :
                                                             id.size() > 255 ? "it is longer than 255 characters" :
                                                             "it must start with a letter"})
          .help("rename the declaration, or pin a name with `@logical_id(\"Name\")`");
      return id;
    }
    for (char c : id) {
      if (!std::isalnum(static_cast<unsigned char>(c))) {
        diags_.report(diag::Kind::InvalidLogicalId, span, {id, "only letters and digits are allowed"});
        return id;
      }
    }
    auto [it, fresh] = ns.emplace(id, Claim{name, span});
    if (!fresh) {
      diags_.report(diag::Kind::LogicalIdCollision, span, {id, name, it->second.name})
          .note(it->second.span, "`" + it->second.name + "` is declared here")
          .help("rename one of them, or pin a different name with `@logical_id(\"...\")`");
    }
    return id;
  }

  void assign_ids() {
    std::map<std::string, Claim> shared, outputs;
    for (const auto& prm : p_.params) {
      bool pinned = !prm.logical_id.empty();
      param_ids_.push_back(claim(shared, pinned ? prm.logical_id : pascal_case(prm.name), prm.name,
                                 pinned ? prm.logical_id_span : prm.span));
    }
    resource_ids_.resize(p_.resources.size());
    // Resources repeated by Fn::ForEach last: the IDs their known items make are compared
    // with all the others.
    for (int pass = 0; pass < 2; ++pass) {
      for (size_t i = 0; i < p_.resources.size(); ++i) {
        const auto& r = p_.resources[i];
        bool pinned = !r.logical_id.empty();
        bool repeated = r.for_each >= 0 && !pinned;
        if (repeated != (pass == 1)) continue;
        std::string id;
        for (const auto& segment : r.path) id += pascal_case(segment);
        std::map<std::string, Claim> alone;  // the base is checked, but is no ID of the template
        if (repeated) resource_ids_[i] = loop_id(shared, r, claim(alone, id, r.name, r.span));
        else resource_ids_[i] = claim(shared, pinned ? r.logical_id : id, r.name, pinned ? r.logical_id_span : r.span);
      }
    }
    for (const auto& o : p_.outputs) {
      bool pinned = !o.logical_id.empty();
      output_ids_.push_back(claim(outputs, pinned ? o.logical_id : pascal_case(o.name), o.name,
                                  pinned ? o.logical_id_span : o.span));
    }
  }

  // The logical ID of a resource repeated by Fn::ForEach: `base${Identifier}`. The items
  // known now (the parameter's default and allowed values) must make valid IDs that no
  // other resource has.
  std::string loop_id(std::map<std::string, Claim>& shared, const sema::Resource& r, const std::string& base) {
    const sema::ForEach& loop = p_.loops[r.for_each];
    const sema::Param& param = p_.params[loop.param];
    std::vector<std::pair<std::string, sema::Val>> known;
    if (param.default_value && param.default_value->kind == sema::ValKind::List) {
      for (const auto& item : param.default_value->items) known.emplace_back("the default item", item);
    } else if (param.default_value && param.default_value->kind == sema::ValKind::String) {
      // A list parameter's default, as CloudFormation takes it: items separated by commas.
      const std::string& all = param.default_value->text;
      for (size_t start = 0;;) {
        size_t comma = all.find(',', start);
        known.emplace_back("the default item", sema::Val::str(all.substr(start, comma - start), param.default_value->span));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    for (const auto& a : param.allowed) known.emplace_back("the allowed value", a);
    for (const auto& [what, value] : known) {
      const sema::Val* item = &value;
      std::string text = item->kind == sema::ValKind::String || item->kind == sema::ValKind::Number ? item->text : "";
      std::string id = base + text;
      bool ok = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0;
      });
      if (!ok) {
        diags_.report(diag::Kind::ForEachValue, item->span.valid() ? item->span : param.span,
                      {std::string(what) + " \"" + text + "\"", param.name, id})
            .note(r.span, "`" + r.name + "` takes its logical ID from each item")
            .help("CloudFormation puts each item into the logical ID as it is: use items of letters and digits");
        continue;
      }
      auto it = shared.find(id);
      if (it != shared.end()) {
        diags_.report(diag::Kind::LogicalIdCollision, r.span, {id, r.name + " for \"" + text + "\"", it->second.name})
            .note(it->second.span, "`" + it->second.name + "` is declared here")
            .help("rename one of them");
      }
    }
    return base + "${" + loop.identifier + "}";
  }

  Value value(const sema::Val& v) {
    using K = sema::ValKind;
    switch (v.kind) {
      case K::Null: return Value{};
      case K::Bool: return Value::boolean_of(v.boolean);
      case K::Number: return Value::number(v.text);
      case K::String: return Value::string(v.text);
      case K::List: {
        std::vector<Value> items;
        for (const auto& i : v.items) items.push_back(value(i));
        return Value::list(std::move(items));
      }
      case K::Object: {
        Value m = Value::map();
        for (const auto& [k, x] : v.fields) m.set(k, value(x));
        return m;
      }
      case K::ParamRef: return Value::fn("Ref", Value::string(param_ids_[v.target]));
      case K::ResourceRef: return Value::fn("Ref", Value::string(resource_ids_[v.target]));
      case K::Attr:
        return Value::fn("Fn::GetAtt", Value::list({Value::string(resource_ids_[v.target]), Value::string(v.text)}));
      case K::Pseudo: case K::NoValue: return Value::fn("Ref", Value::string(v.text));
      case K::Sub: return sub(v);
      case K::Call: return call(v);
      case K::Module: case K::Error: return Value{};
    }
    return Value{};
  }

  // Literal text inside Fn::Sub: `${` would start a variable, so it is written `${!`.
  static std::string escape_sub(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      out += s[i];
      if (s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') { out += "{!"; ++i; }
    }
    return out;
  }

  Value sub(const sema::Val& v) {
    std::string text;
    Value vars = Value::map();
    for (const auto& part : v.items) {
      switch (part.kind) {
        case sema::ValKind::String: text += escape_sub(part.text); break;
        case sema::ValKind::ParamRef: text += "${" + param_ids_[part.target] + "}"; break;
        case sema::ValKind::ResourceRef: text += "${" + resource_ids_[part.target] + "}"; break;
        case sema::ValKind::Attr: text += "${" + resource_ids_[part.target] + "." + part.text + "}"; break;
        case sema::ValKind::Pseudo: text += "${" + part.text + "}"; break;
        default: {
          std::string name = "Var" + std::to_string(vars.fields.size() + 1);
          vars.set(name, value(part));
          text += "${" + name + "}";
        }
      }
    }
    if (vars.fields.empty()) return Value::fn("Fn::Sub", Value::string(text));
    return Value::fn("Fn::Sub", Value::list({Value::string(text), std::move(vars)}));
  }

  static bool is_condition(const sema::Val& v) {
    return v.kind == sema::ValKind::Call &&
           (v.text == "Fn::Equals" || v.text == "Fn::And" || v.text == "Fn::Or" || v.text == "Fn::Not");
  }

  // A condition as the Conditions section writes it: a nested condition that is the value
  // of a `let` by its name (`Condition: IsProd`), others inline.
  Value condition_body(const sema::Val& v) {
    std::vector<Value> args;
    std::vector<const sema::Val*> operands;
    flatten(v, operands);
    if (operands.size() > 10) {
      operands.clear();
      for (const auto& a : v.items) operands.push_back(&a);
    }
    for (const sema::Val* p : operands) {
      const sema::Val& a = *p;
      if (!is_condition(a)) args.push_back(value(a));
      else if (a.rare().hint_from_let) args.push_back(Value::fn("Condition", Value::string(condition_name(a, a.rare().hint))));
      else args.push_back(condition_body(a));
    }
    return Value::fn(v.text, Value::list(std::move(args)));
  }

  // The operands of `v`; for `Fn::And` and `Fn::Or`, those of unnamed operands of the same
  // function too (`a && b && c` is one `Fn::And` of three), up to the ten CloudFormation
  // takes.
  static void flatten(const sema::Val& v, std::vector<const sema::Val*>& out) {
    bool chain = v.text == "Fn::And" || v.text == "Fn::Or";
    for (const auto& a : v.items) {
      if (chain && a.kind == sema::ValKind::Call && a.text == v.text && !a.rare().hint_from_let) flatten(a, out);
      else out.push_back(&a);
    }
  }

  // The logical ID of a condition, registering it the first time it is seen.
  std::string condition_name(const sema::Val& cond, const std::string& hint) {
    Value body = condition_body(cond);
    std::string key = emit_key(body);
    for (size_t i = 0; i < conditions_.size(); ++i) {
      if (condition_keys_[i] == key) return conditions_[i].first;
    }
    bool pinned = cond.rare().hint_pinned && hint == cond.rare().hint;
    std::string base = hint.empty() ? "Condition" : pinned ? hint : pascal_case(hint);
    if (base.empty() || !std::isalpha(static_cast<unsigned char>(base[0]))) base = "Condition" + base;
    auto taken = [&](const std::string& n) {
      return std::any_of(conditions_.begin(), conditions_.end(), [&](const auto& c) { return c.first == n; });
    };
    // Unnamed conditions are numbered from 1; a named one gets a number only on a clash.
    std::string name = hint.empty() ? base + "1" : base;
    for (int n = 2; taken(name); ++n) name = base + std::to_string(n);
    conditions_.emplace_back(name, std::move(body));
    condition_keys_.push_back(key);
    return name;
  }

  // A mapping for a lookup by a deploy-time key, registered the first time it is seen.
  std::string mapping_name(const sema::Val& map, bool scalars) {
    Value m = Value::map();
    for (const auto& [k, v] : map.fields) {
      if (scalars) m.set(k, Value::map()).set("Value", value(v));
      else m.set(k, value(v));
    }
    std::string key = emit_key(m);
    for (size_t i = 0; i < mappings_.size(); ++i) {
      if (mapping_keys_[i] == key) return mappings_[i].first;
    }
    std::string base = map.rare().hint.empty() ? "Map" : map.rare().hint_pinned ? map.rare().hint : pascal_case(map.rare().hint);
    if (base.empty() || !std::isalpha(static_cast<unsigned char>(base[0]))) base = "Map" + base;
    std::string name = base;
    for (int n = 2; std::any_of(mappings_.begin(), mappings_.end(), [&](const auto& c) { return c.first == name; }); ++n)
      name = base + std::to_string(n);
    mappings_.emplace_back(name, std::move(m));
    mapping_keys_.push_back(key);
    return name;
  }

  // A structural text of a value, to find equal conditions and mappings.
  static std::string emit_key(const Value& v) {
    std::string k = std::to_string(v.kind) + v.text + (v.boolean ? "t" : "f") + "(";
    for (const auto& i : v.items) k += emit_key(i) + ",";
    for (const auto& [name, f] : v.fields) k += name + "=" + emit_key(f) + ",";
    return k + ")";
  }

  Value call(const sema::Val& v) {
    if (is_condition(v)) {
      // A deploy-time bool used as a value: true or false, as its condition says.
      return Value::fn("Fn::If", Value::list({Value::string(condition_name(v, v.rare().hint)), Value::boolean_of(true),
                                              Value::boolean_of(false)}));
    }
    if (v.text == "Fn::If") {
      std::string name = condition_name(v.items[0], v.items[0].rare().hint);
      return Value::fn("Fn::If", Value::list({Value::string(name), value(v.items[1]), value(v.items[2])}));
    }
    if (v.text == "Fn::FindInMap") {
      bool scalars = v.items[2].kind == sema::ValKind::String && v.items[2].text == "Value" &&
                     std::all_of(v.items[0].fields.begin(), v.items[0].fields.end(),
                                 [](const auto& f) { return f.second.kind != sema::ValKind::Object; });
      std::string name = mapping_name(v.items[0], scalars);
      return Value::fn("Fn::FindInMap", Value::list({Value::string(name), value(v.items[1]), value(v.items[2])}));
    }
    std::vector<Value> args;
    for (const auto& a : v.items) args.push_back(value(a));
    if (v.text == "Fn::GetStackOutput") {
      Value m = Value::map();
      const char* keys[] = {"StackName", "OutputName", "Region", "RoleArn"};
      for (size_t i = 0; i < args.size() && i < 4; ++i) m.set(keys[i], std::move(args[i]));
      return Value::fn(v.text, std::move(m));
    }
    if (v.text == "Fn::Length") language_extensions_ = true;
    if (v.text == "Fn::Base64" || v.text == "Fn::GetAZs" || v.text == "Fn::ImportValue" || v.text == "Fn::Length")
      return Value::fn(v.text, std::move(args[0]));
    return Value::fn(v.text, Value::list(std::move(args)));
  }

  // The Fn::ForEach loops that repeat resources, and the transform they need.
  void for_each_loops(Template& t) {
    std::vector<std::string> names(p_.loops.size());
    for (size_t i = 0; i < p_.resources.size(); ++i) {
      int l = p_.resources[i].for_each;
      if (l < 0) continue;
      if (names[l].empty()) {
        // Loop names are unique in the template; two loops over one variable name are numbered.
        std::string base = p_.loops[l].identifier, name = base;
        for (int n = 2; t.loop(name) != nullptr; ++n) name = base + std::to_string(n);
        names[l] = name;
        t.loops.push_back(ForEachLoop{name, p_.loops[l].identifier,
                                      Value::fn("Ref", Value::string(param_ids_[p_.loops[l].param]))});
      }
      t.resources[i].for_each = names[l];
    }
    if (!t.loops.empty() || language_extensions_) require_transform(t, "AWS::LanguageExtensions");
  }

  // Adds a transform to the template's, first: AWS::LanguageExtensions must run before
  // the others (such as the SAM transform) see its functions.
  static void require_transform(Template& t, const std::string& name) {
    Value want = Value::string(name);
    if (!t.transform) {
      t.transform = want;
      return;
    }
    std::vector<Value> list = t.transform->kind == Value::List ? t.transform->items : std::vector<Value>{*t.transform};
    for (const Value& v : list) {
      if (v.kind == Value::String && v.text == name) return;
    }
    list.insert(list.begin(), want);
    t.transform = Value::list(std::move(list));
  }

  Parameter parameter(const sema::Param& p, const std::string& id) {
    Parameter out;
    out.logical_id = id;
    out.type = p.cfn_type;
    if (p.default_value) out.default_value = value(*p.default_value);
    out.description = p.description;
    for (const auto& a : p.allowed) out.allowed_values.push_back(value(a));
    out.allowed_pattern = p.pattern;
    out.constraint_description = p.constraint_description;
    if (p.min_value) out.min_value = sema::number_text(*p.min_value);
    if (p.max_value) out.max_value = sema::number_text(*p.max_value);
    if (p.min_length) out.min_length = sema::number_text(*p.min_length);
    if (p.max_length) out.max_length = sema::number_text(*p.max_length);
    out.no_echo = p.no_echo;
    return out;
  }

  Resource resource(const sema::Resource& r, const std::string& id) {
    Resource out;
    out.logical_id = id;
    out.type = r.type;
    out.span = r.span;
    out.path = r.name;
    for (const auto& segment : r.group) out.group += pascal_case(segment);
    out.instantiated_at = r.instantiated_at;
    for (const auto& [code, reason] : r.allows) out.allows.push_back(Allow{code, reason});
    for (const auto& prop : r.properties) {
      out.properties.set(prop.name, value(prop.value));
      out.value_spans.emplace_back(prop.name, prop.value.span.valid() ? prop.value.span : prop.key_span);
    }
    for (int d : r.depends_on) out.depends_on.push_back(resource_ids_[d]);
    out.implicit_dependencies = r.implicit_dependencies;
    if (r.condition >= 0) out.condition = condition_name(p_.conditions[r.condition].value, p_.conditions[r.condition].hint);
    out.deletion_policy = r.deletion_policy;
    out.update_replace_policy = r.update_replace_policy;
    if (r.metadata) out.metadata = value(*r.metadata);
    if (r.creation_policy) out.creation_policy = value(*r.creation_policy);
    if (r.update_policy) out.update_policy = value(*r.update_policy);
    return out;
  }

  Output output(const sema::Output& o, const std::string& id) {
    Output out;
    out.logical_id = id;
    if (o.condition >= 0) out.condition = condition_name(p_.conditions[o.condition].value, p_.conditions[o.condition].hint);
    out.value = value(o.value);
    out.description = o.description;
    if (o.export_name) out.export_name = value(*o.export_name);
    return out;
  }

  const sema::Program& p_;
  diag::Engine& diags_;
  std::vector<std::string> param_ids_, resource_ids_, output_ids_;
  std::vector<std::pair<std::string, Value>> conditions_, mappings_;
  std::vector<std::string> condition_keys_, mapping_keys_;
  bool language_extensions_ = false;  // Fn::Length is used: the template needs AWS::LanguageExtensions
};

}  // namespace

void check_limits(const Template& t, FileId file, diag::Engine& diags) {
  struct Limit { size_t have; const char* what; size_t max; };
  for (const Limit& l : {Limit{t.resources.size(), "resources", 500}, Limit{t.parameters.size(), "parameters", 200},
                         Limit{t.outputs.size(), "outputs", 200}, Limit{t.mappings.size(), "mappings", 200}}) {
    if (l.have > l.max) {
      diags.report(diag::Kind::TemplateLimit, Span{file, 0, 0}, {std::to_string(l.have), l.what, std::to_string(l.max)})
          .help("split the program into several stacks, for example with `--nested-stacks`");
    }
  }
}

Template lower(const sema::Program& program, diag::Engine& diags) {
  Lowerer l(program, diags);
  return l.run();
}

}  // namespace infrac::ir
