#include "sema/value_formats.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "base/pattern.h"

namespace infrac::sema {

namespace {

using catalog::Catalog;
using catalog::FormatRule;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out(1);
  for (char c : s) {
    if (c == sep) out.emplace_back();
    else out.back() += c;
  }
  return out;
}

// A dotted IPv4 address as Python's ipaddress reads it: four decimal octets of 1 to 3
// digits, 0 to 255, no leading zero.
std::optional<std::uint32_t> parse_ipv4(const std::string& s) {
  auto parts = split(s, '.');
  if (parts.size() != 4) return std::nullopt;
  std::uint32_t out = 0;
  for (const std::string& p : parts) {
    if (p.empty() || p.size() > 3) return std::nullopt;
    for (char c : p) if (!is_digit(c)) return std::nullopt;
    if (p.size() > 1 && p[0] == '0') return std::nullopt;
    int v = std::stoi(p);
    if (v > 255) return std::nullopt;
    out = (out << 8) | static_cast<std::uint32_t>(v);
  }
  return out;
}

using Ipv6 = std::vector<std::uint16_t>;  // 8 groups

// An IPv6 address: up to 8 groups of 1 to 4 hex digits, one `::`, an IPv4 tail, and
// (accepted here without a look) a `%zone`.
std::optional<Ipv6> parse_ipv6(std::string s) {
  auto zone = s.find('%');
  if (zone != std::string::npos) {
    if (zone + 1 == s.size()) return std::nullopt;
    s = s.substr(0, zone);
  }
  std::vector<std::uint16_t> tail;
  auto last_colon = s.rfind(':');
  if (last_colon != std::string::npos && s.find('.', last_colon) != std::string::npos) {
    auto v4 = parse_ipv4(s.substr(last_colon + 1));
    if (!v4) return std::nullopt;
    s = s.substr(0, last_colon + 1) + "0:0";
    tail = {static_cast<std::uint16_t>(*v4 >> 16), static_cast<std::uint16_t>(*v4 & 0xFFFF)};
  }
  auto parse_groups = [](const std::string& part, std::vector<std::uint16_t>& out) {
    if (part.empty()) return true;
    for (const std::string& g : split(part, ':')) {
      if (g.empty() || g.size() > 4) return false;
      unsigned v = 0;
      for (char c : g) {
        int h = hex_value(c);
        if (h < 0) return false;
        v = v * 16 + static_cast<unsigned>(h);
      }
      out.push_back(static_cast<std::uint16_t>(v));
    }
    return true;
  };
  std::vector<std::uint16_t> head, rest;
  auto gap = s.find("::");
  if (gap != std::string::npos) {
    if (s.find("::", gap + 1) != std::string::npos) return std::nullopt;
    if (!parse_groups(s.substr(0, gap), head) || !parse_groups(s.substr(gap + 2), rest)) return std::nullopt;
    if (head.size() + rest.size() > 7) return std::nullopt;
    Ipv6 out = head;
    out.resize(8 - rest.size(), 0);
    out.insert(out.end(), rest.begin(), rest.end());
    head = out;
  } else {
    if (!parse_groups(s, head) || head.size() != 8) return std::nullopt;
  }
  if (!tail.empty()) {
    head[6] = tail[0];
    head[7] = tail[1];
  }
  return head;
}

std::string ipv4_text(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 255) + "." + std::to_string((a >> 8) & 255) +
         "." + std::to_string(a & 255);
}

std::string ipv6_text(const Ipv6& a) {
  // The longest run of two or more zero groups becomes `::`.
  int best = -1, best_len = 0;
  for (int i = 0; i < 8;) {
    if (a[static_cast<size_t>(i)] != 0) { ++i; continue; }
    int j = i;
    while (j < 8 && a[static_cast<size_t>(j)] == 0) ++j;
    if (j - i > best_len && j - i >= 2) { best = i; best_len = j - i; }
    i = j;
  }
  static const char* kHex = "0123456789abcdef";
  auto group = [&](std::uint16_t g) {
    std::string out;
    bool lead = true;
    for (int shift = 12; shift >= 0; shift -= 4) {
      int d = (g >> shift) & 15;
      if (d == 0 && lead && shift > 0) continue;
      lead = false;
      out += kHex[d];
    }
    return out;
  };
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    out += group(a[static_cast<size_t>(i)]);
  }
  return out;
}

bool all_digits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s) if (!is_digit(c)) return false;
  return true;
}

// The value of a string of digits, at most 1000 (Python reads "016" as 16).
unsigned prefix_value(const std::string& s) {
  unsigned v = 0;
  for (char c : s) v = std::min(1000u, v * 10 + static_cast<unsigned>(c - '0'));
  return v;
}

// Why `text` is not of the network format `format`: "" when it is one, nullopt when the
// format is not one of these.
std::optional<FormatFinding> network_finding(const std::string& format, const std::string& text) {
  bool v6 = format == "ipv6" || format == "ipv6-network";
  bool network = format == "ipv4-network" || format == "ipv6-network";
  if (!v6 && format != "ipv4" && format != "ipv4-network") return std::nullopt;
  FormatFinding f;
  f.network = true;
  f.want = std::string(v6 ? "an IPv6 " : "an IPv4 ") + (network ? "network in CIDR notation" : "address");
  std::string example = v6 ? (network ? "2001:db8::/32" : "2001:db8::1") : (network ? "10.0.0.0/16" : "10.0.0.1");
  f.want += " (such as `" + example + "`)";
  if (text.find_first_of(" \t\r\n") != std::string::npos) {
    f.help = "remove the spaces";
    return f;
  }
  std::string addr = text, prefix;
  if (network) {
    auto parts = split(text, '/');
    if (parts.size() > 2) return f;
    addr = parts[0];
    if (parts.size() == 2) prefix = parts[1];
    if (parts.size() == 2 && prefix.empty()) return f;
  }
  unsigned max_len = v6 ? 128 : 32;
  if (!v6) {
    auto a = parse_ipv4(addr);
    if (!a) return f;
    if (!network) return FormatFinding{};  // an address
    if (prefix.empty()) return FormatFinding{};  // a single host, /32
    unsigned len = 0;
    if (all_digits(prefix)) {
      len = prefix_value(prefix);
      if (len > max_len) {
        f.help = "an IPv4 prefix length is 0 to 32";
        return f;
      }
    } else {
      return parse_ipv4(prefix) ? FormatFinding{} : f;  // a netmask: left to CloudFormation
    }
    std::uint32_t mask = len == 0 ? 0 : ~std::uint32_t{0} << (32 - len);
    if ((*a & ~mask) != 0) {
      f.help = "the host bits must be zero: the network is `" + ipv4_text(*a & mask) + "/" + std::to_string(len) + "`";
      return f;
    }
    return FormatFinding{};
  }
  auto a = parse_ipv6(addr);
  if (!a) return f;
  if (!network || prefix.empty()) return FormatFinding{};
  if (!all_digits(prefix) || prefix_value(prefix) > max_len) {
    f.help = "an IPv6 prefix length is 0 to 128";
    return f;
  }
  unsigned len = prefix_value(prefix);
  Ipv6 net = *a;
  bool host_bits = false;
  for (unsigned i = 0; i < 8; ++i) {
    unsigned keep = len >= (i + 1) * 16 ? 16 : len > i * 16 ? len - i * 16 : 0;
    std::uint16_t mask = keep == 0 ? 0 : static_cast<std::uint16_t>(0xFFFFu << (16 - keep));
    if ((net[i] & ~mask) != 0) host_bits = true;
    net[i] = static_cast<std::uint16_t>(net[i] & mask);
  }
  if (host_bits) {
    f.help = "the host bits must be zero: the network is `" + ipv6_text(net) + "/" + std::to_string(len) + "`";
    return f;
  }
  return FormatFinding{};
}

// The pattern of `rule` that `text` fails, or nullptr when it passes.
const std::string* failed_pattern(const FormatRule& rule, const std::string& text) {
  for (const auto& ok : rule.accepted) if (text == ok) return nullptr;
  for (const auto& p : rule.accepted_prefixes) if (text.rfind(p, 0) == 0) return nullptr;
  for (const std::string& pattern : rule.patterns) {
    auto re = Pattern::get(pattern, PatternDialect::JsonSchema);
    if (re != nullptr && !re->search(text)) return &pattern;
  }
  return nullptr;
}

// A parameter type of IDs of this resource type, for the fix.
const char* parameter_type_for(const std::string& type) {
  for (const auto& [param, resource] : resource_parameter_types()) {
    if (resource == type && param.size() > 4 && param.compare(param.size() - 4, 4, "::Id") == 0) return param.c_str();
  }
  return nullptr;
}

std::string reference_help(const catalog::Shape& shape, const std::string& format) {
  auto dot = format.rfind('.');
  const char* param = dot != std::string::npos && format.compare(dot, std::string::npos, ".Id") == 0
                          ? parameter_type_for(format.substr(0, dot))
                          : nullptr;
  std::string param_help = param != nullptr ? std::string("use a parameter of type `") + param + "`" : "";
  if (shape.refs.empty()) return param_help;
  const catalog::Ref& best = shape.refs.front();
  const catalog::ResourceType* rt = Catalog::builtin().find(best.type_name);
  std::string how;
  if (rt != nullptr && rt->primary_identifier.size() == 1 &&
      best.property_path == "/properties/" + rt->primary_identifier.front()) {
    how = "`.id`";
  } else if (best.property_path.rfind("/properties/", 0) == 0) {
    std::string attr = best.property_path.substr(12);
    for (char& c : attr) if (c == '/') c = '.';
    how = "`." + attr + "`";
  } else {
    return param_help;
  }
  std::string out = "refer to an `" + best.type_name + "` resource with " + how;
  if (!param_help.empty()) out += ", or " + param_help;
  return out;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& resource_parameter_types() {
  static const std::vector<std::pair<std::string, std::string>> known = {
      {"AWS::EC2::Image::Id", "AWS::EC2::Image"},           {"AWS::EC2::Instance::Id", "AWS::EC2::Instance"},
      {"AWS::EC2::KeyPair::KeyName", "AWS::EC2::KeyPair"},   {"AWS::EC2::SecurityGroup::Id", "AWS::EC2::SecurityGroup"},
      {"AWS::EC2::Subnet::Id", "AWS::EC2::Subnet"},         {"AWS::EC2::Volume::Id", "AWS::EC2::Volume"},
      {"AWS::EC2::VPC::Id", "AWS::EC2::VPC"},               {"AWS::Route53::HostedZone::Id", "AWS::Route53::HostedZone"}};
  return known;
}

std::string describe_format(const std::string& format) {
  auto dot = format.rfind('.');
  if (format == "ipv4-network" || format == "ipv6-network")
    return std::string("an IPv") + format[3] + " network in CIDR notation";
  if (format == "ipv4" || format == "ipv6") return std::string("an IPv") + format[3] + " address";
  if (format.rfind("AWS::", 0) != 0 || dot == std::string::npos) return "a value of the format `" + format + "`";
  std::string type = format.substr(0, dot), kind = format.substr(dot + 1);
  std::string noun = kind == "Id" ? "the ID" : kind == "Arn" ? "the ARN" : kind == "Name" ? "the name"
                     : kind == "AliasName" ? "the alias name" : "the `" + kind + "`";
  return noun + " of an `" + type + "`";
}

std::optional<FormatFinding> check_formats(const std::string& text, const catalog::Shape& shape) {
  if (shape.formats.empty() || text.find("{{resolve:") != std::string::npos) return std::nullopt;
  const Catalog& cat = Catalog::builtin();
  std::optional<FormatFinding> first;
  std::vector<std::string> wants;
  for (const std::string& f : shape.formats) {
    if (const FormatRule* rule = cat.format_rule(f)) {
      const std::string* failed = failed_pattern(*rule, text);
      if (failed == nullptr) return std::nullopt;
      wants.push_back(describe_format(f));
      if (!first) first = FormatFinding{false, describe_format(f) + " (`" + *failed + "`)", reference_help(shape, f)};
      continue;
    }
    if (!cat.checks_standard_format(f)) return std::nullopt;  // not known here: may be this one
    auto net = network_finding(f, text);
    if (!net) return std::nullopt;
    if (net->want.empty()) return std::nullopt;  // it is one
    wants.push_back(net->want);
    if (!first) first = net;
  }
  if (first && wants.size() > 1) {
    first->want.clear();
    for (size_t i = 0; i < wants.size(); ++i)
      first->want += (i == 0 ? "" : i + 1 == wants.size() ? " or " : ", ") + wants[i];
  }
  return first;
}

}  // namespace infrac::sema
