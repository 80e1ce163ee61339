// Resource types and properties from the catalog, in words for hover and completion.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace infrac::lsp {

// The shape at `path` of a resource type's properties (through objects and the items of
// lists); null when the type or a step is unknown.
const catalog::Shape* property_shape(const std::string& type, const std::vector<std::string>& path);
// `string`, `list<object>`, `integer|string`.
std::string shape_type(const catalog::Shape* s);
// Markdown lines: the type, the allowed values, lengths, ranges, the pattern.
std::string shape_constraints(const catalog::Shape* s);
// Whether changing the property at `path` replaces the resource.
bool create_only(const catalog::ResourceType& t, const std::vector<std::string>& path);

}  // namespace infrac::lsp
