// `file("policy.json")`: a JSON or YAML file read at compile time, relative to the
// source that names it, as a compile-time value. Only regular files inside the project
// (or inside the search root a module was found under) are read.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "base/excerpt.h"
#include "base/files.h"
#include "data/tree.h"
#include "sema/checker.h"
#include "sema/loader.h"

namespace infrac::sema {

namespace {

Val from_data(const data::Node& n, Span at) {
  switch (n.kind) {
    case data::Kind::Null: return Val::null(at);
    case data::Kind::Seq: {
      Val v;
      v.kind = ValKind::List;
      v.span = at;
      v.items.reserve(n.items.size());
      for (const auto& item : n.items) v.items.push_back(from_data(*item, at));
      return v;
    }
    case data::Kind::Map: {
      Val v;
      v.kind = ValKind::Object;
      v.span = at;
      for (const auto& [key, value] : n.entries) {
        v.fields.emplace_back(key->text, from_data(*value, at));
        v.key_spans.push_back(at);
      }
      return v;
    }
    case data::Kind::Scalar: break;
  }
  if (n.quoted || n.is_tagged()) return Val::str(n.text, at);
  switch (data::classify_plain(n.text)) {
    case data::Plain::True: return Val::boolean_of(true, at);
    case data::Plain::False: return Val::boolean_of(false, at);
    case data::Plain::Null: return Val::null(at);
    case data::Plain::Number: {
      double d = std::strtod(n.text.c_str(), nullptr);
      if (std::isfinite(d)) return Val::num(d, number_text(d), at);
      return Val::str(n.text, at);
    }
    case data::Plain::String: break;
  }
  return Val::str(n.text, at);
}

// A directory as diagnostics show it: relative to the working directory when under it.
std::string shown_dir(const std::string& dir) {
  std::error_code ec;
  std::string cwd = canonical_path(std::filesystem::current_path(ec).string());
  if (ec || !path_inside(dir, cwd)) return dir;
  if (dir == cwd) return ".";
  return dir.substr(cwd.size() + (cwd.back() == '/' ? 0 : 1));
}

}  // namespace

bool Checker::read_project_file(const std::string& path, const ast::Expr& at, const char* fn, std::string& text) {
  namespace fs = std::filesystem;
  const Unit& unit = *scopes_[scope_].unit;
  fs::path full = fs::path(path).is_absolute() ? fs::path(path) : fs::path(unit.path).parent_path() / path;
  std::string real = canonical_path(full.string());
  if (!path_inside(real, unit.root)) {
    auto b = diags_.report(diag::Kind::FileOutsideProject, at.span, {path, shown_dir(unit.root)});
    if (real != path) b.note("`" + path + "` resolves to `" + real + "`");
    b.note("`" + std::string(fn) + "()` reads only inside the project: the directory of the program, or the search root a module "
           "was found under");
    b.help("move the file into the project, or name a wider project directory with `--project-root DIR`");
    return false;
  }
  std::string why;
  size_t size = 0;
  switch (read_file(real, 1u << 20, text, size, why)) {
    case ReadStatus::Ok: return true;
    case ReadStatus::NotFound: diags_.report(diag::Kind::FileNotFound, at.span, {path}); return false;
    case ReadStatus::TooLarge:
      diags_.report(diag::Kind::FileUnreadable, at.span, {path, "it is larger than 1 MiB"});
      return false;
    case ReadStatus::IsDirectory:
      diags_.report(diag::Kind::FileUnreadable, at.span, {path, "it is a directory"});
      return false;
    default:
      diags_.report(diag::Kind::FileUnreadable, at.span, {path, why.empty() ? "it is not a regular file" : why});
      return false;
  }
}

Val Checker::read_value_file(const std::string& path, const ast::Expr& at) {
  std::string text;
  if (!read_project_file(path, at, "file", text)) return Val::error();
  bool json = std::filesystem::path(path).extension() == ".json";
  data::Limits limits;
  limits.max_nodes = kMaxValueNodes;  // what a value may hold (E0430), refused while reading
  data::ReadResult read = json ? data::read_json(text, limits) : data::read_yaml(text, limits);
  if (!read.root && read.failure == data::ReadResult::Failure::TooManyNodes) {
    diags_.report(diag::Kind::InputTooLarge, at.span, {"`" + path + "`", read.error})
        .help(read.through_aliases ? "write the repeated parts out, or use fewer aliases" : "split the file");
    return Val::error();
  }
  if (!read.root) {
    std::string reason = read.error;
    if (!json) reason += " (at " + line_and_column(text, read.error_offset) + ")";  // JSON's messages place themselves
    diags_.report(diag::Kind::BadFile, at.span, {path, reason});
    return Val::error();
  }
  return from_data(*read.root, at.span);
}

}  // namespace infrac::sema
