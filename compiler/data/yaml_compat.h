// yaml-cpp 0.7 rejects a tagged block scalar that is a sequence item, such as
//   - !Sub |
//     echo ${AWS::Region}
// which is valid YAML and common in templates. This rewrites such blocks with their
// content indented one space more, which yaml-cpp reads as the same value, and keeps
// what is needed to map positions in the rewritten text back to the original.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace infrac::data {

struct CompatText {
  std::string text;
  std::vector<uint32_t> inserted;  // positions in `text` of the inserted spaces, ascending

  // The position in the original text of position `pos` in `text`.
  uint32_t original(uint32_t pos) const;
};

CompatText yaml_compat(const std::string& text);

}  // namespace infrac::data
