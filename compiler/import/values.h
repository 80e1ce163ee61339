// Template values to expressions: scalars, lists and maps as literals, intrinsic
// functions as the language's references, interpolations, operators and built-in
// functions. What has no counterpart is reported (E0910-E0912) and gives null.
#pragma once

#include <map>
#include <string>

#include "base/source.h"
#include "data/tree.h"
#include "diag/diagnostic.h"
#include "syntax/ast.h"

namespace infrac::importer {

// The names given to the template's logical IDs, by section.
struct Symbols {
  std::map<std::string, std::string, std::less<>> params, resources, conditions, mappings;
};

class Converter {
 public:
  Converter(FileId file, const Symbols& symbols, diag::Engine& diags) : file_(file), symbols_(symbols), diags_(diags) {}

  // A value where deploy-time values may be: a property, metadata, an output.
  ast::ExprPtr value(const data::Node& n);
  // A condition of the Conditions section, or of Fn::If.
  ast::ExprPtr condition(const data::Node& n);
  // A value of the template block, written as it is: intrinsic functions stay objects.
  ast::ExprPtr literal(const data::Node& n);
  // A plain scalar as the language writes it: a string, number or bool literal.
  ast::ExprPtr scalar(const data::Node& n);

  Span span(const data::Node& n) const;
  bool failed() const { return failed_; }
  // Reports `what` of `n` as something import cannot write (E0910).
  void unsupported(const data::Node& n, const std::string& what, const std::string& why);
  void malformed(const data::Node& n, const std::string& what, const std::string& expected);
  // Reports the null value of the entry whose key is `key` (E0910).
  void empty_value(const data::Node& key);

 private:
  ast::ExprPtr intrinsic(const std::string& fn, const data::Node& arg, const data::Node& at);
  ast::ExprPtr ref(const data::Node& arg);
  ast::ExprPtr get_att(const data::Node& arg);
  ast::ExprPtr sub(const data::Node& arg);
  ast::ExprPtr find_in_map(const data::Node& arg);
  ast::ExprPtr attribute(const std::string& resource, const std::string& attr, const data::Node& at);
  ast::ExprPtr placeholder(const std::string& name, const data::Node& at);
  ast::ExprPtr condition_name(const data::Node& n);
  ast::ExprPtr key(const data::Node& n, const std::string& what);
  ast::ExprPtr object(const data::Node& n, bool literal);
  // A scalar, list or mapping that is no intrinsic function, its items as `literal` says.
  ast::ExprPtr untagged_value(const data::Node& n, bool literal);
  const data::Node* args(const data::Node& arg, const std::string& fn, size_t count, const data::Node& at);

  FileId file_;
  const Symbols& symbols_;
  diag::Engine& diags_;
  bool failed_ = false;
  int depth_ = 0;
};

// The intrinsic function that `n` is, in the long form's name (`Ref`, `Fn::Sub`,
// `Condition`), with its argument: a tag's node, or the single entry's value. Empty
// when `n` is not one.
struct Intrinsic {
  std::string fn;
  data::NodeRef arg;
};
Intrinsic intrinsic_of(const data::Node& n);

bool is_pseudo_parameter(const std::string& name);

}  // namespace infrac::importer
