// infrac resource catalog: lazy loader over the embedded JSON-lines data.
// Format: docs/catalog.md (written by tools/gen_catalog.py).
//
// Lookups binary-search the sorted lines of the raw data, so a program that
// asks for a handful of types touches only those lines; each line is read
// (catalog/type_reader.h, straight into Shapes) the first time its type is
// asked for, and the shapes of its properties when each is first asked for.  The full index of names is built only for type_names()
// and size().
#include "catalog/catalog.h"

#include "catalog/line_reader.h"
#include "catalog/type_reader.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <utility>

// Defined in catalog_data.S (the data file, embedded with .incbin).
extern "C" const char infrac_catalog_data[];
extern "C" const char infrac_catalog_data_end[];

namespace infrac::catalog {

std::string kind_names(KindSet kinds) {
  if (kinds == 0) return "any";
  static constexpr std::pair<Kind, const char*> kNames[] = {
      {kString, "string"}, {kInteger, "integer"}, {kNumber, "number"}, {kBoolean, "boolean"},
      {kObject, "object"}, {kArray, "array"},     {kNull, "null"},
  };
  std::string out;
  for (const auto& [k, n] : kNames) {
    if (kinds & k) {
      if (!out.empty()) out += '|';
      out += n;
    }
  }
  return out;
}

namespace {

template <class T, class Key>
const T* find_sorted(const std::vector<T>& v, std::string_view key, Key key_of) {
  auto it = std::lower_bound(v.begin(), v.end(), key,
                             [&](const T& e, std::string_view k) { return std::string_view(key_of(e)) < k; });
  if (it != v.end() && std::string_view(key_of(*it)) == key) return &*it;
  return nullptr;
}

const std::string& property_name(const Property& p) { return p.name; }
const std::string& attribute_name(const Attribute& a) { return a.name; }

}  // namespace

bool Shape::is_required(std::string_view prop) const {
  return std::find(required.begin(), required.end(), prop) != required.end();
}

const Shape* Shape::property(std::string_view prop) const {
  const Property* p = find_sorted(properties, prop, property_name);
  return p ? p->shape() : nullptr;
}

const Attribute* ResourceType::attribute(std::string_view getatt_name) const {
  return find_sorted(attributes, getatt_name, attribute_name);
}

bool ResourceType::has_attribute(std::string_view getatt_name) const {
  if (attribute(getatt_name)) return true;
  for (const std::string& prefix : attribute_prefixes) {
    if (getatt_name.size() > prefix.size() && getatt_name.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

bool ResourceType::is_create_only(std::string_view dotted_path) const {
  return std::find(create_only.begin(), create_only.end(), dotted_path) != create_only.end();
}

// ---------------------------------------------------------------------------
// Catalog lines

namespace {

using detail::Reader;

constexpr char kEntryPrefix[] = "{\"t\":\"";
constexpr std::size_t kEntryPrefixLen = sizeof(kEntryPrefix) - 1;

// The type name of a catalog line, or empty if it is not an entry line.
std::string_view entry_name(std::string_view line) {
  if (line.size() <= kEntryPrefixLen || line.compare(0, kEntryPrefixLen, kEntryPrefix) != 0) return {};
  std::size_t quote = line.find('"', kEntryPrefixLen);
  if (quote == std::string_view::npos) return {};
  return line.substr(kEntryPrefixLen, quote - kEntryPrefixLen);
}

}  // namespace

// ---------------------------------------------------------------------------
// Catalog

struct Catalog::Impl {
  // How much of a line holds an entry's name, at most.
  static constexpr std::size_t kNamePeek = 512;

  struct Entry {
    std::string_view name;
    std::string_view line;
  };

  std::string_view data;

  std::once_flag header_once;
  std::string cfn_lint_version;
  std::string region;

  std::once_flag index_once;
  std::vector<Entry> entries;  // sorted by name; only for type_names()/size()

  std::mutex mu;
  std::unordered_map<std::string_view, std::unique_ptr<ResourceType>> parsed;  // null: malformed

  std::once_flag rules_once;
  std::map<std::string, FormatRule, std::less<>> format_rules;
  std::vector<std::string> standard_formats;
  std::map<std::string, std::vector<std::string>, std::less<>> policy_types;

  // The line of cfn-lint's rule facts: `{"formats":...}` before the first entry.
  void read_rules() {
    std::call_once(rules_once, [this] {
      std::size_t pos = 0;
      while (pos < data.size()) {
        std::string_view line = line_at(pos);
        if (!entry_name(line).empty()) return;
        if (line.rfind("{\"formats\"", 0) == 0) {
          try {
            parse_rules(line);
          } catch (const std::exception&) {
            format_rules.clear();  // unusable: no format facts
            standard_formats.clear();
            policy_types.clear();
          }
          return;
        }
        pos += line.size() + 1;
      }
    });
  }

  void parse_rules(std::string_view line) {
    Reader in(line);
    in.object([&](std::string_view key) {
      if (key == "formats") {
        in.object([&](std::string_view name) {
          FormatRule& rule = format_rules[std::string(name)];
          in.object([&](std::string_view k) {
            if (k == "pt") rule.patterns = in.string_list();
            else if (k == "ok") rule.accepted = in.string_list();
            else if (k == "okp") rule.accepted_prefixes = in.string_list();
            else in.skip(0);
          });
        });
      } else if (key == "standard_formats") {
        standard_formats = in.string_list();
      } else if (key == "policies") {
        in.object([&](std::string_view attribute) { policy_types[std::string(attribute)] = in.string_list(); });
      } else {
        in.skip(0);
      }
    });
  }

  std::string_view line_at(std::size_t start) const {
    const void* nl = std::memchr(data.data() + start, '\n', data.size() - start);
    std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data.data()) : data.size();
    return data.substr(start, end - start);
  }

  // Binary search over the raw lines (sorted by type name; lines that are not
  // entries, like the header, are skipped).  Touches O(log n) lines.
  Entry search(std::string_view name) const {
    if (name.empty()) return {};
    std::size_t lo = 0, hi = data.size();  // the wanted line starts in [lo, hi)
    while (lo < hi) {
      std::size_t mid = lo + (hi - lo) / 2;
      std::size_t start = mid;
      if (mid > 0) {  // first line starting at or after mid
        const void* nl = std::memchr(data.data() + mid - 1, '\n', data.size() - (mid - 1));
        start = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - data.data()) + 1 : data.size();
      }
      // first entry line starting in [start, hi); its name is read from the line's start
      // alone (an entry's line can be a hundred kilobytes long)
      std::string_view got;
      while (start < hi) {
        got = entry_name(data.substr(start, kNamePeek));
        if (!got.empty()) break;
        start += line_at(start).size() + 1;
      }
      if (start >= hi || got.empty()) {
        hi = mid;
      } else if (got == name) {
        return {got, line_at(start)};
      } else if (got < name) {
        lo = start + 1;  // the wanted line starts after this one does
      } else {
        hi = mid;
      }
    }
    return {};
  }

  void build_index() {
    entries.reserve(2048);
    std::size_t pos = 0;
    while (pos < data.size()) {
      std::string_view line = line_at(pos);
      std::string_view name = entry_name(line);
      if (!name.empty()) entries.push_back({name, line});
      pos += line.size() + 1;
    }
    auto by_name = [](const Entry& a, const Entry& b) { return a.name < b.name; };
    if (!std::is_sorted(entries.begin(), entries.end(), by_name))
      std::stable_sort(entries.begin(), entries.end(), by_name);
    entries.erase(std::unique(entries.begin(), entries.end(),
                              [](const Entry& a, const Entry& b) { return a.name == b.name; }),
                  entries.end());
  }

  const std::vector<Entry>& index() {
    std::call_once(index_once, [this] { build_index(); });
    return entries;
  }

  void read_header() {
    std::call_once(header_once, [this] {
      std::string_view first = line_at(0);
      if (!entry_name(first).empty()) return;
      try {
        Reader in(first);
        in.object([&](std::string_view key) {
          if (key == "cfn_lint") cfn_lint_version = in.string();
          else if (key == "region") region = in.string();
          else in.skip(0);
        });
      } catch (const std::exception&) {
        // no usable header: leave the fields empty
      }
    });
  }
};

Catalog::Catalog(std::string_view data) : impl_(std::make_unique<Impl>()) { impl_->data = data; }

Catalog::~Catalog() = default;

const Catalog& Catalog::builtin() {
  static const Catalog instance(std::string_view(
      infrac_catalog_data, static_cast<std::size_t>(infrac_catalog_data_end - infrac_catalog_data)));
  return instance;
}

const ResourceType* Catalog::find(std::string_view type_name) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto cached = impl_->parsed.find(type_name);
  if (cached != impl_->parsed.end()) return cached->second.get();
  Impl::Entry e = impl_->search(type_name);
  if (e.name.empty()) return nullptr;  // unknown types are not cached
  auto& slot = impl_->parsed[e.name];  // keyed by the view into the data
  slot = detail::read_type(e.line, e.name);
  return slot.get();
}

bool Catalog::contains(std::string_view type_name) const { return !impl_->search(type_name).name.empty(); }

std::vector<std::string_view> Catalog::type_names() const {
  const auto& entries = impl_->index();
  std::vector<std::string_view> out;
  out.reserve(entries.size());
  for (const auto& e : entries) out.push_back(e.name);
  return out;
}

std::size_t Catalog::size() const { return impl_->index().size(); }

const FormatRule* Catalog::format_rule(std::string_view format) const {
  impl_->read_rules();
  auto it = impl_->format_rules.find(format);
  return it == impl_->format_rules.end() ? nullptr : &it->second;
}

const std::vector<std::string>& Catalog::policy_types(std::string_view attribute) const {
  static const std::vector<std::string> none;
  impl_->read_rules();
  auto it = impl_->policy_types.find(attribute);
  return it == impl_->policy_types.end() ? none : it->second;
}

bool Catalog::checks_standard_format(std::string_view format) const {
  impl_->read_rules();
  const auto& names = impl_->standard_formats;
  return std::find(names.begin(), names.end(), format) != names.end();
}

std::string_view Catalog::cfn_lint_version() const {
  impl_->read_header();
  return impl_->cfn_lint_version;
}

std::string_view Catalog::region() const {
  impl_->read_header();
  return impl_->region;
}

bool is_custom_type(std::string_view type) {
  if (type == "AWS::CloudFormation::CustomResource") return true;
  constexpr std::string_view prefix = "Custom::";
  if (type.substr(0, prefix.size()) != prefix) return false;
  std::string_view name = type.substr(prefix.size());
  if (name.empty() || name.size() > 60) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

}  // namespace infrac::catalog
