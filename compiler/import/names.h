// Names for the declarations of an imported template: readable snake_case names made
// from logical IDs, kept apart from each other and from the language's literals and
// keywords. `pinned` says when the name does not give the logical ID back (PascalCase,
// see ir::pascal_case), so that the declaration needs `@logical_id`.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace infrac::importer {

// `PublicSubnet1` -> `public_subnet1`, `VPCGatewayAttachment` -> `vpc_gateway_attachment`.
std::string snake_name(std::string_view logical_id);

struct Name {
  std::string name;
  bool pinned = false;  // PascalCase of `name` is not the logical ID
};

// One namespace of the program: names handed out are never handed out again.
class Namespace {
 public:
  Name claim(std::string_view logical_id, std::string_view suffix = "");

 private:
  std::set<std::string, std::less<>> taken_;
};

}  // namespace infrac::importer
