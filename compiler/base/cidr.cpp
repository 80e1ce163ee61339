#include "base/cidr.h"

#include <cstdio>

namespace infrac {

std::optional<Cidr> Cidr::parse(const std::string& text) {
  unsigned a, b, c, d, p;
  char tail;
  if (std::sscanf(text.c_str(), "%u.%u.%u.%u/%u%c", &a, &b, &c, &d, &p, &tail) != 5) return std::nullopt;
  if (a > 255 || b > 255 || c > 255 || d > 255 || p > 32) return std::nullopt;
  // Each part must be written plainly: no signs, spaces or leading zeros.
  std::string canonical = std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "." +
                          std::to_string(d) + "/" + std::to_string(p);
  if (canonical != text) return std::nullopt;
  Cidr r;
  r.prefix = static_cast<int>(p);
  uint32_t addr = (a << 24) | (b << 16) | (c << 8) | d;
  uint32_t mask = p == 0 ? 0 : ~uint32_t{0} << (32 - p);
  r.base = addr & mask;
  return r;
}

std::string Cidr::str() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u/%d", base >> 24, (base >> 16) & 255, (base >> 8) & 255, base & 255, prefix);
  return buf;
}

std::vector<Cidr> Cidr::subnets(int count, int host_bits) const {
  std::vector<Cidr> out;
  int prefix_len = 32 - host_bits;
  if (count < 1 || host_bits < 0 || prefix_len < prefix || prefix_len > 32) return out;
  uint64_t step = uint64_t{1} << host_bits;
  if (static_cast<uint64_t>(count) > size() / step) return out;
  for (int i = 0; i < count; ++i) out.push_back(Cidr{static_cast<uint32_t>(base + i * step), prefix_len});
  return out;
}

}  // namespace infrac
