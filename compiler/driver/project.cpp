#include "driver/project.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "diag/spell.h"
#include "driver/driver.h"

namespace infrac::driver {

namespace fs = std::filesystem;

namespace {

// Project files are small; anything larger is not one.
constexpr size_t kMaxProjectFileBytes = 64 * 1024;

class Reader {
 public:
  Reader(std::string shown, std::string path, FileId file, const std::string& text, diag::Engine& diags)
      : path_(std::move(shown)), file_path_(std::move(path)), file_(file), text_(text), diags_(diags) {}

  std::optional<Project> read() {
    nlohmann::json j = nlohmann::json::parse(text_, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      fail("", "it is not a JSON object", "write it as `{ \"include\": [...], \"rules\": {...} }`");
      return std::nullopt;
    }
    Project p;
    p.path = path_;
    fs::path dir = fs::path(file_path_).parent_path();
    p.root = dir.string();
    static const std::vector<std::string_view> keys = {"include", "rules", "format", "files"};
    for (const auto& [key, value] : j.items()) {
      if (key == "include") include(value, dir, p);
      else if (key == "rules") rules(value, p);
      else if (key == "format") format(value, p);
      else if (key == "files") files(value, dir, p);
      else {
        auto m = diag::closest(key, keys);
        fail(key, "unknown key `" + key + "`",
             m ? "did you mean `" + *m + "`?" : "the keys are `include`, `rules`, `format` and `files`");
      }
    }
    if (!ok_) return std::nullopt;
    return p;
  }

 private:
  void include(const nlohmann::json& v, const fs::path& dir, Project& p) {
    if (!v.is_array()) return fail("include", "`include` must be a list of directories", "");
    for (const auto& d : v) {
      if (!d.is_string()) return fail("include", "`include` must be a list of directories", "");
      fs::path full = (dir / d.get<std::string>()).lexically_normal();
      std::error_code ec;
      if (!fs::is_directory(full, ec)) {
        return fail(d.get<std::string>(), "`" + d.get<std::string>() + "` in `include` is not a directory", "");
      }
      p.include.push_back(full.string());
    }
  }

  void rules(const nlohmann::json& v, Project& p) {
    if (!v.is_object()) return fail("rules", "`rules` must be an object of codes, such as `{\"W0104\": \"off\"}`", "");
    for (const auto& [code, level] : v.items()) {
      const diag::KindInfo* k = diag::find_code(code);
      if (k == nullptr) {
        fail(code, "no diagnostic has the code `" + code + "`", "`infrac explain --list` lists them");
        continue;
      }
      if (k->severity != diag::Severity::Warning) {
        fail(code, "`" + code + "` is an error: only warnings can be configured", "");
        continue;
      }
      std::string l = level.is_string() ? level.get<std::string>() : "";
      diag::RuleLevel r;
      if (l == "off") r = diag::RuleLevel::Off;
      else if (l == "warning") r = diag::RuleLevel::Warning;
      else if (l == "error") r = diag::RuleLevel::Error;
      else {
        fail(code, "the level of `" + code + "` must be \"off\", \"warning\" or \"error\"", "");
        continue;
      }
      for (diag::Kind kind : diag::all_kinds()) {
        if (diag::info(kind).code == code) p.rules.emplace_back(kind, r);
      }
    }
  }

  void format(const nlohmann::json& v, Project& p) {
    std::string f = v.is_string() ? v.get<std::string>() : "";
    if (f == "yaml") p.format = Format::Yaml;
    else if (f == "json") p.format = Format::Json;
    else fail("format", "`format` must be \"yaml\" or \"json\"", "");
  }

  void files(const nlohmann::json& v, const fs::path& dir, Project& p) {
    if (!v.is_string()) return fail("files", "`files` must be a directory, such as \"..\"", "");
    fs::path full = (dir / v.get<std::string>()).lexically_normal();
    std::error_code ec;
    if (!fs::is_directory(full, ec)) return fail(v.get<std::string>(), "`files` names no directory", "");
    p.root = full.string();
  }

  // Reports at the first place the text of `near` appears (a key or a value), or at the
  // start of the file.
  void fail(const std::string& near, const std::string& what, const std::string& help) {
    ok_ = false;
    uint32_t at = 0, end = 1;
    if (!near.empty()) {
      size_t i = text_.find("\"" + near + "\"");
      if (i != std::string::npos) at = static_cast<uint32_t>(i), end = static_cast<uint32_t>(i + near.size() + 2);
    }
    if (text_.empty()) end = 0;
    auto b = diags_.report(diag::Kind::ProjectFile, Span{file_, at, end}, {path_, what});
    if (!help.empty()) b.help(help);
  }

  std::string path_;       // as the diagnostics name it
  std::string file_path_;  // absolute
  FileId file_;
  const std::string& text_;
  diag::Engine& diags_;
  bool ok_ = true;
};

}  // namespace

std::optional<Project> find_project(const std::string& input, SourceManager& sources, diag::Engine& diags, bool& ok) {
  std::error_code ec;
  fs::path dir = fs::absolute(input, ec).parent_path();
  if (ec) return std::nullopt;
  for (fs::path d = dir;; d = d.parent_path()) {
    fs::path candidate = d / kProjectFileName;
    if (fs::is_regular_file(candidate, ec)) {
      std::string shown = fs::relative(candidate, fs::current_path(ec), ec).string();
      if (ec || shown.empty() || shown.rfind("..", 0) == 0) shown = candidate.string();
      std::ifstream in(candidate, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      std::string content = text.str().substr(0, kMaxProjectFileBytes + 1);
      FileId file = sources.add(shown, content);
      if (content.size() > kMaxProjectFileBytes) {
        diags.report(diag::Kind::ProjectFile, Span{file, 0, 1}, {shown, "it is larger than 64 KiB"});
        ok = false;
        return std::nullopt;
      }
      Reader r(shown, candidate.string(), file, content, diags);
      std::optional<Project> p = r.read();
      if (!p) ok = false;
      return p;
    }
    if (d == d.parent_path()) break;
  }
  return std::nullopt;
}

}  // namespace infrac::driver
