#include "cfn/template_reader.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <regex>

#include <yaml-cpp/yaml.h>

#include "catalog/catalog.h"
#include "cfn/yaml_compat.h"
#include "diag/spell.h"

namespace infrac::cfn {

namespace {

using sema::Val;
using sema::ValKind;

class Reader {
 public:
  Reader(const SourceManager& sm, FileId file, diag::Engine& diags) : sm_(sm), file_(file), diags_(diags) {}

  sema::Program run() {
    sema::Program p;
    p.file = file_;
    YAML::Node root;
    try {
      compat_ = yaml_compat(sm_.file(file_).text());
      root = YAML::Load(compat_.text);
    } catch (const YAML::Exception& e) {
      uint32_t at = offset(e.mark);
      diags_.report(diag::Kind::UnexpectedToken, Span{file_, at, at + 1}, {"a YAML or JSON template", e.msg});
      return p;
    }
    if (!root.IsMap()) {
      diags_.report(diag::Kind::UnexpectedToken, Span{file_, 0, 0}, {"a template (a mapping)", "something else"});
      return p;
    }
    bool transform = static_cast<bool>(root["Transform"]);
    if (YAML::Node params = root["Parameters"]; params && params.IsMap()) {
      for (const auto& kv : params) {
        sema::Param prm;
        prm.name = kv.first.Scalar();
        prm.span = span(kv.first);
        std::string type = kv.second.IsMap() && kv.second["Type"] ? kv.second["Type"].Scalar() : "String";
        prm.cfn_type = type;
        prm.value_type = (type.find("List<") != std::string::npos || type == "CommaDelimitedList") ? "list"
                         : type == "Number" ? "number" : "string";
        names_[prm.name] = {true, static_cast<int>(p.params.size())};
        p.params.push_back(std::move(prm));
      }
    }
    YAML::Node resources = root["Resources"];
    if (!resources || !resources.IsMap()) return p;
    const catalog::Catalog& cat = catalog::Catalog::builtin();
    for (const auto& kv : resources) {
      names_[kv.first.Scalar()] = {false, static_cast<int>(p.resources.size())};
      sema::Resource r;
      r.name = kv.first.Scalar();
      r.span = span(kv.first);
      if (kv.second.IsMap() && kv.second["Type"] && kv.second["Type"].IsScalar()) r.type = kv.second["Type"].Scalar();
      p.resources.push_back(std::move(r));
    }
    size_t i = 0;
    for (const auto& kv : resources) {
      sema::Resource& r = p.resources[i++];
      if (r.type.rfind("Custom::", 0) == 0 || r.type == "AWS::CloudFormation::CustomResource") continue;
      r.schema = cat.find(r.type);
      if (r.schema == nullptr) {
        if (transform && r.type.rfind("AWS::Serverless::", 0) == 0) continue;
        auto b = diags_.report(diag::Kind::UnknownResourceType, span(kv.second["Type"]), {r.type});
        if (auto m = diag::closest(r.type, cat.type_names())) b.help("did you mean `" + *m + "`?");
        continue;
      }
      YAML::Node props = kv.second["Properties"];
      if (!props || !props.IsMap()) continue;
      for (const auto& pv : props) {
        r.properties.push_back(sema::Property{pv.first.Scalar(), span(pv.first), value(pv.second)});
      }
    }
    return p;
  }

 private:
  uint32_t offset(const YAML::Mark& m) const {
    if (m.pos < 0) return 0;
    uint32_t at = compat_.original(static_cast<uint32_t>(m.pos));
    return std::min<uint32_t>(at, static_cast<uint32_t>(sm_.file(file_).text().size()));
  }
  Span span(const YAML::Node& n) const {
    uint32_t at = offset(n.Mark());
    uint32_t len = n.IsScalar() ? static_cast<uint32_t>(std::max<size_t>(n.Scalar().size(), 1)) : 1;
    return Span{file_, at, std::min<uint32_t>(at + len, static_cast<uint32_t>(sm_.file(file_).text().size()))};
  }

  Val scalar(const YAML::Node& n) {
    const std::string& s = n.Scalar();
    Span sp = span(n);
    if (n.Tag() != "?") return Val::str(s, sp);  // quoted: a string
    static const std::regex number("^[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?$");
    if (s == "true" || s == "True" || s == "TRUE") return Val::boolean_of(true, sp);
    if (s == "false" || s == "False" || s == "FALSE") return Val::boolean_of(false, sp);
    if (s == "null" || s == "~" || s.empty()) return Val::null(sp);
    if (std::regex_match(s, number)) return Val::num(std::strtod(s.c_str(), nullptr), s, sp);
    return Val::str(s, sp);
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

  Val get_att(const YAML::Node& arg, Span sp) {
    std::string res, attr;
    if (arg.IsScalar()) {
      const std::string& s = arg.Scalar();
      size_t dot = s.find('.');
      if (dot == std::string::npos) return Val::error();
      res = s.substr(0, dot);
      attr = s.substr(dot + 1);
    } else if (arg.IsSequence() && arg.size() == 2 && arg[0].IsScalar() && arg[1].IsScalar()) {
      res = arg[0].Scalar();
      attr = arg[1].Scalar();
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

  Val intrinsic(const std::string& fn, const YAML::Node& arg, Span sp) {
    if (fn == "Ref") return arg.IsScalar() ? ref(arg.Scalar(), sp) : Val::error();
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

  Val value(const YAML::Node& n) {
    Span sp = span(n);
    const std::string& tag = n.Tag();
    if (!tag.empty() && tag[0] == '!' && tag.size() > 1) return intrinsic(long_name(tag), n, sp);
    switch (n.Type()) {
      case YAML::NodeType::Scalar: return scalar(n);
      case YAML::NodeType::Sequence: {
        Val v;
        v.kind = ValKind::List;
        v.span = sp;
        for (const auto& item : n) v.items.push_back(value(item));
        return v;
      }
      case YAML::NodeType::Map: {
        if (n.size() == 1) {
          std::string key = n.begin()->first.Scalar();
          if (key == "Ref" || key.rfind("Fn::", 0) == 0 || key == "Condition") return intrinsic(key, n.begin()->second, sp);
        }
        Val v;
        v.kind = ValKind::Object;
        v.span = sp;
        for (const auto& kv : n) {
          v.fields.emplace_back(kv.first.Scalar(), value(kv.second));
          v.key_spans.push_back(span(kv.first));
        }
        return v;
      }
      default: return Val::null(sp);
    }
  }

  const SourceManager& sm_;
  FileId file_;
  diag::Engine& diags_;
  std::map<std::string, std::pair<bool, int>> names_;  // logical ID -> (is a parameter, index)
  CompatText compat_;
};

}  // namespace

sema::Program read_template(const SourceManager& sm, FileId file, diag::Engine& diags) {
  Reader r(sm, file, diags);
  return r.run();
}

}  // namespace infrac::cfn
