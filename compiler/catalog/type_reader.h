// Reading one catalog line (docs/catalog.md) into a ResourceType, in two steps. find()
// reads the line's JSON through and keeps the type's name, attributes, identifiers and
// rules; the shapes of the type's properties and its definitions are read from their
// text in the line the first time a property is asked for (Property::shape), so that a
// program pays for the properties it sets, not for all of a large type's
// (AWS::EC2::Instance's line is 25 KB).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "catalog/catalog.h"

namespace infrac::catalog {

// The parts of a type's line still to be read, and the lock reading them takes.
class LazyShapes {
 public:
  using Span = std::pair<std::uint32_t, std::uint32_t>;  // [begin, end) in the line

  struct Definition {
    Span text{0, 0};
    bool has_text = false;   // false: named, but not (or not yet) found in the line's "d"
    Shape* shape = nullptr;  // null until first named
  };

  LazyShapes(ResourceType& type, std::string_view line) : type_(type), line_(line) {}

  // The shape of a type's own property, read from `text` unless `slot` already has it.
  const Shape* resolve(std::atomic<const Shape*>& slot, Span text);
  // Reads every definition not read yet; false when anything read was malformed.
  bool complete();

  std::string_view text(Span s) const { return line_.substr(s.first, s.second - s.first); }
  Span span(const char* begin, const char* end) const {
    return {static_cast<std::uint32_t>(begin - line_.data()), static_cast<std::uint32_t>(end - line_.data())};
  }

  std::map<std::string, Definition, std::less<>> definitions;  // by name

 private:
  ResourceType& type_;
  std::string_view line_;
  std::mutex mu_;
  bool malformed_ = false;
};

namespace detail {

// The type on `line`, or nullptr when the line is malformed or names another type.
std::unique_ptr<ResourceType> read_type(std::string_view line, std::string_view expected_name);

}  // namespace detail

}  // namespace infrac::catalog
