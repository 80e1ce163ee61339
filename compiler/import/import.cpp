#include "import/import.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

#include "data/tree.h"
#include "import/ast_make.h"
#include "import/dependencies.h"
#include "import/layout.h"
#include "import/names.h"
#include "import/usage.h"
#include "import/values.h"
#include "sema/checker.h"

namespace infrac::importer {

using data::Node;

namespace {

// A parameter type of CloudFormation as the language writes it, or an empty name.
ast::TypeRef type_of(const std::string& cfn) {
  ast::TypeRef t;
  auto inner = [&](const std::string& s, const std::string& prefix) -> std::string {
    if (s.rfind(prefix, 0) == 0 && s.back() == '>') return s.substr(prefix.size(), s.size() - prefix.size() - 1);
    return "";
  };
  auto simple = [](const std::string& s) {
    ast::TypeRef r;
    r.name = s == "String" ? "string" : s == "Number" ? "number" : s;
    return r;
  };
  if (cfn == "CommaDelimitedList") {
    t.name = "list";
    t.args.push_back(simple("String"));
  } else if (std::string e = inner(cfn, "List<"); !e.empty()) {
    t.name = "list";
    t.args.push_back(simple(e));
  } else if (std::string v = inner(cfn, "AWS::SSM::Parameter::Value<"); !v.empty()) {
    t.name = "ssm_parameter";
    if (std::string le = inner(v, "List<"); !le.empty()) {
      ast::TypeRef l;
      l.name = "list";
      l.args.push_back(simple(le));
      t.args.push_back(std::move(l));
    } else {
      t.args.push_back(simple(v));
    }
  } else {
    t = simple(cfn);
  }
  // Only a type that gives the same CloudFormation type back.
  if (sema::cfn_type_of(t) != cfn) return ast::TypeRef{};
  return t;
}

bool true_text(const Node& n) { return n.is_scalar() && (n.text == "true" || n.text == "True" || n.text == "TRUE"); }

class Importer {
 public:
  Importer(const SourceManager& sm, FileId file, diag::Engine& diags)
      : sm_(sm), file_(file), diags_(diags), conv_(file, symbols_, diags) {}

  std::optional<ast::Program> run() {
    const std::string& text = sm_.file(file_).text();
    data::ReadResult read = data::read_yaml(text);
    if (!read.root) {
      unreadable(read);
      return std::nullopt;
    }
    const Node& root = *read.root;
    if (!root.is_map()) {
      conv_.malformed(root, "the template", "a mapping of sections");
      return std::nullopt;
    }
    for (const auto& entry : root.entries) {
      const data::NodeRef& k = entry.first;
      static const char* const known[] = {"AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules",
                                          "Mappings", "Conditions", "Transform", "Resources", "Outputs"};
      if (!k->is_scalar() || std::none_of(std::begin(known), std::end(known), [&](const char* s) { return k->text == s; })) {
        conv_.unsupported(*k, "the section " + (k->is_scalar() ? "`" + k->text + "`" : std::string("here")),
                          "a template has the sections AWSTemplateFormatVersion, Description, Metadata, Parameters, "
                          "Rules, Mappings, Conditions, Transform, Resources and Outputs");
      }
    }
    if (const Node* v = root.get("AWSTemplateFormatVersion"); v && !(v->is_scalar() && v->text == "2010-09-09")) {
      conv_.unsupported(*v, "the format version " + (v->is_scalar() ? "`" + v->text + "`" : std::string("here")),
                        "the only version is `2010-09-09`, which infrac always writes");
    }
    const Node* params = section(root, "Parameters");
    const Node* mappings = section(root, "Mappings");
    const Node* conditions = section(root, "Conditions");
    const Node* resources = section(root, "Resources");
    const Node* outputs = section(root, "Outputs");
    if (resources == nullptr || resources->entries.empty()) {
      conv_.malformed(resources ? *resources : root, "the template", "a `Resources` section with at least one resource");
      return std::nullopt;
    }
    // Names first, so that references can be resolved in any order.
    Namespace shared, outs;
    std::vector<Name> param_names, resource_names, mapping_names, condition_names, output_names;
    if (params) claim(*params, shared, symbols_.params, param_names, "");
    if (resources) claim(*resources, shared, symbols_.resources, resource_names, "");
    if (mappings) claim(*mappings, shared, symbols_.mappings, mapping_names, "map");
    if (conditions) claim(*conditions, shared, symbols_.conditions, condition_names, "condition");
    if (outputs) claim(*outputs, outs, unused_, output_names, "");

    added_ = added_dependencies(*resources);
    usage_ = find_usage(root);
    ast::Program p;
    p.file = kNoFile;
    template_block(root, p);
    if (params) for (size_t i = 0; i < params->entries.size(); ++i) param(params->entries[i], param_names[i], p);
    if (mappings) for (size_t i = 0; i < mappings->entries.size(); ++i) mapping(mappings->entries[i], mapping_names[i], p);
    if (conditions) for (size_t i = 0; i < conditions->entries.size(); ++i) condition(conditions->entries[i], condition_names[i], p);
    for (size_t i = 0; i < resources->entries.size(); ++i) resource(resources->entries[i], resource_names[i], p);
    if (outputs) for (size_t i = 0; i < outputs->entries.size(); ++i) output(outputs->entries[i], output_names[i], p);
    if (conv_.failed()) return std::nullopt;
    lay_out(p);
    return p;
  }

 private:
  using Entry = std::pair<data::NodeRef, data::NodeRef>;

  void unreadable(const data::ReadResult& read) {
    using F = data::ReadResult::Failure;
    uint32_t size = static_cast<uint32_t>(sm_.file(file_).text().size());
    Span at{file_, read.error_offset, std::min<uint32_t>(read.error_offset + 1, size)};
    if (read.failure == F::TooManyNodes) diags_.report(diag::Kind::InputTooLarge, at, {"the template", read.error});
    else if (read.failure == F::TooDeep) diags_.report(diag::Kind::NestingTooDeep, at, {std::to_string(data::Limits{}.max_depth)});
    else diags_.report(diag::Kind::UnexpectedToken, at, {"a YAML or JSON template", read.error});
  }

  const Node* section(const Node& root, const char* name) {
    const Node* s = root.get(name);
    if (s == nullptr) return nullptr;
    if (!s->is_map() || s->is_tagged()) {
      conv_.malformed(*s, std::string("`") + name + "`", "a mapping");
      return nullptr;
    }
    return s;
  }

  void claim(const Node& section, Namespace& ns, std::map<std::string, std::string, std::less<>>& ids,
             std::vector<Name>& names, const char* suffix) {
    for (const auto& [k, v] : section.entries) {
      std::string id = k->is_scalar() ? k->text : "";
      bool valid = !id.empty() && id.size() <= 255 && std::isalpha(static_cast<unsigned char>(id[0])) &&
                   std::all_of(id.begin(), id.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; });
      if (!valid) {
        conv_.unsupported(*k, "the logical ID " + (id.empty() ? std::string("here") : "`" + id + "`"),
                          "logical IDs are letters and digits, starting with a letter");
        names.push_back(Name{"x", false});
        continue;
      }
      Name n = ns.claim(id, suffix);
      ids[id] = n.name;
      names.push_back(n);
    }
  }

  static void pin(ast::Decl& d, const Name& n, const std::string& id) {
    if (n.pinned) d.annotations.push_back(make_annotation("logical_id", make_string(id)));
  }

  std::string text_of(const Node& n, const std::string& what) {
    if (!n.is_scalar() || n.is_tagged()) {
      conv_.malformed(n, what, "a string");
      return "";
    }
    return n.text;
  }

  std::optional<double> number_of(const Node& n, const std::string& what) {
    if (n.is_scalar() && !n.is_tagged()) {
      char* end = nullptr;
      double d = std::strtod(n.text.c_str(), &end);
      if (!n.text.empty() && end == n.text.c_str() + n.text.size() && std::isfinite(d)) return d;
    }
    conv_.malformed(n, what, "a number");
    return std::nullopt;
  }

  static ast::ExprPtr number_expr(double d) {
    auto e = make_number(sema::number_text(std::fabs(d)), std::fabs(d));
    return d < 0 ? make_unary("-", std::move(e)) : std::move(e);
  }

  void template_block(const Node& root, ast::Program& p) {
    ast::Decl d;
    d.kind = ast::DeclKind::Template;
    for (const auto& [k, v] : root.entries) {
      const std::string& key = k->text;
      if (key == "Description") {
        d.properties.push_back(make_entry(key, make_string(text_of(*v, "the description"))));
      } else if (key == "Metadata" || key == "Rules" || key == "Transform") {
        d.properties.push_back(make_entry(key, conv_.literal(*v)));
      }
    }
    if (!d.properties.empty()) p.decls.push_back(std::move(d));
  }

  void param(const Entry& e, const Name& n, ast::Program& p) {
    const Node& body = *e.second;
    const std::string& id = e.first->text;
    if (!body.is_map()) {
      conv_.malformed(body, "parameter `" + id + "`", "a mapping with `Type`");
      return;
    }
    ast::Decl d;
    d.kind = ast::DeclKind::Param;
    d.name = n.name;
    const Node* type = body.get("Type");
    if (type == nullptr) {
      conv_.malformed(body, "parameter `" + id + "`", "a `Type`");
      return;
    }
    std::string cfn = text_of(*type, "the type of parameter `" + id + "`");
    d.type = type_of(cfn);
    if (d.type.name.empty()) {
      conv_.unsupported(*type, "the parameter type `" + cfn + "`", "the language has no type for it");
      return;
    }
    bool number = cfn == "Number";
    bool list = d.type.name == "list" || (d.type.name == "ssm_parameter" && d.type.args[0].name == "list");
    bool numbers = number || cfn == "List<Number>";
    auto item = [&](const Node& v, const std::string& what) -> ast::ExprPtr {
      if (!v.is_scalar() || v.is_tagged()) {
        conv_.malformed(v, what, "a string or a number");
        return make_null();
      }
      if (numbers) {
        auto x = number_of(v, what);
        return x ? number_expr(*x) : make_null();
      }
      return make_string(v.text);
    };
    for (const auto& [k, v] : body.entries) {
      const std::string& key = k->text;
      std::string what = "`" + key + "` of parameter `" + id + "`";
      if (key == "Type") continue;
      if (key == "Description") {
        d.annotations.push_back(make_annotation("description", make_string(text_of(*v, what))));
      } else if (key == "Default") {
        if (list && !d.type.args.empty() && d.type.name == "list" && v->is_scalar() && !v->is_tagged()) {
          std::vector<ast::ExprPtr> items;
          const std::string& s = v->text;
          for (size_t start = 0;;) {
            size_t comma = s.find(',', start);
            Node piece = *v;
            piece.text = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            items.push_back(item(piece, what));
            if (comma == std::string::npos) break;
            start = comma + 1;
          }
          d.value = make_list(std::move(items));
        } else if (list && d.type.name == "list") {
          conv_.malformed(*v, what, "a comma-delimited string");
        } else {
          d.value = item(*v, what);
        }
      } else if (key == "AllowedValues") {
        if (!v->is_seq() || v->is_tagged()) {
          conv_.malformed(*v, what, "a list");
          continue;
        }
        std::vector<ast::ExprPtr> items;
        for (const auto& i : v->items) items.push_back(item(*i, what));
        d.annotations.push_back(make_annotation("allowed", make_list(std::move(items))));
      } else if (key == "AllowedPattern") {
        d.annotations.push_back(make_annotation("pattern", make_string(text_of(*v, what))));
      } else if (key == "ConstraintDescription") {
        d.annotations.push_back(make_annotation("constraint_description", make_string(text_of(*v, what))));
      } else if (key == "MinLength" || key == "MaxLength" || key == "MinValue" || key == "MaxValue") {
        bool length = key == "MinLength" || key == "MaxLength";
        if (length == numbers) {
          conv_.unsupported(*k, what, length ? "a number parameter has `MinValue` and `MaxValue`, not lengths"
                                             : "only a number parameter has `MinValue` and `MaxValue`");
          continue;
        }
        auto x = number_of(*v, what);
        if (!x) continue;
        const char* a = key == "MinLength" ? "min_length" : key == "MaxLength" ? "max_length" : key == "MinValue" ? "min" : "max";
        d.annotations.push_back(make_annotation(a, number_expr(*x)));
      } else if (key == "NoEcho") {
        if (true_text(*v)) d.annotations.push_back(make_annotation("secret"));
        else if (!(v->is_scalar() && (v->text == "false" || v->text == "False" || v->text == "FALSE")))
          conv_.malformed(*v, what, "`true` or `false`");
      } else {
        conv_.unsupported(*k, what, "a parameter has Type, Description, Default, AllowedValues, AllowedPattern, "
                                    "ConstraintDescription, MinLength, MaxLength, MinValue, MaxValue and NoEcho");
      }
    }
    pin(d, n, id);
    p.decls.push_back(std::move(d));
  }

  void mapping(const Entry& e, const Name& n, ast::Program& p) {
    if (usage_.mappings.count(e.first->text) == 0) return unused(*e.first, "mapping", "mappings it reads at deploy time");
    let(e, n, conv_.literal(*e.second), p);
  }

  void condition(const Entry& e, const Name& n, ast::Program& p) {
    if (usage_.conditions.count(e.first->text) == 0) return unused(*e.first, "condition", "conditions it uses");
    let(e, n, conv_.condition(*e.second), p);
  }

  void let(const Entry& e, const Name& n, ast::ExprPtr value, ast::Program& p) {
    ast::Decl d;
    d.kind = ast::DeclKind::Let;
    d.name = n.name;
    d.value = std::move(value);
    pin(d, n, e.first->text);
    p.decls.push_back(std::move(d));
  }

  void unused(const Node& key, const char* what, const char* uses) {
    failed_names_ = true;
    diags_.report(diag::Kind::ImportUnused, conv_.span(key), {what, key.text})
        .note(std::string("infrac writes into a template only the ") + uses)
        .help("remove it from the template, or use it");
  }

  // The name of the resource or condition that `n` gives the logical ID of.
  ast::ExprPtr named(const Node& n, const std::string& what, const std::map<std::string, std::string, std::less<>>& ids,
                     const char* kind) {
    std::string id = text_of(n, what);
    auto it = ids.find(id);
    if (it == ids.end()) {
      if (!id.empty()) diags_.report(diag::Kind::ImportUnknownName, conv_.span(n), {id, kind});
      failed_names_ = true;
      return make_null();
    }
    return make_name(it->second);
  }
  ast::ExprPtr resource_name(const Node& n, const std::string& what) { return named(n, what, symbols_.resources, "resource"); }
  ast::ExprPtr condition_ref(const Node& n, const std::string& what) { return named(n, what, symbols_.conditions, "condition"); }

  void resource(const Entry& e, const Name& n, ast::Program& p) {
    const Node& body = *e.second;
    const std::string& id = e.first->text;
    if (!body.is_map() || body.get("Type") == nullptr) {
      conv_.malformed(body, "resource `" + id + "`", "a mapping with `Type`");
      return;
    }
    ast::Decl d;
    d.kind = ast::DeclKind::Resource;
    d.name = n.name;
    pin(d, n, id);
    for (const auto& [k, v] : body.entries) {
      const std::string& key = k->text;
      std::string what = "`" + key + "` of resource `" + id + "`";
      if (key == "Type") {
        d.resource_type = text_of(*v, what);
        bool qualified = d.resource_type.find("::") != std::string::npos;
        for (size_t start = 0; qualified;) {
          size_t sep = d.resource_type.find("::", start);
          std::string piece = d.resource_type.substr(start, sep == std::string::npos ? std::string::npos : sep - start);
          bool ok = !piece.empty() && (std::isalpha(static_cast<unsigned char>(piece[0])) || piece[0] == '_') &&
                    std::all_of(piece.begin(), piece.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
          if (!ok) qualified = false;
          if (sep == std::string::npos) break;
          start = sep + 2;
        }
        if (!qualified) conv_.unsupported(*v, "the resource type `" + d.resource_type + "`",
                                          "types are written as names joined by `::`");
      } else if (key == "Properties") {
        if (!v->is_map() || v->is_tagged()) {
          conv_.malformed(*v, what, "a mapping");
          continue;
        }
        for (const auto& [pk, pv] : v->entries) {
          if (!pk->is_scalar() || pk->is_tagged()) {
            conv_.malformed(*pk, what, "a property name");
            continue;
          }
          if (pv->kind == data::Kind::Null) conv_.empty_value(*pk);
          else d.properties.push_back(make_entry(pk->text, conv_.value(*pv)));
        }
      } else if (key == "DependsOn") {
        if (v->is_seq() && !v->is_tagged()) {
          std::vector<ast::ExprPtr> names;
          for (const auto& i : v->items) names.push_back(resource_name(*i, what));
          d.annotations.push_back(make_annotation("depends_on", make_list(std::move(names))));
        } else {
          d.annotations.push_back(make_annotation("depends_on", resource_name(*v, what)));
        }
      } else if (key == "DeletionPolicy" || key == "UpdateReplacePolicy") {
        d.annotations.push_back(make_annotation(key == "DeletionPolicy" ? "deletion_policy" : "update_replace_policy",
                                                make_name(text_of(*v, what))));
      } else if (key == "Metadata") {
        d.annotations.push_back(make_annotation("metadata", conv_.value(*v)));
      } else if (key == "Condition") {
        d.annotations.push_back(make_annotation("condition", condition_ref(*v, what)));
      } else {
        conv_.unsupported(*k, what, "the language writes Type, Properties, DependsOn, DeletionPolicy, "
                                    "UpdateReplacePolicy, Metadata and Condition of a resource");
      }
    }
    if (added_.count(id) > 0) d.annotations.push_back(make_annotation("implicit_depends_on", make_bool(false)));
    p.decls.push_back(std::move(d));
  }

  void output(const Entry& e, const Name& n, ast::Program& p) {
    const Node& body = *e.second;
    const std::string& id = e.first->text;
    if (!body.is_map() || body.get("Value") == nullptr) {
      conv_.malformed(body, "output `" + id + "`", "a mapping with `Value`");
      return;
    }
    ast::Decl d;
    d.kind = ast::DeclKind::Output;
    d.name = n.name;
    for (const auto& [k, v] : body.entries) {
      const std::string& key = k->text;
      std::string what = "`" + key + "` of output `" + id + "`";
      if (key == "Value") {
        d.value = conv_.value(*v);
      } else if (key == "Description") {
        d.annotations.push_back(make_annotation("description", make_string(text_of(*v, what))));
      } else if (key == "Export") {
        const Node* name = v->is_map() && v->entries.size() == 1 ? v->get("Name") : nullptr;
        if (name == nullptr) {
          conv_.malformed(*v, what, "a mapping with `Name`");
          continue;
        }
        d.annotations.push_back(make_annotation("export", conv_.value(*name)));
      } else if (key == "Condition") {
        d.annotations.push_back(make_annotation("condition", condition_ref(*v, what)));
      } else {
        conv_.unsupported(*k, what, "an output has Value, Description, Export and Condition");
      }
    }
    pin(d, n, id);
    p.decls.push_back(std::move(d));
  }

  const SourceManager& sm_;
  FileId file_;
  diag::Engine& diags_;
  Symbols symbols_;
  Converter conv_;
  std::map<std::string, std::string, std::less<>> unused_;
  bool failed_names_ = false;
  std::set<std::string> added_;
  Usage usage_;  // resources the compiler would give dependencies they do not have

 public:
  bool failed() const { return failed_names_; }
};

}  // namespace

std::optional<ast::Program> import_template(const SourceManager& sm, FileId file, diag::Engine& diags) {
  Importer im(sm, file, diags);
  auto p = im.run();
  if (im.failed() || diags.has_errors()) return std::nullopt;
  return p;
}

}  // namespace infrac::importer
