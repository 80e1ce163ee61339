#include "base/cidr.h"

#include <cstdio>

namespace infrac {

namespace {

// A decimal number of at most `max_digits` digits, written plainly: no sign, no leading zero.
std::optional<unsigned> decimal(std::string_view s, size_t max_digits) {
  if (s.empty() || s.size() > max_digits || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  unsigned n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<unsigned>(c - '0');
  }
  return n;
}

std::optional<unsigned> hex_group(std::string_view s) {
  if (s.empty() || s.size() > 4) return std::nullopt;
  unsigned n = 0;
  for (char c : s) {
    unsigned d;
    if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
    else return std::nullopt;
    n = n * 16 + d;
  }
  return n;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

bool parse_v4(std::string_view s, uint8_t* out) {
  auto parts = split(s, '.');
  if (parts.size() != 4) return false;
  for (size_t i = 0; i < 4; ++i) {
    auto n = decimal(parts[i], 3);
    if (!n || *n > 255) return false;
    out[i] = static_cast<uint8_t>(*n);
  }
  return true;
}

// The groups of one side of `::`, as 16-bit numbers.
bool parse_groups(std::string_view s, std::vector<unsigned>& groups) {
  if (s.empty()) return true;
  for (std::string_view g : split(s, ':')) {
    auto n = hex_group(g);
    if (!n) return false;
    groups.push_back(*n);
  }
  return true;
}

bool parse_v6(std::string_view s, uint8_t* out) {
  std::vector<unsigned> head, tail;
  size_t gap = s.find("::");
  if (gap == std::string_view::npos) {
    if (!parse_groups(s, head) || head.size() != 8) return false;
  } else {
    if (s.find("::", gap + 1) != std::string_view::npos) return false;
    if (!parse_groups(s.substr(0, gap), head) || !parse_groups(s.substr(gap + 2), tail)) return false;
    if (head.size() + tail.size() > 7) return false;
  }
  std::vector<unsigned> all = head;
  all.resize(8 - tail.size(), 0);
  all.insert(all.end(), tail.begin(), tail.end());
  for (size_t i = 0; i < 8; ++i) {
    out[2 * i] = static_cast<uint8_t>(all[i] >> 8);
    out[2 * i + 1] = static_cast<uint8_t>(all[i] & 0xff);
  }
  return true;
}

}  // namespace

std::optional<Cidr> Cidr::parse(std::string_view text) {
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view address = text.substr(0, slash);
  Cidr c;
  c.v6 = address.find(':') != std::string_view::npos;
  auto len = decimal(text.substr(slash + 1), 3);
  if (!len || *len > (c.v6 ? 128u : 32u)) return std::nullopt;
  c.prefix = static_cast<int>(*len);
  bool ok = c.v6 ? parse_v6(address, c.addr.data()) : parse_v4(address, c.addr.data());
  if (!ok) return std::nullopt;
  return c;
}

bool Cidr::contains(const Cidr& inner) const {
  if (v6 != inner.v6 || prefix > inner.prefix) return false;
  int full = prefix / 8, rest = prefix % 8;
  for (int i = 0; i < full; ++i) {
    if (addr[i] != inner.addr[i]) return false;
  }
  if (rest == 0) return true;
  auto mask = static_cast<uint8_t>(0xff << (8 - rest));
  return (addr[full] & mask) == (inner.addr[full] & mask);
}

namespace {

uint32_t v4_base(const Cidr& c) {
  uint32_t a = (uint32_t{c.addr[0]} << 24) | (uint32_t{c.addr[1]} << 16) | (uint32_t{c.addr[2]} << 8) | c.addr[3];
  return c.prefix == 0 ? 0 : a & (~uint32_t{0} << (32 - c.prefix));
}

Cidr v4(uint32_t base, int prefix) {
  Cidr c;
  c.prefix = prefix;
  for (int i = 0; i < 4; ++i) c.addr[i] = static_cast<uint8_t>(base >> (24 - 8 * i));
  return c;
}

}  // namespace

std::string Cidr::str() const {
  uint32_t b = v4_base(*this);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u/%d", b >> 24, (b >> 16) & 255, (b >> 8) & 255, b & 255, prefix);
  return buf;
}

std::vector<Cidr> Cidr::subnets(int count, int host_bits) const {
  std::vector<Cidr> out;
  int prefix_len = 32 - host_bits;
  if (v6 || count < 1 || host_bits < 0 || prefix_len < prefix || prefix_len > 32) return out;
  uint64_t step = uint64_t{1} << host_bits;
  uint64_t size = uint64_t{1} << (32 - prefix);
  if (static_cast<uint64_t>(count) > size / step) return out;
  uint32_t base = v4_base(*this);
  for (int i = 0; i < count; ++i) out.push_back(v4(static_cast<uint32_t>(base + i * step), prefix_len));
  return out;
}

std::optional<bool> cidr_contains(std::string_view outer, std::string_view inner) {
  auto o = Cidr::parse(outer);
  auto i = Cidr::parse(inner);
  if (!o || !i) return std::nullopt;
  return o->contains(*i);
}

}  // namespace infrac
