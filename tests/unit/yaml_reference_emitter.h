// The YAML emitter as it was before infrac wrote YAML itself: yaml-cpp's YAML::Emitter,
// then a pass adding blank lines. Kept for the differential test only
// (yaml_writer_differential_test.cpp): emit::yaml_of_document must give the same bytes.
#pragma once

#include <string>

#include "ir/template.h"

namespace infrac::test {

std::string reference_yaml_of_document(const ir::Value& doc);

}  // namespace infrac::test
