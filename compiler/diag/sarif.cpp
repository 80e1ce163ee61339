#include "diag/sarif.h"

#include <filesystem>
#include <map>
#include <system_error>

#include <nlohmann/json.hpp>

namespace infrac::diag {

namespace {

using Json = nlohmann::ordered_json;

// The name under which the working directory is given (run.originalUriBaseIds); SARIF's
// own examples and GitHub's code scanning use this one for "where the sources are".
constexpr const char* kBase = "%SRCROOT%";

const char* level(Severity s) { return s == Severity::Error ? "error" : "warning"; }

// The first paragraph of a Markdown text, its lines joined: SARIF's fullDescription is
// read in a list of rules, where the document's line breaks would only get in the way;
// the whole text goes in `help`.
std::string first_paragraph(std::string_view text) {
  size_t end = text.find("\n\n");
  std::string out(end == std::string_view::npos ? text : text.substr(0, end));
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

Json text_message(std::string_view text) {
  Json m;
  m["text"] = visible(text);
  return m;
}

Json rule(const KindInfo& k, const SarifOptions& o) {
  RuleDoc doc = o.rule_doc ? o.rule_doc(k.code) : RuleDoc{};
  Json r;
  r["id"] = std::string(k.code);
  r["name"] = std::string(k.name);
  // A code the document does not describe still gets a description: its message template.
  r["shortDescription"] = text_message(doc.title.empty() ? k.message : doc.title);
  if (!doc.explanation.empty()) {
    r["fullDescription"] = text_message(first_paragraph(doc.explanation));
    Json help = text_message(doc.explanation);
    help["markdown"] = visible(doc.explanation);
    r["help"] = help;
  }
  r["defaultConfiguration"]["level"] = level(k.severity);
  return r;
}

// Where artifacts are named relative to: an absolute, normalised directory.
std::filesystem::path base_directory(const SarifOptions& o) {
  std::error_code ec;
  std::filesystem::path base = o.base_dir.empty() ? std::filesystem::current_path(ec) : std::filesystem::path(o.base_dir);
  return std::filesystem::absolute(base, ec).lexically_normal();
}

std::string file_uri(const std::filesystem::path& absolute_path) {
  return "file://" + uri_escape_path(absolute_path.generic_string());
}

// A file under the working directory is named relative to it (the log stays the same on
// another machine, and a code-scanning service maps it to the repository); any other (a
// stdlib module, a file given by absolute path elsewhere) by its absolute file URI.
Json artifact(const std::string& path, const std::filesystem::path& base) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::absolute(path, ec).lexically_normal();
  std::filesystem::path rel = p.lexically_relative(base);
  Json a;
  if (!rel.empty() && *rel.begin() != ".." && rel.is_relative()) {
    a["uri"] = uri_escape_path(rel.generic_string());
    a["uriBaseId"] = kBase;
  } else {
    a["uri"] = file_uri(p);
  }
  return a;
}

Json physical(const Span& span, const SourceManager& sm, const std::filesystem::path& base, const std::string& label) {
  const SourceFile& f = sm.file(span.file);
  LineCol b = f.line_col(span.begin);
  LineCol e = f.line_col(span.end > span.begin ? span.end : span.begin);
  Json region;
  region["startLine"] = b.line;
  region["startColumn"] = b.col;
  // SARIF's end column is that of the character after the region, as line_col of the
  // span's end is.
  region["endLine"] = e.line;
  region["endColumn"] = e.col;
  if (!label.empty()) region["message"] = text_message(label);
  Json loc;
  loc["physicalLocation"]["artifactLocation"] = artifact(f.path(), base);
  loc["physicalLocation"]["region"] = region;
  return loc;
}

}  // namespace

std::string uri_escape_path(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                c == '_' || c == '~' || c == '/';
    if (keep) {
      out += ch;
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string render_sarif(const std::vector<DiagnosticSet>& sets, const SarifOptions& o) {
  std::filesystem::path base = base_directory(o);

  Json driver;
  driver["name"] = "infrac";
  driver["version"] = o.tool_version;
  driver["semanticVersion"] = o.tool_version;
  driver["informationUri"] = o.information_uri;
  Json rules = Json::array();
  std::map<std::string_view, size_t> index;
  for (Kind kind : all_kinds()) {
    const KindInfo& k = info(kind);
    index[k.code] = rules.size();
    rules.push_back(rule(k, o));
  }
  driver["rules"] = rules;

  Json results = Json::array();
  size_t dropped = 0;
  for (const DiagnosticSet& set : sets) {
    dropped += set.dropped;
    for (const Diagnostic& d : *set.diags) {
      Json r;
      r["ruleId"] = std::string(d.code());
      r["ruleIndex"] = index.at(d.code());
      r["level"] = level(d.severity());
      r["message"] = text_message(d.message);
      if (d.span.valid()) r["locations"] = Json::array({physical(d.span, *set.sources, base, d.label)});
      // A note with a place is a related location; one without, and the help lines
      // (advice in words, not edits SARIF's `fixes` could apply), are properties.
      Json related = Json::array(), notes = Json::array(), helps = Json::array();
      for (const Note& n : d.notes) {
        if (n.span.valid()) {
          Json loc = physical(n.span, *set.sources, base, "");
          loc["id"] = related.size();
          loc["message"] = text_message(n.message);
          related.push_back(loc);
        } else {
          notes.push_back(visible(n.message));
        }
      }
      for (const std::string& h : d.helps) helps.push_back(visible(h));
      if (!related.empty()) r["relatedLocations"] = related;
      if (!notes.empty()) r["properties"]["notes"] = notes;
      if (!helps.empty()) r["properties"]["help"] = helps;
      results.push_back(r);
    }
  }

  Json invocation;
  invocation["executionSuccessful"] = true;  // the tool ran to its end; findings are results
  if (dropped > 0) {
    Json note;
    note["level"] = "note";
    note["message"] = text_message(std::to_string(dropped) + " more diagnostics are not in this log; the first " +
                                   std::to_string(kMaxDiagnostics) + " of each compilation are");
    invocation["toolExecutionNotifications"] = Json::array({note});
  }

  Json run;
  run["tool"]["driver"] = driver;
  run["invocations"] = Json::array({invocation});
  run["originalUriBaseIds"][kBase]["uri"] = file_uri(base) + (base.generic_string().back() == '/' ? "" : "/");
  // Columns count code points, as in the text output (SARIF's default is UTF-16 units).
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = results;

  Json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = Json::array({run});
  // Every string went through visible(): `replace` only makes sure dumping cannot throw.
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace infrac::diag
