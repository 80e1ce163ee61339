// The emitters: the template IR as CloudFormation YAML (short-form tags such as `!Ref`)
// or JSON. Output is deterministic: the same IR gives the same bytes.
#pragma once

#include <string>

#include "ir/template.h"

namespace infrac::emit {

std::string to_yaml(const ir::Template& t);
std::string to_json(const ir::Template& t);

// The YAML of a document (emit/document.h: the template's sections as one mapping), as
// to_yaml writes it. Apart for the tests, which compare it with yaml-cpp's emitter on
// documents that no program compiles to.
std::string yaml_of_document(const ir::Value& doc);

}  // namespace infrac::emit
