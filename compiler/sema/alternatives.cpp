// Same-named resources in complementary branches of deploy-time `if`s: each is a
// resource of its own under its branch's condition, and a reference from outside the
// branches chooses between them with Fn::If.
#include <algorithm>

#include "sema/checker.h"

namespace infrac::sema {

namespace {

// The conditions from `c` up to the outermost, `c` first.
std::vector<int> chain(int c, const std::vector<int>& parent) {
  std::vector<int> out;
  for (int x = c; x >= 0; x = parent[x]) out.push_back(x);
  return out;
}

// The condition right below `outer` on the way up from `c`, or -2 when `c` is not
// below `outer`.
int child_toward(int c, int outer, const std::vector<int>& parent) {
  for (int x = c; x >= 0; x = parent[x]) {
    if (parent[x] == outer) return x;
  }
  return -2;
}

}  // namespace

// Conditions form a tree (each refines its parent), and the two branches of an `if`
// refine the same condition: two conditions exclude each other exactly when, below the
// condition they share, they are in the opposite branches of one `if`.
bool Checker::exclusive(int a, int b) const {
  std::vector<int> ca = chain(a, condition_parent_), cb = chain(b, condition_parent_);
  auto ia = ca.rbegin(), ib = cb.rbegin();
  while (ia != ca.rend() && ib != cb.rend() && *ia == *ib) ++ia, ++ib;
  if (ia == ca.rend() || ib == cb.rend()) return false;  // one refines the other
  const auto& x = condition_branch_[*ia];
  const auto& y = condition_branch_[*ib];
  return x.first >= 0 && x.first == y.first && x.second != y.second;
}

// Whether, whenever `outer` holds, one of `conditions` does: they are `outer` itself, or
// cover both branches of an `if` declared under it.
bool Checker::covers(int outer, const std::vector<int>& conditions) const {
  if (std::find(conditions.begin(), conditions.end(), outer) != conditions.end()) return true;
  // The branches right below `outer` that the conditions are in.
  std::vector<int> below;
  for (int c : conditions) {
    int x = child_toward(c, outer, condition_parent_);
    if (x >= 0 && std::find(below.begin(), below.end(), x) == below.end()) below.push_back(x);
  }
  for (int t : below) {
    if (condition_branch_[t].first < 0 || condition_branch_[t].second) continue;
    for (int e : below) {
      if (condition_branch_[e].first != condition_branch_[t].first || !condition_branch_[e].second) continue;
      std::vector<int> in_t, in_e;
      for (int c : conditions) {
        int x = child_toward(c, outer, condition_parent_);
        if (x == t) in_t.push_back(c);
        if (x == e) in_e.push_back(c);
      }
      return covers(t, in_t) && covers(e, in_e);
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
    const std::string& hint = out_.conditions[conditions[i]].hint;
    if (!hint.empty() || !test.rare().hint.empty()) test.rare_mut().hint = hint;
    Val pick = Val::call("Fn::If", {}, at.span);  // built by moves: the chain nests as deep as the branches
    pick.items.reserve(3);
    pick.items.push_back(std::move(test));
    pick.items.push_back(std::move(refs[i]));
    pick.items.push_back(std::move(v));
    if (covered) pick.rare_mut().exists_when = outer;
    v = std::move(pick);
  }
  return v;
}

int Checker::static_context() const {
  return lazy_frames_.empty() ? context_condition_ : lazies_[lazy_frames_.back().lazy].condition;
}

}  // namespace infrac::sema
