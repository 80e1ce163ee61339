#include "import/usage.h"

#include <vector>

#include "import/values.h"

namespace infrac::importer {

namespace {

class Walker {
 public:
  explicit Walker(Usage& u) : u_(u) {}

  // Records what `n` uses; conditions it names go to `pending`, to be walked once.
  void walk(const data::Node& n, int depth = 0) {
    if (depth > 500) return;  // the readers refuse deeper input
    Intrinsic in = intrinsic_of(n);
    if (!in.fn.empty()) {
      const data::Node& a = *in.arg;
      if ((in.fn == "Condition" && a.is_scalar())) condition(a.text);
      if (in.fn == "Fn::If" && a.is_seq() && !a.items.empty() && a.items[0]->is_scalar()) condition(a.items[0]->text);
      if (in.fn == "Fn::FindInMap" && a.is_seq() && !a.items.empty() && a.items[0]->is_scalar())
        u_.mappings.insert(a.items[0]->text);
      walk(a, depth + 1);
      return;
    }
    for (const auto& i : n.items) walk(*i, depth + 1);
    for (const auto& e : n.entries) walk(*e.second, depth + 1);
  }

  void condition(const std::string& name) {
    if (u_.conditions.insert(name).second) pending.push_back(name);
  }

  std::vector<std::string> pending;

 private:
  Usage& u_;
};

}  // namespace

Usage find_usage(const data::Node& root) {
  Usage u;
  Walker w(u);
  for (const char* section : {"Resources", "Outputs"}) {
    const data::Node* s = root.get(section);
    if (s == nullptr) continue;
    for (const auto& [k, v] : s->entries) {
      if (!v->is_map()) continue;
      for (const auto& [key, value] : v->entries) {
        if (key->text == "Condition" && value->is_scalar()) w.condition(value->text);
        else w.walk(*value);
      }
    }
  }
  const data::Node* conditions = root.get("Conditions");
  while (!w.pending.empty()) {
    std::string name = w.pending.back();
    w.pending.pop_back();
    if (const data::Node* body = conditions != nullptr ? conditions->get(name) : nullptr) w.walk(*body);
  }
  return u;
}

}  // namespace infrac::importer
