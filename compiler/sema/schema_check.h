// Checks resource properties against the CloudFormation registry schemas of the
// catalog: unknown and missing properties, value kinds at any depth, enums, patterns,
// lengths, ranges, item counts, the combinations a schema allows and those it requires
// in some shapes only, the formats of literals (IDs, ARNs, CIDRs), which resource type
// each reference points at and whether what it returns is what the property takes. Deploy-time values are checked as far as their type
// allows. Takes evaluated values (sema or imported), reports to the engine.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "catalog/catalog.h"
#include "sema/program.h"

namespace infrac::sema {

class SchemaChecker {
 public:
  SchemaChecker(const Program& program, diag::Engine& diags) : program_(program), diags_(diags) {}

  // Checks one resource of the program; `r.schema` must be set (an unknown type is
  // reported by the checker that sets it).
  void check(const Resource& r);
  // Checks its `@creation_policy` and `@update_policy` against the shapes its type takes.
  void check_policies(const Resource& r);

 private:
  // The property path being checked (`Tags[0].Key`): object() and value() check what is
  // at path_, extend it for what they check inside and give it back as it was before
  // they return, so no path is built unless a message needs one.
  std::string path_;

  struct Field {
    const std::string* name;
    Span key_span;
    const Val* value;
  };
  void object(const std::vector<Field>& fields, const catalog::Shape& shape, const std::string& owner, Span at);
  void value(const Val& v, const catalog::Shape& shape);
  bool kinds_match(const Val& v, const catalog::Shape& shape, const std::string& path);
  void scalar_constraints(const Val& v, const catalog::Shape& shape, const std::string& path);
  void pattern_constraint(const Val& v, const std::string& text, const catalog::Shape& shape, const std::string& path,
                          const std::function<std::string()>& found);
  void reference(const Val& v, const catalog::Shape& shape, const std::string& path);
  void tags(const Resource& r);
  void all_ports(const Val& rule, const std::string& path, Span at);
  bool returned_value(const Val& v, const catalog::Shape& shape, const std::string& path);
  void conditionals(const std::vector<Field>& fields, const catalog::Shape& shape, const std::string& path,
                    const std::string& owner, Span at);
  void combinations(const std::vector<Field>& fields, const catalog::Shape& shape, const std::string& path,
                    const std::string& owner, Span at);

  void policy(const Resource& r, const Val& v, const catalog::Shape* shape, const char* attribute, const char* annotation,
              Span at);
  void policy_functions(const Val& v, const std::string& path);

  const Program& program_;
  diag::Engine& diags_;
  std::string type_;  // of the resource being checked
};

}  // namespace infrac::sema
