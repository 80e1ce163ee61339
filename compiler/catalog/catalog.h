// infrac resource catalog: the CloudFormation resource types, their property
// shapes, GetAtt attributes and cross-resource references, generated from the
// cfn-lint registry schemas (see docs/catalog.md) and embedded in the library.
//
// Everything returned is owned by the Catalog and lives as long as it does
// (for Catalog::builtin(): the whole program).  Lookups are thread-safe.
#ifndef INFRAC_CATALOG_CATALOG_H
#define INFRAC_CATALOG_CATALOG_H

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace infrac::catalog {

// JSON kinds a value may have; a KindSet is a bitwise OR of these.
enum Kind : std::uint8_t {
  kString = 1u << 0,
  kInteger = 1u << 1,
  kNumber = 1u << 2,
  kBoolean = 1u << 3,
  kObject = 1u << 4,
  kArray = 1u << 5,
  kNull = 1u << 6,
};
using KindSet = std::uint8_t;

// "string|integer" style text for messages; "any" for 0.
std::string kind_names(KindSet kinds);

struct Shape;

// An enum member.  `text` is the string value itself for kString, and the JSON
// text ("5", "1.5", "true", "null") for the other kinds.
struct Scalar {
  Kind kind = kString;
  std::string text;
  bool operator==(const Scalar& o) const { return kind == o.kind && text == o.text; }
};

// Another resource this value may point at.  `property_path` is a schema
// pointer into that type ("/properties/GroupId"); when it is the type's
// primary identifier a `Ref` yields it, otherwise `Fn::GetAtt` of the dotted
// name ("GroupId").  May be empty when the schema does not say.
struct Ref {
  std::string type_name;
  std::string property_path;
};

class LazyShapes;  // catalog/type_reader.h: the parts of a type's line not read yet

struct Property {
  std::string name;
  // The value's shape; never null. A resource type's own properties are read from its
  // catalog line the first time this is asked for (thread-safe).
  const Shape* shape() const {
    const Shape* s = shape_.load(std::memory_order_acquire);
    return s != nullptr ? s : read_shape();
  }

  Property(std::string n, const Shape* s) : name(std::move(n)), shape_(s) {}
  // A shape still to be read: `text` is where it is in the type's line.
  Property(std::string n, LazyShapes* lazy, std::pair<std::uint32_t, std::uint32_t> text)
      : name(std::move(n)), lazy_(lazy), text_(text) {}
  Property(const Property& o) : name(o.name), shape_(o.shape_.load()), lazy_(o.lazy_), text_(o.text_) {}
  Property& operator=(const Property& o) {
    name = o.name;
    shape_.store(o.shape_.load());
    lazy_ = o.lazy_;
    text_ = o.text_;
    return *this;
  }

 private:
  const Shape* read_shape() const;  // the first call's work, out of line
  mutable std::atomic<const Shape*> shape_{nullptr};
  LazyShapes* lazy_ = nullptr;
  std::pair<std::uint32_t, std::uint32_t> text_{0, 0};
};

struct PatternProperty {
  std::string pattern;  // ECMA-ish regex for the key
  const Shape* shape = nullptr;
};

// `name` present => all of `names` must be present too (dependent_required),
// or none of them may be (dependent_excluded).
struct Dependency {
  std::string name;
  std::vector<std::string> names;
};

// "Properties `values` have one of their listed values (or are absent) and
// `present` are all set" => `required` must be set too.  From cfn-lint's if/then
// rule data (docs/catalog.md).
struct Conditional {
  std::vector<std::pair<std::string, std::vector<Scalar>>> values;
  std::vector<std::string> present;
  std::vector<std::string> required;
};

// What cfn-lint knows of an AWS format beyond the schemas: a value must match
// every one of `patterns`, unless it is one of `accepted` or starts with one of
// `accepted_prefixes`.
struct FormatRule {
  std::vector<std::string> patterns;
  std::vector<std::string> accepted;
  std::vector<std::string> accepted_prefixes;
};

// The constraints on one JSON value.  Every field is a constraint that applies
// only when it is set; a default-constructed Shape accepts anything.
struct Shape {
  KindSet kinds = 0;  // 0: any kind
  std::string name;   // definition name for named (shared/recursive) shapes

  // scalars
  std::vector<Scalar> enum_values;   // empty: no enum
  bool enum_case_insensitive = false;
  std::string pattern;               // empty: none
  // What `pattern` stands for, in words ("an ARN or `*`"), for messages; may be empty.
  std::string pattern_description;
  std::optional<std::uint64_t> min_length, max_length;
  std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum,
      multiple_of;
  // Allowed numbers by size (a CloudWatch alarm's `Period`): at most `small_up_to`, one of
  // `small_values`; above it, a multiple of `large_step`. Unset: no such rule.
  std::optional<double> small_up_to, large_step;
  std::vector<double> small_values;
  // "format" values, e.g. "AWS::EC2::VPC.Id", "date-time", "json".
  std::vector<std::string> formats;
  // True when `formats` are only alternatives (anyOf members, or added to the
  // items of a list format): what a Ref or GetAtt returns is not compared with them.
  bool formats_alternative = false;
  // resources this value may refer to (alternatives, best first).
  std::vector<Ref> refs;

  // arrays
  const Shape* items = nullptr;  // null: items unconstrained
  std::optional<std::uint64_t> min_items, max_items;
  bool unique_items = false;

  // objects
  std::vector<Property> properties;  // sorted by name
  std::vector<std::string> required;
  // Keys not in `properties` and matching no `pattern_properties`:
  //   additional_properties && !additional_shape -> any value allowed
  //   additional_shape                           -> value must match it
  //   otherwise                                  -> not allowed
  bool additional_properties = false;
  const Shape* additional_shape = nullptr;
  std::vector<PatternProperty> pattern_properties;
  std::optional<std::uint64_t> min_properties, max_properties;
  std::vector<Dependency> dependent_required;
  std::vector<Dependency> dependent_excluded;
  std::vector<std::string> required_xor;  // exactly one of these present
  std::vector<std::string> required_or;   // at least one of these present
  std::vector<Conditional> conditionals;

  // Combinators: the value must match exactly one of `one_of`, at least one
  // of `any_of`, and all of `all_of` (in addition to everything above).  An
  // alternative is often just a `required` list ("one of A or B").
  std::vector<const Shape*> one_of, any_of, all_of;

  bool allows(Kind k) const { return kinds == 0 || (kinds & k) != 0; }
  bool is_required(std::string_view prop) const;
  const Shape* property(std::string_view prop) const;  // nullptr if not listed
};

struct ResourceType;

// A name usable with Fn::GetAtt ("Arn", "Endpoint.Address").
struct Attribute {
  std::string name;
  // The value's shape (the property of the same dotted name); null if the schema lacks
  // it. Found the first time this is asked for (thread-safe).
  const Shape* shape() const;
  // True for read-only (output) attributes; false for the writable properties
  // CloudFormation also returns through GetAtt on some older types.
  bool read_only = true;
  // The formats of the value it returns, as cfn-lint compares them (empty: none).
  std::vector<std::string> formats;
  // cfn-lint does not compare what it returns with the property's format.
  bool unchecked = false;

  Attribute(std::string n, const ResourceType* owner, bool is_read_only)
      : name(std::move(n)), read_only(is_read_only), owner_(owner) {}
  Attribute(const Attribute& o)
      : name(o.name), read_only(o.read_only), formats(o.formats), unchecked(o.unchecked),
        shape_(o.shape_.load()), owner_(o.owner_) {}
  Attribute& operator=(const Attribute& o) {
    name = o.name;
    read_only = o.read_only;
    formats = o.formats;
    unchecked = o.unchecked;
    shape_.store(o.shape_.load());
    owner_ = o.owner_;
    return *this;
  }

 private:
  static const Shape* unresolved();  // shape_ before it is looked for
  mutable std::atomic<const Shape*> shape_{unresolved()};
  const ResourceType* owner_;
};

// A resource type.  Its own Shape describes the `Properties` object: use
// `properties`, `required`, `one_of`, `any_of`, `dependent_required`, ...
// directly, or walk it like any other shape.
struct ResourceType : Shape {
  std::vector<Attribute> attributes;  // sorted by name
  // GetAtt names starting with one of these are valid too ("Outputs." for
  // AWS::CloudFormation::Stack; "" means any name).
  std::vector<std::string> attribute_prefixes;
  std::vector<std::string> create_only;         // dotted paths ("VpcId")
  std::vector<std::string> primary_identifier;  // dotted paths, in order
  // What `Ref` returns: its formats (empty: none), whether cfn-lint compares it
  // at all, and whether its pattern rules out an ARN (no `:` can occur).
  std::vector<std::string> ref_formats;
  bool ref_unchecked = false;
  bool ref_never_arn = false;
  // The shapes of the `CreationPolicy` and `UpdatePolicy` resource attributes; null
  // when the type takes none.
  const Shape* creation_policy = nullptr;
  const Shape* update_policy = nullptr;
  // A SAM type (AWS::Serverless::*): only a template with the SAM transform has it.
  bool sam = false;

  const Attribute* attribute(std::string_view getatt_name) const;
  bool has_attribute(std::string_view getatt_name) const;
  bool is_create_only(std::string_view dotted_path) const;

  // Reads every part of the type's line not read yet: false when any of it is
  // malformed (a damaged catalog; a malformed property reads as a shape that accepts
  // anything). For tests and tools; nothing else needs to call it.
  bool complete() const;

  ResourceType();
  ~ResourceType();
  ResourceType(const ResourceType&) = delete;
  ResourceType& operator=(const ResourceType&) = delete;

  // Storage of every nested shape (stable addresses).
  std::deque<Shape> arena;
  // What of the line is still to be read, and the lock that reading it takes.
  std::unique_ptr<LazyShapes> lazy;
};

class Catalog {
 public:
  // The catalog embedded in the library.
  static const Catalog& builtin();

  // A catalog over caller-owned JSON-lines text in the format of the embedded
  // one (docs/catalog.md; entry lines sorted by type name, which find()
  // relies on).  `data` must outlive the Catalog.  Mostly for tests.
  explicit Catalog(std::string_view data);
  ~Catalog();
  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

  // The type, read on first request and cached; the shapes of its properties and its
  // definitions are read when first asked for (Property::shape).  nullptr when the
  // type is unknown, or when its catalog line is malformed (then contains() is true):
  // the JSON of all of the line is checked here, what a shape says when it is read.
  const ResourceType* find(std::string_view type_name) const;
  // Whether the catalog lists this type (cheap; does not parse it).
  bool contains(std::string_view type_name) const;
  // All type names, sorted.
  std::vector<std::string_view> type_names() const;
  std::size_t size() const;

  // cfn-lint's pattern facts for an AWS format ("AWS::EC2::VPC.Id"); nullptr if none.
  const FormatRule* format_rule(std::string_view format) const;
  // The types that take a policy attribute ("CreationPolicy", "UpdatePolicy"), sorted.
  const std::vector<std::string>& policy_types(std::string_view attribute) const;
  // Whether cfn-lint validates this standard format ("ipv4-network", "date-time").
  bool checks_standard_format(std::string_view format) const;

  // From the header line: the cfn-lint version and region the data came from.
  std::string_view cfn_lint_version() const;
  std::string_view region() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A custom resource type: `Custom::Name` (a name of letters, digits and `_`, at most 60
// characters, as the qualified names of the language spell it) or
// `AWS::CloudFormation::CustomResource`. Its properties and attributes are the function's.
bool is_custom_type(std::string_view type);

}  // namespace infrac::catalog

#endif  // INFRAC_CATALOG_CATALOG_H
