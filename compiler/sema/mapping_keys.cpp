// A mapping looked up by a root parameter must have a key for every value the parameter
// may take: Fn::FindInMap fails the deployment for a key the mapping lacks.
#include <algorithm>
#include <set>
#include <tuple>

#include "sema/checker.h"

namespace infrac::sema {

namespace {

// "`a`", "`a` and `b`", "`a`, `b` and `c`" (or "or").
std::string word_list(const std::vector<std::string>& words, const char* last = " and ") {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    out += (i == 0 ? "" : i + 1 == words.size() ? last : ", ") + ("`" + words[i] + "`");
  }
  return out;
}

}  // namespace

void Checker::check_mapping_keys() {
  // One mapping read by one parameter in several places is one mistake: reported at the
  // first lookup.
  std::set<std::tuple<int, FileId, uint32_t, uint32_t>> seen;
  for (const MapLookup& m : map_lookups_) {
    if (!seen.emplace(m.param, m.map_at.file, m.map_at.begin, m.map_at.end).second) continue;
    const Param& p = out_.params[m.param];
    auto sym = scopes_[0].symbols.find(p.name);
    const ast::Decl* decl = sym != scopes_[0].symbols.end() ? sym->second.decl : nullptr;
    auto has = [&](const std::string& k) { return std::find(m.keys.begin(), m.keys.end(), k) != m.keys.end(); };
    std::string map = m.map_name.empty() ? "looked up here" : "`" + m.map_name + "`";
    if (!p.allowed.empty()) {
      std::vector<std::string> missing, values;
      for (const Val& a : p.allowed) {
        values.push_back(a.text);
        if (!has(a.text) && std::find(missing.begin(), missing.end(), a.text) == missing.end()) missing.push_back(a.text);
      }
      if (missing.empty()) continue;
      std::string what = (missing.size() == 1 ? "the allowed value " : "the allowed values ") + word_list(missing);
      auto b = diags_.report(diag::Kind::MappingKeyMissing, m.at, {map, what, p.name});
      b.label("`Fn::FindInMap` fails the deployment for " + std::string(missing.size() == 1 ? "it" : "them"));
      const ast::Annotation* allowed = decl != nullptr ? annotation(*decl, "allowed") : nullptr;
      if (allowed != nullptr) {
        b.note(allowed->span, "`" + p.name + "` may be " + word_list(values, " or "));
        b.help("add " + word_list(missing) + " to the mapping's keys, or leave " +
               (missing.size() == 1 ? "it" : "them") + " out of `@allowed`");
      } else {
        if (decl != nullptr) b.note(decl->type.span, "a `bool` parameter is \"true\" or \"false\"");
        b.help("add " + word_list(missing) + " to the mapping's keys");
      }
      continue;
    }
    // Without `@allowed`, the default is the one value known to be deployed.
    if (!p.default_value || p.default_value->kind == ValKind::List || has(p.default_value->text)) continue;
    const std::string& def = p.default_value->text;
    auto b = diags_.report(diag::Kind::MappingKeyMissing, m.at, {map, "the default `" + def + "`", p.name});
    b.label("deploying with the default fails here");
    b.note(p.default_value->span, "the default of `" + p.name + "`");
    std::vector<std::string> keys(m.keys.begin(), m.keys.end());
    b.help("add `" + def + "` to the mapping's keys, or make the default one of " + word_list(keys, " or "));
  }
}

}  // namespace infrac::sema
