#include "cfn/template_reader.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "base/sub_text.h"
#include "catalog/catalog.h"
#include "data/tree.h"
#include "diag/spell.h"

namespace infrac::cfn {

namespace {

using data::Node;
using sema::Val;
using sema::ValKind;

// "a list", "a string": what a node is, for messages.
std::string shape(const Node& n) {
  if (n.is_tagged()) return "`" + n.tag + "`";
  switch (n.kind) {
    case data::Kind::Null: return "nothing";
    case data::Kind::Scalar: return "`" + (n.text.size() > 40 ? n.text.substr(0, 40) + "...` (a string)" : n.text + "`");
    case data::Kind::Seq: return "a list";
    case data::Kind::Map: return "a mapping";
  }
  return "something else";
}

class Reader {
 public:
  Reader(const SourceManager& sm, FileId file, diag::Engine& diags) : sm_(sm), file_(file), diags_(diags) {}

  sema::Program run() {
    sema::Program p;
    p.file = file_;
    const std::string& text = sm_.file(file_).text();
    data::ReadResult read = data::read_yaml(text);
    if (!read.root) {
      report_unreadable(read);
      return p;
    }
    const Node& root = *read.root;
    if (!root.is_map()) {
      diags_.report(diag::Kind::UnexpectedToken, span(root), {"a template (a mapping)", shape(root)});
      return p;
    }
    bool transform = root.get("Transform") != nullptr;
    transform_ = transform;
    if (const Node* t = root.get("Transform")) {
      auto is_sam = [](const Node& n) { return n.is_scalar() && n.text == "AWS::Serverless-2016-10-31"; };
      sam_ = is_sam(*t) || std::any_of(t->items.begin(), t->items.end(), [&](const auto& i) { return is_sam(*i); });
    }
    if (const Node* params = root.get("Parameters"); params && params->is_map()) read_params(*params, p);
    const Node* resources = root.get("Resources");
    if (!resources || !resources->is_map()) return p;
    read_resources(*resources, transform, p);
    return p;
  }

  // The template as read, for `infrac plan`: the same errors as run() for text that is no
  // template, and nothing else is checked.
  data::NodeRef tree() {
    data::ReadResult read = data::read_yaml(sm_.file(file_).text());
    if (!read.root) {
      report_unreadable(read);
      return nullptr;
    }
    if (!read.root->is_map()) {
      diags_.report(diag::Kind::UnexpectedToken, span(*read.root), {"a template (a mapping)", shape(*read.root)});
      return nullptr;
    }
    return read.root;
  }

 private:
  void report_unreadable(const data::ReadResult& read) {
    using F = data::ReadResult::Failure;
    Span at{file_, read.error_offset, std::min<uint32_t>(read.error_offset + 1, text_size())};
    switch (read.failure) {
      case F::TooManyNodes:
        if (read.through_aliases) {
          diags_.report(diag::Kind::InputTooLarge, at, {"the template", read.error})
              .note("a YAML alias repeats the node it names; aliases inside aliases multiply")
              .help("write the repeated parts out, or use fewer aliases");
        } else {
          diags_.report(diag::Kind::InputTooLarge, at, {"the template", read.error})
              .note("CloudFormation takes templates of at most 1 MB")
              .help("split it into nested stacks");
        }
        return;
      case F::TooDeep:
        diags_.report(diag::Kind::NestingTooDeep, at, {std::to_string(data::Limits{}.max_depth)})
            .help("flatten the template's structure");
        return;
      default:
        diags_.report(diag::Kind::UnexpectedToken, at, {"a YAML or JSON template", read.error});
    }
  }

  void read_params(const Node& params, sema::Program& p) {
    for (const auto& [key, value] : params.entries) {
      if (!name_ok(*key, "a parameter name")) continue;
      sema::Param prm;
      prm.name = key->text;
      prm.span = span(*key);
      const Node* type = value->is_map() ? value->get("Type") : nullptr;
      std::string t = type && type->is_scalar() ? type->text : "String";
      prm.cfn_type = t;
      prm.value_type = (t.find("List<") != std::string::npos || t == "CommaDelimitedList") ? "list"
                       : t == "Number"                                                      ? "number"
                                                                                            : "string";
      names_[prm.name] = {true, static_cast<int>(p.params.size())};
      p.params.push_back(std::move(prm));
    }
  }

  void read_resources(const Node& resources, bool transform, sema::Program& p) {
    const catalog::Catalog& cat = catalog::Catalog::builtin();
    std::vector<const Node*> bodies;  // beside p.resources
    for (const auto& [key, value] : resources.entries) {
      if (!name_ok(*key, "a resource's logical ID")) continue;
      // `Fn::ForEach::Name: [var, collection, {templates}]` (AWS::LanguageExtensions) makes
      // resources at deploy time; they are not checked here.
      if (key->text.rfind("Fn::ForEach::", 0) == 0) continue;
      names_[key->text] = {false, static_cast<int>(p.resources.size())};
      sema::Resource r;
      r.name = key->text;
      r.span = span(*key);
      const Node* type = resource_type(r, *value);
      if (type) r.type = type->text;
      p.resources.push_back(std::move(r));
      bodies.push_back(type ? value.get() : nullptr);
    }
    for (size_t i = 0; i < p.resources.size(); ++i) {
      if (bodies[i] != nullptr) dependencies(*bodies[i], p.resources[i]);
    }
    for (size_t i = 0; i < p.resources.size(); ++i) {
      sema::Resource& r = p.resources[i];
      if (bodies[i] == nullptr) continue;
      if (r.type.rfind("Custom::", 0) == 0 || r.type == "AWS::CloudFormation::CustomResource") continue;
      r.schema = cat.find(r.type);
      if (r.schema == nullptr) {
        if (transform && r.type.rfind("AWS::Serverless::", 0) == 0) continue;
        auto b = diags_.report(diag::Kind::UnknownResourceType, span(*bodies[i]->get("Type")), {r.type});
        if (auto m = diag::closest(r.type, cat.type_names())) b.help("did you mean `" + *m + "`?");
        continue;
      }
      if (r.schema->sam && !sam_) {
        diags_.report(diag::Kind::SamWithoutTransform, span(*bodies[i]->get("Type")), {r.type})
            .help("add `Transform: AWS::Serverless-2016-10-31` to the template");
        continue;
      }
      const Node* props = bodies[i]->get("Properties");
      if (!props || !props->is_map()) continue;
      if (transform && makes_keys(*props)) {
        r.schema = nullptr;  // its properties are made at deploy time: not checked here
        continue;
      }
      for (const auto& [key, value] : props->entries) {
        if (!name_ok(*key, "a property name")) continue;
        r.properties.push_back(sema::Property{key->text, span(*key), this->value(*value)});
      }
    }
  }

  // What a resource waits for: the resources its properties name with `Ref`, `Fn::GetAtt`
  // or `Fn::Sub`, whatever function they are inside, and those of its `DependsOn`.
  void dependencies(const Node& body, sema::Resource& r) {
    auto add = [&](const std::string& name, std::vector<int>& to) {
      auto it = names_.find(name);
      if (it == names_.end() || it->second.first) return;  // a parameter, or nothing known
      if (std::find(to.begin(), to.end(), it->second.second) == to.end()) to.push_back(it->second.second);
    };
    if (const Node* props = body.get("Properties")) {
      // An explicit stack, not recursion: the reader bounds the depth, but this stays flat.
      std::vector<const Node*> todo{props};
      while (!todo.empty()) {
        const Node& n = *todo.back();
        todo.pop_back();
        std::string fn = n.is_tagged() ? long_name(n.tag) : "";
        const Node* arg = &n;
        if (fn.empty() && n.is_map() && n.entries.size() == 1 && n.entries[0].first->is_scalar()) {
          const std::string& key = n.entries[0].first->text;
          if (key == "Ref" || key == "Fn::GetAtt" || key == "Fn::Sub") {
            fn = key;
            arg = n.entries[0].second.get();
          }
        }
        if (fn == "Ref" && arg->is_scalar()) {
          add(arg->text, r.references);
        } else if (fn == "Fn::GetAtt") {
          if (arg->is_scalar()) add(arg->text.substr(0, arg->text.find('.')), r.references);
          else if (arg->is_seq() && !arg->items.empty() && arg->items[0]->is_scalar()) add(arg->items[0]->text, r.references);
        } else if (fn == "Fn::Sub") {
          const Node* text = arg->is_seq() && !arg->items.empty() ? arg->items[0].get() : arg;
          const Node* vars = arg->is_seq() && arg->items.size() > 1 ? arg->items[1].get() : nullptr;
          if (text->is_scalar()) {
            for (const std::string& name : sub_names(text->text)) {
              if (vars == nullptr || vars->get(name) == nullptr) add(name, r.references);
            }
          }
        }
        if (arg != &n) todo.push_back(arg);
        else {
          for (const auto& item : n.items) todo.push_back(item.get());
          for (const auto& entry : n.entries) todo.push_back(entry.second.get());
        }
      }
    }
    if (const Node* deps = body.get("DependsOn")) {
      if (deps->is_scalar()) add(deps->text, r.depends_on);
      for (const auto& item : deps->items) {
        if (item->is_scalar()) add(item->text, r.depends_on);
      }
    }
  }

  // The names an `Fn::Sub` text refers to: `${Name}` and `${Name.Attribute}`.
  static std::vector<std::string> sub_names(const std::string& text) {
    std::vector<std::string> out;
    for (const SubPiece& p : sub_pieces(text)) {
      if (p.placeholder && !p.text.empty()) out.emplace_back(p.text.substr(0, p.text.find('.')));
    }
    return out;
  }

  // The `Type` of a resource, or null after reporting why there is none.
  const Node* resource_type(const sema::Resource& r, const Node& body) {
    if (!body.is_map() || body.is_tagged()) {
      diags_.report(diag::Kind::UnexpectedToken, body.kind == data::Kind::Null ? r.span : span(body),
                    {"a resource (a mapping with `Type` and `Properties`) for `" + r.name + "`", shape(body)})
          .help("write it as `" + r.name + ":` followed by an indented `Type: AWS::...` and its `Properties`");
      return nullptr;
    }
    const Node* type = body.get("Type");
    if (type == nullptr) {
      diags_.report(diag::Kind::MissingRequired, r.span, {"resource `" + r.name + "`", "key", "`Type`"})
          .help("add `Type:` with the resource type, such as `Type: AWS::S3::Bucket`");
      return nullptr;
    }
    if (!type->is_scalar() || type->is_tagged() || type->text.empty()) {
      diags_.report(diag::Kind::UnexpectedToken, span(*type), {"a resource type name, such as `AWS::S3::Bucket`", shape(*type)});
      return nullptr;
    }
    return type;
  }

  // Whether a mapping has `Fn::ForEach::Name` keys (AWS::LanguageExtensions), which make
  // its other keys at deploy time.
  static bool makes_keys(const Node& map) {
    return std::any_of(map.entries.begin(), map.entries.end(), [](const auto& e) {
      return e.first->is_scalar() && e.first->text.rfind("Fn::ForEach::", 0) == 0;
    });
  }

  // A key must be a plain name; reports and returns false when it is not.
  bool name_ok(const Node& key, const char* what) {
    if (key.is_scalar() && !key.is_tagged()) return true;
    diags_.report(diag::Kind::UnexpectedToken, span(key), {what, shape(key)});
    return false;
  }

  uint32_t text_size() const { return static_cast<uint32_t>(sm_.file(file_).text().size()); }

  Span span(const Node& n) const {
    uint32_t at = std::min(n.offset, text_size());
    uint32_t len = n.is_scalar() ? static_cast<uint32_t>(std::max<size_t>(n.text.size(), 1)) : 1;
    return Span{file_, at, static_cast<uint32_t>(std::min<uint64_t>(uint64_t{at} + len, text_size()))};
  }

  Val scalar(const Node& n) {
    Span sp = span(n);
    if (n.quoted) return Val::str(n.text, sp);
    switch (data::classify_plain(n.text)) {
      case data::Plain::True: return Val::boolean_of(true, sp);
      case data::Plain::False: return Val::boolean_of(false, sp);
      case data::Plain::Null: return Val::null(sp);
      case data::Plain::Number: return Val::num(std::strtod(n.text.c_str(), nullptr), n.text, sp);
      case data::Plain::String: break;
    }
    return Val::str(n.text, sp);
  }

  Val ref(const std::string& name, Span sp) {
    Val v;
    v.span = sp;
    if (name.rfind("AWS::", 0) == 0) {
      v.kind = name == "AWS::NoValue" ? ValKind::NoValue : ValKind::Pseudo;
      v.text = name;
      return v;
    }
    auto it = names_.find(name);
    if (it == names_.end()) return Val::error();
    v.kind = it->second.first ? ValKind::ParamRef : ValKind::ResourceRef;
    v.target = it->second.second;
    return v;
  }

  Val get_att(const Node& arg, Span sp) {
    std::string res, attr;
    if (arg.is_scalar()) {
      size_t dot = arg.text.find('.');
      if (dot == std::string::npos) return Val::error();
      res = arg.text.substr(0, dot);
      attr = arg.text.substr(dot + 1);
    } else if (arg.is_seq() && arg.items.size() == 2 && arg.items[0]->is_scalar() && arg.items[1]->is_scalar() &&
               !arg.items[1]->is_tagged()) {
      res = arg.items[0]->text;
      attr = arg.items[1]->text;
    } else {
      return Val::error();  // a computed attribute name: unknown until deploy time
    }
    auto it = names_.find(res);
    if (it == names_.end() || it->second.first) return Val::error();
    Val v;
    v.kind = ValKind::Attr;
    v.target = it->second.second;
    v.text = attr;
    v.span = sp;
    return v;
  }

  // `short_form`: `!Ref name`, whose node is its own argument.
  Val intrinsic(const std::string& fn, const Node& arg, Span sp, bool short_form = false) {
    if (fn == "Ref") return arg.is_scalar() && (short_form || !arg.is_tagged()) ? ref(arg.text, sp) : Val::error();
    if (fn == "Fn::GetAtt") return get_att(arg, sp);
    Val v;
    v.span = sp;
    if (fn == "Fn::Sub") {
      v.kind = ValKind::Sub;
      return v;
    }
    v.kind = ValKind::Call;
    v.text = fn;
    return v;
  }

  static std::string long_name(const std::string& tag) {
    std::string t = tag.substr(1);
    return t == "Ref" || t == "Condition" ? t : "Fn::" + t;
  }

  Val value(const Node& n) {
    Span sp = span(n);
    if (n.is_tagged()) return intrinsic(long_name(n.tag), n, sp, true);
    switch (n.kind) {
      case data::Kind::Scalar: return scalar(n);
      case data::Kind::Seq: {
        Val v;
        v.kind = ValKind::List;
        v.span = sp;
        v.items.reserve(n.items.size());
        for (const auto& item : n.items) v.items.push_back(value(*item));
        return v;
      }
      case data::Kind::Map: {
        if (n.entries.size() == 1 && n.entries[0].first->is_scalar()) {
          const std::string& key = n.entries[0].first->text;
          if (key == "Ref" || key.rfind("Fn::", 0) == 0 || key == "Condition") {
            return intrinsic(key, *n.entries[0].second, sp);
          }
        }
        if (transform_ && makes_keys(n)) {
          return Val::call("Fn::ForEach", {}, sp);  // an object made at deploy time
        }
        Val v;
        v.kind = ValKind::Object;
        v.span = sp;
        for (const auto& [key, item] : n.entries) {
          v.fields.emplace_back(key->text, value(*item));
          v.key_spans.push_back(span(*key));
        }
        return v;
      }
      case data::Kind::Null: break;
    }
    return Val::null(sp);
  }

  const SourceManager& sm_;
  FileId file_;
  diag::Engine& diags_;
  std::map<std::string, std::pair<bool, int>> names_;
  bool sam_ = false;  // the template has the SAM transform
  bool transform_ = false;  // the template names a transform  // logical ID -> (is a parameter, index)
};

}  // namespace

sema::Program read_template(const SourceManager& sm, FileId file, diag::Engine& diags) {
  Reader r(sm, file, diags);
  return r.run();
}

data::NodeRef read_template_tree(const SourceManager& sm, FileId file, diag::Engine& diags) {
  Reader r(sm, file, diags);
  return r.tree();
}

}  // namespace infrac::cfn
