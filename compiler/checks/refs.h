// Walking references in the template IR: which resource a `Ref` or `Fn::GetAtt` names,
// and the resources that point at a given one.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ir/template.h"

namespace infrac::checks {

class Refs {
 public:
  // Indexes the template's resources by logical ID and by type: the checks look one up
  // for every reference, so a search through the list would make them quadratic.
  explicit Refs(const ir::Template& t);

  const ir::Template& tmpl() const { return t_; }
  // The resources of `type`, in template order.
  const std::vector<const ir::Resource*>& of_type(std::string_view type) const;
  // The resource with this logical ID, or nullptr.
  const ir::Resource* resource(std::string_view logical_id) const;

  // The resource a `Ref` or `Fn::GetAtt` names, whatever its type; nullptr otherwise.
  const ir::Resource* target(const ir::Value* v) const;
  // The attribute of an `Fn::GetAtt` ("" for anything else).
  static std::string attribute(const ir::Value* v);

  // The resource of type `type` that `v` stands for: a `Ref` to it, an `Fn::GetAtt` of
  // it, or an `Fn::GetAtt` of an attribute that echoes a property naming it (the
  // `VpcId` of a subnet is its VPC). nullptr when `v` names nothing in the template.
  const ir::Resource* resolve(const ir::Value* v, std::string_view type) const;

  // Whether `v` stands for `r`.
  bool names(const ir::Value* v, const ir::Resource& r) const { return resolve(v, r.type) == &r; }

  // Resources of `type` whose property `key` (a single value or a list of them) names `r`.
  std::vector<const ir::Resource*> pointing_at(const ir::Resource& r, std::string_view type,
                                               std::string_view key) const;

 private:
  const ir::Resource* resolve(const ir::Value* v, std::string_view type, int depth) const;
  const ir::Template& t_;
  std::unordered_map<std::string_view, const ir::Resource*> by_id_;  // the first of an ID
  std::unordered_map<std::string_view, std::vector<const ir::Resource*>> by_type_;
};

// How diagnostics name a resource: its name in the program, else its logical ID.
std::string name_of(const ir::Resource& r);

}  // namespace infrac::checks
