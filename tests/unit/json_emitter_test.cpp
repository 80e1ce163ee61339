// A value that is not UTF-8 cannot reach a template: a file read with `file` that is not
// UTF-8 is an error naming where, and nothing is written.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "compile_helpers.h"

TEST_CASE("a file() that is not UTF-8 is an error, not a template value", "[emit]") {
  char path[] = "/tmp/infrac-unit-XXXXXX.yaml";
  int fd = ::mkstemps(path, 5);
  REQUIRE(fd >= 0);
  const std::string yaml = "Name: \"caf\xe9\"\n";
  REQUIRE(::write(fd, yaml.data(), yaml.size()) == static_cast<ssize_t>(yaml.size()));
  ::close(fd);
  std::string source = std::string("resource topic: AWS::SNS::Topic {\n  TopicName = file(\"") + path + "\").Name\n}\n";
  infrac::test::Compiled c = infrac::test::compile_text(source, infrac::driver::Format::Json);
  ::unlink(path);
  CHECK_FALSE(c.ok());
  CHECK(c.has_code("E0425"));
  CHECK(c.diagnostics.find("it is not UTF-8 (at line 1, column 11)") != std::string::npos);
  CHECK(c.output().empty());
}
