// `file("policy.json")`: a JSON or YAML file read at compile time, relative to the
// source that names it, as a compile-time value.
#include <filesystem>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "base/files.h"
#include "sema/checker.h"

namespace infrac::sema {

namespace {

Val from_json(const nlohmann::ordered_json& j, Span at) {
  Val v;
  v.span = at;
  switch (j.type()) {
    case nlohmann::ordered_json::value_t::null: v.kind = ValKind::Null; break;
    case nlohmann::ordered_json::value_t::boolean: v = Val::boolean_of(j.get<bool>(), at); break;
    case nlohmann::ordered_json::value_t::number_integer:
    case nlohmann::ordered_json::value_t::number_unsigned:
    case nlohmann::ordered_json::value_t::number_float: {
      double d = j.get<double>();
      v = Val::num(d, number_text(d), at);
      break;
    }
    case nlohmann::ordered_json::value_t::string: v = Val::str(j.get<std::string>(), at); break;
    case nlohmann::ordered_json::value_t::array:
      v.kind = ValKind::List;
      for (const auto& item : j) v.items.push_back(from_json(item, at));
      break;
    case nlohmann::ordered_json::value_t::object:
      v.kind = ValKind::Object;
      for (auto it = j.begin(); it != j.end(); ++it) {
        v.fields.emplace_back(it.key(), from_json(it.value(), at));
        v.key_spans.push_back(at);
      }
      break;
    default: v.kind = ValKind::Null;
  }
  return v;
}

Val from_yaml(const YAML::Node& n, Span at) {
  switch (n.Type()) {
    case YAML::NodeType::Sequence: {
      Val v;
      v.kind = ValKind::List;
      v.span = at;
      for (const auto& item : n) v.items.push_back(from_yaml(item, at));
      return v;
    }
    case YAML::NodeType::Map: {
      Val v;
      v.kind = ValKind::Object;
      v.span = at;
      for (const auto& kv : n) {
        v.fields.emplace_back(kv.first.Scalar(), from_yaml(kv.second, at));
        v.key_spans.push_back(at);
      }
      return v;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = n.Scalar();
      if (n.Tag() == "?") {
        if (s == "true" || s == "false") return Val::boolean_of(s == "true", at);
        char* end = nullptr;
        double d = std::strtod(s.c_str(), &end);
        if (!s.empty() && *end == '\0') return Val::num(d, number_text(d), at);
      }
      return Val::str(s, at);
    }
    default: return Val::null(at);
  }
}

}  // namespace

Val Checker::read_value_file(const std::string& path, const ast::Expr& at) {
  namespace fs = std::filesystem;
  fs::path full = fs::path(path).is_absolute() ? fs::path(path)
                                               : fs::path(scopes_[scope_].unit->path).parent_path() / path;
  std::string text, why;
  size_t size = 0;
  switch (read_file(full.string(), 1u << 20, text, size, why)) {
    case ReadStatus::Ok: break;
    case ReadStatus::NotFound: diags_.report(diag::Kind::FileNotFound, at.span, {path}); return Val::error();
    case ReadStatus::TooLarge:
      diags_.report(diag::Kind::FileUnreadable, at.span, {path, "it is larger than 1 MiB"});
      return Val::error();
    default:
      diags_.report(diag::Kind::FileUnreadable, at.span, {path, why.empty() ? "it is not a regular file" : why});
      return Val::error();
  }
  bool json = full.extension() == ".json";
  try {
    if (json) return from_json(nlohmann::ordered_json::parse(text), at.span);
    return from_yaml(YAML::Load(text), at.span);
  } catch (const std::exception& e) {
    diags_.report(diag::Kind::BadFile, at.span, {path, e.what()});
    return Val::error();
  }
}

}  // namespace infrac::sema
