#include "lsp/analysis.h"

#include "lsp/uri.h"
#include "sema/loader.h"

namespace infrac::lsp {

const LineIndex& Analysis::lines_of(FileId f) const {
  if (f == file || f == index_file || !result || f >= result->sources.size()) return lines;
  auto it = other_lines_.find(f);
  if (it == other_lines_.end()) it = other_lines_.emplace(f, LineIndex(result->sources.file(f).text())).first;
  return it->second;
}

std::string Analysis::uri_of(FileId f) const {
  if (f == file || f == index_file || !result || f >= result->sources.size()) return uri;
  auto it = unit_paths_.find(f);
  return path_to_uri(it != unit_paths_.end() ? it->second : sema::canonical_path(result->sources.file(f).path()));
}

nlohmann::json Analysis::range(Span s) const {
  if (!s.valid()) return range_json(lines, 0, 0, encoding);
  return range_json(lines_of(s.file), s.begin, s.end, encoding);
}

nlohmann::json Analysis::location(Span s) const {
  if (!s.valid()) return nullptr;
  return {{"uri", uri_of(s.file)}, {"range", range(s)}};
}

uint32_t Analysis::offset(const nlohmann::json& position) const {
  return lines.offset(position_from_json(position), encoding);
}

std::shared_ptr<const Analysis> analyze(const std::string& uri, const std::string& path, const std::string& text,
                                        int version, Encoding encoding, const AnalysisOptions& options,
                                        syntax::ParseCache* cache) {
  auto a = std::make_shared<Analysis>();
  a->uri = uri;
  a->path = path;
  a->version = version;
  a->text = text;
  a->encoding = encoding;
  a->docs_uri = options.docs_uri;
  a->lines = LineIndex(a->text);
  driver::Options o;
  o.input = path;
  o.source = text;
  o.emit = false;
  o.use_project = true;
  o.keep_units = true;
  o.include_dirs = options.include_dirs;
  o.parse_cache = cache;
  struct Job {
    const driver::Options* options;
    Analysis* analysis;
  } job{&o, a.get()};
  // On a large stack, as the command line runs the checker: deep but legal input.
  driver::run_with_large_stack([](void* p) {
    auto* j = static_cast<Job*>(p);
    j->analysis->result = driver::compile(*j->options);
    j->analysis->index = std::make_unique<Index>(j->analysis->result->root);
  }, &job);
  a->file = a->result->file;
  a->index_file = a->result->root != nullptr ? a->result->root->file : a->file;
  // The files loaded, by the path the loader found them at (what the sources show is
  // relative, for messages).
  std::vector<const sema::Unit*> todo{a->result->root};
  while (!todo.empty()) {
    const sema::Unit* u = todo.back();
    todo.pop_back();
    if (u == nullptr || !a->unit_paths_.emplace(u->file, u->path).second) continue;
    for (const auto& [name, next] : u->imports) todo.push_back(next);
  }
  return a;
}

}  // namespace infrac::lsp
