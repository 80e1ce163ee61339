#include <cstdlib>

#include <nlohmann/json.hpp>

#include "emit/document.h"
#include "emit/emitters.h"

namespace infrac::emit {

namespace {

using Json = nlohmann::ordered_json;

Json to_json_value(const ir::Value& v) {
  switch (v.kind) {
    case ir::Value::Null: return nullptr;
    case ir::Value::Bool: return v.boolean;
    case ir::Value::Number:
      if (v.text.find_first_of(".eE") == std::string::npos) return std::strtoll(v.text.c_str(), nullptr, 10);
      return std::strtod(v.text.c_str(), nullptr);
    case ir::Value::String: return v.text;
    case ir::Value::List: {
      Json a = Json::array();
      for (const auto& i : v.items) a.push_back(to_json_value(i));
      return a;
    }
    case ir::Value::Map: {
      Json o = Json::object();
      for (const auto& [k, x] : v.fields) o[k] = to_json_value(x);
      return o;
    }
    case ir::Value::Fn: {
      Json o = Json::object();
      o[v.text] = to_json_value(v.arg());
      return o;
    }
  }
  return nullptr;
}

}  // namespace

std::string to_json(const ir::Template& t) {
  // Every value is UTF-8 (sources and file() contents are checked when read); should a
  // byte that is not ever reach here, it becomes U+FFFD rather than an exception.
  return to_json_value(document(t)).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace infrac::emit
