#include "ir/nested.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "base/sub_text.h"

namespace infrac::ir {

namespace {

// What one stack (the parent, group "", or a child) needs from the others.
struct Stack {
  std::string group;
  Template t;
  std::map<std::string, std::string> imported;  // "X" or "X.A" -> the child parameter holding it
  std::vector<std::pair<std::string, Value>> passed;  // child parameter -> the value the parent passes
  std::set<std::string> conditions, mappings;
  std::set<std::string> depends_on;  // in the parent: what this child's stack waits for
};

class Splitter {
 public:
  Splitter(const Template& t, std::string ext) : t_(t), ext_(std::move(ext)) {}

  NestedTemplates run() {
    for (const Resource& r : t_.resources) owner_[r.logical_id] = r.group;
    for (const Parameter& p : t_.parameters) params_[p.logical_id] = &p;
    std::vector<std::string> groups;
    for (const Resource& r : t_.resources) {
      if (!r.group.empty() && std::find(groups.begin(), groups.end(), r.group) == groups.end()) groups.push_back(r.group);
    }
    for (const std::string& g : groups) {
      Stack s;
      s.group = g;
      s.t.description = "The `" + g + "` part of the stack";
      stacks_.push_back(std::move(s));
    }
    // The children first: what they take from each other becomes outputs and parameters.
    for (Stack& s : stacks_) {
      for (const Resource& r : t_.resources) {
        if (r.group != s.group) continue;
        Resource copy = r;
        copy.group.clear();
        rewrite(copy.properties, s);
        for (auto* attribute : {&copy.metadata, &copy.creation_policy, &copy.update_policy}) {
          if (*attribute) rewrite(**attribute, s);
        }
        if (!copy.condition.empty()) s.conditions.insert(copy.condition);
        std::vector<std::string> kept;
        for (const std::string& d : copy.depends_on) {
          const std::string& g = owner_[d];
          if (g == s.group) kept.push_back(d);
          else s.depends_on.insert(g.empty() ? d : g);
        }
        copy.depends_on = kept;
        s.t.resources.push_back(std::move(copy));
      }
    }
    // The parent: the root's own resources, a stack resource per child, the outputs.
    Stack parent;
    for (const Resource& r : t_.resources) {
      if (!r.group.empty()) continue;
      Resource copy = r;
      rewrite(copy.properties, parent);
      for (auto* attribute : {&copy.metadata, &copy.creation_policy, &copy.update_policy}) {
        if (*attribute) rewrite(**attribute, parent);
      }
      parent.t.resources.push_back(std::move(copy));
    }
    for (const Output& o : t_.outputs) {
      Output copy = o;
      rewrite(copy.value, parent);
      if (copy.export_name) rewrite(*copy.export_name, parent);
      parent.t.outputs.push_back(std::move(copy));
    }
    for (Stack& s : stacks_) finish_child(s);
    NestedTemplates out;
    out.parent.format_version = t_.format_version;
    out.parent.description = t_.description;
    out.parent.transform = t_.transform;
    out.parent.loops = t_.loops;  // the driver keeps repeated resources out of the children
    out.parent.metadata = t_.metadata;
    out.parent.rules = t_.rules;
    out.parent.parameters = t_.parameters;
    out.parent.conditions = t_.conditions;
    out.parent.mappings = t_.mappings;
    for (Stack& s : stacks_) {
      Resource stack;
      stack.logical_id = s.group;
      stack.type = "AWS::CloudFormation::Stack";
      stack.path = s.group;
      stack.properties.set("TemplateURL", Value::string(s.group + ext_));
      if (!s.passed.empty()) {
        Value& params = stack.properties.set("Parameters", Value::map());
        for (auto& [name, v] : s.passed) params.set(name, std::move(v));
      }
      stack.depends_on.assign(s.depends_on.begin(), s.depends_on.end());
      out.parent.resources.push_back(std::move(stack));
    }
    for (Resource& r : parent.t.resources) out.parent.resources.push_back(std::move(r));
    out.parent.outputs = std::move(parent.t.outputs);
    for (Stack& s : stacks_) out.children.emplace_back(s.group, std::move(s.t));
    return out;
  }

 private:
  Stack* stack_of(const std::string& group) {
    for (Stack& s : stacks_) if (s.group == group) return &s;
    return nullptr;
  }

  // The value that stands, in stack `s`, for `X` (attribute "" for its Ref) of another stack.
  Value import(Stack& s, const std::string& x, const std::string& attr) {
    const std::string& from = owner_.count(x) ? owner_[x] : std::string();
    bool is_param = params_.count(x) > 0;
    if (s.group.empty()) {  // the parent reads a child's resource through the child's outputs
      std::string out = export_from(*stack_of(from), x, attr);
      return Value::fn("Fn::GetAtt", Value::list({Value::string(from), Value::string("Outputs." + out)}));
    }
    std::string key = attr.empty() ? x : x + "." + attr;
    auto it = s.imported.find(key);
    std::string name = x;
    for (char c : attr) if (std::isalnum(static_cast<unsigned char>(c))) name += c;
    if (it == s.imported.end()) {
      Parameter p;
      p.logical_id = name;
      p.type = is_param ? params_[x]->type : "String";
      if (is_param) p.description = params_[x]->description;
      s.t.parameters.push_back(std::move(p));
      Value passed;
      if (is_param) {
        passed = Value::fn("Ref", Value::string(x));
      } else {
        if (from.empty()) {
          passed = attr.empty() ? Value::fn("Ref", Value::string(x))
                                : Value::fn("Fn::GetAtt", Value::list({Value::string(x), Value::string(attr)}));
        } else {
          std::string out = export_from(*stack_of(from), x, attr);
          passed = Value::fn("Fn::GetAtt", Value::list({Value::string(from), Value::string("Outputs." + out)}));
        }
        // A resource under a condition exists (and has its output) only then: passed
        // under the same condition, and left to the parameter's default otherwise.
        std::string cond = condition_of(x);
        if (!cond.empty()) {
          passed = Value::fn("Fn::If", Value::list({Value::string(cond), std::move(passed),
                                                    Value::fn("Ref", Value::string("AWS::NoValue"))}));
          s.t.parameters.back().default_value = Value::string("");
        }
      }
      s.passed.emplace_back(name, std::move(passed));
      s.imported[key] = name;
    }
    return Value::fn("Ref", Value::string(name));
  }

  // An output of child `s` giving `X` (or its attribute), added the first time it is needed.
  std::string export_from(Stack& s, const std::string& x, const std::string& attr) {
    std::string name = x;
    for (char c : attr) if (std::isalnum(static_cast<unsigned char>(c))) name += c;
    for (const Output& o : s.t.outputs) if (o.logical_id == name) return name;
    Output o;
    o.logical_id = name;
    // An output of a resource that exists only under a condition exists only then too:
    // CloudFormation refuses an output that refers to a resource it did not create.
    o.condition = condition_of(x);
    o.value = attr.empty() ? Value::fn("Ref", Value::string(x))
                           : Value::fn("Fn::GetAtt", Value::list({Value::string(x), Value::string(attr)}));
    s.t.outputs.push_back(std::move(o));
    return name;
  }

  // The condition of resource `x`, or empty.
  std::string condition_of(const std::string& x) const {
    for (const Resource& r : t_.resources) {
      if (r.logical_id == x) return r.condition;
    }
    return "";
  }

  bool outside(const Stack& s, const std::string& x) const {
    if (params_.count(x)) return !s.group.empty();
    auto it = owner_.find(x);
    return it != owner_.end() && it->second != s.group;
  }

  void rewrite_sub(std::string& text, Stack& s) {
    std::string out;
    for (const SubPiece& p : sub_pieces(text)) {
      if (!p.placeholder) {
        out += p.text;
        continue;
      }
      std::string var(p.text);
      size_t dot = var.find('.');
      std::string x = var.substr(0, dot), attr = dot == std::string::npos ? "" : var.substr(dot + 1);
      if (outside(s, x)) {
        Value v = import(s, x, attr);
        if (v.text == "Ref") var = v.arg().text;
        else var = v.arg().items[0].text + "." + v.arg().items[1].text;  // Stack.Outputs.Name
      }
      out += "${" + var + "}";
    }
    text = out;
  }

  void rewrite(Value& v, Stack& s) {
    switch (v.kind) {
      case Value::List: for (Value& i : v.items) rewrite(i, s); return;
      case Value::Map: for (auto& [k, f] : v.fields) rewrite(f, s); return;
      case Value::Fn: break;
      default: return;
    }
    Value& arg = v.items.front();
    if (v.text == "Ref" && arg.kind == Value::String) {
      if (outside(s, arg.text)) v = import(s, arg.text, "");
      return;
    }
    if (v.text == "Fn::GetAtt" && arg.kind == Value::List && arg.items.size() == 2 && arg.items[0].kind == Value::String &&
        arg.items[1].kind == Value::String) {
      if (outside(s, arg.items[0].text)) v = import(s, arg.items[0].text, arg.items[1].text);
      return;
    }
    if (v.text == "Fn::Sub") {
      if (arg.kind == Value::String) rewrite_sub(arg.text, s);
      else if (arg.kind == Value::List && !arg.items.empty()) {
        if (arg.items[0].kind == Value::String) rewrite_sub(arg.items[0].text, s);
        for (size_t i = 1; i < arg.items.size(); ++i) rewrite(arg.items[i], s);
      }
      return;
    }
    if (v.text == "Fn::If" && arg.kind == Value::List && !arg.items.empty() && arg.items[0].kind == Value::String) {
      s.conditions.insert(arg.items[0].text);
      for (size_t i = 1; i < arg.items.size(); ++i) rewrite(arg.items[i], s);
      return;
    }
    if (v.text == "Fn::FindInMap" && arg.kind == Value::List && !arg.items.empty() && arg.items[0].kind == Value::String) {
      s.mappings.insert(arg.items[0].text);
      for (size_t i = 1; i < arg.items.size(); ++i) rewrite(arg.items[i], s);
      return;
    }
    rewrite(arg, s);
  }

  // A child gets the conditions and mappings its resources use, in the template's order.
  void finish_child(Stack& s) {
    for (const auto& [name, body] : t_.conditions) {
      if (!s.conditions.count(name)) continue;
      Value copy = body;
      rewrite(copy, s);
      s.t.conditions.emplace_back(name, std::move(copy));
    }
    for (const auto& [name, body] : t_.mappings) {
      if (s.mappings.count(name)) s.t.mappings.emplace_back(name, body);
    }
  }

  const Template& t_;
  std::string ext_;
  std::map<std::string, std::string> owner_;  // resource logical ID -> group
  std::map<std::string, const Parameter*> params_;
  std::vector<Stack> stacks_;
};

}  // namespace

NestedTemplates split_nested(const Template& t, const std::string& extension) {
  Splitter s(t, extension);
  return s.run();
}

}  // namespace infrac::ir
