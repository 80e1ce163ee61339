#include "plan/render.h"

#include <cstdio>

namespace infrac::plan {

namespace {

const char* colour_of(const Change& c) {
  switch (c.action) {
    case Action::Add: return "\033[32m";
    case Action::Remove: return "\033[31m";
    case Action::Modify: return "\033[33m";
    case Action::Replace: return "\033[35m";
    case Action::Rename: return "\033[36m";
  }
  return "";
}

std::string label(const Change& c) {
  switch (c.action) {
    case Action::Add: return "+ add";
    case Action::Remove: return "- remove";
    case Action::Modify: return "~ modify";
    case Action::Replace: return c.maybe() ? "! may replace" : "! replace";
    case Action::Rename: return "> rename";
  }
  return "";
}

std::string note(const PropertyChange& p) {
  if (!p.via.empty()) {
    return std::string("  (names ") + p.via + (p.replacement == Replacement::Conditional ? "; create-only: may replace)" : ")");
  }
  switch (p.replacement) {
    case Replacement::Always: return "  (create-only: replaces the resource)";
    case Replacement::Conditional: return "  (create-only, its value known only at deploy time: may replace)";
    case Replacement::Never: return "";
  }
  return "";
}

void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char ch : s) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default:
        if (ch < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", ch);
          out += buf;
        } else {
          out += static_cast<char>(ch);
        }
    }
  }
  out += '"';
}

}  // namespace

std::string summary(const Plan& plan) {
  std::string s = std::to_string(plan.count(Action::Add)) + " to add, " + std::to_string(plan.count(Action::Modify)) +
                  " to modify, " + std::to_string(plan.count(Action::Replace)) + " to replace, " +
                  std::to_string(plan.count(Action::Remove)) + " to remove";
  if (size_t n = plan.count(Action::Rename)) s += ", " + std::to_string(n) + " to rename";
  return s;
}

std::string render_text(const Plan& plan, bool color) {
  std::string out;
  const std::string reset = color ? "\033[0m" : "";
  for (const Change& c : plan.changes) {
    out += color ? colour_of(c) : "";
    out += label(c) + " " + c.logical_id;
    if (c.action == Action::Rename) out += " (was " + c.from + ")";
    out += " (" + c.type + ")" + reset + "\n";
    for (const PropertyChange& p : c.properties) out += "    " + p.path + note(p) + "\n";
    if (c.action == Action::Remove && c.retained) {
      out += "    DeletionPolicy: Retain: removed from the stack, kept in the account\n";
    }
    if (c.action == Action::Rename) {
      out += "    CloudFormation would create " + c.logical_id + " and delete " + c.from + "\n";
      out += "    fix: pin the old ID with @logical_id(\"" + c.from +
             "\"), or move it with CloudFormation's stack refactoring\n";
    }
  }
  if (plan.changes.empty()) out += "No changes to resources.\n";
  for (const OtherChange& o : plan.others) {
    const char* sign = o.action == Action::Add ? "+ " : o.action == Action::Remove ? "- " : "~ ";
    out += "  " + std::string(sign) + o.section + " " + o.name + (o.detail.empty() ? "" : ": " + o.detail + " changes") + "\n";
  }
  out += "\n" + summary(plan) + "\n";
  return out;
}

std::string render_json(const Plan& plan) {
  std::string out = "{\"changes\": [";
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const Change& c = plan.changes[i];
    out += i ? ", {" : "{";
    out += "\"logical_id\": ";
    json_string(out, c.logical_id);
    out += ", \"type\": ";
    json_string(out, c.type);
    out += ", \"action\": ";
    json_string(out, action_name(c.action));
    if (c.action == Action::Rename) {
      out += ", \"from\": ";
      json_string(out, c.from);
    }
    out += ", \"properties\": [";
    for (size_t j = 0; j < c.properties.size(); ++j) {
      out += j ? ", {\"path\": " : "{\"path\": ";
      json_string(out, c.properties[j].path);
      out += ", \"replacement\": ";
      json_string(out, replacement_name(c.properties[j].replacement));
      out += "}";
    }
    out += "]}";
  }
  out += "]}\n";
  return out;
}

}  // namespace infrac::plan
