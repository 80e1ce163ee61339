#include "sema/cycles.h"

#include <algorithm>
#include <string>

#include "sema/chain.h"

namespace infrac::sema {

bool report_resource_cycle(const std::vector<Resource>& resources, diag::Engine& diags) {
  // Depth-first search over references and explicit dependencies, with a stack of its own
  // rather than recursion, however long a chain of resources is; the first back edge found
  // closes a cycle.
  const size_t n = resources.size();
  std::vector<int> state(n, 0);  // 0 not seen, 1 on the path, 2 done
  struct Step {
    int resource;
    std::vector<int> next;  // what it refers to and depends on
    size_t done = 0;        // how many of `next` were followed
  };
  std::vector<Step> path;
  auto enter = [&](int u) {
    state[u] = 1;
    Step s{u, resources[u].references};
    for (int x : resources[u].depends_on) s.next.push_back(x);
    path.push_back(std::move(s));
  };
  for (size_t i = 0; i < n; ++i) {
    if (state[i] != 0) continue;
    enter(static_cast<int>(i));
    while (!path.empty()) {
      Step& top = path.back();
      if (top.done == top.next.size()) {
        state[top.resource] = 2;
        path.pop_back();
        continue;
      }
      int v = top.next[top.done++];
      if (v < 0 || static_cast<size_t>(v) >= n) continue;
      if (state[v] == 1) {
        std::vector<std::string> names;
        auto start = std::find_if(path.begin(), path.end(), [&](const Step& s) { return s.resource == v; });
        for (auto it = start; it != path.end(); ++it) names.push_back(resources[it->resource].name);
        names.push_back(resources[v].name);
        const Resource& r = resources[v];
        diags.report(diag::Kind::DependencyCycle, r.span, {r.name, chain_text(names)})
            .help("CloudFormation creates resources in dependency order; break the cycle, for "
                  "example with a separate `AWS::EC2::SecurityGroupIngress` resource");
        return true;
      }
      if (state[v] == 0) enter(v);
    }
  }
  return false;
}

}  // namespace infrac::sema
