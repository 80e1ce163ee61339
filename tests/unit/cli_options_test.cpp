// The command line's rules: build's output format and the usage errors around it, and
// what an unknown command is told.
#include <catch2/catch.hpp>

#include "cli/command_names.h"
#include "cli/output_options.h"

using infrac::cli::choose_build_output;

TEST_CASE("build's format follows --format, else -o's extension, else YAML", "[cli]") {
  CHECK(choose_build_output({"", "", false, "text"}).format == "yaml");
  CHECK(choose_build_output({"", "json", false, "text"}).format == "json");
  CHECK(choose_build_output({"out/t.json", "", false, "text"}).format == "json");
  CHECK(choose_build_output({"t.JSON", "", false, "text"}).format == "json");
  CHECK(choose_build_output({"t.yml", "", false, "text"}).format == "yaml");
  CHECK(choose_build_output({"t.template", "json", false, "text"}).format == "json");
  CHECK(choose_build_output({"t.json", "json", false, "text"}).format == "json");
}

TEST_CASE("build's conflicting options are usage errors", "[cli]") {
  auto conflict = choose_build_output({"t.json", "yaml", false, "text"});
  CHECK(conflict.format.empty());
  CHECK(conflict.error.find("names a JSON file, but --format yaml") != std::string::npos);
  CHECK(choose_build_output({"", "", true, "text"}).error.find("give the directory with -o DIR") != std::string::npos);
  auto nested_file = choose_build_output({"p.yaml", "", true, "text"});
  CHECK(nested_file.error.find("name a directory, such as -o p") != std::string::npos);
  CHECK(choose_build_output({"stacks", "json", true, "text"}).format == "json");
  CHECK(choose_build_output({"", "", false, "sarif"}).error.find("with -o FILE") != std::string::npos);
  CHECK(choose_build_output({"", "", false, "json"}).error.find("--diagnostics-format json") != std::string::npos);
  CHECK(choose_build_output({"t.yaml", "", false, "sarif"}).error.empty());
}

TEST_CASE("an unknown command is named, with the nearest command", "[cli]") {
  std::vector<std::string> commands{"build", "check", "check-template", "explain"};
  CHECK(infrac::cli::unknown_command("biuld", commands) == "unknown command `biuld`; did you mean `build`?");
  CHECK(infrac::cli::unknown_command("chek", commands) == "unknown command `chek`; did you mean `check`?");
  CHECK(infrac::cli::unknown_command("zzzzzz", commands) ==
        "unknown command `zzzzzz`; the commands are: build, check, check-template, explain");
  CHECK_FALSE(infrac::cli::unknown_command("build", commands));
  CHECK_FALSE(infrac::cli::unknown_command("--help", commands));
}
