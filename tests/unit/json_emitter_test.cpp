// The JSON template writer never throws: a byte that is not UTF-8, which only a file read
// with `file` can bring into a value, is written as U+FFFD.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "compile_helpers.h"

TEST_CASE("a value that is not UTF-8 becomes U+FFFD in a JSON template", "[emit]") {
  char path[] = "/tmp/infrac-unit-XXXXXX.yaml";
  int fd = ::mkstemps(path, 5);
  REQUIRE(fd >= 0);
  const std::string yaml = "Name: \"caf\xe9\"\n";
  REQUIRE(::write(fd, yaml.data(), yaml.size()) == static_cast<ssize_t>(yaml.size()));
  ::close(fd);
  std::string source = std::string("resource topic: AWS::SNS::Topic {\n  TopicName = file(\"") + path + "\").Name\n}\n";
  infrac::test::Compiled c = infrac::test::compile_text(source, infrac::driver::Format::Json);
  ::unlink(path);
  REQUIRE(c.ok());
  nlohmann::json t = nlohmann::json::parse(c.output());
  CHECK(t["Resources"]["Topic"]["Properties"]["TopicName"] == "caf\xef\xbf\xbd");
}
