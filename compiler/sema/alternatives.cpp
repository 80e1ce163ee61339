// Same-named resources in complementary branches of deploy-time `if`s: each is a
// resource of its own under its branch's condition, and a reference from outside the
// branches chooses between them with Fn::If.
#include <algorithm>

#include "sema/checker.h"

namespace infrac::sema {

bool Checker::exclusive(int a, int b) const {
  for (int x = a; x >= 0; x = condition_parent_[x]) {
    auto [which, is_else] = condition_branch_[x];
    if (which < 0) continue;
    for (int y = b; y >= 0; y = condition_parent_[y]) {
      if (condition_branch_[y].first == which && condition_branch_[y].second != is_else) return true;
    }
  }
  return false;
}

// Whether, whenever `outer` holds, one of `conditions` does: they are `outer` itself, or
// cover both branches of an `if` declared under it.
bool Checker::covers(int outer, const std::vector<int>& conditions) const {
  if (std::find(conditions.begin(), conditions.end(), outer) != conditions.end()) return true;
  for (int c : conditions) {
    for (int x = c; x >= 0; x = condition_parent_[x]) {
      if (condition_parent_[x] != outer || condition_branch_[x].first < 0) continue;
      for (int c2 : conditions) {
        for (int y = c2; y >= 0; y = condition_parent_[y]) {
          if (condition_parent_[y] == outer && condition_branch_[y].first == condition_branch_[x].first &&
              condition_branch_[y].second != condition_branch_[x].second) {
            return covers(x, conditions) && covers(y, conditions);
          }
        }
      }
    }
  }
  return false;
}

// The innermost condition all of `conditions` refine (-1: none).
int Checker::common_condition(const std::vector<int>& conditions) const {
  for (int x = conditions.front(); x >= 0; x = condition_parent_[x]) {
    bool all = std::all_of(conditions.begin(), conditions.end(), [&](int c) {
      for (int y = c; y >= 0; y = condition_parent_[y]) {
        if (y == x) return true;
      }
      return false;
    });
    if (all) return x;
  }
  return -1;
}

bool Checker::add_alternative(int scope, const ast::Decl& d, int index) {
  auto it = scopes_[scope].symbols.find(d.name);
  if (it == scopes_[scope].symbols.end() || it->second.kind != Symbol::Resource) return false;
  Symbol& sym = it->second;
  const int condition = scopes_[scope].condition;
  std::vector<int> others = sym.alternatives.empty() ? std::vector<int>{sym.index} : sym.alternatives;
  for (int other : others) {
    if (!exclusive(out_.resources[other].declared_condition, condition)) return false;
  }
  if (sym.alternatives.empty()) sym.alternatives.push_back(sym.index);
  sym.alternatives.push_back(index);
  return true;
}

// Each alternative's logical ID gets the names of the branches it is declared in, below
// the condition they all share: `queue` under `is_prod` and under its `else` are
// `QueueIsProd` and `QueueNotIsProd`. Branches without a name number them instead.
void Checker::name_alternatives() {
  for (Scope& s : scopes_) {
    for (auto& [name, sym] : s.symbols) {
      if (sym.alternatives.size() < 2) continue;
      std::vector<int> conditions;
      for (int a : sym.alternatives) conditions.push_back(out_.resources[a].declared_condition);
      const int outer = common_condition(conditions);
      std::vector<std::string> suffixes;
      bool named = true;
      for (int c : conditions) {
        std::vector<std::string> steps;
        for (int x = c; x >= 0 && x != outer; x = condition_parent_[x]) steps.push_back(condition_step_[x]);
        std::string suffix;
        for (auto st = steps.rbegin(); st != steps.rend(); ++st) {
          if (st->empty()) named = false;
          suffix += (suffix.empty() ? "" : "_and_") + *st;
        }
        suffixes.push_back(std::move(suffix));
      }
      for (size_t i = 0; i < sym.alternatives.size(); ++i) {
        out_.resources[sym.alternatives[i]].path.push_back(named ? suffixes[i] : "branch" + std::to_string(i + 1));
      }
    }
  }
}

Val Checker::alternative_reference(const Symbol& s, const std::string& path, const ast::Expr& at) {
  std::vector<Val> refs;
  std::vector<int> conditions;
  for (int a : s.alternatives) {
    Val v = attribute(a, path, at);
    if (v.is_error()) return v;
    refs.push_back(std::move(v));
    conditions.push_back(out_.resources[a].declared_condition);
  }
  // Inside one of the branches, the name is the declaration of that branch.
  const int context = static_context();
  for (size_t i = 0; i < refs.size(); ++i) {
    if (condition_holds(conditions[i], context, {})) return refs[i];
  }
  const int outer = common_condition(conditions);
  const bool covered = covers(outer, conditions);
  Val v = refs.back();
  for (size_t i = refs.size() - 1; i-- > 0;) {
    Val test = out_.conditions[conditions[i]].value;
    test.hint = out_.conditions[conditions[i]].hint;
    Val pick = Val::call("Fn::If", {std::move(test), refs[i], std::move(v)}, at.span);
    if (covered) pick.exists_when = outer;
    v = std::move(pick);
  }
  return v;
}

int Checker::static_context() const {
  return lazy_frames_.empty() ? context_condition_ : lazies_[lazy_frames_.back().lazy].condition;
}

}  // namespace infrac::sema
