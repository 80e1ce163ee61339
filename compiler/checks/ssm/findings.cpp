#include "checks/ssm/findings.h"

#include <algorithm>

#include "checks/refs.h"
#include "checks/values.h"

namespace infrac::checks {

namespace {

bool same_except_lists(const Finding& a, const Finding& b) {
  return a.kind == b.kind && a.subject == b.subject && a.extra == b.extra;
}

template <typename T>
void add_unique(std::vector<T>& to, const std::vector<T>& from) {
  for (const T& x : from) {
    if (std::find(to.begin(), to.end(), x) == to.end()) to.push_back(x);
  }
}

}  // namespace

void add_finding(std::vector<Finding>& list, Finding f, bool merge_services) {
  for (Finding& g : list) {
    if (!same_except_lists(f, g)) continue;
    if (merge_services && g.instances == f.instances) {
      add_unique(g.services, f.services);
      return;
    }
    if (!merge_services && g.services == f.services) {
      add_unique(g.instances, f.instances);
      return;
    }
  }
  list.push_back(std::move(f));
}

std::string instances_phrase(const std::vector<const ir::Resource*>& instances) {
  std::vector<std::string> names;
  for (const ir::Resource* i : instances) names.push_back(name_of(*i));
  return (names.size() == 1 ? "instance " : "instances ") + quoted_list(names);
}

}  // namespace infrac::checks
