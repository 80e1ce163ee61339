// Structured data read from YAML or JSON text (templates, files read with `file()`), as
// one tree whatever the format. A node shared through a YAML alias appears once in
// memory, however often it is used; `expanded` counts it at every use, so that readers
// can bound what a small input expands into.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace infrac::data {

enum class Kind { Null, Scalar, Seq, Map };

struct Node;
using NodeRef = std::shared_ptr<const Node>;

struct Node {
  Kind kind = Kind::Null;
  // The YAML tag as written (`!Ref`, `!Sub`, ...), or empty. JSON has none.
  std::string tag;
  // A scalar's text. `quoted` when it was written in quotes (YAML) or is a JSON string:
  // then it is a string whatever it reads like.
  std::string text;
  bool quoted = false;
  uint32_t offset = 0;  // where it starts, as a byte offset in the text that was read
  std::vector<NodeRef> items;                        // Seq
  std::vector<std::pair<NodeRef, NodeRef>> entries;  // Map: key and value, in order
  uint64_t expanded = 1;  // nodes in this subtree, a shared subtree counted at each use

  bool is_map() const { return kind == Kind::Map; }
  bool is_seq() const { return kind == Kind::Seq; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_tagged() const { return tag.size() > 1 && tag[0] == '!'; }
  // The value of the first entry whose key is the scalar `key`, or null.
  const Node* get(std::string_view key) const;
};

// What an unquoted scalar means, by the YAML 1.2 core schema (JSON's literals included).
enum class Plain { String, Null, True, False, Number };
Plain classify_plain(std::string_view text);

// Bounds on what a reader builds. A template or file that exceeds them is refused
// with a message, never expanded.
struct Limits {
  uint64_t max_nodes = 1'000'000;  // after YAML aliases are expanded
  uint32_t max_depth = 500;        // mappings and sequences inside each other
};

struct ReadResult {
  NodeRef root;  // null when the text could not be read
  // When root is null: why, and where as a byte offset in the text.
  std::string error;
  uint32_t error_offset = 0;
  // The limit that was hit, when that is why (for a message that names it).
  enum class Failure { None, Syntax, TooManyNodes, TooDeep, RecursiveAlias } failure = Failure::None;
  bool through_aliases = false;  // TooManyNodes: YAML aliases took it over the limit
};

// YAML (JSON is YAML too): the first document of `text`. Every error of the YAML library
// is caught here and returned; nothing throws out of these readers.
ReadResult read_yaml(const std::string& text, const Limits& limits = {});
// Strict JSON.
ReadResult read_json(const std::string& text, const Limits& limits = {});

}  // namespace infrac::data
